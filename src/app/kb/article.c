/* article.c: knowledge articles — reading, the bases, saving with
 * optimistic locking, versions as text, links by title, and the article
 * as a kind of record.  Markdown, links in text and the line diff are in
 * kb_render.c; the demo's articles in kb_demo.c. */
#include "app/kb/kb.h"

#include <stdlib.h>
#include <string.h>

#include "app/core/access.h"
#include "app/core/audit.h"
#include "app/core/content.h"
#include "app/core/i18n.h"
#include "app/core/textform.h"
#include "base/buf.h"
#include "base/util.h"
#include "db/search_tok.h"

const char *const g_article_field_names[AF_COUNT] = {
    "title", "body", "tags", "group", "owner", "visibility", "exemption_basis", "public_title",
};
const char *const g_article_field_labels[AF_COUNT] = {
    N_("Tittel"), N_("Tekst"), N_("Stikkord"), N_("Kunnskapsbase"), N_("Eierdepartement"), N_("Synlighet"),
    N_("Unntatt offentlighet"), N_("Offentlig tittel"),
};

const char *kb_title_key(Arena *a, const char *title)
{
    char *k = search_terms(NULL, title ? title : "");
    const char *out = arena_strdup(a, k);
    free(k);
    return out;
}

/* ---- rights ------------------------------------------------------------------- */

bool kb_can_write(const Viewer *v, int64_t group)
{
    if (!v || !v->user_id || v->read_only) {
        return false;
    }
    return group ? perm_group_role(v, group) >= GROUP_ROLE_MEMBER : can(v, CAP_READ_INTERNAL);
}

static bool article_can_manage(const Viewer *v, const Record *rec)
{
    return !rec->masked && kb_can_write(v, rec->owner_group_id);
}

/* ---- reading -------------------------------------------------------------------- */

#define ARTICLE_COLUMNS                                                                                  \
    ", " ACCESS_FIELD("r", "art.body") ", " ACCESS_FIELD("r", "art.tags") ", "                             \
    "(SELECT g.title FROM record g WHERE g.id = r.owner_group_id AND g.kind = 'group' AND " ACCESS("g")   \
    " AND NOT " ACCESS_MASKED("g") ") "
#define ARTICLE_FROM " JOIN article art ON art.id = r.id "

static void article_row(Stmt *s, Arena *a, Article *out, bool body)
{
    memset(out, 0, sizeof *out);
    record_row(s, a, &out->rec);
    out->body = body ? db_col_dup(s, RECORD_NCOLS, a) : NULL;
    out->tags = db_col_dup(s, RECORD_NCOLS + 1, a);
    out->group_title = db_col_dup(s, RECORD_NCOLS + 2, a);
    out->body = out->body ? out->body : "";
    out->tags = out->tags ? out->tags : "";
}

int article_get(Db *db, Arena *a, const Viewer *v, int64_t id, Article *out, Err *e)
{
    Stmt *s = db_prepare(db, "SELECT " RECORD_COLUMNS ARTICLE_COLUMNS RECORD_FROM ARTICLE_FROM
                             "WHERE r.id = ?1 AND r.kind = 'article' AND " ACCESS("r"));
    db_bind_int(s, 1, id);
    access_bind(s, v);
    int rc = db_step(s);
    if (rc == DB_ROW) {
        article_row(s, a, out, true);
    }
    db_done(s);
    if (rc < 0) {
        return err_set(e, E_DB, "reading the article failed");
    }
    return rc == DB_ROW ? 0 : err_set(e, E_NOTFOUND, N_("Fant ikke artikkelen."));
}

