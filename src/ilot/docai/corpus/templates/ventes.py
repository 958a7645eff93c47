"""Sales of lots off-plan: VEFA reservation contracts and deeds of sale (near misses of the
land title and land promise in `notarial`)."""

from __future__ import annotations

import random

from .. import fakes as fk
from ..fakes import World
from ..model import KV, Block, Box, Doc, H, P, Sign, Table
from ..registry import template
from .chantier import STAGES
from .common import Lot, alt, company_phrase, lot_rows, person_phrase, place_date
from .notarial import _CLAUSES, _notary_intro


def _lot_text(lot: Lot, w: World) -> str:
    return (
        f"lot n° {lot['lot']}, appartement de type {lot['type']} situé au {lot['floor']}, "
        "d'une surface habitable "
        f"prévisionnelle de {fk.num(float(lot['surface']), dec=1)} m²"
        + (f", avec {lot['parking']}" if lot["parking"] not in ("-",) else "")
        + f", dans l'ensemble immobilier « {w.programme} » à édifier {w.site.one_line()}"
    )


@template("CONTRAT_RESERVATION", "contrat_preliminaire", formats=("pdf", "docx"), scan=0.1)
def reservation(w: World, rng: random.Random) -> Doc:
    b = rng.choice(w.buyers)
    lot = lot_rows(w, rng, 1)[0]
    price = float(lot["price"])
    pct = rng.choice([2, 5])
    return Doc(
        alt(
            rng,
            [
                "CONTRAT PRÉLIMINAIRE DE RÉSERVATION",
                "CONTRAT DE RÉSERVATION",
                "Contrat de réservation VEFA",
            ],
        ),
        [
            P(
                "(Articles L261-15 et R261-25 à R261-31 du Code de la construction et de "
                "l'habitation)",
                align="center",
            ),
            P(f"ENTRE : {company_phrase(w.sccv, rng)}, ci-après « le Réservant »,"),
            P(f"ET : {person_phrase(b)}, ci-après « le Réservataire »,"),
            H("1. Objet"),
            P(
                "Le Réservant s'engage à réserver au Réservataire, "
                f"qui accepte, le {_lot_text(lot, w)}, "
                "tel que décrit dans la "
                "notice descriptive sommaire et le plan annexés."
            ),
            H("2. Prix prévisionnel"),
            P(
                f"Le prix prévisionnel de vente est de {fk.money(price)} TTC (TVA au taux "
                "de 20 %), révisable dans les limites "
                "de l'article R261-15 du CCH."
            ),
            H("3. Dépôt de garantie"),
            P(
                "En contrepartie de la réservation, le Réservataire verse un dépôt de garantie "
                f"de {fk.money(price * pct / 100)}, "
                f"soit {pct} % du prix, sur un compte spécial ouvert au nom du Réservataire "
                f"chez Maître {w.notary.name}."
            ),
            H("4. Délais"),
            P(
                "La signature de l'acte authentique de vente est "
                f"prévue au cours du {fk.MONTHS_FR[w.start_date.month - 1]} "
                f"{w.start_date.year}. La livraison est prévue au plus tard à la fin du "
                f"{rng.choice(['premier', 'deuxième', 'troisième', 'quatrième'])} trimestre "
                f"{w.delivery_date.year}."
            ),
            H("5. Faculté de rétractation"),
            P(
                "Conformément à l'article L271-1 du CCH, le Réservataire dispose d'un délai "
                "de dix jours à compter du lendemain "
                "de la première présentation de la lettre recommandée lui notifiant le présent "
                "contrat pour se rétracter."
            ),
            H("6. Restitution du dépôt"),
            P(
                "Le dépôt de garantie est restitué sans retenue ni pénalité dans les cas "
                "prévus à l'article R261-31 du CCH, "
                "notamment si le prêt n'est pas obtenu ou si le prix excède de plus de 5 "
                "% le prix prévisionnel."
            ),
            P(place_date(w, rng)),
            Sign(
                [
                    ["Le Réservant", w.sccv.manager.name],
                    ["Le Réservataire", b.name, "(lu et approuvé)"],
                ]
            ),
        ],
        footer=f"{w.sccv.name} - contrat de réservation lot {lot['lot']}",
    )


