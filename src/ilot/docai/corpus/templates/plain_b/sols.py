"""Soil studies (ETUDE_SOL).

Part of `plain_b`, the templates of another writer (see its package docstring).
"""

from __future__ import annotations

import datetime as dt
import random

from ... import fakes as fk
from ... import identifiers as ids
from ...fakes import Company, World
from ...model import KV, Block, Cell, Doc, H, P, Sign, Table
from ...registry import template
from ..common import alt, legal_footer, letterhead, recipient
from ._shared import _case


# ---------------------------------------------------------------------------------------------
# ETUDE_SOL
def _geo_firm(w: World, rng: random.Random) -> Company:
    name = alt(
        rng,
        [
            f"{rng.choice(fk.LAST)} Géotechnique",
            f"GéoSol {rng.choice(fk.REGIONS)}",
            f"Fondations Conseil {rng.choice(['Agence', 'Direction régionale'])} {w.site.town}",
            rng.choice(["Hydrosol Ingénierie", "Géo-Expertise", "Sols et Structures"]),
            f"Cabinet {rng.choice(fk.LAST)} Ingénierie des sols",
        ],
    )
    return fk.company(rng, w.today, name, rng.choice(["SAS", "SARL", "SA"]))


_LAYERS = [
    ("Terre végétale / remblais", "Remblais limoneux à débris divers"),
    ("Limons", "Limons argileux brun beige"),
    ("Argiles", "Argiles plastiques grises à passées sableuses"),
    ("Sables", "Sables fins à moyens ocre, légèrement argileux"),
    ("Graves", "Graves sablo-limoneuses compactes"),
    ("Marnes", "Marnes beige altérées puis compactes"),
    ("Calcaire", "Calcaire fracturé à bancs durs"),
]


def _soil_model(rng: random.Random) -> list[tuple[str, str, float, float, float, float]]:
    """(layer, description, top, bottom, EM MPa, pl* MPa) of a plausible ground model."""
    k = rng.randint(3, 5)
    start = rng.randint(0, 1)
    layers = _LAYERS[start : start + k]
    out = []
    top = 0.0
    em, pl = rng.uniform(2, 5), rng.uniform(0.2, 0.5)
    for name, desc in layers:
        bottom = round(top + rng.uniform(0.6, 4.5), 1)
        out.append((name, desc, top, bottom, round(em, 1), round(pl, 2)))
        top = bottom
        em *= rng.uniform(1.3, 2.6)
        pl *= rng.uniform(1.3, 2.2)
    return out


