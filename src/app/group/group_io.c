/* group_io.c: exports of the group list and the ladder histories as CSV
 * or XLSX (core/sheet.h), of what the viewer may read, audited like every
 * export. */
#include <string.h>

#include "app/core/audit.h"
#include "app/core/sheet.h"
#include "app/group/group_int.h"
#include "base/util.h"

static const SheetColumn group_cols[] = {
    {"id", false, true}, {"title", true, false}, {"kind", false, false}, {"owner", false, false},
    {"ministries", false, false}, {"step", false, true}, {"target", false, true}, {"state", false, false},
    {"start_on", false, false}, {"end_on", false, false}, {"phase", false, false}, {"presented_on", false, false},
    {"closed_on", false, false}, {"members", false, true}, {"visibility", false, false},
};
enum { NGC = sizeof group_cols / sizeof group_cols[0] };

static const SheetColumn ladder_cols[] = {
    {"group_id", false, true}, {"group", true, false}, {"ministry", false, false}, {"on_date", false, false},
    {"from_step", false, true}, {"step", false, true}, {"target", false, true}, {"justification", true, false},
    {"evidence_id", false, true}, {"evidence", true, false}, {"by", false, false}, {"at", false, false},
};
enum { NLC = sizeof ladder_cols / sizeof ladder_cols[0] };

static const char *num(Arena *a, long long n)
{
    return n ? arena_printf(a, "%lld", n) : "";
}

static int write(Arena *a, const Sheet *sh, bool xlsx, Buf *out, Err *e)
{
    if (xlsx) {
        return sheet_xlsx(a, sh, out, e);
    }
    sheet_csv(out, sh);
    return 0;
}

int group_export(Db *db, Arena *a, const Viewer *v, const char *client, const GroupFilter *f, bool xlsx, Buf *out,
                 size_t *n, Err *e)
{
    Group *g;
    size_t ng;
    if (group_list(db, a, v, f, &g, &ng, e)) {
        return E_DB;
    }
    const char **cells = arena_alloc(a, (ng ? ng : 1) * NGC * sizeof *cells);
    for (size_t i = 0; i < ng; i++) {
        const char **c = cells + i * NGC;
        const Group *x = &g[i];
        c[0] = num(a, x->rec.id);
        c[1] = x->rec.title;
        if (x->rec.masked) {
            continue; /* the public face: the public title and nothing else */
        }
        GroupText t;
        c[2] = x->kind;
        c[3] = x->rec.owner_code ? x->rec.owner_code : "";
        c[4] = group_text_get(db, a, v, x->rec.id, &t, e) ? "" : t.v[GF_MINISTRIES];
        c[5] = num(a, x->step);
        c[6] = num(a, x->target);
        c[7] = x->closed_on ? "closed" : x->overdue ? "overdue" : "active";
        c[8] = x->start_on;
        c[9] = x->end_on;
        c[10] = x->phase;
        c[11] = x->presented_on;
        c[12] = x->closed_on;
        c[13] = num(a, x->nmembers);
        c[14] = x->rec.visibility;
    }
    Sheet sh = {.title = "Grupper", .cols = group_cols, .ncols = NGC, .cells = cells, .nrows = ng};
    *n = ng;
    int rc = write(a, &sh, xlsx, out, e);
    if (!rc) {
        rc = audit_append(db, v, client, "group.export", "group", "", arena_printf(a, "%zu groups, %s", ng,
                          xlsx ? "xlsx" : "csv"), e);
    }
    return rc;
}

int ladder_export(Db *db, Arena *a, const Viewer *v, const char *client, int64_t group_id, bool xlsx, Buf *out,
                  size_t *n, Err *e)
{
    Group *g = NULL;
    size_t ng = 0;
    if (group_id) {
        g = arena_alloc(a, sizeof *g);
        if (group_get(db, a, v, group_id, g, e) || g->rec.masked) {
            return err_set(e, E_NOTFOUND, "Fant ikke gruppen.");
        }
        ng = 1;
    } else if (group_list(db, a, v, NULL, &g, &ng, e)) {
        return E_DB;
    }
    size_t len = 0, cap = 0;
    const char **cells = NULL;
    for (size_t i = 0; i < ng; i++) {
        LadderChange *c;
        size_t nc;
        if (g[i].rec.masked || ladder_history(db, a, v, g[i].rec.id, NULL, &c, &nc, e)) {
            continue;
        }
        for (size_t j = 0; j < nc; j++) {
            const char *row[NLC] = {
                num(a, g[i].rec.id), g[i].rec.title, c[j].ministry_code ? c[j].ministry_code : "", c[j].on_date,
                num(a, c[j].from_step), num(a, c[j].step), num(a, c[j].target), c[j].justification,
                num(a, c[j].evidence_id), c[j].evidence_title ? c[j].evidence_title : "",
                c[j].actor_name ? c[j].actor_name : "", c[j].at,
            };
            for (size_t k = 0; k < NLC; k++) {
                *(const char **)arena_push(a, &cells, &len, &cap, sizeof *cells) = row[k];
            }
        }
    }
    Sheet sh = {.title = "Samordningsstigen", .cols = ladder_cols, .ncols = NLC, .cells = cells, .nrows = len / NLC};
    *n = len / NLC;
    int rc = write(a, &sh, xlsx, out, e);
    if (!rc) {
        rc = audit_append(db, v, client, "group.ladder.export", "group", group_id ? num(a, group_id) : "",
                          arena_printf(a, "%zu changes, %s", *n, xlsx ? "xlsx" : "csv"), e);
    }
    return rc;
}
