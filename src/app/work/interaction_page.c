/* interaction_page.c: goal interactions (HTML) — the lists (awaiting my
 * ministry's answer, registered by it), registering one on a measure,
 * decision or case, the answer, and the matrix between ministries.  Thin
 * over the model (work.h); no SQL here. */
#include <string.h>

#include "app/core/i18n.h"
#include "app/core/record_view.h"
#include "app/core/view.h"
#include "app/work/work.h"
#include "app/work/work_handlers.h"
#include "app/work/work_view.h"
#include "base/html.h"
#include "base/util.h"

#define NOT_FOUND N_("Det finnes ikke noe samspill med dette nummeret, eller du har ikke tilgang til det.")

static void scale_note(Req *r)
{
    html_printf(&r->body, "<p class=\"ds-paragraph\">%s</p>",
                T(r, "Skalaen går fra −3 (opphever) via 0 (forenlig) til +3 (uatskillelig), etter Nilsson, Griggs og "
                     "Visbeck, «Map the interactions between Sustainable Development Goals», Nature 534 (2016)."));
}

int interaction_list_page(Req *r)
{
    Buf *b = &r->body;
    const Viewer *v = r->viewer;
    r->title = T(r, "Samspill mellom mål");
    req_crumb(r, r->title, NULL);
    html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1><p class=\"ds-paragraph lead\">%s</p>", r->title,
                T(r, "Samordningsstigens trinn 3: unngå å svekke hverandres måloppnåelse. Et tiltak, vedtak eller en sak "
                     "kan påvirke et annet departements mål; det berørte departementet svarer."));
    scale_note(r);
    wv_notice(r);
    html_printf(b, "<p class=\"ds-paragraph\"><a class=\"ds-link\" href=\"/interactions/matrix\">%s</a></p>",
                T(r, "Matrise: samspill mellom departementene"));
    Interaction *xs;
    size_t n = 0;
    long long sid = 0;
    const char *src = params_get(&r->query, "source");
    if (src && *src) {   /* the interactions of one measure, decision or case */
        Record rec;
        if (!parse_int(src, 1, INT64_MAX, &sid) || record_get(r->db, r->arena, v, sid, &rec, NULL) || rec.masked) {
            return view_error(r, 404, NULL);
        }
        InteractionFilter f = {.source_id = sid};
        interaction_list(r->db, r->arena, v, &f, &xs, &n, NULL);
        const char *caption = TF(r, "Samspill: %s", rec.title);
        html_printf(b, "<h2 class=\"ds-heading\" data-size=\"md\">%s</h2><p class=\"ds-paragraph\"><a class=\"ds-link\" "
                       "href=\"%s\">%s</a></p>", caption, record_url(r->arena, rec.kind, rec.id), rec.title);
        wv_interaction_table(r, caption, xs, n, T(r, "Ingen registrert."));
        if (v->ministry_id && !v->read_only) {
            html_printf(b, "<p class=\"ds-paragraph\"><a class=\"ds-button\" data-variant=\"secondary\" "
                           "href=\"/interactions/new?source=%lld\">%s</a></p>", sid,
                        T(r, "Registrer samspill med et annet departements mål"));
        }
        return 200;
    }
    if (v->ministry_id) {
        InteractionFilter f = {.awaiting_ministry_id = v->ministry_id};
        interaction_list(r->db, r->arena, v, &f, &xs, &n, NULL);
        html_printf(b, "<h2 class=\"ds-heading\" data-size=\"md\">%s</h2>", T(r, "Venter på svar fra oss"));
        wv_interaction_table(r, T(r, "Venter på svar fra oss"), xs, n, T(r, "Ingen samspill venter på svar fra dere."));
    }
    InteractionFilter all = {0};
    interaction_list(r->db, r->arena, v, &all, &xs, &n, NULL);
    html_printf(b, "<h2 class=\"ds-heading\" data-size=\"md\">%s</h2>", T(r, "Alle samspill du har tilgang til"));
    wv_interaction_table(r, T(r, "Alle samspill du har tilgang til"), xs, n,
                         T(r, "Ingen samspill ennå. Registrer et fra siden til et tiltak, et vedtak eller en sak."));
    return 200;
}

static const char *const g_ids[IF_COUNT] = {"source", "goal", "score", "justification"};

