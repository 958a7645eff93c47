"""Articles of association (STATUTS).

Part of `plain_a`, the templates of another writer (see its package docstring).
"""

from __future__ import annotations

import random

from ... import fakes as fk
from ...fakes import World
from ...model import Block, Bullets, Doc, H, P, Sign, Space, Table
from ...registry import template
from ..common import alt, company_phrase, place_date
from ._shared import Rows, _days, _form, _manager_title, _two_partners


# ---------------------------------------------------------------------------------------------
# STATUTS
# ---------------------------------------------------------------------------------------------
def _art_label(rng: random.Random) -> str:
    return rng.choice(
        ["Article {n} - {t}", "ARTICLE {n} : {t}", "Art. {n}. {t}", "ARTICLE {n}\n{t}"]
    )


@template("STATUTS", "pa_statuts_titres", formats=("pdf", "docx"), scan=0.12)
def statuts_titres(w: World, rng: random.Random) -> Doc:
    sccv = rng.random() < 0.75
    c = w.sccv if sccv else fk.company(rng, w.today, f"SCI {rng.choice(fk.LAST).upper()}", "SC")
    kind = "société civile de construction vente" if sccv else "société civile immobilière"
    partners = _two_partners(w, rng)
    nparts = rng.choice([100, 1000, 1000, 500, 2000])
    nominal = c.capital / nparts
    lab = _art_label(rng)
    duration = rng.choice([10, 15, 20, 30, 99])
    gerant = w.developer
    manager_p = w.developer.manager
    site = w.site.one_line()
    cap = fk.num(c.capital)
    titles: list[tuple[str, list[tuple[str, str]]]] = [
        (
            "FORME - OBJET - DÉNOMINATION - SIÈGE - DURÉE",
            [
                (
                    "Forme",
                    f"La société est une {kind}, régie par les articles 1832 à 1870-1 du Code "
                    "civil"
                    + (
                        ", par les articles L211-1 à L211-4 du Code de la construction et de "
                        "l'habitation"
                        if sccv
                        else ""
                    )
                    + ", par toutes dispositions qui viendraient à les modifier et par les "
                    "présents statuts.",
                ),
                (
                    "Objet",
                    (
                        f"La société a pour objet l'acquisition d'un terrain sis {site}, "
                        f"cadastré {w.cadastre}, l'édification sur ce terrain d'un ensemble "
                        f"immobilier à usage principal d'habitation d'environ {w.sdp_m2} m² de "
                        "surface de plancher, et la vente de cet ensemble, en totalité ou par "
                        "fractions, avant ou après achèvement, notamment selon le régime de la "
                        "vente en l'état futur d'achèvement. Elle peut, à titre accessoire, "
                        "conclure tous emprunts et consentir toutes garanties nécessaires à la "
                        "réalisation de cet objet."
                        if sccv
                        else "La société a pour objet l'acquisition, la détention, la gestion "
                        "et la location de tous biens et droits immobiliers, ainsi que toutes "
                        "opérations civiles se rattachant à cet objet et n'en modifiant pas le "
                        "caractère civil."
                    ),
                ),
                (
                    "Dénomination",
                    f"La société prend la dénomination de « {c.name} ». Tous actes et documents "
                    f"émanant de la société indiquent cette dénomination suivie des mots « {kind} »"
                    " et de l'énonciation du capital social.",
                ),
                (
                    "Siège",
                    f"Le siège est établi au {c.address.one_line()}. Il peut être transféré en "
                    "tout autre lieu du même département par simple décision de la gérance.",
                ),
                (
                    "Durée",
                    f"La société est constituée pour {duration} années à compter de son "
                    "immatriculation, sauf prorogation ou dissolution anticipée"
                    + (
                        ", étant précisé qu'elle sera dissoute de plein droit après la vente du "
                        "dernier lot et l'apurement du passif."
                        if sccv
                        else "."
                    ),
                ),
            ],
        ),
        (
            "APPORTS - CAPITAL - PARTS",
            [
                (
                    "Apports",
                    "Il est apporté à la société, en numéraire, les sommes suivantes : "
                    + " ; ".join(
                        f"{p.name} : {fk.num(c.capital * pct / 100)} euros" for p, pct in partners
                    )
                    + f". Soit au total la somme de {cap} euros, intégralement libérée.",
                ),
                (
                    "Capital social",
                    f"Le capital est de {cap} euros ({fk.words_fr(c.capital)} euros). Il est "
                    f"divisé en {nparts} parts de {fk.num(nominal, dec=2)} euros chacune, "
                    "réparties entre les associés comme indiqué au tableau ci-après.",
                ),
                (
                    "Cession des parts",
                    "Les parts sociales ne peuvent être cédées, même entre associés, qu'avec "
                    "l'agrément de la collectivité des associés statuant à l'unanimité "
                    "(article 1861 du Code civil). La cession est constatée par acte "
                    "authentique ou sous seing privé et signifiée à la société.",
                ),
                (
                    "Comptes courants",
                    "Chaque associé peut, avec l'accord de la gérance, mettre à la disposition "
                    "de la société les sommes nécessaires au financement de l'opération. Les "
                    "conditions de rémunération et de remboursement sont fixées par la gérance.",
                ),
            ],
        ),
        (
            "GÉRANCE",
            [
                (
                    "Nomination",
                    f"La société est gérée par {gerant.full}, {_form(gerant)} immatriculée "
                    f"au {gerant.rcs}, représentée par son {_manager_title(gerant).lower()}, "
                    f"{manager_p.formal}, nommée pour la durée de la société.",
                ),
                (
                    "Pouvoirs",
                    "Dans les rapports avec les tiers, la gérance engage la société par les "
                    "actes entrant dans l'objet social. À titre de mesure d'ordre intérieur, "
                    "elle ne peut, sans y avoir été autorisée par une décision collective, "
                    "contracter d'emprunt d'un montant supérieur à "
                    f"{fk.money(rng.choice([1, 2, 5]) * 100000)}, ni consentir d'hypothèque "
                    "ou de nantissement.",
                ),
                (
                    "Rémunération",
                    "La gérance percevra une rémunération fixée par décision collective, "
                    "notamment au titre de la conduite de l'opération immobilière.",
                ),
            ],
        ),
        (
            "DÉCISIONS COLLECTIVES",
            [
                (
                    "Modalités",
                    "Les décisions sont prises en assemblée, par consultation écrite ou dans "
                    "un acte signé par tous les associés. Chaque associé dispose d'autant de "
                    "voix qu'il possède de parts.",
                ),
                (
                    "Majorités",
                    "Les décisions ordinaires sont adoptées par un ou plusieurs associés "
                    "représentant plus de la moitié des parts. Les décisions modifiant les "
                    "statuts requièrent la majorité des trois quarts des parts.",
                ),
            ],
        ),
        (
            "EXERCICE SOCIAL - RÉSULTATS",
            [
                (
                    "Exercice",
                    "Chaque exercice a une durée de douze mois, du 1er janvier au 31 décembre.",
                ),
                (
                    "Affectation",
                    "Le résultat de chaque exercice est réparti entre les associés "
                    "proportionnellement au nombre de leurs parts et s'inscrit à leur compte "
                    "courant.",
                ),
            ],
        ),
        (
            "DISSOLUTION - CONTESTATIONS",
            [
                (
                    "Liquidation",
                    "À la dissolution, la gérance en fonction assure la liquidation, sauf "
                    "décision contraire des associés.",
                ),
                (
                    "Contestations",
                    "Les litiges entre associés ou entre la société et un associé relèvent du "
                    "tribunal judiciaire du lieu du siège social.",
                ),
            ],
        ),
    ]
    if sccv:
        titles[1][1].extend(
            [
                (
                    "Obligation aux dettes",
                    "Conformément à l'article L211-2 du Code de la construction et de "
                    "l'habitation, les associés sont tenus du passif social sur tous leurs "
                    "biens, à proportion de leurs droits sociaux. Les créanciers ne peuvent "
                    "poursuivre un associé qu'après mise en demeure de la société restée "
                    "infructueuse.",
                ),
                (
                    "Appels de fonds",
                    "Les associés sont tenus de satisfaire aux appels de fonds nécessaires à "
                    "l'accomplissement de l'objet social, en proportion de leurs droits. À "
                    "défaut, leurs parts peuvent être mises en vente dans les conditions de "
                    "l'article L211-3 du Code de la construction et de l'habitation.",
                ),
            ]
        )
    blocks: list[Block] = [
        P(c.name, align="center", style="big"),
        P(f"{kind.capitalize()} au capital de {cap} euros", align="center"),
        P(f"Siège : {c.address.one_line()}", align="center"),
    ]
    if rng.random() < 0.5:
        blocks.append(P(c.rcs, align="center", style="small"))
    blocks += [
        Space(10),
        P(alt(rng, ["ENTRE LES SOUSSIGNÉS :", "Les soussignés :", "Entre :"]), style="bold"),
        *[P(company_phrase(p, rng) + ",") for p, _ in partners],
        P(
            alt(
                rng,
                [
                    "Il a été établi ainsi qu'il suit les statuts de la société.",
                    "lesquels ont arrêté comme suit les statuts de la société qu'ils "
                    "constituent entre eux.",
                    "Ont convenu de ce qui suit.",
                ],
            )
        ),
    ]
    n = 0
    use_titles = rng.random() < 0.7
    for ti, (tname, arts) in enumerate(titles, 1):
        if use_titles:
            blocks.append(H(f"TITRE {['I', 'II', 'III', 'IV', 'V', 'VI'][ti - 1]} - {tname}"))
        for aname, text in arts:
            if aname in ("Rémunération", "Comptes courants") and rng.random() < 0.4:
                continue
            n += 1
            num = "1er" if n == 1 and rng.random() < 0.5 else str(n)
            blocks += [H(lab.format(n=num, t=aname), 2), P(text)]
            if aname == "Capital social":
                rows: Rows = []
                start = 1
                for p, pct in partners:
                    k = nparts * pct // 100
                    rows.append([p.name, float(k), f"{start} à {start + k - 1}", pct * 1.0])
                    start += k
                rows.append(["Total", float(nparts), "", 100.0])
                blocks.append(
                    Table(["Associé", "Parts", "Numéros", "%"], rows, fmt="tntp", total=1)
                )
    blocks += [
        P(
            place_date(w, rng, d=w.today - _days(rng, 100, 2000))
            + f", en {rng.randint(2, 6)} originaux."
        ),
        Sign([[p.name, f"représentée par {p.manager.name}"] for p, _ in partners]),
    ]
    if rng.random() < 0.3:
        blocks.append(P("Bon pour acceptation des fonctions de gérant", style="italic"))
    return Doc(
        alt(rng, ["STATUTS", "Statuts", "S T A T U T S", f"STATUTS DE LA {kind.upper()}"]),
        blocks,
        footer=alt(rng, ["Paraphes :", f"{c.name} - statuts", ""]),
    )


