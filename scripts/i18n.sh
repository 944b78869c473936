#!/bin/sh
# i18n.sh: the message catalogues (po/nn.po, po/en.po) against the sources.
#
#   scripts/i18n.sh pot      extract build/samla.pot from src/ with xgettext
#   scripts/i18n.sh update   pot, then merge it into po/*.po (msgmerge): new
#                            texts appear untranslated, removed ones obsolete
#   scripts/i18n.sh check    pot, then the tests below; prints one "ok" /
#                            "not ok" line per test and "# pass N" / "# fail N"
#                            (counted by scripts/check.sh); exits 1 on failure
#
# Message ids are the bokmål texts (app/core/i18n.h): T(r, "…") and
# TF(r, "…", …) translate, N_("…") marks a text translated where it is
# shown, NT(r, singular, plural, n) and TC(r, context, "…") as ngettext and
# pgettext.  The tests, for each catalogue: msgfmt --check accepts it (the
# header, plural forms and printf conversions); its header names the
# language and the plural rule; every text the sources use has a
# translation that is neither empty nor fuzzy; and it holds nothing the
# sources no longer use (no obsolete entries either).
set -u
cd "$(dirname "$0")/.." || exit 2
LANGS="nn en"
POT=build/samla.pot

pot() {
    mkdir -p build
    # shellcheck disable=SC2046
    xgettext --language=C --from-code=UTF-8 --add-location=file --sort-by-file --no-wrap \
        --package-name=samla --add-comments=TRANSLATORS: \
        --keyword= --keyword=T:2 --keyword=N_:1 --keyword=NT:2,3 --keyword=TC:2c,3 --keyword=TF:2 \
        --keyword=i18n_get:2 --keyword=i18n_nget:2,3 --keyword=i18n_pget:2c,3 --keyword=i18n_printf:3 \
        --flag=TF:2:c-format --flag=i18n_printf:3:c-format --flag=err_set:3:c-format \
        -o "$POT.tmp" $(find src -name '*.c' | LC_ALL=C sort) 2>build/xgettext.log ||
        { cat build/xgettext.log >&2; return 1; }
    # xgettext's template header has placeholders; make it reproducible.
    sed -e 's/^"Content-Type: text\/plain; charset=CHARSET\\n"$/"Content-Type: text\/plain; charset=UTF-8\\n"/' \
        -e '/^"POT-Creation-Date: /d' "$POT.tmp" >"$POT" && rm -f "$POT.tmp"
}

case "${1:-}" in
pot)
    pot
    ;;
update)
    pot || exit 1
    for l in $LANGS; do
        msgmerge --quiet --update --backup=none --no-fuzzy-matching --add-location=file --no-wrap \
            "po/$l.po" "$POT" || exit 1
        msgattrib --no-obsolete --no-wrap --add-location=file -o "po/$l.po" "po/$l.po" || exit 1
    done
    ;;
check)
    n=0
    pass=0
    fail=0
    t() { # t NAME COMMAND...: one test
        n=$((n + 1))
        name=$1
        shift
        if out=$("$@" 2>&1); then
            pass=$((pass + 1))
            echo "ok $n - $name"
        else
            fail=$((fail + 1))
            echo "not ok $n - $name"
            printf '%s\n' "$out" | sed 's/^/  # /' | head -n 60
        fi
    }
    entries() { # the msgids (one per line) of the entries msgattrib prints
        grep -E '^msgid "' | grep -v '^msgid ""$' || true
    }
    none() { # none LABEL PO MSGATTRIB-OPTIONS...: no entry selected by the options
        label=$1
        po=$2
        shift 2
        found=$(msgattrib --no-wrap "$@" "$po" | entries)
        if [ -n "$found" ]; then
            echo "$po: $label:"
            printf '%s\n' "$found"
            return 1
        fi
    }
    header() { # the header fits the language and the plural rule of all three
        po=$1
        l=$2
        grep -q "^\"Language: $l\\\\n\"$" "$po" || { echo "$po: no \"Language: $l\" header"; return 1; }
        grep -q '^"Plural-Forms: nplurals=2; plural=(n != 1);\\n"$' "$po" ||
            { echo "$po: want \"Plural-Forms: nplurals=2; plural=(n != 1);\""; return 1; }
        grep -q '^"Content-Type: text/plain; charset=UTF-8\\n"$' "$po" || { echo "$po: not UTF-8"; return 1; }
    }
    missing() { # every msgid of the sources is translated (msgcmp: not empty, not fuzzy)
        msgcmp "$1" "$POT"
    }
    unused() { # every msgid of the catalogue is used by the sources
        msgcmp --use-untranslated "$POT" "$1"
    }
    if ! pot; then
        echo "not ok 1 - xgettext extracts the messages"
        echo "# pass 0"
        echo "# fail 1"
        exit 1
    fi
    t "xgettext extracts $(($(grep -c '^msgid ' "$POT") - 1)) messages" true
    for l in $LANGS; do
        po=po/$l.po
        t "$l: msgfmt --check" msgfmt --check -o /dev/null "$po"
        t "$l: header" header "$po" "$l"
        t "$l: every text of the sources is translated" missing "$po"
        t "$l: no fuzzy entries" none "fuzzy" "$po" --only-fuzzy
        t "$l: no untranslated entries" none "untranslated" "$po" --untranslated
        t "$l: no obsolete entries" none "obsolete" "$po" --only-obsolete
        t "$l: nothing the sources no longer use" unused "$po"
    done
    echo "# pass $pass"
    echo "# fail $fail"
    [ "$fail" -eq 0 ]
    ;;
*)
    echo "usage: scripts/i18n.sh pot|update|check" >&2
    exit 2
    ;;
esac
