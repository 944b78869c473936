/* test_consult.c: cases, the study, consultation rounds and answers
 * (src/app/consult/) through the model, and a few answers of the API.
 *
 * Each test gets a fresh in-memory database with the demo content, made
 * with the clock at 2026-03-02 (a Monday): the KD law case with its
 * referral to AID, BFD and KDD (BFD has answered, AID has its own later
 * deadline, KDD is overdue), BFD's mandate case in early involvement with
 * HOD, and DFD's public regulation.  Who may read what is decided by the
 * core's access rule; the expectations here come from the issue and
 * docs/security.md, not from the code.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "app/consult/consult.h"
#include "app/core/notify.h"
#include "app/demo/demo.h"
#include "app/identity/identity.h"
#include "base/util.h"
#include "db/migrate.h"
#include "web/web.h"

#define TODAY "2026-03-02"

enum { V_KD, V_BFD, V_AID, V_KDD, V_DRBFD, V_HOD, V_JD, V_SEK, V_ANON, NV };
static const char *const g_users[NV] = {"sb.kd", "sb.bfd", "sb.aid", "sb.kdd", "dr.bfd", "ansatt.hod", "tv.ntl",
                                        "sekretariat", NULL};

typedef struct Fixture {
    Db *db;
    Arena arena;
    Viewer v[NV];
    int64_t kd_case, bfd_case, dfd_case, kd_round;
    int64_t answer_bfd, answer_aid, answer_kdd;
    Arena req_arena;
    Req r;
} Fixture;

static int viewers(Fixture *f)
{
    Err e = {0};
    for (int w = 0; w < NV; w++) {
        User u;
        if (!g_users[w]) {
            f->v[w] = g_anonymous;
            continue;
        }
        if (user_find(f->db, &f->arena, g_users[w], &u, &e) || auth_viewer(f->db, &f->arena, u.id, &f->v[w], &e)) {
            fprintf(stderr, "setup: %s: %s\n", g_users[w], e.msg);
            return -1;
        }
        f->v[w].csrf = "tok";
    }
    return 0;
}

static int64_t id_where(Fixture *f, const char *sql, const char *arg)
{
    Stmt *s = db_prepare(f->db, sql);
    db_bind_text(s, 1, arg);
    int64_t id = db_step(s) == DB_ROW ? db_col_int(s, 0) : 0;
    db_done(s);
    return id;
}

static int64_t answer_of(Fixture *f, int64_t round, const char *code)
{
    Stmt *s = db_prepare(f->db, "SELECT a.id FROM consult_answer a JOIN ministry m ON m.id = a.ministry_id "
                                "WHERE a.round_id = ?1 AND m.code = ?2");
    db_bind_int(s, 1, round);
    db_bind_text(s, 2, code);
    int64_t id = db_step(s) == DB_ROW ? db_col_int(s, 0) : 0;
    db_done(s);
    return id;
}

static int setup(void **state)
{
    static Fixture f;
    Err e = {0};
    memset(&f, 0, sizeof f);
    setenv("SAMLA_TODAY", TODAY, 1);
    if (db_open(&f.db, ":memory:", DB_OPEN_CREATE, &e) || migrate_up(f.db, NULL, &e) || demo_seed(f.db, &e) ||
        viewers(&f)) {
        fprintf(stderr, "setup: %s\n", e.msg);
        return -1;
    }
    f.kd_case = id_where(&f, "SELECT id FROM record WHERE kind = 'case' AND title LIKE ?1", "Lov om endringer%");
    f.bfd_case = id_where(&f, "SELECT id FROM record WHERE kind = 'case' AND title LIKE ?1", "Mandat for utvalg%");
    f.dfd_case = id_where(&f, "SELECT id FROM record WHERE kind = 'case' AND title LIKE ?1", "Forskrift om%");
    f.kd_round = db_one_int(f.db, "SELECT id FROM consult_round WHERE case_id = ?1", f.kd_case, 0);
    f.answer_bfd = answer_of(&f, f.kd_round, "BFD");
    f.answer_aid = answer_of(&f, f.kd_round, "AID");
    f.answer_kdd = answer_of(&f, f.kd_round, "KDD");
    *state = &f;
    return f.kd_case && f.bfd_case && f.dfd_case && f.kd_round && f.answer_bfd && f.answer_aid && f.answer_kdd ? 0
                                                                                                              : -1;
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
    setenv("SAMLA_TODAY", TODAY, 1);
    return 0;
}

static const char *test_header(void *ctx, const char *name)
{
    (void)ctx;
    return strcasecmp(name, "Host") == 0         ? "t"
           : strcasecmp(name, "Origin") == 0     ? "http://t"
           : strcasecmp(name, "X-CSRF-Token") == 0 ? "tok"
                                                 : NULL;
}

static Req *call(Fixture *f, int w, const char *method, const char *path, const char *body)
{
    done(f);
    f->r.arena = &f->req_arena;
    f->r.db = f->db;
    f->r.viewer = &f->v[w];
    f->r.csrf = "tok";
    f->r.client = "t";
    WebRequest in = {.method = method, .path = path, .body = body, .body_len = body ? strlen(body) : 0,
                     .content_type = body && body[0] != '{' ? "application/x-www-form-urlencoded" : "application/json",
                     .request_id = "consult-test", .client = "t", .header = test_header};
    int route;
    web_handle(&in, &f->r, &route);
    assert_int_equal(db_busy_statements(f->db), 0);
    return &f->r;
}

static bool case_listed(Fixture *f, int w, int64_t id)
{
    Case *c;
    size_t n;
    Err e = {0};
    assert_int_equal(consult_case_list(f->db, &f->arena, &f->v[w], NULL, &c, &n, &e), 0);
    for (size_t i = 0; i < n; i++) {
        if (c[i].rec.id == id) {
            return true;
        }
    }
    return false;
}

static int events(Fixture *f, int w, int64_t case_id, const char *type)
{
    CaseEvent *ev;
    size_t n;
    Err e = {0};
    if (consult_timeline(f->db, &f->arena, &f->v[w], case_id, &ev, &n, &e)) {
        return -1;
    }
    int count = 0;
    for (size_t i = 0; i < n; i++) {
        count += !type || str_eq(ev[i].type, type);
    }
    return count;
}

/* ---- who reads what ------------------------------------------------------------- */

