#!/bin/bash
# test_notice_print.sh — the public notice (公示) of a round prints on one A4
# sheet with its Chinese text, projects and amounts intact.  Prints the page
# that tests/unit/test_notice left in $TOP_BUILDDIR/tests/tmp/ (twelve
# projects with long names), or the file named by $NOTICE_HTML (the
# end-to-end test's), in headless Chromium to PDF and reads the PDF back
# with poppler's pdfinfo and pdftotext.
#
# Needs chromium, poppler-utils and fonts-noto-cjk (packages.txt).  Exit 0
# pass, 1 fail, 77 skip (no page yet, or no browser or poppler).

set -u

top=${TOP_BUILDDIR:-.}
html=${NOTICE_HTML:-$top/tests/tmp/notice.html}

if [ ! -s "$html" ]; then
	echo "skip: no $html (tests/unit/test_notice writes it)"
	exit 77
fi
browser=
for b in chromium chromium-browser; do
	if command -v "$b" >/dev/null 2>&1; then
		browser=$b
		break
	fi
done
if [ -z "$browser" ]; then
	echo "skip: no chromium (install the chromium package)"
	exit 77
fi
if ! command -v pdfinfo >/dev/null 2>&1 || ! command -v pdftotext >/dev/null 2>&1; then
	echo "skip: no pdfinfo/pdftotext (install poppler-utils)"
	exit 77
fi

T=$(mktemp -d "${TMPDIR:-/tmp}/test_notice_print.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
# Chromium keeps its profile, caches and crash reports away from the user's.
export HOME="$T/home" XDG_CONFIG_HOME="$T/config" XDG_CACHE_HOME="$T/cache"
mkdir -p "$HOME"
pdf=$T/notice.pdf

failed=0
ntests=0

check() {
	local what=$1
	shift
	ntests=$((ntests + 1))
	if "$@"; then
		echo "ok: $what"
	else
		echo "FAIL: $what" >&2
		failed=$((failed + 1))
	fi
}

url="file://$(cd "$(dirname "$html")" && pwd)/$(basename "$html")"
# What the page says it holds, read from the page itself: its title, the
# first and last project and the total granted.
title=$(sed -n 's/.*<h1>\([^<]*\)<\/h1>.*/\1/p' "$html" | head -n 1)
first=$(grep -o '<tr><td class="n">1</td><td>[^<]*' "$html" | head -n 1 | sed 's/.*<td>//')
last=$(grep -o '<tr><td class="n">[0-9]*</td><td>[^<]*' "$html" | tail -n 1 | sed 's/.*<td>//')
total=$(grep -o '<th colspan="6">合计</th><th class="n">[^<]*</th><th class="n">[^<]*' "$html" |
	sed 's/.*<th class="n">//')
check "the page names a title ($title), projects ($first … $last) and a total ($total)" \
	eval '[ -n "$title" ] && [ -n "$first" ] && [ -n "$last" ] && [ -n "$total" ]'

browse() {
	timeout 120 "$browser" --headless --no-sandbox --disable-gpu \
		--no-first-run --disable-background-networking \
		--disable-component-update --disable-sync \
		--user-data-dir="$(mktemp -d "$T/profile.XXXXXX")" "$@" \
		>"$T/browser.log" 2>&1
}

browse --no-pdf-header-footer --print-to-pdf="$pdf" "$url"
check "chromium printed the page to PDF" [ -s "$pdf" ]
if [ ! -s "$pdf" ]; then
	tail -n 20 "$T/browser.log" >&2
	echo "$((ntests - failed)) of $ntests checks passed"
	exit 1
fi

pdfinfo "$pdf" >"$T/info" 2>&1
pages=$(sed -n 's/^Pages: *//p' "$T/info")
size=$(sed -n 's/^Page size: *//p' "$T/info")
check "one page (Pages: $pages)" [ "$pages" = 1 ]
# A4 is 595.28 x 841.89 points; Chromium writes 594.96 x 841.92.
check "the page is A4 ($size)" \
	eval 'echo "$size" | awk "{ exit !(\$2 == \"x\" && \$1 > 594 && \$1 < 596.5 && \$3 > 841 && \$3 < 843) }"'

pdftotext -enc UTF-8 "$pdf" "$T/text.txt" 2>/dev/null
# Line breaks fall where the layout puts them: compare without them.
tr -d '\n' <"$T/text.txt" >"$T/flat.txt"
plain() { sed 's/&amp;/\&/g; s/&lt;/</g; s/&gt;/>/g; s/&quot;/"/g; s/&#39;/'"'"'/g'; }
check "the PDF text has the title" grep -qF "$(plain <<<"$title")" "$T/flat.txt"
check "the PDF text says 公示期" grep -q '公示期为' "$T/flat.txt"
check "the PDF text has the total granted ($total)" grep -qF "$total" "$T/flat.txt"
# A long name may wrap inside its cell: look for its first six characters.
check "the PDF text has the first project" \
	grep -qF "$(plain <<<"$first" | cut -c1-18)" "$T/text.txt"
check "the PDF text has the last project" \
	grep -qF "$(plain <<<"$last" | cut -c1-18)" "$T/text.txt"
if ! fc-list 2>/dev/null | grep -q 'Noto Serif CJK SC\|Noto Sans CJK SC'; then
	echo "note: no Noto CJK font (fonts-noto-cjk); another font printed the page"
fi

echo "$((ntests - failed)) of $ntests checks passed"
[ $failed -eq 0 ] || exit 1
exit 0
