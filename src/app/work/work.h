/* work.h: meetings, decisions, follow-up tasks and goal interactions
 * (model) — the door of the work domain, and the calendar feeds that
 * carry meetings and deadlines into people's calendars.
 *
 * Each is a kind of record of the core ('meeting', 'decision', 'task',
 * 'interaction'), so access, versions, audit, links, comments, search and
 * notifications come from the core:
 *  - what a group does (its meetings, decisions, tasks) is owned by the
 *    group (record.owner_group_id) and marked restricted when the group
 *    is, else internal: a restricted group's work is read by its members
 *    only, and a task also by its responsible ministry (the record's
 *    owner ministry), which must act on it;
 *  - a meeting of ministries without a group is restricted to the
 *    organising ministry (its owner) and the invited ministries and people
 *    (access_grant); what comes out of it inherits its marking and grants;
 *  - a goal interaction is owned by the ministry that registers it and
 *    shared with the ministry whose goal it affects, which answers it.
 *
 * Every read filters by ACCESS; a record v may not read is E_NOTFOUND.
 * Every write checks rights before it looks at the input, validates all
 * fields at once (FormProblem, field indices of the kind's text form),
 * runs in one transaction with a version, an audit row and the
 * notifications it causes.  «Today» is date_today (SAMLA_TODAY).  Strings
 * live in the caller's arena; messages in Err are bokmål message ids. */
#ifndef SAMLA_WORK_H
#define SAMLA_WORK_H

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

struct TaskText;

/* ---- code lists ---------------------------------------------------------------- */

extern const char *const g_task_statuses[];      /* open in_progress done cancelled */
extern const char *const g_interaction_responses[]; /* agree remark disagree */
const char *task_status_label(const char *code);  /* «Åpen», «Pågår», «Ferdig», «Avlyst» */
const char *interaction_response_label(const char *code); /* «Enig», «Merknad», «Uenig» */
/* interaction_score_label: the scale of Nilsson, Griggs & Visbeck (2016),
 * −3 «Opphever» … +3 «Uatskillelig» (message ids); "" outside −3..3. */
const char *interaction_score_label(int score);

/* A person as shown: full name and ministry. */
typedef struct Person {
    int64_t id;
    const char *username, *full_name, *ministry_code;
} Person;

/* work_people: the active people who belong to a ministry, by name (the
 * choices for responsible person and invitations). */
int work_people(Db *db, Arena *a, Person **out, size_t *n, Err *e);

/* ---- meetings ------------------------------------------------------------------- */

typedef struct AgendaItem {
    int64_t id;
    int position;
    const char *title, *notes;
    int64_t outcome_id;                /* the decision or task it became, 0: none (or not readable) */
    const char *outcome_kind;          /* 'decision', 'task'; NULL */
    const char *outcome_title;
} AgendaItem;

typedef struct Meeting {
    Record rec;
    const char *starts_at, *ends_at;   /* local 'YYYY-MM-DDTHH:MM' (Europe/Oslo) */
    const char *place, *video_url, *minutes;  /* "" when none */
    int64_t group_id;                  /* 0: a meeting of ministries */
    const char *group_title;           /* NULL: none */
    MinistryOption *ministries;        /* invited ministries (meeting_get only) */
    size_t nministries;
    Person *people;                    /* invited people (meeting_get only) */
    size_t npeople;
    AgendaItem *items;                 /* the agenda (meeting_get only) */
    size_t nitems;
} Meeting;

typedef struct MeetingFilter {
    int64_t group_id;                  /* 0: any */
    bool mine;                         /* invited (in person, by ministry, or as a member of its group) */
    const char *from, *to;             /* ISO dates, inclusive; NULL: open */
} MeetingFilter;

int meeting_get(Db *db, Arena *a, const Viewer *v, int64_t id, Meeting *out, Err *e);
int meeting_list(Db *db, Arena *a, const Viewer *v, const MeetingFilter *f, Meeting **out, size_t *n, Err *e);

