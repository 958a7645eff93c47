"""The generator renders every category on several seeds (regression: a framed box running
onto a new page of a scan crashed seed 8 with "y1 must be greater than or equal to y0")."""

from __future__ import annotations

from pathlib import Path

import pytest

from ilot.docai.corpus.generate import categories, make_one


@pytest.mark.parametrize("seed", [2, 3, 8, 11])
def test_every_category_renders_on_several_seeds(tmp_path: Path, seed: int) -> None:
    for category in categories():
        row = make_one(category, 2 if seed == 8 else 0, seed, str(tmp_path))
        assert (tmp_path / row[0]).stat().st_size > 0
