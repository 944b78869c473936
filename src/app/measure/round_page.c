/* round_page.c: reporting rounds (HTML) — the list of rounds, opening and
 * closing a round (secretariat), one round's overview, and the report
 * form.  Thin over round.c, which decides who sees and may do what; no SQL
 * here.  Everything is written with html_printf into the request arena.
 */
#include <string.h>

#include "app/measure/measure_handlers.h"
#include "app/measure/round.h"
#include "app/strategy/strategy.h"
#include "app/core/form_view.h"
#include "app/core/form_view.h"
#include "app/core/view.h"
#include "base/html.h"
#include "base/util.h"

static bool arg_id(const char *s, long long *id)
{
    return parse_int(s, 1, INT64_MAX, id);
}

static const char *round_href(Req *r, int64_t id)
{
    return arena_printf(r->arena, "/rounds/%lld", (long long)id);
}

/* A report link is shown where the model would accept the report. */
static bool show_report_link(Req *r, const RoundItem *it)
{
    (void)r;
    return it->can_report;
}

/* A risk as a tag: the word, and the colour only as a help. */
static void risk_tag(Req *r, Buf *b, const char *risk)
{
    const char *color = str_eq(risk, "green")    ? "success"
                      : str_eq(risk, "yellow") ? "warning"
                      : str_eq(risk, "red")    ? "danger"
                                               : "neutral";
    if (risk) {
        html_printf(b, "<span class=\"ds-tag\" data-color=\"%s\">%s</span>", color, T(r, risk_label(risk)));
    } else {
        html_printf(b, "–");
    }
}

static void state_tag(Req *r, Buf *b, const Round *rd)
{
    if (rd->open) {
        html_printf(b, "<span class=\"ds-tag\" data-color=\"success\">%s</span>", TC(r, "round", "Åpen"));
    } else {
        html_printf(b, "<span class=\"ds-tag\" data-color=\"neutral\">%s</span>", T(r, "Avsluttet"));
    }
}

/* "12. september 2026" from an ISO time. */
static const char *day_of(Req *r, const char *iso_time)
{
    return view_date(r, iso_time ? arena_strndup(r->arena, iso_time, 10) : NULL);
}

/* A reported status in the request's language. */
static const char *report_status(const Req *r, const Report *rep)
{
    return TPICK(r, rep->status_label, rep->status_label_nn, rep->status_label_en);
}

/* " av NAME" after a date, or "". */
static const char *by(Req *r, const char *name)
{
    return name ? arena_printf(r->arena, " %s", TF(r, "av %s", name)) : "";
}

/* ---- the list -------------------------------------------------------------- */

static void due_notice(Req *r, const Round *rs, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (rs[i].due > 0 && rs[i].overdue) {
            html_printf(&r->body, "<div class=\"ds-alert\" data-color=\"warning\"><p class=\"ds-paragraph\">"
                                  "%s <a class=\"ds-link\" href=\"%s\">%s</a>. %s</p></div>",
                        TF(r, "Departementet ditt har %d tiltak å rapportere på i", rs[i].due), round_href(r, rs[i].id),
                        rs[i].title,
                        TF(r, "Fristen var %s; rapporter som sendes nå, merkes som for sent.",
                           view_date(r, rs[i].deadline)));
        } else if (rs[i].due > 0) {
            html_printf(&r->body, "<div class=\"ds-alert\" data-color=\"info\"><p class=\"ds-paragraph\">"
                                  "%s <a class=\"ds-link\" href=\"%s\">%s</a>. %s</p></div>",
                        TF(r, "Departementet ditt har %d tiltak å rapportere på i", rs[i].due), round_href(r, rs[i].id),
                        rs[i].title, TF(r, "Fristen er %s.", view_date(r, rs[i].deadline)));
        }
    }
}

int round_list_page(Req *r)
{
    Buf *b = &r->body;
    Round *rs;
    size_t n;
    Err e = {0};
    if (round_list(r->db, r->arena, r->viewer, &rs, &n, &e)) {
        return view_error(r, fv_status(&e), NULL);
    }
    r->title = T(r, "Rapportering");
    req_crumb(r, r->title, NULL);
    html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1><p class=\"ds-paragraph lead\">%s</p>", r->title,
                T(r, "I rapporteringsrundene rapporterer departementene status, fremdrift og risiko for tiltakene de "
                     "er ansvarlige for."));
    if (can(r->viewer, CAP_MEASURE_MANAGE)) {
        html_printf(b, "<p class=\"ds-paragraph\"><a class=\"ds-button\" data-variant=\"primary\" href=\"/rounds/new\">"
                       "%s</a></p>", T(r, "Ny rapporteringsrunde"));
    }
    due_notice(r, rs, n);
    if (n == 0) {
        html_printf(b, "<p class=\"ds-paragraph\">%s</p>", T(r, "Det er ingen rapporteringsrunder ennå."));
        return 200;
    }
    html_printf(b, "<div class=\"table-wrap\"><table class=\"ds-table\" data-border><caption class=\"ds-sr-only\">"
                   "%s</caption><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                   "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
                T(r, "Rapporteringsrunder, åpne først"), T(r, "Runde"), T(r, "Strategiperiode"), T(r, "Frist"),
                T(r, "Status"), T(r, "Rapportert"));
    for (size_t i = 0; i < n; i++) {
        html_printf(b, "<tr><th scope=\"row\"><a class=\"ds-link\" href=\"%s\">%s</a></th><td>%s</td><td>%s</td><td>",
                    round_href(r, rs[i].id), rs[i].title, rs[i].strategy_period, view_date(r, rs[i].deadline));
        state_tag(r, b, &rs[i]);
        html_printf(b, "</td><td>%s</td></tr>", TF(r, "%d av %d", rs[i].reported, rs[i].expected));
    }
    html_printf(b, "</tbody></table></div>");
    return 200;
}

