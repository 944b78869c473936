/* dashboard_page.c: the secretary general's page — where their ministry
 * stands.  Each part comes from its domain's door and is filtered by the
 * same access rule as everywhere else: the ministry's groups with their
 * ladder steps and trend, goal interactions awaiting the ministry's answer
 * and its own open negative ones, its tasks (overdue first) and decisions
 * overdue for review, its measures at risk, and the consultations awaiting
 * its answer. */
#include <stdlib.h>
#include <string.h>

#include "app/consult/consult.h"
#include "app/core/i18n.h"
#include "app/core/view.h"
#include "app/dashboard/dashboard_handlers.h"
#include "app/dashboard/dashboard_int.h"
#include "app/group/group.h"
#include "app/measure/measure.h"
#include "app/work/work.h"
#include "base/html.h"
#include "base/util.h"

enum { DASHBOARD_ROWS = 5 };

void db_section_open(Req *r, const char *id, const char *heading)
{
    html_printf(&r->body, "<section class=\"dashboard-part\" aria-labelledby=\"%s\"><h2 class=\"ds-heading\" data-size=\"md\" "
                          "id=\"%s\">%s</h2>", id, id, heading);
}

void db_section_close(Req *r, const char *href, const char *label)
{
    if (href) {
        html_printf(&r->body, "<p class=\"ds-paragraph\"><a class=\"ds-link\" href=\"%s\">%s</a></p>", href, label);
    }
    html_printf(&r->body, "</section>");
}

void db_task_rows(Req *r, const Task *t, size_t n, const char *empty)
{
    Buf *b = &r->body;
    if (!n) {
        html_printf(b, "<p class=\"ds-paragraph\">%s</p>", empty);
        return;
    }
    html_printf(b, "<ul class=\"ds-list\">");
    for (size_t i = 0; i < n; i++) {
        html_printf(b, "<li><a class=\"ds-link\" href=\"/tasks/%lld\">%s</a> – %s %s", (long long)t[i].rec.id,
                    t[i].rec.title, T(r, "frist"), t[i].due_on ? view_date(r, t[i].due_on) : "–");
        if (t[i].assignee.id) {
            html_printf(b, " – %s", t[i].assignee.full_name);
        }
        if (t[i].overdue) {
            html_printf(b, " <span class=\"ds-tag\" data-color=\"danger\">%s</span>", T(r, "Over fristen"));
        }
        html_printf(b, "</li>");
    }
    html_printf(b, "</ul>");
}

static void consultations(Req *r)
{
    Buf *b = &r->body;
    Answer *aw;
    Round *sent;
    size_t na = 0, ns = 0;
    if (consult_inbox(r->db, r->arena, r->viewer, &aw, &na, &sent, &ns, NULL)) {
        return;
    }
    size_t overdue = 0, open = 0, late = 0;
    for (size_t i = 0; i < na; i++) {
        overdue += aw[i].overdue;
    }
    for (size_t i = 0; i < ns; i++) {
        open += !sent[i].closed_on;
        late += sent[i].closed_on ? 0 : (size_t)sent[i].noverdue;
    }
    db_section_open(r, "consult-h", T(r, "Foreleggelser og høringer"));
    html_printf(b, "<dl class=\"facts\"><dt>%s</dt><dd>%zu</dd><dt>%s</dt><dd>%zu</dd><dt>%s</dt><dd>%zu</dd>"
                   "<dt>%s</dt><dd>%zu</dd></dl>",
                T(r, "Venter på svar fra oss"), na, T(r, "Av dem over fristen"), overdue, T(r, "Våre åpne runder"), open,
                T(r, "Svar til oss som er over fristen"), late);
    if (na) {
        html_printf(b, "<ul class=\"ds-list\">");
        for (size_t i = 0; i < na && i < DASHBOARD_ROWS; i++) {
            html_printf(b, "<li><a class=\"ds-link\" href=\"/answers/%lld\">%s</a> – %s %s%s</li>",
                        (long long)aw[i].rec.id, aw[i].case_title ? aw[i].case_title : aw[i].rec.title,
                        T(r, "frist"), view_date(r, aw[i].deadline),
                        aw[i].overdue ? arena_printf(r->arena, " (%s)", T(r, "over fristen")) : "");
        }
        html_printf(b, "</ul>");
    }
    db_section_close(r, "/consultations", T(r, "Gå til innboksen"));
}

