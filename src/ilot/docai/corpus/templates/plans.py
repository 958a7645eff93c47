"""Plans and specifications: notice descriptive, tableau des surfaces, drawing title blocks."""

from __future__ import annotations

import datetime as dt
import random

from .. import fakes as fk
from ..fakes import World
from ..model import KV, Block, Box, Doc, H, P, Table
from ..registry import template
from .common import alt, letterhead, lot_rows


@template("PLANS_NOTICE", "notice_descriptive", formats=("pdf", "docx"), scan=0.05)
def notice(w: World, rng: random.Random) -> Doc:
    sections = [
        (
            "1. CARACTÉRISTIQUES TECHNIQUES GÉNÉRALES DE L'IMMEUBLE",
            [
                (
                    "1.1 Infrastructure",
                    "Fouilles en pleine masse, fondations selon étude de sol (semelles ou pieux).",
                ),
                (
                    "1.2 Murs et ossature",
                    "Voiles en béton armé, murs de façade en béton ou maçonnerie, isolation par "
                    "l'intérieur.",
                ),
                (
                    "1.3 Planchers",
                    "Dalle pleine en béton armé de 20 cm, chape flottante avec isolant phonique.",
                ),
                (
                    "1.4 Toiture",
                    "Toiture terrasse étanchée, végétalisée en partie, ou couverture en tuiles.",
                ),
            ],
        ),
        (
            "2. LOCAUX PRIVATIFS ET LEURS ÉQUIPEMENTS",
            [
                (
                    "2.1 Sols et plinthes",
                    "Carrelage grès cérame 45x45 dans les pièces humides, parquet stratifié dans "
                    "les chambres.",
                ),
                (
                    "2.2 Menuiseries extérieures",
                    "Menuiseries PVC double vitrage, volets roulants électriques.",
                ),
                (
                    "2.3 Équipements sanitaires",
                    "Meuble vasque, WC suspendu, douche à l'italienne selon plans.",
                ),
                (
                    "2.4 Chauffage",
                    "Chauffage et eau chaude par pompe à chaleur collective, radiateurs basse "
                    "température.",
                ),
                (
                    "2.5 Électricité",
                    "Installation conforme à la norme NF C 15-100, prises RJ45 dans le séjour "
                    "et les chambres.",
                ),
            ],
        ),
        (
            "3. ANNEXES PRIVATIVES",
            [
                ("3.1 Parkings", "Places en sous-sol, porte basculante télécommandée."),
                ("3.2 Caves et celliers", "Sol béton brut, porte isoplane."),
            ],
        ),
        (
            "4. PARTIES COMMUNES INTÉRIEURES",
            [
                ("4.1 Hall d'entrée", "Sol carrelé, miroir, boîtes aux lettres, vidéophone."),
                ("4.2 Ascenseur", "Ascenseur desservant tous les niveaux."),
            ],
        ),
    ]
    blocks: list[Block] = [
        P("(Conforme au modèle fixé par l'arrêté du 10 mai 1968)", align="center", style="italic"),
        KV(
            [
                ("Programme", w.programme),
                ("Adresse", w.site.one_line()),
                ("Maître d'ouvrage", w.sccv.name),
                ("Architecte", w.architect_firm.name),
                ("Permis", w.permit_no),
            ]
        ),
    ]
    for title, items in sections:
        blocks.append(H(title))
        for t, body in items:
            blocks += [H(t, 2), P(body)]
    blocks.append(
        P(
            "Les marques et références sont données à titre indicatif ; le maître d'ouvrage "
            "pourra les remplacer "
            "par des équivalents de qualité au moins égale.",
            style="small",
        )
    )
    return Doc(
        alt(
            rng,
            ["NOTICE DESCRIPTIVE", "NOTICE DESCRIPTIVE SOMMAIRE", "Notice descriptive des travaux"],
        ),
        blocks,
        header=f"{w.programme} - notice descriptive",
    )


@template("PLANS_NOTICE", "tableau_surfaces", formats=("pdf", "xlsx", "docx"), scan=0.05)
def surfaces(w: World, rng: random.Random) -> Doc:
    lots = lot_rows(w, rng, min(w.lots, rng.randint(10, 40)))
    rows: list[list[str | int | float]] = [
        [
            str(x["lot"]),
            str(x["type"]),
            str(x["floor"]),
            float(x["surface"]),
            float(x["ext"]),
            str(x["parking"]),
        ]
        for x in lots
    ]
    tot = sum(float(r[3]) for r in rows)
    rows.append(["TOTAL", "", "", tot, sum(float(r[4]) for r in rows), ""])
    return Doc(
        alt(rng, ["TABLEAU DES SURFACES", "Tableau récapitulatif des surfaces et des lots"]),
        [
            KV(
                [
                    ("Opération", w.programme),
                    ("Surface de plancher totale", f"{w.sdp_m2} m²"),
                    ("Indice", rng.choice(["PC", "DCE", "EXE"])),
                ]
            ),
            Table(
                ["Lot", "Typologie", "Niveau", "SHAB (m²)", "Ext. (m²)", "Annexe"],
                rows,
                fmt="tttddt",
                total=1,
            ),
            P(
                "Surfaces habitables calculées selon l'article R156-1 du CCH, tolérance ± 5 %.",
                style="small",
            ),
        ],
        head_left=letterhead(w.architect_firm, rng),
    )


@template("PLANS_NOTICE", "plan_cartouche", formats=("pdf",), scan=0.1)
def plan(w: World, rng: random.Random) -> Doc:
    kind = rng.choice(
        [
            "PLAN DE MASSE",
            "PLAN DU REZ-DE-CHAUSSÉE",
            "PLAN DE SITUATION",
            "FAÇADES NORD ET SUD",
            "COUPE AA",
            "PLAN R+1 - LOGEMENTS",
            "PLAN DE VENTE - LOT " + str(rng.randint(1, 60)),
        ]
    )
    return Doc(
        kind,
        [
            P(" ", style="normal"),
            *[P("") for _ in range(rng.randint(5, 12))],
            Table(
                ["Pièce", "Surface"],
                [
                    [r, f"{rng.uniform(4, 30):.2f} m²"]
                    for r in rng.sample(
                        [
                            "Séjour/cuisine",
                            "Chambre 1",
                            "Chambre 2",
                            "SDB",
                            "WC",
                            "Entrée",
                            "Dgt",
                            "Balcon",
                        ],
                        5,
                    )
                ],
                widths=[2, 1],
            ),
            Box(
                [
                    f"Projet : {w.programme}",
                    f"Maître d'ouvrage : {w.sccv.name}",
                    f"Architecte : {w.architect_firm.name}",
                    f"Pièce : {rng.choice(['PC2', 'PC3', 'PC5', 'APD-04', 'EXE-A-112'])}   Échelle "
                    f": 1/{rng.choice([100, 200, 500, 50])}",
                    "Indice : "
                    f"{rng.choice('ABCD')}   Date : "
                    f"{fk.fr_date(w.permit_date - dt.timedelta(days=90))}",
                    "Nord ↑",
                ],
                "CARTOUCHE",
            ),
        ],
        landscape=True,
    )
