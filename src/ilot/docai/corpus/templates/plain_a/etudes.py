"""Market studies and unrelated documents (ETUDE_MARCHE, AUTRE).

Part of `plain_a`, the templates of another writer (see its package docstring).
"""

from __future__ import annotations

import random

from ... import fakes as fk
from ... import identifiers as ids
from ...fakes import Company, Person, World
from ...model import KV, Block, Box, Bullets, Doc, H, P, Sign, Table
from ...registry import template
from ..common import alt, place_date, recipient
from ._shared import Rows, _days, _de, _pct, _plain


def _email(p: Person, domain: str) -> str:
    first = _plain(p.first).lower().replace(" ", "-")
    last = _plain(p.last).lower().replace(" ", "")
    return f"{first}.{last}@{domain}"


def _domain(c: Company) -> str:
    return c.email.split("@")[-1]


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
