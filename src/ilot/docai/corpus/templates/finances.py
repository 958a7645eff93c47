"""Developer financials: annual accounts, presentations and personal asset statements."""

from __future__ import annotations

import datetime as dt
import random

from .. import fakes as fk
from ..fakes import Company, World
from ..model import KV, Block, Doc, H, P, Sign, Table
from ..registry import template
from .common import alt, boiler, letterhead, place_date


def _fy(w: World) -> int:
    return w.today.year - 1


def _who(w: World, rng: random.Random) -> Company:
    return rng.choice([w.developer, w.holding, w.developer])


@template("COMPTES_ANNUELS", "bilan_actif_passif", formats=("pdf", "xlsx"), scan=0.1)
def bilan_comptable(w: World, rng: random.Random) -> Doc:
    c = _who(w, rng)
    s = rng.uniform(2, 80) * 1e6
    actif = [
        ("Immobilisations incorporelles", 0.01),
        ("Immobilisations corporelles", 0.05),
        ("Immobilisations financières", 0.2),
        ("Stocks et en-cours", 0.4),
        ("Clients et comptes rattachés", 0.15),
        ("Autres créances", 0.1),
        ("Disponibilités", 0.09),
    ]
    passif = [
        ("Capital social", 0.02),
        ("Réserves", 0.15),
        ("Résultat de l'exercice", 0.05),
        ("Provisions pour risques", 0.03),
        ("Emprunts et dettes auprès des établissements de crédit", 0.35),
        ("Dettes fournisseurs", 0.2),
        ("Autres dettes", 0.2),
    ]
    ra: list[list[str | int | float]] = [
        [n, s * k, s * k * rng.uniform(0.7, 1.2)] for n, k in actif
    ]
    rp: list[list[str | int | float]] = [
        [n, s * k, s * k * rng.uniform(0.7, 1.2)] for n, k in passif
    ]
    ra.append(["TOTAL ACTIF", sum(float(r[1]) for r in ra), sum(float(r[2]) for r in ra)])
    rp.append(["TOTAL PASSIF", sum(float(r[1]) for r in rp), sum(float(r[2]) for r in rp)])
    fy = _fy(w)
    return Doc(
        alt(rng, ["BILAN", "Bilan actif - passif", "COMPTES ANNUELS - BILAN"]),
        [
            KV(
                [
                    ("Société", c.full),
                    ("SIREN", c.siren),
                    ("Exercice", f"du 01/01/{fy} au 31/12/{fy}"),
                    (
                        "Formulaire",
                        rng.choice(
                            [
                                "DGFiP N° 2050-SD / 2051-SD",
                                "Liasse fiscale - régime réel normal",
                                "Comptes annuels",
                            ]
                        ),
                    ),
                ]
            ),
            Table(["ACTIF", f"Net 31/12/{fy}", f"Net 31/12/{fy - 1}"], ra, fmt="tnn", total=1),
            Table(["PASSIF", f"31/12/{fy}", f"31/12/{fy - 1}"], rp, fmt="tnn", total=1),
        ],
        head_left=[
            c.full,
            rng.choice(["Cabinet d'expertise comptable", "Établi par l'expert-comptable", ""]),
        ],
    )


