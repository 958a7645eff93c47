"""Insurance certificates: a three-way near miss.

Dommages-ouvrage covers the building for the owners (L242-1 C. assur.); CNR, TRC and RC
promoteur cover the developer and the site; décennale / RC pro certificates are issued to a
contractor, architect or design office (L241-1). All share insurer letterheads and wording.
"""

from __future__ import annotations

import datetime as dt
import random

from .. import fakes as fk
from .. import identifiers as ids
from ..fakes import World
from ..model import KV, Block, Box, Doc, H, P, Sign, Table
from ..registry import template
from .common import alt, boiler, place_date


def _insurer(w: World, rng: random.Random) -> tuple[str, list[str]]:
    ins = rng.choice(fk.INSURERS)
    broker = rng.choice(fk.BROKERS)
    head = [
        ins,
        alt(
            rng,
            ["Direction Construction", "Service Souscription Construction", "Agence Entreprises"],
        ),
        fk.address(rng).one_line(),
    ]
    if rng.random() < 0.5:
        head += [f"Intermédiaire : {broker}", f"N° ORIAS {rng.randint(7000000, 23009999)}"]
    return ins, head


def _period(w: World, rng: random.Random) -> tuple[dt.date, dt.date]:
    start = dt.date(w.today.year, 1, 1) if rng.random() < 0.6 else w.start_date
    return start, dt.date(start.year, 12, 31) if start.month == 1 else start + dt.timedelta(
        days=365 * 3
    )


def _op_kv(w: World, rng: random.Random) -> list[tuple[str, str]]:
    return [
        ("Opération", f"{w.programme} - construction de {w.lots} logements"),
        ("Adresse du chantier", w.site.one_line()),
        ("Permis de construire", w.permit_no),
        ("Coût prévisionnel de la construction", fk.money(w.works_ht * 1.2) + " TTC"),
        ("Date d'ouverture du chantier (DROC)", fk.fr_date(w.start_date)),
    ]


@template("ASSURANCE_DO", "attestation_do", scan=0.2)
def do_attestation(w: World, rng: random.Random) -> Doc:
    ins, head = _insurer(w, rng)
    return Doc(
        alt(
            rng,
            [
                "ATTESTATION D'ASSURANCE DOMMAGES-OUVRAGE",
                "Attestation d'assurance Dommages Ouvrage",
                "ATTESTATION DO",
            ],
        ),
        [
            P(
                f"{ins} atteste que la {w.sccv.name}, {w.sccv.address.one_line()}, a souscrit "
                "le contrat n° "
                f"{ids.ref(rng, 'DO-999999-99')} garantissant l'assurance obligatoire des "
                "dommages à l'ouvrage prévue "
                "par l'article L242-1 du Code des assurances, pour l'opération suivante :"
            ),
            KV(_op_kv(w, rng), boxed=True),
            P(
                "La garantie couvre, en dehors de toute recherche des responsabilités, le "
                "paiement des travaux de "
                "réparation des dommages de la nature de ceux dont sont responsables les "
                "constructeurs au sens de "
                "l'article 1792 du Code civil. Elle prend effet après l'expiration du délai "
                "de garantie de parfait "
                "achèvement et pour une durée de dix ans à compter de la réception."
            ),
            P(
                "Garanties complémentaires : bon fonctionnement des éléments d'équipement, "
                "dommages immatériels consécutifs, "
                "dommages aux existants."
                if rng.random() < 0.6
                else "Sans garanties facultatives."
            ),
            P(
                "La présente attestation ne peut engager l'assureur au-delà des conditions "
                "du contrat auquel elle se réfère."
            ),
            P(place_date(w, rng)),
            Sign([[f"Pour {ins}", "Le souscripteur"]]),
        ],
        head_left=head,
    )


