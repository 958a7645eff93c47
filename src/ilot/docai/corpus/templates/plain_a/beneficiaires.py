"""Beneficial-owner declarations (BENEF_EFFECTIFS).

Part of `plain_a`, the templates of another writer (see its package docstring).
"""

from __future__ import annotations

import random

from ... import fakes as fk
from ... import identifiers as ids
from ...fakes import Person, World
from ...model import KV, Block, Bullets, Doc, H, P, Sign, Table
from ...registry import template
from ..common import alt, place_date
from ._shared import Rows, _days, _form, _greffe, _pct


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
