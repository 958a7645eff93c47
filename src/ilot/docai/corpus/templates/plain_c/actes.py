"""Sale deeds (ACTE_VENTE).

Part of `plain_c`, the templates of another writer (see its package docstring).
"""

from __future__ import annotations

import datetime as dt
import random

from ... import fakes as fk
from ... import identifiers as ids
from ...fakes import World
from ...model import KV, Block, Box, Doc, H, P, Sign, Table
from ...registry import template
from ..common import lot_rows, person_phrase
from ._shared import (
    Rows,
    _buyers_label,
    _cap,
    _date_words,
    _lot_line,
    _pick,
    _plus,
    _regime,
    _schedule,
    _societe,
    _town_date,
    _yes,
)


# --------------------------------------------------------------------------------------------
# small helpers
def _a_town(town: str) -> str:
    """« À LYON », « AU MANS », « AUX SABLES-D'OLONNE » as a deed's opening writes it."""
    t = town.upper()
    if t.startswith("LE "):
        return "AU " + t[3:]
    if t.startswith("LES "):
        return "AUX " + t[4:]
    return "À " + t


# --------------------------------------------------------------------------------------------
# ACTE_VENTE
def _pretax_lender_clause(w: World, rng: random.Random, amount: float, lender: str) -> str:
    if w.today >= dt.date(2023, 1, 1):
        sure = (
            "une hypothèque légale spéciale du prêteur de deniers (article 2402 1° du Code civil)"
        )
    else:
        sure = "un privilège de prêteur de deniers"
    return (
        f"L'acquéreur a financé une partie du prix au moyen d'un prêt de {fk.money(amount)} "
        f"consenti par {lender}, garanti par {sure} et une hypothèque conventionnelle en "
        "complément, inscrits sur les biens vendus."
    )


