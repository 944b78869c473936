/* test_work.c: meetings, decisions, tasks, goal interactions and calendar
 * feeds (src/app/work/) through the model and the pages.
 *
 * Each test gets a fresh in-memory database with the demo content, made
 * with the clock at 2026-03-02: KUBU's meetings (one past, with a decision
 * and follow-up tasks — HOD's overdue — and one in three days), the
 * climate group's decision overdue for review, the restricted budget
 * group's meeting, decision and task (members: sb.dfd), KD's open negative
 * interaction against an HOD goal.  The expectations come from the issue
 * and docs/security.md, not from the code.
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

#include "app/core/notify.h"
#include "app/core/search.h"
#include "app/demo/demo.h"
#include "app/identity/identity.h"
#include "app/mail/mail.h"
#include "app/work/work.h"
#include "base/html.h"
#include "base/util.h"
#include "db/migrate.h"
#include "web/web.h"

#define TODAY "2026-03-02"

enum { V_KD, V_BFD, V_DFD, V_DRBFD, V_DRHOD, V_HOD, V_JD, V_SEK, V_ANON, NV };
static const char *const g_users[NV] = {"sb.kd", "sb.bfd", "sb.dfd", "dr.bfd", "dr.hod", "ansatt.hod", "tv.ntl",
                                        "sekretariat", NULL};

typedef struct Fixture {
    Db *db;
    Arena arena;
    Viewer v[NV];
    int64_t kubu, budget, next_meeting, item, budget_meeting, budget_decision, budget_task;
    Arena req_arena;
    Req r;
} Fixture;

static int64_t id_where(Fixture *f, const char *sql, const char *arg)
{
    Stmt *s = db_prepare(f->db, sql);
    db_bind_text(s, 1, arg);
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
    if (db_open(&f.db, ":memory:", DB_OPEN_CREATE, &e) || migrate_up(f.db, NULL, &e) || demo_seed(f.db, &e)) {
        fprintf(stderr, "setup: %s\n", e.msg);
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
    f.kubu = id_where(&f, "SELECT id FROM record WHERE kind = 'group' AND title LIKE ?1", "Kjernegruppe for utsatte%");
    f.budget = id_where(&f, "SELECT id FROM record WHERE kind = 'group' AND title LIKE ?1", "Arbeidsgruppe for felles%");
    f.next_meeting = id_where(&f, "SELECT id FROM record WHERE kind = 'meeting' AND title = ?1",
                              "KUBU: arbeidsmøte om skolehelsetjenesten");
    f.item = db_one_int(f.db, "SELECT id FROM agenda_item WHERE meeting_id = ?1 AND position = 1", f.next_meeting, 0);
    f.budget_meeting = id_where(&f, "SELECT id FROM record WHERE kind = 'meeting' AND title LIKE ?1", "Budsjettgruppen%");
    f.budget_decision = id_where(&f, "SELECT id FROM record WHERE kind = 'decision' AND title = ?1",
                                 "Fordelingsnøkkel etter antall ansatte");
    f.budget_task = id_where(&f, "SELECT id FROM record WHERE kind = 'task' AND title = ?1",
                             "Beregne fordelingen for fellestjenestene");
    *state = &f;
    return f.kubu && f.budget && f.next_meeting && f.item && f.budget_meeting && f.budget_decision && f.budget_task
               ? 0
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
    return strcasecmp(name, "Host") == 0           ? "t"
           : strcasecmp(name, "Origin") == 0       ? "http://t"
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
    const char *q = strchr(path, '?');
    WebRequest in = {.method = method, .path = q ? arena_strndup(&f->arena, path, (size_t)(q - path)) : path,
                     .query = q ? q + 1 : NULL, .body = body, .body_len = body ? strlen(body) : 0,
                     .content_type = body && body[0] != '{' ? "application/x-www-form-urlencoded" : "application/json",
                     .request_id = "work-test", .client = "t", .header = test_header};
    int route;
    web_handle(&in, &f->r, &route);
    assert_int_equal(db_busy_statements(f->db), 0);
    return &f->r;
}

static bool contains(const char *body, const char *text)
{
    Buf esc = {0};
    html_esc(&esc, text);
    bool found = strstr(body, text) || strstr(body, buf_str(&esc));
    buf_free(&esc);
    return found;
}

static int notifications(Fixture *f, int w, const char *type, int64_t record)
{
    Stmt *s = db_prepare(f->db, "SELECT count(*) FROM notification n JOIN account u ON u.id = n.user_id "
                                "WHERE n.record_id = ?1 AND u.username = ?2 AND n.type = ?3");
    db_bind_int(s, 1, record);
    db_bind_text(s, 2, g_users[w]);
    db_bind_text(s, 3, type);
    int c = db_step(s) == DB_ROW ? (int)db_col_int(s, 0) : -1;
    db_done(s);
    return c;
}

static bool task_listed(Fixture *f, int w, const TaskFilter *tf, int64_t id, bool *overdue)
{
    Task *t;
    size_t n;
    Err e = {0};
    assert_int_equal(task_list(f->db, &f->arena, &f->v[w], tf, &t, &n, &e), 0);
    for (size_t i = 0; i < n; i++) {
        if (t[i].rec.id == id) {
            if (overdue) {
                *overdue = t[i].overdue;
            }
            return true;
        }
    }
    return false;
}

/* ---- an agenda item becomes a decision with a follow-up task ----------------------- */

