"""Schedules, design and supervision contracts, contractor qualifications."""

from __future__ import annotations

import datetime as dt
import random

from .. import fakes as fk
from .. import identifiers as ids
from ..fakes import World
from ..model import KV, Doc, H, P, Sign, Table
from ..registry import template
from .chantier import STAGES
from .common import alt, company_phrase, d2, letterhead, place_date
from .technique import _bureau


def _months(w: World, n: int) -> list[str]:
    out = []
    d = w.start_date.replace(day=1)
    for _ in range(n):
        out.append(f"{fk.MONTHS_FR[d.month - 1][:4]}. {d.year % 100:02d}")
        d = (d + dt.timedelta(days=32)).replace(day=1)
    return out


@template("PLANNING", "gantt_lots", formats=("pdf", "xlsx"), scan=0.05)
def gantt(w: World, rng: random.Random) -> Doc:
    n = rng.randint(12, 20)
    months = _months(w, n)
    rows: list[list[str | int | float]] = []
    for c in w.contractors + [fk.contractor(rng, w.today) for _ in range(rng.randint(2, 6))]:
        a = rng.randint(0, n - 4)
        b = rng.randint(a + 2, n)
        rows.append([c.trade, *("■" if a <= i < b else "" for i in range(n))])
    return Doc(
        alt(
            rng,
            [
                "PLANNING GÉNÉRAL DES TRAVAUX",
                "Planning prévisionnel tous corps d'état",
                "PLANNING TCE",
            ],
        ),
        [
            P(
                f"{w.programme} - indice {rng.choice('ABC')} du {fk.fr_date(w.today)} - démarrage "
                f"{fk.fr_date(w.start_date)}"
            ),
            Table(["Lot", *months], rows, widths=[3.0] + [0.55] * n),
            P(
                "Jalons : fondations achevées, mise hors d'eau, mise "
                "hors d'air, réception, livraison.",
                style="small",
            ),
        ],
        landscape=True,
        head_left=[w.architect_firm.name, "OPC"],
    )


@template("PLANNING", "jalons", formats=("pdf", "docx", "xlsx"), scan=0.1)
def jalons(w: World, rng: random.Random) -> Doc:
    d = w.start_date
    rows: list[list[str | int | float]] = []
    for s, _ in [("Déclaration d'ouverture de chantier", 0), ("Terrassements", 0), *STAGES]:
        rows.append([s, fk.fr_date(d), float(rng.randint(2, 16))])
        d += dt.timedelta(weeks=rng.randint(3, 14))
    return Doc(
        "Planning prévisionnel - jalons clés",
        [
            KV(
                [
                    ("Opération", w.programme),
                    ("Entreprise générale", w.contractors[0].name),
                    ("Durée totale", f"{(d - w.start_date).days // 30} mois"),
                ]
            ),
            Table(["Jalon", "Date prévisionnelle", "Durée (semaines)"], rows, fmt="ttn"),
            P(
                "Les délais s'entendent hors intempéries et hors causes légitimes de suspension "
                "définies au marché."
            ),
        ],
        head_left=letterhead(w.developer, rng, ids=False),
    )


@template("PLANNING", "construction_programme_en", formats=("pdf", "xlsx"), scan=0.02)
def programme_en(w: World, rng: random.Random) -> Doc:
    rows: list[list[str | int | float]] = []
    d = w.start_date
    for s in [
        "Site set-up",
        "Earthworks",
        "Foundations",
        "Structure / frame",
        "Roof (weathertight)",
        "Windows (airtight)",
        "MEP first fix",
        "Partitions",
        "Finishes",
        "Lifts",
        "External works",
        "Snagging",
        "Handover",
    ]:
        wk = rng.randint(2, 14)
        rows.append([s, fk.en_date(d), fk.en_date(d + dt.timedelta(weeks=wk)), float(wk)])
        d += dt.timedelta(weeks=max(1, wk - rng.randint(0, 3)))
    return Doc(
        "CONSTRUCTION PROGRAMME",
        [
            P(f"{w.programme}, {w.site.town} - {w.lots} units - baseline rev. {rng.randint(1, 5)}"),
            Table(["Activity", "Start", "Finish", "Weeks"], rows, fmt="tttn"),
        ],
        lang="en",
        head_left=[w.developer.name],
    )


_MOE_PHASES = [
    ("ESQ", "Esquisse", 5),
    ("APS", "Avant-projet sommaire", 8),
    ("APD", "Avant-projet définitif", 12),
    ("PC", "Dossier de permis de construire", 8),
    ("PRO", "Études de projet", 15),
    ("ACT", "Assistance contrats", 5),
    ("VISA", "Visa des études d'exécution", 7),
    ("DET", "Direction de l'exécution", 30),
    ("AOR", "Assistance réception", 10),
]


