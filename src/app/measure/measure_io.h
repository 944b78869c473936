/* measure_io.h: import and export of measures as CSV, XLSX and JSON.
 *
 * All three formats carry the text form of measure_edit.h: one column (or
 * JSON key) per field of g_measure_fields, named and ordered as there, one
 * header row, one row per measure.  Export then import of the same file
 * changes nothing (lossless): cells hold the exact text of
 * measure_text_get, line breaks inside cells included.
 *
 *   CSV   UTF-8 with a byte-order mark, ';' between cells, CRLF after rows,
 *         cells quoted ("…", "" inside) when they hold ; , " CR or LF — what
 *         Norwegian Excel opens directly.  A cell that starts with = + - @
 *         TAB CR or ' gets a leading ' so a spreadsheet never runs it as a
 *         formula; import removes one leading ' before those characters.
 *         Import takes ';', ',' or TAB, whichever the header row uses, with
 *         or without the byte-order mark.
 *   XLSX  one worksheet «Tiltak»; text as strings, goal_area / progress /
 *         weight as numbers.  Import reads the first worksheet, shared and
 *         inline strings, numbers (date serials in the date columns become
 *         ISO dates) and Excel's _xHHHH_ escapes.
 *   JSON  {"measures": [{"strategy": "2021-2025", "number": "1.1", …}]};
 *         every value a string; import also takes integers for goal_area,
 *         progress and weight, and null for "".
 *
 * Line numbers in reports: CSV and XLSX the row as a spreadsheet numbers
 * it (the header is row 1; line breaks inside a cell do not start a new
 * row), JSON the index in "measures" plus one.  Line 0 is the file as a
 * whole (it cannot be read).
 *
 * Visibility: an export holds what the viewer may see (measure_list and
 * measure_text_get with the viewer).  An exempt measure the viewer sees
 * only publicly comes under its public title without description,
 * responsible, links, milestones or exemption basis, like its page.
 *
 * Memory: everything in the caller's arena, except the export bytes, which
 * go to the caller's Buf.  Files: measure_io.c (formats, the import run,
 * the export, JSON), measure_csv.c, measure_xlsx.c.
 */
#ifndef SAMLA_MEASURE_IO_H
#define SAMLA_MEASURE_IO_H

#include <stdbool.h>
#include <stddef.h>

#include "app/measure/measure_edit.h"
#include "base/buf.h"

typedef enum IoFormat { IO_CSV, IO_XLSX, IO_JSON } IoFormat;

enum {
    IO_MAX_ROWS = 10000,       /* measures in one import */
    IO_MAX_COLUMNS = 200,      /* cells in one row */
    IO_MAX_PROBLEMS = 1000,    /* problems reported; more are counted in one last line */
    IO_PREVIEW_ROWS = 200,     /* changed rows whose field changes are kept for the preview */
};

#define IO_XLSX_MIME "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

typedef struct IoProblem {
    int line;                  /* see above; 0: the file as a whole */
    const char *column;        /* field name (or "kolonne N"); NULL: the whole row */
    const char *msg;           /* bokmål sentence */
} IoProblem;

typedef enum IoAction { IO_CREATE, IO_CHANGE, IO_UNCHANGED, IO_INVALID } IoAction;

typedef struct IoRowResult {
    int line;
    const char *strategy, *number, *title;  /* as given ("" when missing) */
    IoAction action;
    const FieldChange *changes;   /* IO_CHANGE: field by field (bokmål label msgids, values as shown);
                                   * for the first IO_PREVIEW_ROWS changed rows only, else NULL */
    size_t nchanges;
} IoRowResult;

typedef struct ImportReport {
    IoProblem *problems;       /* sorted by line */
    size_t nproblems, cap_problems;
    IoRowResult *rows;         /* one per data row, in file order */
    size_t nrows, cap_rows;
    size_t more;               /* problems beyond IO_MAX_PROBLEMS, not stored */
    size_t create, change, unchanged;
    bool applied;              /* the changes were committed */
} ImportReport;

/* measure_io_format: "csv", "xlsx" or "json" (any case) into *out. */
bool measure_io_format(const char *name, IoFormat *out);

/* measure_io_sniff: the format of a file: by its name's extension when it
 * has a known one, else by its first bytes (PK\3\4: xlsx; '{' after
 * optional white space: json; anything else csv). */
IoFormat measure_io_sniff(const char *filename, const char *data, size_t len);

