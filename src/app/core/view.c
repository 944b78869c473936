/* view.c: see view.h. */
#include "app/core/view.h"

#include <stdio.h>
#include <time.h>
#include <string.h>
#include <strings.h>

#include "base/html.h"
#include "base/util.h"

void view_option(Buf *b, const char *value, const char *label, bool selected)
{
    if (selected) {
        html_printf(b, "<option value=\"%s\" selected>%s</option>", value, label);
    } else {
        html_printf(b, "<option value=\"%s\">%s</option>", value, label);
    }
}

/* Month names; translated where shown. */
static const char *const g_months[] = {N_("januar"), N_("februar"), N_("mars"),      N_("april"),
                                       N_("mai"),    N_("juni"),    N_("juli"),      N_("august"),
                                       N_("september"), N_("oktober"), N_("november"), N_("desember")};

/* A day as numbers, "31.12.2025" (dd/mm/yyyy in English). */
static const char *numeric_date(Arena *a, int lang, int y, int m, int d)
{
    /* TRANSLATORS: a date in numbers: day, month, year. */
    return i18n_printf(a, lang, "%02d.%02d.%04d", d, m, y);
}

/* A day in words, "1. januar 2024" ("1 January 2024"). */
static const char *long_date(Arena *a, int lang, int y, int m, int d)
{
    /* TRANSLATORS: a date: day, month name, year. */
    return i18n_printf(a, lang, "%d. %s %d", d, i18n_get(lang, g_months[m - 1]), y);
}

/* A day and a time of day, "1. januar 2024 kl. 14:05". */
static const char *at_time(Arena *a, int lang, const char *day, int h, int min)
{
    /* TRANSLATORS: a date followed by the time of day (hours, minutes). */
    return i18n_printf(a, lang, "%s kl. %02d:%02d", day, h, min);
}

/* Parse exactly "YYYY-MM-DD" (no sscanf: list pages format hundreds of
 * dates per request).  False for anything else. */
static bool parse_iso_date(const char *s, int *y, int *m, int *d)
{
    for (int i = 0; i < 10; i++) {
        bool dash = i == 4 || i == 7;
        if (dash ? s[i] != '-' : (s[i] < '0' || s[i] > '9')) {
            return false;
        }
    }
    if (s[10]) {
        return false;
    }
    *y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    *m = (s[5] - '0') * 10 + (s[6] - '0');
    *d = (s[8] - '0') * 10 + (s[9] - '0');
    return *m >= 1 && *m <= 12 && *d >= 1 && *d <= 31;
}

const char *view_short_date(Req *r, const char *iso)
{
    int y, m, d;
    if (!iso || !parse_iso_date(iso, &y, &m, &d)) {
        return iso ? iso : "";
    }
    return numeric_date(r->arena, r->lang, y, m, d);
}

static const char *date_lang(Arena *a, int lang, const char *iso)
{
    int y, m, d;
    if (!iso) {
        return "";
    }
    if (!parse_iso_date(iso, &y, &m, &d)) {
        return iso;
    }
    return long_date(a, lang, y, m, d);
}

const char *view_date(Req *r, const char *iso)
{
    return date_lang(r->arena, r->lang, iso);
}

