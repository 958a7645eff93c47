"""Previews: PDF pages and images rendered at a width, snapped, cached in storage."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pypdf
import pytest
from django.core.files.storage import FileSystemStorage
from PIL import Image

from ilot.documents.exceptions import DecompressionBomb, PreviewUnavailable
from ilot.documents.filetypes import FileKind
from ilot.documents.previews import (
    PreviewCache,
    PreviewFormat,
    render_image,
    render_pdf_page,
    render_preview,
    snap_width,
)

SHA = "ab" * 32


class LocalStorage(FileSystemStorage):
    """FileSystemStorage with its settings-derived values pinned (no settings needed)."""

    def __init__(self, location: Path) -> None:
        super().__init__(location=str(location), base_url="/media/")
        self._root = str(location)

    @property
    def base_location(self) -> str:  # type: ignore[override]
        return self._root

    @property
    def location(self) -> str:  # type: ignore[override]
        return os.path.abspath(self._root)

    @property
    def file_permissions_mode(self) -> None:  # type: ignore[override]
        return None

    @property
    def directory_permissions_mode(self) -> None:  # type: ignore[override]
        return None


def make_pdf(pages: list[tuple[str, int, int, int]]) -> bytes:
    """Pages as (text, width, height, rotate); a black bar makes rendering observable."""
    n = len(pages)
    font = 3 + 2 * n
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(n))
    objs = ["<< /Type /Catalog /Pages 2 0 R >>", f"<< /Type /Pages /Kids [{kids}] /Count {n} >>"]
    for i, (text, w, h, rot) in enumerate(pages):
        objs.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {w} {h}] /Rotate {rot} /Resources "
            f"<< /Font << /F1 {font} 0 R >> >> /Contents {4 + 2 * i} 0 R >>"
        )
        content = f"0 0 0 rg 0 0 {w} 40 re f BT /F1 24 Tf 72 {h - 100} Td ({text}) Tj ET"
        objs.append(f"<< /Length {len(content)} >>\nstream\n{content}\nendstream")
    objs.append("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objs, 1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n{body}\nendobj\n".encode())
    xref = out.tell()
    out.write(f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()


def decode(data: bytes) -> Image.Image:
    img = Image.open(io.BytesIO(data))
    img.load()
    return img


def test_pdf_page_rendered_at_width_with_content() -> None:
    pdf = make_pdf([("one", 595, 842, 0), ("two", 842, 595, 0)])
    preview = render_pdf_page(pdf, page=1, width=300)
    img = decode(preview.data)
    assert img.format == "PNG" and preview.content_type == "image/png"
    assert img.width == 300 and abs(img.height - round(842 * 300 / 595)) <= 1
    # The black bar at the bottom of the page is rendered; the top is white paper.
    rgb = img.convert("RGB")
    assert rgb.getpixel((150, img.height - 3)) == (0, 0, 0)
    assert rgb.getpixel((150, 5)) == (255, 255, 255)
    landscape = decode(render_pdf_page(pdf, page=2, width=400, fmt=PreviewFormat.WEBP).data)
    assert landscape.format == "WEBP" and landscape.width == 400 and landscape.height < 400


def test_rotated_page_keeps_requested_width() -> None:
    pdf = make_pdf([("rot", 595, 842, 90)])
    img = decode(render_pdf_page(pdf, page=1, width=256).data)
    assert img.width == 256 and img.height < 256


def test_very_tall_page_is_capped() -> None:
    pdf = make_pdf([("plan", 200, 14_000, 0)])
    preview = render_pdf_page(pdf, page=1, width=2048)
    assert preview.width * preview.height <= 2048 * 2048 * 4 * 1.01


def test_missing_page_and_encrypted_pdf_have_no_preview() -> None:
    pdf = make_pdf([("one", 595, 842, 0)])
    with pytest.raises(PreviewUnavailable, match="no page 2"):
        render_pdf_page(pdf, page=2)
    with pytest.raises(PreviewUnavailable):
        render_pdf_page(pdf, page=0)
    for user_password in ("pw", ""):
        writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(pdf)))
        writer.encrypt(user_password=user_password, owner_password="own", algorithm="RC4-128")
        out = io.BytesIO()
        writer.write(out)
        with pytest.raises(PreviewUnavailable, match="encrypted"):
            render_pdf_page(out.getvalue())


def test_image_preview_never_enlarges_and_handles_tiff_pages() -> None:
    buf = io.BytesIO()
    Image.new("RGB", (2000, 1000), "blue").save(buf, "JPEG")
    small = render_image(buf.getvalue(), width=512)
    assert (small.width, small.height) == (512, 256)
    assert decode(small.data).getpixel((10, 10))[2] > 200  # type: ignore[index]
    tiny = io.BytesIO()
    Image.new("P", (50, 20)).save(tiny, "PNG")
    assert render_image(tiny.getvalue(), width=1024).width == 50
    tiff = io.BytesIO()
    frames = [Image.new("L", (100, 100), 0), Image.new("L", (300, 150), 255)]
    frames[0].save(tiff, "TIFF", save_all=True, append_images=frames[1:])
    second = render_image(tiff.getvalue(), page=2, width=150, fmt=PreviewFormat.WEBP)
    assert (second.width, second.height) == (150, 75)
    with pytest.raises(PreviewUnavailable):
        render_image(tiff.getvalue(), page=3)


def test_exif_orientation_applied() -> None:
    img = Image.new("RGB", (400, 200), "red")
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise when displayed
    buf = io.BytesIO()
    img.save(buf, "JPEG", exif=exif)
    preview = render_image(buf.getvalue(), width=100)
    assert (preview.width, preview.height) == (100, 200)


def test_bomb_refused_by_preview() -> None:
    buf = io.BytesIO()
    Image.new("1", (4000, 4000)).save(buf, "PNG")
    with pytest.raises(DecompressionBomb):
        render_image(buf.getvalue(), max_pixels=1_000_000)


def test_render_preview_dispatch() -> None:
    with pytest.raises(PreviewUnavailable):
        render_preview(b"hello", FileKind.TXT)
    pdf = make_pdf([("x", 595, 842, 0)])
    assert render_preview(io.BytesIO(pdf), FileKind.PDF, width=128).width == 128


def test_snap_width() -> None:
    assert [snap_width(w) for w in (1, 128, 129, 700, 5000)] == [128, 128, 256, 768, 2048]
    with pytest.raises(PreviewUnavailable):
        snap_width(0)


def test_cache_renders_once_and_keys_by_page_and_width(tmp_path: Path) -> None:
    cache = PreviewCache(LocalStorage(tmp_path))
    pdf = make_pdf([("one", 595, 842, 0), ("two", 595, 842, 0)])
    calls: list[tuple[int, int]] = []

    def renderer(page: int):  # type: ignore[no-untyped-def]
        def render(width: int):  # type: ignore[no-untyped-def]
            calls.append((page, width))
            return render_pdf_page(pdf, page=page, width=width)

        return render

    first = cache.get_or_render(SHA, page=1, width=300, fmt=PreviewFormat.PNG, render=renderer(1))
    again = cache.get_or_render(SHA, page=1, width=260, fmt=PreviewFormat.PNG, render=renderer(1))
    other = cache.get_or_render(SHA, page=2, width=300, fmt=PreviewFormat.PNG, render=renderer(2))
    assert calls == [(1, 512), (2, 512)]
    assert first.data == again.data and first.width == again.width == 512
    assert first.name == f"previews/ab/ab/{SHA}/p1-w512.png"
    assert (tmp_path / first.name).read_bytes() == first.data
    assert other.name != first.name
    thumb = cache.thumbnail(SHA, FileKind.PDF, lambda: io.BytesIO(pdf))
    assert thumb.format is PreviewFormat.WEBP and thumb.width == 256
    assert cache.purge(SHA) == 3
    assert cache.purge(SHA) == 0
    with pytest.raises(Exception):  # noqa: B017 - an invalid hash never becomes a path
        cache.name("../../x", page=1, width=1, fmt=PreviewFormat.PNG)
