"""Construction stages: progress certificates, buyers' calls for funds, completion, acceptance.

A near-miss group: all four name a construction stage and the same parties. The architect
certifies progress (ATTEST_AVANCEMENT), the SCCV asks buyers to pay (APPEL_FONDS, R261-14),
a professional certifies completion (ATTEST_ACHEVEMENT, R261-24, ends the GFA), and the owner
accepts the works from the contractors (PV_RECEPTION, art. 1792-6 Code civil).
"""

from __future__ import annotations

import datetime as dt
import random

from .. import fakes as fk
from .. import identifiers as ids
from ..fakes import World
from ..model import KV, Block, Box, Doc, H, P, Sign, Table
from ..registry import template
from .common import Lot, alt, boiler, d2, legal_footer, letterhead, lot_rows, place_date, recipient

STAGES = [
    ("Achèvement des fondations", 35),
    ("Plancher haut du rez-de-chaussée", 45),
    ("Mise hors d'eau", 70),
    ("Mise hors d'air", 80),
    ("Achèvement des cloisons", 85),
    ("Achèvement de l'immeuble", 95),
    ("Livraison / remise des clés", 100),
]


def _stage(rng: random.Random, upto: int = 6) -> tuple[str, int]:
    return STAGES[rng.randrange(upto)]


def _order_no(rng: random.Random) -> str:
    return f"{rng.randint(1, 9)}{rng.randint(0, 9)}/{rng.randint(1000, 99999)}"


@template("ATTEST_AVANCEMENT", "attestation_lettre", scan=0.25)
def avancement_lettre(w: World, rng: random.Random) -> Doc:
    stage, pct = _stage(rng)
    a = w.architect
    return Doc(
        alt(
            rng,
            [
                "ATTESTATION D'AVANCEMENT DES TRAVAUX",
                "Attestation d'état d'avancement",
                "CERTIFICAT D'AVANCEMENT DE TRAVAUX",
            ],
        ),
        [
            P(
                f"Je soussigné(e) {a.formal}, architecte inscrit(e) "
                "à l'Ordre des architectes sous le n° "
                f"{_order_no(rng)}, agissant en qualité de maître "
                "d'œuvre d'exécution de l'opération "
                f"« {w.programme} » "
                f"sise {w.site.one_line()}, réalisée par la {w.sccv.name} (permis de construire "
                f"n° {w.permit_no}),"
            ),
            P(
                f"atteste que les travaux ont atteint, à la date du {fk.fr_date(w.today)}, "
                "le stade suivant : "
                f"{stage.upper()}."
            ),
            P(
                alt(
                    rng,
                    [
                        "L'avancement global du chantier est estimé à "
                        f"{rng.randint(pct - 10, pct)} "
                        "% du montant des "
                        "travaux tous corps d'état.",
                        "Cette attestation est établie pour servir et valoir "
                        "ce que de droit, notamment auprès de "
                        f"l'établissement bancaire {w.bank.name}.",
                    ],
                )
            ),
            P(
                "Elle ne vaut ni réception des ouvrages, ni attestation d'achèvement au sens "
                "de l'article R261-24 du CCH.",
                style="small",
            ),
            P(place_date(w, rng)),
            Sign([["L'architecte", a.name, "(cachet et signature)"]]),
        ],
        head_left=letterhead(w.architect_firm, rng),
        head_right=recipient(w.bank, "Direction Immobilier"),
    )


@template("ATTEST_AVANCEMENT", "etat_avancement_lots", formats=("pdf", "docx", "xlsx"), scan=0.1)
def avancement_lots(w: World, rng: random.Random) -> Doc:
    rows: list[list[str | int | float]] = []
    tot = 0.0
    done = 0.0
    for c in w.contractors:
        amount = float(d2(w.works_ht * rng.uniform(0.05, 0.35)))
        pct = rng.choice([100, 95, 80, 65, 40, 20, 5])
        rows.append([c.trade, c.name, amount, float(pct), amount * pct / 100])
        tot += amount
        done += amount * pct / 100
    rows.append(["TOTAL", "", tot, done / tot * 100, done])
    stage, _ = _stage(rng)
    return Doc(
        "ÉTAT D'AVANCEMENT DES TRAVAUX",
        [
            KV(
                [
                    ("Opération", w.programme),
                    ("Maître d'ouvrage", w.sccv.name),
                    ("Maître d'œuvre", w.architect_firm.name),
                    ("Date de visite", fk.fr_date(w.today)),
                    ("Stade atteint", stage),
                ]
            ),
            Table(
                ["Lot", "Entreprise", "Marché HT", "Avancement", "Réalisé HT"],
                rows,
                fmt="ttmpm",
                total=1,
                widths=[2, 2.4, 1.4, 1, 1.4],
            ),
            P(
                "Le maître d'œuvre certifie l'exactitude du présent état, établi après visite "
                "contradictoire du chantier."
            ),
            Sign([["Le maître d'œuvre", w.architect.name]]),
        ],
        head_left=letterhead(w.architect_firm, rng),
        footer=f"{w.programme} - compte rendu n° {rng.randint(10, 80)}",
    )


