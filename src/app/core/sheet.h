/* sheet.h: writing a table as CSV or XLSX — the one writer behind every
 * export (measures, groups, ladder histories, …).
 *
 * CSV is written for Norwegian Excel: a BOM, ';' between cells, CRLF, quotes
 * only where needed, and a guard (a leading ') on cells a spreadsheet would
 * read as a formula.  XLSX is written with libxlsxwriter: a bold, frozen
 * header row with a filter, wide wrapping columns where asked, whole
 * numbers as numbers where asked, and Excel's _xHHHH_ escaping kept
 * reversible (see measure_xlsx.c for reading it back).
 */
#ifndef SAMLA_SHEET_H
#define SAMLA_SHEET_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/err.h"

/* Cells that a spreadsheet would read as a formula start with one of
 * these; CSV cells that do get a leading ' (and ' is here so that the
 * guard itself round-trips: a reader drops one leading ' before these). */
#define SHEET_FORMULA_START "=+-@\t\r'"

typedef struct SheetColumn {
    const char *name;          /* header cell */
    bool wide;                 /* a long text column (wrapped, 50 wide) */
    bool number;               /* whole numbers are written as numbers (XLSX) */
    bool date;                 /* ISO dates (YYYY-MM-DD) are written as dates, shown dd.mm.yyyy (XLSX) */
} SheetColumn;

typedef struct Sheet {
    const char *title;         /* the worksheet's name (XLSX; at most 31 characters) */
    const SheetColumn *cols;
    size_t ncols;
    const char *const *cells;  /* nrows × ncols, row by row; NULL: empty */
    size_t nrows;
} Sheet;

/* sheet_csv: append sh as CSV to out. */
void sheet_csv(Buf *out, const Sheet *sh);

/* sheet_xlsx: append sh as an XLSX workbook to out.  E_IO (message id)
 * when the temporary file cannot be written or read. */
int sheet_xlsx(Arena *a, const Sheet *sh, Buf *out, Err *e);

#endif
