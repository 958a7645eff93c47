"""Securities and completion guarantees (SURETES, GFA).

Part of `plain_c`, the templates of another writer (see its package docstring).
"""

from __future__ import annotations

import random

from ... import fakes as fk
from ... import identifiers as ids
from ...fakes import World
from ...model import KV, Block, Bullets, Doc, H, P, Sign, Table
from ...registry import template
from ..common import letterhead, lot_rows, place_date, recipient
from ._shared import (
    _cap,
    _facility,
    _pc_ref,
    _pct,
    _pick,
    _plus,
    _salut,
    _societe,
    _town_date,
    _ttc,
    _yes,
)


# --------------------------------------------------------------------------------------------
# SURETES
@template("SURETES", "pc_suretes_nantissement_compte", scan=0.05)
def suretes_nantissement(w: World, rng: random.Random) -> Doc:
    cash, land, _gfa = _facility(w, rng)
    on_account = _yes(rng, 0.55)
    iban = (
        ids.iban_fr(rng, next(b[1] for b in ids.BANKS if b[0] == w.bank.name))[0]
        if any(b[0] == w.bank.name for b in ids.BANKS)
        else w.sccv.iban
    )
    credit_date = _plus(w.today, -rng.randint(0, 20))
    blocks: list[Block] = [
        P("ENTRE LES SOUSSIGNÉS", style="bold"),
    ]
    if on_account:
        blocks.append(P(f"{_cap(_societe(w.sccv, rng))}, ci-après le « Constituant »,"))
    else:
        share_dev = rng.choice([51, 60, 70, 80, 90, 99])
        blocks += [
            P(f"1) {_cap(_societe(w.developer, rng))},"),
            P(f"2) {_cap(_societe(w.holding, rng))},"),
            P("ci-après ensemble les « Constituants »,"),
        ]
    blocks += [
        P(f"ET {_societe(w.bank, rng)}, ci-après le « Bénéficiaire »."),
        H(_pick(rng, "Préambule", "Exposé préalable", "IL EST PRÉALABLEMENT EXPOSÉ")),
        P(
            f"Aux termes d'une convention en date du {fk.fr_date(credit_date)}, le Bénéficiaire "
            f"a consenti à la {w.sccv.name} des concours d'un montant total en principal de "
            f"{fk.money(cash + land)} pour le financement de l'opération « {w.programme} » "
            f"à {w.site.town}. Il est stipulé que le remboursement de ces concours sera garanti "
            "notamment par le présent acte."
        ),
    ]
    arts: list[tuple[str, list[Block]]] = []
    if on_account:
        arts += [
            (
                "Nantissement",
                [
                    P(
                        "En garantie du paiement de toutes sommes dues au titre de la convention "
                        "susvisée, en principal, intérêts, commissions, frais et accessoires, le "
                        "Constituant nantit au profit du Bénéficiaire, qui accepte, la créance "
                        "correspondant au solde créditeur, provisoire ou définitif, du compte "
                        "désigné ci-après, conformément aux articles 2355 et suivants du Code "
                        "civil."
                    )
                ],
            ),
            (
                "Compte nanti",
                [
                    KV(
                        [
                            ("Titulaire", w.sccv.name),
                            ("Établissement teneur", w.bank.name),
                            ("IBAN", ids.group4(iban)),
                            ("Intitulé", f"Compte d'opération {w.programme}"),
                        ],
                        boxed=True,
                    )
                ],
            ),
            (
                "Fonctionnement du compte",
                [
                    P(
                        "Jusqu'à la notification d'un cas d'exigibilité anticipée, le Constituant "
                        "conserve la faculté de disposer du solde du compte nanti pour le seul "
                        "paiement des dépenses de l'opération figurant au budget. Le Constituant "
                        "s'engage à faire créditer sur ce compte l'intégralité des prix de vente."
                    )
                ],
            ),
        ]
    else:
        total_parts = rng.choice([100, 1000, 5000])
        a = round(total_parts * share_dev / 100)
        arts += [
            (
                "Objet du nantissement",
                [
                    P(
                        f"Les Constituants nantissent au profit du Bénéficiaire la totalité des "
                        f"parts sociales qu'ils détiennent dans le capital de la {w.sccv.name}, "
                        "soit :"
                    ),
                    Table(
                        ["Associé", "Parts", "Numéros"],
                        [
                            [w.developer.name, a, f"1 à {a}"],
                            [w.holding.name, total_parts - a, f"{a + 1} à {total_parts}"],
                            ["Total", total_parts, ""],
                        ],
                        fmt="tnt",
                        total=1,
                    ),
                    P(
                        "Le nantissement s'étend aux fruits et produits des parts, conformément "
                        "aux articles 1866 et 2355 du Code civil."
                    ),
                ],
            ),
            (
                "Formalités",
                [
                    P(
                        "Le présent nantissement sera signifié à la société ou accepté par elle "
                        "dans un acte authentique, et publié par voie d'inscription au registre du "
                        f"commerce et des sociétés de {w.sccv.rcs_town}."
                    )
                ],
            ),
        ]
    arts += [
        (
            "Réalisation",
            [
                P(
                    "À défaut de paiement à l'échéance, le Bénéficiaire pourra, huit jours après "
                    "une mise en demeure restée sans effet, "
                    + (
                        "appréhender le solde du compte nanti à due concurrence de sa créance."
                        if on_account
                        else "poursuivre la vente des parts nanties ou en demander l'attribution "
                        "judiciaire ou conventionnelle (pacte commissoire, art. 2348 C. civ.)."
                    )
                )
            ],
        ),
        (
            "Durée",
            [
                P(
                    "Le nantissement demeure en vigueur jusqu'au complet remboursement des "
                    "sommes garanties ; le Bénéficiaire en donnera alors mainlevée à première "
                    "demande."
                )
            ],
        ),
        (
            "Déclarations",
            [
                P(
                    "Le ou les constituants déclarent que les biens nantis sont libres de tout "
                    "autre nantissement, gage ou droit de tiers, et qu'ils ont la capacité et les "
                    "autorisations sociales nécessaires pour signer le présent acte."
                )
            ],
        ),
    ]
    if _yes(rng, 0.4):
        rng.shuffle(arts)
    for i, (t, body) in enumerate(arts, 1):
        blocks.append(H(f"Article {i} - {t}", 2))
        blocks += body
    sign = [["Le Bénéficiaire", w.bank.name]]
    if on_account:
        sign.insert(0, ["Le Constituant", w.sccv.name])
    else:
        sign = [["Les Constituants", w.developer.name, w.holding.name], *sign]
    blocks += [P(place_date(w, rng)), Sign(sign)]
    return Doc(
        _pick(
            rng,
            "ACTE DE NANTISSEMENT DE COMPTE",
            "Nantissement de compte bancaire",
            "Nantissement de créance de solde de compte",
        )
        if on_account
        else _pick(
            rng, "ACTE DE NANTISSEMENT DE PARTS SOCIALES", "Nantissement des parts de la SCCV"
        ),
        blocks,
        title_sub=_pick(
            rng, "Acte sous signature privée", "(articles 2355 et suivants du Code civil)", ""
        ),
        footer=_pick(rng, "Paraphes", "", w.sccv.name),
    )


