#!/bin/sh
# test_cli_dist.sh: `make install` and the systemd units.  Installs into
# a temporary DESTDIR with PREFIX=/usr, checks what lands where (the unit
# names the installed binary), and runs `systemd-analyze verify` on the
# installed units, which must print nothing at all: no warning, no error
# (it needs the binary at the path ExecStart names, so the check runs on
# a copy of the unit pointing at this build).  Prints TAP with
# "# pass N" / "# fail N" totals.
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
root=$dir/root
ok "make install" make --no-print-directory -s install DESTDIR="$root" PREFIX=/usr
ok "binary" test -x "$root/usr/bin/samla"
ok "  runs" "$root/usr/bin/samla" version
ok "service unit" test -f "$root/usr/lib/systemd/system/samla.service"
ok "  names the installed binary" grep -qx 'ExecStart=/usr/bin/samla serve --data /var/lib/samla' \
    "$root/usr/lib/systemd/system/samla.service"
ok "socket unit" test -f "$root/usr/lib/systemd/system/samla.socket"
ok "system user" grep -q '^u samla ' "$root/usr/lib/sysusers.d/samla.conf"
ok "settings file" test -f "$root/etc/samla/samla.env"
ok "settings file kept on a second install" sh -c "echo SAMLA_PER_CLIENT=32 >> '$root/etc/samla/samla.env' &&
    make --no-print-directory -s install DESTDIR='$root' PREFIX=/usr && grep -q SAMLA_PER_CLIENT=32 '$root/etc/samla/samla.env'"
# systemd-analyze verify: the units as installed, with ExecStart pointing at
# this build (verify checks that the binary exists).
mkdir "$dir/units"
sed "s|^ExecStart=/usr/bin/samla |ExecStart=$(readlink -f "$bin") |" "$root/usr/lib/systemd/system/samla.service" \
    >"$dir/units/samla.service"
cp "$root/usr/lib/systemd/system/samla.socket" "$dir/units/"
verify() {
    SYSTEMD_LOG_LEVEL=notice systemd-analyze verify --man=no "$dir/units/samla.socket" "$dir/units/samla.service" \
        >"$dir/verify.txt" 2>&1
    rc=$?
    cat "$dir/verify.txt"
    [ $rc -eq 0 ] && [ ! -s "$dir/verify.txt" ]
}
ok "systemd-analyze verify: no warnings" verify
ok "hardening: the usual settings" sh -c "for k in User=samla ProtectSystem=strict NoNewPrivileges=yes PrivateTmp=yes \
    ReadWritePaths=/var/lib/samla Type=notify WatchdogSec=30; do grep -qx \"\$k\" '$dir/units/samla.service' || { echo missing \$k; exit 1; }; done"
echo "1..$n"
echo "# pass $pass"
echo "# fail $fail"
[ "$fail" -eq 0 ]
