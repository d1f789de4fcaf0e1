/* ui.h — the full-screen front end. */
#ifndef UI_UI_H
#define UI_UI_H

struct mp_db;
struct mp_config;

/* Run the screen on an open ledger until the user quits.  Returns the exit
 * status for main(). */
int ui_run(struct mp_db *db, struct mp_config *cfg);

/* The record list of a table, as a section screen (listview.c). */
struct ui_screen;
struct mp_table;
struct ui_screen *listview_new(const struct mp_table *t, int section);

/* Open a record in a form (form.c).  id 0: a new record.  on_saved(arg, id)
 * is called after a successful save, when the form has closed. */
void form_open(const struct mp_table *t, long long id,
               void (*on_saved)(void *arg, long long id), void *arg);

#endif
