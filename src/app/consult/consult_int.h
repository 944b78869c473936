/* consult_int.h: what the consult domain's model files share among
 * themselves (not part of the door, consult.h). */
#ifndef SAMLA_CONSULT_INT_H
#define SAMLA_CONSULT_INT_H

#include "app/consult/consult.h"

/* The record kinds' names. */
#define KIND_CASE "case"
#define KIND_ROUND "consult_round"
#define KIND_ANSWER "consult_answer"

/* The exemption basis of documents exchanged between ministries. */
#define BASIS_BETWEEN_MINISTRIES "offl-15-1-2"

/* cs_code_valid: code is one of the NULL-terminated codes. */
bool cs_code_valid(const char *const *codes, const char *code);

/* cs_ministry_id: the id of a current ministry by code, 0 if none. */
int64_t cs_ministry_id(Db *db, const char *code);

/* cs_trim: s without leading and trailing blanks, with \r\n as \n, in a
 * ("" for NULL). */
const char *cs_trim(Arena *a, const char *s);

/* cs_event: append an event of case case_id about record record_id to the
 * timeline (no checks; the caller holds the transaction).  ministry_id 0:
 * none; NULL strings are "". */
int cs_event(Db *db, const Viewer *v, int64_t case_id, int64_t record_id, const char *type, int64_t ministry_id,
             const char *old_value, const char *new_value, const char *detail, Err *e);

/* cs_share: give ministry_id read access to record_id (an access_grant row
 * by v), unless it has one (no checks; the caller holds the transaction). */
int cs_share(Db *db, const Viewer *v, int64_t record_id, int64_t ministry_id, Err *e);

/* cs_notify_ministry: notify the people who may answer for ministry_id (its
 * case officers) about record_id with type; only the one who has taken it
 * when taken_by is not 0.  Those who may not read the record are skipped
 * by notify_add itself. */
int cs_notify_ministry(Db *db, Arena *a, const Viewer *v, int64_t record_id, int64_t ministry_id, int64_t taken_by,
                       const char *type, Err *e);

/* cs_notify_user: notify user_id (0: nobody) about record_id with type. */
int cs_notify_user(Db *db, const Viewer *v, int64_t record_id, int64_t user_id, const char *type, Err *e);

/* cs_rounds_sent: the rounds of v's ministry's cases v may read: every
 * open one, by deadline, then those closed in the last 90 days, newest
 * first (the inbox). */
int cs_rounds_sent(Db *db, Arena *a, const Viewer *v, Round **out, size_t *n, Err *e);

#endif
