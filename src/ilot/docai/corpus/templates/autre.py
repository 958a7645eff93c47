"""AUTRE: documents that belong to no category but use the domain's words (payslips,
vehicle registration, newsletters, letters, invitations, brochures, blank pages...), so that
the classifier learns that vocabulary alone is not a category."""

from __future__ import annotations

import datetime as dt
import random

from .. import fakes as fk
from .. import identifiers as ids
from ..fakes import Company, Person, World
from ..model import KV, Block, Box, Doc, H, P, Sign, Space, Table
from ..registry import template
from .common import alt, d2, letterhead, lot_rows, place_date, recipient


@template("AUTRE", "bulletin_paie", formats=("pdf",), scan=0.25)
def payslip(w: World, rng: random.Random) -> Doc:
    emp = fk.person(rng, w.today)
    gross = float(d2(rng.uniform(1900, 7500)))
    rows: list[list[str | int | float]] = [["Salaire de base", 151.67, gross / 151.67, gross, ""]]
    ded = 0.0
    for label, rate in [
        ("Sécurité sociale plafonnée", 6.9),
        ("Retraite complémentaire T1", 4.01),
        ("CSG déductible", 6.8),
        ("CSG/CRDS non déductible", 2.9),
        ("Prévoyance", 0.8),
        ("Mutuelle", 1.1),
    ]:
        v = float(d2(gross * rate / 100))
        ded += v
        rows.append([label, gross, rate, "", v])
    rows.append(["NET À PAYER AVANT IMPÔT", "", "", gross - ded, ""])
    return Doc(
        alt(rng, ["BULLETIN DE PAIE", "Bulletin de salaire"]),
        [
            KV(
                [
                    ("Employeur", w.developer.full),
                    ("SIRET", w.developer.siret),
                    ("Convention collective", "Promotion immobilière (IDCC 1512)"),
                    ("Salarié", emp.formal),
                    (
                        "N° de sécurité sociale",
                        ids.nir(
                            rng, emp.sex, emp.birth.year, emp.birth.month, emp.address.postcode[:2]
                        ),
                    ),
                    (
                        "Emploi",
                        rng.choice(
                            [
                                "Responsable de programmes",
                                "Assistante commerciale",
                                "Conducteur de travaux",
                                "Comptable",
                            ]
                        ),
                    ),
                    ("Période", f"{fk.MONTHS_FR[w.today.month - 1]} {w.today.year}"),
                ]
            ),
            Table(["Rubrique", "Base", "Taux", "Gains", "Retenues"], rows, fmt="tddmm", total=1),
            P(
                f"Net payé par virement : {fk.money(gross - ded)} - Prélèvement à la source "
                f": taux personnalisé {rng.uniform(0, 15):.1f} %"
            ),
            P(
                "Dans votre intérêt et pour vous aider à faire valoir vos droits, conservez "
                "ce bulletin de paie sans limitation de durée.",
                style="small",
            ),
        ],
    )


@template("AUTRE", "carte_grise", formats=("pdf",), scan=0.5)
def carte_grise(w: World, rng: random.Random) -> Doc:
    p = fk.person(rng, w.today)
    plate = ids.ref(rng, "AA-999-AA")
    return Doc(
        "CERTIFICAT D'IMMATRICULATION",
        [
            P("RÉPUBLIQUE FRANÇAISE", align="center", style="bold"),
            KV(
                [
                    ("A. Numéro d'immatriculation", plate),
                    (
                        "B. Date de 1re immatriculation",
                        fk.fr_date(w.today - dt.timedelta(days=rng.randint(30, 4000))),
                    ),
                    ("C.1 Nom, prénom", f"{p.last.upper()} {p.first.upper()}"),
                    ("C.3 Adresse", p.address.one_line()),
                    (
                        "D.1 Marque",
                        rng.choice(
                            ["RENAULT", "PEUGEOT", "CITROEN", "TOYOTA", "VOLKSWAGEN", "TESLA"]
                        ),
                    ),
                    (
                        "D.3 Dénomination commerciale",
                        rng.choice(["CLIO", "308", "C4", "YARIS", "GOLF", "MODEL 3"]),
                    ),
                    ("E. N° d'identification du véhicule", ids.ref(rng, "VF1AAAAA999999999")),
                    ("F.2 PTAC (kg)", str(rng.randint(1400, 2400))),
                    ("J.1 Genre national", "VP"),
                    ("P.3 Type de carburant", rng.choice(["ES", "GO", "EL", "EH"])),
                    ("X.1 Visite avant le", "-"),
                ]
            ),
            P(
                "Certificat d'immatriculation - ce document doit être présenté à toute réquisition "
                "des agents de l'autorité.",
                style="small",
            ),
        ],
    )


