/* sections.c — the sections on the screen: a screen for each row of the
 * sections table (mp_sections.h), the tab bar, and the menu on key 0.
 *
 * The table says what a section shows; here each kind becomes its screen.
 * The first nine sections have keys 1 to 9; 0 opens a menu of all of them,
 * so that the tenth and later ones are two keys away (0, then 1 0) and a
 * social worker has one rule to learn: the number on the tab. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mp_i18n.h"
#include "mp_sections.h"
#include "mp_text.h"
#include "screen.h"
#include "ui.h"

/* ---- a screen for each section ---- */

static struct ui_screen *section_screen(const mp_section *sec, int number)
{
	struct ui_screen *s = NULL;

	switch (sec->shows) {
	case MP_SEC_OVERVIEW:
		s = overview_new();
		break;
	case MP_SEC_LIST:
		/* test_sections proves that every list's table resolves. */
		s = listview_new(mp_section_table(sec), number);
		break;
	case MP_SEC_REPORT:
		s = report_new();
		break;
	}
	s->section = number;
	return s;
}

void ui_sections_open(void)
{
	int n = mp_section_count();

	ui->sections = calloc((size_t)n, sizeof *ui->sections);
	if (!ui->sections)
		mp_oom();
	for (int i = 0; i < n; i++)
		ui->sections[i] = section_screen(mp_section_get(i), i + 1);
	ui->nsections = n;
}

void ui_sections_close(void)
{
	for (int i = 0; i < ui->nsections; i++)
		ui->sections[i]->ops->destroy(ui->sections[i]);
	free(ui->sections);
	ui->sections = NULL;
	ui->nsections = 0;
}

const char *ui_section_title(int number)
{
	const mp_section *s = mp_section_get(number - 1);
	return s ? _(s->title_en) : "";
}

/* ---- the tab bar ---- */

/* A click on a tab: as its key, from a section (not over a form). */
static void tab_clicked(struct ui_screen *s, int number)
{
	(void)s;
	if (ui->top && ui->top->section)
		ui_show_section(number);
}

static void more_clicked(struct ui_screen *s, int arg)
{
	(void)s;
	(void)arg;
	ui_section_menu();
}

/* " 1 概览 2 组织 … 7 报表" and the station's name at the right.  When
 * not all tabs fit, those around the current one are shown, "<" before
 * them when some are hidden there, and "0 更多" (the menu's key) after. */
int ui_draw_tabs(void)
{
	int n = ui->nsections, x = 0;
	int *w = calloc(n > 0 ? (size_t)n : 1, sizeof *w);
	char item[128], more[64];
	mp_tabs t;

	if (!w)
		mp_oom();
	for (int i = 0; i < n; i++) {
		snprintf(item, sizeof item, "%d %s ", i + 1, ui_section_title(i + 1));
		w[i] = mp_text_width(item);
	}
	snprintf(more, sizeof more, "0 %s ", _("More"));
	/* One column is the space the bar begins with. */
	mp_sections_tabs(w, n, ui->section - 1, COLS - 1, 1, mp_text_width(more), &t);
	free(w);

	move(0, 0);
	attrset(ui_attr(R_TAB));
	hline(' ', COLS);
	x += ui_puts(0, x, t.left ? "< " : " ", COLS - x, R_TAB);
	for (int i = t.first; i <= t.last && x < COLS; i++) {
		snprintf(item, sizeof item, "%d %s ", i + 1, ui_section_title(i + 1));
		int used = ui_puts(0, x, item, COLS - x,
		                   i + 1 == ui->section ? R_TAB_ACTIVE : R_TAB);
		ui_click_area(0, x, used, tab_clicked, i + 1);
		x += used;
	}
	if (t.more) {
		int used = ui_puts(0, x, more, COLS - x, R_TAB);
		ui_click_area(0, x, used, more_clicked, 0);
		x += used;
	}
	attrset(A_NORMAL);
	return x;
}

/* ---- the menu of all sections (key 0) ---- */

struct secmenu {
	struct ui_screen s;
	int cur, first, rows;
	int typed;   /* the number typed so far, 0: none */
};

