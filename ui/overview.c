/* overview.c — the first screen: the station at a glance.
 *
 * Counts of groups and volunteers, this month's activities and hours, the
 * supervision follow-ups that are overdue or due soon (Enter opens one),
 * a bar chart of the last 12 months and the latest activities.  Every
 * figure comes from the core's summaries (mp_overview.h) and indexed
 * lookups, so drawing it costs the same on any size of ledger. */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "mp_activity.h"
#include "mp_check.h"
#include "mp_i18n.h"
#include "mp_overview.h"
#include "mp_period.h"
#include "mp_text.h"
#include "mp_visit.h"
#include "screen.h"
#include "ui.h"

#define MAXDUE 50
#define BAR_ROWS 5

struct overview {
	struct ui_screen s;
	mp_due *due;
	int ndue, cur, first;
};

static void load_due(struct overview *o)
{
	mp_err e;
	mp_dues_free(o->due, o->ndue);
	o->due = NULL;
	o->ndue = 0;
	mp_err_clear(&e);
	if (mp_visits_due(ui->db, ui->cfg->due_soon_days, MAXDUE, &o->due, &o->ndue, &e) != MP_OK)
		ui_error("%s", e.msg);
	if (o->cur >= o->ndue)
		o->cur = o->ndue > 0 ? o->ndue - 1 : 0;
}

/* Up to max activities as "name (MM-DD)" joined on one line, a date of
 * another year in full (mp_date_brief): the latest held ones, or with
 * upcoming set the planned ones, soonest first. */
static void brief_activities(char *buf, size_t size, int upcoming, int max)
{
	mp_brief *b = NULL;
	size_t used = 0;
	char today[11], date[16];
	int n = 0;
	mp_err e;

	mp_err_clear(&e);
	buf[0] = '\0';
	mp_today(today);
	if (mp_overview_activities(ui->db, upcoming, max, &b, &n, &e) != MP_OK) {
		ui_error("%s", e.msg);
		return;
	}
	for (int i = 0; i < n && used < size; i++)
		used += snprintf(buf + used, size - used, "%s%s（%s）",
		                 i ? " · " : "", b[i].name,
		                 mp_date_brief(b[i].date, today, date, sizeof date));
	mp_briefs_free(b, n);
}

static void draw_bars(const mp_overview *ov, int top, int rows)
{
	long amax = 1;
	double hmax = 1;
	char legend[256], label[16];
	for (int i = 0; i < 12; i++) {
		if (ov->months[i].activities > amax)
			amax = ov->months[i].activities;
		if (ov->months[i].hours > hmax)
			hmax = ov->months[i].hours;
	}
	char hs[32];
	mp_hours_str(hmax, hs, sizeof hs);
	snprintf(legend, sizeof legend,
	         _("Last 12 months: # activities (highest %ld), = service hours (highest %s)"),
	         amax, hs);
	ui_put(top, 0, legend, COLS, R_HEADER);
	int colw = (COLS - 2) / 12;
	if (colw > 6)
		colw = 6;
	for (int i = 0; i < 12; i++) {
		int x = 1 + i * colw;
		int ah = (int)((ov->months[i].activities * rows + amax - 1) / amax);
		int hh = (int)((ov->months[i].hours * rows + hmax - 1e-9) / hmax);
		for (int r = 0; r < rows; r++) {
			int y = top + rows - r;
			if (r < ah)
				mvaddch(y, x, '#' | ui_attr(R_TITLE));
			if (r < hh && colw > 2)
				mvaddch(y, x + 1, '=' | ui_attr(R_HEADER));
		}
		/* TRANSLATORS: a month on the bar chart's axis, from its number. */
		snprintf(label, sizeof label, _("%dM"), atoi(ov->months[i].month + 5));
		ui_puts(top + rows + 1, x, label, colw, R_DIM);
	}
}

