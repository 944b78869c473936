/* mail_send.c: the sender — claim a due outbox row, render it, hand it to
 * the SMTP server with libcurl, and mark it sent only after the server
 * accepted it (see mail.h).  Also the thread `samla serve` runs it in.
 *
 * A row is claimed in a transaction (status 'sending', attempts + 1, and
 * a lease of ten minutes in next_attempt_at), then sent outside any
 * transaction, then marked.  A sender that dies after the claim leaves
 * the row 'sending': mail_recover (at start) or the lease running out
 * puts it back, and it goes out with the same Message-ID.  So a mail is
 * sent twice only when the crash falls between the server's acceptance
 * and the mark, and then mail clients show it once.
 *
 * SAMLA_MAIL_FAILPOINT (tests only) kills the process with SIGKILL at a
 * point of the sending: "after-claim" (before the server sees anything)
 * or "after-accept" (the server accepted; the row is not marked yet).
 */
#include <curl/curl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "app/mail/mail_int.h"
#include "base/log.h"
#include "base/util.h"

enum { LEASE_S = 600, RETRY_MAX_S = 3600, POLL_S = 2 };

static pthread_once_t g_curl_once = PTHREAD_ONCE_INIT;

/* Set when samla is stopping: the transfer in hand is abandoned (the row
 * is retried later) and no further row is claimed. */
static atomic_bool g_stopping;

static int progress_cb(void *arg, curl_off_t dt, curl_off_t dn, curl_off_t ut, curl_off_t un)
{
    (void)arg, (void)dt, (void)dn, (void)ut, (void)un;
    return atomic_load(&g_stopping) ? 1 : 0;
}

static void curl_setup(void)
{
    curl_global_init(CURL_GLOBAL_DEFAULT);
}

static void failpoint(const char *where)
{
    const char *fp = getenv("SAMLA_MAIL_FAILPOINT");
    if (fp && str_eq(fp, where)) {
        Buf b = {0};
        log_kv(&b, "failpoint", where);
        log_write("warn", "mail failpoint reached; killing the process", &b);
        buf_free(&b);
        raise(SIGKILL);
    }
}

static void log_row(const char *level, const char *msg, int64_t id, const char *message_id, const char *error)
{
    Buf b = {0};
    char num[32];
    snprintf(num, sizeof num, "%lld", (long long)id);
    log_kv(&b, "mail", num);
    if (message_id) {
        log_kv(&b, "message_id", message_id);
    }
    if (error && *error) {
        log_kv(&b, "error", error);
    }
    log_write(level, msg, &b);
    buf_free(&b);
}

int mail_recover(Db *db)
{
    Err e = {0};
    if (db_exec(db, "UPDATE mail_outbox SET status = 'queued', next_attempt_at = CAST(strftime('%s', 'now') AS INTEGER) "
                    "WHERE status = 'sending'", &e)) {
        return 0;
    }
    int n = db_changes(db);
    if (n) {
        Buf b = {0};
        char num[16];
        snprintf(num, sizeof num, "%d", n);
        log_kv(&b, "mails", num);
        log_write("warn", "e-mail left in sending by a stopped sender is queued again (same Message-ID)", &b);
        buf_free(&b);
    }
    return n;
}

/* Claim the next due row: its id, attempts so far and created time. */
static int claim(Db *db, int64_t *id, int *attempts, long long *created, Err *e)
{
    *id = 0;
    long long now = (long long)time(NULL);
    int rc = db_begin(db, e);
    if (rc) {
        return rc;
    }
    Stmt *s = db_prepare(db, "SELECT id, attempts, created_at FROM mail_outbox "
                             "WHERE status IN ('queued', 'failed', 'sending') AND next_attempt_at <= ?1 "
                             "ORDER BY next_attempt_at, id LIMIT 1");
    db_bind_int(s, 1, now);
    if (db_step(s) == DB_ROW) {
        *id = db_col_int(s, 0);
        *attempts = (int)db_col_int(s, 1) + 1;
        *created = db_col_int(s, 2);
    }
    db_done(s);
    if (*id) {
        s = db_prepare(db, "UPDATE mail_outbox SET status = 'sending', attempts = attempts + 1, next_attempt_at = ?2 "
                           "WHERE id = ?1");
        db_bind_int(s, 1, *id);
        db_bind_int(s, 2, now + LEASE_S);
        rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, "claiming the e-mail failed");
        db_done(s);
    }
    return db_finish(db, rc, e);
}

