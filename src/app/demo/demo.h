/* demo.h: the demo content of `samla init --demo` — never part of a real
 * installation.  Illustrative statuses, owners and participants for the
 * 2021–2025 measures, examples of internal, restricted and exempt
 * measures, and the demo users (all with the password DEMO_PASSWORD). */
#ifndef SAMLA_DEMO_H
#define SAMLA_DEMO_H

#include "base/err.h"
#include "db/db.h"

#define DEMO_PASSWORD "samla-demo"

/* demo_seed: add the demo content to a freshly migrated database. */
int demo_seed(Db *db, Err *e);

/* demo_first_edition: publish a first edition of the 2021–2025 overview
 * (`init --demo` does; tests that count editions start without it). */
int demo_first_edition(Db *db, Err *e);

#endif
