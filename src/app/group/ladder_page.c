/* ladder_page.c: the coordination ladder (samordningsstigen) — a group's
 * ladder page (the form that moves it, its chart and every change with the
 * justification and evidence), and the community view: how many groups
 * stand on each step, in total and per ministry, now and a year ago.
 * Counts and charts come from ladder.c, which counts only groups the
 * viewer may read. */
#include <string.h>

#include "app/core/view.h"
#include "app/group/group_handlers.h"
#include "app/group/group_int.h"
#include "app/group/group_view.h"
#include "app/group/ladder_svg.h"
#include "base/html.h"
#include "base/util.h"

/* ---- the community view ------------------------------------------------------ */

static void steps_intro(Req *r)
{
    Buf *b = &r->body;
    html_printf(b, "<p class=\"ds-paragraph\">%s</p><ol class=\"ladder-steps\">",
                T(r, "Samordningsstigen beskriver hvor tett departementene i en gruppe samarbeider, fra å dele "
                     "informasjon til en felles plan:"));
    for (int s = 1; s <= LADDER_STEPS; s++) {
        html_printf(b, "<li>%s</li>", T(r, ladder_step_label(s)));
    }
    html_printf(b, "</ol>");
}

static const char *change_text(Req *r, int d)
{
    return d > 0 ? arena_printf(r->arena, "+%d", d) : d < 0 ? arena_printf(r->arena, "−%d", -d) : "0";
}

static void total_table(Req *r, const LadderCount *t, const char *today, const char *before)
{
    Buf *b = &r->body;
    const char *labels[LSVG_STEPS + 1] = {0};
    int now_total = 0, before_total = 0;
    for (int s = 1; s <= LADDER_STEPS; s++) {
        labels[s] = T(r, ladder_step_short(s));
        now_total += t->now[s];
        before_total += t->before[s];
    }
    html_printf(b, "<figure class=\"chart\">");
    ladder_bars_svg(b, "ladder-bars", T(r, "Grupper på hvert trinn"),
                    TF(r, "%d grupper på stigen nå, %d for ett år siden.", now_total, before_total), labels, t->now,
                    t->before, TF(r, "I dag (%s)", view_short_date(r, today)),
                    TF(r, "For ett år siden (%s)", view_short_date(r, before)));
    html_printf(b, "</figure>");
    html_printf(b, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"%s\"><table class=\"ds-table\" data-border id=\"ladder-total\"><caption>%s"
                   "</caption><thead><tr><th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
                   "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\" class=\"num\">%s</th></tr></thead><tbody>",
                T(r, "Grupper på hvert trinn (tabell)"), T(r, "Grupper på hvert trinn (tabell)"), T(r, "Trinn"), TF(r, "I dag (%s)", view_date(r, today)),
                TF(r, "For ett år siden (%s)", view_date(r, before)), T(r, "Endring"));
    for (int s = 1; s <= LADDER_STEPS; s++) {
        html_printf(b, "<tr data-step=\"%d\"><th scope=\"row\">%s</th><td class=\"num now\">", s, gv_step(r, s));
        if (t->now[s]) {
            html_printf(b, "<a class=\"ds-link\" href=\"/groups?step=%d&amp;state=active\">%d</a>", s, t->now[s]);
        } else {
            html_printf(b, "0");
        }
        html_printf(b, "</td><td class=\"num before\">%d</td><td class=\"num\">%s</td></tr>", t->before[s],
                    change_text(r, t->now[s] - t->before[s]));
    }
    html_printf(b, "</tbody><tfoot><tr><th scope=\"row\">%s</th><td class=\"num\">%d</td><td class=\"num\">%d</td>"
                   "<td class=\"num\">%s</td></tr></tfoot></table></div>",
                T(r, "I alt"), now_total, before_total, change_text(r, now_total - before_total));
}

