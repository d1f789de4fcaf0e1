/* schema_steps.c — the ledger's schema, one step per version.
 *
 * A step is never changed once released: a ledger of version N is
 * upgraded by running the steps after N, and a new ledger by running them
 * all, so that both end with the same schema (tests/unit/test_schema.c
 * compares them).  Storage (db.c) knows none of this: it runs the list it
 * is handed (mp_schema_steps).  Column names are the mp_field.col of each
 * table.  Steps 6 and 8 are written with macros; they are frozen with the
 * steps, and step 9 replaced step 6's search triggers with ones made from
 * the tables (search.c).  Record types added since are not in any step:
 * their tables are made from their declaration (schema.c). */
#include "config.h"

#include <stdlib.h>

#include "db_internal.h"
#include "mp_bases.h"
#include "mp_steps.h"
#include "mp_search.h"
#include "mp_schema.h"
#include "mp_stages.h"

/* ---- step 6 as released: the character index of search as you type
 * (see search.c), and the active groups by legal status for the
 * overview ---- */

/* The text indexed for one row (p: NEW, OLD or the table's name): the
 * MP_F_SEARCH columns of the table, joined by char(31), which being ASCII
 * never makes part of a token. */
#define VOL_TEXT(p) p ".name"
#define GROUP_TEXT(p) p ".name || char(31) || ifnull(" p ".short_name, '')" \
	" || char(31) || ifnull(" p ".community, '') || char(31)" \
	" || ifnull(" p ".leader, '')"
#define TRAIN_TEXT(p) p ".name || char(31) || ifnull(" p ".topic, '')"

/* The tokens of the text t of the rows of S (a subquery): its non-ASCII
 * characters, then its pairs, with the numbers n.i from search_nums,
 * between the columns C (empty or "code, ") and R (empty or ", <sort
 * key>, <row id>").  A token that comes twice in a row is kept once by
 * INSERT OR IGNORE.  (The text is named once, in S: the schema, which
 * SQLite reads at every start, stays short.) */
#define CHARS(C, S, R) "SELECT " C "substr(s.t, n.i, 1)" R " FROM " S " s," \
	" search_nums n WHERE n.i <= length(s.t) AND unicode(substr(s.t, n.i, 1)) > 127"
#define PAIRS(C, S, R) "SELECT " C "substr(s.t, n.i, 2)" R " FROM " S " s," \
	" search_nums n WHERE n.i < length(s.t) AND unicode(substr(s.t, n.i, 1)) > 127" \
	" AND unicode(substr(s.t, n.i + 1, 1)) > 127"
#define TOKENS(C, S, R) CHARS(C, S, R) " UNION ALL " PAIRS(C, S, R)

#define INTO "INSERT OR IGNORE INTO search_tokens (s_tbl, s_tok, s_key, s_id) "
#define ADD(C, TM, K) INTO TOKENS(C ", ", "(SELECT " TM("NEW") " AS t)", \
	", ifnull(NEW." K ", ''), NEW.id") ";"
#define DROP(C, TM, K) "DELETE FROM search_tokens WHERE s_tbl = " C \
	" AND s_key = ifnull(OLD." K ", '') AND s_id = OLD.id" \
	" AND s_tok IN (" TOKENS("", "(SELECT " TM("OLD") " AS t)", "") ");"

/* Triggers for table X (code C, columns COLS that make its text or its
 * key, sort key column K), and the rows already there. */
#define INDEX(X, C, TM, K, COLS) \
	"CREATE TRIGGER search_" X "_in AFTER INSERT ON " X " BEGIN " ADD(C, TM, K) " END;" \
	"CREATE TRIGGER search_" X "_out AFTER DELETE ON " X " BEGIN " DROP(C, TM, K) " END;" \
	"CREATE TRIGGER search_" X "_up AFTER UPDATE OF " COLS " ON " X " BEGIN " \
	DROP(C, TM, K) ADD(C, TM, K) " END;" \
	INTO TOKENS(C ", ", "(SELECT id, ifnull(" K ", '') AS k, " TM(X) " AS t FROM " X ")", \
	", s.k, s.id") ";"

/* Active groups by legal status: count_stats rows 'groups_active:登记' ... */
#define ACTIVE_KEY(p) "'groups_active:' || ifnull(" p ".legal_status, '')"
#define GROUP_IN "INSERT INTO count_stats (name, n) VALUES (" ACTIVE_KEY("NEW") ", 1)" \
	" ON CONFLICT (name) DO UPDATE SET n = n + 1;"
#define GROUP_OUT "UPDATE count_stats SET n = n - 1 WHERE name = " ACTIVE_KEY("OLD") ";"
#define GROUP_LIVE(p) p ".deleted_at IS NULL AND " p ".state = '活跃'"

static const char search_step[] =
	"CREATE TABLE search_nums (i INTEGER PRIMARY KEY);"
	"INSERT INTO search_nums (i) WITH RECURSIVE n(i) AS"
	" (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " MP_SEARCH_MAXLEN_SQL ")"
	" SELECT i FROM n;"
	/* s_key: the row's value of its table's first sort column, so that
	 * a search in that order pages through this index alone. */
	"CREATE TABLE search_tokens ("
	" s_tbl INTEGER NOT NULL,"
	" s_tok TEXT NOT NULL,"
	" s_key,"
	" s_id INTEGER NOT NULL,"
	" PRIMARY KEY (s_tbl, s_tok, s_key, s_id)"
	") WITHOUT ROWID;"
	INDEX("volunteers", "1", VOL_TEXT, "name", "name")
	INDEX("groups", "2", GROUP_TEXT, "name", "name, short_name, community, leader")
	INDEX("trainings", "3", TRAIN_TEXT, "date", "name, topic, date")

	"INSERT INTO count_stats (name, n)"
	" SELECT " ACTIVE_KEY("groups") ", count(*) FROM groups"
	" WHERE " GROUP_LIVE("groups") " GROUP BY 1;"
	"CREATE TRIGGER count_groups_in AFTER INSERT ON groups"
	" WHEN " GROUP_LIVE("NEW") " BEGIN " GROUP_IN " END;"
	"CREATE TRIGGER count_groups_out AFTER DELETE ON groups"
	" WHEN " GROUP_LIVE("OLD") " BEGIN " GROUP_OUT " END;"
	"CREATE TRIGGER count_groups_old AFTER UPDATE OF state, legal_status, deleted_at"
	" ON groups WHEN " GROUP_LIVE("OLD") " BEGIN " GROUP_OUT " END;"
	"CREATE TRIGGER count_groups_new AFTER UPDATE OF state, legal_status, deleted_at"
	" ON groups WHEN " GROUP_LIVE("NEW") " BEGIN " GROUP_IN " END;";

