"""Land and sale deeds: title, land promise, VEFA reservation, VEFA deed of sale.

A near-miss group written in the same notarial style. The land title and promise concern
the SCCV buying the land (conditions suspensives for the promise); the reservation contract
and the deed of sale concern a buyer purchasing a lot off-plan from the SCCV.
"""

from __future__ import annotations

import datetime as dt
import random

from .. import fakes as fk
from .. import identifiers as ids
from ..fakes import World
from ..model import KV, Block, Box, Doc, H, P, Sign, Table
from ..registry import template
from .common import alt, company_phrase, lot_rows, person_phrase, place_date
from .chantier import STAGES


def _seller(w: World, rng: random.Random) -> str:
    if rng.random() < 0.5:
        return person_phrase(fk.person(rng, w.today))
    c = fk.company(rng, w.today, f"SCI {rng.choice(fk.LAST)} {rng.choice(['Patrimoine', 'Foncière', 'Invest'])}", "SC")
    return company_phrase(c, rng)


def _notary_intro(w: World, rng: random.Random, kind: str) -> list[Block]:
    return [P(f"L'AN {fk.words_fr(w.today.year).upper()},"),
            P(f"LE {fk.fr_date_long(w.today).upper()},"),
            P(f"À {w.notary.address.town.upper()}, au siège de l'office notarial, Maître {w.notary.name}, notaire "
              f"soussigné, membre de la société « {w.notary_office} », titulaire d'un office notarial, a reçu le "
              f"présent acte authentique contenant {kind} à la requête des parties ci-après identifiées.")]


def _designation(w: World) -> list[Block]:
    return [H("DÉSIGNATION"),
            P(f"À {w.site.town.upper()} ({w.site.postcode}), {w.site.line}, un terrain à bâtir figurant au cadastre "
              f"{w.cadastre}, pour une contenance totale de {w.land_m2} m²."),
            Table(["Section", "N°", "Lieudit", "Surface"], [[w.cadastre.split()[1], w.cadastre.split()[3], w.site.line,
                                                            f"{w.land_m2} m²"]])]


_CLAUSES = [
    ("ÉTAT DU BIEN", "L'acquéreur prendra le bien dans l'état où il se trouve au jour de l'entrée en jouissance, "
     "sans garantie en raison des vices apparents ou cachés, sauf application de l'article 1643 du Code civil."),
    ("SERVITUDES", "L'acquéreur souffrira les servitudes passives, apparentes ou occultes, continues ou "
     "discontinues, pouvant grever le bien, sauf à s'en défendre et à profiter de celles actives."),
    ("URBANISME", "Les parties déclarent avoir pris connaissance du certificat d'urbanisme et de la note de "
     "renseignements d'urbanisme annexés, ainsi que des dispositions du plan local d'urbanisme."),
    ("DIAGNOSTICS", "Un état des risques et pollutions (articles L125-5 et R125-26 du Code de l'environnement) "
     "demeure annexé aux présentes."),
    ("FISCALITÉ", "La présente mutation entre dans le champ d'application de la TVA immobilière (article 257 du "
     "CGI), l'acquéreur prenant l'engagement de construire dans un délai de quatre ans."),
    ("DROIT DE PRÉEMPTION", "Le bien est situé dans le périmètre du droit de préemption urbain ; la déclaration "
     "d'intention d'aliéner a été notifiée à la commune, qui y a renoncé."),
    ("ÉLECTION DE DOMICILE", "Pour l'exécution des présentes, les parties élisent domicile en l'office notarial."),
]


