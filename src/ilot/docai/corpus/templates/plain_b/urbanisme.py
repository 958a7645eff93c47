"""Planning permissions (AUTORISATION_URBANISME).

Part of `plain_b`, the templates of another writer (see its package docstring).
"""

from __future__ import annotations

import datetime as dt
import random

from ... import fakes as fk
from ... import identifiers as ids
from ...fakes import World
from ...model import Block, Bullets, Cell, Doc, H, P, Sign, Table
from ...registry import template
from ..common import alt, recipient
from ._shared import _case, _de, _later, _sign_date, _signatory, _town_hall


# ---------------------------------------------------------------------------------------------
# small helpers
def _keep_order(rng: random.Random, items: list[str], k: int) -> list[str]:
    """A random subset that keeps the items' logical order."""
    idx = sorted(rng.sample(range(len(items)), k=min(k, len(items))))
    return [items[i] for i in idx]


# ---------------------------------------------------------------------------------------------
# AUTORISATION_URBANISME
@template("AUTORISATION_URBANISME", "pb_arrete_autorisation_variante", scan=0.25)
def pb_arrete_autorisation_variante(w: World, rng: random.Random) -> Doc:
    """Decision laid out as a cartouche then 'Vu / Considérant / Arrête', several kinds."""
    kind = rng.choice(["initial", "modificatif", "transfert", "division", "amenager"])
    num = w.permit_no
    if kind == "modificatif":
        num += f" M{rng.randint(1, 3):02d}"
    elif kind == "transfert":
        num += f" T{rng.randint(1, 2):02d}"
    if kind == "amenager":
        num = num.replace("PC", "PA", 1)
    decided = (
        w.permit_date
        if kind in ("initial", "division", "amenager")
        else _later(w.permit_date, 90, 400, rng)
    )
    filed = decided - dt.timedelta(days=rng.randint(70, 160 if kind == "initial" else 85))
    completed = filed + dt.timedelta(days=rng.randint(15, 50))
    holder = w.sccv if kind != "initial" or rng.random() < 0.6 else w.developer
    objects = {
        "initial": f"Construction d'un immeuble collectif de {w.lots} logements et de "
        f"{rng.randint(w.lots // 2, w.lots + 10)} places de stationnement",
        "modificatif": alt(
            rng,
            [
                "Modification de l'aspect des façades et des menuiseries extérieures",
                "Modification de l'implantation du bâtiment B et suppression de deux places de "
                "stationnement",
                f"Redistribution des logements (passage de {w.lots - 2} à {w.lots} logements) "
                "sans création de surface de plancher",
                "Modification des clôtures et des espaces verts",
            ],
        ),
        "transfert": f"Transfert du permis de construire n° {w.permit_no} au profit de la "
        f"{w.sccv.name}",
        "division": f"Construction de {w.lots} logements répartis en {rng.randint(2, 4)} "
        "bâtiments, avec division du terrain avant achèvement (article R431-24 du code de "
        "l'urbanisme)",
        "amenager": f"Création d'un lotissement de {rng.randint(4, 25)} lots à bâtir et des "
        "voies et réseaux correspondants",
    }
    title_kind = {
        "initial": "permis de construire",
        "modificatif": "permis de construire modificatif",
        "transfert": "transfert de permis de construire",
        "division": "permis de construire valant division",
        "amenager": "permis d'aménager",
    }[kind]
    cart: list[tuple[str, str]] = [
        ("Demande déposée le", fk.fr_date(filed)),
        ("Complétée le", fk.fr_date(completed)),
        ("Par", holder.full),
        ("Représentée par", holder.manager.formal),
        ("Demeurant", holder.address.one_line()),
        ("Pour", objects[kind]),
        ("Sur un terrain sis", f"{w.site.one_line()} - cadastre {w.cadastre}"),
    ]
    if kind in ("initial", "division", "modificatif"):
        extra = 0 if kind == "modificatif" else w.sdp_m2
        cart.append(("Surface de plancher créée", f"{extra} m²"))
    cart_rows: list[list[Cell]] = [[k, v] for k, v in cart]
    vus = [
        "Vu le code de l'urbanisme, et notamment ses articles L421-1 et suivants, R421-1 et "
        "suivants ;",
        f"Vu le plan local d'urbanisme approuvé le {fk.fr_date(filed - dt.timedelta(days=1400))}"
        f", modifié le {fk.fr_date(filed - dt.timedelta(days=rng.randint(90, 600)))} ;",
        f"Vu la demande susvisée et les pièces complémentaires reçues le {fk.fr_date(completed)} ;",
        "Vu l'affichage en mairie de l'avis de dépôt le "
        f"{fk.fr_date(filed + dt.timedelta(days=rng.randint(2, 12)))} ;",
        "Vu l'avis d'Enedis en date du "
        f"{fk.fr_date(min(decided, completed + dt.timedelta(days=rng.randint(5, 30))))} ;",
        "Vu l'avis du gestionnaire du service public de l'eau et de l'assainissement ;",
    ]
    if kind == "modificatif" or kind == "transfert":
        vus.insert(
            1,
            f"Vu le permis de construire n° {w.permit_no} accordé le {fk.fr_date(w.permit_date)} ;",
        )
    if kind == "transfert":
        vus.append(
            f"Vu l'accord du titulaire initial, la société {w.developer.name}, en date du "
            f"{fk.fr_date(decided - dt.timedelta(days=rng.randint(15, 60)))} ;"
        )
    considerants = [
        "Considérant que le projet se situe en zone "
        f"{rng.choice(['UA', 'UB', 'UC', 'UD', '1AUa'])} "
        "du plan local d'urbanisme ;",
        "Considérant que le projet respecte les règles de hauteur et d'implantation applicables "
        "dans la zone ;",
        "Considérant que l'article R111-2 du code de l'urbanisme permet de refuser ou de "
        "n'accepter un projet que sous réserve de prescriptions spéciales s'il est de nature à "
        "porter atteinte à la sécurité publique ;",
    ]
    presc = rng.sample(
        [
            "Les eaux pluviales seront infiltrées sur l'unité foncière ; aucun rejet au réseau "
            "public ne sera admis sans accord du gestionnaire.",
            "Les teintes des enduits et menuiseries seront soumises à l'avis du service "
            "urbanisme avant mise en œuvre.",
            "Les arbres de haute tige abattus seront remplacés nombre pour nombre.",
            "L'accès au chantier se fera exclusivement par la voie indiquée au plan de masse.",
            "Le raccordement au réseau électrique nécessite une extension dont la contribution "
            "sera à la charge de la commune selon l'avis du gestionnaire.",
        ],
        k=rng.randint(1, 3),
    )
    blocks: list[Block] = [
        Table([], cart_rows, widths=[1.6, 4.4]),
        P(f"Le Maire de la commune {_de(w.site.town)},", style="bold"),
        *[P(v, style="small") for v in vus],
        *[P(c, style="small") for c in rng.sample(considerants, k=rng.randint(1, 3))],
        P("ARRÊTE", align="center", style="bold"),
        P(
            f"Article 1 : Le {title_kind} est ACCORDÉ pour le projet décrit dans la demande "
            "susvisée"
            + (
                ", sous réserve du respect des prescriptions mentionnées à l'article 2."
                if presc
                else "."
            )
        ),
        P("Article 2 : " + " ".join(presc)),
    ]
    if kind in ("modificatif", "transfert"):
        blocks.append(
            P(
                "Article 3 : Les prescriptions du permis initial qui ne sont pas contraires au "
                "présent arrêté demeurent applicables."
            )
        )
    if kind == "transfert":
        blocks.append(
            P(
                f"Le bénéficiaire du transfert, la {w.sccv.name}, sera seul redevable des "
                "taxes et participations afférentes au permis."
            )
        )
    blocks += [
        _sign_date(w, rng, decided, w.site.town),
        Sign([_signatory(w, rng)]),
        P(
            "La présente décision est transmise au représentant de l'État dans les conditions "
            "prévues à l'article L2131-2 du code général des collectivités territoriales.",
            style="small",
        ),
    ]
    if rng.random() < 0.75:
        blocks += [
            H(alt(rng, ["INFORMATIONS", "Observations à lire attentivement", "À SAVOIR"]), 2),
            P(
                "Commencement des travaux : l'autorisation est exécutoire dès sa notification. "
                "Elle est périmée si les travaux ne sont pas entrepris dans un délai de trois "
                "ans, ou s'ils sont interrompus pendant plus d'une année ; ce délai peut être "
                "prorogé deux fois pour une durée d'un an (articles R424-17 et R424-21).",
                style="small",
            ),
            P(
                "Affichage : mention de l'autorisation doit être affichée sur le terrain, de "
                "manière visible de l'extérieur, par les soins du bénéficiaire, dès sa "
                "notification et pendant toute la durée du chantier, sur un panneau de plus de "
                "80 centimètres.",
                style="small",
            ),
            P(
                "Délais et voies de recours : le bénéficiaire qui désire contester la décision "
                "peut saisir le tribunal administratif compétent d'un recours contentieux dans "
                "les deux mois à partir de sa notification. Les tiers disposent d'un délai de "
                "deux mois à compter du premier jour d'une période continue de deux mois "
                "d'affichage sur le terrain. L'autorisation peut être retirée par l'autorité "
                "qui l'a délivrée, si elle est illégale, dans les trois mois suivant sa date.",
                style="small",
            ),
        ]
    return Doc(
        _case(
            rng,
            alt(
                rng,
                [
                    f"Arrêté n° {ids.ref(rng, '9999-999')} portant {title_kind}",
                    f"{title_kind} - décision",
                    f"Arrêté accordant un {title_kind}"
                    if kind != "transfert"
                    else "Arrêté de transfert de permis de construire",
                    f"Dossier n° {num}",
                ],
            ),
        ),
        blocks,
        head_left=_town_hall(w, rng),
        head_right=[f"N° {num}", f"Date de dépôt : {fk.fr_date(filed)}"]
        if rng.random() < 0.7
        else [],
    )


