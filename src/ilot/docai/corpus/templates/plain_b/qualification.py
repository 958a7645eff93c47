"""Contractor qualifications (QUALIFICATION_ENTREPRISE).

Part of `plain_b`, the templates of another writer (see its package docstring).
"""

from __future__ import annotations

import datetime as dt
import random

from ... import fakes as fk
from ... import identifiers as ids
from ...fakes import World
from ...model import KV, Block, Cell, Doc, H, P, Sign, Table
from ...registry import template
from ..common import alt
from ._shared import _case, _sign_date

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
