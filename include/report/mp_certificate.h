/* mp_certificate.h — certificates of volunteer service (志愿服务证明). */
#ifndef MP_CERTIFICATE_H
#define MP_CERTIFICATE_H

#include <stdio.h>
#include "mp_record.h"

/* Issue a certificate for volunteer_id over [from, to] (either may be NULL
 * or "" for open-ended): record it in the database with a new unique
 * certificate number (into cert_no, e.g. "ZM2026-000012") and write a
 * self-contained HTML page laid out for one A4 sheet to out: the
 * volunteer's name, ID type and masked number, volunteer number, total
 * hours, the service per organization with dates, the issuing station,
 * its person in charge and contact, the number and the date of issue.
 * Records marked as not counting never count.  A volunteer with no hours
 * in the period gets MP_EINVAL and nothing is recorded. */
int mp_certificate_issue(mp_db *db, const mp_config *cfg, int64_t volunteer_id,
                         const char *from, const char *to, FILE *out,
                         char cert_no[32], mp_err *e);

#endif
