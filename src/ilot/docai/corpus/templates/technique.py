"""Technical documents: soil surveys, environmental diagnostics, specifications, schedules,
design and supervision contracts, contractor qualifications."""

from __future__ import annotations

import datetime as dt
import random

from .. import fakes as fk
from .. import identifiers as ids
from ..fakes import World
from ..model import KV, Block, Box, Doc, H, P, Sign, Table
from ..registry import template
from .common import alt, company_phrase, d2, letterhead, lot_rows, place_date
from .chantier import STAGES


def _bureau(w: World, rng: random.Random, kind: str) -> fk.Company:
    names = {"geo": ["Fondasol", "Géotec", "Hydrogéotechnique", "Ginger CEBTP", "Sols Conseil", "Arcadis Géotechnique"],
             "env": ["Sol Environnement", "ICF Environnement", "Ginger Burgeap", "Antea", "Envirosol", "Diagamter"],
             "ct": ["Bureau Veritas Construction", "Socotec Construction", "Apave", "Qualiconsult", "Alpes Contrôles"]}
    return fk.company(rng, w.today, f"{rng.choice(names[kind])} {rng.choice(fk.REGIONS)}", rng.choice(["SAS", "SA"]))


@template("ETUDE_SOL", "rapport_g2_avp", formats=("pdf", "docx"), scan=0.05)
def g2(w: World, rng: random.Random) -> Doc:
    b = _bureau(w, rng, "geo")
    rows: list[list[str | int | float]] = []
    for i in range(1, rng.randint(3, 7)):
        rows.append([f"SP{i}", f"{rng.randint(8, 25)}", rng.choice(["Remblais / limons", "Argiles sableuses", "Marnes",
                                                                   "Calcaire altéré", "Alluvions graveleuses"]),
                     float(d2(rng.uniform(0.3, 2.5))), float(rng.randint(3, 40))])
    mission = rng.choice(["G2 AVP", "G2 PRO", "G1 PGC", "G2 AVP + G2 PRO"])
    return Doc(f"ÉTUDE GÉOTECHNIQUE DE CONCEPTION - MISSION {mission}", [
        KV([("Client", w.sccv.name), ("Projet", f"{w.programme} - {w.lots} logements"), ("Site", w.site.one_line()),
            ("Dossier", ids.ref(rng, "AA99.9999")), ("Indice", rng.choice(["A", "B", "0"]))], boxed=True),
        H("1. Contexte et objet de la mission"),
        P(f"La mission {mission} est réalisée conformément à la norme NF P 94-500 de novembre 2013 relative aux missions "
          "d'ingénierie géotechnique. Elle a pour objet de définir les principes de fondation du projet."),
        H("2. Investigations réalisées"),
        P(f"{len(rows)} sondages pressiométriques, {rng.randint(2, 6)} essais au pénétromètre dynamique et "
          f"{rng.randint(1, 3)} piézomètres ont été réalisés du {fk.fr_date(w.today - dt.timedelta(days=30))}."),
        Table(["Sondage", "Profondeur (m)", "Lithologie", "pl* (MPa)", "EM (MPa)"], rows, fmt="tttdn"),
        H("3. Contexte hydrogéologique"),
        P(f"Le niveau d'eau a été relevé entre {rng.randint(2, 9)} et {rng.randint(10, 15)} m de profondeur. Des variations "
          "saisonnières sont à prévoir."),
        H("4. Aléas"), P(f"Zone de sismicité {rng.randint(1, 4)} ; aléa retrait-gonflement des argiles "
                         f"{rng.choice(['faible', 'moyen', 'fort'])} ; classe de sol {rng.choice('ABCD')} (Eurocode 8)."),
        H("5. Recommandations pour les fondations"),
        P(alt(rng, ["Fondations superficielles par semelles filantes ancrées à 1,50 m minimum, contrainte ELS de 0,25 MPa.",
                    "Fondations profondes par pieux forés tarière creuse ancrés dans les marnes compactes.",
                    "Radier général sur sol amélioré par inclusions rigides."])),
        P("Le dallage sera de type dallage sur terre-plein conforme au DTU 13.3. Une mission G3/G4 devra être réalisée "
          "en phase exécution.", style="small"),
    ], head_left=letterhead(b, rng), footer=f"{b.name} - rapport géotechnique - reproduction intégrale uniquement")


