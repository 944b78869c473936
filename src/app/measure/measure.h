/* measure.h: measures (tiltak) of a strategy (model).
 *
 * Reading measures (this file's functions) and the status list; editing,
 * versions and the text form used by forms, import and export are in
 * measure_edit.h.  Lists are in measure-number order (1.2 before 1.10).
 * Every read filters by what the viewer may see (access.h).  Strings live
 * in the caller's arena.
 */
#ifndef SAMLA_MEASURE_H
#define SAMLA_MEASURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/err.h"
#include "app/core/perm.h"
#include "app/core/record.h"
#include "app/core/req.h"
#include "db/db.h"

typedef struct Measure {
    int64_t id;
    int64_t strategy_id;
    const char *strategy_slug;
    const char *strategy_period;  /* '2021–2025' */
    int goal_area_number;         /* 0 when none */
    const char *goal_area_title;  /* NULL when none */
    const char *number;           /* '1.1' */
    const char *title;
    const char *theme;
    const char *description;
    const char *owner_code;       /* NULL when not decided */
    const char *owner_name;       /* bokmål */
    const char *owner_name_nn;    /* nynorsk */
    const char *owner_name_en;    /* English */
    const char *status;           /* code: not_started, planned, … */
    const char *visibility;       /* public, internal, restricted */
    const char *exemption_basis;  /* code, or NULL when not exempt */
    const char *exemption_label;  /* 'offl. § 14', or NULL */
    const char *public_title;     /* NULL when none */
    int64_t owner_id;             /* owner ministry id, 0 when none */
    bool masked;                  /* the viewer sees only the public title */
    const char *status_label;     /* 'Pågår' */
    const char *status_label_nn;  /* nynorsk; NULL: as bokmål */
    const char *status_label_en;  /* English; NULL: as bokmål */
    const char *status_color;     /* Designsystemet colour of the status tag */
    const char *priority;         /* high, medium, low; NULL: not set */
    const char *start_date;       /* ISO date or NULL */
    const char *end_date;         /* ISO date or NULL (the deadline) */
    int progress;                 /* percent; for a parent, rolled up from its sub-measures */
    int own_progress;             /* the stored percent, before roll-up */
    int weight;                   /* weight in the parent's roll-up */
    const char *rollup;           /* plain or weighted */
    int64_t parent_id;            /* 0: top level */
    const char *parent_number;    /* NULL: top level */
    int64_t predecessor_id;       /* 0: none */
    const char *predecessor_label;/* '2016–2020: 3.2' or NULL */
    const char *responsible;      /* free text, "" when none */
    int version;                  /* increases with every change */
    const char *updated_at;       /* ISO time or NULL */
    int sub_count;                /* number of sub-measures the viewer may see */
    const char *risk;             /* green, yellow, red from the latest report; NULL: none, and always
                                   * NULL for the public (measure_public.c) */
    const struct MeasurePublished *published; /* what the latest edition of its strategy says; NULL:
                                   * in none (see measure_public_apply) */
    bool unpublished;             /* public view: the measure is in no published edition yet, so its
                                   * status, progress, priority and deadline are not shown */
} Measure;

/* A measure as the latest published edition of its strategy shows it. */
typedef struct MeasurePublished {
    int64_t edition_id;
    const char *date;             /* the edition's ISO date */
    const char *status;           /* code */
    const char *priority;         /* NULL: not set */
    const char *owner_code;       /* NULL: not decided */
    const char *end_date;         /* NULL: not set */
    int progress;
    const struct MilestoneRow *milestones; /* as published, in order */
    size_t nmilestones;
    bool has_milestones;          /* the edition records milestones (those made before it did not) */
} MeasurePublished;

typedef struct MeasureStatus {
    const char *code;
    const char *label;            /* bokmål */
    const char *label_nn;         /* nynorsk; NULL: as bokmål */
    const char *label_en;         /* English; NULL: as bokmål */
    int default_progress;
    const char *color;
    bool active;
} MeasureStatus;

typedef struct MeasureFilter {
    int64_t strategy_id;          /* 0: any */
    int64_t goal_area_id;         /* 0: any */
    const char *owner_code;       /* NULL: any; matches the owner or a participant */
    const char *status;           /* NULL: any */
    const char *priority;         /* NULL: any */
    const char *risk;             /* NULL: any; the latest report's risk */
    int64_t parent_id;            /* 0: any; -1: top level only */
    int64_t predecessor_id;       /* 0: any; else the measures that continue this one (carried over) */
    const char *sort;             /* NULL or "number": by number; "deadline", "progress", "status", "owner" */
    bool brief;                   /* only what a table of measures shows (view_measure_table, status
                                   * bars): id, strategy_id, number, title, goal_area_number, owner code
                                   * and names, status with labels and colour, progress, own_progress,
                                   * sub_count, end_date, risk, masked, visibility; the rest NULL or 0 ("" for the
                                   * description) */
} MeasureFilter;

