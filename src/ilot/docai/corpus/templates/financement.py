"""Financing documents: credit offers, security deeds and completion guarantees (GFA)."""

from __future__ import annotations

import datetime as dt
import random

from .. import fakes as fk
from .. import identifiers as ids
from ..fakes import World
from ..model import KV, Block, Box, Doc, H, P, Sign, Table
from ..registry import template
from .common import (
    alt,
    company_phrase,
    legal_footer,
    letterhead,
    person_phrase,
    place_date,
    recipient,
)


def _loan(w: World, rng: random.Random) -> int:
    return int(w.revenue_ttc * rng.uniform(0.15, 0.45) / 10000) * 10000


def _margin(rng: random.Random) -> str:
    return f"{rng.choice([1.6, 1.8, 2.0, 2.25, 2.5, 2.75, 3.0]):.2f}".replace(".", ",")


@template("OFFRE_CREDIT", "lettre_offre", scan=0.05)
def lettre_offre(w: World, rng: random.Random) -> Doc:
    amount = _loan(w, rng)
    gfa = int(w.works_ht * 1.2 * rng.uniform(0.8, 1.0) / 10000) * 10000
    months = rng.randint(18, 36)
    cps = [
        "Obtention d'un permis de construire purgé de tout recours et de tout retrait",
        "Justification d'un taux de pré-commercialisation "
        f"d'au moins {rng.choice([30, 40, 50, 60])} "
        "% du chiffre d'affaires TTC",
        f"Apport en fonds propres de {fk.money(w.land_price * rng.uniform(0.3, 0.6))} justifié",
        "Signature de l'acte authentique d'acquisition du terrain",
        "Attestation d'assurance dommages-ouvrage et CNR",
        "Marchés de travaux signés couvrant au moins 80 % du budget travaux",
    ]
    return Doc(
        alt(rng, ["OFFRE DE CRÉDIT", "LETTRE D'OFFRE", "Proposition de financement"]),
        [
            P(
                f"Objet : Financement de l'opération « {w.programme} » - {w.lots} logements "
                f"à {w.site.town}",
                style="bold",
            ),
            P(
                "Madame, Monsieur, suite à l'accord de notre comité "
                f"de crédit du {fk.fr_date(w.today - dt.timedelta(days=8))}, "
                "nous avons le plaisir de vous proposer les concours "
                "suivants, aux conditions ci-après :"
            ),
            Table(
                ["Concours", "Montant", "Durée", "Taux"],
                [
                    [
                        "Crédit d'accompagnement (découvert)",
                        float(amount),
                        f"{months} mois",
                        f"Euribor 3M + {_margin(rng)} %",
                    ],
                    [
                        "Garantie financière d'achèvement (GFA)",
                        float(gfa),
                        f"{months + 6} mois",
                        f"commission {_margin(rng)} % l'an",
                    ],
                    [
                        "Prêt foncier",
                        float(int(w.land_price * 0.6)),
                        "24 mois",
                        f"Euribor 3M + {_margin(rng)} %",
                    ],
                ],
                fmt="tmtt",
                widths=[3, 1.5, 1, 1.8],
            ),
            H("Conditions suspensives"),
            *[P(f"- {c}") for c in rng.sample(cps, k=rng.randint(3, len(cps)))],
            H("Garanties"),
            P(
                "Promesse d'affectation hypothécaire de premier rang sur le terrain, nantissement "
                "des parts sociales de la "
                "SCCV, cession Dailly des créances sur acquéreurs, caution solidaire de la "
                "société mère."
            ),
            H("Commissions et frais"),
            P(
                f"Commission d'engagement : {_margin(rng)} % du montant autorisé, payable "
                "à la signature. Frais de dossier : "
                f"{fk.money(rng.choice([3000, 5000, 7500, 10000]))}."
            ),
            P(
                "La présente offre est valable jusqu'au "
                f"{fk.fr_date(w.today + dt.timedelta(days=30))}. "
                "Passé ce délai, elle "
                "sera caduque. Le retour d'un exemplaire signé vaudra acceptation."
            ),
            Sign(
                [[w.bank.name, "Direction de l'Immobilier"], ["Bon pour acceptation", w.sccv.name]]
            ),
        ],
        head_left=letterhead(w.bank, rng),
        head_right=recipient(w.sccv, w.sccv.manager.formal),
        footer=legal_footer(w.bank, rng),
    )


