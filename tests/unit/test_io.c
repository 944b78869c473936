/* test_io.c: import and export of measures (src/app/measure_io.c,
 * measure_xlsx.c) and their pages and API (measure_io_page.c).
 *
 * Each test gets a fresh in-memory database with the reference and demo
 * content and an arena, both released in teardown.  "Nothing written" is
 * checked with a checksum over the measures' versions, the version rows
 * and the audit log.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>

#include "app/identity/identity.h"
#include "app/demo/demo.h"
#include "app/measure/measure_handlers.h"
#include "app/measure/measure_io.h"
#include "base/util.h"
#include "db/migrate.h"

typedef struct Fixture {
    Db *db;
    Arena a;
    Viewer sek;        /* the demo secretariat user */
} Fixture;

/* The CLI's viewer: an internal system user that manages every measure. */
static const Viewer CLI = {.username = "cli", .caps = CAP_MEASURE_MANAGE | CAP_READ_INTERNAL | CAP_READ_ALL_MEASURES};

static int setup(void **state)
{
    static Fixture f;
    Err e = {0};
    memset(&f, 0, sizeof f);
    User u;
    if (db_open(&f.db, ":memory:", DB_OPEN_CREATE, &e) || migrate_up(f.db, NULL, &e) || demo_seed(f.db, &e) ||
        user_find(f.db, &f.a, "sekretariat", &u, &e) || auth_viewer(f.db, &f.a, u.id, &f.sek, &e)) {
        fprintf(stderr, "setup: %s\n", e.msg);
        db_close(f.db);
        return -1;
    }
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    arena_free(&f->a);
    db_close(f->db);
    return 0;
}

/* ---- helpers ------------------------------------------------------------------ */

static const char *sql_text(Fixture *f, const char *sql)
{
    Stmt *s = db_prepare(f->db, sql);
    assert_non_null(s);
    const char *v = db_step(s) == DB_ROW ? db_col_dup(s, 0, &f->a) : NULL;
    db_done(s);
    return v ? v : "";
}

/* Changes to measures, their versions or the audit log change this. */
static const char *checksum(Fixture *f)
{
    return sql_text(f, "SELECT (SELECT total(version) FROM record WHERE kind = 'measure') || '/' || (SELECT count(*) FROM measure) || '/' || "
                       "(SELECT count(*) FROM record_version) || '/' || (SELECT count(*) FROM audit) || '/' || "
                       "(SELECT group_concat(r.title || m.status, '|') FROM measure m JOIN record r ON r.id = m.id)");
}

static int64_t measure_id(Fixture *f, const char *number)
{
    Stmt *s = db_prepare(f->db, "SELECT id FROM measure WHERE strategy_id = (SELECT id FROM strategy WHERE slug = "
                                "'2021-2025') AND number = ?1");
    db_bind_text(s, 1, number);
    int64_t id = db_step(s) == DB_ROW ? db_col_int(s, 0) : 0;
    db_done(s);
    return id;
}

static const char *field_of(Fixture *f, const char *number, int k)
{
    MeasureText t;
    Err e = {0};
    assert_int_equal(measure_text_get(f->db, &f->a, &CLI, measure_id(f, number), &t, &e), 0);
    return t.v[k];
}

static void export_as(Fixture *f, const Viewer *v, IoFormat fmt, const char *slug, Buf *out, size_t *n)
{
    Err e = {0};
    buf_reset(out);
    if (measure_export(f->db, &f->a, v, "test", fmt, slug, out, n, &e)) {
        fail_msg("export failed: %s", e.msg);
    }
}

static int import(Fixture *f, IoFormat fmt, const char *name, const char *data, size_t len, bool apply,
                  ImportReport *rep)
{
    Err e = {0};
    return measure_import(f->db, &f->a, &CLI, "test", fmt, name, data, len, apply, rep, &e);
}

static int import_str(Fixture *f, IoFormat fmt, const char *data, bool apply, ImportReport *rep)
{
    return import(f, fmt, "test.csv", data, strlen(data), apply, rep);
}

static void dump(const ImportReport *rep)
{
    for (size_t i = 0; i < rep->nproblems; i++) {
        fprintf(stderr, "  line %d, column %s: %s\n", rep->problems[i].line,
                rep->problems[i].column ? rep->problems[i].column : "-", rep->problems[i].msg);
    }
}

static bool has_problem(const ImportReport *rep, int line, const char *column, const char *part)
{
    for (size_t i = 0; i < rep->nproblems; i++) {
        const IoProblem *p = &rep->problems[i];
        if (p->line == line && str_eq(p->column, column) && strstr(p->msg, part)) {
            return true;
        }
    }
    return false;
}

static void assert_problem(const ImportReport *rep, int line, const char *column, const char *part)
{
    if (!has_problem(rep, line, column, part)) {
        dump(rep);
        fail_msg("no problem at line %d, column %s containing «%s»", line, column ? column : "-", part);
    }
}

/* Set fields of 2021-2025 measure number (NULL-terminated name/value pairs). */
static void set_fields(Fixture *f, const char *number, ...)
{
    MeasureText t = {0};
    va_list ap;
    va_start(ap, number);
    const char *name;
    while ((name = va_arg(ap, const char *))) {
        int k = measure_field_index(name);
        assert_true(k >= 0);
        t.v[k] = va_arg(ap, const char *);
    }
    va_end(ap);
    int64_t id;
    FieldError *errs;
    size_t nerr;
    Err e = {0};
    if (measure_save(f->db, &f->a, &CLI, "test", measure_id(f, number), &t, 0, "test", &id, &errs, &nerr, &e)) {
        fail_msg("set_fields %s: %s", number, e.msg);
    }
}

