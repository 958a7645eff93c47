"""Drawdown requests (DEMANDE_TIRAGE).

Part of `plain_c`, the templates of another writer (see its package docstring).
"""

from __future__ import annotations

import random

from ... import fakes as fk
from ... import identifiers as ids
from ...fakes import World
from ...model import KV, Block, Bullets, Doc, H, P, Sign, Space, Table
from ...registry import template
from ..common import letterhead, recipient
from ._shared import (
    _STAGE_TEXT,
    Rows,
    _disclaimer,
    _domain,
    _mail,
    _mail_head,
    _pick,
    _plus,
    _slug,
    _yes,
)


# --------------------------------------------------------------------------------------------
# DEMANDE_TIRAGE
def _invoices(w: World, rng: random.Random, k: int) -> list[tuple[str, str, str, float, float]]:
    """(supplier, invoice no, nature, amount HT, amount TTC) of the bills a drawdown pays."""
    out: list[tuple[str, str, str, float, float]] = []
    for _ in range(k):
        r = rng.random()
        if r < 0.65:
            c = rng.choice(w.contractors)
            who = c.name
            nature = f"Situation n° {rng.randint(1, 14)} - lot {c.trade}"
            ht = round(w.works_ht * rng.uniform(0.005, 0.05), 2)
            vat = 0.2
        elif r < 0.8:
            who = w.architect_firm.name
            nature = _pick(
                rng, "Honoraires MOE - phase DET", f"Note d'honoraires n° {rng.randint(3, 20)}"
            )
            ht = round(w.works_ht * rng.uniform(0.002, 0.01), 2)
            vat = 0.2
        elif r < 0.9:
            who = _pick(rng, "Socotec", "Bureau Veritas Construction", "Apave", "Qualiconsult")
            nature = _pick(rng, "Contrôle technique", "Mission CSPS")
            ht = round(rng.uniform(1500, 12000), 2)
            vat = 0.2
        else:
            who = _pick(rng, f"Trésor public - {w.site.town}", "Concessionnaire réseaux", "Enedis")
            nature = _pick(
                rng,
                "Taxe d'aménagement - 2e échéance",
                "Raccordement électrique",
                "Participation assainissement collectif",
            )
            ht = round(rng.uniform(3000, 90000), 2)
            vat = 0.0 if "Taxe" in nature or "Participation" in nature else 0.2
        out.append(
            (
                who,
                ids.ref(rng, _pick(rng, "F-99999", "FA9999-99", f"{w.today.year}/999")),
                nature,
                ht,
                round(ht * (1 + vat), 2),
            )
        )
    return out


