/* checkdlg.c — checking the whole ledger from the screen (key c on the
 * overview), as `miaopu check` does on a terminal: SQLite's integrity and
 * foreign-key checks (mp_check_file_with) with a progress bar in a box,
 * then the verdict on the status line, or every problem found in a text
 * screen with where the latest good backup is.  On a district's ledger
 * the check takes a quarter of a minute, at ten districts some minutes:
 * the bar says how far it has got.  The core does the work; this file
 * only shows it. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checkdlg.h"
#include "mp_backup.h"
#include "mp_db.h"
#include "mp_i18n.h"
#include "mp_text.h"
#include "screen.h"
#include "textview.h"
#include "widgets.h"

/* The box, drawn anew at each new percentage (the core calls at most
 * 101 times): a line saying what is checked, the bar and the figure. */
static void progress(void *arg, int pct)
{
	int w = COLS - 8 < 60 ? COLS - 2 : 60, h = 6;
	int y = 1 + (LINES - 3 - h) / 2, x = (COLS - w) / 2, bar = w - 12, fill;
	char line[32];

	(void)arg;
	if (w < 20 || LINES < h + 3)
		return;
	if (pct < 0)
		pct = 0;
	if (pct > 100)
		pct = 100;
	fill = pct * bar / 100;
	ui_box(y, x, h, w, _("Checking the ledger …"));
	ui_put(y + 2, x + 2, _("Looking for damage and broken links between records"),
	       w - 4, R_DIALOG);
	move(y + 3, x + 2);
	attrset(ui_attr(R_SELECTED));
	hline(' ', fill);
	attrset(ui_attr(R_DIM));
	move(y + 3, x + 2 + fill);
	hline('.', bar - fill);
	attrset(A_NORMAL);
	snprintf(line, sizeof line, "%3d%%", pct);
	ui_put(y + 3, x + 3 + bar, line, 5, R_DIALOG);
	refresh();
}

void ui_check_ledger(void)
{
	mp_strlist problems = { NULL, 0 };
	const char *path = mp_db_path(ui->db);
	mp_err e;
	int rc;

	rc = mp_check_file_with(path, 0, progress, NULL, &problems, &e);
	if (rc == MP_OK) {
		ui_status("%s", _("The ledger is sound: no damage, every link between records holds."));
	} else if (rc == MP_EDB) {
		char *title = mp_asprintf(ngettext("The ledger has %d problem  (Esc to close)",
		                                   "The ledger has %d problems  (Esc to close)",
		                                   problems.n), problems.n);
		struct ui_textview *tv = ui_textview_new(title);
		char num[16];

		free(title);
		for (int i = 0; i < problems.n; i++) {
			snprintf(num, sizeof num, "%d", i + 1);
			ui_textview_add(tv, num, problems.v[i]);
		}
		/* Where to go back to: the same words as on a terminal. */
		mp_err_clear(&e);
		mp_backup_hint(ui->cfg, path, &e);
		if (e.msg[0]) {
			ui_textview_add(tv, "", "");
			ui_textview_add(tv, "", e.msg);
		}
		ui_textview_show(tv);
		ui_error(ngettext("The check found %d problem.", "The check found %d problems.",
		                  problems.n), problems.n);
	} else {
		ui_error("%s", e.msg);
	}
	mp_strlist_free(&problems);
}
