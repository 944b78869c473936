/* test_crash.c: kill -9 under a load of writes, and nothing acknowledged
 * is lost.
 *
 * Each round starts `samla serve`, lets four writers hit it through the
 * API — comments, attachment uploads (1–256 KB, so some are cut in the
 * middle of writing their file) and measure changes, each writer on its
 * own measure — kills the server with SIGKILL at a random moment, and
 * then checks:
 *   - before the restart, `samla check` finds nothing wrong but temporary
 *     files of uploads cut mid-write: no half file under a final name,
 *     the database and the audit chain sound after SQLite's recovery;
 *   - after the restart, every comment and attachment the server had
 *     acknowledged is there (attachments byte for byte), and each
 *     measure holds the last acknowledged change or the one in flight at
 *     the kill;
 *   - after a clean stop, `samla check` finds nothing at all (the start
 *     removed the temporary files).
 *
 * CRASH_ROUNDS (default 3) and CRASH_MAX_MS (default 700: the kill
 * comes up to this long after the round's first eight answers) set the
 * length; `make check` runs the default, a
 * few seconds, and `make bench` a long run.  The binary is $SAMLA_BIN.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "serve.h"
#include <curl/curl.h>
#include <dirent.h>
#include <jansson.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <time.h>

enum { WRITERS = 4, MAX_ACKS = 100000 };

static char token[512];
static int64_t g_measure[WRITERS];        /* each writer's measure */
static char g_start[WRITERS][96];         /* its "responsible" before the first round */
static atomic_int g_round;
static atomic_int g_round_acks;           /* writes acknowledged in this round, of every kind */

typedef enum { ACK_COMMENT, ACK_ATTACHMENT } AckKind;

typedef struct Ack {
    AckKind kind;
    int64_t record, id;
    int round, writer, n;
    size_t size;
} Ack;

static Ack *g_acks;
static atomic_int g_nacks;

typedef struct Writer {
    pthread_t thread;
    int w;
    char last[96], inflight[96];   /* the measure's last acknowledged value, the one sent when the server died */
    int comments, uploads, patches;
} Writer;

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

typedef struct Sink {
    char *data;
    size_t len;
} Sink;

static size_t collect(char *p, size_t size, size_t n, void *ud)
{
    Sink *s = ud;
    size_t add = size * n;
    s->data = realloc(s->data, s->len + add + 1);
    memcpy(s->data + s->len, p, add);
    s->len += add;
    s->data[s->len] = 0;
    return add;
}

/* One request; the status (0: no answer), the body in *body (malloc'd). */
static long http(CURL *c, const char *method, const char *path, const char *json, curl_mime *mime, Sink *body)
{
    char url[512];
    snprintf(url, sizeof url, "%s%s", base, path);
    struct curl_slist *h = curl_slist_append(NULL, token);
    if (json) {
        h = curl_slist_append(h, "Content-Type: application/json");
    }
    curl_easy_reset(c);
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, body);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 20L);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    if (mime) {
        curl_easy_setopt(c, CURLOPT_MIMEPOST, mime);
    } else if (json) {
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, json);
        curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
    }
    long status = 0;
    if (curl_easy_perform(c) == CURLE_OK) {
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    }
    curl_slist_free_all(h);
    return status;
}

/* The content of upload (round, writer, n): plain text of size bytes. */
static char *upload_bytes(int round, int w, int n, size_t size)
{
    char *s = malloc(size + 1);
    char line[80];
    int len = snprintf(line, sizeof line, "samla crash test, round %d, writer %d, upload %d\n", round, w, n);
    for (size_t i = 0; i < size; i++) {
        s[i] = line[i % (size_t)len];
    }
    s[size] = 0;
    return s;
}

static void ack(AckKind kind, int64_t record, int64_t id, int w, int n, size_t size)
{
    int i = atomic_fetch_add(&g_nacks, 1);
    assert_true(i < MAX_ACKS);
    g_acks[i] = (Ack){kind, record, id, atomic_load(&g_round), w, n, size};
}

static int64_t json_id(const Sink *b)
{
    json_t *j = json_loadb(b->data ? b->data : "", b->len, 0, NULL);
    int64_t id = j ? json_integer_value(json_object_get(j, "id")) : 0;
    json_decref(j);
    return id;
}