@template("ASSURANCE_DO", "conditions_particulieres_do", formats=("pdf", "docx"), scan=0.05)
def do_cp(w: World, rng: random.Random) -> Doc:
    ins, head = _insurer(w, rng)
    cost = w.works_ht * 1.2
    prem = cost * rng.uniform(0.008, 0.02)
    blocks: list[Block] = [
        KV(
            [
                ("Souscripteur", w.sccv.name),
                ("Qualité", "Maître d'ouvrage - vendeur d'immeuble à construire"),
                ("Contrat n°", ids.ref(rng, "99 999 999 A")),
                *_op_kv(w, rng),
            ]
        ),
        H("Article 1 - Objet du contrat"),
        P(
            "Le présent contrat a pour objet de garantir, conformément aux articles L242-1 "
            "et A243-1 du Code des "
            "assurances, le paiement de la totalité des travaux de réparation des dommages "
            "compromettant la solidité "
            "de l'ouvrage ou le rendant impropre à sa destination."
        ),
        H("Article 2 - Montants de garantie"),
        Table(
            ["Garantie", "Plafond", "Franchise"],
            [
                ["Dommages-ouvrage obligatoire", "Coût total de construction", "Néant"],
                ["Bon fonctionnement", float(cost * 0.1), "1 500 €"],
                ["Dommages immatériels", float(cost * 0.05), "3 000 €"],
            ],
            fmt="tmt",
        ),
        H("Article 3 - Cotisation"),
        P(
            f"Cotisation provisionnelle : {fk.money(prem)} TTC, révisable sur déclaration "
            "du coût définitif de construction."
        ),
        H("Article 4 - Déclaration de sinistre"),
        P(
            "L'assureur dispose d'un délai de soixante jours pour notifier sa décision "
            "sur le principe de la mise en jeu "
            "des garanties (article L242-1 alinéa 3)."
        ),
    ]
    return Doc(
        "ASSURANCE DOMMAGES-OUVRAGE - CONDITIONS PARTICULIÈRES",
        blocks,
        head_left=head,
        footer=f"{ins} - entreprise régie par le Code des assurances",
    )


@template("ASSURANCE_DO", "note_couverture_do", scan=0.15)
def do_note(w: World, rng: random.Random) -> Doc:
    ins, _head = _insurer(w, rng)
    broker = rng.choice(fk.BROKERS)
    return Doc(
        "NOTE DE COUVERTURE PROVISOIRE - DOMMAGES-OUVRAGE",
        [
            P(
                f"Nous, {broker}, courtier en assurances, certifions que {ins} a accepté de "
                "garantir, aux conditions "
                f"de sa proposition du {fk.fr_date(w.today - dt.timedelta(days=20))}, l'assurance "
                "dommages-ouvrage de "
                f"l'opération ci-dessous, pour le compte de la {w.sccv.name} "
                "et des propriétaires successifs."
            ),
            KV(_op_kv(w, rng)),
            P(
                f"Validité de la présente note : {rng.choice([60, 90])} jours, dans l'attente "
                "de l'émission du contrat définitif."
            ),
            Sign([[broker, "Département Construction"]]),
        ],
        head_left=[broker, "Courtage d'assurances", fk.address(rng).one_line()],
    )


@template("ASSURANCE_PROMOTEUR", "attestation_cnr", scan=0.15)
def cnr(w: World, rng: random.Random) -> Doc:
    ins, head = _insurer(w, rng)
    kind = rng.choice(["CNR", "CNR + RC promoteur"])
    return Doc(
        alt(
            rng,
            [
                "ATTESTATION D'ASSURANCE CONSTRUCTEUR NON RÉALISATEUR",
                "Attestation CNR - Responsabilité décennale du promoteur",
            ],
        ),
        [
            P(
                f"{ins} certifie que la {w.sccv.name} est titulaire d'un contrat « {kind} "
                f"» n° {ids.ref(rng, 'CNR99999999')} "
                "garantissant sa responsabilité décennale en qualité de constructeur non "
                "réalisateur (vendeur d'immeuble "
                "à construire, article 1646-1 du Code civil), ainsi que, le cas échéant, "
                "sa responsabilité civile de "
                "promoteur."
            ),
            KV(_op_kv(w, rng)),
            Table(
                ["Garantie", "Montant"],
                [
                    ["Responsabilité décennale CNR", "Coût de construction"],
                    [
                        "RC promoteur - tous dommages confondus",
                        float(rng.choice([3, 5, 8]) * 1_000_000),
                    ],
                    ["Dommages immatériels", float(rng.choice([300, 500, 1000]) * 1000)],
                ],
                fmt="tm",
            ),
            P(
                "Cette attestation est délivrée pour servir et valoir ce que de droit ; elle "
                "ne constitue pas une "
                "présomption de garantie."
            ),
            P(place_date(w, rng)),
            Sign([[ins, ""]]),
        ],
        head_left=head,
    )