/* The lead reads everything; each recipient the case, the round and its own
 * answer; a ministry outside the round nothing — not in lists, counts or
 * the timeline. */
static void demo_referral_follows_the_access_rule(void **state)
{
    Fixture *f = *state;
    Err e = {0};
    Case c;
    Round r;
    Answer a, *as;
    size_t n;
    /* Readers of the case and the round. */
    for (int w = V_KD; w <= V_DRBFD; w++) {
        assert_int_equal(consult_case_get(f->db, &f->arena, &f->v[w], f->kd_case, &c, &e), 0);
        assert_true(case_listed(f, w, f->kd_case));
        assert_int_equal(consult_round_get(f->db, &f->arena, &f->v[w], f->kd_round, &r, &e), 0);
    }
    /* Outside the round. */
    static const int outside[] = {V_HOD, V_JD, V_SEK, V_ANON};
    for (size_t i = 0; i < COUNT(outside); i++) {
        int w = outside[i];
        assert_int_equal(consult_case_get(f->db, &f->arena, &f->v[w], f->kd_case, &c, &e), E_NOTFOUND);
        assert_false(case_listed(f, w, f->kd_case));
        assert_int_equal(consult_round_get(f->db, &f->arena, &f->v[w], f->kd_round, &r, &e), E_NOTFOUND);
        assert_int_equal(consult_answer_get(f->db, &f->arena, &f->v[w], f->answer_bfd, &a, &e), E_NOTFOUND);
        assert_int_equal(consult_answers(f->db, &f->arena, &f->v[w], f->kd_round, &as, &n, &e), 0);
        assert_int_equal(n, 0);
        assert_int_equal(events(f, w, f->kd_case, NULL), -1);
        Round *sent;
        size_t ns;
        if (w != V_ANON) {
            assert_int_equal(consult_inbox(f->db, &f->arena, &f->v[w], &as, &n, &sent, &ns, &e), 0);
            for (size_t k = 0; k < n; k++) {
                assert_int_not_equal(as[k].case_id, f->kd_case);
            }
            for (size_t k = 0; k < ns; k++) {
                assert_int_not_equal(sent[k].case_id, f->kd_case);
            }
        }
    }
    /* The lead reads every answer; a recipient only its own. */
    assert_int_equal(consult_answers(f->db, &f->arena, &f->v[V_KD], f->kd_round, &as, &n, &e), 0);
    assert_int_equal(n, 3);
    assert_int_equal(consult_answers(f->db, &f->arena, &f->v[V_BFD], f->kd_round, &as, &n, &e), 0);
    assert_int_equal(n, 1);
    assert_string_equal(as[0].ministry_code, "BFD");
    assert_int_equal(consult_answer_get(f->db, &f->arena, &f->v[V_BFD], f->answer_kdd, &a, &e), E_NOTFOUND);
    assert_int_equal(consult_answer_get(f->db, &f->arena, &f->v[V_KDD], f->answer_bfd, &a, &e), E_NOTFOUND);
    /* Counts follow the same rule. */
    assert_int_equal(consult_round_get(f->db, &f->arena, &f->v[V_KD], f->kd_round, &r, &e), 0);
    assert_int_equal(r.nanswers, 3);
    assert_int_equal(r.nanswered, 1);
    assert_int_equal(r.noverdue, 1);
    assert_string_equal(r.overdue_codes, "KDD");
    assert_int_equal(consult_round_get(f->db, &f->arena, &f->v[V_BFD], f->kd_round, &r, &e), 0);
    assert_int_equal(r.nanswers, 1);
    assert_int_equal(r.noverdue, 0);
    assert_string_equal(r.overdue_codes, "");
    assert_int_equal(consult_case_get(f->db, &f->arena, &f->v[V_KD], f->kd_case, &c, &e), 0);
    assert_int_equal(c.noverdue, 1);
    assert_int_equal(c.study_done, 6);
    assert_int_equal(consult_case_get(f->db, &f->arena, &f->v[V_AID], f->kd_case, &c, &e), 0);
    assert_int_equal(c.noverdue, 0);
    /* The timeline: a recipient sees its own answer's events, not the others'. */
    assert_int_equal(events(f, V_KD, f->kd_case, "reminded"), 1);
    assert_int_equal(events(f, V_KDD, f->kd_case, "reminded"), 1);
    assert_int_equal(events(f, V_BFD, f->kd_case, "reminded"), 0);
    assert_int_equal(events(f, V_BFD, f->kd_case, "answered"), 1);
    assert_int_equal(events(f, V_AID, f->kd_case, "answered"), 0);
    assert_int_equal(events(f, V_AID, f->kd_case, "extended"), 1);
    /* The public case is the public's; its study too. */
    assert_int_equal(consult_case_get(f->db, &f->arena, &f->v[V_ANON], f->dfd_case, &c, &e), 0);
    assert_int_equal(c.study_done, 3);
}

