"""Insurance certificates (ASSURANCE_PROMOTEUR, ATTEST_ASSURANCE_ENTREPRISE).

Part of `plain_c`, the templates of another writer (see its package docstring).
"""

from __future__ import annotations

import datetime as dt
import random

from ... import fakes as fk
from ... import identifiers as ids
from ...fakes import World
from ...model import KV, Block, Bullets, Doc, H, P, Sign, Space, Table
from ...registry import template
from ..common import place_date, recipient
from ._shared import (
    Rows,
    _disclaimer,
    _insurer_head,
    _mail,
    _mail_head,
    _order_no,
    _pick,
    _slug,
    _societe,
    _town_date,
    _ttc,
    _yes,
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