/* ---- opening a round --------------------------------------------------- */

static int new_form(Req *r, const char *error, const FormErrors *fe, int status)
{
    Buf *b = &r->body;
    Strategy *all, feat = {0};
    size_t ns = 0;
    strategy_list(r->db, r->arena, r->viewer, &all, &ns, NULL);
    strategy_current(r->db, r->arena, r->viewer, &feat, NULL);
    const char *slug = params_get(&r->form, "strategy") ? params_get(&r->form, "strategy") : feat.slug;
    r->title = T(r, "Ny rapporteringsrunde");
    req_crumb(r, T(r, "Rapportering"), "/rounds");
    req_crumb(r, T(r, "Ny runde"), NULL);
    html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1><p class=\"ds-paragraph\">%s</p>", r->title,
                T(r, "Departementene som er ansvarlige for tiltak i strategiperioden, blir bedt om å rapportere innen "
                     "fristen."));
    view_form_error(b, error ? TMSG(r, error) : NULL);
    fv_error_summary(r, fe, NULL);
    html_printf(b, "<form class=\"form-narrow\" method=\"post\" action=\"/rounds\" novalidate>");
    view_csrf(b, r);
    fv_text(r, "title", T(r, "Tittel"), T(r, "For eksempel «2. tertial 2026»."), params_get(&r->form, "title"), "text",
            fv_error_of(fe, "title"), true);
    fv_text(r, "deadline", T(r, "Frist"), NULL, params_get(&r->form, "deadline"), "date", fv_error_of(fe, "deadline"),
            true);
    html_printf(b, "<div class=\"ds-field\"><label class=\"ds-label\" for=\"strategy\">%s</label>"
                   "<select class=\"ds-input\" id=\"strategy\" name=\"strategy\">", T(r, "Strategiperiode"));
    for (size_t i = 0; i < ns; i++) {
        view_option(b, all[i].slug, arena_printf(r->arena, "%s (%s)", all[i].title, all[i].period),
                    str_eq(slug, all[i].slug));
    }
    html_printf(b, "</select></div><button class=\"ds-button\" data-variant=\"primary\" type=\"submit\">%s"
                   "</button> <a class=\"ds-link\" href=\"/rounds\">%s</a></form>", T(r, "Åpne runden"), T(r, "Avbryt"));
    return req_status(r, status);
}

int round_new_page(Req *r)
{
    return new_form(r, NULL, NULL, 200);
}

/* A second open round for the same period: say which are open and ask. */
static int open_confirm(Req *r, const char *titles)
{
    Buf *b = &r->body;
    r->title = T(r, "Åpne en runde til?");
    req_crumb(r, T(r, "Rapportering"), "/rounds");
    req_crumb(r, T(r, "Ny runde"), NULL);
    html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1><div class=\"ds-alert\" data-color=\"warning\">"
                   "<p class=\"ds-paragraph\">%s</p></div>",
                r->title, TF(r, "Strategiperioden har allerede en åpen runde: %s. Departementene blir da bedt om å "
                                "rapportere på de samme tiltakene to ganger.", titles));
    html_printf(b, "<form method=\"post\" action=\"/rounds\">");
    view_csrf(b, r);
    static const char *const keep[] = {"title", "deadline", "strategy"};
    for (size_t i = 0; i < COUNT(keep); i++) {
        const char *v = params_get(&r->form, keep[i]);
        html_printf(b, "<input type=\"hidden\" name=\"%s\" value=\"%s\">", keep[i], v ? v : "");
    }
    html_printf(b, "<input type=\"hidden\" name=\"confirm\" value=\"1\"><button class=\"ds-button\" "
                   "data-variant=\"primary\" type=\"submit\">%s</button> <a class=\"ds-link\" href=\"/rounds\">%s</a>"
                   "</form>", T(r, "Åpne runden likevel"), T(r, "Avbryt"));
    return 200;
}

