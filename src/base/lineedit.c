/* lineedit.c — a one-line editor over wide characters.
 *
 * The buffer holds one wchar_t per character, so Backspace, Delete and the
 * arrows always move over whole characters; display columns come from
 * mp_wcwidth only when the line is laid out (mp_line_view). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "mp_err.h"
#include "mp_lineedit.h"
#include "mp_text.h"

static void reserve(mp_line *l, size_t need)
{
	size_t cap = l->cap ? l->cap : 16;
	wchar_t *b;

	if (l->buf && need + 1 <= l->cap)
		return;
	while (cap < need + 1)
		cap *= 2;
	b = realloc(l->buf, cap * sizeof *b);
	if (!b)
		mp_oom();
	l->buf = b;
	l->cap = cap;
}

void mp_line_init(mp_line *l, size_t maxlen)
{
	memset(l, 0, sizeof *l);
	l->maxlen = maxlen;
	reserve(l, 0);
	l->buf[0] = 0;
}

void mp_line_free(mp_line *l)
{
	free(l->buf);
	memset(l, 0, sizeof *l);
}

static int insertable(wchar_t c)
{
	/* Control characters would break the line on screen and in the
	 * database; NUL would end it. */
	if (c < 0x20 || (c >= 0x7F && c < 0xA0))
		return 0;
	if ((c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF)
		return 0;
	return 1;
}

void mp_line_set(mp_line *l, const char *utf8)
{
	size_t n = utf8 ? strlen(utf8) : 0, i = 0;

	if (!l->buf)
		reserve(l, 0);
	l->len = 0;
	/* maxlen limits typing only: a longer stored value (an import) is
	 * kept whole, so that opening and saving a form loses nothing. */
	while (i < n) {
		wchar_t wc;

		i += (size_t)mp_utf8_decode(utf8 + i, n - i, &wc);
		/* A line break in stored text (a note imported from a
		 * spreadsheet) is kept, so that opening and saving a form
		 * does not change it; mp_text_pad draws it as '?'. */
		reserve(l, l->len + 1);
		l->buf[l->len++] = wc;
	}
	l->buf[l->len] = 0;
	l->cur = l->len;
	l->scroll = 0;
	l->replace = 0;
}

void mp_line_select_all(mp_line *l)
{
	l->cur = l->len;
	l->replace = 1;
}

char *mp_line_get(const mp_line *l)
{
	char *out = malloc(l->len * 4 + 1), *p;
	size_t i;

	if (!out)
		mp_oom();
	p = out;
	for (i = 0; i < l->len; i++)
		p += mp_utf8_encode(l->buf[i], p);
	*p = '\0';
	return out;
}

int mp_line_insert(mp_line *l, wchar_t c)
{
	if (!insertable(c))
		return -1;
	if (l->replace) {
		/* Typing over: the old value goes, the key typed is the
		 * first character of the new one. */
		l->replace = 0;
		l->len = 0;
		l->cur = 0;
		l->scroll = 0;
		l->buf[0] = 0;
	}
	if (l->maxlen && l->len >= l->maxlen)
		return -1;
	reserve(l, l->len + 1);
	memmove(l->buf + l->cur + 1, l->buf + l->cur,
		(l->len - l->cur) * sizeof *l->buf);
	l->buf[l->cur] = c;
	l->len++;
	l->cur++;
	l->buf[l->len] = 0;
	return 0;
}

/* Remove the character at index i (< len). */
static void remove_at(mp_line *l, size_t i)
{
	memmove(l->buf + i, l->buf + i + 1, (l->len - i - 1) * sizeof *l->buf);
	l->len--;
	l->buf[l->len] = 0;
}

void mp_line_backspace(mp_line *l)
{
	l->replace = 0;
	if (l->cur == 0)
		return;
	remove_at(l, l->cur - 1);
	l->cur--;
}

void mp_line_delete(mp_line *l)
{
	l->replace = 0;
	if (l->cur < l->len)
		remove_at(l, l->cur);
}

void mp_line_left(mp_line *l)
{
	l->replace = 0;
	if (l->cur > 0)
		l->cur--;
}

void mp_line_right(mp_line *l)
{
	l->replace = 0;
	if (l->cur < l->len)
		l->cur++;
}

void mp_line_home(mp_line *l)
{
	l->replace = 0;
	l->cur = 0;
}

void mp_line_end(mp_line *l)
{
	l->replace = 0;
	l->cur = l->len;
}

void mp_line_kill_to_end(mp_line *l)
{
	l->replace = 0;
	l->len = l->cur;
	l->buf[l->len] = 0;
}

void mp_line_clear(mp_line *l)
{
	l->replace = 0;
	l->len = 0;
	l->cur = 0;
	l->scroll = 0;
	l->buf[0] = 0;
}

int mp_line_view(mp_line *l, int cols)
{
	size_t i;
	int col, tail, cell;

	if (l->cur > l->len)
		l->cur = l->len;
	if (l->scroll > l->cur)
		l->scroll = l->cur;
	if (cols <= 0)
		return 0;

	/* The cell under the cursor: the whole character there, so that a
	 * Chinese character under the cursor is never half drawn. */
	cell = l->cur < l->len ? mp_wcwidth(l->buf[l->cur]) : 1;
	if (cell < 1)
		cell = 1;
	col = 0;
	for (i = l->scroll; i < l->cur; i++)
		col += mp_wcwidth(l->buf[i]);
	while (l->scroll < l->cur && col + cell > cols)
		col -= mp_wcwidth(l->buf[l->scroll++]);

	/* Scroll back when the rest of the line would leave the right of
	 * the box empty (after deleting, or Home then End). */
	tail = 0;
	for (i = l->scroll; i < l->len; i++)
		tail += mp_wcwidth(l->buf[i]);
	while (l->scroll > 0) {
		int w = mp_wcwidth(l->buf[l->scroll - 1]);
		if (tail + w + 1 > cols)
			break;
		l->scroll--;
		tail += w;
		col += w;
	}
	return col;
}
