/* form.c — one record in a form, drawn from its table.
 *
 * Every field is a line editor (mp_lineedit.h).  Saving goes through
 * mp_record_save, which checks and writes in one transaction; when it
 * fails, the status line says which field and why, the cursor goes to that
 * field, and everything typed stays as it was. */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "mp_i18n.h"
#include "mp_lineedit.h"
#include "mp_record.h"
#include "mp_text.h"
#include "screen.h"
#include "ui.h"
#include "widgets.h"

struct form {
	struct ui_screen s;
	const mp_table *t;
	mp_record *orig;
	mp_line *ed;
	int cur, first, rows;
	void (*on_saved)(void *arg, long long id);
	void *arg;
};

static const mp_strlist *choices_of(const struct form *f, int i)
{
	const mp_field *fd = &f->t->fields[i];
	if (fd->kind != MP_K_CHOICE)
		return NULL;
	const mp_strlist *l = mp_config_choices(ui->cfg, fd->choice);
	return l->n > 0 ? l : NULL;
}

static int form_dirty(struct ui_screen *s)
{
	struct form *f = (struct form *)s;
	for (int i = 0; i < f->t->nfields; i++) {
		char *v = mp_line_get(&f->ed[i]);
		int diff = strcmp(v, f->orig->v[i]) != 0;
		free(v);
		if (diff)
			return 1;
	}
	return 0;
}

/* The form's values as a record (a copy of the original with the edits). */
static mp_record *collect(struct form *f)
{
	mp_record *r = mp_record_dup(f->orig);
	for (int i = 0; i < f->t->nfields; i++) {
		char *v = mp_line_get(&f->ed[i]);
		mp_record_set(r, i, v);
		free(v);
	}
	return r;
}

static void show_hint(struct form *f)
{
	const mp_field *fd = &f->t->fields[f->cur];
	if (fd->hint)
		/* TRANSLATORS: a field's label, then the hint for filling it in. */
		ui_status(_("%s: %s"), mp_field_label(fd), _(fd->hint));
	else
		ui_status_clear();
}

static void focus(struct form *f, int i, int check)
{
	if (i < 0 || i >= f->t->nfields || i == f->cur)
		return;
	int had_error = 0;
	if (check) {
		mp_record *r = collect(f);
		mp_err e;
		mp_err_clear(&e);
		if (mp_field_check(ui->cfg, r, f->cur, &e) != MP_OK) {
			ui_error("%s", e.msg);
			had_error = 1;
		}
		mp_record_free(r);
	}
	f->cur = i;
	mp_line_end(&f->ed[i]);
	if (!had_error)
		show_hint(f);
}

static int label_width(const struct form *f)
{
	int w = 0;
	for (int i = 0; i < f->t->nfields; i++) {
		int lw = mp_text_width(mp_field_label(&f->t->fields[i])) + 1;
		if (lw > w)
			w = lw;
	}
	if (w > COLS / 3)
		w = COLS / 3;
	return w;
}

static void form_draw(struct ui_screen *s, int top, int height)
{
	struct form *f = (struct form *)s;
	char title[512];
	int lw = label_width(f);
	int vx = lw + 2, vw = COLS - vx - 1;

	if (f->orig->id)
		snprintf(title, sizeof title, _("Edit %s: %s"), _(f->t->unit_en),
		         f->orig->v[0]);
	else
		snprintf(title, sizeof title, _("New %s"), _(f->t->unit_en));
	int used = ui_puts(top, 0, title, COLS, R_TITLE);
	if (used + 2 < COLS)
		ui_puts(top, used + 2, _("(* required)"), COLS - used - 2, R_DIM);

	f->rows = height - 1;
	if (f->rows < 1)
		f->rows = 1;
	if (f->cur < f->first)
		f->first = f->cur;
	if (f->cur >= f->first + f->rows)
		f->first = f->cur - f->rows + 1;

	for (int r = 0; r < f->rows && f->first + r < f->t->nfields; r++) {
		int i = f->first + r, y = top + 1 + r;
		const mp_field *fd = &f->t->fields[i];
		char label[256];
		snprintf(label, sizeof label, "%s%s", fd->flags & MP_F_REQUIRED ? "*" : "",
		         mp_field_label(fd));
		int pad = lw - mp_text_width(label);
		ui_put(y, 0, "", pad > 0 ? pad : 0, R_NORMAL);
		ui_put(y, pad > 0 ? pad : 0, label, lw - (pad > 0 ? pad : 0),
		       i == f->cur ? R_TITLE : R_NORMAL);
		if (vw < 1)
			continue;
		char *v = mp_line_get(&f->ed[i]);
		if (i == f->cur) {
			int cx = mp_line_view(&f->ed[i], vw);
			const char *p = v;
			for (size_t k = 0; k < f->ed[i].scroll && *p; k++) {
				wchar_t wc;
				p += mp_utf8_decode(p, strlen(p), &wc);
			}
			ui_put(y, vx, p, vw, R_FIELD_ACTIVE);
			ui_cursor(y, vx + cx);
		} else {
			ui_put(y, vx, v, vw, R_FIELD);
		}
		free(v);
	}
	if (f->first > 0)
		ui_puts(top, COLS - 2, "^", 1, R_DIM);
	if (f->first + f->rows < f->t->nfields)
		ui_puts(top + height - 1 < LINES ? top + height - 1 : top, COLS - 1, "v", 1, R_DIM);
}

