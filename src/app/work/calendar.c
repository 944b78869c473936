/* calendar.c: iCalendar (RFC 5545) — one meeting as an .ics file, and a
 * person's secret feed of meetings and deadlines. */
#include "app/work/work.h"

#include <sodium.h>
#include <string.h>
#include <time.h>

#include "app/core/access.h"
#include "app/core/audit.h"
#include "app/core/i18n.h"
#include "app/identity/identity.h"
#include "app/work/work_int.h"
#include "base/rand.h"
#include "base/util.h"

/* ---- writing ------------------------------------------------------------------------ */

/* A content line, folded: at most 75 octets a line, a fold never inside a
 * UTF-8 sequence, lines end in CRLF (§ 3.1). */
static void fold(Buf *b, const char *line)
{
    size_t len = strlen(line), col = 0;
    for (size_t i = 0; i < len;) {
        size_t clen = 1;
        unsigned char c = (unsigned char)line[i];
        if (c >= 0xF0) {
            clen = 4;
        } else if (c >= 0xE0) {
            clen = 3;
        } else if (c >= 0xC0) {
            clen = 2;
        }
        if (col + clen > 75) {
            buf_puts(b, "\r\n ");
            col = 1;
        }
        buf_append(b, line + i, clen);
        col += clen;
        i += clen;
    }
    buf_puts(b, "\r\n");
}

void ics_raw(Buf *b, const char *name, const char *value)
{
    Buf line = {0};
    buf_printf(&line, "%s:%s", name, value);
    fold(b, buf_str(&line));
    buf_free(&line);
}

void ics_prop(Buf *b, const char *name, const char *value)
{
    Buf line = {0};
    buf_printf(&line, "%s:", name);
    for (const char *p = value ? value : ""; *p; p++) {
        switch (*p) {
        case '\\': buf_puts(&line, "\\\\"); break;
        case ';': buf_puts(&line, "\\;"); break;
        case ',': buf_puts(&line, "\\,"); break;
        case '\n': buf_puts(&line, "\\n"); break;
        case '\r': break;
        default:
            if ((unsigned char)*p >= 0x20 && *p != 0x7f) {
                buf_putc(&line, *p);
            }
        }
    }
    fold(b, buf_str(&line));
    buf_free(&line);
}

/* 'YYYY-MM-DDTHH:MM' as 'YYYYMMDDTHHMM00'. */
static void compact(char out[16], const char *local)
{
    snprintf(out, 16, "%.4s%.2s%.2sT%.2s%.2s00", local, local + 5, local + 8, local + 11, local + 14);
}

void ics_local(Buf *b, const char *name, const char *local)
{
    char v[16];
    compact(v, local);
    Buf n = {0};
    buf_printf(&n, "%s;TZID=Europe/Oslo", name);
    ics_raw(b, buf_str(&n), v);
    buf_free(&n);
}

void ics_date(Buf *b, const char *name, const char *iso)
{
    Buf n = {0};
    buf_printf(&n, "%s;VALUE=DATE", name);
    char v[12];
    snprintf(v, sizeof v, "%.4s%.2s%.2s", iso, iso + 5, iso + 8);
    ics_raw(b, buf_str(&n), v);
    buf_free(&n);
}

void ics_stamp(Buf *b)
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    char v[24];
    strftime(v, sizeof v, "%Y%m%dT%H%M%SZ", &tm);
    ics_raw(b, "DTSTAMP", v);
}

