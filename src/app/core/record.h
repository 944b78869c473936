/* record.h: the record core — what every access-controlled thing in samla
 * has, once.
 *
 * A record is a row in the table `record` (kind, title, owner ministry,
 * owning group, visibility, exemption basis, public title, who and when,
 * version) and one row with the same id in its kind's own table.  Reading
 * is decided by one SQL predicate for all kinds (access.h); grants,
 * versions with field-level history, links, comments, attachments and
 * notifications hang off the record id and follow the record's access.
 *
 * A kind of record exists only by registering with the core: one
 * RecordKind, passed to record_kind_register from a constructor in the
 * kind's own file (RECORD_KIND below).  Registering is what puts the kind
 * into the access matrix and leak tests (tests/unit/test_record.c walks
 * g_record_kinds), the generic record routes (/r/{id}, /records/{id}/…,
 * /api/v1/records/{id}/…), the history, search (search.h) and, later,
 * export.
 *
 * All functions take the viewer; a record the viewer may not read is
 * E_NOTFOUND, never E_FORBIDDEN, so its existence does not leak.  Strings
 * live in the caller's arena.  Writes run in their own transaction, or in
 * the caller's (db_begin nests), and write an audit row.
 */
#ifndef SAMLA_RECORD_H
#define SAMLA_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/core/access.h"
#include "app/core/perm.h"
#include "base/arena.h"
#include "base/err.h"
#include "db/db.h"

typedef struct Record Record;
typedef struct FieldChange FieldChange;

/* What search indexes of a record besides its title (search.h). */
typedef struct SearchText {
    const char *body;             /* the kind's own fields as plain text; NULL or "": none */
    int64_t period_id;            /* the strategy it belongs to; 0: the period of its last change */
} SearchText;

typedef struct RecordKind {
    const char *name;          /* record.kind and the audit object type: 'measure' */
    const char *table;         /* the kind's own table, keyed on record.id (for checks and tests) */
    const char *label;         /* bokmål name, singular, lower case: 'tiltak' */
    const char *url;           /* page of a record: url + id ('/measures/' → /measures/12) */
    /* may v change the record (fields, marking, grants)?  NULL: users of
     * the owner ministry with CAP_READ_MINISTRY, and members (not
     * observers) of the owning group, and nobody else. */
    bool (*can_manage)(const Viewer *v, const Record *rec);
    /* the bokmål label of a field name in the history; NULL: the name */
    const char *(*field_label)(const char *field);
    /* tests only: insert the kind's own row for the new record id with
     * whatever it needs to be valid (its table's NOT NULL columns) */
    int (*sample)(Db *db, int64_t id, Err *e);
    /* save the fields fields[0..n) (name, value in .to) of record id as a
     * new version with comment, checking v's rights as any change does;
     * NULL: the kind's versions cannot be restored */
    int (*restore)(Db *db, Arena *a, const Viewer *v, const char *client, int64_t id,
                   const FieldChange *fields, size_t n, const char *comment, Err *e);
    /* the text of record id for the search index (its own fields, in a),
     * read as it is stored now, without access checks; NULL: the title
     * alone is indexed */
    int (*search_text)(Db *db, Arena *a, int64_t id, SearchText *out, Err *e);
} RecordKind;

/* RECORD_KIND(var): register the RecordKind var at program start.  Put it
 * in the kind's model file, next to the definition. */
#define RECORD_KIND(var)                                                       \
    __attribute__((constructor)) static void record_register_##var(void)      \
    {                                                                          \
        record_kind_register(&(var));                                          \
    }

enum { RECORD_MAX_KINDS = 64 };

/* The registered kinds, in registration order; g_record_nkinds of them. */
extern const RecordKind *g_record_kinds[RECORD_MAX_KINDS];
extern size_t g_record_nkinds;

/* record_kind_register: add k (static storage) to the registry; a second
 * kind with the same name is a programming error (abort). */
void record_kind_register(const RecordKind *k);

/* record_kind: the registered kind named name, or NULL. */
const RecordKind *record_kind(const char *name);

