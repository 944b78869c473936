/* test_group_pages.c: the group pages (the …_page.c files of src/app/group) through the
 * real request pipeline, on the demo's groups (src/db/demo/groups.sql).
 *
 * - a restricted group (FIN's «Arbeidsgruppe for felles budsjettposter»,
 *   only sb.dfd in it) is missing for everyone else: not in the list, not
 *   in the counts of the community view, its problem not in the problem
 *   list, and a 404 by its address exactly like a group that does not
 *   exist — while its member sees all of it;
 * - the overdue sprint group is flagged in the list, on its page, and by
 *   the «overdue» filter, and is closed with a result report (every missing
 *   part reported at once, each linked to its field);
 * - a KUBU member moves KUBU from step 2 to step 3 with a justification and
 *   evidence: the form reports every problem at once, evidence the member
 *   may not read is refused at its field, and after the change the group
 *   page, its chart, the ladder's history and the community view show it;
 * - membership: adding a person, and ending a membership after a
 *   confirmation page;
 * - setting up a group through the form;
 * - the pages in nynorsk and English.
 * Requests run as viewers made from the demo users, with the form token
 * "tok", like tests/unit/test_access.c.
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

#include "app/demo/demo.h"
#include "app/identity/identity.h"
#include "base/html.h"
#include "base/util.h"
#include "db/migrate.h"
#include "web/web.h"

enum { W_ANON, W_KD, W_BFD, W_DR_BFD, W_DFD, W_SECRETARIAT, NWHO };
static const char *const g_users[NWHO] = {NULL, "sb.kd", "sb.bfd", "dr.bfd", "sb.dfd", "sekretariat"};

#define KUBU "Kjernegruppe for utsatte barn og unge (KUBU)"
#define SPRINT "Sprintgruppe for kunstig intelligens i saksbehandling"
#define BUDGET "Arbeidsgruppe for felles budsjettposter"
#define BUDGET_PROBLEM "Finansiering av tiltak som flere departementer eier"

typedef struct Fixture {
    Db *db;
    Arena keep, arena;
    Viewer v[NWHO];
    int64_t kubu, sprint, budget, public_measure, restricted_measure;
    const char *lang;   /* Accept-Language of the next requests; NULL: none */
    Req r;
} Fixture;

static Fixture *g_f;

static const char *test_header(void *ctx, const char *name)
{
    (void)ctx;
    if (strcasecmp(name, "Host") == 0) {
        return "t";
    }
    if (strcasecmp(name, "Origin") == 0) {
        return "http://t";
    }
    if (strcasecmp(name, "Accept-Language") == 0) {
        return g_f->lang;
    }
    return NULL;
}

/* One request as who; a body is a form (csrf=tok is added). */
static Req *run(Fixture *f, int who, const char *method, const char *path, const char *query, const char *form)
{
    buf_free(&f->r.body);
    arena_free(&f->arena);
    memset(&f->r, 0, sizeof f->r);
    f->r.arena = &f->arena;
    f->r.db = f->db;
    f->r.viewer = &f->v[who];
    f->r.csrf = "tok";
    f->r.client = "198.51.100.8";
    const char *body = form ? arena_printf(&f->arena, "csrf=tok&%s", form) : NULL;
    WebRequest in = {.method = method, .path = path, .query = query, .body = body, .body_len = body ? strlen(body) : 0,
                     .content_type = "application/x-www-form-urlencoded", .request_id = "group-pages",
                     .client = "198.51.100.8", .header = test_header};
    int route;
    web_handle(&in, &f->r, &route);
    assert_int_equal(db_busy_statements(f->db), 0);
    return &f->r;
}

static Req *get(Fixture *f, int who, const char *path, const char *query)
{
    return run(f, who, "GET", path, query, NULL);
}

static Req *post(Fixture *f, int who, const char *path, const char *form)
{
    return run(f, who, "POST", path, NULL, form);
}

static const char *body(const Req *r)
{
    return buf_str(&r->body);
}

