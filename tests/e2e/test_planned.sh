#!/bin/bash
# Activities dated after today are planned, not held (mp_period.h): the
# overview neither counts them in this month nor lists them among the
# latest, but lists them apart, a date of another year with its year; a
# report period reaching past today counts only what was held and names
# the planned ones apart.
. "$(dirname "$0")/lib.sh"

export MIAOPU_TODAY=2026-12-03
T=$E2E_ROOT
cat > "$T/groups.csv" <<'CSV'
组织名称,所属社区(村)
东湖社区老年志愿服务队,东湖社区
CSV
cat > "$T/acts.csv" <<'CSV'
活动名称,组织,日期,参与人次
重阳敬老入户探访,东湖社区老年志愿服务队,2026-11-28,12
本月义诊,东湖社区老年志愿服务队,2026-12-02,5
年底联欢会,东湖社区老年志愿服务队,2026-12-20,7
日期测试活动,东湖社区老年志愿服务队,2027-01-15,30
CSV
"$MIAOPU" import groups "$T/groups.csv" > "$T/out" 2>&1 || fail "import groups: $(cat "$T/out")"
"$MIAOPU" import activities "$T/acts.csv" > "$T/out" 2>&1 || fail "import activities: $(cat "$T/out")"

start
wait_for "本月："
# This month: only 12-02 was held; 12-20 is planned.
expect "本月：已开展活动 1 场"
expect "计划中 1 场"
wait_for "最近的活动：本月义诊（12-02） · 重阳敬老入户探访（11-28）"
wait_for "计划中的活动：年底联欢会（12-20） · 日期测试活动（2027-01-15）"
screen | grep "最近的活动" | grep -q "日期测试活动\|年底联欢会" &&
	fail "a planned activity among the latest"

# The planned activity's own screen says so, and takes no hours yet.
keys 3
wait_for "日期测试活动"
keys Home Enter
wait_for "编辑活动：日期测试活动"
wait_for "计划中：尚未开展，不计入任何统计"
keys F5
wait_for "批量登记"
keys Down Enter
wait_for "“日期测试活动”计划在 2027-01-15 开展，开展以后再登记服务时长。"
expect "编辑活动：日期测试活动"
keys Escape
wait_gone "编辑活动"

# The report of a period reaching into next year counts the held ones.
keys 7
wait_for "汇总报表"
keys p
wait_for "报表：统计起始日期"
keys C-u
type_text "2026-01-01"
keys Enter
wait_for "报表：统计截止日期"
keys C-u
type_text "2027-12-31"
keys Enter
wait_for "统计期间：2026-01-01 至 2027-12-31"
screen | grep -qE '^活动场次 +2$' || fail "report: 活动场次 is not 2"
screen | grep -qE '^参与人次 +17$' || fail "report: 参与人次 is not 17"
screen | grep -qE '^计划中的活动（今天以后，不计入） +2$' || fail "report: no planned row of 2"
keys q
[ "$(wait_exit)" = 0 ] || fail "miaopu did not exit cleanly"
check_stderr

# The command line agrees.
"$MIAOPU" report --from 2026-01-01 --to 2027-12-31 > "$T/r.txt" 2>&1 || fail "miaopu report"
grep -qE '^活动场次 +2$' "$T/r.txt" || fail "command: 活动场次 is not 2"
echo ok
