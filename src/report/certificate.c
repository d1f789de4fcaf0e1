/* certificate.c — certificates of volunteer service (志愿服务证明).
 *
 * The certificate is a Chinese document handed to a volunteer, so its body
 * is fixed Chinese whatever the operator's language; only the errors go
 * through gettext.  The page is one self-contained HTML file (inline CSS,
 * no images, no scripts) that a browser prints on one A4 sheet. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "mp_activity.h"
#include "mp_certificate.h"
#include "mp_check.h"
#include "mp_html.h"
#include "mp_i18n.h"
#include "mp_text.h"
#include "mp_volunteer.h"

/* One organization's part of the service. */
struct part {
	char *group;      /* the group's name, "" for records without one */
	char first[11], last[11];
	long records;
	long hundredths;
};

struct service {
	struct part *p;
	int n;
	long records;
	long hundredths;
	char first[11], last[11];
};

static void service_free(struct service *s)
{
	int i;

	for (i = 0; i < s->n; i++)
		free(s->p[i].group);
	free(s->p);
	memset(s, 0, sizeof *s);
}

static void copy_text(char *dst, size_t size, sqlite3_stmt *st, int col)
{
	const char *s = (const char *)sqlite3_column_text(st, col);

	snprintf(dst, size, "%s", s ? s : "");
}

/* The counting service of volunteer vid in [from, to] ("" = open),
 * per organization in the order the volunteer first served them. */
static int load_service(mp_db *db, int64_t vid, const char *from,
                        const char *to, struct service *s, mp_err *e)
{
	sqlite3_stmt *st = NULL;
	int rc, ret;

	memset(s, 0, sizeof *s);
	ret = mp_db_prepare(db,
		"SELECT ifnull(g.name, ''), min(h.date), max(h.date), count(*),"
		" sum(round(h.hours * 100))"
		" FROM hours h LEFT JOIN groups g ON g.id = h.group_id"
		" WHERE h.deleted_at IS NULL AND h.volunteer_id = ?1"
		" AND h.counts = '是'"
		" AND (?2 = '' OR h.date >= ?2) AND (?3 = '' OR h.date <= ?3)"
		" GROUP BY h.group_id ORDER BY min(h.date), 1", &st, e);
	if (ret != MP_OK)
		return ret;
	rc = sqlite3_bind_int64(st, 1, vid);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 2, from, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 3, to, -1, SQLITE_STATIC);
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct part *p = realloc(s->p, (size_t)(s->n + 1) * sizeof *p);

		if (!p) {
			sqlite3_finalize(st);
			service_free(s);
			return mp_err_set(e, MP_ENOMEM, _("out of memory"));
		}
		s->p = p;
		p = &s->p[s->n++];
		p->group = mp_strdup((const char *)sqlite3_column_text(st, 0));
		copy_text(p->first, sizeof p->first, st, 1);
		copy_text(p->last, sizeof p->last, st, 2);
		p->records = (long)sqlite3_column_int64(st, 3);
		p->hundredths = (long)sqlite3_column_int64(st, 4);
		s->records += p->records;
		s->hundredths += p->hundredths;
		if (!s->first[0] || strcmp(p->first, s->first) < 0)
			memcpy(s->first, p->first, sizeof s->first);
		if (strcmp(p->last, s->last) > 0)
			memcpy(s->last, p->last, sizeof s->last);
		rc = SQLITE_OK;
	}
	if (rc != SQLITE_DONE) {
		ret = mp_db_fail(db, rc, e);
		service_free(s);
	}
	sqlite3_finalize(st);
	return ret;
}

/* "YYYY-MM-DD HH:MM:SS" now; the date honours $MIAOPU_TODAY. */
static void issued_now(char out[20])
{
	const char *fixed = getenv("MIAOPU_TODAY");
	char today[11];

	mp_now(out);
	if (fixed && *fixed) {
		mp_today(today);
		memcpy(out, today, 10);
	}
}

/* The next number of the year: "ZM2026-000013".  Inside the caller's
 * write transaction, so that nobody takes the same one meanwhile. */
