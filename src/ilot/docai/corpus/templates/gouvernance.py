"""Minutes, resolutions and powers; group structure charts and cap tables."""

from __future__ import annotations

import datetime as dt
import random

from .. import fakes as fk
from ..fakes import World
from ..model import Block, Box, Bullets, Doc, H, P, Sign, Table
from ..registry import template
from .common import alt, person_phrase, place_date
from .societe import _asso_name


@template("PV_DECISIONS", "pv_ago", formats=("pdf", "docx"), scan=0.15)
def pv_ago(w: World, rng: random.Random) -> Doc:
    c = rng.choice([w.sccv, w.developer, w.holding])
    fy = w.today.year - 1
    res = [
        "L'assemblée, après avoir entendu la lecture du rapport de gestion, approuve "
        "les comptes de l'exercice clos le 31 "
        f"décembre {fy} tels qu'ils lui ont été présentés.",
        "L'assemblée décide d'affecter le résultat de l'exercice, "
        f"soit {fk.money(rng.uniform(-50000, 900000))}, "
        "au compte report à nouveau.",
        "L'assemblée donne quitus au gérant de sa gestion pour l'exercice écoulé.",
        "L'assemblée confère tous pouvoirs au porteur d'un original des présentes "
        "pour accomplir les formalités légales.",
    ]
    blocks: list[Block] = [
        P(
            f"{c.name} - capital {fk.money(c.capital)} - siège {c.address.one_line()} - {c.rcs}",
            align="center",
            style="small",
        ),
        P(
            f"Le {fk.fr_date_long(w.today)}, à {rng.randint(9, 18)} heures, les associés "
            "se sont réunis en assemblée "
            f"générale ordinaire au siège social, sur convocation de la gérance."
        ),
        P(
            f"Sont présents ou représentés : {w.developer.name} ({rng.randint(50, 99)} "
            f"parts) et {w.holding.name}."
        ),
        P(
            "L'assemblée est présidée par le gérant. Le quorum étant atteint, elle peut "
            "valablement délibérer."
        ),
        H("ORDRE DU JOUR"),
        P("- Approbation des comptes ; - Affectation du résultat ; - Quitus ; - Pouvoirs."),
    ]
    for i, r in enumerate(res, 1):
        blocks += [
            H(f"{['PREMIÈRE', 'DEUXIÈME', 'TROISIÈME', 'QUATRIÈME'][i - 1]} RÉSOLUTION", 2),
            P(r),
            P("Cette résolution est adoptée à l'unanimité.", style="italic"),
        ]
    blocks += [
        P("L'ordre du jour étant épuisé, la séance est levée."),
        Sign([["Le président de séance", c.manager.name], ["Les associés", ""]]),
    ]
    return Doc(
        alt(
            rng,
            ["PROCÈS-VERBAL DE L'ASSEMBLÉE GÉNÉRALE ORDINAIRE", "PV D'ASSEMBLÉE GÉNÉRALE ANNUELLE"],
        ),
        blocks,
    )


@template("PV_DECISIONS", "decisions_emprunt", formats=("pdf", "docx"), scan=0.15)
def decisions(w: World, rng: random.Random) -> Doc:
    amount = int(w.revenue_ttc * rng.uniform(0.2, 0.4) / 10000) * 10000
    return Doc(
        alt(
            rng,
            [
                "DÉCISIONS UNANIMES DES ASSOCIÉS",
                "PROCÈS-VERBAL DES DÉCISIONS COLLECTIVES",
                "Décision de l'associé unique",
            ],
        ),
        [
            P(f"{w.sccv.name} - Société civile de construction vente - {w.sccv.rcs}"),
            P(
                f"Le {fk.fr_date(w.today)}, les associés de la société ont pris à l'unanimité, "
                "par acte sous seing privé, les décisions suivantes :"
            ),
            H("Première décision - Autorisation d'emprunter", 2),
            P(
                f"Les associés autorisent la gérance à contracter auprès de {w.bank.name} "
                "un crédit d'accompagnement d'un montant "
                f"maximum de {fk.money(amount)} et à solliciter une "
                "garantie financière d'achèvement "
                f"pour l'opération {w.programme}."
            ),
            H("Deuxième décision - Garanties", 2),
            P(
                "Les associés autorisent la gérance à consentir toute affectation hypothécaire "
                "sur le terrain, toute cession de créances "
                "et à signer tout acte de nantissement des parts sociales au profit de la banque."
            ),
            H("Troisième décision - Pouvoirs", 2),
            P(
                f"Tous pouvoirs sont donnés à {w.sccv.manager.formal}, "
                "avec faculté de subdéléguer, "
                "pour signer la convention de crédit "
                "et tous actes nécessaires."
            ),
            Sign([[w.developer.name, "Associé"], [w.holding.name, "Associé"]]),
        ],
    )


