"""Watermarking: every page stamped, text extractable, original bytes kept, still valid."""

from __future__ import annotations

import io
import shutil
import subprocess
import zlib
from datetime import datetime
from pathlib import Path

import pypdf
import pypdfium2 as pdfium
import pytest

from ilot.documents.exceptions import MalformedDocument, WatermarkError
from ilot.documents.watermark import Watermark, watermark_pdf, write_watermarked

MARK = Watermark(
    name="Élodie Martin",
    organisation="Banque Régionale",
    dossier="OP-2026-0042",
    when=datetime(2026, 12, 2, 9, 30),
)


def _page_objects(
    texts: list[str], sizes: list[tuple[int, int, int]] | None, font: int, first: int, inherit: bool
) -> tuple[list[str], list[str]]:
    pages, streams = [], []
    for i, text in enumerate(texts):
        w, h, rot = (sizes or [(595, 842, 0)] * len(texts))[i]
        resources = "" if inherit else f"/Resources << /Font << /F1 {font} 0 R >> >>"
        pages.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {w} {h}] /Rotate {rot} {resources} "
            f"/Contents {first + i} 0 R >>"
        )
        streams.append(f"BT /F1 18 Tf 60 {h - 80} Td (Original {text}) Tj ET")
    return pages, streams


def make_pdf(
    texts: list[str],
    sizes: list[tuple[int, int, int]] | None = None,
    *,
    inherit_resources: bool = False,
    arrays: bool = False,
) -> bytes:
    """Classic PDF 1.4: xref table, one content stream per page.

    With `arrays`, page 1 has a direct `/Contents [..]` array and page 2 a reference to an
    array object (both legal, both must keep their streams in order).
    """
    n = len(texts)
    font = 3 + 2 * n
    page_nums = [3 + i for i in range(n)]
    pages, streams = _page_objects(texts, sizes, font, 3 + n, inherit_resources)
    extra: list[str] = []
    if arrays:
        pages[0] = pages[0].replace(f"/Contents {3 + n} 0 R", f"/Contents [{3 + n} 0 R]")
        array_number = 3 + 2 * n + 2  # after font and info
        pages[1] = pages[1].replace(f"/Contents {4 + n} 0 R", f"/Contents {array_number} 0 R")
        extra.append(f"[{4 + n} 0 R]")
    res = f"/Resources << /Font << /F1 {font} 0 R >> >>" if inherit_resources else ""
    objs = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{' '.join(f'{p} 0 R' for p in page_nums)}] /Count {n} {res} >>",
        *pages,
        *(f"<< /Length {len(s)} >>\nstream\n{s}\nendstream" for s in streams),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        "<< /Producer (test) >>",
    ]
    info = len(objs)
    objs.extend(extra)
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objs, 1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n{body}\nendobj\n".encode())
    xref = out.tell()
    out.write(f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R /Info {info} 0 R "
        f"/ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>] >>\n"
        f"startxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()


def make_pdf_objstm(texts: list[str]) -> bytes:
    """PDF 1.5 with catalog, page tree, pages and font in a compressed object stream and a
    cross-reference stream, as modern producers write: page dicts are not in plain sight."""
    n = len(texts)
    # Numbers: 1 catalog, 2 pages, 3..2+n pages, then font, then contents, objstm, xref.
    font = 3 + n
    first_content = font + 1
    pages, streams = _page_objects(texts, None, font, first_content, False)
    in_stream = [
        (1, "<< /Type /Catalog /Pages 2 0 R /OpenAction [3 0 R /Fit] >>"),
        (2, f"<< /Type /Pages /Kids [{' '.join(f'{3 + i} 0 R' for i in range(n))}] /Count {n} >>"),
        *((3 + i, page) for i, page in enumerate(pages)),
        (font, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"),
    ]
    body = b""
    header = []
    for number, text in in_stream:
        header.append(f"{number} {len(body)}")
        body += text.encode() + b"\n"
    head = (" ".join(header) + "\n").encode()
    objstm_data = zlib.compress(head + body)
    objstm = first_content + n
    xref_num = objstm + 1
    out = io.BytesIO()
    out.write(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}
    for i, s in enumerate(streams):
        offsets[first_content + i] = out.tell()
        number = first_content + i
        out.write(
            f"{number} 0 obj\n<< /Length {len(s)} >>\nstream\n{s}\nendstream\nendobj\n".encode()
        )
    offsets[objstm] = out.tell()
    out.write(
        f"{objstm} 0 obj\n<< /Type /ObjStm /N {len(in_stream)} /First {len(head)} "
        f"/Filter /FlateDecode /Length {len(objstm_data)} >>\nstream\n".encode()
        + objstm_data
        + b"\nendstream\nendobj\n"
    )
    xref_at = out.tell()
    offsets[xref_num] = xref_at
    rows = b"\x00" + (0).to_bytes(4, "big") + (65535).to_bytes(2, "big")
    index_in_stream = {number: i for i, (number, _) in enumerate(in_stream)}
    for number in range(1, xref_num + 1):
        if number in index_in_stream:
            rows += b"\x02" + objstm.to_bytes(4, "big") + index_in_stream[number].to_bytes(2, "big")
        else:
            rows += b"\x01" + offsets[number].to_bytes(4, "big") + (0).to_bytes(2, "big")
    out.write(
        f"{xref_num} 0 obj\n<< /Type /XRef /Size {xref_num + 1} /W [1 4 2] /Root 1 0 R "
        f"/Length {len(rows)} >>\nstream\n".encode()
        + rows
        + f"\nendstream\nendobj\nstartxref\n{xref_at}\n%%EOF\n".encode()
    )
    return out.getvalue()


def stamp(data: bytes, mark: Watermark = MARK) -> bytes:
    return b"".join(watermark_pdf(io.BytesIO(data), mark))


def pypdf_texts(data: bytes) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data), strict=True).pages]


