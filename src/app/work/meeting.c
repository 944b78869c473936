/* meeting.c: meetings — reading, the agenda, saving (versions, grants,
 * invitations), and the kind of record. */
#include "app/work/work.h"

#include <string.h>

#include "app/core/access.h"
#include "app/core/audit.h"
#include "app/core/content.h"
#include "app/core/i18n.h"
#include "app/core/notify.h"
#include "app/work/work_int.h"
#include "base/util.h"

const char *const g_meeting_field_names[MF_COUNT] = {"title", "group", "date", "start", "end", "place",
                                                     "video_url", "ministries", "people", "minutes"};
const char *const g_meeting_field_labels[MF_COUNT] = {
    N_("Tittel"), N_("Gruppe"), N_("Dato"), N_("Starter"), N_("Slutter"), N_("Sted"), N_("Lenke til videomøte"),
    N_("Inviterte departementer"), N_("Inviterte personer"), N_("Referat")};

/* ---- reading --------------------------------------------------------------------- */

#define MEETING_COLUMNS                                                                                      \
    "m.starts_at, m.ends_at, " ACCESS_FIELD("r", "m.place") ", " ACCESS_FIELD("r", "m.video_url") ", "        \
    ACCESS_FIELD("r", "m.minutes") ", ifnull(r.owner_group_id, 0), "                                          \
    "(SELECT gr.title FROM record gr WHERE gr.id = r.owner_group_id AND " ACCESS("gr") ") "
#define MEETING_FROM " JOIN meeting m ON m.id = r.id "

static void meeting_row(Stmt *s, Arena *a, Meeting *m)
{
    memset(m, 0, sizeof *m);
    record_row(s, a, &m->rec);
    int k = RECORD_NCOLS;
    m->starts_at = db_col_dup(s, k++, a);
    m->ends_at = db_col_dup(s, k++, a);
    m->place = db_col_dup(s, k++, a);
    m->video_url = db_col_dup(s, k++, a);
    m->minutes = db_col_dup(s, k++, a);
    m->group_id = db_col_int(s, k++);
    m->group_title = db_col_dup(s, k++, a);
    m->place = m->place ? m->place : "";
    m->video_url = m->video_url ? m->video_url : "";
    m->minutes = m->minutes ? m->minutes : "";
}

static int meeting_details(Db *db, Arena *a, const Viewer *v, Meeting *m)
{
    Stmt *s = db_prepare(db, "SELECT x.code, x.name_nb, x.name_nn, x.name_en FROM meeting_ministry mm "
                             "JOIN ministry x ON x.id = mm.ministry_id WHERE mm.meeting_id = ?1 ORDER BY x.name_nb COLLATE nb");
    db_bind_int(s, 1, m->rec.id);
    size_t cap = 0;
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        MinistryOption *o = arena_push(a, &m->ministries, &m->nministries, &cap, sizeof *o);
        o->code = db_col_dup(s, 0, a);
        o->name = db_col_dup(s, 1, a);
        o->name_nn = db_col_dup(s, 2, a);
        o->name_en = db_col_dup(s, 3, a);
    }
    db_done(s);
    if (rc < 0) {
        return E_DB;
    }
    s = db_prepare(db, "SELECT u.id, u.username, u.full_name, x.code FROM meeting_person mp JOIN account u ON u.id = mp.user_id "
                       "LEFT JOIN ministry x ON x.id = u.ministry_id WHERE mp.meeting_id = ?1 ORDER BY u.full_name COLLATE nb");
    db_bind_int(s, 1, m->rec.id);
    cap = 0;
    while ((rc = db_step(s)) == DB_ROW) {
        Person *p = arena_push(a, &m->people, &m->npeople, &cap, sizeof *p);
        p->id = db_col_int(s, 0);
        p->username = db_col_dup(s, 1, a);
        p->full_name = db_col_dup(s, 2, a);
        p->ministry_code = db_col_dup(s, 3, a);
    }
    db_done(s);
    if (rc < 0) {
        return E_DB;
    }
    /* An outcome is shown only when v may read it. */
    s = db_prepare(db, "SELECT i.id, i.position, i.title, i.notes, CASE WHEN " ACCESS("o") " THEN o.id END, o.kind, "
                       ACCESS_TITLE("o") " FROM agenda_item i LEFT JOIN record o ON o.id = i.outcome_id "
                       "WHERE i.meeting_id = ?1 ORDER BY i.position");
    db_bind_int(s, 1, m->rec.id);
    access_bind(s, v);
    cap = 0;
    while ((rc = db_step(s)) == DB_ROW) {
        AgendaItem *it = arena_push(a, &m->items, &m->nitems, &cap, sizeof *it);
        it->id = db_col_int(s, 0);
        it->position = (int)db_col_int(s, 1);
        it->title = db_col_dup(s, 2, a);
        it->notes = db_col_dup(s, 3, a);
        it->outcome_id = db_col_int(s, 4);
        it->outcome_kind = it->outcome_id ? db_col_dup(s, 5, a) : NULL;
        it->outcome_title = it->outcome_id ? db_col_dup(s, 6, a) : NULL;
    }
    db_done(s);
    return rc < 0 ? E_DB : 0;
}

