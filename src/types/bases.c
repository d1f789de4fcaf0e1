/* bases.c — incubation bases (孵化基地), the groups' stays in them and the
 * services a base gives a group during its stay (issue 17).
 *
 * Groups move in (入驻), are coached for about two years and move out
 * (出壳).  A group may use any number of virtual (虚拟) bases, but sits in
 * one physical (实体) base at a time: two overlapping stays in physical
 * bases are refused, naming the other.  A stay that ended says how (出壳
 * 结果), since what the report counts is how many groups registered or
 * filed during their stay.
 *
 * The group's 孵化基地 / 入驻日期 / 出壳日期 are the current stay's, kept
 * by triggers on stays (schema step 14, below), so that everything that
 * reads the group row (lists, filters, the overview, the annual report)
 * goes on unchanged. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "mp_bases.h"
#include "mp_check.h"
#include "mp_group.h"
#include "mp_i18n.h"
#include "mp_schema.h"
#include "mp_search.h"
#include "mp_text.h"

#define HINT_CHOICE N_("Enter: pick from the list")
#define HINT_DATE N_("YYYY-MM-DD, e.g. 2024-03-05")

/* ---- bases ---- */

static const mp_field base_fields[B__COUNT] = {
	[B_NAME] = { .col = "name", .label_zh = "基地名称", .label_en = N_("Base name"),
		.kind = MP_K_TEXT, .flags = MP_F_REQUIRED | MP_F_LIST | MP_F_SEARCH,
		.maxlen = 60, .list_width = 22,
		.hint = N_("The incubation base's full name, e.g. 幸福街道社区社会组织孵化基地") },
	[B_LEVEL] = { .col = "level", .label_zh = "基地层级", .label_en = N_("Base level"),
		.kind = MP_K_CHOICE, .choice = MP_CH_BASE_LEVEL,
		.flags = MP_F_LIST | MP_F_FILTER, .list_width = 6, .hint = HINT_CHOICE },
	[B_OPERATOR] = { .col = "operator", .label_zh = "运营机构", .label_en = N_("Operated by"),
		.kind = MP_K_TEXT, .flags = MP_F_LIST | MP_F_SEARCH,
		.maxlen = 60, .list_width = 16,
		.hint = N_("The organization that runs the base, e.g. a social-work agency") },
	[B_ADDRESS] = { .col = "address", .label_zh = "地址", .label_en = N_("Address"),
		.kind = MP_K_TEXT, .maxlen = 100, .hint = N_("Where the base is") },
	[B_CAPACITY] = { .col = "capacity", .label_zh = "容量", .label_en = N_("Capacity"),
		.kind = MP_K_COUNT, .flags = MP_F_LIST, .maxlen = 5, .list_width = 4,
		.hint = N_("How many groups the base can take in at once") },
	[B_KIND] = { .col = "kind", .label_zh = "实体/虚拟", .label_en = N_("Physical or virtual"),
		.kind = MP_K_CHOICE, .choice = MP_CH_BASE_KIND, .initial = MP_BASE_PHYSICAL,
		.flags = MP_F_REQUIRED | MP_F_LIST | MP_F_FILTER, .list_width = 4,
		.hint = N_("实体: a place groups move into (one at a time); 虚拟: support without a place") },
	[B_SUPPORT] = { .col = "support", .label_zh = "年度运营经费", .label_en = N_("Yearly operating support"),
		.kind = MP_K_MONEY, .flags = MP_F_LIST, .maxlen = 20, .list_width = 12,
		.hint = N_("In yuan a year, e.g. 50000 or 5万") },
	[B_NOTES] = { .col = "notes", .label_zh = "备注", .label_en = N_("Notes"),
		.kind = MP_K_LONGTEXT, .maxlen = 500, .hint = N_("Anything else worth keeping") },
};

static const mp_sort base_sorts[] = {
	{ N_("by name"), "name", 0 },
	{ N_("by date added"), "id", 1 },
};

/* One live base of a name: stays and services name their base by it. */
static const mp_index base_indexes[] = {
	{ "bases_live_unique_name", "name", MP_I_UNIQUE | MP_I_LIVE, NULL },
};

static const mp_findby base_findby[] = {
	{ B_NAME, NULL, MP_FIND_CELL },
};

static const int base_dupkey[] = { B_NAME };

/* The first row's first column of sql (one integer parameter, then
 * optionally a text one) as a whole number, into *n; 0 when no row. */
