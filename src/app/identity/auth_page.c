/* auth_page.c: sign-in, sign-out and "Min side" (own account and API
 * tokens).  Thin over auth.c; no SQL here. */
#include <string.h>

#include "app/identity/identity.h"
#include "app/identity/identity_handlers.h"
#include "app/core/view.h"
#include "base/html.h"
#include "base/utf8.h"
#include "base/util.h"

/* A safe place to go after signing in: a local path, never another site. */
static const char *safe_next(const char *next)
{
    if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\' || strlen(next) > 2000 ||
        utf8_has_control(next, strlen(next), false)) {
        return "/";
    }
    return next;
}

static int login_form(Req *r, const char *username, const char *next, const char *error, int status)
{
    Buf *b = &r->body;
    r->title = T(r, "Logg inn");
    html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1><p class=\"ds-paragraph\">%s</p>", r->title,
                T(r, "Logg inn med brukeren du har fått av administratoren i ditt departement."));
    view_form_error(b, error);
    html_printf(b, "<form class=\"form-narrow\" method=\"post\" action=\"/login\">");
    view_csrf(b, r);
    html_printf(b, "<input type=\"hidden\" name=\"next\" value=\"%s\">", safe_next(next));
    view_text_field(b, "username", T(r, "Brukernavn"), username, "text", "username", NULL, NULL, true);
    view_text_field(b, "password", T(r, "Passord"), "", "password", "current-password", NULL, NULL, true);
    html_printf(b, "<button class=\"ds-button\" data-variant=\"primary\" type=\"submit\">%s</button></form>",
                T(r, "Logg inn"));
    return req_status(r, status);
}

int login_page(Req *r)
{
    if (r->viewer->user_id) {
        return req_redirect(r, safe_next(params_get(&r->query, "next")));
    }
    return login_form(r, "", params_get(&r->query, "next"), NULL, 200);
}

int login_post(Req *r)
{
    const char *username = params_get(&r->form, "username");
    const char *password = params_get(&r->form, "password");
    const char *next = safe_next(params_get(&r->form, "next"));
    char token[AUTH_TOKEN_CHARS + 1];
    int64_t wait_ms = 0;
    Err e = {0};
    int rc = auth_login(r->db, username ? username : "", password ? password : "", r->client, token, &wait_ms, &e);
    if (rc == E_CONFLICT) {
        req_header(r, "Retry-After", arena_printf(r->arena, "%lld", (long long)((wait_ms + 999) / 1000)));
        return login_form(r, username, next, TMSG(r, e.msg), 429);
    }
    if (rc) {
        return login_form(r, username, next, rc == E_FORBIDDEN ? TMSG(r, e.msg) : T(r, "Innloggingen feilet. Prøv igjen."),
                          rc == E_FORBIDDEN ? 401 : 500);
    }
    req_header(r, "Set-Cookie",
               arena_printf(r->arena, "samla_session=%s; Path=/; HttpOnly; SameSite=Lax; Max-Age=%d%s", token,
                            AUTH_MAX_AGE_SECONDS, r->secure ? "; Secure" : ""));
    req_header(r, "Set-Cookie", "samla_csrf=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0");
    return req_redirect(r, next);
}

int logout_post(Req *r)
{
    auth_logout(r->db, r->viewer, r->client, NULL);
    req_header(r, "Set-Cookie", "samla_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0");
    return req_redirect(r, "/");
}

