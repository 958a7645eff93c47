"""Financing documents: credit offers, security deeds, GFA, drawdown requests, releases."""

from __future__ import annotations

import datetime as dt
import random

from .. import fakes as fk
from .. import identifiers as ids
from ..fakes import World
from ..model import KV, Block, Box, Doc, H, P, Sign, Table
from ..registry import template
from .common import alt, boiler, company_phrase, d2, legal_footer, letterhead, person_phrase, place_date, recipient


def _loan(w: World, rng: random.Random) -> int:
    return int(w.revenue_ttc * rng.uniform(0.15, 0.45) / 10000) * 10000


def _margin(rng: random.Random) -> str:
    return f"{rng.choice([1.6, 1.8, 2.0, 2.25, 2.5, 2.75, 3.0]):.2f}".replace(".", ",")


@template("OFFRE_CREDIT", "lettre_offre", scan=0.05)
def lettre_offre(w: World, rng: random.Random) -> Doc:
    amount = _loan(w, rng)
    gfa = int(w.works_ht * 1.2 * rng.uniform(0.8, 1.0) / 10000) * 10000
    months = rng.randint(18, 36)
    cps = ["Obtention d'un permis de construire purgé de tout recours et de tout retrait",
           f"Justification d'un taux de pré-commercialisation d'au moins {rng.choice([30, 40, 50, 60])} % du chiffre d'affaires TTC",
           f"Apport en fonds propres de {fk.money(w.land_price * rng.uniform(0.3, 0.6))} justifié",
           "Signature de l'acte authentique d'acquisition du terrain",
           "Attestation d'assurance dommages-ouvrage et CNR",
           "Marchés de travaux signés couvrant au moins 80 % du budget travaux"]
    return Doc(alt(rng, ["OFFRE DE CRÉDIT", "LETTRE D'OFFRE", "Proposition de financement"]), [
        P(f"Objet : Financement de l'opération « {w.programme} » - {w.lots} logements à {w.site.town}", style="bold"),
        P(f"Madame, Monsieur, suite à l'accord de notre comité de crédit du {fk.fr_date(w.today - dt.timedelta(days=8))}, "
          f"nous avons le plaisir de vous proposer les concours suivants, aux conditions ci-après :"),
        Table(["Concours", "Montant", "Durée", "Taux"], [
            ["Crédit d'accompagnement (découvert)", float(amount), f"{months} mois", f"Euribor 3M + {_margin(rng)} %"],
            ["Garantie financière d'achèvement (GFA)", float(gfa), f"{months + 6} mois", f"commission {_margin(rng)} % l'an"],
            ["Prêt foncier", float(int(w.land_price * 0.6)), "24 mois", f"Euribor 3M + {_margin(rng)} %"]],
            fmt="tmtt", widths=[3, 1.5, 1, 1.8]),
        H("Conditions suspensives"), *[P(f"- {c}") for c in rng.sample(cps, k=rng.randint(3, len(cps)))],
        H("Garanties"),
        P("Promesse d'affectation hypothécaire de premier rang sur le terrain, nantissement des parts sociales de la "
          "SCCV, cession Dailly des créances sur acquéreurs, caution solidaire de la société mère."),
        H("Commissions et frais"),
        P(f"Commission d'engagement : {_margin(rng)} % du montant autorisé, payable à la signature. Frais de dossier : "
          f"{fk.money(rng.choice([3000, 5000, 7500, 10000]))}."),
        P(f"La présente offre est valable jusqu'au {fk.fr_date(w.today + dt.timedelta(days=30))}. Passé ce délai, elle "
          "sera caduque. Le retour d'un exemplaire signé vaudra acceptation."),
        Sign([[w.bank.name, "Direction de l'Immobilier"], ["Bon pour acceptation", w.sccv.name]]),
    ], head_left=letterhead(w.bank, rng), head_right=recipient(w.sccv, w.sccv.manager.formal),
        footer=legal_footer(w.bank, rng))


