/* admin_page.c: administration — users and their roles, and the audit
 * log.  Every handler here sits behind CAP_USER_ADMIN or CAP_AUDIT_READ in
 * the route table; the model functions check again. */
#include <string.h>

#include "app/core/audit.h"
#include "app/identity/identity.h"
#include "app/strategy/strategy.h"
#include "app/identity/identity_handlers.h"
#include "app/core/view.h"
#include "base/html.h"
#include "base/util.h"

int admin_page(Req *r)
{
    Buf *b = &r->body;
    r->title = T(r, "Administrasjon");
    req_crumb(r, r->title, NULL);
    html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1><ul class=\"ds-list\">", r->title);
    if (can(r->viewer, CAP_USER_ADMIN)) {
        html_printf(b, "<li><a class=\"ds-link\" href=\"/admin/users\">%s</a></li>"
                       "<li><a class=\"ds-link\" href=\"/admin/statuses\">%s</a></li>"
                       "<li><a class=\"ds-link\" href=\"/admin/mail\">%s</a></li>",
                    T(r, "Brukere og roller"), T(r, "Statuser for tiltak"), T(r, "E-post"));
    }
    if (can(r->viewer, CAP_AUDIT_READ)) {
        html_printf(b, "<li><a class=\"ds-link\" href=\"/admin/audit\">%s</a></li>", T(r, "Revisjonslogg"));
    }
    html_printf(b, "</ul>");
    return 200;
}

int admin_user_list_page(Req *r)
{
    Buf *b = &r->body;
    User *u;
    size_t n;
    if (user_list(r->db, r->arena, &u, &n, NULL)) {
        return 500;
    }
    r->title = T(r, "Brukere");
    req_crumb(r, T(r, "Administrasjon"), "/admin");
    req_crumb(r, r->title, NULL);
    html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1><p class=\"ds-paragraph\">"
                   "<a class=\"ds-button\" data-variant=\"primary\" href=\"/admin/users/new\">%s</a></p>",
                r->title, T(r, "Ny bruker"));
    html_printf(b, "<p class=\"ds-paragraph\" role=\"status\">%zu %s</p>", n, NT(r, "bruker", "brukere", (long long)n));
    html_printf(b, "<div class=\"table-wrap\"><table class=\"ds-table\" data-border><caption class=\"ds-sr-only\">"
                   "%s</caption><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                   "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                   "</tr></thead><tbody>",
                r->title, T(r, "Navn"), T(r, "Brukernavn"), T(r, "Departement"), T(r, "Roller"), T(r, "Status"));
    for (size_t i = 0; i < n; i++) {
        html_printf(b, "<tr><td><a class=\"ds-link\" href=\"/admin/users/%lld\">%s</a></td><td>%s</td><td>%s</td><td>",
                    (long long)u[i].id, u[i].full_name, u[i].username, u[i].ministry_code ? u[i].ministry_code : "–");
        Grant *g;
        size_t ng;
        if (user_grants(r->db, r->arena, u[i].id, &g, &ng, NULL) == 0) {
            for (size_t k = 0; k < ng; k++) {
                html_printf(b, "%s%s", k ? ", " : "", T(r, perm_role_label(g[k].role)));
            }
        }
        html_printf(b, "</td><td>%s</td></tr>", u[i].active ? T(r, "Aktiv") : T(r, "Deaktivert"));
    }
    html_printf(b, "</tbody></table></div>");
    return 200;
}

static void role_select(Req *r, Buf *b, const char *selected)
{
    html_printf(b, "<div class=\"ds-field\"><label class=\"ds-label\" for=\"role\">%s</label>"
                   "<select class=\"ds-input\" id=\"role\" name=\"role\">", T(r, "Rolle"));
    for (int i = 0; g_roles[i]; i++) {
        view_option(b, g_roles[i], T(r, perm_role_label(g_roles[i])), str_eq(selected, g_roles[i]));
    }
    html_printf(b, "</select></div>");
}

static int new_user_form(Req *r, const char *error, int status)
{
    Buf *b = &r->body;
    r->title = T(r, "Ny bruker");
    req_crumb(r, T(r, "Administrasjon"), "/admin");
    req_crumb(r, T(r, "Brukere"), "/admin/users");
    req_crumb(r, r->title, NULL);
    html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1>", r->title);
    view_form_error(b, error);
    html_printf(b, "<form class=\"form-narrow\" method=\"post\" action=\"/admin/users\">");
    view_csrf(b, r);
    view_text_field(b, "username", T(r, "Brukernavn"), params_get(&r->form, "username"), "text", "off",
                    T(r, "Små bokstaver, sifre, punktum og bindestrek, for eksempel sb.kd"), NULL, true);
    view_text_field(b, "full_name", T(r, "Navn"), params_get(&r->form, "full_name"), "text", "off", NULL, NULL, true);
    view_text_field(b, "email", T(r, "E-post"), params_get(&r->form, "email"), "email", "off", NULL, NULL, false);
    view_ministry_select(r, "ministry", T(r, "Departement"), params_get(&r->form, "ministry"), T(r, "Ingen"));
    role_select(r, b, params_get(&r->form, "role") ? params_get(&r->form, "role") : "employee");
    view_text_field(b, "password", T(r, "Passord"), "", "password", "new-password", T(r, "Minst 10 tegn"), NULL, true);
    html_printf(b, "<button class=\"ds-button\" data-variant=\"primary\" type=\"submit\">%s</button></form>",
                T(r, "Opprett bruker"));
    return req_status(r, status);
}

