#!/bin/bash
# The report's summaries (schema step 11): a ledger of the previous schema
# (10), whose groups and activities another program wrote and changed with
# plain SQL, is opened by miaopu, which brings it up to date; section 7
# then shows the groups by category and kind and the hub coverage, and
# the command's report the activities by category, as the records are, both right after the upgrade
# and after more plain-SQL changes (kept by triggers).
. "$(dirname "$0")/lib.sh"

export MIAOPU_TODAY=2026-11-20
T=$E2E_ROOT
command -v sqlite3 >/dev/null || { echo "skip: no sqlite3 program"; exit 77; }
"$MIAOPU" export groups -o "$T/none.csv" > /dev/null 2>&1 || fail "making the ledger failed"
[ "$(sqlite3 "$DB" 'PRAGMA user_version')" -ge 11 ] || fail "the new ledger is not of schema 11"

# The ledger as schema 10 left it: without step 11's tables, triggers and
# indexes.
sqlite3 "$DB" "SELECT 'DROP ' || type || ' ' || name || ';' FROM sqlite_schema
	WHERE name IN ('year_stats', 'group_stats', 'act_stats', 'year_hours_top',
	'groups_report_new', 'groups_report_incubated', 'visits_report',
	'trainings_report', 'training_groups_report', 'training_people_report')
	OR name LIKE 'year_stats_%' OR name LIKE 'group_stats_%' OR name LIKE 'act_stats_%'
	ORDER BY type = 'table'" > "$T/drop.sql" || fail "listing step 11's objects"
[ "$(grep -c . "$T/drop.sql")" = 20 ] || fail "step 11 has not 20 objects: $(cat "$T/drop.sql")"
sqlite3 "$DB" < "$T/drop.sql" || fail "dropping step 11"
sqlite3 "$DB" "PRAGMA user_version = 10;
INSERT INTO groups (id, uuid, created_at, updated_at, name, community, category, kind, state)
VALUES (1, 'g1', '2020-01-01 08:00:00', '2020-01-01 08:00:00', '幸福里夕阳红志愿服务队',
        '幸福里社区', '公益慈善类', '枢纽型', '活跃'),
       (2, 'g2', '2020-01-01 08:00:00', '2020-01-01 08:00:00', '向阳社区书画社',
        '向阳社区', '文体活动类', '普通', '活跃'),
       (3, 'g3', '2020-01-01 08:00:00', '2020-01-01 08:00:00', '向阳社区服务中心',
        '向阳社区', '社区事务类', '枢纽型', '休眠');
INSERT INTO activities (uuid, created_at, updated_at, name, group_id, date, participants,
                        beneficiaries)
VALUES ('a1', '2026-01-01', '2026-01-01', '义诊', 1, '2026-03-05', 10, 20),
       ('a2', '2026-01-01', '2026-01-01', '书画展', 2, '2026-04-01', 7, 70),
       ('a3', '2026-01-01', '2026-01-01', '义剪', 1, '2026-05-09', 5, 9);
UPDATE groups SET category = '生活服务类' WHERE id = 2;" || fail "writing the old ledger"

# figure FILE LABEL: the value after LABEL on its line of a text report.
figure() { awk -v l="$2" '$1 == l { print $2; exit }' "$1"; }
report_screen() {
	start -x 100 -y 60
	keys 7
	wait_for "统计期间：2026-01-01 至 2026-11-20"
	screen > "$T/screen.txt"
	keys F10
	[ "$(wait_exit)" = 0 ] || fail "miaopu did not exit cleanly"
	check_stderr
	# The activities' table is further down: as the command prints it.
	"$MIAOPU" report -o "$T/report.txt" > /dev/null 2>&1 || fail "miaopu report failed"
}

report_screen
[ "$(sqlite3 "$DB" 'PRAGMA user_version')" -ge 11 ] || fail "the ledger was not upgraded"
[ "$(figure "$T/screen.txt" 组织总数)" = 3 ] || fail "screen: 组织总数 is not 3"
[ "$(figure "$T/screen.txt" 活动场次)" = 3 ] || fail "screen: 活动场次 is not 3"
[ "$(figure "$T/screen.txt" 枢纽型组织覆盖率)" = "50.0%" ] || fail "screen: coverage is not 50.0%"
grep -qE '^生活服务类 +1 +33\.3%' "$T/screen.txt" || fail "screen: 生活服务类 1 33.3%"
grep -qE '^文体活动类 +0 +0\.0%' "$T/screen.txt" || fail "screen: 文体活动类 0"
grep -qE '^枢纽型 +2 +66\.7%' "$T/screen.txt" || fail "screen: 枢纽型 2 66.7%"
# Activities by the category of their group: 书画展 went with its group.
grep -qE '^生活服务类 +1 +7 +70$' "$T/report.txt" || fail "report: activities of 生活服务类"
grep -qE '^公益慈善类 +2 +15 +29$' "$T/report.txt" || fail "report: activities of 公益慈善类"

# More plain SQL on the upgraded ledger: the triggers keep the summaries.
sqlite3 "$DB" "UPDATE groups SET state = '活跃' WHERE id = 3;
UPDATE groups SET category = '公益慈善类' WHERE id = 2;
UPDATE activities SET deleted_at = '2026-06-01 08:00:00' WHERE uuid = 'a3';" ||
	fail "changing the upgraded ledger"
report_screen
[ "$(figure "$T/screen.txt" 活动场次)" = 2 ] || fail "screen: 活动场次 is not 2"
[ "$(figure "$T/screen.txt" 枢纽型组织覆盖率)" = "100.0%" ] || fail "screen: coverage is not 100.0%"
grep -qE '^公益慈善类 +2 +66\.7%' "$T/screen.txt" || fail "screen: 公益慈善类 2 66.7%"
grep -qE '^公益慈善类 +2 +17 +90$' "$T/report.txt" || fail "report: activities of 公益慈善类 after"
echo "ok: an upgraded ledger's report follows its records"
