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
    r->title = "Administrasjon";
    req_crumb(r, "Administrasjon", NULL);
    html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">Administrasjon</h1><ul class=\"ds-list\">");
    if (can(r->viewer, CAP_USER_ADMIN)) {
        html_printf(b, "<li><a class=\"ds-link\" href=\"/admin/users\">Brukere og roller</a></li>"
                       "<li><a class=\"ds-link\" href=\"/admin/statuses\">Statuser for tiltak</a></li>");
    }
    if (can(r->viewer, CAP_AUDIT_READ)) {
        html_printf(b, "<li><a class=\"ds-link\" href=\"/admin/audit\">Revisjonslogg</a></li>");
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
    r->title = "Brukere";
    req_crumb(r, "Administrasjon", "/admin");
    req_crumb(r, "Brukere", NULL);
    html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">Brukere</h1><p class=\"ds-paragraph\">"
                   "<a class=\"ds-button\" data-variant=\"primary\" href=\"/admin/users/new\">Ny bruker</a></p>");
    html_printf(b, "<p class=\"ds-paragraph\" role=\"status\">%zu brukere</p>", n);
    html_printf(b, "<div class=\"table-wrap\"><table class=\"ds-table\" data-border><caption class=\"ds-sr-only\">"
                   "Brukere</caption><thead><tr><th scope=\"col\">Navn</th><th scope=\"col\">Brukernavn</th>"
                   "<th scope=\"col\">Departement</th><th scope=\"col\">Roller</th><th scope=\"col\">Status</th>"
                   "</tr></thead><tbody>");
    for (size_t i = 0; i < n; i++) {
        html_printf(b, "<tr><td><a class=\"ds-link\" href=\"/admin/users/%lld\">%s</a></td><td>%s</td><td>%s</td><td>",
                    (long long)u[i].id, u[i].full_name, u[i].username, u[i].ministry_code ? u[i].ministry_code : "–");
        Grant *g;
        size_t ng;
        if (user_grants(r->db, r->arena, u[i].id, &g, &ng, NULL) == 0) {
            for (size_t k = 0; k < ng; k++) {
                html_printf(b, "%s%s", k ? ", " : "", perm_role_label(g[k].role));
            }
        }
        html_printf(b, "</td><td>%s</td></tr>", u[i].active ? "Aktiv" : "Deaktivert");
    }
    html_printf(b, "</tbody></table></div>");
    return 200;
}

static void role_select(Buf *b, const char *selected)
{
    html_printf(b, "<div class=\"ds-field\"><label class=\"ds-label\" for=\"role\">Rolle</label>"
                   "<select class=\"ds-input\" id=\"role\" name=\"role\">");
    for (int i = 0; g_roles[i]; i++) {
        view_option(b, g_roles[i], perm_role_label(g_roles[i]), str_eq(selected, g_roles[i]));
    }
    html_printf(b, "</select></div>");
}

static int new_user_form(Req *r, const char *error, int status)
{
    Buf *b = &r->body;
    r->title = "Ny bruker";
    req_crumb(r, "Administrasjon", "/admin");
    req_crumb(r, "Brukere", "/admin/users");
    req_crumb(r, "Ny bruker", NULL);
    html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">Ny bruker</h1>");
    view_form_error(b, error);
    html_printf(b, "<form class=\"form-narrow\" method=\"post\" action=\"/admin/users\">");
    view_csrf(b, r);
    view_text_field(b, "username", "Brukernavn", params_get(&r->form, "username"), "text", "off",
                    "Små bokstaver, sifre, punktum og bindestrek, for eksempel sb.kd", NULL, true);
    view_text_field(b, "full_name", "Navn", params_get(&r->form, "full_name"), "text", "off", NULL, NULL, true);
    view_text_field(b, "email", "E-post", params_get(&r->form, "email"), "email", "off", NULL, NULL, false);
    view_ministry_select(r, "ministry", "Departement", params_get(&r->form, "ministry"), "Ingen");
    role_select(b, params_get(&r->form, "role") ? params_get(&r->form, "role") : "employee");
    view_text_field(b, "password", "Passord", "", "password", "new-password", "Minst 10 tegn", NULL, true);
    html_printf(b, "<button class=\"ds-button\" data-variant=\"primary\" type=\"submit\">Opprett bruker</button></form>");
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
        return new_user_form(r, "Ukjent rolle.", 400);
    }
    int64_t id;
    if (user_create(r->db, r->viewer, r->client, &in, params_get(&r->form, "password"), &id, &e)) {
        return new_user_form(r, e.msg, e.code == E_CONFLICT ? 409 : 400);
    }
    if (role && *role && !str_eq(role, "employee") &&
        user_grant_role(r->db, r->viewer, r->client, id, role, NULL, &e)) {
        return new_user_form(r, e.msg, 400);
    }
    return req_redirect(r, arena_printf(r->arena, "/admin/users/%lld", (long long)id));
}

