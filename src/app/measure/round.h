/* round.h: reporting rounds of the measure overview (model).
 *
 * The strategy secretariat (CAP_MEASURE_MANAGE) opens a round for a
 * strategy with a deadline («2. tertial 2026», 2026-09-15); the owner
 * ministry of each measure of that strategy then reports once per measure:
 * status, progress, risk (green/yellow/red) and a text.  A report is kept
 * as it was submitted (database triggers refuse UPDATE and DELETE; one
 * report per round and measure), and submitting it also changes the
 * measure's status and progress through measure_save, with the comment
 * «Rapportert i <round title>», in the same transaction, so the measure's
 * history shows the report.
 *
 * Who may do what (decided here, whatever the route table says):
 *  - every signed-in user may list rounds and read the reports on the
 *    measures they may see (access.h, through measure_list/measure_get);
 *  - only the secretariat sees who has not reported; a case officer sees
 *    what is due for the ministries they report for;
 *  - a report is accepted from a case officer of the measure's owner
 *    ministry (perm_can_report_for) or from the secretariat on its behalf,
 *    and only while the round is open.  A report after the deadline is
 *    accepted and shown as late; nothing extra is stored: late means the
 *    UTC date of submitted_at is after the deadline.
 *
 * Every function takes the Viewer.  Strings live in the caller's arena.
 * Writes are audited ("round.open", "round.close", "report.submit") in the
 * same transaction as the change; on any error nothing is written.
 * Messages in Err are bokmål sentences for the user.
 */
#ifndef SAMLA_ROUND_H
#define SAMLA_ROUND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/core/textform.h"
#include "app/measure/measure.h"

typedef struct Round {
    int64_t id;
    int64_t strategy_id;
    const char *strategy_slug;    /* '2021-2025' */
    const char *strategy_period;  /* '2021–2025' */
    const char *title;            /* '2. tertial 2026' */
    const char *deadline;         /* ISO date */
    const char *opened_at;        /* ISO time (UTC) */
    const char *opened_by;        /* username, NULL when unknown */
    const char *opened_by_name;   /* full name and ministry code («Sigrid Strand (DFD)»), NULL when unknown */
    const char *closed_at;        /* ISO time, NULL while open */
    bool open;                    /* closed_at is NULL */
    const char *reopened_at;      /* ISO time of the last reopening, NULL: never */
    bool active_only;             /* asks only for measures going on in its period (rounds opened since migration 016) */
    const char *reopened_by;      /* who reopened it (full name and ministry code), NULL: unknown */
    bool overdue;                 /* the deadline day is over (UTC): reports now are late */
    int expected;                 /* measures in the round the viewer may see (owned, or reported on) */
    int reported;                 /* of those, reported on in this round */
    int due;                      /* open round: measures still to report on for the viewer's ministries */
} Round;

typedef struct Report {
    int64_t id;
    int64_t round_id;
    int64_t measure_id;
    const char *ministry_code;    /* the reporting (owner) ministry */
    const char *ministry_name;    /* bokmål */
    const char *ministry_name_nn; /* nynorsk */
    const char *ministry_name_en; /* English */
    const char *status;           /* status code reported */
    const char *status_label;     /* 'Pågår' */
    const char *status_label_nn;  /* nynorsk; NULL: as bokmål */
    const char *status_label_en;  /* English; NULL: as bokmål */
    const char *status_color;     /* Designsystemet colour of the status tag */
    int progress;                 /* percent reported */
    const char *risk;             /* green, yellow, red */
    const char *text;             /* the report */
    const char *submitted_at;     /* ISO time (UTC) */
    const char *submitted_by;     /* username, NULL when unknown */
    const char *submitted_by_name;/* full name and ministry code («Kari Knutsen (KD)»), NULL when unknown */
    bool late;                    /* submitted after the deadline day */
} Report;

typedef struct RoundItem {
    Measure m;                    /* the measure as the viewer may see it */
    const Report *report;         /* NULL: not reported in this round */
    bool can_report;              /* open round, not reported, and the viewer may report on it */
} RoundItem;

typedef struct RoundMinistry {
    const char *code, *name;      /* the owner (or, once reported, reporting) ministry; bokmål name */
    const char *name_nn, *name_en;/* its nynorsk and English names */
    int expected;                 /* its measures in the round */
    int reported;                 /* of those, reported on */
} RoundMinistry;

typedef struct RoundView {
    Round round;
    bool full;                    /* items cover every measure (the secretariat) */
    RoundItem *items;             /* number order; full: every owned measure, else the reported
                                   * ones and those the viewer must report on */
    size_t nitems;
    RoundMinistry *ministries;    /* full only: per ministry, Norwegian order; else NULL */
    size_t nministries;
} RoundView;

typedef struct ReportInput {
    const char *status;           /* a code from the status list (active, or the measure's current one) */
    const char *progress;         /* whole number 0–100, as text */
    const char *risk;             /* green, yellow or red */
    const char *text;             /* required, up to 4,000 characters, newlines allowed */
} ReportInput;

/* round_list: every round, open ones first, then newest deadline first,
 * with expected/reported counted over the measures v may see and due for
 * v's report ministries.  Needs a signed-in viewer (E_FORBIDDEN). */
int round_list(Db *db, Arena *a, const Viewer *v, Round **out, size_t *n, Err *e);

/* round_get: one round with its counts, or E_NOTFOUND (also for an
 * anonymous viewer, so the answer reveals nothing). */
int round_get(Db *db, Arena *a, const Viewer *v, int64_t id, Round *out, Err *e);

