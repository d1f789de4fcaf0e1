/* mp_cli.h — the command line: options and subcommands without a screen. */
#ifndef MP_CLI_H
#define MP_CLI_H

typedef struct mp_opts {
	char *db_path;      /* --db, or NULL for the default */
	char *config_path;  /* --config, or NULL for the default */
	int demo;           /* --demo */
	int help, version;
	int cmd_argc;       /* the subcommand and its arguments, or 0 */
	char **cmd_argv;
} mp_opts;

/* Parse argv.  Returns 0, or 2 after printing a one-line reason to stderr. */
int mp_cli_parse(int argc, char **argv, mp_opts *o);

/* Print --help / --version text to stdout. */
void mp_cli_usage(void);
void mp_cli_version(void);

/* Run the subcommand in o (o->cmd_argc > 0).  Returns the exit status: 0 on
 * success, otherwise non-zero after a one-line reason on stderr. */
int mp_cli_run(const mp_opts *o);

/* Open the settings and the ledger as o says (default paths, --config,
 * --db, --demo: a throwaway database with sample data, whose folder is
 * removed by mp_cli_cleanup).  Warnings about the settings are left in
 * cfg->warnings.  Returns an exit status like mp_cli_run, with e filled. */
struct mp_db;
struct mp_config;
struct mp_err;
int mp_cli_open(const mp_opts *o, struct mp_config *cfg, struct mp_db **db,
                struct mp_err *e);
void mp_cli_cleanup(const mp_opts *o, struct mp_db *db);

#endif