@template("OFFRE_CREDIT", "convention_credit", formats=("pdf", "docx"), scan=0.03)
def convention(w: World, rng: random.Random) -> Doc:
    amount = _loan(w, rng)
    arts = [("Objet", f"La Banque consent à l'Emprunteur une ouverture de crédit d'un montant maximum de "
                      f"{fk.money(amount)} ({fk.words_fr(amount)} euros), destinée à financer la construction de l'opération."),
            ("Utilisation", "Le crédit est utilisable par tirages successifs sur présentation de demandes de tirage "
                            "accompagnées des factures et situations de travaux correspondantes."),
            ("Intérêts", f"Les utilisations portent intérêt au taux Euribor 3 mois (floor 0) majoré d'une marge de {_margin(rng)} % l'an."),
            ("Remboursement", "Le crédit est remboursé au fur et à mesure des encaissements du prix des ventes, "
                              "centralisés sur le compte de l'opération, et au plus tard à l'échéance finale."),
            ("Déclarations", "L'Emprunteur déclare qu'aucun cas d'exigibilité anticipée n'est en cours et que les "
                             "informations financières remises sont sincères."),
            ("Engagements", "L'Emprunteur s'engage à centraliser l'intégralité des flux de l'opération, à remettre "
                            "trimestriellement un état de commercialisation et un bilan actualisé."),
            ("Exigibilité anticipée", "Le crédit deviendra immédiatement exigible en cas de défaut de paiement, "
                                      "d'abandon du chantier ou de procédure collective."),
            ("Élection de domicile", "Pour l'exécution des présentes, les parties élisent domicile en leur siège.")]
    blocks: list[Block] = [P("ENTRE :", style="bold"), P(company_phrase(w.bank, rng) + ", ci-après « la Banque »"),
                           P("ET :", style="bold"), P(company_phrase(w.sccv, rng) + ", ci-après « l'Emprunteur »")]
    for i, (t, b) in enumerate(arts, 1):
        blocks += [H(f"ARTICLE {i} - {t.upper()}", 2), P(b)]
    blocks += [P(place_date(w, rng)), Sign([["La Banque", ""], ["L'Emprunteur", w.sccv.manager.name]])]
    return Doc(alt(rng, ["CONVENTION D'OUVERTURE DE CRÉDIT", "CONTRAT DE CRÉDIT D'ACCOMPAGNEMENT"]), blocks,
               footer=f"Paraphes - Convention {w.sccv.name}", title_sub="Crédit d'accompagnement promotion immobilière")


@template("OFFRE_CREDIT", "term_sheet_en", scan=0.02)
def term_sheet(w: World, rng: random.Random) -> Doc:
    amount = _loan(w, rng)
    return Doc("INDICATIVE TERM SHEET", [
        P("Strictly private and confidential - subject to credit approval and documentation", style="italic"),
        KV([("Borrower", w.sccv.name), ("Sponsor", w.developer.full), ("Lender", w.bank.name),
            ("Project", f"{w.programme}, {w.lots} residential units, {w.site.town}, France"),
            ("Facility", f"Senior development facility of up to {fk.money(amount, 'en')}"),
            ("Completion guarantee", "Garantie financière d'achèvement (art. R261-21 CCH) issued by the Lender"),
            ("Tenor", f"{rng.randint(18, 36)} months from signing"), ("Margin", f"{_margin(rng).replace(',', '.')}% p.a. over 3M Euribor"),
            ("Arrangement fee", f"{rng.choice([0.5, 0.75, 1.0])}% flat"), ("Pre-sales condition", f"{rng.choice([40, 50])}% of GDV"),
            ("LTC / LTV", f"max {rng.randint(60, 75)}% / {rng.randint(50, 65)}%"),
            ("Security", "First-ranking mortgage, share pledge, assignment of receivables (Dailly), parent guarantee"),
            ("Governing law", "French law")]),
        P("This term sheet is indicative only and does not constitute a commitment to lend."),
    ], lang="en", head_left=letterhead(w.bank, rng))


