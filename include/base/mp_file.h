/* mp_file.h — writing a file whole or not at all. */
#ifndef MP_FILE_H
#define MP_FILE_H

#include <stdio.h>

#include "mp_err.h"

/* What goes into a file written by mp_write_file. */
typedef int (*mp_file_writer)(void *ctx, FILE *f, mp_err *e);

/* An output file being written (mp_out_begin).  A regular file (or a
 * name not yet taken) is written to a temporary beside it, made with
 * O_EXCL | O_NOFOLLOW and mode 0600, and renamed over it when whole; a
 * file that was there keeps its mode.  A device, FIFO or socket is
 * written directly (nothing is replaced).  A symbolic link stands for
 * its target: the target is written, the link stays. */
typedef struct mp_outfile {
	char *path;   /* where the file ends up (links followed) */
	char *tmp;    /* the temporary, or NULL when written directly */
	const char *name;   /* what to write to: tmp, or path when direct */
	int fd;       /* open on name for writing */
	int direct;   /* 1: a device or FIFO, written as it is */
} mp_outfile;

/* Start the file path: o->fd (and o->name, for a library that wants a
 * name) is where its bytes go.  On failure nothing is left behind. */
int mp_out_begin(mp_outfile *o, const char *path, mp_err *e);

/* fsync, close, and put the temporary in place (fsyncing the folder).
 * Frees o; on failure the temporary is removed and e says why. */
int mp_out_commit(mp_outfile *o, mp_err *e);

/* Give up: the temporary removed, o freed.  Safe to call twice. */
void mp_out_abort(mp_outfile *o);

/* Write path with fn (mp_out_begin, then mp_out_commit): a reader (or a
 * power cut) sees the old file or the whole new one, never half.  On
 * failure the temporary is removed and e says why. */
int mp_write_file(const char *path, mp_file_writer fn, void *ctx, mp_err *e);

#endif
