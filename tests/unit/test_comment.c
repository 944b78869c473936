/* test_comment.c: comments with @mentions and in-app notifications
 * (src/app/core/comment.c, notify.c), through the models and through the
 * web pipeline (comment_page.c, comment_api.c, notify_page.c,
 * notify_api.c, the header's «Varsler» link).
 *
 * Each test gets a fresh in-memory database with the demo content: 3.4 is
 * restricted to DFD and shared with BFD, so sekretariat (reads every
 * measure) and sb.bfd may read it while sb.kd and ansatt.hod may not; 1.1
 * is public.  Requests through web_handle set r.viewer directly and carry
 * Host/Origin headers and the form token "tok"; each response is freed by
 * the next request or the teardown, so the ASan build checks for leaks.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "app/core/comment.h"
#include "app/core/notify.h"
#include "app/demo/demo.h"
#include "app/identity/identity.h"
#include "base/util.h"
#include "db/migrate.h"
#include "web/web.h"

enum { V_SEK, V_KD, V_BFD, V_EMP, NV };

typedef struct Fixture {
    Db *db;
    Arena arena;        /* test allocations */
    Viewer v[NV];       /* sekretariat, sb.kd, sb.bfd, ansatt.hod */
    int64_t pub;        /* measure 1.1: public */
    int64_t restricted; /* measure 3.4: DFD's, shared with BFD */
    Arena req_arena;    /* the current request's arena */
    Req r;
    int route;
} Fixture;

static const char *const g_users[NV] = {"sekretariat", "sb.kd", "sb.bfd", "ansatt.hod"};

static int64_t measure_id(Fixture *f, const char *number)
{
    Stmt *s = db_prepare(f->db, "SELECT m.id FROM measure m JOIN strategy s ON s.id = m.strategy_id "
                                "WHERE s.slug = '2021-2025' AND m.number = ?1");
    db_bind_text(s, 1, number);
    int64_t id = db_step(s) == DB_ROW ? db_col_int(s, 0) : 0;
    db_done(s);
    return id;
}

/* The first column of sql's first row with ?1 bound to arg (-1: no row). */
static int64_t q_int(Fixture *f, const char *sql, int64_t arg)
{
    return db_one_int(f->db, sql, arg, -1);
}

#define notifications(f) q_int(f, "SELECT count(*) FROM notification WHERE ?1 = ?1", 0)
#define audits(f, action) q_int_text(f, "SELECT count(*) FROM audit WHERE action = ?1", action)

static int64_t q_int_text(Fixture *f, const char *sql, const char *arg)
{
    Stmt *s = db_prepare(f->db, sql);
    db_bind_text(s, 1, arg);
    int64_t v = db_step(s) == DB_ROW ? db_col_int(s, 0) : -1;
    db_done(s);
    return v;
}

static int setup(void **state)
{
    static Fixture f;
    Err e = {0};
    memset(&f, 0, sizeof f);
    if (db_open(&f.db, ":memory:", DB_OPEN_CREATE, &e) || migrate_up(f.db, NULL, &e) || demo_seed(f.db, &e)) {
        fprintf(stderr, "setup: %s\n", e.msg);
        db_close(f.db);
        return -1;
    }
    for (int w = 0; w < NV; w++) {
        User u;
        if (user_find(f.db, &f.arena, g_users[w], &u, &e) || auth_viewer(f.db, &f.arena, u.id, &f.v[w], &e)) {
            fprintf(stderr, "setup: %s: %s\n", g_users[w], e.msg);
            return -1;
        }
        f.v[w].csrf = "tok";
    }
    f.pub = measure_id(&f, "1.1");
    f.restricted = measure_id(&f, "3.4");
    *state = &f;
    return f.pub && f.restricted ? 0 : -1;
}

static void done(Fixture *f)
{
    buf_free(&f->r.body);
    arena_free(&f->req_arena);
    memset(&f->r, 0, sizeof f->r);
}

static int teardown(void **state)
{
    Fixture *f = *state;
    done(f);
    arena_free(&f->arena);
    db_close(f->db);
    return 0;
}

