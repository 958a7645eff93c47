"""iCalendar (RFC 5545) feed of deadlines, written by hand: a few dozen lines do not justify a
dependency, and the rules that matter are all here.

* Content lines end with CRLF (RFC 5545 §3.1).
* Lines longer than 75 octets, excluding the line break, are folded by inserting CRLF followed
  by one space; the octets are counted in UTF-8 and a multi-octet character is never split
  (§3.1: "care must be taken not to split a multi-octet sequence").
* TEXT values escape backslash, semicolon and comma with a backslash and encode line breaks as
  ``\\n`` (§3.3.11).
* Due dates are all-day events: ``DTSTART;VALUE=DATE`` with an exclusive ``DTEND`` the next
  day (§3.6.1, §3.3.4); ``DTSTAMP`` is in UTC (§3.8.7.2, §3.3.5 form 2).
* ``SEQUENCE`` (§3.8.7.4) lets the caller signal that a deadline moved, so that calendar clients
  replace the event instead of keeping a stale copy.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

CRLF = "\r\n"
MAX_LINE_OCTETS = 75
DEFAULT_PRODID = "-//Ilot//Deadlines 1.0//FR"

# Control characters other than HTAB are not allowed in property values (§3.1, "CONTROL");
# line breaks in TEXT are escaped before this check applies.
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


@dataclass(frozen=True)
class CalendarEvent:
    """One all-day event. ``uid`` must be globally unique and stable for the same deadline
    (e.g. ``"checklist-item-42@ilot.example"``) so that re-downloading the feed updates it."""

    uid: str
    start: date
    summary: str
    description: str = ""
    url: str | None = None
    end: date | None = None  # exclusive; defaults to the day after ``start``
    categories: tuple[str, ...] = ()
    sequence: int = 0


def escape_text(value: str) -> str:
    """Escape a TEXT value (RFC 5545 §3.3.11). Backslashes first, so that the escapes added
    for the other characters are not themselves doubled."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    if _CONTROL.search(value):
        raise ValueError("control characters are not allowed in iCalendar text")
    return value


def fold_line(line: str) -> str:
    """Fold one content line at 75 octets (RFC 5545 §3.1), never inside a UTF-8 sequence.

    Returns the folded line without its final CRLF. Continuation lines start with a space that
    counts towards their 75 octets.
    """
    if len(line.encode("utf-8")) <= MAX_LINE_OCTETS:
        return line
    parts: list[str] = []
    current: list[str] = []
    size = 0
    limit = MAX_LINE_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append("".join(current))
            current, size = [], 0
            limit = MAX_LINE_OCTETS - 1  # room for the leading space of the continuation
        current.append(char)
        size += width
    parts.append("".join(current))
    return (CRLF + " ").join(parts)


def _date(value: date) -> str:
    if isinstance(value, datetime):
        raise TypeError("all-day events take a date, not a datetime")
    return value.strftime("%Y%m%d")


def _utc(value: datetime) -> str:
    if value.tzinfo is None:
        # A naive timestamp has no defined instant; refusing beats silently guessing.
        raise ValueError("DTSTAMP needs an aware datetime")
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _uri(value: str) -> str:
    # URI values are not TEXT: no escaping, but they must be a single line without controls.
    if _CONTROL.search(value) or "\t" in value or " " in value:
        raise ValueError(f"not a valid URI for iCalendar: {value!r}")
    return value


def _event_lines(event: CalendarEvent, stamp: str) -> list[str]:
    end = event.end or event.start + timedelta(days=1)
    if end <= event.start:
        raise ValueError(f"event {event.uid}: end must be after start")
    lines = [
        "BEGIN:VEVENT",
        f"UID:{escape_text(event.uid)}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{_date(event.start)}",
        f"DTEND;VALUE=DATE:{_date(end)}",
        f"SUMMARY:{escape_text(event.summary)}",
    ]
    if event.description:
        lines.append(f"DESCRIPTION:{escape_text(event.description)}")
    if event.url:
        lines.append(f"URL:{_uri(event.url)}")
    if event.categories:
        lines.append("CATEGORIES:" + ",".join(escape_text(c) for c in event.categories))
    if event.sequence:
        lines.append(f"SEQUENCE:{int(event.sequence)}")
    # A deadline does not make anyone busy: keep free/busy lookups unaffected.
    lines += ["TRANSP:TRANSPARENT", "END:VEVENT"]
    return lines


def render_calendar(
    events: Iterable[CalendarEvent],
    *,
    stamp: datetime,
    name: str = "Ilot",
    prodid: str = DEFAULT_PRODID,
) -> str:
    """A complete VCALENDAR document, CRLF-terminated and folded, events sorted by date then
    UID so that the same data always gives the same bytes (caches and ETags can rely on it).
    ``stamp`` is when the feed was generated (DTSTAMP of every event)."""
    dtstamp = _utc(stamp)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{escape_text(prodid)}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"NAME:{escape_text(name)}",  # RFC 7986 §5.1
        f"X-WR-CALNAME:{escape_text(name)}",  # the de facto name for older clients
        "REFRESH-INTERVAL;VALUE=DURATION:PT1H",  # RFC 7986 §5.7
    ]
    seen: set[str] = set()
    for event in sorted(events, key=lambda e: (e.start, e.uid)):
        if event.uid in seen:
            raise ValueError(f"duplicate event UID {event.uid!r}")
        seen.add(event.uid)
        lines += _event_lines(event, dtstamp)
    lines.append("END:VCALENDAR")
    return "".join(fold_line(line) + CRLF for line in lines)
