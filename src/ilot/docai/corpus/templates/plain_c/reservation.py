"""Reservation contracts (CONTRAT_RESERVATION).

Part of `plain_c`, the templates of another writer (see its package docstring).
"""

from __future__ import annotations

import random

from ... import fakes as fk
from ... import identifiers as ids
from ...fakes import World
from ...model import KV, Block, Box, Bullets, Doc, H, P, Sign, Table
from ...registry import template
from ..common import lot_rows, person_phrase, place_date
from ._shared import _buyers_label, _cap, _pick, _plus, _regime, _schedule, _slug, _societe, _yes


# --------------------------------------------------------------------------------------------
# small helpers
def _mobile(rng: random.Random) -> str:
    return f"0{rng.choice('67')} " + " ".join(f"{rng.randint(0, 99):02d}" for _ in range(4))


# --------------------------------------------------------------------------------------------
# CONTRAT_RESERVATION
def _deposit_rule(rng: random.Random, price: float) -> tuple[float, str]:
    pct = rng.choice([2, 5, 5])
    why = (
        "la vente devant être conclue dans un délai d'un an"
        if pct == 5
        else "la vente devant être conclue dans un délai compris entre un et deux ans"
    )
    return round(price * pct / 100, 2), f"{pct} % du prix prévisionnel, {why} (art. R261-28 CCH)"


