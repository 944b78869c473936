/* mail.c: see mail.h — configuration, preferences, the notification hook
 * that queues mail wanted at once, unsubscribe tokens and the outbox as
 * administrators see it.  Sending is mail_send.c, rendering mail_render.c,
 * the scheduler mail_tick.c.
 */
#include "app/mail/mail.h"
#include "app/mail/mail_int.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "app/core/audit.h"
#include "app/core/i18n.h"
#include "app/core/notify.h"
#include "base/rand.h"
#include "base/util.h"

/* ---- configuration ------------------------------------------------------------ */

static MailConfig g_cfg = {.tls = "starttls", .give_up_s = 2 * 24 * 3600, .retry_base_s = 60, .tick_s = 60};

void mail_config_defaults(MailConfig *c)
{
    *c = (MailConfig){.tls = "starttls", .give_up_s = 2 * 24 * 3600, .retry_base_s = 60, .tick_s = 60};
}

void mail_configure(const MailConfig *c)
{
    g_cfg = *c;
}

const MailConfig *mail_config(void)
{
    return &g_cfg;
}

bool mail_configured(void)
{
    return g_cfg.smtp_url && *g_cfg.smtp_url && g_cfg.from && *g_cfg.from;
}

/* ---- kinds and preferences ------------------------------------------------------- */

static const MailKind g_kinds[] = {
    {NOTIFY_MENTION, N_("Når noen nevner meg i en kommentar"), CADENCE_NOW, false},
    {NOTIFY_ROUND, N_("Når departementet mitt får en høring eller foreleggelse"), CADENCE_NOW, false},
    {NOTIFY_ANSWER, N_("Når et svar kommer inn"), CADENCE_NOW, false},
    {NOTIFY_DEADLINE, N_("Påminnelser om frister"), CADENCE_NOW, false},
    {NOTIFY_OVERDUE, N_("Når en frist er passert"), CADENCE_NOW, false},
    {NOTIFY_TASK, N_("Nye oppgaver"), CADENCE_NOW, false},
    {NOTIFY_MEETING, N_("Invitasjoner til møter"), CADENCE_NOW, false},
    {NOTIFY_DECISION, N_("Nye vedtak"), CADENCE_DAILY, false},
    {NOTIFY_INTERACTION, N_("Målpåvirkninger departementet skal svare på"), CADENCE_DAILY, false},
    {NOTIFY_SUMMARY, N_("Ukentlig oppsummering for departementsråder"), CADENCE_WEEKLY, true},
};

const MailKind *mail_kinds(size_t *n)
{
    *n = COUNT(g_kinds);
    return g_kinds;
}

const MailKind *mail_kind_find(const char *kind)
{
    for (size_t i = 0; kind && i < COUNT(g_kinds); i++) {
        if (str_eq(g_kinds[i].kind, kind)) {
            return &g_kinds[i];
        }
    }
    return NULL;
}

static const char *const g_cadence[] = {"now", "daily", "weekly", "off"};
static const char *const g_cadence_label[] = {N_("Med en gang"), N_("Daglig samlet"), N_("Ukentlig samlet"),
                                              N_("Av")};

const char *mail_cadence_code(Cadence c)
{
    return g_cadence[c];
}

const char *mail_cadence_label(Cadence c)
{
    return g_cadence_label[c];
}

int mail_cadence_parse(const char *s)
{
    for (size_t i = 0; s && i < COUNT(g_cadence); i++) {
        if (str_eq(g_cadence[i], s)) {
            return (int)i;
        }
    }
    return -1;
}

Cadence mail_pref_get(Db *db, int64_t user_id, const char *kind)
{
    const MailKind *k = mail_kind_find(kind);
    Stmt *s = db_prepare(db, "SELECT cadence FROM mail_pref WHERE user_id = ?1 AND kind = ?2");
    db_bind_int(s, 1, user_id);
    db_bind_text(s, 2, kind);
    int c = db_step(s) == DB_ROW ? mail_cadence_parse(db_col_text(s, 0)) : -1;
    db_done(s);
    return c >= 0 ? (Cadence)c : k ? k->dflt : CADENCE_OFF;
}

