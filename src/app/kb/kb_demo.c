/* kb_demo.c: the demo's knowledge articles (init --demo), written through
 * article_save as the demo users, so they have versions, links and index
 * entries like any other: two in the community-wide base that link to
 * each other (one saved twice), one of KUBU's open to employees, one of
 * KUBU's restricted to the group's members (and BFD, its owner), and one
 * in the restricted budget group's base. */
#include "app/kb/kb.h"

#include <string.h>

#include "base/util.h"

typedef struct DemoArticle {
    const char *user;             /* who writes it */
    const char *group;            /* title prefix of the owning group; NULL: community-wide */
    const char *visibility;
    const char *title, *tags, *body;
} DemoArticle;

static const DemoArticle g_demo[] = {
    {"sekretariat", NULL, "public", "Samordningsstigen i praksis", "samordning, samordningsstigen",
     "Samordningsstigen har fire trinn. Gjenstridige problemer krever trinn 4, og trinn 2 er forutsetningen for å "
     "lykkes.\n\n"
     "| Trinn | Hva gruppen gjør |\n|---|---|\n| 1 | Deler informasjon |\n| 2 | Utvikler felles problemforståelse |\n"
     "| 3 | Unngår å svekke hverandres måloppnåelse |\n| 4 | Utvikler felles plan og tiltak |\n\n"
     "## Slik plasserer gruppen seg\n\nBegrunn hvert trinn med et dokument: et referat, et vedtak eller en "
     "artikkel. Se også [[Barnehager og tidlig innsats]] og [[Tidlig involvering av andre departementer]]."},
    {"sb.kd", NULL, "internal", "Barnehager og tidlig innsats", "barnehage, oppvekst",
     "Barnehagene er den første arenaen der mange utfordringer kan fanges opp.\n\n"
     "- Kvaliteten i barnehagen avgjør mye.\n- Samarbeid mellom barnehage, helsestasjon og barnevern.\n\n"
     "Arbeidet følger [[Samordningsstigen i praksis]]."},
    {"sb.bfd", "Kjernegruppe for utsatte barn og unge", "internal", "Kunnskapsgrunnlag om utsatte barn og unge",
     "utsatte barn, kunnskapsgrunnlag",
     "Kunnskapsgrunnlaget samler forskning og statistikk om barn og unge i utsatte livssituasjoner.\n\n"
     "## Kilder\n\n1. Levekårsundersøkelser\n2. Registerdata fra barnevernet\n3. Evalueringer av tidligere tiltak\n\n"
     "Se [[Barnehager og tidlig innsats]]."},
    {"sb.bfd", "Kjernegruppe for utsatte barn og unge", "restricted", "Utkast: felles tiltak mot barnefattigdom",
     "barnefattigdom, utkast",
     "Et utkast til felles tiltak for lavinntektsfamiliene, som gruppen ikke har tatt stilling til.\n\n"
     "Bygger på [[Kunnskapsgrunnlag om utsatte barn og unge]]."},
    {"sb.dfd", "Arbeidsgruppe for felles budsjettposter", "restricted", "Modeller for felles budsjettposter",
     "budsjett", "Tre modeller for budsjettposter som flere departementer finansierer sammen."},
};

static int write_one(Db *db, Arena *a, const DemoArticle *d, int64_t *id, Err *e)
{
    Stmt *s = db_prepare(db, "SELECT id FROM account WHERE username = ?1");
    db_bind_text(s, 1, d->user);
    int64_t uid = db_step(s) == DB_ROW ? db_col_int(s, 0) : 0;
    db_done(s);
    int64_t group = 0;
    if (d->group) {
        s = db_prepare(db, "SELECT min(id) FROM record WHERE kind = 'group' AND substr(title, 1, length(?1)) = ?1");
        db_bind_text(s, 1, d->group);
        group = db_step(s) == DB_ROW ? db_col_int(s, 0) : 0;
        db_done(s);
    }
    Viewer v;
    if (!uid || (d->group && !group) || perm_viewer(db, a, uid, &v, e)) {
        return err_set(e, E_NOTFOUND, "demo article %s: no user %s or group", d->title, d->user);
    }
    ArticleText t = {.v = {[AF_TITLE] = d->title, [AF_BODY] = d->body, [AF_TAGS] = d->tags,
                           [AF_GROUP] = group ? arena_printf(a, "%lld", (long long)group) : NULL,
                           [AF_VISIBILITY] = d->visibility}};
    int rc = article_save(db, a, &v, "demo", 0, &t, 0, NULL, id, e);
    if (!rc && str_eq(d->user, "sb.kd")) {
        /* A second version, so the history has something to compare. */
        ArticleText t2 = {.v = {[AF_BODY] = arena_printf(a, "%s\n\nFlere kommuner har gode erfaringer med felles "
                                                             "team rundt barnehagen.", d->body)}};
        rc = article_save(db, a, &v, "demo", *id, &t2, 0, "La til erfaringer fra kommunene.", id, e);
    }
    return rc;
}

int kb_demo_seed(Db *db, Err *e)
{
    Arena a = {0};
    int rc = 0;
    for (size_t i = 0; !rc && i < COUNT(g_demo); i++) {
        int64_t id;
        rc = write_one(db, &a, &g_demo[i], &id, e);
    }
    arena_free(&a);
    return rc;
}
