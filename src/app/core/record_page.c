/* record_page.c: the record core's pages — the sections every record page
 * shares (record_view.h), the shared history, «Hvem har tilgang» (marking
 * and grants), and /r/{id}, which sends a record id to its kind's page.
 * Every handler reads the record with record_get first: a record the
 * viewer may not read is a 404, exactly like a missing one. */
#include "app/core/core_handlers.h"
#include "app/core/record_view.h"

#include <stdint.h>

#include "app/core/form_view.h"
#include "app/core/i18n.h"
#include "app/core/view.h"
#include "base/html.h"
#include "base/util.h"

/* Who a grant is to: the ministry's name in the request's language, or
 * the person's name. */
static const char *grant_name(const Req *r, const AccessGrant *g)
{
    return g->ministry_name ? TPICK(r, g->ministry_name, g->ministry_name_nn, g->ministry_name_en) : g->full_name;
}

const char *record_visibility_label(Req *r, const char *visibility)
{
    if (str_eq(visibility, "public")) {
        return T(r, "Åpen");
    }
    if (str_eq(visibility, "internal")) {
        return T(r, "Intern");
    }
    if (str_eq(visibility, "restricted")) {
        return T(r, "Begrenset tilgang");
    }
    return visibility;
}

/* The record of r->args[0] as the viewer may see it, or false after a 404. */
static bool load(Req *r, Record *rec)
{
    long long id;
    if (!parse_int(r->args[0], 1, INT64_MAX, &id) || record_get(r->db, r->arena, r->viewer, id, rec, NULL)) {
        view_error(r, 404, T(r, "Det finnes ikke noe innhold med denne adressen, eller du har ikke tilgang til det."));
        return false;
    }
    return true;
}

static void crumbs(Req *r, const Record *rec, const char *here)
{
    req_crumb(r, rec->title, record_url(r->arena, rec->kind, rec->id));
    req_crumb(r, here, NULL);
}

/* ---- the shared sections ------------------------------------------------ */

static void access_section(Req *r, const Record *rec)
{
    Buf *b = &r->body;
    AccessGrant *g;
    size_t n = 0;
    record_grants(r->db, r->arena, r->viewer, rec->id, &g, &n, NULL);
    html_printf(b, "<section aria-labelledby=\"access-h\"><h2 class=\"ds-heading\" data-size=\"md\" id=\"access-h\">%s"
                   "</h2><dl class=\"facts\"><dt>%s</dt><dd>%s</dd>",
                T(r, "Hvem har tilgang"), T(r, "Synlighet"), record_visibility_label(r, rec->visibility));
    if (rec->exemption_label) {
        html_printf(b, "<dt>%s</dt><dd><span class=\"ds-tag\" data-color=\"warning\">%s, %s</span></dd>",
                    T(r, "Offentlighet"), T(r, "Unntatt offentlighet"), rec->exemption_label);
    }
    if (str_eq(rec->visibility, "restricted")) {
        html_printf(b, "<dt>%s</dt><dd><ul class=\"inline-list\">", T(r, "Kan lese"));
        if (rec->owner_name) {
            html_printf(b, "<li>%s (%s)</li>", TPICK(r, rec->owner_name, rec->owner_name_nn, rec->owner_name_en),
                        T(r, "eier"));
        }
        for (size_t i = 0; i < n; i++) {
            html_printf(b, "<li>%s</li>", grant_name(r, &g[i]));
        }
        html_printf(b, "</ul></dd>");
    }
    html_printf(b, "</dl>");
    if (record_can_manage(r->viewer, rec)) {
        html_printf(b, "<p class=\"ds-paragraph\"><a class=\"ds-link\" href=\"/records/%lld/access\">%s</a></p>",
                    (long long)rec->id, T(r, "Endre hvem som har tilgang"));
    }
    html_printf(b, "</section>");
}

void record_sections(Req *r, const Record *rec)
{
    if (rec->masked) {
        return;
    }
    if (r->viewer->user_id) {
        access_section(r, rec);
    }
    link_section(r, rec);
    attach_section(r, rec);
    comment_section(r, rec);
}

