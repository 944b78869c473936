/* meeting_page.c: meetings (HTML) — the list, a meeting with its agenda
 * and minutes, arranging and changing one, adding agenda items, and the
 * .ics file.  Thin over the model (work.h); no SQL here. */
#include <string.h>

#include "app/core/i18n.h"
#include "app/core/record_view.h"
#include "app/core/view.h"
#include "app/kb/kb.h"
#include "app/work/work.h"
#include "app/work/work_handlers.h"
#include "app/work/work_view.h"
#include "base/html.h"
#include "base/util.h"

#define NOT_FOUND N_("Det finnes ikke noe møte med dette nummeret, eller du har ikke tilgang til det.")

/* ---- the list --------------------------------------------------------------------- */

int meeting_list_page(Req *r)
{
    Buf *b = &r->body;
    bool all = str_eq(params_get(&r->query, "all"), "1");
    long long group = 0;
    const char *gs = params_get(&r->query, "group");
    Record grec = {0};
    if (gs && *gs && (!parse_int(gs, 1, INT64_MAX, &group) || record_get(r->db, r->arena, r->viewer, group, &grec, NULL) ||
                      !str_eq(grec.kind->name, "group"))) {
        return view_error(r, 404, NULL);
    }
    all |= group != 0;
    char today[16];
    date_today(today, sizeof today);
    MeetingFilter f = {.mine = !all, .from = today, .group_id = group};
    Meeting *ms, *past;
    size_t n = 0, np = 0;
    Err e = {0};
    if (meeting_list(r->db, r->arena, r->viewer, &f, &ms, &n, &e)) {
        return view_error(r, fv_status(&e), NULL);
    }
    MeetingFilter pf = {.mine = !all, .group_id = group};
    meeting_list(r->db, r->arena, r->viewer, &pf, &past, &np, NULL);
    r->title = group ? TF(r, "Møter i %s", grec.title) : T(r, "Møter");
    if (group) {
        req_crumb(r, T(r, "Grupper"), "/groups");
        req_crumb(r, grec.title, arena_printf(r->arena, "/groups/%lld", group));
    }
    req_crumb(r, r->title, NULL);
    html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1><p class=\"ds-paragraph lead\">%s</p>", r->title,
                T(r, "Møtene i gruppene og mellom departementene, med dagsorden, referat, vedtak og oppgaver."));
    wv_notice(r);
    html_printf(b, "<p class=\"ds-paragraph\"><a class=\"ds-button\" data-variant=\"primary\" href=\"%s\">%s"
                   "</a> <a class=\"ds-link\" href=\"%s\">%s</a> <a class=\"ds-link\" href=\"/account/calendar\">%s</a></p>",
                group ? arena_printf(r->arena, "/meetings/new?group=%lld", group) : "/meetings/new", T(r, "Nytt møte"),
                all ? "/meetings" : "/meetings?all=1",
                all ? T(r, "Vis bare mine møter") : T(r, "Vis alle møter jeg har tilgang til"),
                T(r, "Møtene i kalenderen din"));
    html_printf(b, "<h2 class=\"ds-heading\" data-size=\"md\">%s</h2>", T(r, "Kommende møter"));
    wv_meeting_list(r, ms, n, T(r, "Ingen kommende møter. Legg inn et møte med «Nytt møte»."));
    size_t k = 0;
    for (size_t i = 0; i < np; i++) {
        if (strncmp(past[i].starts_at, today, 10) < 0) {
            past[k++] = past[i];
        }
    }
    /* Newest first. */
    for (size_t i = 0; i < k / 2; i++) {
        Meeting t = past[i];
        past[i] = past[k - 1 - i];
        past[k - 1 - i] = t;
    }
    html_printf(b, "<h2 class=\"ds-heading\" data-size=\"md\">%s</h2>", T(r, "Tidligere møter"));
    wv_meeting_list(r, past, k < 20 ? k : 20, T(r, "Ingen tidligere møter."));
    return 200;
}

/* ---- the form ------------------------------------------------------------------------ */

static void people_boxes(Req *r, const char *checked, const char *err)
{
    Person *p;
    size_t n = 0;
    work_people(r->db, r->arena, &p, &n, NULL);
    MinistryOption *o = arena_alloc(r->arena, (n ? n : 1) * sizeof *o);
    for (size_t i = 0; i < n; i++) {
        const char *name = wv_person(r, &p[i]);
        o[i] = (MinistryOption){.code = p[i].username, .name = name, .name_nn = name, .name_en = name};
    }
    fv_ministry_boxes(r, "people", T(r, "Inviterte personer"),
                      T(r, "Får varsel om møtet. I et gruppemøte uten navngitte personer inviteres hele gruppen."), o,
                      n, checked, NULL, err);
}

