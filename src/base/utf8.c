/* utf8.c: see utf8.h.  Follows the table in RFC 3629 section 4. */
#include "utf8.h"

uint32_t utf8_next(const char **pp, const char *end)
{
    const unsigned char *p = (const unsigned char *)*pp;
    const unsigned char *e = (const unsigned char *)end;
    uint32_t c = p[0];
    int len;
    uint32_t min;
    if (c < 0x80) {
        *pp += 1;
        return c;
    } else if (c >= 0xC2 && c <= 0xDF) {
        len = 2, c &= 0x1F, min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3, c &= 0x0F, min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4, c &= 0x07, min = 0x10000;
    } else {
        goto bad;
    }
    if (e - p < len) {
        goto bad;
    }
    for (int i = 1; i < len; i++) {
        if ((p[i] & 0xC0) != 0x80) {
            goto bad;
        }
        c = (c << 6) | (p[i] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
        goto bad;
    }
    *pp += len;
    return c;
bad:
    *pp += 1;
    return 0xFFFD;
}

bool utf8_valid(const char *s, size_t n)
{
    const char *end = s + n;
    while (s < end) {
        if ((unsigned char)*s < 0x80) {
            s++;
            continue;
        }
        const char *start = s;
        uint32_t c = utf8_next(&s, end);
        if (c == 0xFFFD && !(s - start == 3 && (unsigned char)start[0] == 0xEF &&
                             (unsigned char)start[1] == 0xBF &&
                             (unsigned char)start[2] == 0xBD)) {
            return false;
        }
    }
    return true;
}

bool utf8_has_control(const char *s, size_t n, bool multiline)
{
    const char *end = s + n;
    while (s < end) {
        uint32_t c = utf8_next(&s, end);
        if (c == '\t' || (multiline && (c == '\n' || c == '\r'))) {
            continue;
        }
        if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0)) {
            return true;
        }
    }
    return false;
}
