#!/bin/bash
# Trainings and supervision visits by keys, and the overview: a training
# with two attending groups; a visit whose follow-up date has passed shows
# as overdue on the overview (and in `miaopu due`), opens from there, and
# leaves the list once its follow-up is completed.
. "$(dirname "$0")/lib.sh"

today=$(date +%F)
visited=$(date -d '14 days ago' +%F)
due=$(date -d '3 days ago' +%F)

start
wait_for "概览"
wait_for "没有待跟进的事项"
add_group "阳光志愿服务队"
add_group "邻里互助会"

# A training, then its two attending groups from its related lists.
keys 5 a
wait_for "新增培训"
type_text "社区社会组织财务管理培训"
keys Tab
type_text "财务规范与票据管理"
keys Tab C-u
type_text "$today"
keys Tab
type_text "3"
keys Tab Tab
type_text "街道党群服务中心"
keys Tab
type_text "周老师"
keys F2
wait_for "已保存培训“社区社会组织财务管理培训"
keys Enter
wait_for "编辑培训：社区社会组织财务管理培训"
keys F5
wait_for "参训组织"
keys Enter
wait_for "· 参训组织"
for g in "阳光" "邻里"; do
	keys a
	wait_for "新增参训组织"
	keys Enter
	wait_for "选择组织"
	type_text "$g"
	keys Enter
	wait_gone "选择组织"
	keys Tab
	type_text "3"
	keys F2
	wait_for "已保存"
done
wait_for "阳光志愿服务队"
wait_for "邻里互助会"
keys Escape
wait_for "编辑培训"
keys Escape
wait_gone "编辑培训"

# A visit two weeks ago whose follow-up was due three days ago.
keys 6 a
wait_for "新增督导记录"
keys Enter
wait_for "选择组织"
type_text "阳光"
keys Enter
wait_gone "选择组织"
keys C-u
type_text "$visited"
keys Tab
type_text "陈督导"
keys Tab
type_text "青溪区社会组织发展中心"
keys Tab Tab
type_text "活动台账记录不全"
keys Tab
type_text "完善活动台账"
keys Tab Tab
type_text "$due"
keys F2
wait_for "已保存督导记录“阳光志愿服务队"

# The command line sees it too.
out=$("$MIAOPU" due) || fail "miaopu due failed"
echo "$out" | grep "阳光志愿服务队" | grep "陈督导" | grep -q "完善活动台账" || fail "due: $out"

# The overview shows it overdue; Enter opens it; complete the follow-up.
keys 1
wait_for "完善活动台账"
screen | grep "完善活动台账" | grep -q "逾期" || fail "not marked overdue"
expect "逾期 1 项"
keys Enter
wait_for "编辑督导记录：阳光志愿服务队"
for i in 1 2 3 4 5 6 7 8 9; do keys Down; done
type_text "$today"
keys Tab
type_text "已补齐三个月的活动台账"
keys F2
wait_for "已保存督导记录“阳光志愿服务队"
wait_for "没有待跟进的事项"
expect "逾期 0 项"
out=$("$MIAOPU" due)
echo "$out" | grep -q "阳光志愿服务队" && fail "due still lists it: $out"

keys q
status=$(wait_exit)
[ "$status" = 0 ] || fail "exit status $status"
check_stderr
"$MIAOPU" export trainings | grep -q "社区社会组织财务管理培训" || fail "export trainings"
"$MIAOPU" export visits | grep "阳光志愿服务队" | grep -q "已补齐三个月的活动台账" || fail "export visits"
echo ok
