"""Schedules and project-management contracts (PLANNING, CONTRAT_MOE).

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
from ..common import alt, company_phrase, d2, letterhead, place_date, recipient
from ._shared import _case, _sign_date

# ---------------------------------------------------------------------------------------------
# PLANNING
_TASKS = [
    ("Préparation de chantier", 20, ""),
    ("Installation de chantier", 10, "1"),
    ("Terrassements généraux", 25, "2"),
    ("Fondations", 30, "3"),
    ("Réseaux enterrés", 15, "3"),
    ("Infrastructure / sous-sol", 40, "4"),
    ("Gros œuvre superstructure", 120, "6"),
    ("Charpente - couverture - étanchéité", 35, "7FS-20j"),
    ("Mise hors d'eau", 0, "8"),
    ("Menuiseries extérieures", 40, "7FS-10j"),
    ("Mise hors d'air", 0, "10"),
    ("Cloisons - doublages", 60, "11"),
    ("Plomberie - CVC", 70, "11DD+10j"),
    ("Électricité CFO/CFA", 65, "11DD+10j"),
    ("Chapes - carrelages - faïences", 45, "12"),
    ("Peintures - sols souples", 40, "15"),
    ("Ascenseurs", 30, "7"),
    ("VRD - espaces verts", 45, "7FD"),
    ("Opérations préalables à la réception", 15, "16;18"),
    ("Réception", 0, "19"),
    ("Livraison aux acquéreurs", 20, "20"),
]


def _progress(today: dt.date, begin: dt.date, end: dt.date) -> int:
    if today >= end:
        return 100
    if today <= begin:
        return 0
    return int((today - begin).days * 100 / max(1, (end - begin).days)) // 5 * 5


def _add_workdays(d: dt.date, n: int) -> dt.date:
    while n > 0:
        d += dt.timedelta(days=1)
        if d.weekday() < 5:
            n -= 1
    return d


@template("PLANNING", "pb_planning_taches_export", formats=("pdf", "xlsx"), scan=0.03)
def pb_planning_taches_export(w: World, rng: random.Random) -> Doc:
    """Scheduling-software export: id, task, duration, start, finish, predecessors."""
    factor = max(0.6, min(1.8, w.lots / 45))
    rows: list[list[Cell]] = []
    start = w.start_date
    cursor = start
    ends: dict[int, dt.date] = {}
    tasks = list(_TASKS)
    if rng.random() < 0.4:
        tasks = [t for t in tasks if t[0] != "Ascenseurs"] if w.lots < 20 else tasks
    for i, (name, dur, pred) in enumerate(tasks, 1):
        days = 0 if dur == 0 else max(3, round(dur * factor * rng.uniform(0.8, 1.25)))
        if pred:
            refs = [
                int("".join(ch for ch in p.split("F")[0].split("D")[0] if ch.isdigit()) or 1)
                for p in pred.split(";")
            ]
            base = max(ends.get(r, cursor) for r in refs)
            if "FS-" in pred or "DD" in pred or "FD" in pred:
                base = base - dt.timedelta(days=rng.randint(10, 40))
            begin = max(start, base)
        else:
            begin = start
        end = _add_workdays(begin, days)
        ends[i] = end
        cursor = end
        rows.append(
            [
                i,
                name,
                f"{days} j" if days else "0 j",
                fk.fr_date(begin),
                fk.fr_date(end),
                pred.replace("FS", "FD") if rng.random() < 0.5 else pred,
                f"{_progress(w.today, begin, end)} %",
            ]
        )
    blocks: list[Block] = [
        KV(
            [
                ("Projet", f"{w.programme} - {w.lots} logements"),
                ("Maître d'ouvrage", w.sccv.name),
                (
                    "Pilote OPC",
                    alt(
                        rng,
                        [
                            w.architect_firm.name,
                            f"{rng.choice(fk.LAST)} OPC",
                            "Cabinet d'ordonnancement " + rng.choice(fk.LAST),
                        ],
                    ),
                ),
                ("Date d'état", fk.fr_date(w.today)),
                ("Version", f"{rng.choice(['V', 'Ind. '])}{rng.randint(1, 9)}"),
            ]
        ),
        Table(
            ["N°", "Nom de la tâche", "Durée", "Début", "Fin", "Prédécesseurs", "% achevé"],
            rows,
            fmt="nt",
            widths=[0.4, 3.2, 0.7, 1.0, 1.0, 1.1, 0.8],
        ),
        P(
            "Durées exprimées en jours ouvrés, hors congés de fin d'année et intempéries. "
            "Calendrier de référence : "
            f"{alt(rng, ['5 jours / semaine', 'standard BTP', 'lundi-vendredi'])}.",
            style="small",
        ),
    ]
    if rng.random() < 0.6:
        blocks.append(
            KV(
                [
                    ("Jalon - fondations terminées", str(rows[3][4])),
                    ("Jalon - hors d'eau", str(rows[8][4])),
                    ("Jalon - hors d'air", str(rows[10][4])),
                    ("Jalon - réception", str(rows[-2][4])),
                ],
                boxed=True,
            )
        )
    return Doc(
        alt(
            rng,
            [
                "Planning d'exécution",
                "PLANNING DÉTAILLÉ TCE",
                "Calendrier d'exécution des travaux",
                "Planning travaux",
            ],
        ),
        blocks,
        landscape=rng.random() < 0.6,
        header=alt(
            rng, [f"{w.programme} - planning", "Imprimé depuis le logiciel de planification", ""]
        ),
        footer=alt(rng, [f"Page 1 - état au {fk.fr_date(w.today)}", ""]),
    )


@template("PLANNING", "pb_note_calendrier_opc", scan=0.1)
def pb_note_calendrier_opc(w: World, rng: random.Random) -> Doc:
    """OPC's short memo announcing the contractual schedule or its re-baselining."""
    opc = alt(
        rng,
        [
            w.architect_firm.name,
            f"{rng.choice(fk.LAST)} Coordination",
            f"OPC {rng.choice(fk.REGIONS)}",
        ],
    )
    author = fk.person(rng, w.today)
    recal = rng.random() < 0.5
    slip = rng.randint(10, 60) if recal else 0
    bad_days = rng.randint(3, 25)
    s = w.start_date
    total = (w.delivery_date - s).days
    ms = [
        ("Ouverture du chantier", s),
        ("Fin des terrassements", s + dt.timedelta(days=round(total * 0.08))),
        ("Fin des fondations", s + dt.timedelta(days=round(total * 0.15))),
        ("Fin du gros œuvre", s + dt.timedelta(days=round(total * 0.5))),
        ("Mise hors d'eau", s + dt.timedelta(days=round(total * 0.55))),
        ("Mise hors d'air", s + dt.timedelta(days=round(total * 0.62))),
        ("Fin des corps d'état secondaires", s + dt.timedelta(days=round(total * 0.9))),
        ("Réception des travaux", s + dt.timedelta(days=round(total * 0.96))),
        ("Livraison", w.delivery_date),
    ]
    rows: list[list[Cell]] = []
    for label, d in ms:
        row: list[Cell] = [label, fk.fr_date(d)]
        if recal:
            nd = d + dt.timedelta(days=slip if d > w.today else 0)
            row.append(fk.fr_date(nd))
        rows.append(row)
    header = ["Jalon", "Date contractuelle"] + (["Date recalée"] if recal else [])
    blocks: list[Block] = [
        P(
            f"Objet : {w.programme} - "
            + ("recalage du planning" if recal else "calendrier contractuel des travaux"),
            style="bold",
        ),
        P(alt(rng, ["Mesdames, Messieurs,", "Bonjour à tous,", "Madame, Monsieur,"])),
        P(
            (
                f"Suite à la réunion de chantier n° {rng.randint(12, 60)}, nous vous "
                f"transmettons le planning recalé (indice {rng.choice('BCDE')}). Le chantier a "
                f"subi {bad_days} jours d'intempéries justifiés par les relevés Météo-France "
                "ainsi qu'un retard de l'entreprise de "
                f"{rng.choice(['gros œuvre', 'menuiseries', 'plomberie'])}. "
                f"Le décalage global est de {slip} jours calendaires."
            )
            if recal
            else (
                "Vous trouverez ci-dessous les principaux jalons du calendrier contractuel "
                "d'exécution, établi en concertation avec les entreprises lors de la période "
                "de préparation. Ce calendrier est contractuel pour l'ensemble des lots."
            )
        ),
        Table(header, rows, widths=[3, 1.4] + ([1.4] if recal else [])),
        P(
            "Les entreprises sont invitées à faire part de leurs observations sous huit jours. "
            "À défaut, le présent calendrier sera réputé accepté."
            if rng.random() < 0.6
            else "Nous rappelons que les pénalités de retard prévues aux marchés s'appliquent "
            "par rapport aux dates ci-dessus."
        ),
        Sign([[author.name, f"Pilote OPC - {opc}"]]),
    ]
    if rng.random() < 0.5:
        blocks.insert(
            4,
            P(
                f"Diffusion : MOA ({w.sccv.name}), MOE, bureau de contrôle, toutes entreprises.",
                style="small",
            ),
        )
    return Doc(
        alt(rng, ["", "NOTE D'INFORMATION", "Planning - jalons principaux"]),
        blocks,
        head_left=[opc, "Ordonnancement - Pilotage - Coordination", fk.address(rng).one_line()],
        head_right=[f"Le {fk.fr_date(w.today)}", f"Réf. {ids.ref(rng, 'OPC-999')}"],
    )


