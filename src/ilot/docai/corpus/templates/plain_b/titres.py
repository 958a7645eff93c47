"""Title deeds (TITRE_PROPRIETE).

Part of `plain_b`, the templates of another writer (see its package docstring).
"""

from __future__ import annotations

import datetime as dt
import random

from ... import fakes as fk
from ... import identifiers as ids
from ...fakes import Person, World
from ...model import Block, Box, Break, Cell, Doc, H, P, Sign, Table
from ...registry import template
from ..common import alt, company_phrase, recipient
from ._shared import _later, _money_words, _seller


# ---------------------------------------------------------------------------------------------
# small helpers
def _ha(m2: int) -> str:
    return f"{m2 // 10000:02d} ha {m2 % 10000 // 100:02d} a {m2 % 100:02d} ca"


def _day_words(d: dt.date) -> str:
    day = "premier" if d.day == 1 else fk.words_fr(d.day)
    return f"{day} {fk.MONTHS_FR[d.month - 1]}"


def _clerk(rng: random.Random, today: dt.date) -> Person:
    return fk.person(rng, today)


def _notary_head(w: World, rng: random.Random) -> list[str]:
    lines = [w.notary_office]
    lines.append(
        alt(
            rng,
            [
                "Notaires associés",
                "Office notarial",
                f"Maître {w.notary.name}, notaire",
                "Société titulaire d'un office notarial",
            ],
        )
    )
    lines += w.notary.address.lines()
    if rng.random() < 0.7:
        lines.append(f"Tél. {fk.phone(rng)}")
    if rng.random() < 0.5:
        lines.append(f"office.{fk._slug(w.notary.last)}@notaires.fr")
    return lines


def _spf(w: World, rng: random.Random) -> str:
    n = rng.choice(["", "", " 1", " 2", " 3"])
    return f"service de la publicité foncière de {w.site.town}{n}"


