/* i18n.c: see i18n.h.
 *
 * The catalogues are GNU .mo files embedded in the binary ("i18n/nn.mo",
 * "i18n/en.mo").  The format: a header of 32-bit words (magic 0x950412de
 * in the writer's byte order, revision, N, offset of the originals table,
 * offset of the translations table), then two tables of N (length,
 * offset) pairs pointing at NUL-terminated strings.  An original is
 * "msgid", "msgid\0plural" or "context\004msgid"; a translation holds its
 * plural forms separated by NUL.  msgfmt leaves out untranslated and fuzzy
 * entries.  We read the tables once (pthread_once), check every offset
 * against the file's size, and sort our own index by original so the
 * lookup is a binary search that does not trust the file's order.  The
 * index points into the embedded bytes, which live for the process.
 */
#include "app/core/i18n.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/buf.h"
#include "base/embed.h"
#include "base/util.h"

typedef struct Entry {
    const char *id;    /* original: msgid, context\004msgid; a plural's singular ends at its NUL */
    int idlen;         /* full length, plural included */
    const char *str;   /* translation; plural forms separated by NUL */
    int slen;          /* full length */
} Entry;

typedef struct Catalogue {
    Entry *e;
    int n;
    const char **formats;   /* msgids holding printf conversions, for i18n_msg */
    int nformats;
} Catalogue;

static Catalogue g_cat[LANG_COUNT];
static pthread_once_t g_once = PTHREAD_ONCE_INIT;
static const char *const g_codes[LANG_COUNT] = {"nb", "nn", "en"};

static uint32_t word(const unsigned char *p, bool swap)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return swap ? __builtin_bswap32(v) : v;
}

static int entry_cmp(const void *a, const void *b)
{
    return strcmp(((const Entry *)a)->id, ((const Entry *)b)->id);
}

/* Does s hold a printf conversion (not just "%%")? */
static bool has_conversion(const char *s)
{
    for (const char *p = s; *p; p++) {
        if (*p == '%') {
            if (p[1] != '%') {
                return p[1] != 0;
            }
            p++;
        }
    }
    return false;
}

static size_t conv_len(const char *p, int *pos);

enum { MAX_ARGS = 8 };

/* The argument types of printf format s by position ("s", "d", "zu", "lld"
 * …) into types; false when s is not a format we accept (more than
 * MAX_ARGS arguments, '*' widths). */
static bool conv_types(const char *s, char types[MAX_ARGS][4], int *n)
{
    int next = 0;
    *n = 0;
    memset(types, 0, sizeof(char[MAX_ARGS][4]));
    for (const char *p = s; *p; p++) {
        if (*p != '%') {
            continue;
        }
        if (p[1] == '%') {
            p++;
            continue;
        }
        int pos;
        size_t len = conv_len(p, &pos);
        int i = pos ? pos - 1 : next++;
        if (i < 0 || i >= MAX_ARGS || memchr(p, '*', len) || len < 2) {
            return false;
        }
        /* The type: length modifiers and the conversion, without flags,
         * width and precision. */
        const char *t = p + len - 1;
        while (t > p + 1 && strchr("hlLqjzt", t[-1])) {
            t--;
        }
        size_t tl = (size_t)(p + len - t);
        if (tl > 3) {
            return false;
        }
        memcpy(types[i], t, tl);
        if (i + 1 > *n) {
            *n = i + 1;
        }
        p += len - 1;
    }
    return true;
}

/* Does translation str (each plural form) take the same arguments as id? */
static bool same_conversions(const char *id, const char *str, int slen)
{
    char want[MAX_ARGS][4], got[MAX_ARGS][4];
    int nw, ng;
    if (!conv_types(id, want, &nw)) {
        return false;
    }
    for (const char *s = str; s <= str + slen; s += strlen(s) + 1) {
        if (!conv_types(s, got, &ng) || ng != nw || memcmp(want, got, sizeof want) != 0) {
            return false;
        }
    }
    return true;
}

