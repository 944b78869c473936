/* test_mail.c: the e-mail model (app/mail) on the demo data — the outbox
 * row written with the notification by the person's choice, digests and
 * reminders from the scheduler, unsubscribe tokens, access checked again
 * when a mail is rendered, and the administrators' outbox.  Sending over
 * SMTP is tested against a real server in tests/mail/test_mail.py. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "app/core/comment.h"
#include "app/core/notify.h"
#include "app/demo/demo.h"
#include "app/identity/identity.h"
#include "app/mail/mail.h"
#include "app/mail/mail_int.h"
#include "base/holiday.h"
#include "base/util.h"
#include "db/migrate.h"

enum { V_ADMIN, V_KD, V_BFD, V_SG, NV };

typedef struct Fixture {
    Db *db;
    Arena arena;
    Viewer v[NV];
    int64_t pub;          /* measure 1.1: public */
    int64_t restricted;   /* measure 3.4: DFD's, shared with BFD */
} Fixture;

static const char *const g_users[NV] = {"admin", "sb.kd", "sb.bfd", "dr.bfd"};

static int64_t q(Fixture *f, const char *sql, int64_t arg)
{
    return db_one_int(f->db, sql, arg, -1);
}

static void exec(Fixture *f, const char *sql)
{
    Err e = {0};
    assert_int_equal(db_exec(f->db, sql, &e), 0);
}

static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    Err e = {0};
    if (db_open(&f->db, ":memory:", DB_OPEN_CREATE, &e) || migrate_up(f->db, NULL, &e) || demo_seed(f->db, &e)) {
        fprintf(stderr, "setup: %s\n", e.msg);
        return -1;
    }
    for (int w = 0; w < NV; w++) {
        User u;
        if (user_find(f->db, &f->arena, g_users[w], &u, &e) || auth_viewer(f->db, &f->arena, u.id, &f->v[w], &e)) {
            fprintf(stderr, "setup: %s: %s\n", g_users[w], e.msg);
            return -1;
        }
    }
    f->pub = q(f, "SELECT m.id FROM measure m JOIN strategy s ON s.id = m.strategy_id "
                  "WHERE s.slug = '2021-2025' AND m.number = '1.1' AND ?1 = ?1", 0);
    f->restricted = q(f, "SELECT m.id FROM measure m JOIN strategy s ON s.id = m.strategy_id "
                         "WHERE s.slug = '2021-2025' AND m.number = '3.4' AND ?1 = ?1", 0);
    MailConfig c;
    mail_config_defaults(&c);
    c.from = "samla@dep.example";
    c.base_url = "https://samla.example";
    mail_configure(&c);
    *state = f;
    return f->pub > 0 && f->restricted > 0 ? 0 : -1;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    arena_free(&f->arena);
    db_close(f->db);
    free(f);
    return 0;
}

/* Notify user about record with a reminder keyed key; returns whether a
 * notification was written. */
static bool remind(Fixture *f, int64_t user, int64_t record, const char *key)
{
    bool added = false;
    Err e = {0};
    Notice n = {.user_id = user, .record_id = record, .type = NOTIFY_DEADLINE, .dedupe_key = key};
    assert_int_equal(notify_add(f->db, &n, &added, &e), 0);
    return added;
}

#define OUTBOX(f, user) q(f, "SELECT count(*) FROM mail_outbox WHERE user_id = ?1", user)

static void a_notification_wanted_at_once_is_queued_with_it(void **state)
{
    Fixture *f = *state;
    int64_t kd = f->v[V_KD].user_id;
    assert_true(remind(f, kd, f->pub, "t:1"));
    assert_int_equal(OUTBOX(f, kd), 1);
    assert_int_equal(q(f, "SELECT count(*) FROM mail_item i JOIN mail_outbox o ON o.id = i.outbox_id "
                          "WHERE o.user_id = ?1 AND o.kind = 'notice' AND o.status = 'queued'", kd), 1);
    /* the same reminder again: no notification, no mail */
    assert_false(remind(f, kd, f->pub, "t:1"));
    assert_int_equal(OUTBOX(f, kd), 1);
    /* daily or off: nothing now */
    Err e = {0};
    assert_int_equal(mail_pref_set(f->db, &f->v[V_KD], "test", NOTIFY_DEADLINE, CADENCE_DAILY, &e), 0);
    assert_true(remind(f, kd, f->pub, "t:2"));
    assert_int_equal(mail_pref_set(f->db, &f->v[V_KD], "test", NOTIFY_DEADLINE, CADENCE_OFF, &e), 0);
    assert_true(remind(f, kd, f->pub, "t:3"));
    assert_int_equal(OUTBOX(f, kd), 1);
    assert_int_equal(q(f, "SELECT count(*) FROM audit WHERE action = 'mail.preference' AND ?1 = ?1", 0), 2);
    /* nobody without an address */
    int64_t bfd = f->v[V_BFD].user_id;
    exec(f, "UPDATE account SET email = '' WHERE username = 'sb.bfd'");
    assert_true(remind(f, bfd, f->pub, "t:4"));
    assert_int_equal(OUTBOX(f, bfd), 0);
    exec(f, "UPDATE account SET email = 'bjorn.berg@example.invalid' WHERE username = 'sb.bfd'");
}

