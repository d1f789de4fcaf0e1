/* cli.c — the command line: global options, then an optional subcommand.
 *
 *   miaopu [--db FILE] [--config FILE] [--demo] [-h|--help] [-V|--version]
 *          [COMMAND [ARG]...]
 *
 * Options are parsed by hand rather than with getopt_long: global options
 * stop at the first word that is not an option (the command), and every
 * error is one line in our own words ("miaopu: <reason>") through gettext,
 * which getopt's built-in messages are not.  Only main() exits; everything
 * here returns an exit status: 0 success, 1 a runtime failure, 2 bad usage. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mp_backup.h"
#include "mp_certificate.h"
#include "mp_check.h"
#include "mp_cli.h"
#include "mp_cli_safety.h"
#include "mp_config.h"
#include "mp_db.h"
#include "mp_demo.h"
#include "mp_export.h"
#include "mp_import.h"
#include "mp_ledger.h"
#include "mp_group.h"
#include "mp_registry.h"
#include "mp_i18n.h"
#include "mp_text.h"
#include "mp_visit.h"
#include "mp_volunteer.h"
#include "cli_internal.h"


#define DEMO_PREFIX "miaopu-demo-"
#define DEMO_DBNAME "miaopu.db"

/* Print "miaopu: <message>" on one line: a newline inside the message (a
 * file name could hold one) becomes a space. */
void say(const char *fmt, ...)
{
	char buf[1024], *p;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	for (p = buf; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	fprintf(stderr, "miaopu: %s\n", buf);
}

/* ---- parsing ---- */

/* If arg is the long option name (alone or as name=value), return 1 and
 * point *val at the value ("name=value", or the next argument, advancing
 * *i); *val is NULL when the value is missing. */
int long_with_value(const char *name, int argc, char **argv, int *i,
                           const char **val)
{
	const char *arg = argv[*i];
	size_t n = strlen(name);

	if (strncmp(arg, name, n) != 0)
		return 0;
	if (arg[n] == '=') {
		*val = arg + n + 1;
	} else if (arg[n] == '\0') {
		*val = *i + 1 < argc ? argv[++*i] : NULL;
	} else {
		return 0;
	}
	if (*val && !**val)
		*val = NULL;
	return 1;
}

/* -o FILE, -oFILE, --output FILE, --output=FILE at argv[*i]: returns 1
 * with *out set, -1 after saying that the file name is missing, 0 when
 * argv[*i] is something else. */
int output_option(int argc, char **argv, int *i, const char **out)
{
	const char *val = NULL;

	if (long_with_value("--output", argc, argv, i, &val) ||
	    long_with_value("-o", argc, argv, i, &val)) {
		if (!val) {
			say(_("option “%s” needs a file name"), "-o");
			return -1;
		}
		*out = val;
		return 1;
	}
	if (strncmp(argv[*i], "-o", 2) == 0) {
		*out = argv[*i] + 2;                    /* -oFILE */
		return 1;
	}
	return 0;
}

int mp_cli_parse(int argc, char **argv, mp_opts *o)
{
	int i;

	memset(o, 0, sizeof *o);
	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *val;

		if (strcmp(a, "--") == 0) {
			i++;
			break;
		}
		if (a[0] != '-' || a[1] == '\0')
			break;
		if (long_with_value("--db", argc, argv, &i, &val)) {
			if (!val) {
				say(_("option “%s” needs a file name"), "--db");
				return EXIT_USAGE;
			}
			o->db_path = (char *)val;
		} else if (long_with_value("--config", argc, argv, &i, &val)) {
			if (!val) {
				say(_("option “%s” needs a file name"), "--config");
				return EXIT_USAGE;
			}
			o->config_path = (char *)val;
		} else if (strcmp(a, "--demo") == 0) {
			o->demo = 1;
		} else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			o->help = 1;
		} else if (strcmp(a, "--version") == 0 || strcmp(a, "-V") == 0) {
			o->version = 1;
		} else {
			say(_("unknown option “%s”; see miaopu --help"), a);
			return EXIT_USAGE;
		}
	}
	if (o->demo && o->db_path) {
		say(_("--demo and --db cannot be used together"));
		return EXIT_USAGE;
	}
	o->cmd_argc = argc - i;
	o->cmd_argv = o->cmd_argc > 0 ? argv + i : NULL;
	return 0;
}

