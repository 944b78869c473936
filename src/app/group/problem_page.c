/* problem_page.c: wicked problems (gjenstridige problemer) — the list with
 * filters, one page per problem, and the form that registers or changes
 * one (HTML).  Thin over problem.c, which decides who sees and may change
 * what; no SQL here. */
#include <string.h>

#include "app/core/record_view.h"
#include "app/core/textform.h"
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

static int not_found(Req *r)
{
    return view_error(r, 404, T(r, "Det finnes ikke noe problem med denne adressen, eller du har ikke tilgang til det."));
}

static const char *sdg_name(Req *r, const Sdg *s)
{
    return TPICK(r, s->name, s->name_nn, s->name_en);
}

/* ---- the list ---------------------------------------------------------------- */

static void problem_table(Req *r, const Problem *p, size_t n)
{
    Buf *b = &r->body;
    html_printf(b, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"%s\"><table class=\"ds-table\" data-border><caption class=\"ds-sr-only\">%s"
                   "</caption><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                   "<th scope=\"col\">%s</th></tr></thead><tbody>",
                T(r, "Gjenstridige problemer"), T(r, "Gjenstridige problemer"), T(r, "Problem"), T(r, "Eierdepartementer"), T(r, "Eiergruppe"),
                T(r, "Bærekraftsmål"));
    for (size_t i = 0; i < n; i++) {
        const Problem *x = &p[i];
        html_printf(b, "<tr><th scope=\"row\"><a class=\"ds-link\" href=\"/problems/%lld\">%s</a>", (long long)x->rec.id,
                    x->rec.title);
        gv_visibility_tag(r, &x->rec);
        html_printf(b, "</th><td><ul class=\"plain-list\">");
        for (size_t k = 0; k < x->nowners; k++) {
            html_printf(b, "<li>%s</li>", TPICK(r, x->owners[k].name, x->owners[k].name_nn, x->owners[k].name_en));
        }
        html_printf(b, "</ul></td><td>");
        if (x->group_title) {
            html_printf(b, "<a class=\"ds-link\" href=\"/groups/%lld\">%s</a>", (long long)x->rec.owner_group_id,
                        x->group_title);
        } else {
            html_printf(b, "–");
        }
        html_printf(b, "</td><td>");
        for (size_t k = 0; k < x->nsdgs; k++) {
            html_printf(b, "%s<abbr title=\"%s\">%d</abbr>", k ? ", " : "", sdg_name(r, &x->sdgs[k]), x->sdgs[k].number);
        }
        html_printf(b, "%s</td></tr>", x->nsdgs ? "" : "–");
    }
    html_printf(b, "</tbody></table></div>");
}