@template("ETUDE_SOL", "etude_g1_synthese", scan=0.1)
def g1(w: World, rng: random.Random) -> Doc:
    b = _bureau(w, rng, "geo")
    return Doc("Étude géotechnique préalable G1 - Synthèse", [
        P(f"Site : {w.site.one_line()} - parcelles {w.cadastre} - superficie {w.land_m2} m²"),
        H("Synthèse documentaire"),
        P("D'après la carte géologique BRGM au 1/50 000, le site repose sur des formations alluviales surmontant un "
          "substratum marneux. La base de données Géorisques signale un aléa retrait-gonflement des argiles."),
        H("Principes généraux de construction"),
        P("Compte tenu des hypothèses, des fondations semi-profondes ou profondes sont envisageables. Les terrassements "
          "en déblai pourront être réalisés à la pelle mécanique."),
        Box(["Cette étude ne dispense pas d'une mission G2 AVP puis G2 PRO (norme NF P 94-500).",
             "Les résultats sont valables pour le projet tel que décrit."], "Limites"),
    ], head_left=letterhead(b, rng))


@template("ETUDE_SOL", "logs_sondages", formats=("pdf", "xlsx"), scan=0.1)
def logs(w: World, rng: random.Random) -> Doc:
    rows: list[list[str | int | float]] = []
    depth = 0.0
    for _ in range(rng.randint(6, 14)):
        depth += rng.uniform(0.5, 2.5)
        rows.append([f"{depth:.1f}", rng.choice(["Terre végétale", "Remblai", "Limon brun", "Argile grise", "Sable fin",
                                                 "Grave", "Marne beige"]), float(d2(rng.uniform(0.2, 3.0))),
                     float(rng.randint(2, 60)), rng.choice(["", "", "venue d'eau"])])
    return Doc(f"Sondage pressiométrique SP{rng.randint(1, 6)} - coupe et résultats", [
        KV([("Chantier", w.programme), ("Commune", w.site.town), ("Date", fk.fr_date(w.today)),
            ("Machine", rng.choice(["Sedidrill 200", "Comacchio MC 450", "Apageo"])), ("Cote tête", f"{rng.randint(20, 300)} NGF")]),
        Table(["Prof. (m)", "Description lithologique", "pl* (MPa)", "EM (MPa)", "Observations"], rows, fmt="ttdnt"),
    ], landscape=rng.random() < 0.3)


@template("DIAGNOSTICS", "pollution_ssp", formats=("pdf", "docx"), scan=0.05)
def pollution(w: World, rng: random.Random) -> Doc:
    b = _bureau(w, rng, "env")
    rows: list[list[str | int | float]] = []
    for i in range(1, rng.randint(4, 9)):
        rows.append([f"S{i}", f"0-{rng.choice([1, 2, 3])} m", float(rng.randint(10, 900)), float(d2(rng.uniform(0.1, 40))),
                     float(rng.randint(5, 400)), rng.choice(["Conforme ISDI", "Conforme ISDI", "Hors ISDI", "ISDI+"])])
    return Doc(alt(rng, ["DIAGNOSTIC DE POLLUTION DES SOLS", "Diagnostic environnemental - Sites et sols pollués"]), [
        P(f"Mission {rng.choice(['A100 + A200', 'DIAG', 'A110 + A120 + A200 + A270'])} selon la norme NF X31-620"),
        KV([("Donneur d'ordre", w.developer.full), ("Site", w.site.one_line()), ("Rapport n°", ids.ref(rng, "RP-99999"))]),
        H("1. Étude historique et documentaire"),
        P("La consultation des bases CASIAS (ex-BASIAS) et BASOL et des archives départementales montre une activité "
          f"antérieure de {rng.choice(['garage automobile', 'blanchisserie', 'dépôt de carburant', 'menuiserie', 'entrepôt'])}."),
        H("2. Investigations de terrain"),
        P("Des sondages à la tarière mécanique ont été réalisés ; les échantillons ont été analysés par un laboratoire "
          "accrédité COFRAC (HCT C10-C40, HAP, BTEX, métaux lourds, PCB)."),
        Table(["Sondage", "Profondeur", "HCT (mg/kg)", "HAP (mg/kg)", "Plomb (mg/kg)", "Filière"], rows, fmt="ttnddt"),
        H("3. Conclusions et recommandations"),
        P("Les terres excavées présentent localement des teneurs supérieures aux seuils d'acceptation en ISDI ; un plan "
          "de gestion et une analyse des risques résiduels (ARR) sont recommandés avant travaux."),
    ], head_left=letterhead(b, rng))


