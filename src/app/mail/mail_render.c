/* mail_render.c: an outbox row as an Internet message (RFC 5322, MIME):
 * text and HTML parts in the recipient's language, links back to samla,
 * List-Unsubscribe with RFC 8058 one-click, and the Message-ID that was
 * made when the row was written (so a resend after a crash is the same
 * message to mail clients).
 *
 * What the recipient may read is decided now, at send time, with the same
 * SQL predicate as every read (access.h) bound to the recipient as they
 * would be signed in: a notification about a record they may no longer
 * read is left out, a masked record shows only its public title, and an
 * e-mail left with nothing is not sent.
 */
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "app/consult/consult.h"
#include "app/core/access.h"
#include "app/core/i18n.h"
#include "app/core/notify.h"
#include "app/core/record.h"
#include "app/mail/mail_int.h"
#include "base/html.h"
#include "base/util.h"

typedef struct Item {
    const char *type, *what, *title, *url, *actor, *created_at, *stage;
    const char *excerpt;      /* the comment a mention is in, shortened; NULL: none */
    int64_t record_id;
} Item;

enum { EXCERPT_MAX = 400 };

/* body shortened to about EXCERPT_MAX bytes at a character boundary, in a. */
static const char *excerpt_of(Arena *a, const char *body)
{
    if (!body || !*body) {
        return NULL;
    }
    size_t len = strlen(body);
    if (len <= EXCERPT_MAX) {
        return body;
    }
    size_t cut = EXCERPT_MAX;
    while (cut > 0 && ((unsigned char)body[cut] & 0xC0) == 0x80) {
        cut--;
    }
    return arena_printf(a, "%.*s …", (int)cut, body);
}

typedef struct Ctx {
    Arena *a;
    int lang;
    const char *base;         /* base URL without a trailing slash */
    const char *name;         /* the recipient's full name */
} Ctx;

#define TL(c, s) i18n_get((c)->lang, (s))

/* The stage of a reminder from its dedupe key ("…:3d"), as a message id. */
static const char *stage_text(const char *key)
{
    const char *colon = key ? strrchr(key, ':') : NULL;
    if (!colon) {
        return NULL;
    }
    if (str_eq(colon, ":3d")) {
        return N_("Fristen er om tre arbeidsdager");
    }
    if (str_eq(colon, ":0d")) {
        return N_("Fristen er i dag");
    }
    if (str_eq(colon, ":1d")) {
        return N_("Fristen er i morgen");
    }
    if (str_eq(colon, ":overdue")) {
        return N_("Fristen er passert");
    }
    return NULL;
}

/* An ISO time (UTC) as local "YYYY-MM-DD HH:MM". */
static const char *local_time(Arena *a, const char *iso)
{
    struct tm tm = {0};
    if (!iso || !strptime(iso, "%Y-%m-%dT%H:%M:%S", &tm)) {
        return iso ? iso : "";
    }
    time_t t = timegm(&tm);
    struct tm lt;
    localtime_r(&t, &lt);
    char out[32];
    strftime(out, sizeof out, "%Y-%m-%d %H:%M", &lt);
    return arena_strdup(a, out);
}

enum { MAX_ITEMS = 500 };

/* The notifications of row id (or, for the weekly summary, the
 * recipient's of the last seven days) that v may read, by record: the
 * first MAX_ITEMS into *out, and how many there are in *total. */
