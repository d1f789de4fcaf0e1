/* checkmeter.c — how far a check of the ledger has got, for a progress bar.
 *
 * SQLite's integrity_check is one statement of a quarter of a minute on a
 * district's ledger (some 20 s at 1×) and says nothing on the way; its
 * progress handler is called every few thousand virtual machine steps,
 * all the way through.  The steps a check takes grow with each table's
 * rows and its indexes (measured on miaopu-gen's ledgers, per row:
 * integrity_check 10 + 8 per index, quick_check 14 + 1.2 per index,
 * foreign_key_check 4 per reference), so the rows of each table (its
 * largest rowid, read from the end of its tree) give the whole in advance,
 * and the steps counted so far the part done. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "checkmeter.h"

#define EVERY 4096   /* steps between two calls of the handler */

/* Steps per row, in tenths: integrity_check, quick_check, per index. */
static const long per_row[2][2] = { { 100, 80 }, { 140, 12 } };
#define FK_PER_ROW 40   /* tenths, per reference */

static long long one(sqlite3 *h, const char *sql, const char *name)
{
	sqlite3_stmt *st = NULL;
	long long v = 0;

	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK) {
		if (name)
			sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW)
			v = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	return v;
}

static int tick(void *arg)
{
	struct mp_check_meter *m = arg;
	double f;
	int pct;

	m->done += EVERY;
	f = (double)(m->base + m->done) / (double)m->total;
	pct = f >= 0.99 ? 99 : (int)(f * 100);
	if (pct > m->shown) {   /* an estimate: never going back */
		m->shown = pct;
		m->fn(m->arg, pct);
	}
	return 0;
}

void mp_check_meter_start(struct mp_check_meter *m, sqlite3 *h, int quick,
                          mp_check_progress fn, void *arg)
{
	sqlite3_stmt *st = NULL;

	memset(m, 0, sizeof *m);
	m->h = h;
	m->fn = fn;
	m->arg = arg;
	m->shown = -1;
	if (!fn)
		return;
	if (sqlite3_prepare_v2(h, "SELECT name FROM sqlite_schema WHERE type = 'table'",
	                       -1, &st, NULL) != SQLITE_OK)
		return;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);
		char *sql;
		long long rows, idx, fks;

		if (!name)
			continue;
		/* Names from the file's own schema, quoted as identifiers. */
		sql = sqlite3_mprintf("SELECT max(rowid) FROM \"%w\"", name);
		rows = sql ? one(h, sql, NULL) : 0;   /* 0 WITHOUT ROWID: small */
		sqlite3_free(sql);
		idx = one(h, "SELECT count(*) FROM sqlite_schema WHERE type = 'index'"
		          " AND tbl_name = ?", name);
		fks = one(h, "SELECT count(*) FROM pragma_foreign_key_list(?)", name);
		m->check += rows * (per_row[quick][0] + per_row[quick][1] * idx) / 10;
		m->fk += rows * fks * FK_PER_ROW / 10;
	}
	sqlite3_finalize(st);
	m->total = m->check + m->fk;
	if (m->total < EVERY)
		m->total = EVERY;
	fn(arg, m->shown = 0);
	sqlite3_progress_handler(h, EVERY, tick, m);
}

void mp_check_meter_links(struct mp_check_meter *m)
{
	if (!m->fn)
		return;
	/* The links start where the file's check was expected to end, or
	 * where it did end when it took longer. */
	m->base = m->done > m->check ? m->done : m->check;
	m->done = 0;
	if (m->base + m->fk > m->total)
		m->total = m->base + m->fk;
}

void mp_check_meter_end(struct mp_check_meter *m)
{
	if (!m->fn)
		return;
	sqlite3_progress_handler(m->h, 0, NULL, NULL);
	if (m->shown != 100)
		m->fn(m->arg, 100);
}
