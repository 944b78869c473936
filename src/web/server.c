/* server.c: the only file that knows libmicrohttpd.
 *
 * Thread pool with epoll: one worker per thread, each with its own SQLite
 * connection (opened on first use, closed by a thread-key destructor when
 * the worker exits).  Each request gets a Ctx on the first call of the
 * access handler; the body is collected on the following calls; the
 * response is built and queued on the last call (queuing on the first call
 * would cost keep-alive).  The Ctx is freed, and the access-log line
 * written, in the completed callback.
 */
#include "web/server.h"

#include <arpa/inet.h>
#include <errno.h>
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
#include "db/db.h"
#include "web/web.h"

typedef struct Ctx {
    int64_t start_us;          /* when the request line arrived */
    Buf body;                  /* collected request body */
    int early_status;          /* 413/431/503 decided before routing, else 0 */
    size_t limit;              /* body limit of the route asked for (web_body_limit) */
    size_t dropped;            /* body bytes thrown away after a 413 */
    bool answered;             /* the response is queued (a 413 before the body) */
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

typedef struct Sum {
    size_t bytes;
    Buf *query;
} Sum;

static enum MHD_Result sum_header(void *cls, enum MHD_ValueKind kind, const char *k, const char *v)
{
    (void)kind;
    Sum *s = cls;
    s->bytes += strlen(k) + (v ? strlen(v) : 0) + 4;
    return MHD_YES;
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

static enum MHD_Result respond(struct MHD_Connection *c, Ctx *x, Req *r)
{
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
    enum MHD_Result ok = MHD_queue_response(c, (unsigned)r->status, resp);
    MHD_destroy_response(resp);
    return ok;
}

static enum MHD_Result answer(struct MHD_Connection *c, Ctx *x, const char *url, const char *method);

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                                  const char *version, const char *upload, size_t *upload_size, void **con_cls)
{
    (void)cls, (void)version;
    Ctx *x = *con_cls;
    if (!x) {
        x = xcalloc(1, sizeof *x);
        x->start_us = now_us();
        x->route = -1;
        unsigned long long n = atomic_fetch_add(&g_req_counter, 1) + 1;
        snprintf(x->id, sizeof x->id, "%08x%08llx", g_id_prefix, n & 0xffffffffULL);
        x->method = xstrdup(method);
        x->path = xstrdup(url);
        x->limit = web_body_limit(method, url, g_cfg->max_body, g_cfg->max_upload);
        *con_cls = x;
        atomic_fetch_add(&g_inflight, 1);
        Sum s = {0, NULL};
        MHD_get_connection_values(c, MHD_HEADER_KIND, sum_header, &s);
        const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
        long long clen = 0;
        if (atomic_load(&g_active_conns) > g_cfg->max_connections) {
            x->early_status = 503;
        } else if (s.bytes > g_cfg->max_headers) {
            x->early_status = 431;
        } else if (cl && (!parse_int(cl, 0, INT64_MAX, &clen) || (size_t)clen > x->limit)) {
            /* Too big by its Content-Length: answer now, before any of the
             * body is read.  libmicrohttpd then sends no "100 Continue",
             * and closes the connection after the answer instead of
             * reading a body it would throw away. */
            x->early_status = 413;
            x->answered = true;
            return answer(c, x, url, method);
        }
        return MHD_YES;
    }
    if (*upload_size) {
        if (x->answered) {
            *upload_size = 0;
            return MHD_YES;
        }
        if (!x->early_status && x->body.len + *upload_size > x->limit) {
            x->early_status = 413;   /* a chunked body grew past the limit */
            buf_free(&x->body);
        }
        if (!x->early_status) {
            buf_append(&x->body, upload, *upload_size);
        } else if ((x->dropped += *upload_size) > x->limit) {
            return MHD_NO;   /* still coming after as much again: close the connection */
        }
        *upload_size = 0;
        return MHD_YES;
    }
    return x->answered ? MHD_YES : answer(c, x, url, method);
}

/* Build and queue the response to the request of x: the early answer it
 * was given, or the router's. */
static enum MHD_Result answer(struct MHD_Connection *c, Ctx *x, const char *url, const char *method)
{
    Arena arena = {0};
    Req r = {.arena = &arena, .status = 200, .request_id = x->id, .path = x->path};
    r.db = worker_db();
    if (x->early_status || !r.db) {
        r.request_id = x->id;
        WebRequest in = {.header = conn_header, .hctx = c};
        web_lang(&in, &r);
        if (x->early_status == 413) {
            web_too_big(&r, url, x->limit);
        } else {
            web_error(&r, url, x->early_status ? x->early_status : 503);
        }
        if (x->early_status == 503) {
            req_header(&r, "Retry-After", "1");
        }
        if (x->early_status == 413 || x->early_status == 431) {
            req_header(&r, "Connection", "close");
        }
    } else {
        Buf query = {0};
        MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, add_arg, &query);
        WebRequest in = {
            .method = method,
            .path = url,
            .query = query.len ? buf_str(&query) : NULL,
            .body = x->body.data,
            .body_len = x->body.len,
            .content_type = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE),
            .request_id = x->id,
            .header = conn_header,
            .hctx = c,
        };
        in.client = client_addr(c, &arena, &in.secure);
        web_handle(&in, &r, &x->route);
        buf_free(&query);
#ifndef NDEBUG
        if (db_busy_statements(r.db)) {
            Buf b = {0};
            log_kv(&b, "path", url);
            log_write("error", "statement left unfinished after request", &b);
            buf_free(&b);
        }
#endif
    }
    enum MHD_Result ok = respond(c, x, &r);
    buf_free(&r.body);
    arena_free(&arena);
    return ok;
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls, enum MHD_RequestTerminationCode toe)
{
    (void)cls, (void)c;
    Ctx *x = *con_cls;
    if (!x) {
        return;
    }
    long long dur = now_us() - x->start_us;
    if (toe != MHD_REQUEST_TERMINATED_COMPLETED_OK && x->status == 0) {
        x->status = 499;  /* client went away before a response */
    }
    metrics_record(x->route, x->status, dur);
    if (!g_log_quiet) {
        Buf b = {0};
        char num[32];
        log_kv(&b, "id", x->id);
        log_kv(&b, "method", x->method);
        log_kv(&b, "path", x->path);
        snprintf(num, sizeof num, "%d", x->status);
        log_kv(&b, "status", num);
        snprintf(num, sizeof num, "%zu", x->bytes);
        log_kv(&b, "bytes", num);
        snprintf(num, sizeof num, "%.3fms", (double)dur / 1000.0);
        log_kv(&b, "duration", num);
        log_write("info", "request", &b);
        buf_free(&b);
    }
    buf_free(&x->body);
    free(x->method);
    free(x->path);
    free(x);
    *con_cls = NULL;
    atomic_fetch_sub(&g_inflight, 1);
}

