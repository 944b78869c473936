/* cmd_serve.c: `samla serve` — check and upgrade the database, then serve. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "app/core/attach.h"
#include "app/core/search.h"
#include "app/mail/mail.h"
#include "base/log.h"
#include "base/util.h"
#include "cli/cli.h"
#include "db/db.h"
#include "db/migrate.h"
#include "web/server.h"
#include "web/web.h"

bool cli_attach_setup(const char *dir, const char *max_upload)
{
    if (!max_upload || !*max_upload) {
        max_upload = getenv("SAMLA_MAX_UPLOAD_MB");
    }
    if (max_upload && *max_upload) {
        long long mb;
        if (!parse_int(max_upload, 1, ATTACH_MAX_MB, &mb)) {
            fprintf(stderr, "samla: --max-upload (SAMLA_MAX_UPLOAD_MB) must be a number of MB from 1 to %d\n",
                    ATTACH_MAX_MB);
            return false;
        }
        attach_set_max_size((size_t)mb * ATTACH_MB);
    }
    attach_set_dir(dir);
    return true;
}

/* A whole-number option: the flag's value, else the environment
 * variable's, else *out stays as it is.  False (with a message) when the
 * value is not a number from min to max. */
static bool number_option(const char *flag, const char *env, const char *value, long long min, long long max,
                          unsigned *out)
{
    if (!value || !*value) {
        value = getenv(env);
    }
    if (!value || !*value) {
        return true;
    }
    long long n;
    if (!parse_int(value, min, max, &n)) {
        fprintf(stderr, "samla: %s (%s) must be a number from %lld to %lld\n", flag, env, min, max);
        return false;
    }
    *out = (unsigned)n;
    return true;
}

int cmd_serve(int argc, char **argv)
{
    const char *data = NULL, *listen = NULL, *threads = NULL, *max_upload = NULL, *per_client = NULL,
               *header_timeout = NULL;
    bool quiet = false, trusted_proxy = false;
    CliMail mail = {0};
    const Opt opts[] = {{"--data", true, &data, NULL},
                        {"--listen", true, &listen, NULL},
                        {"--threads", true, &threads, NULL},
                        {"--max-upload", true, &max_upload, NULL},
                        {"--per-client", true, &per_client, NULL},
                        {"--header-timeout", true, &header_timeout, NULL},
                        {"--quiet", false, NULL, &quiet},
                        {"--trusted-proxy", false, NULL, &trusted_proxy},
                        CLI_MAIL_OPTS(mail),
                        {NULL, 0, NULL, NULL}};
    const char *pos[1];
    int npos;
    if (!cli_parse(argc, argv, opts, pos, 0, &npos)) {
        usage();
        return EXIT_USAGE;
    }
    ServerConfig cfg;
    server_defaults(&cfg);
    const char *dir = cli_data_dir(data);
    if (!dir) {
        return EXIT_USAGE;
    }
    if (!listen) {
        listen = getenv("SAMLA_LISTEN");
    }
    if (listen && *listen) {
        cfg.listen = listen;
    }
    if (!number_option("--threads", "SAMLA_THREADS", threads, 1, 256, &cfg.threads) ||
        !number_option("--per-client", "SAMLA_PER_CLIENT", per_client, 1, 100000, &cfg.per_client) ||
        !number_option("--header-timeout", "SAMLA_HEADER_TIMEOUT", header_timeout, 1, 3600,
                       &cfg.header_timeout_s)) {
        return EXIT_USAGE;
    }
    if (!cli_attach_setup(dir, max_upload) || !cli_mail_setup(&mail)) {
        return EXIT_USAGE;
    }
    cfg.body.upload = attach_body_limit();
    g_log_quiet = quiet;
    const char *tp = getenv("SAMLA_TRUSTED_PROXY");
    if (!trusted_proxy && tp && *tp) {
        if (!str_eq(tp, "1") && !str_eq(tp, "0")) {
            fputs("samla: SAMLA_TRUSTED_PROXY must be 1 or 0\n", stderr);
            return EXIT_USAGE;
        }
        trusted_proxy = str_eq(tp, "1");
    }
    cfg.trusted_proxy = trusted_proxy;
    cfg.db_path = cli_db_path(dir);
    if (access(cfg.db_path, F_OK) != 0) {
        fprintf(stderr, "samla: no database in %s; create one with: samla init --data %s\n", dir, dir);
        return 1;
    }
    Db *db = NULL;
    Err e = {0};
    int applied = 0;
    size_t indexed = 0;
    if (db_open(&db, cfg.db_path, 0, &e) || cli_upgrade(db, dir, &applied, &e) || search_sync(db, &indexed, &e)) {
        fprintf(stderr, "samla: %s\n", e.msg);
        db_close(db);
        return 1;
    }
    db_close(db);
    if (applied) {
        Buf b = {0};
        buf_printf(&b, " applied=%d", applied);
        log_write("info", "database upgraded", &b);
        buf_free(&b);
    }
    if (indexed) {
        Buf b = {0};
        buf_printf(&b, " records=%zu", indexed);
        log_write("info", "records indexed for search", &b);
        buf_free(&b);
    }
    int removed = 0, restored = 0;
    if (attach_recover(&removed, &restored, &e)) {
        fprintf(stderr, "samla: %s\n", e.msg);
        return 1;
    }
    if (removed || restored) {
        Buf b = {0};
        buf_printf(&b, " removed=%d restored=%d", removed, restored);
        log_write("info", "attachment files tidied after an interrupted upload or delete", &b);
        buf_free(&b);
    }
    web_init();
    if (mail_thread_start(cfg.db_path, &e)) {
        fprintf(stderr, "samla: %s\n", e.msg);
        return 1;
    }
    int rc = server_run(&cfg, &e);
    mail_thread_stop();
    if (rc) {
        fprintf(stderr, "samla: %s\n", e.msg);
        return 1;
    }
    return 0;
}
