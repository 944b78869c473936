/* dashboard_int.h: what the dashboard pages share among themselves. */
#ifndef SAMLA_DASHBOARD_INT_H
#define SAMLA_DASHBOARD_INT_H

#include "app/core/req.h"
#include "app/work/work.h"

/* db_section_open / db_section_close: a part of a dashboard with its
 * heading, closed with a link onwards (href NULL: none). */
void db_section_open(Req *r, const char *id, const char *heading);
void db_section_close(Req *r, const char *href, const char *label);

/* db_task_rows: tasks as a list, overdue ones flagged; empty when none. */
void db_task_rows(Req *r, const Task *t, size_t n, const char *empty);

/* db_nav: the dashboards as tabs, current marked ("dashboard", "start",
 * "community"); the secretary general's only for those who have one. */
void db_nav(Req *r, const char *current);

#endif
