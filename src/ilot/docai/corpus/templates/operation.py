"""Development appraisal, cash-flow plan, market study, price list and sales report: the
tabular categories, often delivered as spreadsheets."""

from __future__ import annotations

import datetime as dt
import random

from .. import fakes as fk
from ..fakes import World
from ..model import KV, Block, Doc, H, P, Sign, Table
from ..registry import template
from .common import alt, letterhead, lot_rows

TAB = ("pdf", "xlsx", "docx")


def _budget(w: World, rng: random.Random) -> tuple[list[list[str | int | float]], float, float]:
    rev = w.revenue_ttc / 1.2
    land = w.land_price * 1.0
    notary = land * 0.025
    works = float(w.works_ht)
    fees = works * rng.uniform(0.09, 0.14)
    ins = works * rng.uniform(0.015, 0.03)
    taxes = w.sdp_m2 * rng.uniform(40, 110)
    com = rev * rng.uniform(0.03, 0.06)
    fin = rev * rng.uniform(0.015, 0.035)
    rows: list[list[str | int | float]] = [
        ["Charge foncière (prix du terrain)", land],
        ["Frais d'acquisition et notaire", notary],
        ["Travaux de construction", works],
        ["Honoraires techniques (MOE, BET, CT, SPS)", fees],
        ["Assurances (DO, CNR, TRC)", ins],
        ["Taxes (TA, RAP, raccordements)", taxes],
        ["Frais de commercialisation", com],
        ["Frais financiers (intérêts, GFA)", fin],
        ["Frais de gestion / honoraires promoteur", rev * 0.04],
        ["Aléas", works * 0.03],
    ]
    cost = sum(float(r[1]) for r in rows)
    return rows, cost, rev


@template("BILAN_OPERATION", "bilan_previsionnel", formats=TAB, scan=0.05)
def bilan(w: World, rng: random.Random) -> Doc:
    rows, cost, rev = _budget(w, rng)
    full: list[list[str | int | float]] = [
        [r[0], r[1], float(r[1]) / cost * 100, float(r[1]) / w.sdp_m2] for r in rows
    ]
    full.append(["TOTAL PRIX DE REVIENT HT", cost, 100.0, cost / w.sdp_m2])
    sales: list[list[str | int | float]] = [
        ["Logements libres", rev * 0.8, float(int(w.lots * 0.8))],
        ["Logements sociaux (VEFA bailleur)", rev * 0.2, float(w.lots - int(w.lots * 0.8))],
        ["TOTAL CHIFFRE D'AFFAIRES HT", rev, float(w.lots)],
    ]
    return Doc(
        alt(
            rng,
            ["BILAN PRÉVISIONNEL D'OPÉRATION", "Bilan financier prévisionnel", "BILAN PROMOTEUR"],
        ),
        [
            KV(
                [
                    ("Opération", w.programme),
                    ("Commune", w.site.town),
                    ("SDP", f"{w.sdp_m2} m²"),
                    ("Nombre de lots", str(w.lots)),
                    ("Version", f"V{rng.randint(1, 9)} du {fk.fr_date(w.today)}"),
                ]
            ),
            Table(
                ["Dépenses", "Montant HT", "% PR", "€/m² SDP"],
                full,
                fmt="tmpm",
                total=1,
                title="DÉPENSES",
            ),
            Table(
                ["Recettes", "Montant HT", "Nb lots"], sales, fmt="tmn", total=1, title="RECETTES"
            ),
            Table(
                ["Marge", "Montant HT", "% CA"],
                [["Marge brute prévisionnelle", rev - cost, (rev - cost) / rev * 100]],
                fmt="tmp",
                total=1,
            ),
        ],
        head_left=[w.developer.name, "Direction financière"],
    )


@template("BILAN_OPERATION", "bilan_actualise_comparatif", formats=TAB, scan=0.05)
def bilan_comp(w: World, rng: random.Random) -> Doc:
    rows, _cost, rev = _budget(w, rng)
    full: list[list[str | int | float]] = []
    for r in rows:
        v = float(r[1])
        actual = v * rng.uniform(0.95, 1.08)
        full.append([r[0], v, actual, actual - v])
    tot0 = sum(float(r[1]) for r in full)
    tot1 = sum(float(r[2]) for r in full)
    full.append(["Prix de revient total", tot0, tot1, tot1 - tot0])
    return Doc(
        "BILAN D'OPÉRATION ACTUALISÉ",
        [
            P(f"{w.sccv.name} - {w.programme} - situation au {fk.fr_date(w.today)}"),
            Table(
                ["Poste", "Budget initial", "Budget actualisé", "Écart"], full, fmt="tmmm", total=1
            ),
            KV(
                [
                    ("Chiffre d'affaires TTC", fk.money(w.revenue_ttc)),
                    ("Chiffre d'affaires HT", fk.money(rev)),
                    ("Marge actualisée", fk.money(rev - tot1)),
                    ("Taux de marge", f"{(rev - tot1) / rev * 100:.1f} %".replace(".", ",")),
                ]
            ),
            P(
                "Les écarts s'expliquent principalement par l'actualisation des marchés de "
                "travaux (index BT01)."
            ),
        ],
    )


