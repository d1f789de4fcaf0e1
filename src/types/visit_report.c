/* visit_report.c — the supervision visits' figures in the summary
 * report: visits made, follow-ups set, completed and overdue, by rating.
 * They are read from an index that holds what they need. */
#include "config.h"

#include "mp_i18n.h"
#include "report_parts.h"

/* ---- supervision visits ---- */

/* The visits are read from an index that holds every column the
 * figures use (visits_report, schema step 11), not from the rows with
 * their findings and advice: at ten districts' size, 100,000 visits. */
#define VISIT_OF_COMMUNITY \
	" INDEXED BY visits_report WHERE vi.deleted_at IS NULL" OF_COMMUNITY("vi")

int mp_visit_report(mp_db *db, const mp_config *cfg, mp_report *r, mp_err *e)
{
	/* Visits made in the period and the follow-ups they set; follow-ups
	 * of any visit completed in the period; and follow-ups overdue at the
	 * end of the period (or today, if that is earlier): due before it and
	 * not completed (a date and a note) by then. */
	static const char figures[] =
	        "SELECT ifnull(sum(vi.date BETWEEN ?2 AND ?3), 0),"
	        " ifnull(sum(vi.date BETWEEN ?2 AND ?3 AND vi.due IS NOT NULL), 0),"
	        " ifnull(sum(vi.done_date BETWEEN ?2 AND ?3"
	        "            AND vi.done_note IS NOT NULL), 0),"
	        " ifnull(sum(vi.due < ?4 AND vi.date <= ?4 AND NOT (vi.done_date IS NOT NULL"
	        "            AND vi.done_note IS NOT NULL AND vi.done_date <= ?4)), 0)"
	        " FROM visits vi" VISIT_OF_COMMUNITY;
	long v[4];
	int rc = rp_one_row(db, r, figures, v, 4, e);

	if (rc != MP_OK)
		return rc;
	rt_count(RP_SUMMARY(r), _("Visits made"), v[0]);
	rt_count(RP_SUMMARY(r), _("Follow-ups set"), v[1]);
	rt_count(RP_SUMMARY(r), _("Follow-ups completed in the period"), v[2]);
	rt_count(RP_SUMMARY(r), _("Follow-ups overdue"), v[3]);
	return rp_tally(db, r, _("Visits by rating"), _("Rating"),
	                "SELECT vi.rating, count(*) FROM visits vi"
	                VISIT_OF_COMMUNITY " AND vi.date BETWEEN ?2 AND ?3"
	                " GROUP BY 1 ORDER BY 1",
	                mp_config_choices(cfg, MP_CH_RATING), e);
}
