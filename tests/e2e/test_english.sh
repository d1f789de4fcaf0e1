#!/bin/bash
# Under LANG=C.UTF-8 the whole screen is in English.
E2E_LANG=C.UTF-8
. "$(dirname "$0")/lib.sh"

start
keys 2  # the groups register (the overview comes first)
wait_for "Groups"
expect "No records yet"
expect "Name"
expect "Add"
expect_not "组织名称"
keys a
wait_for "New group"
expect "Legal status"
keys F1
wait_for "Save the record"
keys Escape
wait_for "New group"
keys Escape
wait_for "No records yet"
keys F10
status=$(wait_exit)
[ "$status" = 0 ] || fail "exit status $status"
check_stderr
echo ok