int round_open_post(Req *r)
{
    Err e = {0};
    int64_t id;
    const char *titles = NULL;
    FormProblem *probs;
    size_t nprob = round_open_problems(r->arena, params_get(&r->form, "title"), params_get(&r->form, "deadline"), &probs);
    if (nprob) {
        /* Every problem at once, each at its field. */
        static const char *const names[] = {"title", "deadline"};
        FormErrors fe = {0};
        fv_problems(r, &fe, probs, nprob, names);
        return new_form(r, NULL, &fe, 400);
    }
    int open = round_open_count(r->db, r->arena, r->viewer, params_get(&r->form, "strategy"), &titles, &e);
    if (open < 0) {
        return view_error(r, 500, NULL);
    }
    if (open > 0 && !str_eq(params_get(&r->form, "confirm"), "1")) {
        return open_confirm(r, titles);
    }
    if (round_open(r->db, r->viewer, r->client, params_get(&r->form, "title"), params_get(&r->form, "deadline"),
                   params_get(&r->form, "strategy"), &id, &e)) {
        return new_form(r, e.msg, NULL, fv_status(&e));
    }
    return view_redirect_done(r, round_href(r, id), "reporting_opened");
}

/* GET /rounds/{id}/close and /reopen: what will happen, and a button. */
static int lifecycle_confirm(Req *r, bool reopen)
{
    long long id;
    Round rd;
    Buf *b = &r->body;
    if (!arg_id(r->args[0], &id) || round_get(r->db, r->arena, r->viewer, id, &rd, NULL)) {
        return view_error(r, 404, T(r, "Det finnes ingen rapporteringsrunde med dette nummeret."));
    }
    req_crumb(r, T(r, "Rapportering"), "/rounds");
    req_crumb(r, rd.title, round_href(r, rd.id));
    if (reopen == rd.open) {
        r->title = rd.open ? T(r, "Runden er åpen") : T(r, "Runden er avsluttet");
        req_crumb(r, r->title, NULL);
        html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1><p class=\"ds-paragraph\">"
                       "<a class=\"ds-link\" href=\"%s\">%s</a></p>",
                    r->title, round_href(r, rd.id), T(r, "Tilbake til runden"));
        return 200;
    }
    r->title = reopen ? TF(r, "Gjenåpne «%s»?", rd.title) : TF(r, "Avslutte «%s»?", rd.title);
    req_crumb(r, reopen ? T(r, "Gjenåpne") : T(r, "Avslutt"), NULL);
    html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1><p class=\"ds-paragraph\">%s %s</p>"
                   "<p class=\"ds-paragraph\">%s</p>",
                r->title, TF(r, "%d av %d", rd.reported, rd.expected), T(r, "tiltak er rapportert."),
                reopen ? T(r, "Departementene kan rapportere i runden igjen. Gjenåpningen blir lagret i loggen.")
                       : T(r, "Når runden er avsluttet, kan ingen rapportere i den. Sekretariatet kan gjenåpne den "
                              "senere, og det blir lagret i loggen."));
    html_printf(b, "<form method=\"post\" action=\"/rounds/%lld/%s\">", (long long)rd.id, reopen ? "reopen" : "close");
    view_csrf(b, r);
    html_printf(b, "<button class=\"ds-button\" data-variant=\"primary\" type=\"submit\">%s</button> "
                   "<a class=\"ds-link\" href=\"%s\">%s</a></form>",
                reopen ? T(r, "Gjenåpne runden") : T(r, "Avslutt runden"), round_href(r, rd.id), T(r, "Avbryt"));
    return 200;
}

int round_close_page(Req *r)
{
    return lifecycle_confirm(r, false);
}

int round_reopen_page(Req *r)
{
    return lifecycle_confirm(r, true);
}

int round_close_post(Req *r)
{
    long long id;
    Err e = {0};
    if (!arg_id(r->args[0], &id)) {
        return view_error(r, 404, T(r, "Det finnes ingen rapporteringsrunde med dette nummeret."));
    }
    /* Closing a closed round leaves it as the user wanted it: no error. */
    if (round_close(r->db, r->viewer, r->client, id, &e) && e.code != E_CONFLICT) {
        return view_error(r, fv_status(&e), TMSG(r, e.msg));
    }
    return view_redirect_done(r, round_href(r, id), "reporting_closed");
}

int round_reopen_post(Req *r)
{
    long long id;
    Err e = {0};
    if (!arg_id(r->args[0], &id)) {
        return view_error(r, 404, T(r, "Det finnes ingen rapporteringsrunde med dette nummeret."));
    }
    if (round_reopen(r->db, r->viewer, r->client, id, &e) && e.code != E_CONFLICT) {
        return view_error(r, fv_status(&e), TMSG(r, e.msg));
    }
    return view_redirect_done(r, round_href(r, id), "reporting_reopened");
}

