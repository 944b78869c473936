/* content.c: see content.h. */
#include "app/core/content.h"

#include <string.h>

#include "app/core/i18n.h"
#include "base/utf8.h"

/* Is the ASCII byte a letter of a word (so "HEMMELIGHET" is not the grade)? */
static bool word_byte(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
}

/* The marking as a whole word, in capitals as markings are written. */
static bool has_word(const char *text, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = strstr(text, word); p; p = strstr(p + 1, word)) {
        bool left = p == text || !word_byte((unsigned char)p[-1]);
        bool right = !word_byte((unsigned char)p[n]);
        if (left && right) {
            return true;
        }
    }
    return false;
}

const char *content_security_grade(const char *text)
{
    static const char *grades[] = {"STRENGT HEMMELIG", "HEMMELIG", "KONFIDENSIELT", "BEGRENSET",
                                   "STRENGT FORTROLIG", "FORTROLIG"};
    for (size_t i = 0; i < sizeof grades / sizeof grades[0]; i++) {
        if (has_word(text, grades[i])) {
            return grades[i];
        }
    }
    if (strcasestr(text, "(sikkerhetsgrad)") || strcasestr(text, "(beskyttelsesgrad)")) {
        return "sikkerhetsgrad";
    }
    return NULL;
}

int content_check_text(const char *text, size_t max_chars, bool multiline, const char *label, Err *e)
{
    size_t n = strlen(text);
    if (!utf8_valid(text, n)) {
        return err_set(e, E_INVALID, N_("%-s inneholder tegn som ikke er gyldig UTF-8."), label);
    }
    if (utf8_has_control(text, n, multiline)) {
        return multiline ? err_set(e, E_INVALID, N_("%-s inneholder kontrolltegn."), label)
                         : err_set(e, E_INVALID, N_("%-s inneholder kontrolltegn eller linjeskift."), label);
    }
    size_t chars = 0;
    for (size_t i = 0; i < n; i++) {
        chars += ((unsigned char)text[i] & 0xC0) != 0x80;
    }
    if (chars > max_chars) {
        return err_set(e, E_INVALID, N_("%-s er for lang: %zu tegn, høyst %zu er tillatt."), label, chars, max_chars);
    }
    const char *grade = content_security_grade(text);
    if (grade) {
        return err_set(e, E_INVALID,
                       N_("%-s er merket med sikkerhetsgrad (%s). Sikkerhetsgradert informasjon skal ikke "
                          "behandles i samla; bruk et godkjent system."),
                       label, grade);
    }
    return 0;
}
