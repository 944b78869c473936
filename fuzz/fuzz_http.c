/* fuzz_http.c: one raw HTTP/1.x request through the whole pipeline, as
 * `samla http` runs it (src/web/rawhttp.c): the request line and headers
 * are split the same way, the same 400/431/413 checks run, and a
 * WebRequest built the same way goes to web_handle — URL decoding, route
 * match, session and CSRF checks, form and multipart bodies, handler,
 * error page, layout.
 *
 * Signed-in requests: LLVMFuzzerInitialize gives the demo users admin and
 * sekretariat a read-only API token with a fixed value (TOKENS below), so
 * seeds can carry "Authorization: Bearer <token>" and reach the pages
 * and API answers only signed-in users see.  Read-only, so such requests
 * cannot change the database either (every non-GET is refused).
 *
 * One in-memory demo database is made in LLVMFuzzerInitialize and kept:
 * like a running server it sees every request, so what one input writes
 * (a failed sign-in, an export's audit row) is there for the next.  A
 * crash that needs such state shows in libFuzzer's log but may not
 * reproduce from its input alone.  Checks beyond "no crash": a status
 * from 200 to 599, every response header readable, and no transaction or
 * statement left open after the request.
 *
 * The request goes through raw_http_handle, the same function `samla
 * http` uses.
 */
#include "fuzz.h"

#include <sodium.h>
#include <strings.h>

#include "app/identity/identity.h"
#include "base/util.h"
#include "web/server.h"
#include "web/web.h"

static Db *g_db;

/* The fixed read-only tokens ("samla_" and 43 characters, like real ones). */
static const struct {
    const char *username, *token;
} TOKENS[] = {
    {"admin", "samla_fuzz-admin-read-only-xxxxxxxxxxxxxxxxxxxxxx"},
    {"sekretariat", "samla_fuzz-sekretariat-read-only-xxxxxxxxxxxxxxxx"},
};

/* Give username a read-only API token whose value is token: a real
 * token_create, then its stored hash replaced by the hash of token. */
static void fixed_token(const char *username, const char *token)
{
    Arena a = {0};
    Err e = {0};
    User u;
    char made[AUTH_TOKEN_CHARS + 7];
    int64_t id = 0;
    fuzz_check(strlen(token) == AUTH_TOKEN_CHARS + 6);
    if (user_find(g_db, &a, username, &u, &e) || token_create(g_db, NULL, "fuzz", u.id, "fuzz", true, made, &id, &e)) {
        fprintf(stderr, "fuzz: cannot make a token for %s: %s\n", username, e.msg);
        abort();
    }
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, (const unsigned char *)token, strlen(token));
    Stmt *s = db_prepare(g_db, "UPDATE api_token SET token_hash = ?2 WHERE id = ?1");
    db_bind_int(s, 1, id);
    db_bind_blob(s, 2, h, sizeof h);
    fuzz_check(db_step(s) == DB_DONE && db_changes(g_db) == 1);
    db_done(s);
    arena_free(&a);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    /* An XLSX export goes through a temporary file in $TMPDIR: keep it in /tmp. */
    setenv("TMPDIR", "/tmp", 1);
    g_db = fuzz_demo_db();
    for (size_t i = 0; i < sizeof TOKENS / sizeof TOKENS[0]; i++) {
        fixed_token(TOKENS[i].username, TOKENS[i].token);
    }
    web_init();
    return 0;
}

/* Reads every header, so a dangling pointer in one shows under ASan. */
static void touch_header(void *ctx, const char *name, const char *value)
{
    size_t *n = ctx;
    fuzz_check(name && value);
    *n += strlen(name) + strlen(value);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_cstr(data, size);
    Arena arena = {0};
    Req r = {.arena = &arena, .db = g_db, .status = 200, .request_id = "fuzz"};

    raw_http_handle(s, size, &r);

    fuzz_check(r.status >= 200 && r.status <= 599);
    size_t n = 0;
    web_each_header(&r, touch_header, &n);
    fuzz_check(!db_in_tx(g_db) && db_busy_statements(g_db) == 0);

    buf_free(&r.body);
    arena_free(&arena);
    free(s);
    return 0;
}