static void preferences_are_ones_own(void **state)
{
    Fixture *f = *state;
    Err e = {0};
    Viewer anon = {0};
    assert_int_equal(mail_pref_set(f->db, &anon, "test", NOTIFY_MENTION, CADENCE_OFF, &e), E_FORBIDDEN);
    Viewer ro = f->v[V_KD];
    ro.read_only = true;
    assert_int_equal(mail_pref_set(f->db, &ro, "test", NOTIFY_MENTION, CADENCE_OFF, &e), E_FORBIDDEN);
    assert_int_equal(mail_pref_set(f->db, &f->v[V_KD], "test", "bogus", CADENCE_OFF, &e), E_INVALID);
    assert_int_equal(mail_pref_get(f->db, f->v[V_KD].user_id, NOTIFY_MENTION), CADENCE_NOW);   /* the default */
    assert_int_equal(mail_pref_get(f->db, f->v[V_KD].user_id, NOTIFY_DECISION), CADENCE_DAILY);
    /* the summary is for secretaries general only */
    const MailKind *sum = mail_kind_find(NOTIFY_SUMMARY);
    assert_true(mail_kind_applies(f->db, f->v[V_SG].user_id, sum));
    assert_false(mail_kind_applies(f->db, f->v[V_KD].user_id, sum));
}

static void a_daily_digest_holds_the_days_items_once(void **state)
{
    Fixture *f = *state;
    int64_t bfd = f->v[V_BFD].user_id;
    Err e = {0};
    assert_int_equal(mail_pref_set(f->db, &f->v[V_BFD], "test", NOTIFY_DEADLINE, CADENCE_DAILY, &e), 0);
    assert_true(remind(f, bfd, f->pub, "d:1"));
    assert_true(remind(f, bfd, f->restricted, "d:2"));
    assert_true(remind(f, bfd, f->pub, "d:3"));
    assert_int_equal(OUTBOX(f, bfd), 0);
    char today[16], tomorrow[16];
    date_today(today, sizeof today);
    date_add(today, 1, tomorrow, sizeof tomorrow);
    int made = 0;
    /* today's items wait for the day to end */
    assert_int_equal(mail_tick(f->db, today, &made, &e), 0);
    assert_int_equal(OUTBOX(f, bfd), 0);
    assert_int_equal(mail_tick(f->db, tomorrow, &made, &e), 0);
    assert_int_equal(mail_tick(f->db, tomorrow, &made, &e), 0);
    assert_int_equal(q(f, "SELECT count(*) FROM mail_outbox WHERE user_id = ?1 AND kind = 'daily'", bfd), 1);
    assert_int_equal(q(f, "SELECT count(*) FROM mail_item i JOIN mail_outbox o ON o.id = i.outbox_id "
                          "WHERE o.user_id = ?1 AND o.kind = 'daily'", bfd), 3);
    /* rendered in Bjørn's language, grouped by record: two records, three items */
    int64_t id = q(f, "SELECT id FROM mail_outbox WHERE user_id = ?1 AND kind = 'daily'", bfd);
    Arena a = {0};
    MailMessage m;
    assert_int_equal(mail_render(f->db, &a, id, &m, &e), 0);
    const char *data = buf_str(&m.data);
    assert_non_null(strstr(data, "List-Unsubscribe: <https://samla.example/mail/unsubscribe?u="));
    assert_non_null(strstr(data, "&k=daily&t="));
    assert_non_null(strstr(data, "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"));
    assert_non_null(strstr(data, "Content-Type: multipart/alternative"));
    char *mid = db_one_text(f->db, &a, "SELECT message_id FROM mail_outbox WHERE id = ?1", id);
    char want[200];
    snprintf(want, sizeof want, "\r\nMessage-ID: %s\r\n", mid);
    assert_non_null(strstr(data, want));
    buf_free(&m.data);
    arena_free(&a);
}

