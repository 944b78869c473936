/* measure_form.c: the measure form (HTML) — selects for ministries,
 * statuses, priorities and target areas, checkboxes for participants and
 * development areas, date inputs, milestone rows that are added and
 * removed without JavaScript, and the change comment next to the status.
 * Built from the core form view (form_view.h).  The form still posts the
 * measure's text form (measure_edit.h): measure_form_text turns the
 * controls back into it, so the form, the API and import share one
 * validation.  No SQL here. */
#include "app/measure/measure_form.h"

#include <stdlib.h>
#include <string.h>

#include "app/core/form_view.h"
#include "app/core/view.h"
#include "app/strategy/strategy.h"
#include "base/html.h"
#include "base/util.h"

enum { MILESTONE_ROWS_MAX = 60 };

/* ---- milestones as rows ------------------------------------------------------ */

typedef struct MsRow {
    const char *title, *due;
    bool done;
} MsRow;

/* The rows of a milestones text ('[x] 2026-06-30 Title', '[ ] - Title'), as
 * far as it parses; a line that does not is kept whole as the title, so
 * the model's message about it still shows it. */
static size_t rows_of_text(Arena *a, const char *text, MsRow **out)
{
    size_t len = 0, cap = 0;
    MsRow *v = NULL;
    for (const char *s = text ? text : ""; *s;) {
        const char *end = strchr(s, '\n');
        size_t n = end ? (size_t)(end - s) : strlen(s);
        char *line = arena_strndup(a, s, n);
        s += n + (end ? 1 : 0);
        if (!*line) {
            continue;
        }
        MsRow *row = arena_push(a, &v, &len, &cap, sizeof *v);
        if (n > 4 && line[0] == '[' && line[2] == ']' && line[3] == ' ') {
            row->done = line[1] == 'x' || line[1] == 'X';
            char *rest = line + 4, *sp = strchr(rest, ' ');
            if (sp) {
                *sp = '\0';
                row->due = str_eq(rest, "-") ? "" : rest;
                row->title = sp + 1;
                continue;
            }
        }
        row->title = line;
        row->due = "";
    }
    *out = v;
    return len;
}

/* The posted rows (ms-title-N, ms-due-N, ms-done-N, ms-remove-N for N below
 * ms-count), without removed and empty ones. */
static size_t rows_of_form(Req *r, MsRow **out)
{
    long long count = 0;
    parse_int(params_get(&r->form, "ms-count"), 0, MILESTONE_ROWS_MAX, &count);
    MsRow *v = arena_alloc(r->arena, (size_t)(count ? count : 1) * sizeof *v);
    size_t n = 0;
    for (long long i = 0; i < count; i++) {
        const char *t = params_get(&r->form, arena_printf(r->arena, "ms-title-%lld", i));
        const char *d = params_get(&r->form, arena_printf(r->arena, "ms-due-%lld", i));
        if (params_get(&r->form, arena_printf(r->arena, "ms-remove-%lld", i))) {
            continue;
        }
        t = t ? t : "";
        d = d ? d : "";
        if (!*t && !*d) {
            continue;
        }
        v[n++] = (MsRow){.title = t, .due = d,
                         .done = params_get(&r->form, arena_printf(r->arena, "ms-done-%lld", i)) != NULL};
    }
    *out = v;
    return n;
}

static const char *text_of_rows(Arena *a, const MsRow *rows, size_t n)
{
    Buf b = {0};
    for (size_t i = 0; i < n; i++) {
        buf_printf(&b, "%s[%c] %s %s", i ? "\n" : "", rows[i].done ? 'x' : ' ', *rows[i].due ? rows[i].due : "-",
                   rows[i].title);
    }
    const char *s = arena_strdup(a, buf_str(&b));
    buf_free(&b);
    return s;
}

/* The milestone rows with one empty row at the end (two when asked for one
 * more), each with a remove box, and the «Legg til milepæl» button. */
