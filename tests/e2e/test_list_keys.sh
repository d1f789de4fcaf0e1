#!/bin/bash
# The groups list with more rows than the screen: End, Home, PgDn, PgUp,
# Down past the edge, filter, sort, delete to the recycle bin and restore,
# help — each checked by opening the selected record.
. "$(dirname "$0")/lib.sh"
command -v sqlite3 >/dev/null || { echo "sqlite3 not installed: skipped"; exit 77; }

# Let miaopu create the ledger, then put 60 groups in it.
start
keys 2  # the groups register (the overview comes first)
wait_for "还没有记录"
keys q
wait_exit >/dev/null
{
	echo "BEGIN;"
	for i in $(seq 1 60); do
		n=$(printf '%03d' "$i")
		legal="未登记"; [ $((i % 3)) = 0 ] && legal="登记"
		echo "INSERT INTO groups(uuid, created_at, updated_at, name, category, legal_status, community, kind, grade, leader)
		      VALUES('u$n', '2026-01-01 00:00:$n', '2026-01-01 00:00:$n', '社区组织$n', '其他', '$legal', '幸福社区', '普通', '无', '王$n');"
	done
	echo "COMMIT;"
} | sqlite3 "$DB" || fail "could not fill the ledger"

opened() {  # Enter on the selected row must open NAME; Esc goes back.
	keys Enter
	wait_for "编辑组织：$1"
	keys Escape
	wait_gone "编辑组织"
}

start
keys 2  # the groups register (the overview comes first)
wait_for "社区组织001"
expect "社区组织019"
expect_not "社区组织020"
keys End
wait_for "社区组织060"
expect_not "社区组织001"
opened "社区组织060"
keys Home
wait_for "社区组织001"
opened "社区组织001"
keys NPage
wait_for "社区组织038"
opened "社区组织038"
keys PPage
wait_for "社区组织001"
opened "社区组织001"
for i in $(seq 1 25); do tm send-keys -t main Down; done
sleep 0.5
wait_for "社区组织026"
opened "社区组织026"
keys Up
opened "社区组织025"

# Filter by legal status 登记: only every third group.
keys f
wait_for "登记状态"
keys Down Enter
wait_for "未登记"
keys Down Down Down Enter
wait_for "登记状态=登记"
wait_gone "社区组织001"
expect "社区组织003"
expect "社区组织006"
keys Escape
wait_for "社区组织001"

# Delete to the recycle bin, see it there, restore it.
keys Home d
wait_for "回收站"
keys y
wait_for "已将组织“社区组织001”移到回收站"
wait_gone "社区组织001 "
keys b
wait_for "社区组织001"
keys r
wait_for "已恢复组织“社区组织001”"
keys b
wait_for "社区组织001"

# Sort by date added: newest first.
keys s
wait_for "按添加日期"
opened "社区组织060"

keys F1
wait_for "帮助"
expect "新增"
keys Escape
wait_gone "帮助："
keys q
status=$(wait_exit)
[ "$status" = 0 ] || fail "exit status $status"
check_stderr
echo ok
