/* mp_lineedit.h — a one-line text editor over wide characters, without any
 * screen: the form draws it, the core decides what each key does, so that
 * Backspace removing one whole Chinese character is a unit test. */
#ifndef MP_LINEEDIT_H
#define MP_LINEEDIT_H

#include <stddef.h>
#include <wchar.h>

typedef struct mp_line {
	wchar_t *buf;    /* not NUL-terminated beyond len; buf[len] == 0 kept */
	size_t len;      /* characters */
	size_t cap;
	size_t cur;      /* cursor, 0..len, in characters */
	size_t scroll;   /* first character shown */
	size_t maxlen;   /* 0 = unlimited */
	int replace;     /* the next character typed replaces the whole text
	                    (a field entered by Tab, as a spreadsheet cell);
	                    any other key first keeps it for editing */
} mp_line;

void mp_line_init(mp_line *l, size_t maxlen);
void mp_line_free(mp_line *l);
/* Replace the content with UTF-8 text; cursor at the end. */
void mp_line_set(mp_line *l, const char *utf8);
/* The content as newly allocated UTF-8. */
char *mp_line_get(const mp_line *l);
/* Enter the line as a spreadsheet cell is entered: cursor at the end,
 * and the next character typed replaces the whole text, while a move
 * (arrows, Home, End) or an edit (Backspace, Delete …) keeps the text
 * and edits it as usual. */
void mp_line_select_all(mp_line *l);
/* Insert one character at the cursor (replacing the whole text first
 * when l->replace); returns 0, or -1 when full or not a character that
 * can be typed (then nothing changes). */
int mp_line_insert(mp_line *l, wchar_t c);
void mp_line_backspace(mp_line *l);  /* remove the character before the cursor */
void mp_line_delete(mp_line *l);     /* remove the character at the cursor */
void mp_line_left(mp_line *l);
void mp_line_right(mp_line *l);
void mp_line_home(mp_line *l);
void mp_line_end(mp_line *l);
void mp_line_kill_to_end(mp_line *l); /* Ctrl-K */
void mp_line_clear(mp_line *l);       /* Ctrl-U */
/* Adjust l->scroll so that the cursor is visible in a box cols wide, and
 * return the display column of the cursor inside that box. */
int mp_line_view(mp_line *l, int cols);

#endif