static void *writer(void *arg)
{
    Writer *wr = arg;
    CURL *c = curl_easy_init();
    int round = atomic_load(&g_round);
    unsigned seed = (unsigned)(round * 131 + wr->w);
    char path[128];
    for (int n = 0;; n++) {
        Sink b = {0};
        long st;
        int op = n % 3;
        if (op == 0) {
            char json[160];
            snprintf(json, sizeof json, "{\"text\":\"crash round %d writer %d comment %d\"}", round, wr->w, n);
            snprintf(path, sizeof path, "/api/v1/records/%lld/comments", (long long)g_measure[wr->w]);
            st = http(c, "POST", path, json, NULL, &b);
            if (st == 201) {
                ack(ACK_COMMENT, g_measure[wr->w], json_id(&b), wr->w, n, 0);
                wr->comments++;
            }
        } else if (op == 1) {
            size_t size = 1024 + (size_t)(rand_r(&seed) % (255 * 1024));
            char *data = upload_bytes(round, wr->w, n, size), name[64];
            snprintf(name, sizeof name, "crash-%d-%d-%d.txt", round, wr->w, n);
            curl_mime *m = curl_mime_init(c);
            curl_mimepart *p = curl_mime_addpart(m);
            curl_mime_name(p, "file");
            curl_mime_filename(p, name);
            curl_mime_type(p, "text/plain");
            curl_mime_data(p, data, size);
            snprintf(path, sizeof path, "/api/v1/records/%lld/attachments", (long long)g_measure[wr->w]);
            st = http(c, "POST", path, NULL, m, &b);
            curl_mime_free(m);
            free(data);
            if (st == 201) {
                ack(ACK_ATTACHMENT, g_measure[wr->w], json_id(&b), wr->w, n, size);
                wr->uploads++;
            }
        } else {
            char json[160];
            snprintf(wr->inflight, sizeof wr->inflight, "crash round %d writer %d change %d", round, wr->w, n);
            snprintf(json, sizeof json, "{\"responsible\":\"%s\"}", wr->inflight);
            snprintf(path, sizeof path, "/api/v1/measures/%lld", (long long)g_measure[wr->w]);
            st = http(c, "PATCH", path, json, NULL, &b);
            if (st == 200) {
                snprintf(wr->last, sizeof wr->last, "%s", wr->inflight);
                wr->inflight[0] = 0;
                wr->patches++;
            }
        }
        free(b.data);
        if (st == 200 || st == 201) {
            atomic_fetch_add(&g_round_acks, 1);
        }
        if (st == 0) {
            break;   /* the server is gone */
        }
        if (st >= 500) {
            fail_msg("writer %d: status %ld before the kill", wr->w, st);
        }
    }
    curl_easy_cleanup(c);
    return NULL;
}

/* `samla check` on the data directory: its exit status; *tmp_only is set
 * when every problem it named was a temporary file. */
static int samla_check(bool *tmp_only, int *tmp_files)
{
    char cmd[1024], out[400];
    snprintf(out, sizeof out, "%s/check.txt", datadir);
    snprintf(cmd, sizeof cmd, "%s check --data %s/d >%s 2>&1", bin, datadir, out);
    int rc = run(cmd);
    *tmp_only = true;
    *tmp_files = 0;
    char *text = read_file(out);
    char *save = NULL;
    for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        if (strstr(line, "is not a stored file") && strstr(line, "/.tmp-")) {
            (*tmp_files)++;
        } else if (strncmp(line, "attachments: ", 13) == 0 && !strstr(line, "files checked")) {
            *tmp_only = false;
            print_error("%s\n", line);
        } else if (strncmp(line, "integrity_check", 15) == 0 || strncmp(line, "foreign_key_check", 17) == 0 ||
                   (strncmp(line, "audit log: ", 11) == 0 && !strstr(line, " rows, newest hash "))) {
            *tmp_only = false;
            print_error("%s\n", line);
        }
    }
    free(text);
    return rc;
}

/* Every acknowledged comment and attachment is there, attachments byte
 * for byte. */
