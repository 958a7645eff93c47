"""Developer financials: annual accounts, presentations, personal assets, compliance
certificates, bank statements and RIBs (a near-miss pair: both show an IBAN)."""

from __future__ import annotations

import datetime as dt
import random

from .. import fakes as fk
from .. import identifiers as ids
from ..fakes import Company, World
from ..model import KV, Block, Box, Doc, H, P, Sign, Table
from ..registry import template
from .common import alt, boiler, d2, letterhead, place_date


def _fy(w: World) -> int:
    return w.today.year - 1


def _who(w: World, rng: random.Random) -> Company:
    return rng.choice([w.developer, w.holding, w.developer])


@template("COMPTES_ANNUELS", "bilan_actif_passif", formats=("pdf", "xlsx"), scan=0.1)
def bilan_comptable(w: World, rng: random.Random) -> Doc:
    c = _who(w, rng)
    s = rng.uniform(2, 80) * 1e6
    actif = [("Immobilisations incorporelles", 0.01), ("Immobilisations corporelles", 0.05), ("Immobilisations financières", 0.2),
             ("Stocks et en-cours", 0.4), ("Clients et comptes rattachés", 0.15), ("Autres créances", 0.1), ("Disponibilités", 0.09)]
    passif = [("Capital social", 0.02), ("Réserves", 0.15), ("Résultat de l'exercice", 0.05), ("Provisions pour risques", 0.03),
              ("Emprunts et dettes auprès des établissements de crédit", 0.35), ("Dettes fournisseurs", 0.2), ("Autres dettes", 0.2)]
    ra: list[list[str | int | float]] = [[n, s * k, s * k * rng.uniform(0.7, 1.2)] for n, k in actif]
    rp: list[list[str | int | float]] = [[n, s * k, s * k * rng.uniform(0.7, 1.2)] for n, k in passif]
    ra.append(["TOTAL ACTIF", sum(float(r[1]) for r in ra), sum(float(r[2]) for r in ra)])
    rp.append(["TOTAL PASSIF", sum(float(r[1]) for r in rp), sum(float(r[2]) for r in rp)])
    fy = _fy(w)
    return Doc(alt(rng, ["BILAN", "Bilan actif - passif", "COMPTES ANNUELS - BILAN"]), [
        KV([("Société", c.full), ("SIREN", c.siren), ("Exercice", f"du 01/01/{fy} au 31/12/{fy}"),
            ("Formulaire", rng.choice(["DGFiP N° 2050-SD / 2051-SD", "Liasse fiscale - régime réel normal", "Comptes annuels"]))]),
        Table(["ACTIF", f"Net 31/12/{fy}", f"Net 31/12/{fy - 1}"], ra, fmt="tnn", total=1),
        Table(["PASSIF", f"31/12/{fy}", f"31/12/{fy - 1}"], rp, fmt="tnn", total=1),
    ], head_left=[c.full, rng.choice(["Cabinet d'expertise comptable", "Établi par l'expert-comptable", ""])])


