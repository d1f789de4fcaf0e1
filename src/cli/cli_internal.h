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

/* A command's words read by getopt_long, with our own messages.  Start
 * with cli_getopt_init, then call cli_getopt_next until CLI_END:
 *  - an option's val (its value, if it takes one, in arg);
 *  - CLI_WORD for a word that is not an option (in arg), for a command
 *    (options and words in any order; after "--" only words); the
 *    options before the command (cmd NULL) end at the first word
 *    instead, and next is then the command's index in argv;
 *  - CLI_MISSING when an option lacks its value or it is empty
 *    (missing is its val): the caller says what the value should be;
 *  - CLI_BAD after saying that an option is unknown (or, after the
 *    command, that it is global and must come before it). */
#include <getopt.h>

enum { CLI_END = -1, CLI_WORD = 1, CLI_MISSING = ':', CLI_BAD = '?' };

typedef struct {
	const char *cmd;     /* "export", or NULL for the options before it */
	const struct option *longs;
	int argc;
	char **argv;
	char shorts[24];     /* getopt's option string: mode, ':', shorts */
	int words;           /* past "--": the rest are words */
	int next;            /* index in argv of what comes next */
	const char *arg;     /* the option's value, or the word */
	int missing;         /* CLI_MISSING: the option's val */
} cli_getopt;

void cli_getopt_init(cli_getopt *g, const char *cmd, int argc, char **argv,
                     const char *shorts, const struct option *longs);
int cli_getopt_next(cli_getopt *g);

/* -o FILE, -oFILE, --output FILE, --output=FILE: an entry for longs. */
#define CLI_OUTPUT_OPTION { "output", required_argument, NULL, 'o' }

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
/* `miaopu notice` (cli_notice.c). */
int cmd_notice(const mp_opts *o, int argc, char **argv);

#endif
