/* main.c — miaopu's entry point: the command line decides, the screen runs
 * when no subcommand is given, on the ledger mp_ledger_open opens.  Only
 * here does the program exit, but for mp_oom when memory runs out (after
 * restore_terminal below). */
#include "config.h"

#include <curses.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <term.h>
#include <unistd.h>

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

/* Can the full screen be shown here?  A terminal that cannot move its
 * cursor (TERM=dumb), or one this system does not know, would give a
 * blank screen deaf to F10; a locale that is not UTF-8 would show Chinese
 * as "~A ~@".  Then one line says what to do, and miaopu ends (status 1)
 * before it opens the ledger. */
static int screen_usable(void)
{
	const char *term = getenv("TERM");
	const char *cs = nl_langinfo(CODESET);
	char *cup;
	int err = 0;

	if (!term || !*term) {
		fprintf(stderr, "miaopu: %s\n",
		        _("TERM is not set, so the full screen cannot be shown; run miaopu in a terminal, or use its commands (miaopu --help)"));
		return 0;
	}
	if (setupterm(NULL, STDOUT_FILENO, &err) != OK) {
		fprintf(stderr, "miaopu: ");
		fprintf(stderr, _("the terminal type “%s” (TERM) is not known on this system; set TERM to one it knows, such as xterm-256color, or use miaopu's commands (miaopu --help)"), term);
		fputc('\n', stderr);
		return 0;
	}
	cup = tigetstr("cup");
	del_curterm(cur_term);
	if (cup == NULL || cup == (char *)-1) {
		fprintf(stderr, "miaopu: ");
		fprintf(stderr, _("the terminal “%s” (TERM) cannot move its cursor, so the full screen cannot be shown; run miaopu in a terminal such as xterm, or use its commands (miaopu --help)"), term);
		fputc('\n', stderr);
		return 0;
	}
	if (!cs || strcmp(cs, "UTF-8") != 0) {
		const char *now = setlocale(LC_CTYPE, NULL);
		char *was = strdup(now ? now : "C");
		const char *use = NULL;

		/* Name a UTF-8 locale this system has. */
		if (setlocale(LC_CTYPE, "zh_CN.UTF-8"))
			use = "zh_CN.UTF-8";
		else if (setlocale(LC_CTYPE, "C.UTF-8"))
			use = "C.UTF-8";
		setlocale(LC_CTYPE, was ? was : "C");
		fprintf(stderr, "miaopu: ");
		if (use)
			fprintf(stderr, _("the locale “%s” cannot show Chinese characters; start miaopu with a UTF-8 locale: LANG=%s miaopu"),
			        was ? was : "C", use);
		else
			fprintf(stderr, _("the locale “%s” cannot show Chinese characters, and this system has no UTF-8 locale; install one (Debian package locales) and start miaopu with LANG=zh_CN.UTF-8"),
			        was ? was : "C");
		fputc('\n', stderr);
		free(was);
		return 0;
	}
	return 1;
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

	if (!screen_usable())
		return 1;
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
