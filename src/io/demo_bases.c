/* demo_bases.c — the sample station's incubation bases. */
#include "config.h"

#include "demo_internal.h"
#include "mp_bases.h"

int demo_fill_bases(mp_db *db, const mp_config *c, long today, mp_err *e)
{
	(void)db; (void)c; (void)today; (void)e;
	return MP_OK;
}
