/* measure_demo.c: the demo's story of the measure overview (`init
 * --demo`), told as of the day the demo is made (date_today) through the
 * same models the secretariat uses, so its editions, versions, links and
 * audit rows are real ones.  See measure_demo_story in measure.h.
 *
 * Texts here are demo data (Norwegian, like the strategies' own), not
 * interface text.
 */
#include <stdio.h>
#include <string.h>

#include "app/measure/carry.h"
#include "app/measure/edition.h"
#include "app/measure/measure.h"
#include "app/measure/measure_edit.h"
#include "app/strategy/strategy.h"
#include "base/util.h"
#include "db/migrate.h"

typedef struct Story {
    Db *db;
    Arena *a;
    Viewer sec;                   /* the demo secretariat, Sigrid Strand */
    const char *today;
    Err *e;
} Story;

/* The date from shifted by an SQLite date modifier ('-15 months'). */
static const char *shift(Story *s, const char *from, const char *modifier)
{
    Stmt *st = db_prepare(s->db, "SELECT date(?1, ?2)");
    db_bind_text(st, 1, from);
    db_bind_text(st, 2, modifier);
    const char *out = db_step(st) == DB_ROW ? db_col_dup(st, 0, s->a) : NULL;
    db_done(st);
    return out ? out : from;
}

static const char *day(Story *s, const char *modifier)
{
    return shift(s, s->today, modifier);
}

/* "2026-01-15" as "15. januar 2026"; month_year: "januar 2026". */
static const char *long_date(Arena *a, const char *iso)
{
    static const char *const months[] = {"januar", "februar", "mars",      "april",   "mai",      "juni",
                                         "juli",   "august",  "september", "oktober", "november", "desember"};
    int y = 0, m = 1, d = 1;
    if (sscanf(iso, "%d-%d-%d", &y, &m, &d) != 3 || m < 1 || m > 12) {
        return iso;
    }
    return arena_printf(a, "%d. %s %d", d, months[m - 1], y);
}

static const char *month_year(Arena *a, const char *iso)
{
    const char *s = long_date(a, iso);
    const char *sp = strchr(s, ' ');
    return sp ? sp + 1 : s;
}

/* An edition of strategy_id published on the day `published` (10:00 UTC)
 * and approved in the Strategic forum on the day `approved`, before it. */
static int publish(Story *s, int64_t strategy_id, const char *title, const char *published, const char *approved)
{
    int64_t id;
    return edition_publish_at(s->db, s->a, &s->sec, "demo", strategy_id, title,
                              arena_printf(s->a, "Godkjent i Strategisk forum %s.", long_date(s->a, approved)),
                              arena_printf(s->a, "%sT10:00:00.000Z", published), &id, s->e);
}

static int64_t measure_id(Story *s, int64_t strategy_id, const char *number)
{
    Stmt *st = db_prepare(s->db, "SELECT id FROM measure WHERE strategy_id = ?1 AND number = ?2");
    db_bind_int(st, 1, strategy_id);
    db_bind_text(st, 2, number);
    int64_t id = db_step(st) == DB_ROW ? db_col_int(st, 0) : 0;
    db_done(st);
    return id;
}

/* Change measure number of strategy_id (status, and progress when not
 * NULL) as the secretariat, with a comment. */
static int change(Story *s, int64_t strategy_id, const char *number, const char *status, const char *progress,
                  const char *comment)
{
    MeasureText t = {0};
    t.v[MF_STATUS] = status;
    t.v[MF_PROGRESS] = progress;
    FieldError *errs;
    size_t nerr;
    int64_t out;
    int64_t id = measure_id(s, strategy_id, number);
    return id ? measure_save(s->db, s->a, &s->sec, "demo", id, &t, 0, comment, &out, &errs, &nerr, s->e)
              : err_set(s->e, E_NOTFOUND, "demo: no measure %s", number);
}

/* The new measures of 2025–, one or more under each of its five ways
 * (the theme: the way as the strategy words it), numbered after the
 * carried-over ones. */