@template("CONTRAT_RESERVATION", "reservation_conditions_particulieres", scan=0.1)
def reservation_cp(w: World, rng: random.Random) -> Doc:
    b = rng.choice(w.buyers)
    lot = lot_rows(w, rng, 1)[0]
    price = float(lot["price"])
    return Doc(
        "CONTRAT DE RÉSERVATION - CONDITIONS PARTICULIÈRES",
        [
            KV(
                [
                    ("Programme", f"{w.programme} - {w.site.town}"),
                    ("Réservataire", b.formal),
                    ("Adresse", b.address.one_line()),
                    ("Lot", f"{lot['lot']} - {lot['type']} - {lot['floor']}"),
                    ("Surface habitable", f"{lot['surface']} m²"),
                    ("Annexes", str(lot["parking"])),
                    ("Prix TTC", fk.money(price)),
                    ("Dépôt de garantie (5 %)", fk.money(price * 0.05)),
                    ("Financement", rng.choice(["Prêt bancaire", "Comptant", "PTZ + prêt"])),
                    ("Date de réservation", fk.fr_date(w.today)),
                ],
                boxed=True,
            ),
            H("Échéancier prévisionnel (art. R261-14 CCH)"),
            Table(["Stade", "% cumulé"], [[s, float(p)] for s, p in STAGES[::2]], fmt="tp"),
            P(
                "Les conditions générales du contrat de réservation, la notice descriptive "
                "et le plan du lot sont annexés. Le "
                "réservataire reconnaît être informé de son droit de rétractation de dix "
                "jours (article L271-1 CCH)."
            ),
            Sign([["Le réservant", ""], ["Le réservataire", ""]]),
        ],
        head_left=[w.developer.full, "Service commercial", w.developer.phone],
    )


@template("CONTRAT_RESERVATION", "bulletin_reservation", scan=0.2)
def bulletin(w: World, rng: random.Random) -> Doc:
    b = rng.choice(w.buyers)
    lot = lot_rows(w, rng, 1)[0]
    return Doc(
        f"{w.programme.upper()} - CONTRAT DE RÉSERVATION",
        [
            Box(
                [
                    f"Nom : {b.last.upper()}   Prénom : {b.first}",
                    f"Né(e) le {fk.fr_date(b.birth)} à {b.birth_town}",
                    f"Adresse : {b.address.one_line()}",
                    f"Téléphone : {fk.phone(rng)}",
                ],
                "Le(s) réservataire(s)",
            ),
            Box(
                [
                    f"Lot n° {lot['lot']}  Type {lot['type']}  Étage {lot['floor']}",
                    f"Surface habitable : {lot['surface']} m²  Extérieur : {lot['ext']} m²",
                    f"Prix TTC : {fk.money(float(lot['price']))}",
                ],
                "Le bien réservé",
            ),
            P(
                "Dépôt de garantie versé par chèque / virement à "
                f"l'ordre de Maître {w.notary.name}, séquestre."
            ),
            P(
                "Le présent contrat préliminaire est régi par les articles L261-15 et R261-25 "
                "et suivants du CCH. "
                "Le réservataire dispose d'un délai de rétractation de 10 jours."
            ),
            P(place_date(w, rng)),
            Sign([["Le réservataire", "« Lu et approuvé »"], ["Pour le réservant", ""]]),
        ],
        head_left=[w.developer.name, w.developer.address.one_line()],
    )


def _echeancier() -> Table:
    return Table(
        ["Stade d'avancement", "% cumulé du prix"], [[s, float(p)] for s, p in STAGES], fmt="tp"
    )


