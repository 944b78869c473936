/* log.c: see log.h. */
#include "log.h"

#include <string.h>
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

void log_write(const char *level, const char *msg, const Buf *extra)
{
    if (g_log_quiet && strcmp(level, "error") != 0) {
        return;
    }
    char ts[40];
    time_iso(ts, sizeof ts);
    Buf b = {0};
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
