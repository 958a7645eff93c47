"""Annual accounts (COMPTES_ANNUELS).

Part of `plain_a`, the templates of another writer (see its package docstring).
"""

from __future__ import annotations

import datetime as dt
import random

from ... import fakes as fk
from ...fakes import Company, World
from ...model import KV, Block, Box, Break, Doc, H, P, Space, Table
from ...registry import template
from ..common import alt
from ._shared import Rows, _form


# ---------------------------------------------------------------------------------------------
# COMPTES_ANNUELS
# ---------------------------------------------------------------------------------------------
def _accounts(rng: random.Random, c: Company, dev: bool, scale: float) -> dict[str, float]:
    """One year of consistent figures: the balance sheet balances, the P&L adds up."""

    def r(lo: float, hi: float) -> float:
        return float(round(rng.uniform(lo, hi) * scale / 100) * 100)

    ca = r(2e6, 40e6) if dev else r(1.5e5, 1.2e6)
    ps = r(-2e6, 4e6) if dev else 0.0
    other_in = r(0, 8e4)
    purchases = ca * rng.uniform(0.25, 0.45) if dev else 0.0
    external = ca * rng.uniform(0.25, 0.4) if dev else ca * rng.uniform(0.2, 0.4)
    taxes = ca * rng.uniform(0.005, 0.02)
    wages = ca * rng.uniform(0.04, 0.1) if dev else ca * rng.uniform(0.2, 0.4)
    social = wages * rng.uniform(0.38, 0.45)
    dep = r(1e4, 2e5)
    prod = ca + ps + other_in
    op_res = prod - purchases - external - taxes - wages - social - dep
    fin_in = r(0, 1.5e5) if dev else r(1e5, 9e5)
    fin_out = r(2e4, 6e5) if dev else r(0, 5e4)
    exc = r(-5e4, 5e4)
    pre = op_res + fin_in - fin_out + exc
    tax = max(0.0, pre * 0.25)
    net = pre - tax
    fixed_intang, am_intang = r(0, 5e4), 0.0
    am_intang = fixed_intang * rng.uniform(0.2, 0.9)
    fixed_tang = r(3e4, 6e5)
    am_tang = fixed_tang * rng.uniform(0.2, 0.7)
    fin_assets = r(5e3, 4e5) if dev else r(5e5, 6e6)
    stocks = (ca * rng.uniform(0.3, 0.9)) if dev else 0.0
    clients = ca * rng.uniform(0.05, 0.2)
    other_rec = r(5e4, 2e6)
    cash = r(5e4, 3e6)
    prepaid = r(0, 5e4)
    assets = (
        fixed_intang
        - am_intang
        + fixed_tang
        - am_tang
        + fin_assets
        + stocks
        + clients
        + other_rec
        + cash
        + prepaid
    )
    legal = min(c.capital * 0.1, r(0, 5e4))
    provisions = r(0, 2e5)
    bank = stocks * rng.uniform(0.2, 0.5) if dev else r(0, 1.5e6)
    advances = ca * rng.uniform(0.05, 0.2) if dev else 0.0
    suppliers = (purchases + external) * rng.uniform(0.1, 0.25)
    fisc = (wages + tax) * rng.uniform(0.15, 0.35)
    equity_wo_ran = c.capital + legal + net
    others = r(2e4, 8e5)
    ran = assets - (equity_wo_ran + provisions + bank + advances + suppliers + fisc + others)
    if ran < -0.5 * (c.capital + legal + max(net, 0) + 1e5):
        cash += -ran
        assets += -ran
        ran = 0.0
    return {
        "ca": ca, "ps": ps, "other_in": other_in, "prod": prod, "purchases": purchases,
        "external": external, "taxes": taxes, "wages": wages, "social": social, "dep": dep,
        "op_res": op_res, "fin_in": fin_in, "fin_out": fin_out, "exc": exc, "tax": tax,
        "net": net, "fixed_intang": fixed_intang, "am_intang": am_intang,
        "fixed_tang": fixed_tang, "am_tang": am_tang, "fin_assets": fin_assets,
        "stocks": stocks, "clients": clients, "other_rec": other_rec, "cash": cash,
        "prepaid": prepaid, "assets": assets, "capital": float(c.capital), "legal": legal,
        "ran": ran, "equity": c.capital + legal + ran + net, "provisions": provisions,
        "bank": bank, "advances": advances, "suppliers": suppliers, "fisc": fisc,
        "others": others,
    }  # fmt: skip


