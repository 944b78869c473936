/* audit.c: see audit.h.
 *
 * Canonical form of a row, hashed after the previous hash:
 *   prev_hash "\n" then for each of id, at, actor_id, actor, client,
 *   action, object_type, object_id, summary: <byte length> ":" bytes "\n"
 * Length prefixes make the encoding unambiguous whatever the text holds.
 */
#include "app/core/audit.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "base/util.h"

static const char ZERO_HASH[] = "0000000000000000000000000000000000000000000000000000000000000000";

static void field(Buf *b, const char *s)
{
    buf_printf(b, "%zu:", strlen(s));
    buf_puts(b, s);
    buf_putc(b, '\n');
}

static void row_hash(const char *prev, int64_t id, const char *at, int64_t actor_id, const char *actor,
                     const char *client, const char *action, const char *otype, const char *oid,
                     const char *summary, char out[65])
{
    Buf b = {0};
    char num[32];
    buf_puts(&b, prev);
    buf_putc(&b, '\n');
    snprintf(num, sizeof num, "%lld", (long long)id);
    field(&b, num);
    field(&b, at);
    snprintf(num, sizeof num, "%lld", (long long)actor_id);
    field(&b, actor_id ? num : "");
    field(&b, actor);
    field(&b, client);
    field(&b, action);
    field(&b, otype);
    field(&b, oid);
    field(&b, summary);
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, (const unsigned char *)b.data, b.len);
    sodium_bin2hex(out, 65, h, sizeof h);
    buf_free(&b);
}

