/* main.c — miaopu's entry point: the command line decides, the screen runs
 * when no subcommand is given, on the ledger mp_ledger_open opens.  Only
 * here does the program exit, but for mp_oom when memory runs out (after
 * restore_terminal below). */
#include "config.h"

#include <curses.h>
#include <signal.h>
#include <stdio.h>

#include "mp_cli.h"
#include "mp_config.h"
#include "mp_db.h"
#include "mp_err.h"
#include "mp_i18n.h"
#include "mp_ledger.h"
#include "ui.h"

/* Out of memory (mp_oom): the terminal back to the shell's state before
 * the message, so that it is readable and the shell usable.  (endwin
 * before the screen started, or after it ended, does nothing.) */
static void restore_terminal(void)
{
	if (!isendwin())
		endwin();
}

int main(int argc, char **argv)
{
	mp_opts o;
	mp_ledger_where w;
	mp_config cfg;
	mp_db *db = NULL;
	mp_err e;
	int rc;

	mp_i18n_init();
	mp_set_oom_handler(restore_terminal);
	/* A file-size limit (ulimit -f) then fails the write with EFBIG, which
	 * the core reports as a full disk, instead of killing the program. */
	signal(SIGXFSZ, SIG_IGN);
	rc = mp_cli_parse(argc, argv, &o);
	if (rc != 0)
		return rc;
	if (o.help) {
		mp_cli_usage();
		return 0;
	}
	if (o.version) {
		mp_cli_version();
		return 0;
	}
	if (o.cmd_argc > 0)
		return mp_cli_run(&o);

	w = mp_cli_where(&o);
	/* From here on a signal ends the screen the clean way: forms kept,
	 * the in-use mark cleared. */
	ui_catch_signals();
	if (mp_ledger_open(&w, &cfg, &db, &e) != MP_OK) {
		fprintf(stderr, "miaopu: %s\n", e.msg);
		mp_config_free(&cfg);
		return 1;
	}
	rc = ui_run(db, &cfg);
	mp_ledger_close(&w, db);
	mp_config_free(&cfg);
	return rc;
}
