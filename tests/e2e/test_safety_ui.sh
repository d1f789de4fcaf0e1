#!/bin/bash
# Data safety in the full-screen program:
#  - the day's backup is made on start, and the help screen says where
#    backups are and when the last one was made;
#  - a damaged ledger on the day's first start: the screen says so, names
#    what to do, and takes no writes (the file stays as it was);
#  - Ctrl-C in a form asks before anything typed is lost;
#  - the terminal closed (SIGHUP) in the middle of a form: the typing is
#    kept and offered back on the next start, then saved;
#  - another miaopu holds the ledger (and SQLite's write lock): the start
#    says who, a save waits, then says who is saving, and the form keeps
#    what was typed; once free, the same form saves;
#  - SIGKILL at random moments while groups are added by keys: every group
#    the status line called saved is there and the file is sound;
#  - the disk fills up (a file-size limit) while saving: a clear message,
#    the form keeps what was typed, nothing saved is lost.
. "$(dirname "$0")/lib.sh"

command -v sqlite3 >/dev/null || { echo "sqlite3 not installed: skipped"; exit 77; }
BK="$XDG_DATA_HOME/miaopu/苗圃备份"
TODAY=$(date +%Y-%m-%d)
pid_of_miaopu() { pgrep -P "$(tm display -p -t main '#{pane_pid}')" | head -1; }
# SQLite's own client waits for a lock like miaopu does (a miaopu that is
# closing, under valgrind say, may still hold one for a moment).
count() { sqlite3 -cmd ".timeout 10000" "$DB" "$1"; }

mkdir -p "$XDG_CONFIG_HOME/miaopu"
printf 'operator = "张三";\n' > "$XDG_CONFIG_HOME/miaopu/miaopu.conf"

# ---- the day's backup, and the help screen ----
# The day's check and copy follow the first screen, which says when done.
start
wait_for "今天的备份已做好"
keys 2
wait_for "还没有记录"
[ -f "$BK/miaopu-$TODAY.db" ] || fail "no backup of the day in $BK"
[ "$(stat -c %a "$BK/miaopu-$TODAY.db")" = 600 ] || fail "the backup is not 0600"
[ -f "$DB-inuse" ] || fail "no in-use mark while miaopu runs"
keys F1
wait_for "备份位置"
expect "苗圃备份"
expect "最近备份"
expect "miaopu-$TODAY.db"
keys Escape

# ---- Ctrl-C in a form asks; No keeps the typing ----
keys a
wait_for "新增组织"
type_text "读书会"
keys C-c
wait_for "有未保存的修改"
keys n
wait_gone "有未保存的修改"
expect "读书会"
keys F2
wait_for "已保存组织“读书会”"

# ---- SIGHUP in the middle of a form ----
keys a
wait_for "新增组织"
type_text "和谐117爱心团"
keys Tab Tab Tab Tab Tab
type_text "幸福社区"
kill -HUP "$(pid_of_miaopu)"
status=$(wait_exit)
ls "$DB"-draft-* >/dev/null 2>&1 || fail "the typed form was not kept (exit $status)"
[ ! -f "$DB-inuse" ] || fail "the in-use mark was left behind"
check_stderr
start
wait_for "还没有保存"
expect "和谐117爱心团"
keys y
wait_for "新增组织"
expect "和谐117爱心团"
expect "幸福社区"
keys F2
wait_for "已保存组织“和谐117爱心团”"
! ls "$DB"-draft* >/dev/null 2>&1 || fail "the draft was not removed"
count "SELECT * FROM groups WHERE name = '和谐117爱心团'" | grep -q 幸福社区 \
	|| fail "the kept form was not saved with all that was typed"
keys F10
wait_exit >/dev/null

# ---- another miaopu holds the ledger ----
tm new-session -d -s other -x 80 -y 24 "'$MIAOPU' 2>'$E2E_ROOT/other.err'; sleep 600"
i=0
until [ -f "$DB-inuse" ] && grep -q 张三 "$DB-inuse" 2>/dev/null; do
	sleep 0.1; i=$((i + 1)); [ $i -lt 150 ] || fail "the other miaopu did not start"
