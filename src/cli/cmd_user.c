/* cmd_user.c: `samla user add|list|passwd|disable|enable|role` and
 * `samla token create|list|revoke` and `samla audit verify`.  Passwords
 * are read from standard input (one line) or, at a terminal, from a prompt
 * with echo off — never from the command line, where other users could
 * see them in the process list.  CLI changes are audited as actor "cli". */
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "app/core/audit.h"
#include "app/identity/identity.h"
#include "base/util.h"
#include "cli/cli.h"
#include "db/migrate.h"

/* One line from stdin without its newline; at a terminal, with a prompt,
 * echo off, and asked twice when confirm. */
static bool read_password(char *out, size_t n, bool confirm)
{
    bool tty = isatty(STDIN_FILENO);
    struct termios old, quiet;
    for (int round = 0; round < (tty && confirm ? 2 : 1); round++) {
        char buf[1100];
        if (tty) {
            fputs(round ? "Repeat password: " : "Password: ", stderr);
            tcgetattr(STDIN_FILENO, &old);
            quiet = old;
            quiet.c_lflag &= ~(tcflag_t)ECHO;
            tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
        }
        bool ok = fgets(buf, sizeof buf, stdin) != NULL;
        if (tty) {
            tcsetattr(STDIN_FILENO, TCSANOW, &old);
            fputc('\n', stderr);
        }
        if (!ok) {
            fputs("samla: no password given on standard input\n", stderr);
            return false;
        }
        buf[strcspn(buf, "\r\n")] = 0;
        if (round == 0) {
            snprintf(out, n, "%s", buf);
        } else if (strcmp(out, buf) != 0) {
            fputs("samla: the passwords do not match\n", stderr);
            return false;
        }
    }
    return true;
}

static int user_id_of(Db *db, const char *username)
{
    Arena a = {0};
    User u;
    int id = user_find(db, &a, username, &u, NULL) ? 0 : (int)u.id;
    arena_free(&a);
    if (!id) {
        fprintf(stderr, "samla: no user '%s'\n", username);
    }
    return id;
}

static int user_add(int argc, char **argv)
{
    const char *data = NULL, *username = NULL, *name = NULL, *email = NULL, *ministry = NULL, *role = NULL;
    bool no_password = false;
    const Opt opts[] = {{"--data", true, &data, NULL},         {"--username", true, &username, NULL},
                        {"--name", true, &name, NULL},         {"--email", true, &email, NULL},
                        {"--ministry", true, &ministry, NULL}, {"--role", true, &role, NULL},
                        {"--no-password", false, NULL, &no_password}, {NULL, 0, NULL, NULL}};
    const char *pos[1];
    int npos;
    if (!cli_parse(argc, argv, opts, pos, 0, &npos) || !username || !name) {
        fputs("usage: samla user add --data DIR --username U --name \"Full Name\" [--email E] [--ministry KD] "
              "[--role ROLE] [--no-password]   (password on stdin)\n", stderr);
        return EXIT_USAGE;
    }
    if (role && !perm_role_valid(role)) {
        fprintf(stderr, "samla: unknown role '%s' (roles: employee, union_rep, case_officer, secretary_general, "
                        "secretariat, admin)\n", role);
        return EXIT_USAGE;
    }
    Db *db = cli_open_db(data);
    if (!db) {
        return 1;
    }
    char pw[1100] = "";
    if (!no_password && !read_password(pw, sizeof pw, true)) {
        db_close(db);
        return 1;
    }
    UserInput in = {.username = username, .full_name = name, .email = email, .ministry_code = ministry,
                    .active = true};
    int64_t id;
    Err e = {0};
    int rc = user_create(db, NULL, "cli", &in, no_password ? NULL : pw, &id, &e);
    if (!rc && role && strcmp(role, "employee") != 0) {
        rc = user_grant_role(db, NULL, "cli", id, role, NULL, &e);
    }
    if (rc) {
        fprintf(stderr, "samla: %s\n", e.msg);
    } else {
        printf("created user %s (id %lld)\n", username, (long long)id);
    }
    db_close(db);
    return rc ? 1 : 0;
}