@template("BILAN_OPERATION", "development_appraisal_en", formats=("pdf", "xlsx"), scan=0.02)
def appraisal_en(w: World, rng: random.Random) -> Doc:
    rows, cost, rev = _budget(w, rng)
    en = [
        "Land acquisition",
        "Acquisition costs",
        "Construction costs",
        "Professional fees",
        "Insurance",
        "Planning levies",
        "Sales & marketing",
        "Finance costs",
        "Development management fee",
        "Contingency",
    ]
    data: list[list[str | int | float]] = [[n, float(r[1])] for n, r in zip(en, rows, strict=True)]
    data.append(["Total development cost", cost])
    return Doc(
        "DEVELOPMENT APPRAISAL",
        [
            KV(
                [
                    ("Scheme", f"{w.programme}, {w.site.town}"),
                    ("Units", str(w.lots)),
                    ("GIA", f"{w.sdp_m2} sq m"),
                ]
            ),
            Table(["Cost item", "Amount"], data, fmt="tm", total=1),
            KV(
                [
                    ("Gross development value (net of VAT)", fk.money(rev, "en")),
                    ("Profit on cost", f"{(rev - cost) / cost * 100:.1f}%"),
                    ("Profit on GDV", f"{(rev - cost) / rev * 100:.1f}%"),
                ]
            ),
        ],
        lang="en",
    )


def _month_labels(w: World, n: int) -> list[str]:
    out = []
    d = w.start_date.replace(day=1) - dt.timedelta(days=120)
    for _ in range(n):
        d = (d + dt.timedelta(days=32)).replace(day=1)
        out.append(f"{d.month:02d}/{d.year}")
    return out


@template("PLAN_TRESORERIE", "tresorerie_mensuelle", formats=("xlsx", "pdf"), scan=0.03)
def tresorerie(w: World, rng: random.Random) -> Doc:
    n = rng.randint(10, 18)
    months = _month_labels(w, n)
    works = [w.works_ht * rng.uniform(0.02, 0.09) for _ in range(n)]
    receipts = [w.revenue_ttc * rng.uniform(0.0, 0.1) if i > 2 else 0.0 for i in range(n)]
    land = [float(w.land_price) if i == 0 else 0.0 for i in range(n)]
    fees = [w.works_ht * rng.uniform(0.002, 0.01) for _ in range(n)]
    rows: list[list[str | int | float]] = [
        ["Encaissements ventes", *receipts],
        ["Apport fonds propres", *[w.land_price * 0.3 if i == 0 else 0.0 for i in range(n)]],
        ["Foncier", *[-x for x in land]],
        ["Travaux", *[-x for x in works]],
        ["Honoraires", *[-x for x in fees]],
    ]
    cum = []
    c = 0.0
    for i in range(n):
        c += sum(float(r[i + 1]) for r in rows)
        cum.append(c)
    rows.append(["Trésorerie cumulée", *cum])
    return Doc(
        alt(
            rng,
            [
                "PLAN DE TRÉSORERIE PRÉVISIONNEL",
                "Plan de trésorerie de l'opération",
                "TRÉSORERIE MENSUELLE",
            ],
        ),
        [
            P(
                f"{w.programme} - en euros HT - pic de besoin de financement "
                f": {fk.money(-min(cum))}"
            ),
            Table(["Poste", *months], rows, fmt="t" + "n" * n, total=1, widths=[2.2] + [1.0] * n),
        ],
        landscape=True,
        head_left=[w.sccv.name],
    )