# ---------------------------------------------------------------------------------------------
# CONTRAT_MOE
_PHASES = [
    ("ESQ", "Esquisse", 4),
    ("APS", "Avant-projet sommaire", 7),
    ("APD", "Avant-projet définitif", 10),
    ("PC", "Dossier de demande de permis de construire", 6),
    ("PRO", "Études de projet", 14),
    ("ACT", "Assistance pour la passation des marchés (DCE et analyse)", 7),
    ("VISA", "Visa des études d'exécution", 6),
    ("DET", "Direction de l'exécution des travaux", 32),
    ("AOR", "Assistance aux opérations de réception", 6),
    ("DOE", "Dossier des ouvrages exécutés", 2),
    ("GPA", "Suivi de la garantie de parfait achèvement", 6),
]


@template("CONTRAT_MOE", "pb_contrat_moe_honoraires", formats=("pdf", "docx"), scan=0.05)
def pb_contrat_moe_honoraires(w: World, rng: random.Random) -> Doc:
    """Design-and-supervision contract whose centre is the fee split per phase."""
    scope = rng.choice(["complete", "conception", "execution"])
    phases = {
        "complete": _PHASES,
        "conception": _PHASES[:6],
        "execution": _PHASES[5:],
    }[scope]
    moe = (
        w.architect_firm
        if scope != "execution" or rng.random() < 0.5
        else fk.company(rng, w.today, f"{rng.choice(fk.LAST)} Ingénierie - MOEX", "SAS")
    )
    rate = Decimal(
        str(round(rng.uniform(0.025, 0.06) if scope != "complete" else rng.uniform(0.07, 0.11), 4))
    )
    base = d2(Decimal(w.works_ht))
    fee = d2(base * rate)
    weight = sum(p[2] for p in phases)
    rows: list[list[Cell]] = []
    acc = Decimal("0")
    for i, (code, label, wt) in enumerate(phases):
        amt = fee - acc if i == len(phases) - 1 else d2(fee * wt / weight)
        acc += amt
        rows.append([code, label, round(wt * 100 / weight, 1), float(amt)])
    tva = d2(fee * Decimal("0.2"))
    rows += [
        ["", "Total honoraires HT", 100.0, float(fee)],
        ["", "TVA 20 %", "", float(tva)],
        ["", "Total TTC", "", float(fee + tva)],
    ]
    art_titles = [
        (
            "Objet du contrat",
            f"Le présent contrat a pour objet de confier au maître d'œuvre, pour "
            f"l'opération de construction de {w.lots} logements située {w.site.one_line()}, les "
            "missions décrites à l'article 3, dans le respect du programme et de l'enveloppe "
            f"financière prévisionnelle des travaux fixée à {fk.money(w.works_ht)} HT.",
        ),
        (
            "Documents contractuels",
            "Le contrat se compose, par ordre de priorité : du présent "
            "document, du cahier des clauses particulières, du programme du maître d'ouvrage, "
            "et de l'attestation d'assurance du maître d'œuvre.",
        ),
        (
            "Assurances",
            f"Le maître d'œuvre justifie être assuré en responsabilité civile "
            f"professionnelle et décennale auprès de {rng.choice(fk.INSURERS)} (police n° "
            f"{ids.ref(rng, '999999/A')}). Il s'engage à produire chaque année une attestation "
            "en cours de validité.",
        ),
        (
            "Délais",
            f"Les études de conception seront remises dans un délai de "
            f"{rng.randint(8, 20)} semaines à compter de l'ordre de démarrage. La durée "
            "prévisionnelle du chantier est de "
            f"{max(12, (w.delivery_date - w.start_date).days // 30)} mois.",
        ),
        (
            "Modalités de règlement",
            "Les honoraires sont payables par acomptes mensuels, "
            "proportionnellement à l'avancement des éléments de mission, sur présentation d'une "
            "note d'honoraires, à 30 jours.",
        ),
        (
            "Propriété intellectuelle",
            "Le maître d'œuvre conserve ses droits d'auteur sur son "
            "œuvre. Le maître d'ouvrage dispose du droit d'utiliser les études pour la seule "
            "réalisation de l'opération.",
        ),
        (
            "Résiliation",
            "Chacune des parties pourra résilier le contrat en cas de manquement "
            "grave de l'autre partie, quinze jours après une mise en demeure restée sans effet. "
            "Les honoraires dus au titre des prestations réalisées resteront acquis.",
        ),
        (
            "Litiges",
            "En cas de différend, les parties s'engagent à saisir pour avis le conseil "
            "régional de l'Ordre des architectes avant toute procédure judiciaire.",
        ),
    ]
    chosen = art_titles[:2] + rng.sample(art_titles[2:], k=rng.randint(3, len(art_titles) - 2))
    blocks: list[Block] = [
        P("ENTRE", style="bold"),
        P(company_phrase(w.sccv, rng) + ", ci-après « le Maître d'ouvrage »,"),
        P("ET", style="bold"),
        P(
            company_phrase(moe, rng)
            + ", ci-après « le Maître d'œuvre »"
            + (
                ", architecte inscrit au tableau de l'Ordre sous le n° "
                f"{rng.randint(10000, 99999)},"
                if moe is w.architect_firm
                else ","
            )
        ),
    ]
    n = 0
    for title, body in chosen:
        n += 1
        blocks += [H(f"Article {n} - {title}"), P(body)]
        if n == 2:
            n += 1
            blocks += [
                H(f"Article {n} - Missions et rémunération"),
                P(
                    "Le maître d'œuvre est chargé des éléments de mission suivants. Sa "
                    f"rémunération est fixée forfaitairement à {fk.money(float(fee))} HT, soit "
                    f"{str(round(float(rate) * 100, 2)).replace('.', ',')} % du montant "
                    "prévisionnel des travaux. Elle sera rendue définitive à l'issue de l'APD."
                ),
                Table(
                    ["Code", "Élément de mission", "%", "Montant HT"],
                    rows,
                    fmt="ttpm",
                    total=3,
                    widths=[0.7, 3.8, 0.7, 1.4],
                ),
            ]
    blocks += [
        _sign_date(
            w, rng, w.permit_date - dt.timedelta(days=rng.randint(200, 500)), w.sccv.address.town
        ),
        Sign(
            [
                ["Le Maître d'ouvrage", w.sccv.name, w.sccv.manager.name],
                ["Le Maître d'œuvre", moe.name, moe.manager.name],
            ]
        ),
    ]
    kind = {
        "complete": "Contrat de maîtrise d'œuvre - mission complète",
        "conception": "Contrat d'architecte - mission de conception",
        "execution": "Contrat de maîtrise d'œuvre d'exécution",
    }[scope]
    return Doc(
        _case(
            rng,
            alt(
                rng,
                [kind, "Contrat de maîtrise d'œuvre", "Contrat d'architecte pour travaux neufs"],
            ),
        ),
        blocks,
        title_sub=alt(rng, [f"Opération {w.programme}", f"{w.lots} logements - {w.site.town}", ""]),
        footer=alt(rng, ["Paraphes MOA / MOE", "", f"Contrat MOE - {w.programme}"]),
    )