int meeting_get(Db *db, Arena *a, const Viewer *v, int64_t id, Meeting *out, Err *e)
{
    Stmt *s = db_prepare(db, "SELECT " RECORD_COLUMNS ", " MEETING_COLUMNS RECORD_FROM MEETING_FROM
                             "WHERE r.id = ?1 AND r.kind = 'meeting' AND " ACCESS("r"));
    db_bind_int(s, 1, id);
    access_bind(s, v);
    int rc = db_step(s);
    if (rc == DB_ROW) {
        meeting_row(s, a, out);
    }
    db_done(s);
    if (rc < 0) {
        return err_set(e, E_DB, "reading the meeting failed");
    }
    if (rc != DB_ROW) {
        return err_set(e, E_NOTFOUND, N_("Fant ikke møtet."));
    }
    if (!out->rec.masked && meeting_details(db, a, v, out)) {
        return err_set(e, E_DB, "reading the meeting failed");
    }
    return 0;
}

int meeting_list(Db *db, Arena *a, const Viewer *v, const MeetingFilter *f, Meeting **out, size_t *n, Err *e)
{
    *out = NULL;
    *n = 0;
    Stmt *s = db_prepare(db,
        "SELECT " RECORD_COLUMNS ", " MEETING_COLUMNS RECORD_FROM MEETING_FROM
        "WHERE r.kind = 'meeting' AND " ACCESS("r") " AND (?1 = 0 OR r.owner_group_id = ?1) "
        "AND (?2 IS NULL OR substr(m.starts_at, 1, 10) >= ?2) AND (?3 IS NULL OR substr(m.starts_at, 1, 10) <= ?3) "
        "AND (?4 = 0 OR (?90 <> 0 AND (EXISTS (SELECT 1 FROM meeting_person mp WHERE mp.meeting_id = m.id "
        "     AND mp.user_id = ?90) OR EXISTS (SELECT 1 FROM meeting_ministry mm WHERE mm.meeting_id = m.id "
        "     AND mm.ministry_id = ?91) OR EXISTS (SELECT 1 FROM group_member gm WHERE gm.group_id = r.owner_group_id "
        "     AND gm.user_id = ?90 AND gm.left_on IS NULL)))) "
        "ORDER BY m.starts_at, r.id LIMIT 500");
    db_bind_int(s, 1, f ? f->group_id : 0);
    db_bind_text(s, 2, f && f->from && *f->from ? f->from : NULL);
    db_bind_text(s, 3, f && f->to && *f->to ? f->to : NULL);
    db_bind_int(s, 4, f && f->mine);
    access_bind(s, v);
    size_t cap = 0;
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        meeting_row(s, a, arena_push(a, out, n, &cap, sizeof **out));
    }
    db_done(s);
    return rc < 0 ? err_set(e, E_DB, "listing meetings failed") : 0;
}

int agenda_item_get(Db *db, Arena *a, const Viewer *v, int64_t item_id, AgendaItem *out, int64_t *meeting_id,
                    Err *e)
{
    int64_t mid = db_one_int(db, "SELECT meeting_id FROM agenda_item WHERE id = ?1", item_id, 0);
    Meeting m;
    if (!mid || meeting_get(db, a, v, mid, &m, e) || m.rec.masked) {
        return err_set(e, E_NOTFOUND, N_("Fant ikke saken på dagsordenen."));
    }
    for (size_t i = 0; i < m.nitems; i++) {
        if (m.items[i].id == item_id) {
            *out = m.items[i];
            *meeting_id = mid;
            return 0;
        }
    }
    return err_set(e, E_NOTFOUND, N_("Fant ikke saken på dagsordenen."));
}