/* The text form of a meeting: title, group (a group id or ''; only when
 * creating), date (ISO), start and end ('HH:MM'), place, video_url
 * (https), ministries (codes), people (usernames), minutes (Markdown).
 * NULL: not given (unchanged; a new meeting's default). */
enum { MF_TITLE, MF_GROUP, MF_DATE, MF_START, MF_END, MF_PLACE, MF_VIDEO, MF_MINISTRIES, MF_PEOPLE, MF_MINUTES, MF_COUNT };
typedef struct MeetingText {
    const char *v[MF_COUNT];
} MeetingText;
extern const char *const g_meeting_field_names[MF_COUNT];
extern const char *const g_meeting_field_labels[MF_COUNT];

/* meeting_can_create: v may arrange a meeting for group_id (0: for v's
 * ministry).  meeting_can_edit: v may change the meeting (and its
 * agenda, and turn its items into decisions and tasks). */
bool meeting_can_create(Db *db, const Viewer *v, int64_t group_id);
bool work_can_edit(const Viewer *v, const Record *rec);

/* meeting_save: create (id 0) or change meeting id as v; invites the
 * people (and the group's members when nobody is named) by notification.
 * Problems in *errs (E_INVALID); E_FORBIDDEN without the right. */
int meeting_save(Db *db, Arena *a, const Viewer *v, const char *client, int64_t id, const MeetingText *in,
                 int64_t *out_id, FormProblem **errs, size_t *nerr, Err *e);

/* agenda_add: append an item to meeting id's agenda. */
int agenda_add(Db *db, Arena *a, const Viewer *v, const char *client, int64_t meeting_id, const char *title,
               const char *notes, int64_t *out_id, Err *e);

/* agenda_item_get: item id with its meeting id, if v may read the meeting. */
int agenda_item_get(Db *db, Arena *a, const Viewer *v, int64_t item_id, AgendaItem *out, int64_t *meeting_id,
                    Err *e);

/* meeting_ics: meeting id as an iCalendar object (RFC 5545: CRLF, folded
 * lines, escaped text, VTIMEZONE Europe/Oslo) into out. */
int meeting_ics(Db *db, Arena *a, const Viewer *v, int64_t id, Buf *out, Err *e);

/* ---- decisions ------------------------------------------------------------------ */

typedef struct Decision {
    Record rec;
    const char *text, *decided_on;
    int64_t meeting_id;                /* 0: none (or not readable) */
    const char *meeting_title;
    int64_t group_id;                  /* the owning group, 0: none */
    const char *group_title;
    const char *review_on, *reviewed_on;  /* NULL: none */
    bool review_overdue;               /* review_on passed and not reviewed */
    const char *ministries;            /* codes of the ministries it was decided by, "" none */
    int ntasks, nopen_tasks;           /* follow-up tasks v may read */
} Decision;

typedef struct DecisionFilter {
    int64_t group_id, meeting_id;      /* 0: any */
    const char *since;                 /* decided on or after (ISO); NULL: any */
    int64_t ministry_id;               /* owned by, decided by, or with a task for it; 0: any */
    bool review_overdue;
    int limit;                         /* at most this many, newest first; 0: 1,000 */
} DecisionFilter;

int decision_get(Db *db, Arena *a, const Viewer *v, int64_t id, Decision *out, Err *e);
int decision_list(Db *db, Arena *a, const Viewer *v, const DecisionFilter *f, Decision **out, size_t *n, Err *e);

/* The text form of a decision: title, text, decided_on (ISO; default
 * today), group (id or ''), meeting (id or ''), ministries (codes),
 * review_on (ISO or ''), reviewed_on (ISO or ''). */
enum { DF_TITLE, DF_TEXT, DF_DECIDED_ON, DF_GROUP, DF_MEETING, DF_MINISTRIES, DF_REVIEW_ON, DF_REVIEWED_ON, DF_COUNT };
typedef struct DecisionText {
    const char *v[DF_COUNT];
} DecisionText;
extern const char *const g_decision_field_names[DF_COUNT];
extern const char *const g_decision_field_labels[DF_COUNT];

