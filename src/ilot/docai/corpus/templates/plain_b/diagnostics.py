"""Site diagnostics (DIAGNOSTICS).

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
from ..common import alt, letterhead, recipient
from ._shared import _case, _region, _sign_date

# ---------------------------------------------------------------------------------------------
# DIAGNOSTICS
_ISDI = [
    ("Hydrocarbures totaux C10-C40", "mg/kg MS", 500.0),
    ("HAP (somme des 16)", "mg/kg MS", 50.0),
    ("BTEX", "mg/kg MS", 6.0),
    ("PCB (somme des 7)", "mg/kg MS", 1.0),
    ("Carbone organique total", "mg/kg MS", 30000.0),
]


_METALS = [
    ("Arsenic", 25.0),
    ("Plomb", 60.0),
    ("Cuivre", 30.0),
    ("Zinc", 100.0),
    ("Mercure", 0.2),
    ("Chrome", 70.0),
    ("Nickel", 40.0),
]


@template("DIAGNOSTICS", "pb_diag_sols_analyses", formats=("pdf", "docx", "xlsx"), scan=0.05)
def pb_diag_sols_analyses(w: World, rng: random.Random) -> Doc:
    """Soil-quality diagnosis with the laboratory results table against ISDI limits."""
    firm = fk.company(
        rng,
        w.today,
        alt(
            rng,
            [
                f"{rng.choice(fk.LAST)} Environnement",
                "EnviroSites Conseil",
                f"Terra {rng.choice(fk.REGIONS)}",
            ],
        ),
        "SAS",
    )
    samples = [
        f"T{i}-{rng.choice(['0,5', '1,0', '1,5', '2,0'])}" for i in range(1, rng.randint(4, 7))
    ]
    hot = rng.random() < 0.5
    rows: list[list[Cell]] = []
    for param, unit, lim in _ISDI:
        vals: list[Cell] = []
        for _ in samples:
            v = lim * rng.uniform(0.01, 0.6)
            if hot and rng.random() < 0.2 and param != "Carbone organique total":
                v = lim * rng.uniform(1.1, 6)
            vals.append(round(v, 2) if lim < 100 else round(v))
        rows.append([param, unit, *vals, lim])
    for metal, bg in rng.sample(_METALS, k=rng.randint(3, 6)):
        vals = [round(bg * rng.uniform(0.3, 3.5 if hot else 1.4), 1) for _ in samples]
        rows.append([f"{metal} (contenu total)", "mg/kg MS", *vals, "-"])
    over = sum(
        1
        for r in rows
        for v in r[2:-1]
        if isinstance(v, float) and isinstance(r[-1], float) and v > r[-1]
    )
    blocks: list[Block] = [
        KV(
            [
                ("Maître d'ouvrage", w.sccv.name),
                ("Site", f"{w.site.one_line()} ({w.cadastre})"),
                (
                    "Prestations",
                    f"{rng.choice(['A200', 'A100 + A200', 'A110 + A200 + A230', 'DIAG'])} - norme "
                    "NF X31-620-2",
                ),
                ("Surface étudiée", f"{fk.num(w.land_m2)} m²"),
                (
                    "Version",
                    f"V{rng.randint(1, 3)} du "
                    f"{fk.fr_date(w.today - dt.timedelta(days=rng.randint(30, 500)))}",
                ),
            ]
        ),
        H("Résumé non technique"),
        P(
            "Dans le cadre du projet de construction de logements, le maître d'ouvrage a "
            "souhaité disposer d'un état de la qualité des sols au droit des futures zones "
            f"d'excavation. {len(samples)} sondages ont été réalisés à la pelle mécanique "
            "et les échantillons analysés par un laboratoire accrédité."
        ),
        P(
            (
                f"Les analyses montrent {over} dépassement(s) des seuils d'acceptation en "
                "installation de stockage de déchets inertes (ISDI). Les terres concernées "
                "devront être orientées vers une filière adaptée (ISDI+ ou ISDND), ce qui "
                "représente un surcoût à intégrer au bilan de l'opération."
            )
            if over
            else "Les résultats d'analyse sont inférieurs aux seuils d'acceptation en ISDI "
            "fixés par l'arrêté ministériel du 12 décembre 2014 ; les déblais pourront être "
            "évacués en filière inerte, sous réserve des analyses sur lixiviat."
        ),
        H("Résultats analytiques"),
        Table(
            ["Paramètre", "Unité", *samples, "Seuil ISDI"],
            rows,
            fmt="tt" + "d" * (len(samples) + 1),
            title=alt(
                rng,
                [
                    "Tableau 1 - Analyses sur sol brut",
                    "Résultats laboratoire",
                    "Synthèse des analyses",
                ],
            ),
        ),
        P(
            "Pour les métaux, les teneurs sont comparées aux gammes de valeurs couramment "
            "observées dans les sols ordinaires (référentiel ASPITET / INRAE).",
            style="small",
        ),
        H("Schéma conceptuel et recommandations"),
        Bullets(
            rng.sample(
                [
                    "Recouvrement des espaces verts par 30 cm de terre saine d'apport ;",
                    "Gestion des déblais selon leur qualité, avec traçabilité (bordereaux de "
                    "suivi) ;",
                    "Mise en place de canalisations d'eau potable adaptées en zone impactée ;",
                    "Réalisation d'un plan de gestion et d'une analyse des risques résiduels ;",
                    "Vérification de la qualité de l'air du sol sous les futurs bâtiments ;",
                    "Absence de restriction d'usage particulière pour un usage résidentiel.",
                ],
                k=rng.randint(2, 4),
            )
        ),
        P(
            "Les résultats ne valent que pour les points de prélèvement et à la date des "
            "investigations.",
            style="small",
        ),
        Sign([[fk.person(rng, w.today).name, "Chef de projet sites et sols pollués"]]),
    ]
    return Doc(
        _case(
            rng,
            alt(
                rng,
                [
                    "Diagnostic de la qualité des sols",
                    "Diagnostic environnemental du milieu souterrain",
                    "Rapport de diagnostic pollution",
                    "Investigations sur les sols - rapport",
                ],
            ),
        ),
        blocks,
        head_left=letterhead(firm, rng),
        landscape=len(samples) > 5,
    )


@template("DIAGNOSTICS", "pb_archeo_prescription_liberation", scan=0.3)
def pb_archeo_prescription_liberation(w: World, rng: random.Random) -> Doc:
    """Prefect's archaeology decision: either prescribing a diagnosis or releasing the land."""
    region, seat, _ = _region(w)
    head = [
        "PRÉFET DE LA RÉGION " + region.upper(),
        "Direction régionale des affaires culturelles",
        "Service régional de l'archéologie",
        f"{rng.randint(1, 60)} {rng.choice(fk.STREET_TYPES)} {rng.choice(fk.STREET_NAMES)}",
        seat.upper(),
    ]
    d = w.permit_date - dt.timedelta(days=rng.randint(20, 120))
    if rng.random() < 0.5:
        blocks: list[Block] = [
            P(
                f"Arrêté n° {ids.ref(rng, '9999-999')} portant prescription d'un diagnostic "
                "d'archéologie préventive",
                style="bold",
            ),
            P("Le préfet de région,", style="bold"),
            P("Vu le code du patrimoine, et notamment son livre V ;", style="small"),
            P(
                f"Vu le dossier de demande de permis de construire n° {w.permit_no}, reçu le "
                f"{fk.fr_date(d - dt.timedelta(days=rng.randint(10, 30)))}, déposé par la "
                f"{w.sccv.name} ;",
                style="small",
            ),
            P(
                "Considérant que le projet est situé dans un secteur où sont connus des "
                + alt(
                    rng,
                    [
                        "vestiges d'occupation gallo-romaine",
                        "indices de site protohistorique",
                        "éléments d'un parcellaire médiéval",
                        "vestiges néolithiques",
                    ],
                )
                + ", et que les travaux projetés, par leur emprise et leur profondeur, sont "
                "susceptibles d'affecter des éléments du patrimoine archéologique ;",
                style="small",
            ),
            P("ARRÊTE", align="center", style="bold"),
            P(
                f"Article 1er : Un diagnostic d'archéologie préventive sera réalisé sur le "
                f"terrain situé {w.site.one_line()}, parcelles {w.cadastre}, d'une superficie "
                f"de {fk.num(w.land_m2)} m²."
            ),
            P(
                "Article 2 : Le diagnostic a pour objet de mettre en évidence et de caractériser "
                "les éléments du patrimoine archéologique éventuellement présents. Il sera "
                "réalisé par l'Institut national de recherches archéologiques préventives ou par "
                "un service archéologique de collectivité territoriale agréé."
            ),
            P(
                "Article 3 : Le présent arrêté sera notifié à l'aménageur et à l'autorité "
                "compétente pour délivrer l'autorisation d'urbanisme."
            ),
            _sign_date(w, rng, d, seat),
            Sign(
                [
                    [
                        "Pour le préfet de région et par délégation,",
                        "Le conservateur régional de l'archéologie",
                    ]
                ]
            ),
        ]
        title = alt(rng, ["", "ARRÊTÉ", "Archéologie préventive"])
    else:
        end = d - dt.timedelta(days=rng.randint(20, 90))
        blocks = [
            P(
                f"Objet : {w.site.town} - {w.site.line} - libération du terrain",
                style="bold",
            ),
            P("Madame, Monsieur,"),
            P(
                f"Le diagnostic d'archéologie préventive prescrit sur le terrain d'assiette de "
                f"votre projet ({w.cadastre}) a été réalisé et son rapport a été remis au "
                f"service régional de l'archéologie le {fk.fr_date(end)}."
            ),
            P(
                alt(
                    rng,
                    [
                        "Au vu des résultats, négatifs ou de faible intérêt, aucune prescription "
                        "de fouille ne sera émise.",
                        "Les vestiges mis au jour, arasés et très lacunaires, ne justifient pas "
                        "la prescription d'une fouille préventive.",
                    ],
                )
                + " En conséquence, le terrain est libéré de toute contrainte au titre de "
                "l'archéologie préventive, pour le projet tel que présenté."
            ),
            P(
                "Je vous rappelle toutefois qu'en cas de découverte fortuite lors des "
                "travaux, celle-ci doit être immédiatement déclarée au maire de la commune, "
                "conformément à l'article L531-14 du code du patrimoine."
            ),
            P(
                "Je vous prie d'agréer, Madame, Monsieur, l'expression de mes salutations "
                "distinguées."
            ),
            Sign(
                [
                    [
                        "Pour le préfet de région et par délégation,",
                        "Le conservateur régional de l'archéologie, "
                        f"{fk.person(rng, w.today).name}",
                    ]
                ]
            ),
        ]
        title = ""
    return Doc(
        title,
        blocks,
        head_left=head,
        head_right=[*recipient(w.sccv), "", f"Affaire suivie par : {fk.person(rng, w.today).name}"]
        if not title
        else [],
    )
