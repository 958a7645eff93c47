"""Quotes and invoices: a deliberate near-miss group with the works contracts of `marches`.

All of them list works and amounts; what differs is the commitment (an offer valid for a
time, a payment request with due date and penalties, a signed contract with articles)."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from .. import fakes as fk
from .. import identifiers as ids
from ..fakes import World
from ..model import KV, Block, Doc, H, P, Sign, Table
from ..registry import template
from .common import (
    alt,
    d2,
    legal_footer,
    letterhead,
    lines_table,
    recipient,
    work_lines,
)

_PENALTIES = (
    "En cas de retard de paiement, des pénalités égales à trois fois le taux "
    "d'intérêt légal seront "
    "exigibles, ainsi qu'une indemnité forfaitaire pour frais de recouvrement "
    "de 40 € (articles L441-10 "
    "et D441-5 du Code de commerce). Pas d'escompte pour paiement anticipé."
)


def _vat(rng: random.Random) -> Decimal:
    return Decimal(rng.choice(["20", "20", "20", "10", "5.5"]))


@template("FACTURE", "facture_entreprise", scan=0.3)
def facture_entreprise(w: World, rng: random.Random) -> Doc:
    c = rng.choice(w.contractors)
    no = ids.ref(rng, alt(rng, ["FA-9999-0999", "F9999999", "FAC/9999/999", "2099-999"]))
    due = w.today + dt.timedelta(days=rng.choice([30, 45, 60]))
    rate = _vat(rng)
    auto = rng.random() < 0.15
    table, _ht, _tva, ttc = lines_table(
        work_lines(c, rng, rng.randint(3, 9), 30), "fr", rng, Decimal("0") if auto else rate
    )
    blocks: list[Block] = [
        KV(
            [
                (alt(rng, ["Facture n°", "N° de facture", "Numéro"]), no),
                ("Date de facture", fk.fr_date(w.today)),
                ("Date d'échéance", fk.fr_date(due)),
                ("Chantier", f"{w.programme} - {w.site.one_line()}"),
                ("Référence client", ids.ref(rng, "CL99999")),
            ]
        ),
        table,
    ]
    if auto:
        blocks.append(P("Autoliquidation : TVA due par le preneur - article 283-2 nonies du CGI."))
    if rng.random() < 0.4:
        blocks.append(
            P(
                f"Retenue de garantie 5 % : {fk.money(float(d2(ttc * Decimal('0.05'))))} - "
                f"Net à payer : {fk.money(float(ttc - d2(ttc * Decimal('0.05'))))}",
                style="bold",
            )
        )
    blocks += [
        P(
            f"Conditions de règlement : virement à {(due - w.today).days} jours. {_PENALTIES}",
            style="small",
        ),
        KV([("IBAN", ids.group4(c.iban)), ("BIC", c.bic), ("Banque", c.bank)], boxed=True),
    ]
    return Doc(
        alt(rng, ["FACTURE", "Facture", "FACTURE DE TRAVAUX"]),
        blocks,
        head_left=letterhead(c, rng),
        head_right=recipient(w.sccv),
        footer=legal_footer(c, rng),
    )


@template("FACTURE", "situation_travaux", scan=0.15)
def situation(w: World, rng: random.Random) -> Doc:
    c = rng.choice(w.contractors)
    n = rng.randint(2, 14)
    market = d2(w.works_ht * rng.uniform(0.05, 0.3))
    items = rng.sample(
        [
            "Installation de chantier",
            "Terrassements",
            "Fondations",
            "Infrastructure",
            "Superstructure R+1",
            "Superstructure R+2",
            "Toiture",
            "Cloisons",
            "Réseaux",
            "Finitions",
            "VRD",
        ],
        k=rng.randint(4, 8),
    )
    shares = [rng.random() for _ in items]
    rows: list[list[str | int | float]] = []
    cum_total = Decimal("0")
    for it, sh in zip(items, shares, strict=True):
        amount = d2(market * Decimal(str(sh / sum(shares))))
        pct = rng.choice([100, 100, 80, 60, 50, 30, 10, 0])
        cum = d2(amount * pct / 100)
        cum_total += cum
        rows.append([it, float(amount), float(pct), float(cum)])
    prev = d2(cum_total * Decimal(str(rng.uniform(0.5, 0.9))))
    this_ht = cum_total - prev
    rg = d2(this_ht * Decimal("0.05"))
    tva = d2((this_ht - rg) * Decimal("0.20"))
    rows.append(["TOTAL", float(market), float(d2(cum_total / market * 100)), float(cum_total)])
    summary: list[list[str | int | float]] = [
        ["Cumul des travaux réalisés HT", float(cum_total)],
        ["Déduction situations précédentes", float(-prev)],
        ["Montant de la présente situation HT", float(this_ht)],
        ["Retenue de garantie 5 %", float(-rg)],
        ["TVA 20 %", float(tva)],
        ["Net à payer TTC", float(this_ht - rg + tva)],
    ]
    return Doc(
        f"SITUATION DE TRAVAUX N° {n}",
        [
            KV(
                [
                    ("Marché", f"Lot {c.trade} - {w.programme}"),
                    ("Maître d'ouvrage", w.sccv.name),
                    ("Maître d'œuvre", w.architect_firm.name),
                    ("Période", f"arrêtée au {fk.fr_date(w.today)}"),
                    ("Facture n°", ids.ref(rng, "SIT-9999-99")),
                ]
            ),
            Table(
                ["Poste", "Montant marché HT", "Avancement %", "Cumul HT"],
                rows,
                fmt="tmpm",
                total=1,
                widths=[3, 1.5, 1, 1.5],
            ),
            Table([], summary, fmt="tm", total=1, widths=[3, 1.5]),
            P(
                "Situation à régler par virement à 30 jours à réception. " + _PENALTIES,
                style="small",
            ),
            Sign([["L'entreprise", c.manager.name], ["Visa du maître d'œuvre", w.architect.name]]),
        ],
        head_left=letterhead(c, rng),
        head_right=recipient(w.sccv),
        footer=legal_footer(c, rng),
    )


@template("FACTURE", "invoice_en", scan=0.3)
def invoice_en(w: World, rng: random.Random) -> Doc:
    c = rng.choice([w.architect_firm, *w.contractors])
    no = ids.ref(rng, alt(rng, ["INV-99999", "999999", "IN/99/9999"]))
    lines = [
        (
            alt(
                rng,
                [
                    "Project management services",
                    "Design fees - phase DET",
                    "Site supervision",
                    "Consulting services",
                    "Structural engineering review",
                    "Software licence (annual)",
                    "Legal translation",
                    "Hosting and data room services",
                ],
            ),
            "u",
            float(rng.randint(1, 20)),
            d2(rng.uniform(80, 3000)),
        )
        for _ in range(rng.randint(1, 5))
    ]
    table, _ht, _tva, ttc = lines_table(lines, "en", rng, Decimal("20"))
    return Doc(
        alt(rng, ["INVOICE", "Invoice", "TAX INVOICE"]),
        [
            KV(
                [
                    ("Invoice number", no),
                    ("Invoice date", fk.en_date(w.today, rng.random() < 0.5)),
                    ("Due date", fk.en_date(w.today + dt.timedelta(days=30))),
                    ("Bill to", w.sccv.name),
                    ("Customer VAT", w.sccv.vat),
                    ("Supplier VAT", c.vat),
                ]
            ),
            table,
            P(
                f"Amount due: {fk.money(float(ttc), 'en')}. Payment terms: 30 days net. Please "
                "quote the invoice "
                f"number with your payment.",
                style="bold",
            ),
            KV([("Bank", c.bank), ("IBAN", ids.group4(c.iban)), ("SWIFT/BIC", c.bic)], boxed=True),
            P(
                "Late payment interest at three times the French legal rate and a fixed fee "
                "of EUR 40 apply.",
                style="small",
            ),
        ],
        lang="en",
        head_left=letterhead(c, rng),
        head_right=recipient(w.sccv),
        footer=legal_footer(c, rng, "en"),
    )


@template("FACTURE", "honoraires_avoir", scan=0.15)
def honoraires(w: World, rng: random.Random) -> Doc:
    c = w.architect_firm
    credit = rng.random() < 0.3
    phases = [
        ("ESQ", 5),
        ("APS", 8),
        ("APD", 15),
        ("PRO", 17),
        ("ACT", 5),
        ("VISA", 8),
        ("DET", 32),
        ("AOR", 5),
    ]
    fee = d2(w.works_ht * rng.uniform(0.035, 0.08))
    chosen = rng.sample(phases, k=rng.randint(1, 3))
    lines = [
        (
            f"Mission {p} - {w.programme} ({pct} % des honoraires)",
            "forfait",
            1.0,
            d2(fee * pct / 100),
        )
        for p, pct in chosen
    ]
    table, _ht, _tva, _ttc = lines_table(lines, "fr", rng, Decimal("20"))
    title = "AVOIR" if credit else alt(rng, ["NOTE D'HONORAIRES", "FACTURE D'HONORAIRES"])
    blocks: list[Block] = [
        KV(
            [
                ("N°", ids.ref(rng, "H99-999")),
                ("Date", fk.fr_date(w.today)),
                ("Contrat", f"Contrat de maîtrise d'œuvre du {fk.fr_date(w.permit_date)}"),
            ]
        ),
        table,
    ]
    if credit:
        blocks.insert(
            0,
            P(
                "Avoir annulant et remplaçant partiellement la facture "
                f"n° {ids.ref(rng, 'H99-999')}."
            ),
        )
    blocks += [
        P(
            f"Montant forfaitaire des honoraires : {fk.money(float(fee))} HT. " + _PENALTIES,
            style="small",
        ),
        KV([("IBAN", ids.group4(c.iban)), ("BIC", c.bic)]),
    ]
    return Doc(
        title,
        blocks,
        head_left=letterhead(c, rng),
        head_right=recipient(w.sccv),
        footer=legal_footer(c, rng) + " - Inscrit à l'Ordre des architectes",
    )


@template("DEVIS", "devis_entreprise", scan=0.15)
def devis_entreprise(w: World, rng: random.Random) -> Doc:
    c = rng.choice(w.contractors)
    valid = rng.choice([1, 2, 3, 6])
    table, _ht, _tva, _ttc = lines_table(
        work_lines(c, rng, rng.randint(4, 10), 30), "fr", rng, _vat(rng)
    )
    blocks: list[Block] = [
        KV(
            [
                (
                    alt(rng, ["Devis n°", "Proposition n°", "N° de devis"]),
                    ids.ref(rng, "DE-9999-999"),
                ),
                ("Date", fk.fr_date(w.today)),
                ("Validité", f"{valid} mois"),
                ("Objet", f"Travaux de {c.trade} - {w.programme}"),
                ("Adresse du chantier", w.site.one_line()),
            ]
        ),
        table,
        P(
            f"Offre valable {valid} mois à compter de sa date d'émission. Prix fermes "
            "et non révisables pendant la "
            f"durée de validité. Acompte de {rng.choice([20, 30, 40])} % à la commande, "
            "solde à l'achèvement."
        ),
        P(
            "Tout devis signé vaut acceptation des conditions générales de vente. Une "
            "facture sera émise à "
            "l'issue des travaux.",
            style="small",
        ),
        Sign(
            [
                ["Pour l'entreprise", c.manager.name],
                [
                    "Bon pour accord",
                    "Date, cachet et signature du client",
                    "précédés de la mention « bon pour accord »",
                ],
            ]
        ),
    ]
    return Doc(
        alt(rng, ["DEVIS", "Devis", "DEVIS ESTIMATIF", "PROPOSITION DE PRIX"]),
        blocks,
        head_left=letterhead(c, rng),
        head_right=recipient(w.sccv),
        footer=legal_footer(c, rng),
    )


@template("DEVIS", "offre_prestation", scan=0.1)
def offre_prestation(w: World, rng: random.Random) -> Doc:
    kind = alt(
        rng,
        [
            "géotechnique G2 AVP",
            "relevé topographique",
            "coordination SPS",
            "contrôle technique",
            "diagnostic amiante avant démolition",
            "étude thermique RE2020",
        ],
    )
    c = rng.choice(w.contractors)
    lines = [
        (f"{kind.capitalize()} - phase {i}", "forfait", 1.0, d2(rng.uniform(800, 9000)))
        for i in range(1, rng.randint(3, 6))
    ]
    table, _ht, _tva, _ttc = lines_table(lines, "fr", rng, Decimal("20"))
    return Doc(
        f"Proposition technique et financière - {kind}",
        [
            P(
                "Madame, Monsieur, suite à votre consultation du "
                f"{fk.fr_date(w.today - dt.timedelta(days=12))} relative "
                f"à l'opération {w.programme} à {w.site.town}, nous avons le plaisir de vous "
                "adresser notre meilleure offre."
            ),
            H("1. Contenu de la mission"),
            P(
                f"La mission comprend la {kind} conformément aux normes en vigueur, la remise "
                "d'un rapport et une "
                "réunion de restitution."
            ),
            H("2. Délais"),
            P(
                f"Démarrage sous {rng.randint(2, 6)} semaines après "
                "réception de la commande signée."
            ),
            H("3. Prix"),
            table,
            P(
                "Offre valable 90 jours. La commande sera réputée acceptée à réception du "
                "présent devis signé."
            ),
            Sign([["Le chargé d'affaires", c.manager.name], ["Le client (bon pour accord)", ""]]),
        ],
        head_left=letterhead(c, rng),
        head_right=recipient(w.sccv),
        footer=legal_footer(c, rng),
    )


@template("DEVIS", "quotation_en", scan=0.1)
def quotation_en(w: World, rng: random.Random) -> Doc:
    c = rng.choice(w.contractors)
    lines = [
        (
            alt(
                rng,
                [
                    "Supply of materials",
                    "Labour",
                    "Equipment hire",
                    "Site installation",
                    "Waste removal",
                    "Technical study",
                ],
            ),
            "u",
            float(rng.randint(1, 50)),
            d2(rng.uniform(20, 2000)),
        )
        for _ in range(rng.randint(3, 6))
    ]
    table, _ht, _tva, _ttc = lines_table(lines, "en", rng, Decimal("20"))
    return Doc(
        alt(rng, ["QUOTATION", "Quote", "PRICE ESTIMATE"]),
        [
            KV(
                [
                    ("Quote number", ids.ref(rng, "Q-99999")),
                    ("Date", fk.en_date(w.today)),
                    ("Valid until", fk.en_date(w.today + dt.timedelta(days=60))),
                    ("Project", w.programme),
                ]
            ),
            table,
            P(
                "This quotation is valid for 60 days. Prices exclude "
                "any work not explicitly described. "
                "A deposit of 30% is payable on acceptance; an invoice will follow completion."
            ),
            Sign([["Prepared by", c.manager.name], ["Accepted by (signature and date)", ""]]),
        ],
        lang="en",
        head_left=letterhead(c, rng),
        head_right=recipient(w.sccv),
        footer=legal_footer(c, rng, "en"),
    )