@template("COMPTES_ANNUELS", "compte_resultat_annexe", formats=("pdf", "docx"), scan=0.05)
def cr(w: World, rng: random.Random) -> Doc:
    c = _who(w, rng)
    ca = rng.uniform(3, 90) * 1e6
    rows: list[list[str | int | float]] = [["Chiffre d'affaires net", ca], ["Variation de stocks", ca * rng.uniform(-0.1, 0.2)],
                                           ["Achats et charges externes", -ca * 0.7], ["Impôts et taxes", -ca * 0.01],
                                           ["Salaires et charges sociales", -ca * 0.08], ["Dotations aux amortissements", -ca * 0.01],
                                           ["Résultat d'exploitation", ca * 0.12], ["Résultat financier", -ca * 0.01],
                                           ["Impôt sur les bénéfices", -ca * 0.03], ["RÉSULTAT NET", ca * 0.08]]
    fy = _fy(w)
    return Doc("COMPTE DE RÉSULTAT DE L'EXERCICE", [
        P(f"{c.full} - exercice clos le 31 décembre {fy} - en euros"),
        Table(["Rubrique", f"Exercice {fy}"], rows, fmt="tn", total=1),
        H("ANNEXE AUX COMPTES ANNUELS"),
        H("Règles et méthodes comptables", 2),
        P("Les comptes annuels ont été établis conformément au règlement ANC n° 2014-03 relatif au plan comptable général. "
          "Les opérations de promotion immobilière sont comptabilisées selon la méthode de l'avancement."),
        H("Engagements hors bilan", 2),
        P(f"Cautions données au profit des SCCV filiales : {fk.money(ca * 0.2)}. Garanties financières d'achèvement obtenues : "
          f"{fk.money(ca * 0.5)}."),
        H("Filiales et participations", 2),
        Table(["Société", "% détenu", "Résultat"], [[f"SCCV {a.upper()} {b.upper()}".strip(), float(rng.choice([50, 51, 100, 100])),
                                                    rng.uniform(-1e5, 8e5)] for a, b in rng.sample(fk.PROGRAMME_WORDS, 4)], fmt="tpn"),
    ])


@template("COMPTES_ANNUELS", "rapport_cac", scan=0.05)
def cac(w: World, rng: random.Random) -> Doc:
    c = _who(w, rng)
    fy = _fy(w)
    cab = f"{rng.choice(fk.LAST)} {rng.choice(['Audit', '& Associés', 'Expertise Audit'])}"
    return Doc("RAPPORT DU COMMISSAIRE AUX COMPTES SUR LES COMPTES ANNUELS", [
        P(f"Exercice clos le 31 décembre {fy}"), P(f"À l'assemblée générale de la société {c.full},"),
        H("Opinion"),
        P(f"En exécution de la mission qui nous a été confiée, nous avons effectué l'audit des comptes annuels de la société "
          f"{c.name} relatifs à l'exercice clos le 31 décembre {fy}. Nous certifions que les comptes annuels sont, au regard "
          "des règles et principes comptables français, réguliers et sincères et donnent une image fidèle du résultat des "
          "opérations de l'exercice écoulé ainsi que de la situation financière et du patrimoine de la société."),
        H("Fondement de l'opinion"),
        P("Nous avons effectué notre audit selon les normes d'exercice professionnel applicables en France."),
        H("Justification des appréciations"),
        P("Les stocks et en-cours de promotion sont évalués au coût de revient ; nous avons apprécié les marges à "
          "terminaison retenues."),
        P(place_date(w, rng, dt.date(fy + 1, 4, rng.randint(1, 28)))), Sign([[cab, "Commissaire aux comptes"]]),
    ], head_left=[cab, "Membre de la Compagnie régionale des commissaires aux comptes"])


@template("PRESENTATION_PROMOTEUR", "plaquette_fr", scan=0.02)
def plaquette(w: World, rng: random.Random) -> Doc:
    d = w.developer
    refs: list[list[str | int | float]] = [[f"{a} {b}".strip(), rng.choice(fk.TOWNS)[0], float(rng.randint(12, 150)),
                                            str(w.today.year - rng.randint(1, 12))] for a, b in rng.sample(fk.PROGRAMME_WORDS, 6)]
    return Doc(f"{d.name.upper()} - PRÉSENTATION DU GROUPE", [
        P(alt(rng, ["Bâtisseur de lieux de vie depuis " + str(w.today.year - rng.randint(8, 40)),
                    "Promoteur immobilier indépendant", "Construire la ville de demain"]), align="center", style="italic"),
        H("Qui sommes-nous ?"),
        P(f"{d.name} conçoit et réalise des programmes résidentiels et mixtes en {rng.choice(fk.REGIONS)} et au-delà. Notre "
          "équipe pluridisciplinaire maîtrise l'ensemble de la chaîne : prospection foncière, montage, conception, "
          "commercialisation et suivi de chantier."),
        H("Chiffres clés"),
        KV([("Logements livrés", str(rng.randint(300, 8000))), ("Chiffre d'affaires", fk.money(rng.randint(20, 400) * 1e6)),
            ("Collaborateurs", str(rng.randint(12, 400))), ("Opérations en cours", str(rng.randint(5, 60)))]),
        H("Nos références"), Table(["Programme", "Ville", "Logements", "Livraison"], refs, fmt="ttnt"),
        H("Notre engagement"), P("RE2020, biodiversité, qualité d'usage : chaque opération fait l'objet d'une démarche de "
                                 "certification NF Habitat HQE."),
    ], head_left=letterhead(d, rng, ids=False))