/* Overdue is flagged on both sides: in KDD's inbox and in KD's. */
static void overdue_in_both_inboxes(void **state)
{
    Fixture *f = *state;
    Err e = {0};
    Answer *aw;
    Round *sent;
    size_t na, ns;
    assert_int_equal(consult_inbox(f->db, &f->arena, &f->v[V_KDD], &aw, &na, &sent, &ns, &e), 0);
    assert_int_equal(na, 1);
    assert_int_equal(aw[0].rec.id, f->answer_kdd);
    assert_true(aw[0].overdue);
    assert_int_equal(consult_inbox(f->db, &f->arena, &f->v[V_AID], &aw, &na, &sent, &ns, &e), 0);
    assert_int_equal(na, 1);
    assert_false(aw[0].overdue);   /* AID's own deadline is a week away */
    assert_true(aw[0].own_deadline);
    assert_string_equal(aw[0].taken_by, "sb.aid");
    assert_int_equal(consult_inbox(f->db, &f->arena, &f->v[V_KD], &aw, &na, &sent, &ns, &e), 0);
    assert_int_equal(na, 0);
    assert_int_equal(ns, 1);
    assert_int_equal(sent[0].noverdue, 1);
    assert_string_equal(sent[0].overdue_codes, "KDD");
    /* HOD's employee sees BFD's early involvement awaiting HOD. */
    assert_int_equal(consult_inbox(f->db, &f->arena, &f->v[V_HOD], &aw, &na, &sent, &ns, &e), 0);
    assert_int_equal(na, 1);
    assert_int_equal(aw[0].case_id, f->bfd_case);
    assert_string_equal(aw[0].round_kind, "early");
    /* The public has no inbox. */
    assert_int_equal(consult_inbox(f->db, &f->arena, &f->v[V_ANON], &aw, &na, &sent, &ns, &e), E_FORBIDDEN);
}

