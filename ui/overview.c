/* overview.c — the first screen: the station at a glance.
 *
 * Counts of groups and volunteers, this month's activities and hours, the
 * supervision follow-ups that are overdue or due soon (Enter opens one),
 * a bar chart of the last 12 months and the latest activities.  Every
 * figure comes from the core's summaries (mp_overview.h) and indexed
 * lookups, so drawing it costs the same on any size of ledger. */
#include "config.h"

#include <curses.h>
#include <langinfo.h>
#include <stdlib.h>
#include <string.h>

#include "mp_activity.h"
#include "mp_check.h"
#include "mp_funding.h"
#include "mp_i18n.h"
#include "mp_overview.h"
#include "mp_period.h"
#include "mp_text.h"
#include "mp_visit.h"
#include "screen.h"
#include "checkdlg.h"
#include "ui.h"

#define MAXDUE 50
#define BAR_ROWS 5

struct overview {
	struct ui_screen s;
	mp_due *due;
	int ndue, cur, first;
	/* Evaluations and tranches falling due (mp_funding_due), after the
	 * follow-ups in the same list: read again only when the ledger
	 * changed, as they are worked out project by project. */
	mp_fund_due *fund;
	int nfund, fund_loaded;
	long long fund_gen;
};

/* How many lines the due list has: follow-ups, then funding. */
static int due_total(const struct overview *o)
{
	return o->ndue + o->nfund;
}