@template("SURETES", "affectation_hypothecaire", scan=0.05)
def hypotheque(w: World, rng: random.Random) -> Doc:
    amount = _loan(w, rng)
    return Doc(alt(rng, ["PROMESSE D'AFFECTATION HYPOTHÉCAIRE", "ACTE D'HYPOTHÈQUE CONVENTIONNELLE",
                         "AFFECTATION HYPOTHÉCAIRE"]), [
        P(f"L'AN {fk.words_fr(w.today.year).upper()}, LE {fk.fr_date_long(w.today).upper()}"),
        P(f"Maître {w.notary.name}, notaire à {w.notary.address.town}, a reçu le présent acte à la requête de :"),
        P(company_phrase(w.sccv, rng) + ", ci-après « le Constituant »,"), P("Au profit de " + company_phrase(w.bank, rng)),
        H("AFFECTATION HYPOTHÉCAIRE"),
        P(f"En garantie du remboursement de toutes sommes dues au titre de l'ouverture de crédit d'un montant de "
          f"{fk.money(amount)} en principal, le Constituant affecte et hypothèque au profit de la Banque, en premier "
          f"rang et sans concurrence, le terrain sis {w.site.one_line()}, cadastré {w.cadastre}, pour une contenance de "
          f"{w.land_m2} m², ainsi que les constructions à édifier."),
        P("L'inscription sera prise au service de la publicité foncière compétent pour une durée expirant un an après "
          "la dernière échéance, conformément à l'article 2434 du Code civil."),
        H("ORIGINE DE PROPRIÉTÉ"), P(f"Le bien appartient au Constituant pour l'avoir acquis suivant acte reçu par Maître "
                                     f"{w.notary.name} le {fk.fr_date(w.permit_date)}."),
        Sign([["Le Constituant", ""], ["La Banque", ""], ["Le Notaire", ""]]),
    ], header=w.notary_office, footer="Copie authentique sur support électronique")


@template("SURETES", "nantissement_parts", formats=("pdf", "docx"), scan=0.05)
def nantissement(w: World, rng: random.Random) -> Doc:
    parts = rng.choice([100, 1000, 500])
    return Doc("ACTE DE NANTISSEMENT DE PARTS SOCIALES", [
        P("Entre " + company_phrase(w.developer, rng) + ", associé, ci-après « le Constituant »,"),
        P("et " + company_phrase(w.bank, rng) + ", ci-après « le Bénéficiaire »,"),
        H("Article 1 - Nantissement"),
        P(f"Le Constituant nantit au profit du Bénéficiaire les {parts} parts sociales qu'il détient dans le capital de "
          f"la {w.sccv.name}, en garantie des obligations de la SCCV au titre de la convention de crédit, "
          "conformément aux articles 1866 et suivants du Code civil."),
        H("Article 2 - Formalités"),
        P("Le nantissement sera signifié à la société ou accepté par elle dans un acte authentique, et publié au "
          "registre du commerce et des sociétés."),
        H("Article 3 - Réalisation"), P("À défaut de paiement, le Bénéficiaire pourra faire ordonner l'attribution "
                                        "judiciaire des parts ou leur vente."),
        P(place_date(w, rng)), Sign([["Le Constituant", w.developer.manager.name], ["Le Bénéficiaire", ""]]),
    ])


@template("SURETES", "caution_dailly", scan=0.1)
def caution(w: World, rng: random.Random) -> Doc:
    amount = _loan(w, rng)
    if rng.random() < 0.5:
        g = w.developer.manager
        return Doc("ACTE DE CAUTIONNEMENT SOLIDAIRE", [
            P(f"Je soussigné(e), {person_phrase(g)},"),
            P(f"me porte caution solidaire de la {w.sccv.name} envers {w.bank.name}, dans la limite de la somme de "
              f"{fk.money(amount * 0.3)} couvrant le paiement du principal, des intérêts et, le cas échéant, des pénalités "
              f"ou intérêts de retard, et pour une durée de {rng.randint(3, 6)} ans."),
            Box([f"« En me portant caution de la {w.sccv.name}, dans la limite de la somme de {fk.money(amount * 0.3)}, "
                 "je m'engage à rembourser au prêteur les sommes dues sur mes revenus et mes biens si le débiteur n'y "
                 "satisfait pas lui-même. » (article 2297 du Code civil)"], "Mention manuscrite"),
            P("Je renonce au bénéfice de discussion et de division."), P(place_date(w, rng)),
            Sign([["La caution", g.name, "(mention manuscrite et signature)"]]),
        ])
    rows: list[list[str | int | float]] = [[b.formal, f"Lot {rng.randint(1, w.lots)}", float(int(w.revenue_ttc / w.lots))]
                                           for b in w.buyers]
    return Doc("ACTE DE CESSION DE CRÉANCES PROFESSIONNELLES", [
        P("(Loi Dailly - articles L313-23 et suivants du Code monétaire et financier)", align="center"),
        KV([("Cédant", w.sccv.name), ("Cessionnaire", w.bank.name), ("Date", fk.fr_date(w.today))]),
        P("Le cédant cède au cessionnaire les créances ci-dessous, nées des contrats de vente en l'état futur "
          "d'achèvement, à titre de garantie du crédit consenti."),
        Table(["Débiteur cédé", "Désignation", "Montant"], rows, fmt="ttm"),
        Sign([["Le cédant (signature et cachet)", ""]]),
    ])


