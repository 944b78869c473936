/* group.c: groups — reading, the text form, saving, closing, rights, and
 * the group as a kind of record.  Membership is in group_member.c, the
 * ladder in ladder.c, problems in problem.c. */
#include "app/group/group.h"

#include <string.h>

#include "app/core/access.h"
#include "app/core/audit.h"
#include "app/core/content.h"
#include "app/core/i18n.h"
#include "app/core/textform.h"
#include "app/group/group_int.h"
#include "base/buf.h"
#include "base/util.h"

const char *const g_group_kinds[] = {"core", "sprint", "working", NULL};
const char *const g_group_phases[] = {"explore", "test", "recommend", NULL};
const char *const g_group_roles[] = {"leader", "secretariat", "member", "observer", NULL};

static const char *const step_labels[] = {
    NULL, N_("Dele informasjon"), N_("Felles problemforståelse"), N_("Unngå å svekke hverandres måloppnåelse"),
    N_("Felles plan og tiltak"),
};

const char *ladder_step_label(int step)
{
    return step >= 1 && step <= LADDER_STEPS ? step_labels[step] : "";
}

const char *ladder_step_short(int step)
{
    static const char *const shorts[] = {NULL, N_("Informasjon"), N_("Problemforståelse"), N_("Måloppnåelse"),
                                         N_("Felles plan")};
    return step >= 1 && step <= LADDER_STEPS ? shorts[step] : "";
}

const char *group_kind_label(const char *kind)
{
    return str_eq(kind, "core")     ? N_("Kjernegruppe")
           : str_eq(kind, "sprint") ? N_("Sprintgruppe")
           : str_eq(kind, "working") ? N_("Arbeidsgruppe")
                                     : "";
}

const char *group_kind_plural(const char *kind)
{
    return str_eq(kind, "core")     ? N_("Kjernegrupper")
           : str_eq(kind, "sprint") ? N_("Sprintgrupper")
           : str_eq(kind, "working") ? N_("Arbeidsgrupper")
                                     : "";
}

const char *group_phase_label(const char *phase)
{
    return str_eq(phase, "explore")     ? N_("Utforske")
           : str_eq(phase, "test")      ? N_("Teste")
           : str_eq(phase, "recommend") ? N_("Anbefale")
                                        : "";
}

const char *group_role_label(const char *role)
{
    return str_eq(role, "leader")        ? N_("Leder")
           : str_eq(role, "secretariat") ? N_("Sekretariat")
           : str_eq(role, "member")      ? N_("Medlem")
           : str_eq(role, "observer")    ? N_("Observatør")
                                         : "";
}

bool group_code_valid(const char *const *codes, const char *code)
{
    for (size_t i = 0; codes[i]; i++) {
        if (str_eq(codes[i], code)) {
            return true;
        }
    }
    return false;
}

/* ---- rights ---------------------------------------------------------------- */

static bool admin_of(const Viewer *v, int64_t owner_ministry_id)
{
    return can(v, CAP_GROUP_ADMIN) || (can(v, CAP_READ_MINISTRY) && v->ministry_id && v->ministry_id == owner_ministry_id);
}

bool group_can_create(const Viewer *v)
{
    return v->user_id && !v->read_only && (can(v, CAP_GROUP_ADMIN) || can(v, CAP_READ_MINISTRY));
}

bool group_can_edit(const Viewer *v, const Group *g)
{
    return v->user_id && !v->read_only && !g->rec.masked &&
           (perm_group_role(v, g->rec.id) >= GROUP_ROLE_MEMBER || admin_of(v, g->rec.owner_ministry_id));
}

bool group_can_manage(const Viewer *v, const Record *rec)
{
    return v->user_id && !v->read_only && !rec->masked &&
           (perm_group_role(v, rec->id) >= GROUP_ROLE_SECRETARIAT || admin_of(v, rec->owner_ministry_id));
}

/* ---- reading --------------------------------------------------------------- */

/* The group's own columns after RECORD_COLUMNS; ?5 is today. */
#define GROUP_COLUMNS                                                                                         \
    "g.kind, " ACCESS_FIELD("r", "g.mandate") ", g.start_on, g.end_on, g.phase, g.presented_on, g.closed_on, "   \
    ACCESS_FIELD("r", "g.result_explored") ", " ACCESS_FIELD("r", "g.result_recommendation") ", "            \
    ACCESS_FIELD("r", "g.result_next_step") ", tb.code, tb.name_nb, "                                         \
    "(SELECT c.step FROM ladder_change c WHERE c.group_id = g.id AND c.ministry_id IS NULL "                  \
    " ORDER BY c.on_date DESC, c.id DESC LIMIT 1), "                                                          \
    "(SELECT c.target FROM ladder_change c WHERE c.group_id = g.id AND c.ministry_id IS NULL "                \
    " ORDER BY c.on_date DESC, c.id DESC LIMIT 1), "                                                          \
    "(SELECT count(*) FROM group_ministry gm WHERE gm.group_id = g.id AND gm.left_on IS NULL), "               \
    "(SELECT count(*) FROM group_member mb WHERE mb.group_id = g.id AND mb.left_on IS NULL), "                 \
    "g.kind = 'sprint' AND g.closed_on IS NULL AND g.end_on < ?5 "
#define GROUP_FROM " JOIN work_group g ON g.id = r.id LEFT JOIN ministry tb ON tb.id = g.result_taken_by "