/* ---- rights ------------------------------------------------------------------------ */

bool work_can_edit(const Viewer *v, const Record *rec)
{
    if (!v->user_id || v->read_only) {
        return false;
    }
    if (rec->owner_group_id) {
        return perm_group_role(v, rec->owner_group_id) >= GROUP_ROLE_MEMBER || can(v, CAP_GROUP_ADMIN) ||
               (rec->owner_ministry_id && rec->owner_ministry_id == v->ministry_id &&
                str_eq(rec->kind ? rec->kind->name : "", KIND_TASK));
    }
    return rec->owner_ministry_id && rec->owner_ministry_id == v->ministry_id;
}

bool meeting_can_create(Db *db, const Viewer *v, int64_t group_id)
{
    if (!v->user_id || v->read_only) {
        return false;
    }
    if (!group_id) {
        return v->ministry_id != 0;
    }
    if (!db_exists(db, "SELECT 1 FROM record WHERE id = ?1 AND kind = 'group'", group_id)) {
        return false;
    }
    return perm_group_role(v, group_id) >= GROUP_ROLE_MEMBER || can(v, CAP_GROUP_ADMIN);
}

/* ---- saving ------------------------------------------------------------------------ */

static bool time_valid(const char *t)
{
    return t && strlen(t) == 5 && t[0] >= '0' && t[0] <= '2' && t[1] >= '0' && t[1] <= '9' && t[2] == ':' &&
           t[3] >= '0' && t[3] <= '5' && t[4] >= '0' && t[4] <= '9' && (t[0] < '2' || t[1] <= '3');
}

static int meeting_text(Db *db, Arena *a, const Meeting *m, MeetingText *t)
{
    memset(t, 0, sizeof *t);
    t->v[MF_TITLE] = db_one_text(db, a, "SELECT title FROM record WHERE id = ?1", m->rec.id);
    t->v[MF_GROUP] = m->group_id ? arena_printf(a, "%lld", (long long)m->group_id) : "";
    t->v[MF_DATE] = arena_strndup(a, m->starts_at, 10);
    t->v[MF_START] = m->starts_at + 11;
    t->v[MF_END] = m->ends_at + 11;
    t->v[MF_PLACE] = m->place;
    t->v[MF_VIDEO] = m->video_url;
    Buf b = {0};
    for (size_t i = 0; i < m->nministries; i++) {
        buf_printf(&b, "%s%s", i ? ", " : "", m->ministries[i].code);
    }
    t->v[MF_MINISTRIES] = text_canon_list(a, buf_str(&b), true);
    buf_free(&b);
    for (size_t i = 0; i < m->npeople; i++) {
        buf_printf(&b, "%s%s", i ? ", " : "", m->people[i].username);
    }
    t->v[MF_PEOPLE] = text_canon_list(a, buf_str(&b), false);
    buf_free(&b);
    t->v[MF_MINUTES] = m->minutes;
    return 0;
}

static size_t validate(Db *db, Arena *a, const MeetingText *t, FormProblem **errs)
{
    size_t n = 0, cap = 0;
    *errs = NULL;
    Err e = {0};
    const char *const *f = t->v;
    if (!*f[MF_TITLE]) {
        wk_problem(a, errs, &n, &cap, MF_TITLE, N_("Skriv en tittel."), NULL);
    } else if (content_check_text(f[MF_TITLE], 300, false, N_("Tittel"), &e)) {
        wk_problem(a, errs, &n, &cap, MF_TITLE, arena_strdup(a, e.msg), NULL);
    }
    if (!date_valid(f[MF_DATE])) {
        wk_problem(a, errs, &n, &cap, MF_DATE, N_("Skriv datoen som ÅÅÅÅ-MM-DD."), NULL);
    }
    if (!time_valid(f[MF_START])) {
        wk_problem(a, errs, &n, &cap, MF_START, N_("Skriv klokkeslettet som TT:MM."), NULL);
    }
    if (!time_valid(f[MF_END])) {
        wk_problem(a, errs, &n, &cap, MF_END, N_("Skriv klokkeslettet som TT:MM."), NULL);
    } else if (time_valid(f[MF_START]) && strcmp(f[MF_END], f[MF_START]) <= 0) {
        wk_problem(a, errs, &n, &cap, MF_END, N_("Møtet må slutte etter at det starter."), NULL);
    }
    if (content_check_text(f[MF_PLACE], 300, false, N_("Sted"), &e)) {
        wk_problem(a, errs, &n, &cap, MF_PLACE, arena_strdup(a, e.msg), NULL);
    }
    if (*f[MF_VIDEO] && (!str_has_prefix(f[MF_VIDEO], "https://") || strlen(f[MF_VIDEO]) > 500 ||
                         strpbrk(f[MF_VIDEO], " \t\n\"<>") || content_check_text(f[MF_VIDEO], 500, false, N_("Lenken"), &e))) {
        wk_problem(a, errs, &n, &cap, MF_VIDEO, N_("Lenken til videomøtet må begynne med https://."), NULL);
    }
    const char **items;
    size_t ni = text_split(a, f[MF_MINISTRIES], ',', &items);
    for (size_t i = 0; i < ni; i++) {
        if (!wk_ministry_id(db, items[i])) {
            wk_problem(a, errs, &n, &cap, MF_MINISTRIES, N_("Ukjent departement: %s."), items[i]);
            break;
        }
    }
    ni = text_split(a, f[MF_PEOPLE], ',', &items);
    for (size_t i = 0; i < ni; i++) {
        if (!wk_user_id(db, items[i])) {
            wk_problem(a, errs, &n, &cap, MF_PEOPLE, N_("Ukjent bruker: %s."), items[i]);
            break;
        }
    }
    if (content_check_text(f[MF_MINUTES], 100000, true, N_("Referat"), &e)) {
        wk_problem(a, errs, &n, &cap, MF_MINUTES, arena_strdup(a, e.msg), NULL);
    }
    return n;
}