# ---------------------------------------------------------------------------------------------
# TITRE_PROPRIETE
@template("TITRE_PROPRIETE", "pb_lettre_envoi_titre", scan=0.2)
def pb_lettre_envoi_titre(w: World, rng: random.Random) -> Doc:
    """The notary's covering letter once the deed is published: this is what reaches the bank."""
    signed = _later(w.permit_date, 40, 220, rng)
    published = _later(signed, 18, 75, rng)
    sent = _later(published, 5, 30, rng)
    seller, _ = _seller(w, rng)
    clerk = _clerk(rng, w.today)
    vol = f"{published.year} P n° {rng.randint(1200, 39999)}"
    spf = _spf(w, rng)
    dossier = ids.ref(rng, rng.choice(["999999", "99999/AA", "AA/999999/99"]))
    blocks: list[Block] = [
        P(
            alt(
                rng,
                [
                    f"Objet : {w.sccv.name} / {seller} - vente du {fk.fr_date(signed)}",
                    f"Objet : votre acquisition à {w.site.town} - titre de propriété",
                    f"N/Réf. : {dossier} - Acquisition terrain {w.site.line}",
                    "Objet : envoi de la copie authentique publiée",
                ],
            ),
            style="bold",
        ),
        P(alt(rng, ["Madame, Monsieur,", "Monsieur le Gérant,", "Cher Client,"])),
        P(
            f"Je fais suite à la signature, le {fk.fr_date_long(signed)}, en notre étude, de "
            f"l'acte authentique par lequel la {w.sccv.name} a acquis de {seller} un terrain "
            f"à bâtir situé {w.site.one_line()}, figurant au cadastre {w.cadastre}, pour une "
            f"contenance totale de {_ha(w.land_m2)}."
        ),
        P(
            "J'ai le plaisir de vous informer que les formalités de publicité foncière sont "
            f"terminées : l'acte a été publié au {spf} le "
            f"{fk.fr_date(published)}, volume {vol}, sans refus ni rejet. "
            + alt(
                rng,
                [
                    "Vous trouverez sous ce pli la copie authentique de l'acte revêtue des "
                    "mentions de publication ; elle constitue votre titre de propriété.",
                    "Je vous adresse ci-joint votre titre de propriété, c'est-à-dire une copie "
                    "authentique de l'acte portant la mention de sa publication.",
                    "Votre titre de propriété (copie authentique publiée) est disponible en "
                    "format électronique sur votre espace client ; un exemplaire papier est "
                    "joint au présent courrier.",
                ],
            )
        ),
    ]
    if rng.random() < 0.6:
        price = w.land_price
        csi = round(price * 0.001)
        emol = round(price * rng.uniform(0.004, 0.009))
        debours = rng.randint(400, 1900)
        fiscal_fixed = rng.random() < 0.5
        tax = 125 if fiscal_fixed else round(price * 0.0071)
        rows: list[list[Cell]] = [
            ["Prix payé au vendeur", float(price)],
            [
                "Droit fixe (engagement de construire, art. 1594-0 G du CGI)"
                if fiscal_fixed
                else "Taxe de publicité foncière",
                float(tax),
            ],
            ["Contribution de sécurité immobilière", float(csi)],
            ["Émoluments du notaire (TTC)", float(emol)],
            ["Débours et frais de formalités", float(debours)],
        ]
        total = price + tax + csi + emol + debours
        provision = int(total / 1000 + rng.choice([1, 2, 5])) * 1000
        rows.append(["Total des sommes décaissées", float(total)])
        rows.append(["Provision reçue", float(provision)])
        rows.append(["Solde restant en votre faveur", float(provision - total)])
        blocks += [
            P(
                "Je vous prie de trouver ci-dessous le compte définitif de cette acquisition. "
                "Le solde en votre faveur vous sera restitué par virement sur le compte de la "
                + (
                    f"société ouvert auprès de {w.sccv.bank} (IBAN {ids.group4(w.sccv.iban)})."
                    if rng.random() < 0.7
                    else "société."
                ),
            ),
            Table(["Désignation", "Montant"], rows, fmt="tm", total=3, widths=[4, 1.5]),
        ]
    if rng.random() < 0.5:
        blocks.append(
            P(
                "Je vous rappelle que l'acte contient votre engagement de construire dans un "
                "délai de quatre ans ; la justification de l'achèvement devra être produite à "
                "l'administration fiscale à l'expiration de ce délai."
            )
        )
    if rng.random() < 0.5:
        blocks.append(
            Box(
                [
                    f"Publié et enregistré au {spf}",
                    f"le {fk.fr_date(published)} - Volume {vol}",
                    f"Dépôt n° {rng.randint(100, 9999)}",
                    "Contribution de sécurité immobilière : "
                    f"{fk.money(round(w.land_price * 0.001))}",
                ],
                alt(rng, ["Mention de publication", "MENTION", "Relation de publication"]),
            )
        )
    blocks += [
        P(
            alt(
                rng,
                [
                    "Restant à votre disposition, je vous prie d'agréer, Madame, Monsieur, "
                    "l'expression de mes salutations distinguées.",
                    "Je vous souhaite bonne réception de ces documents et vous prie de croire "
                    "à l'assurance de mes sentiments dévoués.",
                    "Bien cordialement,",
                ],
            )
        ),
        Sign(
            [
                [
                    alt(rng, [f"Maître {w.notary.name}", f"Pour Maître {w.notary.last}"]),
                    alt(rng, ["Notaire", f"{clerk.name}, clerc de notaire", "Notaire associé"]),
                ]
            ]
        ),
    ]
    if rng.random() < 0.4:
        blocks.append(P("P.J. : copie authentique publiée (1 ex.)", style="small"))
    return Doc(
        "",
        blocks,
        head_left=_notary_head(w, rng),
        head_right=[
            *recipient(w.sccv, w.sccv.manager.formal if rng.random() < 0.5 else ""),
            "",
            f"{w.notary.address.town}, le {fk.fr_date_long(sent)}",
            f"Dossier suivi par : {clerk.name}",
        ],
        footer=alt(
            rng,
            [
                "Membre d'une association agréée - le règlement des honoraires par chèque est "
                "accepté",
                f"{w.notary_office} - office notarial",
                "",
            ],
        ),
    )


