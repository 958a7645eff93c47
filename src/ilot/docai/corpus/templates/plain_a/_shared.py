"""Helpers and constants shared by several modules of `plain_a`."""

from __future__ import annotations

import datetime as dt
import random
import unicodedata

from ...fakes import Company, World
from ...model import Cell

Rows = list[list[Cell]]


_FORM_LONG = {
    "": "société civile de construction vente",
    "SAS": "société par actions simplifiée",
    "SASU": "société par actions simplifiée unipersonnelle",
    "SARL": "société à responsabilité limitée",
    "EURL": "entreprise unipersonnelle à responsabilité limitée",
    "SA": "société anonyme",
    "SC": "société civile",
    "SELARL": "société d'exercice libéral à responsabilité limitée",
}


# Since 1 January 2025 these twelve commercial courts are "tribunaux des activités économiques".
_TAE_TOWNS = {
    "Avignon",
    "Auxerre",
    "Le Havre",
    "Le Mans",
    "Limoges",
    "Lyon",
    "Marseille",
    "Nancy",
    "Nanterre",
    "Paris",
    "Saint-Brieuc",
    "Versailles",
}


def _form(c: Company) -> str:
    return _FORM_LONG.get(c.form, "société")


def _plain(s: str) -> str:
    """Upper case without accents, as registry terminals and MRZ lines print names."""
    return "".join(
        ch for ch in unicodedata.normalize("NFD", s.upper()) if unicodedata.category(ch) != "Mn"
    )


def _add_months(d: dt.date, n: int) -> dt.date:
    m = d.month - 1 + n
    return dt.date(d.year + m // 12, m % 12 + 1, min(d.day, 28))


def _days(rng: random.Random, lo: int, hi: int) -> dt.timedelta:
    return dt.timedelta(days=rng.randint(lo, hi))


def _pct(x: float, dec: int = 1) -> str:
    return f"{x:.{dec}f}".replace(".", ",") + " %"


def _de(town: str) -> str:
    """French elision before a town name: de Lyon, du Mans, des Sables, d'Angers."""
    if town.startswith("Le "):
        return "du " + town[3:]
    if town.startswith("Les "):
        return "des " + town[4:]
    if town[0] in "AEIOUYÉ":
        return "d'" + town
    return "de " + town


def _greffe(c: Company, d: dt.date) -> str:
    town = c.rcs_town
    if c.address.postcode[:2] in ("57", "67", "68"):
        return f"Tribunal judiciaire {_de(town)} - registre du commerce et des sociétés"
    if town in _TAE_TOWNS and d >= dt.date(2025, 1, 1):
        return f"Greffe du tribunal des activités économiques {_de(town)}"
    return f"Greffe du tribunal de commerce {_de(town)}"


def _manager_title(c: Company) -> str:
    return "Gérant" if c.form in ("", "SARL", "SC", "EURL") else "Président"


def _two_partners(w: World, rng: random.Random) -> list[tuple[Company, int]]:
    """Partners of the SCCV and their share of the parts (in per cent, summing to 100)."""
    major = rng.choice([99, 90, 80, 70, 60, 51, 50])
    return [(w.developer, major), (w.holding, 100 - major)]
