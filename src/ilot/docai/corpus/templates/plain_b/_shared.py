"""Helpers and constants shared by several modules of `plain_b`."""

from __future__ import annotations

import datetime as dt
import random

from ... import fakes as fk
from ...fakes import Person, World
from ...model import P
from ..common import alt, company_phrase, person_phrase


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


def _de(town: str) -> str:
    return f"d'{town}" if town[:1] in "AEIOUÉÈYaeiouy" else f"de {town}"


def _later(d: dt.date, lo: int, hi: int, rng: random.Random) -> dt.date:
    return d + dt.timedelta(days=rng.randint(lo, hi))


def _mr(p: Person) -> str:
    return ("M. " if p.sex == 1 else "Mme ") + f"{p.first[0]}. {p.last}"


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
