"""Progress certificates and calls for funds (ATTEST_AVANCEMENT, APPEL_FONDS).

Part of `plain_c`, the templates of another writer (see its package docstring).
"""

from __future__ import annotations

import random

from ... import fakes as fk
from ... import identifiers as ids
from ...fakes import World
from ...model import KV, Block, Bullets, Doc, H, P, Sign, Space, Table
from ...registry import template
from ..common import letterhead, lot_rows, recipient
from ._shared import (
    _STAGE_TEXT,
    Rows,
    _buyers_label,
    _disclaimer,
    _domain,
    _lot_line,
    _mail_head,
    _order_no,
    _pick,
    _plus,
    _salut,
    _schedule,
    _slug,
    _town_date,
    _yes,
)


# --------------------------------------------------------------------------------------------
# ATTEST_AVANCEMENT
@template("ATTEST_AVANCEMENT", "pc_avancement_lettre_stade", scan=0.3)
def avancement_lettre(w: World, rng: random.Random) -> Doc:
    stage, short = rng.choice(_STAGE_TEXT)
    visit = _plus(w.today, -rng.randint(0, 6))
    to_notary = _yes(rng, 0.35)
    bats = rng.choice(
        ["", "", "des bâtiments A et B", "du bâtiment A", "de l'ensemble des bâtiments"]
    )
    a = w.architect
    dear = _pick(rng, "Madame, Monsieur", "Maître" if to_notary else "Monsieur le Gérant")
    blocks: list[Block] = [
        P(
            _pick(
                rng,
                f"Objet : {w.programme} - attestation de stade « {short} »",
                f"Objet : Opération {w.sccv.name} - avancement des travaux",
                f"N/Réf. : {ids.ref(rng, 'AA-999')} - Attestation d'avancement",
            ),
            style="bold",
        ),
        P(dear + ","),
        P(
            _pick(
                rng,
                f"À la suite de ma visite sur le chantier le {fk.fr_date(visit)}, je "
                "soussigné(e) "
                f"{a.formal}, architecte, maître d'œuvre de l'opération, certifie que le "
                f"stade de l'{stage} {bats} est atteint à cette date."
                if stage[0] in "aeéiou"
                else f"À la suite de ma visite sur le chantier le {fk.fr_date(visit)}, je "
                f"soussigné(e) {a.formal}, architecte, maître d'œuvre de l'opération, certifie "
                f"que le stade de la {stage} {bats} est atteint à cette date.",
                f"Nous vous confirmons, en notre qualité de maître d'œuvre d'exécution, que "
                f"les travaux de la résidence « {w.programme} » ({w.site.one_line()}) ont "
                f"atteint le stade suivant : {stage.upper()} {bats}, constaté le "
                f"{fk.fr_date(visit)}.",
            ).replace("  ", " ")
        ),
    ]
    if _yes(rng, 0.5):
        blocks.append(
            P(
                f"L'avancement global tous corps d'état est estimé à "
                f"{rng.randint(20, 85)} % du montant des marchés de travaux."
            )
        )
    if _yes(rng, 0.5):
        blocks.append(
            P(
                "Cette attestation permet au vendeur de procéder aux appels de fonds "
                "correspondants auprès des acquéreurs, conformément à l'échéancier prévu aux "
                "actes de vente."
                if _yes(rng)
                else f"Elle est établie à la demande de la {w.sccv.name} pour être transmise "
                f"à {w.bank.name}, dans le cadre du suivi du crédit d'accompagnement."
            )
        )
    if _yes(rng, 0.5):
        blocks += [
            P(_pick(rng, "Ouvrages constatés :", "Travaux réalisés à la date de la visite :")),
            Bullets(
                rng.sample(
                    [
                        "fondations et longrines coulées, réseaux sous dallage posés",
                        "voiles et planchers béton jusqu'au dernier niveau",
                        "charpente et couverture posées, toiture-terrasse étanchée",
                        "menuiseries extérieures posées sur l'ensemble des façades",
                        "cloisons de distribution montées dans les logements",
                        "gaines techniques et colonnes montantes en place",
                    ],
                    k=rng.randint(2, 4),
                )
            ),
            P(
                f"Prochain stade prévu : {rng.choice(_STAGE_TEXT)[0]}, vers le "
                f"{fk.fr_date(_plus(visit, rng.randint(30, 120)))}, sous réserve des "
                "intempéries."
            ),
        ]
    if _yes(rng, 0.4):
        blocks.append(
            P(f"Photographies du {fk.fr_date(visit)} jointes ({rng.randint(3, 12)} vues).")
        )
    blocks += [
        P(_salut(rng, dear)),
        Sign(
            [
                [
                    a.name,
                    _pick(rng, "Architecte DPLG", "Architecte DE-HMONP", "Architecte"),
                    f"Ordre n° {_order_no(rng)}",
                ]
            ]
        ),
    ]
    return Doc(
        _pick(rng, "", "", "ATTESTATION D'AVANCEMENT", "attestation de stade de travaux"),
        blocks,
        head_left=letterhead(w.architect_firm, rng),
        head_right=[
            *(
                [f"Maître {w.notary.name}", w.notary_office, *w.notary.address.lines()]
                if to_notary
                else recipient(w.sccv)
            ),
            _town_date(rng, w.architect_firm.address.town, w.today),
        ],
    )


