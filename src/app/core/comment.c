/* comment.c: see comment.h.
 *
 * Reading checks the record first (signed in, ACCESS, not masked), and
 * single comments are read joined to their record with the same
 * predicate, so a comment on a record the viewer may not read is not found.
 * The history is not written here: the triggers on comment (migration
 * 006) append every text to comment_version.
 */
#include "app/core/comment.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "app/core/access.h"
#include "app/core/audit.h"
#include "app/core/content.h"
#include "app/core/i18n.h"
#include "app/core/notify.h"
#include "base/util.h"

/* The viewer may read record r's comments: signed in, and r fully. */
#define SEES(r) "?90 <> 0 AND " ACCESS(r) " AND NOT " ACCESS_MASKED(r)

#define COMMENT_COLS                                                                                 \
    "c.id, c.record_id, u.username, u.full_name, c.body, c.created_at, c.edited_at, c.deleted_at, " \
    "c.version, c.author_id FROM comment c JOIN account u ON u.id = c.author_id "

static void read_comment(Stmt *s, Arena *a, const Viewer *v, Comment *c)
{
    memset(c, 0, sizeof *c);
    c->id = db_col_int(s, 0);
    c->record_id = db_col_int(s, 1);
    c->author = db_col_dup(s, 2, a);
    c->author_name = db_col_dup(s, 3, a);
    c->body = db_col_dup(s, 4, a);
    c->created_at = db_col_dup(s, 5, a);
    c->edited_at = db_col_dup(s, 6, a);
    c->deleted_at = db_col_dup(s, 7, a);
    c->version = (int)db_col_int(s, 8);
    c->deleted = c->deleted_at != NULL;
    c->author_id = db_col_int(s, 9);
    c->can_change = !c->deleted && v->user_id && !v->read_only && c->author_id == v->user_id;
}

/* Record id, if v may read its comments (else E_NOTFOUND). */
static int readable_record(Db *db, Arena *a, const Viewer *v, int64_t id, Record *rec, Err *e)
{
    if (!v->user_id || record_get(db, a, v, id, rec, NULL) || rec->masked) {
        return err_set(e, E_NOTFOUND, N_("Fant ikke posten."));
    }
    return 0;
}

int comment_list(Db *db, Arena *a, const Viewer *v, int64_t record_id, Comment **out, size_t *n, Err *e)
{
    assert(v && out && n);
    *out = NULL;
    *n = 0;
    Record rec;
    if (readable_record(db, a, v, record_id, &rec, e)) {
        return E_NOTFOUND;
    }
    Stmt *s = db_prepare(db, "SELECT " COMMENT_COLS "WHERE c.record_id = ?1 ORDER BY c.id");
    db_bind_int(s, 1, record_id);
    size_t len = 0, cap = 0;
    Comment *list = NULL;
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        read_comment(s, a, v, arena_push(a, &list, &len, &cap, sizeof *list));
    }
    db_done(s);
    if (rc < 0) {
        return err_set(e, E_DB, "reading the comments failed");
    }
    *out = list;
    *n = len;
    return 0;
}

int comment_count(Db *db, const Viewer *v, int64_t record_id)
{
    assert(v);
    Stmt *s = db_prepare(db, "SELECT count(*) FROM comment c JOIN record r ON r.id = c.record_id "
                             "WHERE c.record_id = ?1 AND c.deleted_at IS NULL AND " SEES("r"));
    db_bind_int(s, 1, record_id);
    access_bind(s, v);
    int count = db_step(s) == DB_ROW ? (int)db_col_int(s, 0) : 0;
    db_done(s);
    return count;
}

int comment_get(Db *db, Arena *a, const Viewer *v, int64_t id, Comment *out, Err *e)
{
    assert(v && out);
    Stmt *s = db_prepare(db, "SELECT " COMMENT_COLS "JOIN record r ON r.id = c.record_id WHERE c.id = ?1 AND "
                         SEES("r"));
    db_bind_int(s, 1, id);
    access_bind(s, v);
    int rc = db_step(s);
    if (rc == DB_ROW) {
        read_comment(s, a, v, out);
    }
    db_done(s);
    if (rc < 0) {
        return err_set(e, E_DB, "reading the comment failed");
    }
    return rc == DB_ROW ? 0 : err_set(e, E_NOTFOUND, N_("Fant ikke kommentaren."));
}

/* ---- mentions ------------------------------------------------------------- */

static bool name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
           c == '_';
}