@template("OFFRE_CREDIT", "convention_credit", formats=("pdf", "docx"), scan=0.03)
def convention(w: World, rng: random.Random) -> Doc:
    amount = _loan(w, rng)
    arts = [
        (
            "Objet",
            f"La Banque consent à l'Emprunteur une ouverture de crédit d'un montant maximum de "
            f"{fk.money(amount)} ({fk.words_fr(amount)} euros), destinée à financer la "
            "construction de l'opération.",
        ),
        (
            "Utilisation",
            "Le crédit est utilisable par tirages successifs "
            "sur présentation de demandes de tirage "
            "accompagnées des factures et situations de travaux correspondantes.",
        ),
        (
            "Intérêts",
            "Les utilisations portent intérêt au taux Euribor 3 mois (floor 0) majoré "
            f"d'une marge de {_margin(rng)} % l'an.",
        ),
        (
            "Remboursement",
            "Le crédit est remboursé au fur et à mesure des encaissements du prix des ventes, "
            "centralisés sur le compte de l'opération, et au plus tard à l'échéance finale.",
        ),
        (
            "Déclarations",
            "L'Emprunteur déclare qu'aucun cas d'exigibilité anticipée n'est en cours et que les "
            "informations financières remises sont sincères.",
        ),
        (
            "Engagements",
            "L'Emprunteur s'engage à centraliser l'intégralité des flux de l'opération, à remettre "
            "trimestriellement un état de commercialisation et un bilan actualisé.",
        ),
        (
            "Exigibilité anticipée",
            "Le crédit deviendra immédiatement exigible en cas de défaut de paiement, "
            "d'abandon du chantier ou de procédure collective.",
        ),
        (
            "Élection de domicile",
            "Pour l'exécution des présentes, les parties élisent domicile en leur siège.",
        ),
    ]
    blocks: list[Block] = [
        P("ENTRE :", style="bold"),
        P(company_phrase(w.bank, rng) + ", ci-après « la Banque »"),
        P("ET :", style="bold"),
        P(company_phrase(w.sccv, rng) + ", ci-après « l'Emprunteur »"),
    ]
    for i, (t, b) in enumerate(arts, 1):
        blocks += [H(f"ARTICLE {i} - {t.upper()}", 2), P(b)]
    blocks += [
        P(place_date(w, rng)),
        Sign([["La Banque", ""], ["L'Emprunteur", w.sccv.manager.name]]),
    ]
    return Doc(
        alt(rng, ["CONVENTION D'OUVERTURE DE CRÉDIT", "CONTRAT DE CRÉDIT D'ACCOMPAGNEMENT"]),
        blocks,
        footer=f"Paraphes - Convention {w.sccv.name}",
        title_sub="Crédit d'accompagnement promotion immobilière",
    )


@template("OFFRE_CREDIT", "term_sheet_en", scan=0.02)
def term_sheet(w: World, rng: random.Random) -> Doc:
    amount = _loan(w, rng)
    return Doc(
        "INDICATIVE TERM SHEET",
        [
            P(
                "Strictly private and confidential - subject to credit approval and documentation",
                style="italic",
            ),
            KV(
                [
                    ("Borrower", w.sccv.name),
                    ("Sponsor", w.developer.full),
                    ("Lender", w.bank.name),
                    (
                        "Project",
                        f"{w.programme}, {w.lots} residential units, {w.site.town}, France",
                    ),
                    ("Facility", f"Senior development facility of up to {fk.money(amount, 'en')}"),
                    (
                        "Completion guarantee",
                        "Garantie financière d'achèvement (art. R261-21 CCH) issued by the Lender",
                    ),
                    ("Tenor", f"{rng.randint(18, 36)} months from signing"),
                    ("Margin", f"{_margin(rng).replace(',', '.')}% p.a. over 3M Euribor"),
                    ("Arrangement fee", f"{rng.choice([0.5, 0.75, 1.0])}% flat"),
                    ("Pre-sales condition", f"{rng.choice([40, 50])}% of GDV"),
                    ("LTC / LTV", f"max {rng.randint(60, 75)}% / {rng.randint(50, 65)}%"),
                    (
                        "Security",
                        "First-ranking mortgage, share pledge, assignment of receivables (Dailly), "
                        "parent guarantee",
                    ),
                    ("Governing law", "French law"),
                ]
            ),
            P("This term sheet is indicative only and does not constitute a commitment to lend."),
        ],
        lang="en",
        head_left=letterhead(w.bank, rng),
    )


