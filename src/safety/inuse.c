/* inuse.c — the LEDGER-inuse file and its locks (mp_inuse.h).
 *
 * The file is a row of slots of SLOT bytes.  Each miaopu that has the
 * ledger open holds an open-file-description lock (F_OFD_SETLK) on one
 * slot and writes its description there (operator, computer, process,
 * since when, and what long job it is doing, if any).  So the ledger is in
 * use exactly while some slot is locked, however many miaopus come and go
 * and in whatever order; the OS drops the locks of a process that dies,
 * even by SIGKILL, and a slot with words in it but no lock is what a
 * miaopu that did not close left behind.
 *
 * A restore locks the whole file (every slot and the job byte): it gets
 * that only while nobody holds a slot, and while it holds it nobody can
 * take one.  A long job (an import, a backup) locks the job byte beyond
 * the slots, so that two of them take turns.
 *
 * The last miaopu to leave removes the file while it still holds the
 * whole of it; one that opened the file just before that finds, once its
 * lock is taken, that the name no longer leads to its file, and starts
 * again with a new one. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "mp_db.h"
#include "mp_i18n.h"
#include "mp_inuse.h"
#include "mp_text.h"

#define SLOT 256
#define MAX_SLOTS 64
#define JOB_BYTE ((off_t)1 << 20)
#define POLL_MS 25

static int held_fd = -1;
static int held_slot = -1;
static int held_all;           /* the whole file (a restore) */
static int job_held;
static char *held_path;
static char held_text[SLOT];   /* our slot's words, without the job */
static int last_unclean;
static pid_t held_by;          /* the process that took it (not a fork) */

static char *inuse_path(const char *dbpath)
{
	return mp_asprintf("%s-inuse", dbpath);
}

static int lock_range(int fd, int cmd, short type, off_t start, off_t len,
                      struct flock *fl)
{
	struct flock tmp;

	if (!fl)
		fl = &tmp;
	memset(fl, 0, sizeof *fl);
	fl->l_type = type;
	fl->l_whence = SEEK_SET;
	fl->l_start = start;
	fl->l_len = len;
	fl->l_pid = 0;   /* must be 0 for OFD locks */
	return fcntl(fd, cmd, fl);
}

/* Is the range held by another open file description? */
static int range_held(int fd, off_t start, off_t len)
{
	struct flock fl;

	return lock_range(fd, F_OFD_GETLK, F_WRLCK, start, len, &fl) == 0
	       && fl.l_type != F_UNLCK;
}

