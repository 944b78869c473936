/* figure.h: key figures about the ministries (indicators, measure 1.6),
 * the measurement of shared services (measure 2.3) and what samla knows
 * about the community from its own records — the figure domain's door.
 *
 * Indicators and services are records (kinds "indicator" and "service"):
 * marking, grants, versions, audit and search come from the record core,
 * and every read here puts ACCESS("r") on the indicator's or service's
 * record.  Values hang off them:
 *  - indicator_value: per ministry (or the whole community: ministry
 *    NULL) per period, with source, note and an «illustrative» flag for
 *    the demo's made-up series.  Every change of a value is a new version
 *    of its indicator with the old and the new value (field
 *    "verdi <ministry> <period>"), so the history keeps them;
 *  - service_figure: per ministry, period and metric (årsverk, kostnad,
 *    tjenestenivå, brukertilfredshet, svartid).  A ministry's resource or
 *    quality figures of a service can be marked internal (service_series),
 *    which hides them from the public — pages, API, downloads and the
 *    comparison's median alike — whatever the service's own marking.
 *
 * Periods are statistics-office codes: '2024' (year), '2024T2' (tertial),
 * '2024K3' (quarter), '2024M03' (month); they sort as text.
 *
 * Who may do what: the strategy secretariat (CAP_MEASURE_MANAGE) creates
 * indicators and services, enters and imports values and marks series; a
 * case officer reports the figures of their own ministry's services in an
 * open measurement round (perm_can_report_for).
 *
 * All functions take the viewer; strings live in the caller's arena.
 * Messages in Err are bokmål message ids.  Writes are audited in the same
 * transaction; on error nothing is written.
 */
#ifndef SAMLA_FIGURE_H
#define SAMLA_FIGURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/core/record.h"
#include "app/core/textform.h"
#include "base/buf.h"

/* ---- indicators -------------------------------------------------------------- */

typedef struct Indicator {
    int64_t id;
    const char *code;             /* 'ansatte' */
    const char *name;             /* bokmål (the record title) */
    const char *name_nn, *name_en;/* '' : as bokmål */
    const char *description, *description_nn, *description_en;
    const char *unit;             /* bokmål unit: 'personer', 'prosent', 'år' */
    int decimals;                 /* 0–3 */
    const char *better;           /* up, down, none */
    const char *source;           /* 'SSB tabell 12623' */
    const char *method;
    const char *periodicity;      /* year, tertial, quarter, month */
    const char *visibility;       /* the record's marking */
    bool illustrative;            /* some of its values the viewer sees are illustrative */
    int nvalues;                  /* values */
    const char *latest;           /* the latest period with a value, NULL: none */
} Indicator;

typedef struct FigureValue {
    const char *ministry;         /* code, NULL: the whole community */
    const char *ministry_name;    /* bokmål; NULL for the community */
    const char *ministry_nn, *ministry_en;
    const char *period;
    double value;
    const char *source, *note;    /* '' : none */
    bool illustrative;
    bool has_target;              /* a target exists for this ministry and period */
    double target;
} FigureValue;

/* The fields of an indicator's form, API body and import, in this order;
 * g_indicator_fields names them ("code", "name", …). */
enum IndicatorField {
    IF_CODE, IF_NAME, IF_NAME_NN, IF_NAME_EN, IF_DESCRIPTION, IF_DESCRIPTION_NN, IF_DESCRIPTION_EN, IF_UNIT,
    IF_DECIMALS, IF_BETTER, IF_SOURCE, IF_METHOD, IF_PERIODICITY, IF_VISIBILITY, IF_COUNT
};
extern const char *const g_indicator_fields[IF_COUNT + 1];

typedef struct IndicatorInput {
    const char *v[IF_COUNT];      /* text of each field; NULL: empty */
} IndicatorInput;

/* The fields of one value (ministry code or "" for the community, period,
 * value, source, note). */
enum ValueField { VF_MINISTRY, VF_PERIOD, VF_VALUE, VF_SOURCE, VF_NOTE, VF_COUNT };
extern const char *const g_value_fields[VF_COUNT + 1];