@template("AUTRE", "newsletter", scan=0.05)
def newsletter(w: World, rng: random.Random) -> Doc:
    return Doc(
        f"La lettre {w.developer.name} - n° {rng.randint(5, 80)}",
        [
            H("Édito"),
            P(
                f"Chers partenaires, l'année {w.today.year} a été marquée par un marché du "
                "logement neuf exigeant. Nos équipes ont pourtant "
                f"lancé {rng.randint(2, 9)} nouvelles opérations et "
                f"livré {rng.randint(100, 900)} logements."
            ),
            H("Actualités des chantiers"),
            P(
                f"À {w.site.town}, la résidence {w.programme} a fêté la pose de sa première "
                "pierre ; la mise hors d'eau est prévue au printemps. "
                "Le permis de construire de notre prochaine opération vient d'être purgé "
                "de tout recours."
            ),
            H("Le saviez-vous ?"),
            P(
                "La garantie financière d'achèvement protège les acquéreurs en VEFA ; les "
                "appels de fonds suivent l'avancement du chantier."
            ),
            H("Agenda"),
            P(
                "Salon de l'immobilier neuf - stand B12. Journée "
                "portes ouvertes de nos espaces de vente."
            ),
            P(
                "Vous recevez cette lettre car vous êtes partenaire "
                "de notre groupe. Se désinscrire.",
                style="small",
            ),
        ],
        head_left=[w.developer.name, "Newsletter partenaires"],
    )


@template("AUTRE", "courrier_divers", scan=0.2)
def courrier(w: World, rng: random.Random) -> Doc:
    targets: list[Company | Person] = [w.sccv, *w.buyers]
    subject, body = rng.choice(
        [
            (
                "Changement d'interlocuteur",
                "Nous vous informons que votre chargé d'affaires "
                "change à compter du mois prochain. "
                "Votre nouvel interlocuteur reprendra l'ensemble de vos dossiers de financement.",
            ),
            (
                "Invitation - inauguration de la résidence",
                f"Nous avons le plaisir de vous convier à l'inauguration de la résidence "
                f"{w.programme}, le {fk.fr_date(w.delivery_date)} à 18h30, en présence de "
                "Monsieur le Maire.",
            ),
            (
                "Vœux",
                "Toute l'équipe vous présente ses meilleurs vœux "
                "et vous remercie de votre confiance.",
            ),
            (
                "Relance - pièces manquantes",
                "Pour compléter votre dossier, merci de nous transmettre les documents listés "
                "lors de notre "
                "dernier échange. À défaut, l'instruction ne pourra se poursuivre.",
            ),
            (
                "Réclamation acquéreur",
                f"Acquéreur du lot {rng.randint(1, 60)} de la résidence {w.programme}, je "
                "constate un retard de "
                "livraison et vous remercie de m'indiquer la nouvelle date prévisionnelle.",
            ),
        ]
    )
    return Doc(
        "",
        [
            P(f"Objet : {subject}", style="bold"),
            P("Madame, Monsieur,"),
            P(body),
            P(
                "Nous vous prions d'agréer, Madame, Monsieur, l'expression de nos salutations "
                "distinguées."
            ),
            P(place_date(w, rng)),
            Sign([[rng.choice([w.developer.manager.name, w.bank.manager.name]), ""]]),
        ],
        head_left=letterhead(rng.choice([w.developer, w.bank]), rng),
        head_right=recipient(rng.choice(targets)),
    )


