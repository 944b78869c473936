/* measure_page.c: the measures list with filters and one page per measure
 * (HTML), in the request's language.  Thin over measure.c; no SQL here.
 */
#include <stdlib.h>
#include <string.h>

#include "app/measure/measure_handlers.h"
#include "app/core/record_view.h"
#include "app/measure/measure.h"
#include "app/measure/measure_edit.h"
#include "app/strategy/strategy.h"
#include "app/core/view.h"
#include "base/html.h"
#include "base/util.h"

typedef struct ListQuery {
    const char *ministry, *status, *priority, *risk, *sort;   /* NULL: not filtered */
    int area;                                                 /* target-area number; 0: all */
} ListQuery;

static void select_open(Buf *b, const char *id, const char *label, const char *empty)
{
    html_printf(b, "<div class=\"ds-field\"><label class=\"ds-label\" for=\"f-%s\">%s</label>"
                   "<select class=\"ds-input\" id=\"f-%s\" name=\"%s\"><option value=\"\">%s</option>",
                id, label, id, id, empty);
}

/* The filter form: GET, works without JavaScript. */
static void filter_form(Req *r, const Strategy *st, const ListQuery *q, const GoalArea *areas, size_t na,
                        const MeasureStatus *sts, size_t nst)
{
    Buf *b = &r->body;
    MeasureChoice *all = NULL;
    MinistryOption *mins = NULL;
    size_t ns = 0, nm = 0;
    measure_filter_choices(r->db, r->arena, &all, &ns, NULL);
    record_ministry_options(r->db, r->arena, &mins, &nm, NULL);
    html_printf(b, "<form class=\"filters\" method=\"get\" action=\"/measures\" role=\"search\" "
                   "aria-label=\"%s\"><div class=\"ds-field\">"
                   "<label class=\"ds-label\" for=\"f-strategy\">%s</label>"
                   "<select class=\"ds-input\" id=\"f-strategy\" name=\"strategy\">",
                T(r, "Filtrer tiltak"), T(r, "Strategiperiode"));
    for (size_t i = 0; i < ns; i++) {
        view_option(b, all[i].value, all[i].label_nb, all[i].id == st->id);
    }
    html_printf(b, "</select></div>");
    if (st->period_start >= 2025) {   /* the successor strategy has goals («mål») */
        select_open(b, "area", T(r, "Mål"), T(r, "Alle mål"));
    } else {
        select_open(b, "area", T(r, "Målområde"), T(r, "Alle målområder"));
    }
    for (size_t i = 0; i < na; i++) {
        view_option(b, arena_printf(r->arena, "%d", areas[i].number),
                    arena_printf(r->arena, "%d: %s", areas[i].number, areas[i].title), q->area == areas[i].number);
    }
    html_printf(b, "</select></div>");
    select_open(b, "ministry", T(r, "Departement"), T(r, "Alle departementer"));
    for (size_t i = 0; i < nm; i++) {
        view_option(b, mins[i].code, TPICK(r, mins[i].name, mins[i].name_nn, mins[i].name_en),
                    str_eq(q->ministry, mins[i].code));
    }
    html_printf(b, "</select></div>");
    select_open(b, "status", T(r, "Status"), T(r, "Alle statuser"));
    for (size_t i = 0; i < nst; i++) {
        view_option(b, sts[i].code, status_text(r, &sts[i]), str_eq(q->status, sts[i].code));
    }
    html_printf(b, "</select></div>");
    select_open(b, "priority", T(r, "Prioritet"), T(r, "Alle prioriteter"));
    static const char *prios[] = {"high", "medium", "low"};
    for (size_t i = 0; i < COUNT(prios); i++) {
        view_option(b, prios[i], T(r, priority_label(prios[i])), str_eq(q->priority, prios[i]));
    }
    html_printf(b, "</select></div>");
    if (!measure_public_view(r->viewer)) {   /* reported risk is internal */
        select_open(b, "risk", T(r, "Risiko"), T(r, "Alle risikonivåer"));
        static const char *risks[] = {"green", "yellow", "red"};
        for (size_t i = 0; i < COUNT(risks); i++) {
            view_option(b, risks[i], T(r, risk_label(risks[i])), str_eq(q->risk, risks[i]));
        }
        html_printf(b, "</select></div>");
    }
    select_open(b, "sort", T(r, "Sorter etter"), T(r, "Nummer"));
    static const char *sorts[][2] = {{"deadline", N_("Frist")}, {"progress", N_("Fremdrift")}, {"status", N_("Status")},
                                     {"owner", N_("Ansvarlig departement")}};
    for (size_t i = 0; i < COUNT(sorts); i++) {
        view_option(b, sorts[i][0], T(r, sorts[i][1]), str_eq(q->sort, sorts[i][0]));
    }
    html_printf(b, "</select></div><button class=\"ds-button\" data-variant=\"primary\" type=\"submit\">"
                   "%s</button></form>", T(r, "Vis tiltak"));
}