void record_history_section(Req *r, const Record *rec, const RecordVersion *v, size_t n)
{
    Buf *b = &r->body;
    if (n == 0) {
        html_printf(b, "<p class=\"ds-paragraph\">%s</p>", T(r, "Ingen endringer er registrert ennå."));
        return;
    }
    for (size_t i = 0; i < n; i++) {
        html_printf(b, "<section class=\"version\" aria-labelledby=\"v%d\"><h2 class=\"ds-heading\" data-size=\"xs\" "
                       "id=\"v%d\">%s %d · %s · %s</h2>",
                    v[i].version, v[i].version, T(r, "Versjon"), v[i].version, view_time(r, v[i].at),
                    v[i].actor_name ? v[i].actor_name : v[i].actor);
        if (*v[i].comment) {
            html_printf(b, "<p class=\"ds-paragraph\">«%s»</p>", v[i].comment);
        }
        if (i > 0 && rec->kind->restore && record_can_manage(r->viewer, rec)) {
            html_printf(b, "<form class=\"inline-form\" method=\"post\" action=\"/records/%lld/history/%d/restore\">",
                        (long long)rec->id, v[i].version);
            view_csrf(b, r);
            html_printf(b, "<button class=\"ds-button\" data-variant=\"secondary\" data-size=\"sm\" type=\"submit\">%s"
                           "</button></form>", TF(r, "Gjenopprett versjon %d", v[i].version));
        }
        if (v[i].nchanges == 0) {
            html_printf(b, "<p class=\"ds-paragraph\">%s</p></section>", T(r, "Opprettet."));
            continue;
        }
        html_printf(b, "<div class=\"table-wrap\"><table class=\"ds-table\" data-border><caption class=\"ds-sr-only\">"
                       "%s %d</caption><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                       "<th scope=\"col\">%s</th></tr></thead><tbody>",
                    T(r, "Endringer i versjon"), v[i].version, T(r, "Felt"), T(r, "Før"), T(r, "Etter"));
        for (size_t k = 0; k < v[i].nchanges; k++) {
            const FieldChange *c = &v[i].changes[k];
            const char *label = rec->kind->field_label ? rec->kind->field_label(c->field) : c->field;
            html_printf(b, "<tr><th scope=\"row\">%s</th><td class=\"diff-old\">%s</td><td class=\"diff-new\">%s</td>"
                           "</tr>", T(r, label), *c->from ? c->from : "–", *c->to ? c->to : "–");
        }
        html_printf(b, "</tbody></table></div></section>");
    }
}

/* ---- handlers ------------------------------------------------------------- */

int record_redirect_page(Req *r)
{
    Record rec;
    if (!load(r, &rec)) {
        return r->status;
    }
    return req_redirect(r, record_url(r->arena, rec.kind, rec.id));
}