static int write_meeting(Db *db, int64_t id, const MeetingText *t, Err *e)
{
    const char *const *f = t->v;
    Stmt *s = db_prepare(db, "UPDATE meeting SET starts_at = ?2 || 'T' || ?3, ends_at = ?2 || 'T' || ?4, place = ?5, "
                             "video_url = ?6, minutes = ?7 WHERE id = ?1");
    db_bind_int(s, 1, id);
    db_bind_text(s, 2, f[MF_DATE]);
    db_bind_text(s, 3, f[MF_START]);
    db_bind_text(s, 4, f[MF_END]);
    db_bind_text(s, 5, f[MF_PLACE]);
    db_bind_text(s, 6, f[MF_VIDEO]);
    db_bind_text(s, 7, f[MF_MINUTES]);
    int rc = db_step(s) == DB_DONE ? 0 : E_DB;
    db_done(s);
    s = db_prepare(db, "UPDATE record SET title = ?2 WHERE id = ?1");
    db_bind_int(s, 1, id);
    db_bind_text(s, 2, f[MF_TITLE]);
    rc |= db_step(s) == DB_DONE ? 0 : E_DB;
    db_done(s);
    s = db_prepare(db, "DELETE FROM meeting_ministry WHERE meeting_id = ?1");
    db_bind_int(s, 1, id);
    rc |= db_step(s) == DB_DONE ? 0 : E_DB;
    db_done(s);
    s = db_prepare(db, "INSERT INTO meeting_ministry (meeting_id, ministry_id) SELECT ?1, x.id FROM ministry x "
                       "WHERE x.valid_to IS NULL AND instr(', ' || ?2 || ',', ', ' || x.code || ',') > 0");
    db_bind_int(s, 1, id);
    db_bind_text(s, 2, f[MF_MINISTRIES]);
    rc |= db_step(s) == DB_DONE ? 0 : E_DB;
    db_done(s);
    s = db_prepare(db, "DELETE FROM meeting_person WHERE meeting_id = ?1");
    db_bind_int(s, 1, id);
    rc |= db_step(s) == DB_DONE ? 0 : E_DB;
    db_done(s);
    s = db_prepare(db, "INSERT INTO meeting_person (meeting_id, user_id) SELECT ?1, u.id FROM account u "
                       "WHERE u.active = 1 AND instr(', ' || ?2 || ',', ', ' || u.username || ',') > 0");
    db_bind_int(s, 1, id);
    db_bind_text(s, 2, f[MF_PEOPLE]);
    rc |= db_step(s) == DB_DONE ? 0 : E_DB;
    db_done(s);
    return rc ? err_set(e, E_DB, N_("Lagring feilet.")) : 0;
}

/* The invited get read access (a meeting of ministries is restricted to
 * them; a person from outside a group is a guest at its meeting) and a
 * notification; a group meeting without named people invites the group's
 * members. */
