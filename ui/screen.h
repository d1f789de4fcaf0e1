/* screen.h — the terminal, the stack of screens, and drawing helpers.
 *
 * Each screen is a small set of callbacks (tig's view_ops, htop's
 * PanelClass): draw itself, handle a key.  The main loop in app.c owns the
 * terminal, redraws from the bottom of the stack on every key and on
 * resize, and hands keys to the top screen. */
#ifndef UI_SCREEN_H
#define UI_SCREEN_H

#include <wchar.h>

#include "keys.h"

struct mp_db;
struct mp_config;

struct ui_screen;

struct ui_screen_ops {
	/* Draw into the content area (rows top..top+height-1). */
	void (*draw)(struct ui_screen *s, int top, int height);
	/* Handle one key; return UI_HANDLED or UI_UNHANDLED. */
	int (*key)(struct ui_screen *s, wint_t ch, int is_key);
	/* Free s (called when popped). */
	void (*destroy)(struct ui_screen *s);
	/* Nonzero when s holds changes that are not saved. */
	int (*dirty)(struct ui_screen *s);
	/* Key context, for the key bar, help and lookup. */
	unsigned (*ctx)(struct ui_screen *s);
};

struct ui_screen {
	const struct ui_screen_ops *ops;
	int overlay;              /* drawn over the screen below it */
	int section;              /* a section screen's number (1 ..), 0 otherwise */
	struct ui_screen *below;  /* set by ui_push */
};

enum { UI_UNHANDLED = 0, UI_HANDLED = 1 };

/* The application state shared by screens. */
struct ui_app {
	struct mp_db *db;
	struct mp_config *cfg;
	struct ui_screen *top;        /* the screen stack */
	struct ui_screen **sections;  /* one per row of mp_sections.h's table */
	int nsections;
	int section;                  /* the current one's number, 1 .. nsections */
	int quit;
	char status[512];
	int status_error;
	int colour;
};

extern struct ui_app *ui;

void ui_push(struct ui_screen *s);
/* Pop and destroy the top screen. */
void ui_pop(void);
/* Go to section number n (1 ..), when the top screen is a section. */
void ui_show_section(int n);

/* The sections (sections.c): a screen for each row of the sections table,
 * made on start and destroyed on quit; the translated title of section
 * number n; the tab bar, drawn on line 0 (returns the columns it used);
 * the menu of all sections (key 0), pushed over the current section. */
void ui_sections_open(void);
void ui_sections_close(void);
const char *ui_section_title(int n);
int ui_draw_tabs(void);
void ui_section_menu(void);
/* Quit, asking first if any screen holds unsaved changes. */
void ui_request_quit(void);

/* The status line: an info or an error message (printf-style). */
void ui_status(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void ui_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void ui_status_clear(void);

/* The mouse (app.c).  While drawing, a screen marks the places that
 * answer a click of the first button: w columns from (y, x); a click
 * there calls fn(s, arg) with the screen that drew it.  Only the top
 * screen's places answer (a dialog covers what is under it), and the
 * tab bar's (owner NULL), which changes section from a section screen.
 * The wheel moves as the arrow keys do.  Every place is also reached by
 * keys: the mouse is never needed. */
void ui_click_area(int y, int x, int w,
                   void (*fn)(struct ui_screen *s, int arg), int arg);

/* Where the cursor should be after drawing (-1: hidden). */
void ui_cursor(int y, int x);

/* Colour pairs / attributes by role. */
enum ui_role {
	R_NORMAL, R_TAB, R_TAB_ACTIVE, R_TITLE, R_HEADER, R_SELECTED,
	R_STATUS, R_ERROR, R_KEYBAR, R_DIALOG, R_FIELD, R_FIELD_ACTIVE,
	R_DIM,
	R_MARKED   /* a row that needs attention (an overdue follow-up): never
	            * reverse video, which is the cursor row's alone */
};
int ui_attr(enum ui_role r);

/* Draw UTF-8 text at (y, x) cut and padded to exactly cols columns. */
void ui_put(int y, int x, const char *s, int cols, enum ui_role r);
/* As ui_put, but text that does not fit ends in "…". */
void ui_put_cut(int y, int x, const char *s, int cols, enum ui_role r);
/* Draw text cut to at most cols columns (no padding); returns columns. */
int ui_puts(int y, int x, const char *s, int cols, enum ui_role r);
/* Blank the double-width character whose right half is at (y, x), if
 * any, before drawing from x over it (ui_box does so for its edges). */
void ui_unsplit(int y, int x);
/* A framed box with a title, filled with blanks. */
void ui_box(int y, int x, int h, int w, const char *title);

#endif