@template("TITRE_PROPRIETE", "acte_acquisition_terrain", formats=("pdf", "docx"), scan=0.1)
def acte_acquisition(w: World, rng: random.Random) -> Doc:
    d = w.permit_date + dt.timedelta(days=rng.randint(60, 200))
    blocks: list[Block] = [*_notary_intro(w, rng, "VENTE"),
                           H("VENDEUR"), P(_seller(w, rng)), H("ACQUÉREUR"), P(company_phrase(w.sccv, rng)),
                           *_designation(w), H("PRIX"),
                           P(f"La vente est consentie et acceptée moyennant le prix de {fk.words_fr(w.land_price).upper()} "
                             f"EUROS ({fk.money(w.land_price)}), payé comptant ce jour par la comptabilité du notaire, "
                             "ainsi que le vendeur le reconnaît et lui en consent bonne et valable quittance."),
                           H("PROPRIÉTÉ - JOUISSANCE"),
                           P("L'acquéreur est propriétaire du bien à compter de ce jour. Il en a la jouissance par la prise "
                             "de possession réelle, le bien étant libre de toute occupation.")]
    for t, body in rng.sample(_CLAUSES, k=rng.randint(3, 6)):
        blocks += [H(t), P(body)]
    blocks += [H("PUBLICITÉ FONCIÈRE"),
               P(f"Une copie authentique sera publiée au service de la publicité foncière de {w.site.town}. "
                 f"Publié le {fk.fr_date(d + dt.timedelta(days=30))}, volume {d.year} P n° {rng.randint(1000, 99999)}."),
               P(f"DONT ACTE sur {rng.randint(18, 60)} pages. Fait et passé aux lieu et date indiqués en tête des présentes."),
               Sign([["Le vendeur", ""], ["L'acquéreur", ""], ["Le notaire", ""]])]
    return Doc(alt(rng, ["VENTE", "ACTE DE VENTE DE TERRAIN", "VENTE D'UN TERRAIN À BÂTIR"]), blocks,
               header=f"{w.notary_office} - {ids.ref(rng, '999999/AA/AA')}",
               title_sub=f"Par {alt(rng, ['M. et Mme', 'la SCI', 'les consorts'])} au profit de la {w.sccv.name}")


@template("TITRE_PROPRIETE", "attestation_propriete", scan=0.2)
def attestation_propriete(w: World, rng: random.Random) -> Doc:
    d = w.permit_date + dt.timedelta(days=rng.randint(60, 200))
    return Doc(alt(rng, ["ATTESTATION DE PROPRIÉTÉ", "ATTESTATION NOTARIÉE D'ACQUISITION", "Attestation de propriété immobilière"]), [
        P(f"Je soussigné(e), Maître {w.notary.name}, notaire associé(e) de la société « {w.notary_office} »,"),
        P(f"certifie et atteste que la {w.sccv.name}, immatriculée sous le numéro {ids.group_siren(w.sccv.siren)} RCS "
          f"{w.sccv.rcs_town}, est propriétaire du terrain sis {w.site.one_line()}, cadastré {w.cadastre}, d'une "
          f"contenance de {w.land_m2} m², pour l'avoir acquis aux termes d'un acte reçu par le notaire soussigné le "
          f"{fk.fr_date(d)}, moyennant le prix de {fk.money(w.land_price)}."),
        P(f"Cet acte a été publié au service de la publicité foncière de {w.site.town} le "
          f"{fk.fr_date(d + dt.timedelta(days=rng.randint(20, 60)))}, volume {d.year} P n° {rng.randint(1000, 99999)}."),
        P("La présente attestation est délivrée à la demande de l'intéressée pour servir et valoir ce que de droit."),
        P(place_date(w, rng, town=w.notary.address.town)), Sign([[f"Maître {w.notary.name}", "Notaire"]]),
    ], head_left=[w.notary_office, "Notaires", *w.notary.address.lines()])


@template("TITRE_PROPRIETE", "releve_propriete", formats=("pdf",), scan=0.3)
def releve_propriete(w: World, rng: random.Random) -> Doc:
    rows: list[list[str | int | float]] = []
    for _ in range(rng.randint(1, 4)):
        rows.append([str(w.today.year - rng.randint(0, 3)), w.cadastre.split()[1], str(rng.randint(10, 999)),
                     w.site.line, f"{rng.randint(200, 4000)}", rng.choice(["S", "T", "AB", "J"])])
    return Doc("RELEVÉ DE PROPRIÉTÉ", [
        KV([("Département", w.site.dept), ("Commune", f"{w.site.insee} {w.site.town.upper()}"),
            ("Année de mise à jour", str(w.today.year)), ("Propriétaire", w.sccv.name),
            ("Adresse", w.sccv.address.one_line()), ("Droit réel", "Propriétaire / PP")]),
        Table(["An", "Section", "N° plan", "Adresse", "Contenance m²", "Nature"], rows),
        P("Extrait délivré par le service du cadastre - document non opposable établi à partir de la matrice cadastrale.",
          style="small"),
    ], head_left=["DIRECTION GÉNÉRALE DES FINANCES PUBLIQUES", "Cadastre - Documentation foncière"])