/* Text that is hard for every format. */
static void tricky_content(Fixture *f)
{
    set_fields(f, "1.1", "title", "=Tittel; med «sitat», \"anførsel\" og æøå ÆØÅ", "theme", "'apostrof først",
               "responsible", "-minus først; @ og +", "description",
               "Linje 1; med semikolon\r\nLinje 2 med \"anførsel\"\n\nAvsnitt _x0041_ og _x000D_ tekst\tmed tab",
               "milestones", "[x] 2026-01-15 Første; milepæl\n[ ] - Andre \"milepæl\" æøå", "priority", "høy",
               "start_date", "2022-01-01", "end_date", "2026-06-30", "progress", "45", "participants", "kd, BFD",
               "development_areas", "3, 1", "directions", "1.2, 1.1", NULL);
    set_fields(f, "1.2", "title", "Tittel med _x005F_ og \"\"dobbel\"\"", "description", "\"Starter med anførsel",
               NULL);
}

/* ---- round trips ---------------------------------------------------------------- */

static void roundtrip(Fixture *f, IoFormat fmt)
{
    tricky_content(f);
    Buf out = {0};
    size_t n;
    export_as(f, &CLI, fmt, NULL, &out, &n);
    assert_int_equal(n, 22);
    const char *before = checksum(f);
    ImportReport rep;
    int rc = import(f, fmt, "eksport", out.data, out.len, false, &rep);
    if (rc || rep.nproblems) {
        dump(&rep);
        fail_msg("%s: import of an unchanged export: rc %d", measure_io_ext(fmt), rc);
    }
    assert_int_equal(rep.create, 0);
    assert_int_equal(rep.change, 0);
    assert_int_equal(rep.unchanged, 22);
    assert_false(rep.applied);
    assert_string_equal(checksum(f), before);
    /* Applied: still no new version, only the import's audit row. */
    assert_int_equal(import(f, fmt, "eksport", out.data, out.len, true, &rep), 0);
    assert_true(rep.applied);
    assert_int_equal(rep.change, 0);
    assert_string_equal(sql_text(f, "SELECT count(*) FROM record_version WHERE comment LIKE 'Importert%'"), "0");
    assert_string_equal(sql_text(f, "SELECT count(*) FROM audit WHERE action = 'measure.import'"), "1");
    /* The exported text is the stored text. */
    assert_string_equal(field_of(f, "1.1", MF_DESCRIPTION),
                        "Linje 1; med semikolon\r\nLinje 2 med \"anførsel\"\n\nAvsnitt _x0041_ og _x000D_ tekst\tmed tab");
    Buf again = {0};
    export_as(f, &CLI, fmt, NULL, &again, &n);
    if (fmt != IO_XLSX) {   /* an XLSX carries its creation time */
        assert_int_equal(again.len, out.len);
        assert_memory_equal(again.data, out.data, out.len);
    }
    buf_free(&again);
    buf_free(&out);
}

static void test_roundtrip_csv(void **state)
{
    Fixture *f = *state;
    roundtrip(f, IO_CSV);
    Buf out = {0};
    size_t n;
    export_as(f, &CLI, IO_CSV, "2021-2025", &out, &n);
    assert_memory_equal(out.data, "\xEF\xBB\xBFstrategy;number;title;goal_area;", 33);
    assert_non_null(strstr(out.data, "\r\n2021-2025;1.1;\"'=Tittel; med «sitat», \"\"anførsel\"\" og æøå ÆØÅ\";"));
    assert_non_null(strstr(out.data, ";\"'-minus først; @ og +\";"));   /* guarded inside the quotes */
    assert_non_null(strstr(out.data, ";''apostrof først;"));
    buf_free(&out);
}

/* An export for people — headers and values in Norwegian or English —
 * imports back unchanged, in CSV and XLSX. */
static void test_roundtrip_labels(void **state)
{
    Fixture *f = *state;
    static const int langs[] = {LANG_NB, LANG_NN, LANG_EN};
    for (size_t l = 0; l < 3; l++) {
        for (IoFormat fmt = IO_CSV; fmt <= IO_XLSX; fmt++) {
            Buf out = {0};
            size_t n;
            Err e = {0};
            assert_int_equal(measure_export_lang(f->db, &f->a, &CLI, "t", fmt, "2021-2025", langs[l], &out, &n, &e), 0);
            if (fmt == IO_CSV && langs[l] == LANG_NB) {
                assert_non_null(strstr(out.data, ";Status;"));
                assert_non_null(strstr(out.data, ";Prioritet;"));
                assert_null(strstr(out.data, ";in_progress;"));   /* labels, not codes */
            }
            ImportReport rep;
            int rc = measure_import(f->db, &f->a, &CLI, "t", fmt, "x", out.data, out.len, false, &rep, &e);
            if (rc) {
                fail_msg("lang %zu format %d: %s (line %d, %s)", l, (int)fmt, rep.nproblems ? rep.problems[0].msg : e.msg,
                         rep.nproblems ? rep.problems[0].line : 0, rep.nproblems && rep.problems[0].column ?
                         rep.problems[0].column : "-");
            }
            assert_int_equal(rep.unchanged, n);
            assert_int_equal(rep.change + rep.create, 0);
            buf_free(&out);
        }
    }
}

static void test_roundtrip_xlsx(void **state)
{
    roundtrip(*state, IO_XLSX);
}

static void test_roundtrip_json(void **state)
{
    Fixture *f = *state;
    roundtrip(f, IO_JSON);
    Buf out = {0};
    size_t n;
    export_as(f, &CLI, IO_JSON, NULL, &out, &n);
    json_t *doc = json_loads(out.data, 0, NULL);
    json_t *first = json_array_get(json_object_get(doc, "measures"), 0);
    assert_int_equal(json_object_size(first), MF_COUNT);
    const char *key;
    json_t *val;
    int k = 0;
    json_object_foreach(first, key, val) {
        assert_string_equal(key, g_measure_fields[k++].name);   /* in field order */
        assert_true(json_is_string(val));
    }
    json_decref(doc);
    buf_free(&out);
}

/* ---- problems ------------------------------------------------------------------ */

