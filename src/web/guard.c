/* guard.c: the framing rules, the header deadline, the body budget and the
 * file-descriptor limit (see guard.h for what each protects).
 *
 * The header deadline: every connection has a ConnWatch on one list, with
 * the time it started waiting for a request's headers.  A watchdog thread
 * looks at the list four times a second and shuts down (shutdown(2),
 * SHUT_RDWR) the socket of every connection that has waited longer than the
 * deadline; the HTTP library then sees the connection end and closes it.
 * The list lock is held while shutting down and while a connection leaves
 * the list, and the HTTP library closes the socket only after that, so the
 * watchdog never touches a descriptor that has been reused.
 */
#include "web/guard.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>

#include "base/log.h"
#include "base/util.h"

/* ---- framing ------------------------------------------------------------ */

void framing_init(Framing *f)
{
    *f = (Framing){.length = -1};
}

static void framing_bad(Framing *f, const char *why)
{
    if (!f->bad) {
        f->bad = why;
    }
}

/* RFC 9110 token characters, the only ones a field name may have. */
static bool is_tchar(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           (c && strchr("!#$%&'*+-.^_`|~", c));
}

static bool name_is(const char *name, size_t len, const char *want)
{
    return len == strlen(want) && strncasecmp(name, want, len) == 0;
}

void framing_add(Framing *f, const char *name, size_t name_len, const char *value, size_t value_len)
{
    if (name_len == 0) {
        framing_bad(f, "empty header name");
    }
    for (size_t i = 0; i < name_len; i++) {
        if (!is_tchar((unsigned char)name[i])) {
            framing_bad(f, "a character that is not allowed in a header name");
            break;
        }
    }
    for (size_t i = 0; i < value_len; i++) {
        unsigned char c = (unsigned char)value[i];
        if ((c < 0x20 && c != '\t') || c == 0x7f) {
            framing_bad(f, "a control character in a header value");
            break;
        }
    }
    while (value_len && (value[value_len - 1] == ' ' || value[value_len - 1] == '\t')) {
        value_len--;   /* optional whitespace after the value */
    }
    if (name_is(name, name_len, "Host")) {
        f->hosts++;
    } else if (name_is(name, name_len, "Content-Length")) {
        f->lengths++;
        long long n = 0;
        bool digits = value_len > 0 && value_len <= 18;
        for (size_t i = 0; digits && i < value_len; i++) {
            digits = value[i] >= '0' && value[i] <= '9';
            n = n * 10 + (value[i] - '0');
        }
        if (!digits) {
            framing_bad(f, "a Content-Length that is not a number");
        }
        f->length = digits ? n : -1;
    } else if (name_is(name, name_len, "Transfer-Encoding")) {
        f->encodings++;
        if (!name_is(value, value_len, "chunked")) {
            framing_bad(f, "a Transfer-Encoding other than chunked");
        }
    }
}

const char *framing_error(const Framing *f, bool http11)
{
    if (f->bad) {
        return f->bad;
    }
    if (f->hosts > 1) {
        return "more than one Host header";
    }
    if (f->hosts == 0 && http11) {
        return "no Host header";
    }
    if (f->lengths > 1) {
        return "more than one Content-Length header";
    }
    if (f->encodings > 1) {
        return "more than one Transfer-Encoding header";
    }
    if (f->lengths && f->encodings) {
        return "both Content-Length and Transfer-Encoding";
    }
    return NULL;
}

/* ---- the header deadline -------------------------------------------------- */

struct ConnWatch {
    int fd;
    _Atomic int64_t since_ms;   /* when it started waiting for headers; 0: not waiting */
    bool shut;                  /* shut down by the watchdog (under g_lock) */
    ConnWatch *prev, *next;
};

static pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t g_wake = PTHREAD_COND_INITIALIZER;
static ConnWatch *g_head;
static bool g_running, g_stop;
static pthread_t g_thread;
static int64_t g_deadline_ms;
static atomic_ullong g_closed;

