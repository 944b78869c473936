/* problem.c: wicked problems (gjenstridige problemer) — reading, the text
 * form, saving, rights, and the problem as a kind of record. */
#include <string.h>

#include "app/core/access.h"
#include "app/core/audit.h"
#include "app/core/content.h"
#include "app/core/i18n.h"
#include "app/core/textform.h"
#include "app/group/group_int.h"
#include "base/buf.h"
#include "base/util.h"

bool problem_can_create(const Viewer *v)
{
    return v->user_id && !v->read_only &&
           (can(v, CAP_GROUP_ADMIN) || can(v, CAP_READ_MINISTRY) || v->ngroups > 0);
}

/* The core's rule (the owner ministry's secretary general, members of the
 * owning group) and the strategy secretariat, who keeps the community's
 * picture of its problems. */
bool problem_can_manage(const Viewer *v, const Record *rec)
{
    return v->user_id && !v->read_only && !rec->masked &&
           (can(v, CAP_GROUP_ADMIN) ||
            (can(v, CAP_READ_MINISTRY) && v->ministry_id && v->ministry_id == rec->owner_ministry_id) ||
            (rec->owner_group_id && perm_group_role(v, rec->owner_group_id) >= GROUP_ROLE_MEMBER));
}

static int owners_and_goals(Db *db, Arena *a, const Viewer *v, Problem *p)
{
    Stmt *s = db_prepare(db, "SELECT m.code, m.name_nb, m.name_nn, m.name_en FROM problem_ministry pm "
                             "JOIN ministry m ON m.id = pm.ministry_id JOIN record r ON r.id = pm.problem_id "
                             "WHERE pm.problem_id = ?1 ORDER BY m.id <> r.owner_ministry_id, m.name_nb COLLATE nb");
    db_bind_int(s, 1, p->rec.id);
    size_t cap = 0;
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        MinistryOption *m = arena_push(a, &p->owners, &p->nowners, &cap, sizeof *p->owners);
        m->code = db_col_dup(s, 0, a);
        m->name = db_col_dup(s, 1, a);
        m->name_nn = db_col_dup(s, 2, a);
        m->name_en = db_col_dup(s, 3, a);
    }
    db_done(s);
    if (rc < 0) {
        return E_DB;
    }
    s = db_prepare(db, "SELECT g.number, g.name_nb, g.name_nn, g.name_en FROM problem_sdg ps "
                       "JOIN sdg g ON g.number = ps.sdg WHERE ps.problem_id = ?1 ORDER BY g.number");
    db_bind_int(s, 1, p->rec.id);
    cap = 0;
    while ((rc = db_step(s)) == DB_ROW) {
        Sdg *g = arena_push(a, &p->sdgs, &p->nsdgs, &cap, sizeof *p->sdgs);
        g->number = (int)db_col_int(s, 0);
        g->name = db_col_dup(s, 1, a);
        g->name_nn = db_col_dup(s, 2, a);
        g->name_en = db_col_dup(s, 3, a);
    }
    db_done(s);
    if (rc < 0) {
        return E_DB;
    }
    if (p->rec.owner_group_id) {
        s = db_prepare(db, "SELECT " ACCESS_TITLE("r") " FROM record r WHERE r.id = ?1 AND " ACCESS("r"));
        db_bind_int(s, 1, p->rec.owner_group_id);
        access_bind(s, v);
        p->group_title = db_step(s) == DB_ROW ? db_col_dup(s, 0, a) : NULL;
        db_done(s);
    }
    return 0;
}

#define PROBLEM_COLUMNS ACCESS_FIELD("r", "p.description")
#define PROBLEM_FROM " JOIN problem p ON p.id = r.id "

int problem_get(Db *db, Arena *a, const Viewer *v, int64_t id, Problem *out, Err *e)
{
    memset(out, 0, sizeof *out);
    Stmt *s = db_prepare(db, "SELECT " RECORD_COLUMNS ", " PROBLEM_COLUMNS " " RECORD_FROM PROBLEM_FROM
                             "WHERE r.id = ?1 AND " ACCESS("r"));
    db_bind_int(s, 1, id);
    access_bind(s, v);
    int rc = db_step(s);
    if (rc == DB_ROW) {
        record_row(s, a, &out->rec);
        out->description = db_col_dup(s, RECORD_NCOLS, a);
    }
    db_done(s);
    if (rc < 0) {
        return err_set(e, E_DB, "reading the problem failed");
    }
    if (rc != DB_ROW) {
        return err_set(e, E_NOTFOUND, N_("Fant ikke problemet."));
    }
    out->description = out->description ? out->description : "";
    if (!out->rec.masked && owners_and_goals(db, a, v, out)) {
        return err_set(e, E_DB, "reading the problem failed");
    }
    return 0;
}

