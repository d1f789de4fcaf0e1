/* cli.c — not written yet. */
#include "config.h"
typedef int mp_cli_placeholder;
