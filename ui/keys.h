/* keys.h — every action once, with its keys, its label and its help.
 *
 * Key handling, the bottom key bar and the help screen all come from the
 * one table in keys.c (as calcurse's keys.c does), so they cannot drift. */
#ifndef UI_KEYS_H
#define UI_KEYS_H

#include <wchar.h>

/* Where a key means something.  A screen has one context; CTX_GLOBAL keys
 * work on every screen that does not take text. */
enum ui_ctx {
	CTX_GLOBAL = 1 << 0,
	CTX_LIST   = 1 << 1,  /* a record list */
	CTX_BIN    = 1 << 2,  /* a list showing the recycle bin */
	CTX_FORM   = 1 << 3,  /* a record form (letters are text) */
	CTX_PICK   = 1 << 4,  /* a pick list */
	CTX_HELP   = 1 << 5,  /* the help screen */
	CTX_SEARCH = 1 << 6,  /* typing a search */
	CTX_EMPTY  = 1 << 7,  /* a section not built yet */
	CTX_CHILD  = 1 << 8,  /* the records that belong to one record */
	CTX_PICKREC = 1 << 9, /* choosing a record (a group, a volunteer) */
	CTX_BATCH  = 1 << 10, /* entering service hours for many volunteers */
	CTX_OVERVIEW = 1 << 11, /* the overview: figures and what is due */
	CTX_REPORT = 1 << 12,  /* the summary report */
	CTX_IMPORT = 1 << 13,  /* the result of an import (or its dry run) */
	CTX_SECMENU = 1 << 14, /* the menu of all sections (with CTX_PICK) */
	CTX_FORMPICK = 1 << 15, /* a form's field that picks (with CTX_FORM) */
	CTX_PROMPT = 1 << 16,  /* a line asked for in a dialog (text) */
	CTX_PATH   = 1 << 17,  /* a file name asked for (with CTX_PROMPT) */
	CTX_HOURS  = 1 << 18,  /* typing one volunteer's hours in batch entry */
	CTX_STATES = 1 << 19,  /* a record with states (mp_workflow.h), beside
	                          CTX_LIST, CTX_CHILD or CTX_FORM */
	CTX_FORMREF = 1 << 20, /* a form's field that picks a record (with
	                          CTX_FORMPICK): a new one can be made there */
	CTX_RANKING = 1 << 21  /* a funding round's ranking (ranking.c) */
};

/* A list whose records have related lists (F5 on a row).  Apart from the
 * list above so that branches adding contexts there merge; bit 21 is
 * CTX_RANKING (branch review). */
enum { CTX_ROWREL = 1 << 22 };

enum ui_action {
	A_NONE = 0,
	A_HELP, A_QUIT, A_BACK,
	A_UP_LEVEL,      /* 'q' in a section: to the overview */
	A_SECTION,       /* '1'..'9': the section of that key (mp_sections.h) */
	A_SECTION_MENU,  /* '0': the menu of all sections */
	A_UP, A_DOWN, A_PGUP, A_PGDN, A_HOME, A_END,
	A_OPEN, A_ADD, A_DELETE, A_SEARCH, A_FILTER, A_SORT, A_BIN,
	A_RESTORE, A_PURGE,
	A_NEXT_FIELD, A_PREV_FIELD, A_PICK, A_SAVE, A_CANCEL,
	A_SEARCH_DONE, A_SEARCH_CLEAR,
	A_CHOOSE, A_RELATED, A_TOGGLE, A_EDIT, A_IMPORT,
	A_PERIOD, A_THIS_YEAR, A_COMMUNITY, A_ROUND, A_EXPORT,
	A_COMPLETE,      /* Tab in a file name: complete it */
	A_NEXT_STATE,    /* move the record on to its next state */
	A_NEW_REF,       /* a new record for the field that picks one */
	A_CHECK,         /* check the whole ledger (checkdlg.c) */
	/* editing a line of text (forms and the search line) */
	A_ED_LEFT, A_ED_RIGHT, A_ED_HOME, A_ED_END, A_ED_BACKSPACE,
	A_ED_DELETE, A_ED_KILL, A_ED_CLEAR
};

/* The action bound to key (ch, is_key as wget_wch returns them) in
 * context ctx, or A_NONE.  CTX_GLOBAL entries apply unless ctx is a
 * text-taking context (form, search) where only non-text keys do. */
enum ui_action keys_lookup(unsigned ctx, wint_t ch, int is_key);

/* Write the key bar for ctx into buf: "F1 帮助  a 新增 ..." cut to cols
 * display columns. */
void keys_bar(unsigned ctx, char *buf, size_t size, int cols);

/* The items of that bar, one call each: its text ("  a Add", no leading
 * spaces when first), its column and width, and the first of its keys
 * (for a click on it). */
void keys_bar_items(unsigned ctx, int cols,
                    void (*fn)(void *arg, const char *item, int x, int w,
                               wint_t ch, int is_key),
                    void *arg);

/* Help lines for ctx: call fn once per action, with its keys as shown
 * ("j ↓") and its translated help text; the section keys give one line
 * per section of the sections table. */
void keys_help(unsigned ctx,
               void (*fn)(void *arg, const char *keys, const char *help),
               void *arg);

/* Human names of the keys bound to action a in ctx ("F2 Ctrl-S"). */
const char *keys_names(unsigned ctx, enum ui_action a);

#endif
