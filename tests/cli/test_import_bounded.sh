#!/bin/bash
# test_import_bounded.sh — an import in bounded memory, and what it leaves
# behind (issue 15):
#  - 80,000 groups (a 43 MB file, a ledger of well over 100 MB once in)
#    are imported under a limit of 40 MB of address space (ulimit -v), the
#    program and its libraries included; before, the whole file was read
#    into memory and the page cache grew to 64 MB ("out of memory").  Under
#    sanitizers (which reserve terabytes of address space) no limit is set.
#  - the copy before an import: when nothing was written to the ledger
#    since the last copy, that copy is the one to go back to (no second
#    copy), and going back to it takes the import back;
#  - a killed import: the ledger as before, no half-made copy, and the
#    half-made copy of an import killed while it copied is deleted by the
#    next one;
#  - 200,000 service records (written in their index's order, kept
#    first in a temporary table) under the same limit, and killed while
#    they are written: the ledger and its summary tables as before.
# Run by make check (MIAOPU set).  Exit 0 pass, 1 fail, 77 skip.

set -u

MIAOPU=${MIAOPU:-./miaopu}
LIMIT_KB=40000
[ -x "$MIAOPU" ] || { echo "no miaopu binary at $MIAOPU" >&2; exit 77; }
command -v sqlite3 >/dev/null || { echo "sqlite3 not installed: skipped"; exit 77; }

T=$(mktemp -d "${TMPDIR:-/tmp}/test_import_bounded.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
export HOME="$T/home" XDG_DATA_HOME="$T/data" XDG_CONFIG_HOME="$T/config"
mkdir -p "$HOME"
export LC_ALL=zh_CN.UTF-8 LANG=zh_CN.UTF-8
unset LANGUAGE MIAOPU_TODAY
BK="$T/苗圃备份"

failed=0
fail() { echo "FAIL: $*" >&2; failed=$((failed + 1)); }
ok() { echo "ok: $*"; }

sanitized=${MIAOPU_SANITIZED:-}
if [ -z "$sanitized" ] && ldd "$MIAOPU" 2>/dev/null | grep -qE 'lib(a|ub|t)san'; then
	sanitized=1
fi
limited() {
	if [ -n "$sanitized" ]; then
		"$@"
	else
		(ulimit -v "$LIMIT_KB" && exec "$@")
	fi
}
count() { sqlite3 "$1" "SELECT count(*) FROM groups"; }
copies() { ls "$BK" 2>/dev/null | grep -c -- "$1"; }

# 80,000 groups, each with a long note (ASCII: few search tokens, so the
# test stays quick), about 43 MB.
awk 'BEGIN {
	pad = sprintf("%480s", ""); gsub(/ /, "x", pad)
	print "组织名称,所属社区(村),备注"
	for (i = 0; i < 80000; i++)
		printf "丁香志愿服务队第%06d分队,幸福里社区第%03d网格,%s\n", i, i % 500, pad
}' >"$T/big.csv"
printf '组织名称,所属社区(村)\n小小志愿队,幸福社区\n' >"$T/small.csv"
size_kb=$(( $(stat -c %s "$T/big.csv") / 1024 ))
[ "$size_kb" -gt "$LIMIT_KB" ] || fail "the file ($size_kb KB) is not above the limit"

# A ledger, made by the program itself (an empty file is made one).
: >"$T/l.db"
"$MIAOPU" --db "$T/l.db" import groups "$T/small.csv" >"$T/out" 2>&1 \
	|| fail "the first import: $(cat "$T/out")"

# ---- bounded memory ----
if limited "$MIAOPU" --db "$T/l.db" import groups "$T/big.csv" >"$T/out" 2>&1; then
	n=$(count "$T/l.db")
	if [ "$n" = 80001 ]; then
		ok "80,000 groups ($size_kb KB) imported under ulimit -v $LIMIT_KB${sanitized:+ (no limit: sanitizers)}"
	else
		fail "80,000 groups under the limit: $n in the ledger"
	fi
else
	fail "import of $size_kb KB under ulimit -v $LIMIT_KB: $(tail -c 300 "$T/out")"
fi
db_kb=$(( $(stat -c %s "$T/l.db") / 1024 ))
[ "$db_kb" -gt $(( LIMIT_KB * 2 )) ] || fail "the ledger ($db_kb KB) is not far above the limit"

# ---- the copy before an import ----
rm -rf "$BK"
"$MIAOPU" --db "$T/l.db" backup >"$T/out" 2>&1 || fail "backup: $(cat "$T/out")"
printf '组织名称,所属社区(村)\n第二志愿队,幸福社区\n' >"$T/second.csv"
"$MIAOPU" --db "$T/l.db" import groups "$T/second.csv" >"$T/out" 2>&1 \
	|| fail "import after a copy: $(cat "$T/out")"
if [ "$(copies -before-import)" = 0 ] && [ "$(ls "$BK" | wc -l)" = 1 ]; then
	ok "nothing written since the last copy: no second copy"
else
	fail "a copy was made again: $(ls "$BK")"