_DEED_PARTS: list[tuple[str, str]] = [
    (
        "ORIGINE DE PROPRIÉTÉ",
        "Le VENDEUR est propriétaire du BIEN pour l'avoir acquis aux termes d'un acte reçu le "
        "{old} par Maître {oldnot}, notaire à {oldtown}, dont une copie authentique a été "
        "publiée au service de la publicité foncière compétent. L'origine antérieure est "
        "relatée audit acte, auquel l'ACQUÉREUR déclare vouloir s'en référer.",
    ),
    (
        "URBANISME",
        "Il a été obtenu de la commune un certificat d'urbanisme d'information délivré le "
        "{cu}, dont une copie demeure annexée. Le BIEN est situé en zone {zone} du plan local "
        "d'urbanisme. L'ACQUÉREUR reconnaît avoir pris connaissance des dispositions "
        "d'urbanisme applicables et des servitudes d'utilité publique.",
    ),
    (
        "DROIT DE PRÉEMPTION URBAIN",
        "Le BIEN est situé dans le périmètre du droit de préemption urbain. La déclaration "
        "d'intention d'aliéner a été notifiée à la commune, laquelle a fait connaître sa "
        "décision de ne pas préempter le {dia}.",
    ),
    (
        "ÉTAT DES RISQUES",
        "Un état des risques établi depuis moins de six mois est annexé, conformément à "
        "l'article L125-5 du Code de l'environnement. Le BIEN est situé dans une commune "
        "couverte par un plan de prévention des risques ; le VENDEUR déclare qu'à sa "
        "connaissance le terrain n'a subi aucun sinistre ayant donné lieu à indemnisation au "
        "titre d'une catastrophe naturelle.",
    ),
    (
        "INFORMATION SUR L'ÉTAT DU SOL",
        "Le VENDEUR déclare qu'aucune installation classée soumise à autorisation ou "
        "enregistrement n'a été exploitée sur le terrain à sa connaissance (article L514-20 du "
        "Code de l'environnement). Le terrain n'est pas répertorié en secteur d'information "
        "sur les sols.",
    ),
    (
        "SERVITUDES",
        "L'ACQUÉREUR profitera des servitudes actives et supportera les servitudes passives "
        "pouvant grever le BIEN. Le VENDEUR déclare n'avoir créé aucune servitude et qu'à sa "
        "connaissance il n'en existe pas d'autres que celles résultant de la situation "
        "naturelle des lieux, de la loi et des documents d'urbanisme.",
    ),
    (
        "BORNAGE",
        "Le terrain a fait l'objet d'un procès-verbal de bornage et de reconnaissance de "
        "limites dressé par {geo}, géomètre-expert, dont le plan demeure annexé.",
    ),
    (
        "FISCALITÉ",
        "Le VENDEUR et l'ACQUÉREUR déclarent que la mutation porte sur un terrain à bâtir au "
        "sens de l'article 257 du Code général des impôts. L'ACQUÉREUR prend l'engagement de "
        "construire dans le délai de quatre ans prévu à l'article 1594-0 G du même code, et "
        "acquittera en conséquence le droit fixe.",
    ),
    (
        "PLUS-VALUES",
        "Le VENDEUR déclare avoir son domicile fiscal en France. La déclaration de plus-value "
        "et, le cas échéant, le paiement de l'impôt, seront déposés par le notaire lors de la "
        "publication du présent acte.",
    ),
]


