"""Releases of mortgage (MAINLEVEE).

Part of `plain_c`, the templates of another writer (see its package docstring).
"""

from __future__ import annotations

import datetime as dt
import random

from ... import fakes as fk
from ... import identifiers as ids
from ...fakes import World
from ...model import Block, Doc, H, P, Sign, Table
from ...registry import template
from ..common import letterhead, lot_rows, recipient
from ._shared import (
    Rows,
    _banker,
    _cap,
    _date_words,
    _pick,
    _plus,
    _salut,
    _societe,
    _town_date,
    _yes,
)


# --------------------------------------------------------------------------------------------
# MAINLEVEE
@template("MAINLEVEE", "pc_mainlevee_acte_radiation", scan=0.1)
def mainlevee_acte(w: World, rng: random.Random) -> Doc:
    partial = _yes(rng, 0.45)
    # a total release follows the repayment, i.e. the end of the programme
    when = w.today if partial else max(w.today, _plus(w.delivery_date, rng.randint(20, 240)))
    proxy = fk.person(rng, w.today)
    lots = lot_rows(w, rng, rng.randint(1, 4)) if partial else []
    inscr: Rows = []
    base = _plus(w.start_date, -rng.randint(20, 120))
    kinds = [
        "Hypothèque conventionnelle",
        "Privilège de prêteur de deniers"
        if base < dt.date(2023, 1, 1)
        else "Hypothèque légale spéciale du prêteur de deniers",
    ]
    for k in rng.sample(kinds, k=rng.randint(1, 2)):
        inscr.append(
            [
                k,
                fk.fr_date(_plus(base, rng.randint(5, 30))),
                f"{base.year} V n° {rng.randint(100, 9999)}",
                float(round(w.works_ht * rng.uniform(0.1, 0.4), -3)),
            ]
        )
    blocks: list[Block] = [
        P(_date_words(when) + ",", style="bold"),
        P(
            f"Maître {w.notary.name}, notaire à {w.notary.address.town}, a reçu le présent "
            "acte contenant MAINLEVÉE "
            + ("PARTIELLE" if partial else "TOTALE")
            + " à la requête de :"
        ),
        P(
            f"{_cap(_societe(w.bank, rng, rep=False))}, ci-après « le Créancier », représentée par "
            f"{proxy.formal}, en vertu d'une délégation de pouvoirs demeurée annexée."
        ),
        H(_pick(rng, "Inscriptions concernées", "EXPOSÉ")),
        P(
            f"Au profit du Créancier, ont été inscrites contre la {w.sccv.name} au service "
            f"de la publicité foncière de {w.site.town} les inscriptions suivantes, sur un "
            f"terrain sis {w.site.one_line()}, cadastré {w.cadastre} :"
        ),
        Table(["Nature", "Date de dépôt", "Références", "Montant en principal"], inscr, fmt="tttm"),
        H("MAINLEVÉE"),
    ]
    if partial:
        blocks += [
            P(
                "Le Créancier donne mainlevée pure et simple et consent à la radiation "
                "partielle des inscriptions ci-dessus, en tant seulement qu'elles grèvent les "
                "lots de copropriété suivants, vendus en l'état futur d'achèvement :"
            ),
            Table(
                ["Lot", "Désignation", "Acquéreur"],
                [
                    [x["lot"], f"{x['type']} - {x['floor']}", f"{fk.person(rng, w.today).formal}"]
                    for x in lots
                ],
            ),
            P("Les inscriptions sont maintenues sur le surplus des biens."),
        ]
    else:
        blocks.append(
            P(
                "Le Créancier, reconnaissant avoir été intégralement payé des sommes garanties, "
                "donne mainlevée pure et simple et consent à la radiation totale et définitive "
                "des inscriptions ci-dessus, avec désistement de tous droits d'hypothèque et "
                "de l'action résolutoire."
            )
        )
    blocks += [
        P(
            "Dispense est faite au service de la publicité foncière de toute mention "
            "complémentaire. Les frais du présent acte sont à la charge du débiteur."
        ),
        H("DONT ACTE"),
        P(
            "Fait et passé en l'office notarial, à la date indiquée en tête des présentes. "
            "Après lecture, le représentant du Créancier a signé avec le notaire."
        ),
        Sign([["Le Créancier", proxy.name], ["Le notaire", w.notary.name]]),
    ]
    return Doc(
        _pick(
            rng,
            "MAINLEVÉE",
            "Acte de mainlevée d'inscriptions",
            "MAINLEVÉE PARTIELLE" if partial else "MAINLEVÉE TOTALE",
            "mainlevée et radiation",
        ),
        blocks,
        head_left=[w.notary_office, *w.notary.address.lines()],
        header=f"Mainlevée {w.bank.name} / {w.sccv.name}" if _yes(rng) else "",
    )