@template("COMPTES_ANNUELS", "compte_resultat_annexe", formats=("pdf", "docx"), scan=0.05)
def cr(w: World, rng: random.Random) -> Doc:
    c = _who(w, rng)
    ca = rng.uniform(3, 90) * 1e6
    rows: list[list[str | int | float]] = [
        ["Chiffre d'affaires net", ca],
        ["Variation de stocks", ca * rng.uniform(-0.1, 0.2)],
        ["Achats et charges externes", -ca * 0.7],
        ["Impôts et taxes", -ca * 0.01],
        ["Salaires et charges sociales", -ca * 0.08],
        ["Dotations aux amortissements", -ca * 0.01],
        ["Résultat d'exploitation", ca * 0.12],
        ["Résultat financier", -ca * 0.01],
        ["Impôt sur les bénéfices", -ca * 0.03],
        ["RÉSULTAT NET", ca * 0.08],
    ]
    fy = _fy(w)
    return Doc(
        "COMPTE DE RÉSULTAT DE L'EXERCICE",
        [
            P(f"{c.full} - exercice clos le 31 décembre {fy} - en euros"),
            Table(["Rubrique", f"Exercice {fy}"], rows, fmt="tn", total=1),
            H("ANNEXE AUX COMPTES ANNUELS"),
            H("Règles et méthodes comptables", 2),
            P(
                "Les comptes annuels ont été établis conformément au règlement ANC n° 2014-03 "
                "relatif au plan comptable général. "
                "Les opérations de promotion immobilière sont comptabilisées selon la méthode "
                "de l'avancement."
            ),
            H("Engagements hors bilan", 2),
            P(
                f"Cautions données au profit des SCCV filiales : {fk.money(ca * 0.2)}. Garanties "
                "financières d'achèvement obtenues : "
                f"{fk.money(ca * 0.5)}."
            ),
            H("Filiales et participations", 2),
            Table(
                ["Société", "% détenu", "Résultat"],
                [
                    [
                        f"SCCV {a.upper()} {b.upper()}".strip(),
                        float(rng.choice([50, 51, 100, 100])),
                        rng.uniform(-1e5, 8e5),
                    ]
                    for a, b in rng.sample(fk.PROGRAMME_WORDS, 4)
                ],
                fmt="tpn",
            ),
        ],
    )


@template("COMPTES_ANNUELS", "rapport_cac", scan=0.05)
def cac(w: World, rng: random.Random) -> Doc:
    c = _who(w, rng)
    fy = _fy(w)
    cab = f"{rng.choice(fk.LAST)} {rng.choice(['Audit', '& Associés', 'Expertise Audit'])}"
    return Doc(
        "RAPPORT DU COMMISSAIRE AUX COMPTES SUR LES COMPTES ANNUELS",
        [
            P(f"Exercice clos le 31 décembre {fy}"),
            P(f"À l'assemblée générale de la société {c.full},"),
            H("Opinion"),
            P(
                "En exécution de la mission qui nous a été confiée, nous avons effectué l'audit "
                "des comptes annuels de la société "
                f"{c.name} relatifs à l'exercice clos le 31 décembre {fy}. Nous certifions "
                "que les comptes annuels sont, au regard "
                "des règles et principes comptables français, réguliers et sincères et donnent "
                "une image fidèle du résultat des "
                "opérations de l'exercice écoulé ainsi que de la situation financière et "
                "du patrimoine de la société."
            ),
            H("Fondement de l'opinion"),
            P(
                "Nous avons effectué notre audit selon les normes d'exercice professionnel "
                "applicables en France."
            ),
            H("Justification des appréciations"),
            P(
                "Les stocks et en-cours de promotion sont évalués au coût de revient ; nous "
                "avons apprécié les marges à "
                "terminaison retenues."
            ),
            P(place_date(w, rng, dt.date(fy + 1, 4, rng.randint(1, 28)))),
            Sign([[cab, "Commissaire aux comptes"]]),
        ],
        head_left=[cab, "Membre de la Compagnie régionale des commissaires aux comptes"],
    )


@template("PRESENTATION_PROMOTEUR", "plaquette_fr", scan=0.02)
def plaquette(w: World, rng: random.Random) -> Doc:
    d = w.developer
    refs: list[list[str | int | float]] = [
        [
            f"{a} {b}".strip(),
            rng.choice(fk.TOWNS)[0],
            float(rng.randint(12, 150)),
            str(w.today.year - rng.randint(1, 12)),
        ]
        for a, b in rng.sample(fk.PROGRAMME_WORDS, 6)
    ]
    return Doc(
        f"{d.name.upper()} - PRÉSENTATION DU GROUPE",
        [
            P(
                alt(
                    rng,
                    [
                        "Bâtisseur de lieux de vie depuis "
                        + str(w.today.year - rng.randint(8, 40)),
                        "Promoteur immobilier indépendant",
                        "Construire la ville de demain",
                    ],
                ),
                align="center",
                style="italic",
            ),
            H("Qui sommes-nous ?"),
            P(
                f"{d.name} conçoit et réalise des programmes résidentiels "
                f"et mixtes en {rng.choice(fk.REGIONS)} "
                "et au-delà. Notre "
                "équipe pluridisciplinaire maîtrise l'ensemble de la chaîne : prospection "
                "foncière, montage, conception, "
                "commercialisation et suivi de chantier."
            ),
            H("Chiffres clés"),
            KV(
                [
                    ("Logements livrés", str(rng.randint(300, 8000))),
                    ("Chiffre d'affaires", fk.money(rng.randint(20, 400) * 1e6)),
                    ("Collaborateurs", str(rng.randint(12, 400))),
                    ("Opérations en cours", str(rng.randint(5, 60))),
                ]
            ),
            H("Nos références"),
            Table(["Programme", "Ville", "Logements", "Livraison"], refs, fmt="ttnt"),
            H("Notre engagement"),
            P(
                "RE2020, biodiversité, qualité d'usage : chaque opération fait l'objet d'une "
                "démarche de "
                "certification NF Habitat HQE."
            ),
        ],
        head_left=letterhead(d, rng, ids=False),
    )