@template("STATUTS", "pa_statuts_sas_clauses", formats=("pdf", "docx"), scan=0.08)
def statuts_sas_clauses(w: World, rng: random.Random) -> Doc:
    sas = [x for x in (w.holding, w.developer) if x.form == "SAS"]
    if sas:
        c = rng.choice(sas)
    else:
        c = fk.company(rng, w.today, f"{w.developer.name.split()[0]} Invest", "SAS")
        c.manager = w.developer.manager
    unique = rng.random() < 0.45
    kind = "SASU" if unique else "SAS"
    shares = rng.choice([100, 1000, 5000, 10000, 25000])
    nominal = c.capital / shares
    fy_end = rng.choice(["31 décembre", "31 décembre", "30 juin", "30 septembre"])
    founder = c.manager
    second = fk.person(rng, w.today)
    assoc = "l'associé unique" if unique else "la collectivité des associés"
    limit = fk.money(rng.choice([50000, 100000, 250000, 500000]))
    clauses: list[tuple[str, list[str]]] = [
        (
            "Forme",
            [
                "La Société est une société par actions simplifiée"
                + (" unipersonnelle" if unique else "")
                + " régie par les articles L227-1 à L227-20 du Code de commerce et par les "
                "présents statuts.",
                "Elle peut émettre toute valeur mobilière donnant accès au capital, à "
                "l'exclusion de toute offre au public.",
            ],
        ),
        (
            "Objet",
            [
                "La Société a pour objet, en France et à l'étranger : la prise de "
                "participations dans toutes sociétés, notamment de construction vente ;",
                "la réalisation de programmes immobiliers, la maîtrise d'ouvrage déléguée et "
                "l'assistance à maîtrise d'ouvrage ;",
                "et généralement toutes opérations financières, mobilières ou immobilières "
                "se rattachant à cet objet.",
            ],
        ),
        ("Dénomination", [f"La dénomination sociale est : {c.name}."]),
        ("Siège social", [f"Le siège social est fixé : {c.address.one_line()}."]),
        ("Durée", ["La durée de la Société est de quatre-vingt-dix-neuf (99) ans."]),
        (
            "Apports - Capital",
            [
                f"Il a été apporté en numéraire la somme de {fk.num(c.capital)} euros, "
                f"déposée sur un compte ouvert au nom de la Société en formation auprès de "
                f"{c.bank}.",
                f"Le capital social est fixé à {fk.num(c.capital)} euros, divisé en {shares} "
                f"actions de {fk.num(nominal, dec=2)} euro(s) de valeur nominale, toutes "
                "de même catégorie.",
            ],
        ),
        (
            "Actions",
            [
                "Les actions sont obligatoirement nominatives. Elles sont inscrites en "
                "compte individuel dans les conditions de l'article L228-1 du Code de commerce.",
                "La propriété d'une action emporte adhésion aux statuts et aux décisions "
                f"de {assoc}.",
            ],
        ),
    ]
    if not unique:
        clauses.append(
            (
                "Transfert des actions - Agrément",
                [
                    "Toute cession d'actions, y compris entre associés, est soumise à "
                    "l'agrément préalable de la collectivité des associés statuant à la "
                    "majorité des deux tiers des voix.",
                    "La demande d'agrément est notifiée au Président, qui la transmet aux "
                    "associés. Le défaut de réponse dans un délai de trois mois vaut agrément.",
                    "Les associés bénéficient en outre d'un droit de préemption au prorata "
                    "de leur participation.",
                ],
            )
        )
    clauses += [
        (
            "Président",
            [
                "La Société est dirigée et représentée par un Président, personne physique "
                "ou morale, associé ou non.",
                "Le Président est investi des pouvoirs les plus étendus pour agir en toute "
                "circonstance au nom de la Société, dans la limite de l'objet social.",
                f"À titre interne, il ne peut sans autorisation préalable de {assoc} : "
                f"souscrire un emprunt supérieur à {limit}, consentir une sûreté ou une "
                "caution, acquérir un immeuble, constituer une filiale.",
            ],
        ),
        (
            "Directeur général",
            [
                "Sur proposition du Président, un ou plusieurs directeurs généraux peuvent "
                "être nommés. Ils disposent à l'égard des tiers des mêmes pouvoirs que le "
                "Président.",
            ],
        ),
        (
            "Conventions réglementées",
            [
                "Le Président présente chaque année un rapport sur les conventions "
                "intervenues entre la Société et ses dirigeants ou associés détenant plus "
                "de 10 % des droits de vote (article L227-10 du Code de commerce).",
            ],
        ),
        (
            "Décisions " + ("de l'associé unique" if unique else "collectives"),
            [
                (
                    "L'associé unique exerce les pouvoirs dévolus par la loi à la collectivité "
                    "des associés. Ses décisions sont répertoriées dans un registre."
                    if unique
                    else "Les décisions collectives sont prises en assemblée, par "
                    "visioconférence, par consultation écrite ou par acte sous seing privé "
                    "signé de tous les associés."
                ),
                "Relèvent notamment de cette compétence : l'approbation des comptes, "
                "l'affectation du résultat, la modification des statuts, la nomination des "
                "commissaires aux comptes, la fusion et la dissolution.",
            ],
        ),
        (
            "Exercice social",
            [f"L'exercice social commence le lendemain du {fy_end} et s'achève le {fy_end}."],
        ),
        (
            "Affectation du résultat",
            [
                "Sur le bénéfice, diminué le cas échéant des pertes antérieures, il est "
                "prélevé 5 % pour constituer la réserve légale, jusqu'à ce qu'elle atteigne "
                "le dixième du capital (article L232-10 du Code de commerce).",
                "Le solde est affecté ou distribué sur décision de " + assoc + ".",
            ],
        ),
        (
            "Dissolution - Liquidation",
            [
                "La Société est dissoute à l'arrivée du terme ou par décision anticipée. La "
                "liquidation est conduite par un liquidateur désigné par " + assoc + ".",
            ],
        ),
        (
            "Désignation du premier Président",
            [
                f"Le premier Président de la Société est {founder.formal}, né(e) le "
                f"{fk.fr_date(founder.birth)} à {founder.birth_town}, qui déclare accepter "
                "ces fonctions.",
            ]
            + (
                [f"{second.formal} est nommé(e) Directeur général pour une durée illimitée."]
                if rng.random() < 0.4
                else []
            ),
        ),
    ]
    style = rng.randrange(3)
    blocks: list[Block] = [
        P(f"{c.name}", align="center", style="big"),
        P(
            f"Société par actions simplifiée{' unipersonnelle' if unique else ''} au capital de "
            f"{fk.num(c.capital)} euros",
            align="center",
        ),
        P(f"Siège social : {c.address.one_line()}", align="center"),
    ]
    updated = rng.random() < 0.4
    if updated:
        blocks.append(
            P(
                f"{c.rcs}\nStatuts mis à jour le {fk.fr_date(w.today - _days(rng, 5, 400))}",
                align="center",
                style="italic",
            )
        )
    for i, (name, paras) in enumerate(clauses, 1):
        if style == 0:
            blocks.append(H(f"{i}. {name.upper()}", 2))
            blocks += (
                [P(f"{i}.{j} {t}") for j, t in enumerate(paras, 1)]
                if len(paras) > 1
                else [P(paras[0])]
            )
        elif style == 1:
            blocks.append(H(f"Article {i} - {name}", 2))
            blocks += [P(t) for t in paras]
        else:
            blocks.append(P(f"ARTICLE {i} - {name.upper()}", style="bold"))
            blocks.append(P(" ".join(paras)))
    if rng.random() < 0.55:
        blocks += [
            H("ANNEXE - ÉTAT DES ACTES ACCOMPLIS POUR LE COMPTE DE LA SOCIÉTÉ EN FORMATION", 2),
            Bullets(
                rng.sample(
                    [
                        f"Ouverture d'un compte bancaire auprès de {c.bank} et dépôt des fonds",
                        "Signature d'un bail de domiciliation du siège social",
                        "Souscription d'un contrat d'expertise comptable",
                        f"Signature d'une promesse de vente portant sur un terrain à {w.site.town}",
                        "Réservation du nom de domaine de la société",
                    ],
                    k=rng.randint(1, 3),
                )
            ),
            P(
                "La signature des statuts emporte reprise de ces engagements par la Société "
                "dès son immatriculation.",
                style="small",
            ),
        ]
    if updated and rng.random() < 0.7:
        blocks += [
            P("Certifiés conformes à l'original.", style="italic"),
            Sign([["Le Président", founder.name]]),
        ]
    else:
        blocks += [
            P(place_date(w, rng, d=w.today - _days(rng, 100, 3000))),
            Sign(
                [[founder.name, "Associé unique" if unique else "Associé"]]
                + (
                    []
                    if unique
                    else [[w.developer.name if c is w.holding else w.holding.name, "Associé"]]
                )
            ),
        ]
    return Doc(
        alt(
            rng,
            [
                "STATUTS",
                "Statuts constitutifs",
                "STATUTS MIS À JOUR" if updated else "STATUTS",
                f"Statuts de la SAS {c.name}",
            ],
        ),
        blocks,
        footer=alt(rng, [f"Statuts {c.name}", "", "Initiales :"]),
        title_sub=kind if rng.random() < 0.3 else "",
    )