@template("PRESENTATION_PROMOTEUR", "track_record_en", formats=("pdf",), scan=0.0)
def track_en(w: World, rng: random.Random) -> Doc:
    d = w.developer
    rows: list[list[str | int | float]] = [[f"{a} {b}".strip(), rng.choice(fk.TOWNS)[0], float(rng.randint(12, 150)),
                                            float(rng.randint(3, 60) * 1e6), rng.choice(["Delivered", "Delivered", "Under construction"])]
                                           for a, b in rng.sample(fk.PROGRAMME_WORDS, 7)]
    return Doc(f"{d.name} - Company presentation", [
        H("About us"), P(f"{d.name} is an independent French residential developer founded in {w.today.year - rng.randint(8, 40)}, "
                         "active across the full development cycle from land sourcing to handover."),
        H("Track record"), Table(["Scheme", "City", "Units", "GDV", "Status"], rows, fmt="ttnmt"),
        H("Management team"), P(f"{d.manager.name}, CEO - {rng.randint(12, 30)} years in real estate development."),
        H("Strategy"), P("Mid-size residential schemes in regional cities, 40-60% pre-sold before construction start."),
    ], lang="en", landscape=rng.random() < 0.5)


@template("PRESENTATION_PROMOTEUR", "cv_dirigeants", formats=("pdf", "docx"), scan=0.05)
def cvs(w: World, rng: random.Random) -> Doc:
    blocks: list[Block] = [P(f"Équipe dirigeante de {w.developer.name}")]
    for p in [w.developer.manager, fk.person(rng, w.today), fk.person(rng, w.today)]:
        blocks += [H(f"{p.name} - {rng.choice(['Président', 'Directeur général', 'Directeur technique', 'Directrice financière', 'Directeur du développement'])}"),
                   P(f"Formation : {rng.choice(['ESTP', 'École Centrale', 'ESSEC', 'Université Paris-Dauphine', 'INSA Lyon', 'ENSA'])}"),
                   Table(["Période", "Expérience"], [[f"{y}-{y + rng.randint(2, 8)}", f"{rng.choice(['Responsable de programmes', 'Directeur d’agence', 'Chargé d’opérations'])} - {rng.choice(fk.DEV_NAMES)}"]
                                                    for y in sorted(rng.sample(range(1995, 2020), 3))])]
    return Doc("CURRICULUM VITAE DES DIRIGEANTS", blocks)


