"""Minutes of decisions and group charts (PV_DECISIONS, ORGANIGRAMME).

Part of `plain_a`, the templates of another writer (see its package docstring).
"""

from __future__ import annotations

import datetime as dt
import random

from ... import fakes as fk
from ... import identifiers as ids
from ...fakes import Company, World
from ...model import KV, Block, Bullets, Doc, H, P, Sign, Table
from ...registry import template
from ..common import alt, letterhead, place_date
from ._shared import Rows, _days, _form, _manager_title, _two_partners

_ORDINALS = [
    "PREMIÈRE",
    "DEUXIÈME",
    "TROISIÈME",
    "QUATRIÈME",
    "CINQUIÈME",
    "SIXIÈME",
    "SEPTIÈME",
    "HUITIÈME",
    "NEUVIÈME",
    "DIXIÈME",
]


# ---------------------------------------------------------------------------------------------
# PV_DECISIONS
# ---------------------------------------------------------------------------------------------
def _resolutions(w: World, rng: random.Random, c: Company) -> list[tuple[str, str]]:
    loan = int(w.revenue_ttc * rng.uniform(0.15, 0.4) / 10000) * 10000
    new_cap = c.capital * rng.choice([2, 5, 10])
    pool = [
        (
            "Autorisation de conclure un crédit d'accompagnement",
            f"L'assemblée, connaissance prise du projet d'offre de {w.bank.name}, autorise la "
            f"gérance à conclure une ouverture de crédit d'un montant maximum de "
            f"{fk.money(loan)} destinée au financement de l'opération « {w.programme} » à "
            f"{w.site.town}, ainsi qu'une garantie financière d'achèvement au profit des "
            "acquéreurs en l'état futur d'achèvement.",
        ),
        (
            "Octroi de sûretés",
            "En garantie du crédit, l'assemblée autorise la gérance à consentir un privilège "
            "de prêteur de deniers et/ou une hypothèque conventionnelle sur le terrain, la "
            "cession ou le nantissement des créances du prix des ventes, et à accepter le "
            "nantissement des parts sociales par les associés.",
        ),
        (
            "Augmentation de capital",
            f"L'assemblée décide de porter le capital de {fk.money(c.capital)} à "
            f"{fk.money(new_cap)} par création de parts nouvelles souscrites en numéraire, "
            "et modifie corrélativement l'article des statuts relatif au capital.",
        ),
        (
            "Apports en compte courant",
            f"Les associés s'engagent à apporter en compte courant la somme globale de "
            f"{fk.money(int(w.land_price * rng.uniform(0.1, 0.3) / 1000) * 1000)}, "
            "bloquée jusqu'au remboursement intégral du crédit bancaire.",
        ),
        (
            "Lancement des travaux",
            f"Au vu du permis de construire n° {w.permit_no} purgé de tout recours et d'un "
            "taux de pré-commercialisation jugé suffisant, l'assemblée approuve le lancement "
            "des travaux et le budget prévisionnel présenté par la gérance.",
        ),
        (
            "Transfert du siège social",
            f"L'assemblée décide de transférer le siège au {fk.address(rng).one_line()} à "
            "compter de ce jour.",
        ),
        (
            "Approbation des comptes",
            f"L'assemblée approuve les comptes de l'exercice clos le 31 décembre "
            f"{w.today.year - 1}, faisant ressortir un résultat de "
            f"{fk.money(rng.uniform(-80000, 600000))}, affecté aux comptes courants des associés.",
        ),
    ]
    chosen = [pool[0], pool[1]] if rng.random() < 0.7 else []
    rest = [x for x in pool if x not in chosen]
    chosen += rng.sample(rest, k=rng.randint(1, 3))
    chosen.append(
        (
            "Pouvoirs",
            "Tous pouvoirs sont conférés au porteur d'une copie ou d'un extrait du présent "
            "procès-verbal pour accomplir les formalités de publicité et de dépôt.",
        )
    )
    return chosen