static bool contains(const char *hay, const char *text)
{
    Buf esc = {0};
    html_esc(&esc, text);
    bool found = strstr(hay, text) || strstr(hay, buf_str(&esc));
    buf_free(&esc);
    return found;
}

static const char *header(const Req *r, const char *name)
{
    for (int i = 0; i < r->nheaders; i++) {
        if (strcasecmp(r->headers[i][0], name) == 0) {
            return r->headers[i][1];
        }
    }
    return NULL;
}

#define path_of(f, fmt, id) arena_printf(&(f)->keep, fmt, (long long)(id))

/* The number in the cell <td class="num now"> of the row of step on /ladder. */
static int ladder_now(Fixture *f, int who, int step)
{
    Req *r = get(f, who, "/ladder", NULL);
    assert_int_equal(r->status, 200);
    char row[32];
    snprintf(row, sizeof row, "<tr data-step=\"%d\">", step);
    const char *p = strstr(body(r), row);
    assert_non_null(p);
    p = strstr(p, "class=\"num now\">");
    assert_non_null(p);
    p += strlen("class=\"num now\">");
    if (str_has_prefix(p, "<a")) {
        p = strchr(p, '>') + 1;
    }
    return atoi(p);
}

/* How many links the error summary holds, and whether one goes to #field. */
static int summary_links(const char *html)
{
    const char *s = strstr(html, "ds-error-summary");
    const char *end = s ? strstr(s, "</ul>") : NULL;
    int n = 0;
    for (const char *p = s; p && end && (p = strstr(p, "href=\"#")) && p < end; p++) {
        n++;
    }
    return n;
}

static bool summary_links_to(const char *html, const char *field)
{
    const char *s = strstr(html, "ds-error-summary");
    char want[64];
    snprintf(want, sizeof want, "href=\"#%s\"", field);
    const char *p = s ? strstr(s, want) : NULL;
    return p && p < strstr(s, "</ul>");
}

static int teardown(void **state)
{
    Fixture *f = *state;
    buf_free(&f->r.body);
    arena_free(&f->arena);
    arena_free(&f->keep);
    db_close(f->db);
    return 0;
}

static int64_t record_by_title(Db *db, const char *kind, const char *title)
{
    Arena a = {0};
    int64_t id = 0;
    Stmt *s = db_prepare(db, "SELECT id FROM record WHERE kind = ?1 AND title = ?2");
    db_bind_text(s, 1, kind);
    db_bind_text(s, 2, title);
    if (db_step(s) == DB_ROW) {
        id = db_col_int(s, 0);
    }
    db_done(s);
    arena_free(&a);
    return id;
}

static int setup(void **state)
{
    static Fixture f;
    Err e = {0};
    memset(&f, 0, sizeof f);
    *state = g_f = &f;
    if (db_open(&f.db, ":memory:", DB_OPEN_CREATE, &e) || migrate_up(f.db, NULL, &e) || demo_seed(f.db, &e)) {
        goto fail;
    }
    f.v[W_ANON] = g_anonymous;
    for (int w = 1; w < NWHO; w++) {
        User u;
        if (user_find(f.db, &f.keep, g_users[w], &u, &e) || auth_viewer(f.db, &f.keep, u.id, &f.v[w], &e)) {
            goto fail;
        }
        f.v[w].csrf = "tok";
    }
    f.kubu = record_by_title(f.db, "group", KUBU);
    f.sprint = record_by_title(f.db, "group", SPRINT);
    f.budget = record_by_title(f.db, "group", BUDGET);
    f.public_measure = db_one_int(f.db, "SELECT m.id FROM measure m JOIN record r ON r.id = m.id "
                                        "WHERE m.strategy_id = 2 AND m.number = '1.1' AND r.visibility = 'public' AND ?1",
                                  1, 0);
    f.restricted_measure = db_one_int(f.db, "SELECT m.id FROM measure m JOIN record r ON r.id = m.id "
                                            "WHERE m.strategy_id = 2 AND m.number = '3.4' AND r.visibility = 'restricted' "
                                            "AND ?1", 1, 0);
    if (f.kubu && f.sprint && f.budget && f.public_measure && f.restricted_measure) {
        return 0;
    }
    err_set(&e, E_NOTFOUND, "the demo lacks a group or measure this test needs");
fail:
    fprintf(stderr, "setup: %s\n", e.msg);
    teardown(state);
    return -1;
}

