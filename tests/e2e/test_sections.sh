#!/bin/bash
# The sections at 80x24 in Chinese: keys 1 to 7 each open theirs (its
# title on the screen, its tab the highlighted one), 0 opens the menu of
# all sections (a number, or Down and Enter), the help lists every section,
# and on a narrow terminal the tab bar keeps the current tab in view.
. "$(dirname "$0")/lib.sh"

# The tab bar's highlighted tab, as text ("5 培训").
active_tab() {
	tm capture-pane -p -e -t main | head -1 |
		sed 's/\x1b\[1;7m/@@/; s/\x1b\[[0-9;]*m//g' |
		sed -n 's/.*@@\([0-9]* [^ ]*\).*/\1/p'
}

# on_section N TITLE FIRST-LINE: section N is shown, its tab highlighted.
on_section() {
	local i=0
	while [ $i -lt $((E2E_WAIT * 10)) ]; do
		screen | sed -n 2p | grep -qF -- "$3" && break
		sleep 0.1
		i=$((i + 1))
	done
	screen | sed -n 2p | grep -qF -- "$3" || fail "section $1: “$3” is not the first line"
	[ "$(active_tab)" = "$1 $2" ] || fail "section $1: the tab “$(active_tab)” is highlighted, not “$1 $2”"
}

start
screen | head -1 | grep -qF " 1 概览 2 组织 3 活动 4 志愿者 5 培训 6 督导 7 报表" ||
	fail "the tab bar does not show the seven sections"
on_section 1 概览 "社工站 · 概览"

keys 2; on_section 2 组织 "组织 · "
keys 3; on_section 3 活动 "活动 · "
keys 4; on_section 4 志愿者 "志愿者 · "
keys 5; on_section 5 培训 "培训 · "
keys 6; on_section 6 督导 "督导 · "
keys 7; on_section 7 报表 "汇总报表"
keys 8; on_section 8 项目 "创投活动 · "
keys 9; on_section 9 基地 "孵化基地 · "
keys 1; on_section 1 概览 "社工站 · 概览"

# 0: the menu of all sections, the current one highlighted; a number
# opens its section at once.
keys 0
wait_for "全部栏目：输入编号"
for t in "1  概览" "2  组织" "3  活动" "4  志愿者" "5  培训" "6  督导" "7  报表"; do
	expect "$t"
done
keys 4
wait_gone "全部栏目"
on_section 4 志愿者 "志愿者 · "

# Down and Enter from the current one (4): two down is 6.
keys 0
wait_for "全部栏目：输入编号"
keys Down Down Enter
wait_gone "全部栏目"
on_section 6 督导 "督导 · "

# Esc and q leave the menu where we were.
keys 0
wait_for "全部栏目：输入编号"
keys Escape
wait_gone "全部栏目"
on_section 6 督导 "督导 · "
keys 0
wait_for "全部栏目：输入编号"
# Its help says how to type a number.
keys F1
wait_for "输入栏目的编号"
keys Escape
wait_for "全部栏目：输入编号"
keys q
wait_gone "全部栏目"
on_section 6 督导 "督导 · "

# The help lists every section with its key, and 0.
keys F1
wait_for "帮助：督导"
keys End
sleep 0.3
n=1
for t in 概览 组织 活动 志愿者 培训 督导 报表 项目; do
	screen | grep -qE "^ $n +$t *\$" || fail "the help does not list “$n $t”"
	n=$((n + 1))
done
screen | grep -qE "^ 0 +全部栏目的菜单" || fail "the help does not list 0"
keys Escape
wait_gone "帮助："
on_section 6 督导 "督导 · "

# At 44 columns not all tabs fit: the current one stays in view, "<"
# before when tabs are hidden there, and "0 更多" (the menu's key).
tm resize-window -t main -x 44 -y 24
sleep 0.5
screen | head -1 | grep -qE "^< .*6 督导 .*0 更多" || fail "narrow tab bar: $(screen | head -1)"
[ "$(active_tab)" = "6 督导" ] || fail "narrow: “$(active_tab)” is highlighted, not 6 督导"
keys 1
on_section 1 概览 "社工站 · 概览"
screen | head -1 | grep -qE "^ 1 概览 .*0 更多" || fail "narrow tab bar on 1: $(screen | head -1)"
screen | head -1 | grep -qF "7 报表" && fail "narrow tab bar on 1 should hide 7"
keys 0
wait_for "全部栏目"
keys 7
on_section 7 报表 "汇总报表"
screen | head -1 | grep -qE "^< .*7 报表 (8 项目 )?0 更多" || fail "narrow tab bar on 7: $(screen | head -1)"
tm resize-window -t main -x 80 -y 24
sleep 0.5
screen | head -1 | grep -qF " 1 概览 2 组织 3 活动 4 志愿者 5 培训 6 督导 7 报表" ||
	fail "back at 80 columns, the tab bar does not show the seven sections"

keys F10
status=$(wait_exit)
[ "$status" = 0 ] || fail "exit status $status"
check_stderr
echo ok