static void on_connection(void *cls, struct MHD_Connection *c, void **socket_context,
                          enum MHD_ConnectionNotificationCode toe)
{
    (void)cls, (void)c, (void)socket_context;
    if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
        atomic_fetch_add(&g_active_conns, 1);
    } else {
        atomic_fetch_sub(&g_active_conns, 1);
    }
}

__attribute__((format(printf, 2, 0))) static void on_mhd_error(void *cls, const char *fmt, va_list ap)
{
    (void)cls;
    char msg[512];
    vsnprintf(msg, sizeof msg, fmt, ap);
    size_t n = strlen(msg);
    while (n && (msg[n - 1] == '\n' || msg[n - 1] == '\r')) {
        msg[--n] = 0;
    }
    Buf b = {0};
    log_kv(&b, "detail", msg);
    log_write("warn", "http", &b);
    buf_free(&b);
}

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
    return fd;
}

void server_defaults(ServerConfig *c)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    c->threads = n > 0 ? (unsigned)n : 2;
    c->max_connections = 1024;
    c->timeout_s = 30;
    c->max_body = 10u << 20;
    c->max_upload = attach_body_limit();
    c->max_headers = 16u << 10;
    c->listen = "127.0.0.1:8080";
}

int server_run(const ServerConfig *c, Err *e)
{
    g_cfg = c;
    if (getrandom(&g_id_prefix, sizeof g_id_prefix, 0) != sizeof g_id_prefix) {
        g_id_prefix = (unsigned)getpid();
    }
    pthread_key_create(&g_db_key, db_destructor);
    char bound[128];
    int fd = open_listener(c->listen, bound, sizeof bound, e);
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
    struct MHD_Daemon *d = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC | MHD_USE_ERROR_LOG, 0, NULL, NULL,
        on_request, NULL, MHD_OPTION_EXTERNAL_LOGGER, on_mhd_error, NULL, MHD_OPTION_LISTEN_SOCKET, fd,
        MHD_OPTION_THREAD_POOL_SIZE, c->threads,
        MHD_OPTION_CONNECTION_TIMEOUT, c->timeout_s, MHD_OPTION_CONNECTION_LIMIT, c->max_connections + 64,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(c->max_headers * 4), MHD_OPTION_NOTIFY_COMPLETED,
        on_completed, NULL, MHD_OPTION_NOTIFY_CONNECTION, on_connection, NULL, MHD_OPTION_UNESCAPE_CALLBACK,
        unescape_identity, NULL, MHD_OPTION_END);
    if (!d) {
        close(fd);
        return err_set(e, E_IO, "cannot start the HTTP server on %s", bound);
    }
    Buf b = {0};
    log_kv(&b, "addr", bound);
    char num[16];
    snprintf(num, sizeof num, "%u", c->threads);
    log_kv(&b, "threads", num);
    log_write("info", "listening", &b);
    buf_free(&b);
    int sig = 0;
    sigwait(&stop, &sig);
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
    if (lfd != MHD_INVALID_SOCKET) {
        close(lfd);
    }
    log_write("info", "stopped", NULL);
    return 0;
}