/* A bar showing how the measures of one area are spread over the
 * statuses: an SVG (no inline styles under the CSP) with the same counts
 * in text for screen readers and print. */
static void status_bar(Req *r, const MeasureStatus *st, size_t nst, const Measure *m, size_t n, int area, bool goals)
{
    Buf *b = &r->body;
    size_t total = 0;
    for (size_t i = 0; i < n; i++) {
        total += m[i].goal_area_number == area;
    }
    if (!total) {
        return;
    }
    Buf legend = {0};
    html_printf(b, "<div class=\"status-bar\"><svg class=\"bar-svg\" viewBox=\"0 0 1000 24\" preserveAspectRatio=\"none\" "
                   "aria-hidden=\"true\" focusable=\"false\">");
    size_t x = 0;
    for (size_t k = 0; k < nst; k++) {
        size_t c = 0;
        for (size_t i = 0; i < n; i++) {
            c += m[i].goal_area_number == area && str_eq(m[i].status, st[k].code);
        }
        if (!c) {
            continue;
        }
        size_t w = c * 1000 / total;
        html_printf(b, "<rect class=\"seg seg-%s\" x=\"%zu\" y=\"0\" width=\"%zu\" height=\"24\"></rect>", st[k].color,
                    x, w);
        x += w;
        html_printf(&legend, "<li><span class=\"dot seg-%s\" aria-hidden=\"true\"></span>%s: %zu</li>", st[k].color,
                    status_text(r, &st[k]), c);
    }
    size_t pending = 0;   /* the public: measures in no published edition yet */
    for (size_t i = 0; i < n; i++) {
        pending += m[i].goal_area_number == area && m[i].unpublished;
    }
    if (pending) {
        html_printf(b, "<rect class=\"seg seg-neutral\" x=\"%zu\" y=\"0\" width=\"%zu\" height=\"24\"></rect>", x,
                    pending * 1000 / total);
        html_printf(&legend, "<li><span class=\"dot seg-neutral\" aria-hidden=\"true\"></span>%s: %zu</li>",
                    T(r, "Ikke publisert ennå"), pending);
    }
    html_printf(b, "</svg><ul class=\"bar-legend\" aria-label=\"%s\">", goals ? TF(r, "Status i mål %d", area) : TF(r, "Status i målområde %d", area));
    buf_append(b, legend.data ? legend.data : "", legend.len);
    html_printf(b, "</ul></div>");
    buf_free(&legend);
}

/* Links to the other pages of the list, keeping the query; the current
 * page marked for screen readers. */
static void pager(Req *r, size_t page, size_t pages, bool all)
{
    Buf *b = &r->body;
    Buf q = {0};
    for (size_t i = 0; i < r->query.n; i++) {
        if (!str_eq(r->query.v[i].name, "page") && !str_eq(r->query.v[i].name, "all")) {
            buf_printf(&q, "%s=%s&", url_enc(r->arena, r->query.v[i].name), url_enc(r->arena, r->query.v[i].value));
        }
    }
    const char *base = arena_printf(r->arena, "/measures?%s", buf_str(&q));
    buf_free(&q);
    html_printf(b, "<nav class=\"pager\" aria-label=\"%s\"><ul>", T(r, "Sider i tiltakslisten"));
    for (size_t p = 1; p <= pages; p++) {
        if (p == page && !all) {
            html_printf(b, "<li><a class=\"ds-link\" aria-current=\"page\" href=\"%spage=%zu\">%s</a></li>", base,
                        p, TF(r, "Side %zu", p));
        } else {
            html_printf(b, "<li><a class=\"ds-link\" href=\"%spage=%zu\">%s</a></li>", base, p, TF(r, "Side %zu", p));
        }
    }
    if (all) {
        html_printf(b, "<li><a class=\"ds-link\" aria-current=\"page\" href=\"%sall=1\">%s</a></li>", base,
                    T(r, "Alle"));
    } else {
        html_printf(b, "<li><a class=\"ds-link\" href=\"%sall=1\">%s</a></li>", base, T(r, "Vis alle på én side"));
    }
    html_printf(b, "</ul></nav>");
}

