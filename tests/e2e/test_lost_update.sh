#!/bin/bash
# Two screens, one ledger: a save never silently overwrites another's.
# Volunteer 丁秀梅 open in both: A changes the phone and saves, B changes
# the notes and saves: B sees who changed it and both versions field by
# field, and nothing is written until B chooses; after the merge the ledger
# holds A's phone and B's notes, exactly.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lost_update.sh"

# ---- a volunteer: A's phone, B's notes ----
for w in main b; do
	on $w
	keys 4
	wait_for "丁秀梅"
	keys Home Enter
	wait_for "编辑志愿者：丁秀梅"
done
on main
keys Tab Tab Tab Tab Tab Tab C-u   # 联系电话
type_text "13900000002"
keys F2
wait_for "已保存志愿者“丁秀梅”"
[ "$(q "SELECT phone FROM volunteers WHERE name = '丁秀梅'")" = 13900000002 ] || fail "A's phone not saved"

on b
keys Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab End   # 备注
type_text "，周末有空"
keys F2
wait_for "另一窗口修改"
wait_for "王社工"
expect "我的（未保存）"
expect "对方的（已保存）"
expect "13800000001"
expect "13900000002"
expect "会剪纸，周末有空"
expect_not "已保存志愿者“丁秀梅”"
# Nothing written while B chooses.
[ "$(q "SELECT notes FROM volunteers WHERE name = '丁秀梅'")" = 会剪纸 ] || fail "B's notes written before B chose"
# The merge: A's phone (B left it as loaded), B's notes (B changed them).
keys F2
wait_for "已保存志愿者“丁秀梅”"
[ "$(q "SELECT phone || '|' || notes || '|' || updated_by FROM volunteers WHERE name = '丁秀梅'")" = "13900000002|会剪纸，周末有空|李社工" ] ||
	fail "ledger after the merge: $(q "SELECT phone, notes FROM volunteers")"

# ---- a kept form meets a change saved meanwhile ----
# A is changing the phone when its terminal goes away (the form is kept);
# B then saves new notes; A's next start offers the kept form, and its
# save shows B's change instead of overwriting it.
on main
keys Home Enter
wait_for "编辑志愿者：丁秀梅"
keys Tab Tab Tab Tab Tab Tab C-u   # 联系电话
type_text "13700000003"
kill -HUP "$(pgrep -P "$(tm display -p -t main '#{pane_pid}')" | head -1)"
wait_exit >/dev/null
on b
keys Home Enter
wait_for "编辑志愿者：丁秀梅"
keys Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab End   # 备注
type_text "，会唱歌"
keys F2
wait_for "已保存志愿者“丁秀梅”"
on main
start
wait_for "还没有保存"
keys y
wait_for "编辑志愿者：丁秀梅"
expect "13700000003"
keys F2
wait_for "另一窗口修改"
expect "李社工"
expect "会剪纸，周末有空，会唱歌"
[ "$(q "SELECT phone FROM volunteers WHERE name = '丁秀梅'")" = 13900000002 ] || fail "the kept form was written before A chose"
# A keeps the phone it typed and takes B's notes (the kept form holds the
# notes as they were when it was kept: both sides differ from the ledger).
keys Down Right
keys F2
wait_for "已保存志愿者“丁秀梅”"
[ "$(q "SELECT phone || '|' || notes FROM volunteers WHERE name = '丁秀梅'")" = "13700000003|会剪纸，周末有空，会唱歌" ] ||
	fail "ledger after the kept form's merge: $(q "SELECT phone, notes FROM volunteers")"

both_quit
exit 0