@template("SURETES", "affectation_hypothecaire", scan=0.05)
def hypotheque(w: World, rng: random.Random) -> Doc:
    amount = _loan(w, rng)
    return Doc(
        alt(
            rng,
            [
                "PROMESSE D'AFFECTATION HYPOTHÉCAIRE",
                "ACTE D'HYPOTHÈQUE CONVENTIONNELLE",
                "AFFECTATION HYPOTHÉCAIRE",
            ],
        ),
        [
            P(f"L'AN {fk.words_fr(w.today.year).upper()}, LE {fk.fr_date_long(w.today).upper()}"),
            P(
                f"Maître {w.notary.name}, notaire à {w.notary.address.town}, a reçu le présent "
                "acte à la requête de :"
            ),
            P(company_phrase(w.sccv, rng) + ", ci-après « le Constituant »,"),
            P("Au profit de " + company_phrase(w.bank, rng)),
            H("AFFECTATION HYPOTHÉCAIRE"),
            P(
                "En garantie du remboursement de toutes sommes dues au titre de l'ouverture "
                "de crédit d'un montant de "
                f"{fk.money(amount)} en principal, le Constituant affecte et hypothèque au "
                "profit de la Banque, en premier "
                f"rang et sans concurrence, le terrain sis {w.site.one_line()}, "
                f"cadastré {w.cadastre}, "
                "pour une contenance de "
                f"{w.land_m2} m², ainsi que les constructions à édifier."
            ),
            P(
                "L'inscription sera prise au service de la publicité foncière compétent pour "
                "une durée expirant un an après "
                "la dernière échéance, conformément à l'article 2434 du Code civil."
            ),
            H("ORIGINE DE PROPRIÉTÉ"),
            P(
                "Le bien appartient au Constituant pour l'avoir acquis "
                "suivant acte reçu par Maître "
                f"{w.notary.name} le {fk.fr_date(w.permit_date)}."
            ),
            Sign([["Le Constituant", ""], ["La Banque", ""], ["Le Notaire", ""]]),
        ],
        header=w.notary_office,
        footer="Copie authentique sur support électronique",
    )


@template("SURETES", "nantissement_parts", formats=("pdf", "docx"), scan=0.05)
def nantissement(w: World, rng: random.Random) -> Doc:
    parts = rng.choice([100, 1000, 500])
    return Doc(
        "ACTE DE NANTISSEMENT DE PARTS SOCIALES",
        [
            P(
                "Entre "
                + company_phrase(w.developer, rng)
                + ", associé, ci-après « le Constituant »,"
            ),
            P("et " + company_phrase(w.bank, rng) + ", ci-après « le Bénéficiaire »,"),
            H("Article 1 - Nantissement"),
            P(
                f"Le Constituant nantit au profit du Bénéficiaire les {parts} parts sociales "
                "qu'il détient dans le capital de "
                f"la {w.sccv.name}, en garantie des obligations de la SCCV au titre de la "
                "convention de crédit, "
                "conformément aux articles 1866 et suivants du Code civil."
            ),
            H("Article 2 - Formalités"),
            P(
                "Le nantissement sera signifié à la société ou accepté par elle dans un acte "
                "authentique, et publié au "
                "registre du commerce et des sociétés."
            ),
            H("Article 3 - Réalisation"),
            P(
                "À défaut de paiement, le Bénéficiaire pourra faire ordonner l'attribution "
                "judiciaire des parts ou leur vente."
            ),
            P(place_date(w, rng)),
            Sign([["Le Constituant", w.developer.manager.name], ["Le Bénéficiaire", ""]]),
        ],
    )


