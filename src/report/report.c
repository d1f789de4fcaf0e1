/* report.c — building the summary report (汇总报表): the period, the
 * community, the "Summary" table, then each record type's figures
 * (mp_table.report, in src/types/x_report.c) in the registry's order.
 *
 * Each figure is one SQL statement with the community and the period as
 * bound parameters (?1 community or NULL, ?2 from, ?3 to, ?4 the date
 * "overdue" is judged against).  All service-record figures (active
 * volunteers, hours, the ten with most hours, hours by month) come from
 * one pass, over the sums kept per year and volunteer for the whole years
 * of the period and over the records of the rest (hours_report.c). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "mp_check.h"
#include "mp_i18n.h"
#include "mp_report.h"
#include "mp_text.h"
#include "mp_registry.h"

void mp_report_free(mp_report *r)
{
	for (int i = 0; i < r->ntables; i++) {
		mp_rtable *t = &r->tables[i];
		for (int j = 0; j < t->ncols; j++)
			free(t->head[j]);
		for (int j = 0; j < t->nrows * t->ncols; j++)
			free(t->cell[j]);
		free(t->head);
		free(t->cell);
		free(t->title);
	}
	free(r->tables);
	free(r->community);
	free(r->station);
	free(r->title);
	memset(r, 0, sizeof *r);
}

const mp_rtable *mp_report_table(const mp_report *r, const char *title)
{
	for (int i = 0; i < r->ntables; i++)
		if (strcmp(r->tables[i].title, title) == 0)
			return &r->tables[i];
	return NULL;
}

/* ---- the whole report ---- */

int mp_report_build(mp_db *db, const mp_config *cfg, const char *from,
                    const char *to, const char *community, mp_report *r,
                    mp_err *e)
{
	char f[11], t[11];
	int rc;

	mp_err_clear(e);
	memset(r, 0, sizeof *r);
	if (!from || mp_date_parse(from, f) != MP_DATE_OK)
		return mp_err_set(e, MP_EINVAL, _("“%s” is not a date (the start of the period)"),
		                  from ? from : "");
	if (!to || mp_date_parse(to, t) != MP_DATE_OK)
		return mp_err_set(e, MP_EINVAL, _("“%s” is not a date (the end of the period)"),
		                  to ? to : "");
	if (strcmp(f, t) > 0)
		return mp_err_set(e, MP_EINVAL,
		                  _("the period starts (%s) after it ends (%s)"), f, t);
	memcpy(r->from, f, sizeof f);
	memcpy(r->to, t, sizeof t);
	mp_today(r->today);
	r->community = community && *community ? mp_strdup(community) : NULL;
	r->station = mp_strdup(cfg && cfg->station ? cfg->station : "");

	rt_new(r, _("Summary"), 2, -1, 2, _("Figure"), _("Value"));
	/* Each record type's figures, in the registry's order. */
	rc = MP_OK;
	for (int i = 0; rc == MP_OK && i < mp_registry_count(); i++) {
		const mp_table *tb = mp_registry_get(i);

		if (tb->report)
			rc = tb->report(db, cfg, r, e);
	}
	if (rc != MP_OK)
		mp_report_free(r);
	return rc;
}