@template("ATTEST_AVANCEMENT", "certificat_stades", scan=0.2)
def avancement_stades(w: World, rng: random.Random) -> Doc:
    k = rng.randint(1, 5)
    rows: list[list[str | int | float]] = [
        [
            s,
            "[X]" if i < k else "[ ]",
            fk.fr_date(w.start_date + dt.timedelta(days=60 * (i + 1))) if i < k else "",
        ]
        for i, (s, _) in enumerate(STAGES[:6])
    ]
    return Doc(
        alt(rng, ["Certificat d'avancement", "Attestation de stade de travaux"]),
        [
            P(f"Opération : {w.programme} - {w.lots} logements - {w.site.one_line()}"),
            Table(["Stade", "Atteint", "Date"], rows, widths=[4, 1, 1.5]),
            P(
                f"Nous, {w.architect_firm.name}, maître d'œuvre, certifions que le stade « "
                f"{STAGES[k - 1][0]} » est atteint "
                f"au {fk.fr_date(w.today)}. Document destiné au financeur de l'opération pour "
                "le déblocage des fonds "
                "et à l'information des acquéreurs."
            ),
            P(place_date(w, rng)),
            Sign([["Pour le maître d'œuvre", w.architect.name]]),
        ],
        head_left=letterhead(w.architect_firm, rng),
    )


def _buyer_lot(w: World, rng: random.Random) -> tuple[fk.Person, Lot]:
    return rng.choice(w.buyers), lot_rows(w, rng, 1)[0]


@template("APPEL_FONDS", "appel_lettre", scan=0.2)
def appel_lettre(w: World, rng: random.Random) -> Doc:
    b, lot = _buyer_lot(w, rng)
    k = rng.randrange(1, 6)
    stage, pct = STAGES[k]
    prev = STAGES[k - 1][1]
    price = int(lot["price"])
    due = price * (pct - prev) / 100
    iban = ids.iban_fr(rng, rng.choice(ids.BANKS)[1])[0]
    return Doc(
        "",
        [
            P(f"Objet : Appel de fonds - Lot n° {lot['lot']} - {w.programme}", style="bold"),
            P(f"{b.civ},"),
            P(
                "Conformément à l'échéancier de paiement prévu à votre acte de vente en l'état "
                "futur d'achèvement "
                "et à l'article R261-14 du Code de la construction et de l'habitation, nous "
                "avons le plaisir de vous "
                f"informer que les travaux ont atteint le stade « {stage} », ainsi qu'en atteste "
                "le maître d'œuvre."
            ),
            Table(
                ["Échéance", "% cumulé", "Montant"],
                [
                    ["Prix de vente TTC", "", float(price)],
                    [f"Appels précédents ({prev} %)", float(prev), price * prev / 100],
                    [f"Présent appel : {stage}", float(pct), due],
                ],
                fmt="tpm",
                total=1,
            ),
            P(
                f"Nous vous remercions de bien vouloir régler la somme de {fk.money(due)} "
                "sous quinzaine, par virement "
                f"sur le compte centralisateur de l'opération ouvert auprès de {w.bank.name} "
                f": IBAN {ids.group4(iban)}."
            ),
            P(
                "Si vous avez recours à un prêt, merci de transmettre le présent appel et "
                "l'attestation jointe à votre "
                "établissement prêteur."
            ),
            P("Nous vous prions d'agréer l'expression de nos salutations distinguées."),
            P(place_date(w, rng)),
            Sign([["Le service clients", w.developer.name]]),
        ],
        head_left=letterhead(w.developer, rng),
        head_right=recipient(b),
        footer=legal_footer(w.sccv, rng),
    )


