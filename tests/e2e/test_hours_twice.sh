#!/bin/bash
# Service hours entered twice (mp_hours_duplicate): batch entry on an
# activity shows who already has a record for it that day, ticked and
# marked "已登记", refuses to enter it again naming the record, and saves
# only the new lines; the single service-record form warns of the same
# record before saving it.
. "$(dirname "$0")/lib.sh"

export MIAOPU_TODAY=2026-12-03
T=$E2E_ROOT
cat > "$T/g.csv" <<'CSV'
组织名称,所属社区(村)
东湖社区老年志愿服务队,东湖社区
CSV
cat > "$T/v.csv" <<'CSV'
姓名,证件类型,证件号码,志愿者编号
陈丽华,居民身份证,11010519491231002X,DH-001
何俊,居民身份证,330102198003150030,DH-002
CSV
cat > "$T/m.csv" <<'CSV'
志愿者,组织
DH-001,东湖社区老年志愿服务队
DH-002,东湖社区老年志愿服务队
CSV
cat > "$T/a.csv" <<'CSV'
活动名称,组织,日期,开始时间,结束时间
重阳敬老入户探访,东湖社区老年志愿服务队,2026-11-28,09:00,11:30
CSV
cat > "$T/h.csv" <<'CSV'
志愿者,组织,活动,服务日期,服务内容,服务时长(小时)
DH-001,东湖社区老年志愿服务队,重阳敬老入户探访,2026-11-28,重阳敬老入户探访,2.5
CSV
for t in groups:g volunteers:v memberships:m activities:a hours:h; do
	"$MIAOPU" import "${t%%:*}" "$T/${t##*:}.csv" > "$T/out" 2>&1 ||
		fail "import ${t%%:*}: $(cat "$T/out")"
done

start
keys 3
wait_for "重阳敬老入户探访"
keys Enter
wait_for "编辑活动：重阳敬老入户探访"
keys F5
wait_for "批量登记"
keys Down Enter
wait_for "服务时长：“重阳敬老入户探访”"
# The record already there: ticked and marked, not counted as to save.
wait_for "已登记"
screen | grep -qE '^\[x\] 陈丽华 .*2\.5 +已登记' || fail "陈丽华's record is not shown ticked and marked"
screen | grep -qE '^\[ \] 何俊 ' || fail "何俊 should be unticked"
expect "已勾选 0 人"
# Entering it again is refused, naming the record.
keys End Space
wait_for "已登记：陈丽华 2026-11-28“重阳敬老入户探访”2.5 小时，请在服务记录里修改"
screen | grep -qE '^\[x\] 陈丽华 ' || fail "Space unticked a recorded line"
keys F2
wait_for "请至少勾选一位志愿者"
keys Home Space
wait_for "已勾选 1 人"
keys F2
wait_for "已为 1 位志愿者登记服务时长，共 2.5 小时"
wait_for "编辑活动：重阳敬老入户探访"

# The single form: the same record again is pointed out before saving.
keys F5
wait_for "批量登记"
keys Enter
wait_for "重阳敬老入户探访 · 服务记录"
keys a
wait_for "新增服务记录"
keys Enter
wait_for "选择志愿者"
type_text "陈丽华"
wait_for "DH-001"
keys Enter
wait_gone "选择志愿者"
keys Tab Tab C-u
type_text "2026-11-28"
keys Tab Tab Tab
type_text "2.5"
keys F2
wait_for "重复记录：陈丽华 2026-11-28“重阳敬老入户探访”2.5 小时，仍要保存吗？"
keys n
wait_gone "仍要保存吗"
keys Escape
wait_for "放弃"
keys y
wait_gone "新增服务记录"
keys Escape Escape
wait_gone "编辑活动"
keys q
[ "$(wait_exit)" = 0 ] || fail "miaopu did not exit cleanly"
check_stderr

"$MIAOPU" export hours > "$T/hours.csv" 2>&1 || fail "export hours"
[ "$(grep -c '^"陈丽华"' "$T/hours.csv")" = 1 ] || fail "陈丽华 has not one record: $(cat "$T/hours.csv")"
[ "$(grep -c '^"何俊"' "$T/hours.csv")" = 1 ] || fail "何俊 has not one record: $(cat "$T/hours.csv")"
echo ok
