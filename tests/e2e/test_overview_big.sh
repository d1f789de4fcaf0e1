#!/bin/bash
# The overview uses the room it has: at 160x45 the chart of the last 12
# months is taller than the five lines it has at 80x24, drawn with the
# block elements (▁▂▃▄▅▆▇█) in eighths of a line under a UTF-8 locale,
# and more of the latest activities are listed; with a locale that cannot
# show the blocks, "#" and "=" as before.
. "$(dirname "$0")/lib.sh"

bar_lines() { screen | grep -c '[▁▂▃▄▅▆▇█]'; }

start -x 160 -y 45 --demo
wait_for "近 12 个月"
wait_for "12月"
n=$(bar_lines)
[ "$n" -ge 12 ] || fail "the chart has $n lines at 160x45"
screen | grep -q '[▁▂▃▄▅▆▇]' || fail "no partial block on the chart"
expect_not "#="
# Eight activities, wrapped, instead of five on one line.
[ "$(screen | grep -A2 '最近的活动' | grep -o '（[0-9-]*）' | wc -l)" -ge 8 ] ||
	fail "fewer than eight latest activities at 160x45"
keys F10
wait_exit >/dev/null

start --demo
wait_for "近 12 个月"
wait_for "12月"
n=$(bar_lines)
[ "$n" = 5 ] || fail "the chart has $n lines at 80x24"
# Nothing cut without a sign: the follow-ups that do not fit end in "…".
screen | grep '^逾期' | head -1 | grep -q '…$' || fail "a cut follow-up has no …"
keys F10
wait_exit >/dev/null

E2E_LANG=C.UTF-8
start -x 160 -y 45 --demo
wait_for "Last 12 months"
screen | grep "Last 12 months" | grep -q "…" && fail "the legend is cut"
[ "$(bar_lines)" -ge 12 ] || fail "no block chart under C.UTF-8"
keys F10
wait_exit >/dev/null

# (A locale that is not UTF-8 is refused at start, with a message that
# names one that is: see test_terminal.sh; so the block chart is always
# available to the screen.)
check_stderr
echo "PASS"
