/* test_group.c: groups, wicked problems and the coordination ladder
 * (src/app/group/) through the model.
 *
 * Each test gets a fresh in-memory database with the demo content: KUBU
 * (public; dr.bfd leads, sb.bfd its secretariat, sb.kd a member), the
 * sprint group on artificial intelligence (internal, past its end date,
 * sb.dfd leads) and the restricted budget group (FIN; only sb.dfd is in
 * it) with its restricted problem.  The clock is fixed with SAMLA_TODAY
 * before the demo is made, so dates are the same in every run.
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

#include "app/demo/demo.h"
#include "app/group/group.h"
#include "app/identity/identity.h"
#include "base/util.h"
#include "db/migrate.h"
#include "web/web.h"

enum { V_SEK, V_KD, V_BFD, V_DRBFD, V_DFD, V_HOD, V_ANON, NV };
static const char *const g_users[NV] = {"sekretariat", "sb.kd", "sb.bfd", "dr.bfd", "sb.dfd", "ansatt.hod", NULL};

typedef struct Fixture {
    Db *db;
    Arena arena;
    Viewer v[NV];
    int64_t kubu, sprint, budget, budget_problem, measure;
    Arena req_arena;       /* the current request's arena */
    Req r;
    int route;
} Fixture;

static int64_t id_of(Fixture *f, const char *kind, const char *title)
{
    Stmt *s = db_prepare(f->db, "SELECT id FROM record WHERE kind = ?1 AND title = ?2");
    db_bind_text(s, 1, kind);
    db_bind_text(s, 2, title);
    int64_t id = db_step(s) == DB_ROW ? db_col_int(s, 0) : 0;
    db_done(s);
    return id;
}

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
    }
    return 0;
}

