"""Templates written independently of the first set, in plainer and more varied wording.

Classifiers trained on one writer's templates transfer badly to documents written by others;
this module is another writer's take on the same categories (see docs/docai.md). Its
documents lean on the layouts the issuers actually use: e-mail printouts, forms with boxes,
notarial deeds, bank letters, spreadsheet-like reports.
"""

from __future__ import annotations

import datetime as dt
import random
import unicodedata

from .. import fakes as fk
from .. import identifiers as ids
from ..fakes import Company, Person, World
from ..model import KV, Block, Box, Break, Bullets, Doc, H, P, Sign, Space, Table
from ..registry import template
from .common import Lot, letterhead, lot_rows, person_phrase, place_date, recipient

Rows = list[list[str | int | float]]

_WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]


# --------------------------------------------------------------------------------------------
# small helpers


def _pick(rng: random.Random, *opts: str) -> str:
    return opts[rng.randrange(len(opts))]


def _yes(rng: random.Random, p: float = 0.5) -> bool:
    return rng.random() < p


def _plus(d: dt.date, days: int) -> dt.date:
    return d + dt.timedelta(days=days)


def _slug(s: str) -> str:
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower()
    return "".join(c for c in s if c.isalnum() or c in ".-")


def _domain(c: Company) -> str:
    return c.email.split("@", 1)[1]


def _mail(p: Person, c: Company, rng: random.Random) -> str:
    f, last = _slug(p.first), _slug(p.last)
    local = _pick(rng, f"{f}.{last}", f"{f[0]}.{last}", f"{f[0]}{last}", f"{last}.{f}")
    return f"{local}@{_domain(c)}"


def _when(rng: random.Random, d: dt.date) -> str:
    hh, mm = rng.randint(7, 19), rng.randint(0, 59)
    return f"{_WEEKDAYS[d.weekday()]} {fk.fr_date_long(d)} {hh:02d}:{mm:02d}"


def _mail_head(
    rng: random.Random,
    frm: str,
    to: str,
    subject: str,
    d: dt.date,
    cc: str = "",
    attach: list[str] | None = None,
) -> KV:
    """The header block Outlook or a webmail prints above a forwarded message."""
    if _yes(rng, 0.6):
        pairs = [("De :", frm), ("Envoyé :", _when(rng, d)), ("À :", to)]
        if cc:
            pairs.append(("Cc :", cc))
        pairs.append(("Objet :", subject))
        if attach:
            pairs.append(("Pièces jointes :", "; ".join(attach)))
    else:
        pairs = [("Objet", subject), ("De", frm), ("Date", fk.fr_date(d)), ("À", to)]
        if cc:
            pairs.append(("Copie à", cc))
        if attach:
            pairs.append((f"{len(attach)} pièce(s) jointe(s)", ", ".join(attach)))
    return KV(pairs, boxed=_yes(rng, 0.3))


def _disclaimer(rng: random.Random) -> P:
    return P(
        _pick(
            rng,
            "Ce message et toutes les pièces jointes sont confidentiels et établis à l'intention "
            "exclusive de ses destinataires. Si vous avez reçu ce message par erreur, merci de "
            "le détruire et d'en avertir immédiatement l'expéditeur.",
            "Avant d'imprimer ce courriel, pensez à l'environnement.",
            "Les informations contenues dans ce courrier électronique sont confidentielles. "
            "Toute utilisation ou diffusion non autorisée est interdite.",
        ),
        style="small",
    )


def _salut(rng: random.Random, to: str = "Madame, Monsieur") -> str:
    """Closing formula; `to` repeats the opening (« Maître », « Monsieur le Gérant »)."""
    return _pick(
        rng,
        f"Nous vous prions d'agréer, {to}, l'expression de nos salutations distinguées.",
        f"Veuillez agréer, {to}, nos salutations les meilleures.",
        f"Je vous prie de recevoir, {to}, l'assurance de ma considération distinguée.",
        "Restant à votre disposition, nous vous prions de croire à nos sentiments dévoués.",
        "Avec nos remerciements, recevez nos cordiales salutations.",
    )


_FORMS = {
    "SAS": "société par actions simplifiée",
    "SASU": "société par actions simplifiée à associé unique",
    "SARL": "société à responsabilité limitée",
    "EURL": "société à responsabilité limitée à associé unique",
    "SA": "société anonyme",
    "SC": "société civile",
    "SELARL": "société d'exercice libéral à responsabilité limitée",
    "": "société civile de construction vente",
}


def _societe(c: Company, rng: random.Random, *, rep: bool = True) -> str:
    """How a deed or contract names a company, to be used mid-sentence."""
    form = _FORMS.get(c.form, "société")
    s = _pick(
        rng,
        f"la société dénommée {c.name}, {form} au capital de {fk.num(c.capital)} €, "
        f"ayant son siège à {c.address.town.upper()} ({c.address.postcode}), "
        f"{c.address.line}, identifiée sous le numéro SIREN {c.siren} et immatriculée au RCS "
        f"de {c.rcs_town}",
        f"{c.name}, {form} au capital de {fk.num(c.capital)} euros, siège social : "
        f"{c.address.one_line()}, {c.rcs}",
        f"la {form} {c.name}, dont le siège est {c.address.one_line()}, inscrite au registre "
        f"du commerce et des sociétés sous le n° {ids.group_siren(c.siren)} RCS {c.rcs_town}",
    )
    if rep:
        s += f", représentée par {c.manager.formal}, " + _pick(
            rng,
            "ayant tous pouvoirs à l'effet des présentes",
            "en sa qualité de représentant légal",
            "dûment habilité" + ("e" if c.manager.sex == 2 else ""),
        )
    return s


def _a_town(town: str) -> str:
    """« À LYON », « AU MANS », « AUX SABLES-D'OLONNE » as a deed's opening writes it."""
    t = town.upper()
    if t.startswith("LE "):
        return "AU " + t[3:]
    if t.startswith("LES "):
        return "AUX " + t[4:]
    return "À " + t


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _mobile(rng: random.Random) -> str:
    return f"0{rng.choice('67')} " + " ".join(f"{rng.randint(0, 99):02d}" for _ in range(4))


def _building_insurer(rng: random.Random) -> str:
    """Insurer of a contractor: the architects' mutual does not insure builders."""
    return rng.choice([i for i in fk.INSURERS if "Architectes" not in i])


def _town_date(rng: random.Random, town: str, d: dt.date) -> str:
    return _pick(
        rng,
        f"{town}, le {fk.fr_date_long(d)}",
        f"À {town}, le {fk.fr_date(d)}",
        f"{town.upper()} - {fk.fr_date(d)}",
        f"Le {fk.fr_date(d)}",
    )


def _insurer_head(rng: random.Random, ins: str) -> list[str]:
    head = [ins]
    head.append(
        _pick(
            rng,
            "Assurance construction",
            "Département Risques de la construction",
            "Centre de gestion Construction",
            "Pôle Entreprises et Professionnels",
        )
    )
    head += fk.address(rng).lines()
    if _yes(rng, 0.4):
        head.append("Entreprise régie par le Code des assurances")
    return head


def _pc_ref(w: World) -> str:
    return f"{w.permit_no} délivré le {fk.fr_date(w.permit_date)}"


def _buyers_label(rng: random.Random, w: World) -> tuple[str, list[Person]]:
    """One buyer or a couple, as sales documents name them."""
    b = rng.choice(w.buyers)
    if _yes(rng, 0.4):
        other = fk.person(rng, w.today)
        other.last = b.last
        if other.sex == b.sex:
            other.sex = 3 - b.sex
            other.civ = "Madame" if other.sex == 2 else "Monsieur"
            other.first = rng.choice(fk.FIRST_F if other.sex == 2 else fk.FIRST_M)
        other.address = b.address
        return f"M. et Mme {b.last.upper()}", [b, other]
    return b.formal, [b]


def _schedule(rng: random.Random) -> list[tuple[str, int]]:
    """Cumulative % of the price per stage, within the caps of R261-14 CCH (35/70/95)."""
    sched = [
        (
            _pick(rng, "Signature de l'acte authentique", "À la signature", "Jour de l'acte"),
            rng.choice([5, 10, 15, 20, 25, 30]),
        ),
        (_pick(rng, "Achèvement des fondations", "Fondations achevées"), 35),
    ]
    if _yes(rng, 0.6):
        sched.append(
            (
                _pick(
                    rng,
                    "Plancher haut du rez-de-chaussée",
                    "Plancher bas du 1er étage coulé",
                    "Élévation du premier niveau",
                ),
                rng.choice([45, 50, 55]),
            )
        )
    sched.append((_pick(rng, "Mise hors d'eau", "Hors d'eau (couverture achevée)"), 70))
    if _yes(rng, 0.7):
        sched.append(
            (
                _pick(
                    rng,
                    "Mise hors d'air",
                    "Achèvement des cloisons",
                    "Hors d'air (menuiseries extérieures posées)",
                ),
                rng.choice([80, 85]),
            )
        )
    sched.append((_pick(rng, "Achèvement de l'immeuble", "Achèvement des travaux"), 95))
    sched.append((_pick(rng, "Livraison / remise des clés", "Mise à disposition du bien"), 100))
    return sched


def _lot_line(lot: Lot) -> str:
    s = f"lot n° {lot['lot']} - {lot['type']} - {lot['floor']} - {fk.num(lot['surface'], dec=1)} m²"
    return s + (f" - {lot['parking']}" if lot["parking"] != "-" else "")


def _order_no(rng: random.Random) -> str:
    return f"S{rng.randint(10000, 99999)}" if _yes(rng) else f"{rng.randint(1000, 99999)}"


def _ttc(w: World) -> float:
    return float(w.works_ht) * 1.2


# --------------------------------------------------------------------------------------------
# ASSURANCE_DO


@template("ASSURANCE_DO", "pc_do_fiche_garantie", scan=0.25)
def do_fiche(w: World, rng: random.Random) -> Doc:
    ins = rng.choice(fk.INSURERS)
    pol = ids.ref(rng, _pick(rng, "DO 999 999 99", "99-DO-999999", "CO99999999DO", "A9999999"))
    start = w.start_date if _yes(rng, 0.7) else _plus(w.start_date, -rng.randint(5, 40))
    commerce = _yes(rng, 0.3)
    boxes: list[Block] = [
        Box(
            [
                w.sccv.name,
                w.sccv.address.one_line(),
                f"SIREN {ids.group_siren(w.sccv.siren)}",
                _pick(
                    rng,
                    "Qualité : maître d'ouvrage",
                    "Qualité : vendeur en l'état futur d'achèvement",
                    "Qualité : promoteur - maître de l'ouvrage",
                ),
            ],
            _pick(rng, "Souscripteur", "SOUSCRIPTEUR / MAÎTRE D'OUVRAGE", "L'assuré"),
        ),
        Box(
            [
                _pick(
                    rng,
                    "Le souscripteur et les propriétaires successifs de l'ouvrage",
                    "Le maître d'ouvrage, puis les acquéreurs successifs et le syndicat "
                    "des copropriétaires",
                    "Le souscripteur et tout propriétaire ultérieur de l'ouvrage assuré",
                )
            ],
            "Bénéficiaires de la garantie",
        ),
    ]
    rng.shuffle(boxes)
    if _yes(rng, 0.4):
        broker = rng.choice(fk.BROKERS)
        boxes.append(Box([broker, f"N° ORIAS {rng.randint(7000000, 23009999)}"], "Intermédiaire"))
    nature = f"Construction de {w.lots} logements collectifs" + (
        " et d'un local commercial en rez-de-chaussée" if commerce else ""
    )
    kv = KV(
        [
            ("N° de police", pol),
            ("Date d'effet", fk.fr_date(start)),
            ("Nature de l'ouvrage", nature),
            ("Situation", w.site.one_line()),
            ("Permis de construire", _pc_ref(w)),
            ("Surface de plancher", f"{fk.num(w.sdp_m2)} m²"),
            ("Coût prévisionnel déclaré", fk.money(_ttc(w)) + " TTC"),
            (
                "Réception prévue",
                _pick(
                    rng,
                    fk.fr_date(w.delivery_date),
                    f"{fk.MONTHS_FR[w.delivery_date.month - 1]} {w.delivery_date.year}",
                ),
            ),
        ]
    )
    opts = [
        ("Garantie obligatoire (article L242-1 du Code des assurances)", True),
        ("Garantie de bon fonctionnement des éléments d'équipement (2 ans)", _yes(rng, 0.7)),
        ("Dommages immatériels consécutifs", _yes(rng, 0.5)),
        ("Dommages aux existants", _yes(rng, 0.2)),
        ("Responsabilité décennale du constructeur non réalisateur", _yes(rng, 0.3)),
    ]
    ticks = Bullets([("[X] " if on else "[ ] ") + label for label, on in opts])
    blocks: list[Block] = []
    if _yes(rng, 0.5):
        blocks.append(
            P(
                f"{ins} atteste que le souscripteur désigné ci-dessous est titulaire d'un "
                "contrat d'assurance Dommages-Ouvrage pour l'opération suivante."
            )
        )
    blocks += [*boxes, KV([("Opération", w.programme)]), kv, H("Garanties souscrites", 2), ticks]
    blocks.append(
        P(
            _pick(
                rng,
                "La garantie obligatoire couvre, sans recherche de responsabilité, le paiement "
                "des travaux de réparation des dommages relevant de l'article 1792 du Code "
                "civil. Elle prend effet à l'expiration du délai de garantie de parfait "
                "achèvement et s'achève dix ans après la réception.",
                "Durée : la garantie obligatoire produit ses effets pendant dix ans à compter "
                "de la réception des travaux. Avant la réception, elle n'intervient qu'en cas "
                "de résiliation du marché de l'entrepreneur pour inexécution, après mise en "
                "demeure restée infructueuse.",
                "Objet : préfinancement des réparations des désordres de nature décennale "
                "affectant l'ouvrage, pour le compte du propriétaire, avant toute recherche "
                "de responsabilité des constructeurs.",
            )
        )
    )
    if _yes(rng, 0.5):
        blocks.append(
            P(
                _pick(
                    rng,
                    "Cotisation provisionnelle réglée. Le montant définitif sera calculé sur "
                    "le coût réel de construction déclaré en fin de chantier.",
                    "La cotisation est exigible à la souscription ; son ajustement intervient "
                    "à la réception sur déclaration du coût définitif.",
                ),
                style="small",
            )
        )
    blocks.append(
        P(
            _pick(
                rng,
                "La présente attestation ne constitue pas une présomption de garantie ; elle "
                "n'engage l'assureur que dans les termes du contrat.",
                "Attestation délivrée à la demande de l'assuré, pour faire valoir ce que de "
                "droit, dans la limite des clauses et conditions du contrat.",
                "Document établi pour être remis au notaire et aux acquéreurs. Il ne peut "
                "engager l'assureur au-delà du contrat souscrit.",
            ),
            style="small",
        )
    )
    blocks += [
        P(_town_date(rng, rng.choice(fk.TOWNS)[0], _plus(start, rng.randint(0, 120)))),
        Sign(
            [
                [
                    f"Pour {ins}",
                    _pick(rng, "Le gestionnaire", "Par délégation", ""),
                    fk.person(rng, w.today).name,
                ]
            ]
        ),
    ]
    return Doc(
        _pick(
            rng,
            "Attestation d'assurance Dommages-Ouvrage",
            "ATTESTATION DO",
            "Certificat d'assurance - dommages à l'ouvrage",
            "attestation dommages ouvrage",
            "",
        ),
        blocks,
        head_left=_insurer_head(rng, ins),
        head_right=[f"Réf. : {pol}", f"Dossier {ids.ref(rng, 'AA-99999')}"]
        if _yes(rng, 0.5)
        else [],
    )


