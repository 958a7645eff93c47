"""Posting reports and certificates of no appeal (CONSTAT_AFFICHAGE, NON_RECOURS). Part of
`plain_b`, the templates of another writer (see its package docstring).
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from ... import fakes as fk
from ... import identifiers as ids
from ...fakes import Company, Person, World
from ...model import Block, Box, Bullets, Cell, Doc, P, Sign, Table
from ...registry import template
from ..common import alt, company_phrase, d2
from ._shared import _case, _de, _region, _sign_date, _signatory, _town_hall


# ---------------------------------------------------------------------------------------------
# CONSTAT_AFFICHAGE
def _cj_study(w: World, rng: random.Random) -> tuple[Person, Company, list[str]]:
    p = fk.person(rng, w.today)
    town = (
        rng.choice(fk.TOWNS)
        if rng.random() < 0.3
        else (w.site.town, w.site.postcode, w.site.insee, w.site.dept)
    )
    c = fk.company(
        rng,
        w.today,
        alt(
            rng,
            [
                f"SELARL {p.last.upper()} & ASSOCIÉS",
                f"SAS {p.last.upper()} - {rng.choice(fk.LAST).upper()}",
                f"Office {p.last} Commissaires de justice",
                f"SCP {p.last.upper()}",
            ],
        ),
        "",
        town=town,
    )
    head = [
        c.name,
        alt(
            rng,
            [
                "Commissaires de justice associés",
                "Commissaire de justice",
                "Anciennement huissiers de justice",
                "Commissaires de Justice - Constats - Recouvrement",
            ],
        ),
        *c.address.lines(),
        f"Tél. {c.phone}",
    ]
    if rng.random() < 0.5:
        head.append(f"SIRET {c.siret}")
    return p, c, head


def _panel_lines(w: World, rng: random.Random) -> list[str]:
    lines = [
        f"PERMIS DE CONSTRUIRE N° {w.permit_no}",
        f"délivré le {fk.fr_date(w.permit_date)} par le Maire {_de(w.site.town)}",
        f"Bénéficiaire : {w.sccv.name}",
        f"Nature des travaux : construction de {w.lots} logements",
        f"Surface de plancher : {fk.num(w.sdp_m2)} m²",
        f"Hauteur de la construction : {rng.randint(9, 28)},{rng.randint(0, 9)} m",
        f"Superficie du terrain : {fk.num(w.land_m2)} m²",
        f"Architecte : {w.architect_firm.name}",
        f"Le dossier peut être consulté en mairie {_de(w.site.town)}",
    ]
    mid = lines[3:8]
    rng.shuffle(mid)
    lines[3:8] = mid
    lines.append(
        "Droit de recours : le délai de recours contentieux est de deux mois à compter du "
        "premier jour d'une période continue de deux mois d'affichage sur le terrain du "
        "présent panneau (art. R. 600-2 du code de l'urbanisme). Tout recours administratif "
        "ou contentieux doit, à peine d'irrecevabilité, être notifié à l'auteur de la "
        "décision et au bénéficiaire (art. R. 600-1)."
    )
    return lines


@template("CONSTAT_AFFICHAGE", "pb_pv_constat_passages", scan=0.3)
def pb_pv_constat_passages(w: World, rng: random.Random) -> Doc:
    """One report covering several visits, summarised in a table, with a photo index."""
    p, c, head = _cj_study(w, rng)
    first = w.permit_date + dt.timedelta(days=rng.randint(1, 12))
    n = rng.randint(2, 4)
    gap = [0, rng.randint(25, 32), rng.randint(58, 62), rng.randint(61, 70)][:n]
    gap[-1] = max(gap[-1], 61) if n > 2 else gap[-1]
    visits: list[list[Cell]] = []
    for i, g in enumerate(gap):
        d = first + dt.timedelta(days=g)
        visits.append(
            [
                f"{i + 1}",
                fk.fr_date(d),
                f"{rng.randint(8, 17)}h{rng.choice(['00', '10', '15', '30', '40', '45'])}",
                alt(rng, ["ensoleillé", "couvert", "pluie fine", "sec", "venteux"]),
                alt(
                    rng,
                    [
                        "Panneau en place, lisible depuis la voie publique",
                        "Panneau présent, mentions inchangées",
                        "Panneau en place et en bon état",
                    ],
                ),
            ]
        )
    photos = rng.randint(3, 9)
    blocks: list[Block] = [
        P(
            alt(
                rng,
                [
                    "À LA DEMANDE DE :",
                    "REQUÉRANT :",
                    "Agissant à la requête de :",
                ],
            ),
            style="bold",
        ),
        P(
            f"{company_phrase(w.sccv, rng)}, agissant en qualité de titulaire du permis de "
            f"construire n° {w.permit_no}."
        ),
        P(
            "Laquelle nous a exposé qu'elle entend faire courir à l'égard des tiers le délai de "
            "recours contentieux contre ce permis et qu'elle a, en conséquence, intérêt à faire "
            "constater la réalité et la continuité de son affichage sur le terrain."
        ),
        P(
            f"Nous, {p.formal}, commissaire de justice associé(e) au sein de {c.name}, "
            f"à la résidence {_de(c.address.town)}, soussigné, certifions nous être transporté "
            f"{w.site.one_line()}, aux dates et heures indiquées ci-dessous, et y avoir "
            "procédé aux constatations suivantes :"
        ),
        Table(
            ["Passage", "Date", "Heure", "Météo", "Constatations"],
            visits,
            widths=[0.8, 1.1, 0.8, 1.1, 3.4],
        ),
        P(
            "À chacun de nos passages, nous avons constaté, "
            + alt(
                rng,
                [
                    "fixé sur la clôture de chantier en bordure de la voie publique",
                    "fixé sur deux piquets plantés en limite de propriété",
                    "apposé sur le portail d'accès au terrain",
                ],
            )
            + f", un panneau de format {rng.choice(['80 x 120', '100 x 150', '120 x 80'])} "
            "cm, fond blanc, dont les inscriptions sont lisibles depuis l'espace public et "
            "ainsi libellées :"
        ),
        Box(_panel_lines(w, rng)),
        P(
            f"Nous avons pris {photos} photographies, reproduites en annexe sans retouche, "
            "à l'aide d'un appareil numérique horodaté."
        ),
    ]
    if rng.random() < 0.6:
        blocks.append(
            Bullets(
                [
                    f"Photographie n° {i} : "
                    + alt(
                        rng,
                        [
                            "vue d'ensemble du panneau depuis le trottoir opposé",
                            "détail des mentions du panneau",
                            "vue de la rue et de l'entrée du terrain",
                            "panneau pris de face, à deux mètres",
                            "plaque de rue",
                        ],
                    )
                    for i in range(1, min(photos, 5) + 1)
                ]
            )
        )
    blocks.append(
        P(
            "Et de tout ce que dessus, nous avons dressé le présent procès-verbal de constat "
            "pour servir et valoir ce que de droit."
        )
    )
    fee = Decimal(str(rng.choice([220.94, 265.00, 310.00, 385.50, 450.00])))
    travel = Decimal("7.67")
    tva = d2((fee + travel) * Decimal("0.2"))
    tax = Decimal("14.89")
    rows: list[list[Cell]] = [
        ["Émolument (art. R444-3 C. com.)", float(fee)],
        ["Frais de déplacement", float(travel)],
        ["Total HT", float(fee + travel)],
        ["TVA 20 %", float(tva)],
        ["Taxe forfaitaire (art. 302 bis Y CGI)", float(tax)],
        ["TOTAL TTC", float(fee + travel + tva + tax)],
    ]
    if rng.random() < 0.7:
        blocks.append(Table(["Coût de l'acte", "€"], rows, fmt="tm", total=1, widths=[3, 1.2]))
    blocks.append(Sign([[p.formal, "Commissaire de justice"]]))
    return Doc(
        _case(
            rng,
            alt(
                rng,
                [
                    "Procès-verbal de constat",
                    "PV de constat d'affichage",
                    "Procès-verbal de constat - affichage du permis de construire",
                    "Constat",
                ],
            ),
        ),
        blocks,
        head_left=head,
        head_right=[f"Acte n° {ids.ref(rng, '999999')}", f"Réf. {ids.ref(rng, 'AA-99999')}"],
        footer=alt(
            rng, [f"{c.name} - {c.address.one_line()}", "Acte soumis au tarif réglementé", ""]
        ),
    )


@template("CONSTAT_AFFICHAGE", "pb_constat_passage_suivant", scan=0.35)
def pb_constat_passage_suivant(w: World, rng: random.Random) -> Doc:
    """Short follow-up report of a later visit referring to the first one."""
    p, c, head = _cj_study(w, rng)
    first = w.permit_date + dt.timedelta(days=rng.randint(2, 15))
    which = rng.choice([2, 3])
    d = first + dt.timedelta(days=31 if which == 2 else rng.randint(60, 64))
    hour = f"{rng.randint(8, 18)} heures {rng.choice(['', '15', '20', '30', '45'])}".strip()
    blocks: list[Block] = [
        P(
            f"Le {fk.fr_date_long(d)}, à {hour},",
            style="bold",
        ),
        P(
            f"À la requête de la {w.sccv.name}, dont le siège est {w.sccv.address.one_line()}, "
            f"poursuites et diligences de son représentant légal,"
        ),
        P(
            f"En suite de notre procès-verbal de constat dressé le {fk.fr_date(first)}"
            + (
                f" et de notre second passage du {fk.fr_date(first + dt.timedelta(days=31))}"
                if which == 3
                else ""
            )
            + ","
        ),
        P(
            f"Je, {p.formal}, commissaire de justice à {c.address.town}, me suis de nouveau "
            f"rendu(e) {w.site.one_line()}, où, étant devant le terrain, j'ai constaté :"
        ),
        Bullets(
            [
                "que le panneau d'affichage décrit dans mon précédent procès-verbal est "
                "toujours en place, au même emplacement ;",
                *rng.sample(
                    [
                        "que ses inscriptions sont inchangées, et parfaitement lisibles depuis la "
                        "voie publique ;",
                        f"qu'il mentionne toujours le permis de construire n° {w.permit_no} "
                        "délivré "
                        f"le {fk.fr_date(w.permit_date)} ;",
                        "que le panneau ne présente ni dégradation ni occultation ;",
                        "que les travaux n'ont pas débuté, le terrain étant vierge de toute "
                        "installation de chantier ;",
                    ],
                    k=rng.randint(2, 4),
                ),
            ]
        ),
        P(
            "J'ai pris deux clichés photographiques, annexés au présent."
            if rng.random() < 0.6
            else "Une photographie est jointe."
        ),
        P(
            "Mes constatations terminées, je me suis retiré(e) et j'ai rédigé le présent "
            "procès-verbal pour servir et valoir ce que de droit."
            if rng.random() < 0.6
            else "De tout quoi j'ai dressé le présent procès-verbal."
        ),
        P(f"Coût : {fk.money(rng.choice([148.6, 182.4, 210.0, 236.52]))} TTC", style="small"),
        Sign(
            [
                [
                    f"Maître {p.name}",
                    alt(rng, ["Commissaire de justice", "Commissaire de justice associé"]),
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
                    "Procès-verbal de constat d'affichage - "
                    f"{'deuxième' if which == 2 else 'troisième'} passage",
                    "PROCÈS-VERBAL DE CONSTAT",
                    f"Constat n° {which} - maintien de l'affichage",
                ],
            ),
        ),
        blocks,
        head_left=head,
    )


# ---------------------------------------------------------------------------------------------
# NON_RECOURS
@template("NON_RECOURS", "pb_reponse_mairie_notaire", scan=0.3)
def pb_reponse_mairie_notaire(w: World, rng: random.Random) -> Doc:
    """Town hall's answer to the notary asking whether the permit is final."""
    posted = w.permit_date + dt.timedelta(days=rng.randint(2, 15))
    asked = posted + dt.timedelta(days=rng.randint(95, 140))
    answered = asked + dt.timedelta(days=rng.randint(3, 25))
    checks = [
        "aucun recours gracieux n'a été reçu par les services de la commune à l'encontre de "
        "cette autorisation ;",
        "aucune notification de recours contentieux, au sens de l'article R600-1 du code de "
        "l'urbanisme, n'a été adressée à la commune ;",
        "le représentant de l'État n'a pas saisi le tribunal administratif d'un déféré "
        "préfectoral à l'encontre de cet arrêté ;",
        "la commune n'a engagé aucune procédure de retrait de cette autorisation dans le délai "
        "de trois mois prévu à l'article L424-5 du code de l'urbanisme.",
    ]
    if rng.random() < 0.3:
        checks = checks[:2] + checks[3:]
    blocks: list[Block] = [
        P(
            alt(
                rng,
                [
                    f"Objet : permis de construire n° {w.permit_no} - demande de certificat de "
                    "non-recours et de non-retrait",
                    f"Objet : attestation de non-recours / non-retrait - {w.permit_no}",
                    f"V/Réf. : {ids.ref(rng, '999999/AA')} - Objet : caractère définitif du "
                    f"permis n° {w.permit_no}",
                ],
            ),
            style="bold",
        ),
        P(alt(rng, ["Maître,", "Madame, Monsieur,", "Maître, Madame, Monsieur,"])),
        P(
            f"Par courrier du {fk.fr_date(asked)}, vous m'avez interrogé sur la situation du "
            f"permis de construire n° {w.permit_no} délivré le {fk.fr_date_long(w.permit_date)} "
            f"à la {w.sccv.name} pour la construction de {w.lots} logements au "
            f"{w.site.one_line()}."
        ),
        P(
            f"Je vous informe qu'à la date du {fk.fr_date(answered)}, et au vu des éléments en "
            "possession de mes services :"
        ),
        Bullets(checks),
    ]
    if rng.random() < 0.5:
        blocks.append(
            P(
                f"Je vous précise que l'affichage en mairie de l'arrêté a été effectué du "
                f"{fk.fr_date(w.permit_date + dt.timedelta(days=1))} au "
                f"{fk.fr_date(w.permit_date + dt.timedelta(days=rng.randint(62, 75)))}. La "
                "commune n'est pas en mesure d'attester de l'affichage sur le terrain, dont la "
                "preuve incombe au bénéficiaire."
            )
        )
    if rng.random() < 0.5:
        blocks.append(
            P(
                "Cette attestation est établie sous réserve des recours dont la commune "
                "n'aurait pas reçu notification. Il vous appartient, le cas échéant, de vous "
                "rapprocher du greffe du tribunal administratif.",
                style="italic",
            )
        )
    blocks += [
        P(
            alt(
                rng,
                [
                    "Je vous prie d'agréer, Maître, l'expression de mes salutations distinguées.",
                    "Veuillez agréer, Maître, l'assurance de ma considération distinguée.",
                ],
            )
        ),
        Sign([_signatory(w, rng)]),
    ]
    return Doc(
        alt(rng, ["", "", "ATTESTATION", "Attestation de non-recours et de non-retrait"]),
        blocks,
        head_left=_town_hall(w, rng),
        head_right=[
            f"Maître {w.notary.name}",
            w.notary_office,
            *w.notary.address.lines(),
            "",
            f"{w.site.town}, le {fk.fr_date(answered)}",
        ],
    )


