#!/bin/bash
# Issue 17's "Done when", in one session on a fresh ledger (80x24, zh_CN),
# everything by keys: a base is made, then a group (at 萌芽期, founded
# 2019-03-05); the group moves in to the base and receives two services;
# its stage changes twice from its form, each save asking the date and
# the reason (a day that does not exist is refused in Chinese); it moves
# out as registered (已登记); an observation point is made for it and gets
# two observation records scored on the five dimensions (a score of 120
# refused in Chinese); the summary report over 2024-01-01 to today shows
# the stage moves (原阶段 × 新阶段), the stay's outcome (出壳结果) and the
# dimension scores (观察维度得分).  Then the ledger holds what was typed.
. "$(dirname "$0")/lib.sh"

export MIAOPU_TODAY=2026-06-30
G="阳光助老服务队"
B="幸福街道孵化基地"

start

# The base, first.
keys 9
wait_for "还没有记录"
expect "孵化基地"
keys a
wait_for "新增孵化基地"
type_text "$B"
keys Tab Tab Tab Tab
type_text "10"
keys F2
wait_for "已保存孵化基地“$B”"

# The group, at 萌芽期 since its founding.
keys 2 a
wait_for "新增组织"
type_text "$G"
# 发展阶段 is the eleventh field, 成立日期 the twelfth.
keys Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab
type_text "萌芽"
wait_for "萌芽期"
# (the pick moves on to the next field)
keys Enter
type_text "2019-03-05"
keys F2
wait_for "已保存组织“$G”"

# open_base_list N TITLE: from anywhere, the base's N-th related list.
open_base_list() {
	keys 9 Home Enter
	wait_for "编辑孵化基地：$B"
	keys F5
	wait_for "入驻记录"
	[ "$1" = 2 ] && keys Down
	keys Enter
	wait_for "$B · $2"
}

# pick_group: in a form, Enter on the group field picks the group.
pick_group() {
	keys Enter
	wait_for "选择组织"
	type_text "阳光"
	wait_for "$G"
	keys Enter
	wait_gone "选择组织"
}

# It moves in (applied 2024-06-20, in on 2024-07-01).
open_base_list 1 入驻记录
keys a
wait_for "新增入驻记录"
pick_group
keys Tab
type_text "2024-06-20"
keys Tab
type_text "2024-07-01"
keys F2
wait_for "已保存入驻记录"
wait_for "2024-07-01"
keys Escape
wait_for "编辑孵化基地：$B"
keys Escape
wait_gone "编辑孵化基地"

# Two services during the stay: space and equipment, then financial
# guidance.
open_base_list 2 孵化服务
keys a
wait_for "新增孵化服务"
pick_group
keys Tab C-u
type_text "2024-07-01"
keys Tab Tab Tab
type_text "3000"
keys F2
wait_for "已保存孵化服务"
keys a
wait_for "新增孵化服务"
pick_group
keys Tab C-u
type_text "2025-03-05"
keys Tab Enter
wait_for "财务指导"
keys Down Down Down Enter
# (the pick moves on to 时长(小时))
type_text "2"
keys F2
wait_for "已保存孵化服务"
wait_for "财务指导"
keys Escape
wait_for "编辑孵化基地：$B"
keys Escape
wait_gone "编辑孵化基地"

# change_stage TYPED STAGE: on the group's form, a new stage, then F2.
change_stage() {
	keys 2 Home Enter
	wait_for "编辑组织：$G"
	keys Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab
	type_text "$1"
	wait_for "$2"
	keys Enter
	keys F2
	wait_for "发展阶段变为“$2”的日期"
}

# The first change: a day that does not exist is refused in Chinese and
# asked again; the reason asked after the date.
change_stage 初创 初创期
expect "2026-06-30"
keys C-u
type_text "2024-02-30"
keys Enter
wait_for "日期：没有“2024-02-30”这一天"
expect "发展阶段变为“初创期”的日期"
keys C-u
type_text "2024-03-01"
keys Enter
wait_for "发展阶段变为“初创期”的原因"
type_text "开始承接社区项目"
keys Enter
wait_for "已保存组织“$G”"

