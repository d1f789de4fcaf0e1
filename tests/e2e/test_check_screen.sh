#!/bin/bash
# The whole ledger checked from the screen (c on the overview), as
# `miaopu check` does on a terminal: on a generated ledger large enough
# for the check to take a while (miaopu-gen --scale 0.1, 46 MB) a box
# "正在检查台账……" with a bar and its percentage appears at 80x24, the
# percentage moves and never goes back, and the verdict comes on the
# status line; on a ledger with service records whose volunteer is gone
# (removed behind miaopu's back) the problems are listed, each in plain
# words, with where the latest backup is.  Before, c did nothing on the
# overview and the check's bar existed only on a terminal.
. "$(dirname "$0")/lib.sh"

command -v sqlite3 >/dev/null || { echo "sqlite3 not installed: skipped"; exit 77; }
GEN=${MIAOPU_GEN:-}
[ -n "$GEN" ] && [ -x "$GEN" ] || { echo "no miaopu-gen (MIAOPU_GEN): skipped"; exit 77; }

L="$E2E_ROOT/ledger.db"
"$GEN" --seed 3 --scale 0.1 --quiet "$L" >"$E2E_ROOT/gen.out" 2>&1 ||
	fail "miaopu-gen: $(head -c 400 "$E2E_ROOT/gen.out")"

# The percentages the box shows, one a line, while it is up; then the
# screen that follows it.
follow_bar() {
	local i=0 limit=$((E2E_WAIT * 40)) s
	: >"$E2E_ROOT/pcts"
	while [ $i -lt $limit ]; do
		s=$(screen)
		if printf '%s\n' "$s" | grep -qF "正在检查台账"; then
			printf '%s\n' "$s" | grep '│' | grep -o '[0-9]\+%' |
				tr -d '%' >>"$E2E_ROOT/pcts"
		elif [ -s "$E2E_ROOT/pcts" ]; then
			return 0
		fi
		sleep 0.05
		i=$((i + 1))
	done
	fail "the check's box did not come and go"
}

start --db "$L"
wait_for "今天的备份已做好"
expect "c 检查"
keys c
follow_bar
# It was seen under way (below 100 %), and it moved.
[ "$(sort -n "$E2E_ROOT/pcts" | head -1)" -lt 100 ] ||
	fail "the bar was never seen under way: $(tr '\n' ' ' <"$E2E_ROOT/pcts")"
[ "$(sort -un "$E2E_ROOT/pcts" | wc -l)" -ge 2 ] ||
	fail "the bar did not move: $(tr '\n' ' ' <"$E2E_ROOT/pcts")"
sort -n -c "$E2E_ROOT/pcts" 2>/dev/null ||
	fail "the bar went back: $(tr '\n' ' ' <"$E2E_ROOT/pcts")"
wait_for "台账完好：没有损坏，记录之间的关联都完整。"
expect_not "正在检查台账"
keys F10
wait_exit >/dev/null

# Broken links: two volunteers with service records removed by sqlite3
# (which does not enforce the references by default).
sqlite3 "$L" "DELETE FROM volunteers WHERE id IN
  (SELECT volunteer_id FROM hours GROUP BY volunteer_id ORDER BY volunteer_id LIMIT 2);"
n=$(sqlite3 "$L" "SELECT count(*) FROM pragma_foreign_key_check('hours');")
[ "$n" -gt 0 ] || fail "the test's broken links were not made"
start --db "$L"
wait_for "概览"
keys c
follow_bar
wait_for "检查发现"
wait_for "台账有"
expect "个问题"
expect "指向的志愿者记录不存在"
expect "Esc 关闭"
keys Escape
wait_gone "台账有"
keys F10
wait_exit >/dev/null
check_stderr
echo "PASS"
