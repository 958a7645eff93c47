"""Drawdown requests and releases (mainlevées)."""

from __future__ import annotations

import datetime as dt
import random

from .. import fakes as fk
from .. import identifiers as ids
from ..fakes import World
from ..model import KV, Box, Doc, P, Sign, Table
from ..registry import template
from .common import (
    alt,
    boiler,
    d2,
    legal_footer,
    letterhead,
    place_date,
    recipient,
)
from .financement import _loan


def _invoice_rows(w: World, rng: random.Random) -> tuple[list[list[str | int | float]], float]:
    rows: list[list[str | int | float]] = []
    tot = 0.0
    for _ in range(rng.randint(2, 9)):
        c = rng.choice(w.contractors)
        ttc = float(d2(rng.uniform(4000, 380000)))
        rows.append(
            [
                c.name,
                ids.ref(rng, "F9999-999"),
                fk.fr_date(w.today - dt.timedelta(days=rng.randint(3, 50))),
                rng.choice(
                    [
                        "Travaux",
                        "Honoraires MOE",
                        "Frais financiers",
                        "Taxe d'aménagement",
                        "Assurance",
                    ]
                ),
                ttc,
            ]
        )
        tot += ttc
    rows.append(["TOTAL", "", "", "", tot])
    return rows, tot


@template("DEMANDE_TIRAGE", "lettre_tirage", scan=0.1)
def demande_lettre(w: World, rng: random.Random) -> Doc:
    rows, tot = _invoice_rows(w, rng)
    return Doc(
        "",
        [
            P(
                f"Objet : Demande de tirage n° {rng.randint(1, 25)} - Crédit d'accompagnement "
                f"{w.programme}",
                style="bold",
            ),
            P("Madame, Monsieur,"),
            P(
                "Conformément à l'article « Utilisation » de la convention "
                f"de crédit du {fk.fr_date(w.start_date)}, nous "
                f"vous prions de bien vouloir procéder au déblocage de la somme de {fk.money(tot)} "
                "par crédit du compte "
                f"de l'opération n° {ids.group4(w.sccv.iban)}, en "
                "règlement des factures suivantes :"
            ),
            Table(
                ["Fournisseur", "N° facture", "Date", "Nature", "Montant TTC"],
                rows,
                fmt="ttttm",
                total=1,
                widths=[2.4, 1.3, 1, 1.6, 1.3],
            ),
            P(
                "Nous certifions que ces dépenses sont conformes au budget de l'opération, "
                "que les conditions suspensives "
                "restent satisfaites et qu'aucun cas de défaut n'est survenu."
            ),
            P(
                "Vous trouverez ci-joint les factures et l'attestation "
                "d'avancement du maître d'œuvre."
            ),
            P(place_date(w, rng)),
            Sign([["Le gérant", w.sccv.manager.name]]),
        ],
        head_left=letterhead(w.sccv, rng),
        head_right=recipient(w.bank, "Middle office crédits"),
    )


@template("DEMANDE_TIRAGE", "formulaire_tirage", formats=("pdf", "docx", "xlsx"), scan=0.1)
def demande_form(w: World, rng: random.Random) -> Doc:
    rows, tot = _invoice_rows(w, rng)
    auth = _loan(w, rng)
    used = auth * rng.uniform(0.1, 0.7)
    return Doc(
        "FORMULAIRE DE DEMANDE DE TIRAGE",
        [
            KV(
                [
                    ("Emprunteur", w.sccv.name),
                    ("Opération", w.programme),
                    ("N° de concours", ids.ref(rng, "99999999999")),
                    ("Montant autorisé", fk.money(auth)),
                    ("Encours avant tirage", fk.money(used)),
                    ("Montant demandé", fk.money(tot)),
                    ("Date de valeur souhaitée", fk.fr_date(w.today + dt.timedelta(days=3))),
                ],
                boxed=True,
            ),
            Table(
                ["Bénéficiaire", "Facture", "Date", "Poste budgétaire", "Montant"],
                rows,
                fmt="ttttm",
                total=1,
            ),
            Box(
                [
                    "[X] Les factures jointes ont été visées par le maître d'œuvre",
                    "[X] Le plafond de l'autorisation n'est pas dépassé",
                    "[ ] Paiement direct aux entreprises",
                ]
            ),
            Sign([["Signature autorisée de l'emprunteur", ""], ["Réservé à la banque - visa", ""]]),
        ],
        head_left=letterhead(w.bank, rng, ids=False),
    )


