/* listview.c — not written yet. */
#include "config.h"
typedef int ui_listview_placeholder;
