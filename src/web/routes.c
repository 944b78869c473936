/* routes.c: the route table — every URL samla answers, what it needs and
 * who handles it.  Sorted by pattern; the access tests walk this table, so
 * a route cannot be added without an access rule.
 */
#include "app/handlers.h"
#include "base/util.h"
#include "web/web.h"

const Route g_routes[] = {
    {"GET", "/", home_page, CAP_PUBLIC, 0},
    {"GET", "/api/v1/measures", measure_list_api, CAP_PUBLIC, ROUTE_API},
    {"GET", "/api/v1/measures/{id}", measure_show_api, CAP_PUBLIC, ROUTE_API},
    {"GET", "/api/v1/ministries", ministry_list_api, CAP_PUBLIC, ROUTE_API},
    {"GET", "/api/v1/ministries/{code}", ministry_show_api, CAP_PUBLIC, ROUTE_API},
    {"GET", "/api/v1/openapi.json", openapi_api, CAP_PUBLIC, ROUTE_API},
    {"GET", "/api/v1/strategies", strategy_list_api, CAP_PUBLIC, ROUTE_API},
    {"GET", "/api/v1/strategies/{slug}", strategy_show_api, CAP_PUBLIC, ROUTE_API},
    {"GET", "/api/v1/strategies/{slug}/areas/{number}", goal_area_show_api, CAP_PUBLIC, ROUTE_API},
    {"GET", "/healthz", health_raw, CAP_PUBLIC, ROUTE_RAW},
    {"GET", "/measures", measure_list_page, CAP_PUBLIC, 0},
    {"GET", "/measures/{id}", measure_show_page, CAP_PUBLIC, 0},
    {"GET", "/metrics", metrics_raw, CAP_PUBLIC, ROUTE_RAW},
    {"GET", "/ministries", ministry_list_page, CAP_PUBLIC, 0},
    {"GET", "/ministries/{code}", ministry_show_page, CAP_PUBLIC, 0},
    {"GET", "/static/{file}", static_file, CAP_PUBLIC, ROUTE_RAW},
    {"GET", "/strategies", strategy_list_page, CAP_PUBLIC, 0},
    {"GET", "/strategies/{slug}", strategy_show_page, CAP_PUBLIC, 0},
    {"GET", "/strategies/{slug}/areas/{number}", goal_area_show_page, CAP_PUBLIC, 0},
};

const size_t g_route_count = COUNT(g_routes);
