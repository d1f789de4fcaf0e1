/* report_out.c — the summary report as text and as CSV. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "mp_file.h"
#include "mp_export.h"
#include "mp_i18n.h"
#include "mp_report.h"
#include "mp_text.h"

static int out_fail(mp_err *e)
{
	int err = errno;

	if (err == ENOSPC)
		return mp_err_set(e, MP_EFULL,
		                  _("cannot write the report: the disk is full"));
	return mp_err_set(e, MP_EIO, _("cannot write the report: %s"),
	                  err ? strerror(err) : _("write error"));
}

void mp_report_heading(const mp_report *r, char *h[3])
{
	const char *title = r->title ? r->title : _("Summary report");

	if (r->station && *r->station)
		h[0] = mp_asprintf("%s %s", r->station, title);
	else
		h[0] = mp_strdup(title);
	h[1] = mp_asprintf(_("Period: %s to %s"), r->from, r->to);
	h[2] = r->community ? mp_asprintf(_("Community: %s"), r->community)
	                    : mp_strdup(_("All communities"));
}

static const char *cellp(const mp_rtable *t, int row, int col)
{
	return t->cell[row * t->ncols + col];
}

/* The largest value of the bar column, rows other than the total. */
static double bar_max(const mp_rtable *t)
{
	double max = 0;

	for (int i = 0; i < t->nrows; i++) {
		double v = strtod(cellp(t, i, t->bar), NULL);
		if (strcmp(cellp(t, i, 0), _("Total")) != 0 && v > max)
			max = v;
	}
	return max;
}

static void put_cell(FILE *out, const char *s, int width, int right)
{
	int pad = width - mp_text_width(s);

	if (right)
		fprintf(out, "%*s%s", pad > 0 ? pad : 0, "", s);
	else
		fprintf(out, "%s%*s", s, pad > 0 ? pad : 0, "");
}

/* The longest bar: what the line has left after the table (and two
 * blanks), at most 40 columns; none when fewer than 4 are left. */
static int bar_room(int width, int table)
{
	int room = width - table - 2;

	if (room > 40)
		room = 40;
	return room >= 4 ? room : 0;
}

static void text_table(const mp_rtable *t, FILE *out, int width)
{
	int w[16] = { 0 }, n = t->ncols < 16 ? t->ncols : 16, total = 0, bars;
	double max;

	for (int j = 0; j < n; j++) {
		w[j] = mp_text_width(t->head[j]);
		for (int i = 0; i < t->nrows; i++) {
			int cw = mp_text_width(cellp(t, i, j));
			if (cw > w[j])
				w[j] = cw;
		}
		total += w[j] + (j ? 2 : 0);
	}
	/* Each table's bars fit in what its own columns leave of the line,
	 * so that the longest is never cut at the edge. */
	bars = width > 0 && t->bar >= 0 ? bar_room(width, total) : 0;
	max = bars > 0 ? bar_max(t) : 0;
	fprintf(out, "\n【%s】\n", t->title);
	for (int j = 0; j < n; j++) {
		fputs(j ? "  " : "", out);
		put_cell(out, t->head[j], w[j], (t->numeric >> j) & 1);
	}
	fputc('\n', out);
	for (int j = 0; j < total; j++)
		fputc('-', out);
	fputc('\n', out);
	for (int i = 0; i < t->nrows; i++) {
		for (int j = 0; j < n; j++) {
			fputs(j ? "  " : "", out);
			/* The last column is not padded (no trailing blanks)
			 * unless a bar follows. */
			if (j == n - 1 && !((t->numeric >> j) & 1) && max <= 0)
				fputs(cellp(t, i, j), out);
			else
				put_cell(out, cellp(t, i, j), w[j], (t->numeric >> j) & 1);
		}
		if (max > 0 && strcmp(cellp(t, i, 0), _("Total")) != 0) {
			double v = strtod(cellp(t, i, t->bar), NULL);
			int len = (int)(v / max * bars + 0.5);
			if (v > 0 && len < 1)
				len = 1;
			if (len > 0)
				fputs("  ", out);
			for (int k = 0; k < len; k++)
				fputc('#', out);
		}
		fputc('\n', out);
	}
}

int mp_report_write_text(const mp_report *r, FILE *out, int width, mp_err *e)
{
	char *h[3];

	mp_err_clear(e);
	errno = 0;
	mp_report_heading(r, h);
	for (int i = 0; i < 3; i++) {
		fprintf(out, "%s\n", h[i]);
		free(h[i]);
	}
	for (int i = 0; i < r->ntables; i++)
		text_table(&r->tables[i], out, width);
	if (fflush(out) == EOF || ferror(out))
		return out_fail(e);
	return MP_OK;
}

static int csv_row(FILE *out, char **cells, int n)
{
	return mp_csv_row(out, (const char *const *)cells, NULL, n);
}

int mp_report_write_csv(const mp_report *r, FILE *out, mp_err *e)
{
	char *line[1], *h[3];
	int bad;

	mp_err_clear(e);
	errno = 0;
	fputs("\xEF\xBB\xBF", out);
	mp_report_heading(r, h);
	bad = 0;
	for (int i = 0; i < 3; i++) {
		bad |= csv_row(out, &h[i], 1) == EOF;
		free(h[i]);
	}
	if (bad)
		return out_fail(e);
	for (int i = 0; i < r->ntables; i++) {
		const mp_rtable *t = &r->tables[i];
		fputs("\r\n", out);
		line[0] = t->title;
		if (csv_row(out, line, 1) == EOF || csv_row(out, t->head, t->ncols) == EOF)
			return out_fail(e);
		for (int k = 0; k < t->nrows; k++)
			if (csv_row(out, &t->cell[k * t->ncols], t->ncols) == EOF)
				return out_fail(e);
	}
	if (fflush(out) == EOF || ferror(out))
		return out_fail(e);
	return MP_OK;
}

static int text_writer(void *ctx, FILE *f, mp_err *e)
{
	return mp_report_write_text(ctx, f, 0, e);
}

static int csv_writer(void *ctx, FILE *f, mp_err *e)
{
	return mp_report_write_csv(ctx, f, e);
}

int mp_report_save(const mp_report *r, const char *format, const char *path,
                   mp_err *e)
{
	mp_err_clear(e);
	if (strcmp(format, "xlsx") == 0)
		return mp_report_write_xlsx(r, path, e);
	if (strcmp(format, "csv") == 0)
		return mp_write_file(path, csv_writer, (void *)r, e);
	return mp_write_file(path, text_writer, (void *)r, e);
}