_CS = ["l'obtention d'un permis de construire purgé de tout recours des tiers et de tout retrait administratif, "
       "autorisant la construction d'un ensemble immobilier d'une surface de plancher d'au moins {sdp} m²",
       "l'obtention par l'acquéreur d'un ou plusieurs prêts d'un montant maximum de {loan}",
       "l'absence de pollution des sols nécessitant des travaux de dépollution d'un coût supérieur à 50 000 € HT",
       "l'absence de prescription d'un diagnostic d'archéologie préventive",
       "la pré-commercialisation d'au moins {pct} % des logements",
       "la renonciation de la commune à l'exercice de son droit de préemption"]


def _cs(w: World, rng: random.Random) -> list[Block]:
    v = {"sdp": w.sdp_m2, "loan": fk.money(w.land_price * 0.8), "pct": rng.choice([30, 40, 50])}
    return [H("CONDITIONS SUSPENSIVES"),
            P("La présente convention est consentie sous les conditions suspensives suivantes, stipulées au seul profit "
              "du bénéficiaire qui pourra seul y renoncer :"),
            *[P(f"- {c.format(**v)} ;") for c in rng.sample(_CS, k=rng.randint(3, 6))]]


@template("PROMESSE_VENTE", "promesse_unilaterale", formats=("pdf", "docx"), scan=0.05)
def promesse(w: World, rng: random.Random) -> Doc:
    end = w.today + dt.timedelta(days=rng.randint(180, 540))
    blocks: list[Block] = [*_notary_intro(w, rng, "PROMESSE UNILATÉRALE DE VENTE"),
                           H("PROMETTANT"), P(_seller(w, rng)),
                           H("BÉNÉFICIAIRE"), P(company_phrase(rng.choice([w.developer, w.sccv]), rng) +
                                                ", avec faculté de substitution au profit de toute SCCV qu'elle contrôle"),
                           H("PROMESSE DE VENTE"),
                           P("Le promettant confère au bénéficiaire, qui l'accepte en tant que promesse seulement, la "
                             "faculté d'acquérir le bien ci-après désigné. Le bénéficiaire ne contracte aucune obligation "
                             "d'acquérir."),
                           *_designation(w),
                           H("DÉLAI - RÉALISATION"),
                           P(f"La promesse est consentie pour une durée expirant le {fk.fr_date_long(end)} à seize heures. "
                             "La levée d'option et la signature de l'acte authentique de vente devront intervenir avant "
                             "cette date."),
                           H("PRIX"), P(f"En cas de réalisation, la vente aura lieu moyennant le prix de {fk.money(w.land_price)} "
                                        "hors taxes, payable comptant le jour de la signature de l'acte authentique."),
                           H("INDEMNITÉ D'IMMOBILISATION"),
                           P(f"Les parties fixent l'indemnité d'immobilisation à {fk.money(w.land_price * 0.1)}, soit 10 % du prix. "
                             f"Le bénéficiaire verse {fk.money(w.land_price * 0.05)} entre les mains du notaire, séquestre."),
                           *_cs(w, rng)]
    for t, body in rng.sample(_CLAUSES, k=3):
        blocks += [H(t), P(body)]
    blocks += [P("Conformément à l'article 1589-2 du Code civil, la présente promesse sera enregistrée dans le délai de "
                 "dix jours, à peine de nullité."), Sign([["Le promettant", ""], ["Le bénéficiaire", ""]])]
    return Doc(alt(rng, ["PROMESSE UNILATÉRALE DE VENTE", "PROMESSE DE VENTE SOUS CONDITIONS SUSPENSIVES"]), blocks,
               header=f"{w.notary_office} - Dossier {ids.ref(rng, '999999')}")


