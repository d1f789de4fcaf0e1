/* draft.c — the LEDGER-draft-HOST-PID files (mp_draft.h).
 *
 * Line-based text:  "miaopu-draft 1", then for each level "table NAME",
 * "id N", "version N" (the version the form was opened on, so that a
 * save of the kept form sees a change made meanwhile), then one
 * "COLUMN VALUE" line a field, with backslash, newline
 * and carriage return in values written as \\, \n and \r. */
#include "config.h"

#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mp_draft.h"
#include "mp_registry.h"
#include "mp_i18n.h"
#include "mp_text.h"

#define MAGIC "miaopu-draft 1"

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

static char *draft_path(const char *dbpath)
{
	char host[256] = "";

	gethostname(host, sizeof host - 1);
	for (char *p = host; *p; p++)
		if (*p == '/' || *p == '-')
			*p = '_';
	return mp_asprintf("%s-draft-%s-%ld", dbpath, host, (long)getpid());
}

int mp_draft_save(const char *dbpath, mp_record *const *levels, int n,
                  mp_err *e)
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
	fprintf(f, "%s\n", MAGIC);
	for (int k = 0; k < n; k++) {
		const mp_record *r = levels[k];

		fprintf(f, "table %s\nid %lld\nversion %lld\n", r->t->name, (long long)r->id,
		        (long long)r->version);
		for (int i = 0; i < r->t->nfields; i++) {
			fprintf(f, "%s ", r->t->fields[i].col);
			put_escaped(f, r->v[i]);
			fputc('\n', f);
		}
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

struct found {
	char *path;
	struct timespec when;
};

static int oldest_first(const void *a, const void *b)
{
	const struct found *x = a, *y = b;

	if (x->when.tv_sec != y->when.tv_sec)
		return x->when.tv_sec < y->when.tv_sec ? -1 : 1;
	if (x->when.tv_nsec != y->when.tv_nsec)
		return x->when.tv_nsec < y->when.tv_nsec ? -1 : 1;
	return strcmp(x->path, y->path);
}

int mp_draft_list(const char *dbpath, mp_strlist *files)
{
	const char *slash = strrchr(dbpath, '/');
	char *dir = slash ? mp_asprintf("%.*s", (int)(slash - dbpath + (slash == dbpath)), dbpath)
	                  : mp_strdup(".");
	char *prefix = mp_asprintf("%s-draft", slash ? slash + 1 : dbpath);
	size_t plen = strlen(prefix);
	DIR *d = opendir(dir);
	struct dirent *ent;
	struct found *all = NULL;
	int n = 0;

	while (d && (ent = readdir(d)) != NULL) {
		const char *name = ent->d_name, *rest = name + plen;
		size_t len = strlen(name);
		struct found *more;
		struct stat sb;
		char *f;

		if (strncmp(name, prefix, plen) != 0 || (*rest && *rest != '-')
		    || (len > 4 && strcmp(name + len - 4, ".tmp") == 0))
			continue;
		f = slash ? mp_asprintf("%s/%s", dir, name) : mp_strdup(name);
		more = realloc(all, (size_t)(n + 1) * sizeof *all);
		if (!more || stat(f, &sb) != 0 || !S_ISREG(sb.st_mode)) {
			if (more)
				all = more;
			free(f);
			continue;
		}
		all = more;
		all[n].path = f;
		all[n].when = sb.st_mtim;
		n++;
	}
	if (d)
		closedir(d);
	if (n > 1)
		qsort(all, (size_t)n, sizeof *all, oldest_first);
	for (int i = 0; i < n; i++) {
		mp_strlist_add(files, all[i].path);
		free(all[i].path);
	}
	free(all);
	free(prefix);
	free(dir);
	return n;
}

int mp_draft_load(const char *path, mp_record ***out, int *nout, mp_err *e)
{
	char *line = NULL;
	const mp_table *t = NULL;
	mp_record **lv = NULL, *r = NULL;
	size_t cap = 0;
	ssize_t n;
	int lineno = 0, nlv = 0, rc = MP_OK, bad = 0;
	FILE *f;

	*out = NULL;
	*nout = 0;
	f = fopen(path, "r");
	if (!f)
		return errno == ENOENT ? MP_ENOTFOUND
		       : mp_err_set(e, MP_EINVAL, _("cannot read “%s”: %s"), path, strerror(errno));
	while (!bad && (n = getline(&line, &cap, f)) >= 0) {
		char *sp;

		if (n > 0 && line[n - 1] == '\n')
			line[n - 1] = '\0';
		lineno++;
		sp = strchr(line, ' ');
		if (lineno == 1) {
			if (strcmp(line, MAGIC) != 0)
				bad = 1;
			continue;
		}
		if (!sp)
			continue;
		*sp++ = '\0';
		if (strcmp(line, "table") == 0) {
			mp_record **more;

			t = mp_table_by_name(sp);
			more = t ? realloc(lv, (size_t)(nlv + 1) * sizeof *lv) : NULL;
			if (!more) {
				bad = 1;
				continue;
			}
			lv = more;
			r = lv[nlv++] = mp_record_new(t, NULL);
		} else if (r && strcmp(line, "id") == 0) {
			r->id = strtoll(sp, NULL, 10);
		} else if (r && strcmp(line, "version") == 0) {
			r->version = strtoll(sp, NULL, 10);
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
	if (bad || !nlv) {
		mp_draft_free(lv, nlv);
		rc = mp_err_set(e, MP_EINVAL, _("“%s” is not a form kept by miaopu"), path);
	} else {
		*out = lv;
		*nout = nlv;
	}
	return rc;
}

void mp_draft_free(mp_record **levels, int n)
{
	for (int i = 0; i < n; i++)
		mp_record_free(levels[i]);
	free(levels);
}

void mp_draft_discard(const char *file)
{
	unlink(file);
}
