/* export_internal.h — what export.c shares with refcache.c. */
#ifndef MP_EXPORT_INTERNAL_H
#define MP_EXPORT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "db_internal.h"
#include "mp_record.h"

/* The name (first field) and UUID of the records of one table, by id, as
 * an export meets them: each is read from the ledger once and kept, so
 * that a million service records cost a lookup for each volunteer, not a
 * search of the volunteers table for each record (two fifths of the
 * export's time).  What is kept is bounded (REFCACHE_MAX records, some
 * 10 MB at most): past that it starts again. */
struct refcache;

struct refcache *refcache_new(mp_db *db, const mp_table *to);
void refcache_free(struct refcache *c);

/* The record id of to: *name and *uuid with their lengths, or both NULL
 * when there is no such record.  MP_OK or the ledger's error. */
int refcache_get(struct refcache *c, int64_t id, const char **name,
                 size_t *nlen, const char **uuid, size_t *ulen, mp_err *e);

#endif