static void agenda_item_becomes_decision_with_task(void **state)
{
    Fixture *f = *state;
    Err e = {0};
    DecisionText d = {.v = {[DF_TITLE] = "Felles tiltak for skolehelsetjenesten",
                            [DF_TEXT] = "HOD utreder et felles tiltak sammen med KD.",
                            [DF_MEETING] = arena_printf(&f->arena, "%lld", (long long)f->next_meeting),
                            [DF_MINISTRIES] = "HOD, KD", [DF_REVIEW_ON] = "2026-09-01"}};
    TaskText t = {.v = {[TF_TITLE] = "Utrede felles tiltak", [TF_MINISTRY] = "HOD", [TF_ASSIGNEE] = "ansatt.hod",
                        [TF_DUE_ON] = "2026-03-20"}};
    FormProblem *errs;
    size_t nerr;
    int64_t id;
    /* An observer of nothing in KUBU may not: the model refuses before it reads the input. */
    assert_int_equal(decision_save(f->db, &f->arena, &f->v[V_DRHOD], "t", 0, f->item, &d, &t, &id, &errs, &nerr, &e),
                     E_FORBIDDEN);
    /* A bad task rolls the decision back too. */
    TaskText bad = t;
    bad.v[TF_ASSIGNEE] = "sb.kd";   /* works in KD, not HOD */
    assert_int_equal(decision_save(f->db, &f->arena, &f->v[V_BFD], "t", 0, f->item, &d, &bad, &id, &errs, &nerr, &e),
                     E_INVALID);
    assert_int_equal(nerr, 1);
    assert_int_equal(errs[0].field, DF_COUNT + TF_ASSIGNEE);
    assert_int_equal(db_one_int(f->db, "SELECT count(*) FROM decision WHERE text LIKE 'HOD utreder%'", 0, -1), 0);
    assert_int_equal(db_one_int(f->db, "SELECT ifnull(outcome_id, 0) FROM agenda_item WHERE id = ?1", f->item, -1), 0);
    /* sb.bfd, KUBU's secretariat, makes it. */
    assert_int_equal(decision_save(f->db, &f->arena, &f->v[V_BFD], "t", 0, f->item, &d, &t, &id, &errs, &nerr, &e), 0);
    assert_int_equal(db_one_int(f->db, "SELECT outcome_id FROM agenda_item WHERE id = ?1", f->item, -1), id);
    Decision dd;
    assert_int_equal(decision_get(f->db, &f->arena, &f->v[V_HOD], id, &dd, &e), 0);
    assert_int_equal(dd.meeting_id, f->next_meeting);
    assert_int_equal(dd.group_id, f->kubu);
    assert_string_equal(dd.ministries, "HOD, KD");
    assert_int_equal(dd.ntasks, 1);
    int64_t task = db_one_int(f->db, "SELECT id FROM task WHERE decision_id = ?1", id, 0);
    assert_true(task > 0);
    /* Twice is refused: the item is followed up. */
    assert_int_equal(decision_save(f->db, &f->arena, &f->v[V_BFD], "t", 0, f->item, &d, NULL, &id, &errs, &nerr, &e),
                     E_CONFLICT);
    /* HOD's secretary general sees the task among the ministry's, not overdue yet; the person was notified. */
    TaskFilter mine = {.ministry_id = f->v[V_DRHOD].ministry_id, .open = true};
    bool overdue = true;
    assert_true(task_listed(f, V_DRHOD, &mine, task, &overdue));
    assert_false(overdue);
    assert_int_equal(notifications(f, V_HOD, NOTIFY_TASK, task), 1);
    Req *r = call(f, V_DRHOD, "GET", "/dashboard", NULL);
    assert_int_equal(r->status, 200);
    assert_true(contains(buf_str(&r->body), "Utrede felles tiltak"));
    /* After the deadline it is flagged, on the dashboard too. */
    setenv("SAMLA_TODAY", "2026-03-23", 1);
    assert_true(task_listed(f, V_DRHOD, &mine, task, &overdue));
    assert_true(overdue);
    r = call(f, V_DRHOD, "GET", "/dashboard", NULL);
    const char *body = buf_str(&r->body);
    const char *at = strstr(body, "Utrede felles tiltak");
    assert_non_null(at);
    const char *end = strstr(at, "</li>");
    assert_non_null(end);
    assert_non_null(strstr(arena_strndup(&f->arena, at, (size_t)(end - at)), "Over fristen"));
    /* The reminder scan: the responsible person, once overdue. */
    TaskDeadline *dl;
    size_t ndl;
    assert_int_equal(task_deadlines(f->db, &f->arena, "2026-03-19", &dl, &ndl, &e), 0);
    bool tomorrow = false;
    for (size_t i = 0; i < ndl; i++) {
        tomorrow |= dl[i].task_id == task && dl[i].user_id == f->v[V_HOD].user_id && !dl[i].overdue;
    }
    assert_true(tomorrow);
    assert_int_equal(task_deadlines(f->db, &f->arena, "2026-03-10", &dl, &ndl, &e), 0);
    for (size_t i = 0; i < ndl; i++) {
        assert_true(dl[i].task_id != task);   /* not yet */
    }
    /* Done: neither open nor reminded. */
    TaskText st = {.v = {[TF_STATUS] = "done"}};
    assert_int_equal(task_save(f->db, &f->arena, &f->v[V_HOD], "t", task, 0, &st, &id, &errs, &nerr, &e), 0);
    assert_false(task_listed(f, V_DRHOD, &mine, task, NULL));
    assert_int_equal(task_deadlines(f->db, &f->arena, "2026-03-23", &dl, &ndl, &e), 0);
    for (size_t i = 0; i < ndl; i++) {
        assert_true(dl[i].task_id != task);
    }
}

