#!/bin/bash
# Two screens, one ledger: B's list shows 丁秀梅, A changes her phone, B
# deletes her: B is asked first and shown what changed; "no" leaves her in
# the ledger, and she is binned only when B asks again and says yes.  A
# purge from B's recycle bin of a record A restored and binned again
# meanwhile is asked about the same way.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lost_update.sh"

# ---- a delete of a record the other screen changed ----
on b
keys 4
wait_for "丁秀梅"
on main
keys 4
wait_for "丁秀梅"
keys Home Enter
wait_for "编辑志愿者：丁秀梅"
keys Tab Tab Tab Tab Tab Tab C-u
type_text "13700000003"
keys F2
wait_for "已保存志愿者“丁秀梅”"
on b
keys d   # the list as B has it on screen, from before A's save
wait_for "移到回收站"
keys y
wait_for "另一窗口已修改"
expect "13700000003"
expect "王社工"
[ -z "$(q "SELECT deleted_at FROM volunteers WHERE name = '丁秀梅'")" ] || fail "deleted before B was asked"
keys n
wait_for "什么也没做"
[ -z "$(q "SELECT deleted_at FROM volunteers WHERE name = '丁秀梅'")" ] || fail "deleted although B said no"
# Asked again, B says yes: now it goes to the recycle bin.
keys d
wait_for "移到回收站"
keys y
wait_for "已将志愿者“丁秀梅”移到回收站"
[ -n "$(q "SELECT deleted_at FROM volunteers WHERE name = '丁秀梅'")" ] || fail "not in the recycle bin"


# ---- a purge from a recycle bin the other screen changed ----
# B's recycle bin shows her; A restores her and bins her again.
on main
keys b
wait_for "丁秀梅"
on b
keys b
wait_for "丁秀梅"
on main
keys r
wait_for "已恢复志愿者“丁秀梅”"
keys b
wait_for "丁秀梅"
keys d
wait_for "移到回收站"
keys y
wait_for "已将志愿者“丁秀梅”移到回收站"
on b
keys D
wait_for "彻底删除"
keys y
wait_for "另一窗口已修改"
expect "王社工"
keys n
wait_for "什么也没做"
[ "$(q "SELECT count(*) FROM volunteers WHERE name = '丁秀梅'")" = 1 ] || fail "purged although B said no"
[ "$(q "SELECT updated_by FROM volunteers WHERE name = '丁秀梅'")" = 王社工 ] || fail "who binned her last"

both_quit
exit 0
