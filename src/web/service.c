/* service.c: see service.h. */
#include "web/service.h"

#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <systemd/sd-daemon.h>
#include <time.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/log.h"
#include "base/util.h"

static pthread_t g_watchdog;
static bool g_watching;
static atomic_bool g_stop;
static pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t g_wake = PTHREAD_COND_INITIALIZER;
static struct sockaddr_storage g_addr;   /* where to ask: the listening address, loopback for "any" */
static socklen_t g_addrlen;

int service_listen_fd(Err *e)
{
    int n = sd_listen_fds(1);
    if (n <= 0) {
        return -1;
    }
    int fd = SD_LISTEN_FDS_START;
    if (n > 1 || sd_is_socket(fd, AF_UNSPEC, SOCK_STREAM, 1) <= 0) {
        err_set(e, E_INVALID, "systemd passed %d sockets; samla takes one listening TCP socket", n);
        return -2;
    }
    return fd;
}

/* One request to ourselves: true when the server answered or closed the
 * connection in an orderly way (a full server closes at once: it is
 * alive) within timeout_ms; false when it cannot be reached or stays
 * silent. */
static bool ask_self(int timeout_ms)
{
    int fd = socket(g_addr.ss_family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0) {
        return false;
    }
    bool alive = false;
    int64_t end = now_ms() + timeout_ms;
    if (connect(fd, (struct sockaddr *)&g_addr, g_addrlen) == 0 || errno == EINPROGRESS) {
        struct pollfd pf = {.fd = fd, .events = POLLOUT};
        int err = 0;
        socklen_t el = sizeof err;
        static const char req[] = "GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
        if (poll(&pf, 1, timeout_ms) == 1 && getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &el) == 0 && !err &&
            send(fd, req, sizeof req - 1, MSG_NOSIGNAL) == (ssize_t)(sizeof req - 1)) {
            pf.events = POLLIN;
            int left = (int)(end - now_ms());
            char buf[64];
            ssize_t got = left > 0 && poll(&pf, 1, left) == 1 ? recv(fd, buf, sizeof buf, 0) : -1;
            alive = got > 0 || got == 0;
        }
    }
    close(fd);
    return alive;
}

static void *watchdog(void *arg)
{
    uint64_t usec = *(uint64_t *)arg;
    uint64_t every_ms = usec / 2000 ? usec / 2000 : 1;
    int misses = 0;
    while (!atomic_load(&g_stop)) {
        if (ask_self((int)(every_ms / 2 ? every_ms / 2 : 1))) {
            sd_notify(0, "WATCHDOG=1");
            misses = 0;
        } else if (++misses == 1) {
            log_write("warn", "the server did not answer its own health check; the watchdog ping is held back",
                      NULL);
        }
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        ts.tv_sec += (time_t)(every_ms / 1000);
        ts.tv_nsec += (long)(every_ms % 1000) * 1000000L;
        if (ts.tv_nsec >= 1000000000L) {
            ts.tv_sec++;
            ts.tv_nsec -= 1000000000L;
        }
        pthread_mutex_lock(&g_lock);
        if (!atomic_load(&g_stop)) {
            pthread_cond_timedwait(&g_wake, &g_lock, &ts);
        }
        pthread_mutex_unlock(&g_lock);
    }
    return NULL;
}

void service_ready(int fd, const char *bound)
{
    char status[256];
    snprintf(status, sizeof status, "READY=1\nSTATUS=serving on %s", bound);
    sd_notify(0, status);
    static uint64_t usec;
    if (sd_watchdog_enabled(0, &usec) <= 0 || usec == 0) {
        return;
    }
    g_addrlen = sizeof g_addr;
    if (getsockname(fd, (struct sockaddr *)&g_addr, &g_addrlen) != 0) {
        return;
    }
    /* A socket bound to every address is asked over loopback. */
    if (g_addr.ss_family == AF_INET) {
        struct sockaddr_in *a = (struct sockaddr_in *)&g_addr;
        if (a->sin_addr.s_addr == htonl(INADDR_ANY)) {
            a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        }
    } else if (g_addr.ss_family == AF_INET6) {
        struct sockaddr_in6 *a = (struct sockaddr_in6 *)&g_addr;
        if (memcmp(&a->sin6_addr, &in6addr_any, sizeof a->sin6_addr) == 0) {
            a->sin6_addr = in6addr_loopback;
        }
    }
    atomic_store(&g_stop, false);
    g_watching = pthread_create(&g_watchdog, NULL, watchdog, &usec) == 0;
    Buf b = {0};
    buf_printf(&b, " interval_ms=%llu", (unsigned long long)(usec / 1000));
    log_write("info", "watchdog on", &b);
    buf_free(&b);
}

void service_stopping(void)
{
    sd_notify(0, "STOPPING=1");
    if (g_watching) {
        pthread_mutex_lock(&g_lock);
        atomic_store(&g_stop, true);
        pthread_cond_signal(&g_wake);
        pthread_mutex_unlock(&g_lock);
        pthread_join(g_watchdog, NULL);
        g_watching = false;
    }
}