void ics_begin(Buf *b, const char *name)
{
    ics_raw(b, "BEGIN", "VCALENDAR");
    ics_raw(b, "VERSION", "2.0");
    ics_raw(b, "PRODID", "-//samla//samla//NB");
    ics_raw(b, "CALSCALE", "GREGORIAN");
    ics_raw(b, "METHOD", "PUBLISH");
    if (name) {
        ics_prop(b, "X-WR-CALNAME", name);
    }
    /* Central European time with the EU's summer time rules. */
    static const char *const tz[] = {
        "BEGIN:VTIMEZONE", "TZID:Europe/Oslo", "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200",
        "TZNAME:CEST", "DTSTART:19700329T020000", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
        "BEGIN:STANDARD", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "TZNAME:CET", "DTSTART:19701025T030000",
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD", "END:VTIMEZONE"};
    for (size_t i = 0; i < COUNT(tz); i++) {
        fold(b, tz[i]);
    }
}

void ics_end(Buf *b)
{
    ics_raw(b, "END", "VCALENDAR");
}

void wk_meeting_vevent(Buf *b, Arena *a, const Meeting *m)
{
    ics_raw(b, "BEGIN", "VEVENT");
    ics_raw(b, "UID", arena_printf(a, "meeting-%lld@samla", (long long)m->rec.id));
    ics_stamp(b);
    ics_local(b, "DTSTART", m->starts_at);
    ics_local(b, "DTEND", m->ends_at);
    ics_prop(b, "SUMMARY", m->rec.title);
    const char *where = *m->place ? m->place : m->video_url;
    if (*where) {
        ics_prop(b, "LOCATION", where);
    }
    Buf d = {0};
    if (m->group_title) {
        buf_printf(&d, "%s\n", m->group_title);
    }
    for (size_t i = 0; i < m->nitems; i++) {
        buf_printf(&d, "%d. %s\n", m->items[i].position, m->items[i].title);
    }
    if (*m->video_url) {
        buf_printf(&d, "%s\n", m->video_url);
        ics_raw(b, "URL", m->video_url);
    }
    if (d.len) {
        ics_prop(b, "DESCRIPTION", buf_str(&d));
    }
    buf_free(&d);
    ics_raw(b, "SEQUENCE", arena_printf(a, "%d", m->rec.version));
    ics_raw(b, "END", "VEVENT");
}

int meeting_ics(Db *db, Arena *a, const Viewer *v, int64_t id, Buf *out, Err *e)
{
    Meeting m;
    if (meeting_get(db, a, v, id, &m, e) || m.rec.masked) {
        return err_set(e, E_NOTFOUND, N_("Fant ikke møtet."));
    }
    ics_begin(out, NULL);
    wk_meeting_vevent(out, a, &m);
    ics_end(out);
    return 0;
}

/* ---- feeds ---------------------------------------------------------------------------- */

static void token_hash(const char *token, char hex[65])
{
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, (const unsigned char *)token, strlen(token));
    sodium_bin2hex(hex, 65, h, sizeof h);
}

int calendar_feed_state(Db *db, Arena *a, const Viewer *v, bool *active, const char **since, Err *e)
{
    (void)e;
    *since = db_one_text(db, a, "SELECT created_at FROM calendar_feed WHERE user_id = ?1 AND revoked_at IS NULL "
                                "ORDER BY id DESC LIMIT 1", v->user_id);
    *active = *since != NULL;
    return 0;
}

static int revoke(Db *db, const Viewer *v, Err *e)
{
    char now[32];
    time_iso(now, sizeof now);
    Stmt *s = db_prepare(db, "UPDATE calendar_feed SET revoked_at = ?2 WHERE user_id = ?1 AND revoked_at IS NULL");
    db_bind_int(s, 1, v->user_id);
    db_bind_text(s, 2, now);
    int rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, "revoking the calendar feed failed");
    db_done(s);
    return rc;
}