/* ---- one round ------------------------------------------------------------- */

static void round_header(Req *r, const Round *rd, bool manage)
{
    Buf *b = &r->body;
    html_printf(b, "<p class=\"ds-paragraph eyebrow\">%s · %s</p>"
                   "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1><dl class=\"facts\"><dt>%s</dt><dd>%s</dd>"
                   "<dt>%s</dt><dd>",
                T(r, "Rapporteringsrunde"), rd->strategy_period, rd->title, T(r, "Frist"), view_date(r, rd->deadline),
                T(r, "Status"));
    state_tag(r, b, rd);
    if (!rd->open) {
        html_printf(b, " %s", day_of(r, rd->closed_at));
    }
    html_printf(b, "</dd><dt>%s</dt><dd>%s%s</dd><dt>%s</dt><dd>%s %s</dd></dl>", T(r, "Åpnet"),
                day_of(r, rd->opened_at), by(r, rd->opened_by_name), T(r, "Rapportert"),
                TF(r, "%d av %d", rd->reported, rd->expected), NT(r, "tiltak", "tiltak", rd->expected));
    if (rd->reopened_at) {
        html_printf(b, "<p class=\"ds-paragraph muted\">%s%s</p>",
                    TF(r, "Gjenåpnet %s", day_of(r, rd->reopened_at)), by(r, rd->reopened_by));
    }
    if (manage) {
        html_printf(b, "<p class=\"ds-paragraph actions\"><a class=\"ds-button\" data-variant=\"secondary\" "
                       "href=\"/rounds/%lld/%s\">%s</a></p>",
                    (long long)rd->id, rd->open ? "close" : "reopen",
                    rd->open ? T(r, "Avslutt runden") : T(r, "Gjenåpne runden"));
    }
}

static void ministry_table(Req *r, const RoundView *rv)
{
    Buf *b = &r->body;
    html_printf(b, "<h2 class=\"ds-heading\" data-size=\"md\">%s</h2>", T(r, "Departementer"));
    if (rv->nministries == 0) {
        html_printf(b, "<p class=\"ds-paragraph\">%s</p>", T(r, "Ingen tiltak i strategiperioden har ansvarlig departement."));
        return;
    }
    html_printf(b, "<div class=\"table-wrap\"><table class=\"ds-table\" data-border><caption class=\"ds-sr-only\">"
                   "%s</caption><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
                T(r, "Rapportert per departement"), T(r, "Departement"), T(r, "Rapportert"));
    for (size_t i = 0; i < rv->nministries; i++) {
        const RoundMinistry *m = &rv->ministries[i];
        html_printf(b, "<tr><th scope=\"row\">%s</th><td>%s", TPICK(r, m->name, m->name_nn, m->name_en),
                    TF(r, "%d av %d rapportert", m->reported, m->expected));
        if (m->reported == m->expected) {
            html_printf(b, " <span class=\"ds-tag\" data-color=\"success\">%s</span>", T(r, "Ferdig"));
        }
        html_printf(b, "</td></tr>");
    }
    html_printf(b, "</tbody></table></div>");
}

/* The "reported?" cell of a measure row. */
static void reported_cell(Req *r, const Round *rd, const RoundItem *it)
{
    Buf *b = &r->body;
    if (it->report) {
        html_printf(b, "<td>%s", TF(r, "Rapportert %s", day_of(r, it->report->submitted_at)));
        if (it->report->late) {
            html_printf(b, " <span class=\"ds-tag\" data-color=\"warning\">%s</span>", T(r, "for sent"));
        }
        html_printf(b, "</td>");
    } else if (show_report_link(r, it)) {
        html_printf(b, "<td>%s – <a class=\"ds-link\" href=\"/rounds/%lld/measures/%lld\">%s"
                       "<span class=\"ds-sr-only\"> %s</span></a></td>",
                    T(r, "Ikke rapportert"), (long long)rd->id, (long long)it->m.id, T(r, "Rapporter"),
                    TF(r, "på tiltak %s", it->m.number));
    } else {
        html_printf(b, "<td>%s</td>", T(r, "Ikke rapportert"));
    }
}

/* Measures with reported or not, risk, status and progress (as reported,
 * else as the measure stands). */
