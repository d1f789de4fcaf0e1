/* mp_group.h — community social organizations (组织): the groups register. */
#ifndef MP_GROUP_H
#define MP_GROUP_H

#include "mp_record.h"

/* Field indexes into mp_groups.fields, in data-dictionary order. */
enum mp_group_field {
	G_NAME, G_SHORT, G_CATEGORY, G_LEGAL, G_USCC, G_FILING, G_TOWNSHIP,
	G_COMMUNITY, G_KIND, G_GRADE, G_STAGE, G_FOUNDED, G_LEADER, G_PHONE,
	G_MEMBERS, G_INCUBATED, G_MOVED_IN, G_MOVED_OUT, G_OBSERVATION, G_STATE,
	G_ADDRESS, G_NOTES,
	G__COUNT
};

extern const mp_table mp_groups;

#endif