@template("ACTE_VENTE", "pc_acte_vefa_notarial", scan=0.04)
def acte_vefa(w: World, rng: random.Random) -> Doc:
    label, people = _buyers_label(rng, w)
    lot = lot_rows(w, rng, 1)[0]
    price = float(lot["price"])
    sched = _schedule(rng)
    paid_idx = rng.randint(0, 2)
    paid_pct = sched[paid_idx][1]
    paid = round(price * paid_pct / 100, 2)
    draft = _yes(rng, 0.3)
    tant = rng.randint(40, 380)
    loan = round(price * rng.uniform(0.5, 0.95), -3) if _yes(rng, 0.75) else 0.0
    lender = rng.choice(ids.BANKS)[0]
    rep_no = f"{w.today.year}/{rng.randint(100, 9999)}" if not draft else "______"
    lot_table: Rows = [
        [
            str(lot["lot"]),
            f"Appartement {lot['type']} au {lot['floor']}, SHAB {fk.num(lot['surface'], dec=1)} m²",
            f"{tant}/10 000es",
        ]
    ]
    if lot["parking"] != "-":
        lot_table.append(
            [
                str(rng.randint(300, 450)),
                "Emplacement de stationnement",
                f"{rng.randint(8, 30)}/10 000es",
            ]
        )
    d = w.today
    blocks: list[Block] = [
        P(f"Répertoire n° {rep_no}", align="left", style="small"),
        P(_date_words(d) + ",", style="bold"),
        P(
            f"{_a_town(w.notary.address.town)}, en l'office notarial, Maître {w.notary.name}, "
            f"notaire {_pick(rng, 'associé', 'titulaire de l’office')} de « {w.notary_office} », "
            "a reçu le présent acte authentique à la requête des parties ci-après nommées."
        ),
        H("IDENTIFICATION DES PARTIES"),
        H("Vendeur", 2),
        P(_cap(_societe(w.sccv, rng)) + "."),
        H("Acquéreur", 2),
        P(
            " et ".join(person_phrase(p) for p in people)
            + (f", {_regime(rng)}." if len(people) > 1 else ".")
        ),
        H("Présence - représentation", 2),
        P(
            f"La société venderesse est représentée par {fk.person(rng, d).formal}, clerc de "
            "notaire, en vertu des pouvoirs conférés par son gérant aux termes d'une "
            "procuration sous signature privée demeurée annexée."
            if _yes(rng)
            else f"La société venderesse est représentée par {w.sccv.manager.formal}, "
            "agissant en qualité de représentant de la société gérante."
        ),
        H("NATURE DU CONTRAT"),
        P(
            "Le vendeur vend à l'acquéreur, qui accepte, sous le régime de la vente en l'état "
            "futur d'achèvement défini aux articles 1601-3 du Code civil et L261-3 du Code de la "
            "construction et de l'habitation, les biens ci-après désignés. Le vendeur transfère "
            "immédiatement à l'acquéreur ses droits sur le sol ainsi que la propriété des "
            "constructions existantes ; les ouvrages à venir deviendront la propriété de "
            "l'acquéreur au fur et à mesure de leur exécution."
        ),
        H("DÉSIGNATION"),
        P(
            f"Dans un ensemble immobilier à usage d'habitation dénommé « {w.programme} », "
            f"situé {w.site.one_line()}, figurant au cadastre {w.cadastre}, pour une contenance "
            f"de {fk.num(w.land_m2)} m² :"
        ),
        Table(["Lot", "Désignation", "Tantièmes"], lot_table),
        P(
            "L'état descriptif de division et le règlement de copropriété ont été établis "
            f"aux termes d'un acte reçu par le notaire soussigné le "
            f"{fk.fr_date_long(_plus(w.start_date, -rng.randint(10, 90)))}, en cours de "
            f"publication au service de la publicité foncière de {w.site.town}."
        ),
        H("PRIX"),
        P(
            f"La vente est conclue moyennant le prix de {fk.words_fr(int(price)).upper()} "
            f"EUROS ({fk.money(price)}), taxe sur la valeur ajoutée au taux de 20 % comprise."
        ),
        P(
            "Ce prix est payable comme suit, en fonction de l'avancement des travaux et dans "
            "les limites fixées par l'article R261-14 du CCH :"
        ),
        Table(
            ["Stade des travaux", "% cumulé", "Montant cumulé"],
            [[s, float(p), round(price * p / 100, 2)] for s, p in sched],
            fmt="tpm",
        ),
        P(
            f"À ce jour, le stade « {sched[paid_idx][0]} » étant atteint ainsi qu'il résulte "
            "d'une attestation de l'architecte demeurée annexée, l'acquéreur a payé la somme "
            f"de {fk.money(paid)}, par la comptabilité de l'office notarial. DONT QUITTANCE."
        ),
    ]
    tail: list[list[Block]] = [
        [
            H("GARANTIE FINANCIÈRE D'ACHÈVEMENT"),
            P(
                f"Le vendeur justifie d'une garantie financière d'achèvement consentie par "
                f"{_pick(rng, w.bank.name, rng.choice(fk.INSURERS))} sous la forme d'une "
                "convention de cautionnement (article R261-21 du CCH), dont une attestation "
                "demeure annexée. Les paiements devront être faits au crédit du compte "
                "ouvert au nom du vendeur dans les livres du garant."
            ),
        ],
        [
            H("DÉLAI D'ACHÈVEMENT"),
            P(
                f"Le vendeur s'oblige à achever les biens vendus au plus tard le "
                f"{fk.fr_date_long(w.delivery_date)}. Ce délai sera majoré des jours "
                "d'intempéries relevés par la station météorologique la plus proche, des jours "
                "de grève, et de la durée des procédures collectives frappant une entreprise."
            ),
        ],
        [
            H("ASSURANCES DE LA CONSTRUCTION"),
            P(
                "Le vendeur a souscrit une assurance dommages-ouvrage et une assurance de "
                "responsabilité de constructeur non réalisateur ; les attestations sont "
                "annexées. L'acquéreur bénéficiera des garanties des articles 1792 et suivants "
                "du Code civil."
            ),
        ],
        [
            H("URBANISME"),
            P(
                f"Permis de construire n° {w.permit_no} délivré le {fk.fr_date(w.permit_date)}, "
                "devenu définitif, ainsi qu'il résulte d'une attestation de non-recours annexée."
            ),
        ],
    ]
    if loan:
        tail.append([H("FINANCEMENT"), P(_pretax_lender_clause(w, rng, loan, lender))])
    extra: list[list[Block]] = [
        [
            H("ORIGINE DE PROPRIÉTÉ"),
            P(
                f"Le terrain appartient au vendeur pour l'avoir acquis aux termes d'un acte reçu "
                f"par Maître {w.notary.name} le {fk.fr_date_long(_plus(w.permit_date, 60))}, "
                f"moyennant le prix de {fk.money(w.land_price)}, payé comptant."
            ),
        ],
        [
            H("SERVITUDES"),
            P(
                "L'acquéreur souffrira les servitudes passives, apparentes ou occultes, "
                "continues ou discontinues, pouvant grever les biens vendus, sauf à s'en "
                "défendre, et profitera des servitudes actives, s'il en existe. Le vendeur "
                "déclare n'avoir créé aucune servitude autre que celles résultant du "
                "règlement de copropriété."
            ),
        ],
        [
            H("ÉTAT DES RISQUES"),
            P(
                "Un état des risques établi moins de six mois avant la date des présentes est "
                "annexé. L'immeuble est situé dans une commune de sismicité "
                f"{rng.choice(['1 (très faible)', '2 (faible)', '3 (modérée)'])} et en zone "
                f"{rng.choice(['faible', 'moyenne', 'forte'])} d'exposition au retrait-"
                "gonflement des argiles."
            ),
        ],
        [
            H("ENTRÉE EN JOUISSANCE - LIVRAISON"),
            P(
                "L'acquéreur aura la jouissance des biens vendus à compter de leur livraison, "
                "constatée par un procès-verbal contradictoire dressé entre le vendeur et "
                "l'acquéreur. Le solde du prix, soit 5 %, pourra être consigné en cas de "
                "contestation sur la conformité."
            ),
        ],
        [
            H("FISCALITÉ"),
            P(
                "La présente vente entre dans le champ d'application de la taxe sur la "
                "valeur ajoutée immobilière (article 257 du Code général des impôts). Elle "
                "est soumise à la taxe de publicité foncière au taux réduit de 0,715 %."
            ),
        ],
        [
            H("ÉLECTION DE DOMICILE"),
            P(
                "Pour l'exécution des présentes, les parties élisent domicile en leur demeure "
                "ou siège respectifs."
            ),
        ],
    ]
    tail += rng.sample(extra, k=rng.randint(0, len(extra)))
    rng.shuffle(tail)
    for t in tail:
        blocks += t
    blocks += [
        H("PUBLICITÉ FONCIÈRE"),
        P(
            f"Une copie authentique sera publiée au service de la publicité foncière de "
            f"{w.site.town}."
        ),
        H("DONT ACTE"),
        P(
            "Fait et passé aux lieu et date ci-dessus. Après lecture faite, les parties ont "
            + _pick(
                rng,
                "signé le présent acte avec le notaire.",
                "signé au moyen d'un procédé de signature électronique sécurisé, ainsi que le "
                "notaire (acte authentique électronique).",
            )
        ),
        Sign([["Le vendeur", ""], ["L'acquéreur", ""], ["Le notaire", ""]]),
    ]
    if draft:
        for b in blocks:
            if isinstance(b, P) and "publiée" in b.text:
                b.text += " [à compléter : références de publication du RCP]"
    return Doc(
        ("PROJET - " if draft else "")
        + _pick(
            rng,
            "VENTE EN L'ÉTAT FUTUR D'ACHÈVEMENT",
            "Acte de vente",
            "VENTE EN VEFA",
            "vente d'immeuble à construire",
        ),
        blocks,
        title_sub=f"{w.sccv.name} / {label}",
        header=_pick(rng, f"{w.notary_office}", "Acte authentique", "")
        + (" - PROJET NON SIGNÉ" if draft else ""),
        footer=_pick(rng, "Paraphes", "Page", f"Dossier {ids.ref(rng, '999999')}"),
    )


