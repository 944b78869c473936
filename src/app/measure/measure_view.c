/* measure_view.c: HTML pieces for measures that pages of other domains
 * show too (a ministry's measures, a target area's measures), in the
 * request's language.  Declared in measure.h. */
#include "app/measure/measure.h"

#include "app/core/view.h"
#include "base/html.h"
#include "base/util.h"

const char *measure_status_text(const Req *r, const Measure *m)
{
    const char *l = TPICK(r, m->status_label, m->status_label_nn, m->status_label_en);
    return l ? l : m->status;
}

const char *measure_owner_text(const Req *r, const Measure *m)
{
    return TPICK(r, m->owner_name, m->owner_name_nn, m->owner_name_en);
}

const char *status_text(const Req *r, const MeasureStatus *st)
{
    return TPICK(r, st->label, st->label_nn, st->label_en);
}

void view_status_tag(const Req *r, Buf *b, const Measure *m)
{
    html_printf(b, "<span class=\"ds-tag\" data-color=\"%s\">%s</span>", m->status_color ? m->status_color : "neutral",
                measure_status_text(r, m));
}

void view_marking_tag(const Req *r, Buf *b, const Measure *m)
{
    if (str_eq(m->visibility, "internal") || str_eq(m->visibility, "restricted")) {
        html_printf(b, " <span class=\"ds-tag marking\" data-color=\"%s\" data-size=\"sm\">%s</span>",
                    str_eq(m->visibility, "internal") ? "warning" : "danger", T(r, visibility_label(m->visibility)));
    }
}

void view_measure_table(Req *r, Buf *b, const char *caption, const Measure *m, size_t n, bool show_area,
                        bool show_owner, const char *empty)
{
    if (n == 0) {
        html_printf(b, "<p class=\"ds-paragraph\">%s</p>", empty);
        return;
    }
    /* On a phone, number, title and status stay; the rest moves into a
     * details row under each measure (assets/samla.css, .phone-fold). */
    html_printf(b, "<div class=\"table-wrap\"><table class=\"ds-table phone-fold\" data-border>"
                   "<caption class=\"ds-sr-only\">%s</caption><thead><tr><th scope=\"col\">%s</th>"
                   "<th scope=\"col\">%s</th>",
                caption, T(r, "Nr."), TC(r, "one", "Tiltak"));
    if (show_area) {
        html_printf(b, "<th scope=\"col\" class=\"col-more\">%s</th>", T(r, "Målområde"));
    }
    if (show_owner) {
        html_printf(b, "<th scope=\"col\" class=\"col-more\">%s</th>", T(r, "Ansvarlig"));
    }
    html_printf(b, "<th scope=\"col\">%s</th><th scope=\"col\" class=\"col-more\">%s</th>"
                   "<th scope=\"col\" class=\"col-more\">%s</th></tr></thead><tbody>",
                T(r, "Status"), T(r, "Fremdrift"), T(r, "Frist"));
    for (size_t i = 0; i < n; i++) {
        const char *progress = m[i].unpublished ? "–" : arena_printf(r->arena, "%d %%", m[i].progress);
        const char *deadline = m[i].end_date ? view_short_date(r, m[i].end_date) : "–";
        html_printf(b, "<tr><td>%s</td><td><a class=\"ds-link\" href=\"/measures/%lld\" lang=\"nb\">%s</a>",
                    m[i].number, (long long)m[i].id, m[i].title);
        view_marking_tag(r, b, &m[i]);
        html_printf(b, "</td>");
        if (show_area) {
            if (m[i].goal_area_number) {
                html_printf(b, "<td class=\"col-more\">%d</td>", m[i].goal_area_number);
            } else {
                html_printf(b, "<td class=\"col-more\">–</td>");
            }
        }
        if (show_owner) {
            if (m[i].owner_code) {
                html_printf(b, "<td class=\"col-more\"><abbr title=\"%s\">%s</abbr></td>", measure_owner_text(r, &m[i]),
                            m[i].owner_code);
            } else {
                html_printf(b, "<td class=\"col-more\">%s</td>", T(r, "Ikke avklart"));
            }
        }
        html_printf(b, "<td>");
        view_status_tag(r, b, &m[i]);
        if (m[i].risk) {
            html_printf(b, " <span class=\"risk risk-%s\">%s</span>", m[i].risk, T(r, risk_label(m[i].risk)));
        }
        html_printf(b, "</td><td class=\"num col-more\">%s</td><td class=\"nowrap col-more\">%s</td></tr>", progress,
                    deadline);
        html_printf(b, "<tr class=\"row-more\"><td colspan=\"3\">");
        if (show_owner) {
            html_printf(b, "%s: %s · ", T(r, "Ansvarlig"), m[i].owner_code ? m[i].owner_code : T(r, "Ikke avklart"));
        }
        html_printf(b, "%s: %s · %s: %s</td></tr>", T(r, "Fremdrift"), progress, T(r, "Frist"), deadline);
    }
    html_printf(b, "</tbody></table></div>");
}
