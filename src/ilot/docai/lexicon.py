"""Distinctive phrases of each category, written from the taxonomy and French practice.

Why: the training documents come from a few templates per category, and a model of n-grams
learns each template's wording. These phrases are what any author of such a document uses
(the title, the legal reference, the form number), so a feature "how many phrases of category
C occur, and whether one occurs in the title zone" carries over to documents written by others.
Matching is on word tokens of accent-free lowercase text, so "Dommages-Ouvrage" and
"dommages ouvrage" are the same phrase.
"""

from __future__ import annotations

import re
import unicodedata

# Phrases separated by '|', in natural spelling (normalised at import).
_RAW: dict[str, str] = {
    "KBIS": (
        "extrait kbis|kbis|extrait d'immatriculation principale|"
        "registre du commerce et des sociétés|greffe du tribunal de commerce|extrait rne|"
        "registre national des entreprises|immatriculation au rcs|date d'immatriculation|"
        "company registry extract"
    ),
    "STATUTS": (
        "statuts|statuts constitutifs|statuts mis à jour|article 1 forme|objet social|"
        "capital social|siège social|durée de la société|apports|cession des parts|"
        "articles of association"
    ),
    "PV_DECISIONS": (
        "pv d'assemblée|assemblée générale ordinaire|assemblée générale extraordinaire|"
        "les associés se sont réunis|décisions unanimes|première décision|donne pouvoir|"
        "délégation de pouvoirs|procès-verbal|assemblée générale|décisions des associés|"
        "décision de l'associé unique|conseil d'administration|délégation de pouvoirs|"
        "pouvoirs|résolution|première résolution|ordre du jour|feuille de présence|quorum|"
        "minutes of the meeting|board resolution"
    ),
    "ORGANIGRAMME": (
        "organigramme|organigramme juridique|structure du groupe|table de capitalisation|"
        "répartition du capital|détenue à|filiale|holding|group structure chart|cap table"
    ),
    "KYC_IDENTITE": (
        "carte nationale d'identité|passeport|titre de séjour|identity card|passport|"
        "date de naissance|lieu de naissance|nationalité|date of birth|date of expiry|"
        "république française"
    ),
    "JUSTIF_DOMICILE": (
        "avis d'impôt|impôt sur les revenus|numéro fiscal|référence de l'avis|"
        "quittance de loyer|facture d'énergie|justificatif de domicile|"
        "attestation d'hébergement|facture d'électricité|facture de gaz|avis d'imposition|"
        "taxe d'habitation|proof of address|consommation|kwh|abonnement|point de livraison|"
        "utility bill"
    ),
    "BENEF_EFFECTIFS": (
        "bénéficiaire effectif|bénéficiaires effectifs|"
        "document relatif au bénéficiaire effectif|registre des bénéficiaires effectifs|dbe|"
        "modalités du contrôle|beneficial owner|beneficial ownership|détention directe|"
        "détention indirecte"
    ),
    "COMPTES_ANNUELS": (
        "comptes annuels|bilan actif|bilan passif|compte de résultat|liasse fiscale|"
        "annexe aux comptes|résultat de l'exercice|capitaux propres|"
        "rapport du commissaire aux comptes|chiffre d'affaires net|2050|2033|annual accounts|"
        "balance sheet"
    ),
    "PRESENTATION_PROMOTEUR": (
        "curriculum vitae des dirigeants|équipe dirigeante|formation|expérience|"
        "chiffres clés|logements livrés|présentation du groupe|nos références|références|"
        "programmes livrés|programmes réalisés|notre équipe|savoir-faire|track record|"
        "company profile|plaquette|curriculum vitae"
    ),
    "ETAT_PATRIMONIAL": (
        "patrimoine de|immobilier de jouissance|immobilier de rapport|liquidités|"
        "valeurs mobilières|emprunts immobiliers|patrimoine net|état patrimonial|"
        "déclaration de patrimoine|patrimoine immobilier|résidence principale|épargne|"
        "assurance-vie|endettement|statement of personal assets|actif net|valeur estimée"
    ),
    "ATTEST_FISCALE_SOCIALE": (
        "attestation de vigilance|urssaf|attestation de régularité fiscale|dgfip|cibtp|cnetp|"
        "pro btp|congés payés|à jour de ses obligations|cotisations sociales|"
        "obligations déclaratives"
    ),
    "RELEVE_BANCAIRE": (
        "relevé de compte|relevé de compte courant|solde créditeur|solde débiteur|"
        "ancien solde|nouveau solde|date valeur|opérations|bank statement|"
        "total des mouvements"
    ),
    "RIB": (
        "relevé d'identité bancaire|rib|iban|bic|titulaire du compte|code banque|"
        "code guichet|clé rib|domiciliation|bank account details|"
        "identifiant international de compte"
    ),
    "BILAN_OPERATION": (
        "bilan financier|résultat prévisionnel|marge nette|coût de revient|"
        "total des coûts|"
        "development appraisal|land acquisition|construction costs|professional fees|"
        "profit on cost|gross development value|prix de revient total|bilan prévisionnel|"
        "bilan d'opération|prix de revient|coût du foncier|coût des travaux|honoraires|"
        "frais financiers|chiffre d'affaires ttc|marge|development appraisal|taux de marge"
    ),
    "PLAN_TRESORERIE": (
        "plan de trésorerie|trésorerie prévisionnelle|encaissements|décaissements|"
        "trésorerie cumulée|besoin de financement|pic de trésorerie|cash-flow|"
        "cash flow forecast|solde mensuel"
    ),
    "ETUDE_MARCHE": (
        "étude de marché|avis de valeur|valeur vénale|prix moyen|prix au m²|marché local|"
        "offre concurrente|programmes concurrents|rythme d'écoulement|valuation report|"
        "market study|expertise immobilière"
    ),
    "TITRE_PROPRIETE": (
        "terrain à bâtir|cadastrée section|contenance|origine de propriété|"
        "acquisition du terrain|"
        "relevé de propriété|cadastre|documentation foncière|attestation de propriété|"
        "acquisition du terrain|au profit de la sccv|titre de propriété|"
        "attestation de propriété|attestation notariée|acte d'acquisition|"
        "origine de propriété|publié au service de la publicité foncière|acquéreur|vendeur|"
        "désignation de l'immeuble|title deed"
    ),
    "PROMESSE_VENTE": (
        "avenant de prorogation|prorogation|promettant|promesse synallagmatique|"
        "promesse unilatérale de vente|promesse de vente|compromis de vente|"
        "indemnité d'immobilisation|bénéficiaire|promettant|conditions suspensives|"
        "obtention du permis de construire|levée d'option|land purchase agreement"
    ),
    "AUTORISATION_URBANISME": (
        "permis de construire|arrêté|accordé|permis d'aménager|déclaration préalable|"
        "permis modificatif|transfert de permis|code de l'urbanisme|surface de plancher|"
        "cerfa 13406|13409|building permit|le maire"
    ),
    "CONSTAT_AFFICHAGE": (
        "constat d'affichage|commissaire de justice|huissier de justice|panneau|"
        "affichage sur le terrain|visible depuis la voie publique|procès-verbal de constat|"
        "premier constat|deuxième constat|troisième constat|permit posting"
    ),
    "NON_RECOURS": (
        "attestation de non-recours|non-recours|non-retrait|aucun recours|"
        "tribunal administratif|recours gracieux|recours contentieux|délai de recours|"
        "retrait|certificate of no appeal|purgé"
    ),
    "DROC": (
        "déclaration d'ouverture de chantier|ouverture de chantier|cerfa 13407|13407|"
        "date d'ouverture|commencement des travaux|notice of commencement"
    ),
    "DAACT": (
        "déclaration attestant l'achèvement et la conformité des travaux|daact|"
        "achèvement et la conformité|cerfa 13408|13408|conformité des travaux|"
        "declaration of completion"
    ),
    "ETUDE_SOL": (
        "étude géotechnique|mission g1|mission g2|sondages|sondage pressiométrique|"
        "fondations|nappe phréatique|géotechnique|soil survey|essais|portance"
    ),
    "DIAGNOSTICS": (
        "diagnostic|pollution|sites et sols pollués|amiante|plomb|diagnostic archéologique|"
        "déchets de démolition|repérage|environmental survey|crep|dpe"
    ),
    "PLANS_NOTICE": (
        "surface de plancher|architecte dplg|plan de masse|"
        "tableau des surfaces|plan de situation|cartouche|échelle|shab|"
        "surface de plancher totale|indice dce|notice descriptive|plan de masse|"
        "plan de niveau|façades|coupe|tableau des surfaces|surface habitable|descriptif|"
        "cahier des prestations|plans"
    ),
    "PLANNING": (
        "gros oeuvre|second oeuvre|livraison prévisionnelle|"
        "construction programme|activity start finish|site set-up|earthworks|jalons clés|"
        "date prévisionnelle|baseline|planning|planning travaux|planning prévisionnel|"
        "diagramme de gantt|semaine|lot|jalons|hors d'eau|hors d'air|durée|"
        "construction schedule"
    ),
    "CONTRAT_MOE": (
        "contrat de maîtrise d'oeuvre|maîtrise d'oeuvre|contrat d'architecte|"
        "mission complète|honoraires|contrôleur technique|coordination sps|bureau d'études|"
        "mission de base|design and supervision contract"
    ),
    "MARCHE_TRAVAUX": (
        "marché de travaux|acte d'engagement|ccap|cctp|entreprise générale|lot n°|"
        "ordre de service|avenant|retenue de garantie|prix global et forfaitaire|"
        "construction contract"
    ),
    "DEVIS": (
        "devis|devis n°|proposition commerciale|offre de prix|validité de l'offre|"
        "bon pour accord|devis valable|quote|quotation|estimation"
    ),
    "QUALIFICATION_ENTREPRISE": (
        "attribuée à|valable jusqu'au|numéro de certificat|"
        "organisme certificateur|"
        "certificat de qualification|qualibat|qualifelec|rge|fntp|certibat|qualification|"
        "ordre des architectes|certificate|organisme de qualification"
    ),
    "ASSURANCE_DO": (
        "dommages-ouvrage|assurance dommages-ouvrage|"
        "attestation d'assurance dommages-ouvrage|police dommages-ouvrage|article l242-1|"
        "maître d'ouvrage|préfinancement des réparations|do"
    ),
    "ASSURANCE_PROMOTEUR": (
        "constructeur non réalisateur|cnr|tous risques chantier|trc|"
        "responsabilité civile promoteur|rc promoteur|assurance du promoteur|"
        "contractor's all risks"
    ),
    "ATTEST_ASSURANCE_ENTREPRISE": (
        "responsabilité civile décennale|assurance décennale|attestation d'assurance|"
        "responsabilité civile professionnelle|activités garanties|garantie décennale|"
        "article l241-1|chantiers ouverts|liability insurance certificate"
    ),
    "GRILLE_PRIX": (
        "prix de vente ttc|prix tva 20|prix tva 5,5|prix au m² habitable|"
        "grille de prix|grille tarifaire|prix ttc|prix de vente|typologie|t2|t3|"
        "stationnement|étage|price list|prix par lot"
    ),
    "ETAT_COMMERCIALISATION": (
        "état de commercialisation|état des ventes|lots réservés|lots vendus|"
        "taux de pré-commercialisation|réservataire|acquéreur|date de réservation|"
        "sales report|pré-commercialisation"
    ),
    "CONTRAT_RESERVATION": (
        "contrat de réservation|contrat préliminaire|réservataire|dépôt de garantie|"
        "vente en l'état futur d'achèvement|vefa|l261-15|délai de rétractation|"
        "date prévisionnelle de livraison|reservation contract"
    ),
    "ACTE_VENTE": (
        "état descriptif de division|règlement de copropriété|lot numéro|prix payable|"
        "au fur et à mesure de l'avancement|vente de lots|"
        "attestation de vente|a reçu le présent acte|acte authentique|office notarial|"
        "acte de vente|acte authentique de vente|vente en l'état futur d'achèvement|"
        "pardevant maître|notaire|l'acquéreur|le vendeur|prix de vente|paiement du prix|"
        "deed of sale|projet d'acte"
    ),
    "OFFRE_CREDIT": (
        "contrat de crédit|comité de crédit|concours suivants|"
        "crédit d'accompagnement promotion immobilière|lettre d'offre|offre de crédit|"
        "convention de crédit|ouverture de crédit|crédit d'accompagnement|prêt foncier|"
        "taux d'intérêt|euribor|marge|commission d'engagement|term sheet|facility agreement|"
        "lettre d'offre"
    ),
    "SURETES": (
        "cession de créances professionnelles|loi dailly|cédant|cessionnaire|l313-23|"
        "acte de cautionnement|hypothèque|promesse d'affectation hypothécaire|nantissement|"
        "caution|cautionnement|cession dailly|délégation|privilège de prêteur de deniers|"
        "acte de sûreté|security document|garant"
    ),
    "GFA": (
        "s'engage à payer|le garant s'oblige|montant de la garantie|convention de garantie|"
        "attestation de garantie|garantie financière|"
        "garantie extrinsèque d'achèvement|garantie extrinsèque|"
        "engagement de caution garantie|se porte caution solidaire|"
        "garantie financière d'achèvement|gfa|r261-21|garantie d'achèvement|garant|"
        "achèvement de l'immeuble|completion guarantee|convention de garantie"
    ),
    "DEMANDE_TIRAGE": (
        "nous vous prions de bien vouloir|virer la somme|déblocage|"
        "au titre du crédit|"
        "demande de tirage|demande de déblocage|déblocage des fonds|tirage n°|"
        "montant demandé|factures jointes|drawdown request|mise à disposition des fonds|"
        "utilisation du crédit"
    ),
    "FACTURE": (
        "facture|facture n°|invoice|total ttc|total ht|tva|net à payer|avoir|"
        "situation de travaux|date d'échéance|invoice number|rechnung|factuur"
    ),
    "ATTEST_AVANCEMENT": (
        "attestation d'avancement|avancement des travaux|stade d'avancement|"
        "achèvement des fondations|mise hors d'eau|hors d'air|pourcentage d'avancement|"
        "progress certificate|l'architecte soussigné atteste"
    ),
    "APPEL_FONDS": (
        "appel de fonds|appel de fonds n°|r261-14|échéancier|montant appelé|acquéreur|vefa|"
        "stade des travaux|call for funds|avis d'échéance"
    ),
    "PV_RECEPTION": (
        "déclare recevoir|liste des réserves|délai de levée|réception des ouvrages|"
        "entreprise titulaire|"
        "nf p 03-001|procès-verbal de réception|prononce la réception|"
        "réception est prononcée|procès-verbal de réception|réception des travaux|réserves|"
        "sans réserve|avec réserves|levée des réserves|date de réception|works acceptance|"
        "parfait achèvement"
    ),
    "ATTEST_ACHEVEMENT": (
        "atteste que l'immeuble|est achevé|r261-1|ouvrages et éléments d'équipement|"
        "achèvement des travaux|"
        "constat d'achèvement|procès-verbal de constat d'achèvement|déclaration d'achèvement|"
        "attestation d'achèvement|n'ayant pas la qualité de maître d'oeuvre|"
        "attestation d'achèvement|constat d'achèvement|r261-24|achèvement de l'immeuble|"
        "homme de l'art|éléments d'équipement indispensables|completion certificate|achevé"
    ),
    "MAINLEVEE": (
        "objet mainlevée|donne mainlevée|consentons la mainlevée|certificat de radiation|"
        "mainlevée|main-levée|radiation|libération de la garantie|release|"
        "mainlevée de l'hypothèque|mainlevée du nantissement|consent à la mainlevée"
    ),
    "AUTRE": (
        "bulletin de paie|bulletin de salaire|salaire brut|net à payer avant impôt|"
        "certificat d'immatriculation|carte grise|newsletter|invitation|chèque|payslip|"
        "brochure|curriculum"
    ),
}
PHRASES: dict[str, list[str]] = {c: v.split("|") for c, v in _RAW.items()}

