/* mp_registry.h — the record types the program knows, in one list.
 *
 * Every generic part reads its record types from here: export and import,
 * the command line's lists and help, the import screen.  The built-in types
 * are listed in src/types/types.c, one line each; a type declared elsewhere
 * (a test) is added at run time with mp_registry_add.
 *
 * The list is in dependency order: a type refers (MP_K_REF) only to types
 * before it, so that importing the tables in this order into an empty
 * ledger finds every record a row refers to. */
#ifndef MP_REGISTRY_H
#define MP_REGISTRY_H

#include "mp_record.h"

/* The most record types the registry holds, built-in and added. */
#define MP_REGISTRY_MAX 64

/* Add t after the types there are.  MP_OK; MP_EDUP when a type of that
 * name is registered already (t itself: nothing changes); MP_EINVAL when
 * t refers to a type not registered before it, or the registry is full.
 * Not thread-safe: call it before the tables are used. */
int mp_registry_add(const mp_table *t);

/* How many types there are, and type i (0 <= i < count; else NULL), in
 * dependency order. */
int mp_registry_count(void);
const mp_table *mp_registry_get(int i);

/* The type whose SQL and command-line name is name; NULL if none. */
const mp_table *mp_table_by_name(const char *name);

/* The built-in types (src/types/types.c), in dependency order. */
extern const mp_table *const mp_builtin_types[];
extern const int mp_nbuiltin_types;

/* The names of all types, separated by sep ("groups, volunteers, …");
 * free the result. */
char *mp_registry_names(const char *sep);

#endif
