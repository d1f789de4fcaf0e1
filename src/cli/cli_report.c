/* cli_report.c — miaopu report [--from DATE] [--to DATE] [--community NAME]
 *                              [--round NAME] [--format text|csv|xlsx] [-o FILE]
 *
 * With --round, the report of one 公益创投 or 微创投 round as it stands at
 * --to (default today): its applications, money, outcomes and
 * evaluations (mp_project_report.h). */
#include "config.h"

#include <string.h>

#include "cli_internal.h"
#include "mp_check.h"
#include "mp_i18n.h"
#include "mp_report_round.h"
#include "mp_report.h"

struct report_job {
	const mp_report *r;
	int csv;
};

static int report_writer(void *ctx, FILE *f, mp_err *e)
{
	struct report_job *j = ctx;

	return j->csv ? mp_report_write_csv(j->r, f, e)
	              : mp_report_write_text(j->r, f, 0, e);
}

/* A date option's value, checked now so that the message names it. */
static int date_option(const char *opt, const char *val, char out[11])
{
	if (!val) {
		say(_("option “%s” needs a date"), opt);
		return -1;
	}
	switch (mp_date_parse(val, out)) {
	case MP_DATE_OK:
		return 0;
	case MP_DATE_NOSUCHDAY:
		say(_("%s: there is no such day as “%s”"), opt, val);
		return -1;
	default:
		say(_("%s: “%s” is not a date; write it like 2026-03-05"), opt, val);
		return -1;
	}
}

int cmd_report(const mp_opts *o, int argc, char **argv)
{
	enum { OPT_FROM = 256, OPT_TO, OPT_COMMUNITY, OPT_FORMAT, OPT_ROUND };
	static const struct option longs[] = {
		{ "from", required_argument, NULL, OPT_FROM },
		{ "to", required_argument, NULL, OPT_TO },
		{ "community", required_argument, NULL, OPT_COMMUNITY },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "round", required_argument, NULL, OPT_ROUND },
		CLI_OUTPUT_OPTION,
		{ NULL, 0, NULL, 0 }
	};
	const char *format = "text", *out = NULL, *community = NULL;
	const char *round = NULL;
	int from_given = 0;
	char from[11], to[11];
	mp_config cfg;
	mp_db *db = NULL;
	mp_report r;
	mp_err e;
	int i, c, rc;
	cli_getopt g;

	/* This year up to today, unless told otherwise. */
	mp_today(to);
	memcpy(from, to, 5);
	memcpy(from + 5, "01-01", 6);
	cli_getopt_init(&g, "report", argc, argv, "o:", longs);
	while ((c = cli_getopt_next(&g)) != CLI_END) {
		switch (c) {
		case OPT_FROM:
		case OPT_TO:
			if (date_option(c == OPT_FROM ? "--from" : "--to", g.arg,
			                c == OPT_FROM ? from : to) != 0)
				return EXIT_USAGE;
			from_given |= c == OPT_FROM;
			break;
		case OPT_ROUND:
			round = g.arg;
			break;
		case OPT_COMMUNITY:
			community = g.arg;
			break;
		case OPT_FORMAT:
			format = g.arg;
			break;
		case 'o':
			out = g.arg;
			break;
		case CLI_MISSING:
			if (g.missing == OPT_FROM || g.missing == OPT_TO)
				date_option(g.missing == OPT_FROM ? "--from" : "--to",
				            NULL, from);
			else if (g.missing == OPT_COMMUNITY)
				say(_("option “%s” needs a community"), "--community");
			else if (g.missing == OPT_ROUND)
				say(_("option “%s” needs the name of a round"), "--round");
			else if (g.missing == OPT_FORMAT)
				say(_("option “%s” needs a value: text, csv or xlsx"),
				    "--format");
			else
				say(_("option “%s” needs a file name"), "-o");
			return EXIT_USAGE;
		case CLI_WORD:
			say(_("%s takes no argument “%s”; see miaopu --help"),
			    "report", g.arg);
			return EXIT_USAGE;
		default:
			return EXIT_USAGE;
		}
	}
	if (strcmp(format, "text") != 0 && strcmp(format, "csv") != 0 &&
	    strcmp(format, "xlsx") != 0) {
		say(_("unknown format “%s”; use text, csv or xlsx"), format);
		return EXIT_USAGE;
	}
	if (strcmp(format, "xlsx") == 0 && (!out || strcmp(out, "-") == 0)) {
		say(_("an XLSX report needs a file name: -o FILE.xlsx"));
		return EXIT_USAGE;
	}
	if (round && from_given) {
		/* A round is reported whole, as it stands at --to. */
		say(_("--round reports the whole round as it stands at --to;"
		      " leave out --from"));
		return EXIT_USAGE;
	}
	if (round && !*round) {
		say(_("option “%s” needs the name of a round"), "--round");
		return EXIT_USAGE;
	}
	if (!round && strcmp(from, to) > 0) {
		say(_("the period starts (%s) after it ends (%s)"), from, to);
		return EXIT_USAGE;
	}
	if ((rc = ledger_must_exist(o)) != 0)
		return rc;

	open_config(o, &cfg);
	for (i = 0; i < cfg.warnings.n; i++)
		say(_("warning: %s"), cfg.warnings.v[i]);
	mp_err_clear(&e);
	rc = open_ledger(o, &cfg, &db, &e);
	if (rc == MP_OK && round)
		rc = mp_report_build_round(db, &cfg, round, to, community, &r, &e);
	else if (rc == MP_OK)
		rc = mp_report_build(db, &cfg, from, to, community, &r, &e);
	if (rc == MP_OK) {
		struct report_job job = { &r, strcmp(format, "csv") == 0 };

		if (strcmp(format, "xlsx") == 0)
			rc = mp_report_write_xlsx(&r, out, &e);
		else if (!out || strcmp(out, "-") == 0)
			rc = report_writer(&job, stdout, &e);
		else
			rc = write_file(out, report_writer, &job, &e);
		if (rc == MP_OK && out && strcmp(out, "-") != 0)
			printf(_("report for %s to %s written to “%s”\n"), r.from,
			       r.to, out);
		mp_report_free(&r);
	}
	if (rc != MP_OK)
		say("%s", e.msg);
	mp_cli_cleanup(o, db);
	mp_config_free(&cfg);
	return rc == MP_OK ? 0 : EXIT_RUNTIME;
}
