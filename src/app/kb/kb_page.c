/* kb_page.c: the knowledge bases' pages — the bases and their articles
 * (/kb), an article (/articles/{id}) with its backlinks and the shared
 * record sections, writing and editing (a refused save shows the text
 * saved meanwhile beside the one that was refused, which stays in the
 * form), the history with restore, and the line diff between two
 * versions.  An article the viewer may not read is a 404. */
#include "app/kb/kb_handlers.h"

#include <stdint.h>
#include <string.h>

#include "app/core/form_view.h"
#include "app/core/i18n.h"
#include "app/core/record_view.h"
#include "app/core/textform.h"
#include "app/core/view.h"
#include "app/kb/kb.h"
#include "base/html.h"
#include "base/util.h"

/* ---- pieces ------------------------------------------------------------------------- */

static const char *base_title(Req *r, int64_t group, const char *group_title)
{
    return group ? TF(r, "Kunnskapsbasen til %s", group_title ? group_title : "") : T(r, "Felles kunnskapsbase");
}

static const char *base_url(Req *r, int64_t group)
{
    return group ? arena_printf(r->arena, "/kb?group=%lld", (long long)group) : "/kb";
}

static bool load(Req *r, Article *art)
{
    long long id;
    if (!parse_int(r->args[0], 1, INT64_MAX, &id) || article_get(r->db, r->arena, r->viewer, id, art, NULL)) {
        view_error(r, 404, T(r, "Det finnes ikke noe innhold med denne adressen, eller du har ikke tilgang til det."));
        return false;
    }
    return true;
}

static void crumbs(Req *r, const Article *art, const char *here)
{
    req_crumb(r, T(r, "Kunnskapsbaser"), "/kb");
    if (art->rec.owner_group_id && art->group_title) {
        req_crumb(r, base_title(r, art->rec.owner_group_id, art->group_title), base_url(r, art->rec.owner_group_id));
    } else if (!art->rec.owner_group_id) {
        req_crumb(r, T(r, "Felles kunnskapsbase"), "/kb");
    }
    req_crumb(r, art->rec.title, here ? arena_printf(r->arena, "/articles/%lld", (long long)art->rec.id) : NULL);
    if (here) {
        req_crumb(r, here, NULL);
    }
}

static void tag_list(Req *r, const char *tags, int64_t group)
{
    const char **t;
    size_t n = text_split(r->arena, tags, ',', &t);
    if (n == 0) {
        return;
    }
    html_printf(&r->body, "<ul class=\"inline-list tag-list\" aria-label=\"%s\">", T(r, "Stikkord"));
    for (size_t i = 0; i < n; i++) {
        html_printf(&r->body, "<li><a class=\"ds-tag\" data-color=\"neutral\" href=\"%s%stag=%s\">%s</a></li>",
                    base_url(r, group), group ? "&" : "?", url_enc(r->arena, t[i]), t[i]);
    }
    html_printf(&r->body, "</ul>");
}

/* ---- the bases ------------------------------------------------------------------------ */