/* ---- the restricted group --------------------------------------------------- */

static void restricted_group_is_missing_for_others(void **state)
{
    Fixture *f = *state;
    const char *page = path_of(f, "/groups/%lld", f->budget);
    Req *r = get(f, W_DFD, page, NULL);   /* its member */
    assert_int_equal(r->status, 200);
    assert_true(contains(body(r), BUDGET));
    assert_true(contains(body(r), "Begrenset tilgang"));
    assert_true(contains(body(r), BUDGET_PROBLEM));
    assert_true(contains(body(get(f, W_DFD, "/groups", NULL)), BUDGET));
    assert_true(contains(body(get(f, W_DFD, "/problems", NULL)), BUDGET_PROBLEM));
    int with = ladder_now(f, W_DFD, 2);

    static const int others[] = {W_ANON, W_KD, W_BFD, W_DR_BFD, W_SECRETARIAT};
    for (size_t i = 0; i < COUNT(others); i++) {
        int w = others[i];
        Req *missing = get(f, w, "/groups/999999", NULL);
        assert_int_equal(missing->status, 404);
        const char *want = arena_strdup(&f->keep, body(missing));
        for (size_t k = 0; k < 3; k++) {
            const char *hpath = k == 0   ? path_of(f, "/groups/%lld", f->budget)
                                : k == 1 ? path_of(f, "/groups/%lld/ladder", f->budget)
                                         : path_of(f, "/groups/%lld/members", f->budget);
            Req *hidden = get(f, w, hpath, NULL);
            if (w == W_ANON && k == 2) {
                assert_int_equal(hidden->status, 303);   /* sign in first */
                continue;
            }
            assert_int_equal(hidden->status, 404);
            if (k == 0) {
                assert_string_equal(body(hidden), want);
            }
            assert_false(contains(body(hidden), BUDGET));
        }
        assert_false(contains(body(get(f, w, "/groups", NULL)), BUDGET));
        assert_false(contains(body(get(f, w, "/groups", "state=active")), BUDGET));
        assert_false(contains(body(get(f, w, "/problems", NULL)), BUDGET_PROBLEM));
        assert_false(contains(body(get(f, w, "/ladder", NULL)), BUDGET));
    }
    /* The community view counts it for its member only: one group more on step 2. */
    assert_int_equal(ladder_now(f, W_KD, 2), with - 1);
    assert_int_equal(ladder_now(f, W_SECRETARIAT, 2), with - 1);
}

/* ---- the overdue sprint group ------------------------------------------------ */

