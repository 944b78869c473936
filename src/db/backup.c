/* backup.c: see backup.h.  Calls sqlite3_* (the db layer's privilege). */
#include "db/backup.h"

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* db_handle (db.c): the connection behind a Db. */
sqlite3 *db_handle(Db *db);

int db_backup(Db *db, const char *path, Err *e)
{
    if (access(path, F_OK) == 0) {
        return err_set(e, E_CONFLICT, "%s already exists", path);
    }
    sqlite3 *dst = NULL;
    int rc = sqlite3_open_v2(path, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_backup *b = sqlite3_backup_init(dst, "main", db_handle(db), "main");
        if (!b) {
            rc = sqlite3_errcode(dst);
        } else {
            /* -1: every page in one step, so the source's snapshot cannot
             * change half-way (a step that saw another commit starts over). */
            rc = sqlite3_backup_step(b, -1);
            int fin = sqlite3_backup_finish(b);
            rc = rc == SQLITE_DONE ? fin : rc == SQLITE_OK ? SQLITE_ERROR : rc;
        }
    }
    if (rc == SQLITE_OK) {
        /* The copy is one self-contained file: no WAL beside it. */
        rc = sqlite3_exec(dst, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
    }
    if (rc != SQLITE_OK) {
        err_set(e, E_DB, "cannot copy the database to %s: %s", path,
                dst ? sqlite3_errmsg(dst) : sqlite3_errstr(rc));
        sqlite3_close(dst);
        unlink(path);
        char side[4200];
        snprintf(side, sizeof side, "%s-journal", path);
        unlink(side);
        return E_DB;
    }
    if (sqlite3_close(dst) != SQLITE_OK) {
        unlink(path);
        return err_set(e, E_DB, "cannot close the copy %s", path);
    }
    return 0;
}

int db_integrity(Db *db, Buf *out, Err *e)
{
    int problems = 0;
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(db_handle(db), "PRAGMA integrity_check", -1, &s, NULL) != SQLITE_OK) {
        return err_set(e, E_DB, "integrity_check cannot run: %s", db_errmsg(db));
    }
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        const char *msg = (const char *)sqlite3_column_text(s, 0);
        if (msg && strcmp(msg, "ok") == 0) {
            continue;
        }
        problems++;
        if (out) {
            buf_printf(out, "integrity_check: %s\n", msg ? msg : "(no message)");
        }
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) {
        if (out) {
            buf_printf(out, "integrity_check: %s\n", db_errmsg(db));
        }
        return problems + 1;   /* a database that cannot be read through is not sound */
    }
    if (sqlite3_prepare_v2(db_handle(db), "PRAGMA foreign_key_check", -1, &s, NULL) != SQLITE_OK) {
        return err_set(e, E_DB, "foreign_key_check cannot run: %s", db_errmsg(db));
    }
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        problems++;
        if (out) {
            buf_printf(out, "foreign_key_check: %s row %lld refers to a missing row of %s\n",
                       (const char *)sqlite3_column_text(s, 0), (long long)sqlite3_column_int64(s, 1),
                       (const char *)sqlite3_column_text(s, 2));
        }
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) {
        if (out) {
            buf_printf(out, "foreign_key_check: %s\n", db_errmsg(db));
        }
        problems++;
    }
    return problems;
}
