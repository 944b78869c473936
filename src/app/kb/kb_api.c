/* kb_api.c: the JSON API of the knowledge bases — the bases, articles
 * (list, read, write with optimistic locking) and the line diff between
 * two versions.  An article the caller may not read is 404; a stale
 * version is 409 with the article as it is now.  Messages are English. */
#include "app/kb/kb_handlers.h"

#include <stdint.h>
#include <string.h>

#include "app/core/api.h"
#include "app/core/textform.h"
#include "app/kb/kb.h"
#include "base/util.h"

static json_t *article_json(Req *r, const Article *art, bool full)
{
    json_t *o = json_pack("{s:I,s:s,s:s,s:s,s:b,s:i,s:o,s:o}", "id", (json_int_t)art->rec.id, "title", art->rec.title,
                          "url", record_url(r->arena, art->rec.kind, art->rec.id), "visibility", art->rec.visibility,
                          "masked", art->rec.masked, "version", art->rec.version, "group",
                          art->rec.owner_group_id ? json_integer(art->rec.owner_group_id) : json_null(), "updated_at",
                          api_str(art->rec.updated_at ? art->rec.updated_at : art->rec.created_at));
    if (art->rec.masked) {
        return o;
    }
    json_t *tags = json_array();
    const char **t;
    size_t n = text_split(r->arena, art->tags, ',', &t);
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(tags, json_string(t[i]));
    }
    json_object_set_new(o, "tags", tags);
    json_object_set_new(o, "owner", api_str(art->rec.owner_code));
    json_object_set_new(o, "group_title", api_str(art->group_title));
    if (full) {
        json_object_set_new(o, "body", json_string(art->body));
        json_object_set_new(o, "can_edit", json_boolean(kb_can_write(r->viewer, art->rec.owner_group_id)));
    }
    return o;
}

static bool load_id(Req *r, int64_t *id)
{
    long long x;
    if (!parse_int(r->args[0], 1, INT64_MAX, &x)) {
        api_error(r, 404, "not_found", "no such article");
        return false;
    }
    *id = x;
    return true;
}

int kb_list_api(Req *r)
{
    KbBase *b;
    size_t n;
    if (kb_bases(r->db, r->arena, r->viewer, &b, &n, NULL)) {
        return api_error(r, 500, "internal", "listing knowledge bases failed");
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(arr, json_pack("{s:o,s:o,s:I,s:b}", "group", b[i].group ? json_integer(b[i].group)
                                                                                        : json_null(),
                                             "title", api_str(b[i].title), "articles", (json_int_t)b[i].articles,
                                             "can_write", b[i].can_write));
    }
    return api_json(r, 200, json_pack("{s:o}", "bases", arr));
}

int article_list_api(Req *r)
{
    const char *g = params_get(&r->query, "group");
    long long group = 0;
    if (g && *g && !str_eq(g, "all") && !parse_int(g, 1, INT64_MAX, &group)) {
        return api_error(r, 400, "invalid", "group must be a group id or all");
    }
    ArticleFilter f = {.group = g && str_eq(g, "all") ? -1 : group, .tag = params_get(&r->query, "tag")};
    Article *list;
    size_t n;
    if (article_list(r->db, r->arena, r->viewer, &f, &list, &n, NULL)) {
        return api_error(r, 500, "internal", "listing articles failed");
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(arr, article_json(r, &list[i], false));
    }
    return api_json(r, 200, json_pack("{s:o}", "articles", arr));
}

/* The text form from a JSON body: strings (tags also a list of strings);
 * false after a 400. */
static bool body_text(Req *r, json_t *o, ArticleText *t)
{
    memset(t, 0, sizeof *t);
    bool bad = false;
    for (int k = 0; k < AF_COUNT && !bad; k++) {
        json_t *m = json_object_get(o, g_article_field_names[k]);
        if (k == AF_TAGS && json_is_array(m)) {
            Buf b = {0};
            size_t i;
            json_t *x;
            json_array_foreach(m, i, x) {
                if (!json_is_string(x)) {
                    bad = true;
                }
                buf_printf(&b, "%s%s", i ? ", " : "", json_string_value(x) ? json_string_value(x) : "");
            }
            t->v[k] = arena_strdup(r->arena, buf_str(&b));
            buf_free(&b);
            if (bad) {
                api_error(r, 400, "invalid", "tags must be strings");
            }
        } else if (k == AF_GROUP && json_is_integer(m)) {
            t->v[k] = arena_printf(r->arena, "%lld", (long long)json_integer_value(m));
        } else {
            t->v[k] = api_member_str(r, o, g_article_field_names[k], &bad);
        }
    }
    return !bad;
}