static int list_page(Req *r)
{
    Buf *b = &r->body;
    const char *ministry = nonempty(params_get(&r->query, "ministry"));
    const char *sdg = nonempty(params_get(&r->query, "sdg"));
    long long goal = 0;
    int64_t mid = ministry ? group_ministry_id(r->db, ministry) : 0;
    if ((ministry && !mid) || (sdg && !parse_int(sdg, 1, 17, &goal))) {
        return view_error(r, 400, T(r, "Et av filtrene har en verdi som ikke finnes."));
    }
    r->title = T(r, "Gjenstridige problemer");
    req_crumb(r, r->title, NULL);
    html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1>", r->title);
    gv_tabs(r, "/problems");
    html_printf(b, "<p class=\"ds-paragraph lead\">%s</p>",
                T(r, "Problemer som ikke kan løses av ett departement alene, hvem som eier dem sammen, og hvilke "
                     "bærekraftsmål de berører."));
    view_notice(r);
    if (problem_can_create(r->viewer)) {
        html_printf(b, "<p class=\"ds-paragraph actions\"><a class=\"ds-button\" data-variant=\"primary\" "
                       "href=\"/problems/new\">%s</a></p>",
                    T(r, "Nytt problem"));
    }
    MinistryOption *m;
    size_t nm = 0;
    record_ministry_options(r->db, r->arena, &m, &nm, NULL);
    Sdg *goals;
    size_t ng = 0;
    sdg_list(r->db, r->arena, &goals, &ng, NULL);
    html_printf(b, "<form class=\"filters\" method=\"get\" action=\"/problems\" role=\"search\" aria-label=\"%s\">",
                T(r, "Filtrer problemer"));
    fv_ministry_select(r, "ministry", T(r, "Departement"), NULL, m, nm, ministry, T(r, "Alle departementer"), NULL);
    fv_select_open(r, "sdg", T(r, "Bærekraftsmål"), NULL, NULL);
    view_option(b, "", T(r, "Alle bærekraftsmål"), !goal);
    for (size_t i = 0; i < ng; i++) {
        view_option(b, arena_printf(r->arena, "%d", goals[i].number),
                    arena_printf(r->arena, "%d %s", goals[i].number, sdg_name(r, &goals[i])), goal == goals[i].number);
    }
    fv_select_close(r, "sdg", NULL);
    html_printf(b, "<button class=\"ds-button\" data-variant=\"primary\" type=\"submit\">%s</button></form>",
                T(r, "Vis problemer"));
    ProblemFilter f = {.ministry_id = mid, .sdg = (int)goal};
    Problem *p;
    size_t n;
    if (problem_list(r->db, r->arena, r->viewer, &f, &p, &n, NULL)) {
        return 500;
    }
    html_printf(b, "<p class=\"ds-paragraph\" role=\"status\">%zu %s</p>", n, NT(r, "problem", "problemer", (long long)n));
    if (!n) {
        if (mid || goal) {
            html_printf(b, "<p class=\"ds-paragraph\">%s <a class=\"ds-link\" href=\"/problems\">%s</a>.</p>",
                        T(r, "Ingen problemer passer med filteret."), T(r, "Vis alle problemer"));
        } else {
            html_printf(b, "<p class=\"ds-paragraph\">%s</p>",
                        problem_can_create(r->viewer)
                            ? T(r, "Det er ingen problemer ennå. Registrer det første med «Nytt problem».")
                            : T(r, "Du ser ingen problemer ennå. Problemer registreres av departementene og gruppene "
                                   "som eier dem."));
        }
        return 200;
    }
    problem_table(r, p, n);
    return 200;
}

int problem_list_page(Req *r)
{
    bool tx = db_read_begin(r->db);
    int status = list_page(r);
    db_read_end(r->db, tx);
    return status;
}

/* ---- one problem --------------------------------------------------------------- */

static int show_page(Req *r)
{
    long long id;
    Problem p;
    Buf *b = &r->body;
    if (!parse_int(r->args[0], 1, INT64_MAX, &id) || problem_get(r->db, r->arena, r->viewer, id, &p, NULL)) {
        return not_found(r);
    }
    r->title = p.rec.title;
    req_crumb(r, T(r, "Problemer"), "/problems");
    req_crumb(r, p.rec.title, NULL);
    html_printf(b, "<p class=\"ds-paragraph eyebrow\">%s</p><h1 class=\"ds-heading\" data-size=\"lg\">%s</h1>",
                T(r, "Gjenstridig problem"), p.rec.title);
    if (!str_eq(p.rec.visibility, "public")) {
        html_printf(b, "<p class=\"ds-paragraph tags\">");
        gv_visibility_tag(r, &p.rec);
        html_printf(b, "</p>");
    }
    view_notice(r);
    if (p.rec.masked) {
        html_printf(b, "<p class=\"ds-paragraph\">%s</p>",
                    T(r, "Innholdet er unntatt offentlighet. Logg inn for å se mer."));
        return 200;
    }
    if (r->viewer->user_id) {
        html_printf(b, "<p class=\"ds-paragraph actions\">");
        if (problem_can_manage(r->viewer, &p.rec)) {
            html_printf(b, "<a class=\"ds-button\" data-variant=\"primary\" href=\"/problems/%lld/edit\">%s</a> ",
                        (long long)p.rec.id, T(r, "Endre"));
        }
        html_printf(b, "<a class=\"ds-link\" href=\"/records/%lld/history\">%s</a></p>", (long long)p.rec.id,
                    T(r, "Historikk"));
    }
    html_printf(b, "<dl class=\"facts\"><dt>%s</dt><dd><ul class=\"plain-list\">", T(r, "Eierdepartementer"));
    for (size_t i = 0; i < p.nowners; i++) {
        html_printf(b, "<li><a class=\"ds-link\" href=\"/ministries/%s\">%s</a>%s</li>",
                    url_enc(r->arena, p.owners[i].code),
                    TPICK(r, p.owners[i].name, p.owners[i].name_nn, p.owners[i].name_en),
                    i == 0 && p.nowners > 1 ? arena_printf(r->arena, " (%s)", T(r, "hovedansvarlig")) : "");
    }
    html_printf(b, "</ul></dd><dt>%s</dt><dd>", T(r, "Eiergruppe"));
    if (p.group_title) {
        html_printf(b, "<a class=\"ds-link\" href=\"/groups/%lld\">%s</a>", (long long)p.rec.owner_group_id,
                    p.group_title);
    } else {
        html_printf(b, "%s", T(r, "Ingen"));
    }
    html_printf(b, "</dd><dt>%s</dt><dd>", T(r, "Bærekraftsmål"));
    if (p.nsdgs) {
        html_printf(b, "<ul class=\"plain-list\">");
        for (size_t i = 0; i < p.nsdgs; i++) {
            html_printf(b, "<li>%d %s</li>", p.sdgs[i].number, sdg_name(r, &p.sdgs[i]));
        }
        html_printf(b, "</ul>");
    } else {
        html_printf(b, "%s", T(r, "Ingen valgt"));
    }
    html_printf(b, "</dd></dl>");
    if (*p.description) {
        html_printf(b, "<h2 class=\"ds-heading\" data-size=\"md\">%s</h2>", T(r, "Om problemet"));
        html_text_block(b, p.description);
    }
    record_sections(r, &p.rec);
    return 200;
}

