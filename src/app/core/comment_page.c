/* comment_page.c: comments on a record page (HTML) — the «Kommentarer»
 * section every record page embeds, and the three form posts (write,
 * edit, delete).  Thin over comment.c, which decides who may read and
 * change what; no SQL here.  A post that succeeds goes back (303) to the
 * record page, anchored to the comment, with ?done=<code> (notice.c); one
 * that fails shows the form again on a page of its own, with the error in
 * an error summary and at the field.
 */
#include <stdint.h>

#include "app/core/comment.h"
#include "app/core/core_handlers.h"
#include "app/core/form_view.h"
#include "app/core/i18n.h"
#include "app/core/view.h"
#include "base/html.h"
#include "base/util.h"

static bool arg_id(Req *r, long long *id)
{
    return parse_int(r->args[0], 1, INT64_MAX, id);
}

/* The ?done= codes this section reports on. */
static void section_notice(Req *r)
{
    const char *done = params_get(&r->query, "done");
    if (str_eq(done, "comment") || str_eq(done, "comment_edited") || str_eq(done, "comment_deleted")) {
        view_notice(r);
    }
}

/* The comment text field: label, hint, textarea (with the error when
 * set), for a new comment (cid 0) or comment cid. */
static void text_field(Req *r, int64_t cid, const char *label, const char *value, const char *error)
{
    Buf *b = &r->body;
    const char *id = cid ? arena_printf(r->arena, "comment-%lld-text", (long long)cid) : "comment-text";
    html_printf(b, "<div class=\"ds-field\"><label class=\"ds-label\" for=\"%s\">%s</label>"
                   "<div data-field=\"description\" id=\"%s-desc\">%s</div>",
                id, label, id, T(r, "Nevn noen med @brukernavn. Bare de som har tilgang til posten, blir varslet."));
    if (error) {
        html_printf(b, "<textarea class=\"ds-input\" id=\"%s\" name=\"text\" rows=\"4\" required aria-invalid=\"true\" "
                       "aria-describedby=\"%s-desc %s-err\">%s</textarea><p class=\"ds-validation-message\" "
                       "data-field=\"validation\" id=\"%s-err\">%s</p></div>",
                    id, id, id, value ? value : "", id, error);
    } else {
        html_printf(b, "<textarea class=\"ds-input\" id=\"%s\" name=\"text\" rows=\"4\" required "
                       "aria-describedby=\"%s-desc\">%s</textarea></div>",
                    id, id, value ? value : "");
    }
}

static void new_form(Req *r, const Record *rec, const char *value, const char *error)
{
    html_printf(&r->body, "<form class=\"form-narrow\" method=\"post\" action=\"/records/%lld/comments\">",
                (long long)rec->id);
    view_csrf(&r->body, r);
    text_field(r, 0, T(r, "Ny kommentar"), value, error);
    html_printf(&r->body, "<button class=\"ds-button\" data-variant=\"primary\" type=\"submit\">%s</button></form>",
                T(r, "Publiser kommentaren"));
}

static void edit_form(Req *r, const Comment *c, const char *value, const char *error)
{
    html_printf(&r->body, "<form class=\"form-narrow\" method=\"post\" action=\"/comments/%lld/edit\">",
                (long long)c->id);
    view_csrf(&r->body, r);
    text_field(r, c->id, T(r, "Endre kommentaren"), value, error);
    html_printf(&r->body, "<button class=\"ds-button\" data-variant=\"primary\" type=\"submit\">%s</button></form>",
                T(r, "Lagre endringen"));
}

static void delete_form(Req *r, const Comment *c)
{
    html_printf(&r->body, "<form class=\"inline-form\" method=\"post\" action=\"/comments/%lld/delete\">",
                (long long)c->id);
    view_csrf(&r->body, r);
    html_printf(&r->body, "<button class=\"ds-button\" data-variant=\"secondary\" data-color=\"danger\" type=\"submit\">"
                          "%s</button></form>",
                T(r, "Slett kommentaren"));
}

/* One comment as a list item, anchored #comment-ID. */
static void comment_item(Req *r, const Comment *c)
{
    Buf *b = &r->body;
    const char *when = view_time(r, c->created_at);
    html_printf(b, "<li class=\"comment\" id=\"comment-%lld\"><p class=\"ds-paragraph comment-meta\"><strong>%s</strong> "
                   "<time datetime=\"%s\">%s</time>",
                (long long)c->id, c->author_name ? c->author_name : c->author, c->created_at, when);
    if (c->edited_at && !c->deleted) {
        html_printf(b, " <span class=\"muted\">(%s)</span>", T(r, "redigert"));
    }
    html_printf(b, "</p>");
    if (c->deleted) {
        html_printf(b, "<p class=\"ds-paragraph muted\"><em>%s</em></p></li>", T(r, "Kommentaren er slettet"));
        return;
    }
    html_text_block(b, c->body);
    if (c->can_change) {
        html_printf(b, "<details class=\"ds-details\"><summary>%s<span class=\"ds-sr-only\"> %s</span></summary><div>",
                    T(r, "Rediger eller slett"), TF(r, "kommentaren fra %s", when));
        edit_form(r, c, c->body, NULL);
        delete_form(r, c);
        html_printf(b, "</div></details>");
    }
    html_printf(b, "</li>");
}