@template("ETAT_PATRIMONIAL", "declaration_patrimoine", formats=("pdf", "docx"), scan=0.15)
def patrimoine(w: World, rng: random.Random) -> Doc:
    g = w.developer.manager
    immo: list[list[str | int | float]] = []
    for _ in range(rng.randint(1, 5)):
        v = rng.randint(150, 2500) * 1000.0
        immo.append([rng.choice(["Résidence principale", "Appartement locatif", "Maison secondaire", "Parts de SCI", "Local commercial"]),
                     fk.address(rng).one_line(), v, v * rng.uniform(0, 0.7)])
    fin: list[list[str | int | float]] = [[k, rng.randint(5, 900) * 1000.0] for k in ["Comptes courants et livrets", "Assurance-vie", "PEA / titres", "Parts de sociétés"]]
    tot_a = sum(float(r[2]) for r in immo) + sum(float(r[1]) for r in fin)
    tot_d = sum(float(r[3]) for r in immo)
    return Doc(alt(rng, ["DÉCLARATION DE PATRIMOINE", "ÉTAT PATRIMONIAL", "Fiche patrimoniale de la caution"]), [
        KV([("Nom", g.last.upper()), ("Prénom", g.first), ("Date de naissance", fk.fr_date(g.birth)), ("Adresse", g.address.one_line()),
            ("Situation familiale", rng.choice(["Marié(e) - communauté réduite aux acquêts", "Marié(e) - séparation de biens", "Célibataire", "Pacsé(e)"])),
            ("Revenus annuels nets", fk.money(rng.randint(60, 600) * 1000))]),
        H("Patrimoine immobilier"), Table(["Nature", "Adresse", "Valeur estimée", "Capital restant dû"], immo, fmt="ttmm"),
        H("Patrimoine financier"), Table(["Nature", "Montant"], fin, fmt="tm"),
        KV([("Total actif", fk.money(tot_a)), ("Total passif", fk.money(tot_d)), ("Patrimoine net", fk.money(tot_a - tot_d))], boxed=True),
        P("Je certifie sincères et véritables les renseignements ci-dessus, communiqués à l'appui de mon engagement de "
          "caution, et m'engage à signaler toute modification significative."),
        P(place_date(w, rng)), Sign([["Signature", g.name]]),
    ], head_left=[w.bank.name] if rng.random() < 0.5 else [])


@template("ETAT_PATRIMONIAL", "patrimoine_tableau", formats=("xlsx", "pdf"), scan=0.1)
def patrimoine_tab(w: World, rng: random.Random) -> Doc:
    g = w.developer.manager
    rows: list[list[str | int | float]] = [[k, rng.randint(0, 3000) * 1000.0] for k in
                                           ["Immobilier de jouissance", "Immobilier de rapport", "Liquidités", "Valeurs mobilières",
                                            "Participations professionnelles", "Emprunts immobiliers", "Autres dettes"]]
    return Doc(f"Patrimoine de {g.formal}", [Table(["Poste", "Montant"], rows, fmt="tm"), *boiler(rng)])


@template("ETAT_PATRIMONIAL", "assets_statement_en", scan=0.05)
def assets_en(w: World, rng: random.Random) -> Doc:
    g = w.developer.manager
    rows: list[list[str | int | float]] = [[k, rng.randint(50, 3000) * 1000.0] for k in
                                           ["Main residence", "Buy-to-let property", "Cash and savings", "Listed securities", "Company shares"]]
    return Doc("STATEMENT OF PERSONAL ASSETS AND LIABILITIES", [
        KV([("Name", g.name), ("Date of birth", fk.en_date(g.birth))]), Table(["Asset", "Value"], rows, fmt="tm"),
        Table(["Liability", "Outstanding"], [["Mortgages", rng.randint(0, 900) * 1000.0]], fmt="tm"),
        P("I certify that the above information is true and complete."), Sign([["Signed", g.name]]),
    ], lang="en")


@template("ATTEST_FISCALE_SOCIALE", "vigilance_urssaf", scan=0.2)
def urssaf(w: World, rng: random.Random) -> Doc:
    c = rng.choice([w.sccv, w.developer, *w.contractors])
    return Doc(alt(rng, ["ATTESTATION DE VIGILANCE", "Attestation de vigilance URSSAF"]), [
        P(f"Délivrée le {fk.fr_date(w.today)} en application des articles L243-15 et D243-15 du Code de la sécurité sociale"),
        KV([("Raison sociale", c.full), ("SIREN", c.siren), ("Adresse", c.address.one_line()),
            ("Effectif déclaré", str(rng.randint(0, 250))), ("Masse salariale du dernier trimestre", fk.money(rng.randint(0, 900) * 1000))]),
        P("L'Urssaf atteste que l'entreprise est à jour de ses obligations déclaratives et de paiement des cotisations et "
          "contributions sociales à la date d'émission de la présente attestation."),
        Box([f"Code de sécurité : {ids.ref(rng, 'AAAA9AAA9AAA9AA')}",
             "L'authenticité de cette attestation peut être vérifiée sur le site de l'Urssaf, rubrique « vérifier une attestation »."]),
        P("Le donneur d'ordre doit se faire remettre cette attestation tous les six mois jusqu'à la fin de l'exécution du contrat.",
          style="small"),
    ], head_left=["Urssaf", rng.choice(fk.REGIONS), "Service attestations"])


