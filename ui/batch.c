/* batch.c — service hours for many volunteers of one activity at once.
 *
 * The group's members are offered, each with the activity's duration;
 * Space ticks the ones who served, Enter (or a digit) changes someone's
 * hours, a adds a volunteer who is not a member.  F2 saves every ticked
 * line in one transaction: all of them or, if one is refused, none, with
 * the cursor on the one that was refused. */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "mp_activity.h"
#include "mp_check.h"
#include "mp_i18n.h"
#include "mp_lineedit.h"
#include "mp_list.h"
#include "mp_period.h"
#include "mp_text.h"
#include "mp_volunteer.h"
#include "screen.h"
#include "ui.h"
#include "widgets.h"

#define MAXMEMBERS 2000

struct brow {
	long long volunteer;
	char *name;
	char *role;
	int ticked;
	mp_line hours;
	/* A record already there for this activity and day: shown ticked
	 * and marked, never saved again (mp_hours_duplicate). */
	long long there;
	char *there_desc;
};

struct batch {
	struct ui_screen s;
	mp_record *activity;
	char duration[16];
	struct brow *rows;
	int n, cap, cur, first;
	int editing;
	char *before;    /* the hours as they were when the typing began */
};

static struct brow *add_row(struct batch *b, long long volunteer,
                            const char *name, const char *role)
{
	for (int i = 0; i < b->n; i++)
		if (b->rows[i].volunteer == volunteer)
			return &b->rows[i];
	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 32;
		b->rows = realloc(b->rows, (size_t)b->cap * sizeof *b->rows);
		if (!b->rows)
			mp_oom();
	}
	struct brow *r = &b->rows[b->n++];
	memset(r, 0, sizeof *r);
	r->volunteer = volunteer;
	r->name = mp_strdup(name);
	r->role = mp_strdup(role);
	mp_line_init(&r->hours, 8);
	mp_line_set(&r->hours, b->duration);
	return r;
}

/* The members of the activity's group, by keyset pages of the
 * memberships list (the only way the UI reads records). */
static void load_members(struct batch *b)
{
	mp_listq *q = mp_listq_new(ui->db, &mp_memberships);
	mp_row rows[64];
	mp_key last = { NULL, 0 };
	int n = 0, first = 1;
	mp_err e;
	mp_err_clear(&e);
	mp_listq_set_filter(q, M_GROUP, b->activity->v[ACT_GROUP]);
	while (b->n < MAXMEMBERS &&
	       mp_listq_fetch(q, first ? NULL : &last, 1, 0, 64, rows, &n, &e) == MP_OK &&
	       n > 0) {
		for (int i = 0; i < n; i++) {
			mp_record *m = NULL;
			if (mp_record_load(ui->db, &mp_memberships, rows[i].key.id, &m, &e) == MP_OK) {
				char name[256];
				mp_field_display(ui->db, m, M_VOLUNTEER, 1, name, sizeof name);
				add_row(b, atoll(m->v[M_VOLUNTEER]), name, m->v[M_ROLE]);
				mp_record_free(m);
			}
		}
		mp_key_clear(&last);
		mp_key_copy(&last, &rows[n - 1].key);
		mp_rows_clear(rows, n);
		first = 0;
	}
	mp_key_clear(&last);
	mp_listq_free(q);
	if (e.code != MP_OK)
		ui_error("%s", e.msg);
}

/* The lines ticked to be saved (those already recorded are not). */
static int ticked(const struct batch *b)
{
	int k = 0;
	for (int i = 0; i < b->n; i++)
		k += b->rows[i].ticked && !b->rows[i].there;
	return k;
}

/* The records already there for the activity on its day, whoever gave
 * them (members or not): ticked, marked and kept as they are. */