void mp_cli_version(void)
{
	printf("miaopu %s\n", PACKAGE_VERSION);
}

/* The record types, from the registry: each one's command-line name and
 * title, in the order in which they are imported into an empty ledger. */
static void tables_usage(void)
{
	int i, n = mp_registry_count();

	fputs(_("\nTables (TABLE), in the order to import them into an empty ledger:\n"),
	      stdout);
	for (i = 0; i < n; i++) {
		const mp_table *t = mp_registry_get(i);

		printf("  %-16s%s\n", t->name, _(t->title_en));
	}
}

void mp_cli_usage(void)
{
	char *db = mp_db_default_path();
	char *conf = mp_config_default_path();

	fputs(_("Usage: miaopu [OPTION]... [COMMAND [ARG]...]\n"
	        "The ledger of the community social organizations that a\n"
	        "township social-work station cultivates.  Without a command,\n"
	        "miaopu opens its full-screen program on the ledger.\n"), stdout);
	fputs(_("\nOptions:\n"
	        "  --db FILE       use the ledger in FILE (created if absent)\n"
	        "  --config FILE   read the settings from FILE\n"
	        "  --demo          a throwaway ledger filled with sample data,\n"
	        "                  removed on quit\n"
	        "  -h, --help      show this help and exit\n"
	        "  -V, --version   show the version and exit\n"), stdout);
	fputs(_("\nCommands:\n"
	        "  export TABLE|all [--format csv|xlsx] [--full] [-o FILE]\n"
	        "                  write the records of TABLE (see Tables below)\n"
	        "                  as CSV to standard output, or to FILE; xlsx\n"
	        "                  needs -o FILE, and \"all\" writes every table\n"
	        "                  to one workbook, a sheet each; ID numbers are\n"
	        "                  masked unless --full\n"
	        "  import TABLE FILE [--dry-run]\n"
	        "                  add the rows of a CSV file (UTF-8 or GB18030)\n"
	        "                  to TABLE: all of them, or none when a row\n"
	        "                  fails a check; --dry-run only lists what\n"
	        "                  would be added and every problem\n"
	        "  certificate VOLUNTEER [--from DATE] [--to DATE] -o FILE\n"
	        "                  write a certificate of volunteer service\n"
	        "                  (HTML, one A4 page) for the volunteer with\n"
	        "                  this volunteer number or ID number\n"), stdout);
	fputs(_("  due [--days N]  list the open follow-ups of supervision visits\n"
	        "                  due within N days (default: the setting\n"
	        "                  due_soon_days), overdue ones first, one a line:\n"
	        "                  DUE-DATE, overdue or soon, GROUP, SUPERVISOR,\n"
	        "                  ADVICE, separated by tabs; nothing when none\n"), stdout);
	fputs(_("  report [--from DATE] [--to DATE] [--community NAME]\n"
	        "         [--format text|csv|xlsx] [-o FILE]\n"
	        "                  the summary report for the civil-affairs\n"
	        "                  bureau: groups, hub coverage, activities,\n"
	        "                  volunteers and hours, trainings, visits;\n"
	        "                  the period defaults to this year up to today\n"), stdout);
	mp_cli_safety_usage();
	tables_usage();
	fputs(_("\nFiles:\n"), stdout);
	printf(_("  ledger:    %s\n"), db);
	printf(_("  settings:  %s\n"), conf);
	fputs(_("\nKeys:\n"
	        "  1-7             overview, groups, activities, volunteers,\n"
	        "                  trainings, visits, reports\n"
	        "  lists:          arrows j k PgUp PgDn Home End move,\n"
	        "                  Enter open, a/Insert add, d/Delete delete,\n"
	        "                  / search, f filter, s sort, b recycle bin,\n"
	        "                  Esc clear or back, q back or quit\n"
	        "  forms:          Tab/Down next, Shift-Tab/Up previous,\n"
	        "                  Enter pick list, F2/Ctrl-S save, Esc cancel\n"
	        "  anywhere:       F1/? help, F10 quit\n"), stdout);
	fputs(_("\nExit status: 0 success, 1 failure, 2 wrong usage.\n"
	        "See miaopu(1) for more.\n"), stdout);
	free(db);
	free(conf);
}