int record_history_page(Req *r)
{
    Record rec;
    RecordVersion *v;
    size_t n;
    if (!load(r, &rec)) {
        return r->status;
    }
    if (record_versions(r->db, r->arena, r->viewer, rec.id, &v, &n, NULL)) {
        return view_error(r, 404, NULL);
    }
    r->title = arena_printf(r->arena, "%s: %s", T(r, "Historikk"), rec.title);
    crumbs(r, &rec, T(r, "Historikk"));
    html_printf(&r->body, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1>", r->title);
    record_history_section(r, &rec, v, n);
    return 200;
}

static void marking_form(Req *r, const Record *rec)
{
    Buf *b = &r->body;
    const char *vis = params_get(&r->form, "visibility") ? params_get(&r->form, "visibility") : rec->visibility;
    const char *basis = params_get(&r->form, "exemption_basis") ? params_get(&r->form, "exemption_basis")
                                                          : (rec->exemption_basis ? rec->exemption_basis : "");
    const char *ptitle = params_get(&r->form, "public_title") ? params_get(&r->form, "public_title")
                                                              : (rec->public_title ? rec->public_title : "");
    html_printf(b, "<form class=\"form-narrow\" method=\"post\" action=\"/records/%lld/access\">", (long long)rec->id);
    view_csrf(b, r);
    fv_marking(r, vis, basis, ptitle, T(r, "Bare eierdepartementet og de som får tilgang nedenfor"), NULL, NULL);
    html_printf(b, "<button class=\"ds-button\" data-variant=\"primary\" type=\"submit\">%s</button></form>",
                T(r, "Lagre synlighet"));
}

static void grant_list(Req *r, const Record *rec)
{
    Buf *b = &r->body;
    AccessGrant *g;
    size_t n = 0;
    record_grants(r->db, r->arena, r->viewer, rec->id, &g, &n, NULL);
    html_printf(b, "<h2 class=\"ds-heading\" data-size=\"md\">%s</h2>", T(r, "Tilgang gitt til"));
    if (n == 0) {
        html_printf(b, "<p class=\"ds-paragraph\">%s</p>",
                    T(r, "Ingen ennå. Gi tilgang til et departement eller en person nedenfor."));
    } else {
        html_printf(b, "<ul class=\"grant-list\">");
        for (size_t i = 0; i < n; i++) {
            html_printf(b, "<li><span>%s</span> <span class=\"muted\">%s %s</span> "
                           "<form class=\"inline-form\" method=\"post\" action=\"/records/%lld/grants/%lld/delete\">",
                        grant_name(r, &g[i]), T(r, "gitt"), view_time(r, g[i].granted_at), (long long)rec->id,
                        (long long)g[i].id);
            view_csrf(b, r);
            html_printf(b, "<button class=\"ds-button\" data-variant=\"tertiary\" data-size=\"sm\" type=\"submit\" "
                           "aria-label=\"%s %s\">%s</button></form></li>",
                        T(r, "Fjern tilgangen for"), grant_name(r, &g[i]), T(r, "Fjern"));
        }
        html_printf(b, "</ul>");
    }
    html_printf(b, "<form class=\"form-narrow\" method=\"post\" action=\"/records/%lld/grants\">", (long long)rec->id);
    view_csrf(b, r);
    html_printf(b, "<fieldset class=\"ds-fieldset\"><legend class=\"ds-label\">%s</legend>"
                   "<div class=\"ds-field\"><label class=\"ds-label\" for=\"grant-ministry\">%s</label>"
                   "<select class=\"ds-input\" id=\"grant-ministry\" name=\"ministry\">",
                T(r, "Gi tilgang"), T(r, "Departement"));
    /* After a refused grant the form keeps what was sent. */
    const char *sent = params_get(&r->form, "ministry");
    view_option(b, "", T(r, "Velg departement"), !sent || !*sent);
    MinistryOption *m;
    size_t nm = 0;
    record_ministry_options(r->db, r->arena, &m, &nm, NULL);
    for (size_t i = 0; i < nm; i++) {
        view_option(b, m[i].code, TPICK(r, m[i].name, m[i].name_nn, m[i].name_en), str_eq(sent, m[i].code));
    }
    html_printf(b, "</select></div>");
    view_text_field(b, "grant-user", T(r, "eller én person (brukernavn)"), params_get(&r->form, "grant-user"), "text",
                    "off", NULL, NULL, false);
    html_printf(b, "<button class=\"ds-button\" data-variant=\"secondary\" type=\"submit\">%s</button></fieldset></form>",
                T(r, "Gi tilgang"));
}

static int access_form(Req *r, const Record *rec, const char *error, int status)
{
    r->title = arena_printf(r->arena, "%s: %s", T(r, "Hvem har tilgang"), rec->title);
    crumbs(r, rec, T(r, "Tilgang"));
    html_printf(&r->body, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1><p class=\"ds-paragraph\">%s</p>",
                T(r, "Hvem har tilgang"), rec->title);
    view_notice(r);
    view_form_error(&r->body, error ? T(r, error) : NULL);
    marking_form(r, rec);
    grant_list(r, rec);
    html_printf(&r->body, "<p class=\"ds-paragraph\"><a class=\"ds-link\" href=\"%s\">%s</a></p>",
                record_url(r->arena, rec->kind, rec->id), T(r, "Tilbake"));
    return req_status(r, status);
}

static int model_status(const Err *e)
{
    return e->code == E_FORBIDDEN ? 403 : e->code == E_NOTFOUND ? 404 : e->code == E_DB ? 500 : 400;
}

int record_access_page(Req *r)
{
    Record rec;
    if (!load(r, &rec)) {
        return r->status;
    }
    if (!record_can_manage(r->viewer, &rec)) {
        return view_error(r, 403, T(r, "Du har ikke tilgang til å endre hvem som har tilgang."));
    }
    return access_form(r, &rec, NULL, 200);
}

int record_access_post(Req *r)
{
    Record rec;
    Err e = {0};
    if (!load(r, &rec)) {
        return r->status;
    }
    const char *vis = params_get(&r->form, "visibility");
    if (record_set_access(r->db, r->viewer, r->client, rec.id, vis ? vis : "", params_get(&r->form, "exemption_basis"),
                          params_get(&r->form, "public_title"), &e)) {
        return access_form(r, &rec, e.msg, model_status(&e));
    }
    return view_redirect_done(r, record_url(r->arena, rec.kind, rec.id), "access");
}

int record_grant_post(Req *r)
{
    Record rec;
    Err e = {0};
    if (!load(r, &rec)) {
        return r->status;
    }
    if (record_grant_add(r->db, r->viewer, r->client, rec.id, params_get(&r->form, "ministry"),
                         params_get(&r->form, "grant-user"), &e)) {
        return access_form(r, &rec, e.msg, model_status(&e));
    }
    return view_redirect_done(r, arena_printf(r->arena, "/records/%lld/access", (long long)rec.id), "grant");
}

int record_grant_delete_post(Req *r)
{
    Record rec;
    Err e = {0};
    long long gid;
    if (!load(r, &rec)) {
        return r->status;
    }
    if (!parse_int(r->args[1], 1, INT64_MAX, &gid) ||
        record_grant_remove(r->db, r->viewer, r->client, rec.id, gid, &e)) {
        return access_form(r, &rec, e.msg[0] ? e.msg : N_("Tilgangen finnes ikke."), e.code ? model_status(&e) : 404);
    }
    return view_redirect_done(r, arena_printf(r->arena, "/records/%lld/access", (long long)rec.id), "grant_removed");
}

int record_restore_post(Req *r)
{
    Record rec;
    Err e = {0};
    long long version;
    if (!load(r, &rec)) {
        return r->status;
    }
    if (!parse_int(r->args[1], 1, INT32_MAX, &version)) {
        return view_error(r, 404, NULL);
    }
    if (!record_can_manage(r->viewer, &rec)) {
        return view_error(r, 403, T(r, "Du har ikke tilgang til å endre dette innholdet."));
    }
    if (record_restore(r->db, r->arena, r->viewer, r->client, rec.id, (int)version, &e)) {
        return view_error(r, e.code == E_NOTFOUND ? 404 : e.code == E_FORBIDDEN ? 403 : e.code == E_CONFLICT ? 409
                                 : e.code == E_DB ? 500 : 400, TMSG(r, e.msg));
    }
    return view_redirect_done(r, record_url(r->arena, rec.kind, rec.id), "restored");
}
