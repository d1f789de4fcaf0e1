#!/bin/bash
# The summary report: groups imported from a CSV with Chinese headers on
# the command line, then section 7 shows their counts (the same as
# `miaopu report` prints), for all communities and for one; the report is
# saved from the screen as XLSX and read back with Python's zipfile to
# find the same figures; `miaopu report --format xlsx` agrees.
if [ "${MIAOPU_HAVE_XLSX:-yes}" = no ]; then
	echo "skip: built without libxlsxwriter (configure warned), and this test saves XLSX"
	exit 77
fi
. "$(dirname "$0")/lib.sh"

export MIAOPU_TODAY=2026-11-20
T=$E2E_ROOT
printf '\xEF\xBB\xBF' > "$T/groups.csv"
cat >> "$T/groups.csv" <<'CSV'
组织名称,类别,登记状态,统一社会信用代码,备案编号,所属社区(村),组织类型,状态,成立日期
幸福街道社区社会组织联合会,社区事务类,登记,51330283MJL437596M,,幸福里社区,枢纽型,活跃,2016-05-18
幸福里夕阳红志愿服务队,公益慈善类,备案,,幸福备〔2026〕001号,幸福里社区,普通,活跃,2026-03-01
向阳社区书画社,文体活动类,未登记,,,向阳社区,普通,活跃,2020-06-01
向阳社区社会组织服务中心,社区事务类,备案,,幸福备〔2019〕004号,向阳社区,枢纽型,休眠,2019-04-22
CSV

"$MIAOPU" import groups "$T/groups.csv" > "$T/import.out" 2>&1 ||
	fail "import failed: $(cat "$T/import.out")"
grep -q "新增 4 条" "$T/import.out" || fail "import did not add 4: $(cat "$T/import.out")"
"$MIAOPU" report > "$T/report.txt" 2>&1 || fail "miaopu report failed"

# figure FILE LABEL: the value after LABEL on its line of a text report.
figure() { awk -v l="$2" '$1 == l { print $2; exit }' "$1"; }
[ "$(figure "$T/report.txt" 组织总数)" = 4 ] || fail "report: 组织总数 is not 4"
[ "$(figure "$T/report.txt" 本期新增组织)" = 1 ] || fail "report: 本期新增组织 is not 1"
[ "$(figure "$T/report.txt" 枢纽型组织覆盖率)" = "50.0%" ] || fail "report: coverage is not 50.0%"

start -x 100 -y 40
keys 7
wait_for "汇总报表"
wait_for "统计期间：2026-01-01 至 2026-11-20"
# Each figure of the summary table shows on the screen as the command
# printed it (label, then the number at the end of the line).
screen > "$T/screen.txt"
for label in 组织总数 本期新增组织 '社区(村)总数' '有活跃枢纽型组织的社区(村)' 枢纽型组织覆盖率 活动场次; do
	want=$(figure "$T/report.txt" "$label")
	[ -n "$want" ] || fail "no $label in the command's report"
	[ "$(figure "$T/screen.txt" "$label")" = "$want" ] || fail "screen: $label is not $want"
done
# The legal statuses, with bars at this width (备案 the longest).
grep -qE '^登记 +1 +25\.0%  #+$' "$T/screen.txt" || fail "screen: 登记 1 25.0%"
grep -qE '^备案 +2 +50\.0%  #{40}$' "$T/screen.txt" || fail "screen: 备案 2 50.0%"
# A page down brings the later tables; the heading stays.
keys PgDn
wait_for "【组织类型分布】"
expect "统计期间：2026-01-01 至 2026-11-20"

# One community: 向阳社区 has two groups, its hub group is dormant.
keys Home c
wait_for "统计哪个社区(村)"
wait_for "向阳社区"
keys Down Enter
wait_for "社区(村)：向阳社区"
screen | grep -qE '^组织总数 +2$' || fail "screen: 向阳社区 has 2 groups"
screen | grep -qE '^枢纽型组织覆盖率 +0\.0%$' || fail "screen: 向阳社区 coverage 0.0%"
keys c
wait_for "统计哪个社区(村)"
keys Home Enter
wait_for "全部社区(村)"

# Save it as XLSX from the screen.
keys x
wait_for "报表保存为"
keys Enter
wait_for "报表保存到"
keys C-u
type_text "$T/报表.xlsx"
keys Enter
wait_for "报表已保存到"
[ -s "$T/报表.xlsx" ] || fail "no XLSX written"
[ ! -e "$T/报表.xlsx.tmp" ] || fail "a .tmp file was left behind"
python3 "$TOP_SRCDIR/tests/tools/xlsx_dump.py" "$T/报表.xlsx" > "$T/xlsx.txt" ||
	fail "the XLSX does not read back"
grep -qP '^汇总\t组织总数\t4$' "$T/xlsx.txt" || fail "xlsx: 组织总数 4"
grep -qP '^汇总\t本期新增组织\t1$' "$T/xlsx.txt" || fail "xlsx: 本期新增组织 1"
grep -qP '^组织登记状态分布\t备案\t2\t0\.5$' "$T/xlsx.txt" || fail "xlsx: 备案 2 50%"
grep -qP '^组织社区\(村\)分布\t向阳社区\t2\t' "$T/xlsx.txt" || fail "xlsx: 向阳社区 2"
grep -qP '^按月统计\t2026-11\t0\t' "$T/xlsx.txt" || fail "xlsx: month rows"
# A period by keys: a day that does not exist is refused and stays typed
# for mending; then November only.
keys p
wait_for "报表：统计起始日期"
keys C-u
type_text "2026-02-30"
keys Enter
wait_for "没有 2026-02-30 这一天"
expect "报表：统计起始日期"
keys BSpace BSpace BSpace BSpace BSpace
type_text "11-01"
keys Enter
wait_for "报表：统计截止日期"
keys Enter
wait_for "统计期间：2026-11-01 至 2026-11-20"
screen | grep -qE '^本期新增组织 +0$' || fail "screen: no group founded in November"
keys F10
[ "$(wait_exit)" = 0 ] || fail "miaopu did not exit cleanly"
check_stderr

# The command line writes the same workbook.
"$MIAOPU" report --format xlsx -o "$T/cli.xlsx" > /dev/null 2>&1 || fail "report --format xlsx"
python3 "$TOP_SRCDIR/tests/tools/xlsx_dump.py" "$T/cli.xlsx" > "$T/cli.txt"
cmp -s "$T/xlsx.txt" "$T/cli.txt" || fail "screen and command XLSX differ: $(diff "$T/xlsx.txt" "$T/cli.txt" | head -5)"
# And a CSV whose summary rows agree.
"$MIAOPU" report --format csv -o "$T/r.csv" > /dev/null 2>&1 || fail "report --format csv"
grep -q '"组织总数","4"' "$T/r.csv" || fail "csv: 组织总数 4"
echo "ok: report screen, command, XLSX and CSV agree"
