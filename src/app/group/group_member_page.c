/* group_member_page.c: who is in a group — the members page with the form
 * that adds a person (or gives a member a new role), and ending a
 * membership after a confirmation page.  The work and the rights are in
 * group_member.c; the group's leader and secretariat (and whoever manages
 * groups of the process owner) manage membership. */
#include <string.h>

#include "app/core/view.h"
#include "app/group/group_handlers.h"
#include "app/group/group_int.h"
#include "app/group/group_view.h"
#include "base/html.h"
#include "base/util.h"

static int not_found(Req *r)
{
    return view_error(r, 404, T(r, "Det finnes ingen gruppe med denne adressen, eller du har ikke tilgang til den."));
}

/* The group of r->args[0] when the viewer may manage its members: true;
 * otherwise false after the error page (404, or 403 for a reader). */
static bool load_managed(Req *r, Group *g)
{
    long long id;
    if (!parse_int(r->args[0], 1, INT64_MAX, &id) || group_get(r->db, r->arena, r->viewer, id, g, NULL) ||
        g->rec.masked) {
        not_found(r);
        return false;
    }
    if (!group_can_manage(r->viewer, &g->rec)) {
        view_error(r, 403, T(r, "Bare gruppens leder og sekretariat kan endre hvem som er med."));
        return false;
    }
    return true;
}

static void crumbs(Req *r, const Group *g, const char *here, bool members_link)
{
    req_crumb(r, T(r, "Grupper"), "/groups");
    req_crumb(r, g->rec.title, arena_printf(r->arena, "/groups/%lld", (long long)g->rec.id));
    if (members_link) {
        req_crumb(r, T(r, "Medlemmer"), arena_printf(r->arena, "/groups/%lld/members", (long long)g->rec.id));
    }
    req_crumb(r, here, NULL);
}

static void current_table(Req *r, const Group *g, const GroupMember *m, size_t n)
{
    Buf *b = &r->body;
    if (!n) {
        html_printf(b, "<p class=\"ds-paragraph\">%s</p>", T(r, "Ingen personer er med i gruppen ennå."));
        return;
    }
    html_printf(b, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"%s\"><table class=\"ds-table\" data-border><caption class=\"ds-sr-only\">%s"
                   "</caption><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                   "<th scope=\"col\">%s</th><th scope=\"col\"><span class=\"ds-sr-only\">%s</span></th></tr></thead>"
                   "<tbody>",
                T(r, "Personer i gruppen"), T(r, "Personer i gruppen"), T(r, "Navn"), T(r, "Rolle"), T(r, "Departement"),
                T(r, "Med siden"), T(r, "Handlinger"));
    for (size_t i = 0; i < n; i++) {
        html_printf(b, "<tr><th scope=\"row\">%s <span class=\"muted\">(%s)</span></th><td>%s</td><td>%s</td>"
                       "<td class=\"nowrap\">%s</td><td><a class=\"ds-link\" href=\"/groups/%lld/members/%lld/end\" "
                       "aria-label=\"%s\">%s</a></td></tr>",
                    m[i].full_name, m[i].username, T(r, group_role_label(m[i].role)),
                    m[i].ministry_code ? m[i].ministry_code : "", view_date(r, m[i].joined_on), (long long)g->rec.id,
                    (long long)m[i].id, TF(r, "Avslutt medlemskapet til %s", m[i].full_name),
                    T(r, "Avslutt medlemskapet"));
    }
    html_printf(b, "</tbody></table></div>");
}

