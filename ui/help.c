/* help.c — a scrolling two-column text screen, and the help screen built
 * on it from the key table. */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mp_backup.h"
#include "mp_db.h"
#include "mp_i18n.h"
#include "mp_text.h"
#include "screen.h"
#include "textview.h"
#include "widgets.h"

struct ui_textview {
	struct ui_screen s;
	char *title;
	char **left, **right;
	int n, cap, first;
};

void ui_textview_add(struct ui_textview *h, const char *left, const char *right)
{
	if (h->n == h->cap) {
		h->cap = h->cap ? h->cap * 2 : 32;
		h->left = realloc(h->left, (size_t)h->cap * sizeof *h->left);
		h->right = realloc(h->right, (size_t)h->cap * sizeof *h->right);
		if (!h->left || !h->right)
			mp_oom();
	}
	h->left[h->n] = mp_strdup(left);
	h->right[h->n] = mp_strdup(right);
	h->n++;
}

/* Draw (when draw is set) the visual lines from number first on: each
 * entry's text wraps under itself, so that a long help line or a backup
 * path is read whole.  Returns the number of visual lines. */
static int tv_lines(struct ui_textview *h, int kw, int top, int rows, int first,
                    int draw)
{
	int line = 0, tw = COLS - kw - 3;
	if (tw < 1)
		tw = 1;
	for (int k = 0; k < h->n; k++) {
		const char *p = h->right[k];
		int sub = 0;
		do {
			const char *next = p;
			size_t len = *p ? mp_text_wrap(p, tw, NULL, &next) : 0;
			int y = line - first;
			if (draw && y >= 0 && y < rows) {
				char part[1024];
				snprintf(part, sizeof part, "%.*s", (int)len, p);
				if (sub == 0)
					ui_put_cut(top + y, 1, h->left[k], kw, R_HEADER);
				ui_put(top + y, kw + 3, part, tw, R_NORMAL);
			}
			line++;
			sub++;
			if (next == p)
				break;
			p = next;
		} while (*p);
	}
	return line;
}

static void tv_draw(struct ui_screen *s, int top, int height)
{
	struct ui_textview *h = (struct ui_textview *)s;
	int kw = 0;
	for (int i = 0; i < h->n; i++) {
		int w = mp_text_width(h->left[i]);
		if (w > kw)
			kw = w;
	}
	if (kw > COLS / 3)
		kw = COLS / 3;
	ui_put_cut(top, 0, h->title, COLS, R_TITLE);
	int rows = height - 1;
	int total = tv_lines(h, kw, top + 1, rows, 0, 0);
	if (h->first > total - rows)
		h->first = total - rows;
	if (h->first < 0)
		h->first = 0;
	tv_lines(h, kw, top + 1, rows, h->first, 1);
}

static int tv_key(struct ui_screen *s, wint_t ch, int is_key)
{
	struct ui_textview *h = (struct ui_textview *)s;
	switch (keys_lookup(CTX_HELP, ch, is_key)) {
	case A_UP: if (h->first > 0) h->first--; break;
	case A_DOWN: h->first++; break;
	case A_PGUP: h->first -= LINES / 2; if (h->first < 0) h->first = 0; break;
	case A_PGDN: h->first += LINES / 2; break;
	case A_HOME: h->first = 0; break;
	case A_END: h->first = 1 << 20; break;   /* tv_draw brings it back */
	case A_BACK: case A_HELP: ui_pop(); break;
	default: return UI_UNHANDLED;
	}
	return UI_HANDLED;
}

static void tv_destroy(struct ui_screen *s)
{
	struct ui_textview *h = (struct ui_textview *)s;
	for (int i = 0; i < h->n; i++) {
		free(h->left[i]);
		free(h->right[i]);
	}
	free(h->left);
	free(h->right);
	free(h->title);
	free(h);
}

static unsigned tv_ctx(struct ui_screen *s)
{
	(void)s;
	return CTX_HELP;
}

static const struct ui_screen_ops tv_ops = {
	tv_draw, tv_key, tv_destroy, NULL, tv_ctx
};

struct ui_textview *ui_textview_new(const char *title)
{
	struct ui_textview *h = calloc(1, sizeof *h);
	if (!h)
		mp_oom();
	h->s.ops = &tv_ops;
	h->title = mp_strdup(title);
	return h;
}

void ui_textview_show(struct ui_textview *tv)
{
	ui_push(&tv->s);
}

static void add_key_line(void *arg, const char *keys, const char *text)
{
	ui_textview_add(arg, keys, text);
}

/* Where the ledger and its backups are and when the last one was made,
 * first on every help screen. */
static void add_backup_lines(struct ui_textview *tv)
{
	const char *path;
	char *folder, *latest = NULL, *line, stamp[32];
	time_t when;
	if (!ui || !ui->db)
		return;
	path = mp_db_path(ui->db);
	folder = mp_backup_folder(ui->cfg, path);
	ui_textview_add(tv, _("Ledger"), path);
	ui_textview_add(tv, _("Backups"), folder);
	if (mp_backup_latest(ui->cfg, path, 0, &latest, &when)) {
		struct tm tm;
		localtime_r(&when, &tm);
		strftime(stamp, sizeof stamp, "%Y-%m-%d %H:%M", &tm);
		const char *base = strrchr(latest, '/');
		line = mp_asprintf(_("%s (%s)"), stamp, base ? base + 1 : latest);
	} else {
		line = mp_strdup(_("none yet: one is made on the first start of each day, or with miaopu backup"));
	}
	ui_textview_add(tv, _("Last backup"), line);
	ui_textview_add(tv, "", "");
	free(line);
	free(latest);
	free(folder);
}

void ui_help(unsigned ctx, const char *title)
{
	char *t = mp_asprintf(_("Help: %s  (Esc to close)"), title);
	struct ui_textview *tv = ui_textview_new(t);
	free(t);
	add_backup_lines(tv);
	keys_help(ctx, add_key_line, tv);
	ui_textview_show(tv);
}
