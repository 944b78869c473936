/* link_page.c: links between records on a record page (HTML) — the
 * «Koblinger» section every record page embeds, and the form posts that
 * add and remove a link.  Thin over link.c, which decides who sees and
 * may change what; no SQL here.  A post that succeeds goes back (303) to
 * the record page at #links with ?done=<code> (notice.c); an add that is
 * refused shows the form again on a page of its own, with the error in an
 * error summary and at the field.
 */
#include <stdint.h>

#include "app/core/core_handlers.h"
#include "app/core/form_view.h"
#include "app/core/i18n.h"
#include "app/core/link.h"
#include "app/core/view.h"
#include "base/html.h"
#include "base/util.h"

static int not_found(Req *r)
{
    return view_error(r, 404, T(r, "Det finnes ikke noe innhold med denne adressen, eller du har ikke tilgang til det."));
}

/* What a record of kind k is called, in the page's language. */
static const char *kind_label(Req *r, const RecordKind *k)
{
    return k && k->label ? T(r, k->label) : T(r, "post");
}

/* ---- the section ------------------------------------------------------------ */

static void link_table(Req *r, const Record *rec, const Link *ls, size_t n, bool removable)
{
    Buf *b = &r->body;
    html_printf(b, "<div class=\"table-wrap\"><table class=\"ds-table\" data-border><caption class=\"ds-sr-only\">%s"
                   "</caption><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>",
                T(r, "Koblinger til andre poster"), T(r, "Kobling"), T(r, "Post"), T(r, "Type"));
    if (removable) {
        html_printf(b, "<th scope=\"col\"><span class=\"ds-sr-only\">%s</span></th>", T(r, "Handlinger"));
    }
    html_printf(b, "</tr></thead><tbody>");
    for (size_t i = 0; i < n; i++) {
        const Link *l = &ls[i];
        html_printf(b, "<tr><td>%s</td><th scope=\"row\"><a class=\"ds-link\" href=\"%s\">%s</a></th><td>%s</td>",
                    T(r, l->label), l->other_url, l->other_title, kind_label(r, l->other_kind));
        if (removable && l->can_remove) {
            html_printf(b, "<td><form class=\"inline-form\" method=\"post\" action=\"/links/%lld/delete\">",
                        (long long)l->id);
            view_csrf(b, r);
            html_printf(b, "<input type=\"hidden\" name=\"back\" value=\"%lld\">", (long long)rec->id);
            html_printf(b, "<button class=\"ds-button\" data-variant=\"tertiary\" data-size=\"sm\" type=\"submit\">%s"
                           "<span class=\"ds-sr-only\"> %s</span></button></form></td>",
                        T(r, "Fjern"), TF(r, "koblingen til %s", l->other_title));
        } else if (removable) {
            html_printf(b, "<td></td>");
        }
        html_printf(b, "</tr>");
    }
    html_printf(b, "</tbody></table></div>");
}

/* The add form; type and target keep what was sent, error (when set) is
 * shown at field err_field ("link-type" or "link-target"). */
static void add_form(Req *r, const Record *rec, const char *type, const char *target, const char *err_field,
                     const char *error)
{
    Buf *b = &r->body;
    bool type_err = error && str_eq(err_field, "link-type"), target_err = error && !type_err;
    html_printf(b, "<form class=\"form-narrow\" method=\"post\" action=\"/records/%lld/links\">", (long long)rec->id);
    view_csrf(b, r);
    html_printf(b, "<div class=\"ds-field\"><label class=\"ds-label\" for=\"link-type\">%s</label>", T(r, "Denne posten"));
    if (type_err) {
        html_printf(b, "<select class=\"ds-input\" id=\"link-type\" name=\"type\" aria-invalid=\"true\" "
                       "aria-describedby=\"link-type-err\">");
    } else {
        html_printf(b, "<select class=\"ds-input\" id=\"link-type\" name=\"type\">");
    }
    for (size_t i = 0; i < g_link_ntypes; i++) {
        view_option(b, g_link_types[i].code, T(r, g_link_types[i].forward), str_eq(type, g_link_types[i].code));
    }
    html_printf(b, "</select>");
    if (type_err) {
        html_printf(b, "<p class=\"ds-validation-message\" data-field=\"validation\" id=\"link-type-err\">%s</p>", error);
    }
    html_printf(b, "</div>");
    view_text_field(b, "link-target", T(r, "Post"), target, "text", "off",
                    T(r, "Adressen til posten, for eksempel /measures/12, eller nummeret i adressen."),
                    target_err ? error : NULL, true);
    html_printf(b, "<button class=\"ds-button\" data-variant=\"secondary\" type=\"submit\">%s</button></form>",
                T(r, "Legg til koblingen"));
}

