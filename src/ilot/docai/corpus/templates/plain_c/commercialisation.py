"""Price lists and sales reports (GRILLE_PRIX, ETAT_COMMERCIALISATION).

Part of `plain_c`, the templates of another writer (see its package docstring).
"""

from __future__ import annotations

import datetime as dt
import random

from ... import fakes as fk
from ...fakes import World
from ...model import KV, Block, Bullets, Doc, H, P, Table
from ...registry import template
from ..common import Lot, letterhead, lot_rows
from ._shared import Rows, _pick, _plus, _yes


# --------------------------------------------------------------------------------------------
# GRILLE_PRIX
def _expo(rng: random.Random) -> str:
    return rng.choice(["N", "S", "E", "O", "SO", "SE", "NE", "NO", "S/O", "E/O"])


@template("GRILLE_PRIX", "pc_grille_par_batiment", formats=("xlsx", "pdf", "docx"), scan=0.03)
def grille_batiments(w: World, rng: random.Random) -> Doc:
    n_bat = rng.randint(1, 3)
    reduced = _yes(rng, 0.25)
    per_m2 = _yes(rng, 0.5)
    expo = _yes(rng, 0.6)
    blocks: list[Block] = []
    title = _pick(
        rng,
        f"Grille de prix - {w.programme}",
        f"TARIFS AU {fk.fr_date(w.today)}",
        "Grille de commercialisation",
        "liste des lots et prix de vente",
        "",
    )
    if not title or _yes(rng, 0.3):
        blocks.append(
            P(
                f"{w.programme} - {w.site.postcode} {w.site.town} - "
                f"{_pick(rng, 'prix TTC', 'prix en euros TTC', 'prix TVA 20 % incluse')} - "
                f"{_pick(rng, 'mise à jour', 'grille valable à compter')} du "
                f"{fk.fr_date(w.today)}",
                style="bold",
            )
        )
    header = ["Lot", "Niveau", "Type"]
    fmt = "ttt"
    if expo:
        header.append("Expo.")
        fmt += "t"
    header += ["SHAB m²", "Ext. m²", "Stationnement", "Prix TTC"]
    fmt += "ddtm"
    if reduced:
        header.append("Prix TVA 5,5 %")
        fmt += "m"
    if per_m2:
        header.append("€/m²")
        fmt += "n"
    grand = 0.0
    count = 0
    for b in range(n_bat):
        letter = "ABC"[b]
        lots = lot_rows(w, rng, rng.randint(5, 18 if n_bat > 1 else 30))
        lots.sort(key=lambda x: (x["floor"] != "RDC", x["floor"]))
        rows: Rows = []
        sub = 0.0
        for i, x in enumerate(lots):
            num = f"{letter}{x['floor'].replace('RDC', '0').replace('R+', '')}{i + 1:02d}"
            ext = x["ext"]
            ext_label = "" if ext == 0 else ("jardin " if x["floor"] == "RDC" else "")
            r: list[str | int | float] = [num, x["floor"], x["type"]]
            if expo:
                r.append(_expo(rng))
            ext_cell: str | float = "-" if ext == 0 else ext
            if ext_label:
                ext_cell = f"{ext_label}{fk.num(ext, dec=1)}"
            r += [x["surface"], ext_cell]
            r += [str(x["parking"]).replace("PK", "place(s)"), float(x["price"])]
            if reduced:
                r.append(float(round(x["price"] / 1.2 * 1.055, -2)))
            if per_m2:
                r.append(float(round(x["price"] / x["surface"])))
            rows.append(r)
            sub += x["price"]
        count += len(lots)
        grand += sub
        rows.append(_fit_total(f"{len(lots)} lots", header, sub))
        label = _pick(rng, f"Bâtiment {letter}", f"BÂT. {letter}", f"Cage {letter}")
        blocks.append(Table(header, rows, fmt=fmt, total=1, title=label if n_bat > 1 else ""))
    notes = [
        "Prix fermes et non révisables, valables jusqu'au "
        f"{fk.fr_date(_plus(w.today, rng.choice([30, 60, 90])))} dans la limite des lots "
        "disponibles.",
        "Frais de notaire réduits (environ 2 à 3 % du prix) - logement neuf.",
        f"Place de stationnement supplémentaire : {fk.money(rng.choice([9000, 12000, 15000]))} "
        "TTC.",
        "SHAB : surface habitable au sens de l'article R156-1 du CCH, plans non contractuels.",
        "Livraison prévisionnelle : "
        f"{rng.choice(['1er', '2e', '3e', '4e'])} trimestre {w.delivery_date.year}.",
    ]
    if reduced:
        notes.append(
            "TVA à 5,5 % sous conditions de ressources et de résidence principale (quartier "
            "prioritaire de la politique de la ville ou périmètre de 300 m)."
        )
    blocks.append(Bullets(rng.sample(notes, k=rng.randint(2, len(notes)))))
    if _yes(rng, 0.5):
        blocks.append(
            P(f"Total : {count} lots - chiffre d'affaires TTC {fk.money(grand)}", style="bold")
        )
    return Doc(
        title,
        blocks,
        head_left=[
            w.developer.name,
            _pick(rng, "Service commercial", "Direction des ventes", w.programme),
        ],
        landscape=len(header) > 8,
        footer=_pick(rng, "Document non contractuel", f"{w.developer.name} - {w.programme}", ""),
    )


