/* notify_page.c: «Varsler» (HTML) — the signed-in user's notifications,
 * newest first, each with who, what, when and a link to the record (at
 * the comment), unread ones marked; marking one or all read.  Thin over
 * notify.c, which shows each person only their own notifications about
 * records they may still read; no SQL here.
 */
#include <stdint.h>

#include "app/core/core_handlers.h"
#include "app/core/i18n.h"
#include "app/core/notify.h"
#include "app/core/view.h"
#include "base/html.h"
#include "base/util.h"

enum { PAGE_SIZE = 50 };

static void read_button(Req *r, const Notification *x)
{
    html_printf(&r->body, "<form class=\"inline-form\" method=\"post\" action=\"/notifications/read\">");
    view_csrf(&r->body, r);
    html_printf(&r->body, "<input type=\"hidden\" name=\"id\" value=\"%lld\"><button class=\"ds-button\" "
                          "data-variant=\"tertiary\" data-size=\"sm\" type=\"submit\">%s<span class=\"ds-sr-only\"> "
                          "%s</span></button></form>",
                (long long)x->id, T(r, "Merk som lest"), TF(r, "varselet om %s", x->record_title));
}

static void row(Req *r, const Notification *x)
{
    Buf *b = &r->body;
    if (x->read_at) {
        html_printf(b, "<tr><td>");
    } else {
        html_printf(b, "<tr class=\"unread\"><td><span class=\"ds-tag\" data-color=\"info\">%s</span> ", T(r, "Ny"));
    }
    html_printf(b, "%s", T(r, x->what));
    if (x->comment_deleted) {
        html_printf(b, " <span class=\"muted\">(%s)</span>", T(r, "kommentaren er slettet"));
    }
    html_printf(b, "</td><th scope=\"row\"><a class=\"ds-link\" href=\"%s\">%s</a></th><td>%s</td>"
                   "<td><time datetime=\"%s\">%s</time></td><td>",
                x->url, x->record_title, x->actor_name ? x->actor_name : T(r, "samla"), x->created_at,
                view_time(r, x->created_at));
    if (!x->read_at) {
        read_button(r, x);
    }
    html_printf(b, "</td></tr>");
}

static void notification_table(Req *r, const Notification *xs, size_t n)
{
    html_printf(&r->body, "<div class=\"table-wrap\"><table class=\"ds-table\" data-border><caption class=\"ds-sr-only\">"
                          "%s</caption><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                          "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\"><span class=\"ds-sr-only\">"
                          "%s</span></th></tr></thead><tbody>",
                T(r, "Varsler, nyeste først"), T(r, "Hva"), T(r, "Gjelder"), T(r, "Fra"), T(r, "Når"),
                T(r, "Handlinger"));
    for (size_t i = 0; i < n; i++) {
        row(r, &xs[i]);
    }
    html_printf(&r->body, "</tbody></table></div>");
}

int notification_list_page(Req *r)
{
    Buf *b = &r->body;
    Notification *xs;
    size_t n = 0;
    bool more = false;
    long long before = 0;
    Err e = {0};
    parse_int(params_get(&r->query, "before"), 1, INT64_MAX, &before);
    NotifyFilter f = {.before_id = before, .limit = PAGE_SIZE};
    if (notify_list(r->db, r->arena, r->viewer, &f, &xs, &n, &more, &e)) {
        return view_error(r, e.code == E_FORBIDDEN ? 403 : 500, NULL);
    }
    int unread = notify_unread_count(r->db, r->viewer);
    r->title = T(r, "Varsler");
    req_crumb(r, T(r, "Varsler"), NULL);
    html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1>", T(r, "Varsler"));
    view_notice(r);
    html_printf(b, "<p class=\"ds-paragraph\">%s <a class=\"ds-link\" href=\"/account/mail\">%s</a></p>",
                unread ? TF(r, "Uleste varsler: %d.", unread)
                       : T(r, "Du har ingen uleste varsler."),
                T(r, "Velg hvilken e-post du får"));
    if (unread) {
        html_printf(b, "<form method=\"post\" action=\"/notifications/read\">");
        view_csrf(b, r);
        html_printf(b, "<input type=\"hidden\" name=\"all\" value=\"1\"><button class=\"ds-button\" "
                       "data-variant=\"secondary\" type=\"submit\">%s</button></form>",
                    T(r, "Merk alle som lest"));
    }
    if (n == 0) {
        html_printf(b, "<p class=\"ds-paragraph\">%s</p>",
                    before ? T(r, "Ingen eldre varsler.") : T(r, "Her kommer varsler når noen nevner deg i en kommentar."));
        return 200;
    }
    notification_table(r, xs, n);
    if (more) {
        html_printf(b, "<p class=\"ds-paragraph\"><a class=\"ds-link\" href=\"/notifications?before=%lld\">%s</a></p>",
                    (long long)xs[n - 1].id, T(r, "Eldre varsler"));
    }
    return 200;
}

int notification_read_post(Req *r)
{
    long long id = 0;
    Err e = {0};
    bool all = str_eq(params_get(&r->form, "all"), "1");
    if (!all && !parse_int(params_get(&r->form, "id"), 1, INT64_MAX, &id)) {
        return view_error(r, 400, T(r, "Velg hvilket varsel som skal merkes som lest."));
    }
    if (notify_mark_read(r->db, r->viewer, r->client, all ? 0 : id, NULL, &e)) {
        return view_error(r, e.code == E_NOTFOUND ? 404 : e.code == E_FORBIDDEN ? 403 : 500, NULL);
    }
    return view_redirect_done(r, "/notifications", "read");
}
