/* measure_xlsx.c: the XLSX side of measure_io.h — writing a workbook with
 * libxlsxwriter and reading the first worksheet back with libzip + expat.
 *
 * Text in cells follows Excel's escaping: a character XML cannot hold (CR,
 * other controls) is written _xHHHH_, and a literal "_xHHHH_" in the text
 * has its underscore written _x005F_, so reading decodes every _xHHHH_
 * once and gets the original text back (core/sheet.c writes it).
 *
 * Reading is defensive: the ZIP comes from a user, so every entry is read
 * through a size limit (a zip bomb stops at IO_XLSX_MAX_XML bytes), XML
 * with a DOCTYPE is refused (no entities at all), and rows, columns and
 * shared-string indexes are bounded.
 */
#include "app/measure/measure_io.h"

#include <expat.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>

#include "app/core/sheet.h"
#include "base/util.h"

enum {
    IO_XLSX_MAX_XML = 64 * 1024 * 1024,   /* bytes of one XML part after decompression */
    IO_XLSX_MAX_STRINGS = 1000000,        /* shared strings */
};

static bool is_hex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* Is s at an Excel escape "_xHHHH_"? */
static bool at_escape(const char *s)
{
    return s[0] == '_' && s[1] == 'x' && is_hex(s[2]) && is_hex(s[3]) && is_hex(s[4]) && is_hex(s[5]) && s[6] == '_';
}

/* ---- writing ----------------------------------------------------------------- */

int measure_xlsx_write(Arena *a, const MeasureText *rows, size_t n, const char *const *head, Buf *out, Err *e)
{
    SheetColumn cols[MF_COUNT];
    for (int k = 0; k < MF_COUNT; k++) {
        cols[k] = (SheetColumn){head ? head[k] : g_measure_fields[k].name,
                                k == MF_TITLE || k == MF_DESCRIPTION || k == MF_MILESTONES || k == MF_THEME,
                                k == MF_GOAL_AREA || k == MF_PROGRESS || k == MF_WEIGHT,
                                k == MF_START_DATE || k == MF_END_DATE};
    }
    const char **cells = arena_alloc(a, (n ? n : 1) * MF_COUNT * sizeof *cells);
    for (size_t i = 0; i < n; i++) {
        memcpy(cells + i * MF_COUNT, rows[i].v, MF_COUNT * sizeof *cells);
    }
    Sheet sh = {.title = "Tiltak", .cols = cols, .ncols = MF_COUNT, .cells = cells, .nrows = n};
    return sheet_xlsx(a, &sh, out, e);
}

/* ---- reading: XML parts through expat ----------------------------------------- */

/* Local name of an expat name "uri|local" (namespace processing on). */
static const char *local(const char *name)
{
    const char *bar = strrchr(name, '|');
    return bar ? bar + 1 : name;
}

static const char *attr(const char **atts, const char *name)
{
    for (int i = 0; atts[i]; i += 2) {
        if (strcmp(local(atts[i]), name) == 0) {
            return atts[i + 1];
        }
    }
    return NULL;
}

/* Decode Excel's _xHHHH_ escapes (each once); into the arena. */
static const char *unescape(Arena *a, const char *s, size_t n)
{
    if (!memmem(s, n, "_x", 2)) {
        return arena_strndup(a, s, n);
    }
    Buf b = {0};
    for (size_t i = 0; i < n; i++) {
        if (i + 7 <= n && at_escape(s + i)) {
            unsigned c = (unsigned)strtoul(arena_strndup(a, s + i + 2, 4), NULL, 16);
            if (c != 0 && (c < 0xD800 || c > 0xDFFF)) {
                char u[4];
                size_t k = c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
                u[0] = (char)(k == 1 ? c : k == 2 ? 0xC0 | (c >> 6) : 0xE0 | (c >> 12));
                if (k == 2) {
                    u[1] = (char)(0x80 | (c & 0x3F));
                } else if (k == 3) {
                    u[1] = (char)(0x80 | ((c >> 6) & 0x3F));
                    u[2] = (char)(0x80 | (c & 0x3F));
                }
                buf_append(&b, u, k);
                i += 6;
                continue;
            }
        }
        buf_putc(&b, s[i]);
    }
    const char *out = arena_strndup(a, b.data ? b.data : "", b.len);
    buf_free(&b);
    return out;
}

