/* test_service.c: samla under systemd's protocol, without systemd: the
 * test plays the service manager.
 *
 *   - readiness and watchdog: with NOTIFY_SOCKET and WATCHDOG_USEC set,
 *     `samla serve` sends READY=1 once it answers, WATCHDOG=1 about every
 *     half interval while it answers its own health check, and STOPPING=1
 *     when told to stop;
 *   - socket activation: given a listening socket as LISTEN_FDS (fd 3) it
 *     serves on that socket and ignores --listen;
 *   - a restart drops nothing: while two clients keep asking, the server
 *     is stopped and a new one started on the same socket (what
 *     `systemctl restart samla` does with samla.socket); every request
 *     gets its answer, none is refused or cut.
 * The binary is $SAMLA_BIN.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "serve.h"
#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The next datagram on fd within timeout_ms, NUL-terminated in buf; false
 * when none came. */
static bool next_message(int fd, char *buf, size_t n, int timeout_ms)
{
    struct pollfd pf = {.fd = fd, .events = POLLIN};
    if (poll(&pf, 1, timeout_ms) != 1) {
        return false;
    }
    ssize_t got = recv(fd, buf, n - 1, 0);
    if (got < 0) {
        return false;
    }
    buf[got] = 0;
    return true;
}

static void test_ready_watchdog_stopping(void **state)
{
    (void)state;
    char path[100];
    assert_true(snprintf(path, sizeof path, "%s/notify.sock", datadir) < (int)sizeof path);
    int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    struct sockaddr_un sa = {.sun_family = AF_UNIX};
    snprintf(sa.sun_path, sizeof sa.sun_path, "%s", path);
    assert_int_equal(bind(fd, (struct sockaddr *)&sa, sizeof sa), 0);
    setenv("NOTIFY_SOCKET", path, 1);
    setenv("WATCHDOG_USEC", "200000", 1);   /* pings every 100 ms */
    assert_int_equal(serve_start(NULL), 0);
    unsetenv("NOTIFY_SOCKET");
    unsetenv("WATCHDOG_USEC");
    char msg[512];
    bool ready = false;
    for (int i = 0; i < 20 && !ready; i++) {
        assert_true(next_message(fd, msg, sizeof msg, 2000));
        ready = strstr(msg, "READY=1") != NULL;
    }
    assert_true(ready);
    assert_non_null(strstr(msg, "STATUS=serving on 127.0.0.1:"));
    int pings = 0;
    double t0 = now_s();
    while (now_s() - t0 < 1.0 && next_message(fd, msg, sizeof msg, 500)) {
        pings += strcmp(msg, "WATCHDOG=1") == 0;
    }
    print_message("%d watchdog pings in 1 s at an interval of 200 ms\n", pings);
    assert_true(pings >= 5 && pings <= 12);
    kill(server_pid, SIGTERM);
    bool stopping = false;
    while (!stopping && next_message(fd, msg, sizeof msg, 3000)) {
        stopping = strstr(msg, "STOPPING=1") != NULL;
    }
    assert_true(stopping);
    stop_server(NULL);
    close(fd);
    unlink(path);
}

/* ---- socket activation --------------------------------------------------- */

static int g_listener;         /* the socket "systemd" holds */
static int g_port;

/* Start samla with g_listener passed as systemd does (fd 3, LISTEN_FDS=1,
 * LISTEN_PID its own pid); log to datadir/activated-<n>.log.  Waits until
 * it logs that it listens. */
static pid_t start_activated(int n)
{
    char log[400];
    snprintf(log, sizeof log, "%s/activated-%d.log", datadir, n);
    unlink(log);
    pid_t pid = fork();
    if (pid == 0) {
        FILE *f = freopen(log, "w", stderr);
        (void)f;
        if (g_listener != 3) {
            dup2(g_listener, 3);
            close(g_listener);
        }
        char pidtext[32], data[300];
        snprintf(pidtext, sizeof pidtext, "%d", (int)getpid());
        setenv("LISTEN_FDS", "1", 1);
        setenv("LISTEN_PID", pidtext, 1);
        snprintf(data, sizeof data, "%s/d", datadir);
        /* --listen names a port in use: it must be ignored. */
        execl(bin, bin, "serve", "--data", data, "--listen", "127.0.0.1:1", "--threads", "2", (char *)NULL);
        _exit(127);
    }
    for (int i = 0; i < 500; i++) {
        char *text = read_file(log);
        bool up = strstr(text, "msg=listening") && strstr(text, "socket=systemd");
        free(text);
        if (up) {
            return pid;
        }
        usleep(10000);
    }
    char *text = read_file(log);
    fail_msg("the activated server did not start:\n%s", text);
    free(text);
    return -1;
}

