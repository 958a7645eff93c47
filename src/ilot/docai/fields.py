"""Key fields of a document, each with its page (1-based) and a confidence.

Identifiers are checksum-validated: SIREN/SIRET with Luhn (INSEE; La Poste's SIRETs use the
digit-sum-mod-5 exception), French VAT keys with (12 + 3 * (SIREN mod 97)) mod 97, IBANs with
ISO 13616 mod-97. For Factur-X / ZUGFeRD PDFs the embedded CII XML is the truth for invoice
fields (EN 16931 business terms BT-1, BT-2, BT-109, BT-112, BT-31, BT-30).
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from .extraction import PDF, Extracted
from .facturx import facturx_xml, parse_cii_xml

# --------------------------------------------------------------------------- validators


def luhn_ok(digits: str) -> bool:
    if not digits.isdigit():
        return False
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def siren_ok(value: str) -> bool:
    return len(value) == 9 and luhn_ok(value) and value != "000000000"


def siret_ok(value: str) -> bool:
    if len(value) != 14 or not value.isdigit():
        return False
    if value.startswith("356000000"):  # La Poste establishments (INSEE exception)
        return sum(int(c) for c in value) % 5 == 0
    return luhn_ok(value) and siren_ok(value[:9])


def fr_vat_ok(value: str) -> bool:
    v = value.replace(" ", "").upper()
    if not re.fullmatch(r"FR[0-9A-Z]{2}\d{9}", v):
        return False
    key, siren = v[2:4], v[4:]
    if key.isdigit():
        return int(key) == (12 + 3 * (int(siren) % 97)) % 97
    return siren_ok(siren)  # letter keys (new companies) have no published formula


def iban_ok(value: str) -> bool:
    v = value.replace(" ", "").upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{10,30}", v):
        return False
    moved = v[4:] + v[:4]
    number = "".join(str(int(ch, 36)) for ch in moved)
    return int(number) % 97 == 1


# --------------------------------------------------------------------------- numbers, dates

_AMOUNT_RE = r"-?\d{1,3}(?:[ \u00a0\u202f.,']\d{3})*(?:[.,]\d{1,2})?|-?\d+(?:[.,]\d{1,2})?"
AMOUNT = re.compile(
    rf"(?<![\w.,])(?:(?:€|EUR|\$|USD|£|Rs\.?|INR)\s?)?({_AMOUNT_RE})(?:\s?(?:€|EUR|\$|USD|£))?(?![\w%])"
)


def parse_amount(raw: str) -> Decimal | None:
    """French ("1 234,56"), English ("1,234.56"), German/Dutch ("1.234,56") amounts."""
    s = re.sub(r"[\s\u00a0\u202f'€$£]", "", raw).replace("EUR", "")
    if not s or not re.search(r"\d", s):
        return None
    if "," in s and "." in s:
        decimal_sep = "," if s.rfind(",") > s.rfind(".") else "."
        thousands = "." if decimal_sep == "," else ","
        s = s.replace(thousands, "").replace(decimal_sep, ".")
    else:
        for sep in (",", "."):
            if sep not in s:
                continue
            parts = s.split(sep)
            if len(parts) == 2 and len(parts[1]) in (1, 2):
                s = parts[0] + "." + parts[1]
            elif all(len(p) == 3 for p in parts[1:]):
                s = "".join(parts)  # only thousands separators
            else:
                s = "".join(parts[:-1]) + "." + parts[-1]
    try:
        return Decimal(s).quantize(Decimal("0.01"))
    except InvalidOperation:
        return None


_MONTHS = {
    # French, English, German, Dutch month names and abbreviations
    "janvier": 1,
    "janv": 1,
    "january": 1,
    "jan": 1,
    "januar": 1,
    "januari": 1,
    "fevrier": 2,
    "février": 2,
    "fevr": 2,
    "févr": 2,
    "february": 2,
    "feb": 2,
    "februar": 2,
    "februari": 2,
    "mars": 3,
    "march": 3,
    "mar": 3,
    "märz": 3,
    "maerz": 3,
    "maart": 3,
    "avril": 4,
    "avr": 4,
    "april": 4,
    "apr": 4,
    "mai": 5,
    "may": 5,
    "mei": 5,
    "juin": 6,
    "june": 6,
    "jun": 6,
    "juni": 6,
    "juillet": 7,
    "juil": 7,
    "july": 7,
    "jul": 7,
    "juli": 7,
    "aout": 8,
    "août": 8,
    "august": 8,
    "aug": 8,
    "augustus": 8,
    "septembre": 9,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "octobre": 10,
    "october": 10,
    "oct": 10,
    "oktober": 10,
    "okt": 10,
    "novembre": 11,
    "november": 11,
    "nov": 11,
    "decembre": 12,
    "décembre": 12,
    "december": 12,
    "dec": 12,
    "déc": 12,
    "dezember": 12,
}
_MONTH_ALT = "|".join(sorted((re.escape(m) for m in _MONTHS), key=len, reverse=True))
DATE_PATTERNS = [
    re.compile(r"\b(?P<y>(?:19|20)\d{2})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b"),
    re.compile(r"\b(?P<d>\d{1,2})[/.\-](?P<m>\d{1,2})[/.\-](?P<y>(?:19|20)?\d{2})\b"),
    re.compile(
        rf"\b(?P<d>\d{{1,2}})(?:er)?\.?\s+(?P<mon>{_MONTH_ALT})\.?\s+(?P<y>(?:19|20)\d{{2}})\b",
        re.I,
    ),
    re.compile(
        rf"\b(?P<mon>{_MONTH_ALT})\.?\s+(?P<d>\d{{1,2}})\s*,?\s*(?P<y>(?:19|20)\d{{2}})\b", re.I
    ),
]


def _make_date(y: str, m: int, d: int) -> date | None:
    year = int(y)
    if year < 100:
        year += 2000 if year < 70 else 1900
    try:
        return date(year, m, d)
    except ValueError:
        return None


def find_dates(text: str) -> list[tuple[int, date]]:
    """(offset, date) for every date in the text, French day-first unless impossible."""
    found: list[tuple[int, date]] = []
    taken: list[tuple[int, int]] = []
    for pattern in DATE_PATTERNS:
        for m in pattern.finditer(text):
            if any(a <= m.start() < b for a, b in taken):
                continue
            g = m.groupdict()
            if g.get("mon"):
                month = _MONTHS.get(g["mon"].lower().rstrip("."))
                if month is None:
                    continue
                value = _make_date(g["y"], month, int(g["d"]))
            else:
                day, month = int(g["d"]), int(g["m"])
                value = _make_date(g["y"], month, day)
                if value is None and day <= 12:  # month-first (US) when day-first is impossible
                    value = _make_date(g["y"], day, month)
            if value is not None:
                found.append((m.start(), value))
                taken.append((m.start(), m.end()))
    return sorted(found)


# --------------------------------------------------------------------------- text rules

Field = dict[str, Any]


def _field(value: Any, page: int, confidence: float, source: str = "text") -> Field:
    return {"value": value, "page": page, "confidence": round(confidence, 2), "source": source}


_LABELS: dict[str, list[str]] = {
    "total_ttc": [
        r"total\s+t\.?t\.?c\.?",
        r"montant\s+t\.?t\.?c\.?",
        r"net\s+[àa]\s+payer",
        r"total\s+[àa]\s+payer",
        r"somme\s+[àa]\s+payer",
        r"total\s+amount\s+due",
        r"amount\s+due(?:\s*\(\w+\))?",
        r"grand\s+total",
        r"total\s+for\s+this\s+invoice",
        r"total\s+due",
        r"balance\s+due",
        r"factuur\s+totaal",
        r"gesamtbetrag",
        r"rechnungsbetrag",
        r"total\s+incl\.?",
        r"totaal",
        r"total",
    ],
    "total_ht": [
        r"total\s+h\.?t\.?",
        r"montant\s+(?:eur\s+)?h\.?t\.?",
        r"sous[-\s]total",
        r"sub\s*-?total",
        r"exclusief\s+btw",
        r"total\s+net",
        r"net\s+amount",
        r"nettobetrag",
        r"total\s+excl\.?",
        r"grondslag",
        r"base\s+h\.?t\.?",
    ],
    "total_tva": [
        r"total\s+t\.?v\.?a\.?",
        r"montant\s+(?:de\s+la\s+)?t\.?v\.?a\.?",
        r"t\.?v\.?a\.?\s*\d+(?:[.,]\d+)?\s*%",
        r"tax\s*\d*(?:[.,]\d+)?\s*%",
        r"vat\s+total",
        r"btw\s*\d+\s*%",
        r"mwst",
        r"sales\s+tax",
    ],
    "invoice_number": [
        r"facture\s*(?:n[°o º]\.?|num[ée]ro|#)\s*:?",
        r"n[°o]\s*(?:de\s+)?facture\s*:?",
        r"num[ée]ro\s+de\s+facture\s*:?",
        r"invoice\s*(?:number|no\.?|n[°o]|#)\s*:?",
        r"factuurnummer\s*:?",
        r"rechnungs?-?n(?:r|ummer)\.?\s*:?",
        r"invoice\s*:",
        r"^invoice\s+(?=\S*\d)",
    ],
    "date": [
        r"date\s+(?:de\s+(?:la\s+)?)?facture",
        r"date\s+d['’]?[ée]mission",
        r"invoice\s+date",
        r"factuurdatum",
        r"factuur\s+datum",
        r"rechnungsdatum",
        r"date\s+of\s+issue",
        r"fait\s+le",
        r"date\s*:",
    ],
    "expiry_date": [
        r"valable\s+jusqu['’]?\s*au",
        r"date\s+d['’]?expiration",
        r"expire\s+le",
        r"valid\s+until",
        r"date\s+of\s+expiry",
        r"date\s+de\s+fin\s+de\s+validit[ée]",
        r"valable\s+du\s+.{6,20}?\s+au",
        r"p[ée]riode\s+de\s+validit[ée].{0,30}?\s+au",
        r"[ée]ch[ée]ance",
    ],
    "policy_number": [
        r"(?:police|contrat)\s*(?:d['’]assurance\s*)?(?:n[°o]|num[ée]ro)\s*:?",
        r"num[ée]ro\s+de\s+(?:police|contrat)\s*:?",
        r"policy\s*(?:number|no\.?)\s*:?",
    ],
    "guarantee_amount": [
        r"montant\s+(?:de\s+la\s+)?garanti[e]?",
        r"montant\s+garanti",
        r"plafond\s+de\s+garantie",
        r"[àa]\s+hauteur\s+de",
        r"garantie\s+financi[èe]re\s+d['’]ach[èe]vement\s+(?:d['’]un\s+montant\s+de|de)",
    ],
}
_COMPILED = {k: [re.compile(p, re.I | re.M) for p in v] for k, v in _LABELS.items()}

_INVOICE_NO = re.compile(r"#?\s?([A-Z0-9](?:[A-Z0-9_/\-.]{0,30}[A-Z0-9])?)", re.I)
_VAT = re.compile(
    r"\b(FR(?:\s?[0-9A-Z]){2}(?:\s?\d){9}|DE\s?\d{3}\s?\d{3}\s?\d{3}|NL\s?\d{9}\s?B\s?\d{2}|"
    r"BE\s?0?\d{3}\.?\d{3}\.?\d{3}|(?:ES|IT|LU|AT|PT)\s?[0-9A-Z]{8,11})\b"
)
_SIREN_CTX = re.compile(
    r"(?:siren|siret|r\.?c\.?s\.?(?:\s+[A-Za-zÀ-ÿ\-]+)?(?:\s+[AB])?|n°\s*d['’]immatriculation)\s*:?\s*(?:n°\s*)?"
    r"(\d{3}\s?\d{3}\s?\d{3}(?:\s?\d{5})?|\d{14}|\d{9})",
    re.I,
)
_SIREN_BEFORE_RCS = re.compile(r"\b(\d{3}\s?\d{3}\s?\d{3})\s+R\.?C\.?S\b")
_IBAN = re.compile(r"\b([A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,4})?)\b")
_BIC = re.compile(
    r"(?:BIC|SWIFT)(?:\s*(?:code|/\s*SWIFT))?\s*:?\s*([A-Z]{4}[A-Z]{2}[A-Z0-9]{2}(?:[A-Z0-9]{3})?)\b"
)
_PERMIT = re.compile(
    r"\b((?:PC|PA|DP|PD|PCMI)\s?\d{3}\s?\d{3}\s?\d{2}\s?[A-Z0-9]\s?\d{4}(?:\s?[A-Z]\d{2})?)\b"
)
_INSURERS = (
    "AXA",
    "Allianz",
    "Generali",
    "MAAF",
    "MMA",
    "SMABTP",
    "SMA",
    "MAF",
    "Mutuelle des Architectes",
    "Aviva",
    "Abeille Assurances",
    "Groupama",
    "QBE",
    "Hiscox",
    "Chubb",
    "AIG",
    "Zurich",
    "Albingia",
    "Covéa",
    "L'Auxiliaire",
    "Swiss Life",
    "Liberty Mutual",
    "Markel",
    "Tokio Marine",
    "CNP",
    "Lloyd's",
    "Euromaf",
    "Verspieren",
    "Leader Underwriting",
    "Millennium Insurance",
    "Alpha Insurance",
)
_INSURER_RE = re.compile(r"\b(" + "|".join(re.escape(i) for i in _INSURERS) + r")\b")
_COMPANY = re.compile(
    r"\b((?:SCCV|SCI|SAS|SASU|SARL|EURL|SNC|SA)\s+[A-Z0-9][\w'’&\- ]{2,40}?|"
    r"[A-Z][\w'’&\-]+(?:\s+[A-Z0-9][\w'’&\-]+){0,4}\s+(?:SCCV|SCI|SAS|SASU|SARL|EURL|SNC|SA|S\.A\.S\.|B\.V\.|GmbH|AG|Inc\.|Ltd\.?))"
    r"(?=[\s,.;:)]|$)",
)


def _digits(s: str) -> str:
    return re.sub(r"\D", "", s)


def _after_label(pages: list[str], key: str, window: int = 160) -> list[tuple[int, int, str]]:
    """(priority, page, text following the label) for every label occurrence."""
    out: list[tuple[int, int, str]] = []
    for prio, pattern in enumerate(_COMPILED[key]):
        for page_no, text in enumerate(pages, start=1):
            for m in pattern.finditer(text):
                out.append((prio, page_no, text[m.end() : m.end() + window]))
    return out


def _amount_after(snippet: str) -> Decimal | None:
    # Skip rates like "20%" or "20,00 %" right after a VAT label.
    snippet = re.sub(r"^\s*\(?\s*\d+(?:[.,]\d+)?\s*%\)?", " ", snippet)
    line = snippet.split("\n", 3)
    for chunk in line[:3]:
        for m in AMOUNT.finditer(chunk):
            raw = m.group(1)
            if (
                not re.search(r"[.,]\d{2}$", raw)
                and "€" not in m.group(0)
                and "$" not in m.group(0)
                and "Rs" not in m.group(0)
            ):
                continue
            value = parse_amount(raw)
            if value is not None:
                return value
    return None


def amount_field(pages: list[str], key: str) -> Field | None:
    hits = []
    for prio, page, snippet in _after_label(pages, key):
        value = _amount_after(snippet)
        if value is not None:
            hits.append((prio, -page, value, page))
    if not hits:
        return None
    best_prio = min(h[0] for h in hits)
    candidates = [h for h in hits if h[0] == best_prio]
    # Several "Total ..." lines: the grand total is the largest in absolute value, on the last page.
    chosen = (
        max(candidates, key=lambda h: (abs(h[2]), -h[1])) if key == "total_ttc" else candidates[-1]
    )
    conf = 0.9 if best_prio < 3 else 0.7
    return _field(str(chosen[2]), chosen[3], conf)


def date_field(pages: list[str], key: str) -> Field | None:
    for prio, page, snippet in sorted(
        _after_label(pages, key, window=80), key=lambda h: (h[0], h[1])
    ):
        found = find_dates(snippet)
        if found and found[0][0] < 60:
            return _field(found[0][1].isoformat(), page, 0.9 if prio < 5 else 0.75)
    if key == "date":
        # "Facture n° 123 du 02 juillet 2015": the date right after the invoice number.
        for page, text in enumerate(pages, start=1):
            m = re.search(r"facture\s+n\S*\s*\S+\s+du\s+", text, re.I)
            if m:
                found = find_dates(text[m.end() : m.end() + 40])
                if found:
                    return _field(found[0][1].isoformat(), page, 0.85)
        for page, text in enumerate(pages, start=1):
            found = find_dates(text)
            if found:
                return _field(found[0][1].isoformat(), page, 0.5)
    return None


def invoice_number_field(pages: list[str]) -> Field | None:
    for prio, page, snippet in sorted(
        _after_label(pages, "invoice_number", 60), key=lambda h: (h[0], h[1])
    ):
        first_line = (
            snippet.split("\n")[0]
            if snippet.split("\n")[0].strip()
            else "\n".join(snippet.split("\n")[:2])
        )
        m = _INVOICE_NO.search(first_line)
        if m and re.search(r"\d", m.group(1)) and not find_dates(m.group(1)):
            value = m.group(1)
            if m.group(0).lstrip().startswith("#"):
                value = "#" + value if first_line.strip().startswith("# ") is False else value
            return _field(value.lstrip("#"), page, 0.85 if prio < 6 else 0.6)
    return None


def identifier_fields(pages: list[str]) -> dict[str, Field]:
    out: dict[str, Field] = {}
    for page, text in enumerate(pages, start=1):
        for m in _SIREN_CTX.finditer(text):
            digits = _digits(m.group(1))
            if len(digits) == 14 and siret_ok(digits):
                out.setdefault("siret", _field(digits, page, 0.95))
                out.setdefault("siren", _field(digits[:9], page, 0.95))
            elif len(digits) == 9 and siren_ok(digits):
                out.setdefault("siren", _field(digits, page, 0.95))
        for m in _SIREN_BEFORE_RCS.finditer(text):
            digits = _digits(m.group(1))
            if siren_ok(digits):
                out.setdefault("siren", _field(digits, page, 0.9))
        for m in _VAT.finditer(text):
            raw = re.sub(r"[\s.]", "", m.group(1)).upper()
            if raw.startswith("FR"):
                if not fr_vat_ok(raw):
                    continue
                out.setdefault("vat_number", _field(raw, page, 0.95))
                out.setdefault("siren", _field(raw[4:], page, 0.8))
            else:
                context = text[max(0, m.start() - 40) : m.start()].lower()
                if re.search(r"tva|vat|btw|ust|mwst|tax", context):
                    out.setdefault("vat_number", _field(raw, page, 0.8))
        for m in _IBAN.finditer(text):
            raw = m.group(1).replace(" ", "")
            # The regex may swallow the next word; shrink until the checksum holds.
            for end in range(len(raw), 14, -1):
                if iban_ok(raw[:end]):
                    out.setdefault("iban", _field(raw[:end], page, 0.97))
                    break
        bic = _BIC.search(text)
        if bic and "bic" not in out and bic.group(1)[4:6].isalpha():
            out["bic"] = _field(bic.group(1), page, 0.85)
        pm = _PERMIT.search(text)
        if pm and "permit_number" not in out:
            out["permit_number"] = _field(re.sub(r"\s+", " ", pm.group(1)), page, 0.9)
    return out


def text_fields(pages: list[str]) -> dict[str, Field]:
    out = identifier_fields(pages)
    for key in ("total_ttc", "total_ht", "total_tva", "guarantee_amount"):
        f = amount_field(pages, key)
        if f:
            out[key] = f
    for key in ("date", "expiry_date"):
        f = date_field(pages, key)
        if f:
            out[key] = f
    f = invoice_number_field(pages)
    if f:
        out["invoice_number"] = f
    for _prio, page, snippet in _after_label(pages, "policy_number", 50):
        m = re.match(r"\s*([A-Z0-9][A-Z0-9/\-. ]{3,30}[A-Z0-9])", snippet, re.I)
        if m and re.search(r"\d", m.group(1)):
            out["policy_number"] = _field(m.group(1).strip(), page, 0.8)
            break
    for page, text in enumerate(pages, start=1):
        m = _INSURER_RE.search(text)
        if m:
            out["insurer"] = _field(m.group(1), page, 0.7)
            break
    for page, text in enumerate(pages, start=1):
        m = _COMPANY.search(text)
        if m:
            out["company_name"] = _field(re.sub(r"\s+", " ", m.group(1)).strip(), page, 0.6)
            break
    if "vat_number" in out:
        out.setdefault("supplier_vat", dict(out["vat_number"]))
    if "siren" in out:
        out.setdefault("supplier_siren", dict(out["siren"]))
    return out


def extract_fields(doc: Extracted) -> dict[str, Field]:
    pages = [p.text for p in doc.pages]
    out = text_fields(pages)
    if doc.kind == PDF and doc.attachments:
        xml = facturx_xml(doc.path)
        if xml:
            try:
                truth = parse_cii_xml(xml)
            except Exception:
                truth = {}
            for key, value in truth.items():
                out[key] = _field(value, 1, 1.0, "facturx")
            if truth:
                out["facturx"] = _field(True, 1, 1.0, "facturx")
    return out