int problem_show_page(Req *r)
{
    bool tx = db_read_begin(r->db);
    int status = show_page(r);
    db_read_end(r->db, tx);
    return status;
}

/* ---- the form ------------------------------------------------------------------ */

/* The lead owner is a select (field "owners", where the model's errors on
 * the owners point), the others checkboxes ("owners_more"). */
static void owner_fields(Req *r, const ProblemText *t, const FormErrors *fe, const MinistryOption *m, size_t nm)
{
    const char **owners;
    size_t no = text_split(r->arena, t->v[PF_OWNERS] ? t->v[PF_OWNERS] : "", ',', &owners);
    const char *lead = no ? owners[0] : "";
    Buf more = {0};
    for (size_t i = 1; i < no; i++) {
        buf_printf(&more, "%s%s", more.len ? ", " : "", owners[i]);
    }
    const char *err = fv_error_of(fe, "owners");
    fv_ministry_select(r, "owners", T(r, "Hovedansvarlig departement"), T(r, "Departementet som eier problemet først."),
                       m, nm, lead, T(r, "Velg departement"), err);
    fv_ministry_boxes(r, "owners_more", T(r, "Andre eierdepartementer"),
                      T(r, "Departementene som eier problemet sammen med det hovedansvarlige."), m, nm,
                      arena_strdup(r->arena, buf_str(&more)), NULL, NULL);
    buf_free(&more);
}

static void sdg_boxes(Req *r, const char *checked, const char *err)
{
    Buf *b = &r->body;
    Sdg *g;
    size_t n = 0;
    sdg_list(r->db, r->arena, &g, &n, NULL);
    html_printf(b, "<fieldset class=\"ds-fieldset\"%s><legend class=\"ds-label\">%s</legend>"
                   "<div class=\"box-grid\">",
                err ? " aria-describedby=\"sdgs-err\"" : "", T(r, "Bærekraftsmål"));
    for (size_t i = 0; i < n; i++) {
        const char *num = arena_printf(r->arena, "%d", g[i].number);
        const char *id = i == 0 ? "sdgs" : arena_printf(r->arena, "sdgs-%d", g[i].number);
        html_printf(b, "<div class=\"ds-field\"><input class=\"ds-input\" type=\"checkbox\" id=\"%s\" name=\"sdgs\" "
                       "value=\"%s\"%s><label class=\"ds-label\" data-weight=\"regular\" for=\"%s\">%s %s</label>"
                       "</div>",
                    id, num, fv_in_list(checked, num) ? " checked" : "", id, num, sdg_name(r, &g[i]));
    }
    html_printf(b, "</div>");
    if (err) {
        html_printf(b, "<p class=\"ds-validation-message\" data-field=\"validation\" id=\"sdgs-err\">%s</p>", err);
    }
    html_printf(b, "</fieldset>");
}

/* The groups a problem can be put in: the viewer's own (all for those who
 * manage groups), and the one it is in now. */
