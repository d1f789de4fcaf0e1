#!/bin/bash
# A list comes up before its count (listview_idle): the switch to a list
# draws its rows, and "第 n / 共 N 条" follows when no key waits, as work
# of its own in the trace ("idle" after the switch's "key" line) — the
# count reads up to 100,000 rows, 5 ms that a switch no longer waits for.
# The count is right, and counted again after a save.
. "$(dirname "$0")/lib.sh"

T=$E2E_ROOT
awk 'BEGIN {
	print "姓名,志愿者编号,联系电话"
	for (i = 1; i <= 3000; i++)
		printf "计数%04d,JS-%04d,137%08d\n", i, i, i
}' > "$T/v.csv"
"$MIAOPU" import volunteers "$T/v.csv" > "$T/out" 2>&1 || fail "import: $(tail -3 "$T/out")"
grep -q "新增 3000 条" "$T/out" || fail "import did not add 3000: $(tail -1 "$T/out")"

export MIAOPU_TRACE="$T/trace.txt"
start
keys 4
wait_for "第 1 / 共 3000 条"
expect "计数0001"
# The switch's own line, then the count's.
awk '$1 == "key" { k = NR } $1 == "idle" && k == NR - 1 { ok = 1 } END { exit !ok }' \
	"$MIAOPU_TRACE" || fail "no idle line after the switch's key line: $(cat "$MIAOPU_TRACE")"
grep -qE '^idle [0-9]+ [0-9]+$' "$MIAOPU_TRACE" || fail "idle line malformed: $(grep idle "$MIAOPU_TRACE")"
# Down moves the place without a count.
keys Down
wait_for "第 2 / 共 3000 条"
# A save changes the ledger: counted again.
add_volunteer 计数新人 男 110105199001010037 JS-9999
wait_for "共 3001 条"
keys F10
[ "$(wait_exit)" = 0 ] || fail "miaopu did not exit cleanly"
check_stderr
echo ok