@template("DEMANDE_TIRAGE", "pc_tirage_courriel", scan=0.03)
def tirage_mail(w: World, rng: random.Random) -> Doc:
    n = rng.randint(3, 18)
    inv = _invoices(w, rng, rng.randint(2, 7))
    total = round(sum(x[4] for x in inv), 2)
    sender = fk.person(rng, w.today)
    banker = fk.person(rng, w.today)
    bank_dom = _slug(w.bank.name.split()[0]) + ".fr"
    subject = _pick(
        rng,
        f"Demande de tirage n°{n} - {w.sccv.name}",
        f"{w.programme} : appel de fonds crédit promoteur - tirage {n}",
        f"Tirage n° {n} / CA {w.programme}",
        f"Déblocage - {w.sccv.name} - {fk.MONTHS_FR[w.today.month - 1]}",
    )
    attach = [f"{x[1].replace('/', '-')}.pdf" for x in inv[:4]]
    if _yes(rng, 0.6):
        attach.append("Attestation_avancement_MOE.pdf")
    direct = _yes(rng, 0.5)
    lines = [f"{x[0]} - {x[2]} - facture {x[1]} : {fk.money(x[4])} TTC" for x in inv]
    blocks: list[Block] = [
        _mail_head(
            rng,
            f"{sender.name} <{_mail(sender, w.developer, rng)}>",
            f"{banker.name} <{_slug(banker.first)}.{_slug(banker.last)}@{bank_dom}>",
            subject,
            w.today,
            cc=_pick(rng, "", f"{w.sccv.manager.name}", "comptabilite@" + _domain(w.developer)),
            attach=attach,
        ),
        Space(6),
        P(_pick(rng, f"Bonjour {banker.first},", f"Bonjour {banker.civ},", "Bonjour,")),
        P(
            _pick(
                rng,
                f"Je vous prie de bien vouloir procéder au tirage n° {n} sur le crédit "
                f"d'accompagnement de la {w.sccv.name}, pour un montant de "
                f"{fk.money(total)}, destiné au règlement des factures suivantes :",
                f"Merci de débloquer {fk.money(total)} sur la ligne de crédit de l'opération "
                f"{w.programme} (demande de tirage n° {n}). Détail :",
            )
        ),
        Bullets(lines),
        P(
            "Merci de régler directement les entreprises par virement (RIB joints)."
            if direct
            else f"Merci de créditer le compte d'opération n° {ids.group4(w.sccv.iban)}, "
            "à partir duquel nous réglerons les fournisseurs."
        ),
    ]
    if _yes(rng, 0.6):
        blocks.append(
            P(
                "Vous trouverez également en pièce jointe l'attestation de l'architecte du "
                f"{fk.fr_date(_plus(w.today, -rng.randint(2, 12)))} confirmant le stade "
                f"« {rng.choice(_STAGE_TEXT)[1]} ». Le taux de pré-commercialisation est "
                "inchangé depuis le dernier état transmis."
            )
        )
    if _yes(rng, 0.4):
        blocks.append(
            P(
                f"Après ce tirage, l'encours s'élèvera à "
                f"{fk.money(round(total * rng.uniform(3, 9), 2))} sur une autorisation de "
                f"{fk.money(round(w.works_ht * 0.3, -4))}."
            )
        )
    blocks += [
        P(_pick(rng, "Bien à vous,", "Cordialement,", "Merci d'avance, bonne journée.")),
        P(
            f"{sender.name}\n{_role_fin(rng)}\n{w.developer.name}\n{w.developer.phone}",
            align="left",
        ),
        _disclaimer(rng),
    ]
    return Doc("", blocks, head_left=[sender.name] if _yes(rng, 0.4) else [])


def _role_fin(rng: random.Random) -> str:
    return _pick(
        rng,
        "Responsable administratif et financier",
        "Contrôleur de gestion programmes",
        "Assistante de programmes",
        "Directeur financier",
    )