@template("ASSURANCE_DO", "pc_do_police_chapitres", scan=0.05)
def do_police(w: World, rng: random.Random) -> Doc:
    ins = rng.choice(fk.INSURERS)
    broker = rng.choice(fk.BROKERS)
    pol = ids.ref(rng, "DO-99999-9999")
    base = round(_ttc(w) * rng.uniform(0.97, 1.05), -2)
    rate = rng.choice([0.9, 1.1, 1.25, 1.4, 1.6, 1.85, 2.1])
    prime_ht = round(base * rate / 100, 2)
    tax = round(prime_ht * 0.09, 2)
    blocks: list[Block] = []
    if _yes(rng, 0.35):
        blocks += [
            P(f"À l'attention de {w.sccv.manager.formal}", style="bold"),
            P(
                "Madame, Monsieur, nous avons le plaisir de vous adresser les conditions "
                f"particulières de votre contrat dommages-ouvrage n° {pol}, établies sur la "
                "base du questionnaire et des pièces transmises par votre courtier. Nous vous "
                "remercions de nous en retourner un exemplaire daté et signé."
            ),
            P(_salut(rng)),
            Break(),
        ]
    chapters: list[list[Block]] = []
    chapters.append(
        [
            H("Les parties au contrat"),
            KV(
                [
                    ("Assureur", ins),
                    ("Souscripteur", f"{w.sccv.name}, {w.sccv.address.one_line()}"),
                    ("Représenté par", f"{w.developer.full}, gérante"),
                    ("Assurés", "Le souscripteur et les propriétaires successifs"),
                    ("Intermédiaire", broker),
                ]
            ),
        ]
    )
    chapters.append(
        [
            H("L'opération de construction"),
            KV(
                [
                    ("Désignation", f"Résidence « {w.programme} »"),
                    ("Adresse", w.site.one_line()),
                    ("Cadastre", w.cadastre),
                    ("Permis de construire", _pc_ref(w)),
                    (
                        "Destination",
                        _pick(
                            rng,
                            "Habitation collective",
                            "Logements collectifs et stationnements en sous-sol",
                        ),
                    ),
                    ("Nombre de logements", str(w.lots)),
                    ("Surface de plancher", f"{fk.num(w.sdp_m2)} m²"),
                    ("Ouverture du chantier", fk.fr_date(w.start_date)),
                    ("Réception prévisionnelle", fk.fr_date(w.delivery_date)),
                    ("Coût total de construction déclaré", fk.money(base) + " TTC"),
                ]
            ),
        ]
    )
    people: Rows = [
        [
            w.architect_firm.name,
            _pick(rng, "Maîtrise d'œuvre de conception", "Architecte - mission complète"),
            "MAF",
            ids.ref(rng, "999999/A"),
        ]
    ]
    for c in w.contractors:
        people.append([c.name, c.trade, _building_insurer(rng), ids.ref(rng, "9999999")])
    if _yes(rng, 0.7):
        people.append(
            [
                _pick(rng, "Bureau Veritas Construction", "Socotec", "Apave", "Qualiconsult"),
                "Contrôle technique (missions L + S)",
                rng.choice(fk.INSURERS),
                ids.ref(rng, "99999999"),
            ]
        )
    chapters.append(
        [
            H("Les intervenants déclarés"),
            P(
                "Le souscripteur déclare que les constructeurs suivants sont titulaires d'une "
                "assurance de responsabilité décennale en cours de validité à la date "
                "d'ouverture du chantier :",
                style="small",
            ),
            Table(["Intervenant", "Mission / lot", "Assureur RC décennale", "Police"], people),
        ]
    )
    gar: Rows = [
        ["Garantie obligatoire (art. L242-1 C. ass.)", "Coût total de construction", "Néant"],
    ]
    if _yes(rng, 0.8):
        gar.append(
            [
                "Bon fonctionnement des équipements",
                fk.money(round(base * 0.1, -2)),
                fk.money(rng.choice([1500, 2000, 3000])),
            ]
        )
    if _yes(rng, 0.6):
        gar.append(
            [
                "Dommages immatériels consécutifs",
                fk.money(rng.choice([150000, 300000, 500000])),
                fk.money(rng.choice([1500, 3000, 5000])),
            ]
        )
    if _yes(rng, 0.3):
        gar.append(
            ["Dommages aux existants", fk.money(rng.choice([200000, 500000])), "10 % du sinistre"]
        )
    chapters.append(
        [
            H("Montants de garantie et franchises"),
            Table(["Garantie", "Plafond", "Franchise"], gar),
            P(
                "Le montant de la garantie obligatoire est revalorisé selon l'évolution de "
                "l'indice BT 01 entre la date de souscription et celle de la réparation.",
                style="small",
            ),
        ]
    )
    chapters.append(
        [
            H("Cotisation"),
            Table(
                ["Assiette (coût TTC)", "Taux", "Prime HT", "Taxe 9 %", "Prime TTC"],
                [[base, rate, prime_ht, tax, prime_ht + tax]],
                fmt="mpmmm",
            ),
            P(
                _pick(
                    rng,
                    "Cotisation provisionnelle, ajustable en fin de chantier sur présentation "
                    "du coût définitif de l'opération.",
                    "La cotisation définitive sera régularisée au vu du décompte général "
                    "définitif des marchés.",
                )
            ),
        ]
    )
    claims = [
        "déclaration du sinistre par lettre recommandée ou envoi électronique recommandé ;",
        "décision de l'assureur sur le principe de la garantie dans un délai de soixante jours ;",
        "offre d'indemnité dans un délai de quatre-vingt-dix jours à compter de la déclaration ;",
        "versement de l'indemnité sous quinze jours après acceptation de l'offre par l'assuré.",
    ]
    chapters.append(
        [
            H("Gestion des sinistres"),
            P(
                "Conformément aux clauses types de l'annexe II à l'article A243-1 du Code des "
                "assurances :"
            ),
            Bullets(claims, ordered=True),
        ]
    )
    if _yes(rng, 0.6):
        chapters.append(
            [
                H("Documents à transmettre"),
                Bullets(
                    rng.sample(
                        [
                            "la déclaration réglementaire d'ouverture de chantier",
                            "le procès-verbal de réception et la liste des réserves",
                            "le rapport final du contrôleur technique",
                            "les attestations décennales des entreprises titulaires",
                            "le coût définitif de la construction",
                            "l'étude de sol de type G2",
                        ],
                        k=rng.randint(3, 5),
                    )
                ),
            ]
        )
    head = chapters[:2]
    rest = chapters[2:]
    if _yes(rng, 0.4):
        rng.shuffle(rest)
    numbering = _pick(rng, "Chapitre {i} - ", "{i}. ", "Article {i} - ", "")
    for i, ch in enumerate(head + rest, 1):
        h = ch[0]
        if isinstance(h, H):
            h.text = numbering.format(i=i) + h.text
        blocks += ch
    blocks += [
        P(place_date(w, rng)),
        Sign([["Le souscripteur", w.sccv.manager.name], [f"Pour {ins}", ""]]),
    ]
    return Doc(
        _pick(
            rng,
            "Assurance Dommages-Ouvrage - Conditions particulières",
            "CONTRAT D'ASSURANCE DOMMAGES OUVRAGE",
            "Police dommages-ouvrage",
            "Conditions particulières DO",
        ),
        blocks,
        title_sub=f"Contrat n° {pol}" if _yes(rng, 0.6) else "",
        head_left=_insurer_head(rng, ins),
        footer=f"{ins} - DO {pol} - {w.programme}",
    )


# --------------------------------------------------------------------------------------------
# ASSURANCE_PROMOTEUR


@template("ASSURANCE_PROMOTEUR", "pc_promoteur_courriel_courtier", scan=0.05)
def promoteur_mail(w: World, rng: random.Random) -> Doc:
    broker = rng.choice(fk.BROKERS)
    agent = fk.person(rng, w.today)
    bdom = _slug(broker.split()[0].split("-")[0]) + ".fr"
    frm = f"{agent.name} <{_slug(agent.first)}.{_slug(agent.last)}@{bdom}>"
    client = rng.choice([w.developer.manager, fk.person(rng, w.today)])
    to = f"{client.name} <{_mail(client, w.developer, rng)}>"
    cc = ""
    if _yes(rng, 0.5):
        banker = fk.person(rng, w.today)
        cc = f"{banker.name} ({w.bank.name})"
    kinds = rng.sample(
        [
            ("TRC", "Tous risques chantier", "du DROC à la réception + 12 mois de maintenance"),
            ("CNR", "Constructeur non réalisateur", "10 ans à compter de la réception"),
            ("RCMO", "RC maître d'ouvrage / RC promoteur", "durée du chantier"),
        ],
        k=rng.randint(2, 3),
    )
    subject = _pick(
        rng,
        f"RE: {w.sccv.name} - attestations {' / '.join(k[0] for k in kinds)}",
        f"TR: Assurances promoteur - {w.programme}",
        f"Attestations d'assurance - opération {w.programme} ({w.site.town})",
    )
    attach = [f"Attestation_{k[0]}_{_slug(w.programme).replace('.', '')}.pdf" for k in kinds]
    rows: Rows = []
    for code, label, period in kinds:
        cap: str | float
        if code == "CNR":
            cap = "Coût de construction"
        elif code == "TRC":
            cap = round(_ttc(w), -3)
        else:
            cap = float(rng.choice([3, 5, 6, 8, 10]) * 1_000_000)
        rows.append(
            [
                f"{label} ({code})",
                rng.choice(fk.INSURERS),
                ids.ref(rng, "9999999"),
                period,
                fk.money(cap) if isinstance(cap, float) else cap,
            ]
        )
    body: list[Block] = [
        _mail_head(rng, frm, to, subject, w.today, cc, attach),
        Space(6),
        P(f"Bonjour {client.first}," if _yes(rng) else f"{client.civ},"),
        P(
            _pick(
                rng,
                f"Comme convenu, je vous prie de trouver en pièces jointes les attestations "
                f"des polices souscrites pour le compte de la {w.sccv.name}, pour le "
                f"programme {w.programme} ({w.lots} logements, permis n° {w.permit_no}).",
                f"Suite à votre demande de ce matin, voici les attestations d'assurance de "
                f"l'opération {w.programme}, à transmettre à {w.bank.name} pour la levée des "
                "conditions suspensives du crédit.",
            )
        ),
        P("Récapitulatif :"),
        Table(["Police", "Compagnie", "N°", "Durée", "Plafond"], rows),
    ]
    notes = [
        "La TRC garantit les dommages matériels à l'ouvrage en cours de travaux "
        "(effondrement, incendie, intempéries, vol, vandalisme) au profit de tous les "
        "intervenants, franchise de "
        f"{fk.money(rng.choice([3000, 5000, 7500, 10000]))} par sinistre.",
        "La CNR couvre la responsabilité décennale de la SCCV en sa qualité de vendeur "
        "d'immeuble à construire qui n'a pas réalisé elle-même les travaux (article L241-2 "
        "du Code des assurances).",
        "La RC promoteur garantit les conséquences pécuniaires des dommages causés aux tiers "
        "du fait du chantier, y compris les troubles anormaux de voisinage.",
    ]
    body.append(
        Bullets(
            [
                n
                for n, k in zip(notes, ["TRC", "CNR", "RCMO"], strict=True)
                if any(k == x[0] for x in kinds)
            ]
        )
    )
    if _yes(rng, 0.5):
        body.append(
            P(
                "Pour mémoire, la dommages-ouvrage fait l'objet d'une police distincte "
                "au nom de la SCCV ; l'attestation vous sera adressée dès émission du contrat."
            )
        )
    if _yes(rng, 0.5):
        body.append(
            P(
                "Je reste dans l'attente du coût définitif des marchés pour ajuster les "
                "cotisations provisionnelles."
            )
        )
    role = _pick(
        rng,
        "Chargé(e) de clientèle Construction",
        "Souscripteur Risques Immobiliers",
        "Account manager construction",
    )
    body += [
        P(_pick(rng, "Bien cordialement,", "Cordialement,", "Belle journée,")),
        P(
            f"{agent.name}\n{role}\n"
            f"{broker} - N° ORIAS {rng.randint(7000000, 23009999)}\n{fk.phone(rng)}",
            align="left",
        ),
        _disclaimer(rng),
    ]
    return Doc("", body, head_left=[client.name] if _yes(rng, 0.5) else [])


@template("ASSURANCE_PROMOTEUR", "pc_promoteur_attestation_sections", scan=0.15)
def promoteur_sections(w: World, rng: random.Random) -> Doc:
    ins = rng.choice(fk.INSURERS)
    pol = ids.ref(rng, _pick(rng, "TRC 99 999 999", "PRC999999", "99.999.999/TRC"))
    cost = round(_ttc(w), -2)
    fr = rng.choice([2500, 3000, 5000, 8000])
    blocks: list[Block] = [
        P(
            f"{ins}, dont le siège est {fk.address(rng).one_line()}, atteste que "
            f"{_societe(w.sccv, rng, rep=False)}, a souscrit auprès d'elle le contrat "
            f"n° {pol}, comportant les garanties énumérées ci-après."
        ),
        H("1 - Chantier assuré", 2),
        KV(
            [
                ("Opération", f"{w.programme} - {w.lots} logements"),
                ("Lieu", w.site.one_line()),
                ("Permis", w.permit_no),
                ("Montant déclaré des travaux", fk.money(cost) + " TTC"),
                (
                    "Période",
                    f"du {fk.fr_date(w.start_date)} à la réception des travaux, "
                    f"prévue le {fk.fr_date(w.delivery_date)}",
                ),
            ]
        ),
    ]
    s1: Rows = [
        ["Tous dommages matériels à l'ouvrage", cost, float(fr)],
        ["Effondrement", cost, float(fr)],
        ["Catastrophes naturelles", cost, "Franchise légale"],
        ["Vol et vandalisme sur chantier clos", round(cost * 0.05, -3), float(fr * 2)],
        ["Frais de déblais et de démolition", round(cost * 0.1, -3), float(fr)],
    ]
    if _yes(rng):
        s1.append(["Honoraires d'experts", float(rng.choice([50000, 100000])), 0.0])
    blocks += [
        H(
            _pick(
                rng,
                "2 - Section I : Tous risques chantier",
                "2 - Dommages à l'ouvrage en cours de construction (TRC)",
            ),
            2,
        ),
        Table(["Nature", "Limite", "Franchise"], s1, fmt="tmm"),
    ]
    s2: Rows = [
        ["Tous dommages confondus", float(rng.choice([5, 6, 8, 10]) * 1_000_000)],
        [
            "dont dommages matériels et immatériels consécutifs",
            float(rng.choice([1, 2, 3]) * 1_000_000),
        ],
        ["Troubles anormaux de voisinage", float(rng.choice([300000, 500000, 1000000]))],
        ["Atteintes accidentelles à l'environnement", float(rng.choice([300000, 750000]))],
    ]
    blocks += [
        H(
            _pick(
                rng,
                "3 - Section II : Responsabilité civile du maître d'ouvrage",
                "3 - RC promoteur",
            ),
            2,
        ),
        Table(["Garantie", "Montant par sinistre"], s2, fmt="tm"),
    ]
    if _yes(rng, 0.6):
        blocks += [
            H("4 - Section III : Constructeur non réalisateur", 2),
            P(
                "Garantie de la responsabilité décennale encourue par l'assuré en qualité de "
                "vendeur d'immeuble à construire (articles 1646-1 et 1792-1 du Code civil, "
                "L241-2 du Code des assurances), à hauteur du coût de la construction, pour "
                "les ouvrages dont la réception interviendra pendant la durée du contrat."
            ),
        ]
    blocks += [
        P(
            _pick(
                rng,
                "Sont assurés au titre de la section I, outre le souscripteur, les entreprises "
                "et maîtres d'œuvre intervenant sur le chantier.",
                "La section I bénéficie à tous les intervenants à l'acte de construire ; "
                "la section II au seul maître d'ouvrage.",
            ),
            style="small",
        ),
        P(
            "La présente attestation, valable sous réserve du paiement des cotisations, ne "
            "peut engager l'assureur au-delà des conditions générales et particulières du "
            "contrat.",
            style="small",
        ),
        P(place_date(w, rng, town=rng.choice(fk.TOWNS)[0])),
        Sign([[f"{ins}", _pick(rng, "Le responsable souscription", "Le mandataire")]]),
    ]
    return Doc(
        _pick(
            rng,
            "Attestation d'assurance Tous Risques Chantier et Responsabilité Civile",
            "ATTESTATION - MULTIRISQUE CHANTIER / RC MAÎTRE D'OUVRAGE",
            "Attestation TRC - RC promoteur",
            "Attestation d'assurance promoteur",
        ),
        blocks,
        head_left=_insurer_head(rng, ins),
        head_right=[f"Contrat n° {pol}", f"Assuré : {w.sccv.name}"] if _yes(rng) else [],
    )


# --------------------------------------------------------------------------------------------
# ATTEST_ASSURANCE_ENTREPRISE

_ACTIVITIES = {
    "gros œuvre": [
        "Maçonnerie et béton armé",
        "Fondations spéciales superficielles",
        "Démolition",
        "Carrelage - revêtements durs",
    ],
    "terrassement": [
        "Terrassement - fouilles",
        "VRD - canalisations - assainissement",
        "Démolition",
    ],
    "charpente": ["Charpente et structure en bois", "Ossature métallique", "Couverture"],
    "couverture étanchéité": [
        "Étanchéité de toiture, terrasse et plancher intérieur",
        "Couverture",
        "Bardages de façade",
    ],
    "menuiseries extérieures": [
        "Menuiseries extérieures",
        "Fermetures - volets",
        "Vitrerie - miroiterie",
    ],
    "plomberie chauffage ventilation": [
        "Plomberie - installations sanitaires",
        "Installations thermiques de génie climatique",
        "Installations d'aéraulique et de conditionnement d'air",
    ],
    "électricité courants forts et faibles": [
        "Électricité",
        "Installations de courants faibles",
        "Photovoltaïque (hors intégration)",
    ],
    "plâtrerie cloisons doublages": [
        "Plâtrerie - staff - stuc",
        "Isolation thermique intérieure",
        "Menuiseries intérieures",
    ],
    "peinture revêtements": [
        "Peinture",
        "Revêtements de surfaces en matériaux souples",
        "Ravalement en peinture",
    ],
    "ascenseurs": ["Ascenseurs et monte-charges"],
    "VRD espaces verts": [
        "VRD - canalisations - assainissement",
        "Aménagements paysagers",
        "Voiries et réseaux divers",
    ],
    "façades ravalement": [
        "Ravalement - nettoyage de façade",
        "Isolation thermique par l'extérieur",
        "Enduits",
    ],
}