def _fit_total(label: str, header: list[str], amount: float) -> list[str | int | float]:
    """Subtotal row aligned on the 'Prix TTC' column, whatever optional columns exist."""
    row: list[str | int | float] = [""] * len(header)
    row[0] = "Sous-total"
    row[2] = label
    row[header.index("Prix TTC")] = amount
    return row


@template("GRILLE_PRIX", "pc_grille_revision", formats=("pdf", "docx", "xlsx"), scan=0.05)
def grille_revision(w: World, rng: random.Random) -> Doc:
    version = rng.randint(2, 7)
    lots = lot_rows(w, rng, rng.randint(6, 24))
    move = rng.choice([-3.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0])
    rows: Rows = []
    old_t = new_t = 0.0
    for x in lots:
        new = float(x["price"])
        old = float(round(new / (1 + rng.uniform(move - 1.5, move + 1.5) / 100), -2))
        rows.append([x["lot"], x["type"], x["surface"], old, new, (new - old) / old * 100])
        old_t += old
        new_t += new
    rows.append(["Total", f"{len(lots)} lots", "", old_t, new_t, (new_t - old_t) / old_t * 100])
    eff = _plus(w.today, rng.randint(1, 10))
    who = rng.choice([w.developer.manager, fk.person(rng, w.today)])
    role = _pick(rng, "directeur commercial", "directrice des ventes", "responsable des ventes")
    blocks: list[Block] = [
        KV(
            [
                (
                    "À",
                    _pick(
                        rng,
                        "Équipe commerciale",
                        "Réseau de prescripteurs et commercialisateurs",
                        "Conseillers de vente - bureau de vente",
                    ),
                ),
                ("De", f"{who.name}, {role}"),
                ("Objet", f"{w.programme} - grille de prix V{version}"),
                ("Date d'application", fk.fr_date(eff)),
            ]
        ),
        P(
            _pick(
                rng,
                f"À compter du {fk.fr_date(eff)}, la grille ci-dessous remplace la version "
                f"V{version - 1}. Les contrats de réservation signés avant cette date restent "
                "conclus aux prix de l'ancienne grille.",
                f"Suite au comité commercial du {fk.fr_date(w.today)}, les prix des lots "
                f"encore disponibles du programme {w.programme} évoluent comme suit. Merci "
                "de ne plus communiquer l'ancienne grille.",
            )
        ),
        Table(
            [
                "Lot",
                "Typologie",
                "SHAB",
                "Prix V" + str(version - 1),
                "Prix V" + str(version),
                "Évolution",
            ],
            rows,
            fmt="ttdmmp",
            total=1,
        ),
    ]
    if _yes(rng, 0.6):
        blocks += [
            H(_pick(rng, "Conditions commerciales", "Offres en cours"), 2),
            Bullets(
                rng.sample(
                    [
                        "frais de notaire offerts pour toute réservation avant le "
                        f"{fk.fr_date(_plus(eff, 45))}",
                        "cuisine équipée offerte sur les T3 et T4",
                        f"remise de {fk.money(rng.choice([3000, 5000, 8000]))} sur le prix "
                        "d'un stationnement",
                        "honoraires de commercialisation inchangés",
                        "dépôt de garantie ramené à 2 %",
                    ],
                    k=2,
                )
            ),
        ]
    blocks.append(
        P(
            "Prix TTC, TVA 20 %. Grille réservée à l'usage interne et aux partenaires agréés.",
            style="small",
        )
    )
    return Doc(
        _pick(
            rng,
            f"Nouvelle grille de prix - version {version}",
            "Note - mise à jour tarifaire",
            "GRILLE TARIFAIRE ACTUALISÉE",
            "",
        ),
        blocks,
        head_left=letterhead(w.developer, rng, ids=False),
    )