/* A task only a ministry is responsible for reminds that ministry's case officers. */
static void ministry_task_reminds_case_officers(void **state)
{
    Fixture *f = *state;
    Err e = {0};
    TaskText t = {.v = {[TF_TITLE] = "Svare på KUBUs spørsmål", [TF_MINISTRY] = "BFD", [TF_DUE_ON] = "2026-03-01",
                        [TF_GROUP] = arena_printf(&f->arena, "%lld", (long long)f->kubu)}};
    FormProblem *errs;
    size_t nerr;
    int64_t id;
    assert_int_equal(task_save(f->db, &f->arena, &f->v[V_KD], "t", 0, 0, &t, &id, &errs, &nerr, &e), 0);
    assert_int_equal(notifications(f, V_BFD, NOTIFY_TASK, id), 1);   /* sb.bfd: BFD's case officer */
    assert_int_equal(notifications(f, V_DRBFD, NOTIFY_TASK, id), 0); /* not the secretary general */
    TaskDeadline *dl;
    size_t ndl;
    assert_int_equal(task_deadlines(f->db, &f->arena, TODAY, &dl, &ndl, &e), 0);
    int rows = 0;
    for (size_t i = 0; i < ndl; i++) {
        if (dl[i].task_id == id) {
            rows++;
            assert_int_equal(dl[i].user_id, f->v[V_BFD].user_id);
            assert_true(dl[i].overdue);
            assert_string_equal(dl[i].due, "2026-03-01");
        }
    }
    assert_int_equal(rows, 1);
}

/* The e-mail scheduler reminds of tasks through task_deadlines: the demo's
 * overdue HOD task once to its person, however often it runs. */
