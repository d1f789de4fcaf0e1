/* listview.c — the list of one record type, drawn from its table.
 *
 * The screen holds only the rows it shows.  Moving past the edge fetches
 * one row or one page beyond it by key (mp_list.h); nothing counts or loads
 * the whole table. */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "conflict.h"
#include "mp_check.h"
#include "mp_i18n.h"
#include "mp_ident.h"
#include "mp_kinds.h"
#include "mp_lineedit.h"
#include "mp_list.h"
#include "mp_record.h"
#include "mp_text.h"
#include "mp_workflow.h"
#include "screen.h"
#include "ui.h"
#include "widgets.h"

#define MAXROWS 256
#define MAXCOLS 16

struct listview {
	struct ui_screen s;
	const mp_table *t;
	mp_listq *q;
	mp_row rows[MAXROWS];
	int n, cur, page;
	mp_key top;          /* first row shown, to re-read the page */
	int have_top;
	int stale;           /* re-read before drawing */
	int searching;
	mp_line search;
	int cols[MAXCOLS];   /* field index of each list column shown */
	int cells[MAXCOLS];  /* its place among the row's cells */
	int ncols;
	int filter_field;    /* field being filtered (between two pick lists) */
	mp_strlist filter_values;  /* the values offered for it */
	int filter_fields[MAXCOLS];
	int nfilter_fields;
	/* A child list: the records whose parent_field holds parent_id. */
	const mp_child *child;
	long long parent_id;
	char *parent_name;
	/* A picker: Enter hands the record to pick_done. */
	void (*pick_done)(void *arg, long long id, const char *name);
	void *pick_arg;
	/* The widths identifier columns need (ident_fit), measured when the
	 * rows are re-read, 0 for other columns. */
	int identw[MAXCOLS];
	int identw_col[MAXCOLS];   /* the field each was measured for */
	int identw_ok;
	long long identw_gen;      /* the ledger's state when measured */
	/* Where rows[0] stands in the whole list (0: first), followed as
	 * the keys move the window, or POS_UNKNOWN / POS_FROM_END. */
	long long pos0;
};

#define POS_UNKNOWN (-1)   /* ask the core once (mp_listq_rank) */
#define POS_FROM_END (-2)  /* the window ends the list: count - n */
#define POS_FAR (-3)       /* beyond the count's cap: not shown */
/* Counting stops here ("共 100000 多条"): opening a list of a million
 * service records costs a bounded count, not a whole table's. */
#define COUNT_CAP 100000

static void set_rows_error(const mp_err *e)
{
	ui_error("%s", e->msg);
}

static void remember_top(struct listview *lv)
{
	mp_key_clear(&lv->top);
	lv->have_top = lv->n > 0;
	if (lv->have_top)
		mp_key_copy(&lv->top, &lv->rows[0].key);
}

/* Replace the rows by a fetch; returns how many came back. */
static int fetch(struct listview *lv, const mp_key *from, int dir, int inclusive,
                 int max)
{
	mp_row got[MAXROWS];
	int n = 0;
	mp_err e;
	mp_err_clear(&e);
	if (max > MAXROWS)
		max = MAXROWS;
	if (mp_listq_fetch(lv->q, from, dir, inclusive, max, got, &n, &e) != MP_OK) {
		set_rows_error(&e);
		return -1;
	}
	mp_rows_clear(lv->rows, lv->n);
	memcpy(lv->rows, got, (size_t)n * sizeof got[0]);
	lv->n = n;
	return n;
}

static void clamp_cur(struct listview *lv)
{
	if (lv->cur >= lv->n)
		lv->cur = lv->n - 1;
	if (lv->cur < 0)
		lv->cur = 0;
}

static void go_home(struct listview *lv)
{
	fetch(lv, NULL, 1, 0, lv->page);
	lv->cur = 0;
	lv->pos0 = 0;
	remember_top(lv);
}

static void go_end(struct listview *lv)
{
	fetch(lv, NULL, -1, 0, lv->page);
	lv->pos0 = POS_FROM_END;
	lv->cur = lv->n - 1;
	clamp_cur(lv);
	remember_top(lv);
}

/* Re-read the page from its first row, keeping the cursor on the same
 * record when it is still there; fill up from the end when the page came
 * back short. */
static void reload_at(struct listview *lv, int64_t id)
{
	int got;
	if (lv->have_top) {
		mp_key top;
		memset(&top, 0, sizeof top);
		mp_key_copy(&top, &lv->top);
		got = fetch(lv, &top, 1, 1, lv->page);
		mp_key_clear(&top);
		lv->pos0 = POS_UNKNOWN;   /* rows may have come or gone above */
	} else {
		got = fetch(lv, NULL, 1, 0, lv->page);
		lv->pos0 = 0;
	}
	if (got >= 0 && got < lv->page) {
		fetch(lv, NULL, -1, 0, lv->page);
		lv->pos0 = POS_FROM_END;
	}
	for (int i = 0; i < lv->n; i++)
		if (lv->rows[i].key.id == id) {
			lv->cur = i;
			break;
		}
	clamp_cur(lv);
	remember_top(lv);
	lv->stale = 0;
}

static void reload(struct listview *lv)
{
	reload_at(lv, lv->n > 0 ? lv->rows[lv->cur].key.id : 0);
}

/* Show record id with some rows above it. */
static void show_record(struct listview *lv, int64_t id)
{
	mp_key key;
	mp_row before[MAXROWS];
	int n = 0;
	mp_err e;
	memset(&key, 0, sizeof key);
	mp_err_clear(&e);
	if (mp_listq_key_of(lv->q, id, &key, &e) != MP_OK) {
		lv->stale = 1;
		return;
	}
	mp_listq_fetch(lv->q, &key, -1, 0, lv->page / 2, before, &n, &e);
	mp_key_clear(&lv->top);
	mp_key_copy(&lv->top, n > 0 ? &before[0].key : &key);
	lv->have_top = 1;
	mp_rows_clear(before, n);
	mp_key_clear(&key);
	reload_at(lv, id);
}

