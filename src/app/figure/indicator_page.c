/* indicator_page.c: the signed-in pages of the key figures — the list
 * (/indicators), a new indicator (/indicators/new), one indicator with its
 * charts, values and history (/indicators/{id}), entering a value, and the
 * import with its preview (/indicators/import).  Thin over the model; no
 * SQL here.
 *
 * The import preview keeps the file in the page: the checked text goes
 * back in a hidden field with the «Bruk endringene» button, and applying
 * checks it all again (the model decides; the page holds no state).
 */
#include <sodium.h>
#include <string.h>

#include "app/core/form_view.h"
#include "app/core/i18n.h"
#include "app/core/record_view.h"
#include "app/core/view.h"
#include "app/figure/figure_handlers.h"
#include "app/figure/figure_view.h"
#include "base/embed.h"
#include "base/html.h"
#include "base/multipart.h"
#include "base/util.h"

static bool may_manage(Req *r)
{
    return can(r->viewer, CAP_MEASURE_MANAGE) && !r->viewer->read_only;
}

static void crumbs(Req *r, const char *last)
{
    req_crumb(r, T(r, "Nøkkeltall"), last ? "/indicators" : NULL);
    if (last) {
        req_crumb(r, last, NULL);
    }
}

int indicator_list_page(Req *r)
{
    Indicator *ind;
    size_t n = 0;
    if (indicator_list(r->db, r->arena, r->viewer, false, &ind, &n, NULL)) {
        return 500;
    }
    r->title = T(r, "Nøkkeltall");
    crumbs(r, NULL);
    html_printf(&r->body, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1><p class=\"ds-paragraph\">%s "
                          "<a class=\"ds-link\" href=\"/facts\">%s</a></p>",
                r->title, T(r, "Nøkkeltallene du har tilgang til. De som er åpne, vises på"),
                T(r, "Fakta om departementene"));
    view_notice(r);
    if (may_manage(r)) {
        html_printf(&r->body, "<p class=\"ds-paragraph group-actions\"><a class=\"ds-link\" href=\"/indicators/new\">"
                              "%s</a> <a class=\"ds-link\" href=\"/indicators/import\">%s</a></p>",
                    T(r, "Nytt nøkkeltall"), T(r, "Importer tall (JSON-stat, CSV eller XLSX)"));
    }
    if (!n) {
        html_printf(&r->body, "<p class=\"ds-paragraph\">%s</p>",
                    T(r, "Ingen nøkkeltall ennå. Strategisekretariatet legger dem inn og importerer tallene."));
        return 200;
    }
    html_printf(&r->body, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"%s\">"
                          "<table class=\"ds-table\" data-border id=\"indicators\"><caption>%s</caption><thead><tr>"
                          "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                          "<th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">%s</th><th scope=\"col\">%s</th>"
                          "</tr></thead><tbody>",
                T(r, "Nøkkeltall"), T(r, "Nøkkeltall"), T(r, "Navn"), T(r, "Kode"), T(r, "Kilde"), T(r, "Verdier"),
                T(r, "Siste periode"), T(r, "Synlighet"));
    for (size_t i = 0; i < n; i++) {
        html_printf(&r->body, "<tr><td><a class=\"ds-link\" href=\"/indicators/%lld\">%s</a></td><td>%s</td>"
                              "<td>%s</td><td class=\"num\">%d</td><td>%s</td><td>%s</td></tr>",
                    (long long)ind[i].id, fview_name(r, &ind[i]), ind[i].code, ind[i].source, ind[i].nvalues,
                    ind[i].latest ? fview_period(r, ind[i].latest) : "–",
                    record_visibility_label(r, ind[i].visibility));
    }
    html_printf(&r->body, "</tbody></table></div>");
    return 200;
}

/* ---- a new indicator ------------------------------------------------------------------ */

static const char *better_label(const char *code)
{
    return str_eq(code, "up") ? N_("Høyere er bedre") : str_eq(code, "down") ? N_("Lavere er bedre")
                                                                             : N_("Ingen retning");
}

static const char *periodicity_label(const char *code)
{
    return str_eq(code, "year")      ? N_("År")
           : str_eq(code, "tertial") ? N_("Tertial")
           : str_eq(code, "quarter") ? N_("Kvartal")
                                     : N_("Måned");
}

