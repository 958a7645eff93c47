"""Helpers shared by the templates: letterheads, boilerplate, invoice lines, lot tables.

Boilerplate that appears in many categories (RGPD notices, legal mentions, page footers) is
deliberate: it teaches the classifier that these words carry no category signal.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import ROUND_HALF_UP, Decimal
from typing import TypedDict

from .. import fakes as fk
from ..fakes import Company, Person, World
from ..identifiers import group_siren
from ..model import KV, Block, P, Table

alt = random.Random.choice


def d2(x: float | Decimal) -> Decimal:
    return Decimal(str(x)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def letterhead(c: Company, rng: random.Random, *, ids: bool = True) -> list[str]:
    lines = [c.full, *c.address.lines()]
    if rng.random() < 0.7:
        lines.append(f"Tél. {c.phone}" + (f" - {c.email}" if rng.random() < 0.6 else ""))
    if ids:
        choice = rng.randrange(3)
        if choice == 0:
            lines.append(f"SIRET {c.siret}")
        elif choice == 1:
            lines.append(f"{c.rcs} - TVA {c.vat}")
        else:
            lines.append(f"SIREN {group_siren(c.siren)}")
    return lines


def legal_footer(c: Company, rng: random.Random, lang: str = "fr") -> str:
    if lang == "en":
        return f"{c.full} - {c.address.one_line()} - Company no. {c.siren} - VAT {c.vat}"
    cap = fk.num(c.capital)
    form = c.form or "SCCV"
    return alt(
        rng,
        [
            f"{c.full}, {form} au capital de {cap} € - {c.rcs} - N° TVA {c.vat}",
            f"{c.name} - Siège : {c.address.one_line()} - SIRET "
            f"{c.siret} - APE {rng.choice(['4120A', '4110A', '4399C', '7111Z', '6820B', '4321A'])}",
            f"{form} au capital de {cap} euros - SIREN {c.siren} - {c.address.one_line()}",
        ],
    )


def place_date(
    w: World, rng: random.Random, d: dt.date | None = None, town: str | None = None
) -> str:
    d = d or w.today
    t = town or w.sccv.address.town
    return alt(
        rng,
        [
            f"Fait à {t}, le {fk.fr_date_long(d)}",
            f"{t}, le {fk.fr_date(d)}",
            f"Fait à {t} le {fk.fr_date(d)}",
            f"Le {fk.fr_date_long(d)}, à {t}",
        ],
    )


def recipient(c: Company | Person, attn: str = "") -> list[str]:
    if isinstance(c, Company):
        return [c.full, *([f"À l'attention de {attn}"] if attn else []), *c.address.lines()]
    return [c.formal, *c.address.lines()]


RGPD = [
    "Les données personnelles recueillies font l'objet d'un traitement destiné "
    "à la gestion de la relation "
    "contractuelle. Conformément au règlement (UE) 2016/679, vous disposez d'un droit d'accès, de "
    "rectification et d'effacement que vous pouvez exercer auprès du délégué "
    "à la protection des données.",
    "Document strictement confidentiel, destiné à l'usage exclusif de son destinataire. "
    "Toute reproduction ou "
    "diffusion sans autorisation est interdite.",
    "Ce document est établi sur la base des informations communiquées et ne saurait "
    "engager la responsabilité "
    "de son émetteur au-delà de ses mentions.",
    "Conservez ce document, il pourra vous être demandé.",
]


def boiler(rng: random.Random, k: int = 1) -> list[Block]:
    return [P(t, style="small") for t in rng.sample(RGPD, k=min(k, len(RGPD)))]


def sccv_kv(w: World, rng: random.Random) -> KV:
    c = w.sccv
    pairs = [
        ("Dénomination", c.name),
        ("Forme", "Société civile de construction vente"),
        ("Siège social", c.address.one_line()),
        ("Capital", fk.money(c.capital)),
        ("Immatriculation", c.rcs),
    ]
    if rng.random() < 0.5:
        pairs.append(("Gérant", f"{w.developer.full}, représentée par {c.manager.formal}"))
    return KV(pairs, boxed=rng.random() < 0.4)


def company_phrase(c: Company, rng: random.Random) -> str:
    form = {
        "SAS": "société par actions simplifiée",
        "SARL": "société à responsabilité limitée",
        "SA": "société anonyme",
        "SASU": "société par actions simplifiée unipersonnelle",
        "EURL": "entreprise unipersonnelle à responsabilité limitée",
        "SC": "société civile",
        "SELARL": "société d'exercice libéral à responsabilité limitée",
        "": "société civile de construction vente",
    }.get(c.form, "société")
    return (
        f"La société {c.name}, {form} au capital de {fk.num(c.capital)} euros, dont "
        "le siège social est "
        f"situé {c.address.one_line()}, immatriculée au registre du commerce et des sociétés de "
        f"{c.rcs_town} sous le numéro {group_siren(c.siren)}"
        + (
            f", représentée par {c.manager.formal}, dûment habilité(e)"
            if rng.random() < 0.8
            else ""
        )
    )


def person_phrase(p: Person) -> str:
    born = "né" if p.sex == 1 else "née"
    return (
        f"{p.formal}, {born} le {fk.fr_date_long(p.birth)} à {p.birth_town}, demeurant "
        f"{p.address.one_line()}"
    )


WORK_ITEMS = {
    "gros œuvre": [
        "Installation de chantier",
        "Terrassements généraux",
        "Fondations superficielles",
        "Voiles béton armé",
        "Planchers dalle pleine",
        "Maçonnerie agglos",
        "Escaliers préfabriqués",
    ],
    "default": [
        "Fourniture et pose",
        "Main d'œuvre",
        "Déplacement et installation",
        "Études d'exécution",
        "Fournitures diverses",
        "Nettoyage et évacuation des déchets",
        "Protection des ouvrages",
    ],
    "électricité courants forts et faibles": [
        "Tableau général basse tension",
        "Câblage logements",
        "Appareillage",
        "Éclairage parties communes",
        "VDI / interphonie",
    ],
    "plomberie chauffage ventilation": [
        "Réseaux EF/EC",
        "Pompe à chaleur collective",
        "VMC hygro B",
        "Appareils sanitaires",
        "Colonnes EU/EV",
    ],
    "menuiseries extérieures": [
        "Fenêtres PVC double vitrage",
        "Portes-fenêtres aluminium",
        "Volets roulants motorisés",
        "Porte de hall",
    ],
    "peinture revêtements": [
        "Peinture murs et plafonds",
        "Sols souples PVC",
        "Parquet stratifié",
        "Peinture parties communes",
    ],
}
UNITS = ["u", "ens", "m²", "ml", "m³", "h", "forfait", "kg"]


def work_lines(
    c: Company, rng: random.Random, n: int, scale: float
) -> list[tuple[str, str, float, Decimal]]:
    """(description, unit, qty, unit price HT) lines of a works quote or invoice."""
    items = WORK_ITEMS.get(c.trade, WORK_ITEMS["default"]) + WORK_ITEMS["default"]
    out = []
    for desc in rng.sample(items, k=min(n, len(items))):
        unit = rng.choice(UNITS)
        qty = float(rng.randint(1, 400)) if unit not in ("ens", "forfait") else 1.0
        price = d2(rng.uniform(8, 900) * scale / (qty**0.5))
        out.append((desc, unit, qty, price))
    return out


def lines_table(
    lines: list[tuple[str, str, float, Decimal]], lang: str, rng: random.Random, vat_rate: Decimal
) -> tuple[Table, Decimal, Decimal, Decimal]:
    ht = sum((d2(Decimal(str(q)) * p) for _, _, q, p in lines), Decimal("0"))
    tva = d2(ht * vat_rate / 100)
    ttc = ht + tva
    head = (
        ["Désignation", "Unité", "Qté", "PU HT", "Montant HT"]
        if lang == "fr"
        else ["Description", "Unit", "Qty", "Unit price", "Amount"]
    )
    rows: list[list[str | int | float]] = [
        [d, u, q, float(p), float(d2(Decimal(str(q)) * p))] for d, u, q, p in lines
    ]
    tl = {
        "fr": ("Total HT", f"TVA {vat_rate} %".replace(".", ","), "Total TTC"),
        "en": ("Subtotal", f"VAT {vat_rate}%", "Total"),
    }[lang]
    rows += [
        [tl[0], "", "", "", float(ht)],
        [tl[1], "", "", "", float(tva)],
        [tl[2], "", "", "", float(ttc)],
    ]
    fmt = "ttdmm" if rng.random() < 0.7 else "ttnmm"
    return Table(head, rows, fmt=fmt, total=3, widths=[4, 0.8, 0.8, 1.3, 1.5]), ht, tva, ttc


class Lot(TypedDict):
    """One saleable lot of the programme (price lists, reservations, deeds)."""

    lot: str
    type: str
    surface: float
    floor: str
    ext: float
    parking: str
    price: int


def lot_rows(w: World, rng: random.Random, n: int) -> list[Lot]:
    types = [("T1", 22, 32), ("T2", 38, 48), ("T3", 58, 70), ("T4", 76, 90), ("T5", 95, 115)]
    price_m2 = w.revenue_ttc / max(1, w.sdp_m2)
    out: list[Lot] = []
    for i in range(n):
        t, lo, hi = rng.choice(types)
        s = round(rng.uniform(lo, hi), 1)
        floor = rng.randint(0, 6)
        out.append(
            {
                "lot": f"{rng.choice('ABC')}{floor}{i % 10 + 1:02d}"
                if rng.random() < 0.5
                else str(101 + i),
                "type": t,
                "surface": s,
                "floor": "RDC" if floor == 0 else f"R+{floor}",
                "ext": round(rng.uniform(0, 25), 1) if rng.random() < 0.7 else 0.0,
                "parking": rng.choice(["1 PK", "1 PK", "2 PK", "-", "box"]),
                "price": int(s * price_m2 * rng.uniform(0.9, 1.15) / 100) * 100,
            }
        )
    return out


def P_(text: str) -> P:
    return P(text)
