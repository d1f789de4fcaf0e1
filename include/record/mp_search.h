/* mp_search.h — the character index behind search as you type (search.c).
 *
 * For the tables whose searched fields are their own columns (volunteers,
 * groups, trainings) the ledger keeps every non-ASCII character and every
 * pair of neighbouring ones of their searched text fields in
 * search_tokens, by triggers made from the tables (mp_search_sync).
 * The list query (list.c) narrows a search of Chinese text to the rows
 * holding its tokens, and still confirms each row with instr(). */
#ifndef MP_SEARCH_H
#define MP_SEARCH_H

#include "db_internal.h"
#include "mp_record.h"

/* Characters of a column's text that are indexed (search_nums 1..this),
 * and the longest search text that uses the index. */
#define MP_SEARCH_MAXLEN 1000
#define MP_SEARCH_MAXLEN_SQL "1000"
/* Tokens one search narrows by. */
#define MP_SEARCH_MAXTOK 3

/* The code of t in search_tokens.s_tbl (t->search_code), or 0 when t has
 * no index: it names no code, or one of its searched fields is a
 * reference, or none holds text. */
int mp_search_code(const mp_table *t);

/* One of t's search triggers as its CREATE TRIGGER statement (without a
 * ';', as SQLite keeps it in sqlite_schema): which 0 the insert, 1 the
 * delete, 2 the update trigger.  NULL when t has no index.  Newly
 * allocated. */
char *mp_search_trigger_sql(const mp_table *t, int which);

/* Make t's search triggers in h what its table says (search_tokens and
 * search_nums must be there: schema step 6): nothing when they are
 * already, else they are made again, and when the text they index (or
 * its sort key) changed, t's tokens are made again from its rows.  Inside
 * the caller's transaction. */
int mp_search_sync(sqlite3 *h, const mp_table *t, mp_err *e);

/* Whether t's search triggers in h are already what its table says
 * (mp_search_sync would change nothing): *yes 1 or 0.  Reads only; the
 * stored triggers are looked up in snap (mp_schema.h) when not NULL. */
struct mp_schema_snap;
int mp_search_synced(sqlite3 *h, const mp_table *t, const struct mp_schema_snap *snap,
                     int *yes, mp_err *e);

/* The tokens to look up for a search of text: its character when it is
 * one, else up to MP_SEARCH_MAXTOK of its pairs (the last, the first, one
 * in the middle: the first token found drives a keyed search, and the
 * last pair of a name, its given name, is the rarer).  0 when text holds ASCII (or is empty, or too long): such
 * a search goes by instr() alone. */
int mp_search_tokens(const char *text, char tok[MP_SEARCH_MAXTOK][16]);

/* A large import into a table with the index writes its rows first and
 * their tokens after, in one sorted pass: a trigger per row costs a third
 * of the import.  Inside the import's open transaction, mp_search_pause
 * drops t's insert trigger and notes where the new rows begin (a no-op
 * for a table without the index); mp_search_resume indexes the rows added
 * since and puts the trigger back.  When the import is rolled back
 * instead, the rollback restores the trigger: mp_search_paused_free then
 * only lets go of the memory. */
typedef struct {
	char *fill;           /* the rows' query; NULL: nothing paused */
	const mp_table *table;
	int code;             /* search_tokens.s_tbl */
	int64_t after;        /* the last row id before the import */
	int64_t last;         /* the last row id after it (mp_search_resume) */
	mp_paused trigger;
} mp_search_paused;

int mp_search_pause(mp_db *db, const mp_table *t, mp_search_paused *p,
                    mp_err *e);
int mp_search_resume(mp_db *db, mp_search_paused *p, mp_err *e);
void mp_search_paused_free(mp_db *db, mp_search_paused *p);

#endif
