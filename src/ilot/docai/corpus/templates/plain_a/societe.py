"""Kbis extracts (KBIS).

Part of `plain_a`, the templates of another writer (see its package docstring).
"""

from __future__ import annotations

import datetime as dt
import random

from ... import fakes as fk
from ... import identifiers as ids
from ...fakes import Company, World
from ...model import KV, Block, Box, Doc, H, P, Sign, Table
from ...registry import template
from ..common import alt
from ._shared import Rows, _days, _form, _greffe, _manager_title, _plain


# ---------------------------------------------------------------------------------------------
# KBIS
# ---------------------------------------------------------------------------------------------
def _kbis_history(c: Company, rng: random.Random, imm: dt.date, upd: dt.date) -> Rows:
    events = [
        "Transfert du siège social",
        "Modification du capital social",
        "Changement de gérant" if c.form in ("", "SC", "SARL") else "Changement de président",
        "Modification de l'objet social",
        "Nomination d'un commissaire aux comptes",
        "Dépôt des comptes annuels",
        "Prorogation de la durée de la société",
    ]
    span = max(30, (upd - imm).days)
    picks = sorted(rng.sample(range(1, span), k=min(rng.randint(1, 4), span - 1)))
    return [
        [fk.fr_date(imm + dt.timedelta(days=p)), rng.choice(events), ids.ref(rng, "9999 A 99999")]
        for p in picks
    ]