static void load_there(struct batch *b)
{
	mp_hours_there *h = NULL;
	int n = 0;
	mp_err e;

	mp_err_clear(&e);
	if (mp_hours_of_activity(ui->db, b->activity->id, b->activity->v[ACT_DATE],
	                         &h, &n, &e) != MP_OK) {
		ui_error("%s", e.msg);
		return;
	}
	for (int i = 0; i < n; i++) {
		struct brow *r = add_row(b, h[i].volunteer, h[i].name, "");
		if (r->there)
			continue;   /* the first one names them */
		r->there = h[i].record;
		r->there_desc = mp_strdup(h[i].desc);
		r->ticked = 1;
		mp_line_set(&r->hours, h[i].hours);
	}
	mp_hours_there_free(h, n);
}

/* A line already recorded is not entered again: say which record it is.
 * Returns 1 when the line is such a one. */
static int refuse_there(const struct brow *r)
{
	if (!r->there)
		return 0;
	ui_error(_("Already recorded: %s; change it in the service records."),
	         r->there_desc);
	return 1;
}

static void batch_draw(struct ui_screen *s, int top, int height)
{
	struct batch *b = (struct batch *)s;
	char title[512];
	char group[256];
	int namew = 20, rolew = 8, hx;
	mp_field_display(ui->db, b->activity, ACT_GROUP, 1, group, sizeof group);
	snprintf(title, sizeof title, _("Service hours for “%s” (%s, %s)"),
	         b->activity->v[ACT_NAME], group, b->activity->v[ACT_DATE]);
	ui_put(top, 0, title, COLS, R_TITLE);
	snprintf(title, sizeof title,
	         _("%d ticked · Space ticks · Enter changes hours · a adds someone · F2 saves all"),
	         ticked(b));
	ui_put(top + 1, 0, title, COLS, R_DIM);
	hx = 4 + namew + 1 + rolew + 1;
	ui_put(top + 2, 0, "", 4, R_HEADER);
	ui_put(top + 2, 4, _("Volunteer"), namew, R_HEADER);
	ui_put(top + 2, 4 + namew + 1, _("Role"), rolew, R_HEADER);
	ui_put(top + 2, hx, _("Hours"), 10, R_HEADER);
	int rows = height - 3;
	if (rows < 1)
		rows = 1;
	if (b->cur < b->first)
		b->first = b->cur;
	if (b->cur >= b->first + rows)
		b->first = b->cur - rows + 1;
	if (b->n == 0)
		ui_puts(top + 4, 2, _("The group has no members yet: press a to find volunteers by name."),
		        COLS - 4, R_DIM);
	for (int i = 0; i < rows && b->first + i < b->n; i++) {
		int k = b->first + i, y = top + 3 + i;
		struct brow *r = &b->rows[k];
		enum ui_role role = k == b->cur ? R_SELECTED : R_NORMAL;
		char *h = mp_line_get(&r->hours);
		ui_put(y, 0, r->ticked ? "[x] " : "[ ] ", 4, role);
		ui_put(y, 4, r->name, namew, role);
		ui_put(y, 4 + namew, " ", 1, role);
		ui_put(y, 4 + namew + 1, r->role, rolew, role);
		ui_put(y, hx - 1, " ", 1, role);
		if (k == b->cur && b->editing) {
			int cx = mp_line_view(&r->hours, 10);
			ui_put(y, hx, h, 10, R_FIELD_ACTIVE);
			ui_cursor(y, hx + cx);
		} else {
			ui_put(y, hx, h, 10, role);
		}
		if (r->there && COLS > hx + 11)
			ui_put(y, hx + 11, _("already recorded"), COLS - hx - 11,
			       k == b->cur ? R_SELECTED : R_DIM);
		free(h);
	}
}

static void volunteer_chosen(void *arg, long long id, const char *name)
{
	struct batch *b = arg;
	if (!id)
		return;
	struct brow *r = add_row(b, id, name, "");
	b->cur = (int)(r - b->rows);
	if (!refuse_there(r))
		r->ticked = 1;
}

struct hours_batch {
	mp_record **recs;
	int n;
};

static int save_hours(void *arg, mp_err *e)
{
	struct hours_batch *hb = arg;
	return mp_hours_save_batch(ui->db, ui->cfg, hb->recs, hb->n, e);
}