@template("CONTRAT_MOE", "contrat_architecte", formats=("pdf", "docx"), scan=0.05)
def architecte(w: World, rng: random.Random) -> Doc:
    fee = float(d2(w.works_ht * rng.uniform(0.04, 0.09)))
    rows: list[list[str | int | float]] = [
        [f"{c} - {n}", float(p), fee * p / 100] for c, n, p in _MOE_PHASES
    ]
    rows.append(["TOTAL", 100.0, fee])
    return Doc(
        alt(
            rng,
            [
                "CONTRAT D'ARCHITECTE",
                "CONTRAT DE MAÎTRISE D'ŒUVRE",
                "Contrat d'architecte pour travaux neufs",
            ],
        ),
        [
            P("ENTRE " + company_phrase(w.sccv, rng) + ", maître d'ouvrage,"),
            P(
                "ET "
                + company_phrase(w.architect_firm, rng)
                + f", architecte inscrit au tableau de l'Ordre des architectes "
                f"sous le n° S{rng.randint(10000, 99999)},"
            ),
            H("Article 1 - Objet"),
            P(
                "Le maître d'ouvrage confie à l'architecte une mission de maîtrise d'œuvre "
                "complète pour l'opération "
                f"{w.programme} ({w.sdp_m2} m² de surface de plancher), dans le cadre de la "
                "loi n° 77-2 du 3 janvier 1977 sur "
                "l'architecture."
            ),
            H("Article 2 - Honoraires"),
            P(
                f"Les honoraires sont fixés forfaitairement à {fk.money(fee)} "
                f"HT, soit {fee / w.works_ht * 100:.2f} % du coût "
                "prévisionnel des travaux, répartis comme suit :".replace(".", ",", 1)
            ),
            Table(["Élément de mission", "%", "Montant HT"], rows, fmt="tpm", total=1),
            H("Article 3 - Assurances"),
            P(
                "L'architecte justifie d'une assurance couvrant sa responsabilité professionnelle "
                "(article 16 de la loi de 1977)."
            ),
            H("Article 4 - Résiliation"),
            P("Chaque partie peut résilier le contrat après mise en demeure restée infructueuse."),
            P(place_date(w, rng)),
            Sign([["Le maître d'ouvrage", ""], ["L'architecte", w.architect.name]]),
        ],
        footer="Contrat établi d'après le cahier des clauses générales de l'Ordre des architectes",
    )


@template("CONTRAT_MOE", "controle_technique", formats=("pdf", "docx"), scan=0.05)
def controle(w: World, rng: random.Random) -> Doc:
    b = _bureau(w, rng, "ct")
    missions = rng.sample(
        [
            "L (solidité des ouvrages)",
            "LE (existants)",
            "S (sécurité des personnes)",
            "SEI (incendie)",
            "PS (parasismique)",
            "Ph (isolation acoustique)",
            "HAND (accessibilité)",
            "Th (thermique)",
            "Attestation RE2020",
        ],
        k=rng.randint(3, 6),
    )
    return Doc(
        alt(
            rng, ["CONVENTION DE CONTRÔLE TECHNIQUE", "Contrat de contrôle technique construction"]
        ),
        [
            P(
                f"Entre {w.sccv.name}, maître d'ouvrage, et {b.full}, contrôleur technique "
                "agréé (articles L125-1 et suivants "
                "du CCH), il est convenu :"
            ),
            H("Missions confiées"),
            *[P(f"- Mission {m}") for m in missions],
            H("Rémunération"),
            P(
                f"Forfait de {fk.money(w.works_ht * rng.uniform(0.004, 0.01))} HT pour l'ensemble "
                "des missions."
            ),
            H("Modalités"),
            P(
                "Le contrôleur donne son avis sur les documents de conception et d'exécution "
                "et remet un rapport "
                "final de contrôle technique avant la réception."
            ),
            Sign([["Le maître d'ouvrage", ""], ["Le contrôleur technique", b.manager.name]]),
        ],
        head_left=letterhead(b, rng),
    )


@template("CONTRAT_MOE", "convention_sps_bet", scan=0.05)
def sps(w: World, rng: random.Random) -> Doc:
    c = fk.company(
        rng,
        w.today,
        f"{rng.choice(fk.LAST)} "
        f"{rng.choice(['Coordination', 'Ingénierie', 'BET Structure', 'Fluides'])}",
        "SARL",
    )
    sps_kind = rng.random() < 0.5
    return Doc(
        "CONTRAT DE COORDINATION SPS"
        if sps_kind
        else "CONTRAT DE MISSION - BUREAU D'ÉTUDES TECHNIQUES",
        [
            P(
                (
                    "Mission de coordination en matière de sécurité et "
                    "de protection de la santé, niveau "
                    f"{rng.choice(['I', 'II'])}, en application des articles L4532-2 et suivants "
                    "du Code du travail."
                )
                if sps_kind
                else "Mission d'études techniques structure et fluides "
                ": conception, plans d'exécution, "
                "visa, suivi."
            ),
            KV(
                [
                    ("Maître d'ouvrage", w.sccv.name),
                    ("Prestataire", c.full),
                    ("Opération", w.programme),
                    ("Rémunération", fk.money(w.works_ht * rng.uniform(0.003, 0.02)) + " HT"),
                    ("Durée", "jusqu'à la réception"),
                ]
            ),
            P(
                "Le prestataire établit le PGC et le DIUO et tient le registre-journal de "
                "coordination."
                if sps_kind
                else "Le BET est assuré pour sa responsabilité décennale et civile professionnelle."
            ),
            Sign([["Le maître d'ouvrage", ""], ["Le prestataire", c.manager.name]]),
        ],
        head_left=letterhead(c, rng),
    )


