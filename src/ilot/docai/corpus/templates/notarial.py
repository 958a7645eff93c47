"""Land deeds: title to the land and the land purchase promise.

A near-miss group with `ventes`, written in the same notarial style: here the SCCV buys the
land (conditions suspensives in the promise); there a buyer purchases a lot off-plan."""

from __future__ import annotations

import datetime as dt
import random

from .. import fakes as fk
from .. import identifiers as ids
from ..fakes import World
from ..model import KV, Block, Doc, H, P, Sign, Table
from ..registry import template
from .common import alt, company_phrase, person_phrase, place_date


def _seller(w: World, rng: random.Random) -> str:
    if rng.random() < 0.5:
        return person_phrase(fk.person(rng, w.today))
    c = fk.company(
        rng,
        w.today,
        f"SCI {rng.choice(fk.LAST)} {rng.choice(['Patrimoine', 'Foncière', 'Invest'])}",
        "SC",
    )
    return company_phrase(c, rng)


def _notary_intro(w: World, rng: random.Random, kind: str) -> list[Block]:
    return [
        P(f"L'AN {fk.words_fr(w.today.year).upper()},"),
        P(f"LE {fk.fr_date_long(w.today).upper()},"),
        P(
            f"À {w.notary.address.town.upper()}, au siège de l'office notarial, Maître "
            f"{w.notary.name}, notaire "
            f"soussigné, membre de la société « {w.notary_office} », titulaire d'un office "
            "notarial, a reçu le "
            f"présent acte authentique contenant {kind} à la requête des parties ci-après "
            "identifiées."
        ),
    ]


def _designation(w: World) -> list[Block]:
    return [
        H("DÉSIGNATION"),
        P(
            f"À {w.site.town.upper()} ({w.site.postcode}), {w.site.line}, un terrain à "
            "bâtir figurant au cadastre "
            f"{w.cadastre}, pour une contenance totale de {w.land_m2} m²."
        ),
        Table(
            ["Section", "N°", "Lieudit", "Surface"],
            [[w.cadastre.split()[1], w.cadastre.split()[3], w.site.line, f"{w.land_m2} m²"]],
        ),
    ]


_CLAUSES = [
    (
        "ÉTAT DU BIEN",
        "L'acquéreur prendra le bien dans l'état où il se trouve au jour de l'entrée "
        "en jouissance, "
        "sans garantie en raison des vices apparents ou cachés, sauf application "
        "de l'article 1643 du Code civil.",
    ),
    (
        "SERVITUDES",
        "L'acquéreur souffrira les servitudes passives, apparentes ou occultes, continues ou "
        "discontinues, pouvant grever le bien, sauf à s'en défendre et à profiter "
        "de celles actives.",
    ),
    (
        "URBANISME",
        "Les parties déclarent avoir pris connaissance du certificat d'urbanisme et de la note de "
        "renseignements d'urbanisme annexés, ainsi que des dispositions du plan local d'urbanisme.",
    ),
    (
        "DIAGNOSTICS",
        "Un état des risques et pollutions (articles L125-5 et R125-26 du Code de l'environnement) "
        "demeure annexé aux présentes.",
    ),
    (
        "FISCALITÉ",
        "La présente mutation entre dans le champ d'application de la TVA immobilière "
        "(article 257 du "
        "CGI), l'acquéreur prenant l'engagement de construire dans un délai de quatre ans.",
    ),
    (
        "DROIT DE PRÉEMPTION",
        "Le bien est situé dans le périmètre du droit de préemption urbain ; la déclaration "
        "d'intention d'aliéner a été notifiée à la commune, qui y a renoncé.",
    ),
    (
        "ÉLECTION DE DOMICILE",
        "Pour l'exécution des présentes, les parties élisent domicile en l'office notarial.",
    ),
]