static void ov_draw(struct ui_screen *s, int top, int height)
{
	struct overview *o = (struct overview *)s;
	mp_overview ov;
	mp_err e;
	char line[512], today[11], hours[32];
	int y = top, bottom = top + height;

	memset(&ov, 0, sizeof ov);
	mp_err_clear(&e);
	if (mp_overview_get(ui->db, &ov, &e) != MP_OK)
		ui_error("%s", e.msg);
	load_due(o);
	mp_today(today);

	snprintf(line, sizeof line, _("%s · overview · %s"),
	         ui->cfg->station && *ui->cfg->station ? ui->cfg->station : _("Station"),
	         today);
	ui_put(y++, 0, line, COLS, R_TITLE);
	snprintf(line, sizeof line,
	         _("Active groups: %ld (registered %ld · filed %ld · not registered %ld)   Volunteers: %ld"),
	         ov.groups_active, ov.groups_registered, ov.groups_filed,
	         ov.groups_unregistered, ov.volunteers);
	ui_put(y++, 0, line, COLS, R_NORMAL);
	if (ov.month_planned > 0)
		snprintf(line, sizeof line,
		         _("This month: activities held %ld, service hours %s; planned %ld"),
		         ov.month_activities,
		         mp_hours_str(ov.month_hours, hours, sizeof hours),
		         ov.month_planned);
	else
		snprintf(line, sizeof line, _("This month: %ld activities, %s service hours"),
		         ov.month_activities, mp_hours_str(ov.month_hours, hours, sizeof hours));
	ui_put(y++, 0, line, COLS, R_NORMAL);
	y++;

	int overdue = 0;
	for (int i = 0; i < o->ndue; i++)
		overdue += o->due[i].overdue;
	snprintf(line, sizeof line,
	         _("Follow-ups: %d overdue, %d due within %d days"),
	         overdue, o->ndue - overdue, ui->cfg->due_soon_days);
	ui_put(y++, 0, line, COLS, R_HEADER);

	/* The follow-ups get what the chart and the activities leave. */
	int reserve = BAR_ROWS + 3 + 2;
	int rows = bottom - y - reserve;
	if (rows > o->ndue)
		rows = o->ndue;
	if (rows < 1)
		rows = o->ndue ? 1 : 0;
	if (o->cur < o->first)
		o->first = o->cur;
	if (rows > 0 && o->cur >= o->first + rows)
		o->first = o->cur - rows + 1;
	if (o->ndue == 0)
		ui_put(y++, 2, _("Nothing is due. Follow-ups with a date show here."), COLS - 2, R_DIM);
	for (int i = 0; i < rows && o->first + i < o->ndue; i++) {
		const mp_due *d = &o->due[o->first + i];
		snprintf(line, sizeof line, "%s %s  %s  %s  %s",
		         d->overdue ? _("OVERDUE") : _("due"), d->due, d->group,
		         d->supervisor, d->advice);
		ui_put(y++, 0, line, COLS,
		       o->first + i == o->cur ? R_SELECTED : d->overdue ? R_ERROR : R_NORMAL);
	}
	y++;
	if (bottom - y >= BAR_ROWS + 2) {
		draw_bars(&ov, y, BAR_ROWS);
		y += BAR_ROWS + 2;
	}
	if (y < bottom) {
		char acts[1024];
		brief_activities(acts, sizeof acts, 0, 5);
		snprintf(line, sizeof line, _("Latest activities: %s"),
		         acts[0] ? acts : _("none yet"));
		ui_put(y++, 0, line, COLS, R_NORMAL);
	}
	/* Planned activities apart from the held ones, never among them. */
	if (y < bottom) {
		char acts[1024];
		brief_activities(acts, sizeof acts, 1, 5);
		if (acts[0]) {
			snprintf(line, sizeof line, _("Planned: %s"), acts);
			ui_put(y, 0, line, COLS, R_DIM);
		}
	}
}

static void on_saved(void *arg, long long id)
{
	(void)arg;
	(void)id;
}

static int ov_key(struct ui_screen *s, wint_t ch, int is_key)
{
	struct overview *o = (struct overview *)s;
	switch (keys_lookup(CTX_OVERVIEW, ch, is_key)) {
	case A_UP: if (o->cur > 0) o->cur--; break;
	case A_DOWN: if (o->cur < o->ndue - 1) o->cur++; break;
	case A_HOME: case A_PGUP: o->cur = 0; break;
	case A_END: case A_PGDN: o->cur = o->ndue > 0 ? o->ndue - 1 : 0; break;
	case A_OPEN:
		if (o->ndue > 0)
			form_open(&mp_visits, o->due[o->cur].visit_id, on_saved, o);
		break;
	default:
		return UI_UNHANDLED;
	}
	return UI_HANDLED;
}

static void ov_destroy(struct ui_screen *s)
{
	struct overview *o = (struct overview *)s;
	mp_dues_free(o->due, o->ndue);
	free(o);
}

static unsigned ov_ctx(struct ui_screen *s)
{
	(void)s;
	return CTX_OVERVIEW;
}

static const struct ui_screen_ops ov_ops = {
	ov_draw, ov_key, ov_destroy, NULL, ov_ctx
};

struct ui_screen *overview_new(void)
{
	struct overview *o = calloc(1, sizeof *o);
	if (!o)
		mp_oom();
	o->s.ops = &ov_ops;
	return &o->s;
}
