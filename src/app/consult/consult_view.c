/* consult_view.c: see consult_view.h. */
#include "app/consult/consult_view.h"

#include <stdint.h>
#include <string.h>

#include "app/core/i18n.h"
#include "app/core/view.h"
#include "base/html.h"
#include "base/util.h"

/* ---- names, dates, states ----------------------------------------------------------- */

const char *cv_ministry(Req *r, const char *nb, const char *nn, const char *en)
{
    return TPICK(r, nb, nn, en);
}

const char *cv_date(Req *r, const char *iso)
{
    return iso ? view_date(r, iso) : "–";
}

static void tag(Req *r, const char *color, const char *text)
{
    html_printf(&r->body, "<span class=\"ds-tag\" data-color=\"%s\">%s</span>", color, text);
}

void cv_case_tags(Req *r, const Case *c)
{
    tag(r, str_eq(c->status, "closed") ? "neutral" : "info", T(r, case_status_label(c->status)));
    if (c->noverdue) {
        html_printf(&r->body, " ");
        tag(r, "danger", T(r, "Frist passert"));
    }
    if (str_eq(c->rec.visibility, "restricted")) {
        html_printf(&r->body, " ");
        tag(r, "warning", T(r, "Begrenset tilgang"));
    }
}

void cv_round_tag(Req *r, const Round *x)
{
    if (x->closed_on) {
        tag(r, "neutral", T(r, "Avsluttet"));
    } else if (x->noverdue) {
        tag(r, "danger", TF(r, "Frist passert: %s", x->overdue_codes));
    } else {
        tag(r, "success", TC(r, "round", "Åpen"));
    }
}

void cv_answer_tag(Req *r, const Answer *x)
{
    if (x->position) {
        tag(r, str_eq(x->position, "objections") ? "warning" : "success", T(r, answer_position_label(x->position)));
    } else if (x->overdue) {
        tag(r, "danger", T(r, "Frist passert"));
    } else if (x->round_closed_on) {
        tag(r, "neutral", T(r, "Ikke besvart"));
    } else {
        tag(r, "info", T(r, "Venter på svar"));
    }
}

void cv_completeness(Req *r, const Case *c)
{
    html_printf(&r->body, "<p class=\"ds-paragraph\"><progress class=\"bar\" max=\"%d\" value=\"%d\" aria-label=\"%s\">"
                          "%d/%d</progress> %s. ",
                STUDY_QUESTIONS, c->study_done, T(r, "Utredningen"), c->study_done, STUDY_QUESTIONS,
                TF(r, "%d av %d spørsmål er besvart", c->study_done, STUDY_QUESTIONS));
    /* The six of § 2-1 must all be answered before the case is put to others. */
    Buf missing = {0};
    for (int q = 0; q < 6; q++) {
        if (!*c->study[q]) {
            buf_printf(&missing, "%s%d", missing.len ? ", " : "", q + 1);
        }
    }
    if (missing.len) {
        html_printf(&r->body, "%s</p>", TF(r, "Minimumskravene i punkt 2-1 mangler svar på spørsmål %s.",
                                           buf_str(&missing)));
    } else {
        html_printf(&r->body, "%s</p>", T(r, "Minimumskravene i punkt 2-1 er besvart."));
    }
    buf_free(&missing);
}

const char *cv_round_title(Req *r, const char *kind, const char *case_title)
{
    return case_title ? arena_printf(r->arena, "%s: %s", T(r, round_kind_label(kind)), case_title)
                      : T(r, round_kind_label(kind));
}

void cv_case_nav(Req *r, const Case *c, const char *current)
{
    static const struct {
        const char *key, *path, *label;
    } tabs[] = {{"case", "", N_("Saken")}, {"study", "/study", N_("Utredningen")},
                {"timeline", "/timeline", N_("Tidslinje")}};
    html_printf(&r->body, "<nav class=\"sub-nav\" aria-label=\"%s\"><ul>", T(r, "Saken"));
    for (size_t i = 0; i < COUNT(tabs); i++) {
        if (str_eq(tabs[i].key, "timeline") && !r->viewer->user_id) {
            continue;   /* the timeline names people: for the signed-in only */
        }
        html_printf(&r->body, "<li><a href=\"/cases/%lld%s\" aria-current=\"%s\">%s</a></li>", (long long)c->rec.id,
                    tabs[i].path, str_eq(current, tabs[i].key) ? "page" : "false", T(r, tabs[i].label));
    }
    if (r->viewer->user_id) {
        html_printf(&r->body, "<li><a href=\"/records/%lld/history\">%s</a></li>", (long long)c->rec.id,
                    T(r, "Historikk"));
    }
    html_printf(&r->body, "</ul></nav>");
}

void cv_notice(Req *r)
{
    const char *done = params_get(&r->query, "done");
    static const char *const shared[] = {"attached", "attachment_deleted", "comment", "comment_edited",
                                         "comment_deleted", "link", "link_removed"};
    for (size_t i = 0; done && i < COUNT(shared); i++) {
        if (str_eq(done, shared[i])) {
            return;
        }
    }
    view_notice(r);
}

bool cv_id(Req *r, int64_t *id)
{
    long long x;
    if (!parse_int(r->args[0], 1, INT64_MAX, &x)) {
        view_error(r, 404, NULL);
        return false;
    }
    *id = x;
    return true;
}
