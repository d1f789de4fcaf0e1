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
 * comes first; at least 100 kills must have been done.
 *
 * Then the real program, two commands at once on one ledger (pairs.c's
 * part, below): `miaopu import` beside `miaopu restore` or `miaopu
 * backup`, one or both killed at a random moment (or neither), and after
 * each round:
 *
 *   - the ledger passes integrity_check, and every imported batch in it
 *     is whole or absent;
 *   - an import that said it was done is whole in the ledger, or (when a
 *     restore said it was done after it) in the ledger the restore set
 *     aside: else an import and a restore both reported success where
 *     one must have lost;
 *   - a backup that said it was done passes integrity_check and holds
 *     each batch whole or not at all;
 *   - the temporary copies the kills left in the backup folder are all
 *     removed by the next backup.
 *
 * $MP_PAIRS rounds (300) within $MP_PAIR_SECONDS seconds (45); at least
 * 30 kills (a sanitizer build on a loaded machine does some 90).  Prints
 * the figures at the end. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
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

/* ---- two commands at once: the real program ---- */

#define PAIR_ROWS 200
#define PAIR_PREFIX "对"

struct pairs {
	long rounds, kills, imports_done, restores_done, backups_done;
	long both_done;       /* import and restore both said done (in turn) */
	long lost_pairs;      /* ... where one must have lost */
	long lost_acked;      /* an import said done, its rows nowhere */
	long half, corrupt, bad_backups;
	long leftovers, leftovers_removed, leftovers_remaining;
};

struct cmd {
	pid_t pid;
	int status;
	char out[4096];
};

static const char *miaopu_bin;

