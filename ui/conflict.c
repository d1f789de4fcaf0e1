/* conflict.c — two windows, one record: the second save is shown both
 * versions before anything is written.
 *
 * The core refuses a save, delete, restore or purge of a record changed
 * in another window since it was loaded (MP_ECONFLICT, mp_record.h); this
 * screen puts the user's values beside the stored ones, field by field,
 * and hands back what the user chose.  A field only one side changed
 * starts on that side, so F2 at once merges both windows' work; a field
 * both changed starts on the user's side.  A list's delete gets a
 * question that shows what changed instead. */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "conflict.h"
#include "mp_i18n.h"
#include "mp_text.h"
#include "screen.h"
#include "ui.h"
#include "widgets.h"

/* Who wrote the stored version, for a sentence. */
static const char *writer_of(const mp_record *r)
{
	return r->updated_by[0] ? r->updated_by : _("someone (no operator set)");
}

/* ---- the form's save: both versions, field by field ---- */

struct conflict {
	struct ui_screen s;
	mp_record *mine, *theirs;
	int *field;          /* the fields where mine and theirs differ */
	int *theirs_side;    /* per listed field: 1 = take the stored value */
	int n, cur, first;
	void (*chosen)(void *arg, mp_record *theirs, mp_record *merged);
	void *arg;
};

static void cell(const mp_record *r, int i, int chosen, int current, int y,
                 int x, int w)
{
	char val[512], shown[600];
	enum ui_role role = chosen ? (current ? R_SELECTED : R_FIELD) : R_DIM;
	mp_field_display(ui->db, r, i, 0, val, sizeof val);
	/* ● marks the value that will be saved, ○ the one that will not. */
	snprintf(shown, sizeof shown, "%s %s", chosen ? "●" : "○",
	         val[0] ? val : _("(empty)"));
	ui_put(y, x, shown, w, role);
}

static void conflict_draw(struct ui_screen *s, int top, int height)
{
	struct conflict *c = (struct conflict *)s;
	char line[1024], name[512];
	int lw = 10, vw, rows;

	mp_record_describe(ui->db, c->theirs, name, sizeof name);
	/* TRANSLATORS: %s first is a record with its kind: 志愿者“…”. */
	snprintf(line, sizeof line,
	         _("%s was changed by %s at %.16s in another window"),
	         name, writer_of(c->theirs), c->theirs->updated);
	ui_put(top, 0, line, COLS, R_TITLE);
	ui_put(top + 1, 0, _("Not saved yet. ←/→ which version · m all mine · t all theirs · F2 save the choice · Esc back"),
	       COLS, R_DIM);
	for (int k = 0; k < c->n; k++) {
		int w = mp_text_width(mp_field_label(&c->mine->t->fields[c->field[k]])) + 1;
		if (w > lw)
			lw = w;
	}
	if (lw > COLS / 4)
		lw = COLS / 4;
	vw = (COLS - lw - 1) / 2;
	ui_put(top + 2, 0, _("Field"), lw, R_HEADER);
	ui_put(top + 2, lw, _("Mine (not saved)"), vw, R_HEADER);
	ui_put(top + 2, lw + vw, _("Theirs (saved)"), COLS - lw - vw, R_HEADER);
	rows = height - 3;
	if (rows < 1)
		rows = 1;
	if (c->n == 0) {
		ui_put(top + 3, 0, _("Both versions hold the same values: F2 saves them."),
		       COLS, R_NORMAL);
		return;
	}
	if (c->cur < c->first)
		c->first = c->cur;
	if (c->cur >= c->first + rows)
		c->first = c->cur - rows + 1;
	for (int r = 0; r < rows && c->first + r < c->n; r++) {
		int k = c->first + r, i = c->field[k], y = top + 3 + r;
		int cur = k == c->cur;
		ui_put(y, 0, mp_field_label(&c->mine->t->fields[i]), lw,
		       cur ? R_TITLE : R_NORMAL);
		cell(c->mine, i, !c->theirs_side[k], cur, y, lw, vw - 1);
		ui_put(y, lw + vw - 1, " ", 1, R_NORMAL);
		cell(c->theirs, i, c->theirs_side[k], cur, y, lw + vw, COLS - lw - vw);
	}
}