/* The current ministry code's name in the request's language (bokmål:
 * the name given). */
static const char *ministry_text(Req *r, const char *code, const char *name_nb)
{
    Ministry m;
    if (r->lang == LANG_NB || ministry_get(r->db, r->arena, r->viewer, code, &m, NULL)) {
        return name_nb;
    }
    return ministry_name(r, &m);
}

static const char *nonempty(const char *s)
{
    return s && *s ? s : NULL;
}

static int list_page(Req *r)
{
    Strategy st;
    Buf *b = &r->body;
    const char *slug = nonempty(params_get(&r->query, "strategy"));
    ListQuery q = {nonempty(params_get(&r->query, "ministry")), nonempty(params_get(&r->query, "status")),
                   nonempty(params_get(&r->query, "priority")), nonempty(params_get(&r->query, "risk")),
                   nonempty(params_get(&r->query, "sort"))};
    int rc = slug ? strategy_get(r->db, r->arena, r->viewer, slug, &st, NULL)
                  : strategy_current_plain(r->db, r->arena, &st, NULL);   /* no counts: not shown here */
    if (rc == E_NOTFOUND && slug) {
        return view_error(r, 400, T(r, "Strategiperioden i filteret finnes ikke."));
    }
    if (rc) {
        r->title = T(r, "Tiltak");
        html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1><p class=\"ds-paragraph\">%s</p>", r->title,
                    T(r, "Det er ingen strategi med tiltak ennå."));
        return 200;
    }
    Ministry min;
    if (q.ministry && ministry_get(r->db, r->arena, r->viewer, q.ministry, &min, NULL)) {
        return view_error(r, 400, T(r, "Departementet i filteret finnes ikke."));
    }
    q.ministry = q.ministry ? min.code : NULL;
    const char *area_q = nonempty(params_get(&r->query, "area"));
    long long area_n = 0;
    GoalArea area_row;
    if (area_q && (!parse_int(area_q, 1, 99, &area_n) ||
                 goal_area_get(r->db, r->arena, r->viewer, st.id, (int)area_n, &area_row, NULL))) {
        return view_error(r, 400, T(r, "Målområdet i filteret finnes ikke."));
    }
    q.area = (int)area_n;
    if ((q.status && !measure_status_valid(r->db, q.status)) ||
        (q.priority && !*priority_label(q.priority)) || (q.priority && str_eq(priority_label(q.priority), q.priority)) ||
        (q.risk && str_eq(risk_label(q.risk), q.risk)) ||
        (q.sort && !str_eq(q.sort, "deadline") && !str_eq(q.sort, "progress") && !str_eq(q.sort, "status") &&
         !str_eq(q.sort, "owner") && !str_eq(q.sort, "number"))) {
        return view_error(r, 400, T(r, "Et av filtrene har en verdi som ikke finnes."));
    }
    r->title = T(r, "Tiltak");
    req_crumb(r, r->title, NULL);
    html_printf(b, "<h1 class=\"ds-heading\" data-size=\"lg\">%s</h1>"
                   "<p class=\"ds-paragraph lead\">%s <a class=\"ds-link\" href=\"/overview?strategy=%s\">%s</a>.</p>",
                r->title,
                st.period_start >= 2025
                    ? TF(r, "Tiltakene i «%s» (%s) slik de står nå, ordnet etter mål. Den publiserte utgaven med "
                            "endrede og nye prioriteringer er", st.title, st.period)
                    : TF(r, "Tiltakene i «%s» (%s) slik de står nå, ordnet etter målområde. Den publiserte utgaven med "
                            "endrede og nye prioriteringer er", st.title, st.period),
                url_enc(r->arena, st.slug), T(r, "tiltaksoversikten"));
    view_notice(r);
    Strategy now;
    bool ahead = false;   /* a period that has not begun yet */
    if (!st.in_force && strategy_current_plain(r->db, r->arena, &now, NULL) == 0) {
        ahead = now.period_start < st.period_start;
        html_printf(b, "<div class=\"ds-alert\" data-color=\"info\"><p class=\"ds-paragraph\">%s "
                       "<a class=\"ds-link\" href=\"/measures?strategy=%s\">%s</a>.</p></div>",
                    now.period_start > st.period_start ? TF(r, "Strategiperioden %s er avsluttet.", st.period)
                                                       : TF(r, "Strategiperioden %s har ikke begynt.", st.period),
                    url_enc(r->arena, now.slug), TF(r, "Se tiltakene i %s, som gjelder nå", now.period));
    } else if (st.predecessor_slug) {
        html_printf(b, "<p class=\"ds-paragraph\"><a class=\"ds-link\" href=\"/measures?strategy=%s\">%s</a></p>",
                    url_enc(r->arena, st.predecessor_slug), T(r, "Tiltakene i forrige strategiperiode"));
    }
    html_printf(b, "<p class=\"ds-paragraph actions\">");
    if (measure_can_edit(r->viewer)) {
        html_printf(b, "<a class=\"ds-button\" data-variant=\"primary\" href=\"/measures/new?strategy=%s\">%s</a> "
                       "<a class=\"ds-button\" data-variant=\"secondary\" href=\"/measures/import\">%s</a> ",
                    url_enc(r->arena, st.slug), T(r, "Nytt tiltak"), T(r, "Importer"));
        if (st.predecessor_slug && (st.in_force || ahead)) {   /* not into a period that is over */
            html_printf(b, "<a class=\"ds-button\" data-variant=\"secondary\" href=\"/measures/carry-over?to=%s\">%s</a> ",
                        url_enc(r->arena, st.slug), T(r, "Videreføre tiltak fra forrige periode"));
        }
    }
    if (r->viewer->ministry_code && !str_eq(q.ministry, r->viewer->ministry_code)) {
        html_printf(b, "<a class=\"ds-link\" href=\"/measures?strategy=%s&amp;ministry=%s\">%s</a> · ",
                    url_enc(r->arena, st.slug), url_enc(r->arena, r->viewer->ministry_code),
                    T(r, "Mitt departements tiltak"));
    }
    html_printf(b, "%s: <a class=\"ds-link\" href=\"/measures/export?format=csv&amp;strategy=%s\">CSV</a>, "
                   "<a class=\"ds-link\" href=\"/measures/export?format=xlsx&amp;strategy=%s\">Excel</a>, "
                   "<a class=\"ds-link\" href=\"/measures/export?format=json&amp;strategy=%s\">JSON</a></p>",
                T(r, "Last ned"), url_enc(r->arena, st.slug), url_enc(r->arena, st.slug), url_enc(r->arena, st.slug));
    /* The target areas and the statuses, read once for the form, the
     * tables and the bars. */
    GoalArea *areas;
    size_t na;
    if (goal_area_list(r->db, r->arena, NULL, st.id, &areas, &na, NULL)) {   /* NULL: without the counts */
        return 500;
    }
    MeasureStatus *sts = NULL;
    size_t nsts = 0;
    measure_status_list(r->db, r->arena, &sts, &nsts, NULL);
    filter_form(r, &st, &q, areas, na, sts, nsts);
    MeasureFilter f = {.strategy_id = st.id, .owner_code = q.ministry, .status = q.status, .priority = q.priority,
                       .risk = q.risk, .sort = q.sort, .goal_area_id = q.area ? area_row.id : 0, .brief = true};
    Measure *m;
    size_t nm;
    if (measure_list(r->db, r->arena, r->viewer, &f, &m, &nm, NULL)) {
        return 500;
    }
    html_printf(b, "<p class=\"ds-paragraph\" role=\"status\">%zu %s</p>", nm, NT(r, "tiltak", "tiltak", (long long)nm));
    if (nm == 0) {
        html_printf(b, "<p class=\"ds-paragraph\">%s <a class=\"ds-link\" href=\"/measures\">%s</a>.</p>",
                    T(r, "Ingen tiltak passer med filteret."), T(r, "Vis alle tiltak"));
        return 200;
    }
    /* One table per target area, in the chosen order within it, a hundred
     * rows a page (?all=1 shows every row, for printing). */
    enum { PAGE = 100 };
    long long page = 1;
    const char *pq = nonempty(params_get(&r->query, "page"));
    bool all = str_eq(params_get(&r->query, "all"), "1");
    size_t pages = (nm + PAGE - 1) / PAGE;
    if (pq && (!parse_int(pq, 1, 100000, &page) || (size_t)page > pages)) {
        return view_error(r, 400, T(r, "Den siden finnes ikke i listen."));
    }
    size_t first = all ? 0 : (size_t)(page - 1) * PAGE, last = all ? nm : first + PAGE;
    Measure *group = arena_alloc(r->arena, nm * sizeof *group);
    size_t seen = 0;
    bool goals = st.period_start >= 2025;
    for (size_t k = 0; k <= na; k++) {
        int area = k < na ? areas[k].number : 0;
        size_t g = 0, from = seen;
        for (size_t i = 0; i < nm; i++) {
            if (m[i].goal_area_number == area) {
                if (seen >= first && seen < last) {
                    group[g++] = m[i];
                }
                seen++;
            }
        }
        if (!g) {
            continue;
        }
        const char *cont = from < first ? arena_printf(r->arena, " (%s)", T(r, "fortsatt")) : "";
        if (k < na) {
            html_printf(b, "<h2 class=\"ds-heading\" data-size=\"sm\">%s %d: <span lang=\"nb\">%s</span>%s</h2>",
                        goals ? T(r, "Mål") : T(r, "Målområde"), area, areas[k].title, cont);
            status_bar(r, sts, nsts, m, nm, area, goals);
            view_measure_table(r, b, goals ? TF(r, "Tiltak i mål %d", area) : TF(r, "Tiltak i målområde %d", area),
                               group, g, false, true, "");
        } else {
            html_printf(b, "<h2 class=\"ds-heading\" data-size=\"sm\">%s%s</h2>", T(r, "Uten målområde"), cont);
            view_measure_table(r, b, T(r, "Tiltak uten målområde"), group, g, false, true, "");
        }
    }
    if (pages > 1) {
        pager(r, (size_t)page, pages, all);
    }
    return seen == nm ? 200 : 500;
}