static int user_view(Req *r, int64_t id, const char *error, int status)
{
    Buf *b = &r->body;
    User u;
    if (user_get(r->db, r->arena, id, &u, NULL)) {
        return view_error(r, 404, "Det finnes ingen bruker med dette nummeret.");
    }
    r->title = u.full_name;
    req_crumb(r, "Administrasjon", "/admin");
    req_crumb(r, "Brukere", "/admin/users");
    req_crumb(r, u.username, NULL);
    html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1>", u.full_name);
    view_form_error(b, error);
    html_printf(b, "<p class=\"ds-paragraph\">Brukernavn: <strong>%s</strong>%s</p>", u.username,
                u.active ? "" : " (deaktivert)");
    html_printf(b, "<form class=\"form-narrow\" method=\"post\" action=\"/admin/users/%lld\">", (long long)id);
    view_csrf(b, r);
    view_text_field(b, "full_name", "Navn", u.full_name, "text", "off", NULL, NULL, true);
    view_text_field(b, "email", "E-post", u.email, "email", "off", NULL, NULL, false);
    view_ministry_select(r, "ministry", "Departement", u.ministry_code, "Ingen");
    if (u.active) {
        html_printf(b, "<div class=\"ds-field\"><input class=\"ds-input\" type=\"checkbox\" id=\"active\" name=\"active\" "
                       "value=\"1\" checked><label class=\"ds-label\" for=\"active\">Aktiv</label></div>");
    } else {
        html_printf(b, "<div class=\"ds-field\"><input class=\"ds-input\" type=\"checkbox\" id=\"active\" name=\"active\" "
                       "value=\"1\"><label class=\"ds-label\" for=\"active\">Aktiv</label></div>");
    }
    html_printf(b, "<button class=\"ds-button\" data-variant=\"primary\" type=\"submit\">Lagre</button></form>");
    html_printf(b, "<h2 class=\"ds-heading\" data-size=\"md\">Roller</h2>");
    Grant *g;
    size_t ng;
    if (user_grants(r->db, r->arena, id, &g, &ng, NULL) == 0 && ng) {
        html_printf(b, "<ul class=\"ds-list\">");
        for (size_t i = 0; i < ng; i++) {
            html_printf(b, "<li>%s", perm_role_label(g[i].role));
            if (g[i].ministry_code) {
                html_printf(b, " for %s", g[i].ministry_code);
            }
            html_printf(b, " <form class=\"inline-form\" method=\"post\" action=\"/admin/users/%lld/roles/%lld/delete\">",
                        (long long)id, (long long)g[i].id);
            view_csrf(b, r);
            html_printf(b, "<button class=\"ds-button\" data-variant=\"tertiary\" data-size=\"sm\" type=\"submit\">"
                           "Fjern<span class=\"ds-sr-only\"> rollen %s</span></button></form></li>",
                        perm_role_label(g[i].role));
        }
        html_printf(b, "</ul>");
    } else {
        html_printf(b, "<p class=\"ds-paragraph\">Ingen roller utover ansatt.</p>");
    }
    html_printf(b, "<form class=\"form-narrow\" method=\"post\" action=\"/admin/users/%lld/roles\">", (long long)id);
    view_csrf(b, r);
    role_select(b, NULL);
    view_ministry_select(r, "scope", "Gjelder departement", NULL, "Brukerens eget departement");
    html_printf(b, "<button class=\"ds-button\" data-variant=\"secondary\" type=\"submit\">Gi rolle</button></form>");
    html_printf(b, "<h2 class=\"ds-heading\" data-size=\"md\">Nytt passord</h2>"
                   "<form class=\"form-narrow\" method=\"post\" action=\"/admin/users/%lld/password\">", (long long)id);
    view_csrf(b, r);
    view_text_field(b, "password", "Nytt passord", "", "password", "new-password",
                    "Minst 10 tegn. Brukeren logges ut overalt.", NULL, true);
    html_printf(b, "<button class=\"ds-button\" data-variant=\"secondary\" type=\"submit\">Sett passord</button></form>");
    Token *t;
    size_t nt;
    if (token_list(r->db, r->arena, id, &t, &nt, NULL) == 0) {
        html_printf(b, "<h2 class=\"ds-heading\" data-size=\"md\">API-nøkler</h2>");
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
        return user_view(r, id, e.msg, e.code == E_NOTFOUND ? 404 : 400);
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
        return user_view(r, id, e.msg, e.code == E_NOTFOUND ? 404 : 400);
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
        return user_view(r, id, e.msg, e.code == E_NOTFOUND ? 404 : 400);
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
        return user_view(r, id, e.msg, e.code == E_NOTFOUND ? 404 : 400);
    }
    return req_redirect(r, arena_printf(r->arena, "/admin/users/%lld", id));
}

