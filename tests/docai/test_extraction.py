"""Type detection by content and text per page; the usable-text heuristic."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from ilot.docai import samples
from ilot.docai.extraction import (
    DOCX,
    EMPTY,
    IMAGE,
    PDF,
    TEXT,
    XLSX,
    ExtractionError,
    detect_kind,
    extract,
    text_quality,
    usable_text,
)

INVOICE_LINES = [
    "FACTURE N° F2024-0117",
    "Date de facture : 12/03/2024",
    "SARL Bâtiments du Rhône, 12 rue de la République, 69002 Lyon",
    "Désignation des travaux de gros oeuvre pour la résidence Les Tilleuls",
    "Total HT : 12 500,00 €   TVA 20 % : 2 500,00 €   Total TTC : 15 000,00 €",
]


def test_text_pdf_pages_have_their_own_text(tmp_path: Path) -> None:
    pdf = samples.write(
        tmp_path / "a.pdf", samples.text_pdf([INVOICE_LINES, ["Page deux", *INVOICE_LINES[2:]]])
    )
    doc = extract(pdf)
    assert doc.kind == PDF
    assert doc.page_count == 2
    assert "F2024-0117" in doc.pages[0].text
    assert all(p.usable and p.source == "text_layer" for p in doc.pages)
    assert doc.has_text_layer


def test_blank_and_image_only_pdf_pages_need_ocr(tmp_path: Path) -> None:
    blank = extract(samples.write(tmp_path / "blank.pdf", samples.blank_pdf(2)))
    assert [p.usable for p in blank.pages] == [False, False]
    scan = samples.scan_pdf([samples.page_image(INVOICE_LINES, dpi=100)], dpi=100)
    doc = extract(samples.write(tmp_path / "scan.pdf", scan))
    assert doc.page_count == 1 and not doc.pages[0].usable
    assert not doc.has_text_layer


def test_reversed_text_layer_is_not_usable(tmp_path: Path) -> None:
    pdf = samples.write(tmp_path / "rev.pdf", samples.text_pdf([INVOICE_LINES], reversed_text=True))
    page = extract(pdf).pages[0]
    assert page.text.strip()  # there is a text layer...
    assert not page.usable and page.reason == "reversed"  # ...but it reads backwards


@pytest.mark.parametrize(
    ("text", "usable", "reason"),
    [
        ("", False, "too_short"),
        ("COPIE", False, "too_short"),
        ("Page 1 / 3   -   Reçu le 12/03/2024 - copie conforme", False, "stamp_only"),
        ("\ufffd\x01\x02" * 30, False, "garbage"),
        ("#### ---- //// **** ==== ++++ " * 4, False, "non_letters"),
        # A cash-flow plan is mostly digits but is real text and must not be OCRed.
        (
            "Plan de trésorerie prévisionnel\nMois 1 2 3 4 5 6\n"
            "Encaissements 120 000 80 000 95 000 110 000 70 000 60 000\n"
            "Décaissements 90 000 85 000 70 000 100 000 65 000 50 000",
            True,
            "",
        ),
        ("\n".join(INVOICE_LINES), True, ""),
    ],
)
def test_text_quality(text: str, usable: bool, reason: str) -> None:
    assert text_quality(text) == (usable, reason)
    assert usable_text(text) is usable


def test_kinds_are_detected_from_content_not_name(tmp_path: Path) -> None:
    import docx
    import openpyxl

    document = docx.Document()
    document.add_paragraph("Procès-verbal de l'assemblée générale ordinaire des associés")
    document.save(str(tmp_path / "pv.bin"))
    workbook = openpyxl.Workbook()
    workbook.active.append(["Lot", "Surface", "Prix TTC"])
    workbook.active.append(["A01", 45.2, 210000])
    workbook.save(str(tmp_path / "grille.dat"))
    samples.page_image(["Bonjour"], dpi=50).save(tmp_path / "scan.pdf.txt", format="PNG")
    (tmp_path / "note").write_text("Une note de plusieurs mots en texte brut.", encoding="utf-8")
    (tmp_path / "empty.pdf").write_bytes(b"")
    assert detect_kind(tmp_path / "pv.bin")[0] == DOCX
    assert detect_kind(tmp_path / "grille.dat")[0] == XLSX
    assert detect_kind(tmp_path / "scan.pdf.txt")[0] == IMAGE
    assert detect_kind(tmp_path / "note")[0] == TEXT
    assert detect_kind(tmp_path / "empty.pdf")[0] == EMPTY
    assert "Procès-verbal" in extract(tmp_path / "pv.bin").pages[0].text
    sheet = extract(tmp_path / "grille.dat").pages[0].text
    assert "A01" in sheet and "210000" in sheet


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty"),
        (b"%PDF-1.4\n1 0 obj <<>> garbage without xref", "corrupt_pdf"),
        (b"\x00\x01\x02\x03" * 64, "unsupported"),
    ],
)
def test_bad_files_raise_a_clear_error(tmp_path: Path, data: bytes, code: str) -> None:
    path = samples.write(tmp_path / "bad.pdf", data)
    with pytest.raises(ExtractionError) as info:
        extract(path)
    assert info.value.code == code


def test_encrypted_pdf(tmp_path: Path) -> None:
    data = samples.encrypted_pdf(samples.text_pdf([INVOICE_LINES]))
    with pytest.raises(ExtractionError) as info:
        extract(samples.write(tmp_path / "enc.pdf", data))
    assert info.value.code == "encrypted"


def test_long_document_is_read_page_by_page(tmp_path: Path) -> None:
    pages = [[f"Page {i + 1} du marché de travaux", *INVOICE_LINES[2:]] for i in range(500)]
    path = samples.write(tmp_path / "long.pdf", samples.text_pdf(pages))
    started = time.perf_counter()
    doc = extract(path)
    assert doc.page_count == 500
    assert doc.pages[499].text.startswith("Page 500")
    assert all(p.usable for p in doc.pages)
    assert time.perf_counter() - started < 60  # a guard against quadratic behaviour, not a bench