# The second change.
change_stage 成长 成长期
expect "不早于上次变更（2024-03-01）"
keys C-u
type_text "2025-09-01"
keys Enter
wait_for "发展阶段变为“成长期”的原因"
type_text "在街道备案，开始独立运营项目"
keys Enter
wait_for "已保存组织“$G”"
keys Enter
wait_for "萌芽期 2019-03 → 初创期 2024-03 → 成长期 2025-09"
keys Escape
wait_gone "编辑组织"

# It moves out as registered on 2026-05-31.
open_base_list 1 入驻记录
keys Enter
wait_for "编辑入驻记录"
keys Tab Tab Tab Tab Tab Tab
type_text "2026-05-31"
keys Tab Enter
wait_for "仍未登记"
keys Down Enter
wait_gone "仍未登记"
keys F2
wait_for "已保存入驻记录"
wait_for "已登记"
keys Escape
wait_for "编辑孵化基地：$B"
keys Escape
wait_gone "编辑孵化基地"

# An observation point for the group (section 10: 0, then 1 0).
obs_section() {
	keys 0
	wait_for "全部栏目：输入编号"
	keys 1 0
	wait_gone "全部栏目"
}
obs_section
wait_for "观察点 · 按观察期起"
keys a
wait_for "新增观察点"
keys Tab Tab Enter
wait_for "选择组织"
keys Enter
wait_gone "选择组织"
wait_for "$G"
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
wait_for "已保存观察点“$G 市级”"
wait_for "观察中"
keys Enter
wait_for "编辑观察点：$G"
keys F5
wait_for "观察记录"
keys Enter
wait_for "$G · 观察记录"

# observe DATE PROBLEM SCORE...: an observation record, then its scores,
# one dimension after another (a 120 is refused, then the next score
# typed in its place).
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
	wait_for "已保存观察记录“$G $date 恒爱社工 刘敏”"
	keys Enter
	wait_for "编辑观察记录：$date"
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
			expect "观察维度  $dim"
			keys C-u
			s=$1
			shift
		fi
		type_text "$s"
		keys F2
		wait_for "已保存评分“$dim $s”"
	done
	wait_gone "新增评分"
	wait_for "第 5 / 共 5 条"
	keys Escape
	wait_for "编辑观察记录：$date"
	keys Escape
	wait_for "$G · 观察记录"
}
observe 2025-09-15 "活动台账不全" 120 85 78 80 70 65
observe 2026-01-03 "骨干志愿者流失" 90 82 86 75 72
expect "第 1 / 共 2 条"
keys Escape
wait_for "编辑观察点：$G"
keys Escape
wait_gone "编辑观察点"

# The summary report, 2024-01-01 to today.
keys 7
wait_for "汇总报表"
keys p
wait_for "报表：统计起始日期"
keys C-u
type_text "2024-01-01"
keys Enter
wait_for "报表：统计截止日期"
keys C-u
type_text "2026-06-30"
keys Enter
wait_for "统计期间：2024-01-01 至 2026-06-30"

# page_to HEADING LINE-RE: from the report's top, page until HEADING
# shows, then line by line until a line matching LINE-RE shows under it.
page_to() {
	local i
	keys Home
	for i in $(seq 1 40); do
		screen | grep -qF -- "$1" && break
		keys PgDn
	done
	for i in $(seq 1 25); do
		screen | grep -A12 -F -- "$1" | grep -qE -- "$2" && return 0
		keys Down
	done
	fail "the report did not show $1 with a line like $2"
}

page_to "本期阶段变更（原阶段 × 新阶段）" '^合计 '
screen > "$E2E_ROOT/moves.txt"
grep -qE '^萌芽期 +0 +1 +0 +0 +1$' "$E2E_ROOT/moves.txt" || fail "report: 萌芽期 → 初创期 once"
grep -qE '^初创期 +0 +0 +1 +0 +1$' "$E2E_ROOT/moves.txt" || fail "report: 初创期 → 成长期 once"
grep -qE '^合计 +0 +1 +1 +0 +2$' "$E2E_ROOT/moves.txt" || fail "report: two moves"