static void measure_table(Req *r, const RoundView *rv, bool due_only, const char *caption)
{
    Buf *b = &r->body;
    /* On a phone, number, title, reported (with «Rapporter») and status stay;
     * owner, risk and progress move into a details row under each measure. */
    html_printf(b, "<div class=\"table-wrap\"><table class=\"ds-table phone-fold\" data-border><caption class=\"ds-sr-only\">%s"
                   "</caption><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                   "<th scope=\"col\" class=\"col-more\">%s</th><th scope=\"col\">%s</th><th scope=\"col\" class=\"col-more\">%s</th>"
                   "<th scope=\"col\">%s</th><th scope=\"col\" class=\"col-more\">%s</th></tr></thead><tbody>",
                caption, T(r, "Nr."), TC(r, "one", "Tiltak"), T(r, "Ansvarlig"), T(r, "Rapportert"), T(r, "Risiko"),
                T(r, "Status"), T(r, "Fremdrift"));
    for (size_t i = 0; i < rv->nitems; i++) {
        const RoundItem *it = &rv->items[i];
        if (due_only && it->report) {
            continue;
        }
        int progress = it->report ? it->report->progress : it->m.progress;
        const char *owner = it->m.owner_code ? it->m.owner_code : T(r, "Ikke avklart");
        html_printf(b, "<tr><th scope=\"row\">%s</th><td><a class=\"ds-link\" href=\"/measures/%lld\" lang=\"nb\">%s</a>",
                    it->m.number, (long long)it->m.id, it->m.title);
        view_marking_tag(r, b, &it->m);
        html_printf(b, "</td>");
        if (it->m.owner_code) {
            html_printf(b, "<td class=\"col-more\"><abbr title=\"%s\">%s</abbr></td>", measure_owner_text(r, &it->m),
                        it->m.owner_code);
        } else {
            html_printf(b, "<td class=\"col-more\">%s</td>", owner);
        }
        reported_cell(r, &rv->round, it);
        html_printf(b, "<td class=\"col-more\">");
        risk_tag(r, b, it->report ? it->report->risk : NULL);
        html_printf(b, "</td><td>");
        if (it->report) {
            html_printf(b, "<span class=\"ds-tag\" data-color=\"%s\">%s</span>", it->report->status_color,
                        report_status(r, it->report));
        } else {
            view_status_tag(r, b, &it->m);
        }
        html_printf(b, "</td><td class=\"col-more\">%d %%</td></tr>", progress);
        html_printf(b, "<tr class=\"row-more\"><td colspan=\"4\">%s: %s · %s: ", T(r, "Ansvarlig"), owner, T(r, "Risiko"));
        risk_tag(r, b, it->report ? it->report->risk : NULL);
        html_printf(b, " · %s: %d %%</td></tr>", T(r, "Fremdrift"), progress);
    }
    html_printf(b, "</tbody></table></div>");
}

/* For everyone but the secretariat: what the viewer's ministry still has to report. */
static void due_section(Req *r, const RoundView *rv)
{
    if (r->viewer->nreport == 0) {
        return;
    }
    size_t mine = 0, open = 0;
    for (size_t i = 0; i < rv->nitems; i++) {
        if (perm_can_report_for(r->viewer, rv->items[i].m.owner_id)) {
            mine++;
            open += rv->items[i].report == NULL;
        }
    }
    Buf *b = &r->body;
    html_printf(b, "<h2 class=\"ds-heading\" data-size=\"md\">%s</h2>",
                rv->round.open ? T(r, "Å rapportere") : T(r, "Ikke rapportert"));
    if (mine == 0) {
        html_printf(b, "<p class=\"ds-paragraph\">%s</p>",
                    T(r, "Departementet ditt er ikke ansvarlig for noen tiltak i denne runden."));
    } else if (open == 0) {
        html_printf(b, "<p class=\"ds-paragraph\">%s</p>",
                    T(r, "Alle tiltakene departementet ditt er ansvarlig for, er rapportert."));
    } else {
        measure_table(r, rv, true, T(r, "Tiltak departementet ditt ikke har rapportert på"));
    }
}

static void report_facts(Req *r, const Report *rep)
{
    Buf *b = &r->body;
    html_printf(b, "<dl class=\"facts\"><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd><span class=\"ds-tag\" "
                   "data-color=\"%s\">%s</span></dd><dt>%s</dt><dd>%d %%</dd><dt>%s</dt><dd>",
                T(r, "Departement"), TPICK(r, rep->ministry_name, rep->ministry_name_nn, rep->ministry_name_en),
                T(r, "Status"), rep->status_color, report_status(r, rep), T(r, "Fremdrift"), rep->progress,
                T(r, "Risiko"));
    risk_tag(r, b, rep->risk);
    html_printf(b, "</dd><dt>%s</dt><dd>%s%s", T(r, "Sendt inn"), day_of(r, rep->submitted_at), by(r, rep->submitted_by_name));
    if (rep->late) {
        html_printf(b, " <span class=\"ds-tag\" data-color=\"warning\">%s</span>", T(r, "for sent"));
    }
    html_printf(b, "</dd></dl>");
    html_text_block(b, rep->text);
}