bool mail_kind_applies(Db *db, int64_t user_id, const MailKind *k)
{
    return !k->sg_only ||
           db_exists(db, "SELECT 1 FROM role_grant WHERE user_id = ?1 AND role = 'secretary_general'", user_id);
}

const char *mail_user_address(Db *db, Arena *a, int64_t user_id)
{
    char *addr = db_one_text(db, a, "SELECT email FROM account WHERE id = ?1", user_id);
    return addr ? addr : "";
}

static int pref_write(Db *db, int64_t user_id, const char *kind, Cadence c, Err *e)
{
    Stmt *s = db_prepare(db, "INSERT INTO mail_pref (user_id, kind, cadence) VALUES (?1, ?2, ?3) "
                             "ON CONFLICT (user_id, kind) DO UPDATE SET cadence = excluded.cadence");
    db_bind_int(s, 1, user_id);
    db_bind_text(s, 2, kind);
    db_bind_text(s, 3, g_cadence[c]);
    int rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, "saving the e-mail preference failed");
    db_done(s);
    return rc;
}

int mail_pref_set(Db *db, const Viewer *v, const char *client, const char *kind, Cadence c, Err *e)
{
    if (!v->user_id || v->read_only) {
        return err_set(e, E_FORBIDDEN, N_("Du må være logget inn for å endre e-postvalgene dine."));
    }
    if (!mail_kind_find(kind) || (int)c < 0 || c > CADENCE_OFF) {
        return err_set(e, E_INVALID, N_("Ukjent type e-post."));
    }
    if (mail_pref_get(db, v->user_id, kind) == c) {
        return 0;
    }
    int rc = db_begin(db, e);
    if (rc) {
        return rc;
    }
    rc = pref_write(db, v->user_id, kind, c, e);
    if (!rc) {
        char summary[80];
        snprintf(summary, sizeof summary, "%s: %s", kind, g_cadence[c]);
        rc = audit_append(db, v, client, "mail.preference", "user", "", summary, e);
    }
    return db_finish(db, rc, e);
}

/* ---- writing outbox rows ------------------------------------------------------------ */

int mail_outbox_add(Db *db, int64_t user_id, const char *to_addr, const char *kind, int64_t *id, Err *e)
{
    char token[48];
    rand_token(token, sizeof token);
    const char *from = g_cfg.from && strchr(g_cfg.from, '@') ? strchr(g_cfg.from, '@') + 1 : "samla.invalid";
    char mid[160];
    snprintf(mid, sizeof mid, "<%.24s.%lld@%.100s>", token, (long long)time(NULL), from);
    long long now = (long long)time(NULL);
    Stmt *s = db_prepare(db, "INSERT INTO mail_outbox (user_id, to_addr, kind, next_attempt_at, message_id, created_at) "
                             "VALUES (nullif(?1, 0), ?2, ?3, ?4, ?5, ?4)");
    db_bind_int(s, 1, user_id);
    db_bind_text(s, 2, to_addr ? to_addr : "");
    db_bind_text(s, 3, kind);
    db_bind_int(s, 4, now);
    db_bind_text(s, 5, mid);
    int rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, "queueing the e-mail failed");
    db_done(s);
    if (!rc && id) {
        *id = db_last_id(db);
    }
    return rc;
}

int mail_item_add(Db *db, int64_t outbox_id, int64_t notification_id, Err *e)
{
    Stmt *s = db_prepare(db, "INSERT INTO mail_item (notification_id, outbox_id) VALUES (?1, ?2) "
                             "ON CONFLICT DO NOTHING");
    db_bind_int(s, 1, notification_id);
    db_bind_int(s, 2, outbox_id);
    int rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, "queueing the e-mail failed");
    db_done(s);
    return rc;
}

