"""Acceptance reports and completion certificates (PV_RECEPTION, ATTEST_ACHEVEMENT). Part of
`plain_c`, the templates of another writer (see its package docstring).
"""

from __future__ import annotations

import random

from ... import fakes as fk
from ...fakes import Company, World
from ...model import KV, Block, Box, Bullets, Doc, H, P, Sign, Table
from ...registry import template
from ..common import letterhead, place_date
from ._shared import Rows, _pick, _plus, _town_date, _yes

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
