/* test_arena.c: unit tests for src/base/arena.c, the per-request pool.
 *
 * Invariants checked: allocations are zeroed and 16-byte aligned; memory
 * handed out stays valid and untouched while the arena grows (new blocks,
 * oversized requests); arena_push keeps earlier elements when it doubles;
 * the string helpers copy exactly; arena_reset keeps the first block for
 * reuse and arena_free releases everything (the ASan build's leak checker
 * verifies nothing is left behind).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "base/arena.h"

static void zeroed_arena_free_is_safe(void **state)
{
    (void)state;
    Arena a = {0};
    arena_free(&a);
    arena_reset(&a);
    assert_null(a.head);
    assert_int_equal(a.total, 0);
}

static void alloc_is_zeroed_aligned_and_counted(void **state)
{
    (void)state;
    Arena a = {0};
    size_t want_total = 0;
    for (size_t n = 1; n < 200; n++) {
        unsigned char *p = arena_alloc(&a, n);
        assert_non_null(p);
        assert_int_equal((uintptr_t)p % 16, 0);
        for (size_t i = 0; i < n; i++) {
            assert_int_equal(p[i], 0);
        }
        memset(p, 0xAB, n);   /* dirty it: the next allocation must still be zeroed */
        want_total += (n + 15) / 16 * 16;
    }
    assert_int_equal(a.total, want_total);
    arena_free(&a);
    assert_null(a.head);
    assert_int_equal(a.total, 0);
}

/* Fill far more than one block and check no allocation overwrote another. */
static void many_blocks_keep_earlier_memory(void **state)
{
    (void)state;
    Arena a = {0};
    enum { N = 5000 };
    unsigned char *ptrs[N];
    for (int i = 0; i < N; i++) {
        size_t n = 1 + (size_t)(i * 7 % 300);
        ptrs[i] = arena_alloc(&a, n);
        memset(ptrs[i], i & 0xFF, n);
    }
    for (int i = 0; i < N; i++) {
        size_t n = 1 + (size_t)(i * 7 % 300);
        for (size_t k = 0; k < n; k++) {
            assert_int_equal(ptrs[i][k], i & 0xFF);
        }
    }
    arena_free(&a);
}

static void oversized_allocations(void **state)
{
    (void)state;
    Arena a = {0};
    char *small = arena_strdup(&a, "før");
    size_t sizes[] = {8192, 8193, 100000, 3u << 20};   /* one larger than the 1 MiB block cap */
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        unsigned char *p = arena_alloc(&a, sizes[i]);
        assert_int_equal((uintptr_t)p % 16, 0);
        assert_int_equal(p[0], 0);
        assert_int_equal(p[sizes[i] - 1], 0);
        memset(p, 0x5A, sizes[i]);
    }
    char *after = arena_strdup(&a, "etter");
    assert_string_equal(small, "før");
    assert_string_equal(after, "etter");
    arena_free(&a);
}

typedef struct Pair {
    int key;
    const char *name;
    double weight;
} Pair;

static void push_grows_and_keeps_elements(void **state)
{
    (void)state;
    Arena a = {0};
    int *v = NULL;
    size_t len = 0, cap = 0;
    for (int i = 0; i < 1000; i++) {
        int *slot = arena_push(&a, &v, &len, &cap, sizeof *v);
        assert_int_equal(*slot, 0);   /* new element is zeroed */
        *slot = i * 3;
        assert_int_equal(len, (size_t)i + 1);
        assert_true(cap >= len);
        assert_ptr_equal(slot, &v[i]);
    }
    assert_int_equal(len, 1000);
    assert_int_equal(cap, 1024);   /* 16 doubling: 16, 32, … 1024 */
    for (int i = 0; i < 1000; i++) {
        assert_int_equal(v[i], i * 3);
    }
    arena_free(&a);
}

static void push_structs(void **state)
{
    (void)state;
    Arena a = {0};
    Pair *v = NULL;
    size_t len = 0, cap = 0;
    for (int i = 0; i < 100; i++) {
        Pair *p = arena_push(&a, &v, &len, &cap, sizeof *v);
        assert_int_equal(p->key, 0);
        assert_null(p->name);
        p->key = i;
        p->name = arena_printf(&a, "navn %d", i);
        p->weight = i / 2.0;
    }
    assert_int_equal(len, 100);
    assert_int_equal(v[0].key, 0);
    assert_string_equal(v[0].name, "navn 0");
    assert_int_equal(v[99].key, 99);
    assert_string_equal(v[99].name, "navn 99");
    assert_true(v[57].weight == 28.5);
    arena_free(&a);
}

