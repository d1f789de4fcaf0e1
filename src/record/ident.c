/* ident.c — which fields identify a record, never cut in a list (mp_ident.h). */
#include "config.h"

#include <string.h>

#include "mp_ident.h"

int mp_field_is_ident(const mp_table *t, int i)
{
	const mp_field *f = &t->fields[i];

	if (f->kind == MP_K_IDNO || f->kind == MP_K_USCC)
		return 1;
	for (int k = 0; k < t->nindexes; k++)
		if ((t->indexes[k].flags & MP_I_UNIQUE) &&
		    strcmp(t->indexes[k].cols, f->col) == 0)
			return 1;
	return 0;
}
