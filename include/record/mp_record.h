/* mp_record.h — record types described by tables.
 *
 * One mp_table per record type gives its columns, labels, field kinds,
 * choice lists and checks.  Generic code stores, checks, lists, edits and
 * exports every type from its table; a new record type is a table. */
#ifndef MP_RECORD_H
#define MP_RECORD_H

#include <stddef.h>
#include <stdint.h>
#include "mp_err.h"
#include "mp_db.h"
#include "mp_config.h"

enum mp_kind {
	MP_K_TEXT,      /* one line of text */
	MP_K_LONGTEXT,  /* free text (notes); still edited on one line */
	MP_K_DATE,      /* YYYY-MM-DD; typed forms are normalised */
	MP_K_COUNT,     /* whole number >= 0 */
	MP_K_CHOICE,    /* one of a choice list (mp_field.choice) */
	MP_K_USCC,      /* 统一社会信用代码; upper-cased, check character verified */
	MP_K_PHONE,     /* phone number */
	MP_K_TIME,      /* HH:MM (24-hour); 9:5 and 0905 are normalised */
	MP_K_HOURS,     /* hours: a number above 0 and at most 24, two decimals at
	                   most ("2", "1.5"); normalised without trailing zeros */
	MP_K_REF,       /* the id (decimal) of a live record of mp_field.ref;
	                   lists and forms show that record's first field
	                   (its first that is not a reference, for a record
	                   that belongs to another: a round's criterion) */
	MP_K_IDNO,      /* 证件号码: upper-cased; the table's check verifies it
	                   against its 证件类型 */
	MP_K_MONEY,     /* 元 with at most two decimals ("1,234.5", "￥1234",
	                   "1.5万"); kept as "1234.50", stored as whole fen in
	                   an INTEGER column, shown "1,234.50"; not below 0
	                   unless MP_F_SIGNED */
	MP_K_SCORE,     /* a score 0-100 with at most one decimal ("92.5");
	                   stored as tenths in an INTEGER column */
	MP_K_PERCENT,   /* a percentage 0-100 with at most two decimals; kept
	                   "12.5", stored as hundredths in an INTEGER column,
	                   shown and exported "12.5%" */
	MP_K__COUNT     /* not a kind: how many there are (mp_kinds.h) */
};

/* What each kind does (check, store, show, export) is its row of
 * mp_kinds[], in mp_kinds.h. */

enum mp_field_flags {
	MP_F_REQUIRED = 1 << 0,  /* may not be empty */
	MP_F_LIST     = 1 << 1,  /* shown as a column in the list */
	MP_F_SEARCH   = 1 << 2,  /* searched by search-as-you-type */
	MP_F_FILTER   = 1 << 3,  /* the list can be filtered on it */
	MP_F_NOFUTURE = 1 << 4,  /* a date that may not be after today */
	MP_F_MASK     = 1 << 5,  /* lists and exports show it masked: the first
	                            6 and last 4 characters, '*' between */
	MP_F_AUTO     = 1 << 6,  /* set by the core (记录人, 记录时间, 补录);
	                            the form shows it and does not edit it */
	MP_F_SIGNED   = 1 << 7,  /* money that may be below 0 (a refund, a
	                            balance) */
	MP_F_TODAY    = 1 << 8   /* a date that a new record starts with as
	                            today (a payment's, a visit's) */
};

typedef struct mp_field {
	const char *col;       /* SQL column name */
	const char *label_zh;  /* the data dictionary's label: CSV header */
	const char *label_en;  /* gettext msgid: UI label; accepted header */
	enum mp_kind kind;
	int choice;            /* enum mp_choice_id for MP_K_CHOICE */
	unsigned flags;        /* enum mp_field_flags */
	int maxlen;            /* characters the form accepts (0 = 200) */
	int list_width;        /* columns in the list view (when MP_F_LIST) */
	const char *hint;      /* gettext msgid: shown when the field is focused */
	const struct mp_table *ref;  /* the table an MP_K_REF field points into */
	const char *initial;   /* what a new record starts with (NULL: empty;
	                          stored form, e.g. "否", "60"), before the
	                          table's defaults hook */
} mp_field;