static void save_choice(struct conflict *c)
{
	mp_record *merged = mp_record_dup(c->theirs), *theirs = c->theirs;
	void (*chosen)(void *, mp_record *, mp_record *) = c->chosen;
	void *arg = c->arg;
	for (int k = 0; k < c->n; k++)
		if (!c->theirs_side[k])
			mp_record_set(merged, c->field[k], c->mine->v[c->field[k]]);
	c->theirs = NULL;  /* handed to chosen */
	ui_pop();
	chosen(arg, theirs, merged);
}

static void all_to(struct conflict *c, int theirs)
{
	for (int k = 0; k < c->n; k++)
		c->theirs_side[k] = theirs;
}

static int conflict_key(struct ui_screen *s, wint_t ch, int is_key)
{
	struct conflict *c = (struct conflict *)s;
	int *side = c->n ? &c->theirs_side[c->cur] : NULL;
	switch (keys_lookup(CTX_FORM, ch, is_key)) {
	case A_NEXT_FIELD:
		if (c->cur + 1 < c->n)
			c->cur++;
		return UI_HANDLED;
	case A_PREV_FIELD:
		if (c->cur > 0)
			c->cur--;
		return UI_HANDLED;
	case A_ED_LEFT: if (side) *side = 0; return UI_HANDLED;
	case A_ED_RIGHT: if (side) *side = 1; return UI_HANDLED;
	case A_PICK: if (side) *side = !*side; return UI_HANDLED;
	case A_SAVE: save_choice(c); return UI_HANDLED;
	case A_CANCEL:
		ui_pop();
		ui_status(_("Nothing saved: the form still holds what you typed."));
		return UI_HANDLED;
	default:
		break;
	}
	if (is_key)
		return UI_UNHANDLED;
	if (ch == ' ' && side)
		*side = !*side;
	else if (ch == 'm' || ch == 'M')
		all_to(c, 0);
	else if (ch == 't' || ch == 'T')
		all_to(c, 1);
	return UI_HANDLED;
}

static void conflict_destroy(struct ui_screen *s)
{
	struct conflict *c = (struct conflict *)s;
	mp_record_free(c->mine);
	mp_record_free(c->theirs);
	free(c->field);
	free(c->theirs_side);
	free(c);
}

static unsigned conflict_ctx(struct ui_screen *s)
{
	(void)s;
	return CTX_FORM;
}

static const struct ui_screen_ops conflict_ops = {
	conflict_draw, conflict_key, conflict_destroy, NULL, conflict_ctx
};

void conflict_open(const mp_record *base, const mp_record *mine,
                   mp_record *theirs,
                   void (*chosen)(void *arg, mp_record *theirs,
                                  mp_record *merged),
                   void *arg)
{
	const mp_table *t = theirs->t;
	struct conflict *c = calloc(1, sizeof *c);
	if (!c)
		mp_oom();
	c->s.ops = &conflict_ops;
	c->mine = mp_record_dup(mine);
	c->theirs = theirs;
	c->chosen = chosen;
	c->arg = arg;
	c->field = calloc((size_t)t->nfields, sizeof *c->field);
	c->theirs_side = calloc((size_t)t->nfields, sizeof *c->theirs_side);
	if (!c->field || !c->theirs_side)
		mp_oom();
	for (int i = 0; i < t->nfields; i++) {
		/* What the core fills in is never the user's to choose. */
		if ((t->fields[i].flags & MP_F_AUTO) || !strcmp(mine->v[i], theirs->v[i]))
			continue;
		c->field[c->n] = i;
		/* Untouched in this form: the other window's change stands. */
		c->theirs_side[c->n] = !strcmp(mine->v[i], base->v[i]);
		c->n++;
	}
	ui_push(&c->s);
	ui_error(_("Another window saved this record meanwhile: choose what to keep."));
}

/* ---- a list's delete, restore or purge: ask, showing the change ---- */

struct ask {
	struct ui_screen s;
	char *title;
	char **lines;
	int n;
	char *question;
	int yes;
	void (*done)(void *arg, int yes);
	void *arg;
};

