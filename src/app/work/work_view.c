/* work_view.c: see work_view.h. */
#include "app/work/work_view.h"

#include <string.h>

#include "app/core/i18n.h"
#include "app/core/view.h"
#include "base/html.h"
#include "base/util.h"

bool wv_id(Req *r, int i, int64_t *id)
{
    long long x;
    if (i >= r->nargs || !parse_int(r->args[i], 1, INT64_MAX, &x)) {
        view_error(r, 404, NULL);
        return false;
    }
    *id = x;
    return true;
}

void wv_notice(Req *r)
{
    const char *done = params_get(&r->query, "done");
    static const char *const shared[] = {"attached", "attachment_deleted", "comment", "comment_edited",
                                         "comment_deleted", "link", "link_removed"};
    for (size_t i = 0; done && i < COUNT(shared); i++) {
        if (str_eq(done, shared[i])) {
            return;
        }
    }
    view_notice(r);
}

const char *wv_person(Req *r, const Person *p)
{
    if (!p || !p->id || !p->full_name) {
        return "–";
    }
    return p->ministry_code ? arena_printf(r->arena, "%s (%s)", p->full_name, p->ministry_code) : p->full_name;
}

const char *wv_ministry(Req *r, const char *nb, const char *nn, const char *en)
{
    return TPICK(r, nb, nn, en);
}

const char *wv_date(Req *r, const char *iso)
{
    return iso && *iso ? view_date(r, iso) : "–";
}

const char *wv_when(Req *r, const Meeting *m)
{
    char day[11];
    snprintf(day, sizeof day, "%.10s", m->starts_at);
    return TF(r, "%s kl. %s–%s", view_date(r, day), m->starts_at + 11, m->ends_at + 11);
}

static void tag(Req *r, const char *color, const char *text)
{
    html_printf(&r->body, "<span class=\"ds-tag\" data-color=\"%s\">%s</span>", color, text);
}

void wv_task_tag(Req *r, const Task *t)
{
    if (t->overdue) {
        tag(r, "danger", T(r, "Over fristen"));
        html_printf(&r->body, " ");
    }
    const char *color = str_eq(t->status, "done") ? "success" : str_eq(t->status, "cancelled") ? "neutral" : "info";
    tag(r, color, T(r, task_status_label(t->status)));
}

static const char *const score_labels[] = {N_("−3 Opphever"), N_("−2 Motvirker"), N_("−1 Begrenser"),
                                           N_("0 Forenlig"), N_("+1 Muliggjør"), N_("+2 Forsterker"),
                                           N_("+3 Uatskillelig")};

const char *wv_score_code_label(const char *code)
{
    long long s;
    return parse_int(code, -3, 3, &s) ? score_labels[s + 3] : "";
}

const char *wv_score_text(Req *r, int score)
{
    return score >= -3 && score <= 3 ? T(r, score_labels[score + 3]) : "";
}

void wv_score_tag(Req *r, int score)
{
    tag(r, score < 0 ? "danger" : score > 0 ? "success" : "neutral", wv_score_text(r, score));
}

void wv_interaction_tag(Req *r, const Interaction *x)
{
    if (!x->response) {
        tag(r, "warning", T(r, "Venter på svar"));
    } else {
        tag(r, str_eq(x->response, "disagree") ? "danger" : "success", T(r, interaction_response_label(x->response)));
    }
}

const char *wv_goal_text(Req *r, const MinistryGoal *g)
{
    return TPICK(r, g->text, g->text_nn, g->text_en);
}

void wv_task_table(Req *r, const char *caption, const Task *t, size_t n, const char *empty, bool show_ministry)
{
    Buf *b = &r->body;
    if (!n) {
        html_printf(b, "<p class=\"ds-paragraph\">%s</p>", empty);
        return;
    }
    html_printf(b, "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"%s\"><table class=\"ds-table\" "
                   "data-border><caption>%s</caption><thead><tr><th scope=\"col\">%s</th>",
                caption, caption, T(r, "Oppgave"));
    if (show_ministry) {
        html_printf(b, "<th scope=\"col\">%s</th>", T(r, "Ansvarlig"));
    }
    html_printf(b, "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>", T(r, "Frist"),
                T(r, "Status"));
    for (size_t i = 0; i < n; i++) {
        html_printf(b, "<tr><td><a class=\"ds-link\" href=\"/tasks/%lld\">%s</a></td>", (long long)t[i].rec.id,
                    t[i].rec.title);
        if (show_ministry) {
            html_printf(b, "<td>%s%s%s</td>", t[i].ministry_code,
                        t[i].assignee.id ? ": " : "", t[i].assignee.id ? t[i].assignee.full_name : "");
        }
        html_printf(b, "<td>%s</td><td>", wv_date(r, t[i].due_on));
        wv_task_tag(r, &t[i]);
        html_printf(b, "</td></tr>");
    }
    html_printf(b, "</tbody></table></div>");
}

void wv_meeting_list(Req *r, const Meeting *m, size_t n, const char *empty)
{
    Buf *b = &r->body;
    if (!n) {
        html_printf(b, "<p class=\"ds-paragraph\">%s</p>", empty);
        return;
    }
    html_printf(b, "<ul class=\"ds-list\">");
    for (size_t i = 0; i < n; i++) {
        html_printf(b, "<li><a class=\"ds-link\" href=\"/meetings/%lld\">%s</a> – %s%s%s</li>", (long long)m[i].rec.id,
                    m[i].rec.title, wv_when(r, &m[i]), m[i].group_title ? " – " : "",
                    m[i].group_title ? m[i].group_title : "");
    }
    html_printf(b, "</ul>");
}

