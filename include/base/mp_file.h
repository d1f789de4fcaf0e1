/* mp_file.h — writing a file whole or not at all. */
#ifndef MP_FILE_H
#define MP_FILE_H

#include <stdio.h>

#include "mp_err.h"

/* What goes into a file written by mp_write_file. */
typedef int (*mp_file_writer)(void *ctx, FILE *f, mp_err *e);

/* Write to path.tmp with fn, fsync, rename over path, fsync the folder: a
 * reader (or a power cut) sees the old file or the whole new one, never
 * half.  On failure path.tmp is removed and e says why. */
int mp_write_file(const char *path, mp_file_writer fn, void *ctx, mp_err *e);

#endif