int article_list(Db *db, Arena *a, const Viewer *v, const ArticleFilter *f, Article **out, size_t *n, Err *e)
{
    *out = NULL;
    *n = 0;
    Stmt *s = db_prepare(db,
        "SELECT " RECORD_COLUMNS ARTICLE_COLUMNS RECORD_FROM ARTICLE_FROM
        "WHERE r.kind = 'article' AND " ACCESS("r") " AND (?1 < 0 OR coalesce(r.owner_group_id, 0) = ?1) "
        "AND (?2 IS NULL OR (NOT " ACCESS_MASKED("r") " AND instr(', ' || art.tags || ',', ', ' || ?2 || ',') > 0)) "
        "ORDER BY " ACCESS_TITLE("r") " COLLATE nb, r.id");
    db_bind_int(s, 1, f ? f->group : -1);
    db_bind_text(s, 2, f && f->tag && *f->tag ? f->tag : NULL);
    access_bind(s, v);
    size_t cap = 0;
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        article_row(s, a, arena_push(a, out, n, &cap, sizeof **out), false);
    }
    db_done(s);
    return rc < 0 ? err_set(e, E_DB, "listing articles failed") : 0;
}

int kb_bases(Db *db, Arena *a, const Viewer *v, KbBase **out, size_t *n, Err *e)
{
    *out = NULL;
    *n = 0;
    size_t cap = 0;
    KbBase *b = arena_push(a, out, n, &cap, sizeof **out);
    b->group = 0;
    b->can_write = kb_can_write(v, 0);
    Stmt *s = db_prepare(db, "SELECT count(*) FROM record r WHERE r.kind = 'article' AND r.owner_group_id IS NULL "
                             "AND " ACCESS("r"));
    access_bind(s, v);
    b->articles = db_step(s) == DB_ROW ? db_col_int(s, 0) : 0;
    db_done(s);
    s = db_prepare(db, "SELECT g.id, g.title, (SELECT count(*) FROM record r WHERE r.kind = 'article' "
                       "AND r.owner_group_id = g.id AND " ACCESS("r") ") "
                       "FROM record g WHERE g.kind = 'group' AND " ACCESS("g") " AND NOT " ACCESS_MASKED("g")
                       " ORDER BY g.title COLLATE nb");
    access_bind(s, v);
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        int64_t gid = db_col_int(s, 0), count = db_col_int(s, 2);
        bool w = kb_can_write(v, gid);
        if (count == 0 && !w) {
            continue;
        }
        b = arena_push(a, out, n, &cap, sizeof **out);
        b->group = gid;
        b->title = db_col_dup(s, 1, a);
        b->articles = count;
        b->can_write = w;
    }
    db_done(s);
    return rc < 0 ? err_set(e, E_DB, "listing knowledge bases failed") : 0;
}

/* ---- versions as text -------------------------------------------------------------- */

int article_at(Db *db, Arena *a, const Viewer *v, int64_t id, int version, ArticleText *out, Err *e)
{
    memset(out, 0, sizeof *out);
    Article art;
    RecordVersion *x;
    size_t n;
    if (article_get(db, a, v, id, &art, e) || art.rec.masked ||
        record_versions(db, a, v, id, &x, &n, e)) {
        return err_set(e, E_NOTFOUND, N_("Fant ikke artikkelen."));
    }
    if (version < 1 || version > art.rec.version) {
        return err_set(e, E_NOTFOUND, N_("Artikkelen har ingen slik versjon."));
    }
    out->v[AF_TITLE] = "";
    out->v[AF_BODY] = "";
    out->v[AF_TAGS] = "";
    for (size_t i = n; i-- > 0;) {                 /* oldest first */
        if (x[i].version > version) {
            break;
        }
        for (size_t k = 0; k < x[i].nchanges; k++) {
            for (int f = AF_TITLE; f <= AF_TAGS; f++) {
                if (str_eq(x[i].changes[k].field, g_article_field_names[f])) {
                    out->v[f] = x[i].changes[k].to ? x[i].changes[k].to : "";
                }
            }
        }
    }
    return 0;
}

/* ---- saving ---------------------------------------------------------------------------- */

static const char *trim(Arena *a, const char *s)
{
    if (!s) {
        return NULL;
    }
    while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n') {
        s++;
    }
    size_t n = strlen(s);
    while (n && strchr(" \t\r\n", s[n - 1])) {
        n--;
    }
    char *out = arena_alloc(a, n + 1);
    size_t j = 0;
    for (size_t i = 0; i < n; i++) {
        if (!(s[i] == '\r' && i + 1 < n && s[i + 1] == '\n')) {
            out[j++] = s[i];
        }
    }
    out[j] = 0;
    return out;
}

