/* measure_edit.c: see measure_edit.h. */
#include "app/measure/measure_edit.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "app/core/access.h"
#include "app/core/audit.h"
#include "app/core/content.h"
#include "app/core/i18n.h"
#include "app/core/record.h"
#include "base/buf.h"
#include "base/util.h"

const MeasureFieldDef g_measure_fields[MF_COUNT] = {
    [MF_STRATEGY] = {"strategy", N_("Strategiperiode"), false},
    [MF_NUMBER] = {"number", N_("Nummer"), false},
    [MF_TITLE] = {"title", N_("Tittel"), false},
    [MF_GOAL_AREA] = {"goal_area", N_("Målområde"), false},
    [MF_THEME] = {"theme", N_("Innsatsområde"), false},
    [MF_DESCRIPTION] = {"description", N_("Beskrivelse"), false},
    [MF_OWNER] = {"owner", N_("Ansvarlig departement"), false},
    [MF_PARTICIPANTS] = {"participants", N_("Deltakende departementer"), false},
    [MF_RESPONSIBLE] = {"responsible", N_("Ansvarlig person eller enhet"), false},
    [MF_STATUS] = {"status", N_("Status"), true},
    [MF_PRIORITY] = {"priority", N_("Prioritet"), false},
    [MF_START_DATE] = {"start_date", N_("Startdato"), false},
    [MF_END_DATE] = {"end_date", N_("Frist"), false},
    [MF_PROGRESS] = {"progress", N_("Fremdrift (prosent)"), true},
    [MF_WEIGHT] = {"weight", N_("Vekt"), false},
    [MF_ROLLUP] = {"rollup", N_("Fremdrift for deltiltak"), false},
    [MF_PARENT] = {"parent", N_("Deltiltak av"), false},
    [MF_PREDECESSOR] = {"predecessor", N_("Videreført fra"), false},
    [MF_DEVELOPMENT_AREAS] = {"development_areas", N_("Utviklingsområder"), false},
    [MF_DIRECTIONS] = {"directions", N_("Retningsvalg"), false},
    [MF_MILESTONES] = {"milestones", N_("Milepæler"), true},
    [MF_VISIBILITY] = {"visibility", N_("Synlighet"), false},
    [MF_EXEMPTION_BASIS] = {"exemption_basis", N_("Unntatt offentlighet"), false},
    [MF_PUBLIC_TITLE] = {"public_title", N_("Offentlig tittel"), false},
};

int measure_field_index(const char *name)
{
    for (int i = 0; i < MF_COUNT; i++) {
        if (str_eq(g_measure_fields[i].name, name)) {
            return i;
        }
    }
    return -1;
}

bool measure_sort_key(const char *number, int64_t *key)
{
    int64_t parts[3] = {0, 0, 0};
    int n = 0;
    const char *p = number;
    while (n < 3) {
        int digits = 0;
        int64_t v = 0;
        while (*p >= '0' && *p <= '9' && digits < 4) {
            v = v * 10 + (*p++ - '0');
            digits++;
        }
        if (digits == 0 || v > 999 || (n == 0 && v == 0)) {
            return false;
        }
        parts[n++] = v;
        if (*p != '.') {
            break;
        }
        p++;
    }
    if (*p || n < 2) {
        return false;
    }
    *key = parts[0] * 1000000 + parts[1] * 1000 + parts[2];
    return true;
}

bool measure_can_edit(const Viewer *v)
{
    return can(v, CAP_MEASURE_MANAGE) && !v->read_only;
}

bool measure_can_report(const Viewer *v, const Measure *m)
{
    return measure_can_edit(v) || (m->owner_id && perm_can_report_for(v, m->owner_id));
}

/* ---- reading the text form ------------------------------------------------ */

/* Join the first column of every row of s with sep. */
static const char *join_rows(Stmt *s, Arena *a, const char *sep)
{
    Buf b = {0};
    while (db_step(s) == DB_ROW) {
        if (b.len) {
            buf_puts(&b, sep);
        }
        buf_puts(&b, db_col_text(s, 0));
    }
    db_done(s);
    const char *out = arena_strdup(a, buf_str(&b));
    buf_free(&b);
    return out;
}

