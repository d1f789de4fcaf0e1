#!/bin/bash
# test_together.sh — commands that meet on one ledger, and what a killed
# one leaves behind:
#  - two `miaopu backup` started together, again and again: both succeed
#    (the second may say it waited), never "readonly database", "No such
#    file" or "disk I/O error", and every copy is sound;
#  - two imports started together: each is whole, or the second is
#    refused in plain words naming the first;
#  - a backup while an import runs waits its turn, then says so;
#  - temporary copies left in the backup folder by a killed miaopu (an
#    old-style NAME.tmp, one named for a process that is gone, with their
#    -journal; the copy a killed restore was putting in place) are removed
#    by the next backup, with a line for each; one being written now
#    (locked) is left alone.
# Run by make check (MIAOPU, TOP_SRCDIR, MIAOPU_LOCALEDIR set).
set -u

MIAOPU=${MIAOPU:-./miaopu}
[ -x "$MIAOPU" ] || { echo "no miaopu binary at $MIAOPU" >&2; exit 77; }
command -v sqlite3 >/dev/null || { echo "sqlite3 not installed: skipped"; exit 77; }

T=$(mktemp -d "${TMPDIR:-/tmp}/test_together.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
export HOME="$T/home" XDG_DATA_HOME="$T/data" XDG_CONFIG_HOME="$T/config"
mkdir -p "$HOME" "$T/w"
export LC_ALL=zh_CN.UTF-8 LANG=zh_CN.UTF-8
unset LANGUAGE MIAOPU_TODAY

failed=0
fail() { echo "FAIL: $*" >&2; failed=$((failed + 1)); }
DB="$T/w/台账.db"
BK="$T/w/苗圃备份"
: > "$DB"
"$MIAOPU" --db "$DB" import groups "$TOP_SRCDIR/share/sample-groups.csv" >/dev/null 2>&1 \
	|| fail "the first import"

# ---- two backups at once ----
pairs=${MP_PAIRS:-25}
bad=0 waited=0
for i in $(seq 1 "$pairs"); do
	"$MIAOPU" --db "$DB" backup >"$T/a.out" 2>"$T/a.err" &
	a=$!
	"$MIAOPU" --db "$DB" backup >"$T/b.out" 2>"$T/b.err" &
	b=$!
	wait $a; ra=$?
	wait $b; rb=$?
	if [ $ra -ne 0 ] || [ $rb -ne 0 ]; then
		bad=$((bad + 1))
		[ $bad -le 3 ] && fail "two backups at once, round $i: exit $ra and $rb: $(cat "$T/a.err" "$T/b.err")"
	fi
	cat "$T/a.out" "$T/b.out" | grep -q "等另一个苗圃先做完" && waited=$((waited + 1))
done
echo "two backups at once: $pairs pairs, $bad with a failure, $waited where one waited for the other"
for f in "$BK"/*.db; do
	[ "$(sqlite3 "$f" "PRAGMA integrity_check")" = ok ] || fail "the backup $f is not sound"
done
ls "$BK" | grep -q '\.tmp' && fail "temporary copies left: $(ls "$BK" | grep '\.tmp')"

# ---- two imports at once ----
mk_csv() { { echo "组织名称,所属社区(村)"; seq 1 "$2" | sed "s/.*/$1组织&,$1/"; } > "$T/$1.csv"; }
mk_csv 甲社区 3000
mk_csv 乙社区 3000
"$MIAOPU" --db "$DB" import groups "$T/甲社区.csv" >"$T/a.out" 2>"$T/a.err" &
a=$!
"$MIAOPU" --db "$DB" import groups "$T/乙社区.csv" >"$T/b.out" 2>"$T/b.err" &
b=$!
wait $a; ra=$?
wait $b; rb=$?
for x in 甲社区:$ra:a 乙社区:$rb:b; do
	c=${x%%:*}; r=${x#*:}; r=${r%%:*}; w=${x##*:}
	n=$(sqlite3 "$DB" "SELECT count(*) FROM groups WHERE community = '$c'")
	if [ "$r" = 0 ]; then
		[ "$n" = 3000 ] || fail "the import of $c said done but $n rows are there"
	else
		[ "$n" = 0 ] || fail "the refused import of $c left $n rows"
		grep -q "另一个苗圃正在处理这本台账" "$T/$w.err" || fail "the refused import does not say why plainly: $(cat "$T/$w.err")"
	fi
	grep -qiE "readonly|No such file|disk I/O|只读" "$T/$w.err" && fail "wrong words from an import: $(cat "$T/$w.err")"
done
echo "two imports at once: exit $ra and $rb"

# ---- a backup while an import runs waits, then says so ----
mk_csv 丙社区 20000
"$MIAOPU" --db "$DB" import groups "$T/丙社区.csv" >"$T/a.out" 2>"$T/a.err" &
a=$!
i=0
until grep -q importing "$DB-inuse" 2>/dev/null; do
	sleep 0.02; i=$((i + 1))
	[ $i -lt 1500 ] && kill -0 $a 2>/dev/null || { fail "the import never showed in the in-use mark"; break; }
done
"$MIAOPU" --db "$DB" backup >"$T/b.out" 2>"$T/b.err"
rb=$?
wait $a || fail "the import beside a backup failed: $(cat "$T/a.err")"
if [ $rb = 0 ]; then
	grep -q "等另一个苗圃先做完" "$T/b.out" || fail "the backup did not say it waited: $(cat "$T/b.out")"
else
	grep -q "正在导入" "$T/b.err" || fail "the backup refused without saying an import is under way: $(cat "$T/b.err")"
fi

# ---- leftovers of a killed miaopu ----
old="$BK/台账-2026-01-01-120000-before-import.db.tmp"
printf 'half a copy' > "$old"
printf 'journal' > "$old-journal"
touch -d '2 hours ago' "$old" "$old-journal"
gone="$BK/台账-2026-01-02-120000-before-import.db.4194300-1.tmp"
printf 'half a copy' > "$gone"
printf 'wal' > "$gone-wal"
live="$BK/台账-2026-01-03-120000.db.4194301-1.tmp"
printf 'being written' > "$live"
# Held as a miaopu writing it would hold it (a lock on its first byte).
# And the copy a killed restore was putting in place, beside the ledger.
printf 'half a restore' > "$DB.restore-tmp"
python3 -c '
import fcntl, os, sys, time
fd = os.open(sys.argv[1], os.O_RDWR)
fcntl.lockf(fd, fcntl.LOCK_EX, 1, 0)
open(sys.argv[2], "w").close()
time.sleep(60)
' "$live" "$T/locked" &
holder=$!
while [ ! -f "$T/locked" ]; do sleep 0.05; done
"$MIAOPU" --db "$DB" backup >"$T/out" 2>"$T/err"
rc=$?
kill $holder 2>/dev/null
[ $rc = 0 ] || fail "backup with leftovers: exit $rc: $(cat "$T/err")"
for f in "$old" "$old-journal" "$gone" "$gone-wal"; do
	[ ! -e "$f" ] || fail "left behind: $f"
	grep -qF "已删除“$f”" "$T/out" || fail "no line says $f was removed: $(cat "$T/out")"
done
[ -e "$live" ] || fail "a copy being written was removed"
[ ! -e "$DB.restore-tmp" ] || fail "left behind: $DB.restore-tmp"
grep -qF "已删除“$DB.restore-tmp”" "$T/out" || fail "no line says the restore's copy was removed"
[ $failed = 0 ] && echo ok
exit $((failed > 0))
