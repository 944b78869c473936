/* consult.h: cases, the study questions of utredningsinstruksen, and the
 * consultation rounds in which affected ministries are involved and answer
 * (model) — the door of the consult domain.  ("case" is a C keyword, hence
 * the name.)
 *
 * A case is a record of kind 'case' owned by its lead ministry.  Its study
 * answers the six minimum questions of utredningsinstruksen § 2-1 and
 * «Muligheter og potensial (også digitale)»; each answer is a field of the
 * case, so every change is a version in the core's history.
 *
 * A round (kind 'consult_round', owned by the lead) is early involvement
 * (§ 3-1), a referral to the affected ministries (departementsforeleggelse,
 * § 3-2) or a hearing (§ 3-3).  Sending it makes one answer record (kind
 * 'consult_answer') per recipient ministry, owned by that ministry and
 * shared with the lead by a grant, and gives each recipient read access to
 * the case and the round by grants.  So the one access rule of the core
 * decides everything: a ministry outside the round reads nothing of a
 * restricted case, and recipients do not read each other's answers.
 * Referrals and early involvement are restricted and exempt under offl.
 * § 15 første ledd andre punktum (documents between ministries); a hearing
 * is as open as its case.
 *
 * Who may do what: case officers (CAP_CONSULT_ANSWER) act for their
 * ministry: those of the lead create and change its cases, send, remind,
 * extend and close rounds; those of a recipient take and answer its
 * answers.  Everyone else reads what the access rule lets them read.
 *
 * Every read filters by what the viewer may see; a record v may not read
 * is E_NOTFOUND.  Every write checks rights before it looks at the input,
 * runs in its own transaction (or the caller's), writes a version, a
 * timeline event and an audit row, and notifies whom it concerns
 * (notify.h).  «Today» is date_today (SAMLA_TODAY in tests and the demo).
 * Strings live in the caller's arena.  Messages in Err are bokmål message
 * ids for T(), with at most one %s (FormProblem.arg).
 */
#ifndef SAMLA_CONSULT_H
#define SAMLA_CONSULT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/core/perm.h"
#include "app/core/record.h"
#include "app/core/textform.h"
#include "base/arena.h"
#include "base/err.h"
#include "db/db.h"

/* ---- code lists ------------------------------------------------------------ */

/* NULL-terminated codes in display order; the labels are bokmål message
 * ids ("" for an unknown code). */
extern const char *const g_case_types[];      /* law regulation white_paper proposition budget mandate other */
extern const char *const g_case_statuses[];   /* study referral hearing decision closed */
extern const char *const g_study_levels[];    /* minimum simplified cba */
extern const char *const g_round_kinds[];     /* early referral hearing */
extern const char *const g_answer_positions[];/* none remarks objections */
extern const char *const g_case_effects[];    /* budget municipal business climate */
const char *case_type_label(const char *code);
const char *case_status_label(const char *code);
const char *study_level_label(const char *code);
const char *round_kind_label(const char *code);      /* «Departementsforeleggelse» */
const char *round_kind_rule(const char *code);       /* «Utredningsinstruksen punkt 3-2» */
const char *answer_position_label(const char *code); /* «Ingen merknader» */
const char *case_effect_label(const char *code);     /* «Vesentlige budsjettmessige virkninger for staten» */

/* The study: STUDY_QUESTIONS questions, the first six those of § 2-1 in
 * their exact wording. */
enum { STUDY_QUESTIONS = 7 };
const char *study_question(int k);   /* k in [0, STUDY_QUESTIONS): bokmål message id */

/* ---- cases ----------------------------------------------------------------- */

typedef struct Case {
    Record rec;                        /* title, lead (owner), marking, version, … */
    const char *type, *status;         /* codes */
    const char *summary;               /* "" when none */
    const char *archive_ref;           /* "" when none */
    const char *officer, *officer_name;/* username and full name; NULL: none */
    const char *effects;               /* "budget, climate": substantial effects (§ 3-2) */
    const char *study_level;           /* NULL: not chosen */
    const char *study[STUDY_QUESTIONS];/* "" when unanswered */
    int study_done;                    /* answered questions, 0–STUDY_QUESTIONS */
    const char *decision, *decided_on; /* "" / NULL while open */
    MinistryOption *affected;          /* affected ministries, Norwegian order (consult_case_get only) */
    size_t naffected;
    int nrounds;                       /* rounds the viewer may read */
    int nopen;                         /* … of them open */
    int noverdue;                      /* answers past their deadline in open rounds, of those the viewer may read */
} Case;

