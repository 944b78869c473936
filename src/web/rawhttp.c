/* rawhttp.c: `samla http` — one raw HTTP/1.x request from stdin through
 * the same pipeline as the server, the raw response on stdout.  For tests,
 * debugging and fuzzing: no sockets, no threads.
 *
 * Accepts CRLF or bare LF line ends.  The body is what follows the blank
 * line, cut to Content-Length when one is given.  The same framing rules
 * (guard.c), header and body limits as the server, in the same order.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/util.h"
#include "db/db.h"
#include "db/migrate.h"
#include "web/guard.h"
#include "web/server.h"
#include "web/web.h"

static const char *reason(int status)
{
    switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 303: return "See Other";
    case 401: return "Unauthorized";
    case 409: return "Conflict";
    case 422: return "Unprocessable Content";
    case 429: return "Too Many Requests";
    case 501: return "Not Implemented";
    case 304: return "Not Modified";
    case 308: return "Permanent Redirect";
    case 400: return "Bad Request";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 413: return "Content Too Large";
    case 414: return "URI Too Long";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    }
    return "Unknown";
}

typedef struct RawHeaders {
    const char *name[64];
    const char *value[64];
    int n;
} RawHeaders;

static const char *raw_header(void *hctx, const char *name)
{
    RawHeaders *h = hctx;
    for (int i = 0; i < h->n; i++) {
        if (strcasecmp(h->name[i], name) == 0) {
            return h->value[i];
        }
    }
    return NULL;
}

static void print_header(void *ctx, const char *name, const char *value)
{
    fprintf(ctx, "%s: %s\r\n", name, value);
}

/* Next line of s (ending in LF or CRLF), NUL-terminated in place. */
static char *next_line(char **s)
{
    char *line = *s;
    char *nl = strchr(line, '\n');
    if (!nl) {
        *s = line + strlen(line);
        return line;
    }
    *nl = 0;
    if (nl > line && nl[-1] == '\r') {
        nl[-1] = 0;
    }
    *s = nl + 1;
    return line;
}

void raw_http_handle(char *data, size_t total, Req *r)
{
    ServerConfig cfg;
    server_defaults(&cfg);
    int route;
    /* A NUL in the request line or headers would end a line early here, as
     * it hides in libmicrohttpd 0.9.75: refuse it like the server. */
    const char *hend = memmem(data, total, "\n\r\n", 3);
    const char *hend_lf = memmem(data, total, "\n\n", 2);
    if (!hend || (hend_lf && hend_lf < hend)) {
        hend = hend_lf;
    }
    bool nul = memchr(data, 0, hend ? (size_t)(hend - data) : total) != NULL;
    char *p = data;
    char *req_line = next_line(&p);
    char *words[3] = {NULL, NULL, NULL};
    for (int i = 0; i < 3 && *req_line; i++) {
        words[i] = req_line;
        char *sp = strchr(req_line, ' ');
        if (!sp) {
            break;
        }
        *sp = 0;
        req_line = sp + 1;
    }
    char *method = words[0], *target = words[1], *version = words[2];
    const char *content_type = NULL;
    size_t header_bytes = 0;
    RawHeaders hdrs = {.n = 0};
    Framing f;
    framing_init(&f);
    while (*p) {
        char *line = next_line(&p);
        if (!*line) {
            break;
        }
        header_bytes += strlen(line) + 2;
        char *colon = strchr(line, ':');
        if (!colon) {
            f.bad = f.bad ? f.bad : "a header line without a colon";
            continue;
        }
        *colon = 0;
        char *v = colon + 1;
        while (*v == ' ' || *v == '\t') {
            v++;
        }
        framing_add(&f, line, strlen(line), v, strlen(v));
        if (hdrs.n < 64) {
            hdrs.name[hdrs.n] = line;
            hdrs.value[hdrs.n++] = v;
        }
        if (strcasecmp(line, "Content-Type") == 0) {
            content_type = v;
        }
    }
    size_t body_len = total - (size_t)(p - data), limit = 0;
    if (f.length >= 0 && (size_t)f.length < body_len) {
        body_len = (size_t)f.length;
    }
    char *q = target ? strchr(target, '?') : NULL;
    if (q) {
        *q++ = 0;
    }
    WebRequest w = {.method = method, .path = target, .query = q, .body = body_len ? p : NULL,
                    .body_len = body_len, .content_type = content_type, .request_id = r->request_id,
                    .client = "raw", .header = raw_header, .hctx = &hdrs};
    if (!method || !target || !version || strncmp(version, "HTTP/1.", 7) != 0 || nul ||
        framing_error(&f, strcmp(version, "HTTP/1.1") == 0)) {
        web_error(r, target ? target : "/", 400);
    } else if (header_bytes > cfg.max_headers) {
        web_error(r, target, 431);
    } else if (!web_begin(&w, r, &route)) {
        limit = web_route_body_limit(route, &cfg.body);
        if (body_len > limit || (f.length > 0 && (size_t)f.length > limit)) {
            web_too_big(r, target, limit);
        } else {
            web_finish(&w, r, route);
        }
    }
}

int raw_http_run(const char *db_path, Err *e)
{
    Buf in = {0};
    char chunk[65536];
    size_t n;
    ServerConfig cfg;
    server_defaults(&cfg);
    while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0) {
        buf_append(&in, chunk, n);
        size_t largest = cfg.body.upload > cfg.body.import ? cfg.body.upload : cfg.body.import;
        if (in.len > largest + cfg.max_headers + 65536) {
            break;
        }
    }
    Db *db = NULL;
    if (db_open(&db, db_path, 0, e) || migrate_check(db, e)) {
        buf_free(&in);
        db_close(db);
        return e->code ? e->code : E_DB;
    }
    web_init();
    Arena arena = {0};
    Req r = {.arena = &arena, .db = db, .status = 200, .request_id = "raw"};
    buf_putc(&in, 0);   /* NUL-terminated for the line splitter; not part of the request */
    in.len--;
    raw_http_handle(in.data, in.len, &r);
    const char *method = in.data;
    printf("HTTP/1.1 %d %s\r\n", r.status, reason(r.status));
    web_each_header(&r, print_header, stdout);
    printf("Content-Length: %zu\r\n\r\n", r.body.len);
    if (strcmp(method, "HEAD") != 0) {
        fwrite(r.body.data ? r.body.data : "", 1, r.body.len, stdout);
    }
    fflush(stdout);
    buf_free(&r.body);
    arena_free(&arena);
    buf_free(&in);
    db_close(db);
    return 0;
}
