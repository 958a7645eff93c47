"""Tax and social-security certificates, bank statements and RIBs (a near-miss pair:
both show an IBAN)."""

from __future__ import annotations

import datetime as dt
import random

from .. import fakes as fk
from .. import identifiers as ids
from ..fakes import Company, Person, World
from ..model import KV, Block, Box, Doc, P, Sign, Table
from ..registry import template
from .common import alt, d2


@template("ATTEST_FISCALE_SOCIALE", "vigilance_urssaf", scan=0.2)
def urssaf(w: World, rng: random.Random) -> Doc:
    c = rng.choice([w.sccv, w.developer, *w.contractors])
    return Doc(
        alt(rng, ["ATTESTATION DE VIGILANCE", "Attestation de vigilance URSSAF"]),
        [
            P(
                f"Délivrée le {fk.fr_date(w.today)} en application des articles L243-15 et "
                "D243-15 du Code de la sécurité sociale"
            ),
            KV(
                [
                    ("Raison sociale", c.full),
                    ("SIREN", c.siren),
                    ("Adresse", c.address.one_line()),
                    ("Effectif déclaré", str(rng.randint(0, 250))),
                    ("Masse salariale du dernier trimestre", fk.money(rng.randint(0, 900) * 1000)),
                ]
            ),
            P(
                "L'Urssaf atteste que l'entreprise est à jour de ses obligations déclaratives "
                "et de paiement des cotisations et "
                "contributions sociales à la date d'émission de la présente attestation."
            ),
            Box(
                [
                    f"Code de sécurité : {ids.ref(rng, 'AAAA9AAA9AAA9AA')}",
                    "L'authenticité de cette attestation peut être vérifiée "
                    "sur le site de l'Urssaf, "
                    "rubrique « vérifier une attestation ».",
                ]
            ),
            P(
                "Le donneur d'ordre doit se faire remettre cette attestation tous les six "
                "mois jusqu'à la fin de l'exécution du contrat.",
                style="small",
            ),
        ],
        head_left=["Urssaf", rng.choice(fk.REGIONS), "Service attestations"],
    )


@template("ATTEST_FISCALE_SOCIALE", "regularite_fiscale", scan=0.2)
def fiscale(w: World, rng: random.Random) -> Doc:
    c = rng.choice([w.sccv, w.developer, *w.contractors])
    return Doc(
        alt(
            rng,
            ["ATTESTATION DE RÉGULARITÉ FISCALE", "Attestation de régularité fiscale (n° 3666-SD)"],
        ),
        [
            P(
                f"Le comptable public du service des impôts des entreprises de {c.address.town} "
                "atteste que l'entreprise désignée "
                "ci-dessous a souscrit ses déclarations fiscales et a réglé les sommes dues "
                "à la date du "
                f"{fk.fr_date(w.today - dt.timedelta(days=rng.randint(5, 60)))} au titre de "
                "l'impôt sur le revenu / l'impôt sur les "
                "sociétés et de la taxe sur la valeur ajoutée."
            ),
            KV(
                [
                    ("Dénomination", c.full),
                    ("SIREN", c.siren),
                    ("N° TVA intracommunautaire", c.vat),
                    ("Adresse", c.address.one_line()),
                ],
                boxed=True,
            ),
            Table(
                ["Impôt", "Situation"],
                [
                    ["Impôt sur les sociétés", "À jour"],
                    ["TVA", "À jour"],
                    ["CFE", rng.choice(["À jour", "Néant"])],
                ],
            ),
            P("Cette attestation ne préjuge pas d'un contrôle fiscal ultérieur.", style="small"),
            Sign([["Le comptable public", ""]]),
        ],
        head_left=["DIRECTION GÉNÉRALE DES FINANCES PUBLIQUES", f"SIE de {c.address.town}"],
    )