static void former_table(Req *r, const GroupMember *m, size_t n)
{
    Buf *b = &r->body;
    size_t former = 0;
    for (size_t i = 0; i < n; i++) {
        former += m[i].left_on != NULL;
    }
    if (!former) {
        return;
    }
    html_printf(b, "<h2 class=\"ds-heading\" data-size=\"md\">%s</h2><div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"%s\"><table "
                   "class=\"ds-table\" data-border><caption class=\"ds-sr-only\">%s</caption><thead><tr>"
                   "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s"
                   "</th></tr></thead><tbody>",
                T(r, "Tidligere medlemskap"), T(r, "Tidligere medlemskap"), T(r, "Tidligere medlemskap"), T(r, "Navn"),
                T(r, "Rolle"),
                T(r, "Fra"), T(r, "Til"));
    for (size_t i = 0; i < n; i++) {
        if (m[i].left_on) {
            html_printf(b, "<tr><th scope=\"row\">%s</th><td>%s</td><td class=\"nowrap\">%s</td>"
                           "<td class=\"nowrap\">%s</td></tr>",
                        m[i].full_name, T(r, group_role_label(m[i].role)), view_date(r, m[i].joined_on),
                        view_date(r, m[i].left_on));
        }
    }
    html_printf(b, "</tbody></table></div>");
}

static int members_form(Req *r, const Group *g, const FormErrors *fe, int status)
{
    Buf *b = &r->body;
    r->title = TF(r, "Medlemmer: %s", g->rec.title);
    crumbs(r, g, T(r, "Medlemmer"), false);
    html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1><p class=\"ds-paragraph\">%s</p>",
                T(r, "Medlemmer"), g->rec.title);
    view_notice(r);
    GroupMember *cur, *all;
    size_t ncur = 0, nall = 0;
    group_members(r->db, r->arena, r->viewer, g->rec.id, false, &cur, &ncur, NULL);
    group_members(r->db, r->arena, r->viewer, g->rec.id, true, &all, &nall, NULL);
    current_table(r, g, cur, ncur);
    html_printf(b, "<h2 class=\"ds-heading\" data-size=\"md\" id=\"add-h\">%s</h2><p class=\"ds-paragraph\">%s</p>",
                T(r, "Legg til en person"),
                T(r, "Den som alt er med, får den nye rollen fra i dag. Medlemmer leser og skriver det gruppen eier; "
                     "leder og sekretariat endrer også gruppen og hvem som er med."));
    fv_error_summary(r, fe, NULL);
    html_printf(b, "<form class=\"form-narrow\" method=\"post\" action=\"/groups/%lld/members\" "
                   "aria-labelledby=\"add-h\" novalidate>",
                (long long)g->rec.id);
    view_csrf(b, r);
    view_text_field(b, "username", T(r, "Brukernavn"), params_get(&r->form, "username"), "text", "off",
                    T(r, "For eksempel sb.kd"), fv_error_of(fe, "username"), true);
    const char *role = params_get(&r->form, "role") ? params_get(&r->form, "role") : "member";
    fv_select_open(r, "role", T(r, "Rolle"), NULL, fv_error_of(fe, "role"));
    for (size_t i = 0; g_group_roles[i]; i++) {
        view_option(b, g_group_roles[i], T(r, group_role_label(g_group_roles[i])), str_eq(role, g_group_roles[i]));
    }
    fv_select_close(r, "role", fv_error_of(fe, "role"));
    view_text_field(b, "joined_on", T(r, "Med fra"), params_get(&r->form, "joined_on"), "date", "off",
                    T(r, "Tom: i dag."), fv_error_of(fe, "joined_on"), false);
    html_printf(b, "<div class=\"button-row\"><button class=\"ds-button\" data-variant=\"primary\" type=\"submit\">"
                   "%s</button><a class=\"ds-link\" href=\"/groups/%lld\">%s</a></div></form>",
                T(r, "Legg til"), (long long)g->rec.id, T(r, "Tilbake til gruppen"));
    former_table(r, all, nall);
    return req_status(r, status);
}

int group_members_page(Req *r)
{
    Group g;
    if (!load_managed(r, &g)) {
        return r->status;
    }
    return members_form(r, &g, NULL, 200);
}

/* Which field a message of group_member_add is about. */
static const char *member_field(const char *msg)
{
    if (str_eq(msg, "Velg en rolle: leder, sekretariat, medlem eller observatør.")) {
        return "role";
    }
    if (str_eq(msg, "Datoen personen ble med, må være en dato som ikke er fram i tid.")) {
        return "joined_on";
    }
    return "username";
}