static void test_every_problem_reported(void **state)
{
    Fixture *f = *state;
    const char *csv = "strategy;number;title;status;end_date;owner\r\n"
                      "2021-2025;1.1;Ny tittel;in_progress;;KD\r\n"           /* 2: fine */
                      "2021-2025;1.2;Tittel;tullestatus;;\r\n"                 /* 3: status */
                      "2021-2025;1.3;Tittel 3;planned;2026-06-30;BFD\r\n"      /* 4: fine */
                      "2021-2025;1.4;Tittel 4;planned;2026-13-45;\r\n"         /* 5: date */
                      "2021-2025;1.5;Tittel 5;planned;;XYZ\r\n"                /* 6: ministry */
                      "2021-2025;1.1;Igjen;planned;;\r\n";                     /* 7: duplicate */
    const char *before = checksum(f);
    ImportReport rep;
    for (int apply = 0; apply < 2; apply++) {
        assert_int_equal(import_str(f, IO_CSV, csv, apply, &rep), E_INVALID);
        assert_problem(&rep, 3, "status", "Ukjent status «");
        assert_problem(&rep, 5, "end_date", "Frist må være en dato");
        assert_problem(&rep, 6, "owner", "Ukjent departement: XYZ.");   /* the value it does not know */
        assert_problem(&rep, 7, "number", "står også på linje 2");
        if (rep.nproblems != 4) {
            dump(&rep);
            fail_msg("expected 4 problems, got %zu", rep.nproblems);
        }
        for (size_t i = 1; i < rep.nproblems; i++) {
            assert_true(rep.problems[i - 1].line <= rep.problems[i].line);
        }
        assert_false(rep.applied);
        assert_string_equal(checksum(f), before);   /* nothing written */
    }
    /* Header problems: unknown and repeated columns, a missing key column. */
    assert_int_equal(import_str(f, IO_CSV, "strategy;number;titel;status;status\r\n2021-2025;1.1;x;done;done\r\n",
                                false, &rep), E_INVALID);
    assert_problem(&rep, 1, "titel", "Ukjent kolonne.");
    assert_problem(&rep, 1, "status", "mer enn én gang");
    assert_int_equal(import_str(f, IO_CSV, "strategy;title\r\n2021-2025;x\r\n", false, &rep), E_INVALID);
    assert_problem(&rep, 1, "number", "Kolonnen mangler");
    assert_int_equal(import_str(f, IO_CSV, "", false, &rep), E_INVALID);
    assert_problem(&rep, 0, NULL, "tom");
    assert_int_equal(import_str(f, IO_CSV, "strategy;number\r\n2021-2025;\"1.1\r\n", false, &rep), E_INVALID);
    assert_problem(&rep, 2, NULL, "anførselstegn");
    assert_int_equal(import_str(f, IO_CSV, "strategy;number;title\r\n2021-2025;9.9;\r\n;1.1;x\r\n", false, &rep),
                     E_INVALID);
    assert_problem(&rep, 2, "title", "Tittel må fylles ut.");
    assert_problem(&rep, 3, "strategy", "Strategiperiode må fylles ut.");
    assert_string_equal(checksum(f), before);
}

static void test_rejects_bad_text(void **state)
{
    Fixture *f = *state;
    const char *before = checksum(f);
    ImportReport rep;
    const char *csv = "strategy;number;title\r\n"
                      "2021-2025;1.1;Tittel \xe6\xf8\xe5 i Latin-1\r\n"
                      "2021-2025;1.2;Notat HEMMELIG\r\n"
                      "2021-2025;1.3;\"To\r\nlinjer\"\r\n";
    assert_int_equal(import_str(f, IO_CSV, csv, true, &rep), E_INVALID);
    assert_problem(&rep, 2, "title", "UTF-8");
    assert_problem(&rep, 3, "title", "sikkerhetsgrad (HEMMELIG)");
    assert_problem(&rep, 4, "title", "linjeskift");
    const char *json = "{\"measures\":[{\"strategy\":\"2021-2025\",\"number\":\"1.1\",\"title\":\"STRENGT HEMMELIG\"}]}";
    assert_int_equal(import_str(f, IO_JSON, json, true, &rep), E_INVALID);
    assert_problem(&rep, 1, "title", "sikkerhetsgrad");
    assert_int_equal(import_str(f, IO_JSON, "{\"measures\":[{\"title\":\"\xff\"}]}", true, &rep), E_INVALID);
    assert_problem(&rep, 0, NULL, "ikke gyldig JSON");
    assert_string_equal(checksum(f), before);
}

/* ---- applying ------------------------------------------------------------------ */

static void test_apply_creates_versions(void **state)
{
    Fixture *f = *state;
    /* The sub-measure comes before its new parent: the import orders them. */
    const char *csv = "strategy;number;title;parent;status;predecessor\r\n"
                      "2021-2025;3.7.1;Deltiltak før forelderen;3.7;planned;\r\n"
                      "2021-2025;3.7;Nytt tiltak;;not_started;\r\n"
                      "2021-2025;1.1;Bredere innganger, ny tittel;;completed;\r\n"
                      "2025;9.1;Videreføring;;planned;2021-2025:3.7\r\n";
    const char *before = checksum(f);
    ImportReport rep;
    assert_int_equal(import(f, IO_CSV, "/home/x/endringer.csv", csv, strlen(csv), false, &rep), 0);
    assert_int_equal(rep.create, 3);
    assert_int_equal(rep.change, 1);
    assert_int_equal(rep.unchanged, 0);
    assert_int_equal(rep.nrows, 4);
    assert_int_equal(rep.rows[0].action, IO_CREATE);
    assert_int_equal(rep.rows[2].action, IO_CHANGE);
    assert_string_equal(checksum(f), before);   /* a check writes nothing */
    assert_null(measure_id(f, "3.7") ? "exists" : NULL);
    int rc = import(f, IO_CSV, "/home/x/endringer.csv", csv, strlen(csv), true, &rep);
    if (rc) {
        dump(&rep);
        fail_msg("apply failed: %d", rc);
    }
    assert_true(rep.applied);
    assert_string_equal(field_of(f, "3.7.1", MF_PARENT), "3.7");
    assert_string_equal(field_of(f, "1.1", MF_STATUS), "completed");
    assert_string_equal(sql_text(f, "SELECT count(*) FROM record_version WHERE comment = 'Importert fra endringer.csv'"),
                        "4");
    assert_string_equal(sql_text(f, "SELECT p.number FROM measure m JOIN measure p ON p.id = m.predecessor_id "
                                    "WHERE m.number = '9.1'"), "3.7");
    assert_string_equal(sql_text(f, "SELECT summary FROM audit WHERE action = 'measure.import'"),
                        "endringer.csv: 3 opprettet, 1 endret, 0 uendret");
    assert_string_equal(sql_text(f, "SELECT count(*) FROM audit WHERE action = 'measure.create'"), "3");
    /* The same file again changes nothing. */
    assert_int_equal(import(f, IO_CSV, "endringer.csv", csv, strlen(csv), false, &rep), 0);
    assert_int_equal(rep.unchanged, 4);
}

