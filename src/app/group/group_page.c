/* group_page.c: the group list with filters and one page per group (HTML),
 * in the request's language.  Thin over group.c; no SQL here.  What a
 * viewer may see is decided by the model: a group they may not read is
 * missing from the list, from every count, and a 404 by its address. */
#include <string.h>

#include "app/core/record_view.h"
#include "app/core/view.h"
#include "app/group/group_handlers.h"
#include "app/group/group_int.h"
#include "app/group/group_view.h"
#include "base/html.h"
#include "base/util.h"

static const char *nonempty(const char *s)
{
    return s && *s ? s : NULL;
}

/* ---- the list ------------------------------------------------------------ */

typedef struct ListQuery {
    const char *kind, *ministry, *state;
    int step;
    bool mine;
} ListQuery;

static void filter_form(Req *r, const ListQuery *q, const MinistryOption *m, size_t nm)
{
    Buf *b = &r->body;
    html_printf(b, "<form class=\"filters\" method=\"get\" action=\"/groups\" role=\"search\" aria-label=\"%s\">",
                T(r, "Filtrer grupper"));
    fv_select_open(r, "kind", T(r, "Type gruppe"), NULL, NULL);
    view_option(b, "", T(r, "Alle typer"), !q->kind);
    for (size_t i = 0; g_group_kinds[i]; i++) {
        view_option(b, g_group_kinds[i], T(r, group_kind_label(g_group_kinds[i])), str_eq(q->kind, g_group_kinds[i]));
    }
    fv_select_close(r, "kind", NULL);
    fv_ministry_select(r, "ministry", T(r, "Departement"), NULL, m, nm, q->ministry, T(r, "Alle departementer"), NULL);
    fv_select_open(r, "step", T(r, "Trinn på samordningsstigen"), NULL, NULL);
    view_option(b, "", T(r, "Alle trinn"), q->step == 0);
    for (int s = 1; s <= LADDER_STEPS; s++) {
        view_option(b, arena_printf(r->arena, "%d", s), gv_step(r, s), q->step == s);
    }
    fv_select_close(r, "step", NULL);
    static const struct {
        const char *code, *label;
    } states[] = {{"active", N_("Aktive")}, {"closed", N_("Avsluttede")}, {"overdue", N_("Over sluttdato")}};
    fv_select_open(r, "state", T(r, "Tilstand"), NULL, NULL);
    view_option(b, "", T(r, "Alle"), !q->state);
    for (size_t i = 0; i < COUNT(states); i++) {
        view_option(b, states[i].code, T(r, states[i].label), str_eq(q->state, states[i].code));
    }
    fv_select_close(r, "state", NULL);
    if (r->viewer->user_id) {
        html_printf(b, "<div class=\"ds-field\"><input class=\"ds-input\" type=\"checkbox\" id=\"mine\" name=\"mine\" "
                       "value=\"1\"%s><label class=\"ds-label\" for=\"mine\">%s</label></div>",
                    q->mine ? " checked" : "", T(r, "Bare grupper jeg er med i"));
    }
    html_printf(b, "<button class=\"ds-button\" data-variant=\"primary\" type=\"submit\">%s</button></form>",
                T(r, "Vis grupper"));
}

static void group_table(Req *r, const Group *g, size_t n)
{
    Buf *b = &r->body;
    html_printf(b, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"%s\"><table class=\"ds-table\" data-border><caption class=\"ds-sr-only\">%s"
                   "</caption><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                   "<th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">%s</th></tr></thead><tbody>",
                T(r, "Grupper"), T(r, "Grupper"), T(r, "Gruppe"), T(r, "Type"), T(r, "Prosesseier"), T(r, "Trinn (mål)"),
                T(r, "Departementer"));
    for (size_t i = 0; i < n; i++) {
        const Group *x = &g[i];
        html_printf(b, "<tr><th scope=\"row\"><a class=\"ds-link\" href=\"/groups/%lld\">%s</a>", (long long)x->rec.id,
                    x->rec.title);
        gv_group_tags(r, x);
        html_printf(b, "</th><td>%s</td><td>%s</td>", T(r, group_kind_label(x->kind)),
                    x->rec.owner_code && !x->rec.masked
                        ? TPICK(r, x->rec.owner_name, x->rec.owner_name_nn, x->rec.owner_name_en)
                        : "–");
        if (x->rec.masked || !x->step) {
            html_printf(b, "<td>–</td><td class=\"num\">–</td></tr>");
        } else {
            html_printf(b, "<td>%s <span class=\"muted\">(%s)</span></td><td class=\"num\">%d</td></tr>",
                        gv_step_short(r, x->step), TF(r, "mål %d", x->target), x->nministries);
        }
    }
    html_printf(b, "</tbody></table></div>");
}