/* A way to order the list: by one column (then by id), ascending or not. */
typedef struct mp_sort {
	const char *label_en;  /* gettext msgid, e.g. "by name" */
	const char *col;       /* column; "id" for date added */
	int desc;
} mp_sort;

struct mp_record;
struct mp_report;

/* A list of records that belong to one record (a volunteer's service
 * records, a group's activities): the records of t whose field
 * parent_field holds the parent's id. */
typedef struct mp_child {
	const char *title_en;          /* gettext msgid: "Service records" */
	const struct mp_table *t;
	int parent_field;
} mp_child;

enum mp_table_flags {
	MP_T_CHANGELOG = 1 << 0,  /* every correction keeps the old values in
	                             the change log (mp_changelog.h) */
	MP_T_DECLARED  = 1 << 1   /* no schema step makes its table: it is made
	                             from this declaration when a ledger is
	                             opened (mp_schema_create_table) */
};

enum mp_index_flags {
	MP_I_UNIQUE = 1 << 0,     /* no two rows (of those it holds) alike */
	MP_I_LIVE   = 1 << 1      /* only live rows: WHERE deleted_at IS NULL */
};

/* An index of a record type's table beyond those every table gets (see
 * mp_schema_create_table): "CREATE [UNIQUE] INDEX name ON table(cols)
 * [WHERE deleted_at IS NULL [AND where]]".  Existing tables declare the
 * unique indexes their schema steps made, with the same text. */
typedef struct mp_index {
	const char *name;      /* "volunteers_live_id_no" */
	const char *cols;      /* "id_no", "ifnull(community, ''), name" */
	unsigned flags;        /* enum mp_index_flags */
	const char *where;     /* a further condition, or NULL: "id_no IS NOT NULL" */
} mp_index;

/* A named view of a list beyond exact filters ("overdue follow-ups"): a
 * constant SQL condition on the table's columns in which ?1 stands for
 * today and ?2 for today plus the settings' due_soon_days (YYYY-MM-DD). */
typedef struct mp_preset {
	const char *label_en;  /* gettext msgid: "Overdue follow-ups" */
	const char *where;     /* "done_date IS NULL AND due < ?1" */
} mp_preset;

