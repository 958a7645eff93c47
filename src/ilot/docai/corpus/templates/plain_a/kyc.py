"""Identity papers and proofs of address (KYC_IDENTITE, JUSTIF_DOMICILE).

Part of `plain_a`, the templates of another writer (see its package docstring).
"""

from __future__ import annotations

import datetime as dt
import random

from ... import fakes as fk
from ... import identifiers as ids
from ...fakes import Person, World
from ...model import KV, Block, Box, Bullets, Doc, H, P, Sign, Space, Table
from ...registry import template
from ..common import alt, d2, place_date
from ._shared import Rows, _add_months, _days, _plain


def _mrz_val(ch: str) -> int:
    if ch.isdigit():
        return int(ch)
    return 0 if ch == "<" else ord(ch) - 55


def _mrz_check(s: str) -> str:
    weights = (7, 3, 1)
    return str(sum(_mrz_val(ch) * weights[i % 3] for i, ch in enumerate(s)) % 10)


def _mrz_name(s: str) -> str:
    return "".join(ch if ch.isalpha() else "<" for ch in _plain(s))


def _pp_date(d: dt.date) -> str:
    """Passport style: 05 MAR 2031 (fixed English months, whatever the machine's locale)."""
    return f"{d.day:02d} {fk.MONTHS_EN[d.month - 1][:3].upper()} {d.year}"


# ---------------------------------------------------------------------------------------------
# KYC_IDENTITE
# ---------------------------------------------------------------------------------------------
def _cni_new(p: Person, rng: random.Random, today: dt.date) -> tuple[list[Block], list[str]]:
    num = ids.ref(rng, "AA9AAA9A9")
    issued = today - _days(rng, 30, 3000)
    exp = issued.replace(year=issued.year + 10)
    sex = "M" if p.sex == 1 else "F"
    l1 = f"IDFRA{num}{_mrz_check(num)}".ljust(30, "<")
    birth, expiry = p.birth.strftime("%y%m%d"), exp.strftime("%y%m%d")
    l2 = f"{birth}{_mrz_check(birth)}{sex}{expiry}{_mrz_check(expiry)}FRA".ljust(29, "<")
    l2 += _mrz_check(l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29])
    l3 = f"{_mrz_name(p.last)}<<{_mrz_name(p.first)}".ljust(30, "<")[:30]
    recto = Box(
        [
            "RÉPUBLIQUE FRANÇAISE    CARTE NATIONALE D'IDENTITÉ / IDENTITY CARD",
            f"NOM / Surname : {p.last.upper()}",
            f"Prénoms / Given names : {p.first}",
            f"SEXE / Sex : {sex}    NATIONALITÉ / Nationality : FRA",
            f"DATE DE NAISS. / Date of birth : {p.birth.strftime('%d %m %Y')}",
            f"LIEU DE NAISSANCE / Place of birth : {p.birth_town.upper()}",
            f"N° DU DOCUMENT / Document No : {num}",
            f"DATE D'EXPIR. / Expiry date : {exp.strftime('%d %m %Y')}",
            f"CAN {rng.randint(100000, 999999)}",
        ],
        "RECTO",
    )
    verso = Box(
        [
            f"ADRESSE / Address : {p.address.line.upper()}",
            f"{p.address.postcode} {p.address.town.upper()}",
            f"DATE DE DÉLIVRANCE / Date of issue : {issued.strftime('%d %m %Y')}",
            f"AUTORITÉ / Authority : {rng.choice(['Préfecture', 'PRÉFECTURE'])} - {p.address.dept}",
            l1,
            l2,
            l3,
        ],
        "VERSO",
    )
    return [recto, verso], [l1, l2, l3]


def _cni_old(p: Person, rng: random.Random, today: dt.date) -> list[Block]:
    dept = rng.choice(["069", "033", "044", "031", "075", "092", "013", "059", "035", "067"])
    office = f"{rng.randint(1, 99):02d}{rng.randint(0, 9)}"
    issued = today - _days(rng, 400, 5200)
    seq = f"{rng.randint(0, 99999):05d}"
    num = f"{issued.strftime('%y%m')}{dept[1:]}{office[:1]}{seq}"
    l1 = f"IDFRA{_mrz_name(p.last)}".ljust(30, "<")[:30] + dept + office
    first = _mrz_name(p.first).ljust(14, "<")[:14]
    birth = p.birth.strftime("%y%m%d")
    body = f"{num}{_mrz_check(num)}{first}{birth}{_mrz_check(birth)}{'M' if p.sex == 1 else 'F'}"
    l2 = body + _mrz_check(l1 + body)
    return [
        P("RÉPUBLIQUE FRANÇAISE", align="center", style="bold"),
        KV(
            [
                ("CARTE NATIONALE D'IDENTITÉ N°", num),
                ("Nom", p.last.upper()),
                ("Prénom(s)", p.first),
                ("Sexe", "M" if p.sex == 1 else "F"),
                ("Né(e) le", fk.fr_date(p.birth).replace("/", ".")),
                ("à", p.birth_town.upper()),
                ("Taille", f"{rng.uniform(1.52, 1.92):.2f} m".replace(".", ",")),
                ("Signature du titulaire", ""),
            ],
            boxed=True,
        ),
        KV(
            [
                ("Adresse", f"{p.address.line}, {p.address.postcode} {p.address.town}"),
                ("Carte valable jusqu'au", fk.fr_date(issued.replace(year=issued.year + 15))),
                ("délivrée le", fk.fr_date(issued)),
                ("par", f"Préfecture - {p.address.dept}"),
            ],
            boxed=True,
        ),
        P(l1, style="mono", align="left"),
        P(l2, style="mono", align="left"),
    ]


