/* cli_safety.c — the commands backup, restore and check, and what the
 * program does for the ledger's safety when it starts and stops: the
 * day's backup, the in-use mark, the hint to a good backup when the
 * ledger is damaged.
 *
 *   miaopu backup [-o FILE]     a copy now (in the backup folder, or FILE)
 *   miaopu restore FILE         go back to the copy FILE
 *   miaopu check [--quick]      integrity_check (or quick_check) and
 *                               foreign_key_check, a progress bar on a
 *                               terminal
 *
 * Exit status as cli.c: 0 success, 1 a runtime failure (or, for check,
 * problems found), 2 bad usage. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "mp_backup.h"
#include "mp_check.h"
#include "mp_cli.h"
#include "mp_cli_safety.h"
#include "mp_config.h"
#include "mp_db.h"
#include "mp_i18n.h"
#include "mp_inuse.h"
#include "mp_ledger.h"
#include "mp_text.h"
#include "cli_internal.h"

void mp_cli_safety_usage(void)
{
	fputs(_("  backup [-o FILE|FOLDER]\n"
	        "                  copy the ledger now, into the backup folder,\n"
	        "                  into FILE, or into FOLDER (a USB stick, say)\n"
	        "                  named after the ledger and the day; a copy is also\n"
	        "                  made on the first start of each day and before\n"
	        "                  every import or upgrade\n"
	        "  restore FILE    go back to the backup FILE: it is checked first,\n"
	        "                  the current ledger is kept aside under a name\n"
	        "                  saying so; not while miaopu has the ledger open\n"
	        "  check           check the ledger for damage and broken links\n"
	        "                  between records; exit status 1 on problems\n"), stdout);
	fputs(_("  check --quick   the same in seconds instead of minutes on a large\n"
	        "                  ledger: every page and record is read, but the\n"
	        "                  indexes are not compared with their tables\n"), stdout);
}

/* ---- settings and ledger ---- */

static void load_config(const mp_opts *o, mp_config *cfg)
{
	open_config(o, cfg);   /* also gives mp_backup_settings the settings */
	for (int i = 0; i < cfg->warnings.n; i++)
		say(_("warning: %s"), cfg->warnings.v[i]);
}

static char *ledger_path(const mp_opts *o)
{
	return o->db_path ? mp_strdup(o->db_path) : mp_db_default_path();
}

static int usage_no_demo(const mp_opts *o, const char *cmd)
{
	if (o->demo) {
		say(_("%s does not work on the demo ledger"), cmd);
		return EXIT_USAGE;
	}
	return 0;
}

/* The words after backup (-o FILE, when out is not NULL) or check
 * (nothing): 0, or an exit status after saying what is wrong. */
static int only_output(const char *cmd, int argc, char **argv, const char **out)
{
	static const struct option with_output[] = {
		CLI_OUTPUT_OPTION,
		{ NULL, 0, NULL, 0 }
	}, none[] = {
		{ NULL, 0, NULL, 0 }
	};
	cli_getopt g;
	int c;

	cli_getopt_init(&g, cmd, argc, argv, out ? "o:" : "", out ? with_output : none);
	while ((c = cli_getopt_next(&g)) != CLI_END) {
		if (c == 'o') {
			*out = g.arg;
		} else if (c == CLI_MISSING) {
			say(_("option “%s” needs a file name"), "-o");
			return EXIT_USAGE;
		} else if (c == CLI_WORD) {
			say(_("%s takes no argument “%s”; see miaopu --help"), cmd, g.arg);
			return EXIT_USAGE;
		} else {
			return EXIT_USAGE;
		}
	}
	return 0;
}

/* FOLDER/LEDGER-DAY.db for a copy of ledger into folder, or with -2, -3 …
 * when that name is taken. */