int measure_text_get(Db *db, Arena *a, const Viewer *v, int64_t id, MeasureText *out, Err *e)
{
    Measure m;
    if (measure_get(db, a, v, id, &m, e)) {
        return E_NOTFOUND;
    }
    memset(out, 0, sizeof *out);
    const char **f = out->v;
    f[MF_STRATEGY] = m.strategy_slug;
    f[MF_NUMBER] = m.number;
    f[MF_TITLE] = m.title;
    f[MF_GOAL_AREA] = m.goal_area_number ? arena_printf(a, "%d", m.goal_area_number) : "";
    f[MF_THEME] = m.theme;
    f[MF_DESCRIPTION] = m.description;
    f[MF_OWNER] = m.owner_code ? m.owner_code : "";
    f[MF_RESPONSIBLE] = m.responsible ? m.responsible : "";
    f[MF_STATUS] = m.status;
    f[MF_PRIORITY] = m.priority ? m.priority : "";
    f[MF_START_DATE] = m.start_date ? m.start_date : "";
    f[MF_END_DATE] = m.end_date ? m.end_date : "";
    f[MF_PROGRESS] = arena_printf(a, "%d", m.own_progress);
    f[MF_WEIGHT] = arena_printf(a, "%d", m.weight);
    f[MF_ROLLUP] = m.rollup;
    f[MF_PARENT] = m.parent_number ? m.parent_number : "";
    f[MF_VISIBILITY] = m.visibility;
    f[MF_EXEMPTION_BASIS] = m.exemption_basis ? m.exemption_basis : "";
    f[MF_PUBLIC_TITLE] = m.public_title && !m.masked ? m.public_title : (m.masked ? m.title : "");
    Stmt *s = db_prepare(db, "SELECT ps.slug || ':' || p.number FROM measure m JOIN measure p ON p.id = m.predecessor_id "
                             "JOIN strategy ps ON ps.id = p.strategy_id WHERE m.id = ?1");
    db_bind_int(s, 1, id);
    f[MF_PREDECESSOR] = join_rows(s, a, "");
    s = db_prepare(db, "SELECT mi.code FROM measure_participant p JOIN ministry mi ON mi.id = p.ministry_id "
                       "WHERE p.measure_id = ?1 ORDER BY mi.code");
    db_bind_int(s, 1, id);
    f[MF_PARTICIPANTS] = join_rows(s, a, ", ");
    s = db_prepare(db, "SELECT d.number FROM measure_development_area x JOIN development_area d "
                       "ON d.id = x.development_area_id WHERE x.measure_id = ?1 ORDER BY d.number");
    db_bind_int(s, 1, id);
    f[MF_DEVELOPMENT_AREAS] = join_rows(s, a, ", ");
    s = db_prepare(db, "SELECT g.number || '.' || d.position FROM measure_direction x JOIN direction d "
                       "ON d.id = x.direction_id JOIN goal_area g ON g.id = d.goal_area_id WHERE x.measure_id = ?1 "
                       "ORDER BY g.number, d.position");
    db_bind_int(s, 1, id);
    f[MF_DIRECTIONS] = join_rows(s, a, ", ");
    s = db_prepare(db, "SELECT CASE done WHEN 1 THEN '[x] ' ELSE '[ ] ' END || ifnull(due_date, '-') || ' ' || title "
                       "FROM milestone WHERE measure_id = ?1 ORDER BY position");
    db_bind_int(s, 1, id);
    f[MF_MILESTONES] = join_rows(s, a, "\n");
    return 0;
}

/* ---- validation ------------------------------------------------------------- */

typedef struct Errors {
    Arena *a;
    FieldError *v;
    size_t n, cap;
} Errors;

static void add_err(Errors *E, int field, const char *msg)
{
    FieldError *fe = arena_push(E->a, &E->v, &E->n, &E->cap, sizeof *E->v);
    fe->field = field;
    fe->msg = arena_strdup(E->a, msg);
}

/* Split a comma list into trimmed items (arena). */
static size_t split_list(Arena *a, const char *s, char sep, const char ***out)
{
    size_t len = 0, cap = 0;
    const char **v = NULL;
    while (s && *s) {
        const char *end = strchr(s, sep);
        size_t n = end ? (size_t)(end - s) : strlen(s);
        const char *b = s, *e = s + n;
        while (b < e && (*b == ' ' || *b == '\t' || *b == '\r')) {
            b++;
        }
        while (e > b && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r')) {
            e--;
        }
        if (e > b) {
            *(const char **)arena_push(a, &v, &len, &cap, sizeof *v) = arena_strndup(a, b, (size_t)(e - b));
        }
        s = end ? end + 1 : s + n;
    }
    *out = v;
    return len;
}

typedef struct Milestone {
    const char *title, *due;   /* due NULL: none */
    bool done;
} Milestone;

/* Parse the milestone lines; false with *bad_line (1-based) on error. */
static bool parse_milestones(Arena *a, const char *s, Milestone **out, size_t *n, size_t *bad_line)
{
    const char **lines;
    size_t nl = split_list(a, s, '\n', &lines);
    Milestone *v = arena_alloc(a, (nl ? nl : 1) * sizeof *v);
    for (size_t i = 0; i < nl; i++) {
        const char *l = lines[i];
        *bad_line = i + 1;
        if (strncmp(l, "[x] ", 4) != 0 && strncmp(l, "[X] ", 4) != 0 && strncmp(l, "[ ] ", 4) != 0) {
            return false;
        }
        v[i].done = l[1] != ' ';
        l += 4;
        const char *sp = strchr(l, ' ');
        if (!sp) {
            return false;
        }
        char *due = arena_strndup(a, l, (size_t)(sp - l));
        if (!str_eq(due, "-") && !date_valid(due)) {
            return false;
        }
        v[i].due = str_eq(due, "-") ? NULL : due;
        v[i].title = sp + 1;
        if (!*v[i].title || strlen(v[i].title) > 300) {
            return false;
        }
    }
    *out = v;
    *n = nl;
    return true;
}

static int64_t lookup_int(Db *db, const char *sql, int64_t p1, const char *p2)
{
    Stmt *s = db_prepare(db, sql);
    db_bind_int(s, 1, p1);
    db_bind_text(s, 2, p2);
    int64_t v = db_step(s) == DB_ROW ? db_col_int(s, 0) : 0;
    db_done(s);
    return v;
}

static int64_t strategy_of(Db *db, const char *slug)
{
    return lookup_int(db, "SELECT id FROM strategy WHERE slug = ?2 OR ?1 < 0", 0, slug);
}

static int64_t measure_by_number(Db *db, int64_t strategy_id, const char *number)
{
    return lookup_int(db, "SELECT id FROM measure WHERE strategy_id = ?1 AND number = ?2", strategy_id, number);
}

static int64_t ministry_by_code(Db *db, const char *code)
{
    return lookup_int(db, "SELECT id FROM ministry WHERE code = upper(?2) OR ?1 < 0", 0, code);
}