/* decision_save: create (id 0) or change decision id.  A new decision
 * from agenda item item_id (0: none) is the item's outcome and belongs to
 * its meeting.  With a task (task->v[TF_TITLE] set; may be NULL) the
 * follow-up task is created in the same transaction; its problems come
 * after the decision's with field TF_* + DF_COUNT. */
int decision_save(Db *db, Arena *a, const Viewer *v, const char *client, int64_t id, int64_t item_id,
                  const DecisionText *in, const struct TaskText *task, int64_t *out_id, FormProblem **errs,
                  size_t *nerr, Err *e);

/* ---- tasks ---------------------------------------------------------------------- */

typedef struct Task {
    Record rec;
    const char *description;
    const char *ministry_code, *ministry_name, *ministry_name_nn, *ministry_name_en;  /* responsible */
    Person assignee;                   /* id 0: the ministry as a whole */
    const char *due_on;                /* NULL: none */
    const char *status;                /* open in_progress done cancelled */
    int64_t decision_id, meeting_id;   /* 0: none (or not readable) */
    const char *decision_title, *meeting_title;
    const char *closed_on;
    bool overdue;                      /* open, and due_on has passed */
} Task;

typedef struct TaskFilter {
    bool mine;                         /* the viewer is the responsible person */
    int64_t ministry_id;               /* responsible ministry; 0: any */
    int64_t decision_id, meeting_id, group_id; /* 0: any */
    const char *ministry_code;         /* responsible ministry by code; NULL: any */
    bool open;                         /* not done or cancelled */
    bool overdue;
    bool overdue_first;                /* overdue ones first, then by deadline */
    int limit;                         /* at most this many; 0: 1,000 */
} TaskFilter;

int task_get(Db *db, Arena *a, const Viewer *v, int64_t id, Task *out, Err *e);
int task_list(Db *db, Arena *a, const Viewer *v, const TaskFilter *f, Task **out, size_t *n, Err *e);

/* task_counts: how many tasks v may read match f, and how many of them
 * are overdue (one query, for dashboards). */
int task_counts(Db *db, const Viewer *v, const TaskFilter *f, int *n, int *noverdue, Err *e);

/* The text form of a task: title, description, ministry (code), assignee
 * (username or ''), due_on (ISO or ''), status, decision (id or ''),
 * meeting (id or ''), group (id or ''). */
enum { TF_TITLE, TF_DESCRIPTION, TF_MINISTRY, TF_ASSIGNEE, TF_DUE_ON, TF_STATUS, TF_DECISION, TF_MEETING, TF_GROUP, TF_COUNT };
typedef struct TaskText {
    const char *v[TF_COUNT];
} TaskText;
extern const char *const g_task_field_names[TF_COUNT];
extern const char *const g_task_field_labels[TF_COUNT];

/* task_save: create (id 0) or change task id.  A new task from agenda
 * item item_id (0: none) is its outcome.  Assigning (a new task, or a new
 * person or ministry) notifies the person, or the ministry's case officers
 * when no person is named. */
int task_save(Db *db, Arena *a, const Viewer *v, const char *client, int64_t id, int64_t item_id,
              const TaskText *in, int64_t *out_id, FormProblem **errs, size_t *nerr, Err *e);

/* For reminders (the e-mail scheduler): every open task (not done or
 * cancelled) whose deadline is tomorrow or has passed, one row per person
 * to remind — the responsible person, or when only a ministry is
 * responsible, that ministry's case officers.  Not filtered by a viewer:
 * the caller writes notifications with notify_add, which checks access. */
typedef struct TaskDeadline {
    int64_t task_id;
    int64_t user_id;
    const char *due;
    bool overdue;
} TaskDeadline;
int task_deadlines(Db *db, Arena *a, const char *today, TaskDeadline **out, size_t *n, Err *e);

/* ---- goal interactions ---------------------------------------------------------- */

typedef struct MinistryGoal {
    int64_t id;
    const char *code;                  /* 'HOD-1' */
    const char *ministry_code;
    const char *text, *text_nn, *text_en;
    const char *source;
    bool illustrative;
} MinistryGoal;