typedef struct Client {
    pthread_t thread;
    const char *path;
    atomic_int ok, failed;
    char first_error[256];
} Client;

static atomic_bool g_stop_clients;

static size_t discard(char *p, size_t size, size_t n, void *ud)
{
    (void)p, (void)ud;
    return size * n;
}

static void *client(void *arg)
{
    Client *cl = arg;
    CURL *c = curl_easy_init();
    char url[256];
    snprintf(url, sizeof url, "http://127.0.0.1:%d%s", g_port, cl->path);
    while (!atomic_load(&g_stop_clients)) {
        curl_easy_setopt(c, CURLOPT_URL, url);
        curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
        curl_easy_setopt(c, CURLOPT_TIMEOUT, 15L);
        long status = 0;
        CURLcode rc = curl_easy_perform(c);
        if (rc == CURLE_OK) {
            curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
        }
        if (status == 200) {
            atomic_fetch_add(&cl->ok, 1);
        } else {
            if (atomic_fetch_add(&cl->failed, 1) == 0) {
                snprintf(cl->first_error, sizeof cl->first_error, "%s: %s, status %ld", cl->path,
                         curl_easy_strerror(rc), status);
            }
        }
    }
    curl_easy_cleanup(c);
    return NULL;
}

static void test_restart_on_the_same_socket_drops_nothing(void **state)
{
    (void)state;
    g_listener = socket(AF_INET, SOCK_STREAM, 0);   /* inherited: no CLOEXEC */
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    assert_int_equal(bind(g_listener, (struct sockaddr *)&a, sizeof a), 0);
    assert_int_equal(listen(g_listener, 1024), 0);
    socklen_t al = sizeof a;
    getsockname(g_listener, (struct sockaddr *)&a, &al);
    g_port = ntohs(a.sin_port);
    pid_t first = start_activated(1);
    Client cl[2] = {{.path = "/healthz"}, {.path = "/measures"}};
    atomic_store(&g_stop_clients, false);
    for (int i = 0; i < 2; i++) {
        pthread_create(&cl[i].thread, NULL, client, &cl[i]);
    }
    usleep(300000);
    int before = atomic_load(&cl[0].ok) + atomic_load(&cl[1].ok);
    double t0 = now_s();
    kill(first, SIGTERM);
    int st;
    waitpid(first, &st, 0);
    assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    pid_t second = start_activated(2);
    double gap = now_s() - t0;
    int during = atomic_load(&cl[0].ok) + atomic_load(&cl[1].ok);
    usleep(300000);
    atomic_store(&g_stop_clients, true);
    for (int i = 0; i < 2; i++) {
        pthread_join(cl[i].thread, NULL);
    }
    int after = atomic_load(&cl[0].ok) + atomic_load(&cl[1].ok);
    int failed = atomic_load(&cl[0].failed) + atomic_load(&cl[1].failed);
    print_message("restart in %.0f ms: %d answers before, %d after; %d failed\n", gap * 1000, before,
                  after - during, failed);
    for (int i = 0; i < 2; i++) {
        if (cl[i].first_error[0]) {
            print_error("first failure: %s\n", cl[i].first_error);
        }
    }
    kill(second, SIGTERM);
    waitpid(second, &st, 0);
    close(g_listener);
    assert_int_equal(failed, 0);
    assert_true(before > 0);
    assert_true(after > during);   /* the new process answered */
}

int main(void)
{
    bin = getenv("SAMLA_BIN");
    if (!bin) {
        bin = "build/samla";
    }
    snprintf(datadir, sizeof datadir, "/tmp/samla-service-XXXXXX");
    if (!mkdtemp(datadir)) {
        perror("mkdtemp");
        return 1;
    }
    char cmd[4096];
    snprintf(cmd, sizeof cmd, "%s init --data %s/d --demo >/dev/null", bin, datadir);
    if (run(cmd) != 0) {
        fprintf(stderr, "init failed\n");
        return 1;
    }
    curl_global_init(CURL_GLOBAL_DEFAULT);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ready_watchdog_stopping),
        cmocka_unit_test(test_restart_on_the_same_socket_drops_nothing),
    };
    int failed = cmocka_run_group_tests_name("service", tests, NULL, stop_server);
    curl_global_cleanup();
    snprintf(cmd, sizeof cmd, "rm -rf %s", datadir);
    if (run(cmd) != 0) {
        fprintf(stderr, "cleanup failed\n");
    }
    return failed ? 1 : 0;
}
