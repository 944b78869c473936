/* backup.h: copying and checking a database as a whole.
 *
 * db_backup copies the main database of a connection with SQLite's online
 * backup API, in one step and inside the connection's read transaction
 * when one is open: the copy is the database exactly as that snapshot
 * saw it, while other connections (a running `samla serve`) go on reading
 * and writing.  db_integrity runs SQLite's own checks.
 */
#ifndef SAMLA_DB_BACKUP_H
#define SAMLA_DB_BACKUP_H

#include "base/buf.h"
#include "db/db.h"

/* db_backup: write a copy of db's main database to a new file at path
 * (rollback-journal mode, synced).  path must not exist.  On failure
 * nothing is left at path. */
int db_backup(Db *db, const char *path, Err *e);

/* db_integrity: PRAGMA integrity_check and PRAGMA foreign_key_check.
 * Returns the number of problems found (0: the database is sound) and
 * appends one line per problem to out (may be NULL); E_DB when the checks
 * could not run at all (e says why). */
int db_integrity(Db *db, Buf *out, Err *e);

#endif