static int list_page(Req *r)
{
    Buf *b = &r->body;
    ListQuery q = {nonempty(params_get(&r->query, "kind")), nonempty(params_get(&r->query, "ministry")),
                   nonempty(params_get(&r->query, "state")), 0, str_eq(params_get(&r->query, "mine"), "1")};
    const char *step = nonempty(params_get(&r->query, "step"));
    long long st = 0;
    if ((q.kind && !group_code_valid(g_group_kinds, q.kind)) || (step && !parse_int(step, 1, LADDER_STEPS, &st)) ||
        (q.state && !str_eq(q.state, "active") && !str_eq(q.state, "closed") && !str_eq(q.state, "overdue"))) {
        return view_error(r, 400, T(r, "Et av filtrene har en verdi som ikke finnes."));
    }
    q.step = (int)st;
    int64_t mid = q.ministry ? group_ministry_id(r->db, q.ministry) : 0;
    if (q.ministry && !mid) {
        return view_error(r, 400, T(r, "Departementet i filteret finnes ikke."));
    }
    q.mine = q.mine && r->viewer->user_id;
    r->title = T(r, "Grupper");
    req_crumb(r, r->title, NULL);
    html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1>", r->title);
    gv_tabs(r, "/groups");
    html_printf(b, "<p class=\"ds-paragraph lead\">%s</p>",
                T(r, "Kjernegrupper, sprintgrupper og arbeidsgrupper der departementene eier et problem sammen, og "
                     "hvor langt de har kommet på samordningsstigen."));
    view_notice(r);
    if (group_can_create(r->viewer)) {
        html_printf(b, "<p class=\"ds-paragraph actions\"><a class=\"ds-button\" data-variant=\"primary\" "
                       "href=\"/groups/new\">%s</a></p>",
                    T(r, "Ny gruppe"));
    }
    MinistryOption *m;
    size_t nm = 0;
    record_ministry_options(r->db, r->arena, &m, &nm, NULL);
    filter_form(r, &q, m, nm);
    GroupFilter f = {.kind = q.kind, .ministry_id = mid, .step = q.step, .state = q.state, .mine = q.mine};
    Group *g;
    size_t n;
    if (group_list(r->db, r->arena, r->viewer, &f, &g, &n, NULL)) {
        return 500;
    }
    size_t overdue = 0;
    for (size_t i = 0; i < n; i++) {
        overdue += g[i].overdue;
    }
    html_printf(b, "<p class=\"ds-paragraph\" role=\"status\">%zu %s</p>", n, NT(r, "gruppe i listen", "grupper i listen", (long long)n));
    if (overdue) {
        html_printf(b, "<div class=\"ds-alert\" data-color=\"warning\"><p class=\"ds-paragraph\">%s "
                       "<a class=\"ds-link\" href=\"/groups?state=overdue\">%s</a></p></div>",
                    TF(r, "%zu %s over sluttdatoen og venter på en resultatrapport.", overdue,
                       NT(r, "sprintgruppe er", "sprintgrupper er", (long long)overdue)),
                    T(r, "Vis dem"));
    }
    if (n == 0) {
        bool filtered = q.kind || mid || q.step || q.state || q.mine;
        if (filtered) {
            html_printf(b, "<p class=\"ds-paragraph\">%s <a class=\"ds-link\" href=\"/groups\">%s</a>.</p>",
                        T(r, "Ingen grupper passer med filteret."), T(r, "Vis alle grupper"));
        } else if (group_can_create(r->viewer)) {
            html_printf(b, "<p class=\"ds-paragraph\">%s</p>",
                        T(r, "Det er ingen grupper ennå. Opprett den første med «Ny gruppe»."));
        } else if (r->viewer->user_id) {
            html_printf(b, "<p class=\"ds-paragraph\">%s</p>",
                        T(r, "Du ser ingen grupper ennå. Grupper opprettes av strategisekretariatet eller en "
                             "departementsråd; de som er med i en gruppe, ser den her."));
        } else {
            html_printf(b, "<p class=\"ds-paragraph\">%s</p>",
                        T(r, "Ingen grupper er åpne for alle. Logg inn for å se gruppene du har tilgang til."));
        }
        return 200;
    }
    group_table(r, g, n);
    return 200;
}

