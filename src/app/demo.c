/* demo.c: see demo.h. */
#include "demo.h"

#include "app/auth.h"
#include "app/edition.h"
#include "app/strategy.h"
#include "db/migrate.h"

static const struct {
    const char *username, *full_name, *ministry, *role, *email;
} users[] = {
    {"admin", "Alex Administrator", "DFD", "admin", "admin@example.invalid"},
    {"sekretariat", "Sigrid Strand", "DFD", "secretariat", "sigrid.strand@example.invalid"},
    {"dr.bfd", "Dag Dahl", "BFD", "secretary_general", "dag.dahl@example.invalid"},
    {"sb.kd", "Kari Knutsen", "KD", "case_officer", "kari.knutsen@example.invalid"},
    {"sb.bfd", "Bjørn Berg", "BFD", "case_officer", "bjorn.berg@example.invalid"},
    {"sb.dfd", "Dina Dale", "DFD", "case_officer", "dina.dale@example.invalid"},
    {"ansatt.hod", "Hanne Haugen", "HOD", "employee", "hanne.haugen@example.invalid"},
    {"tv.ntl", "Tore Tangen", "JD", "union_rep", "tore.tangen@example.invalid"},
};

int demo_seed(Db *db, Err *e)
{
    int rc = migrate_run_file(db, "demo/demo.sql", e);
    for (size_t i = 0; !rc && i < sizeof users / sizeof users[0]; i++) {
        UserInput in = {.username = users[i].username, .full_name = users[i].full_name,
                        .email = users[i].email, .ministry_code = users[i].ministry, .active = true};
        int64_t id;
        rc = user_create(db, NULL, "demo", &in, DEMO_PASSWORD, &id, e);
        if (!rc && users[i].role[0] != 'e') {
            rc = user_grant_role(db, NULL, "demo", id, users[i].role, NULL, e);
        }
    }
    return rc;
}

int demo_first_edition(Db *db, Err *e)
{
    /* A first published edition, so the public overview has content and
     * the next edition has something to be compared with. */
    Viewer sec = {.username = "sekretariat",
                  .caps = CAP_SIGNED_IN | CAP_READ_INTERNAL | CAP_MEASURE_MANAGE | CAP_READ_ALL_MEASURES};
    Arena a = {0};
    Strategy st;
    int64_t id;
    int rc = strategy_get(db, &a, &sec, "2021-2025", &st, e);
    if (!rc) {
        rc = edition_publish(db, &a, &sec, "demo", st.id, "Første utgave av tiltaksoversikten",
                             "Godkjent i Strategisk forum 15. januar 2026.", &id, e);
    }
    arena_free(&a);
    return rc;
}