static void milestone_rows(Req *r, const char *text, bool one_more, const char *err)
{
    Buf *b = &r->body;
    MsRow *rows;
    size_t n = rows_of_text(r->arena, text, &rows);
    size_t total = n + 1 + (one_more ? 1 : 0);
    if (total > MILESTONE_ROWS_MAX) {
        total = MILESTONE_ROWS_MAX;
    }
    html_printf(b, "<fieldset class=\"ds-fieldset milestones-edit\"%s><legend class=\"ds-label\">%s</legend>"
                   "<div data-field=\"description\" id=\"milestones-desc\">%s</div>",
                err ? " aria-describedby=\"milestones-desc milestones-err\"" : " aria-describedby=\"milestones-desc\"",
                T(r, "Milepæler"),
                T(r, "En rad per milepæl. Kryss av når den er nådd. En tom rad blir ikke lagret."));
    html_printf(b, "<input type=\"hidden\" name=\"ms-count\" value=\"%zu\"><ol class=\"milestone-rows\">", total);
    for (size_t i = 0; i < total; i++) {
        const MsRow *row = i < n ? &rows[i] : &(MsRow){.title = "", .due = ""};
        const char *tid = i == 0 ? "milestones" : arena_printf(r->arena, "ms-title-%zu", i);
        html_printf(b, "<li class=\"milestone-row\"><div class=\"ds-field\"><label class=\"ds-label\" for=\"%s\">%s</label>"
                       "<input class=\"ds-input\" type=\"text\" id=\"%s\" name=\"ms-title-%zu\" value=\"%s\" "
                       "autocomplete=\"off\"></div>",
                    tid, TF(r, "Milepæl %zu", i + 1), tid, i, row->title);
        html_printf(b, "<div class=\"ds-field\"><label class=\"ds-label\" for=\"ms-due-%zu\">%s</label>"
                       "<input class=\"ds-input\" type=\"date\" id=\"ms-due-%zu\" name=\"ms-due-%zu\" value=\"%s\"></div>",
                    i, T(r, "Dato"), i, i, row->due);
        html_printf(b, "<div class=\"ds-field\"><input class=\"ds-input\" type=\"checkbox\" id=\"ms-done-%zu\" "
                       "name=\"ms-done-%zu\" value=\"1\"%s><label class=\"ds-label\" data-weight=\"regular\" "
                       "for=\"ms-done-%zu\">%s</label></div>",
                    i, i, row->done ? " checked" : "", i, T(r, "Nådd"));
        if (i < n) {
            html_printf(b, "<div class=\"ds-field\"><input class=\"ds-input\" type=\"checkbox\" id=\"ms-remove-%zu\" "
                           "name=\"ms-remove-%zu\" value=\"1\"><label class=\"ds-label\" data-weight=\"regular\" "
                           "for=\"ms-remove-%zu\">%s</label></div>",
                        i, i, i, T(r, "Fjern"));
        }
        html_printf(b, "</li>");
    }
    html_printf(b, "</ol>");
    if (err) {
        html_printf(b, "<p class=\"ds-validation-message\" data-field=\"validation\" id=\"milestones-err\">%s</p>", err);
    }
    html_printf(b, "<button class=\"ds-button\" data-variant=\"secondary\" type=\"submit\" name=\"add-milestone\" "
                   "value=\"1\" formnovalidate>%s</button></fieldset>",
                T(r, "Legg til milepæl"));
}

/* ---- the form ---------------------------------------------------------------- */

static const char *hint(int k)
{
    switch (k) {
    case MF_NUMBER: return N_("For eksempel 2.4, eller 2.4.1 for et deltiltak");
    case MF_PROGRESS: return N_("0–100. Tom ved statusendring gir statusens standardverdi.");
    case MF_PARENT: return N_("Nummeret på tiltaket dette er et deltiltak av");
    case MF_WEIGHT: return N_("Vekt i fremdriften til tiltaket over (0–1000)");
    case MF_PREDECESSOR: return N_("Tiltak i en tidligere periode, for eksempel 2016-2020:3.2");
    case MF_DIRECTIONS: return N_("Målområde.nummer skilt med komma, for eksempel 1.2, 1.5");
    }
    return NULL;
}

static const char *label(Req *r, int k)
{
    return T(r, g_measure_fields[k].label);
}

static const char *val(const MeasureText *t, int k)
{
    return t->v[k] ? t->v[k] : "";
}

static void text_field(Req *r, const MeasureText *t, const FormErrors *fe, int k, const char *type, bool required)
{
    const char *id = g_measure_fields[k].name;
    fv_text(r, id, label(r, k), hint(k) ? T(r, hint(k)) : NULL, val(t, k), type, fv_error_of(fe, id), required);
}

static void status_select(Req *r, const MeasureText *t, const FormErrors *fe)
{
    MeasureStatus *st;
    size_t n = 0;
    measure_status_list(r->db, r->arena, &st, &n, NULL);
    fv_select_open(r, "status", label(r, MF_STATUS), NULL, fv_error_of(fe, "status"));
    for (size_t i = 0; i < n; i++) {
        if (st[i].active || str_eq(val(t, MF_STATUS), st[i].code)) {
            view_option(&r->body, st[i].code, status_text(r, &st[i]), str_eq(val(t, MF_STATUS), st[i].code));
        }
    }
    fv_select_close(r, "status", fv_error_of(fe, "status"));
}

