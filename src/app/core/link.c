/* link.c: see link.h.
 *
 * Every statement that reads links joins the record at each end it shows
 * and puts ACCESS and NOT ACCESS_MASKED on it, so a link whose other end
 * the viewer may not read is neither listed nor counted nor found.  The
 * record asked about is checked first with record_get.
 */
#include "app/core/link.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/core/access.h"
#include "app/core/audit.h"
#include "app/core/i18n.h"
#include "base/collate.h"
#include "base/util.h"

const LinkType g_link_types[] = {
    {"relates_to", N_("Henger sammen med"), N_("Henger sammen med")},
    {"implements", N_("Gjennomfører"), N_("Gjennomføres av")},
    {"evidence_for", N_("Kunnskapsgrunnlag for"), N_("Har kunnskapsgrunnlag i")},
    {"decided_in", N_("Besluttet i"), N_("Beslutning om")},
    {"follows_up", N_("Følger opp"), N_("Følges opp av")},
    {"replaces", N_("Erstatter"), N_("Erstattes av")},
    {"continues", N_("Viderefører"), N_("Videreføres i")},
};
const size_t g_link_ntypes = COUNT(g_link_types);

const LinkType *link_type(const char *code)
{
    for (size_t i = 0; code && i < g_link_ntypes; i++) {
        if (str_eq(g_link_types[i].code, code)) {
            return &g_link_types[i];
        }
    }
    return NULL;
}

/* ---- reading ------------------------------------------------------------ */

/* The viewer may read r fully (not only its public face). */
#define SEES(r) ACCESS(r) " AND NOT " ACCESS_MASKED(r)

/* The links of ?1, each with its other end o. */
#define LINKS_OF                                                                                  \
    "FROM record_link l JOIN record o ON o.id = CASE WHEN l.from_id = ?1 THEN l.to_id ELSE l.from_id END " \
    "WHERE (l.from_id = ?1 OR l.to_id = ?1) AND " SEES("o")

/* Columns: link id, type, from, to, other id, other kind, other title,
 * created at, created by. */
static void read_link(Stmt *s, Arena *a, int64_t self, Link *l)
{
    memset(l, 0, sizeof *l);
    l->id = db_col_int(s, 0);
    l->type = link_type(db_col_text(s, 1));
    l->from_id = db_col_int(s, 2);
    l->to_id = db_col_int(s, 3);
    l->outgoing = l->from_id == self;
    l->other_id = db_col_int(s, 4);
    l->other_kind = record_kind(db_col_text(s, 5));
    l->other_title = db_col_dup(s, 6, a);
    l->created_at = db_col_dup(s, 7, a);
    l->created_by = db_col_dup(s, 8, a);
    l->label = l->type ? (l->outgoing ? l->type->forward : l->type->reverse) : "";
    l->other_url = record_url(a, l->other_kind, l->other_id);
}

static int type_rank(const LinkType *t)
{
    return t ? (int)(t - g_link_types) : (int)g_link_ntypes;
}

static int by_display(const void *x, const void *y)
{
    const Link *a = x, *b = y;
    if (type_rank(a->type) != type_rank(b->type)) {
        return type_rank(a->type) - type_rank(b->type);
    }
    if (a->outgoing != b->outgoing) {
        return a->outgoing ? -1 : 1;
    }
    int c = collate_nb_str(a->other_title ? a->other_title : "", b->other_title ? b->other_title : "");
    return c ? c : (a->id < b->id ? -1 : a->id > b->id);
}

/* May v remove l (seen from rec)?  The from end decides: rec itself for an
 * outgoing link, else the other record. */
static bool may_remove(Db *db, Arena *a, const Viewer *v, const Record *rec, const Link *l)
{
    if (!v->user_id || v->read_only) {
        return false;
    }
    if (l->outgoing) {
        return record_can_manage(v, rec);
    }
    Record from;
    return record_get(db, a, v, l->from_id, &from, NULL) == 0 && record_can_manage(v, &from);
}