int group_list_page(Req *r)
{
    bool tx = db_read_begin(r->db);
    int status = list_page(r);
    db_read_end(r->db, tx);
    return status;
}

/* ---- one group ------------------------------------------------------------- */

static void attention(Req *r, const Group *g)
{
    const char *msgs[8], *args[8];
    size_t n = group_attention(r->db, r->arena, g, msgs, args);
    if (!n) {
        return;
    }
    Buf *b = &r->body;
    html_printf(b, "<section class=\"ds-alert\" data-color=\"warning\" aria-labelledby=\"attention-h\">"
                   "<h2 class=\"ds-heading\" data-size=\"xs\" id=\"attention-h\">%s</h2><ul class=\"ds-list\">",
                T(r, "Trenger oppfølging"));
    for (size_t i = 0; i < n; i++) {
        html_printf(b, "<li>%s</li>", fv_msg(r, msgs[i], args[i] ? view_date(r, args[i]) : NULL));
    }
    html_printf(b, "</ul></section>");
}

static void actions(Req *r, const Group *g)
{
    Buf *b = &r->body;
    bool manage = group_can_manage(r->viewer, &g->rec), edit = group_can_edit(r->viewer, g);
    if (!r->viewer->user_id || g->rec.masked) {
        return;
    }
    html_printf(b, "<div class=\"group-actions\">");
    if (edit && !g->closed_on) {
        html_printf(b, "<a class=\"ds-button\" data-variant=\"primary\" href=\"/groups/%lld/ladder\">%s</a> ",
                    (long long)g->rec.id, T(r, "Endre trinn"));
    }
    if (manage) {
        html_printf(b, "<a class=\"ds-button\" data-variant=\"secondary\" href=\"/groups/%lld/edit\">%s</a> "
                       "<a class=\"ds-button\" data-variant=\"secondary\" href=\"/groups/%lld/members\">%s</a> ",
                    (long long)g->rec.id, T(r, "Endre gruppen"), (long long)g->rec.id, T(r, "Medlemmer"));
    }
    if (edit && !g->closed_on) {
        html_printf(b, "<a class=\"ds-button\" data-variant=\"secondary\" href=\"/groups/%lld/close\">%s</a> ",
                    (long long)g->rec.id, T(r, "Avslutt gruppen"));
    }
    if (edit && g->closed_on) {
        html_printf(b, "<form class=\"inline-form\" method=\"post\" action=\"/groups/%lld/reopen\">",
                    (long long)g->rec.id);
        view_csrf(b, r);
        html_printf(b, "<button class=\"ds-button\" data-variant=\"secondary\" type=\"submit\">%s</button></form>",
                    T(r, "Gjenåpne gruppen"));
    }
    html_printf(b, "<a class=\"ds-link\" href=\"/records/%lld/history\">%s</a></div>", (long long)g->rec.id,
                T(r, "Historikk"));
}

