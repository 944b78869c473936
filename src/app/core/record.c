/* record.c: see record.h.  The registry, reading a record as a viewer may
 * see it, creating the record row, versions and history, and marking and
 * grants («Hvem har tilgang»). */
#include "app/core/record.h"

#include <assert.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/core/access.h"
#include "app/core/audit.h"
#include "app/core/content.h"
#include "app/core/i18n.h"
#include "app/core/search.h"
#include "base/util.h"

const RecordKind *g_record_kinds[RECORD_MAX_KINDS];
size_t g_record_nkinds;

void record_kind_register(const RecordKind *k)
{
    if (!k || !k->name || !k->table || !k->url || g_record_nkinds == RECORD_MAX_KINDS || record_kind(k->name)) {
        fprintf(stderr, "samla: record kind %s registered twice or malformed\n", k && k->name ? k->name : "?");
        abort();
    }
    g_record_kinds[g_record_nkinds++] = k;
}

const RecordKind *record_kind(const char *name)
{
    for (size_t i = 0; i < g_record_nkinds; i++) {
        if (str_eq(g_record_kinds[i]->name, name)) {
            return g_record_kinds[i];
        }
    }
    return NULL;
}

const char *record_url(Arena *a, const RecordKind *k, int64_t id)
{
    return arena_printf(a, "%s%lld", k ? k->url : "/r/", (long long)id);
}

/* ---- reading ------------------------------------------------------------ */

void record_row(Stmt *s, Arena *a, Record *out)
{
    memset(out, 0, sizeof *out);
    out->id = db_col_int(s, 0);
    out->kind = record_kind(db_col_text(s, 1));
    out->title = db_col_dup(s, 2, a);
    out->owner_ministry_id = db_col_int(s, 3);
    out->owner_code = db_col_dup(s, 4, a);
    out->owner_name = db_col_dup(s, 5, a);
    out->owner_group_id = db_col_int(s, 6);
    out->visibility = db_col_dup(s, 7, a);
    out->exemption_basis = db_col_dup(s, 8, a);
    out->exemption_label = db_col_dup(s, 9, a);
    out->public_title = db_col_dup(s, 10, a);
    out->masked = db_col_int(s, 11) != 0;
    out->version = (int)db_col_int(s, 12);
    out->created_at = db_col_dup(s, 13, a);
    out->created_by = db_col_dup(s, 14, a);
    out->updated_at = db_col_dup(s, 15, a);
    out->updated_by = db_col_dup(s, 16, a);
    out->owner_name_nn = db_col_dup(s, 17, a);
    out->owner_name_en = db_col_dup(s, 18, a);
    if (!out->title) {
        out->title = "";
    }
}

int record_get(Db *db, Arena *a, const Viewer *v, int64_t id, Record *out, Err *e)
{
    Stmt *s = db_prepare(db, "SELECT " RECORD_COLUMNS " " RECORD_FROM " WHERE r.id = ?1 AND " ACCESS("r"));
    db_bind_int(s, 1, id);
    access_bind(s, v);
    int rc = db_step(s);
    memset(out, 0, sizeof *out);
    if (rc == DB_ROW) {
        record_row(s, a, out);
    }
    db_done(s);
    if (rc < 0) {
        return err_set(e, E_DB, "reading the record failed");
    }
    if (rc == DB_DONE || !out->kind) {
        return err_set(e, E_NOTFOUND, "no record %lld", (long long)id);
    }
    return 0;
}

bool record_can_read(Db *db, const Viewer *v, int64_t id)
{
    Stmt *s = db_prepare(db, "SELECT 1 FROM record r WHERE r.id = ?1 AND " ACCESS("r"));
    db_bind_int(s, 1, id);
    access_bind(s, v);
    bool yes = db_step(s) == DB_ROW;
    db_done(s);
    return yes;
}

static bool default_can_manage(const Viewer *v, const Record *rec)
{
    return (can(v, CAP_READ_MINISTRY) && rec->owner_ministry_id && rec->owner_ministry_id == v->ministry_id) ||
           (rec->owner_group_id && perm_group_role(v, rec->owner_group_id) >= GROUP_ROLE_MEMBER);
}

