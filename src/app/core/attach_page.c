/* attach_page.c: attachments on record pages — the «Vedlegg» section every
 * record page shows (attach_section), the upload form's target, the
 * download, and delete.  Thin over attach.c; no SQL here.
 *
 * Download answers 404 for an attachment the viewer may not see, exactly
 * as for one that does not exist, also when the URL is typed in.  The
 * file goes out as a download (Content-Disposition: attachment) with the
 * type found in its content; every response carries nosniff and a
 * Content-Security-Policy without scripts (web/router.c), so a browser
 * never runs what it fetched.
 */
#include "app/core/attach.h"
#include "app/core/core_handlers.h"

#include <stdint.h>

#include "app/core/i18n.h"
#include "app/core/view.h"
#include "base/html.h"
#include "base/multipart.h"
#include "base/util.h"

/* The upload form, with error under the file field when set. */
static void upload_form(Req *r, const Record *rec, const char *error)
{
    Buf *b = &r->body;
    const char *hint = TF(r, "Tillatte filtyper: %s. Største størrelse: %s.", T(r, attach_types_text()),
                          attach_size_text(r->arena, r->lang, (int64_t)attach_max_size()));
    html_printf(b, "<form class=\"form-narrow\" method=\"post\" action=\"/records/%lld/attachments\" "
                   "enctype=\"multipart/form-data\">", (long long)rec->id);
    view_csrf(b, r);
    html_printf(b, "<div class=\"ds-field\"><label class=\"ds-label\" for=\"attachment-file\">%s</label>"
                   "<div data-field=\"description\" id=\"attachment-file-desc\">%s</div>"
                   "<input class=\"ds-input\" type=\"file\" id=\"attachment-file\" name=\"file\" required "
                   "accept=\"%s\"", T(r, "Last opp et vedlegg"), hint, attach_accept());
    if (error) {
        html_printf(b, " aria-invalid=\"true\" aria-describedby=\"attachment-file-desc attachment-file-err\">"
                       "<p class=\"ds-validation-message\" data-field=\"validation\" id=\"attachment-file-err\">%s"
                       "</p>", error);
    } else {
        html_printf(b, " aria-describedby=\"attachment-file-desc\">");
    }
    html_printf(b, "</div><p class=\"ds-paragraph actions\"><button class=\"ds-button\" data-variant=\"secondary\" "
                   "type=\"submit\">%s</button></p></form>", T(r, "Last opp"));
}

/* The delete button of one attachment, behind a disclosure that asks
 * again (no script needed). */
static void delete_control(Req *r, const Attachment *at)
{
    Buf *b = &r->body;
    html_printf(b, "<details class=\"ds-details\"><summary>%s<span class=\"ds-sr-only\"> %s</span></summary><div>"
                   "<form method=\"post\" action=\"/attachments/%lld/delete\">", T(r, "Slett"), at->name,
                (long long)at->id);
    view_csrf(b, r);
    html_printf(b, "<p class=\"ds-paragraph\">%s</p><button class=\"ds-button\" data-variant=\"primary\" "
                   "data-color=\"danger\" type=\"submit\">%s</button></form></div></details>",
                T(r, "Vedlegget blir borte for alle. Historikken viser fortsatt at det var lagt ved."),
                TF(r, "Slett «%s»", at->name));
}

static void attachment_table(Req *r, const Attachment *at, size_t n)
{
    Buf *b = &r->body;
    bool actions = false;
    for (size_t i = 0; i < n; i++) {
        actions |= at[i].can_delete;
    }
    html_printf(b, "<div class=\"table-wrap\"><table class=\"ds-table\" data-border><caption class=\"ds-sr-only\">%s"
                   "</caption><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\" "
                   "class=\"num\">%s</th><th scope=\"col\">%s</th>",
                T(r, "Vedlegg"), T(r, "Fil"), T(r, "Type"), T(r, "Størrelse"), T(r, "Lastet opp"));
    if (actions) {
        html_printf(b, "<th scope=\"col\"><span class=\"ds-sr-only\">%s</span></th>", T(r, "Handlinger"));
    }
    html_printf(b, "</tr></thead><tbody>");
    for (size_t i = 0; i < n; i++) {
        html_printf(b, "<tr><td><a class=\"ds-link\" href=\"/attachments/%lld\">%s</a></td><td>%s</td>"
                       "<td class=\"num\">%s</td><td>%s, %s</td>",
                    (long long)at[i].id, at[i].name, T(r, attach_type_label(at[i].content_type)),
                    attach_size_text(r->arena, r->lang, at[i].size),
                    at[i].created_by_name ? at[i].created_by_name : at[i].created_by,
                    view_time(r, at[i].created_at));
        if (actions) {
            html_printf(b, "<td>");
            if (at[i].can_delete) {
                delete_control(r, &at[i]);
            }
            html_printf(b, "</td>");
        }
        html_printf(b, "</tr>");
    }
    html_printf(b, "</tbody></table></div>");
}

void attach_section(Req *r, const Record *rec)
{
    Attachment *at = NULL;
    size_t n = 0;
    if (rec->masked || attach_list(r->db, r->arena, r->viewer, rec->id, &at, &n, NULL)) {
        return;
    }
    bool can_add = attach_can_add(r->viewer, rec);
    if (n == 0 && !can_add) {
        return;   /* nothing to show, nothing to do */
    }
    html_printf(&r->body, "<section id=\"vedlegg\" aria-labelledby=\"attachments-h\"><h2 class=\"ds-heading\" "
                          "data-size=\"md\" id=\"attachments-h\">%s</h2>", T(r, "Vedlegg"));
    const char *done = params_get(&r->query, "done");
    if (str_eq(done, "attached") || str_eq(done, "attachment_deleted")) {
        view_notice(r);   /* after this section's own forms */
    }
    if (n) {
        attachment_table(r, at, n);
    } else {
        html_printf(&r->body, "<p class=\"ds-paragraph\">%s</p>", T(r, "Ingen vedlegg ennå."));
    }
    if (can_add) {
        upload_form(r, rec, NULL);
    }
    html_printf(&r->body, "</section>");
}

