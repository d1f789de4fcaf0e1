/* i18n.c — not written yet. */
#include "config.h"
typedef int mp_i18n_placeholder;