int audit_append(Db *db, const Viewer *v, const char *client, const char *action, const char *object_type,
                 const char *object_id, const char *summary, Err *e)
{
    bool own_tx = !db_in_tx(db);
    if (own_tx && db_begin(db, e)) {
        return E_DB;
    }
    int rc = 0;
    char prev[65];
    snprintf(prev, sizeof prev, "%s", ZERO_HASH);
    int64_t next_id = 1;
    Stmt *s = db_prepare(db, "SELECT hash, (SELECT seq FROM sqlite_sequence WHERE name = 'audit') "
                             "FROM audit ORDER BY id DESC LIMIT 1");
    if (db_step(s) == DB_ROW) {
        snprintf(prev, sizeof prev, "%s", db_col_text(s, 0));
        next_id = db_col_int(s, 1) + 1;
    }
    db_done(s);
    char at[40];
    time_iso(at, sizeof at);
    const char *actor = v ? (v->username ? v->username : "unknown") : "cli";
    int64_t actor_id = v ? v->user_id : 0;
    if (!client) {
        client = v ? "" : "cli";
    }
    object_type = object_type ? object_type : "";
    object_id = object_id ? object_id : "";
    summary = summary ? summary : "";
    char hash[65];
    row_hash(prev, next_id, at, actor_id, actor, client, action, object_type, object_id, summary, hash);
    s = db_prepare(db, "INSERT INTO audit (id, at, actor_id, actor, client, action, object_type, object_id, "
                       "summary, prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
    db_bind_int(s, 1, next_id);
    db_bind_text(s, 2, at);
    if (actor_id) {
        db_bind_int(s, 3, actor_id);
    } else {
        db_bind_null(s, 3);
    }
    db_bind_text(s, 4, actor);
    db_bind_text(s, 5, client);
    db_bind_text(s, 6, action);
    db_bind_text(s, 7, object_type);
    db_bind_text(s, 8, object_id);
    db_bind_text(s, 9, summary);
    db_bind_text(s, 10, prev);
    db_bind_text(s, 11, hash);
    if (db_step(s) != DB_DONE) {
        rc = err_set(e, E_DB, "writing the audit log failed");
    }
    db_done(s);
    if (own_tx) {
        if (rc) {
            db_rollback(db);
        } else if (db_commit(db, e)) {
            db_rollback(db);
            rc = E_DB;
        }
    }
    return rc;
}

int audit_verify(Db *db, int64_t *rows, int64_t *bad_id, Err *e)
{
    *rows = 0;
    *bad_id = 0;
    char prev[65];
    snprintf(prev, sizeof prev, "%s", ZERO_HASH);
    int64_t expect_id = 1, last_id = 0;
    Stmt *s = db_prepare(db, "SELECT id, at, ifnull(actor_id, 0), actor, client, action, object_type, object_id, "
                             "summary, prev_hash, hash FROM audit ORDER BY id");
    int rc = 0, st;
    while ((st = db_step(s)) == DB_ROW) {
        int64_t id = db_col_int(s, 0);
        char hash[65];
        row_hash(prev, id, db_col_text(s, 1), db_col_int(s, 2), db_col_text(s, 3), db_col_text(s, 4),
                 db_col_text(s, 5), db_col_text(s, 6), db_col_text(s, 7), db_col_text(s, 8), hash);
        const char *why = NULL;
        if (id != expect_id) {
            why = "a row before it is missing";
        } else if (strcmp(db_col_text(s, 9), prev) != 0) {
            why = "its link to the previous row does not match";
        } else if (strcmp(db_col_text(s, 10), hash) != 0) {
            why = "its content does not match its hash";
        }
        if (why) {
            *bad_id = id;
            rc = err_set(e, E_CONFLICT, "audit row %lld is broken: %s", (long long)id, why);
            break;
        }
        snprintf(prev, sizeof prev, "%s", db_col_text(s, 10));
        expect_id = id + 1;
        last_id = id;
        (*rows)++;
    }
    db_done(s);
    if (st < 0) {
        return err_set(e, E_DB, "reading the audit log failed");
    }
    if (rc) {
        return rc;
    }
    s = db_prepare(db, "SELECT seq FROM sqlite_sequence WHERE name = 'audit'");
    int64_t seq = db_step(s) == DB_ROW ? db_col_int(s, 0) : 0;
    db_done(s);
    if (seq != last_id) {
        *bad_id = last_id + 1;
        return err_set(e, E_CONFLICT, "audit rows after %lld are missing (the log reached %lld)",
                       (long long)last_id, (long long)seq);
    }
    return 0;
}

int audit_list(Db *db, Arena *a, const Viewer *v, const AuditFilter *f, AuditRow **out, size_t *n, Err *e)
{
    *out = NULL;
    *n = 0;
    if (!can(v, CAP_AUDIT_READ)) {
        return err_set(e, E_FORBIDDEN, "reading the audit log needs the admin role");
    }
    int limit = f->limit < 1 ? 50 : f->limit > 500 ? 500 : f->limit;
    Stmt *s = db_prepare(db, "SELECT id, at, ifnull(actor_id, 0), actor, client, action, object_type, object_id, "
                             "summary, prev_hash, hash FROM audit "
                             "WHERE (?1 IS NULL OR actor = ?1) "
                             "AND (?2 IS NULL OR action = ?2 OR (substr(?2, -1) = '.' AND substr(action, 1, length(?2)) = ?2)) "
                             "AND (?3 IS NULL OR at >= ?3) AND (?4 IS NULL OR at < date(?4, '+1 day')) "
                             "AND (?5 = 0 OR id < ?5) ORDER BY id DESC LIMIT ?6");
    db_bind_text(s, 1, f->actor);
    db_bind_text(s, 2, f->action);
    db_bind_text(s, 3, f->from);
    db_bind_text(s, 4, f->to);
    db_bind_int(s, 5, f->before_id);
    db_bind_int(s, 6, limit);
    size_t len = 0, cap = 0;
    AuditRow *rows = NULL;
    int st;
    while ((st = db_step(s)) == DB_ROW) {
        AuditRow *r = arena_push(a, &rows, &len, &cap, sizeof *rows);
        r->id = db_col_int(s, 0);
        r->at = db_col_dup(s, 1, a);
        r->actor_id = db_col_int(s, 2);
        r->actor = db_col_dup(s, 3, a);
        r->client = db_col_dup(s, 4, a);
        r->action = db_col_dup(s, 5, a);
        r->object_type = db_col_dup(s, 6, a);
        r->object_id = db_col_dup(s, 7, a);
        r->summary = db_col_dup(s, 8, a);
        r->prev_hash = db_col_dup(s, 9, a);
        r->hash = db_col_dup(s, 10, a);
    }
    db_done(s);
    *out = rows;
    *n = len;
    return st < 0 ? err_set(e, E_DB, "reading the audit log failed") : 0;
}

void audit_head(Db *db, char out[65])
{
    Stmt *s = db_prepare(db, "SELECT hash FROM audit ORDER BY id DESC LIMIT 1");
    snprintf(out, 65, "%s", db_step(s) == DB_ROW ? db_col_text(s, 0) : "");
    db_done(s);
}