@template("APPEL_FONDS", "avis_echeance", formats=("pdf", "docx"), scan=0.1)
def appel_avis(w: World, rng: random.Random) -> Doc:
    b, lot = _buyer_lot(w, rng)
    price = int(lot["price"])
    k = rng.randrange(0, 6)
    rows: list[list[str | int | float]] = []
    prev = 0
    for i, (s, p) in enumerate(STAGES):
        status = "Réglé" if i < k else ("À régler" if i == k else "À venir")
        rows.append([s, float(p), price * (p - prev) / 100, status])
        prev = p
    return Doc(
        f"APPEL DE FONDS N° {k + 1}",
        [
            KV(
                [
                    ("Acquéreur", b.formal),
                    ("Programme", w.programme),
                    ("Lot", f"{lot['lot']} ({lot['type']})"),
                    ("Date de l'appel", fk.fr_date(w.today)),
                    ("Date limite de paiement", fk.fr_date(w.today + dt.timedelta(days=15))),
                    ("Référence", ids.ref(rng, "AF-99999")),
                ],
                boxed=True,
            ),
            Table(
                ["Stade (art. R261-14 CCH)", "% cumulé", "Montant TTC", "Statut"], rows, fmt="tpmt"
            ),
            P(
                "Montant à régler : "
                f"{fk.money(price * (STAGES[k][1] - (STAGES[k - 1][1] if k else 0)) / 100)}",
                style="big",
            ),
            P(
                "Tout retard de paiement entraînera l'application des pénalités prévues à "
                "l'acte de vente.",
                style="small",
            ),
        ],
        head_left=letterhead(w.sccv, rng),
        head_right=recipient(b),
    )


@template("APPEL_FONDS", "appel_notaire", scan=0.2)
def appel_notaire(w: World, rng: random.Random) -> Doc:
    b, lot = _buyer_lot(w, rng)
    stage, pct = _stage(rng)
    price = int(lot["price"])
    return Doc(
        "",
        [
            P(f"Dossier : VEFA {w.sccv.name} / {b.last.upper()}", style="bold"),
            P(f"Objet : appel de fonds - stade « {stage} »"),
            P(
                f"{b.civ}, en ma qualité de notaire ayant reçu l'acte de vente en l'état futur "
                "d'achèvement de votre lot "
                f"n° {lot['lot']}, je vous informe que le vendeur m'a transmis l'attestation "
                "de l'architecte constatant "
                f"l'achèvement du stade « {stage} »."
            ),
            P(
                "En application de l'échéancier contractuel, le montant exigible s'élève "
                f"à {pct} % du prix, soit "
                f"{fk.money(price * pct / 100)} cumulés. Je vous remercie de faire procéder "
                "au versement du solde exigible "
                f"directement au crédit du compte de l'opération."
            ),
            P(
                "Je vous prie de croire, Madame, Monsieur, à l'assurance "
                "de mes sentiments distingués."
            ),
            Sign([[f"Maître {w.notary.name}", "Notaire"]]),
        ],
        head_left=[w.notary_office, "Notaires associés", *w.notary.address.lines()],
        head_right=recipient(b),
    )


@template("ATTEST_ACHEVEMENT", "attestation_r261_24", scan=0.2)
def achevement_attestation(w: World, rng: random.Random) -> Doc:
    a = rng.choice([w.architect, fk.person(rng, w.today)])
    return Doc(
        alt(
            rng,
            [
                "ATTESTATION D'ACHÈVEMENT",
                "ATTESTATION D'ACHÈVEMENT DES TRAVAUX",
                "Attestation d'achèvement (article R261-24 du CCH)",
            ],
        ),
        [
            P(
                "Je soussigné(e) "
                f"{a.formal}, "
                f"{alt(rng, ['architecte', 'homme de l’art', 'expert en bâtiment'])}, "
                "n'ayant pas la qualité de maître d'œuvre de l'opération ci-après (ou désigné(e) "
                "par le garant), "
                f"atteste que l'immeuble « {w.programme} » édifié "
                f"sur un terrain sis {w.site.one_line()}, cadastré "
                f"{w.cadastre}, par la {w.sccv.name}, est ACHEVÉ au sens de l'article R261-1 "
                "du Code de la construction "
                "et de l'habitation."
            ),
            P(
                "Sont exécutés les ouvrages et installés les éléments d'équipement indispensables "
                "à l'utilisation, "
                "conformément à sa destination, de l'immeuble faisant l'objet du contrat. "
                "Les défauts de conformité "
                "et malfaçons éventuels ne présentent pas un caractère substantiel et ne "
                "rendent pas les ouvrages "
                "impropres à leur utilisation."
            ),
            P(
                "La présente attestation, établie conformément à l'article R261-24 du CCH, "
                "est remise au garant "
                f"{w.bank.name} et met fin à la garantie financière d'achèvement délivrée "
                "pour l'opération."
            ),
            P(place_date(w, rng, w.delivery_date)),
            Sign([[a.name, "(signature et cachet)"]]),
        ],
        head_right=recipient(w.bank),
    )