static void overdue_sprint_is_flagged_and_closed_with_a_report(void **state)
{
    Fixture *f = *state;
    const char *page = path_of(f, "/groups/%lld", f->sprint);
    Req *r = get(f, W_DFD, "/groups", NULL);
    const char *row = strstr(body(r), SPRINT);
    assert_non_null(row);
    const char *row_end = strstr(row, "</tr>");
    const char *flag = strstr(row, "Over sluttdato");
    assert_true(flag && flag < row_end);
    assert_true(contains(body(r), "1 sprintgruppe er over sluttdatoen"));
    r = get(f, W_DFD, "/groups", "state=overdue");
    assert_true(contains(body(r), SPRINT));
    assert_false(contains(body(r), KUBU));
    assert_true(contains(body(r), "1 gruppe i listen"));
    r = get(f, W_DFD, page, NULL);
    assert_true(contains(body(r), "Over sluttdato"));
    assert_true(contains(body(r), "Trenger oppfølging"));
    assert_true(contains(body(r), "Avslutt gruppen med en resultatrapport."));

    /* Closing: every missing part at once, each linked to its field. */
    const char *close = path_of(f, "/groups/%lld/close", f->sprint);
    assert_int_equal(get(f, W_KD, close, NULL)->status, 403);   /* not in it */
    assert_int_equal(get(f, W_DFD, close, NULL)->status, 200);
    r = post(f, W_DFD, close, "explored=&recommendation=R%C3%A5d&next_step=");
    assert_int_equal(r->status, 400);
    assert_int_equal(summary_links(body(r)), 3);
    assert_true(summary_links_to(body(r), "explored"));
    assert_true(summary_links_to(body(r), "next_step"));
    assert_true(summary_links_to(body(r), "confirm"));
    assert_true(contains(body(r), ">Råd</textarea>"));   /* what was typed stays */
    assert_non_null(strstr(body(r), "id=\"explored\" name=\"explored\" rows=\"6\" aria-describedby=\"explored-err\" "
                                    "aria-invalid=\"true\""));
    r = post(f, W_DFD, close, "explored=To+bruksomr%C3%A5der&recommendation=Ta+i+bruk&next_step=Pilot+i+DFD"
                              "&taken_by=DFD&confirm=1");
    assert_int_equal(r->status, 303);
    assert_string_equal(header(r, "Location"), arena_printf(&f->keep, "%s?done=group_closed", page));
    r = get(f, W_DFD, page, "done=group_closed");
    assert_true(contains(body(r), "Gruppen er avsluttet, og resultatrapporten er lagret."));
    assert_true(contains(body(r), "Resultatrapport"));
    assert_true(contains(body(r), "To bruksområder"));
    assert_true(contains(body(r), "Pilot i DFD"));
    assert_false(contains(body(r), "Over sluttdato"));
    assert_false(contains(body(get(f, W_DFD, "/groups", "state=overdue")), SPRINT));
    assert_false(contains(body(get(f, W_DFD, "/groups", NULL)), "over sluttdatoen"));
    /* Closed: no closing again, no ladder form; reopen brings the flag back. */
    assert_int_equal(get(f, W_DFD, close, NULL)->status, 409);
    assert_true(contains(body(get(f, W_DFD, path_of(f, "/groups/%lld/ladder", f->sprint), NULL)),
                         "Gruppen er avsluttet. Gjenåpne den for å endre trinn."));
    r = post(f, W_DFD, path_of(f, "/groups/%lld/reopen", f->sprint), "");
    assert_int_equal(r->status, 303);
    assert_true(contains(body(get(f, W_DFD, page, NULL)), "Over sluttdato"));
}

/* ---- the ladder --------------------------------------------------------------- */

