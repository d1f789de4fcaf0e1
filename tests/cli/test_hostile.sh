#!/bin/bash
# test_hostile.sh — files that fight back, through the real binary:
# output files that are FIFOs, devices, links or kept files (issue 13,
# item 5); CSV files broken on purpose (7); cells a spreadsheet would run,
# and ID numbers it would round (8); damaged ledgers and read-only folders
# (9); names without a Chinese character (10, the qsort under the
# sanitizers).  Run by `make check` with MIAOPU set.  Exit 0 pass, 1 fail,
# 77 skip.

set -u

MIAOPU=${MIAOPU:-./miaopu}
[ -x "$MIAOPU" ] || { echo "no miaopu binary at $MIAOPU" >&2; exit 77; }

T=$(mktemp -d "${TMPDIR:-/tmp}/test_hostile.XXXXXX") || exit 1
trap 'chmod -R u+w "$T" 2>/dev/null; rm -rf "$T"' EXIT
export HOME="$T/home" XDG_DATA_HOME="$T/data" XDG_CONFIG_HOME="$T/config"
export TMPDIR="$T/tmp"
mkdir -p "$HOME" "$TMPDIR" "$T/w"
export LC_ALL=C.UTF-8
unset LANGUAGE LANG MIAOPU_TODAY

failed=0
ntests=0
fail() {
	echo "FAIL: $*" >&2
	echo "  exit status: $rc" >&2
	echo "  stdout: $(head -c 600 "$T/out")" >&2
	echo "  stderr: $(head -c 600 "$T/err")" >&2
	failed=$((failed + 1))
}
check() {
	local what=$1
	shift
	ntests=$((ntests + 1))
	if "$@"; then echo "ok: $what"; else fail "$what"; fi
}
run() {
	"$MIAOPU" "$@" >"$T/out" 2>"$T/err"
	rc=$?
}
out_has() { grep -qF -- "$1" "$T/out"; }
err_has() { grep -qF -- "$1" "$T/err"; }
# No sanitizer report, whatever the exit status.
clean_err() { ! grep -qE 'runtime error|Sanitizer' "$T/err"; }
mode_of() { stat -c %a "$1"; }
# Only the files named are in folder $1 (no temporary left behind).
only_files() {
	local dir=$1
	shift
	[ "$(ls -A "$dir" | sort | tr '\n' ' ')" = "$(printf '%s\n' "$@" | sort | tr '\n' ' ')" ]
}

DB="$T/w/台账.db"
: >"$DB"
printf '组织名称,类别\n东湖书画社,文体活动类\n' >"$T/g.csv"
run --db "$DB" import groups "$T/g.csv"
check "a group to export" [ $rc -eq 0 ]

# ---- 10: names with no Chinese character (qsort(NULL, 0) before) ----
printf '姓名,性别\nAbcd,男\n' >"$T/ascii.csv"
run --db "$DB" import volunteers "$T/ascii.csv"
check "volunteers named in ASCII only are imported, no sanitizer report" \
	eval '[ $rc -eq 0 ] && out_has "added 1" && clean_err'
run --db "$DB" export volunteers
check "and exported" eval '[ $rc -eq 0 ] && out_has "\"Abcd\"" && clean_err'

# ---- 5: output files ----
O="$T/o"
mkdir -p "$O"
# A FIFO stays a FIFO and gets the export.
mkfifo "$O/fifo"
timeout 20 cat "$O/fifo" >"$T/fifo.got" &
reader=$!
run --db "$DB" export groups -o "$O/fifo"
wait $reader
check "export -o FIFO: written through, the FIFO kept" \
	eval '[ $rc -eq 0 ] && [ -p "$O/fifo" ] && grep -q "东湖书画社" "$T/fifo.got"'
mkfifo "$O/rfifo"
timeout 20 cat "$O/rfifo" >"$T/rfifo.got" &
reader=$!
run --db "$DB" report --format csv -o "$O/rfifo"
wait $reader
check "report -o FIFO: written through, the FIFO kept" \
	eval '[ $rc -eq 0 ] && [ -p "$O/rfifo" ] && [ -s "$T/rfifo.got" ]'
# A device node made here (never the system's own /dev/null).
if [ "$(id -u)" = 0 ] && mknod "$O/null" c 1 3 2>/dev/null; then
	run --db "$DB" export groups -o "$O/null"
	check "export -o a device: still the device" \
		eval '[ $rc -eq 0 ] && [ -c "$O/null" ]'
	run --db "$DB" export all --format xlsx -o "$O/null"
	check "export xlsx -o a device: still the device" \
		eval '[ $rc -eq 0 ] && [ -c "$O/null" ] || grep -q libxlsxwriter "$T/err"'
	rm -f "$O/null"