static void group_select(Req *r, const char *value, const char *err, int64_t cur_id, const char *cur_title)
{
    Buf *b = &r->body;
    GroupFilter f = {.state = "active", .mine = !can(r->viewer, CAP_GROUP_ADMIN)};
    Group *g;
    size_t n = 0;
    group_list(r->db, r->arena, r->viewer, &f, &g, &n, NULL);
    fv_select_open(r, "group", T(r, "Eiergruppe"), T(r, "Gruppen som eier problemet, om noen. Du kan velge grupper du "
                                                    "er med i."), err);
    view_option(b, "", T(r, "Ingen gruppe"), !value || !*value);
    bool seen = false;
    for (size_t i = 0; i < n; i++) {
        const char *id = arena_printf(r->arena, "%lld", (long long)g[i].rec.id);
        seen |= g[i].rec.id == cur_id;
        view_option(b, id, g[i].rec.title, str_eq(value, id));
    }
    if (cur_id && !seen && cur_title) {
        const char *id = arena_printf(r->arena, "%lld", (long long)cur_id);
        view_option(b, id, cur_title, str_eq(value, id));
    }
    fv_select_close(r, "group", err);
}

static int problem_form(Req *r, const Problem *p, const ProblemText *t, const FormErrors *fe, int status)
{
    Buf *b = &r->body;
    r->title = p ? T(r, "Endre problemet") : T(r, "Nytt problem");
    req_crumb(r, T(r, "Problemer"), "/problems");
    if (p) {
        req_crumb(r, p->rec.title, arena_printf(r->arena, "/problems/%lld", (long long)p->rec.id));
    }
    req_crumb(r, p ? T(r, "Endre") : T(r, "Nytt problem"), NULL);
    html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1>", r->title);
    if (p) {
        html_printf(b, "<p class=\"ds-paragraph\">%s</p>", p->rec.title);
    }
    fv_error_summary(r, fe, NULL);
    if (p) {
        html_printf(b, "<form class=\"form-narrow\" method=\"post\" action=\"/problems/%lld\" novalidate>"
                       "<input type=\"hidden\" name=\"version\" value=\"%d\">",
                    (long long)p->rec.id, p->rec.version);
    } else {
        html_printf(b, "<form class=\"form-narrow\" method=\"post\" action=\"/problems\" novalidate>");
    }
    view_csrf(b, r);
    html_printf(b, "<input type=\"hidden\" name=\"lists\" value=\"1\">");
    view_text_field(b, "title", T(r, "Tittel"), t->v[PF_TITLE], "text", "off", NULL, fv_error_of(fe, "title"), true);
    fv_textarea(r, "description", T(r, "Beskrivelse"), T(r, "Hva problemet er, og hvorfor det må løses på tvers."),
                t->v[PF_DESCRIPTION], fv_error_of(fe, "description"), 8, false);
    MinistryOption *m;
    size_t nm = 0;
    record_ministry_options(r->db, r->arena, &m, &nm, NULL);
    owner_fields(r, t, fe, m, nm);
    sdg_boxes(r, t->v[PF_SDGS], fv_error_of(fe, "sdgs"));
    group_select(r, t->v[PF_GROUP], fv_error_of(fe, "group"), p ? p->rec.owner_group_id : 0,
                 p ? p->group_title : NULL);
    if (!p) {
        fv_visibility(r, t->v[PF_VISIBILITY], NULL,
                      T(r, "Bare gruppens medlemmer, prosesseierdepartementet og de som får tilgang"), NULL);
        const char *verr = fv_error_of(fe, "visibility");
        if (verr) {
            html_printf(b, "<p class=\"ds-validation-message\" data-field=\"validation\">%s</p>", verr);
        }
    } else {
        view_text_field(b, "comment", T(r, "Kommentar til endringen"), params_get(&r->form, "comment"), "text", "off",
                        T(r, "Vises i historikken"), NULL, false);
    }
    html_printf(b, "<div class=\"button-row\"><button class=\"ds-button\" data-variant=\"primary\" type=\"submit\">"
                   "%s</button><a class=\"ds-link\" href=\"%s\">%s</a></div></form>",
                p ? T(r, "Lagre") : T(r, "Registrer problemet"),
                p ? arena_printf(r->arena, "/problems/%lld", (long long)p->rec.id) : "/problems", T(r, "Avbryt"));
    return req_status(r, status);
}

