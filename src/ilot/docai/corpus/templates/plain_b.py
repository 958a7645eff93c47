"""Templates written independently of the first set, in plainer and more varied wording.

Classifiers trained on one writer's templates transfer badly to documents written by others;
this module is another writer's take on the same categories (see docs/docai.md).
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from .. import fakes as fk
from .. import identifiers as ids
from ..fakes import Company, Person, World
from ..model import KV, Block, Box, Break, Bullets, Cell, Doc, H, P, Sign, Space, Table
from ..registry import template
from .common import (
    alt,
    company_phrase,
    d2,
    legal_footer,
    letterhead,
    person_phrase,
    place_date,
    recipient,
)

# ---------------------------------------------------------------------------------------------
# small helpers


def _case(rng: random.Random, s: str) -> str:
    """Real titles come in capitals, in sentence case, sometimes all lower case."""
    r = rng.random()
    if r < 0.4:
        return s.upper()
    if r < 0.8:
        return s
    if r < 0.92:
        low = s.lower()
        return low[:1].upper() + low[1:]
    return s.lower()


def _keep_order(rng: random.Random, items: list[str], k: int) -> list[str]:
    """A random subset that keeps the items' logical order."""
    idx = sorted(rng.sample(range(len(items)), k=min(k, len(items))))
    return [items[i] for i in idx]


def _de(town: str) -> str:
    return f"d'{town}" if town[:1] in "AEIOUÉÈYaeiouy" else f"de {town}"


def _later(d: dt.date, lo: int, hi: int, rng: random.Random) -> dt.date:
    return d + dt.timedelta(days=rng.randint(lo, hi))


def _ha(m2: int) -> str:
    return f"{m2 // 10000:02d} ha {m2 % 10000 // 100:02d} a {m2 % 100:02d} ca"


def _day_words(d: dt.date) -> str:
    day = "premier" if d.day == 1 else fk.words_fr(d.day)
    return f"{day} {fk.MONTHS_FR[d.month - 1]}"


def _mr(p: Person) -> str:
    return ("M. " if p.sex == 1 else "Mme ") + f"{p.first[0]}. {p.last}"


def _clerk(rng: random.Random, today: dt.date) -> Person:
    return fk.person(rng, today)


def _town_hall(w: World, rng: random.Random) -> list[str]:
    t = w.site.town
    first = alt(
        rng, [f"VILLE {_de(t).upper()}", f"Mairie {_de(t)}", f"Commune {_de(t)}", t.upper()]
    )
    service = alt(
        rng,
        [
            "Direction de l'Urbanisme",
            "Pôle Aménagement - Service Application du Droit des Sols",
            "Service urbanisme réglementaire",
            "Direction de l'Aménagement et de l'Urbanisme",
            "Urbanisme - Autorisations du droit des sols",
        ],
    )
    lines = [first, service, f"{rng.randint(1, 40)} place de l'Hôtel de Ville"]
    lines.append(f"{w.site.postcode} {t}")
    if rng.random() < 0.6:
        lines.append(f"urbanisme@{fk._slug(t)}.fr")
    if rng.random() < 0.3:
        lines.insert(0, "RÉPUBLIQUE FRANÇAISE")
    return lines


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


def _seller(w: World, rng: random.Random) -> tuple[str, str]:
    """(short name, identification paragraph) of whoever sold the land to the SCCV."""
    r = rng.random()
    if r < 0.4:
        p = fk.person(rng, w.today)
        return p.formal, person_phrase(p) + (
            ", " + alt(rng, ["célibataire", "veuf(ve) non remarié(e)", "divorcé(e)"])
            if rng.random() < 0.6
            else ""
        )
    if r < 0.7:
        c = fk.company(rng, w.today, f"SCI {rng.choice(fk.LAST)}", "SC")
        return c.name, company_phrase(c, rng)
    if r < 0.85:
        a, b = fk.person(rng, w.today), fk.person(rng, w.today)
        b.last = a.last
        return f"Consorts {a.last.upper()}", (
            f"{person_phrase(a)} ; et {person_phrase(b)}, agissant en qualité de seuls "
            "héritiers de leur auteur commun"
        )
    c = fk.company(rng, w.today, f"{rng.choice(fk.LAST)} Industries", "SAS")
    return c.name, company_phrase(c, rng)


def _spf(w: World, rng: random.Random) -> str:
    n = rng.choice(["", "", " 1", " 2", " 3"])
    return f"service de la publicité foncière de {w.site.town}{n}"


def _money_words(x: int) -> str:
    return f"{fk.words_fr(x)} euros ({fk.money(x)})"


def _sign_date(w: World, rng: random.Random, d: dt.date, town: str) -> P:
    return P(
        alt(
            rng,
            [
                f"Fait à {town}, le {fk.fr_date_long(d)}",
                f"À {town}, le {fk.fr_date(d)}",
                f"{town}, {fk.fr_date_long(d)}",
                f"Établi à {town} le {fk.fr_date(d)}",
            ],
        ),
        align=rng.choice(["left", "right"]),
    )


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


# ---------------------------------------------------------------------------------------------
# AUTORISATION_URBANISME


def _signatory(w: World, rng: random.Random) -> list[str]:
    p = fk.person(rng, w.today)
    return alt(
        rng,
        [
            ["Le Maire,", p.name],
            [
                "Pour le Maire et par délégation,",
                f"L'Adjoint{'e' if p.sex == 2 else ''} délégué(e) à l'urbanisme",
                p.name,
            ],
            ["Le Maire", "(signé électroniquement)"],
            ["Pour le Maire empêché,", "Le premier adjoint", p.name],
        ],
    )


@template("AUTORISATION_URBANISME", "pb_arrete_autorisation_variante", scan=0.25)
def pb_arrete_autorisation_variante(w: World, rng: random.Random) -> Doc:
    """Decision laid out as a cartouche then 'Vu / Considérant / Arrête', several kinds."""
    kind = rng.choice(["initial", "modificatif", "transfert", "division", "amenager"])
    num = w.permit_no
    if kind == "modificatif":
        num += f" M{rng.randint(1, 3):02d}"
    elif kind == "transfert":
        num += f" T{rng.randint(1, 2):02d}"
    if kind == "amenager":
        num = num.replace("PC", "PA", 1)
    decided = (
        w.permit_date
        if kind in ("initial", "division", "amenager")
        else _later(w.permit_date, 90, 400, rng)
    )
    filed = decided - dt.timedelta(days=rng.randint(70, 160 if kind == "initial" else 85))
    completed = filed + dt.timedelta(days=rng.randint(15, 50))
    holder = w.sccv if kind != "initial" or rng.random() < 0.6 else w.developer
    objects = {
        "initial": f"Construction d'un immeuble collectif de {w.lots} logements et de "
        f"{rng.randint(w.lots // 2, w.lots + 10)} places de stationnement",
        "modificatif": alt(
            rng,
            [
                "Modification de l'aspect des façades et des menuiseries extérieures",
                "Modification de l'implantation du bâtiment B et suppression de deux places de "
                "stationnement",
                f"Redistribution des logements (passage de {w.lots - 2} à {w.lots} logements) "
                "sans création de surface de plancher",
                "Modification des clôtures et des espaces verts",
            ],
        ),
        "transfert": f"Transfert du permis de construire n° {w.permit_no} au profit de la "
        f"{w.sccv.name}",
        "division": f"Construction de {w.lots} logements répartis en {rng.randint(2, 4)} "
        "bâtiments, avec division du terrain avant achèvement (article R431-24 du code de "
        "l'urbanisme)",
        "amenager": f"Création d'un lotissement de {rng.randint(4, 25)} lots à bâtir et des "
        "voies et réseaux correspondants",
    }
    title_kind = {
        "initial": "permis de construire",
        "modificatif": "permis de construire modificatif",
        "transfert": "transfert de permis de construire",
        "division": "permis de construire valant division",
        "amenager": "permis d'aménager",
    }[kind]
    cart: list[tuple[str, str]] = [
        ("Demande déposée le", fk.fr_date(filed)),
        ("Complétée le", fk.fr_date(completed)),
        ("Par", holder.full),
        ("Représentée par", holder.manager.formal),
        ("Demeurant", holder.address.one_line()),
        ("Pour", objects[kind]),
        ("Sur un terrain sis", f"{w.site.one_line()} - cadastre {w.cadastre}"),
    ]
    if kind in ("initial", "division", "modificatif"):
        extra = 0 if kind == "modificatif" else w.sdp_m2
        cart.append(("Surface de plancher créée", f"{extra} m²"))
    cart_rows: list[list[Cell]] = [[k, v] for k, v in cart]
    vus = [
        "Vu le code de l'urbanisme, et notamment ses articles L421-1 et suivants, R421-1 et "
        "suivants ;",
        f"Vu le plan local d'urbanisme approuvé le {fk.fr_date(filed - dt.timedelta(days=1400))}"
        f", modifié le {fk.fr_date(filed - dt.timedelta(days=rng.randint(90, 600)))} ;",
        f"Vu la demande susvisée et les pièces complémentaires reçues le {fk.fr_date(completed)} ;",
        "Vu l'affichage en mairie de l'avis de dépôt le "
        f"{fk.fr_date(filed + dt.timedelta(days=rng.randint(2, 12)))} ;",
        "Vu l'avis d'Enedis en date du "
        f"{fk.fr_date(min(decided, completed + dt.timedelta(days=rng.randint(5, 30))))} ;",
        "Vu l'avis du gestionnaire du service public de l'eau et de l'assainissement ;",
    ]
    if kind == "modificatif" or kind == "transfert":
        vus.insert(
            1,
            f"Vu le permis de construire n° {w.permit_no} accordé le {fk.fr_date(w.permit_date)} ;",
        )
    if kind == "transfert":
        vus.append(
            f"Vu l'accord du titulaire initial, la société {w.developer.name}, en date du "
            f"{fk.fr_date(decided - dt.timedelta(days=rng.randint(15, 60)))} ;"
        )
    considerants = [
        "Considérant que le projet se situe en zone "
        f"{rng.choice(['UA', 'UB', 'UC', 'UD', '1AUa'])} "
        "du plan local d'urbanisme ;",
        "Considérant que le projet respecte les règles de hauteur et d'implantation applicables "
        "dans la zone ;",
        "Considérant que l'article R111-2 du code de l'urbanisme permet de refuser ou de "
        "n'accepter un projet que sous réserve de prescriptions spéciales s'il est de nature à "
        "porter atteinte à la sécurité publique ;",
    ]
    presc = rng.sample(
        [
            "Les eaux pluviales seront infiltrées sur l'unité foncière ; aucun rejet au réseau "
            "public ne sera admis sans accord du gestionnaire.",
            "Les teintes des enduits et menuiseries seront soumises à l'avis du service "
            "urbanisme avant mise en œuvre.",
            "Les arbres de haute tige abattus seront remplacés nombre pour nombre.",
            "L'accès au chantier se fera exclusivement par la voie indiquée au plan de masse.",
            "Le raccordement au réseau électrique nécessite une extension dont la contribution "
            "sera à la charge de la commune selon l'avis du gestionnaire.",
        ],
        k=rng.randint(1, 3),
    )
    blocks: list[Block] = [
        Table([], cart_rows, widths=[1.6, 4.4]),
        P(f"Le Maire de la commune {_de(w.site.town)},", style="bold"),
        *[P(v, style="small") for v in vus],
        *[P(c, style="small") for c in rng.sample(considerants, k=rng.randint(1, 3))],
        P("ARRÊTE", align="center", style="bold"),
        P(
            f"Article 1 : Le {title_kind} est ACCORDÉ pour le projet décrit dans la demande "
            "susvisée"
            + (
                ", sous réserve du respect des prescriptions mentionnées à l'article 2."
                if presc
                else "."
            )
        ),
        P("Article 2 : " + " ".join(presc)),
    ]
    if kind in ("modificatif", "transfert"):
        blocks.append(
            P(
                "Article 3 : Les prescriptions du permis initial qui ne sont pas contraires au "
                "présent arrêté demeurent applicables."
            )
        )
    if kind == "transfert":
        blocks.append(
            P(
                f"Le bénéficiaire du transfert, la {w.sccv.name}, sera seul redevable des "
                "taxes et participations afférentes au permis."
            )
        )
    blocks += [
        _sign_date(w, rng, decided, w.site.town),
        Sign([_signatory(w, rng)]),
        P(
            "La présente décision est transmise au représentant de l'État dans les conditions "
            "prévues à l'article L2131-2 du code général des collectivités territoriales.",
            style="small",
        ),
    ]
    if rng.random() < 0.75:
        blocks += [
            H(alt(rng, ["INFORMATIONS", "Observations à lire attentivement", "À SAVOIR"]), 2),
            P(
                "Commencement des travaux : l'autorisation est exécutoire dès sa notification. "
                "Elle est périmée si les travaux ne sont pas entrepris dans un délai de trois "
                "ans, ou s'ils sont interrompus pendant plus d'une année ; ce délai peut être "
                "prorogé deux fois pour une durée d'un an (articles R424-17 et R424-21).",
                style="small",
            ),
            P(
                "Affichage : mention de l'autorisation doit être affichée sur le terrain, de "
                "manière visible de l'extérieur, par les soins du bénéficiaire, dès sa "
                "notification et pendant toute la durée du chantier, sur un panneau de plus de "
                "80 centimètres.",
                style="small",
            ),
            P(
                "Délais et voies de recours : le bénéficiaire qui désire contester la décision "
                "peut saisir le tribunal administratif compétent d'un recours contentieux dans "
                "les deux mois à partir de sa notification. Les tiers disposent d'un délai de "
                "deux mois à compter du premier jour d'une période continue de deux mois "
                "d'affichage sur le terrain. L'autorisation peut être retirée par l'autorité "
                "qui l'a délivrée, si elle est illégale, dans les trois mois suivant sa date.",
                style="small",
            ),
        ]
    return Doc(
        _case(
            rng,
            alt(
                rng,
                [
                    f"Arrêté n° {ids.ref(rng, '9999-999')} portant {title_kind}",
                    f"{title_kind} - décision",
                    f"Arrêté accordant un {title_kind}"
                    if kind != "transfert"
                    else "Arrêté de transfert de permis de construire",
                    f"Dossier n° {num}",
                ],
            ),
        ),
        blocks,
        head_left=_town_hall(w, rng),
        head_right=[f"N° {num}", f"Date de dépôt : {fk.fr_date(filed)}"]
        if rng.random() < 0.7
        else [],
    )


_TA_VALUES = {2022: 820, 2023: 886, 2024: 892, 2025: 914, 2026: 930}


@template("AUTORISATION_URBANISME", "pb_notification_permis_taxes", scan=0.15)
def pb_notification_permis_taxes(w: World, rng: random.Random) -> Doc:
    """Town-hall notification letter of a granted permit, with the planning taxes estimate."""
    sent = w.permit_date + dt.timedelta(days=rng.randint(0, 8))
    instr = fk.person(rng, w.today)
    kind = alt(rng, ["permis de construire", "permis de construire valant division"])
    blocks: list[Block] = [
        P(
            alt(
                rng,
                [
                    "Lettre recommandée avec avis de réception",
                    "LRAR n° 1A " + ids.ref(rng, "999 999 9999 9"),
                    "Notification par voie électronique",
                ],
            ),
            style="italic",
        ),
        P(
            "Objet : "
            + alt(rng, ["Notification de décision", "Votre demande de " + kind, "Décision"])
            + f" - dossier n° {w.permit_no}",
            style="bold",
        ),
        P(f"Affaire suivie par : {instr.name} - {fk.phone(rng)}", style="small"),
        P(
            alt(
                rng,
                ["Madame, Monsieur,", "Monsieur le Gérant,", "Madame, Monsieur le représentant,"],
            )
        ),
        P(
            f"J'ai l'honneur de vous notifier l'arrêté du {fk.fr_date_long(w.permit_date)} par "
            f"lequel le {kind} n° {w.permit_no} vous est accordé pour la construction de "
            f"{w.lots} logements sur le terrain situé {w.site.one_line()}."
        ),
        P("Je vous rappelle les formalités qui vous incombent désormais :"),
        Bullets(
            _keep_order(
                rng,
                [
                    "afficher l'autorisation sur le terrain, de façon visible depuis la voie "
                    "publique, pendant toute la durée du chantier ;",
                    "adresser en mairie la déclaration d'ouverture de chantier (cerfa n° 13407) "
                    "dès le commencement des travaux ;",
                    "déposer à l'achèvement la déclaration attestant l'achèvement et la "
                    "conformité des travaux (cerfa n° 13408) ;",
                    "déclarer les éléments nécessaires au calcul des impositions sur l'espace "
                    "sécurisé du site impots.gouv.fr dans les 90 jours de l'achèvement ;",
                    "ne pas commencer les travaux avant l'expiration du délai de recours des "
                    "tiers si vous souhaitez sécuriser votre opération.",
                ],
                k=rng.randint(3, 5),
            )
        ),
    ]
    if rng.random() < 0.75:
        year = min(max(w.permit_date.year, 2022), 2026)
        val = _TA_VALUES[year]
        com = rng.choice([3.0, 4.0, 5.0, 2.5])
        dep = rng.choice([1.3, 1.5, 2.0, 2.5])
        base = w.sdp_m2 * val
        t_com = round(base * com / 100)
        t_dep = round(base * dep / 100)
        rap = round(base * 0.004)
        rows: list[list[Cell]] = [
            ["Taxe d'aménagement - part communale", f"{com:.1f} %".replace(".", ","), float(t_com)],
            [
                "Taxe d'aménagement - part départementale",
                f"{dep:.1f} %".replace(".", ","),
                float(t_dep),
            ],
            ["Redevance d'archéologie préventive", "0,4 %", float(rap)],
            ["Total estimé", "", float(t_com + t_dep + rap)],
        ]
        blocks += [
            P(
                "À titre indicatif, les impositions d'urbanisme générées par le projet sont "
                f"estimées comme suit (surface taxable de {fk.num(w.sdp_m2)} m² × valeur "
                f"forfaitaire {year} de {val} €/m²), hors places de stationnement extérieures :"
            ),
            Table(
                ["Imposition", "Taux", "Montant estimé"],
                rows,
                fmt="ttm",
                total=1,
                widths=[4, 1, 1.5],
            ),
            P(
                "Ces montants ne constituent pas un avis d'imposition ; ils seront liquidés par "
                "les services de la Direction générale des finances publiques.",
                style="small",
            ),
        ]
    blocks += [
        P(
            alt(
                rng,
                [
                    "Je vous prie d'agréer, Madame, Monsieur, l'expression de mes salutations "
                    "distinguées.",
                    "Veuillez agréer, Monsieur le Gérant, l'assurance de ma considération "
                    "distinguée.",
                ],
            )
        ),
        Sign([_signatory(w, rng)]),
        P(
            "P.J. : arrêté" + alt(rng, [" et plans visés", "", " + avis des services consultés"]),
            style="small",
        ),
    ]
    return Doc(
        "",
        blocks,
        head_left=_town_hall(w, rng),
        head_right=[
            *recipient(w.sccv, w.sccv.manager.formal),
            "",
            f"{w.site.town}, le {fk.fr_date_long(sent)}",
        ],
    )


# ---------------------------------------------------------------------------------------------
# CONSTAT_AFFICHAGE


def _cj_study(w: World, rng: random.Random) -> tuple[Person, Company, list[str]]:
    p = fk.person(rng, w.today)
    town = (
        rng.choice(fk.TOWNS)
        if rng.random() < 0.3
        else (w.site.town, w.site.postcode, w.site.insee, w.site.dept)
    )
    c = fk.company(
        rng,
        w.today,
        alt(
            rng,
            [
                f"SELARL {p.last.upper()} & ASSOCIÉS",
                f"SAS {p.last.upper()} - {rng.choice(fk.LAST).upper()}",
                f"Office {p.last} Commissaires de justice",
                f"SCP {p.last.upper()}",
            ],
        ),
        "",
        town=town,
    )
    head = [
        c.name,
        alt(
            rng,
            [
                "Commissaires de justice associés",
                "Commissaire de justice",
                "Anciennement huissiers de justice",
                "Commissaires de Justice - Constats - Recouvrement",
            ],
        ),
        *c.address.lines(),
        f"Tél. {c.phone}",
    ]
    if rng.random() < 0.5:
        head.append(f"SIRET {c.siret}")
    return p, c, head


