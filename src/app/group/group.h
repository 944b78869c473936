/* group.h: cross-ministry groups, wicked problems and the coordination
 * ladder (model) — the door of the group domain.
 *
 * A group (kjernegruppe, sprintgruppe, arbeidsgruppe) is a record of kind
 * 'group' that owns itself: its members read it, and everything else it
 * owns, even when restricted (access.h).  The process-owner ministry is
 * the record's owner.  People hold a group role (perm.h GroupRole):
 * observers read; members also write the group's content and move it on
 * the ladder; the leader and the secretariat also change the group and its
 * membership.  The strategy secretariat (CAP_GROUP_ADMIN) and the secretary
 * general of the process owner (CAP_READ_MINISTRY) manage any group they
 * may read.
 *
 * A wicked problem is a record of kind 'problem', owned by one or more
 * ministries (the first is the record's owner) and optionally by a group.
 *
 * The coordination ladder (samordningsstigen) has four steps; each group
 * has a current and a target step for the whole group and, optionally,
 * per member ministry.  Every change is kept (ladder_change, append-only)
 * with a justification and optional evidence (any record), and also
 * written as a version of the group.
 *
 * Every read filters by what the viewer may see; a record v may not read
 * is E_NOTFOUND.  Every write checks rights, runs in its own transaction
 * (or the caller's), writes a version and an audit row.  Strings live in
 * the caller's arena.  Messages in Err are bokmål message ids for T().
 */
#ifndef SAMLA_GROUP_H
#define SAMLA_GROUP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/core/perm.h"
#include "app/core/record.h"
#include "app/core/textform.h"
#include "base/arena.h"
#include "base/buf.h"
#include "base/err.h"
#include "db/db.h"

enum { LADDER_STEPS = 4 };

/* The ladder steps 1–4: bokmål name (message id) and short name. */
const char *ladder_step_label(int step);
const char *ladder_step_short(int step);

/* Group kinds ('core', 'sprint', 'working'), sprint phases ('explore',
 * 'test', 'recommend') and group roles, with their bokmål labels (message
 * ids); NULL-terminated code lists in display order. */
extern const char *const g_group_kinds[];
extern const char *const g_group_phases[];
extern const char *const g_group_roles[];
const char *group_kind_label(const char *kind);
const char *group_kind_plural(const char *kind);
const char *group_phase_label(const char *phase);
const char *group_role_label(const char *role);

typedef struct GroupMinistry {
    const char *code, *name, *name_nn, *name_en;
    const char *joined_on, *left_on;   /* ISO dates; left_on NULL: a member */
    const char *anchored_on;           /* its secretary general anchored the group then; NULL: not */
    bool owner;                        /* the process owner */
    int step, target;                  /* its own ladder step, 0: none of its own (the group's applies) */
} GroupMinistry;

typedef struct GroupMember {
    int64_t id;                        /* group_member row */
    int64_t user_id;
    const char *username, *full_name, *ministry_code;
    const char *role;                  /* leader, secretariat, member, observer */
    const char *joined_on, *left_on;   /* ISO dates; left_on NULL: a member */
} GroupMember;

typedef struct Group {
    Record rec;                        /* title, owner (process owner), marking, version, … */
    const char *kind;                  /* core, sprint, working */
    const char *mandate;               /* "" when none */
    const char *start_on, *end_on;     /* ISO dates or NULL */
    const char *phase;                 /* sprint groups: explore, test, recommend; NULL */
    const char *presented_on;          /* core groups: last presented to political leadership; NULL */
    const char *closed_on;             /* NULL: active */
    const char *result_explored, *result_recommendation, *result_next_step;  /* "" when none */
    const char *result_taken_by_code, *result_taken_by_name;                 /* NULL when none */
    int step, target;                  /* the group's ladder step and target; 0: not on the ladder */
    bool overdue;                      /* a sprint group past its end date and not closed */
    int nministries, nmembers;         /* current member ministries and people */
    GroupRole my_role;                 /* the viewer's role in it */
} Group;

typedef struct GroupFilter {
    const char *kind;                  /* NULL: any */
    int64_t ministry_id;               /* owner or member ministry; 0: any */
    int step;                          /* current group step; 0: any */
    const char *state;                 /* 'active', 'closed', 'overdue'; NULL: any */
    bool mine;                         /* only groups the viewer is a member of */
} GroupFilter;

/* group_get: group id as v may see it (E_NOTFOUND otherwise), with its
 * ministries and current members when ministries/members are non-NULL. */