static void move_down(struct listview *lv)
{
	mp_row one;
	int n = 0;
	mp_err e;
	if (lv->cur + 1 < lv->n) {
		lv->cur++;
		return;
	}
	if (lv->n == 0)
		return;
	mp_err_clear(&e);
	if (mp_listq_fetch(lv->q, &lv->rows[lv->n - 1].key, 1, 0, 1, &one, &n, &e) != MP_OK) {
		set_rows_error(&e);
		return;
	}
	if (n == 0)
		return;
	if (lv->n >= lv->page) {
		mp_rows_clear(&lv->rows[0], 1);
		memmove(&lv->rows[0], &lv->rows[1], (size_t)(lv->n - 1) * sizeof lv->rows[0]);
		lv->n--;
		if (lv->pos0 >= 0)
			lv->pos0++;
	}
	lv->rows[lv->n++] = one;
	lv->cur = lv->n - 1;
	remember_top(lv);
}

static void move_up(struct listview *lv)
{
	mp_row one;
	int n = 0;
	mp_err e;
	if (lv->cur > 0) {
		lv->cur--;
		return;
	}
	if (lv->n == 0)
		return;
	mp_err_clear(&e);
	if (mp_listq_fetch(lv->q, &lv->rows[0].key, -1, 0, 1, &one, &n, &e) != MP_OK) {
		set_rows_error(&e);
		return;
	}
	if (n == 0)
		return;
	if (lv->n >= lv->page) {
		mp_rows_clear(&lv->rows[lv->n - 1], 1);
		lv->n--;
	}
	memmove(&lv->rows[1], &lv->rows[0], (size_t)lv->n * sizeof lv->rows[0]);
	lv->rows[0] = one;
	lv->n++;
	lv->cur = 0;
	lv->pos0 = lv->pos0 > 0 ? lv->pos0 - 1 : POS_UNKNOWN;
	remember_top(lv);
}

static void page_down(struct listview *lv)
{
	mp_key last;
	int got;
	if (lv->n == 0)
		return;
	if (lv->n < lv->page) {
		lv->cur = lv->n - 1;
		return;
	}
	memset(&last, 0, sizeof last);
	mp_key_copy(&last, &lv->rows[lv->n - 1].key);
	got = fetch(lv, &last, 1, 0, lv->page);
	if (got >= 0 && got < lv->page)
		go_end(lv);
	else if (got == 0)
		go_end(lv);
	else {
		lv->cur = lv->n - 1;
		if (lv->pos0 >= 0)
			lv->pos0 += lv->page;   /* the window moved by a page */
	}
	mp_key_clear(&last);
	remember_top(lv);
}

static void page_up(struct listview *lv)
{
	mp_key first;
	int got;
	if (lv->n == 0)
		return;
	memset(&first, 0, sizeof first);
	mp_key_copy(&first, &lv->rows[0].key);
	got = fetch(lv, &first, -1, 0, lv->page);
	mp_key_clear(&first);
	if (got >= 0 && got < lv->page)
		go_home(lv);
	else {
		lv->cur = 0;
		lv->pos0 = lv->pos0 >= lv->page ? lv->pos0 - lv->page : POS_UNKNOWN;
	}
	remember_top(lv);
}

/* ---- drawing ---- */

/* A cell of field fd's column: a kind that aligns right (money) ends at
 * the column's right edge, so that the digits line up. */
static void put_cell(int y, int x, const char *s, int cols, enum ui_role role,
                     const mp_field *fd)
{
	int pad = mp_kind_of(fd)->align_right ? cols - mp_text_width(s) : 0;
	if (pad > 0) {
		ui_put(y, x, "", pad, role);
		ui_put(y, x + pad, s, cols - pad, role);
	} else {
		/* Never cut without a sign: what does not fit ends in "…". */
		ui_put_cut(y, x, s, cols, role);
	}
}

/* The width of list column c, w as declared: an identifier's column
 * (志愿者编号, 证件号码, codes: mp_ident.h) is widened to its widest value
 * kept, so that none is ever cut and two numbers never look alike. */
static int ident_fit(struct listview *lv, int c, int w)
{
	/* Measured again only when the ledger changed (or the columns did):
	 * the measure reads every row (40 ms among 100,000 volunteers), and
	 * a sort, a search or a page does not change what is kept. */
	long long gen = mp_db_generation(ui->db);
	if (!lv->identw_ok || lv->identw_gen != gen)
		lv->identw_ok = 0;
	for (int i = 0; i < lv->ncols && i < MAXCOLS; i++) {
		mp_err e;

		if (lv->identw_ok && lv->identw_col[i] == lv->cols[i])
			continue;
		mp_err_clear(&e);
		lv->identw[i] = mp_field_is_ident(lv->t, lv->cols[i])
		        ? mp_ident_width(ui->db, lv->t, lv->cols[i], &e) : 0;
		lv->identw_col[i] = lv->cols[i];
		if (lv->identw[i] < 0) {
			set_rows_error(&e);
			lv->identw[i] = 0;
		}
	}
	lv->identw_ok = 1;
	lv->identw_gen = gen;
	return c < MAXCOLS && lv->identw[c] > w ? lv->identw[c] : w;
}

static int head_width(const struct listview *lv, int c)
{
	return mp_text_width(mp_field_label(&lv->t->fields[lv->cols[c]]));
}