def _panel_lines(w: World, rng: random.Random) -> list[str]:
    lines = [
        f"PERMIS DE CONSTRUIRE N° {w.permit_no}",
        f"délivré le {fk.fr_date(w.permit_date)} par le Maire {_de(w.site.town)}",
        f"Bénéficiaire : {w.sccv.name}",
        f"Nature des travaux : construction de {w.lots} logements",
        f"Surface de plancher : {fk.num(w.sdp_m2)} m²",
        f"Hauteur de la construction : {rng.randint(9, 28)},{rng.randint(0, 9)} m",
        f"Superficie du terrain : {fk.num(w.land_m2)} m²",
        f"Architecte : {w.architect_firm.name}",
        f"Le dossier peut être consulté en mairie {_de(w.site.town)}",
    ]
    mid = lines[3:8]
    rng.shuffle(mid)
    lines[3:8] = mid
    lines.append(
        "Droit de recours : le délai de recours contentieux est de deux mois à compter du "
        "premier jour d'une période continue de deux mois d'affichage sur le terrain du "
        "présent panneau (art. R. 600-2 du code de l'urbanisme). Tout recours administratif "
        "ou contentieux doit, à peine d'irrecevabilité, être notifié à l'auteur de la "
        "décision et au bénéficiaire (art. R. 600-1)."
    )
    return lines


@template("CONSTAT_AFFICHAGE", "pb_pv_constat_passages", scan=0.3)
def pb_pv_constat_passages(w: World, rng: random.Random) -> Doc:
    """One report covering several visits, summarised in a table, with a photo index."""
    p, c, head = _cj_study(w, rng)
    first = w.permit_date + dt.timedelta(days=rng.randint(1, 12))
    n = rng.randint(2, 4)
    gap = [0, rng.randint(25, 32), rng.randint(58, 62), rng.randint(61, 70)][:n]
    gap[-1] = max(gap[-1], 61) if n > 2 else gap[-1]
    visits: list[list[Cell]] = []
    for i, g in enumerate(gap):
        d = first + dt.timedelta(days=g)
        visits.append(
            [
                f"{i + 1}",
                fk.fr_date(d),
                f"{rng.randint(8, 17)}h{rng.choice(['00', '10', '15', '30', '40', '45'])}",
                alt(rng, ["ensoleillé", "couvert", "pluie fine", "sec", "venteux"]),
                alt(
                    rng,
                    [
                        "Panneau en place, lisible depuis la voie publique",
                        "Panneau présent, mentions inchangées",
                        "Panneau en place et en bon état",
                    ],
                ),
            ]
        )
    photos = rng.randint(3, 9)
    blocks: list[Block] = [
        P(
            alt(
                rng,
                [
                    "À LA DEMANDE DE :",
                    "REQUÉRANT :",
                    "Agissant à la requête de :",
                ],
            ),
            style="bold",
        ),
        P(
            f"{company_phrase(w.sccv, rng)}, agissant en qualité de titulaire du permis de "
            f"construire n° {w.permit_no}."
        ),
        P(
            "Laquelle nous a exposé qu'elle entend faire courir à l'égard des tiers le délai de "
            "recours contentieux contre ce permis et qu'elle a, en conséquence, intérêt à faire "
            "constater la réalité et la continuité de son affichage sur le terrain."
        ),
        P(
            f"Nous, {p.formal}, commissaire de justice associé(e) au sein de {c.name}, "
            f"à la résidence {_de(c.address.town)}, soussigné, certifions nous être transporté "
            f"{w.site.one_line()}, aux dates et heures indiquées ci-dessous, et y avoir "
            "procédé aux constatations suivantes :"
        ),
        Table(
            ["Passage", "Date", "Heure", "Météo", "Constatations"],
            visits,
            widths=[0.8, 1.1, 0.8, 1.1, 3.4],
        ),
        P(
            "À chacun de nos passages, nous avons constaté, "
            + alt(
                rng,
                [
                    "fixé sur la clôture de chantier en bordure de la voie publique",
                    "fixé sur deux piquets plantés en limite de propriété",
                    "apposé sur le portail d'accès au terrain",
                ],
            )
            + f", un panneau de format {rng.choice(['80 x 120', '100 x 150', '120 x 80'])} "
            "cm, fond blanc, dont les inscriptions sont lisibles depuis l'espace public et "
            "ainsi libellées :"
        ),
        Box(_panel_lines(w, rng)),
        P(
            f"Nous avons pris {photos} photographies, reproduites en annexe sans retouche, "
            "à l'aide d'un appareil numérique horodaté."
        ),
    ]
    if rng.random() < 0.6:
        blocks.append(
            Bullets(
                [
                    f"Photographie n° {i} : "
                    + alt(
                        rng,
                        [
                            "vue d'ensemble du panneau depuis le trottoir opposé",
                            "détail des mentions du panneau",
                            "vue de la rue et de l'entrée du terrain",
                            "panneau pris de face, à deux mètres",
                            "plaque de rue",
                        ],
                    )
                    for i in range(1, min(photos, 5) + 1)
                ]
            )
        )
    blocks.append(
        P(
            "Et de tout ce que dessus, nous avons dressé le présent procès-verbal de constat "
            "pour servir et valoir ce que de droit."
        )
    )
    fee = Decimal(str(rng.choice([220.94, 265.00, 310.00, 385.50, 450.00])))
    travel = Decimal("7.67")
    tva = d2((fee + travel) * Decimal("0.2"))
    tax = Decimal("14.89")
    rows: list[list[Cell]] = [
        ["Émolument (art. R444-3 C. com.)", float(fee)],
        ["Frais de déplacement", float(travel)],
        ["Total HT", float(fee + travel)],
        ["TVA 20 %", float(tva)],
        ["Taxe forfaitaire (art. 302 bis Y CGI)", float(tax)],
        ["TOTAL TTC", float(fee + travel + tva + tax)],
    ]
    if rng.random() < 0.7:
        blocks.append(Table(["Coût de l'acte", "€"], rows, fmt="tm", total=1, widths=[3, 1.2]))
    blocks.append(Sign([[p.formal, "Commissaire de justice"]]))
    return Doc(
        _case(
            rng,
            alt(
                rng,
                [
                    "Procès-verbal de constat",
                    "PV de constat d'affichage",
                    "Procès-verbal de constat - affichage du permis de construire",
                    "Constat",
                ],
            ),
        ),
        blocks,
        head_left=head,
        head_right=[f"Acte n° {ids.ref(rng, '999999')}", f"Réf. {ids.ref(rng, 'AA-99999')}"],
        footer=alt(
            rng, [f"{c.name} - {c.address.one_line()}", "Acte soumis au tarif réglementé", ""]
        ),
    )


@template("CONSTAT_AFFICHAGE", "pb_constat_passage_suivant", scan=0.35)
def pb_constat_passage_suivant(w: World, rng: random.Random) -> Doc:
    """Short follow-up report of a later visit referring to the first one."""
    p, c, head = _cj_study(w, rng)
    first = w.permit_date + dt.timedelta(days=rng.randint(2, 15))
    which = rng.choice([2, 3])
    d = first + dt.timedelta(days=31 if which == 2 else rng.randint(60, 64))
    hour = f"{rng.randint(8, 18)} heures {rng.choice(['', '15', '20', '30', '45'])}".strip()
    blocks: list[Block] = [
        P(
            f"Le {fk.fr_date_long(d)}, à {hour},",
            style="bold",
        ),
        P(
            f"À la requête de la {w.sccv.name}, dont le siège est {w.sccv.address.one_line()}, "
            f"poursuites et diligences de son représentant légal,"
        ),
        P(
            f"En suite de notre procès-verbal de constat dressé le {fk.fr_date(first)}"
            + (
                f" et de notre second passage du {fk.fr_date(first + dt.timedelta(days=31))}"
                if which == 3
                else ""
            )
            + ","
        ),
        P(
            f"Je, {p.formal}, commissaire de justice à {c.address.town}, me suis de nouveau "
            f"rendu(e) {w.site.one_line()}, où, étant devant le terrain, j'ai constaté :"
        ),
        Bullets(
            [
                "que le panneau d'affichage décrit dans mon précédent procès-verbal est "
                "toujours en place, au même emplacement ;",
                *rng.sample(
                    [
                        "que ses inscriptions sont inchangées, et parfaitement lisibles depuis la "
                        "voie publique ;",
                        f"qu'il mentionne toujours le permis de construire n° {w.permit_no} "
                        "délivré "
                        f"le {fk.fr_date(w.permit_date)} ;",
                        "que le panneau ne présente ni dégradation ni occultation ;",
                        "que les travaux n'ont pas débuté, le terrain étant vierge de toute "
                        "installation de chantier ;",
                    ],
                    k=rng.randint(2, 4),
                ),
            ]
        ),
        P(
            "J'ai pris deux clichés photographiques, annexés au présent."
            if rng.random() < 0.6
            else "Une photographie est jointe."
        ),
        P(
            "Mes constatations terminées, je me suis retiré(e) et j'ai rédigé le présent "
            "procès-verbal pour servir et valoir ce que de droit."
            if rng.random() < 0.6
            else "De tout quoi j'ai dressé le présent procès-verbal."
        ),
        P(f"Coût : {fk.money(rng.choice([148.6, 182.4, 210.0, 236.52]))} TTC", style="small"),
        Sign(
            [
                [
                    f"Maître {p.name}",
                    alt(rng, ["Commissaire de justice", "Commissaire de justice associé"]),
                ]
            ]
        ),
    ]
    return Doc(
        _case(
            rng,
            alt(
                rng,
                [
                    "Procès-verbal de constat d'affichage - "
                    f"{'deuxième' if which == 2 else 'troisième'} passage",
                    "PROCÈS-VERBAL DE CONSTAT",
                    f"Constat n° {which} - maintien de l'affichage",
                ],
            ),
        ),
        blocks,
        head_left=head,
    )


# ---------------------------------------------------------------------------------------------
# NON_RECOURS

# département → (région, seat of the regional cultural affairs office, administrative court)
_REGIONS: dict[str, tuple[str, str, str]] = {
    "Alpes-Maritimes": ("Provence-Alpes-Côte d'Azur", "Aix-en-Provence", "Nice"),
    "Bas-Rhin": ("Grand Est", "Strasbourg", "Strasbourg"),
    "Bouches-du-Rhône": ("Provence-Alpes-Côte d'Azur", "Aix-en-Provence", "Marseille"),
    "Calvados": ("Normandie", "Caen", "Caen"),
    "Charente-Maritime": ("Nouvelle-Aquitaine", "Bordeaux", "Poitiers"),
    "Côte-d'Or": ("Bourgogne-Franche-Comté", "Dijon", "Dijon"),
    "Finistère": ("Bretagne", "Rennes", "Rennes"),
    "Gironde": ("Nouvelle-Aquitaine", "Bordeaux", "Bordeaux"),
    "Haute-Garonne": ("Occitanie", "Toulouse", "Toulouse"),
    "Haute-Savoie": ("Auvergne-Rhône-Alpes", "Lyon", "Grenoble"),
    "Hauts-de-Seine": ("Île-de-France", "Paris", "Cergy-Pontoise"),
    "Hérault": ("Occitanie", "Montpellier", "Montpellier"),
    "Ille-et-Vilaine": ("Bretagne", "Rennes", "Rennes"),
    "Indre-et-Loire": ("Centre-Val de Loire", "Orléans", "Orléans"),
    "Isère": ("Auvergne-Rhône-Alpes", "Lyon", "Grenoble"),
    "Loire-Atlantique": ("Pays de la Loire", "Nantes", "Nantes"),
    "Loiret": ("Centre-Val de Loire", "Orléans", "Orléans"),
    "Maine-et-Loire": ("Pays de la Loire", "Nantes", "Nantes"),
    "Marne": ("Grand Est", "Strasbourg", "Châlons-en-Champagne"),
    "Moselle": ("Grand Est", "Strasbourg", "Strasbourg"),
    "Nord": ("Hauts-de-France", "Lille", "Lille"),
    "Paris": ("Île-de-France", "Paris", "Paris"),
    "Puy-de-Dôme": ("Auvergne-Rhône-Alpes", "Lyon", "Clermont-Ferrand"),
    "Pyrénées-Atlantiques": ("Nouvelle-Aquitaine", "Bordeaux", "Pau"),
    "Pyrénées-Orientales": ("Occitanie", "Montpellier", "Montpellier"),
    "Rhône": ("Auvergne-Rhône-Alpes", "Lyon", "Lyon"),
    "Sarthe": ("Pays de la Loire", "Nantes", "Nantes"),
    "Seine-Maritime": ("Normandie", "Caen", "Rouen"),
    "Seine-Saint-Denis": ("Île-de-France", "Paris", "Montreuil"),
    "Yvelines": ("Île-de-France", "Paris", "Versailles"),
}


def _region(w: World) -> tuple[str, str, str]:
    return _REGIONS.get(w.site.dept, ("Île-de-France", "Paris", "Paris"))


@template("NON_RECOURS", "pb_reponse_mairie_notaire", scan=0.3)
def pb_reponse_mairie_notaire(w: World, rng: random.Random) -> Doc:
    """Town hall's answer to the notary asking whether the permit is final."""
    posted = w.permit_date + dt.timedelta(days=rng.randint(2, 15))
    asked = posted + dt.timedelta(days=rng.randint(95, 140))
    answered = asked + dt.timedelta(days=rng.randint(3, 25))
    checks = [
        "aucun recours gracieux n'a été reçu par les services de la commune à l'encontre de "
        "cette autorisation ;",
        "aucune notification de recours contentieux, au sens de l'article R600-1 du code de "
        "l'urbanisme, n'a été adressée à la commune ;",
        "le représentant de l'État n'a pas saisi le tribunal administratif d'un déféré "
        "préfectoral à l'encontre de cet arrêté ;",
        "la commune n'a engagé aucune procédure de retrait de cette autorisation dans le délai "
        "de trois mois prévu à l'article L424-5 du code de l'urbanisme.",
    ]
    if rng.random() < 0.3:
        checks = checks[:2] + checks[3:]
    blocks: list[Block] = [
        P(
            alt(
                rng,
                [
                    f"Objet : permis de construire n° {w.permit_no} - demande de certificat de "
                    "non-recours et de non-retrait",
                    f"Objet : attestation de non-recours / non-retrait - {w.permit_no}",
                    f"V/Réf. : {ids.ref(rng, '999999/AA')} - Objet : caractère définitif du "
                    f"permis n° {w.permit_no}",
                ],
            ),
            style="bold",
        ),
        P(alt(rng, ["Maître,", "Madame, Monsieur,", "Maître, Madame, Monsieur,"])),
        P(
            f"Par courrier du {fk.fr_date(asked)}, vous m'avez interrogé sur la situation du "
            f"permis de construire n° {w.permit_no} délivré le {fk.fr_date_long(w.permit_date)} "
            f"à la {w.sccv.name} pour la construction de {w.lots} logements au "
            f"{w.site.one_line()}."
        ),
        P(
            f"Je vous informe qu'à la date du {fk.fr_date(answered)}, et au vu des éléments en "
            "possession de mes services :"
        ),
        Bullets(checks),
    ]
    if rng.random() < 0.5:
        blocks.append(
            P(
                f"Je vous précise que l'affichage en mairie de l'arrêté a été effectué du "
                f"{fk.fr_date(w.permit_date + dt.timedelta(days=1))} au "
                f"{fk.fr_date(w.permit_date + dt.timedelta(days=rng.randint(62, 75)))}. La "
                "commune n'est pas en mesure d'attester de l'affichage sur le terrain, dont la "
                "preuve incombe au bénéficiaire."
            )
        )
    if rng.random() < 0.5:
        blocks.append(
            P(
                "Cette attestation est établie sous réserve des recours dont la commune "
                "n'aurait pas reçu notification. Il vous appartient, le cas échéant, de vous "
                "rapprocher du greffe du tribunal administratif.",
                style="italic",
            )
        )
    blocks += [
        P(
            alt(
                rng,
                [
                    "Je vous prie d'agréer, Maître, l'expression de mes salutations distinguées.",
                    "Veuillez agréer, Maître, l'assurance de ma considération distinguée.",
                ],
            )
        ),
        Sign([_signatory(w, rng)]),
    ]
    return Doc(
        alt(rng, ["", "", "ATTESTATION", "Attestation de non-recours et de non-retrait"]),
        blocks,
        head_left=_town_hall(w, rng),
        head_right=[
            f"Maître {w.notary.name}",
            w.notary_office,
            *w.notary.address.lines(),
            "",
            f"{w.site.town}, le {fk.fr_date(answered)}",
        ],
    )


@template("NON_RECOURS", "pb_certificat_non_recours_tableau", scan=0.25)
def pb_certificat_non_recours_tableau(w: World, rng: random.Random) -> Doc:
    """Certificate covering the permit and its amendments in a table; issued by a court
    registry or by the town hall."""
    posted = w.permit_date + dt.timedelta(days=rng.randint(2, 14))
    decisions: list[tuple[str, dt.date, dt.date]] = [
        (f"PC {w.permit_no.removeprefix('PC ')}", w.permit_date, posted)
    ]
    d = w.permit_date
    for i in range(rng.randint(0, 2)):
        d = d + dt.timedelta(days=rng.randint(60, 220))
        decisions.append(
            (f"{w.permit_no} M{i + 1:02d}", d, d + dt.timedelta(days=rng.randint(2, 12)))
        )
    issued = decisions[-1][2] + dt.timedelta(days=rng.randint(75, 150))
    by_court = rng.random() < 0.45
    rows: list[list[Cell]] = []
    for ref, dec, aff in decisions:
        end = aff + dt.timedelta(days=61)
        if by_court:
            rows.append([ref, fk.fr_date(dec), w.sccv.name, "Néant"])
        else:
            rows.append([ref, fk.fr_date(dec), fk.fr_date(aff), fk.fr_date(end), "Aucun", "Non"])
    if by_court:
        court = "Tribunal administratif " + _de(_region(w)[2])
        head = ["RÉPUBLIQUE FRANÇAISE", court.upper(), "Greffe", _region(w)[2].upper()]
        blocks: list[Block] = [
            P(
                f"Le greffier en chef du {court}, "
                + alt(
                    rng,
                    [
                        f"saisi par Maître {w.notary.name}, notaire, ",
                        f"saisi par la {w.sccv.name}, ",
                        "",
                    ],
                )
                + "certifie qu'après recherche dans les registres du greffe, à la date du "
                f"{fk.fr_date(issued)}, aucune requête n'a été enregistrée tendant à "
                "l'annulation ou à la suspension des décisions suivantes, prises par le maire "
                f"de {w.site.town} :"
            ),
            Table(
                ["Décision", "Date", "Bénéficiaire", "Requête enregistrée"],
                rows,
                widths=[2.2, 1.2, 2.6, 1.4],
            ),
            P(
                "Le présent certificat ne préjuge pas des requêtes qui auraient été adressées "
                "à une autre juridiction ou qui seraient parvenues au greffe postérieurement à "
                "sa date.",
                style="small",
            ),
            _sign_date(w, rng, issued, _region(w)[2]),
            Sign([["Le greffier en chef", "P/o l'adjoint(e) administratif(ve)"]]),
        ]
        title = alt(rng, ["CERTIFICAT DE NON-RECOURS", "Certificat", "Certificat de non-pourvoi"])
    else:
        head = _town_hall(w, rng)
        blocks = [
            P(
                f"Le Maire de {w.site.town} certifie que les autorisations d'urbanisme "
                f"désignées ci-après, délivrées à la {w.sccv.name} pour le terrain situé "
                f"{w.site.one_line()}, n'ont fait l'objet, à ce jour, d'aucun recours gracieux "
                "ou contentieux notifié à la commune, ni d'aucune décision de retrait."
            ),
            Table(
                [
                    "N° de la décision",
                    "Date",
                    "Affichage terrain (1er jour)",
                    "Fin du délai de recours",
                    "Recours",
                    "Retrait",
                ],
                rows,
                widths=[2.2, 1, 1.4, 1.4, 0.8, 0.8],
            ),
            P(
                "Dates d'affichage déclarées par le bénéficiaire et justifiées par procès-"
                "verbaux de constat de commissaire de justice.",
                style="small",
            ),
            P("Attestation délivrée pour servir et valoir ce que de droit."),
            _sign_date(w, rng, issued, w.site.town),
            Sign([_signatory(w, rng)]),
        ]
        title = alt(
            rng,
            [
                "ATTESTATION DE NON-RECOURS ET DE NON-RETRAIT",
                "Certificat de non-recours - non-retrait",
                "Attestation",
            ],
        )
    return Doc(
        title,
        blocks,
        head_left=head,
        head_right=[f"N° {ids.ref(rng, '9999/99')}"] if rng.random() < 0.4 else [],
    )


# ---------------------------------------------------------------------------------------------
# DROC


