/* server.c: the only file that knows libmicrohttpd.
 *
 * Thread pool with epoll: one worker per thread, each with its own SQLite
 * connection (opened on first use, closed by a thread-key destructor when
 * the worker exits).  Each request gets a Ctx when its request line
 * arrives (on_uri).  On the first call of the access handler, with the
 * headers and none of the body, begin() decides all it can: the framing
 * (guard.c), the connection and header limits, and the router's web_begin
 * (route, method, caller, capability) with the route's body limit; what is
 * refused is answered at once and the connection closed, so no body is
 * read and no "100 Continue" sent.  The body is collected on the following
 * calls, up to the limit and within the body budget; the response is built
 * and queued on the last call (queuing on the first call would cost
 * keep-alive).  The Ctx is freed, and the access-log line written, in the
 * completed callback.  Per connection, a ConnWatch (guard.c) enforces the
 * header deadline; libmicrohttpd's own limits are the per-address and
 * total connection limits, the idle timeout and the memory pool.
 */
#include "web/server.h"

#include <arpa/inet.h>
#include <errno.h>
#include <malloc.h>
#include <microhttpd.h>
#include <netdb.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <unistd.h>

#include "app/core/attach.h"
#include "base/log.h"
#include "base/util.h"
#include "base/url.h"
#include "db/db.h"
#include "web/guard.h"
#include "web/service.h"
#include "web/web.h"

/* libmicrohttpd's old request parser (0.9.77 and before; Debian 12 has
 * 0.9.75) hides a NUL byte in a header (see layout_ok) and hangs on a
 * query that fills its memory pool (see on_uri).  The parser written anew
 * for 1.0 (0.9.77.1 on; Debian 13 has 1.0.1) refuses both itself. */
#define SAMLA_MHD_LAYOUT_CHECK (MHD_VERSION < 0x00097701)

enum {
    BIG_BODY = 1 << 20,   /* freeing a body this large trims the heap (malloc_trim) */
    LOG_BURST = 20,       /* the library's messages logged per second at most */
};

/* One request: made when its request line arrives (on_uri), freed in the
 * completed callback.  r and in live across the access handler's calls:
 * web_begin fills them from the headers, web_finish adds the body. */
typedef struct Ctx {
    int64_t start_us;          /* when the request line arrived */
    Arena arena;               /* the request's allocations (r.arena) */
    Req r;                     /* the answer being built */
    WebRequest in;             /* what the router sees */
    Buf body;                  /* collected request body, at most limit bytes */
    size_t limit;              /* body limit of the route asked for (web_route_body_limit) */
    size_t reserved;           /* bytes taken from the body budget */
    size_t dropped;            /* body bytes thrown away after a 413 or 503 */
    int early_status;          /* 400/413/414/431/503 decided outside the router, else 0 */
    const char *why;           /* for the log: what made the early answer */
    bool begun;                /* the access handler has seen the headers */
    bool decided;              /* r holds the router's answer from the headers alone */
    bool answered;             /* the response is queued */
#if SAMLA_MHD_LAYOUT_CHECK
    const char *uri;           /* the request target as the library read it (layout check) */
    size_t uri_len;
#endif
    int route;                 /* matched route or -1 */
    int status;                /* response status */
    size_t bytes;              /* response body bytes */
    char id[24];               /* request id */
    char *method, *path;       /* for the access log */
} Ctx;

static const ServerConfig *g_cfg;
static pthread_key_t g_db_key;
static atomic_uint g_active_conns;
static atomic_uint g_inflight;
static atomic_ullong g_req_counter;
static unsigned g_id_prefix;

static void db_destructor(void *p)
{
    db_close(p);
}

static Db *worker_db(void)
{
    Db *db = pthread_getspecific(g_db_key);
    if (!db) {
        Err e = {0};
        if (db_open(&db, g_cfg->db_path, 0, &e)) {
            Buf b = {0};
            log_kv(&b, "error", e.msg);
            log_write("error", "cannot open database in worker", &b);
            buf_free(&b);
            return NULL;
        }
        pthread_setspecific(g_db_key, db);
    }
    return db;
}

