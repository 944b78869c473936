/* metrics.c: /healthz and /metrics (Prometheus text format 0.0.4).
 *
 * Counters are plain atomics indexed by route and status class, so
 * recording costs a few relaxed increments and no lock.  Route -1 (no
 * route matched) is counted under route="none".
 */
#include <stdatomic.h>
#include <stdio.h>

#include "app/core/api.h"
#include "app/mail/mail.h"
#include "base/util.h"
#include "web/guard.h"
#include "web/web.h"

#ifndef SAMLA_VERSION
#define SAMLA_VERSION "0.0.0"
#endif

/* MAX_ROUTES: room for every route of the table (a route past it would be
 * counted as unknown); the table has some 180 now. */
enum { MAX_ROUTES = 512, NCLASS = 5, NBUCKET = 9 };

static const double bucket_le[NBUCKET] = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.1, 0.5, 1.0};
static atomic_ullong g_requests[MAX_ROUTES + 1][NCLASS];  /* [route+1][status/100-1] */
static atomic_ullong g_buckets[NBUCKET + 1];              /* last: +Inf */
static atomic_ullong g_duration_us;
static atomic_ullong g_count;

void metrics_record(int route, int status, long long duration_us)
{
    int ri = route < 0 || route >= MAX_ROUTES ? 0 : route + 1;
    int ci = status / 100 - 1;
    if (ci < 0 || ci >= NCLASS) {
        ci = NCLASS - 1;
    }
    atomic_fetch_add_explicit(&g_requests[ri][ci], 1, memory_order_relaxed);
    int b = 0;
    while (b < NBUCKET && duration_us > (long long)(bucket_le[b] * 1e6)) {
        b++;
    }
    atomic_fetch_add_explicit(&g_buckets[b], 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&g_duration_us, (unsigned long long)duration_us, memory_order_relaxed);
    atomic_fetch_add_explicit(&g_count, 1, memory_order_relaxed);
}

int metrics_raw(Req *r)
{
    Buf *b = &r->body;
    buf_puts(b, "# HELP samla_http_requests_total HTTP requests by route and status class.\n"
                "# TYPE samla_http_requests_total counter\n");
    for (size_t ri = 0; ri <= g_route_count && ri <= MAX_ROUTES; ri++) {
        const char *route = ri == 0 ? "none" : g_routes[ri - 1].pattern;
        const char *method = ri == 0 ? "" : g_routes[ri - 1].method;
        for (int ci = 0; ci < NCLASS; ci++) {
            unsigned long long v = atomic_load_explicit(&g_requests[ri][ci], memory_order_relaxed);
            if (v) {
                buf_printf(b, "samla_http_requests_total{method=\"%s\",route=\"%s\",status=\"%dxx\"} %llu\n",
                           method, route, ci + 1, v);
            }
        }
    }
    buf_puts(b, "# HELP samla_http_request_duration_seconds Time from request to queued response.\n"
                "# TYPE samla_http_request_duration_seconds histogram\n");
    unsigned long long cum = 0;
    for (int i = 0; i < NBUCKET; i++) {
        cum += atomic_load_explicit(&g_buckets[i], memory_order_relaxed);
        buf_printf(b, "samla_http_request_duration_seconds_bucket{le=\"%g\"} %llu\n", bucket_le[i], cum);
    }
    cum += atomic_load_explicit(&g_buckets[NBUCKET], memory_order_relaxed);
    buf_printf(b, "samla_http_request_duration_seconds_bucket{le=\"+Inf\"} %llu\n", cum);
    buf_printf(b, "samla_http_request_duration_seconds_sum %.6f\n",
               (double)atomic_load_explicit(&g_duration_us, memory_order_relaxed) / 1e6);
    buf_printf(b, "samla_http_request_duration_seconds_count %llu\n",
               atomic_load_explicit(&g_count, memory_order_relaxed));
    buf_printf(b, "# HELP samla_http_header_deadline_closed_total Connections closed for not sending their "
                  "headers in time.\n# TYPE samla_http_header_deadline_closed_total counter\n"
                  "samla_http_header_deadline_closed_total %llu\n",
               conn_watch_closed_total());
    buf_printf(b, "# HELP samla_http_body_budget_refused_total Request bodies refused (503) because the bodies "
                  "in memory reached their budget.\n# TYPE samla_http_body_budget_refused_total counter\n"
                  "samla_http_body_budget_refused_total %llu\n",
               body_refused_total());
    buf_printf(b, "# HELP samla_database_size_bytes Size of the SQLite database file.\n"
                  "# TYPE samla_database_size_bytes gauge\nsamla_database_size_bytes %lld\n",
               (long long)db_size_bytes(r->db));
    OutboxCounts mc;
    mail_counts(r->db, &mc);
    buf_printf(b, "# HELP samla_mail_outbox E-mail in the outbox by status (given_up: the server never took it).\n"
                  "# TYPE samla_mail_outbox gauge\n"
                  "samla_mail_outbox{status=\"queued\"} %d\nsamla_mail_outbox{status=\"sending\"} %d\n"
                  "samla_mail_outbox{status=\"sent\"} %d\nsamla_mail_outbox{status=\"failed\"} %d\n"
                  "samla_mail_outbox{status=\"given_up\"} %d\nsamla_mail_outbox{status=\"dropped\"} %d\n"
                  "# HELP samla_mail_configured 1 when an SMTP server and a sender are configured.\n"
                  "# TYPE samla_mail_configured gauge\nsamla_mail_configured %d\n",
               mc.queued, mc.sending, mc.sent, mc.failed, mc.given_up, mc.dropped, mail_configured() ? 1 : 0);
    r->content_type = "text/plain; version=0.0.4; charset=utf-8";
    r->raw = true;
    return req_status(r, 200);
}

int health_raw(Req *r)
{
    bool ok = db_ping(r->db);
    json_t *v = json_pack("{s:s,s:s,s:{s:b,s:i}}", "status", ok ? "ok" : "degraded", "version", SAMLA_VERSION,
                          "database", "ok", ok, "schema_version", db_user_version(r->db));
    return api_json(r, ok ? 200 : 503, v);
}
