#!/usr/bin/env bash
# koers calendar ics: read back with python3-icalendar, every scheduled post
# must be one VEVENT with a stable UID, the same start instant, summary,
# description (every channel's text), URL and categories; times around the
# DST switch come back as the right UTC instants.
. "$(dirname "$0")/lib.sh"
export KOERS_NOW=2026-11-23T10:00:00Z
PY=/usr/bin/python3

koers workspace create fietsen --timezone Europe/Amsterdam >/dev/null
koers -w fietsen plan import "$EXAMPLES/fietsen-nl.yaml" >/dev/null
koers -w fietsen post import "$EXAMPLES/posts-fietsen.csv" >/dev/null
export KOERS_WORKSPACE=fietsen

cat >compare.py <<'PYEOF'
import json, sys, datetime
from icalendar import Calendar
posts = json.load(open(sys.argv[1]))
cal = Calendar.from_ical(open(sys.argv[2], 'rb').read())
want = {f"post-{p['id']}.fietsen@koers": p for p in posts
        if p['scheduled_utc'] and p['status'] in ('scheduled', 'published')}
events = {str(e['UID']): e for e in cal.walk('VEVENT')}
n = 0
def check(ok, what):
    global n
    n += 1
    print(("ok" if ok else "not ok") + f" {n} - {what}")
check(set(events) == set(want), f"{len(want)} scheduled posts, {len(events)} events")
for uid, p in sorted(want.items()):
    e = events.get(uid)
    if e is None:
        continue
    start = e.decoded('DTSTART').astimezone(datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ')
    check(start == p['scheduled_utc'], f"{uid} DTSTART {start}")
    desc = "\n\n".join(f"{c['channel']}:\n{c['text']}" for c in p['channels'])
    check(str(e['DESCRIPTION']) == desc, f"{uid} DESCRIPTION")
    chans = ", ".join(c['channel'] for c in p['channels'])
    check(str(e['SUMMARY']).startswith(f"[{chans}] "), f"{uid} SUMMARY")
    check(str(e.get('URL', '')) == (p['link'] or ''), f"{uid} URL")
    cats = [str(c) for c in e['CATEGORIES'].cats] if 'CATEGORIES' in e else []
    check(cats == [x for x in (p['pillar'], p['campaign'], p['persona']) if x], f"{uid} CATEGORIES")
    check(str(e['STATUS']) == 'CONFIRMED', f"{uid} STATUS")
check('VTIMEZONE' in [c.name for c in cal.subcomponents], "VTIMEZONE present")
PYEOF

test_expect_success 'every scheduled post is one event read back by python3-icalendar' '
	koers calendar ics -o cal.ics 2>err &&
	grep -q "events written to cal.ics" err &&
	koers --json post export --format json >posts.json &&
	$PY compare.py posts.json cal.ics >tap &&
	! grep -q "^not ok" tap && grep -c "^ok" tap >n && test "$(cat n)" -gt 60
'

test_expect_success 'the checker notices a missing event' '
	sed "/^BEGIN:VEVENT/,/^END:VEVENT/{/UID:post-1\./s/post-1\./post-999./}" cal.ics >broken.ics &&
	$PY compare.py posts.json broken.ics >tap2 &&
	grep -q "^not ok 1 " tap2
'

test_expect_success 'UIDs are stable across exports; lines are CRLF and at most 75 octets' '
	koers calendar ics >again.ics &&
	test_cmp cal.ics again.ics &&
	! grep -v "$(printf "\r")$" cal.ics &&
	tr -d "\r" <cal.ics | awk "length(\$0) > 75 { bad = 1 } END { exit bad }" &&
	grep -q "^ .*" cal.ics
'

test_expect_success 'DST: 09:00 local before and after the switch, and escaping of ; , \\' '
	koers post add --as sanne -c fb --text "Voor; de, switch \\ ok" --at 2026-03-28T09:00 >/dev/null &&
	koers post add --as sanne -c fb --text "Na de switch" --at 2026-03-30T09:00 >/dev/null &&
	for id in $(koers --json post list --from 2026-03-28 --to 2026-03-30 | json_get "\" \".join(str(p[\"id\"]) for p in j)"); do
		koers post submit $id --as sanne >/dev/null && koers post approve $id --as joost >/dev/null &&
		koers post schedule $id --as sanne >/dev/null || return 1
	done &&
	koers calendar ics -o dst.ics 2>/dev/null &&
	tr -d "\r" <dst.ics >dst.txt &&
	grep -q "^DTSTART;TZID=Europe/Amsterdam:20260328T090000$" dst.txt &&
	grep -q "^DTSTART;TZID=Europe/Amsterdam:20260330T090000$" dst.txt &&
	grep -q "Voor\\\\; de\\\\, switch \\\\\\\\ ok" dst.txt &&
	koers --json post export --format json >posts2.json &&
	$PY compare.py posts2.json dst.ics >tap3 &&
	! grep -q "^not ok" tap3
'

test_expect_success '--all adds approved and draft posts as tentative' '
	koers calendar ics --all >all.ics &&
	test "$(grep -c "^BEGIN:VEVENT" all.ics)" -gt "$(grep -c "^BEGIN:VEVENT" dst.ics)" &&
	grep -q "^STATUS:TENTATIVE" all.ics
'

echo "1..$test_count"