static int meeting_form(Req *r, const Meeting *m, int64_t group_id, const MeetingText *t, const FormErrors *fe,
                        int status)
{
    Buf *b = &r->body;
    const char *const *v = t->v;
    r->title = m ? TF(r, "Endre «%s»", m->rec.title) : T(r, "Nytt møte");
    req_crumb(r, T(r, "Møter"), "/meetings");
    if (m) {
        req_crumb(r, m->rec.title, arena_printf(r->arena, "/meetings/%lld", (long long)m->rec.id));
    }
    req_crumb(r, m ? T(r, "Endre") : r->title, NULL);
    html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1>", r->title);
    fv_error_summary(r, fe, NULL);
    html_printf(b, "<form class=\"form-narrow\" method=\"post\" action=\"%s\" novalidate>",
                m ? arena_printf(r->arena, "/meetings/%lld", (long long)m->rec.id) : "/meetings");
    view_csrf(b, r);
    html_printf(b, "<input type=\"hidden\" name=\"lists\" value=\"1\">");
    if (!m && group_id) {
        html_printf(b, "<input type=\"hidden\" name=\"group\" value=\"%lld\">", (long long)group_id);
    }
    fv_text(r, "title", T(r, "Tittel"), NULL, v[MF_TITLE], "text", fv_error_of(fe, "title"), true);
    fv_text(r, "date", T(r, "Dato"), NULL, v[MF_DATE], "date", fv_error_of(fe, "date"), true);
    fv_text(r, "start", T(r, "Starter"), T(r, "Klokkeslett, for eksempel 09:00"), v[MF_START], "time",
            fv_error_of(fe, "start"), true);
    fv_text(r, "end", T(r, "Slutter"), NULL, v[MF_END], "time", fv_error_of(fe, "end"), true);
    fv_text(r, "place", T(r, "Sted"), NULL, v[MF_PLACE], "text", fv_error_of(fe, "place"), false);
    fv_text(r, "video_url", T(r, "Lenke til videomøte"), T(r, "Begynner med https://"), v[MF_VIDEO], "url",
            fv_error_of(fe, "video_url"), false);
    MinistryOption *mins;
    size_t nm = 0;
    record_ministry_options(r->db, r->arena, &mins, &nm, NULL);
    fv_ministry_boxes(r, "ministries", T(r, "Inviterte departementer"),
                      (m ? m->group_id : group_id) ? NULL
                                                   : T(r, "Møtet er bare synlig for ditt departement og de inviterte."),
                      mins, nm, v[MF_MINISTRIES], NULL, fv_error_of(fe, "ministries"));
    people_boxes(r, v[MF_PEOPLE], fv_error_of(fe, "people"));
    if (m) {
        fv_textarea(r, "minutes", T(r, "Referat"), T(r, "Markdown: # overskrift, **fet**, - punkt, [lenke](https://…)"),
                    v[MF_MINUTES], fv_error_of(fe, "minutes"), 12, false);
    }
    wv_button_row(r, m ? T(r, "Lagre møtet") : T(r, "Legg inn møtet"),
                  m ? arena_printf(r->arena, "/meetings/%lld", (long long)m->rec.id) : "/meetings", T(r, "Avbryt"));
    html_printf(b, "</form>");
    return req_status(r, status);
}

static void form_text(Req *r, MeetingText *t)
{
    memset(t, 0, sizeof *t);
    for (int k = 0; k < MF_COUNT; k++) {
        t->v[k] = params_get(&r->form, g_meeting_field_names[k]);
    }
    if (str_eq(params_get(&r->form, "lists"), "1")) {
        t->v[MF_MINISTRIES] = fv_form_list(r, "ministries");
        t->v[MF_PEOPLE] = fv_form_list(r, "people");
    }
}

static void fill(MeetingText *t)
{
    for (int k = 0; k < MF_COUNT; k++) {
        t->v[k] = t->v[k] ? t->v[k] : "";
    }
}

