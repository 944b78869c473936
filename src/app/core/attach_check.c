/* attach_check.c: the rules a file must pass before it is attached, and
 * the configuration they read (see attach.h).  No database, no files.
 *
 * The type comes from libmagic reading the bytes (MAGIC_MIME_TYPE), never
 * from the name or the Content-Type the client sent, and must be one of
 * g_types; the name's extension must be one that type lists.  A libmagic
 * handle is not thread-safe, so each thread opens its own on first use
 * (a pthread key closes it when the thread ends).
 *
 * Configuration (the files directory and the size limit) is written once
 * at start and only read afterwards.
 */
#include "app/core/attach.h"

#include <magic.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/core/content.h"
#include "app/core/i18n.h"
#include "base/html.h"
#include "base/util.h"

static char *g_files_dir;                                   /* data_dir/files; NULL: not configured */
static size_t g_max_size = (size_t)ATTACH_DEFAULT_MB * ATTACH_MB;

void attach_set_dir(const char *data_dir)
{
    free(g_files_dir);
    g_files_dir = NULL;
    if (data_dir && *data_dir) {
        size_t n = strlen(data_dir) + sizeof "/files";
        g_files_dir = xmalloc(n);
        snprintf(g_files_dir, n, "%s/files", data_dir);
    }
}

const char *attach_files_dir(void)
{
    return g_files_dir;
}

void attach_set_max_size(size_t bytes)
{
    if (bytes < ATTACH_MB) {
        bytes = ATTACH_MB;
    } else if (bytes > (size_t)ATTACH_MAX_MB * ATTACH_MB) {
        bytes = (size_t)ATTACH_MAX_MB * ATTACH_MB;
    }
    g_max_size = bytes;
}

size_t attach_max_size(void)
{
    return g_max_size;
}

size_t attach_body_limit(void)
{
    return g_max_size + ATTACH_FORM_SLACK;
}

/* ---- the allowlist ------------------------------------------------------- */

/* Each allowed media type (as libmagic names it) with the extensions a
 * file of that type may have, space-separated, and its label on pages.
 * Old Office files are Compound Document Files; libmagic names the
 * application when the file says it, and otherwise only the container. */