/* ---- settings and ledger ---- */

/* Defaults, then the file the user named (which must exist) or the default
 * file (which may be missing).  Never fatal: problems become warnings. */
void open_config(const mp_opts *o, mp_config *cfg)
{
	char *path = o->config_path ? mp_strdup(o->config_path)
	                            : mp_config_default_path();
	mp_err e;

	mp_err_clear(&e);
	mp_config_defaults(cfg);
	if (mp_config_load(cfg, path, o->config_path != NULL, &e) != MP_OK &&
	    e.msg[0] && mp_strlist_find(&cfg->warnings, e.msg) < 0)
		mp_strlist_add(&cfg->warnings, e.msg);
	mp_backup_settings(cfg);
	free(path);
}

static void remove_demo_files(const char *dbpath)
{
	static const char *const suffix[] = { "", "-wal", "-shm", "-journal" };
	char *dir, *copy, *base;
	size_t i;

	for (i = 0; i < sizeof suffix / sizeof suffix[0]; i++) {
		char *f = mp_asprintf("%s%s", dbpath, suffix[i]);
		unlink(f);
		free(f);
	}
	/* Remove the folder only if it is the one mkdtemp made. */
	copy = mp_strdup(dbpath);
	dir = dirname(copy);
	base = strrchr(dir, '/');
	base = base ? base + 1 : dir;
	if (strncmp(base, DEMO_PREFIX, strlen(DEMO_PREFIX)) == 0)
		rmdir(dir);
	free(copy);
}

static int open_demo(mp_config *cfg, mp_db **db, mp_err *e)
{
	const char *tmp = getenv("TMPDIR");
	char *dir, *path;
	int rc;

	if (!tmp || !*tmp)
		tmp = "/tmp";
	dir = mp_asprintf("%s/" DEMO_PREFIX "XXXXXX", tmp);
	if (!mkdtemp(dir)) {
		rc = mp_err_set(e, MP_EIO,
		                _("cannot make a folder for the demo ledger in “%s”: %s"),
		                tmp, strerror(errno));
		free(dir);
		return rc;
	}
	path = mp_asprintf("%s/" DEMO_DBNAME, dir);
	free(dir);
	rc = mp_db_open(db, path, 0, e);
	if (rc == MP_OK) {
		mp_demo_config(cfg);
		rc = mp_demo_fill(*db, cfg, e);
		if (rc != MP_OK) {
			mp_db_close(*db);
			*db = NULL;
		}
	}
	if (rc != MP_OK)
		remove_demo_files(path);
	free(path);
	return rc;
}

/* Open the ledger o names: the demo, --db (the file is created, not its
 * folder) or the default (its folder is created too). */
int open_ledger(const mp_opts *o, mp_config *cfg, mp_db **db,
                       mp_err *e)
{
	char *path;
	int rc;

	*db = NULL;
	if (o->demo)
		return open_demo(cfg, db, e);
	path = o->db_path ? mp_strdup(o->db_path) : mp_db_default_path();
	rc = mp_db_open(db, path, !o->db_path, e);
	if (rc != MP_OK)   /* a damaged ledger: where the latest good backup is */
		mp_cli_safety_failed(cfg, path, e);
	free(path);
	return rc;
}

int mp_cli_open(const mp_opts *o, mp_config *cfg, mp_db **db, mp_err *e)
{
	mp_err_clear(e);
	open_config(o, cfg);
	if (open_ledger(o, cfg, db, e) != MP_OK)
		return EXIT_RUNTIME;
	/* Who corrected or deleted a record, for the change log. */
	mp_db_set_operator(*db, cfg->operator_name);
	if (mp_cli_safety_start(o, cfg, *db, e) != MP_OK) {
		mp_db_close(*db);
		*db = NULL;
		return EXIT_RUNTIME;
	}
	return 0;
}

