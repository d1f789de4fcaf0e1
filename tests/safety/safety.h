/* safety.h — what saver.c and test_kill.c agree on. */
#ifndef MP_SAFETY_TEST_H
#define MP_SAFETY_TEST_H

/* The community of an imported batch starts so; every batch has this
 * many rows, all or none of which may be in the ledger. */
#define SAFETY_BATCH_PREFIX "批"
#define SAFETY_BATCH_ROWS 20

/* The backup saver makes now and then, in its folder. */
#define SAFETY_BACKUP_NAME "copy.db"

#endif
