/* rand.h: random tokens from the operating system's generator (libsodium's
 * randombytes, which reads getrandom(2)).  Never seeded, never predictable;
 * safe to call from any thread once sodium_init has run (auth_init). */
#ifndef SAMLA_RAND_H
#define SAMLA_RAND_H

#include <stddef.h>

/* rand_token: 32 random bytes as base64url without padding (43 characters
 * and a NUL) into out, which holds n >= 44 bytes. */
void rand_token(char *out, size_t n);

#endif
