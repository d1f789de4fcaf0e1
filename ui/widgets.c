/* widgets.c — the yes/no question and the pick list. */
#include "config.h"

#include <ctype.h>
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mp_i18n.h"
#include "mp_err.h"
#include "mp_lineedit.h"
#include "mp_path.h"
#include "mp_text.h"
#include "screen.h"
#include "widgets.h"

/* ---- yes / no ---- */

struct confirm {
	struct ui_screen s;
	char *question;
	int yes;                          /* highlighted button */
	void (*done)(void *arg, int yes);
	void *arg;
};

static int confirm_key(struct ui_screen *s, wint_t ch, int is_key);

static void confirm_clicked(struct ui_screen *s, int yes)
{
	confirm_key(s, yes ? 'y' : 'n', 0);
}

static void confirm_draw(struct ui_screen *s, int top, int height)
{
	struct confirm *c = (struct confirm *)s;
	char yes[64], no[64];
	const char *p;
	int qw = mp_text_width(c->question);
	snprintf(yes, sizeof yes, "[ %s ]", _("Yes (y)"));
	snprintf(no, sizeof no, "[ %s ]", _("No (n)"));
	int bw = mp_text_width(yes) + mp_text_width(no) + 4;
	/* The question wraps to the screen's width, so that all of it and
	 * both buttons are always on the screen. */
	int tw = COLS - 2 - 6;
	if (tw < 1)
		tw = 1;
	if (qw < tw)
		tw = qw;
	int lines = mp_text_wrap_count(c->question, tw);
	if (lines > height - 5)
		lines = height - 5 > 1 ? height - 5 : 1;
	int w = tw + 6, h = lines + 5;
	if (w < bw + 4)
		w = bw + 4;
	if (w > COLS - 2)
		w = COLS - 2;
	int y = top + (height - h) / 2, x = (COLS - w) / 2;
	if (y < top)
		y = top;
	ui_box(y, x, h, w, _("Please confirm"));
	p = c->question;
	for (int i = 0; i < lines && *p; i++) {
		const char *next;
		int used;
		size_t len = mp_text_wrap(p, w - 6, &used, &next);
		char *line = mp_asprintf("%.*s", (int)len, p);
		ui_puts(y + 2 + i, x + 3, line, w - 5, R_DIALOG);
		free(line);
		p = next;
	}
	int bx = x + (w - bw) / 2;
	int by = y + h - 2;
	int used = ui_puts(by, bx, yes, w - 2, c->yes ? R_SELECTED : R_DIALOG);
	int nused = ui_puts(by, bx + used + 4, no, w - 2 - used - 4,
	                    c->yes ? R_DIALOG : R_SELECTED);
	ui_click_area(by, bx, used, confirm_clicked, 1);
	ui_click_area(by, bx + used + 4, nused, confirm_clicked, 0);
}

int ui_yesno_key(int *yes, wint_t ch, int is_key)
{
	if (!is_key && (ch == 'y' || ch == 'Y'))
		return 1;
	if (!is_key && (ch == 'n' || ch == 'N' || ch == 27 || ch == 'q'))
		return 0;
	if ((!is_key && (ch == '\n' || ch == '\r')) || (is_key && ch == KEY_ENTER))
		return *yes;
	if ((is_key && (ch == KEY_LEFT || ch == KEY_RIGHT || ch == KEY_BTAB)) ||
	    (!is_key && ch == '\t')) {
		*yes = !*yes;
		return -1;
	}
	return -2;
}

static int confirm_key(struct ui_screen *s, wint_t ch, int is_key)
{
	struct confirm *c = (struct confirm *)s;
	int answer = ui_yesno_key(&c->yes, ch, is_key);
	if (answer == -2)
		return UI_UNHANDLED;
	if (answer >= 0) {
		void (*done)(void *, int) = c->done;
		void *arg = c->arg;
		ui_pop();
		if (done)
			done(arg, answer);
	}
	return UI_HANDLED;
}

static void confirm_destroy(struct ui_screen *s)
{
	struct confirm *c = (struct confirm *)s;
	free(c->question);
	free(c);
}

