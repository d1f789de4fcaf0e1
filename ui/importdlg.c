/* importdlg.c — importing a CSV file from a list: ask for the file, check
 * it in a dry run and show every problem, then, when the user says so,
 * import it for real (all or nothing) with a progress bar.  The core does
 * the work (mp_import.h); this file only asks and shows. */
#include "config.h"

#include <curses.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mp_backup.h"
#include "mp_import.h"
#include "mp_inuse.h"
#include "mp_i18n.h"
#include "mp_path.h"
#include "mp_text.h"
#include "screen.h"
#include "ui.h"
#include "widgets.h"

enum stage { CHECKED, IMPORTED, FAILED };

struct impview {
	struct ui_screen s;
	const mp_table *t;
	char *path;               /* as typed */
	enum stage stage;
	int dry;                  /* the last run was a dry run */
	mp_import_result res;
	char error[512];          /* why nothing was written, or "" */
	int first;                /* first message shown */
	void (*done)(void *arg);  /* after rows were written */
	void *arg;
};

/* What was typed last, offered again (nothing typed is lost). */
static char *last_path;

/* ---- the progress bar ---- */

static void progress(void *arg, long rows, size_t done, size_t total)
{
	const char *title = arg;
	/* Where the prompt for the file was, so that it covers it whole. */
	int w = COLS - 8 < 60 ? COLS - 2 : 60, h = 6;
	int y = 1 + (LINES - 3 - h) / 2, x = (COLS - w) / 2, bar = w - 12, fill, pct;
	char line[256];

	if (w < 20 || LINES < h + 3)
		return;
	pct = total ? (int)(done * 100 / total) : 100;
	fill = total ? (int)((double)done / (double)total * bar) : bar;
	ui_box(y, x, h, w, title);
	snprintf(line, sizeof line, ngettext("%ld row read", "%ld rows read", rows), rows);
	ui_put(y + 2, x + 2, line, w - 4, R_DIALOG);
	move(y + 3, x + 2);
	attrset(ui_attr(R_SELECTED));
	hline(' ', fill);
	attrset(ui_attr(R_DIM));
	move(y + 3, x + 2 + fill);
	hline('.', bar - fill);
	snprintf(line, sizeof line, "%3d%%", pct);
	ui_put(y + 3, x + 3 + bar, line, 5, R_DIALOG);
	refresh();
}

/* ---- running the core ---- */

/* Run the import of v's file (dry run or not) into v's fields. */
static void run(struct impview *v, int dry_run)
{
	char *file = mp_path_expand(v->path);
	char *title = mp_asprintf(dry_run ? _("Checking “%s” …") : _("Importing “%s” …"),
	                          v->path);
	mp_import_opts o = { 0 };
	FILE *in = fopen(file, "rb");
	mp_err e;
	int rc;

	mp_import_result_free(&v->res);
	v->error[0] = '\0';
	v->first = 0;
	if (!in) {
		snprintf(v->error, sizeof v->error, _("cannot read “%s”: %s"), v->path,
		         strerror(errno));
		v->stage = FAILED;
		goto out;
	}
	o.dry_run = dry_run;
	o.progress = progress;
	o.arg = title;
	mp_err_clear(&e);
	/* A copy of the ledger before it is written (a damaged ledger, or
	 * no room for the copy: nothing is imported). */
	rc = dry_run ? MP_OK : mp_backup_before_import(ui->db, ui->cfg, NULL, &e);
	if (rc == MP_OK)
		rc = mp_import_run(ui->db, ui->cfg, v->t, in, &o, &v->res, &e);
	mp_inuse_job_end();   /* another import or backup may go now */
	fclose(in);
	v->dry = dry_run;
	if (rc != MP_OK)
		snprintf(v->error, sizeof v->error, "%s", e.msg);
	/* Refused rows in a dry run are what it is for: the check is done. */
	if (rc == MP_OK || (dry_run && rc == MP_EINVAL && v->res.refused))
		v->stage = dry_run ? CHECKED : IMPORTED;
	else
		v->stage = FAILED;
out:
	free(title);
	free(file);
}

/* ---- the result screen ---- */

static void iv_draw(struct ui_screen *s, int top, int height)
{
	struct impview *v = (struct impview *)s;
	char line[768];
	const mp_import_result *r = &v->res;
	int rows = height - 4, i;

	snprintf(line, sizeof line, _("Import into %s from “%s”"), _(v->t->title_en), v->path);
	ui_put(top, 0, line, COLS, R_TITLE);
	if (v->dry)
		snprintf(line, sizeof line, _("Dry run: would add %ld, skip %ld (duplicates), refuse %ld"),
		         r->added, r->skipped, r->refused);
	else
		snprintf(line, sizeof line, _("Added %ld, skipped %ld (duplicates), refused %ld"),
		         r->written ? r->added : 0L, r->skipped, r->refused);
	if (v->stage == FAILED && !r->added && !r->skipped && !r->refused)
		line[0] = '\0';   /* the file could not be read at all */
	ui_put(top + 1, 1, line, COLS - 1, R_HEADER);
	if (v->stage == CHECKED && r->refused) {
		snprintf(line, sizeof line, _("%s. Fix the rows below in the file and import it again."),
		         v->error);
		ui_put(top + 2, 1, line, COLS - 1, R_ERROR);
	} else if (v->stage == CHECKED) {
		ui_put(top + 2, 1, r->added
		       ? _("Nothing is written yet. Enter imports these rows, all or nothing; Esc goes back.")
		       : _("There is nothing to add. Esc goes back."), COLS - 1, R_NORMAL);
	} else if (v->stage == IMPORTED) {
		ui_put(top + 2, 1, _("Imported. Esc goes back to the list."), COLS - 1, R_NORMAL);
	} else {
		/* A long reason (a long file name) goes on to the next line. */
		int used = 0;
		size_t cut;

		snprintf(line, sizeof line, _("%s — nothing was written."), v->error);
		cut = mp_text_fit(line, COLS - 1, &used);
		ui_put(top + 2, 1, line, COLS - 1, R_ERROR);
		if (line[cut])
			ui_put(top + 3, 1, line + cut, COLS - 1, R_ERROR);
	}
	if (rows < 1)
		return;
	if (v->first > r->nmsgs - rows)
		v->first = r->nmsgs - rows;
	if (v->first < 0)
		v->first = 0;
	for (i = 0; i < rows && v->first + i < r->nmsgs; i++) {
		const mp_import_msg *m = &r->msgs[v->first + i];
		enum ui_role role = m->kind == MP_IMPORT_REFUSED ? R_ERROR
		                  : m->kind == MP_IMPORT_ADD ? R_NORMAL : R_DIM;

		ui_put(top + 4 + i, 1, m->text, COLS - 1, role);
	}
}

