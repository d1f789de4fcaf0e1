/* screen.c — drawing helpers and the status line. */
#include "config.h"

#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

void ui_box(int y, int x, int h, int w, const char *title)
{
	int a = ui_attr(R_DIALOG);
	for (int i = 0; i < h; i++) {
		move(y + i, x);
		attrset(a);
		for (int j = 0; j < w; j++)
			addch(' ');
	}
	attrset(a);
	mvaddch(y, x, ACS_ULCORNER);
	mvhline(y, x + 1, ACS_HLINE, w - 2);
	mvaddch(y, x + w - 1, ACS_URCORNER);
	mvvline(y + 1, x, ACS_VLINE, h - 2);
	mvvline(y + 1, x + w - 1, ACS_VLINE, h - 2);
	mvaddch(y + h - 1, x, ACS_LLCORNER);
	mvhline(y + h - 1, x + 1, ACS_HLINE, w - 2);
	mvaddch(y + h - 1, x + w - 1, ACS_LRCORNER);
	attrset(A_NORMAL);
	if (title && *title) {
		char t[256];
		snprintf(t, sizeof t, " %s ", title);
		ui_puts(y, x + 2, t, w - 4, R_TITLE);
	}
}
