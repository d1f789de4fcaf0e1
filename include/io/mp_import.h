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

/* How often (in data rows) mp_import_run reports progress. */
#define MP_IMPORT_PROGRESS_ROWS 200

/* The largest file an import reads (512 MB: some 1.5 million volunteers):
 * a larger one, or a stream that does not end (/dev/zero, a pipe), is
 * refused without reading more, so memory stays bounded. */
#define MP_IMPORT_MAX_BYTES (512L << 20)

typedef struct mp_import_opts {
	int dry_run;        /* check everything, write nothing */
	/* Called every MP_IMPORT_PROGRESS_ROWS data rows and once at the end
	 * (then done == total): rows read so far, bytes of the (UTF-8) text
	 * read of total.  May be NULL. */
	void (*progress)(void *arg, long rows, size_t done, size_t total);
	void *arg;
} mp_import_opts;

/* Read CSV from in and add its rows as records of t.
 *
 * The bytes are UTF-8 (a byte-order mark is skipped) or, when they are not
 * valid UTF-8, GB18030 (converted with iconv).  The first non-blank row is
 * the header: each column is matched to a field by mp_table_field (column,
 * Chinese or English label); UUID, 创建时间 and 更新时间 (what mp_export_csv
 * writes) are kept on the new record, so that export then import into an
 * empty ledger gives the same records; other unknown columns are warned
 * about and skipped.  Blank rows are ignored.  Each row starts as
 * mp_record_new(t, cfg); a non-empty cell replaces the default, an empty or
 * missing one keeps it; a row with more values than the header has columns
 * is refused (an unquoted comma would shift the values after it).
 *
 * References are written as people write them and found again, by what
 * the referenced type's table says (mp_table.findby):
 *  - any reference by the "<label>UUID" column export writes (组织UUID,
 *    志愿者UUID, 活动UUID, 培训UUID), when that record is in the ledger;
 *  - else by the values its findby lists: a column of its own (证件号码,
 *    志愿者编号) first, else the reference cell (a group's or activity's
 *    name, a volunteer's ID number or volunteer number — never a
 *    volunteer's name, as names repeat); a name beside a number must be
 *    that record's;
 *  - within the row's own record of a type both refer to (an activity
 *    within the row's group); among several, the one on the date of a
 *    narrowing column (活动日期, 培训日期), or without one the one on the
 *    row's own date; still several refuse the row asking for the UUID.
 * A type with no findby (memberships, visits …) is found by UUID only.
 * A record that cannot be found refuses the row, naming line and field.
 *
 * Duplicates are reported and skipped, not added twice: a row whose UUID
 * is already in the ledger (also in the recycle bin); what mp_record_save
 * refuses with MP_EDUP (a group with the same USCC, or the same name in the
 * same community; a volunteer with the same ID or volunteer number; a
 * membership, a group or volunteer at a training listed twice); a row
 * whose table's dupkey fields equal a live record's (an activity's name,
 * group and date; a service record's date, volunteer, activity, hours and
 * content; a training's name and date; a visit's group, date and
 * supervisor).  Rows of the same file count: a row repeated is skipped the
 * second time.
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

/* The same with options: a dry run, a progress callback. */
int mp_import_run(mp_db *db, const mp_config *cfg, const mp_table *t,
                  FILE *in, const mp_import_opts *o, mp_import_result *res,
                  mp_err *e);

void mp_import_result_free(mp_import_result *res);

#endif
