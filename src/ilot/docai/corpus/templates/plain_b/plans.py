"""Plans and specifications (PLANS_NOTICE).

Part of `plain_b`, the templates of another writer (see its package docstring).
"""

from __future__ import annotations

import datetime as dt
import random

from ... import fakes as fk
from ... import identifiers as ids
from ...fakes import World
from ...model import KV, Block, Bullets, Cell, Doc, H, P, Sign, Table
from ...registry import template
from ..common import alt
from ._shared import _case

# ---------------------------------------------------------------------------------------------
# PLANS_NOTICE
_ROOMS: dict[str, list[tuple[str, list[str]]]] = {
    "Entrée et dégagements": [
        (
            "Sols",
            [
                "Carrelage grès cérame 60x60 cm, plinthes assorties",
                "Revêtement PVC en lés imitation parquet, plinthes bois peintes",
            ],
        ),
        (
            "Murs",
            ["Peinture acrylique finition velours blanc", "Peinture lisse mate, deux couches"],
        ),
        (
            "Équipement",
            [
                "Placard avec portes coulissantes miroir selon plan",
                "Tableau électrique en gaine technique logement (GTL)",
            ],
        ),
    ],
    "Séjour": [
        (
            "Sols",
            [
                "Parquet contrecollé chêne 10 mm, pose flottante",
                "Carrelage 45x45 cm",
                "Revêtement stratifié 8 mm sur sous-couche acoustique",
            ],
        ),
        (
            "Menuiseries",
            [
                "Baies coulissantes aluminium à rupture de pont thermique",
                "Porte-fenêtre PVC blanc oscillo-battante",
            ],
        ),
        (
            "Occultations",
            [
                "Volets roulants à lames aluminium, manœuvre électrique",
                "Volets roulants PVC, commande filaire",
            ],
        ),
    ],
    "Cuisine": [
        (
            "Équipement",
            [
                "Évier inox 1 bac sur meuble 120 cm, attentes lave-vaisselle et lave-linge",
                "Kitchenette équipée (T1 et T2) : plaque vitrocéramique, hotte, réfrigérateur top",
            ],
        ),
        (
            "Faïence",
            [
                "Crédence faïence 20x20 cm sur 60 cm de hauteur au droit de l'évier",
                "Faïence toute hauteur sur le linéaire de l'évier",
            ],
        ),
    ],
    "Salle de bains / salle d'eau": [
        (
            "Appareils",
            [
                "Baignoire acrylique 170x70 cm ou receveur extra-plat 90x120 cm selon plan",
                "Meuble vasque 80 cm avec miroir et bandeau lumineux",
            ],
        ),
        (
            "Murs",
            [
                "Faïence 25x40 cm toute hauteur au droit de la baignoire ou de la douche",
                "Faïence 30x60 cm sur 2,10 m en périphérie",
            ],
        ),
        ("Chauffage", ["Sèche-serviettes électrique", "Radiateur sèche-serviettes eau chaude"]),
    ],
    "Chambres": [
        (
            "Sols",
            ["Revêtement stratifié sur sous-couche acoustique", "Moquette en lés, plinthes bois"],
        ),
        ("Rangements", ["Placard aménagé (penderie + étagère) selon plan", "Sans placard"]),
    ],
    "Loggias, balcons, terrasses": [
        (
            "Sols",
            [
                "Dalles grès cérame sur plots",
                "Béton brut finition balayée",
                "Lames bois composite sur lambourdes",
            ],
        ),
        (
            "Garde-corps",
            ["Barreaudage acier thermolaqué", "Vitrage feuilleté sur montants aluminium"],
        ),
        (
            "Équipements",
            [
                "Point lumineux en applique et prise étanche",
                "Robinet de puisage (terrasses en rez-de-chaussée)",
            ],
        ),
    ],
}