def _liasse_tables(a: dict[str, float], b: dict[str, float], rng: random.Random) -> list[Table]:
    act: Rows = []
    for label, k_gross, k_am in [
        ("Immobilisations incorporelles", "fixed_intang", "am_intang"),
        ("Immobilisations corporelles", "fixed_tang", "am_tang"),
        ("Immobilisations financières", "fin_assets", ""),
        ("Stocks et en-cours (programmes immobiliers)", "stocks", ""),
        ("Clients et comptes rattachés", "clients", ""),
        ("Autres créances", "other_rec", ""),
        ("Disponibilités", "cash", ""),
        ("Charges constatées d'avance", "prepaid", ""),
    ]:
        am = a[k_am] if k_am else 0.0
        prev = b[k_gross] - (b[k_am] if k_am else 0.0)
        act.append([label, a[k_gross], am, a[k_gross] - am, prev])
    gross = sum(float(x[1]) for x in act)
    amort = sum(float(x[2]) for x in act)
    act.append(["TOTAL GÉNÉRAL", gross, amort, a["assets"], b["assets"]])
    pas: Rows = [
        ["Capital social ou individuel", a["capital"], b["capital"]],
        ["Réserve légale", a["legal"], b["legal"]],
        ["Report à nouveau", a["ran"], b["ran"]],
        ["Résultat de l'exercice (bénéfice ou perte)", a["net"], b["net"]],
        ["Total capitaux propres", a["equity"], b["equity"]],
        ["Provisions pour risques et charges", a["provisions"], b["provisions"]],
        ["Emprunts et dettes auprès des établissements de crédit", a["bank"], b["bank"]],
        ["Avances et acomptes reçus sur commandes en cours", a["advances"], b["advances"]],
        ["Dettes fournisseurs et comptes rattachés", a["suppliers"], b["suppliers"]],
        ["Dettes fiscales et sociales", a["fisc"], b["fisc"]],
        ["Autres dettes (dont comptes courants d'associés)", a["others"], b["others"]],
        ["TOTAL GÉNÉRAL", a["assets"], b["assets"]],
    ]
    res: Rows = [
        ["Production vendue (biens et services)", a["ca"], b["ca"]],
        ["Production stockée", a["ps"], b["ps"]],
        ["Autres produits d'exploitation", a["other_in"], b["other_in"]],
        ["Total des produits d'exploitation", a["prod"], b["prod"]],
        ["Achats de terrains, matières et approvisionnements", a["purchases"], b["purchases"]],
        ["Autres achats et charges externes", a["external"], b["external"]],
        ["Impôts, taxes et versements assimilés", a["taxes"], b["taxes"]],
        ["Salaires et traitements", a["wages"], b["wages"]],
        ["Charges sociales", a["social"], b["social"]],
        ["Dotations aux amortissements et provisions", a["dep"], b["dep"]],
        ["RÉSULTAT D'EXPLOITATION", a["op_res"], b["op_res"]],
        ["Produits financiers", a["fin_in"], b["fin_in"]],
        ["Charges financières", a["fin_out"], b["fin_out"]],
        ["Résultat exceptionnel", a["exc"], b["exc"]],
        ["Impôt sur les bénéfices", a["tax"], b["tax"]],
        ["BÉNÉFICE OU PERTE", a["net"], b["net"]],
    ]
    cols = rng.choice([("Exercice N", "Exercice N-1"), ("N", "N-1"), ("31/12/N", "31/12/N-1")])
    return [
        Table(
            ["ACTIF", "Brut", "Amort. / dépréc.", f"Net {cols[0]}", f"Net {cols[1]}"],
            act,
            fmt="tmmmm",
            total=1,
            widths=[3.4, 1.3, 1.3, 1.3, 1.3],
        ),
        Table(["PASSIF", *cols], pas, fmt="tmm", total=1, widths=[4, 1.5, 1.5]),
        Table(["COMPTE DE RÉSULTAT", *cols], res, fmt="tmm", total=1, widths=[4, 1.5, 1.5]),
    ]