@template("ATTEST_ASSURANCE_ENTREPRISE", "pc_entreprise_attestation_rubriques", scan=0.3)
def entreprise_rubriques(w: World, rng: random.Random) -> Doc:
    c = rng.choice(w.contractors)
    ins = rng.choice(fk.INSURERS)
    year = w.today.year
    pol = ids.ref(rng, _pick(rng, "9999999 A", "RC-DEC 99 9999", "999.999.999"))
    acts = _ACTIVITIES.get(c.trade, ["Maçonnerie et béton armé", "Plâtrerie - staff - stuc"])
    acts = rng.sample(acts, k=rng.randint(1, len(acts)))
    blocks: list[Block] = [
        H(_pick(rng, "1. Assureur", "ASSUREUR", "Compagnie"), 2),
        P(f"{ins} - {fk.address(rng).one_line()}"),
        H(_pick(rng, "2. Assuré", "ASSURÉ", "Entreprise assurée"), 2),
        KV(
            [
                ("Raison sociale", c.full),
                ("SIREN", ids.group_siren(c.siren)),
                ("Adresse", c.address.one_line()),
                ("N° de contrat", pol),
                ("Effectif déclaré", str(rng.randint(3, 180)) + " salariés"),
            ]
        ),
        H(_pick(rng, "3. Période de validité", "VALIDITÉ"), 2),
        P(
            f"Du 1er janvier {year} au 31 décembre {year}. "
            + _pick(
                rng,
                "La garantie décennale s'applique aux chantiers ouverts pendant cette période.",
                "Sont couverts les travaux dont la date d'ouverture de chantier est comprise "
                "dans cette période, pour toute la durée de la responsabilité décennale.",
            )
        ),
        H(_pick(rng, "4. Activités garanties", "ACTIVITÉS DÉCLARÉES"), 2),
        Bullets(acts),
        P(
            "Seules les activités listées ci-dessus sont couvertes. Toute autre activité "
            "exercée par l'assuré n'est pas garantie.",
            style="small",
        ),
        H(_pick(rng, "5. Garanties et montants", "NATURE ET MONTANT DES GARANTIES"), 2),
        Table(
            ["Garantie", "Montant", "Franchise"],
            [
                [
                    "Responsabilité civile décennale - ouvrages d'habitation (art. L241-1 C. ass.)",
                    "Coût des travaux de construction",
                    fk.money(rng.choice([1500, 3000, 5000])),
                ],
                [
                    "Responsabilité décennale - ouvrages hors habitation",
                    fk.money(rng.choice([3, 5, 6]) * 1_000_000),
                    fk.money(5000),
                ],
                [
                    "Bon fonctionnement (art. 1792-3 C. civ.)",
                    fk.money(rng.choice([300000, 500000])),
                    fk.money(1500),
                ],
                [
                    "RC exploitation - tous dommages",
                    fk.money(rng.choice([3, 5, 8]) * 1_000_000),
                    fk.money(1000),
                ],
                [
                    "Dommages immatériels non consécutifs",
                    fk.money(rng.choice([150000, 300000])),
                    fk.money(1500),
                ],
            ],
        ),
    ]
    if _yes(rng, 0.45):
        blocks += [
            H(_pick(rng, "6. Chantier désigné", "CHANTIER"), 2),
            KV(
                [
                    ("Maître d'ouvrage", w.sccv.name),
                    ("Adresse du chantier", w.site.one_line()),
                    ("Lot", c.trade),
                    (
                        "Montant du marché HT",
                        fk.money(round(w.works_ht * rng.uniform(0.04, 0.3), -2)),
                    ),
                    ("Date d'ouverture", fk.fr_date(w.start_date)),
                ]
            ),
        ]
    blocks += [
        P(
            "Cette attestation ne peut engager l'assureur en dehors des limites précisées par "
            "les clauses et conditions du contrat auquel elle se réfère. Elle est établie "
            "conformément aux articles L243-2 et A243-1 du Code des assurances.",
            style="small",
        ),
        P(_town_date(rng, rng.choice(fk.TOWNS)[0], dt.date(year, 1, rng.randint(2, 28)))),
        Sign([[_pick(rng, "L'assureur", "Pour la compagnie", f"{ins}"), "(signature)"]]),
    ]
    return Doc(
        _pick(
            rng,
            "ATTESTATION D'ASSURANCE",
            "Attestation d'assurance",
            "Attestation responsabilité décennale",
        ),
        blocks,
        title_sub=_pick(
            rng,
            f"Responsabilité civile et décennale - année {year}",
            "Travaux de bâtiment - responsabilité décennale obligatoire",
            "",
        ),
        head_left=_insurer_head(rng, ins) if _yes(rng) else [ins],
        head_right=[f"Assuré : {c.name}", f"Contrat {pol}"] if _yes(rng, 0.4) else [],
    )


@template("ATTEST_ASSURANCE_ENTREPRISE", "pc_entreprise_moe_certificat", scan=0.2)
def entreprise_moe(w: World, rng: random.Random) -> Doc:
    year = w.today.year
    if _yes(rng, 0.6):
        firm = w.architect_firm
        who = w.architect
        ins = _pick(rng, "MAF - Mutuelle des Architectes Français", "Euromaf", "AXA France IARD")
        qual = (
            f"architecte inscrit(e) au tableau de l'Ordre des architectes sous le n° "
            f"{_order_no(rng)}"
        )
        missions = rng.sample(
            [
                "conception (ESQ, APS, APD, PRO)",
                "dossier de permis de construire",
                "assistance aux contrats de travaux (ACT)",
                "direction de l'exécution (DET)",
                "assistance aux opérations de réception (AOR)",
                "VISA des études d'exécution",
                "OPC",
            ],
            k=rng.randint(3, 5),
        )
    else:
        who = fk.person(rng, w.today)
        kind = _pick(rng, "Structure", "Fluides", "Thermique", "VRD", "Acoustique")
        firm = fk.company(rng, w.today, f"BET {who.last} {kind}", rng.choice(["SARL", "SAS"]))
        firm.manager = who
        ins = rng.choice(fk.INSURERS)
        qual = f"bureau d'études techniques - {kind}"
        missions = rng.sample(
            [
                "études de conception",
                "études d'exécution",
                "notes de calcul",
                "suivi de chantier",
                "diagnostic",
                "mission de synthèse",
            ],
            k=rng.randint(2, 4),
        )
    pol = ids.ref(rng, _pick(rng, "99999/9", "A99999999", "9999999-99"))
    blocks: list[Block] = [
        P(
            _pick(
                rng,
                f"Nous soussignés, {ins}, certifions que",
                f"{ins} atteste par la présente que",
                "L'assureur soussigné certifie que",
            )
        ),
        P(
            f"{firm.full}, {firm.address.one_line()}, représentée par {who.formal}, {qual},",
            style="bold",
        ),
        P(
            f"est titulaire pour l'année {year} du contrat n° {pol} garantissant sa "
            "responsabilité civile professionnelle ainsi que la responsabilité décennale "
            "découlant des articles 1792 et suivants du Code civil, dont l'assurance est "
            "rendue obligatoire par l'article L241-1 du Code des assurances."
        ),
        KV(
            [
                ("Missions déclarées", ", ".join(missions)),
                ("Période", f"du 01/01/{year} au 31/12/{year}"),
                (
                    "RC professionnelle",
                    fk.money(rng.choice([1_500_000, 3_000_000, 4_500_000])) + " par sinistre",
                ),
                ("Décennale habitation", "à hauteur du coût des travaux"),
                (
                    "Situation de cotisation",
                    _pick(rng, "à jour", "réglée", f"à jour au {fk.fr_date(w.today)}"),
                ),
            ],
            boxed=_yes(rng, 0.4),
        ),
    ]
    if _yes(rng, 0.5):
        blocks.append(
            P(
                f"Opération déclarée : « {w.programme} », {w.site.one_line()}, maître "
                f"d'ouvrage {w.sccv.name}, montant des travaux "
                f"{fk.money(round(w.works_ht, -3))} HT."
            )
        )
    blocks += [
        P(
            _pick(
                rng,
                "Attestation valable sous réserve des conditions du contrat ; elle ne saurait "
                "constituer une présomption de garantie.",
                "Le présent certificat est délivré pour servir et valoir ce que de droit.",
            ),
            style="small",
        ),
        P(
            _town_date(
                rng,
                "Paris" if "MAF" in ins else rng.choice(fk.TOWNS)[0],
                dt.date(year, rng.randint(1, 3), rng.randint(1, 28)),
            )
        ),
        Sign(
            [["Pour l'assureur", _pick(rng, "Le service Adhérents", "Le directeur technique", "")]]
        ),
    ]
    return Doc(
        _pick(
            rng,
            f"Attestation d'assurance {year}",
            "ATTESTATION RESPONSABILITÉ PROFESSIONNELLE ET DÉCENNALE",
            "Certificat d'assurance",
            "",
        ),
        blocks,
        head_left=[ins, *fk.address(rng).lines()],
        head_right=recipient(w.sccv) if _yes(rng, 0.3) else [],
    )


# --------------------------------------------------------------------------------------------
# GRILLE_PRIX


def _expo(rng: random.Random) -> str:
    return rng.choice(["N", "S", "E", "O", "SO", "SE", "NE", "NO", "S/O", "E/O"])


@template("GRILLE_PRIX", "pc_grille_par_batiment", formats=("xlsx", "pdf", "docx"), scan=0.03)
def grille_batiments(w: World, rng: random.Random) -> Doc:
    n_bat = rng.randint(1, 3)
    reduced = _yes(rng, 0.25)
    per_m2 = _yes(rng, 0.5)
    expo = _yes(rng, 0.6)
    blocks: list[Block] = []
    title = _pick(
        rng,
        f"Grille de prix - {w.programme}",
        f"TARIFS AU {fk.fr_date(w.today)}",
        "Grille de commercialisation",
        "liste des lots et prix de vente",
        "",
    )
    if not title or _yes(rng, 0.3):
        blocks.append(
            P(
                f"{w.programme} - {w.site.postcode} {w.site.town} - "
                f"{_pick(rng, 'prix TTC', 'prix en euros TTC', 'prix TVA 20 % incluse')} - "
                f"{_pick(rng, 'mise à jour', 'grille valable à compter')} du "
                f"{fk.fr_date(w.today)}",
                style="bold",
            )
        )
    header = ["Lot", "Niveau", "Type"]
    fmt = "ttt"
    if expo:
        header.append("Expo.")
        fmt += "t"
    header += ["SHAB m²", "Ext. m²", "Stationnement", "Prix TTC"]
    fmt += "ddtm"
    if reduced:
        header.append("Prix TVA 5,5 %")
        fmt += "m"
    if per_m2:
        header.append("€/m²")
        fmt += "n"
    grand = 0.0
    count = 0
    for b in range(n_bat):
        letter = "ABC"[b]
        lots = lot_rows(w, rng, rng.randint(5, 18 if n_bat > 1 else 30))
        lots.sort(key=lambda x: (x["floor"] != "RDC", x["floor"]))
        rows: Rows = []
        sub = 0.0
        for i, x in enumerate(lots):
            num = f"{letter}{x['floor'].replace('RDC', '0').replace('R+', '')}{i + 1:02d}"
            ext = x["ext"]
            ext_label = "" if ext == 0 else ("jardin " if x["floor"] == "RDC" else "")
            r: list[str | int | float] = [num, x["floor"], x["type"]]
            if expo:
                r.append(_expo(rng))
            ext_cell: str | float = "-" if ext == 0 else ext
            if ext_label:
                ext_cell = f"{ext_label}{fk.num(ext, dec=1)}"
            r += [x["surface"], ext_cell]
            r += [str(x["parking"]).replace("PK", "place(s)"), float(x["price"])]
            if reduced:
                r.append(float(round(x["price"] / 1.2 * 1.055, -2)))
            if per_m2:
                r.append(float(round(x["price"] / x["surface"])))
            rows.append(r)
            sub += x["price"]
        count += len(lots)
        grand += sub
        rows.append(_fit_total(f"{len(lots)} lots", header, sub))
        label = _pick(rng, f"Bâtiment {letter}", f"BÂT. {letter}", f"Cage {letter}")
        blocks.append(Table(header, rows, fmt=fmt, total=1, title=label if n_bat > 1 else ""))
    notes = [
        "Prix fermes et non révisables, valables jusqu'au "
        f"{fk.fr_date(_plus(w.today, rng.choice([30, 60, 90])))} dans la limite des lots "
        "disponibles.",
        "Frais de notaire réduits (environ 2 à 3 % du prix) - logement neuf.",
        f"Place de stationnement supplémentaire : {fk.money(rng.choice([9000, 12000, 15000]))} "
        "TTC.",
        "SHAB : surface habitable au sens de l'article R156-1 du CCH, plans non contractuels.",
        "Livraison prévisionnelle : "
        f"{rng.choice(['1er', '2e', '3e', '4e'])} trimestre {w.delivery_date.year}.",
    ]
    if reduced:
        notes.append(
            "TVA à 5,5 % sous conditions de ressources et de résidence principale (quartier "
            "prioritaire de la politique de la ville ou périmètre de 300 m)."
        )
    blocks.append(Bullets(rng.sample(notes, k=rng.randint(2, len(notes)))))
    if _yes(rng, 0.5):
        blocks.append(
            P(f"Total : {count} lots - chiffre d'affaires TTC {fk.money(grand)}", style="bold")
        )
    return Doc(
        title,
        blocks,
        head_left=[
            w.developer.name,
            _pick(rng, "Service commercial", "Direction des ventes", w.programme),
        ],
        landscape=len(header) > 8,
        footer=_pick(rng, "Document non contractuel", f"{w.developer.name} - {w.programme}", ""),
    )


def _fit_total(label: str, header: list[str], amount: float) -> list[str | int | float]:
    """Subtotal row aligned on the 'Prix TTC' column, whatever optional columns exist."""
    row: list[str | int | float] = [""] * len(header)
    row[0] = "Sous-total"
    row[2] = label
    row[header.index("Prix TTC")] = amount
    return row


@template("GRILLE_PRIX", "pc_grille_revision", formats=("pdf", "docx", "xlsx"), scan=0.05)
def grille_revision(w: World, rng: random.Random) -> Doc:
    version = rng.randint(2, 7)
    lots = lot_rows(w, rng, rng.randint(6, 24))
    move = rng.choice([-3.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0])
    rows: Rows = []
    old_t = new_t = 0.0
    for x in lots:
        new = float(x["price"])
        old = float(round(new / (1 + rng.uniform(move - 1.5, move + 1.5) / 100), -2))
        rows.append([x["lot"], x["type"], x["surface"], old, new, (new - old) / old * 100])
        old_t += old
        new_t += new
    rows.append(["Total", f"{len(lots)} lots", "", old_t, new_t, (new_t - old_t) / old_t * 100])
    eff = _plus(w.today, rng.randint(1, 10))
    who = rng.choice([w.developer.manager, fk.person(rng, w.today)])
    role = _pick(rng, "directeur commercial", "directrice des ventes", "responsable des ventes")
    blocks: list[Block] = [
        KV(
            [
                (
                    "À",
                    _pick(
                        rng,
                        "Équipe commerciale",
                        "Réseau de prescripteurs et commercialisateurs",
                        "Conseillers de vente - bureau de vente",
                    ),
                ),
                ("De", f"{who.name}, {role}"),
                ("Objet", f"{w.programme} - grille de prix V{version}"),
                ("Date d'application", fk.fr_date(eff)),
            ]
        ),
        P(
            _pick(
                rng,
                f"À compter du {fk.fr_date(eff)}, la grille ci-dessous remplace la version "
                f"V{version - 1}. Les contrats de réservation signés avant cette date restent "
                "conclus aux prix de l'ancienne grille.",
                f"Suite au comité commercial du {fk.fr_date(w.today)}, les prix des lots "
                f"encore disponibles du programme {w.programme} évoluent comme suit. Merci "
                "de ne plus communiquer l'ancienne grille.",
            )
        ),
        Table(
            [
                "Lot",
                "Typologie",
                "SHAB",
                "Prix V" + str(version - 1),
                "Prix V" + str(version),
                "Évolution",
            ],
            rows,
            fmt="ttdmmp",
            total=1,
        ),
    ]
    if _yes(rng, 0.6):
        blocks += [
            H(_pick(rng, "Conditions commerciales", "Offres en cours"), 2),
            Bullets(
                rng.sample(
                    [
                        "frais de notaire offerts pour toute réservation avant le "
                        f"{fk.fr_date(_plus(eff, 45))}",
                        "cuisine équipée offerte sur les T3 et T4",
                        f"remise de {fk.money(rng.choice([3000, 5000, 8000]))} sur le prix "
                        "d'un stationnement",
                        "honoraires de commercialisation inchangés",
                        "dépôt de garantie ramené à 2 %",
                    ],
                    k=2,
                )
            ),
        ]
    blocks.append(
        P(
            "Prix TTC, TVA 20 %. Grille réservée à l'usage interne et aux partenaires agréés.",
            style="small",
        )
    )
    return Doc(
        _pick(
            rng,
            f"Nouvelle grille de prix - version {version}",
            "Note - mise à jour tarifaire",
            "GRILLE TARIFAIRE ACTUALISÉE",
            "",
        ),
        blocks,
        head_left=letterhead(w.developer, rng, ids=False),
    )