@template("DROC", "pb_droc_accuse_teleservice", scan=0.15)
def pb_droc_accuse_teleservice(w: World, rng: random.Random) -> Doc:
    """Printout of the e-mail acknowledging a DOC filed on the town's online desk."""
    filed = w.start_date + dt.timedelta(days=rng.randint(0, 6))
    hour = f"{rng.randint(7, 21):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}"
    portal = alt(
        rng,
        [
            "Guichet numérique des autorisations d'urbanisme",
            f"Guichet unique - Ville de {w.site.town}",
            "Téléservice ADS",
            "GNAU",
        ],
    )
    no = ids.ref(rng, "DOC-9999999")
    blocks: list[Block] = [
        KV(
            [
                (
                    "De",
                    f"noreply@{fk._slug(w.site.town)}." + rng.choice(["fr", "sve.fr"]),
                ),
                ("À", w.sccv.email),
                ("Date", f"{fk.fr_date(filed)} {hour}"),
                ("Objet", f"[{portal}] Accusé d'enregistrement électronique - {no}"),
            ]
        ),
        Space(6),
        P("Bonjour,"),
        P(
            f"Votre déclaration d'ouverture de chantier a bien été transmise le "
            f"{fk.fr_date(filed)} à {hour[:5]} à la commune de {w.site.town}. Elle a été "
            f"enregistrée sous le numéro {no}."
        ),
        KV(
            [
                ("Type de demande", "Déclaration d'ouverture de chantier (DOC)"),
                ("Formulaire", f"cerfa n° 13407*{rng.choice(['03', '04'])}"),
                ("Autorisation concernée", w.permit_no),
                ("Déclarant", w.sccv.name),
                ("Adresse des travaux", w.site.one_line()),
                ("Date d'ouverture déclarée", fk.fr_date(w.start_date)),
                ("Pièces jointes", alt(rng, ["1", "aucune", "2"])),
            ],
            boxed=rng.random() < 0.5,
        ),
        P(
            "Le présent message vaut accusé d'enregistrement électronique en application de "
            "l'article L112-11 du code des relations entre le public et l'administration. Il "
            "ne préjuge pas de la complétude de votre envoi."
        ),
        P(
            "Conservez ce message : il constitue la preuve du dépôt de votre déclaration. Une "
            "copie de la déclaration est transmise aux services de l'État pour les besoins "
            "statistiques."
            if rng.random() < 0.6
            else "Vous recevrez un accusé de réception électronique dès la prise en charge de "
            "votre déclaration par le service instructeur."
        ),
        P("Ceci est un message automatique, merci de ne pas y répondre.", style="small"),
        P(
            f"Service urbanisme - Mairie de {w.site.town} - {w.site.postcode} {w.site.town}",
            style="small",
        ),
    ]
    return Doc(
        alt(rng, ["", "Accusé d'enregistrement électronique", f"{portal}"]),
        blocks,
        header=alt(rng, [f"Imprimé le {fk.fr_date(filed)}", f"{w.sccv.email} - messagerie", ""]),
    )


