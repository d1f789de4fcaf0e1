/* mp_demo.h — realistic sample data (in Chinese) for --demo and tests. */
#ifndef MP_DEMO_H
#define MP_DEMO_H

#include "mp_db.h"
#include "mp_config.h"

/* Settings of the sample station: its name, township, communities,
 * operator, person in charge and contact number. */
void mp_demo_config(mp_config *c);

/* Fill db with a lived-in station: groups, volunteers and their
 * memberships, activities and service records over the last 18 months,
 * every one saved through mp_record_save so that it passes every check,
 * all in one transaction, the same for the same day.  While it saves a
 * service record it sets $MIAOPU_TODAY to a day soon after the service
 * (so that entries are not all "late"), restoring it afterwards.
 * Returns MP_OK or fills e. */
int mp_demo_fill(mp_db *db, const mp_config *c, mp_err *e);

#endif
