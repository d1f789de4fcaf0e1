#!/bin/bash
# test_po.sh — the Chinese translation is complete and is the one miaopu
# speaks.  Extracts a fresh template from the sources (as `make update-po`
# does) and fails, listing them, when a message of the program has no
# translation in po/zh_CN.po, or when the catalogue holds fuzzy or
# untranslated entries, broken formats, or ASCII punctuation inside Chinese
# sentences.  Then runs `miaopu --help` in Chinese and in English.
#
# Run by `make check` with TOP_SRCDIR, TOP_BUILDDIR, MIAOPU and
# MIAOPU_LOCALEDIR set.  Exit 0 pass, 1 fail, 77 skip.

set -u

TOP_SRCDIR=${TOP_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
MIAOPU=${MIAOPU:-./miaopu}
PO="$TOP_SRCDIR/po/zh_CN.po"

for tool in xgettext msgcmp msgfmt msgmerge msgattrib; do
	if ! command -v "$tool" >/dev/null; then
		echo "$tool not installed (package gettext): skipped"
		exit 77
	fi
done
if [ ! -r "$PO" ]; then
	echo "FAIL: no translation at $PO" >&2
	exit 1
fi

T=$(mktemp -d "${TMPDIR:-/tmp}/test_po.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
export HOME="$T/home" XDG_DATA_HOME="$T/data" XDG_CONFIG_HOME="$T/config"
mkdir -p "$HOME"
unset LANGUAGE

failed=0
ntests=0
ok() { ntests=$((ntests + 1)); echo "ok: $*"; }
fail() { ntests=$((ntests + 1)); failed=$((failed + 1)); echo "FAIL: $*" >&2; }

# ---- the catalogue covers every message of the sources ----

# Same options as the update-po target; relative paths, from the source dir.
if ! (cd "$TOP_SRCDIR" && xgettext --from-code=UTF-8 -k_ -kN_ \
	--add-comments=TRANSLATORS --package-name=miaopu -o "$T/miaopu.pot" \
	src/*/*.c ui/*.c) 2>"$T/xgettext.err"; then
	fail "xgettext could not extract the messages: $(cat "$T/xgettext.err")"
	exit 1
fi
nmsg=$(grep -c '^msgid ' "$T/miaopu.pot")
if [ "$nmsg" -lt 50 ]; then
	fail "only $nmsg messages extracted from $TOP_SRCDIR/src and ui"
fi

# msgcmp fails for a message that is missing from the .po, untranslated or
# fuzzy there.  Its own report gives source lines; list the messages too.
if msgcmp "$PO" "$T/miaopu.pot" >"$T/msgcmp.out" 2>&1; then
	ok "every one of $((nmsg - 1)) messages in the sources has a translation"
else
	fail "messages without a translation in po/zh_CN.po (run make update-po and translate them):"
	grep -v '^msgcmp: found' "$T/msgcmp.out" | head -40 >&2
	if msgmerge -q --no-fuzzy-matching -o "$T/merged.po" "$PO" "$T/miaopu.pot" 2>/dev/null; then
		for which in --untranslated --only-fuzzy; do
			msgattrib $which --no-obsolete --no-wrap "$T/merged.po" 2>/dev/null |
				grep '^msgid ' | grep -v '^msgid ""$' | sed 's/^/    /' >&2
		done
	fi
fi

# ---- the catalogue itself: no fuzzy, no untranslated, formats intact ----

if msgfmt --check --statistics -o "$T/miaopu.mo" "$PO" 2>"$T/stats"; then
	if grep -Eq 'fuzzy|untranslated' "$T/stats"; then
		fail "po/zh_CN.po is not finished: $(cat "$T/stats")"
		for which in --only-fuzzy --untranslated; do
			msgattrib $which --no-obsolete --no-wrap "$PO" 2>/dev/null |
				grep '^msgid ' | grep -v '^msgid ""$' | sed 's/^/    /' >&2
		done
	else
		ok "msgfmt --check: $(cat "$T/stats")"
	fi
else
	fail "msgfmt --check rejects po/zh_CN.po:"
	cat "$T/stats" >&2
fi

# Chinese sentences use Chinese punctuation: no ASCII , . : ; ? ! right next
# to a Chinese character.  (Parentheses are not checked: the data
# dictionary's labels write 所属乡镇(街道) with ASCII ones.)
msgattrib --translated --no-obsolete --no-wrap --no-location "$PO" 2>/dev/null |
	grep '^msgstr' >"$T/msgstr"
if LC_ALL=C.UTF-8 grep -P '[\x{4e00}-\x{9fff}][,.:;?!]|[,:;?!][\x{4e00}-\x{9fff}]' \
	"$T/msgstr" >"$T/punct"; then
	fail "ASCII punctuation inside Chinese text (use ，。：；？！):"
	cat "$T/punct" >&2
else
	ok "Chinese punctuation in Chinese sentences"
fi

# Translations that users (and the end-to-end tests) rely on, word for word.
have_zh=0
if LC_ALL=zh_CN.UTF-8 locale charmap 2>/dev/null | grep -q UTF-8 &&
	[ "$(LC_ALL=zh_CN.UTF-8 locale 2>&1 >/dev/null)" = "" ]; then
	have_zh=1
fi
if [ "$have_zh" = 1 ] && command -v gettext >/dev/null && [ -s "$T/miaopu.mo" ]; then
	mkdir -p "$T/locale/zh_CN/LC_MESSAGES"
	cp "$T/miaopu.mo" "$T/locale/zh_CN/LC_MESSAGES/miaopu.mo"
	bad=0
	while IFS='|' read -r en zh; do
		got=$(LANGUAGE= LC_ALL=zh_CN.UTF-8 TEXTDOMAINDIR="$T/locale" \
			gettext -d miaopu -- "$en")
		if [ "$got" != "$zh" ]; then
			fail "“$en” should read “$zh”, not “$got”"
			bad=1
		fi
	done <<'EOF'
Groups|组织
group|组织
New %s|新增%s
Edit %s: %s|编辑%s：%s
Saved %s.|已保存%s。
No records yet. Press a to add one.|还没有记录。按 a 新增。
Window too small: need %dx%d|窗口太小：至少需要 %dx%d
%s: the check character is wrong, it should be %c|%s：校验位不对，应为 %c
Drop the changes to this record?|放弃对这条记录的修改吗？
There are unsaved changes. Quit anyway and lose them?|有未保存的修改。仍要退出并丢弃它们吗？
Moved %s to the recycle bin (b shows it).|已将%s移到回收站（按 b 查看）。
Restored %s.|已恢复%s。
by date added|按添加日期
by name|按名称
Help: %s  (Esc to close)|帮助：%s（Esc 关闭）
Add|新增
Search: |搜索：
Yes (y)|是 (y)
No (n)|否 (n)
(none)|（无）
(all)|（全部）
Overview|概览
Activities|活动
Volunteers|志愿者
Trainings|培训
Visits|督导
Reports|报表
EOF
	# Messages the end-to-end tests look for by a word, whatever the rest.
	got=$(LANGUAGE= LC_ALL=zh_CN.UTF-8 TEXTDOMAINDIR="$T/locale" \
		gettext -d miaopu -- "%s: %s does not exist")
	case $got in
	*不存在*) ;;
	*) fail "a date that does not exist must say 不存在: “$got”"; bad=1 ;;
	esac
	[ "$bad" = 0 ] && ok "pinned translations read as the users know them"
fi

# ---- miaopu --help speaks the language of the locale ----

if [ ! -x "$MIAOPU" ]; then
	fail "no miaopu binary at $MIAOPU"
elif [ "$have_zh" = 1 ]; then
	if LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 "$MIAOPU" --help >"$T/zh" 2>"$T/zh.err"; then
		if grep -q '用法' "$T/zh" && grep -q '台账' "$T/zh" && grep -q '选项' "$T/zh" &&
			! grep -q 'Usage:' "$T/zh"; then
			ok "miaopu --help in Chinese under zh_CN.UTF-8"
		else
			fail "miaopu --help is not in Chinese under zh_CN.UTF-8:"
			head -5 "$T/zh" >&2
		fi
		# Options keep their names.
		for opt in --db --config --demo --help --version export; do
			grep -q -- "$opt" "$T/zh" || fail "Chinese --help lacks “$opt”"
		done
	else
		fail "miaopu --help failed under zh_CN.UTF-8: $(cat "$T/zh.err")"
	fi
fi
if [ -x "$MIAOPU" ]; then
	if LANG=C.UTF-8 LC_ALL=C.UTF-8 "$MIAOPU" --help >"$T/en" 2>"$T/en.err"; then
		if grep -q '^Usage: miaopu' "$T/en" &&
			! LC_ALL=C.UTF-8 grep -qP '[\x{4e00}-\x{9fff}]' "$T/en"; then
			ok "miaopu --help in English under C.UTF-8"
		else
			fail "miaopu --help is not in English under C.UTF-8:"
			head -5 "$T/en" >&2
		fi
	else
		fail "miaopu --help failed under C.UTF-8: $(cat "$T/en.err")"
	fi
fi

echo "$((ntests - failed)) passed, $failed failed"
if [ "$failed" -gt 0 ]; then
	exit 1
fi
if [ "$have_zh" = 0 ]; then
	echo "the zh_CN.UTF-8 locale is not installed (package locales-all):" \
		"the catalogue was checked, Chinese output was not: skipped"
	exit 77
fi
exit 0
