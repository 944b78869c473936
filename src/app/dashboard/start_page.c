/* start_page.c: an employee's start page (my groups, my tasks, my
 * meetings this week, where I was mentioned), the community page (the
 * groups the viewer may read, the ladder distribution, decisions of the
 * last 30 days), and the dashboards' tabs.  Each part comes from its
 * domain's door, filtered by the same access rule as everywhere else. */
#include <stdlib.h>
#include <string.h>

#include "app/core/i18n.h"
#include "app/core/notify.h"
#include "app/core/view.h"
#include "app/dashboard/dashboard_handlers.h"
#include "app/dashboard/dashboard_int.h"
#include "app/group/group.h"
#include "app/work/work.h"
#include "base/html.h"
#include "base/util.h"

void db_nav(Req *r, const char *current)
{
    static const struct {
        const char *code, *href, *label;
        uint32_t cap;
    } tabs[] = {{"dashboard", "/dashboard", N_("Departementets oversikt"), CAP_DASHBOARD},
                {"start", "/start", N_("Min side for arbeidet"), CAP_SIGNED_IN},
                {"community", "/community", N_("Fellesskapet"), CAP_PUBLIC}};
    html_printf(&r->body, "<nav class=\"sub-nav\" aria-label=\"%s\"><ul>", T(r, "Oversikter"));
    for (size_t i = 0; i < COUNT(tabs); i++) {
        if (!can(r->viewer, tabs[i].cap)) {
            continue;
        }
        html_printf(&r->body, "<li><a class=\"ds-link\" href=\"%s\"%s>%s</a></li>", tabs[i].href,
                    str_eq(current, tabs[i].code) ? " aria-current=\"page\"" : "", T(r, tabs[i].label));
    }
    html_printf(&r->body, "</ul></nav>");
}

/* iso moved by days, in r's arena (the civil calendar, Howard Hinnant's
 * days-from-civil algorithm). */
static const char *plus_days(Req *r, const char *iso, int days)
{
    int y = atoi(iso), m = atoi(iso + 5), d = atoi(iso + 8);
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long z = era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy + days;
    era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    d = (int)(doy - (153 * mp + 2) / 5 + 1);
    m = (int)(mp < 10 ? mp + 3 : mp - 9);
    y = (int)(yoe + era * 400) + (m <= 2);
    return arena_printf(r->arena, "%04d-%02d-%02d", y, m, d);
}

int start_page(Req *r)
{
    Buf *b = &r->body;
    const Viewer *v = r->viewer;
    r->title = T(r, "Min side for arbeidet");
    req_crumb(r, r->title, NULL);
    html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1><p class=\"ds-paragraph lead\">%s</p>", r->title,
                TF(r, "Hei, %s. Her er gruppene, oppgavene og møtene dine.", v->full_name ? v->full_name : v->username));
    db_nav(r, "start");
    html_printf(b, "<p class=\"ds-paragraph\"><a class=\"ds-link\" href=\"/meetings\">%s</a> · <a class=\"ds-link\" "
                   "href=\"/tasks\">%s</a> · <a class=\"ds-link\" href=\"/decisions\">%s</a> · <a class=\"ds-link\" "
                   "href=\"/interactions\">%s</a> · <a class=\"ds-link\" href=\"/account/calendar\">%s</a></p>",
                T(r, "Møter"), T(r, "Oppgaver"), T(r, "Vedtak"), T(r, "Samspill mellom mål"), T(r, "Kalenderen din"));
    bool tx = db_read_begin(r->db);
    Task *ts;
    size_t nt = 0;
    TaskFilter tf = {.mine = true, .open = true};
    task_list(r->db, r->arena, v, &tf, &ts, &nt, NULL);
    db_section_open(r, "my-tasks-h", T(r, "Mine oppgaver"));
    db_task_rows(r, ts, nt, T(r, "Du har ingen åpne oppgaver. Oppgaver du får fra vedtak og møter, kommer her."));
    db_section_close(r, "/tasks", T(r, "Alle mine oppgaver"));

    char today[16];
    date_today(today, sizeof today);
    Meeting *ms;
    size_t nm = 0;
    MeetingFilter mf = {.mine = true, .from = today, .to = plus_days(r, today, 7)};
    meeting_list(r->db, r->arena, v, &mf, &ms, &nm, NULL);
    db_section_open(r, "my-meetings-h", T(r, "Mine møter de neste sju dagene"));
    if (!nm) {
        html_printf(b, "<p class=\"ds-paragraph\">%s</p>", T(r, "Ingen møter de neste sju dagene."));
    } else {
        html_printf(b, "<ul class=\"ds-list\">");
        for (size_t i = 0; i < nm; i++) {
            html_printf(b, "<li><a class=\"ds-link\" href=\"/meetings/%lld\">%s</a> – %s %s</li>", (long long)ms[i].rec.id,
                        ms[i].rec.title, view_date(r, arena_strndup(r->arena, ms[i].starts_at, 10)), ms[i].starts_at + 11);
        }
        html_printf(b, "</ul>");
    }
    db_section_close(r, "/meetings", T(r, "Alle møter"));

    Group *gs;
    size_t ng = 0;
    GroupFilter gf = {.mine = true, .state = "active"};
    group_list(r->db, r->arena, v, &gf, &gs, &ng, NULL);
    db_section_open(r, "my-groups-h", T(r, "Mine grupper"));
    if (!ng) {
        html_printf(b, "<p class=\"ds-paragraph\">%s</p>", T(r, "Du er ikke med i noen grupper. Se gruppene og be lederen "
                                                              "om å bli lagt til."));
    } else {
        html_printf(b, "<ul class=\"ds-list\">");
        for (size_t i = 0; i < ng; i++) {
            html_printf(b, "<li><a class=\"ds-link\" href=\"/groups/%lld\">%s</a>%s</li>", (long long)gs[i].rec.id,
                        gs[i].rec.title,
                        gs[i].step ? arena_printf(r->arena, " – %s", TF(r, "trinn %d", gs[i].step)) : "");
        }
        html_printf(b, "</ul>");
    }
    db_section_close(r, "/groups?mine=1", T(r, "Gruppene mine"));

    Notification *ns;
    size_t nn = 0;
    NotifyFilter nf = {.limit = 50};
    notify_list(r->db, r->arena, v, &nf, &ns, &nn, NULL, NULL);
    db_section_open(r, "mentions-h", T(r, "Nevnt i kommentarer"));
    size_t shown = 0;
    for (size_t i = 0; i < nn && shown < 5; i++) {
        if (!str_eq(ns[i].type, NOTIFY_MENTION)) {
            continue;
        }
        if (!shown++) {
            html_printf(b, "<ul class=\"ds-list\">");
        }
        html_printf(b, "<li>%s: <a class=\"ds-link\" href=\"%s\">%s</a></li>", ns[i].actor_name ? ns[i].actor_name : "samla",
                    ns[i].url, ns[i].record_title);
    }
    if (shown) {
        html_printf(b, "</ul>");
    }
    if (!shown) {
        html_printf(b, "<p class=\"ds-paragraph\">%s</p>", T(r, "Ingen har nevnt deg i det siste."));
    }
    db_section_close(r, "/notifications", T(r, "Alle varsler"));
    db_read_end(r->db, tx);
    return 200;
}

