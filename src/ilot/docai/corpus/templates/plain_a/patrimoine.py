"""Statements of assets and tax/social certificates (ETAT_PATRIMONIAL, ATTEST_FISCALE_SOCIALE).
Part of `plain_a`, the templates of another writer (see its package docstring).
"""

from __future__ import annotations

import datetime as dt
import random

from ... import fakes as fk
from ... import identifiers as ids
from ...fakes import Address, Person, World
from ...model import KV, Block, Box, Doc, H, P, Sign, Table
from ...registry import template
from ..common import alt, place_date, recipient
from ._shared import Rows, _add_months, _days, _de, _pct


def _addr_in(rng: random.Random, a: Address) -> str:
    """Another street of the same town (a tax office, a branch near the company)."""
    return fk.address(rng, (a.town, a.postcode, a.insee, a.dept)).one_line()


# ---------------------------------------------------------------------------------------------
# ETAT_PATRIMONIAL
# ---------------------------------------------------------------------------------------------
def _estate(w: World, rng: random.Random, p: Person) -> tuple[Rows, Rows, Rows]:
    immo: Rows = []
    for _ in range(rng.randint(1, 4)):
        kind = rng.choice(
            [
                "Résidence principale",
                "Appartement locatif",
                "Maison secondaire",
                "Local commercial",
                "Parts de SCI (bureaux)",
                "Terrain",
            ]
        )
        value = float(rng.randint(12, 180) * 10000)
        crd = float(int(value * rng.uniform(0, 0.7) / 100) * 100) if rng.random() < 0.7 else 0.0
        mode = rng.choice(
            ["Pleine propriété", "Communauté", "Indivision 50 %", "SCI 50 %", "Nue-propriété"]
        )
        town = p.address.town if kind == "Résidence principale" else rng.choice(fk.TOWNS)[0]
        immo.append([kind, town, mode, value, crd])
    fin: Rows = []
    for label in rng.sample(
        [
            "Comptes courants et livrets",
            "Assurance-vie",
            "PEA",
            "Compte-titres",
            "Épargne salariale",
            "PER",
        ],
        rng.randint(2, 4),
    ):
        fin.append([label, rng.choice(ids.BANKS)[0], float(rng.randint(5, 600) * 1000)])
    fin.append(
        [
            f"Titres {w.holding.name} (valeur estimée)",
            "non coté",
            float(rng.randint(20, 400) * 10000),
        ]
    )
    debts: Rows = []
    for r in immo:
        if float(r[4]) > 0:
            debts.append(
                [
                    f"Prêt immobilier - {r[0]}",
                    rng.choice(ids.BANKS)[0],
                    float(r[4]),
                    float(int(float(r[4]) / rng.randint(90, 240))),
                    str(w.today.year + rng.randint(3, 22)),
                ]
            )
    if rng.random() < 0.4:
        debts.append(
            [
                "Crédit à la consommation",
                rng.choice(ids.BANKS)[0],
                float(rng.randint(5, 40) * 1000),
                float(rng.randint(2, 9) * 100),
                str(w.today.year + rng.randint(1, 5)),
            ]
        )
    return immo, fin, debts