/* Widen the n columns whose head is wider than the column ("Legal
 * status", "Home community" in English), in order, out of extra spare
 * screen columns, then a column at a time from the widest other text
 * column, down to its own head (and 8 columns, the name 12); returns
 * what is left of extra. */
static int label_fit(struct listview *lv, int width[], int n, int extra)
{
	for (int i = 0; i < n; i++) {
		int need = head_width(lv, i) - width[i];
		int take = need < extra ? need : extra;

		if (take > 0) {
			width[i] += take;
			extra -= take;
			need -= take;
		}
		while (need > 0) {
			int best = -1, spare = 0;

			for (int j = 0; j < n; j++) {
				int floor = head_width(lv, j), s;

				if (floor < (j == 0 ? 12 : 8))
					floor = j == 0 ? 12 : 8;
				s = width[j] - floor;
				if (j != i && !lv->identw[j] && s > spare) {
					best = j;
					spare = s;
				}
			}
			if (best < 0)
				break;
			width[best]--;
			width[i]++;
			need--;
		}
	}
	return extra;
}

/* Widths of the visible columns for cols screen columns; returns how many
 * columns fit. */
static int layout(struct listview *lv, int width[], int cols)
{
	int total = 0, n = 0;
	for (int i = 0; i < lv->ncols; i++) {
		int w = lv->t->fields[lv->cols[i]].list_width;
		if (w < 2)
			w = 8;
		w = ident_fit(lv, i, w);
		if (total + (n ? 1 : 0) + w > cols)
			break;
		width[n++] = w;
		total += (n > 1 ? 1 : 0) + w;
	}
	if (n > 0) {
		/* The heads first get the room they need, then the name takes
		 * what is left, up to 30 columns; beyond that the other columns
		 * share it, so that a group's name is not cut in a list that has
		 * room. */
		int extra = label_fit(lv, width, n, cols - total), first = 30 - width[0];
		if (first < 0)
			first = 0;
		if (n == 1 || extra <= first) {
			width[0] += extra;
		} else {
			width[0] += first;
			extra -= first;
			for (int i = 1; i < n; i++)
				width[i] += extra / (n - 1) + (i <= extra % (n - 1) ? 1 : 0);
		}
	}
	return n;
}

static void describe(struct listview *lv, char *buf, size_t size)
{
	const mp_table *t = lv->t;
	size_t used;
	if (lv->pick_done)
		snprintf(buf, size, _("Choose a %s"), _(t->unit_en));
	else if (lv->child && mp_listq_bin(lv->q)) {
		char what[512];
		snprintf(what, sizeof what, "%s · %s", lv->parent_name,
		         _(lv->child->title_en));
		snprintf(buf, size, _("%s — recycle bin"), what);
	} else if (lv->child)
		snprintf(buf, size, "%s · %s", lv->parent_name, _(lv->child->title_en));
	else if (mp_listq_bin(lv->q))
		snprintf(buf, size, _("%s — recycle bin"), _(t->title_en));
	else
		snprintf(buf, size, "%s", _(t->title_en));
	used = strlen(buf);
	if (t->nsorts > 1 && used < size)
		used += snprintf(buf + used, size - used, " · %s",
		                 _(t->sorts[mp_listq_sort(lv->q)].label_en));
	for (int i = 0; i < t->nfields && used < size; i++) {
		const char *v = mp_listq_filter(lv->q, i);
		if (lv->child && i == lv->child->parent_field)
			continue;  /* the title names the parent already */
		if (v)
			used += snprintf(buf + used, size - used, " · %s=%s",
			                 mp_field_label(&t->fields[i]), v);
	}
	if (mp_listq_preset(lv->q) >= 0 && used < size)
		used += snprintf(buf + used, size - used, " · %s",
		                 _(t->presets[mp_listq_preset(lv->q)].label_en));
	if ((lv->searching || lv->search.len) && used < size)
		snprintf(buf + used, size - used, " · %s", _("Search: "));
}

static int lv_key(struct ui_screen *s, wint_t ch, int is_key);

/* Whether the list marks rows: a table's first preset (the visits'
 * overdue follow-ups) is what its rows are marked by, with a "!" in a
 * gutter and in bold, whatever the list shows. */
static int marks(const struct listview *lv)
{
	return lv->t->npresets > 0 && !mp_listq_bin(lv->q);
}

static void mark_rows(struct listview *lv)
{
	char today[11], soon[11];
	if (!marks(lv)) {
		mp_listq_set_mark(lv->q, -1, NULL, NULL);
		return;
	}
	mp_today(today);
	mp_date_add_days(today, ui->cfg->due_soon_days, soon);
	mp_listq_set_mark(lv->q, 0, today, soon);
}

/* "第 3 / 共 57 条" (row 3 of 57) into buf; returns its width, 0 when
 * nothing is known.  The count is the core's, kept until the list or the
 * ledger changes; where the window stands is followed as it moves, and
 * asked of the core only after a jump (a save, a reload). */
static int position_text(struct listview *lv, char *buf, size_t size)
{
	long long total = 0;
	int more = 0;
	mp_err e;

	mp_err_clear(&e);
	buf[0] = '\0';
	/* While a search is typed, each key is a new view: no count until
	 * the search is done (Enter), so that typing stays quick. */
	if (lv->searching)
		return 0;
	if (mp_listq_count(lv->q, COUNT_CAP, &total, &more, &e) != MP_OK)
		return 0;
	if (lv->n > 0 && lv->pos0 == POS_UNKNOWN) {
		long long before = 0;
		if (mp_listq_rank(lv->q, &lv->rows[0].key, COUNT_CAP, &before, &e) != MP_OK)
			return 0;
		lv->pos0 = before >= COUNT_CAP ? POS_FAR : before;
	}
	if (lv->n > 0 && lv->pos0 == POS_FROM_END && !more)
		lv->pos0 = total - lv->n >= 0 ? total - lv->n : 0;
	if (lv->n == 0 || lv->pos0 < 0)
		snprintf(buf, size, more ? _("%lld+ in all") : _("%lld in all"), total);
	else if (more)
		snprintf(buf, size, _("%lld of %lld+"), lv->pos0 + lv->cur + 1, total);
	else
		snprintf(buf, size, _("%lld of %lld"), lv->pos0 + lv->cur + 1, total);
	return mp_text_width(buf);
}

