/* search.c — the character index behind search as you type, and schema
 * step 5 which makes it.
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
 *
 * Step 5 also counts the active groups by legal status in count_stats,
 * so that the overview never reads the groups table on start. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "mp_search.h"
#include "mp_text.h"

/* The text indexed for one row (p: NEW, OLD or the table's name): the
 * MP_F_SEARCH columns of the table, joined by char(31), which being ASCII
 * never makes part of a token. */
#define VOL_TEXT(p) p ".name"
#define GROUP_TEXT(p) p ".name || char(31) || ifnull(" p ".short_name, '')" \
	" || char(31) || ifnull(" p ".community, '') || char(31)" \
	" || ifnull(" p ".leader, '')"
#define TRAIN_TEXT(p) p ".name || char(31) || ifnull(" p ".topic, '')"

/* The tokens of the text t of the rows of S (a subquery): its non-ASCII
 * characters, then its pairs, with the numbers n.i from search_nums,
 * between the columns C (empty or "code, ") and R (empty or ", <sort
 * key>, <row id>").  A token that comes twice in a row is kept once by
 * INSERT OR IGNORE.  (The text is named once, in S: the schema, which
 * SQLite reads at every start, stays short.) */
#define CHARS(C, S, R) "SELECT " C "substr(s.t, n.i, 1)" R " FROM " S " s," \
	" search_nums n WHERE n.i <= length(s.t) AND unicode(substr(s.t, n.i, 1)) > 127"
#define PAIRS(C, S, R) "SELECT " C "substr(s.t, n.i, 2)" R " FROM " S " s," \
	" search_nums n WHERE n.i < length(s.t) AND unicode(substr(s.t, n.i, 1)) > 127" \
	" AND unicode(substr(s.t, n.i + 1, 1)) > 127"
#define TOKENS(C, S, R) CHARS(C, S, R) " UNION ALL " PAIRS(C, S, R)

#define INTO "INSERT OR IGNORE INTO search_tokens (s_tbl, s_tok, s_key, s_id) "
#define ADD(C, TM, K) INTO TOKENS(C ", ", "(SELECT " TM("NEW") " AS t)", \
	", ifnull(NEW." K ", ''), NEW.id") ";"
#define DROP(C, TM, K) "DELETE FROM search_tokens WHERE s_tbl = " C \
	" AND s_key = ifnull(OLD." K ", '') AND s_id = OLD.id" \
	" AND s_tok IN (" TOKENS("", "(SELECT " TM("OLD") " AS t)", "") ");"

/* Triggers for table X (code C, columns COLS that make its text or its
 * key, sort key column K), and the rows already there. */
#define INDEX(X, C, TM, K, COLS) \
	"CREATE TRIGGER search_" X "_in AFTER INSERT ON " X " BEGIN " ADD(C, TM, K) " END;" \
	"CREATE TRIGGER search_" X "_out AFTER DELETE ON " X " BEGIN " DROP(C, TM, K) " END;" \
	"CREATE TRIGGER search_" X "_up AFTER UPDATE OF " COLS " ON " X " BEGIN " \
	DROP(C, TM, K) ADD(C, TM, K) " END;" \
	INTO TOKENS(C ", ", "(SELECT id, ifnull(" K ", '') AS k, " TM(X) " AS t FROM " X ")", \
	", s.k, s.id") ";"

/* Active groups by legal status: count_stats rows 'groups_active:登记' ... */
#define ACTIVE_KEY(p) "'groups_active:' || ifnull(" p ".legal_status, '')"
#define GROUP_IN "INSERT INTO count_stats (name, n) VALUES (" ACTIVE_KEY("NEW") ", 1)" \
	" ON CONFLICT (name) DO UPDATE SET n = n + 1;"
#define GROUP_OUT "UPDATE count_stats SET n = n - 1 WHERE name = " ACTIVE_KEY("OLD") ";"
#define GROUP_LIVE(p) p ".deleted_at IS NULL AND " p ".state = '活跃'"

