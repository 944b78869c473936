/* routes.c: the route table — every URL samla answers, what it needs and
 * who handles it.  Sorted by pattern, then method.  The capability is
 * checked by the router before the handler runs (anonymous callers of a
 * page that needs one are sent to /login); rows the caller may not see are
 * filtered again in the model.  The access-matrix test walks this table,
 * so a route cannot be added without an access rule.
 */
#include "app/handlers.h"
#include "base/util.h"
#include "web/web.h"

#define API ROUTE_API
#define RAW ROUTE_RAW

const Route g_routes[] = {
    {"GET", "/", home_page, CAP_PUBLIC, 0},
    {"GET", "/account", account_page, CAP_SIGNED_IN, 0},
    {"POST", "/account/password", account_password, CAP_SIGNED_IN, 0},
    {"POST", "/account/tokens", account_token_create, CAP_TOKEN_OWN, 0},
    {"POST", "/account/tokens/{id}/revoke", account_token_revoke, CAP_TOKEN_OWN, 0},
    {"GET", "/admin", admin_page, CAP_SIGNED_IN, 0},
    {"GET", "/admin/audit", admin_audit_page, CAP_AUDIT_READ, 0},
    {"POST", "/admin/tokens/{id}/revoke", admin_token_revoke, CAP_USER_ADMIN, 0},
    {"GET", "/admin/users", admin_user_list_page, CAP_USER_ADMIN, 0},
    {"POST", "/admin/users", admin_user_create, CAP_USER_ADMIN, 0},
    {"GET", "/admin/users/new", admin_user_new_page, CAP_USER_ADMIN, 0},
    {"GET", "/admin/users/{id}", admin_user_page, CAP_USER_ADMIN, 0},
    {"POST", "/admin/users/{id}", admin_user_update, CAP_USER_ADMIN, 0},
    {"POST", "/admin/users/{id}/password", admin_user_password, CAP_USER_ADMIN, 0},
    {"POST", "/admin/users/{id}/roles", admin_user_role_add, CAP_USER_ADMIN, 0},
    {"POST", "/admin/users/{id}/roles/{grant}/delete", admin_user_role_delete, CAP_USER_ADMIN, 0},
    {"GET", "/api/v1/audit", audit_list_api, CAP_AUDIT_READ, API},
    {"GET", "/api/v1/exemption-bases", exemption_basis_list_api, CAP_PUBLIC, API},
    {"GET", "/api/v1/me", me_api, CAP_SIGNED_IN, API},
    {"GET", "/api/v1/measures", measure_list_api, CAP_PUBLIC, API},
    {"GET", "/api/v1/measures/{id}", measure_show_api, CAP_PUBLIC, API},
    {"PUT", "/api/v1/measures/{id}/access", measure_access_api, CAP_MEASURE_MANAGE, API},
    {"GET", "/api/v1/ministries", ministry_list_api, CAP_PUBLIC, API},
    {"GET", "/api/v1/ministries/{code}", ministry_show_api, CAP_PUBLIC, API},
    {"GET", "/api/v1/openapi.json", openapi_api, CAP_PUBLIC, API},
    {"GET", "/api/v1/strategies", strategy_list_api, CAP_PUBLIC, API},
    {"GET", "/api/v1/strategies/{slug}", strategy_show_api, CAP_PUBLIC, API},
    {"GET", "/api/v1/strategies/{slug}/areas/{number}", goal_area_show_api, CAP_PUBLIC, API},
    {"GET", "/api/v1/tokens", token_list_api, CAP_TOKEN_OWN, API},
    {"POST", "/api/v1/tokens", token_create_api, CAP_TOKEN_OWN, API},
    {"DELETE", "/api/v1/tokens/{id}", token_revoke_api, CAP_TOKEN_OWN, API},
    {"GET", "/api/v1/users", user_list_api, CAP_USER_ADMIN, API},
    {"POST", "/api/v1/users", user_create_api, CAP_USER_ADMIN, API},
    {"GET", "/api/v1/users/{id}", user_show_api, CAP_USER_ADMIN, API},
    {"GET", "/healthz", health_raw, CAP_PUBLIC, RAW},
    {"GET", "/login", login_page, CAP_PUBLIC, 0},
    {"POST", "/login", login_post, CAP_PUBLIC, 0},
    {"POST", "/logout", logout_post, CAP_SIGNED_IN, 0},
    {"GET", "/measures", measure_list_page, CAP_PUBLIC, 0},
    {"GET", "/measures/{id}", measure_show_page, CAP_PUBLIC, 0},
    {"GET", "/measures/{id}/access", measure_access_page, CAP_MEASURE_MANAGE, 0},
    {"POST", "/measures/{id}/access", measure_access_post, CAP_MEASURE_MANAGE, 0},
    {"GET", "/metrics", metrics_raw, CAP_PUBLIC, RAW},
    {"GET", "/ministries", ministry_list_page, CAP_PUBLIC, 0},
    {"GET", "/ministries/{code}", ministry_show_page, CAP_PUBLIC, 0},
    {"GET", "/static/{file}", static_file, CAP_PUBLIC, RAW},
    {"GET", "/strategies", strategy_list_page, CAP_PUBLIC, 0},
    {"GET", "/strategies/{slug}", strategy_show_page, CAP_PUBLIC, 0},
    {"GET", "/strategies/{slug}/areas/{number}", goal_area_show_page, CAP_PUBLIC, 0},
};

const size_t g_route_count = COUNT(g_routes);
