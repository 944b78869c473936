/* multipart.c: see multipart.h.  Grammar followed (RFC 2046 §5.1.1,
 * RFC 7578, RFC 9110 for header fields):
 *
 *   body      = dash-boundary CRLF part *( CRLF dash-boundary CRLF part )
 *               CRLF dash-boundary "--" [ CRLF ]
 *   part      = *( header CRLF ) CRLF data
 *   header    = token ":" OWS value OWS
 *   form-data = "form-data" *( OWS ";" OWS token "=" ( token / quoted ) )
 *
 * The parser never reads outside [body, body + len): every search is
 * bounded by the end, and no step assumes a NUL terminator.
 */
#include "multipart.h"

#include <string.h>
#include <strings.h>

#include "utf8.h"

/* RFC 9110 tchar. */
static bool is_tchar(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           (c && strchr("!#$%&'*+-.^_`|~", c) != NULL);
}

/* RFC 2046 bchars (space allowed, but not as the last character). */
static bool is_bchar(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           (c && strchr("'()+_,-./:=? ", c) != NULL);
}

static const char *skip_ows(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t')) {
        p++;
    }
    return p;
}

/* One parameter "name=value" (token or quoted string) at *pp before end.
 * Name and value go to the arena; false when malformed. */
static bool read_param(Arena *a, const char **pp, const char *end, char **name, char **value, size_t max_value)
{
    const char *p = *pp, *n0 = p;
    while (p < end && is_tchar((unsigned char)*p)) {
        p++;
    }
    if (p == n0 || p == end || *p != '=') {
        return false;
    }
    *name = arena_strndup(a, n0, (size_t)(p - n0));
    p++;
    const char *v0, *v1;
    if (p < end && *p == '"') {
        v0 = ++p;
        while (p < end && *p != '"') {
            unsigned char c = (unsigned char)*p;
            if (c < 0x20 || c == 0x7f) {   /* no CR, LF, NUL or other controls inside quotes */
                return false;
            }
            p++;
        }
        if (p == end) {
            return false;
        }
        v1 = p++;
    } else {
        v0 = p;
        while (p < end && is_tchar((unsigned char)*p)) {
            p++;
        }
        v1 = p;
        if (v0 == v1) {
            return false;
        }
    }
    if ((size_t)(v1 - v0) > max_value || !utf8_valid(v0, (size_t)(v1 - v0))) {
        return false;
    }
    *value = arena_strndup(a, v0, (size_t)(v1 - v0));
    *pp = p;
    return true;
}

int multipart_boundary(Arena *a, const char *content_type, const char **boundary, Err *e)
{
    *boundary = NULL;
    static const char type[] = "multipart/form-data";
    if (!content_type || strncasecmp(content_type, type, sizeof type - 1) != 0) {
        return err_set(e, E_INVALID, "not multipart/form-data");
    }
    const char *end = content_type + strlen(content_type);
    const char *p = content_type + sizeof type - 1, *b = NULL;
    while (p < end) {
        p = skip_ows(p, end);
        if (p == end) {
            break;
        }
        if (*p != ';') {
            return err_set(e, E_INVALID, "malformed Content-Type parameters");
        }
        p = skip_ows(p + 1, end);
        char *name, *value;
        if (!read_param(a, &p, end, &name, &value, MULTIPART_MAX_BOUNDARY)) {
            return err_set(e, E_INVALID, "malformed Content-Type parameter");
        }
        if (strcasecmp(name, "boundary") == 0) {
            if (b) {
                return err_set(e, E_INVALID, "two boundary parameters");
            }
            b = value;
        }
    }
    size_t n = b ? strlen(b) : 0;
    if (n == 0 || n > MULTIPART_MAX_BOUNDARY || b[n - 1] == ' ') {
        return err_set(e, E_INVALID, "missing or invalid boundary");
    }
    for (size_t i = 0; i < n; i++) {
        if (!is_bchar((unsigned char)b[i])) {
            return err_set(e, E_INVALID, "invalid character in boundary");
        }
    }
    *boundary = b;
    return 0;
}

