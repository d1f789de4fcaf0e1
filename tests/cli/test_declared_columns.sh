#!/bin/bash
# test_declared_columns.sh — a ledger made before a declared record type
# (here the funding rounds, MP_T_DECLARED) gained fields: the rounds'
# table lacks two columns (one searched), its search triggers and an
# index, as an older miaopu left it (made by dropping them with sqlite3).
# miaopu opens it: a copy goes to the backup folder first, the columns,
# index and triggers are made, every round keeps its values with the new
# fields empty, and export, import and check work.  Run by `make check`
# with MIAOPU and MIAOPU_GEN set.  Exit 0 pass, 1 fail, 77 skip.

set -u

MIAOPU=${MIAOPU:-./miaopu}
GEN=${MIAOPU_GEN:-./miaopu-gen}
if [ ! -x "$MIAOPU" ] || [ ! -x "$GEN" ]; then
	echo "no miaopu or miaopu-gen binary" >&2
	exit 77
fi
if ! command -v sqlite3 >/dev/null; then
	echo "no sqlite3 to make an older ledger" >&2
	exit 77
fi

T=$(mktemp -d "${TMPDIR:-/tmp}/test_declared_columns.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
export HOME="$T/home" XDG_DATA_HOME="$T/data" XDG_CONFIG_HOME="$T/config"
export TMPDIR="$T/tmp"
mkdir -p "$HOME" "$TMPDIR"
export LC_ALL=C.UTF-8
unset LANGUAGE LANG
export MIAOPU_TODAY=2026-12-03

failed=0
rc=0

fail() {
	echo "FAIL: $*" >&2
	echo "  exit status: $rc" >&2
	echo "  stderr: $(head -c 600 "$T/err")" >&2
	failed=$((failed + 1))
}

check() {
	local what=$1
	shift
	if "$@"; then echo "ok: $what"; else fail "$what"; fi
}

run() {
	"$MIAOPU" "$@" >"$T/out" 2>"$T/err"
	rc=$?
}

sql() {
	sqlite3 "$DB" "$@"
}

DB="$T/ledger.db"
CITY="2026年青溪市第三届社区公益创投大赛"

# A ledger with the demo's two rounds.
run --demo export rounds --full
cp "$T/out" "$T/rounds.csv"
"$GEN" --empty "$DB" >/dev/null
run --db "$DB" import rounds "$T/rounds.csv"
check "the demo's rounds are imported" [ "$rc" -eq 0 ]
before=$(sql "SELECT name, kind, pool, apply_to FROM rounds ORDER BY name")

# As an older miaopu left it: no operator (searched) or notes, no
# search triggers, no index by closing date.
sql "DROP TRIGGER search_rounds_in; DROP TRIGGER search_rounds_out;
     DROP TRIGGER search_rounds_up; DROP INDEX rounds_live_apply_to;
     ALTER TABLE rounds DROP COLUMN operator; ALTER TABLE rounds DROP COLUMN notes;"
check "the older ledger lacks the columns" \
	[ "$(sql "SELECT count(*) FROM pragma_table_info('rounds') WHERE name IN ('operator', 'notes')")" = 0 ]

run --db "$DB" export rounds
check "the older ledger opens and exports its rounds" [ "$rc" -eq 0 ]
check "the export has the new columns, empty" grep -q "^\"$CITY\",\"公益创投\",\"市级\",\"青溪市民政局\",\"\"," "$T/out"
check "the columns are there" \
	[ "$(sql "SELECT count(*) FROM pragma_table_info('rounds') WHERE name IN ('operator', 'notes')")" = 2 ]
check "the rounds keep their values" [ "$(sql "SELECT name, kind, pool, apply_to FROM rounds ORDER BY name")" = "$before" ]
check "the new fields are empty" [ "$(sql "SELECT count(*) FROM rounds WHERE operator IS NULL AND notes IS NULL")" = 2 ]
check "the index is made again" [ "$(sql "SELECT count(*) FROM sqlite_schema WHERE name = 'rounds_live_apply_to'")" = 1 ]
check "the search triggers are made again" \
	[ "$(sql "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'search_rounds_%'")" = 3 ]
check "a copy was made before the upgrade" \
	[ "$(find "$T" -path '*苗圃备份*' -name '*before-upgrade*' | wc -l)" = 1 ]

# Working: the full rows (with an operator) go in again as duplicates
# by UUID, a new round with an operator is added and found by a
# character of it, and the ledger checks clean.
run --db "$DB" import rounds "$T/rounds.csv"
check "an import of the rounds finds them all there" grep -q "added 0, skipped 2" "$T/out"
sed -n '1p' "$T/rounds.csv" | cut -d, -f1-6 >"$T/new.csv"
printf '"2027年东湖街道微创投","微创投","市级","东湖街道办事处","东湖益友社工服务中心","30000.00"\n' >>"$T/new.csv"
run --db "$DB" import rounds "$T/new.csv"
check "a round with an operator is added" grep -q "added 1," "$T/out"
check "it is in the search index by its operator" \
	[ "$(sql "SELECT count(*) FROM search_tokens t JOIN rounds r ON r.id = t.s_id WHERE t.s_tok = '益' AND r.operator LIKE '%益友%'")" -ge 1 ]
run --db "$DB" check
check "the ledger checks clean" [ "$rc" -eq 0 ]
run --db "$DB" export rounds
check "opened again, no second copy" \
	[ "$(find "$T" -path '*苗圃备份*' -name '*before-upgrade*' | wc -l)" = 1 ]

[ "$failed" -eq 0 ] || exit 1
exit 0