static size_t unescape_identity(void *cls, struct MHD_Connection *c, char *s)
{
    (void)cls, (void)c;
    return strlen(s);  /* keep the URL raw: the router decodes and checks it */
}

static enum MHD_Result add_arg(void *cls, enum MHD_ValueKind kind, const char *k, const char *v)
{
    (void)kind;
    Buf *q = cls;
    if (q->len) {
        buf_putc(q, '&');
    }
    buf_puts(q, k);
    if (v) {
        buf_putc(q, '=');
        buf_puts(q, v);
    }
    return MHD_YES;
}

static char *xstrndup_(const char *s, size_t n)
{
    char *d = xmalloc(n + 1);
    memcpy(d, s, n);
    d[n] = 0;
    return d;
}

static const char *conn_header(void *hctx, const char *name)
{
    return MHD_lookup_connection_value(hctx, MHD_HEADER_KIND, name);
}

/* The client address: the peer, or with --trusted-proxy the last address
 * the proxy added to X-Forwarded-For. */
static const char *client_addr(struct MHD_Connection *c, Arena *a, bool *secure)
{
    *secure = false;
    if (g_cfg->trusted_proxy) {
        const char *xff = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-Forwarded-For");
        const char *proto = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-Forwarded-Proto");
        *secure = proto && strcmp(proto, "https") == 0;
        if (xff && *xff) {
            const char *last = strrchr(xff, ',');
            last = last ? last + 1 : xff;
            while (*last == ' ') {
                last++;
            }
            return arena_strndup(a, last, strnlen(last, 64));
        }
    }
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    char ip[INET6_ADDRSTRLEN] = "";
    if (ci && ci->client_addr) {
        if (ci->client_addr->sa_family == AF_INET) {
            inet_ntop(AF_INET, &((struct sockaddr_in *)ci->client_addr)->sin_addr, ip, sizeof ip);
        } else if (ci->client_addr->sa_family == AF_INET6) {
            inet_ntop(AF_INET6, &((struct sockaddr_in6 *)ci->client_addr)->sin6_addr, ip, sizeof ip);
        }
    }
    return arena_strdup(a, ip);
}

static void add_header(void *ctx, const char *name, const char *value)
{
    MHD_add_response_header(ctx, name, value);
}

/* ---- checks on the request line and headers ------------------------------ */

/* The request line arrived: make the request's Ctx (libmicrohttpd hands
 * it to the access handler as *con_cls) and count the query's parameters
 * before the library parses them. */
static void *on_uri(void *cls, const char *uri, struct MHD_Connection *c)
{
    (void)cls, (void)c;
    Ctx *x = xcalloc(1, sizeof *x);
    x->start_us = now_us();
    x->route = -1;
    unsigned long long n = atomic_fetch_add(&g_req_counter, 1) + 1;
    snprintf(x->id, sizeof x->id, "%08x%08llx", g_id_prefix, n & 0xffffffffULL);
#if SAMLA_MHD_LAYOUT_CHECK
    x->uri = uri;
    x->uri_len = uri ? strlen(uri) : 0;
#endif
    const char *q = uri ? strchr(uri, '?') : NULL;
    if (uri) {   /* for the log line, should the library refuse the request itself */
        size_t plen = q ? (size_t)(q - uri) : strlen(uri);
        x->path = xstrndup_(uri, plen < 200 ? plen : 200);
    }
    if (q && q[1]) {
        size_t params = 1;
        for (const char *p = q + 1; *p; p++) {
            params += *p == '&';
        }
        if (params > URL_MAX_PARAMS) {
            x->early_status = 414;
            x->why = "too many query parameters";
#if SAMLA_MHD_LAYOUT_CHECK
            /* libmicrohttpd 0.9.75 parses the query into its per-connection
             * memory pool right after this callback; a query of about 950
             * parameters exhausts the pool, and the library then neither
             * answers nor closes (the connection hangs until the timeout).
             * The target is the library's own writable read buffer, and
             * the query is refused anyway: end it here so the library
             * parses none of it. */
            ((char *)q)[1] = 0;
#endif
        }
    }
    return x;
}