@template("PROMESSE_VENTE", "compromis", formats=("pdf", "docx"), scan=0.1)
def compromis(w: World, rng: random.Random) -> Doc:
    blocks: list[Block] = [P("ENTRE LES SOUSSIGNÉS :", style="bold"), P(_seller(w, rng) + ", ci-après « le Vendeur »"),
                           P("ET :", style="bold"), P(company_phrase(w.developer, rng) + ", ci-après « l'Acquéreur »"),
                           P("Le Vendeur vend à l'Acquéreur, qui accepte, sous les conditions suspensives ci-après, le "
                             "bien désigné ci-dessous. Les parties sont d'ores et déjà engagées, la vente étant parfaite "
                             "dès la réalisation des conditions (article 1589 du Code civil)."),
                           *_designation(w),
                           H("PRIX ET DÉPÔT DE GARANTIE"),
                           KV([("Prix", fk.money(w.land_price)), ("Dépôt de garantie", fk.money(w.land_price * 0.05)),
                               ("Séquestre", f"Maître {w.notary.name}, notaire"),
                               ("Date limite de réitération", fk.fr_date(w.today + dt.timedelta(days=rng.randint(200, 400))))]),
                           *_cs(w, rng),
                           H("CLAUSE PÉNALE"), P(f"À défaut de réitération imputable à l'une des parties, celle-ci versera "
                                                 f"à l'autre une somme de {fk.money(w.land_price * 0.1)} à titre de clause pénale."),
                           P(place_date(w, rng)), Sign([["Le Vendeur", "(lu et approuvé)"], ["L'Acquéreur", "(lu et approuvé)"]])]
    return Doc(alt(rng, ["COMPROMIS DE VENTE", "PROMESSE SYNALLAGMATIQUE DE VENTE", "Avant-contrat de vente de terrain"]),
               blocks, footer="Paraphes :")


@template("PROMESSE_VENTE", "avenant_prorogation", scan=0.15)
def prorogation(w: World, rng: random.Random) -> Doc:
    old = w.today + dt.timedelta(days=rng.randint(10, 60))
    new = old + dt.timedelta(days=rng.randint(90, 240))
    return Doc("AVENANT DE PROROGATION À LA PROMESSE DE VENTE", [
        P(f"Entre {_seller(w, rng)}, promettant, et {company_phrase(w.sccv, rng)}, bénéficiaire,"),
        P(f"Il est rappelé qu'aux termes d'un acte reçu par Maître {w.notary.name} le "
          f"{fk.fr_date(w.today - dt.timedelta(days=rng.randint(200, 500)))}, le promettant a consenti au bénéficiaire une "
          f"promesse unilatérale de vente portant sur un terrain sis {w.site.one_line()}, cadastré {w.cadastre}, "
          f"moyennant le prix de {fk.money(w.land_price)}, sous la condition suspensive d'obtention d'un permis de "
          "construire purgé."),
        P(f"Le permis de construire n° {w.permit_no} ayant été délivré le {fk.fr_date(w.permit_date)}, le délai de purge "
          f"des recours n'est pas expiré. En conséquence, les parties conviennent de proroger la date de réalisation "
          f"de la promesse du {fk.fr_date(old)} au {fk.fr_date(new)}."),
        P("Toutes les autres stipulations de la promesse demeurent inchangées."),
        Sign([["Le promettant", ""], ["Le bénéficiaire", ""]]),
    ], head_left=[w.notary_office, *w.notary.address.lines()])


def _lot_text(lot: dict[str, object], w: World) -> str:
    return (f"lot n° {lot['lot']}, appartement de type {lot['type']} situé au {lot['floor']}, d'une surface habitable "
            f"prévisionnelle de {fk.num(float(lot['surface']), dec=1)} m²" +  # type: ignore[arg-type]
            (f", avec {lot['parking']}" if lot["parking"] not in ("-",) else "") +
            f", dans l'ensemble immobilier « {w.programme} » à édifier {w.site.one_line()}")