@template("ETUDE_SOL", "pb_rapport_g2_pro", formats=("pdf", "docx"), scan=0.05)
def pb_rapport_g2_pro(w: World, rng: random.Random) -> Doc:
    """Full G2 report with pressuremeter results, ground model and foundation design."""
    firm = _geo_firm(w, rng)
    phase = rng.choice(["AVP", "PRO", "AVP/PRO"])
    model = _soil_model(rng)
    report = ids.ref(rng, rng.choice(["AA99.9999", "99-AA-9999", "G2-9999-99"]))
    visit = w.permit_date - dt.timedelta(days=rng.randint(20, 200))
    n_sp = rng.randint(2, 6)
    n_pm = rng.randint(1, 4)
    n_pz = rng.randint(0, 2)
    water = round(rng.uniform(1.5, 9.0), 1) if rng.random() < 0.6 else None
    investig: list[list[Cell]] = []
    for i in range(1, n_sp + 1):
        investig.append(
            [
                f"SP{i}",
                "Sondage pressiométrique",
                f"{rng.randint(8, 25)},0",
                "Forage destructif + essais Ménard tous les 1,5 m",
            ]
        )
    for i in range(1, n_pm + 1):
        investig.append(
            [
                f"PM{i}",
                "Sondage à la pelle mécanique",
                f"{rng.choice(['2,5', '3,0', '3,5', '4,0'])}",
                "Lever de coupe, prélèvements",
            ]
        )
    for i in range(1, n_pz + 1):
        investig.append(
            [f"Pz{i}", "Piézomètre", f"{rng.randint(6, 15)},0", "Relevés du niveau d'eau"]
        )
    model_rows: list[list[Cell]] = [
        [name, f"{top:.1f} - {bottom:.1f}".replace(".", ","), em, pl]
        for name, _d, top, bottom, em, pl in model
    ]
    bearing = next((m for m in model if m[5] >= 0.8), model[-1])
    deep = bearing[2] > 2.5
    found = (
        f"fondations profondes de type pieux forés tarière creuse ancrés d'au moins "
        f"{rng.choice([3, 4, 5])} m dans les {bearing[0].lower()} rencontrés à partir de "
        f"{bearing[2]:.1f} m".replace(".", ",")
        if deep
        else f"fondations superficielles de type semelles filantes et isolées, ancrées dans les "
        f"{bearing[0].lower()} à partir de {max(bearing[2], 0.8):.1f} m de profondeur".replace(
            ".", ","
        )
    )
    qels = round(bearing[5] * rng.uniform(0.25, 0.4), 2)
    blocks: list[Block] = [
        KV(
            [
                ("Client", w.developer.full if rng.random() < 0.5 else w.sccv.name),
                (
                    "Projet",
                    f"{w.programme} - {w.lots} logements - R+{rng.randint(2, 7)}"
                    + alt(rng, [" sur un niveau de sous-sol", "", " sur deux niveaux de sous-sol"]),
                ),
                ("Site", w.site.one_line()),
                ("Mission", f"G2 {phase} selon la norme NF P 94-500 (novembre 2013)"),
                ("Rapport n°", f"{report} - indice {rng.choice('ABC')}"),
                ("Date", fk.fr_date(visit + dt.timedelta(days=rng.randint(15, 40)))),
            ],
            boxed=True,
        ),
        H("1. Cadre de l'intervention"),
        P(
            f"À la demande de {w.developer.name}, nous avons réalisé une étude géotechnique de "
            f"conception, phase {phase}, pour la construction d'un ensemble de {w.lots} "
            f"logements représentant environ {fk.num(w.sdp_m2)} m² de surface de plancher. "
            "Le présent rapport a pour objet de définir le modèle géologique du site et les "
            "principes de fondation, de dallage et de terrassement. Il est établi sur la base "
            f"des plans transmis par l'architecte ({w.architect_firm.name})."
        ),
        H("2. Investigations réalisées"),
        P(
            f"Les travaux de reconnaissance ont été réalisés du {fk.fr_date(visit)} au "
            f"{fk.fr_date(visit + dt.timedelta(days=rng.randint(1, 6)))} ; leur implantation "
            "figure sur le plan en annexe 1. Les cotes sont données par rapport au terrain "
            "naturel au droit de chaque sondage."
        ),
        Table(
            ["Réf.", "Nature", "Prof. (m)", "Observations"], investig, widths=[0.7, 2.2, 0.8, 3.2]
        ),
        H("3. Modèle géotechnique"),
        P("La synthèse des sondages permet de retenir la succession suivante :"),
        Table(
            ["Formation", "Profondeur (m/TN)", "EM moyen (MPa)", "pl* moyen (MPa)"],
            model_rows,
            fmt="ttdd",
            widths=[2.5, 1.5, 1.2, 1.2],
        ),
        P(
            f"Des venues d'eau ont été observées à {fk.num(water, dec=1)} m de profondeur en "
            "fin de forage ; ce niveau est susceptible de remonter en période de hautes eaux."
            if water
            else "Aucune venue d'eau n'a été observée lors de nos investigations, qui ont "
            "été réalisées en période de basses eaux."
        ),
        H("4. Principes de fondation"),
        P(
            f"Compte tenu des descentes de charges transmises (de l'ordre de "
            f"{rng.randint(250, 900)} kN/ml sous voiles) et de la nature des sols, nous "
            f"préconisons des {found}."
        ),
        P(
            f"Contrainte de calcul à l'ELS : q = {qels:.2f} MPa ; tassements estimés inférieurs "
            f"à {rng.randint(1, 3)} cm, compatibles avec l'ouvrage projeté.".replace(".", ",", 1)
        ),
    ]
    extra = [
        (
            "5. Dallage et niveau bas",
            "Le niveau bas pourra être réalisé en dallage sur terre-plein après purge des "
            "remblais et mise en œuvre d'une couche de forme compactée, sous réserve d'un "
            "essai de plaque donnant EV2 supérieur ou égal à 50 MPa."
            if rng.random() < 0.6
            else "Compte tenu de la compressibilité des sols de surface, le plancher bas sera "
            "porté (vide sanitaire ou dalle portée sur les fondations).",
        ),
        (
            "6. Terrassements et soutènements",
            "Les terrassements pourront être réalisés avec des engins classiques. Les talus "
            "provisoires seront dressés à 3H/2V au maximum ; en limite de propriété, un "
            "soutènement de type paroi berlinoise ou parois clouées sera nécessaire.",
        ),
        (
            "7. Sismicité",
            f"Le site est classé en zone de sismicité {rng.randint(1, 3)} ; la classe de sol "
            f"retenue au sens de l'Eurocode 8 est {rng.choice(['B', 'C', 'D'])}.",
        ),
        (
            "8. Retrait-gonflement des argiles",
            f"Le site est situé en zone d'exposition {rng.choice(['faible', 'moyenne', 'forte'])} "
            "au phénomène de retrait-gonflement des argiles. Les fondations seront ancrées sous "
            "la zone d'influence des variations hydriques saisonnières.",
        ),
    ]
    for i, (t, body) in enumerate(rng.sample(extra, k=rng.randint(2, 4)), 5):
        blocks += [H(f"{i}. {t.split('. ', 1)[1]}"), P(body)]
    blocks += [
        H("Réserves"),
        P(
            "Le présent rapport et ses annexes forment un tout indissociable. Les conclusions "
            "sont établies à partir de sondages ponctuels : des hétérogénéités non détectées "
            "peuvent exister entre les points de reconnaissance. Conformément à la norme NF "
            "P 94-500, une mission G3 (à la charge de l'entreprise) et une mission G4 de "
            "supervision (à la charge du maître d'ouvrage) devront être réalisées en phase "
            "travaux.",
            style="small",
        ),
        Sign(
            [
                ["Rédacteur", fk.person(rng, w.today).name, "Ingénieur géotechnicien"],
                ["Vérificateur", fk.person(rng, w.today).name, "Chef de projet"],
            ]
        ),
    ]
    return Doc(
        _case(
            rng,
            alt(
                rng,
                [
                    f"Étude géotechnique de conception G2 {phase}",
                    "Rapport d'étude géotechnique",
                    f"Mission G2 {phase} - rapport",
                    "Étude de sol",
                ],
            ),
        ),
        blocks,
        head_left=letterhead(firm, rng),
        header=alt(rng, [f"{report} - {w.programme}", f"{firm.name} - Rapport {report}", ""]),
        footer=alt(rng, [f"{firm.name} - G2 {phase}", legal_footer(firm, rng), ""]),
        title_sub=alt(rng, [w.programme, f"{w.site.town} - {w.site.line}", ""]),
    )