@template("ACTE_VENTE", "vefa_acte", formats=("pdf", "docx"), scan=0.05)
def vefa(w: World, rng: random.Random) -> Doc:
    b = rng.choice(w.buyers)
    lot = lot_rows(w, rng, 1)[0]
    price = float(lot["price"])
    draft = rng.random() < 0.35
    blocks: list[Block] = [
        *_notary_intro(w, rng, "VENTE EN L'ÉTAT FUTUR D'ACHÈVEMENT"),
        H("VENDEUR"),
        P(company_phrase(w.sccv, rng)),
        H("ACQUÉREUR"),
        P(person_phrase(b)),
        H("OBJET DE LA VENTE"),
        P(
            "Le vendeur vend en l'état futur d'achèvement, conformément aux articles "
            "1601-3 du Code civil "
            "et L261-1 et suivants du CCH, à l'acquéreur qui "
            f"accepte, le {_lot_text(lot, w)}, et les "
            f"{rng.randint(50, 400)}/10000èmes des parties communes générales."
        ),
        H("PRIX"),
        P(
            f"La vente est consentie moyennant le prix de {fk.words_fr(int(price)).upper()} EUROS "
            f"({fk.money(price)}) TVA incluse, payable au fur et à mesure de l'avancement "
            "des travaux selon "
            "l'échéancier ci-après :"
        ),
        _echeancier(),
        H("GARANTIE FINANCIÈRE D'ACHÈVEMENT"),
        P(
            "Le vendeur justifie d'une garantie financière d'achèvement délivrée par "
            f"{w.bank.name} "
            "(article R261-21 du CCH), dont l'attestation demeure annexée."
        ),
        H("DÉLAI DE LIVRAISON"),
        P(
            "Le vendeur s'oblige à achever et livrer le bien "
            f"au plus tard le {fk.fr_date_long(w.delivery_date)}, "
            "sauf causes légitimes de suspension du délai."
        ),
        H("ASSURANCES"),
        P(
            "Le vendeur déclare avoir souscrit une assurance dommages-ouvrage et une "
            "assurance constructeur non réalisateur."
        ),
    ]
    for t, body in rng.sample(_CLAUSES[:4], k=2):
        blocks += [H(t), P(body)]
    blocks.append(Sign([["Le vendeur", ""], ["L'acquéreur", ""], ["Le notaire", ""]]))
    return Doc(
        ("PROJET - " if draft else "")
        + alt(
            rng,
            [
                "VENTE EN L'ÉTAT FUTUR D'ACHÈVEMENT",
                "ACTE DE VENTE VEFA",
                "VENTE D'IMMEUBLE À CONSTRUIRE",
            ],
        ),
        blocks,
        header=("PROJET D'ACTE - " if draft else "")
        + f"{w.notary_office} - {w.sccv.name} / {b.last.upper()}",
        footer="Copie authentique" if not draft else "Projet soumis à l'accord des parties",
    )


@template("ACTE_VENTE", "attestation_vente", scan=0.15)
def attestation_vente(w: World, rng: random.Random) -> Doc:
    b = rng.choice(w.buyers)
    lot = lot_rows(w, rng, 1)[0]
    return Doc(
        alt(
            rng,
            ["ATTESTATION DE VENTE", "Attestation notariée de vente en l'état futur d'achèvement"],
        ),
        [
            P(
                f"Je soussigné(e), Maître {w.notary.name}, notaire, certifie avoir reçu ce "
                "jour l'acte authentique de vente en "
                f"l'état futur d'achèvement par la {w.sccv.name} au profit de {b.formal} portant "
                f"sur le {_lot_text(lot, w)}."
            ),
            KV(
                [
                    ("Prix de vente TTC", fk.money(float(lot["price"]))),
                    ("Date de l'acte", fk.fr_date(w.today)),
                    ("Payé ce jour", f"{rng.choice([5, 35])} % du prix"),
                    ("Livraison prévue", fk.fr_date(w.delivery_date)),
                ]
            ),
            P(
                "Attestation délivrée pour servir et valoir ce que de droit, notamment auprès "
                "de l'établissement prêteur."
            ),
            Sign([[f"Maître {w.notary.name}", ""]]),
        ],
        head_left=[w.notary_office, *w.notary.address.lines()],
    )


@template("ACTE_VENTE", "vente_lot_acheve", formats=("pdf", "docx"), scan=0.05)
def vente_achevee(w: World, rng: random.Random) -> Doc:
    b, b2 = rng.sample(w.buyers, 2)
    lot = lot_rows(w, rng, 1)[0]
    price = float(lot["price"]) * rng.uniform(1.0, 1.2)
    return Doc(
        "VENTE",
        [
            *_notary_intro(w, rng, "VENTE"),
            H("VENDEUR"),
            P(person_phrase(b)),
            H("ACQUÉREUR"),
            P(person_phrase(b2)),
            H("DÉSIGNATION"),
            P(
                f"Dans un ensemble immobilier en copropriété dénommé « {w.programme} », sis "
                f"{w.site.one_line()}, le lot numéro {lot['lot']} : un appartement de type "
                f"{lot['type']} et les tantièmes des parties communes y afférents."
            ),
            H("PRIX"),
            P(
                f"Prix : {fk.money(price)}, payé comptant au moyen d'un prêt consenti par "
                f"{w.bank.name}."
            ),
            H("ORIGINE DE PROPRIÉTÉ"),
            P(
                f"Le vendeur a acquis le bien en l'état futur d'achèvement de la {w.sccv.name} "
                "suivant acte reçu "
                f"par Maître {w.notary.name} le {fk.fr_date(w.start_date)}."
            ),
            H("COPROPRIÉTÉ"),
            P(
                "L'acquéreur déclare avoir reçu le règlement de copropriété, l'état descriptif de "
                "division et les trois derniers procès-verbaux d'assemblée générale."
            ),
            Sign([["Le vendeur", ""], ["L'acquéreur", ""]]),
        ],
        header=w.notary_office,
    )


_ = (Box, place_date)
