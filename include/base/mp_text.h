/* mp_text.h — UTF-8 text measured in terminal display columns.
 *
 * Layout never uses strlen: Chinese characters are two columns wide, and
 * text is only ever cut between whole characters. */
#ifndef MP_TEXT_H
#define MP_TEXT_H

#include <stddef.h>
#include <wchar.h>

/* Display width of one wide character, from libunistring's Unicode tables
 * (not the locale): 0 for combining marks, 2 for CJK and emoji, 1
 * otherwise, East Asian ambiguous characters (· — “ ”) included; control
 * and invalid characters count 1 (drawn as '?'). */
int mp_wcwidth(wchar_t c);

/* Display columns of a NUL-terminated UTF-8 string.  Invalid bytes count
 * one column each. */
int mp_text_width(const char *s);

/* Length in bytes of the longest prefix of s that fits in cols columns
 * without cutting a character; *used (if not NULL) gets its width. */
size_t mp_text_fit(const char *s, int cols, int *used);

/* Write s into out (size outsz) cut to fit cols columns and padded with
 * spaces to exactly cols columns (a wide character that would straddle the
 * edge is replaced by a space).  Returns out. */
char *mp_text_pad(char *out, size_t outsz, const char *s, int cols);

/* Like mp_text_pad, but text that does not fit ends in "…" (one column)
 * so that a cut is never silent.  Returns out. */
char *mp_text_ellipsis(char *out, size_t outsz, const char *s, int cols);

/* The next line of s when it is wrapped to cols columns: its length in
 * bytes (the line is s[0 .. len-1]; *used gets its width) and, in *next,
 * where the line after it starts (past the spaces it broke at).  Lines
 * break between Chinese characters, at spaces between words, and at a
 * newline; a line never begins with closing punctuation (，。）” …) and
 * a word longer than cols is cut.  Returns 0 at the end of s. */
size_t mp_text_wrap(const char *s, int cols, int *used, const char **next);

/* How many lines s takes wrapped to cols columns (at least 1). */
int mp_text_wrap_count(const char *s, int cols);

/* Decode one UTF-8 character at s (n bytes available) into *wc; returns its
 * byte length (>= 1).  An invalid byte gives U+FFFD and length 1. */
int mp_utf8_decode(const char *s, size_t n, wchar_t *wc);

/* Nonzero when the n bytes at s are all well-formed UTF-8 (no overlong
 * forms, surrogates or code points past U+10FFFF). */
int mp_utf8_valid(const char *s, size_t n);

/* Encode wc as UTF-8 into buf (at least 4 bytes); returns byte length. */
int mp_utf8_encode(wchar_t wc, char *buf);

/* Remove leading and trailing ASCII white space and U+3000 (ideographic
 * space) in place; returns s. */
char *mp_trim(char *s);

/* strdup that never returns NULL (out of memory ends the program through
 * mp_oom, mp_err.h). */
char *mp_strdup(const char *s);

/* printf into a newly allocated string (never NULL: mp_oom). */
char *mp_asprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Bytes kept end to end in one growing buffer, each run found again by
 * its offset (the buffer moves as it grows): the names and tokens an
 * export or an import's fill holds for a while.  Zero it to start;
 * mp_arena_add ends in mp_oom when memory runs out (or len would not
 * fit in a size_t), as mp_strdup does. */
typedef struct {
	char *p;
	size_t used, size;
} mp_arena;

size_t mp_arena_add(mp_arena *a, const void *s, size_t len);
void mp_arena_free(mp_arena *a);

#endif