/* ---- step 8 as released: the service hours per year and volunteer,
 * kept by triggers, from which the report reads whole years
 * (report_hours.c); and an index that holds all the report reads of the
 * period's activities ---- */

/* A record that counts, its year and its hundredths (p: NEW or OLD), as
 * the report reads them: llround(hours * 100), 0 without hours. */
#define COUNTS(p) p ".deleted_at IS NULL AND " p ".date IS NOT NULL" \
	" AND " p ".counts = '是'"
#define YEAR(p) "substr(" p ".date, 1, 4)"
#define CENTS(p) "CAST(round(ifnull(" p ".hours, 0) * 100) AS INTEGER)"

#define YEAR_IN(p) \
	" INSERT INTO year_hours (year, volunteer_id, cents, records)" \
	" VALUES (" YEAR(p) ", " p ".volunteer_id, " CENTS(p) ", 1)" \
	" ON CONFLICT (year, volunteer_id) DO UPDATE" \
	" SET cents = cents + excluded.cents, records = records + 1;"
#define YEAR_OUT(p) \
	" UPDATE year_hours SET cents = cents - " CENTS(p) "," \
	" records = records - 1" \
	" WHERE year = " YEAR(p) " AND volunteer_id = " p ".volunteer_id;" \
	" DELETE FROM year_hours WHERE year = " YEAR(p) \
	" AND volunteer_id = " p ".volunteer_id AND records <= 0;"
#define HOURS_COLS "date, hours, counts, deleted_at, volunteer_id"

static const char report_step[] =
	"CREATE TABLE year_hours ("
	" year TEXT NOT NULL,"
	" volunteer_id INTEGER NOT NULL,"
	" cents INTEGER NOT NULL,"
	" records INTEGER NOT NULL,"
	" PRIMARY KEY (year, volunteer_id)"
	") WITHOUT ROWID;"
	"INSERT INTO year_hours (year, volunteer_id, cents, records)"
	" SELECT " YEAR("h") ", h.volunteer_id, sum(" CENTS("h") "), count(*)"
	" FROM hours h WHERE " COUNTS("h") " GROUP BY 1, 2;"
	"CREATE TRIGGER year_hours_in AFTER INSERT ON hours"
	" WHEN " COUNTS("NEW") " BEGIN" YEAR_IN("NEW") " END;"
	"CREATE TRIGGER year_hours_out AFTER DELETE ON hours"
	" WHEN " COUNTS("OLD") " BEGIN" YEAR_OUT("OLD") " END;"
	"CREATE TRIGGER year_hours_old AFTER UPDATE OF " HOURS_COLS " ON hours"
	" WHEN " COUNTS("OLD") " BEGIN" YEAR_OUT("OLD") " END;"
	"CREATE TRIGGER year_hours_new AFTER UPDATE OF " HOURS_COLS " ON hours"
	" WHEN " COUNTS("NEW") " BEGIN" YEAR_IN("NEW") " END;"
	/* The period's activities by group and month (report_act.c), from
	 * the index alone: not 10,000 rows of the table looked up one by
	 * one. */
	"CREATE INDEX activities_report ON activities"
	"(date, group_id, participants, beneficiaries, deleted_at)"
	" WHERE deleted_at IS NULL;";

/* ---- step 11: what the annual report reads at ten districts' size,
 * kept by triggers (hours_report.c, group_report.c, activity_report.c)
 * ----
 *
 * year_stats: per year, the volunteers with a record that counts and
 * their hundredths of an hour, kept from year_hours (an upsert's DO
 * UPDATE fires its UPDATE trigger), so a year's active volunteers and
 * hours are one row, not a million; year_hours_top holds a year's
 * volunteers by hours, so its ten with most are ten index entries. */
#define YSTAT_ADD(p, k) \
	" INSERT INTO year_stats (year, volunteers, cents) VALUES (" p ".year, " k ", " p ".cents)" \
	" ON CONFLICT (year) DO UPDATE SET volunteers = volunteers + " k "," \
	" cents = cents + " p ".cents;"
#define YSTAT_DROP(p) \
	" UPDATE year_stats SET volunteers = volunteers - 1, cents = cents - " p ".cents" \
	" WHERE year = " p ".year;" \
	" DELETE FROM year_stats WHERE year = " p ".year AND volunteers <= 0;"

/* group_stats: the live groups (not 注销) counted by each field the
 * report tallies ('' for not filled in), by the community of their
 * active hub groups ('hub') and by observation level ('无' for none). */
#define GROUP_COUNTED(p) p ".deleted_at IS NULL AND ifnull(" p ".state, '') <> '注销'"
#define GROUP_DIMS(p) \
	"(SELECT 'legal_status' AS d, ifnull(" p ".legal_status, '') AS v" \
	" UNION ALL SELECT 'category', ifnull(" p ".category, '')" \
	" UNION ALL SELECT 'kind', ifnull(" p ".kind, '')" \
	" UNION ALL SELECT 'grade', ifnull(" p ".grade, '')" \
	" UNION ALL SELECT 'stage', ifnull(" p ".stage, '')" \
	" UNION ALL SELECT 'community', ifnull(" p ".community, '')" \
	" UNION ALL SELECT 'observation', ifnull(" p ".observation, '无')" \
	" UNION ALL SELECT 'hub', " p ".community WHERE " p ".kind = '枢纽型'" \
	"  AND " p ".state = '活跃' AND " p ".community IS NOT NULL)"
