#!/bin/bash
# Typing over a pre-filled value: a field entered by Tab is a spreadsheet
# cell, so typing a date over the activity's pre-filled date replaces it
# (it used to say 日期：最多 10 个字); End first keeps the value for
# editing.  The key bar offers Enter 选择 only on a field that picks.
. "$(dirname "$0")/lib.sh"
export MIAOPU_TODAY=2026-12-03

printf '组织名称,所属社区(村)\n东湖社区老年志愿服务队,东湖社区\n' >"$HOME/g.csv"
"$MIAOPU" import groups "$HOME/g.csv" >"$E2E_ROOT/cli.out" 2>&1 ||
	{ cat "$E2E_ROOT/cli.out"; fail "import groups"; }

# The key bar: the screen's last line.
bar_has() { screen | tail -n 1 | grep -qF -- "$1"; }

start
keys 3 a
wait_for "新增活动"
# A field typed in: Enter goes on, the bar does not say it picks.
wait_for "F2 保存"
bar_has "Enter 选择" && fail "Enter 选择 on the bar of a text field"
type_text "秋季义诊"
keys Tab
wait_for "举办活动的组织"  # the group's hint
bar_has "Enter 选择" || fail "no Enter 选择 on the bar of the group field"
keys Enter
wait_for "选择组织"
type_text "东湖"
wait_for "东湖社区老年志愿服"  # the name column may cut it
keys Enter
wait_gone "选择组织"
# Picking the group went on to the type; Tab to the date, pre-filled.
keys Tab
wait_for "日期：年-月-日"
expect "2026-12-03"
bar_has "Enter 选择" && fail "Enter 选择 on the bar of the date field"
type_text "2026-11-28"
wait_for "2026-11-28"
expect_not "最多 10 个字"
expect_not "2026-12-03"
# End first: the value stays and is edited.
keys Tab BTab End BSpace
type_text "9"
wait_for "2026-11-29"
keys F2
wait_for "已保存活动“秋季义诊 2026-11-29”"

keys F10
status=$(wait_exit)
[ "$status" = 0 ] || fail "exit status $status"
check_stderr
echo ok