static int one_int(mp_db *db, const char *sql, int64_t a, const char *b,
                   int64_t *n, mp_err *e)
{
	sqlite3_stmt *st = NULL;
	int rc, ret;

	*n = 0;
	ret = mp_db_cached(db, sql, &st, e);
	if (ret != MP_OK)
		return ret;
	rc = sqlite3_bind_int64(st, 1, a);
	if (rc == SQLITE_OK && b)
		rc = sqlite3_bind_text(st, 2, b, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*n = sqlite3_column_int64(st, 0);
	else if (rc != SQLITE_DONE)
		ret = mp_db_fail(db, rc, e);
	mp_db_done(db, st);
	return ret;
}

static int base_clash(mp_db *db, const mp_config *cfg, const mp_record *r,
                      mp_err *e)
{
	int64_t other;
	int ret;

	(void)cfg;
	ret = one_int(db, "SELECT id FROM bases WHERE deleted_at IS NULL"
	              " AND id <> ?1 AND name = ?2", r->id, r->v[B_NAME], &other, e);
	if (ret != MP_OK || !other)
		return ret;
	ret = mp_err_field(e, MP_EDUP, B_NAME, _("%s: a base named “%s” is already in the ledger"),
	                   mp_field_label(&base_fields[B_NAME]), r->v[B_NAME]);
	if (e)
		e->other_id = other;
	return ret;
}

/* The groups in the base on day (moved in by then, not moved out before
 * it), but for the stay not_id. */
static int occupants(mp_db *db, int64_t base_id, const char *day,
                     int64_t not_id, int64_t *n, mp_err *e)
{
	sqlite3_stmt *st = NULL;
	int rc, ret;

	*n = 0;
	ret = mp_db_cached(db, "SELECT count(*) FROM stays WHERE deleted_at IS NULL"
	                   " AND base_id = ?1 AND moved_in <= ?2"
	                   " AND (moved_out IS NULL OR moved_out > ?2) AND id <> ?3",
	                   &st, e);
	if (ret != MP_OK)
		return ret;
	rc = sqlite3_bind_int64(st, 1, base_id);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 2, day, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(st, 3, not_id);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*n = sqlite3_column_int64(st, 0);
	else
		ret = mp_db_fail(db, rc, e);
	mp_db_done(db, st);
	return ret;
}

/* "在驻 12 家 / 容量 20 家 · 累计入驻 31 家" */
static void base_summary(mp_db *db, const mp_record *r, char *buf, size_t size)
{
	char today[11];
	int64_t now = 0, ever = 0;

	if (size > 0)
		buf[0] = '\0';
	if (r->id == 0)
		return;
	mp_today(today);
	if (occupants(db, r->id, today, 0, &now, NULL) != MP_OK
	    || one_int(db, "SELECT count(DISTINCT group_id) FROM stays"
	               " WHERE deleted_at IS NULL AND base_id = ?1", r->id, NULL,
	               &ever, NULL) != MP_OK)
		return;
	if (r->v[B_CAPACITY][0])
		snprintf(buf, size, _("Groups in the base now: %lld of %s · moved in over time: %lld"),
		         (long long)now, r->v[B_CAPACITY], (long long)ever);
	else
		snprintf(buf, size, _("Groups in the base now: %lld · moved in over time: %lld"),
		         (long long)now, (long long)ever);
}

static const mp_child base_children[] = {
	{ N_("Stays in the base"), &mp_stays, ST_BASE },
	{ N_("Incubation services"), &mp_base_services, BS_BASE },
};

const mp_table mp_bases = {
	.name = "bases",
	.title_en = N_("Incubation bases"),
	.unit_en = N_("incubation base"),
	.fields = base_fields,
	.nfields = B__COUNT,
	.sorts = base_sorts,
	.nsorts = sizeof base_sorts / sizeof base_sorts[0],
	.tflags = MP_T_DECLARED | MP_T_CHANGELOG,
	.summary = base_summary,
	.children = base_children,
	.nchildren = sizeof base_children / sizeof base_children[0],
	.clash = base_clash,
	.report = mp_bases_report,
	.findby = base_findby,
	.nfindby = sizeof base_findby / sizeof base_findby[0],
	.dupkey = base_dupkey,
	.ndupkey = sizeof base_dupkey / sizeof base_dupkey[0],
	.indexes = base_indexes,
	.nindexes = sizeof base_indexes / sizeof base_indexes[0],
};

/* ---- stays ---- */

#define GROUP_REF(hint_) \
	{ .col = "group_id", .label_zh = "组织", .label_en = N_("Group"), \
	  .kind = MP_K_REF, .flags = MP_F_REQUIRED | MP_F_LIST | MP_F_SEARCH, \
	  .list_width = 16, .hint = hint_, .ref = &mp_groups }
#define BASE_REF(hint_) \
	{ .col = "base_id", .label_zh = "孵化基地", .label_en = N_("Incubation base"), \
	  .kind = MP_K_REF, .flags = MP_F_REQUIRED | MP_F_LIST, \
	  .list_width = 16, .hint = hint_, .ref = &mp_bases }

static const mp_field stay_fields[ST__COUNT] = {
	[ST_GROUP] = GROUP_REF(N_("Enter: pick the group that moves in")),
	[ST_BASE] = BASE_REF(N_("Enter: pick the base")),
	[ST_APPLIED] = { .col = "applied", .label_zh = "申请日期", .label_en = N_("Applied on"),
		.kind = MP_K_DATE, .flags = MP_F_NOFUTURE, .maxlen = 10, .hint = HINT_DATE },
	[ST_MOVED_IN] = { .col = "moved_in", .label_zh = "入驻日期", .label_en = N_("Moved in"),
		.kind = MP_K_DATE, .flags = MP_F_LIST, .maxlen = 10, .list_width = 10,
		.hint = HINT_DATE },
	[ST_AGREEMENT] = { .col = "agreement_no", .label_zh = "入驻协议编号", .label_en = N_("Move-in agreement number"),
		.kind = MP_K_TEXT, .flags = MP_F_SEARCH, .maxlen = 40,
		.hint = N_("The number of the move-in agreement") },
	[ST_PLANNED_OUT] = { .col = "planned_out", .label_zh = "计划出壳日期", .label_en = N_("Planned move-out"),
		.kind = MP_K_DATE, .maxlen = 10,
		.hint = N_("YYYY-MM-DD; empty: the settings' years after moving in (two)") },
	[ST_MOVED_OUT] = { .col = "moved_out", .label_zh = "实际出壳日期", .label_en = N_("Actual move-out"),
		.kind = MP_K_DATE, .flags = MP_F_LIST | MP_F_NOFUTURE, .maxlen = 10,
		.list_width = 10, .hint = N_("YYYY-MM-DD, once the group has moved out") },
	[ST_OUTCOME] = { .col = "outcome", .label_zh = "出壳结果", .label_en = N_("Outcome at move-out"),
		.kind = MP_K_CHOICE, .choice = MP_CH_STAY_OUTCOME,
		.flags = MP_F_LIST | MP_F_FILTER, .list_width = 8,
		.hint = N_("Enter: 已登记, 已备案, 仍未登记 or 提前退出 (with the reason)") },
	[ST_REASON] = { .col = "reason", .label_zh = "退出原因", .label_en = N_("Reason for leaving early"),
		.kind = MP_K_TEXT, .maxlen = 100,
		.hint = N_("Why the group left before its planned move-out") },
	[ST_NOTES] = { .col = "notes", .label_zh = "备注", .label_en = N_("Notes"),
		.kind = MP_K_LONGTEXT, .maxlen = 500, .hint = N_("Anything else worth keeping") },
};

static const mp_sort stay_sorts[] = {
	{ N_("by move-in date"), "moved_in", 1 },
	{ N_("by move-out date"), "moved_out", 1 },
	{ N_("by date added"), "id", 1 },
};

/* The first is what the list marks with "!": a stay past its planned
 * move-out. */
static const mp_preset stay_presets[] = {
	{ N_("Planned move-out passed"), "moved_out IS NULL AND planned_out < ?1" },
	{ N_("In a base now"), "moved_in <= ?1 AND (moved_out IS NULL OR moved_out > ?1)" },
};

/* date plus years (29 February to 28 February when need be). */
static int add_years(const char *date, int years, char out[11])
{
	int y, m, d;

	if (sscanf(date, "%4d-%2d-%2d", &y, &m, &d) != 3)
		return -1;
	y += years;
	if (m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
		d = 28;
	snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
	return 0;
}

/* The planned move-out, when not given: the settings' years after moving
 * in. */
static int stay_prepare(mp_db *db, const mp_config *cfg, mp_record *r,
                        mp_err *e)
{
	char planned[11];

	(void)db;
	(void)e;
	if (!r->v[ST_PLANNED_OUT][0] && r->v[ST_MOVED_IN][0]
	    && add_years(r->v[ST_MOVED_IN], cfg && cfg->stay_years > 0 ? cfg->stay_years : 2,
	                 planned) == 0)
		mp_record_set(r, ST_PLANNED_OUT, planned);
	return MP_OK;
}

/* The first service the stay r (saved before) covered that its new
 * values leave without a stay: refused, naming its date. */
static int services_left_out(mp_db *db, const mp_record *r, mp_err *e)
{
	char *const *v = r->v;
	sqlite3_stmt *st = NULL;
	int rc, ret;

	ret = mp_db_cached(db, "SELECT x.date FROM stays o JOIN base_services x"
	                   " ON x.group_id = o.group_id AND x.base_id = o.base_id"
	                   " WHERE o.id = ?1 AND o.deleted_at IS NULL AND x.deleted_at IS NULL"
	                   " AND ifnull(o.moved_in, '') <= x.date"
	                   " AND (o.moved_out IS NULL OR o.moved_out >= x.date)"
	                   " AND NOT (x.group_id = ?2 AND x.base_id = ?3"
	                   "  AND ifnull(?4, '') <= x.date AND (?5 IS NULL OR ?5 >= x.date))"
	                   " AND NOT EXISTS (SELECT 1 FROM stays s WHERE s.deleted_at IS NULL"
	                   "  AND s.id <> ?1 AND s.group_id = x.group_id AND s.base_id = x.base_id"
	                   "  AND ifnull(s.moved_in, '') <= x.date"
	                   "  AND (s.moved_out IS NULL OR s.moved_out >= x.date))"
	                   " ORDER BY x.date LIMIT 1", &st, e);
	if (ret != MP_OK)
		return ret;
	rc = sqlite3_bind_int64(st, 1, r->id);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(st, 2, strtoll(v[ST_GROUP], NULL, 10));
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(st, 3, strtoll(v[ST_BASE], NULL, 10));
	if (rc == SQLITE_OK)
		rc = v[ST_MOVED_IN][0] ? sqlite3_bind_text(st, 4, v[ST_MOVED_IN], -1, SQLITE_STATIC)
		                       : sqlite3_bind_null(st, 4);
	if (rc == SQLITE_OK)
		rc = v[ST_MOVED_OUT][0] ? sqlite3_bind_text(st, 5, v[ST_MOVED_OUT], -1, SQLITE_STATIC)
		                        : sqlite3_bind_null(st, 5);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *day = (const char *)sqlite3_column_text(st, 0);
		int field = v[ST_MOVED_OUT][0] && day && strcmp(day, v[ST_MOVED_OUT]) > 0
		            ? ST_MOVED_OUT : ST_MOVED_IN;

		ret = mp_err_field(e, MP_EINVAL, field, _("%s: the service the base gave on %s would fall outside the stay; change or delete that service first"),
		                   mp_field_label(&stay_fields[field]), day ? day : "");
	} else if (rc != SQLITE_DONE) {
		ret = mp_db_fail(db, rc, e);
	}
	mp_db_done(db, st);
	return ret;
}

static int stay_check(mp_db *db, const mp_config *cfg, const mp_record *r,
                      mp_err *e)
{
	const mp_field *f = stay_fields;
	char *const *v = r->v;
	sqlite3_stmt *st = NULL;
	int64_t physical;
	int rc, ret;

	(void)cfg;
	if (v[ST_APPLIED][0] && v[ST_MOVED_IN][0] && strcmp(v[ST_APPLIED], v[ST_MOVED_IN]) > 0)
		return mp_err_field(e, MP_EINVAL, ST_APPLIED, _("%s: %s is after the move-in date %s"),
		                    mp_field_label(&f[ST_APPLIED]), v[ST_APPLIED], v[ST_MOVED_IN]);
	if (v[ST_MOVED_OUT][0] && v[ST_MOVED_IN][0] && strcmp(v[ST_MOVED_OUT], v[ST_MOVED_IN]) < 0)
		return mp_err_field(e, MP_EINVAL, ST_MOVED_OUT, _("%s: %s is before the move-in date %s; a stay cannot end before it starts"),
		                    mp_field_label(&f[ST_MOVED_OUT]), v[ST_MOVED_OUT], v[ST_MOVED_IN]);
	if (v[ST_PLANNED_OUT][0] && v[ST_MOVED_IN][0] && strcmp(v[ST_PLANNED_OUT], v[ST_MOVED_IN]) < 0)
		return mp_err_field(e, MP_EINVAL, ST_PLANNED_OUT, _("%s: %s is before the move-in date %s"),
		                    mp_field_label(&f[ST_PLANNED_OUT]), v[ST_PLANNED_OUT], v[ST_MOVED_IN]);
	if (v[ST_MOVED_OUT][0] && !v[ST_OUTCOME][0])
		return mp_err_field(e, MP_EINVAL, ST_OUTCOME, _("%s: a group that moved out needs its outcome (已登记, 已备案, 仍未登记 or 提前退出)"),
		                    mp_field_label(&f[ST_OUTCOME]));
	if (v[ST_OUTCOME][0] && !v[ST_MOVED_OUT][0])
		return mp_err_field(e, MP_EINVAL, ST_MOVED_OUT, _("%s: the outcome %s is for a group that moved out; fill in the move-out date"),
		                    mp_field_label(&f[ST_MOVED_OUT]), v[ST_OUTCOME]);
	if (!strcmp(v[ST_OUTCOME], MP_OUTCOME_LEFT_EARLY) && !v[ST_REASON][0])
		return mp_err_field(e, MP_EINVAL, ST_REASON, _("%s: say why the group left early"),
		                    mp_field_label(&f[ST_REASON]));

	/* A stay changed so that a service it covered falls outside it (and
	 * outside any other stay of the group in that base). */
	if (r->id) {
		ret = services_left_out(db, r, e);
		if (ret != MP_OK)
			return ret;
	}
	/* One physical base at a time: another live stay of the group in a
	 * physical base that overlaps this one (a day of moving out may be
	 * the next base's day of moving in). */
	if (!v[ST_MOVED_IN][0])
		return MP_OK;
	ret = one_int(db, "SELECT count(*) FROM bases WHERE id = ?1 AND kind = ?2",
	              strtoll(v[ST_BASE], NULL, 10), MP_BASE_PHYSICAL, &physical, e);
	if (ret != MP_OK || !physical)
		return ret;
	ret = mp_db_cached(db, "SELECT b.name, s.moved_in, s.moved_out FROM stays s"
	                   " JOIN bases b ON b.id = s.base_id"
	                   " WHERE s.group_id = ?1 AND s.deleted_at IS NULL AND s.id <> ?2"
	                   " AND b.kind = '" MP_BASE_PHYSICAL "' AND s.moved_in IS NOT NULL"
	                   " AND s.moved_in < ifnull(?4, '9999-12-31')"
	                   " AND ifnull(s.moved_out, '9999-12-31') > ?3"
	                   " ORDER BY s.moved_in LIMIT 1", &st, e);
	if (ret != MP_OK)
		return ret;
	rc = sqlite3_bind_int64(st, 1, strtoll(v[ST_GROUP], NULL, 10));
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(st, 2, r->id);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 3, v[ST_MOVED_IN], -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = v[ST_MOVED_OUT][0] ? sqlite3_bind_text(st, 4, v[ST_MOVED_OUT], -1, SQLITE_STATIC)
		                        : sqlite3_bind_null(st, 4);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);
		const char *in = (const char *)sqlite3_column_text(st, 1);
		const char *out = (const char *)sqlite3_column_text(st, 2);

		if (out)
			ret = mp_err_field(e, MP_EINVAL, ST_BASE, _("%s: the group is in the physical base “%s” from %s to %s, and a group is in one physical base at a time"),
			                   mp_field_label(&f[ST_BASE]), name ? name : "", in, out);
		else
			ret = mp_err_field(e, MP_EINVAL, ST_BASE, _("%s: the group is in the physical base “%s” since %s and has not moved out; a group is in one physical base at a time"),
			                   mp_field_label(&f[ST_BASE]), name ? name : "", in);
	} else if (rc != SQLITE_DONE) {
		ret = mp_db_fail(db, rc, e);
	}
	mp_db_done(db, st);
	return ret;
}