static void cmd_start(struct cmd *c, const char *folder, const char *tag,
                      const char *const *args)
{
	char outp[4096], errp[4096];
	const char *argv[16];
	int n = 0;

	snprintf(outp, sizeof outp, "%s/%s.out", folder, tag);
	snprintf(errp, sizeof errp, "%s/%s.err", folder, tag);
	argv[n++] = miaopu_bin;
	while (*args && n < 15)
		argv[n++] = *args++;
	argv[n] = NULL;
	c->out[0] = '\0';
	c->pid = fork();
	if (c->pid == 0) {
		int o = open(outp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		int e = open(errp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		if (o >= 0)
			dup2(o, 1);
		if (e >= 0)
			dup2(e, 2);
		execv(miaopu_bin, (char *const *)argv);
		_exit(127);
	}
}

/* Wait; nonzero when it was killed.  Its output goes to c->out. */
static int cmd_wait(struct cmd *c, const char *folder, const char *tag)
{
	char outp[4096];
	FILE *f;
	size_t n;

	waitpid(c->pid, &c->status, 0);
	snprintf(outp, sizeof outp, "%s/%s.out", folder, tag);
	f = fopen(outp, "r");
	n = f ? fread(c->out, 1, sizeof c->out - 1, f) : 0;
	c->out[n] = '\0';
	if (f)
		fclose(f);
	return WIFSIGNALED(c->status);
}

static int cmd_done(const struct cmd *c)
{
	return WIFEXITED(c->status) && WEXITSTATUS(c->status) == 0;
}

/* The file named after “ in the line of out that begins with lead. */
static int quoted_after(const char *out, const char *lead, char *file, size_t size)
{
	const char *p = strstr(out, lead), *q, *end;

	if (!p || !(q = strstr(p, "\xe2\x80\x9c")) || !(end = strstr(q + 3, "\xe2\x80\x9d")))
		return 0;
	snprintf(file, size, "%.*s", (int)(end - q - 3), q + 3);
	return 1;
}

static sqlite3 *open_ro(const char *path)
{
	sqlite3 *h = NULL;

	if (sqlite3_open_v2(path, &h, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		sqlite3_close(h);
		return NULL;
	}
	sqlite3_busy_timeout(h, 5000);
	return h;
}

/* integrity_check and whole batches of the file path; the rows of batch
 * (or -1 when the file cannot be read). */
static long pair_check(const char *path, const char *batch, struct pairs *p,
                       const char *which)
{
	sqlite3 *h = open_ro(path);
	sqlite3_stmt *st = NULL;
	long rows;

	if (!h) {
		fail("cannot open", path);
		p->corrupt++;
		return -1;
	}
	if (!sound(h, which))
		p->corrupt++;
	if (sqlite3_prepare_v2(h, "SELECT community, count(*) FROM groups WHERE community LIKE '"
	                       PAIR_PREFIX "%' GROUP BY community", -1, &st, NULL) == SQLITE_OK) {
		while (sqlite3_step(st) == SQLITE_ROW)
			if (sqlite3_column_int(st, 1) != PAIR_ROWS) {
				p->half++;
				fail("an import was half applied", (const char *)sqlite3_column_text(st, 0));
			}
	}
	sqlite3_finalize(st);
	rows = one_long(h, "SELECT count(*) FROM groups WHERE community = ?", batch);
	sqlite3_close(h);
	return rows;
}

static void remove_with_wal(const char *path)
{
	char side[4200];

	unlink(path);
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
}

/* The temporary copies in folder: how many; those not seen before are
 * added to seen (when not NULL). */
static char **seen_tmp;
static int nseen_tmp;

static int count_tmp(const char *folder, long *seen)
{
	DIR *d = opendir(folder);
	struct dirent *ent;
	int n = 0;

	while (d && (ent = readdir(d)) != NULL) {
		int known = 0;

		if (!strstr(ent->d_name, ".tmp"))
			continue;
		n++;
		if (!seen)
			continue;
		for (int i = 0; i < nseen_tmp && !known; i++)
			known = strcmp(seen_tmp[i], ent->d_name) == 0;
		if (!known) {
			char **more = realloc(seen_tmp, (size_t)(nseen_tmp + 1) * sizeof *seen_tmp);
			if (!more)
				abort();
			seen_tmp = more;
			seen_tmp[nseen_tmp++] = strdup(ent->d_name);
			(*seen)++;
		}
	}
	if (d)
		closedir(d);
	return n;
}

static void pair_round(const char *folder, const char *dbpath, const char *copy,
                       const char *bk, long round, struct pairs *p)
{
	char batch[64], csv[4200], file[4096], aside[4096];
	const char *imp[] = { "--db", dbpath, "import", "groups", csv, NULL };
	const char *res[] = { "--db", dbpath, "restore", copy, NULL };
	const char *bak[] = { "--db", dbpath, "backup", NULL };
	int restore = rand() % 2, victim = rand() % 4, killed_a, killed_b;
	struct cmd a, b;
	long rows;
	FILE *f;

	snprintf(batch, sizeof batch, "%s-%ld", PAIR_PREFIX, round);
	snprintf(csv, sizeof csv, "%s/%s.csv", folder, batch);
	f = fopen(csv, "w");
	if (!f) {
		fail("cannot write", csv);
		return;
	}
	fprintf(f, "组织名称,所属社区(村)\n");
	for (int i = 0; i < PAIR_ROWS; i++)
		fprintf(f, "对组织%ld-%d,%s\n", round, i, batch);
	fclose(f);
	/* The import first or the other first, a moment apart or not. */
	if (rand() % 2) {
		cmd_start(&a, folder, "a", imp);
		usleep((useconds_t)(rand() % 20000));
		cmd_start(&b, folder, "b", restore ? res : bak);
	} else {
		cmd_start(&b, folder, "b", restore ? res : bak);
		usleep((useconds_t)(rand() % 20000));
		cmd_start(&a, folder, "a", imp);
	}
	usleep((useconds_t)(rand() % 4 ? rand() % 60000 : rand() % 150000));
	if (victim == 0 || victim == 2)
		kill(a.pid, SIGKILL);
	if (victim == 1 || victim == 2)
		kill(b.pid, SIGKILL);
	killed_a = cmd_wait(&a, folder, "a");
	killed_b = cmd_wait(&b, folder, "b");
	p->kills += killed_a + killed_b;
	p->rounds++;
	unlink(csv);

	rows = pair_check(dbpath, batch, p, "integrity_check of the ledger");
	if (cmd_done(&a))
		p->imports_done++;
	if (restore && cmd_done(&b))
		p->restores_done++;
	if (!restore && cmd_done(&b))
		p->backups_done++;
	aside[0] = '\0';
	if (restore && cmd_done(&b))
		quoted_after(b.out, "the ledger as it was before is kept as", aside, sizeof aside);
	if (cmd_done(&a) && rows != PAIR_ROWS) {
		/* Not in the ledger: a restore that came after it set it
		 * aside, whole, or it was lost. */
		long there = aside[0] ? pair_check(aside, batch, p, "integrity_check of the set-aside ledger") : -1;

		if (there != PAIR_ROWS) {
			if (restore && cmd_done(&b)) {
				p->lost_pairs++;
				fail("an import and a restore both said done, and the import is lost", batch);
				fprintf(stderr, "import: %s\nrestore: %s\nset aside: %s (%ld rows of the batch); ledger: %ld\n",
				        a.out, b.out, aside, there, rows);
				aside[0] = '\0';   /* kept to look at */
			} else {
				p->lost_acked++;
				fail("an import said done, and its rows are not in the ledger", batch);
			}
		}
	}
	if (restore && cmd_done(&a) && cmd_done(&b))
		p->both_done++;
	if (!restore && cmd_done(&b)) {
		if (quoted_after(b.out, "backup written to", file, sizeof file)) {
			if (pair_check(file, batch, p, "integrity_check of a backup") < 0)
				p->bad_backups++;
			remove_with_wal(file);
		} else {
			p->bad_backups++;
			fail("a backup said done without naming its file", b.out);
		}
	}
	if (aside[0])
		remove_with_wal(aside);
	/* What the kills left in the backup folder (the next import or
	 * backup removes it). */
	count_tmp(bk, &p->leftovers);
}

static void pairs_run(const char *folder, double budget, long max_rounds)
{
	char dir[4096], dbpath[4200], copy[4200], bk[4300], env[4400];
	const char *init[3];
	struct pairs p;
	struct cmd c;
	double start = now_s();

	memset(&p, 0, sizeof p);
	snprintf(dir, sizeof dir, "%s/pairs", folder);
	mkdir(dir, 0700);
	snprintf(dbpath, sizeof dbpath, "%s/ledger.db", dir);
	snprintf(copy, sizeof copy, "%s/copy.db", dir);
	snprintf(bk, sizeof bk, "%s/苗圃备份", dir);
	/* English words, and settings of its own. */
	setenv("LC_ALL", "C", 1);
	setenv("LANG", "C", 1);
	unsetenv("LANGUAGE");
	snprintf(env, sizeof env, "%s/config", dir);
	setenv("XDG_CONFIG_HOME", env, 1);
	snprintf(env, sizeof env, "%s/data", dir);
	setenv("XDG_DATA_HOME", env, 1);
	{
		/* A ledger with something in it, and the copy restores go
		 * back to. */
		FILE *f;
		char csv[4300];
		const char *imp[] = { "--db", dbpath, "import", "groups", csv, NULL };
		const char *bak[] = { "--db", dbpath, "backup", "-o", copy, NULL };

		snprintf(csv, sizeof csv, "%s/first.csv", dir);
		f = fopen(csv, "w");
		/* Big enough that a kill falls inside a copy now and then
		 * (the copy before an import, a backup), leaving its
		 * temporary file for the next backup to remove. */
		if (f) {
			fprintf(f, "组织名称,所属社区(村),备注\n");
			for (int i = 0; i < 1500; i++)
				fprintf(f, "起初的组织%d,起初,%s\n", i,
				        "这一行的备注写得长一些，好让台账大一些，复制它要多花一点时间。");
			fclose(f);
		}
		close(open(dbpath, O_WRONLY | O_CREAT, 0600));
		cmd_start(&c, dir, "init", imp);
		cmd_wait(&c, dir, "init");
		if (!cmd_done(&c))
			fail("the first import failed (see pairs/init.err)", NULL);
		cmd_start(&c, dir, "init", bak);
		cmd_wait(&c, dir, "init");
		if (!cmd_done(&c))
			fail("the copy to restore failed (see pairs/init.err)", NULL);
	}
	(void)init;
	while (!failed && p.rounds < max_rounds && now_s() - start < budget)
		pair_round(dir, dbpath, copy, bk, p.rounds, &p);
	/* Then the next backup. */
	{
		const char *bak[] = { "--db", dbpath, "backup", NULL };

		cmd_start(&c, dir, "last", bak);
		cmd_wait(&c, dir, "last");
		if (!cmd_done(&c))
			fail("the backup after the kills failed (see pairs/last.err)", NULL);
	}
	p.leftovers_remaining = count_tmp(bk, NULL);
	p.leftovers_removed = p.leftovers - p.leftovers_remaining;
	if (p.leftovers_remaining)
		fail("temporary copies are left in the backup folder after a backup", bk);
	printf("two commands at once (the real program, import beside restore or backup):"
	       " %ld rounds, %ld kills in %.0f s\n", p.rounds, p.kills, now_s() - start);
	printf("  imports reported as done: %ld; restores: %ld; backups: %ld;"
	       " import and restore both done, one after the other: %ld\n",
	       p.imports_done, p.restores_done, p.backups_done, p.both_done);
	printf("  corrupt: %ld; half applied: %ld; imports reported as done and lost: %ld;"
	       " pairs both reporting success where one must have lost: %ld; bad backups: %ld\n",
	       p.corrupt, p.half, p.lost_acked, p.lost_pairs, p.bad_backups);
	printf("  temporary copies (and their journals) left by the kills: %ld, removed by"
	       " the imports and backups that followed: %ld, remaining after the last backup: %ld\n",
	       p.leftovers, p.leftovers_removed, p.leftovers_remaining);
	for (int i = 0; i < nseen_tmp; i++)
		free(seen_tmp[i]);
	free(seen_tmp);
	if (!failed && p.kills < (max_rounds < 60 ? max_rounds / 2 : 30))
		fail("too few kills of two commands at once in the time given", NULL);
	if (!failed && (p.imports_done == 0 || p.restores_done == 0 || p.backups_done == 0))
		fail("no import, restore or backup was reported as done: nothing was tested", NULL);
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
		const char *env_p = getenv("MP_PAIRS"), *env_ps = getenv("MP_PAIR_SECONDS");

		miaopu_bin = getenv("MIAOPU");
		if (miaopu_bin && access(miaopu_bin, X_OK) == 0)
			pairs_run(folder, env_ps ? atof(env_ps) : 45.0, env_p ? atol(env_p) : 300);
		else
			printf("two commands at once: skipped (no MIAOPU program)\n");
	}
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
