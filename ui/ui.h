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

/* The records that belong to one record (a volunteer's service records),
 * pushed over the current screen; Esc goes back. */
struct mp_child;
void listview_open_child(const struct mp_child *c, long long parent_id,
                         const char *parent_name);

/* Choose a record of t: a list with search-as-you-type (started with
 * search).  done(arg, id, name) after the choice, done(arg, 0, NULL) when
 * the user goes back without one. */
void listview_pick(const struct mp_table *t, const char *search,
                   void (*done)(void *arg, long long id, const char *name),
                   void *arg);

/* Open a record in a form (form.c).  id 0: a new record.  on_saved(arg, id)
 * is called after a successful save, when the form has closed. */
void form_open(const struct mp_table *t, long long id,
               void (*on_saved)(void *arg, long long id), void *arg);

/* A new record with field preset_field set to preset (e.g. the volunteer
 * of a service record added from the volunteer's list). */
void form_open_new(const struct mp_table *t, int preset_field,
                   const char *preset,
                   void (*on_saved)(void *arg, long long id), void *arg);

struct mp_record;

/* A form on r, a new record (taken over and freed) whose fields are
 * preset (the record a step requires, mp_wf_unmet's offer). */
void form_open_record(struct mp_record *r,
                      void (*on_saved)(void *arg, long long id), void *arg);

/* When s is a form with unsaved typing: what it holds, as a new record
 * for a draft (mp_draft.h); otherwise NULL. */
struct mp_record *form_draft_record(struct ui_screen *s);

/* Open a form on a kept draft (taken over and freed): the record it was
 * typed for, or a new one, with what was typed; nothing is saved until
 * the user saves. */
void form_open_draft(struct mp_record *draft);

/* Catch the signals that would end the program (SIGHUP, SIGTERM, SIGINT,
 * SIGQUIT, SIGPIPE, SIGUSR1, SIGALRM, ...): the screen then ends as if
 * told to, keeping unsaved forms as a draft, and the ledger is given back
 * (its in-use mark cleared).  Called by main before the ledger is
 * opened; ui_run calls it too. */
void ui_catch_signals(void);

/* The overview, section 1 (overview.c). */
struct ui_screen *overview_new(void);

/* The summary report, section 7 (report.c). */
struct ui_screen *report_new(void);

/* Move record id of t (a type with a workflow) on to its next state:
 * pick the step, then its date, reason and amount are asked
 * (statedlg.c); done(arg) after it moved. */
void state_dialog(const struct mp_table *t, long long id,
                  void (*done)(void *arg), void *arg);

/* A form's save that changes the state of a workflow keeping the step's
 * date and reason in its history (mp_wf_asks_on_save): ask them, then
 * done(arg, in) with what mp_wf_save takes (free it with
 * state_input_free), or done(arg, NULL) on Esc (statedlg.c).  What was
 * typed is offered again by the next ask for the same record and state,
 * until state_forget_typed (after the save). */
struct mp_record;
struct mp_wf_input;
void state_ask_on_save(const struct mp_record *stored, const struct mp_record *typed,
                       void (*done)(void *arg, struct mp_wf_input *in), void *arg);
void state_input_free(struct mp_wf_input *in);
void state_forget_typed(void);

/* Enter service hours for many volunteers of one activity (batch.c). */
void batch_open(long long activity_id);

/* Ask for a period and issue a certificate of service (certdlg.c). */
void certificate_dialog(long long volunteer_id, const char *name);

/* A funding round's ranking, pushed over the current screen (ranking.c). */
void ranking_open(long long round_id);

/* Import a CSV file into t (importdlg.c): ask for the file, show the dry
 * run, import on confirmation.  done(arg) after rows were written.  From
 * the activities list it first asks: activities or service records. */
void import_dialog(const struct mp_table *t, void (*done)(void *arg), void *arg);
void import_from_list(const struct mp_table *t, void (*done)(void *arg),
                      void *arg);

#endif
