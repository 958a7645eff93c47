"""Templates written independently of the first set, in plainer and more varied wording.

Classifiers trained on one writer's templates transfer badly to documents written by others;
this module is another writer's take on the same categories (see docs/docai.md).
"""

from __future__ import annotations

import datetime as dt
import random
import unicodedata

from .. import fakes as fk
from .. import identifiers as ids
from ..fakes import Address, Company, Person, World
from ..model import KV, Block, Box, Break, Bullets, Cell, Doc, H, P, Sign, Space, Table
from ..registry import template
from .common import alt, company_phrase, d2, letterhead, place_date, recipient

Rows = list[list[Cell]]

_FORM_LONG = {
    "": "société civile de construction vente",
    "SAS": "société par actions simplifiée",
    "SASU": "société par actions simplifiée unipersonnelle",
    "SARL": "société à responsabilité limitée",
    "EURL": "entreprise unipersonnelle à responsabilité limitée",
    "SA": "société anonyme",
    "SC": "société civile",
    "SELARL": "société d'exercice libéral à responsabilité limitée",
}

_ORDINALS = [
    "PREMIÈRE",
    "DEUXIÈME",
    "TROISIÈME",
    "QUATRIÈME",
    "CINQUIÈME",
    "SIXIÈME",
    "SEPTIÈME",
    "HUITIÈME",
    "NEUVIÈME",
    "DIXIÈME",
]

# Since 1 January 2025 these twelve commercial courts are "tribunaux des activités économiques".
_TAE_TOWNS = {
    "Avignon",
    "Auxerre",
    "Le Havre",
    "Le Mans",
    "Limoges",
    "Lyon",
    "Marseille",
    "Nancy",
    "Nanterre",
    "Paris",
    "Saint-Brieuc",
    "Versailles",
}


def _form(c: Company) -> str:
    return _FORM_LONG.get(c.form, "société")


def _plain(s: str) -> str:
    """Upper case without accents, as registry terminals and MRZ lines print names."""
    return "".join(
        ch for ch in unicodedata.normalize("NFD", s.upper()) if unicodedata.category(ch) != "Mn"
    )