/* ---- deadlines ------------------------------------------------------------------------ */

static const char *warning(Arena *a, const char *kind, const char *from, const char *to, size_t *n)
{
    FormProblem w[4];
    *n = consult_deadline_warnings(a, kind, from, to, w, COUNT(w));
    return *n ? arena_printf(a, "%s|%s", w[0].msg, w[0].arg ? w[0].arg : "") : "";
}

static void deadlines_count_working_days(void **state)
{
    Fixture *f = *state;
    Arena *a = &f->arena;
    size_t n;
    /* A referral: two weeks are ten working days, three weeks are enough. */
    assert_non_null(strstr(warning(a, "referral", "2026-03-02", "2026-03-16", &n), "|10"));
    assert_int_equal(n, 1);
    assert_string_equal(warning(a, "referral", "2026-03-02", "2026-03-23", &n), "");
    /* Three weeks over Easter are twelve working days. */
    assert_non_null(strstr(warning(a, "referral", "2026-03-30", "2026-04-20", &n), "|12"));
    /* Early involvement has no minimum; a deadline on a Sunday is noted. */
    assert_string_equal(warning(a, "early", "2026-03-02", "2026-03-06", &n), "");
    assert_non_null(strstr(warning(a, "early", "2026-03-02", "2026-03-08", &n), "|2026-03-08"));
    /* A hearing: under six weeks is too short; six weeks is short of the normal three months. */
    assert_non_null(strstr(warning(a, "hearing", "2026-03-02", "2026-04-06", &n), "seks"));
    assert_non_null(strstr(warning(a, "hearing", "2026-09-07", "2026-10-19", &n), "|2026-12-07"));
    assert_string_equal(warning(a, "hearing", "2026-09-07", "2026-12-07", &n), "");
    assert_string_equal(warning(a, "hearing", "2026-11-30", "2027-03-01", &n), "");   /* 28 February + 1 */
}

/* ---- the whole way ------------------------------------------------------------------------ */

