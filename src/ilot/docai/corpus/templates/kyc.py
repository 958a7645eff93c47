"""KYC documents: identity documents (with valid MRZ check digits), proofs of address and
beneficial-ownership declarations. Identity documents are mostly scans, as in real life."""

from __future__ import annotations

import datetime as dt
import random
import unicodedata

from .. import fakes as fk
from .. import identifiers as ids
from ..fakes import Person, World
from ..model import KV, Block, Box, Doc, H, P, Sign, Table
from ..registry import template
from .common import boiler, d2, place_date

_W = (7, 3, 1)


def _mrz_val(ch: str) -> int:
    if ch.isdigit():
        return int(ch)
    if ch == "<":
        return 0
    return ord(ch) - 55


def mrz_check(s: str) -> str:
    """ICAO 9303 check digit (weights 7-3-1)."""
    return str(sum(_mrz_val(c) * _W[i % 3] for i, c in enumerate(s)) % 10)


def _ascii(s: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFD", s.upper()) if c.isalpha() or c == " "
    ).replace(" ", "<")


def _yymmdd(d: dt.date) -> str:
    return d.strftime("%y%m%d")


def _passport_mrz(p: Person, num: str, exp: dt.date) -> list[str]:
    l1 = f"P<FRA{_ascii(p.last)}<<{_ascii(p.first)}".ljust(44, "<")[:44]
    sex = "M" if p.sex == 1 else "F"
    birth, expiry = _yymmdd(p.birth), _yymmdd(exp)
    body = f"{num}{mrz_check(num)}FRA{birth}{mrz_check(birth)}{sex}{expiry}{mrz_check(expiry)}"
    opt = "<" * 14
    body += opt + mrz_check(opt)
    comp = body[0:10] + body[13:20] + body[21:43]
    return [l1, body + mrz_check(comp)]


def _doc_no(rng: random.Random) -> str:
    return ids.ref(rng, "99AA99999")


@template("KYC_IDENTITE", "passeport", formats=("pdf",), scan=0.65)
def passeport(w: World, rng: random.Random) -> Doc:
    p = rng.choice([w.developer.manager, *w.buyers])
    num = _doc_no(rng)
    issued = w.today - dt.timedelta(days=rng.randint(30, 3500))
    exp = issued.replace(year=issued.year + 10)
    return Doc(
        "",
        [
            P("RÉPUBLIQUE FRANÇAISE", align="center", style="bold"),
            P("PASSEPORT / PASSPORT", align="center", style="big"),
            KV(
                [
                    ("Type / Type", "P"),
                    ("Code du pays / Country code", "FRA"),
                    ("Passeport n° / Passport No.", num),
                    ("Nom / Surname", p.last.upper()),
                    ("Prénoms / Given names", p.first),
                    ("Nationalité / Nationality", "Française"),
                    ("Date de naissance / Date of birth", fk.fr_date(p.birth).replace("/", " ")),
                    ("Sexe / Sex", "M" if p.sex == 1 else "F"),
                    ("Lieu de naissance / Place of birth", p.birth_town.upper()),
                    ("Date de délivrance / Date of issue", fk.fr_date(issued).replace("/", " ")),
                    ("Date d'expiration / Date of expiry", fk.fr_date(exp).replace("/", " ")),
                    ("Autorité / Authority", f"Préfecture de {rng.choice(fk.TOWNS)[3]}"),
                ]
            ),
            Space_(),
            *[P(line, style="mono", align="left") for line in _passport_mrz(p, num, exp)],
            *(
                [P("Copie certifiée conforme à l'original", style="italic")]
                if rng.random() < 0.3
                else []
            ),
        ],
    )


def Space_() -> P:
    return P(" ")