static void *watchdog(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&g_lock);
    while (!g_stop) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        ts.tv_nsec += 250 * 1000000L;
        if (ts.tv_nsec >= 1000000000L) {
            ts.tv_sec++;
            ts.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&g_wake, &g_lock, &ts);
        int64_t now = now_ms();
        unsigned long n = 0;
        for (ConnWatch *w = g_head; w; w = w->next) {
            int64_t since = atomic_load_explicit(&w->since_ms, memory_order_relaxed);
            if (since && !w->shut && now - since > g_deadline_ms) {
                shutdown(w->fd, SHUT_RDWR);
                w->shut = true;
                n++;
            }
        }
        if (n) {
            atomic_fetch_add_explicit(&g_closed, n, memory_order_relaxed);
        }
    }
    pthread_mutex_unlock(&g_lock);
    return NULL;
}

int conn_watch_start(unsigned deadline_s, Err *e)
{
    g_deadline_ms = (int64_t)deadline_s * 1000;
    g_stop = false;
    int rc = pthread_create(&g_thread, NULL, watchdog, NULL);
    if (rc) {
        return err_set(e, E_IO, "cannot start the header deadline thread: %s", strerror(rc));
    }
    g_running = true;
    return 0;
}

void conn_watch_stop(void)
{
    if (!g_running) {
        return;
    }
    pthread_mutex_lock(&g_lock);
    g_stop = true;
    pthread_cond_signal(&g_wake);
    pthread_mutex_unlock(&g_lock);
    pthread_join(g_thread, NULL);
    g_running = false;
}

ConnWatch *conn_watch_open(int fd)
{
    ConnWatch *w = xcalloc(1, sizeof *w);
    w->fd = fd;
    atomic_store(&w->since_ms, now_ms());
    pthread_mutex_lock(&g_lock);
    w->next = g_head;
    if (g_head) {
        g_head->prev = w;
    }
    g_head = w;
    pthread_mutex_unlock(&g_lock);
    return w;
}

void conn_watch_headers(ConnWatch *w)
{
    if (w) {
        atomic_store_explicit(&w->since_ms, 0, memory_order_relaxed);
    }
}

void conn_watch_idle(ConnWatch *w)
{
    if (w) {
        atomic_store_explicit(&w->since_ms, now_ms(), memory_order_relaxed);
    }
}

void conn_watch_close(ConnWatch *w)
{
    if (!w) {
        return;
    }
    pthread_mutex_lock(&g_lock);
    if (w->prev) {
        w->prev->next = w->next;
    } else {
        g_head = w->next;
    }
    if (w->next) {
        w->next->prev = w->prev;
    }
    pthread_mutex_unlock(&g_lock);
    free(w);
}

unsigned long long conn_watch_closed_total(void)
{
    return atomic_load_explicit(&g_closed, memory_order_relaxed);
}

/* ---- the body budget -------------------------------------------------------- */

static size_t g_budget = SIZE_MAX;
static atomic_size_t g_held;
static atomic_ullong g_refused;

void body_budget_set(size_t bytes)
{
    g_budget = bytes;
}

bool body_reserve(size_t n)
{
    size_t held = atomic_load_explicit(&g_held, memory_order_relaxed);
    do {
        if (n > g_budget || held > g_budget - n) {
            atomic_fetch_add_explicit(&g_refused, 1, memory_order_relaxed);
            return false;
        }
    } while (!atomic_compare_exchange_weak_explicit(&g_held, &held, held + n, memory_order_relaxed,
                                                    memory_order_relaxed));
    return true;
}

void body_release(size_t n)
{
    atomic_fetch_sub_explicit(&g_held, n, memory_order_relaxed);
}

unsigned long long body_refused_total(void)
{
    return atomic_load_explicit(&g_refused, memory_order_relaxed);
}

/* ---- file descriptors --------------------------------------------------------- */

unsigned long guard_raise_nofile(unsigned long need)
{
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) != 0) {
        return 0;
    }
    if (rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < need) {
        rlim_t want = rl.rlim_max == RLIM_INFINITY || rl.rlim_max > need ? need : rl.rlim_max;
        struct rlimit nl = {.rlim_cur = want, .rlim_max = rl.rlim_max};
        if (setrlimit(RLIMIT_NOFILE, &nl) == 0) {
            rl.rlim_cur = want;
        }
    }
    return rl.rlim_cur == RLIM_INFINITY ? (unsigned long)-1 : (unsigned long)rl.rlim_cur;
}
