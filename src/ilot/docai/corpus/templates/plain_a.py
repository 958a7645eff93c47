"""Templates written independently of the first set, in plainer and more varied wording.

Classifiers trained on one writer's templates transfer badly to documents written by others;
this module is another writer's take on the same categories (see docs/docai.md).
"""

from __future__ import annotations