static void ministry_table(Req *r, const LadderCount *c, size_t n)
{
    Buf *b = &r->body;
    if (n < 2) {
        return;
    }
    html_printf(b, "<h2 class=\"ds-heading\" data-size=\"md\">%s</h2><p class=\"ds-paragraph\">%s</p>",
                T(r, "Per departement"),
                T(r, "Et departement teller en gruppe på sitt eget trinn når det har et, ellers på gruppens. Tallet i "
                     "parentes er for ett år siden."));
    html_printf(b, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"%s\"><table class=\"ds-table\" data-border id=\"ladder-ministries\">"
                   "<caption class=\"ds-sr-only\">%s</caption><thead><tr><th scope=\"col\">%s</th>",
                T(r, "Grupper per trinn og departement, nå og (i parentes) for ett år siden"),
                T(r, "Grupper per trinn og departement, nå og (i parentes) for ett år siden"), T(r, "Departement"));
    for (int s = 1; s <= LADDER_STEPS; s++) {
        html_printf(b, "<th scope=\"col\" class=\"num\">%s</th>", gv_step_short(r, s));
    }
    html_printf(b, "</tr></thead><tbody>");
    for (size_t i = 1; i < n; i++) {
        html_printf(b, "<tr data-ministry=\"%s\"><th scope=\"row\">%s</th>", c[i].ministry_code,
                    TPICK(r, c[i].name, c[i].name_nn, c[i].name_en));
        for (int s = 1; s <= LADDER_STEPS; s++) {
            html_printf(b, "<td class=\"num\">%d <span class=\"muted\">(%d)</span></td>", c[i].now[s], c[i].before[s]);
        }
        html_printf(b, "</tr>");
    }
    html_printf(b, "</tbody></table></div>");
}

static int community_page(Req *r)
{
    Buf *b = &r->body;
    char today[16];
    date_today(today, sizeof today);
    const char *before = gv_year_ago(r, today);
    LadderCount *c;
    size_t n = 0;
    if (ladder_community(r->db, r->arena, r->viewer, today, before, &c, &n, NULL)) {
        return 500;
    }
    r->title = T(r, "Samordningsstigen");
    req_crumb(r, r->title, NULL);
    html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1>", r->title);
    gv_tabs(r, "/ladder");
    steps_intro(r);
    int any = 0;
    for (int s = 1; s <= LADDER_STEPS; s++) {
        any += c[0].now[s] + c[0].before[s];
    }
    html_printf(b, "<h2 class=\"ds-heading\" data-size=\"md\">%s</h2>", T(r, "Hvor gruppene står"));
    if (!any) {
        html_printf(b, "<p class=\"ds-paragraph\">%s <a class=\"ds-link\" href=\"/groups\">%s</a></p>",
                    T(r, "Ingen av gruppene du har tilgang til, står på samordningsstigen ennå."),
                    T(r, "Se gruppene"));
        return 200;
    }
    html_printf(b, "<p class=\"ds-paragraph\">%s</p>",
                T(r, "Aktive grupper du har tilgang til, etter trinnet de står på i dag og for ett år siden."));
    total_table(r, &c[0], today, before);
    ministry_table(r, c, n);
    return 200;
}

int ladder_community_page(Req *r)
{
    bool tx = db_read_begin(r->db);
    int status = community_page(r);
    db_read_end(r->db, tx);
    return status;
}

/* ---- one group's ladder ------------------------------------------------------ */

static bool load(Req *r, Group *g)
{
    long long id;
    if (!parse_int(r->args[0], 1, INT64_MAX, &id) || group_get(r->db, r->arena, r->viewer, id, g, NULL) ||
        g->rec.masked) {
        view_error(r, 404, T(r, "Det finnes ingen gruppe med denne adressen, eller du har ikke tilgang til den."));
        return false;
    }
    return true;
}

