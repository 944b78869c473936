/* access.h: who may read a record — as SQL, so every list, count, search,
 * export and feed filters before it ranks, counts or shows.
 *
 * Every access-controlled thing is a record (record.h).  A statement that
 * reads records joins the record table (alias r) and puts ACCESS("r") in
 * its WHERE clause — and in every counting subquery — then calls
 * access_bind before stepping.  The viewer goes in as three parameters
 * with fixed numbers ?90 (user id, 0 anonymous), ?91 (ministry id, 0
 * none) and ?92 (capability bits), so no statement uses those numbers for
 * anything else.
 *
 * The rule, the same for every kind of record (see docs/security.md):
 *  - public and not exempt: everyone;
 *  - public, exempt, with a public title: the public sees it under the
 *    public title only (ACCESS_TITLE masks the title, and a kind's other
 *    fields are masked with ACCESS_MASKED);
 *  - public or internal (exempt or not): every signed-in employee
 *    (CAP_READ_INTERNAL);
 *  - restricted: users of the owner ministry, current members (any group
 *    role) of the owning group — a group owns itself, so its members read
 *    it — and ministries or single people given access in access_grant;
 *  - CAP_READ_ALL_MEASURES (the strategy secretariat): every record of
 *    kind measure, whatever its marking.
 */
#ifndef SAMLA_ACCESS_H
#define SAMLA_ACCESS_H

#include "app/core/perm.h"
#include "db/db.h"

#define ACCESS_STR_(x) #x
#define ACCESS_STR(x) ACCESS_STR_(x)
#define ACCESS_CAP_INTERNAL ACCESS_STR(PERM_BIT_READ_INTERNAL)
#define ACCESS_CAP_ALL_MEASURES ACCESS_STR(PERM_BIT_READ_ALL_MEASURES)

/* ACCESS(r): true in SQL when the viewer may read record row r. */
#define ACCESS(r)                                                                                          \
    "((" r ".visibility = 'public' AND (" r ".exemption_basis IS NULL OR " r ".public_title IS NOT NULL))" \
    " OR ((?92 & " ACCESS_CAP_INTERNAL ") <> 0 AND " r ".visibility IN ('public', 'internal'))"            \
    " OR ((?92 & " ACCESS_CAP_ALL_MEASURES ") <> 0 AND " r ".kind = 'measure')"                            \
    " OR (?90 <> 0 AND " r ".visibility = 'restricted' AND (" r ".owner_ministry_id = ?91"                 \
    " OR EXISTS (SELECT 1 FROM group_member gm WHERE gm.group_id = " r ".owner_group_id"                   \
    " AND gm.user_id = ?90 AND gm.left_on IS NULL)"                                                       \
    " OR EXISTS (SELECT 1 FROM access_grant ag WHERE ag.record_id = " r ".id"                              \
    " AND (ag.ministry_id = ?91 OR ag.user_id = ?90)))))"

/* ACCESS_ID(idexpr): true in SQL when the viewer may read the record with
 * id idexpr (for tables that hang off a record: comments, attachments,
 * links, notifications). */
#define ACCESS_ID(idexpr) "EXISTS (SELECT 1 FROM record ar WHERE ar.id = " idexpr " AND " ACCESS("ar") ")"

/* ACCESS_MASKED(r): true in SQL when the viewer may see only the public
 * face (public title, nothing else) of an exempt record. */
#define ACCESS_MASKED(r) "(" r ".exemption_basis IS NOT NULL AND (?92 & " ACCESS_CAP_INTERNAL ") = 0)"

/* ACCESS_TITLE(r): the title the viewer may see. */
#define ACCESS_TITLE(r) "CASE WHEN " ACCESS_MASKED(r) " THEN " r ".public_title ELSE " r ".title END"

/* ACCESS_FIELD(r, col): a kind's text column, '' when masked. */
#define ACCESS_FIELD(r, col) "CASE WHEN " ACCESS_MASKED(r) " THEN '' ELSE " col " END"

/* access_bind: bind the viewer's ?90, ?91, ?92 (NULL: anonymous). */
void access_bind(Stmt *s, const Viewer *v);

#endif