static void picked(void *arg, int index)
{
	struct form *f = arg;
	const mp_field *fd = &f->t->fields[f->cur];
	const mp_strlist *l = choices_of(f, f->cur);
	int empty = !(fd->flags & MP_F_REQUIRED);
	if (index < 0 || !l)
		return;
	if (empty && index == 0)
		mp_line_set(&f->ed[f->cur], "");
	else
		mp_line_set(&f->ed[f->cur], l->v[index - empty]);
	focus(f, f->cur + 1, 1);
}

static void open_pick(struct form *f)
{
	const mp_field *fd = &f->t->fields[f->cur];
	const mp_strlist *l = choices_of(f, f->cur);
	int empty = !(fd->flags & MP_F_REQUIRED);
	char *now = mp_line_get(&f->ed[f->cur]);
	const char **items = calloc((size_t)l->n + 1, sizeof *items);
	int current = 0;
	if (!items)
		abort();
	if (empty)
		items[0] = _("(none)");
	for (int i = 0; i < l->n; i++) {
		items[i + empty] = l->v[i];
		if (!strcmp(now, l->v[i]))
			current = i + empty;
	}
	ui_pick(mp_field_label(fd), items, l->n + empty, current, picked, f);
	free(items);
	free(now);
}

static void save(struct form *f)
{
	mp_record *r = collect(f);
	mp_err e;
	mp_err_clear(&e);
	if (mp_record_save(ui->db, ui->cfg, r, &e) != MP_OK) {
		/* The editors still hold what was typed; only say why. */
		ui_error("%s", e.msg);
		if (e.field >= 0 && e.field < f->t->nfields) {
			f->cur = e.field;
			mp_line_end(&f->ed[f->cur]);
		}
		mp_record_free(r);
		return;
	}
	long long id = r->id;
	void (*done)(void *, long long) = f->on_saved;
	void *arg = f->arg;
	char *name = mp_strdup(r->v[0]);
	mp_record_free(r);
	ui_pop();
	if (done)
		done(arg, id);
	ui_status(_("Saved “%s”."), name);
	free(name);
}

static void cancel_answer(void *arg, int yes)
{
	(void)arg;
	if (yes) {
		ui_pop();
		ui_status(_("Changes dropped."));
	}
}

static int form_key(struct ui_screen *s, wint_t ch, int is_key)
{
	struct form *f = (struct form *)s;
	mp_line *ed = &f->ed[f->cur];
	switch (keys_lookup(CTX_FORM, ch, is_key)) {
	case A_NEXT_FIELD: focus(f, f->cur + 1, 1); return UI_HANDLED;
	case A_PREV_FIELD: focus(f, f->cur - 1, 1); return UI_HANDLED;
	case A_PICK:
		if (choices_of(f, f->cur))
			open_pick(f);
		else
			focus(f, f->cur + 1, 1);
		return UI_HANDLED;
	case A_SAVE: save(f); return UI_HANDLED;
	case A_CANCEL:
		if (form_dirty(s))
			ui_confirm(_("Drop the changes to this record?"), 0, cancel_answer, f);
		else
			ui_pop();
		return UI_HANDLED;
	case A_ED_LEFT: mp_line_left(ed); return UI_HANDLED;
	case A_ED_RIGHT: mp_line_right(ed); return UI_HANDLED;
	case A_ED_HOME: mp_line_home(ed); return UI_HANDLED;
	case A_ED_END: mp_line_end(ed); return UI_HANDLED;
	case A_ED_BACKSPACE: mp_line_backspace(ed); return UI_HANDLED;
	case A_ED_DELETE: mp_line_delete(ed); return UI_HANDLED;
	case A_ED_KILL: mp_line_kill_to_end(ed); return UI_HANDLED;
	case A_ED_CLEAR: mp_line_clear(ed); return UI_HANDLED;
	default:
		break;
	}
	if (!is_key && ch >= 32 && ch != 127) {
		if (mp_line_insert(ed, (wchar_t)ch) != 0)
			ui_error(_("%s: at most %zu characters"),
			         mp_field_label(&f->t->fields[f->cur]), ed->maxlen);
		return UI_HANDLED;
	}
	return UI_UNHANDLED;
}

static void form_destroy(struct ui_screen *s)
{
	struct form *f = (struct form *)s;
	for (int i = 0; i < f->t->nfields; i++)
		mp_line_free(&f->ed[i]);
	free(f->ed);
	mp_record_free(f->orig);
	free(f);
}

static unsigned form_ctx(struct ui_screen *s)
{
	(void)s;
	return CTX_FORM;
}

static const struct ui_screen_ops form_ops = {
	form_draw, form_key, form_destroy, form_dirty, form_ctx
};

void form_open(const mp_table *t, long long id,
               void (*on_saved)(void *arg, long long id), void *arg)
{
	mp_record *r = NULL;
	mp_err e;
	mp_err_clear(&e);
	if (id) {
		if (mp_record_load(ui->db, t, id, &r, &e) != MP_OK) {
			ui_error("%s", e.msg);
			return;
		}
	} else {
		r = mp_record_new(t, ui->cfg);
	}
	struct form *f = calloc(1, sizeof *f);
	if (!f)
		abort();
	f->s.ops = &form_ops;
	f->t = t;
	f->orig = r;
	f->on_saved = on_saved;
	f->arg = arg;
	f->ed = calloc((size_t)t->nfields, sizeof *f->ed);
	if (!f->ed)
		abort();
	for (int i = 0; i < t->nfields; i++) {
		mp_line_init(&f->ed[i], t->fields[i].maxlen > 0 ? (size_t)t->fields[i].maxlen : 200);
		mp_line_set(&f->ed[i], r->v[i]);
	}
	ui_push(&f->s);
	show_hint(f);
}