/* Both pages read in one transaction: one snapshot, locks taken once. */
int measure_list_page(Req *r)
{
    bool tx = db_read_begin(r->db);
    int status = list_page(r);
    db_read_end(r->db, tx);
    return status;
}

static void show_list(Buf *b, const char *heading, const char **items, size_t n)
{
    if (!n) {
        return;
    }
    html_printf(b, "<dt>%s</dt><dd><ul class=\"plain-list\">", heading);
    for (size_t i = 0; i < n; i++) {
        html_printf(b, "<li>%s</li>", items[i]);
    }
    html_printf(b, "</ul></dd>");
}

/* The status label of a status code in the request's language ("" for NULL). */
static const char *status_code_text(Req *r, const char *code)
{
    MeasureStatus *sts;
    size_t n;
    if (code && measure_status_list(r->db, r->arena, &sts, &n, NULL) == 0) {
        for (size_t i = 0; i < n; i++) {
            if (str_eq(sts[i].code, code)) {
                return status_text(r, &sts[i]);
            }
        }
    }
    return code ? code : "";
}

/* Where the state shown comes from: for the public the latest published
 * edition; for colleagues the live state, with what the public sees when
 * that differs. */
static void show_published(Req *r, const Measure *m)
{
    Buf *b = &r->body;
    const MeasurePublished *p = m->published;
    if (measure_public_view(r->viewer)) {
        if (p) {
            html_printf(b, "<p class=\"ds-paragraph muted\" data-published>%s <a class=\"ds-link\" href=\"/editions/%lld\">%s</a></p>",
                        T(r, "Status og fremdrift slik de er godkjent i"), (long long)p->edition_id,
                        TF(r, "utgaven publisert %s", view_date(r, p->date)));
        } else {
            html_printf(b, "<p class=\"ds-paragraph muted\" data-published>%s</p>",
                        T(r, "Tiltaket er ikke med i noen publisert utgave ennå. Status og fremdrift vises når "
                             "sekretariatet publiserer neste utgave."));
        }
        return;
    }
    if (!measure_differs_from_published(m)) {
        return;
    }
    html_printf(b, "<div class=\"ds-alert\" data-color=\"info\" data-unpublished><p class=\"ds-paragraph\">"
                   "<strong>%s.</strong> ", T(r, "Ikke publisert ennå"));
    if (p) {
        html_printf(b, "%s", TF(r, "Publikum ser det som står i utgaven publisert %s: %s, %d %% fremdrift.",
                                view_date(r, p->date), status_code_text(r, p->status), p->progress));
    } else {
        html_printf(b, "%s", T(r, "Tiltaket er ikke med i noen publisert utgave, så publikum ser ikke status og "
                                  "fremdrift."));
    }
    html_printf(b, "</p></div>");
}

