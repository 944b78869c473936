/* mail.h: e-mail — notifications, digests and deadline reminders out of
 * the record core's notifications (model).
 *
 * E-mail is another way out of the same notification model.  When
 * notify_add writes a notification, the hook here (installed at program
 * start) looks at the person's choice for that kind: at once → an outbox
 * row now, in the same transaction; daily or weekly digest → a
 * mail_pending row now, which the scheduler (mail_tick) later collects
 * with the others into one digest row; off → nothing, ever.  Each
 * notification goes into at most one e-mail (mail_item).
 *
 * The sender (mail_send_due) claims due rows, renders them in the
 * recipient's language with links back to samla, checks again what the
 * recipient may read (a notification about a record they can no longer
 * read is left out; an e-mail left with nothing is dropped), hands the
 * message to the SMTP server with libcurl and marks it sent only after
 * the server accepted it.  Temporary failures (4xx, no connection) are
 * retried with exponential back-off until give_up_s after the row was
 * written; permanent ones (5xx) give up at once.  A crash between the
 * server's acceptance and the mark sends it again on restart with the
 * same Message-ID, which mail clients show once.
 *
 * The scheduler (mail_tick) writes deadline reminders as notifications
 * with a dedupe key (so a scan that runs twice writes each once), makes
 * the daily and weekly digests, and the weekly summary for secretaries
 * general.
 *
 * Strings live in the caller's arena.  Messages in Err are bokmål message
 * ids (N_) for pages, English for database and SMTP failures.
 */
#ifndef SAMLA_MAIL_H
#define SAMLA_MAIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/core/perm.h"
#include "app/core/req.h"
#include "base/arena.h"
#include "base/err.h"
#include "db/db.h"

/* ---- configuration -------------------------------------------------------- */

typedef struct MailConfig {
    const char *smtp_url;     /* "smtp://mail.example.no:587" (STARTTLS per tls) or "smtps://…:465";
                                 NULL or "": not configured, mail stays queued */
    const char *tls;          /* "starttls" (required, the default), "try", "none" (smtp:// only) */
    const char *user;         /* SMTP user; NULL: no authentication */
    const char *password;     /* the password (read from a file by the CLI) */
    const char *from;         /* sender address: "samla@example.no" */
    const char *from_name;    /* shown name; NULL: "samla" */
    const char *base_url;     /* "https://samla.example.no", for links and unsubscribe */
    const char *ca_file;      /* CA bundle for the server's certificate; NULL: the system's */
    long give_up_s;           /* give up this long after the row was written (default 2 days) */
    long retry_base_s;        /* first retry after this; doubles up to an hour (default 60) */
    long tick_s;              /* the sender thread wakes this often (default 60; 1–3600) */
} MailConfig;

/* mail_config_defaults: the documented defaults, nothing configured. */
void mail_config_defaults(MailConfig *c);

/* mail_configure: use c (copied; its strings must outlive the process). */
void mail_configure(const MailConfig *c);

/* mail_config: the configuration in use. */
const MailConfig *mail_config(void);

/* mail_configured: an SMTP server and a sender address are configured. */
bool mail_configured(void);

/* ---- preferences ---------------------------------------------------------- */

typedef enum Cadence { CADENCE_NOW, CADENCE_DAILY, CADENCE_WEEKLY, CADENCE_OFF } Cadence;

typedef struct MailKind {
    const char *kind;         /* a notification type, or "summary" */
    const char *label;        /* bokmål message id: «Når noen nevner meg» */
    Cadence dflt;             /* when the person has not chosen */
    bool sg_only;             /* only for secretaries general (the weekly summary) */
} MailKind;

/* mail_kinds: the kinds a person chooses for, in the order shown. */
const MailKind *mail_kinds(size_t *n);

/* mail_kind_find: the kind named kind; NULL when there is none. */
const MailKind *mail_kind_find(const char *kind);

/* mail_cadence_code / mail_cadence_parse: "now", "daily", "weekly",
 * "off"; parse gives -1 for anything else. */
const char *mail_cadence_code(Cadence c);
int mail_cadence_parse(const char *s);

/* mail_cadence_label: bokmål message id of c («Med en gang»). */
const char *mail_cadence_label(Cadence c);

/* mail_pref_get: user_id's cadence for kind (the default when not chosen). */
Cadence mail_pref_get(Db *db, int64_t user_id, const char *kind);

/* mail_kind_applies: kind is for user_id (the summary only for
 * secretaries general). */
bool mail_kind_applies(Db *db, int64_t user_id, const MailKind *k);

/* mail_user_address: user_id's e-mail address (in a); "" when none. */
const char *mail_user_address(Db *db, Arena *a, int64_t user_id);

/* mail_pref_set: v sets their own cadence for kind.  E_FORBIDDEN for an
 * anonymous or read-only viewer, E_INVALID for an unknown kind.
 * Audited "mail.preference". */
int mail_pref_set(Db *db, const Viewer *v, const char *client, const char *kind, Cadence c, Err *e);