done
printf 'operator = "李四";\n' > "$XDG_CONFIG_HOME/miaopu/miaopu.conf"
start
wait_for "在另一个苗圃里也开着"
expect "张三"
keys 2 a
wait_for "新增组织"
type_text "夕阳红舞蹈队"
# SQLite's write lock held for a while, as during a long import.
(echo "BEGIN IMMEDIATE;"; sleep 9; echo "ROLLBACK;") | sqlite3 "$DB" &
LOCKER=$!
sleep 1
keys F2
wait_for "台账正忙"
expect "张三"
expect "夕阳红舞蹈队"
wait $LOCKER
keys F2
wait_for "已保存组织“夕阳红舞蹈队”"
keys F10
wait_exit >/dev/null
tm kill-session -t other
[ "$(count "SELECT count(*) FROM groups WHERE name = '夕阳红舞蹈队'")" = 1 ] || fail "not saved after the lock"

# ---- SIGKILL at random moments while adding groups ----
saved=""
for round in 1 2 3 4 5 6; do
	start
	keys 2
	wait_for "组织名称"
	for n in 1 2; do
		keys a
		wait_for "新增组织"
		type_text "杀$round-$n"
		keys F2
		wait_for "已保存组织“杀$round-$n”"
		saved="$saved 杀$round-$n"
	done
	keys a
	type_text "没保存$round"
	[ $((round % 2)) = 0 ] && keys F2
	sleep "0.$((RANDOM % 5))"
	kill -9 "$(pid_of_miaopu)"
	sleep 0.2
	[ "$(count "PRAGMA integrity_check")" = ok ] || fail "integrity_check after kill $round"
	for g in $saved; do
		[ "$(count "SELECT count(*) FROM groups WHERE name = '$g'")" = 1 ] || fail "$g lost after kill $round"
	done
done

# ---- the disk fills up while saving ----
# A clean start and quit first: the write-ahead log folded in and gone.
start
keys F10
wait_exit >/dev/null
cat > "$E2E_ROOT/limited.sh" <<EOF
#!/bin/sh
ulimit -f $(( ($(stat -c %s "$DB") + 40960) / 1024 ))
exec '$MIAOPU' "\$@"
EOF
chmod +x "$E2E_ROOT/limited.sh"
REAL=$MIAOPU
MIAOPU="$E2E_ROOT/limited.sh"
start
MIAOPU=$REAL
keys 2
wait_for "组织名称"
full=""
for n in $(seq 1 60); do
	keys a
	wait_for "新增组织"
	type_text "满$n"
	keys Tab
	type_text "满盘"
	keys F2
	i=0
	while ! screen | grep -qE "已保存组织“满$n”|磁盘已满"; do
		sleep 0.1; i=$((i + 1)); [ $i -lt 100 ] || fail "no answer to the save of 满$n"
	done
	if screen | grep -q "磁盘已满"; then full=$n; break; fi
done
[ -n "$full" ] || fail "the disk never filled"
expect "新增组织"
expect "满$full"
keys F10
wait_for "有未保存的修改"
keys y
wait_exit >/dev/null
check_stderr
[ "$(count "PRAGMA integrity_check")" = ok ] || fail "integrity_check after the full disk"
[ "$(count "SELECT count(*) FROM groups WHERE short_name = '满盘'")" = $((full - 1)) ] \
	|| fail "saves before the full disk are not all there"

# ---- a damaged ledger on the day's first start ----
MIAOPU=$REAL
mkdir -p "$E2E_ROOT/bad"
BAD="$E2E_ROOT/bad/坏.db"
count "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
cp "$DB" "$BAD"
ROOT=$(sqlite3 "$BAD" "SELECT rootpage FROM sqlite_master WHERE name = 'groups'")
PS=$(sqlite3 "$BAD" "PRAGMA page_size")
printf '\007%.0s' $(seq 1 200) | dd of="$BAD" bs=1 seek=$(((ROOT - 1) * PS + 8)) conv=notrunc status=none
cp "$BAD" "$E2E_ROOT/bad.orig"
start --db "$BAD"
wait_for "已损坏"
keys 2 a
wait_for "新增组织"
type_text "不该写进去"
keys F2
wait_for "只读"
expect "不该写进去"
keys F10
wait_for "有未保存的修改"
keys y
wait_exit >/dev/null
cmp -s "$BAD" "$E2E_ROOT/bad.orig" || fail "the damaged ledger was written to"
[ ! -f "$BK/坏-$TODAY.db" ] || fail "a copy of the damage was kept as the day's backup"
echo "ok (disk full at save $full; damaged ledger left as it was)"
