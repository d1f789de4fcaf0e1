/* describe.c — a record named in messages with its kind.
 *
 * A question such as "move “郭晓明” to the recycle bin?" on a service
 * record reads as if the volunteer were deleted.  Messages about one
 * record therefore name it through here: its kind, then what its table
 * says a person calls it (mp_table.describe), so that the screens say the
 * same for every type without knowing any. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "mp_i18n.h"
#include "mp_record.h"

/* A buffer cut by snprintf may end inside a character: drop that half,
 * so that a message never shows a broken Chinese character. */
static void cut_whole(char *buf)
{
	size_t n = strlen(buf), lead = n, need;
	unsigned char c;

	while (lead > 0 && n - lead < 4 &&
	       ((unsigned char)buf[lead - 1] & 0xC0) == 0x80)
		lead--;
	if (lead == 0)
		return;
	c = (unsigned char)buf[lead - 1];
	need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
	if (n - (lead - 1) < need)
		buf[lead - 1] = '\0';
}

void mp_describe_fields(mp_db *db, const mp_record *r, char *buf,
                        size_t size, int n, const int *fields)
{
	size_t used = 0;

	if (size == 0)
		return;
	buf[0] = '\0';
	for (int k = 0; k < n && fields[k] >= 0; k++) {
		char one[256];
		int i = fields[k];

		if (i >= r->t->nfields || !r->v[i][0])
			continue;
		mp_field_display(db, r, i, 1, one, sizeof one);
		if (!one[0] || used >= size)
			continue;
		used += (size_t)snprintf(buf + used, size - used, "%s%s",
		                         used ? " " : "", one);
	}
}

const char *mp_record_name(mp_db *db, const mp_record *r, char *buf,
                           size_t size)
{
	if (size == 0)
		return buf;
	buf[0] = '\0';
	if (r->t->describe)
		r->t->describe(db, r, buf, size);
	if (!buf[0] && r->t->nfields > 0)
		mp_field_display(db, r, 0, 1, buf, size);
	cut_whole(buf);
	return buf;
}

const char *mp_record_describe(mp_db *db, const mp_record *r, char *buf,
                               size_t size)
{
	char name[512];

	mp_record_name(db, r, name, sizeof name);
	/* TRANSLATORS: a kind of record, then what it is called:
	 * 服务记录“郭晓明 2026-12-01 3.5 小时”. */
	if (size == 0)
		return buf;
	snprintf(buf, size, _("%s “%s”"), _(r->t->unit_en), name);
	cut_whole(buf);
	return buf;
}

int mp_record_describe_id(mp_db *db, const mp_table *t, int64_t id,
                          char *buf, size_t size, mp_err *e)
{
	mp_record *r = NULL;
	int rc = mp_record_load(db, t, id, &r, e);

	if (rc != MP_OK)
		return rc;
	mp_record_describe(db, r, buf, size);
	mp_record_free(r);
	return MP_OK;
}