def _add_months(d: dt.date, n: int) -> dt.date:
    m = d.month - 1 + n
    return dt.date(d.year + m // 12, m % 12 + 1, min(d.day, 28))


def _days(rng: random.Random, lo: int, hi: int) -> dt.timedelta:
    return dt.timedelta(days=rng.randint(lo, hi))


def _pct(x: float, dec: int = 1) -> str:
    return f"{x:.{dec}f}".replace(".", ",") + " %"


def _de(town: str) -> str:
    """French elision before a town name: de Lyon, du Mans, des Sables, d'Angers."""
    if town.startswith("Le "):
        return "du " + town[3:]
    if town.startswith("Les "):
        return "des " + town[4:]
    if town[0] in "AEIOUYÉ":
        return "d'" + town
    return "de " + town


def _greffe(c: Company, d: dt.date) -> str:
    town = c.rcs_town
    if c.address.postcode[:2] in ("57", "67", "68"):
        return f"Tribunal judiciaire {_de(town)} - registre du commerce et des sociétés"
    if town in _TAE_TOWNS and d >= dt.date(2025, 1, 1):
        return f"Greffe du tribunal des activités économiques {_de(town)}"
    return f"Greffe du tribunal de commerce {_de(town)}"


def _manager_title(c: Company) -> str:
    return "Gérant" if c.form in ("", "SARL", "SC", "EURL") else "Président"


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


def _addr_in(rng: random.Random, a: Address) -> str:
    """Another street of the same town (a tax office, a branch near the company)."""
    return fk.address(rng, (a.town, a.postcode, a.insee, a.dept)).one_line()


def _email(p: Person, domain: str) -> str:
    first = _plain(p.first).lower().replace(" ", "-")
    last = _plain(p.last).lower().replace(" ", "")
    return f"{first}.{last}@{domain}"


def _domain(c: Company) -> str:
    return c.email.split("@")[-1]


def _two_partners(w: World, rng: random.Random) -> list[tuple[Company, int]]:
    """Partners of the SCCV and their share of the parts (in per cent, summing to 100)."""
    major = rng.choice([99, 90, 80, 70, 60, 51, 50])
    return [(w.developer, major), (w.holding, 100 - major)]


# ---------------------------------------------------------------------------------------------
# KBIS
# ---------------------------------------------------------------------------------------------


def _kbis_history(c: Company, rng: random.Random, imm: dt.date, upd: dt.date) -> Rows:
    events = [
        "Transfert du siège social",
        "Modification du capital social",
        "Changement de gérant" if c.form in ("", "SC", "SARL") else "Changement de président",
        "Modification de l'objet social",
        "Nomination d'un commissaire aux comptes",
        "Dépôt des comptes annuels",
        "Prorogation de la durée de la société",
    ]
    span = max(30, (upd - imm).days)
    picks = sorted(rng.sample(range(1, span), k=min(rng.randint(1, 4), span - 1)))
    return [
        [fk.fr_date(imm + dt.timedelta(days=p)), rng.choice(events), ids.ref(rng, "9999 A 99999")]
        for p in picks
    ]


@template("KBIS", "pa_kbis_rubriques", scan=0.3)
def kbis_rubriques(w: World, rng: random.Random) -> Doc:
    c = rng.choice([w.sccv, w.sccv, w.developer, w.holding])
    upd = w.today - _days(rng, 0, 75)
    imm = upd - _days(rng, 200, 5000)
    greffe = _greffe(c, upd)
    civil = c.form in ("", "SC")
    activity = (
        "Acquisition de tous terrains et droits immobiliers, construction sur ces terrains "
        "de tous immeubles et vente, en totalité ou par lots, avant ou après achèvement"
        if c.form == ""
        else alt(
            rng,
            [
                "Promotion immobilière de logements et de locaux d'activité",
                "Holding : détention et gestion de participations, prestations de services "
                "aux filiales",
                "Maîtrise d'ouvrage déléguée, promotion et marchand de biens",
            ],
        )
    )
    if c.form == "" or rng.random() < 0.4:
        leader = (
            f"{w.developer.full}, {_form(w.developer)}, {w.developer.rcs}, "
            f"représentée par {w.developer.manager.formal}"
        )
    else:
        leader = (
            f"{c.manager.last.upper()} {c.manager.first}, né(e) le "
            f"{fk.fr_date(c.manager.birth)} à {c.manager.birth_town}, de nationalité française, "
            f"demeurant {c.manager.address.one_line()}"
        )
    person_rows: Rows = [
        ["Numéro d'identification", f"{ids.group_siren(c.siren)} R.C.S. {c.rcs_town}"],
        ["Date d'immatriculation", fk.fr_date(imm)],
        ["Dénomination", c.name],
    ]
    sigle = "".join(x[0] for x in c.name.split() if x[0].isalpha())
    if len(sigle) > 2 and rng.random() < 0.3:
        person_rows.append(["Sigle", sigle])
    person_rows += [
        ["Forme juridique", _form(c).capitalize()],
        [
            "Capital",
            f"{fk.num(c.capital, dec=2)} EUR" + (" (capital fixe)" if rng.random() < 0.3 else ""),
        ],
        ["Siège", c.address.one_line()],
        ["Durée", f"99 ans à compter du {fk.fr_date(imm)}"],
        ["Clôture de l'exercice", alt(rng, ["31 décembre", "31 décembre", "30 juin", "30 sept."])],
    ]
    mgmt_rows: Rows = [[_manager_title(c), leader]]
    if not civil and rng.random() < 0.5:
        dg = fk.person(rng, w.today)
        mgmt_rows.append(["Directeur général", f"{dg.last.upper()} {dg.first}"])
    if not civil and rng.random() < 0.6:
        mgmt_rows.append(
            [
                "Commissaire aux comptes titulaire",
                f"{rng.choice(['Cabinet', 'Audit', 'Fiduciaire'])} {rng.choice(fk.LAST)} "
                f"{rng.choice(['SAS', 'SARL'])}, {fk.address(rng).town}",
            ]
        )
    estab_rows: Rows = [
        ["Adresse", c.address.one_line()],
        ["Activité(s) exercée(s)", activity],
        ["Date de commencement d'activité", fk.fr_date(imm + _days(rng, 0, 40))],
        ["Origine du fonds", alt(rng, ["Création", "Création d'un fonds", "Création"])],
        ["Mode d'exploitation", "Exploitation directe"],
    ]
    blocks: list[Block] = [
        P(greffe, align="center", style="bold"),
        P(
            alt(
                rng,
                [
                    f"Extrait d'immatriculation principale - à jour au {fk.fr_date(upd)}",
                    f"Situation au {fk.fr_date_long(upd)}",
                    f"Informations à jour au {fk.fr_date(upd)}",
                ],
            ),
            align="center",
        ),
    ]
    tabular = rng.random() < 0.5
    for name, rows in (
        ("Renseignements relatifs à la personne morale", person_rows),
        ("Gestion, direction, administration, contrôle", mgmt_rows),
        ("Renseignements relatifs à l'établissement principal", estab_rows),
    ):
        if tabular:
            blocks.append(Table(["Rubrique", "Informations"], rows, widths=[2, 5], title=name))
        else:
            blocks += [
                H(name.upper() if rng.random() < 0.5 else name),
                KV([(str(a), str(b)) for a, b in rows]),
            ]
    if rng.random() < 0.75:
        blocks += [
            H(alt(rng, ["Mentions et inscriptions modificatives", "Historique", "Observations"])),
            Table(
                ["Date", "Nature de l'inscription", "N° de dépôt"], _kbis_history(c, rng, imm, upd)
            ),
        ]
    else:
        blocks.append(P("Observations : néant."))
    if rng.random() < 0.5:
        blocks.append(
            P(
                "Le présent extrait est délivré conformément aux articles R123-150 et suivants "
                "du Code de commerce. Il reproduit les inscriptions en vigueur à sa date.",
                style="small",
            )
        )
    blocks += [
        P(
            f"Délivré le {fk.fr_date(upd)} - Le greffier"
            + alt(rng, ["", " - Fin de l'extrait", " (signature électronique)"]),
            align="right",
        ),
        Box(
            [
                f"Code de vérification : {ids.ref(rng, 'AA9A9AAA99')}",
                "Authenticité vérifiable en ligne sur le site du greffe pendant trois mois.",
            ]
        ),
    ]
    title = alt(
        rng,
        ["Extrait Kbis", "EXTRAIT KBIS", "Extrait K bis", "extrait kbis", "EXTRAIT RCS", ""],
    )
    return Doc(
        title,
        blocks,
        header=f"{c.name} - {ids.group_siren(c.siren)}" if rng.random() < 0.5 else "",
        footer=alt(rng, ["Page 1/1", "Document délivré par voie électronique", ""]),
    )


@template("KBIS", "pa_kbis_terminal", formats=("pdf",), scan=0.35)
def kbis_terminal(w: World, rng: random.Random) -> Doc:
    c = rng.choice([w.sccv, w.developer, w.holding])
    upd = w.today - _days(rng, 0, 60)
    imm = upd - _days(rng, 180, 4000)
    if rng.random() < 0.3:
        tr = fk.person(rng, w.today)
        return Doc(
            "CERTIFIED TRANSLATION",
            [
                P("Translation from French into English", align="center", style="italic"),
                P(
                    "EXTRACT OF REGISTRATION IN THE TRADE AND COMPANIES REGISTER (K BIS)",
                    align="center",
                    style="bold",
                ),
                P(
                    f"Registry of the Commercial Court of {c.rcs_town} - up to date as of "
                    f"{fk.en_date(upd)}"
                ),
                KV(
                    [
                        ("Registration number", f"{ids.group_siren(c.siren)} RCS {c.rcs_town}"),
                        ("Date of registration", fk.en_date(imm)),
                        ("Corporate name", c.name),
                        (
                            "Legal form",
                            {
                                "": "Non-trading construction-for-sale company (SCCV)",
                                "SAS": "Simplified joint-stock company (SAS)",
                                "SARL": "Limited liability company (SARL)",
                                "SA": "Public limited company (SA)",
                                "SC": "Non-trading company (société civile)",
                            }.get(c.form, c.form),
                        ),
                        ("Share capital", fk.money(c.capital, "en")),
                        ("Registered office", c.address.one_line()),
                        ("Main business", "Real estate development, construction and sale"),
                        ("Duration", f"99 years from {fk.en_date(imm)}"),
                        (
                            "Manager" if c.form in ("", "SC", "SARL") else "Chairman",
                            c.manager.name,
                        ),
                    ]
                ),
                P("End of extract.", style="italic"),
                P(
                    f"I, the undersigned, {tr.name}, sworn translator at the Court of Appeal "
                    f"of {rng.choice(['Paris', 'Lyon', 'Rennes', 'Bordeaux', 'Douai'])}, hereby "
                    "certify that the foregoing is a true and faithful translation of the French "
                    "original document submitted to me.",
                ),
                P(f"Translation no. {ids.ref(rng, '9999/99')} - {fk.en_date(w.today)}"),
                Sign([[tr.name, "Sworn translator", "(seal)"]]),
            ],
            lang="en",
        )
    kind = "SOCIETE CIVILE DE CONSTRUCTION VENTE" if c.form == "" else _plain(_form(c))
    mgr = c.manager
    w_lab = 26

    def line(label: str, value: str) -> P:
        return P(f"{label.ljust(w_lab)}: {_plain(value)}", style="mono", align="left")

    blocks: list[Block] = [
        P(_plain(_greffe(c, upd)), style="mono", align="center"),
        P(f"EXTRAIT K BIS - A JOUR AU {fk.fr_date(upd)}", style="mono", align="center"),
        P("-" * 64, style="mono", align="left"),
        line("IMMATRICULATION", f"{ids.group_siren(c.siren)} RCS {c.rcs_town}"),
        line("DATE IMMATRICULATION", fk.fr_date(imm)),
        line("N. DE GESTION", f"{imm.year} {rng.choice('BD')} {rng.randint(100, 9999):05d}"),
        line("DENOMINATION", c.name),
        line("FORME", kind),
        line("CAPITAL", f"{fk.num(c.capital, dec=2)} EUR"),
        line("ADRESSE DU SIEGE", c.address.one_line()),
        line("DUREE", f"JUSQU'AU {fk.fr_date(imm.replace(year=imm.year + 99))}"),
        line("CLOTURE EXERCICE", "31 DECEMBRE"),
        P("-" * 64, style="mono", align="left"),
        line(_manager_title(c).upper(), f"{mgr.last} {mgr.first}"),
        line("NE(E) LE", f"{fk.fr_date(mgr.birth)} A {mgr.birth_town}"),
        line("DOMICILE", mgr.address.one_line()),
        P("-" * 64, style="mono", align="left"),
        line("ETABLISSEMENT", c.address.one_line()),
        line("ACTIVITE", "PROMOTION IMMOBILIERE" if c.form else "CONSTRUCTION VENTE"),
        line("ORIGINE", "CREATION"),
        P("-" * 64, style="mono", align="left"),
    ]
    if rng.random() < 0.5:
        blocks.append(
            line(
                "MENTION",
                f"MODIFICATION DU {fk.fr_date(upd - _days(rng, 5, 300))} - "
                + rng.choice(["TRANSFERT DE SIEGE", "MODIFICATION DU CAPITAL", "NOUVEAU GERANT"]),
            )
        )
    blocks += [
        P(
            f"POUR EXTRAIT CERTIFIE CONFORME - {c.rcs_town.upper()}, LE {fk.fr_date(upd)}",
            style="mono",
            align="left",
        ),
        P("LE GREFFIER", style="mono", align="right"),
        P(f"PAGE 1/1   REF {ids.ref(rng, 'A99999999')}", style="mono", align="right"),
    ]
    return Doc("", blocks)


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


# ---------------------------------------------------------------------------------------------
# PV_DECISIONS
# ---------------------------------------------------------------------------------------------


def _resolutions(w: World, rng: random.Random, c: Company) -> list[tuple[str, str]]:
    loan = int(w.revenue_ttc * rng.uniform(0.15, 0.4) / 10000) * 10000
    new_cap = c.capital * rng.choice([2, 5, 10])
    pool = [
        (
            "Autorisation de conclure un crédit d'accompagnement",
            f"L'assemblée, connaissance prise du projet d'offre de {w.bank.name}, autorise la "
            f"gérance à conclure une ouverture de crédit d'un montant maximum de "
            f"{fk.money(loan)} destinée au financement de l'opération « {w.programme} » à "
            f"{w.site.town}, ainsi qu'une garantie financière d'achèvement au profit des "
            "acquéreurs en l'état futur d'achèvement.",
        ),
        (
            "Octroi de sûretés",
            "En garantie du crédit, l'assemblée autorise la gérance à consentir un privilège "
            "de prêteur de deniers et/ou une hypothèque conventionnelle sur le terrain, la "
            "cession ou le nantissement des créances du prix des ventes, et à accepter le "
            "nantissement des parts sociales par les associés.",
        ),
        (
            "Augmentation de capital",
            f"L'assemblée décide de porter le capital de {fk.money(c.capital)} à "
            f"{fk.money(new_cap)} par création de parts nouvelles souscrites en numéraire, "
            "et modifie corrélativement l'article des statuts relatif au capital.",
        ),
        (
            "Apports en compte courant",
            f"Les associés s'engagent à apporter en compte courant la somme globale de "
            f"{fk.money(int(w.land_price * rng.uniform(0.1, 0.3) / 1000) * 1000)}, "
            "bloquée jusqu'au remboursement intégral du crédit bancaire.",
        ),
        (
            "Lancement des travaux",
            f"Au vu du permis de construire n° {w.permit_no} purgé de tout recours et d'un "
            "taux de pré-commercialisation jugé suffisant, l'assemblée approuve le lancement "
            "des travaux et le budget prévisionnel présenté par la gérance.",
        ),
        (
            "Transfert du siège social",
            f"L'assemblée décide de transférer le siège au {fk.address(rng).one_line()} à "
            "compter de ce jour.",
        ),
        (
            "Approbation des comptes",
            f"L'assemblée approuve les comptes de l'exercice clos le 31 décembre "
            f"{w.today.year - 1}, faisant ressortir un résultat de "
            f"{fk.money(rng.uniform(-80000, 600000))}, affecté aux comptes courants des associés.",
        ),
    ]
    chosen = [pool[0], pool[1]] if rng.random() < 0.7 else []
    rest = [x for x in pool if x not in chosen]
    chosen += rng.sample(rest, k=rng.randint(1, 3))
    chosen.append(
        (
            "Pouvoirs",
            "Tous pouvoirs sont conférés au porteur d'une copie ou d'un extrait du présent "
            "procès-verbal pour accomplir les formalités de publicité et de dépôt.",
        )
    )
    return chosen


@template("PV_DECISIONS", "pa_pv_assemblee_votes", formats=("pdf", "docx"), scan=0.2)
def pv_assemblee_votes(w: World, rng: random.Random) -> Doc:
    c = w.sccv
    partners = _two_partners(w, rng)
    nparts = rng.choice([100, 1000, 1000, 10000])
    kind = alt(rng, ["générale extraordinaire", "générale ordinaire", "générale", "des associés"])
    meet = w.today - _days(rng, 0, 40)
    hour = f"{rng.randint(9, 18)}h{rng.choice(['00', '00', '30', '15'])}"
    president = partners[0][0].manager
    secretary = fk.person(rng, w.today)
    res = _resolutions(w, rng, c)
    words_year = fk.words_fr(meet.year)
    opening = alt(
        rng,
        [
            f"L'an {words_year}, le {'premier' if meet.day == 1 else fk.words_fr(meet.day)} "
            f"{fk.MONTHS_FR[meet.month - 1]}, à {hour},",
            f"Le {fk.fr_date(meet)} à {hour},",
            f"En date du {fk.fr_date_long(meet)},",
        ],
    )
    place = alt(
        rng,
        [
            "au siège social",
            f"dans les bureaux de {w.developer.name}, {w.developer.address.one_line()}",
            "par visioconférence",
        ],
    )
    blocks: list[Block] = [
        P(
            f"{c.name}\n{_form(c).capitalize()} au capital de {fk.money(c.capital)}\n"
            f"Siège : {c.address.one_line()}\n{c.rcs}",
            align="center",
        ),
        P(
            f"{opening} les associés de la société se sont réunis en assemblée {kind} "
            f"{place}, sur convocation de la gérance adressée à chacun d'eux par lettre "
            f"recommandée{' et courriel' if rng.random() < 0.5 else ''}."
        ),
    ]
    att: Rows = []
    for p, pct in partners:
        att.append([p.name, float(nparts * pct // 100), f"{p.manager.name}", "signé"])
    att.append(["Total", float(nparts), "", ""])
    if rng.random() < 0.7:
        blocks += [
            H(alt(rng, ["Feuille de présence", "Associés présents ou représentés"]), 2),
            Table(["Associé", "Parts", "Représenté par", "Émargement"], att, fmt="tntt", total=1),
        ]
    else:
        blocks.append(
            P(
                "Sont présents ou représentés : "
                + ", ".join(
                    f"{p.name} ({fk.num(nparts * pct // 100)} parts)" for p, pct in partners
                )
                + f", soit la totalité des {fk.num(nparts)} parts composant le capital."
            )
        )
    blocks += [
        P(
            f"{president.formal} préside la séance. {secretary.formal} est désigné(e) comme "
            "secrétaire. Le président constate que les associés présents ou représentés "
            "possèdent la totalité des parts et que l'assemblée peut valablement délibérer."
        ),
        P(
            "Sont mis à la disposition des associés : le texte des projets de résolutions, "
            + alt(
                rng,
                [
                    f"le projet d'offre de crédit de {w.bank.name}, le bilan prévisionnel "
                    "de l'opération.",
                    "le rapport de la gérance et l'état de commercialisation.",
                    "la copie des statuts à jour.",
                ],
            )
        ),
        H(
            alt(rng, ["Ordre du jour", "ORDRE DU JOUR", "L'assemblée est appelée à statuer sur :"]),
            2,
        ),
        Bullets([r[0] for r in res], ordered=rng.random() < 0.5),
    ]
    for i, (name, text) in enumerate(res):
        num = _ORDINALS[i] if i < len(_ORDINALS) else f"{i + 1}E"
        head = alt(
            rng, [f"{num} RÉSOLUTION", f"{num} RÉSOLUTION - {name}", f"Résolution n° {i + 1}"]
        )
        blocks += [H(head, 2), P(text)]
        if rng.random() < 0.5:
            blocks.append(
                Table(
                    ["Pour", "Contre", "Abstention"],
                    [[float(nparts), 0.0, 0.0]],
                    fmt="nnn",
                )
            )
        blocks.append(
            P(
                alt(
                    rng,
                    [
                        "Cette résolution est adoptée à l'unanimité.",
                        "Mise aux voix, cette résolution est adoptée à l'unanimité des associés.",
                        "Adoptée à l'unanimité.",
                    ],
                ),
                style="italic",
            )
        )
    blocks += [
        P(
            "Plus rien n'étant à l'ordre du jour, la séance est levée à "
            f"{rng.randint(10, 19)}h{rng.choice(['00', '15', '30', '45'])}. De tout ce que "
            "dessus, il a été dressé le présent procès-verbal, signé par le président et le "
            "secrétaire."
        ),
        Sign([["Le président de séance", president.name], ["Le secrétaire", secretary.name]]),
    ]
    return Doc(
        alt(
            rng,
            [
                f"PROCÈS-VERBAL DE L'ASSEMBLÉE {kind.upper()}",
                "Procès-verbal des délibérations de l'assemblée des associés",
                f"PV AG du {fk.fr_date(meet)}",
            ],
        ),
        blocks,
        footer=alt(rng, ["Registre des délibérations - page " + str(rng.randint(2, 60)), ""]),
    )


@template("PV_DECISIONS", "pa_pv_extrait_certifie", scan=0.3)
def pv_extrait_certifie(w: World, rng: random.Random) -> Doc:
    c = rng.choice([w.developer, w.holding])
    organ, du, le = {
        "SA": ("conseil d'administration", "du", "Le"),
        "SAS": ("Président", "du", "Le"),
        "SARL": ("gérance", "de la", "La"),
        "SC": ("assemblée des associés", "de l'", "L'"),
    }.get(c.form, ("conseil d'administration", "du", "Le"))
    sep = "" if du.endswith("'") else " "
    amount = int(w.revenue_ttc * rng.uniform(0.1, 0.3) / 10000) * 10000
    d = w.today - _days(rng, 1, 60)
    who = c.manager
    kind = rng.randrange(3)
    if kind == 0:
        decided = (
            f"autorise {who.formal}, en qualité de représentant légal, à consentir au nom de "
            f"la société un cautionnement solidaire au profit de {w.bank.name}, en garantie "
            f"des sommes dues par {w.sccv.name} au titre du crédit d'accompagnement de "
            f"l'opération {w.programme}, dans la limite de {fk.money(amount)} en principal, "
            "intérêts, frais et accessoires, pour une durée expirant "
            f"le {fk.fr_date(w.delivery_date + dt.timedelta(days=365))}."
        )
        if c.form == "SA":
            decided += (
                " La présente autorisation est donnée en application de l'article L225-35 du "
                "Code de commerce."
            )
    elif kind == 1:
        decided = (
            f"autorise la société, en sa qualité d'associée de {w.sccv.name}, à nantir au "
            f"profit de {w.bank.name} la totalité des parts qu'elle détient dans le capital "
            "de cette société, et à souscrire un engagement de non-cession et de "
            "subordination de ses comptes courants."
        )
    else:
        decided = (
            f"décide de se porter caution de l'engagement de la SCCV de compléter ses fonds "
            f"propres à hauteur de {fk.money(amount // 10)} et autorise son représentant "
            "à signer la lettre d'engagement et la garantie à première demande corrélative."
        )
    where = (
        f"au cours de sa séance du {fk.fr_date(d)}"
        if organ != "Président"
        else f"par décision en date du {fk.fr_date(d)}"
    )
    blocks: list[Block] = [
        P(f"{c.full}\n{c.address.one_line()}\n{c.rcs}", style="small"),
        P(
            alt(
                rng,
                [
                    f"EXTRAIT DU PROCÈS-VERBAL DES DÉLIBÉRATIONS {du.upper()}{sep}{organ.upper()}",
                    f"Extrait du registre des décisions {du}{sep}{organ}",
                    f"EXTRAIT DES DÉCISIONS {du.upper()}{sep}{organ.upper()}",
                ],
            ),
            align="center",
            style="bold",
        ),
        P(
            f"{le}{sep}{organ}, {where}, "
            + ("après en avoir délibéré, " if organ != "Président" and rng.random() < 0.5 else "")
            + decided
        ),
    ]
    if rng.random() < 0.6:
        deleg = fk.person(rng, w.today)
        blocks.append(
            P(
                f"Il est donné tous pouvoirs à {deleg.formal}, avec faculté de substitution, "
                "pour signer tous actes, notamment devant notaire, et faire le nécessaire."
            )
        )
    if rng.random() < 0.5:
        blocks.append(
            P(
                "Cette délibération a été adoptée à l'unanimité des membres présents ou "
                "représentés.",
                style="italic",
            )
        )
    blocks += [
        P(
            alt(
                rng,
                [
                    "Pour extrait certifié conforme,",
                    "Copie certifiée conforme.",
                    "Extrait certifié conforme à l'original.",
                ],
            ),
            style="bold",
        ),
        P(place_date(w, rng, town=c.address.town)),
        Sign([[who.name, _manager_title(c) if c.form != "SA" else "Président-directeur général"]]),
    ]
    return Doc("", blocks, head_left=letterhead(c, rng) if rng.random() < 0.4 else [])


# ---------------------------------------------------------------------------------------------
# ORGANIGRAMME
# ---------------------------------------------------------------------------------------------


def _sccv_names(w: World, rng: random.Random, n: int) -> list[tuple[str, str]]:
    out = [(w.sccv.name, w.site.town)]
    for a, b in rng.sample(fk.PROGRAMME_WORDS, n):
        name = f"SCCV {a} {b}".strip().upper()
        if name != w.sccv.name:
            out.append((name, rng.choice(fk.TOWNS)[0]))
    return out[: n + 1]


@template("ORGANIGRAMME", "pa_organigramme_schema", formats=("pdf", "docx"), scan=0.05)
def organigramme_schema(w: World, rng: random.Random) -> Doc:
    founder = w.developer.manager
    spouse = fk.person(rng, w.today)
    spouse.last = founder.last
    f_pct = rng.choice([100, 90, 80, 70, 60, 51])
    h_pct = rng.choice([100, 100, 95, 85, 70])
    ext = rng.choice(
        [
            "Caisse d'Épargne Participations",
            "Crédit Agricole Immobilier Invest",
            "Fonds Habitat Région",
            "Famille " + rng.choice(fk.LAST),
        ]
    )
    sccvs = _sccv_names(w, rng, rng.randint(2, 6))
    lines = [
        f"{founder.name}" + (f"    {spouse.name}" if f_pct < 100 else ""),
        f"  {f_pct} %" + (f"              {100 - f_pct} %" if f_pct < 100 else ""),
        "     |",
        f"     +--- {w.holding.full}  (capital {fk.money(w.holding.capital)})",
        "             |",
        f"             |  {h_pct} %" + (f"  (+ {100 - h_pct} % {ext})" if h_pct < 100 else ""),
        "             |",
        f"             +--- {w.developer.full}",
        "                     |",
    ]
    rows: Rows = []
    for name, town in sccvs:
        pct = rng.choice([100.0, 99.0, 99.9, 51.0, 50.0, 60.0]) if name != w.sccv.name else 99.0
        co = "" if pct >= 99 else rng.choice(fk.DEV_NAMES)
        lines.append(
            f"                     +-- {pct:g} % -- {name} ({town})"
            + (f" / {100 - pct:g} % {co}" if co else "")
        )
        rows.append([name, town, "SCCV", pct, co or "-"])
    mono = rng.random() < 0.6
    blocks: list[Block] = [
        P(
            alt(
                rng,
                [
                    f"Situation au {fk.fr_date(w.today)}",
                    f"Groupe {w.developer.name.split()[0]} - structure juridique au "
                    f"{fk.fr_date(w.today)}",
                    "Pourcentages de détention en capital et en droits de vote",
                ],
            ),
            align="center",
            style="italic",
        ),
    ]
    if mono:
        blocks += [P(x, style="mono", align="left") for x in lines]
    else:
        blocks += [
            H("Niveau 1 - Personnes physiques", 2),
            Bullets(
                [f"{founder.formal} : {f_pct} % de {w.holding.name}"]
                + (
                    [f"{spouse.formal} : {100 - f_pct} % de {w.holding.name}"]
                    if f_pct < 100
                    else []
                )
            ),
            H("Niveau 2 - Holding", 2),
            Bullets(
                [f"{w.holding.full} détient {h_pct} % de {w.developer.name}"]
                + ([f"{ext} détient {100 - h_pct} % de {w.developer.name}"] if h_pct < 100 else [])
            ),
            H("Niveau 3 - Sociétés de programme", 2),
        ]
    if rng.random() < 0.7 or not mono:
        blocks.append(
            Table(
                ["Société de programme", "Commune", "Forme", "% détenu", "Co-associé"],
                rows,
                fmt="tttpt",
                title="" if mono else "Filiales détenues par " + w.developer.name,
            )
        )
    blocks.append(
        P(
            alt(
                rng,
                [
                    f"Gérance de toutes les SCCV assurée par {w.developer.name}.",
                    "Les participations inférieures à 1 % ne sont pas représentées.",
                    f"Bénéficiaire effectif ultime : {founder.name} (contrôle indirect).",
                ],
            ),
            style="small",
        )
    )
    return Doc(
        alt(
            rng,
            [
                "ORGANIGRAMME JURIDIQUE",
                "Organigramme du groupe",
                "Schéma de détention",
                "Structure capitalistique",
                "organigramme",
            ],
        ),
        blocks,
        head_left=[w.developer.name] if rng.random() < 0.5 else [],
        landscape=rng.random() < 0.3,
    )


@template(
    "ORGANIGRAMME", "pa_organigramme_participations", formats=("pdf", "xlsx", "docx"), scan=0.03
)
def organigramme_participations(w: World, rng: random.Random) -> Doc:
    holders = [w.developer.manager, fk.person(rng, w.today)]
    n_h = rng.choice([10000, 50000, 100000])
    split = rng.choice([(100, 0), (80, 20), (65, 35), (50, 50), (90, 10)])
    cap_rows: Rows = []
    for p, pct in zip(holders, split, strict=True):
        if pct:
            cap_rows.append([p.name, float(n_h * pct // 100), pct * 1.0, pct * 1.0])
    cap_rows.append(["Total", float(n_h), 100.0, 100.0])
    h_pct = rng.choice([100, 100, 90, 75])
    sub_rows: Rows = []
    for name, town in _sccv_names(w, rng, rng.randint(3, 9)):
        share = rng.choice([100.0, 99.0, 90.0, 70.0, 51.0, 50.0])
        indirect = h_pct * share / 100
        sub_rows.append(
            [
                name,
                town,
                ids.group_siren(ids.siren(rng)),
                float(rng.choice([1000, 1000, 2000, 10000])),
                share,
                indirect,
                rng.choice(["Foncier", "Travaux", "Travaux", "Livrée", "Commercialisation"]),
            ]
        )
    blocks: list[Block] = [
        KV(
            [
                ("Société tête de groupe", f"{w.holding.full} - {w.holding.rcs}"),
                ("Filiale opérationnelle", f"{w.developer.full} - détenue à {h_pct} %"),
                ("Date", fk.fr_date(w.today)),
            ]
        ),
        Table(
            ["Associé de " + w.holding.name, "Actions", "% capital", "% droits de vote"],
            cap_rows,
            fmt="tnpp",
            total=1,
            title="1. Répartition du capital de la holding",
        ),
        Table(
            [
                "Société",
                "Commune",
                "SIREN",
                "Capital (€)",
                "% direct",
                "% indirect holding",
                "Stade",
            ],
            sub_rows,
            fmt="tttnppt",
            title=f"2. Participations de {w.developer.name}",
            widths=[3, 1.6, 1.6, 1.1, 1, 1.2, 1.3],
        ),
    ]
    if rng.random() < 0.6:
        blocks.append(
            P(
                "Les pourcentages indirects sont obtenus en multipliant les taux de détention "
                "successifs. Aucun pacte d'associés ne confère de droits de vote particuliers."
            )
        )
    return Doc(
        alt(
            rng,
            [
                "ÉTAT DES PARTICIPATIONS",
                "Tableau des participations et de l'actionnariat",
                "Organigramme capitalistique (tableau)",
                "Périmètre du groupe",
            ],
        ),
        blocks,
        landscape=rng.random() < 0.5,
        head_left=letterhead(w.holding, rng, ids=False) if rng.random() < 0.4 else [],
    )


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


# ---------------------------------------------------------------------------------------------
# BENEF_EFFECTIFS
# ---------------------------------------------------------------------------------------------


def _owners(w: World, rng: random.Random) -> list[tuple[Person, int]]:
    first = w.developer.manager
    if rng.random() < 0.5:
        return [(first, rng.choice([100, 100, 80, 60]))]
    a = rng.choice([50, 55, 60, 70])
    return [(first, a), (fk.person(rng, w.today), 100 - a)]


@template("BENEF_EFFECTIFS", "pa_be_recepisse_depot", scan=0.15)
def be_recepisse(w: World, rng: random.Random) -> Doc:
    c = rng.choice([w.sccv, w.sccv, w.developer, w.holding])
    filed = w.today - _days(rng, 1, 500)
    owners = _owners(w, rng)
    rows: Rows = []
    for p, pct in owners:
        how = (
            f"Détention indirecte de {pct} % du capital via {w.holding.name}"
            if c is not w.holding
            else f"Détention directe de {pct} % du capital"
        )
        if pct > 50 and rng.random() < 0.5:
            how += " ; exercice d'un contrôle sur les organes de direction"
        rows.append([f"{p.last.upper()} {p.first}", fk.fr_date(p.birth)[3:], "Française", how])
    blocks: list[Block] = [
        P(_greffe(c, filed), style="bold"),
        P(
            alt(
                rng,
                [
                    "Récépissé de dépôt d'un document relatif au bénéficiaire effectif",
                    "Accusé d'enregistrement - déclaration des bénéficiaires effectifs",
                    "Inscription au registre des bénéficiaires effectifs",
                ],
            ),
            align="center",
            style="big",
        ),
        P(
            f"Le greffier certifie avoir procédé, le {fk.fr_date(filed)}, à l'inscription du "
            "document relatif au(x) bénéficiaire(s) effectif(s) de la société désignée "
            "ci-dessous, déposé en application des articles L561-46 et R561-55 et suivants du "
            "Code monétaire et financier."
        ),
        KV(
            [
                ("Dénomination", c.name),
                ("Immatriculation", f"{ids.group_siren(c.siren)} RCS {c.rcs_town}"),
                ("Forme", _form(c)),
                (
                    "Nature du dépôt",
                    alt(rng, ["Déclaration initiale", "Modification", "Déclaration initiale"]),
                ),
                ("Numéro de formalité", ids.ref(rng, "J99999999999")),
            ]
        ),
        Table(
            ["Bénéficiaire effectif", "Né(e) en", "Nationalité", "Modalités du contrôle"],
            rows,
            widths=[2.2, 1, 1.2, 4],
        ),
    ]
    if rng.random() < 0.5:
        blocks.append(
            P(
                "Toute modification des informations déclarées doit faire l'objet d'un nouveau "
                "dépôt dans un délai de trente jours suivant le fait ou l'acte rendant "
                "nécessaire la rectification.",
                style="small",
            )
        )
    blocks.append(P(f"Fait le {fk.fr_date(filed)} - Le greffier", align="right"))
    return Doc("", blocks, footer=alt(rng, ["Document confidentiel", "", "1/1"]))


@template("BENEF_EFFECTIFS", "pa_be_fiche_banque", formats=("pdf", "docx"), scan=0.1)
def be_fiche_banque(w: World, rng: random.Random) -> Doc:
    c = rng.choice([w.sccv, w.sccv, w.developer])
    owners = _owners(w, rng)
    h_pct = rng.choice([100, 100, 95, 90])
    chain: Rows = [
        [
            "1",
            c.name,
            w.developer.name if c is w.sccv else w.holding.name,
            99.0 if c is w.sccv else float(h_pct),
        ],
    ]
    if c is w.sccv:
        chain.append(["2", w.developer.name, w.holding.name, float(h_pct)])
    for p, pct in owners:
        chain.append([str(len(chain) + 1), w.holding.name, p.name, float(pct)])
    blocks: list[Block] = [
        P(
            alt(
                rng,
                [
                    "Questionnaire connaissance client - personne morale",
                    "Identification des bénéficiaires effectifs (LCB-FT)",
                    "Formulaire KYC - Entreprise",
                ],
            ),
            style="bold",
        ),
        H("1. L'entité", 2),
        KV(
            [
                ("Raison sociale", c.full),
                ("SIREN", ids.group_siren(c.siren)),
                ("Adresse du siège", c.address.one_line()),
                ("Activité", "Construction-vente" if c is w.sccv else "Promotion immobilière"),
                ("Représentant légal", c.manager.formal),
            ]
        ),
        H("2. Chaîne de détention", 2),
        Table(["Niveau", "Société détenue", "Détenue par", "% capital"], chain, fmt="tttp"),
        H("3. Bénéficiaires effectifs", 2),
        P(
            "Est bénéficiaire effectif toute personne physique qui détient, directement ou "
            "indirectement, plus de 25 % du capital ou des droits de vote, ou qui exerce un "
            "contrôle par tout autre moyen (article R561-1 du Code monétaire et financier).",
            style="small",
        ),
    ]
    mult = (99 if c is w.sccv else 100) * h_pct / 10000
    for i, (p, pct) in enumerate(owners, 1):
        eff = pct * mult
        pep = rng.random() < 0.08
        blocks += [
            KV(
                [
                    (f"Bénéficiaire n° {i}", p.formal),
                    ("Date et lieu de naissance", f"{fk.fr_date(p.birth)}, {p.birth_town}"),
                    ("Adresse personnelle", p.address.one_line()),
                    ("Pays de résidence fiscale", "France"),
                    ("Détention indirecte calculée", _pct(eff, 2)),
                    (
                        "Nature du contrôle",
                        "[X] capital  [X] droits de vote  [ ] autre moyen"
                        if eff > 25
                        else "[ ] capital  [ ] droits de vote  [X] autre moyen (dirigeant)",
                    ),
                    (
                        "Personne politiquement exposée",
                        "[X] Oui  [ ] Non" if pep else "[ ] Oui  [X] Non",
                    ),
                ],
                boxed=True,
            )
        ]
    blocks += [
        H("4. Pièces jointes", 2),
        Bullets(
            [
                "Copie de la pièce d'identité en cours de validité de chaque bénéficiaire",
                "Extrait du registre des bénéficiaires effectifs de moins de 3 mois",
                "Statuts à jour certifiés conformes",
            ][: rng.randint(1, 3)]
        ),
        P(
            "Le signataire certifie l'exactitude des informations ci-dessus et s'engage à "
            f"informer {w.bank.name} sans délai de toute modification."
        ),
        P(place_date(w, rng)),
        Sign(
            [
                ["Le représentant légal", c.manager.name],
                [f"Pour {w.bank.name}", "Le chargé d'affaires"],
            ]
        ),
    ]
    return Doc(
        alt(rng, ["BÉNÉFICIAIRES EFFECTIFS", "Fiche bénéficiaires effectifs", ""]),
        blocks,
        head_left=[w.bank.name, "Direction des financements immobiliers"],
        footer="Document à usage interne - conformité",
    )


# ---------------------------------------------------------------------------------------------
# COMPTES_ANNUELS
# ---------------------------------------------------------------------------------------------


def _accounts(rng: random.Random, c: Company, dev: bool, scale: float) -> dict[str, float]:
    """One year of consistent figures: the balance sheet balances, the P&L adds up."""

    def r(lo: float, hi: float) -> float:
        return float(round(rng.uniform(lo, hi) * scale / 100) * 100)

    ca = r(2e6, 40e6) if dev else r(1.5e5, 1.2e6)
    ps = r(-2e6, 4e6) if dev else 0.0
    other_in = r(0, 8e4)
    purchases = ca * rng.uniform(0.25, 0.45) if dev else 0.0
    external = ca * rng.uniform(0.25, 0.4) if dev else ca * rng.uniform(0.2, 0.4)
    taxes = ca * rng.uniform(0.005, 0.02)
    wages = ca * rng.uniform(0.04, 0.1) if dev else ca * rng.uniform(0.2, 0.4)
    social = wages * rng.uniform(0.38, 0.45)
    dep = r(1e4, 2e5)
    prod = ca + ps + other_in
    op_res = prod - purchases - external - taxes - wages - social - dep
    fin_in = r(0, 1.5e5) if dev else r(1e5, 9e5)
    fin_out = r(2e4, 6e5) if dev else r(0, 5e4)
    exc = r(-5e4, 5e4)
    pre = op_res + fin_in - fin_out + exc
    tax = max(0.0, pre * 0.25)
    net = pre - tax
    fixed_intang, am_intang = r(0, 5e4), 0.0
    am_intang = fixed_intang * rng.uniform(0.2, 0.9)
    fixed_tang = r(3e4, 6e5)
    am_tang = fixed_tang * rng.uniform(0.2, 0.7)
    fin_assets = r(5e3, 4e5) if dev else r(5e5, 6e6)
    stocks = (ca * rng.uniform(0.3, 0.9)) if dev else 0.0
    clients = ca * rng.uniform(0.05, 0.2)
    other_rec = r(5e4, 2e6)
    cash = r(5e4, 3e6)
    prepaid = r(0, 5e4)
    assets = (
        fixed_intang
        - am_intang
        + fixed_tang
        - am_tang
        + fin_assets
        + stocks
        + clients
        + other_rec
        + cash
        + prepaid
    )
    legal = min(c.capital * 0.1, r(0, 5e4))
    provisions = r(0, 2e5)
    bank = stocks * rng.uniform(0.2, 0.5) if dev else r(0, 1.5e6)
    advances = ca * rng.uniform(0.05, 0.2) if dev else 0.0
    suppliers = (purchases + external) * rng.uniform(0.1, 0.25)
    fisc = (wages + tax) * rng.uniform(0.15, 0.35)
    equity_wo_ran = c.capital + legal + net
    others = r(2e4, 8e5)
    ran = assets - (equity_wo_ran + provisions + bank + advances + suppliers + fisc + others)
    if ran < -0.5 * (c.capital + legal + max(net, 0) + 1e5):
        cash += -ran
        assets += -ran
        ran = 0.0
    return {
        "ca": ca, "ps": ps, "other_in": other_in, "prod": prod, "purchases": purchases,
        "external": external, "taxes": taxes, "wages": wages, "social": social, "dep": dep,
        "op_res": op_res, "fin_in": fin_in, "fin_out": fin_out, "exc": exc, "tax": tax,
        "net": net, "fixed_intang": fixed_intang, "am_intang": am_intang,
        "fixed_tang": fixed_tang, "am_tang": am_tang, "fin_assets": fin_assets,
        "stocks": stocks, "clients": clients, "other_rec": other_rec, "cash": cash,
        "prepaid": prepaid, "assets": assets, "capital": float(c.capital), "legal": legal,
        "ran": ran, "equity": c.capital + legal + ran + net, "provisions": provisions,
        "bank": bank, "advances": advances, "suppliers": suppliers, "fisc": fisc,
        "others": others,
    }  # fmt: skip


def _liasse_tables(a: dict[str, float], b: dict[str, float], rng: random.Random) -> list[Table]:
    act: Rows = []
    for label, k_gross, k_am in [
        ("Immobilisations incorporelles", "fixed_intang", "am_intang"),
        ("Immobilisations corporelles", "fixed_tang", "am_tang"),
        ("Immobilisations financières", "fin_assets", ""),
        ("Stocks et en-cours (programmes immobiliers)", "stocks", ""),
        ("Clients et comptes rattachés", "clients", ""),
        ("Autres créances", "other_rec", ""),
        ("Disponibilités", "cash", ""),
        ("Charges constatées d'avance", "prepaid", ""),
    ]:
        am = a[k_am] if k_am else 0.0
        prev = b[k_gross] - (b[k_am] if k_am else 0.0)
        act.append([label, a[k_gross], am, a[k_gross] - am, prev])
    gross = sum(float(x[1]) for x in act)
    amort = sum(float(x[2]) for x in act)
    act.append(["TOTAL GÉNÉRAL", gross, amort, a["assets"], b["assets"]])
    pas: Rows = [
        ["Capital social ou individuel", a["capital"], b["capital"]],
        ["Réserve légale", a["legal"], b["legal"]],
        ["Report à nouveau", a["ran"], b["ran"]],
        ["Résultat de l'exercice (bénéfice ou perte)", a["net"], b["net"]],
        ["Total capitaux propres", a["equity"], b["equity"]],
        ["Provisions pour risques et charges", a["provisions"], b["provisions"]],
        ["Emprunts et dettes auprès des établissements de crédit", a["bank"], b["bank"]],
        ["Avances et acomptes reçus sur commandes en cours", a["advances"], b["advances"]],
        ["Dettes fournisseurs et comptes rattachés", a["suppliers"], b["suppliers"]],
        ["Dettes fiscales et sociales", a["fisc"], b["fisc"]],
        ["Autres dettes (dont comptes courants d'associés)", a["others"], b["others"]],
        ["TOTAL GÉNÉRAL", a["assets"], b["assets"]],
    ]
    res: Rows = [
        ["Production vendue (biens et services)", a["ca"], b["ca"]],
        ["Production stockée", a["ps"], b["ps"]],
        ["Autres produits d'exploitation", a["other_in"], b["other_in"]],
        ["Total des produits d'exploitation", a["prod"], b["prod"]],
        ["Achats de terrains, matières et approvisionnements", a["purchases"], b["purchases"]],
        ["Autres achats et charges externes", a["external"], b["external"]],
        ["Impôts, taxes et versements assimilés", a["taxes"], b["taxes"]],
        ["Salaires et traitements", a["wages"], b["wages"]],
        ["Charges sociales", a["social"], b["social"]],
        ["Dotations aux amortissements et provisions", a["dep"], b["dep"]],
        ["RÉSULTAT D'EXPLOITATION", a["op_res"], b["op_res"]],
        ["Produits financiers", a["fin_in"], b["fin_in"]],
        ["Charges financières", a["fin_out"], b["fin_out"]],
        ["Résultat exceptionnel", a["exc"], b["exc"]],
        ["Impôt sur les bénéfices", a["tax"], b["tax"]],
        ["BÉNÉFICE OU PERTE", a["net"], b["net"]],
    ]
    cols = rng.choice([("Exercice N", "Exercice N-1"), ("N", "N-1"), ("31/12/N", "31/12/N-1")])
    return [
        Table(
            ["ACTIF", "Brut", "Amort. / dépréc.", f"Net {cols[0]}", f"Net {cols[1]}"],
            act,
            fmt="tmmmm",
            total=1,
            widths=[3.4, 1.3, 1.3, 1.3, 1.3],
        ),
        Table(["PASSIF", *cols], pas, fmt="tmm", total=1, widths=[4, 1.5, 1.5]),
        Table(["COMPTE DE RÉSULTAT", *cols], res, fmt="tmm", total=1, widths=[4, 1.5, 1.5]),
    ]


@template("COMPTES_ANNUELS", "pa_liasse_formulaires", formats=("pdf", "xlsx"), scan=0.12)
def liasse_formulaires(w: World, rng: random.Random) -> Doc:
    dev = rng.random() < 0.65
    c = w.developer if dev else w.holding
    scale = rng.uniform(0.5, 2.0)
    a = _accounts(rng, c, dev, scale)
    b = _accounts(rng, c, dev, scale * rng.uniform(0.7, 1.2))
    year = w.today.year - (1 if w.today.month > 4 else 2)
    simplified = not dev and rng.random() < 0.6
    act, pas, res = _liasse_tables(a, b, rng)
    ident = Box(
        [
            f"Désignation de l'entreprise : {c.full}",
            f"Adresse de l'entreprise : {c.address.one_line()}",
            f"Numéro SIRET : {c.siret}",
            f"Durée de l'exercice en nombre de mois : 12 - Exercice N clos le : 31/12/{year}",
            "Néant [ ]",
        ]
    )
    if simplified:
        heads = [
            ("N° 2033-A-SD", "BILAN SIMPLIFIÉ"),
            ("N° 2033-B-SD", "COMPTE DE RÉSULTAT SIMPLIFIÉ DE L'EXERCICE"),
        ]
        mention = "Formulaire obligatoire (article 302 septies A bis du Code général des impôts)"
    else:
        heads = [
            ("N° 2050-SD / 2051-SD", "BILAN - ACTIF / PASSIF avant répartition"),
            ("N° 2052-SD / 2053-SD", "COMPTE DE RÉSULTAT DE L'EXERCICE (en liste)"),
        ]
        mention = "Formulaire obligatoire (article 53 A du Code général des impôts)"
    blocks: list[Block] = [
        P(f"DGFiP {heads[0][0]} {year + 1}", align="right", style="small"),
        P(heads[0][1], align="center", style="bold"),
        P(mention, align="center", style="small"),
        ident,
        act,
        pas,
    ]
    if rng.random() < 0.5:
        blocks.append(Break())
    blocks += [
        P(f"DGFiP {heads[1][0]} {year + 1}", align="right", style="small"),
        P(heads[1][1], align="center", style="bold"),
        res,
    ]
    if rng.random() < 0.5:
        blocks.append(
            KV(
                [
                    ("Effectif moyen du personnel", str(rng.randint(0, 60) if dev else 0)),
                    ("Régime d'imposition", "Réel simplifié" if simplified else "Réel normal"),
                    (
                        "Déclaration déposée le",
                        fk.fr_date(dt.date(year + 1, 5, rng.randint(2, 20))),
                    ),
                ]
            )
        )
    return Doc(
        alt(rng, ["", "LIASSE FISCALE", f"Liasse fiscale {year}", "Déclaration de résultats"]),
        blocks,
        header=f"{c.name} - exercice {year}",
        footer=alt(rng, ["Cerfa - impots.gouv.fr", "Édité par le logiciel comptable", ""]),
    )


@template("COMPTES_ANNUELS", "pa_comptes_plaquette", formats=("pdf", "docx"), scan=0.05)
def comptes_plaquette(w: World, rng: random.Random) -> Doc:
    dev = rng.random() < 0.7
    c = w.developer if dev else rng.choice([w.holding, w.sccv])
    a = _accounts(rng, c, dev, rng.uniform(0.4, 1.5))
    b = _accounts(rng, c, dev, rng.uniform(0.4, 1.5))
    year = w.today.year - (1 if w.today.month > 4 else 2)
    ec_firm = f"{rng.choice(['Cabinet', 'Fiducia', 'Audit', 'Expertise'])} {rng.choice(fk.LAST)}"
    ec = fk.person(rng, w.today)
    key: Rows = []
    for label, k in [
        ("Chiffre d'affaires", "ca"),
        ("Résultat d'exploitation", "op_res"),
        ("Résultat net", "net"),
        ("Capitaux propres", "equity"),
        ("Stocks et en-cours", "stocks"),
        ("Dettes financières", "bank"),
        ("Trésorerie", "cash"),
        ("Total du bilan", "assets"),
    ]:
        var = (a[k] - b[k]) / abs(b[k]) * 100 if abs(b[k]) > 1 else 0.0
        key.append([label, a[k], b[k], var])
    va = a["prod"] - a["purchases"] - a["external"]
    ebe = va - a["taxes"] - a["wages"] - a["social"]
    sig: Rows = [
        ["Production de l'exercice", a["prod"]],
        ["Consommations en provenance de tiers", -(a["purchases"] + a["external"])],
        ["Valeur ajoutée", va],
        ["Impôts et taxes", -a["taxes"]],
        ["Charges de personnel", -(a["wages"] + a["social"])],
        ["Excédent brut d'exploitation", ebe],
        ["Dotations aux amortissements et provisions", -a["dep"]],
        ["Résultat d'exploitation", a["op_res"]],
        ["Résultat financier", a["fin_in"] - a["fin_out"]],
        ["Résultat courant avant impôts", a["op_res"] + a["fin_in"] - a["fin_out"]],
    ]
    method = alt(
        rng,
        [
            "Le chiffre d'affaires et la marge des programmes vendus en l'état futur "
            "d'achèvement sont constatés à l'avancement, mesuré par le rapport entre les coûts "
            "engagés et le coût de revient prévisionnel, pour la part des lots vendus par "
            "acte authentique.",
            "Les programmes sont comptabilisés selon la méthode de l'achèvement : le chiffre "
            "d'affaires et la marge sont constatés à la livraison des lots.",
        ],
    )
    commitments: Rows = [
        [
            "Caution solidaire crédit SCCV",
            w.bank.name,
            float(int(w.revenue_ttc * 0.08 / 1000) * 1000),
        ],
        [
            "Garantie financière d'achèvement (contre-garantie)",
            w.bank.name,
            float(int(w.works_ht * 0.2 / 1000) * 1000),
        ],
        ["Nantissement de parts de SCCV", w.bank.name, float(w.sccv.capital)],
    ]
    sections: list[list[Block]] = [
        [
            H("Règles et méthodes comptables", 2),
            P(
                "Les comptes annuels sont établis conformément au règlement ANC n° 2014-03 "
                "relatif au plan comptable général, dans le respect des principes de prudence, "
                "de continuité de l'exploitation, de permanence des méthodes et "
                "d'indépendance des exercices."
            ),
            P(method),
            P(
                "Les stocks et en-cours comprennent le coût du foncier, les frais d'acquisition, "
                "les coûts de construction et les honoraires techniques. Les frais financiers "
                "et de commercialisation sont comptabilisés en charges."
            ),
        ],
        [
            H("Engagements hors bilan", 2),
            Table(
                ["Nature", "Bénéficiaire", "Montant"],
                commitments[: rng.randint(1, 3)],
                fmt="ttm",
            ),
        ],
        [
            H("Événements postérieurs à la clôture", 2),
            P(
                alt(
                    rng,
                    [
                        "Néant.",
                        f"Obtention en {fk.MONTHS_FR[w.permit_date.month - 1]} "
                        f"{w.permit_date.year} du permis de construire de l'opération "
                        f"{w.programme}.",
                        "Aucun événement significatif n'est intervenu depuis la clôture.",
                    ],
                )
            ),
        ],
    ]
    rng.shuffle(sections)
    blocks: list[Block] = [
        P(c.name, align="center", style="big"),
        P(f"COMPTES ANNUELS AU 31 DÉCEMBRE {year}", align="center", style="bold"),
        P(
            f"{_form(c).capitalize()} au capital de {fk.money(c.capital)} - {c.rcs}",
            align="center",
            style="small",
        ),
        Space(12),
        H(alt(rng, ["Attestation de l'expert-comptable", "Rapport de présentation"]), 2),
        P(
            f"En notre qualité d'expert-comptable et conformément aux termes de notre lettre "
            f"de mission, nous avons effectué une mission de présentation des comptes annuels "
            f"de la société {c.name} relatifs à l'exercice du 1er janvier au 31 décembre "
            f"{year}, qui se caractérisent par un total du bilan de {fk.money(a['assets'])} et "
            f"un {'bénéfice' if a['net'] >= 0 else 'déficit'} de {fk.money(abs(a['net']))}."
        ),
        P(
            "Nos travaux, conduits conformément à la norme professionnelle du Conseil supérieur "
            "de l'Ordre des experts-comptables applicable à cette mission, ne constituent ni un "
            "audit ni un examen limité. Nous n'avons pas relevé d'éléments remettant en cause "
            "la cohérence et la vraisemblance des comptes pris dans leur ensemble."
        ),
        P(f"{ec_firm} - {ec.name}, expert-comptable", align="right", style="italic"),
        H("Chiffres clés", 2),
        Table(["En euros", f"{year}", f"{year - 1}", "Variation"], key, fmt="tmmp"),
    ]
    if rng.random() < 0.7:
        blocks += [
            H("Soldes intermédiaires de gestion", 2),
            Table(["", f"Exercice {year}"], sig, fmt="tm"),
        ]
    if rng.random() < 0.5:
        blocks += [Break(), *_liasse_tables(a, b, rng)[:2]]
    blocks += [H("Annexe (extraits)"), *[x for s in sections for x in s]]
    return Doc(
        "",
        blocks,
        head_left=[
            ec_firm,
            "Expertise comptable - Commissariat aux comptes",
            fk.address(rng).one_line(),
        ],
        footer=alt(
            rng, [f"{c.name} - comptes {year}", "Membre de l'Ordre des experts-comptables", ""]
        ),
    )


# ---------------------------------------------------------------------------------------------
# PRESENTATION_PROMOTEUR
# ---------------------------------------------------------------------------------------------

_NATURES = [
    "résidence de {n} logements collectifs en accession",
    "{n} maisons individuelles groupées",
    "résidence services seniors de {n} appartements",
    "programme mixte : {n} logements et un commerce en rez-de-chaussée",
    "{n} logements dont 30 % de logements locatifs sociaux vendus en VEFA à un bailleur",
    "résidence étudiante de {n} studios",
]


@template("PRESENTATION_PROMOTEUR", "pa_fiches_references", formats=("pdf", "docx"), scan=0.02)
def fiches_references(w: World, rng: random.Random) -> Doc:
    d = w.developer
    since = w.today.year - rng.randint(6, 35)
    n = rng.randint(3, 7)
    blocks: list[Block] = [
        P(
            alt(
                rng,
                [
                    f"Depuis {since}, {d.name} a conçu et livré des programmes résidentiels dans "
                    f"la région {_de(d.address.town)} et au-delà. Vous trouverez ci-après une "
                    "sélection d'opérations récentes.",
                    f"Sélection de références de {d.name} (opérations livrées ou en cours).",
                    f"{d.name} : {rng.randint(15, 120)} opérations réalisées, "
                    f"{rng.randint(400, 6000)} logements livrés depuis {since}.",
                ],
            )
        )
    ]
    summary: Rows = []
    for a, b in rng.sample(fk.PROGRAMME_WORDS, n):
        name = f"{a} {b}".strip()
        town = rng.choice(fk.TOWNS)[0]
        units = rng.randint(8, 140)
        sdp = units * rng.randint(55, 72)
        works = sdp * rng.randint(1400, 2300)
        year = w.today.year - rng.randint(-2, 10)
        status = (
            "Livrée" if year <= w.today.year else rng.choice(["En travaux", "En commercialisation"])
        )
        arch = f"{rng.choice(['Atelier', 'Agence', 'Studio'])} {rng.choice(fk.LAST)}"
        pairs = [
            ("Localisation", town),
            ("Programme", rng.choice(_NATURES).format(n=units)),
            ("Surface de plancher", f"{fk.num(sdp)} m²"),
            ("Montant des travaux", f"{fk.money(works)} HT"),
            ("Architecte", arch),
            (
                "Réalisation",
                rng.choice(["Entreprise générale", "Lots séparés", "Contractant général"]),
            ),
            (
                "Livraison" if status == "Livrée" else "Livraison prévue",
                f"{rng.choice(['1er', '2e', '3e', '4e'])} trimestre {year}",
            ),
        ]
        if rng.random() < 0.5:
            pairs.append(
                (
                    "Certification",
                    rng.choice(
                        [
                            "NF Habitat HQE",
                            "RE2020 seuil 2025",
                            "BBC Effinergie",
                            "Biosourcé niveau 1",
                        ]
                    ),
                )
            )
        if rng.random() < 0.4:
            pairs.append(("Partenaire financier", rng.choice(ids.BANKS)[0]))
        blocks += [H(f"{name} - {town}", 2), KV(pairs, boxed=rng.random() < 0.3)]
        if rng.random() < 0.35:
            blocks.append(
                P(
                    rng.choice(
                        [
                            "Commercialisation achevée six mois avant la livraison.",
                            "Opération réalisée sur une ancienne friche industrielle dépolluée.",
                            "Bâtiment en structure bois sur socle béton.",
                            "Livraison sans réserve majeure, levée des réserves sous 60 jours.",
                        ]
                    ),
                    style="italic",
                )
            )
        summary.append([name, town, float(units), works, status])
    if rng.random() < 0.6:
        summary.sort(key=lambda r: str(r[4]))
        blocks += [
            H("Récapitulatif"),
            Table(["Opération", "Commune", "Lots", "Travaux HT", "État"], summary, fmt="ttnmt"),
        ]
    blocks.append(P(f"{d.full} - {d.address.one_line()} - {d.phone}", style="small"))
    return Doc(
        alt(
            rng,
            [
                "NOS RÉFÉRENCES",
                "Références",
                "Book de références",
                f"Dossier de références {w.today.year}",
                "Nos réalisations",
            ],
        ),
        blocks,
        head_left=[d.name] if rng.random() < 0.5 else [],
    )


@template("PRESENTATION_PROMOTEUR", "pa_note_presentation", formats=("pdf", "docx"), scan=0.03)
def note_presentation(w: World, rng: random.Random) -> Doc:
    d = w.developer
    since = w.today.year - rng.randint(5, 30)
    team = [d.manager, fk.person(rng, w.today), fk.person(rng, w.today), fk.person(rng, w.today)]
    roles = [
        "Président",
        "Directeur technique",
        "Directrice administrative et financière",
        "Responsable de programmes",
        "Directeur commercial",
    ]
    years = [w.today.year - i for i in range(3, 0, -1)]
    base = rng.randint(30, 300)
    perf: Rows = []
    for y in years:
        res = float(base * rng.uniform(0.8, 1.3))
        perf.append(
            [
                str(y),
                float(int(res)),
                float(int(res * rng.uniform(0.7, 1.1))),
                res * rng.uniform(0.18, 0.3) * 1e6 / 1e3 * 1e3,
                res * rng.uniform(0.01, 0.02) * 1e6,
            ]
        )
    pipeline: Rows = [
        [w.programme, w.site.town, float(w.lots), float(w.revenue_ttc), "Montage - financement"]
    ]
    for a, b in rng.sample(fk.PROGRAMME_WORDS, rng.randint(1, 4)):
        pipeline.append(
            [
                f"{a} {b}".strip(),
                rng.choice(fk.TOWNS)[0],
                float(rng.randint(10, 90)),
                float(rng.randint(3, 40) * 1e6),
                rng.choice(
                    ["Foncier sous promesse", "PC déposé", "En travaux", "En commercialisation"]
                ),
            ]
        )
    secs: list[list[Block]] = [
        [
            H("Historique"),
            P(
                f"Créée en {since} par {d.manager.name}, {d.name} est une société de promotion "
                f"immobilière indépendante implantée à {d.address.town}. Elle est détenue par "
                f"{w.holding.name}, holding familiale de son fondateur."
                + alt(
                    rng,
                    [
                        "",
                        " La société réalise environ "
                        + str(rng.randint(2, 8))
                        + " opérations par an.",
                    ],
                )
            ),
        ],
        [
            H("Équipe"),
            Bullets(
                [
                    f"{p.name} - {r}, {rng.randint(8, 30)} ans d'expérience"
                    for p, r in zip(
                        team,
                        [
                            rng.choice(["Président fondateur", "Président", "Gérant"]),
                            *rng.sample(roles[1:], len(team) - 1),
                        ],
                        strict=True,
                    )
                ]
            ),
        ],
        [
            H("Activité des trois derniers exercices"),
            Table(
                ["Exercice", "Lots réservés", "Lots actés", "CA HT", "Résultat net"],
                perf,
                fmt="tnnmm",
            ),
        ],
        [
            H("Opérations en cours et à venir"),
            Table(["Opération", "Commune", "Lots", "CA TTC", "Stade"], pipeline, fmt="ttnmt"),
        ],
        [
            H("Stratégie"),
            P(
                alt(
                    rng,
                    [
                        "Nous privilégions des opérations de 20 à 80 logements en "
                        "centre-bourg et en première couronne, lancées après 40 à 50 % de "
                        "pré-commercialisation.",
                        "Notre modèle repose sur une maîtrise foncière précoce, un réseau "
                        "d'entreprises locales fidèles et une commercialisation en direct.",
                        "Les opérations sont systématiquement portées par des SCCV dédiées, "
                        "gérées par la société et co-détenues le cas échéant avec des "
                        "partenaires.",
                    ],
                )
            ),
        ],
    ]
    first = secs[0]
    rest = secs[1:]
    rng.shuffle(rest)
    chosen = [first, *rest[: rng.randint(2, 4)]]
    blocks: list[Block] = []
    if rng.random() < 0.5:
        blocks += [
            P(f"À l'attention de {w.bank.manager.formal}, {w.bank.name}"),
            P(f"Objet : présentation de {d.name} - opération {w.programme}", style="bold"),
        ]
    for s in chosen:
        blocks += s
    blocks.append(P(place_date(w, rng, town=d.address.town)))
    return Doc(
        alt(
            rng,
            [
                "Note de présentation",
                f"PRÉSENTATION DE {d.name.upper()}",
                "Présentation de la société",
                "",
            ],
        ),
        blocks,
        head_left=letterhead(d, rng),
        footer=d.full,
    )


# ---------------------------------------------------------------------------------------------
# ETAT_PATRIMONIAL
# ---------------------------------------------------------------------------------------------


def _estate(w: World, rng: random.Random, p: Person) -> tuple[Rows, Rows, Rows]:
    immo: Rows = []
    for _ in range(rng.randint(1, 4)):
        kind = rng.choice(
            [
                "Résidence principale",
                "Appartement locatif",
                "Maison secondaire",
                "Local commercial",
                "Parts de SCI (bureaux)",
                "Terrain",
            ]
        )
        value = float(rng.randint(12, 180) * 10000)
        crd = float(int(value * rng.uniform(0, 0.7) / 100) * 100) if rng.random() < 0.7 else 0.0
        mode = rng.choice(
            ["Pleine propriété", "Communauté", "Indivision 50 %", "SCI 50 %", "Nue-propriété"]
        )
        town = p.address.town if kind == "Résidence principale" else rng.choice(fk.TOWNS)[0]
        immo.append([kind, town, mode, value, crd])
    fin: Rows = []
    for label in rng.sample(
        [
            "Comptes courants et livrets",
            "Assurance-vie",
            "PEA",
            "Compte-titres",
            "Épargne salariale",
            "PER",
        ],
        rng.randint(2, 4),
    ):
        fin.append([label, rng.choice(ids.BANKS)[0], float(rng.randint(5, 600) * 1000)])
    fin.append(
        [
            f"Titres {w.holding.name} (valeur estimée)",
            "non coté",
            float(rng.randint(20, 400) * 10000),
        ]
    )
    debts: Rows = []
    for r in immo:
        if float(r[4]) > 0:
            debts.append(
                [
                    f"Prêt immobilier - {r[0]}",
                    rng.choice(ids.BANKS)[0],
                    float(r[4]),
                    float(int(float(r[4]) / rng.randint(90, 240))),
                    str(w.today.year + rng.randint(3, 22)),
                ]
            )
    if rng.random() < 0.4:
        debts.append(
            [
                "Crédit à la consommation",
                rng.choice(ids.BANKS)[0],
                float(rng.randint(5, 40) * 1000),
                float(rng.randint(2, 9) * 100),
                str(w.today.year + rng.randint(1, 5)),
            ]
        )
    return immo, fin, debts


@template("ETAT_PATRIMONIAL", "pa_fiche_patrimoniale_caution", formats=("pdf", "docx"), scan=0.2)
def fiche_patrimoniale(w: World, rng: random.Random) -> Doc:
    p = rng.choice([w.developer.manager, w.holding.manager])
    married = rng.random() < 0.65
    immo, fin, debts = _estate(w, rng, p)
    t_immo = sum(float(r[3]) for r in immo)
    t_fin = sum(float(r[2]) for r in fin)
    t_debt = sum(float(r[2]) for r in debts)
    salary = float(rng.randint(4, 30) * 10000)
    divs = float(rng.randint(0, 40) * 5000)
    rents = float(rng.randint(0, 5) * 6000)
    blocks: list[Block] = [
        P(
            alt(
                rng,
                [
                    "À compléter par la caution. Les informations recueillies permettent "
                    "d'apprécier la proportionnalité de l'engagement de caution au regard des "
                    "biens et revenus de la caution (article 2300 du Code civil).",
                    "Document à remettre signé, accompagné des justificatifs (avis d'imposition, "
                    "taxes foncières, relevés d'épargne).",
                ],
            ),
            style="small",
        ),
        H("1. Identité", 2),
        KV(
            [
                ("Nom, prénom", f"{p.last.upper()} {p.first}"),
                ("Né(e) le / à", f"{fk.fr_date(p.birth)} à {p.birth_town}"),
                ("Adresse", p.address.one_line()),
                (
                    "Profession",
                    rng.choice(
                        [
                            "Dirigeant de société",
                            "Président de SAS",
                            "Gérant",
                            "Promoteur immobilier",
                        ]
                    ),
                ),
                (
                    "Situation familiale",
                    (
                        "[X] Marié(e)  [ ] Pacsé(e)  [ ] Célibataire"
                        if married
                        else "[ ] Marié(e)  [ ] Pacsé(e)  [X] Célibataire / divorcé(e)"
                    ),
                ),
                (
                    "Régime matrimonial",
                    rng.choice(
                        [
                            "Communauté réduite aux acquêts",
                            "Séparation de biens",
                            "Participation aux acquêts",
                        ]
                    )
                    if married
                    else "Sans objet",
                ),
                ("Enfants à charge", str(rng.randint(0, 4))),
            ]
        ),
        H("2. Revenus annuels", 2),
        Table(
            ["Nature", "Montant annuel"],
            [
                ["Salaires / rémunération de mandat", salary],
                ["Dividendes", divs],
                ["Revenus fonciers nets", rents],
                ["Total", salary + divs + rents],
            ],
            fmt="tm",
            total=1,
        ),
        H("3. Patrimoine immobilier", 2),
        Table(
            ["Bien", "Situation", "Mode de détention", "Valeur estimée", "Capital restant dû"],
            [*immo, ["Total", "", "", t_immo, sum(float(r[4]) for r in immo)]],
            fmt="tttmm",
            total=1,
        ),
        H("4. Patrimoine financier et professionnel", 2),
        Table(
            ["Support", "Établissement", "Valeur"], [*fin, ["Total", "", t_fin]], fmt="ttm", total=1
        ),
        H("5. Endettement", 2),
    ]
    if debts:
        blocks.append(
            Table(
                ["Prêt", "Prêteur", "Capital restant dû", "Échéance mensuelle", "Fin"],
                debts,
                fmt="ttmmt",
            )
        )
    else:
        blocks.append(P("Aucun emprunt en cours."))
    cautions = rng.randint(0, 3)
    blocks.append(H("6. Cautions et garanties déjà consenties", 2))
    if cautions:
        blocks.append(
            Table(
                ["Débiteur garanti", "Bénéficiaire", "Montant", "Échéance"],
                [
                    [
                        f"SCCV {rng.choice(fk.PROGRAMME_WORDS)[0].upper()}",
                        rng.choice(ids.BANKS)[0],
                        float(rng.randint(10, 150) * 10000),
                        str(w.today.year + rng.randint(1, 4)),
                    ]
                    for _ in range(cautions)
                ],
                fmt="ttmt",
            )
        )
    else:
        blocks.append(P("Néant."))
    net = t_immo + t_fin - t_debt
    blocks += [
        KV(
            [
                ("Total actif", fk.money(t_immo + t_fin)),
                ("Total passif", fk.money(t_debt)),
                ("Patrimoine net déclaré", fk.money(net)),
            ],
            boxed=True,
        ),
        P(
            "Je certifie sur l'honneur l'exactitude et la sincérité des renseignements "
            "ci-dessus et m'engage à signaler toute modification significative de ma situation. "
            "Toute fausse déclaration pourrait entraîner la déchéance de la garantie."
        ),
        P(place_date(w, rng, town=p.address.town)),
        Sign([["Signature de la caution", p.name]]),
    ]
    return Doc(
        alt(
            rng,
            [
                "FICHE PATRIMONIALE",
                "Déclaration de patrimoine de la caution",
                "ÉTAT DU PATRIMOINE ET DES REVENUS",
                "Questionnaire patrimonial",
            ],
        ),
        blocks,
        head_left=[w.bank.name, "Engagements - cautions personnes physiques"]
        if rng.random() < 0.6
        else [],
    )


@template(
    "ETAT_PATRIMONIAL", "pa_synthese_patrimoniale", formats=("pdf", "docx", "xlsx"), scan=0.05
)
def synthese_patrimoniale(w: World, rng: random.Random) -> Doc:
    p = rng.choice([w.developer.manager, w.holding.manager])
    immo, fin, debts = _estate(w, rng, p)
    classes: Rows = []
    for label, val in [
        (
            "Immobilier de jouissance",
            sum(float(r[3]) for r in immo if r[0] == "Résidence principale"),
        ),
        ("Immobilier de rapport", sum(float(r[3]) for r in immo if r[0] != "Résidence principale")),
        (
            "Liquidités et épargne de précaution",
            sum(float(r[2]) for r in fin if "livret" in str(r[0]).lower()),
        ),
        (
            "Placements financiers",
            sum(
                float(r[2])
                for r in fin
                if "livret" not in str(r[0]).lower() and "Titres" not in str(r[0])
            ),
        ),
        ("Patrimoine professionnel", sum(float(r[2]) for r in fin if "Titres" in str(r[0]))),
    ]:
        if val > 0:
            classes.append([label, val, 0.0])
    gross = sum(float(r[1]) for r in classes)
    for r in classes:
        r[2] = float(r[1]) / gross * 100
    classes.append(["Actif brut", gross, 100.0])
    t_debt = sum(float(r[2]) for r in debts)
    monthly = sum(float(r[3]) for r in debts)
    income = float(rng.randint(8, 35) * 10000)
    advisor = f"{rng.choice(['Patrimoine', 'Gestion Privée', 'Conseil'])} {rng.choice(fk.LAST)}"
    blocks: list[Block] = [
        P(
            f"Synthèse établie pour {p.formal} le {fk.fr_date(w.today)}, sur la base des "
            "éléments déclarés et des justificatifs communiqués.",
        ),
        Table(
            ["Classe d'actifs", "Valeur", "Poids"],
            classes,
            fmt="tmp",
            total=1,
            title="Répartition de l'actif",
        ),
        Table(
            ["Bien", "Commune", "Détention", "Valeur", "CRD"],
            immo,
            fmt="tttmm",
            widths=[2.2, 1.6, 1.6, 1.5, 1.5],
            title="Détail des biens immobiliers",
        ),
    ]
    if debts:
        blocks.append(
            Table(["Passif", "Prêteur", "CRD", "Mensualité", "Terme"], debts, fmt="ttmmt")
        )
    ratio = monthly * 12 / income * 100
    blocks += [
        KV(
            [
                ("Actif brut", fk.money(gross)),
                ("Passif", fk.money(t_debt)),
                ("Actif net", fk.money(gross - t_debt)),
                ("Revenus annuels déclarés", fk.money(income)),
                ("Taux d'endettement", _pct(ratio)),
            ],
            boxed=True,
        ),
        H("Commentaires", 2),
        P(
            alt(
                rng,
                [
                    "Le patrimoine est majoritairement immobilier et professionnel ; la part "
                    "de liquidités disponibles reste limitée au regard des engagements de "
                    "caution envisagés.",
                    "La situation patrimoniale fait ressortir une capacité de remboursement "
                    "confortable et un endettement maîtrisé.",
                    "Les titres de la holding sont valorisés sur la base des capitaux propres "
                    "du dernier exercice, sans décote d'illiquidité.",
                ],
            )
        ),
        P("Document établi à titre informatif, sans valeur d'expertise.", style="small"),
    ]
    return Doc(
        alt(
            rng,
            [
                "Bilan patrimonial",
                "SYNTHÈSE PATRIMONIALE",
                "État patrimonial",
                f"Patrimoine de {p.name}",
            ],
        ),
        blocks,
        head_left=[
            advisor,
            "Conseil en gestion de patrimoine",
            f"ORIAS {rng.randint(7000000, 23999999)}",
        ],
    )


# ---------------------------------------------------------------------------------------------
# ATTEST_FISCALE_SOCIALE
# ---------------------------------------------------------------------------------------------


@template("ATTEST_FISCALE_SOCIALE", "pa_attest_fiscale_sie", scan=0.25)
def attest_fiscale_sie(w: World, rng: random.Random) -> Doc:
    c = rng.choice([w.developer, w.sccv, *w.contractors])
    sie = c.address.town
    when = w.today - _days(rng, 0, 20)
    status = [
        ("Impôt sur les sociétés", "Déposée(s)", "À jour"),
        ("Taxe sur la valeur ajoutée", "Déposée(s)", "À jour"),
        ("Cotisation foncière des entreprises", "-", alt(rng, ["À jour", "Néant"])),
        ("Taxe sur les salaires", "-", "Sans objet"),
    ]
    if c is w.sccv:
        status[0] = ("Impôt sur le revenu / BIC (société translucide)", "Déposée(s)", "Sans objet")
    rows: Rows = [[a, b, c_] for a, b, c_ in rng.sample(status, k=rng.randint(2, 4))]
    blocks: list[Block] = [
        P(
            alt(
                rng,
                [
                    f"Le comptable public soussigné, responsable du service des impôts des "
                    f"entreprises {_de(sie)}, certifie qu'au {fk.fr_date(when)}, l'entreprise "
                    "désignée ci-après a souscrit les déclarations fiscales qui lui incombaient "
                    "et s'est acquittée des impôts exigibles à cette date, ou a constitué des "
                    "garanties suffisantes pour leur paiement.",
                    f"Au vu des éléments dont dispose l'administration au {fk.fr_date(when)}, "
                    "l'entreprise ci-dessous est en situation régulière au regard de ses "
                    "obligations déclaratives et de paiement.",
                ],
            )
        ),
        KV(
            [
                ("Raison sociale", c.full),
                ("SIREN", ids.group_siren(c.siren)),
                ("Adresse", c.address.one_line()),
                ("Numéro de TVA intracommunautaire", c.vat),
            ],
            boxed=rng.random() < 0.5,
        ),
        Table(["Impôt", "Déclarations", "Paiements"], rows),
    ]
    if rng.random() < 0.6:
        blocks.append(
            P(
                "Cette attestation peut être produite à l'appui d'une candidature à un marché "
                "public (article L2141-2 du code de la commande publique). Elle ne préjuge pas "
                "des résultats d'un éventuel contrôle fiscal.",
                style="small",
            )
        )
    blocks += [
        Box(
            [
                f"N° d'attestation : {ids.ref(rng, '9999AA99999999')}",
                f"Délivrée le {fk.fr_date(when)} depuis l'espace professionnel",
            ]
        ),
        Sign([[f"Pour le comptable public du SIE {_de(sie)}", "(cachet du service)"]]),
    ]
    return Doc(
        alt(
            rng,
            [
                "ATTESTATION DE RÉGULARITÉ FISCALE",
                "Attestation de régularité fiscale",
                "ATTESTATION FISCALE",
                "Certificat de situation fiscale",
            ],
        ),
        blocks,
        head_left=[
            "RÉPUBLIQUE FRANÇAISE",
            "Direction générale des Finances publiques",
            f"Service des impôts des entreprises {_de(sie)}",
            _addr_in(rng, c.address),
        ],
        head_right=[c.full, *c.address.lines()] if rng.random() < 0.5 else [],
        footer="impots.gouv.fr" if rng.random() < 0.5 else "",
    )


@template("ATTEST_FISCALE_SOCIALE", "pa_attest_sociale_caisse", scan=0.25)
def attest_sociale_caisse(w: World, rng: random.Random) -> Doc:
    c = rng.choice([*w.contractors, *w.contractors, w.developer])
    issuer = rng.choice(["urssaf", "cibtp", "probtp", "cnetp"])
    when = w.today - _days(rng, 0, 25)
    until = when + dt.timedelta(days=rng.choice([90, 180]))
    periods: Rows = []
    for i in range(rng.randint(2, 4), 0, -1):
        d = _add_months(when.replace(day=1), -3 * i)
        periods.append([f"T{(d.month - 1) // 3 + 1} {d.year}", "Reçue", "Réglée"])
    head: list[str]
    if issuer == "urssaf":
        head = [f"Urssaf {rng.choice(fk.REGIONS)}", "Recouvrement des cotisations sociales"]
        title = alt(
            rng,
            [
                "Attestation de vigilance",
                "ATTESTATION DE VIGILANCE",
                "Attestation de fourniture des déclarations sociales",
            ],
        )
        body: list[Block] = [
            P(
                f"Nous certifions que l'entreprise {c.full} (SIRET {c.siret}) a transmis ses "
                "déclarations sociales et s'est acquittée des cotisations et contributions "
                f"dues à la date du {fk.fr_date(when)}, ou bénéficie d'un plan d'apurement "
                "respecté."
            ),
            KV(
                [
                    ("Nombre de salariés déclarés", str(rng.randint(1, 180))),
                    ("Dernière période déclarée", str(periods[-1][0])),
                    ("Identifiant de l'attestation", ids.ref(rng, "AAAAAAAAAAAA9999")),
                ]
            ),
            P(
                "Le donneur d'ordre est tenu de vérifier cette attestation lors de la conclusion "
                "d'un contrat d'au moins 5 000 euros HT puis tous les six mois jusqu'à la fin "
                "de son exécution (articles L8222-1 et D8222-5 du Code du travail)."
            ),
        ]
    else:
        org = {
            "cibtp": f"Caisse Congés Intempéries BTP - {rng.choice(fk.REGIONS)}",
            "probtp": "PRO BTP - Retraite complémentaire et prévoyance",
            "cnetp": "CNETP - Caisse nationale des entrepreneurs de travaux publics",
        }[issuer]
        head = [org, fk.address(rng).one_line()]
        title = alt(
            rng,
            ["CERTIFICAT DE RÉGULARITÉ", "Attestation de mise à jour", "Attestation de situation"],
        )
        body = [
            P(
                f"La caisse certifie que l'entreprise {c.full}, dont le siège est situé "
                f"{c.address.one_line()}, adhérente sous le numéro "
                f"{ids.ref(rng, '99 999999 9')}, a satisfait à ses obligations de déclaration "
                "et de paiement des cotisations "
                + {
                    "cibtp": "congés payés et chômage-intempéries",
                    "probtp": "de retraite complémentaire et de prévoyance",
                    "cnetp": "congés payés",
                }[issuer]
                + f" jusqu'à la période échue au {fk.fr_date(when)}."
            ),
            Table(["Période", "Déclaration", "Paiement"], periods),
        ]
    body.append(
        P(
            f"Attestation valable jusqu'au {fk.fr_date(until)}."
            if rng.random() < 0.7
            else "La présente attestation ne vaut que pour la période indiquée.",
            style="bold" if rng.random() < 0.5 else "normal",
        )
    )
    if rng.random() < 0.5:
        body.append(
            P(
                f"Document délivré à la demande de l'intéressé pour le marché "
                f"{w.programme} ({w.sccv.name}).",
                style="small",
            )
        )
    body.append(
        Sign([[alt(rng, ["Le directeur", "Le responsable du recouvrement", "Pour la caisse"]), ""]])
    )
    return Doc(title, body, head_left=head, head_right=recipient(c) if rng.random() < 0.5 else [])


# ---------------------------------------------------------------------------------------------
# RELEVE_BANCAIRE
# ---------------------------------------------------------------------------------------------


def _op_txns(
    w: World, rng: random.Random, start: dt.date, n: int
) -> list[tuple[dt.date, str, float]]:
    """(date, label, signed amount) of an operation account: buyers in, contractors out."""
    out: list[tuple[dt.date, str, float]] = []
    d = start
    for _ in range(n):
        d += dt.timedelta(days=rng.randint(0, 3))
        k = rng.random()
        if k < 0.3:
            b = rng.choice(w.buyers)
            lot = rng.randint(1, max(2, w.lots))
            out.append(
                (
                    d,
                    f"VIR SEPA RECU /DE {_plain(w.notary_office)[:28]} /MOTIF APPEL "
                    f"FONDS LOT {lot} {_plain(b.last)}",
                    float(d2(rng.uniform(8000, 90000))),
                )
            )
        elif k < 0.6:
            c = rng.choice(w.contractors)
            out.append(
                (
                    d,
                    f"VIR SEPA EMIS /A {_plain(c.name)[:26]} /REF SITUATION N{rng.randint(1, 18)}",
                    -float(d2(rng.uniform(5000, w.works_ht / 12))),
                )
            )
        elif k < 0.7:
            out.append(
                (
                    d,
                    f"DEBLOCAGE CREDIT {ids.ref(rng, '99999999')}",
                    float(d2(rng.uniform(50000, 600000))),
                )
            )
        elif k < 0.78:
            out.append(
                (
                    d,
                    rng.choice(
                        [
                            "INTERETS DEBITEURS",
                            "COMMISSION D'ENGAGEMENT",
                            "COMMISSION GFA TRIMESTRIELLE",
                            "FRAIS DE DOSSIER",
                        ]
                    ),
                    -float(d2(rng.uniform(150, 12000))),
                )
            )
        elif k < 0.86:
            out.append(
                (
                    d,
                    f"VIR SEPA EMIS /A {_plain(w.architect_firm.name)[:26]} /HONORAIRES",
                    -float(d2(rng.uniform(2000, 30000))),
                )
            )
        elif k < 0.93:
            out.append(
                (
                    d,
                    rng.choice(
                        [
                            "PRLV SEPA DGFIP TVA",
                            "PRLV SEPA ASSURANCE DO",
                            "PRLV SEPA ENEDIS RACCORDEMENT",
                        ]
                    ),
                    -float(d2(rng.uniform(300, 40000))),
                )
            )
        else:
            out.append((d, "REMISE CHEQUES DEPOT DE GARANTIE", float(d2(rng.uniform(1000, 15000)))))
    return out


def _floor_balance(
    rng: random.Random, txns: list[tuple[dt.date, str, float]], opening: float
) -> float:
    """Raise the opening balance so that the account never runs a large overdraft."""
    run = low = 0.0
    for _, _, amt in txns:
        run += amt
        low = min(low, run)
    return max(opening, float(d2(-low + rng.uniform(5000, 250000))))


@template("RELEVE_BANCAIRE", "pa_releve_compte_operation", formats=("pdf",), scan=0.1)
def releve_compte_operation(w: World, rng: random.Random) -> Doc:
    c = rng.choice([w.sccv, w.sccv, w.developer])
    first = w.today.replace(day=1)
    end = _add_months(first, 1) - dt.timedelta(days=1)
    end = min(end, w.today)
    txns = _op_txns(w, rng, first, rng.randint(6, 34))
    txns = [t for t in txns if t[0] <= end] or txns[:3]
    opening = _floor_balance(rng, txns, float(d2(rng.uniform(-200000, 1500000))))
    rows: Rows = []
    deb = cred = 0.0
    for d, label, amt in txns:
        val = d + dt.timedelta(days=rng.choice([0, 0, 1, 2]))
        rows.append(
            [
                d.strftime("%d/%m"),
                label,
                val.strftime("%d/%m"),
                -amt if amt < 0 else "",
                amt if amt > 0 else "",
            ]
        )
        if amt < 0:
            deb -= amt
        else:
            cred += amt
    closing = opening + cred - deb
    acct = c.iban[14:25]
    account_name = (
        alt(
            rng,
            [
                "COMPTE COURANT",
                "COMPTE OPERATION",
                "COMPTE CENTRALISATEUR VENTES",
                "COMPTE SEQUESTRE",
            ],
        )
        if c is w.sccv
        else "COMPTE COURANT"
    )
    blocks: list[Block] = [
        KV(
            [
                ("Compte", f"{account_name} n° {acct}"),
                ("IBAN", ids.group4(c.iban)),
                ("BIC", c.bic),
                ("Période", f"du {fk.fr_date(first)} au {fk.fr_date(end)}"),
                ("Extrait n°", f"{first.month}/{first.year}"),
            ],
            boxed=rng.random() < 0.4,
        ),
        P(
            f"SOLDE {'CRÉDITEUR' if opening >= 0 else 'DÉBITEUR'} AU {fk.fr_date(first)} : "
            f"{fk.money(abs(opening))}",
            style="bold",
        ),
        Table(
            ["Date", "Nature des opérations", "Valeur", "Débit", "Crédit"],
            [*rows, ["", "TOTAL DES OPÉRATIONS", "", deb, cred]],
            fmt="tttmm",
            total=1,
            widths=[0.8, 5, 0.8, 1.4, 1.4],
        ),
        P(
            f"NOUVEAU SOLDE {'CRÉDITEUR' if closing >= 0 else 'DÉBITEUR'} AU {fk.fr_date(end)} : "
            f"{fk.money(abs(closing))}",
            style="bold",
        ),
    ]
    if rng.random() < 0.5:
        blocks.append(
            P(
                "Vos dépôts sont protégés par le Fonds de Garantie des Dépôts et de Résolution "
                "dans les limites prévues par la réglementation. En cas de litige, vous pouvez "
                "saisir gratuitement le médiateur de la banque.",
                style="small",
            )
        )
    if rng.random() < 0.4:
        blocks.append(
            P(
                f"Ce compte fonctionne dans le cadre de la convention de crédit conclue avec "
                f"{c.bank} : les encaissements des ventes y sont centralisés.",
                style="small",
            )
        )
    return Doc(
        alt(
            rng,
            [
                "RELEVÉ DE COMPTE",
                "Extrait de compte",
                "RELEVÉ DES OPÉRATIONS",
                f"Relevé n° {first.month}",
                "",
            ],
        ),
        blocks,
        head_left=[
            c.bank,
            alt(
                rng, ["Centre d'affaires Immobilier", "Agence Entreprises", "Banque des promoteurs"]
            ),
            fk.address(rng).one_line(),
        ],
        head_right=recipient(c),
        footer=f"{c.bank} - page 1" if rng.random() < 0.5 else "",
    )


@template("RELEVE_BANCAIRE", "pa_export_operations", formats=("pdf", "xlsx"), scan=0.03)
def export_operations(w: World, rng: random.Random) -> Doc:
    c = rng.choice([w.developer, w.sccv, w.holding])
    end = w.today
    start = end - _days(rng, 20, 90)
    txns = _op_txns(w, rng, start, rng.randint(10, 45))
    txns = [t for t in txns if t[0] <= end]
    if not txns:
        txns = [(end, "FRAIS TENUE DE COMPTE", -30.0)]
    balance = _floor_balance(rng, txns, float(d2(rng.uniform(20000, 900000))))
    rows: Rows = []
    bal = balance
    with_cat = rng.random() < 0.5
    for d, label, amt in txns:
        bal += amt
        cat = (
            "Encaissement"
            if amt > 0
            else "Fournisseurs"
            if "SITUATION" in label
            else "Frais bancaires"
            if "COMMISSION" in label or "FRAIS" in label or "INTERETS" in label
            else "Divers"
        )
        row: list[Cell] = [fk.fr_date(d), label.title() if rng.random() < 0.3 else label]
        if with_cat:
            row.append(cat)
        row += [amt, bal]
        rows.append(row)
    if rng.random() < 0.5:
        rows.reverse()
    header = ["Date", "Libellé", *(["Catégorie"] if with_cat else []), "Montant", "Solde"]
    fmt = "tt" + ("t" if with_cat else "") + "mm"
    return Doc(
        alt(
            rng,
            [
                "Historique des opérations",
                "Liste des opérations",
                "Export des mouvements",
                "Opérations du compte",
            ],
        ),
        [
            KV(
                [
                    ("Titulaire", c.full),
                    ("Compte", f"{c.bank} - {ids.group4(c.iban)}"),
                    ("Période", f"{fk.fr_date(start)} - {fk.fr_date(end)}"),
                    ("Solde au " + fk.fr_date(end), fk.money(bal)),
                ]
            ),
            Table(header, rows, fmt=fmt, widths=[1.3, 4.2, *([1.3] if with_cat else []), 1.4, 1.5]),
            P(
                alt(
                    rng,
                    [
                        "Opérations comptabilisées à la date d'édition, hors opérations en cours.",
                        f"Édité le {fk.fr_date(end)} à {rng.randint(7, 22)}:"
                        f"{rng.randint(0, 59):02d} depuis votre espace de banque en ligne.",
                        "Document non contractuel - seul le relevé de compte fait foi.",
                    ],
                ),
                style="small",
            ),
        ],
        head_left=[c.bank, "Banque en ligne Entreprises"],
    )


# ---------------------------------------------------------------------------------------------
# RIB
# ---------------------------------------------------------------------------------------------


def _rib_parts(c: Company) -> tuple[str, str, str, str]:
    return c.iban[4:9], c.iban[9:14], c.iban[14:25], c.iban[25:27]


@template("RIB", "pa_rib_identifiants", formats=("pdf", "docx"), scan=0.3)
def rib_identifiants(w: World, rng: random.Random) -> Doc:
    c = rng.choice([w.sccv, w.sccv, w.developer, w.holding, *w.contractors])
    bank, branch, acct, key = _rib_parts(c)
    agency = alt(
        rng,
        [
            f"{c.bank.upper()} {c.address.town.upper()}",
            "AGENCE ENTREPRISES",
            f"CENTRE D'AFFAIRES {c.address.town.upper()}",
        ],
    )
    label = ""
    if c is w.sccv and rng.random() < 0.6:
        label = alt(
            rng,
            [
                "Compte centralisateur des ventes",
                "Compte de l'opération",
                "Compte séquestre - dépôts de garantie",
                "Compte courant",
            ],
        )
    blocks: list[Block] = [
        KV(
            [
                ("Titulaire du compte", c.full),
                ("", ", ".join(c.address.lines())),
                *([("Intitulé", label)] if label else []),
                ("Domiciliation", agency),
            ]
        ),
        H("Identifiant national de compte bancaire - RIB", 2),
        Table(
            ["Code banque", "Code guichet", "Numéro de compte", "Clé RIB", "Devise"],
            [[bank, branch, acct, key, "EUR"]],
            widths=[1.1, 1.1, 2, 0.8, 0.8],
        ),
        H("Identifiant international de compte bancaire", 2),
        KV(
            [
                ("IBAN (International Bank Account Number)", ids.group4(c.iban)),
                ("BIC (Bank Identifier Code)", c.bic),
            ],
            boxed=True,
        ),
        P(
            alt(
                rng,
                [
                    "Remettez ce relevé à tout organisme appelé à effectuer des virements ou des "
                    "prélèvements sur votre compte.",
                    "Ce document vous permet de communiquer vos coordonnées bancaires pour la "
                    "domiciliation de vos virements et prélèvements SEPA.",
                    "Merci d'indiquer la référence de l'opération dans le libellé de vos "
                    "virements.",
                ],
            ),
            style="small",
        ),
    ]
    if rng.random() < 0.3:
        blocks = [*blocks, P("- " * 40, align="center"), *blocks[:4]]
    return Doc(
        alt(
            rng,
            [
                "RELEVÉ D'IDENTITÉ BANCAIRE",
                "Relevé d'identité bancaire",
                "RIB",
                "Vos coordonnées bancaires",
                "IBAN",
            ],
        ),
        blocks,
        head_left=[c.bank] + ([fk.address(rng).one_line()] if rng.random() < 0.5 else []),
    )


@template("RIB", "pa_attestation_titulaire", formats=("pdf", "docx"), scan=0.25)
def attestation_titulaire(w: World, rng: random.Random) -> Doc:
    c = rng.choice([w.sccv, w.developer, *w.contractors])
    bank, branch, acct, key = _rib_parts(c)
    officer = fk.person(rng, w.today)
    opened = w.today - _days(rng, 30, 3000)
    blocks: list[Block] = [
        P(
            alt(
                rng,
                [
                    f"Nous soussignés, {c.bank}, certifions que le compte dont les références "
                    f"figurent ci-dessous est ouvert dans nos livres depuis le "
                    f"{fk.fr_date(opened)} au nom de :",
                    f"{c.bank} atteste que la société désignée ci-après est titulaire, dans ses "
                    "livres, du compte suivant :",
                ],
            )
        ),
        P(f"{c.full}\n{c.address.one_line()}\nSIREN {ids.group_siren(c.siren)}", style="bold"),
        Box(
            [
                f"Banque {bank}  -  Guichet {branch}  -  Compte {acct}  -  Clé {key}",
                f"IBAN : {ids.group4(c.iban)}",
                f"BIC : {c.bic}",
            ],
            alt(rng, ["Coordonnées du compte", "Références bancaires", ""]),
        ),
        P(
            alt(
                rng,
                [
                    "La présente attestation est délivrée à la demande du titulaire pour servir "
                    "et valoir ce que de droit. Elle ne constitue pas un engagement de la banque "
                    "quant au solde ou au fonctionnement du compte.",
                    "Attestation établie pour permettre le règlement des sommes dues au "
                    "titulaire par virement sur ce compte.",
                ],
            )
        ),
        P(place_date(w, rng, town=c.address.town)),
        Sign(
            [
                [
                    officer.name,
                    alt(
                        rng, ["Chargé d'affaires entreprises", "Directeur d'agence", "Back-office"]
                    ),
                ]
            ]
        ),
    ]
    return Doc(
        alt(
            rng,
            [
                "ATTESTATION BANCAIRE",
                "Attestation de titularité de compte",
                "Attestation de domiciliation bancaire",
                "Certificat d'identité bancaire",
            ],
        ),
        blocks,
        head_left=[
            c.bank,
            alt(rng, ["Agence Entreprises", "Centre d'affaires"]),
            fk.address(rng).one_line(),
        ],
        head_right=recipient(c) if rng.random() < 0.5 else [],
    )


# ---------------------------------------------------------------------------------------------
# BILAN_OPERATION
# ---------------------------------------------------------------------------------------------

_TYPES = [
    ("T1", 28.0, 0.08),
    ("T2", 43.0, 0.32),
    ("T3", 63.0, 0.35),
    ("T4", 81.0, 0.18),
    ("T5", 100.0, 0.07),
]


def _lot_mix(w: World, rng: random.Random) -> tuple[Rows, float, float]:
    """Revenue by type of flat: rows, total TTC and total living area, close to the World."""
    counts = [max(0, round(w.lots * s * rng.uniform(0.6, 1.4))) for _, _, s in _TYPES]
    counts[2] += w.lots - sum(counts)
    if counts[2] < 0:
        counts = [0, w.lots // 2, w.lots - w.lots // 2, 0, 0]
    shab = [n * a * rng.uniform(0.95, 1.05) for n, (_, a, _) in zip(counts, _TYPES, strict=True)]
    total_shab = sum(shab) or 1.0
    pk = w.lots + rng.randint(-w.lots // 4, w.lots // 3)
    pk_price = rng.choice([8000, 10000, 12000, 15000, 18000])
    pm2 = (w.revenue_ttc - pk * pk_price) / total_shab
    rows: Rows = []
    for (t, _, _), n, s in zip(_TYPES, counts, shab, strict=True):
        if n:
            rows.append([t, float(n), s, pm2 * rng.uniform(0.97, 1.03), 0.0])
    for r in rows:
        r[4] = float(r[2]) * float(r[3])
    rows.append(["Parkings", float(pk), 0.0, 0.0, float(pk * pk_price)])
    total = sum(float(r[4]) for r in rows)
    return rows, total, total_shab


def _cost_groups(
    w: World, rng: random.Random, ca_ht: float
) -> list[tuple[str, list[tuple[str, float]]]]:
    works = float(w.works_ht)
    land = float(w.land_price)
    groups: list[tuple[str, list[tuple[str, float]]]] = [
        (
            "Foncier",
            [
                ("Prix d'acquisition du terrain", land),
                ("Frais d'acquisition (notaire, droits)", land * rng.uniform(0.025, 0.075)),
                *(
                    [("Démolition / dépollution", works * rng.uniform(0.005, 0.03))]
                    if rng.random() < 0.5
                    else []
                ),
                *(
                    [("Indemnités d'éviction / négociation", land * rng.uniform(0.01, 0.05))]
                    if rng.random() < 0.3
                    else []
                ),
            ],
        ),
        (
            "Travaux",
            [
                ("Coût de construction (marchés)", works),
                ("VRD et aménagements extérieurs", works * rng.uniform(0.02, 0.06)),
                ("Raccordements concessionnaires", w.lots * rng.uniform(2500, 6000)),
                ("Aléas et révisions", works * rng.uniform(0.02, 0.05)),
            ],
        ),
        (
            "Honoraires techniques",
            [
                ("Architecte - maîtrise d'œuvre", works * rng.uniform(0.05, 0.09)),
                ("Bureaux d'études techniques", works * rng.uniform(0.015, 0.03)),
                ("Contrôle technique et SPS", works * rng.uniform(0.008, 0.015)),
                ("Géomètre, OPC, divers", works * rng.uniform(0.004, 0.012)),
            ],
        ),
        (
            "Taxes et assurances",
            [
                ("Taxe d'aménagement et archéologie préventive", w.sdp_m2 * rng.uniform(60, 140)),
                ("Assurances DO / CNR / TRC", works * rng.uniform(0.012, 0.025)),
            ],
        ),
        (
            "Commercialisation",
            [
                ("Honoraires de vente", ca_ht * rng.uniform(0.03, 0.06)),
                ("Publicité, bureau de vente", ca_ht * rng.uniform(0.005, 0.015)),
            ],
        ),
        (
            "Frais financiers",
            [
                ("Intérêts et commissions du crédit", ca_ht * rng.uniform(0.01, 0.025)),
                ("Garantie financière d'achèvement", ca_ht * rng.uniform(0.004, 0.01)),
                ("Frais de garanties (hypothèque, caution)", land * rng.uniform(0.005, 0.015)),
            ],
        ),
        (
            "Frais de structure",
            [("Honoraires de gestion du promoteur", ca_ht * rng.uniform(0.04, 0.07))],
        ),
    ]
    return groups


@template(
    "BILAN_OPERATION", "pa_bilan_postes_detailles", formats=("pdf", "xlsx", "docx"), scan=0.04
)
def bilan_postes_detailles(w: World, rng: random.Random) -> Doc:
    mix, ttc, shab = _lot_mix(w, rng)
    vat = rng.choice([20.0, 20.0, 20.0, 5.5]) if rng.random() < 0.15 else 20.0
    ht = ttc / (1 + vat / 100)
    groups = _cost_groups(w, rng, ht)
    rows: Rows = []
    total = 0.0
    numbered = rng.random() < 0.6
    for gi, (gname, items) in enumerate(groups, 1):
        rows.append([f"{gi}. {gname.upper()}" if numbered else gname.upper(), "", "", ""])
        sub = 0.0
        for name, v in items:
            rows.append([f"   {name}", v, v / ht * 100, v / w.sdp_m2])
            sub += v
        rows.append([f"Sous-total {gname.lower()}", sub, sub / ht * 100, sub / w.sdp_m2])
        total += sub
    rows.append(["PRIX DE REVIENT TOTAL HT", total, total / ht * 100, total / w.sdp_m2])
    margin = ht - total
    rec: Rows = [
        [*r[:3], float(r[4]) / max(1.0, float(r[2])) if float(r[2]) else 0.0, r[4]] for r in mix
    ]
    rec[-1][2:4] = ["", ""]
    rec.append(["Total TTC", float(w.lots), shab, ttc / shab, ttc])
    v = rng.randint(1, 12)
    blocks: list[Block] = [
        KV(
            [
                ("Opération", f"{w.programme} - {w.site.one_line()}"),
                ("Maître d'ouvrage", w.sccv.name),
                (
                    "Programme",
                    f"{w.lots} logements - {fk.num(w.sdp_m2)} m² SDP - {fk.num(shab)} m² SHAB",
                ),
                ("Permis de construire", f"{w.permit_no} du {fk.fr_date(w.permit_date)}"),
                ("Version", f"V{v} - {fk.fr_date(w.today)}"),
            ]
        ),
        Table(
            ["Typologie", "Nombre", "SHAB (m²)", "Prix moyen €/m² TTC", "CA TTC"],
            rec,
            fmt="tnnmm",
            total=1,
            title="RECETTES",
        ),
        P(f"Chiffre d'affaires HT (TVA {_pct(vat)}) : {fk.money(ht)}", style="bold"),
        Table(
            ["Poste", "Montant HT", "% CA HT", "€ / m² SDP"],
            rows,
            fmt="tmpm",
            total=1,
            title="DÉPENSES",
            widths=[4, 1.6, 1, 1.2],
        ),
        Table(
            ["Indicateur", "Valeur"],
            [
                ["Marge brute HT", fk.money(margin)],
                ["Marge / CA HT", _pct(margin / ht * 100)],
                ["Marge / prix de revient", _pct(margin / total * 100)],
                ["Charge foncière / m² SDP", fk.money(w.land_price / w.sdp_m2)],
                ["Incidence foncière / CA HT", _pct(w.land_price / ht * 100)],
                ["Prix de revient / m² SHAB", fk.money(total / shab)],
            ],
            title="RATIOS",
        ),
    ]
    if rng.random() < 0.5:
        blocks.append(
            P(
                alt(
                    rng,
                    [
                        "Bilan établi hors révision de prix des marchés et hors frais de "
                        "portage au-delà de la date de livraison prévisionnelle.",
                        f"Prix de vente validés par l'étude de marché du "
                        f"{fk.fr_date(w.today - _days(rng, 30, 200))}.",
                        "Les montants sont exprimés hors taxes ; la TVA sur les dépenses est "
                        "récupérable.",
                    ],
                ),
                style="small",
            )
        )
    return Doc(
        alt(
            rng,
            [
                "Bilan d'opération",
                "BILAN PRÉVISIONNEL",
                "Bilan promoteur détaillé",
                f"BILAN FINANCIER - {w.programme.upper()}",
                "Budget de l'opération",
            ],
        ),
        blocks,
        head_left=[w.developer.name, w.sccv.name] if rng.random() < 0.6 else [],
        footer=alt(rng, ["Document de travail - confidentiel", "", f"V{v}"]),
    )


@template("BILAN_OPERATION", "pa_bilan_fiche_comite", formats=("pdf", "docx", "xlsx"), scan=0.03)
def bilan_fiche_comite(w: World, rng: random.Random) -> Doc:
    _, ttc, shab = _lot_mix(w, rng)
    ht = ttc / 1.2
    groups = _cost_groups(w, rng, ht)
    agg = [(g, sum(v for _, v in items)) for g, items in groups]
    pr = sum(v for _, v in agg)
    margin = ht - pr
    rows: Rows = [[g, v, v / ht * 100] for g, v in agg]
    rows.append(["Prix de revient", pr, pr / ht * 100])
    rows.append(["Marge", margin, margin / ht * 100])
    works = sum(v for g, v in agg if g == "Travaux")
    sens: Rows = []
    for name, dp, dw in [
        ("Base", 0.0, 0.0),
        ("Prix de vente -5 %", -0.05, 0.0),
        ("Coût travaux +5 %", 0.0, 0.05),
        ("Prix -5 % et travaux +5 %", -0.05, 0.05),
    ]:
        h = ht * (1 + dp)
        p = pr + works * dw
        sens.append([name, h, p, h - p, (h - p) / h * 100])
    equity = float(int(pr * rng.uniform(0.08, 0.15) / 1000) * 1000)
    credit = float(int(pr * rng.uniform(0.25, 0.4) / 1000) * 1000)
    presales = pr - equity - credit
    blocks: list[Block] = [
        KV(
            [
                ("Société", w.sccv.name),
                ("Associés", f"{w.developer.name} / {w.holding.name}"),
                ("Adresse", w.site.one_line()),
                ("Programme", f"{w.lots} lots, {fk.num(shab)} m² habitables"),
                ("Prix moyen", f"{fk.money(ttc / shab)} TTC/m² hors parking"),
                ("Démarrage travaux", fk.fr_date(w.start_date)),
                ("Livraison prévisionnelle", fk.fr_date(w.delivery_date)),
            ],
            boxed=rng.random() < 0.5,
        ),
        Table(
            ["Synthèse (€ HT)", "Montant", "% CA"],
            [["Chiffre d'affaires", ht, 100.0], *rows],
            fmt="tmp",
            total=2,
        ),
    ]
    if rng.random() < 0.75:
        blocks.append(
            Table(
                ["Scénario", "CA HT", "Prix de revient", "Marge", "Taux"],
                sens,
                fmt="tmmmp",
                title="Sensibilité",
            )
        )
    if rng.random() < 0.7:
        blocks.append(
            Table(
                ["Financement du prix de revient", "Montant", "%"],
                [
                    ["Fonds propres et quasi-fonds propres", equity, equity / pr * 100],
                    ["Crédit d'accompagnement", credit, credit / pr * 100],
                    ["Appels de fonds acquéreurs", presales, presales / pr * 100],
                    ["Total", pr, 100.0],
                ],
                fmt="tmp",
                total=1,
            )
        )
    blocks += [
        H("Commentaires", 2),
        P(
            alt(
                rng,
                [
                    f"Le taux de marge ressort à {_pct(margin / ht * 100)} du chiffre "
                    "d'affaires HT, avant impôt sur les sociétés des associés.",
                    "Le bilan intègre une provision pour aléas sur les travaux ; les prix de "
                    "vente sont alignés sur l'offre concurrente du secteur.",
                    "Marge à confirmer après consultation des entreprises de gros œuvre.",
                ],
            )
        ),
    ]
    return Doc(
        alt(
            rng,
            [
                "FICHE DE SYNTHÈSE - BILAN D'OPÉRATION",
                "Bilan synthétique",
                "Synthèse financière de l'opération",
                f"{w.programme} - bilan",
            ],
        ),
        blocks,
        head_left=[w.developer.name] if rng.random() < 0.5 else [],
    )


# ---------------------------------------------------------------------------------------------
# PLAN_TRESORERIE
# ---------------------------------------------------------------------------------------------


_MONTHS_SHORT = [
    "janv.",
    "févr.",
    "mars",
    "avr.",
    "mai",
    "juin",
    "juil.",
    "août",
    "sept.",
    "oct.",
    "nov.",
    "déc.",
]


def _bell(n: int, lo: int, hi: int) -> list[float]:
    """Weights over months [lo, hi): a triangular S-curve, as works spending usually is."""
    mid = (lo + hi) / 2
    out = [0.0] * n
    for i in range(lo, min(hi, n)):
        out[i] = 1.0 + (mid - abs(i - mid))
    s = sum(out) or 1.0
    return [x / s for x in out]


@template("PLAN_TRESORERIE", "pa_treso_mensuelle_credit", formats=("xlsx", "pdf"), scan=0.02)
def treso_mensuelle_credit(w: World, rng: random.Random) -> Doc:
    n = rng.randint(18, 30)
    m0 = _add_months(w.start_date.replace(day=1), -rng.randint(1, 4))
    short = rng.random() < 0.5
    months = [_add_months(m0, i) for i in range(n)]
    labels = [
        f"{_MONTHS_SHORT[d.month - 1]} {d.year % 100}" if short else f"{d.month:02d}/{d.year}"
        for d in months
    ]
    works_end = n - rng.randint(1, 3)
    w_curve = _bell(n, 2, works_end)
    s_curve = _bell(n, 3, n)
    works = [w.works_ht * 1.2 * x for x in w_curve]
    fees = [w.works_ht * 0.1 * 1.2 * (0.3 / n + 0.7 * x) for x in w_curve]
    sales = [w.revenue_ttc * rng.uniform(0.7, 0.9) * x for x in s_curve]
    land = [w.land_price * 1.06 if i == 0 else 0.0 for i in range(n)]
    taxes = [w.sdp_m2 * 90.0 if i == 1 else 0.0 for i in range(n)]
    equity = [float(int(w.land_price * 0.35 / 1000) * 1000) if i == 0 else 0.0 for i in range(n)]
    rate = rng.uniform(0.04, 0.065) / 12
    credit_out = 0.0
    cum = 0.0
    draws, repays, interests, cums = [], [], [], []
    peak = 0.0
    for i in range(n):
        interest = credit_out * rate
        net = sales[i] + equity[i] - works[i] - fees[i] - land[i] - taxes[i] - interest
        cum_before = cum + net
        draw = repay = 0.0
        if cum_before < 0:
            draw = -cum_before
        elif credit_out > 0 and cum_before > 0:
            repay = min(credit_out, cum_before * 0.8)
        credit_out += draw - repay
        cum = cum_before + draw - repay
        peak = max(peak, credit_out)
        draws.append(draw)
        repays.append(-repay)
        interests.append(-interest)
        cums.append(cum)
    lines: list[tuple[str, list[float]]] = [
        ("Apport des associés", equity),
        ("Encaissements acquéreurs (appels de fonds)", sales),
        ("Tirages crédit d'accompagnement", draws),
        ("Acquisition foncière et frais", [-x for x in land]),
        ("Taxes d'urbanisme", [-x for x in taxes]),
        ("Travaux TTC", [-x for x in works]),
        ("Honoraires TTC", [-x for x in fees]),
        ("Intérêts et commissions", interests),
        ("Remboursements crédit", repays),
    ]
    blocks: list[Block] = [
        P(
            f"{w.sccv.name} - opération {w.programme} ({w.lots} logements) - montants en "
            f"euros TTC - édition du {fk.fr_date(w.today)}"
        ),
    ]
    chunk = rng.choice([12, 12, 9])
    for k in range(0, n, chunk):
        sl = slice(k, min(n, k + chunk))
        rows: Rows = [[name, *vals[sl]] for name, vals in lines]
        net_row = [sum(float(r[j + 1]) for r in rows) for j in range(len(labels[sl]))]
        rows.append(["Solde du mois", *net_row])
        rows.append(["Trésorerie fin de mois", *cums[sl]])
        ncols = len(labels[sl])
        blocks.append(
            Table(
                ["", *labels[sl]],
                rows,
                fmt="t" + "n" * ncols,
                total=2,
                widths=[3.2] + [1.0] * ncols,
                title=f"Mois {k + 1} à {k + ncols}",
            )
        )
    blocks.append(
        KV(
            [
                ("Encours maximal du crédit (pic)", fk.money(peak)),
                ("Taux retenu", _pct(rate * 12 * 100, 2) + " l'an"),
                ("Total des intérêts", fk.money(-sum(interests))),
                ("Total des encaissements acquéreurs", fk.money(sum(sales))),
            ],
            boxed=True,
        )
    )
    return Doc(
        alt(
            rng,
            [
                "PLAN DE TRÉSORERIE",
                "Plan de trésorerie mensuel",
                "Trésorerie prévisionnelle",
                "Échéancier de trésorerie de l'opération",
            ],
        ),
        blocks,
        landscape=True,
        head_left=[w.developer.name] if rng.random() < 0.5 else [],
    )


@template(
    "PLAN_TRESORERIE", "pa_treso_semestres_hypotheses", formats=("pdf", "xlsx", "docx"), scan=0.03
)
def treso_semestres(w: World, rng: random.Random) -> Doc:
    start = w.start_date
    n = rng.randint(4, 7)
    labels = []
    for i in range(n):
        d = _add_months(start, 6 * i)
        labels.append(f"S{1 if d.month <= 6 else 2} {d.year}")
    w_curve = _bell(n, 0, n - 1)
    s_curve = _bell(n, 0, n)
    pace = rng.randint(2, 6)
    pre = rng.choice([30, 40, 50])
    rec = [w.revenue_ttc * 0.95 * x for x in s_curve]
    dep_land = [w.land_price * 1.07 if i == 0 else 0.0 for i in range(n)]
    dep_works = [w.works_ht * 1.2 * x for x in w_curve]
    dep_other = [w.works_ht * rng.uniform(0.12, 0.2) * (1 / n) for _ in range(n)]
    rows: Rows = [
        ["Encaissements ventes", *rec],
        ["Foncier", *[-x for x in dep_land]],
        ["Travaux", *[-x for x in dep_works]],
        ["Honoraires, taxes, frais", *[-x for x in dep_other]],
    ]
    flows = [sum(float(r[j + 1]) for r in rows) for j in range(n)]
    cum: list[float] = []
    c = 0.0
    for f in flows:
        c += f
        cum.append(c)
    rows += [["Flux net", *flows], ["Cumul", *cum]]
    peak = min(cum)
    peak_at = labels[cum.index(peak)]
    blocks: list[Block] = [
        H("Hypothèses", 2),
        Bullets(
            rng.sample(
                [
                    f"Démarrage des travaux : {fk.fr_date(w.start_date)} ; livraison : "
                    f"{fk.fr_date(w.delivery_date)}.",
                    f"Rythme de ventes : {pace} réservations par mois, {pre} % de pré-"
                    "commercialisation au démarrage des travaux.",
                    "Encaissements selon l'échelonnement de l'article R261-14 du CCH "
                    "(35 % à l'achèvement des fondations, 70 % hors d'eau, 95 % à "
                    "l'achèvement).",
                    "Paiement des entreprises à 45 jours fin de mois, retenue de garantie de 5 %.",
                    "Montants TTC, TVA collectée et déductible supposées neutres en trésorerie.",
                    "Foncier acquis au comptant à la signature de l'acte "
                    f"({fk.money(w.land_price)}).",
                ],
                k=rng.randint(3, 6),
            )
        ),
        Table(["En euros", *labels], rows, fmt="t" + "n" * n, total=2, widths=[2.6] + [1.2] * n),
        P(
            f"Le besoin de trésorerie maximal est atteint en {peak_at} à {fk.money(-peak)} ; "
            f"il sera couvert par les fonds propres et le crédit d'accompagnement sollicité "
            f"auprès de {w.bank.name}."
            if peak < 0
            else "La trésorerie reste positive sur toute la durée de l'opération."
        ),
    ]
    return Doc(
        alt(
            rng,
            [
                "Plan de trésorerie prévisionnel",
                "PRÉVISIONNEL DE TRÉSORERIE",
                "Trésorerie par semestre",
                "Cash-flow de l'opération",
            ],
        ),
        blocks,
        head_left=[w.sccv.name, w.developer.name],
        landscape=n > 5,
    )


# ---------------------------------------------------------------------------------------------
# ETUDE_MARCHE
# ---------------------------------------------------------------------------------------------

_CONSULTANTS = [
    "Observatoire du Logement Neuf",
    "Habitat Conseil & Territoires",
    "Rivière Études Immobilières",
    "LogiStat Conseil",
    "Kermarrec Études",
    "Urbanéo Marketing Immobilier",
]


@template("ETUDE_MARCHE", "pa_etude_marche_rapport", formats=("pdf", "docx"), scan=0.02)
def etude_marche_rapport(w: World, rng: random.Random) -> Doc:
    firm = rng.choice(_CONSULTANTS)
    town = w.site.town
    pm2 = w.revenue_ttc / max(1, w.sdp_m2) * rng.uniform(1.0, 1.15)
    pop = rng.randint(12, 480) * 1000
    growth = rng.uniform(-0.3, 1.4)
    census: Rows = []
    for y in (2010, 2015, 2021):
        p = pop / (1 + growth / 100) ** (2021 - y)
        hh = p / rng.uniform(1.9, 2.4)
        census.append([str(y), float(int(p)), float(int(hh)), p / hh])
    old: Rows = []
    base_old = pm2 * rng.uniform(0.62, 0.8)
    for k in range(3):
        y = w.today.year - 3 + k
        old.append(
            [
                str(y),
                base_old * (1 + rng.uniform(-0.04, 0.05)) ** k,
                float(rng.randint(80, 2500)),
                float(rng.randint(45, 95)),
            ]
        )
    comps: Rows = []
    for a, b in rng.sample(fk.PROGRAMME_WORDS, rng.randint(3, 7)):
        if f"{a} {b}".strip() == w.programme:
            continue
        lots = rng.randint(12, 140)
        comps.append(
            [
                f"{a} {b}".strip(),
                rng.choice(fk.DEV_NAMES),
                f"{rng.uniform(0.2, 3.5):.1f} km".replace(".", ","),
                float(lots),
                float(rng.randint(0, lots // 2)),
                pm2 * rng.uniform(0.88, 1.12),
                f"{rng.uniform(1, 6):.1f}".replace(".", ","),
            ]
        )
    mix: Rows = []
    for t, surf, share in [
        ("T1", 28, 5),
        ("T2", 44, 35),
        ("T3", 64, 40),
        ("T4", 82, 15),
        ("T5", 100, 5),
    ]:
        s = surf * rng.uniform(0.95, 1.05)
        p = pm2 * rng.uniform(0.96, 1.08) * (1.05 if t in ("T1", "T2") else 1.0)
        mix.append([t, float(share), s, p, s * p])
    zone = rng.choice(["A bis", "A", "B1", "B1", "B2"])
    sections: list[list[Block]] = [
        [
            H("Situation et desserte"),
            Bullets(
                rng.sample(
                    [
                        f"Site localisé {w.site.line}, à {rng.randint(3, 25)} minutes à pied du "
                        "centre-ville.",
                        f"Arrêt de {rng.choice(['tramway', 'bus', 'BHNS', 'métro'])} à "
                        f"{rng.randint(100, 800)} m.",
                        "Écoles maternelle et élémentaire dans un rayon de 500 m.",
                        "Commerces de proximité et supermarché accessibles à pied.",
                        f"Gare SNCF à {rng.randint(1, 12)} km.",
                        "Environnement pavillonnaire en mutation, secteur de renouvellement "
                        "urbain.",
                    ],
                    k=rng.randint(3, 5),
                )
            ),
        ],
        [
            H("Démographie"),
            P(
                f"{town} compte {fk.num(pop)} habitants (recensement). La population "
                f"{'progresse' if growth > 0 else 'recule'} de {_pct(abs(growth), 2)} par an "
                "en moyenne, portée par "
                + alt(
                    rng,
                    ["le solde migratoire.", "le solde naturel.", "l'arrivée de jeunes actifs."],
                )
            ),
            Table(["Année", "Population", "Ménages", "Pers./ménage"], census, fmt="tnnd"),
        ],
        [
            H("Marché de l'ancien"),
            P("Prix médians des appartements anciens (source : bases notariales et DVF)."),
            Table(
                ["Année", "Prix médian €/m²", "Transactions", "Délai de vente (j)"], old, fmt="tmnn"
            ),
        ],
        [
            H("Offre neuve concurrente"),
            Table(
                ["Programme", "Promoteur", "Distance", "Lots", "Stock", "€/m² TTC", "Ventes/mois"],
                comps,
                fmt="tttnnmt",
                widths=[2.4, 2.2, 1, 0.8, 0.8, 1.3, 1],
            ),
            P(
                f"Le prix moyen de l'offre neuve s'établit autour de {fk.money(pm2)} TTC/m² "
                "hors stationnement, avec un écoulement "
                + alt(rng, ["soutenu.", "ralenti depuis la hausse des taux.", "régulier."])
            ),
        ],
        [
            H("Clientèle"),
            P(
                f"Commune classée en zone {zone}. Clientèle attendue : "
                f"{rng.randint(45, 75)} % d'acquéreurs occupants, dont une part de primo-"
                f"accédants éligibles au PTZ, et {rng.randint(15, 45)} % d'investisseurs."
            ),
        ],
    ]
    rng.shuffle(sections)
    blocks: list[Block] = [
        P(f"Commune {_de(town)} ({w.site.postcode})", align="center", style="big"),
        P(f"Projet de {w.lots} logements - {w.site.one_line()}", align="center"),
        P(
            f"Étude réalisée pour {w.developer.name} - {fk.MONTHS_FR[w.today.month - 1]} "
            f"{w.today.year}",
            align="center",
            style="italic",
        ),
        H("Objet de la mission"),
        P(
            f"{w.developer.name} nous a demandé d'apprécier l'adéquation du projet au marché "
            "local : niveau de prix, typologies, rythme d'écoulement et profil de la clientèle."
        ),
    ]
    for sec in sections[: rng.randint(3, len(sections))]:
        blocks += sec
    blocks += [
        H("Préconisations"),
        Table(
            ["Typologie", "% du programme", "Surface (m²)", "€/m² TTC", "Budget TTC"],
            mix,
            fmt="tnnmm",
        ),
        P(
            f"Nous préconisons un prix moyen de {fk.money(pm2)} TTC/m² habitable hors "
            f"parking et anticipons un rythme de {rng.randint(2, 6)} ventes par mois, soit un "
            f"écoulement du programme en {rng.randint(12, 30)} mois environ."
        ),
        P(
            "Les conclusions de la présente étude reflètent les conditions de marché à la date "
            "de sa rédaction et ne sauraient constituer une garantie de commercialisation.",
            style="small",
        ),
    ]
    return Doc(
        alt(
            rng,
            [
                "ÉTUDE DE MARCHÉ",
                "Étude de marché résidentielle",
                "Analyse du marché local",
                "ÉTUDE DE POSITIONNEMENT PRIX",
            ],
        ),
        blocks,
        head_left=[firm, "Études et conseil en immobilier résidentiel"],
        footer=f"{firm} - confidentiel",
    )


@template("ETUDE_MARCHE", "pa_avis_valeur_comparables", formats=("pdf", "docx"), scan=0.1)
def avis_valeur_comparables(w: World, rng: random.Random) -> Doc:
    agent = fk.person(rng, w.today)
    agency = f"{rng.choice(['Immobilier', 'Transactions', 'Agence'])} {agent.last}"
    kind = rng.choice(["terrain", "lot", "bloc"])
    if kind == "terrain":
        subject = f"terrain à bâtir de {fk.num(w.land_m2)} m², cadastré {w.cadastre}"
        unit = w.land_m2
        base = w.land_price / w.land_m2
        nature = "Terrain à bâtir"
    elif kind == "lot":
        unit = rng.randint(40, 85)
        base = w.revenue_ttc / max(1, w.sdp_m2) * rng.uniform(0.95, 1.1)
        subject = f"appartement de {unit} m² habitables (lot n° {rng.randint(1, w.lots)}) en VEFA"
        nature = "Appartement"
    else:
        unit = w.sdp_m2
        base = w.revenue_ttc / max(1, w.sdp_m2) * rng.uniform(0.72, 0.85)
        subject = f"ensemble de {w.lots} logements neufs cédé en bloc à un investisseur"
        nature = "Immeuble / bloc"
    comps: Rows = []
    for _ in range(rng.randint(4, 8)):
        s = unit * rng.uniform(0.6, 1.5)
        pm = base * rng.uniform(0.85, 1.15)
        comps.append(
            [
                f"{fk.address(rng).line}, {w.site.town}",
                fk.fr_date(w.today - _days(rng, 30, 900)),
                float(int(s)),
                float(int(s * pm / 100) * 100),
                pm,
            ]
        )
    avg = sum(float(r[4]) for r in comps) / len(comps)
    low, high = avg * 0.95 * unit, avg * 1.05 * unit
    value = float(int(avg * unit / 1000) * 1000)
    addressee = rng.choice([w.bank, w.developer])
    blocks: list[Block] = [
        P(f"Objet : avis de valeur - {subject}", style="bold"),
        P(f"{'Madame, Monsieur' if rng.random() < 0.5 else addressee.manager.civ},"),
        P(
            f"À votre demande, nous avons visité le {fk.fr_date(w.today - _days(rng, 2, 20))} "
            f"le bien situé {w.site.one_line()} et vous communiquons ci-après notre avis sur sa "
            "valeur vénale, dans les conditions actuelles du marché."
        ),
        H("Le bien", 2),
        P(
            alt(
                rng,
                [
                    f"Il s'agit d'un {subject}. Le secteur est résidentiel, bien desservi et "
                    "recherché par une clientèle familiale.",
                    f"Bien : {subject}. Zone {rng.choice(['UA', 'UB', 'UC', 'UD', '1AU'])} du "
                    "plan local d'urbanisme (sous réserve de vérification).",
                ],
            )
        ),
        H("Références de transactions", 2),
        Table(
            ["Adresse", "Date", "Surface m²", "Prix", "€/m²"],
            comps,
            fmt="ttnmm",
            widths=[3.4, 1.3, 1.1, 1.6, 1.3],
            title=f"{nature} - mutations comparables",
        ),
        P("Sources : demandes de valeurs foncières (DVF), base de l'agence.", style="small"),
        H("Conclusion", 2),
        P(
            f"Au regard de ces éléments, nous estimons la valeur du bien entre "
            f"{fk.money(low)} et {fk.money(high)}, et retenons une valeur de "
            f"{fk.money(value)} ({fk.words_fr(int(value))} euros)"
            + alt(rng, [" net vendeur.", " hors droits et frais.", "."])
        ),
        P(
            "Le présent avis de valeur ne constitue pas une expertise. Il est établi sur la base "
            "des informations communiquées et des références disponibles à sa date.",
            style="small",
        ),
        P(place_date(w, rng, town=w.site.town)),
        Sign([[agent.name, agency]]),
    ]
    return Doc(
        alt(rng, ["AVIS DE VALEUR", "Avis de valeur", "", "Estimation"]),
        blocks,
        head_left=[
            agency,
            fk.address(rng).one_line(),
            f"Carte professionnelle CPI {ids.ref(rng, '9999 9999 999 999 999')}",
        ],
        head_right=recipient(addressee),
    )


# ---------------------------------------------------------------------------------------------
# AUTRE
# ---------------------------------------------------------------------------------------------


@template("AUTRE", "pa_article_presse", formats=("pdf", "docx"), scan=0.15)
def article_presse(w: World, rng: random.Random) -> Doc:
    paper = alt(
        rng,
        [
            "Le Courrier de l'Ouest",
            "La Gazette du " + w.site.dept,
            f"{w.site.town} Magazine",
            "L'Écho Républicain",
            "Le Petit Quotidien",
            f"Le Mag - Ville {_de(w.site.town)}",
        ],
    )
    mayor = fk.person(rng, w.today)
    journalist = fk.person(rng, w.today)
    event = rng.choice(["première pierre", "lancement", "livraison", "réunion publique"])
    title = {
        "première pierre": f"{w.site.town} : la première pierre du {w.programme} est posée",
        "lancement": f"Un nouveau programme de {w.lots} logements à {w.site.town}",
        "livraison": f"Les premiers habitants s'installent au {w.programme}",
        "réunion publique": f"Projet immobilier {w.site.line} : les riverains s'interrogent",
    }[event]
    quote_mayor = alt(
        rng,
        [
            "Ce projet répond à un vrai besoin de logements pour les jeunes ménages de la commune.",
            "Nous avons été attentifs à l'insertion du bâtiment dans le quartier.",
            "La ville a veillé à ce qu'une part des logements reste accessible aux familles.",
        ],
    )
    quote_dev = alt(
        rng,
        [
            f"Nous avons déjà réservé plus de la moitié des {w.lots} logements.",
            "Le chantier durera environ deux ans, avec une attention particulière aux nuisances.",
            "Nous avons travaillé avec des entreprises locales pour la construction.",
        ],
    )
    blocks: list[Block] = [
        P(
            alt(
                rng,
                [
                    f"Le programme « {w.programme} », porté par {w.developer.name}, comptera "
                    f"{w.lots} logements du T1 au T5 au {w.site.line}, sur un terrain de "
                    f"{fk.num(w.land_m2)} m².",
                    f"C'est un projet dont on parle depuis longtemps dans le quartier. Le "
                    f"promoteur {w.developer.name} a présenté son programme de {w.lots} "
                    "logements.",
                ],
            ),
            style="bold",
        ),
        P(
            f"« {quote_mayor.rstrip('.')} », a souligné {mayor.formal}, maire "
            f"{_de(w.site.town)}, "
            f"{'devant une cinquantaine de personnes' if rng.random() < 0.5 else 'sur le site'}. "
            f"Le permis de construire a été délivré en {fk.MONTHS_FR[w.permit_date.month - 1]} "
            f"{w.permit_date.year}."
        ),
        P(
            f"Pour {w.developer.manager.name}, dirigeant de la société, « {quote_dev} » "
            f"La livraison est annoncée pour {fk.MONTHS_FR[w.delivery_date.month - 1]} "
            f"{w.delivery_date.year}."
        ),
    ]
    if rng.random() < 0.6:
        blocks.append(
            P(
                alt(
                    rng,
                    [
                        "Quelques riverains ont fait part de leurs inquiétudes sur la hauteur du "
                        "bâtiment et la circulation pendant les travaux. Le promoteur a promis "
                        "une réunion d'information à chaque phase importante.",
                        "Les prix annoncés débutent autour de "
                        f"{fk.money(int(w.revenue_ttc / w.lots * 0.6 / 1000) * 1000)} pour un deux-"
                        "pièces, parking compris.",
                        f"L'architecte {w.architect.name} a imaginé des balcons filants et des "
                        "jardins partagés en cœur d'îlot.",
                    ],
                )
            )
        )
    extra = [
        P(
            f"Le bâtiment, dessiné par {w.architect_firm.name}, s'élèvera sur "
            f"{rng.randint(3, 7)} niveaux. Il répondra à la réglementation environnementale "
            "RE2020 et proposera des "
            + alt(
                rng,
                [
                    "balcons ou terrasses pour chaque logement",
                    "jardins privatifs en rez-de-chaussée",
                    "locaux vélos et bornes de recharge",
                ],
            )
            + f". Un parking de {rng.randint(10, 120)} places sera aménagé en sous-sol."
        ),
        P(
            f"Côté chantier, les travaux ont débuté en {fk.MONTHS_FR[w.start_date.month - 1]} "
            f"{w.start_date.year}. Une réunion d'information des riverains est prévue à chaque "
            "étape ; la circulation sera ponctuellement alternée pendant les livraisons de béton."
        ),
        P(
            f"Selon l'adjoint à l'urbanisme, {rng.randint(2, 9)} autres projets de logements "
            "sont à l'étude dans la commune, où la demande reste forte malgré la hausse des "
            "taux d'intérêt."
        ),
    ]
    blocks += rng.sample(extra, k=rng.randint(1, 3))
    if rng.random() < 0.5:
        blocks.append(
            Box(
                [
                    f"{w.lots} logements",
                    f"{fk.num(w.sdp_m2)} m² de surface de plancher",
                    f"Livraison : {fk.MONTHS_FR[w.delivery_date.month - 1]} {w.delivery_date.year}",
                ],
                "Repères",
            )
        )
    if rng.random() < 0.5:
        blocks.append(
            P(
                f"Photo : les élus et le promoteur sur le chantier. © {journalist.name}",
                style="italic",
            )
        )
    blocks.append(P(f"{journalist.name}", align="right", style="italic"))
    if rng.random() < 0.4:
        blocks += [
            H("En bref", 2),
            Bullets(
                rng.sample(
                    [
                        "Marché de Noël : inscriptions ouvertes jusqu'au 15 novembre.",
                        "Travaux de voirie rue de la Gare du 3 au 14 du mois.",
                        "La médiathèque prolonge ses horaires le samedi.",
                        "Collecte des encombrants : prendre rendez-vous en mairie.",
                    ],
                    k=2,
                )
            ),
        ]
    return Doc(
        title,
        blocks,
        head_left=[paper, f"Édition du {fk.fr_date_long(w.today)}"],
        title_sub=alt(rng, ["Urbanisme", "Logement", "Vie locale", ""]),
        footer=f"{paper} - page {rng.randint(2, 28)}",
    )


_JOBS = [
    "Responsable de programmes",
    "Chargé(e) d'opérations immobilières",
    "Assistant(e) commercial(e) VEFA",
    "Conducteur de travaux",
]
_ROADWORKS = [
    "réfection de chaussée",
    "renouvellement du réseau d'eau potable",
    "enfouissement des réseaux",
    "raccordement au réseau de chaleur",
]


@template("AUTRE", "pa_courrier_sans_rapport", formats=("pdf", "docx"), scan=0.2)
def courrier_sans_rapport(w: World, rng: random.Random) -> Doc:
    kind = rng.choice(["riverain", "emploi", "circulation"])
    if kind == "riverain":
        nb = fk.person(rng, w.today, (w.site.town, w.site.postcode, w.site.insee, w.site.dept))
        return Doc(
            "",
            [
                P(f"Objet : nuisances du chantier {w.site.line}", style="bold"),
                P("Madame, Monsieur,"),
                P(
                    f"Riverain du chantier de construction de la résidence « {w.programme} », je "
                    "me permets de vous signaler les nuisances que subissent depuis plusieurs "
                    "semaines les habitants de la rue : "
                    + alt(
                        rng,
                        [
                            "démarrage des engins avant 7 heures",
                            "poussière importante sur les façades et les véhicules",
                            "stationnement des camions sur les trottoirs",
                            "bruit du chantier le samedi",
                        ],
                    )
                    + "."
                ),
                P(
                    "Je vous rappelle que l'arrêté municipal relatif aux bruits de voisinage "
                    "encadre les horaires des chantiers. Je vous remercie de bien vouloir "
                    "rappeler ces règles aux entreprises et de me tenir informé(e) des mesures "
                    "prises."
                ),
                *(
                    [
                        P(
                            "Je tiens à votre disposition des photographies datées. Plusieurs "
                            "voisins partagent ces constats et envisagent de saisir le "
                            "conciliateur de justice si la situation perdure."
                        )
                    ]
                    if rng.random() < 0.6
                    else []
                ),
                P("Dans l'attente, je vous prie d'agréer mes salutations distinguées."),
                Sign([[nb.name]]),
                P(f"Copie : Mairie {_de(w.site.town)}", style="small"),
            ],
            head_left=[nb.formal, *nb.address.lines()],
            head_right=[*recipient(w.developer), "", place_date(w, rng, town=w.site.town)],
        )
    if kind == "emploi":
        return Doc(
            alt(rng, ["Offre d'emploi", "Nous recrutons", "RECRUTEMENT"]),
            [
                P(
                    alt(rng, _JOBS) + " H/F",
                    style="big",
                ),
                KV(
                    [
                        ("Lieu", w.developer.address.town),
                        ("Contrat", rng.choice(["CDI", "CDI", "CDD 12 mois", "Alternance"])),
                        (
                            "Rémunération",
                            f"{rng.randint(32, 70)} - {rng.randint(71, 90)} k€ "
                            "bruts annuels selon profil",
                        ),
                        ("Prise de poste", fk.fr_date(w.today + _days(rng, 20, 120))),
                    ]
                ),
                P(
                    f"{w.developer.name} conçoit et réalise des programmes de logements neufs "
                    f"en {rng.choice(fk.REGIONS)}. Pour accompagner notre développement, nous "
                    "renforçons notre équipe."
                ),
                H("Vos missions", 2),
                Bullets(
                    rng.sample(
                        [
                            "Piloter les opérations du montage à la livraison",
                            "Suivre les budgets et les bilans d'opérations",
                            "Coordonner architectes, bureaux d'études et entreprises",
                            "Accompagner les acquéreurs jusqu'à la remise des clés",
                            "Préparer les dossiers de financement bancaire",
                        ],
                        k=3,
                    )
                ),
                H("Votre profil", 2),
                P(
                    "Formation supérieure (école d'ingénieur, de commerce ou master immobilier) et "
                    "première expérience réussie en promotion ou en construction."
                ),
                P(
                    "Candidature (CV et lettre) à "
                    + _email(w.developer.manager, _domain(w.developer))
                ),
            ],
            head_left=[w.developer.name],
        )
    dep = w.start_date + _days(rng, 0, 60)
    return Doc(
        alt(rng, ["AVIS AUX RIVERAINS", "Information travaux", "Avis à la population"]),
        [
            P(
                f"La commune {_de(w.site.town)} informe les riverains que des travaux de "
                f"{rng.choice(_ROADWORKS)} "
                f"seront réalisés {w.site.line} du {fk.fr_date(dep)} au "
                f"{fk.fr_date(dep + _days(rng, 5, 40))}."
            ),
            Bullets(
                [
                    "Circulation alternée par feux tricolores",
                    "Stationnement interdit au droit du chantier",
                    "Accès riverains maintenu",
                    "Collecte des ordures ménagères assurée",
                ][: rng.randint(2, 4)]
            ),
            P("Nous vous remercions de votre compréhension pour la gêne occasionnée."),
            P(f"Services techniques - Mairie {_de(w.site.town)} - {fk.phone(rng)}", style="small"),
        ],
        head_left=[f"Ville {_de(w.site.town)}", "Direction des services techniques"],
    )