int admin_user_new_page(Req *r)
{
    return new_user_form(r, NULL, 200);
}

int admin_user_create(Req *r)
{
    UserInput in = {.username = params_get(&r->form, "username"),
                    .full_name = params_get(&r->form, "full_name"),
                    .email = params_get(&r->form, "email"),
                    .ministry_code = params_get(&r->form, "ministry"),
                    .active = true};
    const char *role = params_get(&r->form, "role");
    Err e = {0};
    if (role && *role && !perm_role_valid(role)) {
        return new_user_form(r, T(r, "Ukjent rolle."), 400);
    }
    int64_t id;
    if (user_create(r->db, r->viewer, r->client, &in, params_get(&r->form, "password"), &id, &e)) {
        return new_user_form(r, TMSG(r, e.msg), e.code == E_CONFLICT ? 409 : 400);
    }
    if (role && *role && !str_eq(role, "employee") &&
        user_grant_role(r->db, r->viewer, r->client, id, role, NULL, &e)) {
        return new_user_form(r, TMSG(r, e.msg), 400);
    }
    return req_redirect(r, arena_printf(r->arena, "/admin/users/%lld", (long long)id));
}

static int user_view(Req *r, int64_t id, const char *error, int status)
{
    Buf *b = &r->body;
    User u;
    if (user_get(r->db, r->arena, id, &u, NULL)) {
        return view_error(r, 404, T(r, "Det finnes ingen bruker med dette nummeret."));
    }
    r->title = u.full_name;
    req_crumb(r, T(r, "Administrasjon"), "/admin");
    req_crumb(r, T(r, "Brukere"), "/admin/users");
    req_crumb(r, u.username, NULL);
    html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1>", u.full_name);
    view_form_error(b, error);
    html_printf(b, "<p class=\"ds-paragraph\">%s: <strong>%s</strong>", T(r, "Brukernavn"), u.username);
    if (!u.active) {
        html_printf(b, " (%s)", T(r, "deaktivert"));
    }
    html_printf(b, "</p>");
    html_printf(b, "<form class=\"form-narrow\" method=\"post\" action=\"/admin/users/%lld\">", (long long)id);
    view_csrf(b, r);
    view_text_field(b, "full_name", T(r, "Navn"), u.full_name, "text", "off", NULL, NULL, true);
    view_text_field(b, "email", T(r, "E-post"), u.email, "email", "off", NULL, NULL, false);
    view_ministry_select(r, "ministry", T(r, "Departement"), u.ministry_code, T(r, "Ingen"));
    if (u.active) {
        html_printf(b, "<div class=\"ds-field\"><input class=\"ds-input\" type=\"checkbox\" id=\"active\" name=\"active\" "
                       "value=\"1\" checked><label class=\"ds-label\" for=\"active\">%s</label></div>", T(r, "Aktiv"));
    } else {
        html_printf(b, "<div class=\"ds-field\"><input class=\"ds-input\" type=\"checkbox\" id=\"active\" name=\"active\" "
                       "value=\"1\"><label class=\"ds-label\" for=\"active\">%s</label></div>", T(r, "Aktiv"));
    }
    html_printf(b, "<button class=\"ds-button\" data-variant=\"primary\" type=\"submit\">%s</button></form>",
                T(r, "Lagre"));
    html_printf(b, "<h2 class=\"ds-heading\" data-size=\"md\">%s</h2>", T(r, "Roller"));
    Grant *g;
    size_t ng;
    if (user_grants(r->db, r->arena, id, &g, &ng, NULL) == 0 && ng) {
        html_printf(b, "<ul class=\"ds-list\">");
        for (size_t i = 0; i < ng; i++) {
            html_printf(b, "<li>%s", T(r, perm_role_label(g[i].role)));
            if (g[i].ministry_code) {
                html_printf(b, " %s", TF(r, "for %s", g[i].ministry_code));
            }
            html_printf(b, " <form class=\"inline-form\" method=\"post\" action=\"/admin/users/%lld/roles/%lld/delete\">",
                        (long long)id, (long long)g[i].id);
            view_csrf(b, r);
            html_printf(b, "<button class=\"ds-button\" data-variant=\"tertiary\" data-size=\"sm\" type=\"submit\">"
                           "%s<span class=\"ds-sr-only\"> %s</span></button></form></li>",
                        T(r, "Fjern"), TF(r, "rollen %s", T(r, perm_role_label(g[i].role))));
        }
        html_printf(b, "</ul>");
    } else {
        html_printf(b, "<p class=\"ds-paragraph\">%s</p>", T(r, "Ingen roller utover ansatt."));
    }
    html_printf(b, "<form class=\"form-narrow\" method=\"post\" action=\"/admin/users/%lld/roles\">", (long long)id);
    view_csrf(b, r);
    role_select(r, b, NULL);
    view_ministry_select(r, "scope", T(r, "Gjelder departement"), NULL, T(r, "Brukerens eget departement"));
    html_printf(b, "<button class=\"ds-button\" data-variant=\"secondary\" type=\"submit\">%s</button></form>",
                T(r, "Gi rolle"));
    html_printf(b, "<h2 class=\"ds-heading\" data-size=\"md\">%s</h2>"
                   "<form class=\"form-narrow\" method=\"post\" action=\"/admin/users/%lld/password\">",
                T(r, "Nytt passord"), (long long)id);
    view_csrf(b, r);
    view_text_field(b, "password", T(r, "Nytt passord"), "", "password", "new-password",
                    T(r, "Minst 10 tegn. Brukeren logges ut overalt."), NULL, true);
    html_printf(b, "<button class=\"ds-button\" data-variant=\"secondary\" type=\"submit\">%s</button></form>",
                T(r, "Sett passord"));
    Token *t;
    size_t nt;
    if (token_list(r->db, r->arena, id, &t, &nt, NULL) == 0) {
        html_printf(b, "<h2 class=\"ds-heading\" data-size=\"md\">%s</h2>", T(r, "API-nøkler"));
        view_token_table(r, t, nt, "/admin/tokens");
    }
    return req_status(r, status);
}

