#!/bin/bash
# A broken settings file: miaopu still starts, on the built-in defaults,
# and the status line names the file and the line.  Settings that are
# right (the communities) drive the pick lists.
. "$(dirname "$0")/lib.sh"

mkdir -p "$XDG_CONFIG_HOME/miaopu"
printf 'station = "幸福街道社工站";\ncolour = false;\ncommunities = [ "东风社区", "柳塘村" \n' \
	> "$XDG_CONFIG_HOME/miaopu/miaopu.conf"
start
wait_for "miaopu.conf 第 4 行"
keys 2  # the groups register (the overview comes first)
wait_for "还没有记录"
keys a
wait_for "新增组织"
type_text "读书会"
keys F2
wait_for "已保存组织“读书会”"
keys F10
status=$(wait_exit)
[ "$status" = 0 ] || fail "exit status $status"
check_stderr

# A good file: its communities are the pick list of 所属社区(村).
printf 'station = "幸福街道社工站";\ncolour = false;\ncommunities = [ "东风社区", "柳塘村" ];\n' \
	> "$XDG_CONFIG_HOME/miaopu/miaopu.conf"
start
# The station's name heads the overview (the tab bar has no room left
# for it beside nine sections).
wait_for "幸福街道社工站"
keys 2  # the groups register (the overview comes first)
wait_for "组织 · "
keys a
wait_for "新增组织"
type_text "柳塘村农家书屋"
keys Tab Tab Tab Tab Tab Tab Tab Enter
wait_for "东风社区"
keys Down Down Enter
keys F2
wait_for "已保存组织“柳塘村农家书屋”"
screen | grep "柳塘村农家书屋" | grep -q "柳塘村 " || fail "community not in the row"
keys F10
wait_exit >/dev/null
echo ok