typedef struct CaseFilter {
    const char *status;                /* a status code; NULL: any */
    const char *type;                  /* a type code; NULL: any */
    const char *ministry;              /* a ministry code, the lead or an affected ministry; NULL: any */
    bool mine;                         /* only cases the viewer is the responsible officer of */
} CaseFilter;

/* consult_case_get: case id as v may see it, with its affected ministries;
 * E_NOTFOUND otherwise.  consult_case_list: the cases v may see that
 * match f, open ones first, newest first. */
int consult_case_get(Db *db, Arena *a, const Viewer *v, int64_t id, Case *out, Err *e);
int consult_case_list(Db *db, Arena *a, const Viewer *v, const CaseFilter *f, Case **out, size_t *n, Err *e);

/* Rights.  consult_can_act: v may act for ministry_id (a case officer of
 * it, not with a read-only token).  consult_can_create: v may create cases
 * for some ministry.  consult_can_manage: v may change rec (a case or a
 * round) — a case officer of its lead — or, for an answer, answer it. */
bool consult_can_act(const Viewer *v, int64_t ministry_id);
bool consult_can_create(const Viewer *v);
bool consult_can_manage(const Viewer *v, const Record *rec);

/* The text form of a case, shared by the forms and the API (NULL: not
 * given / unchanged): title, type, summary, lead (a ministry code; only
 * when creating), officer (a username or ''), status, archive_ref,
 * affected (ministry codes separated by commas), effects (effect codes
 * separated by commas), visibility, exemption_basis, public_title,
 * study_level (a code or ''), the seven study answers, decision. */
enum {
    CF_TITLE, CF_TYPE, CF_SUMMARY, CF_LEAD, CF_OFFICER, CF_STATUS, CF_ARCHIVE_REF, CF_AFFECTED, CF_EFFECTS,
    CF_VISIBILITY, CF_EXEMPTION_BASIS, CF_PUBLIC_TITLE, CF_STUDY_LEVEL, CF_STUDY, /* CF_STUDY + k, k < STUDY_QUESTIONS */
    CF_DECISION = CF_STUDY + STUDY_QUESTIONS, CF_COUNT
};
typedef struct CaseText {
    const char *v[CF_COUNT];
} CaseText;
extern const char *const g_case_field_names[CF_COUNT];
extern const char *const g_case_field_labels[CF_COUNT];  /* bokmål message ids */
int case_field_index(const char *name);

/* consult_case_text: case id as text (every field set). */
int consult_case_text(Db *db, Arena *a, const Viewer *v, int64_t id, CaseText *out, Err *e);

/* consult_case_save: create (id 0) or change case id as v.  All problems
 * in *errs (E_INVALID); E_CONFLICT for a stale expect_version (0: don't
 * check); E_FORBIDDEN without the right.  Writes the changed fields as a
 * version with comment, and the timeline's events: created, the study
 * answered (which questions), the status changed, decided (closed).
 * *out_id gets the id. */
int consult_case_save(Db *db, Arena *a, const Viewer *v, const char *client, int64_t id, const CaseText *in,
                      int64_t expect_version, const char *comment, int64_t *out_id, FormProblem **errs,
                      size_t *nerr, Err *e);

/* The ministries § 3-2 names for a case, and its affected ministries: who
 * a referral should go to, and why (a bokmål message id). */
typedef struct Suggestion {
    const char *code, *name, *name_nn, *name_en;
    const char *why;
} Suggestion;
int consult_suggest(Db *db, Arena *a, const Case *c, Suggestion **out, size_t *n, Err *e);

/* ---- deadlines ------------------------------------------------------------- */