static const char *test_header(void *ctx, const char *name)
{
    (void)ctx;
    if (strcasecmp(name, "Host") == 0) {
        return "t";
    }
    if (strcasecmp(name, "Origin") == 0) {
        return "http://t";
    }
    if (strcasecmp(name, "X-CSRF-Token") == 0) {
        return "tok";
    }
    return NULL;
}

/* One request as viewer v (NULL: anonymous); a body that starts with '{'
 * is JSON, else a form. */
static Req *send_as(Fixture *f, const Viewer *v, const char *method, const char *path, const char *body)
{
    done(f);
    f->r.arena = &f->req_arena;
    f->r.db = f->db;
    f->r.viewer = v ? v : &g_anonymous;
    f->r.csrf = "tok";
    f->r.client = "198.51.100.7";
    const char *q = strchr(path, '?');
    const char *p = q ? arena_strndup(&f->req_arena, path, (size_t)(q - path)) : path;
    WebRequest in = {.method = method, .path = p, .query = q ? q + 1 : NULL, .body = body,
                     .body_len = body ? strlen(body) : 0,
                     .content_type = body && body[0] == '{' ? "application/json" : "application/x-www-form-urlencoded",
                     .request_id = "comment-test", .client = "198.51.100.7", .header = test_header};
    web_handle(&in, &f->r, &f->route);
    assert_int_equal(db_busy_statements(f->db), 0);
    return &f->r;
}

static Req *send(Fixture *f, int who, const char *method, const char *path, const char *body)
{
    return send_as(f, &f->v[who], method, path, body);
}

static const char *location(const Req *r)
{
    for (int i = 0; i < r->nheaders; i++) {
        if (strcasecmp(r->headers[i][0], "Location") == 0) {
            return r->headers[i][1];
        }
    }
    return NULL;
}

static const char *body_of(Req *r)
{
    return buf_str(&r->body);
}

/* A path with one id in it, in the test arena. */
#define path(f, fmt, id) arena_printf(&(f)->arena, fmt, (long long)(id))

static int64_t add(Fixture *f, int who, int64_t record, const char *text)
{
    Err e = {0};
    int64_t id = 0;
    if (comment_add(f->db, &f->v[who], "test", record, text, &id, &e)) {
        fail_msg("comment_add: %s", e.msg);
    }
    assert_true(id > 0);
    return id;
}

/* ---- mentions ---------------------------------------------------------------- */

static void mentions_are_found(void **state)
{
    Fixture *f = *state;
    const char *m[8];
    size_t n = comment_mentions(&f->arena, "Hei @sekretariat, se (@sb.kd). Skriv til post@kd.dep.no eller "
                                           "@SB.BFD. @sekretariat igjen, @a og @æøå og e-post x@y.no",
                                m, 8);
    assert_int_equal(n, 3);
    assert_string_equal(m[0], "sekretariat");
    assert_string_equal(m[1], "sb.kd");
    assert_string_equal(m[2], "sb.bfd");
    assert_int_equal(comment_mentions(&f->arena, "@sb.kd.\n@dr.bfd", m, 8), 2);
    assert_string_equal(m[0], "sb.kd");
    assert_string_equal(m[1], "dr.bfd");
    assert_int_equal(comment_mentions(&f->arena, "@a @b @c", m, 1), 0);
    assert_int_equal(comment_mentions(&f->arena, "@ab @cd @ef", m, 2), 2);   /* at most max */
    assert_int_equal(comment_mentions(&f->arena, NULL, m, 8), 0);
}

/* A mention of someone who may read the record: exactly one notification,
 * written with the comment, shown to them with who, what and where. */