@template("TITRE_PROPRIETE", "pb_acte_vente_deux_parties", formats=("pdf", "docx"), scan=0.1)
def pb_acte_vente_deux_parties(w: World, rng: random.Random) -> Doc:
    """Authentic deed in the 'partie normalisée / partie développée' layout notaries use."""
    d = _later(w.permit_date, 30, 240, rng)
    seller, seller_txt = _seller(w, rng)
    plots: list[list[Cell]] = []
    left = w.land_m2
    n_plots = rng.randint(1, 4)
    section = w.cadastre.split()[1] if len(w.cadastre.split()) > 1 else "AB"
    for i in range(n_plots):
        m2 = left if i == n_plots - 1 else rng.randint(left // 5, max(left // 5 + 1, left // 2))
        left -= m2
        plots.append(
            [
                section,
                str(rng.randint(10, 999)),
                alt(rng, [w.site.line, "Le Bourg", "Les Prés", "Champ de la Croix", "La Gare"]),
                _ha(m2),
            ]
        )
    plots.append(["", "", "Total", _ha(w.land_m2)])
    old = d - dt.timedelta(days=rng.randint(900, 12000))
    fill = {
        "old": fk.fr_date_long(old),
        "oldnot": f"{rng.choice(fk.FIRST_M)} {rng.choice(fk.LAST)}",
        "oldtown": rng.choice(fk.TOWNS)[0],
        "cu": fk.fr_date(d - dt.timedelta(days=rng.randint(30, 150))),
        "zone": rng.choice(["UA", "UB", "UC", "1AU", "UD", "UBa", "UM"]),
        "dia": fk.fr_date(d - dt.timedelta(days=rng.randint(20, 90))),
        "geo": f"le cabinet {rng.choice(fk.LAST)}",
    }
    n = 0
    numbered = rng.random() < 0.6

    def num(title: str) -> H:
        nonlocal n
        n += 1
        return H(f"{n}. {title}" if numbered else title, 2)

    year_words = fk.words_fr(d.year).upper()
    if rng.random() < 0.6:
        year_words = year_words.replace("-", " ")
    blocks: list[Block] = [
        P(
            f"L'AN {year_words},\nLE {_day_words(d).upper()}",
            style="bold",
        ),
        P(
            f"À {w.notary.address.town} ({w.notary.address.postcode}), au siège de l'office "
            f"notarial, Maître {w.notary.name}, notaire soussigné, titulaire d'un office "
            "notarial, a reçu le présent acte authentique à la requête des parties ci-après "
            "identifiées."
        ),
        P(
            "Cet acte comprend deux parties pour répondre aux exigences de la publicité "
            "foncière, néanmoins l'ensemble de l'acte et de ses annexes forme un contrat "
            "indissociable et unique. La partie normalisée constitue le document hors "
            "annexes destiné à la publicité foncière.",
            style="small",
        ),
        H("PARTIE NORMALISÉE"),
        num("IDENTIFICATION DES PARTIES"),
        P("VENDEUR", style="bold"),
        P(seller_txt + "."),
        P("ACQUÉREUR", style="bold"),
        P(company_phrase(w.sccv, rng) + "."),
        num("PRÉSENCE - REPRÉSENTATION"),
        P(
            "Le VENDEUR est "
            + alt(
                rng,
                [
                    "présent à l'acte. ",
                    "représenté par un clerc de l'office en vertu d'une procuration sous "
                    "seing privé. ",
                ],
            )
            + f"L'ACQUÉREUR est représenté par {w.sccv.manager.formal}, agissant en qualité de "
            f"représentant de la société {w.developer.name}, gérante."
        ),
        num("DÉCLARATIONS SUR LA CAPACITÉ"),
        P(
            "Les parties déclarent qu'elles ne font l'objet d'aucune mesure ou procédure "
            "susceptible de restreindre leur capacité ou de mettre obstacle à la libre "
            "disposition de leurs biens, notamment d'aucune procédure collective."
        ),
        num("OBJET DU CONTRAT"),
        P(
            "Le VENDEUR vend à l'ACQUÉREUR, qui accepte, la pleine propriété du BIEN ci-après "
            f"désigné, situé à {w.site.town.upper()} ({w.site.postcode}), {w.site.line} : un "
            "terrain à bâtir, libre de toute construction"
            + alt(rng, [".", ", clos sur deux côtés.", ", en nature de friche."])
        ),
        Table(["Section", "N°", "Lieudit", "Surface"], plots, total=1, widths=[1, 0.8, 3, 1.6]),
        num("EFFET RELATIF"),
        P(
            f"Acquisition suivant acte reçu par {fill['oldnot']}, notaire, le {fill['old']}, "
            f"publié au {_spf(w, rng)}, volume {old.year} P n° {rng.randint(100, 9999)}."
        ),
        num("PRIX - PAIEMENT"),
        P(
            f"La vente est conclue moyennant le prix de {_money_words(w.land_price).upper()}, "
            "que l'ACQUÉREUR a payé comptant ce jour, au moyen d'un virement reçu par la "
            "comptabilité de l'office notarial, ce que le VENDEUR reconnaît. DONT QUITTANCE."
        ),
    ]
    if rng.random() < 0.55:
        loan = int(w.land_price * rng.uniform(0.5, 0.9) / 1000) * 1000
        blocks += [
            num("FINANCEMENT - HYPOTHÈQUE LÉGALE SPÉCIALE DU PRÊTEUR DE DENIERS"),
            P(
                f"Le prix a été payé à concurrence de {fk.money(loan)} au moyen d'un prêt "
                f"consenti par {w.bank.name} par acte séparé. En garantie de ce prêt, "
                "l'ACQUÉREUR confère au prêteur l'hypothèque légale spéciale prévue à "
                "l'article 2402 du Code civil, qui sera inscrite au service de la publicité "
                "foncière."
            ),
        ]
    blocks += [
        num("PROPRIÉTÉ - JOUISSANCE"),
        P(
            "L'ACQUÉREUR est propriétaire du BIEN à compter de ce jour. Il en a la jouissance "
            "à compter du même jour par la prise de possession réelle, le BIEN étant libre de "
            "toute location ou occupation."
        ),
        num("PUBLICITÉ FONCIÈRE"),
        P(
            f"L'acte sera publié au {_spf(w, rng)}. Pour la perception de la contribution de "
            "sécurité immobilière, le prix est de "
            f"{fk.money(w.land_price)}."
        ),
    ]
    if rng.random() < 0.5:
        blocks.append(Break())
    blocks.append(H("PARTIE DÉVELOPPÉE"))
    parts = rng.sample(_DEED_PARTS, k=rng.randint(4, len(_DEED_PARTS)))
    for title, body in parts:
        blocks += [num(title), P(body.format(**fill))]
    blocks += [
        num("ÉLECTION DE DOMICILE - POUVOIRS"),
        P(
            "Pour l'exécution des présentes, les parties élisent domicile en leur demeure ou "
            "siège respectif. Elles donnent tous pouvoirs à tout clerc de l'office à l'effet "
            "de dresser tout acte rectificatif nécessaire à la publicité foncière."
        ),
        P(
            f"DONT ACTE sur {rng.randint(14, 48)} pages, comprenant {rng.randint(0, 6)} renvoi(s) "
            f"et {rng.randint(0, 3)} mot(s) nul(s).",
            style="bold",
        ),
        P(
            "Après lecture faite, les parties ont signé le présent acte "
            + alt(
                rng,
                [
                    "sur support électronique avec le notaire.",
                    "avec le notaire, au moyen d'un procédé de signature électronique sécurisé.",
                    "avec le notaire.",
                ],
            )
        ),
        Sign([[seller], [w.sccv.name, w.sccv.manager.formal], [f"Maître {w.notary.name}"]]),
    ]
    return Doc(
        alt(rng, ["VENTE", "VENTE DE TERRAIN À BÂTIR", "ACTE DE VENTE", "Vente"]),
        blocks,
        title_sub=alt(
            rng,
            [
                f"{seller} / {w.sccv.name}",
                f"Par {seller} au profit de la {w.sccv.name}",
                "",
            ],
        ),
        header=alt(
            rng,
            [
                f"{ids.ref(rng, '999999')} / {w.notary.last.upper()} / {ids.ref(rng, 'AA')}",
                f"Réf. {ids.ref(rng, '9999999/AAA')}",
                "",
            ],
        ),
        footer=alt(rng, ["Paraphes", "", "Copie authentique"]),
    )