void wv_decision_list(Req *r, const Decision *d, size_t n, const char *empty)
{
    Buf *b = &r->body;
    if (!n) {
        html_printf(b, "<p class=\"ds-paragraph\">%s</p>", empty);
        return;
    }
    html_printf(b, "<ul class=\"ds-list\">");
    for (size_t i = 0; i < n; i++) {
        html_printf(b, "<li><a class=\"ds-link\" href=\"/decisions/%lld\">%s</a> – %s%s%s", (long long)d[i].rec.id,
                    d[i].rec.title, wv_date(r, d[i].decided_on), d[i].group_title ? " – " : "",
                    d[i].group_title ? d[i].group_title : "");
        if (d[i].review_overdue) {
            html_printf(b, " ");
            tag(r, "danger", T(r, "Ny vurdering er over fristen"));
        }
        html_printf(b, "</li>");
    }
    html_printf(b, "</ul>");
}

void wv_interaction_table(Req *r, const char *caption, const Interaction *x, size_t n, const char *empty)
{
    Buf *b = &r->body;
    if (!n) {
        html_printf(b, "<p class=\"ds-paragraph\">%s</p>", empty);
        return;
    }
    html_printf(b, "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"%s\"><table class=\"ds-table\" "
                   "data-border><caption>%s</caption><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                   "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
                caption, caption, T(r, "Gjelder"), T(r, "Registrert av"), T(r, "Målet som påvirkes"), T(r, "Samspill"),
                T(r, "Svar"));
    for (size_t i = 0; i < n; i++) {
        html_printf(b, "<tr><td><a class=\"ds-link\" href=\"/interactions/%lld\">%s</a></td><td>%s</td><td>%s: %s</td><td>",
                    (long long)x[i].rec.id, x[i].source_title ? x[i].source_title : x[i].rec.title,
                    x[i].rec.owner_code ? x[i].rec.owner_code : "–", x[i].goal.ministry_code, wv_goal_text(r, &x[i].goal));
        wv_score_tag(r, x[i].score);
        html_printf(b, "</td><td>");
        wv_interaction_tag(r, &x[i]);
        html_printf(b, "</td></tr>");
    }
    html_printf(b, "</tbody></table></div>");
}

void wv_task_fields(Req *r, const char *prefix, const TaskText *t, const FormErrors *fe, bool with_status)
{
    const char *const *v = t->v;
    const char *id[TF_COUNT];
    for (int k = 0; k < TF_COUNT; k++) {
        id[k] = arena_printf(r->arena, "%s%s", prefix, g_task_field_names[k]);
    }
    fv_text(r, id[TF_TITLE], T(r, "Hva skal gjøres?"), NULL, v[TF_TITLE], "text", fv_error_of(fe, id[TF_TITLE]), !*prefix);
    fv_textarea(r, id[TF_DESCRIPTION], T(r, "Beskrivelse"), NULL, v[TF_DESCRIPTION], fv_error_of(fe, id[TF_DESCRIPTION]),
                3, false);
    MinistryOption *mins;
    size_t nm = 0;
    record_ministry_options(r->db, r->arena, &mins, &nm, NULL);
    fv_ministry_select(r, id[TF_MINISTRY], T(r, "Ansvarlig departement"), NULL, mins, nm, v[TF_MINISTRY], NULL,
                       fv_error_of(fe, id[TF_MINISTRY]));
    Person *people;
    size_t np = 0;
    work_people(r->db, r->arena, &people, &np, NULL);
    fv_select_open(r, id[TF_ASSIGNEE], T(r, "Ansvarlig person"), T(r, "Må arbeide i ansvarlig departement. Uten "
                   "person varsles departementets saksbehandlere."), fv_error_of(fe, id[TF_ASSIGNEE]));
    view_option(&r->body, "", T(r, "Departementet som helhet"), !v[TF_ASSIGNEE] || !*v[TF_ASSIGNEE]);
    for (size_t i = 0; i < np; i++) {
        view_option(&r->body, people[i].username, wv_person(r, &people[i]), str_eq(people[i].username, v[TF_ASSIGNEE]));
    }
    fv_select_close(r, id[TF_ASSIGNEE], fv_error_of(fe, id[TF_ASSIGNEE]));
    fv_text(r, id[TF_DUE_ON], T(r, "Frist"), NULL, v[TF_DUE_ON], "date", fv_error_of(fe, id[TF_DUE_ON]), false);
    if (with_status) {
        fv_code_select(r, id[TF_STATUS], T(r, "Status"), NULL, g_task_statuses, task_status_label, v[TF_STATUS], NULL,
                       fv_error_of(fe, id[TF_STATUS]));
    }
}

void wv_button_row(Req *r, const char *label, const char *back_href, const char *back_label)
{
    html_printf(&r->body, "<div class=\"button-row\"><button class=\"ds-button\" data-variant=\"primary\" type=\"submit\">"
                          "%s</button><a class=\"ds-link\" href=\"%s\">%s</a></div>",
                label, back_href, back_label);
}
