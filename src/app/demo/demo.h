/* demo.h: the demo content of `samla init --demo` — never part of a real
 * installation.  Illustrative statuses, owners and participants for the
 * 2021–2025 measures, examples of internal, restricted and exempt
 * measures, the demo users (all with the password DEMO_PASSWORD), and the
 * story of the periods as of the day it is made. */
#ifndef SAMLA_DEMO_H
#define SAMLA_DEMO_H

#include "base/err.h"
#include "db/db.h"

#define DEMO_PASSWORD "samla-demo"

/* demo_seed: add the demo content to a freshly migrated database: the
 * 2021–2025 measures with dates around today, their markings, the users. */
int demo_seed(Db *db, Err *e);

/* demo_story: what happened since, as of today (date_today, which
 * SAMLA_TODAY sets): editions, and once 2025– is in force, the final
 * edition of 2021–2025, its unfinished measures carried over into 2025–,
 * new measures, reporting rounds and an edition of 2025– (see
 * measure_demo_story).  `init --demo` runs it after demo_seed; tests that
 * build their own editions and rounds start without it. */
int demo_story(Db *db, Err *e);

#endif