@template("ATTEST_FISCALE_SOCIALE", "cibtp_probtp", scan=0.2)
def cibtp(w: World, rng: random.Random) -> Doc:
    c = rng.choice(w.contractors)
    org = rng.choice(["CIBTP - Caisse des congés payés du BTP", "CNETP", "PRO BTP"])
    return Doc(
        f"ATTESTATION DE RÉGULARITÉ - {org.split(' - ')[0]}",
        [
            P(
                f"La caisse {org} certifie que l'entreprise {c.full}, SIRET {c.siret}, est "
                "affiliée sous le numéro "
                f"{ids.ref(rng, '99999999')} et qu'elle est à jour "
                "de ses cotisations "
                f"{rng.choice(['congés payés et chômage-intempéries', 'retraite et prévoyance'])} "
                f"au {fk.fr_date(w.today)}."
            ),
            P(
                "Attestation valable pour une durée de trois mois, délivrée pour les besoins "
                "des marchés de travaux."
            ),
            Sign([["Le directeur", ""]]),
        ],
        head_left=[org, fk.address(rng).one_line()],
    )


def _txns(
    w: World, rng: random.Random, lang: str
) -> tuple[list[list[str | int | float]], float, float]:
    start = float(d2(rng.uniform(-50000, 900000)))
    bal = start
    rows: list[list[str | int | float]] = []
    d = w.today.replace(day=1)
    fr = [
        "VIR SEPA {c}",
        "PRLV SEPA URSSAF",
        "VIR RECU NOTAIRE {n}",
        "CB {c}",
        "FRAIS TENUE DE COMPTE",
        "COMMISSION GFA",
        "INTERETS DEBITEURS",
        "VIR INST {c}",
        "CHQ {k}",
        "REMISE CHQ {k}",
    ]
    en = [
        "TRANSFER TO {c}",
        "DIRECT DEBIT {c}",
        "INCOMING WIRE {n}",
        "CARD PAYMENT {c}",
        "ACCOUNT FEE",
        "INTEREST",
    ]
    for _ in range(rng.randint(8, 30)):
        d += dt.timedelta(days=rng.randint(0, 2))
        label = rng.choice(fr if lang == "fr" else en).format(
            c=rng.choice(w.contractors).name.upper()[:24],
            n=w.notary.last.upper(),
            k=rng.randint(1000000, 9999999),
        )
        amt = float(d2(rng.uniform(20, 250000)))
        credit = "RECU" in label or "REMISE" in label or "INCOMING" in label
        bal += amt if credit else -amt
        ds = fk.fr_date(d) if lang == "fr" else d.strftime("%d/%m/%Y")
        rows.append([ds, label, "" if credit else amt, amt if credit else ""])
    return rows, start, bal


@template("RELEVE_BANCAIRE", "releve_fr", formats=("pdf",), scan=0.15)
def releve(w: World, rng: random.Random) -> Doc:
    c = rng.choice([w.sccv, w.developer])
    rows, start, end = _txns(w, rng, "fr")
    deb = sum(float(r[2]) for r in rows if r[2] != "")
    cred = sum(float(r[3]) for r in rows if r[3] != "")
    return Doc(
        alt(rng, ["RELEVÉ DE COMPTE", "Relevé de compte courant", "EXTRAIT DE COMPTE"]),
        [
            KV(
                [
                    ("Titulaire", c.full),
                    ("Compte n°", ids.group4(c.iban)[15:].strip()),
                    ("IBAN", ids.group4(c.iban)),
                    (
                        "Période",
                        f"du {fk.fr_date(w.today.replace(day=1))} au {fk.fr_date(w.today)}",
                    ),
                    ("Relevé n°", str(rng.randint(1, 120))),
                ]
            ),
            P(
                f"Solde précédent au {fk.fr_date(w.today.replace(day=1))} : {fk.money(start)}",
                style="bold",
            ),
            Table(
                ["Date", "Libellé", "Débit", "Crédit"],
                [*rows, ["", "Total des mouvements", deb, cred]],
                fmt="ttmm",
                total=1,
                widths=[1, 4.5, 1.3, 1.3],
            ),
            P(
                f"Nouveau solde {'créditeur' if end >= 0 else 'débiteur'} au {fk.fr_date(w.today)} "
                f": {fk.money(end)}",
                style="bold",
            ),
            P(
                "Sauf erreur ou omission. Les réclamations doivent être formulées dans un "
                "délai de deux mois.",
                style="small",
            ),
        ],
        head_left=[c.bank, "Votre agence entreprises", fk.address(rng).one_line()],
        head_right=[c.full, *c.address.lines()],
        footer=f"{c.bank} - établissement de crédit agréé par l'ACPR",
    )


