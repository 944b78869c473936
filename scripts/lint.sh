#!/bin/sh
# lint.sh: the house rules that the compiler cannot check.  Prints one line
# per problem and exits 1 when there is any; prints "lint: ok" otherwise.
#  - layers point one way: base <- db <- app <- web <- cli
#  - no SQL in handler files (web/, app/*_page.c, app/*_api.c)
#  - no sqlite3 calls outside src/db/
#  - no file over 1,200 lines
cd "$(dirname "$0")/.." || exit 2
bad=0
check() { # $1 = layer, $2 = regex of forbidden include targets
    out=$(grep -nHE "#include +\"($2)/" src/$1/*.[ch] 2>/dev/null)
    if [ -n "$out" ]; then echo "lint: include against the layers:"; echo "$out"; bad=1; fi
}
check base 'db|app|web|cli'
check db 'app|web|cli'
check app 'web|cli'
check web 'cli'
out=$(grep -lE 'sqlite3_|"(SELECT|INSERT|UPDATE|DELETE) ' src/web/*.c src/app/*_page.c src/app/*_api.c 2>/dev/null)
if [ -n "$out" ]; then echo "lint: SQL in handler files:"; echo "$out"; bad=1; fi
out=$(grep -lE '\bsqlite3_[a-z_]+\(' src/base/*.c src/app/*.c src/web/*.c src/cli/*.c 2>/dev/null)
if [ -n "$out" ]; then echo "lint: sqlite3 calls outside src/db:"; echo "$out"; bad=1; fi
out=$(find src tests -name '*.[ch]' -exec wc -l {} + | awk '$2 != "total" && $1 > 1200 {print "  " $2 " (" $1 " lines)"}')
if [ -n "$out" ]; then echo "lint: files over 1,200 lines:"; echo "$out"; bad=1; fi
[ $bad = 0 ] && echo "lint: ok"
exit $bad
