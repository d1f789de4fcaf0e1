/* widgets.c — not written yet. */
#include "config.h"
typedef int ui_widgets_placeholder;
