/* replay.c — run a fuzz target's entry point on kept inputs, as a normal
 * test: every file in the folders named on the command line (or, without
 * arguments, in $TOP_SRCDIR/tests/fuzz/{seeds,regress}/FUZZ_TARGET, the
 * target's name given when compiling).
 * A crash or a sanitizer report fails the test; otherwise it prints how
 * many inputs ran. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

static int run_dir(const char *dir, long *n)
{
	DIR *d = opendir(dir);
	struct dirent *ent;

	if (!d) {
		if (errno == ENOENT)   /* no input kept yet */
			return 0;
		perror(dir);
		return -1;
	}
	while ((ent = readdir(d)) != NULL) {
		char path[4096];
		unsigned char *buf;
		long size;
		FILE *f;

		if (ent->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, ent->d_name);
		f = fopen(path, "rb");
		if (!f)
			continue;
		fseek(f, 0, SEEK_END);
		size = ftell(f);
		rewind(f);
		buf = malloc(size > 0 ? (size_t)size : 1);
		if (!buf || (size > 0 && fread(buf, 1, (size_t)size, f) != (size_t)size)) {
			fprintf(stderr, "cannot read %s\n", path);
			free(buf);
			fclose(f);
			closedir(d);
			return -1;
		}
		fclose(f);
		printf("replay %s\n", path);
		fflush(stdout);
		LLVMFuzzerTestOneInput(buf, (size_t)size);
		free(buf);
		(*n)++;
	}
	closedir(d);
	return 0;
}

int main(int argc, char **argv)
{
	long n = 0;
	int i;

	if (argc > 1) {
		for (i = 1; i < argc; i++)
			if (run_dir(argv[i], &n) != 0)
				return 1;
	} else {
		const char *top = getenv("TOP_SRCDIR");
		const char *target = FUZZ_TARGET;
		static const char *const kinds[] = { "seeds", "regress" };
		char dir[4096];

		if (!top) {
			fprintf(stderr, "usage: replay DIR... (or set TOP_SRCDIR)\n");
			return 2;
		}
		for (i = 0; i < 2; i++) {
			snprintf(dir, sizeof dir, "%s/tests/fuzz/%s/%s", top, kinds[i], target);
			if (run_dir(dir, &n) != 0)
				return 1;
		}
	}
	printf("%ld inputs replayed without a crash\n", n);
	return n > 0 ? 0 : 1;
}
