"""Notices filed with the town hall: DROC (CERFA 13407) and DAACT (CERFA 13408)."""

from __future__ import annotations

import datetime as dt
import random

from .. import fakes as fk
from ..fakes import World
from ..model import KV, Block, Box, Doc, H, P, Sign
from ..registry import template
from .common import place_date
from .urbanisme import _mairie


def _cerfa_head(num: str, title: str, w: World) -> list[Block]:
    return [
        P(f"cerfa N° {num}", align="right", style="bold"),
        Box(
            [
                title,
                "Le déclarant indique la date d'ouverture de son chantier"
                if "13407" in num
                else "Le déclarant atteste l'achèvement et la conformité des travaux",
            ],
            "Ministère chargé de l'urbanisme",
        ),
        Box(
            [f"Permis de construire n° {w.permit_no}", f"Délivré le {fk.fr_date(w.permit_date)}"],
            "1 - Désignation du permis",
        ),
    ]


@template("DROC", "cerfa_13407", scan=0.3)
def droc_cerfa(w: World, rng: random.Random) -> Doc:
    tranche = rng.random() < 0.2
    return Doc(
        "DÉCLARATION D'OUVERTURE DE CHANTIER",
        [
            *_cerfa_head(
                rng.choice(["13407*03", "13407*02"]), "Déclaration d'ouverture de chantier", w
            ),
            H("2 - Identité du déclarant"),
            KV(
                [
                    ("Dénomination", w.sccv.name),
                    ("SIRET", w.sccv.siret),
                    ("Représentant", w.sccv.manager.formal),
                    ("Adresse", w.sccv.address.one_line()),
                ]
            ),
            H("3 - Ouverture de chantier"),
            P(f"J'ai commencé les travaux le : {fk.fr_date(w.start_date)}"),
            P(
                "[ ] pour la totalité des travaux   [X] pour une tranche des travaux"
                if tranche
                else "[X] pour la totalité des travaux   [ ] pour une tranche des travaux"
            ),
            P(
                f"Nombre de logements commencés : {w.lots}   dont "
                f"individuels : 0   collectifs : {w.lots}"
            ),
            P("Surface de plancher des logements commencés : " + f"{w.sdp_m2} m²"),
            H("4 - Engagement"),
            P(place_date(w, rng, w.start_date)),
            Sign([["Signature du déclarant", ""]]),
            P(
                "Vous devez déposer cette déclaration en trois exemplaires à la mairie dès "
                "l'ouverture du chantier "
                "(article R424-16 du code de l'urbanisme).",
                style="small",
            ),
        ],
        footer="Les informations recueillies font l'objet d'un traitement par la mairie "
        "et les services de l'État.",
    )


@template("DROC", "droc_recepisse", scan=0.3)
def droc_recepisse(w: World, rng: random.Random) -> Doc:
    return Doc(
        "Déclaration d'Ouverture de Chantier (DOC)",
        [
            KV(
                [
                    ("Numéro du dossier", w.permit_no),
                    ("Titulaire", w.sccv.name),
                    ("Terrain", w.site.one_line()),
                    ("Date d'ouverture déclarée", fk.fr_date(w.start_date)),
                    (
                        "Reçu en mairie le",
                        fk.fr_date(w.start_date + dt.timedelta(days=rng.randint(0, 6))),
                    ),
                ],
                boxed=True,
            ),
            P(
                "Accusé de réception délivré par le service urbanisme. Une copie de la déclaration "
                "est transmise à la "
                "Direction départementale des territoires pour les besoins statistiques (Sitadel)."
            ),
            Box(["Cachet de la mairie"]),
        ],
        head_left=_mairie(w),
        header="cerfa 13407 - exemplaire mairie",
    )


@template("DROC", "courrier_droc", scan=0.2)
def droc_courrier(w: World, rng: random.Random) -> Doc:
    return Doc(
        "",
        [
            P("Lettre recommandée avec accusé de réception", style="italic"),
            P(f"Objet : Déclaration d'ouverture de chantier - PC n° {w.permit_no}", style="bold"),
            P(
                "Monsieur le Maire, nous vous prions de trouver ci-joint "
                "la déclaration d'ouverture "
                "de chantier (cerfa n° "
                "13407*03) relative au permis de construire cité "
                f"en objet, accordé le {fk.fr_date(w.permit_date)} pour la "
                f"construction de {w.lots} logements {w.site.one_line()}. Les travaux ont "
                f"débuté le {fk.fr_date(w.start_date)}."
            ),
            P(
                "Nous vous prions d'agréer, Monsieur le Maire, l'expression de notre haute "
                "considération."
            ),
            Sign([[w.sccv.manager.name, "Gérant"]]),
        ],
        head_left=[w.sccv.name, *w.sccv.address.lines()],
        head_right=[
            f"Monsieur le Maire de {w.site.town}",
            "Service urbanisme",
            f"{w.site.postcode} {w.site.town}",
        ],
    )


