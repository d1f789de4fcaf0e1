/* mp_list.h — a list view's window onto a query.
 *
 * Only the rows on screen are fetched: keyset paging on (sort column, id),
 * never OFFSET, never the whole table.  Search finds substrings of any
 * length, a single Chinese character included, in the fields marked
 * MP_F_SEARCH; filters match fields marked MP_F_FILTER exactly. */
#ifndef MP_LIST_H
#define MP_LIST_H

#include <stdint.h>
#include "mp_record.h"

typedef struct mp_listq mp_listq;

/* Where a row sits in the current order. */
typedef struct mp_key {
	char *sortval;   /* the sort column's value (NULL = "") */
	int64_t id;
} mp_key;

typedef struct mp_row {
	mp_key key;
	char **cells;    /* one per MP_F_LIST field, in table order */
	int ncells;
	int64_t version; /* the record's version when fetched (mp_record.h):
	                    a delete from the list checks it */
	int marked;      /* the row meets the mark's preset (mp_listq_set_mark) */
} mp_row;

mp_listq *mp_listq_new(mp_db *db, const mp_table *t);
void mp_listq_free(mp_listq *q);

/* Changing any of these invalidates rows fetched before. */
void mp_listq_set_sort(mp_listq *q, int sort);        /* index into t->sorts */
int mp_listq_sort(const mp_listq *q);
void mp_listq_set_search(mp_listq *q, const char *s); /* NULL or "" = none */
void mp_listq_set_filter(mp_listq *q, int field, const char *value); /* NULL clears */
const char *mp_listq_filter(const mp_listq *q, int field); /* NULL if none */
void mp_listq_clear_filters(mp_listq *q);
void mp_listq_set_bin(mp_listq *q, int bin);          /* 1: the recycle bin */
/* Show only the rows of t->presets[preset] (-1: none); today and soon are
 * YYYY-MM-DD, bound as ?1 and ?2 of its condition. */
void mp_listq_set_preset(mp_listq *q, int preset, const char *today,
                         const char *soon);
int mp_listq_preset(const mp_listq *q);
/* Mark the rows that meet t->presets[preset] (-1: none) in mp_row.marked,
 * whatever the list shows: the overdue follow-ups among all the visits.
 * today and soon are bound as for mp_listq_set_preset. */
void mp_listq_set_mark(mp_listq *q, int preset, const char *today,
                       const char *soon);
int mp_listq_bin(const mp_listq *q);

/* Fetch up to max rows into rows[], *n gets how many.
 *   from == NULL, dir > 0: the first rows;  from == NULL, dir < 0: the last
 *   rows;  from != NULL, dir > 0: rows after *from;  dir < 0: rows before
 *   *from.  Rows always come back in display order (top to bottom).
 * inclusive: include the row at *from itself (used to re-read a page). */
int mp_listq_fetch(mp_listq *q, const mp_key *from, int dir, int inclusive,
                   int max, mp_row *rows, int *n, mp_err *e);

/* The display width of the widest value of list cell `cell` (its place
 * among a row's cells) among all the rows this query has fetched, when its
 * field is an identifier (mp_ident.h: never cut in a list); 0 for another
 * field or before a row held one.  It only grows, whatever the sort,
 * search or filters: a list that widens a column to show a number whole
 * does not narrow it again a page later.  Measured on the rows fetched,
 * not on the whole table, so that opening a list of a million
 * volunteers reads the rows it shows and no more. */
int mp_listq_cell_width(const mp_listq *q, int cell);

/* Key of the row holding record id in the current order (to put the cursor
 * on a record just saved).  MP_ENOTFOUND if it is not in the current view. */
int mp_listq_key_of(mp_listq *q, int64_t id, mp_key *out, mp_err *e);

/* How many rows the view holds (its search, filters, preset, bin), at
 * most cap; *more (if not NULL) is set when there are more than cap.
 * Counted when first asked after the view or the ledger changed
 * (mp_db_generation), then kept: asking again on every key costs
 * nothing. */
int mp_listq_count(mp_listq *q, long long cap, long long *n, int *more,
                   mp_err *e);
/* 1 when mp_listq_count(q, cap, ...) would answer from the count kept,
 * without counting: a screen can leave the count (up to cap rows read)
 * for when no key waits. */
int mp_listq_count_kept(const mp_listq *q, long long cap);

/* How many rows of the view come before the row at *key in its order (at
 * most cap): where a list stands after jumping to a record.  A count:
 * call it once for a jump, not for every key. */
int mp_listq_rank(mp_listq *q, const mp_key *key, long long cap, long long *n,
                  mp_err *e);

/* dst must hold a key or be zeroed: its old sortval is freed. */
/* Append to out the distinct non-empty values of field among live records,
 * in order, at most max of them (for a filter's pick list when the settings
 * list no values, e.g. communities typed freely). */
int mp_list_values(mp_db *db, const mp_table *t, int field, int max,
                   mp_strlist *out, mp_err *e);

void mp_key_copy(mp_key *dst, const mp_key *src);
void mp_key_clear(mp_key *k);
void mp_rows_clear(mp_row *rows, int n);

#endif
