/* arena.h: a memory pool that is freed all at once.
 *
 * Each request owns one Arena; everything a handler allocates for the
 * request comes from it and is released by arena_free when the response
 * has been queued, so handlers never call free().  Allocation never fails
 * (it aborts on out-of-memory like xmalloc).  Memory is 16-byte aligned.
 */
#ifndef SAMLA_ARENA_H
#define SAMLA_ARENA_H

#include <stddef.h>

typedef struct ArenaBlock ArenaBlock;

typedef struct Arena {
    ArenaBlock *head;   /* current block, newest first; NULL when empty */
    size_t total;       /* bytes handed out, for metrics and tests */
} Arena;

/* arena_alloc: n bytes, zeroed, alive until arena_free/arena_reset. */
void *arena_alloc(Arena *a, size_t n);

/* arena_strdup / arena_strndup: copies of s that live in the arena. */
char *arena_strdup(Arena *a, const char *s);
char *arena_strndup(Arena *a, const char *s, size_t n);

/* arena_printf: a formatted string in the arena (plain printf, no escaping). */
char *arena_printf(Arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* arena_push: append one zeroed element of size elem to the arena array
 * *data of *len elements (capacity *cap, all three zero to start), growing
 * it by doubling; returns the new element.  Old copies stay in the arena. */
void *arena_push(Arena *a, void *data_ptr, size_t *len, size_t *cap, size_t elem);

/* arena_reset: release all but the first block for reuse. */
void arena_reset(Arena *a);

/* arena_free: release everything; the arena is then empty and reusable.
 * Accepts a zeroed arena. */
void arena_free(Arena *a);

#endif