static int setup(void **state)
{
    static Fixture f;
    Err e = {0};
    memset(&f, 0, sizeof f);
    setenv("SAMLA_TODAY", "2026-12-04", 1);
    if (db_open(&f.db, ":memory:", DB_OPEN_CREATE, &e) || migrate_up(f.db, NULL, &e) || demo_seed(f.db, &e) ||
        viewers(&f)) {
        fprintf(stderr, "setup: %s\n", e.msg);
        return -1;
    }
    f.kubu = id_of(&f, "group", "Kjernegruppe for utsatte barn og unge (KUBU)");
    f.sprint = id_of(&f, "group", "Sprintgruppe for kunstig intelligens i saksbehandling");
    f.budget = id_of(&f, "group", "Arbeidsgruppe for felles budsjettposter");
    f.budget_problem = id_of(&f, "problem", "Finansiering av tiltak som flere departementer eier");
    f.measure = db_one_int(f.db, "SELECT id FROM measure WHERE strategy_id = 2 AND number = '1.2' AND ?1", 1, 0);
    *state = &f;
    return f.kubu && f.sprint && f.budget && f.budget_problem && f.measure ? 0 : -1;
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

static bool listed(Fixture *f, int w, int64_t id, const GroupFilter *flt)
{
    Group *g;
    size_t n;
    Err e = {0};
    assert_int_equal(group_list(f->db, &f->arena, &f->v[w], flt, &g, &n, &e), 0);
    for (size_t i = 0; i < n; i++) {
        if (g[i].rec.id == id) {
            return true;
        }
    }
    return false;
}

/* The restricted group and its problem: its member reads them, nobody
 * else does — not by id, in lists, in the ladder counts or its history. */
static void restricted_group_is_for_its_members(void **state)
{
    Fixture *f = *state;
    Group g;
    Problem p;
    Err e = {0};
    assert_int_equal(group_get(f->db, &f->arena, &f->v[V_DFD], f->budget, &g, &e), 0);
    assert_true(listed(f, V_DFD, f->budget, NULL));
    assert_int_equal(problem_get(f->db, &f->arena, &f->v[V_DFD], f->budget_problem, &p, &e), 0);
    for (int w = 0; w < NV; w++) {
        if (w == V_DFD) {
            continue;
        }
        assert_int_equal(group_get(f->db, &f->arena, &f->v[w], f->budget, &g, &e), E_NOTFOUND);
        assert_false(listed(f, w, f->budget, NULL));
        assert_int_equal(problem_get(f->db, &f->arena, &f->v[w], f->budget_problem, &p, &e), E_NOTFOUND);
        LadderChange *c;
        size_t n;
        assert_int_equal(ladder_history(f->db, &f->arena, &f->v[w], f->budget, NULL, &c, &n, &e), E_NOTFOUND);
        assert_false(record_can_read(f->db, &f->v[w], f->budget));
    }
    /* Counts: the member counts one more group on step 2 than sb.kd does. */
    LadderCount *in, *out;
    size_t nin, nout;
    assert_int_equal(ladder_community(f->db, &f->arena, &f->v[V_DFD], "2026-12-04", "2025-12-04", &in, &nin, &e), 0);
    assert_int_equal(ladder_community(f->db, &f->arena, &f->v[V_KD], "2026-12-04", "2025-12-04", &out, &nout, &e), 0);
    assert_int_equal(in[0].now[2], out[0].now[2] + 1);
    /* FIN (the budget group's owner) too, on its row. */
    int fin_in = -1, fin_out = -1;
    for (size_t i = 1; i < nin; i++) {
        fin_in = strcmp(in[i].ministry_code, "FIN") == 0 ? in[i].now[2] : fin_in;
    }
    for (size_t i = 1; i < nout; i++) {
        fin_out = strcmp(out[i].ministry_code, "FIN") == 0 ? out[i].now[2] : fin_out;
    }
    assert_true(fin_out >= 0);
    assert_int_equal(fin_in, fin_out + 1);
}

/* Joining makes the restricted group readable at once; leaving ends it. */
static void membership_decides_access(void **state)
{
    Fixture *f = *state;
    Err e = {0};
    Group g;
    /* sb.dfd is only a member, not the secretariat: may not add people. */
    assert_int_equal(group_member_add(f->db, &f->arena, &f->v[V_DFD], "t", f->budget, "sb.kd", "member", NULL, &e),
                     E_FORBIDDEN);
    /* Make sb.dfd the group's secretariat (as the CLI would), then add sb.kd. */
    assert_int_equal(db_exec(f->db, "UPDATE group_member SET role = 'secretariat' WHERE user_id = "
                                    "(SELECT id FROM account WHERE username = 'sb.dfd') AND left_on IS NULL", &e), 0);
    assert_int_equal(viewers(f), 0);
    assert_int_equal(group_member_add(f->db, &f->arena, &f->v[V_DFD], "t", f->budget, "sb.kd", "observer", NULL, &e),
                     0);
    assert_int_equal(group_member_add(f->db, &f->arena, &f->v[V_DFD], "t", f->budget, "sb.kd", "observer", NULL, &e),
                     E_CONFLICT);
    assert_int_equal(viewers(f), 0);
    assert_int_equal(group_get(f->db, &f->arena, &f->v[V_KD], f->budget, &g, &e), 0);
    assert_int_equal(g.my_role, GROUP_ROLE_OBSERVER);
    /* An observer reads but may not edit or move the group. */
    assert_false(group_can_edit(&f->v[V_KD], &g));
    assert_int_equal(ladder_set(f->db, &f->arena, &f->v[V_KD], "t", f->budget, NULL, 3, 4, NULL, "Fordi", 0, &e),
                     E_FORBIDDEN);
    GroupMember *m;
    size_t n;
    assert_int_equal(group_members(f->db, &f->arena, &f->v[V_DFD], f->budget, false, &m, &n, &e), 0);
    int64_t row = 0;
    for (size_t i = 0; i < n; i++) {
        row = strcmp(m[i].username, "sb.kd") == 0 ? m[i].id : row;
    }
    assert_true(row);
    assert_int_equal(group_member_end(f->db, &f->arena, &f->v[V_DFD], "t", f->budget, row, &e), 0);
    assert_int_equal(viewers(f), 0);
    assert_int_equal(group_get(f->db, &f->arena, &f->v[V_KD], f->budget, &g, &e), E_NOTFOUND);
    /* The history of the group kept both changes. */
    RecordVersion *rv;
    size_t nv;
    assert_int_equal(record_versions(f->db, &f->arena, &f->v[V_DFD], f->budget, &rv, &nv, &e), 0);
    assert_true(nv >= 3);
    assert_string_equal(rv[0].changes[0].field, "members");
    assert_string_equal(rv[0].changes[0].to, "");
}

/* A member moves KUBU from step 2 to 3 with evidence; the history, the
 * version and the counts follow; bad input is refused with nothing written. */
static void ladder_moves_with_justification(void **state)
{
    Fixture *f = *state;
    Err e = {0};
    Group g;
    assert_int_equal(group_get(f->db, &f->arena, &f->v[V_KD], f->kubu, &g, &e), 0);
    assert_int_equal(g.step, 2);
    assert_int_equal(g.target, 4);
    LadderCount *before;
    size_t nb;
    assert_int_equal(ladder_community(f->db, &f->arena, &f->v[V_KD], "2026-12-04", "2025-12-04", &before, &nb, &e), 0);
    int64_t nrows = db_one_int(f->db, "SELECT count(*) FROM ladder_change WHERE ?1", 1, 0);
    /* Refused: no justification; a step out of range; a future date; evidence one cannot read; an observer's ministry. */
    assert_int_equal(ladder_set(f->db, &f->arena, &f->v[V_KD], "t", f->kubu, NULL, 3, 4, NULL, "  ", 0, &e), E_INVALID);
    assert_int_equal(ladder_set(f->db, &f->arena, &f->v[V_KD], "t", f->kubu, NULL, 5, 4, NULL, "x", 0, &e), E_INVALID);
    assert_int_equal(ladder_set(f->db, &f->arena, &f->v[V_KD], "t", f->kubu, NULL, 3, 4, "2027-01-01", "x", 0, &e),
                     E_INVALID);
    assert_int_equal(ladder_set(f->db, &f->arena, &f->v[V_KD], "t", f->kubu, NULL, 3, 4, NULL, "x", f->budget_problem,
                                &e), E_INVALID);
    assert_int_equal(ladder_set(f->db, &f->arena, &f->v[V_KD], "t", f->kubu, "UD", 3, 4, NULL, "x", 0, &e), E_INVALID);
    assert_int_equal(ladder_set(f->db, &f->arena, &f->v[V_KD], "t", f->kubu, NULL, 2, 4, NULL, "x", 0, &e), E_INVALID);
    /* Not a member at all (sb.dfd), and a read-only token of a member. */
    assert_int_equal(ladder_set(f->db, &f->arena, &f->v[V_DFD], "t", f->kubu, NULL, 3, 4, NULL, "x", 0, &e),
                     E_FORBIDDEN);
    Viewer ro = f->v[V_KD];
    ro.read_only = true;
    assert_int_equal(ladder_set(f->db, &f->arena, &ro, "t", f->kubu, NULL, 3, 4, NULL, "x", 0, &e), E_FORBIDDEN);
    assert_int_equal(db_one_int(f->db, "SELECT count(*) FROM ladder_change WHERE ?1", 1, 0), nrows);
    /* Done right. */
    assert_int_equal(ladder_set(f->db, &f->arena, &f->v[V_KD], "t", f->kubu, NULL, 3, 4, NULL,
                                "Departementene har avstemt tildelingsbrevene.", f->measure, &e), 0);
    assert_int_equal(group_get(f->db, &f->arena, &f->v[V_KD], f->kubu, &g, &e), 0);
    assert_int_equal(g.step, 3);
    LadderChange *c;
    size_t n;
    assert_int_equal(ladder_history(f->db, &f->arena, &f->v[V_ANON], f->kubu, "", &c, &n, &e), 0);
    assert_int_equal(c[n - 1].step, 3);
    assert_int_equal(c[n - 1].from_step, 2);
    assert_int_equal(c[n - 1].evidence_id, f->measure);
    assert_non_null(c[n - 1].evidence_url);
    assert_string_equal(c[n - 1].on_date, "2026-12-04");
    LadderCount *after;
    size_t na;
    assert_int_equal(ladder_community(f->db, &f->arena, &f->v[V_KD], "2026-12-04", "2025-12-04", &after, &na, &e), 0);
    assert_int_equal(after[0].now[3], before[0].now[3] + 1);
    assert_int_equal(after[0].now[2], before[0].now[2] - 1);
    assert_int_equal(after[0].before[2], before[0].before[2]);
    RecordVersion *rv;
    size_t nv;
    assert_int_equal(record_versions(f->db, &f->arena, &f->v[V_KD], f->kubu, &rv, &nv, &e), 0);
    assert_string_equal(rv[0].changes[0].field, "ladder");
    assert_string_equal(rv[0].changes[0].from, "2/4");
    assert_string_equal(rv[0].changes[0].to, "3/4");
    /* A member ministry's own step. */
    assert_int_equal(ladder_set(f->db, &f->arena, &f->v[V_KD], "t", f->kubu, "KUD", 2, 3, NULL, "Eget trinn", 0, &e),
                     0);
    GroupMinistry *gm;
    size_t ngm;
    assert_int_equal(group_ministries(f->db, &f->arena, &f->v[V_KD], f->kubu, false, &gm, &ngm, &e), 0);
    assert_string_equal(gm[0].code, "BFD");
    assert_true(gm[0].owner);
    bool kud = false;
    for (size_t i = 0; i < ngm; i++) {
        kud |= strcmp(gm[i].code, "KUD") == 0 && gm[i].step == 2 && gm[i].target == 3;
    }
    assert_true(kud);
}

/* The sprint group past its end is flagged and listed as overdue until
 * it is closed with a result report. */
static void overdue_sprint_is_closed_with_a_report(void **state)
{
    Fixture *f = *state;
    Err e = {0};
    Group g;
    assert_int_equal(group_get(f->db, &f->arena, &f->v[V_DFD], f->sprint, &g, &e), 0);
    assert_true(g.overdue);
    const char *msgs[8], *args[8];
    size_t n = group_attention(f->db, &f->arena, &g, msgs, args);
    assert_true(n >= 1);
    assert_non_null(strstr(msgs[0], "Sprinten skulle"));
    assert_true(listed(f, V_DFD, f->sprint, &(GroupFilter){.state = "overdue"}));
    assert_false(listed(f, V_DFD, f->kubu, &(GroupFilter){.state = "overdue"}));
    /* Internal: the public does not see it. */
    assert_int_equal(group_get(f->db, &f->arena, &f->v[V_ANON], f->sprint, &g, &e), E_NOTFOUND);
    assert_int_equal(group_close(f->db, &f->arena, &f->v[V_DFD], "t", f->sprint, "To bruksområder", "", "", NULL, &e),
                     E_INVALID);
    assert_int_equal(group_close(f->db, &f->arena, &f->v[V_KD], "t", f->sprint, "a", "b", "c", NULL, &e), E_FORBIDDEN);
    assert_int_equal(group_close(f->db, &f->arena, &f->v[V_DFD], "t", f->sprint, "To bruksområder ble testet.",
                                 "Ta i bruk i to departementer.", "Pilot i DFD og JD.", "DFD", &e), 0);
    assert_int_equal(group_get(f->db, &f->arena, &f->v[V_DFD], f->sprint, &g, &e), 0);
    assert_false(g.overdue);
    assert_string_equal(g.closed_on, "2026-12-04");
    assert_string_equal(g.result_taken_by_code, "DFD");
    assert_true(listed(f, V_DFD, f->sprint, &(GroupFilter){.state = "closed"}));
    assert_false(listed(f, V_DFD, f->sprint, &(GroupFilter){.state = "overdue"}));
    assert_int_equal(group_close(f->db, &f->arena, &f->v[V_DFD], "t", f->sprint, "a", "b", "c", NULL, &e), E_CONFLICT);
    assert_int_equal(ladder_set(f->db, &f->arena, &f->v[V_DFD], "t", f->sprint, NULL, 3, 3, NULL, "x", 0, &e),
                     E_CONFLICT);
    assert_int_equal(group_reopen(f->db, &f->arena, &f->v[V_DFD], "t", f->sprint, &e), 0);
    assert_int_equal(group_get(f->db, &f->arena, &f->v[V_DFD], f->sprint, &g, &e), 0);
    assert_null(g.closed_on);
    assert_string_equal(g.result_recommendation, "Ta i bruk i to departementer.");
}

/* Creating and changing a group through its text form: all problems at
 * once, the creator leads, stale versions refused, no change no version. */
static void group_text_form(void **state)
{
    Fixture *f = *state;
    Err e = {0};
    FormProblem *errs;
    size_t nerr;
    int64_t id;
    GroupText bad = {{[GF_TITLE] = "", [GF_KIND] = "sprint", [GF_OWNER] = "BFD", [GF_MINISTRIES] = "KD, XX",
                      [GF_PHASE] = "nap", [GF_END_ON] = "2026-02-30"}};
    assert_int_equal(group_save(f->db, &f->arena, &f->v[V_DRBFD], "t", 0, &bad, 0, NULL, &id, &errs, &nerr, &e),
                     E_INVALID);
    assert_true(nerr >= 4);
    /* A case officer may not set up groups; a secretary general only for their own ministry. */
    GroupText in = {{[GF_TITLE] = "Sprintgruppe for bolig", [GF_KIND] = "sprint", [GF_OWNER] = "BFD",
                     [GF_MINISTRIES] = "kdd, KD", [GF_START_ON] = "2026-11-01", [GF_END_ON] = "2027-02-01",
                     [GF_PHASE] = "explore", [GF_STEP] = "1", [GF_TARGET] = "3"}};
    assert_int_equal(group_save(f->db, &f->arena, &f->v[V_KD], "t", 0, &in, 0, NULL, &id, &errs, &nerr, &e),
                     E_FORBIDDEN);
    in.v[GF_OWNER] = "KD";
    assert_int_equal(group_save(f->db, &f->arena, &f->v[V_DRBFD], "t", 0, &in, 0, NULL, &id, &errs, &nerr, &e),
                     E_FORBIDDEN);
    in.v[GF_OWNER] = "BFD";
    assert_int_equal(group_save(f->db, &f->arena, &f->v[V_DRBFD], "t", 0, &in, 0, NULL, &id, &errs, &nerr, &e), 0);
    assert_int_equal(viewers(f), 0);
    Group g;
    assert_int_equal(group_get(f->db, &f->arena, &f->v[V_DRBFD], id, &g, &e), 0);
    assert_int_equal(g.my_role, GROUP_ROLE_LEADER);
    assert_int_equal(g.step, 1);
    assert_int_equal(g.target, 3);
    assert_int_equal(g.nministries, 3);
    assert_int_equal(g.rec.owner_group_id, id);
    GroupText t;
    assert_int_equal(group_text_get(f->db, &f->arena, &f->v[V_DRBFD], id, &t, &e), 0);
    assert_string_equal(t.v[GF_MINISTRIES], "BFD, KD, KDD");
    /* Saving the same text again changes nothing. */
    int version = g.rec.version;
    assert_int_equal(group_save(f->db, &f->arena, &f->v[V_DRBFD], "t", id, &t, 0, NULL, &id, &errs, &nerr, &e), 0);
    assert_int_equal(group_get(f->db, &f->arena, &f->v[V_DRBFD], id, &g, &e), 0);
    assert_int_equal(g.rec.version, version);
    GroupText ch = {{[GF_MANDATE] = "Utforske boligsosiale tiltak.", [GF_MINISTRIES] = "KD"}};
    assert_int_equal(group_save(f->db, &f->arena, &f->v[V_DRBFD], "t", id, &ch, version + 5, NULL, &id, &errs, &nerr,
                                &e), E_CONFLICT);
    assert_int_equal(group_save(f->db, &f->arena, &f->v[V_DRBFD], "t", id, &ch, version, NULL, &id, &errs, &nerr, &e),
                     0);
    GroupMinistry *gm;
    size_t n;
    assert_int_equal(group_ministries(f->db, &f->arena, &f->v[V_DRBFD], id, true, &gm, &n, &e), 0);
    assert_int_equal(n, 3);  /* KDD is kept as a former member */
    assert_int_equal(group_ministries(f->db, &f->arena, &f->v[V_DRBFD], id, false, &gm, &n, &e), 0);
    assert_int_equal(n, 2);
}

/* Problems: owners, goals and owning group; a problem put in a restricted
 * group by a member stays readable by them. */
static void problem_text_form(void **state)
{
    Fixture *f = *state;
    Err e = {0};
    FormProblem *errs;
    size_t nerr;
    int64_t id;
    ProblemText bad = {{[PF_TITLE] = "Boligmangel", [PF_OWNERS] = "", [PF_SDGS] = "0, 18"}};
    assert_int_equal(problem_save(f->db, &f->arena, &f->v[V_DRBFD], "t", 0, &bad, 0, NULL, &id, &errs, &nerr, &e),
                     E_INVALID);
    assert_int_equal(nerr, 2);
    /* An employee in no group may not register problems. */
    ProblemText in = {{[PF_TITLE] = "Boligmangel blant unge", [PF_OWNERS] = "kdd, BFD, KDD", [PF_SDGS] = "11, 1",
                       [PF_DESCRIPTION] = "For få boliger.\r\n"}};
    Viewer plain = f->v[V_HOD];
    plain.ngroups = 0;
    assert_int_equal(problem_save(f->db, &f->arena, &plain, "t", 0, &in, 0, NULL, &id, &errs, &nerr, &e), E_FORBIDDEN);
    assert_int_equal(problem_save(f->db, &f->arena, &f->v[V_DRBFD], "t", 0, &in, 0, NULL, &id, &errs, &nerr, &e), 0);
    Problem p;
    assert_int_equal(problem_get(f->db, &f->arena, &f->v[V_ANON], id, &p, &e), E_NOTFOUND); /* internal by default */
    assert_int_equal(problem_get(f->db, &f->arena, &f->v[V_KD], id, &p, &e), 0);
    assert_int_equal(p.nowners, 2);
    assert_string_equal(p.owners[0].code, "KDD");
    assert_int_equal(p.nsdgs, 2);
    assert_int_equal(p.sdgs[0].number, 1);
    assert_string_equal(p.description, "For få boliger.");
    /* Into the restricted budget group: only a member may put it there. */
    char gid[32];
    snprintf(gid, sizeof gid, "%lld", (long long)f->budget);
    ProblemText move = {{[PF_GROUP] = gid, [PF_VISIBILITY] = "restricted"}};
    assert_int_equal(problem_save(f->db, &f->arena, &f->v[V_SEK], "t", id, &move, 0, NULL, &id, &errs, &nerr, &e),
                     E_INVALID); /* the secretariat cannot read the group */
    assert_int_equal(problem_save(f->db, &f->arena, &f->v[V_DFD], "t", id, &move, 0, NULL, &id, &errs, &nerr, &e),
                     E_FORBIDDEN); /* sb.dfd is in the group, but may not manage a KDD problem */
    assert_int_equal(db_exec(f->db, "UPDATE record SET owner_group_id = (SELECT id FROM record WHERE kind = 'group' "
                                    "AND title LIKE 'Arbeidsgruppe for felles%'), visibility = 'restricted' "
                                    "WHERE title = 'Boligmangel blant unge'", &e), 0);
    assert_int_equal(problem_get(f->db, &f->arena, &f->v[V_DFD], id, &p, &e), 0);
    assert_int_equal(problem_get(f->db, &f->arena, &f->v[V_KD], id, &p, &e), E_NOTFOUND);
    assert_int_equal(problem_get(f->db, &f->arena, &f->v[V_DRBFD], id, &p, &e), E_NOTFOUND);
    ProblemFilter pf = {.sdg = 16};
    Problem *list;
    size_t n;
    assert_int_equal(problem_list(f->db, &f->arena, &f->v[V_KD], &pf, &list, &n, &e), 0);
    assert_int_equal(n, 0);
    assert_int_equal(problem_list(f->db, &f->arena, &f->v[V_DFD], &pf, &list, &n, &e), 0);
    assert_int_equal(n, 1);
}

/* ---- through the web pipeline (group_api.c) ------------------------------------- */

static const char *test_header(void *ctx, const char *name)
{
    (void)ctx;
    return strcasecmp(name, "Host") == 0 ? "t" : strcasecmp(name, "Origin") == 0 ? "http://t" : NULL;
}

static Req *send(Fixture *f, int who, const char *method, const char *path, const char *body)
{
    done(f);
    f->r.arena = &f->req_arena;
    f->r.db = f->db;
    f->r.viewer = &f->v[who];
    f->v[who].via_token = true;   /* API callers with a token: no CSRF token needed */
    f->r.client = "198.51.100.7";
    const char *q = strchr(path, '?');
    const char *p = q ? arena_strndup(&f->req_arena, path, (size_t)(q - path)) : path;
    WebRequest in = {.method = method, .path = p, .query = q ? q + 1 : NULL, .body = body,
                     .body_len = body ? strlen(body) : 0, .content_type = "application/json",
                     .request_id = "group-test", .client = "198.51.100.7", .header = test_header};
    web_handle(&in, &f->r, &f->route);
    assert_int_equal(db_busy_statements(f->db), 0);
    return &f->r;
}

#define body_of(r) buf_str(&(r)->body)
#define path(f, fmt, id) arena_printf(&(f)->arena, fmt, (long long)(id))

/* The restricted group and its problem reach the API, the exports and the
 * community counts of its member only. */
static void api_hides_the_restricted_group(void **state)
{
    Fixture *f = *state;
    const char *title = "Arbeidsgruppe for felles budsjettposter";
    const char *ptitle = "Finansiering av tiltak som flere departementer eier";
    const char *lists[] = {"/api/v1/groups", "/api/v1/groups?state=active", "/api/v1/groups/export?format=csv",
                           "/api/v1/ladder/export?format=csv", "/api/v1/problems", "/api/v1/problems?sdg=17"};
    for (size_t i = 0; i < COUNT(lists); i++) {
        Req *r = send(f, V_DFD, "GET", lists[i], NULL);
        assert_int_equal(r->status, 200);
        assert_non_null(strstr(body_of(r), i < 4 ? title : ptitle));
        for (int w = 0; w < NV; w++) {
            if (w == V_DFD) {
                continue;
            }
            r = send(f, w, "GET", lists[i], NULL);
            assert_int_equal(r->status, 200);
            assert_null(strstr(body_of(r), title));
            assert_null(strstr(body_of(r), ptitle));
            assert_null(strstr(body_of(r), "budsjettposter"));
        }
    }
    const char *one[] = {path(f, "/api/v1/groups/%lld", f->budget), path(f, "/api/v1/groups/%lld/ladder", f->budget),
                         path(f, "/api/v1/records/%lld", f->budget),
                         path(f, "/api/v1/ladder/export?format=csv&group=%lld", f->budget)};
    for (size_t i = 0; i < COUNT(one); i++) {
        assert_int_equal(send(f, V_DFD, "GET", one[i], NULL)->status, 200);
        assert_int_equal(send(f, V_KD, "GET", one[i], NULL)->status, 404);
        assert_int_equal(send(f, V_ANON, "GET", one[i], NULL)->status, 404);
    }
    assert_int_equal(send(f, V_KD, "GET", path(f, "/api/v1/problems/%lld", f->budget_problem), NULL)->status, 404);
    /* Writing to it is as if it did not exist. */
    assert_int_equal(send(f, V_KD, "POST", path(f, "/api/v1/groups/%lld/ladder", f->budget),
                          "{\"step\":3,\"justification\":\"x\"}")->status, 404);
    /* The community counts: one group more on step 2 for its member. */
    Req *r = send(f, V_DFD, "GET", "/api/v1/ladder?date=2026-12-04", NULL);
    json_t *in = json_loads(body_of(r), 0, NULL);
    r = send(f, V_KD, "GET", "/api/v1/ladder?date=2026-12-04", NULL);
    json_t *out = json_loads(body_of(r), 0, NULL);
    json_t *tin = json_object_get(json_array_get(json_object_get(in, "rows"), 0), "steps");
    json_t *tout = json_object_get(json_array_get(json_object_get(out, "rows"), 0), "steps");
    assert_int_equal(json_integer_value(json_array_get(tin, 1)), json_integer_value(json_array_get(tout, 1)) + 1);
    json_decref(in);
    json_decref(out);
}

/* A member moves KUBU through the API; a stale PATCH is 409; a form with
 * two problems lists both; an observer is refused. */
static void api_moves_and_edits_a_group(void **state)
{
    Fixture *f = *state;
    Req *r = send(f, V_KD, "POST", path(f, "/api/v1/groups/%lld/ladder", f->kubu),
                  arena_printf(&f->arena, "{\"step\":3,\"justification\":\"Felles oppdrag\",\"evidence\":%lld}",
                               (long long)f->measure));
    assert_int_equal(r->status, 201);
    assert_non_null(strstr(body_of(r), "\"from_step\":2"));
    r = send(f, V_ANON, "GET", path(f, "/api/v1/groups/%lld", f->kubu), NULL);
    assert_int_equal(r->status, 200);
    assert_non_null(strstr(body_of(r), "\"step\":3"));
    json_t *g = json_loads(body_of(r), 0, NULL);
    int version = (int)json_integer_value(json_object_get(g, "version"));
    json_decref(g);
    /* sb.kd is a member, not the secretariat: may not change the group's fields. */
    r = send(f, V_KD, "PATCH", path(f, "/api/v1/groups/%lld", f->kubu), "{\"mandate\":\"Nytt mandat\"}");
    assert_int_equal(r->status, 403);
    r = send(f, V_BFD, "PATCH", path(f, "/api/v1/groups/%lld", f->kubu),
             arena_printf(&f->arena, "{\"mandate\":\"Nytt mandat\",\"version\":%d}", version - 1));
    assert_int_equal(r->status, 409);
    r = send(f, V_BFD, "PATCH", path(f, "/api/v1/groups/%lld", f->kubu),
             "{\"kind\":\"nope\",\"phase\":\"test\",\"presented_on\":\"2099-01-01\"}");
    assert_int_equal(r->status, 400);
    assert_non_null(strstr(body_of(r), "\"problems\""));
    assert_non_null(strstr(body_of(r), "\"field\":\"kind\""));
    assert_non_null(strstr(body_of(r), "\"field\":\"presented_on\""));
    r = send(f, V_BFD, "PATCH", path(f, "/api/v1/groups/%lld", f->kubu),
             arena_printf(&f->arena, "{\"mandate\":\"Nytt mandat\",\"version\":%d}", version));
    assert_int_equal(r->status, 200);
    assert_non_null(strstr(body_of(r), "Nytt mandat"));
    /* Members: the secretariat adds sb.dfd as an observer; sb.kd may not. */
    assert_int_equal(send(f, V_KD, "POST", path(f, "/api/v1/groups/%lld/members", f->kubu),
                          "{\"username\":\"sb.dfd\",\"role\":\"observer\"}")->status, 403);
    r = send(f, V_BFD, "POST", path(f, "/api/v1/groups/%lld/members", f->kubu),
             "{\"username\":\"sb.dfd\",\"role\":\"observer\"}");
    assert_int_equal(r->status, 201);
    assert_non_null(strstr(body_of(r), "Dina Dale"));
    /* The export says what the list says. */
    r = send(f, V_KD, "GET", "/api/v1/groups/export?format=csv&kind=core", NULL);
    assert_int_equal(r->status, 200);
    assert_non_null(strstr(body_of(r), "KUBU"));
    assert_null(strstr(body_of(r), "0–24"));
    assert_int_equal(send(f, V_KD, "GET", "/api/v1/groups/export?format=pdf", NULL)->status, 400);
    assert_int_equal(send(f, V_KD, "GET", "/api/v1/groups?step=9", NULL)->status, 400);
}

int main(void)
{
    if (!auth_init()) {
        return 1;
    }
    web_init();
#define TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        TEST(restricted_group_is_for_its_members),
        TEST(membership_decides_access),
        TEST(ladder_moves_with_justification),
        TEST(overdue_sprint_is_closed_with_a_report),
        TEST(group_text_form),
        TEST(problem_text_form),
        TEST(api_hides_the_restricted_group),
        TEST(api_moves_and_edits_a_group),
    };
    return cmocka_run_group_tests_name("group", tests, NULL, NULL);
}
