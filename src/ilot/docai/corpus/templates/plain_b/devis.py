"""Quotes (DEVIS).

Part of `plain_b`, the templates of another writer (see its package docstring).
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from ... import fakes as fk
from ... import identifiers as ids
from ...fakes import World
from ...model import KV, Block, Box, Bullets, Cell, Doc, H, P, Space, Table
from ...registry import template
from ..common import alt, d2, legal_footer, letterhead, recipient
from ._shared import _CHAPTERS, _case


# ---------------------------------------------------------------------------------------------
# DEVIS
@template("DEVIS", "pb_devis_chapitres", formats=("pdf", "docx", "xlsx"), scan=0.12)
def pb_devis_chapitres(w: World, rng: random.Random) -> Doc:
    """Contractor's quote organised in chapters with subtotals, validity and acceptance box."""
    c = rng.choice(w.contractors)
    chapters = _CHAPTERS.get(c.trade, _CHAPTERS["default"])
    rows: list[list[Cell]] = []
    total = Decimal("0")
    for ci, (chap, items) in enumerate(chapters, 1):
        rows.append([f"{ci}", chap.upper(), "", "", "", ""])
        sub = Decimal("0")
        for ii, (desc, unit, (qlo, qhi), (plo, phi)) in enumerate(items, 1):
            if rng.random() < 0.15:
                continue
            q = rng.randint(qlo, qhi)
            pu = d2(rng.uniform(plo, phi))
            amount = d2(pu * q)
            sub += amount
            rows.append([f"{ci}.{ii}", desc, unit, float(q), float(pu), float(amount)])
        rows.append(["", f"Sous-total {ci} - {chap}", "", "", "", float(sub)])
        total += sub
    discount = d2(total * Decimal(rng.choice(["0", "0", "0.02", "0.03", "0.05"])))
    net = total - discount
    rate = Decimal("20")
    tva = d2(net * rate / 100)
    recap: list[list[Cell]] = [["Total HT", float(total)]]
    if discount:
        recap += [["Remise commerciale", float(-discount)], ["Net HT", float(net)]]
    recap += [["TVA 20 %", float(tva)], ["Total TTC", float(net + tva)]]
    valid = rng.choice([30, 60, 90])
    no = ids.ref(rng, rng.choice(["D99-9999", "DEV-99999", "9999-99-AA"]))
    d = w.start_date - dt.timedelta(days=rng.randint(30, 200))
    blocks: list[Block] = [
        KV(
            [
                ("Devis n°", no),
                ("Date", fk.fr_date(d)),
                ("Client", w.sccv.name),
                ("Chantier", f"{w.programme} - {w.site.one_line()}"),
                ("Objet", f"Lot {c.trade}"),
                ("Validité de l'offre", f"{valid} jours"),
            ]
        ),
        Table(
            ["Réf.", "Désignation", "U", "Qté", "P.U. HT", "Total HT"],
            rows,
            fmt="tttdmm",
            widths=[0.5, 3.6, 0.6, 0.8, 1.0, 1.2],
        ),
        Table([], recap, fmt="tm", total=1, widths=[4, 1.5]),
        H(alt(rng, ["Conditions", "Conditions de l'offre", "Observations"]), 2),
        Bullets(
            rng.sample(
                [
                    f"Prix établis sur la base du CCTP indice {rng.choice('ABC')} et des plans "
                    "de l'architecte ; toute modification fera l'objet d'un devis complémentaire.",
                    f"Offre valable {valid} jours à compter de la date du présent devis.",
                    f"Délai d'intervention : {rng.randint(2, 8)} semaines après acceptation, "
                    "selon planning.",
                    "Sont exclus : les branchements définitifs, les frais de contrôle technique, "
                    "le compte prorata.",
                    f"Acompte de {rng.choice([10, 20, 30])} % à la commande ; le solde sur "
                    "situations mensuelles.",
                    "Prix révisables selon l'index BT01 au-delà de trois mois.",
                    "Assurance décennale : attestation jointe.",
                ],
                k=rng.randint(3, 6),
            )
        ),
        Box(
            [
                "Bon pour accord - devis reçu avant l'exécution des travaux",
                "Date :",
                "Nom et qualité du signataire :",
                "Signature et cachet du client :",
            ],
            alt(rng, ["Acceptation du devis", "BON POUR ACCORD", ""]),
        ),
    ]
    return Doc(
        _case(
            rng,
            alt(
                rng,
                [
                    "Devis",
                    "Devis quantitatif estimatif",
                    "Proposition de prix",
                    f"Devis n° {no}",
                    "Offre de prix",
                ],
            ),
        ),
        blocks,
        head_left=letterhead(c, rng),
        head_right=recipient(w.sccv, alt(rng, ["", w.sccv.manager.formal, "Service travaux"])),
        footer=legal_footer(c, rng),
    )