fi
# ... and that copy takes the import back.
copy=$(ls "$BK"/*.db)
"$MIAOPU" --db "$T/l.db" restore "$copy" >"$T/out" 2>&1 || fail "restore: $(cat "$T/out")"
if [ "$(count "$T/l.db")" = 80001 ] \
   && [ "$(sqlite3 "$T/l.db" "SELECT count(*) FROM groups WHERE name = '第二志愿队'")" = 0 ]; then
	ok "going back to that copy takes the import back"
else
	fail "after the restore: $(count "$T/l.db") groups"
fi
rm -f "$T"/l-before-restore-*
# Written since: the next import copies again.
"$MIAOPU" --db "$T/l.db" import groups "$T/second.csv" >"$T/out" 2>&1 \
	|| fail "import after a change: $(cat "$T/out")"
[ "$(copies -before-import)" = 1 ] && ok "written since the last copy: a new copy" \
	|| fail "no copy after a change: $(ls "$BK")"

# ---- a killed import ----
before=$(count "$T/l.db")
nbefore=$(ls "$BK" | wc -l)
# A half-made copy left by an import killed while it copied, minutes ago.
stale="$BK/l-2020-01-01-000000-before-import.db.tmp"
echo half >"$stale"
touch -d '10 minutes ago' "$stale"
sed 's/丁香/海棠/' "$T/big.csv" >"$T/big2.csv"
"$MIAOPU" --db "$T/l.db" import groups "$T/big2.csv" >"$T/out" 2>&1 &
pid=$!
# Killed in the middle of writing: once the log holds part of the rows.
for _ in $(seq 600); do
	[ "$(stat -c %s "$T/l.db-wal" 2>/dev/null || echo 0)" -gt 4000000 ] && break
	kill -0 "$pid" 2>/dev/null || break
	sleep 0.05
done
if kill -9 "$pid" 2>/dev/null; then
	wait "$pid" 2>/dev/null
	after=$(count "$T/l.db")
	[ "$after" = "$before" ] && ok "a killed import: the ledger as before ($after groups)" \
		|| fail "a killed import changed the ledger: $before -> $after"
	left=$(ls "$BK" | grep -c '\.tmp$')
	[ "$left" = 0 ] && ok "a killed import: no half-made copy" \
		|| fail "half-made copies left: $(ls "$BK")"
	[ "$(ls "$BK" | wc -l)" -le $((nbefore + 1)) ] \
		|| fail "more than one copy for a killed import: $(ls "$BK")"
	# The next import, with nothing written since that copy, makes none.
	n1=$(ls "$BK" | wc -l)
	"$MIAOPU" --db "$T/l.db" import groups "$T/small.csv" >"$T/out" 2>&1
	[ "$(ls "$BK" | wc -l)" = "$n1" ] \
		&& ok "after a killed import, its copy serves the next import" \
		|| fail "a copy again after a killed import: $(ls "$BK")"
else
	fail "the import ended before it could be killed: $(tail -c 300 "$T/out")"
fi

# ---- service records: written in their index's order (importstage.c) ----
# 2,000 volunteers, then 200,000 service records found by volunteer
# number, under the same limit: the rows kept in a temporary table and
# sorted there, the page cache and the sort kept small.  Then a killed
# import of them leaves the ledger and its summary tables as they were.
: >"$T/h.db"
awk 'BEGIN { print "姓名,志愿者编号,证件号码";
	for (i = 0; i < 2000; i++) printf "志愿者%04d,ZY%05d,\n", i, i }' >"$T/vol.csv"
"$MIAOPU" --db "$T/h.db" import volunteers "$T/vol.csv" >"$T/out" 2>&1 \
	|| fail "volunteers for the service records: $(tail -c 300 "$T/out")"
awk 'BEGIN { print "志愿者,服务日期,服务时长(小时),服务内容";
	for (i = 0; i < 200000; i++)
		printf "ZY%05d,20%02d-%02d-%02d,%d,第%d次值班\n", (i * 7919) % 2000,
		       20 + i % 5, 1 + i % 12, 1 + i % 28, 1 + i % 3, i }' >"$T/hours.csv"
sums() { sqlite3 "$1" "SELECT count(*), (SELECT sum(records) || '/' || sum(cents) FROM year_hours),
	(SELECT round(sum(hours), 2) FROM month_stats) FROM hours"; }
if limited "$MIAOPU" --db "$T/h.db" import hours "$T/hours.csv" >"$T/out" 2>&1; then
	got=$(sums "$T/h.db")
	if [ "$got" = "200000|200000/39999900|399999.0" ]; then
		ok "200,000 service records imported under ulimit -v $LIMIT_KB${sanitized:+ (no limit: sanitizers)}"
	else
		fail "200,000 service records: count, year and month sums $got"
	fi
else
	fail "200,000 service records under ulimit -v $LIMIT_KB: $(tail -c 300 "$T/out")"
fi
before=$(sums "$T/h.db")
rm -rf "$BK"
"$MIAOPU" --db "$T/h.db" backup >/dev/null 2>&1
sed 's/值班/探访/' "$T/hours.csv" >"$T/hours2.csv"
wal0=$(stat -c %s "$T/h.db-wal" 2>/dev/null || echo 0)
"$MIAOPU" --db "$T/h.db" import hours "$T/hours2.csv" >"$T/out" 2>&1 &
pid=$!
# Killed while it writes the sorted rows (the log grows only then).
for _ in $(seq 1200); do
	[ "$(stat -c %s "$T/h.db-wal" 2>/dev/null || echo 0)" -gt $((wal0 + 2000000)) ] && break
	kill -0 "$pid" 2>/dev/null || break
	sleep 0.05
done
if kill -9 "$pid" 2>/dev/null; then
	wait "$pid" 2>/dev/null
	after=$(sums "$T/h.db")
	[ "$after" = "$before" ] && ok "a killed import of service records: the ledger as before" \
		|| fail "a killed import of service records changed the ledger: $before -> $after"
	[ "$(sqlite3 "$T/h.db" "SELECT count(*) FROM sqlite_schema WHERE name LIKE 'imp_%'")" = 0 ] \
		|| fail "a killed import left a table of its own in the ledger"
else
	fail "the service records' import ended before it could be killed: $(tail -c 300 "$T/out")"
fi

[ "$failed" = 0 ] || exit 1
exit 0
