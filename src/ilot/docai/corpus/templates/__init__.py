"""Document templates, one module per group of neighbouring categories.

Importing this package registers every template in `registry.REGISTRY`.
"""

from importlib import import_module

MODULES = ["assurances", "autre", "chantier", "financement", "finances", "kyc", "notarial", "operation", "societe", "technique", "travaux", "urbanisme"]

for _m in MODULES:
    import_module(f"{__name__}.{_m}")
