/* sheet.c: see sheet.h.  libxlsxwriter can only write to a file, so the
 * workbook goes through a private temporary file. */
#include "app/core/sheet.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "app/core/i18n.h"
#include "base/util.h"

static void csv_cell(Buf *b, const char *s)
{
    bool guard = s[0] && strchr(SHEET_FORMULA_START, s[0]);
    bool quote = strpbrk(s, ";,\"\r\n") != NULL;
    if (quote) {
        buf_putc(b, '"');
    }
    if (guard) {
        buf_putc(b, '\'');
    }
    for (const char *p = s; *p; p++) {
        if (*p == '"') {
            buf_putc(b, '"');
        }
        buf_putc(b, *p);
    }
    if (quote) {
        buf_putc(b, '"');
    }
}

void sheet_csv(Buf *out, const Sheet *sh)
{
    buf_puts(out, "\xEF\xBB\xBF");
    for (size_t k = 0; k < sh->ncols; k++) {
        if (k) {
            buf_putc(out, ';');
        }
        csv_cell(out, sh->cols[k].name);
    }
    buf_puts(out, "\r\n");
    for (size_t i = 0; i < sh->nrows; i++) {
        for (size_t k = 0; k < sh->ncols; k++) {
            const char *s = sh->cells[i * sh->ncols + k];
            if (k) {
                buf_putc(out, ';');
            }
            csv_cell(out, s ? s : "");
        }
        buf_puts(out, "\r\n");
    }
}

static bool is_hex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* Is s at an Excel escape "_xHHHH_"? */
static bool at_escape(const char *s)
{
    return s[0] == '_' && s[1] == 'x' && is_hex(s[2]) && is_hex(s[3]) && is_hex(s[4]) && is_hex(s[5]) && s[6] == '_';
}

/* s with the underscore of every literal "_xHHHH_" written as _x005F_. */
static const char *escape_literal(Arena *a, const char *s)
{
    if (!strstr(s, "_x")) {
        return s;
    }
    Buf b = {0};
    for (const char *p = s; *p; p++) {
        if (at_escape(p)) {
            buf_puts(&b, "_x005F_");
        } else {
            buf_putc(&b, *p);
        }
    }
    const char *out = arena_strdup(a, buf_str(&b));
    buf_free(&b);
    return out;
}

/* A whole number written the way it reads back ("7", not "07"). */
static bool plain_number(Arena *a, const char *s, long long *n)
{
    return parse_int(s, 0, 1000000, n) && strcmp(arena_printf(a, "%lld", *n), s) == 0;
}

static int write_cells(Arena *a, lxw_workbook *wb, lxw_worksheet *ws, const Sheet *sh)
{
    lxw_format *head = workbook_add_format(wb);
    format_set_bold(head);
    lxw_format *wrap = workbook_add_format(wb);
    format_set_text_wrap(wrap);
    format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
    lxw_format *top = workbook_add_format(wb);
    format_set_align(top, LXW_ALIGN_VERTICAL_TOP);
    lxw_format *day = workbook_add_format(wb);
    format_set_num_format(day, "dd.mm.yyyy");
    format_set_align(day, LXW_ALIGN_VERTICAL_TOP);
    lxw_error err = LXW_NO_ERROR;
    for (size_t k = 0; k < sh->ncols && !err; k++) {
        err = worksheet_write_string(ws, 0, (lxw_col_t)k, sh->cols[k].name, head);
        worksheet_set_column(ws, (lxw_col_t)k, (lxw_col_t)k, sh->cols[k].wide ? 50 : 14, sh->cols[k].wide ? wrap : top);
    }
    for (size_t i = 0; i < sh->nrows && !err; i++) {
        for (size_t k = 0; k < sh->ncols && !err; k++) {
            const char *s = sh->cells[i * sh->ncols + k];
            long long num;
            lxw_row_t row = (lxw_row_t)(i + 1);
            if (!s || !*s) {
                continue;
            }
            if (sh->cols[k].number && plain_number(a, s, &num)) {
                err = worksheet_write_number(ws, row, (lxw_col_t)k, (double)num, NULL);
            } else if (sh->cols[k].date && date_valid(s)) {
                lxw_datetime dt = {.year = atoi(s), .month = atoi(s + 5), .day = atoi(s + 8)};
                err = worksheet_write_datetime(ws, row, (lxw_col_t)k, &dt, day);
            } else {
                err = worksheet_write_string(ws, row, (lxw_col_t)k, escape_literal(a, s), NULL);
            }
        }
    }
    worksheet_freeze_panes(ws, 1, 0);
    if (sh->ncols) {
        worksheet_autofilter(ws, 0, 0, (lxw_row_t)sh->nrows, (lxw_col_t)(sh->ncols - 1));
    }
    return err;
}

int sheet_xlsx(Arena *a, const Sheet *sh, Buf *out, Err *e)
{
    const char *dir = getenv("TMPDIR");
    char *path = arena_printf(a, "%s/samla-export-XXXXXX.xlsx", dir && *dir ? dir : "/tmp");
    int fd = mkstemps(path, 5);
    if (fd < 0) {
        return err_set(e, E_IO, N_("Kunne ikke lage en midlertidig fil for regnearket."));
    }
    close(fd);
    lxw_workbook_options opt = {.tmpdir = (char *)(dir && *dir ? dir : "/tmp")};
    lxw_workbook *wb = workbook_new_opt(path, &opt);
    if (!wb) {
        unlink(path);
        return err_set(e, E_IO, N_("Kunne ikke lage regnearket."));
    }
    lxw_worksheet *ws = workbook_add_worksheet(wb, sh->title);
    int werr = ws ? write_cells(a, wb, ws, sh) : LXW_ERROR_MEMORY_MALLOC_FAILED;
    lxw_error cerr = workbook_close(wb);
    int rc = 0;
    if (werr || cerr) {
        rc = err_set(e, E_IO, N_("Kunne ikke skrive regnearket: %s."), lxw_strerror(werr ? (lxw_error)werr : cerr));
    }
    FILE *fp = rc ? NULL : fopen(path, "rb");
    if (!rc && !fp) {
        rc = err_set(e, E_IO, N_("Kunne ikke lese det midlertidige regnearket."));
    }
    if (fp) {
        char chunk[65536];
        size_t got;
        while ((got = fread(chunk, 1, sizeof chunk, fp)) > 0) {
            buf_append(out, chunk, got);
        }
        if (ferror(fp)) {
            rc = err_set(e, E_IO, N_("Kunne ikke lese det midlertidige regnearket."));
        }
        fclose(fp);
    }
    unlink(path);
    return rc;
}