@template("NON_RECOURS", "pb_certificat_non_recours_tableau", scan=0.25)
def pb_certificat_non_recours_tableau(w: World, rng: random.Random) -> Doc:
    """Certificate covering the permit and its amendments in a table; issued by a court
    registry or by the town hall."""
    posted = w.permit_date + dt.timedelta(days=rng.randint(2, 14))
    decisions: list[tuple[str, dt.date, dt.date]] = [
        (f"PC {w.permit_no.removeprefix('PC ')}", w.permit_date, posted)
    ]
    d = w.permit_date
    for i in range(rng.randint(0, 2)):
        d = d + dt.timedelta(days=rng.randint(60, 220))
        decisions.append(
            (f"{w.permit_no} M{i + 1:02d}", d, d + dt.timedelta(days=rng.randint(2, 12)))
        )
    issued = decisions[-1][2] + dt.timedelta(days=rng.randint(75, 150))
    by_court = rng.random() < 0.45
    rows: list[list[Cell]] = []
    for ref, dec, aff in decisions:
        end = aff + dt.timedelta(days=61)
        if by_court:
            rows.append([ref, fk.fr_date(dec), w.sccv.name, "Néant"])
        else:
            rows.append([ref, fk.fr_date(dec), fk.fr_date(aff), fk.fr_date(end), "Aucun", "Non"])
    if by_court:
        court = "Tribunal administratif " + _de(_region(w)[2])
        head = ["RÉPUBLIQUE FRANÇAISE", court.upper(), "Greffe", _region(w)[2].upper()]
        blocks: list[Block] = [
            P(
                f"Le greffier en chef du {court}, "
                + alt(
                    rng,
                    [
                        f"saisi par Maître {w.notary.name}, notaire, ",
                        f"saisi par la {w.sccv.name}, ",
                        "",
                    ],
                )
                + "certifie qu'après recherche dans les registres du greffe, à la date du "
                f"{fk.fr_date(issued)}, aucune requête n'a été enregistrée tendant à "
                "l'annulation ou à la suspension des décisions suivantes, prises par le maire "
                f"de {w.site.town} :"
            ),
            Table(
                ["Décision", "Date", "Bénéficiaire", "Requête enregistrée"],
                rows,
                widths=[2.2, 1.2, 2.6, 1.4],
            ),
            P(
                "Le présent certificat ne préjuge pas des requêtes qui auraient été adressées "
                "à une autre juridiction ou qui seraient parvenues au greffe postérieurement à "
                "sa date.",
                style="small",
            ),
            _sign_date(w, rng, issued, _region(w)[2]),
            Sign([["Le greffier en chef", "P/o l'adjoint(e) administratif(ve)"]]),
        ]
        title = alt(rng, ["CERTIFICAT DE NON-RECOURS", "Certificat", "Certificat de non-pourvoi"])
    else:
        head = _town_hall(w, rng)
        blocks = [
            P(
                f"Le Maire de {w.site.town} certifie que les autorisations d'urbanisme "
                f"désignées ci-après, délivrées à la {w.sccv.name} pour le terrain situé "
                f"{w.site.one_line()}, n'ont fait l'objet, à ce jour, d'aucun recours gracieux "
                "ou contentieux notifié à la commune, ni d'aucune décision de retrait."
            ),
            Table(
                [
                    "N° de la décision",
                    "Date",
                    "Affichage terrain (1er jour)",
                    "Fin du délai de recours",
                    "Recours",
                    "Retrait",
                ],
                rows,
                widths=[2.2, 1, 1.4, 1.4, 0.8, 0.8],
            ),
            P(
                "Dates d'affichage déclarées par le bénéficiaire et justifiées par procès-"
                "verbaux de constat de commissaire de justice.",
                style="small",
            ),
            P("Attestation délivrée pour servir et valoir ce que de droit."),
            _sign_date(w, rng, issued, w.site.town),
            Sign([_signatory(w, rng)]),
        ]
        title = alt(
            rng,
            [
                "ATTESTATION DE NON-RECOURS ET DE NON-RETRAIT",
                "Certificat de non-recours - non-retrait",
                "Attestation",
            ],
        )
    return Doc(
        title,
        blocks,
        head_left=head,
        head_right=[f"N° {ids.ref(rng, '9999/99')}"] if rng.random() < 0.4 else [],
    )
