"""Works contracts: acte d'engagement, avenants, ordres de service, CCAP (near misses of the
quotes and invoices in `travaux`)."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from .. import fakes as fk
from ..fakes import World
from ..model import KV, Block, Doc, H, P, Sign, Table
from ..registry import template
from .common import (
    alt,
    company_phrase,
    d2,
    legal_footer,
    letterhead,
    place_date,
)

_MARCHE_ARTICLES = [
    (
        "Objet du marché",
        "Le présent marché a pour objet l'exécution des travaux du lot {lot} de l'opération "
        "{prog}, comprenant {n} logements, sis {site}, conformément au CCTP et aux "
        "plans du dossier marché.",
    ),
    (
        "Pièces constitutives",
        "Le marché est constitué, par ordre de priorité décroissant, du présent acte "
        "d'engagement, du CCAP, du CCTP, de la DPGF, du planning contractuel et de "
        "la norme NF P 03-001.",
    ),
    (
        "Prix",
        "Les travaux sont traités à prix global et forfaitaire de {ht} HT, soit {ttc} "
        "TTC. Le prix est "
        "révisable selon l'index BT01 avec un mois de référence mo = {mo}.",
    ),
    (
        "Délais d'exécution",
        "Le délai global d'exécution est de {mois} mois à compter de l'ordre de service de "
        "démarrage. Les délais partiels sont fixés par le planning contractuel.",
    ),
    (
        "Pénalités de retard",
        "En cas de retard, l'entrepreneur encourt une pénalité de 1/1000e du montant du "
        "marché par jour calendaire, plafonnée à 5 % du montant HT.",
    ),
    (
        "Retenue de garantie",
        "Une retenue de garantie de 5 % est appliquée sur chaque acompte conformément à la "
        "loi n° 71-584 du 16 juillet 1971. Elle peut être remplacée par une caution bancaire.",
    ),
    (
        "Assurances",
        "L'entrepreneur justifie d'une assurance de responsabilité civile décennale et d'une "
        "responsabilité civile professionnelle en cours de validité pendant toute "
        "la durée du chantier.",
    ),
    (
        "Sous-traitance",
        "Toute sous-traitance est soumise à l'acceptation préalable du maître d'ouvrage et à "
        "l'agrément de ses conditions de paiement (loi n° 75-1334 du 31 décembre 1975).",
    ),
    (
        "Paiements",
        "Les acomptes sont réglés mensuellement sur situations de travaux visées par le maître "
        "d'œuvre, à 45 jours fin de mois, déduction faite de la retenue de garantie.",
    ),
    (
        "Réception",
        "La réception est prononcée dans les conditions de l'article 1792-6 du Code civil, avec ou "
        "sans réserves, en présence de l'entrepreneur.",
    ),
    (
        "Résiliation",
        "Le maître d'ouvrage peut résilier le marché après mise en demeure restée sans effet "
        "pendant quinze jours.",
    ),
]


def _marche_vars(w: World, rng: random.Random) -> tuple[fk.Company, dict[str, str], Decimal]:
    c = rng.choice(w.contractors)
    ht = d2(w.works_ht * rng.uniform(0.08, 0.9))
    return (
        c,
        {
            "lot": c.trade,
            "prog": w.programme,
            "n": str(w.lots),
            "site": w.site.one_line(),
            "ht": fk.money(float(ht)),
            "ttc": fk.money(float(d2(ht * Decimal("1.2")))),
            "mo": f"{fk.MONTHS_FR[w.today.month - 1]} {w.today.year}",
            "mois": str(rng.randint(10, 26)),
        },
        ht,
    )


@template("MARCHE_TRAVAUX", "acte_engagement", scan=0.1)
def acte_engagement(w: World, rng: random.Random) -> Doc:
    c, v, _ht = _marche_vars(w, rng)
    blocks: list[Block] = [
        P(
            alt(rng, ["MARCHÉ PRIVÉ DE TRAVAUX", "Marché de travaux à prix global et forfaitaire"]),
            align="center",
            style="big",
        ),
        P("ENTRE LES SOUSSIGNÉS :", style="bold"),
        P(company_phrase(w.sccv, rng) + ", ci-après « le Maître d'ouvrage »,"),
        P("ET :", style="bold"),
        P(company_phrase(c, rng) + ", ci-après « l'Entrepreneur »,"),
        P("IL A ÉTÉ CONVENU CE QUI SUIT :", style="bold"),
    ]
    arts = _MARCHE_ARTICLES[:3] + rng.sample(_MARCHE_ARTICLES[3:], k=rng.randint(4, 8))
    for i, (t, body) in enumerate(arts, 1):
        blocks += [H(f"Article {i} - {t}", 2), P(body.format(**v))]
    blocks += [
        P(place_date(w, rng) + ", en deux exemplaires originaux."),
        Sign(
            [
                ["Le Maître d'ouvrage", w.sccv.manager.name],
                ["L'Entrepreneur", c.manager.name, "(lu et approuvé)"],
            ]
        ),
    ]
    return Doc(
        alt(rng, ["ACTE D'ENGAGEMENT", "MARCHÉ DE TRAVAUX", "CONTRAT D'ENTREPRISE"]),
        blocks,
        title_sub=f"Lot {c.trade} - Opération {w.programme}",
        footer=f"Marché {c.name} - paraphes",
    )


@template("MARCHE_TRAVAUX", "avenant", scan=0.1)
def avenant(w: World, rng: random.Random) -> Doc:
    c, _v, ht = _marche_vars(w, rng)
    delta = d2(ht * Decimal(str(rng.uniform(-0.05, 0.12))))
    n = rng.randint(1, 5)
    return Doc(
        f"AVENANT N° {n} AU MARCHÉ DE TRAVAUX",
        [
            P(
                f"Lot {c.trade} - {w.programme} - Marché signé le "
                f"{fk.fr_date(w.start_date - dt.timedelta(days=30))}"
            ),
            P(
                "Entre "
                + company_phrase(w.sccv, rng)
                + ", maître d'ouvrage, et "
                + company_phrase(c, rng)
                + ", titulaire."
            ),
            H("Article 1 - Objet de l'avenant"),
            P(
                alt(
                    rng,
                    [
                        "Le présent avenant a pour objet d'intégrer au marché "
                        "les travaux modificatifs "
                        "acquéreurs (TMA) "
                        "et les adaptations demandées par le maître d'œuvre.",
                        "Le présent avenant a pour objet la prolongation du délai d'exécution et "
                        "la prise en compte de "
                        "prestations supplémentaires.",
                    ],
                )
            ),
            H("Article 2 - Incidence financière"),
            Table(
                ["", "Montant HT"],
                [
                    ["Montant initial du marché", float(ht)],
                    [f"Avenant n° {n}", float(delta)],
                    ["Nouveau montant du marché", float(ht + delta)],
                ],
                fmt="tm",
                total=1,
            ),
            H("Article 3 - Délais"),
            P(f"Le délai d'exécution est prolongé de {rng.randint(0, 8)} semaines."),
            P(
                "Toutes les clauses du marché initial non modifiées par le présent avenant "
                "demeurent applicables."
            ),
            P(place_date(w, rng)),
            Sign([["Le maître d'ouvrage", w.sccv.manager.name], ["L'entreprise", c.manager.name]]),
        ],
        head_left=letterhead(w.sccv, rng, ids=False),
    )


@template("MARCHE_TRAVAUX", "ordre_service", scan=0.2)
def ordre_service(w: World, rng: random.Random) -> Doc:
    c, v, _ht = _marche_vars(w, rng)
    return Doc(
        f"ORDRE DE SERVICE N° {rng.randint(1, 12)}",
        [
            KV(
                [
                    ("Opération", w.programme),
                    ("Maître d'ouvrage", w.sccv.name),
                    ("Maître d'œuvre", w.architect_firm.name),
                    ("Entreprise", c.full),
                    ("Lot", c.trade),
                    ("Montant du marché HT", v["ht"]),
                ],
                boxed=True,
            ),
            P(
                alt(
                    rng,
                    [
                        "Il est prescrit à l'entreprise de commencer les "
                        "travaux de son lot à compter du "
                        f"{fk.fr_date(w.start_date)}. Le délai contractuel "
                        f"de {v['mois']} mois court "
                        "à compter de cette date.",
                        "Il est prescrit à l'entreprise d'exécuter les travaux "
                        "supplémentaires décrits "
                        "ci-dessous, "
                        "conformément au devis accepté, dans le cadre de son marché.",
                    ],
                )
            ),
            P(
                "L'entreprise dispose d'un délai de quinze jours pour présenter ses éventuelles "
                "réserves sur le présent "
                "ordre de service (article 3.8 de la norme NF P 03-001)."
            ),
            P(place_date(w, rng)),
            Sign(
                [
                    ["Le maître d'œuvre", w.architect.name],
                    ["Le maître d'ouvrage", w.sccv.manager.name],
                    ["Reçu par l'entreprise le", ""],
                ]
            ),
        ],
        head_left=letterhead(w.architect_firm, rng),
    )


@template("MARCHE_TRAVAUX", "ccap", scan=0.05)
def ccap(w: World, rng: random.Random) -> Doc:
    _c, v, _ht = _marche_vars(w, rng)
    blocks: list[Block] = [
        P(f"Opération : {w.programme} - {w.site.one_line()}"),
        P(f"Maître d'ouvrage : {w.sccv.name}"),
        P(f"Lots : tous corps d'état ({len(w.contractors)} lots)"),
    ]
    for i, (t, body) in enumerate(_MARCHE_ARTICLES, 1):
        blocks += [
            H(f"{i}. {t}"),
            P(body.format(**v)),
            P(
                "Les dispositions du présent article dérogent, le cas échéant, à celles de "
                "la norme NF P 03-001."
            ),
        ]
    blocks.append(
        Table(
            ["Lot", "Entreprise", "Montant HT"],
            [
                [x.trade, x.name, float(d2(w.works_ht * rng.uniform(0.03, 0.3)))]
                for x in w.contractors
            ],
            fmt="ttm",
        )
    )
    return Doc(
        "CAHIER DES CLAUSES ADMINISTRATIVES PARTICULIÈRES (CCAP)",
        blocks,
        header=f"{w.programme} - CCAP - Marché privé",
        footer=legal_footer(w.sccv, rng),
    )