#define GSTAT_ADD(p) \
	" INSERT INTO group_stats (dim, value, n) SELECT d, v, 1 FROM " GROUP_DIMS(p) \
	" WHERE " GROUP_COUNTED(p) " ON CONFLICT (dim, value) DO UPDATE SET n = n + 1;"
#define GSTAT_DROP(p) \
	" UPDATE group_stats SET n = n - 1 WHERE " GROUP_COUNTED(p) \
	" AND (dim, value) IN (SELECT d, v FROM " GROUP_DIMS(p) ");" \
	" DELETE FROM group_stats WHERE n <= 0;"
#define GROUP_WHERE " WHERE " GROUP_COUNTED("g")
#define GROUP_STAT_COLS "legal_status, category, kind, grade, stage, community," \
	" observation, state, deleted_at"

/* act_stats: the live, dated activities per month and category of their
 * group ('' for none), with their participants and beneficiaries; a
 * group whose category changes moves its activities' counts. */
#define ACT_COUNTED(p) p ".deleted_at IS NULL AND " p ".date IS NOT NULL"
#define ACT_CAT(p) "ifnull((SELECT g.category FROM groups g WHERE g.id = " p ".group_id), '')"
#define ASTAT_ADD(p) \
	" INSERT INTO act_stats (month, category, acts, part, bene)" \
	" SELECT substr(" p ".date, 1, 7), " ACT_CAT(p) ", 1, ifnull(" p ".participants, 0)," \
	" ifnull(" p ".beneficiaries, 0) WHERE " ACT_COUNTED(p) \
	" ON CONFLICT (month, category) DO UPDATE SET acts = acts + 1," \
	" part = part + excluded.part, bene = bene + excluded.bene;"
#define ASTAT_DROP(p) \
	" UPDATE act_stats SET acts = acts - 1, part = part - ifnull(" p ".participants, 0)," \
	" bene = bene - ifnull(" p ".beneficiaries, 0)" \
	" WHERE " ACT_COUNTED(p) " AND month = substr(" p ".date, 1, 7) AND category = " ACT_CAT(p) ";" \
	" DELETE FROM act_stats WHERE acts <= 0;"
#define ACT_OF_GROUP \
	"SELECT substr(a.date, 1, 7) AS m, count(*) AS n," \
	" sum(ifnull(a.participants, 0)) AS p, sum(ifnull(a.beneficiaries, 0)) AS b" \
	" FROM activities a WHERE a.group_id = NEW.id AND " ACT_COUNTED("a") " GROUP BY 1"