/* The status, its comment and progress: what a case officer changes. */
static void status_group(Req *r, const MeasureText *t, const FormErrors *fe)
{
    html_printf(&r->body, "<div class=\"status-group\">");
    status_select(r, t, fe);
    fv_text(r, "comment", T(r, "Kommentar til endringen"), T(r, "Hvorfor status eller fremdrift endres. Vises i "
                                                                 "historikken."),
            params_get(&r->form, "comment"), "text", NULL, false);
    text_field(r, t, fe, MF_PROGRESS, "number", false);
    html_printf(&r->body, "</div>");
}

static const char *const priority_codes[] = {"high", "medium", "low", NULL};
static const char *const rollup_codes[] = {"plain", "weighted", NULL};

static const char *rollup_label(const char *code)
{
    return str_eq(code, "weighted") ? N_("Vektet gjennomsnitt") : N_("Gjennomsnitt");
}

/* The current ministries, and any of codes ("KMD, BFD") that is not one
 * any more (a former name on a measure of an earlier period) after them, so
 * editing such a measure never drops its owner or a participant. */
static void ministry_options(Req *r, const char *codes, MinistryOption **out, size_t *n)
{
    MinistryOption *cur = NULL;
    size_t nc = 0;
    record_ministry_options(r->db, r->arena, &cur, &nc, NULL);
    size_t cap = nc + 8, len = nc;
    MinistryOption *all = arena_alloc(r->arena, cap * sizeof *all);
    if (nc) {
        memcpy(all, cur, nc * sizeof *all);
    }
    for (const char *s = codes ? codes : ""; *s && len < cap;) {
        while (*s == ' ' || *s == ',') {
            s++;
        }
        size_t k = strcspn(s, ", ");
        if (!k) {
            break;
        }
        const char *code = arena_strndup(r->arena, s, k);
        s += k;
        bool known = false;
        for (size_t i = 0; i < len && !known; i++) {
            known = str_eq(all[i].code, code);
        }
        if (!known) {
            all[len++] = (MinistryOption){.code = code, .name = code};
        }
    }
    *out = all;
    *n = len;
}