# --------------------------------------------------------------------------------------------
# ETAT_COMMERCIALISATION


def _sales_book(
    w: World, rng: random.Random, n: int
) -> list[tuple[Lot, str, str, dt.date | None, dt.date | None, str]]:
    """(lot, status, buyer, reservation date, deed date, financing) for n lots."""
    sold_share = rng.uniform(0.2, 0.9)
    out: list[tuple[Lot, str, str, dt.date | None, dt.date | None, str]] = []
    for x in lot_rows(w, rng, n):
        r = rng.random()
        if r < sold_share:
            res = _plus(w.today, -rng.randint(10, 420))
            acted = _yes(rng, 0.55) and res < _plus(w.today, -60)
            status = "Acté" if acted else "Réservé"
            deed = _plus(res, rng.randint(60, 150)) if acted else None
            buyer = fk.person(rng, w.today)
            name = f"{buyer.last.upper()} {buyer.first}"
            fin = rng.choice(["Prêt", "Prêt", "Prêt + PTZ", "Comptant", "Prêt"])
            out.append((x, status, name, res, deed, fin))
        elif r < sold_share + 0.04:
            out.append((x, "Désisté", "", None, None, ""))
        elif r < sold_share + 0.1:
            out.append((x, "Option", "", None, None, ""))
        else:
            out.append((x, "Libre", "", None, None, ""))
    return out


@template(
    "ETAT_COMMERCIALISATION",
    "pc_etat_point_commercial",
    formats=("pdf", "docx", "xlsx"),
    scan=0.03,
)
def etat_point(w: World, rng: random.Random) -> Doc:
    en = _yes(rng, 0.2)
    lang = "en" if en else "fr"
    n = min(w.lots, rng.randint(14, 70))
    book = _sales_book(w, rng, n)
    total = sum(x[0]["price"] for x in book)
    acted = [b for b in book if b[1] == "Acté"]
    resv = [b for b in book if b[1] == "Réservé"]
    sold_ca = sum(b[0]["price"] for b in acted + resv)
    rate = sold_ca / total * 100 if total else 0.0
    threshold = rng.choice([30, 40, 50])
    by_type: dict[str, list[int]] = {}
    for lot, st, *_ in book:
        t = by_type.setdefault(lot["type"], [0, 0, 0, 0])
        t[0] += 1
        t[1] += st == "Réservé"
        t[2] += st == "Acté"
        t[3] += st in ("Libre", "Option", "Désisté")
    trows: Rows = [
        [k, v[0], v[1], v[2], v[3], (v[1] + v[2]) / v[0] * 100] for k, v in sorted(by_type.items())
    ]
    trows.append(
        [
            "Total",
            n,
            len(resv),
            len(acted),
            n - len(resv) - len(acted),
            (len(resv) + len(acted)) / n * 100,
        ]
    )
    month = fk.MONTHS_EN[w.today.month - 1] if en else fk.MONTHS_FR[w.today.month - 1]
    if en:
        kv = [
            ("Project", f"{w.programme} ({w.site.town})"),
            ("Borrower", w.sccv.name),
            ("Units", str(n)),
            ("Exchanged (notarial deed signed)", str(len(acted))),
            ("Reserved", str(len(resv))),
            ("Gross development value incl. VAT", fk.money(total, "en")),
            ("Pre-sales incl. VAT", fk.money(sold_ca, "en")),
            ("Pre-sales ratio", f"{rate:.1f}%"),
            ("Bank covenant", f"{threshold}%"),
        ]
        head = ["Type", "Units", "Reserved", "Exchanged", "Available", "% sold"]
    else:
        kv = [
            ("Programme", f"{w.programme} - {w.site.town}"),
            ("Société", w.sccv.name),
            ("Nombre de lots", str(n)),
            ("Lots actés", str(len(acted))),
            ("Lots réservés (non actés)", str(len(resv))),
            ("CA total prévisionnel TTC", fk.money(total)),
            ("CA réservé et acté TTC", fk.money(sold_ca)),
            ("Taux de pré-commercialisation", f"{fk.num(rate, dec=1)} %"),
            ("Seuil prévu à la convention de crédit", f"{threshold} %"),
        ]
        head = ["Typologie", "Stock", "Réservés", "Actés", "Disponibles", "% vendu"]
    blocks: list[Block] = [
        KV(kv, boxed=_yes(rng, 0.4)),
        H("By unit type" if en else _pick(rng, "Répartition par typologie", "Par typologie"), 2),
        Table(head, trows, fmt="tnnnnp", total=1),
    ]
    recent = [b for b in book if b[3] and b[3] > _plus(w.today, -rng.choice([31, 62, 92]))]
    if recent:
        mrows: Rows = [
            [
                b[0]["lot"],
                b[0]["type"],
                b[2],
                fk.fr_date(b[3]) if b[3] else "",
                float(b[0]["price"]),
            ]
            for b in recent[:10]
        ]
        blocks += [
            H(
                "New reservations"
                if en
                else _pick(rng, "Mouvements du mois", "Nouvelles réservations"),
                2,
            ),
            Table(
                ["Unit", "Type", "Buyer", "Date", "Price"]
                if en
                else ["Lot", "Type", "Réservataire", "Date", "Prix TTC"],
                mrows,
                fmt="ttttm",
            ),
        ]
    if _yes(rng, 0.4):
        status_en = {
            "Acté": "Exchanged",
            "Réservé": "Reserved",
            "Désisté": "Cancelled",
            "Libre": "Available",
            "Option": "Option",
        }
        drows: Rows = [
            [
                b[0]["lot"],
                b[0]["type"],
                b[0]["surface"],
                float(b[0]["price"]),
                status_en[b[1]] if en else b[1],
                b[2],
            ]
            for b in book
        ]
        blocks += [
            H(
                "Unit schedule" if en else _pick(rng, "Détail par lot", "Annexe : liste des lots"),
                2,
            ),
            Table(
                ["Unit", "Type", "Sq m", "Price", "Status", "Buyer"]
                if en
                else ["Lot", "Type", "SHAB", "Prix TTC", "Statut", "Acquéreur"],
                drows,
                fmt="ttdmtt",
            ),
        ]
    des = sum(1 for b in book if b[1] == "Désisté")
    if en:
        comment = (
            f"Sales pace: {fk.num(len(resv + acted) / rng.randint(6, 14), 'en', 1)} units per "
            f"month since launch. {des} cancellation(s) this period. Investors account for "
            f"{rng.randint(10, 60)}% of buyers."
        )
    else:
        comment = _pick(
            rng,
            f"Rythme moyen de {fk.num(len(resv + acted) / rng.randint(6, 14), dec=1)} ventes "
            f"par mois depuis le lancement. "
            + (
                f"{des} désistement(s) sur la période, notamment pour refus de prêt "
                "(condition suspensive). "
                if des
                else "Aucun désistement sur la période. "
            )
            + f"Part investisseurs : {rng.randint(10, 60)} %.",
            f"Le seuil de pré-commercialisation de {threshold} % "
            + ("est atteint" if rate >= threshold else "n'est pas encore atteint")
            + f" ({fk.num(rate, dec=1)} % du CA TTC). Relance de la communication prévue en "
            f"{fk.MONTHS_FR[_plus(w.today, 40).month - 1]}.",
        )
    blocks += [H("Comments" if en else "Commentaires", 2), P(comment)]
    return Doc(
        f"Sales status report - {month} {w.today.year}"
        if en
        else _pick(
            rng,
            f"Point commercial au {fk.fr_date(w.today)}",
            f"Reporting commercialisation - {month} {w.today.year}",
            "ÉTAT DES VENTES ET RÉSERVATIONS",
            "état de commercialisation",
        ),
        blocks,
        lang=lang,
        head_left=[w.developer.name, w.programme],
        head_right=[w.bank.name, "Direction des financements immobiliers"] if _yes(rng) else [],
    )


@template("ETAT_COMMERCIALISATION", "pc_etat_tableau_suivi", formats=("xlsx", "pdf"), scan=0.02)
def etat_tableau(w: World, rng: random.Random) -> Doc:
    n = min(w.lots, rng.randint(10, 60))
    book = _sales_book(w, rng, n)
    short = {"Acté": "A", "Réservé": "R", "Désisté": "D", "Libre": "L", "Option": "O"}
    codes = _yes(rng, 0.5)
    with_dep = _yes(rng, 0.5)
    header = ["Lot", "Typo", "Étage", "SHAB", "Prix TTC", "Acquéreur", "Date réservation"]
    fmt = "tttdmtt"
    if with_dep:
        header.append("Dépôt de garantie")
        fmt += "m"
    header += ["Financement", "Acte", "Statut"]
    fmt += "ttt"
    rows: Rows = []
    ca = 0.0
    sold = 0
    for lot, st, name, res, deed, fin in book:
        price = float(lot["price"])
        if st in ("Acté", "Réservé"):
            price = float(round(price * rng.uniform(0.96, 1.0), -2))
            ca += price
            sold += 1
        r: list[str | int | float] = [
            lot["lot"],
            lot["type"],
            lot["floor"],
            lot["surface"],
            price,
            name,
            fk.fr_date(res) if res else "",
        ]
        if with_dep:
            r.append(round(price * rng.choice([0.02, 0.05]), 2) if st == "Réservé" else "")
        deed_txt = (
            fk.fr_date(deed)
            if deed
            else (
                "prévu " + fk.fr_date(_plus(w.today, rng.randint(10, 120)))
                if st == "Réservé"
                else ""
            )
        )
        r += [fin, deed_txt, short[st] if codes else st]
        rows.append(r)
    total_ca = sum(float(b[0]["price"]) for b in book)
    tot: list[str | int | float] = [""] * len(header)
    tot[0] = "TOTAL"
    tot[4] = ca
    tot[5] = f"{sold} lots vendus / {n}"
    blocks: list[Block] = [
        P(
            f"{w.sccv.name} - {w.programme} - situation arrêtée au {fk.fr_date(w.today)}",
            style="bold",
        ),
        Table(header, [*rows, tot], fmt=fmt, total=1),
        KV(
            [
                ("Lots vendus (réservés + actés)", f"{sold} / {n}"),
                ("CA vendu TTC", fk.money(ca)),
                ("Taux de commercialisation (CA)", f"{fk.num(ca / total_ca * 100, dec=1)} %"),
            ]
        ),
    ]
    if codes:
        blocks.append(
            P(
                "Légende : A = acté, R = réservé (contrat signé), O = option, D = désistement, "
                "L = libre.",
                style="small",
            )
        )
    return Doc(
        _pick(
            rng,
            "Tableau de suivi des réservations",
            "SUIVI COMMERCIAL",
            "État de commercialisation",
            "Etat des ventes",
            "",
        ),
        blocks,
        landscape=True,
        head_left=[w.developer.name] if _yes(rng) else [],
        footer=_pick(rng, "Confidentiel", f"Édité le {fk.fr_date(w.today)}", ""),
    )


# --------------------------------------------------------------------------------------------
# CONTRAT_RESERVATION


def _regime(rng: random.Random) -> str:
    return _pick(
        rng,
        "mariés sous le régime de la communauté réduite aux acquêts",
        "mariés sous le régime de la séparation de biens",
        "liés par un pacte civil de solidarité",
        "mariés sans contrat préalable",
    )


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


# --------------------------------------------------------------------------------------------
# ACTE_VENTE


def _date_words(d: dt.date) -> str:
    day = "premier" if d.day == 1 else fk.words_fr(d.day)
    return (
        f"L'AN {fk.words_fr(d.year).upper()}, LE {day.upper()} {fk.MONTHS_FR[d.month - 1].upper()}"
    )


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


# --------------------------------------------------------------------------------------------
# OFFRE_CREDIT


def _facility(w: World, rng: random.Random) -> tuple[int, int, int]:
    """(cash facility, land loan, GFA commitment) sized on the operation."""
    cash = int(w.works_ht * rng.uniform(0.15, 0.4) / 10000) * 10000
    land = int(w.land_price * rng.uniform(0.5, 0.8) / 10000) * 10000 if _yes(rng, 0.5) else 0
    gfa = int(w.works_ht * 1.2 * rng.uniform(0.7, 1.0) / 10000) * 10000
    return cash, land, gfa


def _pct(x: float) -> str:
    return f"{x:.2f}".replace(".", ",") + " %"


def _banker(w: World, rng: random.Random) -> tuple[Person, str]:
    p = fk.person(rng, w.today)
    f = p.sex == 2
    return p, _pick(
        rng,
        f"Chargé{'e' if f else ''} d'affaires Promotion immobilière",
        f"Direct{'rice' if f else 'eur'} du Centre d'affaires Immobilier",
        "Responsable financements promoteurs",
        f"Direct{'rice' if f else 'eur'} régional{'e' if f else ''} Immobilier professionnel",
    )


@template("OFFRE_CREDIT", "pc_offre_lettre_engagement", scan=0.06)
def offre_lettre(w: World, rng: random.Random) -> Doc:
    cash, land, gfa = _facility(w, rng)
    banker, role = _banker(w, rng)
    months = rng.choice([18, 24, 30, 36])
    margin = rng.choice([1.5, 1.75, 2.0, 2.25, 2.5, 2.8, 3.0])
    pre = rng.choice([30, 35, 40, 50])
    quote = rng.choice([70, 75, 80, 85, 90, 100])
    valid = _plus(w.today, rng.choice([15, 30, 45]))
    terms = [
        f"Emprunteur : {w.sccv.name}",
        "Nature : "
        + _pick(
            rng,
            "crédit d'accompagnement sous forme d'ouverture de crédit en compte courant",
            "crédit promoteur - découvert autorisé mobilisable par tirages",
        ),
        f"Montant : {fk.money(cash)}",
        f"Durée : {months} mois à compter de la signature de la convention",
        f"Taux : Euribor 3 mois (plancher 0 %) + marge de {_pct(margin)} l'an",
        f"Commission d'engagement : {_pct(rng.choice([0.5, 0.75, 1.0]))} flat du montant",
        f"Commission de non-utilisation : {_pct(rng.choice([0.25, 0.5]))} l'an",
        f"Remboursement : {quote} % du prix de chaque vente, au fur et à mesure des "
        "encaissements, solde in fine",
    ]
    if land:
        terms.insert(
            3,
            f"Prêt foncier complémentaire : {fk.money(land)}, remboursable à "
            "l'achèvement des fondations",
        )
    if _yes(rng, 0.85):
        terms.append(
            f"Garantie financière d'achèvement : engagement par signature de {fk.money(gfa)}, "
            f"commission {_pct(rng.choice([0.8, 1.0, 1.2, 1.5]))} l'an"
        )
    guarantees = rng.sample(
        [
            "promesse d'affectation hypothécaire de premier rang sur le terrain",
            "nantissement de la totalité des parts sociales de l'emprunteur",
            f"caution solidaire de {w.developer.full}",
            "cession Dailly des créances nées des ventes en l'état futur d'achèvement",
            "engagement de non-cession et de blocage des comptes courants d'associés",
        ],
        k=rng.randint(2, 4),
    )
    cps = rng.sample(
        [
            f"permis de construire purgé de tout recours (n° {w.permit_no})",
            f"pré-commercialisation d'au moins {pre} % du chiffre d'affaires TTC, par actes "
            "ou contrats de réservation",
            f"fonds propres de {fk.money(round(w.land_price * rng.uniform(0.2, 0.5), -3))} "
            "investis dans l'opération",
            "acquisition du terrain par acte authentique",
            "attestations dommages-ouvrage et CNR",
            "marchés de travaux signés à hauteur de 80 % du budget",
        ],
        k=rng.randint(3, 5),
    )
    obj = _pick(
        rng,
        f"Objet : Financement de l'opération « {w.programme} » - {w.site.town}",
        f"Objet : Offre de crédit - SCCV {w.programme.upper()}",
        f"V/Réf. : demande du {fk.fr_date(_plus(w.today, -40))} - N/Réf. : "
        f"{ids.ref(rng, 'IMMO-9999-999')}",
    )
    dear = _pick(rng, "Madame, Monsieur", w.sccv.manager.civ, f"{w.sccv.manager.civ} le Gérant")
    blocks: list[Block] = [
        P(obj, style="bold"),
        P(dear + ","),
        P(
            f"Nous faisons suite à votre demande et avons le plaisir de vous informer que notre "
            f"comité des engagements du {fk.fr_date(_plus(w.today, -rng.randint(2, 15)))} a "
            f"donné son accord pour le financement de votre programme de {w.lots} logements, "
            "aux principales conditions suivantes :"
        ),
        Bullets(terms),
        P("Garanties :"),
        Bullets(guarantees),
        P("Conditions préalables à la première utilisation :"),
        Bullets(cps, ordered=_yes(rng)),
        P(
            f"Cette offre est valable jusqu'au {fk.fr_date(valid)}. Elle deviendra caduque à "
            "défaut de retour, avant cette date, d'un exemplaire contresigné "
            + _pick(
                rng,
                "revêtu de la mention « Bon pour acceptation de l'offre ».",
                "par le représentant légal de l'emprunteur.",
                "précédé de la mention « lu et approuvé, bon pour accord ».",
            )
            + " Une convention de crédit reprenant ces conditions vous sera ensuite soumise."
        ),
        P(_salut(rng, dear)),
        Sign(
            [
                [w.bank.name, banker.name, role],
                ["Acceptation de l'emprunteur", "Date :", "Signature :"],
            ]
        ),
    ]
    return Doc(
        _pick(rng, "", "", "Offre de financement", "LETTRE D'ENGAGEMENT", "offre de crédit"),
        blocks,
        head_left=letterhead(w.bank, rng),
        head_right=[
            *recipient(w.sccv, w.sccv.manager.formal),
            _town_date(rng, w.bank.address.town, w.today),
        ],
        footer=_pick(rng, f"{w.bank.name} - société anonyme - établissement de crédit", ""),
    )