static void mention_of_a_reader_notifies_once(void **state)
{
    Fixture *f = *state;
    Err e = {0};
    int64_t cid = add(f, V_BFD, f->restricted, "@sekretariat kan du se på dette? Takk, @sekretariat.");
    assert_int_equal(notifications(f), 1);
    assert_int_equal(q_int(f, "SELECT count(*) FROM notification WHERE comment_id = ?1 AND type = 'mention'", cid), 1);
    assert_int_equal(notify_unread_count(f->db, &f->v[V_SEK]), 1);
    assert_int_equal(notify_unread_count(f->db, &f->v[V_BFD]), 0);
    assert_int_equal(audits(f, "comment.add"), 1);

    Notification *xs;
    size_t n;
    bool more = true;
    NotifyFilter nf = {0};
    assert_int_equal(notify_list(f->db, &f->arena, &f->v[V_SEK], &nf, &xs, &n, &more, &e), 0);
    assert_int_equal(n, 1);
    assert_false(more);
    assert_string_equal(xs[0].type, NOTIFY_MENTION);
    assert_string_equal(xs[0].actor, "sb.bfd");
    assert_int_equal(xs[0].record_id, f->restricted);
    assert_int_equal(xs[0].comment_id, cid);
    assert_null(xs[0].read_at);
    assert_string_equal(xs[0].url, arena_printf(&f->arena, "/measures/%lld#comment-%lld", (long long)f->restricted,
                                                (long long)cid));

    /* Editing the comment, still mentioning the same person, adds nothing;
     * a newly mentioned reader is notified. */
    assert_int_equal(comment_edit(f->db, &f->v[V_BFD], "test", cid, "@sekretariat: ny tekst", &e), 0);
    assert_int_equal(notifications(f), 1);
    assert_int_equal(comment_edit(f->db, &f->v[V_BFD], "test", cid, "@sekretariat og @dr.bfd", &e), 0);
    assert_int_equal(notifications(f), 2);
}

/* A mention of someone who may not read the record, of an unknown name or
 * of oneself writes nothing, and the comment is saved all the same. */
static void mention_of_a_non_reader_creates_nothing(void **state)
{
    Fixture *f = *state;
    add(f, V_BFD, f->restricted, "Hei @sb.kd og @ansatt.hod, og @finnesikke, og meg selv @sb.bfd");
    assert_int_equal(notifications(f), 0);
    assert_int_equal(notify_unread_count(f->db, &f->v[V_KD]), 0);
    assert_int_equal(notify_unread_count(f->db, &f->v[V_EMP]), 0);
    /* The audit row does not name them either. */
    assert_int_equal(q_int_text(f, "SELECT count(*) FROM audit WHERE action LIKE 'comment.%' AND summary LIKE '%' || ?1 || '%'",
                                "sb.kd"), 0);
    /* The same person mentioned on a record they may read is notified. */
    add(f, V_BFD, f->pub, "@sb.kd dette er åpent");
    assert_int_equal(notify_unread_count(f->db, &f->v[V_KD]), 1);
}

/* notify_add on its own: only for a reader, never to the actor, never to a
 * disabled account; unknown types refused. */
static void notify_add_decides_for_itself(void **state)
{
    Fixture *f = *state;
    Err e = {0};
    bool added = true;
    Notice n = {.user_id = f->v[V_KD].user_id, .record_id = f->restricted, .type = NOTIFY_DEADLINE};
    assert_int_equal(notify_add(f->db, &n, &added, &e), 0);
    assert_false(added);                                   /* sb.kd may not read 3.4 */
    n.user_id = f->v[V_BFD].user_id;
    assert_int_equal(notify_add(f->db, &n, &added, &e), 0);
    assert_true(added);
    n.actor_id = n.user_id;
    assert_int_equal(notify_add(f->db, &n, &added, &e), 0);
    assert_false(added);                                   /* not to oneself */
    n = (Notice){.user_id = f->v[V_BFD].user_id, .record_id = f->restricted, .type = "gossip"};
    assert_int_equal(notify_add(f->db, &n, &added, &e), E_INVALID);
    n.type = NOTIFY_MENTION;                               /* a mention needs its comment */
    assert_int_equal(notify_add(f->db, &n, &added, &e), E_INVALID);
    assert_int_equal(db_exec(f->db, "UPDATE account SET active = 0 WHERE username = 'sb.bfd'", &e), 0);
    n = (Notice){.user_id = f->v[V_BFD].user_id, .record_id = f->pub, .type = NOTIFY_ROUND};
    assert_int_equal(notify_add(f->db, &n, &added, &e), 0);
    assert_false(added);
    assert_int_equal(notifications(f), 1);
}

/* ---- who may read ---------------------------------------------------------- */

/* Comments on a record the viewer may not read answer exactly like those
 * on a record that does not exist, in the model, the API and the pages. */