@template("PRESENTATION_PROMOTEUR", "track_record_en", formats=("pdf",), scan=0.0)
def track_en(w: World, rng: random.Random) -> Doc:
    d = w.developer
    rows: list[list[str | int | float]] = [
        [
            f"{a} {b}".strip(),
            rng.choice(fk.TOWNS)[0],
            float(rng.randint(12, 150)),
            float(rng.randint(3, 60) * 1e6),
            rng.choice(["Delivered", "Delivered", "Under construction"]),
        ]
        for a, b in rng.sample(fk.PROGRAMME_WORDS, 7)
    ]
    return Doc(
        f"{d.name} - Company presentation",
        [
            H("About us"),
            P(
                f"{d.name} is an independent French residential developer "
                f"founded in {w.today.year - rng.randint(8, 40)}, "
                "active across the full development cycle from land sourcing to handover."
            ),
            H("Track record"),
            Table(["Scheme", "City", "Units", "GDV", "Status"], rows, fmt="ttnmt"),
            H("Management team"),
            P(f"{d.manager.name}, CEO - {rng.randint(12, 30)} years in real estate development."),
            H("Strategy"),
            P(
                "Mid-size residential schemes in regional cities, 40-60% pre-sold before "
                "construction start."
            ),
        ],
        lang="en",
        landscape=rng.random() < 0.5,
    )


@template("PRESENTATION_PROMOTEUR", "cv_dirigeants", formats=("pdf", "docx"), scan=0.05)
def cvs(w: World, rng: random.Random) -> Doc:
    blocks: list[Block] = [P(f"Équipe dirigeante de {w.developer.name}")]
    for p in [w.developer.manager, fk.person(rng, w.today), fk.person(rng, w.today)]:
        blocks += [
            H(
                f"{p.name} - "
                + rng.choice(
                    [
                        "Président",
                        "Directeur général",
                        "Directeur technique",
                        "Directrice financière",
                        "Directeur du développement",
                    ]
                )
            ),
            P(
                "Formation : "
                + rng.choice(
                    [
                        "ESTP",
                        "École Centrale",
                        "ESSEC",
                        "Université Paris-Dauphine",
                        "INSA Lyon",
                        "ENSA",
                    ]
                )
            ),
            Table(
                ["Période", "Expérience"],
                [
                    [
                        f"{y}-{y + rng.randint(2, 8)}",
                        rng.choice(
                            [
                                "Responsable de programmes",
                                "Directeur d’agence",
                                "Chargé d’opérations",
                            ]
                        )
                        + " "
                        f"- {rng.choice(fk.DEV_NAMES)}",
                    ]
                    for y in sorted(rng.sample(range(1995, 2020), 3))
                ],
            ),
        ]
    return Doc("CURRICULUM VITAE DES DIRIGEANTS", blocks)


