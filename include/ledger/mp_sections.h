/* mp_sections.h — the sections of the screen (概览, 组织, 活动 …), one table.
 *
 * A section is a numbered place the user goes to with one key: its title
 * and what it shows (the overview, a record type's list, the summary
 * report).  The screen's keys, its tab bar, its help and the command
 * line's usage are all made from this table, so a new section is one row
 * in src/sections.c.  Sections are numbered from 1 in the order of the
 * table; the first nine have a key of their own ('1' to '9'), and '0'
 * opens a menu of all of them, where any number can be typed.
 *
 * The table is the core's, so that the command line (which has no screen)
 * can list the sections too; the screen decides how each kind is drawn. */
#ifndef MP_SECTIONS_H
#define MP_SECTIONS_H

#include <stdio.h>

#include "mp_record.h"

/* What a section shows. */
typedef enum mp_section_shows {
	MP_SEC_OVERVIEW,   /* the station at a glance */
	MP_SEC_LIST,       /* the records of one type (.table) */
	MP_SEC_REPORT      /* the summary report */
} mp_section_shows;

typedef struct mp_section {
	const char *title_en;     /* gettext msgid, a short word: "Groups" (组织) */
	mp_section_shows shows;
	const char *table;        /* MP_SEC_LIST: the record type's name, as
	                           * mp_table_by_name knows it; NULL otherwise */
} mp_section;

/* How many sections there are. */
int mp_section_count(void);

/* Section i, counting from 0 (its number on the screen is i + 1), or NULL
 * when there is no such section. */
const mp_section *mp_section_get(int i);

/* The index of the section that key ch opens directly ('1' for the first,
 * up to '9'), or -1 when ch opens none ('0' opens the menu, see above). */
int mp_section_by_key(int ch);

/* The key that opens section i directly ('1'..'9'), or 0 when it has none
 * and is reached through the menu. */
int mp_section_key(int i);

/* The record type a MP_SEC_LIST section lists, or NULL (another kind, or a
 * name no record type has). */
const mp_table *mp_section_table(const mp_section *s);

/* Write the sections as "1 Overview  2 Groups  …", titles translated, to
 * out: lines at most width display columns, each but the first begun with
 * indent spaces (the caller has written the first line's indent). */
void mp_sections_print(FILE *out, int indent, int width);

/* Typing a section's number in the menu, one digit at a time.  typed is
 * the number typed so far (0: none), digit the one just typed (0..9),
 * count the number of sections.  Returns the number typed now, or 0 when
 * the digits can name no section (that digit is then dropped).  *go is set
 * to 1 when no further digit could name another section, so that the menu
 * need not wait for Enter: with nine sections or fewer every number goes
 * at once; with twelve, 1 waits (it may become 10, 11 or 12) and 2 goes. */
int mp_sections_type(int typed, int digit, int count, int *go);

/* The tab bar: which tabs fit in a line.
 *
 * width[0..n-1] are the display widths of the tabs, cur the current one,
 * cols the columns there are.  When not all fit, room is kept for a marker
 * after the tabs shown (more_w columns: "0 More", the key of the menu) and,
 * when tabs are hidden before them, for one before them (left_w columns).
 * The current tab is always shown; the first tabs are shown while the
 * current one is among them, otherwise the tabs just before the current
 * one.  The result is a pure function of its arguments, for the tests. */
typedef struct mp_tabs {
	int first, last;   /* the tabs shown, first..last inclusive */
	int left;          /* 1: tabs hidden before them (draw the left marker) */
	int more;          /* 1: some tab hidden (draw the "0 More" marker) */
} mp_tabs;

void mp_sections_tabs(const int *width, int n, int cur, int cols,
                      int left_w, int more_w, mp_tabs *out);

#endif
