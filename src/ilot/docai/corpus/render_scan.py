"""Scan-like rendering: a `Doc` drawn on grayscale pages with Pillow, then degraded.

Pages are kept small (long side ≤ 1700 px) and the degradation (rotation within ±3°, blur,
noise, uneven contrast, JPEG artefacts) imitates office scanners and phone photos, so that
the OCR path is trained and tested without making tests slow. Output: JPEG, PNG, or a PDF
holding only the page images (no text layer).
"""

from __future__ import annotations

import io
import random
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from .model import KV, Box, Break, Bullets, Doc, H, P, Sign, Space, Table, fmt_cell

_FONT_FILES = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed.ttf",
]
_BOLD = {
    "DejaVuSans.ttf": "DejaVuSans-Bold.ttf",
    "DejaVuSerif.ttf": "DejaVuSerif-Bold.ttf",
    "LiberationSans-Regular.ttf": "LiberationSans-Bold.ttf",
    "LiberationSerif-Regular.ttf": "LiberationSerif-Bold.ttf",
    "DejaVuSansCondensed.ttf": "DejaVuSansCondensed-Bold.ttf",
}
Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


def _fonts(rng: random.Random, px: int) -> tuple[Font, Font, Font]:
    files = [f for f in _FONT_FILES if Path(f).exists()]
    if not files:
        f = ImageFont.load_default(px)
        return f, f, ImageFont.load_default(int(px * 1.5))
    path = rng.choice(files)
    bold = str(Path(path).with_name(_BOLD[Path(path).name]))
    return (
        ImageFont.truetype(path, px),
        ImageFont.truetype(bold, px),
        ImageFont.truetype(bold, int(px * rng.uniform(1.3, 1.7))),
    )


class _Pager:
    def __init__(self, w: int, h: int, margin: int, max_pages: int) -> None:
        self.w, self.h, self.m, self.max_pages = w, h, margin, max_pages
        self.pages: list[Image.Image] = []
        self.full = False
        self._new()

    def _new(self) -> None:
        if len(self.pages) >= self.max_pages:
            self.full = True
            return
        self.pages.append(Image.new("L", (self.w, self.h), 255))
        self.draw = ImageDraw.Draw(self.pages[-1])
        self.y = self.m

    def need(self, dy: int) -> bool:
        if self.y + dy > self.h - self.m:
            self._new()
        return not self.full

    def text(self, x: int, s: str, font: Font, lh: int) -> None:
        if self.need(lh):
            self.draw.text((x, self.y), s, fill=0, font=font)
            self.y += lh


def _wrap(s: str, font: Font, width: int) -> list[str]:
    out: list[str] = []
    for para in s.split("\n"):
        line = ""
        for word in para.split():
            cand = f"{line} {word}".strip()
            if font.getlength(cand) <= width or not line:
                line = cand
            else:
                out.append(line)
                line = word
        out.append(line)
    return out


