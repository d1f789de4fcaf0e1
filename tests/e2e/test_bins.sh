#!/bin/bash
# The recycle bin of a child list, and messages that name the kind of
# record: a volunteer's service record deleted from her list is named as a
# service record (not as the volunteer), b shows the list's own bin, r
# restores it there; a membership saved is named as a membership; the
# status line is cleared when the screen changes.
. "$(dirname "$0")/lib.sh"
export MIAOPU_TODAY=2026-12-03

# A group, two volunteers, two service records and a membership, by the
# command line.
printf '组织名称,所属社区(村)\n东湖社区老年志愿服务队,东湖社区\n' >"$HOME/g.csv"
printf '姓名,性别,志愿者编号\n郭晓明,男,XF-001\n何俊,男,XF-002\n' >"$HOME/v.csv"
printf '志愿者,志愿者编号,组织,服务日期,服务内容,服务时长(小时)\n郭晓明,XF-001,东湖社区老年志愿服务队,2026-12-01,入户探访,3.5\n郭晓明,XF-001,东湖社区老年志愿服务队,2026-11-20,陪伴老人,2\n' >"$HOME/h.csv"
printf '志愿者,志愿者编号,组织\n郭晓明,XF-001,东湖社区老年志愿服务队\n' >"$HOME/m.csv"
for t in groups:g volunteers:v hours:h memberships:m; do
	"$MIAOPU" import "${t%%:*}" "$HOME/${t#*:}.csv" >"$E2E_ROOT/cli.out" 2>&1 ||
		{ cat "$E2E_ROOT/cli.out"; fail "import ${t%%:*}"; }
done

start
keys 4
wait_for "郭晓明"
keys /
type_text "郭晓明"
keys Enter Enter
wait_for "编辑志愿者：郭晓明"
keys F5
wait_for "服务记录"
keys Down Enter
wait_for "郭晓明 · 服务记录"
wait_for "2026-12-01"
# The child list has a bin: its key is on the bar.
expect "b 回收站"

# Delete the newest: the question names a service record, not the person.
keys Home d
wait_for "把服务记录“郭晓明 2026-12-01 3.5 小时”移到回收站吗？"
keys y
wait_for "已将服务记录“郭晓明 2026-12-01 3.5 小时”移到回收站"
wait_gone "入户探访"

# b: this list's recycle bin, with the record; r restores it.
keys b
wait_for "郭晓明 · 服务记录 — 回收站"
wait_for "入户探访"
keys Enter
wait_for "服务记录“郭晓明 2026-12-01 3.5 小时”在回收站里"
keys r
wait_for "已恢复服务记录“郭晓明 2026-12-01 3.5 小时”"
wait_gone "入户探访"
# Esc leaves the bin for the list, where it is back.
keys Escape
wait_for "郭晓明 · 服务记录"
wait_for "入户探访"
expect "2026-11-20"
# Leaving the list clears the message that belonged to it.
keys Escape
wait_for "编辑志愿者：郭晓明"
expect_not "已恢复"

# A membership saved says it is a membership.
keys F5
wait_for "所属组织"
keys Home Enter
wait_for "郭晓明 · 所属组织"
keys Enter
wait_for "编辑成员关系"
keys F2
wait_for "已保存成员关系“郭晓明 东湖社区老年志愿服务队”"
expect_not "已保存“郭晓明”"

# In the database the record is live again.
n=$(sqlite3 "$DB" "SELECT count(*) FROM hours WHERE deleted_at IS NULL" 2>/dev/null || echo "")
[ -z "$n" ] || [ "$n" = 2 ] || fail "expected 2 live service records, found $n"

keys Escape Escape
wait_gone "编辑"
keys F10
status=$(wait_exit)
[ "$status" = 0 ] || fail "exit status $status"
check_stderr
echo ok
