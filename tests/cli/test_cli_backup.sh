#!/bin/sh
# test_cli_backup.sh: `samla backup`, `samla restore` and `samla check`
# through the real binary, and the copy taken before an upgrade: a
# restored directory answers every request byte for byte as the source
# did (pages, API, history, an attachment's download); a damaged,
# truncated or foreign archive is refused with exit 1 and leaves nothing;
# a backup taken while samla serves writes is the source at one moment;
# check finds a damaged and a missing attachment file; an older database
# is copied to DIR/backups before it is migrated.  Prints TAP with
# "# pass N" / "# fail N" totals.
#   SAMLA_BIN=build/asan/samla tests/cli/test_cli_backup.sh
cd "$(dirname "$0")/../.." || exit 2
bin=${SAMLA_BIN:-build/samla}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
pass=0
fail=0
n=0
ok() { # ok DESCRIPTION COMMAND...
    desc=$1
    shift
    n=$((n + 1))
    # out and err keep the previous command's output until this one ends,
    # so a check may read them: ok "  says why" grep -q … "$dir/err"
    if "$@" >"$dir/o" 2>"$dir/e"; then
        pass=$((pass + 1))
        echo "ok $n - $desc"
    else
        fail=$((fail + 1))
        echo "not ok $n - $desc"
        sed 's/^/#   /' "$dir/o" "$dir/e"
    fi
    mv "$dir/o" "$dir/out"
    mv "$dir/e" "$dir/err"
}
exits() { # exits CODE COMMAND...: the command exits with CODE
    code=$1
    shift
    "$@"
    [ $? -eq "$code" ]
}
# get DATA PATH [AUTH]: the raw response of samla http to GET PATH.
get() {
    printf 'GET %s HTTP/1.1\r\nHost: localhost\r\n' "$2" >"$dir/req"
    [ -n "${3:-}" ] && printf 'Authorization: Bearer %s\r\n' "$3" >>"$dir/req"
    printf '\r\n' >>"$dir/req"
    "$bin" http --data "$1" <"$dir/req"
}
# upload DATA TOKEN NAME TEXT: attach a text file to measure 12.
upload() {
    printf -- '--XyZ\r\nContent-Disposition: form-data; name="file"; filename="%s"\r\nContent-Type: text/plain\r\n\r\n%s\r\n--XyZ--\r\n' "$3" "$4" >"$dir/body"
    { printf 'POST /api/v1/records/12/attachments HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer %s\r\nContent-Type: multipart/form-data; boundary=XyZ\r\nContent-Length: %d\r\n\r\n' "$2" "$(wc -c <"$dir/body")"; cat "$dir/body"; } |
        "$bin" http --data "$1" | head -1 | grep -q '^HTTP/1.1 201'
}
# same_answers A B TOKEN: every read answers the same in A and B (but for
# the random form token).
same_answers() {
    for p in / /measures /measures/12 /api/v1/measures /api/v1/records/12/history /api/v1/audit /attachments/1 \
             /attachments/2 /api/v1/records/12/attachments; do
        get "$1" "$p" "$3" >"$dir/a.resp" && get "$2" "$p" "$3" >"$dir/b.resp" || return 1
        head -1 "$dir/a.resp" | grep -q '^HTTP/1.1 [24]0[03]' || { echo "$p: $(head -1 "$dir/a.resp")"; return 1; }
        # A form token is random on every answer.
        sed -E 's/(samla_csrf=|name="csrf" value=")[A-Za-z0-9_-]+/\1…/g' "$dir/a.resp" >"$dir/a.norm"
        sed -E 's/(samla_csrf=|name="csrf" value=")[A-Za-z0-9_-]+/\1…/g' "$dir/b.resp" >"$dir/b.norm"
        cmp "$dir/a.norm" "$dir/b.norm" || { echo "$p differs"; return 1; }
    done
}
# refused ARCHIVE TARGET: restore exits 1, says nothing was restored, and
# leaves neither TARGET nor a half-restored directory beside it.
refused() {
    "$bin" restore "$1" --data "$2"
    [ $? -eq 1 ] || return 1
    [ ! -e "$2" ] && [ -z "$(ls -d "$2".restore-* 2>/dev/null)" ]
}
# flip FILE OFFSET: change one byte of FILE at OFFSET.
flip() {
    b=$(dd if="$1" bs=1 skip="$2" count=1 2>/dev/null | od -An -tu1 | tr -d ' ')
    printf "$(printf '\\%03o' $(( (b + 1) % 256 )))" | dd of="$1" bs=1 seek="$2" conv=notrunc 2>/dev/null
}

