#!/bin/bash
# Issue 16's review on the screen (80x24, zh_CN): from a ledger where two
# reviewers scored three applications (tests/e2e/review_seed.c), the
# round's form (F5) opens the ranking: each reviewer's weighted total, the
# mean, the spread and the pass mark, best first.  A score of 120 and a
# reviewer scoring their own group are refused with what was typed kept;
# two applications are approved from the ranking (F6 on the form), a grant
# above the request asked again; x writes the public notice, which holds
# both projects and their amounts and not the third, and prints on one A4
# page; `miaopu notice` writes the same from the command line.
. "$(dirname "$0")/lib.sh"

export MIAOPU_TODAY=2026-03-06
seed=${TOP_BUILDDIR:-.}/tests/e2e/review_seed
[ -x "$seed" ] || fail "no $seed (make check builds it)"
mkdir -p "$(dirname "$DB")"
"$seed" "$DB" || fail "review_seed failed"

start
keys 8
wait_for "2026年幸福街道公益创投"
keys Enter
wait_for "编辑创投活动"
keys F5
wait_for "评审排名"
keys End Enter
wait_for "评审排名：2026年幸福街道公益创投 · 合格分 60 · 剩余资金 100,000.00"
expect "王教授"
expect "陈会计"
# Best first: 邻里花园 (100 and 90: 95), 银龄互助 (81.5 and 80: 80.75,
# spread 1.5), 垃圾分类 (51.5 and 65.5: 58.5, below the mark).
row() { screen | grep -F -- "$1"; }
row "邻里花园" | grep -qE '^ +1 .* 100 +90 +95 +10 +是' || fail "邻里花园's row: $(row 邻里花园)"
row "银龄互助" | grep -qE '^ +2 .* 81\.5 +80 +80\.75 +1\.5 +是' || fail "银龄互助's row: $(row 银龄互助)"
row "垃圾分类" | grep -qE '^ +3 .* 51\.5 +65\.5 +58\.5 +14 +否' || fail "垃圾分类's row: $(row 垃圾分类)"

# A round with resident votes: its votes beside the scores, and two
# applications that score alike told apart by them.
keys Escape
wait_for "编辑创投活动"
keys Escape
wait_for "幸福社区微创投"
keys End Enter
wait_for "编辑创投活动：幸福社区微创投"
keys F5
wait_for "评审排名"
keys End Enter
wait_for "评审排名：幸福社区微创投"
expect "票数"
row "四点半课堂" | grep -qE '^ +1 .* 88 +88 +0 +37 +是' || fail "四点半课堂's row: $(row 四点半课堂)"
row "老年食堂" | grep -qE '^ +2 .* 88 +88 +0 +5 +是' || fail "老年食堂's row: $(row 老年食堂)"
keys Escape
wait_for "编辑创投活动：幸福社区微创投"
keys Escape
wait_for "幸福社区微创投"
keys Home Enter
wait_for "编辑创投活动：2026年幸福街道公益创投"
keys F5
wait_for "评审排名"
keys End Enter
wait_for "评审排名：2026年幸福街道公益创投"

# A reviewer's record, found from the ranking.
keys e
wait_for "选择评审专家"
type_text "王教授"
keys Enter
wait_for "编辑评审专家"
expect "安徽师范大学"
keys Escape
wait_for "评审排名："

# A score outside the scale, then a reviewer of the applicant's own group.
keys Down Enter
wait_for "编辑申报项目"
expect "银龄互助"
keys F5
wait_for "评审评分"
# After the budget lines, team and states, the funding lists come first.
keys Down Down Down Down Down Down Down Down Enter
wait_for "银龄互助 · 评审评分"
keys a
wait_for "新增评分"
# The application is filled in; the reviewer is the first field asked.
wait_for "评审专家：回车：选择评审专家"
keys Enter
wait_for "选择评审专家"
type_text "李四"
keys Enter
wait_gone "选择评审专家"
# A pick moves on to the next field: the criterion.
wait_for "评审指标：回车"
keys Enter
wait_for "选择评审指标"
# Both rounds' criteria are offered, each with its round: this round's
# 需求契合 is the fourth.
wait_for "2026年幸福街道公益创投         需求契合"
keys Down Down Down Enter
wait_for "得分：0 到 100 分"
expect "需求契合"
type_text "120"
keys F2
wait_for "得分"
screen | grep -q "100" || fail "the refusal does not say the scale"
expect "120"
keys C-u
type_text "85"
keys F2
wait_for "李四是申报组织夕阳红志愿服务队的成员，须回避"
expect "新增评分"
expect "85"
keys Escape
wait_for "放弃"
keys y
wait_for "银龄互助 · 评审评分"
keys Escape
wait_for "编辑申报项目"

