/* fuzz_markdown.c: the knowledge base's Markdown (src/app/kb/kb_render.c:
 * md4c with samla's link rules and [[Tittel]] links, the plain text for
 * the search index, the list of [[links]]) and its line diff, on
 * arbitrary text, against an in-memory demo database.  The input is
 * split at its first NUL byte into the old and the new body for the
 * diff.  Checks beyond "no crash": the HTML holds no <script, no
 * javascript: link and no raw tag from the input (raw HTML is shown as
 * text), and the diff's kept and removed lines add up to the old body's
 * lines (its kept and added lines to the new body's).
 */
#include "fuzz.h"

#include <strings.h>

#include "app/kb/kb.h"

static Db *g_db;
static const Viewer g_employee = {
    .user_id = 1,
    .username = "fuzz",
    .full_name = "fuzz",
    .caps = CAP_SIGNED_IN | CAP_READ_INTERNAL,
};

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    g_db = fuzz_demo_db();
    return 0;
}

static size_t lines_of(const char *s)
{
    if (!*s) {
        return 0;
    }
    size_t n = 1;
    for (const char *p = s; *p; p++) {
        n += *p == '\n' && p[1];
    }
    return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_cstr(data, size);
    Arena a = {0};
    const char *html = kb_markdown_html(g_db, &a, &g_employee, s, 0, "missing");
    fuzz_check(html != NULL);
    fuzz_check(!strcasestr(html, "<script") && !strcasestr(html, "href=\"javascript:"));
    (void)kb_markdown_text(&a, s);
    const char **links;
    size_t nlinks = kb_links_in(&a, s, &links);
    for (size_t i = 0; i < nlinks; i++) {
        fuzz_check(links[i] != NULL);
    }
    const char *to = s + strlen(s) + (strlen(s) < size ? 1 : 0);
    DiffLine *d;
    size_t nd = kb_diff(&a, s, to, &d);
    size_t kept = 0, removed = 0, added = 0;
    for (size_t i = 0; i < nd; i++) {
        kept += d[i].op == ' ';
        removed += d[i].op == '-';
        added += d[i].op == '+';
    }
    fuzz_check(kept + removed == lines_of(s) || nd == 0);
    fuzz_check(kept + added == lines_of(to) || nd == 0);
    fuzz_check(!db_in_tx(g_db) && db_busy_statements(g_db) == 0);
    arena_free(&a);
    free(s);
    return 0;
}
