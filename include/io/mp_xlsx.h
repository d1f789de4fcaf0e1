/* mp_xlsx.h — a workbook of plain sheets for writers above io/ (the
 * report): text and numbers in rows, the head row bold and frozen.  Like
 * every XLSX file miaopu writes, it is made as "<path>.tmp" and renamed
 * over path only when complete. */
#ifndef MP_XLSX_H
#define MP_XLSX_H

#include "mp_err.h"

typedef struct mp_xlsx_book mp_xlsx_book;

/* A new workbook to be written to path, or NULL with e filled (no
 * libxlsxwriter, a folder that takes no file). */
mp_xlsx_book *mp_xlsx_open(const char *path, mp_err *e);

/* Start a sheet named title (made valid and unique); the cells below go
 * into it.  Its first column is made wide enough for a label. */
void mp_xlsx_sheet(mp_xlsx_book *x, const char *title);

/* The head row's cell col, in bold; the row is frozen. */
void mp_xlsx_head(mp_xlsx_book *x, int col, const char *s);

/* The cell (row, col) of the sheet (row 0 is the head row): a number when
 * numeric and s is all number (a share "12.5%" as a percentage), else
 * text. */
void mp_xlsx_cell(mp_xlsx_book *x, long row, int col, const char *s,
                  int numeric);

/* The number a cell holds for s: 1 and *v for a plain number, 2 and the
 * fraction for a share ("57.1%" is 0.571, rounded as shown, not
 * 0.5710000000000001), 0 when s is not all number. */
int mp_xlsx_number(const char *s, double *v);

/* Close the workbook and put it in place; x is freed either way. */
int mp_xlsx_close(mp_xlsx_book *x, mp_err *e);

#endif