d=$dir/d
"$bin" init --data "$d" --demo >/dev/null || { echo "Bail out! init failed"; exit 1; }
tok=$("$bin" token create --data "$d" --user admin --name backup 2>/dev/null | grep -o 'samla_[A-Za-z0-9_-]*')
sek=$("$bin" token create --data "$d" --user sekretariat --name backup 2>/dev/null | grep -o 'samla_[A-Za-z0-9_-]*')
ok "upload one" upload "$d" "$sek" notat.txt "Referat fra arbeidsgruppen"
ok "upload two" upload "$d" "$sek" plan.txt "Plan for neste tertial"
ok "check a sound directory" "$bin" check --data "$d"
ok "backup" "$bin" backup --data "$d" -o "$dir/b.samla"
ok "backup names what it took" grep -q 'schema [0-9]*, 2 attachment files, audit log [0-9]* rows ending in [0-9a-f]\{64\}' "$dir/out"
ok "restore" "$bin" restore "$dir/b.samla" --data "$dir/r"
ok "restored directory checks" "$bin" check --data "$dir/r"
ok "same audit head" sh -c "'$bin' audit verify --data '$d' | tail -1 > '$dir/h1'; '$bin' audit verify --data '$dir/r' | tail -1 | cmp - '$dir/h1'"
ok "same answers (admin)" same_answers "$d" "$dir/r" "$tok"
ok "same answers (secretariat)" same_answers "$d" "$dir/r" "$sek"
ok "same attachment files" sh -c "cd '$d' && find files -type f | sort | xargs sha256sum > '$dir/f1'; cd '$dir/r' && find files -type f | sort | xargs sha256sum | cmp - '$dir/f1'"
mkdir "$dir/empty"
ok "restore into an empty directory" "$bin" restore "$dir/b.samla" --data "$dir/empty"
ok "restore into a used directory: exit 1" exits 1 "$bin" restore "$dir/b.samla" --data "$dir/r"
ok "  says why" grep -q 'not an empty directory' "$dir/err"
ok "  and left it alone" "$bin" check --data "$dir/r"

# Damaged archives.
off=$(grep -obUa 'Referat fra arbeidsgruppen' "$dir/b.samla" | head -1 | cut -d: -f1)
cp "$dir/b.samla" "$dir/att.samla" && flip "$dir/att.samla" $((off + 3))
ok "a changed attachment byte is refused" refused "$dir/att.samla" "$dir/x1"
ok "  naming the entry" grep -q 'files/.*does not match its checksum\|damaged' "$dir/err"
size=$(wc -c <"$dir/b.samla")
cp "$dir/b.samla" "$dir/db.samla" && flip "$dir/db.samla" $((size / 2))
ok "a changed database byte is refused" refused "$dir/db.samla" "$dir/x2"
head -c $((size * 2 / 3)) "$dir/b.samla" >"$dir/short.samla"
ok "a truncated archive is refused" refused "$dir/short.samla" "$dir/x3"
echo "not an archive" >"$dir/text.samla"
ok "a text file is refused" refused "$dir/text.samla" "$dir/x4"
ok "  as not a samla backup" grep -q 'not a samla backup' "$dir/err"
"$bin" export measures --data "$d" --format xlsx -o "$dir/other.xlsx" >/dev/null
ok "another ZIP file is refused" refused "$dir/other.xlsx" "$dir/x5"
ok "  for want of a manifest" grep -q 'manifest' "$dir/err"
ok "a missing archive: exit 1" exits 1 "$bin" restore "$dir/none.samla" --data "$dir/x6"
ok "usage: backup without -o" exits 2 "$bin" backup --data "$d"
ok "usage: restore without a file" exits 2 "$bin" restore --data "$dir/x7"
ok "backup of no database: exit 1" exits 1 "$bin" backup --data "$dir/nothing" -o "$dir/n.samla"

# A backup taken while samla serves writes: the restored directory is the
# source at one moment.  Its audit log, versions, comments and attachments
# are exactly the source's rows up to their newest id (nothing missing,
# nothing changed), the source went on past them (so the copy was taken
# mid-load, not after it), and each changed measure holds what its newest
# version in the copy says.
"$bin" serve --data "$d" --listen 127.0.0.1:0 --threads 2 2>"$dir/serve.log" &
spid=$!
addr=
for i in $(seq 200); do
    addr=$(grep -o 'msg=listening addr=[0-9.:]*' "$dir/serve.log" | cut -d= -f3)
    [ -n "$addr" ] && break
    sleep 0.05