@template("DIAGNOSTICS", "amiante_plomb", scan=0.1)
def amiante(w: World, rng: random.Random) -> Doc:
    op = fk.person(rng, w.today)
    rows: list[list[str | int | float]] = []
    for _ in range(rng.randint(3, 8)):
        rows.append([rng.choice(["Toiture", "Conduit", "Dalle de sol", "Enduit", "Flocage", "Colle de faïence"]),
                     rng.choice(["Bâtiment A", "Hangar", "Maison existante", "Local technique"]),
                     rng.choice(["Présence d'amiante", "Absence", "Absence", "Non prélevé"]), rng.choice(["Liste A", "Liste B", "Liste C"])])
    kind = rng.choice(["RAPPORT DE REPÉRAGE DES MATÉRIAUX ET PRODUITS CONTENANT DE L'AMIANTE AVANT DÉMOLITION",
                       "REPÉRAGE AMIANTE AVANT TRAVAUX (NF X46-020)", "CONSTAT DE RISQUE D'EXPOSITION AU PLOMB ET REPÉRAGE AMIANTE"])
    return Doc(kind, [
        KV([("Adresse", w.site.one_line()), ("Propriétaire", w.sccv.name), ("Opérateur", op.formal),
            ("Certification", f"{rng.choice(['Bureau Veritas Certification', 'I.Cert', 'Dekra Certification'])} n° {ids.ref(rng, 'CPDI9999')}"),
            ("Date de visite", fk.fr_date(w.today))], boxed=True),
        P("Repérage réalisé conformément aux articles R1334-19 à R1334-29 du Code de la santé publique et à l'arrêté du "
          "16 juillet 2019 relatif au repérage avant certaines opérations."),
        Table(["Matériau", "Localisation", "Résultat", "Liste"], rows),
        P("Conclusion : il a été repéré des matériaux contenant de l'amiante. Le retrait devra être effectué par une "
          "entreprise certifiée (sous-section 3) avant démolition." if rng.random() < 0.6 else
          "Conclusion : dans le cadre de la mission, il n'a pas été repéré de matériaux contenant de l'amiante."),
        Sign([["L'opérateur de repérage", op.name]]),
    ], head_left=[f"{rng.choice(fk.LAST)} Diagnostics Immobiliers", fk.address(rng).one_line()])