static void case_study_round_answers_close(void **state)
{
    Fixture *f = *state;
    Err e = {0};
    FormProblem *errs;
    size_t nerr;
    int64_t id;
    const Viewer *kd = &f->v[V_KD];
    /* KD's case officer opens a law case. */
    CaseText t = {0};
    t.v[CF_TITLE] = "Lov om felles digital skolestart";
    t.v[CF_TYPE] = "law";
    t.v[CF_SUMMARY] = "Et forslag.";
    t.v[CF_AFFECTED] = "KDD, BFD, AID";
    t.v[CF_EFFECTS] = "municipal, budget";
    assert_int_equal(consult_case_save(f->db, &f->arena, kd, "t", 0, &t, 0, NULL, &id, &errs, &nerr, &e), 0);
    Case c;
    assert_int_equal(consult_case_get(f->db, &f->arena, kd, id, &c, &e), 0);
    assert_string_equal(c.rec.owner_code, "KD");
    assert_string_equal(c.rec.visibility, "restricted");
    assert_string_equal(c.rec.exemption_basis, "offl-15-1-2");
    assert_string_equal(c.officer, "sb.kd");
    assert_string_equal(c.status, "study");
    assert_int_equal(c.naffected, 3);
    /* samla suggests FIN (budget) and KDD (municipalities) by § 3-2, then the affected ones. */
    Suggestion *sg;
    size_t ns;
    assert_int_equal(consult_suggest(f->db, &f->arena, &c, &sg, &ns, &e), 0);
    assert_int_equal(ns, 4);
    assert_string_equal(sg[0].code, "FIN");
    assert_string_equal(sg[1].code, "KDD");
    /* The study: all seven questions and the level; every answer a version. */
    CaseText st = {0};
    for (int q = 0; q < STUDY_QUESTIONS; q++) {
        st.v[CF_STUDY + q] = arena_printf(&f->arena, "Svar på spørsmål %d.", q + 1);
    }
    st.v[CF_STUDY_LEVEL] = "simplified";
    assert_int_equal(consult_case_save(f->db, &f->arena, kd, "t", id, &st, c.rec.version, NULL, &id, &errs, &nerr, &e),
                     0);
    assert_int_equal(consult_case_get(f->db, &f->arena, kd, id, &c, &e), 0);
    assert_int_equal(c.study_done, STUDY_QUESTIONS);
    RecordVersion *rv;
    size_t nv;
    assert_int_equal(record_versions(f->db, &f->arena, kd, id, &rv, &nv, &e), 0);
    assert_int_equal(nv, 2);
    assert_int_equal(rv[0].nchanges, STUDY_QUESTIONS + 1);
    /* A stale version is refused. */
    st.v[CF_STUDY] = "Endret.";
    assert_int_equal(consult_case_save(f->db, &f->arena, kd, "t", id, &st, 1, NULL, &id, &errs, &nerr, &e),
                     E_CONFLICT);
    /* Sending with two weeks: warned, nothing written until confirmed. */
    RoundInput in = {.kind = "referral", .recipients = "BFD, AID, KDD", .deadline = "2026-03-16",
                     .message = "Vi ber om merknader."};
    int64_t round;
    assert_int_equal(consult_round_send(f->db, &f->arena, kd, "t", id, &in, &round, &errs, &nerr, &e), E_CONFLICT);
    assert_int_equal(nerr, 1);
    assert_string_equal(errs[0].arg, "10");
    assert_int_equal(db_one_int(f->db, "SELECT count(*) FROM consult_round WHERE case_id = ?1", id, -1), 0);
    assert_false(record_can_read(f->db, &f->v[V_BFD], id));
    int unread = notify_unread_count(f->db, &f->v[V_BFD]);
    in.confirmed = true;
    assert_int_equal(consult_round_send(f->db, &f->arena, kd, "t", id, &in, &round, &errs, &nerr, &e), 0);
    assert_int_equal(consult_case_get(f->db, &f->arena, kd, id, &c, &e), 0);
    assert_string_equal(c.status, "referral");
    assert_true(record_can_read(f->db, &f->v[V_BFD], id));
    assert_false(record_can_read(f->db, &f->v[V_HOD], id));
    assert_int_equal(notify_unread_count(f->db, &f->v[V_BFD]), unread + 1);
    int64_t bfd = answer_of(f, round, "BFD"), aid = answer_of(f, round, "AID"), kdd = answer_of(f, round, "KDD");
    /* BFD answers with remarks; AID «ingen merknader» without text; nobody answers for another. */
    assert_int_equal(consult_answer_take(f->db, &f->arena, &f->v[V_BFD], "t", bfd, true, &e), 0);
    assert_int_equal(consult_answer_submit(f->db, &f->arena, &f->v[V_BFD], "t", bfd, "remarks", "", "", &errs, &nerr, &e),
                     E_INVALID);
    assert_int_equal(errs[0].field, AF_TEXT);
    assert_int_equal(consult_answer_submit(f->db, &f->arena, &f->v[V_BFD], "t", bfd, "remarks", "Barnevernet må med.",
                                           "Ekspedisjonssjef", &errs, &nerr, &e), 0);
    assert_int_equal(consult_answer_submit(f->db, &f->arena, &f->v[V_AID], "t", aid, "none", "", "", &errs, &nerr, &e),
                     0);
    assert_int_equal(consult_answer_submit(f->db, &f->arena, &f->v[V_BFD], "t", kdd, "none", "", "", &errs, &nerr, &e),
                     E_NOTFOUND);
    assert_int_equal(consult_answer_submit(f->db, &f->arena, &f->v[V_DRBFD], "t", bfd, "none", "", "", &errs, &nerr, &e),
                     E_FORBIDDEN);   /* reads it, but is no case officer */
    /* KDD passes the deadline: overdue for KDD and for KD. */
    setenv("SAMLA_TODAY", "2026-03-17", 1);
    Answer x;
    assert_int_equal(consult_answer_get(f->db, &f->arena, &f->v[V_KDD], kdd, &x, &e), 0);
    assert_true(x.overdue);
    Round r;
    assert_int_equal(consult_round_get(f->db, &f->arena, kd, round, &r, &e), 0);
    assert_int_equal(r.nanswered, 2);
    assert_string_equal(r.overdue_codes, "KDD");
    /* Reminding reaches KDD alone; extending needs a reason and a later date. */
    int reminded;
    assert_int_equal(consult_remind(f->db, &f->arena, kd, "t", round, NULL, &reminded, &e), 0);
    assert_int_equal(reminded, 1);
    assert_int_equal(consult_extend(f->db, &f->arena, kd, "t", round, "KDD", "2026-03-20", "", NULL, &e), E_INVALID);
    assert_int_equal(consult_extend(f->db, &f->arena, kd, "t", round, "KDD", "2026-03-10", "Ferie", NULL, &e), E_INVALID);
    assert_int_equal(consult_extend(f->db, &f->arena, kd, "t", round, "BFD", "2026-03-20", "Ferie", NULL, &e), E_CONFLICT);
    assert_int_equal(consult_extend(f->db, &f->arena, &f->v[V_BFD], "t", round, "KDD", "2026-03-20", "Ferie", NULL, &e),
                     E_FORBIDDEN);
    assert_int_equal(consult_extend(f->db, &f->arena, kd, "t", round, "KDD", "2026-03-20", "Ferie i KDD", NULL, &e), 0);
    assert_int_equal(consult_answer_get(f->db, &f->arena, &f->v[V_KDD], kdd, &x, &e), 0);
    assert_false(x.overdue);
    assert_string_equal(x.deadline, "2026-03-20");
    assert_int_equal(record_versions(f->db, &f->arena, kd, kdd, &rv, &nv, &e), 0);
    assert_string_equal(rv[0].comment, "Ferie i KDD");
    /* KD closes the round with a summary; answers are no longer taken. */
    assert_int_equal(consult_round_close(f->db, &f->arena, kd, "t", round, "  ", &e), E_INVALID);
    assert_int_equal(consult_round_close(f->db, &f->arena, kd, "t", round, "BFD og AID har svart.", &e), 0);
    assert_int_equal(consult_round_close(f->db, &f->arena, kd, "t", round, "Igjen.", &e), E_CONFLICT);
    assert_int_equal(consult_answer_submit(f->db, &f->arena, &f->v[V_KDD], "t", kdd, "none", "", "", &errs, &nerr, &e),
                     E_CONFLICT);
    assert_int_equal(consult_answer_get(f->db, &f->arena, &f->v[V_KDD], kdd, &x, &e), 0);
    assert_false(x.overdue);
    /* The timeline, in order, as the lead sees it. */
    CaseEvent *ev;
    size_t n;
    assert_int_equal(consult_timeline(f->db, &f->arena, kd, id, &ev, &n, &e), 0);
    static const char *const want[] = {"created", "study", "round_sent", "status", "taken", "answered", "answered",
                                       "reminded", "extended", "round_closed"};
    assert_int_equal(n, COUNT(want));
    for (size_t i = 0; i < n; i++) {
        assert_string_equal(ev[i].type, want[i]);
    }
    assert_string_equal(ev[8].detail, "Ferie i KDD");
    assert_string_equal(ev[8].ministry_code, "KDD");
    /* Outside the round: nothing. */
    assert_int_equal(events(f, V_HOD, id, NULL), -1);
    assert_int_equal(events(f, V_BFD, id, "answered"), 1);
    assert_false(case_listed(f, V_HOD, id));
    setenv("SAMLA_TODAY", TODAY, 1);
}