typedef struct HeaderScan {
    Framing framing;
    size_t bytes;              /* header bytes, as the 431 limit counts them */
} HeaderScan;

static enum MHD_Result scan_header(void *cls, enum MHD_ValueKind kind, const char *k, size_t klen,
                                   const char *v, size_t vlen)
{
    (void)kind;
    HeaderScan *s = cls;
    s->bytes += klen + vlen + 4;
    framing_add(&s->framing, k, klen, v ? v : "", v ? vlen : 0);
    return MHD_YES;
}

#if SAMLA_MHD_LAYOUT_CHECK
/* libmicrohttpd 0.9.75 ends a header value, and the request target, at a
 * NUL byte and drops the rest without a word, so the application cannot
 * see the NUL in what the library hands it.  It does parse in place: the
 * request line and the header lines stay where they were read, one after
 * the other, with each CR and LF, each header's colon and the space before
 * the version overwritten by NULs.  So the parsed pieces must tile the
 * received header block exactly; a NUL the client sent leaves bytes that
 * belong to no piece.  Lines must end in CRLF (as 1.0 at the discipline
 * level we set requires too).  Pointers are compared as integers, and only
 * bytes inside the block (from the method to method + the header size the
 * library reports) are read. */
typedef struct Layout {
    uintptr_t next, end;       /* where the next header line must start; the block's end */
    bool ok;
} Layout;

static bool layout_nul(uintptr_t p, uintptr_t end)
{
    return p < end && *(const char *)p == 0;
}

/* p is where a line ends: the CRLF, now two NULs; the next line's start,
 * or 0 when it is not there. */
static uintptr_t layout_crlf(uintptr_t p, uintptr_t end)
{
    return layout_nul(p, end) && layout_nul(p + 1, end) ? p + 2 : 0;
}

static enum MHD_Result layout_step(void *cls, enum MHD_ValueKind kind, const char *k, size_t klen,
                                   const char *v, size_t vlen)
{
    Layout *l = cls;
    if (kind != MHD_HEADER_KIND || !l->ok) {
        return MHD_YES;
    }
    uintptr_t key = (uintptr_t)k, val = (uintptr_t)v;
    if (!v || key != l->next || val <= key + klen || val + vlen >= l->end || !layout_nul(key + klen, l->end)) {
        l->ok = false;
        return MHD_YES;
    }
    for (uintptr_t p = key + klen + 1; p < val; p++) {
        char ch = *(const char *)p;
        if (ch != ' ' && ch != '\t') {
            l->ok = false;
            return MHD_YES;
        }
    }
    l->next = layout_crlf(val + vlen, l->end);
    l->ok = l->next != 0;
    return MHD_YES;
}

/* true unless the block shows a NUL the client sent (or a folded line, or
 * a bare LF). */
static bool layout_ok(struct MHD_Connection *c, const Ctx *x, const char *method, const char *version)
{
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_REQUEST_HEADER_SIZE);
    uintptr_t base = (uintptr_t)method, ver = (uintptr_t)version;
    if (!ci || !method || !version || ver <= base || ver >= base + ci->header_size) {
        return true;   /* not laid out as expected (no version given): nothing to tell */
    }
    Layout l = {.end = base + ci->header_size, .ok = true};
    /* The target ends at the NUL that was the space before the version. */
    if (x->uri && ((uintptr_t)x->uri <= base || (uintptr_t)x->uri + x->uri_len + 1 != ver)) {
        return false;
    }
    size_t vlen = strnlen(version, (size_t)(l.end - ver));
    l.next = layout_crlf(ver + vlen, l.end);
    if (!l.next) {
        return false;
    }
    MHD_get_connection_values_n(c, MHD_HEADER_KIND, layout_step, &l);
    /* Then the empty line, and the end. */
    return l.ok && layout_crlf(l.next, l.end) == l.end;
}
#endif