static void scheduler_reminds_of_overdue_tasks(void **state)
{
    Fixture *f = *state;
    Err e = {0};
    int64_t task = id_where(f, "SELECT id FROM record WHERE kind = 'task' AND title = ?1",
                            "Forslag til felles tekst i tildelingsbrevene");
    assert_true(task > 0);
    int made = 0;
    assert_int_equal(mail_tick(f->db, TODAY, &made, &e), 0);
    assert_int_equal(notifications(f, V_HOD, NOTIFY_OVERDUE, task), 1);
    assert_int_equal(mail_tick(f->db, TODAY, &made, &e), 0);
    assert_int_equal(notifications(f, V_HOD, NOTIFY_OVERDUE, task), 1);
    assert_int_equal(notifications(f, V_DRHOD, NOTIFY_OVERDUE, task), 0);
}

/* ---- a restricted group's work stays with its members ------------------------------ */

static void restricted_group_work_does_not_leak(void **state)
{
    Fixture *f = *state;
    Err e = {0};
    static const char *const titles[] = {"Budsjettgruppen: felles poster for neste år",
                                         "Fordelingsnøkkel etter antall ansatte",
                                         "Beregne fordelingen for fellestjenestene",
                                         "Fortrolig drøfting av fordelingsnøkler"};
    const int64_t ids[] = {f->budget_meeting, f->budget_decision, f->budget_task};
    /* The member reads all three. */
    Meeting m;
    Decision d;
    Task t;
    assert_int_equal(meeting_get(f->db, &f->arena, &f->v[V_DFD], f->budget_meeting, &m, &e), 0);
    assert_int_equal(decision_get(f->db, &f->arena, &f->v[V_DFD], f->budget_decision, &d, &e), 0);
    assert_int_equal(task_get(f->db, &f->arena, &f->v[V_DFD], f->budget_task, &t, &e), 0);
    /* Everyone else: missing everywhere (model, pages, API, lists, search, the feed). */
    static const int outsiders[] = {V_KD, V_BFD, V_DRBFD, V_DRHOD, V_HOD, V_JD, V_SEK, V_ANON};
    static const char *const lists[] = {"/meetings?all=1", "/decisions", "/tasks", "/tasks?ministry=DFD&closed=1",
                                        "/interactions", "/dashboard", "/start", "/community", "/api/v1/meetings",
                                        "/api/v1/decisions", "/api/v1/tasks", "/search?q=fordeling",
                                        "/api/v1/search?q=fordelingsn%C3%B8kkel", "/notifications"};
    for (size_t k = 0; k < COUNT(outsiders); k++) {
        int w = outsiders[k];
        assert_int_equal(meeting_get(f->db, &f->arena, &f->v[w], f->budget_meeting, &m, &e), E_NOTFOUND);
        assert_int_equal(decision_get(f->db, &f->arena, &f->v[w], f->budget_decision, &d, &e), E_NOTFOUND);
        assert_int_equal(task_get(f->db, &f->arena, &f->v[w], f->budget_task, &t, &e), E_NOTFOUND);
        for (size_t i = 0; i < COUNT(ids); i++) {
            static const char *const prefixes[] = {"/meetings/", "/decisions/", "/tasks/"};
            char path[64];
            snprintf(path, sizeof path, "%s%lld", prefixes[i], (long long)ids[i]);
            Req *r = call(f, w, "GET", path, NULL);
            assert_true(r->status == 404 || (w == V_ANON && r->status == 303));
            snprintf(path, sizeof path, "/api/v1%s%lld", prefixes[i], (long long)ids[i]);
            r = call(f, w, "GET", path, NULL);
            assert_true(r->status == 404 || (w == V_ANON && r->status == 401));
        }
        for (size_t i = 0; i < COUNT(lists); i++) {
            Req *r = call(f, w, "GET", lists[i], NULL);
            for (size_t j = 0; j < COUNT(titles); j++) {
                if (contains(buf_str(&r->body), titles[j])) {
                    fail_msg("%s as %s shows «%s»", lists[i], g_users[w] ? g_users[w] : "anonymous", titles[j]);
                }
            }
        }
    }
    /* Nor does the meeting's .ics or a calendar feed of an outsider. */
    Buf ics = {0};
    assert_int_equal(meeting_ics(f->db, &f->arena, &f->v[V_KD], f->budget_meeting, &ics, &e), E_NOTFOUND);
    buf_free(&ics);
    char token[64];
    assert_int_equal(calendar_feed_create(f->db, &f->v[V_KD], "t", token, &e), 0);
    assert_int_equal(calendar_feed_ics(f->db, &f->arena, token, &ics, &e), 0);
    assert_null(strstr(buf_str(&ics), "Budsjettgruppen"));
    assert_non_null(strstr(buf_str(&ics), "KUBU: arbeidsmøte om skolehelsetjenesten"));   /* sb.kd is in KUBU */
    buf_free(&ics);
    /* …while the member's feed has it. */
    assert_int_equal(calendar_feed_create(f->db, &f->v[V_DFD], "t", token, &e), 0);
    assert_int_equal(calendar_feed_ics(f->db, &f->arena, token, &ics, &e), 0);
    assert_non_null(strstr(buf_str(&ics), "Budsjettgruppen"));
    buf_free(&ics);
}