@template("DEMANDE_TIRAGE", "pc_tirage_suivi_budget", formats=("pdf", "xlsx", "docx"), scan=0.1)
def tirage_budget(w: World, rng: random.Random) -> Doc:
    n = rng.randint(2, 16)
    works = float(w.works_ht)
    posts = [
        ("Foncier et frais d'acquisition", float(w.land_price) * 1.08),
        ("Travaux", works * 1.2),
        ("Honoraires techniques", works * rng.uniform(0.08, 0.12)),
        ("Assurances", works * rng.uniform(0.015, 0.03)),
        ("Taxes et participations", works * rng.uniform(0.02, 0.05)),
        ("Frais de commercialisation", w.revenue_ttc / 1.2 * rng.uniform(0.03, 0.06)),
        ("Frais financiers", works * rng.uniform(0.02, 0.04)),
    ]
    progress = rng.uniform(0.15, 0.8)
    rows: Rows = []
    tot = [0.0, 0.0, 0.0]
    inv = _invoices(w, rng, rng.randint(3, 9))
    this_by_post = {"Travaux": 0.0, "Honoraires techniques": 0.0, "Taxes et participations": 0.0}
    for x in inv:
        key = (
            "Travaux"
            if "Situation" in x[2]
            else "Taxes et participations"
            if x[2].startswith(("Taxe", "Raccordement", "Participation"))
            else "Honoraires techniques"
        )
        this_by_post[key] += x[4]
    for name, budget in posts:
        budget = round(budget, -2)
        done = round(
            budget * (1.0 if name.startswith("Foncier") else progress * rng.uniform(0.7, 1.1)), 2
        )
        done = min(done, budget)
        now = round(this_by_post.get(name, 0.0), 2)
        rows.append([name, budget, done, now, done + now, budget - done - now])
        tot[0] += budget
        tot[1] += done
        tot[2] += now
    rows.append(["Total", tot[0], tot[1], tot[2], tot[1] + tot[2], tot[0] - tot[1] - tot[2]])
    irows: Rows = [[x[0], x[1], x[2], x[3], x[4]] for x in inv]
    irows.append(["Total", "", "", sum(x[3] for x in inv), tot[2]])
    header_kv = KV(
        [
            ("Emprunteur", w.sccv.name),
            ("Prêteur", w.bank.name),
            (
                "Concours",
                _pick(
                    rng,
                    "Crédit d'accompagnement",
                    "Ouverture de crédit promoteur",
                    "Crédit de trésorerie opération",
                ),
            ),
            ("Demande n°", str(n)),
            ("Date", fk.fr_date(w.today)),
            ("Date de valeur souhaitée", fk.fr_date(_plus(w.today, rng.choice([3, 5, 7])))),
            ("Montant demandé", fk.money(tot[2])),
        ],
        boxed=_yes(rng, 0.5),
    )
    blocks: list[Block] = [
        header_kv,
        H(_pick(rng, "1. Suivi budgétaire de l'opération", "Situation du budget (€ TTC)"), 2),
        Table(
            ["Poste", "Budget", "Payé à ce jour", "Présente demande", "Cumul", "Reste à payer"],
            rows,
            fmt="tmmmmm",
            total=1,
        ),
        H(_pick(rng, "2. Factures à régler", "Détail des dépenses justifiant le tirage"), 2),
        Table(["Bénéficiaire", "Facture", "Objet", "HT", "TTC"], irows, fmt="tttmm", total=1),
        H(_pick(rng, "3. Déclarations de l'emprunteur", "Certification"), 2),
        Bullets(
            rng.sample(
                [
                    "les factures jointes correspondent à des travaux réalisés et à des "
                    "dépenses prévues au budget de l'opération ;",
                    "aucun cas d'exigibilité anticipée n'est survenu ni n'est sur le point de "
                    "survenir ;",
                    "les déclarations faites dans la convention de crédit demeurent exactes ;",
                    "le taux de pré-commercialisation n'a pas diminué depuis la dernière demande ;",
                    "les fonds seront affectés exclusivement au règlement des factures ci-dessus.",
                ],
                k=rng.randint(2, 4),
            )
        ),
        P(
            "Pièces jointes : factures, "
            + _pick(
                rng,
                "attestation d'avancement du maître d'œuvre, ",
                "état d'avancement visé par l'architecte, ",
                "",
            )
            + "état de commercialisation à jour."
        ),
        Sign(
            [
                [f"Pour {w.sccv.name}", w.sccv.manager.name, "(signature autorisée)"],
                *([["Visa du prêteur", "Bon pour décaissement", "Date :"]] if _yes(rng) else []),
            ]
        ),
    ]
    return Doc(
        _pick(
            rng,
            f"DEMANDE DE TIRAGE N° {n}",
            "Demande de décaissement",
            f"Demande d'utilisation n° {n}",
            "demande de mise à disposition des fonds",
        ),
        blocks,
        head_left=letterhead(w.sccv, rng),
        head_right=recipient(
            w.bank,
            _pick(
                rng,
                "du back-office crédits",
                "du service engagements",
                fk.person(rng, w.today).formal,
            ),
        ),
    )
