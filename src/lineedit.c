/* lineedit.c — not written yet. */
#include "config.h"
typedef int mp_lineedit_placeholder;