@template("OFFRE_CREDIT", "pc_offre_contrat_articles", scan=0.03)
def offre_contrat(w: World, rng: random.Random) -> Doc:
    cash, land, gfa = _facility(w, rng)
    months = rng.choice([18, 24, 30, 36])
    end = _plus(w.today, months * 30)
    margin = rng.choice([1.6, 1.9, 2.1, 2.4, 2.75])
    tr: Rows = []
    if land:
        tr.append(
            [
                "Tranche A - prêt foncier",
                float(land),
                "Acquisition du terrain et frais",
                "Signature de l'acte d'acquisition",
            ]
        )
    tr.append(
        [
            f"Tranche {'B' if land else 'A'} - crédit d'accompagnement",
            float(cash),
            "Travaux, honoraires, frais",
            "Sur demandes de tirage",
        ]
    )
    tr.append(
        [
            f"Tranche {'C' if land else 'B'} - engagement par signature",
            float(gfa),
            "Garantie financière d'achèvement",
            "Première vente en VEFA",
        ]
    )
    tr.append(["Total des concours", float(land + cash + gfa), "", ""])
    defs = [
        "« Compte d'Opération » : le compte ouvert au nom de l'Emprunteur dans les livres du "
        "Prêteur, sur lequel sont centralisés tous les encaissements et décaissements de "
        "l'opération.",
        "« Date d'Échéance Finale » : le " + fk.fr_date(end) + ".",
        "« Prix de Vente » : le prix TTC stipulé dans chaque acte de vente en l'état futur "
        "d'achèvement.",
        "« Taux de Pré-commercialisation » : le rapport entre le chiffre d'affaires TTC des "
        "lots vendus ou réservés et le chiffre d'affaires TTC prévisionnel total.",
        "« Jour Ouvré » : un jour où le système TARGET2 fonctionne et les banques sont "
        "ouvertes à Paris.",
        "« Cas d'Exigibilité » : chacun des événements énumérés à l'article Exigibilité anticipée.",
    ]
    arts: list[tuple[str, list[Block]]] = [
        ("Définitions", [Bullets(rng.sample(defs, k=rng.randint(3, len(defs))))]),
        (
            "Objet et montant des crédits",
            [
                P(
                    "Le Prêteur consent à l'Emprunteur, qui accepte, les concours suivants "
                    f"destinés au financement du programme « {w.programme} » "
                    f"({w.lots} logements, {fk.num(w.sdp_m2)} m² de surface de plancher) :"
                ),
                Table(["Tranche", "Montant", "Objet", "Disponibilité"], tr, fmt="tmtt", total=1),
            ],
        ),
        (
            "Conditions suspensives",
            [
                Bullets(
                    [
                        "remise des statuts à jour, d'un extrait Kbis de moins de trois mois "
                        "et des décisions d'associés autorisant l'emprunt",
                        "permis de construire définitif, purgé de tout recours",
                        "justification du Taux de Pré-commercialisation minimal de "
                        f"{rng.choice([30, 40, 50])} %",
                        "constitution des sûretés prévues à l'article Garanties",
                        "polices dommages-ouvrage, CNR et TRC",
                        "bilan prévisionnel et plan de trésorerie actualisés",
                    ]
                )
            ],
        ),
        (
            "Utilisation",
            [
                P(
                    "Chaque tirage fait l'objet d'une demande écrite parvenue au Prêteur au "
                    "moins cinq Jours Ouvrés à l'avance, accompagnée des factures et de "
                    "l'attestation d'avancement du maître d'œuvre. Les fonds sont versés "
                    "directement aux entreprises ou sur le Compte d'Opération. Aucun tirage "
                    f"ne pourra intervenir après le {fk.fr_date(_plus(end, -90))}."
                )
            ],
        ),
        (
            "Intérêts",
            [
                P(
                    "Les sommes tirées portent intérêt au taux Euribor 3 mois, réputé nul s'il "
                    f"est négatif, majoré d'une marge de {_pct(margin)} l'an, calculé sur la "
                    "base du nombre exact de jours écoulés rapporté à une année de 360 jours "
                    "et payable trimestriellement à terme échu. Le taux effectif global "
                    f"ressort à titre indicatif à {_pct(margin + rng.uniform(2.4, 3.6))} l'an."
                )
            ],
        ),
        (
            "Commissions et frais",
            [
                Table(
                    ["Nature", "Taux / montant", "Assiette"],
                    [
                        [
                            "Frais de dossier",
                            fk.money(rng.choice([5000, 8000, 12000, 15000])),
                            "forfait",
                        ],
                        [
                            "Commission d'engagement",
                            _pct(rng.choice([0.5, 0.8, 1.0])),
                            "montant des crédits",
                        ],
                        [
                            "Commission de non-utilisation",
                            _pct(rng.choice([0.3, 0.5])),
                            "montant non tiré, par an",
                        ],
                        [
                            "Commission de garantie d'achèvement",
                            _pct(rng.choice([0.8, 1.0, 1.2])),
                            "encours de la GFA, par an",
                        ],
                    ],
                )
            ],
        ),
        (
            "Remboursement",
            [
                P(
                    f"Le crédit d'accompagnement est remboursé par affectation de "
                    f"{rng.choice([75, 80, 90, 100])} % de chaque appel de fonds encaissé sur "
                    "le Compte d'Opération, et au plus tard à la Date d'Échéance Finale. "
                    "Le remboursement anticipé volontaire est possible sans indemnité."
                )
            ],
        ),
        (
            "Garanties",
            [
                Bullets(
                    [
                        "promesse d'affectation hypothécaire sur le terrain d'assiette",
                        "nantissement des parts sociales de l'Emprunteur",
                        f"cautionnement solidaire de {w.developer.full} à hauteur de "
                        f"{fk.money(round(cash * 0.5, -3))}",
                        "cession Dailly des créances de prix de vente",
                    ][: rng.randint(2, 4)]
                )
            ],
        ),
        (
            "Engagements d'information",
            [
                P(
                    "L'Emprunteur remettra au Prêteur : un état de commercialisation "
                    "trimestriel, les comptes annuels dans les cent quatre-vingts jours de la "
                    "clôture, toute attestation d'avancement des travaux, et l'informera "
                    "sans délai de tout litige ou recours."
                )
            ],
        ),
        (
            "Exigibilité anticipée",
            [
                Bullets(
                    [
                        "défaut de paiement d'une somme due à bonne date",
                        "arrêt du chantier pendant plus de soixante jours consécutifs",
                        "inexactitude d'une déclaration de l'Emprunteur",
                        "ouverture d'une procédure collective à l'égard de l'Emprunteur ou de "
                        "son associé gérant",
                        "cession des parts sociales sans accord préalable du Prêteur",
                    ]
                )
            ],
        ),
        (
            "Droit applicable - juridiction",
            [
                P(
                    "La présente convention est soumise au droit français. Tout litige relève "
                    f"de la compétence des tribunaux du ressort de la cour d'appel de "
                    f"{_pick(rng, 'Paris', 'Lyon', 'Bordeaux', w.bank.address.town)}."
                )
            ],
        ),
    ]
    more: list[tuple[str, list[Block]]] = [
        (
            "Déclarations de l'Emprunteur",
            [
                Bullets(
                    [
                        "il est valablement constitué et a la capacité de conclure la présente "
                        "convention ;",
                        "aucune procédure judiciaire ou administrative de nature à affecter "
                        "l'opération n'est en cours ;",
                        "les informations financières remises au Prêteur sont exactes et "
                        "sincères ;",
                        "le terrain est libre de toute inscription autre que celles consenties "
                        "au Prêteur.",
                    ]
                )
            ],
        ),
        (
            "Frais, droits et impôts",
            [
                P(
                    "Tous frais, droits et honoraires afférents à la présente convention et aux "
                    "sûretés, ainsi qu'à leur mainlevée, sont à la charge de l'Emprunteur."
                )
            ],
        ),
        (
            "Cession - transfert",
            [
                P(
                    "L'Emprunteur ne pourra céder ses droits et obligations sans l'accord "
                    "préalable et écrit du Prêteur. Le Prêteur pourra céder tout ou partie de "
                    "ses droits à un autre établissement de crédit."
                )
            ],
        ),
        (
            "Notifications",
            [
                P(
                    f"Toute notification sera faite par écrit à l'adresse du siège de chaque "
                    f"partie ; pour le Prêteur : {w.bank.address.one_line()}."
                )
            ],
        ),
    ]
    arts = arts[:-1] + rng.sample(more, k=rng.randint(0, len(more))) + arts[-1:]
    mid = arts[3:-1]
    drop = rng.sample(range(len(mid)), k=rng.randint(0, 2))
    mid = [a for i, a in enumerate(mid) if i not in drop]
    arts = arts[:3] + mid + arts[-1:]
    blocks: list[Block] = [
        P("ENTRE", style="bold"),
        P(f"{_cap(_societe(w.bank, rng))}, ci-après « le Prêteur »,"),
        P("ET", style="bold"),
        P(f"{_cap(_societe(w.sccv, rng))}, ci-après « l'Emprunteur »,"),
        P("IL A ÉTÉ CONVENU CE QUI SUIT :", style="bold"),
    ]
    for i, (t, body) in enumerate(arts, 1):
        blocks.append(H(f"Article {i} - {t}" if _yes(rng, 0.8) else f"{i}. {t.upper()}"))
        blocks += body
    blocks += [
        P(
            place_date(w, rng, town=w.bank.address.town)
            + f", en {rng.choice(['deux', 'trois'])} exemplaires originaux."
        ),
        Sign([["Le Prêteur", w.bank.name], ["L'Emprunteur", w.sccv.name, w.sccv.manager.name]]),
    ]
    return Doc(
        _pick(
            rng,
            "CONVENTION DE CRÉDIT",
            "Contrat de crédit promoteur",
            "Convention d'ouverture de crédits",
            "CONTRAT DE PRÊT ET D'OUVERTURE DE CRÉDIT",
        ),
        blocks,
        title_sub=_pick(
            rng,
            "Crédit d'accompagnement - opération de promotion immobilière",
            f"Programme {w.programme}",
            "",
        ),
        header=f"{w.bank.name} / {w.sccv.name}" if _yes(rng) else "",
        footer=_pick(rng, "Paraphes :", "Confidentiel", ""),
    )


# --------------------------------------------------------------------------------------------
# SURETES


@template("SURETES", "pc_suretes_nantissement_compte", scan=0.05)
def suretes_nantissement(w: World, rng: random.Random) -> Doc:
    cash, land, _gfa = _facility(w, rng)
    on_account = _yes(rng, 0.55)
    iban = (
        ids.iban_fr(rng, next(b[1] for b in ids.BANKS if b[0] == w.bank.name))[0]
        if any(b[0] == w.bank.name for b in ids.BANKS)
        else w.sccv.iban
    )
    credit_date = _plus(w.today, -rng.randint(0, 20))
    blocks: list[Block] = [
        P("ENTRE LES SOUSSIGNÉS", style="bold"),
    ]
    if on_account:
        blocks.append(P(f"{_cap(_societe(w.sccv, rng))}, ci-après le « Constituant »,"))
    else:
        share_dev = rng.choice([51, 60, 70, 80, 90, 99])
        blocks += [
            P(f"1) {_cap(_societe(w.developer, rng))},"),
            P(f"2) {_cap(_societe(w.holding, rng))},"),
            P("ci-après ensemble les « Constituants »,"),
        ]
    blocks += [
        P(f"ET {_societe(w.bank, rng)}, ci-après le « Bénéficiaire »."),
        H(_pick(rng, "Préambule", "Exposé préalable", "IL EST PRÉALABLEMENT EXPOSÉ")),
        P(
            f"Aux termes d'une convention en date du {fk.fr_date(credit_date)}, le Bénéficiaire "
            f"a consenti à la {w.sccv.name} des concours d'un montant total en principal de "
            f"{fk.money(cash + land)} pour le financement de l'opération « {w.programme} » "
            f"à {w.site.town}. Il est stipulé que le remboursement de ces concours sera garanti "
            "notamment par le présent acte."
        ),
    ]
    arts: list[tuple[str, list[Block]]] = []
    if on_account:
        arts += [
            (
                "Nantissement",
                [
                    P(
                        "En garantie du paiement de toutes sommes dues au titre de la convention "
                        "susvisée, en principal, intérêts, commissions, frais et accessoires, le "
                        "Constituant nantit au profit du Bénéficiaire, qui accepte, la créance "
                        "correspondant au solde créditeur, provisoire ou définitif, du compte "
                        "désigné ci-après, conformément aux articles 2355 et suivants du Code "
                        "civil."
                    )
                ],
            ),
            (
                "Compte nanti",
                [
                    KV(
                        [
                            ("Titulaire", w.sccv.name),
                            ("Établissement teneur", w.bank.name),
                            ("IBAN", ids.group4(iban)),
                            ("Intitulé", f"Compte d'opération {w.programme}"),
                        ],
                        boxed=True,
                    )
                ],
            ),
            (
                "Fonctionnement du compte",
                [
                    P(
                        "Jusqu'à la notification d'un cas d'exigibilité anticipée, le Constituant "
                        "conserve la faculté de disposer du solde du compte nanti pour le seul "
                        "paiement des dépenses de l'opération figurant au budget. Le Constituant "
                        "s'engage à faire créditer sur ce compte l'intégralité des prix de vente."
                    )
                ],
            ),
        ]
    else:
        total_parts = rng.choice([100, 1000, 5000])
        a = round(total_parts * share_dev / 100)
        arts += [
            (
                "Objet du nantissement",
                [
                    P(
                        f"Les Constituants nantissent au profit du Bénéficiaire la totalité des "
                        f"parts sociales qu'ils détiennent dans le capital de la {w.sccv.name}, "
                        "soit :"
                    ),
                    Table(
                        ["Associé", "Parts", "Numéros"],
                        [
                            [w.developer.name, a, f"1 à {a}"],
                            [w.holding.name, total_parts - a, f"{a + 1} à {total_parts}"],
                            ["Total", total_parts, ""],
                        ],
                        fmt="tnt",
                        total=1,
                    ),
                    P(
                        "Le nantissement s'étend aux fruits et produits des parts, conformément "
                        "aux articles 1866 et 2355 du Code civil."
                    ),
                ],
            ),
            (
                "Formalités",
                [
                    P(
                        "Le présent nantissement sera signifié à la société ou accepté par elle "
                        "dans un acte authentique, et publié par voie d'inscription au registre du "
                        f"commerce et des sociétés de {w.sccv.rcs_town}."
                    )
                ],
            ),
        ]
    arts += [
        (
            "Réalisation",
            [
                P(
                    "À défaut de paiement à l'échéance, le Bénéficiaire pourra, huit jours après "
                    "une mise en demeure restée sans effet, "
                    + (
                        "appréhender le solde du compte nanti à due concurrence de sa créance."
                        if on_account
                        else "poursuivre la vente des parts nanties ou en demander l'attribution "
                        "judiciaire ou conventionnelle (pacte commissoire, art. 2348 C. civ.)."
                    )
                )
            ],
        ),
        (
            "Durée",
            [
                P(
                    "Le nantissement demeure en vigueur jusqu'au complet remboursement des "
                    "sommes garanties ; le Bénéficiaire en donnera alors mainlevée à première "
                    "demande."
                )
            ],
        ),
        (
            "Déclarations",
            [
                P(
                    "Le ou les constituants déclarent que les biens nantis sont libres de tout "
                    "autre nantissement, gage ou droit de tiers, et qu'ils ont la capacité et les "
                    "autorisations sociales nécessaires pour signer le présent acte."
                )
            ],
        ),
    ]
    if _yes(rng, 0.4):
        rng.shuffle(arts)
    for i, (t, body) in enumerate(arts, 1):
        blocks.append(H(f"Article {i} - {t}", 2))
        blocks += body
    sign = [["Le Bénéficiaire", w.bank.name]]
    if on_account:
        sign.insert(0, ["Le Constituant", w.sccv.name])
    else:
        sign = [["Les Constituants", w.developer.name, w.holding.name], *sign]
    blocks += [P(place_date(w, rng)), Sign(sign)]
    return Doc(
        _pick(
            rng,
            "ACTE DE NANTISSEMENT DE COMPTE",
            "Nantissement de compte bancaire",
            "Nantissement de créance de solde de compte",
        )
        if on_account
        else _pick(
            rng, "ACTE DE NANTISSEMENT DE PARTS SOCIALES", "Nantissement des parts de la SCCV"
        ),
        blocks,
        title_sub=_pick(
            rng, "Acte sous signature privée", "(articles 2355 et suivants du Code civil)", ""
        ),
        footer=_pick(rng, "Paraphes", "", w.sccv.name),
    )


