/* app.c — the terminal and the main loop.
 *
 * The loop owns the terminal: it draws the tab bar, the screens on the
 * stack (bottom first, dialogs over them), the status line and the key bar,
 * then waits for one key and gives it to the top screen.  KEY_RESIZE simply
 * redraws everything at the new size. */
#include "config.h"

#include <curses.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mp_ledger.h"
#include "mp_config.h"
#include "mp_db.h"
#include "mp_draft.h"
#include "mp_i18n.h"
#include "mp_sections.h"
#include "mp_text.h"
#include "screen.h"
#include "trace.h"
#include "ui.h"
#include "widgets.h"

#define MIN_COLS 40
#define MIN_LINES 10

void ui_place_cursor(void);

static volatile sig_atomic_t got_signal;

static void on_signal(int sig)
{
	got_signal = sig;
}

void ui_catch_signals(void)
{
	/* Every signal whose default is to end the program, but those
	 * that say the program itself went wrong (SIGSEGV, SIGBUS, SIGFPE,
	 * SIGILL, SIGABRT, SIGSYS, SIGTRAP): after them nothing can be
	 * trusted to be written.  Without SA_RESTART, a read of a key ends
	 * with EINTR and the main loop sees the flag. */
	static const int sigs[] = {
		SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGPIPE, SIGUSR1, SIGUSR2,
		SIGALRM, SIGVTALRM, SIGPROF, SIGXCPU, SIGIO,
#ifdef SIGPWR
		SIGPWR,
#endif
#ifdef SIGSTKFLT
		SIGSTKFLT,
#endif
	};
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		sigaction(sigs[i], &sa, NULL);
#if defined(SIGRTMIN) && defined(SIGRTMAX)
	for (int s = SIGRTMIN; s <= SIGRTMAX; s++)
		sigaction(s, &sa, NULL);
#endif
}

/* A message or a field's hint belongs to the screen it was said on:
 * going to another screen (not a dialog over this one) clears it. */
void ui_push(struct ui_screen *s)
{
	s->below = ui->top;
	ui->top = s;
	if (!s->overlay)
		ui_status_clear();
}

void ui_pop(void)
{
	struct ui_screen *s = ui->top;
	if (!s || s->section)
		return;
	ui->top = s->below;
	if (!s->overlay)
		ui_status_clear();
	s->ops->destroy(s);
}

void ui_show_section(int n)
{
	if (n < 1 || n > ui->nsections || !ui->top || !ui->top->section)
		return;
	ui->section = n;
	ui->top = ui->sections[n - 1];
	ui->top->below = NULL;
	ui_status_clear();
}

static void quit_answer(void *arg, int yes)
{
	(void)arg;
	if (yes)
		ui->quit = 1;
}

void ui_request_quit(void)
{
	for (struct ui_screen *s = ui->top; s; s = s->below)
		if (s->ops->dirty && s->ops->dirty(s)) {
			ui_confirm(_("There are unsaved changes. Quit anyway and lose them?"),
			           0, quit_answer, NULL);
			return;
		}
	ui->quit = 1;
}

/* ---- the mouse ---- */

struct click_area {
	int y, x, w;
	struct ui_screen *owner;
	void (*fn)(struct ui_screen *s, int arg);
	int arg;
};

static struct click_area areas[512];
static int nareas;
static struct ui_screen *drawing;   /* the screen drawing now, NULL: the tab bar */

void ui_click_area(int y, int x, int w,
                   void (*fn)(struct ui_screen *s, int arg), int arg)
{
	if (nareas >= (int)(sizeof areas / sizeof areas[0]) || w <= 0)
		return;
	areas[nareas++] = (struct click_area){ y, x, w, drawing, fn, arg };
}

static void handle_key(wint_t ch, int is_key);

static void handle_mouse(void)
{
	MEVENT ev;

	if (getmouse(&ev) != OK)
		return;
	if (ev.bstate & BUTTON4_PRESSED) {          /* wheel up */
		for (int i = 0; i < 3; i++)
			handle_key(KEY_UP, 1);
		return;
	}
#ifdef BUTTON5_PRESSED
	if (ev.bstate & BUTTON5_PRESSED) {          /* wheel down */
		for (int i = 0; i < 3; i++)
			handle_key(KEY_DOWN, 1);
		return;
	}
#endif
	if (!(ev.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)))
		return;
	/* The last place drawn is the one on top. */
	for (int i = nareas - 1; i >= 0; i--) {
		struct click_area *a = &areas[i];
		if (ev.y != a->y || ev.x < a->x || ev.x >= a->x + a->w)
			continue;
		if (a->owner && a->owner != ui->top)
			continue;
		a->fn(a->owner, a->arg);
		return;
	}
}