int calendar_feed_create(Db *db, const Viewer *v, const char *client, char token[64], Err *e)
{
    if (!v->user_id || v->read_only) {
        return err_set(e, E_FORBIDDEN, N_("Du må være logget inn."));
    }
    rand_token(token, 64);
    char hex[65], now[32];
    token_hash(token, hex);
    time_iso(now, sizeof now);
    int rc = db_begin(db, e);
    if (rc) {
        return rc;
    }
    rc = revoke(db, v, e);
    if (!rc) {
        Stmt *s = db_prepare(db, "INSERT INTO calendar_feed (user_id, token_hash, created_at) VALUES (?1, ?2, ?3)");
        db_bind_int(s, 1, v->user_id);
        db_bind_text(s, 2, hex);
        db_bind_text(s, 3, now);
        rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, "creating the calendar feed failed");
        db_done(s);
    }
    rc = rc ? rc : audit_append(db, v, client, "calendar.create", "account", v->username, "", e);
    return db_finish(db, rc, e);
}

int calendar_feed_revoke(Db *db, const Viewer *v, const char *client, Err *e)
{
    if (!v->user_id || v->read_only) {
        return err_set(e, E_FORBIDDEN, N_("Du må være logget inn."));
    }
    int rc = db_begin(db, e);
    if (rc) {
        return rc;
    }
    rc = revoke(db, v, e);
    rc = rc ? rc : audit_append(db, v, client, "calendar.revoke", "account", v->username, "", e);
    return db_finish(db, rc, e);
}

int calendar_feed_ics(Db *db, Arena *a, const char *token, Buf *out, Err *e)
{
    if (!token || strlen(token) != 43) {
        return err_set(e, E_NOTFOUND, N_("Fant ikke kalenderen."));
    }
    char hex[65];
    token_hash(token, hex);
    Stmt *s = db_prepare(db, "SELECT user_id FROM calendar_feed WHERE token_hash = ?1 AND revoked_at IS NULL");
    db_bind_text(s, 1, hex);
    int64_t uid = db_step(s) == DB_ROW ? db_col_int(s, 0) : 0;
    db_done(s);
    Viewer v;
    if (!uid || perm_viewer(db, a, uid, &v, NULL)) {
        return err_set(e, E_NOTFOUND, N_("Fant ikke kalenderen."));
    }
    v.read_only = true;   /* the feed reads; it never acts */
    int lang = user_language(db, uid);
    lang = lang < 0 ? LANG_NB : lang;
    ics_begin(out, "samla");
    char today[16], from[16];
    date_today(today, sizeof today);
    /* Meetings from 90 days back. */
    Stmt *d = db_prepare(db, "SELECT date(?1, '-90 days')");
    db_bind_text(d, 1, today);
    snprintf(from, sizeof from, "%s", db_step(d) == DB_ROW ? db_col_text(d, 0) : today);
    db_done(d);
    Meeting *ms;
    size_t nm;
    MeetingFilter mf = {.mine = true, .from = from};
    if (meeting_list(db, a, &v, &mf, &ms, &nm, e) == 0) {
        for (size_t i = 0; i < nm; i++) {
            Meeting full;
            if (!ms[i].rec.masked && meeting_get(db, a, &v, ms[i].rec.id, &full, NULL) == 0) {
                wk_meeting_vevent(out, a, &full);
            }
        }
    }
    Task *ts;
    size_t nt;
    TaskFilter tf = {.mine = true, .open = true};
    if (task_list(db, a, &v, &tf, &ts, &nt, e) == 0) {
        for (size_t i = 0; i < nt; i++) {
            if (!ts[i].due_on || ts[i].rec.masked) {
                continue;
            }
            ics_raw(out, "BEGIN", "VEVENT");
            ics_raw(out, "UID", arena_printf(a, "task-%lld@samla", (long long)ts[i].rec.id));
            ics_stamp(out);
            ics_date(out, "DTSTART", ts[i].due_on);
            ics_prop(out, "SUMMARY", i18n_msg(a, lang, arena_printf(a, N_("Frist: %s"), ts[i].rec.title)));
            ics_raw(out, "TRANSP", "TRANSPARENT");
            ics_raw(out, "END", "VEVENT");
        }
    }
    wk_feed_consult(db, a, &v, lang, out);
    wk_feed_rounds(db, a, &v, lang, out);
    ics_end(out);
    return 0;
}