static void access_is_checked_again_when_the_mail_is_rendered(void **state)
{
    Fixture *f = *state;
    int64_t bfd = f->v[V_BFD].user_id;
    Err e = {0};
    assert_int_equal(mail_pref_set(f->db, &f->v[V_BFD], "test", NOTIFY_DEADLINE, CADENCE_NOW, &e), 0);
    assert_true(remind(f, bfd, f->restricted, "r:1"));
    int64_t id = q(f, "SELECT max(id) FROM mail_outbox WHERE user_id = ?1", bfd);
    Arena a = {0};
    MailMessage m;
    assert_int_equal(mail_render(f->db, &a, id, &m, &e), 0);
    buf_free(&m.data);
    /* BFD loses its grant before the mail goes: nothing is left to send */
    char sql[200];
    snprintf(sql, sizeof sql, "DELETE FROM access_grant WHERE record_id = %lld", (long long)f->restricted);
    exec(f, sql);
    assert_int_equal(mail_render(f->db, &a, id, &m, &e), E_NOTFOUND);
    buf_free(&m.data);
    /* nobody may be notified about it now, either */
    assert_false(remind(f, bfd, f->restricted, "r:2"));
    arena_free(&a);
}

/* The text part of message data, decoded (in a). */
static const char *text_part(Arena *a, const char *data)
{
    const char *p = strstr(data, "Content-Type: text/plain");
    assert_non_null(p);
    p = strstr(p, "\r\n\r\n");
    assert_non_null(p);
    p += 4;
    const char *end = strstr(p, "--=_samla_");
    assert_non_null(end);
    size_t cap = (size_t)(end - p);
    unsigned char *out = arena_alloc(a, cap + 1);
    size_t len = 0;
    assert_int_equal(sodium_base642bin(out, cap, p, (size_t)(end - p), "\r\n", &len, NULL,
                                       sodium_base64_VARIANT_ORIGINAL), 0);
    out[len] = 0;
    return (const char *)out;
}

static void a_mention_quotes_its_comment_until_it_is_deleted(void **state)
{
    Fixture *f = *state;
    Err e = {0};
    int64_t kd = f->v[V_KD].user_id, comment = 0;
    int64_t before = q(f, "SELECT ifnull(max(id), 0) FROM mail_outbox WHERE user_id = ?1", kd);
    assert_int_equal(comment_add(f->db, &f->v[V_BFD], "test", f->pub, "@sb.kd se avsnitt 3\nog vedlegget", &comment,
                                 &e), 0);
    int64_t id = q(f, "SELECT max(id) FROM mail_outbox WHERE user_id = ?1 AND kind = 'notice'", kd);
    assert_true(id > before);
    Arena a = {0};
    MailMessage m;
    assert_int_equal(mail_render(f->db, &a, id, &m, &e), 0);
    const char *text = text_part(&a, buf_str(&m.data));
    assert_non_null(strstr(text, "    > @sb.kd se avsnitt 3\n    > og vedlegget\n"));
    assert_non_null(strstr(text, "Bjørn Berg"));
    buf_free(&m.data);
    assert_int_equal(comment_delete(f->db, &f->v[V_BFD], "test", comment, &e), 0);
    /* still sent (the mention happened), without the deleted text */
    assert_int_equal(mail_render(f->db, &a, id, &m, &e), 0);
    text = text_part(&a, buf_str(&m.data));
    assert_null(strstr(text, "avsnitt"));
    assert_non_null(strstr(text, "Bjørn Berg"));
    buf_free(&m.data);
    arena_free(&a);
}

