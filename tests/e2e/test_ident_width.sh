#!/bin/bash
# Identifiers are never cut in lists (mp_ident.h): among 50,000 imported
# volunteers, a 12-character volunteer number shows whole, so that two
# people never show the same cut number; the column is as wide as the
# widest number kept.
. "$(dirname "$0")/lib.sh"

T=$E2E_ROOT
# 50,000 volunteers, numbered BT2026-00001 to BT2026-50000 (12
# characters), and one of 11 (XF2019-0024).
awk 'BEGIN {
	print "姓名,志愿者编号,联系电话"
	print "陈丽华,XF2019-0024,13900000024"
	for (i = 1; i <= 50000; i++)
		printf "志愿者%05d,BT2026-%05d,138%08d\n", i, i, i
}' > "$T/v.csv"
"$MIAOPU" import volunteers "$T/v.csv" > "$T/out" 2>&1 || fail "import: $(tail -3 "$T/out")"
grep -q "新增 50001 条" "$T/out" || fail "import did not add 50001: $(tail -1 "$T/out")"

start
keys 4
wait_for "志愿者00001"
# Each number whole, and the next column after it.
screen | grep -qE '志愿者00001 .* BT2026-00001 +13800000001' || fail "BT2026-00001 is cut"
screen | grep -qE '志愿者00002 .* BT2026-00002 +13800000002' || fail "BT2026-00002 is cut"
# Found by search, the 11-character one shows whole too.
keys /
type_text "陈丽华"
wait_for "XF2019-0024"
keys Escape
keys q
[ "$(wait_exit)" = 0 ] || fail "miaopu did not exit cleanly"
check_stderr
echo ok
