"""Planning permission: permits and their CERFA forms, posting reports, no-appeal certificates."""

from __future__ import annotations

import datetime as dt
import random

from .. import fakes as fk
from .. import identifiers as ids
from ..fakes import World
from ..model import KV, Box, Doc, H, P, Sign, Table
from ..registry import template
from .common import alt, place_date


def _mairie(w: World) -> list[str]:
    return [
        "RÉPUBLIQUE FRANÇAISE",
        f"Commune de {w.site.town}",
        f"Département : {w.site.dept}",
        f"Hôtel de Ville - {w.site.postcode} {w.site.town}",
    ]


def _demandeur(w: World) -> str:
    return f"{w.sccv.name}, représentée par {w.sccv.manager.formal}, {w.sccv.address.one_line()}"


@template("AUTORISATION_URBANISME", "arrete_pc", scan=0.2)
def arrete_pc(w: World, rng: random.Random) -> Doc:
    dep = w.permit_date - dt.timedelta(days=rng.randint(60, 150))
    kind = rng.choice(
        [
            "PERMIS DE CONSTRUIRE",
            "PERMIS DE CONSTRUIRE MODIFICATIF",
            "TRANSFERT DE PERMIS DE CONSTRUIRE",
            "PERMIS D'AMÉNAGER",
        ]
    )
    vus = [
        f"Vu la demande de {kind.lower()} n° {w.permit_no} déposée le {fk.fr_date(dep)} "
        f"par {_demandeur(w)} ;",
        "Vu le Code de l'urbanisme, notamment ses articles L421-1 et suivants et "
        "R421-1 et suivants ;",
        f"Vu le plan local d'urbanisme {rng.choice(['intercommunal', ''])} approuvé "
        f"le {fk.fr_date(dep - dt.timedelta(days=900))} ;",
        f"Vu l'avis {rng.choice(['favorable', 'favorable avec prescriptions'])} de "
        "l'Architecte des Bâtiments de France ;",
        "Vu l'avis du gestionnaire des réseaux d'eau et d'assainissement ;",
        "Vu l'avis du service départemental d'incendie et de secours ;",
    ]
    return Doc(
        f"ARRÊTÉ ACCORDANT UN {kind}" if "TRANSFERT" not in kind else f"ARRÊTÉ PORTANT {kind}",
        [
            P(f"Dossier n° {w.permit_no}", style="bold"),
            KV(
                [
                    ("Demandeur", w.sccv.name),
                    ("Adresse du terrain", f"{w.site.one_line()} - parcelles {w.cadastre}"),
                    (
                        "Nature des travaux",
                        f"Construction d'un ensemble immobilier de {w.lots} "
                        "logements collectifs et "
                        f"{rng.randint(w.lots // 2, w.lots)} places de stationnement",
                    ),
                    ("Surface de plancher créée", f"{w.sdp_m2} m²"),
                    ("Destination", "Habitation"),
                ],
                boxed=True,
            ),
            P(f"Le Maire de {w.site.town},"),
            *[P(v, style="small") for v in rng.sample(vus, k=rng.randint(3, len(vus)))],
            P("ARRÊTE", align="center", style="big"),
            H("Article 1", 2),
            P(f"Le {kind.lower()} est ACCORDÉ pour le projet décrit dans la demande susvisée."),
            H("Article 2", 2),
            P(
                "Le projet respectera les prescriptions suivantes : les eaux pluviales seront "
                "gérées à la "
                "parcelle ; les plantations existantes seront conservées ou remplacées."
            ),
            H("Article 3", 2),
            P(
                "Le bénéficiaire est redevable de la taxe d'aménagement et de la redevance "
                "d'archéologie "
                f"préventive, d'un montant estimé à {fk.money(w.sdp_m2 * rng.uniform(50, 120))}."
            ),
            P(place_date(w, rng, w.permit_date, w.site.town)),
            Sign([["Le Maire", "(ou l'adjoint délégué)"]]),
            H("INFORMATIONS - À LIRE ATTENTIVEMENT"),
            P(
                "Durée de validité : le permis est périmé si les travaux ne sont pas entrepris "
                "dans le délai de trois ans "
                "(article R424-17). Affichage : mention du permis doit être affichée sur "
                "le terrain dès la notification et "
                "pendant toute la durée du chantier (articles A424-15 à A424-19). Recours "
                ": le délai de recours contentieux "
                "des tiers est de deux mois à compter du premier jour d'une période continue "
                "de deux mois d'affichage sur le "
                "terrain (article R600-2). L'autorité peut retirer le permis s'il est illégal "
                "dans les trois mois (L424-5).",
                style="small",
            ),
        ],
        head_left=_mairie(w),
        head_right=[f"Arrêté n° {ids.ref(rng, 'AR-9999-999')}"],
    )


