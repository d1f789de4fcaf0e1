/* form.c — one record in a form, drawn from its table.
 *
 * Every field is a line editor (mp_lineedit.h).  Saving goes through
 * mp_record_save, which checks and writes in one transaction; when it
 * fails, the status line says which field and why, the cursor goes to that
 * field, and everything typed stays as it was.  A field that points at
 * another record (a service record's volunteer) shows that record's name
 * and is chosen from a list with search; fields the core fills in (who
 * recorded, when) are shown and skipped. */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "conflict.h"
#include "mp_activity.h"
#include "mp_changelog.h"
#include "mp_draft.h"
#include "mp_i18n.h"
#include "mp_kinds.h"
#include "mp_lineedit.h"
#include "mp_record.h"
#include "mp_text.h"
#include "mp_volunteer.h"
#include "mp_workflow.h"
#include "screen.h"
#include "textview.h"
#include "ui.h"
#include "widgets.h"

struct form {
	struct ui_screen s;
	const mp_table *t;
	mp_record *orig;
	mp_line *ed;
	char **shown;        /* a field that picks a record: its name */
	int cur, first, rows;
	int warned;          /* the user saw the warning and saves anyway */
	void (*on_saved)(void *arg, long long id);
	void *arg;
	int *pick_map;       /* the open pick list's items: choice index, -1 none */
	mp_wf_input *step;   /* a new state's date and reason, asked on save */
};

/* The form and field a record is being made for (Ctrl-N), until it is
 * saved. */
static struct {
	struct form *f;
	int field;
} made_for;

static int editable(const struct form *f, int i)
{
	return !(f->t->fields[i].flags & MP_F_AUTO);
}

