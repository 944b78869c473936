/* layout.c: see layout.h.  lang="nb", one skip link as the first focusable
 * element, landmarks (header, nav, main, footer), and the current page
 * marked in the menu and the breadcrumbs with aria-current. */
#include "web/layout.h"

#include <string.h>

#include "base/html.h"
#include "base/util.h"
#include "app/core/perm.h"
#include "web/web.h"

static const struct {
    const char *href, *label;
} menu[] = {
    {"/", "Forside"},
    {"/measures", "Tiltak"},
    {"/overview", "Tiltaksoversikt"},
    {"/strategies", "Strategier"},
    {"/ministries", "Departementer"},
};

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
    html_printf(&out, "<!doctype html>\n<html lang=\"nb\"><head><meta charset=\"utf-8\">"
                      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                      "<title>%s – samla</title><link rel=\"icon\" href=\"data:,\"><link rel=\"stylesheet\" href=\"%s\"></head>"
                      "<body data-color-scheme=\"light\" data-size=\"md\" data-color=\"accent\">"
                      "<a class=\"ds-skip-link\" href=\"#main\">Hopp til hovedinnhold</a>"
                      "<header class=\"site-header\"><div class=\"container header-inner\">"
                      "<a class=\"site-logo\" href=\"/\">samla<span class=\"ds-sr-only\"> – forsiden</span></a>"
                      "<nav aria-label=\"Hovedmeny\"><ul class=\"site-menu\">",
                r->title ? r->title : "samla", static_css_href());
    for (size_t i = 0; i < COUNT(menu); i++) {
        bool cur = in_section(r->path, menu[i].href);
        if (cur) {
            html_printf(&out, "<li><a href=\"%s\" aria-current=\"page\">%s</a></li>", menu[i].href,
                        menu[i].label);
        } else {
            html_printf(&out, "<li><a href=\"%s\">%s</a></li>", menu[i].href, menu[i].label);
        }
    }
    html_printf(&out, "</ul></nav><div class=\"account\">");
    const Viewer *v = r->viewer;
    if (v && v->user_id) {
        html_printf(&out, "<a href=\"/rounds\">Rapportering</a><a href=\"/account\">%s</a>",
                    v->full_name ? v->full_name : v->username);
        if (can(v, CAP_USER_ADMIN) || can(v, CAP_AUDIT_READ)) {
            html_printf(&out, "<a href=\"/admin\">Administrasjon</a>");
        }
        if (v->csrf) {
            html_printf(&out, "<form method=\"post\" action=\"/logout\"><input type=\"hidden\" name=\"csrf\" "
                              "value=\"%s\"><button class=\"link-button\" type=\"submit\">Logg ut</button></form>",
                        v->csrf);
        }
    } else if (!str_eq(r->path, "/login")) {
        html_printf(&out, "<a href=\"/login\">Logg inn</a>");
    }
    html_printf(&out, "</div></div></header><div class=\"container\">");
    if (r->ncrumbs) {
        html_printf(&out, "<nav class=\"ds-breadcrumbs\" aria-label=\"Brødsmulesti\"><ol>"
                          "<li><a class=\"ds-link\" href=\"/\">Forside</a></li>");
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
                      "<p class=\"ds-paragraph\">samla – departementsfellesskapets arbeidsflate for strategien "
                      "«Gode hver for oss. Best sammen.»</p>"
                      "<p class=\"ds-paragraph\"><a class=\"ds-link\" href=\"/api/v1/openapi.json\">API</a></p>"
                      "</div></footer></body></html>\n");
    buf_free(&r->body);
    r->body = out;
    r->content_type = "text/html; charset=utf-8";
}
