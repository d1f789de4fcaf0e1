/* mp_volunteer.h — volunteers (志愿者) and their membership of groups. */
#ifndef MP_VOLUNTEER_H
#define MP_VOLUNTEER_H

#include "mp_record.h"

/* Field indexes into mp_volunteers.fields, in data-dictionary order. */
enum mp_volunteer_field {
	V_NAME, V_GENDER, V_BIRTH, V_ID_TYPE, V_ID_NO, V_VOL_NO, V_PHONE,
	V_COMMUNITY, V_SKILLS, V_SERVICE_KIND, V_STATE, V_REGISTERED, V_NOTES,
	V__COUNT
};

/* Field indexes into mp_memberships.fields. */
enum mp_membership_field {
	M_VOLUNTEER, M_GROUP, M_ROLE, M_JOINED,
	M__COUNT
};

extern const mp_table mp_volunteers;
extern const mp_table mp_memberships;

/* Find the live volunteer whose volunteer number (志愿者编号) or ID number
 * (证件号码, case-insensitive) is key.  MP_ENOTFOUND if none. */
int mp_volunteer_find(mp_db *db, const char *key, int64_t *id, mp_err *e);

#endif
