/* training_report.c — the trainings' figures in the summary report:
 * sessions, hours, attending groups and people. */
#include "config.h"

#include "mp_i18n.h"
#include "report_parts.h"

/* ---- trainings ---- */

int mp_training_report(mp_db *db, const mp_config *cfg, mp_report *r,
                       mp_err *e)
{
	/* Held trainings only: ?4 is the earlier of the period's end and today
	 * (mp_period.h).  With a community, a training counts when a group of it, or a person
	 * of it (by their group, else where they live), attended. */
	static const char sessions[] =
	        "SELECT count(*), ifnull(round(sum(t.hours) * 100), 0)"
	        " FROM trainings t WHERE t.deleted_at IS NULL"
	        " AND t.date BETWEEN ?2 AND ?4 AND (?1 IS NULL"
	        "  OR EXISTS (SELECT 1 FROM training_groups tg"
	        "   JOIN groups g ON g.id = tg.group_id WHERE tg.training_id = t.id"
	        "   AND tg.deleted_at IS NULL AND g.community = ?1)"
	        "  OR EXISTS (SELECT 1 FROM training_people tp"
	        "   LEFT JOIN groups g ON g.id = tp.group_id"
	        "   LEFT JOIN volunteers v ON v.id = tp.volunteer_id"
	        "   WHERE tp.training_id = t.id AND tp.deleted_at IS NULL"
	        "   AND coalesce(g.community, v.community) = ?1))";
	static const char groups[] =
	        "SELECT count(*), count(DISTINCT tg.group_id)"
	        " FROM training_groups tg JOIN trainings t ON t.id = tg.training_id"
	        " WHERE tg.deleted_at IS NULL AND t.deleted_at IS NULL"
	        " AND t.date BETWEEN ?2 AND ?4" OF_COMMUNITY("tg");
	/* The community of a person (their group's, else their own) is
	 * looked up only when asked for: without one, nothing but the
	 * trainings and their people is read. */
	static const char people[] =
	        "SELECT count(*) FROM training_people tp"
	        " JOIN trainings t ON t.id = tp.training_id"
	        " WHERE tp.deleted_at IS NULL AND t.deleted_at IS NULL"
	        " AND t.date BETWEEN ?2 AND ?4"
	        " AND (?1 IS NULL OR coalesce("
	        "  (SELECT g.community FROM groups g WHERE g.id = tp.group_id),"
	        "  (SELECT v.community FROM volunteers v WHERE v.id = tp.volunteer_id))"
	        "  = ?1)";
	long s[2], g[2], p[1];
	int rc = rp_one_row(db, r, sessions, s, 2, e);

	(void)cfg;

	if (rc == MP_OK)
		rc = rp_one_row(db, r, groups, g, 2, e);
	if (rc == MP_OK)
		rc = rp_one_row(db, r, people, p, 1, e);
	if (rc != MP_OK)
		return rc;
	rt_count(RP_SUMMARY(r), _("Training sessions"), s[0]);
	rt_hours(RP_SUMMARY(r), _("Training hours in all"), (double)s[1] / 100.0);
	rt_count(RP_SUMMARY(r), _("Attending groups (group-times)"), g[0]);
	rt_count(RP_SUMMARY(r), _("Groups trained"), g[1]);
	rt_count(RP_SUMMARY(r), _("People trained (person-times)"), p[0]);
	return MP_OK;
}