/* consult_deadline_warnings: what is wrong with answering a round of kind
 * sent on sent_on by deadline, counting Norwegian public holidays
 * (base/holiday.h): a referral needs three weeks (15 working days), a
 * hearing six weeks (30) and normally three months; a deadline on a
 * weekend or a holiday is noted.  Up to max problems into out (field -1,
 * msg a message id with one %s, arg the number or date); returns how
 * many. */
size_t consult_deadline_warnings(Arena *a, const char *kind, const char *sent_on, const char *deadline,
                                 FormProblem *out, size_t max);

/* ---- rounds and answers -------------------------------------------------------- */

typedef struct Round {
    Record rec;                        /* owner: the lead; title: the case's */
    int64_t case_id;
    const char *case_title;            /* NULL when v may not read the case */
    const char *kind, *message, *sent_on, *deadline, *closed_on, *summary;
    const char *sent_by;               /* full name; NULL: the demo */
    const char *lead_code;
    int nanswers, nanswered, noverdue; /* of the answers v may read */
    const char *overdue_codes;         /* "AID, KDD": ministries overdue, of the answers v may read; "" */
} Round;

typedef struct Answer {
    Record rec;                        /* owner: the answering ministry */
    int64_t round_id, case_id;
    const char *round_kind, *case_title, *lead_code;
    const char *ministry_code, *ministry_name, *ministry_name_nn, *ministry_name_en;
    const char *deadline;              /* the one that applies to this ministry */
    bool own_deadline;                 /* extended for this ministry alone */
    const char *taken_by, *taken_by_name;   /* username, full name; NULL: nobody */
    const char *position;              /* NULL: not answered */
    const char *text, *approved_by;    /* "" when none */
    const char *answered_on, *answered_by_name;
    const char *reminded_on;           /* NULL: never */
    const char *round_closed_on;       /* NULL: the round is open */
    bool overdue;                      /* open round, not answered, past its deadline */
    int nattachments;                  /* documents v may see */
} Answer;

/* consult_round_get: round id as v may see it (E_NOTFOUND otherwise);
 * consult_rounds: the rounds of case case_id v may see, newest first. */
int consult_round_get(Db *db, Arena *a, const Viewer *v, int64_t id, Round *out, Err *e);
int consult_rounds(Db *db, Arena *a, const Viewer *v, int64_t case_id, Round **out, size_t *n, Err *e);

/* consult_answers: the answers of round round_id v may read, in the order
 * of the ministries' names: all of them for the lead, a recipient's own. */
int consult_answers(Db *db, Arena *a, const Viewer *v, int64_t round_id, Answer **out, size_t *n, Err *e);
int consult_answer_get(Db *db, Arena *a, const Viewer *v, int64_t id, Answer *out, Err *e);

typedef struct RoundInput {
    const char *kind;                  /* early, referral, hearing */
    const char *recipients;            /* ministry codes separated by commas */
    const char *deadline;              /* ISO date */
    const char *message;
    bool confirmed;                    /* send even though the deadline is short */
} RoundInput;
enum { RF_KIND, RF_RECIPIENTS, RF_DEADLINE, RF_MESSAGE, RF_COUNT };
extern const char *const g_round_field_names[RF_COUNT];

/* consult_round_send: send a round of case case_id as v (a case officer
 * of the lead).  Problems with the input in *errs (E_INVALID).  When the
 * deadline is short (consult_deadline_warnings) and in->confirmed is
 * false, nothing is written: E_CONFLICT with the warnings in *errs.  The
 * case goes from «under utredning» to «på foreleggelse» or «på høring»
 * with its first referral or hearing.  Each recipient's case officers are
 * notified.  *out_id gets the round. */
int consult_round_send(Db *db, Arena *a, const Viewer *v, const char *client, int64_t case_id,
                       const RoundInput *in, int64_t *out_id, FormProblem **errs, size_t *nerr, Err *e);

/* consult_remind: remind the recipients of open round id that have not
 * answered (ministry NULL or '': all of them; else that one) as v (the
 * lead); *n gets how many.  E_CONFLICT when nobody is left to remind. */