typedef struct Xml {
    Arena *a;
    XML_Parser p;
    const char *error;        /* set to stop: a bokmål message */
    /* relationships and workbook */
    const char *want_rid;     /* the first sheet's r:id */
    const char *sheet_target, *sst_target;
    struct Rel {
        const char *id, *target;   /* target as a path in the ZIP */
    } *rels;
    size_t nrel, caprel;
    /* shared strings */
    const char **sst;
    size_t nsst, capsst;
    int in_si, in_rph, in_t;
    Buf text;
    /* sheet */
    IoSheet *sheet;
    IoRow *row;               /* current row, NULL outside one */
    size_t rowcap;
    long last_row;
    long col;                 /* current cell's column, -1 between cells */
    const char *ctype;        /* the cell's t attribute */
    int in_v, in_is;
    Buf v;                    /* the cell's <v> */
} Xml;

static void stop(Xml *x, const char *msg)
{
    if (!x->error) {
        x->error = msg;
    }
    XML_StopParser(x->p, XML_FALSE);
}

static void XMLCALL on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid, const XML_Char *pubid,
                               int internal)
{
    (void)name, (void)sysid, (void)pubid, (void)internal;
    stop(ud, N_("Regnearket inneholder en DOCTYPE-deklarasjon, som ikke er tillatt."));
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int len)
{
    Xml *x = ud;
    if (x->in_t) {
        buf_append(&x->text, s, (size_t)len);
    } else if (x->in_v) {
        buf_append(&x->v, s, (size_t)len);
    }
}

/* Workbook and relationships: the first sheet's r:id, every Relationship. */
static void XMLCALL rel_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    Xml *x = ud;
    const char *n = local(name);
    if (strcmp(n, "sheet") == 0 && !x->want_rid) {
        const char *rid = attr(atts, "id");
        x->want_rid = rid ? arena_strdup(x->a, rid) : "";
    } else if (strcmp(n, "Relationship") == 0) {
        const char *id = attr(atts, "Id"), *type = attr(atts, "Type"), *target = attr(atts, "Target");
        if (!id || !type || !target || x->nrel >= 1000) {
            return;
        }
        size_t tl = strlen(type);
        char *t = target[0] == '/' ? arena_strdup(x->a, target + 1) : arena_printf(x->a, "xl/%s", target);
        if (tl >= 14 && strcmp(type + tl - 14, "/sharedStrings") == 0) {
            x->sst_target = t;
        }
        struct Rel *r = arena_push(x->a, &x->rels, &x->nrel, &x->caprel, sizeof *r);
        r->id = arena_strdup(x->a, id);
        r->target = t;
    }
}

static void XMLCALL no_end(void *ud, const XML_Char *name)
{
    (void)ud, (void)name;
}

static void XMLCALL sst_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    Xml *x = ud;
    (void)atts;
    const char *n = local(name);
    if (strcmp(n, "si") == 0) {
        x->in_si = 1;
        buf_reset(&x->text);
    } else if (strcmp(n, "rPh") == 0) {
        x->in_rph++;
    } else if (strcmp(n, "t") == 0 && x->in_si && !x->in_rph) {
        x->in_t = 1;
    }
}

static void XMLCALL sst_end(void *ud, const XML_Char *name)
{
    Xml *x = ud;
    const char *n = local(name);
    if (strcmp(n, "t") == 0) {
        x->in_t = 0;
    } else if (strcmp(n, "rPh") == 0 && x->in_rph) {
        x->in_rph--;
    } else if (strcmp(n, "si") == 0 && x->in_si) {
        x->in_si = 0;
        if (x->nsst >= IO_XLSX_MAX_STRINGS) {
            stop(x, N_("Regnearket har for mange tekster."));
            return;
        }
        *(const char **)arena_push(x->a, &x->sst, &x->nsst, &x->capsst, sizeof(char *)) =
            unescape(x->a, x->text.data ? x->text.data : "", x->text.len);
    }
}

