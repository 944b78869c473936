/* fuzz.h: what the libFuzzer targets in fuzz/ share.
 *
 * Each target is one file fuzz_<name>.c with LLVMFuzzerTestOneInput (and
 * LLVMFuzzerInitialize when it needs a database).  Inputs are copied into a
 * NUL-terminated heap buffer, so code that reads one byte past the end
 * trips ASan instead of reading libFuzzer's own memory.  Everything a call
 * allocates is freed before it returns: the leak checker runs.
 *
 * `make fuzz` builds and runs them; see scripts/fuzz.sh.
 */
#ifndef SAMLA_FUZZ_H
#define SAMLA_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/demo/demo.h"
#include "base/log.h"
#include "db/db.h"
#include "db/migrate.h"

/* The libFuzzer entry points (declared here for -Wmissing-prototypes). */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* fuzz_cstr: a malloc'd copy of the input with a NUL after it. */
static inline char *fuzz_cstr(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s) {
        abort();
    }
    if (size) {
        memcpy(s, data, size);
    }
    s[size] = 0;
    return s;
}

/* fuzz_demo_db: a new in-memory database with the schema and the demo
 * content, as `samla init --demo` makes it; aborts when that fails (the
 * target could test nothing).  Info log lines are turned off. */
static inline Db *fuzz_demo_db(void)
{
    Db *db = NULL;
    Err e = {0};
    g_log_quiet = 1;
    if (db_open(&db, ":memory:", DB_OPEN_CREATE, &e) || migrate_up(db, NULL, &e) || demo_seed(db, &e) ||
        demo_story(db, &e)) {
        fprintf(stderr, "fuzz: cannot create the demo database: %s\n", e.msg);
        abort();
    }
    return db;
}

/* fuzz_check: abort (a crash libFuzzer reports, with the input) when a
 * contract the code promises does not hold. */
#define fuzz_check(cond)                                                                 \
    do {                                                                                 \
        if (!(cond)) {                                                                   \
            fprintf(stderr, "fuzz: %s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
            abort();                                                                     \
        }                                                                                \
    } while (0)

#endif
