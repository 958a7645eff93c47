"""Declarations of works opening and completion (DROC, DAACT).

Part of `plain_b`, the templates of another writer (see its package docstring).
"""

from __future__ import annotations

import datetime as dt
import random

from ... import fakes as fk
from ... import identifiers as ids
from ...fakes import World
from ...model import KV, Block, Box, Break, Doc, H, P, Sign, Space, Table
from ...registry import template
from ..common import alt, recipient
from ._shared import _case, _sign_date, _town_hall


# ---------------------------------------------------------------------------------------------
# DROC
@template("DROC", "pb_droc_accuse_teleservice", scan=0.15)
def pb_droc_accuse_teleservice(w: World, rng: random.Random) -> Doc:
    """Printout of the e-mail acknowledging a DOC filed on the town's online desk."""
    filed = w.start_date + dt.timedelta(days=rng.randint(0, 6))
    hour = f"{rng.randint(7, 21):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}"
    portal = alt(
        rng,
        [
            "Guichet numérique des autorisations d'urbanisme",
            f"Guichet unique - Ville de {w.site.town}",
            "Téléservice ADS",
            "GNAU",
        ],
    )
    no = ids.ref(rng, "DOC-9999999")
    blocks: list[Block] = [
        KV(
            [
                (
                    "De",
                    f"noreply@{fk._slug(w.site.town)}." + rng.choice(["fr", "sve.fr"]),
                ),
                ("À", w.sccv.email),
                ("Date", f"{fk.fr_date(filed)} {hour}"),
                ("Objet", f"[{portal}] Accusé d'enregistrement électronique - {no}"),
            ]
        ),
        Space(6),
        P("Bonjour,"),
        P(
            f"Votre déclaration d'ouverture de chantier a bien été transmise le "
            f"{fk.fr_date(filed)} à {hour[:5]} à la commune de {w.site.town}. Elle a été "
            f"enregistrée sous le numéro {no}."
        ),
        KV(
            [
                ("Type de demande", "Déclaration d'ouverture de chantier (DOC)"),
                ("Formulaire", f"cerfa n° 13407*{rng.choice(['03', '04'])}"),
                ("Autorisation concernée", w.permit_no),
                ("Déclarant", w.sccv.name),
                ("Adresse des travaux", w.site.one_line()),
                ("Date d'ouverture déclarée", fk.fr_date(w.start_date)),
                ("Pièces jointes", alt(rng, ["1", "aucune", "2"])),
            ],
            boxed=rng.random() < 0.5,
        ),
        P(
            "Le présent message vaut accusé d'enregistrement électronique en application de "
            "l'article L112-11 du code des relations entre le public et l'administration. Il "
            "ne préjuge pas de la complétude de votre envoi."
        ),
        P(
            "Conservez ce message : il constitue la preuve du dépôt de votre déclaration. Une "
            "copie de la déclaration est transmise aux services de l'État pour les besoins "
            "statistiques."
            if rng.random() < 0.6
            else "Vous recevrez un accusé de réception électronique dès la prise en charge de "
            "votre déclaration par le service instructeur."
        ),
        P("Ceci est un message automatique, merci de ne pas y répondre.", style="small"),
        P(
            f"Service urbanisme - Mairie de {w.site.town} - {w.site.postcode} {w.site.town}",
            style="small",
        ),
    ]
    return Doc(
        alt(rng, ["", "Accusé d'enregistrement électronique", f"{portal}"]),
        blocks,
        header=alt(rng, [f"Imprimé le {fk.fr_date(filed)}", f"{w.sccv.email} - messagerie", ""]),
    )


