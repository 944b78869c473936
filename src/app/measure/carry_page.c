/* carry_page.c: carrying measures over into a new strategy period (HTML)
 * — choose (GET /measures/carry-over), see what will happen (POST
 * /measures/carry-over/preview, writes nothing), confirm (POST
 * /measures/carry-over).  Thin over carry.c; no SQL here.
 *
 * The choice travels from the preview to the confirmation as one hidden
 * field, "choices" ("id:goal,id:goal"), with the plan's fingerprint, so
 * the confirmation carries out exactly what the preview showed or says
 * that the overview has changed in between.
 */
#include <stdio.h>
#include <string.h>

#include "app/core/view.h"
#include "app/measure/carry.h"
#include "app/measure/measure_handlers.h"
#include "app/strategy/strategy.h"
#include "base/buf.h"
#include "base/html.h"
#include "base/util.h"

/* The period carried into: ?to= / the form's to, else the one in force. */
static int target(Req *r, const char *slug, Strategy *st)
{
    return slug && *slug ? strategy_get(r->db, r->arena, r->viewer, slug, st, NULL)
                         : strategy_current(r->db, r->arena, r->viewer, st, NULL);
}

static void crumbs(Req *r, const char *last)
{
    req_crumb(r, T(r, "Tiltak"), "/measures");
    req_crumb(r, last, NULL);
}

/* The goals of st as <option>s, selected the one numbered goal. */
static void goal_options(Req *r, const GoalArea *g, size_t ng, int goal)
{
    for (size_t i = 0; i < ng; i++) {
        view_option(&r->body, arena_printf(r->arena, "%d", g[i].number),
                    arena_printf(r->arena, "%d: %s", g[i].number, g[i].title), g[i].number == goal);
    }
}

/* The choosing page (also after an error, with the message). */
static int choose_page(Req *r, const Strategy *to, const char *error, int status)
{
    Buf *b = &r->body;
    Measure *m;
    size_t n;
    int64_t from_id;
    Err e = {0};
    r->title = T(r, "Videreføre tiltak til ny periode");
    crumbs(r, T(r, "Videreføre tiltak"));
    int rc = measure_carry_candidates(r->db, r->arena, r->viewer, to->id, &from_id, &m, &n, &e);
    if (rc == E_FORBIDDEN) {
        return view_error(r, 403, T(r, "Bare strategisekretariatet kan videreføre tiltak."));
    }
    if (rc == E_NOTFOUND) {
        html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1><p class=\"ds-paragraph\">%s</p>", r->title,
                    TMSG(r, e.msg));
        return req_status(r, status);
    }
    if (rc) {
        return 500;
    }
    Strategy from;
    GoalArea *goals;
    size_t ng;
    if (strategy_get(r->db, r->arena, r->viewer, to->predecessor_slug, &from, NULL) ||
        goal_area_list(r->db, r->arena, NULL, to->id, &goals, &ng, NULL)) {
        return 500;
    }
    html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1><p class=\"ds-paragraph lead\">%s</p>",
                TF(r, "Videreføre tiltak fra %s til %s", from.period, to->period),
                TF(r, "Tiltak som er satt i gang eller besluttet i %s, følges opp i %s. Velg tiltakene som skal "
                      "videreføres, og målet hvert av dem skal høre til. Du ser hva som vil skje før noe lagres.",
                   from.period, to->period));
    view_form_error(b, error);
    if (n == 0) {
        html_printf(b, "<p class=\"ds-paragraph\">%s</p><p class=\"ds-paragraph\"><a class=\"ds-link\" "
                       "href=\"/measures?strategy=%s\">%s</a></p>",
                    TF(r, "Alle tiltakene i %s er fullført, stanset eller videreført.", from.period),
                    url_enc(r->arena, to->slug), TF(r, "Se tiltakene i %s", to->period));
        return req_status(r, status);
    }
    if (ng == 0) {
        html_printf(b, "<p class=\"ds-paragraph\">%s</p>", TF(r, "%s har ingen mål å videreføre tiltak til.", to->period));
        return req_status(r, status);
    }
    html_printf(b, "<form method=\"post\" action=\"/measures/carry-over/preview\">");
    view_csrf(b, r);
    html_printf(b, "<input type=\"hidden\" name=\"to\" value=\"%s\"><div class=\"table-wrap\"><table class=\"ds-table\" "
                   "data-border><caption>%s</caption><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                   "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
                to->slug, TF(r, "Tiltak i %s som ikke er fullført", from.period), T(r, "Nr."), TC(r, "one", "Tiltak"),
                T(r, "Status"), T(r, "Frist"), TF(r, "Mål i %s", to->period));
    for (size_t i = 0; i < n; i++) {
        int goal = m[i].goal_area_number && (size_t)m[i].goal_area_number <= ng ? m[i].goal_area_number : 1;
        html_printf(b, "<tr><td><div class=\"ds-field\"><input class=\"ds-input\" type=\"checkbox\" id=\"m-%lld\" "
                       "name=\"m\" value=\"%lld\"><label class=\"ds-label\" for=\"m-%lld\">%s</label></div></td>"
                       "<td lang=\"nb\">%s</td><td>",
                    (long long)m[i].id, (long long)m[i].id, (long long)m[i].id, m[i].number, m[i].title);
        view_status_tag(r, b, &m[i]);
        html_printf(b, "</td><td class=\"nowrap\">%s</td><td><select class=\"ds-input\" name=\"goal-%lld\" "
                       "aria-label=\"%s\">",
                    m[i].end_date ? view_short_date(r, m[i].end_date) : "–", (long long)m[i].id,
                    TF(r, "Mål for tiltak %s", m[i].number));
        goal_options(r, goals, ng, goal);
        html_printf(b, "</select></td></tr>");
    }
    html_printf(b, "</tbody></table></div><p class=\"ds-paragraph actions\">"
                   "<button class=\"ds-button\" data-variant=\"primary\" type=\"submit\">%s</button> "
                   "<button class=\"ds-button\" data-variant=\"secondary\" type=\"submit\" name=\"all\" value=\"1\">%s"
                   "</button> <a class=\"ds-link\" href=\"/measures?strategy=%s\">%s</a></p></form>",
                T(r, "Forhåndsvis videreføringen"), TF(r, "Velg alle %zu som ikke er fullført", n),
                url_enc(r->arena, to->slug), T(r, "Avbryt"));
    return req_status(r, status);
}