static void reports_section(Req *r, const RoundView *rv)
{
    Buf *b = &r->body;
    html_printf(b, "<h2 class=\"ds-heading\" data-size=\"md\">%s</h2>", T(r, "Innsendte rapporter"));
    size_t shown = 0;
    for (size_t i = 0; i < rv->nitems; i++) {
        const RoundItem *it = &rv->items[i];
        if (it->report) {
            html_printf(b, "<section aria-labelledby=\"report-%lld\"><h3 class=\"ds-heading\" data-size=\"xs\" "
                           "id=\"report-%lld\">%s <span lang=\"nb\">%s</span></h3>", (long long)it->m.id,
                        (long long)it->m.id, it->m.number, it->m.title);
            report_facts(r, it->report);
            html_printf(b, "</section>");
            shown++;
        }
    }
    if (shown == 0) {
        html_printf(b, "<p class=\"ds-paragraph\">%s</p>", T(r, "Ingen rapporter er sendt inn ennå."));
    }
}

/* After a report: «Rapporten for 2.4 er sendt.», the number read from the
 * round (never from the query). */
static void reported_notice(Req *r, const RoundView *rv)
{
    long long mid;
    if (!str_eq(params_get(&r->query, "done"), "reported") ||
        !parse_int(params_get(&r->query, "measure"), 1, INT64_MAX, &mid)) {
        return;
    }
    for (size_t i = 0; i < rv->nitems; i++) {
        if (rv->items[i].m.id == mid && rv->items[i].report) {
            html_printf(&r->body, "<div class=\"ds-alert\" data-color=\"success\" role=\"status\"><p "
                                  "class=\"ds-paragraph\">%s</p></div>",
                        TF(r, "Rapporten for %s er sendt.", rv->items[i].m.number));
            return;
        }
    }
}

int round_show_page(Req *r)
{
    long long id;
    RoundView rv;
    Err e = {0};
    if (!arg_id(r->args[0], &id)) {
        return view_error(r, 404, T(r, "Det finnes ingen rapporteringsrunde med dette nummeret."));
    }
    if (round_view(r->db, r->arena, r->viewer, id, &rv, &e)) {
        return view_error(r, fv_status(&e),
                          e.code == E_NOTFOUND ? T(r, "Det finnes ingen rapporteringsrunde med dette nummeret.") : NULL);
    }
    r->title = rv.round.title;
    req_crumb(r, T(r, "Rapportering"), "/rounds");
    req_crumb(r, rv.round.title, NULL);
    view_notice(r);
    reported_notice(r, &rv);
    round_header(r, &rv.round, rv.full);
    if (rv.full) {
        ministry_table(r, &rv);
        html_printf(&r->body, "<h2 class=\"ds-heading\" data-size=\"md\">%s</h2>", T(r, "Tiltak"));
        measure_table(r, &rv, false, T(r, "Rapportering per tiltak"));
    } else {
        due_section(r, &rv);
    }
    reports_section(r, &rv);
    return 200;
}

/* ---- the report form ------------------------------------------------------- */

/* The round and measure of /rounds/{id}/measures/{measure}: 0, or the
 * status of the error page written. */
static int load(Req *r, Round *rd, Measure *m)
{
    long long rid, mid;
    if (!arg_id(r->args[0], &rid) || round_get(r->db, r->arena, r->viewer, rid, rd, NULL)) {
        return view_error(r, 404, T(r, "Det finnes ingen rapporteringsrunde med dette nummeret."));
    }
    if (!arg_id(r->args[1], &mid) || measure_get(r->db, r->arena, r->viewer, mid, m, NULL) ||
        m->strategy_id != rd->strategy_id || m->masked) {
        return view_error(r, 404, T(r, "Tiltaket er ikke med i denne rapporteringsrunden."));
    }
    round_reporter(r->db, r->arena, rd, m);
    if (!report_allowed(r->viewer, m)) {
        return view_error(r, 403, T(r, "Bare saksbehandlere i departementet som er ansvarlig for tiltaket, kan "
                                       "rapportere på det."));
    }
    return 0;
}

static void form_head(Req *r, const Round *rd, const Measure *m, const char *error)
{
    r->title = TF(r, "Rapport for tiltak %s", m->number);
    req_crumb(r, T(r, "Rapportering"), "/rounds");
    req_crumb(r, rd->title, round_href(r, rd->id));
    req_crumb(r, m->number, NULL);
    html_printf(&r->body, "<p class=\"ds-paragraph eyebrow\">%s · %s</p><h1 class=\"ds-heading\" "
                          "data-size=\"lg\">%s</h1><p class=\"ds-paragraph lead\" lang=\"nb\">%s</p>",
                rd->title, TF(r, "frist %s", view_date(r, rd->deadline)), r->title, m->title);
    view_form_error(&r->body, error ? TMSG(r, error) : NULL);
}

/* aria-describedby for a field with a description and/or an error, or NULL. */
static const char *described_by(Arena *a, const char *id, bool desc, bool err)
{
    return desc && err ? arena_printf(a, "%s-desc %s-err", id, id)
         : desc        ? arena_printf(a, "%s-desc", id)
         : err         ? arena_printf(a, "%s-err", id)
                       : NULL;
}

