#!/bin/bash
# Long questions and messages wrap to fit 80x24 instead of being cut: the
# question about a form kept after a crash shows all its words and both
# buttons; the warning that another miaopu holds the ledger is whole; a
# long help line wraps.
. "$(dirname "$0")/lib.sh"
command -v sqlite3 >/dev/null || { echo "sqlite3 not installed: skipped"; exit 77; }

pid_of_miaopu() { pgrep -P "$(tm display -p -t main '#{pane_pid}')" | head -1; }
# The screen's text with the dialog's frame and the line breaks taken out.
joined() { screen | sed 's/[│ ]//g' | tr -d '\n'; }

mkdir -p "$XDG_CONFIG_HOME/miaopu"
printf 'operator = "张三";\n' > "$XDG_CONFIG_HOME/miaopu/miaopu.conf"

start
keys 2 a
wait_for "新增组织"
type_text "和谐117爱心团"
kill -HUP "$(pid_of_miaopu)"
wait_exit >/dev/null
ls "$DB"-draft-* >/dev/null 2>&1 || fail "the typed form was not kept"

start
wait_for "还没有保存"
joined | grep -qF "上次苗圃关闭时，这张表单还没有保存，已替您留下：组织“和谐117爱心团”。现在打开它，核对后保存吗？（选“否”则丢弃）" ||
	fail "the question is not all on the screen"
expect "[ 是 (y) ]"
expect "[ 否 (n) ]"
# Every line of the dialog fits inside the 80 columns, frame included.
screen | grep -q "┘" || fail "the dialog's bottom edge is off the screen"
keys y
wait_for "新增组织"
expect "和谐117爱心团"
keys Escape
wait_for "放弃对这条记录的修改吗"
keys y
wait_gone "新增组织"
keys F10
wait_exit >/dev/null

# Another miaopu holds the ledger: the whole warning is shown.
tm new-session -d -s other -x 80 -y 24 "'$MIAOPU' 2>'$E2E_ROOT/other.err'; sleep 600"
i=0
until [ -f "$DB-inuse" ] && grep -q 张三 "$DB-inuse" 2>/dev/null; do
	sleep 0.1; i=$((i + 1)); [ $i -lt 150 ] || fail "the other miaopu did not start"
done
printf 'operator = "李四";\n' > "$XDG_CONFIG_HOME/miaopu/miaopu.conf"
start
wait_for "在另一个苗圃里也开着"
screen | tail -n 4 | tr -d '\n' | grep -qF "保存时可能要等它。" ||
	fail "the warning is cut"
keys F10
wait_exit >/dev/null
tm kill-session -t other

# The help: a line longer than the screen wraps under itself.
E2E_LANG=C.UTF-8
start
keys 2
wait_for "Groups"
keys F1
wait_for "Help"
expect "or show overdue follow-ups"
keys End
wait_for "all or nothing"
keys Escape
keys F10
wait_exit >/dev/null
check_stderr
echo "PASS"
