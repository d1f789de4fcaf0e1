/* mp_cli_safety.h — backup, restore and check on the command line.  (The
 * ledger's safety when a face opens and closes it is mp_ledger.h's.) */
#ifndef MP_CLI_SAFETY_H
#define MP_CLI_SAFETY_H

#include "mp_cli.h"

/* The Commands lines of --help for backup, restore and check. */
void mp_cli_safety_usage(void);

/* Run o's command when it is backup, restore or check (*handled = 1, the
 * exit status returned); otherwise *handled = 0. */
int mp_cli_safety_run(const mp_opts *o, int *handled);

#endif