@template("KYC_IDENTITE", "pa_cni_copie_certifiee", formats=("pdf",), scan=0.7)
def cni_copie(w: World, rng: random.Random) -> Doc:
    p = rng.choice([w.developer.manager, w.developer.manager, w.holding.manager, *w.buyers])
    blocks: list[Block] = []
    if rng.random() < 0.65:
        cards, _ = _cni_new(p, rng, w.today)
        blocks += cards
    else:
        blocks += _cni_old(p, rng, w.today)
    certify = rng.random() < 0.6
    if certify:
        blocks += [
            Space(14),
            P(
                alt(
                    rng,
                    [
                        f"Je soussigné(e) {p.name}, certifie que la présente copie est conforme "
                        "à l'original.",
                        "Copie certifiée conforme à l'original",
                        "Certifié conforme - bon pour copie",
                    ],
                ),
                style="italic",
                align="left",
            ),
            P(place_date(w, rng, town=p.address.town), style="italic", align="left"),
            P(p.name, style="italic", align="left"),
        ]
    if rng.random() < 0.3:
        blocks.append(
            P(
                alt(
                    rng,
                    [
                        f"Document remis à {w.bank.name} dans le cadre de l'ouverture de crédit",
                        "Copie réservée à un usage KYC - ne pas diffuser",
                        f"Dossier {w.programme} - pièce n° {rng.randint(1, 40)}",
                    ],
                ),
                style="small",
            )
        )
    return Doc("", blocks)


_PASSPORTS = [
    ("BEL", "ROYAUME DE BELGIQUE - KONINKRIJK BELGIË - KÖNIGREICH BELGIEN", "BELGE", "Bruxelles"),
    ("LUX", "GRAND-DUCHÉ DE LUXEMBOURG", "LUXEMBOURGEOISE", "Luxembourg"),
    ("CHE", "SCHWEIZERISCHE EIDGENOSSENSCHAFT - CONFÉDÉRATION SUISSE", "SUISSE", "Genève"),
    ("GBR", "UNITED KINGDOM OF GREAT BRITAIN AND NORTHERN IRELAND", "BRITISH CITIZEN", "London"),
    ("ITA", "REPUBBLICA ITALIANA", "ITALIANA", "Milano"),
    ("D", "BUNDESREPUBLIK DEUTSCHLAND", "DEUTSCH", "München"),
    ("ESP", "REINO DE ESPAÑA", "ESPAÑOLA", "Madrid"),
]