@template("CONTRAT_RESERVATION", "pc_reservation_titres", scan=0.08)
def reservation_titres(w: World, rng: random.Random) -> Doc:
    _label, people = _buyers_label(rng, w)
    lot = lot_rows(w, rng, 1)[0]
    price = float(lot["price"])
    dep, dep_txt = _deposit_rule(rng, price)
    loan = round(price * rng.uniform(0.6, 1.0), -3)
    sched = _schedule(rng)
    buyers_txt = " et ".join(person_phrase(p) for p in people)
    if len(people) > 1:
        buyers_txt += f", {_regime(rng)}"
    articles: list[tuple[str, list[Block]]] = []
    articles.append(
        (
            "Désignation du logement réservé",
            [
                P(
                    f"Dans l'ensemble immobilier « {w.programme} » qui sera édifié "
                    f"{w.site.one_line()}, sur un terrain cadastré {w.cadastre}, le réservant "
                    "réserve au réservataire, qui accepte, les biens suivants :"
                ),
                KV(
                    [
                        ("Lot", str(lot["lot"])),
                        ("Nature", f"appartement {lot['type']}"),
                        ("Étage", lot["floor"]),
                        ("Surface habitable prévisionnelle", f"{fk.num(lot['surface'], dec=1)} m²"),
                        (
                            "Annexes",
                            ("balcon/terrasse " + fk.num(lot["ext"], dec=1) + " m²")
                            if lot["ext"]
                            else "néant",
                        ),
                        ("Stationnement", str(lot["parking"]).replace("-", "néant")),
                    ]
                ),
                P(
                    "La consistance et les caractéristiques techniques résultent de la notice "
                    "descriptive et du plan annexés, conformément à l'article R261-25 du CCH."
                ),
            ],
        )
    )
    articles.append(
        (
            "Prix",
            [
                P(
                    f"Le prix prévisionnel est fixé à {fk.money(price)} TTC "
                    f"({fk.words_fr(int(price))} euros), TVA au taux de 20 % incluse. "
                    + _pick(
                        rng,
                        "Ce prix est ferme et non révisable.",
                        "Ce prix pourra être révisé en fonction de la variation de l'indice "
                        "BT 01, dans la limite de 70 % de cette variation.",
                    )
                ),
                P(
                    "Il sera payable au fur et à mesure de l'avancement des travaux, selon "
                    "l'échéancier suivant, exprimé en pourcentage cumulé du prix :"
                ),
                Table(["Stade", "% cumulé"], [[s, float(p)] for s, p in sched], fmt="tp"),
            ],
        )
    )
    articles.append(
        (
            "Dépôt de garantie",
            [
                P(
                    f"Le réservataire verse un dépôt de garantie de {fk.money(dep)}, soit "
                    f"{dep_txt}. Cette somme est déposée sur un compte spécial ouvert à son nom "
                    + _pick(
                        rng,
                        f"en l'étude de Maître {w.notary.name}, notaire",
                        f"auprès de {w.bank.name}",
                    )
                    + ", indisponible, incessible et insaisissable jusqu'à la conclusion de "
                    "l'acte de vente (art. R261-29 CCH)."
                )
            ],
        )
    )
    articles.append(
        (
            "Conditions suspensives de financement",
            [
                P(
                    f"Le réservataire déclare vouloir financer l'acquisition au moyen d'un ou "
                    f"plusieurs prêts d'un montant total de {fk.money(loan)}, d'une durée "
                    f"maximale de {rng.choice([20, 25])} ans, au taux nominal maximum de "
                    f"{fk.num(rng.uniform(3.2, 4.6), dec=2)} % hors assurance. Il s'oblige à "
                    "déposer ses demandes dans le mois suivant la signature des présentes."
                    if _yes(rng, 0.8)
                    else "Le réservataire déclare financer l'acquisition sans recourir à un "
                    "prêt et reconnaît avoir été informé qu'il ne pourra se prévaloir des "
                    "dispositions du Code de la consommation relatives au crédit immobilier."
                )
            ],
        )
    )
    articles.append(
        (
            "Délais",
            [
                P(
                    "La signature de l'acte authentique de vente interviendra au plus tard le "
                    f"{fk.fr_date(_plus(w.today, rng.randint(90, 300)))}, en l'étude de "
                    f"Maître {w.notary.name}. Le réservant prévoit d'achever les travaux au "
                    f"cours du {rng.choice(['premier', 'deuxième', 'troisième', 'quatrième'])} "
                    f"trimestre {w.delivery_date.year}, sauf survenance d'une cause légitime "
                    "de suspension du délai."
                )
            ],
        )
    )
    articles.append(
        (
            "Restitution du dépôt de garantie",
            [
                P(
                    "Le dépôt est restitué sans retenue ni pénalité, dans les trois mois de la "
                    "demande, dans les cas suivants (art. R261-31 CCH) :"
                ),
                Bullets(
                    [
                        "le contrat de vente n'est pas conclu du fait du vendeur dans le délai "
                        "prévu ;",
                        "le prix de vente excède de plus de 5 % le prix prévisionnel ;",
                        "le ou les prêts prévus ne sont pas obtenus ou leur montant est "
                        "inférieur de 10 % aux prévisions ;",
                        "l'un des éléments d'équipement prévus ne doit pas être réalisé ;",
                        "l'immeuble ou la partie réservée présente une réduction de valeur "
                        "supérieure à 10 %.",
                    ]
                ),
            ],
        )
    )
    articles.append(
        (
            "Rétractation",
            [
                P(
                    "Le présent contrat est notifié au réservataire par lettre recommandée avec "
                    "accusé de réception ou par tout moyen présentant des garanties "
                    "équivalentes. Le réservataire peut se rétracter pendant dix jours à compter "
                    "du lendemain de la première présentation de cette lettre (article L271-1 "
                    "du CCH)."
                )
            ],
        )
    )
    if _yes(rng, 0.5):
        articles.append(
            (
                "Frais",
                [
                    P(
                        "Les frais de l'acte de vente (droits d'enregistrement réduits, émoluments "
                        "du notaire) sont à la charge de l'acquéreur ; les frais "
                        "d'établissement du règlement de copropriété restent à la charge du "
                        "réservant."
                    )
                ],
            )
        )
    if _yes(rng, 0.5):
        articles.append(
            (
                "Protection des données",
                [
                    P(
                        "Les informations recueillies sont nécessaires à la gestion de la "
                        "réservation et de la vente ; elles sont conservées pendant la durée "
                        "légale de prescription.",
                        style="small",
                    )
                ],
            )
        )
    middle = articles[2:-1]
    rng.shuffle(middle)
    articles = articles[:2] + middle + articles[-1:]
    pref = _pick(rng, "Article ", "ARTICLE ", "")
    blocks: list[Block] = [
        P("ENTRE LES SOUSSIGNÉS :", style="bold"),
        P(
            f"{_cap(_societe(w.sccv, rng))}, "
            f"{_pick(rng, 'ci-après dénommée « le Réservant »', 'ci-après « le Vendeur »')},"
        ),
        P("D'UNE PART,", align="right"),
        P(f"{buyers_txt}, ci-après dénommé(s) « le Réservataire »,"),
        P("D'AUTRE PART,", align="right"),
    ]
    if _yes(rng, 0.7):
        blocks += [
            H(_pick(rng, "Exposé", "IL A ÉTÉ PRÉALABLEMENT EXPOSÉ CE QUI SUIT")),
            P(
                f"Le réservant a obtenu le {fk.fr_date_long(w.permit_date)} un permis de "
                f"construire n° {w.permit_no} autorisant l'édification de {w.lots} logements. "
                "Il envisage de réaliser ce programme et de le vendre par lots en l'état futur "
                "d'achèvement. Le présent contrat est conclu en application des articles "
                "L261-15 et R261-25 à R261-33 du CCH."
            ),
            H(_pick(rng, "Ceci exposé, il est convenu ce qui suit", "CONVENTIONS")),
        ]
    for i, (t, body) in enumerate(articles, 1):
        blocks.append(H(f"{pref}{i} - {t}" if pref else f"{i}. {t}", 2))
        blocks += body
    blocks += [
        P(
            "Annexes : notice descriptive sommaire, plan du logement, plan de masse, "
            "note d'information sur le dépôt de garantie.",
            style="small",
        ),
        P(place_date(w, rng) + f", en {rng.choice(['deux', 'trois'])} exemplaires."),
        Sign(
            [
                ["Le Réservant", f"pour {w.sccv.name}", w.sccv.manager.name],
                [
                    "Le(s) Réservataire(s)",
                    *[p.name for p in people],
                    _pick(rng, "« lu et approuvé »", "précédé de la mention « lu et approuvé »"),
                ],
            ]
        ),
    ]
    return Doc(
        _pick(
            rng,
            "Contrat de réservation d'un logement en l'état futur d'achèvement",
            "CONTRAT PRÉLIMINAIRE",
            f"RÉSERVATION VEFA - {w.programme.upper()}",
            "contrat de réservation",
        ),
        blocks,
        title_sub=_pick(
            rng,
            "(article L261-15 du Code de la construction et de l'habitation)",
            f"Lot n° {lot['lot']}",
            "",
        ),
        footer=f"Paraphes : ______ / ______ - {w.sccv.name}",
    )