size_t comment_mentions(Arena *a, const char *text, const char **out, size_t max)
{
    size_t n = 0;
    for (const char *p = text ? strchr(text, '@') : NULL; p && n < max; p = strchr(p + 1, '@')) {
        /* Not a mention inside a word or an address ("post@kd.dep.no"); a
         * byte of a multibyte letter (>= 0x80) counts as a letter. */
        if (p > text && (name_char(p[-1]) || (unsigned char)p[-1] >= 0x80)) {
            continue;
        }
        size_t len = 0;
        while (name_char(p[1 + len])) {
            len++;
        }
        while (len && p[len] == '.') {   /* "@sb.kd." ends a sentence */
            len--;
        }
        if (len < 2 || len > 64) {
            continue;
        }
        char *name = arena_strndup(a, p + 1, len);
        for (char *q = name; *q; q++) {
            *q = (char)(*q >= 'A' && *q <= 'Z' ? *q + ('a' - 'A') : *q);
        }
        bool seen = false;
        for (size_t i = 0; i < n && !seen; i++) {
            seen = str_eq(out[i], name);
        }
        if (!seen) {
            out[n++] = name;
        }
    }
    return n;
}

/* Notify everyone mentioned in body who may read the record (notify_add
 * decides), inside the caller's transaction; *notified counts them. */
static int notify_mentions(Db *db, Arena *a, const Viewer *v, int64_t record_id, int64_t comment_id, const char *body,
                           int *notified, Err *e)
{
    const char *names[COMMENT_MAX_MENTIONS];
    size_t n = comment_mentions(a, body, names, COMMENT_MAX_MENTIONS);
    for (size_t i = 0; i < n; i++) {
        Stmt *s = db_prepare(db, "SELECT id FROM account WHERE username = ?1 AND active = 1");
        db_bind_text(s, 1, names[i]);
        int64_t uid = db_step(s) == DB_ROW ? db_col_int(s, 0) : 0;
        db_done(s);
        bool added = false;
        Notice note = {.user_id = uid, .record_id = record_id, .type = NOTIFY_MENTION, .actor_id = v->user_id,
                       .comment_id = comment_id};
        if (uid && notify_add(db, &note, &added, e)) {
            return E_DB;
        }
        *notified += added;
    }
    return 0;
}

/* ---- writing ---------------------------------------------------------------- */

/* The text as stored: CR LF as LF, without blank space around it, checked.
 * NULL after setting e. */
static const char *clean_body(Arena *a, const char *body, Err *e)
{
    if (!body) {
        body = "";
    }
    char *out = arena_alloc(a, strlen(body) + 1), *w = out;
    for (const char *p = body; *p; p++) {
        if (!(p[0] == '\r' && p[1] == '\n')) {
            *w++ = *p;
        }
    }
    *w = 0;
    char *start = out + strspn(out, " \t\r\n");
    while (w > start && (w[-1] == ' ' || w[-1] == '\t' || w[-1] == '\r' || w[-1] == '\n')) {
        *--w = 0;
    }
    if (!*start) {
        err_set(e, E_INVALID, N_("Skriv en kommentar."));
        return NULL;
    }
    return content_check_text(start, COMMENT_MAX, true, N_("Kommentaren"), e) ? NULL : start;
}

static int audit_comment(Db *db, Arena *a, const Viewer *v, const char *client, const char *action, int64_t id,
                         const Record *rec, int notified, Err *e)
{
    char oid[32];
    snprintf(oid, sizeof oid, "%lld", (long long)id);
    const char *summary = arena_printf(a, "on %s %lld; %d notified", rec->kind->name, (long long)rec->id, notified);
    return audit_append(db, v, client, action, "comment", oid, summary, e);
}

static int insert_comment(Db *db, Arena *a, const Viewer *v, const char *client, const Record *rec, const char *body,
                          int64_t *id, Err *e)
{
    char now[40];
    time_iso(now, sizeof now);
    Stmt *s = db_prepare(db, "INSERT INTO comment (record_id, author_id, body, created_at, changed_by) "
                             "VALUES (?1, ?2, ?3, ?4, ?2)");
    db_bind_int(s, 1, rec->id);
    db_bind_int(s, 2, v->user_id);
    db_bind_text(s, 3, body);
    db_bind_text(s, 4, now);
    int rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, "saving the comment failed");
    db_done(s);
    *id = rc ? 0 : db_last_id(db);
    int notified = 0;
    if (!rc) {
        rc = notify_mentions(db, a, v, rec->id, *id, body, &notified, e);
    }
    return rc ? rc : audit_comment(db, a, v, client, "comment.add", *id, rec, notified, e);
}

