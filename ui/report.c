/* report.c — section 7: the summary report (汇总报表) on screen.
 *
 * The core builds the report's tables (mp_report.h) and writes them as
 * text with month-by-month bars; this screen scrolls those lines, lets
 * the user choose the period and the community, and saves the report as
 * XLSX, CSV or text.  `r` shows one funding round's report instead (the
 * same as `miaopu report --round`), up to the period's end.  The report
 * is built again when the ledger changed since it was built. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mp_check.h"
#include "mp_config.h"
#include "mp_group.h"
#include "mp_i18n.h"
#include "mp_list.h"
#include "mp_path.h"
#include "mp_report.h"
#include "mp_report_round.h"
#include "mp_text.h"
#include "screen.h"
#include "ui.h"
#include "widgets.h"

struct report_screen {
	struct ui_screen s;
	char from[11], to[11];
	char *community;        /* NULL: all */
	char *round;            /* a funding round's name; NULL: the summary */
	char **lines;
	int nlines, first, height, bars;
	long long generation;
	int built;
	mp_report r;
	char *export_format;
	char *save_path;         /* as typed, while asked whether to replace */
	mp_strlist communities;  /* offered by ask_community */
	mp_strlist rounds;       /* offered by ask_round */
};

static void free_lines(struct report_screen *rs)
{
	for (int i = 0; i < rs->nlines; i++)
		free(rs->lines[i]);
	free(rs->lines);
	rs->lines = NULL;
	rs->nlines = 0;
}

static void build(struct report_screen *rs)
{
	mp_err e;
	char *text = NULL;
	size_t len = 0;
	FILE *f;

	if (rs->built)
		mp_report_free(&rs->r);
	rs->built = 0;
	free_lines(rs);
	rs->generation = mp_db_generation(ui->db);
	mp_err_clear(&e);
	if ((rs->round
	     ? mp_report_build_round(ui->db, ui->cfg, rs->round, rs->to,
	                             rs->community, &rs->r, &e)
	     : mp_report_build(ui->db, ui->cfg, rs->from, rs->to, rs->community,
	                       &rs->r, &e)) != MP_OK) {
		ui_error("%s", e.msg);
		return;
	}
	rs->built = 1;
	f = open_memstream(&text, &len);
	if (!f)
		mp_oom();
	mp_report_write_text(&rs->r, f, rs->bars, &e);
	fclose(f);
	for (char *p = text, *nl; p && *p; p = nl + 1) {
		nl = strchr(p, '\n');
		if (!nl)
			nl = p + strlen(p) - 1;
		else
			*nl = '\0';
		rs->lines = realloc(rs->lines, (size_t)(rs->nlines + 1) * sizeof *rs->lines);
		if (!rs->lines)
			mp_oom();
		rs->lines[rs->nlines++] = mp_strdup(p);
	}
	free(text);
	if (rs->first > rs->nlines - 1)
		rs->first = rs->nlines > 0 ? rs->nlines - 1 : 0;
}

static void rp_draw(struct ui_screen *s, int top, int height)
{
	struct report_screen *rs = (struct report_screen *)s;
	int bars = COLS;     /* the line's width: each table's bars fit in it */

	if (!rs->built || bars != rs->bars ||
	    rs->generation != mp_db_generation(ui->db)) {
		rs->bars = bars;
		build(rs);
	}
	rs->height = height;
	/* The first three lines (heading) stay; the tables scroll. */
	for (int i = 0; i < 3 && i < rs->nlines && i < height; i++)
		ui_put(top + i, 0, rs->lines[i], COLS, i == 0 ? R_TITLE : R_HEADER);
	for (int y = 3; y < height; y++) {
		int i = rs->first + y;
		const char *l = i < rs->nlines ? rs->lines[i] : "";
		enum ui_role role = R_NORMAL;

		if (strncmp(l, "【", strlen("【")) == 0)
			role = R_TITLE;
		else if (l[0] == '-')
			role = R_DIM;
		ui_put(top + y, 0, l, COLS, role);
	}
}