/* The form of a new indicator (edit 0) or of indicator edit. */
static int new_form(Req *r, const IndicatorInput *in, const FormErrors *fe, int status, int64_t edit)
{
    static const char *const better[] = {"up", "down", "none", NULL};
    static const char *const periodicity[] = {"year", "tertial", "quarter", "month", NULL};
    r->title = edit ? TF(r, "Endre %s", in->v[IF_NAME] ? in->v[IF_NAME] : "") : T(r, "Nytt nøkkeltall");
    crumbs(r, r->title);
    html_printf(&r->body, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1><form class=\"form-wide\" method=\"post\" "
                          "action=\"%s\" novalidate>",
                r->title, edit ? arena_printf(r->arena, "/indicators/%lld/edit", (long long)edit) : "/indicators");
    fv_error_summary(r, fe, NULL);
    view_csrf(&r->body, r);
    if (edit) {
        html_printf(&r->body, "<p class=\"ds-paragraph\">%s <code>%s</code>. %s</p>", T(r, "Kode:"), in->v[IF_CODE],
                    T(r, "Koden og synligheten endres ikke her; synligheten endres under «Hvem har tilgang»."));
    } else {
        fv_text(r, g_indicator_fields[IF_CODE], T(r, "Kode"), T(r, "Brukes i import og eksport, for eksempel ansatte."),
                in->v[IF_CODE], NULL, fv_error_of(fe, "code"), true);
    }
    fv_text(r, g_indicator_fields[IF_NAME], T(r, "Navn (bokmål)"), NULL, in->v[IF_NAME], NULL, fv_error_of(fe, "name"),
            true);
    fv_text(r, g_indicator_fields[IF_NAME_NN], T(r, "Navn (nynorsk)"), NULL, in->v[IF_NAME_NN], NULL,
            fv_error_of(fe, "name_nn"), false);
    fv_text(r, g_indicator_fields[IF_NAME_EN], T(r, "Navn (engelsk)"), NULL, in->v[IF_NAME_EN], NULL,
            fv_error_of(fe, "name_en"), false);
    fv_text(r, g_indicator_fields[IF_UNIT], T(r, "Enhet"), T(r, "For eksempel personer, prosent eller år."),
            in->v[IF_UNIT], NULL, fv_error_of(fe, "unit"), false);
    fv_text(r, g_indicator_fields[IF_DECIMALS], T(r, "Desimaler"), T(r, "Hvor mange desimaler som vises, 0–3."),
            in->v[IF_DECIMALS], "text", fv_error_of(fe, "decimals"), false);
    fv_radios(r, g_indicator_fields[IF_BETTER], T(r, "Hva er bra?"), NULL, better, better_label,
              in->v[IF_BETTER] ? in->v[IF_BETTER] : "none", fv_error_of(fe, "better"));
    fv_code_select(r, g_indicator_fields[IF_PERIODICITY], T(r, "Periodisitet"), NULL, periodicity, periodicity_label,
                   in->v[IF_PERIODICITY], NULL, fv_error_of(fe, "periodicity"));
    fv_text(r, g_indicator_fields[IF_SOURCE], T(r, "Kilde"), T(r, "For eksempel SSB tabell 12623 eller DFØ."),
            in->v[IF_SOURCE], NULL, fv_error_of(fe, "source"), false);
    fv_textarea(r, g_indicator_fields[IF_METHOD], T(r, "Metode"), NULL, in->v[IF_METHOD], fv_error_of(fe, "method"), 3,
                false);
    fv_textarea(r, g_indicator_fields[IF_DESCRIPTION], T(r, "Beskrivelse (bokmål)"), NULL, in->v[IF_DESCRIPTION],
                fv_error_of(fe, "description"), 3, false);
    fv_textarea(r, g_indicator_fields[IF_DESCRIPTION_NN], T(r, "Beskrivelse (nynorsk)"), NULL,
                in->v[IF_DESCRIPTION_NN], fv_error_of(fe, "description_nn"), 3, false);
    fv_textarea(r, g_indicator_fields[IF_DESCRIPTION_EN], T(r, "Beskrivelse (engelsk)"), NULL,
                in->v[IF_DESCRIPTION_EN], fv_error_of(fe, "description_en"), 3, false);
    if (!edit) {
        fv_visibility(r, in->v[IF_VISIBILITY] ? in->v[IF_VISIBILITY] : "internal",
                      T(r, "Åpne nøkkeltall vises på Fakta om departementene."), T(r, "Bare eierdepartementet."),
                      fv_error_of(fe, "visibility"));
    }
    html_printf(&r->body, "<button class=\"ds-button\" data-variant=\"primary\" type=\"submit\">%s</button></form>",
                edit ? T(r, "Lagre endringene") : T(r, "Opprett"));
    return req_status(r, status);
}