int kb_index_page(Req *r)
{
    long long group = 0;
    const char *g = params_get(&r->query, "group"), *tag = params_get(&r->query, "tag");
    if (g && *g && !parse_int(g, 1, INT64_MAX, &group)) {
        return view_error(r, 404, NULL);
    }
    KbBase *bases;
    size_t nb;
    if (kb_bases(r->db, r->arena, r->viewer, &bases, &nb, NULL)) {
        return view_error(r, 500, NULL);
    }
    const KbBase *cur = NULL;
    for (size_t i = 0; i < nb; i++) {
        cur = bases[i].group == group ? &bases[i] : cur;
    }
    if (!cur) {
        return view_error(r, 404, T(r, "Det finnes ikke noe innhold med denne adressen, eller du har ikke tilgang til det."));
    }
    r->title = T(r, "Kunnskapsbaser");
    req_crumb(r, r->title, NULL);
    Buf *b = &r->body;
    html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1><p class=\"ds-paragraph\">%s</p>", r->title,
                T(r, "Felles kunnskap om komplekse politikkområder: gruppenes kunnskapsbaser og en felles for hele "
                     "departementsfellesskapet."));
    html_printf(b, "<nav aria-label=\"%s\"><ul class=\"kb-bases\">", T(r, "Kunnskapsbaser"));
    for (size_t i = 0; i < nb; i++) {
        const char *label = base_title(r, bases[i].group, bases[i].title);
        html_printf(b, "<li><a class=\"ds-link\" href=\"%s\" aria-current=\"%s\">%s</a> (%s)</li>",
                    base_url(r, bases[i].group), &bases[i] == cur ? "page" : "false", label,
                    TF(r, "%lld %s", (long long)bases[i].articles, NT(r, "artikkel", "artikler", bases[i].articles)));
    }
    html_printf(b, "</ul></nav><section aria-labelledby=\"base-h\"><h2 class=\"ds-heading\" data-size=\"md\" "
                   "id=\"base-h\">%s</h2>", base_title(r, cur->group, cur->title));
    if (cur->can_write) {
        html_printf(b, "<p class=\"ds-paragraph\"><a class=\"ds-button\" data-variant=\"primary\" href=\"/kb/new%s\">"
                       "%s</a></p>", cur->group ? arena_printf(r->arena, "?group=%lld", (long long)cur->group) : "",
                    T(r, "Ny artikkel"));
    }
    if (tag && *tag) {
        html_printf(b, "<p class=\"ds-paragraph\">%s <a class=\"ds-link\" href=\"%s\">%s</a></p>",
                    TF(r, "Viser artikler med stikkordet «%s».", tag), base_url(r, cur->group), T(r, "Vis alle"));
    }
    Article *list;
    size_t n;
    ArticleFilter f = {.group = cur->group, .tag = tag};
    article_list(r->db, r->arena, r->viewer, &f, &list, &n, NULL);
    if (n == 0) {
        html_printf(b, "<p class=\"ds-paragraph\">%s</p>", T(r, "Ingen artikler ennå."));
    }
    html_printf(b, "<ul class=\"kb-articles\">");
    for (size_t i = 0; i < n; i++) {
        html_printf(b, "<li><a class=\"ds-link\" href=\"/articles/%lld\">%s</a> <span class=\"muted\">%s</span>",
                    (long long)list[i].rec.id, list[i].rec.title,
                    view_time(r, list[i].rec.updated_at ? list[i].rec.updated_at : list[i].rec.created_at));
        if (!list[i].rec.masked) {
            tag_list(r, list[i].tags, cur->group);
        }
        html_printf(b, "</li>");
    }
    html_printf(b, "</ul></section>");
    return 200;
}

/* ---- one article ----------------------------------------------------------------------- */

int article_show_page(Req *r)
{
    Article art;
    if (!load(r, &art)) {
        return r->status;
    }
    r->title = art.rec.title;
    crumbs(r, &art, NULL);
    Buf *b = &r->body;
    html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1>", art.rec.title);
    view_notice(r);
    if (art.rec.masked) {
        html_printf(b, "<p class=\"ds-paragraph\">%s</p>", T(r, "Innholdet er unntatt offentlighet."));
        return 200;
    }
    html_printf(b, "<p class=\"ds-paragraph muted\">%s · %s</p>", base_title(r, art.rec.owner_group_id, art.group_title),
                TF(r, "Versjon %d, sist endret %s", art.rec.version,
                   view_time(r, art.rec.updated_at ? art.rec.updated_at : art.rec.created_at)));
    tag_list(r, art.tags, art.rec.owner_group_id);
    if (r->viewer->user_id) {
        html_printf(b, "<p class=\"actions\">");
        if (kb_can_write(r->viewer, art.rec.owner_group_id)) {
            html_printf(b, "<a class=\"ds-button\" data-variant=\"primary\" href=\"/articles/%lld/edit\">%s</a> ",
                        (long long)art.rec.id, T(r, "Rediger"));
        }
        html_printf(b, "<a class=\"ds-button\" data-variant=\"secondary\" href=\"/articles/%lld/history\">%s</a></p>",
                    (long long)art.rec.id, T(r, "Historikk"));
    }
    html_printf(b, "<article class=\"kb-body\">");
    html_safe(b, (SafeHtml){kb_markdown_html(r->db, r->arena, r->viewer, art.body, art.rec.owner_group_id,
                                             T(r, "finnes ikke ennå – opprett den"))});
    html_printf(b, "</article>");
    ArticleRef *back;
    size_t nback;
    article_backlinks(r->db, r->arena, r->viewer, art.rec.id, &back, &nback, NULL);
    html_printf(b, "<section aria-labelledby=\"back-h\"><h2 class=\"ds-heading\" data-size=\"md\" id=\"back-h\">%s</h2>",
                T(r, "Lenker hit"));
    if (nback == 0) {
        html_printf(b, "<p class=\"ds-paragraph\">%s</p>", T(r, "Ingen andre artikler lenker hit."));
    } else {
        html_printf(b, "<ul>");
        for (size_t i = 0; i < nback; i++) {
            html_printf(b, "<li><a class=\"ds-link\" href=\"/articles/%lld\">%s</a></li>", (long long)back[i].id,
                        back[i].title);
        }
        html_printf(b, "</ul>");
    }
    html_printf(b, "</section>");
    record_sections(r, &art.rec);
    return 200;
}