static unsigned confirm_ctx(struct ui_screen *s)
{
	(void)s;
	return CTX_PICK;
}

static const struct ui_screen_ops confirm_ops = {
	confirm_draw, confirm_key, confirm_destroy, NULL, confirm_ctx
};

void ui_confirm(const char *question, int default_yes,
                void (*done)(void *arg, int yes), void *arg)
{
	struct confirm *c = calloc(1, sizeof *c);
	if (!c)
		mp_oom();
	c->s.ops = &confirm_ops;
	c->s.overlay = 1;
	c->question = mp_strdup(question);
	c->yes = default_yes;
	c->done = done;
	c->arg = arg;
	ui_push(&c->s);
}

/* ---- pick list ---- */

/* A pick list narrows as one types: the items holding what was typed are
 * shown (letters matched whatever their case), Backspace widens it again,
 * Esc first clears what was typed.  Keys that move (j, k, q …) keep their
 * meaning until something has been typed. */
struct pick {
	struct ui_screen s;
	char *title;
	char **items;
	int n, cur, first, rows;
	int *vis, nvis;      /* the items shown: their indexes in items */
	char filter[96];     /* what was typed, UTF-8 */
	void (*done)(void *arg, int index);
	void *arg;
};

static int pick_key(struct ui_screen *s, wint_t ch, int is_key);

/* Does item hold the filter?  ASCII letters match whatever their case. */
static int pick_holds(const char *item, const char *filter)
{
	size_t n = strlen(filter);

	if (!n)
		return 1;
	for (const char *p = item; *p; p++) {
		size_t i = 0;
		while (i < n && p[i]) {
			unsigned char a = (unsigned char)p[i], b = (unsigned char)filter[i];
			if (a != b && !(a < 128 && b < 128 && tolower(a) == tolower(b)))
				break;
			i++;
		}
		if (i == n)
			return 1;
	}
	return 0;
}

/* The items shown after the filter changed; the highlighted item stays
 * highlighted when it is still shown. */
static void pick_refilter(struct pick *p)
{
	int was = p->nvis > 0 && p->cur < p->nvis ? p->vis[p->cur] : -1;

	p->nvis = 0;
	p->cur = 0;
	for (int i = 0; i < p->n; i++) {
		if (!pick_holds(p->items[i], p->filter))
			continue;
		if (i == was)
			p->cur = p->nvis;
		p->vis[p->nvis++] = i;
	}
	p->first = 0;
}

/* A click on an item chooses it. */
static void pick_clicked(struct ui_screen *s, int k)
{
	struct pick *p = (struct pick *)s;
	if (k < 0 || k >= p->nvis)
		return;
	p->cur = k;
	pick_key(s, '\n', 0);
}

static void pick_draw(struct ui_screen *s, int top, int height)
{
	struct pick *p = (struct pick *)s;
	char line[160];
	int w = mp_text_width(p->title) + 8;
	for (int i = 0; i < p->n; i++) {
		int iw = mp_text_width(p->items[i]) + 6;
		if (iw > w)
			w = iw;
	}
	if (p->filter[0]) {
		snprintf(line, sizeof line, p->nvis ? _("Typed: %s") : _("Nothing holds “%s”"), p->filter);
		if (mp_text_width(line) + 8 > w)
			w = mp_text_width(line) + 8;
	}
	if (w < 24)
		w = 24;
	if (w > COLS - 2)
		w = COLS - 2;
	p->rows = p->nvis;
	if (p->rows > height - 2)
		p->rows = height - 2;
	if (p->rows < 1)
		p->rows = 1;
	if (p->cur < p->first)
		p->first = p->cur;
	if (p->cur >= p->first + p->rows)
		p->first = p->cur - p->rows + 1;
	int h = p->rows + 2;
	int y = top + (height - h) / 2, x = (COLS - w) / 2;
	ui_box(y, x, h, w, p->title);
	for (int i = 0; i < p->rows && p->first + i < p->nvis; i++) {
		int k = p->first + i;
		ui_put(y + 1 + i, x + 2, p->items[p->vis[k]], w - 4,
		       k == p->cur ? R_SELECTED : R_DIALOG);
		ui_click_area(y + 1 + i, x + 1, w - 2, pick_clicked, k);
	}
	/* On the bottom edge, as long as it is: the edge goes on after it
	 * (the box is made wide enough for it above). */
	if (p->filter[0])
		ui_puts(y + h - 1, x + 2, line, w - 6, R_DIALOG);
	if (p->first > 0)
		ui_puts(y, x + w - 3, "^", 1, R_DIALOG);
	if (p->first + p->rows < p->nvis)
		ui_puts(y + h - 1, x + w - 3, "v", 1, R_DIALOG);
}