bool record_can_manage(const Viewer *v, const Record *rec)
{
    if (!v || !v->user_id || v->read_only || !rec || !rec->kind || rec->masked) {
        return false;
    }
    return rec->kind->can_manage ? rec->kind->can_manage(v, rec) : default_can_manage(v, rec);
}

/* ---- creating and versions ---------------------------------------------- */

static bool visibility_valid(const char *vis)
{
    return str_eq(vis, "public") || str_eq(vis, "internal") || str_eq(vis, "restricted");
}

bool exemption_basis_valid(Db *db, const char *code)
{
    Stmt *s = db_prepare(db, "SELECT 1 FROM exemption_basis WHERE code = ?1");
    db_bind_text(s, 1, code);
    bool ok = db_step(s) == DB_ROW;
    db_done(s);
    return ok;
}

/* Check a marking: visibility, basis and public title (NULL or "": none). */
static const char *or_null(const char *s)
{
    return s && *s ? s : NULL;
}

int record_marking_check(Db *db, const char *vis, const char *basis, const char *ptitle, Err *e)
{
    basis = or_null(basis);
    ptitle = or_null(ptitle);
    if (!visibility_valid(vis)) {
        return err_set(e, E_INVALID, N_("Ugyldig synlighet. Velg åpen, intern eller begrenset tilgang."));
    }
    if (basis && !exemption_basis_valid(db, basis)) {
        return err_set(e, E_INVALID, N_("Ukjent hjemmel for unntak fra offentlighet."));
    }
    if (ptitle && content_check_text(ptitle, 300, false, N_("Offentlig tittel"), e)) {
        return E_INVALID;
    }
    if (ptitle && !basis) {
        return err_set(e, E_INVALID, N_("Offentlig tittel brukes bare når innholdet er unntatt offentlighet."));
    }
    return 0;
}

int record_create(Db *db, const Viewer *actor, const char *kind, const RecordInit *in, int64_t *id, Err *e)
{
    assert(kind && in && id);
    if (!record_kind(kind)) {
        return err_set(e, E_INVALID, "unknown record kind %s", kind);
    }
    const char *vis = in->visibility ? in->visibility : "internal";
    const char *basis = or_null(in->exemption_basis), *ptitle = or_null(in->public_title);
    if (!in->title || !in->title[strspn(in->title, " \t")]) {
        return err_set(e, E_INVALID, N_("Tittel må fylles ut."));
    }
    if (content_check_text(in->title, 300, false, N_("Tittel"), e) || record_marking_check(db, vis, basis, ptitle, e)) {
        return E_INVALID;
    }
    if (in->owner_group_id && !db_exists(db, "SELECT 1 FROM record WHERE id = ?1 AND kind = 'group'", in->owner_group_id)) {
        return err_set(e, E_INVALID, N_("Gruppen finnes ikke."));
    }
    char now[32];
    time_iso(now, sizeof now);
    Stmt *s = db_prepare(db, "INSERT INTO record (kind, title, owner_ministry_id, visibility, exemption_basis, "
                             "public_title, created_at, created_by, version, owner_group_id) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 0, ?9)");
    db_bind_text(s, 1, kind);
    db_bind_text(s, 2, in->title);
    if (in->owner_ministry_id) {
        db_bind_int(s, 3, in->owner_ministry_id);
    }
    db_bind_text(s, 4, vis);
    db_bind_text(s, 5, basis);
    db_bind_text(s, 6, ptitle);
    db_bind_text(s, 7, now);
    if (actor && actor->user_id) {
        db_bind_int(s, 8, actor->user_id);
    }
    if (in->owner_group_id) {
        db_bind_int(s, 9, in->owner_group_id);
    }
    int rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, "creating the record failed");
    db_done(s);
    *id = rc ? 0 : db_last_id(db);
    return rc;
}

static const char *changes_json(const FieldChange *ch, size_t n)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(arr, json_pack("{s:s,s:s,s:s}", "field", ch[i].field, "from",
                                             ch[i].from ? ch[i].from : "", "to", ch[i].to ? ch[i].to : ""));
    }
    char *out = json_dumps(arr, JSON_COMPACT);
    json_decref(arr);
    return out;
}