/* Normalise Norwegian priority words to codes. */
static const char *norm_priority(const char *p)
{
    /* The codes, and the labels in bokmål, nynorsk and English. */
    if (!strcasecmp(p, "høy") || !strcasecmp(p, "Høy") || !strcasecmp(p, "høg") || !strcasecmp(p, "Høg") ||
        !strcasecmp(p, "high")) {
        return "high";
    }
    if (!strcasecmp(p, "middels") || !strcasecmp(p, "medium")) {
        return "medium";
    }
    if (!strcasecmp(p, "lav") || !strcasecmp(p, "låg") || !strcasecmp(p, "Låg") || !strcasecmp(p, "low")) {
        return "low";
    }
    return p;
}

/* NULL, empty, or nothing but spaces: a required field left out. */
static bool blank(const char *s)
{
    while (s && (*s == ' ' || *s == '\t')) {
        s++;
    }
    return !s || !*s;
}

size_t measure_validate(Db *db, Arena *a, int64_t id, const MeasureText *in, FieldError **errs)
{
    Errors E = {.a = a};
    const char *const *f = in->v;
    int64_t strategy_id = 0;
    if (id) {
        strategy_id = lookup_int(db, "SELECT strategy_id FROM measure WHERE id = ?1", id, NULL);
        if (f[MF_STRATEGY] && strategy_id != strategy_of(db, f[MF_STRATEGY])) {
            add_err(&E, MF_STRATEGY, N_("Et tiltak kan ikke flyttes til en annen strategiperiode."));
        }
        /* What creating requires cannot be emptied by a change either. */
        if (f[MF_NUMBER] && blank(f[MF_NUMBER])) {
            add_err(&E, MF_NUMBER, N_("Nummer må fylles ut."));
        }
        if (f[MF_TITLE] && blank(f[MF_TITLE])) {
            add_err(&E, MF_TITLE, N_("Tittel må fylles ut."));
        }
    } else {
        if (!f[MF_STRATEGY] || !*f[MF_STRATEGY]) {
            add_err(&E, MF_STRATEGY, N_("Strategiperiode må fylles ut."));
        } else if (!(strategy_id = strategy_of(db, f[MF_STRATEGY]))) {
            add_err(&E, MF_STRATEGY, N_("Ukjent strategiperiode."));
        }
        if (blank(f[MF_NUMBER])) {
            add_err(&E, MF_NUMBER, N_("Nummer må fylles ut."));
        }
        if (blank(f[MF_TITLE])) {
            add_err(&E, MF_TITLE, N_("Tittel må fylles ut."));
        }
    }
    /* Text limits, control characters and security grades for every field. */
    static const struct {
        int field;
        size_t max;
        bool multiline;
    } limits[] = {{MF_NUMBER, 11, false},       {MF_TITLE, 300, false},          {MF_THEME, 300, false},
                  {MF_DESCRIPTION, 10000, true}, {MF_RESPONSIBLE, 200, false},   {MF_PUBLIC_TITLE, 300, false},
                  {MF_MILESTONES, 20000, true},  {MF_PARTICIPANTS, 400, false},  {MF_STRATEGY, 40, false},
                  {MF_GOAL_AREA, 4, false},      {MF_OWNER, 16, false},          {MF_STATUS, 40, false},
                  {MF_PRIORITY, 10, false},      {MF_START_DATE, 10, false},     {MF_END_DATE, 10, false},
                  {MF_PROGRESS, 3, false},       {MF_WEIGHT, 4, false},          {MF_ROLLUP, 10, false},
                  {MF_PARENT, 11, false},        {MF_PREDECESSOR, 60, false},    {MF_DEVELOPMENT_AREAS, 40, false},
                  {MF_DIRECTIONS, 200, false},   {MF_VISIBILITY, 12, false},     {MF_EXEMPTION_BASIS, 40, false}};
    bool text_ok[MF_COUNT];
    for (size_t i = 0; i < COUNT(limits); i++) {
        int k = limits[i].field;
        Err e = {0};
        text_ok[k] = true;
        if (f[k] && content_check_text(f[k], limits[i].max, limits[i].multiline, g_measure_fields[k].label, &e)) {
            add_err(&E, k, e.msg);
            text_ok[k] = false;
        }
    }
#define CHECK(k) (f[k] && *f[k] && text_ok[k])
    int64_t key;
    if (CHECK(MF_NUMBER)) {
        if (!measure_sort_key(f[MF_NUMBER], &key)) {
            add_err(&E, MF_NUMBER, N_("Nummeret må være på formen 2.4 eller 2.4.1."));
        } else if (strategy_id) {
            int64_t other = measure_by_number(db, strategy_id, f[MF_NUMBER]);
            if (other && other != id) {
                add_err(&E, MF_NUMBER, N_("Det finnes allerede et tiltak med dette nummeret i perioden."));
            }
        }
    }
    if (CHECK(MF_GOAL_AREA)) {
        long long n;
        if (!parse_int(f[MF_GOAL_AREA], 1, 99, &n) ||
            !lookup_int(db, "SELECT id FROM goal_area WHERE strategy_id = ?1 AND number = CAST(?2 AS INTEGER)",
                        strategy_id, f[MF_GOAL_AREA])) {
            add_err(&E, MF_GOAL_AREA, N_("Ukjent målområde for denne strategiperioden."));
        }
    }
    if (CHECK(MF_OWNER) && !ministry_by_code(db, f[MF_OWNER])) {
        add_err(&E, MF_OWNER, arena_printf(a, N_("Ukjent departement: %s."), f[MF_OWNER]));
    }
    if (CHECK(MF_PARTICIPANTS)) {
        const char **codes;
        size_t n = split_list(a, f[MF_PARTICIPANTS], ',', &codes);
        for (size_t i = 0; i < n; i++) {
            if (!ministry_by_code(db, codes[i])) {
                add_err(&E, MF_PARTICIPANTS, arena_printf(a, N_("Ukjent departement: %s."), codes[i]));
            }
        }
    }
    if (f[MF_STATUS] && *f[MF_STATUS] && text_ok[MF_STATUS] && !measure_status_valid(db, f[MF_STATUS])) {
        /* Say what was given and what is allowed (the codes and the labels). */
        MeasureStatus *sts;
        size_t nst = 0;
        Buf allowed = {0};
        if (measure_status_list(db, a, &sts, &nst, NULL) == 0) {
            for (size_t i = 0; i < nst; i++) {
                if (sts[i].active) {
                    buf_printf(&allowed, "%s%s (%s)", allowed.len ? ", " : "", sts[i].label, sts[i].code);
                }
            }
        }
        add_err(&E, MF_STATUS, arena_printf(a, N_("Ukjent status «%s». Tillatte verdier: %s."), f[MF_STATUS],
                                            buf_str(&allowed)));
        buf_free(&allowed);
    }
    if (CHECK(MF_PRIORITY)) {
        const char *p = norm_priority(f[MF_PRIORITY]);
        if (!str_eq(p, "high") && !str_eq(p, "medium") && !str_eq(p, "low")) {
            add_err(&E, MF_PRIORITY, arena_printf(a, N_("Ukjent prioritet «%s». Tillatte verdier: Høy (high), "
                                                        "Middels (medium), Lav (low)."), f[MF_PRIORITY]));
        }
    }
    for (int k = MF_START_DATE; k <= MF_END_DATE; k++) {
        if (CHECK(k) && !date_valid(f[k])) {
            add_err(&E, k, arena_printf(a, N_("%-s må være en dato på formen ÅÅÅÅ-MM-DD."), g_measure_fields[k].label));
        }
    }
    if (CHECK(MF_START_DATE) && CHECK(MF_END_DATE) && date_valid(f[MF_START_DATE]) && date_valid(f[MF_END_DATE]) &&
        strcmp(f[MF_END_DATE], f[MF_START_DATE]) < 0) {
        add_err(&E, MF_END_DATE, N_("Fristen kan ikke være før startdatoen."));
    }
    long long n;
    if (f[MF_PROGRESS] && text_ok[MF_PROGRESS] && !parse_int(f[MF_PROGRESS], 0, 100, &n)) {
        add_err(&E, MF_PROGRESS, N_("Fremdrift må være et helt tall fra 0 til 100."));
    }
    if (f[MF_WEIGHT] && text_ok[MF_WEIGHT] && !parse_int(f[MF_WEIGHT], 0, 1000, &n)) {
        add_err(&E, MF_WEIGHT, N_("Vekt må være et helt tall fra 0 til 1000."));
    }
    if (f[MF_ROLLUP] && text_ok[MF_ROLLUP] && !str_eq(f[MF_ROLLUP], "plain") && !str_eq(f[MF_ROLLUP], "weighted")) {
        add_err(&E, MF_ROLLUP, arena_printf(a, N_("Ukjent verdi for fremdrift for deltiltak «%s». Tillatte verdier: "
                                                  "Gjennomsnitt (plain), Vektet gjennomsnitt (weighted)."),
                                            f[MF_ROLLUP]));
    }
    if (CHECK(MF_PARENT) && strategy_id) {
        int64_t pid = measure_by_number(db, strategy_id, f[MF_PARENT]);
        if (!pid) {
            add_err(&E, MF_PARENT, N_("Fant ikke tiltaket det skal være deltiltak av."));
        } else if (pid == id) {
            add_err(&E, MF_PARENT, N_("Et tiltak kan ikke være deltiltak av seg selv."));
        } else if (id && lookup_int(db, "WITH RECURSIVE up(x) AS (SELECT ?1 UNION SELECT parent_id FROM measure, up "
                                        "WHERE measure.id = up.x AND parent_id IS NOT NULL) "
                                        "SELECT count(*) FROM up WHERE x = CAST(?2 AS INTEGER)",
                                    pid, arena_printf(a, "%lld", (long long)id))) {
            add_err(&E, MF_PARENT, N_("Det ville gitt en sirkel av deltiltak."));
        }
    }
    if (CHECK(MF_PREDECESSOR)) {
        const char *colon = strchr(f[MF_PREDECESSOR], ':');
        int64_t ps = colon ? strategy_of(db, arena_strndup(a, f[MF_PREDECESSOR], (size_t)(colon - f[MF_PREDECESSOR])))
                           : 0;
        int64_t pid = ps ? measure_by_number(db, ps, colon + 1) : 0;
        if (!pid || ps == strategy_id) {
            add_err(&E, MF_PREDECESSOR, N_("Videreført fra må vise til et tiltak i en annen periode, som 2016-2020:3.2."));
        }
    }
    if (CHECK(MF_DEVELOPMENT_AREAS)) {
        const char **items;
        size_t k = split_list(a, f[MF_DEVELOPMENT_AREAS], ',', &items);
        for (size_t i = 0; i < k; i++) {
            if (!parse_int(items[i], 1, 99, &n) ||
                !lookup_int(db, "SELECT id FROM development_area WHERE strategy_id = ?1 AND number = CAST(?2 AS INTEGER)",
                            strategy_id, items[i])) {
                add_err(&E, MF_DEVELOPMENT_AREAS, arena_printf(a, N_("Ukjent utviklingsområde: %s."), items[i]));
            }
        }
    }
    if (CHECK(MF_DIRECTIONS)) {
        const char **items;
        size_t k = split_list(a, f[MF_DIRECTIONS], ',', &items);
        for (size_t i = 0; i < k; i++) {
            if (!lookup_int(db, "SELECT d.id FROM direction d JOIN goal_area g ON g.id = d.goal_area_id "
                                "WHERE g.strategy_id = ?1 AND g.number || '.' || d.position = ?2",
                            strategy_id, items[i])) {
                add_err(&E, MF_DIRECTIONS, arena_printf(a, N_("Ukjent retningsvalg: %s."), items[i]));
            }
        }
    }
    if (CHECK(MF_MILESTONES)) {
        Milestone *ms;
        size_t nm, bad = 0;
        if (!parse_milestones(a, f[MF_MILESTONES], &ms, &nm, &bad)) {
            add_err(&E, MF_MILESTONES,
                    arena_printf(a, N_("Milepæl på linje %zu må være på formen «[ ] 2026-06-30 Tittel» eller «[x] - Tittel»."),
                                 bad));
        }
    }
    if (f[MF_VISIBILITY] && text_ok[MF_VISIBILITY] && !str_eq(f[MF_VISIBILITY], "public") &&
        !str_eq(f[MF_VISIBILITY], "internal") && !str_eq(f[MF_VISIBILITY], "restricted")) {
        add_err(&E, MF_VISIBILITY, arena_printf(a, N_("Ukjent synlighet «%s». Tillatte verdier: Åpen (public), Intern "
                                                      "(internal), Begrenset tilgang (restricted)."),
                                                f[MF_VISIBILITY]));
    }
    if (CHECK(MF_EXEMPTION_BASIS) &&
        !lookup_int(db, "SELECT 1 FROM exemption_basis WHERE code = ?2 OR ?1 < 0", 0, f[MF_EXEMPTION_BASIS])) {
        add_err(&E, MF_EXEMPTION_BASIS, N_("Ukjent hjemmel for unntak fra offentlighet."));
    }
#undef CHECK
    *errs = E.v;
    return E.n;
}