@template("ATTEST_FISCALE_SOCIALE", "regularite_fiscale", scan=0.2)
def fiscale(w: World, rng: random.Random) -> Doc:
    c = rng.choice([w.sccv, w.developer, *w.contractors])
    return Doc(alt(rng, ["ATTESTATION DE RÉGULARITÉ FISCALE", "Attestation de régularité fiscale (n° 3666-SD)"]), [
        P(f"Le comptable public du service des impôts des entreprises de {c.address.town} atteste que l'entreprise désignée "
          "ci-dessous a souscrit ses déclarations fiscales et a réglé les sommes dues à la date du "
          f"{fk.fr_date(w.today - dt.timedelta(days=rng.randint(5, 60)))} au titre de l'impôt sur le revenu / l'impôt sur les "
          "sociétés et de la taxe sur la valeur ajoutée."),
        KV([("Dénomination", c.full), ("SIREN", c.siren), ("N° TVA intracommunautaire", c.vat), ("Adresse", c.address.one_line())], boxed=True),
        Table(["Impôt", "Situation"], [["Impôt sur les sociétés", "À jour"], ["TVA", "À jour"], ["CFE", rng.choice(["À jour", "Néant"])]]),
        P("Cette attestation ne préjuge pas d'un contrôle fiscal ultérieur.", style="small"),
        Sign([["Le comptable public", ""]]),
    ], head_left=["DIRECTION GÉNÉRALE DES FINANCES PUBLIQUES", f"SIE de {c.address.town}"])


@template("ATTEST_FISCALE_SOCIALE", "cibtp_probtp", scan=0.2)
def cibtp(w: World, rng: random.Random) -> Doc:
    c = rng.choice(w.contractors)
    org = rng.choice(["CIBTP - Caisse des congés payés du BTP", "CNETP", "PRO BTP"])
    return Doc(f"ATTESTATION DE RÉGULARITÉ - {org.split(' - ')[0]}", [
        P(f"La caisse {org} certifie que l'entreprise {c.full}, SIRET {c.siret}, est affiliée sous le numéro "
          f"{ids.ref(rng, '99999999')} et qu'elle est à jour de ses cotisations {rng.choice(['congés payés et chômage-intempéries', 'retraite et prévoyance'])} "
          f"au {fk.fr_date(w.today)}."),
        P("Attestation valable pour une durée de trois mois, délivrée pour les besoins des marchés de travaux."),
        Sign([["Le directeur", ""]]),
    ], head_left=[org, fk.address(rng).one_line()])


