/* task_page.c: tasks (HTML) — my list and a ministry's list, a task with
 * its status, giving one by hand or to follow up a decision, meeting or
 * group.  Thin over the model (work.h); no SQL here. */
#include <string.h>

#include "app/core/i18n.h"
#include "app/core/record_view.h"
#include "app/core/view.h"
#include "app/work/work.h"
#include "app/work/work_handlers.h"
#include "app/work/work_view.h"
#include "base/html.h"
#include "base/util.h"

#define NOT_FOUND N_("Det finnes ingen oppgave med dette nummeret, eller du har ikke tilgang til den.")

int task_list_page(Req *r)
{
    Buf *b = &r->body;
    const char *code = params_get(&r->query, "ministry");
    MinistryOption *mins;
    size_t nm = 0;
    record_ministry_options(r->db, r->arena, &mins, &nm, NULL);
    const MinistryOption *chosen = NULL;
    for (size_t i = 0; code && *code && i < nm; i++) {
        chosen = str_eq(mins[i].code, code) ? &mins[i] : chosen;
    }
    if (code && *code && !chosen) {
        return view_error(r, 400, T(r, "Ukjent verdi i filteret."));
    }
    bool closed = str_eq(params_get(&r->query, "closed"), "1");
    long long group = 0;
    const char *gs = params_get(&r->query, "group");
    Record grec = {0};
    if (gs && *gs && (!parse_int(gs, 1, INT64_MAX, &group) || record_get(r->db, r->arena, r->viewer, group, &grec, NULL) ||
                      !str_eq(grec.kind->name, "group"))) {
        return view_error(r, 404, NULL);
    }
    r->title = T(r, "Oppgaver");
    req_crumb(r, r->title, NULL);
    html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1><p class=\"ds-paragraph lead\">%s</p>", r->title,
                T(r, "Oppgaver fra vedtak og møter, og oppgaver gitt direkte. Oppgaver over fristen er merket."));
    wv_notice(r);
    html_printf(b, "<p class=\"ds-paragraph\"><a class=\"ds-button\" data-variant=\"primary\" href=\"%s\">%s</a></p>",
                group ? arena_printf(r->arena, "/tasks/new?group=%lld", group) : "/tasks/new", T(r, "Ny oppgave"));
    html_printf(b, "<form class=\"filters\" method=\"get\" action=\"/tasks\" aria-label=\"%s\">", T(r, "Filtrer oppgaver"));
    if (group) {
        html_printf(b, "<input type=\"hidden\" name=\"group\" value=\"%lld\">", group);
    }
    fv_ministry_select(r, "ministry", T(r, "Departementets oppgaver"), NULL, mins, nm, code,
                       group ? T(r, "Alle i gruppen") : T(r, "Mine oppgaver"), NULL);
    html_printf(b, "<div class=\"ds-field\"><input class=\"ds-input\" type=\"checkbox\" id=\"closed\" name=\"closed\" "
                   "value=\"1\"%s><label class=\"ds-label\" data-weight=\"regular\" for=\"closed\">%s</label></div>"
                   "<button class=\"ds-button\" data-variant=\"secondary\" type=\"submit\">%s</button></form>",
                closed ? " checked" : "", T(r, "Vis også ferdige og avlyste"), T(r, "Vis"));
    Task *ts;
    size_t n = 0;
    TaskFilter f = {.mine = !chosen && !group, .ministry_code = chosen ? chosen->code : NULL, .open = !closed,
                    .group_id = group};
    task_list(r->db, r->arena, r->viewer, &f, &ts, &n, NULL);
    const char *caption = chosen  ? TF(r, "Oppgaver for %s", wv_ministry(r, chosen->name, chosen->name_nn, chosen->name_en))
                          : group ? TF(r, "Oppgaver i %s", grec.title)
                                  : T(r, "Mine oppgaver");
    html_printf(b, "<h2 class=\"ds-heading\" data-size=\"md\">%s</h2>", caption);
    wv_task_table(r, caption, ts, n,
                  chosen ? T(r, "Departementet har ingen oppgaver du har tilgang til.")
                         : T(r, "Du har ingen åpne oppgaver. Oppgaver du får fra vedtak og møter, kommer her."),
                  chosen != NULL || group);
    return 200;
}