/* A click on a row selects it; on the selected row, opens it (Enter). */
static void lv_row_clicked(struct ui_screen *s, int r)
{
	struct listview *lv = (struct listview *)s;
	if (r < 0 || r >= lv->n)
		return;
	if (r == lv->cur && !lv->searching)
		lv_key(s, '\n', 0);
	else
		lv->cur = r;
}

/* The columns a label needs on at most two lines, its words whole (a
 * Chinese label may break between any two characters). */
static int label_need(const char *label)
{
	int lw = mp_text_width(label), word = 0, run = 0;
	const char *p = label;

	while (*p) {
		wchar_t wc;
		p += mp_utf8_decode(p, strlen(p), &wc);
		if (wc == ' ' || mp_wcwidth(wc) == 2)
			run = wc == ' ' ? 0 : 2;
		else
			run += mp_wcwidth(wc);
		if (run > word)
			word = run;
	}
	for (int w = word > 1 ? word : 1; w < lw; w++)
		if (mp_text_wrap_count(label, w) <= 2)
			return w;
	return lw;
}

/* Make room for the labels of the n columns of width[] (which layout
 * gave cols columns): none is ever cut.  The first column (the name)
 * gives up what it has beyond its own need and ten columns; then the
 * last columns are left out.  Returns how many columns stay, and in
 * *lines how many lines the header takes (2 when a label wraps). */
static int fit_labels(struct listview *lv, int width[], int n, int cols, int *lines)
{
	int need[MAXCOLS], total, given[MAXCOLS];

	*lines = 1;
	/* First, every label on one line, if the first column can spare the
	 * room from what layout gave it beyond its declared width. */
	memcpy(given, width, sizeof given);
	total = n > 0 ? n - 1 : 0;
	for (int c = 0; c < n; c++) {
		int lw = mp_text_width(mp_field_label(&lv->t->fields[lv->cols[c]]));
		if (width[c] < lw)
			width[c] = lw;
		total += width[c];
	}
	if (n > 0 && total > cols) {
		/* Names come first: the first column keeps room for twelve
		 * Chinese characters, and a label wraps rather than a name
		 * being cut. */
		int own = lv->t->fields[lv->cols[0]].list_width;
		int spare = width[0] - (own > 24 ? own : 24);
		if (spare >= total - cols) {
			width[0] -= total - cols;
			return n;
		}
	}
	if (total <= cols) {
		if (n > 0)
			width[0] += cols - total;
		return n;
	}
	memcpy(width, given, sizeof given);
	for (;;) {
		total = n > 0 ? n - 1 : 0;
		for (int c = 0; c < n; c++) {
			need[c] = label_need(mp_field_label(&lv->t->fields[lv->cols[c]]));
			if (width[c] < need[c])
				width[c] = need[c];
			total += width[c];
		}
		int floor0 = need[0] > 10 ? need[0] : 10;
		if (n > 0 && total > cols && width[0] > floor0) {
			int give = total - cols < width[0] - floor0 ? total - cols : width[0] - floor0;
			width[0] -= give;
			total -= give;
		}
		if (total <= cols || n <= 1)
			break;
		n--;   /* leave the last column out, and try again */
	}
	/* What is left over goes to the first column, as layout does. */
	if (n > 0 && total < cols)
		width[0] += cols - total;
	for (int c = 0; c < n; c++)
		if (mp_text_width(mp_field_label(&lv->t->fields[lv->cols[c]])) > width[c])
			*lines = 2;
	return n;
}

/* The header: each column's label, on two lines where it wraps. */
static void draw_header(struct listview *lv, int y, int gutter, const int width[],
                        int n, int lines)
{
	int x = gutter;
	for (int c = 0; c < n; c++) {
		const mp_field *fd = &lv->t->fields[lv->cols[c]];
		const char *label = mp_field_label(fd), *next = label;
		for (int l = 0; l < lines; l++) {
			char part[256];
			const char *from = next;
			size_t len = *from ? mp_text_wrap(from, width[c], NULL, &next) : 0;
			snprintf(part, sizeof part, "%.*s", (int)len, from);
			put_cell(y + l, x, part, width[c], R_HEADER, fd);
		}
		x += width[c] + 1;
	}
}

