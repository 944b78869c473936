/* server.h: the HTTP server (libmicrohttpd) and the one-shot raw mode. */
#ifndef SAMLA_SERVER_H
#define SAMLA_SERVER_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"
#include "web/web.h"

typedef struct ServerConfig {
    const char *db_path;        /* SQLite database file */
    const char *listen;         /* "127.0.0.1:8080", "[::1]:8080", port 0 picks a free one */
    unsigned threads;           /* worker threads (one SQLite connection each) */
    unsigned max_connections;   /* all clients together; above this, requests get 503 */
    unsigned per_client;        /* connections from one address (not with trusted_proxy); more are refused */
    unsigned timeout_s;         /* idle connection timeout (a body or a reader that stalls) */
    unsigned header_timeout_s;  /* a request's headers must be complete this long after the
                                   connection opened or its previous response went out */
    BodyLimits body;            /* request body limits by kind of route; larger gets 413 */
    size_t body_budget;         /* request bodies held by all connections together; beyond, 503 */
    size_t max_headers;         /* request header limit; larger gets 431 */
    bool trusted_proxy;         /* believe X-Forwarded-For / -Proto from the proxy in front */
} ServerConfig;

/* server_defaults: the documented defaults (2 threads per core capped …). */
void server_defaults(ServerConfig *c);

/* server_run: listen, log "listening", serve until SIGINT/SIGTERM, then
 * stop accepting, let in-flight requests finish (up to 10 s), close the
 * database connections and return 0.  Errors before serving (address in
 * use, bad address) return non-zero with e set. */
int server_run(const ServerConfig *c, Err *e);

/* raw_http_handle: run the raw HTTP/1.x request in data (total bytes, a
 * NUL after them; split in place) through the pipeline into r, which has
 * arena, db and request_id set — the same parsing, limits and checks as
 * `samla http`.  Used by raw_http_run and the HTTP fuzz target. */
struct Req;
void raw_http_handle(char *data, size_t total, struct Req *r);

/* raw_http_run: read one raw HTTP/1.x request from stdin, run it through
 * the same pipeline on a connection to db_path, and write the raw
 * response to stdout.  Returns 0 when a response was written. */
int raw_http_run(const char *db_path, Err *e);

#endif
