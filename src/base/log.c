/* log.c: see log.h. */
#include "log.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

int g_log_quiet = 0;

void log_kv(Buf *b, const char *key, const char *value)
{
    if (!value) {
        value = "";
    }
    buf_putc(b, ' ');
    buf_puts(b, key);
    buf_putc(b, '=');
    bool quote = *value == 0 || strpbrk(value, " \"=\\\t\n\r") != NULL;
    if (!quote) {
        buf_puts(b, value);
        return;
    }
    buf_putc(b, '"');
    for (const char *p = value; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c == '"' || c == '\\') {
            buf_putc(b, '\\');
            buf_putc(b, (char)c);
        } else if (c == '\n') {
            buf_puts(b, "\\n");
        } else if (c < 0x20 || c == 0x7f) {
            buf_printf(b, "\\x%02x", c);
        } else {
            buf_putc(b, (char)c);
        }
    }
    buf_putc(b, '"');
}

/* stderr goes to the systemd journal (JOURNAL_STREAM names its device and
 * inode): then each line starts with its syslog priority, "<3>" for an
 * error, "<4>" a warning, "<6>" the rest, which journald takes as the
 * line's priority (journalctl -p warning). */
static bool to_journal(void)
{
    static atomic_int known = -1;
    int v = atomic_load(&known);
    if (v < 0) {
        const char *js = getenv("JOURNAL_STREAM");
        unsigned long long dev, ino;
        struct stat st;
        v = js && sscanf(js, "%llu:%llu", &dev, &ino) == 2 && fstat(STDERR_FILENO, &st) == 0 &&
            (unsigned long long)st.st_dev == dev && (unsigned long long)st.st_ino == ino;
        atomic_store(&known, v);
    }
    return v == 1;
}

void log_write(const char *level, const char *msg, const Buf *extra)
{
    if (g_log_quiet && strcmp(level, "error") != 0) {
        return;
    }
    char ts[40];
    time_iso(ts, sizeof ts);
    Buf b = {0};
    if (to_journal()) {
        buf_puts(&b, strcmp(level, "error") == 0 ? "<3>" : strcmp(level, "warn") == 0 ? "<4>" : "<6>");
    }
    buf_puts(&b, "time=");
    buf_puts(&b, ts);
    log_kv(&b, "level", level);
    log_kv(&b, "msg", msg);
    if (extra && extra->len) {
        buf_append(&b, extra->data, extra->len);
    }
    buf_putc(&b, '\n');
    ssize_t r = write(STDERR_FILENO, b.data, b.len);
    (void)r;
    buf_free(&b);
}
