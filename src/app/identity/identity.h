/* identity.h: users, passwords, sessions, API tokens and sign-in throttling
 * (model).
 *
 * Passwords: argon2id via libsodium's crypto_pwhash_str (2 passes, 19 MiB,
 * the OWASP minimum for argon2id; stored as the self-describing string, so
 * the cost can rise later without breaking old hashes).  Session cookies
 * and API tokens are 32 random bytes in base64url; only their SHA-256 is
 * stored.  Sessions end after 8 hours idle or 7 days in all.
 *
 * Sign-in failures are counted per account and per client address; from
 * the fifth failure within 15 minutes each further attempt must wait
 * base × 2^(failures − 5), at most 15 minutes, so an account is slowed,
 * never locked for good.  base is 1 s (SAMLA_THROTTLE_BASE_MS overrides it
 * for tests).
 *
 * All user-facing messages are bokmål.  Every change is audited in the
 * same transaction.
 */
#ifndef SAMLA_IDENTITY_H
#define SAMLA_IDENTITY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/core/perm.h"
#include "base/arena.h"
#include "base/err.h"
#include "app/core/req.h"
#include "db/db.h"

enum {
    AUTH_TOKEN_CHARS = 43,            /* base64url of 32 bytes, no padding */
    AUTH_IDLE_SECONDS = 8 * 3600,
    AUTH_MAX_AGE_SECONDS = 7 * 24 * 3600,
    AUTH_PASSWORD_MIN = 10,           /* characters */
    AUTH_PASSWORD_MAX = 200,
};

typedef struct User {
    int64_t id;
    const char *username, *full_name, *email;
    const char *ministry_code;        /* NULL when none */
    const char *ministry_name;        /* bokmål */
    const char *ministry_name_nn;     /* nynorsk */
    const char *ministry_name_en;     /* English */
    bool active;
    bool has_password;
    const char *created_at, *updated_at;
} User;

typedef struct Grant {
    int64_t id;
    const char *role;
    const char *ministry_code;        /* scope; NULL: none */
} Grant;

typedef struct UserInput {
    const char *username;             /* only on create */
    const char *full_name;
    const char *email;                /* "" or NULL: none */
    const char *ministry_code;        /* "" or NULL: none */
    bool active;
} UserInput;

typedef struct Token {
    int64_t id;
    const char *name;
    const char *username;
    bool read_only;
    int64_t created_at, last_used, revoked_at;   /* unix times; 0: never */
} Token;

/* auth_init: initialise libsodium; call once at start.  Returns false
 * when it cannot. */
bool auth_init(void);

/* auth_password_hash: argon2id string for password into out (>= 128 bytes). */
int auth_password_hash(const char *password, char *out, size_t n, Err *e);

/* auth_password_check: the rules a new password must meet. */
int auth_password_check(const char *password, Err *e);

/* Users.  user_create and user_update validate every field (E_INVALID
 * with a bokmål message), need CAP_USER_ADMIN in actor (NULL: the CLI),
 * and write an audit row. */
int user_create(Db *db, const Viewer *actor, const char *client, const UserInput *in, const char *password,
                int64_t *id, Err *e);
int user_update(Db *db, const Viewer *actor, const char *client, int64_t id, const UserInput *in, Err *e);
int user_set_password(Db *db, const Viewer *actor, const char *client, int64_t id, const char *password, Err *e);
int user_get(Db *db, Arena *a, int64_t id, User *out, Err *e);
int user_find(Db *db, Arena *a, const char *username, User *out, Err *e);
int user_list(Db *db, Arena *a, User **out, size_t *n, Err *e);
int user_grants(Db *db, Arena *a, int64_t id, Grant **out, size_t *n, Err *e);
int user_grant_role(Db *db, const Viewer *actor, const char *client, int64_t id, const char *role,
                    const char *ministry_code, Err *e);
int user_revoke_role(Db *db, const Viewer *actor, const char *client, int64_t id, int64_t grant_id, Err *e);

/* user_language: the language (Lang, app/core/i18n.h) user id chose, or
 * -1 when none.  user_set_language: save it (a personal setting: not
 * audited); lang outside the three is E_INVALID. */
int user_language(Db *db, int64_t id);
int user_set_language(Db *db, int64_t id, int lang, Err *e);

/* auth_viewer: load user id's Viewer (roles expanded) into out, strings in
 * a.  E_NOTFOUND for an unknown or disabled user. */
int auth_viewer(Db *db, Arena *a, int64_t id, Viewer *out, Err *e);

/* auth_login: check username and password from client.  On success a new
 * session: *token_out (AUTH_TOKEN_CHARS + 1 bytes) is the cookie value.
 * E_FORBIDDEN with one generic message on any failure; E_CONFLICT with
 * *wait_ms set when throttled.  Both outcomes are audited. */
int auth_login(Db *db, const char *username, const char *password, const char *client, char *token_out,
               int64_t *wait_ms, Err *e);

/* auth_session: the Viewer for a session cookie value, with the session's
 * CSRF token; E_NOTFOUND when unknown, expired or the user is disabled.
 * Refreshes last_seen (at most once a minute). */
int auth_session(Db *db, Arena *a, const char *token, Viewer *out, Err *e);

/* auth_logout: end the session of v (audited). */
int auth_logout(Db *db, const Viewer *v, const char *client, Err *e);

/* API tokens.  token_create prints nothing; *token_out (AUTH_TOKEN_CHARS
 * + 7 bytes: "samla_" + 43) is shown to the user once. */
int token_create(Db *db, const Viewer *actor, const char *client, int64_t user_id, const char *name,
                 bool read_only, char *token_out, int64_t *id, Err *e);
int token_list(Db *db, Arena *a, int64_t user_id, Token **out, size_t *n, Err *e);
int token_revoke(Db *db, const Viewer *actor, const char *client, int64_t token_id, Err *e);
int auth_token(Db *db, Arena *a, const char *token, Viewer *out, Err *e);


/* view_token_table (auth_page.c): API tokens with revoke buttons posting
 * to action_prefix/{id}/revoke. */
void view_token_table(Req *r, const Token *t, size_t n, const char *action_prefix);

#endif