int record_version_add(Db *db, const Viewer *actor, int64_t id, const FieldChange *ch, size_t n,
                       const char *comment, Err *e)
{
    char now[32];
    time_iso(now, sizeof now);
    int version = (int)db_one_int(db, "SELECT version FROM record WHERE id = ?1", id, 0) + 1;
    int64_t uid = actor ? actor->user_id : 0;
    Stmt *s = db_prepare(db, "UPDATE record SET version = ?2, updated_at = CASE WHEN ?2 > 1 THEN ?3 END, "
                             "updated_by = CASE WHEN ?2 > 1 AND ?4 <> 0 THEN ?4 END WHERE id = ?1");
    db_bind_int(s, 1, id);
    db_bind_int(s, 2, version);
    db_bind_text(s, 3, now);
    db_bind_int(s, 4, uid);
    int rc = db_step(s) == DB_DONE && db_changes(db) == 1 ? 0 : err_set(e, E_DB, "updating the record failed");
    db_done(s);
    if (rc) {
        return rc;
    }
    char *json = (char *)changes_json(ch, n);
    s = db_prepare(db, "INSERT INTO record_version (record_id, version, at, actor_id, actor, comment, changes) "
                       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    db_bind_int(s, 1, id);
    db_bind_int(s, 2, version);
    db_bind_text(s, 3, now);
    if (uid) {
        db_bind_int(s, 4, uid);
    }
    db_bind_text(s, 5, actor ? actor->username : "cli");
    db_bind_text(s, 6, comment ? comment : "");
    db_bind_text(s, 7, json);
    rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, "writing the version failed");
    db_done(s);
    free(json);
    return rc ? rc : search_index_record(db, id, e);
}

int record_versions(Db *db, Arena *a, const Viewer *v, int64_t id, RecordVersion **out, size_t *n, Err *e)
{
    *out = NULL;
    *n = 0;
    Record rec;
    if (record_get(db, a, v, id, &rec, e)) {
        return E_NOTFOUND;
    }
    if (rec.masked) {
        return err_set(e, E_NOTFOUND, "no record %lld", (long long)id);
    }
    /* People by name with their ministry, «Sigrid Strand (DFD)», not by username. */
    Stmt *s = db_prepare(db, "SELECT x.version, x.at, x.actor, u.full_name || ifnull(' (' || (SELECT code FROM ministry "
                             "WHERE id = u.ministry_id) || ')', ''), x.comment, x.changes "
                             "FROM record_version x LEFT JOIN account u ON u.id = x.actor_id "
                             "WHERE x.record_id = ?1 ORDER BY x.version DESC");
    db_bind_int(s, 1, id);
    size_t len = 0, cap = 0;
    RecordVersion *list = NULL;
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        RecordVersion *x = arena_push(a, &list, &len, &cap, sizeof *list);
        x->version = (int)db_col_int(s, 0);
        x->at = db_col_dup(s, 1, a);
        x->actor = db_col_dup(s, 2, a);
        x->actor_name = db_col_dup(s, 3, a);
        x->comment = db_col_dup(s, 4, a);
        json_t *arr = json_loads(db_col_text(s, 5), 0, NULL);
        size_t nc = json_is_array(arr) ? json_array_size(arr) : 0;
        x->changes = nc ? arena_alloc(a, nc * sizeof *x->changes) : NULL;
        for (size_t i = 0; i < nc; i++) {
            json_t *c = json_array_get(arr, i);
            x->changes[i].field = arena_strdup(a, json_string_value(json_object_get(c, "field")));
            x->changes[i].from = arena_strdup(a, json_string_value(json_object_get(c, "from")));
            x->changes[i].to = arena_strdup(a, json_string_value(json_object_get(c, "to")));
        }
        x->nchanges = nc;
        json_decref(arr);
    }
    db_done(s);
    *out = list;
    *n = len;
    return rc < 0 ? err_set(e, E_DB, "reading the history failed") : 0;
}