@template("CONTRAT_RESERVATION", "pc_reservation_fiche_cases", scan=0.25)
def reservation_fiche(w: World, rng: random.Random) -> Doc:
    label, people = _buyers_label(rng, w)
    lot = lot_rows(w, rng, 1)[0]
    price = float(lot["price"])
    dep, _dep_txt = _deposit_rule(rng, price)
    park = rng.choice([0, 0, 9000, 12000, 15000])
    apport = round(price * rng.uniform(0.05, 0.3), -3)
    cash = _yes(rng, 0.15)
    res_lines: list[str] = []
    for p in people:
        born = "née" if p.sex == 2 else "né"
        res_lines.append(f"{p.formal} - {born} le {fk.fr_date(p.birth)} à {p.birth_town}")
    res_lines += [
        f"Adresse : {people[0].address.one_line()}",
        f"Tél. : {_mobile(rng)}",
        f"Courriel : {_slug(people[0].first)}.{_slug(people[0].last)}@"
        f"{rng.choice(['gmail.com', 'orange.fr', 'free.fr', 'outlook.fr', 'laposte.net'])}",
    ]
    if len(people) > 1:
        res_lines.append(f"Situation : {_regime(rng)}")
    dest_main = _yes(rng, 0.65)
    boxes: list[Block] = [
        Box(res_lines, _pick(rng, "RÉSERVATAIRE(S)", "Le ou les réservataires", "ACQUÉREUR(S)")),
        Box(
            [
                f"Programme : {w.programme} - {w.site.one_line()}",
                f"Lot n° {lot['lot']}  -  Type {lot['type']}  -  Niveau {lot['floor']}",
                f"Surface habitable : {fk.num(lot['surface'], dec=1)} m²"
                + (f"  -  Extérieur : {fk.num(lot['ext'], dec=1)} m²" if lot["ext"] else ""),
                f"Stationnement : {lot['parking']}",
            ],
            _pick(rng, "BIEN RÉSERVÉ", "Désignation du lot"),
        ),
        Box(
            [
                f"Prix TTC : {fk.money(price + park)}"
                + (f" dont parking {fk.money(park)}" if park else ""),
                "TVA : [X] 20 %   [ ] 5,5 %",
                "Mode de financement : "
                + ("[X] comptant  [ ] prêt" if cash else "[ ] comptant  [X] prêt"),
                f"Apport personnel : {fk.money(price + park if cash else apport)}",
                ""
                if cash
                else f"Prêt(s) sollicité(s) : {fk.money(price + park - apport)} sur "
                f"{rng.choice([20, 22, 25])} ans - taux max. "
                f"{fk.num(rng.uniform(3.3, 4.5), dec=2)} %",
                "Prêt à taux zéro : "
                + ("[X] oui  [ ] non" if _yes(rng, 0.25) else "[ ] oui  [X] non"),
            ],
            _pick(rng, "PRIX ET FINANCEMENT", "Prix - plan de financement"),
        ),
        Box(
            [
                f"Montant : {fk.money(dep)} versé par "
                + _pick(rng, "virement", "chèque")
                + f" sur le compte séquestre ouvert chez "
                f"Maître {w.notary.name}, notaire à {w.notary.address.town}",
            ],
            "DÉPÔT DE GARANTIE",
        ),
    ]
    if _yes(rng, 0.4):
        boxes[0], boxes[1] = boxes[1], boxes[0]
    blocks: list[Block] = [
        P(
            f"Réservant : {w.sccv.name}, représentée par son gérant {w.developer.full}",
            style="bold",
        ),
        *boxes,
        Bullets(
            [
                "Destination : "
                + (
                    "[X] résidence principale  [ ] investissement locatif"
                    if dest_main
                    else "[ ] résidence principale  [X] investissement locatif"
                ),
                f"Livraison prévisionnelle : {rng.choice(['T1', 'T2', 'T3', 'T4'])} "
                f"{w.delivery_date.year}",
                f"Signature de l'acte prévue : {fk.MONTHS_FR[_plus(w.today, 120).month - 1]} "
                f"{_plus(w.today, 120).year}",
            ]
        ),
        P(
            "Les présentes constituent les conditions particulières du contrat de réservation ; "
            "les conditions générales figurent au verso. Le réservataire reconnaît avoir reçu "
            "la notice descriptive, le plan du lot et la note sur la faculté de rétractation "
            "de dix jours prévue par l'article L271-1 du CCH.",
            style="small",
        ),
        P(place_date(w, rng)),
        Sign(
            [
                ["Le réservant", ""],
                ["Le(s) réservataire(s)", "Lu et approuvé"],
                *(
                    [["Le conseiller commercial", fk.person(rng, w.today).name]]
                    if _yes(rng)
                    else []
                ),
            ]
        ),
    ]
    return Doc(
        _pick(
            rng,
            "CONTRAT DE RÉSERVATION - CONDITIONS PARTICULIÈRES",
            "Fiche de réservation",
            "Contrat préliminaire de réservation VEFA",
            "RÉSERVATION",
        ),
        blocks,
        head_left=[w.developer.name, "Bureau de vente " + w.programme],
        head_right=[f"Dossier n° {ids.ref(rng, 'R-9999-999')}", label] if _yes(rng) else [],
    )