@template("DAACT", "cerfa_13408", scan=0.3)
def daact_cerfa(w: World, rng: random.Random) -> Doc:
    return Doc(
        "DÉCLARATION ATTESTANT L'ACHÈVEMENT ET LA CONFORMITÉ DES TRAVAUX",
        [
            *_cerfa_head(
                rng.choice(["13408*06", "13408*07", "13408*05"]),
                "Déclaration attestant l'achèvement et la conformité des travaux (DAACT)",
                w,
            ),
            H("2 - Identité du déclarant"),
            KV([("Dénomination", w.sccv.name), ("Représentant", w.sccv.manager.formal)]),
            H("3 - Achèvement des travaux"),
            P(f"Les travaux sont achevés depuis le : {fk.fr_date(w.delivery_date)}"),
            P("[X] pour la totalité des travaux   [ ] pour une tranche des travaux"),
            H("4 - Attestations jointes"),
            P(
                "[X] Attestation de prise en compte de la réglementation environnementale "
                "(RE2020) - article R462-4-1"
            ),
            P("[X] Attestation de respect des règles d'accessibilité (article R462-3)"),
            P(
                "[X] Attestation de prise en compte de la réglementation "
                "acoustique (article R462-4-3)"
            ),
            P("J'atteste que les travaux sont achevés et qu'ils sont conformes au permis délivré."),
            P(place_date(w, rng, w.delivery_date)),
            Sign(
                [["Signature du déclarant", ""], ["Architecte (le cas échéant)", w.architect.name]]
            ),
            P(
                "La mairie dispose d'un délai de 3 mois (5 mois en secteur protégé) pour "
                "contester la conformité (R462-6).",
                style="small",
            ),
        ],
    )


@template("DAACT", "non_contestation_conformite", scan=0.25)
def daact_nc(w: World, rng: random.Random) -> Doc:
    return Doc(
        "ATTESTATION DE NON-CONTESTATION DE LA CONFORMITÉ",
        [
            P(
                f"Le Maire de {w.site.town} atteste que la déclaration attestant l'achèvement "
                "et la conformité des travaux "
                f"(DAACT) déposée le {fk.fr_date(w.delivery_date)} par la {w.sccv.name} pour "
                "les travaux autorisés par le permis "
                f"n° {w.permit_no} n'a pas fait l'objet de contestation dans le délai prévu "
                "à l'article R462-6 du code de "
                "l'urbanisme."
            ),
            P(
                "Conformément à l'article R462-10, la présente attestation est délivrée sur "
                "demande du bénéficiaire."
            ),
            P(place_date(w, rng, w.delivery_date + dt.timedelta(days=100), w.site.town)),
            Sign([["Le Maire", ""]]),
        ],
        head_left=_mairie(w),
    )


@template("DAACT", "daact_depot_lettre", scan=0.2)
def daact_lettre(w: World, rng: random.Random) -> Doc:
    return Doc(
        "DAACT - Dépôt en mairie",
        [
            KV(
                [
                    ("Dossier", w.permit_no),
                    ("Déclarant", w.sccv.name),
                    ("Adresse des travaux", w.site.one_line()),
                    ("Date d'achèvement", fk.fr_date(w.delivery_date)),
                    ("Date de dépôt", fk.fr_date(w.delivery_date + dt.timedelta(days=7))),
                ]
            ),
            P(
                "Récépissé de dépôt d'une déclaration attestant l'achèvement et la conformité "
                "des travaux (cerfa 13408). "
                "À défaut de contestation dans un délai de trois mois, la conformité ne pourra "
                "plus être contestée."
            ),
            P(
                "Pièces jointes : attestation RE2020 établie par "
                f"{rng.choice(fk.LAST)} Ingénierie, "
                "attestation d'accessibilité "
                "du contrôleur technique."
            ),
        ],
        head_left=_mairie(w),
    )