@template("PLANS_NOTICE", "pb_descriptif_prestations_tableau", formats=("pdf", "docx"), scan=0.05)
def pb_descriptif_prestations_tableau(w: World, rng: random.Random) -> Doc:
    """Buyers' specification laid out as room-by-room tables rather than numbered sections."""
    heating = alt(
        rng,
        [
            "Pompe à chaleur collective air/eau, émission par radiateurs basse température",
            "Chaudières gaz à condensation collectives, radiateurs acier à robinets "
            "thermostatiques",
            "Raccordement au réseau de chaleur urbain, plancher chauffant basse température",
            "Pompes à chaleur individuelles, plancher chauffant",
        ],
    )
    general: list[list[Cell]] = [
        ["Fondations", "Selon étude de sol et calculs du bureau d'études structure"],
        [
            "Structure",
            alt(
                rng,
                [
                    "Voiles et planchers béton armé",
                    "Ossature béton, façades à ossature bois",
                    "Murs en briques, planchers béton",
                ],
            ),
        ],
        [
            "Façades",
            alt(
                rng,
                [
                    "Enduit minéral gratté, teinte selon permis",
                    "Parement brique et enduit",
                    "Isolation thermique par l'extérieur, finition enduit",
                ],
            ),
        ],
        [
            "Toiture",
            alt(
                rng,
                [
                    "Terrasse étanchée végétalisée",
                    "Couverture tuiles terre cuite",
                    "Toiture zinc à joints debout",
                ],
            ),
        ],
        ["Chauffage / ECS", heating],
        ["Ventilation", "VMC simple flux hygroréglable type B"],
        [
            "Performance",
            alt(
                rng, ["Conforme RE2020 - seuil 2025", "Conforme RE2020", "RE2020 - label BBCA visé"]
            ),
        ],
    ]
    rooms = rng.sample(list(_ROOMS.items()), k=rng.randint(4, len(_ROOMS)))
    heads = rng.choice(
        [
            (
                "A - Caractéristiques générales",
                "B - Prestations des logements",
                "C - Parties communes et annexes",
            ),
            ("GÉNÉRALITÉS", "LES LOGEMENTS", "PARTIES COMMUNES"),
            ("1. L'immeuble", "2. Les parties privatives", "3. Les parties communes"),
        ]
    )
    blocks: list[Block] = [
        KV(
            [
                ("Programme", f"{w.programme} - {w.lots} logements"),
                ("Adresse", w.site.one_line()),
                ("Maître d'ouvrage", w.sccv.name),
                ("Architecte", w.architect_firm.name),
                ("Permis de construire", f"n° {w.permit_no} du {fk.fr_date(w.permit_date)}"),
            ],
            boxed=rng.random() < 0.5,
        ),
        P(
            alt(
                rng,
                [
                    "La présente notice décrit les prestations prévues pour la construction. "
                    "Elle est annexée au contrat de réservation et à l'acte de vente en l'état "
                    "futur d'achèvement.",
                    "Notice établie conformément à l'article R261-13 du code de la construction "
                    "et de l'habitation, pour être annexée aux contrats de vente.",
                    "Descriptif sommaire des prestations - document non contractuel avant "
                    "signature de l'acte authentique.",
                ],
            ),
            style="italic",
        ),
        H(heads[0]),
        Table(["Ouvrage", "Prestation"], general, widths=[1.5, 5]),
        H(heads[1]),
    ]
    for room, items in rooms:
        rows: list[list[Cell]] = [[poste, alt(rng, choices)] for poste, choices in items]
        blocks.append(Table([room, ""], rows, widths=[1.5, 5]))
    if rng.random() < 0.7:
        blocks += [
            H(heads[2]),
            Bullets(
                rng.sample(
                    [
                        "Hall d'entrée : sol carrelage grand format, miroir, boîtes aux lettres "
                        "normalisées",
                        "Contrôle d'accès par vidéophone et badges Vigik",
                        "Ascenseur desservant tous les "
                        f"niveaux{' y compris le sous-sol' if rng.random() < 0.5 else ''}",
                        "Local vélos éclairé, arceaux de stationnement",
                        "Parkings en sous-sol, porte automatique commandée par télécommande",
                        "Espaces verts plantés, arrosage automatique",
                        "Local poubelles ventilé avec point d'eau",
                        "Pré-équipement pour recharge de véhicules électriques",
                    ],
                    k=rng.randint(3, 6),
                )
            ),
        ]
    blocks.append(
        P(
            "Les marques et modèles sont cités à titre indicatif ; le maître d'ouvrage pourra "
            "leur substituer des produits de qualité équivalente, notamment en cas de "
            "disparition d'un produit ou d'exigence technique. Les cotes et surfaces indiquées "
            "sur les plans sont susceptibles de légères variations.",
            style="small",
        )
    )
    if rng.random() < 0.5:
        blocks.append(Sign([["Le réservant", w.sccv.name], ["Le réservataire", "(paraphe)"]]))
    return Doc(
        _case(
            rng,
            alt(
                rng,
                [
                    "Notice descriptive",
                    "Notice descriptive sommaire",
                    "Descriptif des prestations",
                    "Notice technique des prestations",
                ],
            ),
        ),
        blocks,
        title_sub=alt(rng, [w.programme, f"Résidence {w.programme}", ""]),
        footer=alt(
            rng,
            [
                f"{w.developer.name} - notice indice {rng.choice('ABCD')}",
                "",
                f"Paraphes : ____ {w.programme}",
            ],
        ),
    )