@template("CONTRAT_RESERVATION", "contrat_preliminaire", formats=("pdf", "docx"), scan=0.1)
def reservation(w: World, rng: random.Random) -> Doc:
    b = rng.choice(w.buyers)
    lot = lot_rows(w, rng, 1)[0]
    price = float(lot["price"])  # type: ignore[arg-type]
    pct = rng.choice([2, 5])
    return Doc(alt(rng, ["CONTRAT PRÉLIMINAIRE DE RÉSERVATION", "CONTRAT DE RÉSERVATION", "Contrat de réservation VEFA"]), [
        P("(Articles L261-15 et R261-25 à R261-31 du Code de la construction et de l'habitation)", align="center"),
        P(f"ENTRE : {company_phrase(w.sccv, rng)}, ci-après « le Réservant »,"),
        P(f"ET : {person_phrase(b)}, ci-après « le Réservataire »,"),
        H("1. Objet"),
        P(f"Le Réservant s'engage à réserver au Réservataire, qui accepte, le {_lot_text(lot, w)}, tel que décrit dans la "
          "notice descriptive sommaire et le plan annexés."),
        H("2. Prix prévisionnel"),
        P(f"Le prix prévisionnel de vente est de {fk.money(price)} TTC (TVA au taux de 20 %), révisable dans les limites "
          "de l'article R261-15 du CCH."),
        H("3. Dépôt de garantie"),
        P(f"En contrepartie de la réservation, le Réservataire verse un dépôt de garantie de {fk.money(price * pct / 100)}, "
          f"soit {pct} % du prix, sur un compte spécial ouvert au nom du Réservataire chez Maître {w.notary.name}."),
        H("4. Délais"),
        P(f"La signature de l'acte authentique de vente est prévue au cours du {fk.MONTHS_FR[w.start_date.month - 1]} "
          f"{w.start_date.year}. La livraison est prévue au plus tard à la fin du "
          f"{rng.choice(['premier', 'deuxième', 'troisième', 'quatrième'])} trimestre {w.delivery_date.year}."),
        H("5. Faculté de rétractation"),
        P("Conformément à l'article L271-1 du CCH, le Réservataire dispose d'un délai de dix jours à compter du lendemain "
          "de la première présentation de la lettre recommandée lui notifiant le présent contrat pour se rétracter."),
        H("6. Restitution du dépôt"),
        P("Le dépôt de garantie est restitué sans retenue ni pénalité dans les cas prévus à l'article R261-31 du CCH, "
          "notamment si le prêt n'est pas obtenu ou si le prix excède de plus de 5 % le prix prévisionnel."),
        P(place_date(w, rng)), Sign([["Le Réservant", w.sccv.manager.name], ["Le Réservataire", b.name, "(lu et approuvé)"]]),
    ], footer=f"{w.sccv.name} - contrat de réservation lot {lot['lot']}")


@template("CONTRAT_RESERVATION", "reservation_conditions_particulieres", scan=0.1)
def reservation_cp(w: World, rng: random.Random) -> Doc:
    b = rng.choice(w.buyers)
    lot = lot_rows(w, rng, 1)[0]
    price = float(lot["price"])  # type: ignore[arg-type]
    return Doc("CONTRAT DE RÉSERVATION - CONDITIONS PARTICULIÈRES", [
        KV([("Programme", f"{w.programme} - {w.site.town}"), ("Réservataire", b.formal), ("Adresse", b.address.one_line()),
            ("Lot", f"{lot['lot']} - {lot['type']} - {lot['floor']}"), ("Surface habitable", f"{lot['surface']} m²"),
            ("Annexes", str(lot["parking"])), ("Prix TTC", fk.money(price)),
            ("Dépôt de garantie (5 %)", fk.money(price * 0.05)), ("Financement", rng.choice(["Prêt bancaire", "Comptant", "PTZ + prêt"])),
            ("Date de réservation", fk.fr_date(w.today))], boxed=True),
        H("Échéancier prévisionnel (art. R261-14 CCH)"),
        Table(["Stade", "% cumulé"], [[s, float(p)] for s, p in STAGES[::2]], fmt="tp"),
        P("Les conditions générales du contrat de réservation, la notice descriptive et le plan du lot sont annexés. Le "
          "réservataire reconnaît être informé de son droit de rétractation de dix jours (article L271-1 CCH)."),
        Sign([["Le réservant", ""], ["Le réservataire", ""]]),
    ], head_left=[w.developer.full, "Service commercial", w.developer.phone])