_SUPPLIES = [
    (
        "Location de bungalows de chantier",
        [
            ("Bungalow bureau 15 m² - location mensuelle", "mois", 1, 260, 420),
            ("Bungalow sanitaire autonome - location mensuelle", "mois", 1, 310, 520),
            ("Transport aller-retour et grutage", "forfait", 1, 900, 1800),
        ],
    ),
    (
        "Benne et évacuation de déchets",
        [
            ("Benne 15 m³ DIB - rotation", "rotation", 4, 280, 450),
            ("Benne gravats inertes 8 m³ - rotation", "rotation", 6, 190, 320),
            ("Location benne - jour", "jour", 20, 6, 12),
        ],
    ),
    (
        "Relevés topographiques et implantation",
        [
            ("Implantation des bâtiments", "forfait", 1, 1200, 3500),
            ("Récolement des réseaux", "forfait", 1, 900, 2200),
            ("Plan topographique", "forfait", 1, 1500, 4000),
        ],
    ),
    (
        "Nettoyage de fin de chantier",
        [
            ("Nettoyage des logements avant livraison", "logement", 0, 90, 160),
            ("Nettoyage des parties communes", "forfait", 1, 800, 2500),
            ("Lavage des vitrages", "forfait", 1, 500, 1500),
        ],
    ),
    (
        "Location d'une grue mobile",
        [
            ("Grue mobile 50 t avec chauffeur - journée", "jour", 3, 1400, 2300),
            ("Frais d'amenée et de repli", "forfait", 1, 600, 1500),
            ("Arrêté de voirie et balisage", "forfait", 1, 250, 700),
        ],
    ),
]


@template("DEVIS", "pb_devis_courriel", scan=0.05)
def pb_devis_courriel(w: World, rng: random.Random) -> Doc:
    """A supplier's price offer sent by e-mail, printed with its headers."""
    subject, items = rng.choice(_SUPPLIES)
    sup = fk.contractor(rng, w.today)
    who = fk.person(rng, w.today)
    dev_contact = fk.person(rng, w.today)
    d = w.start_date + dt.timedelta(days=rng.randint(-60, 400))
    rows: list[list[Cell]] = []
    ht = Decimal("0")
    for desc, unit, q, lo, hi in items:
        qty = q if q else w.lots
        if unit in ("mois",):
            qty = rng.randint(6, 20)
        elif unit in ("rotation", "jour") and q > 1:
            qty = rng.randint(max(1, q // 2), q * 3)
        pu = d2(rng.uniform(lo, hi))
        amt = d2(pu * qty)
        ht += amt
        rows.append([desc, f"{qty} {unit}", float(pu), float(amt)])
    tva = d2(ht * Decimal("0.2"))
    rows += [
        ["Total HT", "", "", float(ht)],
        ["TVA 20 %", "", "", float(tva)],
        ["Total TTC", "", "", float(ht + tva)],
    ]
    valid = rng.choice([15, 30, 45])
    dev_mail = (
        f"{fk._slug(dev_contact.first)}.{fk._slug(dev_contact.last)}"
        f"@{fk._slug(w.developer.name)[:18]}.fr"
    )
    mail = f"{fk._slug(who.first)}.{fk._slug(who.last)}@{fk._slug(sup.name)[:18]}.fr"
    blocks: list[Block] = [
        KV(
            [
                ("De", f"{who.name} <{mail}>"),
                ("Envoyé", f"{fk.fr_date(d)} {rng.randint(7, 19):02d}:{rng.randint(0, 59):02d}"),
                (
                    "À",
                    f"{dev_contact.name} <{dev_mail}>",
                ),
                (
                    "Objet",
                    f"RE: {alt(rng, ['Demande de prix', 'Consultation', 'Chiffrage'])} - "
                    f"{subject} - {w.programme}",
                ),
            ]
        ),
        Space(6),
        P(
            "Bonjour "
            + alt(
                rng, [dev_contact.civ, dev_contact.first, f"{dev_contact.civ} {dev_contact.last}"]
            )
            + ","
        ),
        P(
            alt(
                rng,
                [
                    "Suite à votre demande, veuillez trouver ci-dessous notre meilleure offre "
                    "pour ",
                    "Comme convenu par téléphone, je vous transmets notre proposition tarifaire "
                    "pour ",
                    "Merci pour votre consultation. Voici notre chiffrage concernant ",
                ],
            )
            + f"votre chantier de {w.site.town} ({subject.lower()}) :"
        ),
        Table(
            ["Désignation", "Quantité", "P.U. HT", "Montant HT"],
            rows,
            fmt="ttmm",
            total=3,
            widths=[3.6, 1.2, 1, 1.2],
        ),
        P(
            f"Cette offre est valable {valid} jours. Les prix s'entendent hors taxes, "
            + alt(rng, ["départ agence.", "livraison comprise.", "hors frais de voirie."])
            + " Conditions de règlement : 30 jours fin de mois, après ouverture de compte."
        ),
        P(
            "Pour valider la commande, il vous suffit de me retourner cette proposition avec la "
            "mention « bon pour accord » ou d'y répondre par retour de mail."
        ),
        P(alt(rng, ["Bien cordialement,", "Restant à votre disposition,", "Cordialement,"])),
        P(
            f"{who.name}\n"
            + alt(rng, ["Chargé d'affaires", "Service commercial", "Technico-commercial"])
            + f"\n{sup.name} - {sup.phone}"
        ),
    ]
    if rng.random() < 0.5:
        blocks += [
            P("-----Message d'origine-----", style="small"),
            P(
                f"De : {dev_contact.name}\nObjet : {subject} - {w.programme}\n"
                f"Bonjour, pourriez-vous nous faire une offre pour {subject.lower()} sur notre "
                f"opération de {w.lots} logements au {w.site.one_line()} ? Merci d'avance.",
                style="small",
            ),
        ]
    return Doc(
        "",
        blocks,
        header=alt(rng, [f"Messagerie - {dev_contact.name}", "", "Imprimé depuis Outlook"]),
    )