@template("QUALIFICATION_ENTREPRISE", "certificat_qualibat", scan=0.2)
def qualibat(w: World, rng: random.Random) -> Doc:
    c = rng.choice(w.contractors)
    quals = rng.sample(
        [
            ("2111", "Maçonnerie et béton armé courants (technicité courante)"),
            ("2112", "Maçonnerie et béton armé (technicité confirmée)"),
            ("3211", "Charpente bois"),
            ("3511", "Menuiseries extérieures"),
            ("5312", "Installations thermiques"),
            ("6111", "Plâtrerie - plaques de plâtre"),
            ("7131", "Isolation thermique par l'extérieur"),
            ("1312", "Terrassement"),
        ],
        k=rng.randint(1, 4),
    )
    return Doc(
        "CERTIFICAT DE QUALIFICATION",
        [
            P("QUALIBAT", align="center", style="big"),
            KV(
                [
                    ("Entreprise", c.full),
                    ("Adresse", c.address.one_line()),
                    ("SIRET", c.siret),
                    ("Certificat n°", ids.ref(rng, "E-E99999")),
                    (
                        "Valable jusqu'au",
                        fk.fr_date(w.today + dt.timedelta(days=rng.randint(90, 1200))),
                    ),
                ],
                boxed=True,
            ),
            Table(["Code", "Qualification"], [[q, t] for q, t in quals], widths=[0.8, 5]),
            P("[X] RGE - Reconnu Garant de l'Environnement" if rng.random() < 0.5 else ""),
            P(
                "Ce certificat atteste de la capacité de l'entreprise à réaliser des travaux "
                "dans l'activité concernée, à un "
                "niveau de technicité défini. Vérifiable en ligne sur le site de l'organisme.",
                style="small",
            ),
        ],
        footer="Organisme de qualification accrédité par le COFRAC",
    )


@template("QUALIFICATION_ENTREPRISE", "qualifelec_rge", scan=0.2)
def qualifelec(w: World, rng: random.Random) -> Doc:
    c = rng.choice(w.contractors)
    org = rng.choice(
        ["QUALIFELEC", "Certibat", "Qualit'EnR", "FNTP - Identification professionnelle"]
    )
    return Doc(
        f"ATTESTATION {org}",
        [
            P(
                f"{org} atteste que l'entreprise {c.full}, SIREN {c.siren}, "
                f"{c.address.one_line()}, "
                "est titulaire des "
                "qualifications / de la certification suivante(s) :"
            ),
            Table(
                ["Domaine", "Classe", "Échéance"],
                [
                    [
                        c.trade.capitalize(),
                        rng.choice(["E1", "E2", "E3", "Classe 4", "-"]),
                        fk.fr_date(w.today + dt.timedelta(days=rng.randint(100, 900))),
                    ]
                ],
            ),
            P(
                f"Effectif déclaré : {rng.randint(3, 120)} personnes. Chiffre d'affaires : "
                f"{fk.money(rng.randint(5, 400) * 100000)}."
            ),
            Sign([[f"Le Président de {org}", ""]]),
        ],
    )


@template("QUALIFICATION_ENTREPRISE", "ordre_architectes", scan=0.2)
def ordre(w: World, rng: random.Random) -> Doc:
    return Doc(
        "ATTESTATION D'INSCRIPTION AU TABLEAU DE L'ORDRE",
        [
            P(
                f"Le Conseil régional de l'Ordre des architectes atteste que {w.architect.formal} "
                "est inscrit(e) au tableau "
                f"régional sous le numéro {rng.randint(10000, 99999)} "
                f"depuis le {fk.fr_date(w.architect.birth + dt.timedelta(days=365 * 28))}, "
                f"et que la société {w.architect_firm.full} est inscrite "
                f"sous le numéro S{rng.randint(10000, 99999)}."
            ),
            P(
                "L'intéressé(e) est à jour de ses obligations déclaratives et d'assurance "
                "(article 16 de la loi n° 77-2)."
            ),
            P(place_date(w, rng)),
            Sign([["Le Président du Conseil régional", ""]]),
        ],
        head_left=["ORDRE DES ARCHITECTES", "Conseil régional", fk.address(rng).one_line()],
    )