static bool user_arg(Req *r, long long *id)
{
    return parse_int(r->args[0], 1, INT64_MAX, id);
}

int admin_user_page(Req *r)
{
    long long id;
    if (!user_arg(r, &id)) {
        return view_error(r, 404, NULL);
    }
    return user_view(r, id, NULL, 200);
}

int admin_user_update(Req *r)
{
    long long id;
    Err e = {0};
    if (!user_arg(r, &id)) {
        return view_error(r, 404, NULL);
    }
    UserInput in = {.full_name = params_get(&r->form, "full_name"),
                    .email = params_get(&r->form, "email"),
                    .ministry_code = params_get(&r->form, "ministry"),
                    .active = str_eq(params_get(&r->form, "active"), "1")};
    if (user_update(r->db, r->viewer, r->client, id, &in, &e)) {
        return user_view(r, id, TMSG(r, e.msg), e.code == E_NOTFOUND ? 404 : 400);
    }
    return req_redirect(r, arena_printf(r->arena, "/admin/users/%lld", id));
}

int admin_user_role_add(Req *r)
{
    long long id;
    Err e = {0};
    if (!user_arg(r, &id)) {
        return view_error(r, 404, NULL);
    }
    if (user_grant_role(r->db, r->viewer, r->client, id, params_get(&r->form, "role"), params_get(&r->form, "scope"),
                        &e)) {
        return user_view(r, id, TMSG(r, e.msg), e.code == E_NOTFOUND ? 404 : 400);
    }
    return req_redirect(r, arena_printf(r->arena, "/admin/users/%lld", id));
}

int admin_user_role_delete(Req *r)
{
    long long id, gid;
    Err e = {0};
    if (!user_arg(r, &id) || !parse_int(r->args[1], 1, INT64_MAX, &gid)) {
        return view_error(r, 404, NULL);
    }
    if (user_revoke_role(r->db, r->viewer, r->client, id, gid, &e)) {
        return user_view(r, id, TMSG(r, e.msg), e.code == E_NOTFOUND ? 404 : 400);
    }
    return req_redirect(r, arena_printf(r->arena, "/admin/users/%lld", id));
}

int admin_user_password(Req *r)
{
    long long id;
    Err e = {0};
    if (!user_arg(r, &id)) {
        return view_error(r, 404, NULL);
    }
    const char *pw = params_get(&r->form, "password");
    if (user_set_password(r->db, r->viewer, r->client, id, pw ? pw : "", &e)) {
        return user_view(r, id, TMSG(r, e.msg), e.code == E_NOTFOUND ? 404 : 400);
    }
    return req_redirect(r, arena_printf(r->arena, "/admin/users/%lld", id));
}