enum { FIG_FORM_PROBLEMS = IF_COUNT + 2 };

/* indicator_list: the indicators v may read, in display order, with value
 * counts and the latest period.  public_only: only those marked public
 * (the public page, whoever looks at it). */
int indicator_list(Db *db, Arena *a, const Viewer *v, bool public_only, Indicator **out, size_t *n, Err *e);

/* indicator_get / indicator_get_code: one indicator, E_NOTFOUND when it
 * does not exist or v may not read it. */
int indicator_get(Db *db, Arena *a, const Viewer *v, int64_t id, Indicator *out, Err *e);
int indicator_get_code(Db *db, Arena *a, const Viewer *v, const char *code, Indicator *out, Err *e);

/* indicator_values: every value of indicator id (v must read it), by
 * period, the community first, then ministries in Norwegian order. */
int indicator_values(Db *db, Arena *a, const Viewer *v, int64_t id, FigureValue **out, size_t *n, Err *e);

/* indicator_create: a new indicator as v (CAP_MEASURE_MANAGE, else
 * E_FORBIDDEN).  Every problem at once in p[0..*np) (room for
 * FIG_FORM_PROBLEMS; field: an IndicatorField) with E_INVALID, or
 * E_CONFLICT for a code in use (also as a problem of IF_CODE). */
int indicator_create(Db *db, const Viewer *v, const char *client, const IndicatorInput *in, int64_t *out_id,
                     FormProblem *p, size_t *np, Err *e);

/* indicator_input_of: ind's fields as an IndicatorInput (strings of ind;
 * decimals in a). */
void indicator_input_of(Arena *a, const Indicator *ind, IndicatorInput *out);

/* indicator_update: change indicator id's fields (all but code and
 * visibility: the code is its identity in imports, the marking is changed
 * under «Hvem har tilgang») as v (CAP_MEASURE_MANAGE), as a new version
 * with the changed fields.  Problems as indicator_create. */
int indicator_update(Db *db, const Viewer *v, const char *client, int64_t id, const IndicatorInput *in,
                     FormProblem *p, size_t *np, Err *e);

/* indicator_value_set: set (or change) the value of indicator id as v
 * (CAP_MEASURE_MANAGE): in[VF_MINISTRY] a code (NULL, "" or "ALLE": the
 * community), in[VF_VALUE] text ("47,3" and "47.3" both read).  A change
 * is a new version of the indicator.  E_INVALID with every problem in
 * p[0..*np) (field: a ValueField; room for VF_COUNT). */
int indicator_value_set(Db *db, const Viewer *v, const char *client, int64_t id, const char *const in[VF_COUNT],
                        FormProblem *p, size_t *np, Err *e);

/* indicator_target_set: the target of indicator id for ministry (as
 * above) and period; value "" removes it.  CAP_MEASURE_MANAGE.  E_INVALID
 * with every problem in p[0..*np) (field: VF_MINISTRY, VF_PERIOD or
 * VF_VALUE; room for VF_COUNT); p may be NULL. */
int indicator_target_set(Db *db, const Viewer *v, const char *client, int64_t id, const char *ministry,
                         const char *period, const char *value, FormProblem *p, size_t *np, Err *e);

/* figure_period_valid: period is '2024', '2024T1'–'T3', '2024K1'–'K4' or
 * '2024M01'–'M12' (years 1900–2199). */
bool figure_period_valid(const char *period);

/* figure_number: format x with decimals digits, Norwegian style (comma,
 * thin spaces between thousands) when norwegian, else '.' and ','. */
const char *figure_number(Arena *a, double x, int decimals, bool norwegian);

/* ---- charts and their data ----------------------------------------------------- */

typedef enum FigureChart {
    CHART_TIME,                   /* the whole community over time (line) */
    CHART_MINISTRIES,             /* every ministry in one period (bars) */
    CHART_MULTIPLES,              /* every ministry over time (small multiples) */
} FigureChart;

