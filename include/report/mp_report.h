/* mp_report.h — the summary report (汇总报表) for the civil-affairs bureau.
 *
 * A report is a list of small tables (a title, column heads, rows of
 * cells as text) built for a period and optionally one community.  The
 * same tables go to the screen, to text, to CSV and to XLSX, so every
 * figure the screen shows is exported as it is shown. */
#ifndef MP_REPORT_H
#define MP_REPORT_H

#include <stdio.h>

#include "mp_config.h"
#include "mp_db.h"
#include "mp_figures.h"

/* Build the report for from..to (YYYY-MM-DD, from <= to) and community
 * (NULL or "" for all).  Figures:
 *  - groups (live, not 注销): total, new in the period (by founding date,
 *    else the date they were entered), in the incubation base at the end
 *    of the period, observation points; by legal status, category, kind,
 *    grade, stage and community;
 *  - hub coverage: communities of the settings (or, with none set, those
 *    the groups name) with at least one active 枢纽型 group;
 *  - activities in the period: 场次, participants and beneficiaries (人次),
 *    by the category of the group and by month (with service hours);
 *  - volunteers: registered (在册, registered by the end of the period),
 *    active in the period (a service record that counts), service hours,
 *    the ten with most hours;
 *  - trainings: sessions, hours, attending groups, people;
 *  - visits: number, by rating, follow-ups set, completed, overdue.
 * With a community, groups, activities and visits are those of groups in
 * it, volunteers and service hours those of volunteers living in it.
 * Returns MP_OK or fills e (MP_EINVAL for a bad period). */
int mp_report_build(mp_db *db, const mp_config *cfg, const char *from,
                    const char *to, const char *community, mp_report *r,
                    mp_err *e);

void mp_report_free(mp_report *r);

/* The table titled title (translated), or NULL. */
const mp_rtable *mp_report_table(const mp_report *r, const char *title);

/* The heading's three lines, newly allocated (free each): the station and
 * "Summary report", the period, the community (or all). */
void mp_report_heading(const mp_report *r, char *h[3]);

/* Plain text: a heading, then each table with its columns aligned by
 * display width.  width > 0 (a screen's): after the bar column of a table,
 * a bar scaled to the column's largest value, as long as the line has room
 * for (at most 40 columns; none when less than 4 are left). */
int mp_report_write_text(const mp_report *r, FILE *out, int width, mp_err *e);

/* CSV, UTF-8 with a byte-order mark: each table as a title row, a head
 * row and its rows, tables separated by an empty row. */
int mp_report_write_csv(const mp_report *r, FILE *out, mp_err *e);

/* XLSX at path: one sheet per table, numbers as numbers. */
int mp_report_write_xlsx(const mp_report *r, const char *path, mp_err *e);

/* Write the report to path as format "text", "csv" or "xlsx", whole or
 * not at all. */
int mp_report_save(const mp_report *r, const char *format, const char *path,
                   mp_err *e);

#endif