/* measure_list: the measures v may see that match f (NULL: all), newest
 * strategy first, then number order.  Exempt measures the viewer may see
 * only publicly come with their public title and no description. */
int measure_list(Db *db, Arena *a, const Viewer *v, const MeasureFilter *f, Measure **out, size_t *n, Err *e);

/* measure_get: by id, or E_NOTFOUND — also when v may not see it, so the
 * answer does not reveal that it exists. */
int measure_get(Db *db, Arena *a, const Viewer *v, int64_t id, Measure *out, Err *e);

/* measure_public_view: does v see measures as the public does — the
 * latest published edition's state, no reported risk — rather than live?
 * True for viewers without CAP_READ_INTERNAL. */
bool measure_public_view(const Viewer *v);

/* measure_public_apply (measure_public.c): what measure_list and
 * measure_get do last.  For the public (measure_public_view) each measure's
 * status, progress, priority, owner and deadline are replaced by what the
 * latest published edition of its strategy says (published set, with the
 * edition's date), a measure in no edition yet is marked unpublished, and
 * risk is cleared.  For everyone else, when with_published, each measure
 * gets published (or NULL) beside its live state, so a page can mark what
 * is not published yet.  One snapshot read per strategy. */
int measure_public_apply(Db *db, Arena *a, const Viewer *v, Measure *list, size_t n, bool with_published, Err *e);

/* measure_differs_from_published: the live state of m (not a public view)
 * differs from its latest edition in status, progress, priority, owner or
 * deadline, or it is in no edition yet. */
bool measure_differs_from_published(const Measure *m);

/* measure_set_access: record_set_access for a measure (the secretariat,
 * CAP_MEASURE_MANAGE, manages every measure's marking). */
int measure_set_access(Db *db, const Viewer *v, const char *client, int64_t id, const char *visibility,
                       const char *exemption_basis, const char *public_title, Err *e);

/* visibility_label: bokmål label of a visibility value (a msgid: show it
 * with T()). */
const char *visibility_label(const char *visibility);

typedef struct MilestoneRow {
    const char *title;
    const char *due_date;         /* ISO date or NULL */
    bool done;
} MilestoneRow;

/* measure_milestones: the milestones of measure id in order (the caller
 * has already read the measure with measure_get, which checks access). */
int measure_milestones(Db *db, Arena *a, int64_t id, MilestoneRow **out, size_t *n, Err *e);

/* measure_milestones_shown: the milestones of m (read with measure_get as
 * v) as v may see them: for the public (measure_public_view) those of the
 * latest published edition — none while the measure is unpublished, and
 * the live ones only for an edition made before editions recorded
 * milestones; for everyone else the live ones. */
int measure_milestones_shown(Db *db, Arena *a, const Viewer *v, const Measure *m, const MilestoneRow **out,
                             size_t *n, Err *e);

/* measure_links: the development areas and directions measure id serves,
 * as their texts ("1. Videreutvikling …", "1.2 tidlig involvering …"). */
int measure_links(Db *db, Arena *a, int64_t id, const char ***areas, size_t *nareas, const char ***dirs,
                  size_t *ndirs, Err *e);

/* measure_participants: codes and names of participating ministries, in
 * Norwegian order; out[i*2] is the code, out[i*2+1] the name. */
int measure_participants(Db *db, Arena *a, int64_t id, const char ***out, size_t *n, Err *e);

/* One choice in the measure list's filter form: the value sent, and the
 * label in bokmål, nynorsk and English (NULL: use the bokmål one). */
typedef struct MeasureChoice {
    int64_t id;
    const char *value;
    const char *label_nb, *label_nn, *label_en;
} MeasureChoice;

/* measure_filter_choices: the strategies the measure list's filter form
 * offers (newest first; value the slug, label the period, "2021–2025" or
 * "2025–"): the same rows as strategy_list, without its per-row counts
 * under the access rule, which the form does not show.  The ministries
 * come from record_ministry_options (core). */
int measure_filter_choices(Db *db, Arena *a, MeasureChoice **strategies, size_t *ns, Err *e);

/* measure_status_list: the statuses in display order (inactive ones too). */
int measure_status_list(Db *db, Arena *a, MeasureStatus **out, size_t *n, Err *e);

/* measure_status_save (status.c): add or change a status as v (needs
 * CAP_USER_ADMIN), audited.  label is bokmål; label_nn and label_en may be
 * NULL or "" (then the bokmål label is shown).  E_INVALID with a bokmål
 * message. */
