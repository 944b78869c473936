/* fuzz_markdown.c: knowledge articles' Markdown (src/app/kb, md4c) on
 * arbitrary bytes, rendered as the public sees an article of the demo's
 * community knowledge base.
 *
 * Besides "no crash", it checks what kb.h promises: the HTML is valid
 * UTF-8 without raw HTML from the input (no <script) and without a
 * javascript: link or image, and the plain text for the index and the
 * [[links]] come out as valid UTF-8.
 */
#include "fuzz.h"

#include <strings.h>

#include "app/kb/kb.h"
#include "base/arena.h"
#include "base/utf8.h"

static Db *g_db;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    g_db = fuzz_demo_db();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 65536) {
        return 0;
    }
    char *body = fuzz_cstr(data, size);
    if (!utf8_valid(body, size) || memchr(body, 0, size)) {
        free(body);   /* the model refuses such text before it is stored */
        return 0;
    }
    Arena a = {0};
    const char *html = kb_markdown_html(g_db, &a, &g_anonymous, body, 0, "Opprett");
    fuzz_check(html && utf8_valid(html, strlen(html)));
    fuzz_check(!strcasestr(html, "<script") && !strcasestr(html, "href=\"javascript:") && !strcasestr(html, "src=\"javascript:"));
    const char *text = kb_markdown_text(&a, body);
    fuzz_check(text && utf8_valid(text, strlen(text)));
    const char **links;
    size_t n = kb_links_in(&a, body, &links);
    for (size_t i = 0; i < n; i++) {
        fuzz_check(utf8_valid(links[i], strlen(links[i])));
    }
    arena_free(&a);
    free(body);
    return 0;
}