int group_member_add_post(Req *r)
{
    Group g;
    if (!load_managed(r, &g)) {
        return r->status;
    }
    const char *user = params_get(&r->form, "username");
    const char *date = params_get(&r->form, "joined_on");
    FormErrors fe = {0};
    if (!user || !*group_trim(r->arena, user)) {
        fv_add(&fe, "username", T(r, "Skriv brukernavnet til personen."));
    }
    if (date && *date && !date_valid(date)) {
        fv_add(&fe, "joined_on", T(r, "Skriv datoen som åååå-mm-dd."));
    }
    if (fe.n) {
        return members_form(r, &g, &fe, 400);
    }
    Err e = {0};
    if (group_member_add(r->db, r->arena, r->viewer, r->client, g.rec.id, group_trim(r->arena, user),
                         params_get(&r->form, "role"), date, &e)) {
        if (e.code == E_FORBIDDEN || e.code == E_NOTFOUND) {
            return view_error(r, fv_status(&e), fv_error_text(r, &e));
        }
        fv_add(&fe, member_field(e.msg), fv_error_text(r, &e));
        return members_form(r, &g, &fe, fv_status(&e));
    }
    return view_redirect_done(r, arena_printf(r->arena, "/groups/%lld/members", (long long)g.rec.id), "member_added");
}

/* The current membership r->args[1] of g, or false after a 404. */
static bool load_member(Req *r, const Group *g, GroupMember *out)
{
    long long mid;
    GroupMember *m;
    size_t n = 0;
    if (parse_int(r->args[1], 1, INT64_MAX, &mid) &&
        !group_members(r->db, r->arena, r->viewer, g->rec.id, false, &m, &n, NULL)) {
        for (size_t i = 0; i < n; i++) {
            if (m[i].id == mid) {
                *out = m[i];
                return true;
            }
        }
    }
    view_error(r, 404, T(r, "Fant ikke medlemskapet."));
    return false;
}

int group_member_end_page(Req *r)
{
    Group g;
    GroupMember m;
    if (!load_managed(r, &g) || !load_member(r, &g, &m)) {
        return r->status;
    }
    Buf *b = &r->body;
    r->title = T(r, "Avslutte medlemskapet?");
    crumbs(r, &g, T(r, "Avslutt medlemskap"), true);
    html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1><p class=\"ds-paragraph\">%s</p>"
                   "<p class=\"ds-paragraph\">%s</p>",
                r->title,
                TF(r, "%s (%s) går ut av «%s» i dag.", m.full_name, T(r, group_role_label(m.role)), g.rec.title),
                T(r, "Personen mister tilgangen til det gruppen eier, hvis den ikke har tilgang på annen måte. "
                     "Medlemskapet blir stående i historikken."));
    html_printf(b, "<form method=\"post\" action=\"/groups/%lld/members/%lld/end\">", (long long)g.rec.id,
                (long long)m.id);
    view_csrf(b, r);
    html_printf(b, "<div class=\"button-row\"><button class=\"ds-button\" data-variant=\"primary\" type=\"submit\">"
                   "%s</button><a class=\"ds-link\" href=\"/groups/%lld/members\">%s</a></div></form>",
                T(r, "Avslutt medlemskapet"), (long long)g.rec.id, T(r, "Avbryt"));
    return 200;
}

int group_member_end_post(Req *r)
{
    Group g;
    GroupMember m;
    if (!load_managed(r, &g) || !load_member(r, &g, &m)) {
        return r->status;
    }
    Err e = {0};
    if (group_member_end(r->db, r->arena, r->viewer, r->client, g.rec.id, m.id, &e)) {
        return view_error(r, fv_status(&e), fv_error_text(r, &e));
    }
    return view_redirect_done(r, arena_printf(r->arena, "/groups/%lld/members", (long long)g.rec.id), "member_ended");
}
