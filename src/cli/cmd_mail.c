/* cmd_mail.c: e-mail configuration (for `samla serve` and `samla mail`)
 * and `samla mail send | tick | status`.
 *
 * The configuration comes from flags, else the environment:
 *   --smtp-url URL        SAMLA_SMTP_URL      smtp://host:587 or smtps://host:465
 *   (or)                  SAMLA_SMTP_HOST, SAMLA_SMTP_PORT (default 587; 465 with implicit TLS)
 *   --smtp-tls MODE       SAMLA_SMTP_TLS      starttls (default), implicit, try, none
 *   --smtp-user USER      SAMLA_SMTP_USER
 *   --smtp-password-file F SAMLA_SMTP_PASSWORD_FILE   the password, first line of F
 *   --smtp-ca-file F      SAMLA_SMTP_CA_FILE  CA bundle for the server's certificate
 *   --mail-from ADDR      SAMLA_MAIL_FROM     the sender address
 *   --base-url URL        SAMLA_BASE_URL      samla's address, for links in e-mail
 *   --mail-give-up S      SAMLA_MAIL_GIVE_UP  seconds before giving up on a mail (default 172800)
 *   --mail-retry S        SAMLA_MAIL_RETRY    first retry after S seconds, doubling (default 60)
 *   --mail-tick S         SAMLA_MAIL_TICK     the sender thread's interval (default 60)
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/mail/mail.h"
#include "base/log.h"
#include "base/util.h"
#include "cli/cli.h"
#include "db/db.h"

static const char *pick(const char *flag, const char *env)
{
    if (flag && *flag) {
        return flag;
    }
    const char *v = getenv(env);
    return v && *v ? v : NULL;
}

static bool seconds(const char *flag, const char *env, const char *value, long max, long *out)
{
    value = pick(value, env);
    if (!value) {
        return true;
    }
    long long n;
    if (!parse_int(value, 1, max, &n)) {
        fprintf(stderr, "samla: %s (%s) must be a number of seconds from 1 to %ld\n", flag, env, max);
        return false;
    }
    *out = (long)n;
    return true;
}

static char *read_secret(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "samla: cannot read the SMTP password file %s\n", path);
        return NULL;
    }
    char line[1024];
    if (!fgets(line, sizeof line, f)) {
        line[0] = 0;
    }
    fclose(f);
    line[strcspn(line, "\r\n")] = 0;
    return strdup(line);
}

bool cli_mail_setup(const CliMail *m)
{
    MailConfig c;
    mail_config_defaults(&c);
    const char *tls = pick(m->tls, "SAMLA_SMTP_TLS");
    if (tls && !str_eq(tls, "starttls") && !str_eq(tls, "implicit") && !str_eq(tls, "try") && !str_eq(tls, "none")) {
        fputs("samla: --smtp-tls (SAMLA_SMTP_TLS) must be starttls, implicit, try or none\n", stderr);
        return false;
    }
    c.tls = tls && !str_eq(tls, "implicit") ? tls : "starttls";
    c.smtp_url = pick(m->url, "SAMLA_SMTP_URL");
    const char *host = getenv("SAMLA_SMTP_HOST");
    if (!c.smtp_url && host && *host) {
        const char *port = getenv("SAMLA_SMTP_PORT");
        bool implicit = tls && str_eq(tls, "implicit");
        char url[512];
        snprintf(url, sizeof url, "%s://%s:%s", implicit ? "smtps" : "smtp", host,
                 port && *port ? port : implicit ? "465" : "587");
        c.smtp_url = strdup(url);
    }
    if (c.smtp_url && !str_has_prefix(c.smtp_url, "smtp://") && !str_has_prefix(c.smtp_url, "smtps://")) {
        fputs("samla: --smtp-url (SAMLA_SMTP_URL) must start with smtp:// or smtps://\n", stderr);
        return false;
    }
    if (c.smtp_url && str_has_prefix(c.smtp_url, "smtps://") && str_eq(c.tls, "none")) {
        fputs("samla: smtps:// always uses TLS; --smtp-tls none does not go with it\n", stderr);
        return false;
    }
    c.user = pick(m->user, "SAMLA_SMTP_USER");
    const char *pw = pick(m->password_file, "SAMLA_SMTP_PASSWORD_FILE");
    if (pw && !(c.password = read_secret(pw))) {
        return false;
    }
    c.ca_file = pick(m->ca_file, "SAMLA_SMTP_CA_FILE");
    c.from = pick(m->from, "SAMLA_MAIL_FROM");
    if (c.from && !mail_addr_valid(c.from)) {
        fputs("samla: --mail-from (SAMLA_MAIL_FROM) is not an e-mail address\n", stderr);
        return false;
    }
    c.base_url = pick(m->base_url, "SAMLA_BASE_URL");
    if (c.base_url && !str_has_prefix(c.base_url, "https://") && !str_has_prefix(c.base_url, "http://")) {
        fputs("samla: --base-url (SAMLA_BASE_URL) must start with https:// or http://\n", stderr);
        return false;
    }
    if (!c.base_url) {
        c.base_url = "http://localhost:8080";
        if (c.smtp_url) {
            fputs("samla: warning: --base-url (SAMLA_BASE_URL) is not set; the links in e-mail point to "
                  "http://localhost:8080\n", stderr);
        }
    }
    if (!seconds("--mail-give-up", "SAMLA_MAIL_GIVE_UP", m->give_up, 30L * 24 * 3600, &c.give_up_s) ||
        !seconds("--mail-retry", "SAMLA_MAIL_RETRY", m->retry, 3600, &c.retry_base_s) ||
        !seconds("--mail-tick", "SAMLA_MAIL_TICK", m->tick, 3600, &c.tick_s)) {
        return false;
    }
    if (c.smtp_url && !c.from) {
        fputs("samla: an SMTP server is configured but no sender: give --mail-from or SAMLA_MAIL_FROM\n", stderr);
        return false;
    }
    mail_configure(&c);
    return true;
}

int cmd_mail(int argc, char **argv)
{
    const char *data = NULL, *max = NULL;
    CliMail m = {0};
    const Opt opts[] = {{"--data", true, &data, NULL},
                        {"--max", true, &max, NULL},
                        CLI_MAIL_OPTS(m),
                        {NULL, 0, NULL, NULL}};
    const char *pos[1];
    int npos;
    if (!cli_parse(argc, argv, opts, pos, 1, &npos) || npos != 1) {
        usage();
        return EXIT_USAGE;
    }
    if (!cli_mail_setup(&m)) {
        return EXIT_USAGE;
    }
    long long most = 0;
    if (max && !parse_int(max, 1, 1000000, &most)) {
        fputs("samla: --max must be a number from 1 to 1000000\n", stderr);
        return EXIT_USAGE;
    }
    Db *db = cli_open_db(data);
    if (!db) {
        return 1;
    }
    signal(SIGPIPE, SIG_IGN);
    Err e = {0};
    int rc = 0;
    if (str_eq(pos[0], "tick")) {
        char today[16];
        date_today(today, sizeof today);
        int made = 0;
        rc = mail_tick(db, today, &made, &e);
        if (!rc) {
            printf("%d reminders and digests written for %s\n", made, today);
        }
    } else if (str_eq(pos[0], "send")) {
        if (!mail_configured()) {
            fputs("samla: no SMTP server configured (--smtp-url and --mail-from, or SAMLA_SMTP_URL and "
                  "SAMLA_MAIL_FROM); e-mail stays in the outbox\n", stderr);
            db_close(db);
            return 1;
        }
        mail_recover(db);
        int sent = 0, failed = 0;
        rc = mail_send_due(db, (int)most, &sent, &failed, &e);
        if (!rc) {
            printf("%d sent, %d not sent\n", sent, failed);
        }
    } else if (str_eq(pos[0], "status")) {
        OutboxCounts c;
        mail_counts(db, &c);
        printf("queued %d\nsending %d\nsent %d\nfailed %d\ngiven_up %d\ndropped %d\nsmtp %s\n", c.queued, c.sending,
               c.sent, c.failed, c.given_up, c.dropped, mail_configured() ? mail_config()->smtp_url : "not configured");
    } else {
        fprintf(stderr, "samla: unknown mail command '%s' (send, tick or status)\n", pos[0]);
        db_close(db);
        return EXIT_USAGE;
    }
    if (rc) {
        fprintf(stderr, "samla: %s\n", e.msg);
    }
    db_close(db);
    return rc ? 1 : 0;
}