@template("PLAN_TRESORERIE", "tresorerie_trimestrielle", formats=("xlsx", "pdf", "docx"), scan=0.05)
def tresorerie_t(w: World, rng: random.Random) -> Doc:
    qs = [f"T{(i % 4) + 1} {w.start_date.year + i // 4}" for i in range(rng.randint(6, 10))]
    rows: list[list[str | int | float]] = []
    for label, lo, hi in [
        ("Recettes TTC", 0.02, 0.2),
        ("Dépenses TTC", 0.05, 0.15),
        ("Tirages crédit", 0.0, 0.1),
        ("Remboursements crédit", 0.0, 0.1),
        ("Solde de trésorerie", -0.05, 0.05),
    ]:
        rows.append([label, *[w.revenue_ttc * rng.uniform(lo, hi) for _ in qs]])
    return Doc(
        "Plan de trésorerie trimestriel",
        [
            KV(
                [
                    ("Société", w.sccv.name),
                    ("Banque", w.bank.name),
                    ("Crédit d'accompagnement", fk.money(w.revenue_ttc * 0.25)),
                ]
            ),
            Table(["En €", *qs], rows, fmt="t" + "n" * len(qs)),
            P(
                "Hypothèses : rythme de commercialisation de 3 lots par mois, appels de fonds "
                "selon l'échéancier R261-14."
            ),
        ],
        landscape=len(qs) > 7,
    )


@template("PLAN_TRESORERIE", "cash_flow_en", formats=("xlsx", "pdf"), scan=0.02)
def cashflow_en(w: World, rng: random.Random) -> Doc:
    n = rng.randint(8, 14)
    months = [
        fk.MONTHS_EN[(w.start_date.month + i - 1) % 12][:3]
        + f"-{(w.start_date.year + (w.start_date.month + i - 1) // 12) % 100}"
        for i in range(n)
    ]
    rows: list[list[str | int | float]] = [
        [k, *[w.revenue_ttc * rng.uniform(0, 0.06) * s for _ in range(n)]]
        for k, s in [
            ("Sales receipts", 1),
            ("Construction", -1),
            ("Fees", -0.1),
            ("Interest", -0.02),
        ]
    ]
    return Doc(
        "CASH FLOW FORECAST",
        [
            P(f"{w.sccv.name} - {w.programme} - EUR"),
            Table(["Item", *months], rows, fmt="t" + "n" * n),
        ],
        lang="en",
        landscape=True,
    )


@template("ETUDE_MARCHE", "etude_marche", formats=("pdf", "docx"), scan=0.03)
def etude(w: World, rng: random.Random) -> Doc:
    pm2 = w.revenue_ttc / w.sdp_m2
    comps: list[list[str | int | float]] = [
        [
            f"{a} {b}".strip(),
            rng.choice(fk.DEV_NAMES),
            float(rng.randint(15, 120)),
            pm2 * rng.uniform(0.85, 1.15),
            f"{rng.randint(30, 95)} %",
        ]
        for a, b in rng.sample(fk.PROGRAMME_WORDS, 5)
    ]
    return Doc(
        alt(
            rng,
            [
                "ÉTUDE DE MARCHÉ",
                "Étude de marché du logement neuf",
                "ANALYSE DE MARCHÉ - LOGEMENT NEUF",
            ],
        ),
        [
            P(f"{w.site.town} ({w.site.postcode}) - secteur {w.site.line}", align="center"),
            H("1. Contexte socio-démographique"),
            P(
                f"La commune compte environ {rng.randint(15, 500) * 1000} habitants. La population "
                f"progresse de {rng.uniform(0.2, 1.5):.1f} % par an ; "
                f"la part des ménages d'une ou deux personnes atteint {rng.randint(55, 72)} %."
            ),
            H("2. Offre neuve concurrente"),
            Table(
                ["Programme", "Promoteur", "Lots", "Prix moyen €/m² TTC", "Écoulement"],
                comps,
                fmt="ttnmt",
            ),
            H("3. Prix de marché et recommandations"),
            P(
                f"Nous recommandons une grille moyenne de {fk.money(pm2)}/m² habitable TTC "
                "hors parking, avec un rythme "
                f"d'écoulement de {rng.randint(2, 6)} ventes par mois."
            ),
            H("4. Conclusion"),
            P(
                "Le projet est cohérent avec la demande locale, sous réserve d'une typologie "
                "orientée T2/T3."
            ),
        ],
        head_left=[
            rng.choice(
                [
                    "Adéquation",
                    "Cabinet Marché & Habitat",
                    "Observatoire Immobilier Régional",
                    "CBRE Research",
                ]
            )
        ],
    )