static void hidden_comments_are_like_missing(void **state)
{
    Fixture *f = *state;
    Err e = {0};
    Comment c, *cs;
    size_t n;
    int64_t cid = add(f, V_BFD, f->restricted, "Intern vurdering av 3.4");
    assert_int_equal(comment_list(f->db, &f->arena, &f->v[V_KD], f->restricted, &cs, &n, &e), E_NOTFOUND);
    assert_int_equal(comment_get(f->db, &f->arena, &f->v[V_KD], cid, &c, &e), E_NOTFOUND);
    assert_int_equal(comment_count(f->db, &f->v[V_KD], f->restricted), 0);
    assert_int_equal(comment_count(f->db, &f->v[V_BFD], f->restricted), 1);
    assert_int_equal(comment_list(f->db, &f->arena, &g_anonymous, f->pub, &cs, &n, &e), E_NOTFOUND);

    Req *r = send(f, V_KD, "GET", "/api/v1/records/999999/comments", NULL);
    assert_int_equal(r->status, 404);
    const char *missing = arena_strdup(&f->arena, body_of(r));
    r = send(f, V_KD, "GET", path(f, "/api/v1/records/%lld/comments", f->restricted), NULL);
    assert_int_equal(r->status, 404);
    assert_string_equal(body_of(r), missing);
    r = send(f, V_KD, "GET", "/api/v1/comments/999999", NULL);
    missing = arena_strdup(&f->arena, body_of(r));
    r = send(f, V_KD, "GET", path(f, "/api/v1/comments/%lld", cid), NULL);
    assert_int_equal(r->status, 404);
    assert_string_equal(body_of(r), missing);
    assert_int_equal(send(f, V_KD, "PATCH", path(f, "/api/v1/comments/%lld", cid), "{\"text\":\"x\"}")->status, 404);
    assert_int_equal(send(f, V_KD, "DELETE", path(f, "/api/v1/comments/%lld", cid), NULL)->status, 404);
    assert_int_equal(send(f, V_KD, "POST", path(f, "/api/v1/records/%lld/comments", f->restricted),
                          "{\"text\":\"hei\"}")->status, 404);
    assert_int_equal(send(f, V_KD, "POST", path(f, "/records/%lld/comments", f->restricted), "csrf=tok&text=hei")->status,
                     404);
    assert_int_equal(send(f, V_KD, "POST", path(f, "/comments/%lld/edit", cid), "csrf=tok&text=hei")->status, 404);
    assert_int_equal(send(f, V_KD, "POST", path(f, "/comments/%lld/delete", cid), "csrf=tok")->status, 404);
    assert_int_equal(q_int(f, "SELECT count(*) FROM comment WHERE ?1 = ?1", 0), 1);   /* nothing written */

    /* The reader sees it on the record's page and in the API. */
    r = send(f, V_BFD, "GET", path(f, "/measures/%lld", f->restricted), NULL);
    assert_int_equal(r->status, 200);
    assert_non_null(strstr(body_of(r), "Intern vurdering av 3.4"));
    assert_non_null(strstr(body_of(r), path(f, "id=\"comment-%lld\"", cid)));
    r = send(f, V_BFD, "GET", path(f, "/api/v1/records/%lld/comments", f->restricted), NULL);
    assert_int_equal(r->status, 200);
    assert_non_null(strstr(body_of(r), "Intern vurdering av 3.4"));

    /* The public sees no comments, not even on a public record. */
    add(f, V_BFD, f->pub, "Kommentar på et åpent tiltak");
    r = send_as(f, NULL, "GET", path(f, "/measures/%lld", f->pub), NULL);
    assert_int_equal(r->status, 200);
    assert_null(strstr(body_of(r), "Kommentar på et åpent tiltak"));
    assert_null(strstr(body_of(r), "comments-h"));
    assert_int_equal(send_as(f, NULL, "GET", path(f, "/api/v1/records/%lld/comments", f->pub), NULL)->status, 401);
}

/* ---- writing, editing, deleting ------------------------------------------- */

