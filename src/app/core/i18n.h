/* i18n.h: the user interface in bokmål (the source language), nynorsk and
 * English.
 *
 * Message ids are the bokmål texts themselves, as in gettext: a page
 * writes T(r, "Tiltak") and gets "Tiltak", "Tiltak" or "Measures" for the
 * request's language.  Texts that are chosen at one place and translated
 * at another (tables, model messages) are marked N_("…") where they are
 * written and translated with T(r, s) where they are shown.  The
 * catalogues are po/nn.po and po/en.po (the format Poedit and Weblate
 * read), compiled by msgfmt into .mo files that the build embeds in the
 * binary (base/embed.h: "i18n/nn.mo", "i18n/en.mo"); they are parsed once,
 * on first use.  A text missing from a catalogue falls back to bokmål, and
 * `make check` fails on it (scripts/i18n.sh).  API and CLI messages stay
 * English.
 *
 * Translated texts are plain text, never markup: pages put them into
 * html_printf as %s arguments (escaped), so a catalogue cannot inject HTML.
 * Where a sentence holds a number or a name, TF formats it with the
 * translated format (printf conversions; msgfmt --check and the i18n unit
 * test make sure a translation keeps the same conversions).
 *
 * All three languages have two plural forms, (n != 1).
 */
#ifndef SAMLA_I18N_H
#define SAMLA_I18N_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"

typedef enum Lang { LANG_NB = 0, LANG_NN = 1, LANG_EN = 2, LANG_COUNT = 3 } Lang;

/* i18n_get: msgid in language lang (msgid itself for bokmål and when the
 * catalogue lacks it).  Thread-safe; the result lives for the process. */
const char *i18n_get(int lang, const char *msgid);

/* i18n_nget: the form of msgid (singular) / plural for count n. */
const char *i18n_nget(int lang, const char *msgid, const char *plural, long long n);

/* i18n_pget: msgid in context ctx (gettext's msgctxt), for the few bokmål
 * words that need two translations ("Tiltak": a measure or measures). */
const char *i18n_pget(int lang, const char *ctx, const char *msgid);

/* i18n_printf: fmt translated, then formatted with the arguments, in the
 * arena.  Plain text; escape it where it is shown. */
const char *i18n_printf(Arena *a, int lang, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* i18n_msg: a message made by a model (Err.msg) in language lang.  An
 * exact catalogue entry is used as it is; a message formatted from a
 * catalogue format (err_set(e, E_INVALID, N_("%-s er for lang: %zu tegn"),
 * label, n)) is recognised against that format and rebuilt in the
 * translation.  A value written "%-s" in the format (the same output as
 * "%s") is itself a msgid, such as a field label, and is translated too;
 * other values (names, numbers) are kept as they are.  Anything else
 * (English API messages) is returned unchanged.  The result lives in a or
 * for the process. */
const char *i18n_msg(Arena *a, int lang, const char *text);

/* i18n_pick: of a name held in the database in all three (ministries'
 * official names), the one for lang; bokmål when that one is NULL or "". */
const char *i18n_pick(int lang, const char *nb, const char *nn, const char *en);

/* i18n_code: "nb", "nn" or "en" (for <html lang>, cookies). */
const char *i18n_code(int lang);

/* i18n_parse: the Lang of "nb", "nn" or "en"; -1 for anything else. */
int i18n_parse(const char *code);

/* i18n_accept: the best of our languages in an Accept-Language header by
 * its q-values (nb, no, nb-… and no-… → bokmål; nn, nn-… → nynorsk; en,
 * en-… → English; ties go to the first listed); LANG_NB when none fits or
 * header is NULL. */
int i18n_accept(const char *header);

/* For the tests: the number of entries in lang's catalogue and entry i
 * (msgid with any context and plural, and the translation; plural forms
 * are separated by NUL — *idlen / *slen give the full lengths). */
int i18n_count(int lang);
void i18n_entry(int lang, int i, const char **id, int *idlen, const char **str, int *slen);

/* i18n_data.c: texts of reference data held in the database in bokmål and
 * translated where shown (exemption bases' descriptions). */
extern const char *const g_i18n_data[];
extern const size_t g_i18n_data_count;

#define T(r, s) i18n_get((r)->lang, (s))
#define NT(r, s, p, n) i18n_nget((r)->lang, (s), (p), (n))
#define TC(r, c, s) i18n_pget((r)->lang, (c), (s))
#define TF(r, ...) i18n_printf((r)->arena, (r)->lang, __VA_ARGS__)
#define TMSG(r, s) i18n_msg((r)->arena, (r)->lang, (s))
#define TPICK(r, nb, nn, en) i18n_pick((r)->lang, (nb), (nn), (en))
#define N_(s) (s)

#endif