static size_t load_items(Db *db, Ctx *c, const Viewer *v, int64_t id, bool summary, Item **out, size_t *total)
{
    const char *sql =
        "SELECT n.type, r.id, r.kind, " ACCESS_TITLE("r") ", ac.full_name, ifnull(n.comment_id, 0), n.created_at, "
        "n.dedupe_key, count(*) OVER (), "
        /* a mention's comment, unless deleted or the record shows only its public face */
        "CASE WHEN " ACCESS_MASKED("r") " THEN NULL ELSE "
        "(SELECT c.body FROM comment c WHERE c.id = n.comment_id AND c.deleted_at IS NULL) END "
        "FROM notification n JOIN record r ON r.id = n.record_id "
        "LEFT JOIN account ac ON ac.id = n.actor_id WHERE ";
    const char *where_item = "n.id IN (SELECT notification_id FROM mail_item WHERE outbox_id = ?1) AND " ACCESS("r");
    const char *where_sum = "n.user_id = ?2 AND n.type <> 'summary' AND n.created_at >= ?3 AND " ACCESS("r");
    Stmt *s = db_prepare(db, arena_printf(c->a, "%s%s ORDER BY r.id, n.id LIMIT %d", sql,
                                          summary ? where_sum : where_item, MAX_ITEMS));
    db_bind_int(s, 1, id);
    db_bind_int(s, 2, v->user_id);
    char since[40];
    time_t week = time(NULL) - 7 * 24 * 3600;
    struct tm tm;
    gmtime_r(&week, &tm);
    strftime(since, sizeof since, "%Y-%m-%dT%H:%M:%S", &tm);
    db_bind_text(s, 3, since);
    access_bind(s, v);
    size_t n = 0, cap = 0;
    *out = NULL;
    *total = 0;
    while (db_step(s) == DB_ROW) {
        *total = (size_t)db_col_int(s, 8);
        Item *x = arena_push(c->a, out, &n, &cap, sizeof **out);
        x->type = db_col_dup(s, 0, c->a);
        x->what = notify_what(x->type) ? notify_what(x->type) : N_("Varsel");
        x->record_id = db_col_int(s, 1);
        const RecordKind *k = record_kind(db_col_text(s, 2));
        x->title = db_col_dup(s, 3, c->a);
        x->actor = db_col_dup(s, 4, c->a);
        int64_t comment = db_col_int(s, 5);
        x->created_at = local_time(c->a, db_col_text(s, 6));
        x->stage = stage_text(db_col_text(s, 7));
        x->excerpt = excerpt_of(c->a, db_col_dup(s, 9, c->a));
        x->url = arena_printf(c->a, "%s%s", c->base, record_url(c->a, k, x->record_id));
        if (comment) {
            x->url = arena_printf(c->a, "%s#comment-%lld", x->url, (long long)comment);
        }
    }
    db_done(s);
    return n;
}

/* ---- MIME ------------------------------------------------------------------------ */

/* An RFC 2047 encoded word (or several) for s when it is not plain
 * printable ASCII. */
static void header_text(Buf *b, const char *s)
{
    bool plain = true;
    for (const char *p = s; *p; p++) {
        if ((unsigned char)*p < ' ' || (unsigned char)*p > '~') {
            plain = false;
        }
    }
    if (plain && strlen(s) < 900) {
        buf_puts(b, s);
        return;
    }
    size_t len = strlen(s), at = 0;
    while (at < len) {
        size_t take = len - at > 45 ? 45 : len - at;
        /* never split a UTF-8 sequence */
        while (at + take < len && ((unsigned char)s[at + take] & 0xC0) == 0x80) {
            take--;
        }
        char enc[128];
        sodium_bin2base64(enc, sizeof enc, (const unsigned char *)s + at, take, sodium_base64_VARIANT_ORIGINAL);
        buf_printf(b, "%s=?UTF-8?B?%s?=", at ? "\r\n " : "", enc);
        at += take;
    }
}

/* A display name (RFC 5322 phrase): as it is when it is only letters,
 * digits, spaces and a few safe marks, else as encoded words, so a comma
 * or a quote in a name cannot split the address list. */
static void header_name(Buf *b, const char *s)
{
    bool plain = *s != 0;
    for (const char *p = s; *p && plain; p++) {
        unsigned char ch = (unsigned char)*p;
        plain = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
                strchr(" .-'", ch);
    }
    if (plain) {
        buf_puts(b, s);
        return;
    }
    size_t len = strlen(s), at = 0;
    while (at < len) {
        size_t take = len - at > 45 ? 45 : len - at;
        while (at + take < len && ((unsigned char)s[at + take] & 0xC0) == 0x80) {
            take--;
        }
        char enc[128];
        sodium_bin2base64(enc, sizeof enc, (const unsigned char *)s + at, take, sodium_base64_VARIANT_ORIGINAL);
        buf_printf(b, "%s=?UTF-8?B?%s?=", at ? " " : "", enc);
        at += take;
    }
}

/* body as base64 in lines of 76. */
static void base64_body(Buf *b, Arena *a, const Buf *body)
{
    size_t n = sodium_base64_encoded_len(body->len, sodium_base64_VARIANT_ORIGINAL);
    char *enc = arena_alloc(a, n);
    sodium_bin2base64(enc, n, (const unsigned char *)(body->len ? body->data : ""), body->len,
                      sodium_base64_VARIANT_ORIGINAL);
    size_t len = strlen(enc);
    for (size_t i = 0; i < len; i += 76) {
        buf_printf(b, "%.*s\r\n", (int)(len - i > 76 ? 76 : len - i), enc + i);
    }
}

