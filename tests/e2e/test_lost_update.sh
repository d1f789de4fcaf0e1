#!/bin/bash
# Two screens, one ledger: nothing saved is silently overwritten.
#  - volunteer 丁秀梅 open in both: A changes the phone and saves, B changes
#    the notes and saves: B sees who changed it and both versions field by
#    field, nothing written until B chooses; after the merge the ledger
#    holds A's phone and B's notes, exactly;
#  - a group's 简称 saved in A, another 简称 saved in B: B takes A's, and
#    the ledger holds A's; B's own again when B keeps its own;
#  - B's list shows 丁秀梅, A changes her, B deletes her: B is asked first,
#    shown what changed, and "no" leaves her in the ledger.
. "$(dirname "$0")/lib.sh"

command -v sqlite3 >/dev/null || { echo "sqlite3 not installed: skipped"; exit 77; }

q() { sqlite3 -cmd ".timeout 10000" "$DB" "$1"; }

# Window A is lib.sh's session "main" (记录人 王社工); window B is session
# "b" with settings of its own (李社工), on the same ledger.
S=main
screen() { tm capture-pane -p -t "$S"; }
keys() {
	local k
	for k in "$@"; do
		tm send-keys -t "$S" "$k"
		sleep 0.15
	done
}
type_text() {
	tm send-keys -t "$S" -l -- "$1"
	sleep 0.2
}
on() { S=$1; }

start_b() {
	mkdir -p "$E2E_ROOT/config_b/miaopu"
	printf 'operator = "李社工";\n' > "$E2E_ROOT/config_b/miaopu/miaopu.conf"
	cat > "$E2E_ROOT/run_b.sh" <<RUN
#!/bin/sh
export LANG='$E2E_LANG' LC_ALL='$E2E_LANG' HOME='$HOME' XDG_DATA_HOME='$XDG_DATA_HOME' XDG_CONFIG_HOME='$E2E_ROOT/config_b'
export MIAOPU_LOCALEDIR='${MIAOPU_LOCALEDIR:-}' ASAN_OPTIONS='${ASAN_OPTIONS:-}' UBSAN_OPTIONS='${UBSAN_OPTIONS:-}'
'$MIAOPU' 2>'$E2E_ROOT/stderr_b'
echo \$? > '$E2E_ROOT/exit_b'
sleep 600
RUN
	chmod +x "$E2E_ROOT/run_b.sh"
	tm new-session -d -s b -x 80 -y 24 "$E2E_ROOT/run_b.sh" || fail "tmux did not start window B"
	on b
	wait_for " 1 "
}

mkdir -p "$XDG_CONFIG_HOME/miaopu"
printf 'operator = "王社工";\n' > "$XDG_CONFIG_HOME/miaopu/miaopu.conf"
printf '姓名,性别,证件号码,志愿者编号,联系电话,备注\n丁秀梅,女,350102199006150026,XF-101,13800000001,会剪纸\n' \
	> "$HOME/v.csv"
printf '组织名称,简称,所属社区(村)\n东湖社区书画社,书画社,东湖社区\n' > "$HOME/g.csv"
LANG=$E2E_LANG LC_ALL=$E2E_LANG "$MIAOPU" import volunteers "$HOME/v.csv" >"$E2E_ROOT/cli.out" 2>&1 ||
	{ cat "$E2E_ROOT/cli.out"; fail "import volunteers failed"; }
LANG=$E2E_LANG LC_ALL=$E2E_LANG "$MIAOPU" import groups "$HOME/g.csv" >"$E2E_ROOT/cli.out" 2>&1 ||
	{ cat "$E2E_ROOT/cli.out"; fail "import groups failed"; }

start
start_b

# ---- a volunteer: A's phone, B's notes ----
for w in main b; do
	on $w
	keys 4
	wait_for "丁秀梅"
	keys Home Enter
	wait_for "编辑志愿者：丁秀梅"
done
on main
keys Tab Tab Tab Tab Tab Tab C-u   # 联系电话
type_text "13900000002"
keys F2
wait_for "已保存“丁秀梅”"
[ "$(q "SELECT phone FROM volunteers WHERE name = '丁秀梅'")" = 13900000002 ] || fail "A's phone not saved"

