/* stubs.c: placeholders for handlers still being written, so the route
 * table links.  Each is weak: the real handler in its own file replaces
 * it.  This file goes when the last placeholder has been replaced. */
#include "app/api.h"
#include "app/handlers.h"
#include "app/view.h"

#define STUB(name)                                                                   \
    __attribute__((weak)) int name(Req *r)                                           \
    {                                                                                \
        if (str_has_prefix(r->path, "/api/")) {                                      \
            return api_error(r, 501, "not_implemented", "not available yet");        \
        }                                                                            \
        return view_error(r, 501, "Denne delen av samla er ikke ferdig ennå.");      \
    }

#include "base/util.h"

STUB(measure_new_page) STUB(measure_create_post) STUB(measure_edit_page) STUB(measure_update_post)
STUB(measure_history_page) STUB(status_admin_page) STUB(status_admin_post) STUB(measure_create_api)
STUB(measure_update_api) STUB(measure_history_api) STUB(status_list_api)
STUB(overview_page) STUB(edition_list_page) STUB(edition_new_page) STUB(edition_publish_post)
STUB(edition_show_page) STUB(edition_compare_page) STUB(edition_list_api) STUB(edition_show_api)
STUB(edition_publish_api) STUB(edition_compare_api)
STUB(round_list_page) STUB(round_new_page) STUB(round_open_post) STUB(round_show_page) STUB(round_close_post)
STUB(report_form_page) STUB(report_submit_post) STUB(round_list_api) STUB(round_open_api) STUB(round_show_api)
STUB(report_submit_api)
STUB(measure_export_page) STUB(measure_import_page) STUB(measure_import_post) STUB(measure_export_api)
STUB(measure_import_api)