@template("ETAT_PATRIMONIAL", "pa_fiche_patrimoniale_caution", formats=("pdf", "docx"), scan=0.2)
def fiche_patrimoniale(w: World, rng: random.Random) -> Doc:
    p = rng.choice([w.developer.manager, w.holding.manager])
    married = rng.random() < 0.65
    immo, fin, debts = _estate(w, rng, p)
    t_immo = sum(float(r[3]) for r in immo)
    t_fin = sum(float(r[2]) for r in fin)
    t_debt = sum(float(r[2]) for r in debts)
    salary = float(rng.randint(4, 30) * 10000)
    divs = float(rng.randint(0, 40) * 5000)
    rents = float(rng.randint(0, 5) * 6000)
    blocks: list[Block] = [
        P(
            alt(
                rng,
                [
                    "À compléter par la caution. Les informations recueillies permettent "
                    "d'apprécier la proportionnalité de l'engagement de caution au regard des "
                    "biens et revenus de la caution (article 2300 du Code civil).",
                    "Document à remettre signé, accompagné des justificatifs (avis d'imposition, "
                    "taxes foncières, relevés d'épargne).",
                ],
            ),
            style="small",
        ),
        H("1. Identité", 2),
        KV(
            [
                ("Nom, prénom", f"{p.last.upper()} {p.first}"),
                ("Né(e) le / à", f"{fk.fr_date(p.birth)} à {p.birth_town}"),
                ("Adresse", p.address.one_line()),
                (
                    "Profession",
                    rng.choice(
                        [
                            "Dirigeant de société",
                            "Président de SAS",
                            "Gérant",
                            "Promoteur immobilier",
                        ]
                    ),
                ),
                (
                    "Situation familiale",
                    (
                        "[X] Marié(e)  [ ] Pacsé(e)  [ ] Célibataire"
                        if married
                        else "[ ] Marié(e)  [ ] Pacsé(e)  [X] Célibataire / divorcé(e)"
                    ),
                ),
                (
                    "Régime matrimonial",
                    rng.choice(
                        [
                            "Communauté réduite aux acquêts",
                            "Séparation de biens",
                            "Participation aux acquêts",
                        ]
                    )
                    if married
                    else "Sans objet",
                ),
                ("Enfants à charge", str(rng.randint(0, 4))),
            ]
        ),
        H("2. Revenus annuels", 2),
        Table(
            ["Nature", "Montant annuel"],
            [
                ["Salaires / rémunération de mandat", salary],
                ["Dividendes", divs],
                ["Revenus fonciers nets", rents],
                ["Total", salary + divs + rents],
            ],
            fmt="tm",
            total=1,
        ),
        H("3. Patrimoine immobilier", 2),
        Table(
            ["Bien", "Situation", "Mode de détention", "Valeur estimée", "Capital restant dû"],
            [*immo, ["Total", "", "", t_immo, sum(float(r[4]) for r in immo)]],
            fmt="tttmm",
            total=1,
        ),
        H("4. Patrimoine financier et professionnel", 2),
        Table(
            ["Support", "Établissement", "Valeur"], [*fin, ["Total", "", t_fin]], fmt="ttm", total=1
        ),
        H("5. Endettement", 2),
    ]
    if debts:
        blocks.append(
            Table(
                ["Prêt", "Prêteur", "Capital restant dû", "Échéance mensuelle", "Fin"],
                debts,
                fmt="ttmmt",
            )
        )
    else:
        blocks.append(P("Aucun emprunt en cours."))
    cautions = rng.randint(0, 3)
    blocks.append(H("6. Cautions et garanties déjà consenties", 2))
    if cautions:
        blocks.append(
            Table(
                ["Débiteur garanti", "Bénéficiaire", "Montant", "Échéance"],
                [
                    [
                        f"SCCV {rng.choice(fk.PROGRAMME_WORDS)[0].upper()}",
                        rng.choice(ids.BANKS)[0],
                        float(rng.randint(10, 150) * 10000),
                        str(w.today.year + rng.randint(1, 4)),
                    ]
                    for _ in range(cautions)
                ],
                fmt="ttmt",
            )
        )
    else:
        blocks.append(P("Néant."))
    net = t_immo + t_fin - t_debt
    blocks += [
        KV(
            [
                ("Total actif", fk.money(t_immo + t_fin)),
                ("Total passif", fk.money(t_debt)),
                ("Patrimoine net déclaré", fk.money(net)),
            ],
            boxed=True,
        ),
        P(
            "Je certifie sur l'honneur l'exactitude et la sincérité des renseignements "
            "ci-dessus et m'engage à signaler toute modification significative de ma situation. "
            "Toute fausse déclaration pourrait entraîner la déchéance de la garantie."
        ),
        P(place_date(w, rng, town=p.address.town)),
        Sign([["Signature de la caution", p.name]]),
    ]
    return Doc(
        alt(
            rng,
            [
                "FICHE PATRIMONIALE",
                "Déclaration de patrimoine de la caution",
                "ÉTAT DU PATRIMOINE ET DES REVENUS",
                "Questionnaire patrimonial",
            ],
        ),
        blocks,
        head_left=[w.bank.name, "Engagements - cautions personnes physiques"]
        if rng.random() < 0.6
        else [],
    )