/* ---- answering ------------------------------------------------------------- */

static enum MHD_Result respond(struct MHD_Connection *c, Ctx *x)
{
    Req *r = &x->r;
    size_t len = r->body.len;
    char *data = buf_take(&r->body);
    struct MHD_Response *resp = MHD_create_response_from_buffer(len, data, MHD_RESPMEM_MUST_FREE);
    if (!resp) {
        free(data);
        return MHD_NO;
    }
    web_each_header(r, add_header, resp);
    x->status = r->status;
    x->bytes = len;
    x->answered = true;
    enum MHD_Result ok = MHD_queue_response(c, (unsigned)r->status, resp);
    MHD_destroy_response(resp);
    return ok;
}

/* Answer now with status, decided outside the router, and close the
 * connection after it (the rest of the request is not read). */
static enum MHD_Result answer_early(struct MHD_Connection *c, Ctx *x, int status, const char *why)
{
    Req *r = &x->r;
    buf_reset(&r->body);
    r->nheaders = 0;
    r->status = status;
    r->raw = false;
    if (!r->arena) {
        r->arena = &x->arena;
        r->request_id = x->id;
        r->path = x->path;
    }
    WebRequest in = {.header = conn_header, .hctx = c};
    web_lang(&in, r);
    if (status == 413) {
        web_too_big(r, x->path, x->limit);
    } else {
        web_error(r, x->path, status);
    }
    if (status == 503) {
        req_header(r, "Retry-After", "1");
    }
    req_header(r, "Connection", "close");
    x->early_status = status;
    x->why = why;
    return respond(c, x);
}

/* The headers are in: decide everything that can be decided without the
 * body, and answer at once what is refused. */
static enum MHD_Result begin(struct MHD_Connection *c, Ctx *x, const char *url, const char *method,
                             const char *version)
{
    x->begun = true;
    x->method = xstrdup(method);
    free(x->path);
    x->path = xstrdup(url);
    atomic_fetch_add(&g_inflight, 1);
    const union MHD_ConnectionInfo *sc = MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    conn_watch_headers(sc ? sc->socket_context : NULL);
    HeaderScan s = {.bytes = 0};
    framing_init(&s.framing);
    MHD_get_connection_values_n(c, MHD_HEADER_KIND, scan_header, &s);
    const char *bad = framing_error(&s.framing, version && strcmp(version, "HTTP/1.1") == 0);
#if SAMLA_MHD_LAYOUT_CHECK
    if (!bad && !layout_ok(c, x, method, version)) {
        bad = "a NUL byte or a folded line in the request line or a header";
    }
#endif
    if (bad) {
        return answer_early(c, x, 400, bad);
    }
    if (x->early_status) {
        return answer_early(c, x, x->early_status, x->why);
    }
    if (atomic_load(&g_active_conns) > g_cfg->max_connections) {
        return answer_early(c, x, 503, "over the connection limit");
    }
    if (s.bytes > g_cfg->max_headers) {
        return answer_early(c, x, 431, "headers over the limit");
    }
    Req *r = &x->r;
    *r = (Req){.arena = &x->arena, .status = 200, .request_id = x->id, .path = x->path};
    r->db = worker_db();
    if (!r->db) {
        return answer_early(c, x, 503, "no database connection");
    }
    Buf query = {0};
    MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, add_arg, &query);
    x->in = (WebRequest){
        .method = x->method,
        .path = x->path,
        .query = query.len ? arena_strdup(&x->arena, buf_str(&query)) : NULL,
        .content_type = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE),
        .request_id = x->id,
        .header = conn_header,
        .hctx = c,
    };
    buf_free(&query);
    x->in.client = client_addr(c, &x->arena, &x->in.secure);
    bool has_body = s.framing.length > 0 || s.framing.encodings > 0;
    if (web_begin(&x->in, r, &x->route)) {
        x->decided = true;
        if (!has_body) {
            return MHD_YES;   /* answered on the last call, which keeps the connection */
        }
        /* Refused before the body: answer now, so libmicrohttpd sends no
         * "100 Continue", reads none of the body and closes. */
        req_header(r, "Connection", "close");
        return respond(c, x);
    }
    x->limit = web_route_body_limit(x->route, &g_cfg->body);
    if (s.framing.length > 0 && (unsigned long long)s.framing.length > x->limit) {
        return answer_early(c, x, 413, "Content-Length over the route's limit");
    }
    if (s.framing.length > 0) {
        size_t n = (size_t)s.framing.length;
        if (!body_reserve(n)) {
            return answer_early(c, x, 503, "request bodies over the memory budget");
        }
        x->reserved = n;
        buf_grow(&x->body, n + 1);
    }
    return MHD_YES;
}

