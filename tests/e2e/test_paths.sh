#!/bin/bash
# File names typed in prompts: Tab completes a name in the import prompt
# (several that fit are listed, the line keeps what they share); the
# prompt's bar says Esc 取消; a saved report's offered name carries its
# community and period, so the 南湖社区 report is not saved over the
# 东湖社区 one, and a save that would replace a file asks first.
. "$(dirname "$0")/lib.sh"
export MIAOPU_TODAY=2026-12-03

printf '组织名称,所属社区(村)\n东湖社区老年志愿服务队,东湖社区\n南湖读书会,南湖社区\n' >"$HOME/g.csv"
"$MIAOPU" import groups "$HOME/g.csv" >"$E2E_ROOT/cli.out" 2>&1 ||
	{ cat "$E2E_ROOT/cli.out"; fail "import groups"; }
printf '组织名称,所属社区(村)\n东湖邻里互助会,东湖社区\n' >"$HOME/东湖社区组织.csv"
printf '姓名,性别\n郭晓明,男\n' >"$HOME/东湖社区志愿者.csv"

start
keys 2
wait_for "南湖读书会"

# ---- Tab in the import prompt ----
keys I
wait_for "从 CSV 文件导入组织"
expect "~/"
expect "Esc 取消"
expect "Tab 补全"
expect_not "Esc 清除"
type_text "东"
keys Tab
# Two names fit: the line holds what they share, the names are listed.
wait_for "~/东湖社区"
wait_for "东湖社区志愿者.csv  东湖社区组织.csv"
type_text "组"
keys Tab
wait_for "~/东湖社区组织.csv"
keys Enter
wait_for "试导入：将新增 1 条"
keys Escape
wait_gone "试导入"

# ---- the report: names by community and period; replacing asks ----
keys 7
wait_for "汇总报表"
keys p
wait_for "报表：统计起始日期"
keys C-u
type_text "2026-11-01"
keys Enter
wait_for "报表：统计截止日期"
keys C-u
type_text "2026-11-30"
keys Enter
wait_for "统计期间：2026-11-01 至 2026-11-30"
keys c
wait_for "统计哪个社区(村)"
keys Home Down Enter
wait_for "社区(村)：东湖社区"
keys x
wait_for "报表保存为"
keys Down Enter
wait_for "报表保存到"
wait_for "~/东湖社区-2026年11月-报表.csv"
keys Enter
wait_for "报表已保存到"
east="$HOME/东湖社区-2026年11月-报表.csv"
[ -s "$east" ] || fail "no $east"
grep -q "东湖社区" "$east" || fail "the 东湖社区 report does not name its community"
sum=$(md5sum <"$east")

# 南湖社区's report is offered under its own name.
keys c
wait_for "统计哪个社区(村)"
keys Home Down Down Enter
wait_for "社区(村)：南湖社区"
keys x
wait_for "报表保存为"
keys Down Enter
wait_for "~/南湖社区-2026年11月-报表.csv"
# Typed over the 东湖社区 file: asked first; No keeps the file.
keys C-u
type_text "~/东湖社区-2026年11月-报表.csv"
keys Enter
wait_for "“~/东湖社区-2026年11月-报表.csv”已经存在。要替换它吗？"
keys n
wait_for "未保存：原有的文件保持不变。"
[ "$(md5sum <"$east")" = "$sum" ] || fail "the 东湖社区 report was replaced after No"
# Yes replaces it.
keys x
wait_for "报表保存为"
keys Down Enter
wait_for "~/南湖社区-2026年11月-报表.csv"
keys C-u
type_text "~/东湖社区-2026年11月-报表.csv"
keys Enter
wait_for "已经存在。要替换它吗？"
keys y
wait_for "报表已保存到"
grep -q "南湖社区" "$east" || fail "Yes did not replace the file"

keys F10
status=$(wait_exit)
[ "$status" = 0 ] || fail "exit status $status"
check_stderr
echo ok