static const char scale_step[] =
	"CREATE TABLE year_stats ("
	" year TEXT PRIMARY KEY,"
	" volunteers INTEGER NOT NULL,"
	" cents INTEGER NOT NULL"
	");"
	"INSERT INTO year_stats (year, volunteers, cents)"
	" SELECT year, count(*), sum(cents) FROM year_hours GROUP BY 1;"
	"CREATE TRIGGER year_stats_in AFTER INSERT ON year_hours BEGIN"
	YSTAT_ADD("NEW", "1") " END;"
	"CREATE TRIGGER year_stats_out AFTER DELETE ON year_hours BEGIN"
	YSTAT_DROP("OLD") " END;"
	"CREATE TRIGGER year_stats_up AFTER UPDATE OF year, volunteer_id, cents"
	" ON year_hours BEGIN" YSTAT_DROP("OLD") YSTAT_ADD("NEW", "1") " END;"
	"CREATE INDEX year_hours_top ON year_hours"
	"(year, cents DESC, volunteer_id, records);"

	"CREATE TABLE group_stats ("
	" dim TEXT NOT NULL,"
	" value TEXT NOT NULL,"
	" n INTEGER NOT NULL,"
	" PRIMARY KEY (dim, value)"
	") WITHOUT ROWID;"
	"INSERT INTO group_stats (dim, value, n)"
	" SELECT d, v, count(*) FROM ("
	"  SELECT 'legal_status' AS d, ifnull(legal_status, '') AS v FROM groups g"
	GROUP_WHERE " UNION ALL SELECT 'category', ifnull(category, '') FROM groups g"
	GROUP_WHERE " UNION ALL SELECT 'kind', ifnull(kind, '') FROM groups g"
	GROUP_WHERE " UNION ALL SELECT 'grade', ifnull(grade, '') FROM groups g"
	GROUP_WHERE " UNION ALL SELECT 'stage', ifnull(stage, '') FROM groups g"
	GROUP_WHERE " UNION ALL SELECT 'community', ifnull(community, '') FROM groups g"
	GROUP_WHERE " UNION ALL SELECT 'observation', ifnull(observation, '无') FROM groups g"
	GROUP_WHERE " UNION ALL SELECT 'hub', community FROM groups g"
	GROUP_WHERE " AND kind = '枢纽型' AND state = '活跃' AND community IS NOT NULL"
	") GROUP BY 1, 2;"
	"CREATE TRIGGER group_stats_in AFTER INSERT ON groups BEGIN"
	GSTAT_ADD("NEW") " END;"
	"CREATE TRIGGER group_stats_out AFTER DELETE ON groups BEGIN"
	GSTAT_DROP("OLD") " END;"
	"CREATE TRIGGER group_stats_up AFTER UPDATE OF " GROUP_STAT_COLS
	" ON groups BEGIN" GSTAT_DROP("OLD") GSTAT_ADD("NEW") " END;"
	/* The groups new in a period and those in the incubation base, by
	 * index (group_report.c writes the same conditions). */
	"CREATE INDEX groups_report_new"
	" ON groups(coalesce(founded, substr(created_at, 1, 10)))"
	" WHERE deleted_at IS NULL AND ifnull(state, '') <> '注销';"
	"CREATE INDEX groups_report_incubated ON groups(moved_in, moved_out)"
	" WHERE deleted_at IS NULL AND ifnull(state, '') <> '注销' AND incubated = '是';"

	"CREATE TABLE act_stats ("
	" month TEXT NOT NULL,"
	" category TEXT NOT NULL,"
	" acts INTEGER NOT NULL,"
	" part INTEGER NOT NULL,"
	" bene INTEGER NOT NULL,"
	" PRIMARY KEY (month, category)"
	") WITHOUT ROWID;"
	"INSERT INTO act_stats (month, category, acts, part, bene)"
	" SELECT substr(a.date, 1, 7), ifnull(g.category, ''), count(*),"
	" sum(ifnull(a.participants, 0)), sum(ifnull(a.beneficiaries, 0))"
	" FROM activities a JOIN groups g ON g.id = a.group_id"
	" WHERE " ACT_COUNTED("a") " GROUP BY 1, 2;"
	"CREATE TRIGGER act_stats_in AFTER INSERT ON activities BEGIN"
	ASTAT_ADD("NEW") " END;"
	"CREATE TRIGGER act_stats_out AFTER DELETE ON activities BEGIN"
	ASTAT_DROP("OLD") " END;"
	"CREATE TRIGGER act_stats_up AFTER UPDATE OF date, deleted_at, group_id,"
	" participants, beneficiaries ON activities BEGIN"
	ASTAT_DROP("OLD") ASTAT_ADD("NEW") " END;"
	"CREATE TRIGGER act_stats_group AFTER UPDATE OF category ON groups"
	" WHEN ifnull(OLD.category, '') <> ifnull(NEW.category, '') BEGIN"
	" UPDATE act_stats SET acts = acts - s.n, part = part - s.p, bene = bene - s.b"
	" FROM (" ACT_OF_GROUP ") AS s"
	" WHERE act_stats.month = s.m AND act_stats.category = ifnull(OLD.category, '');"
	" DELETE FROM act_stats WHERE acts <= 0;"
	" INSERT INTO act_stats (month, category, acts, part, bene)"
	" SELECT s.m, ifnull(NEW.category, ''), s.n, s.p, s.b FROM (" ACT_OF_GROUP ") AS s"
	" WHERE 1 ON CONFLICT (month, category) DO UPDATE SET acts = acts + excluded.acts,"
	" part = part + excluded.part, bene = bene + excluded.bene;"
	" END;"

	/* The supervision visits' figures read this index alone, not the
	 * rows with their findings and advice (visit_report.c). */
	"CREATE INDEX visits_report"
	" ON visits(date, due, done_date, rating, group_id, done_note, deleted_at)"
	" WHERE deleted_at IS NULL;"
	/* And the trainings' figures these (training_report.c): a period's
	 * trainings, their groups and people without a row look-up each. */
	"CREATE INDEX trainings_report ON trainings(date, hours, deleted_at)"
	" WHERE deleted_at IS NULL;"
	"CREATE INDEX training_groups_report"
	" ON training_groups(training_id, group_id, deleted_at) WHERE deleted_at IS NULL;"
	"CREATE INDEX training_people_report"
	" ON training_people(training_id, deleted_at) WHERE deleted_at IS NULL;";

/* Step 10: every record table's version and who wrote it last.  A
 * function rather than constant SQL only so that a column already there
 * is left alone (the tests make "older" ledgers by lowering user_version
 * of a new one); the columns are those mp_schema_table_sql declares, in
 * its order. */
static int add_versions(sqlite3 *h, mp_err *e)
{
	static const char *const tables[] = {
		"groups", "volunteers", "memberships", "activities", "hours",
		"trainings", "training_groups", "training_people", "visits",
	};
	static const char *const cols[][2] = {
		{ "version", "version INTEGER NOT NULL DEFAULT 1" },
		{ "updated_by", "updated_by TEXT" },
	};
	size_t i, c;
	int rc = SQLITE_OK;

	for (i = 0; rc == SQLITE_OK && i < sizeof tables / sizeof tables[0]; i++)
		for (c = 0; rc == SQLITE_OK && c < sizeof cols / sizeof cols[0]; c++) {
			char *sql = sqlite3_mprintf("SELECT count(*) FROM pragma_table_info(%Q)"
			                            " WHERE name = %Q", tables[i], cols[c][0]);
			sqlite3_stmt *st = NULL;
			int have = 0;

			if (!sql)
				mp_oom();
			rc = sqlite3_prepare_v2(h, sql, -1, &st, NULL);
			sqlite3_free(sql);
			if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
				have = sqlite3_column_int(st, 0);
				rc = SQLITE_OK;
			}
			sqlite3_finalize(st);
			if (rc != SQLITE_OK || have)
				continue;
			sql = sqlite3_mprintf("ALTER TABLE %s ADD COLUMN %s", tables[i], cols[c][1]);
			if (!sql)
				mp_oom();
			rc = sqlite3_exec(h, sql, NULL, NULL, NULL);
			sqlite3_free(sql);
		}
	return rc == SQLITE_OK ? MP_OK : mp_db_fail_h(h, rc, e);
}

/* ---- step 12: a group's stage history (issue 17) ----
 * The stage_history table as declared (mp_stage_history), so that the
 * step can write into it (the declared-table creation on open then finds
 * it whole and adds its indexes), and one entry per group that has a
 * stage: from nothing to that stage, dated by its founding (成立日期) or
 * else the day it was entered, reason MP_STAGE_BEFORE.  Nothing else is
 * changed: the group keeps its stage, the current value of the new
 * entries. */