typedef struct mp_table {
	const char *name;      /* SQL table and command-line name: "groups" */
	const char *title_en;  /* gettext msgid: "Groups" */
	const char *unit_en;   /* gettext msgid for one record: "group" */
	const mp_field *fields;
	int nfields;
	const mp_sort *sorts;
	int nsorts;
	/* Checks across fields and against other records, after the per-field
	 * checks passed; NULL if none.  Returns MP_OK or fills e (with field). */
	int (*check)(mp_db *db, const mp_config *cfg, const struct mp_record *r,
	             mp_err *e);
	/* Values a new record starts with (e.g. township from the settings);
	 * NULL if none. */
	void (*defaults)(const mp_config *cfg, struct mp_record *r);
	unsigned tflags;       /* enum mp_table_flags */
	/* Called by mp_record_save inside its transaction before the checks,
	 * to set MP_F_AUTO fields (recorder, time of recording, late note);
	 * NULL if none. */
	int (*prepare)(mp_db *db, const mp_config *cfg, struct mp_record *r,
	               mp_err *e);
	/* Things worth a second look that do not stop a save (a likely
	 * duplicate): returns 1 and fills buf (translated, one line) and
	 * *other_id (the record to look at, or 0), else 0.  NULL if none. */
	int (*warn)(mp_db *db, const mp_config *cfg, const struct mp_record *r,
	            char *buf, size_t size, int64_t *other_id);
	/* One line of figures shown on the record's screen ("服务总时长
	 * 12.5 小时，今年 8 小时"), or several separated by '\n' (an
	 * observation point's chart, a line per dimension); NULL if none. */
	void (*summary)(mp_db *db, const struct mp_record *r, char *buf,
	                size_t size);
	const mp_child *children;
	int nchildren;
	const mp_preset *presets;
	int npresets;
	/* Lookups that name the record a new or changed one would clash with
	 * on one of the table's unique indexes (MP_EDUP, with that record in
	 * the message); NULL if none.  A save runs them after check; an
	 * import, which adds thousands of records, only once an INSERT has
	 * been refused by the index: two searches a row fewer. */
	int (*clash)(mp_db *db, const mp_config *cfg, const struct mp_record *r,
	             mp_err *e);
	/* The type's lines of the summary report (mp_figures.h): headline
	 * rows of the "Summary" table and tables of its own, for the report's
	 * period and community; NULL if none.  Called in the registry's
	 * order.  Returns MP_OK or fills e. */
	int (*report)(mp_db *db, const mp_config *cfg, struct mp_report *r,
	              mp_err *e);

	/* import and export (registry.c, import*.c) */

	/* How a file names a record of this type where another record refers
	 * to it, tried in order (mp_findby).  A "<label>UUID" column, which
	 * export writes, finds a record of any type before these; with none,
	 * a record is found by its UUID only. */
	const struct mp_findby *findby;
	int nfindby;
	/* gettext msgid: what to tell a file whose reference cell finds
	 * nothing, e.g. that a name is not enough; NULL if nothing more. */
	const char *find_hint_en;
	/* The duplicate rule of an import for a type whose save has none
	 * (no clash or check refusing with MP_EDUP): a row whose fields
	 * dupkey[] equal those of a live record is skipped; the message
	 * names the first of them.  NULL if none. */
	const int *dupkey;
	int ndupkey;
	/* What a large import may set aside while it adds rows and make good
	 * once after them (importbulk.c): indexes no check of the import
	 * reads, NULL-ended; triggers that count or sum rows, NULL-ended,
	 * with the statements (';' between) that add the rows after ?1 (the
	 * last id before) to what they keep.  NULL if none. */
	const char *const *bulk_late_indexes;
	const char *const *bulk_count_triggers;
	const char *bulk_recount;
	/* The order an import writes its checked rows in (importstage.c):
	 * the fields of the index its duplicate look-ups and writes go
	 * through, so that each page of that index is read and written once,
	 * not once a row.  NULL: in the file's order. */
	const int *bulk_order;
	int nbulk_order;
	/* With bulk_order: whether a row, given the rows before it in that
	 * order (written, or checked one by one), passes for certain every
	 * check of its save against other records (check, the duplicate
	 * rule dupkey): then the import writes it without them
	 * (mp_record_save_plain), else as ever.  *plain gets 1 or 0; *state
	 * is the table's own (NULL at first), freed by a last call with r
	 * NULL.  MP_OK or a database status (in e).  NULL: every row is
	 * checked one by one. */
	int (*bulk_plain)(mp_db *db, const struct mp_record *r, int *plain,
	                  void **state, mp_err *e);
	/* Other types whose files the import screen offers from this type's
	 * list (activities: their service records).  NULL if none. */
	const struct mp_table *const *import_also;
	int nimport_also;
	/* What a form of this type offers beyond its related lists (enum
	 * mp_table_actions); the screen knows how. */
	unsigned actions;

	/* schema (schema.c) */
	const mp_index *indexes;   /* its declared indexes (see mp_index) */
	int nindexes;
	/* Its number in the search index (search_tokens.s_tbl, mp_search.h),
	 * never reused; 0 = searched without the index.  A type made from its
	 * declaration (MP_T_DECLARED) leaves it 0 and gets a number made from
	 * its name. */
	int search_code;

	/* What a person calls one record in a message, without its kind
	 * ("郭晓明 2026-12-01 3.5 小时" for a service record), into buf;
	 * NULL: its first field as shown.  mp_record_describe adds the kind. */
	void (*describe)(mp_db *db, const struct mp_record *r, char *buf,
	                 size_t size);

	/* The states its records go through and the history of their
	 * changes (mp_workflow.h); NULL if none. */
	const struct mp_workflow *workflow;

	/* For a type entered as a record's related list, one after another
	 * (an observation's score on each of its point's dimensions): given
	 * a new record r whose field parent_field holds parent_id, preset
	 * what the next one to enter is and return 1; 0 when none is left.
	 * The related list's "add" opens it, and after each save the next,
	 * until none is left or a form is left unsaved.  NULL: one new record
	 * at a time. */
	int (*next)(mp_db *db, const mp_config *cfg, int parent_field,
	            int64_t parent_id, struct mp_record *r);
	/* Called by a save inside its transaction once the record is
	 * written (id: its row; isnew: it was added), to write what follows
	 * from it in the same transaction (a group imported with an older
	 * file's 孵化基地 gets its stay); a failure undoes the save.  NULL if
	 * none. */
	int (*saved)(mp_db *db, const mp_config *cfg, const struct mp_record *r,
	             int64_t id, int isnew, mp_err *e);
} mp_table;