/* The step a year before today, from the group's own history. */
static int step_before(Req *r, int64_t group_id, const char *year_ago)
{
    LadderChange *ch;
    size_t n = 0;
    int step = 0;
    if (ladder_history(r->db, r->arena, r->viewer, group_id, "", &ch, &n, NULL) == 0) {
        for (size_t i = 0; i < n; i++) {
            if (strcmp(ch[i].on_date, year_ago) <= 0) {
                step = ch[i].step;
            }
        }
    }
    return step;
}

static void groups(Req *r)
{
    Buf *b = &r->body;
    const Viewer *v = r->viewer;
    Group *gs;
    size_t n = 0;
    GroupFilter f = {.ministry_id = v->ministry_id, .state = "active"};
    group_list(r->db, r->arena, v, &f, &gs, &n, NULL);
    db_section_open(r, "groups-h", T(r, "Departementets grupper"));
    if (!n) {
        html_printf(b, "<p class=\"ds-paragraph\">%s</p>", T(r, "Departementet er ikke med i noen aktive grupper."));
        db_section_close(r, "/groups", T(r, "Se alle grupper"));
        return;
    }
    char today[16];
    date_today(today, sizeof today);
    const char *year_ago = arena_printf(r->arena, "%04d%s", atoi(today) - 1, today + 4);
    html_printf(b, "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"%s\"><table class=\"ds-table\" "
                   "data-border><caption>%s</caption><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                   "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
                T(r, "Departementets grupper"), T(r, "Departementets grupper"), T(r, "Gruppe"), T(r, "Trinn nå"),
                T(r, "Mål"), T(r, "Utvikling siste år"));
    for (size_t i = 0; i < n; i++) {
        int before = gs[i].step ? step_before(r, gs[i].rec.id, year_ago) : 0;
        const char *trend = !gs[i].step ? "–"
                            : !before || before == gs[i].step ? T(r, "Uendret")
                            : before < gs[i].step ? TF(r, "Opp fra trinn %d", before)
                                                  : TF(r, "Ned fra trinn %d", before);
        html_printf(b, "<tr><td><a class=\"ds-link\" href=\"/groups/%lld\">%s</a></td><td>%s</td><td>%s</td><td>%s</td></tr>",
                    (long long)gs[i].rec.id, gs[i].rec.title,
                    gs[i].step ? TF(r, "%d – %s", gs[i].step, T(r, ladder_step_short(gs[i].step))) : "–",
                    gs[i].target ? arena_printf(r->arena, "%d", gs[i].target) : "–", trend);
    }
    html_printf(b, "</tbody></table></div>");
    db_section_close(r, "/ladder", T(r, "Se samordningsstigen for alle grupper"));
}

static void interactions(Req *r)
{
    Buf *b = &r->body;
    const Viewer *v = r->viewer;
    Interaction *aw, *own;
    size_t na = 0, no = 0;
    InteractionFilter fa = {.awaiting_ministry_id = v->ministry_id};
    interaction_list(r->db, r->arena, v, &fa, &aw, &na, NULL);
    InteractionFilter fo = {.ministry_id = v->ministry_id, .open = true, .negative = true};
    interaction_list(r->db, r->arena, v, &fo, &own, &no, NULL);
    db_section_open(r, "ix-h", T(r, "Samspill mellom mål"));
    html_printf(b, "<h3 class=\"ds-heading\" data-size=\"xs\" id=\"ix-await\">%s</h3>", T(r, "Venter på svar fra oss"));
    if (!na) {
        html_printf(b, "<p class=\"ds-paragraph\">%s</p>", T(r, "Ingen samspill venter på svar fra dere."));
    } else {
        html_printf(b, "<ul class=\"ds-list\" aria-labelledby=\"ix-await\">");
        for (size_t i = 0; i < na; i++) {
            html_printf(b, "<li><a class=\"ds-link\" href=\"/interactions/%lld\">%s</a> – %s: %s</li>", (long long)aw[i].rec.id,
                        aw[i].source_title ? aw[i].source_title : aw[i].rec.title,
                        aw[i].rec.owner_code ? aw[i].rec.owner_code : "–",
                        T(r, interaction_score_label(aw[i].score)));
        }
        html_printf(b, "</ul>");
    }
    html_printf(b, "<h3 class=\"ds-heading\" data-size=\"xs\" id=\"ix-neg\">%s</h3>", T(r, "Våre åpne negative samspill med andres mål"));
    size_t shown = 0;
    for (size_t i = 0; i < no; i++) {
        if (v->ministry_code && str_eq(own[i].goal.ministry_code, v->ministry_code)) {
            continue;   /* already above, awaiting us */
        }
        if (!shown++) {
            html_printf(b, "<ul class=\"ds-list\" aria-labelledby=\"ix-neg\">");
        }
        html_printf(b, "<li><a class=\"ds-link\" href=\"/interactions/%lld\">%s</a> – %s %s</li>", (long long)own[i].rec.id,
                    own[i].rec.title, T(r, "venter på"), own[i].goal.ministry_code);
    }
    if (shown) {
        html_printf(b, "</ul>");
    }
    if (!shown) {
        html_printf(b, "<p class=\"ds-paragraph\">%s</p>", T(r, "Ingen åpne negative samspill."));
    }
    db_section_close(r, "/interactions", T(r, "Alle samspill"));
}

