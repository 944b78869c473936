/* cli.h: the subcommands and the small option parser they share. */
#ifndef SAMLA_CLI_H
#define SAMLA_CLI_H

#include <stdbool.h>

#include "base/err.h"

/* Exit codes: 0 success, 1 the work failed (message on stderr), 2 usage. */
enum { EXIT_USAGE = 2 };

typedef struct Opt {
    const char *name;    /* "--data" */
    bool has_value;      /* takes a value ("--data DIR" or "--data=DIR") */
    const char **value;  /* where the value goes (has_value) */
    bool *flag;          /* set to true when present (!has_value) */
} Opt;

/* cli_parse: parse argv[1..] against opts; positional arguments go to
 * pos[0..*npos) (at most maxpos).  Returns false after printing what is
 * wrong to stderr. */
bool cli_parse(int argc, char **argv, const Opt *opts, const char **pos, int maxpos, int *npos);

/* cli_db_path: DIR/samla.db in a static buffer. */
const char *cli_db_path(const char *dir);

/* cli_data_dir: the --data value, else $SAMLA_DATA, else NULL (with a
 * message on stderr). */
const char *cli_data_dir(const char *flag);

/* cli_open_db: open DIR/samla.db (DIR from --data or SAMLA_DATA) and bring
 * its schema up to date; NULL after a message on stderr. */
struct Db *cli_open_db(const char *data_flag);

/* cli_attach_setup (cmd_serve.c): attachments under DIR/files, with the
 * size limit from max_upload (MB; NULL: $SAMLA_MAX_UPLOAD_MB, else the
 * default).  False after a message on stderr for a bad limit. */
bool cli_attach_setup(const char *dir, const char *max_upload);

/* cli_upgrade: bring db (DIR/samla.db) up to this build's schema; an older
 * database is first copied to DIR/backups/ (migrate_up_backup), and the
 * copy named on stderr.  *applied (may be NULL) gets the number of
 * migrations applied. */
int cli_upgrade(struct Db *db, const char *dir, int *applied, Err *e);

/* The e-mail options of `samla serve` and `samla mail` (cmd_mail.c). */
typedef struct CliMail {
    const char *url, *tls, *user, *password_file, *ca_file, *from, *base_url, *give_up, *retry, *tick;
} CliMail;
#define CLI_MAIL_OPTS(m)                                                                                   \
    {"--smtp-url", true, &(m).url, NULL}, {"--smtp-tls", true, &(m).tls, NULL},                            \
        {"--smtp-user", true, &(m).user, NULL}, {"--smtp-password-file", true, &(m).password_file, NULL}, \
        {"--smtp-ca-file", true, &(m).ca_file, NULL}, {"--mail-from", true, &(m).from, NULL},             \
        {"--base-url", true, &(m).base_url, NULL}, {"--mail-give-up", true, &(m).give_up, NULL},          \
        {"--mail-retry", true, &(m).retry, NULL}, {"--mail-tick", true, &(m).tick, NULL}

/* cli_mail_setup: configure e-mail from m, else the environment
 * (mail_configure).  False after a message on stderr. */
bool cli_mail_setup(const CliMail *m);

void usage(void);
int cmd_init(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_bench_data(int argc, char **argv);     /* cmd_bench.c */
int cmd_bench_search(int argc, char **argv);
int cmd_http(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_token(int argc, char **argv);
int cmd_audit(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_backup(int argc, char **argv);
int cmd_restore(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_mail(int argc, char **argv);         /* cmd_mail.c */

#endif
