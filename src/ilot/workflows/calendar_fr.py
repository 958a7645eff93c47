"""French public holidays and business-day arithmetic.

Public holidays (jours fériés) are those listed by article L3133-1 of the Code du travail:
1 January, Easter Monday, 1 May, 8 May, Ascension Day, Whit Monday, 14 July, 15 August,
1 November, 11 November and 25 December. Easter Sunday and Whit Sunday are Sundays, hence never
business days anyway, and are not listed separately.

In the three departments of Alsace-Moselle (Bas-Rhin, Haut-Rhin, Moselle) article L3134-13 of
the Code du travail adds Good Friday (legally only in communes with a Protestant temple or a
mixed church, in practice observed across the three departments) and 26 December
(Saint-Étienne). They are an option: a dossier whose court, notary or site is there may need them.

A "business day" here is a jour ouvré: Monday to Friday, not a public holiday. That is what art.
642 of the Code de procédure civile needs ("samedi, dimanche ou jour férié ou chômé" are not
days on which a deadline may expire). Whit Monday stays a public holiday even where it is worked
as the "journée de solidarité" (L3133-7): courts and registries treat it as a holiday.

Everything here is pure and cached per year; dates are naive ``datetime.date`` values understood
in Europe/Paris.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from types import MappingProxyType
from typing import Literal

Lang = Literal["fr", "en"]

# Monday = 0 ... Sunday = 6, as in date.weekday().
_SATURDAY = 5


@dataclass(frozen=True)
class Holiday:
    """One public holiday: its date, a stable code and its names in French and English."""

    day: date
    code: str
    name_fr: str
    name_en: str

    def name(self, lang: Lang = "fr") -> str:
        return self.name_fr if lang == "fr" else self.name_en


def easter_sunday(year: int) -> date:
    """Easter Sunday of ``year`` in the Gregorian calendar.

    The "anonymous Gregorian algorithm" (Meeus/Jones/Butcher), first published anonymously in
    Nature in 1876 and given by Jean Meeus, *Astronomical Algorithms* (1991), ch. 8. It is exact
    for every Gregorian year (1583 and later).
    """
    if year < 1583:
        raise ValueError("the Gregorian computus applies from 1583 on")
    a = year % 19  # position in the 19-year Metonic cycle
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3  # lunar correction
    h = (19 * a + b - d - g + 15) % 30  # epact-related: days from 21 March to the full moon
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7  # days from the full moon to the next Sunday
    m = (a + 11 * h + 22 * ell) // 451
    month, day0 = divmod(h + ell - 7 * m + 114, 31)
    return date(year, month, day0 + 1)


# Fixed-date holidays of L3133-1 Code du travail: (month, day, code, fr, en).
_FIXED: tuple[tuple[int, int, str, str, str], ...] = (
    (1, 1, "new_year", "Jour de l'an", "New Year's Day"),
    (5, 1, "labour_day", "Fête du Travail", "Labour Day"),
    (5, 8, "victory_1945", "Victoire 1945", "Victory in Europe Day"),
    (7, 14, "bastille_day", "Fête nationale", "Bastille Day"),
    (8, 15, "assumption", "Assomption", "Assumption Day"),
    (11, 1, "all_saints", "Toussaint", "All Saints' Day"),
    (11, 11, "armistice", "Armistice 1918", "Armistice Day"),
    (12, 25, "christmas", "Noël", "Christmas Day"),
)

# Holidays computed from Easter Sunday: (offset in days, code, fr, en).
_FROM_EASTER: tuple[tuple[int, str, str, str], ...] = (
    (1, "easter_monday", "Lundi de Pâques", "Easter Monday"),
    (39, "ascension", "Ascension", "Ascension Day"),
    (50, "whit_monday", "Lundi de Pentecôte", "Whit Monday"),
)


@lru_cache(maxsize=512)
def holidays(year: int, *, alsace_moselle: bool = False) -> Mapping[date, Holiday]:
    """The public holidays of ``year``, keyed by date in calendar order (metropolitan France
    by default; ``alsace_moselle`` adds the two local holidays).

    Read-only: the mapping is shared by the cache, so it is returned as a proxy.
    """
    result: dict[date, Holiday] = {}
    for month, day_, code, fr, en in _FIXED:
        d = date(year, month, day_)
        result[d] = Holiday(d, code, fr, en)
    easter = easter_sunday(year)
    for offset, code, fr, en in _FROM_EASTER:
        d = easter + timedelta(days=offset)
        result[d] = Holiday(d, code, fr, en)
    if alsace_moselle:
        # L3134-13 Code du travail (local law of Alsace-Moselle).
        good_friday = easter - timedelta(days=2)
        result[good_friday] = Holiday(good_friday, "good_friday", "Vendredi saint", "Good Friday")
        st_stephen = date(year, 12, 26)
        result[st_stephen] = Holiday(st_stephen, "st_stephen", "Saint-Étienne", "St Stephen's Day")
    return MappingProxyType(dict(sorted(result.items())))


def holiday_on(d: date, *, alsace_moselle: bool = False) -> Holiday | None:
    """The public holiday falling on ``d``, if any."""
    return holidays(d.year, alsace_moselle=alsace_moselle).get(d)


def is_weekend(d: date) -> bool:
    return d.weekday() >= _SATURDAY


def is_business_day(d: date, *, alsace_moselle: bool = False) -> bool:
    """Monday to Friday and not a public holiday (a jour ouvré)."""
    return not is_weekend(d) and holiday_on(d, alsace_moselle=alsace_moselle) is None


def next_business_day(d: date, *, include_self: bool = False, alsace_moselle: bool = False) -> date:
    """The first business day strictly after ``d`` (or ``d`` itself when ``include_self`` and
    ``d`` is a business day: the form art. 642 CPC needs)."""
    candidate = d if include_self else d + timedelta(days=1)
    # At most a handful of iterations: the longest run of non-business days is 4
    # (e.g. a Friday holiday, the weekend, and an Alsace-Moselle Monday).
    while not is_business_day(candidate, alsace_moselle=alsace_moselle):
        candidate += timedelta(days=1)
    return candidate


def previous_business_day(
    d: date, *, include_self: bool = False, alsace_moselle: bool = False
) -> date:
    """The last business day strictly before ``d`` (or ``d`` itself with ``include_self``)."""
    candidate = d if include_self else d - timedelta(days=1)
    while not is_business_day(candidate, alsace_moselle=alsace_moselle):
        candidate -= timedelta(days=1)
    return candidate


def add_business_days(d: date, n: int, *, alsace_moselle: bool = False) -> date:
    """``d`` moved by ``n`` business days (``n`` may be negative; ``0`` returns ``d`` as is).

    The starting day itself never counts, as in art. 641 CPC ("le jour de l'acte ... ne compte
    pas"), so adding 1 business day to a Friday gives the following Monday (if not a holiday).
    """
    step = timedelta(days=1 if n >= 0 else -1)
    remaining = abs(n)
    current = d
    while remaining:
        current += step
        if is_business_day(current, alsace_moselle=alsace_moselle):
            remaining -= 1
    return current


def business_days_between(start: date, end: date, *, alsace_moselle: bool = False) -> int:
    """Number of business days in the half-open interval (start, end]; negative if end < start."""
    if end < start:
        return -business_days_between(end, start, alsace_moselle=alsace_moselle)
    count = 0
    current = start
    while current < end:
        current += timedelta(days=1)
        if is_business_day(current, alsace_moselle=alsace_moselle):
            count += 1
    return count


def describe_day(d: date, *, lang: Lang = "fr", alsace_moselle: bool = False) -> str | None:
    """Why ``d`` is not a business day: ``"holiday: <name>"`` or ``"weekend"``; ``None`` if it is
    one. A holiday on a weekend is reported as the holiday (the more informative fact).

    The ``weekend``/``holiday:`` prefixes are stable tokens for templates to translate; the
    holiday's name is given in ``lang``.
    """
    holiday = holiday_on(d, alsace_moselle=alsace_moselle)
    if holiday is not None:
        return f"holiday: {holiday.name(lang)}"
    if is_weekend(d):
        return "weekend"
    return None