/* The status, progress and dates block of a measure page. */
static void show_progress(Req *r, const Measure *m)
{
    Buf *b = &r->body;
    show_published(r, m);
    html_printf(b, "<dl class=\"facts\"><dt>%s</dt><dd>", T(r, "Status"));
    view_status_tag(r, b, m);
    html_printf(b, "</dd>");
    if (!m->unpublished) {
        html_printf(b, "<dt>%s</dt><dd><progress class=\"bar\" max=\"100\" value=\"%d\" "
                       "aria-label=\"%s\">%d %%</progress> %d %%",
                    T(r, "Fremdrift"), m->progress, T(r, "Fremdrift"), m->progress, m->progress);
        if (m->sub_count) {
            html_printf(b, " <span class=\"muted\">(%s)</span>",
                        str_eq(m->rollup, "weighted") ? TF(r, "vektet gjennomsnitt av %d deltiltak", m->sub_count)
                                                      : TF(r, "gjennomsnitt av %d deltiltak", m->sub_count));
        }
        html_printf(b, "</dd>");
    }
    if (m->priority) {
        html_printf(b, "<dt>%s</dt><dd>%s</dd>", T(r, "Prioritet"), T(r, priority_label(m->priority)));
    }
    if (m->risk) {
        html_printf(b, "<dt>%s</dt><dd><span class=\"risk risk-%s\">%s</span></dd>", T(r, "Risiko (siste rapport)"),
                    m->risk, T(r, risk_label(m->risk)));
    }
    if (m->start_date || m->end_date) {
        html_printf(b, "<dt>%s</dt><dd>%s – %s</dd>", T(r, "Periode"), view_date(r, m->start_date),
                    view_date(r, m->end_date));
    }
    html_printf(b, "</dl>");
}