# --------------------------------------------------------------------------------------------
# ETAT_COMMERCIALISATION
def _sales_book(
    w: World, rng: random.Random, n: int
) -> list[tuple[Lot, str, str, dt.date | None, dt.date | None, str]]:
    """(lot, status, buyer, reservation date, deed date, financing) for n lots."""
    sold_share = rng.uniform(0.2, 0.9)
    out: list[tuple[Lot, str, str, dt.date | None, dt.date | None, str]] = []
    for x in lot_rows(w, rng, n):
        r = rng.random()
        if r < sold_share:
            res = _plus(w.today, -rng.randint(10, 420))
            acted = _yes(rng, 0.55) and res < _plus(w.today, -60)
            status = "Acté" if acted else "Réservé"
            deed = _plus(res, rng.randint(60, 150)) if acted else None
            buyer = fk.person(rng, w.today)
            name = f"{buyer.last.upper()} {buyer.first}"
            fin = rng.choice(["Prêt", "Prêt", "Prêt + PTZ", "Comptant", "Prêt"])
            out.append((x, status, name, res, deed, fin))
        elif r < sold_share + 0.04:
            out.append((x, "Désisté", "", None, None, ""))
        elif r < sold_share + 0.1:
            out.append((x, "Option", "", None, None, ""))
        else:
            out.append((x, "Libre", "", None, None, ""))
    return out


