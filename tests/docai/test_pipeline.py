"""The pipeline's contract: steps in order, only unusable pages OCRed, bad input contained."""

from __future__ import annotations

from pathlib import Path

import pytest

from ilot.docai import samples
from ilot.docai.classifier import DocClassifier
from ilot.docai.features import DocInput
from ilot.docai.ocr import FakeOcrEngine
from ilot.docai.pipeline import JSON_KEYS, Pipeline

TEXT_PAGE = [
    "RELEVÉ D'IDENTITÉ BANCAIRE",
    "Titulaire du compte : SCCV LES TILLEULS",
    "IBAN : FR76 3000 6000 0112 3456 7890 189",
    "BIC : AGRIFRPP - Domiciliation : Agence de Lyon",
]


@pytest.fixture(scope="module")
def classifier() -> DocClassifier:
    docs, labels = [], []
    for category in samples.TINY_CLASSES:
        for i in range(8):
            docs.append(DocInput("\n".join(samples.tiny_texts(category, i))))
            labels.append(category)
    params = {"word_features": 2000, "char_features": 3000, "head_features": 500}
    return DocClassifier.fit(docs, labels, seed=0, feature_params=params)


def _pipeline(classifier: DocClassifier | None, engine: FakeOcrEngine) -> Pipeline:
    return Pipeline.default(classifier=classifier, model_version="t1", engine=engine, workers=1)


def test_only_pages_without_usable_text_are_ocred(
    tmp_path: Path, classifier: DocClassifier
) -> None:
    text_part = samples.text_pdf([TEXT_PAGE, TEXT_PAGE])
    scan_part = samples.scan_pdf([samples.page_image(["Scan", *TEXT_PAGE], dpi=60)], dpi=60)
    path = samples.write(tmp_path / "mixed.pdf", samples.merge_pdfs([text_part, scan_part]))
    engine = FakeOcrEngine(text="IBAN FR76 3000 6000 0112 3456 7890 189 relevé bancaire")
    result = _pipeline(classifier, engine).run(path)
    assert result.error is None
    assert (result.pages, result.ocr_pages, engine.calls) == (3, 1, 1)
    assert result.category == "RIB"
    assert result.fields["iban"]["value"] == "FR7630006000011234567890189"
    assert set(result.timings) == {"extract", "ocr", "classify", "fields"}
    assert result.seconds >= sum(result.timings.values()) * 0.99


def test_born_digital_document_never_reaches_ocr(tmp_path: Path, classifier: DocClassifier) -> None:
    path = samples.write(tmp_path / "rib.pdf", samples.text_pdf([TEXT_PAGE]))
    engine = FakeOcrEngine()
    result = _pipeline(classifier, engine).run(path)
    assert engine.calls == 0 and result.ocr_pages == 0
    out = result.to_json()
    assert tuple(out) == JSON_KEYS
    assert len(out["top"]) >= 3 and out["top"][0][0] == out["category"]
    assert 0.0 <= out["confidence"] <= 1.0 and isinstance(out["needs_review"], bool)


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("zero.pdf", b"", "empty"),
        ("corrupt.pdf", b"%PDF-1.7\n%%garbage", "corrupt_pdf"),
        ("enc.pdf", None, "encrypted"),
        ("binary.bin", b"\x00\x01\x02\x03" * 64, "unsupported"),
    ],
)
def test_bad_input_gives_an_error_not_an_exception(
    tmp_path: Path, classifier: DocClassifier, name: str, data: bytes | None, code: str
) -> None:
    if data is None:
        data = samples.encrypted_pdf(samples.text_pdf([TEXT_PAGE]))
    path = samples.write(tmp_path / name, data)
    result = _pipeline(classifier, FakeOcrEngine()).run(path)
    assert result.error_code == code and result.error
    assert result.category is None and "error" in result.to_json()


def test_missing_file_then_batch_goes_on(tmp_path: Path, classifier: DocClassifier) -> None:
    pipeline = _pipeline(classifier, FakeOcrEngine())
    good = samples.write(tmp_path / "ok.pdf", samples.text_pdf([TEXT_PAGE]))
    results = [pipeline.run(p) for p in (tmp_path / "nope.pdf", good)]
    assert results[0].error_code == "not_found" and results[1].error is None


def test_blank_scan_is_not_an_error(tmp_path: Path, classifier: DocClassifier) -> None:
    path = samples.write(tmp_path / "blank.pdf", samples.scan_pdf([samples.page_image([], dpi=50)]))
    engine = FakeOcrEngine()
    result = _pipeline(classifier, engine).run(path)
    assert result.error is None and engine.calls == 0  # blank pages skip the engine
    assert "no text found" in result.fields["warnings"]
    assert result.category is not None


def test_office_files_and_images(tmp_path: Path, classifier: DocClassifier) -> None:
    import docx

    document = docx.Document()
    for line in TEXT_PAGE:
        document.add_paragraph(line)
    document.save(str(tmp_path / "rib.docx"))
    samples.page_image(TEXT_PAGE, dpi=60).save(tmp_path / "rib.png")
    engine = FakeOcrEngine(text="\n".join(TEXT_PAGE))
    pipeline = _pipeline(classifier, engine)
    as_docx, as_png = pipeline.run(tmp_path / "rib.docx"), pipeline.run(tmp_path / "rib.png")
    assert as_docx.ocr_pages == 0 and as_docx.category == "RIB"
    assert as_png.ocr_pages == 1 and engine.calls == 1 and as_png.category == "RIB"


def test_without_a_model_extraction_and_fields_still_run(tmp_path: Path) -> None:
    path = samples.write(tmp_path / "rib.pdf", samples.text_pdf([TEXT_PAGE]))
    result = _pipeline(None, FakeOcrEngine()).run(path)
    assert result.category is None and result.fields["bic"]["value"] == "AGRIFRPP"