@template("SURETES", "pc_suretes_garantie_maison_mere", scan=0.15)
def suretes_mere(w: World, rng: random.Random) -> Doc:
    cash, land, _ = _facility(w, rng)
    g = rng.choice([w.holding, w.developer])
    kind = rng.choice(["autonome", "caution", "intention"])
    amount = round((cash + land) * rng.uniform(0.2, 1.0), -4)
    expiry = _plus(w.delivery_date, rng.randint(90, 400))
    if kind == "autonome":
        title = _pick(rng, "GARANTIE AUTONOME À PREMIÈRE DEMANDE", "Garantie à première demande")
        core = (
            f"nous nous engageons irrévocablement à vous payer, à première demande écrite de "
            f"votre part, toute somme dans la limite de {fk.money(amount)} "
            f"({fk.words_fr(int(amount))} euros), sans pouvoir opposer aucune exception tirée "
            "des rapports entre vous et la société garantie, conformément à l'article 2321 "
            "du Code civil."
        )
    elif kind == "caution":
        title = _pick(rng, "ENGAGEMENT DE CAUTION SOLIDAIRE", "Acte de cautionnement solidaire")
        core = (
            f"nous nous portons caution solidaire de la {w.sccv.name} envers vous, pour le "
            "remboursement de toutes sommes qu'elle pourra vous devoir au titre du crédit "
            f"d'accompagnement, dans la limite de {fk.money(amount)} en principal, intérêts, "
            "frais et accessoires, en renonçant aux bénéfices de discussion et de division."
        )
    else:
        title = _pick(rng, "LETTRE D'INTENTION", "Lettre de confort")
        core = (
            f"nous nous engageons à faire en sorte que la {w.sccv.name} dispose à tout moment "
            "des moyens financiers lui permettant de faire face à ses engagements envers "
            "vous, et à ne pas céder notre participation sans votre accord préalable "
            "(article 2322 du Code civil)."
        )
    blocks: list[Block] = [
        P(
            f"Objet : {w.sccv.name} - crédit de {fk.money(cash + land)} - "
            + _pick(rng, "garantie de la société mère", "engagement de l'associé", title.lower()),
            style="bold",
        ),
        P("Madame, Monsieur,"),
        P(
            f"Vous avez consenti ou êtes sur le point de consentir à la {w.sccv.name}, dont "
            f"nous détenons {rng.choice([50, 51, 60, 70, 99])} % des parts, un crédit "
            f"destiné au financement du programme « {w.programme} » à {w.site.town}."
        ),
        P(f"En considération de ce concours, {core}"),
    ]
    if kind != "intention":
        blocks.append(
            P(
                f"Le présent engagement expirera le {fk.fr_date(expiry)} ; toute demande "
                "devra nous parvenir au plus tard à cette date par lettre recommandée avec "
                "accusé de réception adressée à notre siège."
            )
        )
    if _yes(rng, 0.6):
        blocks.append(
            P(
                f"La signature du présent engagement a été autorisée par décision de notre "
                f"{_pick(rng, 'président', 'conseil d’administration', 'assemblée générale')} "
                f"en date du {fk.fr_date(_plus(w.today, -rng.randint(1, 30)))}, conforme à "
                "notre intérêt social.",
                style="small",
            )
        )
    blocks += [
        P(_salut(rng)),
        Sign(
            [
                [
                    f"Pour {g.full}",
                    g.manager.name,
                    _pick(rng, "Président", "Représentant légal", "Directeur général")
                    + ("e" if g.manager.sex == 2 and _yes(rng, 0.5) else ""),
                ]
            ]
        ),
    ]
    return Doc(
        _pick(rng, title, "", ""),
        blocks,
        head_left=letterhead(g, rng),
        head_right=[
            *recipient(w.bank, "Direction des engagements"),
            _town_date(rng, g.address.town, w.today),
        ],
        footer=f"{g.full} - {g.rcs}" if _yes(rng) else "",
    )


# --------------------------------------------------------------------------------------------
# GFA


@template("GFA", "pc_gfa_convention_cautionnement", scan=0.04)
def gfa_convention(w: World, rng: random.Random) -> Doc:
    insurer = _yes(rng, 0.35)
    guarantor = (
        rng.choice(["CNA Insurance", "QBE Europe SA/NV", "SMA SA", "Atradius", "Crédit Logement"])
        if insurer
        else w.bank.name
    )
    amount = round(w.works_ht * 1.2 * rng.uniform(0.75, 1.0), -4)
    rate = rng.choice([0.6, 0.8, 1.0, 1.2, 1.5])
    pre = rng.choice([30, 40, 50])
    iban = w.sccv.iban
    arts: list[tuple[str, list[Block]]] = [
        (
            "Objet",
            [
                P(
                    "Le Garant s'oblige envers chacun des acquéreurs des lots de l'immeuble "
                    "désigné ci-dessous, solidairement avec le Vendeur, à payer les sommes "
                    "nécessaires à l'achèvement de l'immeuble, conformément aux articles L261-10-1 "
                    "et R261-21 du Code de la construction et de l'habitation."
                )
            ],
        ),
        (
            "Immeuble garanti",
            [
                KV(
                    [
                        ("Programme", w.programme),
                        ("Situation", w.site.one_line()),
                        ("Cadastre", w.cadastre),
                        ("Permis de construire", _pc_ref(w)),
                        ("Nombre de lots", str(w.lots)),
                        ("Prix de revient travaux TTC", fk.money(_ttc(w))),
                    ]
                )
            ],
        ),
        (
            "Montant",
            [
                P(
                    f"L'engagement du Garant est limité à {fk.money(amount)} "
                    f"({fk.words_fr(int(amount))} euros). Il se réduit à mesure de l'avancement "
                    "des travaux constaté par le maître d'œuvre, sans pouvoir devenir inférieur "
                    "aux sommes restant nécessaires à l'achèvement."
                )
            ],
        ),
        (
            "Bénéficiaires",
            [
                P(
                    "Bénéficient de la garantie les acquéreurs ayant signé un acte authentique de "
                    "vente en l'état futur d'achèvement portant sur un lot de l'immeuble, à "
                    "l'exclusion des simples réservataires et des sociétés du groupe du Vendeur."
                )
            ],
        ),
        (
            "Conditions",
            [
                Bullets(
                    [
                        "toutes les sommes versées par les acquéreurs seront payées au crédit "
                        f"du compte n° {ids.group4(iban)} ouvert au nom du Vendeur, dont la "
                        "mention figurera dans chaque acte de vente ;",
                        f"la pré-commercialisation atteindra {pre} % du chiffre d'affaires "
                        "avant la signature du premier acte ;",
                        "le Vendeur remettra chaque mois l'état des ventes et l'attestation "
                        "d'avancement des travaux ;",
                        "aucun avenant aux marchés de travaux ne sera signé sans l'accord du "
                        "Garant.",
                    ]
                )
            ],
        ),
        (
            "Mise en jeu",
            [
                P(
                    "En cas de défaillance du Vendeur, l'acquéreur ou le syndicat des "
                    "copropriétaires saisit le Garant par lettre recommandée. Le Garant peut "
                    "choisir de faire achever l'immeuble par les entreprises de son choix ou de "
                    "verser les fonds nécessaires."
                )
            ],
        ),
        (
            "Durée - extinction",
            [
                P(
                    "La garantie prend fin à l'achèvement de l'immeuble, constaté dans les "
                    "conditions de l'article R261-24 du CCH par une personne qualifiée désignée "
                    "par le Garant, ou par le notaire au vu d'une déclaration certifiée par "
                    "l'architecte. L'attestation d'achèvement vaut libération du Garant."
                )
            ],
        ),
        (
            "Rémunération et contre-garanties",
            [
                P(
                    f"En rémunération, le Vendeur versera une commission de {_pct(rate)} l'an sur "
                    f"le montant garanti, payable trimestriellement d'avance. En contre-garantie, "
                    f"{w.developer.full} se porte caution solidaire des engagements du Vendeur "
                    "envers le Garant."
                )
            ],
        ),
    ]
    if _yes(rng, 0.5):
        arts.append(
            (
                "Attestation",
                [
                    P(
                        "Le Garant délivrera au notaire chargé des ventes une "
                        "attestation destinée à être annexée à chaque acte."
                    )
                ],
            )
        )
    blocks: list[Block] = [
        P("Entre :", style="bold"),
        P(
            f"{guarantor}, "
            + ("entreprise d'assurance" if insurer else "établissement de crédit")
            + ", ci-après « le Garant »,"
        ),
        P("Et :", style="bold"),
        P(f"{_cap(_societe(w.sccv, rng))}, ci-après « le Vendeur »."),
    ]
    numbering = _pick(rng, "Article {i} - ", "{i}. ", "ARTICLE {i} : ")
    for i, (t, body) in enumerate(arts, 1):
        blocks.append(H(numbering.format(i=i) + t, 2))
        blocks += body
    blocks += [
        P(place_date(w, rng)),
        Sign([["Le Garant", guarantor], ["Le Vendeur", w.sccv.name, w.sccv.manager.name]]),
    ]
    return Doc(
        _pick(
            rng,
            "CONVENTION DE GARANTIE FINANCIÈRE D'ACHÈVEMENT",
            "Garantie financière d'achèvement - convention de cautionnement",
            "GFA - acte de cautionnement",
            "Convention GFA",
        ),
        blocks,
        title_sub=_pick(rng, "(article R261-21 du CCH)", f"N° {ids.ref(rng, 'GFA-9999-999')}", ""),
        head_left=[guarantor, *fk.address(rng).lines()] if _yes(rng) else [],
    )


@template("GFA", "pc_gfa_lettre_notaire", scan=0.2)
def gfa_lettre(w: World, rng: random.Random) -> Doc:
    insurer = _yes(rng, 0.3)
    guarantor = rng.choice(fk.INSURERS) if insurer else w.bank.name
    amount = round(w.works_ht * 1.2 * rng.uniform(0.75, 1.0), -4)
    no = ids.ref(rng, _pick(rng, "GFA 999999", "99999999", "CA-9999-GA"))
    conv = _plus(w.start_date, -rng.randint(5, 60))
    blocks: list[Block] = [
        P(f"Objet : {w.programme} - garantie financière d'achèvement n° {no}", style="bold"),
        P(_pick(rng, "Maître,", "Cher Maître,")),
        P(
            f"Nous vous confirmons avoir délivré le {fk.fr_date(conv)} au profit de la "
            f"{w.sccv.name} une garantie financière d'achèvement au sens des articles R261-17 "
            f"et R261-21 du CCH, pour la construction de {w.lots} logements "
            f"{w.site.one_line()} (permis n° {w.permit_no})."
        ),
        P(
            f"Montant maximum garanti : {fk.money(amount)}. "
            + _pick(
                rng,
                "La garantie bénéficie à l'ensemble des acquéreurs en l'état futur d'achèvement.",
                "Elle couvre tous les lots de l'immeuble, y compris les stationnements.",
            )
        ),
    ]
    if _yes(rng, 0.5):
        lots = lot_rows(w, rng, rng.randint(3, 10))
        blocks += [
            P("Les actes à intervenir portent, à ce jour, sur les lots suivants :"),
            Table(
                ["Lot", "Type", "Prix TTC"],
                [[x["lot"], x["type"], float(x["price"])] for x in lots],
                fmt="ttm",
            ),
        ]
    blocks += [
        P(
            "Nous vous rappelons que les fonds versés par les acquéreurs doivent être "
            f"exclusivement virés sur le compte n° {ids.group4(w.sccv.iban)} ouvert dans nos "
            "livres au nom de la société venderesse. La présente attestation est à annexer "
            "à chacun des actes de vente."
        ),
        P(
            "La garantie prendra fin à l'achèvement de l'immeuble dans les conditions de "
            "l'article R261-24 du CCH.",
            style="small",
        ),
        P(_salut(rng, "Maître")),
        Sign(
            [
                [
                    f"Pour {guarantor}",
                    _pick(
                        rng,
                        "Service Engagements par signature",
                        "Le directeur",
                        "Caution et garanties",
                    ),
                ]
            ]
        ),
    ]
    return Doc(
        _pick(rng, "", "", "ATTESTATION DE GARANTIE FINANCIÈRE D'ACHÈVEMENT", "Attestation GFA"),
        blocks,
        head_left=[guarantor, *fk.address(rng).lines()],
        head_right=[
            f"Maître {w.notary.name}",
            w.notary_office,
            *w.notary.address.lines(),
            _town_date(rng, rng.choice(fk.TOWNS)[0], w.today),
        ],
    )


# --------------------------------------------------------------------------------------------
# DEMANDE_TIRAGE


def _invoices(w: World, rng: random.Random, k: int) -> list[tuple[str, str, str, float, float]]:
    """(supplier, invoice no, nature, amount HT, amount TTC) of the bills a drawdown pays."""
    out: list[tuple[str, str, str, float, float]] = []
    for _ in range(k):
        r = rng.random()
        if r < 0.65:
            c = rng.choice(w.contractors)
            who = c.name
            nature = f"Situation n° {rng.randint(1, 14)} - lot {c.trade}"
            ht = round(w.works_ht * rng.uniform(0.005, 0.05), 2)
            vat = 0.2
        elif r < 0.8:
            who = w.architect_firm.name
            nature = _pick(
                rng, "Honoraires MOE - phase DET", f"Note d'honoraires n° {rng.randint(3, 20)}"
            )
            ht = round(w.works_ht * rng.uniform(0.002, 0.01), 2)
            vat = 0.2
        elif r < 0.9:
            who = _pick(rng, "Socotec", "Bureau Veritas Construction", "Apave", "Qualiconsult")
            nature = _pick(rng, "Contrôle technique", "Mission CSPS")
            ht = round(rng.uniform(1500, 12000), 2)
            vat = 0.2
        else:
            who = _pick(rng, f"Trésor public - {w.site.town}", "Concessionnaire réseaux", "Enedis")
            nature = _pick(
                rng,
                "Taxe d'aménagement - 2e échéance",
                "Raccordement électrique",
                "Participation assainissement collectif",
            )
            ht = round(rng.uniform(3000, 90000), 2)
            vat = 0.0 if "Taxe" in nature or "Participation" in nature else 0.2
        out.append(
            (
                who,
                ids.ref(rng, _pick(rng, "F-99999", "FA9999-99", f"{w.today.year}/999")),
                nature,
                ht,
                round(ht * (1 + vat), 2),
            )
        )
    return out