static void sleep_ms(int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The slot's words; "" when it is blank. */
static void read_slot(int fd, int slot, char *buf)
{
	ssize_t n = pread(fd, buf, SLOT - 1, (off_t)slot * SLOT);
	int blank = 1;

	buf[n > 0 ? n : 0] = '\0';
	for (char *p = buf; *p; p++)
		if (*p != '\n' && *p != ' ')
			blank = 0;
	if (blank)
		buf[0] = '\0';
}

static void write_slot(int fd, int slot, const char *text)
{
	char buf[SLOT];
	size_t n = strlen(text);

	if (n > SLOT - 1)
		n = SLOT - 1;
	memset(buf, '\n', sizeof buf);
	memcpy(buf, text, n);
	if (pwrite(fd, buf, sizeof buf, (off_t)slot * SLOT) != (ssize_t)sizeof buf)
		return;   /* the words are for people; the lock is what counts */
}

static int nslots(int fd)
{
	struct stat sb;
	off_t n;

	if (fstat(fd, &sb) != 0)
		return 0;
	n = (sb.st_size + SLOT - 1) / SLOT;
	return n > MAX_SLOTS ? MAX_SLOTS : (int)n;
}

/* One holder from its slot's lines: name, host, pid, since, job, job's
 * start. */
static void describe_text(char *text, char *out, size_t size)
{
	char *line[6] = { NULL, NULL, NULL, NULL, NULL, NULL }, *p;
	int i = 0;

	for (p = text; i < 6 && p && *p; i++) {
		line[i] = p;
		p = strchr(p, '\n');
		if (p)
			*p++ = '\0';
	}
	if (!line[1] || !*line[1]) {
		snprintf(out, size, "%s", _("another miaopu"));
		return;
	}
	if (line[4] && *line[4])
		/* TRANSLATORS: who, computer, process, what it is doing
		 * (importing, backing up, restoring), since when. */
		snprintf(out, size, _("%s on %s (process %s), %s since %s"),
		         line[0] && *line[0] ? line[0] : _("someone"), line[1],
		         line[2] ? line[2] : "?", _(line[4]),
		         line[5] && *line[5] ? line[5] : "?");
	else
		snprintf(out, size, _("%s on %s, process %s, since %s"),
		         line[0] && *line[0] ? line[0] : _("someone"), line[1],
		         line[2] ? line[2] : "?", line[3] ? line[3] : "?");
}

/* Everyone but us holding a slot of fd, joined with "; ".  jobs_only:
 * only those doing a long job.  Returns how many. */
static int describe_holders(int fd, int jobs_only, char *who, size_t size)
{
	char buf[SLOT], one[512];
	int n = 0, count = nslots(fd);
	size_t used = 0;

	if (who && size)
		who[0] = '\0';
	for (int i = 0; i < count; i++) {
		if (i == held_slot && fd == held_fd)
			continue;
		read_slot(fd, i, buf);
		if (!buf[0] || !range_held(fd, (off_t)i * SLOT, SLOT))
			continue;
		if (jobs_only) {
			/* the fifth line: the job */
			char *p = buf;
			for (int k = 0; k < 4 && p; k++) {
				p = strchr(p, '\n');
				if (p)
					p++;
			}
			if (!p || !*p || *p == '\n')
				continue;
		}
		describe_text(buf, one, sizeof one);
		if (who && size > used + 1) {
			snprintf(who + used, size - used, "%s%s", n ? "; " : "", one);
			used = strlen(who);
		}
		n++;
	}
	return n;
}

static void fill_who_default(char *who, size_t size)
{
	if (who && size && !who[0])
		snprintf(who, size, "%s", _("another miaopu"));
}

/* The words of our slot: operator, computer, process, since. */
static void make_text(const char *operator_name)
{
	char host[256] = "", now[20];

	gethostname(host, sizeof host - 1);
	mp_now(now);
	snprintf(held_text, sizeof held_text, "%s\n%s\n%ld\n%s\n",
	         operator_name ? operator_name : "", host, (long)getpid(), now);
}

static void write_own(const char *job)
{
	char text[2 * SLOT], now[20];

	if (held_fd < 0)
		return;
	if (job) {
		mp_now(now);
		snprintf(text, sizeof text, "%s%s\n%s\n", held_text, job, now);
	} else {
		snprintf(text, sizeof text, "%s", held_text);
	}
	write_slot(held_fd, held_slot, text);
}

/* Does the name still lead to the file fd has open? */
static int same_file(int fd, const char *path)
{
	struct stat a, b;

	return fstat(fd, &a) == 0 && stat(path, &b) == 0
	       && a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

/* Clear the words of slots nobody holds (left by a miaopu that did not
 * close); nonzero when there were any.  all: we hold the whole file (a
 * restore): then no slot is locked or unlocked on its own, which would
 * punch a hole in our lock for another miaopu to take. */
static int clear_stale(int fd, int all)
{
	char buf[SLOT];
	int found = 0, count = nslots(fd);

	for (int i = 0; i < count; i++) {
		if (i == held_slot)
			continue;
		read_slot(fd, i, buf);
		if (!buf[0])
			continue;
		if (all) {
			found = 1;
			write_slot(fd, i, "");
		} else if (lock_range(fd, F_OFD_SETLK, F_WRLCK, (off_t)i * SLOT, SLOT, NULL) == 0) {
			found = 1;
			write_slot(fd, i, "");
			lock_range(fd, F_OFD_SETLK, F_UNLCK, (off_t)i * SLOT, SLOT, NULL);
		}
	}
	return found;
}

static int open_failed(char *path)
{
	int err = errno;

	free(path);
	return err == EACCES || err == EROFS || err == EPERM ? MP_EREADONLY : MP_EIO;
}

/* Did a lock fail because someone holds it (not because the file system
 * has no such locks: an old network share)? */
static int held_elsewhere(int err)
{
	return err == EAGAIN || err == EACCES;
}

/* No locks on this file system: nothing can be held, which is no reason
 * not to go on (as in a read-only folder). */
static int no_locks(int fd, char *path)
{
	close(fd);
	free(path);
	return MP_EIO;
}

int mp_inuse_last_unclean(void)
{
	return last_unclean;
}

int mp_inuse_take(const char *dbpath, const char *operator_name,
                  char *who, size_t size)
{
	char *path = inuse_path(dbpath), buf[SLOT];
	long long deadline = now_ms() + MP_INUSE_WAIT_MS;
	int fd, slot;

	if (who && size)
		who[0] = '\0';
	mp_inuse_release();
	last_unclean = 0;
	for (;;) {
		fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
		if (fd < 0)
			return open_failed(path);
		slot = -1;
		for (int i = 0; i < MAX_SLOTS && slot < 0; i++) {
			if (lock_range(fd, F_OFD_SETLK, F_WRLCK, (off_t)i * SLOT, SLOT, NULL) == 0)
				slot = i;
			else if (!held_elsewhere(errno))
				return no_locks(fd, path);
		}
		if (slot >= 0 && same_file(fd, path))
			break;
		if (slot < 0) {
			/* Every slot held: a restore holds the whole file. */
			if (now_ms() >= deadline) {
				describe_holders(fd, 0, who, size);
				fill_who_default(who, size);
				close(fd);
				free(path);
				return MP_EBUSY;
			}
			sleep_ms(POLL_MS);
		}
		close(fd);   /* the name was removed under us: again */
	}
	held_fd = fd;
	held_slot = slot;
	held_path = path;
	held_by = getpid();
	/* Words in our slot, or in another one nobody holds: a miaopu on
	 * this ledger did not close (killed, crashed, the power cut). */
	read_slot(fd, slot, buf);
	last_unclean = buf[0] != '\0';
	if (clear_stale(fd, 0))
		last_unclean = 1;
	make_text(operator_name);
	write_own(NULL);
	describe_holders(fd, 0, who, size);
	return MP_OK;
}

int mp_inuse_exclusive(const char *dbpath, const char *operator_name,
                       const char *job, char *who, size_t size)
{
	char *path = inuse_path(dbpath);
	int fd;

	if (who && size)
		who[0] = '\0';
	mp_inuse_release();
	last_unclean = 0;
	for (;;) {
		fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
		if (fd < 0)
			return open_failed(path);
		if (lock_range(fd, F_OFD_SETLK, F_WRLCK, 0, 0, NULL) != 0) {
			if (!held_elsewhere(errno))
				return no_locks(fd, path);
			describe_holders(fd, 0, who, size);
			fill_who_default(who, size);
			close(fd);
			free(path);
			return MP_EBUSY;
		}
		if (same_file(fd, path))
			break;
		close(fd);
	}
	held_fd = fd;
	held_slot = 0;
	held_all = 1;
	held_by = getpid();
	held_path = path;
	{
		char buf[SLOT];
		read_slot(fd, 0, buf);
		last_unclean = buf[0] != '\0';
	}
	if (clear_stale(fd, 1))
		last_unclean = 1;
	make_text(operator_name);
	write_own(job);
	return MP_OK;
}

int mp_inuse_job_begin(const char *job, int wait_ms, int *waited,
                       char *who, size_t size)
{
	long long start = now_ms();
	int said = 0;

	if (waited)
		*waited = 0;
	if (who && size)
		who[0] = '\0';
	if (held_fd < 0 || held_all || job_held) {
		if (job_held)
			write_own(job);
		return MP_OK;   /* no mark (a read-only folder), or ours already */
	}
	while (lock_range(held_fd, F_OFD_SETLK, F_WRLCK, JOB_BYTE, 1, NULL) != 0) {
		if (!held_elsewhere(errno))
			return MP_OK;   /* no locks here: no turns either */
		if (!said) {
			/* Who it is, while it is still there to say. */
			describe_holders(held_fd, 1, who, size);
			said = 1;
		}
		if (waited)
			*waited = 1;
		if (now_ms() - start >= wait_ms) {
			if (who && size && !who[0])
				describe_holders(held_fd, 1, who, size);
			fill_who_default(who, size);
			return MP_EBUSY;
		}
		sleep_ms(POLL_MS);
	}
	job_held = 1;
	write_own(job);
	return MP_OK;
}

void mp_inuse_job_end(void)
{
	if (held_fd < 0 || !job_held)
		return;
	write_own(NULL);
	if (!held_all)
		lock_range(held_fd, F_OFD_SETLK, F_UNLCK, JOB_BYTE, 1, NULL);
	job_held = 0;
}

void mp_inuse_release(void)
{
	if (held_fd < 0)
		return;
	/* A forked child shares our open file and its locks: it lets go
	 * of its copy of the descriptor and touches nothing else. */
	if (held_by != getpid()) {
		close(held_fd);
		free(held_path);
		held_fd = -1;
		held_slot = -1;
		held_all = 0;
		job_held = 0;
		held_path = NULL;
		return;
	}
	write_slot(held_fd, held_slot, "");
	/* The last one out removes the file, holding all of it meanwhile. */
	if (held_all || lock_range(held_fd, F_OFD_SETLK, F_WRLCK, 0, 0, NULL) == 0)
		unlink(held_path);
	close(held_fd);
	free(held_path);
	held_fd = -1;
	held_slot = -1;
	held_all = 0;
	job_held = 0;
	held_path = NULL;
}

const char *mp_inuse_held_path(void)
{
	return held_path;
}

int mp_inuse_who(const char *dbpath, char *who, size_t size)
{
	char *path = inuse_path(dbpath);
	int fd, n;

	if (who && size)
		who[0] = '\0';
	/* Those at a long job first: they are the likely writers. */
	if (held_path && strcmp(held_path, path) == 0) {
		n = describe_holders(held_fd, 1, who, size);
		if (!n)
			n = describe_holders(held_fd, 0, who, size);
		free(path);
		return n > 0;
	}
	fd = open(path, O_RDONLY | O_CLOEXEC);
	free(path);
	if (fd < 0)
		return 0;
	n = describe_holders(fd, 1, who, size);
	if (!n)
		n = describe_holders(fd, 0, who, size);
	if (!n && range_held(fd, 0, 0)) {
		/* Held but no words yet: one is just starting. */
		fill_who_default(who, size);
		n = 1;
	}
	close(fd);
	return n > 0;
}