static void group_row(Stmt *s, Arena *a, const Viewer *v, Group *g)
{
    memset(g, 0, sizeof *g);
    record_row(s, a, &g->rec);
    int c = RECORD_NCOLS;
    g->kind = db_col_dup(s, c++, a);
    g->mandate = db_col_dup(s, c++, a);
    g->start_on = db_col_dup(s, c++, a);
    g->end_on = db_col_dup(s, c++, a);
    g->phase = db_col_dup(s, c++, a);
    g->presented_on = db_col_dup(s, c++, a);
    g->closed_on = db_col_dup(s, c++, a);
    g->result_explored = db_col_dup(s, c++, a);
    g->result_recommendation = db_col_dup(s, c++, a);
    g->result_next_step = db_col_dup(s, c++, a);
    g->result_taken_by_code = db_col_dup(s, c++, a);
    g->result_taken_by_name = db_col_dup(s, c++, a);
    g->step = (int)db_col_int(s, c++);
    g->target = (int)db_col_int(s, c++);
    g->nministries = (int)db_col_int(s, c++);
    g->nmembers = (int)db_col_int(s, c++);
    g->overdue = db_col_int(s, c++) != 0;
    g->my_role = perm_group_role(v, g->rec.id);
    g->mandate = g->mandate ? g->mandate : "";
    g->result_explored = g->result_explored ? g->result_explored : "";
    g->result_recommendation = g->result_recommendation ? g->result_recommendation : "";
    g->result_next_step = g->result_next_step ? g->result_next_step : "";
}

int group_get(Db *db, Arena *a, const Viewer *v, int64_t id, Group *out, Err *e)
{
    char today[16];
    date_today(today, sizeof today);
    Stmt *s = db_prepare(db, "SELECT " RECORD_COLUMNS ", " GROUP_COLUMNS RECORD_FROM GROUP_FROM
                             "WHERE r.id = ?1 AND r.kind = 'group' AND " ACCESS("r"));
    db_bind_int(s, 1, id);
    db_bind_text(s, 5, today);
    access_bind(s, v);
    int rc = db_step(s);
    if (rc == DB_ROW) {
        group_row(s, a, v, out);
    }
    db_done(s);
    if (rc < 0) {
        return err_set(e, E_DB, "reading the group failed");
    }
    return rc == DB_ROW ? 0 : err_set(e, E_NOTFOUND, N_("Fant ikke gruppen."));
}

int group_list(Db *db, Arena *a, const Viewer *v, const GroupFilter *f, Group **out, size_t *n, Err *e)
{
    char today[16];
    date_today(today, sizeof today);
    *out = NULL;
    *n = 0;
    Stmt *s = db_prepare(db,
        "SELECT " RECORD_COLUMNS ", " GROUP_COLUMNS RECORD_FROM GROUP_FROM
        "WHERE r.kind = 'group' AND " ACCESS("r") " AND (?1 IS NULL OR g.kind = ?1) "
        "AND (?2 = 0 OR r.owner_ministry_id = ?2 OR EXISTS (SELECT 1 FROM group_ministry fm "
        "     WHERE fm.group_id = g.id AND fm.ministry_id = ?2 AND fm.left_on IS NULL)) "
        "AND (?3 = 0 OR (SELECT c.step FROM ladder_change c WHERE c.group_id = g.id AND c.ministry_id IS NULL "
        "     ORDER BY c.on_date DESC, c.id DESC LIMIT 1) = ?3) "
        "AND (?4 IS NULL OR (?4 = 'active' AND g.closed_on IS NULL) OR (?4 = 'closed' AND g.closed_on IS NOT NULL) "
        "     OR (?4 = 'overdue' AND g.kind = 'sprint' AND g.closed_on IS NULL AND g.end_on < ?5)) "
        "AND (?6 = 0 OR EXISTS (SELECT 1 FROM group_member me WHERE me.group_id = g.id AND me.user_id = ?90 "
        "     AND me.left_on IS NULL)) "
        "ORDER BY CASE g.kind WHEN 'core' THEN 1 WHEN 'sprint' THEN 2 ELSE 3 END, g.closed_on IS NOT NULL, "
        "r.title COLLATE nb");
    db_bind_text(s, 1, f && f->kind && *f->kind ? f->kind : NULL);
    db_bind_int(s, 2, f ? f->ministry_id : 0);
    db_bind_int(s, 3, f ? f->step : 0);
    db_bind_text(s, 4, f && f->state && *f->state ? f->state : NULL);
    db_bind_text(s, 5, today);
    db_bind_int(s, 6, f && f->mine);
    access_bind(s, v);
    size_t cap = 0;
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        group_row(s, a, v, arena_push(a, out, n, &cap, sizeof **out));
    }
    db_done(s);
    return rc < 0 ? err_set(e, E_DB, "listing groups failed") : 0;
}