/* ---- goal interactions ----------------------------------------------------------------- */

static bool awaiting(Fixture *f, int w, int64_t id)
{
    Interaction *x;
    size_t n;
    Err e = {0};
    InteractionFilter ff = {.awaiting_ministry_id = f->v[w].ministry_id};
    assert_int_equal(interaction_list(f->db, &f->arena, &f->v[w], &ff, &x, &n, &e), 0);
    for (size_t i = 0; i < n; i++) {
        if (x[i].rec.id == id) {
            return true;
        }
    }
    return false;
}

static void interaction_awaits_the_affected_ministry_until_answered(void **state)
{
    Fixture *f = *state;
    Err e = {0};
    int64_t decision = id_where(f, "SELECT id FROM record WHERE kind = 'decision' AND title LIKE ?1", "Felles oppdrag%");
    const char *in[IF_COUNT] = {arena_printf(&f->arena, "%lld", (long long)decision), "HOD-1", "-2",
                                "Oppdraget tar kapasitet fra helsestasjonene."};
    FormProblem *errs;
    size_t nerr;
    int64_t id;
    /* Every problem at once: no source, own ministry's goal, score out of range, no justification. */
    const char *bad[IF_COUNT] = {"999999", "KD-1", "5", ""};
    assert_int_equal(interaction_create(f->db, &f->arena, &f->v[V_KD], "t", bad, &id, &errs, &nerr, &e), E_INVALID);
    assert_int_equal(nerr, 4);
    assert_int_equal(interaction_create(f->db, &f->arena, &f->v[V_KD], "t", in, &id, &errs, &nerr, &e), 0);
    /* HOD's secretary general and case officers are asked; KD's own people are not. */
    assert_int_equal(notifications(f, V_DRHOD, NOTIFY_INTERACTION, id), 1);
    assert_int_equal(notifications(f, V_KD, NOTIFY_INTERACTION, id), 0);
    assert_true(awaiting(f, V_DRHOD, id));
    assert_false(awaiting(f, V_KD, id));
    Req *r = call(f, V_DRHOD, "GET", "/dashboard", NULL);
    assert_true(contains(buf_str(&r->body), "Felles oppdrag om tidlig innsats i tildelingsbrevene"));
    /* Only the goal's ministry answers, and a remark needs its text. */
    assert_int_equal(interaction_answer(f->db, &f->arena, &f->v[V_KD], "t", id, "agree", "", &errs, &nerr, &e),
                     E_FORBIDDEN);
    assert_int_equal(interaction_answer(f->db, &f->arena, &f->v[V_HOD], "t", id, "agree", "", &errs, &nerr, &e),
                     E_FORBIDDEN);   /* an employee, not a case officer or the secretary general */
    assert_int_equal(interaction_answer(f->db, &f->arena, &f->v[V_DRHOD], "t", id, "remark", "", &errs, &nerr, &e),
                     E_INVALID);
    assert_true(awaiting(f, V_DRHOD, id));
    assert_int_equal(interaction_answer(f->db, &f->arena, &f->v[V_DRHOD], "t", id, "remark",
                                        "Vi ber om at kapasiteten vurderes.", &errs, &nerr, &e), 0);
    assert_false(awaiting(f, V_DRHOD, id));
    Interaction x;
    assert_int_equal(interaction_get(f->db, &f->arena, &f->v[V_KD], id, &x, &e), 0);
    assert_string_equal(x.response, "remark");
    assert_int_equal(x.answered_by.id, f->v[V_DRHOD].user_id);
    /* The matrix counts it in KD → HOD. */
    MatrixCell *c;
    size_t n;
    assert_int_equal(interaction_matrix(f->db, &f->arena, &f->v[V_DRHOD], &c, &n, &e), 0);
    bool found = false;
    for (size_t i = 0; i < n; i++) {
        if (str_eq(c[i].from, "KD") && str_eq(c[i].to, "HOD")) {
            found = true;
            assert_int_equal(c[i].n, 2);   /* the demo's and this one */
            assert_int_equal(c[i].nnegative, 2);
            assert_int_equal(c[i].min, -2);
        }
    }
    assert_true(found);
}