/* More groups in the base than it has room for is worth a second look,
 * not a refusal: bases squeeze in a group for a while. */
static int stay_warn(mp_db *db, const mp_config *cfg, const mp_record *r,
                     char *buf, size_t size, int64_t *other_id)
{
	mp_record *base = NULL;
	int64_t n = 0, cap;
	int warned = 0;

	(void)cfg;
	*other_id = 0;
	if (!r->v[ST_MOVED_IN][0] || r->v[ST_MOVED_OUT][0])
		return 0;
	if (mp_record_load(db, &mp_bases, strtoll(r->v[ST_BASE], NULL, 10), &base, NULL) != MP_OK)
		return 0;
	cap = strtoll(base->v[B_CAPACITY], NULL, 10);
	if (base->v[B_CAPACITY][0]
	    && occupants(db, base->id, r->v[ST_MOVED_IN], r->id, &n, NULL) == MP_OK
	    && n + 1 > cap) {
		snprintf(buf, size, _("the base “%s” has room for %lld groups and would have %lld on %s"),
		         base->v[B_NAME], (long long)cap, (long long)(n + 1), r->v[ST_MOVED_IN]);
		*other_id = base->id;
		warned = 1;
	}
	mp_record_free(base);
	return warned;
}

static const int stay_dupkey[] = { ST_GROUP, ST_BASE, ST_MOVED_IN };

