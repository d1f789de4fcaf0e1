/* export_internal.h — what export.c shares with refcache.c. */
#ifndef MP_EXPORT_INTERNAL_H
#define MP_EXPORT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "db_internal.h"
#include "mp_record.h"

/* The name (first field) and UUID of the records of one table, by id, as
 * an export meets them: read from the ledger a block of ids at a time and
 * kept, so that a million service records cost a lookup for each
 * volunteer, not a search of the volunteers table for each record (two
 * fifths of the export's time).  What is kept is bounded (an index of at
 * most 131,072 ids, 4 MB, and 1 MB of longer names): past that a record is
 * searched for alone, so a larger ledger costs time, not memory. */
struct refcache;

struct refcache *refcache_new(mp_db *db, const mp_table *to);
void refcache_free(struct refcache *c);

/* The record id of to: *name and *uuid with their lengths, or both NULL
 * when there is no such record.  MP_OK or the ledger's error. */
int refcache_get(struct refcache *c, int64_t id, const char **name,
                 size_t *nlen, const char **uuid, size_t *ulen, mp_err *e);

/* Fetch the entry of id into the processor's cache, to be asked for a
 * little later: the volunteers of a million service records come in no
 * order, and each entry's fetch from memory was most of refcache_get. */
void refcache_ahead(const struct refcache *c, int64_t id);

/* The bounds of every refcache made after: ids the index covers, bytes of
 * names and UUIDs kept (tests set them small to reach them). */
void refcache_limits(size_t ids, size_t bytes);

#endif