static void lv_draw(struct ui_screen *s, int top, int height)
{
	struct listview *lv = (struct listview *)s;
	int width[MAXCOLS], n, x;
	char title[512];
	int gutter = marks(lv) ? 2 : 0, header = 1;

	n = layout(lv, width, COLS - gutter);
	n = fit_labels(lv, width, n, COLS - gutter, &header);
	int page = height - 1 - header;

	if (page < 1)
		page = 1;
	if (page > MAXROWS)
		page = MAXROWS;
	mark_rows(lv);
	if (page != lv->page || lv->stale) {
		lv->page = page;
		reload(lv);
	}

	describe(lv, title, sizeof title);
	if (mp_text_width(title) > COLS) {
		ui_put_cut(top, 0, title, COLS, R_TITLE);
		x = COLS;
	} else {
		x = ui_puts(top, 0, title, COLS, R_TITLE);
	}
	/* Where the cursor stands, at the right of the title line. */
	char where[96];
	int ww = position_text(lv, where, sizeof where), right = COLS;
	if (ww > 0 && x + ww + 2 <= COLS) {
		ui_puts(top, COLS - ww, where, ww, R_NORMAL);
		right = COLS - ww - 2;
	}
	if (lv->searching || lv->search.len) {
		char *text = mp_line_get(&lv->search);
		int room = right - x - 1;
		if (lv->searching && room > 0) {
			int cx = mp_line_view(&lv->search, room);
			/* Draw from the editor's scroll position. */
			const char *p = text;
			for (size_t k = 0; k < lv->search.scroll && *p; k++) {
				wchar_t wc;
				p += mp_utf8_decode(p, strlen(p), &wc);
			}
			ui_puts(top, x, p, room, R_NORMAL);
			ui_cursor(top, x + cx);
		} else {
			ui_puts(top, x, text, room, R_NORMAL);
		}
		free(text);
	}

	draw_header(lv, top + 1, gutter, width, n, header);
	top += header - 1;   /* the rows begin under a two-line header */
	for (int r = 0; r < lv->n && r < page; r++) {
		enum ui_role role = r == lv->cur ? R_SELECTED
		                    : lv->rows[r].marked ? R_MARKED : R_NORMAL;
		x = gutter;
		move(top + 2 + r, 0);
		attrset(ui_attr(role));
		hline(' ', COLS);
		if (gutter && lv->rows[r].marked)
			ui_put(top + 2 + r, 0, "!", 1, role);
		ui_click_area(top + 2 + r, 0, COLS, lv_row_clicked, r);
		for (int c = 0; c < n; c++) {
			put_cell(top + 2 + r, x, lv->rows[r].cells[lv->cells[c]], width[c],
			         role, &lv->t->fields[lv->cols[c]]);
			x += width[c];
			if (c + 1 < n)
				ui_put(top + 2 + r, x, " ", 1, role);
			x++;
		}
	}
	if (lv->n == 0) {
		char msg[256];
		if (lv->search.len) {
			char *text = mp_line_get(&lv->search);
			snprintf(msg, sizeof msg, _("Nothing matches “%s”. Esc clears the search."), text);
			free(text);
		} else if (mp_listq_bin(lv->q))
			snprintf(msg, sizeof msg, "%s", _("The recycle bin is empty. b goes back."));
		else
			snprintf(msg, sizeof msg, _("No records yet. Press a to add one."));
		ui_puts(top + 3, 2, msg, COLS - 4, R_DIM);
	}
}

/* ---- actions ---- */

static void on_saved(void *arg, long long id)
{
	struct listview *lv = arg;
	show_record(lv, id);
}

static void on_imported(void *arg)
{
	struct listview *lv = arg;
	lv->stale = 1;
}

/* Each acts on the record as the list showed it (version): another
 * window's change meanwhile is MP_ECONFLICT and *theirs (conflict.h). */
static int op_delete(struct listview *lv, int64_t id, int64_t version,
                     mp_record **theirs, mp_err *e)
{
	return mp_record_delete_seen(ui->db, ui->cfg, lv->t, id, version, theirs, e);
}

static int op_purge(struct listview *lv, int64_t id, int64_t version,
                    mp_record **theirs, mp_err *e)
{
	return mp_record_purge_seen(ui->db, ui->cfg, lv->t, id, version, theirs, e);
}

static int op_restore(struct listview *lv, int64_t id, int64_t version,
                      mp_record **theirs, mp_err *e)
{
	return mp_record_restore_seen(ui->db, ui->cfg, lv->t, id, version, theirs, e);
}

typedef int (*list_op)(struct listview *, int64_t, int64_t, mp_record **, mp_err *);

/* An act on a record another window changed, waiting for the user's
 * answer to the question that shows the change. */
static struct {
	struct listview *lv;
	list_op op;
	int64_t id, version;
	char *name;
} again;

static void act_done(list_op op, const char *name)
{
	if (op == op_delete)
		ui_status(_("Moved %s to the recycle bin (b shows it)."), name);
	else if (op == op_purge)
		ui_status(_("Deleted %s for good."), name);
	else
		ui_status(_("Restored %s."), name);
}

static void again_answer(void *arg, int yes)
{
	mp_err e;
	(void)arg;
	mp_err_clear(&e);
	if (yes && again.lv) {
		/* Only the version just shown: a third change asks again. */
		if (again.op(again.lv, again.id, again.version, NULL, &e) != MP_OK)
			ui_error("%s", e.msg);
		else
			act_done(again.op, again.name);
		again.lv->stale = 1;
	} else {
		ui_status(_("Nothing done."));
	}
	free(again.name);
	again.name = NULL;
}

/* desc: the record named with its kind (current_desc). */
static void ask_again(struct listview *lv, list_op op, mp_record *theirs,
                      const char *desc)
{
	const mp_row *row = &lv->rows[lv->cur];
	char q[512];
	free(again.name);
	again.lv = lv;
	again.op = op;
	again.id = theirs->id;
	again.version = theirs->version;
	again.name = mp_strdup(desc);
	/* TRANSLATORS: %s is a record with its kind: 志愿者“…”. */
	snprintf(q, sizeof q, op == op_delete ? _("Move %s to the recycle bin all the same?")
	         : op == op_purge ? _("Delete %s for good all the same? This cannot be undone.")
	         : _("Restore %s all the same?"), again.name);
	conflict_ask(theirs, row->cells, row->ncells, q, again_answer, NULL);
}