@template("RELEVE_BANCAIRE", "statement_en", formats=("pdf",), scan=0.1)
def statement_en(w: World, rng: random.Random) -> Doc:
    c = rng.choice([w.sccv, w.developer])
    rows, start, end = _txns(w, rng, "en")
    return Doc(
        "BANK STATEMENT",
        [
            KV(
                [
                    ("Account holder", c.full),
                    ("IBAN", ids.group4(c.iban)),
                    ("BIC", c.bic),
                    (
                        "Statement period",
                        f"{fk.en_date(w.today.replace(day=1))} - {fk.en_date(w.today)}",
                    ),
                    ("Opening balance", fk.money(start, "en")),
                    ("Closing balance", fk.money(end, "en")),
                ]
            ),
            Table(
                ["Date", "Description", "Debit", "Credit"],
                rows,
                fmt="ttmm",
                widths=[1, 4.5, 1.3, 1.3],
            ),
        ],
        lang="en",
        head_left=[c.bank],
    )


@template("RELEVE_BANCAIRE", "releve_solde_colonne", formats=("pdf",), scan=0.1)
def releve_solde(w: World, rng: random.Random) -> Doc:
    c = rng.choice([w.sccv, w.developer])
    rows, start, end = _txns(w, rng, "fr")
    bal = start
    full: list[list[str | int | float]] = []
    for r in rows:
        bal += (float(r[3]) if r[3] != "" else 0.0) - (float(r[2]) if r[2] != "" else 0.0)
        full.append([r[0], r[0], r[1], -float(r[2]) if r[2] != "" else float(r[3]), bal])
    return Doc(
        f"Compte {rng.choice(['courant', 'opération', 'centralisateur'])} - relevé des opérations",
        [
            P(f"{c.full} - IBAN {ids.group4(c.iban)} - BIC {c.bic}"),
            Table(
                ["Date opé.", "Date valeur", "Libellé", "Montant", "Solde"],
                full,
                fmt="tttmm",
                widths=[1, 1, 4, 1.3, 1.3],
            ),
            P(f"Solde au {fk.fr_date(w.today)} : {fk.money(end)}"),
        ],
        head_left=[c.bank],
        landscape=rng.random() < 0.2,
    )


def _rib_box(c: Company, rng: random.Random) -> Box:
    bank = c.iban[4:9]
    branch = c.iban[9:14]
    acct = c.iban[14:25]
    key = c.iban[25:27]
    return Box(
        [
            f"Titulaire du compte : {c.full}",
            *c.address.lines(),
            f"Code banque : {bank}   Code guichet : {branch}   N° de compte : {acct}  "
            f" Clé RIB : {key}",
            f"IBAN : {ids.group4(c.iban)}",
            f"BIC : {c.bic}",
            "Domiciliation : "
            f"{c.bank.upper()} "
            f"{rng.choice(['ENTREPRISES', 'AGENCE CENTRALE', c.address.town.upper()])}",
        ],
        alt(rng, ["RELEVÉ D'IDENTITÉ BANCAIRE", "RIB", "Identité bancaire"]),
    )


@template("RIB", "rib_classique", formats=("pdf",), scan=0.3)
def rib(w: World, rng: random.Random) -> Doc:
    c = rng.choice([w.sccv, w.developer, *w.contractors])
    blocks: list[Block] = [_rib_box(c, rng)]
    if rng.random() < 0.5:
        blocks += [
            P("- - - - - - - - - - - - - - - - - - - - - - - -"),
            _rib_box(c, rng),
            P("- - - - - - - - - - - - - - -"),
            _rib_box(c, rng),
        ]
    blocks.append(
        P(
            "Ce relevé est destiné à être remis à vos créanciers ou débiteurs appelés "
            "à faire inscrire des "
            "opérations à votre compte (virements, prélèvements).",
            style="small",
        )
    )
    return Doc("", blocks, head_left=[c.bank])