static int set_status(Db *db, int64_t id, const char *status, long long next, const char *error)
{
    Stmt *s = db_prepare(db, "UPDATE mail_outbox SET status = ?2, next_attempt_at = ?3, last_error = ?4, "
                             "sent_at = CASE WHEN ?2 = 'sent' THEN ?5 ELSE sent_at END WHERE id = ?1");
    db_bind_int(s, 1, id);
    db_bind_text(s, 2, status);
    db_bind_int(s, 3, next);
    db_bind_text(s, 4, error ? error : "");
    db_bind_int(s, 5, (int64_t)time(NULL));
    int rc = db_step(s) == DB_DONE ? 0 : E_DB;
    db_done(s);
    return rc;
}

typedef struct Reader {
    const char *data;
    size_t len, at;
} Reader;

static size_t read_cb(char *out, size_t size, size_t count, void *arg)
{
    Reader *r = arg;
    size_t room = size * count, left = r->len - r->at;
    size_t n = left < room ? left : room;
    memcpy(out, r->data + r->at, n);
    r->at += n;
    return n;
}

/* Hand m to the server.  0: accepted.  Else *code gets the server's reply
 * code (0: none, as for a refused connection) and error what went wrong. */
static int smtp_send(const MailMessage *m, long *code, char *error, size_t error_size)
{
    const MailConfig *cfg = mail_config();
    pthread_once(&g_curl_once, curl_setup);
    *code = 0;
    error[0] = 0;
    CURL *c = curl_easy_init();
    if (!c) {
        snprintf(error, error_size, "libcurl cannot start");
        return -1;
    }
    char errbuf[CURL_ERROR_SIZE] = "";
    char from[300], to[300];
    snprintf(from, sizeof from, "<%s>", cfg->from);
    snprintf(to, sizeof to, "<%s>", m->to);
    struct curl_slist *rcpt = curl_slist_append(NULL, to);
    Reader rd = {buf_str(&m->data), m->data.len, 0};
    curl_easy_setopt(c, CURLOPT_URL, cfg->smtp_url);
    curl_easy_setopt(c, CURLOPT_MAIL_FROM, from);
    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
    curl_easy_setopt(c, CURLOPT_READFUNCTION, read_cb);
    curl_easy_setopt(c, CURLOPT_READDATA, &rd);
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, (curl_off_t)rd.len);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 20L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 120L);
    curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, progress_cb);
    long ssl = CURLUSESSL_ALL;
    if (cfg->tls && str_eq(cfg->tls, "try")) {
        ssl = CURLUSESSL_TRY;
    } else if (cfg->tls && str_eq(cfg->tls, "none")) {
        ssl = CURLUSESSL_NONE;
    }
    curl_easy_setopt(c, CURLOPT_USE_SSL, ssl);
    if (cfg->ca_file && *cfg->ca_file) {
        curl_easy_setopt(c, CURLOPT_CAINFO, cfg->ca_file);
    }
    if (cfg->user && *cfg->user) {
        curl_easy_setopt(c, CURLOPT_USERNAME, cfg->user);
        curl_easy_setopt(c, CURLOPT_PASSWORD, cfg->password ? cfg->password : "");
    }
    CURLcode res = curl_easy_perform(c);
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, code);
    if (res != CURLE_OK) {
        snprintf(error, error_size, "%s%s%s (reply %ld)", curl_easy_strerror(res), *errbuf ? ": " : "", errbuf,
                 *code);
    }
    curl_slist_free_all(rcpt);
    curl_easy_cleanup(c);
    return res == CURLE_OK ? 0 : -1;
}

/* Send row id (claimed).  1 sent, 0 not (failed, given up, dropped), -1
 * not sent because the server is not there or not taking mail now (no
 * reply, or 421): the rest waits for the next round rather than each
 * waiting for its own connection timeout. */
static int send_one(Db *db, int64_t id, int attempts, long long created)
{
    Arena a = {0};
    Err e = {0};
    MailMessage m;
    const char *mid = NULL;
    int rc = mail_render(db, &a, id, &m, &e);
    if (rc) {
        set_status(db, id, "dropped", 0, e.msg);
        log_row("info", "e-mail dropped", id, NULL, e.msg);
        buf_free(&m.data);
        arena_free(&a);
        return 0;
    }
    mid = db_one_text(db, &a, "SELECT message_id FROM mail_outbox WHERE id = ?1", id);
    failpoint("after-claim");
    long code = 0;
    char error[512];
    int sent = smtp_send(&m, &code, error, sizeof error) == 0;
    buf_free(&m.data);
    if (sent) {
        failpoint("after-accept");
        set_status(db, id, "sent", 0, NULL);
        log_row("info", "e-mail sent", id, mid, NULL);
        arena_free(&a);
        return 1;
    }
    const MailConfig *cfg = mail_config();
    long long now = (long long)time(NULL);
    long long delay = cfg->retry_base_s > 0 ? cfg->retry_base_s : 60;
    for (int i = 1; i < attempts && delay < RETRY_MAX_S; i++) {
        delay *= 2;
    }
    delay = delay > RETRY_MAX_S ? RETRY_MAX_S : delay;
    if (code >= 500 && code < 600) {
        set_status(db, id, "given_up", 0, error);
        log_row("error", "e-mail given up: the server refused it for good", id, mid, error);
    } else if (now + delay - created > cfg->give_up_s) {
        set_status(db, id, "given_up", 0, error);
        log_row("error", "e-mail given up: still not accepted after the give-up time", id, mid, error);
    } else {
        set_status(db, id, "failed", now + delay, error);
        log_row("warn", "e-mail not accepted; will retry", id, mid, error);
    }
    arena_free(&a);
    return code == 0 || code == 421 ? -1 : 0;
}