@template("GFA", "attestation_gfa", scan=0.15)
def gfa_attestation(w: World, rng: random.Random) -> Doc:
    amount = int(w.works_ht * 1.2 * rng.uniform(0.8, 1.0) / 1000) * 1000
    return Doc(alt(rng, ["ATTESTATION DE GARANTIE FINANCIÈRE D'ACHÈVEMENT", "Attestation de garantie d'achèvement"]), [
        P(f"{w.bank.name}, {w.bank.address.one_line()}, agissant en qualité de garant,"),
        P(f"atteste avoir délivré au profit des acquéreurs de l'opération « {w.programme} » réalisée par la "
          f"{w.sccv.name} une garantie financière d'achèvement au sens des articles L261-10-1 et R261-21 du Code de "
          "la construction et de l'habitation, sous forme d'ouverture de crédit."),
        KV([("Opération", f"{w.programme} - {w.lots} lots"), ("Adresse", w.site.one_line()),
            ("Permis de construire", f"{w.permit_no} du {fk.fr_date(w.permit_date)}"),
            ("Montant garanti", fk.money(amount)), ("N° de garantie", ids.ref(rng, "GFA-9999-99999")),
            ("Durée", "jusqu'à l'achèvement de l'immeuble constaté dans les conditions de l'article R261-24 du CCH")],
           boxed=True),
        P("La présente attestation est délivrée pour être annexée aux actes de vente en l'état futur d'achèvement."),
        P(place_date(w, rng, town=w.bank.address.town)), Sign([["Pour le garant", "Direction des engagements"]]),
    ], head_left=letterhead(w.bank, rng), footer=legal_footer(w.bank, rng))


@template("GFA", "convention_gfa", formats=("pdf", "docx"), scan=0.05)
def gfa_convention(w: World, rng: random.Random) -> Doc:
    amount = int(w.works_ht * 1.2 / 1000) * 1000
    arts = ["Le Garant s'engage, en cas de défaillance du Promoteur, à fournir les sommes nécessaires à l'achèvement "
            "de l'immeuble, dans la limite du montant garanti.",
            "La garantie prend fin à l'achèvement de l'immeuble, constaté par une personne désignée conformément à "
            "l'article R261-24 du CCH.",
            "Le Promoteur s'engage à centraliser le prix des ventes sur le compte de l'opération ouvert chez le Garant "
            "et à ne signer aucun acte de vente sans l'accord préalable du Garant.",
            f"En rémunération de son engagement, le Garant perçoit une commission de {_margin(rng)} % l'an sur l'encours.",
            "Le Garant pourra exiger la substitution d'un maître d'œuvre en cas de retard important du chantier."]
    blocks: list[Block] = [P("Entre " + company_phrase(w.bank, rng) + " (« le Garant »)"),
                           P("et " + company_phrase(w.sccv, rng) + " (« le Promoteur »)"),
                           P(f"Il a été préalablement exposé que le Promoteur réalise l'opération {w.programme} et "
                             "souhaite vendre en l'état futur d'achèvement, ce qui suppose une garantie financière "
                             "d'achèvement (article R261-21 du CCH).")]
    for i, a in enumerate(arts, 1):
        blocks += [H(f"Article {i}", 2), P(a)]
    blocks += [KV([("Montant maximal garanti", fk.money(amount))]), Sign([["Le Garant", ""], ["Le Promoteur", ""]])]
    return Doc("CONVENTION DE GARANTIE FINANCIÈRE D'ACHÈVEMENT", blocks, footer=legal_footer(w.bank, rng))


