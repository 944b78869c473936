/* opts.c: the option parser and data-directory helpers (see cli.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "db/db.h"
#include "db/migrate.h"
#include <unistd.h>

bool cli_parse(int argc, char **argv, const Opt *opts, const char **pos, int maxpos, int *npos)
{
    *npos = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (a[0] != '-' || a[1] == 0) {
            if (*npos >= maxpos) {
                fprintf(stderr, "samla: unexpected argument '%s'\n", a);
                return false;
            }
            pos[(*npos)++] = a;
            continue;
        }
        const char *eq = strchr(a, '=');
        size_t len = eq ? (size_t)(eq - a) : strlen(a);
        const Opt *o = opts;
        while (o->name && !(strlen(o->name) == len && strncmp(o->name, a, len) == 0)) {
            o++;
        }
        if (!o->name) {
            fprintf(stderr, "samla: unknown option '%.*s'\n", (int)len, a);
            return false;
        }
        if (!o->has_value) {
            if (eq) {
                fprintf(stderr, "samla: option %s takes no value\n", o->name);
                return false;
            }
            *o->flag = true;
            continue;
        }
        if (eq) {
            *o->value = eq + 1;
        } else if (i + 1 < argc) {
            *o->value = argv[++i];
        } else {
            fprintf(stderr, "samla: option %s needs a value\n", o->name);
            return false;
        }
    }
    return true;
}

const char *cli_data_dir(const char *flag)
{
    const char *dir = flag ? flag : getenv("SAMLA_DATA");
    if (!dir || !*dir) {
        fputs("samla: no data directory: give --data DIR or set SAMLA_DATA\n", stderr);
        return NULL;
    }
    return dir;
}

const char *cli_db_path(const char *dir)
{
    static char path[4096];
    snprintf(path, sizeof path, "%s/samla.db", dir);
    return path;
}

Db *cli_open_db(const char *data_flag)
{
    const char *dir = cli_data_dir(data_flag);
    if (!dir) {
        return NULL;
    }
    const char *path = cli_db_path(dir);
    if (access(path, F_OK) != 0) {
        fprintf(stderr, "samla: no database in %s\n", dir);
        return NULL;
    }
    Db *db = NULL;
    Err e = {0};
    if (db_open(&db, path, 0, &e) || cli_upgrade(db, dir, NULL, &e)) {
        fprintf(stderr, "samla: %s\n", e.msg);
        db_close(db);
        return NULL;
    }
    return db;
}

int cli_upgrade(struct Db *db, const char *dir, int *applied, Err *e)
{
    char backups[4200], made[4300];
    snprintf(backups, sizeof backups, "%s/backups", dir);
    int rc = migrate_up_backup(db, backups, made, sizeof made, applied, e);
    if (made[0]) {
        fprintf(stderr, "samla: the database was upgraded to schema %d; the database as it was is in %s\n",
                db_user_version(db), made);
    }
    return rc;
}