on b
keys Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab End   # 备注
type_text "，周末有空"
keys F2
wait_for "另一窗口修改"
wait_for "王社工"
expect "我的（未保存）"
expect "对方的（已保存）"
expect "13800000001"
expect "13900000002"
expect "会剪纸，周末有空"
expect_not "已保存“丁秀梅”"
# Nothing written while B chooses.
[ "$(q "SELECT notes FROM volunteers WHERE name = '丁秀梅'")" = 会剪纸 ] || fail "B's notes written before B chose"
# The merge: A's phone (B left it as loaded), B's notes (B changed them).
keys F2
wait_for "已保存“丁秀梅”"
[ "$(q "SELECT phone || '|' || notes || '|' || updated_by FROM volunteers WHERE name = '丁秀梅'")" = "13900000002|会剪纸，周末有空|李社工" ] ||
	fail "ledger after the merge: $(q "SELECT phone, notes FROM volunteers")"

# ---- a group's 简称 ----
for w in main b; do
	on $w
	keys 2
	wait_for "东湖社区书画社"
	keys Home Enter
	wait_for "编辑组织：东湖社区书画社"
done
on main
keys Tab C-u
type_text "东湖书画"
keys F2
wait_for "已保存“东湖社区书画社”"
on b
keys Tab C-u
type_text "书画"
keys F2
wait_for "另一窗口修改"
expect "东湖书画"
# B takes A's version whole (t), then saves: the ledger keeps A's 简称.
keys t F2
wait_for "已保存“东湖社区书画社”"
[ "$(q "SELECT short_name FROM groups")" = 东湖书画 ] || fail "简称 after taking theirs: $(q "SELECT short_name FROM groups")"
# And once more the other way: A saves, B keeps its own (m).
on main
keys Enter
wait_for "编辑组织：东湖社区书画社"
on b
keys Enter
wait_for "编辑组织：东湖社区书画社"
on main
keys Tab C-u
type_text "书画社甲"
keys F2
wait_for "已保存“东湖社区书画社”"
on b
keys Tab C-u
type_text "书画社乙"
keys F2
wait_for "另一窗口修改"
[ "$(q "SELECT short_name FROM groups")" = 书画社甲 ] || fail "B's 简称 written before B chose"
keys m F2
wait_for "已保存“东湖社区书画社”"
[ "$(q "SELECT short_name FROM groups")" = 书画社乙 ] || fail "简称 after keeping mine: $(q "SELECT short_name FROM groups")"

# ---- a delete of a record the other screen changed ----
on b
keys 4
wait_for "丁秀梅"
on main
keys 4
wait_for "丁秀梅"
keys Home Enter
wait_for "编辑志愿者：丁秀梅"
keys Tab Tab Tab Tab Tab Tab C-u
type_text "13700000003"
keys F2
wait_for "已保存“丁秀梅”"
on b
keys d   # the list as B has it on screen, from before A's save
wait_for "移到回收站"
keys y
wait_for "另一窗口已修改"
expect "13700000003"
expect "王社工"
[ -z "$(q "SELECT deleted_at FROM volunteers WHERE name = '丁秀梅'")" ] || fail "deleted before B was asked"
keys n
wait_for "什么也没做"
[ -z "$(q "SELECT deleted_at FROM volunteers WHERE name = '丁秀梅'")" ] || fail "deleted although B said no"
# Asked again, B says yes: now it goes to the recycle bin.
keys d
wait_for "移到回收站"
keys y
wait_for "已将“丁秀梅”移到回收站"
[ -n "$(q "SELECT deleted_at FROM volunteers WHERE name = '丁秀梅'")" ] || fail "not in the recycle bin"

on b
keys F10
on main
keys F10
wait_exit >/dev/null
check_stderr
grep -qE 'Sanitizer|runtime error' "$E2E_ROOT/stderr_b" 2>/dev/null && { cat "$E2E_ROOT/stderr_b"; fail "sanitizer report in window B"; }
exit 0
