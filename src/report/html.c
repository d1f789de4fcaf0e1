/* html.c — text escaped for HTML and dates in Chinese, for the printable
 * pages (certificate.c, notice.c). */
#include "config.h"

#include "mp_html.h"

void mp_html_esc(FILE *out, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&': fputs("&amp;", out); break;
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '"': fputs("&quot;", out); break;
		case '\'': fputs("&#39;", out); break;
		default: fputc(*s, out); break;
		}
	}
}

void mp_html_cn_date(FILE *out, const char *d)
{
	int y, m, dd;

	if (d && sscanf(d, "%d-%d-%d", &y, &m, &dd) == 3)
		fprintf(out, "%d年%d月%d日", y, m, dd);
	else
		mp_html_esc(out, d);
}
