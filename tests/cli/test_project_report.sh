#!/bin/bash
# test_project_report.sh — the funding rounds' figures on the command
# line: the summary report holds the demo's two rounds (公益创投, 微创投) by
# round, category and community; `report --round NAME` reports one round
# (as text and CSV, by name or number); a round that is not there, an
# empty name, --round with --from are refused in one line.  Run by
# `make check` with MIAOPU set.  Exit 0 pass, 1 fail, 77 skip.

set -u

MIAOPU=${MIAOPU:-./miaopu}
if [ ! -x "$MIAOPU" ]; then
	echo "no miaopu binary at $MIAOPU" >&2
	exit 77
fi

T=$(mktemp -d "${TMPDIR:-/tmp}/test_project_report.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
export HOME="$T/home" XDG_DATA_HOME="$T/data" XDG_CONFIG_HOME="$T/config"
export TMPDIR="$T/tmp"
mkdir -p "$HOME" "$TMPDIR"
export LC_ALL=C.UTF-8
unset LANGUAGE LANG
# The demo's rounds are dated from its today.
export MIAOPU_TODAY=2026-12-03

failed=0
rc=0

fail() {
	echo "FAIL: $*" >&2
	echo "  exit status: $rc" >&2
	echo "  stderr: $(head -c 600 "$T/err")" >&2
	failed=$((failed + 1))
}

check() {
	local what=$1
	shift
	if "$@"; then echo "ok: $what"; else fail "$what"; fi
}

run() {
	"$MIAOPU" "$@" >"$T/out" 2>"$T/err"
	rc=$?
}

one_line_error() {
	[ "$(wc -l <"$T/err")" -eq 1 ] && grep -q '^miaopu: ' "$T/err"
}

# A "figure  value" row of the text report.
row() {
	grep -qE "^$1 +$2\$" "$T/out"
}

CITY="2026年青溪市第三届社区公益创投大赛"
MICRO="2026年幸福里社区“幸福微创投”"

# ---- the summary report: both rounds, their sums ----
run --demo report --from 2026-01-01 --to 2026-12-31
check "the summary report exits 0" eval '[ $rc -eq 0 ]'
check "it lists the funded projects by round" \
	eval 'grep -q "Funded projects by round" "$T/out" && grep -q "^$CITY " "$T/out" && grep -q "^$MICRO " "$T/out"'
# City: 45,000 + 50,000 + 28,000 + 40,000 + 30,000 (stopped) granted;
# 微创投: 4,800 + 4,500 + 2,600.
check "the amount granted is the sum of both rounds' grants" \
	row "Amount granted \\(yuan\\)" "204900.00"
# Matched funds: the agreements' 10,000 + 20,000 + 5,000 + 8,000 + 6,000,
# and the 微创投's budgets (no agreement yet) 1,000 + 1,500.
check "the matched funds promised are those of the approved projects" \
	row "Matched funds promised \\(yuan\\)" "51500.00"
check "the leverage ratio is matched : granted, rounded" \
	row "Leverage ratio, promised \\(matched : granted\\)" "0.25:1"
# Paid: 22,500 + 13,500; 25,000; 14,000; 20,000 + 12,000 + 8,000; 15,000.
check "paid is every payment to the period's end" row "Amount paid \\(yuan\\)" "130000.00"
check "reclaimed from the stopped project" row "Amount reclaimed \\(yuan\\)" "9000.00"
# Outstanding: 9,000 + 25,000 + 14,000 of the city, the 微创投's 11,900;
# nothing of the stopped one.
check "outstanding leaves out the stopped project" \
	row "Amount outstanding \\(yuan\\)" "59900.00"
check "the outcome: the projects' activities, the people they served, groups and teams incubated, matched funds raised" \
	eval 'row "Matched funds raised \\(yuan\\)" "9000.00" && row "Project service sessions" 3 && row "People served by projects \\(person-times\\)" 165 && row "Groups incubated by projects" 1 && row "Volunteer teams formed by projects" 1'
check "evaluations passed and failed, from their scores (a failed mid-term, then one passed)" \
	eval 'row "Mid-term evaluations passed" 2 && row "Closing evaluations passed" 1 && row "Mid-term evaluations failed" 1 && row "Closing evaluations failed" 0'
check "a draft is not an application; the ineligible and refused are" \
	eval 'row "Project applications" 11 && row "Projects approved" 8 && row "Projects stopped" 1'
# 垃圾分类·绿色家园 serves two communities: in both rows, once in the total.
check "a project of two communities counts in both, once in the total" \
	eval 'grep -qE "^桂花园社区 +1 +1 +28000.00 +14000.00 +5000.00 +0.18:1$" "$T/out" && grep -qE "^光明社区 +2 +2 +58000.00 +29000.00 +11000.00 +0.19:1$" "$T/out" && grep -A12 "Funded projects by community" "$T/out" | grep -qE "^Total +11 +8 +204900.00 +130000.00 +51500.00 +0.25:1$"'
check "the categories of the settings are all there, with none" \
	eval 'grep -A10 "Funded projects by category" "$T/out" | grep -qE "^其他 +0 +0 +0.00 +0.00 +0.00 +—$"'

# From June: the 微创投 round only (the city round's applications opened in
# February), but every round's money paid and reclaimed in those months:
# the city's tranche 2 of 银龄守护 (13,500) and 四点半课堂's tranches 2 and 3
# (12,000 + 8,000); 9,000 back from the stopped 长者助餐.
run --demo report --from 2026-06-01 --to 2026-12-31
check "a period's rounds are those whose applications opened in it" \
	eval '[ $rc -eq 0 ] && row "Project applications" 4 && row "Amount paid \\(yuan\\)" "0.00"'
check "the money paid and reclaimed in the period, every round's" \
	eval 'row "Paid in the period, every round \\(yuan\\)" "33500.00" && row "Reclaimed in the period, every round \\(yuan\\)" "9000.00"'

# A period before the rounds: none of it.
run --demo report --from 2025-01-01 --to 2025-12-31
check "a year before the rounds holds none of them" \
	eval '[ $rc -eq 0 ] && row "Project applications" 0 && row "Amount granted \\(yuan\\)" "0.00" && row "Leverage ratio, promised \\(matched : granted\\)" "—"'

# ---- one round ----
run --demo report --round "$MICRO"
check "report --round exits 0 and names the round" \
	eval '[ $rc -eq 0 ] && row Round "$MICRO"'
check "the round's own sums" \
	eval 'row "Project applications" 4 && row "Projects approved" 3 && row "Amount granted \\(yuan\\)" "11900.00" && row "Matched funds promised \\(yuan\\)" "2500.00" && row "Leverage ratio, promised \\(matched : granted\\)" "0.21:1"'
check "the round's report has no table of rounds" \
	eval '! grep -q "Funded projects by round" "$T/out" && ! grep -q "$CITY" "$T/out"'
check "the round's report is not the summary report of groups" \
	eval '! grep -q "Groups in all" "$T/out"'
run --demo report --round "$CITY" --format csv -o "$T/city.csv"
check "report --round as CSV to a file" \
	eval '[ $rc -eq 0 ] && grep -q "written to" "$T/out" && grep -q "\"Amount granted (yuan)\",\"193000.00\"" "$T/city.csv" && grep -q "\"Amount paid (yuan)\",\"130000.00\"" "$T/city.csv"'
run --demo report --round 1 --to 2026-12-03
check "a round by its number" eval '[ $rc -eq 0 ] && row Round "$CITY"'
run --demo report --round "$CITY" --community 东湖村
check "a round for one community" \
	eval '[ $rc -eq 0 ] && row "Project applications" 1 && row "Amount granted \\(yuan\\)" "40000.00"'

# ---- bad input ----
run --demo report --round "2027年没有的创投"
check "a round that is not there: exit 1, one line naming it" \
	eval '[ $rc -eq 1 ] && one_line_error && grep -q "no round named “2027年没有的创投”" "$T/err"'
run --demo report --round ""
check "an empty round name: exit 2" \
	eval '[ $rc -eq 2 ] && one_line_error && grep -q -- "--round" "$T/err"'
run --demo report --round
check "--round without a name: exit 2" \
	eval '[ $rc -eq 2 ] && one_line_error && grep -q "name of a round" "$T/err"'
run --demo report --round "$MICRO" --from 2026-01-01
check "--round with --from: exit 2, saying to leave out --from" \
	eval '[ $rc -eq 2 ] && one_line_error && grep -q "leave out --from" "$T/err"'
run --demo report --round "$MICRO" --to 2026-13-01
check "--round with a bad --to: exit 2" eval '[ $rc -eq 2 ] && one_line_error'

# ---- in Chinese ----
LC_ALL=zh_CN.UTF-8 run --demo report --round "$MICRO"
check "in Chinese: the ratio's name and the round" \
	eval '[ $rc -eq 0 ] && grep -qE "^配套资助比（承诺，配套：资助） +0.21:1$" "$T/out" && grep -qE "^创投活动 +$MICRO$" "$T/out"'

[ "$failed" -eq 0 ] || { echo "$failed failed" >&2; exit 1; }
exit 0
