/* config.c — not written yet. */
#include "config.h"
typedef int mp_config_placeholder;
