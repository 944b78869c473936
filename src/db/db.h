/* db.h: the storage interface.
 *
 * One Db is one SQLite connection; the server keeps one per worker thread
 * and never shares it.  Statements are prepared once per connection and
 * cached by the address of their SQL text, so SQL must be a string literal
 * (or otherwise live for the whole process).  Parameters are always bound
 * (?1, ?2 …); user data never becomes SQL text.
 *
 * Use:  Stmt *s = db_prepare(db, "SELECT … WHERE id = ?1");
 *       db_bind_int(s, 1, id);
 *       while (db_step(s) == DB_ROW) { … db_col_text(s, 0) … }
 *       db_done(s);          — always, also after an early break
 *
 * Column texts are valid until the next db_step/db_done of that statement;
 * copy them into the request arena (db_col_dup) to keep them.
 */
#ifndef SAMLA_DB_H
#define SAMLA_DB_H

#include <stdbool.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/err.h"

typedef struct Db Db;
typedef struct sqlite3_stmt Stmt;

enum {
    DB_ROW = 1,     /* db_step: a row is ready */
    DB_DONE = 0,    /* db_step: no more rows */
};

enum {
    DB_OPEN_CREATE = 1,     /* create the file when missing */
    DB_OPEN_READONLY = 2,   /* open read-only */
};

/* db_open: open (or create) the database at path with WAL, foreign keys,
 * a busy timeout and the Norwegian collation "nb" registered.  Does not
 * migrate.  On failure *out is NULL and e says why. */
int db_open(Db **out, const char *path, int flags, Err *e);

/* db_close: finalize cached statements and close. Accepts NULL. */
void db_close(Db *db);

/* db_exec: run one or more SQL statements without results. */
int db_exec(Db *db, const char *sql, Err *e);

/* db_prepare: the cached statement for sql (reset, bindings cleared).
 * A statement that fails to prepare is a programming error: it is logged
 * and NULL returned; every db_ function accepts a NULL Stmt and fails. */
Stmt *db_prepare(Db *db, const char *sql);

void db_bind_int(Stmt *s, int i, int64_t v);
void db_bind_double(Stmt *s, int i, double v);
void db_bind_text(Stmt *s, int i, const char *v);   /* NULL binds NULL */
void db_bind_null(Stmt *s, int i);
void db_bind_blob(Stmt *s, int i, const void *p, int n);

/* db_step: DB_ROW, DB_DONE, or E_DB (logged; the statement is reset). */
int db_step(Stmt *s);

int64_t db_col_int(Stmt *s, int i);
bool db_col_null(Stmt *s, int i);
double db_col_double(Stmt *s, int i);
const char *db_col_text(Stmt *s, int i);            /* "" for NULL */
char *db_col_dup(Stmt *s, int i, Arena *a);         /* copy in the arena, NULL for NULL */

/* db_done: reset s and clear its bindings. Accepts NULL. */
void db_done(Stmt *s);

/* Transactions.  db_begin takes the write lock at once (BEGIN IMMEDIATE);
 * called while a transaction is open it opens a savepoint instead, so a
 * model function that runs in its own transaction can be called inside a
 * caller's: db_commit / db_rollback / db_finish then release or undo just
 * that inner part, and only the outermost commit writes.  db_rollback
 * accepts being called when no transaction is open. */
int db_begin(Db *db, Err *e);
int db_commit(Db *db, Err *e);
void db_rollback(Db *db);

/* db_finish: end the open transaction — roll back and return rc when rc
 * is an error, else commit (rolling back and returning E_DB if the commit
 * fails).  For `return db_finish(db, step(...), e);`. */
int db_finish(Db *db, int rc, Err *e);

/* db_read_begin / db_read_end: one read transaction over the statements
 * in between (a page's reads): one snapshot, and the locks taken once
 * instead of once per statement.  db_read_begin does nothing and returns
 * false when a transaction is already open; pass its result to
 * db_read_end.  Writes inside (db_begin) become savepoints of it, as with
 * any open transaction. */
bool db_read_begin(Db *db);
void db_read_end(Db *db, bool began);

/* db_in_tx: true while a transaction is open on this connection. */
bool db_in_tx(Db *db);

/* db_changes / db_last_id: as sqlite3_changes / sqlite3_last_insert_rowid. */
int db_changes(Db *db);
int64_t db_last_id(Db *db);

/* db_data_version: a number that changes whenever another connection
 * commits (PRAGMA data_version); cheap, for response caches. */
int64_t db_data_version(Db *db);

/* db_total_changes: rows changed by this connection since it opened
 * (sqlite3_total_changes64).  With db_data_version it tells whether
 * anything at all changed since a response was cached. */
int64_t db_total_changes(Db *db);

/* db_user_version / db_set_user_version: the schema number. */
int db_user_version(Db *db);

/* db_errmsg: the last SQLite error message of this connection. */
const char *db_errmsg(Db *db);

/* db_busy_statements: how many statements are still stepping (debug check
 * at the end of a request: must be 0). */
int db_busy_statements(Db *db);

/* db_ping: true when the connection can read the schema. */
bool db_ping(Db *db);

/* db_size_bytes: page_count * page_size of the main database. */
int64_t db_size_bytes(Db *db);

/* One-shot queries with at most one integer parameter (?1 = a1), for the
 * many "look one thing up" reads.  sql is a literal, as for db_prepare.
 * db_one_int: the first column of the first row, dflt when there is no row
 * or it is NULL.  db_one_text: the same as text in a (NULL: no row or
 * NULL).  db_exists: true when the statement returns a row. */
int64_t db_one_int(Db *db, const char *sql, int64_t a1, int64_t dflt);
char *db_one_text(Db *db, Arena *a, const char *sql, int64_t a1);
bool db_exists(Db *db, const char *sql, int64_t a1);

#endif
