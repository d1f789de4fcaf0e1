#!/bin/bash
# Under TERM=vt100, whose description has no F5 to F10, those keys still
# do what they do: F5 in a form opens its related lists (it used to close
# the form and, its "5" read as a digit, jump to section 5), F10 quits.
. "$(dirname "$0")/lib.sh"

export E2E_TERM=vt100
start --demo
wait_for "本月"
keys 2
wait_for "组织 · 按名称"
keys Enter
wait_for "编辑组织"
keys F5
wait_for "组织成员"
expect "编辑组织"
expect_not "培训 · "
keys Escape
wait_gone "组织成员"
expect "编辑组织"
# Esc alone still cancels.
keys Escape
wait_gone "编辑组织"
expect "组织 · 按名称"
# A key nobody knows (F13's sequence) is dropped, never typed as digits.
tm send-keys -t main -l "$(printf '\033[25~')"
sleep 0.3
expect "组织 · 按名称"
keys F10
[ "$(wait_exit)" = 0 ] || fail "F10 did not quit"
check_stderr
echo "PASS"
