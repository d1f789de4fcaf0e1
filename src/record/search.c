/* search.c — the character index behind search as you type: its triggers
 * and its filling, made from the tables.
 *
 * instr() over every searched column finds any substring, but must read
 * every row that does not match: over 100,000 volunteers a name nobody has
 * costs a whole table.  SQLite's FTS5 trigram index finds nothing under
 * three characters, and one or two Chinese characters are what people
 * type.  So the database keeps, for the tables whose searched fields are
 * their own columns, every non-ASCII character of those columns and every
 * pair of neighbouring non-ASCII characters (search_tokens: table, token,
 * row id), by triggers, so that every program writing the file keeps it
 * right.  A search of Chinese text then reads only the rows holding its
 * character (one character) or its pairs (two or more); instr() still
 * confirms each row, so the index only ever narrows, never decides.  Text
 * with ASCII in it (a phone or ID number) is searched by instr() alone.
 * Schema step 6 (schema_steps.c) made search_nums and search_tokens;
 * mp_search_sync makes a table's triggers (step 9, and the tables made
 * from their declaration). */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "mp_kinds.h"
#include "mp_schema.h"
#include "mp_search.h"
#include "mp_text.h"

/* ---- the index's SQL, made from the tables ----
 *
 * A table has the index when it names a code for search_tokens.s_tbl
 * (mp_table.search_code), a first order, and every one of its searched
 * fields is its own column (a search of a table that shows another's
 * names, a reference, is confirmed over those names too, which the index
 * cannot hold).  The text indexed for one row is its searched fields that
 * may hold Chinese (text and choices: a date, number, phone or ID number
 * is ASCII, which the index never holds), joined by char(31), which being
 * ASCII never makes part of a token.  Volunteers, groups and trainings
 * come out exactly as step 6 wrote them by hand, apart from two searched
 * fields step 6 left out: the trainer (讲师) and the volunteer number
 * (志愿者编号, free text). */

/* t's number in search_tokens.s_tbl: the one its table names, else, for
 * a type made from its declaration (MP_T_DECLARED), a number made from
 * its name (FNV-1a, above the few numbers given by hand), so that a new
 * type needs no number of its own and keeps the same one in every
 * ledger; 0 for an older type that names none. */
static int table_code(const mp_table *t)
{
	uint32_t h = 2166136261u;

	if (t->search_code > 0 || !(t->tflags & MP_T_DECLARED))
		return t->search_code;
	for (const unsigned char *p = (const unsigned char *)t->name; *p; p++)
		h = (h ^ *p) * 16777619u;
	return 1000 + (int)(h % 1000000000u);
}

static int holds_text(const mp_field *f)
{
	return (f->flags & MP_F_SEARCH) && mp_kind_of(f)->indexed;
}

static int has_index(const mp_table *t)
{
	int i, text = 0;

	if (table_code(t) <= 0 || t->nsorts < 1)
		return 0;
	for (i = 0; i < t->nfields; i++) {
		if ((t->fields[i].flags & MP_F_SEARCH) && mp_field_refers(&t->fields[i]))
			return 0;
		text |= holds_text(&t->fields[i]);
	}
	return text;
}

int mp_search_code(const mp_table *t)
{
	return has_index(t) ? table_code(t) : 0;
}

/* The row's text, its columns prefixed by p ("NEW", "OLD" or the
 * table's name); a required column is never NULL. */
static void put_text(FILE *f, const mp_table *t, const char *p)
{
	int i, first = 1;

	for (i = 0; i < t->nfields; i++) {
		const mp_field *fd = &t->fields[i];

		if (!holds_text(fd))
			continue;
		if (!first)
			fputs(" || char(31) || ", f);
		if (fd->flags & MP_F_REQUIRED)
			fprintf(f, "%s.%s", p, fd->col);
		else
			fprintf(f, "ifnull(%s.%s, '')", p, fd->col);
		first = 0;
	}
}

/* The tokens of the text t of the rows of the subquery s: its non-ASCII
 * characters, then its pairs, with the numbers n.i from search_nums,
 * between the columns c (empty or "code, ") and r (empty or ", <sort
 * key>, <row id>").  A token that comes twice in a row is kept once by
 * INSERT OR IGNORE.  (The text is named once, in s: the schema, which
 * SQLite reads at every start, stays short.) */
