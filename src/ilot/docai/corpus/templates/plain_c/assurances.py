"""Building-damage insurance (ASSURANCE_DO).

Part of `plain_c`, the templates of another writer (see its package docstring).
"""

from __future__ import annotations

import random

from ... import fakes as fk
from ... import identifiers as ids
from ...fakes import World
from ...model import KV, Block, Box, Break, Bullets, Doc, H, P, Sign, Table
from ...registry import template
from ..common import place_date
from ._shared import Rows, _insurer_head, _pc_ref, _pick, _plus, _salut, _town_date, _ttc, _yes


# --------------------------------------------------------------------------------------------
# small helpers
def _building_insurer(rng: random.Random) -> str:
    """Insurer of a contractor: the architects' mutual does not insure builders."""
    return rng.choice([i for i in fk.INSURERS if "Architectes" not in i])


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