static int user_list_cmd(int argc, char **argv)
{
    const char *data = NULL;
    const Opt opts[] = {{"--data", true, &data, NULL}, {NULL, 0, NULL, NULL}};
    const char *pos[1];
    int npos;
    if (!cli_parse(argc, argv, opts, pos, 0, &npos)) {
        return EXIT_USAGE;
    }
    Db *db = cli_open_db(data);
    if (!db) {
        return 1;
    }
    Arena a = {0};
    User *u;
    size_t n;
    if (user_list(db, &a, &u, &n, NULL) == 0) {
        for (size_t i = 0; i < n; i++) {
            printf("%-16s %-8s %-9s %s", u[i].username, u[i].ministry_code ? u[i].ministry_code : "-",
                   u[i].active ? "active" : "disabled", u[i].full_name);
            Grant *g;
            size_t ng;
            if (user_grants(db, &a, u[i].id, &g, &ng, NULL) == 0) {
                for (size_t k = 0; k < ng; k++) {
                    printf("%s%s%s%s", k ? "," : " [", g[k].role, g[k].ministry_code ? ":" : "",
                           g[k].ministry_code ? g[k].ministry_code : "");
                }
                if (ng) {
                    putchar(']');
                }
            }
            putchar('\n');
        }
    }
    arena_free(&a);
    db_close(db);
    return 0;
}

/* passwd, disable, enable: one username. */
static int user_one(const char *sub, int argc, char **argv)
{
    const char *data = NULL;
    const Opt opts[] = {{"--data", true, &data, NULL}, {NULL, 0, NULL, NULL}};
    const char *pos[1];
    int npos;
    if (!cli_parse(argc, argv, opts, pos, 1, &npos) || npos != 1) {
        fprintf(stderr, "usage: samla user %s USERNAME --data DIR\n", sub);
        return EXIT_USAGE;
    }
    Db *db = cli_open_db(data);
    if (!db) {
        return 1;
    }
    int id = user_id_of(db, pos[0]);
    Err e = {0};
    int rc = id ? 0 : 1;
    if (id && strcmp(sub, "passwd") == 0) {
        char pw[1100];
        rc = read_password(pw, sizeof pw, true) ? user_set_password(db, NULL, "cli", id, pw, &e) : 1;
    } else if (id) {
        Arena a = {0};
        User u;
        user_get(db, &a, id, &u, NULL);
        UserInput in = {.full_name = u.full_name, .email = u.email, .ministry_code = u.ministry_code,
                        .active = strcmp(sub, "enable") == 0};
        rc = user_update(db, NULL, "cli", id, &in, &e);
        arena_free(&a);
    }
    if (rc && e.msg[0]) {
        fprintf(stderr, "samla: %s\n", e.msg);
    } else if (!rc) {
        printf("%s: done for %s\n", sub, pos[0]);
    }
    db_close(db);
    return rc ? 1 : 0;
}

static int user_role(int argc, char **argv)
{
    const char *data = NULL, *add = NULL, *remove = NULL, *ministry = NULL;
    const Opt opts[] = {{"--data", true, &data, NULL}, {"--add", true, &add, NULL}, {"--remove", true, &remove, NULL},
                        {"--ministry", true, &ministry, NULL}, {NULL, 0, NULL, NULL}};
    const char *pos[1];
    int npos;
    if (!cli_parse(argc, argv, opts, pos, 1, &npos) || npos != 1 || (!add == !remove)) {
        fputs("usage: samla user role USERNAME --data DIR (--add ROLE [--ministry KD] | --remove ROLE)\n", stderr);
        return EXIT_USAGE;
    }
    const char *role = add ? add : remove;
    if (!perm_role_valid(role)) {
        fprintf(stderr, "samla: unknown role '%s'\n", role);
        return EXIT_USAGE;
    }
    Db *db = cli_open_db(data);
    if (!db) {
        return 1;
    }
    int id = user_id_of(db, pos[0]);
    Err e = {0};
    int rc = id ? 0 : 1;
    if (id && add) {
        rc = user_grant_role(db, NULL, "cli", id, add, ministry, &e);
    } else if (id) {
        Arena a = {0};
        Grant *g;
        size_t n;
        rc = E_NOTFOUND;
        err_set(&e, E_NOTFOUND, "%s does not have the role %s", pos[0], remove);
        if (user_grants(db, &a, id, &g, &n, NULL) == 0) {
            for (size_t i = 0; i < n && rc == E_NOTFOUND; i++) {
                if (strcmp(g[i].role, remove) == 0) {
                    rc = user_revoke_role(db, NULL, "cli", id, g[i].id, &e);
                }
            }
        }
        arena_free(&a);
    }
    if (rc && e.msg[0]) {
        fprintf(stderr, "samla: %s\n", e.msg);
    }
    db_close(db);
    return rc ? 1 : 0;
}