static int check_fields(Db *db, const ArticleText *t, Err *e)
{
    if (!*t->v[AF_TITLE]) {
        return err_set(e, E_INVALID, N_("Tittel må fylles ut."));
    }
    if (content_check_text(t->v[AF_TITLE], 300, false, N_("Tittel"), e) ||
        content_check_text(t->v[AF_BODY], ARTICLE_MAX_BODY, true, N_("Tekst"), e) ||
        content_check_text(t->v[AF_TAGS], ARTICLE_MAX_TAGS, false, N_("Stikkord"), e)) {
        return E_INVALID;
    }
    (void)db;
    return 0;
}

static int write_links(Db *db, Arena *a, int64_t id, const char *body)
{
    Stmt *s = db_prepare(db, "DELETE FROM article_link WHERE from_id = ?1");
    db_bind_int(s, 1, id);
    int rc = db_step(s) == DB_DONE ? 0 : E_DB;
    db_done(s);
    const char **titles;
    size_t n = kb_links_in(a, body, &titles);
    for (size_t i = 0; !rc && i < n; i++) {
        s = db_prepare(db, "INSERT OR IGNORE INTO article_link (from_id, to_key, to_title) VALUES (?1, ?2, ?3)");
        db_bind_int(s, 1, id);
        db_bind_text(s, 2, kb_title_key(a, titles[i]));
        db_bind_text(s, 3, titles[i]);
        rc = db_step(s) == DB_DONE ? 0 : E_DB;
        db_done(s);
    }
    return rc;
}

/* Create: the record with its group, owner and marking, then the row. */
static int create(Db *db, Arena *a, const Viewer *v, const ArticleText *t, int64_t *id, Err *e)
{
    long long group = 0;
    if (t->v[AF_GROUP] && *t->v[AF_GROUP] && !parse_int(t->v[AF_GROUP], 1, INT64_MAX, &group)) {
        return err_set(e, E_INVALID, N_("Ukjent kunnskapsbase."));
    }
    if (group && !record_can_read(db, v, group)) {
        return err_set(e, E_INVALID, N_("Ukjent kunnskapsbase."));
    }
    if (!kb_can_write(v, group)) {
        return err_set(e, E_FORBIDDEN, group ? N_("Bare gruppens medlemmer kan skrive i gruppens kunnskapsbase.")
                                             : N_("Du har ikke tilgang til å skrive artikler."));
    }
    int64_t owner = v->ministry_id;
    if (t->v[AF_OWNER] && *t->v[AF_OWNER]) {
        Stmt *s = db_prepare(db, "SELECT id FROM ministry WHERE code = upper(?1) AND valid_to IS NULL");
        db_bind_text(s, 1, t->v[AF_OWNER]);
        owner = db_step(s) == DB_ROW ? db_col_int(s, 0) : 0;
        db_done(s);
        if (!owner) {
            return err_set(e, E_INVALID, N_("Ukjent departement."));
        }
    }
    const char *vis = t->v[AF_VISIBILITY] && *t->v[AF_VISIBILITY] ? t->v[AF_VISIBILITY] : "internal";
    RecordInit ri = {.title = t->v[AF_TITLE], .owner_ministry_id = owner, .visibility = vis,
                     .exemption_basis = t->v[AF_EXEMPTION_BASIS], .public_title = t->v[AF_PUBLIC_TITLE],
                     .owner_group_id = group};
    int rc = record_create(db, v, "article", &ri, id, e);
    if (rc) {
        return rc;
    }
    Stmt *s = db_prepare(db, "INSERT INTO article (id, body, tags, title_key) VALUES (?1, ?2, ?3, ?4)");
    db_bind_int(s, 1, *id);
    db_bind_text(s, 2, t->v[AF_BODY]);
    db_bind_text(s, 3, t->v[AF_TAGS]);
    db_bind_text(s, 4, kb_title_key(a, t->v[AF_TITLE]));
    rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, N_("Lagring feilet."));
    db_done(s);
    return rc;
}