int problem_list(Db *db, Arena *a, const Viewer *v, const ProblemFilter *f, Problem **out, size_t *n, Err *e)
{
    *out = NULL;
    *n = 0;
    Stmt *s = db_prepare(db,
        "SELECT " RECORD_COLUMNS ", " PROBLEM_COLUMNS " " RECORD_FROM PROBLEM_FROM
        "WHERE " ACCESS("r") " AND (?1 = 0 OR EXISTS (SELECT 1 FROM problem_ministry pm WHERE pm.problem_id = r.id "
        " AND pm.ministry_id = ?1)) AND (?2 = 0 OR r.owner_group_id = ?2) "
        "AND (?3 = 0 OR EXISTS (SELECT 1 FROM problem_sdg ps WHERE ps.problem_id = r.id AND ps.sdg = ?3)) "
        "ORDER BY " ACCESS_TITLE("r") " COLLATE nb");
    db_bind_int(s, 1, f ? f->ministry_id : 0);
    db_bind_int(s, 2, f ? f->group_id : 0);
    db_bind_int(s, 3, f ? f->sdg : 0);
    access_bind(s, v);
    size_t cap = 0;
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        Problem *p = arena_push(a, out, n, &cap, sizeof **out);
        record_row(s, a, &p->rec);
        p->description = db_col_dup(s, RECORD_NCOLS, a);
        p->description = p->description ? p->description : "";
    }
    db_done(s);
    if (rc < 0) {
        return err_set(e, E_DB, "listing problems failed");
    }
    for (size_t i = 0; i < *n; i++) {
        if (!(*out)[i].rec.masked && owners_and_goals(db, a, v, &(*out)[i])) {
            return err_set(e, E_DB, "listing problems failed");
        }
    }
    return 0;
}

/* ---- the text form ----------------------------------------------------------- */

const char *const g_problem_field_names[PF_COUNT] = {
    "title", "description", "owners", "sdgs", "group", "visibility", "exemption_basis", "public_title",
};
const char *const g_problem_field_labels[PF_COUNT] = {
    N_("Tittel"), N_("Beskrivelse"), N_("Eierdepartementer"), N_("Bærekraftsmål"), N_("Eiergruppe"),
    N_("Synlighet"), N_("Unntatt offentlighet"), N_("Offentlig tittel"),
};

int problem_field_index(const char *name)
{
    for (int k = 0; k < PF_COUNT; k++) {
        if (str_eq(g_problem_field_names[k], name)) {
            return k;
        }
    }
    return -1;
}

int problem_text_get(Db *db, Arena *a, const Viewer *v, int64_t id, ProblemText *out, Err *e)
{
    Problem p;
    if (problem_get(db, a, v, id, &p, e)) {
        return E_NOTFOUND;
    }
    if (p.rec.masked) {
        return err_set(e, E_NOTFOUND, N_("Fant ikke problemet."));
    }
    memset(out, 0, sizeof *out);
    const char *title = db_one_text(db, a, "SELECT title FROM record WHERE id = ?1", id);
    out->v[PF_TITLE] = title ? title : "";
    out->v[PF_DESCRIPTION] = p.description;
    Buf b = {0};
    for (size_t i = 0; i < p.nowners; i++) {
        buf_printf(&b, "%s%s", i ? ", " : "", p.owners[i].code);
    }
    out->v[PF_OWNERS] = arena_strdup(a, buf_str(&b));
    buf_reset(&b);
    for (size_t i = 0; i < p.nsdgs; i++) {
        buf_printf(&b, "%s%d", i ? ", " : "", p.sdgs[i].number);
    }
    out->v[PF_SDGS] = arena_strdup(a, buf_str(&b));
    buf_free(&b);
    out->v[PF_GROUP] = p.rec.owner_group_id ? arena_printf(a, "%lld", (long long)p.rec.owner_group_id) : "";
    out->v[PF_VISIBILITY] = p.rec.visibility;
    out->v[PF_EXEMPTION_BASIS] = p.rec.exemption_basis ? p.rec.exemption_basis : "";
    out->v[PF_PUBLIC_TITLE] = p.rec.public_title ? p.rec.public_title : "";
    return 0;
}

/* The owners list keeps its order (the first is the lead), upper case,
 * without duplicates; the goals are sorted by number. */