static int invite(Db *db, Arena *a, const Viewer *v, int64_t id, int64_t group_id, const MeetingText *old,
                  const MeetingText *t, Err *e)
{
    const char **items;
    size_t ni = text_split(a, t->v[MF_MINISTRIES], ',', &items);
    int rc = 0;
    for (size_t i = 0; i < ni && !rc; i++) {
        rc = wk_grant(db, v, id, wk_ministry_id(db, items[i]), 0, e);
    }
    ni = text_split(a, t->v[MF_PEOPLE], ',', &items);
    for (size_t i = 0; i < ni && !rc; i++) {
        int64_t uid = wk_user_id(db, items[i]);
        rc = wk_grant(db, v, id, 0, uid, e);   /* an invited guest reads the meeting, in a group's too */
        bool was = old && wk_in_list(old->v[MF_PEOPLE], items[i]);
        if (!rc && !was) {
            rc = wk_notify_user(db, v, id, uid, NOTIFY_MEETING, e);
        }
    }
    if (!rc && !old && !ni && group_id) {
        Stmt *s = db_prepare(db, "SELECT user_id FROM group_member WHERE group_id = ?1 AND left_on IS NULL ORDER BY id");
        db_bind_int(s, 1, group_id);
        int64_t ids[256];
        size_t n = 0;
        while (db_step(s) == DB_ROW && n < COUNT(ids)) {
            ids[n++] = db_col_int(s, 0);
        }
        db_done(s);
        for (size_t i = 0; i < n && !rc; i++) {
            rc = wk_notify_user(db, v, id, ids[i], NOTIFY_MEETING, e);
        }
    }
    return rc;
}

int meeting_save(Db *db, Arena *a, const Viewer *v, const char *client, int64_t id, const MeetingText *in,
                 int64_t *out_id, FormProblem **errs, size_t *nerr, Err *e)
{
    *nerr = 0;
    *errs = NULL;
    MeetingText old = {0}, next = {0};
    Meeting cur;
    int64_t group_id = 0;
    if (id) {
        if (meeting_get(db, a, v, id, &cur, e) || cur.rec.masked) {
            return err_set(e, E_NOTFOUND, N_("Fant ikke møtet."));
        }
        if (!work_can_edit(v, &cur.rec)) {
            return err_set(e, E_FORBIDDEN, N_("Du kan ikke endre dette møtet."));
        }
        meeting_text(db, a, &cur, &old);
        group_id = cur.group_id;
    } else {
        const char *g = in->v[MF_GROUP];
        if (g && *g) {
            group_id = wk_record_id(db, v, g, "group");
            if (!group_id) {
                return err_set(e, E_NOTFOUND, N_("Fant ikke gruppen."));
            }
        }
        if (!meeting_can_create(db, v, group_id)) {
            return err_set(e, E_FORBIDDEN, group_id ? N_("Bare medlemmer av gruppen kan legge inn møter.")
                                                    : N_("Du kan ikke legge inn møter."));
        }
    }
    for (int k = 0; k < MF_COUNT; k++) {
        const char *given = in->v[k];
        if (given && (k == MF_MINISTRIES)) {
            given = text_canon_list(a, given, true);
        } else if (given && k == MF_PEOPLE) {
            given = text_canon_list(a, given, false);
        } else if (given) {
            given = wk_trim(a, given);
        }
        const char *was = id ? old.v[k] : "";
        next.v[k] = given ? given : (was ? was : "");
    }
    next.v[MF_GROUP] = id ? old.v[MF_GROUP] : (group_id ? arena_printf(a, "%lld", (long long)group_id) : "");
    *nerr = validate(db, a, &next, errs);
    if (*nerr) {
        return err_set(e, E_INVALID, "%s", (*errs)[0].msg);
    }
    FieldChange *changes = arena_alloc(a, MF_COUNT * sizeof *changes);
    size_t nch = text_diff(g_meeting_field_names, id ? old.v : (const char *const[MF_COUNT]){0}, next.v, MF_COUNT,
                           NULL, changes);
    if (id && !nch) {
        *out_id = id;
        return 0;
    }
    int rc = db_begin(db, e);
    if (rc) {
        return rc;
    }
    bool created = !id;
    if (created) {
        RecordInit ri = {.title = next.v[MF_TITLE], .owner_group_id = group_id,
                         .owner_ministry_id = group_id ? 0 : v->ministry_id,
                         .visibility = group_id ? wk_group_marking(db, group_id) : "restricted"};
        rc = record_create(db, v, KIND_MEETING, &ri, &id, e);
        if (!rc) {
            Stmt *s = db_prepare(db, "INSERT INTO meeting (id, starts_at, ends_at) VALUES (?1, '0', '1')");
            db_bind_int(s, 1, id);
            rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, N_("Lagring feilet."));
            db_done(s);
        }
    }
    rc = rc ? rc : write_meeting(db, id, &next, e);
    rc = rc ? rc : record_version_add(db, v, id, changes, nch, NULL, e);
    rc = rc ? rc : invite(db, a, v, id, group_id, created ? NULL : &old, &next, e);
    rc = rc ? rc : audit_append(db, v, client, created ? "meeting.create" : "meeting.update", KIND_MEETING,
                                arena_printf(a, "%lld", (long long)id), next.v[MF_TITLE], e);
    rc = db_finish(db, rc, e);
    if (!rc) {
        *out_id = id;
    }
    return rc;
}