int community_page(Req *r)
{
    Buf *b = &r->body;
    const Viewer *v = r->viewer;
    r->title = T(r, "Fellesskapet");
    req_crumb(r, r->title, NULL);
    html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1><p class=\"ds-paragraph lead\">%s</p>", r->title,
                T(r, "Gruppene på tvers av departementene, hvor de står på samordningsstigen, og det som er vedtatt "
                     "den siste måneden."));
    db_nav(r, "community");
    bool tx = db_read_begin(r->db);
    char today[16];
    date_today(today, sizeof today);
    LadderCount *lc;
    size_t nl = 0;
    ladder_community(r->db, r->arena, v, today, plus_days(r, today, -365), &lc, &nl, NULL);
    db_section_open(r, "ladder-h", T(r, "Samordningsstigen"));
    if (nl) {
        html_printf(b, "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"%s\"><table class=\"ds-table\" "
                       "data-border><caption>%s</caption><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                       "<th scope=\"col\">%s</th></tr></thead><tbody>",
                    T(r, "Grupper per trinn"), T(r, "Grupper per trinn"), T(r, "Trinn"), T(r, "Nå"), T(r, "For ett år siden"));
        for (int s = 1; s <= LADDER_STEPS; s++) {
            html_printf(b, "<tr><th scope=\"row\">%s</th><td class=\"num\">%d</td><td class=\"num\">%d</td></tr>",
                        TF(r, "%d – %s", s, T(r, ladder_step_short(s))), lc[0].now[s], lc[0].before[s]);
        }
        html_printf(b, "</tbody></table></div>");
    }
    db_section_close(r, "/ladder", T(r, "Samordningsstigen i detalj"));
    Group *gs;
    size_t ng = 0;
    GroupFilter gf = {.state = "active"};
    group_list(r->db, r->arena, v, &gf, &gs, &ng, NULL);
    db_section_open(r, "groups-h", T(r, "Grupper"));
    if (!ng) {
        html_printf(b, "<p class=\"ds-paragraph\">%s</p>", T(r, "Ingen grupper du har tilgang til."));
    } else {
        html_printf(b, "<ul class=\"ds-list\">");
        for (size_t i = 0; i < ng; i++) {
            html_printf(b, "<li><a class=\"ds-link\" href=\"/groups/%lld\">%s</a>%s</li>", (long long)gs[i].rec.id,
                        gs[i].rec.title,
                        gs[i].step ? arena_printf(r->arena, " – %s", TF(r, "trinn %d", gs[i].step)) : "");
        }
        html_printf(b, "</ul>");
    }
    db_section_close(r, "/groups", T(r, "Alle grupper"));
    Decision *ds;
    size_t nd = 0;
    DecisionFilter df = {.since = plus_days(r, today, -30), .limit = 20};
    decision_list(r->db, r->arena, v, &df, &ds, &nd, NULL);
    db_section_open(r, "decisions-h", T(r, "Vedtak de siste 30 dagene"));
    if (!nd) {
        html_printf(b, "<p class=\"ds-paragraph\">%s</p>", v->user_id ? T(r, "Ingen vedtak de siste 30 dagene.")
                                                                      : T(r, "Logg inn for å se vedtakene i gruppene."));
    } else {
        html_printf(b, "<ul class=\"ds-list\">");
        for (size_t i = 0; i < nd; i++) {
            html_printf(b, "<li><a class=\"ds-link\" href=\"/decisions/%lld\">%s</a> – %s%s%s</li>", (long long)ds[i].rec.id,
                        ds[i].rec.title, view_date(r, ds[i].decided_on), ds[i].group_title ? " – " : "",
                        ds[i].group_title ? ds[i].group_title : "");
        }
        html_printf(b, "</ul>");
    }
    db_section_close(r, v->user_id ? "/decisions" : NULL, T(r, "Alle vedtak"));
    db_read_end(r->db, tx);
    return 200;
}
