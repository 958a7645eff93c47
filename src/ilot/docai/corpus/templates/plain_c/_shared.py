"""Helpers and constants shared by several modules of `plain_c`."""

from __future__ import annotations

import datetime as dt
import random
import unicodedata

from ... import fakes as fk
from ... import identifiers as ids
from ...fakes import Company, Person, World
from ...model import KV, P
from ..common import Lot

Rows = list[list[str | int | float]]


_WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]


def _pick(rng: random.Random, *opts: str) -> str:
    return opts[rng.randrange(len(opts))]


def _yes(rng: random.Random, p: float = 0.5) -> bool:
    return rng.random() < p


def _plus(d: dt.date, days: int) -> dt.date:
    return d + dt.timedelta(days=days)


def _slug(s: str) -> str:
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower()
    return "".join(c for c in s if c.isalnum() or c in ".-")


def _domain(c: Company) -> str:
    return c.email.split("@", 1)[1]


def _mail(p: Person, c: Company, rng: random.Random) -> str:
    f, last = _slug(p.first), _slug(p.last)
    local = _pick(rng, f"{f}.{last}", f"{f[0]}.{last}", f"{f[0]}{last}", f"{last}.{f}")
    return f"{local}@{_domain(c)}"


def _when(rng: random.Random, d: dt.date) -> str:
    hh, mm = rng.randint(7, 19), rng.randint(0, 59)
    return f"{_WEEKDAYS[d.weekday()]} {fk.fr_date_long(d)} {hh:02d}:{mm:02d}"


def _mail_head(
    rng: random.Random,
    frm: str,
    to: str,
    subject: str,
    d: dt.date,
    cc: str = "",
    attach: list[str] | None = None,
) -> KV:
    """The header block Outlook or a webmail prints above a forwarded message."""
    if _yes(rng, 0.6):
        pairs = [("De :", frm), ("Envoyé :", _when(rng, d)), ("À :", to)]
        if cc:
            pairs.append(("Cc :", cc))
        pairs.append(("Objet :", subject))
        if attach:
            pairs.append(("Pièces jointes :", "; ".join(attach)))
    else:
        pairs = [("Objet", subject), ("De", frm), ("Date", fk.fr_date(d)), ("À", to)]
        if cc:
            pairs.append(("Copie à", cc))
        if attach:
            pairs.append((f"{len(attach)} pièce(s) jointe(s)", ", ".join(attach)))
    return KV(pairs, boxed=_yes(rng, 0.3))


def _disclaimer(rng: random.Random) -> P:
    return P(
        _pick(
            rng,
            "Ce message et toutes les pièces jointes sont confidentiels et établis à l'intention "
            "exclusive de ses destinataires. Si vous avez reçu ce message par erreur, merci de "
            "le détruire et d'en avertir immédiatement l'expéditeur.",
            "Avant d'imprimer ce courriel, pensez à l'environnement.",
            "Les informations contenues dans ce courrier électronique sont confidentielles. "
            "Toute utilisation ou diffusion non autorisée est interdite.",
        ),
        style="small",
    )


def _salut(rng: random.Random, to: str = "Madame, Monsieur") -> str:
    """Closing formula; `to` repeats the opening (« Maître », « Monsieur le Gérant »)."""
    return _pick(
        rng,
        f"Nous vous prions d'agréer, {to}, l'expression de nos salutations distinguées.",
        f"Veuillez agréer, {to}, nos salutations les meilleures.",
        f"Je vous prie de recevoir, {to}, l'assurance de ma considération distinguée.",
        "Restant à votre disposition, nous vous prions de croire à nos sentiments dévoués.",
        "Avec nos remerciements, recevez nos cordiales salutations.",
    )


_FORMS = {
    "SAS": "société par actions simplifiée",
    "SASU": "société par actions simplifiée à associé unique",
    "SARL": "société à responsabilité limitée",
    "EURL": "société à responsabilité limitée à associé unique",
    "SA": "société anonyme",
    "SC": "société civile",
    "SELARL": "société d'exercice libéral à responsabilité limitée",
    "": "société civile de construction vente",
}


def _societe(c: Company, rng: random.Random, *, rep: bool = True) -> str:
    """How a deed or contract names a company, to be used mid-sentence."""
    form = _FORMS.get(c.form, "société")
    s = _pick(
        rng,
        f"la société dénommée {c.name}, {form} au capital de {fk.num(c.capital)} €, "
        f"ayant son siège à {c.address.town.upper()} ({c.address.postcode}), "
        f"{c.address.line}, identifiée sous le numéro SIREN {c.siren} et immatriculée au RCS "
        f"de {c.rcs_town}",
        f"{c.name}, {form} au capital de {fk.num(c.capital)} euros, siège social : "
        f"{c.address.one_line()}, {c.rcs}",
        f"la {form} {c.name}, dont le siège est {c.address.one_line()}, inscrite au registre "
        f"du commerce et des sociétés sous le n° {ids.group_siren(c.siren)} RCS {c.rcs_town}",
    )
    if rep:
        s += f", représentée par {c.manager.formal}, " + _pick(
            rng,
            "ayant tous pouvoirs à l'effet des présentes",
            "en sa qualité de représentant légal",
            "dûment habilité" + ("e" if c.manager.sex == 2 else ""),
        )
    return s


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _town_date(rng: random.Random, town: str, d: dt.date) -> str:
    return _pick(
        rng,
        f"{town}, le {fk.fr_date_long(d)}",
        f"À {town}, le {fk.fr_date(d)}",
        f"{town.upper()} - {fk.fr_date(d)}",
        f"Le {fk.fr_date(d)}",
    )


