/* measure_view.c: HTML pieces for measures that pages of other domains
 * show too (a ministry's measures, a target area's measures).  Declared in
 * measure.h. */
#include "app/measure/measure.h"

#include "app/core/view.h"
#include "base/html.h"
#include "base/util.h"

void view_status_tag(Buf *b, const Measure *m)
{
    html_printf(b, "<span class=\"ds-tag\" data-color=\"%s\">%s</span>", m->status_color ? m->status_color : "neutral",
                m->status_label ? m->status_label : m->status);
}

void view_measure_table(Buf *b, const char *caption, const Measure *m, size_t n, bool show_area,
                        bool show_owner, const char *empty)
{
    if (n == 0) {
        html_printf(b, "<p class=\"ds-paragraph\">%s</p>", empty);
        return;
    }
    html_printf(b, "<div class=\"table-wrap\"><table class=\"ds-table\" data-border>"
                   "<caption class=\"ds-sr-only\">%s</caption><thead><tr><th scope=\"col\">Nr.</th>"
                   "<th scope=\"col\">Tiltak</th>",
                caption);
    if (show_area) {
        html_printf(b, "<th scope=\"col\">Målområde</th>");
    }
    if (show_owner) {
        html_printf(b, "<th scope=\"col\">Ansvarlig</th>");
    }
    html_printf(b, "<th scope=\"col\">Status</th><th scope=\"col\">Fremdrift</th><th scope=\"col\">Frist</th>"
                   "</tr></thead><tbody>");
    for (size_t i = 0; i < n; i++) {
        html_printf(b, "<tr><td>%s</td><td><a class=\"ds-link\" href=\"/measures/%lld\">%s</a></td>",
                    m[i].number, (long long)m[i].id, m[i].title);
        if (show_area) {
            if (m[i].goal_area_number) {
                html_printf(b, "<td>%d</td>", m[i].goal_area_number);
            } else {
                html_printf(b, "<td>–</td>");
            }
        }
        if (show_owner) {
            if (m[i].owner_code) {
                html_printf(b, "<td><abbr title=\"%s\">%s</abbr></td>", m[i].owner_name, m[i].owner_code);
            } else {
                html_printf(b, "<td>Ikke avklart</td>");
            }
        }
        html_printf(b, "<td>");
        view_status_tag(b, &m[i]);
        if (m[i].risk) {
            html_printf(b, " <span class=\"risk risk-%s\">%s</span>", m[i].risk, risk_label(m[i].risk));
        }
        html_printf(b, "</td><td class=\"num\">%d %%</td><td class=\"nowrap\">%s</td></tr>", m[i].progress,
                    m[i].end_date ? view_short_date(m[i].end_date) : "–");
    }
    html_printf(b, "</tbody></table></div>");
}
