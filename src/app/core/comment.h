/* comment.h: comments on records, with @mentions (model).
 *
 * Any signed-in user who may read a record (and not only its public face)
 * may read its comments and write one: plain text, up to COMMENT_MAX
 * characters, newlines allowed, checked with content_check_text.  Comments
 * are for signed-in users only: the public sees none, and a record the
 * viewer may not read has no comments for them — every function answers
 * E_NOTFOUND, exactly as for a record or comment that does not exist.
 *
 * "@username" in the text mentions a person (comment_mentions).  Writing
 * or editing a comment notifies, through notify_add and in the same
 * transaction, every mentioned person who may read the record, once per
 * comment; a mention of someone who may not read it, of an unknown name
 * or of oneself does nothing.
 *
 * Only the author changes a comment: an edit replaces the text, a
 * deletion empties it («Kommentaren er slettet»).  Every text a comment
 * has had is kept in comment_version by database triggers (append-only).
 * Writes run in their own transaction or the caller's and append to the
 * audit log ("comment.add", "comment.edit", "comment.delete"); on error
 * nothing is written.  Strings live in the caller's arena.  Messages in
 * Err are bokmål message ids (N_) to be shown with T(); database failures
 * have English messages.
 */
#ifndef SAMLA_COMMENT_H
#define SAMLA_COMMENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/core/record.h"

enum {
    COMMENT_MAX = 5000,        /* characters in a comment */
    COMMENT_MAX_MENTIONS = 50, /* people notified by one comment; later mentions are ignored */
};

typedef struct Comment {
    int64_t id;
    int64_t record_id;
    int64_t author_id;
    const char *author;           /* username */
    const char *author_name;      /* full name */
    const char *body;             /* the text; "" once deleted */
    const char *created_at;       /* ISO time (UTC) */
    const char *edited_at;        /* ISO time of the last edit; NULL: never edited */
    const char *deleted_at;       /* ISO time of the deletion; NULL: not deleted */
    int version;                  /* 1 as written, +1 per edit or deletion */
    bool deleted;                 /* deleted_at is set */
    bool can_change;              /* the viewer is the author, may write, and it is not deleted */
} Comment;

/* comment_list: the comments on record id, oldest first (deleted ones
 * too, without their text), if v may read them (see above; E_NOTFOUND
 * otherwise).  Allocates from a. */
int comment_list(Db *db, Arena *a, const Viewer *v, int64_t record_id, Comment **out, size_t *n, Err *e);

/* comment_count: how many comments (not deleted) on record id v may
 * read; 0 when none or when v may not read them. */
int comment_count(Db *db, const Viewer *v, int64_t record_id);

/* comment_get: comment id if v may read it, else E_NOTFOUND. */
int comment_get(Db *db, Arena *a, const Viewer *v, int64_t id, Comment *out, Err *e);

/* comment_add: write a comment on record record_id as v and return its
 * id in *out_id (may be NULL).  Errors in this order: E_NOTFOUND (v may
 * not read the record's comments), E_FORBIDDEN (a read-only token),
 * E_INVALID (empty, too long, or refused by content_check_text).  Notifies
 * the mentioned (see above) and audits "comment.add" in one transaction. */
int comment_add(Db *db, const Viewer *v, const char *client, int64_t record_id, const char *body, int64_t *out_id,
                Err *e);

/* comment_edit: replace the text of comment id as v.  E_NOTFOUND (v may
 * not read it), E_FORBIDDEN (not the author, or a read-only token),
 * E_CONFLICT (deleted), E_INVALID (as comment_add).  An unchanged text is
 * no change (0, nothing written).  People newly mentioned are notified;
 * audited "comment.edit". */
int comment_edit(Db *db, const Viewer *v, const char *client, int64_t id, const char *body, Err *e);

/* comment_delete: delete comment id as v: its text is emptied, the
 * history keeps it.  E_NOTFOUND, E_FORBIDDEN as comment_edit; deleting a
 * deleted comment is E_CONFLICT.  Audited "comment.delete". */
int comment_delete(Db *db, const Viewer *v, const char *client, int64_t id, Err *e);

/* comment_mentions: the usernames mentioned in text, each once, in order
 * of first mention, at most max of them, into out (strings in a).  A
 * mention is '@' at the start or after a character that is not a letter,
 * digit, '.', '-' or '_' (so e-mail addresses are not mentions), followed
 * by a username (a–z, 0–9, '.', '-', '_'; capitals read as small letters),
 * without trailing dots ("@sb.kd." mentions sb.kd).  Returns the count. */
size_t comment_mentions(Arena *a, const char *text, const char **out, size_t max);

#endif
