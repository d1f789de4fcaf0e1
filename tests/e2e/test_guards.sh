#!/bin/bash
# F6 to 已签协议 with no agreement is refused with what is missing
# (先登记资助协议) and offers to make it: Enter opens the new agreement's
# form for this project, and once it is saved the step goes on.  Then
# 已中期评估 asks for the evaluation, then each of its missing scores, in
# turn, and goes on once it is scored.
. "$(dirname "$0")/lib.sh"

export MIAOPU_TODAY=2026-06-30
T="$E2E_ROOT/csv"
mkdir -p "$T"
R='2026年社区公益创投'
printf '组织名称,所属社区(村)\n银龄互助队,幸福社区\n' >"$T/g.csv"
printf '活动名称,类型,资金总额,单项资助上限,合格分\n%s,公益创投,300000,50000,60\n' "$R" >"$T/r.csv"
printf '创投活动,评审指标,权重\n%s,需求契合,60\n%s,可行性,40\n' "$R" "$R" >"$T/rc.csv"
printf '项目名称,创投活动,申报组织,申请金额,状态,资助金额\n长者食堂,%s,银龄互助队,20000,公示中,18000\n' "$R" >"$T/a.csv"
for spec in groups:g rounds:r round_criteria:rc applications:a; do
	IFS=: read -r table file <<<"$spec"
	out=$("$MIAOPU" import "$table" "$T/$file.csv" 2>&1) || fail "import $table: $out"
done

start
keys 8
wait_for "$R"
keys Enter
wait_for "编辑创投活动"
keys F5
wait_for "申报项目"
keys Enter
wait_for "$R · 申报项目"
wait_for "公示中"
keys Enter
wait_for "编辑申报项目"
keys F6
wait_for "签订协议 → 已签协议"
keys Enter
wait_for "先登记资助协议。现在登记吗？"
keys Enter
wait_for "新增资助协议"
type_text "HT-2026-001"
keys Tab C-u
type_text "2026-06-01"
keys F2
wait_for "改为“已签协议”的日期"
keys Enter
wait_for "状态：已签协议"

keys F6
wait_for "开始实施 → 实施中"
keys Enter
wait_for "改为“实施中”的日期"
keys Enter
wait_for "状态：实施中"
keys F6
wait_for "完成中期评估 → 已中期评估"
keys Enter
wait_for "先登记中期评估并评分。现在登记吗？"
keys Enter
wait_for "新增项目评估"
expect "中期评估"
type_text "市社会组织评估中心"
keys F2
wait_for "还没有“需求契合”的评分，先评分。现在登记吗？"
keys Enter
wait_for "需求契合"
type_text "80"
keys F2
wait_for "还没有“可行性”的评分，先评分。现在登记吗？"
keys Enter
type_text "70"
keys F2
wait_for "改为“已中期评估”的日期"
keys Enter
wait_for "状态：已中期评估"
keys F10
status=$(wait_exit)
[ "$status" = 0 ] || fail "miaopu exited with $status"
check_stderr
out=$("$MIAOPU" export agreements 2>&1) || fail "export agreements: $out"
echo "$out" | grep -q '"长者食堂","HT-2026-001","2026-06-01"' || fail "agreement: $out"
out=$("$MIAOPU" export applications 2>&1) || fail "export applications: $out"
echo "$out" | grep -q '已中期评估' || fail "the application did not move: $out"
out=$("$MIAOPU" export eval_scores 2>&1) || fail "export eval_scores: $out"
[ "$(echo "$out" | grep -c '中期评估')" = 2 ] || fail "two scores expected: $out"
echo "PASS"