static void bad_text_writes_nothing(void **state)
{
    Fixture *f = *state;
    Err e = {0};
    char *long_text = arena_alloc(&f->arena, COMMENT_MAX + 2);
    memset(long_text, 'x', COMMENT_MAX + 1);
    long_text[COMMENT_MAX + 1] = 0;
    const char *bad[] = {"", "  \r\n ", long_text, "Dette er HEMMELIG", "kontroll\x01tegn"};
    for (size_t i = 0; i < COUNT(bad); i++) {
        assert_int_equal(comment_add(f->db, &f->v[V_SEK], "test", f->pub, bad[i], NULL, &e), E_INVALID);
    }
    Viewer token = f->v[V_SEK];
    token.read_only = true;
    assert_int_equal(comment_add(f->db, &token, "test", f->pub, "hei", NULL, &e), E_FORBIDDEN);
    assert_int_equal(q_int(f, "SELECT count(*) FROM comment WHERE ?1 = ?1", 0), 0);
    assert_int_equal(audits(f, "comment.add"), 0);

    /* Exactly the limit is fine; CR LF is stored as LF, the text trimmed. */
    long_text[COMMENT_MAX] = 0;
    add(f, V_SEK, f->pub, long_text);
    Comment c;
    int64_t cid = add(f, V_SEK, f->pub, "\r\n  Linje 1\r\nLinje 2 \r\n");
    assert_int_equal(comment_get(f->db, &f->arena, &f->v[V_SEK], cid, &c, &e), 0);
    assert_string_equal(c.body, "Linje 1\nLinje 2");

    /* The page shows the error at the field and in a summary. */
    Req *r = send(f, V_SEK, "POST", path(f, "/records/%lld/comments", f->pub), "csrf=tok&text=+");
    assert_int_equal(r->status, 400);
    assert_non_null(strstr(body_of(r), "ds-error-summary"));
    assert_non_null(strstr(body_of(r), "href=\"#comment-text\""));
    assert_non_null(strstr(body_of(r), "aria-invalid=\"true\""));
    assert_non_null(strstr(body_of(r), "ds-validation-message"));
    r = send(f, V_SEK, "POST", path(f, "/api/v1/records/%lld/comments", f->pub), "{}");
    assert_int_equal(r->status, 400);
}

static void only_the_author_changes_a_comment(void **state)
{
    Fixture *f = *state;
    Err e = {0};
    int64_t cid = add(f, V_BFD, f->restricted, "Første versjon");
    /* The secretariat may read it, but not change it. */
    assert_int_equal(comment_edit(f->db, &f->v[V_SEK], "test", cid, "Endret av andre", &e), E_FORBIDDEN);
    assert_int_equal(comment_delete(f->db, &f->v[V_SEK], "test", cid, &e), E_FORBIDDEN);
    assert_int_equal(send(f, V_SEK, "POST", path(f, "/comments/%lld/edit", cid), "csrf=tok&text=x")->status, 403);
    assert_int_equal(send(f, V_SEK, "POST", path(f, "/comments/%lld/delete", cid), "csrf=tok")->status, 403);
    assert_int_equal(send(f, V_SEK, "PATCH", path(f, "/api/v1/comments/%lld", cid), "{\"text\":\"x\"}")->status, 403);
    assert_int_equal(send(f, V_SEK, "DELETE", path(f, "/api/v1/comments/%lld", cid), NULL)->status, 403);
    Viewer token = f->v[V_BFD];
    token.read_only = true;
    assert_int_equal(comment_edit(f->db, &token, "test", cid, "x", &e), E_FORBIDDEN);
    Comment c;
    assert_int_equal(comment_get(f->db, &f->arena, &f->v[V_SEK], cid, &c, &e), 0);
    assert_string_equal(c.body, "Første versjon");
    assert_false(c.can_change);
    assert_int_equal(c.version, 1);

    /* The author edits through the page and deletes through the API. */
    Req *r = send(f, V_BFD, "POST", path(f, "/comments/%lld/edit", cid), "csrf=tok&text=Andre+versjon");
    assert_int_equal(r->status, 303);
    assert_string_equal(location(r), arena_printf(&f->arena, "/measures/%lld?done=comment_edited#comment-%lld",
                                                  (long long)f->restricted, (long long)cid));
    r = send(f, V_BFD, "GET", path(f, "/measures/%lld?done=comment_edited", f->restricted), NULL);
    assert_non_null(strstr(body_of(r), "Andre versjon"));
    assert_non_null(strstr(body_of(r), "(redigert)"));
    assert_non_null(strstr(body_of(r), "Kommentaren er endret."));
    r = send(f, V_BFD, "DELETE", path(f, "/api/v1/comments/%lld", cid), NULL);
    assert_int_equal(r->status, 200);
    assert_non_null(strstr(body_of(r), "\"text\":null"));
    assert_int_equal(comment_get(f->db, &f->arena, &f->v[V_BFD], cid, &c, &e), 0);
    assert_true(c.deleted);
    assert_string_equal(c.body, "");
    assert_int_equal(comment_edit(f->db, &f->v[V_BFD], "test", cid, "Igjen", &e), E_CONFLICT);
    assert_int_equal(comment_delete(f->db, &f->v[V_BFD], "test", cid, &e), E_CONFLICT);
    r = send(f, V_SEK, "GET", path(f, "/measures/%lld", f->restricted), NULL);
    assert_non_null(strstr(body_of(r), "Kommentaren er slettet"));
    assert_null(strstr(body_of(r), "Andre versjon"));
    assert_int_equal(audits(f, "comment.edit"), 1);
    assert_int_equal(audits(f, "comment.delete"), 1);
}

