#!/bin/bash
# The mouse: a click on a tab opens its section, on a row selects it and on
# the selected row opens it, on a dialog's button answers it, on a key of
# the key bar types it; the wheel moves the cursor.  The events are written
# as the terminal sends them: X10 under tmux's own TERM (kmous \E[M), SGR
# under xterm-256color (kmous \E[<).
. "$(dirname "$0")/lib.sh"

# x10 BUTTON ROW COL (0-based): a press as X10 bytes.
x10() {
	local s
	s=$(printf '\033[M\\x%02x\\x%02x\\x%02x' $((32 + $1)) $((33 + $3)) $((33 + $2)))
	tm send-keys -t main -l "$(printf '%b' "$s")"
	sleep 0.2
}
click() { x10 0 "$1" "$2"; x10 3 "$1" "$2"; }      # press, release
wheel_down() { x10 65 "$1" "$2"; }
# sgr_click ROW COL (0-based): press and release in SGR (1006) form.
sgr_click() {
	tm send-keys -t main -l "$(printf '\033[<0;%d;%dM' $(($2 + 1)) $(($1 + 1)))"
	sleep 0.1
	tm send-keys -t main -l "$(printf '\033[<0;%d;%dm' $(($2 + 1)) $(($1 + 1)))"
	sleep 0.2
}
# row_of TEXT: the screen line (0-based) where TEXT first appears.
row_of() { screen | grep -nF -- "$1" | head -1 | cut -d: -f1 | awk '{print $1 - 1}'; }

start --demo
wait_for "本月"
# A follow-up on the overview: a click selects it, a second opens it.
row=$(row_of "逾期 2026")
group=$(screen | sed -n "$((row + 2))p" | awk '{ print $3 }')
click $((row + 1)) 5     # the second follow-up
click $((row + 1)) 5
wait_for "编辑督导记录：$group"
keys Escape
wait_gone "编辑督导记录"
col=$(column_of " 1 概览" "3 活动")
click 0 "$col"
wait_for "活动 · 按日期"

# A click on the fourth row selects it; a second click opens it.
name=$(screen | sed -n 6p | awk '{print $1}')
click 5 3
click 5 3
wait_for "编辑活动：$name"
# The key bar's Esc (Cancel): the form closes.
col=$(column_of "F2 保存" "Esc")
click 23 "$col"
wait_gone "编辑活动"

# The wheel: three rows down from the first, then Enter opens that row.
keys Home
name=$(screen | sed -n 7p | awk '{print $1}')
wheel_down 10 10
keys Enter
wait_for "编辑活动：$name"
keys Escape
wait_gone "编辑活动"

# A dialog's buttons: No keeps the record, Yes moves it to the bin.
keys Home
name=$(screen | sed -n 4p | awk '{print $1}')
keys d
wait_for "移到回收站吗"
click "$(row_of "[ 否 (n) ]")" "$(column_of "[ 否 (n) ]" "否")"
wait_gone "移到回收站吗"
expect_not "移到回收站（"
keys d
wait_for "移到回收站吗"
click "$(row_of "[ 是 (y) ]")" "$(column_of "[ 是 (y) ]" "是")"
wait_for "“$name"
wait_for "移到回收站（"

# A click on a tab over a form does nothing: the form is not lost.
keys a
wait_for "新增活动"
click 0 "$(column_of " 1 概览" "2 组织")"
sleep 0.3
expect "新增活动"
keys Escape
wait_gone "新增活动"
keys F10
wait_exit >/dev/null

# The same click in SGR form, as xterm sends it.
E2E_TERM=xterm-256color
start --demo
wait_for "本月"
sgr_click 0 "$(column_of " 1 概览" "3 活动")"
wait_for "活动 · 按日期"
keys F10
[ "$(wait_exit)" = 0 ] || fail "miaopu did not exit cleanly"
check_stderr
echo "PASS"
