/* test_kill.c — kill the saver (saver.c) with SIGKILL at random moments,
 * hundreds of times, and after each kill check the ledger:
 *
 *   - PRAGMA integrity_check says ok;
 *   - every record the saver reported as saved is there, and stays there;
 *   - every import is whole or absent (SAFETY_BATCH_ROWS rows or none of
 *     a batch), and every one reported as done is whole;
 *   - the counter kept by triggers (count_stats) equals a fresh count;
 *   - the last backup the saver made (if any) passes integrity_check.
 *
 * $MP_KILLS kills (400) within $MP_KILL_SECONDS seconds (120), whichever
 * comes first; at least 100 kills must have been done.  Prints the
 * figures at the end. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "safety.h"

struct seen {
	char **uuid;      /* saves reported as done */
	int nuuid, cap;
	long batches;     /* imports reported as done */
	long backups;
	long kills;
	long checks;      /* saves checked after kills (with repeats) */
};

static int failed;

static void fail(const char *what, const char *detail)
{
	fprintf(stderr, "FAIL: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
	failed = 1;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long one_long(sqlite3 *h, const char *sql, const char *arg)
{
	sqlite3_stmt *st = NULL;
	long v = -1;

	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK) {
		if (arg)
			sqlite3_bind_text(st, 1, arg, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW)
			v = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	return v;
}

static int sound(sqlite3 *h, const char *which)
{
	sqlite3_stmt *st = NULL;
	int ok = 0;

	if (sqlite3_prepare_v2(h, "PRAGMA integrity_check", -1, &st, NULL) == SQLITE_OK
	    && sqlite3_step(st) == SQLITE_ROW) {
		const char *r = (const char *)sqlite3_column_text(st, 0);
		ok = r && strcmp(r, "ok") == 0;
		if (!ok)
			fail(which, r ? r : "no answer");
	} else {
		fail(which, sqlite3_errmsg(h));
	}
	sqlite3_finalize(st);
	return ok;
}

static void check_batches(sqlite3 *h, const char *batch_acked)
{
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(h, "SELECT community, count(*) FROM groups"
	                       " WHERE community LIKE '" SAFETY_BATCH_PREFIX "%'"
	                       " GROUP BY community", -1, &st, NULL) != SQLITE_OK) {
		fail("batches", sqlite3_errmsg(h));
		return;
	}
	while (sqlite3_step(st) == SQLITE_ROW)
		if (sqlite3_column_int(st, 1) != SAFETY_BATCH_ROWS)
			fail("an import was half applied",
			     (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	if (batch_acked && one_long(h, "SELECT count(*) FROM groups WHERE community = ?",
	                            batch_acked) != SAFETY_BATCH_ROWS)
		fail("an import reported as done is not whole", batch_acked);
}

/* Check the ledger after a kill; first_new: the saves to look up one by
 * one (those reported since the last check), the rest by count. */
static void verify(const char *dbpath, const char *folder, struct seen *s,
                   int first_new, char **batches, int nbatches)
{
	sqlite3 *h = NULL;
	char copy[4096];
	struct stat sb;
	long saved;

	if (stat(dbpath, &sb) != 0) {
		if (s->nuuid || s->batches)
			fail("the ledger is gone", dbpath);
		return;
	}
	if (sqlite3_open_v2(dbpath, &h, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		fail("cannot open the ledger", sqlite3_errmsg(h));
		sqlite3_close(h);
		return;
	}
	sqlite3_busy_timeout(h, 5000);
	/* A kill while the ledger is first made may leave it after step 1
	 * (groups) and before step 2 (volunteers): nothing is saved in it
	 * before every step is done, so there is nothing to look up yet. */
	if (sound(h, "integrity_check of the ledger")
	    && one_long(h, "SELECT count(*) FROM sqlite_master WHERE name = 'volunteers'", NULL) == 1) {
		for (int i = first_new; i < s->nuuid; i++) {
			if (one_long(h, "SELECT (SELECT count(*) FROM groups WHERE uuid = ?1)"
			             " + (SELECT count(*) FROM volunteers WHERE uuid = ?1)",
			             s->uuid[i]) != 1)
				fail("a save reported as done is missing", s->uuid[i]);
			s->checks++;
		}
		saved = one_long(h, "SELECT (SELECT count(*) FROM groups WHERE name LIKE 'save-%')"
		                 " + (SELECT count(*) FROM volunteers WHERE name LIKE 'save-%')", NULL);
		if (saved < s->nuuid)
			fail("fewer saved records than were reported as done", NULL);
		check_batches(h, NULL);
		for (int i = 0; i < nbatches; i++)
			check_batches(h, batches[i]);
		/* Each schema step is its own transaction: a kill while the
		 * ledger is first made may leave it before step 4 (count_stats)
		 * until the next start. */
		if (one_long(h, "PRAGMA user_version", NULL) >= 4
		    && one_long(h, "SELECT n FROM count_stats WHERE name = 'volunteers_registered'", NULL)
		    != one_long(h, "SELECT count(*) FROM volunteers WHERE deleted_at IS NULL"
		                " AND state = '在册'", NULL))
			fail("the volunteer counter disagrees with a fresh count", NULL);
	} else if (s->nuuid) {
		fail("the ledger has no tables but saves were reported", NULL);
	}
	sqlite3_close(h);
	snprintf(copy, sizeof copy, "%s/%s", folder, SAFETY_BACKUP_NAME);
	if (stat(copy, &sb) == 0) {
		h = NULL;
		if (sqlite3_open_v2(copy, &h, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK)
			sound(h, "integrity_check of the backup");
		else
			fail("cannot open the backup", copy);
		sqlite3_close(h);
	}
}

/* Run the saver once, kill it after delay_us, collect what it reported. */
static void one_round(const char *saver, const char *dbpath, const char *folder,
                      long delay_us, struct seen *s)
{
	char seed[32], errlog[4096], buf[65536], *line, *save = NULL;
	char *batches[256];
	int p[2], status, nb = 0, first_new = s->nuuid;
	size_t len = 0;
	ssize_t r;
	pid_t pid;

	snprintf(seed, sizeof seed, "%ld", (long)rand());
	snprintf(errlog, sizeof errlog, "%s/saver.err", folder);
	if (pipe(p) != 0) {
		fail("pipe", strerror(errno));
		return;
	}
	pid = fork();
	if (pid == 0) {
		int fd = open(errlog, O_WRONLY | O_CREAT | O_APPEND, 0600);
		dup2(p[1], 1);
		if (fd >= 0)
			dup2(fd, 2);
		close(p[0]);
		close(p[1]);
		execl(saver, saver, dbpath, folder, seed, (char *)NULL);
		_exit(127);
	}
	close(p[1]);
	usleep((useconds_t)delay_us);
	kill(pid, SIGKILL);
	while ((r = read(p[0], buf + len, sizeof buf - 1 - len)) > 0 && len + (size_t)r < sizeof buf - 1)
		len += (size_t)r;
	close(p[0]);
	waitpid(pid, &status, 0);
	if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGKILL) {
		fail("the saver ended by itself before the kill (see saver.err)", NULL);
		return;
	}
	s->kills++;
	buf[len] = '\0';
	/* Only whole lines count: a line cut by the kill was not reported. */
	if (len > 0 && buf[len - 1] != '\n') {
		char *last = strrchr(buf, '\n');
		if (last)
			last[1] = '\0';
		else
			buf[0] = '\0';
	}
	for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (strncmp(line, "SAVED ", 6) == 0) {
			const char *u = strrchr(line, ' ') + 1;
			if (s->nuuid == s->cap) {
				s->cap = s->cap ? 2 * s->cap : 1024;
				s->uuid = realloc(s->uuid, (size_t)s->cap * sizeof *s->uuid);
				if (!s->uuid)
					abort();
			}
			s->uuid[s->nuuid++] = strdup(u);
		} else if (strncmp(line, "IMPORTED ", 9) == 0) {
			char *b = line + 9, *sp = strchr(b, ' ');
			if (sp)
				*sp = '\0';
			if (nb < 256)
				batches[nb++] = strdup(b);
			s->batches++;
		} else if (strncmp(line, "BACKUP ", 7) == 0) {
			s->backups++;
		}
	}
	verify(dbpath, folder, s, first_new, batches, nb);
	for (int i = 0; i < nb; i++)
		free(batches[i]);
}

int main(int argc, char **argv)
{
	const char *env_k = getenv("MP_KILLS"), *env_t = getenv("MP_KILL_SECONDS");
	long max_kills = env_k ? atol(env_k) : 400;
	double budget = env_t ? atof(env_t) : 120.0, start = now_s();
	char folder[] = "/tmp/miaopu-kill-XXXXXX", dbpath[4096], saver[4096], *self;
	struct seen s;
	long min_kills = max_kills < 100 ? max_kills : 100;

	(void)argc;
	memset(&s, 0, sizeof s);
	srand((unsigned)time(NULL) ^ (unsigned)getpid());
	self = strdup(argv[0]);
	snprintf(saver, sizeof saver, "%s/saver", dirname(self));
	free(self);
	if (!mkdtemp(folder)) {
		perror("mkdtemp");
		return 1;
	}
	snprintf(dbpath, sizeof dbpath, "%s/ledger.db", folder);
	while (s.kills < max_kills && now_s() - start < budget && !failed) {
		/* Mostly within the first 60 ms, now and then later, so that
		 * kills fall in opening, saving, importing and backing up. */
		long delay = rand() % 10 ? rand() % 60000 : rand() % 300000;
		one_round(saver, dbpath, folder, delay, &s);
	}
	/* Every save ever reported, once more at the end. */
	verify(dbpath, folder, &s, 0, NULL, 0);
	printf("kills: %ld in %.0f s\n", s.kills, now_s() - start);
	printf("saves reported as done: %d: each looked up after the kill that followed it and"
	       " again at the end (%ld look-ups); after every kill none were missing by count\n",
	       s.nuuid, s.checks);
	printf("imports reported as done: %ld (%d rows each), none half applied\n",
	       s.batches, SAFETY_BATCH_ROWS);
	printf("backups made while saving: %ld, the last one checked after each kill\n", s.backups);
	if (!failed && s.kills < min_kills)
		fail("too few kills in the time given", NULL);
	if (!failed && (s.nuuid == 0 || s.batches == 0))
		fail("the saver reported no save or no import: nothing was tested", NULL);
	if (!failed) {
		char cmd[4200];
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", folder);
		if (system(cmd) != 0)
			fprintf(stderr, "could not remove %s\n", folder);
	} else {
		fprintf(stderr, "the ledger is kept in %s\n", folder);
	}
	for (int i = 0; i < s.nuuid; i++)
		free(s.uuid[i]);
	free(s.uuid);
	return failed;
}
