#!/bin/bash
# Resize to 30x8 and back, in a list and in a half-typed form: a message,
# no crash, and the typed text still there.
. "$(dirname "$0")/lib.sh"

start
keys 2  # the groups register (the overview comes first)
wait_for "还没有记录"
tm resize-window -t main -x 30 -y 8
wait_for "窗口太小"
tm resize-window -t main -x 80 -y 24
wait_for "还没有记录"

keys a
wait_for "新增组织"
type_text "社区书画社"
tm resize-window -t main -x 30 -y 8
wait_for "窗口太小"
tm resize-window -t main -x 50 -y 12
wait_for "社区书画社"
tm resize-window -t main -x 80 -y 24
wait_for "社区书画社"
expect "新增组织"

# Esc asks before dropping what was typed; F10 quits.
keys Escape
wait_for "放弃"
keys n
wait_gone "放弃"
expect "社区书画社"
keys F10
wait_for "未保存"
keys y
status=$(wait_exit)
[ "$status" = 0 ] || fail "exit status $status"
check_stderr
echo ok