/* Close the opening tag of a field's control: aria attributes and '>'. */
static void control_end(Buf *b, const char *describedby, const char *err)
{
    if (describedby) {
        html_printf(b, " aria-describedby=\"%s\"", describedby);
    }
    if (err) {
        html_printf(b, " aria-invalid=\"true\">");
    } else {
        html_printf(b, ">");
    }
}

static void field_err(Buf *b, const char *id, const char *err)
{
    if (err) {
        html_printf(b, "<p class=\"ds-validation-message\" data-field=\"validation\" id=\"%s-err\">%s</p>", id, err);
    }
}

static void status_field(Req *r, const char *value, const char *err)
{
    Buf *b = &r->body;
    MeasureStatus *st;
    size_t n = 0;
    measure_status_list(r->db, r->arena, &st, &n, NULL);
    html_printf(b, "<div class=\"ds-field\"><label class=\"ds-label\" for=\"status\">%s</label>"
                   "<select class=\"ds-input\" id=\"status\" name=\"status\" required", T(r, "Status"));
    control_end(b, described_by(r->arena, "status", false, err), err);
    for (size_t i = 0; i < n; i++) {
        if (st[i].active || str_eq(value, st[i].code)) {
            view_option(b, st[i].code, status_text(r, &st[i]), str_eq(value, st[i].code));
        }
    }
    html_printf(b, "</select>");
    field_err(b, "status", err);
    html_printf(b, "</div>");
}

static void progress_field(Req *r, const char *value, const char *err)
{
    Buf *b = &r->body;
    html_printf(b, "<div class=\"ds-field\"><label class=\"ds-label\" for=\"progress\">%s</label>"
                   "<div data-field=\"description\" id=\"progress-desc\">%s</div>"
                   "<input class=\"ds-input\" id=\"progress\" name=\"progress\" type=\"number\" min=\"0\" max=\"100\" "
                   "step=\"1\" inputmode=\"numeric\" value=\"%s\" required",
                T(r, "Fremdrift (prosent)"), T(r, "Et helt tall fra 0 til 100."), value);
    control_end(b, described_by(r->arena, "progress", true, err), err);
    field_err(b, "progress", err);
    html_printf(b, "</div>");
}

static void risk_field(Req *r, const char *value, const char *err)
{
    static const struct {
        const char *code, *label, *help;
    } risks[] = {{"green", N_("Grønn"), N_("Går som planlagt")},
                 {"yellow", N_("Gul"), N_("Noe risiko for forsinkelse eller avvik")},
                 {"red", N_("Rød"), N_("Stor risiko: tiltaket trenger oppfølging")}};
    Buf *b = &r->body;
    html_printf(b, "<fieldset class=\"ds-fieldset\"");
    control_end(b, described_by(r->arena, "risk", false, err), NULL);
    html_printf(b, "<legend class=\"ds-label\">%s</legend>", T(r, "Risiko"));
    for (size_t i = 0; i < COUNT(risks); i++) {
        const char *c = risks[i].code;
        if (str_eq(value, c)) {
            html_printf(b, "<div class=\"ds-field\"><input class=\"ds-input\" type=\"radio\" name=\"risk\" "
                           "id=\"risk-%s\" value=\"%s\" aria-describedby=\"risk-%s-desc\" required checked>", c, c, c);
        } else {
            html_printf(b, "<div class=\"ds-field\"><input class=\"ds-input\" type=\"radio\" name=\"risk\" "
                           "id=\"risk-%s\" value=\"%s\" aria-describedby=\"risk-%s-desc\" required>", c, c, c);
        }
        html_printf(b, "<label class=\"ds-label\" for=\"risk-%s\">%s</label><div data-field=\"description\" "
                       "id=\"risk-%s-desc\">%s</div></div>", c, T(r, risks[i].label), c, T(r, risks[i].help));
    }
    field_err(b, "risk", err);
    html_printf(b, "</fieldset>");
}

static void text_field(Req *r, const char *value, const char *err)
{
    Buf *b = &r->body;
    html_printf(b, "<div class=\"ds-field\"><label class=\"ds-label\" for=\"text\">%s</label>"
                   "<div data-field=\"description\" id=\"text-desc\">%s</div><textarea class=\"ds-input\" id=\"text\" "
                   "name=\"text\" rows=\"8\" required",
                T(r, "Rapport"), T(r, "Hva er gjort siden sist, hva gjenstår, og hva er risikoen? Høyst 4000 tegn."));
    control_end(b, described_by(r->arena, "text", true, err), err);
    html_printf(b, "%s</textarea>", value);
    field_err(b, "text", err);
    html_printf(b, "</div>");
}

/* The form, filled from the posted values or else from the measure; fe
 * (NULL: none) every problem of the posted report, each at its field and
 * all in a summary at the top. */
