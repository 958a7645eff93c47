"""Loan offers (OFFRE_CREDIT).

Part of `plain_c`, the templates of another writer (see its package docstring).
"""

from __future__ import annotations

import random

from ... import fakes as fk
from ... import identifiers as ids
from ...fakes import World
from ...model import Block, Bullets, Doc, H, P, Sign, Table
from ...registry import template
from ..common import letterhead, place_date, recipient
from ._shared import (
    Rows,
    _banker,
    _cap,
    _facility,
    _pct,
    _pick,
    _plus,
    _salut,
    _societe,
    _town_date,
    _yes,
)


# --------------------------------------------------------------------------------------------
# OFFRE_CREDIT
@template("OFFRE_CREDIT", "pc_offre_lettre_engagement", scan=0.06)
def offre_lettre(w: World, rng: random.Random) -> Doc:
    cash, land, gfa = _facility(w, rng)
    banker, role = _banker(w, rng)
    months = rng.choice([18, 24, 30, 36])
    margin = rng.choice([1.5, 1.75, 2.0, 2.25, 2.5, 2.8, 3.0])
    pre = rng.choice([30, 35, 40, 50])
    quote = rng.choice([70, 75, 80, 85, 90, 100])
    valid = _plus(w.today, rng.choice([15, 30, 45]))
    terms = [
        f"Emprunteur : {w.sccv.name}",
        "Nature : "
        + _pick(
            rng,
            "crédit d'accompagnement sous forme d'ouverture de crédit en compte courant",
            "crédit promoteur - découvert autorisé mobilisable par tirages",
        ),
        f"Montant : {fk.money(cash)}",
        f"Durée : {months} mois à compter de la signature de la convention",
        f"Taux : Euribor 3 mois (plancher 0 %) + marge de {_pct(margin)} l'an",
        f"Commission d'engagement : {_pct(rng.choice([0.5, 0.75, 1.0]))} flat du montant",
        f"Commission de non-utilisation : {_pct(rng.choice([0.25, 0.5]))} l'an",
        f"Remboursement : {quote} % du prix de chaque vente, au fur et à mesure des "
        "encaissements, solde in fine",
    ]
    if land:
        terms.insert(
            3,
            f"Prêt foncier complémentaire : {fk.money(land)}, remboursable à "
            "l'achèvement des fondations",
        )
    if _yes(rng, 0.85):
        terms.append(
            f"Garantie financière d'achèvement : engagement par signature de {fk.money(gfa)}, "
            f"commission {_pct(rng.choice([0.8, 1.0, 1.2, 1.5]))} l'an"
        )
    guarantees = rng.sample(
        [
            "promesse d'affectation hypothécaire de premier rang sur le terrain",
            "nantissement de la totalité des parts sociales de l'emprunteur",
            f"caution solidaire de {w.developer.full}",
            "cession Dailly des créances nées des ventes en l'état futur d'achèvement",
            "engagement de non-cession et de blocage des comptes courants d'associés",
        ],
        k=rng.randint(2, 4),
    )
    cps = rng.sample(
        [
            f"permis de construire purgé de tout recours (n° {w.permit_no})",
            f"pré-commercialisation d'au moins {pre} % du chiffre d'affaires TTC, par actes "
            "ou contrats de réservation",
            f"fonds propres de {fk.money(round(w.land_price * rng.uniform(0.2, 0.5), -3))} "
            "investis dans l'opération",
            "acquisition du terrain par acte authentique",
            "attestations dommages-ouvrage et CNR",
            "marchés de travaux signés à hauteur de 80 % du budget",
        ],
        k=rng.randint(3, 5),
    )
    obj = _pick(
        rng,
        f"Objet : Financement de l'opération « {w.programme} » - {w.site.town}",
        f"Objet : Offre de crédit - SCCV {w.programme.upper()}",
        f"V/Réf. : demande du {fk.fr_date(_plus(w.today, -40))} - N/Réf. : "
        f"{ids.ref(rng, 'IMMO-9999-999')}",
    )
    dear = _pick(rng, "Madame, Monsieur", w.sccv.manager.civ, f"{w.sccv.manager.civ} le Gérant")
    blocks: list[Block] = [
        P(obj, style="bold"),
        P(dear + ","),
        P(
            f"Nous faisons suite à votre demande et avons le plaisir de vous informer que notre "
            f"comité des engagements du {fk.fr_date(_plus(w.today, -rng.randint(2, 15)))} a "
            f"donné son accord pour le financement de votre programme de {w.lots} logements, "
            "aux principales conditions suivantes :"
        ),
        Bullets(terms),
        P("Garanties :"),
        Bullets(guarantees),
        P("Conditions préalables à la première utilisation :"),
        Bullets(cps, ordered=_yes(rng)),
        P(
            f"Cette offre est valable jusqu'au {fk.fr_date(valid)}. Elle deviendra caduque à "
            "défaut de retour, avant cette date, d'un exemplaire contresigné "
            + _pick(
                rng,
                "revêtu de la mention « Bon pour acceptation de l'offre ».",
                "par le représentant légal de l'emprunteur.",
                "précédé de la mention « lu et approuvé, bon pour accord ».",
            )
            + " Une convention de crédit reprenant ces conditions vous sera ensuite soumise."
        ),
        P(_salut(rng, dear)),
        Sign(
            [
                [w.bank.name, banker.name, role],
                ["Acceptation de l'emprunteur", "Date :", "Signature :"],
            ]
        ),
    ]
    return Doc(
        _pick(rng, "", "", "Offre de financement", "LETTRE D'ENGAGEMENT", "offre de crédit"),
        blocks,
        head_left=letterhead(w.bank, rng),
        head_right=[
            *recipient(w.sccv, w.sccv.manager.formal),
            _town_date(rng, w.bank.address.town, w.today),
        ],
        footer=_pick(rng, f"{w.bank.name} - société anonyme - établissement de crédit", ""),
    )


