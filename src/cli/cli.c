/* cli.c — the command line: global options, then an optional subcommand.
 *
 *   miaopu [--db FILE] [--config FILE] [--demo] [-h|--help] [-V|--version]
 *          [COMMAND [ARG]...]
 *
 * Options are read by getopt_long (cli_getopt_next): global options stop
 * at the first word that is not an option (the command), and every error is
 * one line in our own words ("miaopu: <reason>") through gettext, with
 * getopt's own messages turned off.  Only main() exits; everything here
 * returns an exit status: 0 success, 1 a runtime failure, 2 bad usage. */
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
#include "mp_funding.h"
#include "mp_import.h"
#include "mp_ledger.h"
#include "mp_group.h"
#include "mp_registry.h"
#include "mp_i18n.h"
#include "mp_sections.h"
#include "mp_text.h"
#include "mp_visit.h"
#include "mp_volunteer.h"
#include "cli_internal.h"



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

enum { OPT_DB = 256, OPT_CONFIG, OPT_DEMO };

static const struct option global_longs[] = {
	{ "db", required_argument, NULL, OPT_DB },
	{ "config", required_argument, NULL, OPT_CONFIG },
	{ "demo", no_argument, NULL, OPT_DEMO },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

void cli_getopt_init(cli_getopt *g, const char *cmd, int argc, char **argv,
                     const char *shorts, const struct option *longs)
{
	memset(g, 0, sizeof *g);
	g->cmd = cmd;
	g->longs = longs;
	g->argc = argc;
	g->argv = argv;
	/* '+': the options before the command stop at it.  '-': a command's
	 * words come back in their place (CLI_WORD), whatever POSIXLY_CORRECT
	 * says, so options may follow them.  ':': a missing value is told
	 * apart from an unknown option. */
	snprintf(g->shorts, sizeof g->shorts, "%c:%s", cmd ? '-' : '+', shorts);
	g->next = 1;
	/* 0, not 1: glibc then starts afresh (its state and the mode
	 * above) for the next list of words. */
	optind = 0;
	opterr = 0;
}

/* Say that the option getopt refused at argv[at] is unknown. */
static void refuse(const cli_getopt *g, int at)
{
	const char *el = at < g->argc ? g->argv[at] : "";
	char one[3] = { '-', (char)optopt, '\0' };
	/* A long option as written (with its =value); a short one alone,
	 * not the rest of its cluster. */
	const char *a = strncmp(el, "--", 2) == 0 || optopt <= 0 || optopt > 127
	                ? el : one;

	if (g->cmd)
		bad_option(g->cmd, a);
	else
		say(_("unknown option “%s”; see miaopu --help"), a);
}

int cli_getopt_next(cli_getopt *g)
{
	int c, at;

	g->arg = NULL;
	if (g->words) {
		if (g->next >= g->argc)
			return CLI_END;
		g->arg = g->argv[g->next++];
		return CLI_WORD;
	}
	/* What getopt looks at now (an element, or the rest of a cluster of
	 * short options): there is no permuting in either mode. */
	at = optind > 0 ? optind : 1;
	c = getopt_long(g->argc, g->argv, g->shorts, g->longs, NULL);
	g->next = optind;
	if (c == -1) {
		/* After "--" (or, for a command, the end): the rest are
		 * words. */
		if (g->cmd) {
			g->words = 1;
			return cli_getopt_next(g);
		}
		return CLI_END;
	}
	if (c == '?') {
		refuse(g, at);
		return CLI_BAD;
	}
	/* An empty value is no value ("--db=", -o ""); an empty word is a
	 * word, for the command to judge. */
	if (c == ':' || (c != CLI_WORD && optarg && !*optarg)) {
		g->missing = c == ':' ? optopt : c;
		return CLI_MISSING;
	}
	g->arg = optarg;
	return c;
}

int mp_cli_parse(int argc, char **argv, mp_opts *o)
{
	cli_getopt g;
	int c;

	memset(o, 0, sizeof *o);
	cli_getopt_init(&g, NULL, argc, argv, "hV", global_longs);
	while ((c = cli_getopt_next(&g)) != CLI_END) {
		switch (c) {
		case OPT_DB:
			o->db_path = (char *)g.arg;
			break;
		case OPT_CONFIG:
			o->config_path = (char *)g.arg;
			break;
		case OPT_DEMO:
			o->demo = 1;
			break;
		case 'h':
			o->help = 1;
			break;
		case 'V':
			o->version = 1;
			break;
		case CLI_MISSING:
			say(_("option “%s” needs a file name"),
			    g.missing == OPT_DB ? "--db" : "--config");
			return EXIT_USAGE;
		default:
			return EXIT_USAGE;
		}
	}
	if (o->demo && o->db_path) {
		say(_("--demo and --db cannot be used together"));
		return EXIT_USAGE;
	}
	o->cmd_argc = argc - g.next;
	o->cmd_argv = o->cmd_argc > 0 ? argv + g.next : NULL;
	return 0;
}

void mp_cli_version(void)
{
	printf("miaopu %s\n", PACKAGE_VERSION);
	/* The licence as GNU programs state it (the text is in LICENSE). */
	fputs(_("License GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>.\n"
	        "This is free software: you are free to change and redistribute it.\n"
	        "There is NO WARRANTY, to the extent permitted by law.\n"), stdout);
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
	char range[32];
	int nsec;

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
	fputs(_("  report --round NAME [--to DATE] [--community NAME]\n"
	        "         [--format text|csv|xlsx] [-o FILE]\n"
	        "                  the report of one funding round as it stands\n"
	        "                  at --to (default today)\n"), stdout);
	fputs(_("  notice ROUND [--from DATE] -o FILE\n"
	        "                  write the public notice of the funding round\n"
	        "                  with this name or number: its approved\n"
	        "                  projects, amounts and reviewers (HTML, A4)\n"), stdout);
	mp_cli_safety_usage();
	tables_usage();
	fputs(_("\nFiles:\n"), stdout);
	printf(_("  ledger:    %s\n"), db);
	printf(_("  settings:  %s\n"), conf);
	/* The sections from their table (mp_sections.h): keys 1 to 9 open
	 * the first nine, 0 a menu of them all. */
	fputs(_("\nKeys:\n"), stdout);
	nsec = mp_section_count();
	snprintf(range, sizeof range, "1-%d", nsec < 9 ? nsec : 9);
	printf("  %-16s%s\n%18s", range, _("the sections:"), "");
	mp_sections_print(stdout, 18, 78);
	fputs(_("  0               a menu of all the sections, to choose one\n"
	        "                  by its number\n"), stdout);
	fputs(_("  lists:          arrows j k PgUp PgDn Home End move,\n"
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

/* ---- settings and ledger (mp_ledger.h) ---- */

mp_ledger_where mp_cli_where(const mp_opts *o)
{
	mp_ledger_where w = { o->db_path, o->config_path, o->demo };

	return w;
}

void open_config(const mp_opts *o, mp_config *cfg)
{
	mp_ledger_where w = mp_cli_where(o);

	mp_ledger_config(&w, cfg);
}

int open_ledger(const mp_opts *o, mp_config *cfg, mp_db **db, mp_err *e)
{
	mp_ledger_where w = mp_cli_where(o);

	return mp_ledger_open_db(&w, cfg, db, e);
}

void mp_cli_cleanup(const mp_opts *o, mp_db *db)
{
	mp_ledger_where w = mp_cli_where(o);

	mp_ledger_close(&w, db);
}

/* ---- export ---- */

static char *known_tables(void)
{
	return mp_registry_names(", ");
}

static int is_global_option(const char *a)
{
	const struct option *l;
	size_t n;

	if (strcmp(a, "-h") == 0 || strcmp(a, "-V") == 0)
		return 1;
	if (strncmp(a, "--", 2) != 0)
		return 0;
	for (l = global_longs; l->name; l++) {
		n = strlen(l->name);
		if (strncmp(a + 2, l->name, n) == 0 && (a[2 + n] == '\0' || a[2 + n] == '='))
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
	enum { OPT_FORMAT = 256, OPT_FULL };
	static const struct option longs[] = {
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "full", no_argument, NULL, OPT_FULL },
		CLI_OUTPUT_OPTION,
		{ NULL, 0, NULL, 0 }
	};
	const char *table = NULL, *format = "csv", *out = NULL;
	const mp_table *t;
	mp_config cfg;
	mp_db *db = NULL;
	mp_err e;
	long n = 0, counts[MP_REGISTRY_MAX];
	int i, c, rc, flags = 0, all = 0;
	cli_getopt g;

	cli_getopt_init(&g, "export", argc, argv, "o:", longs);
	while ((c = cli_getopt_next(&g)) != CLI_END) {
		if (c == OPT_FORMAT) {
			format = g.arg;
		} else if (c == OPT_FULL) {
			flags |= MP_EXPORT_FULL;
		} else if (c == 'o') {
			out = g.arg;
		} else if (c == CLI_MISSING && g.missing == OPT_FORMAT) {
			say(_("option “%s” needs a value: csv or xlsx"), "--format");
			return EXIT_USAGE;
		} else if (c == CLI_MISSING) {
			say(_("option “%s” needs a file name"), "-o");
			return EXIT_USAGE;
		} else if (c != CLI_WORD) {
			return EXIT_USAGE;
		} else if (!table) {
			table = g.arg;
		} else {
			say(_("export takes one table, not also “%s”"), g.arg);
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
	int i, c, rc, dry_run = 0;
	enum { OPT_DRY_RUN = 256 };
	static const struct option longs[] = {
		{ "dry-run", no_argument, NULL, OPT_DRY_RUN },
		{ NULL, 0, NULL, 0 }
	};
	cli_getopt g;

	cli_getopt_init(&g, "import", argc, argv, "", longs);
	while ((c = cli_getopt_next(&g)) != CLI_END) {
		if (c == OPT_DRY_RUN) {
			dry_run = 1;
		} else if (c != CLI_WORD) {
			return EXIT_USAGE;
		} else if (!table) {
			table = g.arg;
		} else if (!file) {
			file = g.arg;
		} else {
			say(_("import takes one table and one file, not also “%s”"), g.arg);
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
	enum { OPT_FROM = 256, OPT_TO };
	static const struct option longs[] = {
		{ "from", required_argument, NULL, OPT_FROM },
		{ "to", required_argument, NULL, OPT_TO },
		CLI_OUTPUT_OPTION,
		{ NULL, 0, NULL, 0 }
	};
	const char *key = NULL, *out = NULL;
	char from[11] = "", to[11] = "";
	struct cert_job job;
	mp_config cfg;
	mp_err e;
	int i, c, rc;
	cli_getopt g;

	cli_getopt_init(&g, "certificate", argc, argv, "o:", longs);
	while ((c = cli_getopt_next(&g)) != CLI_END) {
		if (c == OPT_FROM || c == OPT_TO) {
			rc = date_option(c == OPT_FROM ? "--from" : "--to", g.arg,
			                 c == OPT_FROM ? from : to);
			if (rc)
				return rc;
		} else if (c == 'o') {
			out = g.arg;
		} else if (c == CLI_MISSING && g.missing == 'o') {
			say(_("option “%s” needs a file name"), "-o");
			return EXIT_USAGE;
		} else if (c == CLI_MISSING) {
			say(_("option “%s” needs a date"),
			    g.missing == OPT_FROM ? "--from" : "--to");
			return EXIT_USAGE;
		} else if (c != CLI_WORD) {
			return EXIT_USAGE;
		} else if (!key) {
			key = g.arg;
		} else {
			say(_("certificate takes one volunteer, not also “%s”"), g.arg);
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

/* Evaluations and tranches falling due (mp_funding_due), after the
 * follow-ups, in their columns: date, "overdue" or "soon", the project,
 * what is due, and an empty fifth cell. */
static int print_funding_due(mp_db *db, int days, mp_err *e)
{
	mp_fund_due *d = NULL;
	int i, n = 0, rc = mp_funding_due(db, days, 0, &d, &n, e);

	for (i = 0; rc == MP_OK && i < n; i++) {
		put_cell(d[i].date, 0);
		put_cell(d[i].overdue ? "overdue" : "soon", 0);
		put_cell(d[i].project, 0);
		put_cell(d[i].what, 0);
		put_cell("", 1);
	}
	mp_fund_dues_free(d, n);
	return rc;
}

static int cmd_due(const mp_opts *o, int argc, char **argv)
{
	enum { OPT_DAYS = 256 };
	static const struct option longs[] = {
		{ "days", required_argument, NULL, OPT_DAYS },
		{ NULL, 0, NULL, 0 }
	};
	mp_config cfg;
	mp_db *db = NULL;
	mp_due *d = NULL;
	mp_err e;
	int i, c, rc, n = 0, days = -1;
	cli_getopt g;

	cli_getopt_init(&g, "due", argc, argv, "", longs);
	while ((c = cli_getopt_next(&g)) != CLI_END) {
		long long v;

		if (c == OPT_DAYS) {
			if (!mp_count_parse(g.arg, &v) || v > DUE_MAX_DAYS) {
				say(_("--days: “%s” is not a number of days from 0 to %d"),
				    g.arg, DUE_MAX_DAYS);
				return EXIT_USAGE;
			}
			days = (int)v;
		} else if (c == CLI_MISSING) {
			say(_("option “%s” needs a number of days"), "--days");
			return EXIT_USAGE;
		} else if (c == CLI_WORD) {
			say(_("due takes no argument “%s”; see miaopu --help"), g.arg);
			return EXIT_USAGE;
		} else {
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
		if ((rc = print_funding_due(db, days, &e)) != MP_OK)
			say("%s", e.msg);
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
	if (strcmp(cmd, "notice") == 0)
		return cmd_notice(o, o->cmd_argc, o->cmd_argv);
	say(_("unknown command “%s”; see miaopu --help"), cmd);
	return EXIT_USAGE;
}