@template("SURETES", "pc_suretes_garantie_maison_mere", scan=0.15)
def suretes_mere(w: World, rng: random.Random) -> Doc:
    cash, land, _ = _facility(w, rng)
    g = rng.choice([w.holding, w.developer])
    kind = rng.choice(["autonome", "caution", "intention"])
    amount = round((cash + land) * rng.uniform(0.2, 1.0), -4)
    expiry = _plus(w.delivery_date, rng.randint(90, 400))
    if kind == "autonome":
        title = _pick(rng, "GARANTIE AUTONOME À PREMIÈRE DEMANDE", "Garantie à première demande")
        core = (
            f"nous nous engageons irrévocablement à vous payer, à première demande écrite de "
            f"votre part, toute somme dans la limite de {fk.money(amount)} "
            f"({fk.words_fr(int(amount))} euros), sans pouvoir opposer aucune exception tirée "
            "des rapports entre vous et la société garantie, conformément à l'article 2321 "
            "du Code civil."
        )
    elif kind == "caution":
        title = _pick(rng, "ENGAGEMENT DE CAUTION SOLIDAIRE", "Acte de cautionnement solidaire")
        core = (
            f"nous nous portons caution solidaire de la {w.sccv.name} envers vous, pour le "
            "remboursement de toutes sommes qu'elle pourra vous devoir au titre du crédit "
            f"d'accompagnement, dans la limite de {fk.money(amount)} en principal, intérêts, "
            "frais et accessoires, en renonçant aux bénéfices de discussion et de division."
        )
    else:
        title = _pick(rng, "LETTRE D'INTENTION", "Lettre de confort")
        core = (
            f"nous nous engageons à faire en sorte que la {w.sccv.name} dispose à tout moment "
            "des moyens financiers lui permettant de faire face à ses engagements envers "
            "vous, et à ne pas céder notre participation sans votre accord préalable "
            "(article 2322 du Code civil)."
        )
    blocks: list[Block] = [
        P(
            f"Objet : {w.sccv.name} - crédit de {fk.money(cash + land)} - "
            + _pick(rng, "garantie de la société mère", "engagement de l'associé", title.lower()),
            style="bold",
        ),
        P("Madame, Monsieur,"),
        P(
            f"Vous avez consenti ou êtes sur le point de consentir à la {w.sccv.name}, dont "
            f"nous détenons {rng.choice([50, 51, 60, 70, 99])} % des parts, un crédit "
            f"destiné au financement du programme « {w.programme} » à {w.site.town}."
        ),
        P(f"En considération de ce concours, {core}"),
    ]
    if kind != "intention":
        blocks.append(
            P(
                f"Le présent engagement expirera le {fk.fr_date(expiry)} ; toute demande "
                "devra nous parvenir au plus tard à cette date par lettre recommandée avec "
                "accusé de réception adressée à notre siège."
            )
        )
    if _yes(rng, 0.6):
        blocks.append(
            P(
                f"La signature du présent engagement a été autorisée par décision de notre "
                f"{_pick(rng, 'président', 'conseil d’administration', 'assemblée générale')} "
                f"en date du {fk.fr_date(_plus(w.today, -rng.randint(1, 30)))}, conforme à "
                "notre intérêt social.",
                style="small",
            )
        )
    blocks += [
        P(_salut(rng)),
        Sign(
            [
                [
                    f"Pour {g.full}",
                    g.manager.name,
                    _pick(rng, "Président", "Représentant légal", "Directeur général")
                    + ("e" if g.manager.sex == 2 and _yes(rng, 0.5) else ""),
                ]
            ]
        ),
    ]
    return Doc(
        _pick(rng, title, "", ""),
        blocks,
        head_left=letterhead(g, rng),
        head_right=[
            *recipient(w.bank, "Direction des engagements"),
            _town_date(rng, g.address.town, w.today),
        ],
        footer=f"{g.full} - {g.rcs}" if _yes(rng) else "",
    )