static void message(MailMessage *m, Arena *a, const char *to_name, const char *subject, const char *message_id,
                    const char *unsub, const Buf *text, const Buf *html)
{
    const MailConfig *cfg = mail_config();
    Buf *b = &m->data;
    buf_puts(b, "From: ");
    header_name(b, cfg->from_name && *cfg->from_name ? cfg->from_name : "samla");
    buf_printf(b, " <%s>\r\nTo: ", cfg->from ? cfg->from : "samla@samla.invalid");
    if (to_name && *to_name) {
        header_name(b, to_name);
        buf_printf(b, " <%s>\r\n", m->to);
    } else {
        buf_printf(b, "%s\r\n", m->to);
    }
    buf_puts(b, "Subject: ");
    header_text(b, subject);
    char date[64];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
    buf_printf(b, "\r\nDate: %s\r\nMessage-ID: %s\r\nMIME-Version: 1.0\r\nAuto-Submitted: auto-generated\r\n", date,
               message_id);
    if (unsub) {
        buf_printf(b, "List-Unsubscribe: <%s>\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n", unsub);
    }
    /* The parts are base64, whose alphabet has no "_": "=_samla_…" cannot
     * occur in them. */
    unsigned char raw[12];
    char bound[32];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2hex(bound, sizeof bound, raw, sizeof raw);
    buf_printf(b, "Content-Type: multipart/alternative; boundary=\"=_samla_%s\"\r\n\r\n", bound);
    buf_printf(b, "--=_samla_%s\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n",
               bound);
    base64_body(b, a, text);
    buf_printf(b, "--=_samla_%s\r\nContent-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n",
               bound);
    base64_body(b, a, html);
    buf_printf(b, "--=_samla_%s--\r\n", bound);
}

/* ---- the parts ------------------------------------------------------------------------ */

static void html_start(Buf *h, Ctx *c, const char *subject)
{
    html_printf(h, "<!doctype html><html lang=\"%s\"><head><meta charset=\"utf-8\"><title>%s</title></head>"
                   "<body style=\"font-family:sans-serif;line-height:1.5;max-width:40em\">",
                i18n_code(c->lang), subject);
    html_printf(h, "<p>%s</p>", i18n_printf(c->a, c->lang, "Hei %s,", c->name));
}

static void items_out(Buf *t, Buf *h, Ctx *c, const Item *xs, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        bool first = i == 0 || xs[i - 1].record_id != xs[i].record_id;
        if (first) {
            if (i) {
                html_printf(h, "</ul>");
            }
            buf_printf(t, "\n%s\n%s\n", xs[i].title, xs[i].url);
            html_printf(h, "<h2 style=\"font-size:1.1em;margin-bottom:0\"><a href=\"%s\">%s</a></h2><ul>", xs[i].url,
                        xs[i].title);
        }
        const char *who = xs[i].actor ? xs[i].actor : "samla";
        /* a reminder says its stage («Fristen er i dag») instead of its type */
        const char *what = TL(c, xs[i].stage ? xs[i].stage : xs[i].what);
        buf_printf(t, "  - %s (%s, %s)\n", what, who, xs[i].created_at);
        html_printf(h, "<li>%s <span style=\"color:#555\">(%s, %s)</span>", what, who, xs[i].created_at);
        if (xs[i].excerpt) {
            /* plain text both ways: quoted lines, and escaped with line breaks kept */
            buf_puts(t, "    > ");
            for (const char *p = xs[i].excerpt; *p; p++) {
                if (*p == '\n') {
                    buf_puts(t, "\n    > ");
                } else {
                    buf_putc(t, *p);
                }
            }
            buf_puts(t, "\n");
            html_printf(h, "<blockquote style=\"margin:.25em 0 .5em 0;padding-left:.75em;border-left:3px solid #ccc;"
                           "white-space:pre-wrap\">%s</blockquote>", xs[i].excerpt);
        }
        html_printf(h, "</li>");
    }
    if (n) {
        html_printf(h, "</ul>");
    }
}

static void footer(Buf *t, Buf *h, Ctx *c, const char *unsub, const char *unsub_what)
{
    const char *prefs = arena_printf(c->a, "%s/account/mail", c->base);
    buf_printf(t, "\n-- \n%s\n%s: %s\n", i18n_get(c->lang, "Denne e-posten er sendt fra samla."),
               i18n_get(c->lang, "Velg hvilken e-post du får"), prefs);
    html_printf(h, "<hr><p style=\"color:#555;font-size:0.9em\">%s <a href=\"%s\">%s</a>.", 
                i18n_get(c->lang, "Denne e-posten er sendt fra samla."), prefs, i18n_get(c->lang, "Velg hvilken e-post du får"));
    if (unsub) {
        buf_printf(t, "%s: %s\n", unsub_what, unsub);
        html_printf(h, " <a href=\"%s\">%s</a>.", unsub, unsub_what);
    }
    html_printf(h, "</p></body></html>");
}