int link_list(Db *db, Arena *a, const Viewer *v, int64_t id, Link **out, size_t *n, Err *e)
{
    assert(v && out && n);
    *out = NULL;
    *n = 0;
    Record rec;
    if (record_get(db, a, v, id, &rec, e)) {
        return E_NOTFOUND;
    }
    if (rec.masked) {
        return 0;
    }
    Stmt *s = db_prepare(db, "SELECT l.id, l.type, l.from_id, l.to_id, o.id, o.kind, o.title, l.created_at, "
                             "(SELECT full_name FROM account WHERE id = l.created_by) " LINKS_OF);
    db_bind_int(s, 1, id);
    access_bind(s, v);
    size_t len = 0, cap = 0;
    Link *list = NULL;
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        read_link(s, a, id, arena_push(a, &list, &len, &cap, sizeof *list));
    }
    db_done(s);
    if (rc < 0) {
        return err_set(e, E_DB, "reading the links failed");
    }
    if (len > 1) {
        qsort(list, len, sizeof *list, by_display);
    }
    for (size_t i = 0; i < len; i++) {
        list[i].can_remove = may_remove(db, a, v, &rec, &list[i]);
    }
    *out = list;
    *n = len;
    return 0;
}

int link_count(Db *db, const Viewer *v, int64_t id)
{
    assert(v);
    Stmt *s = db_prepare(db, "SELECT count(*) " LINKS_OF " AND EXISTS (SELECT 1 FROM record t WHERE t.id = ?1 AND "
                             SEES("t") ")");
    db_bind_int(s, 1, id);
    access_bind(s, v);
    int n = db_step(s) == DB_ROW ? (int)db_col_int(s, 0) : 0;
    db_done(s);
    return n;
}

int link_get(Db *db, Arena *a, const Viewer *v, int64_t id, Link *out, Err *e)
{
    assert(v && out);
    Stmt *s = db_prepare(db, "SELECT l.id, l.type, l.from_id, l.to_id, o.id, o.kind, o.title, l.created_at, "
                             "(SELECT full_name FROM account WHERE id = l.created_by) "
                             "FROM record_link l JOIN record f ON f.id = l.from_id JOIN record o ON o.id = l.to_id "
                             "WHERE l.id = ?1 AND " SEES("f") " AND " SEES("o"));
    db_bind_int(s, 1, id);
    access_bind(s, v);
    int rc = db_step(s);
    int64_t from = 0;
    if (rc == DB_ROW) {
        from = db_col_int(s, 2);
        read_link(s, a, from, out);
    }
    db_done(s);
    if (rc < 0) {
        return err_set(e, E_DB, "reading the link failed");
    }
    if (rc == DB_DONE) {
        return err_set(e, E_NOTFOUND, N_("Fant ikke koblingen."));
    }
    Record rec;
    out->can_remove = record_get(db, a, v, from, &rec, NULL) == 0 && may_remove(db, a, v, &rec, out);
    return 0;
}

/* ---- writing ------------------------------------------------------------ */

static int audit_link(Db *db, Arena *a, const Viewer *v, const char *client, const char *action, int64_t link_id,
                      const Record *from, const Record *to, const LinkType *t, Err *e)
{
    char oid[32];
    snprintf(oid, sizeof oid, "%lld", (long long)link_id);
    const char *summary = arena_printf(a, "%s %lld %s %s %lld", from->kind->name, (long long)from->id, t->code,
                                       to->kind ? to->kind->name : "record", (long long)to->id);
    return audit_append(db, v, client, action, "record_link", oid, summary, e);
}

/* The checks of link_add, in its order, with both records read. */
static int check_add(Db *db, Arena *a, const Viewer *v, int64_t from_id, int64_t to_id, const char *type,
                     Record *from, Record *to, Err *e)
{
    if (record_get(db, a, v, from_id, from, e)) {
        return E_NOTFOUND;
    }
    if (!record_can_manage(v, from)) {
        return err_set(e, E_FORBIDDEN, N_("Du har ikke tilgang til å koble denne posten til andre."));
    }
    if (!link_type(type)) {
        return err_set(e, E_INVALID, N_("Velg hva slags kobling det er."));
    }
    if (to_id <= 0) {
        return err_set(e, E_INVALID, N_("Skriv nummeret eller adressen til posten du vil koble til."));
    }
    if (to_id == from_id) {
        return err_set(e, E_INVALID, N_("En post kan ikke kobles til seg selv."));
    }
    if (record_get(db, a, v, to_id, to, NULL) || to->masked) {
        return err_set(e, E_INVALID, N_("Fant ingen post med dette nummeret som du har tilgang til."));
    }
    Stmt *s = db_prepare(db, "SELECT 1 FROM record_link WHERE type = ?3 AND "
                             "((from_id = ?1 AND to_id = ?2) OR (from_id = ?2 AND to_id = ?1))");
    db_bind_int(s, 1, from_id);
    db_bind_int(s, 2, to_id);
    db_bind_text(s, 3, type);
    int rc = db_step(s);
    db_done(s);
    if (rc < 0) {
        return err_set(e, E_DB, "reading the links failed");
    }
    return rc == DB_ROW ? err_set(e, E_CONFLICT, N_("Postene er allerede koblet på denne måten.")) : 0;
}