/* ---- the form -------------------------------------------------------------------------- */

static void base_select(Req *r, int64_t group)
{
    KbBase *bases;
    size_t n;
    kb_bases(r->db, r->arena, r->viewer, &bases, &n, NULL);
    fv_select_open(r, "group", T(r, "Kunnskapsbase"), NULL, NULL);
    for (size_t i = 0; i < n; i++) {
        if (bases[i].can_write) {
            view_option(&r->body, bases[i].group ? arena_printf(r->arena, "%lld", (long long)bases[i].group) : "",
                        base_title(r, bases[i].group, bases[i].title), bases[i].group == group);
        }
    }
    fv_select_close(r, "group", NULL);
}

/* The form for a new article (id 0) or for article id at version, with
 * the values in t, an error, and (after a refused save) the text saved
 * meanwhile. */
static void article_form(Req *r, int64_t id, int version, const ArticleText *t, int64_t group, const char *error,
                         const Article *theirs)
{
    Buf *b = &r->body;
    view_form_error(b, error);
    if (theirs) {
        html_printf(b, "<section class=\"conflict\" aria-labelledby=\"theirs-h\"><h2 class=\"ds-heading\" data-size=\"sm\" "
                       "id=\"theirs-h\">%s</h2><p class=\"ds-paragraph\">%s</p><h3 class=\"ds-heading\" data-size=\"xs\">"
                       "%s</h3><pre class=\"kb-source\" tabindex=\"0\">%s</pre></section>",
                    TF(r, "Lagret av %s, versjon %d", theirs->rec.updated_by ? theirs->rec.updated_by : "–",
                       theirs->rec.version),
                    T(r, "Teksten din står i skjemaet under. Flett inn det du vil beholde, og lagre på nytt."),
                    theirs->rec.title, theirs->body);
    }
    html_printf(b, "<form class=\"form-wide\" method=\"post\" action=\"%s\">",
                id ? arena_printf(r->arena, "/articles/%lld", (long long)id) : "/kb");
    view_csrf(b, r);
    if (id) {
        html_printf(b, "<input type=\"hidden\" name=\"version\" value=\"%d\">", version);
    } else {
        base_select(r, group);
    }
    view_text_field(b, "title", T(r, "Tittel"), t->v[AF_TITLE], "text", NULL, NULL, NULL, true);
    fv_textarea(r, "body", T(r, "Tekst"),
                T(r, "Markdown: # overskrift, **fet**, lister, tabeller og lenker. Lenk til en annen artikkel med "
                     "[[Tittel]]."),
                t->v[AF_BODY], NULL, 18, false);
    view_text_field(b, "tags", T(r, "Stikkord"), t->v[AF_TAGS], "text", NULL, T(r, "Skill dem med komma."), NULL,
                    false);
    if (!id) {
        fv_visibility(r, t->v[AF_VISIBILITY] ? t->v[AF_VISIBILITY] : "internal", NULL,
                      T(r, "Bare gruppens medlemmer, eierdepartementet og de som får tilgang"), NULL);
    } else {
        view_text_field(b, "comment", T(r, "Hva har du endret? (valgfritt)"), params_get(&r->form, "comment"), "text",
                        NULL, NULL, NULL, false);
    }
    html_printf(b, "<button class=\"ds-button\" data-variant=\"primary\" type=\"submit\">%s</button></form>",
                T(r, "Lagre"));
}

/* The form's fields. */
static void form_text(Req *r, ArticleText *t)
{
    memset(t, 0, sizeof *t);
    t->v[AF_TITLE] = params_get(&r->form, "title");
    t->v[AF_BODY] = params_get(&r->form, "body");
    t->v[AF_TAGS] = params_get(&r->form, "tags");
    t->v[AF_GROUP] = params_get(&r->form, "group");
    t->v[AF_VISIBILITY] = params_get(&r->form, "visibility");
}