static void strdup_and_strndup(void **state)
{
    (void)state;
    Arena a = {0};
    const char *src = "Kunnskapsdepartementet";
    char *d = arena_strdup(&a, src);
    assert_string_equal(d, src);
    assert_ptr_not_equal(d, src);
    assert_string_equal(arena_strndup(&a, src, 9), "Kunnskaps");
    assert_string_equal(arena_strndup(&a, src, 0), "");
    assert_string_equal(arena_strndup(&a, src, strlen(src)), src);
    assert_string_equal(arena_strdup(&a, ""), "");
    /* UTF-8 is copied byte for byte. */
    assert_string_equal(arena_strndup(&a, "æøå😀x", 10), "æøå😀");
    /* The copy is independent of the source. */
    char buf[] = "endre";
    char *c = arena_strndup(&a, buf, 5);
    buf[0] = 'X';
    assert_string_equal(c, "endre");
    arena_free(&a);
}

static void printf_in_arena(void **state)
{
    (void)state;
    Arena a = {0};
    assert_string_equal(arena_printf(&a, "%s %d–%d", "Periode", 2021, 2025), "Periode 2021–2025");
    assert_string_equal(arena_printf(&a, "%s", ""), "");
    assert_string_equal(arena_printf(&a, "%lld|%zu|%%", -9000000000LL, (size_t)42), "-9000000000|42|%");
    /* Larger than a whole first block. */
    char *big = arena_printf(&a, "[%020000d]", 7);
    assert_int_equal(strlen(big), 20002);
    assert_int_equal(big[0], '[');
    assert_int_equal(big[1], '0');
    assert_int_equal(big[20000], '7');
    assert_int_equal(big[20001], ']');
    arena_free(&a);
}

static void reset_reuses_first_block(void **state)
{
    (void)state;
    Arena a = {0};
    unsigned char *first = arena_alloc(&a, 16);
    memset(first, 0xFF, 16);
    for (int i = 0; i < 2000; i++) {
        arena_alloc(&a, 100);   /* forces several more blocks */
    }
    assert_true(a.total > 100000);
    arena_reset(&a);
    assert_non_null(a.head);
    assert_int_equal(a.total, 0);
    unsigned char *again = arena_alloc(&a, 16);
    assert_ptr_equal(again, first);   /* the first block is kept and reused from the start */
    for (int i = 0; i < 16; i++) {
        assert_int_equal(again[i], 0);   /* and handed out zeroed */
    }
    assert_int_equal(a.total, 16);
    /* The arena keeps working after a reset, across new blocks. */
    char *s = NULL;
    for (int i = 0; i < 3000; i++) {
        s = arena_printf(&a, "rad %d", i);
    }
    assert_string_equal(s, "rad 2999");
    arena_reset(&a);
    arena_reset(&a);   /* twice in a row is fine */
    assert_int_equal(a.total, 0);
    arena_free(&a);
    assert_null(a.head);
}

static void free_then_reuse(void **state)
{
    (void)state;
    Arena a = {0};
    arena_strdup(&a, "en");
    arena_free(&a);
    assert_null(a.head);
    char *s = arena_strdup(&a, "to");
    assert_string_equal(s, "to");
    assert_int_equal(a.total, 16);
    arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(zeroed_arena_free_is_safe),
        cmocka_unit_test(alloc_is_zeroed_aligned_and_counted),
        cmocka_unit_test(many_blocks_keep_earlier_memory),
        cmocka_unit_test(oversized_allocations),
        cmocka_unit_test(push_grows_and_keeps_elements),
        cmocka_unit_test(push_structs),
        cmocka_unit_test(strdup_and_strndup),
        cmocka_unit_test(printf_in_arena),
        cmocka_unit_test(reset_reuses_first_block),
        cmocka_unit_test(free_then_reuse),
    };
    return cmocka_run_group_tests_name("arena", tests, NULL, NULL);
}
