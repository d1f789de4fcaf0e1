/* cli_internal.h — what the command line's parts share (cli.c and the
 * commands kept in files of their own). */
#ifndef CLI_INTERNAL_H
#define CLI_INTERNAL_H

#include <stdio.h>

#include "mp_cli.h"
#include "mp_config.h"
#include "mp_db.h"
#include "mp_file.h"

enum { EXIT_RUNTIME = 1, EXIT_USAGE = 2 };

/* Print "miaopu: <message>" on one line to stderr. */
void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* argv[*i] is the long option name (alone, or name=value): 1 with *val
 * the value (NULL when missing), else 0. */
int long_with_value(const char *name, int argc, char **argv, int *i,
                    const char **val);
/* -o FILE and its spellings: 1 with *out set, -1 after saying the name is
 * missing, 0 for another argument. */
int output_option(int argc, char **argv, int *i, const char **out);
/* An option the command does not take: say so (or that it is global). */
void bad_option(const char *cmd, const char *a);

/* Settings (never fatal) and the ledger the options name. */
void open_config(const mp_opts *o, mp_config *cfg);
int open_ledger(const mp_opts *o, mp_config *cfg, mp_db **db, mp_err *e);
/* Close what open_ledger opened (the demo's files are removed). */
void mp_cli_cleanup(const mp_opts *o, mp_db *db);
/* 0 when the --db named exists (or none was named), else an exit status
 * after saying so. */
int ledger_must_exist(const mp_opts *o);

/* Files are written whole or not at all (mp_file.h). */
#define write_file mp_write_file

/* miaopu report ... (cli_report.c) */
int cmd_report(const mp_opts *o, int argc, char **argv);

#endif
