/* round_open.c: the open reporting rounds' deadlines through the
 * measure domain's door (measure.h), for the calendar feed. */
#include "app/measure/measure.h"
#include "app/measure/round.h"

int measure_open_rounds(Db *db, Arena *a, const Viewer *v, OpenRound **out, size_t *n, Err *e)
{
    *out = NULL;
    *n = 0;
    Round *rs;
    size_t nr = 0;
    if (!v->nreport) {
        return 0;
    }
    int rc = round_list(db, a, v, &rs, &nr, e);
    if (rc) {
        return rc;
    }
    size_t cap = 0;
    for (size_t i = 0; i < nr; i++) {
        if (rs[i].open && rs[i].deadline) {
            OpenRound *d = arena_push(a, out, n, &cap, sizeof *d);
            d->id = rs[i].id;
            d->title = rs[i].title;
            d->deadline = rs[i].deadline;
        }
    }
    return 0;
}
