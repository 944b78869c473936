/* db.c: see db.h.  With migrate.c and backup.c the only files that call sqlite3_*. */
#include "db.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/collate.h"
#include "base/log.h"
#include "base/util.h"

typedef struct CacheEntry {
    const char *sql;      /* key: the literal's address */
    sqlite3_stmt *stmt;   /* prepared statement */
} CacheEntry;

struct Db {
    sqlite3 *conn;        /* the connection */
    CacheEntry *cache;    /* prepared statements, in preparation order */
    size_t ncache, capcache;
    int depth;            /* open db_begin calls: 1 = the transaction, more = savepoints */
};

int search_tok_register(sqlite3 *conn);   /* search_tok.c */

static int collate_cb(void *arg, int na, const void *a, int nb, const void *b)
{
    (void)arg;
    return collate_nb(a, (size_t)na, b, (size_t)nb);
}

/* Process-wide settings, before SQLite initialises itself on the first
 * open.  No memory statistics: nothing reads them, and keeping them takes
 * a global mutex on every allocation, shared by all worker threads. */
static void configure(void)
{
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

int db_open(Db **out, const char *path, int flags, Err *e)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, configure);
    *out = NULL;
    sqlite3 *conn = NULL;
    int oflags = SQLITE_OPEN_NOMUTEX;
    oflags |= (flags & DB_OPEN_READONLY) ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
    if (flags & DB_OPEN_CREATE) {
        oflags |= SQLITE_OPEN_CREATE;
    }
    int rc = sqlite3_open_v2(path, &conn, oflags, NULL);
    if (rc != SQLITE_OK) {
        err_set(e, E_DB, "cannot open database %s: %s", path,
                conn ? sqlite3_errmsg(conn) : sqlite3_errstr(rc));
        sqlite3_close(conn);
        return E_DB;
    }
    sqlite3_extended_result_codes(conn, 1);
    sqlite3_busy_timeout(conn, 5000);
    sqlite3_create_collation(conn, "nb", SQLITE_UTF8, NULL, collate_cb);
    if (search_tok_register(conn) != SQLITE_OK) {
        err_set(e, E_DB, "cannot register the search tokenizer (SQLite without FTS5, or libstemmer without Norwegian)");
        sqlite3_close(conn);
        return E_DB;
    }
    Db *db = xcalloc(1, sizeof *db);
    db->conn = conn;
    const char *setup = (flags & DB_OPEN_READONLY)
        ? "PRAGMA foreign_keys = ON; PRAGMA mmap_size = 268435456;"
        : "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
          "PRAGMA foreign_keys = ON; PRAGMA mmap_size = 268435456;";
    if (db_exec(db, setup, e) != 0) {
        db_close(db);
        return E_DB;
    }
    *out = db;
    return 0;
}

void db_close(Db *db)
{
    if (!db) {
        return;
    }
    for (size_t i = 0; i < db->ncache; i++) {
        sqlite3_finalize(db->cache[i].stmt);
    }
    free(db->cache);
    sqlite3_close(db->conn);
    free(db);
}

int db_exec(Db *db, const char *sql, Err *e)
{
    char *msg = NULL;
    if (sqlite3_exec(db->conn, sql, NULL, NULL, &msg) != SQLITE_OK) {
        err_set(e, E_DB, "%s", msg ? msg : sqlite3_errmsg(db->conn));
        sqlite3_free(msg);
        return E_DB;
    }
    return 0;
}

Stmt *db_prepare(Db *db, const char *sql)
{
    for (size_t i = 0; i < db->ncache; i++) {
        if (db->cache[i].sql == sql) {
            return db->cache[i].stmt;
        }
    }
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v3(db->conn, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
        Buf b = {0};
        log_kv(&b, "error", sqlite3_errmsg(db->conn));
        log_kv(&b, "sql", sql);
        log_write("error", "prepare failed", &b);
        buf_free(&b);
        return NULL;
    }
    if (db->ncache == db->capcache) {
        db->capcache = db->capcache ? db->capcache * 2 : 32;
        db->cache = xrealloc(db->cache, db->capcache * sizeof *db->cache);
    }
    db->cache[db->ncache++] = (CacheEntry){sql, st};
    return st;
}

