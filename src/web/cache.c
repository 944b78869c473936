/* cache.c: answers for the public, kept per worker thread until anything
 * in the database changes.
 *
 * Only anonymous GET requests that answered 200 with no extra headers are
 * kept (signed-in pages carry names and form tokens, and must not be
 * shared).  An entry is valid while the database is unchanged: PRAGMA
 * data_version (commits by other connections, other processes too) and
 * this connection's own total_changes both equal what they were when the
 * entry was stored.  Each worker thread has its own table, so there is no
 * lock; a thread-key destructor frees it when the thread ends.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "web/web.h"

enum { CACHE_SLOTS = 512, CACHE_MAX_BODY = 512 * 1024, CACHE_MAX_BYTES = 16 * 1024 * 1024 };

typedef struct Entry {
    char *key;                /* "GET /measures?x=1" */
    int64_t dv, tc;           /* data_version and total_changes when stored */
    const char *ctype;        /* content type (a string constant) */
    char *body;
    size_t len;
} Entry;

typedef struct Cache {
    Entry slot[CACHE_SLOTS];
    size_t bytes;
} Cache;

static pthread_key_t g_key;
static pthread_once_t g_once = PTHREAD_ONCE_INIT;

static void cache_free(void *p)
{
    Cache *c = p;
    for (size_t i = 0; i < CACHE_SLOTS; i++) {
        free(c->slot[i].key);
        free(c->slot[i].body);
    }
    free(c);
}

static void make_key(void)
{
    pthread_key_create(&g_key, cache_free);
}

static Cache *this_cache(void)
{
    pthread_once(&g_once, make_key);
    Cache *c = pthread_getspecific(g_key);
    if (!c) {
        c = xcalloc(1, sizeof *c);
        pthread_setspecific(g_key, c);
    }
    return c;
}

static size_t slot_of(const char *key)
{
    uint64_t h = 1469598103934665603ULL;
    for (const char *p = key; *p; p++) {
        h = (h ^ (unsigned char)*p) * 1099511628211ULL;
    }
    return (size_t)(h % CACHE_SLOTS);
}

bool cache_get(Req *r, const char *key)
{
    Cache *c = this_cache();
    Entry *e = &c->slot[slot_of(key)];
    if (!e->key || strcmp(e->key, key) != 0) {
        return false;
    }
    if (e->dv != db_data_version(r->db) || e->tc != db_total_changes(r->db)) {
        return false;
    }
    buf_reset(&r->body);
    buf_append(&r->body, e->body, e->len);
    r->content_type = e->ctype;
    r->status = 200;
    r->raw = true;
    return true;
}

void cache_put(const Req *r, const char *key)
{
    if (r->status != 200 || r->nheaders || r->personal || r->body.len > CACHE_MAX_BODY || !r->viewer || r->viewer->user_id) {
        return;
    }
    Cache *c = this_cache();
    Entry *e = &c->slot[slot_of(key)];
    c->bytes -= e->len;
    free(e->key);
    free(e->body);
    if (c->bytes + r->body.len > CACHE_MAX_BYTES) {
        /* Full: start over rather than track ages; pages are cheap to redo. */
        for (size_t i = 0; i < CACHE_SLOTS; i++) {
            if (&c->slot[i] != e) {
                free(c->slot[i].key);
                free(c->slot[i].body);
                c->slot[i] = (Entry){0};
            }
        }
        c->bytes = 0;
    }
    *e = (Entry){.key = xstrdup(key), .dv = db_data_version(r->db), .tc = db_total_changes(r->db),
                 .ctype = r->content_type, .body = xmalloc(r->body.len), .len = r->body.len};
    memcpy(e->body, r->body.data, r->body.len);
    c->bytes += e->len;
}
