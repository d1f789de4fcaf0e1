/* check.c — not written yet. */
#include "config.h"
typedef int mp_check_placeholder;