/* "BC12" → column 54 (0-based); -1 when malformed. */
static long column_of(const char *ref)
{
    long col = 0;
    int letters = 0;
    for (; *ref >= 'A' && *ref <= 'Z'; ref++) {
        if (++letters > 3) {
            return -1;
        }
        col = col * 26 + (*ref - 'A' + 1);
    }
    return letters ? col - 1 : -1;
}

static void XMLCALL sheet_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    Xml *x = ud;
    const char *n = local(name);
    if (strcmp(n, "row") == 0) {
        const char *r = attr(atts, "r");
        long long num = x->last_row + 1;
        if (r && !parse_int(r, 1, 1048576, &num)) {
            stop(x, N_("Regnearket har et ugyldig radnummer."));
            return;
        }
        if (num <= x->last_row) {
            stop(x, N_("Radene i regnearket står ikke i rekkefølge."));
            return;
        }
        if (x->sheet->n > IO_MAX_ROWS) {
            stop(x, N_("Regnearket har for mange rader."));
            return;
        }
        x->last_row = (long)num;
        x->row = arena_push(x->a, &x->sheet->rows, &x->sheet->n, &x->sheet->cap, sizeof *x->row);
        x->row->line = (int)num;
        x->rowcap = 0;
        x->col = -1;
    } else if (strcmp(n, "c") == 0 && x->row) {
        const char *ref = attr(atts, "r");
        long col = ref ? column_of(ref) : (long)x->row->n;
        if (col < 0 || col >= IO_MAX_COLUMNS) {
            stop(x, N_("Regnearket har en celle utenfor de tillatte kolonnene."));
            return;
        }
        x->col = col;
        const char *t = attr(atts, "t");
        x->ctype = arena_strdup(x->a, t ? t : "n");
        buf_reset(&x->v);
        buf_reset(&x->text);
    } else if (strcmp(n, "v") == 0 && x->col >= 0) {
        x->in_v = 1;
    } else if (strcmp(n, "is") == 0 && x->col >= 0) {
        x->in_is = 1;
    } else if (strcmp(n, "rPh") == 0) {
        x->in_rph++;
    } else if (strcmp(n, "t") == 0 && x->in_is && !x->in_rph) {
        x->in_t = 1;
    }
}

/* The text of the finished cell by its type. */
static const char *cell_value(Xml *x)
{
    const char *v = x->v.data ? x->v.data : "";
    if (strcmp(x->ctype, "s") == 0) {
        long long i;
        if (!parse_int(v, 0, (long long)x->nsst - 1, &i)) {
            stop(x, N_("Regnearket viser til en tekst som ikke finnes."));
            return NULL;
        }
        return x->sst[i];
    }
    if (strcmp(x->ctype, "inlineStr") == 0) {
        return unescape(x->a, x->text.data ? x->text.data : "", x->text.len);
    }
    if (strcmp(x->ctype, "str") == 0) {
        return unescape(x->a, v, x->v.len);
    }
    return arena_strndup(x->a, v, x->v.len);   /* n, b, d, e: the value as written */
}

static void XMLCALL sheet_end(void *ud, const XML_Char *name)
{
    Xml *x = ud;
    const char *n = local(name);
    if (strcmp(n, "v") == 0) {
        x->in_v = 0;
    } else if (strcmp(n, "t") == 0) {
        x->in_t = 0;
    } else if (strcmp(n, "rPh") == 0 && x->in_rph) {
        x->in_rph--;
    } else if (strcmp(n, "is") == 0) {
        x->in_is = 0;
    } else if (strcmp(n, "c") == 0 && x->col >= 0) {
        const char *val = cell_value(x);
        if (!val) {
            return;
        }
        IoRow *r = x->row;
        while (r->n <= (size_t)x->col) {
            *(const char **)arena_push(x->a, &r->cells, &r->n, &x->rowcap, sizeof(char *)) = NULL;
        }
        r->cells[x->col] = val;
        x->col = -1;
    } else if (strcmp(n, "row") == 0) {
        x->row = NULL;
    }
}

/* Parse one ZIP entry with the given handlers.  A missing entry is 1 (not
 * an error here); 0 when parsed; E_INVALID with x->error set otherwise. */