@template("DIAGNOSTICS", "archeologie_dechets", scan=0.15)
def archeo(w: World, rng: random.Random) -> Doc:
    if rng.random() < 0.5:
        return Doc("RAPPORT DE DIAGNOSTIC D'ARCHÉOLOGIE PRÉVENTIVE", [
            P(f"Arrêté de prescription n° {ids.ref(rng, '99-9999')} du Préfet de région (article L522-1 du Code du patrimoine)"),
            KV([("Commune", w.site.town), ("Emprise", f"{w.land_m2} m²"), ("Aménageur", w.sccv.name),
                ("Opérateur", "Inrap - Institut national de recherches archéologiques préventives")]),
            P(f"{rng.randint(4, 15)} tranchées ont été ouvertes, représentant {rng.randint(7, 12)} % de l'emprise. "
              + rng.choice(["Aucun vestige significatif n'a été mis au jour.",
                            "Des structures fossoyées d'époque antique ont été identifiées au nord de la parcelle."])),
            P("Le service régional de l'archéologie se prononcera sur la nécessité d'une fouille dans un délai de trois mois."),
        ], head_left=["Inrap", "Direction interrégionale", fk.address(rng).one_line()])
    rows: list[list[str | int | float]] = [[m, float(rng.randint(5, 900)), rng.choice(["Réemploi", "Recyclage", "Valorisation", "ISDI"])]
                                           for m in ["Béton", "Briques", "Métaux", "Bois", "Plâtre", "Déchets dangereux"]]
    return Doc("DIAGNOSTIC PRODUITS - ÉQUIPEMENTS - MATÉRIAUX - DÉCHETS (PEMD)", [
        P("Diagnostic réalisé en application des articles R126-8 à R126-14 du CCH avant démolition."),
        KV([("Bâtiment", f"Existants sur {w.site.one_line()}"), ("Maître d'ouvrage", w.sccv.name)]),
        Table(["Matériau", "Quantité (t)", "Filière"], rows, fmt="tnt"),
    ])


@template("PLANS_NOTICE", "notice_descriptive", formats=("pdf", "docx"), scan=0.05)
def notice(w: World, rng: random.Random) -> Doc:
    sections = [
        ("1. CARACTÉRISTIQUES TECHNIQUES GÉNÉRALES DE L'IMMEUBLE", [
            ("1.1 Infrastructure", "Fouilles en pleine masse, fondations selon étude de sol (semelles ou pieux)."),
            ("1.2 Murs et ossature", "Voiles en béton armé, murs de façade en béton ou maçonnerie, isolation par l'intérieur."),
            ("1.3 Planchers", "Dalle pleine en béton armé de 20 cm, chape flottante avec isolant phonique."),
            ("1.4 Toiture", "Toiture terrasse étanchée, végétalisée en partie, ou couverture en tuiles.")]),
        ("2. LOCAUX PRIVATIFS ET LEURS ÉQUIPEMENTS", [
            ("2.1 Sols et plinthes", "Carrelage grès cérame 45x45 dans les pièces humides, parquet stratifié dans les chambres."),
            ("2.2 Menuiseries extérieures", "Menuiseries PVC double vitrage, volets roulants électriques."),
            ("2.3 Équipements sanitaires", "Meuble vasque, WC suspendu, douche à l'italienne selon plans."),
            ("2.4 Chauffage", "Chauffage et eau chaude par pompe à chaleur collective, radiateurs basse température."),
            ("2.5 Électricité", "Installation conforme à la norme NF C 15-100, prises RJ45 dans le séjour et les chambres.")]),
        ("3. ANNEXES PRIVATIVES", [("3.1 Parkings", "Places en sous-sol, porte basculante télécommandée."),
                                   ("3.2 Caves et celliers", "Sol béton brut, porte isoplane.")]),
        ("4. PARTIES COMMUNES INTÉRIEURES", [("4.1 Hall d'entrée", "Sol carrelé, miroir, boîtes aux lettres, vidéophone."),
                                             ("4.2 Ascenseur", "Ascenseur desservant tous les niveaux.")]),
    ]
    blocks: list[Block] = [P("(Conforme au modèle fixé par l'arrêté du 10 mai 1968)", align="center", style="italic"),
                           KV([("Programme", w.programme), ("Adresse", w.site.one_line()), ("Maître d'ouvrage", w.sccv.name),
                               ("Architecte", w.architect_firm.name), ("Permis", w.permit_no)])]
    for title, items in sections:
        blocks.append(H(title))
        for t, body in items:
            blocks += [H(t, 2), P(body)]
    blocks.append(P("Les marques et références sont données à titre indicatif ; le maître d'ouvrage pourra les remplacer "
                    "par des équivalents de qualité au moins égale.", style="small"))
    return Doc(alt(rng, ["NOTICE DESCRIPTIVE", "NOTICE DESCRIPTIVE SOMMAIRE", "Notice descriptive des travaux"]), blocks,
               header=f"{w.programme} - notice descriptive")