void comment_section(Req *r, const Record *rec)
{
    Comment *cs;
    size_t n = 0;
    if (!r->viewer->user_id || rec->masked || comment_list(r->db, r->arena, r->viewer, rec->id, &cs, &n, NULL)) {
        return;
    }
    Buf *b = &r->body;
    html_printf(b, "<section class=\"comments\" id=\"comments\" aria-labelledby=\"comments-h\">"
                   "<h2 class=\"ds-heading\" data-size=\"md\" id=\"comments-h\">%s</h2>",
                T(r, "Kommentarer"));
    section_notice(r);
    if (n == 0) {
        html_printf(b, "<p class=\"ds-paragraph\">%s</p>", T(r, "Ingen kommentarer ennå."));
    } else {
        html_printf(b, "<ol class=\"comment-list\">");
        for (size_t i = 0; i < n; i++) {
            comment_item(r, &cs[i]);
        }
        html_printf(b, "</ol>");
    }
    if (!r->viewer->read_only) {
        new_form(r, rec, NULL, NULL);
    }
    html_printf(b, "</section>");
}

/* ---- the posts ------------------------------------------------------------ */

/* The error summary at the top of a form page: one message, linked to the
 * field it is about. */
static void error_summary(Req *r, const char *field_id, const char *msg)
{
    html_printf(&r->body, "<div class=\"ds-error-summary\" tabindex=\"-1\" role=\"alert\"><h2 class=\"ds-heading\" "
                          "data-size=\"xs\">%s</h2><ul class=\"ds-list\"><li><a class=\"ds-link\" href=\"#%s\">%s</a>"
                          "</li></ul></div>",
                T(r, "For å gå videre må du rette opp dette:"), field_id, msg);
}

/* A form page after a refused post: the record it belongs to, the error,
 * the form again with what was written, and the way back. */
static void form_page_head(Req *r, const Record *rec, const char *heading)
{
    r->title = arena_printf(r->arena, "%s – %s", heading, rec->title);
    req_crumb(r, rec->title, record_url(r->arena, rec->kind, rec->id));
    req_crumb(r, heading, NULL);
    html_printf(&r->body, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1><p class=\"ds-paragraph\">%s</p>", heading,
                rec->title);
}

static int back_link(Req *r, const Record *rec, int status)
{
    html_printf(&r->body, "<p class=\"ds-paragraph\"><a class=\"ds-link\" href=\"%s#comments\">%s</a></p>",
                record_url(r->arena, rec->kind, rec->id), T(r, "Tilbake uten å lagre"));
    return req_status(r, status);
}

static int not_found(Req *r)
{
    return view_error(r, 404, T(r, "Det finnes ikke noe innhold med denne adressen, eller du har ikke tilgang til det."));
}

/* The page for a refused new comment; 404/403/500 as plain error pages. */
static int add_refused(Req *r, const Record *rec, const Err *e)
{
    if (e->code != E_INVALID) {
        return e->code == E_NOTFOUND ? not_found(r) : view_error(r, fv_status(e), fv_error_text(r, e));
    }
    form_page_head(r, rec, T(r, "Ny kommentar"));
    error_summary(r, "comment-text", fv_error_text(r, e));
    new_form(r, rec, params_get(&r->form, "text"), fv_error_text(r, e));
    return back_link(r, rec, 400);
}

int comment_add_post(Req *r)
{
    long long id;
    Record rec;
    Err e = {0};
    int64_t cid;
    if (!arg_id(r, &id) || record_get(r->db, r->arena, r->viewer, id, &rec, NULL)) {
        return not_found(r);
    }
    if (comment_add(r->db, r->viewer, r->client, rec.id, params_get(&r->form, "text"), &cid, &e)) {
        return add_refused(r, &rec, &e);
    }
    return req_redirect(r, arena_printf(r->arena, "%s?done=comment#comment-%lld",
                                        record_url(r->arena, rec.kind, rec.id), (long long)cid));
}

/* Comment r->args[0] and its record, or false after answering 404. */
static bool load(Req *r, Comment *c, Record *rec)
{
    long long id;
    if (!arg_id(r, &id) || comment_get(r->db, r->arena, r->viewer, id, c, NULL) ||
        record_get(r->db, r->arena, r->viewer, c->record_id, rec, NULL)) {
        not_found(r);
        return false;
    }
    return true;
}

static int done(Req *r, const Record *rec, const char *code, int64_t cid)
{
    return req_redirect(r, arena_printf(r->arena, "%s?done=%s#comment-%lld", record_url(r->arena, rec->kind, rec->id),
                                        code, (long long)cid));
}

int comment_edit_post(Req *r)
{
    Comment c;
    Record rec;
    Err e = {0};
    if (!load(r, &c, &rec)) {
        return r->status;
    }
    const char *text = params_get(&r->form, "text");
    if (!comment_edit(r->db, r->viewer, r->client, c.id, text, &e)) {
        return done(r, &rec, "comment_edited", c.id);
    }
    if (e.code != E_INVALID) {
        return view_error(r, fv_status(&e), fv_error_text(r, &e));
    }
    const char *field = arena_printf(r->arena, "comment-%lld-text", (long long)c.id);
    form_page_head(r, &rec, T(r, "Endre kommentaren"));
    error_summary(r, field, fv_error_text(r, &e));
    edit_form(r, &c, text, fv_error_text(r, &e));
    return back_link(r, &rec, 400);
}

int comment_delete_post(Req *r)
{
    Comment c;
    Record rec;
    Err e = {0};
    if (!load(r, &c, &rec)) {
        return r->status;
    }
    if (comment_delete(r->db, r->viewer, r->client, c.id, &e)) {
        return view_error(r, fv_status(&e), fv_error_text(r, &e));
    }
    return done(r, &rec, "comment_deleted", c.id);
}