static void save_all(struct batch *b)
{
	int n = ticked(b), k = 0;
	mp_record **recs;
	int *which;
	mp_err e;
	double total = 0;
	char totals[32];
	if (n == 0) {
		ui_error(_("Tick at least one volunteer (Space)."));
		return;
	}
	recs = calloc((size_t)n, sizeof *recs);
	which = calloc((size_t)n, sizeof *which);
	if (!recs || !which)
		mp_oom();
	for (int i = 0; i < b->n; i++) {
		if (!b->rows[i].ticked || b->rows[i].there)
			continue;
		char *h = mp_line_get(&b->rows[i].hours);
		recs[k] = mp_hours_from_activity(ui->cfg, b->activity, b->rows[i].volunteer);
		mp_record_set(recs[k], H_HOURS, h);
		total += atof(h);
		free(h);
		which[k++] = i;
	}
	mp_err_clear(&e);
	/* Made from the activity as this screen loaded it: if another window
	 * changed it (its date, its place) or binned it meanwhile, nothing
	 * is written and the screen takes the activity as it is now. */
	struct hours_batch hb = { recs, n };
	mp_record *theirs = NULL;
	int rc = mp_record_write_from(ui->db, b->activity, save_hours, &hb, &theirs, &e);
	for (int i = 0; i < n; i++)
		mp_record_free(recs[i]);
	free(recs);
	if (theirs && !theirs->deleted[0]) {
		mp_record_free(b->activity);
		b->activity = theirs;
		theirs = NULL;
	}
	mp_record_free(theirs);
	if (rc != MP_OK) {
		ui_error("%s", e.msg);
		if (e.index >= 0 && e.index < n)
			b->cur = which[e.index];
		free(which);
		return;
	}
	free(which);
	ui_pop();
	ui_status(_("Saved service hours for %d volunteers, %s hours in all."), n,
	          mp_hours_str(total, totals, sizeof totals));
}

static void drop_answer(void *arg, int yes)
{
	(void)arg;
	if (yes)
		ui_pop();
}

static int edit_key(struct batch *b, wint_t ch, int is_key)
{
	mp_line *l = &b->rows[b->cur].hours;
	switch (keys_lookup(CTX_SEARCH, ch, is_key)) {
	case A_SEARCH_DONE: b->editing = 0; b->rows[b->cur].ticked = 1; return UI_HANDLED;
	case A_SEARCH_CLEAR:
		/* Esc cancels the typing: the hours as they were. */
		mp_line_set(l, b->before ? b->before : "");
		b->editing = 0;
		return UI_HANDLED;
	case A_ED_LEFT: mp_line_left(l); return UI_HANDLED;
	case A_ED_RIGHT: mp_line_right(l); return UI_HANDLED;
	case A_ED_HOME: mp_line_home(l); return UI_HANDLED;
	case A_ED_END: mp_line_end(l); return UI_HANDLED;
	case A_ED_BACKSPACE: mp_line_backspace(l); return UI_HANDLED;
	case A_ED_KILL: mp_line_kill_to_end(l); return UI_HANDLED;
	case A_ED_CLEAR: mp_line_clear(l); return UI_HANDLED;
	default: break;
	}
	if (!is_key && ch >= 32 && ch != 127) {
		if (mp_line_insert(l, (wchar_t)ch) != 0)
			ui_error(_("%s: at most %zu characters"), _("Hours"), l->maxlen);
		return UI_HANDLED;
	}
	/* Any other key ends the typing and acts on the list. */
	b->editing = 0;
	b->rows[b->cur].ticked = 1;
	return UI_UNHANDLED;
}

