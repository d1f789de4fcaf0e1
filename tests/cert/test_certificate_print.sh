#!/bin/bash
# test_certificate_print.sh — the certificate of service prints on one A4
# sheet with its Chinese text intact.  Opens the page that
# tests/unit/test_certificate left in $TOP_BUILDDIR/tests/tmp/ (a volunteer
# who served fifteen organizations) in headless Chromium, prints it to PDF
# and checks the PDF with poppler's pdfinfo and pdftotext; also captures the
# page as a PNG picture (left in tests/tmp, never committed).
#
# Needs chromium, poppler-utils and fonts-noto-cjk (packages.txt).  Exit 0
# pass, 1 fail, 77 skip (no page yet, or no browser or poppler).

set -u

top=${TOP_BUILDDIR:-.}
html=$top/tests/tmp/certificate.html
pdf=$top/tests/tmp/certificate.pdf
png=$top/tests/tmp/certificate.png

if [ ! -s "$html" ]; then
	echo "skip: no $html (tests/unit/test_certificate writes it)"
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

T=$(mktemp -d "${TMPDIR:-/tmp}/test_cert_print.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
# Chromium keeps its profile, caches and crash reports away from the user's.
export HOME="$T/home" XDG_CONFIG_HOME="$T/config" XDG_CACHE_HOME="$T/cache"
mkdir -p "$HOME"

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
# What the page says it is, read from the page itself.
name=$(sed -n 's/.*兹证明 <b>\([^<]*\)<\/b>.*/\1/p' "$html" | head -n 1)
number=$(grep -o 'ZM[0-9]\{4\}-[0-9]\{6\}' "$html" | head -n 1)
check "the page names a volunteer ($name) and a number ($number)" \
	eval '[ -n "$name" ] && [ -n "$number" ]'

browse() {
	timeout 120 "$browser" --headless --no-sandbox --disable-gpu \
		--no-first-run --disable-background-networking \
		--disable-component-update --disable-sync \
		--user-data-dir="$(mktemp -d "$T/profile.XXXXXX")" "$@" \
		>"$T/browser.log" 2>&1
}

rm -f "$pdf" "$png"
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
check "one page, even with fifteen organizations (Pages: $pages)" [ "$pages" = 1 ]
# A4 is 595.28 x 841.89 points; Chromium writes 594.96 x 841.92.
check "the page is A4 ($size)" \
	eval 'echo "$size" | awk "{ exit !(\$2 == \"x\" && \$1 > 594 && \$1 < 596.5 && \$3 > 841 && \$3 < 843) }"'

pdftotext -enc UTF-8 "$pdf" "$T/text.txt" 2>/dev/null
# Line breaks fall where the layout puts them: compare without them.
tr -d '\n' <"$T/text.txt" >"$T/flat.txt"
check "the PDF text has the title 志愿服务证明" grep -q '志愿服务证明' "$T/flat.txt"
check "the PDF text has the volunteer's name intact" grep -qF "$name" "$T/flat.txt"
check "the PDF text has the certificate number" grep -qF "$number" "$T/flat.txt"
check "the PDF text has the masked ID number and no full one" \
	eval 'grep -q "110105\*\*\*\*\*\*\*\*0021" "$T/flat.txt" && ! grep -q 110105198001060021 "$T/flat.txt"'
check "the PDF text has the issuing station" grep -q '开具单位' "$T/flat.txt"
check "the PDF text has the fifteenth organization" grep -q '第15社区' "$T/flat.txt"
if ! fc-list 2>/dev/null | grep -q 'Noto Serif CJK SC\|Noto Sans CJK SC'; then
	echo "note: no Noto CJK font (fonts-noto-cjk); another font printed the page"
fi

# 210 x 297 mm at 96 dots per inch.
browse --hide-scrollbars --window-size=794,1123 --screenshot="$png" "$url"
check "chromium captured the page as a picture" [ -s "$png" ]
check "the picture is a PNG" \
	eval '[ "$(head -c 8 "$png" | od -An -tx1 | tr -d " \n")" = 89504e470d0a1a0a ]'

echo "$((ntests - failed)) of $ntests checks passed"
[ $failed -eq 0 ] || exit 1
exit 0
