#!/bin/bash
# tests/run-all.sh — run every test twice: in the configured source tree
# (`make check`), then in a fresh copy built with AddressSanitizer and
# UndefinedBehaviorSanitizer and warnings as errors (build-san/).
#
# Run it from anywhere after the README's first command (which configured
# and built the tree).  The last line is "N passed, N failed"; the exit
# status is 1 if anything failed.  SKIP counts as neither, ERROR as failed.

set -u

top=$(cd "$(dirname "$0")/.." && pwd) || exit 1
cd "$top" || exit 1
jobs=${JOBS:-2}
passed=0
failed=0
failed_logs=()

if [ ! -f Makefile ]; then
	echo "run-all: $top is not configured yet; run the README's first command" >&2
	echo "0 passed, 1 failed"
	exit 1
fi

# Add the counts of dir/test-suite.log to the totals and remember the logs
# of the tests that failed.  A missing log means the build itself failed.
collect() {
	local dir=$1 what=$2 log=$1/test-suite.log p f trs
	if [ ! -f "$log" ]; then
		echo "run-all: $what: no test-suite.log (the build failed; see above)" >&2
		failed=$((failed + 1))
		return
	fi
	p=$(awk '/^# PASS:/ { n += $3 } END { print n + 0 }' "$log")
	f=$(awk '/^# (FAIL|ERROR|XPASS):/ { n += $3 } END { print n + 0 }' "$log")
	passed=$((passed + p))
	failed=$((failed + f))
	while IFS= read -r trs; do
		failed_logs+=("${trs%.trs}.log")
	done < <(grep -lE '^:test-result: (FAIL|ERROR|XPASS)' \
	         $(find "$dir" -name '*.trs' -not -path "$dir/build-san/*" \
	                -not -path "$dir/miaopu-*") \
	         /dev/null 2>/dev/null)
}

echo "== make check (source tree)"
rm -f test-suite.log
make -j"$jobs" check
collect "$top" "make check"

# Out-of-tree builds refuse a source tree that is configured in place, so
# the sanitizer build runs in a copy, cleaned back to sources first.
echo "== make check with sanitizers (build-san/)"
rm -rf build-san
mkdir build-san
tar -C "$top" --exclude=./build-san --exclude=./.git --exclude=./tests/tmp \
	--exclude='./miaopu-*' -cf - . | tar -C build-san -xf -
(
	cd build-san &&
	{ [ ! -f Makefile ] || make distclean >/dev/null; } &&
	./configure -q --enable-sanitizers --enable-werror &&
	make -j"$jobs" check
)
collect "$top/build-san" "sanitizer build"

if [ ${#failed_logs[@]} -gt 0 ]; then
	echo "Logs of the failed tests (their last lines):"
	for f in "${failed_logs[@]}"; do
		echo "---- $f"
		tail -n 40 "$f"
	done
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