static void test_separators_and_bom(void **state)
{
    Fixture *f = *state;
    ImportReport rep;
    /* Without a BOM, with commas, quoted commas, LF line ends, spaced
     * and capitalised headers, and a trailing empty line. */
    const char *comma = "Strategy, number ,title\n2021-2025,1.1,\"Tittel, med komma\"\n\n";
    assert_int_equal(import_str(f, IO_CSV, comma, true, &rep), 0);
    assert_int_equal(rep.change, 1);
    assert_string_equal(field_of(f, "1.1", MF_TITLE), "Tittel, med komma");
    const char *tab = "\xEF\xBB\xBFstrategy\tnumber\tstatus\r\n2021-2025\t1.2\tdelayed\r\n";
    assert_int_equal(import_str(f, IO_CSV, tab, true, &rep), 0);
    assert_string_equal(field_of(f, "1.2", MF_STATUS), "delayed");
    const char *hint = "sep=,\r\nstrategy,number,status\r\n2021-2025,1.4,stopped\r\n2021-2025,1.5,tull\r\n";
    assert_int_equal(import_str(f, IO_CSV, hint, false, &rep), E_INVALID);
    assert_problem(&rep, 3, "status", "Ukjent status «");   /* the hint line is no row */
    assert_int_equal(rep.nproblems, 1);
    const char *bom = "\xEF\xBB\xBFstrategy;number;status\r\n2021-2025;1.3;stopped\r\n";
    assert_int_equal(import_str(f, IO_CSV, bom, true, &rep), 0);
    assert_string_equal(field_of(f, "1.3", MF_STATUS), "stopped");
    /* Rows are numbered as a spreadsheet shows them: a cell with line
     * breaks is one row. */
    const char *multi = "strategy;number;description;status\r\n"
                        "2021-2025;1.4;\"En\r\nto\r\ntre\";planned\r\n"
                        "2021-2025;1.5;;feil\r\n";
    assert_int_equal(import_str(f, IO_CSV, multi, false, &rep), E_INVALID);
    assert_problem(&rep, 3, "status", "Ukjent status «");
    assert_int_equal(rep.nproblems, 1);
}

/* ---- what the viewer may see ----------------------------------------------------- */

static void test_anonymous_export(void **state)
{
    Fixture *f = *state;
    const char *real_title = field_of(f, "1.7", MF_TITLE), *real_desc = field_of(f, "1.7", MF_DESCRIPTION);
    assert_true(strlen(real_desc) > 20);
    Buf out = {0};
    size_t n;
    export_as(f, &g_anonymous, IO_JSON, "2021-2025", &out, &n);
    assert_int_equal(n, 20);
    json_t *doc = json_loads(out.data, 0, NULL), *m;
    size_t i;
    bool saw17 = false;
    json_array_foreach(json_object_get(doc, "measures"), i, m) {
        const char *num = json_string_value(json_object_get(m, "number"));
        assert_false(str_eq(num, "2.5"));
        assert_false(str_eq(num, "3.4"));
        if (str_eq(num, "1.7")) {
            saw17 = true;
            assert_string_equal(json_string_value(json_object_get(m, "title")), "Samarbeid om budsjettposter på tvers");
            assert_string_equal(json_string_value(json_object_get(m, "description")), "");
            assert_string_equal(json_string_value(json_object_get(m, "milestones")), "");
            assert_string_equal(json_string_value(json_object_get(m, "exemption_basis")), "");
        }
    }
    assert_true(saw17);
    json_decref(doc);
    for (int fmt = IO_CSV; fmt <= IO_XLSX; fmt++) {
        export_as(f, &g_anonymous, (IoFormat)fmt, NULL, &out, &n);
        assert_int_equal(n, 20);
        if (fmt == IO_CSV) {
            assert_null(memmem(out.data, out.len, real_title, strlen(real_title)));
            assert_null(memmem(out.data, out.len, real_desc, strlen(real_desc)));
            assert_null(strstr(out.data, "\r\n2021-2025;2.5;"));
            assert_null(strstr(out.data, "\r\n2021-2025;3.4;"));
            assert_non_null(strstr(out.data, "\r\n2021-2025;1.7;Samarbeid om budsjettposter på tvers;"));
        }
    }
    /* The secretariat sees all of them, under their real titles. */
    export_as(f, &f->sek, IO_CSV, NULL, &out, &n);
    assert_int_equal(n, 22);
    assert_non_null(memmem(out.data, out.len, real_title, strlen(real_title)));
    assert_string_equal(sql_text(f, "SELECT count(*) FROM audit WHERE action = 'measure.export'"), "4");
    assert_string_equal(sql_text(f, "SELECT summary || ' ' || actor FROM audit WHERE action = 'measure.export' "
                                    "ORDER BY id LIMIT 1"), "format=json count=20 strategy=2021-2025 anonymous");
    size_t dummy;
    Err e = {0};
    assert_int_equal(measure_export(f->db, &f->a, &g_anonymous, "t", IO_CSV, "1999", &out, &dummy, &e), E_NOTFOUND);
    buf_free(&out);
}