int agenda_add(Db *db, Arena *a, const Viewer *v, const char *client, int64_t meeting_id, const char *title,
               const char *notes, int64_t *out_id, Err *e)
{
    Meeting m;
    if (meeting_get(db, a, v, meeting_id, &m, e) || m.rec.masked) {
        return err_set(e, E_NOTFOUND, N_("Fant ikke møtet."));
    }
    if (!work_can_edit(v, &m.rec)) {
        return err_set(e, E_FORBIDDEN, N_("Du kan ikke endre dette møtet."));
    }
    title = wk_trim(a, title);
    notes = wk_trim(a, notes);
    if (!*title) {
        return err_set(e, E_INVALID, N_("Skriv hva saken gjelder."));
    }
    if (content_check_text(title, 300, false, N_("Saken"), e) || content_check_text(notes, 20000, true, N_("Notater"), e)) {
        return E_INVALID;
    }
    int rc = db_begin(db, e);
    if (rc) {
        return rc;
    }
    Stmt *s = db_prepare(db, "INSERT INTO agenda_item (meeting_id, position, title, notes) VALUES (?1, "
                             "(SELECT ifnull(max(position), 0) + 1 FROM agenda_item WHERE meeting_id = ?1), ?2, ?3)");
    db_bind_int(s, 1, meeting_id);
    db_bind_text(s, 2, title);
    db_bind_text(s, 3, notes);
    rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, N_("Lagring feilet."));
    db_done(s);
    if (!rc) {
        *out_id = db_last_id(db);
        FieldChange ch = {.field = "agenda", .from = "", .to = title};
        rc = record_version_add(db, v, meeting_id, &ch, 1, NULL, e);
    }
    rc = rc ? rc : audit_append(db, v, client, "meeting.agenda", KIND_MEETING,
                                arena_printf(a, "%lld", (long long)meeting_id), title, e);
    return db_finish(db, rc, e);
}

/* ---- the kind of record ------------------------------------------------------------- */

static const char *meeting_field_label(const char *field)
{
    for (int k = 0; k < MF_COUNT; k++) {
        if (str_eq(g_meeting_field_names[k], field)) {
            return g_meeting_field_labels[k];
        }
    }
    return str_eq(field, "agenda") ? N_("Dagsorden") : field;
}

static int meeting_sample(Db *db, int64_t id, Err *e)
{
    Stmt *s = db_prepare(db, "INSERT INTO meeting (id, starts_at, ends_at, place, minutes) VALUES "
                             "(?1, '2026-01-05T10:00', '2026-01-05T11:00', 'Prøverom', 'Prøvereferat')");
    db_bind_int(s, 1, id);
    int rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, "inserting a sample meeting failed");
    db_done(s);
    return rc;
}

static int meeting_search_text(Db *db, Arena *a, int64_t id, SearchText *out, Err *e)
{
    (void)e;
    out->body = db_one_text(db, a, "SELECT place || char(10) || minutes || char(10) || ifnull((SELECT "
                                   "group_concat(title || ' ' || notes, char(10)) FROM agenda_item WHERE meeting_id = m.id), '') "
                                   "FROM meeting m WHERE m.id = ?1", id);
    return 0;
}

static const RecordKind meeting_kind = {
    .name = KIND_MEETING, .table = "meeting", .label = N_("møte"), .url = "/meetings/",
    .can_manage = work_can_edit, .field_label = meeting_field_label, .sample = meeting_sample,
    .search_text = meeting_search_text,
};
RECORD_KIND(meeting_kind)
