#!/usr/bin/env bash
# bench-mail.sh: how fast samla hands e-mail to an SMTP server on the same
# host (tests/mail/smtpd.py, aiosmtpd), and what the scheduler costs.
#
#   scripts/bench-mail.sh            N=1000 mails, P=100000 notifications waiting for digests
#   N=5000 P=200000 scripts/bench-mail.sh
#
# 1. N notices (one notification each, rendered as their recipient with
#    the access check, text + HTML) sent by `samla mail send`: one SMTP
#    connection per mail, as the sender does.
# 2. P notifications set aside for the daily digest, spread over the demo's
#    users, gathered by one `samla mail tick` into one digest each.
# 3. A second `samla mail tick` the same day (what the thread does every
#    minute): the reminder scan and nothing to gather.
# 4. Sending those digests (each renders its first 500 items and counts
#    the rest, with the access check on every one).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-1000}
P=${P:-100000}
BIN=${SAMLA_BIN:-build/samla}
dir=$(mktemp -d)
smtpd=
cleanup() {
    [ -n "$smtpd" ] && kill "$smtpd" 2>/dev/null || true
    rm -rf "$dir"
}
trap cleanup EXIT
export SAMLA_TODAY=2026-10-05
"$BIN" init --data "$dir/data" --demo >/dev/null
db="$dir/data/samla.db"
port=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
/usr/bin/python3 tests/mail/smtpd.py "$dir/spool" "$port" >"$dir/smtpd.log" 2>&1 &
smtpd=$!
for _ in $(seq 50); do grep -q ready "$dir/smtpd.log" 2>/dev/null && break; sleep 0.1; done
flags=(--smtp-url "smtp://127.0.0.1:$port" --smtp-tls none --mail-from samla@dep.example --base-url https://samla.example)

# 1. N notices to sb.kd about measure 1, written as the hook writes them.
sqlite3 "$db" <<SQL
WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < $N)
INSERT INTO notification (user_id, record_id, type, created_at, dedupe_key)
SELECT (SELECT id FROM account WHERE username = 'sb.kd'), 1, 'deadline', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
       'bench:' || i || ':3d' FROM c;
INSERT INTO mail_outbox (user_id, kind, next_attempt_at, message_id, created_at)
SELECT user_id, 'notice', 0, '<bench.' || id || '@dep.example>', strftime('%s', 'now') FROM notification
WHERE dedupe_key LIKE 'bench:%';
INSERT INTO mail_item (notification_id, outbox_id)
SELECT n.id, o.id FROM notification n JOIN mail_outbox o ON o.message_id = '<bench.' || n.id || '@dep.example>';
SQL
start=$(date +%s.%N)
"$BIN" mail send --data "$dir/data" "${flags[@]}" >/dev/null 2>&1
end=$(date +%s.%N)
got=$(ls "$dir/spool" | grep -c '\.eml$' || true)
awk -v n="$N" -v got="$got" -v s="$start" -v e="$end" \
    'BEGIN { t = e - s; printf "send: %d notices in %.2f s (%.0f mails/s), %d accepted by the server\n", n, t, n / t, got }'

# 2. P notifications waiting for the daily digest of the demo's users.
sqlite3 "$db" <<SQL
WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < $P)
INSERT INTO notification (user_id, record_id, type, created_at, dedupe_key)
SELECT 2 + i % 8, 1, 'deadline', '2026-10-04T08:00:00.000Z', 'digest:' || i FROM c;
INSERT INTO mail_pending (notification_id, user_id, cadence, created_on)
SELECT id, user_id, 'daily', '2026-10-04' FROM notification WHERE dedupe_key LIKE 'digest:%';
SQL
start=$(date +%s.%N)
"$BIN" mail tick --data "$dir/data" >/dev/null
end=$(date +%s.%N)
digests=$(sqlite3 "$db" "SELECT count(*) FROM mail_outbox WHERE kind = 'daily'")
awk -v p="$P" -v d="$digests" -v s="$start" -v e="$end" \
    'BEGIN { printf "tick: %d waiting notifications into %d daily digests in %.2f s\n", p, d, e - s }'
start=$(date +%s.%N)
"$BIN" mail tick --data "$dir/data" >/dev/null
end=$(date +%s.%N)
awk -v s="$start" -v e="$end" 'BEGIN { printf "tick: a second run the same day (nothing to gather) in %.3f s\n", e - s }'
start=$(date +%s.%N)
"$BIN" mail send --data "$dir/data" "${flags[@]}" >/dev/null 2>&1
end=$(date +%s.%N)
awk -v d="$digests" -v p="$P" -v s="$start" -v e="$end" \
    'BEGIN { printf "send: %d digests of %d notifications each (500 shown, the rest counted) in %.2f s\n", d, p / d, e - s }'