static int update(Db *db, Arena *a, int64_t id, const ArticleText *t, Err *e)
{
    Stmt *s = db_prepare(db, "UPDATE record SET title = ?2 WHERE id = ?1");
    db_bind_int(s, 1, id);
    db_bind_text(s, 2, t->v[AF_TITLE]);
    int ok = db_step(s) == DB_DONE;
    db_done(s);
    s = db_prepare(db, "UPDATE article SET body = ?2, tags = ?3, title_key = ?4 WHERE id = ?1");
    db_bind_int(s, 1, id);
    db_bind_text(s, 2, t->v[AF_BODY]);
    db_bind_text(s, 3, t->v[AF_TAGS]);
    db_bind_text(s, 4, kb_title_key(a, t->v[AF_TITLE]));
    ok &= db_step(s) == DB_DONE;
    db_done(s);
    return ok ? 0 : err_set(e, E_DB, N_("Lagring feilet."));
}

static int save(Db *db, Arena *a, const Viewer *v, const char *client, int64_t id, const ArticleText *in,
                int64_t expect_version, const char *comment, int64_t *out_id, Err *e)
{
    Article cur = {0};
    if (id) {
        if (article_get(db, a, v, id, &cur, e) || cur.rec.masked) {
            return err_set(e, E_NOTFOUND, N_("Fant ikke artikkelen."));
        }
        if (!kb_can_write(v, cur.rec.owner_group_id)) {
            return err_set(e, E_FORBIDDEN, cur.rec.owner_group_id
                                               ? N_("Bare gruppens medlemmer kan endre artiklene i gruppens kunnskapsbase.")
                                               : N_("Du har ikke tilgang til å endre artikkelen."));
        }
        if (expect_version && cur.rec.version != expect_version) {
            return err_set(e, E_CONFLICT, N_("Noen andre har lagret artikkelen etter at du begynte å redigere. "
                                             "Endringen din er ikke lagret."));
        }
    } else if (!v->user_id || v->read_only) {
        return err_set(e, E_FORBIDDEN, N_("Du har ikke tilgang til å skrive artikler."));
    }
    if (comment && content_check_text(comment, 2000, true, N_("Kommentaren"), e)) {
        return E_INVALID;
    }
    ArticleText next = *in;
    const char *was[AF_COUNT] = {0};
    if (id) {
        was[AF_TITLE] = db_one_text(db, a, "SELECT title FROM record WHERE id = ?1", id);
        was[AF_BODY] = cur.body;
        was[AF_TAGS] = cur.tags;
    }
    for (int f = AF_TITLE; f <= AF_TAGS; f++) {
        const char *given = f == AF_TAGS ? text_canon_list(a, in->v[f], false) : trim(a, in->v[f]);
        next.v[f] = given ? given : (was[f] ? was[f] : "");
    }
    if (check_fields(db, &next, e)) {
        return E_INVALID;
    }
    FieldChange ch[3];
    size_t n = text_diff(g_article_field_names, was, next.v, 3, NULL, ch);
    if (n == 0 && id) {
        return 0;
    }
    int rc = id ? update(db, a, id, &next, e) : create(db, a, v, &next, &id, e);
    if (!rc && write_links(db, a, id, next.v[AF_BODY])) {
        rc = err_set(e, E_DB, N_("Lagring feilet."));
    }
    if (!rc) {
        rc = record_version_add(db, v, id, ch, n, comment, e);
    }
    if (!rc) {
        Buf summary = {0};
        for (size_t i = 0; i < n; i++) {
            buf_printf(&summary, "%s%s", i ? ", " : "", ch[i].field);
        }
        rc = audit_append(db, v, client, cur.rec.id ? "article.update" : "article.create", "article",
                          arena_printf(a, "%lld", (long long)id),
                          arena_printf(a, "%s: %s", next.v[AF_TITLE], buf_str(&summary)), e);
        buf_free(&summary);
    }
    *out_id = id;
    return rc;
}

int article_save(Db *db, Arena *a, const Viewer *v, const char *client, int64_t id, const ArticleText *in,
                 int64_t expect_version, const char *comment, int64_t *out_id, Err *e)
{
    *out_id = id;
    if (expect_version < 0) {
        return err_set(e, E_INVALID, N_("Ugyldig versjon."));
    }
    if (db_begin(db, e)) {
        return E_DB;
    }
    int rc = db_finish(db, save(db, a, v, client, id, in, expect_version, comment, out_id, e), e);
    if (rc) {
        *out_id = id;
    }
    return rc;
}