void db_bind_int(Stmt *s, int i, int64_t v)
{
    if (s) {
        sqlite3_bind_int64(s, i, v);
    }
}

void db_bind_double(Stmt *s, int i, double v)
{
    if (s) {
        sqlite3_bind_double(s, i, v);
    }
}

void db_bind_text(Stmt *s, int i, const char *v)
{
    if (!s) {
        return;
    }
    if (v) {
        sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
    } else {
        sqlite3_bind_null(s, i);
    }
}

void db_bind_blob(Stmt *s, int i, const void *p, int n)
{
    if (s) {
        sqlite3_bind_blob(s, i, p, n, SQLITE_TRANSIENT);
    }
}

void db_bind_null(Stmt *s, int i)
{
    if (s) {
        sqlite3_bind_null(s, i);
    }
}

int db_step(Stmt *s)
{
    if (!s) {
        return E_DB;
    }
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        return DB_ROW;
    }
    if (rc == SQLITE_DONE) {
        return DB_DONE;
    }
    Buf b = {0};
    log_kv(&b, "error", sqlite3_errmsg(sqlite3_db_handle(s)));
    log_kv(&b, "sql", sqlite3_sql(s));
    log_write("error", "statement failed", &b);
    buf_free(&b);
    sqlite3_reset(s);
    return E_DB;
}

int64_t db_col_int(Stmt *s, int i)
{
    return s ? sqlite3_column_int64(s, i) : 0;
}

double db_col_double(Stmt *s, int i)
{
    return s ? sqlite3_column_double(s, i) : 0.0;
}

bool db_col_null(Stmt *s, int i)
{
    return !s || sqlite3_column_type(s, i) == SQLITE_NULL;
}

const char *db_col_text(Stmt *s, int i)
{
    const unsigned char *t = s ? sqlite3_column_text(s, i) : NULL;
    return t ? (const char *)t : "";
}

char *db_col_dup(Stmt *s, int i, Arena *a)
{
    /* One call for the value and its type: sqlite3_column_text gives NULL
     * for SQL NULL (and when out of memory, then "" as before). */
    const char *t = s ? (const char *)sqlite3_column_text(s, i) : NULL;
    if (!t) {
        return !s || sqlite3_column_type(s, i) == SQLITE_NULL ? NULL : arena_strndup(a, "", 0);
    }
    return arena_strndup(a, t, (size_t)sqlite3_column_bytes(s, i));
}

void db_done(Stmt *s)
{
    if (s) {
        sqlite3_reset(s);
        sqlite3_clear_bindings(s);
    }
}

int db_begin(Db *db, Err *e)
{
    if (db_in_tx(db)) {
        if (db->depth == 0) {
            db->depth = 1;   /* a transaction begun by raw SQL (migrations) */
        }
        if (db_exec(db, "SAVEPOINT nested", e)) {
            return E_DB;
        }
        db->depth++;
        return 0;
    }
    db->depth = 0;
    if (db_exec(db, "BEGIN IMMEDIATE", e)) {
        return E_DB;
    }
    db->depth = 1;
    return 0;
}

int db_commit(Db *db, Err *e)
{
    if (db->depth > 1) {
        db->depth--;
        return db_exec(db, "RELEASE nested", e);
    }
    db->depth = 0;
    return db_exec(db, "COMMIT", e);
}

void db_rollback(Db *db)
{
    if (db->depth > 1 && db_in_tx(db)) {
        db->depth--;
        sqlite3_exec(db->conn, "ROLLBACK TO nested; RELEASE nested", NULL, NULL, NULL);
        return;
    }
    db->depth = 0;
    if (!sqlite3_get_autocommit(db->conn)) {
        sqlite3_exec(db->conn, "ROLLBACK", NULL, NULL, NULL);
    }
}

