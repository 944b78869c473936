/* log.h: one-line log records in logfmt (key=value, values quoted when they
 * hold spaces, quotes or '='), written to stderr with one write() each so
 * lines from different threads never interleave.
 */
#ifndef SAMLA_LOG_H
#define SAMLA_LOG_H

#include "buf.h"

/* log_kv: append ` key=value` to b, quoting and escaping value as needed. */
void log_kv(Buf *b, const char *key, const char *value);

/* log_write: emit "time=… level=… msg=…" followed by the pairs already in
 * extra (may be NULL), as one line. */
void log_write(const char *level, const char *msg, const Buf *extra);

/* log_quiet: 1 suppresses info lines (errors are always written). */
extern int g_log_quiet;

#endif