def pdfium_texts(data: bytes) -> list[str]:
    doc = pdfium.PdfDocument(data)
    try:
        texts = []
        for page in doc:
            textpage = page.get_textpage()
            texts.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return texts
    finally:
        doc.close()


def poppler_check(data: bytes, tmp_path: Path) -> str:
    """pdfinfo and pdftotext (poppler) are strict about cross-references; no errors allowed."""
    # `make` installs poppler-utils; its absence is a broken setup, never a reason to skip.
    assert shutil.which("pdftotext") is not None, "poppler-utils missing: run make bootstrap"
    path = tmp_path / "out.pdf"
    path.write_bytes(data)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    assert "Syntax Error" not in info.stderr and "error" not in info.stderr.lower(), info.stderr
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    )
    assert "error" not in text.stderr.lower(), text.stderr
    return text.stdout


def test_every_page_is_stamped_and_text_is_extractable(tmp_path: Path) -> None:
    original = make_pdf(["one", "two", "three"])
    out = stamp(original)
    assert out.startswith(original)  # incremental: the original bytes are untouched
    for i, text in enumerate(pypdf_texts(out)):
        assert f"Original {['one', 'two', 'three'][i]}" in text
        assert "Élodie Martin" in text and "OP-2026-0042" in text
        assert "Banque Régionale" in text and "02/12/2026" in text
        assert "Téléchargé par" in text
    assert all("Élodie Martin" in t for t in pdfium_texts(out))
    poppler = poppler_check(out, tmp_path)
    assert poppler.count("OP-2026-0042") >= 3
    assert "Original two" in poppler


def test_object_streams_and_xref_streams(tmp_path: Path) -> None:
    original = make_pdf_objstm(["alpha", "beta"])
    assert pypdf_texts(original) == ["Original alpha", "Original beta"]
    out = stamp(original)
    assert out.startswith(original)
    texts = pypdf_texts(out)
    assert all("OP-2026-0042" in t for t in texts)
    assert "Original beta" in texts[1]
    assert len(pdfium_texts(out)) == 2
    assert poppler_check(out, tmp_path).count("Élodie Martin") >= 2