@template("AUTORISATION_URBANISME", "cerfa_demande_pc", scan=0.15)
def cerfa_pc(w: World, rng: random.Random) -> Doc:
    cerfa = rng.choice(
        [
            (
                "13409*10",
                "Demande de permis de construire pour une maison individuelle et/ou ses annexes ou "
                "comprenant ou non des démolitions",
            ),
            ("13409*11", "Demande de permis de construire comprenant ou non des démolitions"),
            ("13406*09", "Demande de permis de construire pour une maison individuelle"),
            ("13703*09", "Déclaration préalable - constructions et travaux non soumis à permis"),
        ]
    )
    surf = Table(
        ["Destination", "Surface existante", "Surface créée", "Surface totale"],
        [
            ["Habitation", "0", str(w.sdp_m2), str(w.sdp_m2)],
            ["Commerce et activités de service", "0", "0", "0"],
        ],
    )
    return Doc(
        cerfa[1],
        [
            P(f"N° {cerfa[0]}", align="right", style="bold"),
            Box(
                [
                    f"PC {w.site.insee[:2]:0>3} "
                    f"{w.site.insee[2:]} "
                    f"{w.permit_date.year % 100:02d} ______",
                    "Cadre réservé à la mairie du lieu du projet",
                    f"Dossier déposé le ____ / ____ / {w.permit_date.year}",
                ],
                "Cadre 0",
            ),
            H("1 - Identité du demandeur"),
            KV(
                [
                    ("Dénomination", w.sccv.name),
                    ("Raison sociale", "SCCV"),
                    ("N° SIRET", w.sccv.siret),
                    ("Représentant", w.sccv.manager.formal),
                ]
            ),
            H("2 - Coordonnées du demandeur"),
            KV(
                [
                    ("Adresse", w.sccv.address.one_line()),
                    ("Téléphone", w.sccv.phone),
                    ("Courriel", w.sccv.email),
                ]
            ),
            H("3 - Le terrain"),
            KV(
                [
                    ("Localisation", w.site.one_line()),
                    ("Références cadastrales", w.cadastre),
                    ("Superficie du terrain", f"{w.land_m2} m²"),
                ]
            ),
            H("4 - Le projet"),
            P(
                "[X] Nouvelle construction   [ ] Travaux sur construction existante. Courte "
                "description : "
                f"construction de {w.lots} logements collectifs en R+{rng.randint(2, 7)}."
            ),
            H("5 - Tableau des surfaces de plancher (m²)"),
            surf,
            H("8 - Engagement du demandeur"),
            P(
                "J'atteste avoir qualité pour demander la présente autorisation. Je certifie "
                "exacts les renseignements fournis."
            ),
            P(place_date(w, rng, w.permit_date - dt.timedelta(days=120))),
            Sign([["Signature du demandeur", ""]]),
        ],
        header=f"cerfa n°{cerfa[0]}",
        footer="Ministère chargé de l'urbanisme - www.service-public.fr",
    )


