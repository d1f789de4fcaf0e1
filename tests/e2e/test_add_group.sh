#!/bin/bash
# Add a group with a Chinese name entirely by keys, find it by searching for
# two characters and for one, check its row lines up with an ASCII-named
# row, quit, and find it in the export.
. "$(dirname "$0")/lib.sh"

start
# A new ledger's chart says it holds nothing yet, not a scale of "at most 1".
wait_for "近 12 个月：还没有登记活动和服务时长"
expect_not "最多 1 场"
keys 2  # the groups register (the overview comes first)
wait_for "还没有记录"
expect "组织名称"

# 和谐117爱心团, category from the pick list, community and leader typed.
keys a
wait_for "新增组织"
# Backspace removes one whole character.
type_text "和谐117爱心团队"
wait_for "和谐117爱心团队"
keys BSpace
wait_gone "和谐117爱心团队"
expect "和谐117爱心团"
keys Tab Tab Enter
wait_for "公益慈善类"
keys Down Enter
keys Tab Tab Tab Tab
type_text "幸福社区"
keys Tab Tab Tab Tab Tab
type_text "张秀英"
keys F2
wait_for "已保存"
wait_for "和谐117爱心团"

# An ASCII-named group, saved with Ctrl-S.
keys a
wait_for "新增组织"
type_text "Sunshine Club"
keys Tab Tab Enter Down Down Down Down Enter
keys Tab Tab Tab Tab
type_text "Dongfeng"
keys Tab Tab Tab Tab Tab
type_text "Li Ming"
keys C-s
wait_for "已保存组织“Sunshine Club”"
wait_for "Sunshine Club"
expect "和谐117爱心团"

# Columns line up: the same display column on both rows.
for pair in "公益慈善类:文体活动类" "未登记:未登记" "幸福社区:Dongfeng" "张秀英:Li Ming"; do
	a=$(column_of "和谐117爱心团" "${pair%%:*}")
	b=$(column_of "Sunshine Club" "${pair##*:}")
	[ "$a" -ge 0 ] && [ "$a" = "$b" ] || fail "column ${pair}: $a vs $b"
done

# Search as you type: two characters, then one.
keys /
type_text "爱心"
wait_gone "Sunshine Club"
expect "和谐117爱心团"
keys Escape
wait_for "Sunshine Club"
keys /
type_text "和"
wait_gone "Sunshine Club"
expect "和谐117爱心团"
keys Enter

keys F10
status=$(wait_exit)
[ "$status" = 0 ] || fail "exit status $status"
check_stderr

out=$("$MIAOPU" export groups) || fail "export failed"
printf '%s' "$out" | head -1 | grep -q "组织名称" || fail "export header: $(printf '%s' "$out" | head -1)"
printf '%s' "$out" | grep -q "和谐117爱心团" || fail "export lacks 和谐117爱心团"
printf '%s' "$out" | grep "和谐117爱心团" | grep -q "公益慈善类" || fail "export lacks the category"
echo "ok"