static void change_form(Req *r, const Group *g, const FormErrors *fe)
{
    Buf *b = &r->body;
    html_printf(b, "<h2 class=\"ds-heading\" data-size=\"md\" id=\"change-h\">%s</h2>", T(r, "Endre trinn"));
    if (g->closed_on) {
        html_printf(b, "<p class=\"ds-paragraph\">%s</p>", T(r, "Gruppen er avsluttet. Gjenåpne den for å endre trinn."));
        return;
    }
    fv_error_summary(r, fe, NULL);
    html_printf(b, "<form class=\"form-narrow\" method=\"post\" action=\"/groups/%lld/ladder\" "
                   "aria-labelledby=\"change-h\" novalidate>",
                (long long)g->rec.id);
    view_csrf(b, r);
    GroupMinistry *m;
    size_t nm = 0;
    group_ministries(r->db, r->arena, r->viewer, g->rec.id, false, &m, &nm, NULL);
    const char *ministry = params_get(&r->form, "ministry");
    const char *err = fv_error_of(fe, "ministry");
    fv_select_open(r, "ministry", T(r, "Gjelder"),
                   T(r, "Hele gruppen, eller ett departement som står på et annet trinn enn gruppen."), err);
    view_option(b, "", T(r, "Hele gruppen"), !ministry || !*ministry);
    for (size_t i = 0; i < nm; i++) {
        view_option(b, m[i].code, TPICK(r, m[i].name, m[i].name_nn, m[i].name_en), str_eq(ministry, m[i].code));
    }
    fv_select_close(r, "ministry", err);
    long long step = g->step, target = g->target;
    if (params_get(&r->form, "step")) {
        step = 0;
        parse_int(params_get(&r->form, "step"), 1, LADDER_STEPS, &step);
    }
    if (params_get(&r->form, "target")) {
        target = 0;
        parse_int(params_get(&r->form, "target"), 1, LADDER_STEPS, &target);
    }
    gv_step_select(r, "step", T(r, "Nytt trinn"), NULL, (int)step, fv_error_of(fe, "step"), step == 0);
    gv_step_select(r, "target", T(r, "Mål"), NULL, (int)target, fv_error_of(fe, "target"), target == 0);
    char today[16];
    date_today(today, sizeof today);
    const char *date = params_get(&r->form, "on_date");
    view_text_field(b, "on_date", T(r, "Dato"), date ? date : today, "date", "off",
                    T(r, "Dagen trinnet ble nådd. Ikke fram i tid."), fv_error_of(fe, "on_date"), true);
    fv_textarea(r, "justification", T(r, "Begrunnelse"),
                T(r, "Hva viser at gruppen står her nå? For eksempel en felles analyse, et vedtak eller en plan."),
                params_get(&r->form, "justification"), fv_error_of(fe, "justification"), 5, true);
    view_text_field(b, "evidence", T(r, "Dokumentasjon (valgfritt)"), params_get(&r->form, "evidence"), "text", "off",
                    T(r, "Nummeret på en sak i samla som viser det, for eksempel et referat, et vedtak eller en plan: "
                         "12, eller adressen /measures/12."),
                    fv_error_of(fe, "evidence"), false);
    html_printf(b, "<div class=\"button-row\"><button class=\"ds-button\" data-variant=\"primary\" type=\"submit\">"
                   "%s</button><a class=\"ds-link\" href=\"/groups/%lld\">%s</a></div></form>",
                T(r, "Lagre endringen"), (long long)g->rec.id, T(r, "Avbryt"));
}

static void history_table(Req *r, const LadderChange *c, size_t n)
{
    Buf *b = &r->body;
    html_printf(b, "<h2 class=\"ds-heading\" data-size=\"md\" id=\"history-h\">%s</h2>", T(r, "Alle endringer"));
    if (!n) {
        html_printf(b, "<p class=\"ds-paragraph\">%s</p>", T(r, "Ingen endringer er registrert ennå."));
        return;
    }
    html_printf(b, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"%s\"><table class=\"ds-table\" data-border id=\"ladder-history\">"
                   "<caption class=\"ds-sr-only\">%s</caption><thead><tr><th scope=\"col\">%s</th>"
                   "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                   "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
                T(r, "Alle endringer på samordningsstigen, nyeste først"), T(r, "Alle endringer på samordningsstigen, nyeste først"),
                T(r, "Dato"), T(r, "Gjelder"),
                T(r, "Trinn"), T(r, "Mål"), T(r, "Begrunnelse"), T(r, "Dokumentasjon"), T(r, "Registrert av"));
    for (size_t j = n; j-- > 0;) {
        const LadderChange *x = &c[j];
        html_printf(b, "<tr><td class=\"nowrap\">%s</td><td>%s</td><td>", view_date(r, x->on_date),
                    x->ministry_code ? TPICK(r, x->ministry_name, x->ministry_name_nn, x->ministry_name_en)
                                     : T(r, "Hele gruppen"));
        if (x->from_step && x->from_step != x->step) {
            html_printf(b, "%s → %s", gv_step_short(r, x->from_step), gv_step_short(r, x->step));
        } else {
            html_printf(b, "%s", gv_step_short(r, x->step));
        }
        html_printf(b, "</td><td>%d</td><td>%s</td><td>", x->target, *x->justification ? x->justification : "–");
        if (x->evidence_id) {
            html_printf(b, "<a class=\"ds-link\" href=\"%s\">%s</a>", x->evidence_url, x->evidence_title);
        } else {
            html_printf(b, "–");
        }
        html_printf(b, "</td><td>%s</td></tr>", x->actor_name ? x->actor_name : "–");
    }
    html_printf(b, "</tbody></table></div>");
}