typedef struct ChartData {
    Indicator ind;
    FigureChart chart;
    const char *period;           /* CHART_MINISTRIES: the period shown */
    FigureValue *v;               /* exactly the figures the chart shows, in table order */
    size_t n;
    const char **periods;         /* the periods on the x axis (TIME, MULTIPLES) */
    size_t nperiods;
    bool illustrative;            /* some shown value is illustrative */
} ChartData;

/* figure_chart_kind: "time", "ministries", "multiples" into *out. */
bool figure_chart_kind(const char *name, FigureChart *out);
const char *figure_chart_name(FigureChart c);

/* figure_chart: the data of one chart of indicator code as v may see it
 * (public_only: only public indicators, as on the public page).  period
 * NULL or "": the latest period that has ministry values.  The page, its
 * table and the CSV and JSON-stat downloads all use this one query. */
int figure_chart(Db *db, Arena *a, const Viewer *v, bool public_only, const char *code, FigureChart chart,
                 const char *period, ChartData *out, Err *e);

/* figure_chart_csv: the chart's figures as CSV (core/sheet.h): indicator,
 * ministry, period, value, unit, source, note, illustrative. */
void figure_chart_csv(const ChartData *c, Buf *out);

/* figure_jsonstat_write: the chart's figures as a JSON-stat 2.0 dataset
 * (dimensions indikator × departement × tid; "ALLE" is the community;
 * status "i" marks illustrative values), appended to out. */
void figure_jsonstat_write(const ChartData *c, Buf *out);

/* ---- import ------------------------------------------------------------------- */

enum { FIGURE_MAX_ROWS = 20000, FIGURE_MAX_PROBLEMS = 500 };

typedef struct FigureProblem {
    int pos;                      /* CSV: the line (header 1); JSON-stat: the value's index + 1; 0: the file */
    const char *where;            /* column or dimension/category; NULL: the whole row */
    const char *msg;              /* bokmål message id, %s filled into arg */
    const char *arg;
} FigureProblem;

typedef enum FigureAction { FIG_NEW, FIG_CHANGE, FIG_SAME } FigureAction;

typedef struct FigureChange {
    int pos;
    const char *indicator, *ministry, *period;  /* ministry NULL: the community */
    bool had;                     /* a value existed */
    double old, value;
    FigureAction action;
} FigureChange;

typedef struct FigureImport {
    const char *format;           /* "json-stat" or "csv" */
    FigureProblem *problems;
    size_t nproblems, cap_problems, more;
    FigureChange *rows;
    size_t nrows, cap_rows;
    size_t create, change, unchanged;
    bool applied;
} FigureImport;

/* figure_import: read a JSON-stat 2.0 dataset (the file starts with '{'),
 * an XLSX workbook (its first worksheet) or a CSV file (';', ',' or TAB),
 * the sheets with the columns indikator, departement, periode, verdi and
 * optionally kilde, merknad (a missing one keeps what is stored), and
 * check every value:
 * unknown indicators and ministries, bad periods and numbers, duplicates,
 * each with its position.  Nothing is written unless there is no problem
 * and apply is set; then every new or changed value is written in one
 * transaction (a version of each indicator it touches, one audit row
 * "figure.import").  Values equal to the stored ones are unchanged, so
 * importing the same file twice changes nothing.  CAP_MEASURE_MANAGE.
 * Returns 0, E_INVALID (problems in *out), E_FORBIDDEN, E_DB. */
int figure_import(Db *db, Arena *a, const Viewer *v, const char *client, const char *filename, const char *data,
                  size_t len, bool apply, FigureImport *out, Err *e);

/* ---- JSON-stat 2.0 ------------------------------------------------------------ */

enum { JS_MAX_DIMS = 8, JS_MAX_CELLS = 200000 };

typedef struct JsDim {
    const char *id, *label;
    const char *role;             /* "time", "geo", "metric" or NULL */
    const char **codes;           /* category codes in index order */
    const char **labels;          /* their labels (the code when none) */
    size_t n;
} JsDim;