static char *folder_copy_name(const char *folder, const char *ledger)
{
	const char *base = strrchr(ledger, '/');
	char day[16], *stem, *dot, *name;
	size_t flen = strlen(folder);
	struct stat sb;

	base = base ? base + 1 : ledger;
	stem = mp_strdup(base);
	dot = strrchr(stem, '.');
	if (dot && dot != stem && strcmp(dot, ".db") == 0)
		*dot = '\0';
	while (flen > 1 && folder[flen - 1] == '/')
		flen--;
	mp_today(day);
	name = mp_asprintf("%.*s/%s-%s.db", (int)flen, folder, stem, day);
	for (int n = 2; lstat(name, &sb) == 0 && n < 1000; n++) {
		free(name);
		name = mp_asprintf("%.*s/%s-%s-%d.db", (int)flen, folder, stem, day, n);
	}
	free(stem);
	return name;
}

static int cmd_backup(const mp_opts *o, int argc, char **argv)
{
	const char *out = NULL;
	char *path, *made = NULL, who[768];
	mp_strlist removed = { NULL, 0 };
	struct stat sb;
	mp_config cfg;
	mp_db *db = NULL;
	mp_err e;
	int rc, waited = 0;

	if ((rc = usage_no_demo(o, "backup")) || (rc = only_output("backup", argc, argv, &out)))
		return rc;
	path = ledger_path(o);
	if (stat(path, &sb) != 0) {
		say(_("no ledger at “%s”"), path);
		free(path);
		return EXIT_RUNTIME;
	}
	load_config(o, &cfg);
	mp_err_clear(&e);
	rc = open_ledger(o, &cfg, &db, &e);
	/* One import or backup at a time: this one waits its turn. */
	if (rc == MP_OK &&
	    mp_inuse_job_begin(N_("backing up"), MP_INUSE_WAIT_MS, &waited, who,
	                       sizeof who) != MP_OK)
		rc = mp_err_set(&e, MP_EBUSY, _("another miaopu is working on the ledger: %s; no backup was made, try again when it has finished"),
		                who);
	else if (rc == MP_OK && waited)
		printf(_("waited for another miaopu to finish first: %s\n"), who);
	if (rc == MP_OK) {
		mp_backup_clean(&cfg, path, &removed);
		for (int i = 0; i < removed.n; i++)
			printf(_("removed “%s”, left half made by a miaopu that did not finish\n"),
			       removed.v[i]);
		if (out && stat(out, &sb) == 0 && S_ISDIR(sb.st_mode)) {
			/* A folder (a USB stick): the copy goes in it, named
			 * after the ledger and the day, never over another. */
			made = folder_copy_name(out, path);
			rc = mp_backup_to(db, made, &e);
		} else if (out) {
			rc = mp_backup_to(db, out, &e);
			if (rc == MP_OK)
				made = mp_strdup(out);
		} else {
			rc = mp_backup_make(db, &cfg, "", &made, &e);
		}
	}
	if (rc == MP_OK)
		printf(_("backup written to “%s”\n"), made);
	else
		say("%s", e.msg);
	mp_cli_cleanup(o, db);
	mp_strlist_free(&removed);
	free(made);
	free(path);
	mp_config_free(&cfg);
	return rc == MP_OK ? 0 : EXIT_RUNTIME;
}

static int cmd_restore(const mp_opts *o, int argc, char **argv)
{
	const char *from = NULL;
	char *path, *aside = NULL;
	mp_config cfg;
	mp_err e;
	int rc;

	if ((rc = usage_no_demo(o, "restore")))
		return rc;
	{
		static const struct option none[] = { { NULL, 0, NULL, 0 } };
		cli_getopt g;
		int c, words = 0;

		cli_getopt_init(&g, "restore", argc, argv, "", none);
		while ((c = cli_getopt_next(&g)) != CLI_END) {
			if (c != CLI_WORD)
				return EXIT_USAGE;
			/* "-" is not standard input here: a file of that
			 * name comes after "--". */
			if (++words == 1 && (g.words || strcmp(g.arg, "-") != 0))
				from = g.arg;
		}
		if (words != 1 || !from) {
			say(_("restore needs one backup file: miaopu restore FILE"));
			return EXIT_USAGE;
		}
	}
	path = ledger_path(o);
	load_config(o, &cfg);
	rc = mp_restore(path, from, &aside, &e);
	if (rc == MP_OK) {
		printf(_("the ledger “%s” is now the backup “%s”\n"), path, from);
		if (aside)
			printf(_("the ledger as it was before is kept as “%s”\n"), aside);
	} else {
		say("%s", e.msg);
	}
	free(aside);
	free(path);
	mp_config_free(&cfg);
	return rc == MP_OK ? 0 : EXIT_RUNTIME;
}