/* ---- handlers ----------------------------------------------------------- */

static int not_found(Req *r)
{
    return view_error(r, 404, NULL);
}

/* Back to the record page's attachments, with the message of code
 * (app/core/notice.c) on top. */
static int done(Req *r, const char *record_page, const char *code)
{
    return req_redirect(r, arena_printf(r->arena, "%s?done=%s#vedlegg", record_page, code));
}

/* The page after a refused upload: what went wrong, and the form again. */
static int refused(Req *r, const Record *rec, AttachRefusal why, int status)
{
    const char *msg = T(r, attach_refusal_text(why));
    if (why == ATTACH_TOO_BIG) {
        msg = TF(r, "%s Største størrelse er %s.", msg,
                 attach_size_text(r->arena, r->lang, (int64_t)attach_max_size()));
    } else if (why == ATTACH_TYPE) {
        msg = TF(r, "%s Tillatte filtyper: %s.", msg, T(r, attach_types_text()));
    }
    r->title = T(r, "Vedlegget ble ikke lastet opp");
    req_crumb(r, rec->title, record_url(r->arena, rec->kind, rec->id));
    req_crumb(r, T(r, "Vedlegg"), NULL);
    html_printf(&r->body, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1><div class=\"ds-error-summary\" "
                          "role=\"alert\"><h2 class=\"ds-heading\" data-size=\"xs\">%s</h2><ul class=\"ds-list\"><li>"
                          "<a class=\"ds-link\" href=\"#attachment-file\">%s</a></li></ul></div>",
                r->title, T(r, "Ingenting ble lagret"), msg);
    upload_form(r, rec, msg);
    html_printf(&r->body, "<p class=\"ds-paragraph\"><a class=\"ds-link\" href=\"%s#vedlegg\">%s</a></p>",
                record_url(r->arena, rec->kind, rec->id), TF(r, "Tilbake til «%s»", rec->title));
    return req_status(r, status);
}

/* The file part of a multipart form: name and bytes; false when none.
 * Its size is not limited here: the server bounds the body, and
 * attach_add refuses a file over the limit with the reason. */
static bool file_part(Req *r, const char **name, const char **data, size_t *len)
{
    Multipart mp;
    if (!r->content_type_in || !str_has_prefix(r->content_type_in, "multipart/form-data") || !r->body_in ||
        multipart_parse(r->arena, r->content_type_in, r->body_in, r->body_in_len, r->body_in_len, &mp, NULL)) {
        return false;
    }
    const MultipartPart *p = multipart_get(&mp, "file");
    if (!p || !p->filename || !*p->filename) {
        return false;
    }
    *name = attach_base_name(r->arena, p->filename);
    *data = p->data;
    *len = p->len;
    return true;
}

int attach_upload_post(Req *r)
{
    long long id;
    Record rec;
    if (!parse_int(r->args[0], 1, INT64_MAX, &id) || record_get(r->db, r->arena, r->viewer, id, &rec, NULL) ||
        rec.masked) {
        return not_found(r);
    }
    if (!attach_can_add(r->viewer, &rec)) {
        return view_error(r, 403, NULL);
    }
    const char *name = NULL, *data = NULL;
    size_t len = 0;
    if (!file_part(r, &name, &data, &len)) {
        return refused(r, &rec, ATTACH_NO_FILE, 400);
    }
    Attachment at;
    AttachRefusal why;
    Err e = {0};
    int rc = attach_add(r->db, r->arena, r->viewer, r->client, id, name, data, len, &at, &why, &e);
    if (rc == E_NOTFOUND) {
        return not_found(r);
    }
    if (rc) {
        return why ? refused(r, &rec, why, attach_refusal_status(why)) : view_error(r, 500, NULL);
    }
    return done(r, record_url(r->arena, rec.kind, rec.id), "attached");
}

int attach_download_page(Req *r)
{
    long long id;
    Attachment at;
    if (!parse_int(r->args[0], 1, INT64_MAX, &id) || attach_get(r->db, r->arena, r->viewer, id, &at, NULL)) {
        return not_found(r);
    }
    buf_reset(&r->body);
    if (attach_read(&at, &r->body, NULL)) {
        buf_reset(&r->body);
        return view_error(r, 500, NULL);
    }
    r->content_type = at.content_type;
    req_header(r, "Content-Disposition", attach_disposition(r->arena, at.name));
    r->raw = true;
    return req_status(r, 200);
}

int attach_delete_post(Req *r)
{
    long long id;
    int64_t record_id = 0;
    Err e = {0};
    if (!parse_int(r->args[0], 1, INT64_MAX, &id)) {
        return not_found(r);
    }
    int rc = attach_delete(r->db, r->viewer, r->client, id, &record_id, &e);
    if (rc == E_NOTFOUND) {
        return not_found(r);
    }
    if (rc == E_FORBIDDEN) {
        return view_error(r, 403, T(r, "Bare den som lastet opp vedlegget, og de som kan endre innholdet, kan "
                                       "slette det."));
    }
    if (rc) {
        return view_error(r, 500, NULL);
    }
    Record rec;
    if (record_get(r->db, r->arena, r->viewer, record_id, &rec, NULL)) {
        return req_redirect(r, "/");
    }
    return done(r, record_url(r->arena, rec.kind, rec.id), "attachment_deleted");
}