/* "阳光助老服务队 幸福街道孵化基地 2024-03-01" */
static void stay_describe(mp_db *db, const mp_record *r, char *buf, size_t size)
{
	static const int fields[] = { ST_GROUP, ST_BASE, ST_MOVED_IN };

	mp_describe_fields(db, r, buf, size, 3, fields);
}

/* A base's and a group's stays in move-in order (their related lists). */
static const mp_index stay_indexes[] = {
	{ "stays_base_moved_in", "base_id, moved_in, id", MP_I_LIVE, NULL },
	{ "stays_group_moved_in", "group_id, moved_in, id", MP_I_LIVE, NULL },
};

const mp_table mp_stays = {
	.name = "stays",
	.title_en = N_("Incubation stays"),
	.unit_en = N_("incubation stay"),
	.fields = stay_fields,
	.nfields = ST__COUNT,
	.sorts = stay_sorts,
	.nsorts = sizeof stay_sorts / sizeof stay_sorts[0],
	.check = stay_check,
	.tflags = MP_T_DECLARED | MP_T_CHANGELOG,
	.prepare = stay_prepare,
	.warn = stay_warn,
	.presets = stay_presets,
	.npresets = sizeof stay_presets / sizeof stay_presets[0],
	.dupkey = stay_dupkey,
	.ndupkey = sizeof stay_dupkey / sizeof stay_dupkey[0],
	.describe = stay_describe,
	.indexes = stay_indexes,
	.nindexes = sizeof stay_indexes / sizeof stay_indexes[0],
};

