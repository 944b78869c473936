/* migrate.c: see migrate.h. */
#include "migrate.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <errno.h>
#include <sys/stat.h>
#include <time.h>

#include "base/embed.h"
#include "db/backup.h"
#include "base/util.h"

/* The number of a migration file name "migrations/NNN_x.sql", or -1. */
static int mig_number(const char *name)
{
    if (!str_has_prefix(name, "migrations/")) {
        return -1;
    }
    const char *p = name + strlen("migrations/");
    int n = 0, digits = 0;
    while (*p >= '0' && *p <= '9') {
        n = n * 10 + (*p++ - '0');
        digits++;
    }
    return digits == 3 && *p == '_' ? n : -1;
}

static const EmbedFile *mig_find(int number)
{
    for (size_t i = 0; i < g_embed_count; i++) {
        if (mig_number(g_embed[i].name) == number) {
            return &g_embed[i];
        }
    }
    return NULL;
}

/* True when PRAGMA foreign_key_check finds nothing. */
static bool fk_clean(Db *db)
{
    Stmt *s = db_prepare(db, "PRAGMA foreign_key_check");
    bool clean = db_step(s) == DB_DONE;
    db_done(s);
    return clean;
}

int migrate_latest(void)
{
    int latest = 0;
    for (size_t i = 0; i < g_embed_count; i++) {
        int n = mig_number(g_embed[i].name);
        if (n > latest) {
            latest = n;
        }
    }
    return latest;
}

int migrate_check(Db *db, Err *e)
{
    int v = db_user_version(db);
    if (v < 0) {
        return err_set(e, E_DB, "cannot read the schema version: %s", db_errmsg(db));
    }
    if (v > migrate_latest()) {
        return err_set(e, E_NEWER,
                       "the database has schema version %d, but this samla knows only up to %d; "
                       "use a newer samla",
                       v, migrate_latest());
    }
    return 0;
}

int migrate_up(Db *db, int *applied, Err *e)
{
    if (applied) {
        *applied = 0;
    }
    int rc = migrate_check(db, e);
    if (rc) {
        return rc;
    }
    int latest = migrate_latest();
    for (int n = db_user_version(db) + 1; n <= latest; n++) {
        const EmbedFile *f = mig_find(n);
        if (!f) {
            return err_set(e, E_INVALID, "migration %03d is missing from this build", n);
        }
        /* A migration that rebuilds a table says so on its first line;
         * foreign keys are off around it (they cannot change inside a
         * transaction) and checked before it commits. */
        bool fk_off = str_has_prefix((const char *)f->data, "-- samla:foreign_keys=off");
        if (fk_off && db_exec(db, "PRAGMA foreign_keys = OFF", e)) {
            return E_DB;
        }
        if (db_begin(db, e)) {
            return E_DB;
        }
        char pragma[64];
        snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", n);
        Err inner = {0};
        rc = db_exec(db, (const char *)f->data, &inner) || db_exec(db, pragma, &inner);
        if (!rc && fk_off && !fk_clean(db)) {
            rc = err_set(&inner, E_DB, "foreign key check failed");
        }
        if (rc || db_commit(db, e)) {
            db_rollback(db);
            if (fk_off) {
                db_exec(db, "PRAGMA foreign_keys = ON", NULL);
            }
            return err_set(e, E_DB, "migration %s failed: %s", f->name, inner.msg[0] ? inner.msg : "commit failed");
        }
        if (fk_off && db_exec(db, "PRAGMA foreign_keys = ON", e)) {
            return E_DB;
        }
        if (applied) {
            (*applied)++;
        }
    }
    return 0;
}

int migrate_up_backup(Db *db, const char *backup_dir, char *made, size_t nmade, int *applied, Err *e)
{
    made[0] = 0;
    if (applied) {
        *applied = 0;
    }
    int rc = migrate_check(db, e);
    if (rc) {
        return rc;
    }
    int v = db_user_version(db);
    if (v > 0 && v < migrate_latest()) {
        if (mkdir(backup_dir, 0750) && errno != EEXIST) {
            return err_set(e, E_IO, "cannot create %s for the copy taken before the upgrade: %s", backup_dir,
                           strerror(errno));
        }
        time_t t = time(NULL);
        struct tm tm;
        char stamp[32];
        gmtime_r(&t, &tm);
        strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
        snprintf(made, nmade, "%s/samla-schema-%03d-%s.db", backup_dir, v, stamp);
        Err be = {0};
        if (db_backup(db, made, &be)) {
            made[0] = 0;
            return err_set(e, E_IO, "the database was not upgraded: the copy before the upgrade failed: %s", be.msg);
        }
    }
    return migrate_up(db, applied, e);
}

int migrate_run_file(Db *db, const char *name, Err *e)
{
    const EmbedFile *f = embed_find(name);
    if (!f) {
        return err_set(e, E_NOTFOUND, "%s is not in this build", name);
    }
    if (db_begin(db, e)) {
        return E_DB;
    }
    Err inner = {0};
    if (db_exec(db, (const char *)f->data, &inner)) {
        db_rollback(db);
        return err_set(e, E_DB, "%s failed: %s", name, inner.msg);
    }
    return db_commit(db, e);
}