static void member_moves_kubu_up_the_ladder(void **state)
{
    Fixture *f = *state;
    const char *page = path_of(f, "/groups/%lld", f->kubu);
    const char *ladder = path_of(f, "/groups/%lld/ladder", f->kubu);
    int on2 = ladder_now(f, W_KD, 2), on3 = ladder_now(f, W_KD, 3);
    Req *r = get(f, W_KD, page, NULL);
    assert_non_null(strstr(body(r), "<dd class=\"current-step\">2 – Felles problemforståelse</dd>"));
    assert_true(contains(body(r), "Endre trinn"));
    assert_int_equal(get(f, W_BFD, ladder, NULL)->status, 200);

    /* Everything wrong at once. */
    r = post(f, W_KD, ladder, "step=&target=9&on_date=2026-13-40&justification=+&evidence=tja");
    assert_int_equal(r->status, 400);
    assert_int_equal(summary_links(body(r)), 5);
    static const char *const fields[] = {"step", "target", "on_date", "justification", "evidence"};
    for (size_t i = 0; i < COUNT(fields); i++) {
        assert_true(summary_links_to(body(r), fields[i]));
    }
    /* Evidence the member may not read is refused at its field, like one that does not exist. */
    r = post(f, W_KD, ladder, arena_printf(&f->keep, "step=3&target=4&justification=Felles+plan&evidence=%lld",
                                           (long long)f->restricted_measure));
    assert_int_equal(r->status, 400);
    assert_true(summary_links_to(body(r), "evidence"));
    assert_true(contains(body(r), "Fant ikke dokumentasjonen."));
    /* Someone outside the group may not. */
    assert_int_equal(post(f, W_DFD, ladder, "step=3&target=4&justification=x")->status, 403);

    r = post(f, W_KD, ladder, arena_printf(&f->keep, "ministry=&step=3&target=4&justification=Departementene+har+"
                                                     "avstemt+tildelingsbrevene&evidence=%%2Fmeasures%%2F%lld",
                                           (long long)f->public_measure));
    assert_int_equal(r->status, 303);
    assert_string_equal(header(r, "Location"), arena_printf(&f->keep, "%s?done=ladder", page));
    r = get(f, W_KD, page, "done=ladder");
    assert_true(contains(body(r), "Endringen på samordningsstigen er lagret."));
    assert_non_null(strstr(body(r), "<dd class=\"current-step\">3 – Unngå å svekke hverandres måloppnåelse</dd>"));
    const char *last = NULL;
    for (const char *p = strstr(body(r), "data-step=\""); p; p = strstr(p + 1, "data-step=\"")) {
        last = p;
    }
    assert_non_null(last);   /* the chart's last marker is on step 3 */
    assert_true(str_has_prefix(last, "data-step=\"3\""));
    r = get(f, W_BFD, ladder, NULL);
    assert_true(contains(body(r), "Departementene har avstemt tildelingsbrevene"));
    assert_true(contains(body(r), "2 Problemforståelse → 3 Måloppnåelse"));
    assert_non_null(strstr(body(r), arena_printf(&f->keep, "href=\"/measures/%lld\"", (long long)f->public_measure)));
    assert_int_equal(ladder_now(f, W_KD, 2), on2 - 1);
    assert_int_equal(ladder_now(f, W_KD, 3), on3 + 1);
    assert_int_equal(ladder_now(f, W_ANON, 3), on3 + 1);   /* KUBU is public */
}

/* ---- membership ---------------------------------------------------------------- */

static void membership_is_managed_by_leader_and_secretariat(void **state)
{
    Fixture *f = *state;
    const char *members = path_of(f, "/groups/%lld/members", f->kubu);
    assert_int_equal(get(f, W_KD, members, NULL)->status, 403);   /* a member, not the secretariat */
    Req *r = get(f, W_BFD, members, NULL);
    assert_int_equal(r->status, 200);
    assert_true(contains(body(r), "Tidligere medlemskap"));   /* sb.kd's former secretariat role */
    r = post(f, W_BFD, members, "username=finnes.ikke&role=member&joined_on=2020-02-30");
    assert_int_equal(r->status, 400);
    assert_true(summary_links_to(body(r), "joined_on"));
    r = post(f, W_BFD, members, "username=finnes.ikke&role=member");
    assert_int_equal(r->status, 400);
    assert_true(summary_links_to(body(r), "username"));
    assert_true(contains(body(r), "Fant ingen aktiv bruker med dette brukernavnet."));
    r = post(f, W_BFD, members, "username=sb.dfd&role=observer");
    assert_int_equal(r->status, 303);
    r = get(f, W_BFD, members, "done=member_added");
    assert_true(contains(body(r), "Personen er lagt til i gruppen."));
    /* The new membership's row, and its «end» link with a confirmation page. */
    const char *row = strstr(body(r), "(sb.dfd)");
    assert_non_null(row);
    const char *href = strstr(row, "href=\"");
    assert_non_null(href);
    href += 6;
    const char *end = arena_strndup(&f->keep, href, (size_t)(strchr(href, '"') - href));
    assert_true(str_has_prefix(end, members));
    r = get(f, W_BFD, end, NULL);
    assert_int_equal(r->status, 200);
    assert_true(contains(body(r), "Avslutte medlemskapet?"));
    assert_int_equal(post(f, W_KD, end, "")->status, 403);
    r = post(f, W_BFD, end, "");
    assert_int_equal(r->status, 303);
    assert_int_equal(get(f, W_BFD, end, NULL)->status, 404);   /* ended: no longer a current membership */
}

