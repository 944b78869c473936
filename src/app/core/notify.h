/* notify.h: in-app notifications — «Varsler» (model).
 *
 * A notification tells one person that something happened on a record:
 * they were mentioned in a comment, and later a deadline draws near, a
 * consultation was answered, a reporting round opened.  notify_add is the
 * one way a notification is born, called by the feature that causes it
 * inside its own transaction, so the cause and the notification commit
 * together or not at all.  It decides by itself whether the person may
 * read the record (as they would when signed in), so a caller never leaks
 * a record by notifying about it.
 *
 * Reading follows access at read time too: a notification about a record
 * its owner may no longer read is neither listed nor counted.  Each person
 * sees only their own.  E-mail (app/mail) goes out of the same rows:
 * through the NotifyHook below, in the transaction that writes them.
 *
 * Strings live in the caller's arena.  Messages in Err are bokmål message
 * ids (N_) to be shown with T(); database failures have English messages.
 */
#ifndef SAMLA_NOTIFY_H
#define SAMLA_NOTIFY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/core/record.h"

/* Notification types (notification.type). */
#define NOTIFY_MENTION "mention"     /* mentioned in a comment (comment_id set) */
#define NOTIFY_DEADLINE "deadline"   /* a deadline on the record draws near */
#define NOTIFY_ANSWER "answer"       /* an answer arrived (consultations, input rounds) */
#define NOTIFY_ROUND "round"         /* a round the person takes part in opened */
#define NOTIFY_TASK "task"           /* a task was given to the person or their ministry */
#define NOTIFY_MEETING "meeting"     /* the person was invited to a meeting */
#define NOTIFY_DECISION "decision"   /* a decision the person follows was made */
#define NOTIFY_INTERACTION "interaction" /* the person's ministry is asked to answer a goal interaction */
#define NOTIFY_OVERDUE "overdue"     /* a deadline on the record has passed */
#define NOTIFY_SUMMARY "summary"     /* a periodic summary */

typedef struct Notice {
    int64_t user_id;              /* who is notified */
    int64_t record_id;            /* the record it is about */
    const char *type;             /* a NOTIFY_ type */
    int64_t actor_id;             /* who caused it; 0: samla itself */
    int64_t comment_id;           /* the comment it is about; 0: none */
    const char *dedupe_key;       /* a scheduled reminder's deadline and stage ("round:12:3d"):
                                   * written once per user and key; NULL: none */
} Notice;

/* notify_add: record notice n, inside the caller's transaction when one is
 * open (else in its own).  Returns 0 and sets *added (may be NULL) to
 * whether a notification was written.  Nothing is written — and that is
 * not an error — when the user does not exist or is disabled, is the
 * actor, may not read the record (or only its public face), or was already
 * notified of a mention in this comment or with this dedupe_key.  E_INVALID for an unknown type or
 * a mention without a comment, E_DB when writing fails.  Not audited on
 * its own: the write that causes it is. */
int notify_add(Db *db, const Notice *n, bool *added, Err *e);

/* notify_what: the bokmål message id saying what a notification of type
 * means («Nevnte deg i en kommentar»); NULL for an unknown type. */
const char *notify_what(const char *type);

/* NotifyHook: called by notify_add right after it wrote notification id
 * for n, inside the same transaction; an error rolls the notification
 * (and its cause) back.  E-mail (app/mail) hooks in here so that a mail
 * wanted at once is queued with the notification, never without it.  The
 * core knows no domain, so the domain registers itself at start. */
typedef int (*NotifyHook)(Db *db, int64_t id, const Notice *n, Err *e);

/* notify_set_hook: install h (one; NULL removes it). */
void notify_set_hook(NotifyHook h);

typedef struct Notification {
    int64_t id;
    const char *type;             /* a NOTIFY_ type */
    const char *what;             /* bokmål message id saying what happened: «Nevnte deg i en kommentar» */
    int64_t record_id;
    const RecordKind *kind;       /* NULL when the kind is not registered in this binary */
    const char *record_title;     /* the title the viewer may see */
    const char *url;              /* the record's page, anchored to the comment when there is one */
    const char *actor;            /* username; NULL: samla */
    const char *actor_name;       /* full name; NULL: samla */
    int64_t comment_id;           /* 0: none */
    bool comment_deleted;         /* the comment has since been deleted */
    const char *created_at;       /* ISO time (UTC) */
    const char *read_at;          /* ISO time; NULL: unread */
} Notification;

typedef struct NotifyFilter {
    bool unread;                  /* only unread ones */
    int64_t before_id;            /* paging: ids below this; 0: from the newest */
    int limit;                    /* at most this many, 1–200 (else 50) */
} NotifyFilter;

/* notify_list: v's notifications matching f that v may still read the
 * records of, newest first.  E_FORBIDDEN for an anonymous viewer.  *more
 * (may be NULL) tells whether older ones follow. */
int notify_list(Db *db, Arena *a, const Viewer *v, const NotifyFilter *f, Notification **out, size_t *n,
                bool *more, Err *e);

/* notify_unread_count: how many unread notifications v has about records
 * v may still read; 0 for an anonymous viewer.  One indexed query, cheap
 * enough for every page's header. */
int notify_unread_count(Db *db, const Viewer *v);

/* notify_mark_read: mark v's notification id read (id 0: all of v's
 * unread ones) and set *marked (may be NULL) to how many changed.
 * E_NOTFOUND when id is not v's (or is about a record v may no longer
 * read), E_FORBIDDEN for an anonymous viewer or a read-only token.
 * Marking a read one again changes nothing and is no error.  Audited
 * "notification.read" when anything changed. */
int notify_mark_read(Db *db, const Viewer *v, const char *client, int64_t id, int *marked, Err *e);

#endif