@template("ACTE_VENTE", "pc_acte_vente_extrait", scan=0.2)
def acte_extrait(w: World, rng: random.Random) -> Doc:
    _label, people = _buyers_label(rng, w)
    lot = lot_rows(w, rng, 1)[0]
    price = float(lot["price"])
    deed_date = _plus(w.today, -rng.randint(3, 60))
    paid_pct = rng.choice([5, 10, 20, 30, 35, 45, 70])
    pairs = [
        (
            "Nature de l'acte",
            _pick(
                rng, "Vente en l'état futur d'achèvement", "Vente d'immeuble à construire (VEFA)"
            ),
        ),
        ("Date de l'acte", fk.fr_date(deed_date)),
        ("Notaire", f"Maître {w.notary.name}, {w.notary_office}"),
        ("Vendeur", f"{w.sccv.name} (SIREN {ids.group_siren(w.sccv.siren)})"),
        ("Acquéreur(s)", " et ".join(p.formal for p in people)),
        ("Biens vendus", _lot_line(lot)),
        ("Adresse", w.site.one_line()),
        ("Prix TTC", fk.money(price)),
        ("Payé à la signature", f"{fk.money(price * paid_pct / 100)} ({paid_pct} %)"),
        ("Solde", "payable selon l'avancement des travaux (art. R261-14 CCH)"),
        ("Achèvement prévu", fk.fr_date(w.delivery_date)),
    ]
    if _yes(rng, 0.6):
        pairs.append(
            (
                "Garantie d'achèvement",
                f"{w.bank.name} - convention du {fk.fr_date(_plus(w.start_date, -20))}",
            )
        )
    blocks: list[Block] = [
        P(
            _pick(
                rng,
                "EXTRAIT de l'acte reçu par le notaire soussigné, délivré à la demande de "
                "l'acquéreur pour être remis à son établissement prêteur.",
                "Le notaire soussigné certifie que l'acte dont les principales mentions sont "
                "reproduites ci-dessous a été reçu par lui et est en cours de publication.",
                "Relevé des principales conditions de la vente :",
            )
        ),
        KV(pairs, boxed=_yes(rng, 0.5)),
    ]
    if _yes(rng, 0.5):
        blocks.append(
            P(
                "La propriété du sol et des constructions existantes a été transférée à "
                "l'acquéreur au jour de l'acte ; les ouvrages à venir lui appartiendront au fur "
                "et à mesure de leur exécution."
            )
        )
    blocks += [
        Box(["Extrait certifié conforme à la minute", f"Maître {w.notary.name}", "(sceau)"])
        if _yes(rng)
        else P("Pour extrait certifié conforme.", style="italic"),
        P(_town_date(rng, w.notary.address.town, _plus(deed_date, rng.randint(0, 10)))),
        Sign([[f"Maître {w.notary.name}", "Notaire"]]),
    ]
    return Doc(
        _pick(
            rng,
            "EXTRAIT D'ACTE DE VENTE",
            "Vente VEFA - extrait",
            "Copie par extrait",
            "Acte de vente - résumé des conditions",
        ),
        blocks,
        head_left=[w.notary_office, "Notaires", *w.notary.address.lines()],
        head_right=[
            f"Dossier : {w.sccv.name} / {people[0].last.upper()}",
            f"Réf. {ids.ref(rng, '999999/AA')}",
        ],
    )