/* A piece of the body: keep it, or once over the limit or the budget,
 * throw it away (the answer comes on the last call). */
static enum MHD_Result take_body(Ctx *x, const char *data, size_t n)
{
    if (!x->early_status && x->body.len + n > x->limit) {
        x->early_status = 413;   /* a chunked body grew past the limit */
        x->why = "chunked body over the route's limit";
    }
    if (!x->early_status && x->body.len + n > x->reserved) {
        size_t more = x->body.len + n - x->reserved;
        if (more < 65536) {
            more = 65536 < x->limit - x->reserved ? 65536 : x->limit - x->reserved;
        }
        if (more < x->body.len + n - x->reserved || !body_reserve(more)) {
            x->early_status = 503;
            x->why = "request bodies over the memory budget";
        } else {
            x->reserved += more;
        }
    }
    if (x->early_status) {
        buf_free(&x->body);
        body_release(x->reserved);
        x->reserved = 0;
        if ((x->dropped += n) > x->limit) {
            return MHD_NO;   /* still coming after as much again: close the connection */
        }
        return MHD_YES;
    }
    buf_append(&x->body, data, n);
    return MHD_YES;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                                  const char *version, const char *upload, size_t *upload_size, void **con_cls)
{
    (void)cls;
    Ctx *x = *con_cls;
    if (!x) {
        x = *con_cls = on_uri(NULL, NULL, c);
    }
    if (!x->begun) {
        return begin(c, x, url, method, version);
    }
    if (*upload_size) {
        size_t n = *upload_size;
        *upload_size = 0;
        return x->answered ? MHD_YES : take_body(x, upload, n);
    }
    if (x->answered) {
        return MHD_YES;
    }
    if (x->early_status) {
        return answer_early(c, x, x->early_status, x->why);
    }
    if (!x->decided) {
        x->in.body = x->body.data;
        x->in.body_len = x->body.len;
        web_finish(&x->in, &x->r, x->route);
#ifndef NDEBUG
        if (db_busy_statements(x->r.db)) {
            Buf b = {0};
            log_kv(&b, "path", url);
            log_write("error", "statement left unfinished after request", &b);
            buf_free(&b);
        }
#endif
    }
    return respond(c, x);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls, enum MHD_RequestTerminationCode toe)
{
    (void)cls;
    const union MHD_ConnectionInfo *sc = MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    conn_watch_idle(sc ? sc->socket_context : NULL);
    Ctx *x = *con_cls;
    if (!x) {
        return;
    }
    *con_cls = NULL;
    long long dur = now_us() - x->start_us;
    if (x->status == 0) {
        /* The library answered itself (a malformed request), or the client
         * went away before an answer (499). */
        const union MHD_ConnectionInfo *st = MHD_get_connection_info(c, MHD_CONNECTION_INFO_HTTP_STATUS);
        x->status = st && st->http_status ? (int)st->http_status : toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? 0 : 499;
    }
    if (x->begun) {
        metrics_record(x->route, x->status, dur);
        atomic_fetch_sub(&g_inflight, 1);
    }
    if (!g_log_quiet) {
        Buf b = {0};
        char num[32];
        log_kv(&b, "id", x->id);
        log_kv(&b, "method", x->method ? x->method : "");
        log_kv(&b, "path", x->path ? x->path : "");
        snprintf(num, sizeof num, "%d", x->status);
        log_kv(&b, "status", num);
        snprintf(num, sizeof num, "%zu", x->bytes);
        log_kv(&b, "bytes", num);
        snprintf(num, sizeof num, "%.3fms", (double)dur / 1000.0);
        log_kv(&b, "duration", num);
        if (x->why) {
            log_kv(&b, "refused", x->why);
        }
        log_write("info", "request", &b);
        buf_free(&b);
    }
    bool big = x->reserved >= BIG_BODY;
    buf_free(&x->body);
    body_release(x->reserved);
    buf_free(&x->r.body);
    arena_free(&x->arena);
    free(x->method);
    free(x->path);
    free(x);
    if (big) {
        malloc_trim(0);   /* hand a large body's pages back to the system */
    }
}