/* ---- JSON specifics ---------------------------------------------------------- */

static void test_json_import(void **state)
{
    Fixture *f = *state;
    ImportReport rep;
    const char *ok = "{\"measures\":[{\"strategy\":\"2021-2025\",\"number\":\"1.1\",\"progress\":60,\"weight\":2,"
                     "\"priority\":null}]}";
    assert_int_equal(import_str(f, IO_JSON, ok, true, &rep), 0);
    assert_string_equal(field_of(f, "1.1", MF_PROGRESS), "60");
    assert_string_equal(field_of(f, "1.1", MF_WEIGHT), "2");
    assert_string_equal(field_of(f, "1.1", MF_PRIORITY), "");
    const char *bad = "{\"measures\":[{\"strategy\":\"2021-2025\",\"number\":\"1.1\",\"farge\":\"blå\"},"
                      "[1,2],{\"strategy\":\"2021-2025\",\"number\":\"1.2\",\"title\":true,\"progress\":7.5}]}";
    assert_int_equal(import_str(f, IO_JSON, bad, false, &rep), E_INVALID);
    assert_problem(&rep, 1, "farge", "Ukjent nøkkel.");
    assert_problem(&rep, 2, NULL, "ikke et objekt");
    assert_problem(&rep, 3, "title", "må være tekst");
    assert_int_equal(import_str(f, IO_JSON, "[]", false, &rep), E_INVALID);
    assert_problem(&rep, 0, NULL, "«measures»");
    assert_int_equal(import_str(f, IO_JSON, "{\"measures\":[{\"number\":\"1.1\",\"number\":\"1.2\"}]}", false, &rep),
                     E_INVALID);   /* duplicate keys are refused by the parser */
    assert_problem(&rep, 0, NULL, "JSON");
    const char *progress = "{\"measures\":[{\"strategy\":\"2021-2025\",\"number\":\"1.2\",\"progress\":7.5}]}";
    assert_int_equal(import_str(f, IO_JSON, progress, false, &rep), E_INVALID);
    assert_problem(&rep, 1, "progress", "helt tall");
}

/* ---- XLSX specifics --------------------------------------------------------- */

static Buf read_back(const char *path)
{
    Buf b = {0};
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    char chunk[8192];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, fp)) > 0) {
        buf_append(&b, chunk, got);
    }
    fclose(fp);
    unlink(path);
    return b;
}

/* A workbook as Excel leaves it after editing: inline strings
 * (constant_memory mode writes those), a typed date, a typed number. */
static void test_xlsx_as_excel_writes_it(void **state)
{
    Fixture *f = *state;
    char path[] = "/tmp/samla-test-XXXXXX.xlsx";
    close(mkstemps(path, 5));
    lxw_workbook_options opt = {.constant_memory = LXW_TRUE};
    lxw_workbook *wb = workbook_new_opt(path, &opt);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Ark1");
    static const char *head[] = {"strategy", "number", "end_date", "progress", "description", "title"};
    for (int k = 0; k < 6; k++) {
        worksheet_write_string(ws, 0, (lxw_col_t)k, head[k], NULL);
    }
    worksheet_write_string(ws, 1, 0, "2021-2025", NULL);
    worksheet_write_string(ws, 1, 1, "1.1", NULL);
    worksheet_write_number(ws, 1, 2, 46203, NULL);   /* 2026-06-30 as Excel stores a typed date */
    worksheet_write_number(ws, 1, 3, 70, NULL);
    worksheet_write_string(ws, 1, 4, "Linje 1\r\nLinje 2 «æøå»", NULL);
    worksheet_write_string(ws, 1, 5, "Ny tittel", NULL);
    /* Row 3 left empty, row 4 has a problem: the row number is Excel's. */
    worksheet_write_string(ws, 3, 0, "2021-2025", NULL);
    worksheet_write_string(ws, 3, 1, "1.2", NULL);
    worksheet_write_number(ws, 3, 3, 170, NULL);
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
    Buf x = read_back(path);
    ImportReport rep;
    assert_int_equal(import(f, IO_XLSX, "ark.xlsx", x.data, x.len, false, &rep), E_INVALID);
    assert_problem(&rep, 4, "progress", "Fremdrift må være et helt tall");
    assert_problem(&rep, 4, "title", "Tittel må fylles ut");   /* an emptied title is refused, as on create */
    assert_int_equal(rep.nproblems, 2);
    buf_free(&x);
    /* Without the bad row it applies, with the date and text decoded. */
    close(mkstemps(path, 5));
    wb = workbook_new_opt(path, &opt);
    ws = workbook_add_worksheet(wb, "Ark1");
    for (int k = 0; k < 6; k++) {
        worksheet_write_string(ws, 0, (lxw_col_t)k, head[k], NULL);
    }
    worksheet_write_string(ws, 1, 0, "2021-2025", NULL);
    worksheet_write_string(ws, 1, 1, "1.1", NULL);
    worksheet_write_number(ws, 1, 2, 46203, NULL);
    worksheet_write_number(ws, 1, 3, 70, NULL);
    worksheet_write_string(ws, 1, 4, "Linje 1\r\nLinje 2 «æøå»", NULL);
    worksheet_write_string(ws, 1, 5, "Ny tittel", NULL);
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
    x = read_back(path);
    int rc = import(f, IO_XLSX, "ark.xlsx", x.data, x.len, true, &rep);
    if (rc) {
        dump(&rep);
        fail_msg("xlsx import: %d", rc);
    }
    assert_string_equal(field_of(f, "1.1", MF_END_DATE), "2026-06-30");
    assert_string_equal(field_of(f, "1.1", MF_PROGRESS), "70");
    assert_string_equal(field_of(f, "1.1", MF_DESCRIPTION), "Linje 1\r\nLinje 2 «æøå»");
    buf_free(&x);
}