const char mp_search_step[] =
	"CREATE TABLE search_nums (i INTEGER PRIMARY KEY);"
	"INSERT INTO search_nums (i) WITH RECURSIVE n(i) AS"
	" (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " MP_SEARCH_MAXLEN_SQL ")"
	" SELECT i FROM n;"
	/* s_key: the row's value of its table's first sort column, so that
	 * a search in that order pages through this index alone. */
	"CREATE TABLE search_tokens ("
	" s_tbl INTEGER NOT NULL,"
	" s_tok TEXT NOT NULL,"
	" s_key,"
	" s_id INTEGER NOT NULL,"
	" PRIMARY KEY (s_tbl, s_tok, s_key, s_id)"
	") WITHOUT ROWID;"
	INDEX("volunteers", "1", VOL_TEXT, "name", "name")
	INDEX("groups", "2", GROUP_TEXT, "name", "name, short_name, community, leader")
	INDEX("trainings", "3", TRAIN_TEXT, "date", "name, topic, date")

	"INSERT INTO count_stats (name, n)"
	" SELECT " ACTIVE_KEY("groups") ", count(*) FROM groups"
	" WHERE " GROUP_LIVE("groups") " GROUP BY 1;"
	"CREATE TRIGGER count_groups_in AFTER INSERT ON groups"
	" WHEN " GROUP_LIVE("NEW") " BEGIN " GROUP_IN " END;"
	"CREATE TRIGGER count_groups_out AFTER DELETE ON groups"
	" WHEN " GROUP_LIVE("OLD") " BEGIN " GROUP_OUT " END;"
	"CREATE TRIGGER count_groups_old AFTER UPDATE OF state, legal_status, deleted_at"
	" ON groups WHEN " GROUP_LIVE("OLD") " BEGIN " GROUP_OUT " END;"
	"CREATE TRIGGER count_groups_new AFTER UPDATE OF state, legal_status, deleted_at"
	" ON groups WHEN " GROUP_LIVE("NEW") " BEGIN " GROUP_IN " END;";

/* The rows of X with ids in (?1, ?2], with their sort key and the text
 * the insert trigger indexes: for an import, which adds its rows first
 * and their tokens after (mp_search_pause, fill_range). */
#define FILL(X, TM, K) "SELECT id, ifnull(" K ", ''), " TM(X) " FROM " X \
	" WHERE id > ?1 AND id <= ?2"

static const struct {
	const char *table;
	int code;
	const char *fill;
} indexed[] = {
	{ "volunteers", 1, FILL("volunteers", VOL_TEXT, "name") },
	{ "groups", 2, FILL("groups", GROUP_TEXT, "name") },
	{ "trainings", 3, FILL("trainings", TRAIN_TEXT, "date") },
};

int mp_search_code(const mp_table *t)
{
	size_t i;

	for (i = 0; i < sizeof indexed / sizeof indexed[0]; i++)
		if (!strcmp(indexed[i].table, t->name))
			return indexed[i].code;
	return 0;
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
	/* Pairs: the first, the last and one in the middle. */
	pick[0] = 0;
	pick[1] = n - 2;
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
	size_t i;
	int ret;

	memset(p, 0, sizeof *p);
	for (i = 0; i < sizeof indexed / sizeof indexed[0]; i++)
		if (!strcmp(indexed[i].table, t->name)) {
			p->fill = indexed[i].fill;
			p->code = indexed[i].code;
			p->table = t;
		}
	if (!p->fill)
		return MP_OK;
	ret = mp_db_max_id(db, t->name, &p->after, e);
	snprintf(name, sizeof name, "search_%s_in", t->name);
	if (ret == MP_OK)
		ret = mp_db_pause(db, names, &p->trigger, e);
	if (ret != MP_OK || p->trigger.n == 0)
		p->fill = NULL;   /* failed, or an older ledger without the index */
	else
		db->unindexed = t;
	return ret;
}

void mp_search_paused_free(mp_db *db, mp_search_paused *p)
{
	if (p->fill)
		db->unindexed = NULL;
	mp_db_paused_free(&p->trigger);
	p->fill = NULL;
}
