/* db.c — not written yet. */
#include "config.h"
typedef int mp_db_placeholder;
