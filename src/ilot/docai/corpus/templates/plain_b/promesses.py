"""Sale agreements (PROMESSE_VENTE).

Part of `plain_b`, the templates of another writer (see its package docstring).
"""

from __future__ import annotations

import datetime as dt
import random

from ... import fakes as fk
from ... import identifiers as ids
from ...fakes import World
from ...model import KV, Block, Box, Bullets, Cell, Doc, H, P, Sign, Space, Table
from ...registry import template
from ..common import alt, company_phrase, legal_footer, letterhead
from ._shared import _case, _money_words, _seller, _sign_date


# ---------------------------------------------------------------------------------------------
# PROMESSE_VENTE
@template("PROMESSE_VENTE", "pb_promesse_ssp_articles", formats=("pdf", "docx"), scan=0.08)
def pb_promesse_ssp_articles(w: World, rng: random.Random) -> Doc:
    """Private-deed option agreement drafted by the developer's lawyers, numbered articles."""
    seller, seller_txt = _seller(w, rng)
    filing = w.permit_date - dt.timedelta(days=rng.randint(90, 160))
    signed = filing - dt.timedelta(days=rng.randint(30, 220))
    final = w.permit_date + dt.timedelta(days=rng.randint(75, 110))
    end = final + dt.timedelta(days=rng.randint(30, 150))
    benef = w.developer if rng.random() < 0.6 else w.sccv
    price = w.land_price
    ii = round(price * rng.choice([0.05, 0.08, 0.1]))
    caution = rng.random() < 0.5
    conds: list[list[Cell]] = [
        [
            "Dépôt d'une demande de permis de construire",
            f"au plus tard le {fk.fr_date(filing)}",
        ],
        [
            f"Obtention d'un permis autorisant au moins {int(w.sdp_m2 * 0.9)} m² de surface "
            "de plancher",
            fk.fr_date(w.permit_date + dt.timedelta(days=rng.randint(0, 30))),
        ],
        [
            "Caractère définitif du permis (absence de recours et de retrait)",
            fk.fr_date(final),
        ],
        [
            "Absence de servitude ou de pollution rendant le projet plus onéreux",
            fk.fr_date(filing),
        ],
    ]
    if rng.random() < 0.6:
        conds.append(
            [
                f"Obtention d'un financement bancaire de {fk.money(round(price * 0.7, -3))} "
                "au minimum",
                fk.fr_date(end - dt.timedelta(days=rng.randint(30, 90))),
            ]
        )
    if rng.random() < 0.5:
        conds.append(
            [
                f"Réservation d'au moins {rng.choice([30, 35, 40, 50])} % des logements",
                fk.fr_date(end - dt.timedelta(days=rng.randint(30, 90))),
            ]
        )
    arts: list[tuple[str, list[Block]]] = [
        (
            "Objet",
            [
                P(
                    "Par les présentes, le PROMETTANT s'engage irrévocablement à vendre au "
                    "BÉNÉFICIAIRE, qui accepte la présente promesse en tant que telle, sans "
                    "s'engager à acquérir, le terrain désigné à l'article 2, si le BÉNÉFICIAIRE "
                    "en manifeste la volonté dans le délai fixé à l'article 4."
                ),
                P(
                    "Conformément à l'article 1124 du Code civil, la révocation de la promesse "
                    "pendant le temps laissé au BÉNÉFICIAIRE pour opter n'empêche pas la "
                    "formation du contrat promis."
                ),
            ],
        ),
        (
            "Désignation",
            [
                P(
                    f"Un terrain situé {w.site.one_line()}, cadastré {w.cadastre}, d'une "
                    f"superficie de {fk.num(w.land_m2)} m² environ, tel qu'il figure sous "
                    "teinte rouge au plan annexé (annexe 1)."
                ),
                P(
                    "Le PROMETTANT déclare que le terrain sera libre de toute occupation, "
                    "location ou construction au jour de la réitération"
                    + (
                        ", les bâtiments existants devant être démolis à ses frais."
                        if rng.random() < 0.3
                        else "."
                    )
                ),
            ],
        ),
        (
            "Prix",
            [
                P(
                    f"En cas de réalisation, la vente aura lieu moyennant le prix de "
                    f"{_money_words(price)}, "
                    + alt(
                        rng,
                        [
                            "toutes taxes éventuelles incluses.",
                            "hors taxe sur la valeur ajoutée le cas échéant exigible.",
                            "net vendeur, frais d'acte à la charge de l'acquéreur.",
                        ],
                    )
                ),
                P(
                    "Le prix sera payable comptant le jour de la signature de l'acte "
                    "authentique, par virement à la comptabilité du notaire."
                ),
            ],
        ),
        (
            "Durée - levée d'option",
            [
                P(
                    f"La promesse est consentie jusqu'au {fk.fr_date_long(end)} à dix-huit "
                    "heures. Le BÉNÉFICIAIRE pourra lever l'option par lettre recommandée avec "
                    "accusé de réception adressée au PROMETTANT, avec copie au notaire, ou par "
                    "la signature de l'acte authentique de vente."
                ),
                P(
                    "Le délai sera prorogé de plein droit, dans la limite de six mois, en cas "
                    "de recours contre le permis de construire jusqu'à l'intervention d'une "
                    "décision définitive."
                    if rng.random() < 0.6
                    else "À défaut de levée d'option dans ce délai, le BÉNÉFICIAIRE sera "
                    "déchu de plein droit du bénéfice de la promesse."
                ),
            ],
        ),
        (
            "Indemnité d'immobilisation",
            [
                P(
                    f"L'indemnité d'immobilisation est fixée à {fk.money(ii)}. "
                    + (
                        f"Elle est garantie par une caution bancaire délivrée par {w.bank.name}, "
                        "remise ce jour au notaire."
                        if caution
                        else f"Une somme de {fk.money(ii / 2)} est versée ce jour entre les "
                        "mains du notaire, qui la conservera en qualité de séquestre."
                    )
                ),
                P(
                    "Elle restera acquise au PROMETTANT si le BÉNÉFICIAIRE ne réalise pas la "
                    "vente alors que toutes les conditions suspensives sont remplies. Elle lui "
                    "sera restituée dans le cas contraire."
                ),
            ],
        ),
        (
            "Conditions suspensives",
            [
                P(
                    "La réalisation de la vente est subordonnée aux conditions suivantes, "
                    "stipulées dans l'intérêt exclusif du BÉNÉFICIAIRE, qui pourra seul y "
                    "renoncer :"
                ),
                Table(["Condition", "Date limite"], conds, widths=[4.5, 1.5]),
            ],
        ),
        (
            "Substitution",
            [
                P(
                    "Le BÉNÉFICIAIRE pourra se substituer toute personne morale qu'il contrôle, "
                    "notamment une société civile de construction-vente constituée pour "
                    f"l'opération, telle que la {w.sccv.name}, sous réserve d'en informer le "
                    "PROMETTANT."
                )
            ],
        ),
        (
            "Droit de préemption",
            [
                P(
                    "La vente est soumise au droit de préemption urbain. La déclaration "
                    "d'intention d'aliéner sera adressée par le notaire au titulaire du droit "
                    "dès la signature des présentes."
                )
            ],
        ),
        (
            "Enregistrement",
            [
                P(
                    "Conformément à l'article 1589-2 du Code civil, la présente promesse "
                    "sera, à peine de nullité, enregistrée dans le délai de dix jours de son "
                    "acceptation. Le notaire est chargé de cette formalité."
                )
            ],
        ),
    ]
    middle = arts[3:8]
    rng.shuffle(middle)
    arts = arts[:3] + middle + arts[8:]
    blocks: list[Block] = [
        KV(
            [
                ("PROMETTANT", seller),
                ("BÉNÉFICIAIRE", benef.full),
                ("Terrain", f"{w.site.one_line()} - {w.cadastre}"),
                ("Prix", fk.money(price)),
                ("Notaire", f"Maître {w.notary.name}, {w.notary.address.town}"),
            ],
            boxed=True,
        )
        if rng.random() < 0.5
        else Space(4),
        P("ENTRE :", style="bold"),
        P(seller_txt + ","),
        P("ci-après dénommé(e) le « PROMETTANT »,", align="right"),
        P("ET :", style="bold"),
        P(company_phrase(benef, rng) + ","),
        P("ci-après dénommée le « BÉNÉFICIAIRE ».", align="right"),
    ]
    style = rng.randrange(3)
    for i, (title, body) in enumerate(arts, 1):
        label = [
            f"Article {i} - {title}",
            f"ARTICLE {i}. {title.upper()}",
            f"Art. {i} – {title}",
        ][style]
        blocks += [H(label), *body]
    blocks += [
        _sign_date(w, rng, signed, rng.choice([w.notary.address.town, w.developer.address.town])),
        P(f"En {alt(rng, ['deux', 'trois'])} exemplaires originaux.", style="italic"),
        Sign(
            [
                ["Le PROMETTANT", seller],
                ["Le BÉNÉFICIAIRE", f"{benef.name}", f"représentée par {benef.manager.name}"],
            ]
        ),
    ]
    return Doc(
        _case(
            rng,
            alt(
                rng,
                [
                    "Promesse unilatérale de vente",
                    "Promesse unilatérale de vente sous seing privé",
                    "Promesse de vente d'un terrain à bâtir",
                    "PUV - terrain",
                ],
            ),
        ),
        blocks,
        footer=alt(rng, ["Paraphes : ____ / ____", "", f"Projet du {fk.fr_date(signed)}"]),
    )