@template("DEMANDE_TIRAGE", "pc_tirage_courriel", scan=0.03)
def tirage_mail(w: World, rng: random.Random) -> Doc:
    n = rng.randint(3, 18)
    inv = _invoices(w, rng, rng.randint(2, 7))
    total = round(sum(x[4] for x in inv), 2)
    sender = fk.person(rng, w.today)
    banker = fk.person(rng, w.today)
    bank_dom = _slug(w.bank.name.split()[0]) + ".fr"
    subject = _pick(
        rng,
        f"Demande de tirage n°{n} - {w.sccv.name}",
        f"{w.programme} : appel de fonds crédit promoteur - tirage {n}",
        f"Tirage n° {n} / CA {w.programme}",
        f"Déblocage - {w.sccv.name} - {fk.MONTHS_FR[w.today.month - 1]}",
    )
    attach = [f"{x[1].replace('/', '-')}.pdf" for x in inv[:4]]
    if _yes(rng, 0.6):
        attach.append("Attestation_avancement_MOE.pdf")
    direct = _yes(rng, 0.5)
    lines = [f"{x[0]} - {x[2]} - facture {x[1]} : {fk.money(x[4])} TTC" for x in inv]
    blocks: list[Block] = [
        _mail_head(
            rng,
            f"{sender.name} <{_mail(sender, w.developer, rng)}>",
            f"{banker.name} <{_slug(banker.first)}.{_slug(banker.last)}@{bank_dom}>",
            subject,
            w.today,
            cc=_pick(rng, "", f"{w.sccv.manager.name}", "comptabilite@" + _domain(w.developer)),
            attach=attach,
        ),
        Space(6),
        P(_pick(rng, f"Bonjour {banker.first},", f"Bonjour {banker.civ},", "Bonjour,")),
        P(
            _pick(
                rng,
                f"Je vous prie de bien vouloir procéder au tirage n° {n} sur le crédit "
                f"d'accompagnement de la {w.sccv.name}, pour un montant de "
                f"{fk.money(total)}, destiné au règlement des factures suivantes :",
                f"Merci de débloquer {fk.money(total)} sur la ligne de crédit de l'opération "
                f"{w.programme} (demande de tirage n° {n}). Détail :",
            )
        ),
        Bullets(lines),
        P(
            "Merci de régler directement les entreprises par virement (RIB joints)."
            if direct
            else f"Merci de créditer le compte d'opération n° {ids.group4(w.sccv.iban)}, "
            "à partir duquel nous réglerons les fournisseurs."
        ),
    ]
    if _yes(rng, 0.6):
        blocks.append(
            P(
                "Vous trouverez également en pièce jointe l'attestation de l'architecte du "
                f"{fk.fr_date(_plus(w.today, -rng.randint(2, 12)))} confirmant le stade "
                f"« {rng.choice(_STAGE_TEXT)[1]} ». Le taux de pré-commercialisation est "
                "inchangé depuis le dernier état transmis."
            )
        )
    if _yes(rng, 0.4):
        blocks.append(
            P(
                f"Après ce tirage, l'encours s'élèvera à "
                f"{fk.money(round(total * rng.uniform(3, 9), 2))} sur une autorisation de "
                f"{fk.money(round(w.works_ht * 0.3, -4))}."
            )
        )
    blocks += [
        P(_pick(rng, "Bien à vous,", "Cordialement,", "Merci d'avance, bonne journée.")),
        P(
            f"{sender.name}\n{_role_fin(rng)}\n{w.developer.name}\n{w.developer.phone}",
            align="left",
        ),
        _disclaimer(rng),
    ]
    return Doc("", blocks, head_left=[sender.name] if _yes(rng, 0.4) else [])


def _role_fin(rng: random.Random) -> str:
    return _pick(
        rng,
        "Responsable administratif et financier",
        "Contrôleur de gestion programmes",
        "Assistante de programmes",
        "Directeur financier",
    )


@template("DEMANDE_TIRAGE", "pc_tirage_suivi_budget", formats=("pdf", "xlsx", "docx"), scan=0.1)
def tirage_budget(w: World, rng: random.Random) -> Doc:
    n = rng.randint(2, 16)
    works = float(w.works_ht)
    posts = [
        ("Foncier et frais d'acquisition", float(w.land_price) * 1.08),
        ("Travaux", works * 1.2),
        ("Honoraires techniques", works * rng.uniform(0.08, 0.12)),
        ("Assurances", works * rng.uniform(0.015, 0.03)),
        ("Taxes et participations", works * rng.uniform(0.02, 0.05)),
        ("Frais de commercialisation", w.revenue_ttc / 1.2 * rng.uniform(0.03, 0.06)),
        ("Frais financiers", works * rng.uniform(0.02, 0.04)),
    ]
    progress = rng.uniform(0.15, 0.8)
    rows: Rows = []
    tot = [0.0, 0.0, 0.0]
    inv = _invoices(w, rng, rng.randint(3, 9))
    this_by_post = {"Travaux": 0.0, "Honoraires techniques": 0.0, "Taxes et participations": 0.0}
    for x in inv:
        key = (
            "Travaux"
            if "Situation" in x[2]
            else "Taxes et participations"
            if x[2].startswith(("Taxe", "Raccordement", "Participation"))
            else "Honoraires techniques"
        )
        this_by_post[key] += x[4]
    for name, budget in posts:
        budget = round(budget, -2)
        done = round(
            budget * (1.0 if name.startswith("Foncier") else progress * rng.uniform(0.7, 1.1)), 2
        )
        done = min(done, budget)
        now = round(this_by_post.get(name, 0.0), 2)
        rows.append([name, budget, done, now, done + now, budget - done - now])
        tot[0] += budget
        tot[1] += done
        tot[2] += now
    rows.append(["Total", tot[0], tot[1], tot[2], tot[1] + tot[2], tot[0] - tot[1] - tot[2]])
    irows: Rows = [[x[0], x[1], x[2], x[3], x[4]] for x in inv]
    irows.append(["Total", "", "", sum(x[3] for x in inv), tot[2]])
    header_kv = KV(
        [
            ("Emprunteur", w.sccv.name),
            ("Prêteur", w.bank.name),
            (
                "Concours",
                _pick(
                    rng,
                    "Crédit d'accompagnement",
                    "Ouverture de crédit promoteur",
                    "Crédit de trésorerie opération",
                ),
            ),
            ("Demande n°", str(n)),
            ("Date", fk.fr_date(w.today)),
            ("Date de valeur souhaitée", fk.fr_date(_plus(w.today, rng.choice([3, 5, 7])))),
            ("Montant demandé", fk.money(tot[2])),
        ],
        boxed=_yes(rng, 0.5),
    )
    blocks: list[Block] = [
        header_kv,
        H(_pick(rng, "1. Suivi budgétaire de l'opération", "Situation du budget (€ TTC)"), 2),
        Table(
            ["Poste", "Budget", "Payé à ce jour", "Présente demande", "Cumul", "Reste à payer"],
            rows,
            fmt="tmmmmm",
            total=1,
        ),
        H(_pick(rng, "2. Factures à régler", "Détail des dépenses justifiant le tirage"), 2),
        Table(["Bénéficiaire", "Facture", "Objet", "HT", "TTC"], irows, fmt="tttmm", total=1),
        H(_pick(rng, "3. Déclarations de l'emprunteur", "Certification"), 2),
        Bullets(
            rng.sample(
                [
                    "les factures jointes correspondent à des travaux réalisés et à des "
                    "dépenses prévues au budget de l'opération ;",
                    "aucun cas d'exigibilité anticipée n'est survenu ni n'est sur le point de "
                    "survenir ;",
                    "les déclarations faites dans la convention de crédit demeurent exactes ;",
                    "le taux de pré-commercialisation n'a pas diminué depuis la dernière demande ;",
                    "les fonds seront affectés exclusivement au règlement des factures ci-dessus.",
                ],
                k=rng.randint(2, 4),
            )
        ),
        P(
            "Pièces jointes : factures, "
            + _pick(
                rng,
                "attestation d'avancement du maître d'œuvre, ",
                "état d'avancement visé par l'architecte, ",
                "",
            )
            + "état de commercialisation à jour."
        ),
        Sign(
            [
                [f"Pour {w.sccv.name}", w.sccv.manager.name, "(signature autorisée)"],
                *([["Visa du prêteur", "Bon pour décaissement", "Date :"]] if _yes(rng) else []),
            ]
        ),
    ]
    return Doc(
        _pick(
            rng,
            f"DEMANDE DE TIRAGE N° {n}",
            "Demande de décaissement",
            f"Demande d'utilisation n° {n}",
            "demande de mise à disposition des fonds",
        ),
        blocks,
        head_left=letterhead(w.sccv, rng),
        head_right=recipient(
            w.bank,
            _pick(
                rng,
                "du back-office crédits",
                "du service engagements",
                fk.person(rng, w.today).formal,
            ),
        ),
    )


# --------------------------------------------------------------------------------------------
# ATTEST_AVANCEMENT

_STAGE_TEXT = [
    ("achèvement des fondations", "fondations"),
    ("réalisation du plancher haut du rez-de-chaussée", "plancher RDC"),
    ("achèvement du gros œuvre", "gros œuvre"),
    ("mise hors d'eau", "hors d'eau"),
    ("mise hors d'air", "hors d'air"),
    ("achèvement des cloisons et doublages", "cloisons"),
]


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


# --------------------------------------------------------------------------------------------
# PV_RECEPTION

_RESERVES = [
    ("Logement {l}", "rayure sur menuiserie de la porte-fenêtre du séjour", "menuiseries"),
    ("Logement {l}", "joint silicone de la baignoire à reprendre", "plomberie"),
    ("Logement {l}", "éclat de peinture en plafond de la chambre 2", "peinture"),
    ("Hall {b}", "plinthe décollée côté boîtes aux lettres", "revêtements"),
    ("Cage d'escalier {b}", "nez de marche fissuré au 2e étage", "gros œuvre"),
    ("Toiture-terrasse", "relevé d'étanchéité insuffisant en pied d'édicule", "étanchéité"),
    ("Parking sous-sol", "traces d'infiltration en voile nord", "gros œuvre"),
    ("Logement {l}", "prise de courant non fonctionnelle dans la cuisine", "électricité"),
    ("Façade {d}", "reprise d'enduit autour d'une descente EP", "façades"),
    ("Espaces verts", "engazonnement non levé côté rue", "VRD"),
    ("Logement {l}", "volet roulant de la chambre 1 bloqué", "menuiseries"),
    ("Local vélos", "éclairage temporisé absent", "électricité"),
]


def _reserves(rng: random.Random, k: int) -> list[tuple[str, str, str]]:
    out = []
    for where, what, trade in rng.sample(_RESERVES, k=min(k, len(_RESERVES))):
        out.append(
            (
                where.format(
                    l=f"{rng.choice('ABC')}{rng.randint(1, 5)}{rng.randint(1, 9):02d}",
                    b=rng.choice("ABC"),
                    d=rng.choice(["nord", "sud", "est", "ouest"]),
                ),
                what,
                trade,
            )
        )
    return out


@template("PV_RECEPTION", "pc_pv_reception_tous_lots", scan=0.25)
def pv_tous_lots(w: World, rng: random.Random) -> Doc:
    d = _plus(w.delivery_date, -rng.randint(5, 40))
    with_res = _yes(rng, 0.75)
    res = _reserves(rng, rng.randint(3, 10)) if with_res else []
    delay = rng.choice([30, 45, 60, 90])
    owner: list[Company] = []
    for r in res:
        match = [c for c in w.contractors if r[2] in c.trade]
        owner.append(rng.choice(match or w.contractors))
    lrows: Rows = []
    for c in w.contractors:
        mine = [r for r, o in zip(res, owner, strict=True) if o is c]
        decision = (
            "Réception avec réserves"
            if mine
            else _pick(rng, "Réception sans réserve", "Prononcée sans réserve")
        )
        lrows.append([c.trade, c.name, decision, len(mine), f"{delay} j" if mine else "-"])
    present = [
        f"{w.sccv.manager.formal}, pour le maître de l'ouvrage ({w.sccv.name})",
        f"{w.architect.formal}, maître d'œuvre ({w.architect_firm.name})",
        *[f"{c.manager.formal}, pour l'entreprise {c.name}" for c in w.contractors],
    ]
    if _yes(rng, 0.4):
        present.append(f"{fk.person(rng, w.today).formal}, contrôleur technique")
    blocks: list[Block] = [
        KV(
            [
                ("Opération", f"{w.programme} - {w.site.one_line()}"),
                ("Maître de l'ouvrage", w.sccv.name),
                ("Date de la visite de réception", fk.fr_date(d)),
                (
                    "Marchés",
                    _pick(rng, "entreprises séparées", "lots séparés", "corps d'état séparés"),
                ),
            ]
        ),
        H(_pick(rng, "Présents", "Étaient présents"), 2),
        Bullets(present),
        P(
            "Après visite contradictoire des ouvrages exécutés et examen des opérations "
            "préalables à la réception, le maître de l'ouvrage déclare, conformément à "
            "l'article 1792-6 du Code civil :"
        ),
        Table(["Lot", "Entreprise", "Décision", "Réserves", "Délai de levée"], lrows, fmt="tttnt"),
    ]
    if res:
        blocks += [
            H(_pick(rng, "Liste des réserves", "Annexe - réserves"), 2),
            Table(
                ["N°", "Localisation", "Désignation", "Entreprise"],
                [
                    [i, r[0], r[1], o.name]
                    for i, (r, o) in enumerate(zip(res, owner, strict=True), 1)
                ],
                fmt="nttt",
            ),
            P(
                f"Les entreprises s'engagent à lever les réserves les concernant dans un "
                f"délai de {delay} jours. À défaut, le maître de l'ouvrage pourra les faire "
                "exécuter aux frais et risques de l'entreprise défaillante, après mise en "
                "demeure."
            ),
        ]
    blocks += [
        P(
            f"La réception prend effet à la date du {fk.fr_date(d)}. Elle fait courir la "
            "garantie de parfait achèvement (un an), la garantie de bon fonctionnement (deux "
            "ans, art. 1792-3) et la responsabilité décennale (art. 1792-4-1 du Code civil)."
        ),
        P(
            _pick(
                rng,
                "La retenue de garantie de 5 % sera libérée un an après la réception, "
                "sauf opposition motivée.",
                "Le transfert de la garde des ouvrages au maître "
                "de l'ouvrage intervient à cette date.",
                "",
            )
        ),
        Sign(
            [
                ["Le maître de l'ouvrage", w.sccv.manager.name],
                ["Le maître d'œuvre", w.architect.name],
                ["Les entreprises", *[c.name for c in w.contractors[:3]]],
            ]
        ),
    ]
    return Doc(
        _pick(
            rng,
            "PROCÈS-VERBAL DE RÉCEPTION DES TRAVAUX",
            "Procès-verbal de réception",
            "PV DE RÉCEPTION - TOUS CORPS D'ÉTAT",
            "réception des travaux",
        ),
        blocks,
        head_left=letterhead(w.architect_firm, rng, ids=False) if _yes(rng) else [w.sccv.name],
        footer=f"{w.programme} - PV de réception du {fk.fr_date(d)}",
    )


@template("PV_RECEPTION", "pc_pv_reception_formulaire", scan=0.35)
def pv_formulaire(w: World, rng: random.Random) -> Doc:
    c = rng.choice(w.contractors)
    d = _plus(w.delivery_date, -rng.randint(0, 45))
    kind = rng.choice(["sans", "avec", "avec", "refus"]) if _yes(rng, 0.9) else "avec"
    amount = round(w.works_ht * rng.uniform(0.04, 0.3), 2)
    res = _reserves(rng, rng.randint(1, 6)) if kind == "avec" else []
    lot_no = rng.randint(1, 18)
    blocks: list[Block] = [
        Box(
            [
                f"Maître de l'ouvrage : {w.sccv.name}",
                f"Opération : {w.programme}, {w.site.one_line()}",
                f"Maître d'œuvre : {w.architect_firm.name}",
            ],
            _pick(rng, "Désignation de l'opération", "OPÉRATION"),
        ),
        Box(
            [
                f"Entreprise : {c.full} - SIRET {c.siret}",
                f"Lot n° {lot_no} : {c.trade}",
                f"Marché du {fk.fr_date(_plus(w.start_date, -rng.randint(10, 60)))} - "
                f"montant HT {fk.money(amount)}",
                f"Avenant(s) : {rng.choice(['néant', 'n° 1', 'n° 1 et 2'])}",
            ],
            _pick(rng, "Titulaire du marché", "ENTREPRISE"),
        ),
        P(
            f"Le maître de l'ouvrage, après avoir visité les ouvrages le {fk.fr_date(d)} en "
            "présence de l'entrepreneur"
            + _pick(rng, " et du maître d'œuvre", "", " dûment convoqué")
            + ", déclare :"
        ),
        Bullets(
            [
                ("[X] " if kind == "sans" else "[ ] ") + "prononcer la réception sans réserve",
                ("[X] " if kind == "avec" else "[ ] ")
                + "prononcer la réception avec les réserves ci-dessous",
                ("[X] " if kind == "refus" else "[ ] ") + "refuser la réception (motifs "
                "ci-dessous)",
            ]
        ),
    ]
    if res:
        blocks.append(Bullets([f"{r[0]} : {r[1]}" for r in res], ordered=True))
        blocks.append(
            P(f"Délai imparti pour la levée des réserves : {rng.choice([30, 60, 90])} jours.")
        )
    if kind == "refus":
        blocks.append(
            P(
                "Motifs : "
                + _pick(
                    rng,
                    "essais COPREC non réalisés, ouvrages incomplets en parties communes.",
                    "défaut d'étanchéité généralisé de la toiture-terrasse, nouvelle visite "
                    "à programmer.",
                )
            )
        )
    else:
        blocks.append(P(f"Date d'effet de la réception : {fk.fr_date(d)}.", style="bold"))
    blocks += [
        P(
            _pick(
                rng,
                "Réception prononcée en application de l'article 1792-6 du Code civil et de la "
                "norme NF P 03-001.",
                "La retenue de garantie (5 % au plus, loi n° 71-584 du 16 juillet 1971) sera "
                "restituée à l'expiration du délai d'un an, sauf réserves non levées.",
                "Le présent procès-verbal est établi en trois exemplaires.",
            ),
            style="small",
        ),
        P(place_date(w, rng, d, w.site.town)),
        Sign(
            [
                ["Le maître de l'ouvrage", ""],
                ["L'entrepreneur", c.manager.name],
                *([["Le maître d'œuvre", w.architect.name]] if _yes(rng) else []),
            ]
        ),
    ]
    return Doc(
        _pick(
            rng,
            "PROCÈS-VERBAL DE RÉCEPTION",
            f"PV de réception - lot {lot_no}",
            "Réception des travaux",
            "procès verbal de réception des ouvrages",
        ),
        blocks,
        title_sub=_pick(rng, "Article 1792-6 du Code civil", "", "Marchés privés"),
    )


