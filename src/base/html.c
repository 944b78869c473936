/* html.c: see html.h. */
#include "html.h"

#include <assert.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void html_esc(Buf *b, const char *s)
{
    if (!s) {
        return;
    }
    const char *run = s;
    for (; *s; s++) {
        const char *rep;
        switch (*s) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        default: continue;
        }
        buf_append(b, run, (size_t)(s - run));
        buf_puts(b, rep);
        run = s + 1;
    }
    buf_append(b, run, (size_t)(s - run));
}

void html_safe(Buf *b, SafeHtml h)
{
    if (h.html) {
        buf_puts(b, h.html);
    }
}

void html_printf(Buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    const char *run = fmt;
    char num[32];
    for (const char *p = fmt; *p; p++) {
        if (*p != '%') {
            continue;
        }
        buf_append(b, run, (size_t)(p - run));
        p++;
        int longs = 0;
        bool size = false;
        while (*p == 'l') {
            longs++, p++;
        }
        if (*p == 'z') {
            size = true, p++;
        }
        switch (*p) {
        case 's':
            html_esc(b, va_arg(ap, const char *));
            break;
        case 'd':
        case 'i':
            if (longs == 2) {
                snprintf(num, sizeof num, "%lld", va_arg(ap, long long));
            } else if (longs == 1) {
                snprintf(num, sizeof num, "%ld", va_arg(ap, long));
            } else {
                snprintf(num, sizeof num, "%d", va_arg(ap, int));
            }
            buf_puts(b, num);
            break;
        case 'u':
            if (size) {
                snprintf(num, sizeof num, "%zu", va_arg(ap, size_t));
            } else if (longs == 2) {
                snprintf(num, sizeof num, "%llu", va_arg(ap, unsigned long long));
            } else if (longs == 1) {
                snprintf(num, sizeof num, "%lu", va_arg(ap, unsigned long));
            } else {
                snprintf(num, sizeof num, "%u", va_arg(ap, unsigned));
            }
            buf_puts(b, num);
            break;
        case '%':
            buf_putc(b, '%');
            break;
        default:
            /* An unsupported conversion is a programming error. */
            assert(!"html_printf: unsupported conversion");
            abort();
        }
        run = p + 1;
    }
    buf_puts(b, run);
    va_end(ap);
}

void html_text_block(Buf *b, const char *text)
{
    if (!text) {
        return;
    }
    /* Lines end in LF or CRLF (browsers send CRLF from a textarea). */
    const char *p = text;
    while (*p == '\n' || *p == '\r') {
        p++;
    }
    if (!*p) {
        return;
    }
    buf_puts(b, "<p class=\"ds-paragraph\">");
    char line[1024];
    while (*p) {
        size_t n = strcspn(p, "\r\n");
        /* Escape the line piecewise; lines can be longer than the buffer. */
        for (size_t off = 0; off < n; off += sizeof line - 1) {
            size_t k = n - off < sizeof line - 1 ? n - off : sizeof line - 1;
            memcpy(line, p + off, k);
            line[k] = 0;
            html_esc(b, line);
        }
        p += n;
        int breaks = 0;
        while (*p == '\n' || *p == '\r') {
            if (*p == '\r' && p[1] == '\n') {
                p++;
            }
            p++;
            breaks++;
        }
        if (*p) {
            buf_puts(b, breaks > 1 ? "</p><p class=\"ds-paragraph\">" : "<br>");
        }
    }
    buf_puts(b, "</p>");
}

char *url_enc(Arena *a, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t n = strlen(s);
    char *out = arena_alloc(a, n * 3 + 1);
    char *o = out;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        unsigned char c = *p;
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '.' || c == '_' || c == '~') {
            *o++ = (char)c;
        } else {
            *o++ = '%';
            *o++ = hex[c >> 4];
            *o++ = hex[c & 15];
        }
    }
    *o = 0;
    return out;
}
