"""Company documents: Kbis / RNE extracts and articles of association, a near-miss pair
(same identity data, different purpose)."""

from __future__ import annotations

import datetime as dt
import random

from .. import fakes as fk
from .. import identifiers as ids
from ..fakes import Company, World
from ..model import KV, Block, Box, Doc, H, P, Sign, Table
from ..registry import template
from .common import alt, company_phrase, place_date

_FORMS = {
    "": "Société civile de construction vente",
    "SAS": "Société par actions simplifiée",
    "SARL": "Société à responsabilité limitée",
    "SA": "Société anonyme à conseil d'administration",
    "SC": "Société civile",
    "SASU": "Société par actions simplifiée unipersonnelle",
}


def _co(w: World, rng: random.Random) -> Company:
    return rng.choice([w.sccv, w.sccv, w.developer, w.holding])


def _activity(c: Company) -> str:
    if c.form == "":
        return (
            "Acquisition de terrains, construction et vente en totalité ou par fractions "
            "d'immeubles, avant ou après achèvement"
        )
    return (
        "Promotion immobilière, marchand de biens, prise de participations dans toutes "
        "sociétés immobilières"
    )


@template("KBIS", "extrait_kbis", scan=0.35)
def kbis(w: World, rng: random.Random) -> Doc:
    c = _co(w, rng)
    imm = w.today - dt.timedelta(days=rng.randint(100, 4000))
    upd = w.today - dt.timedelta(days=rng.randint(0, 80))
    return Doc(
        "Extrait Kbis",
        [
            P(
                f"Greffe du Tribunal de Commerce de {c.rcs_town.upper()}",
                align="center",
                style="bold",
            ),
            P(f"Code de vérification : {ids.ref(rng, 'AAAAAA9AAA')}", align="right", style="small"),
            P(
                "EXTRAIT D'IMMATRICULATION PRINCIPALE AU REGISTRE DU COMMERCE ET DES SOCIÉTÉS "
                f"à jour au {fk.fr_date(upd)}",
                align="center",
                style="bold",
            ),
            H("IDENTIFICATION DE LA PERSONNE MORALE"),
            KV(
                [
                    (
                        "Immatriculation au RCS, numéro",
                        f"{ids.group_siren(c.siren)} R.C.S. {c.rcs_town}",
                    ),
                    ("Date d'immatriculation", fk.fr_date(imm)),
                    ("Dénomination ou raison sociale", c.name),
                    ("Forme juridique", _FORMS.get(c.form, c.form)),
                    ("Capital social", f"{fk.num(c.capital, dec=2)} Euros"),
                    ("Adresse du siège", c.address.one_line()),
                    ("Activités principales", _activity(c)),
                    (
                        "Durée de la personne morale",
                        f"Jusqu'au {fk.fr_date(imm.replace(year=imm.year + 99))}",
                    ),
                    ("Date de clôture de l'exercice social", "31 décembre"),
                ]
            ),
            H("GESTION, DIRECTION, ADMINISTRATION, CONTRÔLE, ASSOCIÉS OU MEMBRES"),
            KV(
                [
                    (
                        "Gérant" if c.form in ("", "SARL", "SC") else "Président",
                        f"{c.manager.last.upper()} {c.manager.first}"
                        if rng.random() < 0.5
                        else w.developer.full,
                    ),
                    (
                        "Date et lieu de naissance",
                        f"Le {fk.fr_date(c.manager.birth)} à {c.manager.birth_town}",
                    ),
                    ("Domicile personnel", c.manager.address.one_line()),
                ]
            ),
            H("RENSEIGNEMENTS RELATIFS À L'ACTIVITÉ ET À L'ÉTABLISSEMENT PRINCIPAL"),
            KV(
                [
                    ("Adresse de l'établissement", c.address.one_line()),
                    ("Activité(s) exercée(s)", _activity(c)),
                    ("Date de commencement d'activité", fk.fr_date(imm)),
                    ("Origine du fonds ou de l'activité", "Création"),
                    ("Mode d'exploitation", "Exploitation directe"),
                ]
            ),
            P(
                f"Le Greffier - Fin de l'extrait - Nombre de pages : {rng.randint(1, 3)}",
                align="center",
                style="small",
            ),
        ],
        header=f"RCS {c.rcs_town} - {c.siren}",
        footer="Extrait délivré en application de l'article R123-154 du Code de commerce",
    )