@template("SURETES", "caution_dailly", scan=0.1)
def caution(w: World, rng: random.Random) -> Doc:
    amount = _loan(w, rng)
    if rng.random() < 0.5:
        g = w.developer.manager
        return Doc(
            "ACTE DE CAUTIONNEMENT SOLIDAIRE",
            [
                P(f"Je soussigné(e), {person_phrase(g)},"),
                P(
                    f"me porte caution solidaire de la {w.sccv.name} envers {w.bank.name}, dans "
                    "la limite de la somme de "
                    f"{fk.money(amount * 0.3)} couvrant le paiement du principal, des intérêts "
                    "et, le cas échéant, des pénalités "
                    f"ou intérêts de retard, et pour une durée de {rng.randint(3, 6)} ans."
                ),
                Box(
                    [
                        f"« En me portant caution de la {w.sccv.name}, dans la limite de la somme "
                        f"de {fk.money(amount * 0.3)}, "
                        "je m'engage à rembourser au prêteur les sommes dues "
                        "sur mes revenus et mes "
                        "biens si le débiteur n'y "
                        "satisfait pas lui-même. » (article 2297 du Code civil)"
                    ],
                    "Mention manuscrite",
                ),
                P("Je renonce au bénéfice de discussion et de division."),
                P(place_date(w, rng)),
                Sign([["La caution", g.name, "(mention manuscrite et signature)"]]),
            ],
        )
    rows: list[list[str | int | float]] = [
        [b.formal, f"Lot {rng.randint(1, w.lots)}", float(int(w.revenue_ttc / w.lots))]
        for b in w.buyers
    ]
    return Doc(
        "ACTE DE CESSION DE CRÉANCES PROFESSIONNELLES",
        [
            P(
                "(Loi Dailly - articles L313-23 et suivants du Code monétaire et financier)",
                align="center",
            ),
            KV(
                [
                    ("Cédant", w.sccv.name),
                    ("Cessionnaire", w.bank.name),
                    ("Date", fk.fr_date(w.today)),
                ]
            ),
            P(
                "Le cédant cède au cessionnaire les créances ci-dessous, nées des contrats "
                "de vente en l'état futur "
                "d'achèvement, à titre de garantie du crédit consenti."
            ),
            Table(["Débiteur cédé", "Désignation", "Montant"], rows, fmt="ttm"),
            Sign([["Le cédant (signature et cachet)", ""]]),
        ],
    )


@template("GFA", "attestation_gfa", scan=0.15)
def gfa_attestation(w: World, rng: random.Random) -> Doc:
    amount = int(w.works_ht * 1.2 * rng.uniform(0.8, 1.0) / 1000) * 1000
    return Doc(
        alt(
            rng,
            [
                "ATTESTATION DE GARANTIE FINANCIÈRE D'ACHÈVEMENT",
                "Attestation de garantie d'achèvement",
            ],
        ),
        [
            P(f"{w.bank.name}, {w.bank.address.one_line()}, agissant en qualité de garant,"),
            P(
                f"atteste avoir délivré au profit des acquéreurs de l'opération « {w.programme} "
                "» réalisée par la "
                f"{w.sccv.name} une garantie financière d'achèvement au sens des articles "
                "L261-10-1 et R261-21 du Code de "
                "la construction et de l'habitation, sous forme d'ouverture de crédit."
            ),
            KV(
                [
                    ("Opération", f"{w.programme} - {w.lots} lots"),
                    ("Adresse", w.site.one_line()),
                    ("Permis de construire", f"{w.permit_no} du {fk.fr_date(w.permit_date)}"),
                    ("Montant garanti", fk.money(amount)),
                    ("N° de garantie", ids.ref(rng, "GFA-9999-99999")),
                    (
                        "Durée",
                        "jusqu'à l'achèvement de l'immeuble constaté dans "
                        "les conditions de l'article "
                        "R261-24 du CCH",
                    ),
                ],
                boxed=True,
            ),
            P(
                "La présente attestation est délivrée pour être annexée aux actes de vente "
                "en l'état futur d'achèvement."
            ),
            P(place_date(w, rng, town=w.bank.address.town)),
            Sign([["Pour le garant", "Direction des engagements"]]),
        ],
        head_left=letterhead(w.bank, rng),
        footer=legal_footer(w.bank, rng),
    )