def _txns(w: World, rng: random.Random, lang: str) -> tuple[list[list[str | int | float]], float, float]:
    start = float(d2(rng.uniform(-50000, 900000)))
    bal = start
    rows: list[list[str | int | float]] = []
    d = w.today.replace(day=1)
    fr = ["VIR SEPA {c}", "PRLV SEPA URSSAF", "VIR RECU NOTAIRE {n}", "CB {c}", "FRAIS TENUE DE COMPTE", "COMMISSION GFA",
          "INTERETS DEBITEURS", "VIR INST {c}", "CHQ {k}", "REMISE CHQ {k}"]
    en = ["TRANSFER TO {c}", "DIRECT DEBIT {c}", "INCOMING WIRE {n}", "CARD PAYMENT {c}", "ACCOUNT FEE", "INTEREST"]
    for _ in range(rng.randint(8, 30)):
        d += dt.timedelta(days=rng.randint(0, 2))
        label = rng.choice(fr if lang == "fr" else en).format(c=rng.choice(w.contractors).name.upper()[:24],
                                                              n=w.notary.last.upper(), k=rng.randint(1000000, 9999999))
        amt = float(d2(rng.uniform(20, 250000)))
        credit = "RECU" in label or "REMISE" in label or "INCOMING" in label
        bal += amt if credit else -amt
        ds = fk.fr_date(d) if lang == "fr" else d.strftime("%d/%m/%Y")
        rows.append([ds, label, "" if credit else amt, amt if credit else ""])
    return rows, start, bal


@template("RELEVE_BANCAIRE", "releve_fr", formats=("pdf",), scan=0.15)
def releve(w: World, rng: random.Random) -> Doc:
    c = rng.choice([w.sccv, w.developer])
    rows, start, end = _txns(w, rng, "fr")
    deb = sum(float(r[2]) for r in rows if r[2] != "")
    cred = sum(float(r[3]) for r in rows if r[3] != "")
    return Doc(alt(rng, ["RELEVÉ DE COMPTE", "Relevé de compte courant", "EXTRAIT DE COMPTE"]), [
        KV([("Titulaire", c.full), ("Compte n°", ids.group4(c.iban)[15:].strip()), ("IBAN", ids.group4(c.iban)),
            ("Période", f"du {fk.fr_date(w.today.replace(day=1))} au {fk.fr_date(w.today)}"),
            ("Relevé n°", str(rng.randint(1, 120)))]),
        P(f"Solde précédent au {fk.fr_date(w.today.replace(day=1))} : {fk.money(start)}", style="bold"),
        Table(["Date", "Libellé", "Débit", "Crédit"], rows + [["", "Total des mouvements", deb, cred]], fmt="ttmm", total=1,
              widths=[1, 4.5, 1.3, 1.3]),
        P(f"Nouveau solde {'créditeur' if end >= 0 else 'débiteur'} au {fk.fr_date(w.today)} : {fk.money(end)}", style="bold"),
        P("Sauf erreur ou omission. Les réclamations doivent être formulées dans un délai de deux mois.", style="small"),
    ], head_left=[c.bank, "Votre agence entreprises", fk.address(rng).one_line()], head_right=[c.full, *c.address.lines()],
        footer=f"{c.bank} - établissement de crédit agréé par l'ACPR")


@template("RELEVE_BANCAIRE", "statement_en", formats=("pdf",), scan=0.1)
def statement_en(w: World, rng: random.Random) -> Doc:
    c = rng.choice([w.sccv, w.developer])
    rows, start, end = _txns(w, rng, "en")
    return Doc("BANK STATEMENT", [
        KV([("Account holder", c.full), ("IBAN", ids.group4(c.iban)), ("BIC", c.bic),
            ("Statement period", f"{fk.en_date(w.today.replace(day=1))} - {fk.en_date(w.today)}"),
            ("Opening balance", fk.money(start, "en")), ("Closing balance", fk.money(end, "en"))]),
        Table(["Date", "Description", "Debit", "Credit"], rows, fmt="ttmm", widths=[1, 4.5, 1.3, 1.3]),
    ], lang="en", head_left=[c.bank])