@template("RIB", "rib_tableau", formats=("pdf", "docx"), scan=0.3)
def rib_tab(w: World, rng: random.Random) -> Doc:
    c = rng.choice([w.sccv, w.developer, *w.contractors])
    return Doc(
        alt(rng, ["Relevé d'Identité Bancaire", "RIB - IBAN", "Coordonnées bancaires"]),
        [
            KV([("Titulaire", c.full), ("Adresse", c.address.one_line())]),
            Table(
                ["Banque", "Guichet", "N° de compte", "Clé"],
                [[c.iban[4:9], c.iban[9:14], c.iban[14:25], c.iban[25:27]]],
            ),
            Table(
                ["IBAN (International Bank Account Number)", "BIC (Bank Identifier Code)"],
                [[ids.group4(c.iban), c.bic]],
            ),
            KV([("Domiciliation", f"{c.bank} - {fk.address(rng).one_line()}")]),
        ],
    )


@template("RIB", "bank_details_en", formats=("pdf",), scan=0.2)
def rib_en(w: World, rng: random.Random) -> Doc:
    c = rng.choice([w.sccv, w.developer, *w.contractors])
    return Doc(
        alt(
            rng,
            [
                "BANK ACCOUNT DETAILS",
                "Account identification",
                "Certificate of bank account details",
            ],
        ),
        [
            P(f"{c.bank} hereby confirms the following account details:"),
            KV(
                [
                    ("Account name", c.full),
                    ("IBAN", ids.group4(c.iban)),
                    ("BIC / SWIFT", c.bic),
                    ("Bank code", c.iban[4:9]),
                    ("Branch code", c.iban[9:14]),
                    ("Account number", c.iban[14:25]),
                    ("Key", c.iban[25:27]),
                    ("Currency", "EUR"),
                ],
                boxed=True,
            ),
            P("Please use these details for all euro payments to this account."),
        ],
        lang="en",
        head_left=[c.bank, "Corporate banking"],
    )


@template("RIB", "rib_deux_colonnes", formats=("pdf",), scan=0.25)
def rib_columns(w: World, rng: random.Random) -> Doc:
    holders: list[Company | Person] = [w.sccv, w.developer, *w.contractors, *w.buyers[:1]]
    c = rng.choice(holders)
    name = c.full if isinstance(c, Company) else c.formal.upper()
    bank = c.bank if isinstance(c, Company) else rng.choice(ids.BANKS)[0]
    iban = c.iban if isinstance(c, Company) else ids.iban_fr(rng, rng.choice(ids.BANKS)[1])[0]
    bic = c.bic if isinstance(c, Company) else rng.choice(ids.BANKS)[2] + "XXX"
    agency = fk.address(rng)
    grouped = (
        ids.group4(iban)
        if rng.random() < 0.7
        else f"{iban[:4]} {iban[4:9]} {iban[9:14]} {iban[14:25]} {iban[25:]}"
    )
    return Doc(
        alt(
            rng,
            [
                "Relevé d'Identité Bancaire",
                "RELEVE D'IDENTITE BANCAIRE",
                "Relevé d'identité bancaire",
            ],
        ),
        [
            P(
                alt(
                    rng,
                    [
                        "Compte bancaire",
                        "Compte courant",
                        "Identifiant national de compte bancaire - RIB",
                    ],
                )
            ),
            Table(
                ["Titulaire du compte", "BIC"],
                [[name, bic], [c.address.one_line(), ""]],
                widths=[3, 2],
            ),
            KV([("IBAN (International Bank Account Number)", grouped)]),
            Table(
                ["Code Banque", "Code Guichet", "N° de compte", "Clé RIB", "Domiciliation"],
                [
                    [
                        iban[4:9],
                        iban[9:14],
                        iban[14:25],
                        iban[25:27],
                        f"{bank} {agency.town.upper()}",
                    ]
                ],
            ),
            P(
                "Ce relevé est destiné à tout organisme souhaitant "
                "connaître vos références bancaires pour "
                "domicilier des virements ou des prélèvements sur votre compte.",
                style="small",
            ),
        ],
        head_left=[bank, *agency.lines()],
    )
