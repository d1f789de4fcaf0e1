/* mp_i18n.h — gettext wrappers.  All user-visible text goes through _(). */
#ifndef MP_I18N_H
#define MP_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)

/* setlocale(LC_ALL, "") and bind the "miaopu" text domain.  Translations are
 * looked for in $MIAOPU_LOCALEDIR if set, else in a "locale" folder next to
 * the running binary (the build tree), else in the installed LOCALEDIR. */
void mp_i18n_init(void);

/* Nonzero when the current messages are Chinese (LC_MESSAGES zh*). */
int mp_i18n_is_zh(void);

#endif
