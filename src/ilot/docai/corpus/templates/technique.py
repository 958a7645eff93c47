"""Technical surveys: geotechnical studies and environmental diagnostics."""

from __future__ import annotations

import datetime as dt
import random

from .. import fakes as fk
from .. import identifiers as ids
from ..fakes import World
from ..model import KV, Box, Doc, H, P, Sign, Table
from ..registry import template
from .common import alt, d2, letterhead


def _bureau(w: World, rng: random.Random, kind: str) -> fk.Company:
    names = {
        "geo": [
            "Fondasol",
            "Géotec",
            "Hydrogéotechnique",
            "Ginger CEBTP",
            "Sols Conseil",
            "Arcadis Géotechnique",
        ],
        "env": [
            "Sol Environnement",
            "ICF Environnement",
            "Ginger Burgeap",
            "Antea",
            "Envirosol",
            "Diagamter",
        ],
        "ct": [
            "Bureau Veritas Construction",
            "Socotec Construction",
            "Apave",
            "Qualiconsult",
            "Alpes Contrôles",
        ],
    }
    return fk.company(
        rng,
        w.today,
        f"{rng.choice(names[kind])} {rng.choice(fk.REGIONS)}",
        rng.choice(["SAS", "SA"]),
    )


@template("ETUDE_SOL", "rapport_g2_avp", formats=("pdf", "docx"), scan=0.05)
def g2(w: World, rng: random.Random) -> Doc:
    b = _bureau(w, rng, "geo")
    rows: list[list[str | int | float]] = []
    for i in range(1, rng.randint(3, 7)):
        rows.append(
            [
                f"SP{i}",
                f"{rng.randint(8, 25)}",
                rng.choice(
                    [
                        "Remblais / limons",
                        "Argiles sableuses",
                        "Marnes",
                        "Calcaire altéré",
                        "Alluvions graveleuses",
                    ]
                ),
                float(d2(rng.uniform(0.3, 2.5))),
                float(rng.randint(3, 40)),
            ]
        )
    mission = rng.choice(["G2 AVP", "G2 PRO", "G1 PGC", "G2 AVP + G2 PRO"])
    return Doc(
        f"ÉTUDE GÉOTECHNIQUE DE CONCEPTION - MISSION {mission}",
        [
            KV(
                [
                    ("Client", w.sccv.name),
                    ("Projet", f"{w.programme} - {w.lots} logements"),
                    ("Site", w.site.one_line()),
                    ("Dossier", ids.ref(rng, "AA99.9999")),
                    ("Indice", rng.choice(["A", "B", "0"])),
                ],
                boxed=True,
            ),
            H("1. Contexte et objet de la mission"),
            P(
                f"La mission {mission} est réalisée conformément à la norme NF P 94-500 de "
                "novembre 2013 relative aux missions "
                "d'ingénierie géotechnique. Elle a pour objet de définir les principes de "
                "fondation du projet."
            ),
            H("2. Investigations réalisées"),
            P(
                f"{len(rows)} sondages pressiométriques, {rng.randint(2, 6)} "
                "essais au pénétromètre "
                "dynamique et "
                f"{rng.randint(1, 3)} piézomètres ont été réalisés "
                f"du {fk.fr_date(w.today - dt.timedelta(days=30))}."
            ),
            Table(
                ["Sondage", "Profondeur (m)", "Lithologie", "pl* (MPa)", "EM (MPa)"],
                rows,
                fmt="tttdn",
            ),
            H("3. Contexte hydrogéologique"),
            P(
                f"Le niveau d'eau a été relevé entre {rng.randint(2, 9)} et {rng.randint(10, 15)} "
                "m de profondeur. Des variations "
                "saisonnières sont à prévoir."
            ),
            H("4. Aléas"),
            P(
                f"Zone de sismicité {rng.randint(1, 4)} ; aléa retrait-gonflement des argiles "
                f"{rng.choice(['faible', 'moyen', 'fort'])} ; classe de sol {rng.choice('ABCD')} "
                "(Eurocode 8)."
            ),
            H("5. Recommandations pour les fondations"),
            P(
                alt(
                    rng,
                    [
                        "Fondations superficielles par semelles filantes ancrées à 1,50 m minimum, "
                        "contrainte ELS de 0,25 MPa.",
                        "Fondations profondes par pieux forés tarière creuse "
                        "ancrés dans les marnes compactes.",
                        "Radier général sur sol amélioré par inclusions rigides.",
                    ],
                )
            ),
            P(
                "Le dallage sera de type dallage sur terre-plein conforme au DTU 13.3. Une "
                "mission G3/G4 devra être réalisée "
                "en phase exécution.",
                style="small",
            ),
        ],
        head_left=letterhead(b, rng),
        footer=f"{b.name} - rapport géotechnique - reproduction intégrale uniquement",
    )


