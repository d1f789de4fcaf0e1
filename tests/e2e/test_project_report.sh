#!/bin/bash
# The funding rounds in the summary report on the screen (80x24, Chinese):
# the demo's two rounds (a city 公益创投 under way, a community 微创投 in
# its public notice) give the Summary's rows (granted, matched funds, the
# leverage ratio 配套：资助) and the tables by round, category and community
# within 80 columns; one community's figures; a period before the rounds
# holds none, and a day that does not exist is refused and stays typed;
# the report saved from the screen as XLSX holds the same figures as
# numbers; `miaopu report --round` agrees with the screen.
if [ "${MIAOPU_HAVE_XLSX:-yes}" = no ]; then
	echo "skip: built without libxlsxwriter (configure warned), and this test saves XLSX"
	exit 77
fi
. "$(dirname "$0")/lib.sh"

export MIAOPU_TODAY=2026-12-03
T=$E2E_ROOT

# figure LABEL: the value at the end of LABEL's line on the screen.
figure() { screen | awk -v l="$1" '$1 == l { print $NF; exit }'; }
# page_to TEXT: page down until TEXT shows (at most 15 pages).
page_to() {
	local i=0
	while ! screen | grep -qF -- "$1"; do
		[ $i -lt 15 ] || fail "paged 15 times and “$1” did not show"
		keys PgDn
		i=$((i + 1))
		sleep 0.2
	done
}

start --demo
keys 7
wait_for "汇总报表"
wait_for "统计期间：2026-01-01 至 2026-12-03"
page_to "资助金额（元）"
[ "$(figure 项目申报数)" = 11 ] || fail "screen: 项目申报数 is not 11"
[ "$(figure 立项项目数)" = 8 ] || fail "screen: 立项项目数 is not 8"
[ "$(figure 资助金额（元）)" = 204900.00 ] || fail "screen: 资助金额 is not 204900.00"
[ "$(figure 已拨付金额（元）)" = 130000.00 ] || fail "screen: 已拨付金额 is not 130000.00"
page_to "承诺配套资金（元）"
[ "$(figure 承诺配套资金（元）)" = 51500.00 ] || fail "screen: 承诺配套资金 is not 51500.00"
page_to "配套资助比（承诺"
[ "$(figure 配套资助比（承诺，配套：资助）)" = 0.25:1 ] || fail "screen: the leverage ratio is not 0.25:1"
page_to "【创投项目（按创投活动，金额：元）】"
# The table of rounds is whole at 80 columns: the ratio is its last column.
page_to "2026年幸福里社区“幸福微创投”"
screen | grep -qE '^2026年青溪市第三届社区公益创投大赛 +7 +5 +193000\.00 +130000\.00 +0\.25:1' ||
	fail "screen: the city round's row is not whole"
screen | grep -qE '^2026年幸福里社区“幸福微创投” +4 +3 +11900\.00 +0\.00 +0\.21:1' ||
	fail "screen: the 微创投 round's row is not whole"
page_to "【创投项目（按服务社区，金额：元）】"
page_to "柳塘村 "
screen | grep -qE '^光明社区 +2 +2 +58000\.00 +29000\.00 +11000\.00 +0\.19:1' ||
	fail "screen: 光明社区's row (a project of two communities) is not whole"
screen | grep -qE '^合计 +11 +8 +204900\.00 +130000\.00 +51500\.00 +0\.25:1' ||
	fail "screen: the total counts each project once"
# Nothing is cut at 80 columns: no line of the tables ends inside a figure.
screen | grep -E '配套比' | grep -qE '配套比 *$' || fail "screen: the heads are cut"

# One community: 东湖村's one project.
keys Home c
wait_for "统计哪个社区(村)"
keys Down Down Down Down Down Down
keys Enter
wait_for "社区(村)：东湖村"
page_to "资助金额（元）"
[ "$(figure 项目申报数)" = 1 ] || fail "screen: 东湖村 has 1 application"
[ "$(figure 资助金额（元）)" = 40000.00 ] || fail "screen: 东湖村's grant is 40000.00"
keys Home c
wait_for "统计哪个社区(村)"
keys Home Enter
wait_for "全部社区(村)"

# A period by keys: a day that does not exist is refused and stays typed;
# then the year before the rounds holds none of them.
keys p
wait_for "报表：统计起始日期"
keys C-u
type_text "2025-02-30"
keys Enter
wait_for "没有 2025-02-30 这一天"
expect "报表：统计起始日期"
keys BSpace BSpace
type_text "01"
keys Enter
wait_for "报表：统计截止日期"
keys C-u
type_text "2025-12-31"
keys Enter
wait_for "统计期间：2025-02-01 至 2025-12-31"
page_to "资助金额（元）"
[ "$(figure 项目申报数)" = 0 ] || fail "screen: no application in 2025"
page_to "配套资助比（承诺"
[ "$(figure 配套资助比（承诺，配套：资助）)" = — ] || fail "screen: no ratio without a grant"
keys y
wait_for "统计期间：2026-01-01 至 2026-12-03"

# One round's report on the screen (r): the 微创投's figures, its own
# heading and period; the round then goes back to the summary report.
keys r
wait_for "看哪个创投活动的报告"
keys Down Enter
wait_for "2026年幸福里社区“幸福微创投” 项目报告"
page_to "资助金额（元）"
[ "$(figure 项目申报数)" = 4 ] || fail "screen: the 微创投 has 4 applications"
[ "$(figure 资助金额（元）)" = 11900.00 ] || fail "screen: the 微创投's grant is 11900.00"
keys r
wait_for "看哪个创投活动的报告"
keys Home Enter
wait_for "汇总报表"
expect "统计期间：2026-01-01 至 2026-12-03"

# Save it as XLSX from the screen: the figures are numbers there.
keys x
wait_for "报表保存为"
keys Enter
wait_for "报表保存到"
keys C-u
type_text "$T/创投报表.xlsx"
keys Enter
wait_for "报表已保存到"
python3 "$TOP_SRCDIR/tests/tools/xlsx_dump.py" "$T/创投报表.xlsx" > "$T/xlsx.txt" ||
	fail "the XLSX does not read back"
grep -qP '^创投项目\t资助金额（元）\t204900(\.0)?$' "$T/xlsx.txt" ||
	fail "xlsx: 资助金额 174900 as a number: $(grep 资助金额 "$T/xlsx.txt" | head -2)"
grep -qP '^创投项目（按项目领域，金额：元）\t助残扶困\t1\t1\t50000(\.0)?\t25000(\.0)?\t20000(\.0)?\t0\.40:1$' "$T/xlsx.txt" ||
	fail "xlsx: 助残扶困's row: $(grep 助残扶困 "$T/xlsx.txt" | head -2)"
keys F10
[ "$(wait_exit)" = 0 ] || fail "miaopu did not exit cleanly"
check_stderr

# The command line's report of one round agrees.
"$MIAOPU" --demo report --round "2026年幸福里社区“幸福微创投”" > "$T/round.txt" 2>&1 ||
	fail "report --round: $(cat "$T/round.txt")"
grep -qF "2026年幸福里社区“幸福微创投” 项目报告" "$T/round.txt" ||
	fail "report --round: the heading names the round: $(head -1 "$T/round.txt")"
grep -qE '^资助金额（元） +11900\.00$' "$T/round.txt" || fail "report --round: 资助金额 11900.00"
grep -qE '^配套资助比（承诺，配套：资助） +0\.21:1$' "$T/round.txt" ||
	fail "report --round: the ratio 0.21:1"
echo "ok: the rounds' figures on the screen, in XLSX and by round"