int comment_add(Db *db, const Viewer *v, const char *client, int64_t record_id, const char *body, int64_t *out_id,
                Err *e)
{
    assert(v);
    Arena a = {0};
    Record rec;
    int64_t id = 0;
    int rc = readable_record(db, &a, v, record_id, &rec, e);
    if (!rc && v->read_only) {
        rc = err_set(e, E_FORBIDDEN, N_("Du kan ikke skrive kommentarer med denne tilgangen."));
    }
    const char *text = rc ? NULL : clean_body(&a, body, e);
    if (!rc && !text) {
        rc = E_INVALID;
    }
    if (!rc && !(rc = db_begin(db, e))) {
        rc = db_finish(db, insert_comment(db, &a, v, client, &rec, text, &id, e), e);
    }
    arena_free(&a);
    if (out_id) {
        *out_id = rc ? 0 : id;
    }
    return rc;
}

/* Comment id for a change by v (the author), with its record. */
static int load_own(Db *db, Arena *a, const Viewer *v, int64_t id, Comment *c, Record *rec, Err *e)
{
    if (comment_get(db, a, v, id, c, e) || readable_record(db, a, v, c->record_id, rec, e)) {
        return E_NOTFOUND;
    }
    if (c->author_id != v->user_id || v->read_only) {
        return err_set(e, E_FORBIDDEN, N_("Bare den som skrev kommentaren, kan endre eller slette den."));
    }
    if (c->deleted) {
        return err_set(e, E_CONFLICT, N_("Kommentaren er slettet."));
    }
    return 0;
}

/* Set comment c's text (deleted: empty it) as the next version. */
static int update_comment(Db *db, const Viewer *v, const Comment *c, const char *body, bool deleted, Err *e)
{
    char now[40];
    time_iso(now, sizeof now);
    Stmt *s = db_prepare(db, deleted ? "UPDATE comment SET body = '', deleted_at = ?3, changed_by = ?4, "
                                       "version = version + 1 WHERE id = ?1 AND version = ?2"
                                     : "UPDATE comment SET body = ?5, edited_at = ?3, changed_by = ?4, "
                                       "version = version + 1 WHERE id = ?1 AND version = ?2");
    db_bind_int(s, 1, c->id);
    db_bind_int(s, 2, c->version);
    db_bind_text(s, 3, now);
    db_bind_int(s, 4, v->user_id);
    if (!deleted) {
        db_bind_text(s, 5, body);
    }
    int rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, "saving the comment failed");
    db_done(s);
    if (!rc && db_changes(db) != 1) {
        rc = err_set(e, E_CONFLICT, N_("Kommentaren ble endret samtidig. Last siden på nytt og prøv igjen."));
    }
    return rc;
}

int comment_edit(Db *db, const Viewer *v, const char *client, int64_t id, const char *body, Err *e)
{
    assert(v);
    Arena a = {0};
    Comment c;
    Record rec;
    int rc = db_begin(db, e);
    if (rc) {
        return E_DB;
    }
    rc = load_own(db, &a, v, id, &c, &rec, e);
    const char *text = rc ? NULL : clean_body(&a, body, e);
    if (!rc && !text) {
        rc = E_INVALID;
    }
    if (!rc && !str_eq(text, c.body)) {
        int notified = 0;
        rc = update_comment(db, v, &c, text, false, e);
        if (!rc) {
            rc = notify_mentions(db, &a, v, rec.id, id, text, &notified, e);
        }
        if (!rc) {
            rc = audit_comment(db, &a, v, client, "comment.edit", id, &rec, notified, e);
        }
    }
    arena_free(&a);
    return db_finish(db, rc, e);
}

int comment_delete(Db *db, const Viewer *v, const char *client, int64_t id, Err *e)
{
    assert(v);
    Arena a = {0};
    Comment c;
    Record rec;
    int rc = db_begin(db, e);
    if (rc) {
        return E_DB;
    }
    rc = load_own(db, &a, v, id, &c, &rec, e);
    if (!rc) {
        rc = update_comment(db, v, &c, NULL, true, e);
    }
    if (!rc) {
        rc = audit_comment(db, &a, v, client, "comment.delete", id, &rec, 0, e);
    }
    arena_free(&a);
    return db_finish(db, rc, e);
}
