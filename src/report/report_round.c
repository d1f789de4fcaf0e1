/* report_round.c — the report of one funding round: the same tables as
 * the summary report's rounds, for that round alone (the figures are the
 * round type's, mp_project_report.h). */
#include "config.h"

#include <string.h>

#include "mp_check.h"
#include "mp_i18n.h"
#include "mp_list.h"
#include "mp_project.h"
#include "mp_project_report.h"
#include "mp_report_round.h"
#include "mp_text.h"

int mp_report_build_round(mp_db *db, const mp_config *cfg, const char *round,
                          const char *to, const char *community,
                          mp_report *r, mp_err *e)
{
	char from[11], t[11], name[256];
	int64_t id = 0;
	int rc;

	mp_err_clear(e);
	memset(r, 0, sizeof *r);
	if (!to || mp_date_parse(to, t) != MP_DATE_OK)
		return mp_err_set(e, MP_EINVAL,
		                  _("“%s” is not a date (the end of the period)"),
		                  to ? to : "");
	rc = mp_project_find_round(db, round ? round : "", &id, name, sizeof name,
	                           from, e);
	if (rc != MP_OK)
		return rc;
	/* The round as it stands at t: from the day it began (or t, when it
	 * begins later: nothing of it has happened yet). */
	if (strcmp(from, t) > 0)
		memcpy(from, t, sizeof from);
	memcpy(r->from, from, sizeof from);
	memcpy(r->to, t, sizeof t);
	mp_today(r->today);
	r->community = community && *community ? mp_strdup(community) : NULL;
	r->station = mp_strdup(cfg && cfg->station ? cfg->station : "");
	/* TRANSLATORS: the heading of one funding round's report. */
	r->title = mp_asprintf(_("Report of %s"), name);
	rt_new(r, _("Summary"), 2, -1, 2, _("Figure"), _("Value"));
	rc = mp_project_round_figures(db, cfg, r, id, name, e);
	if (rc != MP_OK)
		mp_report_free(r);
	return rc;
}

int mp_report_round_names(mp_db *db, mp_strlist *out, mp_err *e)
{
	return mp_list_values(db, &mp_rounds, R_NAME, 500, out, e);
}
