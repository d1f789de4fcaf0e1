/* demo_internal.h — the parts of the sample station kept in files of their
 * own (demo.c calls them inside its one transaction). */
#ifndef DEMO_INTERNAL_H
#define DEMO_INTERNAL_H

#include "mp_config.h"
#include "mp_db.h"

/* The two funding rounds (demo_projects.c): a city 公益创投 round under
 * way and a community 微创投 round in its public notice, with their
 * applications moved through their states on the days they happened
 * (today: the day number of the demo's today). */
int demo_fill_projects(mp_db *db, const mp_config *c, long today, mp_err *e);

/* The incubation bases (demo_bases.c): the street's base, which the
 * groups' stays from their 入驻日期 are in already, described, and a
 * community base, with stays finished and current and their services. */
int demo_fill_bases(mp_db *db, const mp_config *c, long today, mp_err *e);

/* The groups' stage histories (demo_stages.c): real paths over the
 * years, forward, skipping and back, each ending at the group's stage. */
int demo_fill_stages(mp_db *db, const mp_config *c, mp_err *e);

#endif