int group_ministries(Db *db, Arena *a, const Viewer *v, int64_t id, bool former, GroupMinistry **out, size_t *n,
                     Err *e)
{
    *out = NULL;
    *n = 0;
    Stmt *s = db_prepare(db,
        "SELECT m.code, m.name_nb, m.name_nn, m.name_en, gm.joined_on, gm.left_on, gm.anchored_on, "
        "m.id = r.owner_ministry_id, "
        "(SELECT c.step FROM ladder_change c WHERE c.group_id = gm.group_id AND c.ministry_id = gm.ministry_id "
        " ORDER BY c.on_date DESC, c.id DESC LIMIT 1), "
        "(SELECT c.target FROM ladder_change c WHERE c.group_id = gm.group_id AND c.ministry_id = gm.ministry_id "
        " ORDER BY c.on_date DESC, c.id DESC LIMIT 1) "
        "FROM group_ministry gm JOIN ministry m ON m.id = gm.ministry_id JOIN record r ON r.id = gm.group_id "
        "WHERE gm.group_id = ?1 AND " ACCESS("r") " AND NOT " ACCESS_MASKED("r")
        " AND (?2 OR gm.left_on IS NULL) "
        "ORDER BY m.id <> r.owner_ministry_id, gm.left_on IS NOT NULL, m.name_nb COLLATE nb");
    db_bind_int(s, 1, id);
    db_bind_int(s, 2, former);
    access_bind(s, v);
    size_t cap = 0;
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        GroupMinistry *m = arena_push(a, out, n, &cap, sizeof **out);
        m->code = db_col_dup(s, 0, a);
        m->name = db_col_dup(s, 1, a);
        m->name_nn = db_col_dup(s, 2, a);
        m->name_en = db_col_dup(s, 3, a);
        m->joined_on = db_col_dup(s, 4, a);
        m->left_on = db_col_dup(s, 5, a);
        m->anchored_on = db_col_dup(s, 6, a);
        m->owner = db_col_int(s, 7) != 0;
        m->step = (int)db_col_int(s, 8);
        m->target = (int)db_col_int(s, 9);
    }
    db_done(s);
    return rc < 0 ? err_set(e, E_DB, "reading the group's ministries failed") : 0;
}

/* People are listed to signed-in employees only: the public sees which
 * ministries work together, not who the people are. */
int group_members(Db *db, Arena *a, const Viewer *v, int64_t id, bool former, GroupMember **out, size_t *n, Err *e)
{
    *out = NULL;
    *n = 0;
    Stmt *s = db_prepare(db,
        "SELECT gm.id, u.id, u.username, u.full_name, m.code, gm.role, gm.joined_on, gm.left_on "
        "FROM group_member gm JOIN account u ON u.id = gm.user_id LEFT JOIN ministry m ON m.id = u.ministry_id "
        "JOIN record r ON r.id = gm.group_id "
        "WHERE gm.group_id = ?1 AND " ACCESS("r") " AND NOT " ACCESS_MASKED("r")
        " AND (?2 OR gm.left_on IS NULL) AND (?92 & " ACCESS_CAP_INTERNAL ") <> 0 "
        "ORDER BY gm.left_on IS NOT NULL, CASE gm.role WHEN 'leader' THEN 1 WHEN 'secretariat' THEN 2 "
        "WHEN 'member' THEN 3 ELSE 4 END, u.full_name COLLATE nb, gm.joined_on");
    db_bind_int(s, 1, id);
    db_bind_int(s, 2, former);
    access_bind(s, v);
    size_t cap = 0;
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        GroupMember *m = arena_push(a, out, n, &cap, sizeof **out);
        m->id = db_col_int(s, 0);
        m->user_id = db_col_int(s, 1);
        m->username = db_col_dup(s, 2, a);
        m->full_name = db_col_dup(s, 3, a);
        m->ministry_code = db_col_dup(s, 4, a);
        m->role = db_col_dup(s, 5, a);
        m->joined_on = db_col_dup(s, 6, a);
        m->left_on = db_col_dup(s, 7, a);
    }
    db_done(s);
    return rc < 0 ? err_set(e, E_DB, "reading the group's members failed") : 0;
}

size_t group_attention(Db *db, Arena *a, const Group *g, const char **out, const char **arg)
{
    char today[16];
    date_today(today, sizeof today);
    size_t n = 0;
    if (g->rec.masked) {
        return 0;
    }
    if (g->overdue) {
        arg[n] = g->end_on;
        out[n++] = N_("Sprinten skulle vært avsluttet %s. Avslutt gruppen med en resultatrapport.");
    }
    if (g->closed_on) {
        return n;
    }
    if (!db_exists(db, "SELECT 1 FROM group_member WHERE group_id = ?1 AND left_on IS NULL AND role = 'leader'",
                   g->rec.id)) {
        arg[n] = NULL;
        out[n++] = N_("Gruppen har ingen leder.");
    }
    if (g->step == 0) {
        arg[n] = NULL;
        out[n++] = N_("Gruppen har ikke plassert seg på samordningsstigen.");
    } else if (g->step < g->target) {
        const char *since = db_one_text(db, a,
            "SELECT max(on_date) FROM ladder_change WHERE group_id = ?1 AND ministry_id IS NULL", g->rec.id);
        if (since && strcmp(since, "") && strcmp(since, arena_printf(a, "%.4d%s", atoi(today) - 1, today + 4)) < 0) {
            arg[n] = since;
            out[n++] = N_("Gruppen har stått på samme trinn siden %s, under målet.");
        }
    }
    if (str_eq(g->kind, "core")) {
        const char *year_ago = arena_printf(a, "%.4d%s", atoi(today) - 1, today + 4);
        if (!g->presented_on) {
            arg[n] = NULL;
            out[n++] = N_("Arbeidet er ikke lagt fram for politisk ledelse.");
        } else if (strcmp(g->presented_on, year_ago) < 0) {
            arg[n] = g->presented_on;
            out[n++] = N_("Arbeidet ble sist lagt fram for politisk ledelse %s, for over et år siden.");
        }
        if (!db_exists(db, "SELECT 1 FROM group_ministry WHERE group_id = ?1 AND left_on IS NULL "
                           "AND anchored_on IS NOT NULL", g->rec.id)) {
            arg[n] = NULL;
            out[n++] = N_("Ingen departementsråd har forankret gruppen.");
        }
    }
    if (g->start_on && strcmp(g->start_on, today) > 0) {
        arg[n] = g->start_on;
        out[n++] = N_("Gruppen starter %s.");
    }
    return n;
}