fi
# A symbolic link: its target is written, the link stays.
echo old >"$O/target.csv"
ln -s target.csv "$O/link.csv"
run --db "$DB" export groups -o "$O/link.csv"
check "export -o a symlink: the link kept, its target written" \
	eval '[ $rc -eq 0 ] && [ -L "$O/link.csv" ] && grep -q "东湖书画社" "$O/target.csv"'
# An existing file keeps its mode, even under umask 000.
echo old >"$O/kept.csv"
chmod 600 "$O/kept.csv"
( umask 000; "$MIAOPU" --db "$DB" export groups -o "$O/kept.csv" >"$T/out" 2>"$T/err" ); rc=$?
check "export over a 0600 file under umask 000: still 0600" \
	eval '[ $rc -eq 0 ] && [ "$(mode_of "$O/kept.csv")" = 600 ] && grep -q "东湖书画社" "$O/kept.csv"'
echo old >"$O/shared.csv"
chmod 640 "$O/shared.csv"
run --db "$DB" export groups -o "$O/shared.csv"
check "export over a 0640 file: still 0640" \
	eval '[ $rc -eq 0 ] && [ "$(mode_of "$O/shared.csv")" = 640 ]'
# New files hold people's details: 0600, whatever the umask.
(
	umask 000
	"$MIAOPU" --db "$DB" export volunteers -o "$O/new.csv"
	"$MIAOPU" --db "$DB" export volunteers --full -o "$O/full.csv"
	"$MIAOPU" --db "$DB" report -o "$O/report.txt"
	"$MIAOPU" --db "$DB" report --format csv -o "$O/report.csv"
) >"$T/out" 2>"$T/err"; rc=$?
all_0600() {
	local f
	for f in "$@"; do
		[ "$(mode_of "$O/$f")" = 600 ] || return 1
	done
}
check "new export, --full export and reports are 0600 under umask 000" \
	eval '[ $rc -eq 0 ] && all_0600 new.csv full.csv report.txt report.csv'
check "no temporary is left beside them" \
	only_files "$O" fifo rfifo target.csv link.csv kept.csv shared.csv \
		new.csv full.csv report.txt report.csv
# backup -o: a link's target is written (the link stays), a FIFO is
# refused and kept (a copy is a database file, written by seeking), a file
# that is there keeps its mode, a new one is 0600.
B="$T/bk"
mkdir -p "$B"
echo old >"$B/usb.db"
ln -s usb.db "$B/link.db"
run --db "$DB" backup -o "$B/link.db"
check "backup -o a symlink: the link kept, its target now a copy of the ledger" \
	eval '[ $rc -eq 0 ] && [ -L "$B/link.db" ] && [ "$(sqlite3 "$B/usb.db" "SELECT count(*) FROM groups" 2>/dev/null)" -ge 1 ]'
mkfifo "$B/pipe"
run --db "$DB" backup -o "$B/pipe"
check "backup -o a FIFO: refused, saying it is not an ordinary file; the FIFO kept" \
	eval '[ $rc -ne 0 ] && [ -p "$B/pipe" ] && err_has "not an ordinary file"'
echo old >"$B/shared.db"
chmod 640 "$B/shared.db"
( umask 000; "$MIAOPU" --db "$DB" backup -o "$B/shared.db" >"$T/out" 2>"$T/err"
  "$MIAOPU" --db "$DB" backup -o "$B/new.db" >>"$T/out" 2>>"$T/err" ); rc=$?
check "backup over a 0640 file keeps 0640; a new backup is 0600 under umask 000" \
	eval '[ $rc -eq 0 ] && [ "$(mode_of "$B/shared.db")" = 640 ] && [ "$(mode_of "$B/new.db")" = 600 ]'
check "no temporary is left beside the backups" \
	only_files "$B" usb.db link.db pipe shared.db new.db
# A folder (a USB stick): the copy goes in it, named after the ledger and
# the day; a second one the same day does not replace the first.
mkdir -p "$B/U盘"
run --db "$DB" backup -o "$B/U盘/"
run --db "$DB" backup -o "$B/U盘"
check "backup -o a folder: copies in it named after the ledger and the day, none replaced" \
	eval '[ $rc -eq 0 ] && only_files "$B/U盘" "台账-$(date +%Y-%m-%d).db" "台账-$(date +%Y-%m-%d)-2.db"'