@template("KYC_IDENTITE", "carte_identite", formats=("pdf",), scan=0.7)
def cni(w: World, rng: random.Random) -> Doc:
    p = rng.choice([w.developer.manager, *w.buyers])
    num = ids.ref(rng, "AAAAAA999")
    exp = w.today + dt.timedelta(days=rng.randint(100, 3600))
    l1 = f"IDFRA{num}{mrz_check(num)}".ljust(30, "<")
    birth, expiry, sex = _yymmdd(p.birth), _yymmdd(exp), "M" if p.sex == 1 else "F"
    l2 = f"{birth}{mrz_check(birth)}{sex}{expiry}{mrz_check(expiry)}FRA".ljust(29, "<")
    l2 += mrz_check(l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29])
    l3 = f"{_ascii(p.last)}<<{_ascii(p.first)}".ljust(30, "<")[:30]
    return Doc(
        "",
        [
            P("RÉPUBLIQUE FRANÇAISE", align="center", style="bold"),
            P("CARTE NATIONALE D'IDENTITÉ / IDENTITY CARD", align="center", style="big"),
            KV(
                [
                    ("Nom / Surname", p.last.upper()),
                    ("Prénoms / Given names", p.first),
                    ("Sexe / Sex", "M" if p.sex == 1 else "F"),
                    ("Nationalité / Nationality", "FRA"),
                    ("Date de naiss. / Date of birth", fk.fr_date(p.birth).replace("/", " ")),
                    ("Lieu de naissance / Place of birth", p.birth_town.upper()),
                    ("N° du document / Document No.", num),
                    ("Date d'expiration / Expiry date", fk.fr_date(exp).replace("/", " ")),
                ]
            ),
            Box(
                [
                    f"Adresse : {p.address.one_line()}",
                    f"Délivrée par : Préfecture - {p.address.dept}",
                ],
                "Verso",
            ),
            P(l1, style="mono", align="left"),
            P(l2, style="mono", align="left"),
            P(l3, style="mono", align="left"),
        ],
    )


@template("KYC_IDENTITE", "titre_sejour", formats=("pdf",), scan=0.6)
def titre_sejour(w: World, rng: random.Random) -> Doc:
    p = rng.choice([w.developer.manager, *w.buyers])
    nat = rng.choice(
        [
            "ITALIENNE",
            "MAROCAINE",
            "BRITANNIQUE",
            "ALLEMANDE",
            "ESPAGNOLE",
            "ALGÉRIENNE",
            "PORTUGAISE",
        ]
    )
    return Doc(
        "TITRE DE SÉJOUR / RESIDENCE PERMIT",
        [
            P("RÉPUBLIQUE FRANÇAISE", align="center"),
            KV(
                [
                    ("Nom", p.last.upper()),
                    ("Prénoms", p.first),
                    ("Nationalité", nat),
                    ("Date de naissance", fk.fr_date(p.birth)),
                    (
                        "Type de titre",
                        rng.choice(
                            [
                                "CARTE DE RÉSIDENT",
                                "CARTE DE SÉJOUR PLURIANNUELLE",
                                "CARTE DE SÉJOUR TEMPORAIRE",
                            ]
                        ),
                    ),
                    (
                        "Mention",
                        rng.choice(["Salarié", "Vie privée et familiale", "Passeport talent"]),
                    ),
                    ("N°", ids.ref(rng, "9999999999")),
                    (
                        "Valable jusqu'au",
                        fk.fr_date(w.today + dt.timedelta(days=rng.randint(100, 3600))),
                    ),
                ]
            ),
            P(
                "Copie - "
                + rng.choice(
                    ["pièce justificative KYC", "document transmis pour ouverture de compte"]
                ),
                style="small",
            ),
        ],
    )


_SUPPLIERS = [
    "Lumière & Gaz de France",
    "Énergies Solidaires",
    "Volt Habitat Électricité",
    "Eau du Grand Bassin",
    "Gaz Naturel Solidaire",
    "Régie Municipale des Eaux",
]


def _energy_extras(w: World, rng: random.Random, kind: str) -> list[Block]:
    """Contract, meter and history blocks that utility bills carry beyond the amounts."""
    out: list[Block] = []
    if rng.random() < 0.7:
        out.append(
            KV(
                [
                    (
                        "Votre contrat",
                        rng.choice(
                            [
                                "Tarif Bleu option Base",
                                "Offre marché Heures creuses",
                                "Contrat eau potable - abonnement résidentiel",
                            ]
                        ),
                    ),
                    ("Lieu de consommation", "adresse ci-dessus"),
                    ("Compte de facturation", ids.ref(rng, "9999999999")),
                    ("Prochaine facture vers le", fk.fr_date(w.today + dt.timedelta(days=60))),
                ]
            )
        )
    if rng.random() < 0.6 and kind == "électricité":
        months = [fk.MONTHS_FR[(w.today.month - i) % 12][:4] for i in range(6, 0, -1)]
        out.append(
            Table(
                ["Historique", *months],
                [["kWh", *[float(rng.randint(80, 900)) for _ in months]]],
                fmt="t" + "n" * len(months),
            )
        )
        out.append(
            P(
                "Dépannage électricité Enedis : 09 72 67 50 XX. Contribution au Service Public de "
                "l'Électricité et Contribution Tarifaire d'Acheminement incluses.",
                style="small",
            )
        )
    if rng.random() < 0.5:
        out.append(
            P(
                "Paiement par prélèvement automatique sur le compte bancaire : FR76 XXXX XXXX XXXX",
                style="small",
            )
        )
    return out


