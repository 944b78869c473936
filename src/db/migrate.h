/* migrate.h: schema migrations embedded in the binary.
 *
 * Migrations are the files migrations/NNN_name.sql (embedded as
 * "migrations/NNN_name.sql"), applied in number order, each in its own
 * transaction together with PRAGMA user_version = NNN.  A database whose
 * user_version is higher than the newest migration this build knows was
 * written by a newer samla and is refused untouched (E_NEWER).
 */
#ifndef SAMLA_MIGRATE_H
#define SAMLA_MIGRATE_H

#include "db/db.h"

/* migrate_latest: the number of the newest embedded migration. */
int migrate_latest(void);

/* migrate_check: 0 when db can be used by this build (possibly after
 * migrate_up), E_NEWER with a message when it is from a newer samla. */
int migrate_check(Db *db, Err *e);

/* migrate_up: apply every pending migration; *applied (may be NULL) gets
 * how many.  On failure nothing of the failing migration is kept. */
int migrate_up(Db *db, int *applied, Err *e);

/* migrate_up_backup: as migrate_up, but when db holds an older schema
 * (not a new, empty database) and there is something to apply, first copy
 * it with db_backup to backup_dir/samla-schema-NNN-YYYYMMDDTHHMMSSZ.db
 * (NNN its schema; backup_dir is created, mode 0750), and name the copy in
 * made (empty when none was made).  When the copy cannot be made nothing
 * is migrated.  Attachment files are not touched by migrations, so the
 * database is all a way back needs. */
int migrate_up_backup(Db *db, const char *backup_dir, char *made, size_t nmade, int *applied, Err *e);

/* migrate_run_file: run an embedded SQL file (e.g. "demo/demo.sql") in one
 * transaction.  Used for the demo content. */
int migrate_run_file(Db *db, const char *name, Err *e);

#endif