"$MIAOPU" --demo export hours >"$T/hours.csv" 2>/dev/null
"$MIAOPU" --demo export volunteers >"$T/volunteers.csv" 2>/dev/null
who=$(tail -c +4 "$T/hours.csv" | awk -F'","' 'NR > 1 && $8 == "是" { sub(/^"/, "", $1); print $1; exit }')
volno=$(tail -c +4 "$T/volunteers.csv" | awk -F'","' -v n="$who" '{ sub(/^"/, "", $1) } $1 == n { print $6; exit }')
if [ -n "$volno" ]; then
	( umask 000; "$MIAOPU" --demo certificate "$volno" -o "$O/cert.html" ) >"$T/out" 2>"$T/err"; rc=$?
	check "a new certificate is 0600" \
		eval '[ $rc -eq 0 ] && [ "$(mode_of "$O/cert.html")" = 600 ]'
fi

# ---- 8: cells a spreadsheet would run, ID numbers it would round ----
printf '姓名,性别,证件号码,备注\n=1+1,男,11010519491231002X,"@SUM(A1)"\n"+86 甲",女,,-2+3\n王五,男,110101199003071233,-5\n' >"$T/f.csv"
F="$T/w/f.db"
: >"$F"
run --db "$F" import volunteers "$T/f.csv"
check "names beginning = + and notes beginning @ - are imported as they are" \
	eval '[ $rc -eq 0 ] && out_has "added 3"'
run --db "$F" export volunteers --full -o "$T/f1.csv"
check "exported, such a cell begins with an apostrophe (text in Excel and WPS)" \
	eval 'grep -qF "\"'"'"'=1+1\"" "$T/f1.csv" && grep -qF "\"'"'"'@SUM(A1)\"" "$T/f1.csv" \
	      && grep -qF "\"'"'"'+86 甲\"" "$T/f1.csv" && grep -qF "\"'"'"'-2+3\"" "$T/f1.csv"'
check "a plain number like -5 is left a number" grep -qF '"-5"' "$T/f1.csv"
check "no cell of the export begins a formula (but the =\"…\" of ID numbers)" \
	eval '! tail -c +4 "$T/f1.csv" | grep -qE "(^|,)\"([+@]|=[^\"]|-[^0-9])"'
check "--full ID numbers are written as =\"…\" (18 digits kept by the spreadsheet)" \
	eval 'grep -qF "\"=\"\"11010519491231002X\"\"\"" "$T/f1.csv" && grep -qF "\"=\"\"110101199003071233\"\"\"" "$T/f1.csv"'
F2="$T/w/f2.db"
: >"$F2"
run --db "$F2" import volunteers "$T/f1.csv"
check "the export imports into a new ledger" eval '[ $rc -eq 0 ] && out_has "added 3"'
run --db "$F2" export volunteers --full -o "$T/f2.csv"
check "and exports again byte for byte the same (round trip unchanged)" \
	cmp -s "$T/f1.csv" "$T/f2.csv"
run --db "$F2" export volunteers
check "the values themselves came back: =1+1, not '=1+1" \
	eval 'grep -qF "\"'"'"'=1+1\"" "$T/out" && ! grep -qF "\"'"'"''"'"'=1+1\"" "$T/out"'

# ---- 7: CSV files broken on purpose ----
H="$T/w/h.db"
: >"$H"
groups_in() { "$MIAOPU" --db "$1" export groups 2>/dev/null | tail -n +2 | grep -c .; }
printf '组织名称,类别,登记状态,统一社会信用代码\n"东湖社区书画社,文体活动类,登记,52330102MJ50123419\n读书会,文体活动类,,\n' >"$T/unclosed.csv"
run --db "$H" import groups "$T/unclosed.csv"
check "an unclosed quote is refused, naming its line; nothing imported" \
	eval '[ $rc -eq 1 ] && err_has "line 2" && err_has "never closed" && [ "$(groups_in "$H")" = 0 ]'
printf '组织名称,类别\n读"书"会,文体活动类\n' >"$T/stray.csv"
run --db "$H" import groups "$T/stray.csv"
check "a stray quote in an unquoted value is refused, naming its line" \
	eval '[ $rc -eq 1 ] && err_has "line 2" && [ "$(groups_in "$H")" = 0 ]'
