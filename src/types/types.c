/* types.c — the built-in record types, one line each: the registry
 * (src/record/registry.c) reads this list.
 *
 * Adding a record type: its own file declares its mp_table; one line
 * below names it, after the types it refers to. */
#include "config.h"

#include "mp_activity.h"
#include "mp_group.h"
#include "mp_registry.h"
#include "mp_training.h"
#include "mp_visit.h"
#include "mp_volunteer.h"

const mp_table *const mp_builtin_types[] = {
	&mp_groups,
	&mp_volunteers,
	&mp_activities,
	&mp_hours,
	&mp_memberships,
	&mp_trainings,
	&mp_training_groups,
	&mp_training_people,
	&mp_visits,
};
const int mp_nbuiltin_types = sizeof mp_builtin_types / sizeof mp_builtin_types[0];
