/* mp_import.h — reading records in from spreadsheets (CSV). */
#ifndef MP_IMPORT_H
#define MP_IMPORT_H

#include <stdio.h>
#include "mp_record.h"

/* What one message of an import is about. */
enum mp_import_kind {
	MP_IMPORT_WARN,     /* an unknown column, extra values: nothing lost */
	MP_IMPORT_ADD,      /* a row that is (or, in a dry run, would be) added */
	MP_IMPORT_DUP,      /* a row skipped: the record is already there */
	MP_IMPORT_REFUSED   /* a row that fails a check of the form */
};

typedef struct mp_import_msg {
	int kind;           /* enum mp_import_kind */
	long line;          /* line of the file where the row starts (1 = header) */
	int field;          /* index of the field concerned, or -1 */
	char *text;         /* translated, one line: "line 3: 组织名称: reason" */
} mp_import_msg;

typedef struct mp_import_result {
	long added;         /* rows that pass every check (added unless dry run
	                       or refused > 0) */
	long skipped;       /* duplicates */
	long refused;       /* rows failing a check */
	int written;        /* nonzero when the rows were committed */
	mp_import_msg *msgs;  /* in the order of the file */
	int nmsgs;
} mp_import_result;

/* Read CSV from in and add its rows as records of t.
 *
 * The bytes are UTF-8 (a byte-order mark is skipped) or, when they are not
 * valid UTF-8, GB18030 (converted with iconv).  The first non-blank row is
 * the header: each column is matched to a field by mp_table_field (column,
 * Chinese or English label); UUID, 创建时间 and 更新时间 (what mp_export_csv
 * writes) are understood, other unknown columns are warned about and
 * skipped.  Blank rows are ignored.  Each row starts as mp_record_new(t,
 * cfg); a non-empty cell replaces the default, an empty or missing one
 * keeps it.  A row whose UUID is already in the ledger, or that
 * mp_record_save refuses with MP_EDUP, is skipped as a duplicate.
 *
 * All or nothing: every row is saved inside one transaction; when any row
 * is refused, or dry_run is set, the transaction is rolled back and nothing
 * is written.  res is filled in every case that reaches the rows (free it
 * with mp_import_result_free).
 *
 * Returns MP_OK when no row was refused; MP_EINVAL when some were (res
 * lists them, e says how many) or when the file is empty or has no known
 * column; MP_EIO when it cannot be read or is neither UTF-8 nor GB18030;
 * a database status when the ledger fails (nothing written). */
int mp_import_csv(mp_db *db, const mp_config *cfg, const mp_table *t,
                  FILE *in, int dry_run, mp_import_result *res, mp_err *e);

void mp_import_result_free(mp_import_result *res);

#endif
