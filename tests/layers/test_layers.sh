#!/bin/bash
# test_layers.sh — the layers of the source tree, as the folders say.
#
# src/<layer>/ and include/<layer>/ hold one layer each; a file may include
# headers of its own layer and of the layers below it, never above:
#
#   base < store < record < types < safety < io < report < ledger < cli < ui
#
# Besides: nothing in src/ or include/ includes curses; ui/ writes no SQL
# (no sqlite3 call, no SQL text, no storage header); storage knows no record
# type (no table of the ledger is named in src/store/).  Each breach is
# listed with its file and line.
set -u
top=${TOP_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
cd "$top" || exit 1

layers=(base store record types safety io report ledger cli ui)
failed=0
checks=0
bad() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }

rank() {  # rank LAYER: its place in the order, or -1
	local i
	for i in "${!layers[@]}"; do
		[ "${layers[$i]}" = "$1" ] && { echo "$i"; return; }
	done
	echo -1
}

# The layer of a header name, from where it is: include/<layer>/ or
# src/<layer>/ (a layer's internal header).  Empty when nowhere.
declare -A where
for d in include/* src/*; do
	[ -d "$d" ] || continue
	for h in "$d"/*.h; do
		[ -f "$h" ] || continue
		where[$(basename "$h")]=$(basename "$d")
	done
done
for h in ui/*.h; do where[$(basename "$h")]=ui; done

# Every folder of src/ is a known layer, and so is every folder of include/.
for d in src/* include/*; do
	[ -d "$d" ] || { bad "$d: a file where only layer folders belong"; continue; }
	[ "$(rank "$(basename "$d")")" -ge 0 ] || bad "$d: not a layer (${layers[*]})"
done

for f in src/*/*.[ch] include/*/*.h ui/*.[ch]; do
	layer=${f#*/}; layer=${layer%%/*}
	[ "${f%%/*}" = ui ] && layer=ui
	me=$(rank "$layer")
	while IFS=: read -r line inc; do
		checks=$((checks + 1))
		name=${inc#*\"}; name=${name%\"*}
		[ "$name" = config.h ] && continue
		them=${where[$name]:-}
		if [ -z "$them" ]; then
			bad "$f:$line: includes \"$name\", which is in no layer"
		elif [ "$(rank "$them")" -gt "$me" ]; then
			bad "$f:$line: $layer includes \"$name\" of $them, a higher layer"
		fi
	done < <(grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$f" | sed 's/:[[:space:]]*#[[:space:]]*include[[:space:]]*/:/')
done

# The core knows no screen.
while IFS= read -r hit; do
	bad "$hit: the core includes curses"
done < <(grep -nE '#[[:space:]]*include[[:space:]]*<(n?curses|ncursesw/|form|panel|menu)[^>]*>' src/*/*.[ch] include/*/*.h)
checks=$((checks + 1))

# The face writes no SQL.
while IFS= read -r hit; do
	bad "$hit: ui/ uses SQLite itself"
done < <(grep -nE 'sqlite3|#[[:space:]]*include[[:space:]]*"db_internal\.h"' ui/*.[ch])
while IFS= read -r hit; do
	bad "$hit: ui/ holds SQL text"
done < <(grep -nE '"[[:space:]]*(SELECT|INSERT|UPDATE|DELETE FROM|CREATE|DROP|ALTER|PRAGMA|BEGIN|COMMIT|WITH)[[:space:]]' ui/*.[ch])
checks=$((checks + 2))

# The screen opens its ledger through the core (mp_ledger.h), not through
# the command line; only main.c hands a subcommand to src/cli.
while IFS= read -r hit; do
	bad "$hit: the screen goes through the command line's module"
done < <(grep -nE '#[[:space:]]*include[[:space:]]*"mp_cli[a-z_]*\.h"' $(ls ui/*.[ch] | grep -v '^ui/main\.c$'); \
	grep -nE 'mp_cli_(open|cleanup|safety_)' ui/*.[ch])
checks=$((checks + 1))

# Storage knows no record type: no table is created or named in its SQL.
while IFS= read -r hit; do
	bad "$hit: src/store names a record type's table"
done < <(grep -nE '(CREATE (TABLE|INDEX|TRIGGER)|INSERT INTO|FROM) (groups|volunteers|activities|hours|memberships|trainings|training_groups|training_people|visits)\b' src/store/*.[ch])
checks=$((checks + 1))

echo "$checks checks, $failed failed"
[ "$failed" -eq 0 ]
