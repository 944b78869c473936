/* layout.c: see layout.h.  <html lang> of the request's language, one skip
 * link as the first focusable element, landmarks (header, nav, main,
 * footer), the current page marked in the menu and the breadcrumbs with
 * aria-current, and the language switch (a form posting to /lang, which
 * comes back to the same page). */
#include "web/layout.h"

#include <string.h>

#include "base/html.h"
#include "base/util.h"
#include "app/core/i18n.h"
#include "app/core/notify.h"
#include "app/core/perm.h"
#include "web/web.h"

/* The menu; «Grupper» (with the ladder and the problems under it) for
 * signed-in users, whose work it is. */
static const struct {
    const char *href, *label;
    bool signed_in;
} menu[] = {
    {"/", N_("Forside"), false},
    {"/measures", N_("Tiltak"), false},
    {"/overview", N_("Tiltaksoversikt"), false},
    {"/strategies", N_("Strategier"), false},
    {"/ministries", N_("Departementer"), false},
    {"/groups", N_("Grupper"), true},
    {"/cases", N_("Saker"), true},
    {"/kb", N_("Kunnskapsbaser"), false},
    {"/facts", N_("Fakta"), false},
};

/* Each language by its own name, in its own language. */
static const char *const lang_names[LANG_COUNT] = {"Bokmål", "Nynorsk", "English"};

/* The page's own address (path and query, percent-encoded), to come back
 * to after switching language; "/" after a form post and on error pages
 * (which then also do not differ by the address asked for). */
static const char *here(Req *r)
{
    if (!r->path || !(str_eq(r->method, "GET") || str_eq(r->method, "HEAD")) || r->status >= 400) {
        return "/";
    }
    Buf b = {0};
    for (const char *p = r->path; *p; p++) {
        if (*p == '/') {
            buf_putc(&b, '/');
        } else {
            const char *seg = p;
            size_t n = strcspn(p, "/");
            buf_puts(&b, url_enc(r->arena, arena_strndup(r->arena, seg, n)));
            p += n - 1;
        }
    }
    for (size_t i = 0; i < r->query.n; i++) {
        buf_printf(&b, "%c%s=%s", i ? '&' : '?', url_enc(r->arena, r->query.v[i].name),
                   url_enc(r->arena, r->query.v[i].value));
    }
    const char *out = arena_strdup(r->arena, buf_str(&b));
    buf_free(&b);
    return out;
}

/* The language switch: the current language as text, the others as
 * buttons, each named in its own language. */
static void lang_switch(Buf *out, Req *r)
{
    html_printf(out, "<form class=\"lang-switch\" method=\"post\" action=\"/lang\" aria-label=\"%s\">"
                     "<input type=\"hidden\" name=\"next\" value=\"%s\">",
                T(r, "Språk"), here(r));
    if (r->viewer && r->viewer->user_id && r->viewer->csrf) {
        html_printf(out, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">", r->viewer->csrf);
    }
    for (int l = 0; l < LANG_COUNT; l++) {
        if (l) {
            html_printf(out, "<span aria-hidden=\"true\"> · </span>");
        }
        if (l == r->lang) {
            html_printf(out, "<span class=\"lang-current\" lang=\"%s\" aria-current=\"true\">%s</span>",
                        i18n_code(l), lang_names[l]);
        } else {
            html_printf(out, "<button class=\"link-button\" type=\"submit\" name=\"lang\" value=\"%s\" "
                             "lang=\"%s\">%s</button>",
                        i18n_code(l), i18n_code(l), lang_names[l]);
        }
    }
    html_printf(out, "</form>");
}

/* «Varsler», with the number of unread notifications as a badge (and as
 * text for screen readers) when there are any. */
static void notifications_link(Buf *out, Req *r)
{
    int unread = notify_unread_count(r->db, r->viewer);
    const char *cur = str_eq(r->path, "/notifications") ? "page" : "false";
    if (unread == 0) {
        html_printf(out, "<a href=\"/notifications\" aria-current=\"%s\">%s</a>", cur, T(r, "Varsler"));
        return;
    }
    html_printf(out, "<a class=\"notifications-link\" href=\"/notifications\" aria-current=\"%s\">%s "
                     "<span class=\"ds-badge\" data-color=\"danger\" data-count=\"%s\" aria-hidden=\"true\"></span>"
                     "<span class=\"ds-sr-only\">%s</span></a>",
                cur, T(r, "Varsler"), unread > 99 ? "99+" : arena_printf(r->arena, "%d", unread),
                TF(r, "(%d %s)", unread, NT(r, "ulest", "uleste", unread)));
}

/* The search box: a plain form to /search, which lists the titles that
 * begin like the query (suggestions) above the hits. */
static void search_box(Buf *out, Req *r)
{
    const char *q = str_eq(r->path, "/search") ? params_get(&r->query, "q") : NULL;
    html_printf(out, "<form class=\"header-search\" role=\"search\" method=\"get\" action=\"/search\">"
                     "<label class=\"ds-sr-only\" for=\"header-q\">%s</label>"
                     "<input class=\"ds-input\" data-size=\"sm\" type=\"search\" id=\"header-q\" name=\"q\" "
                     "value=\"%s\" maxlength=\"500\" autocomplete=\"off\" placeholder=\"%s\">"
                     "<button type=\"submit\">%s"
                     "</button></form>",
                T(r, "Søk i samla"), q ? q : "", T(r, "Søk"), T(r, "Søk"));
}