static void form_text(Req *r, ProblemText *t, bool creating)
{
    memset(t, 0, sizeof *t);
    t->v[PF_TITLE] = params_get(&r->form, "title");
    t->v[PF_DESCRIPTION] = params_get(&r->form, "description");
    /* Unchecked boxes are not sent: the lists are what was checked, when
     * the form with the boxes was sent (it says so in "lists"). */
    if (str_eq(params_get(&r->form, "lists"), "1")) {
        const char *lead = params_get(&r->form, "owners");
        const char *more = fv_form_list(r, "owners_more");
        t->v[PF_OWNERS] = lead && *lead ? (*more ? arena_printf(r->arena, "%s, %s", lead, more) : lead) : more;
        t->v[PF_SDGS] = fv_form_list(r, "sdgs");
    }
    t->v[PF_GROUP] = params_get(&r->form, "group");
    if (creating) {
        t->v[PF_VISIBILITY] = params_get(&r->form, "visibility");
    }
}

static int save_failed(Req *r, const Problem *p, ProblemText *t, const ProblemText *old, const FormProblem *fp,
                       size_t nfp, const Err *e)
{
    if (e->code == E_FORBIDDEN) {
        return view_error(r, 403, fv_error_text(r, e));
    }
    for (int k = 0; old && k < PF_COUNT; k++) {
        if (!t->v[k]) {
            t->v[k] = old->v[k];
        }
    }
    FormErrors fe = {0};
    for (size_t i = 0; i < nfp; i++) {
        fv_add(&fe, fp[i].field >= 0 ? g_problem_field_names[fp[i].field] : NULL, fv_msg(r, fp[i].msg, fp[i].arg));
    }
    if (!nfp) {
        fv_add(&fe, NULL, fv_error_text(r, e));
    }
    return problem_form(r, p, t, &fe, fv_status(e));
}

int problem_new_page(Req *r)
{
    if (!problem_can_create(r->viewer)) {
        return view_error(r, 403, T(r, "Problemer registreres av departementene og gruppene som eier dem."));
    }
    ProblemText t = {0};
    t.v[PF_OWNERS] = r->viewer->ministry_code ? r->viewer->ministry_code : "";
    t.v[PF_VISIBILITY] = "internal";
    long long gid;
    t.v[PF_GROUP] = parse_int(params_get(&r->query, "group"), 1, INT64_MAX, &gid) ? params_get(&r->query, "group") : "";
    return problem_form(r, NULL, &t, NULL, 200);
}

int problem_create_post(Req *r)
{
    ProblemText t;
    form_text(r, &t, true);
    FormProblem *fp;
    size_t nfp = 0;
    int64_t id = 0;
    Err e = {0};
    if (problem_save(r->db, r->arena, r->viewer, r->client, 0, &t, 0, NULL, &id, &fp, &nfp, &e)) {
        return save_failed(r, NULL, &t, NULL, fp, nfp, &e);
    }
    return view_redirect_done(r, arena_printf(r->arena, "/problems/%lld", (long long)id), "problem_created");
}

static bool load(Req *r, Problem *p, ProblemText *t)
{
    long long id;
    return parse_int(r->args[0], 1, INT64_MAX, &id) && problem_get(r->db, r->arena, r->viewer, id, p, NULL) == 0 &&
           !p->rec.masked && problem_text_get(r->db, r->arena, r->viewer, id, t, NULL) == 0;
}

int problem_edit_page(Req *r)
{
    Problem p;
    ProblemText t;
    if (!load(r, &p, &t)) {
        return not_found(r);
    }
    if (!problem_can_manage(r->viewer, &p.rec)) {
        return view_error(r, 403, T(r, "Du har ikke tilgang til å endre dette problemet."));
    }
    return problem_form(r, &p, &t, NULL, 200);
}

int problem_update_post(Req *r)
{
    Problem p;
    ProblemText old, t;
    if (!load(r, &p, &old)) {
        return not_found(r);
    }
    form_text(r, &t, false);
    long long version = 0;
    parse_int(params_get(&r->form, "version"), 0, INT64_MAX, &version);
    FormProblem *fp;
    size_t nfp = 0;
    int64_t id;
    Err e = {0};
    if (problem_save(r->db, r->arena, r->viewer, r->client, p.rec.id, &t, (int64_t)version,
                     params_get(&r->form, "comment"), &id, &fp, &nfp, &e)) {
        return save_failed(r, &p, &t, &old, fp, nfp, &e);
    }
    return view_redirect_done(r, arena_printf(r->arena, "/problems/%lld", (long long)p.rec.id), "saved");
}