static int new_form(Req *r, const Record *src, const char *const in[IF_COUNT], const FormErrors *fe, int status)
{
    Buf *b = &r->body;
    r->title = T(r, "Registrer samspill med et annet departements mål");
    req_crumb(r, T(r, "Samspill mellom mål"), "/interactions");
    req_crumb(r, T(r, "Registrer"), NULL);
    html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1>", r->title);
    if (src) {
        html_printf(b, "<p class=\"ds-paragraph lead\">%s: <a class=\"ds-link\" href=\"%s\">%s</a></p>", T(r, "Gjelder"),
                    record_url(r->arena, src->kind, src->id), src->title);
    }
    scale_note(r);
    html_printf(b, "<p class=\"ds-paragraph\">%s</p>",
                T(r, "Departementet som eier målet, får lese samspillet, med tittelen på det det gjelder, og blir bedt "
                     "om å svare."));
    fv_error_summary(r, fe, NULL);
    html_printf(b, "<form class=\"form-narrow\" method=\"post\" action=\"/interactions\" novalidate>");
    view_csrf(b, r);
    if (src) {
        html_printf(b, "<input type=\"hidden\" name=\"source\" value=\"%lld\">", (long long)src->id);
    } else {
        fv_text(r, "source", T(r, "Gjelder"), T(r, "Nummeret på tiltaket, vedtaket eller saken"), in[IF_SOURCE], "text",
                fv_error_of(fe, "source"), true);
    }
    MinistryGoal *gs;
    size_t ng = 0;
    ministry_goal_list(r->db, r->arena, NULL, &gs, &ng, NULL);
    fv_select_open(r, "goal", T(r, "Målet som påvirkes"), T(r, "Et mål som tilhører et annet departement."),
                   fv_error_of(fe, "goal"));
    view_option(b, "", T(r, "Velg mål"), !*in[IF_GOAL]);
    for (size_t i = 0; i < ng; i++) {
        if (r->viewer->ministry_code && str_eq(gs[i].ministry_code, r->viewer->ministry_code)) {
            continue;
        }
        view_option(b, gs[i].code,
                    arena_printf(r->arena, "%s: %s%s", gs[i].ministry_code, wv_goal_text(r, &gs[i]),
                                 gs[i].illustrative ? arena_printf(r->arena, " (%s)", T(r, "eksempel")) : ""),
                    str_eq(gs[i].code, in[IF_GOAL]));
    }
    fv_select_close(r, "goal", fv_error_of(fe, "goal"));
    static const char *const scores[] = {"-3", "-2", "-1", "0", "1", "2", "3", NULL};
    fv_radios(r, "score", T(r, "Samspill"), NULL, scores, wv_score_code_label, in[IF_SCORE], fv_error_of(fe, "score"));
    fv_textarea(r, "justification", T(r, "Begrunnelse"), T(r, "Hvordan og hvorfor påvirkes målet?"), in[IF_JUSTIFICATION],
                fv_error_of(fe, "justification"), 5, true);
    wv_button_row(r, T(r, "Registrer og be om svar"), "/interactions", T(r, "Avbryt"));
    html_printf(b, "</form>");
    return req_status(r, status);
}

int interaction_new_page(Req *r)
{
    const char *in[IF_COUNT] = {"", "", "", ""};
    long long sid = 0;
    Record src;
    const char *s = params_get(&r->query, "source");
    bool have = s && *s;
    if (have && (!parse_int(s, 1, INT64_MAX, &sid) || record_get(r->db, r->arena, r->viewer, sid, &src, NULL) ||
                 src.masked)) {
        return view_error(r, 404, NULL);
    }
    if (!r->viewer->ministry_id || r->viewer->read_only) {
        return view_error(r, 403, T(r, "Du kan ikke registrere samspill."));
    }
    return new_form(r, have ? &src : NULL, in, NULL, 200);
}

int interaction_create_post(Req *r)
{
    const char *in[IF_COUNT];
    for (int k = 0; k < IF_COUNT; k++) {
        in[k] = params_get(&r->form, g_interaction_field_names[k]);
    }
    FormProblem *errs;
    size_t nerr;
    int64_t id;
    Err e = {0};
    if (interaction_create(r->db, r->arena, r->viewer, r->client, in, &id, &errs, &nerr, &e)) {
        if (!nerr) {
            return view_error(r, fv_status(&e), fv_error_text(r, &e));
        }
        FormErrors fe = {0};
        fv_problems(r, &fe, errs, nerr, g_ids);
        long long sid = 0;
        Record src;
        bool have = parse_int(in[IF_SOURCE], 1, INT64_MAX, &sid) &&
                    record_get(r->db, r->arena, r->viewer, sid, &src, NULL) == 0 && !src.masked &&
                    !fv_error_of(&fe, "source");
        for (int k = 0; k < IF_COUNT; k++) {
            in[k] = in[k] ? in[k] : "";
        }
        return new_form(r, have ? &src : NULL, in, &fe, fv_status(&e));
    }
    return view_redirect_done(r, arena_printf(r->arena, "/interactions/%lld", (long long)id), "interaction_created");
}