/* ---- rights and bad input ---------------------------------------------------------------------- */

static void bad_input_and_rights(void **state)
{
    Fixture *f = *state;
    Err e = {0};
    FormProblem *errs;
    size_t nerr;
    int64_t id;
    int64_t before = db_one_int(f->db, "SELECT count(*) FROM record WHERE ?1", 1, -1);
    CaseText t = {0};
    t.v[CF_TITLE] = "";
    t.v[CF_TYPE] = "novel";
    t.v[CF_OFFICER] = "sb.bfd";
    t.v[CF_AFFECTED] = "KD, XX";
    t.v[CF_EFFECTS] = "weather";
    t.v[CF_STUDY_LEVEL] = "deep";
    assert_int_equal(consult_case_save(f->db, &f->arena, &f->v[V_KD], "t", 0, &t, 0, NULL, &id, &errs, &nerr, &e),
                     E_INVALID);
    int fields[CF_COUNT] = {0};
    for (size_t i = 0; i < nerr; i++) {
        fields[errs[i].field]++;
    }
    assert_true(fields[CF_TITLE] && fields[CF_TYPE] && fields[CF_OFFICER] && fields[CF_AFFECTED] &&
                fields[CF_EFFECTS] && fields[CF_STUDY_LEVEL]);
    assert_int_equal(db_one_int(f->db, "SELECT count(*) FROM record WHERE ?1", 1, -1), before);
    /* Who may not: an employee, a case officer of another ministry, a read-only token. */
    t = (CaseText){0};
    t.v[CF_TITLE] = "Sak";
    assert_int_equal(consult_case_save(f->db, &f->arena, &f->v[V_HOD], "t", 0, &t, 0, NULL, &id, &errs, &nerr, &e),
                     E_FORBIDDEN);
    t.v[CF_LEAD] = "BFD";
    assert_int_equal(consult_case_save(f->db, &f->arena, &f->v[V_KD], "t", 0, &t, 0, NULL, &id, &errs, &nerr, &e),
                     E_INVALID);
    t.v[CF_LEAD] = NULL;
    assert_int_equal(consult_case_save(f->db, &f->arena, &f->v[V_BFD], "t", f->kd_case, &t, 0, NULL, &id, &errs, &nerr,
                                       &e), E_FORBIDDEN);
    assert_int_equal(consult_case_save(f->db, &f->arena, &f->v[V_HOD], "t", f->kd_case, &t, 0, NULL, &id, &errs, &nerr,
                                       &e), E_NOTFOUND);
    Viewer ro = f->v[V_KD];
    ro.read_only = true;
    assert_int_equal(consult_case_save(f->db, &f->arena, &ro, "t", f->kd_case, &t, 0, NULL, &id, &errs, &nerr, &e),
                     E_FORBIDDEN);
    /* A round: every problem at once; a hearing of an exempt case is refused. */
    RoundInput in = {.kind = "hearing", .recipients = "KD, XX", .deadline = "2026-02-01", .message = ""};
    int64_t round;
    assert_int_equal(consult_round_send(f->db, &f->arena, &f->v[V_KD], "t", f->kd_case, &in, &round, &errs, &nerr, &e),
                     E_INVALID);
    assert_int_equal(nerr, 4);
    assert_int_equal(errs[0].field, RF_KIND);
    assert_int_equal(consult_round_send(f->db, &f->arena, &f->v[V_BFD], "t", f->kd_case, &in, &round, &errs, &nerr,
                                        &e), E_FORBIDDEN);
    /* Recipients may not follow up the lead's round. */
    int n;
    assert_int_equal(consult_remind(f->db, &f->arena, &f->v[V_BFD], "t", f->kd_round, NULL, &n, &e), E_FORBIDDEN);
    assert_int_equal(consult_round_close(f->db, &f->arena, &f->v[V_AID], "t", f->kd_round, "x", &e), E_FORBIDDEN);
    assert_int_equal(consult_round_close(f->db, &f->arena, &f->v[V_HOD], "t", f->kd_round, "x", &e), E_NOTFOUND);
    assert_int_equal(db_one_int(f->db, "SELECT count(*) FROM record WHERE ?1", 1, -1), before);
}