_TA_VALUES = {2022: 820, 2023: 886, 2024: 892, 2025: 914, 2026: 930}


@template("AUTORISATION_URBANISME", "pb_notification_permis_taxes", scan=0.15)
def pb_notification_permis_taxes(w: World, rng: random.Random) -> Doc:
    """Town-hall notification letter of a granted permit, with the planning taxes estimate."""
    sent = w.permit_date + dt.timedelta(days=rng.randint(0, 8))
    instr = fk.person(rng, w.today)
    kind = alt(rng, ["permis de construire", "permis de construire valant division"])
    blocks: list[Block] = [
        P(
            alt(
                rng,
                [
                    "Lettre recommandée avec avis de réception",
                    "LRAR n° 1A " + ids.ref(rng, "999 999 9999 9"),
                    "Notification par voie électronique",
                ],
            ),
            style="italic",
        ),
        P(
            "Objet : "
            + alt(rng, ["Notification de décision", "Votre demande de " + kind, "Décision"])
            + f" - dossier n° {w.permit_no}",
            style="bold",
        ),
        P(f"Affaire suivie par : {instr.name} - {fk.phone(rng)}", style="small"),
        P(
            alt(
                rng,
                ["Madame, Monsieur,", "Monsieur le Gérant,", "Madame, Monsieur le représentant,"],
            )
        ),
        P(
            f"J'ai l'honneur de vous notifier l'arrêté du {fk.fr_date_long(w.permit_date)} par "
            f"lequel le {kind} n° {w.permit_no} vous est accordé pour la construction de "
            f"{w.lots} logements sur le terrain situé {w.site.one_line()}."
        ),
        P("Je vous rappelle les formalités qui vous incombent désormais :"),
        Bullets(
            _keep_order(
                rng,
                [
                    "afficher l'autorisation sur le terrain, de façon visible depuis la voie "
                    "publique, pendant toute la durée du chantier ;",
                    "adresser en mairie la déclaration d'ouverture de chantier (cerfa n° 13407) "
                    "dès le commencement des travaux ;",
                    "déposer à l'achèvement la déclaration attestant l'achèvement et la "
                    "conformité des travaux (cerfa n° 13408) ;",
                    "déclarer les éléments nécessaires au calcul des impositions sur l'espace "
                    "sécurisé du site impots.gouv.fr dans les 90 jours de l'achèvement ;",
                    "ne pas commencer les travaux avant l'expiration du délai de recours des "
                    "tiers si vous souhaitez sécuriser votre opération.",
                ],
                k=rng.randint(3, 5),
            )
        ),
    ]
    if rng.random() < 0.75:
        year = min(max(w.permit_date.year, 2022), 2026)
        val = _TA_VALUES[year]
        com = rng.choice([3.0, 4.0, 5.0, 2.5])
        dep = rng.choice([1.3, 1.5, 2.0, 2.5])
        base = w.sdp_m2 * val
        t_com = round(base * com / 100)
        t_dep = round(base * dep / 100)
        rap = round(base * 0.004)
        rows: list[list[Cell]] = [
            ["Taxe d'aménagement - part communale", f"{com:.1f} %".replace(".", ","), float(t_com)],
            [
                "Taxe d'aménagement - part départementale",
                f"{dep:.1f} %".replace(".", ","),
                float(t_dep),
            ],
            ["Redevance d'archéologie préventive", "0,4 %", float(rap)],
            ["Total estimé", "", float(t_com + t_dep + rap)],
        ]
        blocks += [
            P(
                "À titre indicatif, les impositions d'urbanisme générées par le projet sont "
                f"estimées comme suit (surface taxable de {fk.num(w.sdp_m2)} m² × valeur "
                f"forfaitaire {year} de {val} €/m²), hors places de stationnement extérieures :"
            ),
            Table(
                ["Imposition", "Taux", "Montant estimé"],
                rows,
                fmt="ttm",
                total=1,
                widths=[4, 1, 1.5],
            ),
            P(
                "Ces montants ne constituent pas un avis d'imposition ; ils seront liquidés par "
                "les services de la Direction générale des finances publiques.",
                style="small",
            ),
        ]
    blocks += [
        P(
            alt(
                rng,
                [
                    "Je vous prie d'agréer, Madame, Monsieur, l'expression de mes salutations "
                    "distinguées.",
                    "Veuillez agréer, Monsieur le Gérant, l'assurance de ma considération "
                    "distinguée.",
                ],
            )
        ),
        Sign([_signatory(w, rng)]),
        P(
            "P.J. : arrêté" + alt(rng, [" et plans visés", "", " + avis des services consultés"]),
            style="small",
        ),
    ]
    return Doc(
        "",
        blocks,
        head_left=_town_hall(w, rng),
        head_right=[
            *recipient(w.sccv, w.sccv.manager.formal),
            "",
            f"{w.site.town}, le {fk.fr_date_long(sent)}",
        ],
    )