static void an_unsubscribe_token_is_for_its_own_person_and_kind(void **state)
{
    Fixture *f = *state;
    Arena a = {0};
    Err e = {0};
    int64_t kd = f->v[V_KD].user_id, bfd = f->v[V_BFD].user_id;
    const char *t = mail_unsub_token(f->db, &a, kd, NOTIFY_MENTION);
    assert_true(strlen(t) >= 40);
    const char *name = NULL;
    assert_true(mail_unsub_check(f->db, &a, kd, NOTIFY_MENTION, t, &name));
    assert_string_equal(name, "Kari Knutsen");
    assert_false(mail_unsub_check(f->db, &a, bfd, NOTIFY_MENTION, t, NULL));
    assert_false(mail_unsub_check(f->db, &a, kd, NOTIFY_ANSWER, t, NULL));
    assert_false(mail_unsub_check(f->db, &a, kd, "bogus", t, NULL));
    assert_int_equal(mail_unsubscribe(f->db, "test", kd, NOTIFY_ANSWER, t, &e), E_FORBIDDEN);
    assert_int_equal(mail_pref_get(f->db, kd, NOTIFY_ANSWER), CADENCE_NOW);
    assert_int_equal(mail_unsubscribe(f->db, "test", kd, NOTIFY_MENTION, t, &e), 0);
    assert_int_equal(mail_pref_get(f->db, kd, NOTIFY_MENTION), CADENCE_OFF);
    assert_int_equal(mail_pref_get(f->db, kd, NOTIFY_ANSWER), CADENCE_NOW);
    /* a digest's link turns off what goes into that digest, nothing else */
    const char *daily = mail_unsub_token(f->db, &a, kd, "daily");
    assert_int_equal(mail_unsubscribe(f->db, "test", kd, "daily", daily, &e), 0);
    assert_int_equal(mail_pref_get(f->db, kd, NOTIFY_DECISION), CADENCE_OFF);       /* daily by default */
    assert_int_equal(mail_pref_get(f->db, kd, NOTIFY_INTERACTION), CADENCE_OFF);    /* daily by default */
    assert_int_equal(mail_pref_get(f->db, kd, NOTIFY_ANSWER), CADENCE_NOW);
    assert_int_equal(q(f, "SELECT count(*) FROM audit WHERE action = 'mail.unsubscribe' AND ?1 = ?1", 0), 2);
    arena_free(&a);
}

static void the_outbox_is_for_administrators(void **state)
{
    Fixture *f = *state;
    Arena a = {0};
    Err e = {0};
    OutboxRow *xs;
    size_t n;
    OutboxCounts c;
    assert_int_equal(mail_outbox_list(f->db, &a, &f->v[V_KD], NULL, 10, &xs, &n, &c, &e), E_FORBIDDEN);
    assert_int_equal(mail_test(f->db, &f->v[V_KD], "test", "x@dep.example", NULL, &e), E_FORBIDDEN);
    assert_int_equal(mail_test(f->db, &f->v[V_ADMIN], "test", "not an address", NULL, &e), E_INVALID);
    assert_int_equal(mail_test(f->db, &f->v[V_ADMIN], "test", "a@b.example\r\nBcc: x@y.example", NULL, &e), E_INVALID);
    int64_t id = 0;
    assert_int_equal(mail_test(f->db, &f->v[V_ADMIN], "test", "drift@dep.example", &id, &e), 0);
    assert_int_equal(mail_outbox_list(f->db, &a, &f->v[V_ADMIN], "queued", 10, &xs, &n, &c, &e), 0);
    assert_true(n >= 1);
    assert_int_equal(xs[0].id, id);
    assert_string_equal(xs[0].to_addr, "drift@dep.example");
    /* only one that did not get through can be resent */
    assert_int_equal(mail_resend(f->db, &f->v[V_ADMIN], "test", id, &e), E_CONFLICT);
    assert_int_equal(mail_resend(f->db, &f->v[V_ADMIN], "test", 999999, &e), E_NOTFOUND);
    exec(f, "UPDATE mail_outbox SET status = 'given_up', last_error = '550 no' WHERE kind = 'test'");
    assert_int_equal(mail_resend(f->db, &f->v[V_KD], "test", id, &e), E_FORBIDDEN);
    assert_int_equal(mail_resend(f->db, &f->v[V_ADMIN], "test", id, &e), 0);
    assert_int_equal(q(f, "SELECT count(*) FROM mail_outbox WHERE id = ?1 AND status = 'queued' AND last_error = ''",
                       id), 1);
    arena_free(&a);
}

/* The day n working days before iso, into out. */
static void workdays_before(const char *iso, int n, char *out, size_t size)
{
    char d[16];
    snprintf(d, sizeof d, "%s", iso);
    while (n > 0) {
        date_add(d, -1, out, size);
        snprintf(d, sizeof d, "%s", out);
        n -= date_is_workday(d);
    }
}