@template("ETUDE_MARCHE", "avis_valeur", scan=0.05)
def avis_valeur(w: World, rng: random.Random) -> Doc:
    exp = fk.person(rng, w.today)
    val = w.land_price * rng.uniform(0.9, 1.3)
    return Doc(
        alt(
            rng, ["AVIS DE VALEUR", "RAPPORT D'EXPERTISE IMMOBILIÈRE", "Expertise en valeur vénale"]
        ),
        [
            KV(
                [
                    ("Mandant", w.bank.name),
                    ("Bien expertisé", f"Terrain à bâtir - {w.site.one_line()}"),
                    ("Cadastre", w.cadastre),
                    ("Date de visite", fk.fr_date(w.today)),
                    ("Expert", f"{exp.formal}, MRICS, expert agréé"),
                ]
            ),
            H("Méthodologie"),
            P(
                "La valeur vénale est déterminée par la méthode du compte à rebours promoteur "
                "et recoupée par comparaison, "
                "conformément à la Charte de l'expertise en évaluation immobilière et aux "
                "normes RICS Red Book."
            ),
            H("Valeur"),
            P(
                f"Nous estimons la valeur vénale du terrain, libre d'occupation, à {fk.money(val)} "
                "hors droits, soit "
                f"{fk.money(val / w.land_m2)}/m² de terrain et {fk.money(val / w.sdp_m2)}/m² SDP."
            ),
            P("Valeur après achèvement des logements (GDV) : " + fk.money(w.revenue_ttc) + " TTC."),
            Sign([[exp.name, "Expert immobilier"]]),
        ],
    )


@template("ETUDE_MARCHE", "valuation_en", scan=0.02)
def valuation_en(w: World, rng: random.Random) -> Doc:
    return Doc(
        "VALUATION REPORT",
        [
            P(
                f"Prepared for {w.bank.name} - Subject property: development "
                f"site at {w.site.one_line()}"
            ),
            H("Market commentary"),
            P(
                f"New-build residential values in {w.site.town} have "
                f"{rng.choice(['remained stable', 'softened', 'increased'])} "
                "over the last "
                "twelve months. Absorption rates for off-plan sales are estimated at 3 to "
                "5 units per month."
            ),
            Table(
                ["Basis", "Value"],
                [
                    ["Market value of the site (as is)", float(w.land_price)],
                    ["Gross development value", float(w.revenue_ttc)],
                ],
                fmt="tm",
            ),
            P(
                "This valuation has been prepared in accordance with the RICS Valuation - "
                "Global Standards."
            ),
        ],
        lang="en",
    )


@template("GRILLE_PRIX", "grille_prix", formats=("xlsx", "pdf"), scan=0.05)
def grille(w: World, rng: random.Random) -> Doc:
    lots = lot_rows(w, rng, min(w.lots, rng.randint(12, 45)))
    rows: list[list[str | int | float]] = [
        [
            str(x["lot"]),
            str(x["type"]),
            str(x["floor"]),
            float(x["surface"]),
            float(x["ext"]),
            str(x["parking"]),
            float(x["price"]),
            float(x["price"]) / float(x["surface"]),
        ]
        for x in lots
    ]
    return Doc(
        alt(rng, ["GRILLE DE PRIX", "Grille tarifaire", "LISTE DE PRIX - LANCEMENT COMMERCIAL"]),
        [
            P(
                f"{w.programme} - {w.site.town} - prix TTC TVA 20 "
                f"% - mise à jour du {fk.fr_date(w.today)}"
            ),
            Table(
                ["Lot", "Type", "Étage", "SHAB", "Ext.", "Parking", "Prix TTC", "€/m²"],
                rows,
                fmt="tttddtmm",
            ),
            P(
                "Prix indicatifs, susceptibles de modification sans "
                "préavis. Frais de notaire réduits.",
                style="small",
            ),
        ],
        head_left=[w.developer.name],
    )


@template("GRILLE_PRIX", "grille_par_typologie", formats=("pdf", "xlsx", "docx"), scan=0.05)
def grille_typo(w: World, rng: random.Random) -> Doc:
    rows: list[list[str | int | float]] = []
    for t, s in [
        ("Studio", 28),
        ("2 pièces", 44),
        ("3 pièces", 64),
        ("4 pièces", 82),
        ("5 pièces", 102),
    ]:
        pm2 = w.revenue_ttc / w.sdp_m2 * rng.uniform(0.9, 1.1)
        rows.append([t, float(rng.randint(1, 15)), float(s), s * pm2 * 0.95, s * pm2 * 1.1])
    return Doc(
        "Prix de vente par typologie",
        [
            Table(
                ["Typologie", "Nb", "Surface moyenne", "Prix à partir de", "Prix jusqu'à"],
                rows,
                fmt="tndmm",
            ),
            KV(
                [
                    ("Parking en sous-sol", fk.money(rng.choice([12000, 15000, 18000, 25000]))),
                    ("TVA", rng.choice(["20 %", "5,5 % (zone ANRU)"])),
                ]
            ),
        ],
        head_left=[w.developer.name, w.programme],
    )


