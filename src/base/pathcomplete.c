/* pathcomplete.c — Tab completion of a typed file name.
 *
 * Reads only the one folder the typed path names (opendir), never a tree:
 * a home folder of thousands of files completes at once.  The typed text
 * is kept as typed ("~/" stays "~/"), only the name after the last '/'
 * grows, so that what the person sees is what they typed plus the rest. */
#include "config.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "mp_err.h"
#include "mp_path.h"
#include "mp_text.h"

char *mp_path_expand(const char *typed)
{
	const char *home = getenv("HOME");

	if (typed[0] == '~' && typed[1] == '/' && typed[2] == '/')
		return mp_strdup(typed + 2);
	if (typed[0] == '~' && (typed[1] == '/' || !typed[1]) && home && *home)
		return mp_asprintf("%s%s", home, typed + 1);
	return mp_strdup(typed);
}

int mp_path_exists(const char *typed)
{
	struct stat st;
	char *path = mp_path_expand(typed);
	int ok = stat(path, &st) == 0;

	free(path);
	return ok;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* How many leading bytes a and b share, never ending inside a UTF-8
 * character (a completed Chinese name is never cut in half). */
static size_t common(const char *a, const char *b)
{
	size_t n = 0;

	while (a[n] && a[n] == b[n])
		n++;
	while (n > 0 && ((unsigned char)a[n] & 0xC0) == 0x80)
		n--;
	return n;
}

int mp_path_complete(const char *typed, char **out, mp_strlist *choices,
                     int max)
{
	const char *slash = strrchr(typed, '/');
	const char *base = slash ? slash + 1 : typed;
	size_t dirlen = (size_t)(base - typed), blen = strlen(base);
	char *dirtyped, *dir;
	mp_strlist found = { NULL, 0 };
	struct dirent *d;
	DIR *dh;
	int n;

	/* "~" alone is the home folder: completing it means "~/". */
	if (!strcmp(typed, "~")) {
		*out = mp_strdup("~/");
		if (choices)
			mp_strlist_add(choices, "~/");
		return 1;
	}
	dirtyped = mp_strdup(typed);
	dirtyped[dirlen] = '\0';
	dir = dirlen ? mp_path_expand(dirtyped) : mp_strdup(".");
	dh = opendir(dir);
	while (dh && (d = readdir(dh)) != NULL) {
		struct stat st;
		char *full;

		if (!strcmp(d->d_name, ".") || !strcmp(d->d_name, ".."))
			continue;
		if (d->d_name[0] == '.' && base[0] != '.')
			continue;
		if (strncmp(d->d_name, base, blen) != 0)
			continue;
		full = mp_asprintf("%s/%s", dir, d->d_name);
		if (stat(full, &st) == 0 && S_ISDIR(st.st_mode)) {
			char *name = mp_asprintf("%s/", d->d_name);
			mp_strlist_add(&found, name);
			free(name);
		} else {
			mp_strlist_add(&found, d->d_name);
		}
		free(full);
	}
	if (dh)
		closedir(dh);
	n = found.n;
	if (n > 1)
		qsort(found.v, (size_t)n, sizeof *found.v, by_name);
	if (n == 0) {
		*out = mp_strdup(typed);
	} else {
		size_t keep = strlen(found.v[0]);
		for (int i = 1; i < n; i++) {
			size_t c = common(found.v[0], found.v[i]);
			if (c < keep)
				keep = c;
		}
		/* Several names: a folder's '/' is not shared yet. */
		*out = mp_asprintf("%s%.*s", dirtyped, (int)keep, found.v[0]);
	}
	for (int i = 0; choices && i < n && (max <= 0 || i < max); i++)
		mp_strlist_add(choices, found.v[i]);
	mp_strlist_free(&found);
	free(dirtyped);
	free(dir);
	return n;
}