/* The hook: a notification the person wants at once gets an outbox row
 * in the same transaction, one for a digest a mail_pending row; nothing
 * for someone without an address. */
static int on_notify(Db *db, int64_t id, const Notice *n, Err *e)
{
    Cadence c = mail_pref_get(db, n->user_id, n->type);
    if (c == CADENCE_OFF ||
        !db_exists(db, "SELECT 1 FROM account WHERE id = ?1 AND active = 1 AND email LIKE '%_@_%'", n->user_id)) {
        return 0;
    }
    if (c == CADENCE_NOW) {
        int64_t box;
        int rc = mail_outbox_add(db, n->user_id, NULL, "notice", &box, e);
        return rc ? rc : mail_item_add(db, box, id, e);
    }
    char today[16];
    date_today(today, sizeof today);
    Stmt *s = db_prepare(db, "INSERT INTO mail_pending (notification_id, user_id, cadence, created_on) "
                             "VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING");
    db_bind_int(s, 1, id);
    db_bind_int(s, 2, n->user_id);
    db_bind_text(s, 3, g_cadence[c]);
    db_bind_text(s, 4, today);
    int rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, "queueing the notification for a digest failed");
    db_done(s);
    return rc;
}

__attribute__((constructor)) static void mail_register(void)
{
    notify_set_hook(on_notify);
}

/* ---- unsubscribe ------------------------------------------------------------------------ */

/* The signing key, made on first use (inside its own statement; two
 * processes making one at once keep the first). */
static bool key_of(Db *db, unsigned char key[crypto_auth_hmacsha256_KEYBYTES])
{
    for (int attempt = 0; attempt < 2; attempt++) {
        Arena a = {0};
        char *hex = db_one_text(db, &a, "SELECT hex(key) FROM mail_key WHERE id = ?1", 1);
        size_t len = 0;
        bool ok = hex && sodium_hex2bin(key, crypto_auth_hmacsha256_KEYBYTES, hex, strlen(hex), NULL, &len, NULL) == 0 &&
                  len == crypto_auth_hmacsha256_KEYBYTES;
        arena_free(&a);
        if (hex) {
            return ok;
        }
        unsigned char fresh[crypto_auth_hmacsha256_KEYBYTES];
        randombytes_buf(fresh, sizeof fresh);
        Stmt *s = db_prepare(db, "INSERT INTO mail_key (id, key) VALUES (1, ?1) ON CONFLICT DO NOTHING");
        db_bind_blob(s, 1, fresh, (int)sizeof fresh);
        db_step(s);
        db_done(s);
    }
    return false;
}

