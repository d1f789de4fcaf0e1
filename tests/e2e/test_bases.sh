#!/bin/bash
# Issue 17 (branch bases) on the screen, at 80x24 in Chinese: in 9 基地 a
# street base and a community base are added; from the street base's
# related lists a group moves in, and receives two services; a move-out
# before its move-in is refused with the reason, so is a stay in the
# second physical base while the first goes on; the group moves out as
# registered (已登记); the group's form shows its stay, read-only; the
# report shows the stay's outcome.
. "$(dirname "$0")/lib.sh"

export MIAOPU_TODAY=2026-06-30
start
add_group "阳光助老服务队"

# Two physical bases.
keys 9
wait_for "还没有记录"
expect "孵化基地"
keys a
wait_for "新增孵化基地"
type_text "幸福街道孵化基地"
keys Tab Tab Tab Tab
type_text "10"
keys F2
wait_for "已保存孵化基地“幸福街道孵化基地”"
keys a
wait_for "新增孵化基地"
type_text "向阳社区孵化点"
keys F2
wait_for "已保存孵化基地“向阳社区孵化点”"

# The group moves in to the street base, from the base's stays.
keys Home
wait_for "向阳社区孵化点"
keys End Enter
wait_for "编辑孵化基地：幸福街道孵化基地"
keys F5
wait_for "入驻记录"
keys Enter
wait_for "幸福街道孵化基地 · 入驻记录"
keys a
wait_for "新增入驻记录"
keys Enter
wait_for "选择组织"
type_text "阳光"
wait_for "阳光助老服务队"
keys Enter
wait_gone "选择组织"
# (The base is the list's: the form skips it.)
keys Tab
type_text "2024-06-20"
keys Tab
type_text "2024-07-01"
keys F2
wait_for "已保存入驻记录"
wait_for "2024-07-01"

# Two services during the stay: space, then financial guidance.
keys Escape
wait_for "编辑孵化基地：幸福街道孵化基地"
keys F5
wait_for "孵化服务"
keys Down Enter
wait_for "幸福街道孵化基地 · 孵化服务"
keys a
wait_for "新增孵化服务"
keys Enter
wait_for "选择组织"
type_text "阳光"
wait_for "阳光助老服务队"
keys Enter
wait_gone "选择组织"
keys Tab C-u
type_text "2024-07-01"
keys Tab Tab Tab
type_text "3000"
keys F2
wait_for "已保存孵化服务"
keys a
wait_for "新增孵化服务"
keys Enter
wait_for "选择组织"
type_text "阳光"
wait_for "阳光助老服务队"
keys Enter
wait_gone "选择组织"
keys Tab C-u
type_text "2025-03-05"
keys Tab Enter
wait_for "财务指导"
keys Down Down Down Enter
# Choosing from the list moves on to 时长(小时) by itself.
type_text "2"
keys F2
wait_for "已保存孵化服务"
wait_for "财务指导"
keys Escape
wait_for "编辑孵化基地：幸福街道孵化基地"
keys Escape

# A second physical base while the first goes on: refused, naming it.
keys 9 Home Enter
wait_for "编辑孵化基地：向阳社区孵化点"
keys F5
wait_for "入驻记录"
keys Enter
wait_for "向阳社区孵化点 · 入驻记录"
keys a
wait_for "新增入驻记录"
keys Enter
wait_for "选择组织"
type_text "阳光"
wait_for "阳光助老服务队"
keys Enter
wait_gone "选择组织"
keys Tab Tab
type_text "2025-01-01"
keys F2
wait_for "尚未出壳"
expect "该组织自 2024-07-01 起入驻实体基地“幸福街道孵化基地”"
keys Escape
wait_for "放弃"
keys y
wait_for "向阳社区孵化点 · 入驻记录"
keys Escape
wait_for "编辑孵化基地：向阳社区孵化点"
keys Escape

# The group's form shows the stay, and does not edit it.
keys 2 Home Enter
wait_for "编辑组织：阳光助老服务队"
screen | grep -q "孵化基地.*是" || fail "the group form does not show 孵化基地 是"
screen | grep -q "入驻日期.*2024-07-01" || fail "the group form does not show 入驻日期 2024-07-01"
keys Escape

# Moving out before moving in: refused; then out as registered.
keys 9 End Enter
wait_for "编辑孵化基地：幸福街道孵化基地"
keys F5
wait_for "入驻记录"
keys Enter
wait_for "幸福街道孵化基地 · 入驻记录"
keys Enter
wait_for "编辑入驻记录"
keys Tab Tab Tab Tab Tab Tab
type_text "2024-06-01"
keys Tab Enter
wait_for "仍未登记"
keys Down Enter
wait_gone "仍未登记"
keys F2
wait_for "早于入驻日期 2024-07-01，出壳不能早于入驻"
keys C-u
type_text "2026-05-31"
keys F2
wait_for "已保存入驻记录"
wait_for "已登记"

# The report: the stay's outcome in its base's row.
keys Escape
wait_for "编辑孵化基地"
keys Escape
keys 7
wait_for "汇总报表"
# Page until the outcomes' row shows whole (other tables come before it).
for i in $(seq 1 30); do
	screen | grep -q "【出壳结果】" && break
	keys PgDn
	sleep 0.1
done
for i in $(seq 1 20); do
	screen | grep -A4 "【出壳结果】" | grep -qE "幸福街道孵化基地 +1 +0 +0 +0 +100.0%" && break
	keys Down
	sleep 0.1
done
screen | grep -A4 "【出壳结果】" | grep -qE "幸福街道孵化基地 +1 +0 +0 +0 +100.0%" ||
	fail "the report does not show the stay's outcome 已登记"
check_stderr
# The second service's 2 is hours, not money.
got=$(sqlite3 "$DB" "SELECT hours || '|' || ifnull(amount, '') FROM base_services WHERE kind = '财务指导'")
[ "$got" = "2.0|" ] || fail "the 财务指导 service is not 2 hours: $got"