/* ---- drawing ---- */

static void draw_tabs(void)
{
	int x = ui_draw_tabs();
	const char *station = ui->cfg->station;
	if (station && *station) {
		int w = mp_text_width(station);
		if (x + w + 2 <= COLS)
			ui_puts(0, COLS - w - 1, station, w, R_TAB);
	}
	attrset(A_NORMAL);
}

/* A key of the key bar, clicked: as if it was typed (is_key in the
 * high bit of arg). */
static void bar_clicked(struct ui_screen *s, int arg)
{
	(void)s;
	handle_key((wint_t)(arg & 0x3fffffff), (arg >> 30) & 1);
}

static void bar_area(void *arg, const char *item, int x, int w,
                     wint_t ch, int is_key)
{
	(void)arg;
	(void)item;
	if (ch != WEOF)
		ui_click_area(LINES - 1, x, w, bar_clicked,
		              (int)ch | (is_key ? 1 << 30 : 0));
}

static void draw_bottom(void)
{
	char bar[1024];
	unsigned ctx = ui->top->ops->ctx(ui->top);
	/* A long message wraps upwards over the bottom of the screen (at
	 * most three lines, the last cut with "…") rather than being cut. */
	const char *p = ui->status;
	int lines = mp_text_wrap_count(ui->status, COLS);
	if (lines > 3)
		lines = 3;
	for (int i = 0; i < lines; i++) {
		const char *next;
		char line[1024];
		size_t len = mp_text_wrap(p, COLS, NULL, &next);
		if (i == lines - 1 && *next)
			ui_put_cut(LINES - 1 - lines + i, 0, p, COLS,
			           ui->status_error ? R_ERROR : R_STATUS);
		else {
			snprintf(line, sizeof line, "%.*s", (int)len, p);
			ui_put(LINES - 1 - lines + i, 0, line, COLS,
			       ui->status_error ? R_ERROR : R_STATUS);
		}
		p = next;
	}
	keys_bar(ctx, bar, sizeof bar, COLS);
	ui_put(LINES - 1, 0, bar, COLS, R_KEYBAR);
	/* Each key on the bar is a button. */
	drawing = ui->top;
	keys_bar_items(ctx, COLS, bar_area, NULL);
	drawing = NULL;
}

static void draw_all(void)
{
	struct ui_screen *stack[32];
	int n = 0;
	erase();
	if (COLS < MIN_COLS || LINES < MIN_LINES) {
		char msg[128];
		snprintf(msg, sizeof msg, _("Window too small: need %dx%d"),
		         MIN_COLS, MIN_LINES);
		ui_puts(LINES / 2, 0, msg, COLS, R_NORMAL);
		ui_cursor(-1, -1);
		ui_place_cursor();
		return;
	}
	/* Collect the screens down to the first one that is not an overlay. */
	for (struct ui_screen *s = ui->top; s && n < 32; s = s->below) {
		stack[n++] = s;
		if (!s->overlay)
			break;
	}
	nareas = 0;
	drawing = NULL;
	draw_tabs();
	ui_cursor(-1, -1);
	for (int i = n - 1; i >= 0; i--) {
		drawing = stack[i];
		stack[i]->ops->draw(stack[i], 1, LINES - 3);
	}
	drawing = NULL;
	draw_bottom();
	ui_place_cursor();
}

/* ---- keys ---- */

/* The overview's section number, where q quits; 1 when there is none. */
static int overview_number(void)
{
	for (int i = 0; i < mp_section_count(); i++)
		if (mp_section_get(i)->shows == MP_SEC_OVERVIEW)
			return i + 1;
	return 1;
}