/* ---- saving ------------------------------------------------------------------ */

static int exec_ids(Db *db, const char *sql, int64_t id, const char *p2)
{
    Stmt *s = db_prepare(db, sql);
    db_bind_int(s, 1, id);
    db_bind_text(s, 2, p2);
    int rc = db_step(s) == DB_DONE ? 0 : E_DB;
    db_done(s);
    return rc;
}

static const char *or_null(const char *s)
{
    return s && *s ? s : NULL;
}

/* Write the scalar and set-valued fields of t to measure id. */
static int write_fields(Db *db, Arena *a, int64_t id, int64_t strategy_id, const MeasureText *t, int version)
{
    const char *const *f = t->v;
    int64_t key = 0;
    measure_sort_key(f[MF_NUMBER], &key);
    (void)version;
    Stmt *s = db_prepare(db, "UPDATE measure SET number = ?2, sort_key = ?3, theme = ?5, description = ?6, "
                             "goal_area_id = (SELECT id FROM goal_area WHERE strategy_id = ?7 AND number = ?8), "
                             "responsible = ?10, "
                             "status = ?11, priority = ?12, start_date = ?13, end_date = ?14, progress = ?15, "
                             "weight = ?16, rollup = ?17, parent_id = (SELECT id FROM measure WHERE strategy_id = ?7 "
                             "AND number = ?18) WHERE id = ?1");
    db_bind_int(s, 1, id);
    db_bind_text(s, 2, f[MF_NUMBER]);
    db_bind_int(s, 3, key);
    db_bind_text(s, 5, f[MF_THEME]);
    db_bind_text(s, 6, f[MF_DESCRIPTION]);
    db_bind_int(s, 7, strategy_id);
    db_bind_text(s, 8, or_null(f[MF_GOAL_AREA]));
    db_bind_text(s, 10, f[MF_RESPONSIBLE]);
    db_bind_text(s, 11, f[MF_STATUS]);
    db_bind_text(s, 12, or_null(f[MF_PRIORITY]));
    db_bind_text(s, 13, or_null(f[MF_START_DATE]));
    db_bind_text(s, 14, or_null(f[MF_END_DATE]));
    db_bind_int(s, 15, atoi(f[MF_PROGRESS]));
    db_bind_int(s, 16, atoi(f[MF_WEIGHT]));
    db_bind_text(s, 17, f[MF_ROLLUP]);
    db_bind_text(s, 18, or_null(f[MF_PARENT]));
    int rc = db_step(s) == DB_DONE ? 0 : E_DB;
    db_done(s);
    /* The fields every record has live in the record. */
    s = db_prepare(db, "UPDATE record SET title = ?2, owner_ministry_id = (SELECT id FROM ministry WHERE code = upper(?3)), "
                       "visibility = ?4, exemption_basis = ?5, public_title = ?6 WHERE id = ?1");
    db_bind_int(s, 1, id);
    db_bind_text(s, 2, f[MF_TITLE]);
    db_bind_text(s, 3, or_null(f[MF_OWNER]));
    db_bind_text(s, 4, f[MF_VISIBILITY]);
    db_bind_text(s, 5, or_null(f[MF_EXEMPTION_BASIS]));
    db_bind_text(s, 6, or_null(f[MF_PUBLIC_TITLE]));
    rc |= db_step(s) == DB_DONE ? 0 : E_DB;
    db_done(s);
    const char *pred = or_null(f[MF_PREDECESSOR]);
    const char *colon = pred ? strchr(pred, ':') : NULL;
    s = db_prepare(db, "UPDATE measure SET predecessor_id = (SELECT p.id FROM measure p JOIN strategy ps ON "
                       "ps.id = p.strategy_id WHERE ps.slug = ?2 AND p.number = ?3) WHERE id = ?1");
    db_bind_int(s, 1, id);
    db_bind_text(s, 2, colon ? arena_strndup(a, pred, (size_t)(colon - pred)) : NULL);
    db_bind_text(s, 3, colon ? colon + 1 : NULL);
    rc |= db_step(s) == DB_DONE ? 0 : E_DB;
    db_done(s);
    const char **items;
    size_t n;
    rc |= exec_ids(db, "DELETE FROM measure_participant WHERE measure_id = ?1", id, NULL);
    n = split_list(a, f[MF_PARTICIPANTS], ',', &items);
    for (size_t i = 0; i < n; i++) {
        rc |= exec_ids(db, "INSERT OR IGNORE INTO measure_participant (measure_id, ministry_id) "
                           "SELECT ?1, id FROM ministry WHERE code = upper(?2)", id, items[i]);
    }
    rc |= exec_ids(db, "DELETE FROM measure_development_area WHERE measure_id = ?1", id, NULL);
    n = split_list(a, f[MF_DEVELOPMENT_AREAS], ',', &items);
    for (size_t i = 0; i < n; i++) {
        rc |= exec_ids(db, "INSERT OR IGNORE INTO measure_development_area (measure_id, development_area_id) "
                           "SELECT ?1, d.id FROM development_area d JOIN measure m ON m.id = ?1 "
                           "WHERE d.strategy_id = m.strategy_id AND d.number = CAST(?2 AS INTEGER)", id, items[i]);
    }
    rc |= exec_ids(db, "DELETE FROM measure_direction WHERE measure_id = ?1", id, NULL);
    n = split_list(a, f[MF_DIRECTIONS], ',', &items);
    for (size_t i = 0; i < n; i++) {
        rc |= exec_ids(db, "INSERT OR IGNORE INTO measure_direction (measure_id, direction_id) "
                           "SELECT ?1, d.id FROM direction d JOIN goal_area g ON g.id = d.goal_area_id "
                           "JOIN measure m ON m.id = ?1 WHERE g.strategy_id = m.strategy_id "
                           "AND g.number || '.' || d.position = ?2", id, items[i]);
    }
    rc |= exec_ids(db, "DELETE FROM milestone WHERE measure_id = ?1", id, NULL);
    Milestone *ms;
    size_t nm, bad;
    if (parse_milestones(a, f[MF_MILESTONES], &ms, &nm, &bad)) {
        for (size_t i = 0; i < nm; i++) {
            s = db_prepare(db, "INSERT INTO milestone (measure_id, position, title, due_date, done) "
                               "VALUES (?1, ?2, ?3, ?4, ?5)");
            db_bind_int(s, 1, id);
            db_bind_int(s, 2, (int64_t)i + 1);
            db_bind_text(s, 3, ms[i].title);
            db_bind_text(s, 4, ms[i].due);
            db_bind_int(s, 5, ms[i].done);
            rc |= db_step(s) == DB_DONE ? 0 : E_DB;
            db_done(s);
        }
    }
    return rc ? E_DB : 0;
}

