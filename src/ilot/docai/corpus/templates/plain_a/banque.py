"""Bank statements and bank details (RELEVE_BANCAIRE, RIB).

Part of `plain_a`, the templates of another writer (see its package docstring).
"""

from __future__ import annotations

import datetime as dt
import random

from ... import fakes as fk
from ... import identifiers as ids
from ...fakes import Company, World
from ...model import KV, Block, Box, Cell, Doc, H, P, Sign, Table
from ...registry import template
from ..common import alt, d2, place_date, recipient
from ._shared import Rows, _add_months, _days, _plain


# ---------------------------------------------------------------------------------------------
# RELEVE_BANCAIRE
# ---------------------------------------------------------------------------------------------
def _op_txns(
    w: World, rng: random.Random, start: dt.date, n: int
) -> list[tuple[dt.date, str, float]]:
    """(date, label, signed amount) of an operation account: buyers in, contractors out."""
    out: list[tuple[dt.date, str, float]] = []
    d = start
    for _ in range(n):
        d += dt.timedelta(days=rng.randint(0, 3))
        k = rng.random()
        if k < 0.3:
            b = rng.choice(w.buyers)
            lot = rng.randint(1, max(2, w.lots))
            out.append(
                (
                    d,
                    f"VIR SEPA RECU /DE {_plain(w.notary_office)[:28]} /MOTIF APPEL "
                    f"FONDS LOT {lot} {_plain(b.last)}",
                    float(d2(rng.uniform(8000, 90000))),
                )
            )
        elif k < 0.6:
            c = rng.choice(w.contractors)
            out.append(
                (
                    d,
                    f"VIR SEPA EMIS /A {_plain(c.name)[:26]} /REF SITUATION N{rng.randint(1, 18)}",
                    -float(d2(rng.uniform(5000, w.works_ht / 12))),
                )
            )
        elif k < 0.7:
            out.append(
                (
                    d,
                    f"DEBLOCAGE CREDIT {ids.ref(rng, '99999999')}",
                    float(d2(rng.uniform(50000, 600000))),
                )
            )
        elif k < 0.78:
            out.append(
                (
                    d,
                    rng.choice(
                        [
                            "INTERETS DEBITEURS",
                            "COMMISSION D'ENGAGEMENT",
                            "COMMISSION GFA TRIMESTRIELLE",
                            "FRAIS DE DOSSIER",
                        ]
                    ),
                    -float(d2(rng.uniform(150, 12000))),
                )
            )
        elif k < 0.86:
            out.append(
                (
                    d,
                    f"VIR SEPA EMIS /A {_plain(w.architect_firm.name)[:26]} /HONORAIRES",
                    -float(d2(rng.uniform(2000, 30000))),
                )
            )
        elif k < 0.93:
            out.append(
                (
                    d,
                    rng.choice(
                        [
                            "PRLV SEPA DGFIP TVA",
                            "PRLV SEPA ASSURANCE DO",
                            "PRLV SEPA ENEDIS RACCORDEMENT",
                        ]
                    ),
                    -float(d2(rng.uniform(300, 40000))),
                )
            )
        else:
            out.append((d, "REMISE CHEQUES DEPOT DE GARANTIE", float(d2(rng.uniform(1000, 15000)))))
    return out


def _floor_balance(
    rng: random.Random, txns: list[tuple[dt.date, str, float]], opening: float
) -> float:
    """Raise the opening balance so that the account never runs a large overdraft."""
    run = low = 0.0
    for _, _, amt in txns:
        run += amt
        low = min(low, run)
    return max(opening, float(d2(-low + rng.uniform(5000, 250000))))