@template("GRILLE_PRIX", "price_list_en", formats=("xlsx", "pdf"), scan=0.02)
def price_en(w: World, rng: random.Random) -> Doc:
    lots = lot_rows(w, rng, rng.randint(8, 25))
    rows: list[list[str | int | float]] = [
        [str(x["lot"]), str(x["type"]), float(x["surface"]), float(x["price"])] for x in lots
    ]
    return Doc(
        "PRICE LIST",
        [
            P(f"{w.programme} - prices incl. VAT"),
            Table(["Unit", "Type", "Area sq m", "Price"], rows, fmt="ttdm"),
        ],
        lang="en",
    )


@template("ETAT_COMMERCIALISATION", "etat_ventes", formats=("xlsx", "pdf"), scan=0.05)
def etat(w: World, rng: random.Random) -> Doc:
    lots = lot_rows(w, rng, min(w.lots, rng.randint(12, 45)))
    rows: list[list[str | int | float]] = []
    sold = 0.0
    tot = 0.0
    for x in lots:
        st = rng.choice(["Acté", "Réservé", "Réservé", "Disponible", "Option"])
        b = rng.choice(w.buyers) if st in ("Acté", "Réservé") else None
        d = w.today - dt.timedelta(days=rng.randint(5, 300))
        price = float(x["price"])
        tot += price
        if st in ("Acté", "Réservé"):
            sold += price
        rows.append(
            [
                str(x["lot"]),
                str(x["type"]),
                price,
                st,
                b.name if b else "",
                fk.fr_date(d) if b else "",
            ]
        )
    return Doc(
        alt(
            rng,
            ["ÉTAT DE COMMERCIALISATION", "Point commercial", "ÉTAT DES VENTES ET RÉSERVATIONS"],
        ),
        [
            KV(
                [
                    ("Programme", w.programme),
                    ("Arrêté au", fk.fr_date(w.today)),
                    (
                        "Taux de pré-commercialisation",
                        f"{sold / tot * 100:.1f} % du CA TTC".replace(".", ","),
                    ),
                ]
            ),
            Table(["Lot", "Type", "Prix TTC", "Statut", "Acquéreur", "Date"], rows, fmt="ttmttt"),
            Table(
                ["Synthèse", "Montant"], [["CA réservé + acté", sold], ["CA total", tot]], fmt="tm"
            ),
        ],
        head_left=[w.developer.name, "Service commercial"],
    )


@template(
    "ETAT_COMMERCIALISATION", "synthese_commerciale", formats=("pdf", "xlsx", "docx"), scan=0.05
)
def synthese(w: World, rng: random.Random) -> Doc:
    res = rng.randint(0, w.lots)
    act = rng.randint(0, res)
    rows: list[list[str | int | float]] = [
        ["Réservations", float(res), w.revenue_ttc * res / w.lots],
        ["dont actées", float(act), w.revenue_ttc * act / w.lots],
        ["Désistements", float(rng.randint(0, 5)), 0.0],
        ["Stock disponible", float(w.lots - res), w.revenue_ttc * (w.lots - res) / w.lots],
    ]
    return Doc(
        "Synthèse de commercialisation",
        [
            P(
                f"{w.sccv.name} - {w.programme} - {w.lots} lots - "
                f"situation au {fk.fr_date(w.today)}"
            ),
            Table(["Indicateur", "Nb lots", "CA TTC"], rows, fmt="tnm"),
            P(
                f"Taux de pré-commercialisation : {res / w.lots * 100:.0f} % - seuil bancaire "
                f": {rng.choice([40, 50, 60])} %".replace(".", ",")
            ),
            H("Commentaires"),
            P(
                "Le rythme de réservation s'établit à "
                + str(rng.randint(1, 6))
                + " ventes par mois ; "
                "forte demande sur les T3 avec extérieur."
            ),
        ],
    )


@template("ETAT_COMMERCIALISATION", "sales_report_en", formats=("xlsx", "pdf"), scan=0.02)
def sales_en(w: World, rng: random.Random) -> Doc:
    lots = lot_rows(w, rng, rng.randint(8, 30))
    rows: list[list[str | int | float]] = [
        [
            str(x["lot"]),
            str(x["type"]),
            float(x["price"]),
            rng.choice(["Sold", "Reserved", "Available"]),
        ]
        for x in lots
    ]
    return Doc(
        "SALES REPORT",
        [
            P(f"{w.programme} - as at {fk.en_date(w.today)}"),
            Table(["Unit", "Type", "Price", "Status"], rows, fmt="ttmt"),
        ],
        lang="en",
    )


_ = (Block, Sign, letterhead)