static int ladder_form_page(Req *r, const Group *g, const FormErrors *fe, int status)
{
    Buf *b = &r->body;
    LadderChange *c;
    size_t n = 0;
    if (ladder_history(r->db, r->arena, r->viewer, g->rec.id, NULL, &c, &n, NULL)) {
        return view_error(r, 404, NULL);
    }
    r->title = TF(r, "Samordningsstigen: %s", g->rec.title);
    req_crumb(r, T(r, "Grupper"), "/groups");
    req_crumb(r, g->rec.title, arena_printf(r->arena, "/groups/%lld", (long long)g->rec.id));
    req_crumb(r, T(r, "Samordningsstigen"), NULL);
    html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1><p class=\"ds-paragraph\">"
                   "<a class=\"ds-link\" href=\"/groups/%lld\">%s</a></p>",
                T(r, "Samordningsstigen"), (long long)g->rec.id, g->rec.title);
    view_notice(r);
    html_printf(b, "<dl class=\"facts\"><dt>%s</dt><dd class=\"current-step\">%s</dd><dt>%s</dt>"
                   "<dd class=\"target-step\">%s</dd></dl>",
                T(r, "Står på"), gv_step(r, g->step), T(r, "Målet er"), gv_step(r, g->target));
    if (group_can_edit(r->viewer, g)) {
        change_form(r, g, fe);
    }
    gv_ladder_chart(r, g, c, n, "ladder-chart");
    history_table(r, c, n);
    return req_status(r, status);
}

int group_ladder_page(Req *r)
{
    Group g;
    if (!load(r, &g)) {
        return r->status;
    }
    return ladder_form_page(r, &g, NULL, 200);
}

/* Which field a message of ladder_set is about (NULL: the whole form). */
static const char *ladder_field(const char *msg)
{
    static const struct {
        const char *msg, *field;
    } map[] = {
        {"Velg trinn og mål fra 1 til 4.", "step"},
        {"Trinn og mål er som før. Velg et annet trinn eller mål.", "step"},
        {"Datoen må være en gyldig dato som ikke er fram i tid.", "on_date"},
        {"Datoen kan ikke være før forrige endring på stigen.", "on_date"},
        {"Skriv en begrunnelse for endringen.", "justification"},
        {"Fant ikke dokumentasjonen. Oppgi nummeret på en sak du har tilgang til.", "evidence"},
        {"Departementet er ikke med i gruppen.", "ministry"},
    };
    for (size_t i = 0; i < COUNT(map); i++) {
        if (str_eq(msg, map[i].msg)) {
            return map[i].field;
        }
    }
    return strstr(msg, "Begrunnelsen") ? "justification" : NULL;
}

int group_ladder_post(Req *r)
{
    Group g;
    if (!load(r, &g)) {
        return r->status;
    }
    if (!group_can_edit(r->viewer, &g)) {
        return view_error(r, 403, T(r, "Bare gruppens medlemmer kan flytte gruppen på samordningsstigen."));
    }
    FormErrors fe = {0};
    long long step = 0, target = 0;
    const char *date = params_get(&r->form, "on_date");
    const char *why = params_get(&r->form, "justification");
    long long evidence = gv_record_id(params_get(&r->form, "evidence"));
    if (!parse_int(params_get(&r->form, "step"), 1, LADDER_STEPS, &step)) {
        fv_add(&fe, "step", T(r, "Velg et trinn fra 1 til 4."));
    }
    if (!parse_int(params_get(&r->form, "target"), 1, LADDER_STEPS, &target)) {
        fv_add(&fe, "target", T(r, "Velg et mål fra 1 til 4."));
    }
    if (date && *date && !date_valid(date)) {
        fv_add(&fe, "on_date", T(r, "Skriv datoen som åååå-mm-dd."));
    }
    if (!why || !*group_trim(r->arena, why)) {
        fv_add(&fe, "justification", T(r, "Skriv en begrunnelse for endringen."));
    }
    if (evidence < 0) {
        fv_add(&fe, "evidence", T(r, "Skriv nummeret på saken, for eksempel 12, eller adressen til den."));
    }
    if (fe.n) {
        return ladder_form_page(r, &g, &fe, 400);
    }
    Err e = {0};
    if (ladder_set(r->db, r->arena, r->viewer, r->client, g.rec.id, params_get(&r->form, "ministry"), (int)step,
                   (int)target, date, why, evidence, &e)) {
        if (e.code == E_FORBIDDEN || e.code == E_NOTFOUND) {
            return view_error(r, fv_status(&e), fv_error_text(r, &e));
        }
        fv_add(&fe, ladder_field(e.msg), fv_error_text(r, &e));
        return ladder_form_page(r, &g, &fe, fv_status(&e));
    }
    return view_redirect_done(r, arena_printf(r->arena, "/groups/%lld", (long long)g.rec.id), "ladder");
}
