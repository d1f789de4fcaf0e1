/* draft.c — the LEDGER-draft file (mp_draft.h).
 *
 * Line-based text:  "miaopu-draft 1", "table NAME", "id N", then one
 * "COLUMN VALUE" line a field, with backslash, newline and carriage return
 * in values written as \\, \n and \r. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mp_draft.h"
#include "mp_registry.h"
#include "mp_i18n.h"
#include "mp_text.h"

#define MAGIC "miaopu-draft 1"

static char *draft_path(const char *dbpath)
{
	return mp_asprintf("%s-draft", dbpath);
}

static void put_escaped(FILE *f, const char *s)
{
	for (; *s; s++) {
		if (*s == '\\')
			fputs("\\\\", f);
		else if (*s == '\n')
			fputs("\\n", f);
		else if (*s == '\r')
			fputs("\\r", f);
		else
			fputc(*s, f);
	}
}

static void unescape(char *s)
{
	char *o = s;

	for (; *s; s++) {
		if (*s == '\\' && s[1]) {
			s++;
			*o++ = *s == 'n' ? '\n' : *s == 'r' ? '\r' : *s;
		} else {
			*o++ = *s;
		}
	}
	*o = '\0';
}

int mp_draft_save(const char *dbpath, const mp_record *r, mp_err *e)
{
	char *path = draft_path(dbpath), *tmp = mp_asprintf("%s.tmp", path);
	int fd, rc = MP_OK;
	FILE *f;

	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	f = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (!f) {
		rc = mp_err_set(e, MP_EIO, _("cannot write “%s”: %s"), tmp, strerror(errno));
		if (fd >= 0)
			close(fd);
		goto out;
	}
	fprintf(f, "%s\ntable %s\nid %lld\n", MAGIC, r->t->name, (long long)r->id);
	for (int i = 0; i < r->t->nfields; i++) {
		fprintf(f, "%s ", r->t->fields[i].col);
		put_escaped(f, r->v[i]);
		fputc('\n', f);
	}
	if (fflush(f) != 0 || fsync(fileno(f)) != 0)
		rc = mp_err_set(e, MP_EIO, _("cannot write “%s”: %s"), tmp, strerror(errno));
	if (fclose(f) != 0 && rc == MP_OK)
		rc = mp_err_set(e, MP_EIO, _("cannot write “%s”: %s"), tmp, strerror(errno));
	if (rc == MP_OK && rename(tmp, path) != 0)
		rc = mp_err_set(e, MP_EIO, _("cannot write “%s”: %s"), path, strerror(errno));
	if (rc != MP_OK)
		unlink(tmp);
out:
	free(tmp);
	free(path);
	return rc;
}

int mp_draft_load(const char *dbpath, mp_record **out, mp_err *e)
{
	char *path = draft_path(dbpath), *line = NULL;
	const mp_table *t = NULL;
	mp_record *r = NULL;
	size_t cap = 0;
	ssize_t n;
	int lineno = 0, rc = MP_OK;
	FILE *f;

	*out = NULL;
	f = fopen(path, "r");
	if (!f) {
		rc = errno == ENOENT ? MP_ENOTFOUND
		     : mp_err_set(e, MP_EINVAL, _("cannot read “%s”: %s"), path, strerror(errno));
		free(path);
		return rc;
	}
	while ((n = getline(&line, &cap, f)) >= 0) {
		char *sp;

		if (n > 0 && line[n - 1] == '\n')
			line[n - 1] = '\0';
		lineno++;
		sp = strchr(line, ' ');
		if (lineno == 1) {
			if (strcmp(line, MAGIC) != 0)
				break;
			continue;
		}
		if (!sp)
			continue;
		*sp++ = '\0';
		if (!r && strcmp(line, "table") == 0) {
			t = mp_table_by_name(sp);
			if (!t)
				break;
			r = mp_record_new(t, NULL);
		} else if (r && strcmp(line, "id") == 0) {
			r->id = strtoll(sp, NULL, 10);
		} else if (r) {
			int i = -1;

			for (int k = 0; k < t->nfields; k++)
				if (strcmp(t->fields[k].col, line) == 0)
					i = k;
			if (i >= 0) {
				unescape(sp);
				mp_record_set(r, i, sp);
			}
		}
	}
	fclose(f);
	free(line);
	if (!r) {
		rc = mp_err_set(e, MP_EINVAL, _("“%s” is not a form kept by miaopu"), path);
	} else {
		*out = r;
	}
	free(path);
	return rc;
}

void mp_draft_discard(const char *dbpath)
{
	char *path = draft_path(dbpath);

	unlink(path);
	free(path);
}
