/* mp_search.h — the character index behind search as you type (search.c).
 *
 * For the tables whose searched fields are their own columns (volunteers,
 * groups, trainings) the ledger keeps every non-ASCII character and every
 * pair of neighbouring ones in search_tokens, by triggers (schema step 5).
 * The list query (list.c) narrows a search of Chinese text to the rows
 * holding its tokens, and still confirms each row with instr(). */
#ifndef MP_SEARCH_H
#define MP_SEARCH_H

#include "mp_record.h"

/* Characters of a column's text that are indexed (search_nums 1..this),
 * and the longest search text that uses the index. */
#define MP_SEARCH_MAXLEN 1000
#define MP_SEARCH_MAXLEN_SQL "1000"
/* Tokens one search narrows by. */
#define MP_SEARCH_MAXTOK 3

/* SQL of schema step 5 (db.c): search_nums, search_tokens, their
 * triggers and their filling from the rows already there; and the counts
 * of active groups by legal status in count_stats. */
extern const char mp_search_step[];

/* The code of t in search_tokens.tbl, or 0 when t has no index. */
int mp_search_code(const mp_table *t);

/* The tokens to look up for a search of text: its character when it is
 * one, else up to MP_SEARCH_MAXTOK of its pairs (the first, the last, one
 * in the middle).  0 when text holds ASCII (or is empty, or too long): such
 * a search goes by instr() alone. */
int mp_search_tokens(const char *text, char tok[MP_SEARCH_MAXTOK][16]);

#endif
