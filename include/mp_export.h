/* mp_export.h — writing records out for spreadsheets. */
#ifndef MP_EXPORT_H
#define MP_EXPORT_H

#include <stdio.h>
#include "mp_record.h"

/* Write every live record of t to out as CSV: UTF-8 with a byte-order mark
 * (Excel and WPS then read it as UTF-8), CRLF line ends, a header row of the
 * data dictionary's Chinese labels followed by UUID, 创建时间, 更新时间.
 * References (MP_K_REF) are written as the name of the record they point
 * to, MP_F_MASK fields masked (mp_mask), hours as typed ("2", "1.5").
 * Rows are streamed, never all in memory.  *count (if not NULL) gets the
 * number of records written. */
int mp_export_csv(mp_db *db, const mp_table *t, FILE *out, long *count,
                  mp_err *e);

#endif