@template("PV_DECISIONS", "pa_pv_assemblee_votes", formats=("pdf", "docx"), scan=0.2)
def pv_assemblee_votes(w: World, rng: random.Random) -> Doc:
    c = w.sccv
    partners = _two_partners(w, rng)
    nparts = rng.choice([100, 1000, 1000, 10000])
    kind = alt(rng, ["générale extraordinaire", "générale ordinaire", "générale", "des associés"])
    meet = w.today - _days(rng, 0, 40)
    hour = f"{rng.randint(9, 18)}h{rng.choice(['00', '00', '30', '15'])}"
    president = partners[0][0].manager
    secretary = fk.person(rng, w.today)
    res = _resolutions(w, rng, c)
    words_year = fk.words_fr(meet.year)
    opening = alt(
        rng,
        [
            f"L'an {words_year}, le {'premier' if meet.day == 1 else fk.words_fr(meet.day)} "
            f"{fk.MONTHS_FR[meet.month - 1]}, à {hour},",
            f"Le {fk.fr_date(meet)} à {hour},",
            f"En date du {fk.fr_date_long(meet)},",
        ],
    )
    place = alt(
        rng,
        [
            "au siège social",
            f"dans les bureaux de {w.developer.name}, {w.developer.address.one_line()}",
            "par visioconférence",
        ],
    )
    blocks: list[Block] = [
        P(
            f"{c.name}\n{_form(c).capitalize()} au capital de {fk.money(c.capital)}\n"
            f"Siège : {c.address.one_line()}\n{c.rcs}",
            align="center",
        ),
        P(
            f"{opening} les associés de la société se sont réunis en assemblée {kind} "
            f"{place}, sur convocation de la gérance adressée à chacun d'eux par lettre "
            f"recommandée{' et courriel' if rng.random() < 0.5 else ''}."
        ),
    ]
    att: Rows = []
    for p, pct in partners:
        att.append([p.name, float(nparts * pct // 100), f"{p.manager.name}", "signé"])
    att.append(["Total", float(nparts), "", ""])
    if rng.random() < 0.7:
        blocks += [
            H(alt(rng, ["Feuille de présence", "Associés présents ou représentés"]), 2),
            Table(["Associé", "Parts", "Représenté par", "Émargement"], att, fmt="tntt", total=1),
        ]
    else:
        blocks.append(
            P(
                "Sont présents ou représentés : "
                + ", ".join(
                    f"{p.name} ({fk.num(nparts * pct // 100)} parts)" for p, pct in partners
                )
                + f", soit la totalité des {fk.num(nparts)} parts composant le capital."
            )
        )
    blocks += [
        P(
            f"{president.formal} préside la séance. {secretary.formal} est désigné(e) comme "
            "secrétaire. Le président constate que les associés présents ou représentés "
            "possèdent la totalité des parts et que l'assemblée peut valablement délibérer."
        ),
        P(
            "Sont mis à la disposition des associés : le texte des projets de résolutions, "
            + alt(
                rng,
                [
                    f"le projet d'offre de crédit de {w.bank.name}, le bilan prévisionnel "
                    "de l'opération.",
                    "le rapport de la gérance et l'état de commercialisation.",
                    "la copie des statuts à jour.",
                ],
            )
        ),
        H(
            alt(rng, ["Ordre du jour", "ORDRE DU JOUR", "L'assemblée est appelée à statuer sur :"]),
            2,
        ),
        Bullets([r[0] for r in res], ordered=rng.random() < 0.5),
    ]
    for i, (name, text) in enumerate(res):
        num = _ORDINALS[i] if i < len(_ORDINALS) else f"{i + 1}E"
        head = alt(
            rng, [f"{num} RÉSOLUTION", f"{num} RÉSOLUTION - {name}", f"Résolution n° {i + 1}"]
        )
        blocks += [H(head, 2), P(text)]
        if rng.random() < 0.5:
            blocks.append(
                Table(
                    ["Pour", "Contre", "Abstention"],
                    [[float(nparts), 0.0, 0.0]],
                    fmt="nnn",
                )
            )
        blocks.append(
            P(
                alt(
                    rng,
                    [
                        "Cette résolution est adoptée à l'unanimité.",
                        "Mise aux voix, cette résolution est adoptée à l'unanimité des associés.",
                        "Adoptée à l'unanimité.",
                    ],
                ),
                style="italic",
            )
        )
    blocks += [
        P(
            "Plus rien n'étant à l'ordre du jour, la séance est levée à "
            f"{rng.randint(10, 19)}h{rng.choice(['00', '15', '30', '45'])}. De tout ce que "
            "dessus, il a été dressé le présent procès-verbal, signé par le président et le "
            "secrétaire."
        ),
        Sign([["Le président de séance", president.name], ["Le secrétaire", secretary.name]]),
    ]
    return Doc(
        alt(
            rng,
            [
                f"PROCÈS-VERBAL DE L'ASSEMBLÉE {kind.upper()}",
                "Procès-verbal des délibérations de l'assemblée des associés",
                f"PV AG du {fk.fr_date(meet)}",
            ],
        ),
        blocks,
        footer=alt(rng, ["Registre des délibérations - page " + str(rng.randint(2, 60)), ""]),
    )


@template("PV_DECISIONS", "pa_pv_extrait_certifie", scan=0.3)
def pv_extrait_certifie(w: World, rng: random.Random) -> Doc:
    c = rng.choice([w.developer, w.holding])
    organ, du, le = {
        "SA": ("conseil d'administration", "du", "Le"),
        "SAS": ("Président", "du", "Le"),
        "SARL": ("gérance", "de la", "La"),
        "SC": ("assemblée des associés", "de l'", "L'"),
    }.get(c.form, ("conseil d'administration", "du", "Le"))
    sep = "" if du.endswith("'") else " "
    amount = int(w.revenue_ttc * rng.uniform(0.1, 0.3) / 10000) * 10000
    d = w.today - _days(rng, 1, 60)
    who = c.manager
    kind = rng.randrange(3)
    if kind == 0:
        decided = (
            f"autorise {who.formal}, en qualité de représentant légal, à consentir au nom de "
            f"la société un cautionnement solidaire au profit de {w.bank.name}, en garantie "
            f"des sommes dues par {w.sccv.name} au titre du crédit d'accompagnement de "
            f"l'opération {w.programme}, dans la limite de {fk.money(amount)} en principal, "
            "intérêts, frais et accessoires, pour une durée expirant "
            f"le {fk.fr_date(w.delivery_date + dt.timedelta(days=365))}."
        )
        if c.form == "SA":
            decided += (
                " La présente autorisation est donnée en application de l'article L225-35 du "
                "Code de commerce."
            )
    elif kind == 1:
        decided = (
            f"autorise la société, en sa qualité d'associée de {w.sccv.name}, à nantir au "
            f"profit de {w.bank.name} la totalité des parts qu'elle détient dans le capital "
            "de cette société, et à souscrire un engagement de non-cession et de "
            "subordination de ses comptes courants."
        )
    else:
        decided = (
            f"décide de se porter caution de l'engagement de la SCCV de compléter ses fonds "
            f"propres à hauteur de {fk.money(amount // 10)} et autorise son représentant "
            "à signer la lettre d'engagement et la garantie à première demande corrélative."
        )
    where = (
        f"au cours de sa séance du {fk.fr_date(d)}"
        if organ != "Président"
        else f"par décision en date du {fk.fr_date(d)}"
    )
    blocks: list[Block] = [
        P(f"{c.full}\n{c.address.one_line()}\n{c.rcs}", style="small"),
        P(
            alt(
                rng,
                [
                    f"EXTRAIT DU PROCÈS-VERBAL DES DÉLIBÉRATIONS {du.upper()}{sep}{organ.upper()}",
                    f"Extrait du registre des décisions {du}{sep}{organ}",
                    f"EXTRAIT DES DÉCISIONS {du.upper()}{sep}{organ.upper()}",
                ],
            ),
            align="center",
            style="bold",
        ),
        P(
            f"{le}{sep}{organ}, {where}, "
            + ("après en avoir délibéré, " if organ != "Président" and rng.random() < 0.5 else "")
            + decided
        ),
    ]
    if rng.random() < 0.6:
        deleg = fk.person(rng, w.today)
        blocks.append(
            P(
                f"Il est donné tous pouvoirs à {deleg.formal}, avec faculté de substitution, "
                "pour signer tous actes, notamment devant notaire, et faire le nécessaire."
            )
        )
    if rng.random() < 0.5:
        blocks.append(
            P(
                "Cette délibération a été adoptée à l'unanimité des membres présents ou "
                "représentés.",
                style="italic",
            )
        )
    blocks += [
        P(
            alt(
                rng,
                [
                    "Pour extrait certifié conforme,",
                    "Copie certifiée conforme.",
                    "Extrait certifié conforme à l'original.",
                ],
            ),
            style="bold",
        ),
        P(place_date(w, rng, town=c.address.town)),
        Sign([[who.name, _manager_title(c) if c.form != "SA" else "Président-directeur général"]]),
    ]
    return Doc("", blocks, head_left=letterhead(c, rng) if rng.random() < 0.4 else [])


# ---------------------------------------------------------------------------------------------
# ORGANIGRAMME
# ---------------------------------------------------------------------------------------------
def _sccv_names(w: World, rng: random.Random, n: int) -> list[tuple[str, str]]:
    out = [(w.sccv.name, w.site.town)]
    for a, b in rng.sample(fk.PROGRAMME_WORDS, n):
        name = f"SCCV {a} {b}".strip().upper()
        if name != w.sccv.name:
            out.append((name, rng.choice(fk.TOWNS)[0]))
    return out[: n + 1]


@template("ORGANIGRAMME", "pa_organigramme_schema", formats=("pdf", "docx"), scan=0.05)
def organigramme_schema(w: World, rng: random.Random) -> Doc:
    founder = w.developer.manager
    spouse = fk.person(rng, w.today)
    spouse.last = founder.last
    f_pct = rng.choice([100, 90, 80, 70, 60, 51])
    h_pct = rng.choice([100, 100, 95, 85, 70])
    ext = rng.choice(
        [
            "Caisse d'Épargne Participations",
            "Crédit Agricole Immobilier Invest",
            "Fonds Habitat Région",
            "Famille " + rng.choice(fk.LAST),
        ]
    )
    sccvs = _sccv_names(w, rng, rng.randint(2, 6))
    lines = [
        f"{founder.name}" + (f"    {spouse.name}" if f_pct < 100 else ""),
        f"  {f_pct} %" + (f"              {100 - f_pct} %" if f_pct < 100 else ""),
        "     |",
        f"     +--- {w.holding.full}  (capital {fk.money(w.holding.capital)})",
        "             |",
        f"             |  {h_pct} %" + (f"  (+ {100 - h_pct} % {ext})" if h_pct < 100 else ""),
        "             |",
        f"             +--- {w.developer.full}",
        "                     |",
    ]
    rows: Rows = []
    for name, town in sccvs:
        pct = rng.choice([100.0, 99.0, 99.9, 51.0, 50.0, 60.0]) if name != w.sccv.name else 99.0
        co = "" if pct >= 99 else rng.choice(fk.DEV_NAMES)
        lines.append(
            f"                     +-- {pct:g} % -- {name} ({town})"
            + (f" / {100 - pct:g} % {co}" if co else "")
        )
        rows.append([name, town, "SCCV", pct, co or "-"])
    mono = rng.random() < 0.6
    blocks: list[Block] = [
        P(
            alt(
                rng,
                [
                    f"Situation au {fk.fr_date(w.today)}",
                    f"Groupe {w.developer.name.split()[0]} - structure juridique au "
                    f"{fk.fr_date(w.today)}",
                    "Pourcentages de détention en capital et en droits de vote",
                ],
            ),
            align="center",
            style="italic",
        ),
    ]
    if mono:
        blocks += [P(x, style="mono", align="left") for x in lines]
    else:
        blocks += [
            H("Niveau 1 - Personnes physiques", 2),
            Bullets(
                [f"{founder.formal} : {f_pct} % de {w.holding.name}"]
                + (
                    [f"{spouse.formal} : {100 - f_pct} % de {w.holding.name}"]
                    if f_pct < 100
                    else []
                )
            ),
            H("Niveau 2 - Holding", 2),
            Bullets(
                [f"{w.holding.full} détient {h_pct} % de {w.developer.name}"]
                + ([f"{ext} détient {100 - h_pct} % de {w.developer.name}"] if h_pct < 100 else [])
            ),
            H("Niveau 3 - Sociétés de programme", 2),
        ]
    if rng.random() < 0.7 or not mono:
        blocks.append(
            Table(
                ["Société de programme", "Commune", "Forme", "% détenu", "Co-associé"],
                rows,
                fmt="tttpt",
                title="" if mono else "Filiales détenues par " + w.developer.name,
            )
        )
    blocks.append(
        P(
            alt(
                rng,
                [
                    f"Gérance de toutes les SCCV assurée par {w.developer.name}.",
                    "Les participations inférieures à 1 % ne sont pas représentées.",
                    f"Bénéficiaire effectif ultime : {founder.name} (contrôle indirect).",
                ],
            ),
            style="small",
        )
    )
    return Doc(
        alt(
            rng,
            [
                "ORGANIGRAMME JURIDIQUE",
                "Organigramme du groupe",
                "Schéma de détention",
                "Structure capitalistique",
                "organigramme",
            ],
        ),
        blocks,
        head_left=[w.developer.name] if rng.random() < 0.5 else [],
        landscape=rng.random() < 0.3,
    )


@template(
    "ORGANIGRAMME", "pa_organigramme_participations", formats=("pdf", "xlsx", "docx"), scan=0.03
)
def organigramme_participations(w: World, rng: random.Random) -> Doc:
    holders = [w.developer.manager, fk.person(rng, w.today)]
    n_h = rng.choice([10000, 50000, 100000])
    split = rng.choice([(100, 0), (80, 20), (65, 35), (50, 50), (90, 10)])
    cap_rows: Rows = []
    for p, pct in zip(holders, split, strict=True):
        if pct:
            cap_rows.append([p.name, float(n_h * pct // 100), pct * 1.0, pct * 1.0])
    cap_rows.append(["Total", float(n_h), 100.0, 100.0])
    h_pct = rng.choice([100, 100, 90, 75])
    sub_rows: Rows = []
    for name, town in _sccv_names(w, rng, rng.randint(3, 9)):
        share = rng.choice([100.0, 99.0, 90.0, 70.0, 51.0, 50.0])
        indirect = h_pct * share / 100
        sub_rows.append(
            [
                name,
                town,
                ids.group_siren(ids.siren(rng)),
                float(rng.choice([1000, 1000, 2000, 10000])),
                share,
                indirect,
                rng.choice(["Foncier", "Travaux", "Travaux", "Livrée", "Commercialisation"]),
            ]
        )
    blocks: list[Block] = [
        KV(
            [
                ("Société tête de groupe", f"{w.holding.full} - {w.holding.rcs}"),
                ("Filiale opérationnelle", f"{w.developer.full} - détenue à {h_pct} %"),
                ("Date", fk.fr_date(w.today)),
            ]
        ),
        Table(
            ["Associé de " + w.holding.name, "Actions", "% capital", "% droits de vote"],
            cap_rows,
            fmt="tnpp",
            total=1,
            title="1. Répartition du capital de la holding",
        ),
        Table(
            [
                "Société",
                "Commune",
                "SIREN",
                "Capital (€)",
                "% direct",
                "% indirect holding",
                "Stade",
            ],
            sub_rows,
            fmt="tttnppt",
            title=f"2. Participations de {w.developer.name}",
            widths=[3, 1.6, 1.6, 1.1, 1, 1.2, 1.3],
        ),
    ]
    if rng.random() < 0.6:
        blocks.append(
            P(
                "Les pourcentages indirects sont obtenus en multipliant les taux de détention "
                "successifs. Aucun pacte d'associés ne confère de droits de vote particuliers."
            )
        )
    return Doc(
        alt(
            rng,
            [
                "ÉTAT DES PARTICIPATIONS",
                "Tableau des participations et de l'actionnariat",
                "Organigramme capitalistique (tableau)",
                "Périmètre du groupe",
            ],
        ),
        blocks,
        landscape=rng.random() < 0.5,
        head_left=letterhead(w.holding, rng, ids=False) if rng.random() < 0.4 else [],
    )
