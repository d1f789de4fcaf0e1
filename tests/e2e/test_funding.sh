#!/bin/bash
# Issue 16's money and evaluations on the screen (80x24, zh_CN): a round
# with three criteria and a two-tranche plan and an approved project are
# imported; from the project's related lists its agreement is signed
# (the amount granted filled in), tranche 1 paid (its amount filled in),
# a payment above what is due and tranche 2 before the mid-term refused
# (the message names the trigger); the mid-term is scored (a score
# outside the scale refused) and passes; the overview lists tranche 2 as
# payable and opens the project; tranche 2 paid; the closing evaluation
# saved with the matched funds raised, its outcome shown.  The ledger holds the payments, exact to the fen.
. "$(dirname "$0")/lib.sh"

export MIAOPU_TODAY=2026-06-30
T="$E2E_ROOT/csv"
mkdir -p "$T"
R='2026年社区公益创投'
printf '组织名称,所属社区(村)\n银龄互助队,幸福社区\n' >"$T/g.csv"
printf '活动名称,类型,资金总额,单项资助上限,合格分\n%s,公益创投,300000,50000,60\n' "$R" >"$T/r.csv"
printf '创投活动,评审指标,权重\n%s,需求契合,40\n%s,可行性,30\n%s,创新性,30\n' "$R" "$R" "$R" >"$T/rc.csv"
printf '创投活动,期次,拨付比例,拨付条件\n%s,1,60,签订协议\n%s,2,40,中期评估通过\n' "$R" "$R" >"$T/rt.csv"
printf '项目名称,创投活动,申报组织,申请金额,状态,资助金额\n长者食堂,%s,银龄互助队,20000,拟立项,18000\n' "$R" >"$T/a.csv"
for spec in groups:g rounds:r round_criteria:rc round_tranches:rt applications:a; do
	IFS=: read -r table file <<<"$spec"
	out=$("$MIAOPU" import "$table" "$T/$file.csv" 2>&1) || fail "import $table: $out"
done

start
keys 8
wait_for "$R"
# The round, its applications, the project's form and its related lists.
keys Enter
wait_for "编辑创投活动"
keys F5
wait_for "申报项目"
keys Enter
wait_for "$R · 申报项目"
wait_for "拟立项"
keys Enter
wait_for "编辑申报项目"
keys F5
wait_for "资助协议"

# The agreement: its number and date typed, the amount from the project.
keys Down Down Down Enter
wait_for "长者食堂 · 资助协议"
keys a
wait_for "新增资助协议"
type_text "HT-2026-001"
keys Tab C-u
type_text "2026-06-01"
keys Tab Tab Tab
type_text "2026-06-20"
keys F2
wait_for "已保存资助协议“长者食堂 HT-2026-001”"
wait_for "18,000.00"
keys Escape
wait_for "编辑申报项目"

# Payments: tranche 1 with its tranche and amount left empty.
keys F5
wait_for "拨付记录"
keys Down Down Down Down Enter
wait_for "长者食堂 · 拨付记录"
keys a
wait_for "新增拨付记录"
keys Tab Tab Tab
type_text "记-0630"
keys F2
wait_for "已保存拨付记录“长者食堂 第1批 2026-06-30 10,800.00”"
# Its screen says where the tranches stand.
keys Enter
wait_for "编辑拨付记录"
wait_for "第1批已拨 10,800.00 / 10,800.00 · 第2批待中期评估通过"
keys Escape
wait_gone "编辑拨付记录"
# One fen more on tranche 1: refused, what was typed kept.
keys a
wait_for "新增拨付记录"
type_text "1"
keys Tab Tab
type_text "0.01"
keys F2
wait_for "金额：0.01 超过第 1 批尚未拨付的 0.00（应拨 10,800.00，已拨 10,800.00）"
expect "新增拨付记录"
# Tranche 2 before the mid-term: the missing trigger named.
keys Up Up BSpace
type_text "2"
keys F2
wait_for "第 2 批资金还不能拨付：拨付条件“中期评估通过”尚未达成"
keys Escape
wait_for "放弃对这条记录的修改吗"
keys y
wait_for "长者食堂 · 拨付记录"
expect "10,800.00"
keys Escape
wait_for "编辑申报项目"

