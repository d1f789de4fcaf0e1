/* cli_safety.c — the commands backup, restore and check, and what the
 * program does for the ledger's safety when it starts and stops: the
 * day's backup, the in-use mark, the hint to a good backup when the
 * ledger is damaged.
 *
 *   miaopu backup [-o FILE]     a copy now (in the backup folder, or FILE)
 *   miaopu restore FILE         go back to the copy FILE
 *   miaopu check                integrity_check and foreign_key_check
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

#include "mp_backup.h"
#include "mp_cli.h"
#include "mp_cli_safety.h"
#include "mp_config.h"
#include "mp_db.h"
#include "mp_i18n.h"
#include "mp_inuse.h"
#include "mp_ledger.h"
#include "mp_text.h"
#include "cli_internal.h"

static char notice[768];

void mp_cli_safety_usage(void)
{
	fputs(_("  backup [-o FILE]\n"
	        "                  copy the ledger now, into the backup folder or\n"
	        "                  into FILE (a USB stick, say); a copy is also\n"
	        "                  made on the first start of each day and before\n"
	        "                  every import or upgrade\n"
	        "  restore FILE    go back to the backup FILE: it is checked first,\n"
	        "                  the current ledger is kept aside under a name\n"
	        "                  saying so; not while miaopu has the ledger open\n"
	        "  check           check the ledger for damage and broken links\n"
	        "                  between records; exit status 1 on problems\n"), stdout);
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

static int only_output(const char *cmd, int argc, char **argv, const char **out)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (out && (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0)) {
			if (i + 1 >= argc || !argv[i + 1][0]) {
				say(_("option “%s” needs a file name"), "-o");
				return EXIT_USAGE;
			}
			*out = argv[++i];
		} else if (out && strncmp(a, "--output=", 9) == 0 && a[9]) {
			*out = a + 9;
		} else if (out && strncmp(a, "-o", 2) == 0 && a[2]) {
			*out = a + 2;
		} else if (a[0] == '-') {
			say(_("unknown option “%s” for %s; see miaopu --help"), a, cmd);
			return EXIT_USAGE;
		} else {
			say(_("%s takes no argument “%s”; see miaopu --help"), cmd, a);
			return EXIT_USAGE;
		}
	}
	return 0;
}

static int cmd_backup(const mp_opts *o, int argc, char **argv)
{
	const char *out = NULL;
	char *path, *made = NULL;
	struct stat sb;
	mp_config cfg;
	mp_db *db = NULL;
	mp_err e;
	int rc;

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
	rc = mp_db_open(&db, path, 0, &e);
	if (rc == MP_OK) {
		if (out) {
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
	mp_db_close(db);
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
	if (argc == 2 && argv[1][0] != '-') {
		from = argv[1];
	} else if (argc == 3 && strcmp(argv[1], "--") == 0) {
		from = argv[2];
	} else {
		say(_("restore needs one backup file: miaopu restore FILE"));
		return EXIT_USAGE;
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

static int cmd_check(const mp_opts *o, int argc, char **argv)
{
	mp_strlist problems = { NULL, 0 };
	mp_config cfg;
	char *path;
	mp_err e;
	int rc;

	if ((rc = usage_no_demo(o, "check")) || (rc = only_output("check", argc, argv, NULL)))
		return rc;
	path = ledger_path(o);
	load_config(o, &cfg);
	rc = mp_check_file(path, &problems, &e);
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

/* ---- start and stop of the full-screen program ---- */

void mp_cli_safety_failed(const mp_config *cfg, const char *dbpath, mp_err *e)
{
	if (e->code == MP_ECORRUPT || e->code == MP_ENOTDB)
		mp_backup_hint(cfg, dbpath, e);
}

/* The day's quick check and backup, when they wait for the first screen
 * (mp_cli_safety_tick). */
static int daily_pending;
static mp_backup_job *daily_job;

