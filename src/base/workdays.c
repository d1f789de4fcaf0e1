/* workdays.c — working days (工作日): Monday to Friday, less the public
 * holidays and plus the weekend days worked in exchange (mp_workdays.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "mp_check.h"
#include "mp_err.h"
#include "mp_text.h"
#include "mp_i18n.h"
#include "mp_workdays.h"

/* The State Council's notices on public holidays (国务院办公厅关于部分节假日
 * 安排的通知): every day off, and every weekend day worked in exchange.
 * Kept sorted (bsearch). */
static const char *const cn_holidays[] = {
	/* 2025 */
	"2025-01-01",
	"2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31", "2025-02-01",
	"2025-02-02", "2025-02-03", "2025-02-04",
	"2025-04-04", "2025-04-05", "2025-04-06",
	"2025-05-01", "2025-05-02", "2025-05-03", "2025-05-04", "2025-05-05",
	"2025-05-31", "2025-06-01", "2025-06-02",
	"2025-10-01", "2025-10-02", "2025-10-03", "2025-10-04", "2025-10-05",
	"2025-10-06", "2025-10-07", "2025-10-08",
	/* 2026 */
	"2026-01-01", "2026-01-02", "2026-01-03",
	"2026-02-15", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19",
	"2026-02-20", "2026-02-21", "2026-02-22", "2026-02-23",
	"2026-04-04", "2026-04-05", "2026-04-06",
	"2026-05-01", "2026-05-02", "2026-05-03", "2026-05-04", "2026-05-05",
	"2026-06-19", "2026-06-20", "2026-06-21",
	"2026-09-25", "2026-09-26", "2026-09-27",
	"2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04", "2026-10-05",
	"2026-10-06", "2026-10-07",
};
static const char *const cn_workdays[] = {
	/* 2025 */
	"2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11",
	/* 2026 */
	"2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20",
	"2026-10-10",
};

const mp_calendar mp_calendar_cn = {
	.holidays = cn_holidays,
	.nholidays = sizeof cn_holidays / sizeof cn_holidays[0],
	.workdays = cn_workdays,
	.nworkdays = sizeof cn_workdays / sizeof cn_workdays[0],
};

/* The calendar's days (built-in and from the settings) and its own
 * copies of the settings' dates. */
struct calendar {
	mp_calendar c;
	char (*dates)[11];
};

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* builtin[0..nb-1] and the dates of l (normalised into *store, from
 * *used on) as one sorted array of n. */
static const char **merge(const char *const *builtin, int nb,
                          const mp_strlist *l, char (*store)[11], int *used,
                          int *n)
{
	const char **v = calloc((size_t)(nb + (l ? l->n : 0) + 1), sizeof *v);
	int i;

	if (!v)
		mp_oom();
	for (i = 0; i < nb; i++)
		v[i] = builtin[i];
	*n = nb;
	for (i = 0; l && i < l->n; i++) {
		if (mp_date_parse(l->v[i], store[*used]) != MP_DATE_OK)
			continue;
		v[(*n)++] = store[(*used)++];
	}
	qsort(v, (size_t)*n, sizeof *v, cmp_str);
	return v;
}

mp_calendar *mp_calendar_new(const mp_config *cfg)
{
	const mp_strlist *h = cfg ? mp_config_choices(cfg, MP_CH_HOLIDAYS) : NULL;
	const mp_strlist *w = cfg ? mp_config_choices(cfg, MP_CH_WORKDAYS) : NULL;
	struct calendar *k = calloc(1, sizeof *k);
	int used = 0, n;

	if (!k)
		mp_oom();
	k->dates = calloc((size_t)((h ? h->n : 0) + (w ? w->n : 0) + 1), sizeof *k->dates);
	if (!k->dates)
		mp_oom();
	k->c.holidays = merge(cn_holidays, (int)(sizeof cn_holidays / sizeof cn_holidays[0]),
	                      h, k->dates, &used, &n);
	k->c.nholidays = n;
	k->c.workdays = merge(cn_workdays, (int)(sizeof cn_workdays / sizeof cn_workdays[0]),
	                      w, k->dates, &used, &n);
	k->c.nworkdays = n;
	/* The first member: the calendar is the struct. */
	return &k->c;
}

void mp_calendar_free(mp_calendar *c)
{
	struct calendar *k = (struct calendar *)c;

	if (!k)
		return;
	free((void *)k->c.holidays);
	free((void *)k->c.workdays);
	free(k->dates);
	free(k);
}

static int cmp_date(const void *key, const void *elem)
{
	return strcmp((const char *)key, *(const char *const *)elem);
}

static int listed(const char *const *v, int n, const char *date)
{
	return n > 0 && bsearch(date, v, (size_t)n, sizeof *v, cmp_date) != NULL;
}

/* Whether day number z is a working day (its date in buf). */
static int workday(const mp_calendar *cal, long z)
{
	char d[11];
	/* 1970-01-01 was a Thursday: 0 = Monday ... 6 = Sunday. */
	int wd = (int)(((z % 7) + 7 + 3) % 7);

	mp_day_string(z, d);
	if (listed(cal->holidays, cal->nholidays, d))
		return 0;
	if (wd >= 5)
		return listed(cal->workdays, cal->nworkdays, d);
	return 1;
}

int mp_workday_is(const mp_calendar *cal, const char *date)
{
	int ok;
	long z = mp_day_number(date, &ok);

	if (!ok)
		return -1;
	return workday(cal ? cal : &mp_calendar_cn, z);
}

int mp_workdays_period(const mp_calendar *cal, const char *from, int days,
                       char start[11], char end[11], mp_err *e)
{
	int ok, n;
	long z;

	start[0] = end[0] = '\0';
	if (!cal)
		cal = &mp_calendar_cn;
	z = mp_day_number(from ? from : "", &ok);
	if (!ok)
		return mp_err_set(e, MP_EINVAL, _("“%s” is not a date (write it as 2024-03-05)"),
		                  from ? from : "");
	if (days < 1 || days > 60)
		return mp_err_set(e, MP_EINVAL,
		                  _("a public notice runs 1 to 60 working days, not %d"), days);
	/* No year has 15 days off in a row, so these walks are short. */
	while (!workday(cal, z))
		z++;
	mp_day_string(z, start);
	for (n = 1; n < days; n++) {
		z++;
		while (!workday(cal, z))
			z++;
	}
	mp_day_string(z, end);
	return MP_OK;
}
