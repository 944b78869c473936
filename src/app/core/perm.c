/* perm.c: see perm.h.  The role table is the single place that says what
 * each role may do. */
#include "app/core/perm.h"

#include <assert.h>

#include "app/core/i18n.h"
#include "base/util.h"

const Viewer g_anonymous = {.username = "anonymous"};

#define EMPLOYEE (CAP_SIGNED_IN | CAP_READ_INTERNAL | CAP_INPUT_GIVE | CAP_TOKEN_OWN)

static const struct {
    const char *name;
    const char *label;
    uint32_t caps;
    bool scoped;   /* capabilities that apply to one ministry */
} roles[] = {
    {"employee", N_("ansatt"), EMPLOYEE, false},
    {"union_rep", N_("tillitsvalgt"), EMPLOYEE, false},
    {"case_officer", N_("saksbehandler"), EMPLOYEE | CAP_MEASURE_REPORT | CAP_CONSULT_ANSWER, true},
    {"secretary_general", N_("departementsråd"), EMPLOYEE | CAP_READ_MINISTRY | CAP_DASHBOARD, true},
    {"secretariat", N_("strategisekretariatet"),
     EMPLOYEE | CAP_MEASURE_MANAGE | CAP_READ_ALL_MEASURES | CAP_DASHBOARD | CAP_GROUP_ADMIN, false},
    {"admin", N_("administrator"), EMPLOYEE | CAP_USER_ADMIN | CAP_AUDIT_READ, false},
};

const char *const g_roles[] = {"employee", "union_rep", "case_officer", "secretary_general",
                               "secretariat", "admin", NULL};

int64_t perm_role_caps(const char *role)
{
    for (size_t i = 0; i < COUNT(roles); i++) {
        if (str_eq(roles[i].name, role)) {
            return roles[i].caps;
        }
    }
    return -1;
}

bool perm_role_valid(const char *role)
{
    return perm_role_caps(role) >= 0;
}

const char *perm_role_label(const char *role)
{
    for (size_t i = 0; i < COUNT(roles); i++) {
        if (str_eq(roles[i].name, role)) {
            return roles[i].label;
        }
    }
    return role;
}

void perm_add_role(Viewer *v, const char *role, int64_t scope_ministry)
{
    for (size_t i = 0; i < COUNT(roles); i++) {
        if (!str_eq(roles[i].name, role)) {
            continue;
        }
        v->caps |= roles[i].caps;
        if (roles[i].caps & CAP_MEASURE_REPORT) {
            int64_t m = scope_ministry ? scope_ministry : v->ministry_id;
            if (m && v->nreport < PERM_MAX_SCOPES) {
                v->report_ministries[v->nreport++] = m;
            }
        }
    }
}

bool perm_can_report_for(const Viewer *v, int64_t ministry_id)
{
    if (!can(v, CAP_MEASURE_REPORT) || v->read_only) {
        return false;
    }
    for (int i = 0; i < v->nreport; i++) {
        if (v->report_ministries[i] == ministry_id) {
            return true;
        }
    }
    return false;
}

static const char *const group_role_codes[] = {"", "observer", "member", "secretariat", "leader"};

const char *perm_group_role_code(GroupRole r)
{
    return (unsigned)r < COUNT(group_role_codes) ? group_role_codes[r] : "";
}

GroupRole perm_group_role_of(const char *code)
{
    for (size_t i = 1; code && i < COUNT(group_role_codes); i++) {
        if (str_eq(group_role_codes[i], code)) {
            return (GroupRole)i;
        }
    }
    return GROUP_ROLE_NONE;
}

GroupRole perm_group_role(const Viewer *v, int64_t group_id)
{
    for (int i = 0; group_id && i < v->ngroups; i++) {
        if (v->groups[i] == group_id) {
            return (GroupRole)v->group_roles[i];
        }
    }
    return GROUP_ROLE_NONE;
}

int perm_viewer(Db *db, Arena *a, int64_t user_id, Viewer *out, Err *e)
{
    assert(out);
    Stmt *s = db_prepare(db, "SELECT u.id, u.username, u.full_name, ifnull(u.ministry_id, 0), m.code "
                             "FROM account u LEFT JOIN ministry m ON m.id = u.ministry_id "
                             "WHERE u.id = ?1 AND u.active = 1");
    db_bind_int(s, 1, user_id);
    int rc = db_step(s);
    if (rc == DB_ROW) {
        *out = (Viewer){.user_id = db_col_int(s, 0), .username = db_col_dup(s, 1, a),
                        .full_name = db_col_dup(s, 2, a), .ministry_id = db_col_int(s, 3),
                        .ministry_code = db_col_dup(s, 4, a)};
    }
    db_done(s);
    if (rc != DB_ROW) {
        return rc < 0 ? err_set(e, E_DB, "reading the user failed") : err_set(e, E_NOTFOUND, "no such user");
    }
    s = db_prepare(db, "SELECT role, ifnull(ministry_id, 0) FROM role_grant WHERE user_id = ?1");
    db_bind_int(s, 1, user_id);
    while (db_step(s) == DB_ROW) {
        perm_add_role(out, db_col_text(s, 0), db_col_int(s, 1));
    }
    db_done(s);
    s = db_prepare(db, "SELECT group_id, role FROM group_member WHERE user_id = ?1 AND left_on IS NULL "
                       "ORDER BY group_id");
    db_bind_int(s, 1, user_id);
    while (db_step(s) == DB_ROW && out->ngroups < PERM_MAX_GROUPS) {
        out->groups[out->ngroups] = db_col_int(s, 0);
        out->group_roles[out->ngroups++] = (uint8_t)perm_group_role_of(db_col_text(s, 1));
    }
    db_done(s);
    /* Every signed-in person is at least an employee (as at sign-in). */
    perm_add_role(out, "employee", 0);
    return 0;
}