/* ---- services ---- */

static const mp_field service_fields[BS__COUNT] = {
	[BS_GROUP] = GROUP_REF(N_("Enter: pick the group served")),
	[BS_BASE] = BASE_REF(N_("Enter: pick the base that gave the service")),
	[BS_DATE] = { .col = "date", .label_zh = "服务日期", .label_en = N_("Service date"),
		.kind = MP_K_DATE, .flags = MP_F_REQUIRED | MP_F_LIST | MP_F_NOFUTURE | MP_F_TODAY,
		.maxlen = 10, .list_width = 10,
		.hint = N_("YYYY-MM-DD, within the group's stay in the base") },
	[BS_KIND] = { .col = "kind", .label_zh = "服务类型", .label_en = N_("Kind of service"),
		.kind = MP_K_CHOICE, .choice = MP_CH_BASE_SERVICE,
		.flags = MP_F_REQUIRED | MP_F_LIST | MP_F_FILTER, .list_width = 10,
		.hint = HINT_CHOICE },
	[BS_HOURS] = { .col = "hours", .label_zh = "时长(小时)", .label_en = N_("Hours of service"),
		.kind = MP_K_HOURS, .flags = MP_F_LIST, .maxlen = 5, .list_width = 5,
		.hint = N_("How long, e.g. 2 or 1.5 (a training, a consultation)") },
	[BS_AMOUNT] = { .col = "amount", .label_zh = "金额", .label_en = N_("Amount"),
		.kind = MP_K_MONEY, .flags = MP_F_LIST, .maxlen = 20, .list_width = 10,
		.hint = N_("In yuan: what the space, equipment or money given was worth") },
	[BS_BY] = { .col = "given_by", .label_zh = "服务人", .label_en = N_("Given by"),
		.kind = MP_K_TEXT, .flags = MP_F_LIST | MP_F_SEARCH, .maxlen = 30, .list_width = 8,
		.hint = N_("Who gave the service: a person or an organization") },
	[BS_CONTENT] = { .col = "content", .label_zh = "服务内容", .label_en = N_("Service given"),
		.kind = MP_K_LONGTEXT, .maxlen = 500, .hint = N_("What the group was given or taught") },
};

