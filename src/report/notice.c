/* notice.c — the public notice (公示) of a round's approved projects.
 *
 * The notice is a Chinese public document, so its body is fixed Chinese
 * whatever the operator's language (as the certificate is); only errors go
 * through gettext.  The page is self-contained HTML (inline CSS, no
 * images, no scripts) that a browser prints on A4. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mp_i18n.h"
#include "mp_money.h"
#include "mp_notice.h"

/* ---- the page ---- */

/* s with & < > " ' as entities. */
static void put_esc(FILE *out, const char *s)
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

/* "2024-03-05" -> "2024年3月5日". */
static void put_cn_date(FILE *out, const char *d)
{
	int y, m, dd;

	if (d && sscanf(d, "%d-%d-%d", &y, &m, &dd) == 3)
		fprintf(out, "%d年%d月%d日", y, m, dd);
	else
		put_esc(out, d);
}

static void put_money(FILE *out, int64_t fen)
{
	char buf[32];

	fputs(mp_money_format(fen, 1, buf, sizeof buf), out);
}

static const char css[] =
	"@page { size: A4; margin: 18mm }\n"
	"html, body { margin: 0; padding: 0; background: #fff; color: #000 }\n"
	"body { font-family: \"Noto Serif CJK SC\", \"Noto Sans CJK SC\", \"SimSun\", serif;"
	" font-size: 12pt; line-height: 1.7 }\n"
	".sheet { max-width: 174mm; margin: 0 auto }\n"
	"h1 { text-align: center; font-size: 18pt; margin: 2mm 0 5mm; font-weight: bold }\n"
	"p.text { text-indent: 2em; font-size: 12pt; line-height: 1.9; margin: 0 0 3mm }\n"
	"h2 { font-size: 12pt; font-weight: bold; margin: 2mm 0 1mm }\n"
	"table { width: 100%; border-collapse: collapse; font-size: 10.5pt;"
	" line-height: 1.35; margin: 0 0 5mm }\n"
	"thead { display: table-header-group }\n"
	"tr { page-break-inside: avoid; break-inside: avoid }\n"
	"th, td { border: 0.75pt solid #000; padding: 1.2mm 1.8mm; vertical-align: middle }\n"
	"th { font-weight: bold; background: #eee; white-space: nowrap }\n"
	"td.c { white-space: nowrap }\n"
	"td.n, th.n { text-align: right; white-space: nowrap }\n"
	"table.compact { font-size: 9pt; line-height: 1.2 }\n"
	"table.compact th, table.compact td { padding: 0.5mm 1.2mm }\n"
	".sign { margin: 8mm 0 0 50%; line-height: 2 }\n"
	".sign p { margin: 0 }\n"
	"@media screen { body { padding: 18mm } }\n";

static void write_page(FILE *out, const mp_notice *n)
{
	const char *cls = n->np > 8 ? " class=\"compact\"" : "";
	int64_t requested = 0, granted = 0;
	int i;

	fputs("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n"
	      "<meta charset=\"utf-8\">\n<title>", out);
	put_esc(out, n->round);
	fputs("拟资助项目公示</title>\n<style>\n", out);
	fputs(css, out);
	fputs("</style>\n</head>\n<body>\n<div class=\"sheet\">\n<h1>关于", out);
	put_esc(out, n->round);
	fputs("拟资助项目的公示</h1>\n", out);

	fputs("<p class=\"text\">经项目申报、资格审查和专家评审，", out);
	put_esc(out, n->round);
	fprintf(out, "拟资助以下 %d 个项目，现予以公示。公示期为 ", n->np);
	put_cn_date(out, n->start);
	fputs(" 至 ", out);
	put_cn_date(out, n->end);
	fprintf(out, "（%d 个工作日）。</p>\n", n->days);
	fputs("<p class=\"text\">公示期间，如对公示项目有异议，请以书面形式实名向", out);
	if (n->contact && *n->contact)
		put_esc(out, n->contact);
	else
		fputs("主办单位", out);
	fputs("反映", out);
	if (n->phone && *n->phone) {
		fputs("（联系电话：", out);
		put_esc(out, n->phone);
		fputs("）", out);
	}
	fputs("，并提供必要的事实依据。逾期不予受理。</p>\n", out);

	fprintf(out, "<h2>拟资助项目</h2>\n<table%s>\n<thead><tr><th class=\"n\">序号</th>"
	        "<th>项目名称</th><th>申报组织</th><th>类别</th><th>服务社区</th>"
	        "<th class=\"n\">得分</th><th class=\"n\">申请（元）</th>"
	        "<th class=\"n\">拟资助（元）</th></tr></thead>\n<tbody>\n", cls);
	for (i = 0; i < n->np; i++) {
		const mp_notice_project *p = &n->p[i];
		char sc[32];

		fprintf(out, "<tr><td class=\"n\">%d</td><td>", i + 1);
		put_esc(out, p->name);
		fputs("</td><td>", out);
		put_esc(out, p->group);
		fputs("</td><td class=\"c\">", out);
		put_esc(out, p->category);
		fputs("</td><td class=\"c\">", out);
		put_esc(out, p->community);
		fputs("</td><td class=\"n\">", out);
		if (p->score >= 0)
			fputs(mp_decimal_format(p->score, 2, sc, sizeof sc), out);
		fputs("</td><td class=\"n\">", out);
		put_money(out, p->requested);
		fputs("</td><td class=\"n\">", out);
		put_money(out, p->granted);
		fputs("</td></tr>\n", out);
		requested += p->requested;
		granted += p->granted;
	}
	fputs("</tbody>\n<tfoot><tr><th colspan=\"6\">合计</th><th class=\"n\">", out);
	put_money(out, requested);
	fputs("</th><th class=\"n\">", out);
	put_money(out, granted);
	fputs("</th></tr></tfoot>\n</table>\n", out);

	if (n->nr > 0) {
		fputs("<p class=\"text\">评审专家：", out);
		for (i = 0; i < n->nr; i++) {
			if (i)
				fputs("、", out);
			put_esc(out, n->r[i].name);
			if (n->r[i].unit && *n->r[i].unit) {
				fputs("（", out);
				put_esc(out, n->r[i].unit);
				fputs("）", out);
			}
		}
		fputs("。</p>\n", out);
	}

	fputs("<div class=\"sign\">\n", out);
	if (n->organiser && *n->organiser) {
		fputs("<p>主办单位：", out);
		put_esc(out, n->organiser);
		fputs("</p>\n", out);
	}
	if (n->operator_ && *n->operator_) {
		fputs("<p>运营机构：", out);
		put_esc(out, n->operator_);
		fputs("</p>\n", out);
	}
	fputs("<p>", out);
	put_cn_date(out, n->issued);
	fputs("</p>\n</div>\n</div>\n</body>\n</html>\n", out);
}

int mp_notice_write(FILE *out, const mp_notice *n, mp_err *e)
{
	mp_err_clear(e);
	if (n->np <= 0)
		return mp_err_set(e, MP_EINVAL,
		                  _("%s has no approved project to publish"), n->round);
	write_page(out, n);
	if (fflush(out) == EOF || ferror(out))
		return mp_err_set(e, MP_EIO, _("cannot write the public notice: %s"),
		                  strerror(errno));
	return MP_OK;
}