int record_restore(Db *db, Arena *a, const Viewer *v, const char *client, int64_t id, int version, Err *e)
{
    Record rec;
    RecordVersion *x;
    size_t n;
    if (record_get(db, a, v, id, &rec, e) || record_versions(db, a, v, id, &x, &n, e)) {
        return E_NOTFOUND;
    }
    if (!rec.kind->restore) {
        return err_set(e, E_INVALID, N_("Dette innholdet kan ikke gjenopprettes fra historikken."));
    }
    if (version < 1 || version >= rec.version) {
        return err_set(e, E_INVALID, N_("Velg en tidligere versjon å gjenopprette."));
    }
    /* Walk back from the newest version: each change since `version`
     * gives its field the value it had before, so the oldest such change
     * leaves the value of `version`. */
    FieldChange *vals = NULL;
    size_t nv = 0, cap = 0;
    for (size_t i = 0; i < n && x[i].version > version; i++) {
        for (size_t k = 0; k < x[i].nchanges; k++) {
            size_t j = 0;
            while (j < nv && !str_eq(vals[j].field, x[i].changes[k].field)) {
                j++;
            }
            if (j == nv) {
                arena_push(a, &vals, &nv, &cap, sizeof *vals);
                vals[j].field = x[i].changes[k].field;
            }
            vals[j].from = NULL;
            vals[j].to = x[i].changes[k].from;
        }
    }
    if (nv == 0) {
        return 0;
    }
    return rec.kind->restore(db, a, v, client, id, vals, nv,
                             i18n_printf(a, LANG_NB, N_("Gjenopprettet versjon %d."), version), e);
}

/* ---- marking and grants ------------------------------------------------- */

/* Read record id for a change by v: it exists, v may read and manage it. */
static int load_managed(Db *db, Arena *a, const Viewer *v, int64_t id, Record *rec, Err *e)
{
    if (record_get(db, a, v, id, rec, e)) {
        return E_NOTFOUND;
    }
    if (!record_can_manage(v, rec)) {
        return err_set(e, E_FORBIDDEN, N_("Du har ikke tilgang til å endre hvem som har tilgang."));
    }
    return 0;
}

static int audit_record(Db *db, const Viewer *v, const char *client, const Record *rec, const char *what,
                        const char *summary, Err *e)
{
    char oid[32], action[64];
    snprintf(oid, sizeof oid, "%lld", (long long)rec->id);
    snprintf(action, sizeof action, "%s.%s", rec->kind->name, what);
    return audit_append(db, v, client, action, rec->kind->name, oid, summary, e);
}

static int set_access(Db *db, Arena *a, const Viewer *v, const char *client, const Record *old, const char *vis,
                      const char *basis, const char *ptitle, Err *e)
{
    Stmt *s = db_prepare(db, "UPDATE record SET visibility = ?2, exemption_basis = ?3, public_title = ?4 "
                             "WHERE id = ?1");
    db_bind_int(s, 1, old->id);
    db_bind_text(s, 2, vis);
    db_bind_text(s, 3, basis);
    db_bind_text(s, 4, ptitle);
    int rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, "saving the marking failed");
    db_done(s);
    FieldChange ch[3];
    size_t n = 0;
    if (!str_eq(old->visibility, vis)) {
        ch[n++] = (FieldChange){"visibility", old->visibility, vis};
    }
    if (!str_eq(old->exemption_basis, basis)) {
        ch[n++] = (FieldChange){"exemption_basis", old->exemption_basis ? old->exemption_basis : "",
                                basis ? basis : ""};
    }
    if (!str_eq(old->public_title, ptitle)) {
        ch[n++] = (FieldChange){"public_title", old->public_title ? old->public_title : "", ptitle ? ptitle : ""};
    }
    if (rc || n == 0) {
        return rc;
    }
    if ((rc = record_version_add(db, v, old->id, ch, n, "", e))) {
        return rc;
    }
    char *summary = arena_printf(a, "%s → %s; exemption %s → %s", old->visibility, vis,
                                 old->exemption_basis ? old->exemption_basis : "none", basis ? basis : "none");
    return audit_record(db, v, client, old, "access", summary, e);
}