@template(
    "ETAT_PATRIMONIAL", "pa_synthese_patrimoniale", formats=("pdf", "docx", "xlsx"), scan=0.05
)
def synthese_patrimoniale(w: World, rng: random.Random) -> Doc:
    p = rng.choice([w.developer.manager, w.holding.manager])
    immo, fin, debts = _estate(w, rng, p)
    classes: Rows = []
    for label, val in [
        (
            "Immobilier de jouissance",
            sum(float(r[3]) for r in immo if r[0] == "Résidence principale"),
        ),
        ("Immobilier de rapport", sum(float(r[3]) for r in immo if r[0] != "Résidence principale")),
        (
            "Liquidités et épargne de précaution",
            sum(float(r[2]) for r in fin if "livret" in str(r[0]).lower()),
        ),
        (
            "Placements financiers",
            sum(
                float(r[2])
                for r in fin
                if "livret" not in str(r[0]).lower() and "Titres" not in str(r[0])
            ),
        ),
        ("Patrimoine professionnel", sum(float(r[2]) for r in fin if "Titres" in str(r[0]))),
    ]:
        if val > 0:
            classes.append([label, val, 0.0])
    gross = sum(float(r[1]) for r in classes)
    for r in classes:
        r[2] = float(r[1]) / gross * 100
    classes.append(["Actif brut", gross, 100.0])
    t_debt = sum(float(r[2]) for r in debts)
    monthly = sum(float(r[3]) for r in debts)
    income = float(rng.randint(8, 35) * 10000)
    advisor = f"{rng.choice(['Patrimoine', 'Gestion Privée', 'Conseil'])} {rng.choice(fk.LAST)}"
    blocks: list[Block] = [
        P(
            f"Synthèse établie pour {p.formal} le {fk.fr_date(w.today)}, sur la base des "
            "éléments déclarés et des justificatifs communiqués.",
        ),
        Table(
            ["Classe d'actifs", "Valeur", "Poids"],
            classes,
            fmt="tmp",
            total=1,
            title="Répartition de l'actif",
        ),
        Table(
            ["Bien", "Commune", "Détention", "Valeur", "CRD"],
            immo,
            fmt="tttmm",
            widths=[2.2, 1.6, 1.6, 1.5, 1.5],
            title="Détail des biens immobiliers",
        ),
    ]
    if debts:
        blocks.append(
            Table(["Passif", "Prêteur", "CRD", "Mensualité", "Terme"], debts, fmt="ttmmt")
        )
    ratio = monthly * 12 / income * 100
    blocks += [
        KV(
            [
                ("Actif brut", fk.money(gross)),
                ("Passif", fk.money(t_debt)),
                ("Actif net", fk.money(gross - t_debt)),
                ("Revenus annuels déclarés", fk.money(income)),
                ("Taux d'endettement", _pct(ratio)),
            ],
            boxed=True,
        ),
        H("Commentaires", 2),
        P(
            alt(
                rng,
                [
                    "Le patrimoine est majoritairement immobilier et professionnel ; la part "
                    "de liquidités disponibles reste limitée au regard des engagements de "
                    "caution envisagés.",
                    "La situation patrimoniale fait ressortir une capacité de remboursement "
                    "confortable et un endettement maîtrisé.",
                    "Les titres de la holding sont valorisés sur la base des capitaux propres "
                    "du dernier exercice, sans décote d'illiquidité.",
                ],
            )
        ),
        P("Document établi à titre informatif, sans valeur d'expertise.", style="small"),
    ]
    return Doc(
        alt(
            rng,
            [
                "Bilan patrimonial",
                "SYNTHÈSE PATRIMONIALE",
                "État patrimonial",
                f"Patrimoine de {p.name}",
            ],
        ),
        blocks,
        head_left=[
            advisor,
            "Conseil en gestion de patrimoine",
            f"ORIAS {rng.randint(7000000, 23999999)}",
        ],
    )


