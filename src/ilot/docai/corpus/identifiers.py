"""Valid French business and banking identifiers for the synthetic corpus.

Every identifier passes the checks a real extractor applies (Luhn for SIREN/SIRET, the
DGFiP key for intracommunity VAT numbers, mod-97 for RIB keys and IBANs, the NIR key), so
that field extraction can be trained and tested on generated documents.
"""

from __future__ import annotations

import random
import string

# Real French bank codes and BIC prefixes: these are public facts and make RIBs look
# like the ones developers actually upload.
BANKS: list[tuple[str, str, str]] = [
    ("BNP Paribas", "30004", "BNPAFRPP"),
    ("Société Générale", "30003", "SOGEFRPP"),
    ("LCL - Le Crédit Lyonnais", "30002", "CRLYFRPP"),
    ("Crédit Agricole", "30006", "AGRIFRPP"),
    ("Crédit Mutuel", "10278", "CMCIFR2A"),
    ("CIC", "30066", "CMCIFRPP"),
    ("La Banque Postale", "20041", "PSSTFRPP"),
    ("Caisse d'Epargne", "17515", "CEPAFRPP"),
    ("Banque Populaire", "10207", "CCBPFRPP"),
    ("HSBC Continental Europe", "30056", "CCFRFRPP"),
    ("Crédit du Nord", "30076", "NORDFRPP"),
    ("Banque Palatine", "40978", "BSPFFRPP"),
    ("Arkéa Banque Entreprises", "15589", "CMBRFR2B"),
]


def luhn_ok(digits: str) -> bool:
    """Luhn check used by INSEE for SIREN and SIRET."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def _luhn_complete(prefix: str) -> str:
    for d in "0123456789":
        if luhn_ok(prefix + d):
            return prefix + d
    raise AssertionError("unreachable")


def siren(rng: random.Random) -> str:
    # First digit 1-9: SIRENs starting with 0 exist but look odd in documents.
    return _luhn_complete(str(rng.randint(1, 9)) + "".join(rng.choices(string.digits, k=7)))


def siret(rng: random.Random, siren_: str) -> str:
    # The NIC's last digit is a Luhn key over the 14 digits; head offices are often 0001x.
    nic4 = f"{rng.randint(1, 999):04d}" if rng.random() < 0.5 else "0001"
    return _luhn_complete(siren_ + nic4)


def vat_fr(siren_: str) -> str:
    key = (12 + 3 * (int(siren_) % 97)) % 97
    return f"FR{key:02d}{siren_}"


def vat_ok(vat: str) -> bool:
    v = vat.replace(" ", "")
    return (
        v.startswith("FR")
        and len(v) == 13
        and v[2:].isdigit()
        and int(v[2:4]) == (12 + 3 * (int(v[4:]) % 97)) % 97
    )


def rib_key(bank: str, branch: str, account: str) -> str:
    return f"{97 - ((89 * int(bank) + 15 * int(branch) + 3 * int(account)) % 97):02d}"


def _iban_check(country: str, bban: str) -> str:
    rearranged = bban + country + "00"
    numeric = "".join(str(int(c, 36)) for c in rearranged)
    return f"{98 - int(numeric) % 97:02d}"


def iban_ok(iban: str) -> bool:
    v = iban.replace(" ", "").upper()
    numeric = "".join(str(int(c, 36)) for c in v[4:] + v[:4])
    return len(v) >= 15 and int(numeric) % 97 == 1


def iban_fr(rng: random.Random, bank_code: str) -> tuple[str, str, str, str, str]:
    """Return (iban, bank code, branch code, account number, RIB key)."""
    branch = f"{rng.randint(1, 99999):05d}"
    account = "".join(rng.choices(string.digits, k=11))
    key = rib_key(bank_code, branch, account)
    bban = bank_code + branch + account + key
    return "FR" + _iban_check("FR", bban) + bban, bank_code, branch, account, key


def group4(s: str) -> str:
    return " ".join(s[i : i + 4] for i in range(0, len(s), 4))


def group_siren(s: str) -> str:
    return f"{s[:3]} {s[3:6]} {s[6:9]}" + (f" {s[9:]}" if len(s) > 9 else "")


def bic(rng: random.Random, prefix: str) -> str:
    return prefix + (rng.choice(["XXX", "", "", "PAR", "LYO"]))


def nir(rng: random.Random, sex: int, year: int, month: int, dept: str) -> str:
    """French social-security number with its 2-digit key."""
    body = f"{sex}{year % 100:02d}{month:02d}{dept[:2]:0>2}{rng.randint(1, 990):03d}"
    body += f"{rng.randint(1, 999):03d}"
    key = 97 - int(body) % 97
    return f"{body[0]} {body[1:3]} {body[3:5]} {body[5:7]} {body[7:10]} {body[10:13]} {key:02d}"


def permit_number(rng: random.Random, kind: str, insee: str, year: int) -> str:
    """Permit number as printed on arrêtés: PC 069 123 24 X0045."""
    letter = rng.choice("XABCDEFGHJ")
    return f"{kind} {insee[:2]:0>3} {insee[2:]} {year % 100:02d} {letter}{rng.randint(1, 999):04d}"


def ref(rng: random.Random, pattern: str) -> str:
    """Fill a pattern: '9' → digit, 'A' → capital letter, anything else kept."""
    out = []
    for ch in pattern:
        if ch == "9":
            out.append(rng.choice(string.digits))
        elif ch == "A":
            out.append(rng.choice(string.ascii_uppercase))
        else:
            out.append(ch)
    return "".join(out)
