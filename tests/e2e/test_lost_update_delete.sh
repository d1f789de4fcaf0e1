#!/bin/bash
# Two screens, one ledger: B's list shows 丁秀梅, A changes her phone, B
# deletes her: B is asked first and shown what changed; "no" leaves her in
# the ledger, and she is binned only when B asks again and says yes.
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
wait_for "已保存“丁秀梅”"
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
wait_for "已将“丁秀梅”移到回收站"
[ -n "$(q "SELECT deleted_at FROM volunteers WHERE name = '丁秀梅'")" ] || fail "not in the recycle bin"

both_quit
exit 0