int record_set_access(Db *db, const Viewer *v, const char *client, int64_t id, const char *visibility,
                      const char *basis, const char *public_title, Err *e)
{
    basis = or_null(basis);
    public_title = or_null(public_title);
    Arena a = {0};
    Record old;
    int rc = db_begin(db, e);
    if (!rc) {
        /* Rights first: whoever may not change the record learns nothing
         * from the validation of what they sent. */
        rc = load_managed(db, &a, v, id, &old, e);
        if (!rc && record_marking_check(db, visibility, basis, public_title, e)) {
            rc = E_INVALID;
        }
        if (!rc) {
            rc = set_access(db, &a, v, client, &old, visibility, basis, public_title, e);
        }
        rc = db_finish(db, rc, e);
    }
    arena_free(&a);
    return rc;
}

int record_grants(Db *db, Arena *a, const Viewer *v, int64_t id, AccessGrant **out, size_t *n, Err *e)
{
    *out = NULL;
    *n = 0;
    if (!record_can_read(db, v, id)) {
        return err_set(e, E_NOTFOUND, "no record %lld", (long long)id);
    }
    Stmt *s = db_prepare(db, "SELECT g.id, mi.code, mi.name_nb, u.username, u.full_name, g.granted_at, gb.full_name, "
                             "mi.name_nn, mi.name_en "
                             "FROM access_grant g LEFT JOIN ministry mi ON mi.id = g.ministry_id "
                             "LEFT JOIN account u ON u.id = g.user_id LEFT JOIN account gb ON gb.id = g.granted_by "
                             "WHERE g.record_id = ?1 "
                             "ORDER BY g.ministry_id IS NULL, mi.name_nb COLLATE nb, u.full_name COLLATE nb");
    db_bind_int(s, 1, id);
    size_t len = 0, cap = 0;
    AccessGrant *list = NULL;
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        AccessGrant *g = arena_push(a, &list, &len, &cap, sizeof *list);
        g->id = db_col_int(s, 0);
        g->ministry_code = db_col_dup(s, 1, a);
        g->ministry_name = db_col_dup(s, 2, a);
        g->username = db_col_dup(s, 3, a);
        g->full_name = db_col_dup(s, 4, a);
        g->granted_at = db_col_dup(s, 5, a);
        g->granted_by = db_col_dup(s, 6, a);
        g->ministry_name_nn = db_col_dup(s, 7, a);
        g->ministry_name_en = db_col_dup(s, 8, a);
    }
    db_done(s);
    *out = list;
    *n = len;
    return rc < 0 ? err_set(e, E_DB, "reading the grants failed") : 0;
}

static int insert_grant(Db *db, Arena *a, const Viewer *v, const char *client, const Record *rec,
                        const char *ministry_code, const char *username, Err *e)
{
    Stmt *s = db_prepare(db, ministry_code ? "SELECT id FROM ministry WHERE code = ?1 AND valid_to IS NULL"
                                           : "SELECT id FROM account WHERE username = ?1 AND active = 1");
    db_bind_text(s, 1, ministry_code ? ministry_code : username);
    int64_t who = db_step(s) == DB_ROW ? db_col_int(s, 0) : 0;
    db_done(s);
    if (!who) {
        return err_set(e, E_INVALID, ministry_code ? N_("Ukjent departement.") : N_("Ukjent bruker."));
    }
    s = db_prepare(db, "SELECT 1 FROM access_grant WHERE record_id = ?1 AND (ministry_id = ?2 OR user_id = ?3)");
    db_bind_int(s, 1, rec->id);
    db_bind_int(s, 2, ministry_code ? who : -1);
    db_bind_int(s, 3, ministry_code ? -1 : who);
    bool exists = db_step(s) == DB_ROW;
    db_done(s);
    if (exists) {
        return err_set(e, E_CONFLICT, N_("Tilgangen er allerede gitt."));
    }
    char now[32];
    time_iso(now, sizeof now);
    s = db_prepare(db, "INSERT INTO access_grant (record_id, ministry_id, user_id, granted_by, granted_at) "
                       "VALUES (?1, ?2, ?3, ?4, ?5)");
    db_bind_int(s, 1, rec->id);
    if (ministry_code) {
        db_bind_int(s, 2, who);
    } else {
        db_bind_int(s, 3, who);
    }
    if (v && v->user_id) {
        db_bind_int(s, 4, v->user_id);
    }
    db_bind_text(s, 5, now);
    int rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, "saving the grant failed");
    db_done(s);
    if (rc) {
        return rc;
    }
    char *summary = arena_printf(a, "access given to %s %s", ministry_code ? "ministry" : "user",
                                 ministry_code ? ministry_code : username);
    return audit_record(db, v, client, rec, "grant", summary, e);
}