@template("PLANS_NOTICE", "tableau_surfaces", formats=("pdf", "xlsx", "docx"), scan=0.05)
def surfaces(w: World, rng: random.Random) -> Doc:
    lots = lot_rows(w, rng, min(w.lots, rng.randint(10, 40)))
    rows: list[list[str | int | float]] = [[str(x["lot"]), str(x["type"]), str(x["floor"]), float(x["surface"]), float(x["ext"]),  # type: ignore[arg-type]
                                            str(x["parking"])] for x in lots]
    tot = sum(float(r[3]) for r in rows)
    rows.append(["TOTAL", "", "", tot, sum(float(r[4]) for r in rows), ""])
    return Doc(alt(rng, ["TABLEAU DES SURFACES", "Tableau récapitulatif des surfaces et des lots"]), [
        KV([("Opération", w.programme), ("Surface de plancher totale", f"{w.sdp_m2} m²"), ("Indice", rng.choice(["PC", "DCE", "EXE"]))]),
        Table(["Lot", "Typologie", "Niveau", "SHAB (m²)", "Ext. (m²)", "Annexe"], rows, fmt="tttddt", total=1),
        P("Surfaces habitables calculées selon l'article R156-1 du CCH, tolérance ± 5 %.", style="small"),
    ], head_left=letterhead(w.architect_firm, rng))


@template("PLANS_NOTICE", "plan_cartouche", formats=("pdf",), scan=0.1)
def plan(w: World, rng: random.Random) -> Doc:
    kind = rng.choice(["PLAN DE MASSE", "PLAN DU REZ-DE-CHAUSSÉE", "PLAN DE SITUATION", "FAÇADES NORD ET SUD",
                       "COUPE AA", "PLAN R+1 - LOGEMENTS", "PLAN DE VENTE - LOT " + str(rng.randint(1, 60))])
    return Doc(kind, [
        P(" ", style="normal"), *[P("") for _ in range(rng.randint(5, 12))],
        Table(["Pièce", "Surface"], [[r, f"{rng.uniform(4, 30):.2f} m²"] for r in
                                     rng.sample(["Séjour/cuisine", "Chambre 1", "Chambre 2", "SDB", "WC", "Entrée", "Dgt", "Balcon"], 5)],
              widths=[2, 1]),
        Box([f"Projet : {w.programme}", f"Maître d'ouvrage : {w.sccv.name}", f"Architecte : {w.architect_firm.name}",
             f"Pièce : {rng.choice(['PC2', 'PC3', 'PC5', 'APD-04', 'EXE-A-112'])}   Échelle : 1/{rng.choice([100, 200, 500, 50])}",
             f"Indice : {rng.choice('ABCD')}   Date : {fk.fr_date(w.permit_date - dt.timedelta(days=90))}", "Nord ↑"], "CARTOUCHE"),
    ], landscape=True)


def _months(w: World, n: int) -> list[str]:
    out = []
    d = w.start_date.replace(day=1)
    for _ in range(n):
        out.append(f"{fk.MONTHS_FR[d.month - 1][:4]}. {d.year % 100:02d}")
        d = (d + dt.timedelta(days=32)).replace(day=1)
    return out


@template("PLANNING", "gantt_lots", formats=("pdf", "xlsx"), scan=0.05)
def gantt(w: World, rng: random.Random) -> Doc:
    n = rng.randint(12, 20)
    months = _months(w, n)
    rows: list[list[str | int | float]] = []
    for c in w.contractors + [fk.contractor(rng, w.today) for _ in range(rng.randint(2, 6))]:
        a = rng.randint(0, n - 4)
        b = rng.randint(a + 2, n)
        rows.append([c.trade] + ["■" if a <= i < b else "" for i in range(n)])
    return Doc(alt(rng, ["PLANNING GÉNÉRAL DES TRAVAUX", "Planning prévisionnel tous corps d'état", "PLANNING TCE"]), [
        P(f"{w.programme} - indice {rng.choice('ABC')} du {fk.fr_date(w.today)} - démarrage {fk.fr_date(w.start_date)}"),
        Table(["Lot"] + months, rows, widths=[3.0] + [0.55] * n),
        P("Jalons : fondations achevées, mise hors d'eau, mise hors d'air, réception, livraison.", style="small"),
    ], landscape=True, head_left=[w.architect_firm.name, "OPC"])