@template("AUTORISATION_URBANISME", "decision_tacite_dp", scan=0.15)
def certificat_tacite(w: World, rng: random.Random) -> Doc:
    return Doc(
        alt(
            rng, ["CERTIFICAT DE PERMIS TACITE", "Arrêté de non-opposition à déclaration préalable"]
        ),
        [
            P(
                f"Le Maire de {w.site.town} certifie que la demande n° {w.permit_no} déposée "
                f"par {_demandeur(w)}, portant sur "
                f"{w.site.one_line()}, a fait l'objet d'une décision tacite d'acceptation "
                "en application de l'article R424-1 du "
                "Code de l'urbanisme, aucune décision expresse n'ayant été notifiée dans "
                "le délai d'instruction."
            ),
            KV(
                [
                    ("Date de dépôt", fk.fr_date(w.permit_date - dt.timedelta(days=90))),
                    ("Date de la décision tacite", fk.fr_date(w.permit_date)),
                    ("Surface de plancher", f"{w.sdp_m2} m²"),
                ]
            ),
            P(
                "Le présent certificat est délivré en application de l'article R424-13 du "
                "Code de l'urbanisme."
            ),
            P(place_date(w, rng, w.permit_date + dt.timedelta(days=10), w.site.town)),
            Sign([["Le Maire", ""]]),
        ],
        head_left=_mairie(w),
    )


def _cj(w: World, rng: random.Random) -> tuple[fk.Person, list[str]]:
    p = fk.person(rng, w.today)
    word = rng.choice(
        ["Commissaire de justice", "Huissier de justice", "Commissaires de justice associés"]
    )
    return p, [f"SCP {p.last} - {rng.choice(fk.LAST)}", word, *p.address.lines()]


def _panel(w: World) -> list[str]:
    return [
        f"Bénéficiaire : {w.sccv.name}",
        f"Permis de construire n° {w.permit_no} délivré le {fk.fr_date(w.permit_date)}",
        f"Nature du projet : construction de {w.lots} logements - surface de plancher "
        f"{w.sdp_m2} m²",
        f"Superficie du terrain : {w.land_m2} m² - hauteur : {12 + w.lots // 8} m",
        f"Le dossier peut être consulté à la mairie de {w.site.town}",
        "Droit de recours : le délai de recours contentieux est de deux mois à compter "
        "du premier jour d'une période "
        "continue de deux mois d'affichage (article R600-2 du code de l'urbanisme).",
    ]


@template("CONSTAT_AFFICHAGE", "constat_premier_passage", scan=0.25)
def constat1(w: World, rng: random.Random) -> Doc:
    p, head = _cj(w, rng)
    d = w.permit_date + dt.timedelta(days=rng.randint(2, 15))
    return Doc(
        alt(
            rng,
            [
                "PROCÈS-VERBAL DE CONSTAT D'AFFICHAGE",
                "CONSTAT D'AFFICHAGE DE PERMIS DE CONSTRUIRE",
                "PROCÈS-VERBAL DE CONSTAT",
            ],
        ),
        [
            P(f"L'AN {fk.words_fr(d.year).upper()} ET LE {fk.fr_date_long(d).upper()}"),
            P(f"À LA REQUÊTE DE : {_demandeur(w)}."),
            P(
                f"Laquelle m'a exposé être bénéficiaire du permis de construire n° {w.permit_no} "
                "et souhaiter faire constater "
                "l'affichage régulier de ce permis sur le terrain, afin de faire courir le "
                "délai de recours des tiers."
            ),
            P(
                f"DÉFÉRANT À CETTE RÉQUISITION, je, {p.formal}, me suis transporté(e) ce jour "
                f"à {rng.randint(8, 16)}h"
                f"{rng.randint(0, 59):02d} {w.site.one_line()}, où "
                "étant, j'ai constaté ce qui suit :"
            ),
            P(
                "Sur la clôture du terrain, en bordure de la voie publique, est apposé un "
                "panneau rectangulaire de "
                f"{rng.choice([80, 100, 120])} cm sur {rng.choice([100, 120, 150])} "
                "cm, parfaitement "
                "visible et lisible depuis la voie "
                "publique, comportant les mentions suivantes :"
            ),
            Box(_panel(w), "Mentions du panneau"),
            P("Photographies annexées au présent procès-verbal (clichés n° 1 à 4)."),
            P(
                "Mes constatations terminées, je me suis retiré(e) et de tout ce que dessus "
                "j'ai dressé le présent "
                "procès-verbal de constat pour servir et valoir ce que de droit."
            ),
            KV(
                [
                    ("Coût de l'acte", fk.money(rng.choice([250.0, 320.0, 390.0]))),
                    ("Dont TVA", "20 %"),
                ]
            ),
            Sign([[f"Maître {p.name}", ""]]),
        ],
        head_left=head,
    )