/* ---- choosing the period ---- */

static void got_from(void *arg, const char *text);

/* A date typed into a prompt: 0 with out set, or -1 after saying what is
 * wrong with it. */
static int typed_date(const char *text, char out[11])
{
	switch (mp_date_parse(text, out)) {
	case MP_DATE_OK:
		return 0;
	case MP_DATE_NOSUCHDAY:
		ui_error(_("There is no such day as %s."), text);
		return -1;
	default:
		ui_error(_("“%s” is not a date; write it like 2026-03-05"), text);
		return -1;
	}
}

static void got_to(void *arg, const char *text)
{
	struct report_screen *rs = arg;
	char d[11];

	if (!text)
		return;
	if (!*text) {
		mp_today(d);
	} else if (typed_date(text, d) != 0) {
		/* Ask again with what was typed, so that it can be mended. */
		ui_prompt(_("Report: period up to (empty: today)"), text,
		          _("A date like 2026-12-31"), got_to, rs);
		return;
	}
	if (strcmp(rs->from, d) > 0) {
		ui_error(_("the period starts (%s) after it ends (%s)"), rs->from, d);
		ui_prompt(_("Report: period up to (empty: today)"), text,
		          _("A date like 2026-12-31"), got_to, rs);
		return;
	}
	memcpy(rs->to, d, sizeof d);
	rs->first = 0;
	rs->built = rs->built ? (mp_report_free(&rs->r), 0) : 0;
	ui_status(_("Report for %s to %s"), rs->from, rs->to);
}

static void got_from(void *arg, const char *text)
{
	struct report_screen *rs = arg;
	char d[11];

	if (!text)
		return;
	if (typed_date(text, d) != 0) {
		ui_prompt(_("Report: period from"), text,
		          _("A date like 2026-01-01; the year so far is the default"),
		          got_from, rs);
		return;
	}
	memcpy(rs->from, d, sizeof d);
	ui_prompt(_("Report: period up to (empty: today)"), rs->to,
	          _("A date like 2026-12-31"), got_to, rs);
}

static void ask_period(struct report_screen *rs)
{
	ui_prompt(_("Report: period from"), rs->from,
	          _("A date like 2026-01-01; the year so far is the default"),
	          got_from, rs);
}

static void this_year(struct report_screen *rs)
{
	mp_today(rs->to);
	memcpy(rs->from, rs->to, 5);
	memcpy(rs->from + 5, "01-01", 6);
}

static void picked_community(void *arg, int index)
{
	struct report_screen *rs = arg;
	const mp_strlist *l = &rs->communities;

	if (index < 0)
		return;
	free(rs->community);
	rs->community = index == 0 || index > l->n ? NULL
	              : mp_strdup(l->v[index - 1]);
	rs->first = 0;
	rs->built = rs->built ? (mp_report_free(&rs->r), 0) : 0;
}

/* The communities of the settings; with none set, those the groups name. */
static void ask_community(struct report_screen *rs)
{
	const mp_strlist *set = mp_config_choices(ui->cfg, MP_CH_COMMUNITY);
	mp_strlist *l = &rs->communities;
	const char **items;
	int cur = 0;
	mp_err e;

	mp_strlist_free(l);
	mp_err_clear(&e);
	if (set->n > 0) {
		for (int i = 0; i < set->n; i++)
			mp_strlist_add(l, set->v[i]);
	} else if (mp_list_values(ui->db, &mp_groups, G_COMMUNITY, 200, l, &e) != MP_OK) {
		ui_error("%s", e.msg);
	}
	items = calloc((size_t)l->n + 1, sizeof *items);

	if (!items)
		mp_oom();
	items[0] = _("All communities");
	for (int i = 0; i < l->n; i++) {
		items[i + 1] = l->v[i];
		if (rs->community && strcmp(rs->community, l->v[i]) == 0)
			cur = i + 1;
	}
	ui_pick(_("Report for which community"), items, l->n + 1, cur,
	        picked_community, rs);
	free(items);
}