int indicator_edit_page(Req *r)
{
    long long id;
    Indicator ind;
    if (!parse_int(r->args[0], 1, INT64_MAX, &id) || indicator_get(r->db, r->arena, r->viewer, id, &ind, NULL)) {
        return view_error(r, 404, T(r, "Det finnes ikke noe nøkkeltall med denne adressen."));
    }
    IndicatorInput in;
    indicator_input_of(r->arena, &ind, &in);
    return new_form(r, &in, NULL, 200, id);
}

int indicator_edit_post(Req *r)
{
    long long id;
    Indicator ind;
    if (!parse_int(r->args[0], 1, INT64_MAX, &id) || indicator_get(r->db, r->arena, r->viewer, id, &ind, NULL)) {
        return view_error(r, 404, T(r, "Det finnes ikke noe nøkkeltall med denne adressen."));
    }
    IndicatorInput in;
    indicator_input_of(r->arena, &ind, &in);
    for (int k = 0; k < IF_COUNT; k++) {
        if (k != IF_CODE && k != IF_VISIBILITY) {
            const char *x = params_get(&r->form, g_indicator_fields[k]);
            in.v[k] = x ? x : "";
        }
    }
    FormProblem p[FIG_FORM_PROBLEMS];
    size_t np = 0;
    Err e = {0};
    if (!indicator_update(r->db, r->viewer, r->client, id, &in, p, &np, &e)) {
        return view_redirect_done(r, arena_printf(r->arena, "/indicators/%lld", id), "saved");
    }
    if (!np) {
        return view_error(r, fv_status(&e), fv_error_text(r, &e));
    }
    FormErrors fe = {0};
    fv_problems(r, &fe, p, np, g_indicator_fields);
    return new_form(r, &in, &fe, 400, id);
}

int indicator_new_page(Req *r)
{
    IndicatorInput in = {0};
    return new_form(r, &in, NULL, 200, 0);
}

int indicator_create_post(Req *r)
{
    IndicatorInput in;
    for (int k = 0; k < IF_COUNT; k++) {
        in.v[k] = params_get(&r->form, g_indicator_fields[k]);
    }
    FormProblem p[FIG_FORM_PROBLEMS];
    size_t np = 0;
    int64_t id;
    Err e = {0};
    int rc = indicator_create(r->db, r->viewer, r->client, &in, &id, p, &np, &e);
    if (!rc) {
        return view_redirect_done(r, arena_printf(r->arena, "/indicators/%lld", (long long)id), "saved");
    }
    if (!np) {
        return view_error(r, fv_status(&e), fv_error_text(r, &e));
    }
    FormErrors fe = {0};
    fv_problems(r, &fe, p, np, g_indicator_fields);
    return new_form(r, &in, &fe, 400, 0);
}

/* ---- one indicator ---------------------------------------------------------------------- */

static void value_form(Req *r, const Indicator *ind, const char *const in[VF_COUNT], const FormErrors *fe)
{
    MinistryOption *m;
    size_t nm = 0;
    record_ministry_options(r->db, r->arena, &m, &nm, NULL);
    html_printf(&r->body, "<h2 class=\"ds-heading\" data-size=\"md\" id=\"value\">%s</h2><form class=\"form-narrow\" "
                          "method=\"post\" action=\"/indicators/%lld/values#value\" novalidate>",
                T(r, "Legg inn eller endre en verdi"), (long long)ind->id);
    fv_error_summary(r, fe, NULL);
    view_csrf(&r->body, r);
    fv_ministry_select(r, "ministry", T(r, "Departement"), NULL, m, nm, in[VF_MINISTRY],
                       T(r, "Hele departementsfellesskapet"), fv_error_of(fe, "ministry"));
    fv_text(r, "period", T(r, "Periode"), T(r, "2024 for et år, 2024T1 for et tertial, 2024K1 for et kvartal, 2024M01 "
                                              "for en måned."),
            in[VF_PERIOD], NULL, fv_error_of(fe, "period"), true);
    fv_text(r, "value", TF(r, "Verdi (%s)", T(r, ind->unit)), NULL, in[VF_VALUE], NULL, fv_error_of(fe, "value"), true);
    fv_text(r, "source", T(r, "Kilde"), T(r, "Tom: nøkkeltallets kilde."), in[VF_SOURCE], NULL,
            fv_error_of(fe, "source"), false);
    fv_text(r, "note", T(r, "Merknad"), NULL, in[VF_NOTE], NULL, fv_error_of(fe, "note"), false);
    html_printf(&r->body, "<button class=\"ds-button\" data-variant=\"primary\" type=\"submit\">%s</button></form>",
                T(r, "Lagre verdien"));
}