typedef struct JsCell {
    size_t pos;                   /* index in the flattened value array */
    size_t cat[JS_MAX_DIMS];      /* category index per dimension */
    double value;
    const char *status;           /* NULL: none */
} JsCell;

typedef struct JsonStat {
    const char *label, *source, *updated;
    JsDim dims[JS_MAX_DIMS];
    size_t ndims;
    JsCell *cells;                /* the non-null values, in position order */
    size_t ncells;
    bool complete;                /* dimensions and values could be read (values may still have problems) */
} JsonStat;

/* jsonstat_parse: a JSON-stat 2.0 dataset (class "dataset")
 * from len bytes.  Checks version, id/size
 * against dimension, category index (array or object) and labels, value
 * (array or sparse object; numbers or null) and status (string, array or
 * object).  Problems go to out (at most FIGURE_MAX_PROBLEMS); returns
 * false when there is any. */
bool jsonstat_parse(Arena *a, const char *data, size_t len, JsonStat *js, FigureImport *out);

/* figure_problem: add a problem to out (counting beyond the limit). */
void figure_problem(Arena *a, FigureImport *out, int pos, const char *where, const char *msg, const char *arg);

/* ---- shared services -------------------------------------------------------- */

typedef struct Service {
    int64_t id;
    const char *code, *name, *name_nn, *name_en, *description;
    const char *visibility;       /* the record's marking */
} Service;

typedef struct ServiceMetric {
    const char *code, *kind;      /* kind: resource, quality */
    const char *label, *label_nn, *label_en, *unit, *better;
} ServiceMetric;

typedef struct ServiceFigure {
    const char *ministry, *ministry_name, *ministry_nn, *ministry_en;
    const char *period, *metric;
    double value;
    bool internal;                /* the series is marked internal (shown to those who may see it) */
    bool illustrative;            /* made up for the demo */
} ServiceFigure;

typedef struct ServiceStat {
    const ServiceMetric *metric;
    size_t n;                     /* ministries with a figure */
    double median, q1, q3, min, max;
} ServiceStat;

typedef struct ServiceView {
    Service svc;
    const char *period;           /* the period shown */
    const char **periods;         /* every period with figures the viewer may see, newest first */
    size_t nperiods;
    ServiceMetric *metrics;       /* every metric */
    size_t nmetrics;
    ServiceFigure *figs;          /* the figures v may see in period, ministry then metric order */
    size_t nfigs;
    ServiceStat *stats;           /* one per metric, over figs */
    bool illustrative;            /* some of figs is illustrative */
} ServiceView;

/* service_list: the services v may read. */
int service_list(Db *db, Arena *a, const Viewer *v, Service **out, size_t *n, Err *e);

/* service_view: service id with its figures of period (NULL: the
 * latest) as v may see them, and the median and spread per metric over
 * exactly those.  public_only: as the public sees it, whoever asks. */
int service_view(Db *db, Arena *a, const Viewer *v, bool public_only, int64_t id, const char *period,
                 ServiceView *out, Err *e);

/* service_create: a new service (CAP_MEASURE_MANAGE). */
int service_create(Db *db, const Viewer *v, const char *client, const char *code, const char *name,
                   const char *visibility, int64_t *out_id, Err *e);

/* service_figure_set: ministry's figure for metric of service id in
 * period, as v: the secretariat, or a case officer of that ministry while
 * round_id (a services round, open) is given.  A change is a version of
 * the service.  value "" removes it. */
int service_figure_set(Db *db, const Viewer *v, const char *client, int64_t id, int64_t round_id,
                       const char *ministry, const char *period, const char *metric, const char *value, Err *e);

/* service_figure_check: every problem of a figure's input at once
 * (fields "ministry", "period", "metric", "value"; field index into
 * g_service_figure_fields), into p (room for 4); returns how many.
 * service_figure_set runs the same checks. */
extern const char *const g_service_figure_fields[5];
size_t service_figure_check(Db *db, const char *ministry, const char *period, const char *metric, const char *value,
                            FormProblem *p);