@template("PLANNING", "jalons", formats=("pdf", "docx", "xlsx"), scan=0.1)
def jalons(w: World, rng: random.Random) -> Doc:
    d = w.start_date
    rows: list[list[str | int | float]] = []
    for s, _ in [("Déclaration d'ouverture de chantier", 0), ("Terrassements", 0)] + STAGES:
        rows.append([s, fk.fr_date(d), float(rng.randint(2, 16))])
        d += dt.timedelta(weeks=rng.randint(3, 14))
    return Doc("Planning prévisionnel - jalons clés", [
        KV([("Opération", w.programme), ("Entreprise générale", w.contractors[0].name), ("Durée totale", f"{(d - w.start_date).days // 30} mois")]),
        Table(["Jalon", "Date prévisionnelle", "Durée (semaines)"], rows, fmt="ttn"),
        P("Les délais s'entendent hors intempéries et hors causes légitimes de suspension définies au marché."),
    ], head_left=letterhead(w.developer, rng, ids=False))


@template("PLANNING", "construction_programme_en", formats=("pdf", "xlsx"), scan=0.02)
def programme_en(w: World, rng: random.Random) -> Doc:
    rows: list[list[str | int | float]] = []
    d = w.start_date
    for s in ["Site set-up", "Earthworks", "Foundations", "Structure / frame", "Roof (weathertight)", "Windows (airtight)",
              "MEP first fix", "Partitions", "Finishes", "Lifts", "External works", "Snagging", "Handover"]:
        wk = rng.randint(2, 14)
        rows.append([s, fk.en_date(d), fk.en_date(d + dt.timedelta(weeks=wk)), float(wk)])
        d += dt.timedelta(weeks=max(1, wk - rng.randint(0, 3)))
    return Doc("CONSTRUCTION PROGRAMME", [P(f"{w.programme}, {w.site.town} - {w.lots} units - baseline rev. {rng.randint(1, 5)}"),
                                          Table(["Activity", "Start", "Finish", "Weeks"], rows, fmt="tttn")],
               lang="en", head_left=[w.developer.name])


_MOE_PHASES = [("ESQ", "Esquisse", 5), ("APS", "Avant-projet sommaire", 8), ("APD", "Avant-projet définitif", 12),
               ("PC", "Dossier de permis de construire", 8), ("PRO", "Études de projet", 15), ("ACT", "Assistance contrats", 5),
               ("VISA", "Visa des études d'exécution", 7), ("DET", "Direction de l'exécution", 30), ("AOR", "Assistance réception", 10)]


