/* help.c — not written yet. */
#include "config.h"
typedef int ui_help_placeholder;
