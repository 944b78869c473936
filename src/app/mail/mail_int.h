/* mail_int.h: what the mail domain's files share (not a door). */
#ifndef SAMLA_MAIL_INT_H
#define SAMLA_MAIL_INT_H

#include "app/mail/mail.h"
#include "base/buf.h"

/* mail_outbox_add (mail.c): write a queued row for user_id (0: a test
 * mail to to_addr) with a fresh Message-ID; *id (may be NULL) gets it. */
int mail_outbox_add(Db *db, int64_t user_id, const char *to_addr, const char *kind, int64_t *id, Err *e);

/* mail_item_add (mail.c): notification_id goes into outbox row outbox_id. */
int mail_item_add(Db *db, int64_t outbox_id, int64_t notification_id, Err *e);

/* A message ready for SMTP. */
typedef struct MailMessage {
    const char *to;           /* the recipient's address */
    Buf data;                 /* the whole message: headers, blank line, MIME body (CRLF) */
} MailMessage;

/* mail_render (mail_render.c): row id as a message, as its recipient may
 * read it now.  Returns 0; E_NOTFOUND when there is nothing to send
 * (nothing left the recipient may read, no address, a disabled account),
 * with the reason in e. */
int mail_render(Db *db, Arena *a, int64_t id, MailMessage *m, Err *e);

#endif