static int iv_key(struct ui_screen *s, wint_t ch, int is_key)
{
	struct impview *v = (struct impview *)s;
	int page = LINES / 2;

	switch (keys_lookup(CTX_IMPORT, ch, is_key)) {
	case A_UP: if (v->first > 0) v->first--; break;
	case A_DOWN: v->first++; break;
	case A_PGUP: v->first -= page; if (v->first < 0) v->first = 0; break;
	case A_PGDN: v->first += page; break;
	case A_HOME: v->first = 0; break;
	case A_END: v->first = v->res.nmsgs; break;
	case A_IMPORT:
		if (v->stage != CHECKED || !v->res.added || v->res.refused) {
			ui_status(_("Nothing to import here. Esc goes back."));
			break;
		}
		/* The one place where a backup before a real import belongs
		 * (issue 7): back the ledger up here and stop if it fails. */
		run(v, 0);
		if (v->stage == IMPORTED) {
			if (v->done)
				v->done(v->arg);
			ui_status(_("Imported %ld, skipped %ld (duplicates)."),
			          v->res.added, v->res.skipped);
		} else {
			ui_error("%s", v->error);
		}
		break;
	case A_BACK:
		if (v->stage == IMPORTED) {
			/* What was imported is news for the list it went into;
			 * leaving a screen clears its other messages. */
			long added = v->res.added, skipped = v->res.skipped;
			ui_pop();
			ui_status(_("Imported %ld, skipped %ld (duplicates)."), added, skipped);
		} else {
			ui_pop();
		}
		break;
	default:
		return UI_UNHANDLED;
	}
	return UI_HANDLED;
}

static void iv_destroy(struct ui_screen *s)
{
	struct impview *v = (struct impview *)s;

	mp_import_result_free(&v->res);
	free(v->path);
	free(v);
}

static unsigned iv_ctx(struct ui_screen *s)
{
	(void)s;
	return CTX_IMPORT;
}

static const struct ui_screen_ops iv_ops = {
	iv_draw, iv_key, iv_destroy, NULL, iv_ctx
};

/* ---- asking for the file ---- */

struct ask {
	const mp_table *t;
	void (*done)(void *arg);
	void *arg;
};

static struct ask asked;

static void ask_path(void);

static void path_given(void *arg, const char *text)
{
	struct impview *v;
	char *path;

	(void)arg;
	if (!text)
		return;
	path = mp_strdup(text);
	mp_trim(path);
	free(last_path);
	last_path = mp_strdup(path);
	if (!*path) {
		free(path);
		ui_error(_("Type the path of a CSV file, e.g. ~/groups.csv"));
		ask_path();
		return;
	}
	v = calloc(1, sizeof *v);
	if (!v)
		mp_oom();
	v->s.ops = &iv_ops;
	v->t = asked.t;
	v->path = path;
	v->done = asked.done;
	v->arg = asked.arg;
	run(v, 1);
	ui_push(&v->s);
	ui_status_clear();
}

static void ask_path(void)
{
	char *title = mp_asprintf(_("Import %s from a CSV file"), _(asked.t->title_en));

	ui_prompt_path(title, last_path ? last_path : "~/",
	          _("UTF-8 or GB18030, with a header row; ~ is your home folder"),
	          path_given, NULL);
	free(title);
}

void import_dialog(const mp_table *t, void (*done)(void *arg), void *arg)
{
	asked.t = t;
	asked.done = done;
	asked.arg = arg;
	ask_path();
}

/* ---- from a list: its own records, or those it imports too ---- */

static const mp_table *offered;   /* the list's table */

static void kind_chosen(void *arg, int index)
{
	if (index == 0)
		import_dialog(offered, asked.done, arg);
	else if (index > 0 && index <= offered->nimport_also)
		import_dialog(offered->import_also[index - 1], asked.done, arg);
}

void import_from_list(const mp_table *t, void (*done)(void *arg), void *arg)
{
	const char *items[16];
	int i, n = 0;

	if (t->nimport_also == 0) {
		import_dialog(t, done, arg);
		return;
	}
	/* The activities list imports activities or their service records. */
	offered = t;
	items[n++] = _(t->title_en);
	for (i = 0; i < t->nimport_also && n < 16; i++)
		items[n++] = _(t->import_also[i]->title_en);
	asked.done = done;
	ui_pick(_("Import what?"), items, n, 0, kind_chosen, arg);
}