@template("ATTEST_ACHEVEMENT", "constat_achevement", scan=0.15)
def achevement_constat(w: World, rng: random.Random) -> Doc:
    cj = fk.person(rng, w.today)
    return Doc(
        "PROCÈS-VERBAL DE CONSTAT D'ACHÈVEMENT",
        [
            P(f"L'an {w.delivery_date.year} et le {fk.fr_date_long(w.delivery_date)},"),
            P(
                f"À la requête de la {w.sccv.name}, nous, {cj.formal}, commissaire de justice "
                "associé, nous sommes "
                f"transporté(e) {w.site.one_line()} afin de constater l'achèvement de l'immeuble "
                f"{w.programme} "
                f"(permis de construire n° {w.permit_no})."
            ),
            H("CONSTATATIONS"),
            P(
                "Accompagné(e) de l'architecte de l'opération, j'ai parcouru l'ensemble des "
                "bâtiments, parties communes, "
                "logements et abords. Je constate que les ouvrages et éléments d'équipement "
                "indispensables à "
                "l'utilisation de l'immeuble sont exécutés : clos et couvert, menuiseries, "
                "réseaux raccordés, "
                "ascenseur en service, voiries et parkings accessibles."
            ),
            P(
                "En conséquence, l'immeuble est achevé au sens des articles R261-1 et R261-24 "
                "du CCH, ce qui met fin à la "
                "garantie d'achèvement."
            ),
            P(
                "Mes constatations terminées, j'ai dressé le présent procès-verbal pour servir "
                "et valoir ce que de droit."
            ),
            Sign([[f"Maître {cj.name}", "Commissaire de justice"]]),
        ],
        head_left=[f"SELARL {cj.last} & Associés", "Commissaires de justice", *cj.address.lines()],
    )


@template("ATTEST_ACHEVEMENT", "fin_gfa_form", scan=0.15)
def achevement_form(w: World, rng: random.Random) -> Doc:
    return Doc(
        "Déclaration d'achèvement - mainlevée de la garantie d'achèvement",
        [
            KV(
                [
                    ("Opération", w.programme),
                    ("Adresse", w.site.one_line()),
                    ("Promoteur", w.developer.full),
                    ("Vendeur", w.sccv.name),
                    ("Garant", w.bank.name),
                    ("Permis de construire", w.permit_no),
                    ("Nombre de lots", str(w.lots)),
                    ("Date d'achèvement constatée", fk.fr_date(w.delivery_date)),
                ],
                boxed=True,
            ),
            P(
                f"L'homme de l'art soussigné, {w.architect.formal}, certifie l'achèvement "
                "de l'immeuble au sens de "
                "l'article R261-1 du CCH. Conformément à l'article R261-24, la garantie financière "
                "d'achèvement prend fin "
                "à la date de la présente attestation."
            ),
            Box(
                [
                    "[X] Achèvement constaté",
                    "[ ] Achèvement avec réserves non substantielles",
                    "[ ] Non achevé",
                ],
                "Conclusion",
            ),
            Sign([["L'homme de l'art", w.architect.name], ["Le vendeur", w.sccv.manager.name]]),
        ],
        head_left=letterhead(w.architect_firm, rng),
    )


def _reserves(w: World, rng: random.Random) -> Table:
    items = [
        "Éclat sur carrelage",
        "Joint silicone à reprendre",
        "Porte palière à régler",
        "Trace de peinture",
        "Radiateur non fixé",
        "Fissure enduit façade",
        "Garde-corps à resserrer",
        "Éclairage hall défectueux",
        "Menuiserie rayée",
        "Nettoyage insuffisant",
        "Regard EP non scellé",
    ]
    rows: list[list[str | int | float]] = []
    for i in range(rng.randint(3, 12)):
        c = rng.choice(w.contractors)
        rows.append(
            [
                str(i + 1),
                f"Bât. {rng.choice('ABC')} - "
                + rng.choice(
                    [
                        "hall",
                        "lot " + str(rng.randint(1, 60)),
                        "parking",
                        "toiture",
                        "cage d’escalier",
                    ]
                ),
                rng.choice(items),
                c.name,
                f"{rng.choice([15, 30, 45, 60])} j",
            ]
        )
    return Table(
        ["N°", "Localisation", "Réserve", "Entreprise", "Délai"], rows, widths=[0.5, 2, 2.5, 2, 0.8]
    )