/* Canonical form of a list field, so "KD,BFD" and "BFD, KD" compare equal. */
static const char *canon_list(Arena *a, const char *s)
{
    const char **items;
    size_t n = split_list(a, s, ',', &items);
    for (size_t i = 1; i < n; i++) {
        for (size_t j = i; j > 0 && strcmp(items[j - 1], items[j]) > 0; j--) {
            const char *t = items[j];
            items[j] = items[j - 1];
            items[j - 1] = t;
        }
    }
    Buf b = {0};
    for (size_t i = 0; i < n; i++) {
        buf_printf(&b, "%s%s", i ? ", " : "", items[i]);
    }
    const char *out = arena_strdup(a, buf_str(&b));
    buf_free(&b);
    return out;
}

static const char *canon(Arena *a, int k, const char *v)
{
    if (!v) {
        return NULL;
    }
    if (k == MF_OWNER || k == MF_PARTICIPANTS) {
        char *u = arena_strdup(a, v);
        for (char *p = u; *p; p++) {
            *p = (char)(*p >= 'a' && *p <= 'z' ? *p - 32 : *p);
        }
        return k == MF_PARTICIPANTS ? canon_list(a, u) : u;
    }
    if (k == MF_DEVELOPMENT_AREAS || k == MF_DIRECTIONS) {
        return canon_list(a, v);
    }
    if (k == MF_PRIORITY) {
        return norm_priority(v);
    }
    if (k == MF_MILESTONES) {
        /* Normalise line ends and drop empty lines. */
        const char **lines;
        size_t n = split_list(a, v, '\n', &lines);
        Buf b = {0};
        for (size_t i = 0; i < n; i++) {
            buf_printf(&b, "%s%s", i ? "\n" : "", lines[i]);
        }
        const char *out = arena_strdup(a, buf_str(&b));
        buf_free(&b);
        return out;
    }
    return v;
}

