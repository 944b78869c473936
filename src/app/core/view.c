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

const char *view_short_date(const char *iso)
{
    /* "2025-12-31" → "31.12.2025" in a per-thread ring of buffers. */
    static _Thread_local char ring[8][16];
    static _Thread_local unsigned next;
    char *out = ring[next++ % 8];
    if (strlen(iso) == 10 && iso[4] == '-' && iso[7] == '-') {
        snprintf(out, 16, "%.2s.%.2s.%.4s", iso + 8, iso + 5, iso);
        return out;
    }
    return iso;
}

const char *view_date(Arena *a, const char *iso)
{
    static const char *months[] = {"januar", "februar", "mars",      "april",   "mai",      "juni",
                                   "juli",   "august",  "september", "oktober", "november", "desember"};
    int y, m, d;
    char tail;
    if (!iso) {
        return "";
    }
    if (sscanf(iso, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || m < 1 || m > 12 || d < 1 || d > 31) {
        return iso;
    }
    return arena_printf(a, "%d. %s %d", d, months[m - 1], y);
}

int view_error(Req *r, int status, const char *detail)
{
    const char *title = "Noe gikk galt";
    const char *text = "Vi klarte ikke å vise siden. Prøv igjen om litt.";
    switch (status) {
    case 400:
        title = "Ugyldig forespørsel";
        text = "Forespørselen kunne ikke tolkes. Sjekk adressen eller skjemaet og prøv igjen.";
        break;
    case 403:
        title = "Ingen tilgang";
        text = "Du har ikke tilgang til denne siden.";
        break;
    case 404:
        title = "Fant ikke siden";
        text = "Siden finnes ikke, eller den er flyttet. Sjekk adressen, eller gå til forsiden.";
        break;
    case 405:
        title = "Metoden er ikke tillatt";
        text = "Denne adressen støtter ikke den typen forespørsel.";
        break;
    case 413:
        title = "Forespørselen er for stor";
        text = "Innholdet som ble sendt, er større enn det samla tar imot.";
        break;
    case 503:
        title = "Tjenesten er opptatt";
        text = "samla har for mange forespørsler akkurat nå. Prøv igjen om litt.";
        break;
    }
    r->title = title;
    buf_reset(&r->body);
    html_printf(&r->body, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1>"
                          "<p class=\"ds-paragraph\">%s</p>", title, text);
    if (detail) {
        html_printf(&r->body, "<div class=\"ds-alert\" data-color=\"warning\"><p class=\"ds-paragraph\">%s</p></div>",
                    detail);
    }
    html_printf(&r->body, "<p class=\"ds-paragraph\"><a class=\"ds-link\" href=\"/\">Gå til forsiden</a></p>");
    if (r->request_id) {
        html_printf(&r->body, "<p class=\"ds-paragraph muted\">Referanse: <code>%s</code></p>", r->request_id);
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

const char *view_unix_time(Arena *a, long long t)
{
    if (!t) {
        return "aldri";
    }
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    return arena_printf(a, "%02d.%02d.%04d kl. %02d:%02d", tm.tm_mday, tm.tm_mon + 1, tm.tm_year + 1900,
                        tm.tm_hour, tm.tm_min);
}

const char *view_time(Arena *a, const char *iso)
{
    /* "2026-11-23T03:00:22.482Z" (UTC) → "23. november 2026 kl. 04:00" in
     * local (Norwegian) time. */
    static const char *months[] = {"januar", "februar", "mars",      "april",   "mai",      "juni",
                                   "juli",   "august",  "september", "oktober", "november", "desember"};
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
    return arena_printf(a, "%d. %s %d kl. %02d:%02d", lt.tm_mday, months[lt.tm_mon], lt.tm_year + 1900, lt.tm_hour,
                        lt.tm_min);
}
