/* main.c: `samla` — dispatch to the subcommand. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <string.h>

#include "app/identity/identity.h"
#include "cli/cli.h"

#ifndef SAMLA_VERSION
#define SAMLA_VERSION "0.0.0"
#endif

void usage(void)
{
    fputs("usage: samla <command> [options]\n"
          "\n"
          "commands:\n"
          "  init  --data DIR [--demo]          create a database in DIR (with demo content)\n"
          "  serve --data DIR [--listen ADDR:PORT] [--threads N] [--max-upload MB] [--trusted-proxy] [--quiet]\n"
          "        [--per-client N] [--header-timeout S]\n"
          "                                     serve DIR over HTTP (default 127.0.0.1:8080); attachments\n"
          "                                     go to DIR/files, up to MB each (default 25); at most N\n"
          "                                     connections per client address (default 64, none behind\n"
          "                                     --trusted-proxy); a request's headers must arrive within\n"
          "                                     S seconds (default 10)\n"
          "        [--smtp-url URL] [--smtp-tls starttls|implicit|try|none] [--smtp-user U]\n"
          "        [--smtp-password-file F] [--smtp-ca-file F] [--mail-from ADDR] [--base-url URL]\n"
          "        [--mail-give-up S] [--mail-retry S] [--mail-tick S]\n"
          "                                     and send e-mail (notifications, digests, reminders) through\n"
          "                                     the SMTP server; without one, e-mail stays in the outbox\n"
          "  mail  send|tick|status --data DIR [mail options as for serve] [--max N]\n"
          "                                     send what is due / write reminders and digests / count\n"
          "                                     the outbox (for a timer instead of samla serve's thread)\n"
          "  http  --data DIR                   run one raw HTTP request from stdin, print the response\n"
          "  user  add --data DIR --username U --name N [--email E] [--ministry KD] [--role R]\n"
          "        list | passwd U | disable U | enable U | role U (--add R [--ministry KD] | --remove R)\n"
          "                                     manage users; passwords are read from stdin or a prompt\n"
          "  token create --data DIR --user U --name N [--read-only] | list [--user U] | revoke ID\n"
          "                                     API tokens; create prints the token once\n"
          "  audit verify --data DIR            check the audit log's hash chain\n"
          "  export measures --data DIR --format csv|xlsx|json [-o FILE] [--strategy SLUG]\n"
          "                                     write the measures to FILE (or stdout); audited\n"
          "  import measures FILE --data DIR [--apply]\n"
          "                                     check a .csv, .xlsx or .json file of measures and\n"
          "                                     report every problem; --apply saves a valid file\n"
          "  backup --data DIR -o FILE          write a consistent copy of DIR (database and attachments)\n"
          "                                     to the archive FILE, also while samla serve runs\n"
          "  restore FILE --data NEWDIR         check the archive FILE and restore it into NEWDIR (new or\n"
          "                                     empty); a damaged archive is refused and nothing written\n"
          "  check --data DIR                   integrity_check, foreign_key_check, the audit chain and\n"
          "                                     every attachment file against its SHA-256\n"
          "  bench-data --data DIR --articles N a database of N articles for the search benchmark\n"
          "  bench-search --data DIR [--queries N]\n"
          "                                     time searches in it beside a reference index\n"
          "  version                            print the version\n"
          "  help                               print this text\n"
          "\n"
          "environment: SAMLA_DATA (for --data), SAMLA_LISTEN (for --listen),\n"
          "             SAMLA_MAX_UPLOAD_MB (for --max-upload), SAMLA_PER_CLIENT (for --per-client),\n"
          "             SAMLA_HEADER_TIMEOUT (for --header-timeout), SAMLA_THREADS (for --threads),\n"
          "             SAMLA_TRUSTED_PROXY=1 (for --trusted-proxy), SAMLA_SMTP_URL (or SAMLA_SMTP_HOST and\n"
          "             SAMLA_SMTP_PORT), SAMLA_SMTP_TLS, SAMLA_SMTP_USER, SAMLA_SMTP_PASSWORD_FILE,\n"
          "             SAMLA_SMTP_CA_FILE, SAMLA_MAIL_FROM, SAMLA_BASE_URL, SAMLA_MAIL_GIVE_UP,\n"
          "             SAMLA_MAIL_RETRY, SAMLA_MAIL_TICK\n"
          "under systemd: a socket passed by systemd (samla.socket) is used instead of --listen;\n"
          "             readiness and the watchdog are reported (Type=notify, WatchdogSec=)\n",
          stderr);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage();
        return EXIT_USAGE;
    }
    /* Times are shown in Norwegian time unless the operator says otherwise. */
    setenv("TZ", "Europe/Oslo", 0);
    tzset();
    if (!auth_init()) {
        fputs("samla: cannot initialise the crypto library\n", stderr);
        return 1;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "init") == 0) {
        return cmd_init(argc - 1, argv + 1);
    }
    if (strcmp(cmd, "bench-data") == 0) {
        return cmd_bench_data(argc - 1, argv + 1);
    }
    if (strcmp(cmd, "bench-search") == 0) {
        return cmd_bench_search(argc - 1, argv + 1);
    }
    if (strcmp(cmd, "serve") == 0) {
        return cmd_serve(argc - 1, argv + 1);
    }
    if (strcmp(cmd, "mail") == 0) {
        return cmd_mail(argc - 1, argv + 1);
    }
    if (strcmp(cmd, "http") == 0) {
        return cmd_http(argc - 1, argv + 1);
    }
    if (strcmp(cmd, "user") == 0) {
        return cmd_user(argc - 1, argv + 1);
    }
    if (strcmp(cmd, "token") == 0) {
        return cmd_token(argc - 1, argv + 1);
    }
    if (strcmp(cmd, "audit") == 0) {
        return cmd_audit(argc - 1, argv + 1);
    }
    if (strcmp(cmd, "export") == 0) {
        return cmd_export(argc - 1, argv + 1);
    }
    if (strcmp(cmd, "import") == 0) {
        return cmd_import(argc - 1, argv + 1);
    }
    if (strcmp(cmd, "backup") == 0) {
        return cmd_backup(argc - 1, argv + 1);
    }
    if (strcmp(cmd, "restore") == 0) {
        return cmd_restore(argc - 1, argv + 1);
    }
    if (strcmp(cmd, "check") == 0) {
        return cmd_check(argc - 1, argv + 1);
    }
    if (strcmp(cmd, "version") == 0 || strcmp(cmd, "--version") == 0) {
        printf("samla %s\n", SAMLA_VERSION);
        return 0;
    }
    if (strcmp(cmd, "help") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0) {
        usage();
        return 0;
    }
    fprintf(stderr, "samla: unknown command '%s'\n", cmd);
    usage();
    return EXIT_USAGE;
}