@template("GFA", "convention_gfa", formats=("pdf", "docx"), scan=0.05)
def gfa_convention(w: World, rng: random.Random) -> Doc:
    amount = int(w.works_ht * 1.2 / 1000) * 1000
    arts = [
        "Le Garant s'engage, en cas de défaillance du Promoteur, à fournir les sommes "
        "nécessaires à l'achèvement "
        "de l'immeuble, dans la limite du montant garanti.",
        "La garantie prend fin à l'achèvement de l'immeuble, constaté par une personne "
        "désignée conformément à "
        "l'article R261-24 du CCH.",
        "Le Promoteur s'engage à centraliser le prix des ventes sur le compte de "
        "l'opération ouvert chez le Garant "
        "et à ne signer aucun acte de vente sans l'accord préalable du Garant.",
        f"En rémunération de son engagement, le Garant perçoit une commission de {_margin(rng)} "
        "% l'an sur l'encours.",
        "Le Garant pourra exiger la substitution d'un maître d'œuvre en cas de retard "
        "important du chantier.",
    ]
    blocks: list[Block] = [
        P("Entre " + company_phrase(w.bank, rng) + " (« le Garant »)"),
        P("et " + company_phrase(w.sccv, rng) + " (« le Promoteur »)"),
        P(
            f"Il a été préalablement exposé que le Promoteur réalise l'opération {w.programme} et "
            "souhaite vendre en l'état futur d'achèvement, ce qui suppose une garantie financière "
            "d'achèvement (article R261-21 du CCH)."
        ),
    ]
    for i, a in enumerate(arts, 1):
        blocks += [H(f"Article {i}", 2), P(a)]
    blocks += [
        KV([("Montant maximal garanti", fk.money(amount))]),
        Sign([["Le Garant", ""], ["Le Promoteur", ""]]),
    ]
    return Doc(
        "CONVENTION DE GARANTIE FINANCIÈRE D'ACHÈVEMENT", blocks, footer=legal_footer(w.bank, rng)
    )


@template("GFA", "gfa_caution_assureur", scan=0.1)
def gfa_assureur(w: World, rng: random.Random) -> Doc:
    ins = rng.choice(fk.INSURERS[2:])
    amount = int(w.works_ht * 1.2 / 1000) * 1000
    return Doc(
        "ENGAGEMENT DE CAUTION - GARANTIE EXTRINSÈQUE D'ACHÈVEMENT",
        [
            P(
                f"{ins}, entreprise régie par le Code des assurances, se porte caution solidaire "
                f"de la {w.sccv.name}, "
                f"envers les acquéreurs des lots de l'immeuble {w.programme}, de l'achèvement "
                "de l'immeuble dans les "
                "conditions des articles R261-17 à R261-24 du Code de la construction et "
                "de l'habitation."
            ),
            Table(
                ["Élément", "Valeur"],
                [
                    ["Montant maximal de l'engagement", float(amount)],
                    ["Nombre de logements", float(w.lots)],
                    ["Prix de revient prévisionnel HT", float(w.works_ht + w.land_price)],
                ],
                fmt="tm",
            ),
            P("L'engagement de caution expire à l'achèvement de l'immeuble."),
            Sign([[ins, "Le mandataire"]]),
        ],
        head_left=[ins, "Direction Caution & Garanties", fk.address(rng).one_line()],
    )
