/* inuse.c — the LEDGER-inuse file and its lock (mp_inuse.h). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mp_db.h"
#include "mp_i18n.h"
#include "mp_inuse.h"
#include "mp_text.h"

static int held_fd = -1;
static char *held_path;

static char *inuse_path(const char *dbpath)
{
	return mp_asprintf("%s-inuse", dbpath);
}

static int lock_cmd(int fd, int cmd, struct flock *fl)
{
	memset(fl, 0, sizeof *fl);
	fl->l_type = F_WRLCK;
	fl->l_whence = SEEK_SET;
	fl->l_start = 0;
	fl->l_len = 0;
	fl->l_pid = 0;   /* must be 0 for OFD locks */
	return fcntl(fd, cmd, fl);
}

/* The holder's description from the file's lines: name, host, pid, since. */
static void describe(int fd, char *who, size_t size)
{
	char buf[512], *line[4] = { NULL, NULL, NULL, NULL }, *p;
	ssize_t n;
	int i = 0;

	if (!who || !size)
		return;
	n = pread(fd, buf, sizeof buf - 1, 0);
	buf[n > 0 ? n : 0] = '\0';
	for (p = buf; i < 4 && p && *p; i++) {
		line[i] = p;
		p = strchr(p, '\n');
		if (p)
			*p++ = '\0';
	}
	if (!line[1]) {
		snprintf(who, size, "%s", _("another miaopu"));
		return;
	}
	snprintf(who, size, _("%s on %s, process %s, since %s"),
	         line[0] && *line[0] ? line[0] : _("someone"), line[1],
	         line[2] ? line[2] : "?", line[3] ? line[3] : "?");
}

static int last_unclean;

int mp_inuse_last_unclean(void)
{
	return last_unclean;
}

int mp_inuse_take(const char *dbpath, const char *operator_name,
                  char *who, size_t size)
{
	char *path = inuse_path(dbpath), host[256] = "", now[20];
	struct flock fl;
	FILE *f;
	int fd, err;

	if (who && size)
		who[0] = '\0';
	mp_inuse_release();
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0) {
		err = errno;
		free(path);
		return err == EACCES || err == EROFS ? MP_EREADONLY : MP_EIO;
	}
	if (lock_cmd(fd, F_OFD_SETLK, &fl) != 0) {
		describe(fd, who, size);
		close(fd);
		free(path);
		return MP_EBUSY;
	}
	/* A mark with something in it but no lock: the last miaopu on this
	 * ledger did not close (killed, crashed, the power cut). */
	{
		struct stat sb;
		last_unclean = fstat(fd, &sb) == 0 && sb.st_size > 0;
	}
	gethostname(host, sizeof host - 1);
	mp_now(now);
	if (ftruncate(fd, 0) == 0) {
		f = fdopen(dup(fd), "w");
		if (f) {
			fprintf(f, "%s\n%s\n%ld\n%s\n",
			        operator_name ? operator_name : "", host,
			        (long)getpid(), now);
			fclose(f);
		}
	}
	held_fd = fd;
	held_path = path;
	return MP_OK;
}

void mp_inuse_release(void)
{
	if (held_fd < 0)
		return;
	unlink(held_path);
	close(held_fd);
	free(held_path);
	held_fd = -1;
	held_path = NULL;
}

int mp_inuse_who(const char *dbpath, char *who, size_t size)
{
	char *path = inuse_path(dbpath);
	struct flock fl;
	int fd, held = 0;

	if (held_path && strcmp(held_path, path) == 0) {
		free(path);
		return 0;
	}
	fd = open(path, O_RDONLY | O_CLOEXEC);
	free(path);
	if (fd < 0)
		return 0;
	if (lock_cmd(fd, F_OFD_GETLK, &fl) == 0 && fl.l_type != F_UNLCK) {
		held = 1;
		describe(fd, who, size);
	}
	close(fd);
	return held;
}
