/* certdlg.c — issuing a certificate of service from a volunteer's screen:
 * ask for the period, write the page into ~/志愿服务证明/, say where. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mp_certificate.h"
#include "mp_check.h"
#include "mp_i18n.h"
#include "mp_text.h"
#include "screen.h"
#include "ui.h"
#include "widgets.h"

static struct {
	long long volunteer;
	char *name;
	char from[11];
} cert;

static int period_date(const char *text, char out[11])
{
	char buf[256];
	snprintf(buf, sizeof buf, "%s", text ? text : "");
	mp_trim(buf);
	if (!buf[0]) {
		out[0] = '\0';
		return 0;
	}
	if (mp_date_parse(buf, out) != MP_DATE_OK) {
		ui_error(_("“%s” is not a date (write it as 2024-03-05)"), buf);
		return -1;
	}
	return 0;
}

static void issue(const char *to)
{
	mp_err e;
	char cert_no[32], folder[1024], tmp[1100], *final = NULL;
	const char *home = getenv("HOME");
	FILE *out;
	int fd, rc;

	snprintf(folder, sizeof folder, "%s/%s", home && *home ? home : ".",
	         "志愿服务证明");
	mp_err_clear(&e);
	if (mp_mkdirs(folder, 0700, &e) != MP_OK) {
		ui_error("%s", e.msg);
		return;
	}
	snprintf(tmp, sizeof tmp, "%s/.certificate-XXXXXX", folder);
	fd = mkstemp(tmp);
	if (fd < 0 || !(out = fdopen(fd, "w"))) {
		ui_error(_("cannot write in “%s”: %s"), folder, strerror(errno));
		if (fd >= 0)
			close(fd);
		return;
	}
	rc = mp_certificate_issue(ui->db, ui->cfg, cert.volunteer, cert.from, to,
	                          out, cert_no, &e);
	if (fclose(out) != 0 && rc == MP_OK)
		rc = mp_err_set(&e, MP_EIO, _("cannot write in “%s”: %s"), folder, strerror(errno));
	if (rc != MP_OK) {
		unlink(tmp);
		ui_error("%s", e.msg);
		return;
	}
	final = mp_asprintf("%s/%s-%s.html", folder, cert_no, cert.name);
	if (rename(tmp, final) != 0) {
		ui_error(_("cannot write in “%s”: %s"), folder, strerror(errno));
		unlink(tmp);
	} else {
		/* ~ for the home folder, so that the file name fits the line. */
		size_t hl = home ? strlen(home) : 0;
		int tilde = hl > 1 && !strncmp(final, home, hl) && final[hl] == '/';
		ui_status(_("Certificate %s issued: %s%s"), cert_no, tilde ? "~" : "",
		          final + (tilde ? hl : 0));
	}
	free(final);
}

static void to_given(void *arg, const char *text)
{
	char to[11];
	(void)arg;
	if (text && period_date(text, to) == 0)
		issue(to);
}

static void from_given(void *arg, const char *text)
{
	(void)arg;
	if (!text || period_date(text, cert.from) != 0)
		return;
	ui_prompt(_("Certificate: service up to (empty: up to today)"), "",
	          _("Enter to issue, Esc to stop"), to_given, NULL);
}

void certificate_dialog(long long volunteer_id, const char *name)
{
	free(cert.name);
	cert.volunteer = volunteer_id;
	cert.name = mp_strdup(name);
	cert.from[0] = '\0';
	ui_prompt(_("Certificate: service from (empty: from the first record)"), "",
	          _("A date like 2024-01-01; Enter to go on, Esc to stop"),
	          from_given, NULL);
}