static void facts(Req *r, const Group *g)
{
    Buf *b = &r->body;
    html_printf(b, "<dl class=\"facts\"><dt>%s</dt><dd>%s</dd>", T(r, "Type gruppe"), T(r, group_kind_label(g->kind)));
    if (g->rec.owner_code) {
        html_printf(b, "<dt>%s</dt><dd><a class=\"ds-link\" href=\"/ministries/%s\">%s</a></dd>", T(r, "Prosesseier"),
                    url_enc(r->arena, g->rec.owner_code),
                    TPICK(r, g->rec.owner_name, g->rec.owner_name_nn, g->rec.owner_name_en));
    }
    if (g->start_on || g->end_on) {
        if (g->end_on) {
            html_printf(b, "<dt>%s</dt><dd>%s – %s", T(r, "Periode"), view_date(r, g->start_on),
                        view_date(r, g->end_on));
        } else {
            html_printf(b, "<dt>%s</dt><dd>%s", T(r, "Periode"), TF(r, "Fra %s", view_date(r, g->start_on)));
        }
        if (g->overdue) {
            html_printf(b, " <span class=\"ds-tag overdue\" data-color=\"danger\">%s</span>", T(r, "Over sluttdato"));
        }
        html_printf(b, "</dd>");
    }
    if (g->phase) {
        html_printf(b, "<dt>%s</dt><dd>%s</dd>", T(r, "Fase"), T(r, group_phase_label(g->phase)));
    }
    if (str_eq(g->kind, "core")) {
        html_printf(b, "<dt>%s</dt><dd>%s</dd>", T(r, "Sist lagt fram for politisk ledelse"),
                    g->presented_on ? view_date(r, g->presented_on) : T(r, "Ikke lagt fram"));
    }
    if (g->closed_on) {
        html_printf(b, "<dt>%s</dt><dd>%s</dd>", T(r, "Avsluttet"), view_date(r, g->closed_on));
    }
    html_printf(b, "</dl>");
}

static void result_report(Req *r, const Group *g)
{
    Buf *b = &r->body;
    if (!g->closed_on || (!*g->result_explored && !*g->result_recommendation && !*g->result_next_step)) {
        return;
    }
    html_printf(b, "<section aria-labelledby=\"result-h\"><h2 class=\"ds-heading\" data-size=\"md\" id=\"result-h\">"
                   "%s</h2><h3 class=\"ds-heading\" data-size=\"xs\">%s</h3>",
                T(r, "Resultatrapport"), T(r, "Hva ble utforsket"));
    html_text_block(b, g->result_explored);
    html_printf(b, "<h3 class=\"ds-heading\" data-size=\"xs\">%s</h3>", T(r, "Anbefaling"));
    html_text_block(b, g->result_recommendation);
    html_printf(b, "<h3 class=\"ds-heading\" data-size=\"xs\">%s</h3>", T(r, "Neste steg"));
    html_text_block(b, g->result_next_step);
    if (g->result_taken_by_code) {
        const char *name = g->result_taken_by_name;
        MinistryOption *m;
        size_t nm = 0;
        record_ministry_options(r->db, r->arena, &m, &nm, NULL);
        for (size_t i = 0; i < nm; i++) {
            if (str_eq(m[i].code, g->result_taken_by_code)) {
                name = TPICK(r, m[i].name, m[i].name_nn, m[i].name_en);
            }
        }
        html_printf(b, "<p class=\"ds-paragraph\"><strong>%s:</strong> %s</p>", T(r, "Tas videre av"), name);
    }
    html_printf(b, "</section>");
}

