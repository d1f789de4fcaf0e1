/* mp_ident.h — identifiers in lists (志愿者编号, 证件号码, 统一社会信用
 * 代码): a list never cuts one, as two people would then show the same
 * number.  Their columns are as wide as the widest value kept. */
#ifndef MP_IDENT_H
#define MP_IDENT_H

#include "mp_db.h"
#include "mp_record.h"

/* 1 when field i of t identifies a record: an ID number or a credit code
 * by its kind, or a column a unique index of t holds alone. */
int mp_field_is_ident(const mp_table *t, int i);

/* The display width of the widest value of field i of t among all its
 * records (live or binned, as a list shows them), or 0 when none;
 * -1 on a database error, with e filled.  One pass over the table's
 * values of that column: for a list's opening, not for each key. */
int mp_ident_width(mp_db *db, const mp_table *t, int i, mp_err *e);

#endif