@template("TITRE_PROPRIETE", "acte_acquisition_terrain", formats=("pdf", "docx"), scan=0.1)
def acte_acquisition(w: World, rng: random.Random) -> Doc:
    d = w.permit_date + dt.timedelta(days=rng.randint(60, 200))
    blocks: list[Block] = [
        *_notary_intro(w, rng, "VENTE"),
        H("VENDEUR"),
        P(_seller(w, rng)),
        H("ACQUÉREUR"),
        P(company_phrase(w.sccv, rng)),
        *_designation(w),
        H("PRIX"),
        P(
            "La vente est consentie et acceptée moyennant le "
            f"prix de {fk.words_fr(w.land_price).upper()} "
            f"EUROS ({fk.money(w.land_price)}), payé comptant ce jour par la comptabilité "
            "du notaire, "
            "ainsi que le vendeur le reconnaît et lui en consent bonne et valable quittance."
        ),
        H("PROPRIÉTÉ - JOUISSANCE"),
        P(
            "L'acquéreur est propriétaire du bien à compter de ce jour. Il en a la jouissance "
            "par la prise "
            "de possession réelle, le bien étant libre de toute occupation."
        ),
    ]
    for t, body in rng.sample(_CLAUSES, k=rng.randint(3, 6)):
        blocks += [H(t), P(body)]
    blocks += [
        H("PUBLICITÉ FONCIÈRE"),
        P(
            "Une copie authentique sera publiée au service de la publicité foncière de "
            f"{w.site.town}. "
            f"Publié le {fk.fr_date(d + dt.timedelta(days=30))}, volume {d.year} P n° "
            f"{rng.randint(1000, 99999)}."
        ),
        P(
            f"DONT ACTE sur {rng.randint(18, 60)} pages. Fait et passé aux lieu et date "
            "indiqués en tête des présentes."
        ),
        Sign([["Le vendeur", ""], ["L'acquéreur", ""], ["Le notaire", ""]]),
    ]
    return Doc(
        alt(rng, ["VENTE", "ACTE DE VENTE DE TERRAIN", "VENTE D'UN TERRAIN À BÂTIR"]),
        blocks,
        header=f"{w.notary_office} - {ids.ref(rng, '999999/AA/AA')}",
        title_sub=f"Par {alt(rng, ['M. et Mme', 'la SCI', 'les consorts'])} au profit de la "
        f"{w.sccv.name}",
    )


@template("TITRE_PROPRIETE", "attestation_propriete", scan=0.2)
def attestation_propriete(w: World, rng: random.Random) -> Doc:
    d = w.permit_date + dt.timedelta(days=rng.randint(60, 200))
    return Doc(
        alt(
            rng,
            [
                "ATTESTATION DE PROPRIÉTÉ",
                "ATTESTATION NOTARIÉE D'ACQUISITION",
                "Attestation de propriété immobilière",
            ],
        ),
        [
            P(
                f"Je soussigné(e), Maître {w.notary.name}, notaire associé(e) de la société "
                f"« {w.notary_office} »,"
            ),
            P(
                f"certifie et atteste que la {w.sccv.name}, immatriculée "
                f"sous le numéro {ids.group_siren(w.sccv.siren)} RCS "
                f"{w.sccv.rcs_town}, est propriétaire du terrain sis {w.site.one_line()}, "
                f"cadastré {w.cadastre}, d'une "
                f"contenance de {w.land_m2} m², pour l'avoir acquis aux termes d'un acte reçu "
                "par le notaire soussigné le "
                f"{fk.fr_date(d)}, moyennant le prix de {fk.money(w.land_price)}."
            ),
            P(
                f"Cet acte a été publié au service de la publicité foncière de {w.site.town} le "
                f"{fk.fr_date(d + dt.timedelta(days=rng.randint(20, 60)))}, volume {d.year} "
                f"P n° {rng.randint(1000, 99999)}."
            ),
            P(
                "La présente attestation est délivrée à la demande de l'intéressée pour servir "
                "et valoir ce que de droit."
            ),
            P(place_date(w, rng, town=w.notary.address.town)),
            Sign([[f"Maître {w.notary.name}", "Notaire"]]),
        ],
        head_left=[w.notary_office, "Notaires", *w.notary.address.lines()],
    )