int admin_token_revoke(Req *r)
{
    long long id;
    Err e = {0};
    if (!parse_int(r->args[0], 1, INT64_MAX, &id) || token_revoke(r->db, r->viewer, r->client, id, &e)) {
        return view_error(r, 404, T(r, "Fant ikke nøkkelen."));
    }
    /* Back to the user page the form was on; anything else to the list. */
    const char *back = params_get(&r->form, "back");
    long long uid;
    if (back && str_has_prefix(back, "/admin/users/") && parse_int(back + strlen("/admin/users/"), 1, INT64_MAX, &uid)) {
        return req_redirect(r, arena_printf(r->arena, "/admin/users/%lld", uid));
    }
    return req_redirect(r, "/admin/users");
}

int admin_audit_page(Req *r)
{
    Buf *b = &r->body;
    AuditFilter f = {.limit = 100};
    f.actor = params_get(&r->query, "actor");
    f.action = params_get(&r->query, "action");
    f.from = params_get(&r->query, "from");
    f.to = params_get(&r->query, "to");
    const char *before = params_get(&r->query, "before");
    long long bid = 0;
    if (before && *before && !parse_int(before, 1, INT64_MAX, &bid)) {
        return view_error(r, 400, T(r, "Ugyldig side."));
    }
    f.before_id = bid;
    if (f.actor && !*f.actor) {
        f.actor = NULL;
    }
    if (f.action && !*f.action) {
        f.action = NULL;
    }
    if (f.from && !*f.from) {
        f.from = NULL;
    }
    if (f.to && !*f.to) {
        f.to = NULL;
    }
    AuditRow *rows;
    size_t n;
    if (audit_list(r->db, r->arena, r->viewer, &f, &rows, &n, NULL)) {
        return 500;
    }
    r->title = T(r, "Revisjonslogg");
    req_crumb(r, T(r, "Administrasjon"), "/admin");
    req_crumb(r, r->title, NULL);
    html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1><p class=\"ds-paragraph\">%s "
                   "<code>samla audit verify</code> %s</p>"
                   "<form class=\"filters\" method=\"get\" action=\"/admin/audit\" role=\"search\" "
                   "aria-label=\"%s\">",
                r->title, T(r, "Alle innlogginger, endringer, eksporter og tilgangsendringer. Loggen kan ikke endres, og"),
                T(r, "kontrollerer at ingen rader er endret eller fjernet."), T(r, "Filtrer revisjonsloggen"));
    view_text_field(b, "actor", T(r, "Bruker"), f.actor, "text", "off", NULL, NULL, false);
    view_text_field(b, "action", T(r, "Handling"), f.action, "text", "off", T(r, "For eksempel login eller user."),
                    NULL, false);
    view_text_field(b, "from", T(r, "Fra dato"), f.from, "date", NULL, NULL, NULL, false);
    view_text_field(b, "to", T(r, "Til dato"), f.to, "date", NULL, NULL, NULL, false);
    html_printf(b, "<button class=\"ds-button\" data-variant=\"primary\" type=\"submit\">%s</button></form>",
                T(r, "Filtrer"));
    if (n == 0) {
        html_printf(b, "<p class=\"ds-paragraph\">%s</p>", T(r, "Ingen hendelser passer med filteret."));
        return 200;
    }
    html_printf(b, "<div class=\"table-wrap\"><table class=\"ds-table\" data-border><caption class=\"ds-sr-only\">"
                   "%s</caption><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s"
                   "</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                   "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
                T(r, "Hendelser, nyeste først"), T(r, "Nr."), T(r, "Tid (UTC)"), T(r, "Bruker"), T(r, "Adresse"),
                T(r, "Handling"), T(r, "Objekt"), T(r, "Beskrivelse"));
    for (size_t i = 0; i < n; i++) {
        html_printf(b, "<tr><td>%lld</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s %s</td><td>%s</td></tr>",
                    (long long)rows[i].id, rows[i].at, rows[i].actor, rows[i].client, rows[i].action,
                    rows[i].object_type, rows[i].object_id, rows[i].summary);
    }
    html_printf(b, "</tbody></table></div>");
    if (n == 100) {
        Buf q = {0};
        buf_printf(&q, "/admin/audit?before=%lld", (long long)rows[n - 1].id);
        if (f.actor) {
            buf_printf(&q, "&actor=%s", url_enc(r->arena, f.actor));
        }
        if (f.action) {
            buf_printf(&q, "&action=%s", url_enc(r->arena, f.action));
        }
        html_printf(b, "<p class=\"ds-paragraph\"><a class=\"ds-link\" href=\"%s\">%s</a></p>", buf_str(&q),
                    T(r, "Eldre hendelser"));
        buf_free(&q);
    }
    return 200;
}