static void on_connection(void *cls, struct MHD_Connection *c, void **socket_context,
                          enum MHD_ConnectionNotificationCode toe)
{
    (void)cls;
    if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
        atomic_fetch_add(&g_active_conns, 1);
        const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
        *socket_context = ci ? conn_watch_open(ci->connect_fd) : NULL;
    } else {
        atomic_fetch_sub(&g_active_conns, 1);
        conn_watch_close(*socket_context);
        *socket_context = NULL;
    }
}

/* The library's own messages (a refused connection, a malformed request),
 * at most LOG_BURST a second so a flood of them cannot fill the disk; the
 * number left out is logged with the next line that gets through. */
__attribute__((format(printf, 2, 0))) static void on_mhd_error(void *cls, const char *fmt, va_list ap)
{
    (void)cls;
    static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
    static int64_t second;
    static unsigned lines;
    static unsigned long long suppressed;
    int64_t now = now_ms() / 1000;
    unsigned long long left_out = 0;
    pthread_mutex_lock(&lock);
    if (now != second) {
        second = now;
        lines = 0;
    }
    bool write = ++lines <= LOG_BURST;
    if (write) {
        left_out = suppressed;
        suppressed = 0;
    } else {
        suppressed++;
    }
    pthread_mutex_unlock(&lock);
    if (!write) {
        return;
    }
    char msg[512];
    vsnprintf(msg, sizeof msg, fmt, ap);
    size_t n = strlen(msg);
    while (n && (msg[n - 1] == '\n' || msg[n - 1] == '\r')) {
        msg[--n] = 0;
    }
    Buf b = {0};
    log_kv(&b, "detail", msg);
    if (left_out) {
        char num[32];
        snprintf(num, sizeof num, "%llu", left_out);
        log_kv(&b, "suppressed", num);
    }
    log_write("warn", "http", &b);
    buf_free(&b);
}

static void bound_name(int fd, char *bound, size_t nbound);

/* Create the listening socket ourselves so errors are clear and port 0
 * can be reported. */
static int open_listener(const char *listen_addr, char *bound, size_t nbound, Err *e)
{
    char host[256];
    const char *colon = strrchr(listen_addr, ':');
    if (!colon || colon == listen_addr) {
        return err_set(e, E_INVALID, "listen address %s must be HOST:PORT", listen_addr);
    }
    size_t hl = (size_t)(colon - listen_addr);
    if (hl >= sizeof host) {
        return err_set(e, E_INVALID, "listen address %s is too long", listen_addr);
    }
    memcpy(host, listen_addr, hl);
    host[hl] = 0;
    if (host[0] == '[' && hl > 2 && host[hl - 1] == ']') {
        memmove(host, host + 1, hl - 2);
        host[hl - 2] = 0;
    }
    long long port;
    if (!parse_int(colon + 1, 0, 65535, &port)) {
        return err_set(e, E_INVALID, "port in %s must be a number from 0 to 65535", listen_addr);
    }
    struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM, .ai_flags = AI_PASSIVE};
    struct addrinfo *ai = NULL;
    int rc = getaddrinfo(host, colon + 1, &hints, &ai);
    if (rc) {
        return err_set(e, E_INVALID, "cannot resolve listen address %s: %s", listen_addr, gai_strerror(rc));
    }
    int fd = socket(ai->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        freeaddrinfo(ai);
        return err_set(e, E_IO, "cannot create socket: %s", strerror(errno));
    }
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (bind(fd, ai->ai_addr, ai->ai_addrlen) || listen(fd, 1024)) {
        int err = errno;
        close(fd);
        freeaddrinfo(ai);
        if (err == EADDRINUSE) {
            return err_set(e, E_IO, "address %s is already in use", listen_addr);
        }
        return err_set(e, E_IO, "cannot listen on %s: %s", listen_addr, strerror(err));
    }
    freeaddrinfo(ai);
    bound_name(fd, bound, nbound);
    return fd;
}