@template("CONTRAT_RESERVATION", "bulletin_reservation", scan=0.2)
def bulletin(w: World, rng: random.Random) -> Doc:
    b = rng.choice(w.buyers)
    lot = lot_rows(w, rng, 1)[0]
    return Doc(f"{w.programme.upper()} - CONTRAT DE RÉSERVATION", [
        Box([f"Nom : {b.last.upper()}   Prénom : {b.first}", f"Né(e) le {fk.fr_date(b.birth)} à {b.birth_town}",
             f"Adresse : {b.address.one_line()}", f"Téléphone : {fk.phone(rng)}"], "Le(s) réservataire(s)"),
        Box([f"Lot n° {lot['lot']}  Type {lot['type']}  Étage {lot['floor']}",
             f"Surface habitable : {lot['surface']} m²  Extérieur : {lot['ext']} m²",
             f"Prix TTC : {fk.money(float(lot['price']))}"], "Le bien réservé"),  # type: ignore[arg-type]
        P(f"Dépôt de garantie versé par chèque / virement à l'ordre de Maître {w.notary.name}, séquestre."),
        P("Le présent contrat préliminaire est régi par les articles L261-15 et R261-25 et suivants du CCH. "
          "Le réservataire dispose d'un délai de rétractation de 10 jours."),
        P(place_date(w, rng)), Sign([["Le réservataire", "« Lu et approuvé »"], ["Pour le réservant", ""]]),
    ], head_left=[w.developer.name, w.developer.address.one_line()])


def _echeancier() -> Table:
    return Table(["Stade d'avancement", "% cumulé du prix"], [[s, float(p)] for s, p in STAGES], fmt="tp")


@template("ACTE_VENTE", "vefa_acte", formats=("pdf", "docx"), scan=0.05)
def vefa(w: World, rng: random.Random) -> Doc:
    b = rng.choice(w.buyers)
    lot = lot_rows(w, rng, 1)[0]
    price = float(lot["price"])  # type: ignore[arg-type]
    draft = rng.random() < 0.35
    blocks: list[Block] = [*_notary_intro(w, rng, "VENTE EN L'ÉTAT FUTUR D'ACHÈVEMENT"),
                           H("VENDEUR"), P(company_phrase(w.sccv, rng)), H("ACQUÉREUR"), P(person_phrase(b)),
                           H("OBJET DE LA VENTE"),
                           P(f"Le vendeur vend en l'état futur d'achèvement, conformément aux articles 1601-3 du Code civil "
                             f"et L261-1 et suivants du CCH, à l'acquéreur qui accepte, le {_lot_text(lot, w)}, et les "
                             f"{rng.randint(50, 400)}/10000èmes des parties communes générales."),
                           H("PRIX"),
                           P(f"La vente est consentie moyennant le prix de {fk.words_fr(int(price)).upper()} EUROS "
                             f"({fk.money(price)}) TVA incluse, payable au fur et à mesure de l'avancement des travaux selon "
                             "l'échéancier ci-après :"), _echeancier(),
                           H("GARANTIE FINANCIÈRE D'ACHÈVEMENT"),
                           P(f"Le vendeur justifie d'une garantie financière d'achèvement délivrée par {w.bank.name} "
                             "(article R261-21 du CCH), dont l'attestation demeure annexée."),
                           H("DÉLAI DE LIVRAISON"),
                           P(f"Le vendeur s'oblige à achever et livrer le bien au plus tard le {fk.fr_date_long(w.delivery_date)}, "
                             "sauf causes légitimes de suspension du délai."),
                           H("ASSURANCES"), P("Le vendeur déclare avoir souscrit une assurance dommages-ouvrage et une "
                                              "assurance constructeur non réalisateur.")]
    for t, body in rng.sample(_CLAUSES[:4], k=2):
        blocks += [H(t), P(body)]
    blocks.append(Sign([["Le vendeur", ""], ["L'acquéreur", ""], ["Le notaire", ""]]))
    return Doc(("PROJET - " if draft else "") + alt(rng, ["VENTE EN L'ÉTAT FUTUR D'ACHÈVEMENT", "ACTE DE VENTE VEFA",
                                                          "VENTE D'IMMEUBLE À CONSTRUIRE"]), blocks,
               header=("PROJET D'ACTE - " if draft else "") + f"{w.notary_office} - {w.sccv.name} / {b.last.upper()}",
               footer="Copie authentique" if not draft else "Projet soumis à l'accord des parties")