@template("ETUDE_SOL", "etude_g1_synthese", scan=0.1)
def g1(w: World, rng: random.Random) -> Doc:
    b = _bureau(w, rng, "geo")
    return Doc(
        "Étude géotechnique préalable G1 - Synthèse",
        [
            P(f"Site : {w.site.one_line()} - parcelles {w.cadastre} - superficie {w.land_m2} m²"),
            H("Synthèse documentaire"),
            P(
                "D'après la carte géologique BRGM au 1/50 000, le site repose sur des formations "
                "alluviales surmontant un "
                "substratum marneux. La base de données Géorisques "
                "signale un aléa retrait-gonflement "
                "des argiles."
            ),
            H("Principes généraux de construction"),
            P(
                "Compte tenu des hypothèses, des fondations semi-profondes ou profondes sont "
                "envisageables. Les terrassements "
                "en déblai pourront être réalisés à la pelle mécanique."
            ),
            Box(
                [
                    "Cette étude ne dispense pas d'une mission G2 AVP "
                    "puis G2 PRO (norme NF P 94-500).",
                    "Les résultats sont valables pour le projet tel que décrit.",
                ],
                "Limites",
            ),
        ],
        head_left=letterhead(b, rng),
    )


@template("ETUDE_SOL", "logs_sondages", formats=("pdf", "xlsx"), scan=0.1)
def logs(w: World, rng: random.Random) -> Doc:
    rows: list[list[str | int | float]] = []
    depth = 0.0
    for _ in range(rng.randint(6, 14)):
        depth += rng.uniform(0.5, 2.5)
        rows.append(
            [
                f"{depth:.1f}",
                rng.choice(
                    [
                        "Terre végétale",
                        "Remblai",
                        "Limon brun",
                        "Argile grise",
                        "Sable fin",
                        "Grave",
                        "Marne beige",
                    ]
                ),
                float(d2(rng.uniform(0.2, 3.0))),
                float(rng.randint(2, 60)),
                rng.choice(["", "", "venue d'eau"]),
            ]
        )
    return Doc(
        f"Sondage pressiométrique SP{rng.randint(1, 6)} - coupe et résultats",
        [
            KV(
                [
                    ("Chantier", w.programme),
                    ("Commune", w.site.town),
                    ("Date", fk.fr_date(w.today)),
                    ("Machine", rng.choice(["Sedidrill 200", "Comacchio MC 450", "Apageo"])),
                    ("Cote tête", f"{rng.randint(20, 300)} NGF"),
                ]
            ),
            Table(
                ["Prof. (m)", "Description lithologique", "pl* (MPa)", "EM (MPa)", "Observations"],
                rows,
                fmt="ttdnt",
            ),
        ],
        landscape=rng.random() < 0.3,
    )


@template("DIAGNOSTICS", "pollution_ssp", formats=("pdf", "docx"), scan=0.05)
def pollution(w: World, rng: random.Random) -> Doc:
    b = _bureau(w, rng, "env")
    rows: list[list[str | int | float]] = []
    for i in range(1, rng.randint(4, 9)):
        rows.append(
            [
                f"S{i}",
                f"0-{rng.choice([1, 2, 3])} m",
                float(rng.randint(10, 900)),
                float(d2(rng.uniform(0.1, 40))),
                float(rng.randint(5, 400)),
                rng.choice(["Conforme ISDI", "Conforme ISDI", "Hors ISDI", "ISDI+"]),
            ]
        )
    return Doc(
        alt(
            rng,
            [
                "DIAGNOSTIC DE POLLUTION DES SOLS",
                "Diagnostic environnemental - Sites et sols pollués",
            ],
        ),
        [
            P(
                f"Mission {rng.choice(['A100 + A200', 'DIAG', 'A110 + A120 + A200 + A270'])} "
                "selon la norme NF X31-620"
            ),
            KV(
                [
                    ("Donneur d'ordre", w.developer.full),
                    ("Site", w.site.one_line()),
                    ("Rapport n°", ids.ref(rng, "RP-99999")),
                ]
            ),
            H("1. Étude historique et documentaire"),
            P(
                "La consultation des bases CASIAS (ex-BASIAS) et "
                "BASOL et des archives départementales "
                "montre une activité "
                "antérieure de "
                + rng.choice(
                    [
                        "garage automobile",
                        "blanchisserie",
                        "dépôt de carburant",
                        "menuiserie",
                        "entrepôt",
                    ]
                )
                + "."
            ),
            H("2. Investigations de terrain"),
            P(
                "Des sondages à la tarière mécanique ont été réalisés ; les échantillons "
                "ont été analysés par un laboratoire "
                "accrédité COFRAC (HCT C10-C40, HAP, BTEX, métaux lourds, PCB)."
            ),
            Table(
                ["Sondage", "Profondeur", "HCT (mg/kg)", "HAP (mg/kg)", "Plomb (mg/kg)", "Filière"],
                rows,
                fmt="ttnddt",
            ),
            H("3. Conclusions et recommandations"),
            P(
                "Les terres excavées présentent localement des teneurs supérieures aux seuils "
                "d'acceptation en ISDI ; un plan "
                "de gestion et une analyse des risques résiduels "
                "(ARR) sont recommandés avant travaux."
            ),
        ],
        head_left=letterhead(b, rng),
    )


