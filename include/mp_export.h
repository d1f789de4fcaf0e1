/* mp_export.h — writing records out for spreadsheets. */
#ifndef MP_EXPORT_H
#define MP_EXPORT_H

#include <stdio.h>
#include "mp_record.h"

/* Write every live record of t to out as CSV: UTF-8 with a byte-order mark
 * (Excel and WPS then read it as UTF-8), CRLF line ends, a header row of the
 * data dictionary's Chinese labels followed by UUID, 创建时间, 更新时间 and,
 * for each reference field, "<its label>UUID" (志愿者UUID, 组织UUID …).
 * References (MP_K_REF) are written as the name of the record they point
 * to (and its UUID in that last column, which mp_import_csv reads back),
 * MP_F_MASK fields masked (mp_mask), hours as typed ("2", "1.5").
 * Rows are streamed, never all in memory.  *count (if not NULL) gets the
 * number of records written. */
int mp_export_csv(mp_db *db, const mp_table *t, FILE *out, long *count,
                  mp_err *e);

enum mp_export_flags {
	MP_EXPORT_FULL = 1 << 0   /* MP_F_MASK fields (ID numbers) written whole */
};

/* mp_export_csv with flags (enum mp_export_flags). */
int mp_export_csv_flags(mp_db *db, const mp_table *t, FILE *out,
                        unsigned flags, long *count, mp_err *e);

#endif