/* The name shown in the selected row. */
static const char *current_name(const struct listview *lv)
{
	const mp_row *r = &lv->rows[lv->cur];
	return r->ncells ? r->cells[0] : "";
}

/* The selected record named with its kind ("服务记录“郭晓明 2026-12-01
 * 3.5 小时”"), as the core describes it, for questions and messages. */
static void current_desc(const struct listview *lv, char *buf, size_t size)
{
	mp_err e;
	mp_err_clear(&e);
	if (mp_record_describe_id(ui->db, lv->t, lv->rows[lv->cur].key.id, buf,
	                          size, &e) != MP_OK)
		snprintf(buf, size, "“%s”", current_name(lv));
}

/* Do op to the selected record.  Returns its description (to be freed)
 * when done, NULL after showing why not, or after asking (conflict.h)
 * when another window changed it since the list showed it. */
static char *act(struct listview *lv, list_op op)
{
	mp_err e;
	mp_record *theirs = NULL;
	char *name = NULL, desc[512];
	if (lv->n == 0)
		return NULL;
	mp_err_clear(&e);
	current_desc(lv, desc, sizeof desc);
	if (op(lv, lv->rows[lv->cur].key.id, lv->rows[lv->cur].version, &theirs, &e) != MP_OK) {
		if (theirs)
			ask_again(lv, op, theirs, desc);
		else
			ui_error("%s", e.msg);
		mp_record_free(theirs);
	} else {
		name = mp_strdup(desc);
	}
	lv->stale = 1;
	return name;
}

static void delete_answer(void *arg, int yes)
{
	char *name = yes ? act(arg, op_delete) : NULL;
	if (name)
		/* TRANSLATORS: %s is a record with its kind: 服务记录“…”. */
		ui_status(_("Moved %s to the recycle bin (b shows it)."), name);
	free(name);
}

static void purge_answer(void *arg, int yes)
{
	char *name = yes ? act(arg, op_purge) : NULL;
	if (name)
		ui_status(_("Deleted %s for good."), name);
	free(name);
}

static void filter_value_chosen(void *arg, int index)
{
	struct listview *lv = arg;
	int f = lv->filter_field;
	if (index >= 0) {
		mp_listq_set_filter(lv->q, f, index == 0 ? NULL : lv->filter_values.v[index - 1]);
		lv->have_top = 0;
		go_home(lv);
	}
	mp_strlist_free(&lv->filter_values);
}

static void filter_field_chosen(void *arg, int index)
{
	struct listview *lv = arg;
	if (index < 0)
		return;
	if (index >= lv->nfilter_fields && index < lv->nfilter_fields + lv->t->npresets) {
		char today[11], soon[11];
		mp_today(today);
		mp_date_add_days(today, ui->cfg->due_soon_days, soon);
		mp_listq_set_preset(lv->q, index - lv->nfilter_fields, today, soon);
		lv->have_top = 0;
		go_home(lv);
		return;
	}
	if (index == lv->nfilter_fields + lv->t->npresets) {
		mp_listq_clear_filters(lv->q);
		mp_listq_set_preset(lv->q, -1, NULL, NULL);
		lv->have_top = 0;
		go_home(lv);
		return;
	}
	int f = lv->filter_fields[index];
	const mp_strlist *conf = mp_config_choices(ui->cfg, lv->t->fields[f].choice);
	mp_strlist *l = &lv->filter_values;
	mp_err e;
	mp_err_clear(&e);
	mp_strlist_free(l);
	/* The settings' list, or else the values the ledger holds (communities
	 * typed freely). */
	if (conf->n > 0) {
		for (int i = 0; i < conf->n; i++)
			mp_strlist_add(l, conf->v[i]);
	} else if (mp_list_values(ui->db, lv->t, f, 500, l, &e) != MP_OK) {
		ui_error("%s", e.msg);
		return;
	}
	if (l->n == 0) {
		ui_error(_("%s: no values to filter by yet."),
		         mp_field_label(&lv->t->fields[f]));
		return;
	}
	const char **items = calloc((size_t)l->n + 1, sizeof *items);
	if (!items)
		mp_oom();
	items[0] = _("(all)");
	int current = 0;
	const char *now = mp_listq_filter(lv->q, f);
	for (int i = 0; i < l->n; i++) {
		items[i + 1] = l->v[i];
		if (now && !strcmp(now, l->v[i]))
			current = i + 1;
	}
	lv->filter_field = f;
	ui_pick(mp_field_label(&lv->t->fields[f]), items, l->n + 1, current,
	        filter_value_chosen, lv);
	free(items);
}

static void choose_filter(struct listview *lv)
{
	char *labels[2 * MAXCOLS + 1];
	const char *items[2 * MAXCOLS + 1];
	int n = lv->nfilter_fields;
	for (int i = 0; i < n; i++) {
		const mp_field *f = &lv->t->fields[lv->filter_fields[i]];
		const char *v = mp_listq_filter(lv->q, lv->filter_fields[i]);
		labels[i] = v ? mp_asprintf("%s（%s）", mp_field_label(f), v)
		              : mp_strdup(mp_field_label(f));
	}
	/* The table's named views (overdue follow-ups …) come next. */
	for (int i = 0; i < lv->t->npresets && n < 2 * MAXCOLS; i++)
		labels[n++] = mp_strdup(_(lv->t->presets[i].label_en));
	for (int i = 0; i < n; i++)
		items[i] = labels[i];
	items[n] = _("Clear all filters");
	ui_pick(_("Filter by"), items, n + 1, 0, filter_field_chosen, lv);
	for (int i = 0; i < n; i++)
		free(labels[i]);
}