done
m=$(sqlite3 "$d/samla.db" "SELECT id FROM measure WHERE strategy_id = 2 AND number = '1.1'")
writer() { # writer N: change measure 1.1, comment on it and attach a file, until $dir/stop exists
    i=0
    while [ ! -e "$dir/stop" ]; do
        i=$((i + 1))
        curl -sf -o /dev/null -X PATCH -H "Authorization: Bearer $sek" -H 'Content-Type: application/json' \
            -d "{\"responsible\":\"Writer $1 change $i\"}" "http://$addr/api/v1/measures/$m"
        curl -sf -o /dev/null -H "Authorization: Bearer $sek" -H 'Content-Type: application/json' \
            -d "{\"text\":\"Writer $1 comment $i\"}" "http://$addr/api/v1/records/$m/comments"
        printf 'writer %s upload %s\n' "$1" "$i" >"$dir/w$1.txt"
        curl -sf -o /dev/null -H "Authorization: Bearer $sek" -F "file=@$dir/w$1.txt;type=text/plain" \
            "http://$addr/api/v1/records/$m/attachments"
    done
}
rm -f "$dir/stop"
writer 1 & w1=$!
writer 2 & w2=$!
writer 3 & w3=$!
sleep 1
ok "backup while writes go on" "$bin" backup --data "$d" -o "$dir/live.samla"
sleep 0.5
touch "$dir/stop"
wait $w1 $w2 $w3
kill $spid
wait $spid
ok "restore it" "$bin" restore "$dir/live.samla" --data "$dir/live"
ok "  it checks" "$bin" check --data "$dir/live"
# prefix TABLE: the copy's rows of TABLE are the source's rows up to the copy's newest id.
prefix() {
    top=$(sqlite3 "$dir/live/samla.db" "SELECT max(id) FROM $1")
    sqlite3 "$dir/live/samla.db" "SELECT * FROM $1 ORDER BY id" >"$dir/p1"
    sqlite3 "$d/samla.db" "SELECT * FROM $1 WHERE id <= $top ORDER BY id" >"$dir/p2"
    [ -s "$dir/p1" ] && cmp "$dir/p1" "$dir/p2"
}
for t in audit record_version comment attachment; do
    ok "  $t: the source's rows at the backup's moment" prefix $t
done
ok "  the source went on after the backup" test "$(sqlite3 "$d/samla.db" 'SELECT max(id) FROM audit')" -gt \
    "$(sqlite3 "$dir/live/samla.db" 'SELECT max(id) FROM audit')"
ok "  the copy holds writes of the load" test "$(sqlite3 "$dir/live/samla.db" "SELECT count(*) FROM comment WHERE body LIKE 'Writer %'")" -gt 0
ok "  the measure is at its newest version in the copy" test "$(sqlite3 "$dir/live/samla.db" "
    SELECT r.version = (SELECT max(version) FROM record_version WHERE record_id = r.id)
       AND m.responsible = (SELECT json_extract(j.value, '\$.to') FROM record_version v, json_each(v.changes) j
                            WHERE v.record_id = r.id AND json_extract(j.value, '\$.field') = 'responsible'
                            ORDER BY v.version DESC LIMIT 1)
    FROM record r JOIN measure m ON m.id = r.id WHERE r.id = $m")" = 1
ok "  every attachment file of the copy is the source's" sh -c "cd '$dir/live' && find files -type f | sort | while read -r f; do cmp \"\$f\" '$d/'\"\$f\" || exit 1; done"

# A damaged and a missing attachment file.
f=$(find "$dir/r/files" -type f | head -1)
flip "$f" 2
ok "check finds a damaged file: exit 1" exits 1 "$bin" check --data "$dir/r"
ok "  naming it" grep -q "$(basename "$f").*damaged" "$dir/err"
ok "backup refuses a damaged file" exits 1 "$bin" backup --data "$dir/r" -o "$dir/bad.samla"
ok "  and writes no archive" test ! -e "$dir/bad.samla"
rm "$f"
ok "check finds a missing file: exit 1" exits 1 "$bin" check --data "$dir/r"
ok "  naming the attachment" grep -q 'attachment [0-9]* has no file' "$dir/err"

# An older database is copied before it is upgraded.
mkdir "$dir/u"
cp tests/fixtures/upgrade/v0.1.0.db "$dir/u/samla.db"
old=$(sqlite3 "$dir/u/samla.db" 'PRAGMA user_version')
ok "check does not upgrade" sh -c "'$bin' check --data '$dir/u' | grep -q 'schema $old (samla serve upgrades it'"
ok "upgrade on first use" "$bin" user list --data "$dir/u"
ok "  names the copy" grep -q "upgraded to schema.*$dir/u/backups/samla-schema-0*$old-" "$dir/err"
copy=$(ls "$dir/u/backups/"samla-schema-*.db 2>/dev/null | head -1)
ok "  the copy has the old schema" test "$(sqlite3 "$copy" 'PRAGMA user_version')" = "$old"
ok "  and the old content" test "$(sqlite3 "$copy" 'PRAGMA integrity_check; SELECT count(*) FROM audit')" = \
    "$(printf 'ok\n%s' "$(sqlite3 tests/fixtures/upgrade/v0.1.0.db 'SELECT count(*) FROM audit')")"
ok "upgraded directory checks" "$bin" check --data "$dir/u"
ok "no second copy when nothing is pending" sh -c "'$bin' user list --data '$dir/u' >/dev/null && test \$(ls '$dir/u/backups' | wc -l) -eq 1"

echo "1..$n"
echo "# pass $pass"
echo "# fail $fail"
[ "$fail" -eq 0 ]