@template("ETAT_PATRIMONIAL", "declaration_patrimoine", formats=("pdf", "docx"), scan=0.15)
def patrimoine(w: World, rng: random.Random) -> Doc:
    g = w.developer.manager
    immo: list[list[str | int | float]] = []
    for _ in range(rng.randint(1, 5)):
        v = rng.randint(150, 2500) * 1000.0
        immo.append(
            [
                rng.choice(
                    [
                        "Résidence principale",
                        "Appartement locatif",
                        "Maison secondaire",
                        "Parts de SCI",
                        "Local commercial",
                    ]
                ),
                fk.address(rng).one_line(),
                v,
                v * rng.uniform(0, 0.7),
            ]
        )
    fin: list[list[str | int | float]] = [
        [k, rng.randint(5, 900) * 1000.0]
        for k in [
            "Comptes courants et livrets",
            "Assurance-vie",
            "PEA / titres",
            "Parts de sociétés",
        ]
    ]
    tot_a = sum(float(r[2]) for r in immo) + sum(float(r[1]) for r in fin)
    tot_d = sum(float(r[3]) for r in immo)
    return Doc(
        alt(
            rng,
            ["DÉCLARATION DE PATRIMOINE", "ÉTAT PATRIMONIAL", "Fiche patrimoniale de la caution"],
        ),
        [
            KV(
                [
                    ("Nom", g.last.upper()),
                    ("Prénom", g.first),
                    ("Date de naissance", fk.fr_date(g.birth)),
                    ("Adresse", g.address.one_line()),
                    (
                        "Situation familiale",
                        rng.choice(
                            [
                                "Marié(e) - communauté réduite aux acquêts",
                                "Marié(e) - séparation de biens",
                                "Célibataire",
                                "Pacsé(e)",
                            ]
                        ),
                    ),
                    ("Revenus annuels nets", fk.money(rng.randint(60, 600) * 1000)),
                ]
            ),
            H("Patrimoine immobilier"),
            Table(["Nature", "Adresse", "Valeur estimée", "Capital restant dû"], immo, fmt="ttmm"),
            H("Patrimoine financier"),
            Table(["Nature", "Montant"], fin, fmt="tm"),
            KV(
                [
                    ("Total actif", fk.money(tot_a)),
                    ("Total passif", fk.money(tot_d)),
                    ("Patrimoine net", fk.money(tot_a - tot_d)),
                ],
                boxed=True,
            ),
            P(
                "Je certifie sincères et véritables les renseignements ci-dessus, communiqués "
                "à l'appui de mon engagement de "
                "caution, et m'engage à signaler toute modification significative."
            ),
            P(place_date(w, rng)),
            Sign([["Signature", g.name]]),
        ],
        head_left=[w.bank.name] if rng.random() < 0.5 else [],
    )


@template("ETAT_PATRIMONIAL", "patrimoine_tableau", formats=("xlsx", "pdf"), scan=0.1)
def patrimoine_tab(w: World, rng: random.Random) -> Doc:
    g = w.developer.manager
    rows: list[list[str | int | float]] = [
        [k, rng.randint(0, 3000) * 1000.0]
        for k in [
            "Immobilier de jouissance",
            "Immobilier de rapport",
            "Liquidités",
            "Valeurs mobilières",
            "Participations professionnelles",
            "Emprunts immobiliers",
            "Autres dettes",
        ]
    ]
    return Doc(
        f"Patrimoine de {g.formal}", [Table(["Poste", "Montant"], rows, fmt="tm"), *boiler(rng)]
    )


@template("ETAT_PATRIMONIAL", "assets_statement_en", scan=0.05)
def assets_en(w: World, rng: random.Random) -> Doc:
    g = w.developer.manager
    rows: list[list[str | int | float]] = [
        [k, rng.randint(50, 3000) * 1000.0]
        for k in [
            "Main residence",
            "Buy-to-let property",
            "Cash and savings",
            "Listed securities",
            "Company shares",
        ]
    ]
    return Doc(
        "STATEMENT OF PERSONAL ASSETS AND LIABILITIES",
        [
            KV([("Name", g.name), ("Date of birth", fk.en_date(g.birth))]),
            Table(["Asset", "Value"], rows, fmt="tm"),
            Table(
                ["Liability", "Outstanding"],
                [["Mortgages", rng.randint(0, 900) * 1000.0]],
                fmt="tm",
            ),
            P("I certify that the above information is true and complete."),
            Sign([["Signed", g.name]]),
        ],
        lang="en",
    )