static int parse_entry(zip_t *za, const char *name, Xml *x, XML_StartElementHandler start, XML_EndElementHandler end)
{
    zip_int64_t idx = zip_name_locate(za, name, 0);
    if (idx < 0) {
        return 1;
    }
    zip_file_t *zf = zip_fopen_index(za, (zip_uint64_t)idx, 0);
    if (!zf) {
        x->error = "En del av regnearket kan ikke pakkes ut.";
        return E_INVALID;
    }
    XML_Parser p = XML_ParserCreateNS(NULL, '|');
    x->p = p;
    XML_SetUserData(p, x);
    XML_SetElementHandler(p, start, end);
    XML_SetCharacterDataHandler(p, on_text);
    XML_SetStartDoctypeDeclHandler(p, on_doctype);
    char chunk[65536];
    size_t total = 0;
    int rc = 0;
    for (;;) {
        zip_int64_t got = zip_fread(zf, chunk, sizeof chunk);
        if (got < 0) {
            x->error = x->error ? x->error : "En del av regnearket kan ikke pakkes ut.";
            rc = E_INVALID;
            break;
        }
        total += (size_t)got;
        if (total > IO_XLSX_MAX_XML) {
            x->error = "Regnearket er for stort når det pakkes ut.";
            rc = E_INVALID;
            break;
        }
        if (XML_Parse(p, chunk, (int)got, got == 0) != XML_STATUS_OK) {
            x->error = x->error ? x->error : "Regnearket inneholder ugyldig XML.";
            rc = E_INVALID;
            break;
        }
        if (got == 0) {
            break;
        }
    }
    XML_ParserFree(p);
    x->p = NULL;
    zip_fclose(zf);
    return rc;
}

int measure_xlsx_read(Arena *a, const char *data, size_t len, IoSheet *out, Err *e)
{
    *out = (IoSheet){0};
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
    zip_t *za = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
    zip_error_fini(&ze);
    if (!za) {
        zip_source_free(src);
        return err_set(e, E_INVALID, N_("Filen er ikke et XLSX-regneark (den kan ikke åpnes som ZIP)."));
    }
    Xml x = {.a = a, .sheet = out, .col = -1};
    int rc = 0;
    /* The first sheet through workbook.xml and its relationships; the
     * usual names when those are missing. */
    if (parse_entry(za, "xl/workbook.xml", &x, rel_start, no_end) < 0 ||
        parse_entry(za, "xl/_rels/workbook.xml.rels", &x, rel_start, no_end) < 0) {
        rc = E_INVALID;
    }
    for (size_t i = 0; !rc && x.want_rid && i < x.nrel; i++) {
        if (strcmp(x.rels[i].id, x.want_rid) == 0) {
            x.sheet_target = x.rels[i].target;
        }
    }
    if (!rc) {
        int s = parse_entry(za, x.sst_target ? x.sst_target : "xl/sharedStrings.xml", &x, sst_start, sst_end);
        rc = s < 0 ? s : 0;
    }
    if (!rc) {
        x.in_t = x.in_rph = 0;
        int s = parse_entry(za, x.sheet_target ? x.sheet_target : "xl/worksheets/sheet1.xml", &x, sheet_start,
                            sheet_end);
        if (s == 1) {
            x.error = "Regnearket har ingen arbeidsark.";
        }
        rc = s ? E_INVALID : 0;
    }
    buf_free(&x.text);
    buf_free(&x.v);
    zip_discard(za);
    if (rc) {
        *out = (IoSheet){0};
        return err_set(e, E_INVALID, "%s", x.error ? x.error : "Regnearket kan ikke leses.");
    }
    return 0;
}

int measure_xlsx_rows(Arena *a, const char *data, size_t len, SheetRow **rows, size_t *n, Err *e)
{
    IoSheet sh;
    int rc = measure_xlsx_read(a, data, len, &sh, e);
    *rows = NULL;
    *n = 0;
    if (rc) {
        return rc;
    }
    *rows = arena_alloc(a, (sh.n ? sh.n : 1) * sizeof **rows);
    for (size_t i = 0; i < sh.n; i++) {
        (*rows)[i] = (SheetRow){.line = sh.rows[i].line, .cells = sh.rows[i].cells, .n = sh.rows[i].n};
    }
    *n = sh.n;
    return 0;
}
