"""File type from content: accepted kinds, structural office checks, refusals, mismatches."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from PIL import Image

from ilot.documents.exceptions import EmptyFile, UnsupportedType
from ilot.documents.filetypes import FileKind, detect, extension_of, require_accepted

CT = "application/vnd.openxmlformats-officedocument"


def make_zip(entries: list[tuple[str, bytes]]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries:
            zf.writestr(name, data)
    return buf.getvalue()


def content_types(main: str) -> bytes:
    return (
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/main.xml" ContentType="{main}"/></Types>'
    ).encode()


def docx() -> bytes:
    # Entry order chosen so that libmagic cannot guess from the first local header.
    return make_zip(
        [
            ("_rels/.rels", b"<Relationships/>"),
            ("word/document.xml", b"<w:document/>"),
            ("[Content_Types].xml", content_types(f"{CT}.wordprocessingml.document.main+xml")),
        ]
    )


def xlsx() -> bytes:
    return make_zip(
        [
            ("[Content_Types].xml", content_types(f"{CT}.spreadsheetml.sheet.main+xml")),
            ("xl/workbook.xml", b"<workbook/>"),
        ]
    )


def odt(kind: str = "text") -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("mimetype", f"application/vnd.oasis.opendocument.{kind}")
        zf.writestr("content.xml", b"<office:document-content/>")
    return buf.getvalue()


def image(fmt: str) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buf, fmt)
    return buf.getvalue()


PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
EML = (
    b"Received: from mx.example.fr\r\nFrom: notaire@example.fr\r\nTo: banque@example.fr\r\n"
    b"Subject: Acte\r\nDate: Mon, 1 Dec 2026 10:00:00 +0100\r\n\r\nBonjour\r\n"
)


@pytest.mark.parametrize(
    ("data", "filename", "kind"),
    [
        (PDF, "a.pdf", FileKind.PDF),
        (image("PNG"), "a.png", FileKind.PNG),
        (image("JPEG"), "a.jpeg", FileKind.JPEG),
        (image("TIFF"), "a.tif", FileKind.TIFF),
        (docx(), "a.docx", FileKind.DOCX),
        (xlsx(), "a.xlsx", FileKind.XLSX),
        (odt(), "a.odt", FileKind.ODT),
        ("Compte rendu de réunion, chantier n°3.\n".encode(), "a.txt", FileKind.TXT),
        ("Compte rendu accentué\n".encode("cp1252"), "a.txt", FileKind.TXT),
        (b"lot;surface;prix\n1;45;210000\n2;60;280000\n", "lots.csv", FileKind.TXT),
        (make_zip([("a/b.txt", b"hello")]), "a.zip", FileKind.ZIP),
        (EML, "message.eml", FileKind.EML),
    ],
)
def test_accepted_kinds(data: bytes, filename: str, kind: FileKind) -> None:
    result = require_accepted(io.BytesIO(data), filename)
    assert result.kind is kind
    assert result.accepted and result.error is None
    assert not result.extension_mismatch
    assert result.size == len(data)


def test_office_documents_not_mistaken_for_plain_zip_or_each_other() -> None:
    assert detect(docx(), "x.docx").kind is FileKind.DOCX
    assert detect(xlsx(), "x.xlsx").kind is FileKind.XLSX
    # A zip that merely contains a file named like an office part is a plain zip.
    fake = make_zip([("word/document.xml", b"<x/>")])
    assert detect(fake, "x.zip").kind is FileKind.ZIP


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (
            make_zip(
                [
                    (
                        "[Content_Types].xml",
                        content_types(f"{CT}.presentationml.presentation.main+xml"),
                    )
                ]
            ),
            "pptx",
        ),
        (
            make_zip(
                [
                    (
                        "[Content_Types].xml",
                        content_types("application/vnd.ms-word.document.macroEnabled.main+xml"),
                    ),
                    ("word/document.xml", b"<w/>"),
                    ("word/vbaProject.bin", b"\x00"),
                ]
            ),
            "docm",
        ),
        (odt("spreadsheet"), "ods"),
        (
            b"\x7fELF\x02\x01\x01\x00"
            + b"\x00" * 8
            + struct.pack("<HHI", 2, 0x3E, 1)
            + b"\x00" * 200,
            "elf",
        ),
        (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200, "exe"),
        (b"<!DOCTYPE html><html><script>alert(1)</script></html>", "html"),
        (b"#!/bin/sh\nrm -rf /\n", "script"),
        (bytes(range(256)) * 4, "binary"),
        (b"GIF89a" + b"\x01\x00\x01\x00\x00\x00\x00;", "gif"),
        (b"PK\x03\x04" + b"\x00" * 60, "damaged zip"),
        (b"\x00\x01%PDF-1.4 hidden later" + b"\x00" * 2000, "pdf marker not at start"),
    ],
)
def test_unsupported_types_are_refused_with_clear_messages(data: bytes, reason: str) -> None:
    result = detect(io.BytesIO(data), "innocent.pdf")
    assert not result.accepted, reason
    assert isinstance(result.error, UnsupportedType)
    assert result.error.status == 415
    assert "not accepted" in result.error.message
    assert "n'est pas accepté" in result.error.message_in("fr")
    with pytest.raises(UnsupportedType):
        require_accepted(data, "innocent.pdf")


def test_empty_file() -> None:
    result = detect(b"", "empty.pdf")
    assert isinstance(result.error, EmptyFile)
    with pytest.raises(EmptyFile) as err:
        require_accepted(io.BytesIO(b""), "empty.pdf")
    assert err.value.code == "empty_file"
    assert "vide" in err.value.message_in("fr")


def test_wrong_extension_content_wins_and_mismatch_is_flagged() -> None:
    result = require_accepted(image("PNG"), "scan.pdf")
    assert result.kind is FileKind.PNG
    assert result.mime == "image/png"
    assert result.extension_mismatch
    assert result.suggested_extension == "png"
    assert ".pdf" in (result.mismatch_message("en") or "")
    assert "ne correspond pas" in (result.mismatch_message("fr") or "")
    no_ext = require_accepted(PDF, "README")
    assert no_ext.extension == "" and no_ext.extension_mismatch
    assert require_accepted(PDF, "A.PDF").extension_mismatch is False


def test_position_restored_and_paths_accepted(tmp_path: Path) -> None:
    fh = io.BytesIO(PDF)
    fh.seek(5)
    detect(fh, "a.pdf")
    assert fh.tell() == 5
    path = tmp_path / "doc.docx"
    path.write_bytes(docx())
    assert detect(path, path.name).kind is FileKind.DOCX


def test_large_text_with_multibyte_cut_at_head_boundary() -> None:
    data = ("é" * 40_000).encode()  # 80 kB, head cuts inside a character or not
    assert detect(data, "notes.txt").kind is FileKind.TXT


def test_extension_of() -> None:
    assert extension_of("a/b/C.Tar.GZ") == "gz"
    assert extension_of(".bashrc") == ""
    assert extension_of(None) == ""
    assert extension_of("dir.d\\file") == ""


def test_compressed_pdf_like_payload_is_not_plain_text() -> None:
    assert detect(zlib.compress(bytes(range(256)) * 100), "a.txt").accepted is False
