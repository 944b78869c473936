/* demo.c: see demo.h. */
#include "app/demo/demo.h"

#include "app/core/search.h"

#include "app/identity/identity.h"
#include "app/kb/kb.h"
#include "app/measure/measure.h"
#include "app/strategy/strategy.h"
#include "base/util.h"
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
    {"sb.aid", "Aslak Aune", "AID", "case_officer", "aslak.aune@example.invalid"},
    {"sb.kdd", "Kristin Kvam", "KDD", "case_officer", "kristin.kvam@example.invalid"},
    {"ansatt.hod", "Hanne Haugen", "HOD", "employee", "hanne.haugen@example.invalid"},
    {"tv.ntl", "Tore Tangen", "JD", "union_rep", "tore.tangen@example.invalid"},
    /* after the first ten, so their ids stay as they were */
    {"dr.hod", "Helga Hovland", "HOD", "secretary_general", "helga.hovland@example.invalid"},
};

/* demo_clock: the temporary table demo_clock(today) with the demo's «today»
 * (date_today: SAMLA_TODAY or the real date), which the demo's SQL files
 * read, so that their deadlines, rounds, meetings and histories fall around
 * the day the demo is created. */
static int demo_clock(Db *db, Err *e)
{
    char today[16];
    date_today(today, sizeof today);
    if (db_exec(db, "CREATE TEMP TABLE IF NOT EXISTS demo_clock (today TEXT NOT NULL); DELETE FROM demo_clock", e)) {
        return E_DB;
    }
    Stmt *s = db_prepare(db, "INSERT INTO demo_clock (today) VALUES (?1)");
    db_bind_text(s, 1, today);
    int rc = db_step(s);
    db_done(s);
    return rc == DB_DONE ? 0 : err_set(e, E_DB, "demo clock: %s", db_errmsg(db));
}

int demo_seed(Db *db, Err *e)
{
    int rc = demo_clock(db, e);
    if (!rc) {
        rc = migrate_run_file(db, "demo/demo.sql", e);
    }
    for (size_t i = 0; !rc && i < sizeof users / sizeof users[0]; i++) {
        UserInput in = {.username = users[i].username, .full_name = users[i].full_name,
                        .email = users[i].email, .ministry_code = users[i].ministry, .active = true};
        int64_t id;
        rc = user_create(db, NULL, "demo", &in, DEMO_PASSWORD, &id, e);
        if (!rc && users[i].role[0] != 'e') {
            rc = user_grant_role(db, NULL, "demo", id, users[i].role, NULL, e);
        }
    }
    /* The groups and the cases have people in them, so they come after the users. */
    if (!rc) {
        rc = migrate_run_file(db, "demo/groups.sql", e);
    }
    if (!rc) {
        rc = migrate_run_file(db, "demo/consult.sql", e);
    }
    if (!rc) {
        rc = migrate_run_file(db, "demo/figures.sql", e);
    }
    if (!rc) {
        rc = migrate_run_file(db, "demo/work.sql", e);
    }
    if (!rc) {
        rc = kb_demo_seed(db, e);
    }
    /* The seed files write records with plain SQL: index them. */
    return rc ? rc : search_sync(db, NULL, e);
}

int demo_story(Db *db, Err *e)
{
    int rc = demo_clock(db, e);
    return rc ? rc : measure_demo_story(db, e);
}