int group_get(Db *db, Arena *a, const Viewer *v, int64_t id, Group *out, Err *e);
int group_ministries(Db *db, Arena *a, const Viewer *v, int64_t id, bool former, GroupMinistry **out, size_t *n,
                     Err *e);
int group_members(Db *db, Arena *a, const Viewer *v, int64_t id, bool former, GroupMember **out, size_t *n, Err *e);

/* group_list: the groups v may see that match f, by kind then title. */
int group_list(Db *db, Arena *a, const Viewer *v, const GroupFilter *f, Group **out, size_t *n, Err *e);

/* group_attention: what needs attention in g as of today (bokmål message
 * ids, with at most one %s for a date), at most 8. */
size_t group_attention(Db *db, Arena *a, const Group *g, const char **out, const char **arg);

/* Rights. */
bool group_can_create(const Viewer *v);
bool group_can_edit(const Viewer *v, const Group *g);     /* fields, ladder, close */
bool group_can_manage(const Viewer *v, const Record *rec); /* membership, marking, grants */

/* The text form of a group, shared by forms, API and export.  Fields (NULL:
 * not given / unchanged):
 *   title, kind (core|sprint|working), mandate, owner (ministry code),
 *   ministries (codes separated by commas; the owner is added),
 *   anchored (codes of member ministries whose secretary general anchored
 *   it), start_on, end_on, phase, presented_on (ISO dates / codes or ''),
 *   visibility, exemption_basis, public_title,
 *   step, target (1–4; only when creating: where the group starts). */
enum {
    GF_TITLE, GF_KIND, GF_MANDATE, GF_OWNER, GF_MINISTRIES, GF_ANCHORED, GF_START_ON, GF_END_ON, GF_PHASE,
    GF_PRESENTED_ON, GF_VISIBILITY, GF_EXEMPTION_BASIS, GF_PUBLIC_TITLE, GF_STEP, GF_TARGET, GF_COUNT
};
typedef struct GroupText {
    const char *v[GF_COUNT];
} GroupText;
extern const char *const g_group_field_names[GF_COUNT];
extern const char *const g_group_field_labels[GF_COUNT];  /* bokmål message ids */
int group_field_index(const char *name);

/* group_text_get: group id as text (every field but step/target set). */
int group_text_get(Db *db, Arena *a, const Viewer *v, int64_t id, GroupText *out, Err *e);

/* group_save: create (id 0) or change group id as v.  All problems in
 * *errs (E_INVALID); E_CONFLICT for a stale expect_version (0: don't
 * check); E_FORBIDDEN without the right.  *out_id gets the id. */
int group_save(Db *db, Arena *a, const Viewer *v, const char *client, int64_t id, const GroupText *in,
               int64_t expect_version, const char *comment, int64_t *out_id, FormProblem **errs, size_t *nerr,
               Err *e);

/* group_close: close group id with a result report (required for sprint
 * groups: explored, recommendation and next step; taken_by a ministry
 * code or ''/NULL), as of today.  group_reopen undoes it (the report is
 * kept in the history). */
int group_close(Db *db, Arena *a, const Viewer *v, const char *client, int64_t id, const char *explored,
                const char *recommendation, const char *next_step, const char *taken_by, Err *e);
int group_reopen(Db *db, Arena *a, const Viewer *v, const char *client, int64_t id, Err *e);

/* group_member_add: add username to group id with role (joined today or on
 * joined_on), as v (group_can_manage).  A current member gets the new role
 * (the old membership ends today, a new one starts).  group_member_end:
 * end membership row member_id today. */
int group_member_add(Db *db, Arena *a, const Viewer *v, const char *client, int64_t id, const char *username,
                     const char *role, const char *joined_on, Err *e);
int group_member_end(Db *db, Arena *a, const Viewer *v, const char *client, int64_t id, int64_t member_id, Err *e);

/* The ladder. */
typedef struct LadderChange {
    int64_t id;
    const char *ministry_code;         /* NULL: the group as a whole */
    const char *ministry_name, *ministry_name_nn, *ministry_name_en;
    const char *on_date;               /* ISO date */
    int step, target;
    int from_step;                     /* the step before this change, 0: none */
    const char *justification;
    int64_t evidence_id;               /* 0: none, or not readable by the viewer */
    const char *evidence_title, *evidence_url, *evidence_kind;  /* NULL when none */
    const char *actor_name;            /* full name; NULL: the CLI or the demo */
    const char *at;                    /* ISO time */
} LadderChange;