/* ---- one funding round ---- */

static void picked_round(void *arg, int index)
{
	struct report_screen *rs = arg;
	const mp_strlist *l = &rs->rounds;

	if (index < 0)
		return;
	free(rs->round);
	rs->round = index == 0 || index > l->n ? NULL : mp_strdup(l->v[index - 1]);
	rs->first = 0;
	rs->built = rs->built ? (mp_report_free(&rs->r), 0) : 0;
}

/* The rounds the ledger holds, the summary report first. */
static void ask_round(struct report_screen *rs)
{
	mp_strlist *l = &rs->rounds;
	const char **items;
	int cur = 0;
	mp_err e;

	mp_strlist_free(l);
	mp_err_clear(&e);
	if (mp_report_round_names(ui->db, l, &e) != MP_OK) {
		ui_error("%s", e.msg);
		return;
	}
	if (l->n == 0) {
		ui_status(_("No funding round is in the ledger yet (section 8 adds one)."));
		return;
	}
	items = calloc((size_t)l->n + 1, sizeof *items);
	if (!items)
		mp_oom();
	items[0] = _("The summary report");
	for (int i = 0; i < l->n; i++) {
		items[i + 1] = l->v[i];
		if (rs->round && strcmp(rs->round, l->v[i]) == 0)
			cur = i + 1;
	}
	ui_pick(_("Report of which funding round"), items, l->n + 1, cur,
	        picked_round, rs);
	free(items);
}

/* ---- saving ---- */

static void save_to(struct report_screen *rs, const char *typed)
{
	char *path = mp_path_expand(typed);
	mp_err e;

	mp_err_clear(&e);
	if (mp_report_save(&rs->r, rs->export_format, path, &e) == MP_OK)
		ui_status(_("Report saved to %s"), path);
	else
		ui_error("%s", e.msg);
	free(path);
}

static void replace_answer(void *arg, int yes)
{
	struct report_screen *rs = arg;

	if (yes && rs->built)
		save_to(rs, rs->save_path);
	else if (!yes)
		ui_status(_("Not saved: the file that is there is kept."));
	free(rs->save_path);
	rs->save_path = NULL;
}

static void got_path(void *arg, const char *text)
{
	struct report_screen *rs = arg;

	if (!text || !*text || !rs->built)
		return;
	/* Another community's or period's report may be there: a save never
	 * replaces a file without asking. */
	if (mp_path_exists(text)) {
		char *q = mp_asprintf(_("“%s” is already there. Replace it?"), text);
		free(rs->save_path);
		rs->save_path = mp_strdup(text);
		ui_confirm(q, 0, replace_answer, rs);
		free(q);
		return;
	}
	save_to(rs, text);
}

/* The period as a file name says it: "2026年11月", "2026年", or the two
 * dates. */
static void period_name(const struct report_screen *rs, char *buf, size_t size)
{
	int fy, fm, fd, ty, tm, td;

	if (sscanf(rs->from, "%d-%d-%d", &fy, &fm, &fd) == 3 &&
	    sscanf(rs->to, "%d-%d-%d", &ty, &tm, &td) == 3 && fy == ty && fd == 1) {
		if (fm == tm) {
			/* TRANSLATORS: a month in a file name: 2026年11月. */
			snprintf(buf, size, _("%d-%02d"), fy, fm);
			return;
		}
		if (fm == 1 && tm == 12 && td == 31) {
			/* TRANSLATORS: a whole year in a file name: 2026年. */
			snprintf(buf, size, _("%d-whole-year"), fy);
			return;
		}
	}
	/* TRANSLATORS: a period in a file name: 2026-01-01至2026-06-30. */
	snprintf(buf, size, _("%s-to-%s"), rs->from, rs->to);
}