_TOKEN = re.compile(r"[a-z0-9]+")
# bytes.translate is the fastest tokenizer in CPython: every non-[a-z0-9] byte becomes a space.
_SPACES = bytes(b if (48 <= b <= 57 or 97 <= b <= 122) else 32 for b in range(256))
MAX_WORDS = 6
HEAD_TOKENS = 60


def light_normalize(text: str) -> str:
    """Lowercase, accents and symbols removed, digits kept (form numbers matter here)."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def _key(phrase: str) -> str:
    return " ".join(_TOKEN.findall(light_normalize(phrase)))


CATEGORIES = sorted(PHRASES)
_KEYS: dict[str, list[str]] = {c: sorted({_key(p) for p in PHRASES[c]}) for c in CATEGORIES}
# Phrase lengths by first word: n-grams are built only where a phrase can start.
_STARTS: dict[str, set[int]] = {}
for _keys in _KEYS.values():
    for _k in _keys:
        _words = _k.split()
        _STARTS.setdefault(_words[0], set()).add(len(_words))


_STARTS_CACHE: dict[int, tuple[dict[str, list[str]], dict[str, set[int]]]] = {}


def _starts(keys_by_cat: dict[str, list[str]]) -> dict[str, set[int]]:
    if keys_by_cat is _KEYS:
        return _STARTS
    cached = _STARTS_CACHE.get(id(keys_by_cat))
    if cached is not None and cached[0] is keys_by_cat:
        return cached[1]
    starts: dict[str, set[int]] = {}
    for keys in keys_by_cat.values():
        for k in keys:
            words = k.split()
            starts.setdefault(words[0], set()).add(len(words))
    if len(_STARTS_CACHE) > 8:
        _STARTS_CACHE.clear()
    _STARTS_CACHE[id(keys_by_cat)] = (keys_by_cat, starts)  # keeps the object, so the id stays
    return starts


def _grams(tokens: list[str], keys_by_cat: dict[str, list[str]]) -> set[str]:
    starts = _starts(keys_by_cat)
    out: set[str] = set()
    for i, token in enumerate(tokens):
        lengths = starts.get(token)
        if lengths is None:
            continue
        for n in lengths:
            out.add(token if n == 1 else " ".join(tokens[i : i + n]))
    return out


def current_keys() -> dict[str, list[str]]:
    """The normalised phrases, to be frozen into a model at training time."""
    return {c: list(k) for c, k in _KEYS.items()}


def lexicon_features(text: str, keys: dict[str, list[str]] | None = None) -> list[float]:
    """Per category: share of its phrases present (body), and whether one is in the title zone.

    ``keys`` is the phrase set a model was trained with, so editing this module later never
    changes the features an existing model sees.
    """
    keys_by_cat = _KEYS if keys is None else keys
    tokens = light_normalize(text).encode("ascii").translate(_SPACES).decode().split()
    body, head = _grams(tokens, keys_by_cat), _grams(tokens[:HEAD_TOKENS], keys_by_cat)
    out: list[float] = []
    for c in CATEGORIES:
        phrases = keys_by_cat.get(c, [])
        hits = sum(k in body for k in phrases)
        out.append(min(hits / 3.0, 1.0))
        out.append(1.0 if any(k in head for k in phrases if " " in k or len(k) > 4) else 0.0)
    return out


NAMES = [f"lex:{c}:{part}" for c in CATEGORIES for part in ("body", "title")]
