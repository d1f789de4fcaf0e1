/* app.c — not written yet. */
#include "config.h"
typedef int ui_app_placeholder;
