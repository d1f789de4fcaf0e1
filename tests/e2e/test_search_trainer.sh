#!/bin/bash
# A training whose trainer (讲师) is 李明华, added by keys, is found by
# typing 明华 into the trainings list's search: the search index holds the
# trainer (schema step 9), and the list narrows to it.
. "$(dirname "$0")/lib.sh"

start
keys 5  # the trainings (the overview comes first)
wait_for "还没有记录"

# Name, topic, date (today), hours, mode (线下), place, trainer.
keys a
wait_for "新增培训"
type_text "社区骨干培训"
keys Tab Tab Tab
type_text "2"
keys Tab Tab
type_text "社区活动室"
keys Tab
type_text "李明华"
keys F2
wait_for "已保存培训“社区骨干培训"

# A second one by someone else, which the search must leave out.
keys a
wait_for "新增培训"
type_text "财务知识培训"
keys Tab Tab Tab
type_text "3"
keys Tab Tab
type_text "街道会议室"
keys Tab
type_text "王芳"
keys F2
wait_for "已保存培训“财务知识培训"
wait_for "财务知识培训"
expect "社区骨干培训"

keys /
type_text "明华"
wait_gone "财务知识培训"
expect "社区骨干培训"
expect "李明华"
keys Escape
wait_for "财务知识培训"

keys F10
status=$(wait_exit)
[ "$status" = 0 ] || fail "exit status $status"
check_stderr
echo ok