static void menu_go(int number);

static void menu_clicked(struct ui_screen *s, int number)
{
	(void)s;
	menu_go(number);
}

static void menu_draw(struct ui_screen *s, int top, int height)
{
	struct secmenu *m = (struct secmenu *)s;
	const char *title = _("All sections: type a number");
	int n = ui->nsections, digits = n >= 10 ? 2 : 1;
	int w = mp_text_width(title) + 8;
	char item[128];

	for (int i = 0; i < n; i++) {
		snprintf(item, sizeof item, "%*d  %s", digits, i + 1, ui_section_title(i + 1));
		if (mp_text_width(item) + 6 > w)
			w = mp_text_width(item) + 6;
	}
	if (w > COLS - 2)
		w = COLS - 2;
	m->rows = n < height - 2 ? n : height - 2;
	if (m->rows < 1)
		m->rows = 1;
	if (m->cur < m->first)
		m->first = m->cur;
	if (m->cur >= m->first + m->rows)
		m->first = m->cur - m->rows + 1;
	int h = m->rows + 2;
	int y = top + (height - h) / 2, x = (COLS - w) / 2;
	ui_box(y, x, h, w, title);
	for (int i = 0; i < m->rows && m->first + i < n; i++) {
		int k = m->first + i;
		snprintf(item, sizeof item, "%*d  %s", digits, k + 1, ui_section_title(k + 1));
		ui_put(y + 1 + i, x + 2, item, w - 4,
		       k == m->cur ? R_SELECTED : R_DIALOG);
		ui_click_area(y + 1 + i, x + 1, w - 2, menu_clicked, k + 1);
	}
	if (m->first > 0)
		ui_puts(y, x + w - 3, "^", 1, R_DIALOG);
	if (m->first + m->rows < n)
		ui_puts(y + h - 1, x + w - 3, "v", 1, R_DIALOG);
}

static void menu_go(int number)
{
	ui_pop();
	ui_show_section(number);
}

static int menu_key(struct ui_screen *s, wint_t ch, int is_key)
{
	struct secmenu *m = (struct secmenu *)s;
	int n = ui->nsections, last = n - 1;

	if (!is_key && ch >= '0' && ch <= '9') {
		int go, typed = mp_sections_type(m->typed, (int)(ch - '0'), n, &go);

		m->typed = typed;
		if (!typed) {
			beep();
			return UI_HANDLED;
		}
		m->cur = typed - 1;
		if (go)
			menu_go(typed);
		return UI_HANDLED;
	}
	m->typed = 0;
	switch (keys_lookup(CTX_PICK | CTX_SECMENU, ch, is_key)) {
	case A_UP: if (m->cur > 0) m->cur--; break;
	case A_DOWN: if (m->cur < last) m->cur++; break;
	case A_PGUP: m->cur -= m->rows; if (m->cur < 0) m->cur = 0; break;
	case A_PGDN: m->cur += m->rows; if (m->cur > last) m->cur = last; break;
	case A_HOME: m->cur = 0; break;
	case A_END: m->cur = last; break;
	case A_CHOOSE: menu_go(m->cur + 1); break;
	case A_BACK: ui_pop(); break;
	default:
		return UI_UNHANDLED;
	}
	return UI_HANDLED;
}

static void menu_destroy(struct ui_screen *s)
{
	free(s);
}

static unsigned menu_ctx(struct ui_screen *s)
{
	(void)s;
	return CTX_PICK | CTX_SECMENU;
}

static const struct ui_screen_ops menu_ops = {
	menu_draw, menu_key, menu_destroy, NULL, menu_ctx
};

void ui_section_menu(void)
{
	struct secmenu *m;

	/* As the section keys: from a section, not from over a form. */
	if (!ui->top || !ui->top->section)
		return;
	m = calloc(1, sizeof *m);
	if (!m)
		mp_oom();
	m->s.ops = &menu_ops;
	m->s.overlay = 1;
	m->cur = ui->section - 1;
	ui_push(&m->s);
}