# --------------------------------------------------------------------------------------------
# ATTEST_ACHEVEMENT


@template("ATTEST_ACHEVEMENT", "pc_achevement_constat_expert", scan=0.12)
def achevement_expert(w: World, rng: random.Random) -> Doc:
    expert = fk.person(rng, w.today)
    cabinet = _pick(
        rng,
        f"Cabinet {expert.last} Expertises",
        f"{expert.last} Ingénierie Conseil",
        f"Expertise Bâtiment {expert.last.upper()}",
    )
    guarantor = _pick(rng, w.bank.name, rng.choice(fk.INSURERS))
    visit = _plus(w.delivery_date, rng.randint(-10, 30))
    docs = rng.sample(
        [
            f"permis de construire n° {w.permit_no}",
            "notice descriptive annexée aux actes de vente",
            "procès-verbaux de réception des travaux et listes de réserves",
            "rapport final du contrôleur technique",
            "plans de récolement",
            "déclaration attestant l'achèvement et la conformité des travaux (DAACT)",
            "attestation d'accessibilité",
            "attestation de prise en compte de la réglementation environnementale",
        ],
        k=rng.randint(3, 6),
    )
    bats = [f"Bâtiment {x}" for x in "ABC"[: rng.randint(1, 3)]]
    observations: Rows = [
        [
            b,
            _pick(rng, "achevé", "achevé - finitions en cours de levée"),
            _pick(rng, "conformes", "conformes, réserves mineures"),
        ]
        for b in bats
    ]
    observations.append(
        ["Parties communes / VRD", "achevés", _pick(rng, "conformes", "réserves mineures")]
    )
    blocks: list[Block] = [
        H("1. Mission"),
        P(
            f"Par lettre du {fk.fr_date(_plus(visit, -rng.randint(15, 45)))}, "
            f"{guarantor}, garant de l'achèvement de l'immeuble édifié par la {w.sccv.name}, "
            "nous a désigné(e)s en qualité de personne qualifiée aux fins de constater "
            "l'achèvement de l'immeuble au sens des articles R261-1 et R261-24 du Code de la "
            "construction et de l'habitation."
        ),
        H("2. Immeuble concerné"),
        KV(
            [
                ("Programme", f"{w.programme} - {w.lots} logements"),
                ("Adresse", w.site.one_line()),
                ("Cadastre", w.cadastre),
                ("Vendeur", w.sccv.name),
                ("Maître d'œuvre", w.architect_firm.name),
            ]
        ),
        H("3. Documents examinés"),
        Bullets(docs),
        H("4. Constatations"),
        P(
            f"Visite effectuée le {fk.fr_date(visit)} en présence de "
            f"{w.sccv.manager.formal} et de {w.architect.formal}."
        ),
        Table(["Ouvrage", "État", "Éléments d'équipement"], observations),
    ]
    if _yes(rng, 0.6):
        blocks.append(
            P(
                "Subsistent quelques défauts de finition (peintures, réglages de menuiseries, "
                "nettoyage) qui ne présentent pas de caractère substantiel et ne rendent pas "
                "les ouvrages impropres à leur utilisation."
            )
        )
    blocks += [
        H("5. Conclusion"),
        P(
            "Nous constatons que sont exécutés les ouvrages et installés les éléments "
            "d'équipement indispensables à l'utilisation, conformément à sa destination, de "
            "l'immeuble faisant l'objet des ventes. Les défauts de conformité relevés ne sont "
            "pas substantiels."
        ),
        P(
            f"En conséquence, l'immeuble est ACHEVÉ au sens de l'article R261-1 du CCH à la "
            f"date du {fk.fr_date(visit)}. Le présent constat est établi pour permettre "
            "l'extinction de la garantie financière d'achèvement (article R261-24).",
            style="bold",
        ),
        P(
            "Il ne vaut ni réception des travaux, ni levée des réserves, ni renonciation des "
            "acquéreurs aux garanties légales.",
            style="small",
        ),
        P(_town_date(rng, expert.address.town, _plus(visit, rng.randint(0, 7)))),
        Sign(
            [
                [
                    expert.name,
                    _pick(rng, "Expert près la cour d'appel", "Ingénieur ETP", "Architecte expert"),
                    cabinet,
                ]
            ]
        ),
    ]
    return Doc(
        _pick(
            rng,
            "CONSTAT D'ACHÈVEMENT",
            "Rapport de constat d'achèvement",
            "Attestation d'achèvement de l'immeuble",
            "Constat d'achèvement (art. R261-24 CCH)",
        ),
        blocks,
        head_left=[cabinet, *expert.address.lines(), fk.phone(rng)],
        head_right=[guarantor, "Service garanties d'achèvement"] if _yes(rng) else [],
    )


@template("ATTEST_ACHEVEMENT", "pc_achevement_formulaire", scan=0.3)
def achevement_form(w: World, rng: random.Random) -> Doc:
    d = _plus(w.delivery_date, rng.randint(-5, 20))
    arch = _yes(rng, 0.6)
    who = w.architect if arch else fk.person(rng, w.today)
    recep = _plus(d, -rng.randint(0, 25))
    blocks: list[Block] = [
        Box(
            [
                f"{w.sccv.name}",
                f"Immeuble « {w.programme} » - {w.site.one_line()}",
                f"Permis de construire : {w.permit_no}",
            ],
            _pick(rng, "Vendeur / maître de l'ouvrage", "IMMEUBLE"),
        ),
        P(
            f"Je soussigné(e) {who.formal}, "
            + (
                f"architecte, maître d'œuvre de l'opération ({w.architect_firm.name}),"
                if arch
                else _pick(
                    rng,
                    "homme de l'art désigné d'un commun accord,",
                    "personne qualifiée désignée par le garant,",
                )
            )
        ),
        P("atteste que :", style="bold"),
        Bullets(
            [
                "[X] les ouvrages sont exécutés et les éléments d'équipement indispensables à "
                "l'utilisation de l'immeuble sont installés (art. R261-1 CCH) ;",
                "[X] les défauts de conformité éventuels ne présentent pas de caractère "
                "substantiel ;",
                f"[{'X' if _yes(rng, 0.7) else ' '}] la réception des travaux a été prononcée "
                f"le {fk.fr_date(recep)} ;",
                f"[{'X' if _yes(rng, 0.4) else ' '}] la déclaration attestant l'achèvement et "
                "la conformité des travaux sera déposée en mairie par le maître d'ouvrage.",
            ]
        ),
        P(
            f"Date d'achèvement : {fk.fr_date(d)}",
            style="big",
        ),
        P(
            _pick(
                rng,
                "La présente attestation est établie en application de l'article R261-24 du "
                "Code de la construction et de l'habitation ; elle met fin à la garantie "
                "financière d'achèvement.",
                "Attestation remise au notaire du programme et au garant d'achèvement, pour "
                "valoir ce que de droit.",
            ),
            style="small",
        ),
        P(place_date(w, rng, _plus(d, rng.randint(0, 5)))),
        Sign([[who.name, "signature et cachet"]]),
    ]
    return Doc(
        _pick(
            rng,
            "ATTESTATION D'ACHÈVEMENT",
            "Certificat d'achèvement",
            "Attestation d'achèvement des travaux - R261-24",
            "attestation d'achèvement",
        ),
        blocks,
        head_left=letterhead(w.architect_firm, rng) if arch else [who.name, *who.address.lines()],
    )


# --------------------------------------------------------------------------------------------
# MAINLEVEE


@template("MAINLEVEE", "pc_mainlevee_acte_radiation", scan=0.1)
def mainlevee_acte(w: World, rng: random.Random) -> Doc:
    partial = _yes(rng, 0.45)
    # a total release follows the repayment, i.e. the end of the programme
    when = w.today if partial else max(w.today, _plus(w.delivery_date, rng.randint(20, 240)))
    proxy = fk.person(rng, w.today)
    lots = lot_rows(w, rng, rng.randint(1, 4)) if partial else []
    inscr: Rows = []
    base = _plus(w.start_date, -rng.randint(20, 120))
    kinds = [
        "Hypothèque conventionnelle",
        "Privilège de prêteur de deniers"
        if base < dt.date(2023, 1, 1)
        else "Hypothèque légale spéciale du prêteur de deniers",
    ]
    for k in rng.sample(kinds, k=rng.randint(1, 2)):
        inscr.append(
            [
                k,
                fk.fr_date(_plus(base, rng.randint(5, 30))),
                f"{base.year} V n° {rng.randint(100, 9999)}",
                float(round(w.works_ht * rng.uniform(0.1, 0.4), -3)),
            ]
        )
    blocks: list[Block] = [
        P(_date_words(when) + ",", style="bold"),
        P(
            f"Maître {w.notary.name}, notaire à {w.notary.address.town}, a reçu le présent "
            "acte contenant MAINLEVÉE "
            + ("PARTIELLE" if partial else "TOTALE")
            + " à la requête de :"
        ),
        P(
            f"{_cap(_societe(w.bank, rng, rep=False))}, ci-après « le Créancier », représentée par "
            f"{proxy.formal}, en vertu d'une délégation de pouvoirs demeurée annexée."
        ),
        H(_pick(rng, "Inscriptions concernées", "EXPOSÉ")),
        P(
            f"Au profit du Créancier, ont été inscrites contre la {w.sccv.name} au service "
            f"de la publicité foncière de {w.site.town} les inscriptions suivantes, sur un "
            f"terrain sis {w.site.one_line()}, cadastré {w.cadastre} :"
        ),
        Table(["Nature", "Date de dépôt", "Références", "Montant en principal"], inscr, fmt="tttm"),
        H("MAINLEVÉE"),
    ]
    if partial:
        blocks += [
            P(
                "Le Créancier donne mainlevée pure et simple et consent à la radiation "
                "partielle des inscriptions ci-dessus, en tant seulement qu'elles grèvent les "
                "lots de copropriété suivants, vendus en l'état futur d'achèvement :"
            ),
            Table(
                ["Lot", "Désignation", "Acquéreur"],
                [
                    [x["lot"], f"{x['type']} - {x['floor']}", f"{fk.person(rng, w.today).formal}"]
                    for x in lots
                ],
            ),
            P("Les inscriptions sont maintenues sur le surplus des biens."),
        ]
    else:
        blocks.append(
            P(
                "Le Créancier, reconnaissant avoir été intégralement payé des sommes garanties, "
                "donne mainlevée pure et simple et consent à la radiation totale et définitive "
                "des inscriptions ci-dessus, avec désistement de tous droits d'hypothèque et "
                "de l'action résolutoire."
            )
        )
    blocks += [
        P(
            "Dispense est faite au service de la publicité foncière de toute mention "
            "complémentaire. Les frais du présent acte sont à la charge du débiteur."
        ),
        H("DONT ACTE"),
        P(
            "Fait et passé en l'office notarial, à la date indiquée en tête des présentes. "
            "Après lecture, le représentant du Créancier a signé avec le notaire."
        ),
        Sign([["Le Créancier", proxy.name], ["Le notaire", w.notary.name]]),
    ]
    return Doc(
        _pick(
            rng,
            "MAINLEVÉE",
            "Acte de mainlevée d'inscriptions",
            "MAINLEVÉE PARTIELLE" if partial else "MAINLEVÉE TOTALE",
            "mainlevée et radiation",
        ),
        blocks,
        head_left=[w.notary_office, *w.notary.address.lines()],
        header=f"Mainlevée {w.bank.name} / {w.sccv.name}" if _yes(rng) else "",
    )


@template("MAINLEVEE", "pc_mainlevee_accord_banque", scan=0.15)
def mainlevee_accord(w: World, rng: random.Random) -> Doc:
    kind = rng.choice(["lot", "gfa", "nantissement", "caution"])
    banker, role = _banker(w, rng)
    lot = lot_rows(w, rng, 1)[0]
    quota = round(float(lot["price"]) * rng.choice([0.7, 0.8, 0.9]), 2)
    to_notary = kind in ("lot", "gfa") or _yes(rng, 0.3)
    when = w.today if kind == "lot" else max(w.today, _plus(w.delivery_date, rng.randint(15, 200)))
    if kind == "lot":
        obj = f"Accord de mainlevée partielle - lot n° {lot['lot']} - {w.programme}"
        body = [
            P(
                f"Vous nous informez de la vente en l'état futur d'achèvement du lot "
                f"n° {lot['lot']} ({lot['type']}) de l'opération « {w.programme} », dont la "
                f"signature est prévue le {fk.fr_date(_plus(w.today, rng.randint(3, 20)))}."
            ),
            P(
                "Nous vous donnons notre accord pour la mainlevée partielle de "
                + _pick(
                    rng,
                    "l'hypothèque",
                    "la promesse d'affectation hypothécaire",
                    "nos inscriptions",
                )
                + f" grevant ce lot, sous réserve du versement sur le compte de l'opération "
                f"de la quote-part de prix de {fk.money(quota)}, conformément à la "
                "convention de crédit."
            ),
        ]
    elif kind == "gfa":
        obj = f"Mainlevée de la garantie financière d'achèvement - {w.sccv.name}"
        body = [
            P(
                f"Au vu de l'attestation d'achèvement établie le "
                f"{fk.fr_date(_plus(w.delivery_date, rng.randint(0, 10)))} en application de "
                "l'article R261-24 du CCH, "
                "nous vous confirmons que notre garantie financière d'achèvement délivrée "
                f"pour l'immeuble « {w.programme} » est éteinte."
            ),
            P(
                "Notre engagement prend fin à compter de ce jour ; nous vous remercions d'en "
                "faire mention dans vos dossiers et de nous restituer l'original de l'acte de "
                "cautionnement si vous le détenez."
            ),
        ]
    elif kind == "nantissement":
        obj = f"Mainlevée du nantissement des parts sociales de la {w.sccv.name}"
        body = [
            P(
                "Le crédit d'accompagnement consenti à la société ayant été intégralement "
                "remboursé, nous donnons mainlevée du nantissement des parts sociales "
                f"inscrit en notre faveur au greffe du tribunal de commerce de "
                f"{w.sccv.rcs_town}."
            ),
            P(
                "Nous vous autorisons à procéder à la radiation de l'inscription, les frais "
                "restant à la charge de la société."
            ),
        ]
    else:
        obj = f"Libération de votre engagement de caution - {w.sccv.name}"
        body = [
            P(
                f"Nous vous informons que les sommes garanties par votre engagement de "
                f"caution du {fk.fr_date(w.start_date)} ont été intégralement réglées. Vous "
                "êtes en conséquence délié(e) de cet engagement, dont nous donnons mainlevée "
                "pleine et entière."
            )
        ]
    blocks: list[Block] = [
        P(f"Objet : {obj}", style="bold"),
        P(_pick(rng, "Maître,", "Cher Maître,") if to_notary else "Madame, Monsieur,"),
        *body,
    ]
    if kind == "lot" and _yes(rng, 0.6):
        blocks.append(
            P(
                "Le présent accord est valable trois mois. Les frais de mainlevée restent à la "
                "charge du vendeur ; merci de nous adresser une copie de l'acte de vente et "
                "l'avis de virement de la quote-part dès la signature."
            )
        )
    elif _yes(rng, 0.5):
        blocks.append(
            P(
                _pick(
                    rng,
                    f"Copie de la présente est adressée à la {w.sccv.name} et à son gérant.",
                    "Nous restons à votre disposition pour signer tout acte nécessaire à la "
                    "radiation des inscriptions correspondantes.",
                    "Cette mainlevée n'emporte aucune renonciation à nos autres garanties au "
                    "titre d'autres concours.",
                )
            )
        )
    if _yes(rng, 0.4):
        blocks.append(P(f"Nos références : dossier {ids.ref(rng, '999 999 AA')}.", style="small"))
    blocks += [
        P(_salut(rng, "Maître" if to_notary else "Madame, Monsieur")),
        Sign([[w.bank.name, banker.name, role]]),
    ]
    recip = (
        [f"Maître {w.notary.name}", w.notary_office, *w.notary.address.lines()]
        if to_notary
        else recipient(w.sccv if kind != "caution" else w.developer)
    )
    return Doc(
        _pick(rng, "", "", "MAINLEVÉE", "Accord de mainlevée"),
        blocks,
        head_left=letterhead(w.bank, rng),
        head_right=[*recip, _town_date(rng, w.bank.address.town, when)],
    )