@template(
    "ETAT_COMMERCIALISATION",
    "pc_etat_point_commercial",
    formats=("pdf", "docx", "xlsx"),
    scan=0.03,
)
def etat_point(w: World, rng: random.Random) -> Doc:
    en = _yes(rng, 0.2)
    lang = "en" if en else "fr"
    n = min(w.lots, rng.randint(14, 70))
    book = _sales_book(w, rng, n)
    total = sum(x[0]["price"] for x in book)
    acted = [b for b in book if b[1] == "Acté"]
    resv = [b for b in book if b[1] == "Réservé"]
    sold_ca = sum(b[0]["price"] for b in acted + resv)
    rate = sold_ca / total * 100 if total else 0.0
    threshold = rng.choice([30, 40, 50])
    by_type: dict[str, list[int]] = {}
    for lot, st, *_ in book:
        t = by_type.setdefault(lot["type"], [0, 0, 0, 0])
        t[0] += 1
        t[1] += st == "Réservé"
        t[2] += st == "Acté"
        t[3] += st in ("Libre", "Option", "Désisté")
    trows: Rows = [
        [k, v[0], v[1], v[2], v[3], (v[1] + v[2]) / v[0] * 100] for k, v in sorted(by_type.items())
    ]
    trows.append(
        [
            "Total",
            n,
            len(resv),
            len(acted),
            n - len(resv) - len(acted),
            (len(resv) + len(acted)) / n * 100,
        ]
    )
    month = fk.MONTHS_EN[w.today.month - 1] if en else fk.MONTHS_FR[w.today.month - 1]
    if en:
        kv = [
            ("Project", f"{w.programme} ({w.site.town})"),
            ("Borrower", w.sccv.name),
            ("Units", str(n)),
            ("Exchanged (notarial deed signed)", str(len(acted))),
            ("Reserved", str(len(resv))),
            ("Gross development value incl. VAT", fk.money(total, "en")),
            ("Pre-sales incl. VAT", fk.money(sold_ca, "en")),
            ("Pre-sales ratio", f"{rate:.1f}%"),
            ("Bank covenant", f"{threshold}%"),
        ]
        head = ["Type", "Units", "Reserved", "Exchanged", "Available", "% sold"]
    else:
        kv = [
            ("Programme", f"{w.programme} - {w.site.town}"),
            ("Société", w.sccv.name),
            ("Nombre de lots", str(n)),
            ("Lots actés", str(len(acted))),
            ("Lots réservés (non actés)", str(len(resv))),
            ("CA total prévisionnel TTC", fk.money(total)),
            ("CA réservé et acté TTC", fk.money(sold_ca)),
            ("Taux de pré-commercialisation", f"{fk.num(rate, dec=1)} %"),
            ("Seuil prévu à la convention de crédit", f"{threshold} %"),
        ]
        head = ["Typologie", "Stock", "Réservés", "Actés", "Disponibles", "% vendu"]
    blocks: list[Block] = [
        KV(kv, boxed=_yes(rng, 0.4)),
        H("By unit type" if en else _pick(rng, "Répartition par typologie", "Par typologie"), 2),
        Table(head, trows, fmt="tnnnnp", total=1),
    ]
    recent = [b for b in book if b[3] and b[3] > _plus(w.today, -rng.choice([31, 62, 92]))]
    if recent:
        mrows: Rows = [
            [
                b[0]["lot"],
                b[0]["type"],
                b[2],
                fk.fr_date(b[3]) if b[3] else "",
                float(b[0]["price"]),
            ]
            for b in recent[:10]
        ]
        blocks += [
            H(
                "New reservations"
                if en
                else _pick(rng, "Mouvements du mois", "Nouvelles réservations"),
                2,
            ),
            Table(
                ["Unit", "Type", "Buyer", "Date", "Price"]
                if en
                else ["Lot", "Type", "Réservataire", "Date", "Prix TTC"],
                mrows,
                fmt="ttttm",
            ),
        ]
    if _yes(rng, 0.4):
        status_en = {
            "Acté": "Exchanged",
            "Réservé": "Reserved",
            "Désisté": "Cancelled",
            "Libre": "Available",
            "Option": "Option",
        }
        drows: Rows = [
            [
                b[0]["lot"],
                b[0]["type"],
                b[0]["surface"],
                float(b[0]["price"]),
                status_en[b[1]] if en else b[1],
                b[2],
            ]
            for b in book
        ]
        blocks += [
            H(
                "Unit schedule" if en else _pick(rng, "Détail par lot", "Annexe : liste des lots"),
                2,
            ),
            Table(
                ["Unit", "Type", "Sq m", "Price", "Status", "Buyer"]
                if en
                else ["Lot", "Type", "SHAB", "Prix TTC", "Statut", "Acquéreur"],
                drows,
                fmt="ttdmtt",
            ),
        ]
    des = sum(1 for b in book if b[1] == "Désisté")
    if en:
        comment = (
            f"Sales pace: {fk.num(len(resv + acted) / rng.randint(6, 14), 'en', 1)} units per "
            f"month since launch. {des} cancellation(s) this period. Investors account for "
            f"{rng.randint(10, 60)}% of buyers."
        )
    else:
        comment = _pick(
            rng,
            f"Rythme moyen de {fk.num(len(resv + acted) / rng.randint(6, 14), dec=1)} ventes "
            f"par mois depuis le lancement. "
            + (
                f"{des} désistement(s) sur la période, notamment pour refus de prêt "
                "(condition suspensive). "
                if des
                else "Aucun désistement sur la période. "
            )
            + f"Part investisseurs : {rng.randint(10, 60)} %.",
            f"Le seuil de pré-commercialisation de {threshold} % "
            + ("est atteint" if rate >= threshold else "n'est pas encore atteint")
            + f" ({fk.num(rate, dec=1)} % du CA TTC). Relance de la communication prévue en "
            f"{fk.MONTHS_FR[_plus(w.today, 40).month - 1]}.",
        )
    blocks += [H("Comments" if en else "Commentaires", 2), P(comment)]
    return Doc(
        f"Sales status report - {month} {w.today.year}"
        if en
        else _pick(
            rng,
            f"Point commercial au {fk.fr_date(w.today)}",
            f"Reporting commercialisation - {month} {w.today.year}",
            "ÉTAT DES VENTES ET RÉSERVATIONS",
            "état de commercialisation",
        ),
        blocks,
        lang=lang,
        head_left=[w.developer.name, w.programme],
        head_right=[w.bank.name, "Direction des financements immobiliers"] if _yes(rng) else [],
    )


