#!/usr/bin/env bash
# upgrade-fixture.sh REV NAME: build samla at git revision REV (a release)
# in a temporary work tree, create a demo database with it, use it through
# its own API (a changed measure, a reporting round with a report, a
# grant, a marking change, a published edition, an import), and keep
#   tests/fixtures/upgrade/NAME.db        the database as that release left it
#   tests/fixtures/upgrade/NAME.*.json    what that release answered to reads
# test_upgrade.c migrates a copy of the database with today's code and
# checks that every read answers the same.  Run once per release; the
# files are committed.
set -euo pipefail
cd "$(dirname "$0")/.."
rev=${1:?usage: upgrade-fixture.sh REV NAME}
name=${2:?usage: upgrade-fixture.sh REV NAME}
out=tests/fixtures/upgrade
tmp=$(mktemp -d)
trap 'git worktree remove --force "$tmp/src" >/dev/null 2>&1 || true; rm -rf "$tmp"' EXIT
git worktree add --detach "$tmp/src" "$rev" >/dev/null
ln -s "$PWD/node_modules" "$tmp/src/node_modules"
make -C "$tmp/src" -s -j2 build/samla >/dev/null
bin="$tmp/src/build/samla"
data="$tmp/data"
"$bin" init --data "$data" --demo >/dev/null
tok=$("$bin" token create --data "$data" --user sekretariat --name fixture | grep -o 'samla_[A-Za-z0-9_-]*')
req() { # METHOD PATH [JSON]
    local body=${3:-}
    printf '%s %s HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s' \
        "$1" "$2" "$tok" "${#body}" "$body" | "$bin" http --data "$data" | sed -n '/^\r$/,$p' | tail -n +2
}
id() { sqlite3 "$data/samla.db" "SELECT id FROM measure WHERE strategy_id = 2 AND number = '$1'"; }
m24=$(id 2.4); m34=$(id 3.4); m11=$(id 1.1)
req PATCH "/api/v1/measures/$m24" '{"status":"delayed","progress":"55","comment":"Forsinket av anskaffelsen"}' >/dev/null
req PATCH "/api/v1/measures/$m11" '{"responsible":"Seksjon for samordning"}' >/dev/null
req PUT "/api/v1/measures/$m11/access" '{"visibility":"internal"}' >/dev/null
round=$(req POST /api/v1/rounds '{"title":"2. tertial 2026","deadline":"2026-09-30","strategy":"2021-2025"}' | grep -o '"id":[0-9]*' | head -1 | cut -d: -f2)
req POST "/api/v1/rounds/$round/reports" "{\"measure_id\":$m34,\"status\":\"in_progress\",\"progress\":30,\"risk\":\"yellow\",\"text\":\"Utredningen er i rute\"}" >/dev/null
req POST /api/v1/editions '{"strategy":"2021-2025","title":"Tiltaksoversikt desember 2026","approval_note":"Godkjent i Strategisk forum"}' >/dev/null
sqlite3 "$data/samla.db" "PRAGMA wal_checkpoint(TRUNCATE); VACUUM;"
cp "$data/samla.db" "$out/$name.db"
req GET "/api/v1/measures?strategy=2021-2025" > "$out/$name.measures.json"
req GET "/api/v1/measures/$m24/history" > "$out/$name.history-24.json"
req GET "/api/v1/measures/$m34" > "$out/$name.measure-34.json"
req GET "/api/v1/rounds/$round" > "$out/$name.round.json"
req GET /api/v1/editions > "$out/$name.editions.json"
"$bin" audit verify --data "$data" | tail -1 > "$out/$name.audit.txt"
echo "upgrade fixture $name from $rev: $(du -h "$out/$name.db" | cut -f1), measure ids 2.4=$m24 3.4=$m34"