static const mp_sort service_sorts[] = {
	{ N_("by service date"), "date", 1 },
	{ N_("by date added"), "id", 1 },
};

static void service_defaults(const mp_config *cfg, mp_record *r)
{
	const mp_strlist *l = mp_config_choices(cfg, MP_CH_BASE_SERVICE);

	if (l->n > 0)
		mp_record_set(r, BS_KIND, l->v[0]);
}

/* A base serves the groups staying in it: the date lies within a live
 * stay of the group in that base. */
static int service_check(mp_db *db, const mp_config *cfg, const mp_record *r,
                         mp_err *e)
{
	sqlite3_stmt *st = NULL;
	char group[128], base[128];
	int64_t gid = strtoll(r->v[BS_GROUP], NULL, 10);
	int64_t bid = strtoll(r->v[BS_BASE], NULL, 10);
	int rc, ret, found = 0;

	(void)cfg;
	ret = mp_db_cached(db, "SELECT 1 FROM stays WHERE deleted_at IS NULL"
	                   " AND group_id = ?1 AND base_id = ?2"
	                   " AND ifnull(moved_in, '') <= ?3"
	                   " AND (moved_out IS NULL OR moved_out >= ?3) LIMIT 1", &st, e);
	if (ret != MP_OK)
		return ret;
	rc = sqlite3_bind_int64(st, 1, gid);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(st, 2, bid);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 3, r->v[BS_DATE], -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		found = 1;
	else if (rc != SQLITE_DONE)
		ret = mp_db_fail(db, rc, e);
	mp_db_done(db, st);
	if (ret != MP_OK || found)
		return ret;
	mp_field_display(db, r, BS_GROUP, 0, group, sizeof group);
	mp_field_display(db, r, BS_BASE, 0, base, sizeof base);
	return mp_err_field(e, MP_EINVAL, BS_DATE, _("%s: on %s “%s” was not staying in the base “%s”; record its stay first"),
	                    mp_field_label(&service_fields[BS_DATE]), r->v[BS_DATE], group, base);
}

static const int service_dupkey[] = { BS_GROUP, BS_BASE, BS_DATE, BS_KIND, BS_BY };

/* "阳光助老服务队 2025-03-05 财务指导" */
static void service_describe(mp_db *db, const mp_record *r, char *buf, size_t size)
{
	static const int fields[] = { BS_GROUP, BS_DATE, BS_KIND };

	mp_describe_fields(db, r, buf, size, 3, fields);
}

/* The report reads a period's services from the first index alone; the
 * others page a base's and a group's services (their related lists) in
 * date order without sorting them (a city base has thousands). */
static const mp_index service_indexes[] = {
	{ "base_services_report", "date, base_id, kind, hours, amount, group_id, deleted_at",
	  MP_I_LIVE, NULL },
	{ "base_services_base_date", "base_id, date, id", MP_I_LIVE, NULL },
	{ "base_services_group_date", "group_id, date, id", MP_I_LIVE, NULL },
};

const mp_table mp_base_services = {
	.name = "base_services",
	.title_en = N_("Incubation services"),
	.unit_en = N_("incubation service"),
	.fields = service_fields,
	.nfields = BS__COUNT,
	.sorts = service_sorts,
	.nsorts = sizeof service_sorts / sizeof service_sorts[0],
	.check = service_check,
	.defaults = service_defaults,
	.tflags = MP_T_DECLARED,
	.dupkey = service_dupkey,
	.ndupkey = sizeof service_dupkey / sizeof service_dupkey[0],
	.describe = service_describe,
	.indexes = service_indexes,
	.nindexes = sizeof service_indexes / sizeof service_indexes[0],
};

/* ---- a group's old fields as a stay ---- */

/* What the settings call the station's base, for schema step 14, which
 * is handed no settings: set by whoever opens a ledger (ledger.c). */
static char step_base[256];
static int step_years = 2;

void mp_bases_step_settings(const mp_config *cfg)
{
	snprintf(step_base, sizeof step_base, "%s", cfg && cfg->base_name ? cfg->base_name : "");
	step_years = cfg && cfg->stay_years > 0 ? cfg->stay_years : 2;
}

static const char *base_named(const char *incubated, const char *setting)
{
	if (incubated && incubated[0] && strcmp(incubated, "是") && strcmp(incubated, "否"))
		return incubated;
	return setting && setting[0] ? setting : MP_BASE_UNNAMED;
}

static const char *outcome_of(const char *legal)
{
	if (legal && !strcmp(legal, "登记"))
		return MP_OUTCOME_REGISTERED;
	if (legal && !strcmp(legal, "备案"))
		return MP_OUTCOME_FILED;
	return MP_OUTCOME_UNREGISTERED;
}