static void full_fields(Req *r, const MeasureText *t, const FormErrors *fe, int64_t strategy_id, bool one_more)
{
    Buf *b = &r->body;
    GoalArea *areas = NULL;
    size_t na = 0;
    MinistryOption *mins = NULL;
    size_t nm = 0;
    TextItem *dev = NULL;
    size_t nd = 0;
    goal_area_list(r->db, r->arena, r->viewer, strategy_id, &areas, &na, NULL);
    ministry_options(r, arena_printf(r->arena, "%s, %s", val(t, MF_OWNER), val(t, MF_PARTICIPANTS)), &mins, &nm);
    development_area_list(r->db, r->arena, strategy_id, &dev, &nd, NULL);

    html_printf(b, "<input type=\"hidden\" name=\"form-boxes\" value=\"1\">"
                   "<h2 class=\"ds-heading\" data-size=\"sm\">%s</h2>", T(r, "Om tiltaket"));
    text_field(r, t, fe, MF_NUMBER, "text", true);
    text_field(r, t, fe, MF_TITLE, "text", true);
    fv_select_open(r, "goal_area", label(r, MF_GOAL_AREA), NULL, fv_error_of(fe, "goal_area"));
    view_option(b, "", T(r, "Ikke satt"), !*val(t, MF_GOAL_AREA));
    for (size_t i = 0; i < na; i++) {
        const char *num = arena_printf(r->arena, "%d", areas[i].number);
        view_option(b, num, arena_printf(r->arena, "%d: %s", areas[i].number, areas[i].title),
                    str_eq(num, val(t, MF_GOAL_AREA)));
    }
    fv_select_close(r, "goal_area", fv_error_of(fe, "goal_area"));
    text_field(r, t, fe, MF_THEME, "text", false);
    fv_textarea(r, "description", label(r, MF_DESCRIPTION), NULL, val(t, MF_DESCRIPTION),
                fv_error_of(fe, "description"), 6, false);

    html_printf(b, "<h2 class=\"ds-heading\" data-size=\"sm\">%s</h2>", T(r, "Ansvar"));
    fv_ministry_select(r, "owner", label(r, MF_OWNER), NULL, mins, nm, val(t, MF_OWNER), T(r, "Ikke avklart"),
                       fv_error_of(fe, "owner"));
    fv_ministry_boxes(r, "participants", label(r, MF_PARTICIPANTS), NULL, mins, nm, val(t, MF_PARTICIPANTS), NULL,
                      fv_error_of(fe, "participants"));
    text_field(r, t, fe, MF_RESPONSIBLE, "text", false);

    html_printf(b, "<h2 class=\"ds-heading\" data-size=\"sm\">%s</h2>", T(r, "Status og fremdrift"));
    status_group(r, t, fe);
    fv_code_select(r, "priority", label(r, MF_PRIORITY), NULL, priority_codes, priority_label, val(t, MF_PRIORITY),
                   T(r, "Ikke satt"), fv_error_of(fe, "priority"));
    html_printf(b, "<div class=\"date-pair\">");
    text_field(r, t, fe, MF_START_DATE, "date", false);
    text_field(r, t, fe, MF_END_DATE, "date", false);
    html_printf(b, "</div>");
    milestone_rows(r, val(t, MF_MILESTONES), one_more, fv_error_of(fe, "milestones"));

    html_printf(b, "<h2 class=\"ds-heading\" data-size=\"sm\">%s</h2>", T(r, "Plassering i strategien"));
    html_printf(b, "<fieldset class=\"ds-fieldset\"><legend class=\"ds-label\">%s</legend>", label(r, MF_DEVELOPMENT_AREAS));
    for (size_t i = 0; i < nd; i++) {
        const char *num = arena_printf(r->arena, "%d", dev[i].number);
        const char *box = i == 0 ? "development_areas" : arena_printf(r->arena, "development_areas-%s", num);
        html_printf(b, "<div class=\"ds-field\"><input class=\"ds-input\" type=\"checkbox\" id=\"%s\" "
                       "name=\"development_areas\" value=\"%s\"%s><label class=\"ds-label\" data-weight=\"regular\" "
                       "for=\"%s\" lang=\"nb\">%s. %s</label></div>",
                    box, num, fv_in_list(val(t, MF_DEVELOPMENT_AREAS), num) ? " checked" : "", box, num, dev[i].text);
    }
    if (!nd) {
        html_printf(b, "<p class=\"ds-paragraph\">%s</p>", T(r, "Strategiperioden har ingen utviklingsområder."));
    }
    if (fv_error_of(fe, "development_areas")) {
        html_printf(b, "<p class=\"ds-validation-message\" data-field=\"validation\">%s</p>",
                    fv_error_of(fe, "development_areas"));
    }
    html_printf(b, "</fieldset>");
    text_field(r, t, fe, MF_DIRECTIONS, "text", false);
    text_field(r, t, fe, MF_PARENT, "text", false);
    text_field(r, t, fe, MF_WEIGHT, "number", false);
    fv_code_select(r, "rollup", label(r, MF_ROLLUP), NULL, rollup_codes, rollup_label, val(t, MF_ROLLUP), NULL,
                   fv_error_of(fe, "rollup"));
    text_field(r, t, fe, MF_PREDECESSOR, "text", false);
}

void measure_form_fields(Req *r, const MeasureText *t, const FieldError *errs, size_t nerr, int64_t strategy_id,
                         bool full, bool one_more)
{
    FormErrors fe = {0};
    for (size_t i = 0; i < nerr; i++) {
        fv_add(&fe, errs[i].field >= 0 ? g_measure_fields[errs[i].field].name : NULL, TMSG(r, errs[i].msg));
    }
    fv_error_summary(r, &fe, NULL);
    if (full) {
        full_fields(r, t, &fe, strategy_id, one_more);
    } else {
        status_group(r, t, &fe);
        milestone_rows(r, val(t, MF_MILESTONES), one_more, fv_error_of(&fe, "milestones"));
    }
}

void measure_form_text(Req *r, MeasureText *t, bool full)
{
    memset(t, 0, sizeof *t);
    for (int k = 0; k < MF_COUNT; k++) {
        t->v[k] = params_get(&r->form, g_measure_fields[k].name);
    }
    if (t->v[MF_PROGRESS] && !*t->v[MF_PROGRESS]) {
        t->v[MF_PROGRESS] = NULL;   /* empty: the status's default */
    }
    if (params_get(&r->form, "ms-count")) {
        MsRow *rows;
        size_t n = rows_of_form(r, &rows);
        t->v[MF_MILESTONES] = text_of_rows(r->arena, rows, n);
    }
    if (full && params_get(&r->form, "form-boxes")) {
        /* Checkboxes: none checked sends nothing, which means none. */
        t->v[MF_PARTICIPANTS] = fv_form_list(r, "participants");
        t->v[MF_DEVELOPMENT_AREAS] = fv_form_list(r, "development_areas");
    } else if (!full) {
        t->v[MF_PARTICIPANTS] = t->v[MF_DEVELOPMENT_AREAS] = NULL;
    }
}

bool measure_form_more(Req *r)
{
    return params_get(&r->form, "add-milestone") != NULL;
}
