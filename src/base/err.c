/* err.c — filling mp_err. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "mp_err.h"
#include "mp_i18n.h"

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

static void (*oom_handler)(void);

void mp_set_oom_handler(void (*handler)(void))
{
	oom_handler = handler;
}

void mp_oom(void)
{
	static int inside;
	/* The catalogue was loaded with the first message; gettext gives
	 * the English back if it cannot. */
	const char *msg = _("out of memory");

	/* A handler that runs out of memory itself comes back here: the
	 * second time, straight to the message. */
	if (!inside++ && oom_handler)
		oom_handler();
	/* write(2), not stdio, which may want memory of its own. */
	if (write(STDERR_FILENO, "miaopu: ", 8) < 0 ||
	    write(STDERR_FILENO, msg, strlen(msg)) < 0 ||
	    write(STDERR_FILENO, "\n", 1) < 0) {
		/* Nowhere left to say it: the exit status still tells. */
	}
	/* _exit: no atexit work or stdio flushing that would want memory;
	 * SQLite's journal keeps an interrupted transaction out of the
	 * ledger. */
	_exit(1);
}
