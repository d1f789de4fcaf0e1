/* fixture.h — the ledger most unit tests run against: a fresh folder made
 * with mkdtemp(), a new ledger in it and the default settings, removed
 * again after the test; and the few helpers several test files share.
 *
 * A test file whose fixture holds nothing more uses struct mp_fx as its
 * state with mp_fx_setup/mp_fx_teardown.  One that holds more embeds
 * struct mp_fx as the first member of its own calloc'd struct and calls
 * mp_fx_open from its own setup; if nothing else in it needs freeing,
 * mp_fx_teardown is its teardown (a pointer to a struct is a pointer to
 * its first member), otherwise it calls mp_fx_close. */
#ifndef MP_TEST_FIXTURE_H
#define MP_TEST_FIXTURE_H

#include <stdint.h>

#include "mp_config.h"
#include "mp_db.h"
#include "mp_ledger.h"
#include "mp_record.h"

/* The ledger's file name inside mp_fx.dir. */
#define MP_FX_DB "miaopu.db"

struct mp_fx {
	char dir[64];
	mp_db *db;
	mp_config cfg;
};

/* Make a fresh folder under $TMPDIR (when set and short) or /tmp, open a
 * new ledger MP_FX_DB in it and fill f->cfg with the defaults.  Leaves
 * MIAOPU_TODAY unset, so the ledger's today is the real one until a test
 * names a day.  Returns 0, or -1 when something could not be made. */
int mp_fx_open(struct mp_fx *f);

/* Close the ledger, free the settings, remove the folder and everything in
 * it, unset MIAOPU_TODAY.  Returns 0, or nftw's failure. */
int mp_fx_close(struct mp_fx *f);

/* cmocka setup/teardown: *state is a calloc'd struct mp_fx. */
int mp_fx_setup(void **state);
int mp_fx_teardown(void **state);

/* Remove dir and everything below it; 0 or -1 (as nftw). */
int mp_fx_rmtree(const char *dir);

/* Save r through the core's checks, or fail the test naming the table and
 * the message.  Returns r's id; r stays the caller's. */
int64_t mp_fx_save(struct mp_fx *f, mp_record *r);

/* The same, then free r. */
int64_t mp_fx_save_free(struct mp_fx *f, mp_record *r);

/* A new, unsaved group record with name and community set. */
mp_record *mp_fx_group(struct mp_fx *f, const char *name, const char *community);

/* Save a group of 幸福社区 named name; its id. */
int64_t mp_fx_add_group(struct mp_fx *f, const char *name);

/* Save a volunteer with a resident ID card (居民身份证) number and a
 * volunteer number; its id. */
int64_t mp_fx_add_volunteer(struct mp_fx *f, const char *name, const char *id_no,
                            const char *vol_no);

/* Set field i of r (a reference) to the record id. */
void mp_fx_set_id(mp_record *r, int i, int64_t id);

/* The integer in the first column of the first row sql gives; fails the
 * test when sql does not prepare or gives no row. */
long mp_fx_sql_int(struct mp_fx *f, const char *sql);

/* Make what an application's step to state to stands for (its guards,
 * mp_workflow.h): the experts' scores on every criterion of its round
 * (a criterion added when the round has none), the agreement, a mid-term
 * or closing evaluation scored 80 on each criterion.  Dated today. */
void mp_fx_wf_provide(struct mp_fx *f, int64_t app_id, int to);

#endif