@template("COMPTES_ANNUELS", "pa_liasse_formulaires", formats=("pdf", "xlsx"), scan=0.12)
def liasse_formulaires(w: World, rng: random.Random) -> Doc:
    dev = rng.random() < 0.65
    c = w.developer if dev else w.holding
    scale = rng.uniform(0.5, 2.0)
    a = _accounts(rng, c, dev, scale)
    b = _accounts(rng, c, dev, scale * rng.uniform(0.7, 1.2))
    year = w.today.year - (1 if w.today.month > 4 else 2)
    simplified = not dev and rng.random() < 0.6
    act, pas, res = _liasse_tables(a, b, rng)
    ident = Box(
        [
            f"Désignation de l'entreprise : {c.full}",
            f"Adresse de l'entreprise : {c.address.one_line()}",
            f"Numéro SIRET : {c.siret}",
            f"Durée de l'exercice en nombre de mois : 12 - Exercice N clos le : 31/12/{year}",
            "Néant [ ]",
        ]
    )
    if simplified:
        heads = [
            ("N° 2033-A-SD", "BILAN SIMPLIFIÉ"),
            ("N° 2033-B-SD", "COMPTE DE RÉSULTAT SIMPLIFIÉ DE L'EXERCICE"),
        ]
        mention = "Formulaire obligatoire (article 302 septies A bis du Code général des impôts)"
    else:
        heads = [
            ("N° 2050-SD / 2051-SD", "BILAN - ACTIF / PASSIF avant répartition"),
            ("N° 2052-SD / 2053-SD", "COMPTE DE RÉSULTAT DE L'EXERCICE (en liste)"),
        ]
        mention = "Formulaire obligatoire (article 53 A du Code général des impôts)"
    blocks: list[Block] = [
        P(f"DGFiP {heads[0][0]} {year + 1}", align="right", style="small"),
        P(heads[0][1], align="center", style="bold"),
        P(mention, align="center", style="small"),
        ident,
        act,
        pas,
    ]
    if rng.random() < 0.5:
        blocks.append(Break())
    blocks += [
        P(f"DGFiP {heads[1][0]} {year + 1}", align="right", style="small"),
        P(heads[1][1], align="center", style="bold"),
        res,
    ]
    if rng.random() < 0.5:
        blocks.append(
            KV(
                [
                    ("Effectif moyen du personnel", str(rng.randint(0, 60) if dev else 0)),
                    ("Régime d'imposition", "Réel simplifié" if simplified else "Réel normal"),
                    (
                        "Déclaration déposée le",
                        fk.fr_date(dt.date(year + 1, 5, rng.randint(2, 20))),
                    ),
                ]
            )
        )
    return Doc(
        alt(rng, ["", "LIASSE FISCALE", f"Liasse fiscale {year}", "Déclaration de résultats"]),
        blocks,
        header=f"{c.name} - exercice {year}",
        footer=alt(rng, ["Cerfa - impots.gouv.fr", "Édité par le logiciel comptable", ""]),
    )