static void search_changed(struct listview *lv)
{
	char *text = mp_line_get(&lv->search);
	mp_listq_set_search(lv->q, text);
	free(text);
	lv->have_top = 0;
	go_home(lv);
}

static void lv_choose(struct listview *lv);

/* Keys while typing a search; returns UI_HANDLED, or UI_UNHANDLED to let the
 * key act on the list after the typing stops. */
static int search_key(struct listview *lv, wint_t ch, int is_key)
{
	switch (keys_lookup(CTX_SEARCH, ch, is_key)) {
	case A_SEARCH_DONE:
		lv->searching = 0;
		if (lv->pick_done)  /* typed a name, Enter: that one */
			lv_choose(lv);
		return UI_HANDLED;
	case A_SEARCH_CLEAR:
		lv->searching = 0;
		mp_line_clear(&lv->search);
		search_changed(lv);
		return UI_HANDLED;
	case A_ED_LEFT: mp_line_left(&lv->search); return UI_HANDLED;
	case A_ED_RIGHT: mp_line_right(&lv->search); return UI_HANDLED;
	case A_ED_HOME: mp_line_home(&lv->search); return UI_HANDLED;
	case A_ED_END: mp_line_end(&lv->search); return UI_HANDLED;
	case A_ED_BACKSPACE:
		mp_line_backspace(&lv->search);
		search_changed(lv);
		return UI_HANDLED;
	case A_ED_KILL:
		mp_line_kill_to_end(&lv->search);
		search_changed(lv);
		return UI_HANDLED;
	case A_ED_CLEAR:
		mp_line_clear(&lv->search);
		search_changed(lv);
		return UI_HANDLED;
	case A_HELP: case A_QUIT:
		return UI_UNHANDLED;
	default:
		break;
	}
	if (!is_key && ch >= 32 && ch != 127) {
		mp_line_insert(&lv->search, (wchar_t)ch);
		search_changed(lv);
		return UI_HANDLED;
	}
	lv->searching = 0;
	return UI_UNHANDLED;
}

static unsigned lv_ctx(struct ui_screen *s)
{
	struct listview *lv = (struct listview *)s;
	if (lv->searching)
		return CTX_SEARCH;
	if (lv->pick_done)
		return CTX_PICKREC;
	if (mp_listq_bin(lv->q))
		return CTX_BIN;
	return (lv->child ? CTX_CHILD : CTX_LIST)
	       | (mp_wf_offers_steps(lv->t) ? CTX_STATES : 0)
	       | (lv->t->nchildren ? CTX_ROWREL : 0);
}

/* Leave a child list or a picker (the picker's caller hears "none"). */
static void lv_leave(struct listview *lv)
{
	void (*done)(void *, long long, const char *) = lv->pick_done;
	void *arg = lv->pick_arg;
	ui_pop();
	if (done)
		done(arg, 0, NULL);
}

static void lv_choose(struct listview *lv)
{
	void (*done)(void *, long long, const char *) = lv->pick_done;
	void *arg = lv->pick_arg;
	long long id;
	char *name;
	if (lv->n == 0)
		return;
	id = lv->rows[lv->cur].key.id;
	name = mp_strdup(current_name(lv));
	ui_pop();
	done(arg, id, name);
	free(name);
}

/* F5 on a row: the highlighted record's related lists (a round's
 * applications) without opening its form first. */
static struct {
	const mp_table *t;
	long long id;
	char *name;
} row_related;

static void row_related_chosen(void *arg, int index)
{
	(void)arg;
	if (index >= 0 && row_related.t && index < row_related.t->nchildren)
		listview_open_child(&row_related.t->children[index], row_related.id,
		                    row_related.name);
	free(row_related.name);
	row_related.name = NULL;
}

static void open_row_related(struct listview *lv)
{
	const char *items[16];
	int n = 0;

	if (lv->n == 0 || lv->t->nchildren == 0)
		return;
	for (; n < lv->t->nchildren && n < 16; n++)
		items[n] = _(lv->t->children[n].title_en);
	free(row_related.name);
	row_related.t = lv->t;
	row_related.id = lv->rows[lv->cur].key.id;
	row_related.name = mp_strdup(current_name(lv));
	ui_pick(_("Related"), items, n, 0, row_related_chosen, NULL);
}

