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
 * MP_F_MASK fields masked (mp_mask) or, with MP_EXPORT_FULL, whole as
 * ="110101199003071234" (text in Excel and WPS), hours as typed ("2",
 * "1.5"); a cell that would run as a formula is marked (mp_csv_marked).
 * Rows are streamed, never all in memory.  *count (if not NULL) gets the
 * number of records written. */
int mp_export_csv(mp_db *db, const mp_table *t, FILE *out, long *count,
                  mp_err *e);

/* Flags of an export. */
enum {
	MP_EXPORT_FULL = 1 << 0   /* ID numbers whole, not masked */
};

/* One CSV row to out: each field quoted by libcsv, commas between, CRLF
 * after; lens may be NULL (then each cell's strlen).  0 or EOF. */
int mp_csv_row(FILE *out, const char *const *cells, const size_t *lens, int n);

/* A cell a spreadsheet would run as a formula — beginning with any
 * number of apostrophes and then = + - @ TAB or CR, and not a plain number
 * like "-5" or "+1.5" — is written with one apostrophe before it, which
 * Excel and WPS show as text.  mp_csv_marked says whether s (len bytes)
 * is such a cell. */
int mp_csv_marked(const char *s, size_t len);

/* A cell as read from a CSV file, back to its value, in place: one
 * apostrophe off a marked cell (apostrophes, then = + - @ TAB or CR), and
 * ="DIGITS" (an ID number written by --full, digits and a last X) to
 * DIGITS.  Every value mp_export_csv writes comes back unchanged. */
void mp_csv_unmark(char *s);

/* mp_export_csv with flags. */
int mp_export_csv_flags(mp_db *db, const mp_table *t, int flags, FILE *out,
                        long *count, mp_err *e);

/* The columns an export of t has: its fields, then UUID, 创建时间,
 * 更新时间, then a UUID column per reference field; their headers; whether
 * a column holds numbers (0 for text, else its enum mp_number, mp_kinds.h). */
#define MP_EXPORT_MAXCOLS 48
int mp_export_ncols(const mp_table *t);
const char *mp_export_head(const mp_table *t, int col);
int mp_export_numeric(const mp_table *t, int col);

/* Called once per record with its cells as exported (never NULL; lens
 * their byte lengths).  Returns 0, or -1 when writing failed (errno says
 * why). */
typedef int (*mp_export_row_fn)(void *arg, const char *const *cells,
                                const size_t *lens, int ncols);

/* Stream every live record of t, in the order entered, to fn. */
int mp_export_each(mp_db *db, const mp_table *t, int flags,
                   mp_export_row_fn fn, void *arg, long *count, mp_err *e);

/* Nonzero when XLSX files can be made (libxlsxwriter is loaded the first
 * time one is; see xlsx_lazy.c). */
int mp_xlsx_available(void);

/* Write the live records of each of the n tables to an XLSX workbook at
 * path, a sheet per table named by its Chinese label (a table longer than
 * a sheet continues on the next); counts[i] (if not NULL) gets the
 * number of records of tables[i]. */
int mp_export_xlsx(mp_db *db, const mp_table *const *tables, int n,
                   int flags, const char *path, long *counts, mp_err *e);

#endif