# --------------------------------------------------------------------------------------------
# GFA
@template("GFA", "pc_gfa_convention_cautionnement", scan=0.04)
def gfa_convention(w: World, rng: random.Random) -> Doc:
    insurer = _yes(rng, 0.35)
    guarantor = (
        rng.choice(["CNA Insurance", "QBE Europe SA/NV", "SMA SA", "Atradius", "Crédit Logement"])
        if insurer
        else w.bank.name
    )
    amount = round(w.works_ht * 1.2 * rng.uniform(0.75, 1.0), -4)
    rate = rng.choice([0.6, 0.8, 1.0, 1.2, 1.5])
    pre = rng.choice([30, 40, 50])
    iban = w.sccv.iban
    arts: list[tuple[str, list[Block]]] = [
        (
            "Objet",
            [
                P(
                    "Le Garant s'oblige envers chacun des acquéreurs des lots de l'immeuble "
                    "désigné ci-dessous, solidairement avec le Vendeur, à payer les sommes "
                    "nécessaires à l'achèvement de l'immeuble, conformément aux articles L261-10-1 "
                    "et R261-21 du Code de la construction et de l'habitation."
                )
            ],
        ),
        (
            "Immeuble garanti",
            [
                KV(
                    [
                        ("Programme", w.programme),
                        ("Situation", w.site.one_line()),
                        ("Cadastre", w.cadastre),
                        ("Permis de construire", _pc_ref(w)),
                        ("Nombre de lots", str(w.lots)),
                        ("Prix de revient travaux TTC", fk.money(_ttc(w))),
                    ]
                )
            ],
        ),
        (
            "Montant",
            [
                P(
                    f"L'engagement du Garant est limité à {fk.money(amount)} "
                    f"({fk.words_fr(int(amount))} euros). Il se réduit à mesure de l'avancement "
                    "des travaux constaté par le maître d'œuvre, sans pouvoir devenir inférieur "
                    "aux sommes restant nécessaires à l'achèvement."
                )
            ],
        ),
        (
            "Bénéficiaires",
            [
                P(
                    "Bénéficient de la garantie les acquéreurs ayant signé un acte authentique de "
                    "vente en l'état futur d'achèvement portant sur un lot de l'immeuble, à "
                    "l'exclusion des simples réservataires et des sociétés du groupe du Vendeur."
                )
            ],
        ),
        (
            "Conditions",
            [
                Bullets(
                    [
                        "toutes les sommes versées par les acquéreurs seront payées au crédit "
                        f"du compte n° {ids.group4(iban)} ouvert au nom du Vendeur, dont la "
                        "mention figurera dans chaque acte de vente ;",
                        f"la pré-commercialisation atteindra {pre} % du chiffre d'affaires "
                        "avant la signature du premier acte ;",
                        "le Vendeur remettra chaque mois l'état des ventes et l'attestation "
                        "d'avancement des travaux ;",
                        "aucun avenant aux marchés de travaux ne sera signé sans l'accord du "
                        "Garant.",
                    ]
                )
            ],
        ),
        (
            "Mise en jeu",
            [
                P(
                    "En cas de défaillance du Vendeur, l'acquéreur ou le syndicat des "
                    "copropriétaires saisit le Garant par lettre recommandée. Le Garant peut "
                    "choisir de faire achever l'immeuble par les entreprises de son choix ou de "
                    "verser les fonds nécessaires."
                )
            ],
        ),
        (
            "Durée - extinction",
            [
                P(
                    "La garantie prend fin à l'achèvement de l'immeuble, constaté dans les "
                    "conditions de l'article R261-24 du CCH par une personne qualifiée désignée "
                    "par le Garant, ou par le notaire au vu d'une déclaration certifiée par "
                    "l'architecte. L'attestation d'achèvement vaut libération du Garant."
                )
            ],
        ),
        (
            "Rémunération et contre-garanties",
            [
                P(
                    f"En rémunération, le Vendeur versera une commission de {_pct(rate)} l'an sur "
                    f"le montant garanti, payable trimestriellement d'avance. En contre-garantie, "
                    f"{w.developer.full} se porte caution solidaire des engagements du Vendeur "
                    "envers le Garant."
                )
            ],
        ),
    ]
    if _yes(rng, 0.5):
        arts.append(
            (
                "Attestation",
                [
                    P(
                        "Le Garant délivrera au notaire chargé des ventes une "
                        "attestation destinée à être annexée à chaque acte."
                    )
                ],
            )
        )
    blocks: list[Block] = [
        P("Entre :", style="bold"),
        P(
            f"{guarantor}, "
            + ("entreprise d'assurance" if insurer else "établissement de crédit")
            + ", ci-après « le Garant »,"
        ),
        P("Et :", style="bold"),
        P(f"{_cap(_societe(w.sccv, rng))}, ci-après « le Vendeur »."),
    ]
    numbering = _pick(rng, "Article {i} - ", "{i}. ", "ARTICLE {i} : ")
    for i, (t, body) in enumerate(arts, 1):
        blocks.append(H(numbering.format(i=i) + t, 2))
        blocks += body
    blocks += [
        P(place_date(w, rng)),
        Sign([["Le Garant", guarantor], ["Le Vendeur", w.sccv.name, w.sccv.manager.name]]),
    ]
    return Doc(
        _pick(
            rng,
            "CONVENTION DE GARANTIE FINANCIÈRE D'ACHÈVEMENT",
            "Garantie financière d'achèvement - convention de cautionnement",
            "GFA - acte de cautionnement",
            "Convention GFA",
        ),
        blocks,
        title_sub=_pick(rng, "(article R261-21 du CCH)", f"N° {ids.ref(rng, 'GFA-9999-999')}", ""),
        head_left=[guarantor, *fk.address(rng).lines()] if _yes(rng) else [],
    )