/* A typed character narrows the list; 1 when it was taken. */
static int pick_type(struct pick *p, wint_t ch, int is_key)
{
	char buf[8];
	size_t len, have = strlen(p->filter);

	if (is_key || ch < 0x20 || ch == 0x7f || (ch >= 0x80 && ch < 0xa0))
		return 0;
	/* Before anything is typed, the keys that move and leave keep
	 * their meaning. */
	if (!have && keys_lookup(CTX_PICK, ch, 0) != A_NONE)
		return 0;
	len = mp_utf8_encode((wchar_t)ch, buf);
	if (!len || have + len >= sizeof p->filter)
		return 1;
	memcpy(p->filter + have, buf, len);
	p->filter[have + len] = '\0';
	pick_refilter(p);
	return 1;
}

/* Backspace: the last character typed goes. */
static void pick_untype(struct pick *p)
{
	size_t n = strlen(p->filter);

	while (n > 0 && ((unsigned char)p->filter[n - 1] & 0xc0) == 0x80)
		n--;
	if (n > 0)
		n--;
	p->filter[n] = '\0';
	pick_refilter(p);
}

static int pick_key(struct ui_screen *s, wint_t ch, int is_key)
{
	struct pick *p = (struct pick *)s;
	int chosen = -2;

	if (pick_type(p, ch, is_key))
		return UI_HANDLED;
	if (p->filter[0] && ((is_key && ch == KEY_BACKSPACE) || (!is_key && (ch == 0x7f || ch == 8)))) {
		pick_untype(p);
		return UI_HANDLED;
	}
	enum ui_action a = keys_lookup(CTX_PICK, ch, is_key);
	if (a == A_BACK && p->filter[0] && ch == 27) {
		p->filter[0] = '\0';
		pick_refilter(p);
		return UI_HANDLED;
	}
	switch (a) {
	case A_UP: if (p->cur > 0) p->cur--; break;
	case A_DOWN: if (p->cur < p->nvis - 1) p->cur++; break;
	case A_PGUP: p->cur -= p->rows; if (p->cur < 0) p->cur = 0; break;
	case A_PGDN: p->cur += p->rows; if (p->cur > p->nvis - 1) p->cur = p->nvis - 1; if (p->cur < 0) p->cur = 0; break;
	case A_HOME: p->cur = 0; break;
	case A_END: p->cur = p->nvis > 0 ? p->nvis - 1 : 0; break;
	case A_CHOOSE:
		if (!p->nvis)
			return UI_HANDLED;     /* nothing shown: nothing to take */
		chosen = p->vis[p->cur];
		break;
	case A_BACK: chosen = -1; break;
	default:
		return UI_UNHANDLED;
	}
	if (chosen != -2) {
		void (*done)(void *, int) = p->done;
		void *arg = p->arg;
		ui_pop();
		if (done)
			done(arg, chosen);
	}
	return UI_HANDLED;
}

static void pick_destroy(struct ui_screen *s)
{
	struct pick *p = (struct pick *)s;
	for (int i = 0; i < p->n; i++)
		free(p->items[i]);
	free(p->items);
	free(p->vis);
	free(p->title);
	free(p);
}

static unsigned pick_ctx(struct ui_screen *s)
{
	(void)s;
	return CTX_PICK;
}

static const struct ui_screen_ops pick_ops = {
	pick_draw, pick_key, pick_destroy, NULL, pick_ctx
};