@template("KBIS", "extrait_rne", scan=0.2)
def rne(w: World, rng: random.Random) -> Doc:
    c = _co(w, rng)
    return Doc(
        alt(rng, ["Extrait d'immatriculation au Registre national des entreprises", "EXTRAIT RNE"]),
        [
            P(f"Données issues du RNE à la date du {fk.fr_date(w.today)} - INPI", style="small"),
            H("Identité de l'entreprise"),
            KV(
                [
                    ("SIREN", ids.group_siren(c.siren)),
                    ("Dénomination", c.name),
                    ("Forme juridique", _FORMS.get(c.form, c.form)),
                    ("Capital", fk.money(c.capital)),
                    (
                        "Code APE",
                        rng.choice(
                            [
                                "4110A - Promotion immobilière de logements",
                                "4110D - Supports juridiques de programmes",
                                "6420Z",
                            ]
                        ),
                    ),
                    ("Adresse du siège", c.address.one_line()),
                    (
                        "Début d'activité",
                        fk.fr_date(w.today - dt.timedelta(days=rng.randint(90, 3000))),
                    ),
                ]
            ),
            H("Représentants"),
            Table(
                ["Qualité", "Nom", "Date de naissance"],
                [
                    [
                        rng.choice(["Gérant", "Président", "Directeur général"]),
                        c.manager.name,
                        fk.fr_date(c.manager.birth)[3:],
                    ]
                ],
            ),
            H("Établissements"),
            Table(["SIRET", "Adresse", "Type"], [[c.siret, c.address.one_line(), "Siège"]]),
            P(
                "Cet extrait ne se substitue pas à l'extrait Kbis délivré par le greffe pour "
                "les sociétés commerciales.",
                style="small",
            ),
        ],
        head_left=["INPI", "Registre national des entreprises"],
    )


@template("KBIS", "kbis_compact", formats=("pdf",), scan=0.4)
def kbis_compact(w: World, rng: random.Random) -> Doc:
    c = _co(w, rng)
    return Doc(
        "EXTRAIT K BIS",
        [
            Box(
                [
                    f"N° de gestion {w.today.year - rng.randint(0, 9)} "
                    f"{rng.choice('BD')} {rng.randint(100, 9999)}",
                    f"R.C.S. {c.rcs_town} {ids.group_siren(c.siren)}",
                    f"Dénomination : {c.name}",
                    f"Sigle : {c.name.split()[-1][:6]}",
                    f"Forme : {_FORMS.get(c.form, c.form)}",
                    f"Capital : {fk.money(c.capital)}",
                    f"Siège : {c.address.one_line()}",
                    f"Représentant légal : {c.manager.formal}",
                ],
                "Greffe du tribunal de commerce",
            ),
            P("Observations et renseignements complémentaires : néant."),
            P(f"Pour extrait certifié conforme, délivré le {fk.fr_date(w.today)}.", align="right"),
        ],
    )


_STATUT_ARTS = [
    (
        "Forme",
        "Il existe entre les propriétaires des parts ci-après créées une société "
        "{forme} régie par les articles 1832 et "
        "suivants du Code civil{extra} et par les présents statuts.",
    ),
    (
        "Objet",
        "La société a pour objet : {objet} ; et plus généralement toutes opérations "
        "se rattachant directement à cet objet.",
    ),
    ("Dénomination", "La dénomination de la société est : {nom}."),
    (
        "Siège social",
        "Le siège social est fixé {siege}. Il pourra être transféré par décision de la gérance.",
    ),
    (
        "Durée",
        "La durée de la société est fixée à {duree} années à compter de son immatriculation "
        "au registre du commerce "
        "et des sociétés, sauf dissolution anticipée ou prorogation.",
    ),
    (
        "Apports",
        "Les associés ont fait apport à la société d'une somme en numéraire de {capital} euros.",
    ),
    (
        "Capital social",
        "Le capital social est fixé à la somme de {capital} euros, divisé en {parts} "
        "parts de {nominal} euros "
        "chacune, numérotées de 1 à {parts}, attribuées aux associés en proportion "
        "de leurs apports.",
    ),
    (
        "Cession des parts",
        "Les parts ne peuvent être cédées qu'avec le consentement de tous les associés. "
        "La cession doit être "
        "constatée par écrit et rendue opposable à la société dans les formes de "
        "l'article 1690 du Code civil.",
    ),
    (
        "Gérance",
        "La société est administrée par un ou plusieurs gérants, personnes physiques "
        "ou morales. Le premier gérant "
        "est {gerant}. Le gérant peut, sans autorisation, contracter tous emprunts "
        "et consentir toutes garanties "
        "nécessaires à la réalisation de l'objet social.",
    ),
    (
        "Décisions collectives",
        "Les décisions collectives sont prises en assemblée ou par consultation écrite, "
        "à la majorité "
        "des associés représentant plus de la moitié des parts sociales.",
    ),
    (
        "Exercice social",
        "L'exercice social commence le 1er janvier et se termine le 31 décembre de chaque année.",
    ),
    (
        "Responsabilité des associés",
        "Les associés sont tenus du passif social sur tous leurs biens à proportion de leurs "
        "droits sociaux, conformément à l'article L211-2 du Code de la construction "
        "et de l'habitation.",
    ),
    (
        "Appels de fonds",
        "Les associés sont tenus de répondre aux appels de fonds décidés par la gérance "
        "pour les besoins de "
        "la construction, au prorata de leurs droits.",
    ),
    (
        "Dissolution - Liquidation",
        "La société sera dissoute par l'arrivée du terme ou par l'achèvement de son objet. La "
        "liquidation sera faite par le ou les gérants en fonctions.",
    ),
]