@template("PV_DECISIONS", "delegation_pouvoirs", scan=0.2)
def delegation(w: World, rng: random.Random) -> Doc:
    delegate = fk.person(rng, w.today)
    return Doc(
        alt(rng, ["DÉLÉGATION DE POUVOIRS", "POUVOIR SPÉCIAL", "PROCURATION"]),
        [
            P(
                f"Je soussigné(e), {w.sccv.manager.formal}, agissant en qualité de représentant "
                f"légal de {w.developer.full}, elle-même "
                f"gérante de la {w.sccv.name},"
            ),
            P(f"donne pouvoir à {person_phrase(delegate)},"),
            P(
                "à l'effet de signer, au nom et pour le compte de "
                "la société, "
                + rng.choice(
                    [
                        "les actes de vente en l’état futur d’achèvement",
                        "la convention de crédit et ses annexes",
                        "l’acte d’acquisition du terrain",
                        "les marchés de travaux",
                    ]
                )
                + " "
                f"relatifs à l'opération {w.programme}, d'en arrêter les termes, de signer "
                "toutes pièces et plus généralement de faire le nécessaire."
            ),
            P(
                "Le présent pouvoir est valable jusqu'au "
                f"{fk.fr_date(w.today + dt.timedelta(days=rng.randint(90, 365)))}."
            ),
            P(place_date(w, rng)),
            Sign(
                [
                    ["Le mandant", "« Bon pour pouvoir »"],
                    ["Le mandataire", "« Bon pour acceptation »"],
                ]
            ),
        ],
    )


def _holders(w: World, rng: random.Random) -> list[tuple[str, float]]:
    a = rng.choice([100.0, 99.0, 90.0, 70.0, 51.0, 50.0])
    out = [(w.developer.full, a)]
    if a < 100:
        rest = 100 - a
        out.append(
            (w.holding.full if rng.random() < 0.5 else f"{rng.choice(fk.DEV_NAMES)} SAS", rest)
        )
    return out


@template("PV_DECISIONS", "pv_association", formats=("pdf", "docx"), scan=0.2)
def pv_association(w: World, rng: random.Random) -> Doc:
    name = _asso_name(rng, w)
    board = rng.random() < 0.5
    people = [fk.person(rng, w.today) for _ in range(rng.randint(4, 9))]
    roles = ["président", "trésorier", "secrétaire", "vice-président", "membre du CA"]
    present = [f"{p.name} - {roles[i] if i < 4 else 'membre'}" for i, p in enumerate(people)]
    votes = len(people)
    blocks: list[Block] = [
        P(f"{name}", style="bold"),
        P(
            f"Le {fk.fr_date_long(w.today)} à "
            f"{rng.randint(9, 20)}h"
            f"{rng.choice(['00', '30', '15'])}"
            ", les membres "
            "se sont réunis en "
            f"{'conseil d’administration' if board else 'assemblée générale ordinaire'} "
            f"{rng.choice(['par visioconférence', 'au siège', 'en salle municipale'])}."
        ),
        P("Étaient présent(e)s :"),
        Bullets(present),
        P(
            "La séance débute avec "
            f"{people[0].name} en président de séance et "
            f"{people[1].name} en secrétaire."
        ),
    ]
    points = [
        (
            "Rapport moral et rapport financier",
            "Le trésorier présente les comptes de l'exercice écoulé.",
        ),
        ("Approbation des comptes", "Les comptes sont approuvés."),
        ("Renouvellement du bureau", f"{people[0].name} est réélu(e) président(e)."),
        (
            "Montant de la cotisation",
            f"La cotisation annuelle est fixée à {rng.choice([10, 20, 35, 50])} euros.",
        ),
        (
            "Travaux d'entretien",
            "Le conseil autorise le président à signer les devis d'entretien des espaces verts.",
        ),
    ]
    for t, b in rng.sample(points, k=rng.randint(2, len(points))):
        blocks += [H(t, 2), P(b), P(f"{votes} votes pour, 0 contre, 0 abstention.", style="italic")]
    blocks += [
        P("L'ordre du jour étant épuisé, la séance est levée."),
        Sign([["Le président de séance", people[0].name], ["Le secrétaire", people[1].name]]),
    ]
    title = (
        "Procès-verbal de la réunion du Conseil d'Administration"
        if board
        else "Procès-verbal de l'assemblée générale"
    )
    return Doc(title, blocks)