@template("KYC_IDENTITE", "pa_passeport_etranger", formats=("pdf",), scan=0.6)
def passeport_etranger(w: World, rng: random.Random) -> Doc:
    code, state, nat, city = rng.choice(_PASSPORTS)
    p = fk.person(rng, w.today)
    if rng.random() < 0.5:
        p = rng.choice([w.holding.manager, *w.buyers])
    num = ids.ref(rng, rng.choice(["AA9999999", "999999999", "A99999999", "AA999999"]))
    issued = w.today - _days(rng, 60, 3400)
    exp = issued.replace(year=issued.year + rng.choice([5, 10, 10]))
    sex = "M" if p.sex == 1 else "F"
    ccode = code.ljust(3, "<")
    l1 = f"P<{ccode}{_mrz_name(p.last)}<<{_mrz_name(p.first)}".ljust(44, "<")[:44]
    n9 = num.ljust(9, "<")
    birth, expiry = p.birth.strftime("%y%m%d"), exp.strftime("%y%m%d")
    opt = "<" * 14
    l2 = (
        f"{n9}{_mrz_check(n9)}{ccode}{birth}{_mrz_check(birth)}{sex}{expiry}"
        f"{_mrz_check(expiry)}{opt}{_mrz_check(opt)}"
    )
    l2 += _mrz_check(l2[0:10] + l2[13:20] + l2[21:43])
    authority = {
        "GBR": "HMPO",
        "D": f"Stadt {city}",
        "CHE": f"{city}",
        "BEL": f"{city}",
        "LUX": "Ministère des Affaires étrangères",
    }.get(code, f"Questura di {city}" if code == "ITA" else f"Policía - {city}")
    blocks: list[Block] = [
        P(state, align="center", style="bold"),
        P(
            alt(rng, ["PASSPORT", "PASSEPORT / PASSPORT", "PASS / PASSPORT / PASSEPORT"]),
            align="center",
            style="big",
        ),
        KV(
            [
                ("Type", "P"),
                ("Code / Issuing State", code),
                ("Passport No. / N° du passeport", num),
                ("1. Surname / Nom", p.last.upper()),
                ("2. Given names / Prénoms", p.first.upper()),
                ("3. Nationality / Nationalité", nat),
                ("4. Date of birth / Date de naissance", _pp_date(p.birth)),
                ("5. Sex / Sexe", sex),
                ("6. Place of birth / Lieu de naissance", rng.choice([city, p.birth_town]).upper()),
                ("7. Date of issue / Date de délivrance", _pp_date(issued)),
                ("8. Date of expiry / Date d'expiration", _pp_date(exp)),
                ("9. Authority / Autorité", authority),
            ],
            boxed=rng.random() < 0.5,
        ),
        Space(6),
        P(l1, style="mono", align="left"),
        P(l2, style="mono", align="left"),
    ]
    cert = rng.random()
    if cert < 0.45:
        lawyer = fk.person(rng, w.today)
        blocks += [
            Space(10),
            Box(
                [
                    "I certify that this is a true copy of the original passport which I have "
                    f"seen, and that the photograph is a true likeness of {p.name}.",
                    f"Signed: {lawyer.name}, "
                    + rng.choice(["Solicitor", "Notary Public", "Avocat"]),
                    f"Date: {fk.en_date(w.today)}",
                ],
                "CERTIFIED TRUE COPY",
            ),
        ]
    elif cert < 0.65:
        blocks.append(
            P(f"Copie certifiée conforme - {p.name} - {fk.fr_date(w.today)}", style="italic")
        )
    return Doc("", blocks, lang="en")


# ---------------------------------------------------------------------------------------------
# JUSTIF_DOMICILE
# ---------------------------------------------------------------------------------------------
@template("JUSTIF_DOMICILE", "pa_echeancier_energie", formats=("pdf",), scan=0.3)
def echeancier_energie(w: World, rng: random.Random) -> Doc:
    p = rng.choice([w.developer.manager, w.holding.manager, *w.buyers])
    kind = rng.choice(["électricité", "gaz naturel", "électricité et gaz", "eau"])
    supplier = (
        alt(
            rng,
            [
                "Énergie Commune",
                "Lumina Énergies",
                "Gaz & Watt Distribution",
                "Helio Électricité",
                "Proxi Énergie",
            ],
        )
        if kind != "eau"
        else alt(rng, ["Eau de la Métropole", "Régie des Eaux", "Aqua Services"])
    )
    start = _add_months(w.today.replace(day=1), rng.randint(0, 2))
    n = rng.choice([10, 11, 12])
    monthly = float(d2(rng.uniform(35, 260)))
    day = rng.choice([5, 10, 15, 20])
    rows: Rows = [
        [f"{day:02d}/{_add_months(start, i).month:02d}/{_add_months(start, i).year}", monthly]
        for i in range(n)
    ]
    total = monthly * n
    rows.append(["Total de l'échéancier", float(d2(total))])
    annual = rng.randint(1800, 14000) if kind != "eau" else rng.randint(40, 180)
    unit = "m³" if kind == "eau" else "kWh"
    ref_label = {"eau": "N° de compteur", "gaz naturel": "PCE"}.get(kind, "PDL")
    of_kind = {
        "électricité": "d'électricité",
        "gaz naturel": "de gaz naturel",
        "électricité et gaz": "d'électricité et de gaz",
        "eau": "d'eau potable",
    }[kind]
    blocks: list[Block] = [
        P(
            alt(
                rng,
                [
                    f"{p.civ},",
                    "Bonjour,",
                    "Cher client, chère cliente,",
                ],
            )
        ),
        P(
            f"Vous avez choisi la mensualisation pour votre contrat {of_kind}. Voici le "
            f"calendrier de vos prélèvements pour la période de {fk.MONTHS_FR[start.month - 1]} "
            f"{start.year} à {fk.MONTHS_FR[_add_months(start, n - 1).month - 1]} "
            f"{_add_months(start, n - 1).year}. Il a été calculé à partir d'une consommation "
            f"estimée de {fk.num(annual)} {unit} par an."
        ),
        KV(
            [
                ("Titulaire", p.formal),
                ("Adresse du logement", p.address.one_line()),
                ("Référence client", ids.ref(rng, "9 999 999 999")),
                (ref_label, ids.ref(rng, "99999999999999")),
                ("Référence unique de mandat (RUM)", ids.ref(rng, "AAA9999999999999")),
            ],
            boxed=rng.random() < 0.5,
        ),
        Table(["Date de prélèvement", "Montant TTC"], rows, fmt="tm", total=1),
        P(
            "Une facture de régularisation sera établie à la fin de la période, sur la base de "
            "votre consommation réelle relevée ou auto-relevée."
        ),
    ]
    if rng.random() < 0.5:
        blocks.append(
            P(
                "Vous pouvez modifier le montant de vos mensualités à tout moment depuis votre "
                "espace client ou en contactant nos conseillers du lundi au samedi.",
                style="small",
            )
        )
    return Doc(
        alt(
            rng,
            [
                "Votre échéancier",
                "ÉCHÉANCIER DE PAIEMENT",
                "Échéancier de mensualisation",
                f"Votre échéancier {kind} {start.year}",
            ],
        ),
        blocks,
        head_left=[supplier, "Service clients", fk.address(rng).one_line(), fk.phone(rng)],
        head_right=[p.formal, *p.address.lines()],
        footer=f"{supplier} - document émis le {fk.fr_date(w.today)}",
    )


