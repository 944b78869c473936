/* test_link.c: typed links between records (src/app/core/link.c), through
 * the model and through the web pipeline (link_page.c, link_api.c).
 *
 * Each test gets a fresh in-memory database with the demo content: 1.1 is
 * public, 2.5 internal, 3.4 restricted to DFD and shared with BFD, 1.7
 * exempt with a public title.  Measures are managed by the secretariat
 * only; to have someone who manages a record but may not read every
 * other one, this file registers a kind of its own (test_link_note, with
 * the default rule: the owner ministry's secretary general manages it),
 * with notes owned by BFD and by KD, both restricted.  Requests through
 * web_handle set r.viewer directly; each response is freed by the next
 * request or the teardown, so the ASan build checks for leaks.
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

#include "app/core/link.h"
#include "app/demo/demo.h"
#include "app/identity/identity.h"
#include "base/util.h"
#include "db/migrate.h"
#include "web/web.h"

static int note_sample(Db *db, int64_t id, Err *e)
{
    Stmt *s = db_prepare(db, "INSERT INTO test_link_note (id) VALUES (?1)");
    db_bind_int(s, 1, id);
    int rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, "test_link_note insert failed");
    db_done(s);
    return rc;
}

static const RecordKind g_note_kind = {
    .name = "test_link_note", .table = "test_link_note", .label = "notat", .url = "/r/", .sample = note_sample,
};
RECORD_KIND(g_note_kind)

enum { V_SEK, V_KD, V_BFD, V_SECGEN_BFD, V_ANON, NV };

typedef struct Fixture {
    Db *db;
    Arena arena;           /* test allocations */
    Viewer v[NV];          /* sekretariat, sb.kd, sb.bfd, dr.bfd, anonymous */
    int64_t pub, internal, restricted, exempt;   /* 1.1, 2.5, 3.4, 1.7 */
    int64_t note_bfd, note_kd;                   /* restricted notes of BFD and KD */
    Arena req_arena;       /* the current request's arena */
    Req r;
    int route;
} Fixture;

static const char *const g_users[NV] = {"sekretariat", "sb.kd", "sb.bfd", "dr.bfd", NULL};

static int64_t measure_id(Fixture *f, const char *number)
{
    Stmt *s = db_prepare(f->db, "SELECT m.id FROM measure m JOIN strategy s ON s.id = m.strategy_id "
                                "WHERE s.slug = '2021-2025' AND m.number = ?1");
    db_bind_text(s, 1, number);
    int64_t id = db_step(s) == DB_ROW ? db_col_int(s, 0) : 0;
    db_done(s);
    return id;
}

/* A restricted note owned by ministry code, made as the CLI. */
static int64_t note(Fixture *f, const char *code, const char *title)
{
    Stmt *s = db_prepare(f->db, "SELECT id FROM ministry WHERE code = ?1 AND valid_to IS NULL");
    db_bind_text(s, 1, code);
    int64_t ministry = db_step(s) == DB_ROW ? db_col_int(s, 0) : 0;
    db_done(s);
    RecordInit in = {.title = title, .owner_ministry_id = ministry, .visibility = "restricted"};
    int64_t id = 0;
    Err e = {0};
    if (db_begin(f->db, &e) || record_create(f->db, NULL, "test_link_note", &in, &id, &e) ||
        note_sample(f->db, id, &e) || db_commit(f->db, &e)) {
        db_rollback(f->db);
        return 0;
    }
    return id;
}

