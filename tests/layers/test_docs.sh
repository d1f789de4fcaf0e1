#!/bin/bash
# test_docs.sh — the developer's documents name the tree as it is.
#
# Every source file that README.md, HACKING.md or a folder's README names
# exists (by its path, or by its name in the folder the map puts it under),
# and README.md's source map names every .c and .h of src/ and ui/.
set -u
top=${TOP_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
cd "$top" || exit 1

failed=0
checks=0
bad() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }

sources=$(ls src/*/*.[ch] include/*/*.h ui/*.[ch] tests/*/*.c tests/*/*.sh \
              tests/*/*.py tests/*/*.h tests/*.sh 2>/dev/null)
names=$(for f in $sources; do basename "$f"; done | sort -u)

# Names of source files cited in the documents: words ending in .c, .h,
# .sh or .py, with or without a folder.
for doc in README.md HACKING.md src/*/README.md ui/README.md; do
	[ -f "$doc" ] || { bad "$doc is missing"; continue; }
	while IFS= read -r w; do
		checks=$((checks + 1))
		case "$w" in
		*/*) [ -e "$w" ] || [ -e "$(dirname "$doc")/$w" ] ||
		     bad "$doc names $w, which is not in the tree" ;;
		*)   grep -qx -- "$w" <<<"$names" ||
		     bad "$doc names $w, which is not in the tree" ;;
		esac
	done < <(grep -oE '[A-Za-z0-9_./-]+\.(c|h|sh|py)\b' "$doc" |
	         grep -vE '(^|/)(config\.h|x\.c|x_report\.c|mp_x\.h|test_x\.c)$|\*|^\.\.\.' |
	         grep -vE '^(curses|ncurses|xlsxwriter|cmocka|sqlite3|libconfig|csv|unistr|uniwidth)\.h$' |
	         sed 's/^\.\///' | sort -u)
done

# The source map names every file of the core and the screen.
map=$(sed -n '/^## 源代码/,$p' README.md)
for f in src/*/*.[ch] ui/*.[ch]; do
	checks=$((checks + 1))
	grep -qw -- "$(basename "$f")" <<<"$map" ||
		bad "README.md's source map does not name $f"
done

echo "$checks checks, $failed failed"
[ "$failed" -eq 0 ]
