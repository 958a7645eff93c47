"""Developer presentations (PRESENTATION_PROMOTEUR).

Part of `plain_a`, the templates of another writer (see its package docstring).
"""

from __future__ import annotations

import random

from ... import fakes as fk
from ... import identifiers as ids
from ...fakes import World
from ...model import KV, Block, Bullets, Doc, H, P, Table
from ...registry import template
from ..common import alt, letterhead, place_date
from ._shared import Rows, _de

# ---------------------------------------------------------------------------------------------
# PRESENTATION_PROMOTEUR
# ---------------------------------------------------------------------------------------------
_NATURES = [
    "résidence de {n} logements collectifs en accession",
    "{n} maisons individuelles groupées",
    "résidence services seniors de {n} appartements",
    "programme mixte : {n} logements et un commerce en rez-de-chaussée",
    "{n} logements dont 30 % de logements locatifs sociaux vendus en VEFA à un bailleur",
    "résidence étudiante de {n} studios",
]


@template("PRESENTATION_PROMOTEUR", "pa_fiches_references", formats=("pdf", "docx"), scan=0.02)
def fiches_references(w: World, rng: random.Random) -> Doc:
    d = w.developer
    since = w.today.year - rng.randint(6, 35)
    n = rng.randint(3, 7)
    blocks: list[Block] = [
        P(
            alt(
                rng,
                [
                    f"Depuis {since}, {d.name} a conçu et livré des programmes résidentiels dans "
                    f"la région {_de(d.address.town)} et au-delà. Vous trouverez ci-après une "
                    "sélection d'opérations récentes.",
                    f"Sélection de références de {d.name} (opérations livrées ou en cours).",
                    f"{d.name} : {rng.randint(15, 120)} opérations réalisées, "
                    f"{rng.randint(400, 6000)} logements livrés depuis {since}.",
                ],
            )
        )
    ]
    summary: Rows = []
    for a, b in rng.sample(fk.PROGRAMME_WORDS, n):
        name = f"{a} {b}".strip()
        town = rng.choice(fk.TOWNS)[0]
        units = rng.randint(8, 140)
        sdp = units * rng.randint(55, 72)
        works = sdp * rng.randint(1400, 2300)
        year = w.today.year - rng.randint(-2, 10)
        status = (
            "Livrée" if year <= w.today.year else rng.choice(["En travaux", "En commercialisation"])
        )
        arch = f"{rng.choice(['Atelier', 'Agence', 'Studio'])} {rng.choice(fk.LAST)}"
        pairs = [
            ("Localisation", town),
            ("Programme", rng.choice(_NATURES).format(n=units)),
            ("Surface de plancher", f"{fk.num(sdp)} m²"),
            ("Montant des travaux", f"{fk.money(works)} HT"),
            ("Architecte", arch),
            (
                "Réalisation",
                rng.choice(["Entreprise générale", "Lots séparés", "Contractant général"]),
            ),
            (
                "Livraison" if status == "Livrée" else "Livraison prévue",
                f"{rng.choice(['1er', '2e', '3e', '4e'])} trimestre {year}",
            ),
        ]
        if rng.random() < 0.5:
            pairs.append(
                (
                    "Certification",
                    rng.choice(
                        [
                            "NF Habitat HQE",
                            "RE2020 seuil 2025",
                            "BBC Effinergie",
                            "Biosourcé niveau 1",
                        ]
                    ),
                )
            )
        if rng.random() < 0.4:
            pairs.append(("Partenaire financier", rng.choice(ids.BANKS)[0]))
        blocks += [H(f"{name} - {town}", 2), KV(pairs, boxed=rng.random() < 0.3)]
        if rng.random() < 0.35:
            blocks.append(
                P(
                    rng.choice(
                        [
                            "Commercialisation achevée six mois avant la livraison.",
                            "Opération réalisée sur une ancienne friche industrielle dépolluée.",
                            "Bâtiment en structure bois sur socle béton.",
                            "Livraison sans réserve majeure, levée des réserves sous 60 jours.",
                        ]
                    ),
                    style="italic",
                )
            )
        summary.append([name, town, float(units), works, status])
    if rng.random() < 0.6:
        summary.sort(key=lambda r: str(r[4]))
        blocks += [
            H("Récapitulatif"),
            Table(["Opération", "Commune", "Lots", "Travaux HT", "État"], summary, fmt="ttnmt"),
        ]
    blocks.append(P(f"{d.full} - {d.address.one_line()} - {d.phone}", style="small"))
    return Doc(
        alt(
            rng,
            [
                "NOS RÉFÉRENCES",
                "Références",
                "Book de références",
                f"Dossier de références {w.today.year}",
                "Nos réalisations",
            ],
        ),
        blocks,
        head_left=[d.name] if rng.random() < 0.5 else [],
    )