static int lv_key(struct ui_screen *s, wint_t ch, int is_key)
{
	struct listview *lv = (struct listview *)s;
	int bin = mp_listq_bin(lv->q);
	char q[512];
	if (lv->searching && search_key(lv, ch, is_key) == UI_HANDLED)
		return UI_HANDLED;
	switch (keys_lookup(lv_ctx(s), ch, is_key)) {
	case A_UP: move_up(lv); break;
	case A_DOWN: move_down(lv); break;
	case A_PGUP: page_up(lv); break;
	case A_PGDN: page_down(lv); break;
	case A_HOME: go_home(lv); break;
	case A_END: go_end(lv); break;
	case A_OPEN:
		if (lv->n > 0 && bin) {
			current_desc(lv, q, sizeof q);
			ui_status(_("%s is in the recycle bin: r restores it, D deletes it for good."), q);
		} else if (lv->n > 0) {
			form_open(lv->t, lv->rows[lv->cur].key.id, on_saved, lv);
		}
		break;
	case A_ADD:
		if (lv->child) {
			char parent[32];
			snprintf(parent, sizeof parent, "%lld", lv->parent_id);
			form_open_new(lv->t, lv->child->parent_field, parent, on_saved, lv);
		} else {
			form_open(lv->t, 0, on_saved, lv);
		}
		break;
	case A_CHOOSE:
		lv_choose(lv);
		break;
	case A_DELETE:
		if (lv->n > 0) {
			char desc[512];
			current_desc(lv, desc, sizeof desc);
			snprintf(q, sizeof q, _("Move %s to the recycle bin?"), desc);
			ui_confirm(q, 0, delete_answer, lv);
		}
		break;
	case A_SEARCH:
		lv->searching = 1;
		mp_line_end(&lv->search);
		ui_status_clear();
		break;
	case A_FILTER:
		choose_filter(lv);
		break;
	case A_SORT:
		mp_listq_set_sort(lv->q, (mp_listq_sort(lv->q) + 1) % lv->t->nsorts);
		lv->have_top = 0;
		go_home(lv);
		ui_status(_("Sorted %s."), _(lv->t->sorts[mp_listq_sort(lv->q)].label_en));
		break;
	case A_BIN:
		mp_listq_set_bin(lv->q, !bin);
		lv->have_top = 0;
		go_home(lv);
		break;
	case A_IMPORT:
		import_from_list(lv->t, on_imported, lv);
		break;
	case A_RELATED:
		if (!bin)
			open_row_related(lv);
		break;
	case A_NEXT_STATE:
		if (lv->n > 0 && !bin)
			state_dialog(lv->t, lv->rows[lv->cur].key.id, on_imported, lv);
		break;
	case A_RESTORE: {
		char *name = act(lv, op_restore);
		if (name)
			ui_status(_("Restored %s."), name);
		free(name);
		break;
	}
	case A_PURGE:
		if (lv->n > 0) {
			char desc[512];
			current_desc(lv, desc, sizeof desc);
			snprintf(q, sizeof q, _("Delete %s for good? This cannot be undone."),
			         desc);
			ui_confirm(q, 0, purge_answer, lv);
		}
		break;
	case A_BACK:
		if (bin && lv->child) {  /* a child list's bin: back to the list */
			mp_listq_set_bin(lv->q, 0);
			lv->have_top = 0;
			go_home(lv);
		} else if ((lv->child || lv->pick_done) && lv->search.len) {
			mp_line_clear(&lv->search);
			search_changed(lv);
		} else if (lv->child || lv->pick_done) {
			lv_leave(lv);
		} else if (bin) {
			mp_listq_set_bin(lv->q, 0);
			lv->have_top = 0;
			go_home(lv);
		} else if (lv->search.len || lv->nfilter_fields || lv->t->npresets) {
			int any = lv->search.len > 0;
			for (int i = 0; i < lv->nfilter_fields; i++)
				any |= mp_listq_filter(lv->q, lv->filter_fields[i]) != NULL;
			any |= mp_listq_preset(lv->q) >= 0;
			mp_line_clear(&lv->search);
			mp_listq_set_search(lv->q, NULL);
			mp_listq_clear_filters(lv->q);
			mp_listq_set_preset(lv->q, -1, NULL, NULL);
			if (any) {
				lv->have_top = 0;
				go_home(lv);
				ui_status(_("Search and filters cleared."));
			}
		}
		break;
	default:
		return UI_UNHANDLED;
	}
	return UI_HANDLED;
}

static void lv_destroy(struct ui_screen *s)
{
	struct listview *lv = (struct listview *)s;
	mp_rows_clear(lv->rows, lv->n);
	mp_key_clear(&lv->top);
	mp_listq_free(lv->q);
	mp_line_free(&lv->search);
	mp_strlist_free(&lv->filter_values);
	free(lv->parent_name);
	free(lv);
}

static const struct ui_screen_ops lv_ops = {
	lv_draw, lv_key, lv_destroy, NULL, lv_ctx
};

static struct listview *lv_new(const mp_table *t, int section)
{
	struct listview *lv = calloc(1, sizeof *lv);
	if (!lv)
		mp_oom();
	lv->s.ops = &lv_ops;
	lv->s.section = section;
	lv->t = t;
	lv->q = mp_listq_new(ui->db, t);
	lv->stale = 1;
	mp_line_init(&lv->search, 100);
	for (int i = 0; i < t->nfields; i++) {
		if ((t->fields[i].flags & MP_F_LIST) && lv->ncols < MAXCOLS) {
			lv->cells[lv->ncols] = lv->ncols;
			lv->cols[lv->ncols++] = i;
		}
		if ((t->fields[i].flags & MP_F_FILTER) && lv->nfilter_fields < MAXCOLS)
			lv->filter_fields[lv->nfilter_fields++] = i;
	}
	return lv;
}

struct ui_screen *listview_new(const mp_table *t, int section)
{
	return &lv_new(t, section)->s;
}

void listview_open_child(const mp_child *c, long long parent_id,
                         const char *parent_name)
{
	struct listview *lv = lv_new(c->t, 0);
	char id[32];
	int k = 0;
	lv->child = c;
	lv->parent_id = parent_id;
	lv->parent_name = mp_strdup(parent_name);
	snprintf(id, sizeof id, "%lld", parent_id);
	mp_listq_set_filter(lv->q, c->parent_field, id);
	/* The parent's own column says nothing here. */
	for (int i = 0; i < lv->ncols; i++)
		if (lv->cols[i] != c->parent_field) {
			lv->cells[k] = lv->cells[i];
			lv->cols[k++] = lv->cols[i];
		}
	lv->ncols = k;
	ui_push(&lv->s);
	ui_status_clear();
}

void listview_pick(const mp_table *t, const char *search,
                   void (*done)(void *arg, long long id, const char *name),
                   void *arg)
{
	struct listview *lv = lv_new(t, 0);
	lv->pick_done = done;
	lv->pick_arg = arg;
	lv->searching = 1;
	if (search && *search) {
		mp_line_set(&lv->search, search);
		mp_listq_set_search(lv->q, search);
	}
	ui_push(&lv->s);
	ui_status_clear();
}