@template("TITRE_PROPRIETE", "releve_propriete", formats=("pdf",), scan=0.3)
def releve_propriete(w: World, rng: random.Random) -> Doc:
    rows: list[list[str | int | float]] = []
    for _ in range(rng.randint(1, 4)):
        rows.append(
            [
                str(w.today.year - rng.randint(0, 3)),
                w.cadastre.split()[1],
                str(rng.randint(10, 999)),
                w.site.line,
                f"{rng.randint(200, 4000)}",
                rng.choice(["S", "T", "AB", "J"]),
            ]
        )
    return Doc(
        "RELEVÉ DE PROPRIÉTÉ",
        [
            KV(
                [
                    ("Département", w.site.dept),
                    ("Commune", f"{w.site.insee} {w.site.town.upper()}"),
                    ("Année de mise à jour", str(w.today.year)),
                    ("Propriétaire", w.sccv.name),
                    ("Adresse", w.sccv.address.one_line()),
                    ("Droit réel", "Propriétaire / PP"),
                ]
            ),
            Table(["An", "Section", "N° plan", "Adresse", "Contenance m²", "Nature"], rows),
            P(
                "Extrait délivré par le service du cadastre - document non opposable établi "
                "à partir de la matrice cadastrale.",
                style="small",
            ),
        ],
        head_left=[
            "DIRECTION GÉNÉRALE DES FINANCES PUBLIQUES",
            "Cadastre - Documentation foncière",
        ],
    )


_CS = [
    "l'obtention d'un permis de construire purgé de tout recours des tiers et "
    "de tout retrait administratif, "
    "autorisant la construction d'un ensemble immobilier d'une surface de plancher "
    "d'au moins {sdp} m²",
    "l'obtention par l'acquéreur d'un ou plusieurs prêts d'un montant maximum de {loan}",
    "l'absence de pollution des sols nécessitant des travaux de dépollution d'un "
    "coût supérieur à 50 000 € HT",
    "l'absence de prescription d'un diagnostic d'archéologie préventive",
    "la pré-commercialisation d'au moins {pct} % des logements",
    "la renonciation de la commune à l'exercice de son droit de préemption",
]


def _cs(w: World, rng: random.Random) -> list[Block]:
    v = {"sdp": w.sdp_m2, "loan": fk.money(w.land_price * 0.8), "pct": rng.choice([30, 40, 50])}
    return [
        H("CONDITIONS SUSPENSIVES"),
        P(
            "La présente convention est consentie sous les conditions suspensives suivantes, "
            "stipulées au seul profit "
            "du bénéficiaire qui pourra seul y renoncer :"
        ),
        *[P(f"- {c.format(**v)} ;") for c in rng.sample(_CS, k=rng.randint(3, 6))],
    ]


@template("PROMESSE_VENTE", "promesse_unilaterale", formats=("pdf", "docx"), scan=0.05)
def promesse(w: World, rng: random.Random) -> Doc:
    end = w.today + dt.timedelta(days=rng.randint(180, 540))
    blocks: list[Block] = [
        *_notary_intro(w, rng, "PROMESSE UNILATÉRALE DE VENTE"),
        H("PROMETTANT"),
        P(_seller(w, rng)),
        H("BÉNÉFICIAIRE"),
        P(
            company_phrase(rng.choice([w.developer, w.sccv]), rng)
            + ", avec faculté de substitution au profit de toute SCCV qu'elle contrôle"
        ),
        H("PROMESSE DE VENTE"),
        P(
            "Le promettant confère au bénéficiaire, qui l'accepte en tant que promesse "
            "seulement, la "
            "faculté d'acquérir le bien ci-après désigné. Le bénéficiaire ne contracte "
            "aucune obligation "
            "d'acquérir."
        ),
        *_designation(w),
        H("DÉLAI - RÉALISATION"),
        P(
            f"La promesse est consentie pour une durée expirant le {fk.fr_date_long(end)} "
            "à seize heures. "
            "La levée d'option et la signature de l'acte authentique de vente devront "
            "intervenir avant "
            "cette date."
        ),
        H("PRIX"),
        P(
            "En cas de réalisation, la vente aura lieu moyennant "
            f"le prix de {fk.money(w.land_price)} "
            "hors taxes, payable comptant le jour de la signature de l'acte authentique."
        ),
        H("INDEMNITÉ D'IMMOBILISATION"),
        P(
            f"Les parties fixent l'indemnité d'immobilisation à {fk.money(w.land_price * 0.1)}, "
            "soit 10 % du prix. "
            f"Le bénéficiaire verse {fk.money(w.land_price * 0.05)} entre les mains du "
            "notaire, séquestre."
        ),
        *_cs(w, rng),
    ]
    for t, body in rng.sample(_CLAUSES, k=3):
        blocks += [H(t), P(body)]
    blocks += [
        P(
            "Conformément à l'article 1589-2 du Code civil, la présente promesse sera "
            "enregistrée dans le délai de "
            "dix jours, à peine de nullité."
        ),
        Sign([["Le promettant", ""], ["Le bénéficiaire", ""]]),
    ]
    return Doc(
        alt(
            rng, ["PROMESSE UNILATÉRALE DE VENTE", "PROMESSE DE VENTE SOUS CONDITIONS SUSPENSIVES"]
        ),
        blocks,
        header=f"{w.notary_office} - Dossier {ids.ref(rng, '999999')}",
    )