@template("AUTRE", "invitation_reunion", scan=0.1)
def invitation(w: World, rng: random.Random) -> Doc:
    d = w.today + dt.timedelta(days=rng.randint(3, 30))
    return Doc(
        alt(rng, ["Invitation", "CONVOCATION - RÉUNION", "Meeting invitation"]),
        [
            KV(
                [
                    (
                        "Objet",
                        rng.choice(
                            [
                                "Comité de pilotage commercial",
                                "Réunion de lancement de l'opération",
                                "Point d'étape financement",
                                "Visite de chantier partenaires",
                            ]
                        ),
                    ),
                    ("Date", fk.fr_date_long(d)),
                    ("Heure", f"{rng.randint(8, 17)}h{rng.choice(['00', '30'])}"),
                    (
                        "Lieu",
                        rng.choice(
                            [
                                w.developer.address.one_line(),
                                "Visioconférence (lien communiqué ultérieurement)",
                                w.site.one_line(),
                            ]
                        ),
                    ),
                    (
                        "Participants",
                        ", ".join([w.developer.manager.name, w.architect.name, w.bank.name]),
                    ),
                ]
            ),
            H("Ordre du jour"),
            P(
                "1. Tour de table ; 2. Avancement des études et du "
                "chantier ; 3. Point commercialisation "
                "; 4. Questions diverses."
            ),
            P("Merci de confirmer votre présence.", style="italic"),
        ],
        head_left=[w.developer.name],
    )


@template("AUTRE", "brochure_programme", scan=0.03)
def brochure(w: World, rng: random.Random) -> Doc:
    lots = lot_rows(w, rng, 4)
    return Doc(
        w.programme.upper(),
        [
            P(
                alt(
                    rng,
                    [
                        "Vivez la ville côté jardin",
                        "Votre nouvelle adresse au cœur de " + w.site.town,
                        "L'art de vivre, tout simplement",
                    ],
                ),
                align="center",
                style="big",
            ),
            P(
                f"Du studio au 5 pièces, {w.lots} appartements lumineux prolongés de balcons "
                "et terrasses, à deux pas des commerces "
                "et des transports."
            ),
            H("Les prestations"),
            P(
                "Parquet dans les chambres, menuiseries double vitrage, "
                "volets roulants électriques, "
                "pompe à chaleur, résidence sécurisée. Conforme RE2020."
            ),
            H("Investir ou habiter"),
            P("Éligible au PTZ sous conditions. Frais de notaire réduits. Garanties de la VEFA."),
            Table(
                ["Type", "Surface", "À partir de"],
                [[str(x["type"]), f"{x['surface']} m²", float(x["price"])] for x in lots],
                fmt="ttm",
            ),
            P(f"Espace de vente : {w.site.one_line()} - {w.developer.phone}", align="center"),
            P("Document non contractuel. Illustrations à caractère d'ambiance.", style="small"),
        ],
        head_left=[w.developer.name],
    )


@template("AUTRE", "page_blanche", formats=("pdf", "docx"), scan=0.4)
def blank(w: World, rng: random.Random) -> Doc:
    k = rng.random()
    blocks: list[Block] = [Space(20)]
    if k < 0.3:
        blocks.append(P("Page laissée intentionnellement blanche", align="center", style="italic"))
    elif k < 0.45:
        blocks.append(P(str(rng.randint(2, 40)), align="center"))
    return Doc("", blocks)


@template("AUTRE", "email_imprime", scan=0.05)
def email(w: World, rng: random.Random) -> Doc:
    frm = rng.choice([w.developer.manager, w.architect, w.notary])
    return Doc(
        "",
        [
            KV(
                [
                    (
                        "De",
                        f"{frm.name} <"
                        f"{frm.first.lower()}."
                        f"{frm.last.lower().replace(' ', '')}"
                        "@exemple.fr>",
                    ),
                    ("À", w.bank.manager.name),
                    (
                        "Date",
                        f"{fk.fr_date(w.today)} {rng.randint(8, 19)}:{rng.randint(0, 59):02d}",
                    ),
                    (
                        "Objet",
                        rng.choice(
                            [
                                f"RE: {w.programme} - documents",
                                "Disponibilités semaine prochaine",
                                "TR: planning signature",
                            ]
                        ),
                    ),
                ]
            ),
            P("Bonjour,"),
            P(
                rng.choice(
                    [
                        "Je vous confirme notre rendez-vous de jeudi. Je "
                        "vous ferai suivre les éléments "
                        "dès réception.",
                        "Merci pour votre retour. Nous revenons vers vous "
                        "rapidement avec les pièces demandées.",
                        "Ci-dessous le lien vers l'espace de partage ; n'hésitez pas si vous avez "
                        "des difficultés d'accès.",
                    ]
                )
            ),
            P("Bien cordialement,"),
            P(frm.name),
        ],
    )