/* measure_save's work, inside its transaction: everything it reads (the
 * measure as it stands, its version, what is unique) is read under the
 * write lock, so concurrent saves cannot interleave. */
static int save(Db *db, Arena *a, const Viewer *v, const char *client, int64_t id, const MeasureText *in,
                int64_t expect_version, const char *comment, int64_t *out_id, FieldError **errs, size_t *nerr, Err *e)
{
    *errs = NULL;
    *nerr = 0;
    *out_id = id;
    MeasureText old = {0}, next = {0};
    Measure cur = {0};
    if (id) {
        if (measure_get(db, a, v, id, &cur, e) || measure_text_get(db, a, v, id, &old, e)) {
            return err_set(e, E_NOTFOUND, N_("Fant ikke tiltaket."));
        }
        if (!measure_can_report(v, &cur)) {
            return err_set(e, E_FORBIDDEN, N_("Du har ikke tilgang til å endre dette tiltaket."));
        }
        if (cur.masked) {
            return err_set(e, E_FORBIDDEN, N_("Du har ikke tilgang til å endre dette tiltaket."));
        }
    } else if (!measure_can_edit(v)) {
        return err_set(e, E_FORBIDDEN, N_("Du har ikke tilgang til å opprette tiltak."));
    }
    if (comment && content_check_text(comment, 2000, true, N_("Kommentaren"), e)) {
        return E_INVALID;
    }
    *nerr = measure_validate(db, a, id, in, errs);
    if (*nerr) {
        return err_set(e, E_INVALID, "%s", (*errs)[0].msg);
    }
    /* The new text: given fields over the old ones (or defaults). */
    static const char *defaults[MF_COUNT] = {[MF_STATUS] = "not_started", [MF_PROGRESS] = "0", [MF_WEIGHT] = "1",
                                             [MF_ROLLUP] = "plain", [MF_VISIBILITY] = "public"};
    bool status_changed = false;
    for (int k = 0; k < MF_COUNT; k++) {
        /* An empty status means "as it is" (new measures: not started). */
        const char *given = k == MF_STATUS && in->v[k] && !*in->v[k] ? NULL : canon(a, k, in->v[k]);
        const char *was = id ? canon(a, k, old.v[k]) : (defaults[k] ? defaults[k] : "");
        next.v[k] = given ? given : was;
        if (k == MF_STATUS && given && !str_eq(given, was)) {
            status_changed = true;
        }
    }
    if (status_changed && !in->v[MF_PROGRESS]) {
        next.v[MF_PROGRESS] = arena_printf(a, "%lld", (long long)lookup_int(db,
            "SELECT default_progress FROM measure_status WHERE code = ?2 OR ?1 < 0", 0, next.v[MF_STATUS]));
    }
    if (*next.v[MF_PUBLIC_TITLE] && !*next.v[MF_EXEMPTION_BASIS]) {
        return err_set(e, E_INVALID, N_("Offentlig tittel brukes bare når tiltaket er unntatt offentlighet."));
    }
    /* What changed, and whether v may change it. */
    FieldChange *changes = arena_alloc(a, MF_COUNT * sizeof *changes);
    size_t nchanges = 0;
    Buf summary = {0};
    for (int k = 0; k < MF_COUNT; k++) {
        const char *was = id ? canon(a, k, old.v[k]) : "";
        if (str_eq(was, next.v[k]) || (k == MF_STRATEGY && id)) {
            continue;
        }
        if (id && !measure_can_edit(v) && !g_measure_fields[k].progress) {
            buf_free(&summary);
            return err_set(e, E_FORBIDDEN, N_("Du kan bare endre status, fremdrift og milepæler for dette tiltaket "
                                              "(%-s kan bare endres av strategisekretariatet)."), g_measure_fields[k].label);
        }
        changes[nchanges++] = (FieldChange){g_measure_fields[k].name, was, next.v[k]};
        buf_printf(&summary, "%s%s", summary.len ? ", " : "", g_measure_fields[k].name);
    }
    if (nchanges == 0) {
        buf_free(&summary);
        return 0;
    }
    int rc = 0;
    if (id && expect_version && db_one_int(db, "SELECT version FROM record WHERE id = ?1", id, 0) != expect_version) {
        rc = err_set(e, E_CONFLICT, N_("Tiltaket er endret av noen andre siden du åpnet det. Last siden på nytt og "
                                    "gjør endringen igjen."));
        goto done;
    }
    int64_t strategy_id = id ? cur.strategy_id : strategy_of(db, next.v[MF_STRATEGY]);
    int version = id ? cur.version + 1 : 1;
    if (!id) {
        RecordInit ri = {.title = next.v[MF_TITLE], .visibility = next.v[MF_VISIBILITY],
                         .exemption_basis = next.v[MF_EXEMPTION_BASIS], .public_title = next.v[MF_PUBLIC_TITLE]};
        if ((rc = record_create(db, v, "measure", &ri, &id, e))) {
            goto done;
        }
        Stmt *s = db_prepare(db, "INSERT INTO measure (id, strategy_id, number, sort_key) VALUES (?1, ?2, ?3, 0)");
        db_bind_int(s, 1, id);
        db_bind_int(s, 2, strategy_id);
        db_bind_text(s, 3, next.v[MF_NUMBER]);
        rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_CONFLICT, N_("Det finnes allerede et tiltak med dette nummeret."));
        db_done(s);
        if (rc) {
            goto done;
        }
        *out_id = id;
    }
    if (write_fields(db, a, id, strategy_id, &next, version)) {
        rc = strstr(db_errmsg(db), "UNIQUE")
                 ? err_set(e, E_CONFLICT, N_("Det finnes allerede et tiltak med dette nummeret."))
                 : err_set(e, E_DB, N_("Lagring feilet."));
        goto done;
    }
    rc = record_version_add(db, v, id, changes, nchanges, comment, e);
    if (!rc) {
        char oid[32];
        snprintf(oid, sizeof oid, "%lld", (long long)id);
        rc = audit_append(db, v, client, version == 1 ? "measure.create" : "measure.update", "measure", oid,
                          arena_printf(a, "%s v%d: %s", next.v[MF_NUMBER], version, buf_str(&summary)), e);
    }