int kb_new_page(Req *r)
{
    long long group = 0;
    const char *g = params_get(&r->query, "group");
    if (g && *g && !parse_int(g, 1, INT64_MAX, &group)) {
        group = 0;
    }
    if (!kb_can_write(r->viewer, (int64_t)group)) {
        group = 0;
        if (!kb_can_write(r->viewer, 0)) {
            return view_error(r, 403, T(r, "Du har ikke tilgang til å skrive artikler."));
        }
    }
    r->title = T(r, "Ny artikkel");
    req_crumb(r, T(r, "Kunnskapsbaser"), "/kb");
    req_crumb(r, r->title, NULL);
    html_printf(&r->body, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1>", r->title);
    ArticleText t = {0};
    t.v[AF_TITLE] = params_get(&r->query, "title");
    t.v[AF_VISIBILITY] = group ? "restricted" : "internal";
    article_form(r, 0, 0, &t, group, NULL, NULL);
    return 200;
}

int kb_create_post(Req *r)
{
    ArticleText t;
    form_text(r, &t);
    Err e = {0};
    int64_t id;
    if (article_save(r->db, r->arena, r->viewer, r->client, 0, &t, 0, NULL, &id, &e)) {
        r->title = T(r, "Ny artikkel");
        req_crumb(r, T(r, "Kunnskapsbaser"), "/kb");
        req_crumb(r, r->title, NULL);
        html_printf(&r->body, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1>", r->title);
        long long group = 0;
        parse_int(t.v[AF_GROUP] ? t.v[AF_GROUP] : "", 1, INT64_MAX, &group);
        article_form(r, 0, 0, &t, group, TMSG(r, e.msg), NULL);
        return req_status(r, fv_status(&e));
    }
    return view_redirect_done(r, arena_printf(r->arena, "/articles/%lld", (long long)id), "saved");
}

int article_edit_page(Req *r)
{
    Article art;
    if (!load(r, &art)) {
        return r->status;
    }
    if (art.rec.masked || !kb_can_write(r->viewer, art.rec.owner_group_id)) {
        return view_error(r, 403, T(r, "Du har ikke tilgang til å endre artikkelen."));
    }
    r->title = TF(r, "Rediger «%s»", art.rec.title);
    crumbs(r, &art, T(r, "Rediger"));
    html_printf(&r->body, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1>", r->title);
    ArticleText t = {.v = {[AF_TITLE] = art.rec.title, [AF_BODY] = art.body, [AF_TAGS] = art.tags}};
    article_form(r, art.rec.id, art.rec.version, &t, art.rec.owner_group_id, NULL, NULL);
    return 200;
}

int article_update_post(Req *r)
{
    Article art;
    if (!load(r, &art)) {
        return r->status;
    }
    ArticleText t;
    form_text(r, &t);
    t.v[AF_GROUP] = t.v[AF_VISIBILITY] = NULL;
    long long version = 0;
    const char *vs = params_get(&r->form, "version");
    if (!vs || !parse_int(vs, 1, INT32_MAX, &version)) {
        version = 0;
    }
    Err e = {0};
    int64_t id;
    if (!article_save(r->db, r->arena, r->viewer, r->client, art.rec.id, &t, version ? version : -1,
                      params_get(&r->form, "comment"), &id, &e)) {
        return view_redirect_done(r, arena_printf(r->arena, "/articles/%lld", (long long)id), "saved");
    }
    if (e.code == E_NOTFOUND) {
        return view_error(r, 404, NULL);
    }
    r->title = TF(r, "Rediger «%s»", art.rec.title);
    crumbs(r, &art, T(r, "Rediger"));
    html_printf(&r->body, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1>", r->title);
    /* Refused because someone saved meanwhile: their text beside this
     * one, and the form based on their version, so saving again keeps
     * whatever is merged into it. */
    Article now = art;
    if (e.code == E_CONFLICT) {
        article_get(r->db, r->arena, r->viewer, art.rec.id, &now, NULL);
    }
    article_form(r, art.rec.id, now.rec.version, &t, art.rec.owner_group_id, TMSG(r, e.msg),
                 e.code == E_CONFLICT ? &now : NULL);
    return req_status(r, fv_status(&e));
}

/* ---- history and differences ------------------------------------------------------------- */

static void version_select(Req *r, const char *name, const char *label, const RecordVersion *v, size_t n, int sel)
{
    html_printf(&r->body, "<div class=\"ds-field\"><label class=\"ds-label\" for=\"f-%s\">%s</label>"
                          "<select class=\"ds-input\" id=\"f-%s\" name=\"%s\">", name, label, name, name);
    for (size_t i = 0; i < n; i++) {
        view_option(&r->body, arena_printf(r->arena, "%d", v[i].version), TF(r, "Versjon %d", v[i].version),
                    v[i].version == sel);
    }
    html_printf(&r->body, "</select></div>");
}

int article_history_page(Req *r)
{
    Article art;
    RecordVersion *v;
    size_t n;
    if (!load(r, &art)) {
        return r->status;
    }
    if (art.rec.masked || record_versions(r->db, r->arena, r->viewer, art.rec.id, &v, &n, NULL)) {
        return view_error(r, 404, NULL);
    }
    r->title = TF(r, "Historikk: %s", art.rec.title);
    crumbs(r, &art, T(r, "Historikk"));
    Buf *b = &r->body;
    html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1>", r->title);
    if (n > 1) {
        html_printf(b, "<form class=\"inline-fields\" method=\"get\" action=\"/articles/%lld/diff\">"
                       "<fieldset class=\"ds-fieldset\"><legend class=\"ds-label\">%s</legend>",
                    (long long)art.rec.id, T(r, "Sammenlign to versjoner"));
        version_select(r, "from", T(r, "Fra"), v, n, v[1].version);
        version_select(r, "to", T(r, "Til"), v, n, v[0].version);
        html_printf(b, "<button class=\"ds-button\" data-variant=\"secondary\" type=\"submit\">%s</button></fieldset>"
                       "</form>", T(r, "Vis endringene"));
    }
    record_history_section(r, &art.rec, v, n);
    return 200;
}

int article_diff_page(Req *r)
{
    Article art;
    if (!load(r, &art)) {
        return r->status;
    }
    long long from = 0, to = 0;
    const char *fs = params_get(&r->query, "from"), *ts = params_get(&r->query, "to");
    ArticleText x, y;
    if (!fs || !ts || !parse_int(fs, 1, INT32_MAX, &from) || !parse_int(ts, 1, INT32_MAX, &to)) {
        return view_error(r, 400, T(r, "Velg to versjoner som finnes."));
    }
    if (article_at(r->db, r->arena, r->viewer, art.rec.id, (int)from, &x, NULL) ||
        article_at(r->db, r->arena, r->viewer, art.rec.id, (int)to, &y, NULL)) {
        return view_error(r, 404, T(r, "Velg to versjoner som finnes."));
    }
    r->title = TF(r, "Endringer fra versjon %d til %d", (int)from, (int)to);
    crumbs(r, &art, T(r, "Endringer"));
    Buf *b = &r->body;
    html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1><p class=\"ds-paragraph\"><a class=\"ds-link\" "
                   "href=\"/articles/%lld/history\">%s</a></p>",
                r->title, (long long)art.rec.id, T(r, "Tilbake til historikken"));
    for (int f = AF_TITLE; f <= AF_TAGS; f++) {
        DiffLine *d;
        size_t n = kb_diff(r->arena, x.v[f], y.v[f], &d);
        html_printf(b, "<section aria-labelledby=\"d-%d\"><h2 class=\"ds-heading\" data-size=\"sm\" id=\"d-%d\">%s</h2>",
                    f, f, T(r, g_article_field_labels[f]));
        if (str_eq(x.v[f], y.v[f])) {
            html_printf(b, "<p class=\"ds-paragraph\">%s</p></section>", T(r, "Uendret."));
            continue;
        }
        html_printf(b, "<div class=\"diff\" role=\"list\">");
        for (size_t i = 0; i < n; i++) {
            if (d[i].op == '+') {
                html_printf(b, "<div role=\"listitem\"><ins><span class=\"ds-sr-only\">%s </span>%s</ins></div>",
                            T(r, "Lagt til:"), d[i].text);
            } else if (d[i].op == '-') {
                html_printf(b, "<div role=\"listitem\"><del><span class=\"ds-sr-only\">%s </span>%s</del></div>",
                            T(r, "Fjernet:"), d[i].text);
            } else {
                html_printf(b, "<div role=\"listitem\">%s</div>", d[i].text);
            }
        }
        html_printf(b, "</div></section>");
    }
    return 200;
}
