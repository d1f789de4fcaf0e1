/* keys.c — not written yet. */
#include "config.h"
typedef int ui_keys_placeholder;
