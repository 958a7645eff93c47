"""Templates written independently of the first set, in plainer and more varied wording.

Classifiers trained on one writer's templates transfer badly to documents written by others;
this package is another writer's take on the same categories (see docs/docai.md).
"""

from importlib import import_module

# Import order is registration order: the corpus generator picks templates round-robin in
# registry order, so these stay in the order the templates were originally defined.
MODULES = [
    "titres",
    "promesses",
    "urbanisme",
    "affichage",
    "declarations",
    "sols",
    "diagnostics",
    "plans",
    "moe",
    "marches",
    "devis",
    "qualification",
    "factures",
]

for _m in MODULES:
    import_module(f"{__name__}.{_m}")