@template("CONTRAT_MOE", "pb_lettre_mission_bet", scan=0.15)
def pb_lettre_mission_bet(w: World, rng: random.Random) -> Doc:
    """The owner's engagement letter to an engineering firm, SPS coordinator or inspector."""
    kinds = [
        (
            "bureau d'études structure",
            "BET Structure",
            [
                "Note d'hypothèses et prédimensionnement",
                "Plans de coffrage et d'armatures (phase PRO)",
                "Visa des plans d'exécution de l'entreprise",
                "Suivi de chantier structure (1 visite / 15 jours)",
            ],
        ),
        (
            "bureau d'études fluides et thermique",
            "Fluides",
            [
                "Étude thermique réglementaire RE2020 et attestation au dépôt du PC",
                "Dimensionnement CVC, plomberie et électricité",
                "Rédaction des CCTP des lots techniques",
                "Attestation RE2020 à l'achèvement",
            ],
        ),
        (
            "coordinateur en matière de sécurité et de protection de la santé",
            "SPS",
            [
                "Établissement du plan général de coordination (PGC)",
                "Ouverture et tenue du registre-journal de la coordination",
                "Inspections communes avec les entreprises",
                "Constitution du DIUO",
            ],
        ),
        (
            "contrôleur technique",
            "Contrôle technique",
            [
                "Mission L - solidité des ouvrages",
                "Mission S - sécurité des personnes",
                "Mission PHh - isolation acoustique",
                "Mission HAND - accessibilité",
                "Rapport final de contrôle technique",
            ],
        ),
        (
            "bureau d'études acoustique",
            "Acoustique",
            [
                "Notice acoustique du PC",
                "Prescriptions acoustiques des CCTP",
                "Mesures à la réception et attestation acoustique",
            ],
        ),
    ]
    label, short, missions = rng.choice(kinds)
    firm = fk.company(
        rng,
        w.today,
        alt(
            rng,
            [
                f"{rng.choice(fk.LAST)} {short}",
                f"{short} {rng.choice(fk.REGIONS)}",
                f"{rng.choice(['Socotec', 'Apave', 'Qualiconsult', 'Bureau Veritas'])} "
                f"{rng.choice(['Construction', 'Agence ' + w.site.town])}"
                if short in ("Contrôle technique", "SPS")
                else f"Ingénierie {rng.choice(fk.LAST)}",
            ],
        ),
        rng.choice(["SAS", "SARL"]),
    )
    fee = round(w.works_ht * rng.uniform(0.004, 0.02), -2)
    d = w.permit_date - dt.timedelta(days=rng.randint(-60, 300))
    blocks: list[Block] = [
        P(
            alt(
                rng,
                [
                    f"Objet : {w.programme} - mission de {label}",
                    f"Objet : lettre de mission {short} - {w.site.town}",
                    f"Objet : confirmation de commande - mission {short}",
                ],
            ),
            style="bold",
        ),
        P(alt(rng, ["Madame, Monsieur,", "Monsieur,", "Cher Monsieur,", "Chère Madame,"])),
        P(
            "Suite à votre proposition du "
            f"{fk.fr_date(d - dt.timedelta(days=rng.randint(10, 50)))} "
            "et à nos échanges, nous avons le plaisir de vous confier la mission de "
            f"{label} pour l'opération {w.programme} ({w.lots} logements, "
            f"{fk.num(w.sdp_m2)} m² de surface de plancher, {w.site.one_line()})."
        ),
        P("Votre mission comprend :"),
        Bullets(missions),
        P(
            f"Rémunération : forfait de {fk.money(fee)} HT, soit {fk.money(fee * 1.2)} TTC, "
            f"ferme et non révisable jusqu'au {fk.fr_date(w.delivery_date)}. Les honoraires "
            "seront facturés selon l'avancement de la mission et réglés à 45 jours fin de mois."
        ),
    ]
    if short == "SPS":
        blocks.append(
            P(
                "La mission est exercée conformément aux articles L4532-2 et suivants du code "
                "du travail ; l'opération relève de la catégorie "
                f"{rng.choice(['1', '2'])}."
            )
        )
    if short == "Contrôle technique":
        blocks.append(
            P(
                "La mission de contrôle technique est exercée dans le cadre des articles "
                "L125-1 et suivants du code de la construction et de l'habitation."
            )
        )
    blocks += [
        P(
            "Vous voudrez bien nous fournir, avant tout commencement, votre attestation "
            "d'assurance de responsabilité civile professionnelle et décennale en cours de "
            "validité."
        ),
        P(
            "Nous vous remercions de nous retourner un exemplaire de la présente, revêtu de "
            "votre signature, valant acceptation de la mission. Elle tiendra lieu de contrat "
            "entre nos deux sociétés."
        ),
        P(
            alt(
                rng,
                [
                    "Veuillez agréer, Madame, Monsieur, nos salutations distinguées.",
                    "Bien cordialement,",
                ],
            )
        ),
        Sign(
            [
                ["Pour le maître d'ouvrage", w.sccv.name, w.sccv.manager.name],
                ["Bon pour acceptation de la mission", firm.name, "Date et signature"],
            ]
        ),
    ]
    return Doc(
        alt(rng, ["", "", "LETTRE DE MISSION", "Contrat de mission - lettre valant contrat"]),
        blocks,
        head_left=letterhead(w.developer, rng)
        if rng.random() < 0.6
        else [w.sccv.name, *w.sccv.address.lines()],
        head_right=[*recipient(firm), "", place_date(w, rng, d)],
    )