void ui_pick_typed(const char *title, const char *const *items, int n, int current,
                   const char *typed, void (*done)(void *arg, int index), void *arg)
{
	struct pick *p = calloc(1, sizeof *p);
	if (!p)
		mp_oom();
	p->s.ops = &pick_ops;
	p->s.overlay = 1;
	p->title = mp_strdup(title);
	p->items = calloc(n > 0 ? (size_t)n : 1, sizeof *p->items);
	p->vis = calloc(n > 0 ? (size_t)n : 1, sizeof *p->vis);
	if (!p->items || !p->vis)
		mp_oom();
	for (int i = 0; i < n; i++)
		p->items[i] = mp_strdup(items[i]);
	p->n = n;
	if (typed)
		snprintf(p->filter, sizeof p->filter, "%s", typed);
	p->nvis = 0;
	pick_refilter(p);
	/* The current item highlighted, when it is shown. */
	for (int k = 0; k < p->nvis; k++)
		if (p->vis[k] == current)
			p->cur = k;
	p->done = done;
	p->arg = arg;
	ui_push(&p->s);
}

void ui_pick(const char *title, const char *const *items, int n, int current,
             void (*done)(void *arg, int index), void *arg)
{
	ui_pick_typed(title, items, n, current, NULL, done, arg);
}

/* ---- one line of text ---- */

struct prompt {
	struct ui_screen s;
	char *title, *hint;
	int path;        /* a file name: Tab completes it (mp_path.h) */
	char *names;     /* after Tab: the names that fit, or why none */
	mp_line line;
	void (*done)(void *arg, const char *text);
	void (*cancelled)(void *arg, const char *text);   /* Esc, with the text */
	void *arg;
};

static void prompt_draw(struct ui_screen *s, int top, int height)
{
	struct prompt *p = (struct prompt *)s;
	int w = COLS - 8 < 60 ? COLS - 2 : 60;
	/* Wider for a long title, up to the screen's width. */
	if (mp_text_width(p->title) + 8 > w)
		w = mp_text_width(p->title) + 8 < COLS - 2 ? mp_text_width(p->title) + 8 : COLS - 2;
	/* The hint wraps (at most three lines), so that it is read whole. */
	int hl = p->hint ? mp_text_wrap_count(p->hint, w - 6) : 0;
	if (hl > 3)
		hl = 3;
	int h = 5 + hl + (p->path ? 1 : 0);
	int y = top + (height - h) / 2, x = (COLS - w) / 2;
	char *text = mp_line_get(&p->line);
	const char *from = text;
	ui_box(y, x, h, w, p->title);
	int cx = mp_line_view(&p->line, w - 6);
	for (size_t k = 0; k < p->line.scroll && *from; k++) {
		wchar_t wc;
		from += mp_utf8_decode(from, strlen(from), &wc);
	}
	ui_put(y + 2, x + 3, from, w - 6, R_FIELD_ACTIVE);
	const char *hp = p->hint;
	for (int i = 0; i < hl && hp && *hp; i++) {
		const char *next;
		size_t len = mp_text_wrap(hp, w - 6, NULL, &next);
		char *part = mp_asprintf("%.*s", (int)len, hp);
		if (i == hl - 1 && *next)
			ui_put_cut(y + 3 + i, x + 3, hp, w - 6, R_DIALOG);
		else
			ui_puts(y + 3 + i, x + 3, part, w - 6, R_DIALOG);
		free(part);
		hp = next;
	}
	if (p->path && p->names)
		ui_puts(y + h - 2, x + 3, p->names, w - 6, R_DIALOG);
	ui_cursor(y + 2, x + 3 + cx);
	free(text);
}

static void prompt_finish(struct prompt *p, int ok)
{
	void (*done)(void *, const char *) = p->done;
	void (*cancelled)(void *, const char *) = p->cancelled;
	void *arg = p->arg;
	char *text = ok || cancelled ? mp_line_get(&p->line) : NULL;
	ui_pop();
	if (!ok && cancelled)
		cancelled(arg, text);
	else if (done)
		done(arg, text);
	free(text);
}

/* Tab in a file name: complete its last name from its folder; when
 * several names fit, say which (the line holds what they share). */