/* Find needle (n bytes) in [p, end); NULL when absent. */
static const char *find(const char *p, const char *end, const char *needle, size_t n)
{
    if (end - p < (ptrdiff_t)n) {
        return NULL;
    }
    return memmem(p, (size_t)(end - p), needle, n);
}

/* Parse the header block [p, end) (each line ends in CRLF) into part. */
static int parse_headers(Arena *a, const char *p, const char *end, MultipartPart *part, Err *e)
{
    bool have_cd = false;
    while (p < end) {
        const char *eol = find(p, end, "\r\n", 2);
        if (!eol) {
            return err_set(e, E_INVALID, "header line without CRLF");
        }
        const char *colon = p;
        while (colon < eol && is_tchar((unsigned char)*colon)) {
            colon++;
        }
        if (colon == p || colon == eol || *colon != ':') {
            return err_set(e, E_INVALID, "malformed part header");
        }
        const char *v = skip_ows(colon + 1, eol), *ve = eol;
        while (ve > v && (ve[-1] == ' ' || ve[-1] == '\t')) {
            ve--;
        }
        for (const char *q = v; q < ve; q++) {
            unsigned char c = (unsigned char)*q;
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                return err_set(e, E_INVALID, "control character in part header");
            }
        }
        if (!utf8_valid(v, (size_t)(ve - v))) {
            return err_set(e, E_INVALID, "part header is not UTF-8");
        }
        size_t hn = (size_t)(colon - p);
        if (hn == 19 && strncasecmp(p, "Content-Disposition", hn) == 0) {
            if (have_cd) {
                return err_set(e, E_INVALID, "two Content-Disposition headers");
            }
            have_cd = true;
            static const char fd[] = "form-data";
            if ((size_t)(ve - v) < sizeof fd - 1 || strncasecmp(v, fd, sizeof fd - 1) != 0) {
                return err_set(e, E_INVALID, "Content-Disposition is not form-data");
            }
            const char *q = v + sizeof fd - 1;
            while (q < ve) {
                q = skip_ows(q, ve);
                if (q == ve) {
                    break;
                }
                if (*q != ';') {
                    return err_set(e, E_INVALID, "malformed Content-Disposition");
                }
                q = skip_ows(q + 1, ve);
                char *pn, *pv;
                if (!read_param(a, &q, ve, &pn, &pv, MULTIPART_MAX_FILENAME)) {
                    return err_set(e, E_INVALID, "malformed Content-Disposition parameter");
                }
                bool is_name = strcasecmp(pn, "name") == 0, is_file = strcasecmp(pn, "filename") == 0;
                if ((is_name && part->name) || (is_file && part->filename)) {
                    return err_set(e, E_INVALID, "repeated Content-Disposition parameter");
                }
                if (is_name) {
                    if (strlen(pv) > MULTIPART_MAX_NAME) {
                        return err_set(e, E_INVALID, "field name too long");
                    }
                    part->name = pv;
                } else if (is_file) {
                    part->filename = pv;
                }
            }
        } else if (hn == 12 && strncasecmp(p, "Content-Type", hn) == 0) {
            if (part->content_type) {
                return err_set(e, E_INVALID, "two Content-Type headers");
            }
            part->content_type = arena_strndup(a, v, (size_t)(ve - v));
        }
        p = eol + 2;
    }
    if (!have_cd || !part->name) {
        return err_set(e, E_INVALID, "part without Content-Disposition: form-data; name=…");
    }
    return 0;
}

