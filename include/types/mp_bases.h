/* mp_bases.h — incubation bases (孵化基地), the groups' stays in them
 * (入驻 … 出壳) and the services a base gives a group during its stay
 * (issue 17).
 *
 * The group's 孵化基地, 入驻日期 and 出壳日期 are kept from its stays by
 * triggers (schema step 14): 是 and the dates of its latest live stay, or
 * 否 and nothing when it has none.  The group form shows them and does
 * not edit them. */
#ifndef MP_BASES_H
#define MP_BASES_H

#include <sqlite3.h>
#include "mp_record.h"

enum mp_base_field {
	B_NAME, B_LEVEL, B_OPERATOR, B_ADDRESS, B_CAPACITY, B_KIND, B_SUPPORT,
	B_NOTES,
	B__COUNT
};

enum mp_stay_field {
	ST_GROUP, ST_BASE, ST_APPLIED, ST_MOVED_IN, ST_AGREEMENT, ST_PLANNED_OUT,
	ST_MOVED_OUT, ST_OUTCOME, ST_REASON, ST_NOTES,
	ST__COUNT
};

enum mp_base_service_field {
	BS_GROUP, BS_BASE, BS_DATE, BS_KIND, BS_HOURS, BS_AMOUNT, BS_BY,
	BS_CONTENT,
	BS__COUNT
};

/* The fixed values the rules and the report read. */
#define MP_BASE_PHYSICAL  "实体"
#define MP_BASE_VIRTUAL   "虚拟"
#define MP_OUTCOME_REGISTERED "已登记"
#define MP_OUTCOME_FILED      "已备案"
#define MP_OUTCOME_UNREGISTERED "仍未登记"
#define MP_OUTCOME_LEFT_EARLY "提前退出"
/* The base of stays made from a group's old 孵化基地 field when the
 * settings name none. */
#define MP_BASE_UNNAMED "未命名基地"

extern const mp_table mp_bases;
extern const mp_table mp_stays;
extern const mp_table mp_base_services;

/* The group's old fields as one stay (an import of a group file with
 * 孵化基地 / 入驻日期 / 出壳日期, inside its transaction): incubated is
 * 是, 否 or a base's name; the base is that name, else the settings'
 * incubation_base, else 未命名基地 (made when the ledger lacks it); the
 * outcome of a stay that ended follows legal (登记 → 已登记, 备案 →
 * 已备案, else 仍未登记).  Nothing is made when the fields say the group
 * was never in a base.  Returns MP_OK or fills e. */
int mp_stay_from_group(mp_db *db, const mp_config *cfg, int64_t group_id,
                       const char *incubated, const char *moved_in,
                       const char *moved_out, const char *legal, mp_err *e);

/* Schema step 14 (schema_steps.c): the tables of the three types made
 * when the ledger lacks them, the triggers that keep the group's fields
 * from its stays, and each group's old 孵化基地 / 入驻日期 / 出壳日期 as
 * one stay in the base it names, else the settings' incubation_base,
 * else 未命名基地. */
int mp_bases_step(sqlite3 *h, mp_err *e);
/* What step 14 takes from the settings (it is handed none): the base's
 * name and the years of a stay; called before a ledger is opened. */
void mp_bases_step_settings(const mp_config *cfg);

/* The incubation bases' part of the summary report (bases_report.c). */
int mp_bases_report(mp_db *db, const mp_config *cfg, struct mp_report *r,
                    mp_err *e);

#endif