@template("ASSURANCE_PROMOTEUR", "attestation_trc", scan=0.15)
def trc(w: World, rng: random.Random) -> Doc:
    ins, head = _insurer(w, rng)
    s, e = w.start_date, w.delivery_date
    return Doc(
        "ATTESTATION D'ASSURANCE TOUS RISQUES CHANTIER",
        [
            KV(
                [
                    (
                        "Assuré",
                        f"{w.sccv.name} et l'ensemble des intervenants à l'acte de construire",
                    ),
                    ("Police n°", ids.ref(rng, "TRC-9999-9999")),
                    *_op_kv(w, rng),
                    (
                        "Période de garantie",
                        f"du {fk.fr_date(s)} jusqu'à la réception, au plus tard le {fk.fr_date(e)}",
                    ),
                ]
            ),
            P(
                "Sont garantis les dommages matériels subis par l'ouvrage en cours de construction "
                "(incendie, tempête, "
                "effondrement, vol, vandalisme, erreur de conception ou d'exécution), ainsi "
                "que la responsabilité civile "
                "du maître d'ouvrage pendant les travaux."
            ),
            Table(
                ["Garantie", "Limite", "Franchise"],
                [
                    ["Dommages à l'ouvrage", "Montant des travaux", "5 000 €"],
                    ["Catastrophes naturelles", "Montant des travaux", "légale"],
                    ["RC maître d'ouvrage", 6_000_000.0, "1 500 €"],
                ],
                fmt="tmt",
            ),
            P(place_date(w, rng)),
            Sign([[ins, "Service Construction"]]),
        ],
        head_left=head,
    )


@template("ASSURANCE_PROMOTEUR", "rc_promoteur_cp", formats=("pdf", "docx"), scan=0.05)
def rc_promoteur(w: World, rng: random.Random) -> Doc:
    _ins, head = _insurer(w, rng)
    return Doc(
        "CONTRAT RESPONSABILITÉ CIVILE PROMOTEUR - CONDITIONS PARTICULIÈRES",
        [
            KV(
                [
                    ("Souscripteur", w.developer.full),
                    ("Assurés", f"{w.developer.name} et ses SCCV filiales dont {w.sccv.name}"),
                    (
                        "Activité",
                        "Promotion immobilière, maîtrise d'ouvrage, vente "
                        "en l'état futur d'achèvement",
                    ),
                    ("Contrat", ids.ref(rng, "RCP-999999")),
                    ("Effet", fk.fr_date(dt.date(w.today.year, 1, 1))),
                ]
            ),
            H("Garanties"),
            P(
                "Responsabilité civile exploitation et professionnelle du promoteur, constructeur "
                "non réalisateur pour les "
                "opérations déclarées, tous risques chantier en option."
            ),
            Table(
                ["Nature", "Plafond par sinistre"],
                [
                    ["Dommages corporels", 8_000_000.0],
                    ["Dommages matériels et immatériels", 2_000_000.0],
                    ["Atteinte à l'environnement", 750_000.0],
                ],
                fmt="tm",
            ),
            H("Opérations déclarées"),
            Table(
                ["Opération", "Commune", "Coût travaux HT"],
                [
                    [w.programme, w.site.town, float(w.works_ht)],
                    [
                        f"{rng.choice(fk.PROGRAMME_WORDS)[0]} {rng.choice(fk.LAST)}",
                        rng.choice(fk.TOWNS)[0],
                        float(w.works_ht * rng.uniform(0.5, 1.5)),
                    ],
                ],
                fmt="ttm",
            ),
            *boiler(rng),
        ],
        head_left=head,
    )


def _actor(w: World, rng: random.Random) -> tuple[str, str, str]:
    if rng.random() < 0.3:
        return (
            w.architect_firm.full,
            "architecte - mission de maîtrise d'œuvre complète",
            w.architect_firm.siren,
        )
    c = rng.choice(w.contractors)
    return c.full, c.trade, c.siren


