/* importsrc.c — the text of a file to import, a line at a time, in
 * bounded memory (import_internal.h).
 *
 * A first pass reads the file in blocks to learn whether it is UTF-8
 * (else it is taken as GB18030, as Excel and WPS save "CSV" on Chinese
 * Windows), whether it holds anything, and how many lines it has; the
 * second pass gives it line by line, converted.  Neither holds more than
 * a block and the longest line: a file of a million service records
 * (130 MB) was read whole before, and held while it was imported.  What
 * cannot be read twice (a pipe) is copied to a temporary file on the way. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "import_internal.h"
#include "mp_import.h"
#include "mp_i18n.h"
#include "mp_text.h"

#define BLOCK 65536

/* Bytes at the end of s[0..n) that may begin a character cut by the
 * block's end (0 to 3). */
static size_t cut_tail(const unsigned char *s, size_t n)
{
	size_t k;

	for (k = 1; k <= 3 && k <= n; k++) {
		unsigned char c = s[n - k];

		if ((c & 0xC0) == 0x80)
			continue;           /* a continuation byte: look further back */
		if (c < 0x80)
			return 0;
		/* A lead byte: is its character whole? */
		if ((c >= 0xF0 && k < 4) || (c >= 0xE0 && k < 3) || (c >= 0xC0 && k < 2))
			return k;
		return 0;
	}
	return 0;
}

static int too_big(mp_err *e)
{
	return mp_err_set(e, MP_EINVAL,
	                  _("the file is larger than %d MB, the most one import reads; split it into smaller files"),
	                  (int)(MP_IMPORT_MAX_BYTES >> 20));
}

static int read_failed(mp_err *e)
{
	return mp_err_set(e, MP_EIO, _("cannot read the file: %s"), strerror(errno));
}

int imp_src_open(struct imp_src *s, FILE *in, mp_err *e)
{
	unsigned char *blk = malloc(BLOCK + 4);
	size_t carry = 0, got;
	struct stat sb;
	int seekable;

	if (!blk)
		mp_oom();
	memset(s, 0, sizeof *s);
	s->cd = (iconv_t)-1;
	s->utf8 = 1;
	seekable = fstat(fileno(in), &sb) == 0 && S_ISREG(sb.st_mode)
	           && ftello(in) == 0;
	if (seekable && sb.st_size > MP_IMPORT_MAX_BYTES) {
		free(blk);
		return too_big(e);
	}
	if (!seekable) {
		s->tmp = tmpfile();
		if (!s->tmp) {
			free(blk);
			return mp_err_set(e, MP_EIO, _("cannot read the file: %s"),
			                  strerror(errno));
		}
	}
	while ((got = fread(blk + carry, 1, BLOCK, in)) > 0) {
		size_t n = carry + got, keep, i;

		if (s->tmp && fwrite(blk + carry, 1, got, s->tmp) != got) {
			free(blk);
			return read_failed(e);
		}
		s->total += got;
		/* Whatever in is (a pipe, /dev/zero), no more than the limit
		 * is read; and text holds no NUL byte: the reading stops at
		 * the first, naming its line. */
		if (s->total > MP_IMPORT_MAX_BYTES) {
			free(blk);
			return too_big(e);
		}
		const unsigned char *nul = memchr(blk + carry, '\0', got);
		if (nul) {
			int64_t line = s->lines + 1;
			for (const unsigned char *q = blk + carry; q < nul; q++)
				line += *q == '\n';
			free(blk);
			return mp_err_set(e, MP_EINVAL,
			                  _("line %ld: a NUL byte (a zero byte): this is not a text file; save it from the spreadsheet as CSV (UTF-8)"),
			                  (long)line);
		}
		for (i = carry; i < n; i++) {
			if (blk[i] == '\n')
				s->lines++;
			else if (!s->nonblank && blk[i] != ' ' && blk[i] != '\t'
			         && blk[i] != '\r')
				s->nonblank = 1;
		}
		keep = s->utf8 ? cut_tail(blk, n) : 0;
		if (s->utf8 && !mp_utf8_valid((const char *)blk, n - keep))
			s->utf8 = 0;
		memmove(blk, blk + n - keep, keep);
		carry = keep;
	}
	/* A character cut by the end of the file is not UTF-8. */
	if (carry)
		s->utf8 = 0;
	free(blk);
	if (ferror(in))
		return read_failed(e);
	s->in = s->tmp ? s->tmp : in;
	if (fseeko(s->in, 0, SEEK_SET) != 0)
		return read_failed(e);
	if (!s->utf8) {
		s->cd = iconv_open("UTF-8", "GB18030");
		if (s->cd == (iconv_t)-1)
			return mp_err_set(e, MP_EIO, _("cannot convert from GB18030: %s"),
			                  strerror(errno));
	}
	s->first = 1;
	return MP_OK;
}