/* ministry_goal_list: the goals of ministry (code; NULL: all), by code. */
int ministry_goal_list(Db *db, Arena *a, const char *ministry, MinistryGoal **out, size_t *n, Err *e);

typedef struct Interaction {
    Record rec;                        /* owner: the registering ministry */
    int64_t source_id;                 /* 0 when v may not read the source */
    const char *source_title, *source_kind;
    MinistryGoal goal;                 /* the affected goal and its ministry */
    int score;                         /* −3..3 */
    const char *justification;
    const char *response;              /* agree remark disagree; NULL: awaiting an answer */
    const char *response_text;
    const char *answered_on;
    Person answered_by;
} Interaction;

typedef struct InteractionFilter {
    int64_t awaiting_ministry_id;      /* open ones that ministry is asked to answer; 0: any */
    int64_t ministry_id;               /* registered by or affecting it; 0: any */
    int64_t source_id;                 /* about this record; 0: any */
    bool open, negative;
} InteractionFilter;

int interaction_get(Db *db, Arena *a, const Viewer *v, int64_t id, Interaction *out, Err *e);
int interaction_list(Db *db, Arena *a, const Viewer *v, const InteractionFilter *f, Interaction **out, size_t *n,
                     Err *e);

/* The text form of an interaction: source (record id), goal (code),
 * score (−3..3), justification. */
enum { IF_SOURCE, IF_GOAL, IF_SCORE, IF_JUSTIFICATION, IF_COUNT };
extern const char *const g_interaction_field_names[IF_COUNT];
extern const char *const g_interaction_field_labels[IF_COUNT];

/* interaction_create: register an interaction as v (a user of a ministry
 * who may read the source, a measure, decision or case; the goal is
 * another ministry's).  Notifies the affected ministry's secretary general
 * and case officers. */
int interaction_create(Db *db, Arena *a, const Viewer *v, const char *client, const char *const in[IF_COUNT],
                       int64_t *out_id, FormProblem **errs, size_t *nerr, Err *e);

/* interaction_can_answer: v may answer for the affected ministry (its
 * secretary general or case officers). */
bool interaction_can_answer(const Viewer *v, const Interaction *x);

/* interaction_answer: the affected ministry's answer (agree, remark,
 * disagree; text required unless agree).  An answered one may be answered
 * again (a new version). */
int interaction_answer(Db *db, Arena *a, const Viewer *v, const char *client, int64_t id, const char *response,
                       const char *text, FormProblem **errs, size_t *nerr, Err *e);

/* One cell of the matrix: interactions registered by from affecting
 * to's goals, that v may read. */
typedef struct MatrixCell {
    const char *from, *to;             /* ministry codes */
    int n, nopen, nnegative;
    int min, max;                      /* lowest and highest score */
    double mean;
} MatrixCell;
int interaction_matrix(Db *db, Arena *a, const Viewer *v, MatrixCell **out, size_t *n, Err *e);

/* ---- calendar feeds ------------------------------------------------------------- */

/* calendar_feed_state: whether v has a feed in use, and since when. */
int calendar_feed_state(Db *db, Arena *a, const Viewer *v, bool *active, const char **since, Err *e);

/* calendar_feed_create: a new secret token for v's feed (any old one is
 * revoked), into token (44 bytes); shown once, stored hashed.  Audited. */
int calendar_feed_create(Db *db, const Viewer *v, const char *client, char token[64], Err *e);

/* calendar_feed_revoke: revoke v's feed.  Audited. */
int calendar_feed_revoke(Db *db, const Viewer *v, const char *client, Err *e);

/* calendar_feed_ics: the calendar of the feed with token: the owner's
 * meetings, their tasks' deadlines, their ministry's consultation and
 * reporting round deadlines — what the owner may read now.  E_NOTFOUND
 * for an unknown or revoked token or a disabled owner. */
int calendar_feed_ics(Db *db, Arena *a, const char *token, Buf *out, Err *e);

#endif
