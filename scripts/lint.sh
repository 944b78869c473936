#!/bin/sh
# lint.sh: the house rules that the compiler cannot check.  Prints one line
# per problem and exits 1 when there is any; prints "lint: ok" otherwise.
#  - layers point one way: base <- db <- app <- web <- cli
#  - inside app: a domain folder (app/<d>/) uses app/core/, its own folder,
#    and another domain only through that domain's door, app/<other>/<other>.h;
#    app/core/ uses no domain at all
#  - the web layer reaches a domain through its door and its
#    <d>_handlers.h only
#  - no SQL in handler files (web/, app/*/*_page.c, app/*/*_api.c)
#  - no sqlite3 calls outside src/db/
#  - no file over 1,200 lines
cd "$(dirname "$0")/.." || exit 2
bad=0
check() { # $1 = files, $2 = regex of forbidden include targets
    out=$(grep -nHE "#include +\"($2)/" $1 2>/dev/null)
    if [ -n "$out" ]; then echo "lint: include against the layers:"; echo "$out"; bad=1; fi
}
check 'src/base/*.[ch]' 'db|app|web|cli'
check 'src/db/*.[ch]' 'app|web|cli'
check 'src/app/*/*.[ch]' 'web|cli'
check 'src/web/*.[ch]' 'cli'
for dir in src/app/*/; do
    d=$(basename "$dir")
    for f in "$dir"*.[ch]; do
        [ -e "$f" ] || continue
        grep -oE '#include +"app/[a-z_]+/[a-z_]+\.h"' "$f" | sed -E 's/.*"app\/([a-z_]+)\/([a-z_]+)\.h"/\1 \2/' |
        while read -r od oh; do
            if [ "$od" = "$d" ] || [ "$od" = core -a "$d" != core ]; then continue; fi
            if [ "$d" = core ]; then
                echo "lint: $f: the core may not use a domain (app/$od/$oh.h)"; echo bad
            elif [ "$oh" != "$od" ]; then
                echo "lint: $f: reaches into domain $od past its door (app/$od/$oh.h; use app/$od/$od.h)"; echo bad
            fi
        done
    done
done > build/lint-domains.txt 2>/dev/null || true
if grep -q '^bad$' build/lint-domains.txt 2>/dev/null; then grep -v '^bad$' build/lint-domains.txt; bad=1; fi
out=$(grep -nHE '#include +"app/[a-z_]+/[a-z_]+\.h"' src/web/*.[ch] | grep -vE '"app/(core/[a-z_]+|([a-z_]+)/\2(_handlers)?)\.h"')
if [ -n "$out" ]; then echo "lint: the web layer reaches past a domain's door:"; echo "$out"; bad=1; fi
out=$(grep -lE 'sqlite3_|"(SELECT|INSERT|UPDATE|DELETE) ' src/web/*.c src/app/*/*_page.c src/app/*/*_api.c 2>/dev/null)
if [ -n "$out" ]; then echo "lint: SQL in handler files:"; echo "$out"; bad=1; fi
out=$(grep -lE '\bsqlite3_[a-z_]+\(' src/base/*.c src/app/*/*.c src/web/*.c src/cli/*.c 2>/dev/null)
if [ -n "$out" ]; then echo "lint: sqlite3 calls outside src/db:"; echo "$out"; bad=1; fi
out=$(find src tests -name '*.[ch]' -exec wc -l {} + | awk '$2 != "total" && $1 > 1200 {print "  " $2 " (" $1 " lines)"}')
if [ -n "$out" ]; then echo "lint: files over 1,200 lines:"; echo "$out"; bad=1; fi
[ $bad = 0 ] && echo "lint: ok"
exit $bad