/* «Endre status»: status, progress and the reason, in one small form
 * that posts to the measure's edit handler (quick=1 for the message). */
static void quick_status(Req *r, const Measure *m)
{
    Buf *b = &r->body;
    MeasureStatus *st;
    size_t n = 0;
    measure_status_list(r->db, r->arena, &st, &n, NULL);
    html_printf(b, "<details class=\"quick-status\"><summary>%s</summary><form class=\"form-narrow\" method=\"post\" "
                   "action=\"/measures/%lld\"><input type=\"hidden\" name=\"version\" value=\"%d\">"
                   "<input type=\"hidden\" name=\"quick\" value=\"1\">",
                T(r, "Endre status"), (long long)m->id, m->version);
    view_csrf(b, r);
    html_printf(b, "<div class=\"ds-field\"><label class=\"ds-label\" for=\"q-status\">%s</label>"
                   "<select class=\"ds-input\" id=\"q-status\" name=\"status\">", T(r, "Ny status"));
    for (size_t i = 0; i < n; i++) {
        if (st[i].active || str_eq(m->status, st[i].code)) {
            view_option(b, st[i].code, status_text(r, &st[i]), str_eq(m->status, st[i].code));
        }
    }
    html_printf(b, "</select></div><div class=\"ds-field\"><label class=\"ds-label\" for=\"q-progress\">%s</label>"
                   "<input class=\"ds-input\" type=\"number\" min=\"0\" max=\"100\" id=\"q-progress\" "
                   "name=\"progress\" value=\"%d\"></div><div class=\"ds-field\"><label class=\"ds-label\" "
                   "for=\"q-comment\">%s</label><input class=\"ds-input\" type=\"text\" id=\"q-comment\" "
                   "name=\"comment\" autocomplete=\"off\"></div><button class=\"ds-button\" data-variant=\"primary\" "
                   "type=\"submit\">%s</button></form></details>",
                T(r, "Fremdrift (prosent)"), m->own_progress, T(r, "Kommentar til endringen"), T(r, "Lagre status"));
}

