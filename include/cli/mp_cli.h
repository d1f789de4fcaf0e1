/* mp_cli.h — the command line: options and subcommands without a screen. */
#ifndef MP_CLI_H
#define MP_CLI_H

#include "mp_ledger.h"

typedef struct mp_opts {
	char *db_path;      /* --db, or NULL for the default */
	char *config_path;  /* --config, or NULL for the default */
	int demo;           /* --demo */
	int help, version;
	int cmd_argc;       /* the subcommand and its arguments, or 0 */
	char **cmd_argv;
} mp_opts;

/* The ledger and settings o names (--db, --config, --demo). */
mp_ledger_where mp_cli_where(const mp_opts *o);

/* Parse argv.  Returns 0, or 2 after printing a one-line reason to stderr. */
int mp_cli_parse(int argc, char **argv, mp_opts *o);

/* Print --help / --version text to stdout. */
void mp_cli_usage(void);
void mp_cli_version(void);

/* Run the subcommand in o (o->cmd_argc > 0).  Returns the exit status: 0 on
 * success, otherwise non-zero after a one-line reason on stderr. */
int mp_cli_run(const mp_opts *o);

#endif
