# lib.sh — helpers for end-to-end tests that drive the real miaopu in tmux
# and read the screen back with capture-pane.  Sourced by tests/e2e/*.sh.
#
# Each test gets its own tmux server (-L), its own HOME and XDG folders, and
# records miaopu's exit status and standard error (where sanitizer reports
# go) in files, so that a crash or a leak fails the test.

set -u

if [ -z "${MIAOPU:-}" ]; then
	echo "MIAOPU is not set (run through make check)" >&2
	exit 99
fi
command -v tmux >/dev/null || { echo "tmux not installed: skipped"; exit 77; }

E2E_ROOT=$(mktemp -d "${TMPDIR:-/tmp}/miaopu-e2e.XXXXXX")
export HOME="$E2E_ROOT/home" XDG_DATA_HOME="$E2E_ROOT/data" XDG_CONFIG_HOME="$E2E_ROOT/config"
mkdir -p "$HOME" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME"
E2E_SOCK="miaopu-e2e-$$"
E2E_LANG="${E2E_LANG:-zh_CN.UTF-8}"
export LANG="$E2E_LANG" LC_ALL="$E2E_LANG"
DB="$XDG_DATA_HOME/miaopu/miaopu.db"
# Sanitizer builds are slower; be patient before calling something missing.
E2E_WAIT="${E2E_WAIT:-15}"

tm() { tmux -L "$E2E_SOCK" -f /dev/null "$@"; }

e2e_cleanup() {
	tm kill-server 2>/dev/null
	rm -rf "$E2E_ROOT"
}
trap e2e_cleanup EXIT

# start [-x COLS] [-y ROWS] [ARGS...]: start miaopu in a detached session.
start() {
	local cols=80 rows=24
	while [ $# -gt 0 ]; do
		case "$1" in
		-x) cols=$2; shift 2 ;;
		-y) rows=$2; shift 2 ;;
		*) break ;;
		esac
	done
	local args="" a
	for a in "$@"; do args="$args '$a'"; done
	rm -f "$E2E_ROOT/exit" "$E2E_ROOT/stderr"
	cat > "$E2E_ROOT/run.sh" <<RUN
#!/bin/sh
export LANG='$E2E_LANG' LC_ALL='$E2E_LANG' HOME='$HOME' XDG_DATA_HOME='$XDG_DATA_HOME' XDG_CONFIG_HOME='$XDG_CONFIG_HOME'
export MIAOPU_LOCALEDIR='${MIAOPU_LOCALEDIR:-}' MIAOPU_TODAY='${MIAOPU_TODAY:-}' MIAOPU_TRACE='${MIAOPU_TRACE:-}'
export ASAN_OPTIONS='${ASAN_OPTIONS:-}' UBSAN_OPTIONS='${UBSAN_OPTIONS:-}'
unset NO_COLOR
'$MIAOPU' $args 2>'$E2E_ROOT/stderr'
echo \$? > '$E2E_ROOT/exit'
sleep 600
RUN
	chmod +x "$E2E_ROOT/run.sh"
	# A server left with no session exits, and a new-session racing that
	# exit fails with "server exited unexpectedly": a placeholder session
	# keeps the server up while the old miaopu is ended and the new begun.
	tm has-session -t main 2>/dev/null && tm new-session -d -s hold "sleep 600"
	tm kill-session -t main 2>/dev/null
	tm new-session -d -s main -x "$cols" -y "$rows" "$E2E_ROOT/run.sh" ||
		fail "tmux did not start a session"
	tm kill-session -t hold 2>/dev/null
	# Keys go in once the screen is up (the tab bar begins " 1 "), or
	# when it is too small to show it.
	local i=0
	while [ $i -lt $((E2E_WAIT * 10)) ]; do
		screen | grep -qE '^ 1 |窗口太小|too small' && return 0
		sleep 0.1
		i=$((i + 1))
	done
}

screen() { tm capture-pane -p -t main; }

fail() {
	echo "FAIL: $*"
	echo "---- screen ----"
	screen 2>/dev/null
	echo "---- stderr ----"
	cat "$E2E_ROOT/stderr" 2>/dev/null
	exit 1
}

# wait_for TEXT: until TEXT is on the screen.
wait_for() {
	local i=0 limit=$((E2E_WAIT * 10))
	while [ $i -lt $limit ]; do
		screen | grep -qF -- "$1" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	fail "“$1” did not appear"
}

# wait_gone TEXT: until TEXT has left the screen.
wait_gone() {
	local i=0 limit=$((E2E_WAIT * 10))
	while [ $i -lt $limit ]; do
		screen | grep -qF -- "$1" || return 0
		sleep 0.1
		i=$((i + 1))
	done
	fail "“$1” did not go away"
}

expect() { screen | grep -qF -- "$1" || fail "expected “$1” on the screen"; }
expect_not() { ! screen | grep -qF -- "$1" || fail "did not expect “$1” on the screen"; }

# keys KEY...: tmux key names (Tab, Enter, Escape, F2, C-s, Down, BSpace...).
# A short pause after each lets the program read it as one key.
keys() {
	local k
	for k in "$@"; do
		tm send-keys -t main "$k"
		sleep 0.15
	done
}

# type TEXT: literal text, as an input method would deliver it.
type_text() {
	tm send-keys -t main -l -- "$1"
	sleep 0.2
}

# wait_exit: until miaopu has exited; prints its status.
wait_exit() {
	local i=0 limit=$((E2E_WAIT * 10))
	while [ ! -s "$E2E_ROOT/exit" ] && [ $i -lt $limit ]; do
		sleep 0.1
		i=$((i + 1))
	done
	[ -s "$E2E_ROOT/exit" ] || fail "miaopu did not exit"
	cat "$E2E_ROOT/exit"
}

# check_stderr: no sanitizer report, no crash message.
check_stderr() {
	if grep -qE 'Sanitizer|runtime error|LeakSanitizer' "$E2E_ROOT/stderr" 2>/dev/null; then
		cat "$E2E_ROOT/stderr"
		fail "sanitizer report"
	fi
}

# column_of LINE_TEXT NEEDLE: display column where NEEDLE starts on the first
# screen line that contains LINE_TEXT (wide characters count 2).
column_of() {
	screen | python3 -c '
import sys, unicodedata
line_key, needle = sys.argv[1], sys.argv[2]
def w(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1 for c in s)
for line in sys.stdin.read().splitlines():
    if line_key in line:
        i = line.find(needle)
        print(w(line[:i]) if i >= 0 else -1)
        break
else:
    print(-2)
' "$1" "$2"
}

# add_group NAME: from the groups list, add a group with just its name.
add_group() {
	keys 2 a
	wait_for "新增组织"
	type_text "$1"
	keys F2
	wait_for "已保存组织“$1”"
}

# add_volunteer NAME 男|女 ID-NUMBER VOLUNTEER-NUMBER: from anywhere, by keys.
add_volunteer() {
	keys 4 a
	wait_for "新增志愿者"
	type_text "$1"
	keys Tab Enter
	wait_for "（无）"
	if [ "$2" = 男 ]; then keys Down Enter; else keys Down Down Enter; fi
	keys Tab Tab
	type_text "$3"
	keys Tab
	type_text "$4"
	keys F2
}
