#!/usr/bin/env bash
# iCalendar export: write calendars from fixtures with tests/tools/ics-write
# (the library's ics_write, until `koers calendar ics` exists) and read them
# back with python3-icalendar, comparing every event with the fixture:
# UID, start instant in UTC (computed by hand), summary, description,
# categories, status, URL, length; CRLF and folding at 75 octets.
. "$(dirname "$0")/lib.sh"

ICS_WRITE=$BUILD/tests/tools/ics-write
CHECK="${PYTHON:-/usr/bin/python3} $TOP/tests/tools/ics-check.py"

test_expect_success 'events across the 2026 DST switches in Amsterdam read back' '
	"$ICS_WRITE" Europe/Amsterdam "$TESTDATA/ics/amsterdam.tsv" 2026-11-23T17:00:00Z >ams.ics &&
	$CHECK "$TESTDATA/ics/amsterdam.tsv" ams.ics
'

test_expect_success 'VTIMEZONE covers 2026 and 2027 with CET/CEST onsets' '
	tr -d "\r" <ams.ics | sed -n "/BEGIN:VTIMEZONE/,/END:VTIMEZONE/p" >vtz &&
	grep -c "^BEGIN:DAYLIGHT" vtz >n && test "$(cat n)" = 2 &&
	grep -q "^DTSTART:20260329T020000" vtz &&
	grep -q "^DTSTART:20261025T030000" vtz &&
	grep -q "^DTSTART:20270328T020000" vtz &&
	grep -q "^DTSTART:20271031T030000" vtz
'

test_expect_success 'both 02:30s of the fall-back night are written in UTC' '
	tr -d "\r" <ams.ics >ams.txt &&
	grep -q "^DTSTART:20261025T003000Z" ams.txt &&
	grep -q "^DTSTART:20261025T013000Z" ams.txt &&
	! grep -q "^DTSTART;TZID=Europe/Amsterdam:20261025T023000" ams.txt &&
	grep -q "^DTSTART;TZID=Europe/Amsterdam:20261025T090000" ams.txt
'

test_expect_success 'Lord Howe: 30-minute DST read back' '
	"$ICS_WRITE" Australia/Lord_Howe "$TESTDATA/ics/lord_howe.tsv" 2026-11-23T17:00:00Z >lh.ics &&
	$CHECK "$TESTDATA/ics/lord_howe.tsv" lh.ics &&
	tr -d "\r" <lh.ics | grep -q "^TZOFFSETTO:+1030"
'

test_expect_success 'the checker notices a wrong start instant' '
	sed "s/2026-03-28T08:00:00Z/2026-03-28T09:00:00Z/" "$TESTDATA/ics/amsterdam.tsv" >wrong.tsv &&
	test_exit 1 $CHECK wrong.tsv ams.ics >out &&
	grep -q "^not ok .*post-101.*DTSTART" out
'

test_expect_success 'an unknown zone is refused with its name' '
	test_exit 1 "$ICS_WRITE" Europe/Atlantis "$TESTDATA/ics/amsterdam.tsv" 2026-11-23T17:00:00Z 2>err &&
	grep -q "Europe/Atlantis" err
'