/* The summary's part about the ministry: the consultation answers it
 * still owes in open rounds (consult_inbox as the secretary general sees
 * it), by deadline, the overdue ones marked. */
static void ministry_part(Db *db, Buf *t, Buf *h, Ctx *c, const Viewer *v)
{
    Answer *aw;
    Round *sent;
    size_t naw = 0, nsent = 0;
    Err e = {0};
    if (consult_inbox(db, c->a, v, &aw, &naw, &sent, &nsent, &e)) {
        return;
    }
    size_t open = 0;
    for (size_t i = 0; i < naw; i++) {
        open += !aw[i].position && !aw[i].round_closed_on;
    }
    const char *head = i18n_get(c->lang, "Høringer og foreleggelser departementet skal svare på");
    buf_printf(t, "\n%s:\n", head);
    html_printf(h, "<h2 style=\"font-size:1.1em\">%s</h2>", head);
    if (!open) {
        const char *none = i18n_get(c->lang, "Ingen ubesvarte nå.");
        buf_printf(t, "  %s\n", none);
        html_printf(h, "<p>%s</p>", none);
        return;
    }
    html_printf(h, "<ul>");
    for (size_t i = 0; i < naw; i++) {
        const Answer *x = &aw[i];
        if (x->position || x->round_closed_on) {
            continue;
        }
        const char *url = arena_printf(c->a, "%s%s", c->base, record_url(c->a, x->rec.kind, x->rec.id));
        const char *when = x->overdue ? i18n_printf(c->a, c->lang, "fristen var %s", x->deadline)
                                      : i18n_printf(c->a, c->lang, "frist %s", x->deadline);
        const char *who = x->taken_by_name ? x->taken_by_name : i18n_get(c->lang, "ingen har tatt den");
        buf_printf(t, "  - %s (%s; %s)\n    %s\n", x->case_title, when, who, url);
        html_printf(h, "<li><a href=\"%s\">%s</a> (%s%s; %s)</li>", url, x->case_title, x->overdue ? "⚠ " : "", when,
                    who);
    }
    html_printf(h, "</ul>");
}

static const char *unsub_url(Db *db, Ctx *c, int64_t user_id, const char *kind)
{
    const char *token = mail_unsub_token(db, c->a, user_id, kind);
    if (!*token) {
        return NULL;
    }
    return arena_printf(c->a, "%s/mail/unsubscribe?u=%lld&k=%s&t=%s", c->base, (long long)user_id, kind, token);
}

static int render_test(Arena *a, const char *to, const char *message_id, MailMessage *m)
{
    Ctx c = {.a = a, .lang = LANG_NB, .name = to};
    const MailConfig *cfg = mail_config();
    c.base = cfg->base_url ? cfg->base_url : "";
    Buf t = {0}, h = {0};
    const char *subject = "Testmelding fra samla / Test message from samla";
    buf_printf(&t, "Dette er en testmelding fra samla. E-post kommer fram.\n\n"
                   "This is a test message from samla. E-mail gets through.\n\n%s\n", c.base);
    html_printf(&h, "<!doctype html><html lang=\"nb\"><head><meta charset=\"utf-8\"><title>%s</title></head><body>"
                    "<p>Dette er en testmelding fra samla. E-post kommer fram.</p>"
                    "<p lang=\"en\">This is a test message from samla. E-mail gets through.</p></body></html>",
                subject);
    m->to = to;
    message(m, a, NULL, subject, message_id, NULL, &t, &h);
    buf_free(&t);
    buf_free(&h);
    return 0;
}