/* The listening socket's address as "ip:port" or "[ip6]:port". */
static void bound_name(int fd, char *bound, size_t nbound)
{
    struct sockaddr_storage ss;
    socklen_t sl = sizeof ss;
    getsockname(fd, (struct sockaddr *)&ss, &sl);
    char ip[INET6_ADDRSTRLEN] = "?";
    unsigned p = 0;
    if (ss.ss_family == AF_INET) {
        struct sockaddr_in *s4 = (struct sockaddr_in *)&ss;
        inet_ntop(AF_INET, &s4->sin_addr, ip, sizeof ip);
        p = ntohs(s4->sin_port);
        snprintf(bound, nbound, "%s:%u", ip, p);
    } else {
        struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&ss;
        inet_ntop(AF_INET6, &s6->sin6_addr, ip, sizeof ip);
        p = ntohs(s6->sin6_port);
        snprintf(bound, nbound, "[%s]:%u", ip, p);
    }
}

void server_defaults(ServerConfig *c)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    c->threads = n > 0 ? (unsigned)n : 2;
    c->max_connections = 1024;
    c->per_client = 64;
    c->timeout_s = 30;
    c->header_timeout_s = 10;
    c->body = (BodyLimits){
        .anonymous = 64u << 10,
        .signed_in = 1u << 20,
        .import = 10u << 20,
        .upload = attach_body_limit(),
    };
    c->body_budget = 256u << 20;
    c->max_headers = 16u << 10;
    c->listen = "127.0.0.1:8080";
}

/* Descriptors besides the connections: the listening socket, the
 * workers' databases with their journals, attachments being written. */
enum { SPARE_FDS = 256 };