/* ---- the form ------------------------------------------------------------------------- */

static int task_form(Req *r, const Task *cur, const TaskText *t, const FormErrors *fe, int status)
{
    Buf *b = &r->body;
    r->title = T(r, "Ny oppgave");
    req_crumb(r, T(r, "Oppgaver"), "/tasks");
    req_crumb(r, r->title, NULL);
    html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1>", r->title);
    (void)cur;
    fv_error_summary(r, fe, NULL);
    html_printf(b, "<form class=\"form-narrow\" method=\"post\" action=\"/tasks\" novalidate>");
    view_csrf(b, r);
    static const int origin[] = {TF_DECISION, TF_MEETING, TF_GROUP};
    for (size_t i = 0; i < COUNT(origin); i++) {
        if (t->v[origin[i]] && *t->v[origin[i]]) {
            html_printf(b, "<input type=\"hidden\" name=\"%s\" value=\"%s\">", g_task_field_names[origin[i]],
                        t->v[origin[i]]);
        }
    }
    wv_task_fields(r, "", t, fe, false);
    wv_button_row(r, T(r, "Gi oppgaven"), "/tasks", T(r, "Avbryt"));
    html_printf(b, "</form>");
    return req_status(r, status);
}

static void fill(TaskText *t)
{
    for (int k = 0; k < TF_COUNT; k++) {
        t->v[k] = t->v[k] ? t->v[k] : "";
    }
}

int task_new_page(Req *r)
{
    TaskText t = {0};
    t.v[TF_DECISION] = params_get(&r->query, "decision");
    t.v[TF_MEETING] = params_get(&r->query, "meeting");
    t.v[TF_GROUP] = params_get(&r->query, "group");
    t.v[TF_MINISTRY] = r->viewer->ministry_code;
    fill(&t);
    return task_form(r, NULL, &t, NULL, 200);
}

int task_create_post(Req *r)
{
    TaskText t = {0};
    for (int k = 0; k < TF_COUNT; k++) {
        t.v[k] = params_get(&r->form, g_task_field_names[k]);
    }
    t.v[TF_STATUS] = NULL;
    FormProblem *errs;
    size_t nerr;
    int64_t id;
    Err e = {0};
    if (task_save(r->db, r->arena, r->viewer, r->client, 0, 0, &t, &id, &errs, &nerr, &e)) {
        if (!nerr && (e.code == E_NOTFOUND || e.code == E_FORBIDDEN)) {
            return view_error(r, fv_status(&e), fv_error_text(r, &e));
        }
        FormErrors fe = {0};
        fv_problems(r, &fe, errs, nerr, g_task_field_names);
        if (!nerr) {
            fv_add(&fe, NULL, fv_error_text(r, &e));
        }
        fill(&t);
        return task_form(r, NULL, &t, &fe, fv_status(&e));
    }
    return view_redirect_done(r, arena_printf(r->arena, "/tasks/%lld", (long long)id), "task_created");
}

/* ---- a task ----------------------------------------------------------------------------- */