/* ---- meetings ---------------------------------------------------------------------------- */

static void meeting_form_reports_every_problem(void **state)
{
    Fixture *f = *state;
    Err e = {0};
    MeetingText t = {.v = {[MF_TITLE] = "", [MF_DATE] = "2026-02-30", [MF_START] = "10:00", [MF_END] = "09:00",
                           [MF_VIDEO] = "http://x", [MF_MINISTRIES] = "XX", [MF_PEOPLE] = "nobody"}};
    FormProblem *errs;
    size_t nerr;
    int64_t id;
    assert_int_equal(meeting_save(f->db, &f->arena, &f->v[V_KD], "t", 0, &t, &id, &errs, &nerr, &e), E_INVALID);
    assert_int_equal(nerr, 6);   /* title, date, end, video, ministries, people */
    /* A meeting of ministries is restricted to the organiser and the invited. */
    MeetingText ok = {.v = {[MF_TITLE] = "KD og JD om skolemiljø", [MF_DATE] = "2026-03-10", [MF_START] = "09:00",
                            [MF_END] = "10:00", [MF_MINISTRIES] = "JD", [MF_PEOPLE] = "sb.bfd"}};
    assert_int_equal(meeting_save(f->db, &f->arena, &f->v[V_KD], "t", 0, &ok, &id, &errs, &nerr, &e), 0);
    Meeting m;
    assert_int_equal(meeting_get(f->db, &f->arena, &f->v[V_JD], id, &m, &e), 0);     /* JD invited */
    assert_int_equal(meeting_get(f->db, &f->arena, &f->v[V_BFD], id, &m, &e), 0);    /* invited in person */
    assert_int_equal(meeting_get(f->db, &f->arena, &f->v[V_DRBFD], id, &m, &e), E_NOTFOUND);
    assert_int_equal(meeting_get(f->db, &f->arena, &f->v[V_HOD], id, &m, &e), E_NOTFOUND);
    assert_int_equal(notifications(f, V_BFD, NOTIFY_MEETING, id), 1);
    /* A group meeting without named people invites the group's members. */
    MeetingText g = {.v = {[MF_TITLE] = "KUBU: ekstramøte", [MF_DATE] = "2026-03-12", [MF_START] = "13:00",
                           [MF_END] = "14:00", [MF_GROUP] = arena_printf(&f->arena, "%lld", (long long)f->kubu)}};
    assert_int_equal(meeting_save(f->db, &f->arena, &f->v[V_JD], "t", 0, &g, &id, &errs, &nerr, &e), E_FORBIDDEN);
    assert_int_equal(meeting_save(f->db, &f->arena, &f->v[V_KD], "t", 0, &g, &id, &errs, &nerr, &e), 0);
    assert_int_equal(notifications(f, V_HOD, NOTIFY_MEETING, id), 1);
    assert_int_equal(notifications(f, V_DRBFD, NOTIFY_MEETING, id), 1);
    /* A guest from outside the group, named in the restricted budget group's meeting, reads it and is told. */
    MeetingText guest = {.v = {[MF_TITLE] = "Budsjettgruppen med gjest", [MF_DATE] = "2026-03-13", [MF_START] = "10:00",
                               [MF_END] = "11:00", [MF_PEOPLE] = "tv.ntl",
                               [MF_GROUP] = arena_printf(&f->arena, "%lld", (long long)f->budget)}};
    assert_int_equal(meeting_save(f->db, &f->arena, &f->v[V_DFD], "t", 0, &guest, &id, &errs, &nerr, &e), 0);
    assert_int_equal(meeting_get(f->db, &f->arena, &f->v[V_JD], id, &m, &e), 0);
    assert_string_equal(m.rec.visibility, "restricted");
    assert_int_equal(notifications(f, V_JD, NOTIFY_MEETING, id), 1);
    assert_int_equal(meeting_get(f->db, &f->arena, &f->v[V_KD], id, &m, &e), E_NOTFOUND);
}