printf '姓名,性别\n张\r三,男\n李四,女\n' >"$T/cr.csv"
run --db "$H" import volunteers "$T/cr.csv"
check "a bare CR inside an unquoted value is refused, naming its line" \
	eval '[ $rc -eq 1 ] && err_has "line 2" && err_has "carriage return"'
printf '姓名,性别\n张\0三,男\n' >"$T/nul.csv"
run --db "$H" import volunteers "$T/nul.csv"
check "a NUL byte is refused, naming its line" \
	eval '[ $rc -eq 1 ] && err_has "line 2" && err_has "NUL"'
printf '姓名,性别\n张\033[2J三,男\n' >"$T/esc.csv"
run --db "$H" import volunteers "$T/esc.csv" --dry-run
check "ESC in a name is refused (line 2), and never written to the terminal" \
	eval '[ $rc -eq 1 ] && out_has "line 2" && out_has "U+001B" && ! grep -q $'"'"'\033'"'"' "$T/out" "$T/err"'
# Memory bounded: under a limit of address space (not with AddressSanitizer,
# which reserves terabytes of it).
LIMIT_V="ulimit -v 900000"
ldd "$MIAOPU" 2>/dev/null | grep -q libasan && LIMIT_V=:
( $LIMIT_V; timeout 60 "$MIAOPU" --db "$H" import groups /dev/zero >"$T/out" 2>"$T/err" ); rc=$?
check "/dev/zero is refused at once" \
	eval '[ $rc -eq 1 ] && err_has "NUL"'
( $LIMIT_V; yes '甲,乙' | timeout 60 "$MIAOPU" --db "$H" import groups - >"$T/out" 2>"$T/err" ); rc=$?
check "an endless stream is refused at the stated limit, memory bounded" \
	eval '[ $rc -eq 1 ] && err_has "512 MB"'
truncate -s 600M "$T/huge.csv"
run_t() { timeout 60 "$MIAOPU" "$@" >"$T/out" 2>"$T/err"; rc=$?; }
run_t --db "$H" import groups "$T/huge.csv"
check "a file over the stated limit is refused, naming the limit" \
	eval '[ $rc -eq 1 ] && err_has "512 MB"'
rm -f "$T/huge.csv"
check "nothing of all that reached the ledger" eval '[ "$(groups_in "$H")" = 0 ]'

# ---- 9: the right words ----
D="$T/d"
mkdir -p "$D"
cp "$DB" "$D/cut.db"
cp "$DB" "$D/over.db"
"$MIAOPU" --db "$D/cut.db" backup >/dev/null 2>&1
"$MIAOPU" --db "$D/over.db" backup >/dev/null 2>&1
head -c 5000 "$DB" >"$D/cut.db"
dd if=/dev/urandom of="$D/over.db" bs=100 count=2 conv=notrunc 2>/dev/null
for f in cut over; do
	for cmd in "import groups $T/g.csv" "export groups" "report" "check" "due"; do
		# shellcheck disable=SC2086
		run --db "$D/$f.db" $cmd
		check "$f ledger: ${cmd%% *} says damaged and names the latest good backup" \
			eval '[ $rc -eq 1 ] && grep -q damaged "$T/out" "$T/err" && grep -q "latest good backup is" "$T/out" "$T/err" && ! grep -q "not a miaopu ledger" "$T/err"'
	done
done
echo "just some text" >"$D/notes.db"
run --db "$D/notes.db" export groups
check "a file that never was a ledger is still 'not a miaopu ledger'" \
	eval '[ $rc -eq 1 ] && err_has "not a miaopu ledger"'

# A ledger in a folder that cannot be written (as another user when root).
RO="$T/ro"
mkdir -p "$RO"
cp "$DB" "$RO/ro.db"
chmod 644 "$RO/ro.db"
chmod 555 "$RO"
chmod 755 "$T"
AS=""
if [ "$(id -u)" = 0 ]; then
	command -v setpriv >/dev/null && AS="setpriv --reuid=65534 --regid=65534 --clear-groups" || AS=skip
fi
if [ "$AS" != skip ]; then
	for cmd in check "export groups" report due; do
		# shellcheck disable=SC2086
		$AS "$MIAOPU" --db "$RO/ro.db" $cmd >"$T/out" 2>"$T/err"; rc=$?
		check "read-only folder: $cmd works" eval '[ $rc -eq 0 ]'
	done
fi

echo "$((ntests - failed)) of $ntests checks passed"
[ $failed -eq 0 ]