/* A ZIP with the given entries (name, content pairs, NULL-terminated). */
static Buf make_zip(const char *first, ...)
{
    char path[] = "/tmp/samla-test-XXXXXX.zip";
    close(mkstemps(path, 4));
    int err;
    zip_t *z = zip_open(path, ZIP_TRUNCATE, &err);
    assert_non_null(z);
    va_list ap;
    va_start(ap, first);
    for (const char *name = first; name; name = va_arg(ap, const char *)) {
        const char *content = va_arg(ap, const char *);
        size_t len = va_arg(ap, size_t);
        zip_source_t *s = zip_source_buffer(z, content, len, 0);
        assert_true(zip_file_add(z, name, s, ZIP_FL_OVERWRITE) >= 0);
    }
    va_end(ap);
    assert_int_equal(zip_close(z), 0);
    return read_back(path);
}

static void test_xlsx_hostile(void **state)
{
    Fixture *f = *state;
    ImportReport rep;
    const char *before = checksum(f);
    assert_int_equal(import(f, IO_XLSX, "x.xlsx", "PK\3\4 not really", 16, true, &rep), E_INVALID);
    assert_problem(&rep, 0, NULL, "ikke et XLSX-regneark");
    static const char text[] = "hei";
    Buf z = make_zip("hello.txt", text, sizeof text - 1, NULL);
    assert_int_equal(import(f, IO_XLSX, "x.xlsx", z.data, z.len, true, &rep), E_INVALID);
    assert_problem(&rep, 0, NULL, "ingen arbeidsark");
    buf_free(&z);
    static const char laughs[] =
        "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]>"
        "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&lol2;</t></is></c></row>"
        "</sheetData></worksheet>";
    z = make_zip("xl/worksheets/sheet1.xml", laughs, sizeof laughs - 1, NULL);
    assert_int_equal(import(f, IO_XLSX, "x.xlsx", z.data, z.len, true, &rep), E_INVALID);
    assert_problem(&rep, 0, NULL, "DOCTYPE");
    buf_free(&z);
    static const char bad_ref[] = "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>5</v></c></row>"
                                  "</sheetData></worksheet>";
    z = make_zip("xl/worksheets/sheet1.xml", bad_ref, sizeof bad_ref - 1, NULL);
    assert_int_equal(import(f, IO_XLSX, "x.xlsx", z.data, z.len, true, &rep), E_INVALID);
    assert_problem(&rep, 0, NULL, "tekst som ikke finnes");
    buf_free(&z);
    static const char far[] = "<worksheet><sheetData><row r=\"1\"><c r=\"ZZZ1\"><v>1</v></c></row>"
                              "</sheetData></worksheet>";
    z = make_zip("xl/worksheets/sheet1.xml", far, sizeof far - 1, NULL);
    assert_int_equal(import(f, IO_XLSX, "x.xlsx", z.data, z.len, true, &rep), E_INVALID);
    assert_problem(&rep, 0, NULL, "utenfor");
    buf_free(&z);
    /* A zip bomb: 70 MB of spaces compress to almost nothing. */
    size_t big = 70u * 1024 * 1024;
    char *spaces = malloc(big);
    memcpy(spaces, "<worksheet>", 11);
    memset(spaces + 11, ' ', big - 11);
    z = make_zip("xl/worksheets/sheet1.xml", spaces, big, NULL);
    free(spaces);
    assert_true(z.len < 1024 * 1024);
    assert_int_equal(import(f, IO_XLSX, "x.xlsx", z.data, z.len, true, &rep), E_INVALID);
    assert_problem(&rep, 0, NULL, "for stort");
    buf_free(&z);
    assert_string_equal(checksum(f), before);
}

/* ---- pages and API ------------------------------------------------------------ */

static Req *request(Fixture *f, const Viewer *v, const char *method, const char *query, const char *ctype,
                    const char *body, size_t len)
{
    Req *r = arena_alloc(&f->a, sizeof *r);
    r->arena = &f->a;
    r->db = f->db;
    r->viewer = v;
    r->method = method;
    r->path = "/test";
    r->client = "test";
    r->status = 200;
    r->body_in = body;
    r->body_in_len = len;
    r->content_type_in = ctype;
    Err e = {0};
    assert_int_equal(url_parse_query(&f->a, query, strlen(query), &r->query, &e), 0);
    return r;
}

static const char *header(const Req *r, const char *name)
{
    for (int i = 0; i < r->nheaders; i++) {
        if (strcasecmp(r->headers[i][0], name) == 0) {
            return r->headers[i][1];
        }
    }
    return NULL;
}

static void test_export_handlers(void **state)
{
    Fixture *f = *state;
    Req *r = request(f, &g_anonymous, "GET", "format=csv&strategy=2021-2025", NULL, NULL, 0);
    assert_int_equal(measure_export_api(r), 200);
    assert_string_equal(r->content_type, "text/csv; charset=utf-8");
    assert_string_equal(header(r, "Content-Disposition"), "attachment; filename=\"tiltak-2021-2025.csv\"");
    assert_true(r->raw);
    assert_memory_equal(r->body.data, "\xEF\xBB\xBF", 3);
    buf_free(&r->body);
    r = request(f, &f->sek, "GET", "format=xlsx", NULL, NULL, 0);
    assert_int_equal(measure_export_api(r), 200);
    assert_string_equal(r->content_type, IO_XLSX_MIME);
    assert_string_equal(header(r, "Content-Disposition"), "attachment; filename=\"tiltak.xlsx\"");
    assert_memory_equal(r->body.data, "PK\3\4", 4);
    buf_free(&r->body);
    r = request(f, &g_anonymous, "GET", "format=xls", NULL, NULL, 0);
    assert_int_equal(measure_export_api(r), 400);
    buf_free(&r->body);
    r = request(f, &g_anonymous, "GET", "format=json&strategy=1999", NULL, NULL, 0);
    assert_int_equal(measure_export_api(r), 400);
    buf_free(&r->body);
    r = request(f, &g_anonymous, "GET", "format=json&strategy=2021-2025", NULL, NULL, 0);
    assert_int_equal(measure_export_page(r), 303);
    assert_string_equal(header(r, "Location"), "/api/v1/measures/export?format=json&strategy=2021-2025");
    buf_free(&r->body);
    r = request(f, &f->sek, "GET", "", NULL, NULL, 0);
    assert_int_equal(measure_export_page(r), 200);
    assert_non_null(strstr(r->body.data, "name=\"format\""));
    assert_non_null(strstr(r->body.data, "href=\"/measures/import\""));
    buf_free(&r->body);
}

