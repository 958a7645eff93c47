"""Born-digital PDF rendering with ReportLab, in a randomly drawn visual style.

Each document draws its own font family, sizes, margins, colours, table style and column
layout, so that a classifier cannot key on the look of one generator. `invariant` mode makes
the output byte-reproducible (fixed dates and document IDs).
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    TableStyle,
)
from reportlab.platypus import Table as RLTable

from .model import KV, Box, Break, Bullets, Doc, H, P, Sign, Space, Table, fmt_cell

rl_config.invariant = 1

_TTF_DIRS = [Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/truetype/liberation")]
# family name → (regular, bold, italic, bold-italic) file names
_TTF_FAMILIES = {
    "DejaVuSans": ("DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique", "DejaVuSans-BoldOblique"),
    "DejaVuSerif": (
        "DejaVuSerif",
        "DejaVuSerif-Bold",
        "DejaVuSerif-Italic",
        "DejaVuSerif-BoldItalic",
    ),
    "DejaVuCond": (
        "DejaVuSansCondensed",
        "DejaVuSansCondensed-Bold",
        "DejaVuSansCondensed-Oblique",
        "DejaVuSansCondensed-BoldOblique",
    ),
    "LibSans": (
        "LiberationSans-Regular",
        "LiberationSans-Bold",
        "LiberationSans-Italic",
        "LiberationSans-BoldItalic",
    ),
    "LibSerif": (
        "LiberationSerif-Regular",
        "LiberationSerif-Bold",
        "LiberationSerif-Italic",
        "LiberationSerif-BoldItalic",
    ),
    "LibNarrow": (
        "LiberationSansNarrow-Regular",
        "LiberationSansNarrow-Bold",
        "LiberationSansNarrow-Italic",
        "LiberationSansNarrow-BoldItalic",
    ),
}
_BUILTIN = {
    "Helvetica": ("Helvetica", "Helvetica-Bold", "Helvetica-Oblique", "Helvetica-BoldOblique"),
    "Times": ("Times-Roman", "Times-Bold", "Times-Italic", "Times-BoldItalic"),
    "Courier": ("Courier", "Courier-Bold", "Courier-Oblique", "Courier-BoldOblique"),
}
_families: dict[str, tuple[str, str, str, str]] | None = None


def families() -> dict[str, tuple[str, str, str, str]]:
    """Register the TrueType fonts found on this machine once per process."""
    global _families
    if _families is None:
        found = dict(_BUILTIN)
        for fam, files in _TTF_FAMILIES.items():
            paths = []
            for f in files:
                p = next((d / f"{f}.ttf" for d in _TTF_DIRS if (d / f"{f}.ttf").exists()), None)
                paths.append(p)
            if all(paths):
                names = tuple(f"{fam}-{i}" for i in range(4))
                for n, p in zip(names, paths, strict=True):
                    pdfmetrics.registerFont(TTFont(n, str(p)))
                pdfmetrics.registerFontFamily(
                    fam, normal=names[0], bold=names[1], italic=names[2], boldItalic=names[3]
                )
                found[fam] = (names[0], names[1], names[2], names[3])
        _families = found
    return _families


@dataclass
class Style:
    fonts: tuple[str, str, str, str]
    size: float
    leading: float
    margin: float
    accent: Any
    table: str
    columns: int
    upper_headings: bool
    title_align: int
    title_size: float
    page: tuple[float, float]
    head_layout: str


def draw_style(rng: random.Random, doc: Doc) -> Style:
    fams = families()
    # Built-in Type1 fonts have no glyphs beyond Latin-1/WinAnsi, which covers French.
    fam = rng.choice(sorted(fams))
    size = rng.choice([8.5, 9, 9.5, 10, 10, 10.5, 11, 11.5])
    accent = rng.choice(
        [
            colors.black,
            colors.HexColor("#1f3864"),
            colors.HexColor("#7a1e1e"),
            colors.HexColor("#0b5e3c"),
            colors.HexColor("#333333"),
            colors.HexColor("#004a80"),
            colors.HexColor("#5b2c83"),
        ]
    )
    page = LETTER if doc.lang == "en" and rng.random() < 0.4 else A4
    if doc.landscape:
        page = landscape(page)
    return Style(
        fonts=fams[fam],
        size=size,
        leading=size * rng.uniform(1.15, 1.45),
        margin=rng.uniform(12, 26) * mm,
        accent=accent,
        table=rng.choice(["grid", "zebra", "lines", "box", "plain"]),
        columns=2 if rng.random() < 0.12 and not doc.landscape else 1,
        upper_headings=rng.random() < 0.4,
        title_align=rng.choice([TA_CENTER, TA_CENTER, TA_LEFT]),
        title_size=size * rng.uniform(1.4, 2.1),
        page=page,
        head_layout=rng.choice(["columns", "columns", "stacked", "banner"]),
    )


class _Styles:
    def __init__(self, st: Style) -> None:
        r, b, i, _ = st.fonts
        s, ld = st.size, st.leading
        self.normal = ParagraphStyle(
            "n", fontName=r, fontSize=s, leading=ld, alignment=TA_JUSTIFY, spaceAfter=s * 0.5
        )
        self.by_name = {
            "normal": self.normal,
            "small": ParagraphStyle("s", parent=self.normal, fontSize=s * 0.82, leading=ld * 0.82),
            "bold": ParagraphStyle("b", parent=self.normal, fontName=b),
            "italic": ParagraphStyle("i", parent=self.normal, fontName=i),
            "big": ParagraphStyle(
                "g", parent=self.normal, fontName=b, fontSize=s * 1.25, leading=ld * 1.25
            ),
            "mono": ParagraphStyle("m", parent=self.normal, fontName="Courier", fontSize=s * 0.9),
        }
        self.h1 = ParagraphStyle(
            "h1",
            parent=self.normal,
            fontName=b,
            fontSize=s * 1.22,
            leading=ld * 1.3,
            textColor=st.accent,
            spaceBefore=s * 0.9,
            spaceAfter=s * 0.4,
            alignment=TA_LEFT,
        )
        self.h2 = ParagraphStyle("h2", parent=self.h1, fontSize=s * 1.05, spaceBefore=s * 0.5)
        self.title = ParagraphStyle(
            "t",
            parent=self.h1,
            fontSize=st.title_size,
            leading=st.title_size * 1.2,
            alignment=st.title_align,
            spaceAfter=s * 0.6,
        )
        self.cell = ParagraphStyle(
            "c",
            parent=self.normal,
            fontSize=s * 0.88,
            leading=s * 1.05,
            alignment=TA_LEFT,
            spaceAfter=0,
        )
        self.cell_r = ParagraphStyle("cr", parent=self.cell, alignment=TA_RIGHT)
        self.cell_b = ParagraphStyle("cb", parent=self.cell, fontName=b)
        self.head = ParagraphStyle(
            "hd",
            parent=self.normal,
            fontSize=s * 0.85,
            leading=s * 1.05,
            alignment=TA_LEFT,
            spaceAfter=0,
        )


_ALIGN = {"justify": TA_JUSTIFY, "left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT}


def _para(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def _table_style(st: Style, n_rows: int, total: int, header: bool) -> TableStyle:
    r, b, _, _ = st.fonts
    cmds: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), r),
        ("FONTSIZE", (0, 0), (-1, -1), st.size * 0.88),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    if header:
        cmds.append(("FONTNAME", (0, 0), (-1, 0), b))
        if st.table in ("grid", "zebra", "box"):
            cmds += [
                ("BACKGROUND", (0, 0), (-1, 0), st.accent),
                ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
            ]
        else:
            cmds.append(("LINEBELOW", (0, 0), (-1, 0), 0.8, st.accent))
    if st.table == "grid":
        cmds.append(("GRID", (0, 0), (-1, -1), 0.4, colors.grey))
    elif st.table == "zebra":
        cmds.append(
            ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#eeeeee")])
        )
    elif st.table == "lines":
        cmds.append(("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.lightgrey))
    elif st.table == "box":
        cmds += [
            ("BOX", (0, 0), (-1, -1), 0.8, colors.black),
            ("INNERGRID", (0, 0), (-1, -1), 0.2, colors.grey),
        ]
    if total:
        cmds += [
            ("FONTNAME", (0, n_rows - total), (-1, -1), b),
            ("LINEABOVE", (0, n_rows - total), (-1, n_rows - total), 0.8, colors.black),
        ]
    return TableStyle(cmds)


def _table(t: Table, st: Style, ss: _Styles, width: float, lang: str) -> list[Flowable]:
    ncol = max(len(t.header), max((len(r) for r in t.rows), default=1))
    fmt = (t.fmt or "").ljust(ncol, "t")
    rel = t.widths or [3.0 if c == 0 else 1.4 for c in range(ncol)]
    tot = sum(rel)
    widths = [width * w / tot for w in rel]
    data: list[list[Any]] = []
    if t.header:
        data.append([_para(h, ss.head) if len(h) > 14 else h for h in t.header])
    for i, row in enumerate(t.rows):
        bold = i >= len(t.rows) - t.total
        cells: list[Any] = []
        for c in range(ncol):
            v = row[c] if c < len(row) else ""
            txt = fmt_cell(v, fmt[c], lang)
            if isinstance(v, (int, float)) or fmt[c] != "t":
                cells.append(_para(txt, ss.cell_r) if len(txt) > 16 else txt)
            elif len(txt) * st.size * 0.5 > widths[c] or "\n" in txt:
                cells.append(_para(txt, ss.cell_b if bold else ss.cell))
            else:
                cells.append(txt)
        data.append(cells)
    tbl = RLTable(data, colWidths=widths, repeatRows=1 if t.header else 0, hAlign="LEFT")
    style = _table_style(st, len(data), t.total, bool(t.header))
    for c in range(ncol):
        if fmt[c] != "t":
            style.add("ALIGN", (c, 0), (c, -1), "RIGHT")
    tbl.setStyle(style)
    out: list[Flowable] = []
    if t.title:
        out.append(_para(t.title, ss.by_name["bold"]))
    out += [tbl, Spacer(1, st.size * 0.8)]
    return out


def _flow(doc: Doc, st: Style, ss: _Styles, width: float) -> list[Flowable]:
    fl: list[Flowable] = []
    if doc.head_left or doc.head_right:
        left = _para(
            "\n".join(doc.head_left), ss.by_name["small" if len(doc.head_left) > 5 else "normal"]
        )
        right = _para("\n".join(doc.head_right), ss.by_name["normal"])
        ht = RLTable([[left, right]], colWidths=[width * 0.55, width * 0.45])
        ht.setStyle(
            TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)])
        )
        if st.head_layout == "stacked":
            # letterhead on top, recipient block indented below it, as in many French letters
            ht = RLTable([[left, ""], ["", right]], colWidths=[width * 0.5, width * 0.5])
            ht.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
        elif st.head_layout == "banner" and doc.head_left:
            banner = ParagraphStyle("bn", parent=ss.h1, textColor=colors.white, spaceBefore=0)
            top = RLTable([[_para(doc.head_left[0], banner)]], colWidths=[width])
            top.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), st.accent)]))
            fl.append(top)
        fl += [ht, Spacer(1, st.size * 1.5)]
    if doc.title:
        fl.append(_para(doc.title.upper() if st.upper_headings else doc.title, ss.title))
    if doc.title_sub:
        fl.append(
            _para(doc.title_sub, ParagraphStyle("ts", parent=ss.normal, alignment=st.title_align))
        )
    for blk in doc.blocks:
        if isinstance(blk, H):
            text = blk.text.upper() if st.upper_headings and blk.level == 1 else blk.text
            fl.append(_para(text, ss.h1 if blk.level == 1 else ss.h2))
        elif isinstance(blk, P):
            style = ss.by_name.get(blk.style, ss.normal)
            if blk.align != "justify":
                style = ParagraphStyle("a", parent=style, alignment=_ALIGN[blk.align])
            fl.append(_para(blk.text, style))
        elif isinstance(blk, KV):
            rows = [[_para(k, ss.cell_b), _para(v, ss.cell)] for k, v in blk.pairs]
            if rows:
                kt = RLTable(rows, colWidths=[width * 0.36, width * 0.64], hAlign="LEFT")
                cmds: list[tuple[Any, ...]] = [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("TOPPADDING", (0, 0), (-1, -1), 1),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                ]
                if blk.boxed:
                    cmds.append(("BOX", (0, 0), (-1, -1), 0.6, colors.black))
                if st.table == "grid":
                    cmds.append(("INNERGRID", (0, 0), (-1, -1), 0.25, colors.lightgrey))
                kt.setStyle(TableStyle(cmds))
                fl += [kt, Spacer(1, st.size * 0.8)]
        elif isinstance(blk, Table):
            fl += _table(blk, st, ss, width, doc.lang)
        elif isinstance(blk, Bullets):
            for n, item in enumerate(blk.items, 1):
                mark = f"{n}." if blk.ordered else "•"
                fl.append(
                    Paragraph(
                        f"{mark} {escape(item)}",
                        ParagraphStyle(
                            "li", parent=ss.normal, leftIndent=14, firstLineIndent=-10, spaceAfter=2
                        ),
                    )
                )
        elif isinstance(blk, Sign):
            n = max(1, len(blk.parties))
            cells = [_para("\n".join(p), ss.normal) for p in blk.parties]
            sig = RLTable([cells], colWidths=[width / n] * n, rowHeights=None)
            sig.setStyle(
                TableStyle(
                    [("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOTTOMPADDING", (0, 0), (-1, -1), 30)]
                )
            )
            fl += [Spacer(1, st.size), KeepTogether([sig])]
        elif isinstance(blk, Box):
            inner: list[Any] = []
            if blk.title:
                inner.append([_para(blk.title, ss.cell_b)])
            inner += [[_para(line, ss.cell)] for line in blk.lines]
            bt = RLTable(inner, colWidths=[width * 0.96])
            bt.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 1, st.accent)]))
            fl += [bt, Spacer(1, st.size * 0.8)]
        elif isinstance(blk, Space):
            fl.append(Spacer(1, blk.h))
        elif isinstance(blk, Break):
            fl.append(PageBreak())
    return fl


def render_pdf(doc: Doc, rng: random.Random, meta_seed: str) -> bytes:
    """Render `doc` to PDF bytes in a style drawn from `rng`."""
    st = draw_style(rng, doc)
    ss = _Styles(st)
    buf = io.BytesIO()
    pw, ph = st.page
    m = st.margin
    footer_style = rng.choice(["Page {n}", "{n}", "- {n} -", "Page {n} sur le document", ""])
    if doc.lang == "en" and "Page" not in footer_style:
        footer_style = rng.choice(["Page {n}", "{n}"])

    def on_page(canv: Any, d: Any) -> None:
        canv.saveState()
        canv.setFont(st.fonts[0], st.size * 0.75)
        if doc.header:
            canv.drawString(m, ph - m * 0.6, doc.header)
            canv.setStrokeColor(st.accent)
            canv.line(m, ph - m * 0.6 - 3, pw - m, ph - m * 0.6 - 3)
        if doc.footer:
            canv.drawString(m, m * 0.45, doc.footer[:160])
        if footer_style:
            canv.drawRightString(
                pw - m,
                m * 0.45 - (st.size if doc.footer else 0) * 0,
                footer_style.format(n=d.page).replace(" sur le document", ""),
            )
        canv.restoreState()

    width = pw - 2 * m
    if st.columns == 2:
        gap = 6 * mm
        cw = (width - gap) / 2
        frames = [
            Frame(m, m, cw, ph - 2 * m, id="c1"),
            Frame(m + cw + gap, m, cw, ph - 2 * m, id="c2"),
        ]
        width = cw
    else:
        frames = [Frame(m, m, width, ph - 2 * m, id="f")]
    tpl = BaseDocTemplate(
        buf,
        pagesize=st.page,
        leftMargin=m,
        rightMargin=m,
        topMargin=m,
        bottomMargin=m,
        title=doc.title[:80],
        author=rng.choice(["", "", doc.head_left[0] if doc.head_left else ""]),
        creator=rng.choice(["", "Microsoft Word", "LibreOffice", "ReportLab"]),
        invariant=1,
    )
    tpl.addPageTemplates([PageTemplate(id="p", frames=frames, onPage=on_page)])
    tpl.build(_flow(doc, st, ss, width))
    _ = meta_seed
    return buf.getvalue()