/* One way to find a record of a type by what a file holds. */
typedef struct mp_findby {
	int field;                   /* this type's field compared */
	/* Headers of a column of the referring file that holds the value
	 * ("证件号码", "身份证号"), NULL-ended; NULL: none. */
	const char *const *columns;
	unsigned flags;              /* enum mp_findby_flags */
} mp_findby;

enum mp_findby_flags {
	/* The reference cell itself may hold the value (a name, a number). */
	MP_FIND_CELL   = 1 << 0,
	/* Only chooses among several records found by another way: a date
	 * from its column, or without one the referring row's own value of
	 * the same kind when exactly one record has it. */
	MP_FIND_NARROW = 1 << 1
};

enum mp_table_actions {
	MP_ACT_BATCH_HOURS = 1 << 0,  /* record hours for many volunteers */
	MP_ACT_CERTIFICATE = 1 << 1,  /* issue a certificate of service */
	MP_ACT_RANKING     = 1 << 2   /* a funding round's ranking (issue 16) */
};

typedef struct mp_record {
	const mp_table *t;
	int64_t id;            /* 0 for a record not saved yet */
	char uuid[37];
	char created[20];
	char updated[20];
	char deleted[20];      /* "" unless in the recycle bin */
	/* What the ledger's row was when loaded: every save, delete and
	 * restore counts it up (0: a record not loaded, never checked). */
	int64_t version;
	char updated_by[64];   /* who wrote it last ("" = unknown) */
	char **v;              /* t->nfields strings, never NULL ("" = empty) */
} mp_record;

/* A new empty record of type t (with t->defaults applied if cfg given). */
mp_record *mp_record_new(const mp_table *t, const mp_config *cfg);
mp_record *mp_record_dup(const mp_record *r);
void mp_record_free(mp_record *r);

/* Replace field i's value with a copy of val (NULL = ""). */
void mp_record_set(mp_record *r, int i, const char *val);

/* Index of the field whose column, Chinese label or English label is name
 * (surrounding spaces ignored); -1 if none. */
int mp_table_field(const mp_table *t, const char *name);

/* Nonzero when a and b hold the same values. */
int mp_record_equal(const mp_record *a, const mp_record *b);

/* Check one field on its own (required, its length, then its kind's
 * normalise and check: date exists, count, choice, USCC, phone, money
 * ...), normalising r's value in place (trimmed; dates to YYYY-MM-DD;
 * USCC upper case; money to "1234.50").  Returns MP_OK or MP_EINVAL with
 * e naming the field and the reason.  In kinds.c. */
int mp_field_check(const mp_config *cfg, mp_record *r, int i, mp_err *e);

/* Every field, then the table's check.  Stops at the first problem. */
int mp_record_check(mp_db *db, const mp_config *cfg, mp_record *r, mp_err *e);

/* Check, then insert (id 0: r's uuid, created and updated when set, as an
 * import keeps them, else a new uuid and now) or update (updated now) in one transaction with bound parameters.  On failure the
 * record keeps every value as typed and nothing is written. */
int mp_record_save(mp_db *db, const mp_config *cfg, mp_record *r, mp_err *e);

/* mp_record_save that never silently overwrites: when r was loaded
 * (r->version set) and another window saved, deleted or restored the
 * record since, nothing is written, r keeps what was typed, and the result
 * is MP_ECONFLICT with e saying who and when, and *theirs (when theirs is
 * given; free it) the record as the ledger holds it now, its version,
 * updated and updated_by set.  To save over it after the user chose, save
 * a record with theirs's version.  On success r->version is the new one.
 * mp_record_save does the same check (without handing theirs out). */
int mp_record_save_checked(mp_db *db, const mp_config *cfg, mp_record *r,
                           mp_record **theirs, mp_err *e);