/* round_view: round id with the measures v may see in it (see RoundView).
 * E_NOTFOUND as round_get. */
int round_view(Db *db, Arena *a, const Viewer *v, int64_t id, RoundView *out, Err *e);

/* round_open: open a round for the strategy with this slug (NULL or "":
 * strategy_current) as v (needs CAP_MEASURE_MANAGE, else E_FORBIDDEN).
 * The title is required (up to 200 characters, no security grade); the
 * deadline an ISO date, today (date_today) or later.  E_INVALID for bad input, E_CONFLICT when the
 * strategy has an open round with the same title.  *out_id gets the id. */
int round_open(Db *db, const Viewer *v, const char *client, const char *title, const char *deadline,
               const char *strategy_slug, int64_t *out_id, Err *e);

/* The fields of the round form, as FormProblem.field of round_open_problems. */
enum { ROUND_FIELD_TITLE, ROUND_FIELD_DEADLINE };

/* round_open_problems: every problem of a new round's title and deadline
 * at once (bokmål message ids), into *out; returns how many. */
size_t round_open_problems(Arena *a, const char *title, const char *deadline, FormProblem **out);

/* round_open_check: round_open's checks of v's right, the title and the
 * deadline, without writing (E_FORBIDDEN, E_INVALID). */
int round_open_check(const Viewer *v, const char *title, const char *deadline, Err *e);

/* round_open_collecting: round_open for what the round collects:
 * "measures" (round_open: the measures' reports) or "services" (the
 * shared services' figures, app/figure).  The lifecycle — who may open
 * and close, title, deadline, audit rows "round.open"/"round.close" — is
 * the same; round_list, round_get and round_view show only "measures"
 * rounds, and round_close closes either. */
int round_open_collecting(Db *db, const Viewer *v, const char *client, const char *collects, const char *title,
                          const char *deadline, const char *strategy_slug, int64_t *out_id, Err *e);

/* round_close: close round id as v (needs CAP_MEASURE_MANAGE).  E_NOTFOUND,
 * E_CONFLICT when it is already closed.  A closed round takes no reports. */
int round_close(Db *db, const Viewer *v, const char *client, int64_t id, Err *e);

/* round_reopen: reopen closed round id as v (needs CAP_MEASURE_MANAGE):
 * it takes reports again; when and by whom is kept on the round and in the
 * audit log ("round.reopen").  E_NOTFOUND, E_CONFLICT when it is open. */
int round_reopen(Db *db, const Viewer *v, const char *client, int64_t id, Err *e);

/* round_open_count: how many rounds of the strategy with this slug (NULL
 * or "": the current one) are open, with their titles («a», «b») in
 * *titles (NULL when none), so a form can ask before a second one is
 * opened for the same period.  -1 (E_DB in e) when it cannot be read. */
int round_open_count(Db *db, Arena *a, const Viewer *v, const char *strategy_slug, const char **titles, Err *e);

/* round_reporter: put the ministry that reports for m in round rd in m's
 * owner fields: the owner while it exists under that name on the day the
 * round opened, else its successor (a renamed ministry's measures are
 * reported by the new one).  Rounds ask only for measures that are not
 * finished (completed, stopped, continued) and have started by the
 * deadline.  Both for rounds opened since migration 016 (active_only);
 * older rounds keep asking what and whom they asked. */
void round_reporter(Db *db, Arena *a, const Round *rd, Measure *m);

/* round_reporting_ministry: the ministry that reports for ministry_id on
 * date (ISO): itself while it exists under that name, else its successor,
 * following the chain (what round_reporter uses).  0 for 0. */
int64_t round_reporting_ministry(Db *db, int64_t ministry_id, const char *date);

/* report_allowed: may v report on m (the owner ministry's case officer, or
 * the secretariat on its behalf)?  Says nothing about the round. */
bool report_allowed(const Viewer *v, const Measure *m);

/* report_get: the report on measure_id in round_id, if v may see the
 * measure; E_NOTFOUND otherwise. */
int report_get(Db *db, Arena *a, const Viewer *v, int64_t round_id, int64_t measure_id, Report *out, Err *e);

/* The fields of a report, as FormProblem.field of report_check. */
enum { REPORT_FIELD_STATUS, REPORT_FIELD_PROGRESS, REPORT_FIELD_RISK, REPORT_FIELD_TEXT };

/* report_check: every problem of in as a report on m at once (bokmål
 * message ids), so a form can show them all; *n 0 when it is fine.  E_DB
 * when the statuses cannot be read. */
int report_check(Db *db, Arena *a, const Measure *m, const ReportInput *in, FormProblem **out, size_t *n);

/* report_submit: store v's report on measure_id in round_id, set the
 * measure's status and progress with measure_save (comment «Rapportert i
 * <title>») and append "report.submit" to the audit log — all in one
 * transaction.  Errors, checked in this order: E_NOTFOUND (no such round,
 * or a measure v may not see or that is not in the round's strategy),
 * E_FORBIDDEN (v may not report on it), E_CONFLICT (round closed, or
 * already reported), E_INVALID (bad input; *field, when not NULL, gets
 * "status", "progress", "risk" or "text").  Nothing is written on error.
 * Allocates from a (measure_save's work).  *out_id gets the report id. */
int report_submit(Db *db, Arena *a, const Viewer *v, const char *client, int64_t round_id, int64_t measure_id,
                  const ReportInput *in, int64_t *out_id, const char **field, Err *e);

#endif
