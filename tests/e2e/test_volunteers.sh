#!/bin/bash
# Register volunteers by keys: the birth date comes from the ID number, the
# list shows the number masked and the form in full, a wrong check
# character is refused with its reason, and the same number twice names
# the volunteer already there and offers to open that record.
. "$(dirname "$0")/lib.sh"

start
keys 2  # the groups register (the overview comes first)
wait_for "还没有记录"
add_volunteer "李秀英" 女 "11010519491231002X" "XF-001"
wait_for "已保存志愿者“李秀英”"
wait_for "110105********002X"
expect_not "11010519491231002X"
add_volunteer "王建国" 男 "330102198003150030" "XF-002"
wait_for "已保存志愿者“王建国”"
wait_for "330102********0030"

# Columns line up between the two rows.
a=$(column_of "李秀英" "110105")
b=$(column_of "王建国" "330102")
[ "$a" -ge 0 ] && [ "$a" = "$b" ] || fail "ID column: $a vs $b"

# The form shows the whole number and the birth date taken from it.
keys Home Enter
wait_for "编辑志愿者：李秀英"
expect "11010519491231002X"
expect "1949-12-31"
keys Escape
wait_gone "编辑志愿者"

# A wrong check character: the reason, and the typing kept.
add_volunteer "张桂芳" 女 "440306199207084528" "XF-003"
wait_for "校验位"
expect "440306199207084528"
expect "新增志愿者"
keys BSpace
type_text "9"
keys F2
wait_for "已保存志愿者“张桂芳”"

# The same ID number again: names 李秀英, offers to open her record.
add_volunteer "李秀" 女 "11010519491231002x" "XF-004"
wait_for "李秀英"
wait_for "打开"
keys y
wait_for "编辑志愿者：李秀英"
keys Escape
wait_for "新增志愿者"
expect "11010519491231002x"
keys Escape
wait_for "放弃"
keys y
wait_gone "新增志愿者"

# Membership, managed from the group and seen from the volunteer.
add_group "阳光志愿服务队"
keys Enter
wait_for "编辑组织：阳光志愿服务队"
keys F5
wait_for "组织成员"
keys Enter
wait_for "阳光志愿服务队 · 组织成员"
keys a
wait_for "新增成员关系"
keys Enter
wait_for "选择志愿者"
type_text "王建国"
keys Enter
wait_gone "选择志愿者"
keys F2
wait_for "已保存成员关系“王建国 阳光志愿服务队”"
row=$(screen | grep "王建国" | head -n 1)
echo "$row" | grep -q "成员" || fail "member row lacks the role: $row"
echo "$row" | grep -q "阳光志愿服务队" && fail "member row repeats the group: $row"
keys Escape
wait_for "编辑组织：阳光志愿服务队"
keys Escape
keys 4
wait_for "王建国"
keys End Enter
wait_for "编辑志愿者"
keys F5
wait_for "所属组织"
keys Enter
wait_for "· 所属组织"
screen | grep "阳光志愿服务队" | grep -q "成员" || fail "the volunteer's groups lack 阳光志愿服务队"
keys Escape
wait_for "编辑志愿者"
keys Escape

keys q
status=$(wait_exit)
[ "$status" = 0 ] || fail "exit status $status"
check_stderr
"$MIAOPU" export volunteers | grep "李秀英" | grep -q "110105\*\*\*\*\*\*\*\*002X" || fail "export: ID not masked"
echo ok