void mp_cli_cleanup(const mp_opts *o, mp_db *db)
{
	char *path;

	if (!db)
		return;
	mp_cli_safety_stop();
	if (!o->demo) {
		mp_db_close(db);
		return;
	}
	path = mp_strdup(mp_db_path(db));
	mp_db_close(db);
	remove_demo_files(path);
	free(path);
}

/* ---- export ---- */

static char *known_tables(void)
{
	return mp_registry_names(", ");
}

static int is_global_option(const char *a)
{
	static const char *const g[] = { "--db", "--config", "--demo",
	                                 "--help", "-h", "--version", "-V" };
	size_t i, n;

	for (i = 0; i < sizeof g / sizeof g[0]; i++) {
		n = strlen(g[i]);
		if (strncmp(a, g[i], n) == 0 && (a[n] == '\0' || a[n] == '='))
			return 1;
	}
	return 0;
}

struct export_job {
	mp_db *db;
	const mp_table *t;
	int flags;
	long n;
};

static int export_writer(void *ctx, FILE *f, mp_err *e)
{
	struct export_job *j = ctx;

	return mp_export_csv_flags(j->db, j->t, j->flags, f, &j->n, e);
}

/* A --db that does not exist is reported, not created: a command must
 * not leave an empty ledger behind a mistyped name.  Returns 0 or an exit
 * status after saying why. */
int ledger_must_exist(const mp_opts *o)
{
	struct stat sb;

	if (o->db_path && !o->demo && stat(o->db_path, &sb) != 0
	    && errno == ENOENT) {
		say(_("no ledger at “%s”"), o->db_path);
		return EXIT_RUNTIME;
	}
	return 0;
}

/* Say what an option after the command is wrong about. */
void bad_option(const char *cmd, const char *a)
{
	if (is_global_option(a))
		say(_("option “%s” must come before the command"), a);
	else
		say(_("unknown option “%s” for %s; see miaopu --help"), a, cmd);
}

static int cmd_export(const mp_opts *o, int argc, char **argv)
{
	const char *table = NULL, *format = "csv", *out = NULL, *val;
	const mp_table *t;
	mp_config cfg;
	mp_db *db = NULL;
	mp_err e;
	long n = 0, counts[MP_REGISTRY_MAX];
	int i, rc, opts = 1, flags = 0, all = 0;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (opts && strcmp(a, "--") == 0) {
			opts = 0;
		} else if (opts && long_with_value("--format", argc, argv, &i, &val)) {
			if (!val) {
				say(_("option “%s” needs a value: csv or xlsx"), "--format");
				return EXIT_USAGE;
			}
			format = val;
		} else if (opts && strcmp(a, "--full") == 0) {
			flags |= MP_EXPORT_FULL;
		} else if (opts && (rc = output_option(argc, argv, &i, &out)) != 0) {
			if (rc < 0)
				return EXIT_USAGE;
		} else if (opts && a[0] == '-' && a[1]) {
			bad_option("export", a);
			return EXIT_USAGE;
		} else if (!table) {
			table = a;
		} else {
			say(_("export takes one table, not also “%s”"), a);
			return EXIT_USAGE;
		}
	}
	if (!table) {
		char *known = known_tables();
		say(_("export needs a table; known tables: %s"), known);
		free(known);
		return EXIT_USAGE;
	}
	all = strcmp(table, "all") == 0;
	t = all ? mp_registry_get(0) : mp_table_by_name(table);
	if (!t) {
		char *known = known_tables();
		say(_("unknown table “%s”; known tables: %s"), table, known);
		free(known);
		return EXIT_USAGE;
	}
	if (strcmp(format, "csv") != 0 && strcmp(format, "xlsx") != 0) {
		say(_("unknown format “%s”; use csv or xlsx"), format);
		return EXIT_USAGE;
	}
	if (strcmp(format, "xlsx") == 0 && (!out || strcmp(out, "-") == 0)) {
		say(_("an XLSX export needs a file name: -o FILE.xlsx"));
		return EXIT_USAGE;
	}
	if (all && strcmp(format, "xlsx") != 0) {
		say(_("“all” tables go into one XLSX workbook: add --format xlsx -o FILE.xlsx"));
		return EXIT_USAGE;
	}
	if ((rc = ledger_must_exist(o)) != 0)
		return rc;

	open_config(o, &cfg);
	for (i = 0; i < cfg.warnings.n; i++)
		say(_("warning: %s"), cfg.warnings.v[i]);
	mp_err_clear(&e);
	rc = open_ledger(o, &cfg, &db, &e);
	if (rc == MP_OK) {
		struct export_job job = { db, t, flags, 0 };

		if (strcmp(format, "xlsx") == 0) {
			const mp_table *tables[MP_REGISTRY_MAX];
			int nt = all ? mp_registry_count() : 1;

			for (i = 0; i < nt; i++)
				tables[i] = all ? mp_registry_get(i) : t;
			rc = mp_export_xlsx(db, tables, nt, flags, out, counts, &e);
			for (i = 0; rc == MP_OK && i < nt; i++)
				n += counts[i];
		} else if (!out || strcmp(out, "-") == 0) {
			rc = mp_export_csv_flags(db, t, flags, stdout, &job.n, &e);
			n = job.n;
		} else {
			rc = write_file(out, export_writer, &job, &e);
			n = job.n;
		}
	}
	if (rc != MP_OK)
		say("%s", e.msg);
	else if (out && strcmp(out, "-") != 0)
		printf(ngettext("%ld record written to “%s”\n",
		                "%ld records written to “%s”\n", n), n, out);
	mp_cli_cleanup(o, db);
	mp_config_free(&cfg);
	return rc == MP_OK ? 0 : EXIT_RUNTIME;
}

