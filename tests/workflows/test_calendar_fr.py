"""French public holidays and business-day arithmetic."""

from datetime import date

import pytest

from ilot.workflows import calendar_fr as cal


@pytest.mark.parametrize(
    ("year", "easter"),
    [
        (2024, date(2024, 3, 31)),
        (2025, date(2025, 4, 20)),
        (2026, date(2026, 4, 5)),
        (2027, date(2027, 3, 28)),
        (2038, date(2038, 4, 25)),  # latest possible date
        (2285, date(2285, 3, 22)),  # earliest possible date
        (2000, date(2000, 4, 23)),
        (1818, date(1818, 3, 22)),
    ],
)
def test_easter_sunday(year: int, easter: date) -> None:
    assert cal.easter_sunday(year) == easter


def test_easter_is_always_a_sunday_in_its_window() -> None:
    for year in range(1900, 2200):
        easter = cal.easter_sunday(year)
        assert easter.weekday() == 6
        assert date(year, 3, 22) <= easter <= date(year, 4, 25)


def test_movable_holidays_2026() -> None:
    h = cal.holidays(2026)
    assert h[date(2026, 4, 6)].code == "easter_monday"
    assert h[date(2026, 5, 14)].code == "ascension"
    assert h[date(2026, 5, 25)].code == "whit_monday"
    assert len(h) == 11
    assert list(h) == sorted(h)


def test_movable_holidays_2024_2025() -> None:
    assert cal.holiday_on(date(2024, 5, 9)).code == "ascension"  # type: ignore[union-attr]
    assert cal.holiday_on(date(2025, 5, 29)).code == "ascension"  # type: ignore[union-attr]
    assert cal.holiday_on(date(2025, 6, 9)).code == "whit_monday"  # type: ignore[union-attr]


def test_fixed_holidays() -> None:
    codes = {h.code for h in cal.holidays(2025).values()}
    assert {
        "new_year", "labour_day", "victory_1945", "bastille_day",
        "assumption", "all_saints", "armistice", "christmas",
    } <= codes  # fmt: skip


def test_alsace_moselle_extras_only_when_asked() -> None:
    good_friday = date(2026, 4, 3)
    st_stephen = date(2026, 12, 26)
    assert cal.holiday_on(good_friday) is None
    assert cal.is_business_day(good_friday)
    assert cal.holiday_on(good_friday, alsace_moselle=True).code == "good_friday"  # type: ignore[union-attr]
    assert not cal.is_business_day(good_friday, alsace_moselle=True)
    assert st_stephen in cal.holidays(2026, alsace_moselle=True)
    assert len(cal.holidays(2026, alsace_moselle=True)) == 13


def test_holidays_mapping_is_read_only() -> None:
    with pytest.raises(TypeError):
        cal.holidays(2026)[date(2026, 6, 1)] = None  # type: ignore[index]


def test_is_business_day() -> None:
    assert cal.is_business_day(date(2026, 5, 13))  # Wednesday
    assert not cal.is_business_day(date(2026, 5, 14))  # Ascension
    assert not cal.is_business_day(date(2026, 5, 16))  # Saturday
    assert not cal.is_business_day(date(2026, 5, 17))  # Sunday


def test_next_business_day() -> None:
    # Thursday 14 May 2026 is Ascension: Friday 15 is the next business day.
    assert cal.next_business_day(date(2026, 5, 13)) == date(2026, 5, 15)
    assert cal.next_business_day(date(2026, 5, 14), include_self=True) == date(2026, 5, 15)
    assert cal.next_business_day(date(2026, 5, 13), include_self=True) == date(2026, 5, 13)
    # Friday 22 May → Monday 25 is Whit Monday → Tuesday 26.
    assert cal.next_business_day(date(2026, 5, 22)) == date(2026, 5, 26)
    # Alsace-Moselle: Thursday 24 Dec 2026 → 25 and 26 are holidays, 27 Sunday → Monday 28.
    assert cal.next_business_day(date(2026, 12, 24), alsace_moselle=True) == date(2026, 12, 28)
    assert cal.previous_business_day(date(2026, 5, 26)) == date(2026, 5, 22)


def test_add_business_days() -> None:
    assert cal.add_business_days(date(2026, 5, 22), 1) == date(2026, 5, 26)
    assert cal.add_business_days(date(2026, 5, 12), 3) == date(2026, 5, 18)
    assert cal.add_business_days(date(2026, 5, 18), -3) == date(2026, 5, 12)
    assert cal.add_business_days(date(2026, 5, 16), 0) == date(2026, 5, 16)
    # Ten business days from 24 Dec 2026 skip Christmas, two weekends and New Year's Day.
    assert cal.add_business_days(date(2026, 12, 24), 10) == date(2027, 1, 11)


def test_business_days_between_is_inverse_of_add() -> None:
    start = date(2026, 4, 1)
    for n in range(0, 60, 7):
        end = cal.add_business_days(start, n)
        assert cal.business_days_between(start, end) == n
        assert cal.business_days_between(end, start) == -n


def test_describe_day() -> None:
    assert cal.describe_day(date(2026, 5, 13)) is None
    assert cal.describe_day(date(2026, 5, 16)) == "weekend"
    assert cal.describe_day(date(2026, 5, 14)) == "holiday: Ascension"
    assert cal.describe_day(date(2026, 5, 25), lang="en") == "holiday: Whit Monday"
    # 15 August 2026 is a Saturday: the holiday is the more informative fact.
    assert cal.describe_day(date(2026, 8, 15), lang="fr") == "holiday: Assomption"


def test_pre_gregorian_year_refused() -> None:
    with pytest.raises(ValueError, match="Gregorian"):
        cal.easter_sunday(1500)