static void ask_draw(struct ui_screen *s, int top, int height)
{
	struct ask *a = (struct ask *)s;
	char yes[64], no[64];
	int w = mp_text_width(a->question) + 6, shown = a->n;
	snprintf(yes, sizeof yes, "[ %s ]", _("Yes (y)"));
	snprintf(no, sizeof no, "[ %s ]", _("No (n)"));
	for (int i = 0; i < a->n; i++)
		if (mp_text_width(a->lines[i]) + 6 > w)
			w = mp_text_width(a->lines[i]) + 6;
	if (w > COLS - 2)
		w = COLS - 2;
	if (shown > height - 6)
		shown = height - 6 > 0 ? height - 6 : 0;
	int h = shown + 6;
	int y = top + (height - h) / 2, x = (COLS - w) / 2;
	ui_box(y, x, h, w, a->title);
	for (int i = 0; i < shown; i++)
		ui_puts(y + 1 + i, x + 3, a->lines[i], w - 5, R_DIALOG);
	ui_puts(y + shown + 2, x + 3, a->question, w - 5, R_DIALOG);
	int bw = mp_text_width(yes) + mp_text_width(no) + 4;
	int bx = x + (w - bw) / 2;
	int used = ui_puts(y + shown + 4, bx, yes, w - 2, a->yes ? R_SELECTED : R_DIALOG);
	ui_puts(y + shown + 4, bx + used + 4, no, w - 2 - used - 4,
	        a->yes ? R_DIALOG : R_SELECTED);
}

static int ask_key(struct ui_screen *s, wint_t ch, int is_key)
{
	struct ask *a = (struct ask *)s;
	int answer = ui_yesno_key(&a->yes, ch, is_key);
	if (answer == -2)
		return UI_UNHANDLED;
	if (answer >= 0) {
		void (*done)(void *, int) = a->done;
		void *arg = a->arg;
		ui_pop();
		if (done)
			done(arg, answer);
	}
	return UI_HANDLED;
}

static void ask_destroy(struct ui_screen *s)
{
	struct ask *a = (struct ask *)s;
	for (int i = 0; i < a->n; i++)
		free(a->lines[i]);
	free(a->lines);
	free(a->title);
	free(a->question);
	free(a);
}

static unsigned ask_ctx(struct ui_screen *s)
{
	(void)s;
	return CTX_PICK;
}

static const struct ui_screen_ops ask_ops = {
	ask_draw, ask_key, ask_destroy, NULL, ask_ctx
};

void conflict_ask(const mp_record *theirs, char *const *cells, int ncells,
                  const char *question, void (*done)(void *arg, int yes),
                  void *arg)
{
	const mp_table *t = theirs->t;
	struct ask *a = calloc(1, sizeof *a);
	int k = 0;
	if (!a)
		mp_oom();
	a->s.ops = &ask_ops;
	a->s.overlay = 1;
	a->title = mp_strdup(_("Changed in another window"));
	a->question = mp_strdup(question);
	a->done = done;
	a->arg = arg;
	a->lines = calloc((size_t)t->nfields + 2, sizeof *a->lines);
	if (!a->lines)
		mp_oom();
	a->lines[a->n++] = mp_asprintf(theirs->deleted[0]
	                               ? _("%s moved it to the recycle bin at %.16s.")
	                               : _("%s changed it at %.16s, after this list was shown:"),
	                               writer_of(theirs), theirs->updated);
	/* The list's cells are its MP_F_LIST fields in table order. */
	for (int i = 0; i < t->nfields && k < ncells; i++) {
		char now[512];
		if (!(t->fields[i].flags & MP_F_LIST))
			continue;
		mp_field_display(ui->db, theirs, i, 1, now, sizeof now);
		if (strcmp(cells[k] ? cells[k] : "", now))
			/* TRANSLATORS: a field's label, its value as the list showed
			 * it, its value now. */
			a->lines[a->n++] = mp_asprintf(_("%s: “%s” → “%s”"),
			                               mp_field_label(&t->fields[i]),
			                               cells[k] ? cells[k] : "", now);
		k++;
	}
	if (a->n == 1 && !theirs->deleted[0])
		a->lines[a->n++] = mp_strdup(_("(in fields the list does not show: open the record to see them)"));
	ui_push(&a->s);
}