static const struct {
    const char *number, *goal, *title, *way, *description, *owner, *participants, *status, *priority, *progress;
} g_new[] = {
    {"1.5", "1", "Helhet og langsiktighet i sektorstyringen og budsjettprosessen",
     "Samarbeide godt om både utvikling, finansiering og gjennomføring av politikk",
     "Departementene videreutvikler arbeidsformene sine for å sikre helhet og langsiktighet i sektor- og "
     "samfunnsstyringen og budsjettprosessen, slik at de bedre kan bidra til å løse komplekse "
     "samfunnsutfordringer.",
     "FIN", "DFD, KDD", "planned", "high", "5"},
    {"1.6", "1", "Kunnskapsgrunnlag om utviklingen av departementsrollen",
     "Bygge solid kunnskap for å kunne utvikle departementsfellesskapet videre",
     "Departementene følger utviklingen av departementsrollen med jevnlige analyser, blant annet fra Direktoratet "
     "for forvaltning og økonomistyring (DFØ), som grunnlag for å utvikle departementsfellesskapet videre.",
     "DFD", "", "delayed", "medium", "30"},
    {"2.5", "2", "Digitale verktøy og kunstig intelligens i departementenes arbeid",
     "Effektivisere arbeidsprosesser og utnytte teknologiske muligheter",
     "Departementene tar i bruk digitale verktøy og kunstig intelligens så langt det er mulig og sikkert, med "
     "Departementenes digitaliseringsorganisasjon (DIO) som pådriver.",
     "DFD", "", "in_progress", "high", "35"},
    {"2.6", "2", "Flere effektive fellestjenester i departementene",
     "Effektivisere arbeidsprosesser og utnytte teknologiske muligheter",
     "Departementene utvikler flere effektive fellestjenester. Det er et område der fellesskapet ikke er kommet "
     "langt nok.",
     "DFD", "", "planned", "medium", "5"},
    {"2.7", "2", "Fellesarenaer for departementene i nytt regjeringskvartal",
     "Etablere flere fellesarenaer for departementene",
     "Innflyttingen i nytt regjeringskvartal brukes til å forsterke samarbeidet mellom departementene og til mer "
     "fleksible måter å jobbe på.",
     "DFD", "SMK", "planned", "medium", "5"},
    {"3.4", "3", "Felles og strategisk personalpolitikk for departementene",
     "Utvikle og bruke kompetansen i hele departementsfellesskapet",
     "En mer felles og strategisk tilnærming til personalpolitikken skal hjelpe departementene å beholde og "
     "utvikle medarbeidere og ledere og å få et større mangfold.",
     "DFD", "BFD, KD", "planned", "high", "5"},
};

/* The 2021–2025 measures carried over, and the goal of 2025– each goes
 * to (1.3, 1.4, 1.8 and 3.5 are left for the secretariat to decide). */
static const struct {
    const char *number;
    int goal;
} g_carry[] = {
    {"1.1", 1}, {"1.2", 1}, {"1.6", 1}, {"1.7", 1}, {"2.4", 2}, {"2.5", 2},
    {"2.6", 2}, {"2.7", 2}, {"3.1", 3}, {"3.3", 3}, {"3.4", 3},
};

static int new_measures(Story *s, const char *slug)
{
    int rc = 0;
    for (size_t i = 0; !rc && i < COUNT(g_new); i++) {
        MeasureText t = {0};
        t.v[MF_STRATEGY] = slug;
        t.v[MF_NUMBER] = g_new[i].number;
        t.v[MF_GOAL_AREA] = g_new[i].goal;
        t.v[MF_TITLE] = g_new[i].title;
        t.v[MF_THEME] = g_new[i].way;
        t.v[MF_DESCRIPTION] = g_new[i].description;
        t.v[MF_OWNER] = g_new[i].owner;
        t.v[MF_PARTICIPANTS] = g_new[i].participants;
        t.v[MF_STATUS] = g_new[i].status;
        t.v[MF_PRIORITY] = g_new[i].priority;
        t.v[MF_PROGRESS] = g_new[i].progress;
        t.v[MF_RESPONSIBLE] = "Avdeling for forvaltningspolitikk";
        FieldError *errs;
        size_t nerr;
        int64_t id;
        rc = measure_save(s->db, s->a, &s->sec, "demo", 0, &t, 0, "Nytt tiltak i strategien", &id, &errs, &nerr, s->e);
    }
    return rc;
}

