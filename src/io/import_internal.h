/* import_internal.h — between import.c (reading the file) and importref.c
 * (finding the records a row refers to, and rows already in the ledger).
 * Not part of the core's interface. */
#ifndef MP_IMPORT_INTERNAL_H
#define MP_IMPORT_INTERNAL_H

#include "db_internal.h"
#include "mp_record.h"
#include "mp_search.h"
#include "record_internal.h"

/* Columns a file may carry to find a referenced record, beyond the
 * table's own fields and the "<label>UUID" columns export writes. */
enum imp_key {
	K_VOL_IDNO,    /* 证件号码 / 身份证号: the volunteer's ID number */
	K_VOL_NO,      /* 志愿者编号: the volunteer's number */
	K_ACT_DATE,    /* 活动日期: the date of the activity named */
	K__COUNT
};

struct imp_refs;

struct imp_refs *imp_refs_new(mp_db *db, const mp_table *t);
void imp_refs_free(struct imp_refs *ir);

/* The key (enum imp_key) a header cell names for table t, or -1.  Keys
 * are only known for tables that refer to volunteers or activities. */
int imp_refs_key(const mp_table *t, const char *name);

/* The reference field of t whose UUID column name is ("组织UUID",
 * "Group UUID"), or -1. */
int imp_refs_uuid_column(const mp_table *t, const char *name);

/* Replace the name in each reference field of r with the id of the live
 * record it names: by that field's UUID column (refuuid[field], may be
 * NULL or ""), else groups by name, volunteers by ID number or volunteer
 * number (key[], or the cell itself), activities by name, group and date.
 * bad[] (one per field of r's table) gets, for each field that could not
 * be resolved, code MP_EINVAL and a translated reason naming the field
 * (an empty message for an activity not looked for because its group is
 * wrong).  Returns MP_OK; MP_EINVAL when some field is in bad[]; a
 * database status (in e). */
int imp_refs_resolve(struct imp_refs *ir, mp_record *r,
                     const char *const *refuuid, const char *const *key,
                     mp_err *bad, mp_err *e);

/* The natural duplicate rule of tables whose save does not have one:
 * an activity with the same name, group and date; a service record with
 * the same volunteer, date, activity (or none), hours and content.  Sets
 * *dup and fills e->msg (translated, with e->field) when r duplicates a
 * live record.  Returns MP_OK or a database status. */
int imp_refs_duplicate(struct imp_refs *ir, const mp_record *r, int *dup,
                       mp_err *e);


/* ---- a large import (importbulk.c) ----
 * Inside the import's transaction, before its rows, imp_bulk_begin sets
 * aside what costs each inserted row most and can be made good once after
 * them: the search trigger (its tokens made after, sorted), the counting
 * trigger (the count made good by one statement) and, when the file is
 * large beside the table, the indexes no check of the import reads (built
 * after, from the finished table).  imp_bulk_end makes everything good
 * again before the commit; after a rollback, which brings it all back by
 * itself, imp_bulk_free only lets go of the memory (it is always called). */
struct imp_bulk {
	mp_search_paused search;
	mp_paused late;       /* indexes */
	mp_paused count;      /* the counting trigger */
	const char *recount;  /* its statement; ?1 the last id before */
	int64_t after;
};

int imp_bulk_begin(mp_db *db, const mp_table *t, const char *buf, size_t n,
                   struct imp_bulk *b, mp_err *e);
int imp_bulk_end(mp_db *db, struct imp_bulk *b, mp_err *e);
void imp_bulk_free(mp_db *db, struct imp_bulk *b);

#endif