/* Every text a comment has had stays in its history, which cannot be
 * changed; a comment cannot be removed. */
static void comment_history_is_kept(void **state)
{
    Fixture *f = *state;
    Err e = {0};
    int64_t cid = add(f, V_SEK, f->pub, "Versjon én");
    assert_int_equal(comment_edit(f->db, &f->v[V_SEK], "test", cid, "Versjon to", &e), 0);
    assert_int_equal(comment_edit(f->db, &f->v[V_SEK], "test", cid, "Versjon to", &e), 0);   /* unchanged: no version */
    assert_int_equal(comment_delete(f->db, &f->v[V_SEK], "test", cid, &e), 0);
    const char *want[][2] = {{"create", "Versjon én"}, {"edit", "Versjon to"}, {"delete", ""}};
    Stmt *s = db_prepare(f->db, "SELECT version, action, body, actor_id FROM comment_version WHERE comment_id = ?1 "
                                "ORDER BY version");
    db_bind_int(s, 1, cid);
    size_t n = 0;
    while (db_step(s) == DB_ROW) {
        assert_true(n < COUNT(want));
        assert_int_equal(db_col_int(s, 0), (int64_t)n + 1);
        assert_string_equal(db_col_text(s, 1), want[n][0]);
        assert_string_equal(db_col_text(s, 2), want[n][1]);
        assert_int_equal(db_col_int(s, 3), f->v[V_SEK].user_id);
        n++;
    }
    db_done(s);
    assert_int_equal(n, COUNT(want));
    assert_int_not_equal(db_exec(f->db, "UPDATE comment_version SET body = 'tuklet'", &e), 0);
    assert_int_not_equal(db_exec(f->db, "DELETE FROM comment_version", &e), 0);
    assert_int_not_equal(db_exec(f->db, "DELETE FROM comment", &e), 0);
    assert_int_not_equal(db_exec(f->db, "UPDATE comment SET body = 'tilbake', deleted_at = NULL, version = version + 1",
                                 &e), 0);
    assert_int_equal(q_int(f, "SELECT count(*) FROM comment_version WHERE comment_id = ?1", cid), 3);
}