static void put_tokens(FILE *f, const char *c, const char *s, const char *r)
{
	fprintf(f, "SELECT %ssubstr(s.t, n.i, 1)%s FROM %s s, search_nums n"
	        " WHERE n.i <= length(s.t) AND unicode(substr(s.t, n.i, 1)) > 127",
	        c, r, s);
	fprintf(f, " UNION ALL SELECT %ssubstr(s.t, n.i, 2)%s FROM %s s, search_nums n"
	        " WHERE n.i < length(s.t) AND unicode(substr(s.t, n.i, 1)) > 127"
	        " AND unicode(substr(s.t, n.i + 1, 1)) > 127", c, r, s);
}

static FILE *sql_open(char **sql, size_t *len)
{
	FILE *f = open_memstream(sql, len);

	if (!f)
		mp_oom();
	return f;
}

/* The text written to f (after fclose, which sets *sql). */
static char *sql_close(FILE *f, char **sql)
{
	if (fclose(f) != 0 || !*sql)
		mp_oom();
	return *sql;
}

/* "(SELECT <the text of p> AS t)" */
static char *row_text(const mp_table *t, const char *p)
{
	char *sql = NULL;
	size_t len = 0;
	FILE *f = sql_open(&sql, &len);

	fputs("(SELECT ", f);
	put_text(f, t, p);
	fputs(" AS t)", f);
	return sql_close(f, &sql);
}

#define INTO "INSERT OR IGNORE INTO search_tokens (s_tbl, s_tok, s_key, s_id) "

/* The new row's tokens go in. */
static void put_add(FILE *f, const mp_table *t)
{
	char c[32], r[128], *s = row_text(t, "NEW");

	snprintf(c, sizeof c, "%d, ", table_code(t));
	snprintf(r, sizeof r, ", ifnull(NEW.%s, ''), NEW.id", t->sorts[0].col);
	fputs(INTO, f);
	put_tokens(f, c, s, r);
	fputs(";", f);
	free(s);
}

/* The old row's tokens go out. */
static void put_drop(FILE *f, const mp_table *t)
{
	char *s = row_text(t, "OLD");

	fprintf(f, "DELETE FROM search_tokens WHERE s_tbl = %d"
	        " AND s_key = ifnull(OLD.%s, '') AND s_id = OLD.id AND s_tok IN (",
	        table_code(t), t->sorts[0].col);
	put_tokens(f, "", s, "");
	fputs(");", f);
	free(s);
}

static const char *const trigger_kind[3] = { "in", "out", "up" };

char *mp_search_trigger_sql(const mp_table *t, int which)
{
	char *sql = NULL;
	size_t len = 0;
	FILE *f;
	int i, first = 1, keyed = 0;

	if (!has_index(t) || which < 0 || which > 2)
		return NULL;
	f = sql_open(&sql, &len);
	fprintf(f, "CREATE TRIGGER search_%s_%s AFTER ", t->name, trigger_kind[which]);
	switch (which) {
	case 0:
		fprintf(f, "INSERT ON %s BEGIN ", t->name);
		put_add(f, t);
		break;
	case 1:
		fprintf(f, "DELETE ON %s BEGIN ", t->name);
		put_drop(f, t);
		break;
	default:
		/* The text's columns, and the sort key when it is not one. */
		fputs("UPDATE OF ", f);
		for (i = 0; i < t->nfields; i++)
			if (holds_text(&t->fields[i])) {
				fprintf(f, "%s%s", first ? "" : ", ", t->fields[i].col);
				first = 0;
				keyed |= !strcmp(t->fields[i].col, t->sorts[0].col);
			}
		if (!keyed)
			fprintf(f, ", %s", t->sorts[0].col);
		fprintf(f, " ON %s BEGIN ", t->name);
		put_drop(f, t);
		put_add(f, t);
		break;
	}
	fputs(" END", f);
	return sql_close(f, &sql);
}