static int report_form(Req *r, const Round *rd, const Measure *m, const char *error, const FormErrors *fe, int status)
{
    Buf *b = &r->body;
    form_head(r, rd, m, error);
    if (!rd->open) {
        html_printf(b, "<p class=\"ds-paragraph\">%s <a class=\"ds-link\" href=\"%s\">%s</a></p>",
                    T(r, "Runden er avsluttet, så det kan ikke rapporteres i den lenger."), round_href(r, rd->id),
                    T(r, "Tilbake til runden"));
        return req_status(r, status);
    }
    const char *st = params_get(&r->form, "status"), *pr = params_get(&r->form, "progress");
    const char *risk = params_get(&r->form, "risk"), *text = params_get(&r->form, "text");
    fv_error_summary(r, fe, T(r, "Rett opp før du sender inn"));
    html_printf(b, "<p class=\"ds-paragraph\">%s</p><form class=\"form-narrow\" method=\"post\" "
                   "action=\"/rounds/%lld/measures/%lld\" novalidate>",
                T(r, "En innsendt rapport kan ikke endres. Status og fremdrift for tiltaket oppdateres når du sender "
                     "inn."),
                (long long)rd->id, (long long)m->id);
    view_csrf(b, r);
    status_field(r, st ? st : m->status, fv_error_of(fe, "status"));
    progress_field(r, pr ? pr : arena_printf(r->arena, "%d", m->own_progress), fv_error_of(fe, "progress"));
    risk_field(r, risk ? risk : m->risk, fv_error_of(fe, "risk-green"));
    text_field(r, text ? text : "", fv_error_of(fe, "text"));
    html_printf(b, "<button class=\"ds-button\" data-variant=\"primary\" type=\"submit\">%s</button> "
                   "<a class=\"ds-link\" href=\"%s\">%s</a></form>", T(r, "Send inn rapport"), round_href(r, rd->id),
                T(r, "Avbryt"));
    return req_status(r, status);
}

/* A report that is already in: shown as it was submitted. */
static int report_done(Req *r, const Round *rd, const Measure *m, const Report *rep, const char *error, int status)
{
    form_head(r, rd, m, error);
    html_printf(&r->body, "<h2 class=\"ds-heading\" data-size=\"md\">%s</h2>", T(r, "Innsendt rapport"));
    report_facts(r, rep);
    html_printf(&r->body, "<p class=\"ds-paragraph\"><a class=\"ds-link\" href=\"%s\">%s</a></p>",
                round_href(r, rd->id), T(r, "Tilbake til runden"));
    return req_status(r, status);
}

int report_form_page(Req *r)
{
    Round rd;
    Measure m;
    Report rep;
    int st = load(r, &rd, &m);
    if (st) {
        return st;
    }
    if (report_get(r->db, r->arena, r->viewer, rd.id, m.id, &rep, NULL) == 0) {
        return report_done(r, &rd, &m, &rep, NULL, 200);
    }
    return report_form(r, &rd, &m, NULL, NULL, 200);
}

int report_submit_post(Req *r)
{
    Round rd;
    Measure m;
    Report rep;
    Err e = {0};
    const char *field;
    int64_t id;
    int st = load(r, &rd, &m);
    if (st) {
        return st;
    }
    ReportInput in = {.status = params_get(&r->form, "status"), .progress = params_get(&r->form, "progress"),
                      .risk = params_get(&r->form, "risk"), .text = params_get(&r->form, "text")};
    /* Every problem at once, before anything is tried. */
    static const char *const names[] = {"status", "progress", "risk-green", "text"};
    FormProblem *probs;
    size_t nprob = 0;
    if (report_check(r->db, r->arena, &m, &in, &probs, &nprob)) {
        return view_error(r, 500, NULL);
    }
    if (nprob) {
        FormErrors fe = {0};
        fv_problems(r, &fe, probs, nprob, names);
        return report_form(r, &rd, &m, NULL, &fe, 400);
    }
    if (report_submit(r->db, r->arena, r->viewer, r->client, rd.id, m.id, &in, &id, &field, &e) == 0) {
        return req_redirect(r, arena_printf(r->arena, "%s?done=reported&measure=%lld", round_href(r, rd.id),
                                            (long long)m.id));
    }
    if (e.code == E_CONFLICT && report_get(r->db, r->arena, r->viewer, rd.id, m.id, &rep, NULL) == 0) {
        return report_done(r, &rd, &m, &rep, e.msg, 409);
    }
    if (e.code == E_CONFLICT) {
        rd.open = false;   /* closed since the form was opened */
    } else if (e.code != E_INVALID) {
        return view_error(r, fv_status(&e), TMSG(r, e.msg));
    }
    FormErrors fe = {0};
    fv_add(&fe, str_eq(field, "risk") ? "risk-green" : field, TMSG(r, e.msg));
    return report_form(r, &rd, &m, NULL, &fe, fv_status(&e));
}