done:
    buf_free(&summary);
    return rc;
}

int measure_save(Db *db, Arena *a, const Viewer *v, const char *client, int64_t id, const MeasureText *in,
                 int64_t expect_version, const char *comment, int64_t *out_id, FieldError **errs, size_t *nerr, Err *e)
{
    *errs = NULL;
    *nerr = 0;
    *out_id = id;
    if (expect_version < 0) {
        return err_set(e, E_INVALID, N_("Ugyldig versjon."));
    }
    int rc = db_begin(db, e);
    if (rc) {
        return E_DB;
    }
    rc = db_finish(db, save(db, a, v, client, id, in, expect_version, comment, out_id, errs, nerr, e), e);
    if (rc) {
        *out_id = id;
    }
    return rc;
}

/* A stored text value as people read it: status and priority by label. */
static const char *display_value(Db *db, Arena *a, int k, const char *v)
{
    if (!v) {
        return "";
    }
    if (k == MF_PRIORITY) {
        return priority_label(v);
    }
    if (k == MF_STATUS) {
        Stmt *s = db_prepare(db, "SELECT label FROM measure_status WHERE code = ?1");
        db_bind_text(s, 1, v);
        const char *label = db_step(s) == DB_ROW ? db_col_dup(s, 0, a) : NULL;
        db_done(s);
        return label ? label : arena_strdup(a, v);
    }
    return arena_strdup(a, v);
}

