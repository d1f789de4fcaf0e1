/* list.c — not written yet. */
#include "config.h"
typedef int mp_list_placeholder;