def _statuts_vars(w: World, rng: random.Random, c: Company) -> dict[str, str]:
    parts = rng.choice([100, 1000, 500, 10])
    return {
        "forme": {
            "": "civile de construction vente",
            "SAS": "par actions simplifiée",
            "SARL": "à responsabilité limitée",
            "SC": "civile",
            "SA": "anonyme",
        }.get(c.form, "civile"),
        "extra": ", L211-1 et suivants du Code de la construction et de l'habitation"
        if c.form == ""
        else ", L210-1 et suivants du Code de commerce",
        "objet": _activity(c).lower()
        + (f", notamment sur un terrain sis {w.site.one_line()}" if c.form == "" else ""),
        "nom": c.name,
        "siege": c.address.one_line(),
        "duree": str(rng.choice([10, 20, 50, 99])),
        "capital": fk.num(c.capital),
        "parts": str(parts),
        "nominal": fk.num(c.capital / parts, dec=2),
        "gerant": w.developer.full if c.form == "" else c.manager.formal,
    }


@template("STATUTS", "statuts_sccv", formats=("pdf", "docx"), scan=0.1)
def statuts(w: World, rng: random.Random) -> Doc:
    c = rng.choice([w.sccv, w.sccv, w.holding, w.developer])
    v = _statuts_vars(w, rng, c)
    updated = rng.random() < 0.4
    blocks: list[Block] = [
        P(f"{c.name}", align="center", style="big"),
        P(f"{_FORMS.get(c.form, c.form)} au capital de {v['capital']} euros", align="center"),
        P(f"Siège social : {c.address.one_line()}", align="center"),
    ]
    if updated:
        blocks.append(
            P(
                f"Statuts mis à jour suite à la décision collective du {fk.fr_date(w.today)} "
                "- certifiés conformes par la gérance",
                align="center",
                style="italic",
            )
        )
    blocks.append(P("LES SOUSSIGNÉS :", style="bold"))
    blocks += [
        P(f"- {company_phrase(w.developer, rng)} ;"),
        P(f"- {company_phrase(w.holding, rng)} ;"),
    ]
    blocks.append(
        P(
            "ont établi ainsi qu'il suit les statuts de la société qu'ils ont décidé "
            "de constituer entre eux."
        )
    )
    arts = (
        _STATUT_ARTS
        if c.form == ""
        else [
            a
            for a in _STATUT_ARTS
            if a[0] not in ("Responsabilité des associés", "Appels de fonds")
        ]
    )
    for i, (t, body) in enumerate(arts, 1):
        blocks += [H(f"ARTICLE {i} - {t.upper()}", 2), P(body.format(**v))]
    blocks += [
        P(place_date(w, rng) + f", en {rng.randint(3, 6)} exemplaires originaux."),
        Sign([[w.developer.name, "Associé"], [w.holding.name, "Associé"]]),
    ]
    return Doc(
        alt(
            rng, ["STATUTS", "STATUTS CONSTITUTIFS", "STATUTS MIS À JOUR" if updated else "STATUTS"]
        ),
        blocks,
        footer=f"Statuts {c.name} - page paraphée",
    )


@template("STATUTS", "statuts_sas", formats=("pdf", "docx"), scan=0.05)
def statuts_sas(w: World, rng: random.Random) -> Doc:
    c = w.developer
    v = _statuts_vars(w, rng, c)
    arts = [
        (
            "Forme",
            "La société est une société par actions simplifiée régie par les articles "
            "L227-1 et suivants du Code de commerce.",
        ),
        ("Objet", v["objet"] + "."),
        ("Dénomination", f"{c.name}."),
        ("Siège", v["siege"] + "."),
        (
            "Capital social",
            f"Le capital est fixé à {v['capital']} euros, divisé en {v['parts']} actions "
            f"de {v['nominal']} euros.",
        ),
        (
            "Forme des actions",
            "Les actions sont nominatives ; elles sont inscrites en compte au nom de "
            "leur titulaire.",
        ),
        (
            "Transmission des actions",
            "Toute cession d'actions à un tiers est soumise à l'agrément préalable de "
            "la collectivité des associés.",
        ),
        (
            "Président",
            "La société est représentée à l'égard des tiers par un président. Le premier "
            f"président est {c.manager.formal}.",
        ),
        (
            "Directeur général",
            "Le président peut être assisté d'un directeur général disposant des mêmes pouvoirs.",
        ),
        (
            "Décisions des associés",
            "Les décisions collectives sont prises en assemblée générale ou par acte "
            "sous seing privé.",
        ),
        (
            "Commissaires aux comptes",
            "Un ou plusieurs commissaires aux comptes peuvent être désignés.",
        ),
        (
            "Affectation des résultats",
            "Le bénéfice distribuable est réparti entre les associés proportionnellement "
            "aux actions.",
        ),
    ]
    blocks: list[Block] = [
        P(
            f"{c.name} - Société par actions simplifiée au capital de {v['capital']} euros",
            align="center",
        )
    ]
    for i, (t, b) in enumerate(arts, 1):
        blocks += [H(f"Article {i} - {t}", 2), P(b)]
    blocks.append(Sign([["Les associés", ""]]))
    return Doc("STATUTS", blocks, header=c.name)