@template("COMPTES_ANNUELS", "pa_comptes_plaquette", formats=("pdf", "docx"), scan=0.05)
def comptes_plaquette(w: World, rng: random.Random) -> Doc:
    dev = rng.random() < 0.7
    c = w.developer if dev else rng.choice([w.holding, w.sccv])
    a = _accounts(rng, c, dev, rng.uniform(0.4, 1.5))
    b = _accounts(rng, c, dev, rng.uniform(0.4, 1.5))
    year = w.today.year - (1 if w.today.month > 4 else 2)
    ec_firm = f"{rng.choice(['Cabinet', 'Fiducia', 'Audit', 'Expertise'])} {rng.choice(fk.LAST)}"
    ec = fk.person(rng, w.today)
    key: Rows = []
    for label, k in [
        ("Chiffre d'affaires", "ca"),
        ("Résultat d'exploitation", "op_res"),
        ("Résultat net", "net"),
        ("Capitaux propres", "equity"),
        ("Stocks et en-cours", "stocks"),
        ("Dettes financières", "bank"),
        ("Trésorerie", "cash"),
        ("Total du bilan", "assets"),
    ]:
        var = (a[k] - b[k]) / abs(b[k]) * 100 if abs(b[k]) > 1 else 0.0
        key.append([label, a[k], b[k], var])
    va = a["prod"] - a["purchases"] - a["external"]
    ebe = va - a["taxes"] - a["wages"] - a["social"]
    sig: Rows = [
        ["Production de l'exercice", a["prod"]],
        ["Consommations en provenance de tiers", -(a["purchases"] + a["external"])],
        ["Valeur ajoutée", va],
        ["Impôts et taxes", -a["taxes"]],
        ["Charges de personnel", -(a["wages"] + a["social"])],
        ["Excédent brut d'exploitation", ebe],
        ["Dotations aux amortissements et provisions", -a["dep"]],
        ["Résultat d'exploitation", a["op_res"]],
        ["Résultat financier", a["fin_in"] - a["fin_out"]],
        ["Résultat courant avant impôts", a["op_res"] + a["fin_in"] - a["fin_out"]],
    ]
    method = alt(
        rng,
        [
            "Le chiffre d'affaires et la marge des programmes vendus en l'état futur "
            "d'achèvement sont constatés à l'avancement, mesuré par le rapport entre les coûts "
            "engagés et le coût de revient prévisionnel, pour la part des lots vendus par "
            "acte authentique.",
            "Les programmes sont comptabilisés selon la méthode de l'achèvement : le chiffre "
            "d'affaires et la marge sont constatés à la livraison des lots.",
        ],
    )
    commitments: Rows = [
        [
            "Caution solidaire crédit SCCV",
            w.bank.name,
            float(int(w.revenue_ttc * 0.08 / 1000) * 1000),
        ],
        [
            "Garantie financière d'achèvement (contre-garantie)",
            w.bank.name,
            float(int(w.works_ht * 0.2 / 1000) * 1000),
        ],
        ["Nantissement de parts de SCCV", w.bank.name, float(w.sccv.capital)],
    ]
    sections: list[list[Block]] = [
        [
            H("Règles et méthodes comptables", 2),
            P(
                "Les comptes annuels sont établis conformément au règlement ANC n° 2014-03 "
                "relatif au plan comptable général, dans le respect des principes de prudence, "
                "de continuité de l'exploitation, de permanence des méthodes et "
                "d'indépendance des exercices."
            ),
            P(method),
            P(
                "Les stocks et en-cours comprennent le coût du foncier, les frais d'acquisition, "
                "les coûts de construction et les honoraires techniques. Les frais financiers "
                "et de commercialisation sont comptabilisés en charges."
            ),
        ],
        [
            H("Engagements hors bilan", 2),
            Table(
                ["Nature", "Bénéficiaire", "Montant"],
                commitments[: rng.randint(1, 3)],
                fmt="ttm",
            ),
        ],
        [
            H("Événements postérieurs à la clôture", 2),
            P(
                alt(
                    rng,
                    [
                        "Néant.",
                        f"Obtention en {fk.MONTHS_FR[w.permit_date.month - 1]} "
                        f"{w.permit_date.year} du permis de construire de l'opération "
                        f"{w.programme}.",
                        "Aucun événement significatif n'est intervenu depuis la clôture.",
                    ],
                )
            ),
        ],
    ]
    rng.shuffle(sections)
    blocks: list[Block] = [
        P(c.name, align="center", style="big"),
        P(f"COMPTES ANNUELS AU 31 DÉCEMBRE {year}", align="center", style="bold"),
        P(
            f"{_form(c).capitalize()} au capital de {fk.money(c.capital)} - {c.rcs}",
            align="center",
            style="small",
        ),
        Space(12),
        H(alt(rng, ["Attestation de l'expert-comptable", "Rapport de présentation"]), 2),
        P(
            f"En notre qualité d'expert-comptable et conformément aux termes de notre lettre "
            f"de mission, nous avons effectué une mission de présentation des comptes annuels "
            f"de la société {c.name} relatifs à l'exercice du 1er janvier au 31 décembre "
            f"{year}, qui se caractérisent par un total du bilan de {fk.money(a['assets'])} et "
            f"un {'bénéfice' if a['net'] >= 0 else 'déficit'} de {fk.money(abs(a['net']))}."
        ),
        P(
            "Nos travaux, conduits conformément à la norme professionnelle du Conseil supérieur "
            "de l'Ordre des experts-comptables applicable à cette mission, ne constituent ni un "
            "audit ni un examen limité. Nous n'avons pas relevé d'éléments remettant en cause "
            "la cohérence et la vraisemblance des comptes pris dans leur ensemble."
        ),
        P(f"{ec_firm} - {ec.name}, expert-comptable", align="right", style="italic"),
        H("Chiffres clés", 2),
        Table(["En euros", f"{year}", f"{year - 1}", "Variation"], key, fmt="tmmp"),
    ]
    if rng.random() < 0.7:
        blocks += [
            H("Soldes intermédiaires de gestion", 2),
            Table(["", f"Exercice {year}"], sig, fmt="tm"),
        ]
    if rng.random() < 0.5:
        blocks += [Break(), *_liasse_tables(a, b, rng)[:2]]
    blocks += [H("Annexe (extraits)"), *[x for s in sections for x in s]]
    return Doc(
        "",
        blocks,
        head_left=[
            ec_firm,
            "Expertise comptable - Commissariat aux comptes",
            fk.address(rng).one_line(),
        ],
        footer=alt(
            rng, [f"{c.name} - comptes {year}", "Membre de l'Ordre des experts-comptables", ""]
        ),
    )
