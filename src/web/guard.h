/* guard.h: what keeps one hostile client from taking the server down or
 * confusing its request framing — independent of the HTTP library, so
 * server.c (libmicrohttpd) and rawhttp.c (`samla http`) share the rules.
 *
 *   - framing: a request's headers are unambiguous (RFC 9112): one Host
 *     (none only in HTTP/1.0), at most one Content-Length made of digits,
 *     never with Transfer-Encoding, Transfer-Encoding only "chunked", no
 *     control characters in names or values;
 *   - the header deadline: a connection must deliver a request's complete
 *     headers within a fixed time counted from accept (or from the end of
 *     its previous response), however slowly it trickles bytes;
 *   - the body budget: the request bodies held in memory by all
 *     connections together stay under a fixed total;
 *   - the file-descriptor limit is raised to what the connection limit needs.
 */
#ifndef SAMLA_GUARD_H
#define SAMLA_GUARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

/* ---- framing ------------------------------------------------------------ */

typedef struct Framing {
    int hosts;              /* Host headers seen */
    int lengths;            /* Content-Length headers seen */
    int encodings;          /* Transfer-Encoding headers seen */
    long long length;       /* the Content-Length, -1 when none */
    const char *bad;        /* the first reason the headers are malformed, or NULL */
} Framing;

/* framing_init: start checking one request's headers. */
void framing_init(Framing *f);

/* framing_add: check one header (name and value as received, with their
 * lengths, so a NUL inside shows). */
void framing_add(Framing *f, const char *name, size_t name_len, const char *value, size_t value_len);

/* framing_error: NULL when the request's framing is unambiguous, else the
 * reason in English (for the log); the answer is 400 and the connection
 * is closed.  http11: the request line said HTTP/1.1 (Host required). */
const char *framing_error(const Framing *f, bool http11);

/* ---- the header deadline -------------------------------------------------- */

typedef struct ConnWatch ConnWatch;

/* conn_watch_start: start the watchdog thread that shuts down connections
 * whose headers are not complete deadline_s seconds after they started
 * waiting for them.  Call once before serving. */
int conn_watch_start(unsigned deadline_s, Err *e);

/* conn_watch_stop: stop the watchdog thread (after the server stopped). */
void conn_watch_stop(void);

/* conn_watch_open: a new connection on socket fd, waiting for headers from
 * now on.  Never NULL. */
ConnWatch *conn_watch_open(int fd);

/* conn_watch_headers: the request's headers are in: no deadline until
 * conn_watch_idle. */
void conn_watch_headers(ConnWatch *w);

/* conn_watch_idle: the response is out; the next request's headers are
 * due deadline_s seconds from now. */
void conn_watch_idle(ConnWatch *w);

/* conn_watch_close: the connection is closing (before its socket is
 * closed); w is freed. */
void conn_watch_close(ConnWatch *w);

/* conn_watch_closed_total: connections shut down for a missed deadline. */
unsigned long long conn_watch_closed_total(void);

/* ---- the body budget -------------------------------------------------------- */

/* body_budget_set: the most request-body bytes all connections may hold
 * at once. */
void body_budget_set(size_t bytes);

/* body_reserve: take n bytes of the budget; false (nothing taken) when
 * that would exceed it. */
bool body_reserve(size_t n);

/* body_release: give n bytes back. */
void body_release(size_t n);

/* body_refused_total: bodies refused because the budget was spent. */
unsigned long long body_refused_total(void);

/* ---- file descriptors --------------------------------------------------------- */

/* guard_raise_nofile: raise the soft RLIMIT_NOFILE to at least need (up
 * to the hard limit).  Returns the soft limit now in force. */
unsigned long guard_raise_nofile(unsigned long need);

#endif