static void ministries(Req *r, const Group *g)
{
    Buf *b = &r->body;
    GroupMinistry *m;
    size_t n = 0;
    if (group_ministries(r->db, r->arena, r->viewer, g->rec.id, false, &m, &n, NULL) || !n) {
        return;
    }
    html_printf(b, "<section aria-labelledby=\"ministries-h\"><h2 class=\"ds-heading\" data-size=\"md\" "
                   "id=\"ministries-h\">%s</h2><div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"%s\"><table class=\"ds-table\" data-border>"
                   "<caption class=\"ds-sr-only\">%s</caption><thead><tr><th scope=\"col\">%s</th>"
                   "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
                T(r, "Departementene i gruppen"), T(r, "Departementene i gruppen"), T(r, "Departementene i gruppen"),
                T(r, "Departement"),
                T(r, "Med siden"), T(r, "Forankret hos departementsråden"), T(r, "Eget trinn (mål)"));
    for (size_t i = 0; i < n; i++) {
        html_printf(b, "<tr><th scope=\"row\">%s", TPICK(r, m[i].name, m[i].name_nn, m[i].name_en));
        if (m[i].owner) {
            html_printf(b, " <span class=\"ds-tag\" data-color=\"accent\">%s</span>", T(r, "Prosesseier"));
        }
        html_printf(b, "</th><td class=\"nowrap\">%s</td><td>", view_date(r, m[i].joined_on));
        if (m[i].anchored_on) {
            html_printf(b, "<span class=\"anchored\">%s</span>", TF(r, "Ja, %s", view_date(r, m[i].anchored_on)));
        } else {
            html_printf(b, "%s", T(r, "Nei"));
        }
        if (m[i].step) {
            html_printf(b, "</td><td>%s <span class=\"muted\">(%s)</span></td></tr>", gv_step_short(r, m[i].step),
                        TF(r, "mål %d", m[i].target));
        } else {
            html_printf(b, "</td><td class=\"muted\">%s</td></tr>", T(r, "Som gruppen"));
        }
    }
    html_printf(b, "</tbody></table></div></section>");
}

/* The people, by full name; only for signed-in users. */
static void people(Req *r, const Group *g)
{
    Buf *b = &r->body;
    GroupMember *m;
    size_t n = 0;
    if (!r->viewer->user_id || group_members(r->db, r->arena, r->viewer, g->rec.id, false, &m, &n, NULL)) {
        return;
    }
    html_printf(b, "<section aria-labelledby=\"people-h\"><h2 class=\"ds-heading\" data-size=\"md\" id=\"people-h\">"
                   "%s</h2>",
                T(r, "Personer"));
    if (!n) {
        html_printf(b, "<p class=\"ds-paragraph\">%s</p></section>", T(r, "Ingen personer er med i gruppen ennå."));
        return;
    }
    html_printf(b, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"%s\"><table class=\"ds-table\" data-border><caption class=\"ds-sr-only\">%s"
                   "</caption><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                   "<th scope=\"col\">%s</th></tr></thead><tbody>",
                T(r, "Personer i gruppen"), T(r, "Personer i gruppen"), T(r, "Navn"), T(r, "Rolle"), T(r, "Departement"),
                T(r, "Med siden"));
    for (size_t i = 0; i < n; i++) {
        html_printf(b, "<tr><th scope=\"row\">%s</th><td>%s</td><td>%s</td><td class=\"nowrap\">%s</td></tr>",
                    m[i].full_name, T(r, group_role_label(m[i].role)), m[i].ministry_code ? m[i].ministry_code : "",
                    view_date(r, m[i].joined_on));
    }
    html_printf(b, "</tbody></table></div></section>");
}

static void ladder(Req *r, const Group *g)
{
    Buf *b = &r->body;
    html_printf(b, "<section aria-labelledby=\"ladder-h\"><h2 class=\"ds-heading\" data-size=\"md\" id=\"ladder-h\">"
                   "%s</h2>",
                T(r, "Samordningsstigen"));
    if (!g->step) {
        html_printf(b, "<p class=\"ds-paragraph\">%s</p>", T(r, "Gruppen har ikke plassert seg på samordningsstigen."));
    } else {
        html_printf(b, "<dl class=\"facts\"><dt>%s</dt><dd class=\"current-step\">%s</dd><dt>%s</dt>"
                       "<dd class=\"target-step\">%s</dd></dl>",
                    T(r, "Står på"), gv_step(r, g->step), T(r, "Målet er"), gv_step(r, g->target));
        LadderChange *c;
        size_t n = 0;
        if (!ladder_history(r->db, r->arena, r->viewer, g->rec.id, "", &c, &n, NULL)) {
            gv_ladder_chart(r, g, c, n, "ladder-chart");
        }
    }
    html_printf(b, "<p class=\"ds-paragraph\"><a class=\"ds-link\" href=\"/groups/%lld/ladder\">%s</a></p></section>",
                (long long)g->rec.id, T(r, "Alle endringer på stigen, med begrunnelser"));
}