/* service_create_check / service_round_check: the same for a new service
 * (fields "code", "name"; g_service_fields) and a new measurement round
 * (fields "title", "deadline"; g_service_round_fields); room for 2. */
extern const char *const g_service_fields[3];
extern const char *const g_service_round_fields[3];
size_t service_create_check(const char *code, const char *name, FormProblem *p);
size_t service_round_check(const char *title, const char *deadline, FormProblem *p);

/* service_series_mark: mark ministry's figures of kind (resource,
 * quality) of service id public or internal (CAP_MEASURE_MANAGE). */
int service_series_mark(Db *db, const Viewer *v, const char *client, int64_t id, const char *ministry,
                        const char *kind, const char *visibility, Err *e);

typedef struct ServiceRound {
    int64_t id;
    const char *title, *deadline, *closed_at;
    bool open;
    int reported;                 /* figures reported in it that v may see */
} ServiceRound;

/* service_round_open: open a measurement round for the services (the
 * measure overview's reporting-round lifecycle, collects 'services'). */
int service_round_open(Db *db, const Viewer *v, const char *client, const char *title, const char *deadline,
                       int64_t *out_id, Err *e);

/* service_round_close: close services round id (round_close; E_NOTFOUND
 * for a round that collects measures). */
int service_round_close(Db *db, const Viewer *v, const char *client, int64_t id, Err *e);

/* service_round_missing: the current ministries that have reported no
 * figure in services round id (the secretariat only, else E_FORBIDDEN),
 * in Norwegian order. */
int service_round_missing(Db *db, Arena *a, const Viewer *v, int64_t id, MinistryOption **out, size_t *n, Err *e);

/* service_round_list: the services rounds, open first. Signed in only. */
int service_round_list(Db *db, Arena *a, const Viewer *v, ServiceRound **out, size_t *n, Err *e);

/* ---- knowledge about the community ------------------------------------------- */

typedef struct CommunityMinistry {
    const char *code, *name, *name_nn, *name_en;
} CommunityMinistry;

typedef struct CommunityMatrix {
    CommunityMinistry *m;         /* ordered so that ministries that work together sit together */
    size_t n;
    int *groups;                  /* n × n: groups both are in (readable by v) */
    int *consult;                 /* n × n: [i][j] consultation rounds i sent that j was asked to answer */
    int *answered;                /* n × n: … of those, answered by j */
    int *interactions;            /* n × n: [i][j] goal interactions i registered against a goal of j */
    int max;                      /* largest groups + consult cell off the diagonal */
} CommunityMatrix;

/* community_matrix: the collaboration matrix over the records v may read. */
int community_matrix(Db *db, Arena *a, const Viewer *v, CommunityMatrix *out, Err *e);

typedef struct AnswerTime {
    const char *code, *name, *name_nn, *name_en;
    int asked, answered, on_time;
    double median_days;           /* days from sent to answered, median; -1: none answered */
} AnswerTime;

/* community_answer_times: per ministry, over the answers v may read. */
int community_answer_times(Db *db, Arena *a, const Viewer *v, AnswerTime **out, size_t *n, Err *e);

typedef struct YearCount {
    int year;
    const char *key;              /* a ladder step ('1'–'4') or a measure status label */
    int count;
} YearCount;

/* community_ladder_years: groups (readable by v) on each step at the end
 * of each year. */
int community_ladder_years(Db *db, Arena *a, const Viewer *v, YearCount **out, size_t *n, Err *e);

typedef struct EditionCount {
    int64_t edition;              /* edition id (its number in order) */
    const char *title, *published_at;
    const char *status, *label, *label_nn, *label_en;  /* status code and labels (NULL nn/en: as bokmål) */
    int count;                    /* measures with that status in the edition, of those v may read */
} EditionCount;

/* community_edition_statuses: the measures of each published edition of
 * the measure overview by status, counting only measures v may read,
 * editions in order, statuses in their order. */
int community_edition_statuses(Db *db, Arena *a, const Viewer *v, EditionCount **out, size_t *n, Err *e);

#endif
