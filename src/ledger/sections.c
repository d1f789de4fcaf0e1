/* sections.c — the table of the screen's sections, and the arithmetic of
 * reaching them (keys, the number typed in the menu, the tab bar's room).
 *
 * A section names its record type by name rather than by &mp_x, so that
 * this table depends on no record type's file: the registry resolves it. */
#include "config.h"

#include <string.h>

#include "mp_registry.h"
#include "mp_i18n.h"
#include "mp_sections.h"
#include "mp_text.h"

static const mp_section sections[] = {
	{ .title_en = N_("Overview"),   .shows = MP_SEC_OVERVIEW },
	{ .title_en = N_("Groups"),     .shows = MP_SEC_LIST, .table = "groups" },
	{ .title_en = N_("Activities"), .shows = MP_SEC_LIST, .table = "activities" },
	{ .title_en = N_("Volunteers"), .shows = MP_SEC_LIST, .table = "volunteers" },
	{ .title_en = N_("Trainings"),  .shows = MP_SEC_LIST, .table = "trainings" },
	{ .title_en = N_("Visits"),     .shows = MP_SEC_LIST, .table = "visits" },
	{ .title_en = N_("Reports"),    .shows = MP_SEC_REPORT },
	/* issue 16 (branch projects): 公益创投 rounds, then their applications */
	{ .title_en = N_("Projects"),   .shows = MP_SEC_LIST, .table = "rounds" },
	/* issue 17 (branch bases): incubation bases, their stays and services */
	{ .title_en = N_("Bases"),      .shows = MP_SEC_LIST, .table = "bases" },
};

#define NSECTIONS ((int)(sizeof sections / sizeof sections[0]))

int mp_section_count(void)
{
	return NSECTIONS;
}

const mp_section *mp_section_get(int i)
{
	return i >= 0 && i < NSECTIONS ? &sections[i] : NULL;
}

int mp_section_key(int i)
{
	return i >= 0 && i < NSECTIONS && i < 9 ? '1' + i : 0;
}

int mp_section_by_key(int ch)
{
	int i = ch - '1';

	return ch >= '1' && ch <= '9' && i < NSECTIONS ? i : -1;
}

const mp_table *mp_section_table(const mp_section *s)
{
	return s && s->shows == MP_SEC_LIST ? mp_table_by_name(s->table) : NULL;
}

void mp_sections_print(FILE *out, int indent, int width)
{
	int col = indent;

	for (int i = 0; i < NSECTIONS; i++) {
		char item[128];
		int w;

		snprintf(item, sizeof item, "%d %s", i + 1, _(sections[i].title_en));
		w = mp_text_width(item);
		if (i > 0 && col + 2 + w > width) {
			fprintf(out, "\n%*s", indent, "");
			col = indent;
		} else if (i > 0) {
			fputs("  ", out);
			col += 2;
		}
		fputs(item, out);
		col += w;
	}
	fputc('\n', out);
}

int mp_sections_type(int typed, int digit, int count, int *go)
{
	int n = typed * 10 + digit;

	*go = 0;
	/* Digits that can no longer name a section start a new number. */
	if (typed < 0 || typed > count || n < 1 || n > count)
		n = digit;
	if (n < 1 || n > count)
		return 0;
	*go = n > count / 10;   /* no n0 … n9 to wait for */
	return n;
}

void mp_sections_tabs(const int *width, int n, int cur, int cols,
                      int left_w, int more_w, mp_tabs *out)
{
	int total = 0, room, used;

	memset(out, 0, sizeof *out);
	if (n <= 0) {
		out->last = -1;
		return;
	}
	if (cur < 0 || cur >= n)
		cur = 0;
	for (int i = 0; i < n; i++)
		total += width[i];
	out->last = n - 1;
	if (total <= cols)
		return;

	/* Not all fit: the first ones, while the current one is among them. */
	out->more = 1;
	room = cols - more_w;
	used = 0;
	out->last = -1;
	for (int i = 0; i < n && used + width[i] <= room; i++) {
		used += width[i];
		out->last = i;
	}
	if (cur <= out->last)
		return;

	/* Otherwise the current one and as many before it as fit; after it,
	 * what room a wide tab before it left. */
	out->left = 1;
	room -= left_w;
	out->first = out->last = cur;
	used = width[cur];
	while (out->first > 0 && used + width[out->first - 1] <= room)
		used += width[--out->first];
	while (out->last < n - 1 && used + width[out->last + 1] <= room)
		used += width[++out->last];
	if (out->first == 0)
		out->left = 0;
	if (out->first == 0 && out->last == n - 1)
		out->more = 0;
}
