/* access.c: see access.h. */
#include "app/core/access.h"

void access_bind(Stmt *s, const Viewer *v)
{
    if (!v) {
        v = &g_anonymous;
    }
    db_bind_int(s, 90, v->user_id);
    db_bind_int(s, 91, v->ministry_id);
    db_bind_int(s, 92, v->caps);
}