@template("JUSTIF_DOMICILE", "facture_energie", formats=("pdf",), scan=0.35)
def facture_energie(w: World, rng: random.Random) -> Doc:
    p = rng.choice([w.developer.manager, *w.buyers])
    sup = rng.choice(_SUPPLIERS)
    kwh = rng.randint(120, 1800)
    ht = float(d2(kwh * rng.uniform(0.15, 0.25) + 12))
    taxes = float(d2(ht * 0.08))
    tva = float(d2((ht + taxes) * 0.2))
    kind = (
        "électricité"
        if "Télécom" not in sup and "Internet" not in sup and "Eau" not in sup
        else ("eau" if "Eau" in sup else "internet")
    )
    conso = (
        f"Consommation {kwh} kWh"
        if kind == "électricité"
        else ("Consommation m³" if kind == "eau" else "Forfait fibre")
    )
    lines: list[list[str | int | float]] = [
        ["Abonnement", 12.44],
        [conso, round(ht - 12.44, 2)],
        ["Taxes et contributions (CTA, accise)", taxes],
        ["TVA 20 %", tva],
        ["Total TTC", round(ht + taxes + tva, 2)],
    ]
    return Doc(
        f"Votre facture d'{kind}" if kind != "internet" else "Votre facture internet",
        [
            KV(
                [
                    ("Titulaire du contrat", p.formal),
                    ("Adresse de consommation", p.address.one_line()),
                    ("N° client", ids.ref(rng, "9999999999")),
                    (
                        "Référence PDL" if kind == "électricité" else "Référence contrat",
                        ids.ref(rng, "99999999999999"),
                    ),
                    ("Date de facture", fk.fr_date(w.today)),
                    ("Prélèvement le", fk.fr_date(w.today + dt.timedelta(days=15))),
                ]
            ),
            Table(["Détail", "Montant"], lines, fmt="tm", total=1),
            *_energy_extras(w, rng, kind),
            P(
                "Pour toute question, contactez notre service client. Médiateur national "
                "de l'énergie : vos droits en cas de litige.",
                style="small",
            ),
        ],
        head_left=[sup, "Votre interlocuteur", "Service clients", fk.address(rng).one_line()],
        head_right=[p.formal, *p.address.lines()],
    )


@template("JUSTIF_DOMICILE", "avis_imposition", formats=("pdf",), scan=0.3)
def avis_impot(w: World, rng: random.Random) -> Doc:
    p = rng.choice([w.developer.manager, *w.buyers])
    y = w.today.year - 1
    kind = rng.choice(
        [
            f"IMPÔT SUR LES REVENUS de l'année {y - 1}",
            f"TAXE FONCIÈRE {y}",
            f"TAXE D'HABITATION {y} - résidences secondaires",
        ]
    )
    return Doc(
        f"AVIS D'IMPÔT {y} - {kind}",
        [
            KV(
                [
                    ("Numéro fiscal", ids.ref(rng, "99 99 999 999 999")),
                    ("Référence de l'avis", ids.ref(rng, "99 99 9999999 99")),
                    ("Déclarant", p.formal),
                    ("Adresse", p.address.one_line()),
                    ("Date de mise en recouvrement", fk.fr_date(dt.date(y, 7, 31))),
                ],
                boxed=True,
            ),
            Table(
                ["Détail", "Montant"],
                [
                    ["Revenu fiscal de référence", float(rng.randint(20, 300) * 1000)],
                    ["Nombre de parts", float(rng.choice([1, 2, 3]))],
                    ["Montant à payer", float(rng.randint(0, 40000))],
                ],
                fmt="tn",
            ),
            P("Vous pouvez consulter et payer en ligne depuis votre espace particulier."),
            *boiler(rng),
        ],
        head_left=[
            "DIRECTION GÉNÉRALE DES FINANCES PUBLIQUES",
            f"Centre des finances publiques de {p.address.town}",
        ],
    )