struct Record {
    int64_t id;
    const RecordKind *kind;       /* never NULL for a record read with record_get */
    const char *title;            /* the title the viewer may see (the public title when masked) */
    int64_t owner_ministry_id;    /* 0: none */
    const char *owner_code;       /* 'KD', NULL: none */
    const char *owner_name;       /* bokmål name, NULL: none */
    const char *owner_name_nn;    /* nynorsk name, NULL: none */
    const char *owner_name_en;    /* English name, NULL: none */
    int64_t owner_group_id;       /* 0: none */
    const char *visibility;       /* public, internal, restricted */
    const char *exemption_basis;  /* code, NULL: not exempt */
    const char *exemption_label;  /* 'offl. § 14', NULL: not exempt */
    const char *public_title;     /* NULL: none */
    bool masked;                  /* the viewer sees only the public title */
    int version;
    const char *created_at, *created_by;  /* ISO time; full name or NULL */
    const char *updated_at, *updated_by;  /* NULL: never changed */
};

/* record_get: record id as v may see it; E_NOTFOUND when it does not exist
 * or v may not read it. */
int record_get(Db *db, Arena *a, const Viewer *v, int64_t id, Record *out, Err *e);

/* RECORD_COLUMNS / RECORD_FROM: the record's columns as record_row reads
 * them (RECORD_NCOLS of them, the viewer's title and masking applied), and
 * the FROM clause they need (alias r).  A kind's list selects
 * RECORD_COLUMNS, its own columns from index RECORD_NCOLS on, RECORD_FROM,
 * its own joins, and puts ACCESS("r") in its WHERE clause. */
#define RECORD_COLUMNS                                                                                \
    "r.id, r.kind, " ACCESS_TITLE("r") ", r.owner_ministry_id, o.code, o.name_nb, r.owner_group_id, "  \
    "r.visibility, r.exemption_basis, eb.label, r.public_title, " ACCESS_MASKED("r") ", r.version, "   \
    "r.created_at, ca.full_name, r.updated_at, ua.full_name, o.name_nn, o.name_en"
#define RECORD_FROM                                                                                   \
    "FROM record r LEFT JOIN ministry o ON o.id = r.owner_ministry_id "                               \
    "LEFT JOIN exemption_basis eb ON eb.code = r.exemption_basis "                                    \
    "LEFT JOIN account ca ON ca.id = r.created_by LEFT JOIN account ua ON ua.id = r.updated_by"
enum { RECORD_NCOLS = 19 };

/* record_row: the Record in the current row of s (RECORD_COLUMNS first). */
void record_row(Stmt *s, Arena *a, Record *out);

/* record_can_read: v may read record id (the same rule as record_get). */
bool record_can_read(Db *db, const Viewer *v, int64_t id);

/* record_can_manage: v may change rec (its kind's rule); false for
 * read-only tokens. */
bool record_can_manage(const Viewer *v, const Record *rec);

/* record_url: the page of record id of kind k, in a. */
const char *record_url(Arena *a, const RecordKind *k, int64_t id);

typedef struct RecordInit {
    const char *title;            /* required */
    int64_t owner_ministry_id;    /* 0: none */
    const char *visibility;       /* NULL: 'internal' */
    const char *exemption_basis;  /* NULL: not exempt */
    const char *public_title;     /* NULL: none */
    int64_t owner_group_id;       /* the owning group (a record of kind group); 0: none */
} RecordInit;

/* record_create: insert the record row of a new record of kind (which must
 * be registered) as actor (NULL: the CLI) and return its id in *id; the
 * caller inserts the kind's own row with that id in the same transaction
 * (open one around both).  Validates visibility, exemption basis and the
 * title's length and content (E_INVALID).  The record starts at version 0
 * with no version row: the kind writes version 1 with record_version_add,
 * with its fields. */
int record_create(Db *db, const Viewer *actor, const char *kind, const RecordInit *in, int64_t *id, Err *e);

struct FieldChange {
    const char *field;            /* field name */
    const char *from, *to;        /* text values */
};