static int show(Req *r, const TaskText *edit, const FormErrors *fe, int status)
{
    Buf *b = &r->body;
    int64_t id;
    Task t;
    if (!wv_id(r, 0, &id)) {
        return r->status;
    }
    if (task_get(r->db, r->arena, r->viewer, id, &t, NULL)) {
        return view_error(r, 404, T(r, NOT_FOUND));
    }
    r->title = t.rec.title;
    req_crumb(r, T(r, "Oppgaver"), "/tasks");
    req_crumb(r, t.rec.title, NULL);
    html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1>", t.rec.title);
    if (t.rec.masked) {
        html_printf(b, "<p class=\"ds-paragraph\">%s</p>", T(r, "Oppgaven er unntatt offentlighet."));
        return 200;
    }
    html_printf(b, "<p class=\"tags\">");
    wv_task_tag(r, &t);
    html_printf(b, "</p>");
    wv_notice(r);
    html_printf(b, "<dl class=\"facts\"><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd>",
                T(r, "Ansvarlig departement"), wv_ministry(r, t.ministry_name, t.ministry_name_nn, t.ministry_name_en),
                T(r, "Ansvarlig person"), t.assignee.id ? wv_person(r, &t.assignee) : T(r, "Departementet som helhet"),
                T(r, "Frist"), wv_date(r, t.due_on));
    if (t.decision_id) {
        html_printf(b, "<dt>%s</dt><dd><a class=\"ds-link\" href=\"/decisions/%lld\">%s</a></dd>", T(r, "Følger opp vedtak"),
                    (long long)t.decision_id, t.decision_title);
    }
    if (t.meeting_id) {
        html_printf(b, "<dt>%s</dt><dd><a class=\"ds-link\" href=\"/meetings/%lld\">%s</a></dd>", T(r, "Fra møte"),
                    (long long)t.meeting_id, t.meeting_title);
    }
    if (t.closed_on) {
        html_printf(b, "<dt>%s</dt><dd>%s</dd>", T(r, "Avsluttet"), wv_date(r, t.closed_on));
    }
    html_printf(b, "</dl>");
    if (*t.description) {
        html_text_block(b, t.description);
    }
    if (work_can_edit(r->viewer, &t.rec) || (t.assignee.id && t.assignee.id == r->viewer->user_id)) {
        TaskText cur = {0};
        if (edit) {
            cur = *edit;
        } else {
            cur.v[TF_TITLE] = t.rec.title;
            cur.v[TF_DESCRIPTION] = t.description;
            cur.v[TF_MINISTRY] = t.ministry_code;
            cur.v[TF_ASSIGNEE] = t.assignee.username ? t.assignee.username : "";
            cur.v[TF_DUE_ON] = t.due_on ? t.due_on : "";
            cur.v[TF_STATUS] = t.status;
        }
        fill(&cur);
        html_printf(b, "<section aria-labelledby=\"edit-h\"><h2 class=\"ds-heading\" data-size=\"md\" id=\"edit-h\">%s</h2>",
                    T(r, "Oppdater oppgaven"));
        fv_error_summary(r, fe, NULL);
        html_printf(b, "<form class=\"form-narrow\" method=\"post\" action=\"/tasks/%lld\" novalidate>", (long long)t.rec.id);
        view_csrf(b, r);
        html_printf(b, "<input type=\"hidden\" name=\"version\" value=\"%d\">", t.rec.version);
        wv_task_fields(r, "", &cur, fe, true);
        wv_button_row(r, T(r, "Lagre oppgaven"), "/tasks", T(r, "Til oppgavene"));
        html_printf(b, "</form></section>");
    }
    record_sections(r, &t.rec);
    return req_status(r, status);
}

int task_show_page(Req *r)
{
    bool tx = db_read_begin(r->db);
    int status = show(r, NULL, NULL, 200);
    db_read_end(r->db, tx);
    return status;
}

int task_update_post(Req *r)
{
    int64_t id;
    if (!wv_id(r, 0, &id)) {
        return r->status;
    }
    TaskText t = {0};
    for (int k = 0; k < TF_COUNT; k++) {
        t.v[k] = params_get(&r->form, g_task_field_names[k]);
    }
    t.v[TF_DECISION] = t.v[TF_MEETING] = t.v[TF_GROUP] = NULL;
    FormProblem *errs;
    size_t nerr;
    int64_t out;
    Err e = {0};
    if (task_save(r->db, r->arena, r->viewer, r->client, id, 0, &t, &out, &errs, &nerr, &e)) {
        if (!nerr && (e.code == E_NOTFOUND || e.code == E_FORBIDDEN)) {
            return view_error(r, fv_status(&e), fv_error_text(r, &e));
        }
        FormErrors fe = {0};
        fv_problems(r, &fe, errs, nerr, g_task_field_names);
        if (!nerr) {
            fv_add(&fe, NULL, fv_error_text(r, &e));
        }
        return show(r, &t, &fe, fv_status(&e));
    }
    return view_redirect_done(r, arena_printf(r->arena, "/tasks/%lld", (long long)id), "saved");
}
