"""The committed default model, on what the demo shows: documents it must file by itself, and the
covering letter that must wait for a human (the review queue of the demo is never empty)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ilot.docai.corpus.generate import make_one
from ilot.docai.demo import COVERING_LETTER, COVERING_LETTER_WITH_LIST, SEED
from ilot.docai.models_registry import DEFAULT_MODEL_DIR, LoadedModel, load_model
from ilot.docai.pipeline import Pipeline
from ilot.docai.samples import text_pdf


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    loaded: LoadedModel = load_model(DEFAULT_MODEL_DIR)
    return Pipeline.default(
        classifier=loaded.classifier, model_version=loaded.metadata["version"], workers=1
    )


def test_the_covering_letter_that_lists_attachments_needs_review(
    tmp_path: Path, pipeline: Pipeline
) -> None:
    path = tmp_path / "courrier pieces jointes.pdf"
    path.write_bytes(text_pdf([COVERING_LETTER_WITH_LIST]))
    result = pipeline.run(path)
    assert result.error is None
    assert result.needs_review, (result.category, result.confidence)
    assert len(result.top) >= 3


def test_a_plain_covering_letter_is_filed_as_other(tmp_path: Path, pipeline: Pipeline) -> None:
    path = tmp_path / "courrier.pdf"
    path.write_bytes(text_pdf([COVERING_LETTER]))
    result = pipeline.run(path)
    assert result.category == "AUTRE"


@pytest.mark.parametrize(
    ("category", "index"),
    [("KBIS", 0), ("DEVIS", 1), ("PV_RECEPTION", 1), ("APPEL_FONDS", 0), ("PLANNING", 2)],
)
def test_born_digital_demo_documents_are_filed_confidently(
    tmp_path: Path, pipeline: Pipeline, category: str, index: int
) -> None:
    relative = make_one(category, index, SEED, str(tmp_path))[0]
    result = pipeline.run(tmp_path / relative)
    assert result.category == category
    assert not result.needs_review, result.confidence
    assert result.ocr_pages == 0