/* Append the next block of the file, converted, to the buffer; 0 at the
 * end of the file (or on a failure: s->rc). */
static int refill(struct imp_src *s, mp_err *e)
{
	size_t got;

	if (s->eof)
		return 0;
	got = fread(s->raw + s->rawcarry, 1, BLOCK, s->in);
	if (ferror(s->in)) {
		s->rc = read_failed(e);
		return 0;
	}
	s->read += got;
	if (got == 0) {
		s->eof = 1;
		if (s->rawcarry)   /* a character cut by the end of the file */
			s->rc = mp_err_set(e, MP_EIO,
			                   _("the file is neither UTF-8 nor GB18030 text"));
		return 0;
	}
	got += s->rawcarry;
	s->rawcarry = 0;
	if (s->cap - s->len < got * 2 + 16) {
		char *nb;

		s->cap = s->len + got * 2 + 16 + BLOCK;
		nb = realloc(s->buf, s->cap);
		if (!nb)
			mp_oom();
		s->buf = nb;
	}
	if (s->utf8) {
		memcpy(s->buf + s->len, s->raw, got);
		s->len += got;
	} else {
		char *inp = s->raw, *out = s->buf + s->len;
		size_t inleft = got, outleft = s->cap - s->len;

		/* EINVAL: a character cut by the block's end, for the next. */
		if (iconv(s->cd, &inp, &inleft, &out, &outleft) == (size_t)-1
		    && errno != EINVAL) {
			s->rc = mp_err_set(e, MP_EIO,
			                   _("the file is neither UTF-8 nor GB18030 text"));
			return 0;
		}
		memmove(s->raw, inp, inleft);
		s->rawcarry = inleft;
		s->len = (size_t)(out - s->buf);
	}
	if (s->first && s->len >= 3 && memcmp(s->buf, "\xef\xbb\xbf", 3) == 0) {
		memmove(s->buf, s->buf + 3, s->len - 3);
		s->len -= 3;
	}
	s->first = 0;
	return 1;
}

int imp_src_line(struct imp_src *s, const char **line, size_t *len, mp_err *e)
{
	for (;;) {
		char *nl = s->off < s->len
		           ? memchr(s->buf + s->off, '\n', s->len - s->off) : NULL;

		if (nl) {
			*line = s->buf + s->off;
			*len = (size_t)(nl - *line) + 1;
			s->off += *len;
			return 1;
		}
		/* Move what is left to the front, then read more. */
		if (s->off) {
			memmove(s->buf, s->buf + s->off, s->len - s->off);
			s->len -= s->off;
			s->off = 0;
		}
		if (!refill(s, e)) {
			if (s->rc != MP_OK || s->len == 0)
				return 0;
			*line = s->buf;
			*len = s->len;
			s->off = s->len;
			return 1;
		}
	}
}

void imp_src_close(struct imp_src *s)
{
	if (s->cd != (iconv_t)-1)
		iconv_close(s->cd);
	if (s->tmp)
		fclose(s->tmp);
	free(s->buf);
	memset(s, 0, sizeof *s);
	s->cd = (iconv_t)-1;
}