# Approved from the ranking: the grant above the request asked again.
keys F6
wait_for "立项，确定资助金额 → 拟立项"
keys Enter
wait_for "改为“拟立项”的日期"
keys Enter
wait_for "资助金额（元）"
type_text "35000"
keys Enter
wait_for "35,000.00 元超过了申请金额（30,000.00 元）"
keys C-u
type_text "28000"
keys Enter
wait_for "状态：拟立项"
keys Escape
wait_for "评审排名："
keys Home Enter
wait_for "编辑申报项目"
expect "邻里花园"
keys F6
wait_for "立项，确定资助金额 → 拟立项"
keys Enter
wait_for "改为“拟立项”的日期"
keys Enter
wait_for "资助金额（元）"
type_text "2万"
keys Enter
wait_for "状态：拟立项"
keys Escape
wait_for "剩余资金 52,000.00"
row "银龄互助" | grep -q "28,000.00" || fail "银龄互助's grant: $(row 银龄互助)"
row "邻里花园" | grep -q "20,000.00" || fail "邻里花园's grant: $(row 邻里花园)"

# The public notice, from the ranking.
keys x
wait_for "公示写入文件"
keys C-u
type_text "$HOME/公示.html"
keys Enter
wait_for "公示（2026-03-06 至 2026-03-12）已写入"
keys Escape
keys F10
status=$(wait_exit)
[ "$status" = 0 ] || fail "miaopu exited with $status"
check_stderr

html="$HOME/公示.html"
[ -s "$html" ] || fail "no notice at $html"
grep -q "<td>邻里花园</td><td>绿色家园互助会</td>" "$html" || fail "邻里花园 not on the notice"
grep -q "<td>银龄互助</td><td>夕阳红志愿服务队</td>" "$html" || fail "银龄互助 not on the notice"
grep -q '<td class="n">95</td><td class="n">20,000.00</td><td class="n">20,000.00</td>' "$html" ||
	fail "邻里花园's score and amounts are not on the notice"
grep -q '<td class="n">80.75</td><td class="n">30,000.00</td><td class="n">28,000.00</td>' "$html" ||
	fail "银龄互助's score and amounts are not on the notice"
grep -q '<th class="n">48,000.00</th></tr></tfoot>' "$html" || fail "the total granted is not 48,000.00"
grep -q "垃圾分类" "$html" && fail "垃圾分类 was not approved but is on the notice"
grep -q "评审专家：王教授（安徽师范大学）、陈会计（幸福会计师事务所）。" "$html" ||
	fail "the reviewers are not on the notice"
grep -q "公示期为 2026年3月6日 至 2026年3月12日（5 个工作日）" "$html" || fail "no period on the notice"

# The same from the command line; bad rounds and usage refused.
"$MIAOPU" notice 2026年幸福街道公益创投 -o "$HOME/cli.html" >"$E2E_ROOT/out" 2>&1 ||
	fail "notice: $(cat "$E2E_ROOT/out")"
grep -q "公示（2026-03-06 至 2026-03-12）已写入" "$E2E_ROOT/out" || fail "notice said: $(cat "$E2E_ROOT/out")"
cmp -s "$html" "$HOME/cli.html" || fail "the command line's notice differs from the screen's"
"$MIAOPU" notice 没有这一轮 -o "$HOME/x.html" >"$E2E_ROOT/out" 2>&1
[ $? = 1 ] || fail "an unknown round: $(cat "$E2E_ROOT/out")"
grep -q "台账中没有创投活动“没有这一轮”" "$E2E_ROOT/out" || fail "unknown round said: $(cat "$E2E_ROOT/out")"
[ -e "$HOME/x.html" ] && fail "a file was written for an unknown round"
"$MIAOPU" notice 2026年幸福街道公益创投 >"$E2E_ROOT/out" 2>&1
[ $? = 2 ] || fail "notice without -o: $(cat "$E2E_ROOT/out")"
"$MIAOPU" notice 2026年幸福街道公益创投 --from 2026-02-30 -o "$HOME/y.html" >"$E2E_ROOT/out" 2>&1
[ $? = 2 ] || fail "a day that does not exist: $(cat "$E2E_ROOT/out")"

# Printed: one A4 page with both projects (skipped without Chromium).
NOTICE_HTML="$html" bash "$TOP_SRCDIR/tests/cert/test_notice_print.sh" >"$E2E_ROOT/print" 2>&1
rc=$?
[ $rc = 0 ] || [ $rc = 77 ] || fail "printing the notice: $(cat "$E2E_ROOT/print")"
echo "PASS"
