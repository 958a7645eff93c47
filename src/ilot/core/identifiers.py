"""French identifiers: SIREN/SIRET (Luhn) and IBAN (ISO 13616 mod-97)."""

from __future__ import annotations

import re


def luhn_valid(digits: str) -> bool:
    if not digits.isdigit():
        return False
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def normalise_siren(raw: str) -> str:
    return re.sub(r"[\s.\-]", "", raw or "")


def siren_valid(raw: str) -> bool:
    """A SIREN is 9 digits passing the Luhn check (INSEE)."""
    value = normalise_siren(raw)
    return len(value) == 9 and luhn_valid(value)


def siret_valid(raw: str) -> bool:
    """A SIRET is SIREN + 5-digit NIC, Luhn over 14 digits (La Poste's 356000000 is special)."""
    value = normalise_siren(raw)
    if len(value) != 14 or not value.isdigit():
        return False
    if value.startswith("356000000"):
        return sum(int(c) for c in value) % 5 == 0
    return luhn_valid(value)


def iban_valid(raw: str) -> bool:
    value = re.sub(r"\s", "", raw or "").upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{10,30}", value):
        return False
    rearranged = value[4:] + value[:4]
    numeric = "".join(str(int(ch, 36)) for ch in rearranged)
    return int(numeric) % 97 == 1