static const char *canon(Arena *a, int k, const char *v)
{
    if (!v) {
        return NULL;
    }
    if (k == PF_OWNERS) {
        const char **items;
        size_t n = text_split(a, v, ',', &items);
        Buf b = {0};
        for (size_t i = 0; i < n; i++) {
            char *u = arena_strdup(a, items[i]);
            for (char *p = u; *p; p++) {
                *p = (char)(*p >= 'a' && *p <= 'z' ? *p - 32 : *p);
            }
            items[i] = u;
            bool seen = false;
            for (size_t j = 0; j < i; j++) {
                seen |= str_eq(items[j], u);
            }
            if (!seen) {
                buf_printf(&b, "%s%s", b.len ? ", " : "", u);
            }
        }
        const char *out = arena_strdup(a, buf_str(&b));
        buf_free(&b);
        return out;
    }
    if (k == PF_SDGS) {
        const char **items;
        size_t n = text_split(a, v, ',', &items);
        bool on[18] = {0};
        bool bad = false;
        for (size_t i = 0; i < n; i++) {
            long long x;
            if (parse_int(items[i], 1, 17, &x)) {
                on[x] = true;
            } else {
                bad = true;
            }
        }
        if (bad) {
            return v; /* validate says what is wrong */
        }
        Buf b = {0};
        for (int i = 1; i <= 17; i++) {
            if (on[i]) {
                buf_printf(&b, "%s%d", b.len ? ", " : "", i);
            }
        }
        const char *out = arena_strdup(a, buf_str(&b));
        buf_free(&b);
        return out;
    }
    return group_trim(a, v);
}

static size_t validate(Db *db, Arena *a, const Viewer *v, const ProblemText *next, FormProblem **errs)
{
    size_t n = 0, cap = 0;
    *errs = NULL;
    Err e = {0};
    const char *const *f = next->v;
#define ADD(f_, m_)                                                                      \
    do {                                                                                 \
        FormProblem *p_ = arena_push(a, errs, &n, &cap, sizeof **errs);                 \
        p_->field = (f_);                                                                \
        p_->msg = (m_);                                                                  \
    } while (0)
    if (!*f[PF_TITLE]) {
        ADD(PF_TITLE, N_("Tittel må fylles ut."));
    } else if (content_check_text(f[PF_TITLE], 300, false, N_("Tittel"), &e)) {
        ADD(PF_TITLE, arena_strdup(a, e.msg));
    }
    if (content_check_text(f[PF_DESCRIPTION], 20000, true, N_("Beskrivelse"), &e)) {
        ADD(PF_DESCRIPTION, arena_strdup(a, e.msg));
    }
    const char **codes;
    size_t nc = text_split(a, f[PF_OWNERS], ',', &codes);
    if (nc == 0) {
        ADD(PF_OWNERS, N_("Velg minst ett departement som eier problemet."));
    }
    for (size_t i = 0; i < nc; i++) {
        if (!group_ministry_id(db, codes[i])) {
            ADD(PF_OWNERS, N_("Ukjent departement: %s."));
            (*errs)[n - 1].arg = codes[i];
            break;
        }
    }
    const char **goals;
    size_t ng = text_split(a, f[PF_SDGS], ',', &goals);
    for (size_t i = 0; i < ng; i++) {
        long long x;
        if (!parse_int(goals[i], 1, 17, &x)) {
            ADD(PF_SDGS, N_("Bærekraftsmålene har nummer fra 1 til 17."));
            break;
        }
    }
    if (*f[PF_GROUP]) {
        long long gid;
        Group g;
        if (!parse_int(f[PF_GROUP], 1, INT64_MAX, &gid) || group_get(db, a, v, gid, &g, &e)) {
            ADD(PF_GROUP, N_("Fant ikke gruppen."));
        }
    }
    if (record_marking_check(db, f[PF_VISIBILITY], f[PF_EXEMPTION_BASIS], f[PF_PUBLIC_TITLE], &e)) {
        ADD(PF_VISIBILITY, arena_strdup(a, e.msg));
    }
#undef ADD
    return n;
}