static bool in_section(const char *path, const char *href)
{
    if (str_eq(href, "/")) {
        return str_eq(path, "/");
    }
    size_t n = strlen(href);
    return path && strncmp(path, href, n) == 0 && (path[n] == 0 || path[n] == '/');
}

void layout_wrap(Req *r)
{
    Buf out = {0};
    buf_grow(&out, r->body.len + 4096);
    html_printf(&out, "<!doctype html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">"
                      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                      "<title>%s – samla</title><link rel=\"icon\" href=\"data:,\"><link rel=\"stylesheet\" href=\"%s\"></head>"
                      "<body data-color-scheme=\"light\" data-size=\"md\" data-color=\"accent\">"
                      "<a class=\"ds-skip-link\" href=\"#main\">%s</a>"
                      "<header class=\"site-header\"><div class=\"container header-inner\">"
                      "<a class=\"site-logo\" href=\"/\">samla<span class=\"ds-sr-only\"> – %s</span></a>"
                      "<nav aria-label=\"%s\"><ul class=\"site-menu\">",
                i18n_code(r->lang), r->title ? r->title : "samla", static_css_href(), T(r, "Hopp til hovedinnhold"),
                T(r, "forsiden"), T(r, "Hovedmeny"));
    for (size_t i = 0; i < COUNT(menu); i++) {
        if (menu[i].signed_in && !(r->viewer && r->viewer->user_id)) {
            continue;
        }
        bool cur = in_section(r->path, menu[i].href) ||
                   (str_eq(menu[i].href, "/groups") && (in_section(r->path, "/ladder") || in_section(r->path, "/problems"))) ||
                   (str_eq(menu[i].href, "/facts") && (in_section(r->path, "/indicators") ||
                                                       in_section(r->path, "/services") ||
                                                       in_section(r->path, "/collaboration")));
        if (cur) {
            html_printf(&out, "<li><a href=\"%s\" aria-current=\"page\">%s</a></li>", menu[i].href,
                        T(r, menu[i].label));
        } else {
            html_printf(&out, "<li><a href=\"%s\">%s</a></li>", menu[i].href, T(r, menu[i].label));
        }
    }
    html_printf(&out, "</ul></nav>");
    search_box(&out, r);
    html_printf(&out, "<div class=\"account\">");
    const Viewer *v = r->viewer;
    if (v && v->user_id) {
        html_printf(&out, "<a href=\"/rounds\">%s</a>", T(r, "Rapportering"));
        html_printf(&out, "<a href=\"/consultations\" aria-current=\"%s\">%s</a>",
                    in_section(r->path, "/consultations") ? "page" : "false", T(r, "Innboks"));
        html_printf(&out, "<a href=\"/start\" aria-current=\"%s\">%s</a>", str_eq(r->path, "/start") ? "page" : "false",
                    T(r, "Mitt arbeid"));
        if (can(v, CAP_DASHBOARD)) {
            html_printf(&out, "<a href=\"/dashboard\" aria-current=\"%s\">%s</a>",
                        str_eq(r->path, "/dashboard") ? "page" : "false", T(r, "Min oversikt"));
        }
        notifications_link(&out, r);
        html_printf(&out, "<a href=\"/account\">%s</a>", v->full_name ? v->full_name : v->username);
        if (can(v, CAP_USER_ADMIN) || can(v, CAP_AUDIT_READ)) {
            html_printf(&out, "<a href=\"/admin\">%s</a>", T(r, "Administrasjon"));
        }
        if (v->csrf) {
            html_printf(&out, "<form method=\"post\" action=\"/logout\"><input type=\"hidden\" name=\"csrf\" "
                              "value=\"%s\"><button class=\"link-button\" type=\"submit\">%s</button></form>",
                        v->csrf, T(r, "Logg ut"));
        }
    } else if (!str_eq(r->path, "/login")) {
        html_printf(&out, "<a href=\"/login\">%s</a>", T(r, "Logg inn"));
    }
    lang_switch(&out, r);
    html_printf(&out, "</div></div></header><div class=\"container\">");
    if (r->ncrumbs) {
        html_printf(&out, "<nav class=\"ds-breadcrumbs\" aria-label=\"%s\"><ol>"
                          "<li><a class=\"ds-link\" href=\"/\">%s</a></li>",
                    T(r, "Brødsmulesti"), T(r, "Forside"));
        for (int i = 0; i < r->ncrumbs; i++) {
            if (r->crumbs[i].href) {
                html_printf(&out, "<li><a class=\"ds-link\" href=\"%s\">%s</a></li>", r->crumbs[i].href,
                            r->crumbs[i].label);
            } else {
                html_printf(&out, "<li><a class=\"ds-link\" aria-current=\"page\">%s</a></li>",
                            r->crumbs[i].label);
            }
        }
        html_printf(&out, "</ol></nav>");
    }
    html_printf(&out, "<main id=\"main\" tabindex=\"-1\">");
    buf_append(&out, r->body.data ? r->body.data : "", r->body.len);
    html_printf(&out, "</main></div><footer class=\"site-footer\"><div class=\"container\">"
                      "<p class=\"ds-paragraph\">%s «<span lang=\"nb\">Gode hver for oss. Best sammen.</span>»</p>"
                      "<p class=\"ds-paragraph\"><a class=\"ds-link\" href=\"/api/v1/openapi.json\">API</a></p>"
                      "</div></footer></body></html>\n",
                T(r, "samla – departementsfellesskapets arbeidsflate for strategien"));
    buf_free(&r->body);
    r->body = out;
    r->content_type = "text/html; charset=utf-8";
}