static void handle_key(wint_t ch, int is_key)
{
	struct ui_screen *top = ui->top;
	unsigned ctx = top->ops->ctx(top);
	if (!is_key && ch == 3) {  /* Ctrl-C: the terminal is in raw mode */
		ui_request_quit();
		return;
	}
	if (!is_key && ch == 12) {  /* Ctrl-L: paint the whole terminal anew */
		clearok(curscr, TRUE);
		return;
	}
	if (top->ops->key(top, ch, is_key) == UI_HANDLED)
		return;
	switch (keys_lookup(ctx, ch, is_key)) {
	case A_HELP:
		ui_help(ctx, top->section ? ui_section_title(top->section)
		                          : _("this screen"));
		break;
	case A_QUIT:
		ui_request_quit();
		break;
	case A_UP_LEVEL:
		ui_show_section(overview_number());
		break;
	case A_SECTION:
		ui_show_section(mp_section_by_key((int)ch) + 1);
		break;
	case A_SECTION_MENU:
		ui_section_menu();
		break;
	default:
		break;
	}
}

/* ---- keys the terminal description lacks ---- */

/* The key of an escape sequence's final byte and number (CSI 15 ~ is
 * F5, CSI A is Up, SS3 P is F1), or 0. */
static wint_t sequence_key(int number, wint_t final)
{
	static const struct { int n; int key; } tilde[] = {
		{ 1, KEY_HOME }, { 2, KEY_IC }, { 3, KEY_DC }, { 4, KEY_END },
		{ 5, KEY_PPAGE }, { 6, KEY_NPAGE }, { 7, KEY_HOME }, { 8, KEY_END },
		{ 11, KEY_F(1) }, { 12, KEY_F(2) }, { 13, KEY_F(3) }, { 14, KEY_F(4) },
		{ 15, KEY_F(5) }, { 17, KEY_F(6) }, { 18, KEY_F(7) }, { 19, KEY_F(8) },
		{ 20, KEY_F(9) }, { 21, KEY_F(10) }, { 23, KEY_F(11) }, { 24, KEY_F(12) },
	};
	switch (final) {
	case 'A': return KEY_UP;
	case 'B': return KEY_DOWN;
	case 'C': return KEY_RIGHT;
	case 'D': return KEY_LEFT;
	case 'H': return KEY_HOME;
	case 'F': return KEY_END;
	case 'Z': return KEY_BTAB;
	case 'P': return KEY_F(1);
	case 'Q': return KEY_F(2);
	case 'R': return KEY_F(3);
	case 'S': return KEY_F(4);
	case '~':
		for (size_t i = 0; i < sizeof tilde / sizeof tilde[0]; i++)
			if (tilde[i].n == number)
				return (wint_t)tilde[i].key;
		return 0;
	default:
		return 0;
	}
}

/* After an Esc: when the terminal description (TERM=vt100, say) lacks a
 * key the terminal sends, ncurses hands over its escape sequence as Esc
 * and then plain characters ("\033[15~" for F5: Esc, '[', '1', '5',
 * '~'), and the digits would change section.  The rest of the sequence is
 * already waiting: read it whole and make it the key it stands for, or
 * nothing.  A lone Esc stays Esc. */
static int read_escape(wint_t *ch)
{
	wint_t c, intro;
	int number = 0, first = 1, params = 0, rc;

	/* What follows an escape comes at once; a little grace for a slow line. */
	timeout(15);
	rc = wget_wch(stdscr, &intro);
	if (rc == ERR) {
		timeout(-1);
		return OK;                      /* Esc itself */
	}
	if (rc != OK || (intro != '[' && intro != 'O')) {
		/* Esc and then another key (Alt-x): both, one by one. */
		if (rc == KEY_CODE_YES)
			ungetch((int)intro);
		else
			unget_wch((wchar_t)intro);
		timeout(-1);
		return OK;
	}
	/* ECMA-48: parameter bytes (0x30-0x3f), intermediate bytes
	 * (0x20-0x2f), a final byte (0x40-0x7e); the key is the first
	 * number and the final byte, whatever modifier follows. */
	for (int n = 0; n < 32; n++) {
		if (wget_wch(stdscr, &c) != OK)
			break;
		if (c >= 0x30 && c <= 0x3f) {
			params = 1;
			if (c == ';' || c < '0' || c > '9')
				first = first && c != ';';
			else if (first && number < 1000)
				number = number * 10 + (int)(c - '0');
			continue;
		}
		if (c >= 0x20 && c <= 0x2f)
			continue;
		if (c >= 0x40 && c <= 0x7e) {
			wint_t key;
			if (intro == '[' && c == 'M' && !params) {
				/* A mouse report ncurses was not told of:
				 * three bytes follow; drop them. */
				for (int k = 0; k < 3 && wget_wch(stdscr, &c) == OK; k++)
					;
				break;
			}
			key = sequence_key(number ? number : 1, c);
			timeout(-1);
			if (!key)
				return ERR;
			*ch = key;
			return KEY_CODE_YES;
		}
		break;
	}
	timeout(-1);
	return ERR;                             /* a sequence we do not know */
}