/* The story when 2025– (now) is in force and 2021–2025 (old) is over. */
static int successor_story(Story *s, const Strategy *old, const Strategy *now)
{
    const char *first = day(s, "-15 months"), *final = day(s, "-10 months"), *current = day(s, "-3 months");
    int rc = publish(s, old->id, "Første utgave av tiltaksoversikten", first, shift(s, first, "-6 days"));
    /* The period's last months: two measures finished, one stopped. */
    if (!rc) {
        rc = change(s, old->id, "2.3", "completed", NULL, "Målingen er etablert som fast rapportering.");
    }
    if (!rc) {
        rc = change(s, old->id, "3.6", "completed", NULL, "Møteplassene og velferdstilbudet er på plass.");
    }
    if (!rc) {
        rc = change(s, old->id, "1.5", "stopped", NULL, "Ikke videreført: langsiktig styring inngår i mål 1 i den nye "
                                                         "strategien.");
    }
    if (!rc) {
        rc = change(s, old->id, "3.3", "in_progress", "50", "Mobilitetsprogrammet er utvidet.");
    }
    if (!rc) {
        rc = publish(s, old->id, arena_printf(s->a, "Sluttutgave for strategiperioden %s", old->period), final,
                     shift(s, final, "-5 days"));
    }
    /* Carried over into 2025–, then the new measures. */
    CarryChoice choices[COUNT(g_carry)];
    for (size_t i = 0; !rc && i < COUNT(g_carry); i++) {
        int64_t id = measure_id(s, old->id, g_carry[i].number);
        choices[i] = (CarryChoice){id, g_carry[i].goal};
        rc = id ? 0 : err_set(s->e, E_NOTFOUND, "demo: no measure %s", g_carry[i].number);
    }
    CarryPlan plan;
    if (!rc) {
        rc = measure_carry_over(s->db, s->a, &s->sec, "demo", now->id, choices, COUNT(choices), NULL, &plan, s->e);
    }
    if (!rc) {
        rc = new_measures(s, now->slug);
    }
    if (!rc) {
        rc = migrate_run_file(s->db, "demo/present.sql", s->e);
    }
    if (!rc) {
        rc = publish(s, now->id, arena_printf(s->a, "Tiltaksoversikt %s", month_year(s->a, current)), current,
                     shift(s, current, "-4 days"));
    }
    /* A second edition of 2025– three weeks ago, so «Endrede og nye
     * prioriteringer» has something to show: one measure has got going, one
     * has slipped. */
    const char *second = day(s, "-21 days");
    if (!rc) {
        rc = change(s, now->id, "1.6", "in_progress", "45", "Første analyse fra DFØ er levert.");
    }
    if (!rc) {
        rc = change(s, now->id, "1.5", "delayed", "5", "Arbeidet venter på budsjettprosessen for neste år.");
    }
    if (!rc) {
        rc = publish(s, now->id, arena_printf(s->a, "Tiltaksoversikt %s", month_year(s->a, second)), second,
                     shift(s, second, "-3 days"));
    }
    return rc;
}

int measure_demo_story(Db *db, Err *e)
{
    Arena a = {0};
    char today[16];
    date_today(today, sizeof today);
    Story s = {.db = db, .a = &a, .today = today, .e = e};
    Strategy now, old;
    int64_t uid = db_one_int(db, "SELECT id FROM account WHERE username = 'sekretariat'", 0, 0);
    int rc = perm_viewer(db, &a, uid, &s.sec, e);
    if (!rc) {
        rc = strategy_current(db, &a, &s.sec, &now, e);
    }
    if (!rc && strategy_get(db, &a, &s.sec, "2021-2025", &old, NULL) == 0 && (rc = db_begin(db, e)) == 0) {
        if (now.id == old.id) {
            /* 2021–2025 is in force: its first edition, a month and a half ago. */
            rc = publish(&s, old.id, "Første utgave av tiltaksoversikten", day(&s, "-45 days"), day(&s, "-52 days"));
        } else if (str_eq(now.predecessor_slug, old.slug)) {
            rc = successor_story(&s, &old, &now);
        }
        rc = db_finish(db, rc, e);
    }
    arena_free(&a);
    return rc;
}