static void tasks_and_reviews(Req *r)
{
    Buf *b = &r->body;
    const Viewer *v = r->viewer;
    Task *ts;
    size_t nt = 0;
    int nopen = 0, noverdue = 0;
    TaskFilter tf = {.ministry_id = v->ministry_id, .open = true, .overdue_first = true, .limit = 8};
    task_list(r->db, r->arena, v, &tf, &ts, &nt, NULL);
    task_counts(r->db, v, &tf, &nopen, &noverdue, NULL);
    db_section_open(r, "tasks-h", T(r, "Oppgaver og vedtak"));
    html_printf(b, "<p class=\"ds-paragraph\">%s</p>", TF(r, "Åpne oppgaver: %d. Over fristen: %d.", nopen, noverdue));
    db_task_rows(r, ts, nt, T(r, "Departementet har ingen åpne oppgaver."));
    Decision *ds;
    size_t nd = 0;
    DecisionFilter df = {.ministry_id = v->ministry_id, .review_overdue = true};
    decision_list(r->db, r->arena, v, &df, &ds, &nd, NULL);
    html_printf(b, "<h3 class=\"ds-heading\" data-size=\"xs\">%s</h3>", T(r, "Vedtak der ny vurdering er over fristen"));
    if (!nd) {
        html_printf(b, "<p class=\"ds-paragraph\">%s</p>", T(r, "Ingen."));
    } else {
        html_printf(b, "<ul class=\"ds-list\">");
        for (size_t i = 0; i < nd; i++) {
            html_printf(b, "<li><a class=\"ds-link\" href=\"/decisions/%lld\">%s</a> – %s %s</li>", (long long)ds[i].rec.id,
                        ds[i].rec.title, T(r, "skulle vurderes"), view_date(r, ds[i].review_on));
        }
        html_printf(b, "</ul>");
    }
    db_section_close(r, arena_printf(r->arena, "/tasks?ministry=%s", v->ministry_code ? v->ministry_code : ""),
                     T(r, "Alle departementets oppgaver"));
}

static void measures_at_risk(Req *r)
{
    Buf *b = &r->body;
    const Viewer *v = r->viewer;
    db_section_open(r, "risk-h", T(r, "Tiltak i faresonen"));
    size_t shown = 0;
    static const char *const risks[] = {"red", "yellow"};
    for (size_t k = 0; k < COUNT(risks) && v->ministry_code; k++) {
        Measure *ms;
        size_t n = 0;
        MeasureFilter f = {.owner_code = v->ministry_code, .risk = risks[k], .brief = true};
        measure_list(r->db, r->arena, v, &f, &ms, &n, NULL);
        for (size_t i = 0; i < n; i++) {
            if (!shown++) {
                html_printf(b, "<ul class=\"ds-list\">");
            }
            html_printf(b, "<li><a class=\"ds-link\" href=\"/measures/%lld\">%s %s</a> – %s</li>", (long long)ms[i].id,
                        ms[i].number, ms[i].title, T(r, risk_label(ms[i].risk)));
        }
    }
    if (shown) {
        html_printf(b, "</ul>");
    }
    if (!shown) {
        html_printf(b, "<p class=\"ds-paragraph\">%s</p>", T(r, "Ingen av departementets tiltak er meldt med rød eller gul risiko."));
    }
    db_section_close(r, "/measures", T(r, "Alle tiltak"));
}

int dashboard_page(Req *r)
{
    const Viewer *v = r->viewer;
    r->title = v->ministry_code ? TF(r, "Oversikt for %s", v->ministry_code) : T(r, "Oversikt");
    req_crumb(r, r->title, NULL);
    html_printf(&r->body, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1><p class=\"ds-paragraph lead\">%s</p>",
                r->title, T(r, "Hvor departementet står i arbeidet på tvers: det som venter på dere, og det dere "
                               "venter på."));
    db_nav(r, "dashboard");
    bool tx = db_read_begin(r->db);
    interactions(r);
    tasks_and_reviews(r);
    groups(r);
    measures_at_risk(r);
    consultations(r);
    db_read_end(r->db, tx);
    return 200;
}
