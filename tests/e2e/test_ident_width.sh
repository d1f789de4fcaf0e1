#!/bin/bash
# Identifiers are never cut in lists (mp_ident.h): among 50,000 imported
# volunteers, a 12-character volunteer number shows whole, so that two
# people never show the same cut number.  The column is as wide as the
# widest number the list has shown (mp_listq_cell_width), not the widest
# in the ledger: a 20-character one out of view does not widen the first
# screen (that took a scan of every volunteer, a second at a million);
# once shown it is whole, and the column stays that wide.
. "$(dirname "$0")/lib.sh"

T=$E2E_ROOT
# 50,000 volunteers, numbered BT2026-00001 to BT2026-50000 (12
# characters), one of 11 (XF2019-0024) and one of 20 whose name sorts
# after all the others' (邹: after 志 by pinyin and by code point).
awk 'BEGIN {
	print "姓名,志愿者编号,联系电话"
	print "陈丽华,XF2019-0024,13900000024"
	print "邹小宝,HZ-XIHU-2019-0000001,13900000099"
	for (i = 1; i <= 50000; i++)
		printf "志愿者%05d,BT2026-%05d,138%08d\n", i, i, i
}' > "$T/v.csv"
"$MIAOPU" import volunteers "$T/v.csv" > "$T/out" 2>&1 || fail "import: $(tail -3 "$T/out")"
grep -q "新增 50002 条" "$T/out" || fail "import did not add 50002: $(tail -1 "$T/out")"

start
keys 4
wait_for "志愿者00001"
# Each number whole, and the next column after it.
screen | grep -qE '志愿者00001 .* BT2026-00001 +13800000001' || fail "BT2026-00001 is cut"
screen | grep -qE '志愿者00002 .* BT2026-00002 +13800000002' || fail "BT2026-00002 is cut"
# The column is as wide as the numbers shown: one space, then the phone.
screen | grep -qE '志愿者00001 .* BT2026-00001 13800000001' \
	|| fail "the first screen's number column is not as wide as its numbers: $(screen | grep 志愿者00001)"
# Found by search, the 11-character one shows whole too.
keys /
type_text "陈丽华"
wait_for "XF2019-0024"
keys Escape
wait_for "志愿者00001"
# The 20-character one, found by search, shows whole...
keys /
type_text "邹小宝"
wait_for "HZ-XIHU-2019-0000001 13900000099"
wide=$(column_of HZ-XIHU-2019-0000001 13900000099)
keys Escape
wait_for "志愿者00001"
# ...and the column stays as wide: the phones stand where its phone stood.
[ "$(column_of 志愿者00001 13800000001)" = "$wide" ] \
	|| fail "the number column narrowed again: $(screen | grep 志愿者00001)"
screen | grep -qE 'BT2026-00001 {9}13800000001' || fail "BT2026-00001 not padded to 20"
keys F10
[ "$(wait_exit)" = 0 ] || fail "miaopu did not exit cleanly"
check_stderr
echo ok
