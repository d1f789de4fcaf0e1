/* group.c — not written yet. */
#include "config.h"
typedef int mp_group_placeholder;
