#!/usr/bin/env bash
# bench-work.sh: meetings, decisions, tasks, goal interactions and the
# dashboards at size.
#
# Builds a demo database and adds, with plain SQL (then indexed by
# `samla serve` at start), 2,000 meetings with 6,000 agenda items, 3,000
# decisions, 10,000 tasks (a quarter of them HOD's, half of those overdue)
# and 2,000 goal interactions between the ministries' goals, spread over
# the demo groups and markings (a fifth restricted to the budget group).
# Then times, as HOD's secretary general through an API token (never
# cached), the dashboard, the start page, the lists, the matrix and a
# calendar feed: the median of 20 requests each by the server's own access
# log.  Prints a table and appends it to bench/out/latest.md.  Loopback
# only; takes well under a minute.
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."
BIN=./build/samla
OUT_MD=bench/out/latest.md
tmp=$(mktemp -d)
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$tmp"
}
trap cleanup EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')

"$BIN" init --data "$tmp/d" --demo >/dev/null
sqlite3 "$tmp/d/samla.db" <<'SQL'
PRAGMA foreign_keys = ON;
CREATE TEMP TABLE n (i INTEGER PRIMARY KEY);
WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 10000) INSERT INTO n SELECT i FROM c;
CREATE TEMP TABLE g AS SELECT id, visibility, row_number() OVER (ORDER BY id) AS k FROM record WHERE kind = 'group';
CREATE TEMP TABLE m AS SELECT id, code, row_number() OVER (ORDER BY id) AS k FROM ministry WHERE valid_to IS NULL;
-- meetings
INSERT INTO record (kind, title, owner_group_id, visibility, created_at, version)
SELECT 'meeting', 'Møte ' || n.i, g.id, CASE WHEN g.visibility = 'restricted' THEN 'restricted' ELSE 'internal' END,
       '2026-01-01T09:00:00.000Z', 1
  FROM n JOIN g ON g.k = 1 + n.i % (SELECT count(*) FROM g) WHERE n.i <= 2000;
INSERT INTO meeting (id, starts_at, ends_at, place)
SELECT id, date('now', ((id % 120) - 60) || ' days') || 'T10:00', date('now', ((id % 120) - 60) || ' days') || 'T11:00', 'Rom'
  FROM record WHERE kind = 'meeting' AND title LIKE 'Møte %';
INSERT INTO agenda_item (meeting_id, position, title)
SELECT r.id, p.i, 'Sak ' || p.i FROM record r, n p WHERE r.kind = 'meeting' AND r.title LIKE 'Møte %' AND p.i <= 3;
-- decisions
INSERT INTO record (kind, title, owner_group_id, visibility, created_at, version)
SELECT 'decision', 'Vedtak ' || n.i, g.id, CASE WHEN g.visibility = 'restricted' THEN 'restricted' ELSE 'internal' END,
       '2026-01-01T09:00:00.000Z', 1
  FROM n JOIN g ON g.k = 1 + n.i % (SELECT count(*) FROM g) WHERE n.i <= 3000;
INSERT INTO decision (id, text, decided_on, review_on)
SELECT id, 'Tekst', date('now', '-' || (id % 90) || ' days'), date('now', ((id % 200) - 100) || ' days')
  FROM record WHERE kind = 'decision' AND title LIKE 'Vedtak %';
-- tasks: a quarter HOD's
INSERT INTO record (kind, title, owner_ministry_id, owner_group_id, visibility, created_at, version)
SELECT 'task', 'Oppgave ' || n.i, m.id, g.id, 'internal', '2026-01-01T09:00:00.000Z', 1
  FROM n JOIN m ON m.code = CASE WHEN n.i % 4 = 0 THEN 'HOD' ELSE (SELECT code FROM m WHERE k = 1 + n.i % 17) END
  JOIN g ON g.k = 1 + n.i % 3;
INSERT INTO task (id, ministry_id, due_on, status, decision_id)
SELECT r.id, r.owner_ministry_id, date('now', ((r.id % 40) - 20) || ' days'),
       CASE r.id % 5 WHEN 0 THEN 'done' WHEN 1 THEN 'in_progress' ELSE 'open' END,
       (SELECT min(id) FROM record WHERE kind = 'decision')
  FROM record r WHERE r.kind = 'task' AND r.title LIKE 'Oppgave %';
-- interactions between the goals
INSERT INTO record (kind, title, owner_ministry_id, visibility, created_at, version)
SELECT 'interaction', 'Samspill ' || n.i, m.id, 'internal', '2026-01-01T09:00:00.000Z', 1
  FROM n JOIN m ON m.k = 1 + n.i % 17 WHERE n.i <= 2000;
INSERT INTO interaction (id, source_id, goal_id, score, justification, response)
SELECT r.id, (SELECT min(id) FROM record WHERE kind = 'decision'),
       (SELECT min(id) FROM ministry_goal) + r.id % (SELECT count(*) FROM ministry_goal), (r.id % 7) - 3, 'Begrunnelse',
       CASE WHEN r.id % 3 = 0 THEN 'agree' END
  FROM record r WHERE r.kind = 'interaction' AND r.title LIKE 'Samspill %';
INSERT INTO record_version (record_id, version, at, actor, comment, changes)
SELECT id, 1, created_at, 'bench', '', '[]' FROM record WHERE id NOT IN (SELECT record_id FROM record_version);
SQL
token=$("$BIN" token create --data "$tmp/d" --user dr.hod --name bench 2>/dev/null)
feed_user=$(sqlite3 "$tmp/d/samla.db" "select id from account where username = 'ansatt.hod'")
"$BIN" serve --data "$tmp/d" --listen "127.0.0.1:$port" --threads 2 2>"$tmp/log" &
pids+=($!)
for _ in $(seq 1 300); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.05; done
counts=$(sqlite3 "$tmp/d/samla.db" "select (select count(*) from meeting)||' meetings, '||(select count(*) from agenda_item)||' agenda items, '||(select count(*) from decision)||' decisions, '||(select count(*) from task)||' tasks, '||(select count(*) from interaction)||' interactions'")
median() { # median PATH
    for _ in $(seq 1 20); do curl -fs -o /dev/null -H "Authorization: Bearer $token" "http://127.0.0.1:$port$1"; done
    grep "path=${1%%\?*} " "$tmp/log" | tail -n 20 | sed 's/.*duration=\([0-9.]*\)ms.*/\1/' |
        sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}
rows=""
for p in /dashboard /start /community /meetings /tasks '/tasks?ministry=HOD' /decisions /interactions /interactions/matrix \
         '/api/v1/tasks?ministry=HOD&open=1' /api/v1/interactions /api/v1/meetings; do
    rows+="| \`$p\` | $(median "$p") |"$'\n'
done
report=$(cat <<MD

## Meetings, decisions, tasks and interactions at size ($(date -u '+%Y-%m-%d %H:%M') UTC)

$counts; as dr.hod (API token, never cached), median of 20 by the access log, 2 threads.

| request | ms |
|---|--:|
$rows
MD
)
echo "$report"
mkdir -p bench/out
echo "$report" >> "$OUT_MD"
