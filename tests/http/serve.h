/* serve.h: a real `samla serve` for the HTTP test programs — start it on a
 * free loopback port in a data directory, read the address it bound from
 * its log, stop it with SIGTERM.  Header-only (static functions) because
 * each test program is one file linked on its own.  The including file
 * defines nothing of this; it sets the data directory and the binary. */
#ifndef SAMLA_TEST_SERVE_H
#define SAMLA_TEST_SERVE_H

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *bin;          /* the samla binary (SAMLA_BIN) */
static char datadir[256];        /* the test's directory; the database is in datadir/d */
static char logpath[300];        /* the server's stderr */
static pid_t server_pid;
static int port;                 /* where it listens */
static char base[64];            /* "http://127.0.0.1:PORT" */

/* run: a shell command's exit status (-1 when it did not exit). */
static int run(const char *cmd)
{
    int st = system(cmd);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* read_file: the whole file, NUL-terminated (malloc); "" when missing. */
static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        return calloc(1, 1);
    }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = calloc(1, (size_t)n + 1);
    if (fread(s, 1, (size_t)n, f) != (size_t)n) {
        s[0] = 0;
    }
    fclose(f);
    return s;
}

/* serve_start: fork `samla serve --data datadir/d` on 127.0.0.1:0 with
 * two threads and extra (NULL-terminated, at most 8) arguments, and wait
 * until its log names the address; sets port and base.  0 or -1. */
static int serve_start(const char *const *extra)
{
    snprintf(logpath, sizeof logpath, "%s/serve.log", datadir);
    unlink(logpath);   /* a restart must not read the address of the server before */
    server_pid = fork();
    if (server_pid == 0) {
        FILE *f = freopen(logpath, "w", stderr);
        (void)f;
        char data[300];
        snprintf(data, sizeof data, "%s/d", datadir);
        const char *argv[20] = {bin, "serve", "--data", data, "--listen", "127.0.0.1:0", "--threads", "2"};
        int argc = 8;
        for (int i = 0; extra && extra[i] && i < 8; i++) {
            argv[argc++] = extra[i];
        }
        execv(bin, (char *const *)argv);
        _exit(127);
    }
    for (int i = 0; i < 500; i++) {
        char *log = read_file(logpath);
        char *p = strstr(log, "msg=listening addr=");
        if (p) {
            p += strlen("msg=listening addr=");
            char *end = strchr(p, ' ');
            if (end) {
                *end = 0;
            }
            snprintf(base, sizeof base, "http://%s", p);
            port = atoi(strrchr(p, ':') + 1);
            free(log);
            return 0;
        }
        free(log);
        usleep(10000);
    }
    char *log = read_file(logpath);
    fprintf(stderr, "server did not start; log:\n%s\n", log);
    free(log);
    return -1;
}

/* stop_server: SIGTERM and wait (a cmocka teardown). */
static int stop_server(void **state)
{
    (void)state;
    if (server_pid > 0) {
        kill(server_pid, SIGTERM);
        int st;
        waitpid(server_pid, &st, 0);
        server_pid = 0;
    }
    return 0;
}

#endif
