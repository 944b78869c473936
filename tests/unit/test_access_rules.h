/* test_access_rules.h: the access matrix's rules, one per route of
 * web/routes.c (included by test_access.c, which defines Rule and the
 * capture kinds).  Sorted as the route table is. */
static const Rule g_rules[] = {
    {"GET /", CAP_PUBLIC, {0}, 200},
    {"GET /account", CAP_SIGNED_IN, {0}, 200},
    {"GET /account/calendar", CAP_SIGNED_IN, {0}, 200},
    {"POST /account/calendar", CAP_SIGNED_IN, {0}, 200},   /* a new secret address, shown once */
    {"POST /account/calendar/revoke", CAP_SIGNED_IN, {0}, 400},   /* not confirmed */
    {"GET /account/mail", CAP_SIGNED_IN, {0}, 200},
    {"POST /account/mail", CAP_SIGNED_IN, {0}, 303},                           /* nothing chosen: saved as it was */
    {"POST /account/password", CAP_SIGNED_IN, {0}, 400},             /* wrong current password */
    {"POST /account/tokens", CAP_TOKEN_OWN, {0}, 400},               /* no name */
    {"POST /account/tokens/{id}/revoke", CAP_TOKEN_OWN, {A_TOKEN}, 404},   /* no such token */
    {"GET /admin", CAP_AUDIT_READ, {0}, 200},
    {"GET /admin/audit", CAP_AUDIT_READ, {0}, 200},
    {"GET /admin/mail", CAP_USER_ADMIN, {0}, 200},
    {"POST /admin/mail/test", CAP_USER_ADMIN, {0}, 400},                       /* no address */
    {"POST /admin/mail/{id}/resend", CAP_USER_ADMIN, {A_TOKEN}, 404},          /* no such e-mail */
    {"GET /admin/statuses", CAP_USER_ADMIN, {0}, 200},
    {"POST /admin/statuses", CAP_USER_ADMIN, {0}, 400},
    {"POST /admin/tokens/{id}/revoke", CAP_USER_ADMIN, {A_TOKEN}, 404},
    {"GET /admin/users", CAP_USER_ADMIN, {0}, 200},
    {"POST /admin/users", CAP_USER_ADMIN, {0}, 400},
    {"GET /admin/users/new", CAP_USER_ADMIN, {0}, 200},
    {"GET /admin/users/{id}", CAP_USER_ADMIN, {A_USER}, 200},
    {"POST /admin/users/{id}", CAP_USER_ADMIN, {A_USER}, 400},
    {"POST /admin/users/{id}/password", CAP_USER_ADMIN, {A_USER}, 400},
    {"POST /admin/users/{id}/roles", CAP_USER_ADMIN, {A_USER}, 400},
    {"POST /admin/users/{id}/roles/{grant}/delete", CAP_USER_ADMIN, {A_USER, A_GRANT}, 404},
    {"GET /api/v1/articles", CAP_PUBLIC, {0}, 200},
    {"POST /api/v1/articles", CAP_SIGNED_IN, {0}, 400, .body = "[]"},
    {"GET /api/v1/articles/{id}", CAP_PUBLIC, {A_ARTICLE}, 200},
    {"PATCH /api/v1/articles/{id}", CAP_SIGNED_IN, {A_ARTICLE}, 400, .body = "[]"},
    {"GET /api/v1/articles/{id}/diff", CAP_SIGNED_IN, {A_ARTICLE}, 400},   /* no from= and to= */
    {"DELETE /api/v1/attachments/{id}", CAP_SIGNED_IN, {A_TOKEN}, 404},   /* no such attachment */
    {"GET /api/v1/admin/mail/outbox", CAP_USER_ADMIN, {0}, 200},
    {"POST /api/v1/admin/mail/outbox/{id}/resend", CAP_USER_ADMIN, {A_TOKEN}, 404, .body = "{}"},
    {"POST /api/v1/admin/mail/test", CAP_USER_ADMIN, {0}, 400, .body = "{}"},   /* no address */
    {"GET /api/v1/answers/{id}", CAP_SIGNED_IN, {A_TOKEN}, 404},   /* who reads which answer: tests/unit/test_consult.c */
    {"POST /api/v1/answers/{id}", CAP_CONSULT_ANSWER, {A_TOKEN}, 404, .body = "{}"},
    {"POST /api/v1/answers/{id}/take", CAP_CONSULT_ANSWER, {A_TOKEN}, 404, .body = "{}"},
{"GET /api/v1/audit", CAP_AUDIT_READ, {0}, 200},
        {"GET /api/v1/cases", CAP_PUBLIC, {0}, 200},
    {"POST /api/v1/cases", CAP_CONSULT_ANSWER, {0}, 400, .body = "[]"},
    {"GET /api/v1/cases/{id}", CAP_PUBLIC, {A_CASE}, 200},
    {"PATCH /api/v1/cases/{id}", CAP_CONSULT_ANSWER, {A_CASE}, 403, .body = "{}"},   /* DFD's case: not KD's to change */
    {"POST /api/v1/cases/{id}/rounds", CAP_CONSULT_ANSWER, {A_CASE}, 403, .body = "{}"},
    {"GET /api/v1/cases/{id}/timeline", CAP_SIGNED_IN, {A_CASE}, 200},
{"GET /api/v1/comments/{id}", CAP_SIGNED_IN, {A_TOKEN}, 404},   /* hidden ones: tests/unit/test_comment.c */
    {"PATCH /api/v1/comments/{id}", CAP_SIGNED_IN, {A_TOKEN}, 404, .body = "{}"},
    {"DELETE /api/v1/comments/{id}", CAP_SIGNED_IN, {A_TOKEN}, 404},
        {"GET /api/v1/consultations", CAP_SIGNED_IN, {0}, 200},
    {"GET /api/v1/consultations/{id}", CAP_SIGNED_IN, {A_TOKEN}, 404},
    {"POST /api/v1/consultations/{id}/close", CAP_CONSULT_ANSWER, {A_TOKEN}, 404, .body = "{}"},
    {"POST /api/v1/consultations/{id}/extend", CAP_CONSULT_ANSWER, {A_TOKEN}, 404, .body = "{}"},
    {"POST /api/v1/consultations/{id}/remind", CAP_CONSULT_ANSWER, {A_TOKEN}, 404, .body = "{}"},
{"GET /api/v1/editions", CAP_PUBLIC, {0}, 200},
    {"POST /api/v1/editions", CAP_MEASURE_MANAGE, {0}, 400},
    {"GET /api/v1/editions/compare", CAP_PUBLIC, {0}, 400},   /* no from=: compared in nothing_leaks */
    {"GET /api/v1/editions/{id}", CAP_PUBLIC, {A_EDITION}, 200},
    {"GET /api/v1/exemption-bases", CAP_PUBLIC, {0}, 200},
    {"GET /api/v1/groups", CAP_PUBLIC, {0}, 200},
    {"POST /api/v1/groups", CAP_SIGNED_IN, {0}, 400, .body = "[]"},
    {"GET /api/v1/groups/export", CAP_PUBLIC, {0}, 200, .query = "format=csv"},
    {"GET /api/v1/groups/{id}", CAP_PUBLIC, {A_GROUP}, 200},
    {"PATCH /api/v1/groups/{id}", CAP_SIGNED_IN, {A_GROUP}, 400, .body = "[]"},
    {"POST /api/v1/groups/{id}/close", CAP_SIGNED_IN, {A_GROUP}, 400, .body = "[]"},
    {"GET /api/v1/groups/{id}/ladder", CAP_PUBLIC, {A_GROUP}, 200},
    {"POST /api/v1/groups/{id}/ladder", CAP_SIGNED_IN, {A_GROUP}, 400, .body = "[]"},
    {"POST /api/v1/groups/{id}/members", CAP_SIGNED_IN, {A_GROUP}, 400, .body = "[]"},
    {"DELETE /api/v1/groups/{id}/members/{member}", CAP_SIGNED_IN, {A_GROUP, A_TOKEN}, 404},
    {"POST /api/v1/groups/{id}/reopen", CAP_SIGNED_IN, {0}, 404},   /* no such group */
    {"GET /api/v1/kb", CAP_PUBLIC, {0}, 200},
    {"GET /api/v1/ladder", CAP_PUBLIC, {0}, 200},
    {"GET /api/v1/ladder/export", CAP_PUBLIC, {0}, 200, .query = "format=csv"},
    {"DELETE /api/v1/links/{id}", CAP_SIGNED_IN, {A_TOKEN}, 404},   /* hidden ones: tests/unit/test_link.c */
    {"GET /api/v1/me", CAP_SIGNED_IN, {0}, 200},
    {"GET /api/v1/me/calendar", CAP_SIGNED_IN, {0}, 200},
    {"POST /api/v1/me/calendar", CAP_SIGNED_IN, {0}, 201, .body = "{}"},
    {"DELETE /api/v1/me/calendar", CAP_SIGNED_IN, {0}, 200},
    {"GET /api/v1/me/mail-preferences", CAP_SIGNED_IN, {0}, 200},
    {"PUT /api/v1/me/mail-preferences", CAP_SIGNED_IN, {0}, 200, .body = "{}"},   /* nothing to change */
    {"GET /api/v1/measures", CAP_PUBLIC, {0}, 200},
    {"POST /api/v1/measures", CAP_MEASURE_MANAGE, {0}, 400},
    {"POST /api/v1/measures/carry-over", CAP_MEASURE_MANAGE, {0}, 400, .body = "{\"measures\": []}"},   /* none chosen */
    {"GET /api/v1/measures/export", CAP_PUBLIC, {0}, 200, .query = "format=json"},
    {"POST /api/v1/measures/import", CAP_MEASURE_MANAGE, {0}, 400},
    {"GET /api/v1/measures/{id}", CAP_PUBLIC, {A_MEASURE}, 200},
    {"PATCH /api/v1/measures/{id}", CAP_SIGNED_IN, {A_MEASURE}, 400, .row_write = true, .body = "{\"progress\":\"x\"}"},
    {"PUT /api/v1/measures/{id}/access", CAP_MEASURE_MANAGE, {A_MEASURE}, 400},
    {"GET /api/v1/measures/{id}/history", CAP_SIGNED_IN, {A_MEASURE}, 200},
    {"GET /api/v1/ministries", CAP_PUBLIC, {0}, 200},
    {"GET /api/v1/ministries/{code}", CAP_PUBLIC, {A_CODE}, 200},
    {"GET /api/v1/notifications", CAP_SIGNED_IN, {0}, 200},
    {"POST /api/v1/notifications/read", CAP_SIGNED_IN, {0}, 400, .body = "{}"},   /* neither id nor all */
    {"GET /api/v1/openapi.json", CAP_PUBLIC, {0}, 200},
    {"GET /api/v1/problems", CAP_PUBLIC, {0}, 200},
    {"POST /api/v1/problems", CAP_SIGNED_IN, {0}, 400, .body = "[]"},
    {"GET /api/v1/problems/{id}", CAP_PUBLIC, {A_PROBLEM}, 200},
    {"PATCH /api/v1/problems/{id}", CAP_SIGNED_IN, {A_PROBLEM}, 400, .body = "[]"},
    {"GET /api/v1/records/{id}", CAP_PUBLIC, {A_MEASURE}, 200},
    {"GET /api/v1/records/{id}/access", CAP_PUBLIC, {A_MEASURE}, 200},
    {"PUT /api/v1/records/{id}/access", CAP_SIGNED_IN, {A_MEASURE}, 400, .manage = true, .body = "{}"},
    {"GET /api/v1/records/{id}/attachments", CAP_PUBLIC, {A_MEASURE}, 200},
    {"POST /api/v1/records/{id}/attachments", CAP_SIGNED_IN, {A_MEASURE}, 400},   /* no file: any reader may attach */
    {"GET /api/v1/records/{id}/comments", CAP_SIGNED_IN, {A_MEASURE}, 200},
    {"POST /api/v1/records/{id}/comments", CAP_SIGNED_IN, {A_MEASURE}, 400, .body = "{}"},   /* any reader may comment */
    {"POST /api/v1/records/{id}/grants", CAP_SIGNED_IN, {A_MEASURE}, 400, .manage = true, .body = "{}"},
    {"DELETE /api/v1/records/{id}/grants/{grant}", CAP_SIGNED_IN, {A_MEASURE, A_TOKEN}, 404, .manage = true},
    {"GET /api/v1/records/{id}/history", CAP_SIGNED_IN, {A_MEASURE}, 200},
    {"GET /api/v1/records/{id}/links", CAP_PUBLIC, {A_MEASURE}, 200},
    {"POST /api/v1/records/{id}/links", CAP_SIGNED_IN, {A_MEASURE}, 400, .manage = true, .body = "{}"},
    {"GET /api/v1/rounds", CAP_SIGNED_IN, {0}, 200},
    {"POST /api/v1/rounds", CAP_MEASURE_MANAGE, {0}, 400},
    {"GET /api/v1/rounds/{id}", CAP_SIGNED_IN, {A_ROUND}, 200},
    {"POST /api/v1/rounds/{id}/reports", CAP_SIGNED_IN, {A_ROUND}, 400},
    {"GET /api/v1/sdgs", CAP_PUBLIC, {0}, 200},
    {"GET /api/v1/search", CAP_PUBLIC, {0}, 200, .query = "q=samordning"},   /* leaks: test_record.c, test_http.c */
    {"GET /api/v1/search/suggest", CAP_PUBLIC, {0}, 200, .query = "q=samo"}, {"GET /search/suggest", CAP_PUBLIC, {0}, 200, .query = "q=samo"},
    {"GET /api/v1/statuses", CAP_PUBLIC, {0}, 200},
    {"GET /api/v1/strategies", CAP_PUBLIC, {0}, 200},
    {"GET /api/v1/strategies/{slug}", CAP_PUBLIC, {A_SLUG}, 200},
    {"GET /api/v1/strategies/{slug}/areas/{number}", CAP_PUBLIC, {A_SLUG, A_NUMBER}, 200},
    {"GET /api/v1/tokens", CAP_TOKEN_OWN, {0}, 200},
    {"POST /api/v1/tokens", CAP_TOKEN_OWN, {0}, 400},
    {"DELETE /api/v1/tokens/{id}", CAP_TOKEN_OWN, {A_TOKEN}, 404},
    {"GET /api/v1/users", CAP_USER_ADMIN, {0}, 200},
    {"POST /api/v1/users", CAP_USER_ADMIN, {0}, 400},
    {"GET /api/v1/users/{id}", CAP_USER_ADMIN, {A_USER}, 200},
    {"GET /answers/{id}", CAP_SIGNED_IN, {A_TOKEN}, 404},
    {"POST /answers/{id}", CAP_CONSULT_ANSWER, {A_TOKEN}, 404},
    {"POST /answers/{id}/take", CAP_CONSULT_ANSWER, {A_TOKEN}, 404},
    {"POST /api/v1/agenda-items/{id}/decision", CAP_SIGNED_IN, {A_TOKEN}, 404, .body = "{}"},   /* who may: tests/unit/test_work.c */
    {"POST /api/v1/agenda-items/{id}/task", CAP_SIGNED_IN, {A_TOKEN}, 404, .body = "{}"},
    {"GET /api/v1/dashboard", CAP_DASHBOARD, {0}, 200},
    {"GET /api/v1/decisions", CAP_SIGNED_IN, {0}, 200},
    {"POST /api/v1/decisions", CAP_SIGNED_IN, {0}, 400, .body = "[]"},
    {"GET /api/v1/decisions/{id}", CAP_SIGNED_IN, {A_TOKEN}, 404},
    {"PATCH /api/v1/decisions/{id}", CAP_SIGNED_IN, {A_TOKEN}, 404, .body = "{}"},
    {"GET /api/v1/interactions", CAP_SIGNED_IN, {0}, 200},
    {"POST /api/v1/interactions", CAP_SIGNED_IN, {0}, 400, .body = "[]"},
    {"GET /api/v1/interactions/matrix", CAP_SIGNED_IN, {0}, 200},
    {"GET /api/v1/interactions/{id}", CAP_SIGNED_IN, {A_TOKEN}, 404},
    {"POST /api/v1/interactions/{id}/answer", CAP_SIGNED_IN, {A_TOKEN}, 404, .body = "{}"},
    {"GET /api/v1/meetings", CAP_SIGNED_IN, {0}, 200},
    {"POST /api/v1/meetings", CAP_SIGNED_IN, {0}, 400, .body = "[]"},
    {"GET /api/v1/meetings/{id}", CAP_SIGNED_IN, {A_TOKEN}, 404},
    {"PATCH /api/v1/meetings/{id}", CAP_SIGNED_IN, {A_TOKEN}, 404, .body = "{}"},
    {"POST /api/v1/meetings/{id}/agenda", CAP_SIGNED_IN, {A_TOKEN}, 404, .body = "{}"},
    {"GET /api/v1/ministry-goals", CAP_PUBLIC, {0}, 200},
    {"GET /api/v1/tasks", CAP_SIGNED_IN, {0}, 200},
    {"POST /api/v1/tasks", CAP_SIGNED_IN, {0}, 400, .body = "[]"},
    {"GET /api/v1/tasks/{id}", CAP_SIGNED_IN, {A_TOKEN}, 404},
    {"PATCH /api/v1/tasks/{id}", CAP_SIGNED_IN, {A_TOKEN}, 404, .body = "{}"},
    {"GET /articles/{id}", CAP_PUBLIC, {A_ARTICLE}, 200},
    {"POST /articles/{id}", CAP_SIGNED_IN, {A_ARTICLE}, 400},   /* no version: any employee writes the community base */
    {"GET /articles/{id}/diff", CAP_SIGNED_IN, {A_ARTICLE}, 400},   /* no from= and to= */
    {"GET /articles/{id}/edit", CAP_SIGNED_IN, {A_ARTICLE}, 200},
    {"GET /articles/{id}/history", CAP_SIGNED_IN, {A_ARTICLE}, 200},
    {"GET /attachments/{id}", CAP_PUBLIC, {A_TOKEN}, 404},   /* hidden ones: tests/unit/test_attach.c */
    {"POST /attachments/{id}/delete", CAP_SIGNED_IN, {A_TOKEN}, 404},
    {"GET /calendar/{token}", CAP_PUBLIC, {A_TOKEN}, 404},   /* no such feed */
        {"GET /cases", CAP_PUBLIC, {0}, 200},
    {"POST /cases", CAP_CONSULT_ANSWER, {0}, 400},   /* no title */
    {"GET /cases/new", CAP_CONSULT_ANSWER, {0}, 200},
    {"GET /cases/{id}", CAP_PUBLIC, {A_CASE}, 200},
    {"POST /cases/{id}", CAP_CONSULT_ANSWER, {A_CASE}, 403},
    {"GET /cases/{id}/edit", CAP_CONSULT_ANSWER, {A_CASE}, 403},
    {"POST /cases/{id}/rounds", CAP_CONSULT_ANSWER, {A_CASE}, 403},
    {"GET /cases/{id}/rounds/new", CAP_CONSULT_ANSWER, {A_CASE}, 403},
    {"GET /cases/{id}/study", CAP_PUBLIC, {A_CASE}, 200},
    {"POST /cases/{id}/study", CAP_CONSULT_ANSWER, {A_CASE}, 403},
    {"GET /cases/{id}/timeline", CAP_SIGNED_IN, {A_CASE}, 200},
{"POST /comments/{id}/delete", CAP_SIGNED_IN, {A_TOKEN}, 404},
    {"POST /comments/{id}/edit", CAP_SIGNED_IN, {A_TOKEN}, 404},
    {"GET /community", CAP_PUBLIC, {0}, 200},
        {"GET /consultations", CAP_SIGNED_IN, {0}, 200},
    {"GET /consultations/{id}", CAP_SIGNED_IN, {A_TOKEN}, 404},
    {"GET /consultations/{id}/close", CAP_CONSULT_ANSWER, {A_TOKEN}, 404},
    {"POST /consultations/{id}/close", CAP_CONSULT_ANSWER, {A_TOKEN}, 404},
    {"POST /consultations/{id}/extend", CAP_CONSULT_ANSWER, {A_TOKEN}, 404},
    {"POST /consultations/{id}/remind", CAP_CONSULT_ANSWER, {A_TOKEN}, 404},
    {"GET /dashboard", CAP_DASHBOARD, {0}, 200},
    {"GET /decisions", CAP_SIGNED_IN, {0}, 200},
    {"POST /decisions", CAP_SIGNED_IN, {0}, 400},   /* no title, no text */
    {"GET /decisions/new", CAP_SIGNED_IN, {0}, 200},
    {"GET /decisions/{id}", CAP_SIGNED_IN, {A_TOKEN}, 404},
    {"POST /decisions/{id}", CAP_SIGNED_IN, {A_TOKEN}, 404},
    {"GET /decisions/{id}/edit", CAP_SIGNED_IN, {A_TOKEN}, 404},
{"GET /editions", CAP_PUBLIC, {0}, 200},
    {"POST /editions", CAP_MEASURE_MANAGE, {0}, 400},
    {"GET /editions/compare", CAP_PUBLIC, {0}, 200},
    {"GET /editions/new", CAP_MEASURE_MANAGE, {0}, 200},
    {"GET /editions/{id}", CAP_PUBLIC, {A_EDITION}, 200},
    {"GET /groups", CAP_PUBLIC, {0}, 200},
    {"POST /groups", CAP_SIGNED_IN, {0}, 400, .creates = CR_GROUP},   /* no name */
    {"GET /groups/new", CAP_SIGNED_IN, {0}, 200, .creates = CR_GROUP},
    {"GET /groups/{id}", CAP_PUBLIC, {A_GROUP}, 200},
    {"POST /groups/{id}", CAP_SIGNED_IN, {A_GROUP}, 400, .in_group = GROUP_ROLE_SECRETARIAT, .body = "title="},
    {"GET /groups/{id}/close", CAP_SIGNED_IN, {A_GROUP}, 200, .in_group = GROUP_ROLE_MEMBER},
    {"POST /groups/{id}/close", CAP_SIGNED_IN, {A_GROUP}, 400, .in_group = GROUP_ROLE_MEMBER},   /* not confirmed */
    {"GET /groups/{id}/edit", CAP_SIGNED_IN, {A_GROUP}, 200, .in_group = GROUP_ROLE_SECRETARIAT},
    {"GET /groups/{id}/ladder", CAP_PUBLIC, {A_GROUP}, 200},
    {"POST /groups/{id}/ladder", CAP_SIGNED_IN, {A_GROUP}, 400, .in_group = GROUP_ROLE_MEMBER},   /* no step */
    {"GET /groups/{id}/members", CAP_SIGNED_IN, {A_GROUP}, 200, .in_group = GROUP_ROLE_SECRETARIAT},
    {"POST /groups/{id}/members", CAP_SIGNED_IN, {A_GROUP}, 400, .in_group = GROUP_ROLE_SECRETARIAT},   /* no one */
    {"GET /groups/{id}/members/{member}/end", CAP_SIGNED_IN, {A_GROUP, A_TOKEN}, 404, .in_group = GROUP_ROLE_SECRETARIAT},
    {"POST /groups/{id}/members/{member}/end", CAP_SIGNED_IN, {A_GROUP, A_TOKEN}, 404,
     .in_group = GROUP_ROLE_SECRETARIAT},
    {"POST /groups/{id}/reopen", CAP_SIGNED_IN, {A_GROUP}, 409, .in_group = GROUP_ROLE_MEMBER},   /* not closed */
    {"GET /healthz", CAP_PUBLIC, {0}, 200},
    {"GET /interactions", CAP_SIGNED_IN, {0}, 200},
    {"POST /interactions", CAP_SIGNED_IN, {0}, 400},   /* no source, goal, score or justification */
    {"GET /interactions/matrix", CAP_SIGNED_IN, {0}, 200},
    {"GET /interactions/new", CAP_SIGNED_IN, {0}, 200},
    {"GET /interactions/{id}", CAP_SIGNED_IN, {A_TOKEN}, 404},
    {"POST /interactions/{id}/answer", CAP_SIGNED_IN, {A_TOKEN}, 404},
    {"GET /kb", CAP_PUBLIC, {0}, 200},
    {"POST /kb", CAP_SIGNED_IN, {0}, 400},   /* no title */
    {"GET /kb/new", CAP_SIGNED_IN, {0}, 200},
    {"GET /ladder", CAP_PUBLIC, {0}, 200},
    {"POST /lang", CAP_PUBLIC, {0}, 400},                                        /* no language given */
    {"GET /mail/unsubscribe", CAP_PUBLIC, {0}, 403},                           /* no signed link */
    {"POST /mail/unsubscribe", CAP_PUBLIC, {0}, 403},                          /* no signed link */
    {"POST /links/{id}/delete", CAP_SIGNED_IN, {A_TOKEN}, 404},
    {"GET /login", CAP_PUBLIC, {0}, 303, .ok_anon = 200},                         /* signed in: on to next */
    {"POST /login", CAP_PUBLIC, {0}, 401, .body = "username=" LONG_NAME},           /* never signs in */
    {"POST /logout", CAP_SIGNED_IN, {0}, 303},                        /* no session to end */
    {"GET /measures", CAP_PUBLIC, {0}, 200},
    {"POST /measures", CAP_MEASURE_MANAGE, {0}, 400},
    {"GET /measures/carry-over", CAP_MEASURE_MANAGE, {0}, 200},
    {"POST /measures/carry-over", CAP_MEASURE_MANAGE, {0}, 400},           /* no measures chosen */
    {"POST /measures/carry-over/preview", CAP_MEASURE_MANAGE, {0}, 400},   /* no measures chosen */
    {"GET /measures/export", CAP_PUBLIC, {0}, 200},
    {"GET /measures/import", CAP_MEASURE_MANAGE, {0}, 200},
    {"POST /measures/import", CAP_MEASURE_MANAGE, {0}, 400},   /* not multipart */
    {"GET /measures/new", CAP_MEASURE_MANAGE, {0}, 200},
    {"GET /measures/{id}", CAP_PUBLIC, {A_MEASURE}, 200},
    {"POST /measures/{id}", CAP_SIGNED_IN, {A_MEASURE}, 400, .row_write = true, .body = "progress=x"},
    {"GET /measures/{id}/access", CAP_SIGNED_IN, {A_MEASURE}, 200, .manage = true},
    {"POST /measures/{id}/access", CAP_SIGNED_IN, {A_MEASURE}, 400, .manage = true},   /* no visibility */
    {"GET /measures/{id}/edit", CAP_SIGNED_IN, {A_MEASURE}, 200, .row_write = true},
    {"GET /measures/{id}/history", CAP_SIGNED_IN, {A_MEASURE}, 200},
    {"GET /meetings", CAP_SIGNED_IN, {0}, 200},
    {"POST /meetings", CAP_SIGNED_IN, {0}, 400},   /* no title, date or times */
    {"GET /meetings/new", CAP_SIGNED_IN, {0}, 200},
    {"GET /meetings/{id}", CAP_SIGNED_IN, {A_TOKEN}, 404},
    {"POST /meetings/{id}", CAP_SIGNED_IN, {A_TOKEN}, 404},
    {"POST /meetings/{id}/agenda", CAP_SIGNED_IN, {A_TOKEN}, 404},
    {"GET /meetings/{id}/agenda/{item}/decision", CAP_SIGNED_IN, {A_TOKEN, A_TOKEN}, 404},
    {"POST /meetings/{id}/agenda/{item}/decision", CAP_SIGNED_IN, {A_TOKEN, A_TOKEN}, 404},
    {"GET /meetings/{id}/agenda/{item}/task", CAP_SIGNED_IN, {A_TOKEN, A_TOKEN}, 404},
    {"POST /meetings/{id}/agenda/{item}/task", CAP_SIGNED_IN, {A_TOKEN, A_TOKEN}, 404},
    {"GET /meetings/{id}/calendar.ics", CAP_SIGNED_IN, {A_TOKEN}, 404},
    {"GET /meetings/{id}/edit", CAP_SIGNED_IN, {A_TOKEN}, 404},
    {"GET /metrics", CAP_PUBLIC, {0}, 200},
    {"GET /ministries", CAP_PUBLIC, {0}, 200},
    {"GET /ministries/{code}", CAP_PUBLIC, {A_CODE}, 200},
    {"GET /notifications", CAP_SIGNED_IN, {0}, 200},
    {"POST /notifications/read", CAP_SIGNED_IN, {0}, 400},   /* neither id nor all */
    {"GET /overview", CAP_PUBLIC, {0}, 200},
    {"GET /problems", CAP_PUBLIC, {0}, 200},
    {"POST /problems", CAP_SIGNED_IN, {0}, 400, .creates = CR_PROBLEM},   /* no title */
    {"GET /problems/new", CAP_SIGNED_IN, {0}, 200, .creates = CR_PROBLEM},
    {"GET /problems/{id}", CAP_PUBLIC, {A_PROBLEM}, 200},
    {"POST /problems/{id}", CAP_SIGNED_IN, {A_PROBLEM}, 400, .in_group = GROUP_ROLE_MEMBER, .body = "title="},
    {"GET /problems/{id}/edit", CAP_SIGNED_IN, {A_PROBLEM}, 200, .in_group = GROUP_ROLE_MEMBER},
    {"GET /r/{id}", CAP_PUBLIC, {A_MEASURE}, 303},
    {"GET /records/{id}/access", CAP_SIGNED_IN, {A_MEASURE}, 200, .manage = true},
    {"POST /records/{id}/access", CAP_SIGNED_IN, {A_MEASURE}, 400, .manage = true},   /* no visibility */
    {"POST /records/{id}/attachments", CAP_SIGNED_IN, {A_MEASURE}, 400},   /* not multipart: any reader may attach */
    {"POST /records/{id}/comments", CAP_SIGNED_IN, {A_MEASURE}, 400},   /* no text: any reader may comment */
    {"POST /records/{id}/grants", CAP_SIGNED_IN, {A_MEASURE}, 400, .manage = true},   /* neither ministry nor person */
    {"POST /records/{id}/grants/{grant}/delete", CAP_SIGNED_IN, {A_MEASURE, A_TOKEN}, 404, .manage = true},
    {"GET /records/{id}/history", CAP_SIGNED_IN, {A_MEASURE}, 200},
    {"POST /records/{id}/history/{version}/restore", CAP_SIGNED_IN, {A_MEASURE, A_TOKEN}, 400, .manage = true},
    {"POST /records/{id}/links", CAP_SIGNED_IN, {A_MEASURE}, 400, .manage = true},   /* no type or target */
    {"GET /rounds", CAP_SIGNED_IN, {0}, 200},
    {"POST /rounds", CAP_MEASURE_MANAGE, {0}, 400},
    {"GET /rounds/new", CAP_MEASURE_MANAGE, {0}, 200},
    {"GET /rounds/{id}", CAP_SIGNED_IN, {A_ROUND}, 200},
    {"GET /rounds/{id}/close", CAP_MEASURE_MANAGE, {A_ROUND}, 200},
    {"POST /rounds/{id}/close", CAP_MEASURE_MANAGE, {A_CLOSED_ROUND}, 303},
    {"GET /rounds/{id}/measures/{measure}", CAP_SIGNED_IN, {A_ROUND, A_MEASURE}, 200, .row_write = true},
    {"POST /rounds/{id}/measures/{measure}", CAP_SIGNED_IN, {A_ROUND, A_MEASURE}, 400, .row_write = true},
    {"GET /rounds/{id}/reopen", CAP_MEASURE_MANAGE, {A_CLOSED_ROUND}, 200},
    {"POST /rounds/{id}/reopen", CAP_MEASURE_MANAGE, {A_ROUND}, 303},
    {"GET /search", CAP_PUBLIC, {0}, 200, .query = "q=samordning"},
    {"GET /start", CAP_SIGNED_IN, {0}, 200},
    {"GET /static/{file}", CAP_PUBLIC, {A_FILE}, 200},
    {"GET /strategies", CAP_PUBLIC, {0}, 200},
    {"GET /strategies/{slug}", CAP_PUBLIC, {A_SLUG}, 200},
    {"GET /strategies/{slug}/areas/{number}", CAP_PUBLIC, {A_SLUG, A_NUMBER}, 200},
    /* Key figures, shared services and the community (src/app/figure); writes get bodies the
     * handler refuses (400), or an id that does not exist (404).  What the public may not see of
     * them: tests/unit/test_figure.c and tests/e2e/figures.test.mjs. */
    {"GET /api/v1/collaboration", CAP_PUBLIC, {0}, 200},
    {"GET /api/v1/facts/{code}/csv", CAP_PUBLIC, {A_FACT}, 200},
    {"GET /api/v1/facts/{code}/jsonstat", CAP_PUBLIC, {A_FACT}, 200},
    {"GET /api/v1/indicators", CAP_PUBLIC, {0}, 200},
    {"POST /api/v1/indicators", CAP_MEASURE_MANAGE, {0}, 400, .body = "[]"},
    {"POST /api/v1/indicators/import", CAP_MEASURE_MANAGE, {0}, 400},   /* no file */
    {"GET /api/v1/indicators/{id}", CAP_PUBLIC, {A_INDICATOR}, 200},
    {"PATCH /api/v1/indicators/{id}", CAP_MEASURE_MANAGE, {A_INDICATOR}, 400, .body = "[]"},
    {"GET /api/v1/indicators/{id}/csv", CAP_PUBLIC, {A_INDICATOR}, 200},
    {"GET /api/v1/indicators/{id}/jsonstat", CAP_PUBLIC, {A_INDICATOR}, 200},
    {"POST /api/v1/indicators/{id}/targets", CAP_MEASURE_MANAGE, {A_INDICATOR}, 400, .body = "[]"},
    {"POST /api/v1/indicators/{id}/values", CAP_MEASURE_MANAGE, {A_INDICATOR}, 400, .body = "[]"},
    {"GET /api/v1/service-rounds", CAP_SIGNED_IN, {0}, 200},
    {"POST /api/v1/service-rounds", CAP_MEASURE_MANAGE, {0}, 400, .body = "[]"},
    {"POST /api/v1/service-rounds/{id}/close", CAP_MEASURE_MANAGE, {A_TOKEN}, 404},   /* no such round */
    {"GET /api/v1/services", CAP_PUBLIC, {0}, 200},
    {"POST /api/v1/services", CAP_MEASURE_MANAGE, {0}, 400, .body = "[]"},
    {"GET /api/v1/services/{id}", CAP_PUBLIC, {A_SERVICE}, 200},
    {"GET /api/v1/services/{id}/csv", CAP_PUBLIC, {A_SERVICE}, 200},
    {"POST /api/v1/services/{id}/figures", CAP_SIGNED_IN, {A_SERVICE}, 400, .body = "[]"},
    {"POST /api/v1/services/{id}/series", CAP_MEASURE_MANAGE, {A_SERVICE}, 400, .body = "[]"},
    {"GET /collaboration", CAP_PUBLIC, {0}, 200},
    {"GET /facts", CAP_PUBLIC, {0}, 200},
    {"GET /facts/{code}", CAP_PUBLIC, {A_FACT}, 200},
    {"GET /indicators", CAP_SIGNED_IN, {0}, 200},
    {"POST /indicators", CAP_MEASURE_MANAGE, {0}, 400},   /* no code, no name */
    {"GET /indicators/import", CAP_MEASURE_MANAGE, {0}, 200},
    {"POST /indicators/import", CAP_MEASURE_MANAGE, {0}, 400},   /* no file */
    {"GET /indicators/import/example", CAP_MEASURE_MANAGE, {0}, 200},
    {"GET /indicators/new", CAP_MEASURE_MANAGE, {0}, 200},
    {"GET /indicators/{id}", CAP_SIGNED_IN, {A_INDICATOR}, 200},
    {"GET /indicators/{id}/edit", CAP_MEASURE_MANAGE, {A_INDICATOR}, 200},
    {"POST /indicators/{id}/edit", CAP_MEASURE_MANAGE, {A_INDICATOR}, 400},   /* no name */
    {"POST /indicators/{id}/targets", CAP_MEASURE_MANAGE, {A_INDICATOR}, 400},   /* no period */
    {"POST /indicators/{id}/values", CAP_MEASURE_MANAGE, {A_INDICATOR}, 400},   /* no period, no value */
    {"GET /services", CAP_PUBLIC, {0}, 200},
    {"POST /services", CAP_MEASURE_MANAGE, {0}, 400},   /* no code, no name */
    {"POST /services/rounds", CAP_MEASURE_MANAGE, {0}, 400},   /* no title, no deadline */
    {"POST /services/rounds/{id}/close", CAP_MEASURE_MANAGE, {A_TOKEN}, 404},
    {"GET /services/{id}", CAP_PUBLIC, {A_SERVICE}, 200},
    {"POST /services/{id}/figures", CAP_SIGNED_IN, {A_SERVICE}, 400},   /* no ministry, period, metric */
    {"POST /services/{id}/series", CAP_MEASURE_MANAGE, {A_SERVICE}, 400},   /* no ministry */
    {"GET /tasks", CAP_SIGNED_IN, {0}, 200},
    {"POST /tasks", CAP_SIGNED_IN, {0}, 400},   /* no title */
    {"GET /tasks/new", CAP_SIGNED_IN, {0}, 200},
    {"GET /tasks/{id}", CAP_SIGNED_IN, {A_TOKEN}, 404},
    {"POST /tasks/{id}", CAP_SIGNED_IN, {A_TOKEN}, 404},
};