int link_add(Db *db, const Viewer *v, const char *client, int64_t from_id, int64_t to_id, const char *type,
             int64_t *out_id, Err *e)
{
    assert(v);
    Arena a = {0};
    Record from, to;
    int64_t id = 0;
    int rc = db_begin(db, e);
    if (rc) {
        return E_DB;
    }
    rc = check_add(db, &a, v, from_id, to_id, type, &from, &to, e);
    if (!rc) {
        char now[40];
        time_iso(now, sizeof now);
        Stmt *s = db_prepare(db, "INSERT INTO record_link (from_id, to_id, type, created_at, created_by) "
                                 "VALUES (?1, ?2, ?3, ?4, ?5)");
        db_bind_int(s, 1, from_id);
        db_bind_int(s, 2, to_id);
        db_bind_text(s, 3, type);
        db_bind_text(s, 4, now);
        db_bind_int(s, 5, v->user_id);
        rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, "saving the link failed");
        db_done(s);
        id = rc ? 0 : db_last_id(db);
    }
    if (!rc) {
        rc = audit_link(db, &a, v, client, "link.add", id, &from, &to, link_type(type), e);
    }
    arena_free(&a);
    rc = db_finish(db, rc, e);
    if (out_id) {
        *out_id = rc ? 0 : id;
    }
    return rc;
}

int link_remove(Db *db, const Viewer *v, const char *client, int64_t id, Err *e)
{
    assert(v);
    Arena a = {0};
    Link l;
    Record from, to;
    int rc = db_begin(db, e);
    if (rc) {
        return E_DB;
    }
    rc = link_get(db, &a, v, id, &l, e);
    if (!rc && (record_get(db, &a, v, l.from_id, &from, e) || record_get(db, &a, v, l.to_id, &to, e))) {
        rc = E_NOTFOUND;
    }
    if (!rc && !l.can_remove) {
        rc = err_set(e, E_FORBIDDEN, N_("Du har ikke tilgang til å fjerne denne koblingen."));
    }
    if (!rc) {
        Stmt *s = db_prepare(db, "DELETE FROM record_link WHERE id = ?1");
        db_bind_int(s, 1, id);
        rc = db_step(s) == DB_DONE && db_changes(db) == 1 ? 0 : err_set(e, E_DB, "removing the link failed");
        db_done(s);
    }
    if (!rc) {
        rc = audit_link(db, &a, v, client, "link.remove", id, &from, &to, l.type ? l.type : &g_link_types[0], e);
    }
    arena_free(&a);
    return db_finish(db, rc, e);
}

/* ---- naming the other end ----------------------------------------------- */

/* The number s[0..n) when it is all digits (1–18 of them), else 0. */
static int64_t all_digits(const char *s, size_t n)
{
    if (n == 0 || n > 18) {
        return 0;
    }
    int64_t v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') {
            return 0;
        }
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* The id in path[0..n) when it is prefix + digits, optionally followed by
 * more segments ("/measures/12/history"); else 0. */
static int64_t id_after(const char *path, size_t n, const char *prefix)
{
    size_t k = strlen(prefix);
    if (n <= k || strncmp(path, prefix, k) != 0) {
        return 0;
    }
    size_t len = strcspn(path + k, "/");
    return all_digits(path + k, len < n - k ? len : n - k);
}

int64_t link_target(const char *text)
{
    if (!text) {
        return 0;
    }
    text += strspn(text, " \t\r\n");
    size_t n = strcspn(text, " \t\r\n");
    if (*text == '#') {                       /* "#12" */
        return all_digits(text + 1, n - 1);
    }
    const char *scheme = strstr(text, "://");
    if (scheme && scheme < text + n) {        /* "https://host/measures/12": the path after the host */
        const char *path = memchr(scheme + 3, '/', (size_t)(text + n - (scheme + 3)));
        if (!path) {
            return 0;
        }
        n -= (size_t)(path - text);
        text = path;
    }
    if (*text != '/') {
        return all_digits(text, n);           /* "12" */
    }
    n = strcspn(text, "?#");
    n = n < strcspn(text, " \t\r\n") ? n : strcspn(text, " \t\r\n");
    int64_t id = id_after(text, n, "/r/");
    for (size_t i = 0; !id && i < g_record_nkinds; i++) {
        id = id_after(text, n, g_record_kinds[i]->url);
    }
    return id;
}