/* The check's progress bar on a terminal (standard error), redrawn in
 * place: "checking [#####.........]  35%". */
static void bar(void *arg, int pct)
{
	char cells[31];
	int n = pct * 30 / 100;

	(void)arg;
	memset(cells, '#', (size_t)n);
	memset(cells + n, '.', (size_t)(30 - n));
	cells[30] = '\0';
	fprintf(stderr, "\r%s [%s] %3d%%", _("checking"), cells, pct);
	if (pct == 100)
		fputs("\r\033[K", stderr);   /* gone again before the result */
	fflush(stderr);
}

/* The words after check: --quick (or -q); 0 or an exit status. */
static int check_words(int argc, char **argv, int *quick)
{
	static const struct option longs[] = {
		{ "quick", no_argument, NULL, 'q' },
		{ NULL, 0, NULL, 0 }
	};
	cli_getopt g;
	int c;

	*quick = 0;
	cli_getopt_init(&g, "check", argc, argv, "q", longs);
	while ((c = cli_getopt_next(&g)) != CLI_END) {
		if (c == 'q') {
			*quick = 1;
		} else if (c == CLI_WORD) {
			say(_("%s takes no argument “%s”; see miaopu --help"), "check", g.arg);
			return EXIT_USAGE;
		} else {
			return EXIT_USAGE;
		}
	}
	return 0;
}

static int cmd_check(const mp_opts *o, int argc, char **argv)
{
	mp_strlist problems = { NULL, 0 };
	mp_config cfg;
	char *path;
	mp_err e;
	int rc, quick;

	if ((rc = usage_no_demo(o, "check")) || (rc = check_words(argc, argv, &quick)))
		return rc;
	path = ledger_path(o);
	load_config(o, &cfg);
	rc = mp_check_file_with(path, quick ? MP_CHECK_QUICK : 0,
	                        isatty(STDERR_FILENO) ? bar : NULL, NULL, &problems, &e);
	if (rc == MP_OK) {
		printf(_("the ledger “%s” is sound: no damage, every link between records holds\n"), path);
	} else if (rc == MP_EDB) {
		printf(ngettext("the ledger “%s” has %d problem:\n",
		                "the ledger “%s” has %d problems:\n", problems.n),
		       path, problems.n);
		for (int i = 0; i < problems.n; i++)
			printf("  %s\n", problems.v[i]);
		e.msg[0] = '\0';
		mp_err_set(&e, MP_EDB, "%s", _("problems found"));
		mp_backup_hint(&cfg, path, &e);
		printf("%s\n", e.msg);
	} else {
		mp_ledger_damaged_words(&cfg, path, &e);
		if (rc != MP_ENOTFOUND)
			mp_backup_hint(&cfg, path, &e);
		say("%s", e.msg);
	}
	mp_strlist_free(&problems);
	free(path);
	mp_config_free(&cfg);
	return rc == MP_OK ? 0 : EXIT_RUNTIME;
}

int mp_cli_safety_run(const mp_opts *o, int *handled)
{
	const char *cmd = o->cmd_argv[0];

	*handled = 1;
	if (strcmp(cmd, "backup") == 0)
		return cmd_backup(o, o->cmd_argc, o->cmd_argv);
	if (strcmp(cmd, "restore") == 0)
		return cmd_restore(o, o->cmd_argc, o->cmd_argv);
	if (strcmp(cmd, "check") == 0)
		return cmd_check(o, o->cmd_argc, o->cmd_argv);
	*handled = 0;
	return 0;
}