@template("CONTRAT_MOE", "contrat_architecte", formats=("pdf", "docx"), scan=0.05)
def architecte(w: World, rng: random.Random) -> Doc:
    fee = float(d2(w.works_ht * rng.uniform(0.04, 0.09)))
    rows: list[list[str | int | float]] = [[f"{c} - {n}", float(p), fee * p / 100] for c, n, p in _MOE_PHASES]
    rows.append(["TOTAL", 100.0, fee])
    return Doc(alt(rng, ["CONTRAT D'ARCHITECTE", "CONTRAT DE MAÎTRISE D'ŒUVRE", "Contrat d'architecte pour travaux neufs"]), [
        P("ENTRE " + company_phrase(w.sccv, rng) + ", maître d'ouvrage,"),
        P("ET " + company_phrase(w.architect_firm, rng) + f", architecte inscrit au tableau de l'Ordre des architectes "
          f"sous le n° S{rng.randint(10000, 99999)},"),
        H("Article 1 - Objet"),
        P(f"Le maître d'ouvrage confie à l'architecte une mission de maîtrise d'œuvre complète pour l'opération "
          f"{w.programme} ({w.sdp_m2} m² de surface de plancher), dans le cadre de la loi n° 77-2 du 3 janvier 1977 sur "
          "l'architecture."),
        H("Article 2 - Honoraires"),
        P(f"Les honoraires sont fixés forfaitairement à {fk.money(fee)} HT, soit {fee / w.works_ht * 100:.2f} % du coût "
          "prévisionnel des travaux, répartis comme suit :".replace(".", ",", 1)),
        Table(["Élément de mission", "%", "Montant HT"], rows, fmt="tpm", total=1),
        H("Article 3 - Assurances"),
        P("L'architecte justifie d'une assurance couvrant sa responsabilité professionnelle (article 16 de la loi de 1977)."),
        H("Article 4 - Résiliation"), P("Chaque partie peut résilier le contrat après mise en demeure restée infructueuse."),
        P(place_date(w, rng)), Sign([["Le maître d'ouvrage", ""], ["L'architecte", w.architect.name]]),
    ], footer="Contrat établi d'après le cahier des clauses générales de l'Ordre des architectes")


@template("CONTRAT_MOE", "controle_technique", formats=("pdf", "docx"), scan=0.05)
def controle(w: World, rng: random.Random) -> Doc:
    b = _bureau(w, rng, "ct")
    missions = rng.sample(["L (solidité des ouvrages)", "LE (existants)", "S (sécurité des personnes)", "SEI (incendie)",
                           "PS (parasismique)", "Ph (isolation acoustique)", "HAND (accessibilité)", "Th (thermique)",
                           "Attestation RE2020"], k=rng.randint(3, 6))
    return Doc(alt(rng, ["CONVENTION DE CONTRÔLE TECHNIQUE", "Contrat de contrôle technique construction"]), [
        P(f"Entre {w.sccv.name}, maître d'ouvrage, et {b.full}, contrôleur technique agréé (articles L125-1 et suivants "
          "du CCH), il est convenu :"),
        H("Missions confiées"), *[P(f"- Mission {m}") for m in missions],
        H("Rémunération"), P(f"Forfait de {fk.money(w.works_ht * rng.uniform(0.004, 0.01))} HT pour l'ensemble des missions."),
        H("Modalités"), P("Le contrôleur donne son avis sur les documents de conception et d'exécution et remet un rapport "
                          "final de contrôle technique avant la réception."),
        Sign([["Le maître d'ouvrage", ""], ["Le contrôleur technique", b.manager.name]]),
    ], head_left=letterhead(b, rng))


@template("CONTRAT_MOE", "convention_sps_bet", scan=0.05)
def sps(w: World, rng: random.Random) -> Doc:
    c = fk.company(rng, w.today, f"{rng.choice(fk.LAST)} {rng.choice(['Coordination', 'Ingénierie', 'BET Structure', 'Fluides'])}", "SARL")
    sps_kind = rng.random() < 0.5
    return Doc("CONTRAT DE COORDINATION SPS" if sps_kind else "CONTRAT DE MISSION - BUREAU D'ÉTUDES TECHNIQUES", [
        P(("Mission de coordination en matière de sécurité et de protection de la santé, niveau "
           f"{rng.choice(['I', 'II'])}, en application des articles L4532-2 et suivants du Code du travail.") if sps_kind else
          "Mission d'études techniques structure et fluides : conception, plans d'exécution, visa, suivi."),
        KV([("Maître d'ouvrage", w.sccv.name), ("Prestataire", c.full), ("Opération", w.programme),
            ("Rémunération", fk.money(w.works_ht * rng.uniform(0.003, 0.02)) + " HT"), ("Durée", "jusqu'à la réception")]),
        P("Le prestataire établit le PGC et le DIUO et tient le registre-journal de coordination." if sps_kind else
          "Le BET est assuré pour sa responsabilité décennale et civile professionnelle."),
        Sign([["Le maître d'ouvrage", ""], ["Le prestataire", c.manager.name]]),
    ], head_left=letterhead(c, rng))