/* ---- the text form --------------------------------------------------------- */

const char *const g_group_field_names[GF_COUNT] = {
    "title", "kind", "mandate", "owner", "ministries", "anchored", "start_on", "end_on", "phase",
    "presented_on", "visibility", "exemption_basis", "public_title", "step", "target",
};
const char *const g_group_field_labels[GF_COUNT] = {
    N_("Navn"), N_("Type gruppe"), N_("Mandat"), N_("Prosesseier"), N_("Departementer"),
    N_("Forankret hos departementsråden i"), N_("Startdato"), N_("Sluttdato"), N_("Fase"),
    N_("Sist lagt fram for politisk ledelse"), N_("Synlighet"), N_("Unntatt offentlighet"), N_("Offentlig tittel"),
    N_("Trinn på samordningsstigen"), N_("Mål på samordningsstigen"),
};

int group_field_index(const char *name)
{
    for (int k = 0; k < GF_COUNT; k++) {
        if (str_eq(g_group_field_names[k], name)) {
            return k;
        }
    }
    return -1;
}

/* The codes of the current member ministries (where != 0: with an anchoring date). */
static const char *ministry_codes(Db *db, Arena *a, int64_t id, bool anchored)
{
    Stmt *s = db_prepare(db, "SELECT m.code FROM group_ministry gm JOIN ministry m ON m.id = gm.ministry_id "
                             "WHERE gm.group_id = ?1 AND gm.left_on IS NULL AND (?2 = 0 OR gm.anchored_on IS NOT NULL) "
                             "ORDER BY m.code");
    db_bind_int(s, 1, id);
    db_bind_int(s, 2, anchored);
    Buf b = {0};
    while (db_step(s) == DB_ROW) {
        buf_printf(&b, "%s%s", b.len ? ", " : "", db_col_text(s, 0));
    }
    db_done(s);
    const char *out = arena_strdup(a, buf_str(&b));
    buf_free(&b);
    return out;
}

int group_text_get(Db *db, Arena *a, const Viewer *v, int64_t id, GroupText *out, Err *e)
{
    Group g;
    if (group_get(db, a, v, id, &g, e)) {
        return E_NOTFOUND;
    }
    if (g.rec.masked) {
        return err_set(e, E_NOTFOUND, N_("Fant ikke gruppen."));
    }
    memset(out, 0, sizeof *out);
    const char *title = db_one_text(db, a, "SELECT title FROM record WHERE id = ?1", id);
    out->v[GF_TITLE] = title ? title : "";
    out->v[GF_KIND] = g.kind;
    out->v[GF_MANDATE] = g.mandate;
    out->v[GF_OWNER] = g.rec.owner_code ? g.rec.owner_code : "";
    out->v[GF_MINISTRIES] = ministry_codes(db, a, id, false);
    out->v[GF_ANCHORED] = ministry_codes(db, a, id, true);
    out->v[GF_START_ON] = g.start_on ? g.start_on : "";
    out->v[GF_END_ON] = g.end_on ? g.end_on : "";
    out->v[GF_PHASE] = g.phase ? g.phase : "";
    out->v[GF_PRESENTED_ON] = g.presented_on ? g.presented_on : "";
    out->v[GF_VISIBILITY] = g.rec.visibility;
    out->v[GF_EXEMPTION_BASIS] = g.rec.exemption_basis ? g.rec.exemption_basis : "";
    out->v[GF_PUBLIC_TITLE] = g.rec.public_title ? g.rec.public_title : "";
    return 0;
}

static void problem_add(Arena *a, FormProblem **errs, size_t *n, size_t *cap, int field, const char *msg)
{
    FormProblem *p = arena_push(a, errs, n, cap, sizeof **errs);
    p->field = field;
    p->msg = msg;
}

static bool date_or_empty(const char *s)
{
    return !s || !*s || date_valid(s);
}