@template("CONSTAT_AFFICHAGE", "constat_trois_passages", formats=("pdf", "docx"), scan=0.2)
def constat3(w: World, rng: random.Random) -> Doc:
    p, head = _cj(w, rng)
    d0 = w.permit_date + dt.timedelta(days=rng.randint(2, 15))
    rows: list[list[str | int | float]] = [
        [
            f"Passage n° {i + 1}",
            fk.fr_date(d0 + dt.timedelta(days=30 * i)),
            f"{rng.randint(8, 17)}h{rng.randint(0, 59):02d}",
            "Panneau présent, visible et lisible",
        ]
        for i in range(3)
    ]
    return Doc(
        "PROCÈS-VERBAL DE CONSTATS SUCCESSIFS D'AFFICHAGE",
        [
            P(f"Requérant : {_demandeur(w)}"),
            P(f"Objet : constater l'affichage continu du permis n° {w.permit_no}."),
            Table(["Passage", "Date", "Heure", "Constatation"], rows),
            P(
                f"Lors de chacun de mes passages au {w.site.one_line()}, j'ai constaté la "
                "présence du panneau d'affichage "
                "réglementaire, visible depuis la voie publique, conformément aux articles "
                "A424-15 à A424-19 du code de "
                "l'urbanisme, dont les mentions sont reproduites ci-après."
            ),
            Box(_panel(w)),
            P("Il en résulte que l'affichage a été continu pendant une période de deux mois."),
            Sign([[f"{p.formal}", "Commissaire de justice"]]),
        ],
        head_left=head,
    )


@template("CONSTAT_AFFICHAGE", "constat_mairie_et_terrain", scan=0.2)
def constat_mairie(w: World, rng: random.Random) -> Doc:
    p, head = _cj(w, rng)
    return Doc(
        "CONSTAT",
        [
            P(
                f"Acte dressé le {fk.fr_date_long(w.permit_date + dt.timedelta(days=20))} "
                f"à la demande de {w.sccv.name}."
            ),
            H("1. Sur le terrain"),
            P(
                f"Je constate, {w.site.one_line()}, la présence d'un panneau relatif au permis "
                f"de construire {w.permit_no}, "
                "implanté à l'angle de la parcelle, face à la rue."
            ),
            H("2. En mairie"),
            P(
                f"Je me suis ensuite rendu(e) à la mairie de {w.site.town}, où j'ai constaté "
                "l'affichage de l'extrait de "
                "l'arrêté de permis de construire sur le panneau "
                "d'affichage officiel (article R424-15)."
            ),
            P(
                "Les clichés photographiques pris par mes soins sont "
                "joints au présent procès-verbal."
            ),
            Sign([[f"Maître {p.name}", "(sceau)"]]),
        ],
        head_left=head,
    )