static void load_due(struct overview *o)
{
	mp_err e;
	mp_dues_free(o->due, o->ndue);
	o->due = NULL;
	o->ndue = 0;
	mp_err_clear(&e);
	if (mp_visits_due(ui->db, ui->cfg->due_soon_days, MAXDUE, &o->due, &o->ndue, &e) != MP_OK)
		ui_error("%s", e.msg);
	if (!o->fund_loaded || o->fund_gen != mp_db_generation(ui->db)) {
		mp_fund_dues_free(o->fund, o->nfund);
		o->fund = NULL;
		o->nfund = 0;
		o->fund_loaded = 1;
		o->fund_gen = mp_db_generation(ui->db);
		if (mp_funding_due(ui->db, ui->cfg->due_soon_days, MAXDUE, &o->fund,
		                   &o->nfund, &e) != MP_OK)
			ui_error("%s", e.msg);
	}
	if (o->cur >= due_total(o))
		o->cur = due_total(o) > 0 ? due_total(o) - 1 : 0;
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

/* Whether the terminal's character set shows the block elements
 * (▁▂▃▄▅▆▇█): a UTF-8 locale, as ncursesw writes in it. */
static int have_blocks(void)
{
	const char *cs = nl_langinfo(CODESET);
	return cs && (!strcmp(cs, "UTF-8") || !strcmp(cs, "utf8"));
}

/* One bar of value v out of max, rows high, its bottom on line bottom:
 * in eighths of a line with the block elements, else whole lines of ch. */
static void draw_bar(int bottom, int x, int w, double v, double max, int rows,
                     int blocks, chtype ch, int attr)
{
	static const wchar_t eighths[] = L" ▁▂▃▄▅▆▇█";
	long units = blocks ? 8 : 1;
	long h = max > 0 ? (long)(v * rows * units / max + 0.999999) : 0;
	if (v > 0 && h == 0)
		h = 1;   /* a month with anything at all shows it */
	for (int r = 0; r < rows && h > 0; r++) {
		long part = h >= units ? units : h;
		h -= part;
		for (int k = 0; k < w; k++) {
			if (blocks) {
				wchar_t cell[2] = { eighths[part], 0 };
				attrset(attr);
				mvaddwstr(bottom - r, x + k, cell);
				attrset(A_NORMAL);
			} else {
				mvaddch(bottom - r, x + k, ch | attr);
			}
		}
	}
}

static void draw_bars(const mp_overview *ov, int top, int rows)
{
	long amax = 1;
	double hmax = 1;
	char legend[256], label[16];
	int blocks = have_blocks();
	for (int i = 0; i < 12; i++) {
		if (ov->months[i].activities > amax)
			amax = ov->months[i].activities;
		if (ov->months[i].hours > hmax)
			hmax = ov->months[i].hours;
	}
	char hs[32];
	mp_hours_str(hmax, hs, sizeof hs);
	int empty = 1;
	for (int i = 0; i < 12; i++)
		if (ov->months[i].activities > 0 || ov->months[i].hours > 0)
			empty = 0;
	if (empty)
		/* A scale of "at most 1" over nothing would read as a figure. */
		snprintf(legend, sizeof legend, "%s",
		         _("Last 12 months: no activities or service hours recorded yet"));
	else if (blocks)
		snprintf(legend, sizeof legend,
		         _("Last 12 months: activities (left, most %ld), service hours (right, most %s)"),
		         amax, hs);
	else
		snprintf(legend, sizeof legend,
		         _("Last 12 months: # activities (highest %ld), = service hours (highest %s)"),
		         amax, hs);
	ui_put_cut(top, 0, legend, COLS, R_HEADER);
	/* Wider columns on a wider screen: each month's two bars grow. */
	int colw = (COLS - 2) / 12;
	if (colw > 12)
		colw = 12;
	int barw = colw >= 6 ? (colw - 2) / 2 : 1;
	for (int i = 0; i < 12; i++) {
		int x = 1 + i * colw;
		draw_bar(top + rows, x, barw, (double)ov->months[i].activities,
		         (double)amax, rows, blocks, '#', ui_attr(R_TITLE));
		if (colw > 2)
			draw_bar(top + rows, x + barw, barw, ov->months[i].hours, hmax,
			         rows, blocks, '=', blocks ? (int)A_DIM : ui_attr(R_HEADER));
		/* TRANSLATORS: a month on the bar chart's axis, from its number. */
		snprintf(label, sizeof label, _("%dM"), atoi(ov->months[i].month + 5));
		ui_puts(top + rows + 1, x, label, colw, R_DIM);
	}
}

/* How many lines the chart's bars take: five at 80x24, more on a taller
 * screen (a third of it), so that its lower half is not left empty. */
static int chart_rows(int height)
{
	int rows = height < 30 ? BAR_ROWS : height / 3;
	if (rows < BAR_ROWS)
		rows = BAR_ROWS;
	if (rows > 16)
		rows = 16;
	return rows;
}

/* How many of the latest activities to show, and on how many lines. */
static int activity_lines(int height)
{
	return height >= 30 ? 3 : 1;
}

/* The latest held activities (or with upcoming the planned ones, dim),
 * wrapped over at most lines lines from y; more of them when there are
 * more lines.  Returns the lines used (0 when there is nothing to say:
 * no planned activity). */
static int draw_brief(int y, int lines, int upcoming)
{
	char acts[2048], line[2300];
	const char *p = line;
	enum ui_role role = upcoming ? R_DIM : R_NORMAL;
	int used = 0;
	brief_activities(acts, sizeof acts, upcoming, lines > 1 ? 8 : 5);
	if (upcoming && !acts[0])
		return 0;
	if (upcoming)
		snprintf(line, sizeof line, _("Planned: %s"), acts);
	else
		snprintf(line, sizeof line, _("Latest activities: %s"),
		         acts[0] ? acts : _("none yet"));
	for (int i = 0; i < lines && *p; i++) {
		const char *next;
		char one[1024];
		size_t len = mp_text_wrap(p, COLS, NULL, &next);
		used++;
		if (i == lines - 1 && *next) {
			ui_put_cut(y + i, 0, p, COLS, role);
			break;
		}
		snprintf(one, sizeof one, "%.*s", (int)len, p);
		ui_put(y + i, 0, one, COLS, role);
		p = next;
	}
	return used;
}

static int ov_key(struct ui_screen *s, wint_t ch, int is_key);

/* A click on a follow-up selects it; on the selected one, opens it. */
static void due_clicked(struct ui_screen *s, int k)
{
	struct overview *o = (struct overview *)s;
	if (k < 0 || k >= due_total(o))
		return;
	if (k == o->cur)
		ov_key(s, '\n', 0);
	else
		o->cur = k;
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
		snprintf(line, sizeof line,
		         ngettext("This month: %ld activity, %s service hours",
		                  "This month: %ld activities, %s service hours",
		                  (unsigned long)ov.month_activities),
		         ov.month_activities, mp_hours_str(ov.month_hours, hours, sizeof hours));
	ui_put(y++, 0, line, COLS, R_NORMAL);
	y++;

	int overdue = 0;
	for (int i = 0; i < o->ndue; i++)
		overdue += o->due[i].overdue;
	for (int i = 0; i < o->nfund; i++)
		overdue += o->fund[i].overdue;
	snprintf(line, sizeof line,
	         _("Follow-ups: %d overdue, %d due within %d days"),
	         overdue, due_total(o) - overdue, ui->cfg->due_soon_days);
	ui_put(y++, 0, line, COLS, R_HEADER);

	/* The follow-ups get what the chart and the activities leave. */
	int bar_rows = chart_rows(height), act_lines = activity_lines(height);
	int reserve = bar_rows + 3 + act_lines + 1;
	int rows = bottom - y - reserve;
	if (rows > due_total(o))
		rows = due_total(o);
	if (rows < 1)
		rows = due_total(o) ? 1 : 0;
	if (o->cur < o->first)
		o->first = o->cur;
	if (rows > 0 && o->cur >= o->first + rows)
		o->first = o->cur - rows + 1;
	if (due_total(o) == 0)
		ui_put(y++, 2, _("Nothing is due. Follow-ups with a date show here."), COLS - 2, R_DIM);
	for (int i = 0; i < rows && o->first + i < due_total(o); i++) {
		int k = o->first + i, late;
		if (k < o->ndue) {
			const mp_due *d = &o->due[k];
			snprintf(line, sizeof line, "%s %s  %s  %s  %s",
			         d->overdue ? _("OVERDUE") : _("due"), d->due, d->group,
			         d->supervisor, d->advice);
			late = d->overdue;
		} else {
			const mp_fund_due *d = &o->fund[k - o->ndue];
			snprintf(line, sizeof line, "%s %s  %s  %s",
			         d->overdue ? _("OVERDUE") : _("due"), d->date, d->project,
			         d->what);
			late = d->overdue;
		}
		ui_click_area(y, 0, COLS, due_clicked, k);
		ui_put_cut(y++, 0, line, COLS,
		           k == o->cur ? R_SELECTED : late ? R_MARKED : R_NORMAL);
	}
	y++;
	/* Room the follow-ups did not need goes to the chart. */
	if (height >= 30) {
		int spare = bottom - y - (bar_rows + 2) - act_lines - 1;
		if (spare > 0)
			bar_rows += spare < 20 - bar_rows ? spare : 20 - bar_rows;
	}
	if (bottom - y >= bar_rows + 2) {
		draw_bars(&ov, y, bar_rows);
		y += bar_rows + 2;
	} else if (bottom - y >= BAR_ROWS + 2) {
		draw_bars(&ov, y, BAR_ROWS);
		y += BAR_ROWS + 2;
	}
	if (y < bottom)
		y += draw_brief(y, bottom - y < act_lines ? bottom - y : act_lines, 0);
	/* Planned activities apart from the held ones, never among them. */
	if (y < bottom)
		draw_brief(y, bottom - y < act_lines ? bottom - y : act_lines, 1);
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
	case A_DOWN: if (o->cur < due_total(o) - 1) o->cur++; break;
	case A_HOME: case A_PGUP: o->cur = 0; break;
	case A_END: case A_PGDN: o->cur = due_total(o) > 0 ? due_total(o) - 1 : 0; break;
	case A_OPEN:
		if (o->cur < o->ndue)
			form_open(&mp_visits, o->due[o->cur].visit_id, on_saved, o);
		else if (o->cur < due_total(o))
			form_open(o->fund[o->cur - o->ndue].open, o->fund[o->cur - o->ndue].app_id,
			          on_saved, o);
		break;
	case A_CHECK:
		ui_check_ledger();
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
	mp_fund_dues_free(o->fund, o->nfund);
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