@template("RELEVE_BANCAIRE", "pa_releve_compte_operation", formats=("pdf",), scan=0.1)
def releve_compte_operation(w: World, rng: random.Random) -> Doc:
    c = rng.choice([w.sccv, w.sccv, w.developer])
    first = w.today.replace(day=1)
    end = _add_months(first, 1) - dt.timedelta(days=1)
    end = min(end, w.today)
    txns = _op_txns(w, rng, first, rng.randint(6, 34))
    txns = [t for t in txns if t[0] <= end] or txns[:3]
    opening = _floor_balance(rng, txns, float(d2(rng.uniform(-200000, 1500000))))
    rows: Rows = []
    deb = cred = 0.0
    for d, label, amt in txns:
        val = d + dt.timedelta(days=rng.choice([0, 0, 1, 2]))
        rows.append(
            [
                d.strftime("%d/%m"),
                label,
                val.strftime("%d/%m"),
                -amt if amt < 0 else "",
                amt if amt > 0 else "",
            ]
        )
        if amt < 0:
            deb -= amt
        else:
            cred += amt
    closing = opening + cred - deb
    acct = c.iban[14:25]
    account_name = (
        alt(
            rng,
            [
                "COMPTE COURANT",
                "COMPTE OPERATION",
                "COMPTE CENTRALISATEUR VENTES",
                "COMPTE SEQUESTRE",
            ],
        )
        if c is w.sccv
        else "COMPTE COURANT"
    )
    blocks: list[Block] = [
        KV(
            [
                ("Compte", f"{account_name} n° {acct}"),
                ("IBAN", ids.group4(c.iban)),
                ("BIC", c.bic),
                ("Période", f"du {fk.fr_date(first)} au {fk.fr_date(end)}"),
                ("Extrait n°", f"{first.month}/{first.year}"),
            ],
            boxed=rng.random() < 0.4,
        ),
        P(
            f"SOLDE {'CRÉDITEUR' if opening >= 0 else 'DÉBITEUR'} AU {fk.fr_date(first)} : "
            f"{fk.money(abs(opening))}",
            style="bold",
        ),
        Table(
            ["Date", "Nature des opérations", "Valeur", "Débit", "Crédit"],
            [*rows, ["", "TOTAL DES OPÉRATIONS", "", deb, cred]],
            fmt="tttmm",
            total=1,
            widths=[0.8, 5, 0.8, 1.4, 1.4],
        ),
        P(
            f"NOUVEAU SOLDE {'CRÉDITEUR' if closing >= 0 else 'DÉBITEUR'} AU {fk.fr_date(end)} : "
            f"{fk.money(abs(closing))}",
            style="bold",
        ),
    ]
    if rng.random() < 0.5:
        blocks.append(
            P(
                "Vos dépôts sont protégés par le Fonds de Garantie des Dépôts et de Résolution "
                "dans les limites prévues par la réglementation. En cas de litige, vous pouvez "
                "saisir gratuitement le médiateur de la banque.",
                style="small",
            )
        )
    if rng.random() < 0.4:
        blocks.append(
            P(
                f"Ce compte fonctionne dans le cadre de la convention de crédit conclue avec "
                f"{c.bank} : les encaissements des ventes y sont centralisés.",
                style="small",
            )
        )
    return Doc(
        alt(
            rng,
            [
                "RELEVÉ DE COMPTE",
                "Extrait de compte",
                "RELEVÉ DES OPÉRATIONS",
                f"Relevé n° {first.month}",
                "",
            ],
        ),
        blocks,
        head_left=[
            c.bank,
            alt(
                rng, ["Centre d'affaires Immobilier", "Agence Entreprises", "Banque des promoteurs"]
            ),
            fk.address(rng).one_line(),
        ],
        head_right=recipient(c),
        footer=f"{c.bank} - page 1" if rng.random() < 0.5 else "",
    )


