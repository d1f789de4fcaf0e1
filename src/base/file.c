/* file.c — writing a file whole or not at all. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mp_file.h"
#include "mp_i18n.h"
#include "mp_text.h"

/* Write to path.tmp, fsync, rename over path, fsync the folder: a reader
 * (or a power cut) sees the old file or the whole new one, never half. */
int mp_write_file(const char *path, mp_file_writer fn, void *ctx, mp_err *e)
{
	char *tmp = mp_asprintf("%s.tmp", path);
	char *copy;
	FILE *f;
	int fd, rc, dfd;

	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	if (fd < 0) {
		rc = mp_err_set(e, MP_EIO, _("cannot write “%s”: %s"), tmp,
		                strerror(errno));
		free(tmp);
		return rc;
	}
	f = fdopen(fd, "w");
	if (!f) {
		rc = mp_err_set(e, MP_ENOMEM, _("out of memory"));
		close(fd);
		goto fail;
	}
	/* A file of hundreds of megabytes goes out in 256 KiB writes, not
	 * the block size's 4 KiB. */
	setvbuf(f, NULL, _IOFBF, 1 << 18);
	rc = fn(ctx, f, e);
	if (rc == MP_OK && (fflush(f) == EOF || fsync(fileno(f)) != 0))
		rc = mp_err_set(e, errno == ENOSPC ? MP_EFULL : MP_EIO,
		                _("cannot write “%s”: %s"), tmp, strerror(errno));
	if (fclose(f) != 0 && rc == MP_OK)
		rc = mp_err_set(e, errno == ENOSPC ? MP_EFULL : MP_EIO,
		                _("cannot write “%s”: %s"), tmp, strerror(errno));
	if (rc != MP_OK)
		goto fail;
	if (rename(tmp, path) != 0) {
		rc = mp_err_set(e, MP_EIO, _("cannot rename “%s” to “%s”: %s"),
		                tmp, path, strerror(errno));
		goto fail;
	}
	copy = mp_strdup(path);
	dfd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	free(copy);
	free(tmp);
	return MP_OK;
fail:
	unlink(tmp);
	free(tmp);
	return rc;
}