int consult_remind(Db *db, Arena *a, const Viewer *v, const char *client, int64_t id, const char *ministry,
                   int *n, Err *e);

/* consult_extend: move the deadline of open round id (ministry NULL or '':
 * for every recipient; else for that ministry alone) to deadline, later
 * than the one that applies now and not in the past, with a reason
 * (required), kept in the history and the timeline.  On E_INVALID *field
 * (may be NULL) names the input at fault (EF_). */
enum { EF_MINISTRY, EF_DEADLINE, EF_REASON };
int consult_extend(Db *db, Arena *a, const Viewer *v, const char *client, int64_t id, const char *ministry,
                   const char *deadline, const char *reason, int *field, Err *e);

/* consult_round_close: close open round id with a summary (required) as
 * v (the lead).  Answers are no longer taken; nothing is overdue. */
int consult_round_close(Db *db, Arena *a, const Viewer *v, const char *client, int64_t id, const char *summary,
                        Err *e);

/* consult_answer_take: v takes answer id for the ministry (take false:
 * gives it back); v must be able to answer it. */
int consult_answer_take(Db *db, Arena *a, const Viewer *v, const char *client, int64_t id, bool take, Err *e);

/* consult_answer_submit: answer id as v (a case officer of its ministry)
 * with a position (none, remarks, objections), the text (required unless
 * «ingen merknader») and who approved it; again to change it while the
 * round is open.  The lead's responsible officer and whoever sent the
 * round are notified.  Problems in *errs (fields "position", "text",
 * "approved_by" as AF_ indexes). */
enum { AF_POSITION, AF_TEXT, AF_APPROVED_BY, AF_COUNT };
extern const char *const g_answer_field_names[AF_COUNT];
int consult_answer_submit(Db *db, Arena *a, const Viewer *v, const char *client, int64_t id, const char *position,
                          const char *text, const char *approved_by, FormProblem **errs, size_t *nerr, Err *e);

/* ---- the inbox and the timeline ------------------------------------------------- */

/* consult_inbox: for v's ministry: the answers awaiting it in open rounds,
 * by deadline (awaiting), and the rounds of its own cases — every open one
 * by deadline, then those closed in the last 90 days (sent).  E_FORBIDDEN
 * for the public. */
int consult_inbox(Db *db, Arena *a, const Viewer *v, Answer **awaiting, size_t *nawaiting, Round **sent,
                  size_t *nsent, Err *e);

typedef struct CaseEvent {
    int64_t id;
    const char *type;                  /* created, study, status, round_sent, taken, answered, reminded,
                                          extended, round_closed, decided */
    int64_t record_id;                 /* the case, a round or an answer */
    const char *record_kind;           /* 'case', 'consult_round', 'consult_answer' */
    const char *round_kind;            /* of the round the event is about, or of the answer's round; NULL */
    const char *at;                    /* ISO time */
    const char *actor_name;            /* full name; NULL: samla or the demo */
    const char *ministry_code;         /* an answer's ministry; NULL */
    const char *old_value, *new_value, *detail;   /* "" when none */
} CaseEvent;

/* consult_timeline: the events of case id v may see (of the case, and of
 * the rounds and answers v may read), oldest first; E_NOTFOUND when v may
 * not read the case. */
int consult_timeline(Db *db, Arena *a, const Viewer *v, int64_t id, CaseEvent **out, size_t *n, Err *e);

/* Deadline reminders (consult_remind.c), for the e-mail scheduler: a
 * reminder due on today about an answer still to give in an open round
 * (three working days before its deadline, on the day, and once after it
 * passed), to whoever took it, else to everyone who may answer for the
 * ministry.  key is the reminder's dedupe key ("consult-answer:12:2026-10-26:3d"). */
typedef struct ConsultDeadline {
    int64_t answer_id;            /* the answer's record */
    int64_t user_id;              /* who is reminded */
    bool overdue;                 /* the deadline has passed */
    const char *key;
} ConsultDeadline;

int consult_deadlines(Db *db, Arena *a, const char *today, ConsultDeadline **out, size_t *n, Err *e);

#endif