@template("DROC", "pb_droc_formulaire_notice", scan=0.35)
def pb_droc_formulaire_notice(w: World, rng: random.Random) -> Doc:
    """The DOC form with blanks filled by hand, followed (often) by its explanatory notice."""
    total = rng.random() < 0.75
    started = w.lots if total else rng.randint(max(1, w.lots // 4), max(1, w.lots - 1))
    social = rng.randint(0, started // 3) if rng.random() < 0.4 else 0
    ptz = rng.randint(0, (started - social) // 4) if rng.random() < 0.3 else 0
    other = started - social - ptz
    x, o = rng.choice([("[X]", "[ ]"), ("X", "_"), ("(x)", "( )")])
    blocks: list[Block] = [
        Box(
            [
                f"N° {w.permit_no}",
                "Date de réception : "
                f"{fk.fr_date(w.start_date + dt.timedelta(days=rng.randint(1, 9)))}",
                "Cachet de la mairie :",
            ],
            "Cadre réservé à la mairie",
        ),
        P(
            "Vous êtes titulaire d'un permis de construire ou d'aménager ou d'une décision de "
            "non-opposition à une déclaration préalable : vous devez déclarer l'ouverture de "
            "votre chantier.",
            style="italic",
        ),
        H("Autorisation concernée", 2),
        KV(
            [
                ("Numéro", w.permit_no),
                ("Délivrée le", fk.fr_date(w.permit_date)),
                ("Adresse du terrain", w.site.one_line()),
            ]
        ),
        H("Le déclarant", 2),
        KV(
            [
                ("Personne morale - dénomination", w.sccv.name),
                ("Numéro SIRET", w.sccv.siret),
                ("Type de société", "SCCV"),
                ("Représentant", f"{w.sccv.manager.last.upper()} {w.sccv.manager.first}"),
                ("Adresse", w.sccv.address.one_line()),
                ("Courriel", w.sccv.email),
            ]
        ),
        H("L'ouverture du chantier", 2),
        P(f"Date d'ouverture du chantier : {fk.fr_date(w.start_date).replace('/', ' / ')}"),
        P(f"{x if total else o} Le chantier concerne la totalité des travaux autorisés"),
        P(
            f"{o if total else x} Le chantier concerne une tranche des travaux"
            + ("" if total else f" : bâtiment {rng.choice('ABC')} ({started} logements)")
        ),
        Table(
            ["Logements commencés", "Nombre"],
            [
                ["Nombre total de logements commencés", started],
                ["dont individuels", 0],
                ["dont collectifs", started],
                ["Logement locatif social", social],
                ["Accession aidée (dont PTZ)", ptz],
                ["Autres financements", other],
            ],
            fmt="tn",
            widths=[4, 1],
        ),
        P(
            "Surface de plancher des logements commencés : "
            f"{fk.num(round(w.sdp_m2 * started / w.lots))} m²"
        ),
        H("Engagement du déclarant", 2),
        P("J'atteste l'exactitude des informations portées dans ce formulaire."),
        _sign_date(w, rng, w.start_date, w.sccv.address.town),
        Sign([["Signature du déclarant", w.sccv.manager.name]]),
        P(
            "Formulaire à déposer en trois exemplaires à la mairie ou à transmettre par voie "
            "électronique lorsque la commune dispose d'un téléservice.",
            style="small",
        ),
    ]
    if rng.random() < 0.65:
        blocks += [
            Break(),
            H("Notice - Déclaration d'ouverture de chantier"),
            H("À quoi sert cette déclaration ?", 2),
            P(
                "Elle permet d'informer la mairie du commencement de vos travaux. Elle doit "
                "être adressée dès le commencement des travaux, au sens de l'article R424-16 du "
                "code de l'urbanisme."
            ),
            H("Validité de l'autorisation", 2),
            P(
                "Votre autorisation est périmée si les travaux n'ont pas commencé dans un délai "
                "de trois ans à compter de sa notification, ou si, passé ce délai, ils sont "
                "interrompus pendant plus d'un an. De simples travaux de terrassement ou "
                "l'installation d'une clôture ne suffisent pas toujours à caractériser le "
                "commencement des travaux."
            ),
            H("Travaux réalisés par tranches", 2),
            P(
                "Si votre autorisation prévoit une réalisation par tranches, vous devez "
                "déposer une déclaration à l'ouverture de chaque tranche."
            ),
            H("Vos données", 2),
            P(
                "Les informations recueillies sont transmises au service statistique du "
                "ministère chargé du logement. Vous disposez d'un droit d'accès et de "
                "rectification auprès de la mairie.",
                style="small",
            ),
        ]
    return Doc(
        _case(rng, "Déclaration d'ouverture de chantier"),
        blocks,
        head_left=["RÉPUBLIQUE FRANÇAISE", "Ministère chargé de l'urbanisme"]
        if rng.random() < 0.6
        else [],
        head_right=[f"cerfa N° 13407*{rng.choice(['03', '04', '02'])}"],
        footer=alt(rng, ["1/2", "DOC - exemplaire mairie", ""]),
    )


# ---------------------------------------------------------------------------------------------
# DAACT
@template("DAACT", "pb_daact_formulaire_attestations", scan=0.3)
def pb_daact_formulaire_attestations(w: World, rng: random.Random) -> Doc:
    """CERFA 13408 with the attached certificates listed and the architect's co-signature."""
    done = w.delivery_date + dt.timedelta(days=rng.randint(-20, 10))
    filed = done + dt.timedelta(days=rng.randint(5, 60))
    total = rng.random() < 0.8
    c = "[X]"
    n = "[ ]"
    attest = [
        (
            "Attestation de prise en compte de la réglementation environnementale (RE2020) à "
            "l'achèvement",
            True,
        ),
        (
            "Attestation de respect des règles d'accessibilité aux personnes handicapées, établie "
            "par un contrôleur technique ou un architecte",
            True,
        ),
        ("Attestation de prise en compte de la réglementation acoustique", True),
        (
            "Attestation de respect des règles parasismiques (zone de sismicité 2 à 5)",
            rng.random() < 0.4,
        ),
        ("Attestation relative à l'étude de faisabilité des approvisionnements en énergie", False),
    ]
    ct = rng.choice(
        [
            "SOCOTEC",
            "Bureau Veritas Construction",
            "APAVE",
            "Qualiconsult",
            "Alpes Contrôles",
            "DEKRA Industrial",
        ]
    )
    blocks: list[Block] = [
        Box(
            [
                f"{w.permit_no}",
                f"Déposée le : {fk.fr_date(filed)}",
                "Cachet de la mairie et signature du receveur",
            ],
            "Cadre réservé à la mairie du lieu du projet",
        ),
        H("1 - Identité du ou des déclarants", 2),
        KV(
            [
                ("Dénomination", w.sccv.name),
                ("Raison sociale", "Société civile de construction vente"),
                ("N° SIRET", w.sccv.siret),
                ("Représentant de la personne morale", w.sccv.manager.formal),
            ]
        ),
        H("2 - Coordonnées", 2),
        KV(
            [
                ("Adresse", w.sccv.address.one_line()),
                ("Téléphone", w.sccv.phone),
                ("Courriel", w.sccv.email),
            ]
        ),
        H("3 - Le chantier", 2),
        KV(
            [
                ("Autorisation n°", w.permit_no),
                ("Délivrée le", fk.fr_date(w.permit_date)),
                ("Adresse", w.site.one_line()),
            ]
        ),
        H("4 - Achèvement et conformité des travaux", 2),
        P(f"Date d'achèvement des travaux : {fk.fr_date(done)}"),
        P(f"{c if total else n} pour la totalité des travaux"),
        P(
            f"{n if total else c} pour une tranche des travaux"
            + ("" if total else f" - préciser : bâtiment {rng.choice('ABCD')}")
        ),
        P(
            f"Surface de plancher achevée : {fk.num(w.sdp_m2)} m² - nombre de logements "
            f"terminés : {w.lots}"
        ),
        P(
            "J'atteste que les travaux sont achevés et qu'ils sont conformes à l'autorisation "
            "délivrée et, le cas échéant, aux permis modificatifs."
        ),
        H("5 - Documents joints", 2),
        *[P(f"{c if on else n} {label}") for label, on in attest],
    ]
    if rng.random() < 0.4:
        blocks.append(P(f"Attestations établies par {ct}, contrôleur technique.", style="small"))
    blocks += [
        _sign_date(w, rng, filed, w.sccv.address.town),
        Sign(
            [
                ["Signature du déclarant", w.sccv.manager.name],
                [
                    "Si un architecte a dirigé les travaux :",
                    f"{w.architect.formal}, architecte",
                    f"N° d'inscription à l'Ordre : {rng.randint(10000, 99999)}",
                ],
            ]
        ),
        P(
            "La déclaration est adressée par pli recommandé avec demande d'avis de réception "
            "ou déposée contre décharge à la mairie. L'autorité compétente dispose d'un délai "
            "de trois mois, porté à cinq mois lorsqu'un récolement est obligatoire, pour "
            "contester la conformité des travaux.",
            style="small",
        ),
    ]
    return Doc(
        _case(
            rng,
            alt(
                rng,
                [
                    "Déclaration attestant l'achèvement et la conformité des travaux",
                    "DAACT",
                    "Déclaration d'achèvement et de conformité",
                ],
            ),
        ),
        blocks,
        head_right=[f"cerfa N° 13408*{rng.choice(['05', '06', '07'])}"],
        head_left=["RÉPUBLIQUE FRANÇAISE"] if rng.random() < 0.5 else [],
        footer=alt(rng, ["Ministère chargé de l'urbanisme", "DAACT - 1 exemplaire", ""]),
    )


@template("DAACT", "pb_daact_recepisse_recolement", scan=0.3)
def pb_daact_recepisse_recolement(w: World, rng: random.Random) -> Doc:
    """Town-hall receipt for a DAACT, announcing (or not) the on-site inspection."""
    filed = w.delivery_date + dt.timedelta(days=rng.randint(5, 60))
    mandatory = rng.random() < 0.35
    months = 5 if mandatory else 3
    visit = filed + dt.timedelta(days=rng.randint(20, 80))
    agent = fk.person(rng, w.today)
    blocks: list[Block] = [
        P(
            alt(
                rng,
                [
                    f"Objet : récépissé de dépôt d'une DAACT - {w.permit_no}",
                    "Objet : déclaration attestant l'achèvement et la conformité des travaux",
                    f"Dossier : {w.permit_no} - achèvement des travaux",
                ],
            ),
            style="bold",
        ),
        P("Madame, Monsieur,"),
        P(
            f"Nous accusons réception de la déclaration attestant l'achèvement et la conformité "
            f"des travaux (DAACT) déposée le {fk.fr_date(filed)} pour le permis n° "
            f"{w.permit_no}, concernant la construction de {w.lots} logements, "
            f"{w.site.one_line()}."
        ),
        P(
            f"À compter de cette date, l'administration dispose d'un délai de {months} mois "
            "pour contester, le cas échéant, la conformité des travaux au permis délivré "
            + (
                "(récolement obligatoire en application de l'article R462-7 du code de "
                "l'urbanisme)."
                if mandatory
                else "(article R462-6 du code de l'urbanisme)."
            )
        ),
    ]
    if mandatory or rng.random() < 0.5:
        blocks.append(
            P(
                f"Une visite de récolement est programmée le {fk.fr_date_long(visit)} à "
                f"{rng.randint(9, 16)}h{rng.choice(['00', '30'])}. Elle sera effectuée par "
                f"{agent.formal}, agent assermenté. Merci de prévoir la présence d'un "
                "représentant du maître d'ouvrage et, si possible, de l'architecte."
            )
        )
    blocks += [
        P(
            "Passé ce délai, l'administration ne pourra plus contester la conformité des "
            "travaux. Une attestation certifiant que la conformité n'a pas été contestée "
            "pourra vous être délivrée sur simple demande (article R462-10)."
        ),
        P(
            alt(
                rng,
                [
                    "Nous vous prions d'agréer, Madame, Monsieur, nos salutations distinguées.",
                    "Recevez, Madame, Monsieur, nos salutations distinguées.",
                ],
            )
        ),
        Sign(
            [
                [
                    alt(rng, ["Le service urbanisme", "Pour le Maire,", "L'instructeur"]),
                    fk.person(rng, w.today).name,
                ]
            ]
        ),
    ]
    if rng.random() < 0.5:
        blocks.insert(
            3,
            KV(
                [
                    ("Date de dépôt", fk.fr_date(filed)),
                    ("Achèvement déclaré", fk.fr_date(w.delivery_date)),
                    (
                        "Fin du délai de contestation",
                        fk.fr_date(filed + dt.timedelta(days=30 * months)),
                    ),
                    ("Récolement", "obligatoire" if mandatory else "non programmé / facultatif"),
                ],
                boxed=True,
            ),
        )
    return Doc(
        alt(rng, ["", "RÉCÉPISSÉ DE DÉPÔT", "Accusé de réception - DAACT"]),
        blocks,
        head_left=_town_hall(w, rng),
        head_right=[
            *recipient(w.sccv),
            "",
            f"Le {fk.fr_date(filed + dt.timedelta(days=rng.randint(1, 10)))}",
        ],
    )