/* ---- import ---- */

static int cmd_import(const mp_opts *o, int argc, char **argv)
{
	const char *table = NULL, *file = NULL;
	const mp_table *t;
	mp_import_result res;
	mp_config cfg;
	mp_db *db = NULL;
	FILE *in;
	mp_err e;
	int i, rc, opts = 1, dry_run = 0;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (opts && strcmp(a, "--") == 0) {
			opts = 0;
		} else if (opts && strcmp(a, "--dry-run") == 0) {
			dry_run = 1;
		} else if (opts && a[0] == '-' && a[1]) {
			bad_option("import", a);
			return EXIT_USAGE;
		} else if (!table) {
			table = a;
		} else if (!file) {
			file = a;
		} else {
			say(_("import takes one table and one file, not also “%s”"), a);
			return EXIT_USAGE;
		}
	}
	if (!table || !file) {
		char *known = known_tables();
		say(_("import needs a table and a CSV file; known tables: %s"), known);
		free(known);
		return EXIT_USAGE;
	}
	t = mp_table_by_name(table);
	if (!t) {
		char *known = known_tables();
		say(_("import takes one of %s, not “%s”"), known, table);
		free(known);
		return EXIT_USAGE;
	}
	if ((rc = ledger_must_exist(o)) != 0)
		return rc;
	in = strcmp(file, "-") == 0 ? stdin : fopen(file, "rb");
	if (!in) {
		say(_("cannot read “%s”: %s"), file, strerror(errno));
		return EXIT_RUNTIME;
	}

	open_config(o, &cfg);
	for (i = 0; i < cfg.warnings.n; i++)
		say(_("warning: %s"), cfg.warnings.v[i]);
	mp_err_clear(&e);
	memset(&res, 0, sizeof res);
	rc = open_ledger(o, &cfg, &db, &e);
	if (rc == MP_OK && !dry_run)
		rc = mp_backup_before_import(db, &cfg, NULL, &e);
	if (rc == MP_OK) {
		mp_db_set_operator(db, cfg.operator_name);
		rc = mp_import_csv(db, &cfg, t, in, dry_run, &res, &e);
		for (i = 0; i < res.nmsgs; i++)
			printf("%s\n", res.msgs[i].text);
		if (rc == MP_OK || res.refused) {
			if (dry_run && rc == MP_OK)
				printf("%s\n", _("dry run: nothing was written"));
			printf(_("added %ld, skipped %ld (duplicates), refused %ld\n"),
			       res.written || dry_run ? res.added : 0L,
			       res.skipped, res.refused);
		}
	}
	if (rc != MP_OK)
		say("%s", e.msg);
	if (fflush(stdout) == EOF && rc == MP_OK) {
		say(_("cannot write the list: %s"), strerror(errno));
		rc = MP_EIO;
	}
	if (in != stdin)
		fclose(in);
	mp_import_result_free(&res);
	mp_cli_cleanup(o, db);
	mp_config_free(&cfg);
	return rc == MP_OK ? 0 : EXIT_RUNTIME;
}

