"""PDF and image inspection on fixtures generated here: good, encrypted, active, broken, bombs."""

from __future__ import annotations

import io
import struct
import zlib

import pypdf
import pytest
from PIL import Image
from pypdf.actions import JavaScript

from ilot.documents.exceptions import (
    DecompressionBomb,
    EmptyFile,
    MalformedDocument,
    TruncatedDocument,
)
from ilot.documents.inspection import inspect_image, inspect_pdf


def make_pdf(
    texts: list[str],
    *,
    catalog_extra: str = "",
    page_extra: str = "",
    extra_objects: tuple[str, ...] = (),
) -> bytes:
    """A small valid PDF, one page per text; extra objects are numbered after the font."""
    n = len(texts)
    font = 3 + 2 * n
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(n))
    objs = [
        f"<< /Type /Catalog /Pages 2 0 R {catalog_extra} >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {n} >>",
    ]
    streams = []
    for i, text in enumerate(texts):
        objs.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font "
            f"<< /F1 {font} 0 R >> >> /Contents {4 + 2 * i} 0 R {page_extra} >>"
        )
        content = f"BT /F1 24 Tf 72 700 Td ({text}) Tj ET"
        objs.append(f"<< /Length {len(content)} >>\nstream\n{content}\nendstream")
        streams.append(content)
    objs.append("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    objs.extend(extra_objects)
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objs, 1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1"))
    xref = out.tell()
    out.write(f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()


def rewrite(data: bytes, change: object) -> bytes:
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(data)))
    change(writer)  # type: ignore[operator]
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def png(width: int, height: int) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(buf, "PNG")
    return buf.getvalue()


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that *claims* huge dimensions: the classic decompression bomb shape."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 1024)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def test_clean_pdf() -> None:
    report = inspect_pdf(make_pdf(["one", "two", "three"]))
    assert report.page_count == 3
    assert report.flags == ()
    assert report.previewable and not report.encrypted
    assert report.version == "1.4"


def test_encrypted_pdf_is_accepted_and_flagged() -> None:
    data = rewrite(make_pdf(["secret"]), lambda w: w.encrypt("pw", algorithm="RC4-128"))
    report = inspect_pdf(io.BytesIO(data))
    assert report.encrypted and report.needs_password
    assert "encrypted" in report.flags
    assert not report.previewable
    # Owner-password only: opens without a password but is still flagged, not previewed.
    owner_only = rewrite(
        make_pdf(["a", "b"]),
        lambda w: w.encrypt(user_password="", owner_password="own", algorithm="RC4-128"),
    )
    report = inspect_pdf(owner_only)
    assert report.encrypted and not report.needs_password
    assert report.page_count == 2 and not report.previewable


def test_javascript_open_action_is_flagged() -> None:
    data = rewrite(make_pdf(["x"]), lambda w: w.add_open_action(JavaScript("app.alert(1)")))
    assert inspect_pdf(data).javascript
    direct = make_pdf(
        ["x"], catalog_extra="/OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >>"
    )
    report = inspect_pdf(direct)
    assert report.javascript and report.open_action
    assert {"javascript", "open_action"} <= set(report.flags)


def test_launch_action_in_annotation_is_flagged() -> None:
    annot = (
        "<< /Type /Annot /Subtype /Link /Rect [0 0 100 100] /A << /S /Launch /F (calc.exe) >> >>"
    )
    n_font = 5  # one page: catalog, pages, page, content, font -> annotation is 6
    data = make_pdf(["click"], page_extra=f"/Annots [{n_font + 1} 0 R]", extra_objects=(annot,))
    report = inspect_pdf(data)
    assert report.launch and "launch" in report.flags
    assert not report.javascript