@template("QUALIFICATION_ENTREPRISE", "certificat_qualibat", scan=0.2)
def qualibat(w: World, rng: random.Random) -> Doc:
    c = rng.choice(w.contractors)
    quals = rng.sample([("2111", "Maçonnerie et béton armé courants (technicité courante)"),
                        ("2112", "Maçonnerie et béton armé (technicité confirmée)"), ("3211", "Charpente bois"),
                        ("3511", "Menuiseries extérieures"), ("5312", "Installations thermiques"),
                        ("6111", "Plâtrerie - plaques de plâtre"), ("7131", "Isolation thermique par l'extérieur"),
                        ("1312", "Terrassement")], k=rng.randint(1, 4))
    return Doc("CERTIFICAT DE QUALIFICATION", [
        P("QUALIBAT", align="center", style="big"),
        KV([("Entreprise", c.full), ("Adresse", c.address.one_line()), ("SIRET", c.siret),
            ("Certificat n°", ids.ref(rng, "E-E99999")), ("Valable jusqu'au", fk.fr_date(w.today + dt.timedelta(days=rng.randint(90, 1200))))],
           boxed=True),
        Table(["Code", "Qualification"], [[q, t] for q, t in quals], widths=[0.8, 5]),
        P("[X] RGE - Reconnu Garant de l'Environnement" if rng.random() < 0.5 else ""),
        P("Ce certificat atteste de la capacité de l'entreprise à réaliser des travaux dans l'activité concernée, à un "
          "niveau de technicité défini. Vérifiable en ligne sur le site de l'organisme.", style="small"),
    ], footer="Organisme de qualification accrédité par le COFRAC")


@template("QUALIFICATION_ENTREPRISE", "qualifelec_rge", scan=0.2)
def qualifelec(w: World, rng: random.Random) -> Doc:
    c = rng.choice(w.contractors)
    org = rng.choice(["QUALIFELEC", "Certibat", "Qualit'EnR", "FNTP - Identification professionnelle"])
    return Doc(f"ATTESTATION {org}", [
        P(f"{org} atteste que l'entreprise {c.full}, SIREN {c.siren}, {c.address.one_line()}, est titulaire des "
          "qualifications / de la certification suivante(s) :"),
        Table(["Domaine", "Classe", "Échéance"], [[c.trade.capitalize(), rng.choice(["E1", "E2", "E3", "Classe 4", "-"]),
                                                   fk.fr_date(w.today + dt.timedelta(days=rng.randint(100, 900)))]]),
        P(f"Effectif déclaré : {rng.randint(3, 120)} personnes. Chiffre d'affaires : {fk.money(rng.randint(5, 400) * 100000)}."),
        Sign([[f"Le Président de {org}", ""]]),
    ])


@template("QUALIFICATION_ENTREPRISE", "ordre_architectes", scan=0.2)
def ordre(w: World, rng: random.Random) -> Doc:
    return Doc("ATTESTATION D'INSCRIPTION AU TABLEAU DE L'ORDRE", [
        P(f"Le Conseil régional de l'Ordre des architectes atteste que {w.architect.formal} est inscrit(e) au tableau "
          f"régional sous le numéro {rng.randint(10000, 99999)} depuis le {fk.fr_date(w.architect.birth + dt.timedelta(days=365 * 28))}, "
          f"et que la société {w.architect_firm.full} est inscrite sous le numéro S{rng.randint(10000, 99999)}."),
        P("L'intéressé(e) est à jour de ses obligations déclaratives et d'assurance (article 16 de la loi n° 77-2)."),
        P(place_date(w, rng)), Sign([["Le Président du Conseil régional", ""]]),
    ], head_left=["ORDRE DES ARCHITECTES", "Conseil régional", fk.address(rng).one_line()])