static int batch_key(struct ui_screen *s, wint_t ch, int is_key)
{
	struct batch *b = (struct batch *)s;
	if (b->editing && edit_key(b, ch, is_key) == UI_HANDLED)
		return UI_HANDLED;
	/* Typing a number on a line starts changing its hours. */
	if (!is_key && b->n > 0 && ((ch >= '0' && ch <= '9') || ch == '.')) {
		if (refuse_there(&b->rows[b->cur]))
			return UI_HANDLED;
		b->editing = 1;
		free(b->before);
		b->before = mp_line_get(&b->rows[b->cur].hours);
		mp_line_clear(&b->rows[b->cur].hours);
		mp_line_insert(&b->rows[b->cur].hours, (wchar_t)ch);
		return UI_HANDLED;
	}
	switch (keys_lookup(CTX_BATCH, ch, is_key)) {
	case A_UP: if (b->cur > 0) b->cur--; break;
	case A_DOWN: if (b->cur < b->n - 1) b->cur++; break;
	case A_PGUP: b->cur -= 10; if (b->cur < 0) b->cur = 0; break;
	case A_PGDN: b->cur += 10; if (b->cur > b->n - 1) b->cur = b->n > 0 ? b->n - 1 : 0; break;
	case A_HOME: b->cur = 0; break;
	case A_END: b->cur = b->n > 0 ? b->n - 1 : 0; break;
	case A_TOGGLE:
		if (b->n > 0 && !refuse_there(&b->rows[b->cur]))
			b->rows[b->cur].ticked = !b->rows[b->cur].ticked;
		break;
	case A_EDIT:
		if (b->n > 0 && !refuse_there(&b->rows[b->cur])) {
			b->editing = 1;
			free(b->before);
			b->before = mp_line_get(&b->rows[b->cur].hours);
			mp_line_end(&b->rows[b->cur].hours);
		}
		break;
	case A_ADD: listview_pick(&mp_volunteers, NULL, volunteer_chosen, b); break;
	case A_SAVE: save_all(b); break;
	case A_CANCEL:
		if (ticked(b))
			ui_confirm(_("Drop the hours entered here?"), 0, drop_answer, NULL);
		else
			ui_pop();
		break;
	default:
		return UI_UNHANDLED;
	}
	return UI_HANDLED;
}

static void batch_destroy(struct ui_screen *s)
{
	struct batch *b = (struct batch *)s;
	for (int i = 0; i < b->n; i++) {
		free(b->rows[i].name);
		free(b->rows[i].role);
		free(b->rows[i].there_desc);
		mp_line_free(&b->rows[i].hours);
	}
	free(b->rows);
	free(b->before);
	mp_record_free(b->activity);
	free(b);
}

static int batch_dirty(struct ui_screen *s)
{
	return ticked((struct batch *)s) > 0;
}

static unsigned batch_ctx(struct ui_screen *s)
{
	return ((struct batch *)s)->editing ? CTX_HOURS : CTX_BATCH;
}

static const struct ui_screen_ops batch_ops = {
	batch_draw, batch_key, batch_destroy, batch_dirty, batch_ctx
};

void batch_open(long long activity_id)
{
	mp_record *a = NULL;
	mp_err e;
	mp_err_clear(&e);
	if (mp_record_load(ui->db, &mp_activities, activity_id, &a, &e) != MP_OK) {
		ui_error("%s", e.msg);
		return;
	}
	char today[11];
	mp_today(today);
	if (mp_date_planned(a->v[ACT_DATE], today)) {
		/* Service dates are never in the future: say so before any
		 * hours are typed, not at F2. */
		ui_error(_("“%s” is planned for %s: enter its hours once it has been held."),
		         a->v[ACT_NAME], a->v[ACT_DATE]);
		mp_record_free(a);
		return;
	}
	struct batch *b = calloc(1, sizeof *b);
	if (!b)
		mp_oom();
	b->s.ops = &batch_ops;
	b->activity = a;
	mp_activity_duration(a, b->duration, sizeof b->duration);
	if (!strcmp(b->duration, "0"))
		b->duration[0] = '\0';
	load_members(b);
	load_there(b);
	ui_push(&b->s);
	if (!b->duration[0])
		ui_status(_("The activity has no start and end time: type each volunteer's hours."));
}