int cmd_user(int argc, char **argv)
{
    const char *sub = argc > 1 ? argv[1] : "";
    if (strcmp(sub, "add") == 0) {
        return user_add(argc - 1, argv + 1);
    }
    if (strcmp(sub, "list") == 0) {
        return user_list_cmd(argc - 1, argv + 1);
    }
    if (strcmp(sub, "passwd") == 0 || strcmp(sub, "disable") == 0 || strcmp(sub, "enable") == 0) {
        return user_one(sub, argc - 1, argv + 1);
    }
    if (strcmp(sub, "role") == 0) {
        return user_role(argc - 1, argv + 1);
    }
    fputs("usage: samla user add|list|passwd|disable|enable|role … (see samla help)\n", stderr);
    return EXIT_USAGE;
}

int cmd_token(int argc, char **argv)
{
    const char *sub = argc > 1 ? argv[1] : "";
    const char *data = NULL, *user = NULL, *name = NULL;
    bool read_only = false;
    const Opt opts[] = {{"--data", true, &data, NULL}, {"--user", true, &user, NULL}, {"--name", true, &name, NULL},
                        {"--read-only", false, NULL, &read_only}, {NULL, 0, NULL, NULL}};
    const char *pos[1];
    int npos;
    bool create = strcmp(sub, "create") == 0, list = strcmp(sub, "list") == 0, revoke = strcmp(sub, "revoke") == 0;
    if ((!create && !list && !revoke) || !cli_parse(argc - 1, argv + 1, opts, pos, 1, &npos) ||
        (create && (!user || !name || npos)) || (revoke && npos != 1) || (list && npos)) {
        fputs("usage: samla token create --data DIR --user U --name N [--read-only]\n"
              "       samla token list --data DIR [--user U]\n"
              "       samla token revoke ID --data DIR\n", stderr);
        return EXIT_USAGE;
    }
    Db *db = cli_open_db(data);
    if (!db) {
        return 1;
    }
    Err e = {0};
    int rc = 0;
    if (create) {
        int uid = user_id_of(db, user);
        char token[AUTH_TOKEN_CHARS + 8];
        int64_t id;
        rc = uid ? token_create(db, NULL, "cli", uid, name, read_only, token, &id, &e) : 1;
        if (!rc) {
            printf("%s\n", token);
            fprintf(stderr, "token %lld for %s created; it is shown only this once\n", (long long)id, user);
        }
    } else if (list) {
        int uid = user ? user_id_of(db, user) : 0;
        Arena a = {0};
        Token *t;
        size_t n;
        if (!(user && !uid) && token_list(db, &a, uid, &t, &n, NULL) == 0) {
            for (size_t i = 0; i < n; i++) {
                printf("%-5lld %-16s %-10s %-8s %s\n", (long long)t[i].id, t[i].username,
                       t[i].read_only ? "read-only" : "read-write", t[i].revoked_at ? "revoked" : "valid", t[i].name);
            }
        }
        arena_free(&a);
    } else {
        long long id;
        rc = parse_int(pos[0], 1, INT64_MAX, &id) ? token_revoke(db, NULL, "cli", id, &e) : E_NOTFOUND;
        if (!rc) {
            printf("token %lld revoked\n", id);
        } else if (!e.msg[0]) {
            err_set(&e, E_NOTFOUND, "no token %s", pos[0]);
        }
    }
    if (rc && e.msg[0]) {
        fprintf(stderr, "samla: %s\n", e.msg);
    }
    db_close(db);
    return rc ? 1 : 0;
}

int cmd_audit(int argc, char **argv)
{
    const char *sub = argc > 1 ? argv[1] : "";
    const char *data = NULL;
    const Opt opts[] = {{"--data", true, &data, NULL}, {NULL, 0, NULL, NULL}};
    const char *pos[1];
    int npos;
    if (strcmp(sub, "verify") != 0 || !cli_parse(argc - 1, argv + 1, opts, pos, 0, &npos)) {
        fputs("usage: samla audit verify --data DIR\n", stderr);
        return EXIT_USAGE;
    }
    Db *db = cli_open_db(data);
    if (!db) {
        return 1;
    }
    int64_t rows, bad;
    Err e = {0};
    int rc = audit_verify(db, &rows, &bad, &e);
    if (rc) {
        fprintf(stderr, "samla: %s\n", e.msg);
    } else {
        char head[65];
        audit_head(db, head);
        printf("audit log intact: %lld rows\nnewest hash: %s\n", (long long)rows, head);
    }
    db_close(db);
    return rc ? 1 : 0;
}