int measure_carry_page(Req *r)
{
    Strategy to;
    if (target(r, params_get(&r->query, "to"), &to)) {
        return view_error(r, 404, T(r, "Det finnes ingen strategiperiode med denne adressen."));
    }
    return choose_page(r, &to, NULL, 200);
}

/* The choices of the choosing form: the ticked measures (every one
 * offered, with all=1), each with its goal. */
static size_t form_choices(Req *r, CarryChoice **out)
{
    bool all = str_eq(params_get(&r->form, "all"), "1");
    size_t len = 0, cap = 0;
    CarryChoice *c = NULL;
    for (size_t i = 0; i < r->form.n; i++) {
        const Param *p = &r->form.v[i];
        long long id, goal = 0;
        const char *idtext = all ? (str_has_prefix(p->name, "goal-") ? p->name + 5 : NULL)
                                 : (str_eq(p->name, "m") ? p->value : NULL);
        if (!idtext || !parse_int(idtext, 1, INT64_MAX, &id)) {
            continue;
        }
        parse_int(params_get(&r->form, arena_printf(r->arena, "goal-%lld", id)), 1, 99, &goal);
        *(CarryChoice *)arena_push(r->arena, &c, &len, &cap, sizeof *c) = (CarryChoice){id, (int)goal};
    }
    *out = c;
    return len;
}

/* The hidden field's choices ("id:goal,…"); false when malformed. */
static bool parse_choices(Req *r, const char *text, CarryChoice **out, size_t *n)
{
    size_t len = 0, cap = 0;
    CarryChoice *c = NULL;
    for (const char *p = text ? text : ""; *p;) {
        long long id, goal;
        int used = 0;
        if (sscanf(p, "%lld:%lld%n", &id, &goal, &used) != 2 || id < 1 || goal < 1 || goal > 99 || len >= CARRY_MAX) {
            return false;
        }
        *(CarryChoice *)arena_push(r->arena, &c, &len, &cap, sizeof *c) = (CarryChoice){id, (int)goal};
        p += used;
        if (*p == ',') {
            p++;
        } else if (*p) {
            return false;
        }
    }
    *out = c;
    *n = len;
    return true;
}

static const char *status_of(Req *r, const CarryStep *s)
{
    return TPICK(r, s->status_label, s->status_label_nn, s->status_label_en);
}

/* The plan as a table: old number, title, new number and goal, status. */
static void plan_table(Req *r, const CarryPlan *p, const char *caption)
{
    Buf *b = &r->body;
    html_printf(b, "<div class=\"table-wrap\"><table class=\"ds-table\" data-border><caption>%s</caption><thead><tr>"
                   "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                   "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
                caption, TF(r, "Nr. i %s", p->from_period), TC(r, "one", "Tiltak"), TF(r, "Nytt nr. i %s", p->to_period),
                T(r, "Mål"), T(r, "Status"), T(r, "Frist"));
    for (size_t i = 0; i < p->n; i++) {
        const CarryStep *s = &p->steps[i];
        html_printf(b, "<tr><td>%s</td><td lang=\"nb\">%s%s</td><td>%s</td><td>%d</td><td>%s</td><td class=\"nowrap\">%s"
                       "</td></tr>",
                    s->from_number, s->sub ? "↳ " : "", s->title, s->number, s->goal, status_of(r, s),
                    s->end_date ? view_short_date(r, s->end_date) : "–");
    }
    html_printf(b, "</tbody></table></div>");
}

static const char *choices_text(Req *r, const CarryChoice *c, size_t n)
{
    Buf b = {0};
    for (size_t i = 0; i < n; i++) {
        buf_printf(&b, "%s%lld:%d", i ? "," : "", (long long)c[i].measure_id, c[i].goal);
    }
    const char *out = arena_strdup(r->arena, buf_str(&b));
    buf_free(&b);
    return out;
}