@template("RELEVE_BANCAIRE", "pa_export_operations", formats=("pdf", "xlsx"), scan=0.03)
def export_operations(w: World, rng: random.Random) -> Doc:
    c = rng.choice([w.developer, w.sccv, w.holding])
    end = w.today
    start = end - _days(rng, 20, 90)
    txns = _op_txns(w, rng, start, rng.randint(10, 45))
    txns = [t for t in txns if t[0] <= end]
    if not txns:
        txns = [(end, "FRAIS TENUE DE COMPTE", -30.0)]
    balance = _floor_balance(rng, txns, float(d2(rng.uniform(20000, 900000))))
    rows: Rows = []
    bal = balance
    with_cat = rng.random() < 0.5
    for d, label, amt in txns:
        bal += amt
        cat = (
            "Encaissement"
            if amt > 0
            else "Fournisseurs"
            if "SITUATION" in label
            else "Frais bancaires"
            if "COMMISSION" in label or "FRAIS" in label or "INTERETS" in label
            else "Divers"
        )
        row: list[Cell] = [fk.fr_date(d), label.title() if rng.random() < 0.3 else label]
        if with_cat:
            row.append(cat)
        row += [amt, bal]
        rows.append(row)
    if rng.random() < 0.5:
        rows.reverse()
    header = ["Date", "Libellé", *(["Catégorie"] if with_cat else []), "Montant", "Solde"]
    fmt = "tt" + ("t" if with_cat else "") + "mm"
    return Doc(
        alt(
            rng,
            [
                "Historique des opérations",
                "Liste des opérations",
                "Export des mouvements",
                "Opérations du compte",
            ],
        ),
        [
            KV(
                [
                    ("Titulaire", c.full),
                    ("Compte", f"{c.bank} - {ids.group4(c.iban)}"),
                    ("Période", f"{fk.fr_date(start)} - {fk.fr_date(end)}"),
                    ("Solde au " + fk.fr_date(end), fk.money(bal)),
                ]
            ),
            Table(header, rows, fmt=fmt, widths=[1.3, 4.2, *([1.3] if with_cat else []), 1.4, 1.5]),
            P(
                alt(
                    rng,
                    [
                        "Opérations comptabilisées à la date d'édition, hors opérations en cours.",
                        f"Édité le {fk.fr_date(end)} à {rng.randint(7, 22)}:"
                        f"{rng.randint(0, 59):02d} depuis votre espace de banque en ligne.",
                        "Document non contractuel - seul le relevé de compte fait foi.",
                    ],
                ),
                style="small",
            ),
        ],
        head_left=[c.bank, "Banque en ligne Entreprises"],
    )


# ---------------------------------------------------------------------------------------------
# RIB
# ---------------------------------------------------------------------------------------------
def _rib_parts(c: Company) -> tuple[str, str, str, str]:
    return c.iban[4:9], c.iban[9:14], c.iban[14:25], c.iban[25:27]