static const mp_strlist *choices_of(const struct form *f, int i)
{
	const mp_field *fd = &f->t->fields[i];
	if (mp_kind_of(fd)->edit != MP_EDIT_CHOICE)
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

/* What a field shows when it is not being typed in. */
static void refresh_shown(struct form *f, int i)
{
	char buf[512];
	mp_record *r;
	if (mp_kind_of(&f->t->fields[i])->edit != MP_EDIT_RECORD)
		return;
	r = collect(f);
	free(f->shown[i]);
	f->shown[i] = mp_strdup(mp_field_display(ui->db, r, i, 0, buf, sizeof buf));
	mp_record_free(r);
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

/* Move to field i (skipping fields the core fills in, in the direction of
 * travel); say what is wrong with the field being left, but let the user
 * move on (the save will stop on it). */
static void focus(struct form *f, int i, int check)
{
	int dir = i >= f->cur ? 1 : -1;
	while (i >= 0 && i < f->t->nfields && !editable(f, i))
		i += dir;
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
	/* Entered by moving: typing replaces the value, as in a spreadsheet
	 * cell; an arrow or End first keeps it for editing. */
	if (check && mp_kind_of(&f->t->fields[i])->edit == MP_EDIT_TYPE)
		mp_line_select_all(&f->ed[i]);
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

/* The record's name as the title shows it. */
static void record_name(struct form *f, char *buf, size_t size)
{
	mp_field_display(ui->db, f->orig, 0, 1, buf, size);
}

static void form_draw(struct ui_screen *s, int top, int height)
{
	struct form *f = (struct form *)s;
	char title[512], name[256];
	int lw = label_width(f);
	int vx = lw + 2, vw = COLS - vx - 1;

	if (f->orig->id) {
		record_name(f, name, sizeof name);
		snprintf(title, sizeof title, _("Edit %s: %s"), _(f->t->unit_en), name);
	} else {
		snprintf(title, sizeof title, _("New %s"), _(f->t->unit_en));
	}
	/* A long name ends in "…" rather than stopping mid-word. */
	int used = mp_text_width(title) > COLS
	           ? (ui_put_cut(top, 0, title, COLS, R_TITLE), COLS)
	           : ui_puts(top, 0, title, COLS, R_TITLE);
	if (used + 2 < COLS)
		ui_puts(top, used + 2, _("(* required)"), COLS - used - 2, R_DIM);
	top++;
	height--;
	if (f->orig->id && f->t->summary) {
		char sum[512];
		sum[0] = '\0';
		f->t->summary(ui->db, f->orig, sum, sizeof sum);
		if (sum[0]) {
			ui_put_cut(top, 0, sum, COLS, R_HEADER);
			top++;
			height--;
		}
	}

	f->rows = height;
	if (f->rows < 1)
		f->rows = 1;
	if (f->cur < f->first)
		f->first = f->cur;
	if (f->cur >= f->first + f->rows)
		f->first = f->cur - f->rows + 1;

	for (int r = 0; r < f->rows && f->first + r < f->t->nfields; r++) {
		int i = f->first + r, y = top + r;
		const mp_field *fd = &f->t->fields[i];
		char label[256];
		snprintf(label, sizeof label, "%s%s", fd->flags & MP_F_REQUIRED ? "*" : "",
		         mp_field_label(fd));
		int pad = lw - mp_text_width(label);
		if (pad < 0)
			pad = 0;
		ui_put(y, 0, "", pad, R_NORMAL);
		ui_put(y, pad, label, lw - pad, i == f->cur ? R_TITLE : R_NORMAL);
		if (vw < 1)
			continue;
		if (mp_kind_of(fd)->edit == MP_EDIT_RECORD) {
			ui_put(y, vx, f->shown[i], vw, i == f->cur ? R_FIELD_ACTIVE : R_FIELD);
			continue;
		}
		char *v = mp_line_get(&f->ed[i]);
		if (i == f->cur) {
			int cx = mp_line_view(&f->ed[i], vw);
			const char *p = v;
			for (size_t k = 0; k < f->ed[i].scroll && *p; k++) {
				wchar_t wc;
				p += mp_utf8_decode(p, strlen(p), &wc);
			}
			ui_put(y, vx, p, vw, R_FIELD_ACTIVE);
			if (f->ed[i].replace)  /* typing will replace it: marked */
				ui_puts(y, vx, p, vw, R_SELECTED);
			ui_cursor(y, vx + cx);
		} else {
			ui_put(y, vx, v, vw, editable(f, i) ? R_FIELD : R_DIM);
		}
		free(v);
	}
	if (f->first > 0)
		ui_puts(top - 1, COLS - 2, "^", 1, R_DIM);
	if (f->first + f->rows < f->t->nfields)
		ui_puts(top + f->rows - 1, COLS - 1, "v", 1, R_DIM);
}

/* ---- choices and references ---- */

static void picked(void *arg, int index)
{
	struct form *f = arg;
	const mp_strlist *l = choices_of(f, f->cur);
	int k = index >= 0 && f->pick_map ? f->pick_map[index] : -2;
	free(f->pick_map);
	f->pick_map = NULL;
	if (k < -1 || !l || k >= l->n)
		return;
	mp_line_set(&f->ed[f->cur], k < 0 ? "" : l->v[k]);
	focus(f, f->cur + 1, 1);
}

/* The field's choices in a pick list; with filter, only those holding
 * it (a choice field takes no free text: what is typed narrows the
 * list). */
static void open_pick(struct form *f, const char *filter)
{
	const mp_field *fd = &f->t->fields[f->cur];
	const mp_strlist *l = choices_of(f, f->cur);
	int empty = !(fd->flags & MP_F_REQUIRED) && !filter;
	char *now = mp_line_get(&f->ed[f->cur]);
	const char **items = calloc((size_t)l->n + 1, sizeof *items);
	int current = 0, n = 0;
	free(f->pick_map);
	f->pick_map = calloc((size_t)l->n + 1, sizeof *f->pick_map);
	if (!items || !f->pick_map)
		mp_oom();
	if (empty) {
		f->pick_map[n] = -1;
		items[n++] = _("(none)");
	}
	int held = 0;
	for (int i = 0; i < l->n; i++) {
		if (!filter || strstr(l->v[i], filter))
			held++;
		if (!strcmp(now, l->v[i]))
			current = n;
		f->pick_map[n] = i;
		items[n++] = l->v[i];
	}
	/* All the choices, narrowed to what was typed; typing in the list
	 * narrows it further. */
	if (held == 0)
		ui_error(_("%s: no choice holds “%s” (Enter lists them all)"),
		         mp_field_label(fd), filter);
	else
		ui_pick_typed(mp_field_label(fd), items, n, current, filter, picked, f);
	free(items);
	free(now);
}

static void ref_chosen(void *arg, long long id, const char *name)
{
	struct form *f = arg;
	char v[32];
	if (!id)
		return;
	snprintf(v, sizeof v, "%lld", id);
	mp_line_set(&f->ed[f->cur], v);
	free(f->shown[f->cur]);
	f->shown[f->cur] = mp_strdup(name);
	/* A service record's activity brings its group with it. */
	for (int i = 0; i < f->t->nfields; i++)
		refresh_shown(f, i);
	focus(f, f->cur + 1, 1);
}

static void open_ref(struct form *f, const char *search)
{
	listview_pick(f->t->fields[f->cur].ref, search, ref_chosen, f);
}

/* ---- related lists and actions (F5) ---- */

enum { REL_BATCH = 1000, REL_CERT, REL_LOG, REL_RANKING };

static void show_changelog(struct form *f)
{
	mp_change *c = NULL;
	int n = 0;
	mp_err e;
	char name[256], *title;
	mp_err_clear(&e);
	if (mp_changelog_list(ui->db, f->t, f->orig->id, &c, &n, &e) != MP_OK) {
		ui_error("%s", e.msg);
		return;
	}
	record_name(f, name, sizeof name);
	title = mp_asprintf(_("Change log: %s  (Esc to close)"), name);
	struct ui_textview *tv = ui_textview_new(title);
	free(title);
	if (n == 0)
		ui_textview_add(tv, "", _("Never corrected."));
	for (int i = 0; i < n; i++) {
		char left[64], *right;
		snprintf(left, sizeof left, "%.16s %s", c[i].when, c[i].who);
		if (c[i].field >= 0)
			right = mp_asprintf(_("%s: “%s” → “%s”"),
			                    mp_field_label(&f->t->fields[c[i].field]),
			                    c[i].old_value, c[i].new_value);
		else
			right = mp_asprintf("%s → %s", c[i].old_value, c[i].new_value);
		ui_textview_add(tv, left, right);
		free(right);
	}
	mp_changes_free(c, n);
	ui_textview_show(tv);
}

struct related {
	struct form *f;
	int kinds[16];
	int n;
};

static struct related related_menu;

static void related_chosen(void *arg, int index)
{
	struct related *m = arg;
	struct form *f = m->f;
	char name[256];
	if (index < 0 || index >= m->n)
		return;
	record_name(f, name, sizeof name);
	switch (m->kinds[index]) {
	case REL_BATCH:
		batch_open(f->orig->id);
		break;
	case REL_CERT:
		certificate_dialog(f->orig->id, name);
		break;
	case REL_RANKING:
		ranking_open(f->orig->id);
		break;
	case REL_LOG:
		show_changelog(f);
		break;
	default:
		listview_open_child(&f->t->children[m->kinds[index]], f->orig->id, name);
		break;
	}
}

static void open_related(struct form *f)
{
	const char *items[16];
	struct related *m = &related_menu;
	if (!f->orig->id) {
		ui_error(_("Save the record first; then its related lists open here."));
		return;
	}
	m->f = f;
	m->n = 0;
	for (int i = 0; i < f->t->nchildren && m->n < 13; i++) {
		items[m->n] = _(f->t->children[i].title_en);
		m->kinds[m->n++] = i;
	}
	if (f->t->actions & MP_ACT_BATCH_HOURS) {
		items[m->n] = _("Record hours for many volunteers at once");
		m->kinds[m->n++] = REL_BATCH;
	}
	if (f->t->actions & MP_ACT_CERTIFICATE) {
		items[m->n] = _("Issue a certificate of service");
		m->kinds[m->n++] = REL_CERT;
	}
	if (f->t->actions & MP_ACT_RANKING) {
		items[m->n] = _("Ranking of the applications");
		m->kinds[m->n++] = REL_RANKING;
	}
	if (f->t->tflags & MP_T_CHANGELOG) {
		items[m->n] = _("Change log");
		m->kinds[m->n++] = REL_LOG;
	}
	if (m->n == 0) {
		ui_status(_("Nothing is related to this record."));
		return;
	}
	ui_pick(_("Related"), items, m->n, 0, related_chosen, m);
}

/* ---- saving ---- */

static void save(struct form *f);

static void warn_answer(void *arg, int yes)
{
	struct form *f = arg;
	if (yes) {
		f->warned = 1;
		save(f);
	}
}

static long long dup_id;
static const mp_table *dup_table;

static void open_dup_answer(void *arg, int yes)
{
	(void)arg;
	if (yes && dup_id)
		form_open(dup_table, dup_id, NULL, NULL);
}

/* The user chose between the form and another window's save (conflict.h):
 * the stored version is what the form now edits, the choice typed over
 * it, and the save goes again. */
static void conflict_chosen(void *arg, mp_record *theirs, mp_record *merged)
{
	struct form *f = arg;
	mp_record_free(f->orig);
	f->orig = theirs;
	for (int i = 0; i < f->t->nfields; i++)
		mp_line_set(&f->ed[i], merged->v[i]);
	for (int i = 0; i < f->t->nfields; i++)
		refresh_shown(f, i);
	mp_record_free(merged);
	save(f);
}

/* The date and reason of a new state were asked (in), or Esc (NULL):
 * the form is as it was, everything typed kept. */
static void step_asked(void *arg, mp_wf_input *in)
{
	struct form *f = arg;

	if (!in || ui->top != &f->s) {
		state_input_free(in);
		if (!in)
			ui_status(_("Not saved; the form keeps what you typed."));
		return;
	}
	state_input_free(f->step);
	f->step = in;
	save(f);
}

static void save(struct form *f)
{
	mp_record *r = collect(f), *theirs = NULL;
	int ret;
	mp_err e;
	char warning[512];
	int64_t other = 0;
	mp_err_clear(&e);
	if (!f->warned &&
	    mp_record_warn(ui->db, ui->cfg, r, warning, sizeof warning, &other)) {
		char q[640];
		snprintf(q, sizeof q, _("%s Save anyway?"), warning);
		ui_confirm(q, 0, warn_answer, f);
		mp_record_free(r);
		return;
	}
	/* A new state whose date and reason the history keeps: asked first
	 * (statedlg.c), then the save goes on with them. */
	if (!f->step && mp_wf_asks_on_save(f->orig, r)) {
		state_ask_on_save(f->orig, r, step_asked, f);
		mp_record_free(r);
		return;
	}
	ret = mp_wf_save(ui->db, ui->cfg, r, f->step, &theirs, &e);
	state_input_free(f->step);
	f->step = NULL;
	if (ret != MP_OK) {
		if (theirs && !theirs->deleted[0]) {
			conflict_open(f->orig, r, theirs, conflict_chosen, f);
			mp_record_free(r);
			return;
		}
		mp_record_free(theirs);
		/* The editors still hold what was typed; only say why. */
		ui_error("%s", e.msg);
		if (e.field >= 0 && e.field < f->t->nfields) {
			f->cur = e.field;
			mp_line_end(&f->ed[f->cur]);
		}
		mp_record_free(r);
		if (e.code == MP_EDUP && e.other_id) {
			dup_id = e.other_id;
			dup_table = f->t;
			ui_confirm(_("Open the record that is already there? (what you typed stays here)"),
			           0, open_dup_answer, NULL);
		}
		return;
	}
	state_forget_typed();
	long long id = r->id;
	void (*done)(void *, long long) = f->on_saved;
	void *arg = f->arg;
	char name[512];
	mp_record_describe(ui->db, r, name, sizeof name);
	mp_record_free(r);
	ui_pop();
	if (done)
		done(arg, id);
	/* TRANSLATORS: %s is a record with its kind: 成员关系“…”. */
	ui_status(_("Saved %s."), name);
}

static void cancel_answer(void *arg, int yes)
{
	(void)arg;
	if (yes) {
		ui_pop();
		ui_status(_("Changes dropped."));
	}
}

static unsigned form_ctx(struct ui_screen *s);
static void next_state(struct form *f);
static void new_ref(struct form *f);

static int form_key(struct ui_screen *s, wint_t ch, int is_key)
{
	struct form *f = (struct form *)s;
	mp_line *ed = &f->ed[f->cur];
	int ref = mp_kind_of(&f->t->fields[f->cur])->edit == MP_EDIT_RECORD;
	switch (keys_lookup(form_ctx(s), ch, is_key)) {
	case A_NEXT_FIELD: focus(f, f->cur + 1, 1); return UI_HANDLED;
	case A_PREV_FIELD: focus(f, f->cur - 1, 1); return UI_HANDLED;
	case A_PICK:
		if (ref)
			open_ref(f, NULL);
		else if (choices_of(f, f->cur))
			open_pick(f, NULL);
		else
			focus(f, f->cur + 1, 1);
		return UI_HANDLED;
	case A_SAVE: f->warned = 0; save(f); return UI_HANDLED;
	case A_RELATED: open_related(f); return UI_HANDLED;
	case A_NEXT_STATE: next_state(f); return UI_HANDLED;
	case A_NEW_REF: new_ref(f); return UI_HANDLED;
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
	case A_ED_BACKSPACE: case A_ED_DELETE: case A_ED_KILL: case A_ED_CLEAR:
		if (ref) {  /* a reference is cleared whole */
			mp_line_clear(ed);
			refresh_shown(f, f->cur);
			return UI_HANDLED;
		}
		switch (keys_lookup(form_ctx(s), ch, is_key)) {
		case A_ED_BACKSPACE: mp_line_backspace(ed); break;
		case A_ED_DELETE: mp_line_delete(ed); break;
		case A_ED_KILL: mp_line_kill_to_end(ed); break;
		default: mp_line_clear(ed); break;
		}
		return UI_HANDLED;
	default:
		break;
	}
	if (!is_key && ch >= 32 && ch != 127) {
		if (ref) {  /* typing a name starts the search for it */
			char first[8];
			first[mp_utf8_encode((wchar_t)ch, first)] = '\0';
			open_ref(f, first);
		} else if (choices_of(f, f->cur)) {
			char typed[8];
			typed[mp_utf8_encode((wchar_t)ch, typed)] = '\0';
			open_pick(f, typed);
		} else if (mp_line_insert(ed, (wchar_t)ch) != 0) {
			/* A number's field keeps so many digits, and says so. */
			if (f->t->fields[f->cur].kind == MP_K_COUNT)
				ui_error(_("%s: at most %zu digits; the rest was not taken"),
				         mp_field_label(&f->t->fields[f->cur]), ed->maxlen);
			else
				ui_error(_("%s: at most %zu characters"),
				         mp_field_label(&f->t->fields[f->cur]), ed->maxlen);
		}
		return UI_HANDLED;
	}
	return UI_UNHANDLED;
}

static void form_destroy(struct ui_screen *s)
{
	struct form *f = (struct form *)s;
	for (int i = 0; i < f->t->nfields; i++) {
		mp_line_free(&f->ed[i]);
		free(f->shown[i]);
	}
	free(f->ed);
	free(f->shown);
	free(f->pick_map);
	state_input_free(f->step);
	mp_record_free(f->orig);
	if (related_menu.f == f)
		related_menu.f = NULL;
	if (made_for.f == f)
		made_for.f = NULL;
	free(f);
}

/* Enter picks only on a field that has something to pick from; on a
 * field typed in it goes to the next, and the key bar says so. */
static unsigned form_ctx(struct ui_screen *s)
{
	struct form *f = (struct form *)s;
	unsigned states = mp_wf_offers_steps(f->t) && f->orig->id ? CTX_STATES : 0;
	if (mp_kind_of(&f->t->fields[f->cur])->edit == MP_EDIT_RECORD)
		return CTX_FORM | CTX_FORMPICK | CTX_FORMREF | states;
	if (choices_of(f, f->cur))
		return CTX_FORM | CTX_FORMPICK | states;
	return CTX_FORM | states;
}

static const struct ui_screen_ops form_ops = {
	form_draw, form_key, form_destroy, form_dirty, form_ctx
};

static void push_form(mp_record *r, int preset_field, const char *preset,
                      void (*on_saved)(void *arg, long long id), void *arg)
{
	const mp_table *t = r->t;
	struct form *f = calloc(1, sizeof *f);
	if (!f)
		mp_oom();
	f->s.ops = &form_ops;
	f->t = t;
	f->orig = r;
	f->on_saved = on_saved;
	f->arg = arg;
	f->ed = calloc((size_t)t->nfields, sizeof *f->ed);
	f->shown = calloc((size_t)t->nfields, sizeof *f->shown);
	if (!f->ed || !f->shown)
		mp_oom();
	/* The preset is part of what the form started with, not a change. */
	if (preset_field >= 0 && preset_field < t->nfields)
		mp_record_set(r, preset_field, preset);
	for (int i = 0; i < t->nfields; i++) {
		mp_line_init(&f->ed[i], t->fields[i].maxlen > 0 ? (size_t)t->fields[i].maxlen : 200);
		mp_line_set(&f->ed[i], r->v[i]);
	}
	for (int i = 0; i < t->nfields; i++) {
		if (mp_kind_of(&t->fields[i])->edit == MP_EDIT_RECORD)
			refresh_shown(f, i);
		else
			f->shown[i] = NULL;
	}
	/* Start on the first field to fill in. */
	f->cur = 0;
	while (f->cur < t->nfields - 1 &&
	       (!editable(f, f->cur) || f->cur == preset_field))
		f->cur++;
	ui_push(&f->s);
	show_hint(f);
}

void form_open(const mp_table *t, long long id,
               void (*on_saved)(void *arg, long long id), void *arg)
{
	mp_record *r = NULL;
	mp_err e;
	mp_err_clear(&e);
	if (!id) {
		push_form(mp_record_new(t, ui->cfg), -1, NULL, on_saved, arg);
		return;
	}
	if (mp_record_load(ui->db, t, id, &r, &e) != MP_OK) {
		ui_error("%s", e.msg);
		return;
	}
	push_form(r, -1, NULL, on_saved, arg);
}

void form_open_new(const mp_table *t, int preset_field, const char *preset,
                   void (*on_saved)(void *arg, long long id), void *arg)
{
	push_form(mp_record_new(t, ui->cfg), preset_field, preset, on_saved, arg);
}

void form_open_record(mp_record *r, void (*on_saved)(void *arg, long long id),
                      void *arg)
{
	struct form *f;

	push_form(r, -1, NULL, on_saved, arg);
	f = (struct form *)ui->top;
	/* Start on the first field the record does not hold yet. */
	while (f->cur < f->t->nfields - 1 && (!editable(f, f->cur) || r->v[f->cur][0]))
		f->cur++;
	show_hint(f);
}

/* ---- drafts: a form kept when miaopu had to stop (mp_draft.h) ---- */

mp_record *form_draft_record(struct ui_screen *s)
{
	if (s->ops != &form_ops || !form_dirty(s))
		return NULL;
	return collect((struct form *)s);
}

void form_open_draft(mp_record *draft)
{
	mp_record *orig = NULL;
	mp_err e;
	mp_err_clear(&e);
	if (draft->id && mp_record_load(ui->db, draft->t, draft->id, &orig, &e) != MP_OK) {
		ui_error("%s", e.msg);
		orig = NULL;
	}
	if (!orig)
		orig = mp_record_new(draft->t, ui->cfg);
	/* The version the form had when it was kept: a change saved since
	 * then (in another window) is shown when this one is saved, not
	 * overwritten. */
	else if (draft->version > 0)
		orig->version = draft->version;
	push_form(orig, -1, NULL, NULL, NULL);
	struct form *f = (struct form *)ui->top;
	for (int i = 0; i < f->t->nfields; i++) {
		if (!editable(f, i))
			continue;
		mp_line_set(&f->ed[i], draft->v[i]);
	}
	for (int i = 0; i < f->t->nfields; i++)
		refresh_shown(f, i);
	mp_record_free(draft);
}

/* ---- the next state, and a record made for a field (F6, Ctrl-N) ---- */

/* After a step: the form shows the record as it is now (its state, the
 * date, what the step set), and the list under it hears of the change. */
static void form_moved(void *arg)
{
	struct form *f = arg;
	const mp_table *t = f->t;
	long long id = f->orig->id;
	void (*on_saved)(void *, long long) = f->on_saved;
	void *cb_arg = f->arg;

	if (ui->top != &f->s)
		return;
	ui_pop();
	if (on_saved)
		on_saved(cb_arg, id);
	form_open(t, id, on_saved, cb_arg);
}

static void next_state(struct form *f)
{
	if (!f->orig->id || !f->t->workflow)
		return;
	if (form_dirty(&f->s)) {
		ui_error(_("Save or undo the changes first: the next step is taken on the record as saved."));
		return;
	}
	state_dialog(f->t, f->orig->id, form_moved, f);
}


static void new_ref_saved(void *arg, long long id)
{
	struct form *f = arg;
	char v[32];
	int i = made_for.field;

	if (made_for.f != f || ui->top != &f->s || i < 0 || i >= f->t->nfields)
		return;
	snprintf(v, sizeof v, "%lld", id);
	mp_line_set(&f->ed[i], v);
	refresh_shown(f, i);
	f->cur = i;
	ui_status(_("%s: “%s” added to the ledger and taken."),
	          mp_field_label(&f->t->fields[i]), f->shown[i] ? f->shown[i] : v);
	focus(f, i + 1, 1);
}

static void new_ref(struct form *f)
{
	const mp_table *ref = f->t->fields[f->cur].ref;

	if (!ref || mp_kind_of(&f->t->fields[f->cur])->edit != MP_EDIT_RECORD)
		return;
	made_for.f = f;
	made_for.field = f->cur;
	form_open(ref, 0, new_ref_saved, f);
}
