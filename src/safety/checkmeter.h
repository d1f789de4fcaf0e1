/* checkmeter.h — a check's progress (checkmeter.c) and its mapped file
 * (check_map.c), for restore.c. */
#ifndef MP_CHECKMETER_H
#define MP_CHECKMETER_H

#include <sqlite3.h>

#include "mp_backup.h"

struct mp_check_meter {
	sqlite3 *h;
	mp_check_progress fn;
	void *arg;
	long long check, fk;   /* steps expected: the file's check, the links' */
	long long total, base, done;
	int shown;             /* the percentage last given to fn */
};

/* Count what the check of h will take and report to fn (nothing when fn
 * is NULL): 0 now, then each new percentage, 100 at the end. */
void mp_check_meter_start(struct mp_check_meter *m, sqlite3 *h, int quick,
                          mp_check_progress fn, void *arg);
/* The file's check is done: foreign_key_check comes next. */
void mp_check_meter_links(struct mp_check_meter *m);
void mp_check_meter_end(struct mp_check_meter *m);

/* The name of a VFS (check_map.c) that gives the pager the main file's
 * pages from a map of the whole file, whatever its size; NULL when it
 * cannot be set up (then SQLite's default). */
const char *mp_check_map_vfs(void);

#endif