/* Check next (the full new text); all problems to errs. */
static size_t validate(Db *db, Arena *a, int64_t id, const GroupText *next, FormProblem **errs)
{
    size_t n = 0, cap = 0;
    *errs = NULL;
    Err e = {0};
    const char *const *f = next->v;
    if (!*f[GF_TITLE]) {
        problem_add(a, errs, &n, &cap, GF_TITLE, N_("Navn må fylles ut."));
    } else if (content_check_text(f[GF_TITLE], 300, false, N_("Navn"), &e)) {
        problem_add(a, errs, &n, &cap, GF_TITLE, arena_strdup(a, e.msg));
    }
    if (!group_code_valid(g_group_kinds, f[GF_KIND])) {
        problem_add(a, errs, &n, &cap, GF_KIND, N_("Velg type gruppe: kjernegruppe, sprintgruppe eller arbeidsgruppe."));
    }
    if (content_check_text(f[GF_MANDATE], 20000, true, N_("Mandat"), &e)) {
        problem_add(a, errs, &n, &cap, GF_MANDATE, arena_strdup(a, e.msg));
    }
    if (!*f[GF_OWNER]) {
        problem_add(a, errs, &n, &cap, GF_OWNER, N_("Velg prosesseier."));
    } else if (!group_ministry_id(db, f[GF_OWNER])) {
        problem_add(a, errs, &n, &cap, GF_OWNER, N_("Ukjent departement som prosesseier."));
    }
    const char **codes;
    size_t nc = text_split(a, f[GF_MINISTRIES], ',', &codes);
    for (size_t i = 0; i < nc; i++) {
        if (!group_ministry_id(db, codes[i])) {
            problem_add(a, errs, &n, &cap, GF_MINISTRIES, N_("Ukjent departement: %s."));
            (*errs)[n - 1].arg = codes[i];
            break;
        }
    }
    const char **members;
    size_t nmem = text_split(a, f[GF_MINISTRIES], ',', &members);
    nc = text_split(a, f[GF_ANCHORED], ',', &codes);
    for (size_t i = 0; i < nc; i++) {
        bool member = str_eq(f[GF_OWNER], codes[i]);   /* a whole code: KD is not in "KDD" */
        for (size_t j = 0; j < nmem; j++) {
            member |= str_eq(members[j], codes[i]);
        }
        if (!member) {
            problem_add(a, errs, &n, &cap, GF_ANCHORED,
                        N_("Bare departementer som er med i gruppen, kan ha forankret den."));
            break;
        }
    }
    static const int dates[] = {GF_START_ON, GF_END_ON, GF_PRESENTED_ON};
    for (size_t i = 0; i < COUNT(dates); i++) {
        if (!date_or_empty(f[dates[i]])) {
            problem_add(a, errs, &n, &cap, dates[i], N_("Skriv datoen som åååå-mm-dd."));
        }
    }
    if (str_eq(f[GF_KIND], "sprint") && (!*f[GF_START_ON] || !*f[GF_END_ON])) {
        problem_add(a, errs, &n, &cap, !*f[GF_START_ON] ? GF_START_ON : GF_END_ON,
                    N_("En sprintgruppe må ha startdato og sluttdato."));
    }
    if (*f[GF_START_ON] && *f[GF_END_ON] && strcmp(f[GF_END_ON], f[GF_START_ON]) < 0) {
        problem_add(a, errs, &n, &cap, GF_END_ON, N_("Sluttdatoen kan ikke være før startdatoen."));
    }
    if (*f[GF_PHASE] && !group_code_valid(g_group_phases, f[GF_PHASE])) {
        problem_add(a, errs, &n, &cap, GF_PHASE, N_("Ukjent fase."));
    }
    if (*f[GF_PHASE] && !str_eq(f[GF_KIND], "sprint")) {
        problem_add(a, errs, &n, &cap, GF_PHASE, N_("Bare sprintgrupper har faser."));
    }
    if (*f[GF_PRESENTED_ON] && !str_eq(f[GF_KIND], "core")) {
        problem_add(a, errs, &n, &cap, GF_PRESENTED_ON, N_("Bare kjernegrupper legger fram for politisk ledelse her."));
    }
    char today[16];
    date_today(today, sizeof today);
    if (*f[GF_PRESENTED_ON] && date_valid(f[GF_PRESENTED_ON]) && strcmp(f[GF_PRESENTED_ON], today) > 0) {
        problem_add(a, errs, &n, &cap, GF_PRESENTED_ON, N_("Datoen kan ikke være fram i tid."));
    }
    if (!id) {
        long long st = 0, tg = 0;
        if (f[GF_STEP] && *f[GF_STEP] && !parse_int(f[GF_STEP], 1, LADDER_STEPS, &st)) {
            problem_add(a, errs, &n, &cap, GF_STEP, N_("Velg et trinn fra 1 til 4."));
        }
        if (f[GF_TARGET] && *f[GF_TARGET] && !parse_int(f[GF_TARGET], 1, LADDER_STEPS, &tg)) {
            problem_add(a, errs, &n, &cap, GF_TARGET, N_("Velg et mål fra 1 til 4."));
        }
    }
    if (record_marking_check(db, f[GF_VISIBILITY], f[GF_EXEMPTION_BASIS], f[GF_PUBLIC_TITLE], &e)) {
        problem_add(a, errs, &n, &cap, GF_VISIBILITY, arena_strdup(a, e.msg));
    }
    return n;
}

/* Bring the member ministries in line with the text (owner included):
 * new ones join today, dropped ones leave today, anchoring set or cleared. */
