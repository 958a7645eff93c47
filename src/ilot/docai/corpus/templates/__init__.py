"""Document templates, one module per group of neighbouring categories.

Importing this package registers every template in `registry.REGISTRY`.
"""

from importlib import import_module

MODULES = [
    "assurances",
    "autre",
    "banque",
    "chantier",
    "declarations",
    "factures",
    "factures_b2b",
    "financement",
    "finances",
    "gouvernance",
    "kyc",
    "marches",
    "notarial",
    "operation",
    "plain_a",
    "plain_b",
    "plain_c",
    "planning",
    "plans",
    "societe",
    "technique",
    "tirages",
    "travaux",
    "urbanisme",
    "ventes",
]

for _m in MODULES:
    import_module(f"{__name__}.{_m}")