/* Read one .mo file into c; a broken file leaves c empty (bokmål shown). */
static void load_one(Catalogue *c, const EmbedFile *f)
{
    size_t size = f ? embed_len(f) : 0;
    const unsigned char *d = f ? f->data : NULL;
    if (size < 28) {
        return;
    }
    uint32_t magic;
    memcpy(&magic, d, 4);
    bool swap = magic == 0xde120495u;
    if (!swap && magic != 0x950412deu) {
        return;
    }
    uint32_t n = word(d + 8, swap), oo = word(d + 12, swap), to = word(d + 16, swap);
    if (n > 1000000 || oo > size || to > size || (size_t)n * 8 > size - oo || (size_t)n * 8 > size - to) {
        return;
    }
    c->e = xcalloc(n ? n : 1, sizeof *c->e);
    c->formats = xcalloc(n ? n : 1, sizeof *c->formats);
    for (uint32_t i = 0; i < n; i++) {
        uint32_t il = word(d + oo + 8 * i, swap), io = word(d + oo + 8 * i + 4, swap);
        uint32_t sl = word(d + to + 8 * i, swap), so = word(d + to + 8 * i + 4, swap);
        if (io >= size || il >= size - io || d[io + il] || so >= size || sl >= size - so || d[so + sl]) {
            free(c->e);
            free(c->formats);
            *c = (Catalogue){0};
            return;
        }
        if (il == 0) {
            continue;   /* the header entry */
        }
        const char *id = (const char *)d + io;
        c->e[c->n++] = (Entry){.id = id, .idlen = (int)il, .str = (const char *)d + so, .slen = (int)sl};
        if (has_conversion(id)) {
            if (!same_conversions(id, c->e[c->n - 1].str, (int)sl)) {
                c->e[c->n - 1].slen = 0;   /* would misread the arguments: show bokmål */
            } else if (!strchr(id, '\004')) {
                c->formats[c->nformats++] = id;
            }
        }
    }
    qsort(c->e, (size_t)c->n, sizeof *c->e, entry_cmp);
}

static void load(void)
{
    load_one(&g_cat[LANG_NN], embed_find("i18n/nn.mo"));
    load_one(&g_cat[LANG_EN], embed_find("i18n/en.mo"));
}

static const Catalogue *catalogue(int lang)
{
    if (lang <= LANG_NB || lang >= LANG_COUNT) {
        return NULL;
    }
    pthread_once(&g_once, load);
    return &g_cat[lang];
}

/* Compare the original "ctx\004msgid" (ctx NULL: "msgid") with entry id. */
static int key_cmp(const char *ctx, const char *msgid, const char *id)
{
    if (ctx) {
        size_t n = strlen(ctx);
        int c = strncmp(ctx, id, n);
        if (c) {
            return c;
        }
        if (id[n] != '\004') {
            return (unsigned char)'\004' - (unsigned char)id[n];
        }
        id += n + 1;
    }
    return strcmp(msgid, id);
}

static const Entry *find(int lang, const char *ctx, const char *msgid)
{
    const Catalogue *c = catalogue(lang);
    if (!c || !msgid) {
        return NULL;
    }
    int lo = 0, hi = c->n - 1;
    while (lo <= hi) {
        int mid = lo + (hi - lo) / 2;
        int cmp = key_cmp(ctx, msgid, c->e[mid].id);
        if (cmp == 0) {
            return &c->e[mid];
        }
        if (cmp < 0) {
            hi = mid - 1;
        } else {
            lo = mid + 1;
        }
    }
    return NULL;
}

const char *i18n_get(int lang, const char *msgid)
{
    const Entry *e = find(lang, NULL, msgid);
    return e && e->slen ? e->str : msgid;
}

const char *i18n_pget(int lang, const char *ctx, const char *msgid)
{
    const Entry *e = find(lang, ctx, msgid);
    return e && e->slen ? e->str : msgid;
}

const char *i18n_nget(int lang, const char *msgid, const char *plural, long long n)
{
    int form = n != 1;
    const Entry *e = find(lang, NULL, msgid);
    if (!e || !e->slen) {
        return form ? plural : msgid;
    }
    const char *s = e->str, *end = e->str + e->slen;
    for (int i = 0; i < form; i++) {
        s += strlen(s) + 1;
        if (s > end) {
            return plural;
        }
    }
    return s;
}

