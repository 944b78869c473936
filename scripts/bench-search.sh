#!/usr/bin/env bash
# bench-search.sh: full-text search at size (part of make bench).
#
# `samla bench-data` fills a fresh database with BENCH_ARTICLES Norwegian
# articles (default 1,000,000) and indexes each with the same call every
# save makes, the same text also into a reference database with FTS5's
# default tokenizer (no stemming, no access filter) and into a text file;
# then `samla bench-search` runs two-word queries as a user who may read
# about a third of the articles — search_run: access filter, BM25 with the
# title weighted, count, facets and snippets — beside the same queries on
# the reference, and `grep -c` counts one word in the text file.  Prints
# everything and appends it to bench/out/latest.md.  Timings are figures,
# never test results.
#
#   BENCH_ARTICLES=N   articles (default 1000000; about 4 GB of disk and
#                      20–30 minutes on a 2-core machine)
#   BENCH_QUERIES=N    queries per kind (default 200)
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."
BIN=./build/samla
N=${BENCH_ARTICLES:-1000000}
Q=${BENCH_QUERIES:-200}
OUT_MD=bench/out/latest.md
mkdir -p bench/out
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
{
    echo "## Search at $N articles ($(date -u +%Y-%m-%dT%H:%MZ), load $(cut -d' ' -f1-3 /proc/loadavg))"
    echo
    echo '```'
    "$BIN" bench-data --data "$tmp/d" --articles "$N"
    echo "samla.db bytes $(stat -c %s "$tmp/d/samla.db")  reference.db bytes $(stat -c %s "$tmp/d/reference.db")"
    "$BIN" bench-search --data "$tmp/d" --queries "$Q"
    for w in barnehagene kommunene; do
        s=$(date +%s%N)
        c=$(grep -c -i -w "$w" "$tmp/d/corpus.txt" || true)
        e=$(date +%s%N)
        echo "grep -c -i -w $w corpus.txt: $c lines in $(( (e - s) / 1000000 )) ms"
    done
    echo '```'
} | tee -a "$OUT_MD"
