#!/bin/bash
# Issue 17's observation points on the screen (80x24, zh_CN): a point is
# made for a group (picked from the groups), its state 观察中 and its
# group's 观察点 市级; two observation records are entered from its
# related list, each scored on the five dimensions one after another (the
# form of the next dimension opens after each save; a score of 120 is
# refused in Chinese, what was typed kept); the point's screen charts the
# scores of each dimension over time; the overview lists the point as due
# for its next observation; the report shows each dimension's mean score
# and its change since the previous half year.
. "$(dirname "$0")/lib.sh"

export MIAOPU_TODAY=2026-06-30
T="$E2E_ROOT/csv"
mkdir -p "$T"
printf '组织名称,所属社区(村)\n阳光助老服务队,幸福社区\n' >"$T/g.csv"
out=$("$MIAOPU" import groups "$T/g.csv" 2>&1) || fail "import groups: $out"

# Section 10: from the menu of all sections, 1 then 0.
obs_section() {
	keys 0
	wait_for "全部栏目：输入编号"
	keys 1 0
	wait_gone "全部栏目"
}

start
obs_section
wait_for "观察点 · 按观察期起"
keys a
wait_for "新增观察点"
# The group, picked; the level, the designating body, the period, the
# third party.
keys Tab Tab Enter
wait_for "选择组织"
keys Enter
wait_gone "选择组织"
wait_for "阳光助老服务队"
keys Tab Enter
wait_for "省级"
type_text "市级"
keys Enter
wait_gone "省级"
type_text "青溪市民政局"
keys Tab C-u
type_text "2025-01-01"
keys Tab
type_text "2027-12-31"
keys Tab Tab
type_text "恒爱社工"
keys F2
wait_for "已保存观察点“阳光助老服务队 市级”"
wait_for "观察中"

# The group's 观察点 is the point's level now, shown on its form.
keys 2
wait_for "阳光助老服务队"
keys Enter
wait_for "编辑组织"
wait_for "市级"
keys Escape
wait_gone "编辑组织"

# The point's screen, then its observation records.
obs_section
wait_for "阳光助老服务队"
keys Enter
wait_for "编辑观察点：阳光助老服务队"
wait_for "观察中 · 尚未观察"
keys F5
wait_for "观察记录"
keys Enter
wait_for "阳光助老服务队 · 观察记录"

# observe DATE PROBLEM SCORE...: an observation record, then its scores,
# one dimension after another.
observe() {
	local date=$1 problem=$2 dim s
	shift 2
	keys a
	wait_for "新增观察记录"
	keys C-u
	type_text "$date"
	keys Tab Tab
	type_text "恒爱社工 刘敏"
	keys Tab
	type_text "$problem"
	keys F2
	wait_for "已保存观察记录“阳光助老服务队 $date 恒爱社工 刘敏”"
	keys Enter
	wait_for "编辑观察记录：$date"
	wait_for "还没有得分：按 F5，选“评分”"
	keys F5
	wait_for "评分"
	keys Enter
	wait_for "$date · 评分"
	keys a
	for dim in 培育发展 能力提升 作用发挥 规范管理 经验总结; do
		s=$1
		shift
		wait_for "新增评分"
		wait_for "观察维度  $dim"
		if [ "$s" = 120 ]; then
			type_text 120
			keys F2
			wait_for "得分：分数在 0 到 100 之间，不能是 120"
			expect "新增评分"
			expect "观察维度  $dim"
			keys C-u
			s=$1
			shift
		fi
		type_text "$s"
		keys F2
		wait_for "已保存评分“$dim $s”"
	done
	# None left to score: back in the list, five of them.
	wait_gone "新增评分"
	wait_for "第 5 / 共 5 条"
	keys Escape
	wait_for "编辑观察记录：$date"
	wait_for "得分：培育发展"
	keys Escape
	wait_for "阳光助老服务队 · 观察记录"
}
observe 2025-09-15 "活动台账不全" 120 85 78 80 70 65
observe 2026-01-03 "骨干志愿者流失" 90 82 86 75 72
expect "第 1 / 共 2 条"

# The point's screen charts each dimension's scores over time.
keys Escape
wait_for "编辑观察点：阳光助老服务队"
wait_for "观察中 · 已观察 2 次，最近一次 2026-01-03"
wait_for "培育发展 ▇█ 85→90"
wait_for "能力提升 ▇▇ 78→82"
wait_for "经验总结 ▆▆ 65→72"
keys Escape
wait_gone "编辑观察点"

# Due again six months after its last observation: on the overview.
keys 1
wait_for "到期 2026-07-03  观察点 阳光助老服务队（市级）  该做下次观察（上次 2026-01-03）"

# The report of this year to today: the scores of 2026-01-03, beside those
# of the half year before (2025-09-15).
keys 7
wait_for "汇总报表"
i=0
until screen | grep -qF "【观察维度得分】" && screen | grep -q "^经验总结 "; do
	[ $i -lt 30 ] || fail "paged 30 times and 观察维度得分 did not show whole"
	keys PgDn
	i=$((i + 1))
done
screen > "$E2E_ROOT/report.txt"
grep -qE '^培育发展 +1 +90 +85 +\+5' "$E2E_ROOT/report.txt" || fail "report: 培育发展 1 90 85 +5"
grep -qE '^能力提升 +1 +82 +78 +\+4' "$E2E_ROOT/report.txt" || fail "report: 能力提升 1 82 78 +4"
keys F10
status=$(wait_exit)
[ "$status" = 0 ] || fail "exit status $status"
check_stderr
echo "ok"
