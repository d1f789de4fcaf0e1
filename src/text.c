/* text.c — not written yet. */
#include "config.h"
typedef int mp_text_placeholder;
