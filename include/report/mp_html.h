/* mp_html.h — what the printable pages (the certificate of service, the
 * public notice) write alike: text escaped for HTML, dates in Chinese. */
#ifndef MP_HTML_H
#define MP_HTML_H

#include <stdio.h>

/* s with & < > " ' written as entities; nothing for NULL. */
void mp_html_esc(FILE *out, const char *s);

/* "2024-03-05" written as "2024年3月5日"; anything else escaped as it is. */
void mp_html_cn_date(FILE *out, const char *d);

#endif