static int write_ministries(Db *db, Arena *a, int64_t id, const GroupText *next, const char *today)
{
    const char **codes;
    size_t nc = text_split(a, arena_printf(a, "%s, %s", next->v[GF_OWNER], next->v[GF_MINISTRIES]), ',', &codes);
    Stmt *s = db_prepare(db, "UPDATE group_ministry SET left_on = ?2 WHERE group_id = ?1 AND left_on IS NULL");
    db_bind_int(s, 1, id);
    db_bind_text(s, 2, today);
    int rc = db_step(s) == DB_DONE ? 0 : E_DB;
    db_done(s);
    for (size_t i = 0; !rc && i < nc; i++) {
        bool anchored = false;
        const char **an;
        size_t na = text_split(a, next->v[GF_ANCHORED], ',', &an);
        for (size_t j = 0; j < na; j++) {
            anchored |= str_eq(an[j], codes[i]);
        }
        /* A ministry that was a member until now stays one: its row comes back. */
        s = db_prepare(db,
            "INSERT INTO group_ministry (group_id, ministry_id, joined_on, anchored_on) "
            "VALUES (?1, (SELECT id FROM ministry WHERE code = ?2), ?3, CASE WHEN ?4 THEN ?3 END) "
            "ON CONFLICT (group_id, ministry_id) DO UPDATE SET "
            " joined_on = CASE WHEN left_on = ?3 OR left_on IS NULL THEN joined_on ELSE ?3 END, left_on = NULL, "
            " anchored_on = CASE WHEN ?4 THEN coalesce(anchored_on, ?3) END");
        db_bind_int(s, 1, id);
        db_bind_text(s, 2, codes[i]);
        db_bind_text(s, 3, today);
        db_bind_int(s, 4, anchored);
        rc = db_step(s) == DB_DONE ? 0 : E_DB;
        db_done(s);
    }
    return rc;
}

static int write_group(Db *db, Arena *a, int64_t id, const GroupText *next, const char *today)
{
    Stmt *s = db_prepare(db,
        "UPDATE work_group SET kind = ?2, mandate = ?3, start_on = nullif(?4, ''), end_on = nullif(?5, ''), "
        "phase = nullif(?6, ''), presented_on = nullif(?7, '') WHERE id = ?1");
    db_bind_int(s, 1, id);
    db_bind_text(s, 2, next->v[GF_KIND]);
    db_bind_text(s, 3, next->v[GF_MANDATE]);
    db_bind_text(s, 4, next->v[GF_START_ON]);
    db_bind_text(s, 5, next->v[GF_END_ON]);
    db_bind_text(s, 6, next->v[GF_PHASE]);
    db_bind_text(s, 7, next->v[GF_PRESENTED_ON]);
    int rc = db_step(s) == DB_DONE ? 0 : E_DB;
    db_done(s);
    s = db_prepare(db, "UPDATE record SET title = ?2, owner_ministry_id = (SELECT id FROM ministry WHERE code = ?3), "
                       "visibility = ?4, exemption_basis = nullif(?5, ''), public_title = nullif(?6, '') WHERE id = ?1");
    db_bind_int(s, 1, id);
    db_bind_text(s, 2, next->v[GF_TITLE]);
    db_bind_text(s, 3, next->v[GF_OWNER]);
    db_bind_text(s, 4, next->v[GF_VISIBILITY]);
    db_bind_text(s, 5, next->v[GF_EXEMPTION_BASIS]);
    db_bind_text(s, 6, next->v[GF_PUBLIC_TITLE]);
    rc |= db_step(s) == DB_DONE ? 0 : E_DB;
    db_done(s);
    return rc ? rc : write_ministries(db, a, id, next, today);
}

static const char *canon(Arena *a, int k, const char *v)
{
    if (!v) {
        return NULL;
    }
    if (k == GF_MINISTRIES || k == GF_ANCHORED) {
        return text_canon_list(a, v, true);
    }
    if (k == GF_OWNER) {
        return text_canon_list(a, v, true);
    }
    if (k == GF_MANDATE) {
        return group_trim(a, v);
    }
    return group_trim(a, v);
}