int admin_token_revoke(Req *r)
{
    long long id;
    Err e = {0};
    if (!parse_int(r->args[0], 1, INT64_MAX, &id) || token_revoke(r->db, r->viewer, r->client, id, &e)) {
        return view_error(r, 404, "Fant ikke nøkkelen.");
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
        return view_error(r, 400, "Ugyldig side.");
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
    r->title = "Revisjonslogg";
    req_crumb(r, "Administrasjon", "/admin");
    req_crumb(r, "Revisjonslogg", NULL);
    html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">Revisjonslogg</h1><p class=\"ds-paragraph\">Alle "
                   "innlogginger, endringer, eksporter og tilgangsendringer. Loggen kan ikke endres, og "
                   "<code>samla audit verify</code> kontrollerer at ingen rader er endret eller fjernet.</p>"
                   "<form class=\"filters\" method=\"get\" action=\"/admin/audit\" role=\"search\" "
                   "aria-label=\"Filtrer revisjonsloggen\">");
    view_text_field(b, "actor", "Bruker", f.actor, "text", "off", NULL, NULL, false);
    view_text_field(b, "action", "Handling", f.action, "text", "off", "For eksempel login eller user.", NULL, false);
    view_text_field(b, "from", "Fra dato", f.from, "date", NULL, NULL, NULL, false);
    view_text_field(b, "to", "Til dato", f.to, "date", NULL, NULL, NULL, false);
    html_printf(b, "<button class=\"ds-button\" data-variant=\"primary\" type=\"submit\">Filtrer</button></form>");
    if (n == 0) {
        html_printf(b, "<p class=\"ds-paragraph\">Ingen hendelser passer med filteret.</p>");
        return 200;
    }
    html_printf(b, "<div class=\"table-wrap\"><table class=\"ds-table\" data-border><caption class=\"ds-sr-only\">"
                   "Hendelser, nyeste først</caption><thead><tr><th scope=\"col\">Nr.</th><th scope=\"col\">Tid (UTC)"
                   "</th><th scope=\"col\">Bruker</th><th scope=\"col\">Adresse</th><th scope=\"col\">Handling</th>"
                   "<th scope=\"col\">Objekt</th><th scope=\"col\">Beskrivelse</th></tr></thead><tbody>");
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
        html_printf(b, "<p class=\"ds-paragraph\"><a class=\"ds-link\" href=\"%s\">Eldre hendelser</a></p>", buf_str(&q));
        buf_free(&q);
    }
    return 200;
}