# The mid-term evaluation, then its scores on the round's criteria.
keys F5
wait_for "项目评估"
keys Down Down Down Down Down Down Down Enter
wait_for "长者食堂 · 项目评估"
keys a
wait_for "新增项目评估"
keys Enter
wait_for "中期评估"
keys Enter
wait_gone "中期评估 "
keys Tab Tab
type_text "市社会组织评估中心"
keys F2
wait_for "已保存项目评估“长者食堂 中期评估 2026-06-30”"
keys Enter
wait_for "编辑项目评估"
wait_for "尚未评分：需求契合"
keys F5
wait_for "评分"
keys Enter
wait_for "· 评分"
keys a
wait_for "新增评分"
expect "*评估  中期评估"
# A score outside the scale is refused; each criterion picked.
keys Enter
wait_for "预算合理性"
type_text "需求"
keys Enter
wait_gone "预算合理性"
type_text "101"
keys F2
wait_for "得分：分数在 0 到 100 之间，不能是 101"
keys C-u
type_text "80"
keys F2
wait_for "已保存评分“需求契合 80”"
for c in 可行性:75 创新性:70; do
	keys a
	wait_for "新增评分"
	keys Enter
	wait_for "预算合理性"
	type_text "${c%%:*}"
	keys Enter
	wait_gone "预算合理性"
	type_text "${c##*:}"
	keys F2
	wait_for "已保存评分“${c%%:*} ${c##*:}”"
done
keys Escape
wait_for "编辑项目评估"
# 80 x 40% + 75 x 30% + 70 x 30%
wait_for "加权总分 75.5（合格分 60）：通过"
keys Escape
wait_for "长者食堂 · 项目评估"
keys Escape
wait_for "编辑申报项目"
keys Escape
wait_for "$R · 申报项目"
keys Escape
wait_for "编辑创投活动"
keys Escape
wait_gone "编辑创投活动"

# The overview: tranche 2 is payable now, the mid-term no longer due.
keys 1
wait_for "第 2 批待拨付：7,200.00"
expect_not "中期评估"
keys Enter
wait_for "编辑申报项目：长者食堂"
keys F5
wait_for "拨付记录"
keys Down Down Down Down Enter
wait_for "长者食堂 · 拨付记录"
keys a
wait_for "新增拨付记录"
keys F2
wait_for "已保存拨付记录“长者食堂 第2批 2026-06-30 7,200.00”"
keys Escape
wait_for "编辑申报项目"

# The closing evaluation with its outcome figures.
keys F5
wait_for "项目评估"
keys Down Down Down Down Down Down Down Enter
wait_for "长者食堂 · 项目评估"
keys a
wait_for "新增项目评估"
keys Enter
wait_for "结项评估"
keys Down Enter
wait_gone "结项评估 "
keys Tab Tab
type_text "市社会组织评估中心"
keys Tab Tab Tab Tab Tab
type_text "3000"
keys F2
wait_for "已保存项目评估“长者食堂 结项评估 2026-06-30”"
keys Enter
wait_for "编辑项目评估"
wait_for "尚未评分：需求契合 · 项目活动 0 场，服务 0 人次，孵化组织 0 个，志愿服务队 0 支"
keys Escape
wait_for "长者食堂 · 项目评估"
keys Escape
wait_for "编辑申报项目"
keys Escape
keys 1
wait_for "没有待跟进的事项"

keys F10
status=$(wait_exit)
[ "$status" = 0 ] || fail "miaopu exited with $status"
check_stderr

# The ledger: both tranches paid in full, exact to the fen.
out=$("$MIAOPU" export payments 2>&1) || fail "export payments: $out"
echo "$out" | grep -q '"长者食堂","1","2026-06-30","10800.00","记-0630"' || fail "tranche 1: $out"
echo "$out" | grep -q '"长者食堂","2","2026-06-30","7200.00"' || fail "tranche 2: $out"
[ "$(echo "$out" | grep -c '长者食堂')" = 2 ] || fail "two payments expected: $out"
out=$("$MIAOPU" export agreements 2>&1) || fail "export agreements: $out"
echo "$out" | grep -q '"长者食堂","HT-2026-001","2026-06-01","18000.00"' || fail "agreement: $out"
out=$("$MIAOPU" export evaluations 2>&1) || fail "export evaluations: $out"
echo "$out" | grep -q '"结项评估","长者食堂","2026-06-30","市社会组织评估中心","0","0","0","0","3000.00"' || fail "closing: $out"
echo "PASS"