static int preview_page(Req *r, const Strategy *to, const CarryChoice *c, size_t n, const CarryPlan *p,
                        const char *error, int status)
{
    Buf *b = &r->body;
    size_t subs = 0;
    for (size_t i = 0; i < p->n; i++) {
        subs += p->steps[i].sub;
    }
    r->title = T(r, "Se over videreføringen");
    crumbs(r, T(r, "Videreføre tiltak"));
    html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1>", r->title);
    view_form_error(b, error);
    html_printf(b, "<p class=\"ds-paragraph lead\">%s</p><ul class=\"ds-list\"><li>%s</li><li>%s</li><li>%s</li></ul>",
                TF(r, "%zu tiltak i %s videreføres til %s slik tabellen viser. Ingenting er lagret ennå.", p->n,
                   p->from_period, p->to_period),
                TF(r, "Hvert tiltak får et nytt tiltak i %s med samme tittel, beskrivelse, ansvar, status, fremdrift, "
                      "frist, synlighet og tilganger, og med milepælene som ikke er nådd.", p->to_period),
                T(r, "Det gamle tiltaket beholder historikken sin og får status «Videreført». De to tiltakene lenker "
                     "til hverandre."),
                T(r, "Endringene får versjoner i historikken og føres i revisjonsloggen."));
    if (subs) {
        html_printf(b, "<p class=\"ds-paragraph\">%s</p>",
                    TF(r, "Deltiltak som ikke er fullført, følger med tiltaket de hører til (%zu).", subs));
    }
    plan_table(r, p, T(r, "Dette skjer når du bekrefter"));
    html_printf(b, "<form method=\"post\" action=\"/measures/carry-over\">");
    view_csrf(b, r);
    html_printf(b, "<input type=\"hidden\" name=\"to\" value=\"%s\"><input type=\"hidden\" name=\"choices\" value=\"%s\">"
                   "<input type=\"hidden\" name=\"plan\" value=\"%s\"><p class=\"ds-paragraph actions\">"
                   "<button class=\"ds-button\" data-variant=\"primary\" type=\"submit\">%s</button> "
                   "<a class=\"ds-link\" href=\"/measures/carry-over?to=%s\">%s</a></p></form>",
                to->slug, choices_text(r, c, n), p->fingerprint, TF(r, "Videreføre %zu tiltak", p->n),
                url_enc(r->arena, to->slug), T(r, "Tilbake til valget"));
    return req_status(r, status);
}

static int error_status(int rc)
{
    return rc == E_FORBIDDEN ? 403 : rc == E_CONFLICT ? 409 : rc == E_DB ? 500 : 400;
}

int measure_carry_preview_post(Req *r)
{
    Strategy to;
    if (target(r, params_get(&r->form, "to"), &to)) {
        return view_error(r, 400, T(r, "Velg en strategiperiode som finnes."));
    }
    CarryChoice *c;
    size_t n = form_choices(r, &c);
    CarryPlan p;
    Err e = {0};
    int rc = measure_carry_plan(r->db, r->arena, r->viewer, to.id, c, n, &p, &e);
    if (rc) {
        return choose_page(r, &to, rc == E_DB ? T(r, "Videreføringen kunne ikke beregnes. Prøv igjen.") : TMSG(r, e.msg),
                           error_status(rc));
    }
    return preview_page(r, &to, c, n, &p, NULL, 200);
}

int measure_carry_post(Req *r)
{
    Strategy to;
    if (target(r, params_get(&r->form, "to"), &to)) {
        return view_error(r, 400, T(r, "Velg en strategiperiode som finnes."));
    }
    CarryChoice *c;
    size_t n;
    if (!parse_choices(r, params_get(&r->form, "choices"), &c, &n)) {
        return choose_page(r, &to, T(r, "Valget av tiltak kom ikke fram riktig. Velg tiltakene på nytt."), 400);
    }
    CarryPlan p;
    Err e = {0};
    int rc = measure_carry_over(r->db, r->arena, r->viewer, r->client, to.id, c, n, params_get(&r->form, "plan"), &p, &e);
    if (rc == E_CONFLICT) {
        /* Show the plan as it would be now, to confirm again. */
        CarryPlan now;
        Err e2 = {0};
        if (measure_carry_plan(r->db, r->arena, r->viewer, to.id, c, n, &now, &e2) == 0) {
            return preview_page(r, &to, c, n, &now, TMSG(r, e.msg), 409);
        }
        return choose_page(r, &to, TMSG(r, e2.msg), error_status(e2.code));
    }
    if (rc) {
        return choose_page(r, &to, rc == E_DB ? T(r, "Videreføringen kunne ikke lagres. Ingenting er endret.")
                                              : TMSG(r, e.msg),
                           error_status(rc));
    }
    return req_redirect(r, arena_printf(r->arena, "/measures?strategy=%s&done=carried", url_enc(r->arena, to.slug)));
}