/* The target form's field ids, by ValueField. */
static const char *const g_target_fields[VF_COUNT + 1] = {"target_ministry", "target_period", "target_value", "",
                                                          "", NULL};

static void target_form(Req *r, const Indicator *ind, const FormErrors *fe)
{
    MinistryOption *m;
    size_t nm = 0;
    record_ministry_options(r->db, r->arena, &m, &nm, NULL);
    html_printf(&r->body, "<h2 class=\"ds-heading\" data-size=\"md\" id=\"target\">%s</h2><form class=\"form-narrow\" "
                          "method=\"post\" action=\"/indicators/%lld/targets#target\" novalidate>",
                T(r, "Sett et mål"), (long long)ind->id);
    fv_error_summary(r, fe, NULL);
    view_csrf(&r->body, r);
    bool posted = fe && fe->n;
    fv_ministry_select(r, "target_ministry", T(r, "Departement"), NULL, m, nm,
                       posted ? params_get(&r->form, "target_ministry") : NULL, T(r, "Hele departementsfellesskapet"),
                       fv_error_of(fe, "target_ministry"));
    fv_text(r, "target_period", T(r, "Periode"), NULL, posted ? params_get(&r->form, "target_period") : NULL, NULL,
            fv_error_of(fe, "target_period"), true);
    fv_text(r, "target_value", TF(r, "Mål (%s)", T(r, ind->unit)), T(r, "Tomt felt fjerner målet."),
            posted ? params_get(&r->form, "target_value") : NULL, NULL, fv_error_of(fe, "target_value"), false);
    html_printf(&r->body, "<button class=\"ds-button\" data-variant=\"secondary\" type=\"submit\">%s</button></form>",
                T(r, "Lagre målet"));
}

