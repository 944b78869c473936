/* group_view.c: see group_view.h. */
#include "app/group/group_view.h"

#include <stdlib.h>
#include <string.h>

#include "app/core/i18n.h"
#include "app/core/view.h"
#include "app/group/ladder_svg.h"
#include "base/html.h"
#include "base/util.h"

void gv_step_select(Req *r, const char *id, const char *label, const char *hint, int value, const char *err,
                    bool allow_none)
{
    fv_select_open(r, id, label, hint, err);
    if (allow_none) {
        view_option(&r->body, "", T(r, "Velg trinn"), value == 0);
    }
    for (int s = 1; s <= LADDER_STEPS; s++) {
        view_option(&r->body, arena_printf(r->arena, "%d", s), gv_step(r, s), value == s);
    }
    fv_select_close(r, id, err);
}

const char *gv_step(Req *r, int step)
{
    if (step < 1 || step > LADDER_STEPS) {
        return "–";
    }
    return arena_printf(r->arena, "%d – %s", step, T(r, ladder_step_label(step)));
}

const char *gv_step_short(Req *r, int step)
{
    if (step < 1 || step > LADDER_STEPS) {
        return "–";
    }
    return arena_printf(r->arena, "%d %s", step, T(r, ladder_step_short(step)));
}

const char *gv_year_ago(Req *r, const char *iso)
{
    if (!iso || !date_valid(iso)) {
        return iso;
    }
    const char *out = arena_printf(r->arena, "%.4d%s", atoi(iso) - 1, iso + 4);
    if (!date_valid(out)) {   /* 29 February */
        out = arena_printf(r->arena, "%.4d-02-28", atoi(iso) - 1);
    }
    return out;
}

void gv_tabs(Req *r, const char *current)
{
    static const struct {
        const char *href, *label;
    } tabs[] = {{"/groups", N_("Grupper")}, {"/ladder", N_("Samordningsstigen")}, {"/problems", N_("Problemer")}};
    html_printf(&r->body, "<nav class=\"sub-nav\" aria-label=\"%s\"><ul>", T(r, "Samarbeid på tvers"));
    for (size_t i = 0; i < COUNT(tabs); i++) {
        if (str_eq(current, tabs[i].href)) {
            html_printf(&r->body, "<li><a class=\"ds-link\" href=\"%s\" aria-current=\"page\">%s</a></li>",
                        tabs[i].href, T(r, tabs[i].label));
        } else {
            html_printf(&r->body, "<li><a class=\"ds-link\" href=\"%s\">%s</a></li>", tabs[i].href,
                        T(r, tabs[i].label));
        }
    }
    html_printf(&r->body, "</ul></nav>");
}

void gv_visibility_tag(Req *r, const Record *rec)
{
    if (str_eq(rec->visibility, "restricted")) {
        html_printf(&r->body, " <span class=\"ds-tag\" data-color=\"warning\">%s</span>", T(r, "Begrenset tilgang"));
    } else if (str_eq(rec->visibility, "internal")) {
        html_printf(&r->body, " <span class=\"ds-tag\" data-color=\"neutral\">%s</span>", T(r, "Intern"));
    }
}

void gv_group_tags(Req *r, const Group *g)
{
    if (g->overdue) {
        html_printf(&r->body, " <span class=\"ds-tag overdue\" data-color=\"danger\">%s</span>", T(r, "Over sluttdato"));
    }
    if (g->closed_on) {
        html_printf(&r->body, " <span class=\"ds-tag\" data-color=\"neutral\">%s</span>", T(r, "Avsluttet"));
    }
    gv_visibility_tag(r, &g->rec);
}

long long gv_record_id(const char *s)
{
    if (!s) {
        return 0;
    }
    while (*s == ' ' || *s == '\t') {
        s++;
    }
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '/')) {
        n--;
    }
    if (!n) {
        return 0;
    }
    /* The last path segment: digits only.  A leading '#' or «nr.» is not
     * asked for; anything else is not a record number. */
    size_t start = n;
    while (start && s[start - 1] >= '0' && s[start - 1] <= '9') {
        start--;
    }
    if (start == n || n - start > 15 || (start && s[start - 1] != '/' && s[start - 1] != '#')) {
        return -1;
    }
    long long id = 0;
    for (size_t i = start; i < n; i++) {
        id = id * 10 + (s[i] - '0');
    }
    return id ? id : -1;
}

void gv_ladder_chart(Req *r, const Group *g, const LadderChange *c, size_t n, const char *id)
{
    Buf *b = &r->body;
    LadderPoint *steps = arena_alloc(r->arena, (n + 1) * sizeof *steps);
    LadderPoint *targets = arena_alloc(r->arena, (n + 1) * sizeof *targets);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (!c[i].ministry_code) {
            steps[k] = (LadderPoint){c[i].on_date, c[i].step};
            targets[k] = (LadderPoint){c[i].on_date, c[i].target};
            k++;
        }
    }
    if (!k) {
        return;
    }
    char today[16];
    date_today(today, sizeof today);
    const char *to = g->closed_on ? g->closed_on : today;
    if (strcmp(to, steps[k - 1].date) < 0) {
        to = steps[k - 1].date;
    }
    const char *from = arena_printf(r->arena, "%.4s-01-01", steps[0].date);
    LadderLine lines[] = {
        {T(r, "Trinn"), steps, k, LSVG_SOLID, 1},
        {T(r, "Mål"), targets, k, LSVG_DASHED, 0},
    };
    LadderChart ch = {
        .id = id,
        .title = TF(r, "Samordningsstigen for %s over tid", g->rec.title),
        .desc = TF(r, "Trinn %d av 4 nå, målet er trinn %d. %zu endringer siden %s.", g->step, g->target, k,
                   view_date(r, steps[0].date)),
        .from = from,
        .to = to,
        .lines = lines,
        .nlines = COUNT(lines),
    };
    for (int s = 1; s <= LADDER_STEPS; s++) {
        ch.step_labels[s] = gv_step_short(r, s);
    }
    html_printf(b, "<figure class=\"chart\">");
    ladder_svg(b, &ch);
    html_printf(b, "</figure><div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"%s\"><table class=\"ds-table\" data-border id=\"%s-table\">"
                   "<caption>%s</caption><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                   "<th scope=\"col\">%s</th></tr></thead><tbody>",
                T(r, "Trinn og mål over tid (tabell)"), id, T(r, "Trinn og mål over tid (tabell)"), T(r, "Dato"), T(r, "Trinn"), T(r, "Mål"));
    for (size_t i = 0; i < k; i++) {
        html_printf(b, "<tr><td class=\"nowrap\">%s</td><td>%s</td><td>%s</td></tr>", view_date(r, steps[i].date),
                    gv_step(r, steps[i].step), gv_step(r, targets[i].step));
    }
    html_printf(b, "</tbody></table></div>");
}
