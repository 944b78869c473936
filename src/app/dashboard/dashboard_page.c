/* dashboard_page.c: the secretary general's page — where their ministry
 * stands.  Each part comes from its domain's door and is filtered by the
 * same access rule as everywhere else; today the consultations awaiting
 * the ministry's answer and the rounds it has sent. */
#include "app/consult/consult.h"
#include "app/core/i18n.h"
#include "app/core/view.h"
#include "app/dashboard/dashboard_handlers.h"
#include "base/html.h"
#include "base/util.h"

enum { DASHBOARD_ROWS = 5 };

static void consultations(Req *r)
{
    Buf *b = &r->body;
    Answer *aw;
    Round *sent;
    size_t na = 0, ns = 0;
    if (consult_inbox(r->db, r->arena, r->viewer, &aw, &na, &sent, &ns, NULL)) {
        return;
    }
    size_t overdue = 0, open = 0, late = 0;
    for (size_t i = 0; i < na; i++) {
        overdue += aw[i].overdue;
    }
    for (size_t i = 0; i < ns; i++) {
        open += !sent[i].closed_on;
        late += sent[i].closed_on ? 0 : (size_t)sent[i].noverdue;
    }
    html_printf(b, "<section aria-labelledby=\"consult-h\"><h2 class=\"ds-heading\" data-size=\"md\" id=\"consult-h\">"
                   "%s</h2><dl class=\"facts\"><dt>%s</dt><dd>%zu</dd><dt>%s</dt><dd>%zu</dd><dt>%s</dt><dd>%zu</dd>"
                   "<dt>%s</dt><dd>%zu</dd></dl>",
                T(r, "Foreleggelser og høringer"), T(r, "Venter på svar fra oss"), na, T(r, "Av dem over fristen"),
                overdue, T(r, "Våre åpne runder"), open, T(r, "Svar til oss som er over fristen"), late);
    if (na) {
        html_printf(b, "<ul class=\"ds-list\">");
        for (size_t i = 0; i < na && i < DASHBOARD_ROWS; i++) {
            html_printf(b, "<li><a class=\"ds-link\" href=\"/answers/%lld\">%s</a> – %s %s%s</li>",
                        (long long)aw[i].rec.id, aw[i].case_title ? aw[i].case_title : aw[i].rec.title,
                        T(r, "frist"), view_date(r, aw[i].deadline),
                        aw[i].overdue ? arena_printf(r->arena, " (%s)", T(r, "over fristen")) : "");
        }
        html_printf(b, "</ul>");
    }
    html_printf(b, "<p class=\"ds-paragraph\"><a class=\"ds-link\" href=\"/consultations\">%s</a></p></section>",
                T(r, "Gå til innboksen"));
}

int dashboard_page(Req *r)
{
    const Viewer *v = r->viewer;
    r->title = v->ministry_code ? TF(r, "Oversikt for %s", v->ministry_code) : T(r, "Oversikt");
    req_crumb(r, r->title, NULL);
    html_printf(&r->body, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1><p class=\"ds-paragraph lead\">%s</p>",
                r->title, T(r, "Hvor departementet står i arbeidet på tvers: det som venter på dere, og det dere "
                               "venter på."));
    consultations(r);
    return 200;
}
