/* cli_notice.c — `miaopu notice ROUND [--from DATE] -o FILE`: the public
 * notice (公示) of a funding round's approved projects, as one HTML page
 * laid out for A4 (mp_notice.h). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cli_internal.h"
#include "mp_check.h"
#include "mp_i18n.h"
#include "mp_notice.h"
#include "mp_ranking.h"

struct notice_job {
	mp_db *db;
	const mp_config *cfg;
	int64_t round;
	const char *from;
	char start[11], end[11];
};

static int notice_writer(void *ctx, FILE *f, mp_err *e)
{
	struct notice_job *j = ctx;

	return mp_notice_make(j->db, j->cfg, j->round, j->from, f, j->start,
	                      j->end, e);
}

int cmd_notice(const mp_opts *o, int argc, char **argv)
{
	enum { OPT_FROM = 256 };
	static const struct option longs[] = {
		{ "from", required_argument, NULL, OPT_FROM },
		CLI_OUTPUT_OPTION,
		{ NULL, 0, NULL, 0 }
	};
	const char *key = NULL, *out = NULL;
	char from[11] = "";
	struct notice_job job;
	mp_config cfg;
	mp_err e;
	int i, c, rc;
	cli_getopt g;

	cli_getopt_init(&g, "notice", argc, argv, "o:", longs);
	while ((c = cli_getopt_next(&g)) != CLI_END) {
		if (c == OPT_FROM) {
			switch (mp_date_parse(g.arg, from)) {
			case MP_DATE_OK:
				break;
			case MP_DATE_NOSUCHDAY:
				say(_("%s: %s does not exist"), "--from", g.arg);
				return EXIT_USAGE;
			default:
				say(_("%s: “%s” is not a date (write it as 2024-03-05)"), "--from", g.arg);
				return EXIT_USAGE;
			}
		} else if (c == 'o') {
			out = g.arg;
		} else if (c == CLI_MISSING && g.missing == 'o') {
			say(_("option “%s” needs a file name"), "-o");
			return EXIT_USAGE;
		} else if (c == CLI_MISSING) {
			say(_("option “%s” needs a date"), "--from");
			return EXIT_USAGE;
		} else if (c != CLI_WORD) {
			return EXIT_USAGE;
		} else if (!key) {
			key = g.arg;
		} else {
			say(_("notice takes one funding round, not also “%s”"), g.arg);
			return EXIT_USAGE;
		}
	}
	if (!key || !*key) {
		say(_("notice needs a funding round: its name or number"));
		return EXIT_USAGE;
	}
	if (!out) {
		say(_("notice needs an output file: -o FILE"));
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
	mp_err_clear(&e);
	rc = open_ledger(o, &cfg, &job.db, &e);
	if (rc == MP_OK)
		rc = mp_round_find(job.db, key, &job.round, &e);
	if (rc == MP_OK) {
		if (strcmp(out, "-") == 0)
			rc = notice_writer(&job, stdout, &e);
		else
			rc = write_file(out, notice_writer, &job, &e);
	}
	if (rc != MP_OK)
		say("%s", e.msg);
	else if (strcmp(out, "-") != 0)
		printf(_("public notice from %s to %s written to “%s”\n"), job.start,
		       job.end, out);
	mp_cli_cleanup(o, job.db);
	mp_config_free(&cfg);
	return rc == MP_OK ? 0 : EXIT_RUNTIME;
}
