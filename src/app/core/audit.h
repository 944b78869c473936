/* audit.h: the tamper-evident audit log.
 *
 * Append-only (database triggers refuse UPDATE and DELETE); every row
 * carries the SHA-256 of the previous row's hash and its own canonical
 * form, so changing, removing or reordering any row breaks the chain at
 * that row, and audit_verify names it.  Removing the newest rows is caught
 * by comparing the highest id ever issued (AUTOINCREMENT) with the last
 * row.  Writes that are audited call audit_append inside their own
 * transaction, so the change and its audit row commit together or not at
 * all.
 */
#ifndef SAMLA_AUDIT_H
#define SAMLA_AUDIT_H

#include <stddef.h>
#include <stdint.h>

#include "app/core/perm.h"
#include "base/arena.h"
#include "base/err.h"
#include "db/db.h"

typedef struct AuditRow {
    int64_t id;
    const char *at, *actor, *client, *action, *object_type, *object_id, *summary, *prev_hash, *hash;
    int64_t actor_id;             /* 0 when none */
} AuditRow;

typedef struct AuditFilter {
    const char *actor;            /* exact username, NULL: any */
    const char *action;           /* exact action or prefix ending in '.', NULL: any */
    const char *from, *to;        /* ISO dates (inclusive), NULL: open */
    int64_t before_id;            /* paging: rows with id < before_id; 0: newest */
    int limit;                    /* at most this many (1–500) */
} AuditFilter;

/* audit_append: append one row for an action by v (NULL: the CLI) from
 * client.  Inside the caller's transaction when one is open, else in its
 * own. */
int audit_append(Db *db, const Viewer *v, const char *client, const char *action, const char *object_type,
                 const char *object_id, const char *summary, Err *e);

/* audit_verify: walk the chain.  0 when intact (*rows gets the count);
 * E_CONFLICT when broken, with *bad_id the first bad row and a message. */
int audit_verify(Db *db, int64_t *rows, int64_t *bad_id, Err *e);

/* audit_head: the newest row's hash (64 hex digits) into out, "" when the
 * log is empty.  Operators keep it outside the database: a later verify
 * that no longer reaches it shows the whole chain was rewritten. */
void audit_head(Db *db, char out[65]);

/* audit_list: rows matching f, newest first.  Needs CAP_AUDIT_READ. */
int audit_list(Db *db, Arena *a, const Viewer *v, const AuditFilter *f, AuditRow **out, size_t *n, Err *e);

#endif
