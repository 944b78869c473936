/* access.h: who may read a record — as SQL, so every list, count, search
 * and export filters before it ranks, counts or shows.
 *
 * A statement that reads measures includes ACCESS_MEASURE("m") in its
 * WHERE clause (and in every counting subquery) and calls access_bind
 * before stepping.  The viewer goes in as three parameters with fixed
 * numbers ?90 (user id, 0 anonymous), ?91 (ministry id, 0 none) and ?92
 * (capability bits), so no statement uses those numbers for anything else.
 *
 * The rule (see docs/security.md):
 *  - public and not exempt: everyone;
 *  - public, exempt, with a public title: the public sees it under the
 *    public title only (MEASURE_TITLE / MEASURE_DESCRIPTION mask the rest);
 *  - public or internal (exempt or not): every signed-in employee
 *    (CAP_READ_INTERNAL);
 *  - restricted: users of the owning ministry, and ministries or users
 *    given access in access_grant;
 *  - everything: CAP_READ_ALL_MEASURES (the strategy secretariat).
 */
#ifndef SAMLA_ACCESS_H
#define SAMLA_ACCESS_H

#include "app/core/perm.h"
#include "db/db.h"

#define ACCESS_CAP_INTERNAL "2"      /* CAP_READ_INTERNAL */
#define ACCESS_CAP_ALL "2048"        /* CAP_READ_ALL_MEASURES */

#define ACCESS_MEASURE(m)                                                                           \
    "((" m ".visibility = 'public' AND (" m ".exemption_basis IS NULL OR " m ".public_title IS NOT NULL))" \
    " OR ((?92 & " ACCESS_CAP_INTERNAL ") <> 0 AND " m ".visibility IN ('public', 'internal'))"     \
    " OR (?92 & " ACCESS_CAP_ALL ") <> 0"                                                           \
    " OR (?90 <> 0 AND " m ".visibility = 'restricted' AND (" m ".owner_ministry_id = ?91"          \
    " OR EXISTS (SELECT 1 FROM access_grant ag WHERE ag.object_type = 'measure'"                    \
    " AND ag.object_id = " m ".id AND (ag.ministry_id = ?91 OR ag.user_id = ?90)))))"

/* True in SQL when the viewer may see only the public face of an exempt
 * record. */
#define ACCESS_MASKED(m) "(" m ".exemption_basis IS NOT NULL AND (?92 & " ACCESS_CAP_INTERNAL ") = 0)"

/* The title and description a viewer may see. */
#define MEASURE_TITLE(m) "CASE WHEN " ACCESS_MASKED(m) " THEN " m ".public_title ELSE " m ".title END"
#define MEASURE_DESCRIPTION(m) "CASE WHEN " ACCESS_MASKED(m) " THEN '' ELSE " m ".description END"

/* access_bind: bind the viewer's ?90, ?91, ?92 (NULL: anonymous). */
void access_bind(Stmt *s, const Viewer *v);

#endif