static void prompt_complete(struct prompt *p)
{
	char *text = mp_line_get(&p->line), *out = NULL;
	mp_strlist names = { NULL, 0 };
	int n = mp_path_complete(text, &out, &names, 50);
	free(p->names);
	p->names = NULL;
	if (n == 0) {
		p->names = mp_strdup(_("No file or folder starts with that."));
	} else if (n > 1) {
		size_t used = 0, size = 1024;
		p->names = malloc(size);
		if (!p->names)
			mp_oom();
		p->names[0] = '\0';
		for (int i = 0; i < names.n && used < size; i++)
			used += (size_t)snprintf(p->names + used, size - used, "%s%s",
			                         i ? "  " : "", names.v[i]);
	}
	mp_line_set(&p->line, out);
	mp_strlist_free(&names);
	free(out);
	free(text);
}

static unsigned prompt_ctx(struct ui_screen *s);

static int prompt_key(struct ui_screen *s, wint_t ch, int is_key)
{
	struct prompt *p = (struct prompt *)s;
	switch (keys_lookup(prompt_ctx(s), ch, is_key)) {
	case A_SEARCH_DONE: prompt_finish(p, 1); return UI_HANDLED;
	case A_CANCEL: prompt_finish(p, 0); return UI_HANDLED;
	case A_COMPLETE: prompt_complete(p); return UI_HANDLED;
	case A_ED_LEFT: mp_line_left(&p->line); return UI_HANDLED;
	case A_ED_RIGHT: mp_line_right(&p->line); return UI_HANDLED;
	case A_ED_HOME: mp_line_home(&p->line); return UI_HANDLED;
	case A_ED_END: mp_line_end(&p->line); return UI_HANDLED;
	case A_ED_BACKSPACE: mp_line_backspace(&p->line); return UI_HANDLED;
	case A_ED_KILL: mp_line_kill_to_end(&p->line); return UI_HANDLED;
	case A_ED_CLEAR: mp_line_clear(&p->line); return UI_HANDLED;
	default: break;
	}
	if (!is_key && ch >= 32 && ch != 127) {
		mp_line_insert(&p->line, (wchar_t)ch);
		return UI_HANDLED;
	}
	return UI_UNHANDLED;
}

static void prompt_destroy(struct ui_screen *s)
{
	struct prompt *p = (struct prompt *)s;
	mp_line_free(&p->line);
	free(p->title);
	free(p->hint);
	free(p->names);
	free(p);
}

static unsigned prompt_ctx(struct ui_screen *s)
{
	return CTX_PROMPT | (((struct prompt *)s)->path ? CTX_PATH : 0);
}

static const struct ui_screen_ops prompt_ops = {
	prompt_draw, prompt_key, prompt_destroy, NULL, prompt_ctx
};

static struct prompt *prompt_new(const char *title, const char *initial,
                                 const char *hint,
                                 void (*done)(void *arg, const char *text),
                                 void *arg)
{
	struct prompt *p = calloc(1, sizeof *p);
	if (!p)
		mp_oom();
	p->s.ops = &prompt_ops;
	p->s.overlay = 1;
	p->title = mp_strdup(title);
	p->hint = hint ? mp_strdup(hint) : NULL;
	mp_line_init(&p->line, 200);
	mp_line_set(&p->line, initial ? initial : "");
	p->done = done;
	p->arg = arg;
	return p;
}

void ui_prompt(const char *title, const char *initial, const char *hint,
               void (*done)(void *arg, const char *text), void *arg)
{
	ui_push(&prompt_new(title, initial, hint, done, arg)->s);
}

void ui_prompt_esc(const char *title, const char *initial, const char *hint,
                   void (*done)(void *arg, const char *text),
                   void (*cancelled)(void *arg, const char *text), void *arg)
{
	struct prompt *p = prompt_new(title, initial, hint, done, arg);
	p->cancelled = cancelled;
	ui_push(&p->s);
}

void ui_prompt_path(const char *title, const char *initial, const char *hint,
                    void (*done)(void *arg, const char *text), void *arg)
{
	struct prompt *p = prompt_new(title, initial, hint, done, arg);
	p->path = 1;
	ui_push(&p->s);
}
