#!/bin/bash
# Import groups from CSV files with Chinese headers: from the command line
# (a GB18030 file, as WPS saves it), then seen in the list; and from the
# import screen (I): type the path, read the dry run's counts and its
# problems, confirm, see the groups in the list.  A file with a refused row
# writes nothing and its problems stay on the screen.  Service records are
# imported from the activities list, trainings from the trainings list.
. "$(dirname "$0")/lib.sh"
command -v iconv >/dev/null || { echo "iconv not installed: skipped"; exit 77; }
export MIAOPU_TODAY=2025-06-30

# ---- from the command line ----
printf '组织名称,所属社区(村),负责人\r\n阳光志愿队,幸福社区,张桂芳\r\n"夕阳红, 合唱团",幸福社区,李秀英\r\n' |
	iconv -f UTF-8 -t GB18030 >"$HOME/groups.csv" || fail "iconv"
LANG=$E2E_LANG LC_ALL=$E2E_LANG "$MIAOPU" import groups "$HOME/groups.csv" >"$E2E_ROOT/cli.out" 2>&1 ||
	{ cat "$E2E_ROOT/cli.out"; fail "miaopu import groups failed"; }
grep -q "新增 2 条，跳过 0 条（重复），拒绝 0 条" "$E2E_ROOT/cli.out" ||
	{ cat "$E2E_ROOT/cli.out"; fail "the command did not count 2 added"; }

start
keys 2
wait_for "阳光志愿队"
expect "夕阳红, 合唱团"
expect "张桂芳"
# The import key is on the key bar, and so is the way to the help.
expect "I 导入"
expect "F1 帮助"

# ---- from the import screen: a file with a problem first ----
printf '组织名称,所属社区(村),统一社会信用代码\n朝阳读书会,幸福社区,\n坏队,幸福社区,123\n' >"$HOME/bad.csv"
keys I
wait_for "从 CSV 文件导入组织"
expect "~/"
type_text "bad.csv"
keys Enter
wait_for "试导入：将新增 1 条，跳过 0 条（重复），拒绝 1 条"
expect "第 3 行：统一社会信用代码"
expect "第 2 行：将新增“朝阳读书会”"
# Enter does not import a file with a refused row.
keys Enter
wait_for "这里没有可导入的行"
keys Escape
wait_gone "试导入"
expect_not "朝阳读书会"

# ---- then a good one: dry run, confirm, progress, counts, the list ----
printf '\xef\xbb\xbf组织名称 , 所属社区(村) ,负责人,颜色\n朝阳读书会,幸福社区,王建国,红\n阳光志愿队,幸福社区,,\n和平舞蹈队,幸福社区,赵敏,\n' >"$HOME/more.csv"
keys I
wait_for "从 CSV 文件导入组织"
# What was typed last is offered again: replace it.
expect "~/bad.csv"
keys C-u
type_text "~/more.csv"
keys Enter
wait_for "试导入：将新增 2 条，跳过 1 条（重复），拒绝 0 条"
expect "第 1 行：“颜色”"
expect "第 3 行："
expect "台账还没有改动"
keys Enter
wait_for "已导入。按 Esc 返回列表。"  # the import itself, not the dry run
expect "新增 2 条，跳过 1 条（重复），拒绝 0 条"
keys Escape
wait_for "朝阳读书会"
expect "和平舞蹈队"
expect "王建国"
expect "阳光志愿队"

# ---- service records from the activities list ----
"$MIAOPU" import volunteers - >/dev/null 2>&1 <<'CSV' || fail "volunteers"
姓名,证件类型,证件号码,志愿者编号
王芳,居民身份证,350102199006150018,V001
CSV
"$MIAOPU" import activities - >/dev/null 2>&1 <<'CSV' || fail "activities"
活动名称,组织,日期
敬老义诊,阳光志愿队,2025-06-01
CSV
printf '志愿者,证件号码,活动,服务日期,服务时长(小时)\n王芳,350102199006150018,敬老义诊,2025-06-01,2.5\n' >"$HOME/hours.csv"
keys 3
wait_for "敬老义诊"
keys I
wait_for "导入什么？"
keys Down Enter
wait_for "从 CSV 文件导入服务记录"
keys C-u
type_text "~/hours.csv"
keys Enter
wait_for "试导入：将新增 1 条，跳过 0 条（重复），拒绝 0 条"
keys Enter
wait_for "已导入。按 Esc 返回列表。"  # the import itself, not the dry run
expect "新增 1 条，跳过 0 条（重复），拒绝 0 条"
keys Escape
wait_for "活动 · 按日期"
expect "已导入 1 条"
keys Enter
wait_for "1 条服务记录，共 2.5 小时"
keys Escape

# ---- every list imports its own records: trainings, by name ----
printf '培训名称,日期,时长(小时),形式,地点,讲师\n急救培训,2025-06-05,3,线下,"街道, 社工站",李明华\n' >"$HOME/trainings.csv"
keys 5
wait_for "培训 ·"
keys I
wait_for "从 CSV 文件导入培训"
keys C-u
type_text "~/trainings.csv"
keys Enter
wait_for "试导入：将新增 1 条，跳过 0 条（重复），拒绝 0 条"
keys Enter
wait_for "已导入。按 Esc 返回列表。"  # the import itself, not the dry run
expect "新增 1 条，跳过 0 条（重复），拒绝 0 条"
keys Escape
wait_for "急救培训"
expect "李明华"

keys F10
[ "$(wait_exit)" = 0 ] || fail "miaopu did not exit with 0"
check_stderr
echo "ok: import from the command line and from the import screen"