@template("RELEVE_BANCAIRE", "releve_solde_colonne", formats=("pdf",), scan=0.1)
def releve_solde(w: World, rng: random.Random) -> Doc:
    c = rng.choice([w.sccv, w.developer])
    rows, start, end = _txns(w, rng, "fr")
    bal = start
    full: list[list[str | int | float]] = []
    for r in rows:
        bal += (float(r[3]) if r[3] != "" else 0.0) - (float(r[2]) if r[2] != "" else 0.0)
        full.append([r[0], r[0], r[1], -float(r[2]) if r[2] != "" else float(r[3]), bal])
    return Doc(f"Compte {rng.choice(['courant', 'opération', 'centralisateur'])} - relevé des opérations", [
        P(f"{c.full} - IBAN {ids.group4(c.iban)} - BIC {c.bic}"),
        Table(["Date opé.", "Date valeur", "Libellé", "Montant", "Solde"], full, fmt="tttmm", widths=[1, 1, 4, 1.3, 1.3]),
        P(f"Solde au {fk.fr_date(w.today)} : {fk.money(end)}"),
    ], head_left=[c.bank], landscape=rng.random() < 0.2)


def _rib_box(c: Company, rng: random.Random) -> Box:
    bank = c.iban[4:9]
    branch = c.iban[9:14]
    acct = c.iban[14:25]
    key = c.iban[25:27]
    return Box([f"Titulaire du compte : {c.full}", *c.address.lines(),
                f"Code banque : {bank}   Code guichet : {branch}   N° de compte : {acct}   Clé RIB : {key}",
                f"IBAN : {ids.group4(c.iban)}", f"BIC : {c.bic}",
                f"Domiciliation : {c.bank.upper()} {rng.choice(['ENTREPRISES', 'AGENCE CENTRALE', c.address.town.upper()])}"],
               alt(rng, ["RELEVÉ D'IDENTITÉ BANCAIRE", "RIB", "Identité bancaire"]))


@template("RIB", "rib_classique", formats=("pdf",), scan=0.3)
def rib(w: World, rng: random.Random) -> Doc:
    c = rng.choice([w.sccv, w.developer, *w.contractors])
    blocks: list[Block] = [_rib_box(c, rng)]
    if rng.random() < 0.5:
        blocks += [P("- - - - - - - - - - - - - - - - - - - - - - - -"), _rib_box(c, rng), P("- - - - - - - - - - - - - - -"), _rib_box(c, rng)]
    blocks.append(P("Ce relevé est destiné à être remis à vos créanciers ou débiteurs appelés à faire inscrire des "
                    "opérations à votre compte (virements, prélèvements).", style="small"))
    return Doc("", blocks, head_left=[c.bank])


@template("RIB", "rib_tableau", formats=("pdf", "docx"), scan=0.3)
def rib_tab(w: World, rng: random.Random) -> Doc:
    c = rng.choice([w.sccv, w.developer, *w.contractors])
    return Doc(alt(rng, ["Relevé d'Identité Bancaire", "RIB - IBAN", "Coordonnées bancaires"]), [
        KV([("Titulaire", c.full), ("Adresse", c.address.one_line())]),
        Table(["Banque", "Guichet", "N° de compte", "Clé"], [[c.iban[4:9], c.iban[9:14], c.iban[14:25], c.iban[25:27]]]),
        Table(["IBAN (International Bank Account Number)", "BIC (Bank Identifier Code)"], [[ids.group4(c.iban), c.bic]]),
        KV([("Domiciliation", f"{c.bank} - {fk.address(rng).one_line()}")]),
    ])


@template("RIB", "bank_details_en", formats=("pdf",), scan=0.2)
def rib_en(w: World, rng: random.Random) -> Doc:
    c = rng.choice([w.sccv, w.developer, *w.contractors])
    return Doc(alt(rng, ["BANK ACCOUNT DETAILS", "Account identification", "Certificate of bank account details"]), [
        P(f"{c.bank} hereby confirms the following account details:"),
        KV([("Account name", c.full), ("IBAN", ids.group4(c.iban)), ("BIC / SWIFT", c.bic), ("Bank code", c.iban[4:9]),
            ("Branch code", c.iban[9:14]), ("Account number", c.iban[14:25]), ("Key", c.iban[25:27]), ("Currency", "EUR")], boxed=True),
        P("Please use these details for all euro payments to this account."),
    ], lang="en", head_left=[c.bank, "Corporate banking"])