@template("RIB", "pa_rib_identifiants", formats=("pdf", "docx"), scan=0.3)
def rib_identifiants(w: World, rng: random.Random) -> Doc:
    c = rng.choice([w.sccv, w.sccv, w.developer, w.holding, *w.contractors])
    bank, branch, acct, key = _rib_parts(c)
    agency = alt(
        rng,
        [
            f"{c.bank.upper()} {c.address.town.upper()}",
            "AGENCE ENTREPRISES",
            f"CENTRE D'AFFAIRES {c.address.town.upper()}",
        ],
    )
    label = ""
    if c is w.sccv and rng.random() < 0.6:
        label = alt(
            rng,
            [
                "Compte centralisateur des ventes",
                "Compte de l'opération",
                "Compte séquestre - dépôts de garantie",
                "Compte courant",
            ],
        )
    blocks: list[Block] = [
        KV(
            [
                ("Titulaire du compte", c.full),
                ("", ", ".join(c.address.lines())),
                *([("Intitulé", label)] if label else []),
                ("Domiciliation", agency),
            ]
        ),
        H("Identifiant national de compte bancaire - RIB", 2),
        Table(
            ["Code banque", "Code guichet", "Numéro de compte", "Clé RIB", "Devise"],
            [[bank, branch, acct, key, "EUR"]],
            widths=[1.1, 1.1, 2, 0.8, 0.8],
        ),
        H("Identifiant international de compte bancaire", 2),
        KV(
            [
                ("IBAN (International Bank Account Number)", ids.group4(c.iban)),
                ("BIC (Bank Identifier Code)", c.bic),
            ],
            boxed=True,
        ),
        P(
            alt(
                rng,
                [
                    "Remettez ce relevé à tout organisme appelé à effectuer des virements ou des "
                    "prélèvements sur votre compte.",
                    "Ce document vous permet de communiquer vos coordonnées bancaires pour la "
                    "domiciliation de vos virements et prélèvements SEPA.",
                    "Merci d'indiquer la référence de l'opération dans le libellé de vos "
                    "virements.",
                ],
            ),
            style="small",
        ),
    ]
    if rng.random() < 0.3:
        blocks = [*blocks, P("- " * 40, align="center"), *blocks[:4]]
    return Doc(
        alt(
            rng,
            [
                "RELEVÉ D'IDENTITÉ BANCAIRE",
                "Relevé d'identité bancaire",
                "RIB",
                "Vos coordonnées bancaires",
                "IBAN",
            ],
        ),
        blocks,
        head_left=[c.bank] + ([fk.address(rng).one_line()] if rng.random() < 0.5 else []),
    )


@template("RIB", "pa_attestation_titulaire", formats=("pdf", "docx"), scan=0.25)
def attestation_titulaire(w: World, rng: random.Random) -> Doc:
    c = rng.choice([w.sccv, w.developer, *w.contractors])
    bank, branch, acct, key = _rib_parts(c)
    officer = fk.person(rng, w.today)
    opened = w.today - _days(rng, 30, 3000)
    blocks: list[Block] = [
        P(
            alt(
                rng,
                [
                    f"Nous soussignés, {c.bank}, certifions que le compte dont les références "
                    f"figurent ci-dessous est ouvert dans nos livres depuis le "
                    f"{fk.fr_date(opened)} au nom de :",
                    f"{c.bank} atteste que la société désignée ci-après est titulaire, dans ses "
                    "livres, du compte suivant :",
                ],
            )
        ),
        P(f"{c.full}\n{c.address.one_line()}\nSIREN {ids.group_siren(c.siren)}", style="bold"),
        Box(
            [
                f"Banque {bank}  -  Guichet {branch}  -  Compte {acct}  -  Clé {key}",
                f"IBAN : {ids.group4(c.iban)}",
                f"BIC : {c.bic}",
            ],
            alt(rng, ["Coordonnées du compte", "Références bancaires", ""]),
        ),
        P(
            alt(
                rng,
                [
                    "La présente attestation est délivrée à la demande du titulaire pour servir "
                    "et valoir ce que de droit. Elle ne constitue pas un engagement de la banque "
                    "quant au solde ou au fonctionnement du compte.",
                    "Attestation établie pour permettre le règlement des sommes dues au "
                    "titulaire par virement sur ce compte.",
                ],
            )
        ),
        P(place_date(w, rng, town=c.address.town)),
        Sign(
            [
                [
                    officer.name,
                    alt(
                        rng, ["Chargé d'affaires entreprises", "Directeur d'agence", "Back-office"]
                    ),
                ]
            ]
        ),
    ]
    return Doc(
        alt(
            rng,
            [
                "ATTESTATION BANCAIRE",
                "Attestation de titularité de compte",
                "Attestation de domiciliation bancaire",
                "Certificat d'identité bancaire",
            ],
        ),
        blocks,
        head_left=[
            c.bank,
            alt(rng, ["Agence Entreprises", "Centre d'affaires"]),
            fk.address(rng).one_line(),
        ],
        head_right=recipient(c) if rng.random() < 0.5 else [],
    )
