/* screen.c — drawing helpers and the status line. */
#include "config.h"

#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "screen.h"
#include "mp_text.h"

struct ui_app *ui;

static int cursor_y = -1, cursor_x = -1;

void ui_cursor(int y, int x)
{
	cursor_y = y;
	cursor_x = x;
}

/* Called by the main loop after drawing everything. */
void ui_place_cursor(void);
void ui_place_cursor(void)
{
	if (cursor_y >= 0 && cursor_y < LINES && cursor_x >= 0 && cursor_x < COLS) {
		curs_set(1);
		move(cursor_y, cursor_x);
	} else {
		curs_set(0);
	}
	cursor_y = cursor_x = -1;
}

static void vstatus(int error, const char *fmt, va_list ap)
{
	vsnprintf(ui->status, sizeof ui->status, fmt, ap);
	ui->status_error = error;
}

void ui_status(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vstatus(0, fmt, ap);
	va_end(ap);
}

void ui_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vstatus(1, fmt, ap);
	va_end(ap);
	beep();
}

void ui_status_clear(void)
{
	ui->status[0] = '\0';
	ui->status_error = 0;
}

int ui_attr(enum ui_role r)
{
	int c = ui->colour;
	switch (r) {
	case R_NORMAL: return A_NORMAL;
	case R_TAB: return c ? COLOR_PAIR(1) : A_NORMAL;
	case R_TAB_ACTIVE: return A_REVERSE | A_BOLD;
	case R_TITLE: return A_BOLD | (c ? COLOR_PAIR(2) : 0);
	case R_HEADER: return A_BOLD | A_UNDERLINE;
	case R_SELECTED: return A_REVERSE;
	case R_STATUS: return A_NORMAL;
	case R_ERROR: return A_BOLD | (c ? COLOR_PAIR(3) : A_REVERSE);
	case R_KEYBAR: return c ? COLOR_PAIR(4) : A_REVERSE;
	case R_DIALOG: return c ? COLOR_PAIR(5) : A_NORMAL;
	case R_FIELD: return A_UNDERLINE;
	case R_FIELD_ACTIVE: return A_REVERSE;
	case R_DIM: return A_DIM;
	case R_MARKED: return A_BOLD | (c ? COLOR_PAIR(6) : A_UNDERLINE);
	}
	return A_NORMAL;
}

void ui_put(int y, int x, const char *s, int cols, enum ui_role r)
{
	char buf[1024];
	if (cols <= 0 || y < 0 || y >= LINES)
		return;
	if (cols > (int)sizeof buf / 4)
		cols = sizeof buf / 4;
	mp_text_pad(buf, sizeof buf, s ? s : "", cols);
	attrset(ui_attr(r));
	mvaddstr(y, x, buf);
	attrset(A_NORMAL);
}

void ui_put_cut(int y, int x, const char *s, int cols, enum ui_role r)
{
	char buf[1024];
	if (cols <= 0 || y < 0 || y >= LINES)
		return;
	if (cols > (int)sizeof buf / 4)
		cols = sizeof buf / 4;
	mp_text_ellipsis(buf, sizeof buf, s ? s : "", cols);
	attrset(ui_attr(r));
	mvaddstr(y, x, buf);
	attrset(A_NORMAL);
}

int ui_puts(int y, int x, const char *s, int cols, enum ui_role r)
{
	int used = 0;
	if (cols <= 0 || !s || y < 0 || y >= LINES)
		return 0;
	mp_text_fit(s, cols, &used);
	/* Through ui_put, so that control characters in stored text are drawn
	 * as '?' and never reach the terminal. */
	ui_put(y, x, s, used, r);
	return used;
}

/* Whether column x of line y holds the right half of a double-width
 * character.  Read from the line's start, since ncurses gives the
 * character of a cell but not which half of it the cell is. */
static int right_half(int y, int x)
{
	int col = 0;
	while (col < x) {
		cchar_t cc;
		wchar_t wc[CCHARW_MAX + 1];
		attr_t a;
		short pair;
		int cw = 1;
		if (mvin_wch(y, col, &cc) == OK &&
		    getcchar(&cc, wc, &a, &pair, NULL) != ERR && wc[0])
			cw = wcwidth(wc[0]) == 2 ? 2 : 1;
		col += cw;
	}
	return col == x + 1;
}

/* Something drawn from column x of line y onwards, over what is there:
 * when x falls on the right half of a double-width character, blank that
 * character whole first.  ncurses writes a narrow character over half of
 * a wide one without touching the other half; the line then holds half a
 * character, which ncurses sends to the terminal one column off, and what
 * was under a dialog came back shifted and garbled once it closed. */
void ui_unsplit(int y, int x)
{
	if (y < 0 || y >= LINES || x <= 0 || x >= COLS || !right_half(y, x))
		return;
	attrset(A_NORMAL);
	mvaddstr(y, x - 1, "  ");
}

void ui_box(int y, int x, int h, int w, const char *title)
{
	int a = ui_attr(R_DIALOG);
	for (int i = 0; i < h; i++) {
		/* Both edges: the left one, and the column after the right. */
		ui_unsplit(y + i, x);
		ui_unsplit(y + i, x + w);
	}
	for (int i = 0; i < h; i++) {
		move(y + i, x);
		attrset(a);
		for (int j = 0; j < w; j++)
			addch(' ');
	}
	attrset(a);
	/* The wide-character line drawing: under a UTF-8 locale ncursesw
	 * draws it with Unicode box characters (┌─┐), as it does the text,
	 * and not by switching the terminal to its alternate character set,
	 * which some terminals and tmux's capture-pane show as "lqqk". */
	mvadd_wch(y, x, WACS_ULCORNER);
	mvhline_set(y, x + 1, WACS_HLINE, w - 2);
	mvadd_wch(y, x + w - 1, WACS_URCORNER);
	mvvline_set(y + 1, x, WACS_VLINE, h - 2);
	mvvline_set(y + 1, x + w - 1, WACS_VLINE, h - 2);
	mvadd_wch(y + h - 1, x, WACS_LLCORNER);
	mvhline_set(y + h - 1, x + 1, WACS_HLINE, w - 2);
	mvadd_wch(y + h - 1, x + w - 1, WACS_LRCORNER);
	attrset(A_NORMAL);
	if (title && *title) {
		char t[256];
		snprintf(t, sizeof t, " %s ", title);
		if (mp_text_width(t) > w - 4)
			ui_put_cut(y, x + 2, t, w - 4, R_TITLE);   /* ends in … */
		else
			ui_puts(y, x + 2, t, w - 4, R_TITLE);
	}
}
