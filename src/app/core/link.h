/* link.h: typed links between any two records (model).
 *
 * A link reads from its own record to the other: «2.4 gjennomfører 1.1»
 * is stored as from = 2.4, to = 1.1, type implements, and shown on 1.1 in
 * the reverse wording («gjennomføres av 2.4»).  Two records are linked at
 * most once per type, whichever end it was made from.
 *
 * Access applies at both ends: a viewer sees a link only when they may
 * read both records, and not only their public face (an exempt record
 * shown under its public title has no links for that viewer).  A link to
 * something the viewer may not read is not listed, not counted and not
 * found — it answers E_NOTFOUND like a link that does not exist.
 *
 * A link is made and removed by someone who may manage the record it is
 * made from (record_can_manage) and may read the other one.  Every write
 * runs in its own transaction or the caller's and appends to the audit
 * log ("link.add", "link.remove").  Strings live in the caller's arena.
 * Messages in Err are bokmål message ids (N_) for the pages, to be shown
 * with T(); database failures have English messages.
 */
#ifndef SAMLA_LINK_H
#define SAMLA_LINK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/core/record.h"

typedef struct LinkType {
    const char *code;      /* stored in record_link.type: 'implements' */
    const char *forward;   /* bokmål message id, seen from the from end: «Gjennomfører» */
    const char *reverse;   /* bokmål message id, seen from the to end: «Gjennomføres av» */
} LinkType;

/* The link types in display order; g_link_ntypes of them. */
extern const LinkType g_link_types[];
extern const size_t g_link_ntypes;

/* link_type: the type with this code, or NULL. */
const LinkType *link_type(const char *code);

typedef struct Link {
    int64_t id;
    const LinkType *type;
    bool outgoing;                /* made from the record asked about (read: this <forward> other) */
    const char *label;            /* bokmål message id: type->forward when outgoing, else type->reverse */
    int64_t from_id, to_id;       /* the two ends as stored */
    int64_t other_id;             /* the end that is not the record asked about */
    const RecordKind *other_kind; /* NULL when the kind is not registered in this binary */
    const char *other_title;      /* the other record's title (never masked: masked ends are not listed) */
    const char *other_url;        /* its page */
    const char *created_at;       /* ISO time (UTC) */
    const char *created_by;       /* full name, NULL: the CLI */
    bool can_remove;              /* v may remove it (manages the from end) */
} Link;

/* link_list: the links of record id that v may see (both ends readable
 * and not masked), in the order of g_link_types, outgoing before incoming,
 * then by the other record's title (Norwegian order).  E_NOTFOUND when v
 * may not read record id; an empty list when v sees only its public face.
 * Allocates the array and its strings from a. */
int link_list(Db *db, Arena *a, const Viewer *v, int64_t id, Link **out, size_t *n, Err *e);

/* link_count: how many links of record id v may see (the length of
 * link_list); 0 when v may not read it. */
int link_count(Db *db, const Viewer *v, int64_t id);

/* link_get: link id if v may see it (both ends), else E_NOTFOUND.  The
 * Link is described from its from end. */
int link_get(Db *db, Arena *a, const Viewer *v, int64_t id, Link *out, Err *e);

/* link_add: link record from_id to record to_id with type (a code of
 * g_link_types) as v, and return the new id in *out_id (may be NULL).
 * Errors, checked in this order: E_NOTFOUND (v may not read from_id),
 * E_FORBIDDEN (v may not manage from_id), E_INVALID (unknown type; to_id
 * missing, unreadable by v or masked — said the same way, so it tells
 * nothing; a link to itself), E_CONFLICT (the two are linked with this type
 * already, in either direction).  Audited "link.add".  Nothing is written
 * on error. */
int link_add(Db *db, const Viewer *v, const char *client, int64_t from_id, int64_t to_id, const char *type,
             int64_t *out_id, Err *e);

/* link_remove: remove link id as v: E_NOTFOUND when v may not see it (or
 * it does not exist), E_FORBIDDEN when v may not manage its from end.
 * Audited "link.remove". */
int link_remove(Db *db, const Viewer *v, const char *client, int64_t id, Err *e);

/* link_target: the record id a user typed to name the other end: "12",
 * "#12", or the path or URL of a record page — a registered kind's url
 * followed by the id ("/measures/12", "https://samla.example/measures/12/
 * history?x#y") or "/r/12".  0 when it names none (also for the URL of a
 * page that is not a record, so "/strategies/2021-2025/areas/1" is not
 * record 1). */
int64_t link_target(const char *text);

#endif
