"""OCR engines: the real Tesseract on small images, the fake in the page pool."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ilot.docai import samples
from ilot.docai.ocr import (
    MAX_PIXELS,
    FakeOcrEngine,
    TesseractEngine,
    is_blank,
    ocr_pages,
    ocr_workers,
    parse_tsv,
    render_scale,
)

needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None, reason="no tesseract")
LINES = ["ATTESTATION D'ASSURANCE", "Police numero 12345", "Dommages ouvrage"]


def _card(rotate: int = 0):  # a small page: few pixels keep the real-engine tests fast
    image = samples.page_image(LINES, dpi=150, font_size_pt=18, noise=False)
    image = image.crop((0, 0, image.width, image.height // 3))
    return image.rotate(rotate, expand=True, fillcolor=255) if rotate else image


def test_parse_tsv_rebuilds_lines_and_confidence() -> None:
    header = "\t".join(
        [
            "level",
            "page_num",
            "block_num",
            "par_num",
            "line_num",
            "word_num",
            "left",
            "top",
            "width",
            "height",
            "conf",
            "text",
        ]
    )
    rows = [
        "5\t1\t1\t1\t1\t1\t0\t0\t1\t1\t90\tFacture",
        "5\t1\t1\t1\t1\t2\t0\t0\t1\t1\t80\tN°12",
        "5\t1\t1\t1\t2\t1\t0\t0\t1\t1\t70\tTotal",
        "5\t1\t2\t1\t1\t1\t0\t0\t1\t1\t-1\t ",
        "4\t1\t2\t1\t1\t0\t0\t0\t1\t1\t-1\t",
    ]
    text, conf = parse_tsv("\n".join([header, *rows]))
    assert text == "Facture N°12\nTotal"
    assert conf == pytest.approx(0.8)


def test_render_scale_caps_huge_pages() -> None:
    assert render_scale(595, 842) == pytest.approx(300 / 72)
    scale = render_scale(595 * 8, 842 * 8)  # an A0-and-more plan
    assert (595 * 8 * scale) * (842 * 8 * scale) <= MAX_PIXELS * 1.001


def test_blank_detection() -> None:
    assert is_blank(samples.page_image([], dpi=50))
    assert not is_blank(samples.page_image(LINES, dpi=50))


def test_workers_from_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ILOT_OCR_WORKERS", "3")
    assert ocr_workers() == 3
    monkeypatch.setenv("ILOT_OCR_WORKERS", "zero")
    assert ocr_workers() >= 1


def test_pool_ocrs_only_requested_pages_in_order(tmp_path: Path) -> None:
    pages = [samples.page_image([f"Page {i}", *LINES], dpi=60) for i in range(4)]
    pages.insert(2, samples.page_image([], dpi=60))  # blank: must not reach the engine
    path = samples.write(tmp_path / "scan.pdf", samples.scan_pdf(pages, dpi=60))
    results = ocr_pages(path, [0, 2, 4], kind="pdf", engine=FakeOcrEngine(text="lu {n}"), workers=2)
    assert [r.index for r in results] == [0, 2, 4]
    assert results[1].reason == "blank" and results[1].text == ""
    assert results[0].text.startswith("lu ") and results[2].text.startswith("lu ")
    assert all(r.source == "ocr" for r in results)


@needs_tesseract
def test_real_tesseract_reads_a_small_image() -> None:
    result = TesseractEngine(auto_rotate=False).recognize(_card())
    assert result.error is None
    assert "ATTESTATION" in result.text.upper()
    assert "12345" in result.text
    assert 0.5 < result.confidence <= 1.0


@needs_tesseract
@pytest.mark.parametrize("angle", [90, 180])
def test_real_tesseract_straightens_rotated_scans(angle: int) -> None:
    result = TesseractEngine().recognize(_card(rotate=angle))
    assert "ATTESTATION" in result.text.upper()
    assert result.rotation in {90, 180, 270}


@needs_tesseract
def test_real_tesseract_timeout_is_reported() -> None:
    result = TesseractEngine(timeout=0.001, auto_rotate=False).recognize(_card())
    assert result.text == ""
    assert result.error is not None and "timed out" in result.error