/* The tokens table, with revoke buttons posting to action_prefix/{id}/revoke. */
void view_token_table(Req *r, const Token *t, size_t n, const char *action_prefix)
{
    Buf *b = &r->body;
    if (n == 0) {
        html_printf(b, "<p class=\"ds-paragraph\">%s</p>", T(r, "Ingen API-nøkler."));
        return;
    }
    html_printf(b, "<div class=\"table-wrap\"><table class=\"ds-table\" data-border><caption class=\"ds-sr-only\">"
                   "%s</caption><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                   "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                   "</tr></thead><tbody>",
                T(r, "API-nøkler"), T(r, "Navn"), T(r, "Tilgang"), T(r, "Laget"), T(r, "Sist brukt"), T(r, "Status"));
    for (size_t i = 0; i < n; i++) {
        html_printf(b, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>", t[i].name,
                    t[i].read_only ? T(r, "Bare lesing") : T(r, "Lese og skrive"), view_unix_time(r, t[i].created_at),
                    view_unix_time(r, t[i].last_used));
        if (t[i].revoked_at) {
            html_printf(b, "%s", TF(r, "Trukket tilbake %s", view_unix_time(r, t[i].revoked_at)));
        } else {
            html_printf(b, "<form method=\"post\" action=\"%s/%lld/revoke\">", action_prefix, (long long)t[i].id);
            view_csrf(b, r);
            html_printf(b, "<input type=\"hidden\" name=\"back\" value=\"%s\">", r->path ? r->path : "/");
            html_printf(b, "<button class=\"ds-button\" data-variant=\"secondary\" data-size=\"sm\" type=\"submit\">"
                           "%s<span class=\"ds-sr-only\"> %s</span></button></form>",
                        T(r, "Trekk tilbake"), TF(r, "nøkkelen %s", t[i].name));
        }
        html_printf(b, "</td></tr>");
    }
    html_printf(b, "</tbody></table></div>");
}

static int account_view(Req *r, const char *new_token, const char *error, const char *notice, int status)
{
    Buf *b = &r->body;
    const Viewer *v = r->viewer;
    User u;
    if (user_get(r->db, r->arena, v->user_id, &u, NULL)) {
        return 500;
    }
    r->title = T(r, "Min side");
    req_crumb(r, r->title, NULL);
    html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1>", r->title);
    view_form_error(b, error);
    if (notice) {
        html_printf(b, "<div class=\"ds-alert\" data-color=\"success\" role=\"status\"><p class=\"ds-paragraph\">%s"
                       "</p></div>", notice);
    }
    if (new_token) {
        html_printf(b, "<div class=\"ds-alert\" data-color=\"warning\" role=\"status\"><p class=\"ds-paragraph\">"
                       "%s</p><p class=\"ds-paragraph\"><code class=\"token\">%s</code></p></div>",
                    T(r, "Ny API-nøkkel. Kopier den nå – den vises ikke igjen:"), new_token);
    }
    html_printf(b, "<dl class=\"facts\"><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd>"
                   "<dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>",
                T(r, "Navn"), u.full_name, T(r, "Brukernavn"), u.username, T(r, "E-post"), *u.email ? u.email : "–",
                T(r, "Departement"), u.ministry_name ? TPICK(r, u.ministry_name, u.ministry_name_nn, u.ministry_name_en) : "–",
                T(r, "Roller"));
    Grant *g;
    size_t ng;
    if (user_grants(r->db, r->arena, u.id, &g, &ng, NULL) == 0 && ng) {
        for (size_t i = 0; i < ng; i++) {
            html_printf(b, "%s%s", i ? ", " : "", T(r, perm_role_label(g[i].role)));
            if (g[i].ministry_code) {
                html_printf(b, " (%s)", g[i].ministry_code);
            }
        }
    } else {
        html_printf(b, "%s", T(r, perm_role_label("employee")));
    }
    html_printf(b, "</dd></dl><p class=\"ds-paragraph\"><a class=\"ds-link\" href=\"/account/mail\">%s</a></p>",
                T(r, "Velg hvilken e-post du får"));
    html_printf(b, "<h2 class=\"ds-heading\" data-size=\"md\">%s</h2>"
                   "<p class=\"ds-paragraph\">%s <a class=\"ds-link\" href=\"/api/v1/openapi.json\">%s</a>. %s "
                   "<code>Authorization: Bearer …</code>.</p>",
                T(r, "API-nøkler"), T(r, "Med en API-nøkkel kan et program lese (og skrive) det du har tilgang til gjennom"),
                T(r, "API-et"), T(r, "Send den som"));
    Token *t;
    size_t nt;
    if (token_list(r->db, r->arena, u.id, &t, &nt, NULL) == 0) {
        view_token_table(r, t, nt, "/account/tokens");
    }
    html_printf(b, "<form class=\"form-narrow\" method=\"post\" action=\"/account/tokens\">");
    view_csrf(b, r);
    view_text_field(b, "name", T(r, "Navn på ny nøkkel"), "", "text", "off", T(r, "Hva nøkkelen skal brukes til"), NULL,
                    true);
    html_printf(b, "<div class=\"ds-field\"><input class=\"ds-input\" type=\"checkbox\" id=\"read_only\" "
                   "name=\"read_only\" value=\"1\"><label class=\"ds-label\" for=\"read_only\">%s</label></div>"
                   "<button class=\"ds-button\" data-variant=\"primary\" type=\"submit\">%s</button></form>",
                T(r, "Bare lesing"), T(r, "Lag nøkkel"));
    html_printf(b, "<h2 class=\"ds-heading\" data-size=\"md\">%s</h2>"
                   "<form class=\"form-narrow\" method=\"post\" action=\"/account/password\">",
                T(r, "Bytt passord"));
    view_csrf(b, r);
    view_text_field(b, "current", T(r, "Nåværende passord"), "", "password", "current-password", NULL, NULL, true);
    view_text_field(b, "new", T(r, "Nytt passord"), "", "password", "new-password", T(r, "Minst 10 tegn"), NULL, true);
    html_printf(b, "<button class=\"ds-button\" data-variant=\"primary\" type=\"submit\">%s</button></form>",
                T(r, "Bytt passord"));
    return req_status(r, status);
}