/* ---- unsubscribe ------------------------------------------------------------ */

/* mail_unsub_kind_valid: kind can be unsubscribed from: a MailKind, or
 * "daily" / "weekly" (every kind that goes into that digest). */
bool mail_unsub_kind_valid(const char *kind);

/* mail_unsub_token: the token (base64url, in a) that lets the holder turn
 * off kind for user_id, and nothing else. */
const char *mail_unsub_token(Db *db, Arena *a, int64_t user_id, const char *kind);

/* mail_unsub_check: token is user_id's for kind.  Sets *name (in a) to the
 * person's full name when it is. */
bool mail_unsub_check(Db *db, Arena *a, int64_t user_id, const char *kind, const char *token, const char **name);

/* mail_unsubscribe: turn kind off for user_id when token is theirs for
 * that kind (E_FORBIDDEN otherwise).  No sign-in needed: the token is the
 * proof.  Audited "mail.unsubscribe". */
int mail_unsubscribe(Db *db, const char *client, int64_t user_id, const char *kind, const char *token, Err *e);

/* ---- the outbox -------------------------------------------------------------- */

typedef struct OutboxRow {
    int64_t id;
    const char *kind;         /* notice, daily, weekly, summary, test */
    const char *status;       /* queued, sending, sent, failed, given_up, dropped */
    const char *to_name;      /* the recipient's full name; NULL for a test mail */
    const char *to_ministry;  /* their ministry's code; NULL when none */
    const char *to_addr;      /* their address (or the test mail's) */
    int attempts;
    long long next_attempt_at;/* unix time */
    const char *last_error;
    const char *message_id;
    long long created_at, sent_at; /* unix times; sent_at 0: not sent */
    int items;                /* notifications in it */
} OutboxRow;

typedef struct OutboxCounts {
    int queued, sending, sent, failed, given_up, dropped;
} OutboxCounts;

/* mail_counts: how many rows have each status. */
void mail_counts(Db *db, OutboxCounts *c);

/* mail_outbox_list: the newest rows (status "" or NULL: any), at most
 * limit (1–500), for an administrator (E_FORBIDDEN otherwise). */
int mail_outbox_list(Db *db, Arena *a, const Viewer *v, const char *status, int limit, OutboxRow **out, size_t *n,
                     OutboxCounts *counts, Err *e);

/* mail_resend: put failed, given-up or dropped row id back in the queue
 * (same Message-ID).  Administrators only; E_NOTFOUND, E_CONFLICT for a
 * row that is queued, sending or sent.  Audited "mail.resend". */
int mail_resend(Db *db, const Viewer *v, const char *client, int64_t id, Err *e);

/* mail_test: queue a test mail to addr (an e-mail address).  Administrators
 * only; E_INVALID for a malformed address.  Audited "mail.test". *id (may
 * be NULL) gets the row. */
int mail_test(Db *db, const Viewer *v, const char *client, const char *addr, int64_t *id, Err *e);

/* mail_addr_valid: addr looks like one deliverable address (local@domain,
 * no spaces, angle brackets, commas or control characters). */
bool mail_addr_valid(const char *addr);

/* ---- sending and scheduling ----------------------------------------------------- */

/* mail_recover: put rows a crashed sender left in 'sending' back in the
 * queue; call once before sending starts.  Returns how many. */
int mail_recover(Db *db);

/* mail_send_due: send every row that is due now (at most max; 0: all),
 * one at a time.  *sent / *failed (may be NULL) count the outcomes.
 * Returns 0, or E_DB; SMTP failures are the rows' business. */
int mail_send_due(Db *db, int max, int *sent, int *failed, Err *e);

/* mail_tick: the scheduler for the day today (ISO date): deadline
 * reminders from every deadline source, daily and weekly digests, the
 * weekly summary.  *made (may be NULL) counts notifications and digests
 * written. */
int mail_tick(Db *db, const char *today, int *made, Err *e);

/* mail_thread_start: in `samla serve`, a thread on its own connection to
 * db_path that runs mail_tick every tick_s seconds and mail_send_due every
 * two (so mail wanted at once leaves within seconds).  The stop signals
 * are blocked in it. */
int mail_thread_start(const char *db_path, Err *e);

/* mail_thread_stop: wake the thread, let it finish the mail in hand, join. */
void mail_thread_stop(void);

/* ---- deadlines -------------------------------------------------------------------- */

/* A reminder the scheduler writes: notify user_id about record_id with
 * type (NOTIFY_DEADLINE or NOTIFY_OVERDUE) once per key. */
typedef struct MailDeadline {
    int64_t record_id;
    int64_t user_id;
    const char *type;
    const char *key;          /* dedupe key: "consult-answer:12:2026-10-26:3d" */
} MailDeadline;

/* A deadline source: the reminders due on today (in a). */
typedef int (*MailDeadlineSource)(Db *db, Arena *a, const char *today, MailDeadline **out, size_t *n, Err *e);

#endif