/* ---- the API ---------------------------------------------------------------------------------------- */

static void api_hides_the_restricted_case(void **state)
{
    Fixture *f = *state;
    char path[96];
    snprintf(path, sizeof path, "/api/v1/cases/%lld", (long long)f->kd_case);
    assert_int_equal(call(f, V_HOD, "GET", path, NULL)->status, 404);
    Req *r = call(f, V_BFD, "GET", path, NULL);
    assert_int_equal(r->status, 200);
    assert_non_null(strstr(buf_str(&r->body), "\"study_done\":6"));
    snprintf(path, sizeof path, "/api/v1/cases/%lld/timeline", (long long)f->kd_case);
    assert_int_equal(call(f, V_JD, "GET", path, NULL)->status, 404);
    assert_int_equal(call(f, V_KD, "GET", path, NULL)->status, 200);
    snprintf(path, sizeof path, "/api/v1/answers/%lld", (long long)f->answer_kdd);
    assert_int_equal(call(f, V_BFD, "GET", path, NULL)->status, 404);
    r = call(f, V_KDD, "GET", path, NULL);
    assert_int_equal(r->status, 200);
    assert_non_null(strstr(buf_str(&r->body), "\"overdue\":true"));
    /* Bad input is a 400 in English with every problem; nothing is written. */
    snprintf(path, sizeof path, "/api/v1/cases/%lld/rounds", (long long)f->kd_case);
    r = call(f, V_KD, "POST", path, "{\"kind\":\"x\",\"recipients\":[],\"deadline\":\"soon\"}");
    assert_int_equal(r->status, 400);
    assert_non_null(strstr(buf_str(&r->body), "\"problems\""));
    assert_non_null(strstr(buf_str(&r->body), "deadline"));
    /* A short deadline is a 409 with the warning until confirmed. */
    r = call(f, V_KD, "POST", path,
             "{\"kind\":\"early\",\"recipients\":[\"HOD\"],\"deadline\":\"2026-03-08\",\"message\":\"Innspill?\"}");
    assert_int_equal(r->status, 409);
    assert_non_null(strstr(buf_str(&r->body), "2026-03-08"));
    r = call(f, V_KD, "POST", path, "{\"kind\":\"early\",\"recipients\":[\"HOD\"],\"deadline\":\"2026-03-08\","
                                    "\"message\":\"Innspill?\",\"confirm\":true}");
    assert_int_equal(r->status, 201);
    assert_int_equal(call(f, V_HOD, "GET", "/api/v1/consultations", NULL)->status, 200);
    assert_non_null(strstr(buf_str(&f->r.body), "Lov om endringer"));   /* HOD now has the case in its inbox */
}

int main(void)
{
#define TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        TEST(demo_referral_follows_the_access_rule),
        TEST(overdue_in_both_inboxes),
        TEST(deadlines_count_working_days),
        TEST(case_study_round_answers_close),
        TEST(bad_input_and_rights),
        TEST(api_hides_the_restricted_case),
    };
    return cmocka_run_group_tests_name("consult", tests, NULL, NULL);
}
