/* cmd_init.c: `samla init --data DIR [--demo]` — create DIR and a new
 * database in it with the schema and reference data, and with --demo the
 * demo content.  Refuses to touch an existing database. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "db/db.h"
#include "app/core/search.h"
#include "app/demo/demo.h"
#include "db/migrate.h"

/* mkdir -p with mode 0750 for new directories. */
static int make_dirs(const char *dir)
{
    char path[4096];
    if (snprintf(path, sizeof path, "%s", dir) >= (int)sizeof path) {
        errno = ENAMETOOLONG;
        return -1;
    }
    for (char *p = path + 1; *p; p++) {
        if (*p == '/') {
            *p = 0;
            if (mkdir(path, 0750) && errno != EEXIST) {
                return -1;
            }
            *p = '/';
        }
    }
    if (mkdir(path, 0750) && errno != EEXIST) {
        return -1;
    }
    struct stat st;
    if (stat(path, &st) || !S_ISDIR(st.st_mode)) {
        errno = ENOTDIR;
        return -1;
    }
    return 0;
}

int cmd_init(int argc, char **argv)
{
    const char *data = NULL;
    bool demo = false;
    const Opt opts[] = {{"--data", true, &data, NULL}, {"--demo", false, NULL, &demo}, {NULL, 0, NULL, NULL}};
    const char *pos[1];
    int npos;
    if (!cli_parse(argc, argv, opts, pos, 0, &npos)) {
        usage();
        return EXIT_USAGE;
    }
    const char *dir = cli_data_dir(data);
    if (!dir) {
        return EXIT_USAGE;
    }
    if (make_dirs(dir)) {
        fprintf(stderr, "samla: cannot create data directory %s: %s\n", dir, strerror(errno));
        return 1;
    }
    const char *path = cli_db_path(dir);
    if (access(path, F_OK) == 0) {
        fprintf(stderr, "samla: %s already holds a samla database; nothing was changed\n", dir);
        return 1;
    }
    Db *db = NULL;
    Err e = {0};
    int applied = 0;
    if (db_open(&db, path, DB_OPEN_CREATE, &e) || migrate_up(db, &applied, &e) ||
        (demo && (demo_seed(db, &e) || demo_story(db, &e))) || search_sync(db, NULL, &e)) {
        fprintf(stderr, "samla: %s\n", e.msg);
        db_close(db);
        unlink(path);  /* a half-made database would be mistaken for a real one */
        char side[4200];
        snprintf(side, sizeof side, "%s-wal", path);
        unlink(side);
        snprintf(side, sizeof side, "%s-shm", path);
        unlink(side);
        return 1;
    }
    db_close(db);
    printf("created %s (schema %d%s)\n", path, applied, demo ? ", demo content" : "");
    return 0;
}