page_to "【出壳结果】" "$B +1 +0 +0 +0 +100.0%" ||
	fail "the report does not show the stay's outcome 已登记"

page_to "【观察维度得分】" '^经验总结 '
screen > "$E2E_ROOT/dims.txt"
grep -qE '^培育发展 +2 +87\.5' "$E2E_ROOT/dims.txt" || fail "report: 培育发展 2 87.5"
grep -qE '^经验总结 +2 +68\.5' "$E2E_ROOT/dims.txt" || fail "report: 经验总结 2 68.5"

keys F10
status=$(wait_exit)
[ "$status" = 0 ] || fail "exit status $status"
check_stderr

# What the ledger kept.
q() { sqlite3 "$DB" "$1"; }
got=$(q "SELECT group_concat(ifnull(from_stage, '') || '>' || to_stage || ' ' || date || ' ' || ifnull(reason, ''), '; ') FROM (SELECT * FROM stage_history ORDER BY date)")
[ "$got" = ">萌芽期 2019-03-05 ; 萌芽期>初创期 2024-03-01 开始承接社区项目; 初创期>成长期 2025-09-01 在街道备案，开始独立运营项目" ] ||
	fail "stage history: $got"
[ "$(q "SELECT stage FROM groups")" = 成长期 ] || fail "the group's stage is not the latest change's"
got=$(q "SELECT b.name || ' ' || s.applied || ' ' || s.moved_in || ' ' || s.moved_out || ' ' || s.outcome FROM stays s JOIN bases b ON b.id = s.base_id JOIN groups g ON g.id = s.group_id WHERE g.name = '$G' AND s.deleted_at IS NULL")
[ "$got" = "$B 2024-06-20 2024-07-01 2026-05-31 已登记" ] || fail "stay: $got"
got=$(q "SELECT group_concat(date || ' ' || kind || ' ' || ifnull(hours, '') || ' ' || ifnull(amount, ''), '; ') FROM (SELECT * FROM base_services WHERE deleted_at IS NULL ORDER BY date)")
[ "$got" = "2024-07-01 场地设备  300000; 2025-03-05 财务指导 2.0 " ] || fail "services: $got"
got=$(q "SELECT group_concat(date || ' ' || observer || ' ' || problems, '; ') FROM (SELECT * FROM observations WHERE deleted_at IS NULL ORDER BY date)")
[ "$got" = "2025-09-15 恒爱社工 刘敏 活动台账不全; 2026-01-03 恒爱社工 刘敏 骨干志愿者流失" ] || fail "observations: $got"
# Scores are kept in tenths of a point.
got=$(q "SELECT group_concat(o.date || ' ' || s.dimension || ' ' || s.score, '; ') FROM (SELECT * FROM obs_scores WHERE deleted_at IS NULL ORDER BY obs_id, id) s JOIN observations o ON o.id = s.obs_id")
[ "$got" = "2025-09-15 培育发展 850; 2025-09-15 能力提升 780; 2025-09-15 作用发挥 800; 2025-09-15 规范管理 700; 2025-09-15 经验总结 650; 2026-01-03 培育发展 900; 2026-01-03 能力提升 820; 2026-01-03 作用发挥 860; 2026-01-03 规范管理 750; 2026-01-03 经验总结 720" ] ||
	fail "scores: $got"
[ "$(q "SELECT count(*) FROM obs_scores WHERE score > 1000")" = 0 ] || fail "a score over 100 was kept"
got=$(q "SELECT p.level || ' ' || p.state || ' ' || g.name FROM obs_points p JOIN groups g ON g.id = p.group_id")
[ "$got" = "市级 观察中 $G" ] || fail "observation point: $got"
echo "ok"