int meeting_new_page(Req *r)
{
    long long g = 0;
    const char *gs = params_get(&r->query, "group");
    if (gs && *gs && !parse_int(gs, 1, INT64_MAX, &g)) {
        return view_error(r, 404, NULL);
    }
    if (!meeting_can_create(r->db, r->viewer, g)) {
        return view_error(r, g ? 404 : 403, g ? NULL : T(r, "Du kan ikke legge inn møter."));
    }
    MeetingText t = {0};
    char today[16];
    date_today(today, sizeof today);
    t.v[MF_DATE] = arena_strdup(r->arena, today);
    t.v[MF_START] = "09:00";
    t.v[MF_END] = "10:00";
    fill(&t);
    return meeting_form(r, NULL, g, &t, NULL, 200);
}

static int save_post(Req *r, const Meeting *m)
{
    MeetingText t;
    form_text(r, &t);
    FormProblem *errs;
    size_t nerr;
    int64_t id;
    Err e = {0};
    if (meeting_save(r->db, r->arena, r->viewer, r->client, m ? m->rec.id : 0, &t, &id, &errs, &nerr, &e)) {
        if (!nerr && (e.code == E_NOTFOUND || e.code == E_FORBIDDEN)) {
            return view_error(r, fv_status(&e), fv_error_text(r, &e));
        }
        FormErrors fe = {0};
        static const char *const names[MF_COUNT] = {"title", "group", "date", "start", "end", "place", "video_url",
                                                    "ministries", "people", "minutes"};
        fv_problems(r, &fe, errs, nerr, names);
        if (!nerr) {
            fv_add(&fe, NULL, fv_error_text(r, &e));
        }
        fill(&t);
        long long g = 0;
        parse_int(params_get(&r->form, "group"), 1, INT64_MAX, &g);
        return meeting_form(r, m, g, &t, &fe, fv_status(&e));
    }
    return view_redirect_done(r, arena_printf(r->arena, "/meetings/%lld", (long long)id), m ? "saved" : "meeting_created");
}

int meeting_create_post(Req *r)
{
    return save_post(r, NULL);
}

static bool load(Req *r, Meeting *m, bool edit)
{
    int64_t id;
    if (!wv_id(r, 0, &id)) {
        return false;
    }
    if (meeting_get(r->db, r->arena, r->viewer, id, m, NULL) || m->rec.masked) {
        view_error(r, 404, T(r, NOT_FOUND));
        return false;
    }
    if (edit && !work_can_edit(r->viewer, &m->rec)) {
        view_error(r, 403, T(r, "Du kan ikke endre dette møtet."));
        return false;
    }
    return true;
}

int meeting_edit_page(Req *r)
{
    Meeting m;
    if (!load(r, &m, true)) {
        return r->status;
    }
    MeetingText t = {0};
    t.v[MF_TITLE] = m.rec.title;
    t.v[MF_DATE] = arena_strndup(r->arena, m.starts_at, 10);
    t.v[MF_START] = m.starts_at + 11;
    t.v[MF_END] = m.ends_at + 11;
    t.v[MF_PLACE] = m.place;
    t.v[MF_VIDEO] = m.video_url;
    Buf mb = {0}, pb = {0};
    for (size_t i = 0; i < m.nministries; i++) {
        buf_printf(&mb, "%s%s", i ? ", " : "", m.ministries[i].code);
    }
    for (size_t i = 0; i < m.npeople; i++) {
        buf_printf(&pb, "%s%s", i ? ", " : "", m.people[i].username);
    }
    t.v[MF_MINISTRIES] = arena_strdup(r->arena, buf_str(&mb));
    t.v[MF_PEOPLE] = arena_strdup(r->arena, buf_str(&pb));
    buf_free(&mb);
    buf_free(&pb);
    t.v[MF_MINUTES] = m.minutes;
    fill(&t);
    return meeting_form(r, &m, m.group_id, &t, NULL, 200);
}

int meeting_update_post(Req *r)
{
    Meeting m;
    if (!load(r, &m, true)) {
        return r->status;
    }
    return save_post(r, &m);
}

/* ---- a meeting ----------------------------------------------------------------------- */