int record_grant_add(Db *db, const Viewer *v, const char *client, int64_t id, const char *ministry_code,
                     const char *username, Err *e)
{
    ministry_code = or_null(ministry_code);
    username = or_null(username);
    Arena a = {0};
    Record rec;
    int rc = db_begin(db, e);
    if (!rc) {
        rc = load_managed(db, &a, v, id, &rec, e);
        if (!rc && !ministry_code && !username) {
            rc = err_set(e, E_INVALID, N_("Velg et departement eller skriv et brukernavn."));
        } else if (!rc && ministry_code && username) {
            rc = err_set(e, E_INVALID, N_("Velg et departement eller skriv et brukernavn, ikke begge."));
        }
        if (!rc) {
            rc = insert_grant(db, &a, v, client, &rec, ministry_code, username, e);
        }
        rc = db_finish(db, rc, e);
    }
    arena_free(&a);
    return rc;
}

int record_grant_remove(Db *db, const Viewer *v, const char *client, int64_t id, int64_t grant_id, Err *e)
{
    Arena a = {0};
    Record rec;
    int rc = db_begin(db, e);
    if (!rc) {
        rc = load_managed(db, &a, v, id, &rec, e);
        if (!rc) {
            Stmt *s = db_prepare(db, "DELETE FROM access_grant WHERE id = ?1 AND record_id = ?2");
            db_bind_int(s, 1, grant_id);
            db_bind_int(s, 2, id);
            rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, "removing the grant failed");
            db_done(s);
            if (!rc && db_changes(db) != 1) {
                rc = err_set(e, E_NOTFOUND, N_("Tilgangen finnes ikke."));
            }
            if (!rc) {
                rc = audit_record(db, v, client, &rec, "grant_remove",
                                  arena_printf(&a, "grant %lld removed", (long long)grant_id), e);
            }
        }
        rc = db_finish(db, rc, e);
    }
    arena_free(&a);
    return rc;
}

int exemption_basis_list(Db *db, Arena *a, ExemptionBasis **out, size_t *n, Err *e)
{
    Stmt *s = db_prepare(db, "SELECT code, label, description FROM exemption_basis ORDER BY position");
    size_t len = 0, cap = 0;
    ExemptionBasis *v = NULL;
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        ExemptionBasis *x = arena_push(a, &v, &len, &cap, sizeof *v);
        x->code = db_col_dup(s, 0, a);
        x->label = db_col_dup(s, 1, a);
        x->description = db_col_dup(s, 2, a);
    }
    db_done(s);
    *out = v;
    *n = len;
    return rc < 0 ? err_set(e, E_DB, "reading exemption bases failed") : 0;
}

int record_ministry_options(Db *db, Arena *a, MinistryOption **out, size_t *n, Err *e)
{
    Stmt *s = db_prepare(db, "SELECT code, name_nb, name_nn, name_en FROM ministry WHERE valid_to IS NULL "
                             "ORDER BY name_nb COLLATE nb");
    size_t len = 0, cap = 0;
    MinistryOption *v = NULL;
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        MinistryOption *x = arena_push(a, &v, &len, &cap, sizeof *v);
        x->code = db_col_dup(s, 0, a);
        x->name = db_col_dup(s, 1, a);
        x->name_nn = db_col_dup(s, 2, a);
        x->name_en = db_col_dup(s, 3, a);
    }
    db_done(s);
    *out = v;
    *n = len;
    return rc < 0 ? err_set(e, E_DB, "reading ministries failed") : 0;
}
