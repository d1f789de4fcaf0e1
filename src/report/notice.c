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

#include "mp_check.h"
#include "mp_html.h"
#include "mp_i18n.h"
#include "mp_money.h"
#include "mp_notice.h"
#include "mp_project.h"
#include "mp_ranking.h"
#include "mp_review.h"

/* ---- the page ---- */

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
	mp_html_esc(out, n->round);
	fputs("拟资助项目公示</title>\n<style>\n", out);
	fputs(css, out);
	fputs("</style>\n</head>\n<body>\n<div class=\"sheet\">\n<h1>关于", out);
	mp_html_esc(out, n->round);
	fputs("拟资助项目的公示</h1>\n", out);

	fputs("<p class=\"text\">经项目申报、资格审查和专家评审，", out);
	mp_html_esc(out, n->round);
	fprintf(out, "拟资助以下 %d 个项目，现予以公示。公示期为 ", n->np);
	mp_html_cn_date(out, n->start);
	fputs(" 至 ", out);
	mp_html_cn_date(out, n->end);
	fprintf(out, "（%d 个工作日）。</p>\n", n->days);
	fputs("<p class=\"text\">公示期间，如对公示项目有异议，请以书面形式实名向", out);
	if (n->contact && *n->contact)
		mp_html_esc(out, n->contact);
	else
		fputs("主办单位", out);
	fputs("反映", out);
	if (n->phone && *n->phone) {
		fputs("（联系电话：", out);
		mp_html_esc(out, n->phone);
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
		mp_html_esc(out, p->name);
		fputs("</td><td>", out);
		mp_html_esc(out, p->group);
		fputs("</td><td class=\"c\">", out);
		mp_html_esc(out, p->category);
		fputs("</td><td class=\"c\">", out);
		mp_html_esc(out, p->community);
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
			mp_html_esc(out, n->r[i].name);
			if (n->r[i].unit && *n->r[i].unit) {
				fputs("（", out);
				mp_html_esc(out, n->r[i].unit);
				fputs("）", out);
			}
		}
		fputs("。</p>\n", out);
	}

	fputs("<div class=\"sign\">\n", out);
	if (n->organiser && *n->organiser) {
		fputs("<p>主办单位：", out);
		mp_html_esc(out, n->organiser);
		fputs("</p>\n", out);
	}
	if (n->operator_ && *n->operator_) {
		fputs("<p>运营机构：", out);
		mp_html_esc(out, n->operator_);
		fputs("</p>\n", out);
	}
	fputs("<p>", out);
	mp_html_cn_date(out, n->issued);
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

/* ---- from the ledger ---- */

/* Whether an application in state s is on the notice: approved and not
 * stopped since. */
static int on_notice(const char *state)
{
	int s = mp_app_state_index(state);

	return s >= 0 && s != AS_STOPPED && mp_app_state_granted(s);
}

int mp_notice_make(mp_db *db, const mp_config *cfg, int64_t round_id,
                   const char *from, FILE *out, char start[11], char end[11],
                   mp_err *e)
{
	mp_ranking *rk = NULL;
	mp_calendar *cal;
	mp_notice_project *p = NULL;
	mp_notice_reviewer *rv = NULL;
	char day[11], today[11], published[11];
	int i, np = 0, days = 0, ret;
	mp_notice n;

	mp_err_clear(e);
	start[0] = end[0] = '\0';
	mp_today(today);
	cal = mp_calendar_new(cfg);
	if (from && *from) {
		switch (mp_date_parse(from, day)) {
		case MP_DATE_OK:
			break;
		case MP_DATE_NOSUCHDAY:
			mp_calendar_free(cal);
			return mp_err_set(e, MP_EINVAL, _("%s does not exist"), from);
		default:
			mp_calendar_free(cal);
			return mp_err_set(e, MP_EINVAL, _("“%s” is not a date (write it as 2024-03-05)"), from);
		}
	} else {
		char s[11], t[11];

		ret = mp_round_notice_period(db, cal, round_id, s, t, &days, e);
		if (ret == MP_OK)
			snprintf(day, sizeof day, "%s", s);
		else if (ret == MP_ENOTFOUND)
			snprintf(day, sizeof day, "%s", today);
		else
			goto out;
	}
	ret = mp_ranking_load(db, round_id, &rk, e);
	if (ret != MP_OK)
		goto out;
	days = rk->notice_days > 0 ? rk->notice_days : 5;
	ret = mp_workdays_period(cal, day, days, start, end, e);
	if (ret != MP_OK)
		goto out;
	p = calloc((size_t)(rk->nrows ? rk->nrows : 1), sizeof *p);
	rv = calloc((size_t)(rk->nrev ? rk->nrev : 1), sizeof *rv);
	if (!p || !rv)
		mp_oom();
	for (i = 0; i < rk->nrows; i++) {
		const mp_rank_row *w = &rk->rows[i];

		if (!on_notice(w->state))
			continue;
		p[np++] = (mp_notice_project){ w->name, w->group, w->category, w->community,
		                               w->st.mean, w->requested,
		                               w->granted > 0 ? w->granted : 0 };
	}
	for (i = 0; i < rk->nrev; i++)
		rv[i] = (mp_notice_reviewer){ rk->rev_name[i], rk->rev_unit[i] };
	/* The notice is dated the day it is published, or today when written
	 * before that. */
	snprintf(published, sizeof published, "%s", strcmp(day, today) < 0 ? day : today);
	n = (mp_notice){
		.round = rk->round, .organiser = rk->organiser, .operator_ = rk->operator_,
		.start = start, .end = end, .days = days, .issued = published,
		.contact = cfg && cfg->station ? cfg->station : "",
		.phone = cfg && cfg->station_phone ? cfg->station_phone : "",
		.p = p, .np = np, .r = rv, .nr = rk->nrev,
	};
	ret = mp_notice_write(out, &n, e);
out:
	if (ret != MP_OK)
		start[0] = end[0] = '\0';
	free(p);
	free(rv);
	mp_ranking_free(rk);
	mp_calendar_free(cal);
	return ret;
}
