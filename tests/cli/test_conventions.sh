#!/bin/bash
# test_conventions.sh — what a Unix user expects beside the program: bash
# completes its options, commands, tables (as the program lists them) and
# each command's options and values; both manuals (English and Chinese)
# name every command and table the program has and no longer call a
# built section "not built yet".  Run by make check (MIAOPU, TOP_SRCDIR
# set).  Exit 0 pass, 1 fail, 77 skip.

set -u

MIAOPU=${MIAOPU:-./miaopu}
TOP=${TOP_SRCDIR:-.}
[ -x "$MIAOPU" ] || { echo "no miaopu binary at $MIAOPU" >&2; exit 77; }
COMPLETION="$TOP/share/bash-completion/miaopu"
MAN_EN="$TOP/share/miaopu.1"
MAN_ZH="$TOP/share/zh_CN/miaopu.1"
status=0
fail() { echo "FAIL: $*"; status=1; }
ok() { echo "ok: $*"; }

# complete WORD...: what bash offers for the last word (may be empty),
# the program being $MIAOPU, one offer a line.
complete_words() {
	bash -c '
		. "$1"; shift
		COMP_WORDS=("$@")
		COMP_CWORD=$(($# - 1))
		COMP_LINE="$*"
		COMP_POINT=${#COMP_LINE}
		_miaopu
		printf "%s\n" "${COMPREPLY[@]}"
	' bash "$COMPLETION" "$MIAOPU" "$@"
}

# offers WORDS... :: WANT...: each WANT is offered.
offers() {
	local words=() w got
	while [ "$1" != :: ]; do words+=("$1"); shift; done
	shift
	got=$(complete_words "${words[@]}")
	for w in "$@"; do
		grep -qx -- "$w" <<<"$got" ||
			{ fail "“miaopu ${words[*]}” does not offer $w (got: $(tr '\n' ' ' <<<"$got"))"; return; }
	done
	ok "“miaopu ${words[*]}” offers $*"
}

[ -r "$COMPLETION" ] || { fail "no $COMPLETION"; exit 1; }
bash -n "$COMPLETION" || fail "the completion is not valid bash"

TABLES=$(LC_ALL=C "$MIAOPU" --help | sed -n '/^Tables/,/^$/s/^  \([a-z_]*\) .*/\1/p')
[ -n "$TABLES" ] || fail "no tables in miaopu --help"
COMMANDS="export import certificate notice due report backup restore check"

offers "" :: $COMMANDS
offers "im" :: import
offers "--" :: --db --config --demo --help --version
offers import "" :: $TABLES
offers export "" :: $TABLES all
offers export hours --format "" :: csv xlsx
offers report --format "" :: text csv xlsx
offers report "-" :: --from --to --community --round --format -o
offers export groups "-" :: --format --full -o
offers import groups "--" :: --dry-run
offers --db /tmp/x.db export "" :: $TABLES all
# A file after the table: the folder's names.
T=$(mktemp -d "${TMPDIR:-/tmp}/test_conventions.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
: >"$T/东湖社区组织.csv"
offers import groups "$T/东湖" :: "$T/东湖社区组织.csv"
# The program's every command is one the completion knows.
for c in $(LC_ALL=C "$MIAOPU" --help | sed -n '/^Commands/,/^$/s/^  \([a-z]*\) .*/\1/p'); do
	grep -qw -- "$c" <<<"$COMMANDS" || fail "miaopu has a command $c the completion does not offer"
done

# The manuals: current, in both languages.
for man in "$MAN_EN" "$MAN_ZH"; do
	[ -r "$man" ] || { fail "no $man"; continue; }
	grep -qi "not built yet\|尚未\|还没有做" "$man" && fail "$man still calls something not built yet"
	for c in $COMMANDS $TABLES; do
		grep -qE "(\\\\fB|^\.B[R]? )$c( |\\\\fR|$)" "$man" || fail "$man does not name $c"
	done
	if command -v groff >/dev/null; then
		warn=$(LC_ALL=C.UTF-8 groff -K utf8 -man -Tutf8 -ww -z "$man" 2>&1)
		[ -z "$warn" ] || fail "groff warns on $man: $(head -3 <<<"$warn")"
	fi
done
ok "both manuals name every command and table"
exit $status