static int save(Db *db, Arena *a, const Viewer *v, const char *client, int64_t id, const GroupText *in,
                int64_t expect_version, const char *comment, int64_t *out_id, FormProblem **errs, size_t *nerr,
                Err *e)
{
    GroupText old = {0}, next = {0};
    Group cur = {0};
    char today[16];
    date_today(today, sizeof today);
    if (id) {
        if (group_get(db, a, v, id, &cur, e) || group_text_get(db, a, v, id, &old, e)) {
            return err_set(e, E_NOTFOUND, N_("Fant ikke gruppen."));
        }
        if (!group_can_manage(v, &cur.rec)) {
            return err_set(e, E_FORBIDDEN, N_("Bare gruppens leder og sekretariat kan endre gruppen."));
        }
    } else if (!group_can_create(v)) {
        return err_set(e, E_FORBIDDEN, N_("Du har ikke tilgang til å opprette grupper."));
    }
    if (comment && content_check_text(comment, 2000, true, N_("Kommentaren"), e)) {
        return E_INVALID;
    }
    static const char *const defaults[GF_COUNT] = {[GF_KIND] = "core", [GF_VISIBILITY] = "internal",
                                                   [GF_STEP] = "1", [GF_TARGET] = "2"};
    for (int k = 0; k < GF_COUNT; k++) {
        const char *given = canon(a, k, in->v[k]);
        const char *was = id ? canon(a, k, old.v[k]) : (defaults[k] ? defaults[k] : "");
        next.v[k] = given ? given : (was ? was : "");
    }
    if (!id && !in->v[GF_OWNER] && v->ministry_code && !can(v, CAP_GROUP_ADMIN)) {
        next.v[GF_OWNER] = v->ministry_code;
    }
    /* A secretary general sets up groups with their own ministry as process owner. */
    if (!can(v, CAP_GROUP_ADMIN) && (!id || !str_eq(next.v[GF_OWNER], old.v[GF_OWNER])) &&
        perm_group_role(v, id) < GROUP_ROLE_SECRETARIAT && !str_eq(next.v[GF_OWNER], v->ministry_code)) {
        return err_set(e, E_FORBIDDEN, N_("Du kan bare opprette grupper der ditt eget departement er prosesseier."));
    }
    *nerr = validate(db, a, id, &next, errs);
    if (*nerr) {
        return err_set(e, E_INVALID, "%s", (*errs)[0].msg);
    }
    bool skip[GF_COUNT] = {[GF_STEP] = true, [GF_TARGET] = true};
    FieldChange *changes = arena_alloc(a, GF_COUNT * sizeof *changes);
    size_t nchanges = text_diff(g_group_field_names, id ? old.v : (const char *const[GF_COUNT]){0}, next.v,
                                GF_COUNT, skip, changes);
    if (nchanges == 0) {
        return 0;
    }
    if (id && expect_version && cur.rec.version != expect_version) {
        return err_set(e, E_CONFLICT, N_("Gruppen er endret av noen andre siden du åpnet den. Last siden på nytt og "
                                         "gjør endringen igjen."));
    }
    int rc;
    if (!id) {
        RecordInit ri = {.title = next.v[GF_TITLE], .visibility = next.v[GF_VISIBILITY],
                         .exemption_basis = next.v[GF_EXEMPTION_BASIS], .public_title = next.v[GF_PUBLIC_TITLE]};
        if ((rc = record_create(db, v, "group", &ri, &id, e))) {
            return rc;
        }
        Stmt *s = db_prepare(db, "INSERT INTO work_group (id, kind, start_on, end_on) VALUES (?1, ?2, ?3, ?4)");
        db_bind_int(s, 1, id);
        db_bind_text(s, 2, next.v[GF_KIND]);
        db_bind_text(s, 3, next.v[GF_START_ON]);
        db_bind_text(s, 4, next.v[GF_END_ON]);
        rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, N_("Lagring feilet."));
        db_done(s);
        s = db_prepare(db, "UPDATE record SET owner_group_id = id WHERE id = ?1");
        db_bind_int(s, 1, id);
        rc |= db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, N_("Lagring feilet."));
        db_done(s);
        if (rc) {
            return rc;
        }
        *out_id = id;
    }
    if (write_group(db, a, id, &next, today)) {
        return err_set(e, E_DB, N_("Lagring feilet."));
    }
    rc = record_version_add(db, v, id, changes, nchanges, comment, e);
    if (!rc && !cur.rec.id) {
        /* Where the new group starts on the ladder. */
        long long st = 1, tg = 2;
        parse_int(next.v[GF_STEP], 1, LADDER_STEPS, &st);
        parse_int(next.v[GF_TARGET], 1, LADDER_STEPS, &tg);
        rc = group_ladder_insert(db, v, id, 0, (int)st, (int)tg, today, "", 0, e);
        /* Whoever sets up a group that has no people yet leads it, unless
         * they set it up for others (the secretariat). */
        if (!rc && v->user_id && !can(v, CAP_GROUP_ADMIN)) {
            rc = group_member_insert(db, id, v->user_id, "leader", today, e);
        }
    }
    if (!rc) {
        Buf summary = {0};
        for (size_t i = 0; i < nchanges; i++) {
            buf_printf(&summary, "%s%s", i ? ", " : "", changes[i].field);
        }
        rc = audit_append(db, v, client, cur.rec.id ? "group.update" : "group.create", "group",
                          arena_printf(a, "%lld", (long long)id), arena_printf(a, "%s: %s", next.v[GF_TITLE], buf_str(&summary)), e);
        buf_free(&summary);
    }
    return rc;
}

