/* record_internal.h — what the record engine offers the layers above it
 * for bulk work, beside its public interface (mp_record.h). */
#ifndef RECORD_INTERNAL_H
#define RECORD_INTERNAL_H

#include "mp_record.h"

/* mp_record_save for an import, which has run every field's own check
 * (mp_field_check) already, has found each reference of a new record
 * among the live records (inside the transaction this runs in) and drops
 * r when its save fails: the same save, without those checks again
 * (only references the table's prepare fills are looked up) and without
 * keeping r's values as typed. */
int mp_record_save_batch(mp_db *db, const mp_config *cfg, mp_record *r,
                         mp_err *e);

#endif
