#!/bin/bash
# A group's stage history (阶段变更): a group imported at 萌芽期 (its first
# entry dated by 成立日期) changes stage twice from its form.  Each save
# with a new stage asks the date (today offered) and the reason: a date
# after today and one before the last change are refused in Chinese and
# stay typed for mending; Esc in the reason goes back to the form with
# everything typed kept, and the next save offers what was typed.  The
# group's screen shows the timeline, its F5 list the changes with their
# reasons; a change from before is added there, the timeline mended; the
# summary report shows the moves (原阶段 × 新阶段).
. "$(dirname "$0")/lib.sh"

export MIAOPU_TODAY=2025-06-30
T=$E2E_ROOT
cat > "$T/groups.csv" <<'CSV'
组织名称,所属社区(村),发展阶段,成立日期,负责人
和谐爱心团,幸福里社区,萌芽期,2019-03-05,张秀英
CSV
"$MIAOPU" import groups "$T/groups.csv" > "$T/import.out" 2>&1 ||
	fail "import failed: $(cat "$T/import.out")"

start
keys 2
wait_for "和谐爱心团"
keys Enter
wait_for "萌芽期 2019-03"
# 发展阶段 is the eleventh field: typing opens its pick list narrowed.
keys Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab
type_text "初创"
wait_for "初创期"
keys Enter
keys F2
wait_for "发展阶段变为“初创期”的日期"
expect "2025-06-30"
# After today: refused, said in Chinese, the prompt asked again.
keys C-u
type_text "2025-07-15"
keys Enter
wait_for "晚于今天"
expect "发展阶段变为“初创期”的日期"
keys C-u
type_text "2020-06-01"
keys Enter
wait_for "发展阶段变为“初创期”的原因"
# No reason: asked again.
keys Enter
wait_for "请填写阶段变化的原因"
type_text "开始承接社区项目"
# Esc: back to the form, nothing saved, everything typed kept.
keys Escape
wait_for "表单里填写的内容都还在"
expect "初创期"
[ "$(sqlite3 "$DB" "SELECT stage FROM groups")" = 萌芽期 ] || fail "saved after Esc"
# The next save offers what was typed.
keys F2
wait_for "发展阶段变为“初创期”的日期"
expect "2020-06-01"
keys Enter
wait_for "发展阶段变为“初创期”的原因"
expect "开始承接社区项目"
keys Enter
wait_for "已保存组织“和谐爱心团”"

# The second change: a date before the last change is refused.
keys Enter
wait_for "萌芽期 2019-03 → 初创期 2020-06"
keys Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab
type_text "成长"
wait_for "成长期"
keys Enter
keys F2
wait_for "发展阶段变为“成长期”的日期"
expect "不早于上次变更（2020-06-01）"
keys C-u
type_text "2020-01-01"
keys Enter
wait_for "早于"
expect "发展阶段变为“成长期”的日期"
keys C-u
type_text "2023-01-15"
keys Enter
wait_for "发展阶段变为“成长期”的原因"
type_text "在街道备案，开始独立运营项目"
keys Enter
wait_for "已保存组织“和谐爱心团”"

# The group's screen: its timeline.
keys Enter
wait_for "萌芽期 2019-03 → 初创期 2020-06 → 成长期 2023-01"
# F5: its changes of stage, the last of its related lists.
keys F5
wait_for "阶段变更"
keys End Enter
wait_for "在街道备案"
expect "开始承接社区项目"
expect "初创期"
# A change from before, added afterwards: its 原阶段 comes from the
# timeline, and the change after it is mended to start from it.  One
# that would be no change (成长期 again in 2023) is refused.
keys a
wait_for "新增阶段变更"
expect "和谐爱心团"
type_text "成长"
wait_for "成长期"
keys Enter
type_text "2021-05-01"
keys Tab
type_text "骨干流失，活动停了半年"
keys F2
wait_for "之后记录的下一次变更也是变为“成长期”"
# (the cursor is on 新阶段, the field refused)
type_text "萌芽"
wait_for "萌芽期"
keys Enter
keys F2
wait_for "已保存阶段变更"
wait_for "骨干流失，活动停了半年"
screen | grep -qE '^初创期 +萌芽期 +2021-05-01' || fail "the change added: from 初创期"
screen | grep -qE '^萌芽期 +成长期 +2023-01-15' || fail "the change after it: mended to start from 萌芽期"
keys Escape
keys Escape
wait_for "组织名称"
keys Enter
wait_for "初创期 2020-06 → 萌芽期 2021-05 → 成长期 2023-01"
keys Escape

# The report, 2020 to today: the two moves, from × to.
keys 7
wait_for "汇总报表"
keys p
wait_for "报表：统计起始日期"
keys C-u
type_text "2020-01-01"
keys Enter
wait_for "报表：统计截止日期"
keys Enter
wait_for "统计期间：2020-01-01 至 2025-06-30"
# Line by line until the table's total shows (other tables come after it).
for i in $(seq 1 30); do
	screen | grep -q "本期阶段变更（原阶段 × 新阶段）" && break
	keys PgDn
	sleep 0.1
done
for i in $(seq 1 20); do
	screen | grep -qE '^合计 +1 +1 +1 +0 +3$' && break
	keys Down
	sleep 0.1
done
expect "本期阶段变更（原阶段 × 新阶段）"
screen > "$T/screen.txt"
grep -qE '^萌芽期 +0 +1 +1 +0 +2$' "$T/screen.txt" || fail "report: from 萌芽期 $(cat "$T/screen.txt")"
grep -qE '^初创期 +1 +0 +0 +0 +1$' "$T/screen.txt" || fail "report: from 初创期"
grep -qE '^合计 +1 +1 +1 +0 +3$' "$T/screen.txt" || fail "report: 合计 3"
keys F10
[ "$(wait_exit)" = 0 ] || fail "miaopu did not exit cleanly"
check_stderr

# Kept: the three entries, dated and with their reasons.
got=$(sqlite3 "$DB" "SELECT group_concat(ifnull(from_stage, '') || '>' || to_stage || ' ' || date || ' ' || ifnull(reason, ''), '; ') FROM (SELECT * FROM stage_history ORDER BY date)")
[ "$got" = ">萌芽期 2019-03-05 ; 萌芽期>初创期 2020-06-01 开始承接社区项目; 初创期>萌芽期 2021-05-01 骨干流失，活动停了半年; 萌芽期>成长期 2023-01-15 在街道备案，开始独立运营项目" ] || fail "stage history: $got"
[ "$(sqlite3 "$DB" "SELECT stage FROM groups")" = 成长期 ] || fail "the group's stage is not the latest change's"
echo "ok"
