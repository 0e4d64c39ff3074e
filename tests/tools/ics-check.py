#!/usr/bin/python3
"""Read an iCalendar file written by koers back with python3-icalendar and
compare every event with the fixture it was made from.

Usage: ics-check.py FIXTURE.tsv FILE.ics

Checks, each against an independent expectation:
  - the raw file: CRLF line ends only, every physical line at most 75 octets
    and valid UTF-8 on its own (folding never splits a character);
  - icalendar parses it; one VEVENT per fixture row, no more, no less;
  - UID, SUMMARY, DESCRIPTION, CATEGORIES, STATUS, URL equal the fixture text;
  - DTSTART as icalendar resolves it (through pytz and the TZID) is the UTC
    instant computed by hand in the fixture's second column;
  - the same DTSTART resolved through the file's own VTIMEZONE (its
    STANDARD/DAYLIGHT onsets and offsets, read here) gives that instant too;
  - DTEND or DURATION gives the fixture's length.
Prints TAP-like lines; exits 1 on any difference.
"""
import sys
from datetime import datetime, timedelta, timezone

import icalendar

NCOL = 9


def unescape(s):
    out, i = [], 0
    while i < len(s):
        if s[i] == "\\" and i + 1 < len(s):
            c = s[i + 1]
            out.append({"n": "\n", "t": "\t", "r": "\r"}.get(c, c))
            i += 2
        else:
            out.append(s[i])
            i += 1
    return "".join(out)


def koers_text(s):
    """What the writer must make of a text: line breaks as LF, controls out."""
    s = s.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(c for c in s if c in "\n\t" or not (ord(c) < 0x20 or ord(c) == 0x7F))


def vtimezone_onsets(cal):
    """{tzid: [(onset_utc, offset_to_seconds)]} from the file's VTIMEZONEs."""
    zones = {}
    for vtz in cal.walk("VTIMEZONE"):
        onsets = []
        for sub in vtz.subcomponents:
            local = sub.decoded("DTSTART")  # naive local time of the onset
            frm = int(sub.decoded("TZOFFSETFROM").total_seconds())
            to = int(sub.decoded("TZOFFSETTO").total_seconds())
            onset = local.replace(tzinfo=timezone.utc) - timedelta(seconds=frm)
            onsets.append((onset, to))
        zones[str(vtz["TZID"])] = sorted(onsets)
    return zones


def resolve(onsets, naive):
    """UTC instant of a local time under the VTIMEZONE: the earliest instant
    whose offset in force, applied to it, gives back the local time."""
    local = naive.replace(tzinfo=timezone.utc)
    hits = []
    for off in {o for _, o in onsets}:
        t = local - timedelta(seconds=off)
        in_force = [o for at, o in onsets if at <= t]
        if in_force and in_force[-1] == off:
            hits.append(t)
    return min(hits) if hits else None


def main():
    fixture, path = sys.argv[1], sys.argv[2]
    rows = []
    for line in open(fixture, encoding="utf-8", newline="\n"):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        cols = line.split("\t")
        assert len(cols) == NCOL, line
        rows.append(cols)

    raw = open(path, "rb").read()
    problems = []
    n = 0

    def check(ok, what):
        nonlocal n
        n += 1
        print(("ok %d - %s" if ok else "not ok %d - %s") % (n, what))
        if not ok:
            problems.append(what)

    check(raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
          and b"\r" not in raw.replace(b"\r\n", b""), "CRLF line ends only")
    physical = raw.split(b"\r\n")[:-1]
    check(all(len(p) <= 75 for p in physical), "every physical line <= 75 octets")
    bad = 0
    for p in physical:
        try:
            p.decode("utf-8", "strict")
        except UnicodeDecodeError:
            bad += 1
    check(bad == 0, "every physical line is valid UTF-8 by itself (%d bad)" % bad)
    logical = raw.replace(b"\r\n ", b"").split(b"\r\n")[:-1]
    check(any(p.startswith(b" ") for p in physical) == any(len(x) > 75 for x in logical),
          "lines are folded exactly when longer than 75 octets")

    cal = icalendar.Calendar.from_ical(raw)
    zones = vtimezone_onsets(cal)
    events = {str(ev["UID"]): ev for ev in cal.walk("VEVENT")}
    check(len(events) == len(rows) == len(cal.walk("VEVENT")),
          "%d events for %d fixture rows" % (len(events), len(rows)))

    for cols in rows:
        uid, want_utc, _local, length, status, cats, url, summary, desc = cols
        ev = events.get(uid)
        check(ev is not None, "%s present" % uid)
        if ev is None:
            continue
        want = datetime.strptime(want_utc, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
        start = ev.decoded("DTSTART")
        check(start.astimezone(timezone.utc) == want,
              "%s DTSTART %s is %s (icalendar/pytz)" % (uid, start.isoformat(), want_utc))
        prop = ev["DTSTART"]
        tzid = prop.params.get("TZID")
        if tzid:
            mine = resolve(zones[tzid], start.replace(tzinfo=None))
            check(mine == want, "%s DTSTART through the file's VTIMEZONE is %s (got %s)"
                  % (uid, want_utc, mine))
        else:
            check(start.utcoffset() == timedelta(0),
                  "%s DTSTART without TZID is UTC" % uid)
        if length.startswith("end:"):
            endlocal = datetime.strptime(length[4:], "%Y-%m-%dT%H:%M")
            check("DTEND" in ev and ev.decoded("DTEND").replace(tzinfo=None) == endlocal,
                  "%s DTEND" % uid)
        else:
            check(ev.decoded("DURATION") == timedelta(minutes=int(length)),
                  "%s DURATION" % uid)
        check(str(ev["SUMMARY"]) == koers_text(unescape(summary)), "%s SUMMARY" % uid)
        check(str(ev["DESCRIPTION"]) == koers_text(unescape(desc)), "%s DESCRIPTION" % uid)
        want_cats = [] if cats == "-" else [unescape(c) for c in cats.split("|")]
        got_cats = ev["CATEGORIES"].cats if "CATEGORIES" in ev else []
        # icalendar 4.0.3 unescapes before splitting on ',', so the fixture
        # keeps commas out of category names.
        check([str(c) for c in got_cats] == want_cats, "%s CATEGORIES %r" % (uid, got_cats))
        check(str(ev.get("STATUS", "-")) == status, "%s STATUS" % uid)
        check(str(ev.get("URL", "-")) == url, "%s URL" % uid)
        check("DTSTAMP" in ev, "%s DTSTAMP" % uid)

    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
