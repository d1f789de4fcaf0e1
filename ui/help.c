/* help.c — the help screen, generated from the key table. */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "mp_i18n.h"
#include "mp_text.h"
#include "screen.h"
#include "widgets.h"

struct help {
	struct ui_screen s;
	char *title;
	char **keys, **text;
	int n, cap, first;
};

static void add_line(void *arg, const char *keys, const char *text)
{
	struct help *h = arg;
	if (h->n == h->cap) {
		h->cap = h->cap ? h->cap * 2 : 32;
		h->keys = realloc(h->keys, (size_t)h->cap * sizeof *h->keys);
		h->text = realloc(h->text, (size_t)h->cap * sizeof *h->text);
		if (!h->keys || !h->text)
			abort();
	}
	h->keys[h->n] = mp_strdup(keys);
	h->text[h->n] = mp_strdup(text);
	h->n++;
}

static void help_draw(struct ui_screen *s, int top, int height)
{
	struct help *h = (struct help *)s;
	int kw = 0;
	for (int i = 0; i < h->n; i++) {
		int w = mp_text_width(h->keys[i]);
		if (w > kw)
			kw = w;
	}
	if (kw > COLS / 3)
		kw = COLS / 3;
	ui_put(top, 0, h->title, COLS, R_TITLE);
	int rows = height - 1;
	if (h->first > h->n - rows)
		h->first = h->n - rows;
	if (h->first < 0)
		h->first = 0;
	for (int i = 0; i < rows && h->first + i < h->n; i++) {
		int k = h->first + i;
		ui_put(top + 1 + i, 1, h->keys[k], kw, R_HEADER);
		ui_put(top + 1 + i, kw + 3, h->text[k], COLS - kw - 3, R_NORMAL);
	}
}

static int help_key(struct ui_screen *s, wint_t ch, int is_key)
{
	struct help *h = (struct help *)s;
	switch (keys_lookup(CTX_HELP, ch, is_key)) {
	case A_UP: if (h->first > 0) h->first--; break;
	case A_DOWN: h->first++; break;
	case A_PGUP: h->first -= LINES / 2; if (h->first < 0) h->first = 0; break;
	case A_PGDN: h->first += LINES / 2; break;
	case A_HOME: h->first = 0; break;
	case A_END: h->first = h->n; break;
	case A_BACK: case A_HELP: ui_pop(); break;
	default: return UI_UNHANDLED;
	}
	return UI_HANDLED;
}

static void help_destroy(struct ui_screen *s)
{
	struct help *h = (struct help *)s;
	for (int i = 0; i < h->n; i++) {
		free(h->keys[i]);
		free(h->text[i]);
	}
	free(h->keys);
	free(h->text);
	free(h->title);
	free(h);
}

static unsigned help_ctx(struct ui_screen *s)
{
	(void)s;
	return CTX_HELP;
}

static const struct ui_screen_ops help_ops = {
	help_draw, help_key, help_destroy, NULL, help_ctx
};

void ui_help(unsigned ctx, const char *title)
{
	struct help *h = calloc(1, sizeof *h);
	if (!h)
		abort();
	h->s.ops = &help_ops;
	h->title = mp_asprintf(_("Help: %s  (Esc to close)"), title);
	keys_help(ctx, add_line, h);
	ui_push(&h->s);
}