@template("ACTE_VENTE", "attestation_vente", scan=0.15)
def attestation_vente(w: World, rng: random.Random) -> Doc:
    b = rng.choice(w.buyers)
    lot = lot_rows(w, rng, 1)[0]
    return Doc(alt(rng, ["ATTESTATION DE VENTE", "Attestation notariée de vente en l'état futur d'achèvement"]), [
        P(f"Je soussigné(e), Maître {w.notary.name}, notaire, certifie avoir reçu ce jour l'acte authentique de vente en "
          f"l'état futur d'achèvement par la {w.sccv.name} au profit de {b.formal} portant sur le {_lot_text(lot, w)}."),
        KV([("Prix de vente TTC", fk.money(float(lot["price"]))), ("Date de l'acte", fk.fr_date(w.today)),  # type: ignore[arg-type]
            ("Payé ce jour", f"{rng.choice([5, 35])} % du prix"), ("Livraison prévue", fk.fr_date(w.delivery_date))]),
        P("Attestation délivrée pour servir et valoir ce que de droit, notamment auprès de l'établissement prêteur."),
        Sign([[f"Maître {w.notary.name}", ""]]),
    ], head_left=[w.notary_office, *w.notary.address.lines()])


@template("ACTE_VENTE", "vente_lot_acheve", formats=("pdf", "docx"), scan=0.05)
def vente_achevee(w: World, rng: random.Random) -> Doc:
    b, b2 = rng.sample(w.buyers, 2)
    lot = lot_rows(w, rng, 1)[0]
    price = float(lot["price"]) * rng.uniform(1.0, 1.2)  # type: ignore[arg-type]
    return Doc("VENTE", [*_notary_intro(w, rng, "VENTE"),
                         H("VENDEUR"), P(person_phrase(b)), H("ACQUÉREUR"), P(person_phrase(b2)),
                         H("DÉSIGNATION"), P(f"Dans un ensemble immobilier en copropriété dénommé « {w.programme} », sis "
                                             f"{w.site.one_line()}, le lot numéro {lot['lot']} : un appartement de type "
                                             f"{lot['type']} et les tantièmes des parties communes y afférents."),
                         H("PRIX"), P(f"Prix : {fk.money(price)}, payé comptant au moyen d'un prêt consenti par {w.bank.name}."),
                         H("ORIGINE DE PROPRIÉTÉ"),
                         P(f"Le vendeur a acquis le bien en l'état futur d'achèvement de la {w.sccv.name} suivant acte reçu "
                           f"par Maître {w.notary.name} le {fk.fr_date(w.start_date)}."),
                         H("COPROPRIÉTÉ"), P("L'acquéreur déclare avoir reçu le règlement de copropriété, l'état descriptif de "
                                             "division et les trois derniers procès-verbaux d'assemblée générale."),
                         Sign([["Le vendeur", ""], ["L'acquéreur", ""]])],
               header=w.notary_office)


_ = (Box, place_date)
