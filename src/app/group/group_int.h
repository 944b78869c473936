/* group_int.h: what the group domain's files share among themselves (not
 * part of the door, group.h). */
#ifndef SAMLA_GROUP_INT_H
#define SAMLA_GROUP_INT_H

#include "app/group/group.h"

/* group_code_valid: code is one of the NULL-terminated codes. */
bool group_code_valid(const char *const *codes, const char *code);

/* group_ministry_id: the id of a current ministry by code, 0 if none. */
int64_t group_ministry_id(Db *db, const char *code);

/* group_trim: s without leading and trailing blanks and line ends, and
 * with \r\n as \n, in a. */
const char *group_trim(Arena *a, const char *s);

/* group_ladder_insert: append a ladder row (no checks; the caller holds the
 * transaction).  ministry_id 0: the whole group. */
int group_ladder_insert(Db *db, const Viewer *v, int64_t group_id, int64_t ministry_id, int step, int target,
                        const char *on_date, const char *justification, int64_t evidence_id, Err *e);

/* group_member_insert: add a membership row (no checks). */
int group_member_insert(Db *db, int64_t group_id, int64_t user_id, const char *role, const char *joined_on, Err *e);

#endif