static void verify_acks(CURL *c)
{
    int n = atomic_load(&g_nacks);
    for (int w = 0; w < WRITERS; w++) {
        char path[128];
        snprintf(path, sizeof path, "/api/v1/records/%lld/comments", (long long)g_measure[w]);
        Sink b = {0};
        assert_int_equal(http(c, "GET", path, NULL, NULL, &b), 200);
        json_t *j = json_loadb(b.data, b.len, 0, NULL);
        json_t *items = json_object_get(j, "items");
        for (int i = 0; i < n; i++) {
            const Ack *a = &g_acks[i];
            if (a->kind != ACK_COMMENT || a->record != g_measure[w]) {
                continue;
            }
            bool found = false;
            for (size_t k = 0; k < json_array_size(items) && !found; k++) {
                found = json_integer_value(json_object_get(json_array_get(items, k), "id")) == a->id;
            }
            if (!found) {
                fail_msg("acknowledged comment %lld (round %d, writer %d, #%d) is lost", (long long)a->id, a->round,
                         a->writer, a->n);
            }
        }
        json_decref(j);
        free(b.data);
    }
    for (int i = 0; i < n; i++) {
        const Ack *a = &g_acks[i];
        if (a->kind != ACK_ATTACHMENT) {
            continue;
        }
        char path[64];
        snprintf(path, sizeof path, "/attachments/%lld", (long long)a->id);
        Sink b = {0};
        long st = http(c, "GET", path, NULL, NULL, &b);
        char *want = upload_bytes(a->round, a->writer, a->n, a->size);
        if (st != 200 || b.len != a->size || memcmp(b.data, want, a->size) != 0) {
            fail_msg("acknowledged attachment %lld (round %d) is lost or changed: status %ld, %zu of %zu bytes",
                     (long long)a->id, a->round, st, b.len, a->size);
        }
        free(want);
        free(b.data);
    }
}

/* Each measure holds its writer's last acknowledged change or the one in
 * flight at the kill; what it holds becomes the next round's starting
 * point (a change in flight may have been committed without its answer). */
static void verify_measures(CURL *c, Writer *wr)
{
    for (int w = 0; w < WRITERS; w++) {
        char path[64];
        snprintf(path, sizeof path, "/api/v1/measures/%lld", (long long)g_measure[w]);
        Sink b = {0};
        assert_int_equal(http(c, "GET", path, NULL, NULL, &b), 200);
        json_t *j = json_loadb(b.data, b.len, 0, NULL);
        const char *got = json_string_value(json_object_get(j, "responsible"));
        bool ok = got && (strcmp(got, wr[w].last) == 0 || (wr[w].inflight[0] && strcmp(got, wr[w].inflight) == 0));
        if (!ok) {
            fail_msg("measure %lld holds \"%s\"; the last acknowledged change was \"%s\" (in flight: \"%s\")",
                     (long long)g_measure[w], got ? got : "(none)", wr[w].last, wr[w].inflight);
        }
        snprintf(wr[w].last, sizeof wr[w].last, "%s", got);
        wr[w].inflight[0] = 0;
        json_decref(j);
        free(b.data);
    }
}

static void test_kill_9_loses_nothing_acknowledged(void **state)
{
    (void)state;
    int rounds = getenv("CRASH_ROUNDS") ? atoi(getenv("CRASH_ROUNDS")) : 3;
    int max_ms = getenv("CRASH_MAX_MS") ? atoi(getenv("CRASH_MAX_MS")) : 700;
    srand((unsigned)time(NULL));
    Writer wr[WRITERS] = {0};
    for (int w = 0; w < WRITERS; w++) {
        snprintf(wr[w].last, sizeof wr[w].last, "%.95s", g_start[w]);
    }
    int cut = 0, comments = 0, uploads = 0, patches = 0;
    double t0 = now_s();
    CURL *c = curl_easy_init();
    for (int round = 0; round < rounds; round++) {
        atomic_store(&g_round, round);
        atomic_store(&g_round_acks, 0);
        assert_int_equal(serve_start(NULL), 0);
        for (int w = 0; w < WRITERS; w++) {
            wr[w].w = w;
            wr[w].inflight[0] = 0;
            pthread_create(&wr[w].thread, NULL, writer, &wr[w]);
        }
        /* The kill comes at a random moment once writes are flowing (on a
         * busy machine the first answers can take a while). */
        for (int i = 0; i < 500 && atomic_load(&g_round_acks) < 2 * WRITERS; i++) {
            usleep(10000);
        }
        usleep((useconds_t)(rand() % (max_ms > 1 ? max_ms : 1)) * 1000);
        kill(server_pid, SIGKILL);
        int st;
        waitpid(server_pid, &st, 0);
        server_pid = 0;
        for (int w = 0; w < WRITERS; w++) {
            pthread_join(wr[w].thread, NULL);
        }
        bool tmp_only;
        int tmp_files;
        samla_check(&tmp_only, &tmp_files);
        if (!tmp_only) {
            fail_msg("round %d: after the kill, samla check found more than temporary files (above)", round);
        }
        cut += tmp_files;
        assert_int_equal(serve_start(NULL), 0);
        verify_acks(c);
        verify_measures(c, wr);
        stop_server(NULL);
        if (samla_check(&tmp_only, &tmp_files) != 0 || tmp_files) {
            fail_msg("round %d: samla check after the restart and a clean stop failed (above)", round);
        }
    }
    curl_easy_cleanup(c);
    for (int w = 0; w < WRITERS; w++) {
        comments += wr[w].comments;
        uploads += wr[w].uploads;
        patches += wr[w].patches;
    }
    print_message("%d kills in %.1f s: %d acknowledged writes (%d comments, %d uploads, %d changes), all there; "
                  "%d uploads cut in the middle of their file, none left half\n",
                  rounds, now_s() - t0, comments + uploads + patches, comments, uploads, patches, cut);
    /* A run that acknowledged nothing would prove nothing. */
    assert_true(comments > 0 && uploads > 0 && patches > 0);
}