@template("ETAT_COMMERCIALISATION", "pc_etat_tableau_suivi", formats=("xlsx", "pdf"), scan=0.02)
def etat_tableau(w: World, rng: random.Random) -> Doc:
    n = min(w.lots, rng.randint(10, 60))
    book = _sales_book(w, rng, n)
    short = {"Acté": "A", "Réservé": "R", "Désisté": "D", "Libre": "L", "Option": "O"}
    codes = _yes(rng, 0.5)
    with_dep = _yes(rng, 0.5)
    header = ["Lot", "Typo", "Étage", "SHAB", "Prix TTC", "Acquéreur", "Date réservation"]
    fmt = "tttdmtt"
    if with_dep:
        header.append("Dépôt de garantie")
        fmt += "m"
    header += ["Financement", "Acte", "Statut"]
    fmt += "ttt"
    rows: Rows = []
    ca = 0.0
    sold = 0
    for lot, st, name, res, deed, fin in book:
        price = float(lot["price"])
        if st in ("Acté", "Réservé"):
            price = float(round(price * rng.uniform(0.96, 1.0), -2))
            ca += price
            sold += 1
        r: list[str | int | float] = [
            lot["lot"],
            lot["type"],
            lot["floor"],
            lot["surface"],
            price,
            name,
            fk.fr_date(res) if res else "",
        ]
        if with_dep:
            r.append(round(price * rng.choice([0.02, 0.05]), 2) if st == "Réservé" else "")
        deed_txt = (
            fk.fr_date(deed)
            if deed
            else (
                "prévu " + fk.fr_date(_plus(w.today, rng.randint(10, 120)))
                if st == "Réservé"
                else ""
            )
        )
        r += [fin, deed_txt, short[st] if codes else st]
        rows.append(r)
    total_ca = sum(float(b[0]["price"]) for b in book)
    tot: list[str | int | float] = [""] * len(header)
    tot[0] = "TOTAL"
    tot[4] = ca
    tot[5] = f"{sold} lots vendus / {n}"
    blocks: list[Block] = [
        P(
            f"{w.sccv.name} - {w.programme} - situation arrêtée au {fk.fr_date(w.today)}",
            style="bold",
        ),
        Table(header, [*rows, tot], fmt=fmt, total=1),
        KV(
            [
                ("Lots vendus (réservés + actés)", f"{sold} / {n}"),
                ("CA vendu TTC", fk.money(ca)),
                ("Taux de commercialisation (CA)", f"{fk.num(ca / total_ca * 100, dec=1)} %"),
            ]
        ),
    ]
    if codes:
        blocks.append(
            P(
                "Légende : A = acté, R = réservé (contrat signé), O = option, D = désistement, "
                "L = libre.",
                style="small",
            )
        )
    return Doc(
        _pick(
            rng,
            "Tableau de suivi des réservations",
            "SUIVI COMMERCIAL",
            "État de commercialisation",
            "Etat des ventes",
            "",
        ),
        blocks,
        landscape=True,
        head_left=[w.developer.name] if _yes(rng) else [],
        footer=_pick(rng, "Confidentiel", f"Édité le {fk.fr_date(w.today)}", ""),
    )