/* ---- forms kept when miaopu had to stop ---- */

/* The drafts found at start (mp_draft_list), offered one after another,
 * oldest first; next: the one being asked about. */
static mp_strlist drafts;
static int next_draft;
static mp_record **pending_levels;
static int pending_n;

static void offer_draft(void);

static void draft_answer(void *arg, int yes)
{
	(void)arg;
	mp_draft_discard(drafts.v[next_draft - 1]);
	/* Outermost first, so that the innermost ends on top, as it was. */
	for (int i = 0; i < pending_n; i++) {
		if (yes)
			form_open_draft(pending_levels[i]);
		else
			mp_record_free(pending_levels[i]);
	}
	free(pending_levels);
	pending_levels = NULL;
	pending_n = 0;
	offer_draft();
}

static void offer_draft(void)
{
	char q[1024], what[512];
	size_t used = 0;
	mp_err e;

	if (mp_db_readonly(ui->db))
		return;
	while (next_draft < drafts.n &&
	       mp_draft_load(drafts.v[next_draft], &pending_levels, &pending_n, &e) != MP_OK)
		next_draft++;
	if (next_draft >= drafts.n)
		return;
	next_draft++;
	what[0] = '\0';
	for (int i = 0; i < pending_n && used + 1 < sizeof what; i++) {
		char shown[256];

		/* The first field as the form shows it (a service record's
		 * volunteer by name, not by number). */
		mp_field_display(ui->db, pending_levels[i], 0, 1, shown, sizeof shown);
		snprintf(what + used, sizeof what - used, "%s%s“%s”", i ? " → " : "",
		         _(pending_levels[i]->t->title_en), shown);
		used = strlen(what);
	}
	snprintf(q, sizeof q,
	         _("Not saved when miaopu was last closed, and kept: %s. Open it to check and save it? (No throws it away)"),
	         what);
	ui_confirm(q, 1, draft_answer, NULL);
}

static void keep_draft(void)
{
	mp_record *levels[64];
	int n = 0;
	mp_err e;

	for (struct ui_screen *s = ui->top; s && n < 64; s = s->below) {
		mp_record *r = form_draft_record(s);
		if (r)
			levels[n++] = r;
	}
	/* The stack runs from the top down; the draft from the outermost. */
	for (int i = 0; i < n / 2; i++) {
		mp_record *t = levels[i];
		levels[i] = levels[n - 1 - i];
		levels[n - 1 - i] = t;
	}
	if (n > 0)
		mp_draft_save(mp_db_path(ui->db), levels, n, &e);
	for (int i = 0; i < n; i++)
		mp_record_free(levels[i]);
}

static void setup_colour(void)
{
	ui->colour = 0;
	if (!ui->cfg->colour || getenv("NO_COLOR") || !has_colors())
		return;
	start_color();
	use_default_colors();
	init_pair(1, COLOR_WHITE, COLOR_BLUE);   /* tab bar */
	init_pair(2, COLOR_CYAN, -1);            /* titles */
	init_pair(3, COLOR_WHITE, COLOR_RED);    /* errors */
	init_pair(4, COLOR_BLACK, COLOR_CYAN);   /* key bar */
	init_pair(5, COLOR_BLACK, COLOR_WHITE);  /* dialogs */
	init_pair(6, COLOR_RED, -1);             /* rows that need attention */
	ui->colour = 1;
}

/* Follow the day's check and backup (mp_ledger_tick): nonzero while
 * they are under way; how they ended goes to the status line. */