static int next_number(mp_db *db, const char *year, char out[32], mp_err *e)
{
	sqlite3_stmt *st = NULL;
	char prefix[8], like[12];
	long long seq = 0;
	int rc, ret;

	snprintf(prefix, sizeof prefix, "ZM%.4s-", year);
	snprintf(like, sizeof like, "%s%%", prefix);
	ret = mp_db_prepare(db, "SELECT ifnull(max(CAST(substr(cert_no, 8) AS INTEGER)), 0)"
	                    " FROM certificates WHERE cert_no LIKE ?", &st, e);
	if (ret != MP_OK)
		return ret;
	rc = sqlite3_bind_text(st, 1, like, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		seq = sqlite3_column_int64(st, 0);
	else
		ret = mp_db_fail(db, rc, e);
	sqlite3_finalize(st);
	snprintf(out, 32, "%s%06lld", prefix, seq + 1);
	return ret;
}

static int record_certificate(mp_db *db, const mp_config *cfg,
                              const char *no, int64_t vid,
                              const struct service *s, const char *from,
                              const char *to, const char *now, mp_err *e)
{
	sqlite3_stmt *st = NULL;
	char uuid[37];
	int rc, ret;

	mp_uuid_new(uuid);
	ret = mp_db_prepare(db, "INSERT INTO certificates (uuid, cert_no, volunteer_id,"
	                    " date_from, date_to, total_hours, issued_at, issued_by)"
	                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", &st, e);
	if (ret != MP_OK)
		return ret;
	rc = sqlite3_bind_text(st, 1, uuid, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 2, no, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(st, 3, vid);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 4, from, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 5, to, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_double(st, 6, s->hundredths / 100.0);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 7, now, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 8, cfg && cfg->operator_name
		                       ? cfg->operator_name : "", -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc != SQLITE_DONE)
		ret = mp_db_fail(db, rc, e);
	sqlite3_finalize(st);
	return ret;
}

/* ---- the page ---- */

/* s escaped, or a line to fill in by hand when s is empty. */
static void put_or_blank(FILE *out, const char *s)
{
	if (s && *s)
		mp_html_esc(out, s);
	else
		fputs("<span class=\"blank\"></span>", out);
}

static const char css[] =
	"@page { size: A4; margin: 18mm }\n"
	"html, body { margin: 0; padding: 0; background: #fff; color: #000 }\n"
	"body { font-family: \"Noto Serif CJK SC\", \"Noto Sans CJK SC\", \"SimSun\", serif;"
	" font-size: 12pt; line-height: 1.7 }\n"
	".sheet { max-width: 174mm; margin: 0 auto }\n"
	".no { text-align: right; font-size: 10.5pt; margin: 0 }\n"
	"h1 { text-align: center; font-size: 26pt; letter-spacing: 0.4em;"
	" margin: 6mm 0 8mm; font-weight: bold }\n"
	"p.text { text-indent: 2em; font-size: 13pt; line-height: 2; margin: 0 0 4mm }\n"
	"h2 { font-size: 12pt; font-weight: bold; margin: 2mm 0 1mm }\n"
	"table { width: 100%; border-collapse: collapse; font-size: 10.5pt;"
	" line-height: 1.35; margin: 0 0 6mm }\n"
	"tr { page-break-inside: avoid; break-inside: avoid }\n"
	"th, td { border: 0.75pt solid #000; padding: 1.2mm 2mm; vertical-align: middle }\n"
	"th { font-weight: bold; background: #eee }\n"
	"td.n, th.n { text-align: right; white-space: nowrap }\n"
	"td.d { white-space: nowrap }\n"
	"table.compact { font-size: 9.5pt; line-height: 1.25 }\n"
	"table.compact th, table.compact td { padding: 0.7mm 1.5mm }\n"
	"table.dense { font-size: 8pt; line-height: 1.15 }\n"
	"table.dense th, table.dense td { padding: 0.3mm 1.2mm }\n"
	".sign { margin: 8mm 0 0 50%; line-height: 2 }\n"
	".sign p { margin: 0 }\n"
	".blank { display: inline-block; min-width: 40mm;"
	" border-bottom: 0.75pt solid #000 }\n"
	"@media screen { body { padding: 18mm } }\n";

static void write_page(FILE *out, const mp_config *cfg, const mp_record *v,
                       const struct service *s, const char *from,
                       const char *to, const char *no, const char *now)
{
	const char *cls = s->n > 24 ? " class=\"dense\"" : s->n > 10 ? " class=\"compact\"" : "";
	char hs[32], today[11];
	int i;

	snprintf(today, sizeof today, "%.10s", now);
	fputs("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n"
	      "<meta charset=\"utf-8\">\n<title>志愿服务证明 ", out);
	mp_html_esc(out, no);
	fputs("</title>\n<style>\n", out);
	fputs(css, out);
	fputs("</style>\n</head>\n<body>\n<div class=\"sheet\">\n", out);

	fputs("<p class=\"no\">证明编号：", out);
	mp_html_esc(out, no);
	fputs("</p>\n<h1>志愿服务证明</h1>\n", out);

	fputs("<p class=\"text\">兹证明 <b>", out);
	mp_html_esc(out, v->v[V_NAME]);
	fputs("</b> 同志（", out);
	{
		const char *sep = "";
		char masked[128];

		if (v->v[V_ID_TYPE][0]) {
			fputs("证件类型：", out);
			mp_html_esc(out, v->v[V_ID_TYPE]);
			sep = "，";
		}
		if (v->v[V_ID_NO][0]) {
			fprintf(out, "%s证件号码：", sep);
			mp_html_esc(out, mp_mask(v->v[V_ID_NO], masked, sizeof masked));
			sep = "，";
		}
		if (v->v[V_VOL_NO][0]) {
			fprintf(out, "%s志愿者编号：", sep);
			mp_html_esc(out, v->v[V_VOL_NO]);
		}
	}
	fputs("）于 ", out);
	mp_html_cn_date(out, from);
	fputs(" 至 ", out);
	mp_html_cn_date(out, to);
	fprintf(out, " 期间参加志愿服务，累计服务时长 <b>%s</b> 小时。特此证明。</p>\n",
	        mp_hours_str(s->hundredths / 100.0, hs, sizeof hs));

	fprintf(out, "<h2>服务情况</h2>\n<table%s>\n<thead><tr><th class=\"n\">序号</th>"
	        "<th>组织</th><th>服务起止日期</th><th class=\"n\">次数</th>"
	        "<th class=\"n\">时长（小时）</th></tr></thead>\n<tbody>\n", cls);
	for (i = 0; i < s->n; i++) {
		const struct part *p = &s->p[i];

		fprintf(out, "<tr><td class=\"n\">%d</td><td>", i + 1);
		if (p->group[0])
			mp_html_esc(out, p->group);
		else
			fputs("（未注明组织）", out);
		fputs("</td><td class=\"d\">", out);
		mp_html_esc(out, p->first);
		if (strcmp(p->first, p->last)) {
			fputs(" 至 ", out);
			mp_html_esc(out, p->last);
		}
		fprintf(out, "</td><td class=\"n\">%ld</td><td class=\"n\">%s</td></tr>\n",
		        p->records, mp_hours_str(p->hundredths / 100.0, hs, sizeof hs));
	}
	fprintf(out, "</tbody>\n<tfoot><tr><th colspan=\"3\">合计</th>"
	        "<th class=\"n\">%ld</th><th class=\"n\">%s</th></tr></tfoot>\n</table>\n",
	        s->records, mp_hours_str(s->hundredths / 100.0, hs, sizeof hs));

	fputs("<div class=\"sign\">\n<p>开具单位：", out);
	put_or_blank(out, cfg ? cfg->station : NULL);
	fputs("（盖章）</p>\n<p>负责人：", out);
	put_or_blank(out, cfg ? cfg->station_head : NULL);
	fputs("</p>\n<p>联系电话：", out);
	put_or_blank(out, cfg ? cfg->station_phone : NULL);
	fputs("</p>\n<p>开具日期：", out);
	mp_html_cn_date(out, today);
	fputs("</p>\n</div>\n</div>\n</body>\n</html>\n", out);
}

/* A date bound of the period: "" stays open, anything else must parse. */
static int period_bound(const char *in, char out[11], mp_err *e)
{
	out[0] = '\0';
	if (!in || !*in)
		return MP_OK;
	switch (mp_date_parse(in, out)) {
	case MP_DATE_OK:
		return MP_OK;
	case MP_DATE_NOSUCHDAY:
		return mp_err_set(e, MP_EINVAL, _("%s does not exist"), in);
	default:
		return mp_err_set(e, MP_EINVAL, _("“%s” is not a date (write it as 2024-03-05)"), in);
	}
}

int mp_certificate_issue(mp_db *db, const mp_config *cfg, int64_t volunteer_id,
                         const char *from, const char *to, FILE *out,
                         char cert_no[32], mp_err *e)
{
	struct service s;
	mp_record *v = NULL;
	char f[11], t[11], now[20];
	const char *pf, *pt;
	int ret;

	mp_err_clear(e);
	cert_no[0] = '\0';
	ret = period_bound(from, f, e);
	if (ret == MP_OK)
		ret = period_bound(to, t, e);
	if (ret != MP_OK)
		return ret;
	if (f[0] && t[0] && strcmp(f, t) > 0)
		return mp_err_set(e, MP_EINVAL, _("the period starts on %s, after it ends (%s)"), f, t);

	ret = mp_record_load(db, &mp_volunteers, volunteer_id, &v, e);
	if (ret != MP_OK)
		return ret;
	if (v->deleted[0]) {
		ret = mp_err_set(e, MP_ENOTFOUND, _("%s is in the recycle bin: restore the volunteer first"),
		                 v->v[V_NAME]);
		mp_record_free(v);
		return ret;
	}
	ret = load_service(db, volunteer_id, f, t, &s, e);
	if (ret != MP_OK) {
		mp_record_free(v);
		return ret;
	}
	if (s.hundredths <= 0) {
		ret = mp_err_set(e, MP_EINVAL, _("%s has no service hours that count in this period"),
		                 v->v[V_NAME]);
		goto out;
	}
	/* The period on the certificate: as asked, or the first and last day
	 * of service when open. */
	pf = f[0] ? f : s.first;
	pt = t[0] ? t : s.last;

	issued_now(now);
	ret = mp_db_begin(db, e);
	if (ret != MP_OK)
		goto out;
	ret = next_number(db, now, cert_no, e);
	if (ret == MP_OK)
		ret = record_certificate(db, cfg, cert_no, volunteer_id, &s, pf, pt, now, e);
	if (ret == MP_OK) {
		/* The number is only kept if the page was written whole. */
		write_page(out, cfg, v, &s, pf, pt, cert_no, now);
		if (fflush(out) == EOF || ferror(out))
			ret = mp_err_set(e, MP_EIO, _("cannot write the certificate: %s"),
			                 strerror(errno));
	}
	if (ret == MP_OK)
		ret = mp_db_commit(db, e);
	if (ret != MP_OK) {
		mp_db_rollback(db);
		cert_no[0] = '\0';
	}
out:
	service_free(&s);
	mp_record_free(v);
	return ret;
}
