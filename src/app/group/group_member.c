/* group_member.c: the people in a group, and small helpers the group
 * domain shares (group_int.h). */
#include <string.h>

#include "app/core/audit.h"
#include "app/core/i18n.h"
#include "app/group/group_int.h"
#include "base/util.h"

int64_t group_ministry_id(Db *db, const char *code)
{
    if (!code || !*code) {
        return 0;
    }
    Stmt *s = db_prepare(db, "SELECT id FROM ministry WHERE code = upper(?1) AND valid_to IS NULL");
    db_bind_text(s, 1, code);
    int64_t id = db_step(s) == DB_ROW ? db_col_int(s, 0) : 0;
    db_done(s);
    return id;
}

const char *group_trim(Arena *a, const char *s)
{
    if (!s) {
        return NULL;
    }
    while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n') {
        s++;
    }
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n')) {
        n--;
    }
    char *out = arena_alloc(a, n + 1);
    size_t j = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\r' && i + 1 < n && s[i + 1] == '\n') {
            continue;
        }
        out[j++] = s[i];
    }
    out[j] = 0;
    return out;
}

int group_member_insert(Db *db, int64_t group_id, int64_t user_id, const char *role, const char *joined_on, Err *e)
{
    Stmt *s = db_prepare(db, "INSERT INTO group_member (group_id, user_id, role, joined_on) VALUES (?1, ?2, ?3, ?4)");
    db_bind_int(s, 1, group_id);
    db_bind_int(s, 2, user_id);
    db_bind_text(s, 3, role);
    db_bind_text(s, 4, joined_on);
    int rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, "adding the member failed");
    db_done(s);
    return rc;
}

static int member_add(Db *db, Arena *a, const Viewer *v, const char *client, int64_t id, const char *username,
                      const char *role, const char *joined_on, Err *e)
{
    Group g;
    if (group_get(db, a, v, id, &g, e)) {
        return E_NOTFOUND;
    }
    if (!group_can_manage(v, &g.rec)) {
        return err_set(e, E_FORBIDDEN, N_("Bare gruppens leder og sekretariat kan endre hvem som er med."));
    }
    if (!group_code_valid(g_group_roles, role)) {
        return err_set(e, E_INVALID, N_("Velg en rolle: leder, sekretariat, medlem eller observatør."));
    }
    char today[16];
    date_today(today, sizeof today);
    if (!joined_on || !*joined_on) {
        joined_on = today;
    }
    if (!date_valid(joined_on) || strcmp(joined_on, today) > 0) {
        return err_set(e, E_INVALID, N_("Datoen personen ble med, må være en dato som ikke er fram i tid."));
    }
    Stmt *s = db_prepare(db, "SELECT id, full_name FROM account WHERE username = lower(?1) AND active = 1");
    db_bind_text(s, 1, username ? username : "");
    int64_t uid = 0;
    const char *name = NULL;
    if (db_step(s) == DB_ROW) {
        uid = db_col_int(s, 0);
        name = db_col_dup(s, 1, a);
    }
    db_done(s);
    if (!uid) {
        return err_set(e, E_INVALID, N_("Fant ingen aktiv bruker med dette brukernavnet."));
    }
    s = db_prepare(db, "SELECT role FROM group_member WHERE group_id = ?1 AND user_id = ?2 AND left_on IS NULL");
    db_bind_int(s, 1, id);
    db_bind_int(s, 2, uid);
    const char *was = db_step(s) == DB_ROW ? db_col_dup(s, 0, a) : NULL;
    db_done(s);
    if (str_eq(was, role)) {
        return err_set(e, E_CONFLICT, N_("Personen er allerede med i gruppen med denne rollen."));
    }
    int rc = 0;
    if (was) {
        /* A new role: the old membership ends today, the new one starts. */
        s = db_prepare(db, "UPDATE group_member SET left_on = max(?3, joined_on) "
                           "WHERE group_id = ?1 AND user_id = ?2 AND left_on IS NULL");
        db_bind_int(s, 1, id);
        db_bind_int(s, 2, uid);
        db_bind_text(s, 3, today);
        rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, "ending the membership failed");
        db_done(s);
        joined_on = today;
    }
    if (!rc) {
        rc = group_member_insert(db, id, uid, role, joined_on, e);
    }
    const char *from = was ? arena_printf(a, "%s, %s", name, i18n_get(0, group_role_label(was))) : "";
    const char *to = arena_printf(a, "%s, %s", name, i18n_get(0, group_role_label(role)));
    if (!rc) {
        rc = record_version_add(db, v, id, &(FieldChange){"members", from, to}, 1, NULL, e);
    }
    if (!rc) {
        rc = audit_append(db, v, client, "group.member.add", "group", arena_printf(a, "%lld", (long long)id),
                          arena_printf(a, "%s: %s %s", g.rec.title, username, role), e);
    }
    return rc;
}

int group_member_add(Db *db, Arena *a, const Viewer *v, const char *client, int64_t id, const char *username,
                     const char *role, const char *joined_on, Err *e)
{
    if (db_begin(db, e)) {
        return E_DB;
    }
    return db_finish(db, member_add(db, a, v, client, id, username, role, joined_on, e), e);
}

static int member_end(Db *db, Arena *a, const Viewer *v, const char *client, int64_t id, int64_t member_id, Err *e)
{
    Group g;
    if (group_get(db, a, v, id, &g, e)) {
        return E_NOTFOUND;
    }
    Stmt *s = db_prepare(db, "SELECT u.full_name, u.username, gm.role FROM group_member gm JOIN account u ON u.id = gm.user_id "
                             "WHERE gm.id = ?1 AND gm.group_id = ?2 AND gm.left_on IS NULL");
    db_bind_int(s, 1, member_id);
    db_bind_int(s, 2, id);
    const char *name = NULL, *username = NULL, *role = NULL;
    if (db_step(s) == DB_ROW) {
        name = db_col_dup(s, 0, a);
        username = db_col_dup(s, 1, a);
        role = db_col_dup(s, 2, a);
    }
    db_done(s);
    if (!name) {
        return err_set(e, E_NOTFOUND, N_("Fant ikke medlemskapet."));
    }
    if (!group_can_manage(v, &g.rec)) {
        return err_set(e, E_FORBIDDEN, N_("Bare gruppens leder og sekretariat kan endre hvem som er med."));
    }
    char today[16];
    date_today(today, sizeof today);
    s = db_prepare(db, "UPDATE group_member SET left_on = max(?2, joined_on) WHERE id = ?1");
    db_bind_int(s, 1, member_id);
    db_bind_text(s, 2, today);
    int rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, "ending the membership failed");
    db_done(s);
    const char *from = arena_printf(a, "%s, %s", name, i18n_get(0, group_role_label(role)));
    if (!rc) {
        rc = record_version_add(db, v, id, &(FieldChange){"members", from, ""}, 1, NULL, e);
    }
    if (!rc) {
        rc = audit_append(db, v, client, "group.member.end", "group", arena_printf(a, "%lld", (long long)id),
                          arena_printf(a, "%s: %s", g.rec.title, username), e);
    }
    return rc;
}

int group_member_end(Db *db, Arena *a, const Viewer *v, const char *client, int64_t id, int64_t member_id, Err *e)
{
    if (db_begin(db, e)) {
        return E_DB;
    }
    return db_finish(db, member_end(db, a, v, client, id, member_id, e), e);
}
