/* arena.c: see arena.h.  Blocks grow geometrically from 8 KiB; a request
 * larger than half a block gets a block of its own. */
#include "arena.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

struct ArenaBlock {
    ArenaBlock *next;   /* older block */
    size_t cap;         /* usable bytes in data */
    size_t used;        /* bytes handed out from data */
    _Alignas(16) unsigned char data[];
};

enum { ARENA_MIN = 8192 };

void *arena_alloc(Arena *a, size_t n)
{
    n = (n + 15) & ~(size_t)15;
    ArenaBlock *b = a->head;
    if (!b || b->cap - b->used < n) {
        size_t cap = b ? b->cap * 2 : ARENA_MIN;
        if (cap > 1 << 20) {
            cap = 1 << 20;
        }
        if (cap < n) {
            cap = n;
        }
        b = xmalloc(sizeof *b + cap);
        b->cap = cap;
        b->used = 0;
        b->next = a->head;
        a->head = b;
    }
    void *p = b->data + b->used;
    b->used += n;
    a->total += n;
    memset(p, 0, n);
    return p;
}

char *arena_strndup(Arena *a, const char *s, size_t n)
{
    char *p = arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

char *arena_strdup(Arena *a, const char *s)
{
    return arena_strndup(a, s, strlen(s));
}

char *arena_printf(Arena *a, const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) {
        va_end(ap2);
        return arena_strdup(a, "");
    }
    char *p = arena_alloc(a, (size_t)n + 1);
    vsnprintf(p, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    return p;
}

void arena_reset(Arena *a)
{
    ArenaBlock *b = a->head;
    if (!b) {
        return;
    }
    while (b->next) {
        ArenaBlock *next = b->next;
        free(b);
        b = next;
    }
    b->used = 0;
    a->head = b;
    a->total = 0;
}

void arena_free(Arena *a)
{
    ArenaBlock *b = a->head;
    while (b) {
        ArenaBlock *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
    a->total = 0;
}

void *arena_push(Arena *a, void *data_ptr, size_t *len, size_t *cap, size_t elem)
{
    unsigned char **data = data_ptr;
    if (*len == *cap) {
        size_t ncap = *cap ? *cap * 2 : 16;
        unsigned char *n = arena_alloc(a, ncap * elem);
        if (*len) {
            memcpy(n, *data, *len * elem);
        }
        *data = n;
        *cap = ncap;
    }
    return *data + (*len)++ * elem;
}