static void comment_form_through_the_router(void **state)
{
    Fixture *f = *state;
    Req *r = send(f, V_SEK, "GET", path(f, "/measures/%lld", f->pub), NULL);
    assert_int_equal(r->status, 200);
    assert_non_null(strstr(body_of(r), "<h2 class=\"ds-heading\" data-size=\"md\" id=\"comments-h\">Kommentarer</h2>"));
    assert_non_null(strstr(body_of(r), "Nevn noen med @brukernavn"));
    assert_non_null(strstr(body_of(r), "<label class=\"ds-label\" for=\"comment-text\">"));
    r = send(f, V_SEK, "POST", path(f, "/records/%lld/comments", f->pub), "csrf=tok&text=Hei+%40sb.kd%0D%0Aandre+linje");
    assert_int_equal(r->status, 303);
    int64_t cid = q_int(f, "SELECT max(id) FROM comment WHERE ?1 = ?1", 0);
    assert_string_equal(location(r), arena_printf(&f->arena, "/measures/%lld?done=comment#comment-%lld",
                                                  (long long)f->pub, (long long)cid));
    r = send(f, V_SEK, "GET", path(f, "/measures/%lld?done=comment", f->pub), NULL);
    assert_non_null(strstr(body_of(r), "Kommentaren er publisert."));
    assert_non_null(strstr(body_of(r), "Hei @sb.kd<br>andre linje"));
    assert_non_null(strstr(body_of(r), "Sigrid Strand"));              /* the author by full name */
    /* The API: write, read back. */
    r = send(f, V_KD, "POST", path(f, "/api/v1/records/%lld/comments", f->pub), "{\"text\":\"Fra API @sekretariat\"}");
    assert_int_equal(r->status, 201);
    assert_non_null(location(r));
    json_error_t je;
    json_t *v = json_loadb(r->body.data, r->body.len, 0, &je);
    assert_non_null(v);
    assert_string_equal(json_string_value(json_object_get(v, "author")), "sb.kd");
    assert_string_equal(json_string_value(json_object_get(v, "text")), "Fra API @sekretariat");
    json_decref(v);
    r = send(f, V_SEK, "GET", path(f, "/api/v1/records/%lld/comments", f->pub), NULL);
    v = json_loadb(r->body.data, r->body.len, 0, &je);
    assert_int_equal(json_integer_value(json_object_get(v, "count")), 2);
    json_decref(v);
}

/* ---- notifications ------------------------------------------------------------ */

static void unread_count_follows_reading_and_access(void **state)
{
    Fixture *f = *state;
    Err e = {0};
    add(f, V_SEK, f->restricted, "@sb.bfd første");
    add(f, V_SEK, f->restricted, "@sb.bfd andre");
    int64_t third = add(f, V_SEK, f->pub, "@sb.bfd tredje");
    assert_int_equal(notify_unread_count(f->db, &f->v[V_BFD]), 3);
    assert_int_equal(notify_unread_count(f->db, &g_anonymous), 0);

    /* Only one's own can be marked. */
    int64_t nid = q_int(f, "SELECT id FROM notification WHERE comment_id = ?1", third);
    int marked = -1;
    assert_int_equal(notify_mark_read(f->db, &f->v[V_KD], "test", nid, &marked, &e), E_NOTFOUND);
    assert_int_equal(marked, 0);
    assert_int_equal(notify_mark_read(f->db, &g_anonymous, "test", 0, &marked, &e), E_FORBIDDEN);
    assert_int_equal(notify_mark_read(f->db, &f->v[V_BFD], "test", nid, &marked, &e), 0);
    assert_int_equal(marked, 1);
    assert_int_equal(notify_unread_count(f->db, &f->v[V_BFD]), 2);
    assert_int_equal(notify_mark_read(f->db, &f->v[V_BFD], "test", nid, &marked, &e), 0);   /* again: no change */
    assert_int_equal(marked, 0);
    assert_int_equal(audits(f, "notification.read"), 1);

    /* BFD loses access to 3.4: its notifications are neither counted nor
     * listed, nor can they be marked. */
    assert_int_equal(db_exec(f->db, "DELETE FROM access_grant", &e), 0);
    assert_int_equal(notify_unread_count(f->db, &f->v[V_BFD]), 0);
    Notification *xs;
    size_t n;
    NotifyFilter nf = {0};
    assert_int_equal(notify_list(f->db, &f->arena, &f->v[V_BFD], &nf, &xs, &n, NULL, &e), 0);
    assert_int_equal(n, 1);
    assert_int_equal(xs[0].record_id, f->pub);
    Req *r = send(f, V_BFD, "GET", "/api/v1/notifications", NULL);
    assert_int_equal(r->status, 200);
    assert_null(strstr(body_of(r), path(f, "\"id\":%lld", f->restricted)));
    assert_non_null(strstr(body_of(r), "\"unread\":0"));
    assert_int_equal(notify_mark_read(f->db, &f->v[V_BFD], "test", 0, &marked, &e), 0);
    assert_int_equal(marked, 0);
    assert_int_equal(q_int(f, "SELECT count(*) FROM notification WHERE read_at IS NULL AND ?1 = ?1", 0), 2);
}