int measure_status_save(Db *db, const Viewer *v, const char *client, const char *code, const char *label,
                        const char *label_nn, const char *label_en, const char *default_progress, const char *color,
                        bool active, Err *e);

/* measure_status_valid: true for a known status code. */
bool measure_status_valid(Db *db, const char *status);

/* priority_label / risk_label: bokmål labels ("Høy", "Gul"), msgids to
 * show with T(); the code for unknown values, "" for NULL. */
const char *priority_label(const char *priority);
const char *risk_label(const char *risk);

/* measure_status_text / measure_owner_text (measure_view.c): m's status
 * label and owner ministry's name in the request's language. */
const char *measure_status_text(const Req *r, const Measure *m);
const char *measure_owner_text(const Req *r, const Measure *m);

/* status_text (measure_view.c): a status's label in the request's language. */
const char *status_text(const Req *r, const MeasureStatus *st);

/* view_status_tag (measure_view.c): a Designsystemet tag for a measure's
 * status, into b. */
void view_status_tag(const Req *r, Buf *b, const Measure *m);

/* view_marking_tag (measure_view.c): a tag «Intern» or «Begrenset
 * tilgang» after a measure's title in a list, so a shared screen shows
 * what is not public; nothing for public measures. */
void view_marking_tag(const Req *r, Buf *b, const Measure *m);

/* view_measure_table (measure_view.c): a table of measures with a caption
 * (translated by the caller), into b; show_area adds the target-area
 * column, show_owner the owner column.  An empty list writes the empty
 * text instead.  Measure titles are marked lang="nb": they are the
 * strategy's own Norwegian text. */
void view_measure_table(Req *r, Buf *b, const char *caption, const Measure *m, size_t n, bool show_area,
                        bool show_owner, const char *empty);

/* measure_demo_story (measure_demo.c): the demo's measure overview as of
 * today (date_today), made as the demo secretariat through the models
 * (`init --demo`, after demo_seed).  When 2021–2025 is in force: its first
 * edition.  When its successor 2025– is: the first and the final edition
 * of 2021–2025, the unfinished measures carried over into 2025– under its
 * goals (1.3, 1.4, 1.8 and 3.5 left undecided), new measures under its
 * five ways, deadlines, milestones and reporting rounds around today
 * (demo/present.sql), and two editions of 2025– (three months and three
 * weeks ago, with changes between them).  One transaction. */
int measure_demo_story(Db *db, Err *e);

/* A spreadsheet row as text cells, for other domains' imports. */
typedef struct SheetRow {
    int line;                     /* the row number as a spreadsheet shows it (the header is 1) */
    const char **cells;           /* NULL for a missing cell */
    size_t n;
} SheetRow;

/* measure_xlsx_rows (measure_xlsx.c): the first worksheet of an XLSX file
 * as rows of text cells (rows[0] the header), read by the measure
 * import's reader (shared and inline strings, numbers, _xHHHH_ escapes,
 * its limits), for other domains' imports (the key figures).  E_INVALID
 * with a bokmål message when the file is not a readable workbook.  In a. */
int measure_xlsx_rows(Arena *a, const char *data, size_t len, SheetRow **rows, size_t *n, Err *e);

/* The reporting-round lifecycle, for the domains whose figures are
 * collected in rounds too (app/figure: the shared services).  See
 * round.h: round_open_collecting opens a round that collects "services"
 * (or "measures"); round_close closes one. */
int round_open_collecting(Db *db, const Viewer *v, const char *client, const char *collects, const char *title,
                          const char *deadline, const char *strategy_slug, int64_t *out_id, Err *e);
int round_close(Db *db, const Viewer *v, const char *client, int64_t id, Err *e);

/* Reporting-round deadline reminders (round_remind.c), for the e-mail
 * scheduler: for each open round's measure not yet reported on, three
 * working days before the deadline, on the day and once after it passed,
 * to the case officers who may report for the owner ministry.  key is the
 * reminder's dedupe key ("report-round:3:12:2026-11-16:0d"). */
typedef struct RoundDeadline {
    int64_t measure_id;           /* the measure's record */
    int64_t user_id;              /* who is reminded */
    bool overdue;                 /* the deadline has passed */
    const char *key;
} RoundDeadline;

int round_deadlines(Db *db, Arena *a, const char *today, RoundDeadline **out, size_t *n, Err *e);

/* The open reporting rounds v reports in (v's report ministries), with
 * their deadlines: what a person's calendar feed shows
 * (app/work/calendar.c).  Implemented in round_open.c. */
typedef struct OpenRound {
    int64_t id;
    const char *title;            /* '2. tertial 2026' */
    const char *deadline;         /* ISO date */
} OpenRound;
int measure_open_rounds(Db *db, Arena *a, const Viewer *v, OpenRound **out, size_t *n, Err *e);

#endif