int server_run(const ServerConfig *config, Err *e)
{
    static ServerConfig cfg;
    cfg = *config;
    ServerConfig *c = &cfg;
    g_cfg = c;
    if (getrandom(&g_id_prefix, sizeof g_id_prefix, 0) != sizeof g_id_prefix) {
        g_id_prefix = (unsigned)getpid();
    }
    /* libmicrohttpd splits its connection limit evenly between the worker
     * threads, and connections do not arrive evenly: each worker gets 64
     * over its share, and connections over max_connections in all get a
     * 503 from us rather than being dropped by the library. */
    unsigned slack = 64 * c->threads;
    /* Every connection needs a descriptor; many systems start with 1,024. */
    unsigned long need = (unsigned long)c->max_connections + slack + SPARE_FDS;
    unsigned long have = guard_raise_nofile(need);
    if (have < need) {
        c->max_connections = have > SPARE_FDS + slack + 16 ? (unsigned)(have - SPARE_FDS - slack) : 16;
        Buf b = {0};
        char num[32];
        snprintf(num, sizeof num, "%lu", have);
        log_kv(&b, "nofile", num);
        snprintf(num, sizeof num, "%u", c->max_connections);
        log_kv(&b, "max_connections", num);
        log_write("warn", "the file descriptor limit is low; fewer connections are served", &b);
        buf_free(&b);
    }
    /* Request bodies are the largest allocations; with a fixed mmap
     * threshold every one over 128 KiB gets its own mapping, handed back
     * whole when it is freed (glibc would otherwise raise the threshold
     * after the first large free and keep later bodies in the heap). */
    mallopt(M_MMAP_THRESHOLD, 128 * 1024);
    size_t largest = c->body.upload > c->body.import ? c->body.upload : c->body.import;
    body_budget_set(c->body_budget > 2 * largest ? c->body_budget : 2 * largest);
    pthread_key_create(&g_db_key, db_destructor);
    char bound[128];
    int fd = service_listen_fd(e);
    if (fd == -2) {
        return E_INVALID;
    }
    bool passed = fd >= 0;   /* by systemd: the socket outlives this process */
    if (passed) {
        bound_name(fd, bound, sizeof bound);
    } else {
        fd = open_listener(c->listen, bound, sizeof bound, e);
    }
    if (fd < 0) {
        return fd;
    }
    /* Block the stop signals in every thread; this one waits for them. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);
    if (conn_watch_start(c->header_timeout_s, e)) {
        close(fd);
        return e->code;
    }
    /* Behind a trusted proxy every connection comes from the proxy's
     * address: a per-address limit would limit the proxy, not the clients
     * (the proxy limits them; see docs/security.md). */
    unsigned per_client = c->trusted_proxy ? 0 : c->per_client;
    struct MHD_Daemon *d = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC | MHD_USE_ERROR_LOG, 0, NULL, NULL,
        on_request, NULL, MHD_OPTION_EXTERNAL_LOGGER, on_mhd_error, NULL, MHD_OPTION_LISTEN_SOCKET, fd,
        MHD_OPTION_THREAD_POOL_SIZE, c->threads,
        MHD_OPTION_CONNECTION_TIMEOUT, c->timeout_s, MHD_OPTION_CONNECTION_LIMIT, c->max_connections + slack,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, per_client,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(c->max_headers * 4), MHD_OPTION_NOTIFY_COMPLETED,
        on_completed, NULL, MHD_OPTION_NOTIFY_CONNECTION, on_connection, NULL, MHD_OPTION_UNESCAPE_CALLBACK,
        unescape_identity, NULL, MHD_OPTION_URI_LOG_CALLBACK, on_uri, NULL,
#if MHD_VERSION >= 0x00097701
        /* Level 2: RFC 9112 to the letter for clients (bare LF, folded
         * headers, Content-Length with Transfer-Encoding … refused).  Level
         * 3 differs only by allowing whitespace before a chunk extension. */
        MHD_OPTION_CLIENT_DISCIPLINE_LVL, (int)2,
#else
        MHD_OPTION_STRICT_FOR_CLIENT, (int)1,
#endif
        MHD_OPTION_END);
    if (!d) {
        conn_watch_stop();
        close(fd);
        return err_set(e, E_IO, "cannot start the HTTP server on %s", bound);
    }
    Buf b = {0};
    log_kv(&b, "addr", bound);
    char num[16];
    snprintf(num, sizeof num, "%u", c->threads);
    log_kv(&b, "threads", num);
    snprintf(num, sizeof num, "%u", c->max_connections);
    log_kv(&b, "max_connections", num);
    snprintf(num, sizeof num, "%u", per_client);
    log_kv(&b, "per_client", per_client ? num : "off");
    if (passed) {
        log_kv(&b, "socket", "systemd");
    }
    log_write("info", "listening", &b);
    buf_free(&b);
    service_ready(fd, bound);
    int sig = 0;
    sigwait(&stop, &sig);
    service_stopping();
    b = (Buf){0};
    log_kv(&b, "signal", sig == SIGINT ? "SIGINT" : "SIGTERM");
    log_write("info", "stopping", &b);
    buf_free(&b);
    MHD_socket lfd = MHD_quiesce_daemon(d);
    int64_t deadline = now_ms() + 10000;
    while (atomic_load(&g_inflight) > 0 && now_ms() < deadline) {
        usleep(10000);
    }
    MHD_stop_daemon(d);
    conn_watch_stop();
    if (lfd != MHD_INVALID_SOCKET) {
        close(lfd);
    }
    log_write("info", "stopped", NULL);
    return 0;
}