@template("PRESENTATION_PROMOTEUR", "pa_note_presentation", formats=("pdf", "docx"), scan=0.03)
def note_presentation(w: World, rng: random.Random) -> Doc:
    d = w.developer
    since = w.today.year - rng.randint(5, 30)
    team = [d.manager, fk.person(rng, w.today), fk.person(rng, w.today), fk.person(rng, w.today)]
    roles = [
        "Président",
        "Directeur technique",
        "Directrice administrative et financière",
        "Responsable de programmes",
        "Directeur commercial",
    ]
    years = [w.today.year - i for i in range(3, 0, -1)]
    base = rng.randint(30, 300)
    perf: Rows = []
    for y in years:
        res = float(base * rng.uniform(0.8, 1.3))
        perf.append(
            [
                str(y),
                float(int(res)),
                float(int(res * rng.uniform(0.7, 1.1))),
                res * rng.uniform(0.18, 0.3) * 1e6 / 1e3 * 1e3,
                res * rng.uniform(0.01, 0.02) * 1e6,
            ]
        )
    pipeline: Rows = [
        [w.programme, w.site.town, float(w.lots), float(w.revenue_ttc), "Montage - financement"]
    ]
    for a, b in rng.sample(fk.PROGRAMME_WORDS, rng.randint(1, 4)):
        pipeline.append(
            [
                f"{a} {b}".strip(),
                rng.choice(fk.TOWNS)[0],
                float(rng.randint(10, 90)),
                float(rng.randint(3, 40) * 1e6),
                rng.choice(
                    ["Foncier sous promesse", "PC déposé", "En travaux", "En commercialisation"]
                ),
            ]
        )
    secs: list[list[Block]] = [
        [
            H("Historique"),
            P(
                f"Créée en {since} par {d.manager.name}, {d.name} est une société de promotion "
                f"immobilière indépendante implantée à {d.address.town}. Elle est détenue par "
                f"{w.holding.name}, holding familiale de son fondateur."
                + alt(
                    rng,
                    [
                        "",
                        " La société réalise environ "
                        + str(rng.randint(2, 8))
                        + " opérations par an.",
                    ],
                )
            ),
        ],
        [
            H("Équipe"),
            Bullets(
                [
                    f"{p.name} - {r}, {rng.randint(8, 30)} ans d'expérience"
                    for p, r in zip(
                        team,
                        [
                            rng.choice(["Président fondateur", "Président", "Gérant"]),
                            *rng.sample(roles[1:], len(team) - 1),
                        ],
                        strict=True,
                    )
                ]
            ),
        ],
        [
            H("Activité des trois derniers exercices"),
            Table(
                ["Exercice", "Lots réservés", "Lots actés", "CA HT", "Résultat net"],
                perf,
                fmt="tnnmm",
            ),
        ],
        [
            H("Opérations en cours et à venir"),
            Table(["Opération", "Commune", "Lots", "CA TTC", "Stade"], pipeline, fmt="ttnmt"),
        ],
        [
            H("Stratégie"),
            P(
                alt(
                    rng,
                    [
                        "Nous privilégions des opérations de 20 à 80 logements en "
                        "centre-bourg et en première couronne, lancées après 40 à 50 % de "
                        "pré-commercialisation.",
                        "Notre modèle repose sur une maîtrise foncière précoce, un réseau "
                        "d'entreprises locales fidèles et une commercialisation en direct.",
                        "Les opérations sont systématiquement portées par des SCCV dédiées, "
                        "gérées par la société et co-détenues le cas échéant avec des "
                        "partenaires.",
                    ],
                )
            ),
        ],
    ]
    first = secs[0]
    rest = secs[1:]
    rng.shuffle(rest)
    chosen = [first, *rest[: rng.randint(2, 4)]]
    blocks: list[Block] = []
    if rng.random() < 0.5:
        blocks += [
            P(f"À l'attention de {w.bank.manager.formal}, {w.bank.name}"),
            P(f"Objet : présentation de {d.name} - opération {w.programme}", style="bold"),
        ]
    for s in chosen:
        blocks += s
    blocks.append(P(place_date(w, rng, town=d.address.town)))
    return Doc(
        alt(
            rng,
            [
                "Note de présentation",
                f"PRÉSENTATION DE {d.name.upper()}",
                "Présentation de la société",
                "",
            ],
        ),
        blocks,
        head_left=letterhead(d, rng),
        footer=d.full,
    )
