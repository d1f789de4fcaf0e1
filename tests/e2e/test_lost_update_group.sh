#!/bin/bash
# Two screens, one ledger: a group's 简称 saved in A and another saved in
# B: B is shown both, takes A's (t) and the ledger holds A's; the next time
# B keeps its own (m) and the ledger holds B's.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lost_update.sh"

# ---- a group's 简称 ----
for w in main b; do
	on $w
	keys 2
	wait_for "东湖社区书画社"
	keys Home Enter
	wait_for "编辑组织：东湖社区书画社"
done
on main
keys Tab C-u
type_text "东湖书画"
keys F2
wait_for "已保存组织“东湖社区书画社”"
on b
keys Tab C-u
type_text "书画"
keys F2
wait_for "另一窗口修改"
expect "东湖书画"
# B takes A's version whole (t), then saves: the ledger keeps A's 简称.
keys t F2
wait_for "已保存组织“东湖社区书画社”"
[ "$(q "SELECT short_name FROM groups")" = 东湖书画 ] || fail "简称 after taking theirs: $(q "SELECT short_name FROM groups")"
# And once more the other way: A saves, B keeps its own (m).
on main
keys Enter
wait_for "编辑组织：东湖社区书画社"
on b
keys Enter
wait_for "编辑组织：东湖社区书画社"
on main
keys Tab C-u
type_text "书画社甲"
keys F2
wait_for "已保存组织“东湖社区书画社”"
on b
keys Tab C-u
type_text "书画社乙"
keys F2
wait_for "另一窗口修改"
[ "$(q "SELECT short_name FROM groups")" = 书画社甲 ] || fail "B's 简称 written before B chose"
keys m F2
wait_for "已保存组织“东湖社区书画社”"
[ "$(q "SELECT short_name FROM groups")" = 书画社乙 ] || fail "简称 after keeping mine: $(q "SELECT short_name FROM groups")"

both_quit
exit 0
