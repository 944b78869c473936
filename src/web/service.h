/* service.h: running under systemd (libsystemd's sd-daemon protocol).
 *
 *  - socket activation: a listening socket passed by systemd (a
 *    samla.socket unit) is used instead of opening one, so the socket
 *    outlives a restart: connections that arrive while samla restarts
 *    wait in its backlog and are answered by the new process;
 *  - readiness (Type=notify): READY=1 once the server accepts requests,
 *    STOPPING=1 when it begins to stop;
 *  - the watchdog (WatchdogSec=): a thread asks the server itself for
 *    /healthz every half watchdog interval over loopback and pings
 *    WATCHDOG=1 only when an answer (or an orderly close) comes back, so
 *    a server that no longer accepts or answers is restarted by systemd.
 * Outside systemd (no NOTIFY_SOCKET, no LISTEN_FDS) all of it does
 * nothing.
 */
#ifndef SAMLA_SERVICE_H
#define SAMLA_SERVICE_H

#include <stdbool.h>

#include "base/err.h"

/* service_listen_fd: the listening socket systemd passed (the first of
 * LISTEN_FDS), or -1 when none was passed.  E_INVALID in e (and -2) when
 * what was passed is not a listening stream socket. */
int service_listen_fd(Err *e);

/* service_ready: tell systemd the server accepts requests on bound
 * ("127.0.0.1:8080"), and start the watchdog thread when systemd asks for
 * one (it checks fd, the listening socket). */
void service_ready(int fd, const char *bound);

/* service_stopping: tell systemd the server is stopping, and end the
 * watchdog thread. */
void service_stopping(void);

#endif