int article_create_api(Req *r)
{
    json_t *o = api_body_object(r);
    ArticleText t;
    if (!o) {
        return r->status;
    }
    bool ok = body_text(r, o, &t);
    json_decref(o);
    if (!ok) {
        return r->status;
    }
    Err e = {0};
    int64_t id;
    Article art;
    if (article_save(r->db, r->arena, r->viewer, r->client, 0, &t, 0, NULL, &id, &e) ||
        article_get(r->db, r->arena, r->viewer, id, &art, &e)) {
        return api_model_error(r, &e);
    }
    return api_json(r, 201, article_json(r, &art, true));
}

int article_show_api(Req *r)
{
    int64_t id;
    Article art;
    Err e = {0};
    if (!load_id(r, &id)) {
        return r->status;
    }
    if (article_get(r->db, r->arena, r->viewer, id, &art, &e)) {
        return api_model_error(r, &e);
    }
    return api_json(r, 200, article_json(r, &art, true));
}

int article_update_api(Req *r)
{
    int64_t id;
    if (!load_id(r, &id)) {
        return r->status;
    }
    json_t *o = api_body_object(r);
    if (!o) {
        return r->status;
    }
    ArticleText t;
    bool ok = body_text(r, o, &t);
    json_t *ver = json_object_get(o, "version");
    long long version = json_is_integer(ver) ? json_integer_value(ver) : 0;
    bool bad_version = ver && !json_is_integer(ver);
    json_t *cm = json_object_get(o, "comment");
    const char *comment = json_is_string(cm) ? arena_strdup(r->arena, json_string_value(cm)) : NULL;
    json_decref(o);
    if (!ok) {
        return r->status;
    }
    if (bad_version) {
        return api_error(r, 400, "invalid", "version must be a whole number");
    }
    t.v[AF_GROUP] = t.v[AF_OWNER] = t.v[AF_VISIBILITY] = t.v[AF_EXEMPTION_BASIS] = t.v[AF_PUBLIC_TITLE] = NULL;
    Err e = {0};
    int64_t out;
    Article art;
    if (article_save(r->db, r->arena, r->viewer, r->client, id, &t, version, comment, &out, &e)) {
        if (e.code == E_CONFLICT && article_get(r->db, r->arena, r->viewer, id, &art, NULL) == 0) {
            return api_json(r, 409, json_pack("{s:{s:s,s:s},s:o}", "error", "code", "conflict", "message",
                                              "the article was changed by someone else; nothing was saved", "current",
                                              article_json(r, &art, true)));
        }
        return api_model_error(r, &e);
    }
    if (article_get(r->db, r->arena, r->viewer, id, &art, &e)) {
        return api_model_error(r, &e);
    }
    return api_json(r, 200, article_json(r, &art, true));
}

int article_diff_api(Req *r)
{
    int64_t id;
    if (!load_id(r, &id)) {
        return r->status;
    }
    Article art;
    Err e = {0};
    if (article_get(r->db, r->arena, r->viewer, id, &art, &e)) {   /* a hidden article first: like a missing one */
        return api_model_error(r, &e);
    }
    long long from = 0, to = 0;
    const char *fs = params_get(&r->query, "from"), *ts = params_get(&r->query, "to");
    if (!fs || !ts || !parse_int(fs, 1, INT32_MAX, &from) || !parse_int(ts, 1, INT32_MAX, &to)) {
        return api_error(r, 400, "invalid", "from and to must be version numbers");
    }
    ArticleText x, y;
    if (article_at(r->db, r->arena, r->viewer, id, (int)from, &x, &e) ||
        article_at(r->db, r->arena, r->viewer, id, (int)to, &y, &e)) {
        return api_model_error(r, &e);
    }
    json_t *fields = json_object();
    for (int f = AF_TITLE; f <= AF_TAGS; f++) {
        DiffLine *d;
        size_t n = kb_diff(r->arena, x.v[f], y.v[f], &d);
        json_t *lines = json_array();
        for (size_t i = 0; i < n; i++) {
            char op[2] = {d[i].op, 0};
            json_array_append_new(lines, json_pack("{s:s,s:s}", "op", op, "text", d[i].text));
        }
        json_object_set_new(fields, g_article_field_names[f], lines);
    }
    return api_json(r, 200, json_pack("{s:I,s:I,s:I,s:o}", "id", (json_int_t)id, "from", (json_int_t)from, "to",
                                      (json_int_t)to, "fields", fields));
}
