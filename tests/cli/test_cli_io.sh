#!/bin/sh
# test_cli_io.sh: `samla export measures` and `samla import measures`
# through the real binary: round trips in all three formats, the problem
# lines and exit codes (0 valid, 1 problems, 2 usage), --apply, and that a
# check writes nothing.  Prints TAP with "# pass N" / "# fail N" totals.
#   SAMLA_BIN=build/asan/samla tests/cli/test_cli_io.sh
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
    if "$@" >"$dir/out" 2>"$dir/err"; then
        pass=$((pass + 1))
        echo "ok $n - $desc"
    else
        fail=$((fail + 1))
        echo "not ok $n - $desc"
        sed 's/^/#   /' "$dir/out" "$dir/err"
    fi
}
exits() { # exits CODE COMMAND...: the command exits with CODE
    code=$1
    shift
    "$@"
    [ $? -eq "$code" ]
}

"$bin" init --data "$dir/d" --demo >/dev/null || { echo "Bail out! init failed"; exit 1; }
# Every measure of the demo: 22 of 2021–2025 and 17 of 2025– (carried over and new).
for f in csv xlsx json; do
    ok "export $f" "$bin" export measures --data "$dir/d" --format $f -o "$dir/t.$f"
    ok "import unchanged $f" sh -c "'$bin' import measures '$dir/t.$f' --data '$dir/d' | grep -qx '0 to create, 0 to change, 39 unchanged'"
done
ok "csv starts with a BOM" sh -c "head -c 3 '$dir/t.csv' | od -An -tx1 | grep -q 'ef bb bf'"
ok "xlsx to a pipe" sh -c "'$bin' export measures --data '$dir/d' --format xlsx --strategy 2021-2025 | head -c 2 | grep -q PK"
ok "json to stdout" sh -c "'$bin' export measures --data '$dir/d' --format json | grep -q '\"measures\"'"
printf 'strategy;number;status\r\n2021-2025;1.1;tull\r\n2021-2025;1.2;planned\r\n' >"$dir/bad.csv"
ok "problems exit 1" exits 1 "$bin" import measures "$dir/bad.csv" --data "$dir/d" --apply
ok "problem line" sh -c "'$bin' import measures '$dir/bad.csv' --data '$dir/d' | grep -q '^line 2, column status: Ukjent status «tull». Tillatte verdier: '"
printf 'strategy,number,status\n2021-2025,1.2,delayed\n' >"$dir/ok.txt"
ok "check only" sh -c "'$bin' import measures '$dir/ok.txt' --data '$dir/d' | grep -qx '0 to create, 1 to change, 0 unchanged'"
ok "check wrote nothing" sh -c "'$bin' import measures '$dir/ok.txt' --data '$dir/d' | grep -qx '0 to create, 1 to change, 0 unchanged'"
ok "apply" sh -c "'$bin' import measures '$dir/ok.txt' --data '$dir/d' --apply | grep -qx '0 created, 1 changed, 0 unchanged'"
ok "applied" sh -c "'$bin' import measures '$dir/ok.txt' --data '$dir/d' | grep -qx '0 to create, 0 to change, 1 unchanged'"
ok "audit intact" "$bin" audit verify --data "$dir/d"
ok "usage: no format" exits 2 "$bin" export measures --data "$dir/d"
ok "usage: bad format" exits 2 "$bin" export measures --data "$dir/d" --format xls
ok "usage: no file" exits 2 "$bin" import measures --data "$dir/d"
ok "usage: not measures" exits 2 "$bin" import users "$dir/ok.txt" --data "$dir/d"
ok "unknown strategy" exits 1 "$bin" export measures --data "$dir/d" --format csv --strategy 1999
ok "missing file" exits 1 "$bin" import measures "$dir/nope.csv" --data "$dir/d"
echo "1..$n"
echo "# pass $pass"
echo "# fail $fail"
[ "$fail" -eq 0 ]
