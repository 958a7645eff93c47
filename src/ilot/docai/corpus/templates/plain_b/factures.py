"""Invoices (FACTURE).

Part of `plain_b`, the templates of another writer (see its package docstring).
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from ... import fakes as fk
from ... import identifiers as ids
from ...fakes import World
from ...model import KV, Block, Cell, Doc, P, Sign, Table
from ...registry import template
from ..common import alt, d2, legal_footer, letterhead, recipient
from ._shared import _CHAPTERS, _case


# ---------------------------------------------------------------------------------------------
# FACTURE
def _pay_terms(rng: random.Random) -> str:
    return (
        "En cas de retard de paiement, des pénalités calculées au taux d'intérêt appliqué par "
        "la BCE à son opération de refinancement la plus récente majoré de 10 points seront "
        "exigibles (art. L441-10 du code de commerce), ainsi qu'une indemnité forfaitaire "
        "pour frais de recouvrement de 40 € (art. D441-5). "
        + alt(rng, ["Pas d'escompte pour paiement anticipé.", "Escompte : néant.", ""])
    )


@template("FACTURE", "pb_situation_mensuelle_lignes", formats=("pdf", "xlsx"), scan=0.15)
def pb_situation_mensuelle_lignes(w: World, rng: random.Random) -> Doc:
    """Monthly progress invoice: per-line previous and current percentages, then the net due."""
    c = rng.choice(w.contractors)
    n = rng.randint(2, 18)
    market = d2(Decimal(w.works_ht) * Decimal(str(round(rng.uniform(0.04, 0.22), 3))))
    subcontract = rng.random() < 0.25
    lines = [x for x, *_ in (_CHAPTERS.get(c.trade) or _CHAPTERS["default"])]
    lines += rng.sample(
        [
            "Études et plans d'exécution",
            "Approvisionnements",
            "Bâtiment A",
            "Bâtiment B",
            "Parties communes",
            "Logements R+1 à R+3",
            "Essais et mise en service",
        ],
        k=rng.randint(2, 4),
    )
    weights = [rng.uniform(0.5, 2) for _ in lines]
    rows: list[list[Cell]] = []
    cum_prev = Decimal("0")
    cum_now = Decimal("0")
    acc = Decimal("0")
    for i, (label, wt) in enumerate(zip(lines, weights, strict=True)):
        amount = (
            market - acc if i == len(lines) - 1 else d2(market * Decimal(str(wt / sum(weights))))
        )
        acc += amount
        p_prev = rng.choice([0, 0, 10, 25, 40, 60, 80, 100])
        p_now = min(100, p_prev + rng.choice([0, 5, 10, 15, 20, 30]))
        v_prev = d2(amount * p_prev / 100)
        v_now = d2(amount * p_now / 100)
        cum_prev += v_prev
        cum_now += v_now
        rows.append([label, float(amount), float(p_prev), float(p_now), float(v_now - v_prev)])
    month_ht = cum_now - cum_prev
    rows.append(
        [
            "Total marché de base",
            float(market),
            float(d2(cum_prev * 100 / market)),
            float(d2(cum_now * 100 / market)),
            float(month_ht),
        ]
    )
    avenant = Decimal("0")
    if rng.random() < 0.35:
        avenant = d2(market * Decimal(str(round(rng.uniform(0.01, 0.05), 3))))
        rows.insert(
            -1,
            [
                "Avenant n° 1 - travaux modificatifs acquéreurs",
                float(avenant),
                0.0,
                100.0,
                float(avenant),
            ],
        )
        month_ht += avenant
    revision = (
        d2(month_ht * Decimal(str(round(rng.uniform(0.002, 0.03), 4))))
        if rng.random() < 0.4
        else Decimal("0")
    )
    base_ht = month_ht + revision
    tva = Decimal("0") if subcontract else d2(base_ht * Decimal("0.2"))
    rg = d2((base_ht + tva) * Decimal("0.05"))
    net = base_ht + tva - rg
    summary: list[list[Cell]] = [["Montant des travaux du mois HT", float(month_ht)]]
    if revision:
        summary.append(["Révision de prix (index BT01)", float(revision)])
    summary += [
        ["Total HT", float(base_ht)],
        ["TVA due par le preneur - autoliquidation" if subcontract else "TVA 20 %", float(tva)],
        ["Retenue de garantie 5 %", float(-rg)],
        ["Net à payer", float(net)],
    ]
    inv_no = ids.ref(rng, rng.choice(["F99-9999", "FA-9999-999", "SIT-99999"]))
    d = w.start_date + dt.timedelta(days=30 * n + rng.randint(-5, 10))
    due = d + dt.timedelta(days=rng.choice([30, 45, 60]))
    client = w.contractors[0] if subcontract and w.contractors[0] is not c else w.sccv
    blocks: list[Block] = [
        KV(
            [
                ("Facture n°", inv_no),
                ("Date", fk.fr_date(d)),
                (
                    "Situation n°",
                    f"{n} - travaux réalisés au "
                    f"{fk.fr_date(d - dt.timedelta(days=rng.randint(0, 5)))}",
                ),
                (
                    "Marché",
                    f"Lot {c.trade} - {w.programme}" + (" (sous-traitance)" if subcontract else ""),
                ),
                ("Date d'échéance", fk.fr_date(due)),
            ],
            boxed=rng.random() < 0.5,
        ),
        Table(
            ["Désignation", "Montant HT", "% précédent", "% cumulé", "Travaux du mois HT"],
            rows,
            fmt="tmppm",
            total=1,
            widths=[3, 1.3, 0.9, 0.9, 1.4],
        ),
        Table([], summary, fmt="tm", total=1, widths=[4, 1.5]),
    ]
    if subcontract:
        blocks.append(
            P(
                "Autoliquidation - TVA due par le preneur, article 283-2 nonies du CGI.",
                style="bold",
            )
        )
    blocks += [
        P(f"Règlement par virement : IBAN {ids.group4(c.iban)} - BIC {c.bic}", style="small"),
        P(_pay_terms(rng), style="small"),
    ]
    if rng.random() < 0.6:
        blocks.append(
            Sign(
                [
                    ["L'entreprise", c.manager.name],
                    [
                        "Vu et vérifié par le maître d'œuvre",
                        w.architect.name,
                        "le ..../..../........",
                    ],
                ]
            )
        )
    return Doc(
        _case(
            rng,
            alt(
                rng,
                [
                    f"Facture - situation n° {n}",
                    f"Situation de travaux n° {n}",
                    "Facture de situation",
                    "Décompte mensuel - facture",
                ],
            ),
        ),
        blocks,
        head_left=letterhead(c, rng),
        head_right=recipient(client),
        footer=legal_footer(c, rng),
    )


_SERVICES = [
    (
        "géomètre-expert",
        "Cabinet {last} Géomètres-Experts",
        [
            "Bornage contradictoire et procès-verbal",
            "Plan topographique",
            "Division parcellaire - document d'arpentage",
            "Implantation des bâtiments",
        ],
    ),
    (
        "bureau de contrôle",
        "{last} Contrôle",
        [
            "Mission de contrôle technique L+S - acompte",
            "Rapport initial de contrôle technique",
            "Attestation accessibilité",
            "Visites de chantier",
        ],
    ),
    (
        "géotechnicien",
        "{last} Géotechnique",
        [
            "Mission G2 AVP",
            "Sondages pressiométriques",
            "Essais de laboratoire",
            "Rapport et déplacement",
        ],
    ),
    (
        "agence de communication",
        "Agence {last}",
        [
            "Création du site internet du programme",
            "Panneau de commercialisation 4 x 3 m",
            "Perspectives 3D",
            "Plaquette commerciale 12 pages",
        ],
    ),
    (
        "loueur de matériel",
        "{last} Location",
        [
            "Location nacelle 12 m - semaine",
            "Location groupe électrogène",
            "Transport aller/retour",
            "Assurance bris de machine",
        ],
    ),
    (
        "coordinateur SPS",
        "{last} Coordination SPS",
        [
            "Coordination SPS phase conception",
            "Coordination SPS phase réalisation - acompte",
            "Visites d'inspection commune",
        ],
    ),
]


@template("FACTURE", "pb_facture_prestataire", scan=0.25)
def pb_facture_prestataire(w: World, rng: random.Random) -> Doc:
    """Invoice (sometimes a credit note) from a service provider of the operation."""
    kind, pattern, items = rng.choice(_SERVICES)
    prov = fk.company(
        rng,
        w.today,
        pattern.format(last=rng.choice(fk.LAST)),
        rng.choice(["SARL", "SAS", "SELARL", "EURL"]),
    )
    credit = rng.random() < 0.18
    picked = rng.sample(items, k=rng.randint(1, len(items)))
    rows: list[list[Cell]] = []
    ht = Decimal("0")
    for it in picked:
        q = rng.choice([1, 1, 1, 2, 3, 4])
        pu = d2(rng.uniform(250, 6500))
        amt = d2(pu * q)
        if credit:
            amt = -amt
        ht += amt
        rows.append([it, float(q), float(pu), float(amt)])
    tva = d2(ht * Decimal("0.2"))
    ttc = ht + tva
    d = w.today - dt.timedelta(days=rng.randint(0, 120))
    due = d + dt.timedelta(days=rng.choice([0, 30, 45]))
    no = ids.ref(
        rng, rng.choice(["FC-99999", "2099-9999", "F/99/9999", "A-99999" if credit else "FAC99999"])
    )
    order = ids.ref(rng, "DE-9999")
    rows += [
        ["Total HT", "", "", float(ht)],
        ["TVA 20 %", "", "", float(tva)],
        ["Total TTC" if not credit else "Montant de l'avoir TTC", "", "", float(ttc)],
    ]
    client = rng.choice([w.sccv, w.sccv, w.developer])
    meta: list[tuple[str, str]] = [
        ("Avoir n°" if credit else "Facture n°", no),
        ("Date de facture", fk.fr_date(d)),
        ("Client", f"{client.full} - TVA {client.vat}"),
        ("Opération", f"{w.programme} - {w.site.town}"),
        (
            "Votre commande",
            f"devis n° {order} accepté le "
            f"{fk.fr_date(d - dt.timedelta(days=rng.randint(20, 200)))}",
        ),
    ]
    if credit:
        meta.append(("Annule et remplace", f"facture n° {ids.ref(rng, 'FC-99999')}"))
    else:
        meta.append(("Échéance", "à réception" if due == d else fk.fr_date(due)))
    blocks: list[Block] = [
        KV(meta, boxed=rng.random() < 0.5),
        Table(
            ["Désignation", "Qté", "P.U. HT", "Montant HT"],
            rows,
            fmt="tdmm",
            total=3,
            widths=[3.8, 0.6, 1.2, 1.3],
        ),
    ]
    if credit:
        blocks.append(
            P(
                alt(
                    rng,
                    [
                        "Avoir établi suite à erreur de quantité sur notre facture initiale.",
                        "Avoir pour prestation annulée à la demande du client.",
                        "Remise commerciale accordée sur la mission.",
                    ],
                )
            )
        )
    else:
        blocks += [
            P(
                f"Merci de rappeler la référence {no} lors de votre règlement. Règlement par "
                f"virement sur le compte : {prov.bank} - IBAN {ids.group4(prov.iban)} - BIC "
                f"{prov.bic}"
            ),
            P(_pay_terms(rng), style="small"),
        ]
    return Doc(
        alt(
            rng,
            [
                "FACTURE",
                "Facture",
                "AVOIR" if credit else "FACTURE D'HONORAIRES",
                "Note d'honoraires"
                if kind in ("géomètre-expert", "coordinateur SPS")
                else "Facture",
            ],
        )
        if not credit
        else alt(rng, ["AVOIR", "Facture d'avoir", "Avoir"]),
        blocks,
        head_left=letterhead(prov, rng),
        head_right=recipient(
            client, alt(rng, ["", "Service comptabilité fournisseurs", client.manager.formal])
        ),
        footer=legal_footer(prov, rng),
    )
