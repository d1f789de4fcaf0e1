#!/bin/bash
# Search as you type by one, two and three Chinese characters in the demo's
# volunteers (through the character index), and the timings the benchmark
# reads: with $MIAOPU_TRACE the program writes "first" when its first
# screen is up and one "key" line for each key it handled.
. "$(dirname "$0")/lib.sh"

export MIAOPU_TRACE="$E2E_ROOT/trace.txt"
start --demo
keys 4
wait_for "张桂芳"
keys /
type_text "桂"
wait_for "张桂芳"
type_text "芳"
wait_for "张桂芳"
type_text "张"
wait_for "没有"
expect_not "张桂芳"
keys BSpace
wait_for "张桂芳"
keys Escape
keys F10
status=$(wait_exit)
[ "$status" = 0 ] || fail "exit status $status"
check_stderr

[ "$(head -n 1 "$MIAOPU_TRACE" | cut -d' ' -f1)" = first ] || fail "the trace does not begin with first"
nkeys=$(grep -c '^key [0-9]* [0-9]* [0-9]*$' "$MIAOPU_TRACE")
[ "$nkeys" -ge 7 ] || fail "expected a key line for each of the 7 keys, found $nkeys"
echo ok