static void test_import_api(void **state)
{
    Fixture *f = *state;
    const char *before = checksum(f);
    const char *bad = "strategy;number;status\r\n2021-2025;1.1;tull\r\n";
    Req *r = request(f, &f->sek, "POST", "apply=1", "text/csv; charset=utf-8", bad, strlen(bad));
    assert_int_equal(measure_import_api(r), 422);
    json_t *v = json_loads(r->body.data, 0, NULL);
    assert_false(json_is_true(json_object_get(v, "valid")));
    assert_false(json_is_true(json_object_get(v, "applied")));
    json_t *err = json_array_get(json_object_get(v, "errors"), 0);
    assert_int_equal(json_integer_value(json_object_get(err, "line")), 2);
    assert_string_equal(json_string_value(json_object_get(err, "column")), "status");
    /* The message names the value and what is allowed. */
    assert_non_null(strstr(json_string_value(json_object_get(err, "message")), "Ukjent status «tull». Tillatte verdier: "));
    assert_non_null(strstr(json_string_value(json_object_get(err, "message")), "Pågår (in_progress)"));
    json_decref(v);
    buf_free(&r->body);
    assert_string_equal(checksum(f), before);
    const char *good = "{\"measures\":[{\"strategy\":\"2021-2025\",\"number\":\"1.1\",\"status\":\"delayed\"}]}";
    r = request(f, &f->sek, "POST", "apply=0", NULL, good, strlen(good));   /* sniffed as JSON */
    assert_int_equal(measure_import_api(r), 200);
    v = json_loads(r->body.data, 0, NULL);
    assert_true(json_is_true(json_object_get(v, "valid")));
    assert_int_equal(json_integer_value(json_object_get(v, "change")), 1);
    assert_false(json_is_true(json_object_get(v, "applied")));
    json_decref(v);
    buf_free(&r->body);
    r = request(f, &f->sek, "POST", "apply=1&filename=fra-api.json", "application/json", good, strlen(good));
    assert_int_equal(measure_import_api(r), 200);
    v = json_loads(r->body.data, 0, NULL);
    assert_true(json_is_true(json_object_get(v, "applied")));
    json_decref(v);
    buf_free(&r->body);
    assert_string_equal(field_of(f, "1.1", MF_STATUS), "delayed");
    assert_string_equal(sql_text(f, "SELECT comment FROM record_version ORDER BY id DESC LIMIT 1"),
                        "Importert fra fra-api.json");
    r = request(f, &f->sek, "POST", "apply=2", "text/csv", good, strlen(good));
    assert_int_equal(measure_import_api(r), 400);
    buf_free(&r->body);
    r = request(f, &f->sek, "POST", "", "text/csv", NULL, 0);
    assert_int_equal(measure_import_api(r), 400);
    buf_free(&r->body);
    /* Without the right to manage measures (defence in depth). */
    r = request(f, &g_anonymous, "POST", "", "text/csv", bad, strlen(bad));
    assert_int_equal(measure_import_api(r), 403);
    buf_free(&r->body);
}

static const char *form_body(Fixture *f, const char *action, const char *filename, const char *content)
{
    return arena_printf(&f->a,
                        "--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\ntok\r\n"
                        "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"%s\"\r\n"
                        "Content-Type: text/csv\r\n\r\n%s\r\n"
                        "--XyZ\r\nContent-Disposition: form-data; name=\"action\"\r\n\r\n%s\r\n--XyZ--\r\n",
                        filename, content, action);
}

/* A sheet filled in by hand with the labels people see («Pågår», «Høy»,
 * nynorsk and English ones too) imports as the codes. */
static void test_import_labels(void **state)
{
    Fixture *f = *state;
    const char *csv = "strategy;number;status;priority;visibility\r\n"
                      "2021-2025;1.1;Pågår;Høy;Åpen\r\n"
                      "2021-2025;1.2;Not started;Low;Internal\r\n"
                      "2021-2025;1.5;pågår;Middels;Intern\r\n";
    ImportReport rep;
    assert_int_equal(import_str(f, IO_CSV, csv, true, &rep), 0);
    assert_true(rep.applied);
    MeasureText t;
    Err e = {0};
    int64_t id = measure_id(f, "1.1");
    assert_int_equal(measure_text_get(f->db, &f->a, &CLI, id, &t, &e), 0);
    assert_string_equal(t.v[MF_STATUS], "in_progress");
    assert_string_equal(t.v[MF_PRIORITY], "high");
    id = measure_id(f, "1.2");
    assert_int_equal(measure_text_get(f->db, &f->a, &CLI, id, &t, &e), 0);
    assert_string_equal(t.v[MF_STATUS], "not_started");
    assert_string_equal(t.v[MF_PRIORITY], "low");
    assert_string_equal(t.v[MF_VISIBILITY], "internal");
}

