#!/bin/bash
# A station's day: two volunteers, an activity of a group, their hours
# recorded in one go from the activity (25 hours refused with the reason),
# the totals on the volunteer's and the group's screens, a certificate.
. "$(dirname "$0")/lib.sh"

today=$(date +%F)
start
keys 2  # the groups register (the overview comes first)
wait_for "还没有记录"
add_group "阳光志愿服务队"
add_volunteer "李秀英" 女 "11010519491231002X" "XF-001"
wait_for "已保存志愿者“李秀英”"
add_volunteer "王建国" 男 "330102198003150030" "XF-002"
wait_for "已保存志愿者“王建国”"

# The activity, 09:00-11:30, for the group chosen by search.
keys 3 a
wait_for "新增活动"
type_text "重阳节敬老活动"
keys Tab Enter
wait_for "选择组织"
type_text "阳光"
wait_for "阳光志愿服务队"
keys Enter
wait_gone "选择组织"
expect "$today"
keys Tab Tab
type_text "09:00"
keys Tab
type_text "11:30"
keys F2
wait_for "已保存活动“重阳节敬老活动"

# Hours for both at once, from the activity.
keys Enter
wait_for "编辑活动：重阳节敬老活动"
keys F5
wait_for "批量登记"
keys Down Enter
wait_for "服务时长：“重阳节敬老活动”"
keys a
wait_for "选择志愿者"
type_text "李秀英"
keys Enter
wait_for "李秀英"
keys a
wait_for "选择志愿者"
type_text "王建国"
keys Enter
wait_for "王建国"
expect "2.5"
# Esc while typing hours cancels the typing: the hours as they were.
type_text "9"
wait_for "Enter 完成  Esc 取消"
screen | grep "王建国" | grep -q " 9" || fail "the typed 9 is not shown"
keys Escape
wait_for "Enter 时长"
screen | grep "王建国" | grep -q "2.5" || fail "Esc did not put the hours back"
type_text "25"
keys Enter F2
wait_for "24"
expect "王建国"
type_text "3"
keys Enter F2
wait_for "已为 2 位志愿者登记服务时长，共 5.5 小时"
keys Escape
wait_gone "编辑活动"

# The volunteer's screen: her total.
keys 4 Home Enter
wait_for "编辑志愿者：李秀英"
wait_for "2.5"
screen | grep -q "服务时长.*2.5" || fail "no total on the volunteer's screen"

# Her certificate, from the volunteer's screen.
keys F5
wait_for "开具志愿服务证明"
keys End Enter
wait_for "起"
keys Enter
wait_for "止"
keys Enter
wait_for "已开具证明"
no=$(screen | grep -o 'ZM[0-9]*-[0-9]*' | head -1)
[ -n "$no" ] || fail "no certificate number on the screen"
html=$(ls "$HOME"/志愿服务证明/*.html 2>/dev/null | head -1)
[ -f "$html" ] || fail "no certificate file"
grep -q "李秀英" "$html" || fail "certificate lacks the name"
grep -q "2.5" "$html" || fail "certificate lacks the total"
grep -q "$no" "$html" || fail "certificate lacks its number $no"
keys Escape
wait_gone "编辑志愿者"

# The group's screen: its volunteers' hours.
keys 2 Home Enter
wait_for "编辑组织：阳光志愿服务队"
screen | grep -q "5.5" || fail "no hours on the group's screen"
keys Escape
keys F10
status=$(wait_exit)
[ "$status" = 0 ] || fail "exit status $status"
check_stderr
"$MIAOPU" export hours | grep -c "重阳节敬老活动" | grep -q 2 || fail "export hours"
echo ok
