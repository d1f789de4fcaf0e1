# lost_update.sh — two windows of miaopu on one ledger, for the lost-update
# tests (test_lost_update*.sh): window A is lib.sh's session "main"
# (记录人 王社工), window B the session "b" with settings of its own
# (李社工); `on main` / `on b` says which one the keys and the screen are.
# Sourced after lib.sh; starts both windows on a ledger holding volunteer
# 丁秀梅 and group 东湖社区书画社.

command -v sqlite3 >/dev/null || { echo "sqlite3 not installed: skipped"; exit 77; }

q() { sqlite3 -cmd ".timeout 10000" "$DB" "$1"; }

S=main
screen() { tm capture-pane -p -t "$S"; }
keys() {
	local k
	for k in "$@"; do
		tm send-keys -t "$S" "$k"
		sleep 0.15
	done
}
type_text() {
	tm send-keys -t "$S" -l -- "$1"
	sleep 0.2
}
on() { S=$1; }

start_b() {
	mkdir -p "$E2E_ROOT/config_b/miaopu"
	printf 'operator = "李社工";\n' > "$E2E_ROOT/config_b/miaopu/miaopu.conf"
	cat > "$E2E_ROOT/run_b.sh" <<RUN
#!/bin/sh
export LANG='$E2E_LANG' LC_ALL='$E2E_LANG' HOME='$HOME' XDG_DATA_HOME='$XDG_DATA_HOME' XDG_CONFIG_HOME='$E2E_ROOT/config_b'
export MIAOPU_LOCALEDIR='${MIAOPU_LOCALEDIR:-}' ASAN_OPTIONS='${ASAN_OPTIONS:-}' UBSAN_OPTIONS='${UBSAN_OPTIONS:-}'
'$MIAOPU' 2>'$E2E_ROOT/stderr_b'
echo \$? > '$E2E_ROOT/exit_b'
sleep 600
RUN
	chmod +x "$E2E_ROOT/run_b.sh"
	tm new-session -d -s b -x 80 -y 24 "$E2E_ROOT/run_b.sh" || fail "tmux did not start window B"
	on b
	wait_for " 1 "
}

mkdir -p "$XDG_CONFIG_HOME/miaopu"
printf 'operator = "王社工";\n' > "$XDG_CONFIG_HOME/miaopu/miaopu.conf"
printf '姓名,性别,证件号码,志愿者编号,联系电话,备注\n丁秀梅,女,350102199006150026,XF-101,13800000001,会剪纸\n' \
	> "$HOME/v.csv"
printf '组织名称,简称,所属社区(村)\n东湖社区书画社,书画社,东湖社区\n' > "$HOME/g.csv"
LANG=$E2E_LANG LC_ALL=$E2E_LANG "$MIAOPU" import volunteers "$HOME/v.csv" >"$E2E_ROOT/cli.out" 2>&1 ||
	{ cat "$E2E_ROOT/cli.out"; fail "import volunteers failed"; }
LANG=$E2E_LANG LC_ALL=$E2E_LANG "$MIAOPU" import groups "$HOME/g.csv" >"$E2E_ROOT/cli.out" 2>&1 ||
	{ cat "$E2E_ROOT/cli.out"; fail "import groups failed"; }

start
start_b


# both_quit: F10 in both windows; no sanitizer report from either.
both_quit() {
	on b
	keys F10
	on main
	keys F10
	wait_exit >/dev/null
	check_stderr
	if grep -qE 'Sanitizer|runtime error' "$E2E_ROOT/stderr_b" 2>/dev/null; then
		cat "$E2E_ROOT/stderr_b"
		fail "sanitizer report in window B"
	fi
}