static bool mac_of(Db *db, int64_t user_id, const char *kind, char *out, size_t n)
{
    unsigned char key[crypto_auth_hmacsha256_KEYBYTES], mac[crypto_auth_hmacsha256_BYTES];
    if (!key_of(db, key)) {
        return false;
    }
    char msg[96];
    snprintf(msg, sizeof msg, "unsubscribe:%lld:%s", (long long)user_id, kind);
    crypto_auth_hmacsha256(mac, (const unsigned char *)msg, strlen(msg), key);
    sodium_memzero(key, sizeof key);
    sodium_bin2base64(out, n, mac, sizeof mac, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    return true;
}

bool mail_unsub_kind_valid(const char *kind)
{
    return mail_kind_find(kind) || str_eq(kind, "daily") || str_eq(kind, "weekly");
}

const char *mail_unsub_token(Db *db, Arena *a, int64_t user_id, const char *kind)
{
    char t[64];
    return mac_of(db, user_id, kind, t, sizeof t) ? arena_strdup(a, t) : "";
}

bool mail_unsub_check(Db *db, Arena *a, int64_t user_id, const char *kind, const char *token, const char **name)
{
    char t[64];
    if (!mail_unsub_kind_valid(kind) || !token || !mac_of(db, user_id, kind, t, sizeof t) || strlen(token) != strlen(t) ||
        sodium_memcmp(t, token, strlen(t)) != 0) {
        return false;
    }
    char *full = db_one_text(db, a, "SELECT full_name FROM account WHERE id = ?1", user_id);
    if (!full) {
        return false;
    }
    if (name) {
        *name = full;
    }
    return true;
}

int mail_unsubscribe(Db *db, const char *client, int64_t user_id, const char *kind, const char *token, Err *e)
{
    Arena a = {0};
    bool ok = mail_unsub_check(db, &a, user_id, kind, token, NULL);
    Viewer who;
    ok = ok && perm_viewer(db, &a, user_id, &who, NULL) == 0;
    int rc = ok ? db_begin(db, e) : err_set(e, E_FORBIDDEN, N_("Lenken for å melde seg av er ugyldig."));
    if (!rc) {
        /* A digest's link turns off every kind that goes into that digest. */
        int digest = str_eq(kind, "daily") ? CADENCE_DAILY : str_eq(kind, "weekly") ? CADENCE_WEEKLY : -1;
        for (size_t i = 0; !rc && i < COUNT(g_kinds); i++) {
            if (digest < 0 ? str_eq(g_kinds[i].kind, kind)
                           : mail_pref_get(db, user_id, g_kinds[i].kind) == (Cadence)digest) {
                rc = pref_write(db, user_id, g_kinds[i].kind, CADENCE_OFF, e);
            }
        }
        if (!rc) {
            rc = audit_append(db, &who, client, "mail.unsubscribe", "user", "", kind, e);
        }
        rc = db_finish(db, rc, e);
    }
    arena_free(&a);
    return rc;
}

/* ---- the outbox for administrators ------------------------------------------------------ */

static bool is_admin(const Viewer *v)
{
    return v && v->user_id && (v->caps & CAP_USER_ADMIN);
}

void mail_counts(Db *db, OutboxCounts *c)
{
    *c = (OutboxCounts){0};
    Stmt *s = db_prepare(db, "SELECT status, count(*) FROM mail_outbox GROUP BY status");
    while (db_step(s) == DB_ROW) {
        const char *st = db_col_text(s, 0);
        int n = (int)db_col_int(s, 1);
        int *at = str_eq(st, "queued") ? &c->queued : str_eq(st, "sending") ? &c->sending
                : str_eq(st, "sent") ? &c->sent : str_eq(st, "failed") ? &c->failed
                : str_eq(st, "given_up") ? &c->given_up : &c->dropped;
        *at = n;
    }
    db_done(s);
}

int mail_outbox_list(Db *db, Arena *a, const Viewer *v, const char *status, int limit, OutboxRow **out, size_t *n,
                     OutboxCounts *counts, Err *e)
{
    *out = NULL;
    *n = 0;
    if (!is_admin(v)) {
        return err_set(e, E_FORBIDDEN, N_("Bare administratorer kan se utboksen."));
    }
    limit = limit >= 1 && limit <= 500 ? limit : 100;
    Stmt *s = db_prepare(db, "SELECT o.id, o.kind, o.status, ac.full_name, m.code, "
                             "CASE WHEN o.to_addr <> '' THEN o.to_addr ELSE ifnull(ac.email, '') END, o.attempts, "
                             "o.next_attempt_at, o.last_error, o.message_id, o.created_at, ifnull(o.sent_at, 0), "
                             "(SELECT count(*) FROM mail_item i WHERE i.outbox_id = o.id) "
                             "FROM mail_outbox o LEFT JOIN account ac ON ac.id = o.user_id "
                             "LEFT JOIN ministry m ON m.id = ac.ministry_id "
                             "WHERE (?1 = '' OR o.status = ?1) ORDER BY o.id DESC LIMIT ?2");
    db_bind_text(s, 1, status ? status : "");
    db_bind_int(s, 2, limit);
    size_t cap = 0;
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        OutboxRow *x = arena_push(a, out, n, &cap, sizeof **out);
        *x = (OutboxRow){.id = db_col_int(s, 0),
                         .kind = db_col_dup(s, 1, a),
                         .status = db_col_dup(s, 2, a),
                         .to_name = db_col_dup(s, 3, a),
                         .to_ministry = db_col_dup(s, 4, a),
                         .to_addr = db_col_dup(s, 5, a),
                         .attempts = (int)db_col_int(s, 6),
                         .next_attempt_at = db_col_int(s, 7),
                         .last_error = db_col_dup(s, 8, a),
                         .message_id = db_col_dup(s, 9, a),
                         .created_at = db_col_int(s, 10),
                         .sent_at = db_col_int(s, 11),
                         .items = (int)db_col_int(s, 12)};
    }
    db_done(s);
    if (rc < 0) {
        return err_set(e, E_DB, "reading the outbox failed");
    }
    if (counts) {
        mail_counts(db, counts);
    }
    return 0;
}