@template("DEMANDE_TIRAGE", "drawdown_en", scan=0.05)
def drawdown_en(w: World, rng: random.Random) -> Doc:
    rows, tot = _invoice_rows(w, rng)
    return Doc(
        "UTILISATION REQUEST / DRAWDOWN NOTICE",
        [
            P(f"To: {w.bank.name}, as Lender"),
            P(f"From: {w.sccv.name}, as Borrower"),
            P(
                f"We refer to the facility agreement dated {fk.en_date(w.start_date)}. This "
                "is a Utilisation Request. "
                "We wish to borrow "
                f"{fk.money(tot, 'en')} on "
                f"{fk.en_date(w.today + dt.timedelta(days=5))}, "
                "to be credited to "
                f"account {ids.group4(w.sccv.iban)}."
            ),
            Table(["Payee", "Invoice", "Date", "Item", "Amount"], rows, fmt="ttttm", total=1),
            P(
                "We confirm that each condition specified in the agreement is satisfied on "
                "the date of this request and "
                "that no Default is continuing."
            ),
            Sign([["Authorised signatory", w.sccv.manager.name]]),
        ],
        lang="en",
        head_left=letterhead(w.sccv, rng),
    )


@template("MAINLEVEE", "mainlevee_hypotheque", scan=0.15)
def mainlevee_hyp(w: World, rng: random.Random) -> Doc:
    return Doc(
        alt(rng, ["ACTE DE MAINLEVÉE", "MAINLEVÉE D'INSCRIPTION HYPOTHÉCAIRE", "Mainlevée"]),
        [
            P(
                f"{w.bank.name}, créancier inscrit, représenté par son mandataire, donne mainlevée "
                "pure et simple et consent "
                "à la radiation totale de l'inscription d'hypothèque conventionnelle prise "
                "à son profit contre la "
                f"{w.sccv.name} au service de la publicité foncière "
                f"de {w.site.town}, le {fk.fr_date(w.start_date)}, "
                f"volume {rng.randint(2015, 2025)} V n° {rng.randint(100, 9999)}."
            ),
            P(
                f"Biens concernés : terrain et constructions sis {w.site.one_line()}, cadastrés "
                f"{w.cadastre}."
            ),
            P(
                "Le créancier déclare avoir été intégralement remboursé des sommes garanties. "
                "Tous pouvoirs sont donnés au "
                "porteur d'une copie des présentes pour requérir la radiation."
            ),
            P(f"Acte reçu par Maître {w.notary.name}, notaire, le {fk.fr_date_long(w.today)}."),
            Sign([["Le créancier", ""], ["Le notaire", ""]]),
        ],
        head_left=[w.notary_office, *w.notary.address.lines()],
    )


@template("MAINLEVEE", "mainlevee_gfa_lettre", scan=0.15)
def mainlevee_gfa(w: World, rng: random.Random) -> Doc:
    what = rng.choice(
        [
            "de la garantie financière d'achèvement",
            "du nantissement des parts sociales",
            "de la caution solidaire",
            "de la cession de créances Dailly",
        ]
    )
    return Doc(
        "",
        [
            P(f"Objet : Mainlevée {what} - opération {w.programme}", style="bold"),
            P(
                "Madame, Monsieur, nous vous confirmons que, l'achèvement de l'immeuble ayant "
                "été constaté le "
                f"{fk.fr_date(w.delivery_date)} et le crédit d'accompagnement étant intégralement "
                "remboursé, nous donnons "
                f"mainlevée {what} consentie par {w.sccv.name} en notre faveur."
            ),
            P(
                "Nous vous délions en conséquence de toute obligation à ce titre et vous "
                "autorisons à effectuer les "
                "formalités de radiation correspondantes."
            ),
            P(place_date(w, rng, town=w.bank.address.town)),
            Sign([[w.bank.name, "Le directeur régional"]]),
        ],
        head_left=letterhead(w.bank, rng),
        head_right=recipient(w.sccv),
    )


@template("MAINLEVEE", "certificat_radiation", scan=0.1)
def mainlevee_radiation(w: World, rng: random.Random) -> Doc:
    return Doc(
        "CERTIFICAT DE MAINLEVÉE ET DE RADIATION",
        [
            KV(
                [
                    (
                        "Inscription",
                        "Privilège de prêteur de deniers / hypothèque n° "
                        f"{ids.ref(rng, '9999P99999')}",
                    ),
                    ("Débiteur", w.sccv.name),
                    ("Créancier", w.bank.name),
                    ("Immeuble", w.site.one_line()),
                    ("Date de mainlevée", fk.fr_date(w.today)),
                ],
                boxed=True,
            ),
            P(
                "Le service de la publicité foncière certifie que l'inscription ci-dessus "
                "a fait l'objet d'une radiation "
                "totale suite à l'acte de mainlevée déposé."
            ),
            *boiler(rng),
        ],
        head_left=[
            "DIRECTION GÉNÉRALE DES FINANCES PUBLIQUES",
            f"Service de la publicité foncière de {w.site.town}",
        ],
    )


_ = legal_footer
