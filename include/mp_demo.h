/* mp_demo.h — realistic sample data (in Chinese) for --demo and tests. */
#ifndef MP_DEMO_H
#define MP_DEMO_H

#include "mp_db.h"
#include "mp_config.h"

/* Settings of the sample station: its name, township and communities. */
void mp_demo_config(mp_config *c);

/* Fill db with sample groups (every one passes every check), in one
 * transaction.  Returns MP_OK or fills e. */
int mp_demo_fill(mp_db *db, const mp_config *c, mp_err *e);

#endif