@template("AUTRE", "compte_rendu_chantier", formats=("pdf", "docx"), scan=0.1)
def compte_rendu(w: World, rng: random.Random) -> Doc:
    n = rng.randint(3, 60)
    rows: list[list[str | int | float]] = [
        [c.trade, c.name, rng.choice(["Présent", "Absent excusé", "Absent", "Présent"])]
        for c in w.contractors
    ]
    remarks = [
        "Les entreprises sont invitées à nettoyer leurs zones de travail chaque vendredi.",
        "La livraison des menuiseries est décalée d'une semaine.",
        "Le bureau de contrôle demande la note de calcul des garde-corps.",
        "Les réservations pour les réseaux doivent être validées avant coulage.",
        "Rappel : port des EPI obligatoire sur l'ensemble du chantier.",
    ]
    return Doc(
        f"COMPTE RENDU DE RÉUNION DE CHANTIER N° {n}",
        [
            KV(
                [
                    ("Opération", w.programme),
                    ("Date", fk.fr_date(w.today)),
                    ("Rédacteur", w.architect.name),
                    ("Prochaine réunion", fk.fr_date(w.today + dt.timedelta(days=7))),
                ]
            ),
            Table(["Lot", "Entreprise", "Présence"], rows),
            H("Observations générales"),
            *[P(f"- {r}") for r in rng.sample(remarks, k=rng.randint(2, len(remarks)))],
            P(
                "Sans observation écrite sous huit jours, le présent "
                "compte rendu est réputé accepté.",
                style="small",
            ),
        ],
        head_left=[w.architect_firm.name, "Maîtrise d'œuvre d'exécution"],
    )


@template("AUTRE", "cheque", formats=("pdf",), scan=0.5)
def cheque(w: World, rng: random.Random) -> Doc:
    amount = float(d2(rng.uniform(50, 90000)))
    bank = rng.choice(ids.BANKS)[0]
    payer = rng.choice([*w.buyers, w.developer.manager])
    return Doc(
        "",
        [
            P(bank.upper(), style="bold"),
            P(f"Payez contre ce chèque : {fk.words_fr(int(amount))} euros", style="italic"),
            P(f"à : {rng.choice([w.sccv.name, 'Maître ' + w.notary.name, w.developer.name])}"),
            KV(
                [
                    ("Montant", fk.money(amount)),
                    ("À", payer.address.town),
                    ("Le", fk.fr_date(w.today)),
                ]
            ),
            P(payer.formal),
            P(
                "Chèque n° "
                f"{rng.randint(1000000, 9999999)}"
                f"  {ids.ref(rng, '9999999')}  "
                f"{ids.ref(rng, '999999999999')}",
                style="mono",
            ),
        ],
    )


_ = Box


@template("AUTRE", "photo_objet", formats=("pdf",), scan=1.0)
def photo(w: World, rng: random.Random) -> Doc:
    """A photo of something that is not a document (a mole, a façade): little or garbled text."""
    words = [
        "IMG_" + ids.ref(rng, "9999"),
        rng.choice(["", "", "WARNING", "EXIT", "SORTIE", "Parking", "P"]),
        rng.choice(["", "", "Échelle", "Reçu", "75", "OK"]),
    ]
    blocks: list[Block] = [Space(rng.randint(20, 200))]
    blocks += [P(x, align=rng.choice(["left", "center", "right"])) for x in words if x]
    blocks.append(Box([" " * rng.randint(5, 40)]))
    return Doc("", blocks)