int mail_render(Db *db, Arena *a, int64_t id, MailMessage *m, Err *e)
{
    *m = (MailMessage){0};
    Stmt *s = db_prepare(db, "SELECT ifnull(o.user_id, 0), o.to_addr, o.kind, o.message_id, ifnull(ac.email, ''), "
                             "ifnull(ac.full_name, ''), ifnull(ac.language, 'nb'), ifnull(ac.active, 0) "
                             "FROM mail_outbox o LEFT JOIN account ac ON ac.id = o.user_id WHERE o.id = ?1");
    db_bind_int(s, 1, id);
    if (db_step(s) != DB_ROW) {
        db_done(s);
        return err_set(e, E_NOTFOUND, "no such outbox row");
    }
    int64_t user_id = db_col_int(s, 0);
    const char *to_addr = db_col_dup(s, 1, a), *kind = db_col_dup(s, 2, a), *mid = db_col_dup(s, 3, a);
    const char *email = db_col_dup(s, 4, a), *name = db_col_dup(s, 5, a);
    int lang = i18n_parse(db_col_text(s, 6));
    bool active = db_col_int(s, 7) != 0;
    db_done(s);
    if (str_eq(kind, "test")) {
        return render_test(a, to_addr, mid, m);
    }
    if (!active || !mail_addr_valid(email)) {
        return err_set(e, E_NOTFOUND, "the recipient is disabled or has no valid e-mail address");
    }
    Viewer v;
    if (perm_viewer(db, a, user_id, &v, NULL)) {
        return err_set(e, E_NOTFOUND, "the recipient cannot be read");
    }
    const MailConfig *cfg = mail_config();
    Ctx c = {.a = a, .lang = lang < 0 ? LANG_NB : lang, .name = name, .base = cfg->base_url ? cfg->base_url : ""};
    size_t blen = strlen(c.base);
    if (blen && c.base[blen - 1] == '/') {
        c.base = arena_strndup(a, c.base, blen - 1);
    }
    Item *xs;
    bool summary = str_eq(kind, "summary");
    size_t total;
    size_t n = load_items(db, &c, &v, id, summary, &xs, &total);
    if (n == 0 && !summary) {
        return err_set(e, E_NOTFOUND, "nothing left that the recipient may read");
    }
    const char *subject, *intro, *unsub_kind, *unsub_what;
    if (str_eq(kind, "notice")) {
        const char *what = TL(&c, xs[0].stage ? xs[0].stage : xs[0].what);
        subject = arena_printf(a, "%s: %s", what, xs[0].title);
        intro = xs[0].actor ? i18n_printf(a, c.lang, "%s – fra %s.", what, xs[0].actor) : what;
        unsub_kind = xs[0].type;
        unsub_what = i18n_get(c.lang, "Slå av denne typen e-post");
    } else if (summary) {
        subject = i18n_get(c.lang, "Ukentlig oppsummering fra samla");
        intro = n ? i18n_printf(a, c.lang, "Dette har skjedd i samla den siste uka (%d varsler):", (int)total)
                  : i18n_get(c.lang, "Ingen nye varsler i samla den siste uka.");
        unsub_kind = "summary";
        unsub_what = i18n_get(c.lang, "Slå av den ukentlige oppsummeringen");
    } else {
        bool daily = str_eq(kind, "daily");
        subject = daily ? i18n_printf(a, c.lang, "Dagens varsler fra samla (%d)", (int)total)
                        : i18n_printf(a, c.lang, "Ukens varsler fra samla (%d)", (int)total);
        intro = daily ? i18n_get(c.lang, "Her er varslene dine siden i går, samlet etter sak:")
                      : i18n_get(c.lang, "Her er varslene dine fra den siste uka, samlet etter sak:");
        unsub_kind = kind;
        unsub_what = daily ? i18n_get(c.lang, "Slå av den daglige e-posten") : i18n_get(c.lang, "Slå av den ukentlige e-posten");
    }
    const char *unsub = unsub_url(db, &c, user_id, unsub_kind);
    Buf t = {0}, h = {0};
    buf_printf(&t, "%s\n\n%s\n", i18n_printf(a, c.lang, "Hei %s,", name), intro);
    html_start(&h, &c, subject);
    html_printf(&h, "<p>%s</p>", intro);
    items_out(&t, &h, &c, xs, n);
    if (total > n) {
        const char *more = i18n_printf(a, c.lang, "… og %d til. Se alle varslene i samla:", (int)(total - n));
        const char *all = arena_printf(a, "%s/notifications", c.base);
        buf_printf(&t, "\n%s %s\n", more, all);
        html_printf(&h, "<p>%s <a href=\"%s\">%s</a></p>", more, all, all);
    }
    if (summary) {
        ministry_part(db, &t, &h, &c, &v);
        const char *dash = arena_printf(a, "%s/dashboard", c.base);
        buf_printf(&t, "\n%s: %s\n", i18n_get(c.lang, "Oversikten for departementet"), dash);
        html_printf(&h, "<p><a href=\"%s\">%s</a></p>", dash, i18n_get(c.lang, "Oversikten for departementet"));
    }
    footer(&t, &h, &c, unsub, unsub_what);
    m->to = email;
    message(m, a, name, subject, mid, unsub, &t, &h);
    buf_free(&t);
    buf_free(&h);
    return 0;
}