@template("PROMESSE_VENTE", "pb_compromis_formulaire_agence", scan=0.3)
def pb_compromis_formulaire_agence(w: World, rng: random.Random) -> Doc:
    """Estate-agency printed form for a land sale, with tick boxes and agency fees."""
    _, seller_txt = _seller(w, rng)
    agency = fk.company(
        rng,
        w.today,
        alt(
            rng,
            [
                f"{rng.choice(fk.LAST)} Immobilier",
                f"Cabinet {rng.choice(fk.LAST)} Transactions",
                f"{w.site.town} Foncier Conseil",
            ],
        ),
        rng.choice(["SARL", "SAS"]),
    )
    signed = w.permit_date - dt.timedelta(days=rng.randint(100, 380))
    deadline = signed + dt.timedelta(days=rng.randint(240, 540))
    fees = round(w.land_price * rng.uniform(0.02, 0.05), -2)
    deposit = round(w.land_price * rng.choice([0.05, 0.1]), -2)
    buyer = rng.choice([w.developer, w.sccv])
    x = "[X]"
    o = "[ ]"
    permit_box = x if rng.random() < 0.9 else o
    loan_box = x if rng.random() < 0.5 else o
    blocks: list[Block] = [
        Box(
            [
                f"Mandat de vente n° {rng.randint(100, 9999)} du "
                f"{fk.fr_date(signed - dt.timedelta(days=rng.randint(30, 300)))}",
                f"Carte professionnelle n° CPI {ids.ref(rng, '9999 9999 999 999 999')} "
                f"délivrée par la CCI de {agency.address.town}",
                "Garantie financière : " + rng.choice(["Galian", "SOCAF", "CEGC", "QBE"]),
            ],
            "Cadre réservé à l'agence",
        ),
        H("1. LES PARTIES"),
        P("LE VENDEUR", style="bold"),
        P(seller_txt),
        P("L'ACQUÉREUR", style="bold"),
        P(company_phrase(buyer, rng)),
        P(
            f"{o} agissant pour son compte   {x} avec faculté de substitution au profit de "
            "toute société qu'il contrôle"
        ),
        H("2. LE BIEN VENDU"),
        KV(
            [
                ("Adresse", w.site.one_line()),
                ("Références cadastrales", w.cadastre),
                ("Contenance", f"{fk.num(w.land_m2)} m²"),
                (
                    "Nature",
                    alt(rng, ["Terrain à bâtir", "Terrain nu", "Terrain avec hangar à démolir"]),
                ),
                ("Viabilisation", alt(rng, ["Réseaux en limite de propriété", "Non viabilisé"])),
                ("Occupation", "Libre"),
            ]
        ),
        H("3. PRIX ET MODALITÉS"),
        KV(
            [
                ("Prix de vente", f"{fk.money(w.land_price)} ({fk.words_fr(w.land_price)} euros)"),
                (
                    "Honoraires de négociation",
                    f"{fk.money(fees)} TTC à la charge du "
                    + alt(rng, ["vendeur", "de l'acquéreur"]),
                ),
                ("Dépôt de garantie", f"{fk.money(deposit)} versé au séquestre"),
                ("Séquestre", f"Maître {w.notary.name}, notaire"),
            ],
            boxed=True,
        ),
        H("4. CONDITIONS SUSPENSIVES"),
        P("Le présent compromis est conclu sous les conditions suspensives suivantes :"),
        P(
            f"{permit_box} Obtention d'un permis de construire définitif pour la réalisation "
            f"d'environ {w.lots} logements ({fk.num(w.sdp_m2)} m² de surface de plancher)"
        ),
        P(
            f"{loan_box} Obtention d'un ou plusieurs prêts d'un montant maximal de "
            f"{fk.money(round(w.land_price * 0.8, -3))} sur {rng.choice([2, 3, 5])} ans"
        ),
        P(f"{x} Purge du droit de préemption urbain"),
        P(
            f"{x if rng.random() < 0.6 else o} Étude de sol ne révélant pas de contrainte "
            "particulière de fondation ni de pollution"
        ),
        P(
            f"{x if rng.random() < 0.3 else o} Autres : "
            + alt(
                rng, ["démolition des existants par le vendeur", "bornage contradictoire", "néant"]
            )
        ),
        H("5. RÉITÉRATION"),
        P(
            f"La vente sera réitérée par acte authentique au plus tard le "
            f"{fk.fr_date(deadline)}, en l'étude de Maître {w.notary.name}"
            + (
                f", avec la participation de Maître {rng.choice(fk.FIRST_F)} "
                f"{rng.choice(fk.LAST)}, notaire de l'acquéreur."
                if rng.random() < 0.5
                else "."
            )
        ),
        P(
            "Si l'une des parties refuse de réitérer alors que les conditions sont réalisées, "
            "l'autre pourra l'y contraindre par voie judiciaire ou invoquer la résolution, et "
            f"percevoir une indemnité forfaitaire de {fk.money(round(w.land_price * 0.1, -2))}."
        ),
    ]
    if rng.random() < 0.5:
        blocks += [
            H("6. DIAGNOSTICS ET DOCUMENTS ANNEXÉS"),
            Bullets(
                rng.sample(
                    [
                        "État des risques et pollutions (ERP) de moins de six mois",
                        "Plan cadastral",
                        "Certificat d'urbanisme opérationnel",
                        "Plan de bornage",
                        "Extrait du PLU",
                        "Attestation de mandat",
                    ],
                    k=rng.randint(2, 5),
                )
            ),
        ]
    blocks += [
        P(
            "L'acquéreur, professionnel de l'immobilier, ne bénéficie pas du délai de "
            "rétractation de l'article L271-1 du Code de la construction et de l'habitation.",
            style="small",
        ),
        _sign_date(w, rng, signed, agency.address.town),
        Sign(
            [
                ["Le vendeur", "« Lu et approuvé, bon pour vente »"],
                ["L'acquéreur", "« Lu et approuvé, bon pour achat »"],
                ["L'agence", agency.name],
            ]
        ),
    ]
    return Doc(
        _case(
            rng,
            alt(
                rng,
                [
                    "Compromis de vente - terrain à bâtir",
                    "Compromis de vente",
                    "Avant-contrat - promesse synallagmatique",
                    "Promesse synallagmatique de vente et d'achat",
                ],
            ),
        ),
        blocks,
        head_left=letterhead(agency, rng),
        footer=alt(
            rng,
            [
                f"{agency.name} - {legal_footer(agency, rng)}",
                "Paraphes vendeur ______   Paraphes acquéreur ______",
                "Imprimé réservé aux professionnels - reproduction interdite",
            ],
        ),
    )
