/* kb.h: knowledge bases (kunnskapsbaser) — the door of the kb domain.
 *
 * A knowledge article is a record of kind 'article': a title, a body in
 * Markdown, tags, an owner ministry, a marking (visibility, exemption) and
 * optionally an owning group.  A group's knowledge base is the articles it
 * owns (its members read them even when restricted, access.h); the
 * community-wide knowledge base is the articles no group owns.
 *
 * Every save is a version of the record core (fields title, body, tags),
 * so the history, restore (through the kind's restore) and the search
 * index come from the core.  A save names the version it was based on;
 * if someone else saved in between, it is refused with E_CONFLICT and
 * nothing is written — the caller shows the other's text beside the one
 * that was refused.
 *
 * [[Tittel]] in a body links to the article with that title (compared
 * folded: case, accents and punctuation do not matter), preferring the
 * same knowledge base; the links of each article's current text are kept
 * (article_link), so an article lists its backlinks, and a link to a
 * title that no readable article has offers to create it.
 *
 * Who writes: in a group's base, its members (group role member or
 * above); in the community-wide base, every signed-in employee.  The same
 * people change an article's marking and restore its versions.  Reading
 * follows the record's access.  Strings live in the caller's arena;
 * messages in Err are bokmål message ids for T().
 */
#ifndef SAMLA_KB_H
#define SAMLA_KB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/core/perm.h"
#include "app/core/record.h"
#include "base/arena.h"
#include "base/err.h"
#include "db/db.h"

enum { ARTICLE_MAX_BODY = 200000, ARTICLE_MAX_TAGS = 500 };

typedef struct Article {
    Record rec;                   /* title, owner, owning group, marking, version, … */
    const char *body;             /* Markdown; "" when masked */
    const char *tags;             /* "a, b"; "" when none or masked */
    const char *group_title;      /* the owning group's title; NULL: community-wide, or not readable */
} Article;

/* article_get: article id as v may see it; E_NOTFOUND otherwise. */
int article_get(Db *db, Arena *a, const Viewer *v, int64_t id, Article *out, Err *e);

typedef struct ArticleFilter {
    int64_t group;                /* the group's base; 0: the community-wide base; -1: every base */
    const char *tag;              /* NULL or "": any */
} ArticleFilter;

/* article_list: the articles of a base v may read, by title (Norwegian
 * order); bodies are not read (body ""). */
int article_list(Db *db, Arena *a, const Viewer *v, const ArticleFilter *f, Article **out, size_t *n, Err *e);

typedef struct KbBase {
    int64_t group;                /* 0: the community-wide base */
    const char *title;            /* the group's title; NULL for the community-wide base */
    int64_t articles;             /* articles in it that v may read */
    bool can_write;               /* v may add articles to it */
} KbBase;

/* kb_bases: the community-wide base first, then every group v may read
 * that owns an article v may read or that v may write in, by title. */
int kb_bases(Db *db, Arena *a, const Viewer *v, KbBase **out, size_t *n, Err *e);

/* kb_can_write: v may create and change articles in group's base (0: the
 * community-wide one). */
bool kb_can_write(const Viewer *v, int64_t group);

/* The text form of an article, shared by the form and the API.  NULL:
 * not given (unchanged, or the default when creating). */
enum { AF_TITLE, AF_BODY, AF_TAGS, AF_GROUP, AF_OWNER, AF_VISIBILITY, AF_EXEMPTION_BASIS, AF_PUBLIC_TITLE, AF_COUNT };
typedef struct ArticleText {
    const char *v[AF_COUNT];
} ArticleText;
extern const char *const g_article_field_names[AF_COUNT];
extern const char *const g_article_field_labels[AF_COUNT];   /* bokmål message ids */

/* article_save: create (id 0) or change article id as v, based on
 * expect_version (0: don't check; the API may leave it out).  The group
 * and the marking are set only when creating (later through «Hvem har
 * tilgang»).  E_FORBIDDEN without the right, E_INVALID with a message id,
 * E_CONFLICT when the article has changed since expect_version (nothing
 * written).  *out_id gets the id. */
int article_save(Db *db, Arena *a, const Viewer *v, const char *client, int64_t id, const ArticleText *in,
                 int64_t expect_version, const char *comment, int64_t *out_id, Err *e);

/* article_at: the title, body and tags of article id as they were at
 * version (1 … current), if v may read it (E_NOTFOUND otherwise, also for
 * a masked article or a version out of range). */
int article_at(Db *db, Arena *a, const Viewer *v, int64_t id, int version, ArticleText *out, Err *e);

/* Links by title. */
typedef struct ArticleRef {
    int64_t id;                   /* 0: no readable article has the title */
    const char *title;            /* the article's title, or the title as written */
} ArticleRef;

/* article_resolve: the readable article whose folded title is the folded
 * title, preferring group's base (0: the community-wide one); id 0 when
 * none. */
ArticleRef article_resolve(Db *db, Arena *a, const Viewer *v, const char *title, int64_t group);

/* article_backlinks: the readable articles whose current text links to
 * article id's title, by title. */
int article_backlinks(Db *db, Arena *a, const Viewer *v, int64_t id, ArticleRef **out, size_t *n, Err *e);

/* kb_title_key: title folded for comparison (words in small letters,
 * joined by single spaces), in a. */
const char *kb_title_key(Arena *a, const char *title);

/* Markdown.  kb_markdown_html: body as HTML (md4c: CommonMark with tables
 * and strikethrough; raw HTML is shown as text; only http, https and
 * mailto links and local paths are kept), with [[Tittel]] as links
 * (resolved for v in group's base; a missing one links to the form that
 * creates it, with class "missing-link"), in a.  kb_markdown_text: the
 * body as plain text for the search index, in a. */
const char *kb_markdown_html(Db *db, Arena *a, const Viewer *v, const char *body, int64_t group,
                             const char *missing_label);
const char *kb_markdown_text(Arena *a, const char *body);

/* kb_links_in: the distinct [[titles]] in body, in order, in a. */
size_t kb_links_in(Arena *a, const char *body, const char ***out);

/* A line diff (old → new), as a list of lines each kept, removed or
 * added.  Bodies too large to compare line by line come out as all
 * removed, then all added. */
typedef struct DiffLine {
    char op;                      /* ' ' kept, '-' removed, '+' added */
    const char *text;             /* the line without its end */
} DiffLine;
size_t kb_diff(Arena *a, const char *from, const char *to, DiffLine **out);

/* kb_demo_seed: the demo's knowledge articles (init --demo). */
int kb_demo_seed(Db *db, Err *e);

#endif