@template("GFA", "gfa_caution_assureur", scan=0.1)
def gfa_assureur(w: World, rng: random.Random) -> Doc:
    ins = rng.choice(fk.INSURERS[2:])
    amount = int(w.works_ht * 1.2 / 1000) * 1000
    return Doc("ENGAGEMENT DE CAUTION - GARANTIE EXTRINSÈQUE D'ACHÈVEMENT", [
        P(f"{ins}, entreprise régie par le Code des assurances, se porte caution solidaire de la {w.sccv.name}, "
          f"envers les acquéreurs des lots de l'immeuble {w.programme}, de l'achèvement de l'immeuble dans les "
          "conditions des articles R261-17 à R261-24 du Code de la construction et de l'habitation."),
        Table(["Élément", "Valeur"], [["Montant maximal de l'engagement", float(amount)],
                                      ["Nombre de logements", float(w.lots)], ["Prix de revient prévisionnel HT",
                                                                              float(w.works_ht + w.land_price)]],
              fmt="tm"),
        P("L'engagement de caution expire à l'achèvement de l'immeuble."),
        Sign([[ins, "Le mandataire"]]),
    ], head_left=[ins, "Direction Caution & Garanties", fk.address(rng).one_line()])


def _invoice_rows(w: World, rng: random.Random) -> tuple[list[list[str | int | float]], float]:
    rows: list[list[str | int | float]] = []
    tot = 0.0
    for _ in range(rng.randint(2, 9)):
        c = rng.choice(w.contractors)
        ttc = float(d2(rng.uniform(4000, 380000)))
        rows.append([c.name, ids.ref(rng, "F9999-999"), fk.fr_date(w.today - dt.timedelta(days=rng.randint(3, 50))),
                     rng.choice(["Travaux", "Honoraires MOE", "Frais financiers", "Taxe d'aménagement", "Assurance"]), ttc])
        tot += ttc
    rows.append(["TOTAL", "", "", "", tot])
    return rows, tot


@template("DEMANDE_TIRAGE", "lettre_tirage", scan=0.1)
def demande_lettre(w: World, rng: random.Random) -> Doc:
    rows, tot = _invoice_rows(w, rng)
    return Doc("", [
        P(f"Objet : Demande de tirage n° {rng.randint(1, 25)} - Crédit d'accompagnement {w.programme}", style="bold"),
        P("Madame, Monsieur,"),
        P(f"Conformément à l'article « Utilisation » de la convention de crédit du {fk.fr_date(w.start_date)}, nous "
          f"vous prions de bien vouloir procéder au déblocage de la somme de {fk.money(tot)} par crédit du compte "
          f"de l'opération n° {ids.group4(w.sccv.iban)}, en règlement des factures suivantes :"),
        Table(["Fournisseur", "N° facture", "Date", "Nature", "Montant TTC"], rows, fmt="ttttm", total=1,
              widths=[2.4, 1.3, 1, 1.6, 1.3]),
        P("Nous certifions que ces dépenses sont conformes au budget de l'opération, que les conditions suspensives "
          "restent satisfaites et qu'aucun cas de défaut n'est survenu."),
        P("Vous trouverez ci-joint les factures et l'attestation d'avancement du maître d'œuvre."),
        P(place_date(w, rng)), Sign([["Le gérant", w.sccv.manager.name]]),
    ], head_left=letterhead(w.sccv, rng), head_right=recipient(w.bank, "Middle office crédits"))


@template("DEMANDE_TIRAGE", "formulaire_tirage", formats=("pdf", "docx", "xlsx"), scan=0.1)
def demande_form(w: World, rng: random.Random) -> Doc:
    rows, tot = _invoice_rows(w, rng)
    auth = _loan(w, rng)
    used = auth * rng.uniform(0.1, 0.7)
    return Doc("FORMULAIRE DE DEMANDE DE TIRAGE", [
        KV([("Emprunteur", w.sccv.name), ("Opération", w.programme), ("N° de concours", ids.ref(rng, "99999999999")),
            ("Montant autorisé", fk.money(auth)), ("Encours avant tirage", fk.money(used)),
            ("Montant demandé", fk.money(tot)), ("Date de valeur souhaitée", fk.fr_date(w.today + dt.timedelta(days=3)))],
           boxed=True),
        Table(["Bénéficiaire", "Facture", "Date", "Poste budgétaire", "Montant"], rows, fmt="ttttm", total=1),
        Box(["[X] Les factures jointes ont été visées par le maître d'œuvre",
             "[X] Le plafond de l'autorisation n'est pas dépassé", "[ ] Paiement direct aux entreprises"]),
        Sign([["Signature autorisée de l'emprunteur", ""], ["Réservé à la banque - visa", ""]]),
    ], head_left=letterhead(w.bank, rng, ids=False))