const char *i18n_printf(Arena *a, int lang, const char *fmt, ...)
{
    const char *tr = i18n_get(lang, fmt);
    va_list ap;
    va_start(ap, fmt);
    Buf b = {0};
    buf_vprintf(&b, tr, ap);
    va_end(ap);
    char *out = arena_strdup(a, buf_str(&b));
    buf_free(&b);
    return out;
}

/* One printf conversion at p ('%' …): its length, and in *pos the
 * 1-based argument number when written positionally ("%2$s"), else 0. */
static size_t conv_len(const char *p, int *pos)
{
    const char *q = p + 1;
    *pos = 0;
    if (*q >= '1' && *q <= '9') {
        const char *d = q;
        int v = 0;
        while (*d >= '0' && *d <= '9') {
            v = v * 10 + (*d++ - '0');
        }
        if (*d == '$') {
            *pos = v;
            q = d + 1;
        }
    }
    q += strspn(q, "-+ #0'");
    q += strspn(q, "0123456789*");
    if (*q == '.') {
        q++;
        q += strspn(q, "0123456789*");
    }
    q += strspn(q, "hlLqjzt");
    return *q ? (size_t)(q + 1 - p) : (size_t)(q - p);
}

/* Match text against the bokmål format fmt; the inserted values go to
 * args (in the arena), and tr[i] says whether value i is itself a msgid
 * (written "%-s" in fmt).  Each value runs to the first place where the
 * rest of the format's literal text follows. */
static bool match_format(Arena *a, const char *fmt, const char *text, const char **args, bool *tr, int *nargs)
{
    *nargs = 0;
    const char *f = fmt, *t = text;
    while (*f) {
        if (*f == '%' && f[1] == '%') {
            if (*t != '%') {
                return false;
            }
            f += 2;
            t++;
            continue;
        }
        if (*f != '%') {
            if (*f != *t) {
                return false;
            }
            f++;
            t++;
            continue;
        }
        int pos;
        size_t cl = conv_len(f, &pos);
        bool msgid = cl == 3 && f[1] == '-' && f[2] == 's';
        bool number = strchr("diu", f[cl - 1]) != NULL;
        f += cl;
        if (number) {
            /* A whole number: its digits, nothing more. */
            const char *d = t + (*t == '-');
            size_t nd = strspn(d, "0123456789");
            if (nd == 0 || *nargs == MAX_ARGS) {
                return false;
            }
            tr[*nargs] = false;
            args[(*nargs)++] = arena_strndup(a, t, (size_t)(d + nd - t));
            t = d + nd;
            continue;
        }
        /* The literal that follows, up to the next conversion. */
        const char *lit = f;
        size_t litlen = 0;
        while (lit[litlen] && !(lit[litlen] == '%')) {
            litlen++;
        }
        const char *end = NULL;
        if (litlen == 0) {
            if (*lit) {
                return false;   /* two conversions in a row: ambiguous */
            }
            end = t + strlen(t);
        } else if (!lit[litlen]) {
            /* The format's last literal: the value runs to it at the end. */
            size_t tl = strlen(t);
            end = tl >= litlen && strcmp(t + tl - litlen, lit) == 0 ? t + tl - litlen : NULL;
        } else {
            for (const char *s = t; *s && !end; s++) {
                end = strncmp(s, lit, litlen) == 0 ? s : NULL;
            }
        }
        if (!end || *nargs == MAX_ARGS) {
            return false;
        }
        tr[*nargs] = msgid;
        args[(*nargs)++] = arena_strndup(a, t, (size_t)(end - t));
        t = end;
    }
    return *t == 0 && *nargs > 0;
}

/* Write the translation tr with its conversions replaced by args (in
 * order, or by position "%2$s"), those marked in istr translated. */
static const char *fill(Arena *a, int lang, const char *tr, const char **args, const bool *istr, int nargs)
{
    Buf b = {0};
    int next = 0;
    for (const char *p = tr; *p;) {
        if (*p == '%' && p[1] == '%') {
            buf_putc(&b, '%');
            p += 2;
            continue;
        }
        if (*p != '%') {
            buf_putc(&b, *p++);
            continue;
        }
        int pos;
        p += conv_len(p, &pos);
        int i = pos ? pos - 1 : next++;
        if (i >= 0 && i < nargs) {
            buf_puts(&b, istr[i] ? i18n_get(lang, args[i]) : args[i]);
        }
    }
    char *out = arena_strdup(a, buf_str(&b));
    buf_free(&b);
    return out;
}

