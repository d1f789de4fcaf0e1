/* form.c — not written yet. */
#include "config.h"
typedef int ui_form_placeholder;
