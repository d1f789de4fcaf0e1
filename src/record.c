/* record.c — not written yet. */
#include "config.h"
typedef int mp_record_placeholder;