static void agenda(Req *r, const Meeting *m, bool edit, const char *err, const char *title, const char *notes)
{
    Buf *b = &r->body;
    html_printf(b, "<section aria-labelledby=\"agenda-h\"><h2 class=\"ds-heading\" data-size=\"md\" id=\"agenda-h\">%s</h2>",
                T(r, "Dagsorden"));
    if (!m->nitems) {
        html_printf(b, "<p class=\"ds-paragraph\">%s</p>",
                    edit ? T(r, "Dagsordenen er tom. Legg til den første saken under.") : T(r, "Dagsordenen er tom."));
    } else {
        html_printf(b, "<ol class=\"agenda\">");
    }
    for (size_t i = 0; i < m->nitems; i++) {
        const AgendaItem *it = &m->items[i];
        html_printf(b, "<li id=\"item-%lld\"><h3 class=\"ds-heading\" data-size=\"xs\">%s</h3>", (long long)it->id, it->title);
        if (it->notes && *it->notes) {
            html_text_block(b, it->notes);
        }
        if (it->outcome_id) {
            const char *kind = str_eq(it->outcome_kind, "decision") ? T(r, "Ble vedtak") : T(r, "Ble oppgave");
            html_printf(b, "<p class=\"ds-paragraph\">%s: <a class=\"ds-link\" href=\"/%s/%lld\">%s</a></p>", kind,
                        str_eq(it->outcome_kind, "decision") ? "decisions" : "tasks", (long long)it->outcome_id,
                        it->outcome_title);
        } else if (edit) {
            html_printf(b, "<p class=\"ds-paragraph actions\"><a class=\"ds-link\" href=\"/meetings/%lld/agenda/%lld/decision\">"
                           "%s<span class=\"ds-sr-only\">: %s</span></a> · <a class=\"ds-link\" "
                           "href=\"/meetings/%lld/agenda/%lld/task\">%s<span class=\"ds-sr-only\">: %s</span></a></p>",
                        (long long)m->rec.id, (long long)it->id, T(r, "Gjør til vedtak"), it->title, (long long)m->rec.id,
                        (long long)it->id, T(r, "Gjør til oppgave"), it->title);
        }
        html_printf(b, "</li>");
    }
    if (m->nitems) {
        html_printf(b, "</ol>");
    }
    if (edit) {
        html_printf(b, "<h3 class=\"ds-heading\" data-size=\"xs\">%s</h3>", T(r, "Ny sak på dagsordenen"));
        FormErrors fe = {0};
        if (err) {
            fv_add(&fe, "item_title", err);
        }
        fv_error_summary(r, &fe, NULL);
        html_printf(b, "<form method=\"post\" action=\"/meetings/%lld/agenda\" class=\"form-narrow\" novalidate>",
                    (long long)m->rec.id);
        view_csrf(b, r);
        fv_text(r, "item_title", T(r, "Sak"), NULL, title, "text", fv_error_of(&fe, "item_title"), true);
        fv_textarea(r, "item_notes", T(r, "Bakgrunn eller notater"), NULL, notes, NULL, 3, false);
        html_printf(b, "<button class=\"ds-button\" data-variant=\"secondary\" type=\"submit\">%s</button></form>",
                    T(r, "Legg til på dagsordenen"));
    }
    html_printf(b, "</section>");
}