/* One statement that is only a transaction boundary; false on failure. */
static bool exec_cached(Db *db, const char *sql)
{
    Stmt *s = db_prepare(db, sql);
    bool ok = s && sqlite3_step(s) == SQLITE_DONE;
    if (s) {
        sqlite3_reset(s);
    }
    return ok;
}

bool db_read_begin(Db *db)
{
    if (db_in_tx(db)) {
        return false;
    }
    db->depth = 0;
    return exec_cached(db, "BEGIN DEFERRED");
}

void db_read_end(Db *db, bool began)
{
    if (!began || !db_in_tx(db)) {
        return;
    }
    db->depth = 0;
    if (!exec_cached(db, "COMMIT")) {
        db_rollback(db);
    }
}

int db_finish(Db *db, int rc, Err *e)
{
    if (rc) {
        db_rollback(db);
        return rc;
    }
    if (db_commit(db, e)) {
        db_rollback(db);
        return E_DB;
    }
    return 0;
}

bool db_in_tx(Db *db)
{
    return !sqlite3_get_autocommit(db->conn);
}

int db_changes(Db *db)
{
    return sqlite3_changes(db->conn);
}

int64_t db_last_id(Db *db)
{
    return sqlite3_last_insert_rowid(db->conn);
}

static int64_t pragma_int(Db *db, const char *sql)
{
    Stmt *s = db_prepare(db, sql);
    int64_t v = db_step(s) == DB_ROW ? db_col_int(s, 0) : -1;
    db_done(s);
    return v;
}

int64_t db_data_version(Db *db)
{
    return pragma_int(db, "PRAGMA data_version");
}

int64_t db_total_changes(Db *db)
{
    return sqlite3_total_changes64(db->conn);
}

int db_user_version(Db *db)
{
    return (int)pragma_int(db, "PRAGMA user_version");
}

const char *db_errmsg(Db *db)
{
    return sqlite3_errmsg(db->conn);
}

int db_busy_statements(Db *db)
{
    int n = 0;
    for (sqlite3_stmt *s = sqlite3_next_stmt(db->conn, NULL); s; s = sqlite3_next_stmt(db->conn, s)) {
        n += sqlite3_stmt_busy(s) != 0;
    }
    return n;
}

int64_t db_size_bytes(Db *db)
{
    return pragma_int(db, "PRAGMA page_count") * pragma_int(db, "PRAGMA page_size");
}

bool db_ping(Db *db)
{
    Stmt *s = db_prepare(db, "SELECT count(*) FROM sqlite_schema");
    bool ok = db_step(s) == DB_ROW;
    db_done(s);
    return ok;
}

int64_t db_one_int(Db *db, const char *sql, int64_t a1, int64_t dflt)
{
    Stmt *s = db_prepare(db, sql);
    if (s && sqlite3_bind_parameter_count(s) >= 1) {
        db_bind_int(s, 1, a1);
    }
    int64_t v = db_step(s) == DB_ROW && !db_col_null(s, 0) ? db_col_int(s, 0) : dflt;
    db_done(s);
    return v;
}

char *db_one_text(Db *db, Arena *a, const char *sql, int64_t a1)
{
    Stmt *s = db_prepare(db, sql);
    if (s && sqlite3_bind_parameter_count(s) >= 1) {
        db_bind_int(s, 1, a1);
    }
    char *v = db_step(s) == DB_ROW ? db_col_dup(s, 0, a) : NULL;
    db_done(s);
    return v;
}

bool db_exists(Db *db, const char *sql, int64_t a1)
{
    Stmt *s = db_prepare(db, sql);
    if (s && sqlite3_bind_parameter_count(s) >= 1) {
        db_bind_int(s, 1, a1);
    }
    bool yes = db_step(s) == DB_ROW;
    db_done(s);
    return yes;
}

/* For backup.c, the other half of the storage layer: the connection. */
sqlite3 *db_handle(Db *db);
sqlite3 *db_handle(Db *db)
{
    return db->conn;
}
