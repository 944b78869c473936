/* work_int.h: what the work domain's model files share among themselves
 * (not part of the door, work.h). */
#ifndef SAMLA_WORK_INT_H
#define SAMLA_WORK_INT_H

#include "app/work/work.h"

#define KIND_MEETING "meeting"
#define KIND_DECISION "decision"
#define KIND_TASK "task"
#define KIND_INTERACTION "interaction"

/* wk_problem: append a problem to errs (n, cap as for arena_push). */
void wk_problem(Arena *a, FormProblem **errs, size_t *n, size_t *cap, int field, const char *msg, const char *arg);

/* wk_ministry_id: a current ministry's id by code, 0 if none. */
int64_t wk_ministry_id(Db *db, const char *code);

/* wk_trim: s without leading and trailing blanks, \r\n as \n, in a ("" for NULL). */
const char *wk_trim(Arena *a, const char *s);

/* wk_in_list: code is an item of the comma-separated list. */
bool wk_in_list(const char *list, const char *code);

/* wk_user_id: an active user's id by username, 0 if none. */
int64_t wk_user_id(Db *db, const char *username);

/* wk_record_id: s as a record id of kind (NULL: any kind) that v may
 * read, 0 if not ('' is 0 too). */
int64_t wk_record_id(Db *db, const Viewer *v, const char *s, const char *kind);

/* wk_group_marking: the marking of what group_id owns: 'restricted' when
 * the group is restricted, else 'internal'. */
const char *wk_group_marking(Db *db, int64_t group_id);

/* wk_copy_grants: give to_id the access grants of from_id (the caller
 * holds the transaction). */
int wk_copy_grants(Db *db, int64_t from_id, int64_t to_id, Err *e);

/* wk_grant: give a ministry (ministry_id) or a person (user_id) read
 * access to record_id unless they have it (one of them 0). */
int wk_grant(Db *db, const Viewer *v, int64_t record_id, int64_t ministry_id, int64_t user_id, Err *e);

/* wk_notify_user / wk_notify_ministry: notify a person, or the people who
 * act for a ministry — its case officers, and its secretary general when
 * with_head — about record_id (notify_add skips those who may not read it). */
int wk_notify_user(Db *db, const Viewer *v, int64_t record_id, int64_t user_id, const char *type, Err *e);
int wk_notify_ministry(Db *db, Arena *a, const Viewer *v, int64_t record_id, int64_t ministry_id, bool with_head,
                       const char *type, Err *e);

/* wk_ministry_users: the active users who act for ministry_id: its case
 * officers, and its secretary general when with_head; ids into out (room
 * for max), returns how many. */
size_t wk_ministry_users(Db *db, Arena *a, int64_t ministry_id, bool with_head, int64_t *out, size_t max);

/* wk_task_problems: the problems a new task made from in would have (its
 * fields only; where it comes from is checked when it is made). */
size_t wk_task_problems(Db *db, Arena *a, const Viewer *v, const TaskText *in, FormProblem **errs);

/* wk_outcome: make agenda item item_id the source of record_id (it must
 * belong to meeting_id and have no outcome yet); E_CONFLICT otherwise. */
int wk_outcome(Db *db, int64_t item_id, int64_t meeting_id, int64_t record_id, Err *e);

/* iCalendar (RFC 5545) writing: the calendar's start with the time zone
 * Europe/Oslo, a folded and escaped property, a local time as
 * TZID=Europe/Oslo, and the end. */
void ics_begin(Buf *b, const char *name);
void ics_prop(Buf *b, const char *name, const char *value);   /* escapes value as TEXT */
void ics_raw(Buf *b, const char *name, const char *value);    /* value as it is */
void ics_local(Buf *b, const char *name, const char *local);  /* 'YYYY-MM-DDTHH:MM' */
void ics_date(Buf *b, const char *name, const char *iso);     /* VALUE=DATE */
void ics_stamp(Buf *b);                                       /* DTSTAMP now, UTC */
void ics_end(Buf *b);

/* wk_meeting_vevent: the VEVENT of meeting m into b (for meeting_ics and the feed). */
void wk_meeting_vevent(Buf *b, Arena *a, const Meeting *m);

/* The feed's other parts, each through its domain's door: the
 * consultation deadlines and the reporting round deadlines of v's
 * ministry; summaries in lang (the owner's language). */
void wk_feed_consult(Db *db, Arena *a, const Viewer *v, int lang, Buf *b);
void wk_feed_rounds(Db *db, Arena *a, const Viewer *v, int lang, Buf *b);

#endif