@template(
    "ATTEST_AVANCEMENT", "pc_avancement_rapport_moe", formats=("pdf", "docx", "xlsx"), scan=0.08
)
def avancement_rapport(w: World, rng: random.Random) -> Doc:
    k = rng.randint(3, 22)
    n_bat = rng.randint(1, 3)
    global_pct = rng.randint(15, 92)
    stage, _short = _STAGE_TEXT[min(len(_STAGE_TEXT) - 1, global_pct // 16)]
    phases = [
        "Fondations",
        "Gros œuvre",
        "Couverture / étanchéité",
        "Menuiseries ext.",
        "Cloisons",
        "Lots techniques",
        "Finitions",
    ]
    brows: Rows = []
    for b in range(n_bat):
        row: list[str | int | float] = [f"Bâtiment {'ABC'[b]}"]
        level = global_pct + rng.randint(-8, 8)
        for j, _ in enumerate(phases):
            v = max(0.0, min(100.0, (level - j * 12) * 1.8))
            row.append(float(round(v / 5) * 5))
        brows.append(row)
    lrows: Rows = []
    tm = td = 0.0
    for c in w.contractors:
        m = round(w.works_ht * rng.uniform(0.05, 0.3), 2)
        p = max(0, min(100, global_pct + rng.randint(-30, 20)))
        lrows.append([c.trade, c.name, m, m * p / 100, float(p)])
        tm += m
        td += m * p / 100
    lrows.append(["Total", "", tm, td, td / tm * 100])
    delay = rng.choice([0, 0, 1, 2, 3, 4, 6])
    blocks: list[Block] = [
        KV(
            [
                ("Opération", f"{w.programme} - {w.lots} logements"),
                ("Maître d'ouvrage", w.sccv.name),
                ("Maître d'œuvre", f"{w.architect_firm.name} ({w.architect.name})"),
                ("Visite du", fk.fr_date(w.today)),
                ("Stade atteint", stage),
                ("Avancement global", f"{fk.num(td / tm * 100, dec=1)} %"),
            ],
            boxed=_yes(rng, 0.4),
        ),
        H("1. Avancement par bâtiment (%)", 2),
        Table(["", *phases], brows, fmt="t" + "p" * len(phases)),
        H("2. Avancement financier par lot", 2),
        Table(["Lot", "Entreprise", "Marché HT", "Réalisé HT", "%"], lrows, fmt="ttmmp", total=1),
        H("3. Planning", 2),
        P(
            "Le chantier respecte le calendrier contractuel."
            if delay == 0
            else f"Retard constaté : {delay} semaine(s), dont {rng.randint(0, delay * 5)} "
            "jours d'intempéries justifiés. La date d'achèvement prévisionnelle "
            f"({fk.fr_date(w.delivery_date)}) "
            + _pick(rng, "est maintenue.", "sera recalée au prochain rapport.")
        ),
    ]
    if _yes(rng, 0.5):
        blocks += [
            H("4. Observations", 2),
            Bullets(
                rng.sample(
                    [
                        "sécurité du chantier satisfaisante, garde-corps provisoires en place",
                        "livraison des menuiseries extérieures prévue dans trois semaines",
                        "essais d'étanchéité de la toiture-terrasse à programmer",
                        "réception des supports avant carrelage en cours",
                        "relevé des intempéries transmis par l'entreprise de gros œuvre",
                    ],
                    k=2,
                )
            ),
        ]
    blocks += [
        H("Attestation", 2),
        P(
            f"Le maître d'œuvre soussigné atteste que les travaux ont atteint, au "
            f"{fk.fr_date(w.today)}, le stade de : {stage}, et que l'avancement indiqué "
            "ci-dessus est conforme à ses constatations sur site."
        ),
        Sign([["Le maître d'œuvre", w.architect.name]]),
    ]
    return Doc(
        _pick(
            rng,
            f"Rapport d'avancement n° {k}",
            "ÉTAT D'AVANCEMENT DES TRAVAUX - "
            f"{fk.MONTHS_FR[w.today.month - 1].upper()} {w.today.year}",
            "Attestation mensuelle d'avancement",
            "rapport mensuel MOE",
        ),
        blocks,
        head_left=letterhead(w.architect_firm, rng, ids=False),
        landscape=_yes(rng, 0.3),
        footer=f"{w.architect_firm.name} - {w.programme}",
    )


# --------------------------------------------------------------------------------------------
# APPEL_FONDS
@template("APPEL_FONDS", "pc_appel_avis_paiement", scan=0.15)
def appel_avis(w: World, rng: random.Random) -> Doc:
    label, people = _buyers_label(rng, w)
    lot = lot_rows(w, rng, 1)[0]
    price = float(lot["price"])
    sched = _schedule(rng)
    k = rng.randint(1, len(sched) - 2)
    stage, cum = sched[k]
    prev = sched[k - 1][1]
    due = round(price * (cum - prev) / 100, 2)
    ref = ids.ref(rng, "AF-9999-99")
    deadline = _plus(w.today, rng.choice([8, 15, 15, 30]))
    rows: Rows = []
    last = 0
    for i, (s, p) in enumerate(sched):
        amount = round(price * (p - last) / 100, 2)
        state = "payé" if i < k else ("appelé ce jour" if i == k else "")
        rows.append([s, float(p), amount, state])
        last = p
    blocks: list[Block] = [
        KV(
            [
                ("Acquéreur(s)", label),
                ("Programme", f"{w.programme}, {w.site.town}"),
                (_pick(rng, "Bien acquis", "Votre logement", "Désignation"), _lot_line(lot)),
                ("Prix de vente TTC", fk.money(price)),
                ("Référence à rappeler", ref),
                ("Date d'exigibilité", fk.fr_date(deadline)),
            ],
            boxed=True,
        ),
        P(
            _pick(
                rng,
                f"Le stade « {stage} » a été constaté par le maître d'œuvre le "
                f"{fk.fr_date(_plus(w.today, -rng.randint(1, 8)))} (attestation jointe). "
                "Conformément à votre acte de vente, nous procédons à l'appel de la fraction "
                "de prix correspondante.",
                f"Nous vous informons que les travaux ont atteint le stade « {stage} ». "
                f"En application de l'échéancier de votre contrat de vente en l'état futur "
                f"d'achèvement, la somme de {fk.money(due)} est exigible.",
            )
        ),
        Table(["Échéance", "% cumulé", "Montant", "État"], rows, fmt="tpmt"),
        KV(
            [
                ("Montant cumulé appelé", f"{fk.money(price * cum / 100)} ({cum} %)"),
                ("Déjà réglé", fk.money(price * prev / 100)),
                ("MONTANT À RÉGLER", fk.money(due)),
            ],
            boxed=_yes(rng),
        ),
        H(_pick(rng, "Modalités de règlement", "Comment régler ?"), 2),
        P(
            f"Par virement sur le compte de l'opération ouvert au nom de la {w.sccv.name} "
            f"chez {w.sccv.bank} : IBAN {ids.group4(w.sccv.iban)} - BIC {w.sccv.bic}. "
            f"Indiquez impérativement la référence {ref} dans le libellé."
        ),
        P(
            "Si votre acquisition est financée par un prêt, transmettez sans délai cet avis "
            "et l'attestation de l'architecte à votre banque afin qu'elle procède au "
            "déblocage des fonds.",
        ),
        P(
            "Les sommes non réglées à l'échéance portent pénalité de 1 % par mois de retard, "
            "dans la limite prévue à l'article R261-14 du CCH.",
            style="small",
        ),
    ]
    if _yes(rng, 0.3):
        blocks.append(
            P(
                "Le présent avis n'est pas une facture : la TVA est comprise dans le "
                "prix de vente figurant à l'acte.",
                style="small",
            )
        )
    return Doc(
        _pick(
            rng,
            "AVIS D'APPEL DE FONDS",
            f"Appel de fonds n° {k + 1}",
            "Appel de fonds",
            "APPEL DE FONDS TRAVAUX",
        ),
        blocks,
        head_left=letterhead(w.sccv, rng) if _yes(rng) else letterhead(w.developer, rng),
        head_right=[*recipient(people[0]), _town_date(rng, w.developer.address.town, w.today)],
        footer=_pick(rng, "Service relation clients - " + w.developer.phone, ""),
    )


@template("APPEL_FONDS", "pc_appel_courriel", scan=0.05)
def appel_courriel(w: World, rng: random.Random) -> Doc:
    label, people = _buyers_label(rng, w)
    lot = lot_rows(w, rng, 1)[0]
    price = float(lot["price"])
    sched = _schedule(rng)
    k = rng.randint(1, len(sched) - 2)
    stage, cum = sched[k]
    due = round(price * (cum - sched[k - 1][1]) / 100, 2)
    lender_letter = _yes(rng, 0.35)
    sender = fk.person(rng, w.today)
    lender = rng.choice(ids.BANKS)[0]
    loan_no = ids.ref(rng, "99999999999")
    if lender_letter:
        blocks: list[Block] = [
            P(f"Objet : Demande de déblocage - prêt n° {loan_no} - {label}", style="bold"),
            P("Madame, Monsieur,"),
            P(
                f"Votre client(e) {label} a acquis en l'état futur d'achèvement le "
                f"{_lot_line(lot)} de la résidence « {w.programme} » à {w.site.town}, "
                f"moyennant le prix de {fk.money(price)} TTC, financé en partie par le prêt "
                "cité en référence."
            ),
            P(
                f"Les travaux ayant atteint le stade « {stage} » ({cum} % du prix), nous vous "
                f"remercions de bien vouloir verser la somme de {fk.money(due)} au crédit du "
                f"compte de l'opération : IBAN {ids.group4(w.sccv.iban)}, au nom de la "
                f"{w.sccv.name}."
            ),
            P(
                "Vous trouverez ci-joint l'appel de fonds adressé à l'acquéreur et "
                "l'attestation d'avancement du maître d'œuvre."
            ),
            P(_salut(rng)),
            Sign([["Le service Gestion acquéreurs", sender.name, w.developer.name]]),
        ]
        return Doc(
            "",
            blocks,
            head_left=letterhead(w.developer, rng),
            head_right=[
                lender,
                "Service déblocage des prêts immobiliers",
                *fk.address(rng).lines(),
            ],
        )
    buyer = people[0]
    mail = (
        f"{_slug(buyer.first)}.{_slug(buyer.last)}@"
        f"{rng.choice(['gmail.com', 'orange.fr', 'hotmail.fr', 'free.fr'])}"
    )
    relance = _yes(rng, 0.3)
    subject = ("RELANCE - " if relance else "") + _pick(
        rng,
        f"Appel de fonds - {w.programme} - lot {lot['lot']}",
        f"Votre logement {w.programme} : appel de fonds « {stage} »",
        f"[{w.developer.name}] Appel de fonds n°{k + 1}",
    )
    blocks = [
        _mail_head(
            rng,
            f"{w.developer.name} - Relation clients <clients@{_domain(w.developer)}>",
            f"{buyer.name} <{mail}>",
            subject,
            w.today,
            attach=[f"Appel_de_fonds_{lot['lot']}.pdf", "Attestation_architecte.pdf"],
        ),
        Space(6),
        P(f"{'Chère Madame' if buyer.sex == 2 else 'Cher Monsieur'} {buyer.last},"),
    ]
    if relance:
        blocks.append(
            P(
                f"Sauf erreur de notre part, l'appel de fonds du "
                f"{fk.fr_date(_plus(w.today, -rng.randint(20, 40)))} d'un montant de "
                f"{fk.money(due)} reste impayé à ce jour. Nous vous remercions de bien "
                "vouloir régulariser ce règlement dans les meilleurs délais ou de nous "
                "indiquer si votre banque a été saisie du déblocage."
            )
        )
    else:
        blocks.append(
            P(
                f"Bonne nouvelle : le chantier de votre résidence {w.programme} avance ! Le "
                f"stade « {stage} » vient d'être atteint, ce qui correspond à {cum} % du prix "
                "de votre logement selon l'échéancier de votre acte de vente."
            )
        )
    blocks += [
        KV(
            [
                ("Lot", str(lot["lot"])),
                ("Prix TTC", fk.money(price)),
                ("Montant appelé", fk.money(due)),
                ("À régler avant le", fk.fr_date(_plus(w.today, 15))),
                ("IBAN du compte de l'opération", ids.group4(w.sccv.iban)),
            ]
        ),
        P(
            "Si vous avez souscrit un prêt, transférez simplement l'avis joint à votre "
            "conseiller bancaire : il se chargera du déblocage auprès de nous."
        ),
        P(
            _pick(
                rng,
                "Nous restons à votre écoute pour toute question.",
                "Votre espace client en ligne vous permet de suivre l'avancement du chantier.",
            )
        ),
        P(f"L'équipe Relation clients\n{w.developer.name}", align="left"),
        _disclaimer(rng),
    ]
    return Doc("", blocks)