@template("STATUTS", "acte_modificatif", scan=0.1)
def modificatif(w: World, rng: random.Random) -> Doc:
    c = rng.choice([w.sccv, w.developer])
    what = rng.choice(
        [
            "transfert du siège social",
            "augmentation du capital social",
            "changement de gérant",
            "modification de l'objet social",
        ]
    )
    return Doc(
        f"ACTE MODIFICATIF DES STATUTS - {what.upper()}",
        [
            P(
                f"Les associés de la société {c.name}, réunis le {fk.fr_date(w.today)}, ont "
                f"décidé à l'unanimité le {what}."
            ),
            P(
                "En conséquence, l'article correspondant des statuts est désormais rédigé "
                "comme suit :"
            ),
            Box(
                [
                    f"« Le siège social est fixé {fk.address(rng).one_line()}. »"
                    if "siège" in what
                    else "« Le capital social est fixé à la somme de "
                    f"{fk.num(c.capital * 2)} euros. »"
                    if "capital" in what
                    else f"« Le gérant de la société est {fk.person(rng, w.today).formal}. »"
                    if "gérant" in what
                    else "« La société a pour objet la construction et la vente d'immeubles. »"
                ]
            ),
            P("Le reste des statuts demeure inchangé."),
            Sign([["Pour copie certifiée conforme", "Le gérant"]]),
        ],
    )


def _asso_name(rng: random.Random, w: World) -> str:
    return rng.choice(
        [
            f"Association des acquéreurs de la résidence {w.programme}",
            f"ASL {w.programme}",
            f"Association Habitat et Partage {w.site.town}",
            f"Les Amis du Quartier {rng.choice(fk.STREET_NAMES)}",
            f"Association Syndicale Libre du Lotissement {rng.choice(fk.LAST)}",
        ]
    )


@template("STATUTS", "statuts_association", formats=("pdf", "docx"), scan=0.1)
def statuts_association(w: World, rng: random.Random) -> Doc:
    name = _asso_name(rng, w)
    asl = name.startswith("ASL") or "Syndicale" in name
    law = (
        "l'ordonnance n° 2004-632 du 1er juillet 2004 relative "
        "aux associations syndicales de propriétaires"
        if asl
        else "la loi du 1er juillet 1901 et le décret du 16 août 1901"
    )
    arts = [
        "Il est fondé entre les adhérents aux présents statuts "
        "une association régie par "
        f"{law}, ayant pour "
        f"titre : « {name} ».",
        "Cette association a pour objet la gestion, l'entretien "
        "et la mise en valeur des équipements et espaces "
        "communs, ainsi que la représentation de ses membres auprès des pouvoirs publics.",
        "Le siège social est fixé "
        f"{fk.address(rng).one_line()}. Il pourra être transféré "
        "par simple décision "
        "du conseil d'administration.",
        "L'association se compose de membres fondateurs, "
        "de membres actifs et de membres bienfaiteurs.",
        "La qualité de membre se perd par la démission, le "
        "décès ou la radiation prononcée par le conseil.",
        "Les ressources de l'association comprennent les cotisations et les subventions publiques.",
        "L'assemblée générale ordinaire se réunit chaque "
        "année ; elle approuve les comptes de l'exercice.",
        "L'association est dirigée par un conseil d'administration "
        "élu pour deux années par l'assemblée "
        "générale, qui choisit parmi ses membres un président, un trésorier et un secrétaire.",
        "En cas de dissolution, l'actif est dévolu conformément "
        "à l'article 9 de la loi du 1er juillet 1901.",
    ]
    blocks: list[Block] = [P(f"Statuts de l'association {name}", align="center", style="bold")]
    for i, a in enumerate(arts, 1):
        blocks.append(P(f"Article {i}. {a}"))
    blocks += [P(place_date(w, rng)), Sign([["Le président", ""], ["Le secrétaire", ""]])]
    return Doc("STATUTS", blocks, footer=f"Statuts {name} - mis à jour le {fk.fr_date(w.today)}")
