/* perm.h: roles, capabilities and the viewer — who is asking.
 *
 * Code checks capabilities, never role names.  A role is a named set of
 * capabilities; perm_expand turns a user's grants into one Viewer per
 * request.  Some capabilities are scoped to ministries (a case officer
 * reports for KD); the Viewer lists those ministries.
 *
 * Everything that decides who may read a record lives in this module and
 * in access.h, so pages, API, search, exports and counts agree.
 */
#ifndef SAMLA_PERM_H
#define SAMLA_PERM_H

#include <stdbool.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/err.h"
#include "db/db.h"

/* Capability bits that the SQL access predicate (access.h) names as text
 * too; the enum below and access.h both take them from here, so they
 * cannot drift apart. */
#define PERM_BIT_READ_INTERNAL 2
#define PERM_BIT_READ_ALL_MEASURES 2048

enum {
    CAP_PUBLIC = 0,                  /* route: anyone, signed in or not */
    CAP_SIGNED_IN = 1 << 0,          /* any signed-in user */
    CAP_READ_INTERNAL = PERM_BIT_READ_INTERNAL,     /* read records marked internal, and exempt ones */
    CAP_READ_MINISTRY = 1 << 2,      /* read everything of one's own ministry (secretary general) */
    CAP_MEASURE_MANAGE = 1 << 3,     /* keep the measure overview: edit, mark, publish (secretariat) */
    CAP_MEASURE_REPORT = 1 << 4,     /* report on one's ministry's measures (case officer; scoped) */
    CAP_CONSULT_ANSWER = 1 << 5,     /* answer consultations for one's ministry (scoped) */
    CAP_INPUT_GIVE = 1 << 6,         /* give input in input rounds */
    CAP_DASHBOARD = 1 << 7,          /* see the ministry dashboards */
    CAP_AUDIT_READ = 1 << 8,         /* read the audit log (admin) */
    CAP_USER_ADMIN = 1 << 9,         /* manage users and roles (admin) */
    CAP_TOKEN_OWN = 1 << 10,         /* create and revoke one's own API tokens */
    CAP_READ_ALL_MEASURES = PERM_BIT_READ_ALL_MEASURES, /* read every record of kind measure, whatever its marking (secretariat) */
    CAP_GROUP_ADMIN = 1 << 12,       /* set up groups for any ministry and manage the groups one may read (secretariat) */
};

_Static_assert(CAP_READ_INTERNAL == 1 << 1 && CAP_READ_ALL_MEASURES == 1 << 11, "capability bits moved");

enum { PERM_MAX_SCOPES = 8, PERM_MAX_GROUPS = 64 };

/* A person's role inside a group, weakest first: observers read what the
 * group owns; members also write it (its records, its ladder); the leader
 * and the secretariat also manage the group and its membership. */
typedef enum GroupRole {
    GROUP_ROLE_NONE = 0,
    GROUP_ROLE_OBSERVER,
    GROUP_ROLE_MEMBER,
    GROUP_ROLE_SECRETARIAT,
    GROUP_ROLE_LEADER,
} GroupRole;

typedef struct Viewer {
    int64_t user_id;                 /* 0 for anonymous */
    const char *username;            /* "anonymous" when not signed in */
    const char *full_name;
    int64_t ministry_id;             /* the user's ministry; 0 when none */
    const char *ministry_code;       /* NULL when none */
    uint32_t caps;                   /* union of the roles' capabilities */
    int64_t report_ministries[PERM_MAX_SCOPES]; /* where CAP_MEASURE_REPORT applies */
    int nreport;
    int64_t groups[PERM_MAX_GROUPS]; /* the groups one is a current member of … */
    uint8_t group_roles[PERM_MAX_GROUPS]; /* … with one's GroupRole in each */
    int ngroups;
    bool read_only;                  /* an API token made with --read-only */
    bool via_token;                  /* authenticated by API token (no CSRF needed) */
    int64_t session_id;              /* the session, 0 when none */
    const char *csrf;                /* the session's form token, NULL when none */
} Viewer;

/* The anonymous viewer (the public). */
extern const Viewer g_anonymous;

/* perm_role_caps: the capabilities of a role name, or -1 for an unknown
 * role. */
int64_t perm_role_caps(const char *role);

/* perm_role_valid: true for a known role. */
bool perm_role_valid(const char *role);

/* perm_role_label: the bokmål name of a role ("saksbehandler"), a msgid:
 * show it with T(). */
const char *perm_role_label(const char *role);

/* perm_roles: the role names, NULL-terminated, in display order. */
extern const char *const g_roles[];

/* perm_add_role: add a role (with its scope ministry, 0 = the user's own)
 * to v. */
void perm_add_role(Viewer *v, const char *role, int64_t scope_ministry);

/* can: v holds every capability in caps. */
static inline bool can(const Viewer *v, uint32_t caps)
{
    return (v->caps & caps) == caps;
}

/* perm_can_report_for: v may report on measures owned by ministry_id. */
bool perm_can_report_for(const Viewer *v, int64_t ministry_id);

/* perm_group_role: v's role in group_id (GROUP_ROLE_NONE: not a member). */
GroupRole perm_group_role(const Viewer *v, int64_t group_id);

/* perm_group_role_code / perm_group_role_of: GroupRole ↔ the code stored
 * in group_member.role ('leader', 'secretariat', 'member', 'observer'). */
const char *perm_group_role_code(GroupRole r);
GroupRole perm_group_role_of(const char *code);

/* perm_viewer: user_id as a Viewer (ministry, capabilities from the
 * roles, at least an employee's; the groups one is a member of) — who they are when signed in, and whom
 * a notification for them is written for.  E_NOTFOUND for an unknown or
 * disabled user.  Strings in a. */
int perm_viewer(Db *db, Arena *a, int64_t user_id, Viewer *out, Err *e);

#endif