int mail_resend(Db *db, const Viewer *v, const char *client, int64_t id, Err *e)
{
    if (!is_admin(v) || v->read_only) {
        return err_set(e, E_FORBIDDEN, N_("Bare administratorer kan sende e-post på nytt."));
    }
    int rc = db_begin(db, e);
    if (rc) {
        return rc;
    }
    Arena a = {0};
    char *status = db_one_text(db, &a, "SELECT status FROM mail_outbox WHERE id = ?1", id);
    if (!status) {
        rc = err_set(e, E_NOTFOUND, N_("Fant ikke e-posten."));
    } else if (!str_eq(status, "failed") && !str_eq(status, "given_up") && !str_eq(status, "dropped")) {
        rc = err_set(e, E_CONFLICT, N_("Bare e-post som ikke kom fram, kan sendes på nytt."));
    } else {
        Stmt *s = db_prepare(db, "UPDATE mail_outbox SET status = 'queued', next_attempt_at = ?2, created_at = ?2, "
                                 "last_error = '' WHERE id = ?1");
        db_bind_int(s, 1, id);
        db_bind_int(s, 2, (int64_t)time(NULL));
        rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, "queueing the e-mail again failed");
        db_done(s);
        char oid[32];
        snprintf(oid, sizeof oid, "%lld", (long long)id);
        if (!rc) {
            rc = audit_append(db, v, client, "mail.resend", "mail", oid, status, e);
        }
    }
    arena_free(&a);
    return db_finish(db, rc, e);
}

bool mail_addr_valid(const char *addr)
{
    if (!addr) {
        return false;
    }
    size_t len = strlen(addr);
    const char *at = strchr(addr, '@');
    if (len < 3 || len > 254 || !at || at == addr || !at[1] || strchr(at + 1, '@') || !strchr(at + 1, '.')) {
        return false;
    }
    for (const char *p = addr; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c <= ' ' || c >= 0x7f || strchr("<>,;:\"()[]\\", c)) {
            return false;
        }
    }
    return true;
}

int mail_test(Db *db, const Viewer *v, const char *client, const char *addr, int64_t *id, Err *e)
{
    if (!is_admin(v) || v->read_only) {
        return err_set(e, E_FORBIDDEN, N_("Bare administratorer kan sende testmeldinger."));
    }
    if (!mail_addr_valid(addr)) {
        return err_set(e, E_INVALID, N_("Skriv en gyldig e-postadresse, for eksempel navn@dep.no."));
    }
    int64_t box = 0;
    int rc = db_begin(db, e);
    if (!rc) {
        rc = mail_outbox_add(db, 0, addr, "test", &box, e);
        if (!rc) {
            rc = audit_append(db, v, client, "mail.test", "mail", "", addr, e);
        }
        rc = db_finish(db, rc, e);
    }
    if (id) {
        *id = rc ? 0 : box;
    }
    return rc;
}