@template("GFA", "pc_gfa_lettre_notaire", scan=0.2)
def gfa_lettre(w: World, rng: random.Random) -> Doc:
    insurer = _yes(rng, 0.3)
    guarantor = rng.choice(fk.INSURERS) if insurer else w.bank.name
    amount = round(w.works_ht * 1.2 * rng.uniform(0.75, 1.0), -4)
    no = ids.ref(rng, _pick(rng, "GFA 999999", "99999999", "CA-9999-GA"))
    conv = _plus(w.start_date, -rng.randint(5, 60))
    blocks: list[Block] = [
        P(f"Objet : {w.programme} - garantie financière d'achèvement n° {no}", style="bold"),
        P(_pick(rng, "Maître,", "Cher Maître,")),
        P(
            f"Nous vous confirmons avoir délivré le {fk.fr_date(conv)} au profit de la "
            f"{w.sccv.name} une garantie financière d'achèvement au sens des articles R261-17 "
            f"et R261-21 du CCH, pour la construction de {w.lots} logements "
            f"{w.site.one_line()} (permis n° {w.permit_no})."
        ),
        P(
            f"Montant maximum garanti : {fk.money(amount)}. "
            + _pick(
                rng,
                "La garantie bénéficie à l'ensemble des acquéreurs en l'état futur d'achèvement.",
                "Elle couvre tous les lots de l'immeuble, y compris les stationnements.",
            )
        ),
    ]
    if _yes(rng, 0.5):
        lots = lot_rows(w, rng, rng.randint(3, 10))
        blocks += [
            P("Les actes à intervenir portent, à ce jour, sur les lots suivants :"),
            Table(
                ["Lot", "Type", "Prix TTC"],
                [[x["lot"], x["type"], float(x["price"])] for x in lots],
                fmt="ttm",
            ),
        ]
    blocks += [
        P(
            "Nous vous rappelons que les fonds versés par les acquéreurs doivent être "
            f"exclusivement virés sur le compte n° {ids.group4(w.sccv.iban)} ouvert dans nos "
            "livres au nom de la société venderesse. La présente attestation est à annexer "
            "à chacun des actes de vente."
        ),
        P(
            "La garantie prendra fin à l'achèvement de l'immeuble dans les conditions de "
            "l'article R261-24 du CCH.",
            style="small",
        ),
        P(_salut(rng, "Maître")),
        Sign(
            [
                [
                    f"Pour {guarantor}",
                    _pick(
                        rng,
                        "Service Engagements par signature",
                        "Le directeur",
                        "Caution et garanties",
                    ),
                ]
            ]
        ),
    ]
    return Doc(
        _pick(rng, "", "", "ATTESTATION DE GARANTIE FINANCIÈRE D'ACHÈVEMENT", "Attestation GFA"),
        blocks,
        head_left=[guarantor, *fk.address(rng).lines()],
        head_right=[
            f"Maître {w.notary.name}",
            w.notary_office,
            *w.notary.address.lines(),
            _town_date(rng, rng.choice(fk.TOWNS)[0], w.today),
        ],
    )