@template("KBIS", "pa_kbis_rubriques", scan=0.3)
def kbis_rubriques(w: World, rng: random.Random) -> Doc:
    c = rng.choice([w.sccv, w.sccv, w.developer, w.holding])
    upd = w.today - _days(rng, 0, 75)
    imm = upd - _days(rng, 200, 5000)
    greffe = _greffe(c, upd)
    civil = c.form in ("", "SC")
    activity = (
        "Acquisition de tous terrains et droits immobiliers, construction sur ces terrains "
        "de tous immeubles et vente, en totalité ou par lots, avant ou après achèvement"
        if c.form == ""
        else alt(
            rng,
            [
                "Promotion immobilière de logements et de locaux d'activité",
                "Holding : détention et gestion de participations, prestations de services "
                "aux filiales",
                "Maîtrise d'ouvrage déléguée, promotion et marchand de biens",
            ],
        )
    )
    if c.form == "" or rng.random() < 0.4:
        leader = (
            f"{w.developer.full}, {_form(w.developer)}, {w.developer.rcs}, "
            f"représentée par {w.developer.manager.formal}"
        )
    else:
        leader = (
            f"{c.manager.last.upper()} {c.manager.first}, né(e) le "
            f"{fk.fr_date(c.manager.birth)} à {c.manager.birth_town}, de nationalité française, "
            f"demeurant {c.manager.address.one_line()}"
        )
    person_rows: Rows = [
        ["Numéro d'identification", f"{ids.group_siren(c.siren)} R.C.S. {c.rcs_town}"],
        ["Date d'immatriculation", fk.fr_date(imm)],
        ["Dénomination", c.name],
    ]
    sigle = "".join(x[0] for x in c.name.split() if x[0].isalpha())
    if len(sigle) > 2 and rng.random() < 0.3:
        person_rows.append(["Sigle", sigle])
    person_rows += [
        ["Forme juridique", _form(c).capitalize()],
        [
            "Capital",
            f"{fk.num(c.capital, dec=2)} EUR" + (" (capital fixe)" if rng.random() < 0.3 else ""),
        ],
        ["Siège", c.address.one_line()],
        ["Durée", f"99 ans à compter du {fk.fr_date(imm)}"],
        ["Clôture de l'exercice", alt(rng, ["31 décembre", "31 décembre", "30 juin", "30 sept."])],
    ]
    mgmt_rows: Rows = [[_manager_title(c), leader]]
    if not civil and rng.random() < 0.5:
        dg = fk.person(rng, w.today)
        mgmt_rows.append(["Directeur général", f"{dg.last.upper()} {dg.first}"])
    if not civil and rng.random() < 0.6:
        mgmt_rows.append(
            [
                "Commissaire aux comptes titulaire",
                f"{rng.choice(['Cabinet', 'Audit', 'Fiduciaire'])} {rng.choice(fk.LAST)} "
                f"{rng.choice(['SAS', 'SARL'])}, {fk.address(rng).town}",
            ]
        )
    estab_rows: Rows = [
        ["Adresse", c.address.one_line()],
        ["Activité(s) exercée(s)", activity],
        ["Date de commencement d'activité", fk.fr_date(imm + _days(rng, 0, 40))],
        ["Origine du fonds", alt(rng, ["Création", "Création d'un fonds", "Création"])],
        ["Mode d'exploitation", "Exploitation directe"],
    ]
    blocks: list[Block] = [
        P(greffe, align="center", style="bold"),
        P(
            alt(
                rng,
                [
                    f"Extrait d'immatriculation principale - à jour au {fk.fr_date(upd)}",
                    f"Situation au {fk.fr_date_long(upd)}",
                    f"Informations à jour au {fk.fr_date(upd)}",
                ],
            ),
            align="center",
        ),
    ]
    tabular = rng.random() < 0.5
    for name, rows in (
        ("Renseignements relatifs à la personne morale", person_rows),
        ("Gestion, direction, administration, contrôle", mgmt_rows),
        ("Renseignements relatifs à l'établissement principal", estab_rows),
    ):
        if tabular:
            blocks.append(Table(["Rubrique", "Informations"], rows, widths=[2, 5], title=name))
        else:
            blocks += [
                H(name.upper() if rng.random() < 0.5 else name),
                KV([(str(a), str(b)) for a, b in rows]),
            ]
    if rng.random() < 0.75:
        blocks += [
            H(alt(rng, ["Mentions et inscriptions modificatives", "Historique", "Observations"])),
            Table(
                ["Date", "Nature de l'inscription", "N° de dépôt"], _kbis_history(c, rng, imm, upd)
            ),
        ]
    else:
        blocks.append(P("Observations : néant."))
    if rng.random() < 0.5:
        blocks.append(
            P(
                "Le présent extrait est délivré conformément aux articles R123-150 et suivants "
                "du Code de commerce. Il reproduit les inscriptions en vigueur à sa date.",
                style="small",
            )
        )
    blocks += [
        P(
            f"Délivré le {fk.fr_date(upd)} - Le greffier"
            + alt(rng, ["", " - Fin de l'extrait", " (signature électronique)"]),
            align="right",
        ),
        Box(
            [
                f"Code de vérification : {ids.ref(rng, 'AA9A9AAA99')}",
                "Authenticité vérifiable en ligne sur le site du greffe pendant trois mois.",
            ]
        ),
    ]
    title = alt(
        rng,
        ["Extrait Kbis", "EXTRAIT KBIS", "Extrait K bis", "extrait kbis", "EXTRAIT RCS", ""],
    )
    return Doc(
        title,
        blocks,
        header=f"{c.name} - {ids.group_siren(c.siren)}" if rng.random() < 0.5 else "",
        footer=alt(rng, ["Page 1/1", "Document délivré par voie électronique", ""]),
    )