@template("DROC", "pb_droc_formulaire_notice", scan=0.35)
def pb_droc_formulaire_notice(w: World, rng: random.Random) -> Doc:
    """The DOC form with blanks filled by hand, followed (often) by its explanatory notice."""
    total = rng.random() < 0.75
    started = w.lots if total else rng.randint(max(1, w.lots // 4), max(1, w.lots - 1))
    social = rng.randint(0, started // 3) if rng.random() < 0.4 else 0
    ptz = rng.randint(0, (started - social) // 4) if rng.random() < 0.3 else 0
    other = started - social - ptz
    x, o = rng.choice([("[X]", "[ ]"), ("X", "_"), ("(x)", "( )")])
    blocks: list[Block] = [
        Box(
            [
                f"N° {w.permit_no}",
                "Date de réception : "
                f"{fk.fr_date(w.start_date + dt.timedelta(days=rng.randint(1, 9)))}",
                "Cachet de la mairie :",
            ],
            "Cadre réservé à la mairie",
        ),
        P(
            "Vous êtes titulaire d'un permis de construire ou d'aménager ou d'une décision de "
            "non-opposition à une déclaration préalable : vous devez déclarer l'ouverture de "
            "votre chantier.",
            style="italic",
        ),
        H("Autorisation concernée", 2),
        KV(
            [
                ("Numéro", w.permit_no),
                ("Délivrée le", fk.fr_date(w.permit_date)),
                ("Adresse du terrain", w.site.one_line()),
            ]
        ),
        H("Le déclarant", 2),
        KV(
            [
                ("Personne morale - dénomination", w.sccv.name),
                ("Numéro SIRET", w.sccv.siret),
                ("Type de société", "SCCV"),
                ("Représentant", f"{w.sccv.manager.last.upper()} {w.sccv.manager.first}"),
                ("Adresse", w.sccv.address.one_line()),
                ("Courriel", w.sccv.email),
            ]
        ),
        H("L'ouverture du chantier", 2),
        P(f"Date d'ouverture du chantier : {fk.fr_date(w.start_date).replace('/', ' / ')}"),
        P(f"{x if total else o} Le chantier concerne la totalité des travaux autorisés"),
        P(
            f"{o if total else x} Le chantier concerne une tranche des travaux"
            + ("" if total else f" : bâtiment {rng.choice('ABC')} ({started} logements)")
        ),
        Table(
            ["Logements commencés", "Nombre"],
            [
                ["Nombre total de logements commencés", started],
                ["dont individuels", 0],
                ["dont collectifs", started],
                ["Logement locatif social", social],
                ["Accession aidée (dont PTZ)", ptz],
                ["Autres financements", other],
            ],
            fmt="tn",
            widths=[4, 1],
        ),
        P(
            "Surface de plancher des logements commencés : "
            f"{fk.num(round(w.sdp_m2 * started / w.lots))} m²"
        ),
        H("Engagement du déclarant", 2),
        P("J'atteste l'exactitude des informations portées dans ce formulaire."),
        _sign_date(w, rng, w.start_date, w.sccv.address.town),
        Sign([["Signature du déclarant", w.sccv.manager.name]]),
        P(
            "Formulaire à déposer en trois exemplaires à la mairie ou à transmettre par voie "
            "électronique lorsque la commune dispose d'un téléservice.",
            style="small",
        ),
    ]
    if rng.random() < 0.65:
        blocks += [
            Break(),
            H("Notice - Déclaration d'ouverture de chantier"),
            H("À quoi sert cette déclaration ?", 2),
            P(
                "Elle permet d'informer la mairie du commencement de vos travaux. Elle doit "
                "être adressée dès le commencement des travaux, au sens de l'article R424-16 du "
                "code de l'urbanisme."
            ),
            H("Validité de l'autorisation", 2),
            P(
                "Votre autorisation est périmée si les travaux n'ont pas commencé dans un délai "
                "de trois ans à compter de sa notification, ou si, passé ce délai, ils sont "
                "interrompus pendant plus d'un an. De simples travaux de terrassement ou "
                "l'installation d'une clôture ne suffisent pas toujours à caractériser le "
                "commencement des travaux."
            ),
            H("Travaux réalisés par tranches", 2),
            P(
                "Si votre autorisation prévoit une réalisation par tranches, vous devez "
                "déposer une déclaration à l'ouverture de chaque tranche."
            ),
            H("Vos données", 2),
            P(
                "Les informations recueillies sont transmises au service statistique du "
                "ministère chargé du logement. Vous disposez d'un droit d'accès et de "
                "rectification auprès de la mairie.",
                style="small",
            ),
        ]
    return Doc(
        _case(rng, "Déclaration d'ouverture de chantier"),
        blocks,
        head_left=["RÉPUBLIQUE FRANÇAISE", "Ministère chargé de l'urbanisme"]
        if rng.random() < 0.6
        else [],
        head_right=[f"cerfa N° 13407*{rng.choice(['03', '04', '02'])}"],
        footer=alt(rng, ["1/2", "DOC - exemplaire mairie", ""]),
    )


# ---------------------------------------------------------------------------------------------
# DAACT


@template("DAACT", "pb_daact_formulaire_attestations", scan=0.3)
def pb_daact_formulaire_attestations(w: World, rng: random.Random) -> Doc:
    """CERFA 13408 with the attached certificates listed and the architect's co-signature."""
    done = w.delivery_date + dt.timedelta(days=rng.randint(-20, 10))
    filed = done + dt.timedelta(days=rng.randint(5, 60))
    total = rng.random() < 0.8
    c = "[X]"
    n = "[ ]"
    attest = [
        (
            "Attestation de prise en compte de la réglementation environnementale (RE2020) à "
            "l'achèvement",
            True,
        ),
        (
            "Attestation de respect des règles d'accessibilité aux personnes handicapées, établie "
            "par un contrôleur technique ou un architecte",
            True,
        ),
        ("Attestation de prise en compte de la réglementation acoustique", True),
        (
            "Attestation de respect des règles parasismiques (zone de sismicité 2 à 5)",
            rng.random() < 0.4,
        ),
        ("Attestation relative à l'étude de faisabilité des approvisionnements en énergie", False),
    ]
    ct = rng.choice(
        [
            "SOCOTEC",
            "Bureau Veritas Construction",
            "APAVE",
            "Qualiconsult",
            "Alpes Contrôles",
            "DEKRA Industrial",
        ]
    )
    blocks: list[Block] = [
        Box(
            [
                f"{w.permit_no}",
                f"Déposée le : {fk.fr_date(filed)}",
                "Cachet de la mairie et signature du receveur",
            ],
            "Cadre réservé à la mairie du lieu du projet",
        ),
        H("1 - Identité du ou des déclarants", 2),
        KV(
            [
                ("Dénomination", w.sccv.name),
                ("Raison sociale", "Société civile de construction vente"),
                ("N° SIRET", w.sccv.siret),
                ("Représentant de la personne morale", w.sccv.manager.formal),
            ]
        ),
        H("2 - Coordonnées", 2),
        KV(
            [
                ("Adresse", w.sccv.address.one_line()),
                ("Téléphone", w.sccv.phone),
                ("Courriel", w.sccv.email),
            ]
        ),
        H("3 - Le chantier", 2),
        KV(
            [
                ("Autorisation n°", w.permit_no),
                ("Délivrée le", fk.fr_date(w.permit_date)),
                ("Adresse", w.site.one_line()),
            ]
        ),
        H("4 - Achèvement et conformité des travaux", 2),
        P(f"Date d'achèvement des travaux : {fk.fr_date(done)}"),
        P(f"{c if total else n} pour la totalité des travaux"),
        P(
            f"{n if total else c} pour une tranche des travaux"
            + ("" if total else f" - préciser : bâtiment {rng.choice('ABCD')}")
        ),
        P(
            f"Surface de plancher achevée : {fk.num(w.sdp_m2)} m² - nombre de logements "
            f"terminés : {w.lots}"
        ),
        P(
            "J'atteste que les travaux sont achevés et qu'ils sont conformes à l'autorisation "
            "délivrée et, le cas échéant, aux permis modificatifs."
        ),
        H("5 - Documents joints", 2),
        *[P(f"{c if on else n} {label}") for label, on in attest],
    ]
    if rng.random() < 0.4:
        blocks.append(P(f"Attestations établies par {ct}, contrôleur technique.", style="small"))
    blocks += [
        _sign_date(w, rng, filed, w.sccv.address.town),
        Sign(
            [
                ["Signature du déclarant", w.sccv.manager.name],
                [
                    "Si un architecte a dirigé les travaux :",
                    f"{w.architect.formal}, architecte",
                    f"N° d'inscription à l'Ordre : {rng.randint(10000, 99999)}",
                ],
            ]
        ),
        P(
            "La déclaration est adressée par pli recommandé avec demande d'avis de réception "
            "ou déposée contre décharge à la mairie. L'autorité compétente dispose d'un délai "
            "de trois mois, porté à cinq mois lorsqu'un récolement est obligatoire, pour "
            "contester la conformité des travaux.",
            style="small",
        ),
    ]
    return Doc(
        _case(
            rng,
            alt(
                rng,
                [
                    "Déclaration attestant l'achèvement et la conformité des travaux",
                    "DAACT",
                    "Déclaration d'achèvement et de conformité",
                ],
            ),
        ),
        blocks,
        head_right=[f"cerfa N° 13408*{rng.choice(['05', '06', '07'])}"],
        head_left=["RÉPUBLIQUE FRANÇAISE"] if rng.random() < 0.5 else [],
        footer=alt(rng, ["Ministère chargé de l'urbanisme", "DAACT - 1 exemplaire", ""]),
    )


@template("DAACT", "pb_daact_recepisse_recolement", scan=0.3)
def pb_daact_recepisse_recolement(w: World, rng: random.Random) -> Doc:
    """Town-hall receipt for a DAACT, announcing (or not) the on-site inspection."""
    filed = w.delivery_date + dt.timedelta(days=rng.randint(5, 60))
    mandatory = rng.random() < 0.35
    months = 5 if mandatory else 3
    visit = filed + dt.timedelta(days=rng.randint(20, 80))
    agent = fk.person(rng, w.today)
    blocks: list[Block] = [
        P(
            alt(
                rng,
                [
                    f"Objet : récépissé de dépôt d'une DAACT - {w.permit_no}",
                    "Objet : déclaration attestant l'achèvement et la conformité des travaux",
                    f"Dossier : {w.permit_no} - achèvement des travaux",
                ],
            ),
            style="bold",
        ),
        P("Madame, Monsieur,"),
        P(
            f"Nous accusons réception de la déclaration attestant l'achèvement et la conformité "
            f"des travaux (DAACT) déposée le {fk.fr_date(filed)} pour le permis n° "
            f"{w.permit_no}, concernant la construction de {w.lots} logements, "
            f"{w.site.one_line()}."
        ),
        P(
            f"À compter de cette date, l'administration dispose d'un délai de {months} mois "
            "pour contester, le cas échéant, la conformité des travaux au permis délivré "
            + (
                "(récolement obligatoire en application de l'article R462-7 du code de "
                "l'urbanisme)."
                if mandatory
                else "(article R462-6 du code de l'urbanisme)."
            )
        ),
    ]
    if mandatory or rng.random() < 0.5:
        blocks.append(
            P(
                f"Une visite de récolement est programmée le {fk.fr_date_long(visit)} à "
                f"{rng.randint(9, 16)}h{rng.choice(['00', '30'])}. Elle sera effectuée par "
                f"{agent.formal}, agent assermenté. Merci de prévoir la présence d'un "
                "représentant du maître d'ouvrage et, si possible, de l'architecte."
            )
        )
    blocks += [
        P(
            "Passé ce délai, l'administration ne pourra plus contester la conformité des "
            "travaux. Une attestation certifiant que la conformité n'a pas été contestée "
            "pourra vous être délivrée sur simple demande (article R462-10)."
        ),
        P(
            alt(
                rng,
                [
                    "Nous vous prions d'agréer, Madame, Monsieur, nos salutations distinguées.",
                    "Recevez, Madame, Monsieur, nos salutations distinguées.",
                ],
            )
        ),
        Sign(
            [
                [
                    alt(rng, ["Le service urbanisme", "Pour le Maire,", "L'instructeur"]),
                    fk.person(rng, w.today).name,
                ]
            ]
        ),
    ]
    if rng.random() < 0.5:
        blocks.insert(
            3,
            KV(
                [
                    ("Date de dépôt", fk.fr_date(filed)),
                    ("Achèvement déclaré", fk.fr_date(w.delivery_date)),
                    (
                        "Fin du délai de contestation",
                        fk.fr_date(filed + dt.timedelta(days=30 * months)),
                    ),
                    ("Récolement", "obligatoire" if mandatory else "non programmé / facultatif"),
                ],
                boxed=True,
            ),
        )
    return Doc(
        alt(rng, ["", "RÉCÉPISSÉ DE DÉPÔT", "Accusé de réception - DAACT"]),
        blocks,
        head_left=_town_hall(w, rng),
        head_right=[
            *recipient(w.sccv),
            "",
            f"Le {fk.fr_date(filed + dt.timedelta(days=rng.randint(1, 10)))}",
        ],
    )


# ---------------------------------------------------------------------------------------------
# ETUDE_SOL


def _geo_firm(w: World, rng: random.Random) -> Company:
    name = alt(
        rng,
        [
            f"{rng.choice(fk.LAST)} Géotechnique",
            f"GéoSol {rng.choice(fk.REGIONS)}",
            f"Fondations Conseil {rng.choice(['Agence', 'Direction régionale'])} {w.site.town}",
            rng.choice(["Hydrosol Ingénierie", "Géo-Expertise", "Sols et Structures"]),
            f"Cabinet {rng.choice(fk.LAST)} Ingénierie des sols",
        ],
    )
    return fk.company(rng, w.today, name, rng.choice(["SAS", "SARL", "SA"]))


_LAYERS = [
    ("Terre végétale / remblais", "Remblais limoneux à débris divers"),
    ("Limons", "Limons argileux brun beige"),
    ("Argiles", "Argiles plastiques grises à passées sableuses"),
    ("Sables", "Sables fins à moyens ocre, légèrement argileux"),
    ("Graves", "Graves sablo-limoneuses compactes"),
    ("Marnes", "Marnes beige altérées puis compactes"),
    ("Calcaire", "Calcaire fracturé à bancs durs"),
]


def _soil_model(rng: random.Random) -> list[tuple[str, str, float, float, float, float]]:
    """(layer, description, top, bottom, EM MPa, pl* MPa) of a plausible ground model."""
    k = rng.randint(3, 5)
    start = rng.randint(0, 1)
    layers = _LAYERS[start : start + k]
    out = []
    top = 0.0
    em, pl = rng.uniform(2, 5), rng.uniform(0.2, 0.5)
    for name, desc in layers:
        bottom = round(top + rng.uniform(0.6, 4.5), 1)
        out.append((name, desc, top, bottom, round(em, 1), round(pl, 2)))
        top = bottom
        em *= rng.uniform(1.3, 2.6)
        pl *= rng.uniform(1.3, 2.2)
    return out


@template("ETUDE_SOL", "pb_rapport_g2_pro", formats=("pdf", "docx"), scan=0.05)
def pb_rapport_g2_pro(w: World, rng: random.Random) -> Doc:
    """Full G2 report with pressuremeter results, ground model and foundation design."""
    firm = _geo_firm(w, rng)
    phase = rng.choice(["AVP", "PRO", "AVP/PRO"])
    model = _soil_model(rng)
    report = ids.ref(rng, rng.choice(["AA99.9999", "99-AA-9999", "G2-9999-99"]))
    visit = w.permit_date - dt.timedelta(days=rng.randint(20, 200))
    n_sp = rng.randint(2, 6)
    n_pm = rng.randint(1, 4)
    n_pz = rng.randint(0, 2)
    water = round(rng.uniform(1.5, 9.0), 1) if rng.random() < 0.6 else None
    investig: list[list[Cell]] = []
    for i in range(1, n_sp + 1):
        investig.append(
            [
                f"SP{i}",
                "Sondage pressiométrique",
                f"{rng.randint(8, 25)},0",
                "Forage destructif + essais Ménard tous les 1,5 m",
            ]
        )
    for i in range(1, n_pm + 1):
        investig.append(
            [
                f"PM{i}",
                "Sondage à la pelle mécanique",
                f"{rng.choice(['2,5', '3,0', '3,5', '4,0'])}",
                "Lever de coupe, prélèvements",
            ]
        )
    for i in range(1, n_pz + 1):
        investig.append(
            [f"Pz{i}", "Piézomètre", f"{rng.randint(6, 15)},0", "Relevés du niveau d'eau"]
        )
    model_rows: list[list[Cell]] = [
        [name, f"{top:.1f} - {bottom:.1f}".replace(".", ","), em, pl]
        for name, _d, top, bottom, em, pl in model
    ]
    bearing = next((m for m in model if m[5] >= 0.8), model[-1])
    deep = bearing[2] > 2.5
    found = (
        f"fondations profondes de type pieux forés tarière creuse ancrés d'au moins "
        f"{rng.choice([3, 4, 5])} m dans les {bearing[0].lower()} rencontrés à partir de "
        f"{bearing[2]:.1f} m".replace(".", ",")
        if deep
        else f"fondations superficielles de type semelles filantes et isolées, ancrées dans les "
        f"{bearing[0].lower()} à partir de {max(bearing[2], 0.8):.1f} m de profondeur".replace(
            ".", ","
        )
    )
    qels = round(bearing[5] * rng.uniform(0.25, 0.4), 2)
    blocks: list[Block] = [
        KV(
            [
                ("Client", w.developer.full if rng.random() < 0.5 else w.sccv.name),
                (
                    "Projet",
                    f"{w.programme} - {w.lots} logements - R+{rng.randint(2, 7)}"
                    + alt(rng, [" sur un niveau de sous-sol", "", " sur deux niveaux de sous-sol"]),
                ),
                ("Site", w.site.one_line()),
                ("Mission", f"G2 {phase} selon la norme NF P 94-500 (novembre 2013)"),
                ("Rapport n°", f"{report} - indice {rng.choice('ABC')}"),
                ("Date", fk.fr_date(visit + dt.timedelta(days=rng.randint(15, 40)))),
            ],
            boxed=True,
        ),
        H("1. Cadre de l'intervention"),
        P(
            f"À la demande de {w.developer.name}, nous avons réalisé une étude géotechnique de "
            f"conception, phase {phase}, pour la construction d'un ensemble de {w.lots} "
            f"logements représentant environ {fk.num(w.sdp_m2)} m² de surface de plancher. "
            "Le présent rapport a pour objet de définir le modèle géologique du site et les "
            "principes de fondation, de dallage et de terrassement. Il est établi sur la base "
            f"des plans transmis par l'architecte ({w.architect_firm.name})."
        ),
        H("2. Investigations réalisées"),
        P(
            f"Les travaux de reconnaissance ont été réalisés du {fk.fr_date(visit)} au "
            f"{fk.fr_date(visit + dt.timedelta(days=rng.randint(1, 6)))} ; leur implantation "
            "figure sur le plan en annexe 1. Les cotes sont données par rapport au terrain "
            "naturel au droit de chaque sondage."
        ),
        Table(
            ["Réf.", "Nature", "Prof. (m)", "Observations"], investig, widths=[0.7, 2.2, 0.8, 3.2]
        ),
        H("3. Modèle géotechnique"),
        P("La synthèse des sondages permet de retenir la succession suivante :"),
        Table(
            ["Formation", "Profondeur (m/TN)", "EM moyen (MPa)", "pl* moyen (MPa)"],
            model_rows,
            fmt="ttdd",
            widths=[2.5, 1.5, 1.2, 1.2],
        ),
        P(
            f"Des venues d'eau ont été observées à {fk.num(water, dec=1)} m de profondeur en "
            "fin de forage ; ce niveau est susceptible de remonter en période de hautes eaux."
            if water
            else "Aucune venue d'eau n'a été observée lors de nos investigations, qui ont "
            "été réalisées en période de basses eaux."
        ),
        H("4. Principes de fondation"),
        P(
            f"Compte tenu des descentes de charges transmises (de l'ordre de "
            f"{rng.randint(250, 900)} kN/ml sous voiles) et de la nature des sols, nous "
            f"préconisons des {found}."
        ),
        P(
            f"Contrainte de calcul à l'ELS : q = {qels:.2f} MPa ; tassements estimés inférieurs "
            f"à {rng.randint(1, 3)} cm, compatibles avec l'ouvrage projeté.".replace(".", ",", 1)
        ),
    ]
    extra = [
        (
            "5. Dallage et niveau bas",
            "Le niveau bas pourra être réalisé en dallage sur terre-plein après purge des "
            "remblais et mise en œuvre d'une couche de forme compactée, sous réserve d'un "
            "essai de plaque donnant EV2 supérieur ou égal à 50 MPa."
            if rng.random() < 0.6
            else "Compte tenu de la compressibilité des sols de surface, le plancher bas sera "
            "porté (vide sanitaire ou dalle portée sur les fondations).",
        ),
        (
            "6. Terrassements et soutènements",
            "Les terrassements pourront être réalisés avec des engins classiques. Les talus "
            "provisoires seront dressés à 3H/2V au maximum ; en limite de propriété, un "
            "soutènement de type paroi berlinoise ou parois clouées sera nécessaire.",
        ),
        (
            "7. Sismicité",
            f"Le site est classé en zone de sismicité {rng.randint(1, 3)} ; la classe de sol "
            f"retenue au sens de l'Eurocode 8 est {rng.choice(['B', 'C', 'D'])}.",
        ),
        (
            "8. Retrait-gonflement des argiles",
            f"Le site est situé en zone d'exposition {rng.choice(['faible', 'moyenne', 'forte'])} "
            "au phénomène de retrait-gonflement des argiles. Les fondations seront ancrées sous "
            "la zone d'influence des variations hydriques saisonnières.",
        ),
    ]
    for i, (t, body) in enumerate(rng.sample(extra, k=rng.randint(2, 4)), 5):
        blocks += [H(f"{i}. {t.split('. ', 1)[1]}"), P(body)]
    blocks += [
        H("Réserves"),
        P(
            "Le présent rapport et ses annexes forment un tout indissociable. Les conclusions "
            "sont établies à partir de sondages ponctuels : des hétérogénéités non détectées "
            "peuvent exister entre les points de reconnaissance. Conformément à la norme NF "
            "P 94-500, une mission G3 (à la charge de l'entreprise) et une mission G4 de "
            "supervision (à la charge du maître d'ouvrage) devront être réalisées en phase "
            "travaux.",
            style="small",
        ),
        Sign(
            [
                ["Rédacteur", fk.person(rng, w.today).name, "Ingénieur géotechnicien"],
                ["Vérificateur", fk.person(rng, w.today).name, "Chef de projet"],
            ]
        ),
    ]
    return Doc(
        _case(
            rng,
            alt(
                rng,
                [
                    f"Étude géotechnique de conception G2 {phase}",
                    "Rapport d'étude géotechnique",
                    f"Mission G2 {phase} - rapport",
                    "Étude de sol",
                ],
            ),
        ),
        blocks,
        head_left=letterhead(firm, rng),
        header=alt(rng, [f"{report} - {w.programme}", f"{firm.name} - Rapport {report}", ""]),
        footer=alt(rng, [f"{firm.name} - G2 {phase}", legal_footer(firm, rng), ""]),
        title_sub=alt(rng, [w.programme, f"{w.site.town} - {w.site.line}", ""]),
    )


@template("ETUDE_SOL", "pb_note_sondages_complementaires", scan=0.15)
def pb_note_sondages_complementaires(w: World, rng: random.Random) -> Doc:
    """Short technical note after a few extra boreholes, written as a letter."""
    firm = _geo_firm(w, rng)
    eng = fk.person(rng, w.today)
    d = w.permit_date + dt.timedelta(days=rng.randint(-60, 120))
    n = rng.randint(2, 4)
    model = _soil_model(rng)
    rows: list[list[Cell]] = []
    for i in range(1, n + 1):
        rows.append(
            [
                f"{rng.choice(['SC', 'PM', 'SP', 'ST'])}{i}",
                f"{rng.uniform(2, 12):.1f}".replace(".", ","),
                model[rng.randint(1, len(model) - 1)][0],
                alt(
                    rng,
                    [
                        "sec",
                        "eau à " + f"{rng.uniform(1, 6):.1f}".replace(".", ",") + " m",
                        "sec",
                        "suintements",
                    ],
                ),
            ]
        )
    blocks: list[Block] = [
        P(
            alt(
                rng,
                [
                    f"Objet : {w.programme} - sondages complémentaires - note technique",
                    f"Objet : compte rendu de reconnaissance complémentaire - {w.site.town}",
                    "Objet : étude de sol - résultats des sondages de reconnaissance",
                ],
            ),
            style="bold",
        ),
        P(alt(rng, ["Madame, Monsieur,", "Bonjour,", "Monsieur,"])),
        P(
            f"Suite à votre commande, nous sommes intervenus le {fk.fr_date(d)} sur le terrain "
            f"situé {w.site.one_line()} pour réaliser {n} sondages complémentaires au droit "
            + alt(
                rng,
                [
                    "du futur bâtiment B, non accessible lors de la première campagne.",
                    "de la rampe d'accès au sous-sol.",
                    "de l'ancienne construction démolie.",
                    "des zones où des remblais épais avaient été suspectés.",
                ],
            )
        ),
        Table(
            ["Sondage", "Profondeur atteinte (m)", "Horizon porteur", "Eau"],
            rows,
            widths=[1, 1.5, 2.5, 1.5],
        ),
        P(
            "Ces résultats "
            + alt(
                rng,
                [
                    "confirment le modèle géotechnique de notre rapport G2 initial ; les "
                    "recommandations de fondation restent inchangées.",
                    "mettent en évidence un approfondissement local du toit de la couche "
                    "porteuse ; les semelles de la zone concernée devront être descendues "
                    "d'environ "
                    f"{rng.choice(['0,50', '0,80', '1,00'])} m ou remplacées par des puits.",
                    "montrent la présence de remblais compressibles plus épais que prévu ; "
                    "nous recommandons la purge et la substitution de ces matériaux sous les "
                    "dallages.",
                ],
            )
        ),
        P(
            "La présente note complète notre rapport d'étude géotechnique "
            f"n° {ids.ref(rng, 'AA99.9999')} dont elle est indissociable (mission "
            f"{rng.choice(['G2 AVP', 'G2 PRO', 'G5'])} au sens de la norme NF P 94-500)."
        ),
        P(alt(rng, ["Cordialement,", "Nous restons à votre disposition.", "Bien à vous,"])),
        Sign(
            [
                [
                    eng.name,
                    alt(
                        rng,
                        ["Ingénieur géotechnicien", "Chargé d'affaires", "Responsable d'agence"],
                    ),
                ]
            ]
        ),
    ]
    return Doc(
        alt(rng, ["", "NOTE TECHNIQUE", "Compte rendu de sondages"]),
        blocks,
        head_left=letterhead(firm, rng),
        head_right=[
            *recipient(w.developer, w.developer.manager.formal),
            "",
            f"Le {fk.fr_date(d + dt.timedelta(days=rng.randint(3, 15)))}",
        ],
    )


# ---------------------------------------------------------------------------------------------
# DIAGNOSTICS


_ISDI = [
    ("Hydrocarbures totaux C10-C40", "mg/kg MS", 500.0),
    ("HAP (somme des 16)", "mg/kg MS", 50.0),
    ("BTEX", "mg/kg MS", 6.0),
    ("PCB (somme des 7)", "mg/kg MS", 1.0),
    ("Carbone organique total", "mg/kg MS", 30000.0),
]
_METALS = [
    ("Arsenic", 25.0),
    ("Plomb", 60.0),
    ("Cuivre", 30.0),
    ("Zinc", 100.0),
    ("Mercure", 0.2),
    ("Chrome", 70.0),
    ("Nickel", 40.0),
]


@template("DIAGNOSTICS", "pb_diag_sols_analyses", formats=("pdf", "docx", "xlsx"), scan=0.05)
def pb_diag_sols_analyses(w: World, rng: random.Random) -> Doc:
    """Soil-quality diagnosis with the laboratory results table against ISDI limits."""
    firm = fk.company(
        rng,
        w.today,
        alt(
            rng,
            [
                f"{rng.choice(fk.LAST)} Environnement",
                "EnviroSites Conseil",
                f"Terra {rng.choice(fk.REGIONS)}",
            ],
        ),
        "SAS",
    )
    samples = [
        f"T{i}-{rng.choice(['0,5', '1,0', '1,5', '2,0'])}" for i in range(1, rng.randint(4, 7))
    ]
    hot = rng.random() < 0.5
    rows: list[list[Cell]] = []
    for param, unit, lim in _ISDI:
        vals: list[Cell] = []
        for _ in samples:
            v = lim * rng.uniform(0.01, 0.6)
            if hot and rng.random() < 0.2 and param != "Carbone organique total":
                v = lim * rng.uniform(1.1, 6)
            vals.append(round(v, 2) if lim < 100 else round(v))
        rows.append([param, unit, *vals, lim])
    for metal, bg in rng.sample(_METALS, k=rng.randint(3, 6)):
        vals = [round(bg * rng.uniform(0.3, 3.5 if hot else 1.4), 1) for _ in samples]
        rows.append([f"{metal} (contenu total)", "mg/kg MS", *vals, "-"])
    over = sum(
        1
        for r in rows
        for v in r[2:-1]
        if isinstance(v, float) and isinstance(r[-1], float) and v > r[-1]
    )
    blocks: list[Block] = [
        KV(
            [
                ("Maître d'ouvrage", w.sccv.name),
                ("Site", f"{w.site.one_line()} ({w.cadastre})"),
                (
                    "Prestations",
                    f"{rng.choice(['A200', 'A100 + A200', 'A110 + A200 + A230', 'DIAG'])} - norme "
                    "NF X31-620-2",
                ),
                ("Surface étudiée", f"{fk.num(w.land_m2)} m²"),
                (
                    "Version",
                    f"V{rng.randint(1, 3)} du "
                    f"{fk.fr_date(w.today - dt.timedelta(days=rng.randint(30, 500)))}",
                ),
            ]
        ),
        H("Résumé non technique"),
        P(
            "Dans le cadre du projet de construction de logements, le maître d'ouvrage a "
            "souhaité disposer d'un état de la qualité des sols au droit des futures zones "
            f"d'excavation. {len(samples)} sondages ont été réalisés à la pelle mécanique "
            "et les échantillons analysés par un laboratoire accrédité."
        ),
        P(
            (
                f"Les analyses montrent {over} dépassement(s) des seuils d'acceptation en "
                "installation de stockage de déchets inertes (ISDI). Les terres concernées "
                "devront être orientées vers une filière adaptée (ISDI+ ou ISDND), ce qui "
                "représente un surcoût à intégrer au bilan de l'opération."
            )
            if over
            else "Les résultats d'analyse sont inférieurs aux seuils d'acceptation en ISDI "
            "fixés par l'arrêté ministériel du 12 décembre 2014 ; les déblais pourront être "
            "évacués en filière inerte, sous réserve des analyses sur lixiviat."
        ),
        H("Résultats analytiques"),
        Table(
            ["Paramètre", "Unité", *samples, "Seuil ISDI"],
            rows,
            fmt="tt" + "d" * (len(samples) + 1),
            title=alt(
                rng,
                [
                    "Tableau 1 - Analyses sur sol brut",
                    "Résultats laboratoire",
                    "Synthèse des analyses",
                ],
            ),
        ),
        P(
            "Pour les métaux, les teneurs sont comparées aux gammes de valeurs couramment "
            "observées dans les sols ordinaires (référentiel ASPITET / INRAE).",
            style="small",
        ),
        H("Schéma conceptuel et recommandations"),
        Bullets(
            rng.sample(
                [
                    "Recouvrement des espaces verts par 30 cm de terre saine d'apport ;",
                    "Gestion des déblais selon leur qualité, avec traçabilité (bordereaux de "
                    "suivi) ;",
                    "Mise en place de canalisations d'eau potable adaptées en zone impactée ;",
                    "Réalisation d'un plan de gestion et d'une analyse des risques résiduels ;",
                    "Vérification de la qualité de l'air du sol sous les futurs bâtiments ;",
                    "Absence de restriction d'usage particulière pour un usage résidentiel.",
                ],
                k=rng.randint(2, 4),
            )
        ),
        P(
            "Les résultats ne valent que pour les points de prélèvement et à la date des "
            "investigations.",
            style="small",
        ),
        Sign([[fk.person(rng, w.today).name, "Chef de projet sites et sols pollués"]]),
    ]
    return Doc(
        _case(
            rng,
            alt(
                rng,
                [
                    "Diagnostic de la qualité des sols",
                    "Diagnostic environnemental du milieu souterrain",
                    "Rapport de diagnostic pollution",
                    "Investigations sur les sols - rapport",
                ],
            ),
        ),
        blocks,
        head_left=letterhead(firm, rng),
        landscape=len(samples) > 5,
    )


@template("DIAGNOSTICS", "pb_archeo_prescription_liberation", scan=0.3)
def pb_archeo_prescription_liberation(w: World, rng: random.Random) -> Doc:
    """Prefect's archaeology decision: either prescribing a diagnosis or releasing the land."""
    region, seat, _ = _region(w)
    head = [
        "PRÉFET DE LA RÉGION " + region.upper(),
        "Direction régionale des affaires culturelles",
        "Service régional de l'archéologie",
        f"{rng.randint(1, 60)} {rng.choice(fk.STREET_TYPES)} {rng.choice(fk.STREET_NAMES)}",
        seat.upper(),
    ]
    d = w.permit_date - dt.timedelta(days=rng.randint(20, 120))
    if rng.random() < 0.5:
        blocks: list[Block] = [
            P(
                f"Arrêté n° {ids.ref(rng, '9999-999')} portant prescription d'un diagnostic "
                "d'archéologie préventive",
                style="bold",
            ),
            P("Le préfet de région,", style="bold"),
            P("Vu le code du patrimoine, et notamment son livre V ;", style="small"),
            P(
                f"Vu le dossier de demande de permis de construire n° {w.permit_no}, reçu le "
                f"{fk.fr_date(d - dt.timedelta(days=rng.randint(10, 30)))}, déposé par la "
                f"{w.sccv.name} ;",
                style="small",
            ),
            P(
                "Considérant que le projet est situé dans un secteur où sont connus des "
                + alt(
                    rng,
                    [
                        "vestiges d'occupation gallo-romaine",
                        "indices de site protohistorique",
                        "éléments d'un parcellaire médiéval",
                        "vestiges néolithiques",
                    ],
                )
                + ", et que les travaux projetés, par leur emprise et leur profondeur, sont "
                "susceptibles d'affecter des éléments du patrimoine archéologique ;",
                style="small",
            ),
            P("ARRÊTE", align="center", style="bold"),
            P(
                f"Article 1er : Un diagnostic d'archéologie préventive sera réalisé sur le "
                f"terrain situé {w.site.one_line()}, parcelles {w.cadastre}, d'une superficie "
                f"de {fk.num(w.land_m2)} m²."
            ),
            P(
                "Article 2 : Le diagnostic a pour objet de mettre en évidence et de caractériser "
                "les éléments du patrimoine archéologique éventuellement présents. Il sera "
                "réalisé par l'Institut national de recherches archéologiques préventives ou par "
                "un service archéologique de collectivité territoriale agréé."
            ),
            P(
                "Article 3 : Le présent arrêté sera notifié à l'aménageur et à l'autorité "
                "compétente pour délivrer l'autorisation d'urbanisme."
            ),
            _sign_date(w, rng, d, seat),
            Sign(
                [
                    [
                        "Pour le préfet de région et par délégation,",
                        "Le conservateur régional de l'archéologie",
                    ]
                ]
            ),
        ]
        title = alt(rng, ["", "ARRÊTÉ", "Archéologie préventive"])
    else:
        end = d - dt.timedelta(days=rng.randint(20, 90))
        blocks = [
            P(
                f"Objet : {w.site.town} - {w.site.line} - libération du terrain",
                style="bold",
            ),
            P("Madame, Monsieur,"),
            P(
                f"Le diagnostic d'archéologie préventive prescrit sur le terrain d'assiette de "
                f"votre projet ({w.cadastre}) a été réalisé et son rapport a été remis au "
                f"service régional de l'archéologie le {fk.fr_date(end)}."
            ),
            P(
                alt(
                    rng,
                    [
                        "Au vu des résultats, négatifs ou de faible intérêt, aucune prescription "
                        "de fouille ne sera émise.",
                        "Les vestiges mis au jour, arasés et très lacunaires, ne justifient pas "
                        "la prescription d'une fouille préventive.",
                    ],
                )
                + " En conséquence, le terrain est libéré de toute contrainte au titre de "
                "l'archéologie préventive, pour le projet tel que présenté."
            ),
            P(
                "Je vous rappelle toutefois qu'en cas de découverte fortuite lors des "
                "travaux, celle-ci doit être immédiatement déclarée au maire de la commune, "
                "conformément à l'article L531-14 du code du patrimoine."
            ),
            P(
                "Je vous prie d'agréer, Madame, Monsieur, l'expression de mes salutations "
                "distinguées."
            ),
            Sign(
                [
                    [
                        "Pour le préfet de région et par délégation,",
                        "Le conservateur régional de l'archéologie, "
                        f"{fk.person(rng, w.today).name}",
                    ]
                ]
            ),
        ]
        title = ""
    return Doc(
        title,
        blocks,
        head_left=head,
        head_right=[*recipient(w.sccv), "", f"Affaire suivie par : {fk.person(rng, w.today).name}"]
        if not title
        else [],
    )


# ---------------------------------------------------------------------------------------------
# PLANS_NOTICE


_ROOMS: dict[str, list[tuple[str, list[str]]]] = {
    "Entrée et dégagements": [
        (
            "Sols",
            [
                "Carrelage grès cérame 60x60 cm, plinthes assorties",
                "Revêtement PVC en lés imitation parquet, plinthes bois peintes",
            ],
        ),
        (
            "Murs",
            ["Peinture acrylique finition velours blanc", "Peinture lisse mate, deux couches"],
        ),
        (
            "Équipement",
            [
                "Placard avec portes coulissantes miroir selon plan",
                "Tableau électrique en gaine technique logement (GTL)",
            ],
        ),
    ],
    "Séjour": [
        (
            "Sols",
            [
                "Parquet contrecollé chêne 10 mm, pose flottante",
                "Carrelage 45x45 cm",
                "Revêtement stratifié 8 mm sur sous-couche acoustique",
            ],
        ),
        (
            "Menuiseries",
            [
                "Baies coulissantes aluminium à rupture de pont thermique",
                "Porte-fenêtre PVC blanc oscillo-battante",
            ],
        ),
        (
            "Occultations",
            [
                "Volets roulants à lames aluminium, manœuvre électrique",
                "Volets roulants PVC, commande filaire",
            ],
        ),
    ],
    "Cuisine": [
        (
            "Équipement",
            [
                "Évier inox 1 bac sur meuble 120 cm, attentes lave-vaisselle et lave-linge",
                "Kitchenette équipée (T1 et T2) : plaque vitrocéramique, hotte, réfrigérateur top",
            ],
        ),
        (
            "Faïence",
            [
                "Crédence faïence 20x20 cm sur 60 cm de hauteur au droit de l'évier",
                "Faïence toute hauteur sur le linéaire de l'évier",
            ],
        ),
    ],
    "Salle de bains / salle d'eau": [
        (
            "Appareils",
            [
                "Baignoire acrylique 170x70 cm ou receveur extra-plat 90x120 cm selon plan",
                "Meuble vasque 80 cm avec miroir et bandeau lumineux",
            ],
        ),
        (
            "Murs",
            [
                "Faïence 25x40 cm toute hauteur au droit de la baignoire ou de la douche",
                "Faïence 30x60 cm sur 2,10 m en périphérie",
            ],
        ),
        ("Chauffage", ["Sèche-serviettes électrique", "Radiateur sèche-serviettes eau chaude"]),
    ],
    "Chambres": [
        (
            "Sols",
            ["Revêtement stratifié sur sous-couche acoustique", "Moquette en lés, plinthes bois"],
        ),
        ("Rangements", ["Placard aménagé (penderie + étagère) selon plan", "Sans placard"]),
    ],
    "Loggias, balcons, terrasses": [
        (
            "Sols",
            [
                "Dalles grès cérame sur plots",
                "Béton brut finition balayée",
                "Lames bois composite sur lambourdes",
            ],
        ),
        (
            "Garde-corps",
            ["Barreaudage acier thermolaqué", "Vitrage feuilleté sur montants aluminium"],
        ),
        (
            "Équipements",
            [
                "Point lumineux en applique et prise étanche",
                "Robinet de puisage (terrasses en rez-de-chaussée)",
            ],
        ),
    ],
}


@template("PLANS_NOTICE", "pb_descriptif_prestations_tableau", formats=("pdf", "docx"), scan=0.05)
def pb_descriptif_prestations_tableau(w: World, rng: random.Random) -> Doc:
    """Buyers' specification laid out as room-by-room tables rather than numbered sections."""
    heating = alt(
        rng,
        [
            "Pompe à chaleur collective air/eau, émission par radiateurs basse température",
            "Chaudières gaz à condensation collectives, radiateurs acier à robinets "
            "thermostatiques",
            "Raccordement au réseau de chaleur urbain, plancher chauffant basse température",
            "Pompes à chaleur individuelles, plancher chauffant",
        ],
    )
    general: list[list[Cell]] = [
        ["Fondations", "Selon étude de sol et calculs du bureau d'études structure"],
        [
            "Structure",
            alt(
                rng,
                [
                    "Voiles et planchers béton armé",
                    "Ossature béton, façades à ossature bois",
                    "Murs en briques, planchers béton",
                ],
            ),
        ],
        [
            "Façades",
            alt(
                rng,
                [
                    "Enduit minéral gratté, teinte selon permis",
                    "Parement brique et enduit",
                    "Isolation thermique par l'extérieur, finition enduit",
                ],
            ),
        ],
        [
            "Toiture",
            alt(
                rng,
                [
                    "Terrasse étanchée végétalisée",
                    "Couverture tuiles terre cuite",
                    "Toiture zinc à joints debout",
                ],
            ),
        ],
        ["Chauffage / ECS", heating],
        ["Ventilation", "VMC simple flux hygroréglable type B"],
        [
            "Performance",
            alt(
                rng, ["Conforme RE2020 - seuil 2025", "Conforme RE2020", "RE2020 - label BBCA visé"]
            ),
        ],
    ]
    rooms = rng.sample(list(_ROOMS.items()), k=rng.randint(4, len(_ROOMS)))
    heads = rng.choice(
        [
            (
                "A - Caractéristiques générales",
                "B - Prestations des logements",
                "C - Parties communes et annexes",
            ),
            ("GÉNÉRALITÉS", "LES LOGEMENTS", "PARTIES COMMUNES"),
            ("1. L'immeuble", "2. Les parties privatives", "3. Les parties communes"),
        ]
    )
    blocks: list[Block] = [
        KV(
            [
                ("Programme", f"{w.programme} - {w.lots} logements"),
                ("Adresse", w.site.one_line()),
                ("Maître d'ouvrage", w.sccv.name),
                ("Architecte", w.architect_firm.name),
                ("Permis de construire", f"n° {w.permit_no} du {fk.fr_date(w.permit_date)}"),
            ],
            boxed=rng.random() < 0.5,
        ),
        P(
            alt(
                rng,
                [
                    "La présente notice décrit les prestations prévues pour la construction. "
                    "Elle est annexée au contrat de réservation et à l'acte de vente en l'état "
                    "futur d'achèvement.",
                    "Notice établie conformément à l'article R261-13 du code de la construction "
                    "et de l'habitation, pour être annexée aux contrats de vente.",
                    "Descriptif sommaire des prestations - document non contractuel avant "
                    "signature de l'acte authentique.",
                ],
            ),
            style="italic",
        ),
        H(heads[0]),
        Table(["Ouvrage", "Prestation"], general, widths=[1.5, 5]),
        H(heads[1]),
    ]
    for room, items in rooms:
        rows: list[list[Cell]] = [[poste, alt(rng, choices)] for poste, choices in items]
        blocks.append(Table([room, ""], rows, widths=[1.5, 5]))
    if rng.random() < 0.7:
        blocks += [
            H(heads[2]),
            Bullets(
                rng.sample(
                    [
                        "Hall d'entrée : sol carrelage grand format, miroir, boîtes aux lettres "
                        "normalisées",
                        "Contrôle d'accès par vidéophone et badges Vigik",
                        "Ascenseur desservant tous les "
                        f"niveaux{' y compris le sous-sol' if rng.random() < 0.5 else ''}",
                        "Local vélos éclairé, arceaux de stationnement",
                        "Parkings en sous-sol, porte automatique commandée par télécommande",
                        "Espaces verts plantés, arrosage automatique",
                        "Local poubelles ventilé avec point d'eau",
                        "Pré-équipement pour recharge de véhicules électriques",
                    ],
                    k=rng.randint(3, 6),
                )
            ),
        ]
    blocks.append(
        P(
            "Les marques et modèles sont cités à titre indicatif ; le maître d'ouvrage pourra "
            "leur substituer des produits de qualité équivalente, notamment en cas de "
            "disparition d'un produit ou d'exigence technique. Les cotes et surfaces indiquées "
            "sur les plans sont susceptibles de légères variations.",
            style="small",
        )
    )
    if rng.random() < 0.5:
        blocks.append(Sign([["Le réservant", w.sccv.name], ["Le réservataire", "(paraphe)"]]))
    return Doc(
        _case(
            rng,
            alt(
                rng,
                [
                    "Notice descriptive",
                    "Notice descriptive sommaire",
                    "Descriptif des prestations",
                    "Notice technique des prestations",
                ],
            ),
        ),
        blocks,
        title_sub=alt(rng, [w.programme, f"Résidence {w.programme}", ""]),
        footer=alt(
            rng,
            [
                f"{w.developer.name} - notice indice {rng.choice('ABCD')}",
                "",
                f"Paraphes : ____ {w.programme}",
            ],
        ),
    )


@template("PLANS_NOTICE", "pb_bordereau_plans_surfaces", formats=("pdf", "xlsx", "docx"), scan=0.05)
def pb_bordereau_plans_surfaces(w: World, rng: random.Random) -> Doc:
    """Drawings register plus surface breakdown per level, as an architect's practice issues."""
    phase = rng.choice(["PC", "PRO", "DCE", "EXE", "PC modificatif"])
    levels = (["Sous-sol"] if rng.random() < 0.6 else []) + ["RDC"]
    levels += [f"R+{i}" for i in range(1, rng.randint(2, 7))]
    drawings: list[list[Cell]] = []
    idx = 1
    base = [
        ("Plan de situation", "1/5000"),
        ("Plan de masse", "1/200"),
        ("Plan des réseaux extérieurs", "1/200"),
    ]
    for lvl in levels:
        base.append((f"Plan du niveau {lvl}", "1/100"))
    base += [
        ("Plan de toiture", "1/100"),
        ("Coupes AA et BB", "1/100"),
        ("Façades nord et sud", "1/100"),
        ("Façades est et ouest", "1/100"),
        ("Carnet de détails menuiseries", "1/20"),
    ]
    code = ids.ref(rng, "AAA")
    for title, scale in base:
        ind = rng.choice("ABCD")
        drawings.append(
            [
                f"{code}-{phase.split()[0]}-{idx:03d}",
                title,
                scale,
                ind,
                fk.fr_date(w.permit_date - dt.timedelta(days=rng.randint(-200, 200))),
            ]
        )
        idx += 1
    surf: list[list[Cell]] = []
    remaining = w.sdp_m2
    lots_left = w.lots
    living = [lv for lv in levels if lv != "Sous-sol"]
    for i, lvl in enumerate(living):
        last = i == len(living) - 1
        n_lots = lots_left if last else max(1, round(w.lots / len(living) * rng.uniform(0.8, 1.1)))
        n_lots = min(n_lots, lots_left)
        lots_left -= n_lots
        sdp = remaining if last else round(w.sdp_m2 * n_lots / max(1, w.lots))
        remaining -= sdp
        shab = round(sdp * rng.uniform(0.88, 0.94), 1)
        ext = round(n_lots * rng.uniform(4, 14), 1)
        surf.append([lvl, n_lots, float(sdp), shab, ext])
    surf.append(
        [
            "TOTAL",
            sum(int(r[1]) for r in surf),
            float(sum(float(r[2]) for r in surf)),
            round(sum(float(r[3]) for r in surf), 1),
            round(sum(float(r[4]) for r in surf), 1),
        ]
    )
    blocks: list[Block] = [
        P(
            f"Opération : {w.programme} - {w.site.one_line()} - maître d'ouvrage {w.sccv.name}",
            style="bold",
        ),
        P(f"Phase : {phase} - diffusion n° {rng.randint(1, 12)} du {fk.fr_date(w.today)}"),
        Table(
            ["N° de plan", "Désignation", "Échelle", "Indice", "Date"],
            drawings,
            widths=[1.6, 3.4, 0.8, 0.6, 1.0],
            title=alt(
                rng, ["Liste des documents graphiques", "Bordereau de plans", "Index des plans"]
            ),
        ),
        Table(
            [
                "Niveau",
                "Logements",
                "Surface de plancher (m²)",
                "Surface habitable (m²)",
                "Surfaces annexes (m²)",
            ],
            surf,
            fmt="tnddd",
            total=1,
            title=alt(
                rng, ["Tableau des surfaces par niveau", "Récapitulatif des surfaces", "Surfaces"]
            ),
        ),
    ]
    if rng.random() < 0.5:
        blocks.append(
            P(
                "Surfaces de plancher calculées selon l'article R111-22 du code de "
                "l'urbanisme ; surfaces habitables selon l'article R156-1 du code de la "
                "construction et de l'habitation.",
                style="small",
            )
        )
    return Doc(
        alt(
            rng,
            [
                "Bordereau des plans et tableau des surfaces",
                "LISTE DES PLANS",
                "Dossier plans - surfaces",
                "Carnet de plans - sommaire",
            ],
        ),
        blocks,
        head_left=[
            w.architect_firm.full,
            "Architectes DPLG / DE-HMONP",
            *w.architect_firm.address.lines(),
        ],
        footer=alt(
            rng,
            [
                f"{w.architect_firm.name} - document de travail",
                "",
                "Les cotes sont à vérifier sur place",
            ],
        ),
    )


# ---------------------------------------------------------------------------------------------
# PLANNING


_TASKS = [
    ("Préparation de chantier", 20, ""),
    ("Installation de chantier", 10, "1"),
    ("Terrassements généraux", 25, "2"),
    ("Fondations", 30, "3"),
    ("Réseaux enterrés", 15, "3"),
    ("Infrastructure / sous-sol", 40, "4"),
    ("Gros œuvre superstructure", 120, "6"),
    ("Charpente - couverture - étanchéité", 35, "7FS-20j"),
    ("Mise hors d'eau", 0, "8"),
    ("Menuiseries extérieures", 40, "7FS-10j"),
    ("Mise hors d'air", 0, "10"),
    ("Cloisons - doublages", 60, "11"),
    ("Plomberie - CVC", 70, "11DD+10j"),
    ("Électricité CFO/CFA", 65, "11DD+10j"),
    ("Chapes - carrelages - faïences", 45, "12"),
    ("Peintures - sols souples", 40, "15"),
    ("Ascenseurs", 30, "7"),
    ("VRD - espaces verts", 45, "7FD"),
    ("Opérations préalables à la réception", 15, "16;18"),
    ("Réception", 0, "19"),
    ("Livraison aux acquéreurs", 20, "20"),
]


def _progress(today: dt.date, begin: dt.date, end: dt.date) -> int:
    if today >= end:
        return 100
    if today <= begin:
        return 0
    return int((today - begin).days * 100 / max(1, (end - begin).days)) // 5 * 5


def _add_workdays(d: dt.date, n: int) -> dt.date:
    while n > 0:
        d += dt.timedelta(days=1)
        if d.weekday() < 5:
            n -= 1
    return d


@template("PLANNING", "pb_planning_taches_export", formats=("pdf", "xlsx"), scan=0.03)
def pb_planning_taches_export(w: World, rng: random.Random) -> Doc:
    """Scheduling-software export: id, task, duration, start, finish, predecessors."""
    factor = max(0.6, min(1.8, w.lots / 45))
    rows: list[list[Cell]] = []
    start = w.start_date
    cursor = start
    ends: dict[int, dt.date] = {}
    tasks = list(_TASKS)
    if rng.random() < 0.4:
        tasks = [t for t in tasks if t[0] != "Ascenseurs"] if w.lots < 20 else tasks
    for i, (name, dur, pred) in enumerate(tasks, 1):
        days = 0 if dur == 0 else max(3, round(dur * factor * rng.uniform(0.8, 1.25)))
        if pred:
            refs = [
                int("".join(ch for ch in p.split("F")[0].split("D")[0] if ch.isdigit()) or 1)
                for p in pred.split(";")
            ]
            base = max(ends.get(r, cursor) for r in refs)
            if "FS-" in pred or "DD" in pred or "FD" in pred:
                base = base - dt.timedelta(days=rng.randint(10, 40))
            begin = max(start, base)
        else:
            begin = start
        end = _add_workdays(begin, days)
        ends[i] = end
        cursor = end
        rows.append(
            [
                i,
                name,
                f"{days} j" if days else "0 j",
                fk.fr_date(begin),
                fk.fr_date(end),
                pred.replace("FS", "FD") if rng.random() < 0.5 else pred,
                f"{_progress(w.today, begin, end)} %",
            ]
        )
    blocks: list[Block] = [
        KV(
            [
                ("Projet", f"{w.programme} - {w.lots} logements"),
                ("Maître d'ouvrage", w.sccv.name),
                (
                    "Pilote OPC",
                    alt(
                        rng,
                        [
                            w.architect_firm.name,
                            f"{rng.choice(fk.LAST)} OPC",
                            "Cabinet d'ordonnancement " + rng.choice(fk.LAST),
                        ],
                    ),
                ),
                ("Date d'état", fk.fr_date(w.today)),
                ("Version", f"{rng.choice(['V', 'Ind. '])}{rng.randint(1, 9)}"),
            ]
        ),
        Table(
            ["N°", "Nom de la tâche", "Durée", "Début", "Fin", "Prédécesseurs", "% achevé"],
            rows,
            fmt="nt",
            widths=[0.4, 3.2, 0.7, 1.0, 1.0, 1.1, 0.8],
        ),
        P(
            "Durées exprimées en jours ouvrés, hors congés de fin d'année et intempéries. "
            "Calendrier de référence : "
            f"{alt(rng, ['5 jours / semaine', 'standard BTP', 'lundi-vendredi'])}.",
            style="small",
        ),
    ]
    if rng.random() < 0.6:
        blocks.append(
            KV(
                [
                    ("Jalon - fondations terminées", str(rows[3][4])),
                    ("Jalon - hors d'eau", str(rows[8][4])),
                    ("Jalon - hors d'air", str(rows[10][4])),
                    ("Jalon - réception", str(rows[-2][4])),
                ],
                boxed=True,
            )
        )
    return Doc(
        alt(
            rng,
            [
                "Planning d'exécution",
                "PLANNING DÉTAILLÉ TCE",
                "Calendrier d'exécution des travaux",
                "Planning travaux",
            ],
        ),
        blocks,
        landscape=rng.random() < 0.6,
        header=alt(
            rng, [f"{w.programme} - planning", "Imprimé depuis le logiciel de planification", ""]
        ),
        footer=alt(rng, [f"Page 1 - état au {fk.fr_date(w.today)}", ""]),
    )


@template("PLANNING", "pb_note_calendrier_opc", scan=0.1)
def pb_note_calendrier_opc(w: World, rng: random.Random) -> Doc:
    """OPC's short memo announcing the contractual schedule or its re-baselining."""
    opc = alt(
        rng,
        [
            w.architect_firm.name,
            f"{rng.choice(fk.LAST)} Coordination",
            f"OPC {rng.choice(fk.REGIONS)}",
        ],
    )
    author = fk.person(rng, w.today)
    recal = rng.random() < 0.5
    slip = rng.randint(10, 60) if recal else 0
    bad_days = rng.randint(3, 25)
    s = w.start_date
    total = (w.delivery_date - s).days
    ms = [
        ("Ouverture du chantier", s),
        ("Fin des terrassements", s + dt.timedelta(days=round(total * 0.08))),
        ("Fin des fondations", s + dt.timedelta(days=round(total * 0.15))),
        ("Fin du gros œuvre", s + dt.timedelta(days=round(total * 0.5))),
        ("Mise hors d'eau", s + dt.timedelta(days=round(total * 0.55))),
        ("Mise hors d'air", s + dt.timedelta(days=round(total * 0.62))),
        ("Fin des corps d'état secondaires", s + dt.timedelta(days=round(total * 0.9))),
        ("Réception des travaux", s + dt.timedelta(days=round(total * 0.96))),
        ("Livraison", w.delivery_date),
    ]
    rows: list[list[Cell]] = []
    for label, d in ms:
        row: list[Cell] = [label, fk.fr_date(d)]
        if recal:
            nd = d + dt.timedelta(days=slip if d > w.today else 0)
            row.append(fk.fr_date(nd))
        rows.append(row)
    header = ["Jalon", "Date contractuelle"] + (["Date recalée"] if recal else [])
    blocks: list[Block] = [
        P(
            f"Objet : {w.programme} - "
            + ("recalage du planning" if recal else "calendrier contractuel des travaux"),
            style="bold",
        ),
        P(alt(rng, ["Mesdames, Messieurs,", "Bonjour à tous,", "Madame, Monsieur,"])),
        P(
            (
                f"Suite à la réunion de chantier n° {rng.randint(12, 60)}, nous vous "
                f"transmettons le planning recalé (indice {rng.choice('BCDE')}). Le chantier a "
                f"subi {bad_days} jours d'intempéries justifiés par les relevés Météo-France "
                "ainsi qu'un retard de l'entreprise de "
                f"{rng.choice(['gros œuvre', 'menuiseries', 'plomberie'])}. "
                f"Le décalage global est de {slip} jours calendaires."
            )
            if recal
            else (
                "Vous trouverez ci-dessous les principaux jalons du calendrier contractuel "
                "d'exécution, établi en concertation avec les entreprises lors de la période "
                "de préparation. Ce calendrier est contractuel pour l'ensemble des lots."
            )
        ),
        Table(header, rows, widths=[3, 1.4] + ([1.4] if recal else [])),
        P(
            "Les entreprises sont invitées à faire part de leurs observations sous huit jours. "
            "À défaut, le présent calendrier sera réputé accepté."
            if rng.random() < 0.6
            else "Nous rappelons que les pénalités de retard prévues aux marchés s'appliquent "
            "par rapport aux dates ci-dessus."
        ),
        Sign([[author.name, f"Pilote OPC - {opc}"]]),
    ]
    if rng.random() < 0.5:
        blocks.insert(
            4,
            P(
                f"Diffusion : MOA ({w.sccv.name}), MOE, bureau de contrôle, toutes entreprises.",
                style="small",
            ),
        )
    return Doc(
        alt(rng, ["", "NOTE D'INFORMATION", "Planning - jalons principaux"]),
        blocks,
        head_left=[opc, "Ordonnancement - Pilotage - Coordination", fk.address(rng).one_line()],
        head_right=[f"Le {fk.fr_date(w.today)}", f"Réf. {ids.ref(rng, 'OPC-999')}"],
    )


# ---------------------------------------------------------------------------------------------
# CONTRAT_MOE


_PHASES = [
    ("ESQ", "Esquisse", 4),
    ("APS", "Avant-projet sommaire", 7),
    ("APD", "Avant-projet définitif", 10),
    ("PC", "Dossier de demande de permis de construire", 6),
    ("PRO", "Études de projet", 14),
    ("ACT", "Assistance pour la passation des marchés (DCE et analyse)", 7),
    ("VISA", "Visa des études d'exécution", 6),
    ("DET", "Direction de l'exécution des travaux", 32),
    ("AOR", "Assistance aux opérations de réception", 6),
    ("DOE", "Dossier des ouvrages exécutés", 2),
    ("GPA", "Suivi de la garantie de parfait achèvement", 6),
]


@template("CONTRAT_MOE", "pb_contrat_moe_honoraires", formats=("pdf", "docx"), scan=0.05)
def pb_contrat_moe_honoraires(w: World, rng: random.Random) -> Doc:
    """Design-and-supervision contract whose centre is the fee split per phase."""
    scope = rng.choice(["complete", "conception", "execution"])
    phases = {
        "complete": _PHASES,
        "conception": _PHASES[:6],
        "execution": _PHASES[5:],
    }[scope]
    moe = (
        w.architect_firm
        if scope != "execution" or rng.random() < 0.5
        else fk.company(rng, w.today, f"{rng.choice(fk.LAST)} Ingénierie - MOEX", "SAS")
    )
    rate = Decimal(
        str(round(rng.uniform(0.025, 0.06) if scope != "complete" else rng.uniform(0.07, 0.11), 4))
    )
    base = d2(Decimal(w.works_ht))
    fee = d2(base * rate)
    weight = sum(p[2] for p in phases)
    rows: list[list[Cell]] = []
    acc = Decimal("0")
    for i, (code, label, wt) in enumerate(phases):
        amt = fee - acc if i == len(phases) - 1 else d2(fee * wt / weight)
        acc += amt
        rows.append([code, label, round(wt * 100 / weight, 1), float(amt)])
    tva = d2(fee * Decimal("0.2"))
    rows += [
        ["", "Total honoraires HT", 100.0, float(fee)],
        ["", "TVA 20 %", "", float(tva)],
        ["", "Total TTC", "", float(fee + tva)],
    ]
    art_titles = [
        (
            "Objet du contrat",
            f"Le présent contrat a pour objet de confier au maître d'œuvre, pour "
            f"l'opération de construction de {w.lots} logements située {w.site.one_line()}, les "
            "missions décrites à l'article 3, dans le respect du programme et de l'enveloppe "
            f"financière prévisionnelle des travaux fixée à {fk.money(w.works_ht)} HT.",
        ),
        (
            "Documents contractuels",
            "Le contrat se compose, par ordre de priorité : du présent "
            "document, du cahier des clauses particulières, du programme du maître d'ouvrage, "
            "et de l'attestation d'assurance du maître d'œuvre.",
        ),
        (
            "Assurances",
            f"Le maître d'œuvre justifie être assuré en responsabilité civile "
            f"professionnelle et décennale auprès de {rng.choice(fk.INSURERS)} (police n° "
            f"{ids.ref(rng, '999999/A')}). Il s'engage à produire chaque année une attestation "
            "en cours de validité.",
        ),
        (
            "Délais",
            f"Les études de conception seront remises dans un délai de "
            f"{rng.randint(8, 20)} semaines à compter de l'ordre de démarrage. La durée "
            "prévisionnelle du chantier est de "
            f"{max(12, (w.delivery_date - w.start_date).days // 30)} mois.",
        ),
        (
            "Modalités de règlement",
            "Les honoraires sont payables par acomptes mensuels, "
            "proportionnellement à l'avancement des éléments de mission, sur présentation d'une "
            "note d'honoraires, à 30 jours.",
        ),
        (
            "Propriété intellectuelle",
            "Le maître d'œuvre conserve ses droits d'auteur sur son "
            "œuvre. Le maître d'ouvrage dispose du droit d'utiliser les études pour la seule "
            "réalisation de l'opération.",
        ),
        (
            "Résiliation",
            "Chacune des parties pourra résilier le contrat en cas de manquement "
            "grave de l'autre partie, quinze jours après une mise en demeure restée sans effet. "
            "Les honoraires dus au titre des prestations réalisées resteront acquis.",
        ),
        (
            "Litiges",
            "En cas de différend, les parties s'engagent à saisir pour avis le conseil "
            "régional de l'Ordre des architectes avant toute procédure judiciaire.",
        ),
    ]
    chosen = art_titles[:2] + rng.sample(art_titles[2:], k=rng.randint(3, len(art_titles) - 2))
    blocks: list[Block] = [
        P("ENTRE", style="bold"),
        P(company_phrase(w.sccv, rng) + ", ci-après « le Maître d'ouvrage »,"),
        P("ET", style="bold"),
        P(
            company_phrase(moe, rng)
            + ", ci-après « le Maître d'œuvre »"
            + (
                ", architecte inscrit au tableau de l'Ordre sous le n° "
                f"{rng.randint(10000, 99999)},"
                if moe is w.architect_firm
                else ","
            )
        ),
    ]
    n = 0
    for title, body in chosen:
        n += 1
        blocks += [H(f"Article {n} - {title}"), P(body)]
        if n == 2:
            n += 1
            blocks += [
                H(f"Article {n} - Missions et rémunération"),
                P(
                    "Le maître d'œuvre est chargé des éléments de mission suivants. Sa "
                    f"rémunération est fixée forfaitairement à {fk.money(float(fee))} HT, soit "
                    f"{str(round(float(rate) * 100, 2)).replace('.', ',')} % du montant "
                    "prévisionnel des travaux. Elle sera rendue définitive à l'issue de l'APD."
                ),
                Table(
                    ["Code", "Élément de mission", "%", "Montant HT"],
                    rows,
                    fmt="ttpm",
                    total=3,
                    widths=[0.7, 3.8, 0.7, 1.4],
                ),
            ]
    blocks += [
        _sign_date(
            w, rng, w.permit_date - dt.timedelta(days=rng.randint(200, 500)), w.sccv.address.town
        ),
        Sign(
            [
                ["Le Maître d'ouvrage", w.sccv.name, w.sccv.manager.name],
                ["Le Maître d'œuvre", moe.name, moe.manager.name],
            ]
        ),
    ]
    kind = {
        "complete": "Contrat de maîtrise d'œuvre - mission complète",
        "conception": "Contrat d'architecte - mission de conception",
        "execution": "Contrat de maîtrise d'œuvre d'exécution",
    }[scope]
    return Doc(
        _case(
            rng,
            alt(
                rng,
                [kind, "Contrat de maîtrise d'œuvre", "Contrat d'architecte pour travaux neufs"],
            ),
        ),
        blocks,
        title_sub=alt(rng, [f"Opération {w.programme}", f"{w.lots} logements - {w.site.town}", ""]),
        footer=alt(rng, ["Paraphes MOA / MOE", "", f"Contrat MOE - {w.programme}"]),
    )


@template("CONTRAT_MOE", "pb_lettre_mission_bet", scan=0.15)
def pb_lettre_mission_bet(w: World, rng: random.Random) -> Doc:
    """The owner's engagement letter to an engineering firm, SPS coordinator or inspector."""
    kinds = [
        (
            "bureau d'études structure",
            "BET Structure",
            [
                "Note d'hypothèses et prédimensionnement",
                "Plans de coffrage et d'armatures (phase PRO)",
                "Visa des plans d'exécution de l'entreprise",
                "Suivi de chantier structure (1 visite / 15 jours)",
            ],
        ),
        (
            "bureau d'études fluides et thermique",
            "Fluides",
            [
                "Étude thermique réglementaire RE2020 et attestation au dépôt du PC",
                "Dimensionnement CVC, plomberie et électricité",
                "Rédaction des CCTP des lots techniques",
                "Attestation RE2020 à l'achèvement",
            ],
        ),
        (
            "coordinateur en matière de sécurité et de protection de la santé",
            "SPS",
            [
                "Établissement du plan général de coordination (PGC)",
                "Ouverture et tenue du registre-journal de la coordination",
                "Inspections communes avec les entreprises",
                "Constitution du DIUO",
            ],
        ),
        (
            "contrôleur technique",
            "Contrôle technique",
            [
                "Mission L - solidité des ouvrages",
                "Mission S - sécurité des personnes",
                "Mission PHh - isolation acoustique",
                "Mission HAND - accessibilité",
                "Rapport final de contrôle technique",
            ],
        ),
        (
            "bureau d'études acoustique",
            "Acoustique",
            [
                "Notice acoustique du PC",
                "Prescriptions acoustiques des CCTP",
                "Mesures à la réception et attestation acoustique",
            ],
        ),
    ]
    label, short, missions = rng.choice(kinds)
    firm = fk.company(
        rng,
        w.today,
        alt(
            rng,
            [
                f"{rng.choice(fk.LAST)} {short}",
                f"{short} {rng.choice(fk.REGIONS)}",
                f"{rng.choice(['Socotec', 'Apave', 'Qualiconsult', 'Bureau Veritas'])} "
                f"{rng.choice(['Construction', 'Agence ' + w.site.town])}"
                if short in ("Contrôle technique", "SPS")
                else f"Ingénierie {rng.choice(fk.LAST)}",
            ],
        ),
        rng.choice(["SAS", "SARL"]),
    )
    fee = round(w.works_ht * rng.uniform(0.004, 0.02), -2)
    d = w.permit_date - dt.timedelta(days=rng.randint(-60, 300))
    blocks: list[Block] = [
        P(
            alt(
                rng,
                [
                    f"Objet : {w.programme} - mission de {label}",
                    f"Objet : lettre de mission {short} - {w.site.town}",
                    f"Objet : confirmation de commande - mission {short}",
                ],
            ),
            style="bold",
        ),
        P(alt(rng, ["Madame, Monsieur,", "Monsieur,", "Cher Monsieur,", "Chère Madame,"])),
        P(
            "Suite à votre proposition du "
            f"{fk.fr_date(d - dt.timedelta(days=rng.randint(10, 50)))} "
            "et à nos échanges, nous avons le plaisir de vous confier la mission de "
            f"{label} pour l'opération {w.programme} ({w.lots} logements, "
            f"{fk.num(w.sdp_m2)} m² de surface de plancher, {w.site.one_line()})."
        ),
        P("Votre mission comprend :"),
        Bullets(missions),
        P(
            f"Rémunération : forfait de {fk.money(fee)} HT, soit {fk.money(fee * 1.2)} TTC, "
            f"ferme et non révisable jusqu'au {fk.fr_date(w.delivery_date)}. Les honoraires "
            "seront facturés selon l'avancement de la mission et réglés à 45 jours fin de mois."
        ),
    ]
    if short == "SPS":
        blocks.append(
            P(
                "La mission est exercée conformément aux articles L4532-2 et suivants du code "
                "du travail ; l'opération relève de la catégorie "
                f"{rng.choice(['1', '2'])}."
            )
        )
    if short == "Contrôle technique":
        blocks.append(
            P(
                "La mission de contrôle technique est exercée dans le cadre des articles "
                "L125-1 et suivants du code de la construction et de l'habitation."
            )
        )
    blocks += [
        P(
            "Vous voudrez bien nous fournir, avant tout commencement, votre attestation "
            "d'assurance de responsabilité civile professionnelle et décennale en cours de "
            "validité."
        ),
        P(
            "Nous vous remercions de nous retourner un exemplaire de la présente, revêtu de "
            "votre signature, valant acceptation de la mission. Elle tiendra lieu de contrat "
            "entre nos deux sociétés."
        ),
        P(
            alt(
                rng,
                [
                    "Veuillez agréer, Madame, Monsieur, nos salutations distinguées.",
                    "Bien cordialement,",
                ],
            )
        ),
        Sign(
            [
                ["Pour le maître d'ouvrage", w.sccv.name, w.sccv.manager.name],
                ["Bon pour acceptation de la mission", firm.name, "Date et signature"],
            ]
        ),
    ]
    return Doc(
        alt(rng, ["", "", "LETTRE DE MISSION", "Contrat de mission - lettre valant contrat"]),
        blocks,
        head_left=letterhead(w.developer, rng)
        if rng.random() < 0.6
        else [w.sccv.name, *w.sccv.address.lines()],
        head_right=[*recipient(firm), "", place_date(w, rng, d)],
    )


# ---------------------------------------------------------------------------------------------
# MARCHE_TRAVAUX

_STAGES = [
    ("Installation de chantier et terrassements", 5),
    ("Fondations achevées", 10),
    ("Plancher bas du rez-de-chaussée", 10),
    ("Élévations du dernier niveau", 25),
    ("Mise hors d'eau", 10),
    ("Mise hors d'air", 10),
    ("Cloisons et réseaux en place", 10),
    ("Finitions intérieures", 10),
    ("Réception sans réserve majeure", 5),
    ("Levée des réserves et DOE", 5),
]


@template("MARCHE_TRAVAUX", "pb_contrat_entreprise_generale", formats=("pdf", "docx"), scan=0.05)
def pb_contrat_entreprise_generale(w: World, rng: random.Random) -> Doc:
    """General-contractor agreement: articles, payment schedule by stage, legal guarantees."""
    eg = fk.company(
        rng,
        w.today,
        alt(
            rng,
            [
                f"{rng.choice(fk.LAST)} Construction",
                f"{rng.choice(fk.REGIONS)} Bâtiment",
                f"Entreprise Générale {rng.choice(fk.LAST)}",
                f"{ids.ref(rng, 'AAA')} Construction",
            ],
        ),
        rng.choice(["SAS", "SA"]),
    )
    ht = d2(Decimal(w.works_ht) * Decimal(str(round(rng.uniform(0.92, 1.05), 3))))
    ht = d2(round(ht / 100) * 100)
    tva = d2(ht * Decimal("0.2"))
    months = max(12, (w.delivery_date - w.start_date).days // 30 - rng.randint(0, 3))
    sched: list[list[Cell]] = []
    acc = Decimal("0")
    for i, (stage, pct) in enumerate(_STAGES):
        amt = ht - acc if i == len(_STAGES) - 1 else d2(ht * pct / 100)
        acc += amt
        sched.append([f"{i + 1}", stage, float(pct), float(amt)])
    sched.append(["", "Total", 100.0, float(ht)])
    penalty = rng.choice(["1/1000e", "1/2000e", "1/3000e"])
    sign_d = w.start_date - dt.timedelta(days=rng.randint(15, 90))
    articles: list[tuple[str, list[Block]]] = [
        (
            "Objet",
            [
                P(
                    "Le présent marché a pour objet la réalisation, en entreprise générale tous "
                    "corps "
                    f"d'état, de l'ensemble des travaux nécessaires à la construction de {w.lots} "
                    f"logements, situés {w.site.one_line()}, conformément au permis de construire "
                    f"n° {w.permit_no} et aux pièces énumérées à l'article 2."
                )
            ],
        ),
        (
            "Pièces constitutives",
            [
                Bullets(
                    [
                        "le présent contrat et ses annexes financières ;",
                        "le cahier des clauses techniques particulières (CCTP) tous corps "
                        "d'état, indice "
                        f"{rng.choice('ABC')} ;",
                        "la décomposition du prix global et forfaitaire (DPGF) ;",
                        "les plans de l'architecte et le rapport initial du contrôleur technique ;",
                        "le calendrier contractuel d'exécution ;",
                        "la norme NF P 03-001 (cahier des clauses administratives générales "
                        "applicable "
                        "aux marchés privés de travaux), sauf dérogations expresses du présent "
                        "contrat.",
                    ],
                    ordered=True,
                )
            ],
        ),
        (
            "Prix",
            [
                P(
                    f"Le marché est conclu à prix global et forfaitaire de {fk.money(float(ht))} "
                    "HT, "
                    f"soit {fk.money(float(ht + tva))} TTC au taux de TVA de 20 %. "
                    + alt(
                        rng,
                        [
                            "Le prix est ferme et actualisable selon l'index BT01 si l'ordre de "
                            "service "
                            "de démarrage intervient plus de trois mois après la date de remise "
                            "de l'offre.",
                            "Le prix est révisable mensuellement par application de l'index "
                            "BT01, avec "
                            "une partie fixe de 12,5 %.",
                            "Le prix est ferme et non révisable pour toute la durée du chantier.",
                        ],
                    )
                )
            ],
        ),
        (
            "Délais",
            [
                P(
                    f"Le délai global d'exécution est fixé à {months} mois, période de "
                    "préparation de "
                    f"{rng.choice([1, 2])} mois incluse, à compter de l'ordre de service de "
                    "démarrage. "
                    f"Les jours d'intempéries au sens de l'article L5424-8 du code du travail "
                    "prolongent le délai, sur justification."
                )
            ],
        ),
        (
            "Pénalités",
            [
                P(
                    "En cas de retard dans l'achèvement, l'entreprise encourt, sans mise en "
                    "demeure "
                    f"préalable, une pénalité de {penalty} du montant du marché HT par jour "
                    "calendaire "
                    f"de retard, plafonnée à {rng.choice([5, 8, 10])} % du montant du marché."
                )
            ],
        ),
        (
            "Modalités de paiement",
            [
                P(
                    "Les paiements interviennent selon l'échéancier ci-dessous, sur présentation "
                    "de situations mensuelles visées par le maître d'œuvre, à 45 jours fin de "
                    "mois, par virement au compte de l'entreprise ouvert auprès de "
                    f"{eg.bank} sous l'IBAN {ids.group4(eg.iban)} (BIC {eg.bic})."
                ),
                Table(
                    ["N°", "Stade d'avancement", "%", "Montant HT"],
                    sched,
                    fmt="ttpm",
                    total=1,
                    widths=[0.5, 4, 0.7, 1.5],
                ),
            ],
        ),
        (
            "Retenue de garantie",
            [
                P(
                    "Une retenue de garantie de 5 % est opérée sur chaque paiement, conformément "
                    "à la loi "
                    "n° 71-584 du 16 juillet 1971. Elle peut être remplacée par une caution "
                    "personnelle "
                    "et solidaire d'un établissement financier. Elle est libérée un an après la "
                    "réception, sauf opposition motivée du maître d'ouvrage."
                )
            ],
        ),
        (
            "Garantie de paiement",
            [
                P(
                    "Conformément à l'article 1799-1 du Code civil, le maître d'ouvrage justifie "
                    "d'une "
                    f"garantie de paiement sous la forme d'une caution délivrée par {w.bank.name}"
                    + alt(
                        rng,
                        [
                            ".",
                            ", ou d'une attestation de crédit spécifiquement affecté à "
                            "l'opération.",
                        ],
                    )
                )
            ],
        ),
        (
            "Sous-traitance",
            [
                P(
                    "L'entreprise ne peut sous-traiter tout ou partie du marché sans avoir obtenu "
                    "l'acceptation de chaque sous-traitant et l'agrément de ses conditions de "
                    "paiement "
                    "par le maître d'ouvrage, dans les conditions de la loi n° 75-1334 du 31 "
                    "décembre "
                    "1975."
                )
            ],
        ),
        (
            "Assurances",
            [
                P(
                    "L'entreprise justifie d'une assurance de responsabilité civile et d'une "
                    "assurance "
                    "de responsabilité décennale couvrant les travaux objet du marché. Le maître "
                    "d'ouvrage déclare avoir souscrit une assurance dommages-ouvrage."
                )
            ],
        ),
        (
            "Réception",
            [
                P(
                    "La réception est prononcée contradictoirement, avec ou sans réserves, dans "
                    "les "
                    "conditions de l'article 1792-6 du Code civil. L'entreprise est tenue de "
                    "lever les "
                    "réserves dans le délai fixé au procès-verbal."
                )
            ],
        ),
    ]
    head_arts = articles[:3]
    rest = articles[3:]
    if rng.random() < 0.5:
        rng.shuffle(rest)
    keep = head_arts + rng.sample(rest, k=rng.randint(5, len(rest)))
    blocks: list[Block] = [
        KV(
            [
                ("Maître d'ouvrage", w.sccv.full),
                ("Maître d'œuvre", w.architect_firm.full),
                ("Entreprise", f"{eg.full} - SIRET {eg.siret}"),
                ("Opération", f"{w.programme} - {w.lots} logements"),
                ("Montant HT", fk.money(float(ht))),
            ],
            boxed=True,
        ),
    ]
    style = rng.randrange(3)
    for i, (t, body) in enumerate(keep, 1):
        label = [f"Article {i} - {t}", f"ARTICLE {i} : {t.upper()}", f"{i}. {t}"][style]
        blocks += [H(label), *body]
    blocks += [
        _sign_date(w, rng, sign_d, w.sccv.address.town),
        Sign(
            [
                ["Le maître d'ouvrage", w.sccv.name, w.sccv.manager.name],
                ["L'entrepreneur", eg.name, eg.manager.name, "« Lu et approuvé »"],
            ]
        ),
    ]
    return Doc(
        _case(
            rng,
            alt(
                rng,
                [
                    "Marché de travaux en entreprise générale",
                    "Contrat d'entreprise générale",
                    "Marché privé de travaux - tous corps d'état",
                    "Marché à prix global et forfaitaire",
                ],
            ),
        ),
        blocks,
        title_sub=alt(
            rng, [f"{w.programme} - {w.site.town}", "", f"Marché n° {ids.ref(rng, 'M-9999-99')}"]
        ),
        footer=alt(rng, ["Paraphes", "", f"{w.sccv.name} / {eg.name}"]),
    )


@template("MARCHE_TRAVAUX", "pb_lettre_commande_lot", scan=0.2)
def pb_lettre_commande_lot(w: World, rng: random.Random) -> Doc:
    """Short order letter that stands as the contract for one trade package."""
    c = rng.choice(w.contractors)
    lot_no = rng.randint(1, 18)
    ht = round(w.works_ht * rng.uniform(0.03, 0.25), -2)
    offer_d = w.start_date - dt.timedelta(days=rng.randint(40, 150))
    d = offer_d + dt.timedelta(days=rng.randint(10, 40))
    blocks: list[Block] = [
        P(
            alt(
                rng,
                [
                    f"Objet : lettre de commande valant marché - lot n° {lot_no} {c.trade}",
                    f"Objet : {w.programme} - attribution du lot {lot_no} ({c.trade})",
                    f"Objet : marché de travaux - lot {lot_no} - {c.trade.upper()}",
                ],
            ),
            style="bold",
        ),
        P(
            "Recommandée avec AR"
            if rng.random() < 0.5
            else "Envoi par courriel et courrier simple",
            style="italic",
        ),
        P(alt(rng, ["Madame, Monsieur,", "Monsieur,", "Madame,"])),
        P(
            f"Après analyse des offres et mise au point, nous avons le plaisir de vous informer "
            f"que la {w.sccv.name} vous confie les travaux du lot n° {lot_no} - {c.trade}, "
            f"pour l'opération {w.programme} située {w.site.one_line()}."
        ),
        KV(
            [
                ("Montant forfaitaire HT", fk.money(ht)),
                ("TVA 20 %", fk.money(ht * 0.2)),
                ("Montant TTC", fk.money(ht * 1.2)),
                (
                    "Votre offre de référence",
                    f"n° {ids.ref(rng, 'OF-9999')} du {fk.fr_date(offer_d)}, mise au point du "
                    f"{fk.fr_date(d - dt.timedelta(days=rng.randint(2, 9)))}",
                ),
                (
                    "Démarrage prévisionnel",
                    fk.fr_date(w.start_date + dt.timedelta(days=rng.randint(0, 200))),
                ),
                ("Délai d'exécution", f"{rng.randint(2, 14)} mois selon calendrier OPC"),
            ],
            boxed=True,
        ),
        P(
            "La présente lettre de commande, une fois contresignée, vaut marché. Elle est "
            "complétée par les pièces suivantes, qui prévalent dans l'ordre ci-après :"
        ),
        Bullets(
            [
                "le CCAP de l'opération et ses annexes ;",
                f"le CCTP du lot {lot_no} ;",
                "la DPGF remplie par vos soins et mise au point ;",
                "le calendrier d'exécution ;",
                "la norme NF P 03-001.",
            ],
            ordered=rng.random() < 0.5,
        ),
        P(
            "Les situations mensuelles, visées par le maître d'œuvre, seront réglées à 45 jours "
            f"fin de mois par virement sur votre compte {c.bank}, IBAN {ids.group4(c.iban)}. "
            "Une retenue de garantie de 5 % sera appliquée sur les situations mensuelles, "
            "sauf production d'une caution bancaire équivalente. Les pénalités de retard sont "
            f"fixées à {fk.money(rng.choice([150, 200, 300, 500]))} HT par jour calendaire."
        ),
        P(
            "Avant tout commencement, vous nous transmettrez vos attestations d'assurance "
            "responsabilité civile et décennale, ainsi que les documents prévus à l'article "
            "D8222-5 du code du travail (attestation de vigilance URSSAF, extrait K-bis)."
        ),
        P("Merci de nous retourner un exemplaire signé avec la mention « lu et accepté »."),
        P(alt(rng, ["Nous vous prions d'agréer nos salutations distinguées.", "Cordialement,"])),
        Sign(
            [
                ["Le maître d'ouvrage", w.sccv.name, w.sccv.manager.name],
                ["L'entreprise (lu et accepté)", c.name, "Cachet et signature"],
            ]
        ),
    ]
    return Doc(
        alt(rng, ["", "", "LETTRE DE COMMANDE", "Lettre de commande valant marché"]),
        blocks,
        head_left=letterhead(w.developer, rng)
        if rng.random() < 0.5
        else [w.sccv.name, f"c/o {w.developer.name}", *w.developer.address.lines()],
        head_right=[
            *recipient(c, c.manager.formal if rng.random() < 0.5 else ""),
            "",
            place_date(w, rng, d),
        ],
    )


# ---------------------------------------------------------------------------------------------
# DEVIS

_CHAPTERS: dict[
    str, list[tuple[str, list[tuple[str, str, tuple[int, int], tuple[float, float]]]]]
] = {
    "gros œuvre": [
        (
            "Installation de chantier",
            [
                ("Clôture de chantier, portail, signalisation", "ens", (1, 1), (4000, 12000)),
                ("Base vie : bungalows, sanitaires, réfectoire", "mois", (10, 20), (1800, 3500)),
                ("Grue à tour, montage et démontage", "ens", (1, 1), (18000, 35000)),
            ],
        ),
        (
            "Terrassements - fondations",
            [
                ("Décapage de la terre végétale", "m²", (800, 4000), (2, 6)),
                ("Fouilles en rigoles", "m³", (80, 400), (25, 60)),
                ("Béton de propreté", "m³", (10, 60), (110, 160)),
                ("Semelles filantes béton armé", "m³", (60, 300), (280, 420)),
            ],
        ),
        (
            "Superstructure",
            [
                ("Voiles béton armé ép. 18 cm", "m²", (900, 5000), (85, 140)),
                ("Planchers dalle pleine ép. 20 cm", "m²", (800, 4500), (75, 120)),
                ("Escaliers béton préfabriqués", "u", (2, 8), (2500, 5200)),
                ("Acrotères et relevés", "ml", (100, 600), (55, 95)),
            ],
        ),
    ],
    "menuiseries extérieures": [
        (
            "Menuiseries PVC",
            [
                ("Fenêtres 1 vantail 60x115", "u", (10, 80), (320, 520)),
                ("Fenêtres 2 vantaux 120x135", "u", (20, 120), (480, 780)),
                ("Portes-fenêtres 2 vantaux 140x215", "u", (10, 90), (850, 1300)),
            ],
        ),
        (
            "Occultations",
            [
                ("Volets roulants électriques", "u", (30, 200), (380, 650)),
                ("Motorisation et commande filaire", "u", (30, 200), (120, 220)),
            ],
        ),
        (
            "Divers",
            [
                ("Appuis de fenêtre aluminium", "ml", (50, 400), (35, 70)),
                ("Calfeutrements et joints", "ens", (1, 1), (1500, 6000)),
            ],
        ),
    ],
    "default": [
        (
            "Travaux préparatoires",
            [
                ("Installation et repli de chantier", "forfait", (1, 1), (800, 4500)),
                ("Protection des ouvrages existants", "m²", (50, 600), (3, 9)),
                ("Études d'exécution et plans", "forfait", (1, 1), (1200, 6000)),
            ],
        ),
        (
            "Fournitures et mise en œuvre",
            [
                ("Fourniture et pose selon CCTP", "m²", (100, 2500), (18, 95)),
                ("Main d'œuvre qualifiée", "h", (40, 600), (42, 58)),
                ("Accessoires et fixations", "ens", (1, 1), (600, 4000)),
            ],
        ),
        (
            "Finitions",
            [
                ("Nettoyage de fin de chantier", "forfait", (1, 1), (400, 2500)),
                ("Évacuation des déchets en filière agréée", "t", (2, 30), (90, 180)),
                ("Dossier des ouvrages exécutés", "ens", (1, 1), (300, 1200)),
            ],
        ),
    ],
}


@template("DEVIS", "pb_devis_chapitres", formats=("pdf", "docx", "xlsx"), scan=0.12)
def pb_devis_chapitres(w: World, rng: random.Random) -> Doc:
    """Contractor's quote organised in chapters with subtotals, validity and acceptance box."""
    c = rng.choice(w.contractors)
    chapters = _CHAPTERS.get(c.trade, _CHAPTERS["default"])
    rows: list[list[Cell]] = []
    total = Decimal("0")
    for ci, (chap, items) in enumerate(chapters, 1):
        rows.append([f"{ci}", chap.upper(), "", "", "", ""])
        sub = Decimal("0")
        for ii, (desc, unit, (qlo, qhi), (plo, phi)) in enumerate(items, 1):
            if rng.random() < 0.15:
                continue
            q = rng.randint(qlo, qhi)
            pu = d2(rng.uniform(plo, phi))
            amount = d2(pu * q)
            sub += amount
            rows.append([f"{ci}.{ii}", desc, unit, float(q), float(pu), float(amount)])
        rows.append(["", f"Sous-total {ci} - {chap}", "", "", "", float(sub)])
        total += sub
    discount = d2(total * Decimal(rng.choice(["0", "0", "0.02", "0.03", "0.05"])))
    net = total - discount
    rate = Decimal("20")
    tva = d2(net * rate / 100)
    recap: list[list[Cell]] = [["Total HT", float(total)]]
    if discount:
        recap += [["Remise commerciale", float(-discount)], ["Net HT", float(net)]]
    recap += [["TVA 20 %", float(tva)], ["Total TTC", float(net + tva)]]
    valid = rng.choice([30, 60, 90])
    no = ids.ref(rng, rng.choice(["D99-9999", "DEV-99999", "9999-99-AA"]))
    d = w.start_date - dt.timedelta(days=rng.randint(30, 200))
    blocks: list[Block] = [
        KV(
            [
                ("Devis n°", no),
                ("Date", fk.fr_date(d)),
                ("Client", w.sccv.name),
                ("Chantier", f"{w.programme} - {w.site.one_line()}"),
                ("Objet", f"Lot {c.trade}"),
                ("Validité de l'offre", f"{valid} jours"),
            ]
        ),
        Table(
            ["Réf.", "Désignation", "U", "Qté", "P.U. HT", "Total HT"],
            rows,
            fmt="tttdmm",
            widths=[0.5, 3.6, 0.6, 0.8, 1.0, 1.2],
        ),
        Table([], recap, fmt="tm", total=1, widths=[4, 1.5]),
        H(alt(rng, ["Conditions", "Conditions de l'offre", "Observations"]), 2),
        Bullets(
            rng.sample(
                [
                    f"Prix établis sur la base du CCTP indice {rng.choice('ABC')} et des plans "
                    "de l'architecte ; toute modification fera l'objet d'un devis complémentaire.",
                    f"Offre valable {valid} jours à compter de la date du présent devis.",
                    f"Délai d'intervention : {rng.randint(2, 8)} semaines après acceptation, "
                    "selon planning.",
                    "Sont exclus : les branchements définitifs, les frais de contrôle technique, "
                    "le compte prorata.",
                    f"Acompte de {rng.choice([10, 20, 30])} % à la commande ; le solde sur "
                    "situations mensuelles.",
                    "Prix révisables selon l'index BT01 au-delà de trois mois.",
                    "Assurance décennale : attestation jointe.",
                ],
                k=rng.randint(3, 6),
            )
        ),
        Box(
            [
                "Bon pour accord - devis reçu avant l'exécution des travaux",
                "Date :",
                "Nom et qualité du signataire :",
                "Signature et cachet du client :",
            ],
            alt(rng, ["Acceptation du devis", "BON POUR ACCORD", ""]),
        ),
    ]
    return Doc(
        _case(
            rng,
            alt(
                rng,
                [
                    "Devis",
                    "Devis quantitatif estimatif",
                    "Proposition de prix",
                    f"Devis n° {no}",
                    "Offre de prix",
                ],
            ),
        ),
        blocks,
        head_left=letterhead(c, rng),
        head_right=recipient(w.sccv, alt(rng, ["", w.sccv.manager.formal, "Service travaux"])),
        footer=legal_footer(c, rng),
    )


_SUPPLIES = [
    (
        "Location de bungalows de chantier",
        [
            ("Bungalow bureau 15 m² - location mensuelle", "mois", 1, 260, 420),
            ("Bungalow sanitaire autonome - location mensuelle", "mois", 1, 310, 520),
            ("Transport aller-retour et grutage", "forfait", 1, 900, 1800),
        ],
    ),
    (
        "Benne et évacuation de déchets",
        [
            ("Benne 15 m³ DIB - rotation", "rotation", 4, 280, 450),
            ("Benne gravats inertes 8 m³ - rotation", "rotation", 6, 190, 320),
            ("Location benne - jour", "jour", 20, 6, 12),
        ],
    ),
    (
        "Relevés topographiques et implantation",
        [
            ("Implantation des bâtiments", "forfait", 1, 1200, 3500),
            ("Récolement des réseaux", "forfait", 1, 900, 2200),
            ("Plan topographique", "forfait", 1, 1500, 4000),
        ],
    ),
    (
        "Nettoyage de fin de chantier",
        [
            ("Nettoyage des logements avant livraison", "logement", 0, 90, 160),
            ("Nettoyage des parties communes", "forfait", 1, 800, 2500),
            ("Lavage des vitrages", "forfait", 1, 500, 1500),
        ],
    ),
    (
        "Location d'une grue mobile",
        [
            ("Grue mobile 50 t avec chauffeur - journée", "jour", 3, 1400, 2300),
            ("Frais d'amenée et de repli", "forfait", 1, 600, 1500),
            ("Arrêté de voirie et balisage", "forfait", 1, 250, 700),
        ],
    ),
]


@template("DEVIS", "pb_devis_courriel", scan=0.05)
def pb_devis_courriel(w: World, rng: random.Random) -> Doc:
    """A supplier's price offer sent by e-mail, printed with its headers."""
    subject, items = rng.choice(_SUPPLIES)
    sup = fk.contractor(rng, w.today)
    who = fk.person(rng, w.today)
    dev_contact = fk.person(rng, w.today)
    d = w.start_date + dt.timedelta(days=rng.randint(-60, 400))
    rows: list[list[Cell]] = []
    ht = Decimal("0")
    for desc, unit, q, lo, hi in items:
        qty = q if q else w.lots
        if unit in ("mois",):
            qty = rng.randint(6, 20)
        elif unit in ("rotation", "jour") and q > 1:
            qty = rng.randint(max(1, q // 2), q * 3)
        pu = d2(rng.uniform(lo, hi))
        amt = d2(pu * qty)
        ht += amt
        rows.append([desc, f"{qty} {unit}", float(pu), float(amt)])
    tva = d2(ht * Decimal("0.2"))
    rows += [
        ["Total HT", "", "", float(ht)],
        ["TVA 20 %", "", "", float(tva)],
        ["Total TTC", "", "", float(ht + tva)],
    ]
    valid = rng.choice([15, 30, 45])
    dev_mail = (
        f"{fk._slug(dev_contact.first)}.{fk._slug(dev_contact.last)}"
        f"@{fk._slug(w.developer.name)[:18]}.fr"
    )
    mail = f"{fk._slug(who.first)}.{fk._slug(who.last)}@{fk._slug(sup.name)[:18]}.fr"
    blocks: list[Block] = [
        KV(
            [
                ("De", f"{who.name} <{mail}>"),
                ("Envoyé", f"{fk.fr_date(d)} {rng.randint(7, 19):02d}:{rng.randint(0, 59):02d}"),
                (
                    "À",
                    f"{dev_contact.name} <{dev_mail}>",
                ),
                (
                    "Objet",
                    f"RE: {alt(rng, ['Demande de prix', 'Consultation', 'Chiffrage'])} - "
                    f"{subject} - {w.programme}",
                ),
            ]
        ),
        Space(6),
        P(
            "Bonjour "
            + alt(
                rng, [dev_contact.civ, dev_contact.first, f"{dev_contact.civ} {dev_contact.last}"]
            )
            + ","
        ),
        P(
            alt(
                rng,
                [
                    "Suite à votre demande, veuillez trouver ci-dessous notre meilleure offre "
                    "pour ",
                    "Comme convenu par téléphone, je vous transmets notre proposition tarifaire "
                    "pour ",
                    "Merci pour votre consultation. Voici notre chiffrage concernant ",
                ],
            )
            + f"votre chantier de {w.site.town} ({subject.lower()}) :"
        ),
        Table(
            ["Désignation", "Quantité", "P.U. HT", "Montant HT"],
            rows,
            fmt="ttmm",
            total=3,
            widths=[3.6, 1.2, 1, 1.2],
        ),
        P(
            f"Cette offre est valable {valid} jours. Les prix s'entendent hors taxes, "
            + alt(rng, ["départ agence.", "livraison comprise.", "hors frais de voirie."])
            + " Conditions de règlement : 30 jours fin de mois, après ouverture de compte."
        ),
        P(
            "Pour valider la commande, il vous suffit de me retourner cette proposition avec la "
            "mention « bon pour accord » ou d'y répondre par retour de mail."
        ),
        P(alt(rng, ["Bien cordialement,", "Restant à votre disposition,", "Cordialement,"])),
        P(
            f"{who.name}\n"
            + alt(rng, ["Chargé d'affaires", "Service commercial", "Technico-commercial"])
            + f"\n{sup.name} - {sup.phone}"
        ),
    ]
    if rng.random() < 0.5:
        blocks += [
            P("-----Message d'origine-----", style="small"),
            P(
                f"De : {dev_contact.name}\nObjet : {subject} - {w.programme}\n"
                f"Bonjour, pourriez-vous nous faire une offre pour {subject.lower()} sur notre "
                f"opération de {w.lots} logements au {w.site.one_line()} ? Merci d'avance.",
                style="small",
            ),
        ]
    return Doc(
        "",
        blocks,
        header=alt(rng, [f"Messagerie - {dev_contact.name}", "", "Imprimé depuis Outlook"]),
    )


# ---------------------------------------------------------------------------------------------
# QUALIFICATION_ENTREPRISE

_QUALS: dict[str, list[str]] = {
    "gros œuvre": [
        "Maçonnerie et béton armé courants",
        "Béton armé - technicité supérieure",
        "Ouvrages de fondations spéciales",
        "Démolition",
    ],
    "terrassement": [
        "Terrassements courants",
        "Terrassements en grande masse",
        "Réseaux d'assainissement",
    ],
    "charpente": [
        "Charpente bois traditionnelle",
        "Charpente et structure bois - technicité confirmée",
        "Ossature bois",
    ],
    "couverture étanchéité": [
        "Étanchéité de toitures-terrasses",
        "Couverture en tuiles",
        "Végétalisation de toitures",
    ],
    "menuiseries extérieures": [
        "Menuiseries extérieures PVC",
        "Menuiseries extérieures aluminium",
        "Fermetures et occultations",
    ],
    "plomberie chauffage ventilation": [
        "Installations sanitaires",
        "Chauffage et climatisation",
        "Pompes à chaleur",
        "Ventilation mécanique",
    ],
    "électricité courants forts et faibles": [
        "Installations électriques - logements collectifs",
        "Courants faibles et VDI",
        "Infrastructures de recharge de véhicules électriques",
    ],
    "plâtrerie cloisons doublages": [
        "Plâtrerie - plaques de plâtre",
        "Isolation thermique intérieure",
        "Faux plafonds",
    ],
    "peinture revêtements": [
        "Peinture et ravalement",
        "Revêtements de sols souples",
        "Revêtements muraux",
    ],
    "ascenseurs": ["Installation d'ascenseurs", "Maintenance d'ascenseurs"],
    "VRD espaces verts": [
        "Voiries et réseaux divers",
        "Aménagements paysagers",
        "Revêtements de chaussées",
    ],
    "façades ravalement": [
        "Ravalement de façades",
        "Isolation thermique par l'extérieur",
        "Enduits monocouches",
    ],
    "carrelage faïence": ["Carrelage et faïence", "Chapes et sols coulés"],
    "serrurerie métallerie": ["Serrurerie - métallerie", "Garde-corps et ouvrages métalliques"],
}


@template("QUALIFICATION_ENTREPRISE", "pb_certificat_qualif_organisme", scan=0.25)
def pb_certificat_qualif_organisme(w: World, rng: random.Random) -> Doc:
    """Qualification certificate with the list of qualifications and the review criteria."""
    c = rng.choice(w.contractors)
    org = rng.choice(["QUALIBAT", "Qualifelec", "FNTP", "Qualit'EnR", "Certibat"])
    trade = "électricité courants forts et faibles" if org == "Qualifelec" else c.trade
    quals = _QUALS.get(trade, _QUALS["gros œuvre"])
    picked = rng.sample(quals, k=rng.randint(1, len(quals)))
    issued = w.today - dt.timedelta(days=rng.randint(30, 900))
    until = issued + dt.timedelta(days=rng.choice([365, 730, 1095, 1460]))
    rows: list[list[Cell]] = []
    for q in picked:
        code = ids.ref(rng, "9999") if org in ("QUALIBAT", "FNTP") else ids.ref(rng, "A99")
        rows.append(
            [
                code,
                q,
                alt(rng, ["Qualification", "Qualification probatoire", "Qualification"]),
                fk.fr_date(until),
            ]
        )
    staff = rng.randint(5, 180)
    ca = round(rng.uniform(0.6, 40) * 1_000_000, -3)
    blocks: list[Block] = [
        P(
            f"{org} certifie que l'entreprise désignée ci-dessous satisfait aux exigences du "
            "référentiel de qualification pour les activités indiquées, après examen de son "
            "dossier par la commission d'attribution"
            + alt(
                rng,
                [".", f" réunie le {fk.fr_date(issued - dt.timedelta(days=rng.randint(5, 40)))}."],
            )
        ),
        KV(
            [
                ("Raison sociale", c.full),
                ("Adresse", c.address.one_line()),
                ("SIRET", c.siret),
                ("Dirigeant", c.manager.formal),
                ("Certificat n°", ids.ref(rng, "99 99 999 9999")),
                ("Date d'attribution", fk.fr_date(issued)),
                ("Date de fin de validité", fk.fr_date(until)),
            ],
            boxed=rng.random() < 0.6,
        ),
        Table(
            ["Code", "Activité", "Statut", "Valable jusqu'au"], rows, widths=[0.8, 3.8, 1.4, 1.2]
        ),
    ]
    if rng.random() < 0.6:
        blocks += [
            H(
                alt(
                    rng, ["Éléments examinés", "Critères d'attribution", "Données de l'entreprise"]
                ),
                2,
            ),
            KV(
                [
                    ("Effectif moyen", f"{staff} salariés"),
                    ("Chiffre d'affaires du dernier exercice", fk.money(ca)),
                    ("Références de chantiers", f"{rng.randint(3, 8)} références contrôlées"),
                    ("Assurances", "responsabilité civile et décennale en cours de validité"),
                    ("Obligations sociales et fiscales", "à jour"),
                ]
            ),
        ]
    if org in ("QUALIBAT", "Qualit'EnR", "Qualifelec") and rng.random() < 0.5:
        blocks.append(
            P(
                "Mention RGE « Reconnu Garant de l'Environnement » attachée aux qualifications "
                "signalées.",
                style="bold",
            )
        )
    blocks += [
        P(
            "Le maintien de la qualification est subordonné au contrôle annuel de la "
            "régularité de la situation administrative, juridique et financière de "
            "l'entreprise. Sa validité peut être vérifiée en ligne sur le site de l'organisme.",
            style="small",
        ),
        _sign_date(w, rng, issued, rng.choice(["Paris", "Lyon", "Paris La Défense"])),
        Sign(
            [
                [
                    alt(
                        rng,
                        [
                            "Le Directeur général",
                            "Le Président de la commission",
                            "Pour l'organisme",
                        ],
                    ),
                    fk.person(rng, w.today).name,
                ]
            ]
        ),
    ]
    return Doc(
        _case(
            rng,
            alt(
                rng,
                [
                    "Certificat de qualification",
                    f"Certificat {org}",
                    "Attestation de qualification professionnelle",
                    "Certificat",
                ],
            ),
        ),
        blocks,
        head_left=[
            org,
            alt(
                rng,
                [
                    "Organisme de qualification",
                    "Qualification et certification des entreprises",
                    "Organisme accrédité par le COFRAC",
                ],
            ),
            fk.address(rng).one_line(),
        ],
        footer=alt(
            rng,
            [
                "Ce certificat reste la propriété de l'organisme",
                "Accréditation COFRAC n° 4-" + ids.ref(rng, "9999"),
                "",
            ],
        ),
    )


@template("QUALIFICATION_ENTREPRISE", "pb_fiche_annuaire_qualifies", scan=0.05)
def pb_fiche_annuaire_qualifies(w: World, rng: random.Random) -> Doc:
    """Printed web page of a public directory of qualified firms, as stored in deal rooms."""
    c = rng.choice(w.contractors)
    org = rng.choice(["QUALIBAT", "Qualifelec", "Qualit'EnR", "OPQIBI", "France Rénov'"])
    quals = _QUALS.get(c.trade, _QUALS["gros œuvre"])
    rows: list[list[Cell]] = []
    for q in rng.sample(quals, k=rng.randint(1, len(quals))):
        start = w.today - dt.timedelta(days=rng.randint(100, 1000))
        rows.append(
            [
                q,
                alt(rng, ["Oui", "Non", "Non"]) if org != "France Rénov'" else "Oui",
                fk.fr_date(start),
                fk.fr_date(start + dt.timedelta(days=rng.choice([1095, 1460]) + 61)),
            ]
        )
    printed = w.today - dt.timedelta(days=rng.randint(0, 60))
    blocks: list[Block] = [
        P(
            f"{alt(rng, ['Accueil', 'Annuaire', 'Trouver une entreprise'])} > "
            f"{alt(rng, ['Résultats', 'Recherche'])} > {c.name}",
            style="small",
        ),
        P(c.full, style="big"),
        KV(
            [
                ("Adresse", c.address.one_line()),
                ("SIRET", c.siret),
                ("Téléphone", c.phone),
                ("Activité principale", c.trade.capitalize() if c.trade else "Bâtiment"),
                (
                    "Statut",
                    alt(
                        rng,
                        ["Entreprise qualifiée", "Qualification en cours de validité", "Certifiée"],
                    ),
                ),
            ]
        ),
        H(
            alt(
                rng, ["Qualifications en cours de validité", "Signes de qualité", "Qualifications"]
            ),
            2,
        ),
        Table(["Qualification", "RGE", "Depuis le", "Jusqu'au"], rows, widths=[3.6, 0.6, 1.1, 1.1]),
    ]
    if rng.random() < 0.7:
        blocks += [
            H(alt(rng, ["Informations complémentaires", "À propos de l'entreprise"]), 2),
            KV(
                [
                    (
                        "Effectif",
                        alt(
                            rng,
                            [
                                "10 à 19 salariés",
                                "20 à 49 salariés",
                                "50 à 99 salariés",
                                "100 à 199 salariés",
                                "6 à 9 salariés",
                            ],
                        ),
                    ),
                    (
                        "Zone d'intervention",
                        alt(
                            rng,
                            [
                                f"Département {w.site.dept} et limitrophes",
                                "Région",
                                "France entière",
                            ],
                        ),
                    ),
                    ("Assurance décennale", rng.choice(fk.INSURERS)),
                    (
                        "Types de travaux",
                        alt(
                            rng,
                            [
                                "Neuf et rénovation",
                                "Logement collectif",
                                "Tertiaire et logement",
                                "Neuf",
                            ],
                        ),
                    ),
                ]
            ),
        ]
    blocks += [
        P(
            "Les informations publiées proviennent de l'organisme de qualification et sont "
            "mises à jour quotidiennement. Seul le certificat délivré à l'entreprise fait foi. "
            "Une qualification atteste de la compétence technique de l'entreprise, de ses "
            "moyens humains et matériels, et de la régularité de sa situation administrative.",
            style="small",
        ),
        P(
            f"Page imprimée le {fk.fr_date(printed)} à "
            f"{rng.randint(8, 19)}:{rng.randint(0, 59):02d}",
            style="small",
        ),
    ]
    return Doc(
        alt(
            rng,
            [
                "Annuaire des entreprises qualifiées",
                f"{org} - fiche entreprise",
                "Fiche entreprise",
                "",
            ],
        ),
        blocks,
        header=f"https://www.{fk._slug(org)}.fr/annuaire/{ids.ref(rng, '999999')}",
        footer=alt(rng, [f"{org} - mentions légales - cookies", "1/1", ""]),
    )


# ---------------------------------------------------------------------------------------------
# FACTURE


def _pay_terms(rng: random.Random) -> str:
    return (
        "En cas de retard de paiement, des pénalités calculées au taux d'intérêt appliqué par "
        "la BCE à son opération de refinancement la plus récente majoré de 10 points seront "
        "exigibles (art. L441-10 du code de commerce), ainsi qu'une indemnité forfaitaire "
        "pour frais de recouvrement de 40 € (art. D441-5). "
        + alt(rng, ["Pas d'escompte pour paiement anticipé.", "Escompte : néant.", ""])
    )


@template("FACTURE", "pb_situation_mensuelle_lignes", formats=("pdf", "xlsx"), scan=0.15)
def pb_situation_mensuelle_lignes(w: World, rng: random.Random) -> Doc:
    """Monthly progress invoice: per-line previous and current percentages, then the net due."""
    c = rng.choice(w.contractors)
    n = rng.randint(2, 18)
    market = d2(Decimal(w.works_ht) * Decimal(str(round(rng.uniform(0.04, 0.22), 3))))
    subcontract = rng.random() < 0.25
    lines = [x for x, *_ in (_CHAPTERS.get(c.trade) or _CHAPTERS["default"])]
    lines += rng.sample(
        [
            "Études et plans d'exécution",
            "Approvisionnements",
            "Bâtiment A",
            "Bâtiment B",
            "Parties communes",
            "Logements R+1 à R+3",
            "Essais et mise en service",
        ],
        k=rng.randint(2, 4),
    )
    weights = [rng.uniform(0.5, 2) for _ in lines]
    rows: list[list[Cell]] = []
    cum_prev = Decimal("0")
    cum_now = Decimal("0")
    acc = Decimal("0")
    for i, (label, wt) in enumerate(zip(lines, weights, strict=True)):
        amount = (
            market - acc if i == len(lines) - 1 else d2(market * Decimal(str(wt / sum(weights))))
        )
        acc += amount
        p_prev = rng.choice([0, 0, 10, 25, 40, 60, 80, 100])
        p_now = min(100, p_prev + rng.choice([0, 5, 10, 15, 20, 30]))
        v_prev = d2(amount * p_prev / 100)
        v_now = d2(amount * p_now / 100)
        cum_prev += v_prev
        cum_now += v_now
        rows.append([label, float(amount), float(p_prev), float(p_now), float(v_now - v_prev)])
    month_ht = cum_now - cum_prev
    rows.append(
        [
            "Total marché de base",
            float(market),
            float(d2(cum_prev * 100 / market)),
            float(d2(cum_now * 100 / market)),
            float(month_ht),
        ]
    )
    avenant = Decimal("0")
    if rng.random() < 0.35:
        avenant = d2(market * Decimal(str(round(rng.uniform(0.01, 0.05), 3))))
        rows.insert(
            -1,
            [
                "Avenant n° 1 - travaux modificatifs acquéreurs",
                float(avenant),
                0.0,
                100.0,
                float(avenant),
            ],
        )
        month_ht += avenant
    revision = (
        d2(month_ht * Decimal(str(round(rng.uniform(0.002, 0.03), 4))))
        if rng.random() < 0.4
        else Decimal("0")
    )
    base_ht = month_ht + revision
    tva = Decimal("0") if subcontract else d2(base_ht * Decimal("0.2"))
    rg = d2((base_ht + tva) * Decimal("0.05"))
    net = base_ht + tva - rg
    summary: list[list[Cell]] = [["Montant des travaux du mois HT", float(month_ht)]]
    if revision:
        summary.append(["Révision de prix (index BT01)", float(revision)])
    summary += [
        ["Total HT", float(base_ht)],
        ["TVA due par le preneur - autoliquidation" if subcontract else "TVA 20 %", float(tva)],
        ["Retenue de garantie 5 %", float(-rg)],
        ["Net à payer", float(net)],
    ]
    inv_no = ids.ref(rng, rng.choice(["F99-9999", "FA-9999-999", "SIT-99999"]))
    d = w.start_date + dt.timedelta(days=30 * n + rng.randint(-5, 10))
    due = d + dt.timedelta(days=rng.choice([30, 45, 60]))
    client = w.contractors[0] if subcontract and w.contractors[0] is not c else w.sccv
    blocks: list[Block] = [
        KV(
            [
                ("Facture n°", inv_no),
                ("Date", fk.fr_date(d)),
                (
                    "Situation n°",
                    f"{n} - travaux réalisés au "
                    f"{fk.fr_date(d - dt.timedelta(days=rng.randint(0, 5)))}",
                ),
                (
                    "Marché",
                    f"Lot {c.trade} - {w.programme}" + (" (sous-traitance)" if subcontract else ""),
                ),
                ("Date d'échéance", fk.fr_date(due)),
            ],
            boxed=rng.random() < 0.5,
        ),
        Table(
            ["Désignation", "Montant HT", "% précédent", "% cumulé", "Travaux du mois HT"],
            rows,
            fmt="tmppm",
            total=1,
            widths=[3, 1.3, 0.9, 0.9, 1.4],
        ),
        Table([], summary, fmt="tm", total=1, widths=[4, 1.5]),
    ]
    if subcontract:
        blocks.append(
            P(
                "Autoliquidation - TVA due par le preneur, article 283-2 nonies du CGI.",
                style="bold",
            )
        )
    blocks += [
        P(f"Règlement par virement : IBAN {ids.group4(c.iban)} - BIC {c.bic}", style="small"),
        P(_pay_terms(rng), style="small"),
    ]
    if rng.random() < 0.6:
        blocks.append(
            Sign(
                [
                    ["L'entreprise", c.manager.name],
                    [
                        "Vu et vérifié par le maître d'œuvre",
                        w.architect.name,
                        "le ..../..../........",
                    ],
                ]
            )
        )
    return Doc(
        _case(
            rng,
            alt(
                rng,
                [
                    f"Facture - situation n° {n}",
                    f"Situation de travaux n° {n}",
                    "Facture de situation",
                    "Décompte mensuel - facture",
                ],
            ),
        ),
        blocks,
        head_left=letterhead(c, rng),
        head_right=recipient(client),
        footer=legal_footer(c, rng),
    )


_SERVICES = [
    (
        "géomètre-expert",
        "Cabinet {last} Géomètres-Experts",
        [
            "Bornage contradictoire et procès-verbal",
            "Plan topographique",
            "Division parcellaire - document d'arpentage",
            "Implantation des bâtiments",
        ],
    ),
    (
        "bureau de contrôle",
        "{last} Contrôle",
        [
            "Mission de contrôle technique L+S - acompte",
            "Rapport initial de contrôle technique",
            "Attestation accessibilité",
            "Visites de chantier",
        ],
    ),
    (
        "géotechnicien",
        "{last} Géotechnique",
        [
            "Mission G2 AVP",
            "Sondages pressiométriques",
            "Essais de laboratoire",
            "Rapport et déplacement",
        ],
    ),
    (
        "agence de communication",
        "Agence {last}",
        [
            "Création du site internet du programme",
            "Panneau de commercialisation 4 x 3 m",
            "Perspectives 3D",
            "Plaquette commerciale 12 pages",
        ],
    ),
    (
        "loueur de matériel",
        "{last} Location",
        [
            "Location nacelle 12 m - semaine",
            "Location groupe électrogène",
            "Transport aller/retour",
            "Assurance bris de machine",
        ],
    ),
    (
        "coordinateur SPS",
        "{last} Coordination SPS",
        [
            "Coordination SPS phase conception",
            "Coordination SPS phase réalisation - acompte",
            "Visites d'inspection commune",
        ],
    ),
]


@template("FACTURE", "pb_facture_prestataire", scan=0.25)
def pb_facture_prestataire(w: World, rng: random.Random) -> Doc:
    """Invoice (sometimes a credit note) from a service provider of the operation."""
    kind, pattern, items = rng.choice(_SERVICES)
    prov = fk.company(
        rng,
        w.today,
        pattern.format(last=rng.choice(fk.LAST)),
        rng.choice(["SARL", "SAS", "SELARL", "EURL"]),
    )
    credit = rng.random() < 0.18
    picked = rng.sample(items, k=rng.randint(1, len(items)))
    rows: list[list[Cell]] = []
    ht = Decimal("0")
    for it in picked:
        q = rng.choice([1, 1, 1, 2, 3, 4])
        pu = d2(rng.uniform(250, 6500))
        amt = d2(pu * q)
        if credit:
            amt = -amt
        ht += amt
        rows.append([it, float(q), float(pu), float(amt)])
    tva = d2(ht * Decimal("0.2"))
    ttc = ht + tva
    d = w.today - dt.timedelta(days=rng.randint(0, 120))
    due = d + dt.timedelta(days=rng.choice([0, 30, 45]))
    no = ids.ref(
        rng, rng.choice(["FC-99999", "2099-9999", "F/99/9999", "A-99999" if credit else "FAC99999"])
    )
    order = ids.ref(rng, "DE-9999")
    rows += [
        ["Total HT", "", "", float(ht)],
        ["TVA 20 %", "", "", float(tva)],
        ["Total TTC" if not credit else "Montant de l'avoir TTC", "", "", float(ttc)],
    ]
    client = rng.choice([w.sccv, w.sccv, w.developer])
    meta: list[tuple[str, str]] = [
        ("Avoir n°" if credit else "Facture n°", no),
        ("Date de facture", fk.fr_date(d)),
        ("Client", f"{client.full} - TVA {client.vat}"),
        ("Opération", f"{w.programme} - {w.site.town}"),
        (
            "Votre commande",
            f"devis n° {order} accepté le "
            f"{fk.fr_date(d - dt.timedelta(days=rng.randint(20, 200)))}",
        ),
    ]
    if credit:
        meta.append(("Annule et remplace", f"facture n° {ids.ref(rng, 'FC-99999')}"))
    else:
        meta.append(("Échéance", "à réception" if due == d else fk.fr_date(due)))
    blocks: list[Block] = [
        KV(meta, boxed=rng.random() < 0.5),
        Table(
            ["Désignation", "Qté", "P.U. HT", "Montant HT"],
            rows,
            fmt="tdmm",
            total=3,
            widths=[3.8, 0.6, 1.2, 1.3],
        ),
    ]
    if credit:
        blocks.append(
            P(
                alt(
                    rng,
                    [
                        "Avoir établi suite à erreur de quantité sur notre facture initiale.",
                        "Avoir pour prestation annulée à la demande du client.",
                        "Remise commerciale accordée sur la mission.",
                    ],
                )
            )
        )
    else:
        blocks += [
            P(
                f"Merci de rappeler la référence {no} lors de votre règlement. Règlement par "
                f"virement sur le compte : {prov.bank} - IBAN {ids.group4(prov.iban)} - BIC "
                f"{prov.bic}"
            ),
            P(_pay_terms(rng), style="small"),
        ]
    return Doc(
        alt(
            rng,
            [
                "FACTURE",
                "Facture",
                "AVOIR" if credit else "FACTURE D'HONORAIRES",
                "Note d'honoraires"
                if kind in ("géomètre-expert", "coordinateur SPS")
                else "Facture",
            ],
        )
        if not credit
        else alt(rng, ["AVOIR", "Facture d'avoir", "Avoir"]),
        blocks,
        head_left=letterhead(prov, rng),
        head_right=recipient(
            client, alt(rng, ["", "Service comptabilité fournisseurs", client.manager.formal])
        ),
        footer=legal_footer(prov, rng),
    )