int mail_send_due(Db *db, int max, int *sent, int *failed, Err *e)
{
    int ok = 0, bad = 0;
    /* Nothing due (one read of the index): no write transaction at all. */
    bool due = mail_configured() &&
               db_exists(db, "SELECT 1 FROM mail_outbox WHERE status IN ('queued', 'failed', 'sending') "
                             "AND next_attempt_at <= ?1 LIMIT 1", (int64_t)time(NULL));
    if (due) {
        for (int i = 0; (max <= 0 || i < max) && !atomic_load(&g_stopping); i++) {
            int64_t id;
            int attempts;
            long long created;
            if (claim(db, &id, &attempts, &created, e)) {
                return E_DB;
            }
            if (!id) {
                break;
            }
            int r = send_one(db, id, attempts, created);
            ok += r == 1;
            bad += r != 1;
            if (r < 0) {
                break;
            }
        }
    }
    if (sent) {
        *sent = ok;
    }
    if (failed) {
        *failed = bad;
    }
    return 0;
}

/* ---- the thread in `samla serve` --------------------------------------------------- */

static pthread_t g_thread;
static bool g_running;
static pthread_mutex_t g_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t g_cv = PTHREAD_COND_INITIALIZER;
static bool g_stop;
static char g_db_path[4096];

static void *run(void *arg)
{
    (void)arg;
    Db *db = NULL;
    Err e = {0};
    if (db_open(&db, g_db_path, 0, &e)) {
        log_write("error", "the mail thread cannot open the database", NULL);
        return NULL;
    }
    mail_recover(db);
    /* The scheduler runs every tick_s; due mail is looked for every
     * POLL_S (one indexed read), so a mail wanted at once leaves within
     * seconds of its cause. */
    long tick = mail_config()->tick_s > 0 ? mail_config()->tick_s : 60;
    long poll = tick < POLL_S ? tick : POLL_S;
    time_t next_tick = 0;
    for (;;) {
        if (time(NULL) >= next_tick) {
            char today[16];
            date_today(today, sizeof today);
            e = (Err){0};
            if (mail_tick(db, today, NULL, &e)) {
                Buf b = {0};
                log_kv(&b, "error", e.msg);
                log_write("error", "the mail scheduler failed", &b);
                buf_free(&b);
            }
            next_tick = time(NULL) + tick;
        }
        e = (Err){0};
        mail_send_due(db, 0, NULL, NULL, &e);
        pthread_mutex_lock(&g_mu);
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += poll;
        while (!g_stop && pthread_cond_timedwait(&g_cv, &g_mu, &until) == 0) {
        }
        bool stop = g_stop;
        pthread_mutex_unlock(&g_mu);
        if (stop) {
            break;
        }
    }
    db_close(db);
    return NULL;
}

int mail_thread_start(const char *db_path, Err *e)
{
    snprintf(g_db_path, sizeof g_db_path, "%s", db_path);
    pthread_once(&g_curl_once, curl_setup);
    /* The stop signals go to the main thread's sigwait, never here. */
    sigset_t block, old;
    sigemptyset(&block);
    sigaddset(&block, SIGINT);
    sigaddset(&block, SIGTERM);
    sigaddset(&block, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &block, &old);
    g_stop = false;
    atomic_store(&g_stopping, false);
    int rc = pthread_create(&g_thread, NULL, run, NULL);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (rc) {
        return err_set(e, E_IO, "cannot start the mail thread");
    }
    g_running = true;
    Buf b = {0};
    log_kv(&b, "smtp", mail_configured() ? mail_config()->smtp_url : "not configured");
    log_write("info", mail_configured() ? "mail sender started" : "mail sender started; no SMTP server configured, "
                                                                  "e-mail stays in the outbox",
              &b);
    buf_free(&b);
    return 0;
}

void mail_thread_stop(void)
{
    if (!g_running) {
        return;
    }
    atomic_store(&g_stopping, true);
    pthread_mutex_lock(&g_mu);
    g_stop = true;
    pthread_cond_signal(&g_cv);
    pthread_mutex_unlock(&g_mu);
    pthread_join(g_thread, NULL);
    g_running = false;
}