int multipart_parse(Arena *a, const char *content_type, const char *body, size_t len, size_t max_part,
                    Multipart *out, Err *e)
{
    *out = (Multipart){0};
    const char *boundary;
    int rc = multipart_boundary(a, content_type, &boundary, e);
    if (rc) {
        return rc;
    }
    if (!body) {
        return err_set(e, E_INVALID, "empty body");
    }
    /* delim = CRLF "--" boundary; the body starts with delim without its CRLF. */
    size_t bl = strlen(boundary);
    char *delim = arena_printf(a, "\r\n--%s", boundary);
    size_t dl = bl + 4;
    const char *p = body, *end = body + len;
    if ((size_t)(end - p) < dl - 2 || memcmp(p, delim + 2, dl - 2) != 0) {
        return err_set(e, E_INVALID, "body does not start with the boundary");
    }
    p += dl - 2;
    MultipartPart *parts = NULL;
    size_t n = 0, cap = 0;
    for (;;) {
        if (end - p >= 2 && p[0] == '-' && p[1] == '-') {
            p += 2;
            if (end - p >= 2 && p[0] == '\r' && p[1] == '\n') {
                p += 2;
            }
            if (p != end) {
                return err_set(e, E_INVALID, "data after the closing boundary");
            }
            break;
        }
        if (end - p < 2 || p[0] != '\r' || p[1] != '\n') {
            return err_set(e, E_INVALID, "boundary not followed by CRLF");
        }
        p += 2;
        if (n == MULTIPART_MAX_PARTS) {
            return err_set(e, E_TOOBIG, "more than %d parts", MULTIPART_MAX_PARTS);
        }
        /* The header block ends with an empty line; it may be the first line. */
        const char *hend;
        if (end - p >= 2 && p[0] == '\r' && p[1] == '\n') {
            hend = p;
        } else {
            const char *limit = end - p > MULTIPART_MAX_HEADER + 4 ? p + MULTIPART_MAX_HEADER + 4 : end;
            const char *blank = find(p, limit, "\r\n\r\n", 4);
            if (!blank) {
                return limit == end ? err_set(e, E_INVALID, "unterminated part header")
                                    : err_set(e, E_TOOBIG, "part header longer than %d bytes", MULTIPART_MAX_HEADER);
            }
            hend = blank + 2;
        }
        MultipartPart part = {0};
        rc = parse_headers(a, p, hend, &part, e);
        if (rc) {
            return rc;
        }
        p = hend + 2;
        const char *dend = find(p, end, delim, dl);
        if (!dend) {
            return err_set(e, E_INVALID, "part without closing boundary");
        }
        if ((size_t)(dend - p) > max_part) {
            return err_set(e, E_TOOBIG, "part larger than %zu bytes", max_part);
        }
        part.data = p;
        part.len = (size_t)(dend - p);
        *(MultipartPart *)arena_push(a, &parts, &n, &cap, sizeof *parts) = part;
        p = dend + dl;
    }
    out->parts = parts;
    out->n = n;
    return 0;
}

const MultipartPart *multipart_get(const Multipart *m, const char *name)
{
    for (size_t i = 0; i < m->n; i++) {
        if (strcmp(m->parts[i].name, name) == 0) {
            return &m->parts[i];
        }
    }
    return NULL;
}

const char *multipart_text(Arena *a, const Multipart *m, const char *name)
{
    const MultipartPart *p = multipart_get(m, name);
    if (!p || memchr(p->data, 0, p->len) || !utf8_valid(p->data, p->len)) {
        return NULL;
    }
    return arena_strndup(a, p->data, p->len);
}

size_t multipart_fields(Arena *a, const Multipart *m, Params *out)
{
    *out = (Params){0};
    size_t cap = 0;
    for (size_t i = 0; i < m->n; i++) {
        const MultipartPart *p = &m->parts[i];
        if (p->filename || memchr(p->data, 0, p->len) || !utf8_valid(p->data, p->len)) {
            continue;
        }
        Param *q = arena_push(a, &out->v, &out->n, &cap, sizeof *q);
        q->name = p->name;
        q->value = arena_strndup(a, p->data, p->len);
    }
    return out->n;
}