@template("JUSTIF_DOMICILE", "attestation_hebergement", scan=0.35)
def hebergement(w: World, rng: random.Random) -> Doc:
    host = fk.person(rng, w.today)
    p = rng.choice([w.developer.manager, *w.buyers])
    if rng.random() < 0.5:
        return Doc(
            "ATTESTATION D'HÉBERGEMENT",
            [
                P(
                    f"Je soussigné(e) {person_phrase_short(host)}, certifie sur l'honneur héberger "
                    "à mon domicile, "
                    f"{host.address.one_line()}, {p.formal}, né(e) le "
                    f"{fk.fr_date(p.birth)}, depuis le "
                    f"{fk.fr_date(w.today - dt.timedelta(days=rng.randint(60, 2000)))}."
                ),
                P(
                    "Je joins à la présente une copie de ma pièce d'identité et un justificatif "
                    "de domicile à mon nom."
                ),
                P(
                    "Fait pour servir et valoir ce que de droit. Toute fausse déclaration expose "
                    "à des sanctions pénales (article 441-7 du Code pénal)."
                ),
                P(place_date(w, rng, town=host.address.town)),
                Sign([["Signature de l'hébergeant", host.name]]),
            ],
        )
    return Doc(
        "QUITTANCE DE LOYER",
        [
            P(
                f"Je soussigné(e) {host.formal}, propriétaire du logement "
                f"situé {p.address.one_line()}, "
                "déclare avoir reçu de "
                f"{p.formal} la somme de {fk.money(rng.randint(500, 2500))} au titre du loyer "
                "et des charges du mois de "
                f"{fk.MONTHS_FR[w.today.month - 1]} {w.today.year}, et lui en donne quittance."
            ),
            Sign([["Le bailleur", host.name]]),
        ],
    )


def person_phrase_short(p: Person) -> str:
    return f"{p.formal}, né(e) le {fk.fr_date(p.birth)} à {p.birth_town}"


def _be_pairs(w: World, rng: random.Random) -> list[Person]:
    return [w.developer.manager] + ([fk.person(rng, w.today)] if rng.random() < 0.5 else [])


@template("BENEF_EFFECTIFS", "dbe_formulaire", formats=("pdf", "docx"), scan=0.15)
def dbe(w: World, rng: random.Random) -> Doc:
    c = rng.choice([w.sccv, w.developer])
    blocks: list[Block] = [
        P(
            f"Formulaire {rng.choice(['DBE-S-1', 'DBE-S-bis', 'M'])} - Document relatif "
            "au bénéficiaire effectif d'une société",
            style="bold",
        ),
        P("(articles L561-45-1 et R561-55 du Code monétaire et financier)", style="small"),
        H("1. Identification de la société"),
        KV([("Dénomination", c.name), ("SIREN", c.siren), ("Siège", c.address.one_line())]),
    ]
    for i, be in enumerate(_be_pairs(w, rng), 1):
        pct = rng.choice([100, 60, 51, 40, 30])
        blocks += [
            H(f"2.{i} Bénéficiaire effectif n° {i}"),
            KV(
                [
                    ("Nom de naissance", be.last.upper()),
                    ("Prénoms", be.first),
                    ("Date et lieu de naissance", f"{fk.fr_date(be.birth)} - {be.birth_town}"),
                    ("Nationalité", "Française"),
                    ("Domicile", be.address.one_line()),
                    (
                        "Modalités du contrôle",
                        f"[X] Détention indirecte de {pct} % du capital   [X] Droits de vote {pct} "
                        "%   [ ] Autre moyen de contrôle",
                    ),
                    (
                        "Date à laquelle la personne est devenue bénéficiaire effectif",
                        fk.fr_date(w.today - dt.timedelta(days=rng.randint(30, 3000))),
                    ),
                ]
            ),
        ]
    blocks += [P(place_date(w, rng)), Sign([["Le représentant légal", c.manager.name]])]
    return Doc("DÉCLARATION DES BÉNÉFICIAIRES EFFECTIFS", blocks)