/* Whether the old fields say the group was ever in a base. */
static int was_incubated(const char *incubated, const char *in, const char *out)
{
	return (incubated && incubated[0] && strcmp(incubated, "否"))
	       || (in && in[0]) || (out && out[0]);
}

int mp_stay_from_group(mp_db *db, const mp_config *cfg, int64_t group_id,
                       const char *incubated, const char *moved_in,
                       const char *moved_out, const char *legal, mp_err *e)
{
	const char *name;
	mp_record *stay;
	int64_t base_id;
	char id[24];
	int ret;

	if (!was_incubated(incubated, moved_in, moved_out))
		return MP_OK;
	name = base_named(incubated, cfg ? cfg->base_name : NULL);
	ret = one_int(db, "SELECT id FROM bases WHERE deleted_at IS NULL AND ?1 AND name = ?2",
	              1, name, &base_id, e);
	if (ret != MP_OK)
		return ret;
	if (!base_id) {
		mp_record *b = mp_record_new(&mp_bases, cfg);

		mp_record_set(b, B_NAME, name);
		ret = mp_record_save(db, cfg, b, e);
		base_id = b->id;
		mp_record_free(b);
		if (ret != MP_OK)
			return ret;
	}
	stay = mp_record_new(&mp_stays, cfg);
	snprintf(id, sizeof id, "%lld", (long long)group_id);
	mp_record_set(stay, ST_GROUP, id);
	snprintf(id, sizeof id, "%lld", (long long)base_id);
	mp_record_set(stay, ST_BASE, id);
	mp_record_set(stay, ST_MOVED_IN, moved_in);
	mp_record_set(stay, ST_MOVED_OUT, moved_out);
	if (moved_out && moved_out[0])
		mp_record_set(stay, ST_OUTCOME, outcome_of(legal));
	ret = mp_record_save(db, cfg, stay, e);
	mp_record_free(stay);
	return ret;
}

/* ---- schema step 14 ---- */

/* The group's 孵化基地 / 入驻日期 / 出壳日期 from its live stays: 是 and
 * the dates of the latest (by move-in; one not moved in yet counts as
 * the latest), or 否 and nothing. */
#define GROUP_FROM_STAYS(g) \
	"UPDATE groups SET" \
	" incubated = CASE WHEN EXISTS (SELECT 1 FROM stays WHERE group_id = " g \
	"  AND deleted_at IS NULL) THEN '是' ELSE '否' END," \
	" moved_in = (SELECT moved_in FROM stays WHERE group_id = " g \
	"  AND deleted_at IS NULL ORDER BY ifnull(moved_in, '9999') DESC, id DESC LIMIT 1)," \
	" moved_out = (SELECT moved_out FROM stays WHERE group_id = " g \
	"  AND deleted_at IS NULL ORDER BY ifnull(moved_in, '9999') DESC, id DESC LIMIT 1)" \
	" WHERE id = " g ";"

static const char stay_triggers[] =
	"CREATE TRIGGER IF NOT EXISTS stays_group_in AFTER INSERT ON stays BEGIN "
	GROUP_FROM_STAYS("NEW.group_id") " END;"
	"CREATE TRIGGER IF NOT EXISTS stays_group_up AFTER UPDATE OF group_id, moved_in, moved_out,"
	" deleted_at ON stays BEGIN "
	GROUP_FROM_STAYS("OLD.group_id") GROUP_FROM_STAYS("NEW.group_id") " END;"
	"CREATE TRIGGER IF NOT EXISTS stays_group_out AFTER DELETE ON stays BEGIN "
	GROUP_FROM_STAYS("OLD.group_id") " END;";

static int exec_h(sqlite3 *h, const char *sql, mp_err *e)
{
	int rc = sqlite3_exec(h, sql, NULL, NULL, NULL);

	return rc == SQLITE_OK ? MP_OK : mp_db_fail_h(h, rc, e);
}

/* The bases the old fields name, made when missing (kind 实体: the old
 * field stood for the station's own base). */
