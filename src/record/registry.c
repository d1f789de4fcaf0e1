/* registry.c — the record types the program knows (mp_registry.h): the
 * built-in ones, listed one a line in src/types/types.c, then those added
 * at run time.  Everything generic (storage of declared tables, search,
 * export, import, the report, the command line, the screen) finds the
 * types here. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "mp_kinds.h"
#include "mp_registry.h"
#include "mp_text.h"

/* The built-in types (src/types/types.c): the engine reads the list,
 * never names a type itself. */
#define builtin mp_builtin_types
#define NBUILTIN mp_nbuiltin_types

/* Types added at run time, after the built-in ones. */
static const mp_table *added[MP_REGISTRY_MAX];
static int nadded;

int mp_registry_count(void)
{
	return NBUILTIN + nadded;
}

const mp_table *mp_registry_get(int i)
{
	if (i < 0 || i >= mp_registry_count())
		return NULL;
	return i < NBUILTIN ? builtin[i] : added[i - NBUILTIN];
}

const mp_table *mp_table_by_name(const char *name)
{
	int i, n = mp_registry_count();

	for (i = 0; name && i < n; i++)
		if (!strcmp(mp_registry_get(i)->name, name))
			return mp_registry_get(i);
	return NULL;
}

int mp_registry_add(const mp_table *t)
{
	int i;

	if (!t || !t->name)
		return MP_EINVAL;
	if (mp_table_by_name(t->name))
		return MP_EDUP;
	if (NBUILTIN + nadded >= MP_REGISTRY_MAX)
		return MP_EINVAL;
	/* Dependency order: what it refers to is there already (or is
	 * itself, a tree of records). */
	for (i = 0; i < t->nfields; i++) {
		const mp_table *to = t->fields[i].ref;

		if (mp_field_refers(&t->fields[i]) && to && to != t
		    && mp_table_by_name(to->name) != to)
			return MP_EINVAL;
	}
	added[nadded++] = t;
	return MP_OK;
}

char *mp_registry_names(const char *sep)
{
	char *s = mp_strdup(""), *t;
	int i, n = mp_registry_count();

	for (i = 0; i < n; i++) {
		t = mp_asprintf("%s%s%s", s, i ? sep : "", mp_registry_get(i)->name);
		free(s);
		s = t;
	}
	return s;
}