@template("ETUDE_SOL", "pb_note_sondages_complementaires", scan=0.15)
def pb_note_sondages_complementaires(w: World, rng: random.Random) -> Doc:
    """Short technical note after a few extra boreholes, written as a letter."""
    firm = _geo_firm(w, rng)
    eng = fk.person(rng, w.today)
    d = w.permit_date + dt.timedelta(days=rng.randint(-60, 120))
    n = rng.randint(2, 4)
    model = _soil_model(rng)
    rows: list[list[Cell]] = []
    for i in range(1, n + 1):
        rows.append(
            [
                f"{rng.choice(['SC', 'PM', 'SP', 'ST'])}{i}",
                f"{rng.uniform(2, 12):.1f}".replace(".", ","),
                model[rng.randint(1, len(model) - 1)][0],
                alt(
                    rng,
                    [
                        "sec",
                        "eau à " + f"{rng.uniform(1, 6):.1f}".replace(".", ",") + " m",
                        "sec",
                        "suintements",
                    ],
                ),
            ]
        )
    blocks: list[Block] = [
        P(
            alt(
                rng,
                [
                    f"Objet : {w.programme} - sondages complémentaires - note technique",
                    f"Objet : compte rendu de reconnaissance complémentaire - {w.site.town}",
                    "Objet : étude de sol - résultats des sondages de reconnaissance",
                ],
            ),
            style="bold",
        ),
        P(alt(rng, ["Madame, Monsieur,", "Bonjour,", "Monsieur,"])),
        P(
            f"Suite à votre commande, nous sommes intervenus le {fk.fr_date(d)} sur le terrain "
            f"situé {w.site.one_line()} pour réaliser {n} sondages complémentaires au droit "
            + alt(
                rng,
                [
                    "du futur bâtiment B, non accessible lors de la première campagne.",
                    "de la rampe d'accès au sous-sol.",
                    "de l'ancienne construction démolie.",
                    "des zones où des remblais épais avaient été suspectés.",
                ],
            )
        ),
        Table(
            ["Sondage", "Profondeur atteinte (m)", "Horizon porteur", "Eau"],
            rows,
            widths=[1, 1.5, 2.5, 1.5],
        ),
        P(
            "Ces résultats "
            + alt(
                rng,
                [
                    "confirment le modèle géotechnique de notre rapport G2 initial ; les "
                    "recommandations de fondation restent inchangées.",
                    "mettent en évidence un approfondissement local du toit de la couche "
                    "porteuse ; les semelles de la zone concernée devront être descendues "
                    "d'environ "
                    f"{rng.choice(['0,50', '0,80', '1,00'])} m ou remplacées par des puits.",
                    "montrent la présence de remblais compressibles plus épais que prévu ; "
                    "nous recommandons la purge et la substitution de ces matériaux sous les "
                    "dallages.",
                ],
            )
        ),
        P(
            "La présente note complète notre rapport d'étude géotechnique "
            f"n° {ids.ref(rng, 'AA99.9999')} dont elle est indissociable (mission "
            f"{rng.choice(['G2 AVP', 'G2 PRO', 'G5'])} au sens de la norme NF P 94-500)."
        ),
        P(alt(rng, ["Cordialement,", "Nous restons à votre disposition.", "Bien à vous,"])),
        Sign(
            [
                [
                    eng.name,
                    alt(
                        rng,
                        ["Ingénieur géotechnicien", "Chargé d'affaires", "Responsable d'agence"],
                    ),
                ]
            ]
        ),
    ]
    return Doc(
        alt(rng, ["", "NOTE TECHNIQUE", "Compte rendu de sondages"]),
        blocks,
        head_left=letterhead(firm, rng),
        head_right=[
            *recipient(w.developer, w.developer.manager.formal),
            "",
            f"Le {fk.fr_date(d + dt.timedelta(days=rng.randint(3, 15)))}",
        ],
    )