/* ladder_history: group id's ladder changes, oldest first; ministry NULL:
 * all, '' the group's own only, or a ministry code. */
int ladder_history(Db *db, Arena *a, const Viewer *v, int64_t id, const char *ministry, LadderChange **out,
                   size_t *n, Err *e);

/* ladder_set: move group id (ministry NULL or '': the whole group; else a
 * current member ministry's code) to step with target, on on_date (NULL or
 * '': today; not in the future), with a justification (required) and an
 * evidence record id (0: none; must be readable by v), as v
 * (group_can_edit).  E_INVALID with a message id for bad input; nothing
 * is written unless step or target changes. */
int ladder_set(Db *db, Arena *a, const Viewer *v, const char *client, int64_t id, const char *ministry, int step,
               int target, const char *on_date, const char *justification, int64_t evidence_id, Err *e);

/* The community view: how many of the groups v may see stand on each
 * step on a date, in total and per ministry (a member ministry counts the
 * group on its own step when it has one, else on the group's). */
typedef struct LadderCount {
    const char *ministry_code;         /* NULL: the total */
    const char *name, *name_nn, *name_en;
    int now[LADDER_STEPS + 1];         /* [1..4] on the date */
    int before[LADDER_STEPS + 1];      /* [1..4] on the comparison date */
} LadderCount;

/* ladder_community: counts on date (ISO) and on before (ISO); out[0] is
 * the total, then the ministries with at least one group, in Norwegian
 * order. */
int ladder_community(Db *db, Arena *a, const Viewer *v, const char *date, const char *before, LadderCount **out,
                     size_t *n, Err *e);

/* group_export: the groups v may see that match f, one row each, as CSV
 * (xlsx false) or XLSX into out; *n gets the count.  ladder_export: the
 * ladder changes of group_id (0: every group v may see), oldest first per
 * group.  Both audited. */
int group_export(Db *db, Arena *a, const Viewer *v, const char *client, const GroupFilter *f, bool xlsx, Buf *out,
                 size_t *n, Err *e);
int ladder_export(Db *db, Arena *a, const Viewer *v, const char *client, int64_t group_id, bool xlsx, Buf *out,
                  size_t *n, Err *e);

/* Sustainable development goals. */
typedef struct Sdg {
    int number;
    const char *name, *name_nn, *name_en;
} Sdg;
int sdg_list(Db *db, Arena *a, Sdg **out, size_t *n, Err *e);

/* Wicked problems. */
typedef struct Problem {
    Record rec;                        /* title, first owner, owning group, marking, … */
    const char *description;           /* "" when none */
    MinistryOption *owners;            /* owning ministries, the record's owner first */
    size_t nowners;
    Sdg *sdgs;                         /* the goals it touches, by number */
    size_t nsdgs;
    const char *group_title;           /* owning group's title; NULL: none or not readable */
} Problem;

typedef struct ProblemFilter {
    int64_t ministry_id;               /* an owning ministry; 0: any */
    int64_t group_id;                  /* owning group; 0: any */
    int sdg;                           /* 0: any */
} ProblemFilter;

int problem_get(Db *db, Arena *a, const Viewer *v, int64_t id, Problem *out, Err *e);
int problem_list(Db *db, Arena *a, const Viewer *v, const ProblemFilter *f, Problem **out, size_t *n, Err *e);

/* The text form of a problem: title, description, owners (ministry codes,
 * the first is the lead), sdgs (numbers separated by commas), group (the
 * owning group's id or ''), visibility, exemption_basis, public_title. */
enum { PF_TITLE, PF_DESCRIPTION, PF_OWNERS, PF_SDGS, PF_GROUP, PF_VISIBILITY, PF_EXEMPTION_BASIS, PF_PUBLIC_TITLE,
       PF_COUNT };
typedef struct ProblemText {
    const char *v[PF_COUNT];
} ProblemText;
extern const char *const g_problem_field_names[PF_COUNT];
extern const char *const g_problem_field_labels[PF_COUNT];
int problem_field_index(const char *name);

int problem_text_get(Db *db, Arena *a, const Viewer *v, int64_t id, ProblemText *out, Err *e);
bool problem_can_create(const Viewer *v);
bool problem_can_manage(const Viewer *v, const Record *rec);
int problem_save(Db *db, Arena *a, const Viewer *v, const char *client, int64_t id, const ProblemText *in,
                 int64_t expect_version, const char *comment, int64_t *out_id, FormProblem **errs, size_t *nerr,
                 Err *e);

#endif
