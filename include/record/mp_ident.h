/* mp_ident.h — identifiers in lists (志愿者编号, 证件号码, 统一社会信用
 * 代码): a list never cuts one, as two people would then show the same
 * number.  Their columns are as wide as the widest value the list has
 * fetched (mp_listq_cell_width), widened as wider ones come into view. */
#ifndef MP_IDENT_H
#define MP_IDENT_H

#include "mp_record.h"

/* 1 when field i of t identifies a record: an ID number or a credit code
 * by its kind, or a column a unique index of t holds alone. */
int mp_field_is_ident(const mp_table *t, int i);

#endif
