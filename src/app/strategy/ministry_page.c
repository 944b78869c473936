/* ministry_page.c: the ministry list and one page per ministry (HTML).
 * Thin over ministry.c and measure.c; no SQL here.
 */
#include <stdlib.h>
#include <strings.h>

#include "app/strategy/strategy_handlers.h"
#include "app/measure/measure.h"
#include "app/strategy/strategy.h"
#include "app/core/view.h"
#include "base/collate.h"
#include "base/html.h"
#include "base/util.h"

const char *ministry_name(const Req *r, const Ministry *m)
{
    return TPICK(r, m->name_nb, m->name_nn, m->name_en);
}

static int by_name(const void *a, const void *b, void *lang)
{
    const Ministry *x = a, *y = b;
    int l = *(const int *)lang;
    return collate_nb_str(i18n_pick(l, x->name_nb, x->name_nn, x->name_en), i18n_pick(l, y->name_nb, y->name_nn, y->name_en));
}

/* The current ministries in alphabetical order of their names in the
 * request's language (the model sorts by the bokmål name). */
static int ministries_sorted(Req *r, Ministry **m, size_t *n)
{
    if (ministry_list(r->db, r->arena, r->viewer, MINISTRY_CURRENT, m, n, NULL)) {
        return -1;
    }
    if (r->lang != LANG_NB && *n > 1) {
        qsort_r(*m, *n, sizeof **m, by_name, &r->lang);
    }
    return 0;
}

int ministry_list_page(Req *r)
{
    Ministry *m;
    size_t n;
    Buf *b = &r->body;
    if (ministries_sorted(r, &m, &n)) {
        return 500;
    }
    r->title = T(r, "Departementene");
    req_crumb(r, r->title, NULL);
    html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1><p class=\"ds-paragraph lead\">%s</p>", r->title,
                TF(r, "Departementsfellesskapet er %zu departementer og Statsministerens kontor.", n ? n - 1 : 0));
    html_printf(b, "<div class=\"table-wrap\"><table class=\"ds-table\" data-border><caption class=\"ds-sr-only\">%s"
                   "</caption><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                   "<th scope=\"col\">%s</th></tr></thead><tbody>",
                T(r, "Departementer og Statsministerens kontor, i alfabetisk rekkefølge"), T(r, "Navn"),
                T(r, "Forkortelse"), T(r, "Ansvarlig for tiltak"));
    for (size_t i = 0; i < n; i++) {
        html_printf(b, "<tr><td><a class=\"ds-link\" href=\"/ministries/%s\">%s</a></td><td>%s</td><td>%d</td></tr>",
                    url_enc(r->arena, m[i].code), ministry_name(r, &m[i]), m[i].code, m[i].measure_count);
    }
    html_printf(b, "</tbody></table></div>");
    return 200;
}

