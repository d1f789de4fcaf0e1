#!/bin/bash
# A field says what it cannot keep: 参与人次 refuses digits beyond its
# seven, saying so, and keeps what it took; a choice field takes no free
# text — a typed character opens its pick list narrowed to the choices
# holding it, or says none does.
. "$(dirname "$0")/lib.sh"

start
keys 3 a
wait_for "新增活动"
# 活动类型, a choice: typing 文 offers 文体活动 alone.
keys Tab Tab
type_text "文"
wait_for "文体活动"
[ "$(screen | grep -c '│ ')" = 1 ] || fail "the pick list is not narrowed to 文体活动"
screen | grep -qE '│ 文体活动 +│' || fail "文体活动 is not offered"
# In the list, Backspace widens it and typing narrows it again.
keys BSpace
wait_for "议事协商"
type_text "宣传"
wait_gone "议事协商"
expect "已输入：宣传"
screen | grep -qE '│ 宣传倡导 +│' || fail "宣传倡导 is not offered for 宣传"
keys BSpace BSpace
wait_for "议事协商"
type_text "文"
wait_gone "议事协商"
keys Enter
wait_for "活动类型  文体活动"
# A character no choice holds is refused, the value kept.
keys Up
type_text "x"
wait_for "活动类型：没有含“x”的选项（按 Enter 列出全部）"
expect "活动类型  文体活动"
screen | grep -q "文体活动x" && fail "free text went into a choice field"
# 参与人次: seven digits at most, and it says so.
keys Tab Tab Tab Tab Tab
type_text "12345678901234567890"
wait_for "参与人次：最多 7 位数字，超出的没有录入"
expect "参与人次  1234567"
keys Escape
wait_for "放弃"
keys y
wait_gone "新增活动"
keys F10
[ "$(wait_exit)" = 0 ] || fail "miaopu did not exit cleanly"
check_stderr
echo ok
