/* fuzz_config.c — libFuzzer entry point for the settings loader: the
 * input is written to a file and loaded over the defaults. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "mp_config.h"
#include "fuzz.h"

static char path[64];

static void cleanup(void)
{
	unlink(path);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	mp_config c;
	mp_err e;
	FILE *f;

	if (!path[0]) {
		int fd;

		snprintf(path, sizeof path, "/tmp/miaopu-fuzz-conf-XXXXXX");
		fd = mkstemp(path);
		if (fd < 0)
			abort();
		close(fd);
		atexit(cleanup);
	}
	f = fopen(path, "wb");
	if (!f)
		abort();
	if (size && fwrite(data, 1, size, f) != size)
		abort();
	fclose(f);
	mp_config_defaults(&c);
	mp_config_load(&c, path, 1, &e);
	mp_config_free(&c);
	return 0;
}