static int setup(void **state)
{
    static Fixture f;
    Err e = {0};
    memset(&f, 0, sizeof f);
    if (db_open(&f.db, ":memory:", DB_OPEN_CREATE, &e) || migrate_up(f.db, NULL, &e) || demo_seed(f.db, &e) ||
        db_exec(f.db, "CREATE TABLE test_link_note (id INTEGER PRIMARY KEY REFERENCES record(id)) STRICT", &e)) {
        fprintf(stderr, "setup: %s\n", e.msg);
        db_close(f.db);
        return -1;
    }
    for (int w = 0; w < NV; w++) {
        User u;
        if (!g_users[w]) {
            f.v[w] = g_anonymous;
            continue;
        }
        if (user_find(f.db, &f.arena, g_users[w], &u, &e) || auth_viewer(f.db, &f.arena, u.id, &f.v[w], &e)) {
            fprintf(stderr, "setup: %s: %s\n", g_users[w], e.msg);
            return -1;
        }
        f.v[w].csrf = "tok";
    }
    f.pub = measure_id(&f, "1.1");
    f.internal = measure_id(&f, "2.5");
    f.restricted = measure_id(&f, "3.4");
    f.exempt = measure_id(&f, "1.7");
    f.note_bfd = note(&f, "BFD", "BFDs notat");
    f.note_kd = note(&f, "KD", "KDs hemmelige notat");
    *state = &f;
    return f.pub && f.internal && f.restricted && f.exempt && f.note_bfd && f.note_kd ? 0 : -1;
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

static Req *send(Fixture *f, int who, const char *method, const char *path, const char *body)
{
    done(f);
    f->r.arena = &f->req_arena;
    f->r.db = f->db;
    f->r.viewer = &f->v[who];
    f->r.csrf = "tok";
    f->r.client = "198.51.100.7";
    const char *q = strchr(path, '?');
    const char *p = q ? arena_strndup(&f->req_arena, path, (size_t)(q - path)) : path;
    WebRequest in = {.method = method, .path = p, .query = q ? q + 1 : NULL, .body = body,
                     .body_len = body ? strlen(body) : 0,
                     .content_type = body && body[0] == '{' ? "application/json" : "application/x-www-form-urlencoded",
                     .request_id = "link-test", .client = "198.51.100.7", .header = test_header};
    web_handle(&in, &f->r, &f->route);
    assert_int_equal(db_busy_statements(f->db), 0);
    return &f->r;
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

#define body_of(r) buf_str(&(r)->body)
#define path(f, fmt, id) arena_printf(&(f)->arena, fmt, (long long)(id))

static int64_t link(Fixture *f, int who, int64_t from, int64_t to, const char *type)
{
    Err e = {0};
    int64_t id = 0;
    if (link_add(f->db, &f->v[who], "test", from, to, type, &id, &e)) {
        fail_msg("link_add: %s", e.msg);
    }
    assert_true(id > 0);
    return id;
}

static const char *title_of(Fixture *f, int64_t id)
{
    return db_one_text(f->db, &f->arena, "SELECT title FROM record WHERE id = ?1", id);
}

static int64_t audits(Fixture *f, const char *action)
{
    Stmt *s = db_prepare(f->db, "SELECT count(*) FROM audit WHERE action = ?1");
    db_bind_text(s, 1, action);
    int64_t n = db_step(s) == DB_ROW ? db_col_int(s, 0) : -1;
    db_done(s);
    return n;
}

/* ---- the model -------------------------------------------------------------- */

static void link_shows_on_both_ends(void **state)
{
    Fixture *f = *state;
    Err e = {0};
    int64_t id = link(f, V_SEK, f->pub, f->internal, "implements");
    Link *ls;
    size_t n;
    assert_int_equal(link_list(f->db, &f->arena, &f->v[V_SEK], f->pub, &ls, &n, &e), 0);
    assert_int_equal(n, 1);
    assert_int_equal(ls[0].id, id);
    assert_true(ls[0].outgoing);
    assert_string_equal(ls[0].label, "Gjennomfører");
    assert_int_equal(ls[0].other_id, f->internal);
    assert_string_equal(ls[0].other_title, title_of(f, f->internal));
    assert_string_equal(ls[0].other_url, path(f, "/measures/%lld", f->internal));
    assert_string_equal(ls[0].created_by, "Sigrid Strand");
    assert_true(ls[0].can_remove);
    assert_int_equal(link_list(f->db, &f->arena, &f->v[V_SEK], f->internal, &ls, &n, &e), 0);
    assert_int_equal(n, 1);
    assert_false(ls[0].outgoing);
    assert_string_equal(ls[0].label, "Gjennomføres av");
    assert_int_equal(ls[0].other_id, f->pub);
    assert_true(ls[0].can_remove);             /* the secretariat manages the from end too */
    assert_int_equal(audits(f, "link.add"), 1);

    /* Once per type and pair, whichever end; never to itself; a known type
     * and an existing other end. */
    int64_t none = -1;
    assert_int_equal(link_add(f->db, &f->v[V_SEK], "test", f->pub, f->internal, "implements", &none, &e), E_CONFLICT);
    assert_int_equal(none, 0);
    assert_int_equal(link_add(f->db, &f->v[V_SEK], "test", f->internal, f->pub, "implements", NULL, &e), E_CONFLICT);
    assert_int_equal(link_add(f->db, &f->v[V_SEK], "test", f->pub, f->pub, "relates_to", NULL, &e), E_INVALID);
    assert_int_equal(link_add(f->db, &f->v[V_SEK], "test", f->pub, f->internal, "likes", NULL, &e), E_INVALID);
    assert_int_equal(link_add(f->db, &f->v[V_SEK], "test", f->pub, 999999, "relates_to", NULL, &e), E_INVALID);
    assert_int_equal(link_add(f->db, &f->v[V_SEK], "test", f->pub, 0, "relates_to", NULL, &e), E_INVALID);
    link(f, V_SEK, f->internal, f->pub, "follows_up");   /* another type is another link */
    assert_int_equal(link_count(f->db, &f->v[V_SEK], f->pub), 2);
    assert_int_equal(audits(f, "link.add"), 2);

    assert_int_equal(link_remove(f->db, &f->v[V_SEK], "test", id, &e), 0);
    assert_int_equal(link_count(f->db, &f->v[V_SEK], f->pub), 1);
    assert_int_equal(link_remove(f->db, &f->v[V_SEK], "test", id, &e), E_NOTFOUND);
    assert_int_equal(audits(f, "link.remove"), 1);
}

/* A link to a record the viewer may not read is not there for them: no
 * row, no count, not found — from either end, in the model, the API and
 * the page. */
static void link_to_a_hidden_record_is_invisible(void **state)
{
    Fixture *f = *state;
    Err e = {0};
    int64_t out = link(f, V_SEK, f->pub, f->restricted, "relates_to");
    int64_t in = link(f, V_SEK, f->restricted, f->pub, "follows_up");
    link(f, V_SEK, f->pub, f->exempt, "evidence_for");
    const char *secret = title_of(f, f->restricted), *real_exempt = title_of(f, f->exempt);
    Link *ls, l;
    size_t n;
    for (int who = V_KD; who <= V_ANON; who += V_ANON - V_KD) {   /* sb.kd and the public */
        assert_int_equal(link_list(f->db, &f->arena, &f->v[who], f->pub, &ls, &n, &e), 0);
        for (size_t i = 0; i < n; i++) {
            assert_int_not_equal(ls[i].other_id, f->restricted);
        }
        assert_int_equal(link_count(f->db, &f->v[who], f->pub), (int)n);
        assert_int_equal(link_list(f->db, &f->arena, &f->v[who], f->restricted, &ls, &n, &e), E_NOTFOUND);
        assert_int_equal(link_count(f->db, &f->v[who], f->restricted), 0);
        assert_int_equal(link_get(f->db, &f->arena, &f->v[who], out, &l, &e), E_NOTFOUND);
        assert_int_equal(link_get(f->db, &f->arena, &f->v[who], in, &l, &e), E_NOTFOUND);
    }
    assert_int_equal(link_count(f->db, &f->v[V_KD], f->pub), 1);   /* only the exempt one, seen in full */
    assert_int_equal(link_count(f->db, &f->v[V_ANON], f->pub), 0); /* the public sees 1.7 only by its public title */
    assert_int_equal(link_list(f->db, &f->arena, &f->v[V_ANON], f->exempt, &ls, &n, &e), 0);
    assert_int_equal(n, 0);
    /* Who may read both ends sees both directions. */
    assert_int_equal(link_count(f->db, &f->v[V_BFD], f->pub), 3);
    assert_int_equal(link_list(f->db, &f->arena, &f->v[V_BFD], f->restricted, &ls, &n, &e), 0);
    assert_int_equal(n, 2);

    /* The API and the page say nothing of it, not even a count. */
    Req *r = send(f, V_KD, "GET", path(f, "/api/v1/records/%lld/links", f->pub), NULL);
    assert_int_equal(r->status, 200);
    assert_non_null(strstr(body_of(r), "\"count\":1"));
    assert_null(strstr(body_of(r), secret));
    r = send(f, V_ANON, "GET", path(f, "/api/v1/records/%lld/links", f->pub), NULL);
    assert_non_null(strstr(body_of(r), "\"count\":0"));
    assert_null(strstr(body_of(r), real_exempt));
    r = send(f, V_KD, "GET", path(f, "/measures/%lld", f->pub), NULL);
    assert_int_equal(r->status, 200);
    assert_null(strstr(body_of(r), secret));
    assert_null(strstr(body_of(r), path(f, "/measures/%lld\"", f->restricted)));
    r = send(f, V_ANON, "GET", path(f, "/measures/%lld", f->pub), NULL);
    assert_null(strstr(body_of(r), secret));
    assert_null(strstr(body_of(r), "links-h"));                  /* no section, so no count */
    r = send(f, V_KD, "GET", path(f, "/api/v1/records/%lld/links", f->restricted), NULL);
    assert_int_equal(r->status, 404);
    const char *hidden = arena_strdup(&f->arena, body_of(r));
    r = send(f, V_KD, "GET", "/api/v1/records/999999/links", NULL);
    assert_string_equal(body_of(r), hidden);
    r = send(f, V_KD, "DELETE", path(f, "/api/v1/links/%lld", out), NULL);
    assert_int_equal(r->status, 404);
    hidden = arena_strdup(&f->arena, body_of(r));
    r = send(f, V_KD, "DELETE", "/api/v1/links/999999", NULL);
    assert_string_equal(body_of(r), hidden);
    assert_int_equal(send(f, V_KD, "POST", path(f, "/links/%lld/delete", out), "csrf=tok")->status, 404);
    r = send(f, V_BFD, "GET", path(f, "/measures/%lld", f->pub), NULL);
    assert_non_null(strstr(body_of(r), secret));                 /* the reader does see it */
    assert_non_null(strstr(body_of(r), "Følges opp av"));
}

static void who_may_link_and_unlink(void **state)
{
    Fixture *f = *state;
    Err e = {0}, e2 = {0};
    /* Measures are managed by the secretariat alone. */
    assert_int_equal(link_add(f->db, &f->v[V_KD], "test", f->pub, f->internal, "relates_to", NULL, &e), E_FORBIDDEN);
    assert_int_equal(link_add(f->db, &f->v[V_ANON], "test", f->pub, f->exempt, "relates_to", NULL, &e), E_FORBIDDEN);
    assert_int_equal(link_add(f->db, &f->v[V_KD], "test", f->restricted, f->pub, "relates_to", NULL, &e), E_NOTFOUND);
    Viewer token = f->v[V_SEK];
    token.read_only = true;
    assert_int_equal(link_add(f->db, &token, "test", f->pub, f->internal, "relates_to", NULL, &e), E_FORBIDDEN);
    int64_t id = link(f, V_SEK, f->pub, f->internal, "relates_to");
    assert_int_equal(link_remove(f->db, &f->v[V_KD], "test", id, &e), E_FORBIDDEN);
    assert_int_equal(link_remove(f->db, &token, "test", id, &e), E_FORBIDDEN);

    /* BFD's secretary general manages BFD's note: may link it to what they
     * may read (3.4 is shared with BFD), not to KD's note — refused exactly
     * like a record that does not exist. */
    link(f, V_SECGEN_BFD, f->note_bfd, f->restricted, "evidence_for");
    assert_int_equal(link_add(f->db, &f->v[V_SECGEN_BFD], "test", f->note_bfd, f->note_kd, "relates_to", NULL, &e),
                     E_INVALID);
    assert_int_equal(link_add(f->db, &f->v[V_SECGEN_BFD], "test", f->note_bfd, 999999, "relates_to", NULL, &e2),
                     E_INVALID);
    assert_string_equal(e.msg, e2.msg);
    assert_int_equal(link_add(f->db, &f->v[V_SECGEN_BFD], "test", f->pub, f->note_bfd, "relates_to", NULL, &e),
                     E_FORBIDDEN);
    /* The secretariat may read 3.4 but not BFD's note, and manages 3.4:
     * the note end stays hidden from it. */
    Link *ls;
    size_t n;
    assert_int_equal(link_list(f->db, &f->arena, &f->v[V_SEK], f->restricted, &ls, &n, &e), 0);
    assert_int_equal(n, 0);
    assert_int_equal(audits(f, "link.add"), 2);
}

/* ---- naming the other end ---------------------------------------------------- */

static void link_target_reads_ids_and_urls(void **state)
{
    (void)state;
    assert_int_equal(link_target("12"), 12);
    assert_int_equal(link_target(" 12 "), 12);
    assert_int_equal(link_target("#12"), 12);
    assert_int_equal(link_target("/measures/12"), 12);
    assert_int_equal(link_target("/measures/12/history"), 12);
    assert_int_equal(link_target("https://samla.example/measures/12?done=x#links"), 12);
    assert_int_equal(link_target("http://localhost:8080/r/7"), 7);
    assert_int_equal(link_target("/r/7"), 7);
    assert_int_equal(link_target("/strategies/2021-2025/areas/1"), 0);
    assert_int_equal(link_target("/measures/"), 0);
    assert_int_equal(link_target("/measures/x12"), 0);
    assert_int_equal(link_target("2.4"), 0);
    assert_int_equal(link_target("https://samla.example"), 0);
    assert_int_equal(link_target(""), 0);
    assert_int_equal(link_target(NULL), 0);
    assert_int_equal(link_target("99999999999999999999"), 0);
}

/* ---- pages and API ----------------------------------------------------------- */

static void link_form_through_the_router(void **state)
{
    Fixture *f = *state;
    Req *r = send(f, V_SEK, "GET", path(f, "/measures/%lld", f->pub), NULL);
    assert_int_equal(r->status, 200);
    assert_non_null(strstr(body_of(r), "id=\"links-h\">Koblinger</h2>"));
    assert_non_null(strstr(body_of(r), "<label class=\"ds-label\" for=\"link-type\">"));
    assert_non_null(strstr(body_of(r), "<option value=\"decided_in\">Besluttet i</option>"));
    assert_non_null(strstr(body_of(r), "for=\"link-target\""));

    const char *form = arena_printf(&f->arena, "csrf=tok&type=implements&link-target=%%2Fmeasures%%2F%lld",
                                    (long long)f->internal);
    r = send(f, V_SEK, "POST", path(f, "/records/%lld/links", f->pub), form);
    assert_int_equal(r->status, 303);
    assert_string_equal(location(r), path(f, "/measures/%lld?done=link#links", f->pub));
    r = send(f, V_SEK, "GET", path(f, "/measures/%lld?done=link", f->pub), NULL);
    assert_non_null(strstr(body_of(r), "Koblingen er lagt til."));
    assert_non_null(strstr(body_of(r), title_of(f, f->internal)));
    r = send(f, V_SEK, "GET", path(f, "/measures/%lld", f->internal), NULL);
    assert_non_null(strstr(body_of(r), "Gjennomføres av"));

    /* Refused: the form again, the error summarised and at the field. */
    r = send(f, V_SEK, "POST", path(f, "/records/%lld/links", f->pub), "csrf=tok&type=implements&link-target=2.4");
    assert_int_equal(r->status, 400);
    assert_non_null(strstr(body_of(r), "ds-error-summary"));
    assert_non_null(strstr(body_of(r), "href=\"#link-target\""));
    assert_non_null(strstr(body_of(r), "aria-invalid=\"true\""));
    assert_non_null(strstr(body_of(r), "value=\"2.4\""));
    r = send(f, V_SEK, "POST", path(f, "/records/%lld/links", f->pub), form);
    assert_int_equal(r->status, 409);
    r = send(f, V_KD, "POST", path(f, "/records/%lld/links", f->pub), form);
    assert_int_equal(r->status, 403);

    /* Removed from the other end's page: back to that page. */
    int64_t id = db_one_int(f->db, "SELECT max(id) FROM record_link WHERE ?1 = ?1", 0, 0);
    r = send(f, V_SEK, "POST", path(f, "/links/%lld/delete", id),
             arena_printf(&f->arena, "csrf=tok&back=%lld", (long long)f->internal));
    assert_int_equal(r->status, 303);
    assert_string_equal(location(r), path(f, "/measures/%lld?done=link_removed#links", f->internal));
    assert_int_equal(link_count(f->db, &f->v[V_SEK], f->pub), 0);
}

static void link_api(void **state)
{
    Fixture *f = *state;
    const char *body = arena_printf(&f->arena, "{\"type\":\"evidence_for\",\"to\":\"/measures/%lld\"}",
                                    (long long)f->restricted);
    Req *r = send(f, V_SEK, "POST", path(f, "/api/v1/records/%lld/links", f->pub), body);
    assert_int_equal(r->status, 201);
    json_error_t je;
    json_t *v = json_loadb(r->body.data, r->body.len, 0, &je);
    assert_non_null(v);
    assert_string_equal(json_string_value(json_object_get(v, "type")), "evidence_for");
    assert_string_equal(json_string_value(json_object_get(v, "direction")), "outgoing");
    assert_int_equal(json_integer_value(json_object_get(json_object_get(v, "record"), "id")), f->restricted);
    json_int_t id = json_integer_value(json_object_get(v, "id"));
    json_decref(v);
    r = send(f, V_BFD, "GET", path(f, "/api/v1/records/%lld/links", f->restricted), NULL);
    assert_non_null(strstr(body_of(r), "\"direction\":\"incoming\""));
    assert_int_equal(send(f, V_SEK, "POST", path(f, "/api/v1/records/%lld/links", f->pub), body)->status, 409);
    assert_int_equal(send(f, V_SEK, "POST", path(f, "/api/v1/records/%lld/links", f->pub),
                          "{\"type\":\"relates_to\",\"to\":true}")->status, 400);
    assert_int_equal(send(f, V_BFD, "POST", path(f, "/api/v1/records/%lld/links", f->pub),
                          "{\"type\":\"relates_to\",\"to\":1}")->status, 403);
    assert_int_equal(send(f, V_BFD, "DELETE", path(f, "/api/v1/links/%lld", id), NULL)->status, 403);
    r = send(f, V_SEK, "DELETE", path(f, "/api/v1/links/%lld", id), NULL);
    assert_int_equal(r->status, 200);
    assert_int_equal(link_count(f->db, &f->v[V_SEK], f->pub), 0);
}

int main(void)
{
    if (!auth_init()) {
        return 1;
    }
    web_init();
#define TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        TEST(link_shows_on_both_ends),
        TEST(link_to_a_hidden_record_is_invisible),
        TEST(who_may_link_and_unlink),
        TEST(link_target_reads_ids_and_urls),
        TEST(link_form_through_the_router),
        TEST(link_api),
    };
    return cmocka_run_group_tests_name("link", tests, NULL, NULL);
}