def test_truncated_pdf_is_a_clear_error() -> None:
    data = make_pdf(["page"] * 5)
    for cut in (len(data) // 2, len(data) - 10):
        with pytest.raises(TruncatedDocument) as err:
            inspect_pdf(data[:cut])
        assert err.value.code == "truncated"
        assert "tronqué" in err.value.message_in("fr")


def test_malformed_pdfs() -> None:
    with pytest.raises(MalformedDocument):
        inspect_pdf(b"%PDF-1.7\n" + b"garbage " * 200 + b"\n%%EOF\n")
    with pytest.raises(MalformedDocument):
        inspect_pdf(b"not a pdf at all\n%%EOF")
    with pytest.raises(EmptyFile):
        inspect_pdf(b"")


def test_image_dimensions() -> None:
    report = inspect_image(png(120, 80))
    assert (report.format, report.width, report.height, report.frames) == ("PNG", 120, 80, 1)
    buf = io.BytesIO()
    frames = [Image.new("L", (30, 40)), Image.new("L", (50, 60))]
    frames[0].save(buf, "TIFF", save_all=True, append_images=frames[1:])
    tiff = inspect_image(buf.getvalue())
    assert tiff.format == "TIFF" and tiff.frames == 2


def test_decompression_bomb_rejected_before_decoding() -> None:
    with pytest.raises(DecompressionBomb) as err:
        inspect_image(png_header_only(40_000, 40_000))
    assert err.value.code == "decompression_bomb"
    assert err.value.params["pixels"] == 1_600_000_000
    with pytest.raises(DecompressionBomb):
        inspect_image(png(100, 100), max_pixels=5_000)
    assert inspect_image(png(100, 100), max_pixels=10_000).pixels == 10_000


def test_truncated_and_damaged_images() -> None:
    buf = io.BytesIO()
    Image.effect_noise((200, 200), 50).convert("RGB").save(buf, "JPEG")
    jpeg = buf.getvalue()
    assert inspect_image(jpeg).format == "JPEG"
    with pytest.raises(TruncatedDocument):
        inspect_image(jpeg[: len(jpeg) // 2])
    data = bytearray(png(64, 64))
    data[-20] ^= 0xFF  # corrupt the IDAT payload: its CRC no longer matches
    with pytest.raises(MalformedDocument):
        inspect_image(bytes(data))
    with pytest.raises(MalformedDocument):
        inspect_image(b"\x89PNG\r\n\x1a\nnonsense")


def make_objstm_pdf(catalog_extra: str) -> bytes:
    """One-page PDF 1.5 whose catalog and page sit in a Flate-compressed object stream,
    indexed by a cross-reference stream: names like /JavaScript are not in plain sight."""
    content = "BT /F1 24 Tf 72 700 Td (hidden) Tj ET"
    in_stream = [
        (1, f"<< /Type /Catalog /Pages 2 0 R {catalog_extra} >>"),
        (2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
        (3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>"),
    ]
    body, header = b"", []
    for number, text in in_stream:
        header.append(f"{number} {len(body)}")
        body += text.encode() + b"\n"
    head = (" ".join(header) + "\n").encode()
    packed = zlib.compress(head + body)
    out = io.BytesIO()
    out.write(b"%PDF-1.5\n")
    offsets = {4: out.tell()}
    out.write(
        f"4 0 obj\n<< /Length {len(content)} >>\nstream\n{content}\nendstream\nendobj\n".encode()
    )
    offsets[5] = out.tell()
    out.write(
        f"5 0 obj\n<< /Type /ObjStm /N 3 /First {len(head)} /Filter /FlateDecode "
        f"/Length {len(packed)} >>\nstream\n".encode()
        + packed
        + b"\nendstream\nendobj\n"
    )
    offsets[6] = out.tell()
    rows = b"\x00" + bytes(4) + (65535).to_bytes(2, "big")
    for number in range(1, 7):
        if number <= 3:
            rows += b"\x02" + (5).to_bytes(4, "big") + (number - 1).to_bytes(2, "big")
        else:
            rows += b"\x01" + offsets[number].to_bytes(4, "big") + bytes(2)
    out.write(
        f"6 0 obj\n<< /Type /XRef /Size 7 /W [1 4 2] /Root 1 0 R /Length {len(rows)} >>\n"
        "stream\n".encode()
        + rows
        + f"\nendstream\nendobj\nstartxref\n{offsets[6]}\n%%EOF\n".encode()
    )
    return out.getvalue()


def test_javascript_hidden_in_compressed_object_stream_is_found() -> None:
    clean = make_objstm_pdf("")
    assert inspect_pdf(clean).flags == ()
    assert inspect_pdf(clean).page_count == 1
    hidden = make_objstm_pdf("/OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >>")
    assert b"/JavaScript" not in hidden  # only the structure walk can see it
    report = inspect_pdf(hidden)
    assert report.javascript and report.open_action
    launch = make_objstm_pdf("/AA << /WC << /S /Launch /F (cmd.exe) >> >>")
    assert inspect_pdf(launch).launch
