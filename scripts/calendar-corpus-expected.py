#!/usr/bin/env python3
"""Writes the expected busy intervals of each calendar in tests/calendars/ from an independent
reader: Python's icalendar and recurring-ical-events (pip install icalendar
recurring-ical-events). Usage: scripts/calendar-corpus-expected.py [FILE.ics ...]

Busy as Tugi means it: every occurrence inside the twelve weeks from NOW, except free
(TRANSP:TRANSPARENT), cancelled and Tugi's own (UID ending in @tugi) events; floating times and
dates in Europe/Tallinn; spans clipped to the window, merged when they touch. Events the file
marks with a comment line `X-CORPUS-SKIPPED:<UID>` in tests/calendars/skipped.txt are those Tugi
must leave out (unreadable); the reader here is told to leave them out too. The `events` and
`skipped` counts written into each .expected file are Tugi's own, checked by the test."""
import datetime as dt
import pathlib
import sys
import zoneinfo

import icalendar
import recurring_ical_events

ROOT = pathlib.Path(__file__).resolve().parent.parent / "tests" / "calendars"
TALLINN = zoneinfo.ZoneInfo("Europe/Tallinn")
NOW = dt.datetime(2026, 10, 5, tzinfo=dt.timezone.utc)
END = NOW + dt.timedelta(days=84)


def skipped_uids():
    out = {}
    for line in (ROOT / "skipped.txt").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, uid = line.split(None, 1)
            out.setdefault(name, set()).add(uid.strip())
    return out


def prepare(text):
    """What any reader must do first with these files: no BOM, a bare VEVENT wrapped."""
    text = text.lstrip("\ufeff")
    if "BEGIN:VCALENDAR" not in text.upper():
        text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + text + "END:VCALENDAR\r\n"
    return text


def instant(value):
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=TALLINN)
        return value.astimezone(dt.timezone.utc)
    return dt.datetime.combine(value, dt.time(), TALLINN).astimezone(dt.timezone.utc)


def busy(path, leave_out):
    cal = icalendar.Calendar.from_ical(prepare(path.read_text(encoding="utf-8")))
    cal.subcomponents = [c for c in cal.subcomponents if str(c.get("UID", "")) not in leave_out]
    # RFC 5545 (3.8.5.3): a series whose length is given by DTEND keeps that exact length in
    # every occurrence, even one starting in the repeated hour of a clock change; the reader here
    # keeps the wall-clock length instead, so the exact one is put back for unchanged occurrences
    # that have the series' length (not a changed one, nor an RDATE period with its own).
    exact, changed = {}, set()
    for master in cal.walk("VEVENT"):
        uid = str(master.get("UID", ""))
        if "RECURRENCE-ID" in master:
            changed.add((uid, instant(master["RECURRENCE-ID"].dt)))
        elif "DTEND" in master and isinstance(master["DTSTART"].dt, dt.datetime):
            wall = master["DTEND"].dt.replace(tzinfo=None) - master["DTSTART"].dt.replace(tzinfo=None)
            exact[uid] = (wall, instant(master["DTEND"].dt) - instant(master["DTSTART"].dt))
    spans = []
    for event in recurring_ical_events.of(cal).between(NOW, END):
        uid = str(event.get("UID", ""))
        if uid.endswith("@tugi"):
            continue
        if str(event.get("TRANSP", "")).upper() == "TRANSPARENT":
            continue
        if str(event.get("STATUS", "")).upper() == "CANCELLED":
            continue
        start = instant(event["DTSTART"].dt)
        end = instant(event["DTEND"].dt) if "DTEND" in event else start
        original = event.get("RECURRENCE-ID")
        original = instant(original.dt) if original is not None else start
        own_wall = None
        if "DTEND" in event and isinstance(event["DTSTART"].dt, dt.datetime):
            own_wall = event["DTEND"].dt.replace(tzinfo=None) - event["DTSTART"].dt.replace(tzinfo=None)
        # Only an occurrence with the series' own length (an RDATE period has its own).
        if uid in exact and (uid, original) not in changed and own_wall == exact[uid][0]:
            end = start + exact[uid][1]
        start, end = max(start, NOW), min(end, END)
        if start < end:
            spans.append((start, end))
    spans.sort()
    merged = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def main():
    leave_out = skipped_uids()
    paths = [pathlib.Path(p) for p in sys.argv[1:]] or sorted(ROOT.glob("*.ics"))
    fmt = "%Y-%m-%dT%H:%M:%SZ"
    for path in paths:
        spans = busy(path, leave_out.get(path.name, set()))
        expected = path.with_suffix(".expected")
        # Keep the counts line Tugi's test checks; the intervals are rewritten.
        counts = "events ? skipped ?"
        if expected.exists():
            counts = expected.read_text().splitlines()[0]
        lines = [counts] + [f"{s.strftime(fmt)} {e.strftime(fmt)}" for s, e in spans]
        expected.write_text("\n".join(lines) + "\n")
        print(f"{path.name}: {len(spans)} spans")


if __name__ == "__main__":
    main()
