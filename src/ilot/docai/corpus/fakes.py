"""Small hand-written French lists and a coherent fictitious "world" per document.

No Faker and no download: names, streets, towns and company names are drawn from the lists
of `lexicon`, and one `World` ties them together (the SCCV, its developer, bank, notary, architect,
contractors and buyers of one programme) so that a document's parties, dates and amounts are
mutually consistent.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from . import identifiers as ids
from .lexicon import (
    BROKERS as BROKERS,
)
from .lexicon import (
    COMPANY_PATTERNS as COMPANY_PATTERNS,
)
from .lexicon import (
    DEV_NAMES as DEV_NAMES,
)
from .lexicon import (
    FIRST_F as FIRST_F,
)
from .lexicon import (
    FIRST_M as FIRST_M,
)
from .lexicon import (
    INSURERS as INSURERS,
)
from .lexicon import (
    LAST as LAST,
)
from .lexicon import (
    MONTHS_EN as MONTHS_EN,
)
from .lexicon import (
    MONTHS_FR as MONTHS_FR,
)
from .lexicon import (
    PROGRAMME_WORDS as PROGRAMME_WORDS,
)
from .lexicon import (
    REGIONS as REGIONS,
)
from .lexicon import (
    STREET_NAMES as STREET_NAMES,
)
from .lexicon import (
    STREET_TYPES as STREET_TYPES,
)
from .lexicon import (
    TOWNS as TOWNS,
)
from .lexicon import (
    TRADES as TRADES,
)
from .model import fmt_cell


@dataclass
class Address:
    line: str
    postcode: str
    town: str
    insee: str
    dept: str

    def one_line(self) -> str:
        return f"{self.line}, {self.postcode} {self.town}"

    def lines(self) -> list[str]:
        return [self.line, f"{self.postcode} {self.town.upper()}"]


@dataclass
class Person:
    civ: str
    first: str
    last: str
    birth: dt.date
    birth_town: str
    address: Address
    sex: int

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"

    @property
    def formal(self) -> str:
        return f"{self.civ} {self.first} {self.last.upper()}"


@dataclass
class Company:
    name: str
    form: str
    capital: int
    siren: str
    siret: str
    vat: str
    rcs_town: str
    address: Address
    manager: Person
    phone: str
    email: str
    iban: str = ""
    bic: str = ""
    bank: str = ""
    trade: str = ""

    @property
    def rcs(self) -> str:
        return f"RCS {self.rcs_town} {ids.group_siren(self.siren)}"

    @property
    def full(self) -> str:
        return f"{self.name} {self.form}".strip() if self.form not in self.name else self.name


@dataclass
class World:
    """Everything a document of one operation can mention, consistent by construction."""

    rng: random.Random
    today: dt.date
    site: Address
    programme: str
    sccv: Company
    developer: Company
    holding: Company
    bank: Company
    notary: Person
    notary_office: str
    architect: Person
    architect_firm: Company
    contractors: list[Company]
    buyers: list[Person]
    lots: int
    land_price: int
    works_ht: int
    revenue_ttc: int
    permit_no: str
    permit_date: dt.date
    start_date: dt.date
    delivery_date: dt.date
    cadastre: str
    land_m2: int
    sdp_m2: int
    extra: dict[str, str] = field(default_factory=dict)


def pick(rng: random.Random, seq: list[str] | tuple[str, ...]) -> str:
    return seq[rng.randrange(len(seq))]


def phone(rng: random.Random) -> str:
    return f"0{rng.randint(1, 5)} " + " ".join(f"{rng.randint(0, 99):02d}" for _ in range(4))


def address(rng: random.Random, town: tuple[str, str, str, str] | None = None) -> Address:
    t = town or TOWNS[rng.randrange(len(TOWNS))]
    num = rng.randint(1, 180)
    bis = rng.choice(["", "", "", "", " bis", " ter"])
    line = f"{num}{bis} {pick(rng, STREET_TYPES)} {pick(rng, STREET_NAMES)}"
    return Address(line, t[1], t[0], t[2], t[3])


def person(
    rng: random.Random, today: dt.date, town: tuple[str, str, str, str] | None = None
) -> Person:
    sex = rng.randint(1, 2)
    first = pick(rng, FIRST_M if sex == 1 else FIRST_F)
    birth = today - dt.timedelta(days=rng.randint(25 * 365, 72 * 365))
    civ = "Monsieur" if sex == 1 else "Madame"
    return Person(
        civ,
        first,
        pick(rng, LAST),
        birth,
        TOWNS[rng.randrange(len(TOWNS))][0],
        address(rng, town),
        sex,
    )


def _slug(s: str) -> str:
    table = str.maketrans("éèêëàâäîïôöûüçœ' &", "eeeeaaaiioouuco---")
    return "".join(c for c in s.lower().translate(table) if c.isalnum() or c == "-").strip("-")


def company(
    rng: random.Random,
    today: dt.date,
    name: str,
    form: str,
    *,
    town: tuple[str, str, str, str] | None = None,
    trade: str = "",
) -> Company:
    s = ids.siren(rng)
    addr = address(rng, town)
    bank_name, code, bic_prefix = ids.BANKS[rng.randrange(len(ids.BANKS))]
    iban = ids.iban_fr(rng, code)[0]
    domain = _slug(name.replace("SCCV", "").replace("SAS", "")).replace("--", "-")[:24] or "societe"
    return Company(
        name=name,
        form=form,
        capital=rng.choice([1000, 5000, 10000, 37000, 50000, 100000, 250000, 1500000]),
        siren=s,
        siret=ids.siret(rng, s),
        vat=ids.vat_fr(s),
        rcs_town=addr.town,
        address=addr,
        manager=person(rng, today),
        phone=phone(rng),
        email=f"{pick(rng, ['contact', 'compta', 'info', 'direction', 'accueil'])}@{domain}.fr",
        iban=iban,
        bic=ids.bic(rng, bic_prefix),
        bank=bank_name,
        trade=trade,
    )


def contractor(rng: random.Random, today: dt.date) -> Company:
    trade, short = TRADES[rng.randrange(len(TRADES))]
    last, last2 = pick(rng, LAST), pick(rng, LAST)
    acr = "".join(rng.choices("ABCDEFGHJKLMNPRSTV", k=rng.randint(2, 4)))
    name = pick(rng, COMPANY_PATTERNS).format(
        last=last, last2=last2, trade=short, acr=acr, region=pick(rng, REGIONS)
    )
    return company(rng, today, name, pick(rng, ["SAS", "SARL", "SA", "SASU", "EURL"]), trade=trade)


def world(rng: random.Random) -> World:
    today = dt.date(2022, 1, 1) + dt.timedelta(days=rng.randint(0, 365 * 4 + 300))
    town = TOWNS[rng.randrange(len(TOWNS))]
    a, b = PROGRAMME_WORDS[rng.randrange(len(PROGRAMME_WORDS))]
    programme = f"{a} {b}".strip()
    dev_name = pick(rng, DEV_NAMES)
    developer = company(rng, today, dev_name, pick(rng, ["SAS", "SA", "SARL"]))
    holding = company(
        rng,
        today,
        f"{dev_name.split()[0]} {pick(rng, ['Holding', 'Participations', 'Invest', 'Finance'])}",
        pick(rng, ["SAS", "SARL", "SC"]),
    )
    sccv = company(rng, today, f"SCCV {programme.upper()}", "", town=town)
    sccv.capital = rng.choice([1000, 1000, 2000, 5000, 10000])
    sccv.manager = developer.manager
    bank_name, _, _ = ids.BANKS[rng.randrange(len(ids.BANKS))]
    bank = company(rng, today, bank_name, "SA")
    lots = rng.randint(8, 140)
    sdp = lots * rng.randint(55, 75)
    works = sdp * rng.randint(1500, 2400)
    revenue = int(sdp * rng.randint(3600, 7800) * 1.2 / 1000) * 1000
    land = int(revenue * rng.uniform(0.10, 0.22) / 1000) * 1000
    permit_date = today - dt.timedelta(days=rng.randint(60, 600))
    start = permit_date + dt.timedelta(days=rng.randint(90, 240))
    notary = person(rng, today)
    arch = person(rng, today)
    arch_firm = company(
        rng,
        today,
        f"{pick(rng, ['Atelier', 'Agence', 'Cabinet', 'Studio'])} {arch.last} Architectes",
        pick(rng, ["SARL", "SAS", "SELARL"]),
    )
    arch_firm.manager = arch
    insee = town[2]
    return World(
        rng=rng,
        today=today,
        site=address(rng, town),
        programme=programme,
        sccv=sccv,
        developer=developer,
        holding=holding,
        bank=bank,
        notary=notary,
        notary_office=pick(
            rng,
            [
                f"Office notarial {notary.last}",
                f"SCP {notary.last}, {pick(rng, LAST)} et Associés",
                f"{notary.last} & Associés, Notaires",
                f"Étude de Maître {notary.name}",
            ],
        ),
        architect=arch,
        architect_firm=arch_firm,
        contractors=[contractor(rng, today) for _ in range(rng.randint(2, 5))],
        buyers=[person(rng, today) for _ in range(rng.randint(3, 8))],
        lots=lots,
        land_price=land,
        works_ht=works,
        revenue_ttc=revenue,
        permit_no=ids.permit_number(rng, "PC", insee, permit_date.year),
        permit_date=permit_date,
        start_date=start,
        delivery_date=start + dt.timedelta(days=rng.randint(420, 820)),
        cadastre=f"section {rng.choice('ABCDEHKLMN')}{rng.choice(['', 'B', 'C'])} "
        f"n° {rng.randint(10, 999)}"
        + (f" et {rng.randint(10, 999)}" if rng.random() < 0.5 else ""),
        land_m2=int(sdp / rng.uniform(0.8, 2.5)),
        sdp_m2=sdp,
    )


def fr_date(d: dt.date) -> str:
    return d.strftime("%d/%m/%Y")


def fr_date_long(d: dt.date) -> str:
    day = "1er" if d.day == 1 else str(d.day)
    return f"{day} {MONTHS_FR[d.month - 1]} {d.year}"


def en_date(d: dt.date, us: bool = False) -> str:
    return (
        f"{MONTHS_EN[d.month - 1]} {d.day}, {d.year}"
        if us
        else f"{d.day} {MONTHS_EN[d.month - 1]} {d.year}"
    )


def money(x: float, lang: str = "fr", cur: bool = True) -> str:
    """1 234 567,89 € in French, €1,234,567.89 in English, 1.234,56 € in German or Dutch."""
    return fmt_cell(x, "m", lang, cur)


def num(x: float, lang: str = "fr", dec: int = 0) -> str:
    s = f"{x:,.{dec}f}"
    return s.replace(",", " ").replace(".", ",") if lang == "fr" else s


_UNITS = [
    "zéro",
    "un",
    "deux",
    "trois",
    "quatre",
    "cinq",
    "six",
    "sept",
    "huit",
    "neuf",
    "dix",
    "onze",
    "douze",
    "treize",
    "quatorze",
    "quinze",
    "seize",
    "dix-sept",
    "dix-huit",
    "dix-neuf",
]
_TENS = [
    "",
    "dix",
    "vingt",
    "trente",
    "quarante",
    "cinquante",
    "soixante",
    "soixante",
    "quatre-vingt",
    "quatre-vingt",
]


def _below_100(n: int) -> str:
    if n < 20:
        return _UNITS[n]
    t, u = divmod(n, 10)
    if t in (7, 9):
        return _TENS[t] + ("-et-" if t == 7 and u == 1 else "-") + _UNITS[10 + u]
    if u == 0:
        return _TENS[t] + ("s" if t == 8 else "")
    return _TENS[t] + ("-et-" if u == 1 and t != 8 else "-") + _UNITS[u]


def _below_1000(n: int) -> str:
    h, r = divmod(n, 100)
    head = "" if h == 0 else ("cent" if h == 1 else _UNITS[h] + "-cent" + ("s" if r == 0 else ""))
    if r == 0:
        return head or "zéro"
    return (head + "-" if head else "") + _below_100(r)


def words_fr(n: int) -> str:
    """Integer in French words (1990 rules, hyphens everywhere), as notaries write sums."""
    if n == 0:
        return "zéro"
    parts = []
    for value, name in ((1_000_000_000, "milliard"), (1_000_000, "million"), (1000, "mille")):
        q, n = divmod(n, value)
        if q:
            if name == "mille":
                parts.append("mille" if q == 1 else _below_1000(q).removesuffix("s") + "-mille")
            else:
                parts.append(_below_1000(q) + "-" + name + ("s" if q > 1 else ""))
    if n:
        parts.append(_below_1000(n))
    return "-".join(parts)