static const char stage_migrate[] =
	"INSERT INTO stage_history (uuid, created_at, updated_at, group_id,"
	" from_stage, to_stage, date, reason)"
	" SELECT lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4'"
	"  || substr(hex(randomblob(2)), 2) || '-'"
	"  || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2)"
	"  || '-' || hex(randomblob(6))),"
	" strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'),"
	" strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'),"
	" id, NULL, stage,"
	" CASE WHEN founded GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'"
	"  THEN founded ELSE substr(created_at, 1, 10) END,"
	" '" MP_STAGE_BEFORE "'"
	" FROM groups WHERE ifnull(stage, '') <> '' ORDER BY id";

static int stage_history_step(sqlite3 *h, mp_err *e)
{
	char *sql = mp_schema_table_sql(&mp_stage_history, 1);
	int rc = sqlite3_exec(h, sql, NULL, NULL, NULL);

	free(sql);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(h, stage_migrate, NULL, NULL, NULL);
	return rc == SQLITE_OK ? MP_OK : mp_db_fail_h(h, rc, e);
}

/* The schema, one step per version; a step is never changed once
 * released.  Column names are the mp_field.col of each table. */
static const struct mp_migration steps[] = {
	{ 1,
	  "CREATE TABLE meta ("
	  " key TEXT PRIMARY KEY,"
	  " value TEXT"
	  ");"
	  "CREATE TABLE groups ("
	  " id INTEGER PRIMARY KEY,"
	  " uuid TEXT NOT NULL UNIQUE,"
	  " created_at TEXT NOT NULL,"
	  " updated_at TEXT NOT NULL,"
	  " deleted_at TEXT,"
	  " name TEXT NOT NULL,"
	  " short_name TEXT,"
	  " category TEXT,"
	  " legal_status TEXT,"
	  " uscc TEXT,"
	  " filing_no TEXT,"
	  " township TEXT,"
	  " community TEXT,"
	  " kind TEXT,"
	  " grade TEXT,"
	  " stage TEXT,"
	  " founded TEXT,"
	  " leader TEXT,"
	  " phone TEXT,"
	  " members INTEGER CHECK (members IS NULL OR members >= 0),"
	  " incubated TEXT,"
	  " moved_in TEXT,"
	  " moved_out TEXT,"
	  " observation TEXT,"
	  " state TEXT,"
	  " address TEXT,"
	  " notes TEXT"
	  ");"
	  /* Keyset paging of live rows by name, and by community then name. */
	  "CREATE INDEX groups_live_name ON groups(name, id)"
	  " WHERE deleted_at IS NULL;"
	  "CREATE INDEX groups_live_community ON groups(community, name)"
	  " WHERE deleted_at IS NULL;"
	  /* The recycle bin, by name. */
	  "CREATE INDEX groups_bin_name ON groups(name, id)"
	  " WHERE deleted_at IS NOT NULL;"
	  /* One live group of a name per community (no community = ''). */
	  "CREATE UNIQUE INDEX groups_live_unique_name"
	  " ON groups(ifnull(community, ''), name) WHERE deleted_at IS NULL;"
	  "CREATE INDEX groups_uscc ON groups(uscc);", NULL },
	{ 2,
	  "CREATE TABLE volunteers ("
	  " id INTEGER PRIMARY KEY,"
	  " uuid TEXT NOT NULL UNIQUE,"
	  " created_at TEXT NOT NULL,"
	  " updated_at TEXT NOT NULL,"
	  " deleted_at TEXT,"
	  " name TEXT NOT NULL,"
	  " gender TEXT,"
	  " birth TEXT,"
	  " id_type TEXT,"
	  " id_no TEXT,"
	  " vol_no TEXT,"
	  " phone TEXT,"
	  " community TEXT,"
	  " skills TEXT,"
	  " service_kind TEXT,"
	  " state TEXT,"
	  " registered TEXT,"
	  " notes TEXT"
	  ");"
	  "CREATE INDEX volunteers_id_no ON volunteers(id_no);"
	  /* One live volunteer per ID number and per volunteer number. */
	  "CREATE UNIQUE INDEX volunteers_live_id_no ON volunteers(id_no)"
	  " WHERE deleted_at IS NULL AND id_no IS NOT NULL;"
	  "CREATE UNIQUE INDEX volunteers_live_vol_no ON volunteers(vol_no)"
	  " WHERE deleted_at IS NULL AND vol_no IS NOT NULL;"
	  "CREATE INDEX volunteers_live_name ON volunteers(name, id)"
	  " WHERE deleted_at IS NULL;"
	  "CREATE INDEX volunteers_bin_name ON volunteers(name, id)"
	  " WHERE deleted_at IS NOT NULL;"

	  "CREATE TABLE memberships ("
	  " id INTEGER PRIMARY KEY,"
	  " uuid TEXT NOT NULL UNIQUE,"
	  " created_at TEXT NOT NULL,"
	  " updated_at TEXT NOT NULL,"
	  " deleted_at TEXT,"
	  " volunteer_id INTEGER NOT NULL REFERENCES volunteers(id),"
	  " group_id INTEGER NOT NULL REFERENCES groups(id),"
	  " role TEXT,"
	  " joined TEXT"
	  ");"
	  "CREATE UNIQUE INDEX memberships_live_unique"
	  " ON memberships(volunteer_id, group_id) WHERE deleted_at IS NULL;"
	  "CREATE INDEX memberships_group ON memberships(group_id, volunteer_id);"

	  "CREATE TABLE activities ("
	  " id INTEGER PRIMARY KEY,"
	  " uuid TEXT NOT NULL UNIQUE,"
	  " created_at TEXT NOT NULL,"
	  " updated_at TEXT NOT NULL,"
	  " deleted_at TEXT,"
	  " name TEXT NOT NULL,"
	  " group_id INTEGER NOT NULL REFERENCES groups(id),"
	  " type TEXT,"
	  " date TEXT,"
	  " start_time TEXT,"
	  " end_time TEXT,"
	  " place TEXT,"
	  " participants INTEGER CHECK (participants IS NULL OR participants >= 0),"
	  " beneficiaries INTEGER CHECK (beneficiaries IS NULL OR beneficiaries >= 0),"
	  " content TEXT"
	  ");"
	  "CREATE INDEX activities_live_date ON activities(date, id)"
	  " WHERE deleted_at IS NULL;"
	  "CREATE INDEX activities_bin_date ON activities(date, id)"
	  " WHERE deleted_at IS NOT NULL;"
	  "CREATE INDEX activities_group_date ON activities(group_id, date);"

	  "CREATE TABLE hours ("
	  " id INTEGER PRIMARY KEY,"
	  " uuid TEXT NOT NULL UNIQUE,"
	  " created_at TEXT NOT NULL,"
	  " updated_at TEXT NOT NULL,"
	  " deleted_at TEXT,"
	  " volunteer_id INTEGER NOT NULL REFERENCES volunteers(id),"
	  " group_id INTEGER REFERENCES groups(id),"
	  " activity_id INTEGER REFERENCES activities(id),"
	  " date TEXT,"
	  " content TEXT,"
	  " place TEXT,"
	  " hours REAL CHECK (hours IS NULL OR (hours > 0 AND hours <= 24)),"
	  " counts TEXT,"
	  " recorder TEXT,"
	  " recorded_at TEXT,"
	  " late TEXT"
	  ");"
	  "CREATE INDEX hours_volunteer_date ON hours(volunteer_id, date);"
	  "CREATE INDEX hours_group ON hours(group_id);"
	  "CREATE INDEX hours_activity ON hours(activity_id);"
	  "CREATE INDEX hours_live_date ON hours(date, id)"
	  " WHERE deleted_at IS NULL;"
	  "CREATE INDEX hours_bin_date ON hours(date, id)"
	  " WHERE deleted_at IS NOT NULL;"

	  "CREATE TABLE change_log ("
	  " id INTEGER PRIMARY KEY,"
	  " table_name TEXT NOT NULL,"
	  " record_uuid TEXT NOT NULL,"
	  " field TEXT,"
	  " old_value TEXT,"
	  " new_value TEXT,"
	  " changed_at TEXT NOT NULL,"
	  " changed_by TEXT"
	  ");"
	  "CREATE INDEX change_log_record ON change_log(table_name, record_uuid);"

	  "CREATE TABLE certificates ("
	  " id INTEGER PRIMARY KEY,"
	  " uuid TEXT NOT NULL UNIQUE,"
	  " cert_no TEXT UNIQUE NOT NULL,"
	  " volunteer_id INTEGER NOT NULL REFERENCES volunteers(id),"
	  " date_from TEXT,"
	  " date_to TEXT,"
	  " total_hours REAL,"
	  " issued_at TEXT NOT NULL,"
	  " issued_by TEXT"
	  ");"
	  "CREATE INDEX certificates_volunteer ON certificates(volunteer_id);", NULL },
	{ 3,
	  "CREATE TABLE trainings ("
	  " id INTEGER PRIMARY KEY,"
	  " uuid TEXT NOT NULL UNIQUE,"
	  " created_at TEXT NOT NULL,"
	  " updated_at TEXT NOT NULL,"
	  " deleted_at TEXT,"
	  " name TEXT NOT NULL,"
	  " topic TEXT,"
	  " date TEXT,"
	  " hours REAL CHECK (hours IS NULL OR (hours > 0 AND hours <= 24)),"
	  " mode TEXT,"
	  " place TEXT,"
	  " trainer TEXT,"
	  " organizer TEXT,"
	  " notes TEXT"
	  ");"
	  "CREATE INDEX trainings_live_date ON trainings(date, id)"
	  " WHERE deleted_at IS NULL;"
	  "CREATE INDEX trainings_bin_date ON trainings(date, id)"
	  " WHERE deleted_at IS NOT NULL;"

	  "CREATE TABLE training_groups ("
	  " id INTEGER PRIMARY KEY,"
	  " uuid TEXT NOT NULL UNIQUE,"
	  " created_at TEXT NOT NULL,"
	  " updated_at TEXT NOT NULL,"
	  " deleted_at TEXT,"
	  " training_id INTEGER NOT NULL REFERENCES trainings(id),"
	  " group_id INTEGER NOT NULL REFERENCES groups(id),"
	  " people INTEGER CHECK (people IS NULL OR people >= 0)"
	  ");"
	  "CREATE UNIQUE INDEX training_groups_live_unique"
	  " ON training_groups(training_id, group_id) WHERE deleted_at IS NULL;"
	  "CREATE INDEX training_groups_training ON training_groups(training_id);"
	  "CREATE INDEX training_groups_group ON training_groups(group_id);"

	  "CREATE TABLE training_people ("
	  " id INTEGER PRIMARY KEY,"
	  " uuid TEXT NOT NULL UNIQUE,"
	  " created_at TEXT NOT NULL,"
	  " updated_at TEXT NOT NULL,"
	  " deleted_at TEXT,"
	  " training_id INTEGER NOT NULL REFERENCES trainings(id),"
	  " volunteer_id INTEGER REFERENCES volunteers(id),"
	  " name TEXT,"
	  " group_id INTEGER REFERENCES groups(id)"
	  ");"
	  /* One live row per volunteer and training; people who are not
	   * volunteers are known by name only and may share one. */
	  "CREATE UNIQUE INDEX training_people_live_unique"
	  " ON training_people(training_id, volunteer_id)"
	  " WHERE deleted_at IS NULL AND volunteer_id IS NOT NULL;"
	  "CREATE INDEX training_people_training ON training_people(training_id);"
	  "CREATE INDEX training_people_volunteer ON training_people(volunteer_id);"
	  "CREATE INDEX training_people_group ON training_people(group_id);"

	  "CREATE TABLE visits ("
	  " id INTEGER PRIMARY KEY,"
	  " uuid TEXT NOT NULL UNIQUE,"
	  " created_at TEXT NOT NULL,"
	  " updated_at TEXT NOT NULL,"
	  " deleted_at TEXT,"
	  " group_id INTEGER NOT NULL REFERENCES groups(id),"
	  " date TEXT,"
	  " supervisor TEXT,"
	  " agency TEXT,"
	  " kind TEXT,"
	  " findings TEXT,"
	  " advice TEXT,"
	  " rating TEXT,"
	  " due TEXT,"
	  " done_date TEXT,"
	  " done_note TEXT"
	  ");"
	  "CREATE INDEX visits_live_date ON visits(date, id)"
	  " WHERE deleted_at IS NULL;"
	  "CREATE INDEX visits_bin_date ON visits(date, id)"
	  " WHERE deleted_at IS NOT NULL;"
	  "CREATE INDEX visits_live_group ON visits(group_id, date)"
	  " WHERE deleted_at IS NULL;"
	  /* The list sorted by follow-up due date, soonest first (list.c
	   * compares the nullable date through ifnull, empty ones last). */
	  "CREATE INDEX visits_live_due_order ON visits(ifnull(due, '~'), id)"
	  " WHERE deleted_at IS NULL;"
	  /* Open follow-ups: the condition is written exactly so in visit.c
	   * (presets and mp_visits_due), which lets SQLite use this index. */
	  "CREATE INDEX visits_open_due ON visits(due)"
	  " WHERE deleted_at IS NULL AND (done_date IS NULL OR done_note IS NULL);"

	  /* Activities and service hours that count, per month (YYYY-MM), kept
	   * by the triggers below so that the overview never sums the large
	   * tables.  A row counts while it is live; an update takes the old
	   * row's share out and puts the new one's in, so dates, hours, the
	   * recycle bin and restoring all stay right.  Hours are summed in
	   * hundredths rounded at each step, so that adding and taking away
	   * never drifts; a month with nothing left goes away, so the table
	   * always equals a fresh GROUP BY. */
	  "CREATE TABLE month_stats ("
	  " month TEXT PRIMARY KEY,"
	  " activities INTEGER NOT NULL DEFAULT 0,"
	  " hours REAL NOT NULL DEFAULT 0"
	  ");"
	  "INSERT INTO month_stats (month, activities, hours)"
	  " SELECT month, sum(a), round(sum(h), 2) FROM ("
	  "  SELECT substr(date, 1, 7) AS month, 1 AS a, 0 AS h FROM activities"
	  "  WHERE deleted_at IS NULL AND date IS NOT NULL"
	  "  UNION ALL"
	  "  SELECT substr(date, 1, 7), 0, ifnull(hours, 0) FROM hours"
	  "  WHERE deleted_at IS NULL AND date IS NOT NULL AND counts = '是'"
	  " ) GROUP BY month;"

	  "CREATE TRIGGER month_stats_activity_in AFTER INSERT ON activities"
	  " WHEN NEW.deleted_at IS NULL AND NEW.date IS NOT NULL BEGIN"
	  " INSERT INTO month_stats (month, activities) VALUES (substr(NEW.date, 1, 7), 1)"
	  "  ON CONFLICT (month) DO UPDATE SET activities = activities + 1;"
	  " END;"
	  "CREATE TRIGGER month_stats_activity_out AFTER DELETE ON activities"
	  " WHEN OLD.deleted_at IS NULL AND OLD.date IS NOT NULL BEGIN"
	  " UPDATE month_stats SET activities = activities - 1"
	  "  WHERE month = substr(OLD.date, 1, 7);"
	  " DELETE FROM month_stats WHERE month = substr(OLD.date, 1, 7)"
	  "  AND activities = 0 AND hours = 0;"
	  " END;"
	  "CREATE TRIGGER month_stats_activity_old AFTER UPDATE OF date, deleted_at"
	  " ON activities WHEN OLD.deleted_at IS NULL AND OLD.date IS NOT NULL BEGIN"
	  " UPDATE month_stats SET activities = activities - 1"
	  "  WHERE month = substr(OLD.date, 1, 7);"
	  " DELETE FROM month_stats WHERE month = substr(OLD.date, 1, 7)"
	  "  AND activities = 0 AND hours = 0;"
	  " END;"
	  "CREATE TRIGGER month_stats_activity_new AFTER UPDATE OF date, deleted_at"
	  " ON activities WHEN NEW.deleted_at IS NULL AND NEW.date IS NOT NULL BEGIN"
	  " INSERT INTO month_stats (month, activities) VALUES (substr(NEW.date, 1, 7), 1)"
	  "  ON CONFLICT (month) DO UPDATE SET activities = activities + 1;"
	  " END;"

	  "CREATE TRIGGER month_stats_hours_in AFTER INSERT ON hours"
	  " WHEN NEW.deleted_at IS NULL AND NEW.date IS NOT NULL AND NEW.counts = '是'"
	  " BEGIN"
	  " INSERT INTO month_stats (month, hours)"
	  "  VALUES (substr(NEW.date, 1, 7), round(ifnull(NEW.hours, 0), 2))"
	  "  ON CONFLICT (month) DO UPDATE"
	  "  SET hours = round(hours + ifnull(NEW.hours, 0), 2);"
	  " END;"
	  "CREATE TRIGGER month_stats_hours_out AFTER DELETE ON hours"
	  " WHEN OLD.deleted_at IS NULL AND OLD.date IS NOT NULL AND OLD.counts = '是'"
	  " BEGIN"
	  " UPDATE month_stats SET hours = round(hours - ifnull(OLD.hours, 0), 2)"
	  "  WHERE month = substr(OLD.date, 1, 7);"
	  " DELETE FROM month_stats WHERE month = substr(OLD.date, 1, 7)"
	  "  AND activities = 0 AND hours = 0;"
	  " END;"
	  "CREATE TRIGGER month_stats_hours_old"
	  " AFTER UPDATE OF date, hours, counts, deleted_at ON hours"
	  " WHEN OLD.deleted_at IS NULL AND OLD.date IS NOT NULL AND OLD.counts = '是'"
	  " BEGIN"
	  " UPDATE month_stats SET hours = round(hours - ifnull(OLD.hours, 0), 2)"
	  "  WHERE month = substr(OLD.date, 1, 7);"
	  " DELETE FROM month_stats WHERE month = substr(OLD.date, 1, 7)"
	  "  AND activities = 0 AND hours = 0;"
	  " END;"
	  "CREATE TRIGGER month_stats_hours_new"
	  " AFTER UPDATE OF date, hours, counts, deleted_at ON hours"
	  " WHEN NEW.deleted_at IS NULL AND NEW.date IS NOT NULL AND NEW.counts = '是'"
	  " BEGIN"
	  " INSERT INTO month_stats (month, hours)"
	  "  VALUES (substr(NEW.date, 1, 7), round(ifnull(NEW.hours, 0), 2))"
	  "  ON CONFLICT (month) DO UPDATE"
	  "  SET hours = round(hours + ifnull(NEW.hours, 0), 2);"
	  " END;", NULL },
	/* The overview counts the volunteers on the register without going
	 * through the volunteers table: a counter kept by triggers. */
	{ 4,
	  "CREATE TABLE count_stats ("
	  " name TEXT PRIMARY KEY,"
	  " n INTEGER NOT NULL DEFAULT 0"
	  ");"
	  "INSERT INTO count_stats (name, n)"
	  " SELECT 'volunteers_registered', count(*) FROM volunteers"
	  " WHERE deleted_at IS NULL AND state = '在册';"
	  "CREATE TRIGGER count_volunteers_in AFTER INSERT ON volunteers"
	  " WHEN NEW.deleted_at IS NULL AND NEW.state = '在册'"
	  " BEGIN UPDATE count_stats SET n = n + 1 WHERE name = 'volunteers_registered'; END;"
	  "CREATE TRIGGER count_volunteers_out AFTER DELETE ON volunteers"
	  " WHEN OLD.deleted_at IS NULL AND OLD.state = '在册'"
	  " BEGIN UPDATE count_stats SET n = n - 1 WHERE name = 'volunteers_registered'; END;"
	  "CREATE TRIGGER count_volunteers_old AFTER UPDATE OF state, deleted_at ON volunteers"
	  " WHEN OLD.deleted_at IS NULL AND OLD.state = '在册'"
	  " BEGIN UPDATE count_stats SET n = n - 1 WHERE name = 'volunteers_registered'; END;"
	  "CREATE TRIGGER count_volunteers_new AFTER UPDATE OF state, deleted_at ON volunteers"
	  " WHEN NEW.deleted_at IS NULL AND NEW.state = '在册'"
	  " BEGIN UPDATE count_stats SET n = n + 1 WHERE name = 'volunteers_registered'; END;", NULL },
	/* The summary report reads a period's service records that count
	 * from an index that holds all it needs, in date order, without
	 * visiting the table (report_act.c writes the same condition); and
	 * counts the volunteers on the register from a small index. */
	{ 5,
	  "CREATE INDEX hours_counted ON hours(date, volunteer_id, hours)"
	  " WHERE deleted_at IS NULL AND counts = '是';"
	  "CREATE INDEX volunteers_live_state"
	  " ON volunteers(state, registered, community) WHERE deleted_at IS NULL;", NULL },
	/* The character index of search as you type, and the active groups
	 * by legal status for the overview: kept by triggers (search.c says how it is used; step 9 replaced these triggers with ones made from the tables). */
	{ 6, search_step, NULL },
	/* Step 5's indexes did not hold the columns of their own condition
	 * (deleted_at, counts), so SQLite still read every record's row to
	 * test it: with them the report reads the index alone (annual report
	 * over 1,000,000 records: most of its time was these row reads). */
	{ 7,
	  "DROP INDEX hours_counted;"
	  "CREATE INDEX hours_counted"
	  " ON hours(date, volunteer_id, hours, counts, deleted_at)"
	  " WHERE deleted_at IS NULL AND counts = '是';"
	  "DROP INDEX volunteers_live_state;"
	  "CREATE INDEX volunteers_live_state"
	  " ON volunteers(state, registered, community, deleted_at)"
	  " WHERE deleted_at IS NULL;", NULL },
	/* The service hours per year and volunteer, kept by triggers, from
	 * which the report reads whole years: report_hours.c reads them. */
	{ 8, report_step, NULL },
	/* The search index holds every searched field that is text of the
	 * row's own columns (step 6 left out 讲师, the trainer): its triggers
	 * are made from the tables, and the tokens of a table whose text
	 * changed are made again. */
	{ 9, NULL, mp_schema_sync_search },
	/* Every record carries a version, counted up by each write, and who
	 * wrote it last: a save, a delete, a restore or a purge compares the
	 * version its screen loaded with the stored one inside its
	 * transaction, so that a save made meanwhile in another window is
	 * never silently overwritten (record.c).  A counter, not updated_at:
	 * two saves within one second have the same time. */
	{ 10, NULL, add_versions },
	/* The annual report at ten districts' size reads summaries kept by
	 * triggers instead of the records (scale_step above). */
	{ 11, scale_step, NULL },
	/* A group's stage history: every change of 发展阶段 kept, dated
	 * (stage_history_step above). */
	{ 12, NULL, stage_history_step },
	/* Issue 17: incubation bases, stays and services; each group's
	 * 孵化基地 / 入驻日期 / 出壳日期 becomes one stay, and triggers keep
	 * those fields from the stays from then on (bases.c). */
	{ 14, NULL, mp_bases_step },
};

const struct mp_migration *mp_schema_steps(int *n)
{
	*n = (int)(sizeof steps / sizeof steps[0]);
	return steps;
}

int mp_db_schema_version(void)
{
	return steps[sizeof steps / sizeof steps[0] - 1].version;
}


