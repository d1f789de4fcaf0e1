#!/bin/bash
# Where the full screen cannot work, miaopu says so in one line and ends
# with status 1 instead of a blank screen deaf to F10: TERM=dumb, a TERM
# the system does not know, a locale that cannot show Chinese (LANG=C).
# A damaged ledger is called damaged, naming the latest good backup, by
# the screen as by the commands.  (Issue 13, item 9.)
. "$(dirname "$0")/lib.sh"

# start_with ENV...: miaopu (the screen) in the tmux pane with these
# variables set over the test's own; its status and stderr kept.
start_with() {
	local v envs=""
	for v in "$@"; do envs="$envs '$v'"; done
	rm -f "$E2E_ROOT/exit" "$E2E_ROOT/stderr"
	cat > "$E2E_ROOT/run.sh" <<RUN
#!/bin/sh
export LANG='$E2E_LANG' LC_ALL='$E2E_LANG' HOME='$HOME' XDG_DATA_HOME='$XDG_DATA_HOME' XDG_CONFIG_HOME='$XDG_CONFIG_HOME'
export MIAOPU_LOCALEDIR='${MIAOPU_LOCALEDIR:-}'
export ASAN_OPTIONS='${ASAN_OPTIONS:-}' UBSAN_OPTIONS='${UBSAN_OPTIONS:-}'
env $envs '$MIAOPU' 2>'$E2E_ROOT/stderr'
echo \$? > '$E2E_ROOT/exit'
sleep 600
RUN
	chmod +x "$E2E_ROOT/run.sh"
	tm has-session -t main 2>/dev/null && tm new-session -d -s hold "sleep 600"
	tm kill-session -t main 2>/dev/null
	tm new-session -d -s main -x 80 -y 24 "$E2E_ROOT/run.sh" ||
		fail "tmux did not start a session"
	tm kill-session -t hold 2>/dev/null
}

# one_line TEXT: stderr is one line "miaopu: …" holding TEXT.
one_line() {
	[ "$(wc -l < "$E2E_ROOT/stderr")" -eq 1 ] || fail "stderr is not one line"
	grep -q '^miaopu: ' "$E2E_ROOT/stderr" || fail "stderr does not start with miaopu:"
	grep -qF -- "$1" "$E2E_ROOT/stderr" || fail "stderr does not say “$1”"
}

# A ledger with a backup, for the damaged case below.
mkdir -p "$(dirname "$DB")"
printf '组织名称,类别\n东湖书画社,文体活动类\n' > "$HOME/g.csv"
"$MIAOPU" import groups "$HOME/g.csv" >/dev/null 2>&1 || fail "import for the ledger"

# TERM=dumb: cannot move the cursor.
start_with TERM=dumb
status=$(wait_exit)
[ "$status" = 1 ] || fail "TERM=dumb: exit status $status"
one_line "dumb"
one_line "TERM"
check_stderr

# A terminal type nobody knows.
start_with TERM=no-such-terminal-9000
status=$(wait_exit)
[ "$status" = 1 ] || fail "unknown TERM: exit status $status"
one_line "no-such-terminal-9000"

# A locale that cannot show Chinese: LANG=C (English words, then).
start_with LANG=C LC_ALL=C
status=$(wait_exit)
[ "$status" = 1 ] || fail "LANG=C: exit status $status"
one_line "locale “C”"
one_line "UTF-8"

# Nothing of those left an in-use mark or touched the ledger.
[ ! -e "$DB-inuse" ] || fail "an in-use mark was left"

# A ledger whose start was overwritten: damaged, with the backup named.
"$MIAOPU" backup >/dev/null 2>&1 || fail "backup"
dd if=/dev/urandom of="$DB" bs=100 count=2 conv=notrunc 2>/dev/null
start_with
status=$(wait_exit)
[ "$status" = 1 ] || fail "damaged ledger: exit status $status"
grep -q "已损坏" "$E2E_ROOT/stderr" || fail "the screen does not say 已损坏 (damaged)"
grep -q "苗圃备份/miaopu-" "$E2E_ROOT/stderr" || fail "the screen does not name the backup"
check_stderr

# And a usable terminal still gets the screen (the tests' own TERM).
cp "$(ls "$(dirname "$DB")/苗圃备份/"miaopu-*.db | grep -v before | head -1)" "$DB"
rm -f "$DB-wal" "$DB-shm"
start
keys 2
wait_for "东湖书画社"
keys F10
wait_exit >/dev/null
echo ok