def _layout(doc: Doc, rng: random.Random, w: int, h: int, max_pages: int) -> list[Image.Image]:
    px = int(w / rng.uniform(48, 60))
    reg, bold, big = _fonts(rng, px)
    lh = int(px * rng.uniform(1.25, 1.5))
    m = int(w * rng.uniform(0.06, 0.09))
    pg = _Pager(w, h, m, max_pages)
    tw = w - 2 * m

    def para(s: str, font: Font, indent: int = 0) -> None:
        for line in _wrap(s, font, tw - indent):
            pg.text(m + indent, line, font, lh)

    if doc.head_left or doc.head_right:
        y0 = pg.y
        for line in doc.head_left:
            pg.text(m, line, reg, lh)
        y1, pg.y = pg.y, y0
        for line in doc.head_right:
            pg.text(m + tw // 2 + tw // 10, line, reg, lh)
        pg.y = max(pg.y, y1) + lh
    if doc.title:
        for line in _wrap(doc.title, big, tw):
            x = m + max(0, (tw - int(big.getlength(line))) // 2)
            pg.text(x, line, big, int(lh * 1.5))
        pg.y += lh // 2
    if doc.title_sub:
        para(doc.title_sub, reg)
    for blk in doc.blocks:
        if pg.full:
            break
        if isinstance(blk, H):
            pg.y += lh // 3
            para(blk.text, bold)
        elif isinstance(blk, P):
            para(blk.text, bold if blk.style in ("bold", "big") else reg)
            pg.y += lh // 4
        elif isinstance(blk, KV):
            for k, v in blk.pairs:
                labels = _wrap(k, bold, int(tw * 0.36))
                lines = _wrap(v, reg, int(tw * 0.6))
                if pg.need(lh * max(len(lines), len(labels))):
                    y0 = pg.y
                    for i, label in enumerate(labels):
                        pg.draw.text((m, y0 + i * lh), label, fill=0, font=bold)
                    for line in lines:
                        pg.draw.text((m + int(tw * 0.38), pg.y), line, fill=0, font=reg)
                        pg.y += lh
                    pg.y = max(pg.y, y0 + lh * len(labels))
            pg.y += lh // 2
        elif isinstance(blk, Table):
            ncol = max(len(blk.header), max((len(r) for r in blk.rows), default=1))
            fmt = blk.fmt.ljust(ncol, "t")
            rel = blk.widths or [3.0 if c == 0 else 1.4 for c in range(ncol)]
            xs = [m]
            for r in rel:
                xs.append(xs[-1] + int(tw * r / sum(rel)))
            if blk.title:
                para(blk.title, bold)
            rows = ([blk.header] if blk.header else []) + [
                [fmt_cell(v, fmt[i], doc.lang) for i, v in enumerate(r)] for r in blk.rows
            ]
            for ri, row in enumerate(rows):
                font = bold if ri == 0 and blk.header else reg
                cells = [
                    _wrap(str(v), font, xs[i + 1] - xs[i] - 8)[:2] for i, v in enumerate(row[:ncol])
                ]
                rh = lh * max(1, max((len(c) for c in cells), default=1)) + 4
                if not pg.need(rh):
                    break
                pg.draw.rectangle((m, pg.y, xs[-1], pg.y + rh), outline=0)
                for i, c in enumerate(cells):
                    pg.draw.line((xs[i], pg.y, xs[i], pg.y + rh), fill=0)
                    for j, line in enumerate(c):
                        pg.draw.text((xs[i] + 4, pg.y + 2 + j * lh), line, fill=0, font=font)
                pg.y += rh
            pg.y += lh
        elif isinstance(blk, Bullets):
            for n, it in enumerate(blk.items, 1):
                para(f"{n}. {it}" if blk.ordered else f"- {it}", reg, indent=px)
        elif isinstance(blk, Sign):
            pg.need(lh * 5)
            y0 = pg.y
            col = tw // max(1, len(blk.parties))
            bottom = y0
            for i, lines in enumerate(blk.parties):
                pg.y = y0
                for line in lines:
                    pg.text(m + i * col, line, reg, lh)
                # a pen scribble stands for the handwritten signature
                if not pg.full:
                    pts = [
                        (m + i * col + 20 + k * 14, pg.y + 20 + rng.randint(-14, 14))
                        for k in range(10)
                    ]
                    pg.draw.line(pts, fill=40, width=3)
                bottom = max(bottom, pg.y + 50)
            pg.y = bottom
        elif isinstance(blk, Box):
            y0, page0 = pg.y, len(pg.pages)
            pg.y += 6
            if blk.title:
                para(blk.title, bold, indent=10)
            for line in blk.lines:
                para(line, reg, indent=10)
            if not pg.full:
                # A box that ran onto a new page is framed from that page's top margin.
                top = y0 if len(pg.pages) == page0 else pg.m - 6
                pg.draw.rectangle((m, min(top, pg.y), m + tw, pg.y + 6), outline=0, width=2)
            pg.y += lh
        elif isinstance(blk, Space):
            pg.y += int(blk.h * px / 10)
        elif isinstance(blk, Break):
            pg._new()
    return pg.pages


def _degrade(img: Image.Image, rng: random.Random) -> Image.Image:
    nrng = np.random.default_rng(rng.randrange(2**32))
    if rng.random() < 0.5:
        # a stamp: scanned documents are often certified copies
        d = ImageDraw.Draw(img)
        x, y = (
            rng.randint(img.width // 2, img.width - 260),
            rng.randint(img.height // 2, img.height - 160),
        )
        d.ellipse((x, y, x + 220, y + 130), outline=90, width=4)
    img = img.rotate(rng.uniform(-3, 3), resample=Image.Resampling.BILINEAR, fillcolor=255)
    img = img.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 1.1)))
    arr = np.asarray(img, dtype=np.float32)
    arr = arr * rng.uniform(0.8, 1.0) + rng.uniform(0, 35)
    arr += nrng.normal(0, rng.uniform(3, 14), arr.shape)
    specks = nrng.random(arr.shape) < rng.uniform(0, 0.002)
    arr[specks] = 0
    img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "L")
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=rng.randint(25, 70))
    return Image.open(io.BytesIO(buf.getvalue())).convert("L")


def render_scan(doc: Doc, rng: random.Random, kind: str) -> bytes:
    """kind: 'jpg', 'png' or 'pdf' (image-only PDF, up to 3 pages)."""
    long_side = rng.randint(1300, 1700)
    w, h = int(long_side / 1.414), long_side
    if doc.landscape:
        w, h = h, w
    pages = [_degrade(p, rng) for p in _layout(doc, rng, w, h, 3 if kind == "pdf" else 1)]
    buf = io.BytesIO()
    if kind == "jpg":
        pages[0].save(buf, "JPEG", quality=rng.randint(55, 85))
    elif kind == "png":
        # 16 grey levels, as many office scanners store them; it also keeps noisy PNGs small
        pages[0].point(lambda v: (v // 17) * 17).save(buf, "PNG")
    else:
        dpi = h / 11.69 if not doc.landscape else w / 11.69
        c = canvas.Canvas(buf, pagesize=(w * 72 / dpi, h * 72 / dpi), invariant=1)
        for p in pages:
            jb = io.BytesIO()
            p.save(jb, "JPEG", quality=rng.randint(50, 80))
            c.drawImage(ImageReader(io.BytesIO(jb.getvalue())), 0, 0, w * 72 / dpi, h * 72 / dpi)
            c.showPage()
        c.save()
    return buf.getvalue()
