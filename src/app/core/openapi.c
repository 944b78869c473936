/* openapi.c: see openapi.h. */
#include "app/core/openapi.h"

#include <pthread.h>
#include <string.h>

#include "base/embed.h"
#include "base/util.h"

static json_t *g_doc;
static pthread_once_t g_once = PTHREAD_ONCE_INIT;

static json_t *load(const EmbedFile *f)
{
    return json_loadb((const char *)f->data, embed_len(f), 0, NULL);
}

static void build(void)
{
    const EmbedFile *base = embed_find("openapi.json");
    json_t *doc = base ? load(base) : NULL;
    if (!doc) {
        return;
    }
    json_t *paths = json_object_get(doc, "paths");
    json_t *schemas = json_object_get(json_object_get(doc, "components"), "schemas");
    for (size_t i = 0; i < g_embed_count; i++) {
        if (!str_has_prefix(g_embed[i].name, "openapi/")) {
            continue;
        }
        json_t *frag = load(&g_embed[i]);
        const char *path;
        json_t *item;
        /* Merge per path, so one area can add POST where another has GET. */
        json_object_foreach(json_object_get(frag, "paths"), path, item) {
            json_t *have = json_object_get(paths, path);
            if (have) {
                json_object_update(have, item);
            } else {
                json_object_set(paths, path, item);
            }
        }
        json_object_update(schemas, json_object_get(json_object_get(frag, "components"), "schemas"));
        json_decref(frag);
    }
    g_doc = doc;
}

json_t *openapi_document(void)
{
    pthread_once(&g_once, build);
    return g_doc ? json_incref(g_doc) : NULL;
}