@template("ATTEST_ASSURANCE_ENTREPRISE", "attestation_decennale", scan=0.25)
def decennale(w: World, rng: random.Random) -> Doc:
    ins, head = _insurer(w, rng)
    name, act, siren = _actor(w, rng)
    s, e = _period(w, rng)
    return Doc(
        alt(
            rng,
            [
                "ATTESTATION D'ASSURANCE RESPONSABILITÉ CIVILE DÉCENNALE",
                "Attestation d'assurance décennale",
                "ATTESTATION D'ASSURANCE - RC DÉCENNALE ET RC PRO",
            ],
        ),
        [
            P(
                f"{ins} atteste que l'entreprise {name} (SIREN {siren}) est titulaire d'un "
                "contrat d'assurance n° "
                f"{ids.ref(rng, '9999999A')} garantissant sa responsabilité décennale (articles "
                "L241-1 et A243-1 du Code des "
                "assurances) et sa responsabilité civile professionnelle, pour la période "
                f"du {fk.fr_date(s)} au {fk.fr_date(e)}."
            ),
            Table(
                ["Activités garanties", "Nomenclature"],
                [[act, f"FFSA {rng.randint(1, 40)}"], ["Travaux accessoires", "-"]],
            ),
            Table(
                ["Garantie", "Montant"],
                [
                    ["Responsabilité décennale - habitation", "Coût des travaux de réparation"],
                    ["RC professionnelle", float(rng.choice([1, 2, 3, 5]) * 1_000_000)],
                    ["Chantier dont le coût excède", float(15_000_000)],
                ],
                fmt="tm",
            ),
            P(
                f"Chantier concerné (le cas échéant) : {w.programme}, {w.site.one_line()}."
                if rng.random() < 0.5
                else "Attestation valable pour les chantiers ouverts pendant "
                "la période de validité."
            ),
            P(
                "La présente attestation ne peut engager l'assureur en dehors des limites "
                "prévues par les clauses et "
                "conditions du contrat auquel elle se réfère.",
                style="small",
            ),
            P(place_date(w, rng)),
            Sign([[ins, ""]]),
        ],
        head_left=head,
    )


@template("ATTEST_ASSURANCE_ENTREPRISE", "attestation_rc_pro", scan=0.2)
def rc_pro(w: World, rng: random.Random) -> Doc:
    _ins, head = _insurer(w, rng)
    name, act, siren = _actor(w, rng)
    s, e = _period(w, rng)
    return Doc(
        "ATTESTATION D'ASSURANCE RESPONSABILITÉ CIVILE PROFESSIONNELLE",
        [
            KV(
                [
                    ("Assuré", name),
                    ("SIREN", siren),
                    ("Activité déclarée", act),
                    ("Contrat", ids.ref(rng, "RC-99999-999")),
                    ("Validité", f"du {fk.fr_date(s)} au {fk.fr_date(e)}"),
                ],
                boxed=True,
            ),
            P(
                "Garanties : responsabilité civile avant et après réception, dommages corporels, "
                "matériels et immatériels "
                "consécutifs causés aux tiers dans l'exercice des activités déclarées."
            ),
            Box(
                [
                    f"Montant global par année : {fk.money(rng.choice([1, 2, 4]) * 1_000_000)}",
                    f"Franchise : {fk.money(rng.choice([500, 1000, 1500]))}",
                ]
            ),
            P("Fait pour valoir ce que de droit."),
            P(place_date(w, rng)),
        ],
        head_left=head,
    )


@template("ATTEST_ASSURANCE_ENTREPRISE", "attestation_nominative_chantier", scan=0.2)
def nominative(w: World, rng: random.Random) -> Doc:
    ins, head = _insurer(w, rng)
    name, act, siren = _actor(w, rng)
    return Doc(
        "ATTESTATION D'ASSURANCE NOMINATIVE DE CHANTIER",
        [
            P(f"Assureur : {ins}"),
            P(f"Assuré : {name} - SIREN {siren}"),
            P(
                "Nous attestons que l'assuré est garanti, pour le chantier désigné ci-dessous, "
                "au titre de sa "
                f"responsabilité civile décennale obligatoire pour son activité de {act}."
            ),
            KV([*_op_kv(w, rng)[:3], ("Maître d'ouvrage", w.sccv.name)]),
            P(
                "La garantie est acquise pour la durée de la responsabilité décennale, soit "
                "dix ans à compter de la réception."
            ),
            Sign([["L'assureur", ""]]),
        ],
        head_left=head,
    )