# ---------------------------------------------------------------------------------------------
# ATTEST_FISCALE_SOCIALE
# ---------------------------------------------------------------------------------------------
@template("ATTEST_FISCALE_SOCIALE", "pa_attest_fiscale_sie", scan=0.25)
def attest_fiscale_sie(w: World, rng: random.Random) -> Doc:
    c = rng.choice([w.developer, w.sccv, *w.contractors])
    sie = c.address.town
    when = w.today - _days(rng, 0, 20)
    status = [
        ("Impôt sur les sociétés", "Déposée(s)", "À jour"),
        ("Taxe sur la valeur ajoutée", "Déposée(s)", "À jour"),
        ("Cotisation foncière des entreprises", "-", alt(rng, ["À jour", "Néant"])),
        ("Taxe sur les salaires", "-", "Sans objet"),
    ]
    if c is w.sccv:
        status[0] = ("Impôt sur le revenu / BIC (société translucide)", "Déposée(s)", "Sans objet")
    rows: Rows = [[a, b, c_] for a, b, c_ in rng.sample(status, k=rng.randint(2, 4))]
    blocks: list[Block] = [
        P(
            alt(
                rng,
                [
                    f"Le comptable public soussigné, responsable du service des impôts des "
                    f"entreprises {_de(sie)}, certifie qu'au {fk.fr_date(when)}, l'entreprise "
                    "désignée ci-après a souscrit les déclarations fiscales qui lui incombaient "
                    "et s'est acquittée des impôts exigibles à cette date, ou a constitué des "
                    "garanties suffisantes pour leur paiement.",
                    f"Au vu des éléments dont dispose l'administration au {fk.fr_date(when)}, "
                    "l'entreprise ci-dessous est en situation régulière au regard de ses "
                    "obligations déclaratives et de paiement.",
                ],
            )
        ),
        KV(
            [
                ("Raison sociale", c.full),
                ("SIREN", ids.group_siren(c.siren)),
                ("Adresse", c.address.one_line()),
                ("Numéro de TVA intracommunautaire", c.vat),
            ],
            boxed=rng.random() < 0.5,
        ),
        Table(["Impôt", "Déclarations", "Paiements"], rows),
    ]
    if rng.random() < 0.6:
        blocks.append(
            P(
                "Cette attestation peut être produite à l'appui d'une candidature à un marché "
                "public (article L2141-2 du code de la commande publique). Elle ne préjuge pas "
                "des résultats d'un éventuel contrôle fiscal.",
                style="small",
            )
        )
    blocks += [
        Box(
            [
                f"N° d'attestation : {ids.ref(rng, '9999AA99999999')}",
                f"Délivrée le {fk.fr_date(when)} depuis l'espace professionnel",
            ]
        ),
        Sign([[f"Pour le comptable public du SIE {_de(sie)}", "(cachet du service)"]]),
    ]
    return Doc(
        alt(
            rng,
            [
                "ATTESTATION DE RÉGULARITÉ FISCALE",
                "Attestation de régularité fiscale",
                "ATTESTATION FISCALE",
                "Certificat de situation fiscale",
            ],
        ),
        blocks,
        head_left=[
            "RÉPUBLIQUE FRANÇAISE",
            "Direction générale des Finances publiques",
            f"Service des impôts des entreprises {_de(sie)}",
            _addr_in(rng, c.address),
        ],
        head_right=[c.full, *c.address.lines()] if rng.random() < 0.5 else [],
        footer="impots.gouv.fr" if rng.random() < 0.5 else "",
    )


