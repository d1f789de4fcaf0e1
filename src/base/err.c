/* err.c — filling mp_err. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>

#include "mp_err.h"

void mp_err_clear(mp_err *e)
{
	if (!e)
		return;
	e->code = MP_OK;
	e->field = -1;
	e->other_id = 0;
	e->index = -1;
	e->msg[0] = '\0';
}

static int vset(mp_err *e, int code, int field, const char *fmt, va_list ap)
{
	if (!e)
		return code;
	e->code = code;
	e->field = field;
	e->other_id = 0;
	e->index = -1;
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	return code;
}

int mp_err_set(mp_err *e, int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vset(e, code, -1, fmt, ap);
	va_end(ap);
	return code;
}

int mp_err_field(mp_err *e, int code, int field, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vset(e, code, field, fmt, ap);
	va_end(ap);
	return code;
}
