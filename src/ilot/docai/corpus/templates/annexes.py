"""Extra pages appended to some documents: general conditions, annexes, schedules.

Real contracts, deeds, policies and reports run to several pages, most of them generic
boilerplate shared with other document types. Appending such pages (with a page break) makes
documents multi-page and teaches the classifier to find the signal on the first pages.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from .. import fakes as fk
from ..fakes import World
from ..model import Block, Break, Bullets, Doc, H, P, Table

_GENERAL = [
    (
        "Notifications",
        "Toute notification au titre des présentes sera faite par lettre recommandée avec demande "
        "d'avis de réception ou par courrier électronique "
        "avec accusé de réception, à l'adresse indiquée en tête.",
    ),
    (
        "Confidentialité",
        "Les parties s'engagent à garder confidentielles les informations échangées à l'occasion "
        "des présentes, sauf obligation légale ou réglementaire de communication.",
    ),
    (
        "Intégralité",
        "Le présent document et ses annexes expriment l'intégralité de l'accord des parties et "
        "annulent tout accord antérieur portant sur le même objet.",
    ),
    (
        "Divisibilité",
        "Si l'une des stipulations des présentes était déclarée nulle, les autres stipulations "
        "conserveraient leur plein effet.",
    ),
    (
        "Droit applicable - Juridiction",
        "Les présentes sont soumises au droit français. Tout litige relatif à leur "
        "interprétation ou à leur exécution relève des tribunaux "
        "compétents du ressort du siège du défendeur.",
    ),
    (
        "Protection des données",
        "Les données personnelles sont traitées conformément au règlement (UE) 2016/679 et "
        "à la loi n° 78-17 du 6 janvier 1978 modifiée ; chacun "
        "dispose de droits d'accès et de rectification.",
    ),
    (
        "Frais",
        "Les frais, droits et honoraires des présentes et "
        "de leurs suites sont à la charge de la partie qui "
        "les a rendus nécessaires, sauf stipulation contraire.",
    ),
    (
        "Imprévision",
        "Les parties écartent l'application de l'article 1195 du Code civil et acceptent d'assumer "
        "les risques d'un changement de circonstances imprévisible.",
    ),
    (
        "Force majeure",
        "Aucune partie ne sera responsable d'un manquement résultant d'un cas de force majeure au "
        "sens de l'article 1218 du Code civil.",
    ),
    (
        "Signature électronique",
        "Les parties conviennent de signer les présentes par voie électronique, "
        "conformément aux articles 1366 et 1367 du Code civil.",
    ),
]

_CGV = [
    "Les prix s'entendent hors taxes ; la TVA est facturée "
    "au taux en vigueur à la date d'exigibilité.",
    "Les délais d'exécution sont donnés à titre indicatif "
    "et courent à compter de la réception de l'acompte.",
    "Les travaux supplémentaires feront l'objet d'un devis complémentaire accepté avant exécution.",
    "La réception des travaux emporte acceptation des "
    "ouvrages exécutés, sous réserve des réserves écrites.",
    "Le transfert de propriété des fournitures intervient "
    "au complet paiement du prix (clause de réserve de "
    "propriété, article 2367 du Code civil).",
    "Tout retard de paiement entraîne de plein droit "
    "des pénalités de retard et l'indemnité forfaitaire de 40 €.",
    "Le médiateur de la consommation compétent peut être saisi en cas de litige non résolu.",
]

_INSURANCE = [
    ("Sinistre", "Toute réclamation ou tout dommage de nature à mettre en jeu la garantie."),
    (
        "Franchise",
        "Part du dommage restant à la charge de l'assuré, fixée aux conditions particulières.",
    ),
    (
        "Réception",
        "Acte par lequel le maître de l'ouvrage accepte l'ouvrage avec ou sans réserves.",
    ),
    (
        "Coût total de construction",
        "Montant définitif des dépenses de travaux, honoraires compris.",
    ),
    (
        "Prescription",
        "Toute action dérivant du contrat est prescrite par "
        "deux ans (articles L114-1 et suivants du "
        "Code des assurances).",
    ),
    (
        "Subrogation",
        "L'assureur est subrogé dans les droits de l'assuré contre les tiers responsables.",
    ),
]


def _general(w: World, rng: random.Random) -> list[Block]:
    out: list[Block] = [
        H(rng.choice(["DISPOSITIONS GÉNÉRALES", "STIPULATIONS DIVERSES", "CLAUSES GÉNÉRALES"]))
    ]
    for i, (t, body) in enumerate(rng.sample(_GENERAL, k=rng.randint(4, len(_GENERAL))), 1):
        out += [H(f"{i}. {t}", 2), P(body)]
    docs = [
        "Plan de situation",
        "Plan de masse",
        "Extrait cadastral",
        "État des risques et pollutions",
        "Notice descriptive",
        "Tableau des surfaces",
        "Attestation d'assurance",
        "Kbis de moins de trois mois",
        "Pouvoirs du signataire",
        "Planning prévisionnel",
        "Budget de l'opération",
    ]
    out += [
        H("LISTE DES ANNEXES"),
        Bullets([f"Annexe {i} : {d}" for i, d in enumerate(rng.sample(docs, 4), 1)]),
    ]
    return out


def _cgv(w: World, rng: random.Random) -> list[Block]:
    items = rng.sample(_CGV, k=rng.randint(4, len(_CGV)))
    return [
        H("CONDITIONS GÉNÉRALES"),
        *[P(f"Article {i} - {t}", style="small") for i, t in enumerate(items, 1)],
    ]


def _insurance(w: World, rng: random.Random) -> list[Block]:
    out: list[Block] = [H("EXTRAIT DES CONDITIONS GÉNÉRALES - DÉFINITIONS")]
    for t, body in rng.sample(_INSURANCE, k=rng.randint(3, len(_INSURANCE))):
        out += [H(t, 2), P(body)]
    return out


def _study(w: World, rng: random.Random) -> list[Block]:
    rows: list[list[str | int | float]] = [
        [
            f"Photo {i}",
            rng.choice(
                ["Vue générale du site", "Limite nord", "Accès depuis la voie", "Bâti existant"]
            ),
            fk.fr_date(w.today),
        ]
        for i in range(1, rng.randint(3, 7))
    ]
    return [
        H("ANNEXES"),
        P("Annexe 1 - Reportage photographique"),
        Table(["N°", "Légende", "Date"], rows),
        P("Annexe 2 - Plan d'implantation des investigations"),
        P(
            "Les annexes font partie intégrante du présent rapport, "
            "qui ne peut être reproduit que dans son "
            "intégralité.",
            style="small",
        ),
    ]


_GROUPS: dict[str, Callable[[World, random.Random], list[Block]]] = {}
for _cat in [
    "MARCHE_TRAVAUX",
    "CONTRAT_MOE",
    "OFFRE_CREDIT",
    "SURETES",
    "GFA",
    "PROMESSE_VENTE",
    "ACTE_VENTE",
    "TITRE_PROPRIETE",
    "CONTRAT_RESERVATION",
    "STATUTS",
    "PV_DECISIONS",
]:
    _GROUPS[_cat] = _general
for _cat in ("DEVIS", "FACTURE"):
    _GROUPS[_cat] = _cgv
for _cat in ("ASSURANCE_DO", "ASSURANCE_PROMOTEUR", "ATTEST_ASSURANCE_ENTREPRISE"):
    _GROUPS[_cat] = _insurance
for _cat in ("ETUDE_SOL", "DIAGNOSTICS", "ETUDE_MARCHE", "PLANS_NOTICE"):
    _GROUPS[_cat] = _study


def extend(category: str, doc: Doc, w: World, rng: random.Random) -> Doc:
    """Append annex pages to some documents of the categories that usually have them."""
    maker = _GROUPS.get(category)
    if maker is not None and rng.random() < 0.4:
        doc.blocks += [Break(), *maker(w, rng)]
        if rng.random() < 0.3:
            doc.blocks += [Break(), *maker(w, rng)]
    return doc