@template("ATTEST_FISCALE_SOCIALE", "pa_attest_sociale_caisse", scan=0.25)
def attest_sociale_caisse(w: World, rng: random.Random) -> Doc:
    c = rng.choice([*w.contractors, *w.contractors, w.developer])
    issuer = rng.choice(["urssaf", "cibtp", "probtp", "cnetp"])
    when = w.today - _days(rng, 0, 25)
    until = when + dt.timedelta(days=rng.choice([90, 180]))
    periods: Rows = []
    for i in range(rng.randint(2, 4), 0, -1):
        d = _add_months(when.replace(day=1), -3 * i)
        periods.append([f"T{(d.month - 1) // 3 + 1} {d.year}", "Reçue", "Réglée"])
    head: list[str]
    if issuer == "urssaf":
        head = [f"Urssaf {rng.choice(fk.REGIONS)}", "Recouvrement des cotisations sociales"]
        title = alt(
            rng,
            [
                "Attestation de vigilance",
                "ATTESTATION DE VIGILANCE",
                "Attestation de fourniture des déclarations sociales",
            ],
        )
        body: list[Block] = [
            P(
                f"Nous certifions que l'entreprise {c.full} (SIRET {c.siret}) a transmis ses "
                "déclarations sociales et s'est acquittée des cotisations et contributions "
                f"dues à la date du {fk.fr_date(when)}, ou bénéficie d'un plan d'apurement "
                "respecté."
            ),
            KV(
                [
                    ("Nombre de salariés déclarés", str(rng.randint(1, 180))),
                    ("Dernière période déclarée", str(periods[-1][0])),
                    ("Identifiant de l'attestation", ids.ref(rng, "AAAAAAAAAAAA9999")),
                ]
            ),
            P(
                "Le donneur d'ordre est tenu de vérifier cette attestation lors de la conclusion "
                "d'un contrat d'au moins 5 000 euros HT puis tous les six mois jusqu'à la fin "
                "de son exécution (articles L8222-1 et D8222-5 du Code du travail)."
            ),
        ]
    else:
        org = {
            "cibtp": f"Caisse Congés Intempéries BTP - {rng.choice(fk.REGIONS)}",
            "probtp": "PRO BTP - Retraite complémentaire et prévoyance",
            "cnetp": "CNETP - Caisse nationale des entrepreneurs de travaux publics",
        }[issuer]
        head = [org, fk.address(rng).one_line()]
        title = alt(
            rng,
            ["CERTIFICAT DE RÉGULARITÉ", "Attestation de mise à jour", "Attestation de situation"],
        )
        body = [
            P(
                f"La caisse certifie que l'entreprise {c.full}, dont le siège est situé "
                f"{c.address.one_line()}, adhérente sous le numéro "
                f"{ids.ref(rng, '99 999999 9')}, a satisfait à ses obligations de déclaration "
                "et de paiement des cotisations "
                + {
                    "cibtp": "congés payés et chômage-intempéries",
                    "probtp": "de retraite complémentaire et de prévoyance",
                    "cnetp": "congés payés",
                }[issuer]
                + f" jusqu'à la période échue au {fk.fr_date(when)}."
            ),
            Table(["Période", "Déclaration", "Paiement"], periods),
        ]
    body.append(
        P(
            f"Attestation valable jusqu'au {fk.fr_date(until)}."
            if rng.random() < 0.7
            else "La présente attestation ne vaut que pour la période indiquée.",
            style="bold" if rng.random() < 0.5 else "normal",
        )
    )
    if rng.random() < 0.5:
        body.append(
            P(
                f"Document délivré à la demande de l'intéressé pour le marché "
                f"{w.programme} ({w.sccv.name}).",
                style="small",
            )
        )
    body.append(
        Sign([[alt(rng, ["Le directeur", "Le responsable du recouvrement", "Pour la caisse"]), ""]])
    )
    return Doc(title, body, head_left=head, head_right=recipient(c) if rng.random() < 0.5 else [])