int account_page(Req *r)
{
    return account_view(r, NULL, NULL, NULL, 200);
}

int account_token_create(Req *r)
{
    char token[AUTH_TOKEN_CHARS + 8];
    int64_t id;
    Err e = {0};
    const char *name = params_get(&r->form, "name");
    bool ro = str_eq(params_get(&r->form, "read_only"), "1");
    if (token_create(r->db, r->viewer, r->client, r->viewer->user_id, name, ro, token, &id, &e)) {
        return account_view(r, NULL, TMSG(r, e.msg), NULL, e.code == E_FORBIDDEN ? 403 : 400);
    }
    return account_view(r, arena_strdup(r->arena, token), NULL, NULL, 201);
}

int account_token_revoke(Req *r)
{
    long long id;
    Err e = {0};
    if (!parse_int(r->args[0], 1, INT64_MAX, &id) || token_revoke(r->db, r->viewer, r->client, id, &e)) {
        return account_view(r, NULL, e.msg[0] ? TMSG(r, e.msg) : T(r, "Fant ikke nøkkelen."), NULL, 404);
    }
    return req_redirect(r, "/account");
}

/* The language switch in the header: remember the choice in a cookie for
 * a year, and in the settings of a signed-in user; back to the page. */
int lang_post(Req *r)
{
    int lang = i18n_parse(params_get(&r->form, "lang"));
    if (lang < 0) {
        return view_error(r, 400, NULL);
    }
    r->lang = lang;
    req_header(r, "Set-Cookie", arena_printf(r->arena, "samla_lang=%s; Path=/; SameSite=Lax; Max-Age=31536000%s",
                                             i18n_code(lang), r->secure ? "; Secure" : ""));
    if (r->viewer->user_id && !r->viewer->via_token) {
        user_set_language(r->db, r->viewer->user_id, lang, NULL);
    }
    return req_redirect(r, safe_next(params_get(&r->form, "next")));
}

int account_password(Req *r)
{
    const char *cur = params_get(&r->form, "current");
    const char *nw = params_get(&r->form, "new");
    char token[AUTH_TOKEN_CHARS + 1];
    int64_t wait;
    Err e = {0};
    /* Re-check the current password through the normal sign-in path, so it
     * is throttled like any other attempt. */
    if (auth_login(r->db, r->viewer->username, cur ? cur : "", r->client, token, &wait, &e)) {
        return account_view(r, NULL, T(r, "Nåværende passord er feil."), NULL, 400);
    }
    if (user_set_password(r->db, r->viewer, r->client, r->viewer->user_id, nw ? nw : "", &e)) {
        return account_view(r, NULL, TMSG(r, e.msg), NULL, 400);
    }
    /* Changing the password ends every session; continue in the new one. */
    auth_login(r->db, r->viewer->username, nw, r->client, token, &wait, NULL);
    req_header(r, "Set-Cookie",
               arena_printf(r->arena, "samla_session=%s; Path=/; HttpOnly; SameSite=Lax; Max-Age=%d%s", token,
                            AUTH_MAX_AGE_SECONDS, r->secure ? "; Secure" : ""));
    return req_redirect(r, "/account");
}