/* The .ics is RFC 5545: CRLF line ends, no line over 75 octets, folds not
 * inside a character, escaped text, DTSTART/DTEND with TZID and a
 * VTIMEZONE, UID and DTSTAMP. */
static void meeting_ics_is_rfc5545(void **state)
{
    Fixture *f = *state;
    Err e = {0};
    MeetingText t = {.v = {[MF_TITLE] = "Møte; med komma, og \\ skråstrek og en svært lang tittel som må brettes over "
                                        "flere linjer i kalenderfilen æøå",
                           [MF_DATE] = "2026-07-01", [MF_START] = "09:30", [MF_END] = "11:00", [MF_PLACE] = "Rom 1"}};
    FormProblem *errs;
    size_t nerr;
    int64_t id;
    assert_int_equal(meeting_save(f->db, &f->arena, &f->v[V_KD], "t", 0, &t, &id, &errs, &nerr, &e), 0);
    Buf b = {0};
    assert_int_equal(meeting_ics(f->db, &f->arena, &f->v[V_KD], id, &b, &e), 0);
    const char *s = buf_str(&b);
    assert_true(str_has_prefix(s, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
    assert_non_null(strstr(s, "BEGIN:VTIMEZONE\r\nTZID:Europe/Oslo\r\n"));
    assert_non_null(strstr(s, "DTSTART;TZID=Europe/Oslo:20260701T093000\r\n"));
    assert_non_null(strstr(s, "DTEND;TZID=Europe/Oslo:20260701T110000\r\n"));
    assert_non_null(strstr(s, arena_printf(&f->arena, "UID:meeting-%lld@samla\r\n", (long long)id)));
    assert_non_null(strstr(s, "DTSTAMP:"));
    for (const char *line = s; *line;) {
        const char *end = strstr(line, "\r\n");
        assert_non_null(end);
        assert_true(end - line <= 75);
        for (const char *p = line; p < end; p++) {
            assert_true(*p != '\n' && *p != '\r');
        }
        if (end[2] == ' ') {   /* a fold: the next line does not start inside a UTF-8 sequence */
            assert_true(((unsigned char)end[3] & 0xC0) != 0x80);
        }
        line = end + 2;
    }
    /* Unfolded, the summary is escaped. */
    Buf u = {0};
    for (const char *p = s; *p; p++) {
        if (p[0] == '\r' && p[1] == '\n' && p[2] == ' ') {
            p += 2;
            continue;
        }
        buf_putc(&u, *p);
    }
    assert_non_null(strstr(buf_str(&u), "SUMMARY:Møte\\; med komma\\, og \\\\ skråstrek og en svært lang tittel som "
                                         "må brettes over flere linjer i kalenderfilen æøå\r\n"));
    buf_free(&u);
    buf_free(&b);
}

/* A feed works with its token alone, follows access at request time, and
 * stops when revoked or replaced. */
static void calendar_feed_token(void **state)
{
    Fixture *f = *state;
    Err e = {0};
    char token[64], second[64];
    Buf b = {0};
    assert_int_equal(calendar_feed_create(f->db, &f->v[V_HOD], "t", token, &e), 0);
    assert_int_equal(strlen(token), 43);
    /* Stored hashed: the token itself is nowhere in the table. */
    Stmt *s = db_prepare(f->db, "SELECT count(*) FROM calendar_feed WHERE instr(token_hash, ?1) > 0");
    db_bind_text(s, 1, token);
    assert_int_equal(db_step(s), DB_ROW);
    assert_int_equal(db_col_int(s, 0), 0);
    db_done(s);
    assert_int_equal(calendar_feed_ics(f->db, &f->arena, token, &b, &e), 0);
    assert_non_null(strstr(buf_str(&b), "KUBU: arbeidsmøte om skolehelsetjenesten"));   /* a KUBU member */
    assert_non_null(strstr(buf_str(&b), "Frist: Forslag til felles tekst i tildelingsbrevene"));   /* her task */
    buf_reset(&b);
    /* Through the web without signing in; the path names nothing else. */
    Req *r = call(f, V_ANON, "GET", arena_printf(&f->arena, "/calendar/%s", token), NULL);
    assert_int_equal(r->status, 200);
    assert_true(str_has_prefix(buf_str(&r->body), "BEGIN:VCALENDAR"));
    /* She leaves KUBU: the feed no longer has its meeting. */
    assert_int_equal(db_exec(f->db, "UPDATE group_member SET left_on = '2026-03-01' WHERE user_id = "
                                    "(SELECT id FROM account WHERE username = 'ansatt.hod')", &e), 0);
    assert_int_equal(calendar_feed_ics(f->db, &f->arena, token, &b, &e), 0);
    assert_null(strstr(buf_str(&b), "KUBU: arbeidsmøte"));
    buf_reset(&b);
    /* A new address replaces the old one; revoking ends it. */
    assert_int_equal(calendar_feed_create(f->db, &f->v[V_HOD], "t", second, &e), 0);
    assert_int_equal(calendar_feed_ics(f->db, &f->arena, token, &b, &e), E_NOTFOUND);
    assert_int_equal(calendar_feed_ics(f->db, &f->arena, second, &b, &e), 0);
    assert_int_equal(calendar_feed_revoke(f->db, &f->v[V_HOD], "t", &e), 0);
    assert_int_equal(calendar_feed_ics(f->db, &f->arena, second, &b, &e), E_NOTFOUND);
    r = call(f, V_ANON, "GET", arena_printf(&f->arena, "/calendar/%s", second), NULL);
    assert_int_equal(r->status, 404);
    buf_free(&b);
}

/* The secretary general lands on the ministry's dashboard, an employee on the start page. */
static void personas_land_on_their_dashboard(void **state)
{
    Fixture *f = *state;
    Req *r = call(f, V_DRHOD, "GET", "/dashboard", NULL);
    assert_int_equal(r->status, 200);
    assert_true(contains(buf_str(&r->body), "Kjernegruppe for utsatte barn og unge (KUBU)"));   /* HOD is a member */
    assert_true(contains(buf_str(&r->body), "Forslag til felles tekst i tildelingsbrevene"));   /* overdue in the demo */
    r = call(f, V_HOD, "GET", "/start", NULL);
    assert_int_equal(r->status, 200);
    assert_true(contains(buf_str(&r->body), "KUBU: arbeidsmøte om skolehelsetjenesten"));   /* in three days */
    assert_true(contains(buf_str(&r->body), "Forslag til felles tekst i tildelingsbrevene"));
    r = call(f, V_ANON, "GET", "/community", NULL);
    assert_int_equal(r->status, 200);
    assert_false(contains(buf_str(&r->body), "Felles oppdrag om tidlig innsats"));   /* internal */
    r = call(f, V_JD, "GET", "/community", NULL);
    assert_true(contains(buf_str(&r->body), "Felles oppdrag om tidlig innsats i tildelingsbrevene"));
    /* The dashboard as JSON: the same parts, for secretaries general only. */
    r = call(f, V_DRHOD, "GET", "/api/v1/dashboard", NULL);
    assert_int_equal(r->status, 200);
    assert_non_null(strstr(buf_str(&r->body), "\"overdue_task_count\":1"));
    assert_non_null(strstr(buf_str(&r->body), "\"goal\":\"HOD-2\""));   /* KD's interaction awaits HOD */
    r = call(f, V_KD, "GET", "/api/v1/dashboard", NULL);
    assert_int_equal(r->status, 403);
    /* A feed made through the API works at its path. */
    r = call(f, V_HOD, "POST", "/api/v1/me/calendar", "{}");
    assert_int_equal(r->status, 201);
    const char *at = strstr(buf_str(&r->body), "\"path\":\"");
    assert_non_null(at);
    at += strlen("\"path\":\"");
    const char *path = arena_strndup(&f->arena, at, strcspn(at, "\""));
    r = call(f, V_ANON, "GET", path, NULL);
    assert_int_equal(r->status, 200);
    r = call(f, V_HOD, "DELETE", "/api/v1/me/calendar", NULL);
    assert_int_equal(r->status, 200);
    r = call(f, V_ANON, "GET", path, NULL);
    assert_int_equal(r->status, 404);
}

#define TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(agenda_item_becomes_decision_with_task),
        TEST(ministry_task_reminds_case_officers),
        TEST(scheduler_reminds_of_overdue_tasks),
        TEST(restricted_group_work_does_not_leak),
        TEST(interaction_awaits_the_affected_ministry_until_answered),
        TEST(meeting_form_reports_every_problem),
        TEST(meeting_ics_is_rfc5545),
        TEST(calendar_feed_token),
        TEST(personas_land_on_their_dashboard),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