/* Load record id (also from the recycle bin). */
int mp_record_load(mp_db *db, const mp_table *t, int64_t id, mp_record **out,
                   mp_err *e);

/* Find by uuid; MP_ENOTFOUND if none. */
int mp_record_find_uuid(mp_db *db, const mp_table *t, const char *uuid,
                        mp_record **out, mp_err *e);

/* Move to the recycle bin / bring back / destroy for good (only records
 * already in the bin can be purged).  Restore fails with MP_EDUP when the
 * record would clash with a live one. */
int mp_record_delete(mp_db *db, const mp_table *t, int64_t id, mp_err *e);
int mp_record_restore(mp_db *db, const mp_config *cfg, const mp_table *t,
                      int64_t id, mp_err *e);
int mp_record_purge(mp_db *db, const mp_table *t, int64_t id, mp_err *e);

/* The same for the record the caller showed at version (its list row's or
 * form's; 0: not checked): when it is another version now (changed,
 * deleted or restored in another window), nothing is done and the result
 * is MP_ECONFLICT with *theirs (when given; free it) the record as it is
 * now.  cfg names who writes (NULL: the ledger's operator). */
int mp_record_delete_seen(mp_db *db, const mp_config *cfg, const mp_table *t,
                          int64_t id, int64_t version, mp_record **theirs,
                          mp_err *e);
int mp_record_restore_seen(mp_db *db, const mp_config *cfg, const mp_table *t,
                           int64_t id, int64_t version, mp_record **theirs,
                           mp_err *e);
int mp_record_purge_seen(mp_db *db, const mp_config *cfg, const mp_table *t,
                         int64_t id, int64_t version, mp_record **theirs,
                         mp_err *e);

/* Writes made from base (a batch of service records from an activity):
 * one transaction that first checks that base (loaded, live) is still the
 * version the ledger holds, then runs write(arg, e).  When base changed,
 * went to the recycle bin or is gone, nothing is written: MP_ECONFLICT
 * with *theirs (when given; free it), or MP_ENOTFOUND.  Else write's
 * result; its writes are undone when it fails. */
int mp_record_write_from(mp_db *db, const mp_record *base,
                         int (*write)(void *arg, mp_err *e), void *arg,
                         mp_record **theirs, mp_err *e);

/* The label to show for field i in the current language. */
const char *mp_field_label(const mp_field *f);

/* What to show for field i of r: for MP_K_REF the referenced record's first
 * field (looked up in db), for MP_F_MASK fields the masked value when mask,
 * else the value as its kind shows it ("1,234.50", "12.5%").  Writes into
 * buf and returns buf. */
const char *mp_field_display(mp_db *db, const mp_record *r, int i, int mask,
                             char *buf, size_t size);

/* "110105********002X": the first 6 and last 4 characters of s with one
 * '*' for each character between (counted in characters, not bytes);
 * strings of 10 characters or fewer are masked whole except the last 2. */
char *mp_mask(const char *s, char *buf, size_t size);

/* What a person calls r, through its table's describe (or its first field
 * as shown): "郭晓明 2026-12-01 3.5 小时".  Writes into buf and returns
 * buf.  In describe.c. */
const char *mp_record_name(mp_db *db, const mp_record *r, char *buf,
                           size_t size);

/* r named with its kind, for messages that ask about or report on one
 * record: "服务记录“郭晓明 2026-12-01 3.5 小时”", "volunteer “何俊”".
 * Writes into buf and returns buf. */
const char *mp_record_describe(mp_db *db, const mp_record *r, char *buf,
                               size_t size);

/* mp_record_describe of record id of t (also from the recycle bin). */
int mp_record_describe_id(mp_db *db, const mp_table *t, int64_t id,
                          char *buf, size_t size, mp_err *e);

/* For a table's describe: the shown values of the fields given (n of
 * them, -1 ends early), empty ones left out, joined by spaces. */
void mp_describe_fields(mp_db *db, const mp_record *r, char *buf,
                        size_t size, int n, const int *fields);

/* Run t->warn for r; see mp_table.warn. */
int mp_record_warn(mp_db *db, const mp_config *cfg, const mp_record *r,
                   char *buf, size_t size, int64_t *other_id);

#endif
