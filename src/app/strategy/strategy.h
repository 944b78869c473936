/* strategy.h: strategy periods and their parts (model).
 *
 * A Strategy has target areas (GoalArea, "målområde"; the successor calls
 * them goals), each with directions («det skjer gjennom»), and numbered
 * lists: development areas and points (principles, traits, ways).  All
 * reference data, read-only for now.  Measure counts are those the viewer
 * may see.  Strings live in the caller's arena.
 */
#ifndef SAMLA_STRATEGY_H
#define SAMLA_STRATEGY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/err.h"
#include "app/core/perm.h"
#include "app/core/req.h"
#include "app/strategy/ministry.h"
#include "db/db.h"

typedef struct Strategy {
    int64_t id;
    const char *slug;             /* '2021-2025' */
    const char *title;
    const char *subtitle;
    int period_start;
    int period_end;               /* 0 when open-ended */
    const char *period;           /* display form: '2021–2025' or '2025–' */
    const char *goal;             /* overall goal, "" when none */
    const char *summary;
    const char *secretariat_code; /* NULL when unknown */
    const char *secretariat_name;     /* bokmål */
    const char *secretariat_name_nn;  /* nynorsk */
    const char *secretariat_name_en;  /* English */
    const char *predecessor_slug; /* NULL when none */
    const char *successor_slug;   /* the strategy that replaced it, or NULL */
    const char *source;
    int measure_count;
    int area_count;
    bool in_force;                /* in force today (strategy_current; strategy_in_force: on its date) */
} Strategy;

typedef struct GoalArea {
    int64_t id;
    int64_t strategy_id;
    const char *strategy_slug;
    int number;
    const char *title;
    const char *description;
    int measure_count;
} GoalArea;

typedef struct TextItem {
    int number;                   /* position or number, from 1 */
    const char *text;
} TextItem;

/* ministry_name (ministry_page.c): m's name in the request's language. */
const char *ministry_name(const Req *r, const Ministry *m);

/* strategy_list: all strategies, newest period first. */
int strategy_list(Db *db, Arena *a, const Viewer *v, Strategy **out, size_t *n, Err *e);

/* strategy_get: by slug, or E_NOTFOUND. */
int strategy_get(Db *db, Arena *a, const Viewer *v, const char *slug, Strategy *out, Err *e);

/* strategy_in_force: the strategy in force on date (ISO; NULL: today,
 * date_today): the newest one that had started by that year — a
 * successor takes over in the year it starts, though its predecessor's
 * period runs to the end of that year — and before the first one
 * started, the first.  Decided by the date alone, measures or not.
 * E_NOTFOUND when there is no strategy at all. */
int strategy_in_force(Db *db, Arena *a, const Viewer *v, const char *date, Strategy *out, Err *e);

/* strategy_current: strategy_in_force today (the front page, the default
 * of the measure list, the overview and every form that picks a period). */
int strategy_current(Db *db, Arena *a, const Viewer *v, Strategy *out, Err *e);

/* strategy_current_plain: the same strategy without its measure count
 * (measure_count 0), for pages that do not show it. */
int strategy_current_plain(Db *db, Arena *a, Strategy *out, Err *e);

/* goal_area_list: the target areas of a strategy in number order, each
 * with the number of its measures v may see; v NULL: without the counts
 * (measure_count 0), for pages that do not show them. */
int goal_area_list(Db *db, Arena *a, const Viewer *v, int64_t strategy_id, GoalArea **out, size_t *n, Err *e);

/* goal_area_get: by strategy and number, or E_NOTFOUND. */
int goal_area_get(Db *db, Arena *a, const Viewer *v, int64_t strategy_id, int number, GoalArea *out, Err *e);

/* direction_list: the directions of a target area in order. */
int direction_list(Db *db, Arena *a, int64_t goal_area_id, TextItem **out, size_t *n, Err *e);

/* development_area_list: the development areas of a strategy. */
int development_area_list(Db *db, Arena *a, int64_t strategy_id, TextItem **out, size_t *n, Err *e);

/* strategy_point_list: the points of one kind ("principle", "trait", "way"). */
int strategy_point_list(Db *db, Arena *a, int64_t strategy_id, const char *kind, TextItem **out,
                        size_t *n, Err *e);

/* view_ministry_select (ministry_page.c): a <select> of the current
 * ministries with an empty first choice labelled empty_label. */
void view_ministry_select(Req *r, const char *id, const char *label, const char *selected, const char *empty_label);

#endif