static int show_page(Req *r)
{
    long long id;
    Measure m;
    Buf *b = &r->body;
    if (!parse_int(r->args[0], 1, INT64_MAX, &id) || measure_get(r->db, r->arena, r->viewer, id, &m, NULL)) {
        return view_error(r, 404, T(r, "Det finnes ikke noe tiltak med dette nummeret."));
    }
    r->title = arena_printf(r->arena, "%s %s", m.number, m.title);
    req_crumb(r, T(r, "Tiltak"), "/measures");
    req_crumb(r, m.number, NULL);
    const char *done = params_get(&r->query, "done");
    if (str_eq(done, "measure_saved") || str_eq(done, "status_changed")) {
        view_notice(r);   /* the record's sections say their own (attachments, comments …) */
    }
    html_printf(b, "<p class=\"ds-paragraph eyebrow\">%s %s · %s</p>"
                   "<h1 class=\"ds-heading\" data-size=\"lg\" lang=\"nb\">%s</h1>",
                TC(r, "one", "Tiltak"), m.number, m.strategy_period, m.title);
    if (!m.masked && (measure_can_report(r->viewer, &m) || r->viewer->user_id)) {
        html_printf(b, "<p class=\"ds-paragraph actions\">");
        if (measure_can_report(r->viewer, &m)) {
            html_printf(b, "<a class=\"ds-button\" data-variant=\"primary\" href=\"/measures/%lld/edit\">%s</a> ",
                        (long long)m.id, T(r, "Endre"));
        }
        html_printf(b, "<a class=\"ds-link\" href=\"/measures/%lld/history\">%s</a>", (long long)m.id, T(r, "Historikk"));
        html_printf(b, "</p>");
    }
    show_progress(r, &m);
    if (!m.masked && measure_can_report(r->viewer, &m)) {
        quick_status(r, &m);
    }
    html_printf(b, "<h2 class=\"ds-heading\" data-size=\"md\">%s</h2><dl class=\"facts\">"
                   "<dt>%s</dt><dd><a class=\"ds-link\" href=\"/strategies/%s\">%s</a></dd>",
                T(r, "Ansvar og plassering"), T(r, "Strategiperiode"), url_enc(r->arena, m.strategy_slug),
                m.strategy_period);
    if (m.goal_area_number) {
        html_printf(b, "<dt>%s</dt><dd><a class=\"ds-link\" href=\"/strategies/%s/areas/%d\">%d: "
                       "<span lang=\"nb\">%s</span></a></dd>",
                    atoi(m.strategy_period) >= 2025 ? T(r, "Mål") : T(r, "Målområde"), url_enc(r->arena, m.strategy_slug),
                    m.goal_area_number, m.goal_area_number,
                    m.goal_area_title);
    }
    if (*m.theme) {
        html_printf(b, "<dt>%s</dt><dd>%s</dd>", T(r, "Innsatsområde"), m.theme);
    }
    html_printf(b, "<dt>%s</dt><dd>", T(r, "Ansvarlig departement"));
    if (m.owner_code) {
        html_printf(b, "<a class=\"ds-link\" href=\"/ministries/%s\">%s</a>", url_enc(r->arena, m.owner_code),
                    measure_owner_text(r, &m));
    } else {
        html_printf(b, "%s", T(r, "Ikke avklart"));
    }
    html_printf(b, "</dd>");
    if (m.responsible && *m.responsible && !m.masked) {
        html_printf(b, "<dt>%s</dt><dd>%s</dd>", T(r, "Ansvarlig person eller enhet"), m.responsible);
    }
    const char **p;
    size_t np;
    if (measure_participants(r->db, r->arena, m.id, &p, &np, NULL) == 0 && np) {
        html_printf(b, "<dt>%s</dt><dd><ul class=\"inline-list\">", T(r, "Deltakende departementer"));
        for (size_t i = 0; i < np; i++) {
            html_printf(b, "<li><a class=\"ds-link\" href=\"/ministries/%s\">%s</a></li>",
                        url_enc(r->arena, p[i * 2]), ministry_text(r, p[i * 2], p[i * 2 + 1]));
        }
        html_printf(b, "</ul></dd>");
    }
    if (m.parent_id) {
        html_printf(b, "<dt>%s</dt><dd><a class=\"ds-link\" href=\"/measures/%lld\">%s</a></dd>", T(r, "Deltiltak av"),
                    (long long)m.parent_id, m.parent_number);
    }
    if (m.predecessor_id) {
        html_printf(b, "<dt>%s</dt><dd><a class=\"ds-link\" href=\"/measures/%lld\">%s</a></dd>", T(r, "Videreført fra"),
                    (long long)m.predecessor_id, m.predecessor_label);
    }
    MeasureFilter next = {.predecessor_id = m.id};
    Measure *succ;
    size_t nsucc = 0;
    if (measure_list(r->db, r->arena, r->viewer, &next, &succ, &nsucc, NULL) == 0 && nsucc) {
        html_printf(b, "<dt>%s</dt><dd><ul class=\"inline-list\">", T(r, "Videreført i"));
        for (size_t i = 0; i < nsucc; i++) {
            html_printf(b, "<li><a class=\"ds-link\" href=\"/measures/%lld\">%s: %s</a></li>", (long long)succ[i].id,
                        succ[i].strategy_period, succ[i].number);
        }
        html_printf(b, "</ul></dd>");
    }
    const char **areas, **dirs;
    size_t na = 0, nd = 0;
    if (!m.masked) {
        measure_links(r->db, r->arena, m.id, &areas, &na, &dirs, &nd, NULL);
        show_list(b, T(r, "Utviklingsområder"), areas, na);
        show_list(b, T(r, "Retningsvalg"), dirs, nd);
    }
    html_printf(b, "</dl>");   /* visibility and exemption: in «Hvem har tilgang» (record_sections) */
    if (*m.description) {
        html_printf(b, "<h2 class=\"ds-heading\" data-size=\"md\">%s</h2>", T(r, "Om tiltaket"));
        html_text_block(b, m.description);
    }
    const MilestoneRow *ms;
    size_t nms = 0;
    if (!m.masked && measure_milestones_shown(r->db, r->arena, r->viewer, &m, &ms, &nms, NULL) == 0 && nms) {
        html_printf(b, "<h2 class=\"ds-heading\" data-size=\"md\">%s</h2><ul class=\"milestones\">", T(r, "Milepæler"));
        for (size_t i = 0; i < nms; i++) {
            html_printf(b, "<li class=\"%s\"><span class=\"ds-sr-only\">%s: </span>%s <span class=\"muted\">%s</span></li>",
                        ms[i].done ? "done" : "open", ms[i].done ? T(r, "Nådd") : T(r, "Ikke nådd"), ms[i].title,
                        ms[i].due_date ? view_date(r, ms[i].due_date) : "");
        }
        html_printf(b, "</ul>");
    }
    if (m.sub_count) {
        MeasureFilter f = {.parent_id = m.id, .brief = true};
        Measure *subs;
        size_t ns;
        if (measure_list(r->db, r->arena, r->viewer, &f, &subs, &ns, NULL) == 0) {
            html_printf(b, "<h2 class=\"ds-heading\" data-size=\"md\">%s</h2>", T(r, "Deltiltak"));
            view_measure_table(r, b, T(r, "Deltiltak"), subs, ns, false, true, "");
        }
    }
    Record rec;
    if (record_get(r->db, r->arena, r->viewer, m.id, &rec, NULL) == 0) {
        record_sections(r, &rec);
    }
    return 200;
}

int measure_show_page(Req *r)
{
    bool tx = db_read_begin(r->db);
    int status = show_page(r);
    db_read_end(r->db, tx);
    return status;
}