static int show(Req *r, const char *response, const char *text, const FormErrors *fe, int status)
{
    Buf *b = &r->body;
    int64_t id;
    Interaction x;
    if (!wv_id(r, 0, &id)) {
        return r->status;
    }
    if (interaction_get(r->db, r->arena, r->viewer, id, &x, NULL)) {
        return view_error(r, 404, T(r, NOT_FOUND));
    }
    r->title = x.source_title ? TF(r, "Samspill: %s", x.source_title) : x.rec.title;
    req_crumb(r, T(r, "Samspill mellom mål"), "/interactions");
    req_crumb(r, r->title, NULL);
    html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1>", r->title);
    if (x.rec.masked) {
        html_printf(b, "<p class=\"ds-paragraph\">%s</p>", T(r, "Samspillet er unntatt offentlighet."));
        return 200;
    }
    html_printf(b, "<p class=\"tags\">");
    wv_score_tag(r, x.score);
    html_printf(b, " ");
    wv_interaction_tag(r, &x);
    html_printf(b, "</p>");
    wv_notice(r);
    html_printf(b, "<dl class=\"facts\"><dt>%s</dt><dd>", T(r, "Gjelder"));
    if (x.source_id) {
        const RecordKind *k = record_kind(x.source_kind);
        html_printf(b, "<a class=\"ds-link\" href=\"%s\">%s</a> (%s)", k ? record_url(r->arena, k, x.source_id) : "#",
                    x.source_title, k ? T(r, k->label) : "");
    } else {
        html_printf(b, "%s", T(r, "Du har ikke tilgang"));
    }
    html_printf(b, "</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s: %s%s</dd><dt>%s</dt><dd>%s</dd></dl>",
                T(r, "Registrert av"),
                x.rec.owner_code ? wv_ministry(r, x.rec.owner_name, x.rec.owner_name_nn, x.rec.owner_name_en) : "–",
                T(r, "Målet som påvirkes"), x.goal.ministry_code, wv_goal_text(r, &x.goal),
                x.goal.illustrative ? arena_printf(r->arena, " (%s)", T(r, "eksempel")) : "", T(r, "Samspill"),
                wv_score_text(r, x.score));
    html_printf(b, "<h2 class=\"ds-heading\" data-size=\"md\">%s</h2>", T(r, "Begrunnelse"));
    html_text_block(b, x.justification);
    html_printf(b, "<section aria-labelledby=\"answer-h\"><h2 class=\"ds-heading\" data-size=\"md\" id=\"answer-h\">%s</h2>",
                TF(r, "Svar fra %s", x.goal.ministry_code));
    if (x.response) {
        html_printf(b, "<p class=\"ds-paragraph\"><strong>%s</strong> – %s, %s</p>", T(r, interaction_response_label(x.response)),
                    wv_person(r, &x.answered_by), wv_date(r, x.answered_on));
        if (*x.response_text) {
            html_text_block(b, x.response_text);
        }
    } else {
        html_printf(b, "<p class=\"ds-paragraph\">%s</p>", T(r, "Ikke besvart ennå. Samspillet er åpent til departementet "
                                                              "som eier målet, har svart."));
    }
    if (interaction_can_answer(r->viewer, &x)) {
        fv_error_summary(r, fe, NULL);
        html_printf(b, "<form class=\"form-narrow\" method=\"post\" action=\"/interactions/%lld/answer\" novalidate>",
                    (long long)x.rec.id);
        view_csrf(b, r);
        fv_radios(r, "response", x.response ? T(r, "Endre svaret") : T(r, "Deres svar"), NULL, g_interaction_responses,
                  interaction_response_label, response ? response : (x.response ? x.response : ""),
                  fv_error_of(fe, "response"));
        fv_textarea(r, "text", T(r, "Merknad eller begrunnelse"), T(r, "Påkrevd ved merknad og uenighet."),
                    text ? text : x.response_text, fv_error_of(fe, "text"), 4, false);
        html_printf(b, "<button class=\"ds-button\" data-variant=\"primary\" type=\"submit\">%s</button></form>",
                    T(r, "Send svaret"));
    }
    html_printf(b, "</section>");
    record_sections(r, &x.rec);
    return req_status(r, status);
}

