#!/bin/bash
# A list says where one is ("第 n / 共 N 条", the count kept by the core),
# marks the overdue follow-ups among the supervision visits, shows the
# cursor row in reverse video (without colour too, unlike an overdue row),
# aligns numbers right and cuts no column label in English; q goes back.
. "$(dirname "$0")/lib.sh"
mkdir -p "$XDG_CONFIG_HOME/miaopu"
printf 'colour = false;\n' > "$XDG_CONFIG_HOME/miaopu/miaopu.conf"
start --demo
wait_for "督导跟进"
overdue=$(screen | sed -n 's/.*逾期 \([0-9]*\) 项.*/\1/p' | head -1)
[ -n "$overdue" ] && [ "$overdue" -gt 0 ] || fail "no overdue follow-up in the demo"
keys 2
wait_for "第 1 / 共 "
groups=$(screen | sed -n 's/.*第 1 \/ 共 \([0-9]*\) 条.*/\1/p')
[ "$groups" -gt 20 ] || fail "the demo's groups are counted $groups"
keys Down Down Down
wait_for "第 4 / 共 $groups 条"
keys End
wait_for "第 $groups / 共 $groups 条"
keys PPage
wait_for "/ 共 $groups 条"
keys Home
wait_for "第 1 / 共 $groups 条"
keys d
wait_for "移到回收站吗"
keys y
wait_for "共 $((groups - 1)) 条"
# A search counts what it finds.
keys /
type_text "东湖村"
wait_for "搜索："
sleep 0.5
want=$(screen | sed -n '3,22p' | grep -c '东湖村')
[ "$want" -gt 0 ] || fail "the search found nothing"
# Counted once the search is done, not on every key typed.
expect_not "第 1 / 共"
keys Enter
wait_for "第 1 / 共 $want 条"
keys Escape
wait_for "共 $((groups - 1)) 条"

# The visits: each overdue follow-up has its "!", and only those.
keys 6
wait_for "督导 · "
marked=$(screen | grep -c '^! ')
[ "$marked" = "$overdue" ] || fail "$marked rows marked, the overview says $overdue overdue"
# Without colour: the cursor row is in reverse video, an overdue row is not.
keys Home
sleep 0.3
rows=$(tm capture-pane -p -e -t main)
first=$(screen | sed -n 4p | awk '{ print $1 }')
echo "$rows" | grep $'\e\\[[0-9;]*7m' | grep -qF "$first" ||
	fail "the cursor row ($first) is not in reverse video"
echo "$rows" | grep '! ' | grep -q $'\e\\[[0-9;]*7m' && fail "an overdue row is in reverse video like the cursor"

# Numbers line up on the right: the activities' head counts end together.
keys 3
wait_for "活动 · "
ends=$(screen | sed -n '4,10p' | python3 -c '
import sys, unicodedata
for line in sys.stdin.read().splitlines():
    print(sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line))
' | sort -u | wc -l)
[ "$ends" = 1 ] || fail "the numbers of the activities do not end in one column"

# q goes back one level, then quits from the overview.
keys q
wait_for "督导跟进"
keys q
wait_exit >/dev/null

# In English, no column label is cut: every list's header is whole.
E2E_LANG=C.UTF-8
start --demo
wait_for "Follow-ups"
wait_for "This month: "
screen | grep -qE "This month: [0-9]+ activit(y|ies)," || fail "no month's activities"
screen | grep -qE "(^|[^0-9])1 activities" && fail "1 activities"
wait_for "Last 12 months"
screen | grep "Last 12 months" | grep -q "…" && fail "the chart's legend is cut"
for s in 2 3 4 5 6; do
	keys "$s"
	wait_for " of "
	header=$(screen | sed -n '3p')
	echo "$header" | grep -q '…' && fail "a label is cut in section $s: $header"
done
keys 2
wait_for "Groups"
screen | sed -n 3,4p | grep -q "Legal" || fail "no Legal status"
screen | sed -n 3,4p | grep -q "status" || fail "no Legal status"
screen | sed -n 3,4p | grep -q "Grade" || fail "Grade is cut"
keys 4
wait_for "Volunteers"
screen | sed -n 3,4p | grep -q "Gender" || fail "Gender is cut"
screen | sed -n 3,4p | grep -q "community" || fail "Home community is cut"
# A dialog's title is whole too: the certificate's period.
keys Enter
wait_for "Edit volunteer"
keys F5
wait_for "Issue a certificate"
keys Down Down Down Enter
wait_for "Certificate: service from (empty: from the first record)"
keys Escape
wait_gone "Certificate:"
keys Escape
wait_gone "Edit volunteer"
keys F10
[ "$(wait_exit)" = 0 ] || fail "miaopu did not exit cleanly"
check_stderr
echo "PASS"