def _insurer_head(rng: random.Random, ins: str) -> list[str]:
    head = [ins]
    head.append(
        _pick(
            rng,
            "Assurance construction",
            "Département Risques de la construction",
            "Centre de gestion Construction",
            "Pôle Entreprises et Professionnels",
        )
    )
    head += fk.address(rng).lines()
    if _yes(rng, 0.4):
        head.append("Entreprise régie par le Code des assurances")
    return head


def _pc_ref(w: World) -> str:
    return f"{w.permit_no} délivré le {fk.fr_date(w.permit_date)}"


def _buyers_label(rng: random.Random, w: World) -> tuple[str, list[Person]]:
    """One buyer or a couple, as sales documents name them."""
    b = rng.choice(w.buyers)
    if _yes(rng, 0.4):
        other = fk.person(rng, w.today)
        other.last = b.last
        if other.sex == b.sex:
            other.sex = 3 - b.sex
            other.civ = "Madame" if other.sex == 2 else "Monsieur"
            other.first = rng.choice(fk.FIRST_F if other.sex == 2 else fk.FIRST_M)
        other.address = b.address
        return f"M. et Mme {b.last.upper()}", [b, other]
    return b.formal, [b]


def _schedule(rng: random.Random) -> list[tuple[str, int]]:
    """Cumulative % of the price per stage, within the caps of R261-14 CCH (35/70/95)."""
    sched = [
        (
            _pick(rng, "Signature de l'acte authentique", "À la signature", "Jour de l'acte"),
            rng.choice([5, 10, 15, 20, 25, 30]),
        ),
        (_pick(rng, "Achèvement des fondations", "Fondations achevées"), 35),
    ]
    if _yes(rng, 0.6):
        sched.append(
            (
                _pick(
                    rng,
                    "Plancher haut du rez-de-chaussée",
                    "Plancher bas du 1er étage coulé",
                    "Élévation du premier niveau",
                ),
                rng.choice([45, 50, 55]),
            )
        )
    sched.append((_pick(rng, "Mise hors d'eau", "Hors d'eau (couverture achevée)"), 70))
    if _yes(rng, 0.7):
        sched.append(
            (
                _pick(
                    rng,
                    "Mise hors d'air",
                    "Achèvement des cloisons",
                    "Hors d'air (menuiseries extérieures posées)",
                ),
                rng.choice([80, 85]),
            )
        )
    sched.append((_pick(rng, "Achèvement de l'immeuble", "Achèvement des travaux"), 95))
    sched.append((_pick(rng, "Livraison / remise des clés", "Mise à disposition du bien"), 100))
    return sched


def _lot_line(lot: Lot) -> str:
    s = f"lot n° {lot['lot']} - {lot['type']} - {lot['floor']} - {fk.num(lot['surface'], dec=1)} m²"
    return s + (f" - {lot['parking']}" if lot["parking"] != "-" else "")


def _order_no(rng: random.Random) -> str:
    return f"S{rng.randint(10000, 99999)}" if _yes(rng) else f"{rng.randint(1000, 99999)}"


def _ttc(w: World) -> float:
    return float(w.works_ht) * 1.2


def _regime(rng: random.Random) -> str:
    return _pick(
        rng,
        "mariés sous le régime de la communauté réduite aux acquêts",
        "mariés sous le régime de la séparation de biens",
        "liés par un pacte civil de solidarité",
        "mariés sans contrat préalable",
    )


def _date_words(d: dt.date) -> str:
    day = "premier" if d.day == 1 else fk.words_fr(d.day)
    return (
        f"L'AN {fk.words_fr(d.year).upper()}, LE {day.upper()} {fk.MONTHS_FR[d.month - 1].upper()}"
    )


def _facility(w: World, rng: random.Random) -> tuple[int, int, int]:
    """(cash facility, land loan, GFA commitment) sized on the operation."""
    cash = int(w.works_ht * rng.uniform(0.15, 0.4) / 10000) * 10000
    land = int(w.land_price * rng.uniform(0.5, 0.8) / 10000) * 10000 if _yes(rng, 0.5) else 0
    gfa = int(w.works_ht * 1.2 * rng.uniform(0.7, 1.0) / 10000) * 10000
    return cash, land, gfa


def _pct(x: float) -> str:
    return f"{x:.2f}".replace(".", ",") + " %"


def _banker(w: World, rng: random.Random) -> tuple[Person, str]:
    p = fk.person(rng, w.today)
    f = p.sex == 2
    return p, _pick(
        rng,
        f"Chargé{'e' if f else ''} d'affaires Promotion immobilière",
        f"Direct{'rice' if f else 'eur'} du Centre d'affaires Immobilier",
        "Responsable financements promoteurs",
        f"Direct{'rice' if f else 'eur'} régional{'e' if f else ''} Immobilier professionnel",
    )


_STAGE_TEXT = [
    ("achèvement des fondations", "fondations"),
    ("réalisation du plancher haut du rez-de-chaussée", "plancher RDC"),
    ("achèvement du gros œuvre", "gros œuvre"),
    ("mise hors d'eau", "hors d'eau"),
    ("mise hors d'air", "hors d'air"),
    ("achèvement des cloisons et doublages", "cloisons"),
]
