/* measure_csv.c: the CSV side of measure_io.h — writing for Norwegian
 * Excel (BOM, ';', CRLF, quotes only where needed, a formula guard) and
 * reading RFC 4180 CSV with whichever of ; , TAB the header row uses.
 *
 * The reader never relies on a NUL terminator: data is len bytes, and a
 * NUL byte anywhere makes it refuse the file (it would cut cells short).
 * Rows are numbered as a spreadsheet numbers them (a quoted cell with line
 * breaks stays one row), so problems point at what Excel shows.
 */
#include "app/measure/measure_io.h"

#include <stdlib.h>
#include <string.h>

#include "app/core/sheet.h"
#include "base/util.h"

void measure_csv_write(Buf *out, const MeasureText *rows, size_t n, const char *const *head)
{
    SheetColumn cols[MF_COUNT];
    for (int k = 0; k < MF_COUNT; k++) {
        cols[k] = (SheetColumn){.name = head ? head[k] : g_measure_fields[k].name};
    }
    const char **cells = xcalloc(n ? n * MF_COUNT : 1, sizeof *cells);
    for (size_t i = 0; i < n; i++) {
        memcpy(cells + i * MF_COUNT, rows[i].v, MF_COUNT * sizeof *cells);
    }
    sheet_csv(out, &(Sheet){.cols = cols, .ncols = MF_COUNT, .cells = cells, .nrows = n});
    free(cells);
}

/* The separator the header line uses: the most frequent of ; , TAB
 * outside quotes (';' on a tie or when there is none). */
static char csv_separator(const char *p, const char *end)
{
    size_t semi = 0, comma = 0, tab = 0;
    bool q = false;
    for (; p < end && (q || *p != '\n'); p++) {
        if (*p == '"') {
            q = !q;
        } else if (!q) {
            semi += *p == ';';
            comma += *p == ',';
            tab += *p == '\t';
        }
    }
    return comma > semi && comma >= tab ? ',' : tab > semi && tab > comma ? '\t' : ';';
}

bool measure_csv_read(Arena *a, const char *data, size_t len, IoSheet *sh, ImportReport *rep)
{
    const char *p = data, *end = data + len;
    if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
        p += 3;
    }
    if (memchr(p, 0, (size_t)(end - p))) {
        io_problem(a, rep, 0, NULL, N_("Filen inneholder NUL-tegn og er ikke en tekstfil (CSV)."));
        return false;
    }
    char sep = csv_separator(p, end);
    /* Excel's "sep=;" hint line names the separator; Excel does not show it as a row. */
    if (end - p >= 5 && memcmp(p, "sep=", 4) == 0 && (p[4] == ';' || p[4] == ',' || p[4] == '\t') &&
        (end - p == 5 || p[5] == '\n' || (p[5] == '\r' && end - p > 6 && p[6] == '\n'))) {
        sep = p[4];
        p += end - p == 5 ? 5 : p[5] == '\n' ? 6 : 7;
    }
    Buf cell = {0};
    bool ok = true;
    for (int line = 1; p < end && ok; line++) {
        IoRow row = {.line = line};
        size_t cap = 0;
        for (;;) {
            buf_reset(&cell);
            if (p < end && *p == '"') {
                p++;
                for (;;) {
                    const char *q = memchr(p, '"', (size_t)(end - p));
                    if (!q) {
                        io_problem(a, rep, line, NULL, N_("Et felt i anførselstegn blir ikke avsluttet (mangler \")."));
                        ok = false;
                        break;
                    }
                    buf_append(&cell, p, (size_t)(q - p));
                    p = q + 1;
                    if (p < end && *p == '"') {
                        buf_putc(&cell, '"');
                        p++;
                        continue;
                    }
                    break;
                }
                if (ok && p < end && *p != sep && *p != '\n' && !(*p == '\r' && p + 1 < end && p[1] == '\n')) {
                    io_problem(a, rep, line, NULL, N_("Tegn etter avsluttende anførselstegn i et felt."));
                    ok = false;
                }
            } else {
                const char *s = p;
                while (p < end && *p != sep && *p != '\n' && !(*p == '\r' && p + 1 < end && p[1] == '\n')) {
                    p++;
                }
                buf_append(&cell, s, (size_t)(p - s));
            }
            if (!ok) {
                break;
            }
            if (row.n == IO_MAX_COLUMNS) {
                io_problem(a, rep, line, NULL, arena_printf(a, N_("Raden har mer enn %d celler."), IO_MAX_COLUMNS));
                ok = false;
                break;
            }
            const char *c = arena_strndup(a, cell.data ? cell.data : "", cell.len);
            if (c[0] == '\'' && c[1] && strchr(SHEET_FORMULA_START, c[1])) {
                c++;   /* the formula guard of csv_cell */
            }
            *(const char **)arena_push(a, &row.cells, &row.n, &cap, sizeof *row.cells) = c;
            if (p < end && *p == sep) {
                p++;
                continue;
            }
            p += p < end && *p == '\r' ? 2 : p < end ? 1 : 0;   /* CRLF or LF or the end */
            break;
        }
        if (!ok) {
            break;
        }
        if (row.n == 1 && !*row.cells[0]) {
            continue;   /* an empty line */
        }
        if (sh->n > IO_MAX_ROWS) {
            io_problem(a, rep, line, NULL, arena_printf(a, N_("Filen har flere enn %d tiltak."), IO_MAX_ROWS));
            ok = false;
            break;
        }
        *(IoRow *)arena_push(a, &sh->rows, &sh->n, &sh->cap, sizeof *sh->rows) = row;
    }
    buf_free(&cell);
    return ok;
}