@template("NON_RECOURS", "attestation_maire", scan=0.25)
def nr_maire(w: World, rng: random.Random) -> Doc:
    d = w.permit_date + dt.timedelta(days=rng.randint(100, 160))
    return Doc(
        alt(
            rng,
            [
                "ATTESTATION DE NON-RECOURS ET DE NON-RETRAIT",
                "Certificat de non-recours",
                "ATTESTATION DE NON RECOURS - NON RETRAIT",
            ],
        ),
        [
            P(
                f"Le Maire de la commune de {w.site.town} certifie que le permis de construire "
                f"n° {w.permit_no} délivré le "
                f"{fk.fr_date(w.permit_date)} à la {w.sccv.name} pour "
                f"la construction de {w.lots} logements, "
                f"{w.site.one_line()} :"
            ),
            P(
                "- n'a fait l'objet d'aucun recours gracieux ou contentieux notifié à la "
                "commune dans le délai de deux mois "
                "prévu à l'article R600-2 du code de l'urbanisme ;"
            ),
            P(
                "- n'a fait l'objet d'aucune décision de retrait dans le délai de trois mois "
                "prévu à l'article L424-5 du code "
                "de l'urbanisme ;"
            ),
            P("- n'a fait l'objet d'aucun déféré préfectoral à notre connaissance."),
            P("La présente attestation est délivrée pour servir et valoir ce que de droit."),
            P(place_date(w, rng, d, w.site.town)),
            Sign([["Pour le Maire, l'adjoint délégué à l'urbanisme", ""]]),
        ],
        head_left=_mairie(w),
    )


@template("NON_RECOURS", "certificat_greffe_ta", scan=0.25)
def nr_greffe(w: World, rng: random.Random) -> Doc:
    ta = rng.choice(
        [
            "Lyon",
            "Bordeaux",
            "Nantes",
            "Toulouse",
            "Montpellier",
            "Lille",
            "Rennes",
            "Strasbourg",
            "Nice",
            "Marseille",
            "Grenoble",
            "Dijon",
            "Orléans",
            "Rouen",
            "Caen",
            "Montreuil",
            "Cergy-Pontoise",
        ]
    )
    return Doc(
        "CERTIFICAT DE NON-RECOURS",
        [
            P(
                f"Le greffier en chef du tribunal administratif de {ta} certifie qu'à la date du "
                f"{fk.fr_date(w.permit_date + dt.timedelta(days=rng.randint(80, 140)))}, aucune "
                "requête n'a été enregistrée "
                "au greffe de la juridiction tendant à l'annulation "
                f"de l'arrêté du {fk.fr_date(w.permit_date)} "
                "par lequel le "
                f"maire de {w.site.town} a délivré le permis de construire n° {w.permit_no} "
                f"à la {w.sccv.name}."
            ),
            P(
                "Le présent certificat ne préjuge pas des requêtes qui auraient pu être adressées "
                "à une autre juridiction "
                "ou enregistrées postérieurement."
            ),
            P(
                f"Demande enregistrée sous la référence {ids.ref(rng, '9999-99999')}.",
                style="small",
            ),
            Sign([["Le greffier en chef", ""]]),
        ],
        head_left=["RÉPUBLIQUE FRANÇAISE", f"TRIBUNAL ADMINISTRATIF DE {ta.upper()}", "Greffe"],
    )


@template("NON_RECOURS", "lettre_non_retrait", scan=0.2)
def nr_lettre(w: World, rng: random.Random) -> Doc:
    return Doc(
        "",
        [
            P(
                f"Objet : Permis de construire n° {w.permit_no} - attestation de non-recours "
                "et de non-retrait",
                style="bold",
            ),
            P(
                "Monsieur le gérant, par courrier du "
                f"{fk.fr_date(w.permit_date + dt.timedelta(days=95))}, "
                "vous avez sollicité la "
                "délivrance d'une attestation confirmant le caractère définitif de l'autorisation "
                "citée en objet."
            ),
            P(
                "J'ai l'honneur de vous informer qu'à ce jour, les services de la commune "
                "n'ont reçu notification d'aucun "
                "recours gracieux ni contentieux à l'encontre de cette autorisation, et que "
                "celle-ci n'a pas été retirée. "
                "Le délai de retrait de trois mois étant expiré, l'autorisation est définitive."
            ),
            P("Veuillez agréer, Monsieur, l'expression de mes salutations distinguées."),
            Sign([["Le Directeur de l'urbanisme", fk.person(rng, w.today).name]]),
        ],
        head_left=_mairie(w)[1:],
        head_right=[w.sccv.name, *w.sccv.address.lines()],
    )
