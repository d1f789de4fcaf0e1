/* mp_stages.h — a group's stage history (阶段变更): every change of its
 * 发展阶段, dated, with the reason and who recorded it.
 *
 * The stages are the settings' list (choices.stages).  The group's stage
 * (groups.stage) is a timeline on the workflow engine (mp_workflow.h,
 * MP_WF_TIMELINE): any stage may follow any other, every move is dated
 * and kept here, entries may be added afterwards for the past, and the
 * group's field is always the latest entry's new stage. */
#ifndef MP_STAGES_H
#define MP_STAGES_H

#include "mp_figures.h"
#include "mp_workflow.h"

/* Field indexes into mp_stage_history.fields. */
enum mp_stage_field {
	SH_GROUP, SH_FROM, SH_TO, SH_DATE, SH_REASON, SH_BY,
	SH__COUNT
};

extern const mp_table mp_stage_history;

/* The group's stage as a timeline (mp_groups.workflow). */
extern const mp_workflow mp_group_stage_wf;

/* The reason of the entries schema step 12 made from the stage each group
 * had before the history was kept. */
#define MP_STAGE_BEFORE "启用阶段记录前的阶段"

/* Group group_id's timeline, oldest first, each stage with the month it
 * began: "萌芽期 2019-03 → 初创期 2020-06 → 成长期 2023-01"; only the
 * last max entries, after "… → ", when there are more.  "" when it has
 * none. */
void mp_stages_timeline(mp_db *db, int64_t group_id, int max, char *buf,
                        size_t size);

/* The report's part (mp_table.report): the groups by stage at the end of
 * the period, the moves between stages during it (a from × to table) and
 * the median time spent in each stage. */
int mp_stages_report(mp_db *db, const mp_config *cfg, mp_report *r, mp_err *e);

#endif