static const struct {
    const char *mime, *exts, *label;
} g_types[] = {
    {"application/pdf", "pdf", N_("PDF")},
    {"application/msword", "doc", N_("Word")},
    {"application/vnd.ms-excel", "xls", N_("Excel")},
    {"application/vnd.ms-powerpoint", "ppt", N_("PowerPoint")},
    {"application/vnd.ms-office", "doc xls ppt", N_("Office-dokument")},
    {"application/CDFV2", "doc xls ppt", N_("Office-dokument")},
    {"application/x-ole-storage", "doc xls ppt", N_("Office-dokument")},
    {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx", N_("Word")},
    {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx", N_("Excel")},
    {"application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx", N_("PowerPoint")},
    {"application/vnd.oasis.opendocument.text", "odt", N_("OpenDocument-tekst")},
    {"application/vnd.oasis.opendocument.spreadsheet", "ods", N_("OpenDocument-regneark")},
    {"application/vnd.oasis.opendocument.presentation", "odp", N_("OpenDocument-presentasjon")},
    {"image/png", "png", N_("PNG-bilde")},
    {"image/jpeg", "jpg jpeg", N_("JPEG-bilde")},
    {"image/gif", "gif", N_("GIF-bilde")},
    {"image/webp", "webp", N_("WebP-bilde")},
    {"text/plain", "txt csv", N_("Tekst")},
    {"text/csv", "csv txt", N_("CSV")},
};

static int type_index(const char *mime)
{
    for (size_t i = 0; i < COUNT(g_types); i++) {
        if (str_eq(g_types[i].mime, mime)) {
            return (int)i;
        }
    }
    return -1;
}

const char *attach_types_text(void)
{
    return N_("PDF, Word, Excel, PowerPoint, OpenDocument (tekst, regneark, presentasjon), PNG, JPEG, GIF, WebP, "
              "ren tekst og CSV");
}

const char *attach_type_label(const char *mime)
{
    int i = type_index(mime);
    return i < 0 ? mime : g_types[i].label;
}

const char *attach_accept(void)
{
    return ".pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp,.png,.jpg,.jpeg,.gif,.webp,.txt,.csv";
}

/* ---- libmagic, one handle per thread ------------------------------------- */

static pthread_key_t g_magic_key;
static pthread_once_t g_magic_once = PTHREAD_ONCE_INIT;

static void magic_destructor(void *p)
{
    magic_close(p);
}

static void magic_key_init(void)
{
    pthread_key_create(&g_magic_key, magic_destructor);
}

/* This thread's handle, NULL when libmagic or its database is missing. */
static magic_t thread_magic(void)
{
    pthread_once(&g_magic_once, magic_key_init);
    magic_t m = pthread_getspecific(g_magic_key);
    if (!m) {
        m = magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR);
        if (m && magic_load(m, NULL) != 0) {
            magic_close(m);
            m = NULL;
        }
        if (m) {
            pthread_setspecific(g_magic_key, m);
        }
    }
    return m;
}

/* ---- the checks ---------------------------------------------------------- */

const char *attach_base_name(Arena *a, const char *filename)
{
    const char *base = filename ? filename : "";
    for (const char *p = base; *p; p++) {
        if (*p == '/' || *p == '\\') {
            base = p + 1;
        }
    }
    return arena_strdup(a, base);
}

/* The lower-case extension of name (after its last '.') in out, "" when it
 * has none or it is longer than out holds. */
static void extension(const char *name, char *out, size_t n)
{
    out[0] = 0;
    const char *dot = strrchr(name, '.');
    if (!dot || dot == name || strlen(dot + 1) >= n) {
        return;
    }
    size_t i = 0;
    for (const char *p = dot + 1; *p; p++) {
        out[i++] = (char)(*p >= 'A' && *p <= 'Z' ? *p + ('a' - 'A') : *p);
    }
    out[i] = 0;
}

/* ext is one of the space-separated words in list. */
static bool ext_in(const char *ext, const char *list)
{
    size_t n = strlen(ext);
    for (const char *p = list; n && *p;) {
        const char *sp = strchr(p, ' ');
        size_t len = sp ? (size_t)(sp - p) : strlen(p);
        if (len == n && memcmp(p, ext, n) == 0) {
            return true;
        }
        p += len + (sp ? 1 : 0);
    }
    return false;
}

static int refuse(AttachRefusal *why, AttachRefusal reason, Err *e, int code, const char *msg, const char *detail)
{
    *why = reason;
    return err_set(e, code, "%s%s", msg, detail ? detail : "");
}

static bool name_ok(const char *name)
{
    size_t n = strlen(name);
    Err ignore = {0};
    return n > 0 && n <= ATTACH_MAX_NAME && !strpbrk(name, "/\\") && !str_eq(name, ".") && !str_eq(name, "..") &&
           content_check_text(name, ATTACH_MAX_NAME, false, "name", &ignore) == 0;
}

int attach_check(const char *name, const void *data, size_t len, const char **type, AttachRefusal *why, Err *e)
{
    *type = NULL;
    *why = ATTACH_OK;
    if (!name || !*name) {
        return refuse(why, ATTACH_NO_FILE, e, E_INVALID, "no file was sent", NULL);
    }
    if (len == 0) {
        return refuse(why, ATTACH_EMPTY, e, E_INVALID, "the file is empty", NULL);
    }
    if (len > g_max_size) {
        char limit[32];
        snprintf(limit, sizeof limit, "%zu MB", g_max_size / ATTACH_MB);
        return refuse(why, ATTACH_TOO_BIG, e, E_TOOBIG, "the file is larger than the limit of ", limit);
    }
    if (!name_ok(name)) {
        return refuse(why, ATTACH_BAD_NAME, e, E_INVALID,
                      "the file name must be 1 to 255 bytes of UTF-8 without control characters, "
                      "slashes or a security grade", NULL);
    }
    magic_t m = thread_magic();
    const char *mime = m ? magic_buffer(m, data, len) : NULL;
    if (!mime) {
        return err_set(e, E_IO, "cannot tell the file's type: the file type database (libmagic) is missing");
    }
    int t = type_index(mime);
    if (t < 0) {
        char detail[128];
        snprintf(detail, sizeof detail, " (the content is %s)", mime);
        return refuse(why, ATTACH_TYPE, e, E_INVALID,
                      "this type of file is not allowed; allowed are PDF, Word, Excel, PowerPoint, OpenDocument, "
                      "PNG, JPEG, GIF, WebP, plain text and CSV", detail);
    }
    char ext[8];
    extension(name, ext, sizeof ext);
    if (!ext_in(ext, g_types[t].exts)) {
        char detail[160];
        snprintf(detail, sizeof detail, ": the content is %s, which needs a name ending in .%.*s", mime,
                 (int)strcspn(g_types[t].exts, " "), g_types[t].exts);
        return refuse(why, ATTACH_MISMATCH, e, E_INVALID, "the file name's extension does not match its content",
                      detail);
    }
    *type = g_types[t].mime;
    return 0;
}

/* ---- texts --------------------------------------------------------------- */

const char *attach_refusal_text(AttachRefusal why)
{
    switch (why) {
    case ATTACH_OK: return "";
    case ATTACH_NO_FILE: return N_("Velg en fil å laste opp.");
    case ATTACH_EMPTY: return N_("Filen er tom. Velg en fil med innhold.");
    case ATTACH_TOO_BIG: return N_("Filen er større enn det som er tillatt for vedlegg.");
    case ATTACH_BAD_NAME:
        return N_("Filnavnet kan ikke brukes. Gi filen et kortere navn uten skråstreker eller "
                  "sikkerhetsgradering, og prøv igjen.");
    case ATTACH_TYPE: return N_("Denne filtypen er ikke tillatt som vedlegg.");
    case ATTACH_MISMATCH:
        return N_("Filnavnet passer ikke med innholdet i filen. Sjekk at filen har riktig filendelse, for "
                  "eksempel .pdf for en PDF-fil.");
    }
    return "";
}

const char *attach_refusal_code(AttachRefusal why)
{
    switch (why) {
    case ATTACH_EMPTY: return "empty";
    case ATTACH_TOO_BIG: return "too_big";
    case ATTACH_TYPE: return "type_not_allowed";
    case ATTACH_MISMATCH: return "name_mismatch";
    default: return "invalid";
    }
}

int attach_refusal_status(AttachRefusal why)
{
    switch (why) {
    case ATTACH_TOO_BIG: return 413;
    case ATTACH_TYPE:
    case ATTACH_MISMATCH: return 415;
    default: return 400;
    }
}

const char *attach_size_text(Arena *a, int lang, int64_t bytes)
{
    const char *nbsp = "\xc2\xa0";
    char sep = lang == LANG_EN ? '.' : ',';
    long long b = bytes < 0 ? 0 : (long long)bytes;
    if (b < 1000) {
        return arena_printf(a, "%lld%s%s", b, nbsp, lang == LANG_EN && b != 1 ? "bytes" : "byte");
    }
    if (b < 999500) {
        return arena_printf(a, "%lld%skB", (b + 500) / 1000, nbsp);
    }
    if (b < 9950000) {
        long long tenths = (b + 50000) / 100000;
        return arena_printf(a, "%lld%c%lld%sMB", tenths / 10, sep, tenths % 10, nbsp);
    }
    return arena_printf(a, "%lld%sMB", (b + 500000) / 1000000, nbsp);
}

const char *attach_disposition(Arena *a, const char *name)
{
    /* The quoted fallback keeps printable ASCII except the quote, the
     * backslash and the percent sign (which some browsers decode); every
     * other character becomes one '_'.  filename* carries the real name. */
    name = name ? name : "";
    char *ascii = arena_alloc(a, strlen(name) + 1);
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        if ((*p & 0xc0) == 0x80) {
            continue;   /* a UTF-8 continuation byte: its character is already '_' */
        }
        ascii[n++] = *p < 0x20 || *p >= 0x7f || *p == '"' || *p == '\\' || *p == '%' ? '_' : (char)*p;
    }
    ascii[n] = 0;
    return arena_printf(a, "attachment; filename=\"%s\"; filename*=UTF-8''%s", ascii, url_enc(a, name));
}