/* record_version_add: bump record id's version by one (0 → 1 for a new
 * record), set updated_at/by (from version 2 on), write the version row
 * with the field changes and comment, and index the record for search as
 * it now is (search_index_record).  The caller has written the change,
 * checked rights and holds the transaction.  n may be 0 only for version
 * 1. */
int record_version_add(Db *db, const Viewer *actor, int64_t id, const FieldChange *ch, size_t n,
                       const char *comment, Err *e);

typedef struct RecordVersion {
    int version;
    const char *at, *actor, *actor_name, *comment;  /* actor: username; actor_name: full name or NULL */
    FieldChange *changes;
    size_t nchanges;
} RecordVersion;

/* record_versions: the history of record id, newest first, if v may read
 * it (E_NOTFOUND otherwise).  Field values of a masked record are not
 * shown: a viewer who sees only the public title gets E_NOTFOUND. */
int record_versions(Db *db, Arena *a, const Viewer *v, int64_t id, RecordVersion **out, size_t *n, Err *e);

/* record_restore: make record id as it was at version (1 ≤ version <
 * the current one) again, as a new version: the fields changed since then
 * get their values of that version back, through the kind's restore (which
 * checks v's rights).  E_NOTFOUND when v may not read the record's
 * history, E_INVALID for a kind without restore or a version out of
 * range. */
int record_restore(Db *db, Arena *a, const Viewer *v, const char *client, int64_t id, int version, Err *e);

/* Marking and grants — «Hvem har tilgang». */

/* record_marking_check: visibility, exemption basis and public title ('' or
 * NULL: none) make a valid marking; E_INVALID with a message id if not. */
int record_marking_check(Db *db, const char *visibility, const char *basis, const char *public_title, Err *e);

/* record_set_access: set visibility ('public', 'internal', 'restricted'),
 * exemption basis ('' or NULL: none) and public title ('' or NULL: none)
 * of record id as v (record_can_manage), as a new version with an audit
 * row.  An exempt record needs no public title (then the public sees
 * nothing of it). */
int record_set_access(Db *db, const Viewer *v, const char *client, int64_t id, const char *visibility,
                      const char *basis, const char *public_title, Err *e);

typedef struct AccessGrant {
    int64_t id;
    const char *ministry_code, *ministry_name;  /* a ministry (bokmål name), or */
    const char *ministry_name_nn, *ministry_name_en;  /* its nynorsk and English names */
    const char *username, *full_name;           /* one person */
    const char *granted_at, *granted_by;        /* ISO time; full name or NULL */
} AccessGrant;

/* record_grants: the grants on record id, ministries first, if v may
 * read it. */
int record_grants(Db *db, Arena *a, const Viewer *v, int64_t id, AccessGrant **out, size_t *n, Err *e);

/* record_grant_add: give a ministry (code) or one person (username) read
 * access to record id, as v (record_can_manage); exactly one of
 * ministry_code and username is set.  E_INVALID for an unknown ministry or
 * user, E_CONFLICT when the grant exists.  Audited. */
int record_grant_add(Db *db, const Viewer *v, const char *client, int64_t id, const char *ministry_code,
                     const char *username, Err *e);

/* record_grant_remove: remove grant grant_id of record id, as v.  Audited. */
int record_grant_remove(Db *db, const Viewer *v, const char *client, int64_t id, int64_t grant_id, Err *e);

typedef struct ExemptionBasis {
    const char *code, *label, *description;
} ExemptionBasis;

/* exemption_basis_list: the legal bases in display order. */
int exemption_basis_list(Db *db, Arena *a, ExemptionBasis **out, size_t *n, Err *e);

/* exemption_basis_valid: code is a known basis. */
bool exemption_basis_valid(Db *db, const char *code);

typedef struct MinistryOption {
    const char *code, *name;      /* 'KD', bokmål name */
    const char *name_nn, *name_en;/* nynorsk and English names */
} MinistryOption;

/* record_ministry_options: the current ministries, in Norwegian order, for
 * owner and grant choices. */
int record_ministry_options(Db *db, Arena *a, MinistryOption **out, size_t *n, Err *e);

#endif