/* ---- certificate ---- */

struct cert_job {
	mp_db *db;
	const mp_config *cfg;
	int64_t id;
	const char *from, *to;
	char no[32];
};

static int cert_writer(void *ctx, FILE *f, mp_err *e)
{
	struct cert_job *j = ctx;

	return mp_certificate_issue(j->db, j->cfg, j->id, j->from, j->to, f,
	                            j->no, e);
}

/* A --from/--to value as YYYY-MM-DD into out, or an exit status after
 * saying why. */
static int date_option(const char *opt, const char *val, char out[11])
{
	switch (mp_date_parse(val, out)) {
	case MP_DATE_OK:
		return 0;
	case MP_DATE_NOSUCHDAY:
		say(_("%s: %s does not exist"), opt, val);
		return EXIT_USAGE;
	default:
		say(_("%s: “%s” is not a date (write it as 2024-03-05)"), opt, val);
		return EXIT_USAGE;
	}
}

static int cmd_certificate(const mp_opts *o, int argc, char **argv)
{
	const char *key = NULL, *out = NULL, *val;
	char from[11] = "", to[11] = "";
	struct cert_job job;
	mp_config cfg;
	mp_err e;
	int i, rc, opts = 1;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (opts && strcmp(a, "--") == 0) {
			opts = 0;
		} else if (opts && (long_with_value("--from", argc, argv, &i, &val) ||
		                    long_with_value("--to", argc, argv, &i, &val))) {
			int is_from = strncmp(a, "--from", 6) == 0;

			if (!val) {
				say(_("option “%s” needs a date"), is_from ? "--from" : "--to");
				return EXIT_USAGE;
			}
			rc = date_option(is_from ? "--from" : "--to", val, is_from ? from : to);
			if (rc)
				return rc;
		} else if (opts && (rc = output_option(argc, argv, &i, &out)) != 0) {
			if (rc < 0)
				return EXIT_USAGE;
		} else if (opts && a[0] == '-' && a[1]) {
			bad_option("certificate", a);
			return EXIT_USAGE;
		} else if (!key) {
			key = a;
		} else {
			say(_("certificate takes one volunteer, not also “%s”"), a);
			return EXIT_USAGE;
		}
	}
	if (!key || !*key) {
		say(_("certificate needs a volunteer number or ID number"));
		return EXIT_USAGE;
	}
	if (!out) {
		say(_("certificate needs an output file: -o FILE"));
		return EXIT_USAGE;
	}
	if (from[0] && to[0] && strcmp(from, to) > 0) {
		say(_("--from %s is after --to %s"), from, to);
		return EXIT_USAGE;
	}
	if ((rc = ledger_must_exist(o)) != 0)
		return rc;

	open_config(o, &cfg);
	for (i = 0; i < cfg.warnings.n; i++)
		say(_("warning: %s"), cfg.warnings.v[i]);
	memset(&job, 0, sizeof job);
	job.cfg = &cfg;
	job.from = from;
	job.to = to;
	mp_err_clear(&e);
	rc = open_ledger(o, &cfg, &job.db, &e);
	if (rc == MP_OK)
		rc = mp_volunteer_find(job.db, key, &job.id, &e);
	if (rc == MP_OK) {
		if (strcmp(out, "-") == 0)
			rc = cert_writer(&job, stdout, &e);
		else
			rc = write_file(out, cert_writer, &job, &e);
	}
	if (rc != MP_OK)
		say("%s", e.msg);
	else if (strcmp(out, "-") != 0)
		printf(_("certificate number %s written to “%s”\n"), job.no, out);
	mp_cli_cleanup(o, job.db);
	mp_config_free(&cfg);
	return rc == MP_OK ? 0 : EXIT_RUNTIME;
}

