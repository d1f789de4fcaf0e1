/* demo.c — not written yet. */
#include "config.h"
typedef int mp_demo_placeholder;