static int show(Req *r, int64_t id, const char *const in[VF_COUNT], const FormErrors *fe, int status)
{
    Indicator ind;
    Record rec;
    if (indicator_get(r->db, r->arena, r->viewer, id, &ind, NULL) ||
        record_get(r->db, r->arena, r->viewer, id, &rec, NULL)) {
        return view_error(r, 404, T(r, "Det finnes ikke noe nøkkeltall med denne adressen."));
    }
    r->title = fview_name(r, &ind);
    crumbs(r, r->title);
    html_printf(&r->body, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1>", r->title);
    view_notice(r);
    html_printf(&r->body, "<p class=\"ds-paragraph\"><span class=\"ds-tag\" data-color=\"neutral\">%s</span>",
                record_visibility_label(r, ind.visibility));
    if (str_eq(ind.visibility, "public")) {
        html_printf(&r->body, " <a class=\"ds-link\" href=\"/facts/%s\">%s</a>", ind.code,
                    T(r, "Se det på Fakta om departementene"));
    }
    if (may_manage(r)) {
        html_printf(&r->body, " <a class=\"ds-link\" href=\"/indicators/%lld/edit\">%s</a>", (long long)id,
                    T(r, "Endre nøkkeltallet"));
    }
    html_printf(&r->body, "</p>");
    indicator_facts(r, &ind);
    if (may_manage(r)) {
        static const char *const none[VF_COUNT] = {0};
        bool target = fe && fe->n && fe->v[0].field && str_has_prefix(fe->v[0].field, "target_");
        value_form(r, &ind, in ? in : none, target ? NULL : fe);
        target_form(r, &ind, target ? fe : NULL);
    }
    indicator_charts_section(r, false, &ind, arena_printf(r->arena, "/api/v1/indicators/%lld", (long long)id),
                             arena_printf(r->arena, "/indicators/%lld", (long long)id));
    record_sections(r, &rec);
    html_printf(&r->body, "<p class=\"ds-paragraph\"><a class=\"ds-link\" href=\"/records/%lld/history\">%s</a></p>",
                (long long)id, T(r, "Se alle endringer og tidligere verdier"));
    return req_status(r, status);
}

int indicator_show_page(Req *r)
{
    long long id;
    if (!parse_int(r->args[0], 1, INT64_MAX, &id)) {
        return view_error(r, 404, T(r, "Det finnes ikke noe nøkkeltall med denne adressen."));
    }
    bool tx = db_read_begin(r->db);
    int status = show(r, id, NULL, NULL, 200);
    db_read_end(r->db, tx);
    return status;
}

int indicator_value_post(Req *r)
{
    long long id;
    if (!parse_int(r->args[0], 1, INT64_MAX, &id)) {
        return view_error(r, 404, NULL);
    }
    const char *in[VF_COUNT];
    for (int k = 0; k < VF_COUNT; k++) {
        in[k] = params_get(&r->form, g_value_fields[k]);
    }
    FormProblem p[VF_COUNT];
    size_t np = 0;
    Err e = {0};
    int rc = indicator_value_set(r->db, r->viewer, r->client, id, in, p, &np, &e);
    if (!rc) {
        return view_redirect_done(r, arena_printf(r->arena, "/indicators/%lld", id), "value_saved");
    }
    if (!np) {
        return view_error(r, fv_status(&e), fv_error_text(r, &e));
    }
    FormErrors fe = {0};
    fv_problems(r, &fe, p, np, g_value_fields);
    return show(r, id, in, &fe, 400);
}

int indicator_target_post(Req *r)
{
    long long id;
    if (!parse_int(r->args[0], 1, INT64_MAX, &id)) {
        return view_error(r, 404, NULL);
    }
    FormProblem p[VF_COUNT];
    size_t np = 0;
    Err e = {0};
    int rc = indicator_target_set(r->db, r->viewer, r->client, id, params_get(&r->form, "target_ministry"),
                                  params_get(&r->form, "target_period"), params_get(&r->form, "target_value"), p, &np,
                                  &e);
    if (!rc) {
        return view_redirect_done(r, arena_printf(r->arena, "/indicators/%lld", id), "target_saved");
    }
    if (!np) {
        return view_error(r, fv_status(&e), fv_error_text(r, &e));
    }
    FormErrors fe = {0};
    fv_problems(r, &fe, p, np, g_target_fields);
    return show(r, id, NULL, &fe, 400);
}

/* ---- import ---------------------------------------------------------------------------------- */

static void import_intro(Req *r)
{
    r->title = T(r, "Importer nøkkeltall");
    crumbs(r, T(r, "Importer"));
    html_printf(&r->body, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1><p class=\"ds-paragraph\">%s</p>"
                          "<p class=\"ds-paragraph\">%s</p>",
                r->title,
                T(r, "Last opp et JSON-stat 2.0-datasett, slik SSB og andre statistikkbyråer leverer det, eller et "
                     "regneark (CSV eller XLSX) med kolonnene indikator, departement, periode og verdi (og gjerne kilde "
                     "og merknad)."),
                T(r, "Hele filen blir kontrollert først, og du ser hva som blir nytt og endret før noe blir lagret. "
                     "Har filen feil, blir ingenting lagret."));
}

static void upload_form(Req *r)
{
    html_printf(&r->body, "<form class=\"form-narrow\" method=\"post\" action=\"/indicators/import\" "
                          "enctype=\"multipart/form-data\">");
    view_csrf(&r->body, r);
    html_printf(&r->body, "<div class=\"ds-field\"><label class=\"ds-label\" for=\"file\">%s</label>"
                          "<div data-field=\"description\" id=\"file-desc\">%s</div><input class=\"ds-input\" "
                          "type=\"file\" id=\"file\" name=\"file\" required accept=\".json,.csv,.xlsx,application/json,"
                          "text/csv\" aria-describedby=\"file-desc\"></div><button class=\"ds-button\" "
                          "data-variant=\"primary\" type=\"submit\" name=\"action\" value=\"check\">%s</button></form>",
                T(r, "Fil"), T(r, "JSON-stat (.json), CSV (.csv) eller Excel (.xlsx)."), T(r, "Kontroller filen"));
}

int figure_import_page(Req *r)
{
    import_intro(r);
    upload_form(r);
    html_printf(&r->body, "<p class=\"ds-paragraph\"><a class=\"ds-link\" href=\"/indicators/import/example\" "
                          "download>%s</a> %s</p>",
                T(r, "Last ned en eksempelfil"),
                T(r, "(JSON-stat med ansatte i 2026 for hele fellesskapet og hvert departement; tallene er "
                     "illustrative)."));
    return 200;
}

int figure_import_example(Req *r)
{
    const EmbedFile *f = embed_find("demo/figures-2026.json");
    if (!f) {
        return req_status(r, 404);
    }
    buf_reset(&r->body);
    buf_append(&r->body, f->data, embed_len(f));
    r->content_type = "application/json; charset=utf-8";
    req_header(r, "Content-Disposition", "attachment; filename=\"ansatte-2026.json\"");
    r->raw = true;
    return req_status(r, 200);
}

static const char *action_label(FigureAction a)
{
    return a == FIG_NEW ? N_("Ny") : a == FIG_CHANGE ? N_("Endres") : N_("Uendret");
}

static void problems_html(Req *r, const FigureImport *imp)
{
    html_printf(&r->body, "<div class=\"ds-alert\" data-color=\"danger\" role=\"alert\" id=\"import-errors\">"
                          "<p class=\"ds-paragraph\">%s %s</p></div>"
                          "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"%s\"><table "
                          "class=\"ds-table\" data-border id=\"problems\"><caption>%s</caption><thead><tr>"
                          "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                          "</tr></thead><tbody>",
                TF(r, "Filen har %zu feil.", imp->nproblems + imp->more), T(r, "Ingenting er lagret."),
                T(r, "Feil i filen"), T(r, "Feil i filen"),
                str_eq(imp->format, "csv") ? T(r, "Linje") : T(r, "Posisjon"), T(r, "Hvor"), T(r, "Feil"));
    for (size_t i = 0; i < imp->nproblems; i++) {
        const FigureProblem *p = &imp->problems[i];
        html_printf(&r->body, "<tr><td class=\"num\">%s</td><td>%s</td><td>%s</td></tr>",
                    p->pos ? arena_printf(r->arena, "%d", p->pos) : T(r, "Hele filen"), p->where ? p->where : "–",
                    fv_msg(r, p->msg, p->arg));
    }
    html_printf(&r->body, "</tbody></table></div>");
}

/* The checked file for the hidden field: text as it is, an XLSX workbook
 * (binary) as base64 (field data_b64). */
static void hidden_file(Req *r, const FigureImport *imp, const char *data, size_t len)
{
    if (str_eq(imp->format, "xlsx")) {
        size_t n = sodium_base64_encoded_len(len, sodium_base64_VARIANT_ORIGINAL);
        char *b64 = arena_alloc(r->arena, n);
        sodium_bin2base64(b64, n, (const unsigned char *)data, len, sodium_base64_VARIANT_ORIGINAL);
        html_printf(&r->body, "<input type=\"hidden\" name=\"data_b64\" value=\"%s\">", b64);
    } else {
        html_printf(&r->body, "<input type=\"hidden\" name=\"data\" value=\"%s\">", data);
    }
}

static void preview_html(Req *r, const FigureImport *imp, const char *filename, const char *data, size_t len)
{
    if (imp->applied) {
        html_printf(&r->body, "<div class=\"ds-alert\" data-color=\"success\" role=\"status\"><p class=\"ds-paragraph\">"
                              "%s</p></div>",
                    TF(r, "Tallene er lagret: %zu nye, %zu endret, %zu uendret. De åpne nøkkeltallene er oppdatert "
                          "på Fakta om departementene.", imp->create, imp->change, imp->unchanged));
    } else {
        html_printf(&r->body, "<div class=\"ds-alert\" data-color=\"info\" role=\"status\" id=\"import-preview\">"
                              "<p class=\"ds-paragraph\">%s</p></div>",
                    TF(r, "Filen er i orden: %zu nye, %zu endret, %zu uendret. Ingenting er lagret ennå.",
                       imp->create, imp->change, imp->unchanged));
    }
    if (imp->create + imp->change) {
        const char *cap = imp->applied ? T(r, "Lagrede endringer") : T(r, "Endringer som blir lagret");
        html_printf(&r->body, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"%s\"><table "
                              "class=\"ds-table\" data-border id=\"changes\"><caption>%s</caption><thead><tr>"
                              "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                              "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
                              "<th scope=\"col\">%s</th></tr></thead><tbody>",
                    cap, cap, T(r, "Nøkkeltall"), T(r, "Departement"), T(r, "Periode"), T(r, "Før"), T(r, "Nå"),
                    T(r, "Endring"));
        for (size_t i = 0; i < imp->nrows; i++) {
            const FigureChange *c = &imp->rows[i];
            if (c->action == FIG_SAME) {
                continue;
            }
            html_printf(&r->body, "<tr data-action=\"%s\"><td>%s</td><td>%s</td><td>%s</td><td class=\"num\">%s</td>"
                                  "<td class=\"num\">%s</td><td>%s</td></tr>",
                        c->action == FIG_NEW ? "new" : "change", c->indicator,
                        c->ministry ? c->ministry : T(r, "Hele fellesskapet"), c->period,
                        c->had ? fview_num(r, c->old, 3) : "–", fview_num(r, c->value, 3),
                        T(r, action_label(c->action)));
        }
        html_printf(&r->body, "</tbody></table></div>");
    }
    if (!imp->applied && imp->create + imp->change) {
        html_printf(&r->body, "<form method=\"post\" action=\"/indicators/import\">");
        view_csrf(&r->body, r);
        html_printf(&r->body, "<input type=\"hidden\" name=\"filename\" value=\"%s\">", filename);
        hidden_file(r, imp, data, len);
        html_printf(&r->body, "<button class=\"ds-button\" data-variant=\"primary\" type=\"submit\" name=\"action\" "
                              "value=\"apply\">%s</button></form>",
                    T(r, "Bruk endringene"));
    }
}

int figure_import_post(Req *r)
{
    const char *filename = NULL, *data = NULL;
    size_t len = 0;
    bool apply = false;
    if (r->content_type_in && str_has_prefix(r->content_type_in, "multipart/")) {
        Multipart mp;
        Err e = {0};
        if (multipart_parse(r->arena, r->content_type_in, r->body_in, r->body_in_len, r->body_in_len, &mp, &e)) {
            return view_error(r, 400, T(r, "Skjemaet kunne ikke leses. Last siden på nytt og prøv igjen."));
        }
        const MultipartPart *file = multipart_get(&mp, "file");
        if (file && file->len) {
            filename = file->filename ? file->filename : "fil";
            char *copy = arena_alloc(r->arena, file->len + 1); /* binary (XLSX) too: no strndup */
            memcpy(copy, file->data, file->len);
            copy[file->len] = 0;
            data = copy;
            len = file->len;
        }
    } else {
        filename = params_get(&r->form, "filename");
        data = params_get(&r->form, "data");
        len = data ? strlen(data) : 0;
        const char *b64 = params_get(&r->form, "data_b64");
        if (b64 && *b64) {
            size_t cap = strlen(b64), n = 0;
            unsigned char *bin = arena_alloc(r->arena, cap + 1);
            if (sodium_base642bin(bin, cap, b64, strlen(b64), NULL, &n, NULL, sodium_base64_VARIANT_ORIGINAL)) {
                return view_error(r, 400, T(r, "Skjemaet kunne ikke leses. Last siden på nytt og prøv igjen."));
            }
            data = (const char *)bin;
            len = n;
        }
        apply = str_eq(params_get(&r->form, "action"), "apply");
    }
    if (!data || !len) {
        import_intro(r);
        view_form_error(&r->body, T(r, "Velg en fil å importere."));
        upload_form(r);
        return req_status(r, 400);
    }
    FigureImport imp;
    Err e = {0};
    int rc = figure_import(r->db, r->arena, r->viewer, r->client, filename, data, len, apply, &imp, &e);
    if (rc == E_FORBIDDEN || rc == E_DB) {
        return view_error(r, fv_status(&e), fv_error_text(r, &e));
    }
    import_intro(r);
    if (rc) {
        problems_html(r, &imp);
    } else {
        preview_html(r, &imp, filename, data, len);
    }
    if (rc || imp.applied || !(imp.create + imp.change)) {
        html_printf(&r->body, "<h2 class=\"ds-heading\" data-size=\"md\">%s</h2>", T(r, "Importer en annen fil"));
        upload_form(r);
    }
    return req_status(r, rc ? 422 : 200);
}