/* measure_io_mime_format: the format for a request Content-Type (text/csv,
 * application/json, the xlsx type; parameters ignored); false for others. */
bool measure_io_mime_format(const char *content_type, IoFormat *out);

/* measure_io_mime / measure_io_ext: Content-Type and extension ("csv"). */
const char *measure_io_mime(IoFormat f);
const char *measure_io_ext(IoFormat f);

/* measure_io_filename: the download name, "tiltak-2021-2025.csv" (or
 * "tiltak.csv" without a strategy), in the arena. */
const char *measure_io_filename(Arena *a, IoFormat f, const char *strategy_slug);

/* measure_export: the measures v may see (of strategy_slug, or all when
 * NULL) in format f, appended to out; *count gets the number of measures.
 * Writes an audit row "measure.export" (format, count, strategy).
 * E_NOTFOUND for an unknown strategy, E_IO when the XLSX cannot be
 * written, E_DB. */
int measure_export(Db *db, Arena *a, const Viewer *v, const char *client, IoFormat f, const char *strategy_slug,
                   Buf *out, size_t *count, Err *e);

/* measure_export_lang: measure_export for people: with lang a language
 * (LANG_NB, LANG_NN, LANG_EN) a CSV or XLSX export has the field labels
 * as headers («Status», «Prioritet») and the labels of statuses,
 * priorities, markings and roll-ups as values («Pågår», «Høy») in that
 * language; import takes them back (headers and values in all three
 * languages, and the codes).  lang -1, and JSON always: the codes, as
 * measure_export. */
int measure_export_lang(Db *db, Arena *a, const Viewer *v, const char *client, IoFormat f, const char *strategy_slug,
                        int lang, Buf *out, size_t *count, Err *e);

/* measure_import: read len bytes of data in format f and check every row:
 * the file and header (unknown or repeated columns, missing strategy or
 * number), each cell (UTF-8), duplicate (strategy, number) pairs, and
 * each measure through measure_save as v — a row whose strategy and
 * number match a measure is a change of it, else a new measure.  Rows are
 * saved parents and predecessors first, so a file may create a measure
 * and its sub-measures together.  Everything runs in one transaction: it
 * is committed only when apply is set and there is no problem; otherwise
 * rolled back, so nothing is written.  Each saved version gets the comment
 * «Importert fra <filename>»; an applied import writes an audit row
 * "measure.import".  *rep gets every problem and the counts.
 * Returns 0 (valid; applied when asked), E_INVALID (problems in *rep),
 * E_FORBIDDEN (v may not manage measures), E_DB. */
int measure_import(Db *db, Arena *a, const Viewer *v, const char *client, IoFormat f, const char *filename,
                   const char *data, size_t len, bool apply, ImportReport *rep, Err *e);

/* ---- shared by measure_io.c and measure_xlsx.c only ----------------------- */

typedef struct IoRow {
    int line;                  /* row number */
    const char **cells;        /* NULL for a missing cell */
    size_t n;
} IoRow;

typedef struct IoSheet {
    IoRow *rows;               /* rows[0] is the header row */
    size_t n, cap;
} IoSheet;

/* io_problem: add a problem to rep (column may be NULL); counts beyond
 * IO_MAX_PROBLEMS instead of storing them. */
void io_problem(Arena *a, ImportReport *rep, int line, const char *column, const char *msg);

/* measure_csv_write: the header and rows as CSV (see above) appended to out;
 * head (NULL: the field names) the header cells. */
void measure_csv_write(Buf *out, const MeasureText *rows, size_t n, const char *const *head);

/* measure_csv_read: CSV into sh (rows[0] the header).  Syntax problems
 * (an unclosed quote, a NUL byte) and limits are reported to rep, and make
 * it return false. */
bool measure_csv_read(Arena *a, const char *data, size_t len, IoSheet *sh, ImportReport *rep);

/* measure_xlsx_write: an XLSX workbook of the header and rows into out.
 * E_IO (with message) when it cannot be written. */
int measure_xlsx_write(Arena *a, const MeasureText *rows, size_t n, const char *const *head, Buf *out, Err *e);

/* measure_xlsx_read: the first worksheet of an XLSX file as rows of text
 * cells.  E_INVALID with a bokmål message when the file is not a
 * readable workbook or exceeds the limits. */
int measure_xlsx_read(Arena *a, const char *data, size_t len, IoSheet *out, Err *e);

#endif