const char *i18n_msg(Arena *a, int lang, const char *text)
{
    const Catalogue *c = catalogue(lang);
    if (!c || !text || !*text) {
        return text ? text : "";
    }
    const Entry *e = find(lang, NULL, text);
    if (e && e->slen) {
        return e->str;
    }
    /* Of the formats the text fits, the one with the most literal text. */
    const char *best = NULL, *bargs[MAX_ARGS];
    bool btr[MAX_ARGS];
    int bn = 0;
    size_t blit = 0;
    for (int i = 0; i < c->nformats; i++) {
        const char *args[MAX_ARGS];
        bool tr[MAX_ARGS];
        int nargs;
        if (match_format(a, c->formats[i], text, args, tr, &nargs)) {
            size_t lit = strlen(text);
            for (int k = 0; k < nargs; k++) {
                lit -= strlen(args[k]);
            }
            if (!best || lit > blit) {
                best = c->formats[i];
                blit = lit;
                bn = nargs;
                memcpy(bargs, args, sizeof args);
                memcpy(btr, tr, sizeof tr);
            }
        }
    }
    return best ? fill(a, lang, i18n_get(lang, best), bargs, btr, bn) : text;
}

const char *i18n_pick(int lang, const char *nb, const char *nn, const char *en)
{
    const char *s = lang == LANG_NN ? nn : lang == LANG_EN ? en : nb;
    return s && *s ? s : nb;
}

const char *i18n_code(int lang)
{
    return lang > LANG_NB && lang < LANG_COUNT ? g_codes[lang] : "nb";
}

int i18n_parse(const char *code)
{
    for (int i = 0; code && i < LANG_COUNT; i++) {
        if (strcmp(code, g_codes[i]) == 0) {
            return i;
        }
    }
    return -1;
}

/* The language of one Accept-Language tag ("nn-NO", "en"), or -1. */
static int tag_lang(const char *tag, size_t n)
{
    static const struct {
        const char *prefix;
        int lang;
    } map[] = {{"nb", LANG_NB}, {"no", LANG_NB}, {"nn", LANG_NN}, {"en", LANG_EN}};
    for (size_t i = 0; i < COUNT(map); i++) {
        if (n >= 2 && strncasecmp(tag, map[i].prefix, 2) == 0 && (n == 2 || tag[2] == '-')) {
            return map[i].lang;
        }
    }
    return -1;
}

int i18n_accept(const char *header)
{
    int best = LANG_NB, bestq = 0;   /* q in thousandths */
    for (const char *p = header; p && *p;) {
        p += strspn(p, " \t,");
        const char *item = p;
        size_t len = strcspn(p, ",");
        p += len;
        size_t taglen = strcspn(item, ";, \t");
        if (taglen > len) {
            taglen = len;
        }
        int q = 1000;
        const char *semi = memchr(item, ';', len);
        if (semi) {
            const char *qs = semi + 1;
            qs += strspn(qs, " \t");
            if ((qs[0] == 'q' || qs[0] == 'Q') && qs[1] == '=') {
                /* 0, 0.5, 1.000: three decimals at most. */
                q = (qs[2] == '1') ? 1000 : 0;
                if (qs[2] == '0' && qs[3] == '.') {
                    int scale = 100;
                    for (const char *d = qs + 4; *d >= '0' && *d <= '9' && scale; d++, scale /= 10) {
                        q += (*d - '0') * scale;
                    }
                }
            }
        }
        int l = tag_lang(item, taglen);
        if (l >= 0 && q > bestq) {
            best = l;
            bestq = q;
        }
    }
    return best;
}

int i18n_count(int lang)
{
    const Catalogue *c = catalogue(lang);
    return c ? c->n : 0;
}

void i18n_entry(int lang, int i, const char **id, int *idlen, const char **str, int *slen)
{
    const Catalogue *c = catalogue(lang);
    const Entry *e = c && i >= 0 && i < c->n ? &c->e[i] : NULL;
    *id = e ? e->id : "";
    *idlen = e ? e->idlen : 0;
    *str = e ? e->str : "";
    *slen = e ? e->slen : 0;
}