static int show(Req *r, const char *err, const char *title, const char *notes, int status)
{
    Buf *b = &r->body;
    Meeting m;
    int64_t id;
    if (!wv_id(r, 0, &id)) {
        return r->status;
    }
    if (meeting_get(r->db, r->arena, r->viewer, id, &m, NULL)) {
        return view_error(r, 404, T(r, NOT_FOUND));
    }
    r->title = m.rec.title;
    req_crumb(r, T(r, "Møter"), "/meetings");
    req_crumb(r, m.rec.title, NULL);
    html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1>", m.rec.title);
    if (m.rec.masked) {
        html_printf(b, "<p class=\"ds-paragraph\">%s</p>", T(r, "Møtet er unntatt offentlighet."));
        return 200;
    }
    wv_notice(r);
    bool edit = work_can_edit(r->viewer, &m.rec);
    html_printf(b, "<p class=\"ds-paragraph actions\">");
    if (edit) {
        html_printf(b, "<a class=\"ds-button\" data-variant=\"secondary\" href=\"/meetings/%lld/edit\">%s</a> ",
                    (long long)m.rec.id, T(r, "Endre møtet og referatet"));
    }
    html_printf(b, "<a class=\"ds-link\" href=\"/meetings/%lld/calendar.ics\">%s</a></p>", (long long)m.rec.id,
                T(r, "Legg i kalenderen (.ics)"));
    html_printf(b, "<dl class=\"facts\"><dt>%s</dt><dd>%s</dd>", T(r, "Tid"), wv_when(r, &m));
    if (m.group_title) {
        html_printf(b, "<dt>%s</dt><dd><a class=\"ds-link\" href=\"/groups/%lld\">%s</a></dd>", T(r, "Gruppe"),
                    (long long)m.group_id, m.group_title);
    } else if (m.rec.owner_code) {
        html_printf(b, "<dt>%s</dt><dd>%s</dd>", T(r, "Innkalt av"),
                    wv_ministry(r, m.rec.owner_name, m.rec.owner_name_nn, m.rec.owner_name_en));
    }
    html_printf(b, "<dt>%s</dt><dd>%s</dd>", T(r, "Sted"), *m.place ? m.place : "–");
    if (*m.video_url) {
        html_printf(b, "<dt>%s</dt><dd><a class=\"ds-link\" href=\"%s\">%s</a></dd>", T(r, "Videomøte"), m.video_url,
                    m.video_url);
    }
    html_printf(b, "<dt>%s</dt><dd>", T(r, "Inviterte departementer"));
    for (size_t i = 0; i < m.nministries; i++) {
        html_printf(b, "%s%s", i ? ", " : "",
                    wv_ministry(r, m.ministries[i].name, m.ministries[i].name_nn, m.ministries[i].name_en));
    }
    html_printf(b, "%s</dd><dt>%s</dt><dd>", m.nministries ? "" : "–", T(r, "Inviterte personer"));
    for (size_t i = 0; i < m.npeople; i++) {
        html_printf(b, "%s%s", i ? ", " : "", wv_person(r, &m.people[i]));
    }
    html_printf(b, "%s</dd></dl>", m.npeople ? "" : (m.group_id ? T(r, "Hele gruppen") : "–"));
    agenda(r, &m, edit, err, title, notes);
    html_printf(b, "<section aria-labelledby=\"minutes-h\"><h2 class=\"ds-heading\" data-size=\"md\" id=\"minutes-h\">%s</h2>",
                T(r, "Referat"));
    if (*m.minutes) {
        html_printf(b, "<div class=\"markdown\">");
        html_safe(b, (SafeHtml){kb_markdown_html(r->db, r->arena, r->viewer, m.minutes, m.group_id, T(r, "mangler"))});
        html_printf(b, "</div>");
    } else {
        html_printf(b, "<p class=\"ds-paragraph\">%s</p>", edit ? T(r, "Ikke skrevet ennå. Skriv referatet med «Endre møtet og referatet».")
                                                                : T(r, "Ikke skrevet ennå."));
    }
    html_printf(b, "</section>");
    Task *ts;
    size_t nt = 0;
    TaskFilter tf = {.meeting_id = m.rec.id};
    task_list(r->db, r->arena, r->viewer, &tf, &ts, &nt, NULL);
    html_printf(b, "<section aria-labelledby=\"tasks-h\"><h2 class=\"ds-heading\" data-size=\"md\" id=\"tasks-h\">%s</h2>",
                T(r, "Oppgaver fra møtet"));
    wv_task_table(r, T(r, "Oppgaver fra møtet"), ts, nt, T(r, "Ingen oppgaver fra møtet ennå."), true);
    html_printf(b, "</section>");
    record_sections(r, &m.rec);
    return req_status(r, status);
}

int meeting_show_page(Req *r)
{
    bool tx = db_read_begin(r->db);
    int status = show(r, NULL, "", "", 200);
    db_read_end(r->db, tx);
    return status;
}

int meeting_agenda_post(Req *r)
{
    int64_t id, item;
    if (!wv_id(r, 0, &id)) {
        return r->status;
    }
    const char *title = params_get(&r->form, "item_title"), *notes = params_get(&r->form, "item_notes");
    Err e = {0};
    if (agenda_add(r->db, r->arena, r->viewer, r->client, id, title, notes, &item, &e)) {
        if (e.code == E_INVALID) {
            return show(r, fv_error_text(r, &e), title ? title : "", notes ? notes : "", 400);
        }
        return view_error(r, fv_status(&e), fv_error_text(r, &e));
    }
    return view_redirect_done(r, arena_printf(r->arena, "/meetings/%lld", (long long)id), "agenda_added");
}

int meeting_ics_page(Req *r)
{
    int64_t id;
    if (!wv_id(r, 0, &id)) {
        return r->status;
    }
    Buf ics = {0};
    if (meeting_ics(r->db, r->arena, r->viewer, id, &ics, NULL)) {
        buf_free(&ics);
        return view_error(r, 404, T(r, NOT_FOUND));
    }
    buf_reset(&r->body);
    buf_append(&r->body, ics.data, ics.len);
    buf_free(&ics);
    r->content_type = "text/calendar; charset=utf-8";
    req_header(r, "Content-Disposition", arena_printf(r->arena, "attachment; filename=\"meeting-%lld.ics\"", (long long)id));
    r->raw = true;
    return req_status(r, 200);
}