static void a_reporting_round_reminds_the_officers_who_still_have_to_report(void **state)
{
    Fixture *f = *state;
    Arena a = {0};
    Err e = {0};
    exec(f, "INSERT INTO reporting_round (strategy_id, title, deadline, opened_at) SELECT id, 'Test round', "
            "'2026-11-16', '2026-11-01T08:00:00Z' FROM strategy WHERE slug = '2021-2025'");
    int64_t round = q(f, "SELECT max(id) FROM reporting_round WHERE closed_at IS NULL AND ?1 = ?1", 0);
    assert_true(round > 0);
    char *deadline = db_one_text(f->db, &a, "SELECT deadline FROM reporting_round WHERE id = ?1", round);
    char day[16], before[16];
    workdays_before(deadline, 3, day, sizeof day);
    workdays_before(deadline, 4, before, sizeof before);
    char like[64];
    snprintf(like, sizeof like, "report-round:%lld:%%:3d", (long long)round);
    Stmt *s = db_prepare(f->db, "SELECT count(*), count(DISTINCT user_id) FROM notification WHERE dedupe_key LIKE ?1");
    int made = 0;
    assert_int_equal(mail_tick(f->db, before, &made, &e), 0);
    db_bind_text(s, 1, like);
    assert_int_equal(db_step(s), DB_ROW);
    assert_int_equal(db_col_int(s, 0), 0);   /* four working days before: not yet */
    db_done(s);
    assert_int_equal(mail_tick(f->db, day, &made, &e), 0);
    s = db_prepare(f->db, "SELECT count(*), count(DISTINCT user_id) FROM notification WHERE dedupe_key LIKE ?1");
    db_bind_text(s, 1, like);
    assert_int_equal(db_step(s), DB_ROW);
    int64_t reminders = db_col_int(s, 0);
    db_done(s);
    /* one per measure not yet reported on and officer who reports for its owner */
    int64_t want = q(f, "SELECT count(*) FROM measure m JOIN record r ON r.id = m.id "
                        "JOIN reporting_round rr ON rr.strategy_id = m.strategy_id AND rr.id = ?1 "
                        "JOIN account u ON u.ministry_id = r.owner_ministry_id AND u.active = 1 "
                        "JOIN role_grant g ON g.user_id = u.id AND g.role = 'case_officer' "
                        "WHERE NOT EXISTS (SELECT 1 FROM measure_report y WHERE y.round_id = rr.id "
                        "AND y.measure_id = m.id)", round);
    assert_true(want > 0);
    assert_int_equal(reminders, want);
    /* nobody who does not report, and none about a measure already reported on */
    snprintf(like, sizeof like, "report-round:%lld:%%", (long long)round);
    s = db_prepare(f->db, "SELECT count(*) FROM notification n WHERE n.dedupe_key LIKE ?1 AND (NOT EXISTS "
                          "(SELECT 1 FROM role_grant g WHERE g.user_id = n.user_id AND g.role = 'case_officer') "
                          "OR EXISTS (SELECT 1 FROM measure_report y WHERE y.measure_id = n.record_id "
                          "AND y.round_id = ?2))");
    db_bind_text(s, 1, like);
    db_bind_int(s, 2, round);
    assert_int_equal(db_step(s), DB_ROW);
    assert_int_equal(db_col_int(s, 0), 0);
    db_done(s);
    /* once: the next run the same day writes nothing */
    assert_int_equal(mail_tick(f->db, day, &made, &e), 0);
    assert_int_equal(q(f, "SELECT count(*) FROM notification WHERE dedupe_key LIKE 'report-round:%:3d' AND ?1 = ?1",
                       0), reminders);
    arena_free(&a);
}

/* A round opened since migration 016 asks a renamed ministry's measures
 * from its successor: KMD's measure is KDD's officers' to report on, so
 * they get the reminder. */