@template("PLANS_NOTICE", "pb_bordereau_plans_surfaces", formats=("pdf", "xlsx", "docx"), scan=0.05)
def pb_bordereau_plans_surfaces(w: World, rng: random.Random) -> Doc:
    """Drawings register plus surface breakdown per level, as an architect's practice issues."""
    phase = rng.choice(["PC", "PRO", "DCE", "EXE", "PC modificatif"])
    levels = (["Sous-sol"] if rng.random() < 0.6 else []) + ["RDC"]
    levels += [f"R+{i}" for i in range(1, rng.randint(2, 7))]
    drawings: list[list[Cell]] = []
    idx = 1
    base = [
        ("Plan de situation", "1/5000"),
        ("Plan de masse", "1/200"),
        ("Plan des réseaux extérieurs", "1/200"),
    ]
    for lvl in levels:
        base.append((f"Plan du niveau {lvl}", "1/100"))
    base += [
        ("Plan de toiture", "1/100"),
        ("Coupes AA et BB", "1/100"),
        ("Façades nord et sud", "1/100"),
        ("Façades est et ouest", "1/100"),
        ("Carnet de détails menuiseries", "1/20"),
    ]
    code = ids.ref(rng, "AAA")
    for title, scale in base:
        ind = rng.choice("ABCD")
        drawings.append(
            [
                f"{code}-{phase.split()[0]}-{idx:03d}",
                title,
                scale,
                ind,
                fk.fr_date(w.permit_date - dt.timedelta(days=rng.randint(-200, 200))),
            ]
        )
        idx += 1
    surf: list[list[Cell]] = []
    remaining = w.sdp_m2
    lots_left = w.lots
    living = [lv for lv in levels if lv != "Sous-sol"]
    for i, lvl in enumerate(living):
        last = i == len(living) - 1
        n_lots = lots_left if last else max(1, round(w.lots / len(living) * rng.uniform(0.8, 1.1)))
        n_lots = min(n_lots, lots_left)
        lots_left -= n_lots
        sdp = remaining if last else round(w.sdp_m2 * n_lots / max(1, w.lots))
        remaining -= sdp
        shab = round(sdp * rng.uniform(0.88, 0.94), 1)
        ext = round(n_lots * rng.uniform(4, 14), 1)
        surf.append([lvl, n_lots, float(sdp), shab, ext])
    surf.append(
        [
            "TOTAL",
            sum(int(r[1]) for r in surf),
            float(sum(float(r[2]) for r in surf)),
            round(sum(float(r[3]) for r in surf), 1),
            round(sum(float(r[4]) for r in surf), 1),
        ]
    )
    blocks: list[Block] = [
        P(
            f"Opération : {w.programme} - {w.site.one_line()} - maître d'ouvrage {w.sccv.name}",
            style="bold",
        ),
        P(f"Phase : {phase} - diffusion n° {rng.randint(1, 12)} du {fk.fr_date(w.today)}"),
        Table(
            ["N° de plan", "Désignation", "Échelle", "Indice", "Date"],
            drawings,
            widths=[1.6, 3.4, 0.8, 0.6, 1.0],
            title=alt(
                rng, ["Liste des documents graphiques", "Bordereau de plans", "Index des plans"]
            ),
        ),
        Table(
            [
                "Niveau",
                "Logements",
                "Surface de plancher (m²)",
                "Surface habitable (m²)",
                "Surfaces annexes (m²)",
            ],
            surf,
            fmt="tnddd",
            total=1,
            title=alt(
                rng, ["Tableau des surfaces par niveau", "Récapitulatif des surfaces", "Surfaces"]
            ),
        ),
    ]
    if rng.random() < 0.5:
        blocks.append(
            P(
                "Surfaces de plancher calculées selon l'article R111-22 du code de "
                "l'urbanisme ; surfaces habitables selon l'article R156-1 du code de la "
                "construction et de l'habitation.",
                style="small",
            )
        )
    return Doc(
        alt(
            rng,
            [
                "Bordereau des plans et tableau des surfaces",
                "LISTE DES PLANS",
                "Dossier plans - surfaces",
                "Carnet de plans - sommaire",
            ],
        ),
        blocks,
        head_left=[
            w.architect_firm.full,
            "Architectes DPLG / DE-HMONP",
            *w.architect_firm.address.lines(),
        ],
        footer=alt(
            rng,
            [
                f"{w.architect_firm.name} - document de travail",
                "",
                "Les cotes sont à vérifier sur place",
            ],
        ),
    )