int measure_versions(Db *db, Arena *a, const Viewer *v, int64_t id, MeasureVersion **out, size_t *n, Err *e)
{
    Measure m;
    *out = NULL;
    *n = 0;
    if (measure_get(db, a, v, id, &m, e) || m.masked) {
        return err_set(e, E_NOTFOUND, N_("Fant ikke tiltaket."));
    }
    int rc = record_versions(db, a, v, id, out, n, e);
    for (size_t i = 0; !rc && i < *n; i++) {
        for (size_t j = 0; j < (*out)[i].nchanges; j++) {
            FieldChange *c = &(*out)[i].changes[j];
            int k = measure_field_index(c->field);
            c->field = k >= 0 ? g_measure_fields[k].label : c->field;
            c->from = display_value(db, a, k, c->from);
            c->to = display_value(db, a, k, c->to);
        }
    }
    return rc;
}

/* ---- the measure as a kind of record ------------------------------------------ */

static bool measure_can_manage(const Viewer *v, const Record *rec)
{
    (void)rec;
    return can(v, CAP_MEASURE_MANAGE);
}

static const char *measure_field_label(const char *field)
{
    int k = measure_field_index(field);
    return k >= 0 ? g_measure_fields[k].label : field;
}

static int measure_sample(Db *db, int64_t id, Err *e)
{
    Stmt *s = db_prepare(db, "INSERT INTO measure (id, strategy_id, number, sort_key) "
                             "VALUES (?1, (SELECT min(id) FROM strategy), '99.' || ?1, 99000000 + ?1)");
    db_bind_int(s, 1, id);
    int rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, "inserting a sample measure failed");
    db_done(s);
    return rc;
}

/* A version's fields back, through measure_save: the same validation and
 * rights as any change (a field whose old value no longer validates, such
 * as a number taken since, is refused with the usual message). */
static int measure_restore(Db *db, Arena *a, const Viewer *v, const char *client, int64_t id,
                           const FieldChange *fields, size_t n, const char *comment, Err *e)
{
    MeasureText t = {0};
    for (size_t i = 0; i < n; i++) {
        int k = measure_field_index(fields[i].field);
        if (k >= 0 && k != MF_STRATEGY) {
            t.v[k] = fields[i].to ? fields[i].to : "";
        }
    }
    FieldError *errs;
    size_t nerr;
    int64_t out;
    return measure_save(db, a, v, client, id, &t, 0, comment, &out, &errs, &nerr, e);
}

/* Search: the number, the heading, the description and who is
 * responsible; the period is the measure's strategy. */
static int measure_search_text(Db *db, Arena *a, int64_t id, SearchText *out, Err *e)
{
    Stmt *s = db_prepare(db, "SELECT number || char(10) || theme || char(10) || description || char(10) || responsible, "
                             "strategy_id FROM measure WHERE id = ?1");
    db_bind_int(s, 1, id);
    int rc = db_step(s);
    if (rc == DB_ROW) {
        out->body = db_col_dup(s, 0, a);
        out->period_id = db_col_int(s, 1);
    }
    db_done(s);
    return rc < 0 ? err_set(e, E_DB, "reading the measure to index failed") : 0;
}

static const RecordKind g_measure_kind = {
    .name = "measure", .table = "measure", .label = N_("tiltak"), .url = "/measures/",
    .can_manage = measure_can_manage, .field_label = measure_field_label, .sample = measure_sample,
    .restore = measure_restore, .search_text = measure_search_text,
};
RECORD_KIND(g_measure_kind)
