/* file.c — writing a file whole or not at all, without harming what the
 * name stands for (mp_file.h). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "mp_file.h"
#include "mp_i18n.h"
#include "mp_text.h"

/* A symbolic link stands for its target: the target is written (in its
 * own folder), the link left as it is.  A link to nothing yet is
 * followed to where its target would be.  Returns a new string. */
static char *resolve(const char *path)
{
	char *cur = mp_strdup(path);

	for (int hops = 0; hops < 40; hops++) {
		char target[PATH_MAX], *next, *copy;
		ssize_t n;
		struct stat sb;

		if (lstat(cur, &sb) != 0 || !S_ISLNK(sb.st_mode))
			return cur;
		n = readlink(cur, target, sizeof target - 1);
		if (n <= 0)
			return cur;
		target[n] = '\0';
		if (target[0] == '/') {
			next = mp_strdup(target);
		} else {
			copy = mp_strdup(cur);
			next = mp_asprintf("%s/%s", dirname(copy), target);
			free(copy);
		}
		free(cur);
		cur = next;
	}
	return cur;   /* a loop of links: open() will say so */
}

static int fail_errno(mp_err *e, const char *path)
{
	int err = errno;

	return mp_err_set(e, err == ENOSPC || err == EFBIG ? MP_EFULL : MP_EIO,
	                  _("cannot write “%s”: %s"), path, strerror(err));
}

int mp_out_begin(mp_outfile *o, const char *path, mp_err *e)
{
	struct stat sb;
	int have;

	memset(o, 0, sizeof *o);
	o->fd = -1;
	o->path = resolve(path);
	have = stat(o->path, &sb) == 0;
	if (have && S_ISDIR(sb.st_mode)) {
		int rc = mp_err_set(e, MP_EIO, _("cannot write “%s”: %s"), path,
		                    strerror(EISDIR));
		mp_out_abort(o);
		return rc;
	}
	if (have && !S_ISREG(sb.st_mode)) {
		/* A device, a FIFO, a socket: what is written goes to it as
		 * it comes; there is nothing to replace. */
		o->direct = 1;
		o->fd = open(o->path, O_WRONLY | O_CLOEXEC | O_NOCTTY);
		if (o->fd < 0) {
			int rc = fail_errno(e, path);
			mp_out_abort(o);
			return rc;
		}
		o->name = o->path;
		return MP_OK;
	}
	/* A temporary beside the file, made here and nowhere else (O_EXCL,
	 * no link followed), readable by the owner only until it is whole. */
	for (int tries = 0; tries < 100; tries++) {
		free(o->tmp);
		o->tmp = mp_asprintf("%s.%ld-%u.tmp", o->path, (long)getpid(),
		                     ((unsigned)time(NULL) + (unsigned)tries * 7919u) % 100000u);
		o->fd = open(o->tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
		             0600);
		if (o->fd >= 0 || errno != EEXIST)
			break;
	}
	if (o->fd < 0) {
		/* (The file's own name in the message: the temporary's means
		 * nothing to the user.) */
		int rc = fail_errno(e, path);
		mp_out_abort(o);
		return rc;
	}
	/* A file that was there keeps its permissions (and, for root, its
	 * owner); a new one stays 0600: it holds people's details. */
	if (have) {
		if (fchmod(o->fd, sb.st_mode & 07777) != 0) {
			int rc = fail_errno(e, path);
			mp_out_abort(o);
			return rc;
		}
		if (geteuid() == 0 && fchown(o->fd, sb.st_uid, sb.st_gid) != 0) {
			/* Kept as root's: no harm, the permissions are kept. */
		}
	}
	o->name = o->tmp;
	return MP_OK;
}

int mp_out_commit(mp_outfile *o, mp_err *e)
{
	int rc = MP_OK;

	if (o->fd >= 0 && !o->direct && fsync(o->fd) != 0)
		rc = fail_errno(e, o->path);
	if (o->fd >= 0 && close(o->fd) != 0 && rc == MP_OK)
		rc = fail_errno(e, o->path);
	o->fd = -1;
	if (rc == MP_OK && !o->direct) {
		char *copy;
		int dfd;

		if (rename(o->tmp, o->path) != 0) {
			rc = mp_err_set(e, MP_EIO, _("cannot rename “%s” to “%s”: %s"),
			                o->tmp, o->path, strerror(errno));
		} else {
			free(o->tmp);
			o->tmp = NULL;
			copy = mp_strdup(o->path);
			dfd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
			if (dfd >= 0) {
				fsync(dfd);
				close(dfd);
			}
			free(copy);
		}
	}
	mp_out_abort(o);
	return rc;
}

void mp_out_abort(mp_outfile *o)
{
	if (o->fd >= 0)
		close(o->fd);
	o->fd = -1;
	if (o->tmp)
		unlink(o->tmp);
	free(o->tmp);
	free(o->path);
	o->tmp = o->path = NULL;
	o->name = NULL;
}

int mp_write_file(const char *path, mp_file_writer fn, void *ctx, mp_err *e)
{
	mp_outfile o;
	FILE *f;
	int rc, fd;

	rc = mp_out_begin(&o, path, e);
	if (rc != MP_OK)
		return rc;
	fd = dup(o.fd);
	f = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (!f) {
		if (fd >= 0)
			close(fd);
		mp_out_abort(&o);
		return mp_err_set(e, MP_ENOMEM, _("out of memory"));
	}
	/* A file of hundreds of megabytes goes out in 256 KiB writes, not
	 * the block size's 4 KiB. */
	setvbuf(f, NULL, _IOFBF, 1 << 18);
	rc = fn(ctx, f, e);
	if (rc == MP_OK && fflush(f) == EOF)
		rc = fail_errno(e, o.path);
	if (fclose(f) != 0 && rc == MP_OK)
		rc = fail_errno(e, o.path);
	if (rc != MP_OK) {
		mp_out_abort(&o);
		return rc;
	}
	return mp_out_commit(&o, e);
}