/* ---- setting up a group --------------------------------------------------------- */

static void a_secretary_general_sets_up_a_group(void **state)
{
    Fixture *f = *state;
    assert_int_equal(get(f, W_KD, "/groups/new", NULL)->status, 403);
    Req *r = get(f, W_DR_BFD, "/groups/new", NULL);
    assert_int_equal(r->status, 200);
    r = post(f, W_DR_BFD, "/groups", "lists=1&title=&kind=sprint&owner=BFD&start_on=2026-05-01&end_on=2026-04-01"
                                     "&phase=test&step=1&target=3&visibility=internal");
    assert_int_equal(r->status, 400);
    assert_true(summary_links_to(body(r), "title"));
    assert_true(summary_links_to(body(r), "end_on"));
    assert_true(summary_links(body(r)) >= 2);
    /* Anchoring is only for member ministries, by whole code (KD is not KDD). */
    r = post(f, W_DR_BFD, "/groups", "lists=1&title=Forankring&kind=core&owner=BFD&ministries=KDD&anchored=KD"
                                     "&visibility=internal");
    assert_int_equal(r->status, 400);
    assert_true(summary_links_to(body(r), "anchored"));
    assert_int_equal(summary_links(body(r)), 1);
    r = post(f, W_DR_BFD, "/groups", "lists=1&title=Sprint+om+barnevern&kind=sprint&owner=BFD&ministries=KD"
                                     "&ministries=HOD&start_on=2026-01-05&end_on=2026-03-31&phase=explore&step=1"
                                     "&target=3&visibility=internal");
    assert_int_equal(r->status, 303);
    const char *loc = header(r, "Location");
    assert_true(str_has_prefix(loc, "/groups/"));
    const char *page = arena_strndup(&f->keep, loc, strcspn(loc, "?"));
    r = get(f, W_DR_BFD, page, NULL);
    assert_true(contains(body(r), "Sprint om barnevern"));
    assert_true(contains(body(r), "Helse- og omsorgsdepartementet"));
    assert_true(contains(body(r), "Kunnskapsdepartementet"));
    assert_non_null(strstr(body(r), "<dd class=\"current-step\">1 – Dele informasjon</dd>"));
    assert_true(contains(body(r), "Dag Dahl"));   /* the leader: whoever set it up */
    assert_false(contains(body(get(f, W_ANON, "/groups", NULL)), "Sprint om barnevern"));   /* internal */
}

/* ---- languages ------------------------------------------------------------------ */

static void pages_speak_nynorsk_and_english(void **state)
{
    Fixture *f = *state;
    f->lang = "nn";
    Req *r = get(f, W_KD, "/ladder", NULL);
    assert_true(contains(body(r), "Kvar gruppene står"));
    assert_true(contains(body(r), "<html lang=\"nn\""));
    r = get(f, W_KD, path_of(f, "/groups/%lld", f->kubu), NULL);
    assert_true(contains(body(r), "Departementa i gruppa"));
    f->lang = "en";
    r = get(f, W_KD, "/groups", NULL);
    assert_true(contains(body(r), "Core group"));
    assert_true(contains(body(r), "Filter groups"));
    r = post(f, W_KD, path_of(f, "/groups/%lld/ladder", f->kubu), "step=&target=4&justification=");
    assert_true(contains(body(r), "Write a justification for the change."));
    f->lang = NULL;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(restricted_group_is_missing_for_others),
        cmocka_unit_test(overdue_sprint_is_flagged_and_closed_with_a_report),
        cmocka_unit_test(member_moves_kubu_up_the_ladder),
        cmocka_unit_test(membership_is_managed_by_leader_and_secretariat),
        cmocka_unit_test(a_secretary_general_sets_up_a_group),
        cmocka_unit_test(pages_speak_nynorsk_and_english),
    };
    return cmocka_run_group_tests_name("group_pages", tests, setup, teardown);
}
