/* ministry_page.c: the ministry list and one page per ministry (HTML).
 * Thin over ministry.c and measure.c; no SQL here.
 */
#include <strings.h>

#include "app/strategy/strategy_handlers.h"
#include "app/measure/measure.h"
#include "app/strategy/strategy.h"
#include "app/core/view.h"
#include "base/html.h"
#include "base/util.h"

int ministry_list_page(Req *r)
{
    Ministry *m;
    size_t n;
    Buf *b = &r->body;
    if (ministry_list(r->db, r->arena, r->viewer, MINISTRY_CURRENT, &m, &n, NULL)) {
        return 500;
    }
    r->title = "Departementene";
    req_crumb(r, "Departementene", NULL);
    html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">Departementene</h1>"
                   "<p class=\"ds-paragraph lead\">Departementsfellesskapet er %zu departementer og "
                   "Statsministerens kontor.</p>", n ? n - 1 : 0);
    html_printf(b, "<div class=\"table-wrap\"><table class=\"ds-table\" data-border><caption class=\"ds-sr-only\">Departementer og "
                   "Statsministerens kontor, i alfabetisk rekkefølge</caption><thead><tr>"
                   "<th scope=\"col\">Navn</th><th scope=\"col\">Forkortelse</th>"
                   "<th scope=\"col\">Ansvarlig for tiltak</th></tr></thead><tbody>");
    for (size_t i = 0; i < n; i++) {
        html_printf(b, "<tr><td><a class=\"ds-link\" href=\"/ministries/%s\">%s</a></td><td>%s</td><td>%d</td></tr>",
                    url_enc(r->arena, m[i].code), m[i].name_nb, m[i].code, m[i].measure_count);
    }
    html_printf(b, "</tbody></table></div>");
    return 200;
}

int ministry_show_page(Req *r)
{
    Ministry m;
    Buf *b = &r->body;
    if (ministry_get(r->db, r->arena, r->viewer, r->args[0], &m, NULL)) {
        return view_error(r, 404, "Det finnes ikke noe departement med denne forkortelsen.");
    }
    r->title = m.name_nb;
    req_crumb(r, "Departementene", "/ministries");
    req_crumb(r, m.code, NULL);
    html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1>", m.name_nb);
    if (m.valid_to) {
        html_printf(b, "<div class=\"ds-alert\" data-color=\"info\"><p class=\"ds-paragraph\">Dette er et tidligere "
                       "navn, brukt til og med %s.", view_date(r->arena, m.valid_to));
        if (m.successor_code) {
            html_printf(b, " Nå: <a class=\"ds-link\" href=\"/ministries/%s\">%s</a>.",
                        url_enc(r->arena, m.successor_code), m.successor_name);
        }
        html_printf(b, "</p></div>");
    }
    html_printf(b, "<dl class=\"facts\"><dt>Forkortelse</dt><dd>%s</dd><dt>Nynorsk</dt><dd lang=\"nn\">%s</dd>"
                   "<dt>Engelsk</dt><dd lang=\"en\">%s</dd>",
                m.code, m.name_nn, m.name_en);
    if (m.valid_from) {
        html_printf(b, "<dt>Navnet gjelder fra</dt><dd>%s</dd>", view_date(r->arena, m.valid_from));
    }
    if (!m.is_ministry) {
        html_printf(b, "<dt>Type</dt><dd>Del av regjeringsapparatet, ikke et departement</dd>");
    }
    html_printf(b, "</dl>");
    Ministry *prev;
    size_t np;
    if (ministry_predecessors(r->db, r->arena, r->viewer, m.id, &prev, &np, NULL) == 0 && np) {
        html_printf(b, "<h2 class=\"ds-heading\" data-size=\"md\">Tidligere navn</h2><ul class=\"ds-list\">");
        for (size_t i = 0; i < np; i++) {
            html_printf(b, "<li><a class=\"ds-link\" href=\"/ministries/%s\">%s (%s)</a>, til og med %s</li>",
                        url_enc(r->arena, prev[i].code), prev[i].name_nb, prev[i].code,
                        view_date(r->arena, prev[i].valid_to));
        }
        html_printf(b, "</ul>");
    }
    MeasureFilter f = {.owner_code = m.code};
    Measure *ms;
    size_t nm;
    if (measure_list(r->db, r->arena, r->viewer, &f, &ms, &nm, NULL)) {
        return 500;
    }
    html_printf(b, "<h2 class=\"ds-heading\" data-size=\"md\">Tiltak</h2>");
    view_measure_table(b, arena_printf(r->arena, "Tiltak der %s er ansvarlig eller deltar", m.code), ms, nm,
                       true, true, "Departementet er ikke ansvarlig for eller deltar i noen tiltak.");
    return 200;
}

void view_ministry_select(Req *r, const char *id, const char *label, const char *selected, const char *empty_label)
{
    Buf *b = &r->body;
    Ministry *m;
    size_t n = 0;
    ministry_list(r->db, r->arena, r->viewer, MINISTRY_CURRENT, &m, &n, NULL);
    html_printf(b, "<div class=\"ds-field\"><label class=\"ds-label\" for=\"%s\">%s</label>"
                   "<select class=\"ds-input\" id=\"%s\" name=\"%s\">", id, label, id, id);
    view_option(b, "", empty_label, !selected || !*selected);
    for (size_t i = 0; i < n; i++) {
        view_option(b, m[i].code, m[i].name_nb, selected && strcasecmp(selected, m[i].code) == 0);
    }
    html_printf(b, "</select></div>");
}
