/* widgets.h — dialogs drawn over the current screen: a yes/no question,
 * a pick list, and the help screen.  Each is a screen pushed on the stack;
 * its answer comes back through a callback after it has been popped. */
#ifndef UI_WIDGETS_H
#define UI_WIDGETS_H

#include <wchar.h>

/* Ask a yes/no question.  done(arg, 1) for yes, done(arg, 0) for no. */
void ui_confirm(const char *question, int default_yes,
                void (*done)(void *arg, int yes), void *arg);

/* The keys of a yes/no question (y, n/Esc/q, Enter takes the highlighted
 * button, arrows and Tab move between them): 1 or 0 when answered, -1
 * when the highlight moved, -2 for a key that is not the question's. */
int ui_yesno_key(int *yes, wint_t ch, int is_key);

/* Offer items[0..n-1] (copied), with current highlighted (-1: none).
 * done(arg, index) on Enter, done(arg, -1) on Esc. */
void ui_pick(const char *title, const char *const *items, int n, int current,
             void (*done)(void *arg, int index), void *arg);
/* The same, narrowed to the items holding typed (NULL: all); typing in the
 * list narrows it further, Backspace widens it. */
void ui_pick_typed(const char *title, const char *const *items, int n, int current,
                   const char *typed, void (*done)(void *arg, int index), void *arg);

/* Ask for one line of text: done(arg, text) on Enter, done(arg, NULL) on
 * Esc.  hint is shown under the line (may be NULL). */
void ui_prompt(const char *title, const char *initial, const char *hint,
               void (*done)(void *arg, const char *text), void *arg);

/* ui_prompt that hands what was typed to cancelled(arg, text) on Esc
 * (kept for the next time it is asked). */
void ui_prompt_esc(const char *title, const char *initial, const char *hint,
                   void (*done)(void *arg, const char *text),
                   void (*cancelled)(void *arg, const char *text), void *arg);

/* ui_prompt for a file name: Tab completes the name typed from what its
 * folder holds ("~" is the home folder), and lists the names that fit
 * when several do. */
void ui_prompt_path(const char *title, const char *initial, const char *hint,
                    void (*done)(void *arg, const char *text), void *arg);

/* The help screen for the keys of context ctx. */
void ui_help(unsigned ctx, const char *title);

#endif