static int safety_tick(struct mp_db *db, struct mp_config *cfg)
{
	char msg[1024];
	int rc = mp_ledger_tick(db, cfg, msg, sizeof msg);

	if (rc == MP_SAFETY_DAMAGED || rc == MP_SAFETY_FAILED)
		ui_error("%s", msg);
	else if (msg[0] && !ui->status_error)
		/* "the day's backup is done" is news, but a warning already
		 * on the line (a broken settings file, say) matters more and
		 * stays until the next key. */
		ui_status("%s", msg);
	return rc == MP_SAFETY_BUSY;
}

int ui_run(struct mp_db *db, struct mp_config *cfg)
{
	struct ui_app app;

	memset(&app, 0, sizeof app);
	app.db = db;
	app.cfg = cfg;
	ui = &app;

	ui_catch_signals();

	/* Without a terminal to read keys from (input from a file or
	 * /dev/null), every read would end at once and the screen would spin;
	 * say so instead. */
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "miaopu: %s\n",
		        _("the screen needs a terminal; from a script, use the commands (miaopu --help)"));
		return 1;
	}
	if (!initscr())
		return 1;
	raw();          /* Ctrl-S and Ctrl-C reach us as keys */
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	/* Presses, not clicks: with no wait for a release, a click answers
	 * at once. */
	mousemask(BUTTON1_PRESSED | BUTTON4_PRESSED
#ifdef BUTTON5_PRESSED
	          | BUTTON5_PRESSED
#endif
	          , NULL);
	mouseinterval(0);
	set_escdelay(25);
	setup_colour();

	ui_sections_open();
	app.section = 1;
	app.top = app.sections[0];

	if (cfg->warnings.n > 0)
		ui_error(_("Settings: %s (defaults used)"), cfg->warnings.v[0]);
	if (mp_db_readonly(db))
		ui_error(_("The ledger is read-only: you can look, but nothing can be saved."));
	if (mp_ledger_notice())
		ui_error("%s", mp_ledger_notice());
	next_draft = 0;
	mp_draft_list(mp_db_path(db), &drafts);
	offer_draft();

	trace_open();
	int errors = 0, busy = 1;
	while (!app.quit && !got_signal) {
		wint_t ch;
		int rc;
		draw_all();
		refresh();
		trace_drawn();
		/* The day's check and backup, once the first screen is up; the
		 * keys are read meanwhile, with a look at them every 0.2 s. */
		if (busy) {
			busy = safety_tick(db, cfg);
			if (!busy)
				continue;   /* show how it ended */
		}
		/* A list's count waits for a moment with no key (listview_idle):
		 * the list is drawn first, its count just after. */
		int idle = listview_idle(app.top, 0);
		timeout(idle ? 0 : busy ? 200 : -1);
		rc = wget_wch(stdscr, &ch);
		timeout(-1);   /* the dialogs wait for their keys */
		if (rc == ERR && idle) {
			trace_idle();
			listview_idle(app.top, 1);
			continue;
		}
		if (rc == ERR && busy)
			continue;
		trace_key();
		if (rc == ERR) {
			/* Reads block, so ERR comes from a signal now and then,
			 * but again and again only when the terminal is gone
			 * (end of input): then stop as for SIGHUP. */
			if (++errors >= 100)
				got_signal = SIGHUP;
			continue;
		}
		errors = 0;
		if (rc == KEY_CODE_YES && ch == KEY_RESIZE)
			continue;
		if (rc == OK && ch == 27) {
			rc = read_escape(&ch);
			if (rc == ERR)
				continue;
		}
		if (rc == KEY_CODE_YES && ch == KEY_MOUSE) {
			if (COLS >= MIN_COLS && LINES >= MIN_LINES)
				handle_mouse();
			continue;
		}
		if (COLS < MIN_COLS || LINES < MIN_LINES) {
			if ((rc == KEY_CODE_YES && ch == KEY_F(10)) || (rc == OK && ch == 3))
				ui_request_quit();
			continue;
		}
		handle_key(ch, rc == KEY_CODE_YES);
	}

	/* The terminal went away or we were told to stop: nobody can be
	 * asked, so a form with unsaved typing is kept for the next start. */
	if (got_signal)
		keep_draft();
	mp_draft_free(pending_levels, pending_n);
	pending_levels = NULL;
	pending_n = 0;
	mp_strlist_free(&drafts);
	while (app.top && !app.top->section)
		ui_pop();
	ui_sections_close();
	endwin();
	trace_close();
	ui = NULL;
	return 0;
}
