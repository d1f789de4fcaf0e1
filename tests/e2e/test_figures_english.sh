#!/bin/bash
# The screens of the figures in English (C.UTF-8) at 80x24, with nothing
# cut: the overview's month and planned activities, the lists' heads
# (Legal status, Volunteer number, Home community, Beneficiaries) and a
# 12-character volunteer number, batch entry's record already there and
# its key line, the report's planned row.
E2E_LANG=C.UTF-8
. "$(dirname "$0")/lib.sh"

export MIAOPU_TODAY=2026-12-03
T=$E2E_ROOT
cat > "$T/g.csv" <<'CSV'
组织名称,所属社区(村)
东湖社区老年志愿服务队,东湖社区
CSV
cat > "$T/v.csv" <<'CSV'
姓名,证件类型,证件号码,志愿者编号
陈丽华,居民身份证,11010519491231002X,BT2026-00001
何俊,居民身份证,330102198003150030,BT2026-00002
CSV
cat > "$T/m.csv" <<'CSV'
志愿者,组织
BT2026-00001,东湖社区老年志愿服务队
BT2026-00002,东湖社区老年志愿服务队
CSV
cat > "$T/a.csv" <<'CSV'
活动名称,组织,日期,开始时间,结束时间,参与人次
重阳敬老入户探访,东湖社区老年志愿服务队,2026-11-28,09:00,11:30,12
年底联欢会,东湖社区老年志愿服务队,2026-12-20,14:00,16:00,7
CSV
cat > "$T/h.csv" <<'CSV'
志愿者,组织,活动,服务日期,服务内容,服务时长(小时)
BT2026-00001,东湖社区老年志愿服务队,重阳敬老入户探访,2026-11-28,重阳敬老入户探访,2.5
CSV
for t in groups:g volunteers:v memberships:m activities:a hours:h; do
	"$MIAOPU" import "${t%%:*}" "$T/${t##*:}.csv" > "$T/out" 2>&1 ||
		fail "import ${t%%:*}: $(cat "$T/out")"
done

start
wait_for "This month: activities held 0, service hours 0; planned 1"
wait_for "Latest activities: 重阳敬老入户探访（11-28）"
wait_for "Planned: 年底联欢会（12-20）"

keys 2
wait_for "东湖社区老年"
screen | grep -qE '^Name +Category +Legal status +Community +Kind +Grade +Leader *$' ||
	fail "the groups' heads are cut"
keys 4
wait_for "BT2026-00002"
screen | grep -qE '^Full name +Gender +ID number +Volunteer number +Phone +Home community *$' ||
	fail "the volunteers' heads are cut"
screen | grep -qE '^陈丽华 .* BT2026-00001( |$)' || fail "the volunteer number is cut"
keys 3
wait_for "重阳敬老入户探访"
screen | grep -qE '^Activity name +Group +Activity type +Date +Participants +Beneficiaries *$' ||
	fail "the activities' heads are cut"

# Batch entry: the record already there, the key line whole.
keys End Enter
wait_for "Edit activity: 重阳敬老入户探访"
keys F5
wait_for "Record hours"
keys Down Enter
wait_for "Service hours for"
wait_for "already recorded"
screen | grep -qE '^\[x\] 陈丽华 .*2\.5 +already recorded *$' || fail "the record there is not marked"
expect "0 ticked · Space ticks · Enter changes hours · a adds someone · F2 saves all"
keys Escape
wait_for "Edit activity"
keys Escape
wait_gone "Edit activity"

# The report of a period past today: the planned row.
keys 7
wait_for "Summary report"
keys p
wait_for "Report: period from"
keys C-u
type_text "2026-01-01"
keys Enter
wait_for "Report: period up to"
keys C-u
type_text "2026-12-31"
keys Enter
wait_for "Period: 2026-01-01 to 2026-12-31"
screen | grep -qE '^Activities held +1$' || fail "report: Activities held is not 1"
screen | grep -qE '^Activities planned \(after today, not counted\) +1$' || fail "report: no planned row"
keys q
[ "$(wait_exit)" = 0 ] || fail "miaopu did not exit cleanly"
check_stderr
echo ok
