#!/bin/bash
# Two screens on one ledger, and the commands beside them:
#  - screen A opens, screen B opens, A quits: the ledger is still in use
#    (B has it), so `miaopu restore` refuses, naming B; B's next save
#    lands in the ledger;
#  - a restore while an import is under way is refused, naming the
#    import; the import's rows are all there;
#  - both screens get SIGHUP with forms open: each keeps its own draft,
#    every level of nested forms (a volunteer's form, and the service
#    record added from it with F5 → 服务记录 → a); the next start offers
#    them back oldest first, opened as they were stacked, and saves them;
#  - a copy left half made in the backup folder (a killed import) is
#    removed at the next start, which says so;
#  - SIGINT, SIGQUIT, SIGPIPE, SIGUSR1, SIGALRM and SIGTERM each keep the
#    form and take the in-use mark away.
. "$(dirname "$0")/lib.sh"

command -v sqlite3 >/dev/null || { echo "sqlite3 not installed: skipped"; exit 77; }
count() { sqlite3 -cmd ".timeout 10000" "$DB" "$1"; }
oscreen() { tm capture-pane -p -t other; }
owait_for() {
	local i=0
	while [ $i -lt $((E2E_WAIT * 10)) ]; do
		oscreen | grep -qF -- "$1" && return 0
		sleep 0.1; i=$((i + 1))
	done
	echo "---- the other screen ----"; oscreen
	fail "“$1” did not appear on the other screen"
}
okeys() { local k; for k in "$@"; do tm send-keys -t other "$k"; sleep 0.15; done; }
otype() { tm send-keys -t other -l -- "$1"; sleep 0.2; }
# The other screen, as 李四, in a session of its own.
start_other() {
	rm -f "$E2E_ROOT/other.exit"
	tm kill-session -t other 2>/dev/null
	tm new-session -d -s other -x 80 -y 24 \
		"'$MIAOPU' --config '$E2E_ROOT/lisi.conf' 2>'$E2E_ROOT/other.err'; echo \$? > '$E2E_ROOT/other.exit'; sleep 600"
	owait_for " 1 "
}
# (The main session runs miaopu from run.sh, the other one from sh -c.)
main_pid() { pgrep -P "$(tm display -p -t main '#{pane_pid}')" | head -1; }
other_pid() { pgrep -P "$(tm display -p -t other '#{pane_pid}')" | head -1; }
wait_other_exit() {
	local i=0
	while [ ! -s "$E2E_ROOT/other.exit" ] && [ $i -lt $((E2E_WAIT * 10)) ]; do sleep 0.1; i=$((i + 1)); done
	[ -s "$E2E_ROOT/other.exit" ] || fail "the other miaopu did not exit"
}
no_mark() {
	local i=0
	while [ -f "$DB-inuse" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	[ ! -f "$DB-inuse" ] || fail "the in-use mark was left behind ($1)"
}

mkdir -p "$XDG_CONFIG_HOME/miaopu"
printf 'operator = "张三";\n' > "$XDG_CONFIG_HOME/miaopu/miaopu.conf"
printf 'operator = "李四";\n' > "$E2E_ROOT/lisi.conf"

# A ledger with one volunteer, and a copy of it to restore.
start
add_volunteer "丁秀梅" 女 "420106196109159867" "XF-1"
wait_for "已保存志愿者“丁秀梅”"
keys F10
wait_exit >/dev/null
COPY="$E2E_ROOT/copy.db"
"$MIAOPU" backup -o "$COPY" >/dev/null || fail "backup -o failed"

# ---- A opens, B opens, A quits: the restore is refused, naming B ----
start
keys 2
wait_for "还没有记录"
start_other
oscreen | grep -q "另一个苗圃里也开着" || true
keys F10
wait_exit >/dev/null
out=$("$MIAOPU" restore "$COPY" 2>&1)
rc=$?
[ $rc -ne 0 ] || fail "restore went ahead while 李四's screen had the ledger open: $out"
echo "$out" | grep -q "李四" || fail "the refusal does not name 李四: $out"
okeys 2 a
owait_for "新增组织"
otype "乙的组织"
okeys F2
owait_for "已保存组织“乙的组织”"
[ "$(count "SELECT count(*) FROM groups WHERE name = '乙的组织'")" = 1 ] \
	|| fail "李四's save is not in the ledger"
okeys F10
wait_other_exit
no_mark "both screens closed"

# ---- a restore while an import is under way ----
CSV="$E2E_ROOT/big.csv"
{ echo "组织名称,所属社区(村)"; seq 1 20000 | sed 's/.*/导入组织&,导入社区/'; } > "$CSV"
"$MIAOPU" import groups "$CSV" >"$E2E_ROOT/import.out" 2>"$E2E_ROOT/import.err" &
IMPORT=$!
i=0
until grep -q importing "$DB-inuse" 2>/dev/null; do
	sleep 0.02; i=$((i + 1))
	[ $i -lt 1500 ] || fail "the import never showed in the in-use mark"
	kill -0 $IMPORT 2>/dev/null || fail "the import ended before it showed in the in-use mark"
done
out=$("$MIAOPU" restore "$COPY" 2>&1)
rrc=$?
wait $IMPORT
irc=$?
[ $irc -eq 0 ] || fail "the import failed: $(cat "$E2E_ROOT/import.err")"
[ $rrc -ne 0 ] || fail "restore and import both said they were done: $out"
echo "$out" | grep -q "正在导入" || fail "the refusal does not say an import is under way: $out"
[ "$(count "SELECT count(*) FROM groups WHERE community = '导入社区'")" = 20000 ] \
	|| fail "the import's rows are not all in the ledger"

# ---- SIGHUP to both screens: a draft each, nested levels kept ----
start
keys 4
wait_for "丁秀梅"
keys Home Enter
wait_for "编辑志愿者：丁秀梅"
type_text "甲"
wait_for "丁秀梅甲"
keys F5
wait_for "服务记录"
keys Down Enter
wait_for "丁秀梅 · 服务记录"
keys a
wait_for "新增服务记录"
keys Tab Tab Tab
type_text "送餐上门"
keys Tab Tab
type_text "2"
start_other
okeys 2 a
owait_for "新增组织"
otype "读书会乙"
kill -HUP "$(main_pid)"
wait_exit >/dev/null
sleep 1   # the two drafts' times must differ for "oldest first"
kill -HUP "$(other_pid)"
wait_other_exit
n=$(ls "$DB"-draft* 2>/dev/null | wc -l)
[ "$n" = 2 ] || fail "$n draft files, not one for each screen: $(ls "$E2E_ROOT"/data/miaopu)"
no_mark "SIGHUP to both"
start
wait_for "还没有保存"
screen | sed "s/[│ ]//g" | tr -d "\n" | grep -qF "志愿者“丁秀梅甲”→服务记录“丁秀梅”" || fail "the draft question does not name both levels"
keys y
wait_for "读书会乙"
keys y
wait_for "新增组织"
expect "读书会乙"
keys F2
wait_for "已保存组织“读书会乙”"
wait_for "新增服务记录"
expect "送餐上门"
keys F2
wait_for "已保存服务记录"
wait_for "编辑志愿者：丁秀梅"
expect "丁秀梅甲"
keys F2
wait_for "已保存志愿者“丁秀梅甲”"
keys F10
wait_exit >/dev/null
[ "$(count "SELECT count(*) FROM groups WHERE name = '读书会乙'")" = 1 ] || fail "the second screen's draft was not saved"
[ "$(count "SELECT count(*) FROM volunteers WHERE name = '丁秀梅甲'")" = 1 ] || fail "the volunteer's edit (the outer level) was lost"
[ "$(count "SELECT count(*) FROM hours WHERE content = '送餐上门'")" = 1 ] \
	|| fail "the service record (the inner level) was not saved"
! ls "$DB"-draft* >/dev/null 2>&1 || fail "drafts left after they were saved"

# ---- a copy left half made by a killed import is removed at start ----
left="$XDG_DATA_HOME/miaopu/苗圃备份/miaopu-2026-01-01-120000-before-import.db.tmp"
printf 'half a copy' > "$left"
printf 'journal' > "$left-journal"
touch -d '2 hours ago' "$left" "$left-journal"
start
wait_for "已删除备份文件夹里 2 个"
[ ! -e "$left" ] && [ ! -e "$left-journal" ] || fail "the half-made copy was not removed at start"
keys F10
wait_exit >/dev/null

# ---- other signals that end the program ----
for sig in INT QUIT PIPE USR1 ALRM TERM; do
	start
	keys 2 a
	wait_for "新增组织"
	type_text "信号$sig"
	kill -$sig "$(main_pid)"
	status=$(wait_exit)
	ls "$DB"-draft* >/dev/null 2>&1 || fail "SIG$sig lost the form (exit $status)"
	no_mark "SIG$sig"
	check_stderr
	start
	wait_for "还没有保存"
	expect "信号$sig"
	keys n
	wait_gone "还没有保存"
	keys F10
	wait_exit >/dev/null
	! ls "$DB"-draft* >/dev/null 2>&1 || fail "the draft of SIG$sig was not dropped"
done
# The other screen and the commands (under the sanitizers too).
for f in other.err import.err; do
	! grep -qE 'Sanitizer|runtime error' "$E2E_ROOT/$f" 2>/dev/null || { cat "$E2E_ROOT/$f"; fail "sanitizer report in $f"; }
done
echo ok
