"""French public-procurement e-invoices (EN 16931 reference fields) and payment receipts."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from .. import fakes as fk
from .. import identifiers as ids
from ..fakes import World
from ..model import KV, Block, Doc, P, Table
from ..registry import template
from .common import alt
from .factures import _customer, _lines, _seller, _table


@template("FACTURE", "facture_references_b2b", formats=("pdf",), scan=0.1)
def references_b2b(w: World, rng: random.Random) -> Doc:
    """Public-procurement style e-invoice (EN 16931 / Factur-X) with its many reference fields."""
    name, head, _ = _seller("fr", rng, w)
    no = ids.ref(rng, "F99999999")
    rate = Decimal(rng.choice(["20", "20", "10", "0"]))
    table, ttc = _table(_lines(rng.choice(["goods", "services"]), rng), "fr", rate, rng, True)
    start = w.today.replace(day=1)
    refs = [
        ("N° DE CLIENT", ids.ref(rng, "REFCLI9999")),
        ("N° BON DE COMMANDE", ids.ref(rng, "PO999999999")),
        ("N° CONTRAT", ids.ref(rng, "CT9999999999")),
        ("REF PROJET", w.programme.upper()),
        ("SERVICE EXÉCUTANT", ids.ref(rng, "SERV999")),
        ("N° BON DE LIVRAISON", ids.ref(rng, "BL99999")),
        ("GLN", ids.ref(rng, "9999999999999")),
        ("DATE DE DÉBUT DE PRESTATION", fk.fr_date(start)),
        ("DEVISE", "EURO (EUR)"),
    ]
    blocks: list[Block] = [
        KV([("Facture n°", no), ("Date", fk.fr_date(w.today))]),
        KV(rng.sample(refs, k=rng.randint(4, len(refs)))),
        table,
        KV(
            [
                (
                    "Détail TVA",
                    f"Taux {rate} % - base {fk.money(float(ttc) / (1 + float(rate) / 100))}",
                ),
                ("NET À PAYER", fk.money(float(ttc))),
                ("MOYEN DE PAIEMENT", "VIREMENT"),
                ("Date d'échéance", fk.fr_date(w.today + dt.timedelta(days=30))),
            ],
            boxed=True,
        ),
        P(
            alt(
                rng,
                [
                    "TVA acquittée sur les encaissements.",
                    "Autoliquidation.",
                    "Exonération de TVA, article 262 ter I du CGI.",
                ],
            )
        ),
        P(
            "Tout retard de paiement engendre une pénalité calculée "
            "sur la base de trois fois le taux d'intérêt légal. "
            "Indemnité forfaitaire pour frais de recouvrement "
            ": 40 €. Pas d'escompte pour règlement anticipé.",
            style="small",
        ),
    ]
    return Doc(
        alt(rng, ["FACTURE", "Facture électronique", "FACTURE - ORIGINAL"]),
        blocks,
        head_left=head,
        head_right=_customer(w, rng),
        footer=f"{name} - document conforme à la norme EN 16931",
    )


@template("FACTURE", "recu_paiement", formats=("pdf",), scan=0.4)
def recu(w: World, rng: random.Random) -> Doc:
    lang = rng.choice(["en", "fr"])
    p = rng.choice([w.developer.manager, *w.buyers])
    nights = rng.randint(1, 4)
    rate = round(rng.uniform(60, 240), 2)
    kind = rng.choice(["hotel", "train", "taxi"])
    if lang == "en":
        title, fields = (
            "PAYMENT RECEIPT",
            [
                ("Guest name" if kind == "hotel" else "Passenger", p.name),
                ("Date", fk.en_date(w.today)),
                ("Booking ID", ids.ref(rng, "AAAA9999")),
                ("Payment mode", rng.choice(["Card", "Cash at hotel", "Online"])),
            ],
        )
        head = ["Description", "Rate", "Amount"]
        total = "Grand total"
    else:
        title, fields = (
            "REÇU DE PAIEMENT - FACTURE",
            [
                ("Client", p.formal),
                ("Date", fk.fr_date(w.today)),
                ("N° de réservation", ids.ref(rng, "AAAA9999")),
                ("Mode de paiement", rng.choice(["CB", "Espèces", "Virement"])),
            ],
        )
        head = ["Désignation", "Prix unitaire", "Montant TTC"]
        total = "Total TTC"
    label = {
        "hotel": f"Room charges x {nights} night(s)" if lang == "en" else f"Nuitée(s) x {nights}",
        "train": "Train ticket" if lang == "en" else "Billet de train",
        "taxi": "Ride" if lang == "en" else "Course",
    }
    rows: list[list[str | int | float]] = [[label[kind], rate, rate * nights]]
    tax = round(rate * nights * 0.1, 2)
    rows += [
        ["Taxes" if lang == "en" else "dont TVA 10 %", "", tax],
        [total, "", rate * nights + (tax if lang == "en" else 0)],
    ]
    return Doc(
        title,
        [KV(fields), Table(head, rows, fmt="tmm", total=1)],
        lang=lang,
        head_left=[
            rng.choice(["Hôtel du Parc", "Grand Hotel Central", "Taxi Express", "Rail Voyages"]),
            fk.address(rng).one_line(),
        ],
    )
