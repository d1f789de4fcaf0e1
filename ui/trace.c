/* trace.c — timings for the benchmark, when $MIAOPU_TRACE names a file.
 *
 * One line when the first screen has been drawn ("first CPU": the
 * processor time used since the program started), then, for each key,
 * "key N US CPU": the microseconds from the moment the key was read to
 * the end of the redraw it caused (doupdate), and the processor time of
 * that work (which other programs on the machine cannot lengthen), and
 * for work done while no key waited (a list's count, listview_idle)
 * "idle US CPU", from its start to the end of the redraw that shows it.
 * tests/bench/bench.py reads
 * these while it drives the program in a terminal.  Without the variable
 * nothing is measured or written. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "trace.h"

static FILE *out;
static double key_at, key_cpu, idle_at, idle_cpu;
static long nkeys;
static int drawn;

static double clock_us(clockid_t c)
{
	struct timespec t;

	clock_gettime(c, &t);
	return (double)t.tv_sec * 1e6 + (double)t.tv_nsec / 1e3;
}

static double now_us(void)
{
	return clock_us(CLOCK_MONOTONIC);
}

static double cpu_us(void)
{
	return clock_us(CLOCK_PROCESS_CPUTIME_ID);
}

void trace_open(void)
{
	const char *path = getenv("MIAOPU_TRACE");

	if (path && *path)
		out = fopen(path, "w");
}

void trace_key(void)
{
	if (out) {
		key_at = now_us();
		key_cpu = cpu_us();
	}
}

void trace_idle(void)
{
	if (out) {
		idle_at = now_us();
		idle_cpu = cpu_us();
	}
}

void trace_drawn(void)
{
	if (!out)
		return;
	if (!drawn) {
		drawn = 1;
		fprintf(out, "first %.0f\n", cpu_us());
	} else if (key_at > 0) {
		fprintf(out, "key %ld %.0f %.0f\n", ++nkeys, now_us() - key_at,
		        cpu_us() - key_cpu);
		key_at = 0;
	} else if (idle_at > 0) {
		fprintf(out, "idle %.0f %.0f\n", now_us() - idle_at, cpu_us() - idle_cpu);
	}
	idle_at = 0;
	fflush(out);
}

void trace_close(void)
{
	if (out)
		fclose(out);
	out = NULL;
}