/* Every row's tokens: the index of rows already there. */
static char *fill_all_sql(const mp_table *t)
{
	char *sql = NULL, *text = NULL, c[32];
	size_t len = 0, tlen = 0;
	FILE *f = sql_open(&text, &tlen);

	fprintf(f, "(SELECT id, ifnull(%s, '') AS k, ", t->sorts[0].col);
	put_text(f, t, t->name);
	fprintf(f, " AS t FROM %s)", t->name);
	text = sql_close(f, &text);
	snprintf(c, sizeof c, "%d, ", table_code(t));
	f = sql_open(&sql, &len);
	fputs(INTO, f);
	put_tokens(f, c, text, ", s.k, s.id");
	free(text);
	return sql_close(f, &sql);
}

/* The rows with ids in (?1, ?2], with their sort key and the text the
 * insert trigger indexes: for an import, which adds its rows first and
 * their tokens after (mp_search_pause, fill_range in search_fill.c). */
static char *fill_range_sql(const mp_table *t)
{
	char *sql = NULL;
	size_t len = 0;
	FILE *f = sql_open(&sql, &len);

	fprintf(f, "SELECT id, ifnull(%s, ''), ", t->sorts[0].col);
	put_text(f, t, t->name);
	fprintf(f, " FROM %s WHERE id > ?1 AND id <= ?2", t->name);
	return sql_close(f, &sql);
}

/* The CREATE statement of the object of type called name in h (in snap
 * when not NULL), or NULL. */