@template("ORGANIGRAMME", "organigramme_juridique", formats=("pdf", "docx"), scan=0.05)
def orga(w: World, rng: random.Random) -> Doc:
    owner = w.developer.manager
    subs = [
        f"SCCV {a.upper()} {b.upper()}".strip()
        for a, b in rng.sample(fk.PROGRAMME_WORDS, rng.randint(2, 6))
    ] + [w.sccv.name]
    blocks: list[Block] = [
        Box(
            [
                f"{owner.name} - {rng.choice([80, 90, 100, 65])} %",
                "Famille " + owner.last + " - solde",
            ],
            "Actionnaires",
        ),
        P("│", align="center"),
        Box([w.holding.full, f"SIREN {w.holding.siren}"], "Holding"),
        P(f"│ {rng.choice([100, 99.9, 95])} %", align="center"),
        Box([w.developer.full, f"SIREN {w.developer.siren}"], "Société de promotion"),
    ]
    rows: list[list[str | int | float]] = [
        [
            s,
            float(rng.choice([100, 51, 50, 99, 60])),
            rng.choice(["Gérante", "Associée", "Gérante"]),
        ]
        for s in subs
    ]
    blocks += [
        P("│", align="center"),
        Table(["Filiale (SCCV)", "% détenu", "Rôle"], rows, fmt="tpt"),
    ]
    return Doc(
        alt(rng, ["ORGANIGRAMME JURIDIQUE", "Organigramme du groupe", "STRUCTURE DU GROUPE"]),
        blocks,
        head_left=[w.developer.name],
        title_sub=f"au {fk.fr_date(w.today)}",
    )


@template("ORGANIGRAMME", "table_capitalisation", formats=("pdf", "xlsx"), scan=0.05)
def captable(w: World, rng: random.Random) -> Doc:
    parts = rng.choice([100, 1000, 500])
    rows: list[list[str | int | float]] = [
        [n, float(parts * p / 100), p] for n, p in _holders(w, rng)
    ]
    rows.append(["TOTAL", float(parts), 100.0])
    return Doc(
        alt(
            rng,
            [
                "TABLE DE CAPITALISATION",
                "Répartition du capital",
                "Tableau de répartition des parts sociales",
            ],
        ),
        [
            P(f"{w.sccv.name} - capital {fk.money(w.sccv.capital)}"),
            Table(
                ["Associé", "Nombre de parts", "% du capital et des droits de vote"],
                rows,
                fmt="tnp",
                total=1,
            ),
            P("Aucune valeur mobilière donnant accès au capital n'a été émise."),
        ],
    )


@template("ORGANIGRAMME", "group_structure_en", scan=0.02)
def structure_en(w: World, rng: random.Random) -> Doc:
    return Doc(
        "GROUP STRUCTURE CHART",
        [
            Box([f"{w.developer.manager.name} (ultimate beneficial owner)"]),
            P("100%", align="center"),
            Box([w.holding.full]),
            P(f"{rng.choice([100, 95, 80])}%", align="center"),
            Box([w.developer.full, "(Sponsor)"]),
            P(f"{rng.choice([100, 99, 51])}%", align="center"),
            Box([w.sccv.name, "(Borrower - project company)"]),
            P("Simplified structure - dormant entities not shown.", style="small"),
        ],
        lang="en",
    )


_ = (Sign, Table)