@template("KBIS", "pa_kbis_terminal", formats=("pdf",), scan=0.35)
def kbis_terminal(w: World, rng: random.Random) -> Doc:
    c = rng.choice([w.sccv, w.developer, w.holding])
    upd = w.today - _days(rng, 0, 60)
    imm = upd - _days(rng, 180, 4000)
    if rng.random() < 0.3:
        tr = fk.person(rng, w.today)
        return Doc(
            "CERTIFIED TRANSLATION",
            [
                P("Translation from French into English", align="center", style="italic"),
                P(
                    "EXTRACT OF REGISTRATION IN THE TRADE AND COMPANIES REGISTER (K BIS)",
                    align="center",
                    style="bold",
                ),
                P(
                    f"Registry of the Commercial Court of {c.rcs_town} - up to date as of "
                    f"{fk.en_date(upd)}"
                ),
                KV(
                    [
                        ("Registration number", f"{ids.group_siren(c.siren)} RCS {c.rcs_town}"),
                        ("Date of registration", fk.en_date(imm)),
                        ("Corporate name", c.name),
                        (
                            "Legal form",
                            {
                                "": "Non-trading construction-for-sale company (SCCV)",
                                "SAS": "Simplified joint-stock company (SAS)",
                                "SARL": "Limited liability company (SARL)",
                                "SA": "Public limited company (SA)",
                                "SC": "Non-trading company (société civile)",
                            }.get(c.form, c.form),
                        ),
                        ("Share capital", fk.money(c.capital, "en")),
                        ("Registered office", c.address.one_line()),
                        ("Main business", "Real estate development, construction and sale"),
                        ("Duration", f"99 years from {fk.en_date(imm)}"),
                        (
                            "Manager" if c.form in ("", "SC", "SARL") else "Chairman",
                            c.manager.name,
                        ),
                    ]
                ),
                P("End of extract.", style="italic"),
                P(
                    f"I, the undersigned, {tr.name}, sworn translator at the Court of Appeal "
                    f"of {rng.choice(['Paris', 'Lyon', 'Rennes', 'Bordeaux', 'Douai'])}, hereby "
                    "certify that the foregoing is a true and faithful translation of the French "
                    "original document submitted to me.",
                ),
                P(f"Translation no. {ids.ref(rng, '9999/99')} - {fk.en_date(w.today)}"),
                Sign([[tr.name, "Sworn translator", "(seal)"]]),
            ],
            lang="en",
        )
    kind = "SOCIETE CIVILE DE CONSTRUCTION VENTE" if c.form == "" else _plain(_form(c))
    mgr = c.manager
    w_lab = 26

    def line(label: str, value: str) -> P:
        return P(f"{label.ljust(w_lab)}: {_plain(value)}", style="mono", align="left")

    blocks: list[Block] = [
        P(_plain(_greffe(c, upd)), style="mono", align="center"),
        P(f"EXTRAIT K BIS - A JOUR AU {fk.fr_date(upd)}", style="mono", align="center"),
        P("-" * 64, style="mono", align="left"),
        line("IMMATRICULATION", f"{ids.group_siren(c.siren)} RCS {c.rcs_town}"),
        line("DATE IMMATRICULATION", fk.fr_date(imm)),
        line("N. DE GESTION", f"{imm.year} {rng.choice('BD')} {rng.randint(100, 9999):05d}"),
        line("DENOMINATION", c.name),
        line("FORME", kind),
        line("CAPITAL", f"{fk.num(c.capital, dec=2)} EUR"),
        line("ADRESSE DU SIEGE", c.address.one_line()),
        line("DUREE", f"JUSQU'AU {fk.fr_date(imm.replace(year=imm.year + 99))}"),
        line("CLOTURE EXERCICE", "31 DECEMBRE"),
        P("-" * 64, style="mono", align="left"),
        line(_manager_title(c).upper(), f"{mgr.last} {mgr.first}"),
        line("NE(E) LE", f"{fk.fr_date(mgr.birth)} A {mgr.birth_town}"),
        line("DOMICILE", mgr.address.one_line()),
        P("-" * 64, style="mono", align="left"),
        line("ETABLISSEMENT", c.address.one_line()),
        line("ACTIVITE", "PROMOTION IMMOBILIERE" if c.form else "CONSTRUCTION VENTE"),
        line("ORIGINE", "CREATION"),
        P("-" * 64, style="mono", align="left"),
    ]
    if rng.random() < 0.5:
        blocks.append(
            line(
                "MENTION",
                f"MODIFICATION DU {fk.fr_date(upd - _days(rng, 5, 300))} - "
                + rng.choice(["TRANSFERT DE SIEGE", "MODIFICATION DU CAPITAL", "NOUVEAU GERANT"]),
            )
        )
    blocks += [
        P(
            f"POUR EXTRAIT CERTIFIE CONFORME - {c.rcs_town.upper()}, LE {fk.fr_date(upd)}",
            style="mono",
            align="left",
        ),
        P("LE GREFFIER", style="mono", align="right"),
        P(f"PAGE 1/1   REF {ids.ref(rng, 'A99999999')}", style="mono", align="right"),
    ]
    return Doc("", blocks)
