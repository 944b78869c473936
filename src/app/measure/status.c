/* status.c: the editable list of measure statuses (model).  Codes are
 * stable (measures and reports refer to them); labels, default progress,
 * colour, order and whether a status is offered can change.  Admins only. */
#include <stdio.h>
#include <string.h>

#include "app/core/audit.h"
#include "app/core/content.h"
#include "app/measure/measure.h"
#include "base/util.h"

int measure_status_save(Db *db, const Viewer *v, const char *client, const char *code, const char *label,
                        const char *label_nn, const char *label_en, const char *default_progress, const char *color,
                        bool active, Err *e)
{
    if (!can(v, CAP_USER_ADMIN) || v->read_only) {
        return err_set(e, E_FORBIDDEN, N_("Bare administratorer kan endre statuslisten."));
    }
    size_t n = code ? strlen(code) : 0;
    if (n < 2 || n > 30) {
        return err_set(e, E_INVALID, N_("Koden må ha 2–30 tegn."));
    }
    for (const char *p = code; *p; p++) {
        if (!((*p >= 'a' && *p <= 'z') || *p == '_')) {
            return err_set(e, E_INVALID, N_("Koden kan bare ha små bokstaver a–z og understrek."));
        }
    }
    if (!label || !*label) {
        return err_set(e, E_INVALID, N_("Navn må fylles ut."));
    }
    label_nn = label_nn && *label_nn ? label_nn : NULL;
    label_en = label_en && *label_en ? label_en : NULL;
    if (content_check_text(label, 60, false, N_("Navnet"), e) ||
        (label_nn && content_check_text(label_nn, 60, false, N_("Navnet på nynorsk"), e)) ||
        (label_en && content_check_text(label_en, 60, false, N_("Navnet på engelsk"), e))) {
        return E_INVALID;
    }
    long long pct;
    if (!default_progress || !parse_int(default_progress, 0, 100, &pct)) {
        return err_set(e, E_INVALID, N_("Standard fremdrift må være et helt tall fra 0 til 100."));
    }
    static const char *colors[] = {"neutral", "info", "success", "warning", "danger", "accent", "brand1", "brand2"};
    bool ok = false;
    for (size_t i = 0; i < COUNT(colors); i++) {
        ok |= str_eq(color, colors[i]);
    }
    if (!ok) {
        return err_set(e, E_INVALID, N_("Ukjent farge."));
    }
    if (db_begin(db, e)) {
        return E_DB;
    }
    Stmt *s = db_prepare(db, "INSERT INTO measure_status (code, label, default_progress, color, position, active, "
                             "label_nn, label_en) "
                             "VALUES (?1, ?2, ?3, ?4, (SELECT ifnull(max(position), 0) + 1 FROM measure_status), ?5, ?6, ?7) "
                             "ON CONFLICT (code) DO UPDATE SET label = ?2, default_progress = ?3, color = ?4, active = ?5, "
                             "label_nn = ?6, label_en = ?7");
    db_bind_text(s, 1, code);
    db_bind_text(s, 2, label);
    db_bind_int(s, 3, pct);
    db_bind_text(s, 4, color);
    db_bind_int(s, 5, active);
    if (label_nn) {
        db_bind_text(s, 6, label_nn);
    }
    if (label_en) {
        db_bind_text(s, 7, label_en);
    }
    int rc = db_step(s) == DB_DONE ? 0 : err_set(e, E_DB, N_("Lagring feilet."));
    db_done(s);
    if (!rc) {
        char sum[160];
        snprintf(sum, sizeof sum, "%s = %.60s, %lld %%, %s, %s", code, label, pct, color, active ? "active" : "inactive");
        rc = audit_append(db, v, client, "status.save", "status", code, sum, e);
    }
    if (rc) {
        db_rollback(db);
        return rc;
    }
    return db_commit(db, e);
}
