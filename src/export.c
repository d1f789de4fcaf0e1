/* export.c — not written yet. */
#include "config.h"
typedef int mp_export_placeholder;