int view_error(Req *r, int status, const char *detail)
{
    const char *title = N_("Noe gikk galt");
    const char *text = N_("Vi klarte ikke å vise siden. Prøv igjen om litt.");
    switch (status) {
    case 400:
        title = N_("Ugyldig forespørsel");
        text = N_("Forespørselen kunne ikke tolkes. Sjekk adressen eller skjemaet og prøv igjen.");
        break;
    case 403:
        title = N_("Ingen tilgang");
        text = N_("Du har ikke tilgang til denne siden.");
        break;
    case 404:
        title = N_("Fant ikke siden");
        text = N_("Siden finnes ikke, eller den er flyttet. Sjekk adressen, eller gå til forsiden.");
        break;
    case 405:
        title = N_("Metoden er ikke tillatt");
        text = N_("Denne adressen støtter ikke den typen forespørsel.");
        break;
    case 413:
        title = N_("Forespørselen er for stor");
        text = N_("Innholdet som ble sendt, er større enn det samla tar imot.");
        break;
    case 414:
        title = N_("Adressen er for lang");
        text = N_("Adressen har for mange søkevalg. Gå tilbake og prøv med færre.");
        break;
    case 503:
        title = N_("Tjenesten er opptatt");
        text = N_("samla har for mange forespørsler akkurat nå. Prøv igjen om litt.");
        break;
    }
    r->title = T(r, title);
    buf_reset(&r->body);
    html_printf(&r->body, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1>"
                          "<p class=\"ds-paragraph\">%s</p>", r->title, T(r, text));
    if (detail) {
        html_printf(&r->body, "<div class=\"ds-alert\" data-color=\"warning\"><p class=\"ds-paragraph\">%s</p></div>",
                    detail);
    }
    html_printf(&r->body, "<p class=\"ds-paragraph\"><a class=\"ds-link\" href=\"/\">%s</a></p>",
                T(r, "Gå til forsiden"));
    if (r->request_id) {
        html_printf(&r->body, "<p class=\"ds-paragraph muted\">%s: <code>%s</code></p>", T(r, "Referanse"),
                    r->request_id);
    }
    return req_status(r, status);
}

void view_text_field(Buf *b, const char *id, const char *label, const char *value, const char *type,
                     const char *autocomplete, const char *description, const char *error, bool required)
{
    html_printf(b, "<div class=\"ds-field\"><label class=\"ds-label\" for=\"%s\">%s</label>", id, label);
    if (description) {
        html_printf(b, "<div data-field=\"description\" id=\"%s-desc\">%s</div>", id, description);
    }
    html_printf(b, "<input class=\"ds-input\" id=\"%s\" name=\"%s\" type=\"%s\" value=\"%s\"", id, id, type,
                value ? value : "");
    if (autocomplete) {
        html_printf(b, " autocomplete=\"%s\"", autocomplete);
    }
    if (required) {
        html_printf(b, " required");
    }
    if (error && description) {
        html_printf(b, " aria-invalid=\"true\" aria-describedby=\"%s-desc %s-err\">", id, id);
    } else if (error) {
        html_printf(b, " aria-invalid=\"true\" aria-describedby=\"%s-err\">", id);
    } else if (description) {
        html_printf(b, " aria-describedby=\"%s-desc\">", id);
    } else {
        html_printf(b, ">");
    }
    if (error) {
        html_printf(b, "<p class=\"ds-validation-message\" data-field=\"validation\" id=\"%s-err\">%s</p>", id,
                    error);
    }
    html_printf(b, "</div>");
}

void view_form_error(Buf *b, const char *msg)
{
    if (msg && *msg) {
        html_printf(b, "<div class=\"ds-alert\" data-color=\"danger\" role=\"alert\"><p class=\"ds-paragraph\">%s</p>"
                       "</div>", msg);
    }
}

void view_csrf(Buf *b, Req *r)
{
    html_printf(b, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">", req_csrf(r));
}

static const char *unix_time_lang(Arena *a, int lang, long long t)
{
    if (!t) {
        return i18n_get(lang, "aldri");
    }
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    return at_time(a, lang, numeric_date(a, lang, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday), tm.tm_hour,
                   tm.tm_min);
}

const char *view_unix_time(Req *r, long long t)
{
    return unix_time_lang(r->arena, r->lang, t);
}

static const char *time_lang(Arena *a, int lang, const char *iso)
{
    /* "2026-11-23T03:00:22.482Z" (UTC) → "23. november 2026 kl. 04:00" in
     * local (Norwegian) time. */
    struct tm tm = {0};
    if (!iso || sscanf(iso, "%4d-%2d-%2dT%2d:%2d:%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
                       &tm.tm_sec) != 6) {
        return iso ? iso : "";
    }
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    time_t t = timegm(&tm);
    struct tm lt;
    localtime_r(&t, &lt);
    if (lt.tm_mon < 0 || lt.tm_mon > 11) {
        return iso;
    }
    return at_time(a, lang, long_date(a, lang, lt.tm_year + 1900, lt.tm_mon + 1, lt.tm_mday), lt.tm_hour, lt.tm_min);
}

const char *view_time(Req *r, const char *iso)
{
    return time_lang(r->arena, r->lang, iso);
}