@template("DIAGNOSTICS", "amiante_plomb", scan=0.1)
def amiante(w: World, rng: random.Random) -> Doc:
    op = fk.person(rng, w.today)
    rows: list[list[str | int | float]] = []
    for _ in range(rng.randint(3, 8)):
        rows.append(
            [
                rng.choice(
                    ["Toiture", "Conduit", "Dalle de sol", "Enduit", "Flocage", "Colle de faïence"]
                ),
                rng.choice(["Bâtiment A", "Hangar", "Maison existante", "Local technique"]),
                rng.choice(["Présence d'amiante", "Absence", "Absence", "Non prélevé"]),
                rng.choice(["Liste A", "Liste B", "Liste C"]),
            ]
        )
    kind = rng.choice(
        [
            "RAPPORT DE REPÉRAGE DES MATÉRIAUX ET PRODUITS CONTENANT DE L'AMIANTE AVANT DÉMOLITION",
            "REPÉRAGE AMIANTE AVANT TRAVAUX (NF X46-020)",
            "CONSTAT DE RISQUE D'EXPOSITION AU PLOMB ET REPÉRAGE AMIANTE",
        ]
    )
    return Doc(
        kind,
        [
            KV(
                [
                    ("Adresse", w.site.one_line()),
                    ("Propriétaire", w.sccv.name),
                    ("Opérateur", op.formal),
                    (
                        "Certification",
                        rng.choice(
                            ["Bureau Veritas Certification", "I.Cert", "Dekra Certification"]
                        )
                        + " "
                        f"n° {ids.ref(rng, 'CPDI9999')}",
                    ),
                    ("Date de visite", fk.fr_date(w.today)),
                ],
                boxed=True,
            ),
            P(
                "Repérage réalisé conformément aux articles R1334-19 à R1334-29 du Code de "
                "la santé publique et à l'arrêté du "
                "16 juillet 2019 relatif au repérage avant certaines opérations."
            ),
            Table(["Matériau", "Localisation", "Résultat", "Liste"], rows),
            P(
                "Conclusion : il a été repéré des matériaux contenant de l'amiante. Le retrait "
                "devra être effectué par une "
                "entreprise certifiée (sous-section 3) avant démolition."
                if rng.random() < 0.6
                else "Conclusion : dans le cadre de la mission, il n'a pas été repéré de matériaux "
                "contenant de l'amiante."
            ),
            Sign([["L'opérateur de repérage", op.name]]),
        ],
        head_left=[f"{rng.choice(fk.LAST)} Diagnostics Immobiliers", fk.address(rng).one_line()],
    )


@template("DIAGNOSTICS", "archeologie_dechets", scan=0.15)
def archeo(w: World, rng: random.Random) -> Doc:
    if rng.random() < 0.5:
        return Doc(
            "RAPPORT DE DIAGNOSTIC D'ARCHÉOLOGIE PRÉVENTIVE",
            [
                P(
                    f"Arrêté de prescription n° {ids.ref(rng, '99-9999')} du Préfet de région "
                    "(article L522-1 du Code du patrimoine)"
                ),
                KV(
                    [
                        ("Commune", w.site.town),
                        ("Emprise", f"{w.land_m2} m²"),
                        ("Aménageur", w.sccv.name),
                        (
                            "Opérateur",
                            "Inrap - Institut national de recherches archéologiques préventives",
                        ),
                    ]
                ),
                P(
                    f"{rng.randint(4, 15)} tranchées ont été ouvertes, "
                    f"représentant {rng.randint(7, 12)} "
                    "% de l'emprise. "
                    + rng.choice(
                        [
                            "Aucun vestige significatif n'a été mis au jour.",
                            "Des structures fossoyées d'époque antique ont été "
                            "identifiées au nord de "
                            "la parcelle.",
                        ]
                    )
                ),
                P(
                    "Le service régional de l'archéologie se prononcera sur la nécessité d'une "
                    "fouille dans un délai de trois mois."
                ),
            ],
            head_left=["Inrap", "Direction interrégionale", fk.address(rng).one_line()],
        )
    rows: list[list[str | int | float]] = [
        [
            m,
            float(rng.randint(5, 900)),
            rng.choice(["Réemploi", "Recyclage", "Valorisation", "ISDI"]),
        ]
        for m in ["Béton", "Briques", "Métaux", "Bois", "Plâtre", "Déchets dangereux"]
    ]
    return Doc(
        "DIAGNOSTIC PRODUITS - ÉQUIPEMENTS - MATÉRIAUX - DÉCHETS (PEMD)",
        [
            P(
                "Diagnostic réalisé en application des articles R126-8 "
                "à R126-14 du CCH avant démolition."
            ),
            KV(
                [
                    ("Bâtiment", f"Existants sur {w.site.one_line()}"),
                    ("Maître d'ouvrage", w.sccv.name),
                ]
            ),
            Table(["Matériau", "Quantité (t)", "Filière"], rows, fmt="tnt"),
        ],
    )