@template("MAINLEVEE", "pc_mainlevee_accord_banque", scan=0.15)
def mainlevee_accord(w: World, rng: random.Random) -> Doc:
    kind = rng.choice(["lot", "gfa", "nantissement", "caution"])
    banker, role = _banker(w, rng)
    lot = lot_rows(w, rng, 1)[0]
    quota = round(float(lot["price"]) * rng.choice([0.7, 0.8, 0.9]), 2)
    to_notary = kind in ("lot", "gfa") or _yes(rng, 0.3)
    when = w.today if kind == "lot" else max(w.today, _plus(w.delivery_date, rng.randint(15, 200)))
    if kind == "lot":
        obj = f"Accord de mainlevée partielle - lot n° {lot['lot']} - {w.programme}"
        body = [
            P(
                f"Vous nous informez de la vente en l'état futur d'achèvement du lot "
                f"n° {lot['lot']} ({lot['type']}) de l'opération « {w.programme} », dont la "
                f"signature est prévue le {fk.fr_date(_plus(w.today, rng.randint(3, 20)))}."
            ),
            P(
                "Nous vous donnons notre accord pour la mainlevée partielle de "
                + _pick(
                    rng,
                    "l'hypothèque",
                    "la promesse d'affectation hypothécaire",
                    "nos inscriptions",
                )
                + f" grevant ce lot, sous réserve du versement sur le compte de l'opération "
                f"de la quote-part de prix de {fk.money(quota)}, conformément à la "
                "convention de crédit."
            ),
        ]
    elif kind == "gfa":
        obj = f"Mainlevée de la garantie financière d'achèvement - {w.sccv.name}"
        body = [
            P(
                f"Au vu de l'attestation d'achèvement établie le "
                f"{fk.fr_date(_plus(w.delivery_date, rng.randint(0, 10)))} en application de "
                "l'article R261-24 du CCH, "
                "nous vous confirmons que notre garantie financière d'achèvement délivrée "
                f"pour l'immeuble « {w.programme} » est éteinte."
            ),
            P(
                "Notre engagement prend fin à compter de ce jour ; nous vous remercions d'en "
                "faire mention dans vos dossiers et de nous restituer l'original de l'acte de "
                "cautionnement si vous le détenez."
            ),
        ]
    elif kind == "nantissement":
        obj = f"Mainlevée du nantissement des parts sociales de la {w.sccv.name}"
        body = [
            P(
                "Le crédit d'accompagnement consenti à la société ayant été intégralement "
                "remboursé, nous donnons mainlevée du nantissement des parts sociales "
                f"inscrit en notre faveur au greffe du tribunal de commerce de "
                f"{w.sccv.rcs_town}."
            ),
            P(
                "Nous vous autorisons à procéder à la radiation de l'inscription, les frais "
                "restant à la charge de la société."
            ),
        ]
    else:
        obj = f"Libération de votre engagement de caution - {w.sccv.name}"
        body = [
            P(
                f"Nous vous informons que les sommes garanties par votre engagement de "
                f"caution du {fk.fr_date(w.start_date)} ont été intégralement réglées. Vous "
                "êtes en conséquence délié(e) de cet engagement, dont nous donnons mainlevée "
                "pleine et entière."
            )
        ]
    blocks: list[Block] = [
        P(f"Objet : {obj}", style="bold"),
        P(_pick(rng, "Maître,", "Cher Maître,") if to_notary else "Madame, Monsieur,"),
        *body,
    ]
    if kind == "lot" and _yes(rng, 0.6):
        blocks.append(
            P(
                "Le présent accord est valable trois mois. Les frais de mainlevée restent à la "
                "charge du vendeur ; merci de nous adresser une copie de l'acte de vente et "
                "l'avis de virement de la quote-part dès la signature."
            )
        )
    elif _yes(rng, 0.5):
        blocks.append(
            P(
                _pick(
                    rng,
                    f"Copie de la présente est adressée à la {w.sccv.name} et à son gérant.",
                    "Nous restons à votre disposition pour signer tout acte nécessaire à la "
                    "radiation des inscriptions correspondantes.",
                    "Cette mainlevée n'emporte aucune renonciation à nos autres garanties au "
                    "titre d'autres concours.",
                )
            )
        )
    if _yes(rng, 0.4):
        blocks.append(P(f"Nos références : dossier {ids.ref(rng, '999 999 AA')}.", style="small"))
    blocks += [
        P(_salut(rng, "Maître" if to_notary else "Madame, Monsieur")),
        Sign([[w.bank.name, banker.name, role]]),
    ]
    recip = (
        [f"Maître {w.notary.name}", w.notary_office, *w.notary.address.lines()]
        if to_notary
        else recipient(w.sccv if kind != "caution" else w.developer)
    )
    return Doc(
        _pick(rng, "", "", "MAINLEVÉE", "Accord de mainlevée"),
        blocks,
        head_left=letterhead(w.bank, rng),
        head_right=[*recip, _town_date(rng, w.bank.address.town, when)],
    )