/* The ids of the 2021–2025 measures 1.1–1.4, one per writer. */
static void find_measures(void)
{
    CURL *c = curl_easy_init();
    Sink b = {0};
    assert_int_equal(http(c, "GET", "/api/v1/measures?strategy=2021-2025", NULL, NULL, &b), 200);
    json_t *j = json_loadb(b.data, b.len, 0, NULL);
    json_t *items = json_is_array(j) ? j : json_object_get(j, "items");
    const char *numbers[WRITERS] = {"1.1", "1.2", "1.3", "1.4"};
    for (size_t k = 0; k < json_array_size(items); k++) {
        json_t *m = json_array_get(items, k);
        for (int w = 0; w < WRITERS; w++) {
            if (strcmp(json_string_value(json_object_get(m, "number")), numbers[w]) == 0) {
                g_measure[w] = json_integer_value(json_object_get(m, "id"));
            }
        }
    }
    json_decref(j);
    free(b.data);
    for (int w = 0; w < WRITERS; w++) {
        assert_true(g_measure[w] > 0);
        char path[64];
        snprintf(path, sizeof path, "/api/v1/measures/%lld", (long long)g_measure[w]);
        Sink m = {0};
        assert_int_equal(http(c, "GET", path, NULL, NULL, &m), 200);
        json_t *mj = json_loadb(m.data, m.len, 0, NULL);
        const char *resp = json_string_value(json_object_get(mj, "responsible"));
        snprintf(g_start[w], sizeof g_start[w], "%s", resp ? resp : "");
        json_decref(mj);
        free(m.data);
    }
    curl_easy_cleanup(c);
}

static int setup(void **state)
{
    (void)state;
    if (serve_start(NULL)) {
        return -1;
    }
    find_measures();
    stop_server(NULL);
    return 0;
}

int main(void)
{
    bin = getenv("SAMLA_BIN");
    if (!bin) {
        bin = "build/samla";
    }
    snprintf(datadir, sizeof datadir, "/tmp/samla-crash-XXXXXX");
    if (!mkdtemp(datadir)) {
        perror("mkdtemp");
        return 1;
    }
    char cmd[4096];
    snprintf(cmd, sizeof cmd,
             "%s init --data %s/d --demo >/dev/null && %s token create --data %s/d --user sekretariat --name crash "
             ">%s/token.txt 2>/dev/null",
             bin, datadir, bin, datadir, datadir);
    if (run(cmd) != 0) {
        fprintf(stderr, "init failed\n");
        return 1;
    }
    snprintf(cmd, sizeof cmd, "%s/token.txt", datadir);
    char *tok = read_file(cmd);
    char *t = strstr(tok, "samla_");
    if (!t) {
        fprintf(stderr, "no token\n");
        return 1;
    }
    t[strcspn(t, " \r\n")] = 0;
    snprintf(token, sizeof token, "Authorization: Bearer %s", t);
    free(tok);
    g_acks = calloc(MAX_ACKS, sizeof *g_acks);
    curl_global_init(CURL_GLOBAL_DEFAULT);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kill_9_loses_nothing_acknowledged),
    };
    int failed = cmocka_run_group_tests_name("crash", tests, setup, stop_server);
    curl_global_cleanup();
    free(g_acks);
    snprintf(cmd, sizeof cmd, "rm -rf %s", datadir);
    if (run(cmd) != 0) {
        fprintf(stderr, "cleanup failed\n");
    }
    return failed ? 1 : 0;
}