static int stored_sql(sqlite3 *h, const mp_schema_snap *snap, const char *type,
                      const char *name, char **out)
{
	sqlite3_stmt *st = NULL;
	int rc;

	*out = NULL;
	if (snap) {
		const char *s = mp_schema_snap_sql(snap, type, name);

		*out = s ? mp_strdup(s) : NULL;
		return SQLITE_OK;
	}
	rc = sqlite3_prepare_v2(h, "SELECT sql FROM sqlite_schema"
	                        " WHERE type = ? AND name = ?", -1, &st, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 1, type, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 2, name, -1, SQLITE_TRANSIENT);
	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *s = (const char *)sqlite3_column_text(st, 0);
		*out = mp_strdup(s ? s : "");
		rc = SQLITE_DONE;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static int run(sqlite3 *h, char *sql, mp_err *e)
{
	int rc = sqlite3_exec(h, sql, NULL, NULL, NULL);

	free(sql);
	return rc == SQLITE_OK ? MP_OK : mp_db_fail_h(h, rc, e);
}

/* t's triggers as its table wants them (want) and as h has them (have),
 * and whether the two are the same; a table h lacks is the same (its
 * triggers come with it, mp_schema_create_table).  The caller frees the
 * six texts. */
static int compare(sqlite3 *h, const mp_schema_snap *snap, const mp_table *t,
                   char *want[3], char *have[3], int *same, mp_err *e)
{
	char name[96];
	int w, rc;

	*same = 1;
	if (table_code(t) <= 0)
		return MP_OK;
	rc = stored_sql(h, snap, "table", t->name, &have[0]);
	if (rc == SQLITE_OK && !have[0])
		return MP_OK;
	free(have[0]);
	have[0] = NULL;
	for (w = 0; w < 3 && rc == SQLITE_OK; w++) {
		snprintf(name, sizeof name, "search_%s_%s", t->name, trigger_kind[w]);
		want[w] = mp_search_trigger_sql(t, w);
		rc = stored_sql(h, snap, "trigger", name, &have[w]);
		if (!want[w] != !have[w] || (want[w] && strcmp(want[w], have[w])))
			*same = 0;
	}
	return rc == SQLITE_OK ? MP_OK : mp_db_fail_h(h, rc, e);
}

int mp_search_synced(sqlite3 *h, const mp_table *t, const mp_schema_snap *snap,
                     int *yes, mp_err *e)
{
	char *want[3] = { NULL, NULL, NULL }, *have[3] = { NULL, NULL, NULL };
	int w, ret = compare(h, snap, t, want, have, yes, e);

	for (w = 0; w < 3; w++) {
		free(want[w]);
		free(have[w]);
	}
	return ret;
}

int mp_search_sync(sqlite3 *h, const mp_table *t, mp_err *e)
{
	char *want[3] = { NULL, NULL, NULL }, *have[3] = { NULL, NULL, NULL };
	int w, same, ret = compare(h, NULL, t, want, have, &same, e);

	if (ret != MP_OK || same)
		goto done;
	for (w = 0; w < 3 && ret == MP_OK; w++) {
		/* The name is the program's own, never the user's. */
		ret = run(h, mp_asprintf("DROP TRIGGER IF EXISTS \"search_%s_%s\"",
		                         t->name, trigger_kind[w]), e);
		if (ret == MP_OK && want[w])
			ret = run(h, mp_strdup(want[w]), e);
	}
	/* The text or the key changed: the tokens are made again. */
	if (ret == MP_OK && (!want[0] || !have[0] || strcmp(want[0], have[0]))) {
		ret = run(h, mp_asprintf("DELETE FROM search_tokens WHERE s_tbl = %d",
		                         table_code(t)), e);
		if (ret == MP_OK && want[0])
			ret = run(h, fill_all_sql(t), e);
	}
done:
	for (w = 0; w < 3; w++) {
		free(want[w]);
		free(have[w]);
	}
	return ret;
}

/* Length in bytes of the UTF-8 character at s (1 for a stray byte). */
static int char_len(const unsigned char *s)
{
	int n = *s >= 0xF0 ? 4 : *s >= 0xE0 ? 3 : *s >= 0xC0 ? 2 : 1;
	int i;

	for (i = 1; i < n; i++)
		if ((s[i] & 0xC0) != 0x80)
			return 1;
	return n;
}

int mp_search_tokens(const char *text, char tok[MP_SEARCH_MAXTOK][16])
{
	const unsigned char *s = (const unsigned char *)text;
	int start[MP_SEARCH_MAXLEN + 1], len[MP_SEARCH_MAXLEN + 1];
	int n = 0, pos = 0, ntok = 0, pick[MP_SEARCH_MAXTOK], i, j;

	if (!text || !*text)
		return 0;
	while (s[pos]) {
		if (s[pos] < 0x80 || n >= MP_SEARCH_MAXLEN)
			return 0;   /* ASCII in it, or too long: instr() alone */
		start[n] = pos;
		len[n] = char_len(s + pos);
		pos += len[n++];
	}
	if (n == 1) {
		memcpy(tok[0], text, (size_t)len[0]);
		tok[0][len[0]] = '\0';
		return 1;
	}
	/* Pairs: the last, the first and one in the middle.  The first
	 * drives a search in the table's first order (list.c walks its index
	 * entries): the last pair of a name is its given name, the first
	 * holds the surname, which a few hundred names share (at a million
	 * volunteers 王秀 has about four times the entries of 秀英), so the
	 * last pair is walked. */
	pick[0] = n - 2;
	pick[1] = 0;
	pick[2] = (n - 2) / 2;
	for (i = 0; i < MP_SEARCH_MAXTOK; i++) {
		int dup = 0, l = len[pick[i]] + len[pick[i] + 1];

		for (j = 0; j < i; j++)
			dup |= pick[j] == pick[i];
		if (dup || l >= 16)
			continue;
		memcpy(tok[ntok], text + start[pick[i]], (size_t)l);
		tok[ntok++][l] = '\0';
	}
	return ntok;
}

/* ---- a large import ---- */

int mp_search_pause(mp_db *db, const mp_table *t, mp_search_paused *p,
                    mp_err *e)
{
	char name[64];
	const char *names[2] = { name, NULL };
	int ret;

	memset(p, 0, sizeof *p);
	if (!has_index(t))
		return MP_OK;
	p->fill = fill_range_sql(t);
	p->code = table_code(t);
	p->table = t;
	ret = mp_db_max_id(db, t->name, &p->after, e);
	snprintf(name, sizeof name, "search_%s_in", t->name);
	if (ret == MP_OK)
		ret = mp_db_pause(db, names, &p->trigger, e);
	if (ret != MP_OK || p->trigger.n == 0) {
		free(p->fill);   /* failed, or an older ledger without the index */
		p->fill = NULL;
	} else {
		db->unindexed = t;
	}
	return ret;
}

void mp_search_paused_free(mp_db *db, mp_search_paused *p)
{
	if (p->fill)
		db->unindexed = NULL;
	mp_db_paused_free(&p->trigger);
	free(p->fill);
	p->fill = NULL;
}
