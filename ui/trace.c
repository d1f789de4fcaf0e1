/* trace.c — timings for the benchmark, when $MIAOPU_TRACE names a file.
 *
 * One line when the first screen has been drawn ("first"), then, for each
 * key, "key N US": the microseconds from the moment the key was read to
 * the end of the redraw it caused (doupdate).  tests/bench/bench.py reads
 * these while it drives the program in a terminal.  Without the variable
 * nothing is measured or written. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "trace.h"

static FILE *out;
static double key_at;
static long nkeys;
static int drawn;

static double now_us(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e6 + (double)t.tv_nsec / 1e3;
}

void trace_open(void)
{
	const char *path = getenv("MIAOPU_TRACE");

	if (path && *path)
		out = fopen(path, "w");
}

void trace_key(void)
{
	if (out)
		key_at = now_us();
}

void trace_drawn(void)
{
	if (!out)
		return;
	if (!drawn) {
		drawn = 1;
		fputs("first\n", out);
	} else if (key_at > 0) {
		fprintf(out, "key %ld %.0f\n", ++nkeys, now_us() - key_at);
		key_at = 0;
	}
	fflush(out);
}

void trace_close(void)
{
	if (out)
		fclose(out);
	out = NULL;
}