int ministry_show_page(Req *r)
{
    Ministry m;
    Buf *b = &r->body;
    if (ministry_get(r->db, r->arena, r->viewer, r->args[0], &m, NULL)) {
        return view_error(r, 404, T(r, "Det finnes ikke noe departement med denne forkortelsen."));
    }
    r->title = ministry_name(r, &m);
    req_crumb(r, T(r, "Departementene"), "/ministries");
    req_crumb(r, m.code, NULL);
    html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1>", r->title);
    if (m.valid_to) {
        html_printf(b, "<div class=\"ds-alert\" data-color=\"info\"><p class=\"ds-paragraph\">%s",
                    TF(r, "Dette er et tidligere navn, brukt til og med %s.", view_date(r, m.valid_to)));
        if (m.successor_code) {
            html_printf(b, " %s: <a class=\"ds-link\" href=\"/ministries/%s\">%s</a>.", T(r, "Nå"),
                        url_enc(r->arena, m.successor_code),
                        TPICK(r, m.successor_name, m.successor_name_nn, m.successor_name_en));
        }
        html_printf(b, "</p></div>");
    }
    html_printf(b, "<dl class=\"facts\"><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd lang=\"nb\">%s</dd>"
                   "<dt>%s</dt><dd lang=\"nn\">%s</dd><dt>%s</dt><dd lang=\"en\">%s</dd>",
                T(r, "Forkortelse"), m.code, T(r, "Bokmål"), m.name_nb, T(r, "Nynorsk"), m.name_nn, T(r, "Engelsk"),
                m.name_en);
    if (m.valid_from) {
        html_printf(b, "<dt>%s</dt><dd>%s</dd>", T(r, "Navnet gjelder fra"), view_date(r, m.valid_from));
    }
    if (!m.is_ministry) {
        html_printf(b, "<dt>%s</dt><dd>%s</dd>", T(r, "Type"), T(r, "Del av regjeringsapparatet, ikke et departement"));
    }
    html_printf(b, "</dl>");
    Ministry *prev;
    size_t np;
    if (ministry_predecessors(r->db, r->arena, r->viewer, m.id, &prev, &np, NULL) == 0 && np) {
        html_printf(b, "<h2 class=\"ds-heading\" data-size=\"md\">%s</h2><ul class=\"ds-list\">", T(r, "Tidligere navn"));
        for (size_t i = 0; i < np; i++) {
            html_printf(b, "<li><a class=\"ds-link\" href=\"/ministries/%s\">%s (%s)</a>, %s</li>",
                        url_enc(r->arena, prev[i].code), ministry_name(r, &prev[i]), prev[i].code,
                        TF(r, "til og med %s", view_date(r, prev[i].valid_to)));
        }
        html_printf(b, "</ul>");
    }
    MeasureFilter f = {.owner_code = m.code};
    Measure *ms;
    size_t nm;
    if (measure_list(r->db, r->arena, r->viewer, &f, &ms, &nm, NULL)) {
        return 500;
    }
    /* The list holds both the measures it owns and those it takes part in:
     * show them apart, so the page says which is which. */
    Measure *own = arena_alloc(r->arena, (nm ? nm : 1) * sizeof *own);
    Measure *part = arena_alloc(r->arena, (nm ? nm : 1) * sizeof *part);
    size_t no = 0, npart = 0;
    for (size_t i = 0; i < nm; i++) {
        if (str_eq(ms[i].owner_code, m.code)) {
            own[no++] = ms[i];
        } else {
            part[npart++] = ms[i];
        }
    }
    html_printf(b, "<h2 class=\"ds-heading\" data-size=\"md\">%s</h2>", T(r, "Tiltak departementet er ansvarlig for"));
    view_measure_table(r, b, TF(r, "Tiltak der %s er ansvarlig", m.code), own, no, true, false,
                       T(r, "Departementet er ikke ansvarlig for noen tiltak."));
    html_printf(b, "<h2 class=\"ds-heading\" data-size=\"md\">%s</h2>", T(r, "Tiltak departementet deltar i"));
    view_measure_table(r, b, TF(r, "Tiltak der %s deltar", m.code), part, npart, true, true,
                       T(r, "Departementet deltar ikke i tiltak som et annet departement er ansvarlig for."));
    return 200;
}

void view_ministry_select(Req *r, const char *id, const char *label, const char *selected, const char *empty_label)
{
    Buf *b = &r->body;
    Ministry *m = NULL;
    size_t n = 0;
    ministries_sorted(r, &m, &n);
    html_printf(b, "<div class=\"ds-field\"><label class=\"ds-label\" for=\"%s\">%s</label>"
                   "<select class=\"ds-input\" id=\"%s\" name=\"%s\">", id, label, id, id);
    view_option(b, "", empty_label, !selected || !*selected);
    for (size_t i = 0; i < n; i++) {
        view_option(b, m[i].code, ministry_name(r, &m[i]), selected && strcasecmp(selected, m[i].code) == 0);
    }
    html_printf(b, "</select></div>");
}
