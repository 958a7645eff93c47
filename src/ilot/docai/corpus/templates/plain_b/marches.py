"""Works contracts (MARCHE_TRAVAUX).

Part of `plain_b`, the templates of another writer (see its package docstring).
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from ... import fakes as fk
from ... import identifiers as ids
from ...fakes import World
from ...model import KV, Block, Bullets, Cell, Doc, H, P, Sign, Table
from ...registry import template
from ..common import alt, d2, letterhead, place_date, recipient
from ._shared import _case, _sign_date

# ---------------------------------------------------------------------------------------------
# MARCHE_TRAVAUX
_STAGES = [
    ("Installation de chantier et terrassements", 5),
    ("Fondations achevées", 10),
    ("Plancher bas du rez-de-chaussée", 10),
    ("Élévations du dernier niveau", 25),
    ("Mise hors d'eau", 10),
    ("Mise hors d'air", 10),
    ("Cloisons et réseaux en place", 10),
    ("Finitions intérieures", 10),
    ("Réception sans réserve majeure", 5),
    ("Levée des réserves et DOE", 5),
]


@template("MARCHE_TRAVAUX", "pb_contrat_entreprise_generale", formats=("pdf", "docx"), scan=0.05)
def pb_contrat_entreprise_generale(w: World, rng: random.Random) -> Doc:
    """General-contractor agreement: articles, payment schedule by stage, legal guarantees."""
    eg = fk.company(
        rng,
        w.today,
        alt(
            rng,
            [
                f"{rng.choice(fk.LAST)} Construction",
                f"{rng.choice(fk.REGIONS)} Bâtiment",
                f"Entreprise Générale {rng.choice(fk.LAST)}",
                f"{ids.ref(rng, 'AAA')} Construction",
            ],
        ),
        rng.choice(["SAS", "SA"]),
    )
    ht = d2(Decimal(w.works_ht) * Decimal(str(round(rng.uniform(0.92, 1.05), 3))))
    ht = d2(round(ht / 100) * 100)
    tva = d2(ht * Decimal("0.2"))
    months = max(12, (w.delivery_date - w.start_date).days // 30 - rng.randint(0, 3))
    sched: list[list[Cell]] = []
    acc = Decimal("0")
    for i, (stage, pct) in enumerate(_STAGES):
        amt = ht - acc if i == len(_STAGES) - 1 else d2(ht * pct / 100)
        acc += amt
        sched.append([f"{i + 1}", stage, float(pct), float(amt)])
    sched.append(["", "Total", 100.0, float(ht)])
    penalty = rng.choice(["1/1000e", "1/2000e", "1/3000e"])
    sign_d = w.start_date - dt.timedelta(days=rng.randint(15, 90))
    articles: list[tuple[str, list[Block]]] = [
        (
            "Objet",
            [
                P(
                    "Le présent marché a pour objet la réalisation, en entreprise générale tous "
                    "corps "
                    f"d'état, de l'ensemble des travaux nécessaires à la construction de {w.lots} "
                    f"logements, situés {w.site.one_line()}, conformément au permis de construire "
                    f"n° {w.permit_no} et aux pièces énumérées à l'article 2."
                )
            ],
        ),
        (
            "Pièces constitutives",
            [
                Bullets(
                    [
                        "le présent contrat et ses annexes financières ;",
                        "le cahier des clauses techniques particulières (CCTP) tous corps "
                        "d'état, indice "
                        f"{rng.choice('ABC')} ;",
                        "la décomposition du prix global et forfaitaire (DPGF) ;",
                        "les plans de l'architecte et le rapport initial du contrôleur technique ;",
                        "le calendrier contractuel d'exécution ;",
                        "la norme NF P 03-001 (cahier des clauses administratives générales "
                        "applicable "
                        "aux marchés privés de travaux), sauf dérogations expresses du présent "
                        "contrat.",
                    ],
                    ordered=True,
                )
            ],
        ),
        (
            "Prix",
            [
                P(
                    f"Le marché est conclu à prix global et forfaitaire de {fk.money(float(ht))} "
                    "HT, "
                    f"soit {fk.money(float(ht + tva))} TTC au taux de TVA de 20 %. "
                    + alt(
                        rng,
                        [
                            "Le prix est ferme et actualisable selon l'index BT01 si l'ordre de "
                            "service "
                            "de démarrage intervient plus de trois mois après la date de remise "
                            "de l'offre.",
                            "Le prix est révisable mensuellement par application de l'index "
                            "BT01, avec "
                            "une partie fixe de 12,5 %.",
                            "Le prix est ferme et non révisable pour toute la durée du chantier.",
                        ],
                    )
                )
            ],
        ),
        (
            "Délais",
            [
                P(
                    f"Le délai global d'exécution est fixé à {months} mois, période de "
                    "préparation de "
                    f"{rng.choice([1, 2])} mois incluse, à compter de l'ordre de service de "
                    "démarrage. "
                    f"Les jours d'intempéries au sens de l'article L5424-8 du code du travail "
                    "prolongent le délai, sur justification."
                )
            ],
        ),
        (
            "Pénalités",
            [
                P(
                    "En cas de retard dans l'achèvement, l'entreprise encourt, sans mise en "
                    "demeure "
                    f"préalable, une pénalité de {penalty} du montant du marché HT par jour "
                    "calendaire "
                    f"de retard, plafonnée à {rng.choice([5, 8, 10])} % du montant du marché."
                )
            ],
        ),
        (
            "Modalités de paiement",
            [
                P(
                    "Les paiements interviennent selon l'échéancier ci-dessous, sur présentation "
                    "de situations mensuelles visées par le maître d'œuvre, à 45 jours fin de "
                    "mois, par virement au compte de l'entreprise ouvert auprès de "
                    f"{eg.bank} sous l'IBAN {ids.group4(eg.iban)} (BIC {eg.bic})."
                ),
                Table(
                    ["N°", "Stade d'avancement", "%", "Montant HT"],
                    sched,
                    fmt="ttpm",
                    total=1,
                    widths=[0.5, 4, 0.7, 1.5],
                ),
            ],
        ),
        (
            "Retenue de garantie",
            [
                P(
                    "Une retenue de garantie de 5 % est opérée sur chaque paiement, conformément "
                    "à la loi "
                    "n° 71-584 du 16 juillet 1971. Elle peut être remplacée par une caution "
                    "personnelle "
                    "et solidaire d'un établissement financier. Elle est libérée un an après la "
                    "réception, sauf opposition motivée du maître d'ouvrage."
                )
            ],
        ),
        (
            "Garantie de paiement",
            [
                P(
                    "Conformément à l'article 1799-1 du Code civil, le maître d'ouvrage justifie "
                    "d'une "
                    f"garantie de paiement sous la forme d'une caution délivrée par {w.bank.name}"
                    + alt(
                        rng,
                        [
                            ".",
                            ", ou d'une attestation de crédit spécifiquement affecté à "
                            "l'opération.",
                        ],
                    )
                )
            ],
        ),
        (
            "Sous-traitance",
            [
                P(
                    "L'entreprise ne peut sous-traiter tout ou partie du marché sans avoir obtenu "
                    "l'acceptation de chaque sous-traitant et l'agrément de ses conditions de "
                    "paiement "
                    "par le maître d'ouvrage, dans les conditions de la loi n° 75-1334 du 31 "
                    "décembre "
                    "1975."
                )
            ],
        ),
        (
            "Assurances",
            [
                P(
                    "L'entreprise justifie d'une assurance de responsabilité civile et d'une "
                    "assurance "
                    "de responsabilité décennale couvrant les travaux objet du marché. Le maître "
                    "d'ouvrage déclare avoir souscrit une assurance dommages-ouvrage."
                )
            ],
        ),
        (
            "Réception",
            [
                P(
                    "La réception est prononcée contradictoirement, avec ou sans réserves, dans "
                    "les "
                    "conditions de l'article 1792-6 du Code civil. L'entreprise est tenue de "
                    "lever les "
                    "réserves dans le délai fixé au procès-verbal."
                )
            ],
        ),
    ]
    head_arts = articles[:3]
    rest = articles[3:]
    if rng.random() < 0.5:
        rng.shuffle(rest)
    keep = head_arts + rng.sample(rest, k=rng.randint(5, len(rest)))
    blocks: list[Block] = [
        KV(
            [
                ("Maître d'ouvrage", w.sccv.full),
                ("Maître d'œuvre", w.architect_firm.full),
                ("Entreprise", f"{eg.full} - SIRET {eg.siret}"),
                ("Opération", f"{w.programme} - {w.lots} logements"),
                ("Montant HT", fk.money(float(ht))),
            ],
            boxed=True,
        ),
    ]
    style = rng.randrange(3)
    for i, (t, body) in enumerate(keep, 1):
        label = [f"Article {i} - {t}", f"ARTICLE {i} : {t.upper()}", f"{i}. {t}"][style]
        blocks += [H(label), *body]
    blocks += [
        _sign_date(w, rng, sign_d, w.sccv.address.town),
        Sign(
            [
                ["Le maître d'ouvrage", w.sccv.name, w.sccv.manager.name],
                ["L'entrepreneur", eg.name, eg.manager.name, "« Lu et approuvé »"],
            ]
        ),
    ]
    return Doc(
        _case(
            rng,
            alt(
                rng,
                [
                    "Marché de travaux en entreprise générale",
                    "Contrat d'entreprise générale",
                    "Marché privé de travaux - tous corps d'état",
                    "Marché à prix global et forfaitaire",
                ],
            ),
        ),
        blocks,
        title_sub=alt(
            rng, [f"{w.programme} - {w.site.town}", "", f"Marché n° {ids.ref(rng, 'M-9999-99')}"]
        ),
        footer=alt(rng, ["Paraphes", "", f"{w.sccv.name} / {eg.name}"]),
    )


@template("MARCHE_TRAVAUX", "pb_lettre_commande_lot", scan=0.2)
def pb_lettre_commande_lot(w: World, rng: random.Random) -> Doc:
    """Short order letter that stands as the contract for one trade package."""
    c = rng.choice(w.contractors)
    lot_no = rng.randint(1, 18)
    ht = round(w.works_ht * rng.uniform(0.03, 0.25), -2)
    offer_d = w.start_date - dt.timedelta(days=rng.randint(40, 150))
    d = offer_d + dt.timedelta(days=rng.randint(10, 40))
    blocks: list[Block] = [
        P(
            alt(
                rng,
                [
                    f"Objet : lettre de commande valant marché - lot n° {lot_no} {c.trade}",
                    f"Objet : {w.programme} - attribution du lot {lot_no} ({c.trade})",
                    f"Objet : marché de travaux - lot {lot_no} - {c.trade.upper()}",
                ],
            ),
            style="bold",
        ),
        P(
            "Recommandée avec AR"
            if rng.random() < 0.5
            else "Envoi par courriel et courrier simple",
            style="italic",
        ),
        P(alt(rng, ["Madame, Monsieur,", "Monsieur,", "Madame,"])),
        P(
            f"Après analyse des offres et mise au point, nous avons le plaisir de vous informer "
            f"que la {w.sccv.name} vous confie les travaux du lot n° {lot_no} - {c.trade}, "
            f"pour l'opération {w.programme} située {w.site.one_line()}."
        ),
        KV(
            [
                ("Montant forfaitaire HT", fk.money(ht)),
                ("TVA 20 %", fk.money(ht * 0.2)),
                ("Montant TTC", fk.money(ht * 1.2)),
                (
                    "Votre offre de référence",
                    f"n° {ids.ref(rng, 'OF-9999')} du {fk.fr_date(offer_d)}, mise au point du "
                    f"{fk.fr_date(d - dt.timedelta(days=rng.randint(2, 9)))}",
                ),
                (
                    "Démarrage prévisionnel",
                    fk.fr_date(w.start_date + dt.timedelta(days=rng.randint(0, 200))),
                ),
                ("Délai d'exécution", f"{rng.randint(2, 14)} mois selon calendrier OPC"),
            ],
            boxed=True,
        ),
        P(
            "La présente lettre de commande, une fois contresignée, vaut marché. Elle est "
            "complétée par les pièces suivantes, qui prévalent dans l'ordre ci-après :"
        ),
        Bullets(
            [
                "le CCAP de l'opération et ses annexes ;",
                f"le CCTP du lot {lot_no} ;",
                "la DPGF remplie par vos soins et mise au point ;",
                "le calendrier d'exécution ;",
                "la norme NF P 03-001.",
            ],
            ordered=rng.random() < 0.5,
        ),
        P(
            "Les situations mensuelles, visées par le maître d'œuvre, seront réglées à 45 jours "
            f"fin de mois par virement sur votre compte {c.bank}, IBAN {ids.group4(c.iban)}. "
            "Une retenue de garantie de 5 % sera appliquée sur les situations mensuelles, "
            "sauf production d'une caution bancaire équivalente. Les pénalités de retard sont "
            f"fixées à {fk.money(rng.choice([150, 200, 300, 500]))} HT par jour calendaire."
        ),
        P(
            "Avant tout commencement, vous nous transmettrez vos attestations d'assurance "
            "responsabilité civile et décennale, ainsi que les documents prévus à l'article "
            "D8222-5 du code du travail (attestation de vigilance URSSAF, extrait K-bis)."
        ),
        P("Merci de nous retourner un exemplaire signé avec la mention « lu et accepté »."),
        P(alt(rng, ["Nous vous prions d'agréer nos salutations distinguées.", "Cordialement,"])),
        Sign(
            [
                ["Le maître d'ouvrage", w.sccv.name, w.sccv.manager.name],
                ["L'entreprise (lu et accepté)", c.name, "Cachet et signature"],
            ]
        ),
    ]
    return Doc(
        alt(rng, ["", "", "LETTRE DE COMMANDE", "Lettre de commande valant marché"]),
        blocks,
        head_left=letterhead(w.developer, rng)
        if rng.random() < 0.5
        else [w.sccv.name, f"c/o {w.developer.name}", *w.developer.address.lines()],
        head_right=[
            *recipient(c, c.manager.formal if rng.random() < 0.5 else ""),
            "",
            place_date(w, rng, d),
        ],
    )