int group_save(Db *db, Arena *a, const Viewer *v, const char *client, int64_t id, const GroupText *in,
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

/* ---- closing ----------------------------------------------------------------- */

static int set_closed(Db *db, Arena *a, const Viewer *v, const char *client, int64_t id, bool close,
                      const char *explored, const char *recommendation, const char *next_step, const char *taken_by,
                      Err *e)
{
    Group g;
    if (group_get(db, a, v, id, &g, e)) {
        return E_NOTFOUND;
    }
    if (!group_can_edit(v, &g)) {
        return err_set(e, E_FORBIDDEN, N_("Bare gruppens medlemmer kan avslutte gruppen."));
    }
    if (close == (g.closed_on != NULL)) {
        return err_set(e, E_CONFLICT, close ? N_("Gruppen er allerede avsluttet.") : N_("Gruppen er ikke avsluttet."));
    }
    explored = group_trim(a, explored ? explored : "");
    recommendation = group_trim(a, recommendation ? recommendation : "");
    next_step = group_trim(a, next_step ? next_step : "");
    taken_by = taken_by ? taken_by : "";
    if (close) {
        if (str_eq(g.kind, "sprint") && (!*explored || !*recommendation || !*next_step)) {
            return err_set(e, E_INVALID, N_("En sprintgruppe avsluttes med en resultatrapport: skriv hva som ble "
                                            "utforsket, anbefalingen og neste steg."));
        }
        if (content_check_text(explored, 20000, true, N_("Hva ble utforsket"), e) ||
            content_check_text(recommendation, 20000, true, N_("Anbefaling"), e) ||
            content_check_text(next_step, 20000, true, N_("Neste steg"), e)) {
            return E_INVALID;
        }
        if (*taken_by && !group_ministry_id(db, taken_by)) {
            return err_set(e, E_INVALID, N_("Ukjent departement som tar arbeidet videre."));
        }
    }
    char today[16];
    date_today(today, sizeof today);
    Stmt *s = db_prepare(db,
        "UPDATE work_group SET closed_on = CASE WHEN ?2 THEN ?3 END, "
        "result_explored = CASE WHEN ?2 THEN ?4 ELSE result_explored END, "
        "result_recommendation = CASE WHEN ?2 THEN ?5 ELSE result_recommendation END, "
        "result_next_step = CASE WHEN ?2 THEN ?6 ELSE result_next_step END, "
        "result_taken_by = CASE WHEN ?2 THEN (SELECT id FROM ministry WHERE code = ?7) ELSE result_taken_by END "
        "WHERE id = ?1");
    db_bind_int(s, 1, id);
    db_bind_int(s, 2, close);
    db_bind_text(s, 3, today);
    db_bind_text(s, 4, explored);
    db_bind_text(s, 5, recommendation);
    db_bind_text(s, 6, next_step);
    db_bind_text(s, 7, taken_by);
    int rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, N_("Lagring feilet."));
    db_done(s);
    FieldChange ch[5];
    size_t n = 0;
    ch[n++] = (FieldChange){"closed_on", close ? "" : g.closed_on, close ? today : ""};
    if (close) {
        ch[n++] = (FieldChange){"result_explored", g.result_explored, explored};
        ch[n++] = (FieldChange){"result_recommendation", g.result_recommendation, recommendation};
        ch[n++] = (FieldChange){"result_next_step", g.result_next_step, next_step};
        ch[n++] = (FieldChange){"result_taken_by", g.result_taken_by_code ? g.result_taken_by_code : "", taken_by};
    }
    if (!rc) {
        rc = record_version_add(db, v, id, ch, n, NULL, e);
    }
    if (!rc) {
        rc = audit_append(db, v, client, close ? "group.close" : "group.reopen", "group",
                          arena_printf(a, "%lld", (long long)id), g.rec.title, e);
    }
    return rc;
}

int group_close(Db *db, Arena *a, const Viewer *v, const char *client, int64_t id, const char *explored,
                const char *recommendation, const char *next_step, const char *taken_by, Err *e)
{
    if (db_begin(db, e)) {
        return E_DB;
    }
    return db_finish(db, set_closed(db, a, v, client, id, true, explored, recommendation, next_step, taken_by, e), e);
}

int group_reopen(Db *db, Arena *a, const Viewer *v, const char *client, int64_t id, Err *e)
{
    if (db_begin(db, e)) {
        return E_DB;
    }
    return db_finish(db, set_closed(db, a, v, client, id, false, NULL, NULL, NULL, NULL, e), e);
}

/* ---- the group as a kind of record -------------------------------------------- */

static const char *group_field_label(const char *field)
{
    int k = group_field_index(field);
    if (k >= 0) {
        return g_group_field_labels[k];
    }
    return str_eq(field, "members")                 ? N_("Medlemmer")
           : str_eq(field, "ladder")                ? N_("Samordningsstigen")
           : str_eq(field, "closed_on")             ? N_("Avsluttet")
           : str_eq(field, "result_explored")       ? N_("Hva ble utforsket")
           : str_eq(field, "result_recommendation") ? N_("Anbefaling")
           : str_eq(field, "result_next_step")      ? N_("Neste steg")
           : str_eq(field, "result_taken_by")       ? N_("Tas videre av")
                                                    : field;
}

static int group_sample(Db *db, int64_t id, Err *e)
{
    Stmt *s = db_prepare(db, "INSERT INTO work_group (id, kind) VALUES (?1, 'working')");
    db_bind_int(s, 1, id);
    int rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, "inserting a sample group failed");
    db_done(s);
    return rc;
}

static int group_restore(Db *db, Arena *a, const Viewer *v, const char *client, int64_t id,
                         const FieldChange *fields, size_t n, const char *comment, Err *e)
{
    GroupText t = {0};
    for (size_t i = 0; i < n; i++) {
        int k = group_field_index(fields[i].field);
        if (k >= 0 && k != GF_STEP && k != GF_TARGET) {
            t.v[k] = fields[i].to ? fields[i].to : "";
        }
    }
    FormProblem *errs;
    size_t nerr;
    int64_t out;
    return group_save(db, a, v, client, id, &t, 0, comment, &out, &errs, &nerr, e);
}

/* Search: the mandate and the result report. */
static int group_search_text(Db *db, Arena *a, int64_t id, SearchText *out, Err *e)
{
    Stmt *s = db_prepare(db, "SELECT mandate || char(10) || result_explored || char(10) || result_recommendation "
                             "|| char(10) || result_next_step FROM work_group WHERE id = ?1");
    db_bind_int(s, 1, id);
    int rc = db_step(s);
    if (rc == DB_ROW) {
        out->body = db_col_dup(s, 0, a);
    }
    db_done(s);
    return rc < 0 ? err_set(e, E_DB, "reading the group to index failed") : 0;
}

static const RecordKind g_group_kind = {
    .name = "group", .table = "work_group", .label = N_("gruppe"), .url = "/groups/",
    .can_manage = group_can_manage, .field_label = group_field_label, .sample = group_sample,
    .restore = group_restore, .search_text = group_search_text,
};
RECORD_KIND(g_group_kind)
