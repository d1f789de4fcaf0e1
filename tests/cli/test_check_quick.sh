#!/bin/bash
# test_check_quick.sh — `miaopu check --quick` and the check's progress bar.
# A generated ledger passes both checks; one with a damaged page fails
# both (exit 1, the damage named); on a terminal (script(1)) the check
# draws a bar whose percentages only go up, reach 100 and are wiped before
# the result; without a terminal nothing but the result is printed.
# Run by `make check` with MIAOPU and MIAOPU_GEN.  Exit 0 pass, 1 fail,
# 77 skip.

set -u

MIAOPU=${MIAOPU:-./miaopu}
GEN=${MIAOPU_GEN:-./miaopu-gen}
if [ ! -x "$MIAOPU" ] || [ ! -x "$GEN" ]; then
	echo "no miaopu or miaopu-gen binary ($MIAOPU, $GEN)" >&2
	exit 77
fi

T=$(mktemp -d "${TMPDIR:-/tmp}/test_check_quick.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
export HOME="$T/home" XDG_DATA_HOME="$T/data" XDG_CONFIG_HOME="$T/config"
export TMPDIR="$T/tmp"
mkdir -p "$HOME" "$TMPDIR"
export LC_ALL=C.UTF-8
unset LANGUAGE LANG MIAOPU_TODAY

failed=0
fail() {
	echo "FAIL: $*" >&2
	failed=1
}

"$GEN" --seed 4 --scale 0.02 --quiet "$T/ledger.db" >"$T/gen.out" 2>&1 \
	|| { echo "FAIL: miaopu-gen: $(head -c 400 "$T/gen.out")" >&2; exit 1; }

for opt in "" --quick -q; do
	"$MIAOPU" --db "$T/ledger.db" check $opt >"$T/out" 2>"$T/err"
	rc=$?
	[ $rc -eq 0 ] || fail "check $opt of a sound ledger: exit $rc: $(cat "$T/out" "$T/err")"
	grep -q "is sound" "$T/out" || fail "check $opt: no verdict: $(cat "$T/out")"
	[ -s "$T/err" ] && fail "check $opt without a terminal printed on stderr: $(head -c 200 "$T/err")"
done

"$MIAOPU" --db "$T/ledger.db" check --quick extra >"$T/out" 2>"$T/err"
rc=$?
[ $rc -eq 2 ] || fail "check --quick extra: exit $rc, not 2"

# The bar, on a terminal.
if command -v script >/dev/null; then
	script -qec "\"$MIAOPU\" --db \"$T/ledger.db\" check" "$T/typescript" \
		>"$T/tty" 2>&1 </dev/null
	rc=$?
	[ $rc -eq 0 ] || fail "check on a terminal: exit $rc: $(tail -c 300 "$T/tty")"
	tr '\r' '\n' <"$T/tty" | grep -o '\] *[0-9]*%' | tr -dc '0-9\n' | grep . >"$T/pcts"
	if [ "$(head -1 "$T/pcts")" != 0 ] || [ "$(tail -1 "$T/pcts")" != 100 ]; then
		fail "the bar does not go from 0 to 100: $(tr '\n' ' ' <"$T/pcts")"
	fi
	sort -n -c "$T/pcts" 2>/dev/null || fail "the bar went back: $(tr '\n' ' ' <"$T/pcts")"
	[ "$(wc -l <"$T/pcts")" -ge 5 ] || fail "the bar moved only $(wc -l <"$T/pcts") times"
	grep -q $'\033\[K' "$T/tty" || fail "the bar is not wiped before the result"
	grep -q "is sound" "$T/tty" || fail "no verdict on the terminal"
fi

# Damage: a page in the middle of the file overwritten.
cp "$T/ledger.db" "$T/bad.db"
pages=$(( $(stat -c %s "$T/bad.db") / 4096 ))
dd if=/dev/urandom of="$T/bad.db" bs=4096 seek=$(( pages / 2 )) count=8 conv=notrunc 2>/dev/null
for opt in "" --quick; do
	"$MIAOPU" --db "$T/bad.db" check $opt >"$T/out" 2>"$T/err"
	rc=$?
	[ $rc -eq 1 ] || fail "check $opt of a damaged ledger: exit $rc, not 1: $(head -c 300 "$T/out")"
	grep -q "damaged" "$T/out" "$T/err" || fail "check $opt: the damage is not named: $(head -c 300 "$T/out")"
done
exit $failed