static void header_and_notifications_page(void **state)
{
    Fixture *f = *state;
    /* No notifications: a plain link; anonymous: none at all. */
    Req *r = send(f, V_SEK, "GET", "/", NULL);
    assert_non_null(strstr(body_of(r), "href=\"/notifications\""));
    assert_null(strstr(body_of(r), "ds-badge"));
    r = send_as(f, NULL, "GET", "/", NULL);
    assert_null(strstr(body_of(r), "/notifications"));

    int64_t cid = add(f, V_BFD, f->restricted, "@sekretariat se på 3.4");
    add(f, V_BFD, f->pub, "@sekretariat og 1.1");
    r = send(f, V_SEK, "GET", "/", NULL);
    assert_non_null(strstr(body_of(r), "data-count=\"2\""));
    assert_non_null(strstr(body_of(r), "(2 uleste)"));

    r = send(f, V_SEK, "GET", "/notifications", NULL);
    assert_int_equal(r->status, 200);
    const char *page = body_of(r);
    assert_non_null(strstr(page, "<h1 class=\"ds-heading\" data-size=\"lg\">Varsler</h1>"));
    assert_non_null(strstr(page, "Bjørn Berg"));                                /* who, by full name */
    assert_non_null(strstr(page, "Nevnte deg i en kommentar"));                 /* what */
    assert_non_null(strstr(page, "<tr class=\"unread\">"));
    assert_null(strstr(page, "&quot;"));                                        /* no markup escaped as text */
    assert_non_null(strstr(page, arena_printf(&f->arena, "href=\"/measures/%lld#comment-%lld\"",
                                              (long long)f->restricted, (long long)cid)));
    const char *newer = strstr(page, arena_printf(&f->arena, "/measures/%lld#", (long long)f->pub));
    const char *older = strstr(page, arena_printf(&f->arena, "/measures/%lld#", (long long)f->restricted));
    assert_true(newer && older && newer < older);                             /* newest first */

    r = send(f, V_SEK, "POST", "/notifications/read", "csrf=tok&all=1");
    assert_int_equal(r->status, 303);
    assert_string_equal(location(r), "/notifications?done=read");
    assert_int_equal(notify_unread_count(f->db, &f->v[V_SEK]), 0);
    r = send(f, V_SEK, "GET", "/notifications?done=read", NULL);
    assert_non_null(strstr(body_of(r), "Varslene er merket som lest."));
    assert_null(strstr(body_of(r), "data-count="));
    assert_int_equal(send(f, V_SEK, "POST", "/notifications/read", "csrf=tok")->status, 400);
    assert_int_equal(send(f, V_KD, "POST", "/notifications/read", "csrf=tok&id=1")->status, 404);

    /* The API marks one. */
    add(f, V_BFD, f->pub, "@sekretariat tredje");
    int64_t nid = q_int(f, "SELECT max(id) FROM notification WHERE ?1 = ?1", 0);
    r = send(f, V_SEK, "POST", "/api/v1/notifications/read", arena_printf(&f->arena, "{\"id\":%lld}", (long long)nid));
    assert_int_equal(r->status, 200);
    assert_non_null(strstr(body_of(r), "\"marked\":1"));
    assert_int_equal(send(f, V_SEK, "POST", "/api/v1/notifications/read", "{\"id\":1,\"all\":true}")->status, 400);
}

int main(void)
{
    if (!auth_init()) {
        return 1;
    }
    web_init();
#define TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        TEST(mentions_are_found),
        TEST(mention_of_a_reader_notifies_once),
        TEST(mention_of_a_non_reader_creates_nothing),
        TEST(notify_add_decides_for_itself),
        TEST(hidden_comments_are_like_missing),
        TEST(bad_text_writes_nothing),
        TEST(only_the_author_changes_a_comment),
        TEST(comment_history_is_kept),
        TEST(comment_form_through_the_router),
        TEST(unread_count_follows_reading_and_access),
        TEST(header_and_notifications_page),
    };
    return cmocka_run_group_tests_name("comment", tests, NULL, NULL);
}
