/* screen.c — not written yet. */
#include "config.h"
typedef int ui_screen_placeholder;