def test_inherited_resources_and_mixed_geometry(tmp_path: Path) -> None:
    sizes = [(595, 842, 0), (842, 595, 0), (595, 842, 90), (595, 842, 270), (400, 400, 180)]
    original = make_pdf([f"p{i}" for i in range(5)], sizes, inherit_resources=True)
    out = stamp(original)
    texts = pypdf_texts(out)
    assert all(f"Original p{i}" in t and "Élodie Martin" in t for i, t in enumerate(texts))
    poppler_check(out, tmp_path)
    # The footer reads at the bottom of the page as displayed, whatever /Rotate says.
    doc = pdfium.PdfDocument(out)
    for index in range(5):
        page = doc[index]
        image = page.render(scale=1).to_pil().convert("L")
        w, h = image.size
        bottom = image.crop((10, h - 14, w - 10, h - 2))
        top = image.crop((10, 2, w - 10, 14))
        assert bottom.getextrema()[0] < 200, f"no footer at the bottom of page {index + 1}"
        assert top.getextrema()[0] > 240, f"unexpected ink at the top of page {index + 1}"
        page.close()
    doc.close()


def test_hundreds_of_pages_share_one_watermark_object() -> None:
    original = make_pdf([f"page {i}" for i in range(400)])
    out = stamp(original)
    update = out[len(original) :]
    # One form for the single page geometry, not one per page.
    assert update.count(b"/Subtype /Form") == 1
    # The update holds page dictionaries, never the pages' content again.
    assert b"Original page" not in update
    reader = pypdf.PdfReader(io.BytesIO(out))
    assert len(reader.pages) == 400
    assert "OP-2026-0042" in reader.pages[399].extract_text()


def test_streamed_in_chunks_and_written_to_file(tmp_path: Path) -> None:
    original = make_pdf(["x"] * 3)
    chunks = list(watermark_pdf(io.BytesIO(original), MARK))
    assert len(chunks) >= 2
    target = tmp_path / "out.pdf"
    with target.open("wb") as fh:
        size = write_watermarked(io.BytesIO(original), fh, MARK)
    assert size == target.stat().st_size == sum(map(len, chunks))


def test_page_without_contents_and_contents_array(tmp_path: Path) -> None:
    arrays = make_pdf(["direct", "indirect", "plain"], arrays=True)
    assert [t for t in pypdf_texts(arrays)] == [
        "Original direct",
        "Original indirect",
        "Original plain",
    ]
    texts = pypdf_texts(stamp(arrays))
    assert all(
        f"Original {w}" in t and "OP-2026-0042" in t
        for w, t in zip(["direct", "indirect", "plain"], texts, strict=True)
    )
    poppler_check(stamp(arrays), tmp_path)
    data = make_pdf(["a", "b"])
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(data)))
    writer.add_blank_page(300, 300)
    buf = io.BytesIO()
    writer.write(buf)
    out = stamp(buf.getvalue())
    texts = pypdf_texts(out)
    assert len(texts) == 3 and all("Élodie Martin" in t for t in texts)
    assert "Original a" in texts[0]


def test_english_footer_and_unencodable_characters() -> None:
    mark = Watermark(
        name="Zoë (PDG) \\ 李",
        organisation="SCCV Les Îles",
        dossier="D-1",
        when=datetime(2026, 1, 5),
        lang="en",
    )
    text = pypdf_texts(stamp(make_pdf(["a"]), mark))[0]
    assert "Downloaded by" in text and "Zoë (PDG) \\ ?" in text and "2026-01-05" in text


def test_encrypted_damaged_and_repeated() -> None:
    data = make_pdf(["secret"])
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(data)))
    writer.encrypt("pw", algorithm="RC4-128")
    enc = io.BytesIO()
    writer.write(enc)
    with pytest.raises(WatermarkError, match="encrypted"):
        stamp(enc.getvalue())
    with pytest.raises(MalformedDocument):
        stamp(b"%PDF-1.4\nnothing here\n%%EOF\n")
    with pytest.raises(MalformedDocument):
        stamp(b"")
    with pytest.raises(WatermarkError, match="already"):
        stamp(stamp(data))


def test_broken_xref_offset_is_repaired_first(tmp_path: Path) -> None:
    data = make_pdf(["repair me"])
    at = data.rfind(b"startxref")
    broken = data[:at] + b"startxref\n999999\n%%EOF\n"
    out = stamp(broken)
    text = pypdf_texts(out)[0]
    assert "Original repair me" in text and "Élodie Martin" in text
    poppler_check(out, tmp_path)