@template("PV_RECEPTION", "pv_avec_reserves", scan=0.25)
def pv_reserves(w: World, rng: random.Random) -> Doc:
    d = w.delivery_date - dt.timedelta(days=rng.randint(5, 40))
    c = rng.choice(w.contractors)
    blocks: list[Block] = [
        KV(
            [
                ("Opération", w.programme),
                ("Maître d'ouvrage", w.sccv.name),
                ("Maître d'œuvre", w.architect_firm.name),
                (
                    "Entreprise",
                    f"{c.name} - lot {c.trade}" if rng.random() < 0.6 else "Tous corps d'état",
                ),
                ("Date de la visite", fk.fr_date(d)),
            ]
        ),
        P(
            f"Après avoir procédé, le {fk.fr_date(d)}, à la visite contradictoire des "
            "travaux exécutés en présence "
            "de l'entreprise et du maître d'œuvre, le maître d'ouvrage déclare que la "
            "réception est prononcée "
            "AVEC RÉSERVES, avec effet à la date de ce jour, conformément à l'article "
            "1792-6 du Code civil."
        ),
        H("Liste des réserves"),
        _reserves(w, rng),
        P(
            "L'entreprise s'engage à lever les réserves dans les délais indiqués. La "
            "réception fait courir les "
            "garanties de parfait achèvement (1 an), de bon fonctionnement (2 ans) et "
            "décennale (10 ans)."
        ),
        P(place_date(w, rng, d)),
        Sign(
            [
                ["Le maître d'ouvrage", w.sccv.manager.name],
                ["L'entreprise", c.manager.name],
                ["Le maître d'œuvre", w.architect.name],
            ]
        ),
    ]
    return Doc(
        alt(
            rng,
            [
                "PROCÈS-VERBAL DE RÉCEPTION DES TRAVAUX",
                "PV DE RÉCEPTION",
                "Procès-verbal de réception",
            ],
        ),
        blocks,
        head_left=letterhead(w.architect_firm, rng),
    )


@template("PV_RECEPTION", "pv_sans_reserve", scan=0.2)
def pv_sans(w: World, rng: random.Random) -> Doc:
    c = rng.choice(w.contractors)
    d = w.delivery_date - dt.timedelta(days=rng.randint(5, 40))
    return Doc(
        "PROCÈS-VERBAL DE RÉCEPTION",
        [
            P(f"Marché de travaux - lot {c.trade} - {w.programme}", align="center"),
            P(
                f"Le maître d'ouvrage soussigné, {w.sccv.name}, représenté "
                f"par {w.sccv.manager.formal}, "
                "après visite des "
                f"ouvrages le {fk.fr_date(d)} en présence de l'entreprise {c.name},"
            ),
            Box(
                [
                    "[X] prononce la réception SANS RÉSERVE",
                    "[ ] prononce la réception avec les réserves figurant en annexe",
                    "[ ] refuse de prononcer la réception",
                ],
                "Décision du maître d'ouvrage",
            ),
            P(
                f"La date d'effet de la réception est fixée au {fk.fr_date(d)}. La retenue "
                "de garantie sera libérée "
                "à l'expiration du délai d'un an, sauf opposition motivée (loi du 16 juillet 1971)."
            ),
            Sign([["Le maître d'ouvrage", "(signature)"], ["L'entrepreneur", "(signature)"]]),
        ],
        head_left=letterhead(w.sccv, rng, ids=False),
        footer="Norme NF P 03-001 - article 17",
    )


@template("PV_RECEPTION", "pv_opr_levee", formats=("pdf", "docx"), scan=0.15)
def pv_opr(w: World, rng: random.Random) -> Doc:
    levee = rng.random() < 0.5
    title = (
        "PROCÈS-VERBAL DE LEVÉE DES RÉSERVES"
        if levee
        else "OPÉRATIONS PRÉALABLES À LA RÉCEPTION (OPR)"
    )
    return Doc(
        title,
        [
            KV(
                [
                    ("Chantier", f"{w.programme} - {w.site.one_line()}"),
                    ("Réception du", fk.fr_date(w.delivery_date)),
                    (
                        "Présents",
                        f"{w.sccv.manager.name} (MOA), {w.architect.name} "
                        "(MOE), entreprises convoquées",
                    ),
                ]
            ),
            _reserves(w, rng),
            P(
                "Les réserves ci-dessus sont levées à la date de ce jour."
                if levee
                else "Le maître d'œuvre propose au maître d'ouvrage de prononcer la réception "
                "des travaux avec les réserves "
                "ci-dessus, l'ensemble des ouvrages étant en état d'être reçus."
            ),
            Sign([["Maître d'ouvrage", ""], ["Maître d'œuvre", ""], ["Entreprises", ""]]),
        ],
        head_left=letterhead(w.architect_firm, rng),
        header=f"{w.programme} - réception",
    )


_ = boiler
