#!/bin/bash
# test_bounded.sh — an export keeps to a fixed bound of memory whatever the
# size of the ledger: a ledger of 100,000 service records (some 45 MB, made
# by miaopu-gen) is exported to CSV and to XLSX under a limit of 28 MB of
# address space (ulimit -v), the program, its libraries and all.  Before the
# bound, the page cache grew to 64 MB with the table read and the export
# ended in "out of memory".  The output must be what the same export gives
# without the limit.  Under AddressSanitizer (which reserves terabytes of
# address space) the limit is left off and only the output is compared.
# Run by `make check` with MIAOPU, MIAOPU_GEN and MIAOPU_SANITIZED set.
# Exit 0 pass, 1 fail, 77 skip.

set -u

MIAOPU=${MIAOPU:-./miaopu}
GEN=${MIAOPU_GEN:-./miaopu-gen}
LIMIT_KB=28000
if [ ! -x "$MIAOPU" ] || [ ! -x "$GEN" ]; then
	echo "no miaopu or miaopu-gen binary ($MIAOPU, $GEN)" >&2
	exit 77
fi

T=$(mktemp -d "${TMPDIR:-/tmp}/test_bounded.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
export HOME="$T/home" XDG_DATA_HOME="$T/data" XDG_CONFIG_HOME="$T/config"
export TMPDIR="$T/tmp"
mkdir -p "$HOME" "$TMPDIR"
export LC_ALL=C.UTF-8
unset LANGUAGE LANG MIAOPU_TODAY

failed=0

# The command "$@" with the limit (none under sanitizers); its exit status.
limited() {
	if [ -n "${MIAOPU_SANITIZED:-}" ]; then
		"$@"
	else
		(ulimit -v "$LIMIT_KB" && exec "$@")
	fi
}

if ! "$GEN" --seed 2 --scale 0.1 --quiet "$T/ledger.db" >"$T/gen.out" 2>&1; then
	echo "FAIL: miaopu-gen: $(head -c 400 "$T/gen.out")" >&2
	exit 1
fi
size_kb=$(( $(stat -c %s "$T/ledger.db") / 1024 ))
if [ "$size_kb" -lt $(( LIMIT_KB * 3 / 2 )) ]; then
	echo "FAIL: the ledger ($size_kb KB) is not well above the limit ($LIMIT_KB KB)" >&2
	exit 1
fi

# The reference exports, without a limit (this also brings the file up to
# the program's schema, which writes).
"$MIAOPU" --db "$T/ledger.db" export hours -o "$T/free.csv" 2>"$T/err" \
	|| { echo "FAIL: export without a limit: $(cat "$T/err")" >&2; exit 1; }

if ! limited "$MIAOPU" --db "$T/ledger.db" export hours -o "$T/bounded.csv" \
	2>"$T/err"; then
	echo "FAIL: export of 100,000 service records under ulimit -v $LIMIT_KB: $(head -c 400 "$T/err")" >&2
	failed=1
elif ! cmp -s "$T/free.csv" "$T/bounded.csv"; then
	echo "FAIL: the export under the limit differs from the one without" >&2
	failed=1
elif [ "$(wc -l <"$T/bounded.csv")" -ne 100001 ]; then
	echo "FAIL: $(wc -l <"$T/bounded.csv") lines, not a header and 100,000 rows" >&2
	failed=1
fi

if [ "${MIAOPU_HAVE_XLSX:-}" = yes ]; then
	if ! limited "$MIAOPU" --db "$T/ledger.db" export volunteers --format xlsx \
		-o "$T/bounded.xlsx" 2>"$T/err"; then
		echo "FAIL: XLSX export under ulimit -v $LIMIT_KB: $(head -c 400 "$T/err")" >&2
		failed=1
	elif [ ! -s "$T/bounded.xlsx" ]; then
		echo "FAIL: no XLSX file" >&2
		failed=1
	fi
fi
exit $failed