/* ---- due ---- */

/* The longest look ahead `due --days` takes (ten years). */
#define DUE_MAX_DAYS 3650

/* s on one line of a tab-separated row: tabs and line breaks become
 * spaces. */
static void put_cell(const char *s, int last)
{
	for (; *s; s++)
		putchar(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s);
	putchar(last ? '\n' : '\t');
}

static int cmd_due(const mp_opts *o, int argc, char **argv)
{
	const char *val;
	mp_config cfg;
	mp_db *db = NULL;
	mp_due *d = NULL;
	mp_err e;
	int i, rc, n = 0, days = -1, opts = 1;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (opts && strcmp(a, "--") == 0) {
			opts = 0;
		} else if (opts && long_with_value("--days", argc, argv, &i, &val)) {
			long long v;

			if (!val) {
				say(_("option “%s” needs a number of days"), "--days");
				return EXIT_USAGE;
			}
			if (!mp_count_parse(val, &v) || v > DUE_MAX_DAYS) {
				say(_("--days: “%s” is not a number of days from 0 to %d"),
				    val, DUE_MAX_DAYS);
				return EXIT_USAGE;
			}
			days = (int)v;
		} else if (opts && a[0] == '-' && a[1]) {
			bad_option("due", a);
			return EXIT_USAGE;
		} else {
			say(_("due takes no argument “%s”; see miaopu --help"), a);
			return EXIT_USAGE;
		}
	}
	if ((rc = ledger_must_exist(o)) != 0)
		return rc;

	open_config(o, &cfg);
	for (i = 0; i < cfg.warnings.n; i++)
		say(_("warning: %s"), cfg.warnings.v[i]);
	if (days < 0)
		days = cfg.due_soon_days;
	mp_err_clear(&e);
	rc = open_ledger(o, &cfg, &db, &e);
	if (rc == MP_OK)
		rc = mp_visits_due(db, days, 0, &d, &n, &e);
	if (rc != MP_OK) {
		say("%s", e.msg);
	} else {
		/* "overdue" and "soon" stay untranslated: scripts read them. */
		for (i = 0; i < n; i++) {
			put_cell(d[i].due, 0);
			put_cell(d[i].overdue ? "overdue" : "soon", 0);
			put_cell(d[i].group, 0);
			put_cell(d[i].supervisor, 0);
			put_cell(d[i].advice, 1);
		}
		if (fflush(stdout) == EOF) {
			say(_("cannot write the list: %s"), strerror(errno));
			rc = MP_EIO;
		}
	}
	mp_dues_free(d, n);
	mp_cli_cleanup(o, db);
	mp_config_free(&cfg);
	return rc == MP_OK ? 0 : EXIT_RUNTIME;
}

int mp_cli_run(const mp_opts *o)
{
	const char *cmd;
	int handled, rc;

	if (o->cmd_argc < 1)
		return 0;
	cmd = o->cmd_argv[0];
	rc = mp_cli_safety_run(o, &handled);
	if (handled)
		return rc;
	if (strcmp(cmd, "export") == 0)
		return cmd_export(o, o->cmd_argc, o->cmd_argv);
	if (strcmp(cmd, "import") == 0)
		return cmd_import(o, o->cmd_argc, o->cmd_argv);
	if (strcmp(cmd, "certificate") == 0)
		return cmd_certificate(o, o->cmd_argc, o->cmd_argv);
	if (strcmp(cmd, "due") == 0)
		return cmd_due(o, o->cmd_argc, o->cmd_argv);
	if (strcmp(cmd, "report") == 0)
		return cmd_report(o, o->cmd_argc, o->cmd_argv);
	say(_("unknown command “%s”; see miaopu --help"), cmd);
	return EXIT_USAGE;
}