@template("DEMANDE_TIRAGE", "drawdown_en", scan=0.05)
def drawdown_en(w: World, rng: random.Random) -> Doc:
    rows, tot = _invoice_rows(w, rng)
    return Doc("UTILISATION REQUEST / DRAWDOWN NOTICE", [
        P(f"To: {w.bank.name}, as Lender"), P(f"From: {w.sccv.name}, as Borrower"),
        P(f"We refer to the facility agreement dated {fk.en_date(w.start_date)}. This is a Utilisation Request. "
          f"We wish to borrow {fk.money(tot, 'en')} on {fk.en_date(w.today + dt.timedelta(days=5))}, to be credited to "
          f"account {ids.group4(w.sccv.iban)}."),
        Table(["Payee", "Invoice", "Date", "Item", "Amount"], rows, fmt="ttttm", total=1),
        P("We confirm that each condition specified in the agreement is satisfied on the date of this request and "
          "that no Default is continuing."),
        Sign([["Authorised signatory", w.sccv.manager.name]]),
    ], lang="en", head_left=letterhead(w.sccv, rng))


@template("MAINLEVEE", "mainlevee_hypotheque", scan=0.15)
def mainlevee_hyp(w: World, rng: random.Random) -> Doc:
    return Doc(alt(rng, ["ACTE DE MAINLEVÉE", "MAINLEVÉE D'INSCRIPTION HYPOTHÉCAIRE", "Mainlevée"]), [
        P(f"{w.bank.name}, créancier inscrit, représenté par son mandataire, donne mainlevée pure et simple et consent "
          f"à la radiation totale de l'inscription d'hypothèque conventionnelle prise à son profit contre la "
          f"{w.sccv.name} au service de la publicité foncière de {w.site.town}, le {fk.fr_date(w.start_date)}, "
          f"volume {rng.randint(2015, 2025)} V n° {rng.randint(100, 9999)}."),
        P(f"Biens concernés : terrain et constructions sis {w.site.one_line()}, cadastrés {w.cadastre}."),
        P("Le créancier déclare avoir été intégralement remboursé des sommes garanties. Tous pouvoirs sont donnés au "
          "porteur d'une copie des présentes pour requérir la radiation."),
        P(f"Acte reçu par Maître {w.notary.name}, notaire, le {fk.fr_date_long(w.today)}."),
        Sign([["Le créancier", ""], ["Le notaire", ""]]),
    ], head_left=[w.notary_office, *w.notary.address.lines()])


@template("MAINLEVEE", "mainlevee_gfa_lettre", scan=0.15)
def mainlevee_gfa(w: World, rng: random.Random) -> Doc:
    what = rng.choice(["de la garantie financière d'achèvement", "du nantissement des parts sociales",
                       "de la caution solidaire", "de la cession de créances Dailly"])
    return Doc("", [
        P(f"Objet : Mainlevée {what} - opération {w.programme}", style="bold"),
        P(f"Madame, Monsieur, nous vous confirmons que, l'achèvement de l'immeuble ayant été constaté le "
          f"{fk.fr_date(w.delivery_date)} et le crédit d'accompagnement étant intégralement remboursé, nous donnons "
          f"mainlevée {what} consentie par {w.sccv.name} en notre faveur."),
        P("Nous vous délions en conséquence de toute obligation à ce titre et vous autorisons à effectuer les "
          "formalités de radiation correspondantes."),
        P(place_date(w, rng, town=w.bank.address.town)), Sign([[w.bank.name, "Le directeur régional"]]),
    ], head_left=letterhead(w.bank, rng), head_right=recipient(w.sccv))


@template("MAINLEVEE", "certificat_radiation", scan=0.1)
def mainlevee_radiation(w: World, rng: random.Random) -> Doc:
    return Doc("CERTIFICAT DE MAINLEVÉE ET DE RADIATION", [
        KV([("Inscription", f"Privilège de prêteur de deniers / hypothèque n° {ids.ref(rng, '9999P99999')}"),
            ("Débiteur", w.sccv.name), ("Créancier", w.bank.name), ("Immeuble", w.site.one_line()),
            ("Date de mainlevée", fk.fr_date(w.today))], boxed=True),
        P("Le service de la publicité foncière certifie que l'inscription ci-dessus a fait l'objet d'une radiation "
          "totale suite à l'acte de mainlevée déposé."),
        *boiler(rng),
    ], head_left=["DIRECTION GÉNÉRALE DES FINANCES PUBLIQUES", f"Service de la publicité foncière de {w.site.town}"])


_ = legal_footer