static void problems(Req *r, const Group *g)
{
    Buf *b = &r->body;
    ProblemFilter f = {.group_id = g->rec.id};
    Problem *p;
    size_t n = 0;
    if (problem_list(r->db, r->arena, r->viewer, &f, &p, &n, NULL)) {
        return;
    }
    html_printf(b, "<section aria-labelledby=\"problems-h\"><h2 class=\"ds-heading\" data-size=\"md\" "
                   "id=\"problems-h\">%s</h2>",
                T(r, "Problemer gruppen eier"));
    if (!n) {
        html_printf(b, "<p class=\"ds-paragraph\">%s</p>", T(r, "Gruppen eier ingen gjenstridige problemer ennå."));
    } else {
        html_printf(b, "<ul class=\"measure-list\">");
        for (size_t i = 0; i < n; i++) {
            html_printf(b, "<li><a class=\"ds-link\" href=\"/problems/%lld\">%s</a>", (long long)p[i].rec.id,
                        p[i].rec.title);
            gv_visibility_tag(r, &p[i].rec);
            html_printf(b, "</li>");
        }
        html_printf(b, "</ul>");
    }
    if (problem_can_create(r->viewer) && group_can_edit(r->viewer, g)) {
        html_printf(b, "<p class=\"ds-paragraph\"><a class=\"ds-link\" href=\"/problems/new?group=%lld\">%s</a></p>",
                    (long long)g->rec.id, T(r, "Registrer et problem for gruppen"));
    }
    html_printf(b, "</section>");
}

static int show_page(Req *r)
{
    long long id;
    Group g;
    Buf *b = &r->body;
    if (!parse_int(r->args[0], 1, INT64_MAX, &id) || group_get(r->db, r->arena, r->viewer, id, &g, NULL)) {
        return view_error(r, 404, T(r, "Det finnes ingen gruppe med denne adressen, eller du har ikke tilgang til den."));
    }
    r->title = g.rec.title;
    req_crumb(r, T(r, "Grupper"), "/groups");
    req_crumb(r, g.rec.title, NULL);
    html_printf(b, "<p class=\"ds-paragraph eyebrow\">%s</p><h1 class=\"ds-heading\" data-size=\"lg\">%s</h1>",
                T(r, group_kind_label(g.kind)), g.rec.title);
    if (g.overdue || g.closed_on || !str_eq(g.rec.visibility, "public")) {
        html_printf(b, "<p class=\"ds-paragraph tags\">");
        gv_group_tags(r, &g);
        html_printf(b, "</p>");
    }
    view_notice(r);
    if (g.rec.masked) {
        html_printf(b, "<p class=\"ds-paragraph\">%s</p>",
                    T(r, "Innholdet i denne gruppen er unntatt offentlighet. Logg inn for å se mer."));
        return 200;
    }
    actions(r, &g);
    attention(r, &g);
    facts(r, &g);
    if (*g.mandate) {
        html_printf(b, "<section aria-labelledby=\"mandate-h\"><h2 class=\"ds-heading\" data-size=\"md\" "
                       "id=\"mandate-h\">%s</h2>",
                    T(r, "Mandat"));
        html_text_block(b, g.mandate);
        html_printf(b, "</section>");
    }
    result_report(r, &g);
    ministries(r, &g);
    people(r, &g);
    ladder(r, &g);
    problems(r, &g);
    record_sections(r, &g.rec);
    return 200;
}

int group_show_page(Req *r)
{
    bool tx = db_read_begin(r->db);
    int status = show_page(r);
    db_read_end(r->db, tx);
    return status;
}
