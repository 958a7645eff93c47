"""iCalendar output, checked by an independent parser that unfolds and unescapes it."""

import re
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from ilot.workflows.ical import CalendarEvent, escape_text, fold_line, render_calendar

STAMP = datetime(2026, 12, 2, 5, 30, 0, tzinfo=UTC)


def unfold(text: str) -> list[str]:
    """RFC 5545 §3.1 unfolding: a CRLF followed by one space or tab is removed."""
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")  # no bare LF anywhere
    return re.sub(r"\r\n[ \t]", "", text).split("\r\n")[:-1]


def unescape(value: str) -> str:
    out, i = [], 0
    while i < len(value):
        if value[i] == "\\":
            nxt = value[i + 1]
            out.append({"n": "\n", "N": "\n"}.get(nxt, nxt))
            i += 2
        else:
            out.append(value[i])
            i += 1
    return "".join(out)


def parse_events(text: str) -> list[dict[str, str]]:
    events: list[dict[str, str]] = []
    current: dict[str, str] | None = None
    for line in unfold(text):
        name, _, value = line.partition(":")
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            assert current is not None
            events.append(current)
            current = None
        elif current is not None:
            current[name] = value
    return events


def test_escape_text() -> None:
    assert escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    assert escape_text("x\r\ny\rz") == "x\\ny\\nz"
    assert unescape(escape_text("Kbis; SCCV, \\ fin\nligne")) == "Kbis; SCCV, \\ fin\nligne"
    with pytest.raises(ValueError):
        escape_text("bell\x07")


def test_short_lines_are_not_folded() -> None:
    line = "SUMMARY:" + "x" * 67
    assert len(line) == 75
    assert fold_line(line) == line


def test_folding_limits_octets_and_keeps_utf8_sequences_whole() -> None:
    line = "DESCRIPTION:" + "é" * 100 + "€" * 30 + "a" * 50
    folded = fold_line(line)
    parts = folded.split("\r\n")
    assert len(parts) > 1
    for index, part in enumerate(parts):
        raw = part.encode("utf-8")
        assert len(raw) <= 75
        if index:
            assert part.startswith(" ")
        raw.decode("utf-8")  # each physical line is valid UTF-8: nothing split mid-character
    assert "".join(p[1:] if i else p for i, p in enumerate(parts)) == line
    # The first line is filled up to the limit.
    assert len(parts[0].encode("utf-8")) >= 74


def test_calendar_structure_and_round_trip() -> None:
    summary = "Fin du délai de recours des tiers, permis; SCCV Les Tilleuls \\ lot A"
    description = "Dépend de : affichage du 13/03/2026.\nPorté au 15/05 (Ascension)." * 3
    events = [
        CalendarEvent(
            uid="deadline-2@ilot.test",
            start=date(2026, 5, 15),
            summary=summary,
            description=description,
            url="https://ilot.test/dossiers/7/deadlines/2?lang=fr&x=1,2",
            categories=("Délai", "Urbanisme, permis"),
            sequence=2,
        ),
        CalendarEvent(uid="deadline-1@ilot.test", start=date(2026, 2, 28), summary="Kbis"),
    ]
    text = render_calendar(events, stamp=STAMP, name="Mes échéances")
    lines = unfold(text)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines and any(line.startswith("PRODID:") for line in lines)
    assert "X-WR-CALNAME:Mes échéances" in lines
    for physical in text.split("\r\n"):
        assert len(physical.encode("utf-8")) <= 75
    first, second = parse_events(text)
    assert first["UID"] == "deadline-1@ilot.test"  # sorted by date
    assert first["DTSTART;VALUE=DATE"] == "20260228"
    assert first["DTEND;VALUE=DATE"] == "20260301"
    assert first["DTSTAMP"] == "20261202T053000Z"
    assert "DESCRIPTION" not in first and "URL" not in first
    assert unescape(second["SUMMARY"]) == summary
    assert unescape(second["DESCRIPTION"]) == description
    assert second["URL"] == "https://ilot.test/dossiers/7/deadlines/2?lang=fr&x=1,2"
    assert second["CATEGORIES"] == "Délai,Urbanisme\\, permis"
    assert second["SEQUENCE"] == "2"
    assert second["DTSTART;VALUE=DATE"] == "20260515"


def test_output_is_deterministic_and_stamp_is_utc() -> None:
    events = [CalendarEvent(uid=f"e{i}", start=date(2026, 1, 1 + i), summary="s") for i in range(3)]
    paris = timezone(timedelta(hours=1))
    a = render_calendar(events, stamp=datetime(2026, 12, 2, 6, 30, tzinfo=paris))
    b = render_calendar(list(reversed(events)), stamp=STAMP)
    assert a == b
    assert "DTSTAMP:20261202T053000Z" in a


def test_empty_calendar_is_valid() -> None:
    text = render_calendar([], stamp=STAMP)
    assert unfold(text)[0] == "BEGIN:VCALENDAR" and "BEGIN:VEVENT" not in text


@pytest.mark.parametrize(
    "bad",
    [
        [CalendarEvent(uid="a", start=date(2026, 1, 1), summary="s", url="http://x/ y")],
        [CalendarEvent(uid="a", start=date(2026, 1, 2), summary="s", end=date(2026, 1, 2))],
        [CalendarEvent(uid="a", start=date(2026, 1, 1), summary="s")] * 2,
        [CalendarEvent(uid="a", start=datetime(2026, 1, 1, 9, 0), summary="s")],
    ],
)
def test_bad_events_refused(bad: list[CalendarEvent]) -> None:
    with pytest.raises((ValueError, TypeError)):
        render_calendar(bad, stamp=STAMP)


def test_naive_stamp_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        render_calendar([], stamp=datetime(2026, 1, 1))
