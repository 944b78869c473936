/* banned.h: functions that must not be used in samla (force-included into
 * every file by the Makefile).  Each has a safer replacement:
 *   strcpy, strcat, strncpy, strncat  → Buf, arena_strdup, snprintf
 *   sprintf, vsprintf                 → snprintf, buf_printf
 *   strtok                            → strchr / memchr loops
 *   gmtime, localtime, ctime, asctime → the _r versions
 *   gets                              → fgets
 * A banned call fails to compile with a name that says why.
 */
#ifndef SAMLA_BANNED_H
#define SAMLA_BANNED_H

/* The system headers first, so their own declarations are not renamed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#define BANNED(func) sorry_##func##_is_banned_in_samla

#undef strcpy
#define strcpy(x, y) BANNED(strcpy)
#undef strcat
#define strcat(x, y) BANNED(strcat)
#undef strncpy
#define strncpy(x, y, n) BANNED(strncpy)
#undef strncat
#define strncat(x, y, n) BANNED(strncat)
#undef sprintf
#define sprintf(...) BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) BANNED(vsprintf)
#undef strtok
#define strtok(x, y) BANNED(strtok)
#undef gmtime
#define gmtime(t) BANNED(gmtime)
#undef localtime
#define localtime(t) BANNED(localtime)
#undef ctime
#define ctime(t) BANNED(ctime)
#undef asctime
#define asctime(t) BANNED(asctime)
#undef gets
#define gets(s) BANNED(gets)

#endif