/* ---- links by title ---------------------------------------------------------------------- */

ArticleRef article_resolve(Db *db, Arena *a, const Viewer *v, const char *title, int64_t group)
{
    ArticleRef ref = {0, title};
    Stmt *s = db_prepare(db, "SELECT r.id, r.title FROM record r JOIN article art ON art.id = r.id "
                             "WHERE art.title_key = ?1 AND r.kind = 'article' AND " ACCESS("r") " AND NOT "
                             ACCESS_MASKED("r") " ORDER BY coalesce(r.owner_group_id, 0) = ?2 DESC, r.id LIMIT 1");
    db_bind_text(s, 1, kb_title_key(a, title));
    db_bind_int(s, 2, group);
    access_bind(s, v);
    if (db_step(s) == DB_ROW) {
        ref.id = db_col_int(s, 0);
        ref.title = db_col_dup(s, 1, a);
    }
    db_done(s);
    return ref;
}

int article_backlinks(Db *db, Arena *a, const Viewer *v, int64_t id, ArticleRef **out, size_t *n, Err *e)
{
    *out = NULL;
    *n = 0;
    Stmt *s = db_prepare(db, "SELECT r.id, r.title FROM article_link l JOIN record r ON r.id = l.from_id "
                             "WHERE l.to_key = (SELECT title_key FROM article WHERE id = ?1) AND l.from_id <> ?1 "
                             "AND " ACCESS("r") " AND NOT " ACCESS_MASKED("r") " ORDER BY r.title COLLATE nb");
    db_bind_int(s, 1, id);
    access_bind(s, v);
    size_t cap = 0;
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        ArticleRef *x = arena_push(a, out, n, &cap, sizeof **out);
        x->id = db_col_int(s, 0);
        x->title = db_col_dup(s, 1, a);
    }
    db_done(s);
    return rc < 0 ? err_set(e, E_DB, "reading backlinks failed") : 0;
}

/* ---- the article as a kind of record ------------------------------------------------------- */

static const char *article_field_label(const char *field)
{
    for (int k = 0; k < AF_COUNT; k++) {
        if (str_eq(g_article_field_names[k], field)) {
            return g_article_field_labels[k];
        }
    }
    return field;
}

static int article_sample(Db *db, int64_t id, Err *e)
{
    Stmt *s = db_prepare(db, "INSERT INTO article (id, title_key) VALUES (?1, '')");
    db_bind_int(s, 1, id);
    int rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, "inserting a sample article failed");
    db_done(s);
    return rc;
}

static int article_restore(Db *db, Arena *a, const Viewer *v, const char *client, int64_t id,
                           const FieldChange *fields, size_t n, const char *comment, Err *e)
{
    ArticleText t = {0};
    for (size_t i = 0; i < n; i++) {
        for (int k = AF_TITLE; k <= AF_TAGS; k++) {
            if (str_eq(fields[i].field, g_article_field_names[k])) {
                t.v[k] = fields[i].to ? fields[i].to : "";
            }
        }
    }
    int64_t out;
    return article_save(db, a, v, client, id, &t, 0, comment, &out, e);
}

/* Search: the body as plain text (no Markdown marks) and the tags. */
static int article_search_text(Db *db, Arena *a, int64_t id, SearchText *out, Err *e)
{
    Stmt *s = db_prepare(db, "SELECT body, tags FROM article WHERE id = ?1");
    db_bind_int(s, 1, id);
    int rc = db_step(s);
    if (rc == DB_ROW) {
        out->body = arena_printf(a, "%s\n%s", kb_markdown_text(a, db_col_text(s, 0)), db_col_text(s, 1));
    }
    db_done(s);
    return rc < 0 ? err_set(e, E_DB, "reading the article to index failed") : 0;
}

static const RecordKind g_article_kind = {
    .name = "article", .table = "article", .label = N_("artikkel"), .url = "/articles/",
    .can_manage = article_can_manage, .field_label = article_field_label, .sample = article_sample,
    .restore = article_restore, .search_text = article_search_text,
};
RECORD_KIND(g_article_kind)