static int write_problem(Db *db, Arena *a, int64_t id, const ProblemText *next)
{
    const char **owners, **goals;
    size_t no = text_split(a, next->v[PF_OWNERS], ',', &owners);
    size_t ng = text_split(a, next->v[PF_SDGS], ',', &goals);
    Stmt *s = db_prepare(db, "UPDATE problem SET description = ?2 WHERE id = ?1");
    db_bind_int(s, 1, id);
    db_bind_text(s, 2, next->v[PF_DESCRIPTION]);
    int rc = db_step(s) == DB_DONE ? 0 : E_DB;
    db_done(s);
    s = db_prepare(db, "UPDATE record SET title = ?2, owner_ministry_id = (SELECT id FROM ministry WHERE code = ?3), "
                       "owner_group_id = nullif(CAST(?4 AS INTEGER), 0), visibility = ?5, "
                       "exemption_basis = nullif(?6, ''), public_title = nullif(?7, '') WHERE id = ?1");
    db_bind_int(s, 1, id);
    db_bind_text(s, 2, next->v[PF_TITLE]);
    db_bind_text(s, 3, no ? owners[0] : "");
    db_bind_text(s, 4, next->v[PF_GROUP]);
    db_bind_text(s, 5, next->v[PF_VISIBILITY]);
    db_bind_text(s, 6, next->v[PF_EXEMPTION_BASIS]);
    db_bind_text(s, 7, next->v[PF_PUBLIC_TITLE]);
    rc |= db_step(s) == DB_DONE ? 0 : E_DB;
    db_done(s);
    s = db_prepare(db, "DELETE FROM problem_ministry WHERE problem_id = ?1");
    db_bind_int(s, 1, id);
    rc |= db_step(s) == DB_DONE ? 0 : E_DB;
    db_done(s);
    for (size_t i = 0; !rc && i < no; i++) {
        s = db_prepare(db, "INSERT INTO problem_ministry (problem_id, ministry_id) "
                           "VALUES (?1, (SELECT id FROM ministry WHERE code = ?2))");
        db_bind_int(s, 1, id);
        db_bind_text(s, 2, owners[i]);
        rc |= db_step(s) == DB_DONE ? 0 : E_DB;
        db_done(s);
    }
    s = db_prepare(db, "DELETE FROM problem_sdg WHERE problem_id = ?1");
    db_bind_int(s, 1, id);
    rc |= db_step(s) == DB_DONE ? 0 : E_DB;
    db_done(s);
    for (size_t i = 0; !rc && i < ng; i++) {
        s = db_prepare(db, "INSERT INTO problem_sdg (problem_id, sdg) VALUES (?1, CAST(?2 AS INTEGER))");
        db_bind_int(s, 1, id);
        db_bind_text(s, 2, goals[i]);
        rc |= db_step(s) == DB_DONE ? 0 : E_DB;
        db_done(s);
    }
    return rc;
}