@template("PROMESSE_VENTE", "compromis", formats=("pdf", "docx"), scan=0.1)
def compromis(w: World, rng: random.Random) -> Doc:
    blocks: list[Block] = [
        P("ENTRE LES SOUSSIGNÉS :", style="bold"),
        P(_seller(w, rng) + ", ci-après « le Vendeur »"),
        P("ET :", style="bold"),
        P(company_phrase(w.developer, rng) + ", ci-après « l'Acquéreur »"),
        P(
            "Le Vendeur vend à l'Acquéreur, qui accepte, sous les conditions suspensives "
            "ci-après, le "
            "bien désigné ci-dessous. Les parties sont d'ores et déjà engagées, la vente "
            "étant parfaite "
            "dès la réalisation des conditions (article 1589 du Code civil)."
        ),
        *_designation(w),
        H("PRIX ET DÉPÔT DE GARANTIE"),
        KV(
            [
                ("Prix", fk.money(w.land_price)),
                ("Dépôt de garantie", fk.money(w.land_price * 0.05)),
                ("Séquestre", f"Maître {w.notary.name}, notaire"),
                (
                    "Date limite de réitération",
                    fk.fr_date(w.today + dt.timedelta(days=rng.randint(200, 400))),
                ),
            ]
        ),
        *_cs(w, rng),
        H("CLAUSE PÉNALE"),
        P(
            f"À défaut de réitération imputable à l'une des parties, celle-ci versera "
            f"à l'autre une somme de {fk.money(w.land_price * 0.1)} à titre de clause pénale."
        ),
        P(place_date(w, rng)),
        Sign([["Le Vendeur", "(lu et approuvé)"], ["L'Acquéreur", "(lu et approuvé)"]]),
    ]
    return Doc(
        alt(
            rng,
            [
                "COMPROMIS DE VENTE",
                "PROMESSE SYNALLAGMATIQUE DE VENTE",
                "Avant-contrat de vente de terrain",
            ],
        ),
        blocks,
        footer="Paraphes :",
    )


@template("PROMESSE_VENTE", "avenant_prorogation", scan=0.15)
def prorogation(w: World, rng: random.Random) -> Doc:
    old = w.today + dt.timedelta(days=rng.randint(10, 60))
    new = old + dt.timedelta(days=rng.randint(90, 240))
    return Doc(
        "AVENANT DE PROROGATION À LA PROMESSE DE VENTE",
        [
            P(
                f"Entre {_seller(w, rng)}, promettant, et {company_phrase(w.sccv, rng)}, "
                "bénéficiaire,"
            ),
            P(
                f"Il est rappelé qu'aux termes d'un acte reçu par Maître {w.notary.name} le "
                f"{fk.fr_date(w.today - dt.timedelta(days=rng.randint(200, 500)))}, le promettant "
                "a consenti au bénéficiaire une "
                f"promesse unilatérale de vente portant sur un terrain sis {w.site.one_line()}, "
                f"cadastré {w.cadastre}, "
                f"moyennant le prix de {fk.money(w.land_price)}, sous la condition suspensive "
                "d'obtention d'un permis de "
                "construire purgé."
            ),
            P(
                f"Le permis de construire n° {w.permit_no} ayant été "
                f"délivré le {fk.fr_date(w.permit_date)}, "
                "le délai de purge "
                "des recours n'est pas expiré. En conséquence, les parties conviennent de "
                "proroger la date de réalisation "
                f"de la promesse du {fk.fr_date(old)} au {fk.fr_date(new)}."
            ),
            P("Toutes les autres stipulations de la promesse demeurent inchangées."),
            Sign([["Le promettant", ""], ["Le bénéficiaire", ""]]),
        ],
        head_left=[w.notary_office, *w.notary.address.lines()],
    )
