#!/bin/bash
# What a dialog covered comes back exactly when it closes, wide characters
# included: a dialog whose edge falls on the right half of a Chinese
# character used to leave the rows under it shifted by a column and
# garbled ("光明心灵驿站志愿服 队"); its frame is drawn in Unicode box
# characters, never as the alternate character set's "lqqk"; Ctrl-L
# paints the whole terminal anew; q goes back one level.
. "$(dirname "$0")/lib.sh"

# A terminal type with an alternate character set of its own.
export E2E_TERM=xterm-256color
start --demo

body() { screen | head -n 22; }   # all but the status line and key bar

keys 2
wait_for "向阳社区普法宣讲团"
for i in $(seq 1 14); do keys Down; done
keys d
# A name of nine characters puts the dialog's left edge at an odd column,
# on the right half of the names under it.
wait_for "“向阳社区普法宣讲团”移到回收站吗？"
expect "┌─ 请确认"
expect_not "lq "
keys y
wait_for "“向阳社区普法宣讲团”移到回收站（"
after=$(body)
keys 1
wait_for "本月"
keys 2
wait_for "组织 · 按名称"
wait_gone "“向阳社区普法宣讲团”移到回收站（"
fresh=$(body)
[ "$after" = "$fresh" ] || fail "after the delete the list differs from a fresh draw:
$after"
echo "$after" | grep -qE "^光明长者助餐服务队 +生活服务类 +备案 " ||
	fail "the row under the dialog is not whole"

# The certificate's period dialog, over a volunteer's form: its edge falls
# on the last character of the labels (志愿者编号, 联系电话).
keys 4
wait_for "志愿者 · 按名称"
keys Enter
wait_for "编辑志愿者"
before=$(body)
keys F5
wait_for "开具志愿服务证明"
keys Down Down Down Enter
wait_for "开具证明"
keys Escape
wait_gone "开具证明"
after=$(body)
[ "$after" = "$before" ] || fail "after the dialog the form differs from before:
$after"

# Ctrl-L: whatever reached the terminal behind miaopu's back goes away.
tty=$(tm display-message -p -t main '#{pane_tty}')
printf '\033[5;5HGARBAGE-ON-SCREEN' > "$tty"
wait_for "GARBAGE-ON-SCREEN"
keys C-l
wait_gone "GARBAGE-ON-SCREEN"
[ "$(body)" = "$before" ] || fail "Ctrl-L did not paint the form again"

keys Escape
wait_gone "编辑志愿者"
# q goes back one level: from a list to the overview, and quits from there.
keys q
wait_for "本月"
expect "督导跟进"
keys q
[ "$(wait_exit)" = 0 ] || fail "miaopu did not exit cleanly"
check_stderr
echo "PASS"