static void picked_format(void *arg, int index)
{
	static const char *const formats[] = { "xlsx", "csv", "text" };
	static const char *const ext[] = { "xlsx", "csv", "txt" };
	struct report_screen *rs = arg;
	char period[64], *name, *initial;

	if (index < 0 || index > 2)
		return;
	rs->export_format = (char *)formats[index];
	period_name(rs, period, sizeof period);
	/* TRANSLATORS: the file name offered for a saved report: the
	 * community and the period, before the extension (东湖社区-2026年11月-报表);
	 * the community and period keep one report from replacing another. */
	if (rs->round)
		name = mp_asprintf(_("~/%s-%s-report"), rs->round,
		                   rs->community ? rs->community : _("all-communities"));
	else
		name = mp_asprintf(_("~/%s-%s-report"),
		                   rs->community ? rs->community : _("all-communities"),
		                   period);
	/* A '/' in a community's name would make a folder of it. */
	for (char *p = name + 2; *p; p++)
		if (*p == '/')
			*p = '-';
	initial = mp_asprintf("%s.%s", name, ext[index]);
	free(name);
	ui_prompt_path(_("Save the report to"), initial,
	               _("A file name; ~ is your home folder; Tab completes"),
	               got_path, rs);
	free(initial);
}

static void ask_format(struct report_screen *rs)
{
	const char *items[] = {
		_("XLSX workbook (Excel, WPS), a sheet per table"),
		_("CSV (UTF-8)"),
		_("Plain text"),
	};
	ui_pick(_("Save the report as"), items, 3, 0, picked_format, rs);
}

static int rp_key(struct ui_screen *s, wint_t ch, int is_key)
{
	struct report_screen *rs = (struct report_screen *)s;
	int page = rs->height > 4 ? rs->height - 4 : 1;
	/* The last first line: the end of the report at the bottom. */
	int last = rs->nlines - (rs->height > 4 ? rs->height : 4);

	if (last < 0)
		last = 0;

	switch (keys_lookup(CTX_REPORT, ch, is_key)) {
	case A_UP: if (rs->first > 0) rs->first--; break;
	case A_DOWN: if (rs->first < last) rs->first++; break;
	case A_PGUP: rs->first = rs->first > page ? rs->first - page : 0; break;
	case A_PGDN: rs->first = rs->first + page < last ? rs->first + page : last; break;
	case A_HOME: rs->first = 0; break;
	case A_END: rs->first = last; break;
	case A_PERIOD: ask_period(rs); break;
	case A_THIS_YEAR:
		this_year(rs);
		rs->first = 0;
		rs->built = rs->built ? (mp_report_free(&rs->r), 0) : 0;
		break;
	case A_COMMUNITY: ask_community(rs); break;
	case A_ROUND: ask_round(rs); break;
	case A_EXPORT: ask_format(rs); break;
	case A_QUIT: ui_request_quit(); break;
	default: return UI_UNHANDLED;
	}
	return UI_HANDLED;
}

static void rp_destroy(struct ui_screen *s)
{
	struct report_screen *rs = (struct report_screen *)s;
	if (rs->built)
		mp_report_free(&rs->r);
	free_lines(rs);
	free(rs->community);
	free(rs->round);
	free(rs->save_path);
	mp_strlist_free(&rs->communities);
	mp_strlist_free(&rs->rounds);
	free(rs);
}

static unsigned rp_ctx(struct ui_screen *s)
{
	(void)s;
	return CTX_REPORT;
}

static const struct ui_screen_ops report_ops = {
	rp_draw, rp_key, rp_destroy, NULL, rp_ctx
};

struct ui_screen *report_new(void)
{
	struct report_screen *rs = calloc(1, sizeof *rs);
	if (!rs)
		mp_oom();
	rs->s.ops = &report_ops;
	this_year(rs);
	return &rs->s;
}