int interaction_show_page(Req *r)
{
    bool tx = db_read_begin(r->db);
    int status = show(r, NULL, NULL, NULL, 200);
    db_read_end(r->db, tx);
    return status;
}

int interaction_answer_post(Req *r)
{
    int64_t id;
    if (!wv_id(r, 0, &id)) {
        return r->status;
    }
    const char *response = params_get(&r->form, "response"), *text = params_get(&r->form, "text");
    FormProblem *errs;
    size_t nerr;
    Err e = {0};
    if (interaction_answer(r->db, r->arena, r->viewer, r->client, id, response, text, &errs, &nerr, &e)) {
        if (!nerr) {
            return view_error(r, fv_status(&e), fv_error_text(r, &e));
        }
        static const char *const names[] = {"response", "text"};
        FormErrors fe = {0};
        fv_problems(r, &fe, errs, nerr, names);
        return show(r, response ? response : "", text ? text : "", &fe, 400);
    }
    return view_redirect_done(r, arena_printf(r->arena, "/interactions/%lld", (long long)id), "interaction_answered");
}

int interaction_matrix_page(Req *r)
{
    Buf *b = &r->body;
    MatrixCell *c;
    size_t n = 0;
    Err e = {0};
    if (interaction_matrix(r->db, r->arena, r->viewer, &c, &n, &e)) {
        return view_error(r, fv_status(&e), NULL);
    }
    r->title = T(r, "Samspill mellom departementene");
    req_crumb(r, T(r, "Samspill mellom mål"), "/interactions");
    req_crumb(r, r->title, NULL);
    html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1><p class=\"ds-paragraph lead\">%s</p>", r->title,
                T(r, "Per par av departementer: hvor mange samspill det ene har registrert mot det andres mål, hvor "
                     "mange som er negative og åpne, og spennet i vurderingene."));
    scale_note(r);
    /* The ministries that occur, as rows (registered by) and columns (goal of). */
    const char *codes[64];
    size_t nc = 0;
    for (size_t i = 0; i < n; i++) {
        const char *pair[2] = {c[i].from, c[i].to};
        for (int k = 0; k < 2; k++) {
            bool seen = false;
            for (size_t j = 0; j < nc; j++) {
                seen |= str_eq(codes[j], pair[k]);
            }
            if (!seen && nc < COUNT(codes)) {
                codes[nc++] = pair[k];
            }
        }
    }
    for (size_t i = 1; i < nc; i++) {   /* sort by code */
        for (size_t j = i; j > 0 && strcmp(codes[j - 1], codes[j]) > 0; j--) {
            const char *t = codes[j];
            codes[j] = codes[j - 1];
            codes[j - 1] = t;
        }
    }
    if (!nc) {
        html_printf(b, "<p class=\"ds-paragraph\">%s</p>", T(r, "Ingen samspill du har tilgang til ennå."));
        return 200;
    }
    html_printf(b, "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"%s\"><table class=\"ds-table\" "
                   "data-border><caption>%s</caption><thead><tr><th scope=\"col\">%s</th>",
                r->title, T(r, "Rader: departementet som registrerte. Kolonner: departementet som eier målet."),
                T(r, "Registrert av"));
    for (size_t j = 0; j < nc; j++) {
        html_printf(b, "<th scope=\"col\">%s</th>", codes[j]);
    }
    html_printf(b, "</tr></thead><tbody>");
    for (size_t i = 0; i < nc; i++) {
        html_printf(b, "<tr><th scope=\"row\">%s</th>", codes[i]);
        for (size_t j = 0; j < nc; j++) {
            const MatrixCell *cell = NULL;
            for (size_t k = 0; k < n; k++) {
                cell = str_eq(c[k].from, codes[i]) && str_eq(c[k].to, codes[j]) ? &c[k] : cell;
            }
            if (!cell) {
                html_printf(b, "<td>–</td>");
                continue;
            }
            html_printf(b, "<td>%s", TF(r, "%d samspill", cell->n));
            if (cell->nnegative) {
                html_printf(b, "<br>%s", TF(r, "%d negative", cell->nnegative));
            }
            if (cell->nopen) {
                html_printf(b, "<br>%s", TF(r, "%d åpne", cell->nopen));
            }
            html_printf(b, "<br>%s</td>", cell->min == cell->max ? wv_score_text(r, cell->min)
                                                                 : arena_printf(r->arena, "%s … %s", wv_score_text(r, cell->min),
                                                                                wv_score_text(r, cell->max)));
        }
        html_printf(b, "</tr>");
    }
    html_printf(b, "</tbody></table></div>");
    return 200;
}