static void a_renamed_ministrys_successor_is_reminded(void **state)
{
    Fixture *f = *state;
    Err e = {0};
    int64_t measure = q(f, "SELECT m.id FROM measure m JOIN strategy s ON s.id = m.strategy_id "
                           "WHERE s.slug = '2021-2025' AND m.status NOT IN ('completed', 'stopped', 'continued') "
                           "AND (m.start_date IS NULL OR m.start_date <= '2026-11-16') AND ?1 = ?1 "
                           "ORDER BY m.id LIMIT 1", 0);
    assert_true(measure > 0);
    Stmt *u = db_prepare(f->db, "UPDATE record SET owner_ministry_id = (SELECT id FROM ministry WHERE code = 'KMD') "
                                "WHERE id = ?1");
    db_bind_int(u, 1, measure);
    assert_int_equal(db_step(u), DB_DONE);
    db_done(u);
    exec(f, "INSERT INTO reporting_round (strategy_id, title, deadline, opened_at, active_only) SELECT id, "
            "'Successor round', '2026-11-16', '2026-11-01T08:00:00Z', 1 FROM strategy WHERE slug = '2021-2025'");
    int64_t round = q(f, "SELECT max(id) FROM reporting_round WHERE ?1 = ?1", 0);
    char day[16];
    workdays_before("2026-11-16", 3, day, sizeof day);
    int made = 0;
    assert_int_equal(mail_tick(f->db, day, &made, &e), 0);
    char like[64];
    snprintf(like, sizeof like, "report-round:%lld:%lld:%%", (long long)round, (long long)measure);
    Stmt *s = db_prepare(f->db, "SELECT count(*), count(*) FILTER (WHERE u.ministry_id = (SELECT id FROM ministry "
                                "WHERE code = 'KDD')) FROM notification n JOIN account u ON u.id = n.user_id "
                                "WHERE n.dedupe_key LIKE ?1");
    db_bind_text(s, 1, like);
    assert_int_equal(db_step(s), DB_ROW);
    int64_t all = db_col_int(s, 0), kdd = db_col_int(s, 1);
    db_done(s);
    assert_true(kdd > 0);
    assert_int_equal(all, kdd);   /* the successor's officers, nobody else */
}

static void sent_mail_is_kept_90_days(void **state)
{
    Fixture *f = *state;
    Err e = {0};
    int64_t sent = 0, failed = 0;
    assert_int_equal(mail_test(f->db, &f->v[V_ADMIN], "test", "old@dep.example", &sent, &e), 0);
    assert_int_equal(mail_test(f->db, &f->v[V_ADMIN], "test", "stuck@dep.example", &failed, &e), 0);
    char sql[200];
    snprintf(sql, sizeof sql, "UPDATE mail_outbox SET status = 'sent', created_at = created_at - 91 * 86400 "
                              "WHERE id = %lld", (long long)sent);
    exec(f, sql);
    snprintf(sql, sizeof sql, "UPDATE mail_outbox SET status = 'given_up', created_at = created_at - 91 * 86400 "
                              "WHERE id = %lld", (long long)failed);
    exec(f, sql);
    char today[16];
    date_today(today, sizeof today);
    assert_int_equal(mail_tick(f->db, today, NULL, &e), 0);
    assert_int_equal(q(f, "SELECT count(*) FROM mail_outbox WHERE id = ?1", sent), 0);
    assert_int_equal(q(f, "SELECT count(*) FROM mail_outbox WHERE id = ?1", failed), 1);   /* until resent */
}

static void addresses(void **state)
{
    (void)state;
    assert_true(mail_addr_valid("kari.knutsen@kd.dep.no"));
    assert_false(mail_addr_valid("kari"));
    assert_false(mail_addr_valid("@kd.dep.no"));
    assert_false(mail_addr_valid("kari@"));
    assert_false(mail_addr_valid("kari@localhost"));
    assert_false(mail_addr_valid("kari knutsen@kd.dep.no"));
    assert_false(mail_addr_valid("<kari@kd.dep.no>"));
    assert_false(mail_addr_valid("a@b.no,c@d.no"));
    assert_false(mail_addr_valid("a@b@c.no"));
    assert_false(mail_addr_valid(NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_notification_wanted_at_once_is_queued_with_it),
        cmocka_unit_test(preferences_are_ones_own),
        cmocka_unit_test(a_daily_digest_holds_the_days_items_once),
        cmocka_unit_test(access_is_checked_again_when_the_mail_is_rendered),
        cmocka_unit_test(a_mention_quotes_its_comment_until_it_is_deleted),
        cmocka_unit_test(an_unsubscribe_token_is_for_its_own_person_and_kind),
        cmocka_unit_test(the_outbox_is_for_administrators),
        cmocka_unit_test(a_reporting_round_reminds_the_officers_who_still_have_to_report),
        cmocka_unit_test(a_renamed_ministrys_successor_is_reminded),
        cmocka_unit_test(sent_mail_is_kept_90_days),
        cmocka_unit_test(addresses),
    };
    return cmocka_run_group_tests_name("mail", tests, setup, teardown);
}
