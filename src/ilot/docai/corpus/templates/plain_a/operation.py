"""Operation budgets and cash-flow plans (BILAN_OPERATION, PLAN_TRESORERIE).

Part of `plain_a`, the templates of another writer (see its package docstring).
"""

from __future__ import annotations

import random

from ... import fakes as fk
from ...fakes import World
from ...model import KV, Block, Bullets, Doc, H, P, Table
from ...registry import template
from ..common import alt
from ._shared import Rows, _add_months, _days, _pct

# ---------------------------------------------------------------------------------------------
# BILAN_OPERATION
# ---------------------------------------------------------------------------------------------
_TYPES = [
    ("T1", 28.0, 0.08),
    ("T2", 43.0, 0.32),
    ("T3", 63.0, 0.35),
    ("T4", 81.0, 0.18),
    ("T5", 100.0, 0.07),
]


def _lot_mix(w: World, rng: random.Random) -> tuple[Rows, float, float]:
    """Revenue by type of flat: rows, total TTC and total living area, close to the World."""
    counts = [max(0, round(w.lots * s * rng.uniform(0.6, 1.4))) for _, _, s in _TYPES]
    counts[2] += w.lots - sum(counts)
    if counts[2] < 0:
        counts = [0, w.lots // 2, w.lots - w.lots // 2, 0, 0]
    shab = [n * a * rng.uniform(0.95, 1.05) for n, (_, a, _) in zip(counts, _TYPES, strict=True)]
    total_shab = sum(shab) or 1.0
    pk = w.lots + rng.randint(-w.lots // 4, w.lots // 3)
    pk_price = rng.choice([8000, 10000, 12000, 15000, 18000])
    pm2 = (w.revenue_ttc - pk * pk_price) / total_shab
    rows: Rows = []
    for (t, _, _), n, s in zip(_TYPES, counts, shab, strict=True):
        if n:
            rows.append([t, float(n), s, pm2 * rng.uniform(0.97, 1.03), 0.0])
    for r in rows:
        r[4] = float(r[2]) * float(r[3])
    rows.append(["Parkings", float(pk), 0.0, 0.0, float(pk * pk_price)])
    total = sum(float(r[4]) for r in rows)
    return rows, total, total_shab


def _cost_groups(
    w: World, rng: random.Random, ca_ht: float
) -> list[tuple[str, list[tuple[str, float]]]]:
    works = float(w.works_ht)
    land = float(w.land_price)
    groups: list[tuple[str, list[tuple[str, float]]]] = [
        (
            "Foncier",
            [
                ("Prix d'acquisition du terrain", land),
                ("Frais d'acquisition (notaire, droits)", land * rng.uniform(0.025, 0.075)),
                *(
                    [("Démolition / dépollution", works * rng.uniform(0.005, 0.03))]
                    if rng.random() < 0.5
                    else []
                ),
                *(
                    [("Indemnités d'éviction / négociation", land * rng.uniform(0.01, 0.05))]
                    if rng.random() < 0.3
                    else []
                ),
            ],
        ),
        (
            "Travaux",
            [
                ("Coût de construction (marchés)", works),
                ("VRD et aménagements extérieurs", works * rng.uniform(0.02, 0.06)),
                ("Raccordements concessionnaires", w.lots * rng.uniform(2500, 6000)),
                ("Aléas et révisions", works * rng.uniform(0.02, 0.05)),
            ],
        ),
        (
            "Honoraires techniques",
            [
                ("Architecte - maîtrise d'œuvre", works * rng.uniform(0.05, 0.09)),
                ("Bureaux d'études techniques", works * rng.uniform(0.015, 0.03)),
                ("Contrôle technique et SPS", works * rng.uniform(0.008, 0.015)),
                ("Géomètre, OPC, divers", works * rng.uniform(0.004, 0.012)),
            ],
        ),
        (
            "Taxes et assurances",
            [
                ("Taxe d'aménagement et archéologie préventive", w.sdp_m2 * rng.uniform(60, 140)),
                ("Assurances DO / CNR / TRC", works * rng.uniform(0.012, 0.025)),
            ],
        ),
        (
            "Commercialisation",
            [
                ("Honoraires de vente", ca_ht * rng.uniform(0.03, 0.06)),
                ("Publicité, bureau de vente", ca_ht * rng.uniform(0.005, 0.015)),
            ],
        ),
        (
            "Frais financiers",
            [
                ("Intérêts et commissions du crédit", ca_ht * rng.uniform(0.01, 0.025)),
                ("Garantie financière d'achèvement", ca_ht * rng.uniform(0.004, 0.01)),
                ("Frais de garanties (hypothèque, caution)", land * rng.uniform(0.005, 0.015)),
            ],
        ),
        (
            "Frais de structure",
            [("Honoraires de gestion du promoteur", ca_ht * rng.uniform(0.04, 0.07))],
        ),
    ]
    return groups


@template(
    "BILAN_OPERATION", "pa_bilan_postes_detailles", formats=("pdf", "xlsx", "docx"), scan=0.04
)
def bilan_postes_detailles(w: World, rng: random.Random) -> Doc:
    mix, ttc, shab = _lot_mix(w, rng)
    vat = rng.choice([20.0, 20.0, 20.0, 5.5]) if rng.random() < 0.15 else 20.0
    ht = ttc / (1 + vat / 100)
    groups = _cost_groups(w, rng, ht)
    rows: Rows = []
    total = 0.0
    numbered = rng.random() < 0.6
    for gi, (gname, items) in enumerate(groups, 1):
        rows.append([f"{gi}. {gname.upper()}" if numbered else gname.upper(), "", "", ""])
        sub = 0.0
        for name, v in items:
            rows.append([f"   {name}", v, v / ht * 100, v / w.sdp_m2])
            sub += v
        rows.append([f"Sous-total {gname.lower()}", sub, sub / ht * 100, sub / w.sdp_m2])
        total += sub
    rows.append(["PRIX DE REVIENT TOTAL HT", total, total / ht * 100, total / w.sdp_m2])
    margin = ht - total
    rec: Rows = [
        [*r[:3], float(r[4]) / max(1.0, float(r[2])) if float(r[2]) else 0.0, r[4]] for r in mix
    ]
    rec[-1][2:4] = ["", ""]
    rec.append(["Total TTC", float(w.lots), shab, ttc / shab, ttc])
    v = rng.randint(1, 12)
    blocks: list[Block] = [
        KV(
            [
                ("Opération", f"{w.programme} - {w.site.one_line()}"),
                ("Maître d'ouvrage", w.sccv.name),
                (
                    "Programme",
                    f"{w.lots} logements - {fk.num(w.sdp_m2)} m² SDP - {fk.num(shab)} m² SHAB",
                ),
                ("Permis de construire", f"{w.permit_no} du {fk.fr_date(w.permit_date)}"),
                ("Version", f"V{v} - {fk.fr_date(w.today)}"),
            ]
        ),
        Table(
            ["Typologie", "Nombre", "SHAB (m²)", "Prix moyen €/m² TTC", "CA TTC"],
            rec,
            fmt="tnnmm",
            total=1,
            title="RECETTES",
        ),
        P(f"Chiffre d'affaires HT (TVA {_pct(vat)}) : {fk.money(ht)}", style="bold"),
        Table(
            ["Poste", "Montant HT", "% CA HT", "€ / m² SDP"],
            rows,
            fmt="tmpm",
            total=1,
            title="DÉPENSES",
            widths=[4, 1.6, 1, 1.2],
        ),
        Table(
            ["Indicateur", "Valeur"],
            [
                ["Marge brute HT", fk.money(margin)],
                ["Marge / CA HT", _pct(margin / ht * 100)],
                ["Marge / prix de revient", _pct(margin / total * 100)],
                ["Charge foncière / m² SDP", fk.money(w.land_price / w.sdp_m2)],
                ["Incidence foncière / CA HT", _pct(w.land_price / ht * 100)],
                ["Prix de revient / m² SHAB", fk.money(total / shab)],
            ],
            title="RATIOS",
        ),
    ]
    if rng.random() < 0.5:
        blocks.append(
            P(
                alt(
                    rng,
                    [
                        "Bilan établi hors révision de prix des marchés et hors frais de "
                        "portage au-delà de la date de livraison prévisionnelle.",
                        f"Prix de vente validés par l'étude de marché du "
                        f"{fk.fr_date(w.today - _days(rng, 30, 200))}.",
                        "Les montants sont exprimés hors taxes ; la TVA sur les dépenses est "
                        "récupérable.",
                    ],
                ),
                style="small",
            )
        )
    return Doc(
        alt(
            rng,
            [
                "Bilan d'opération",
                "BILAN PRÉVISIONNEL",
                "Bilan promoteur détaillé",
                f"BILAN FINANCIER - {w.programme.upper()}",
                "Budget de l'opération",
            ],
        ),
        blocks,
        head_left=[w.developer.name, w.sccv.name] if rng.random() < 0.6 else [],
        footer=alt(rng, ["Document de travail - confidentiel", "", f"V{v}"]),
    )


@template("BILAN_OPERATION", "pa_bilan_fiche_comite", formats=("pdf", "docx", "xlsx"), scan=0.03)
def bilan_fiche_comite(w: World, rng: random.Random) -> Doc:
    _, ttc, shab = _lot_mix(w, rng)
    ht = ttc / 1.2
    groups = _cost_groups(w, rng, ht)
    agg = [(g, sum(v for _, v in items)) for g, items in groups]
    pr = sum(v for _, v in agg)
    margin = ht - pr
    rows: Rows = [[g, v, v / ht * 100] for g, v in agg]
    rows.append(["Prix de revient", pr, pr / ht * 100])
    rows.append(["Marge", margin, margin / ht * 100])
    works = sum(v for g, v in agg if g == "Travaux")
    sens: Rows = []
    for name, dp, dw in [
        ("Base", 0.0, 0.0),
        ("Prix de vente -5 %", -0.05, 0.0),
        ("Coût travaux +5 %", 0.0, 0.05),
        ("Prix -5 % et travaux +5 %", -0.05, 0.05),
    ]:
        h = ht * (1 + dp)
        p = pr + works * dw
        sens.append([name, h, p, h - p, (h - p) / h * 100])
    equity = float(int(pr * rng.uniform(0.08, 0.15) / 1000) * 1000)
    credit = float(int(pr * rng.uniform(0.25, 0.4) / 1000) * 1000)
    presales = pr - equity - credit
    blocks: list[Block] = [
        KV(
            [
                ("Société", w.sccv.name),
                ("Associés", f"{w.developer.name} / {w.holding.name}"),
                ("Adresse", w.site.one_line()),
                ("Programme", f"{w.lots} lots, {fk.num(shab)} m² habitables"),
                ("Prix moyen", f"{fk.money(ttc / shab)} TTC/m² hors parking"),
                ("Démarrage travaux", fk.fr_date(w.start_date)),
                ("Livraison prévisionnelle", fk.fr_date(w.delivery_date)),
            ],
            boxed=rng.random() < 0.5,
        ),
        Table(
            ["Synthèse (€ HT)", "Montant", "% CA"],
            [["Chiffre d'affaires", ht, 100.0], *rows],
            fmt="tmp",
            total=2,
        ),
    ]
    if rng.random() < 0.75:
        blocks.append(
            Table(
                ["Scénario", "CA HT", "Prix de revient", "Marge", "Taux"],
                sens,
                fmt="tmmmp",
                title="Sensibilité",
            )
        )
    if rng.random() < 0.7:
        blocks.append(
            Table(
                ["Financement du prix de revient", "Montant", "%"],
                [
                    ["Fonds propres et quasi-fonds propres", equity, equity / pr * 100],
                    ["Crédit d'accompagnement", credit, credit / pr * 100],
                    ["Appels de fonds acquéreurs", presales, presales / pr * 100],
                    ["Total", pr, 100.0],
                ],
                fmt="tmp",
                total=1,
            )
        )
    blocks += [
        H("Commentaires", 2),
        P(
            alt(
                rng,
                [
                    f"Le taux de marge ressort à {_pct(margin / ht * 100)} du chiffre "
                    "d'affaires HT, avant impôt sur les sociétés des associés.",
                    "Le bilan intègre une provision pour aléas sur les travaux ; les prix de "
                    "vente sont alignés sur l'offre concurrente du secteur.",
                    "Marge à confirmer après consultation des entreprises de gros œuvre.",
                ],
            )
        ),
    ]
    return Doc(
        alt(
            rng,
            [
                "FICHE DE SYNTHÈSE - BILAN D'OPÉRATION",
                "Bilan synthétique",
                "Synthèse financière de l'opération",
                f"{w.programme} - bilan",
            ],
        ),
        blocks,
        head_left=[w.developer.name] if rng.random() < 0.5 else [],
    )


# ---------------------------------------------------------------------------------------------
# PLAN_TRESORERIE
# ---------------------------------------------------------------------------------------------
_MONTHS_SHORT = [
    "janv.",
    "févr.",
    "mars",
    "avr.",
    "mai",
    "juin",
    "juil.",
    "août",
    "sept.",
    "oct.",
    "nov.",
    "déc.",
]


def _bell(n: int, lo: int, hi: int) -> list[float]:
    """Weights over months [lo, hi): a triangular S-curve, as works spending usually is."""
    mid = (lo + hi) / 2
    out = [0.0] * n
    for i in range(lo, min(hi, n)):
        out[i] = 1.0 + (mid - abs(i - mid))
    s = sum(out) or 1.0
    return [x / s for x in out]


@template("PLAN_TRESORERIE", "pa_treso_mensuelle_credit", formats=("xlsx", "pdf"), scan=0.02)
def treso_mensuelle_credit(w: World, rng: random.Random) -> Doc:
    n = rng.randint(18, 30)
    m0 = _add_months(w.start_date.replace(day=1), -rng.randint(1, 4))
    short = rng.random() < 0.5
    months = [_add_months(m0, i) for i in range(n)]
    labels = [
        f"{_MONTHS_SHORT[d.month - 1]} {d.year % 100}" if short else f"{d.month:02d}/{d.year}"
        for d in months
    ]
    works_end = n - rng.randint(1, 3)
    w_curve = _bell(n, 2, works_end)
    s_curve = _bell(n, 3, n)
    works = [w.works_ht * 1.2 * x for x in w_curve]
    fees = [w.works_ht * 0.1 * 1.2 * (0.3 / n + 0.7 * x) for x in w_curve]
    sales = [w.revenue_ttc * rng.uniform(0.7, 0.9) * x for x in s_curve]
    land = [w.land_price * 1.06 if i == 0 else 0.0 for i in range(n)]
    taxes = [w.sdp_m2 * 90.0 if i == 1 else 0.0 for i in range(n)]
    equity = [float(int(w.land_price * 0.35 / 1000) * 1000) if i == 0 else 0.0 for i in range(n)]
    rate = rng.uniform(0.04, 0.065) / 12
    credit_out = 0.0
    cum = 0.0
    draws, repays, interests, cums = [], [], [], []
    peak = 0.0
    for i in range(n):
        interest = credit_out * rate
        net = sales[i] + equity[i] - works[i] - fees[i] - land[i] - taxes[i] - interest
        cum_before = cum + net
        draw = repay = 0.0
        if cum_before < 0:
            draw = -cum_before
        elif credit_out > 0 and cum_before > 0:
            repay = min(credit_out, cum_before * 0.8)
        credit_out += draw - repay
        cum = cum_before + draw - repay
        peak = max(peak, credit_out)
        draws.append(draw)
        repays.append(-repay)
        interests.append(-interest)
        cums.append(cum)
    lines: list[tuple[str, list[float]]] = [
        ("Apport des associés", equity),
        ("Encaissements acquéreurs (appels de fonds)", sales),
        ("Tirages crédit d'accompagnement", draws),
        ("Acquisition foncière et frais", [-x for x in land]),
        ("Taxes d'urbanisme", [-x for x in taxes]),
        ("Travaux TTC", [-x for x in works]),
        ("Honoraires TTC", [-x for x in fees]),
        ("Intérêts et commissions", interests),
        ("Remboursements crédit", repays),
    ]
    blocks: list[Block] = [
        P(
            f"{w.sccv.name} - opération {w.programme} ({w.lots} logements) - montants en "
            f"euros TTC - édition du {fk.fr_date(w.today)}"
        ),
    ]
    chunk = rng.choice([12, 12, 9])
    for k in range(0, n, chunk):
        sl = slice(k, min(n, k + chunk))
        rows: Rows = [[name, *vals[sl]] for name, vals in lines]
        net_row = [sum(float(r[j + 1]) for r in rows) for j in range(len(labels[sl]))]
        rows.append(["Solde du mois", *net_row])
        rows.append(["Trésorerie fin de mois", *cums[sl]])
        ncols = len(labels[sl])
        blocks.append(
            Table(
                ["", *labels[sl]],
                rows,
                fmt="t" + "n" * ncols,
                total=2,
                widths=[3.2] + [1.0] * ncols,
                title=f"Mois {k + 1} à {k + ncols}",
            )
        )
    blocks.append(
        KV(
            [
                ("Encours maximal du crédit (pic)", fk.money(peak)),
                ("Taux retenu", _pct(rate * 12 * 100, 2) + " l'an"),
                ("Total des intérêts", fk.money(-sum(interests))),
                ("Total des encaissements acquéreurs", fk.money(sum(sales))),
            ],
            boxed=True,
        )
    )
    return Doc(
        alt(
            rng,
            [
                "PLAN DE TRÉSORERIE",
                "Plan de trésorerie mensuel",
                "Trésorerie prévisionnelle",
                "Échéancier de trésorerie de l'opération",
            ],
        ),
        blocks,
        landscape=True,
        head_left=[w.developer.name] if rng.random() < 0.5 else [],
    )


@template(
    "PLAN_TRESORERIE", "pa_treso_semestres_hypotheses", formats=("pdf", "xlsx", "docx"), scan=0.03
)
def treso_semestres(w: World, rng: random.Random) -> Doc:
    start = w.start_date
    n = rng.randint(4, 7)
    labels = []
    for i in range(n):
        d = _add_months(start, 6 * i)
        labels.append(f"S{1 if d.month <= 6 else 2} {d.year}")
    w_curve = _bell(n, 0, n - 1)
    s_curve = _bell(n, 0, n)
    pace = rng.randint(2, 6)
    pre = rng.choice([30, 40, 50])
    rec = [w.revenue_ttc * 0.95 * x for x in s_curve]
    dep_land = [w.land_price * 1.07 if i == 0 else 0.0 for i in range(n)]
    dep_works = [w.works_ht * 1.2 * x for x in w_curve]
    dep_other = [w.works_ht * rng.uniform(0.12, 0.2) * (1 / n) for _ in range(n)]
    rows: Rows = [
        ["Encaissements ventes", *rec],
        ["Foncier", *[-x for x in dep_land]],
        ["Travaux", *[-x for x in dep_works]],
        ["Honoraires, taxes, frais", *[-x for x in dep_other]],
    ]
    flows = [sum(float(r[j + 1]) for r in rows) for j in range(n)]
    cum: list[float] = []
    c = 0.0
    for f in flows:
        c += f
        cum.append(c)
    rows += [["Flux net", *flows], ["Cumul", *cum]]
    peak = min(cum)
    peak_at = labels[cum.index(peak)]
    blocks: list[Block] = [
        H("Hypothèses", 2),
        Bullets(
            rng.sample(
                [
                    f"Démarrage des travaux : {fk.fr_date(w.start_date)} ; livraison : "
                    f"{fk.fr_date(w.delivery_date)}.",
                    f"Rythme de ventes : {pace} réservations par mois, {pre} % de pré-"
                    "commercialisation au démarrage des travaux.",
                    "Encaissements selon l'échelonnement de l'article R261-14 du CCH "
                    "(35 % à l'achèvement des fondations, 70 % hors d'eau, 95 % à "
                    "l'achèvement).",
                    "Paiement des entreprises à 45 jours fin de mois, retenue de garantie de 5 %.",
                    "Montants TTC, TVA collectée et déductible supposées neutres en trésorerie.",
                    "Foncier acquis au comptant à la signature de l'acte "
                    f"({fk.money(w.land_price)}).",
                ],
                k=rng.randint(3, 6),
            )
        ),
        Table(["En euros", *labels], rows, fmt="t" + "n" * n, total=2, widths=[2.6] + [1.2] * n),
        P(
            f"Le besoin de trésorerie maximal est atteint en {peak_at} à {fk.money(-peak)} ; "
            f"il sera couvert par les fonds propres et le crédit d'accompagnement sollicité "
            f"auprès de {w.bank.name}."
            if peak < 0
            else "La trésorerie reste positive sur toute la durée de l'opération."
        ),
    ]
    return Doc(
        alt(
            rng,
            [
                "Plan de trésorerie prévisionnel",
                "PRÉVISIONNEL DE TRÉSORERIE",
                "Trésorerie par semestre",
                "Cash-flow de l'opération",
            ],
        ),
        blocks,
        head_left=[w.sccv.name, w.developer.name],
        landscape=n > 5,
    )
