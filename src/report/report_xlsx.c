/* report_xlsx.c — the summary report as a workbook: a sheet per table,
 * the head row first so that a sheet reads like an export of records, the
 * period and the community under the rows. */
#include "config.h"

#include <stdlib.h>

#include "mp_report.h"
#include "mp_xlsx.h"

int mp_report_write_xlsx(const mp_report *r, const char *path, mp_err *e)
{
	mp_xlsx_book *x = mp_xlsx_open(path, e);
	char *h[3];

	if (!x)
		return e->code;
	mp_report_heading(r, h);
	for (int i = 0; i < r->ntables; i++) {
		const mp_rtable *t = &r->tables[i];

		mp_xlsx_sheet(x, t->title);
		for (int j = 0; j < t->ncols; j++)
			mp_xlsx_head(x, j, t->head[j]);
		for (int k = 0; k < t->nrows; k++)
			for (int j = 0; j < t->ncols; j++)
				mp_xlsx_cell(x, k + 1, j, t->cell[k * t->ncols + j],
				             (t->numeric >> j) & 1);
		mp_xlsx_cell(x, t->nrows + 2, 0, h[1], 0);
		mp_xlsx_cell(x, t->nrows + 3, 0, h[2], 0);
	}
	for (int i = 0; i < 3; i++)
		free(h[i]);
	return mp_xlsx_close(x, e);
}