@template("BENEF_EFFECTIFS", "extrait_rbe", scan=0.1)
def rbe(w: World, rng: random.Random) -> Doc:
    c = rng.choice([w.sccv, w.developer])
    rows: list[list[str | int | float]] = [
        [be.name, fk.fr_date(be.birth)[3:], "Française", f"{rng.choice([100, 51, 30])} % indirect"]
        for be in _be_pairs(w, rng)
    ]
    return Doc(
        "Extrait du registre des bénéficiaires effectifs",
        [
            KV(
                [
                    ("Société", c.name),
                    ("SIREN", c.siren),
                    (
                        "Date de dépôt",
                        fk.fr_date(w.today - dt.timedelta(days=rng.randint(10, 800))),
                    ),
                ]
            ),
            Table(["Bénéficiaire", "Né(e) en", "Nationalité", "Nature du contrôle"], rows),
            P(
                "Accès réservé aux personnes justifiant d'un intérêt légitime ou aux entités "
                "assujetties (LCB-FT).",
                style="small",
            ),
        ],
        head_left=[
            "INPI - Registre national des entreprises",
            "Registre des bénéficiaires effectifs",
        ],
    )


@template("BENEF_EFFECTIFS", "attestation_be_banque", scan=0.15)
def be_banque(w: World, rng: random.Random) -> Doc:
    c = rng.choice([w.sccv, w.developer])
    rows: list[list[str | int | float]] = [
        [
            be.formal,
            fk.fr_date(be.birth),
            be.address.one_line(),
            f"{rng.choice([100, 75, 50, 25])} %",
        ]
        for be in _be_pairs(w, rng)
    ]
    return Doc(
        "ATTESTATION RELATIVE AUX BÉNÉFICIAIRES EFFECTIFS",
        [
            P(
                f"Je soussigné(e), {c.manager.formal}, représentant légal de {c.full}, atteste "
                "que les personnes physiques ci-dessous "
                "détiennent, directement ou indirectement, plus de 25 % du capital ou des "
                "droits de vote de la société, ou exercent un "
                "pouvoir de contrôle au sens de l'article R561-1 du Code monétaire et financier :"
            ),
            Table(["Bénéficiaire effectif", "Date de naissance", "Adresse", "Détention"], rows),
            P(
                f"Cette attestation est remise à {w.bank.name} au titre de ses obligations "
                "de vigilance."
            ),
            Sign([["Signature", ""]]),
        ],
    )


_ = Box


@template("JUSTIF_DOMICILE", "utility_bill_en", formats=("pdf",), scan=0.4)
def utility_en(w: World, rng: random.Random) -> Doc:
    p = rng.choice([w.developer.manager, *w.buyers])
    supplier = rng.choice(
        ["City Power & Light", "Metro Water Services", "National Gas Supply", "Green Energy Co."]
    )
    usage = rng.randint(150, 1400)
    amount = round(usage * rng.uniform(0.12, 0.3) + 9.5, 2)
    return Doc(
        rng.choice(["Your energy statement", "UTILITY BILL", "Electricity bill"]),
        [
            KV(
                [
                    ("Account holder", p.name.upper()),
                    ("Service address", p.address.one_line()),
                    ("Account number", ids.ref(rng, "9999 9999 9999")),
                    ("Statement date", fk.en_date(w.today, True)),
                    (
                        "Billing period",
                        f"{fk.en_date(w.today - dt.timedelta(days=30), True)}"
                        f" to {fk.en_date(w.today, True)}",
                    ),
                ]
            ),
            Table(
                ["Charges", "Amount"],
                [
                    ["Standing charge", 9.5],
                    [f"Energy used ({usage} kWh)", amount - 9.5],
                    ["Total amount due", amount],
                ],
                fmt="tm",
                total=1,
            ),
            P(
                "Amount due by "
                f"{fk.en_date(w.today + dt.timedelta(days=21), True)}"
                ". Pay online or by direct debit."
            ),
        ],
        lang="en",
        head_left=[supplier, "Customer service"],
        head_right=[p.name, *p.address.lines()],
    )
