#!/bin/bash
# A wrong credit code and a date that does not exist: the status line says
# which field and why, and everything typed is still there.
. "$(dirname "$0")/lib.sh"

start
keys 2  # the groups register (the overview comes first)
wait_for "还没有记录"
keys a
wait_for "新增组织"
type_text "阳光助老服务社"
keys Tab Tab Tab Enter
wait_for "登记状态"
keys Down Down Enter
type_text "91350100M000100Y44"
keys F2
wait_for "校验位"
expect "统一社会信用代码"
expect "91350100M000100Y44"
expect "阳光助老服务社"
expect "新增组织"

# Fix the check character; put in a date that does not exist.
keys BSpace
type_text "3"
keys Down Down Down Down Down Down Down
type_text "2023-02-29"
keys F2
wait_for "不存在"
expect "2023-02-29"
expect "91350100M000100Y43"

keys BSpace BSpace
type_text "28"
keys F2
wait_for "已保存组织“阳光助老服务社”"
wait_for "登记"

keys q
status=$(wait_exit)
[ "$status" = 0 ] || fail "exit status $status"
check_stderr
"$MIAOPU" export groups | grep "阳光助老服务社" | grep -q "91350100M000100Y43" || fail "export lacks the code"
"$MIAOPU" export groups | grep "阳光助老服务社" | grep -q "2023-02-28" || fail "export lacks the date"
echo ok