static int save(Db *db, Arena *a, const Viewer *v, const char *client, int64_t id, const ProblemText *in,
                int64_t expect_version, const char *comment, int64_t *out_id, FormProblem **errs, size_t *nerr,
                Err *e)
{
    ProblemText old = {0}, next = {0};
    Problem cur = {0};
    if (id) {
        if (problem_get(db, a, v, id, &cur, e) || problem_text_get(db, a, v, id, &old, e)) {
            return err_set(e, E_NOTFOUND, N_("Fant ikke problemet."));
        }
        if (!problem_can_manage(v, &cur.rec)) {
            return err_set(e, E_FORBIDDEN, N_("Du har ikke tilgang til å endre dette problemet."));
        }
    } else if (!problem_can_create(v)) {
        return err_set(e, E_FORBIDDEN, N_("Du har ikke tilgang til å registrere problemer."));
    }
    if (comment && content_check_text(comment, 2000, true, N_("Kommentaren"), e)) {
        return E_INVALID;
    }
    for (int k = 0; k < PF_COUNT; k++) {
        const char *given = canon(a, k, in->v[k]);
        const char *was = id ? canon(a, k, old.v[k]) : (k == PF_VISIBILITY ? "internal" : "");
        next.v[k] = given ? given : (was ? was : "");
    }
    *nerr = validate(db, a, v, &next, errs);
    if (*nerr) {
        return err_set(e, E_INVALID, "%s", (*errs)[0].msg);
    }
    /* Creating or moving a problem into a group: only its members (or those
     * who manage problems anyway) may put things in a group. */
    if (*next.v[PF_GROUP] && !str_eq(next.v[PF_GROUP], old.v[PF_GROUP])) {
        long long gid = 0;
        parse_int(next.v[PF_GROUP], 1, INT64_MAX, &gid);
        if (perm_group_role(v, gid) < GROUP_ROLE_MEMBER && !can(v, CAP_GROUP_ADMIN)) {
            return err_set(e, E_FORBIDDEN, N_("Bare gruppens medlemmer kan legge problemer i gruppen."));
        }
    }
    FieldChange *changes = arena_alloc(a, PF_COUNT * sizeof *changes);
    size_t nchanges = text_diff(g_problem_field_names, id ? old.v : (const char *const[PF_COUNT]){0}, next.v,
                                PF_COUNT, NULL, changes);
    if (nchanges == 0) {
        return 0;
    }
    if (id && expect_version && cur.rec.version != expect_version) {
        return err_set(e, E_CONFLICT, N_("Problemet er endret av noen andre siden du åpnet det. Last siden på nytt og "
                                         "gjør endringen igjen."));
    }
    int rc;
    if (!id) {
        RecordInit ri = {.title = next.v[PF_TITLE], .visibility = next.v[PF_VISIBILITY],
                         .exemption_basis = next.v[PF_EXEMPTION_BASIS], .public_title = next.v[PF_PUBLIC_TITLE]};
        if ((rc = record_create(db, v, "problem", &ri, &id, e))) {
            return rc;
        }
        Stmt *s = db_prepare(db, "INSERT INTO problem (id) VALUES (?1)");
        db_bind_int(s, 1, id);
        rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, N_("Lagring feilet."));
        db_done(s);
        if (rc) {
            return rc;
        }
        *out_id = id;
    }
    if (write_problem(db, a, id, &next)) {
        return err_set(e, E_DB, N_("Lagring feilet."));
    }
    /* The problem must stay readable by the one who saved it. */
    if (!record_can_read(db, v, id)) {
        return err_set(e, E_INVALID, N_("Med denne tilgangen ville du selv mistet tilgang til problemet. Velg en "
                                        "eiergruppe du er med i, eller et annet eierdepartement."));
    }
    rc = record_version_add(db, v, id, changes, nchanges, comment, e);
    if (!rc) {
        rc = audit_append(db, v, client, cur.rec.id ? "problem.update" : "problem.create", "problem",
                          arena_printf(a, "%lld", (long long)id), next.v[PF_TITLE], e);
    }
    return rc;
}

int problem_save(Db *db, Arena *a, const Viewer *v, const char *client, int64_t id, const ProblemText *in,
                 int64_t expect_version, const char *comment, int64_t *out_id, FormProblem **errs, size_t *nerr,
                 Err *e)
{
    *errs = NULL;
    *nerr = 0;
    *out_id = id;
    if (expect_version < 0) {
        return err_set(e, E_INVALID, N_("Ugyldig versjon."));
    }
    if (db_begin(db, e)) {
        return E_DB;
    }
    int rc = db_finish(db, save(db, a, v, client, id, in, expect_version, comment, out_id, errs, nerr, e), e);
    if (rc) {
        *out_id = id;
    }
    return rc;
}

/* ---- the problem as a kind of record ----------------------------------------- */

static const char *problem_field_label(const char *field)
{
    int k = problem_field_index(field);
    return k >= 0 ? g_problem_field_labels[k] : field;
}

static int problem_sample(Db *db, int64_t id, Err *e)
{
    Stmt *s = db_prepare(db, "INSERT INTO problem (id) VALUES (?1)");
    db_bind_int(s, 1, id);
    int rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, "inserting a sample problem failed");
    db_done(s);
    return rc;
}

static int problem_restore(Db *db, Arena *a, const Viewer *v, const char *client, int64_t id,
                           const FieldChange *fields, size_t n, const char *comment, Err *e)
{
    ProblemText t = {0};
    for (size_t i = 0; i < n; i++) {
        int k = problem_field_index(fields[i].field);
        if (k >= 0) {
            t.v[k] = fields[i].to ? fields[i].to : "";
        }
    }
    FormProblem *errs;
    size_t nerr;
    int64_t out;
    return problem_save(db, a, v, client, id, &t, 0, comment, &out, &errs, &nerr, e);
}

/* Search: the description. */
static int problem_search_text(Db *db, Arena *a, int64_t id, SearchText *out, Err *e)
{
    out->body = db_one_text(db, a, "SELECT description FROM problem WHERE id = ?1", id);
    (void)e;
    return 0;
}

static const RecordKind g_problem_kind = {
    .name = "problem", .table = "problem", .label = N_("gjenstridig problem"), .url = "/problems/",
    .can_manage = problem_can_manage, .field_label = problem_field_label, .sample = problem_sample,
    .restore = problem_restore, .search_text = problem_search_text,
};
RECORD_KIND(g_problem_kind)
