#!/usr/bin/env bash
# The source tree keeps the house rules that a compiler does not check.
. "$(dirname "$0")/lib.sh"
cd "$TOP"

test_expect_success 'no banned string functions (strcpy, strcat, sprintf, strtok, gets)' '
	! grep -nE "\b(strcpy|strcat|strncpy|sprintf|vsprintf|strtok|gets)\(" src/*.c src/*/*.c
'
test_expect_success 'every header states what it is about and has an include guard' '
	for h in src/*/*.h; do
		head -n 3 "$h" | grep -q "^/\*" || { echo "$h: no leading comment"; exit 1; }
		grep -q "^#ifndef KOERS_" "$h" || { echo "$h: no include guard"; exit 1; }
	done
'
test_expect_success 'no SQL built by formatting strings' '
	! grep -nE "(xasprintf|snprintf|strbuf_addf)\([^;]*\"(SELECT|INSERT|UPDATE|DELETE) " src/*/*.c
'
test_expect_success 'po/nl.po is complete and valid' '
	msgfmt --check --statistics -o /dev/null po/nl.po 2>"$SCRATCH/stats" &&
	! grep -qE "untranslated|fuzzy" "$SCRATCH/stats"
'
test_expect_success 'every translatable string of the source is translated in po/nl.po' '
	xgettext $XGETTEXT_FLAGS -o "$SCRATCH/koers.pot" src/*.c src/*/*.c &&
	msgcmp po/nl.po "$SCRATCH/koers.pot"
'