/* The quick check reads the whole file (about 0.9 s for a district's 450
 * MB), too long for every start of a large ledger.  It runs when damage is
 * most likely or a copy is about to be made from the ledger: before the
 * first screen when the last miaopu on it did not close (killed, crashed,
 * the power cut) or when the in-use mark cannot be kept (so that is not
 * known); on the day's first start, before the day's backup, both after
 * the first screen, in a thread of their own (mp_cli_safety_tick).
 * `miaopu check` runs the full check any time. */
int mp_cli_safety_start(const mp_opts *o, const mp_config *cfg, mp_db *db,
                        mp_err *err)
{
	char who[256];
	int taken, checked = 0;

	notice[0] = '\0';
	daily_pending = 0;
	if (o->demo)
		return MP_OK;
	taken = mp_inuse_take(mp_db_path(db), cfg->operator_name, who, sizeof who);
	if (taken != MP_OK || mp_inuse_last_unclean()) {
		if (mp_db_quick_check(db, err) != MP_OK) {
			mp_backup_hint(cfg, mp_db_path(db), err);
			mp_inuse_release();
			return err->code;
		}
		checked = 1;
	}
	if (taken == MP_EBUSY)
		snprintf(notice, sizeof notice,
		         _("This ledger is also open in miaopu: %s. Saving may have to wait for it."), who);
	/* Checked just now: the copy follows at once, as before.  Otherwise
	 * both wait for the first screen. */
	daily_pending = mp_backup_daily_due(db, cfg);
	if (daily_pending && checked) {
		char *made = NULL;
		mp_err e;

		daily_pending = 0;
		mp_err_clear(&e);
		if (mp_backup_daily(db, cfg, &made, &e) != MP_OK && !notice[0])
			snprintf(notice, sizeof notice, _("Today's backup could not be made: %s"), e.msg);
		free(made);
	}
	return MP_OK;
}

int mp_cli_safety_tick(mp_db *db, const mp_config *cfg, char *msg, size_t size)
{
	char *made = NULL;
	mp_err e;
	int rc;

	msg[0] = '\0';
	if (daily_pending && !daily_job) {
		int *hold = mp_db_hold_writes(db);

		daily_job = mp_backup_job_start(mp_db_path(db), cfg, hold);
		if (daily_job)
			return MP_SAFETY_BUSY;
		/* No thread: in place, as before. */
		*hold = 0;
		daily_pending = 0;
		mp_err_clear(&e);
		rc = mp_db_quick_check(db, &e);
		if (rc == MP_OK)
			rc = mp_backup_daily(db, cfg, &made, &e);
	} else if (daily_job && mp_backup_job_done(daily_job)) {
		daily_pending = 0;
		rc = mp_backup_job_finish(daily_job, &made, &e);
		daily_job = NULL;
	} else {
		return daily_job ? MP_SAFETY_BUSY : MP_SAFETY_IDLE;
	}
	if (rc == MP_ECORRUPT || rc == MP_ENOTDB) {
		/* Damaged: nothing more is written to it; the latest good
		 * backup is named. */
		mp_db_stop_writes(db);
		mp_backup_hint(cfg, mp_db_path(db), &e);
		snprintf(msg, size, "%s", e.msg);
		free(made);
		return MP_SAFETY_DAMAGED;
	}
	if (rc != MP_OK) {
		snprintf(msg, size, _("Today's backup could not be made: %s"), e.msg);
		free(made);
		return MP_SAFETY_FAILED;
	}
	if (made)
		snprintf(msg, size, _("Today's backup is made: %s"), made);
	free(made);
	return MP_SAFETY_IDLE;
}

void mp_cli_safety_stop(void)
{
	/* (The ledger's writes may stay held: it is being closed.) */
	if (daily_job)
		mp_backup_job_cancel(daily_job);
	daily_job = NULL;
	daily_pending = 0;
	mp_inuse_release();
}

const char *mp_cli_safety_notice(void)
{
	return notice[0] ? notice : NULL;
}