static void test_import_page(void **state)
{
    Fixture *f = *state;
    const char *ct = "multipart/form-data; boundary=XyZ";
    Req *r = request(f, &f->sek, "GET", "", NULL, NULL, 0);
    assert_int_equal(measure_import_page(r), 200);
    assert_non_null(strstr(r->body.data, "enctype=\"multipart/form-data\""));
    assert_non_null(strstr(r->body.data, "Bare kontroller"));
    buf_free(&r->body);
    const char *before = checksum(f);
    const char *body = form_body(f, "apply", "C:\\Users\\x\\tiltak.csv", "strategy;number;status\r\n2021-2025;1.1;tull");
    r = request(f, &f->sek, "POST", "", ct, body, strlen(body));
    assert_int_equal(measure_import_post(r), 422);
    assert_non_null(strstr(r->body.data, "<td class=\"num\">2</td><td>status</td><td>Ukjent status «tull»."));
    assert_non_null(strstr(r->body.data, "Filen har 1 problem."));
    buf_free(&r->body);
    assert_string_equal(checksum(f), before);
    body = form_body(f, "check", "tiltak.csv", "strategy;number;status\r\n2021-2025;1.1;done");
    r = request(f, &f->sek, "POST", "", ct, body, strlen(body));
    assert_int_equal(measure_import_post(r), 422);   /* "done" is no status: completed is */
    buf_free(&r->body);
    body = form_body(f, "check", "tiltak.csv", "strategy;number;status\r\n2021-2025;1.1;completed");
    r = request(f, &f->sek, "POST", "", ct, body, strlen(body));
    assert_int_equal(measure_import_post(r), 200);
    assert_non_null(strstr(r->body.data, "Filen er i orden: 0 blir opprettet, 1 endret, 0 uendret."));
    /* The preview says field by field what will change. */
    assert_non_null(strstr(r->body.data, "<li>Status: <span class=\"diff-old\">"));
    assert_non_null(strstr(r->body.data, "</span> → Fullført</li>"));
    /* The checked file comes back in the page, so it applies without choosing it again. */
    const char *hex = strstr(r->body.data, "name=\"checked-data\" value=\"");
    assert_non_null(hex);
    hex += strlen("name=\"checked-data\" value=\"");
    char *hexcopy = arena_strndup(&f->a, hex, (size_t)(strchr(hex, '"') - hex));
    buf_free(&r->body);
    assert_string_equal(checksum(f), before);   /* checking wrote nothing */
    body = arena_printf(&f->a, "--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\ntok\r\n"
                                   "--XyZ\r\nContent-Disposition: form-data; name=\"action\"\r\n\r\napply\r\n"
                                   "--XyZ\r\nContent-Disposition: form-data; name=\"checked-name\"\r\n\r\ntiltak.csv\r\n"
                                   "--XyZ\r\nContent-Disposition: form-data; name=\"checked-data\"\r\n\r\n%s\r\n"
                                   "--XyZ--\r\n", hexcopy);
    r = request(f, &f->sek, "POST", "", ct, body, strlen(body));
    assert_int_equal(measure_import_post(r), 200);
    assert_non_null(strstr(r->body.data, "Importert: 0 nye, 1 endret, 0 uendret."));
    buf_free(&r->body);
    body = form_body(f, "apply", "C:\\Users\\x\\tiltak.csv", "strategy;number;status\r\n2021-2025;1.1;delayed");
    r = request(f, &f->sek, "POST", "", ct, body, strlen(body));
    assert_int_equal(measure_import_post(r), 200);
    assert_non_null(strstr(r->body.data, "Importert: 0 nye, 1 endret, 0 uendret."));
    buf_free(&r->body);
    assert_string_equal(sql_text(f, "SELECT comment FROM record_version ORDER BY id DESC LIMIT 1"),
                        "Importert fra tiltak.csv");
    body = form_body(f, "apply", "", "");
    r = request(f, &f->sek, "POST", "", ct, body, strlen(body));
    assert_int_equal(measure_import_post(r), 400);
    assert_non_null(strstr(r->body.data, "Velg en fil"));
    buf_free(&r->body);
    r = request(f, &f->sek, "POST", "", ct, "--XyZ\r\ngarbage", 14);
    assert_int_equal(measure_import_post(r), 400);
    buf_free(&r->body);
}

static void test_formats_and_names(void **state)
{
    Fixture *f = *state;
    IoFormat fmt;
    assert_true(measure_io_format("XLSX", &fmt) && fmt == IO_XLSX);
    assert_false(measure_io_format("xls", &fmt));
    assert_int_equal(measure_io_sniff("a.JSON", "x", 1), IO_JSON);
    assert_int_equal(measure_io_sniff("a.txt", "PK\3\4", 4), IO_XLSX);
    assert_int_equal(measure_io_sniff(NULL, "\xEF\xBB\xBF \n{", 6), IO_JSON);
    assert_int_equal(measure_io_sniff("data", "strategy;number", 15), IO_CSV);
    assert_true(measure_io_mime_format("text/csv; charset=utf-8", &fmt) && fmt == IO_CSV);
    assert_true(measure_io_mime_format(IO_XLSX_MIME, &fmt) && fmt == IO_XLSX);
    assert_false(measure_io_mime_format("application/octet-stream", &fmt));
    assert_string_equal(measure_io_filename(&f->a, IO_JSON, "2021-2025"), "tiltak-2021-2025.json");
    assert_string_equal(measure_io_filename(&f->a, IO_CSV, "a\"b/c"), "tiltak-a_b_c.csv");
    ImportReport rep;
    Err e = {0};
    Viewer reader = g_anonymous;
    reader.caps = CAP_READ_INTERNAL;
    assert_int_equal(measure_import(f->db, &f->a, &reader, "t", IO_CSV, "x", "a", 1, true, &rep, &e), E_FORBIDDEN);
}

int main(void)
{
    if (!auth_init()) {
        return 1;
    }
#define UT(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        UT(test_roundtrip_csv),       UT(test_roundtrip_xlsx),        UT(test_roundtrip_json),
        UT(test_every_problem_reported), UT(test_rejects_bad_text),   UT(test_apply_creates_versions),
        UT(test_separators_and_bom),  UT(test_anonymous_export),      UT(test_json_import),
        UT(test_xlsx_as_excel_writes_it), UT(test_xlsx_hostile),      UT(test_export_handlers),
        UT(test_import_api),          UT(test_import_page),           UT(test_formats_and_names),
        UT(test_import_labels),        UT(test_roundtrip_labels),
    };
    return cmocka_run_group_tests_name("io", tests, NULL, NULL);
}