void link_section(Req *r, const Record *rec)
{
    Link *ls;
    size_t n = 0;
    if (rec->masked || link_list(r->db, r->arena, r->viewer, rec->id, &ls, &n, NULL)) {
        return;
    }
    bool manage = record_can_manage(r->viewer, rec);
    bool removable = false;
    for (size_t i = 0; i < n; i++) {
        removable |= ls[i].can_remove;
    }
    if (n == 0 && !manage) {
        return;   /* nothing to show and nothing to do: no empty section for the public */
    }
    Buf *b = &r->body;
    html_printf(b, "<section class=\"links\" id=\"links\" aria-labelledby=\"links-h\">"
                   "<h2 class=\"ds-heading\" data-size=\"md\" id=\"links-h\">%s</h2>",
                T(r, "Koblinger"));
    const char *done = params_get(&r->query, "done");
    if (str_eq(done, "link") || str_eq(done, "link_removed")) {
        view_notice(r);
    }
    if (n == 0) {
        html_printf(b, "<p class=\"ds-paragraph\">%s</p>", T(r, "Ingen koblinger til andre poster ennå."));
    } else {
        link_table(r, rec, ls, n, removable);
    }
    if (manage) {
        html_printf(b, "<details class=\"ds-details\"><summary>%s</summary><div>", T(r, "Legg til kobling"));
        add_form(r, rec, NULL, NULL, NULL, NULL);
        html_printf(b, "</div></details>");
    }
    html_printf(b, "</section>");
}

/* ---- the posts ------------------------------------------------------------ */

int link_add_post(Req *r)
{
    long long id;
    Record rec;
    Err e = {0};
    if (!parse_int(r->args[0], 1, INT64_MAX, &id) || record_get(r->db, r->arena, r->viewer, id, &rec, NULL)) {
        return not_found(r);
    }
    const char *type = params_get(&r->form, "type"), *target = params_get(&r->form, "link-target");
    if (!link_add(r->db, r->viewer, r->client, rec.id, link_target(target), type, NULL, &e)) {
        return req_redirect(r, arena_printf(r->arena, "%s?done=link#links", record_url(r->arena, rec.kind, rec.id)));
    }
    if (e.code != E_INVALID && e.code != E_CONFLICT) {
        return e.code == E_NOTFOUND ? not_found(r) : view_error(r, fv_status(&e), fv_error_text(r, &e));
    }
    const char *field = link_type(type) ? "link-target" : "link-type", *msg = fv_error_text(r, &e);
    const char *heading = T(r, "Legg til kobling");
    r->title = arena_printf(r->arena, "%s – %s", heading, rec.title);
    req_crumb(r, rec.title, record_url(r->arena, rec.kind, rec.id));
    req_crumb(r, heading, NULL);
    html_printf(&r->body, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1><p class=\"ds-paragraph\">%s</p>"
                          "<div class=\"ds-error-summary\" tabindex=\"-1\" role=\"alert\"><h2 class=\"ds-heading\" "
                          "data-size=\"xs\">%s</h2><ul class=\"ds-list\"><li><a class=\"ds-link\" href=\"#%s\">%s</a>"
                          "</li></ul></div>",
                heading, rec.title, T(r, "For å gå videre må du rette opp dette:"), field, msg);
    add_form(r, &rec, type, target, field, msg);
    html_printf(&r->body, "<p class=\"ds-paragraph\"><a class=\"ds-link\" href=\"%s#links\">%s</a></p>",
                record_url(r->arena, rec.kind, rec.id), T(r, "Tilbake uten å lagre"));
    return req_status(r, fv_status(&e));
}

int link_remove_post(Req *r)
{
    long long id;
    Link l;
    Record rec;
    Err e = {0};
    if (!parse_int(r->args[0], 1, INT64_MAX, &id) || link_get(r->db, r->arena, r->viewer, id, &l, NULL)) {
        return not_found(r);
    }
    /* Back to the page the link was removed on: either end. */
    long long back;
    if (!parse_int(params_get(&r->form, "back"), 1, INT64_MAX, &back) || (back != l.from_id && back != l.to_id)) {
        back = l.from_id;
    }
    if (link_remove(r->db, r->viewer, r->client, id, &e)) {
        return e.code == E_NOTFOUND ? not_found(r) : view_error(r, fv_status(&e), fv_error_text(r, &e));
    }
    if (record_get(r->db, r->arena, r->viewer, back, &rec, NULL)) {
        return not_found(r);
    }
    return req_redirect(r, arena_printf(r->arena, "%s?done=link_removed#links", record_url(r->arena, rec.kind, rec.id)));
}
