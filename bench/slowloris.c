/* slowloris.c: slow clients against one normal client (scripts/bench-ops.sh).
 *
 *   slowloris PORT SLOW SECONDS PATH SOURCE...
 *
 * Holds SLOW connections to 127.0.0.1:PORT, spread evenly over the source
 * addresses SOURCE... (loopback addresses such as 127.0.0.2), each sending
 * a request whose headers never end, one byte every 500 ms; a connection
 * the server closes is opened again at once, as an attacker would.
 * Meanwhile a normal client from 127.0.0.1 asks for PATH on a new
 * connection every 100 ms and times the whole answer.  After SECONDS it
 * prints one line of figures:
 *   slow=300 opened=… reopened=… open_at_end=… normal=… failed=… p50_ms=… p99_ms=… max_ms=…
 * and exits 0 (1 on bad arguments).  Traffic goes to loopback only.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static int g_port;
static atomic_bool g_done;

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int connect_from(const char *src)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    struct sockaddr_in me = {.sin_family = AF_INET}, to = {.sin_family = AF_INET};
    inet_pton(AF_INET, src, &me.sin_addr);
    to.sin_port = htons((uint16_t)g_port);
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0 || bind(fd, (struct sockaddr *)&me, sizeof me) || connect(fd, (struct sockaddr *)&to, sizeof to)) {
        if (fd >= 0) {
            close(fd);
        }
        return -1;
    }
    return fd;
}

typedef struct Normal {
    const char *path;
    double *lat;
    int n, cap, failed;
} Normal;

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static void *normal_client(void *arg)
{
    Normal *nc = arg;
    char req[512], buf[65536];
    int len = snprintf(req, sizeof req, "GET %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", nc->path);
    while (!atomic_load(&g_done)) {
        double t0 = now_s();
        int fd = connect_from("127.0.0.1");
        bool ok = false;
        if (fd >= 0 && send(fd, req, (size_t)len, MSG_NOSIGNAL) == len) {
            size_t got = 0;
            struct pollfd pf = {.fd = fd, .events = POLLIN};
            for (;;) {
                int left = (int)((t0 + 5.0 - now_s()) * 1000);
                if (left <= 0 || poll(&pf, 1, left) != 1) {
                    break;
                }
                ssize_t r = recv(fd, buf + (got < 64 ? got : 64), sizeof buf - 64, 0);
                if (r <= 0) {
                    ok = r == 0 && got > 12 && strncmp(buf, "HTTP/1.1 200", 12) == 0;
                    break;
                }
                got += (size_t)r;
            }
        }
        if (fd >= 0) {
            close(fd);
        }
        double ms = (now_s() - t0) * 1000;
        if (!ok) {
            nc->failed++;
        } else {
            if (nc->n == nc->cap) {
                nc->cap = nc->cap ? nc->cap * 2 : 1024;
                nc->lat = realloc(nc->lat, (size_t)nc->cap * sizeof *nc->lat);
            }
            nc->lat[nc->n++] = ms;
        }
        usleep(100000);
    }
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc < 6) {
        fputs("usage: slowloris PORT SLOW SECONDS PATH SOURCE...\n", stderr);
        return 1;
    }
    g_port = atoi(argv[1]);
    int slow = atoi(argv[2]);
    double secs = atof(argv[3]);
    Normal nc = {.path = argv[4]};
    char **src = argv + 5;
    int nsrc = argc - 5;
    struct rlimit rl = {8192, 8192};
    setrlimit(RLIMIT_NOFILE, &rl);
    int *fd = calloc((size_t)slow, sizeof *fd);
    long opened = 0, reopened = 0;
    static const char head[] = "GET / HTTP/1.1\r\nHost: localhost\r\nUser-Agent: slow\r\n";
    size_t *sent = calloc((size_t)slow, sizeof *sent);
    for (int i = 0; i < slow; i++) {
        fd[i] = connect_from(src[i % nsrc]);
        opened += fd[i] >= 0;
    }
    pthread_t t;
    pthread_create(&t, NULL, normal_client, &nc);
    double end = now_s() + secs;
    struct pollfd *pf = calloc((size_t)slow, sizeof *pf);
    while (now_s() < end) {
        /* One byte on every connection, then half a second. */
        for (int i = 0; i < slow; i++) {
            if (fd[i] < 0) {
                fd[i] = connect_from(src[i % nsrc]);
                sent[i] = 0;
                reopened += fd[i] >= 0;
                continue;
            }
            char c = sent[i] < sizeof head - 1 ? head[sent[i]] : "X-Slow: a\r\n"[(sent[i] - (sizeof head - 1)) % 11];
            if (send(fd[i], &c, 1, MSG_NOSIGNAL | MSG_DONTWAIT) != 1 && errno != EAGAIN) {
                close(fd[i]);
                fd[i] = -1;
                continue;
            }
            sent[i]++;
        }
        /* Connections the server closed are opened again. */
        for (int i = 0; i < slow; i++) {
            pf[i] = (struct pollfd){.fd = fd[i], .events = POLLIN | POLLRDHUP};
        }
        poll(pf, (nfds_t)slow, 500);
        for (int i = 0; i < slow; i++) {
            if (fd[i] >= 0 && pf[i].revents) {
                close(fd[i]);
                fd[i] = -1;
            }
        }
    }
    atomic_store(&g_done, true);
    pthread_join(t, NULL);
    int open_at_end = 0;
    for (int i = 0; i < slow; i++) {
        open_at_end += fd[i] >= 0;
        if (fd[i] >= 0) {
            close(fd[i]);
        }
    }
    qsort(nc.lat, (size_t)nc.n, sizeof *nc.lat, cmp_double);
    double p50 = nc.n ? nc.lat[nc.n / 2] : 0, p99 = nc.n ? nc.lat[(nc.n * 99) / 100] : 0,
           max = nc.n ? nc.lat[nc.n - 1] : 0;
    printf("slow=%d opened=%ld reopened=%ld open_at_end=%d normal=%d failed=%d p50_ms=%.1f p99_ms=%.1f max_ms=%.1f\n",
           slow, opened, reopened, open_at_end, nc.n, nc.failed, p50, p99, max);
    free(nc.lat);
    free(fd);
    free(sent);
    free(pf);
    return 0;
}