@template("OFFRE_CREDIT", "pc_offre_contrat_articles", scan=0.03)
def offre_contrat(w: World, rng: random.Random) -> Doc:
    cash, land, gfa = _facility(w, rng)
    months = rng.choice([18, 24, 30, 36])
    end = _plus(w.today, months * 30)
    margin = rng.choice([1.6, 1.9, 2.1, 2.4, 2.75])
    tr: Rows = []
    if land:
        tr.append(
            [
                "Tranche A - prêt foncier",
                float(land),
                "Acquisition du terrain et frais",
                "Signature de l'acte d'acquisition",
            ]
        )
    tr.append(
        [
            f"Tranche {'B' if land else 'A'} - crédit d'accompagnement",
            float(cash),
            "Travaux, honoraires, frais",
            "Sur demandes de tirage",
        ]
    )
    tr.append(
        [
            f"Tranche {'C' if land else 'B'} - engagement par signature",
            float(gfa),
            "Garantie financière d'achèvement",
            "Première vente en VEFA",
        ]
    )
    tr.append(["Total des concours", float(land + cash + gfa), "", ""])
    defs = [
        "« Compte d'Opération » : le compte ouvert au nom de l'Emprunteur dans les livres du "
        "Prêteur, sur lequel sont centralisés tous les encaissements et décaissements de "
        "l'opération.",
        "« Date d'Échéance Finale » : le " + fk.fr_date(end) + ".",
        "« Prix de Vente » : le prix TTC stipulé dans chaque acte de vente en l'état futur "
        "d'achèvement.",
        "« Taux de Pré-commercialisation » : le rapport entre le chiffre d'affaires TTC des "
        "lots vendus ou réservés et le chiffre d'affaires TTC prévisionnel total.",
        "« Jour Ouvré » : un jour où le système TARGET2 fonctionne et les banques sont "
        "ouvertes à Paris.",
        "« Cas d'Exigibilité » : chacun des événements énumérés à l'article Exigibilité anticipée.",
    ]
    arts: list[tuple[str, list[Block]]] = [
        ("Définitions", [Bullets(rng.sample(defs, k=rng.randint(3, len(defs))))]),
        (
            "Objet et montant des crédits",
            [
                P(
                    "Le Prêteur consent à l'Emprunteur, qui accepte, les concours suivants "
                    f"destinés au financement du programme « {w.programme} » "
                    f"({w.lots} logements, {fk.num(w.sdp_m2)} m² de surface de plancher) :"
                ),
                Table(["Tranche", "Montant", "Objet", "Disponibilité"], tr, fmt="tmtt", total=1),
            ],
        ),
        (
            "Conditions suspensives",
            [
                Bullets(
                    [
                        "remise des statuts à jour, d'un extrait Kbis de moins de trois mois "
                        "et des décisions d'associés autorisant l'emprunt",
                        "permis de construire définitif, purgé de tout recours",
                        "justification du Taux de Pré-commercialisation minimal de "
                        f"{rng.choice([30, 40, 50])} %",
                        "constitution des sûretés prévues à l'article Garanties",
                        "polices dommages-ouvrage, CNR et TRC",
                        "bilan prévisionnel et plan de trésorerie actualisés",
                    ]
                )
            ],
        ),
        (
            "Utilisation",
            [
                P(
                    "Chaque tirage fait l'objet d'une demande écrite parvenue au Prêteur au "
                    "moins cinq Jours Ouvrés à l'avance, accompagnée des factures et de "
                    "l'attestation d'avancement du maître d'œuvre. Les fonds sont versés "
                    "directement aux entreprises ou sur le Compte d'Opération. Aucun tirage "
                    f"ne pourra intervenir après le {fk.fr_date(_plus(end, -90))}."
                )
            ],
        ),
        (
            "Intérêts",
            [
                P(
                    "Les sommes tirées portent intérêt au taux Euribor 3 mois, réputé nul s'il "
                    f"est négatif, majoré d'une marge de {_pct(margin)} l'an, calculé sur la "
                    "base du nombre exact de jours écoulés rapporté à une année de 360 jours "
                    "et payable trimestriellement à terme échu. Le taux effectif global "
                    f"ressort à titre indicatif à {_pct(margin + rng.uniform(2.4, 3.6))} l'an."
                )
            ],
        ),
        (
            "Commissions et frais",
            [
                Table(
                    ["Nature", "Taux / montant", "Assiette"],
                    [
                        [
                            "Frais de dossier",
                            fk.money(rng.choice([5000, 8000, 12000, 15000])),
                            "forfait",
                        ],
                        [
                            "Commission d'engagement",
                            _pct(rng.choice([0.5, 0.8, 1.0])),
                            "montant des crédits",
                        ],
                        [
                            "Commission de non-utilisation",
                            _pct(rng.choice([0.3, 0.5])),
                            "montant non tiré, par an",
                        ],
                        [
                            "Commission de garantie d'achèvement",
                            _pct(rng.choice([0.8, 1.0, 1.2])),
                            "encours de la GFA, par an",
                        ],
                    ],
                )
            ],
        ),
        (
            "Remboursement",
            [
                P(
                    f"Le crédit d'accompagnement est remboursé par affectation de "
                    f"{rng.choice([75, 80, 90, 100])} % de chaque appel de fonds encaissé sur "
                    "le Compte d'Opération, et au plus tard à la Date d'Échéance Finale. "
                    "Le remboursement anticipé volontaire est possible sans indemnité."
                )
            ],
        ),
        (
            "Garanties",
            [
                Bullets(
                    [
                        "promesse d'affectation hypothécaire sur le terrain d'assiette",
                        "nantissement des parts sociales de l'Emprunteur",
                        f"cautionnement solidaire de {w.developer.full} à hauteur de "
                        f"{fk.money(round(cash * 0.5, -3))}",
                        "cession Dailly des créances de prix de vente",
                    ][: rng.randint(2, 4)]
                )
            ],
        ),
        (
            "Engagements d'information",
            [
                P(
                    "L'Emprunteur remettra au Prêteur : un état de commercialisation "
                    "trimestriel, les comptes annuels dans les cent quatre-vingts jours de la "
                    "clôture, toute attestation d'avancement des travaux, et l'informera "
                    "sans délai de tout litige ou recours."
                )
            ],
        ),
        (
            "Exigibilité anticipée",
            [
                Bullets(
                    [
                        "défaut de paiement d'une somme due à bonne date",
                        "arrêt du chantier pendant plus de soixante jours consécutifs",
                        "inexactitude d'une déclaration de l'Emprunteur",
                        "ouverture d'une procédure collective à l'égard de l'Emprunteur ou de "
                        "son associé gérant",
                        "cession des parts sociales sans accord préalable du Prêteur",
                    ]
                )
            ],
        ),
        (
            "Droit applicable - juridiction",
            [
                P(
                    "La présente convention est soumise au droit français. Tout litige relève "
                    f"de la compétence des tribunaux du ressort de la cour d'appel de "
                    f"{_pick(rng, 'Paris', 'Lyon', 'Bordeaux', w.bank.address.town)}."
                )
            ],
        ),
    ]
    more: list[tuple[str, list[Block]]] = [
        (
            "Déclarations de l'Emprunteur",
            [
                Bullets(
                    [
                        "il est valablement constitué et a la capacité de conclure la présente "
                        "convention ;",
                        "aucune procédure judiciaire ou administrative de nature à affecter "
                        "l'opération n'est en cours ;",
                        "les informations financières remises au Prêteur sont exactes et "
                        "sincères ;",
                        "le terrain est libre de toute inscription autre que celles consenties "
                        "au Prêteur.",
                    ]
                )
            ],
        ),
        (
            "Frais, droits et impôts",
            [
                P(
                    "Tous frais, droits et honoraires afférents à la présente convention et aux "
                    "sûretés, ainsi qu'à leur mainlevée, sont à la charge de l'Emprunteur."
                )
            ],
        ),
        (
            "Cession - transfert",
            [
                P(
                    "L'Emprunteur ne pourra céder ses droits et obligations sans l'accord "
                    "préalable et écrit du Prêteur. Le Prêteur pourra céder tout ou partie de "
                    "ses droits à un autre établissement de crédit."
                )
            ],
        ),
        (
            "Notifications",
            [
                P(
                    f"Toute notification sera faite par écrit à l'adresse du siège de chaque "
                    f"partie ; pour le Prêteur : {w.bank.address.one_line()}."
                )
            ],
        ),
    ]
    arts = arts[:-1] + rng.sample(more, k=rng.randint(0, len(more))) + arts[-1:]
    mid = arts[3:-1]
    drop = rng.sample(range(len(mid)), k=rng.randint(0, 2))
    mid = [a for i, a in enumerate(mid) if i not in drop]
    arts = arts[:3] + mid + arts[-1:]
    blocks: list[Block] = [
        P("ENTRE", style="bold"),
        P(f"{_cap(_societe(w.bank, rng))}, ci-après « le Prêteur »,"),
        P("ET", style="bold"),
        P(f"{_cap(_societe(w.sccv, rng))}, ci-après « l'Emprunteur »,"),
        P("IL A ÉTÉ CONVENU CE QUI SUIT :", style="bold"),
    ]
    for i, (t, body) in enumerate(arts, 1):
        blocks.append(H(f"Article {i} - {t}" if _yes(rng, 0.8) else f"{i}. {t.upper()}"))
        blocks += body
    blocks += [
        P(
            place_date(w, rng, town=w.bank.address.town)
            + f", en {rng.choice(['deux', 'trois'])} exemplaires originaux."
        ),
        Sign([["Le Prêteur", w.bank.name], ["L'Emprunteur", w.sccv.name, w.sccv.manager.name]]),
    ]
    return Doc(
        _pick(
            rng,
            "CONVENTION DE CRÉDIT",
            "Contrat de crédit promoteur",
            "Convention d'ouverture de crédits",
            "CONTRAT DE PRÊT ET D'OUVERTURE DE CRÉDIT",
        ),
        blocks,
        title_sub=_pick(
            rng,
            "Crédit d'accompagnement - opération de promotion immobilière",
            f"Programme {w.programme}",
            "",
        ),
        header=f"{w.bank.name} / {w.sccv.name}" if _yes(rng) else "",
        footer=_pick(rng, "Paraphes :", "Confidentiel", ""),
    )