@template("JUSTIF_DOMICILE", "pa_attestation_assurance_habitation", scan=0.25)
def assurance_habitation(w: World, rng: random.Random) -> Doc:
    p = rng.choice([w.developer.manager, w.holding.manager, *w.buyers])
    insurer = rng.choice(
        [
            "MAIF",
            "Macif",
            "Matmut",
            "GMF Assurances",
            "AXA Prévoyance & Patrimoine",
            "Crédit Agricole Assurances",
            "Pacifica",
            "MMA",
            "Groupama",
            "Allianz",
        ]
    )
    tenant = rng.random() < 0.5
    start = dt.date(w.today.year, rng.choice([1, 1, 4, 7, 9, 10]), 1)
    if start > w.today:
        start = start.replace(year=start.year - 1)
    end = start.replace(year=start.year + 1) - dt.timedelta(days=1)
    rooms = rng.randint(1, 6)
    housing = rng.choice(["Appartement", "Maison individuelle", "Appartement"])
    blocks: list[Block] = [
        P(
            f"{insurer} atteste que {p.formal}, demeurant {p.address.one_line()}, est titulaire "
            f"d'un contrat d'assurance habitation n° {ids.ref(rng, '9999999 A 999')} garantissant "
            "le logement désigné ci-dessous."
        ),
        KV(
            [
                ("Adresse du risque", p.address.one_line()),
                ("Nature du logement", f"{housing} - {rooms} pièce(s) principale(s)"),
                ("Qualité de l'assuré", "Locataire" if tenant else "Propriétaire occupant"),
                ("Usage", "Résidence principale"),
                ("Formule", rng.choice(["Essentielle", "Confort", "Intégrale", "Tous risques"])),
                ("Période de validité", f"du {fk.fr_date(start)} au {fk.fr_date(end)}"),
            ],
            boxed=rng.random() < 0.6,
        ),
        H("Garanties souscrites", 2),
        Bullets(
            rng.sample(
                [
                    "Responsabilité civile vie privée",
                    "Incendie et événements assimilés",
                    "Dégâts des eaux",
                    "Vol et vandalisme",
                    "Bris de glace",
                    "Catastrophes naturelles et technologiques",
                    "Défense et recours",
                    "Assistance au domicile",
                ],
                k=rng.randint(3, 7),
            )
        ),
    ]
    if tenant:
        blocks.append(
            P(
                "Cette attestation est délivrée pour satisfaire à l'obligation d'assurance du "
                "locataire prévue à l'article 7 g) de la loi n° 89-462 du 6 juillet 1989."
            )
        )
    blocks += [
        P(
            "La présente attestation ne peut engager l'assureur au-delà des conditions et "
            "limites du contrat auquel elle se réfère. Elle est valable sous réserve du paiement "
            "des cotisations.",
            style="small",
        ),
        P(place_date(w, rng, town=rng.choice(["Niort", "Paris", "Rouen", "Le Mans", "Lyon"]))),
        Sign([[f"Pour {insurer}", alt(rng, ["Le service Contrats", "Votre conseiller", ""])]]),
    ]
    return Doc(
        alt(
            rng,
            [
                "ATTESTATION D'ASSURANCE HABITATION",
                "Attestation multirisque habitation",
                "Attestation d'assurance - Habitation",
                "ATTESTATION",
            ],
        ),
        blocks,
        head_left=[insurer, fk.address(rng).one_line()],
        head_right=[p.formal, *p.address.lines()] if rng.random() < 0.6 else [],
    )