static int step_bases(sqlite3 *h, const char *now, mp_err *e)
{
	sqlite3_stmt *sel = NULL, *ins = NULL;
	int rc;

	rc = sqlite3_prepare_v2(h, "SELECT DISTINCT CASE WHEN ifnull(incubated, '') NOT IN ('', '是', '否')"
	                        " THEN incubated ELSE ?1 END FROM groups"
	                        " WHERE ifnull(incubated, '') NOT IN ('', '否')"
	                        " OR moved_in IS NOT NULL OR moved_out IS NOT NULL", -1, &sel, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(h, "INSERT INTO bases (uuid, created_at, updated_at, name, kind)"
		                        " SELECT ?1, ?2, ?2, ?3, '" MP_BASE_PHYSICAL "'"
		                        " WHERE NOT EXISTS (SELECT 1 FROM bases WHERE name = ?3"
		                        " AND deleted_at IS NULL)", -1, &ins, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(sel, 1, base_named(NULL, step_base), -1, SQLITE_STATIC);
	while (rc == SQLITE_OK && (rc = sqlite3_step(sel)) == SQLITE_ROW) {
		char uuid[37];

		mp_uuid_new(uuid);
		rc = sqlite3_bind_text(ins, 1, uuid, -1, SQLITE_TRANSIENT);
		if (rc == SQLITE_OK)
			rc = sqlite3_bind_text(ins, 2, now, -1, SQLITE_STATIC);
		if (rc == SQLITE_OK)
			rc = sqlite3_bind_value(ins, 3, sqlite3_column_value(sel, 0));
		if (rc == SQLITE_OK)
			rc = sqlite3_step(ins);
		if (rc == SQLITE_DONE)
			rc = sqlite3_reset(ins);
	}
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
	sqlite3_finalize(sel);
	sqlite3_finalize(ins);
	return rc == SQLITE_OK ? MP_OK : mp_db_fail_h(h, rc, e);
}

/* One stay per group the old fields put in a base (and that has none
 * yet: a test lowers a new ledger's version and opens it again); a group
 * in the recycle bin has its stay there too.  The groups' rows are not
 * touched: the triggers come after. */
static int step_stays(sqlite3 *h, const char *now, mp_err *e)
{
	sqlite3_stmt *sel = NULL, *ins = NULL;
	int rc;

	rc = sqlite3_prepare_v2(h, "SELECT g.id, b.id, g.moved_in, g.moved_out,"
	                        " CASE WHEN g.moved_out IS NULL THEN NULL"
	                        "  WHEN g.legal_status = '登记' THEN '" MP_OUTCOME_REGISTERED "'"
	                        "  WHEN g.legal_status = '备案' THEN '" MP_OUTCOME_FILED "'"
	                        "  ELSE '" MP_OUTCOME_UNREGISTERED "' END,"
	                        " g.deleted_at FROM groups g JOIN bases b ON b.deleted_at IS NULL"
	                        " AND b.name = CASE WHEN ifnull(g.incubated, '') NOT IN ('', '是', '否')"
	                        "  THEN g.incubated ELSE ?1 END"
	                        " WHERE (ifnull(g.incubated, '') NOT IN ('', '否')"
	                        " OR g.moved_in IS NOT NULL OR g.moved_out IS NOT NULL)"
	                        " AND NOT EXISTS (SELECT 1 FROM stays s WHERE s.group_id = g.id)"
	                        " ORDER BY g.id", -1, &sel, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(h, "INSERT INTO stays (uuid, created_at, updated_at,"
		                        " deleted_at, group_id, base_id, moved_in, planned_out,"
		                        " moved_out, outcome) VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6,"
		                        " ?7, ?8, ?9)", -1, &ins, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(sel, 1, base_named(NULL, step_base), -1, SQLITE_STATIC);
	while (rc == SQLITE_OK && (rc = sqlite3_step(sel)) == SQLITE_ROW) {
		const char *in = (const char *)sqlite3_column_text(sel, 2);
		char uuid[37], planned[11];

		mp_uuid_new(uuid);
		rc = sqlite3_bind_text(ins, 1, uuid, -1, SQLITE_TRANSIENT);
		if (rc == SQLITE_OK)
			rc = sqlite3_bind_text(ins, 2, now, -1, SQLITE_STATIC);
		if (rc == SQLITE_OK)
			rc = sqlite3_bind_value(ins, 3, sqlite3_column_value(sel, 5));
		if (rc == SQLITE_OK)
			rc = sqlite3_bind_value(ins, 4, sqlite3_column_value(sel, 0));
		if (rc == SQLITE_OK)
			rc = sqlite3_bind_value(ins, 5, sqlite3_column_value(sel, 1));
		if (rc == SQLITE_OK)
			rc = sqlite3_bind_value(ins, 6, sqlite3_column_value(sel, 2));
		if (rc == SQLITE_OK)
			rc = in && add_years(in, step_years, planned) == 0
			     ? sqlite3_bind_text(ins, 7, planned, -1, SQLITE_TRANSIENT)
			     : sqlite3_bind_null(ins, 7);
		if (rc == SQLITE_OK)
			rc = sqlite3_bind_value(ins, 8, sqlite3_column_value(sel, 3));
		if (rc == SQLITE_OK)
			rc = sqlite3_bind_value(ins, 9, sqlite3_column_value(sel, 4));
		if (rc == SQLITE_OK)
			rc = sqlite3_step(ins);
		if (rc == SQLITE_DONE)
			rc = sqlite3_reset(ins);
	}
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
	sqlite3_finalize(sel);
	sqlite3_finalize(ins);
	return rc == SQLITE_OK ? MP_OK : mp_db_fail_h(h, rc, e);
}

int mp_bases_step(sqlite3 *h, mp_err *e)
{
	static const mp_table *const mine[] = { &mp_bases, &mp_stays, &mp_base_services };
	char now[20];
	size_t i;
	int ret = MP_OK;

	/* The tables as declared, so that the step can write into them; the
	 * opening then adds their indexes (mp_schema_create_declared). */
	for (i = 0; ret == MP_OK && i < sizeof mine / sizeof mine[0]; i++) {
		char *sql = mp_schema_table_sql(mine[i], 1);

		ret = exec_h(h, sql, e);
		free(sql);
		if (ret == MP_OK)
			ret = mp_search_sync(h, mine[i], e);
	}
	mp_now(now);
	if (ret == MP_OK)
		ret = step_bases(h, now, e);
	if (ret == MP_OK)
		ret = step_stays(h, now, e);
	if (ret == MP_OK)
		ret = exec_h(h, stay_triggers, e);
	return ret;
}
