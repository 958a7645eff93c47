"""Word (python-docx) and Excel (openpyxl) rendering of a `Doc`.

Both formats are zip files whose entries carry the current time and whose core properties
carry creation dates; `_freeze_zip` rewrites them with fixed values so that the same seed gives
the same bytes.
"""

from __future__ import annotations

import io
import random
import re
import zipfile

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from .model import KV, Box, Break, Bullets, Doc, H, P, Sign, Space, Table, fmt_cell

_FIXED = (2020, 1, 1, 0, 0, 0)
_W3CDTF = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def _freeze_zip(data: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = _W3CDTF.sub(rb"\g<1>2020-01-01T00:00:00Z\g<2>", body)
            zi = zipfile.ZipInfo(info.filename, date_time=_FIXED)
            zi.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(zi, body)
    return out.getvalue()


_DOCX_FONTS = [
    "Calibri",
    "Arial",
    "Times New Roman",
    "Cambria",
    "Garamond",
    "Verdana",
    "Century Gothic",
]


def render_docx(doc: Doc, rng: random.Random) -> bytes:
    d = Document()
    normal = d.styles["Normal"]
    normal.font.name = rng.choice(_DOCX_FONTS)
    normal.font.size = Pt(rng.choice([9, 10, 10, 11, 11, 12]))
    table_style = rng.choice(
        [
            "Table Grid",
            "Light Grid Accent 1",
            "Light List Accent 1",
            "Table Grid",
            "Medium Shading 1 Accent 1",
            "Light Shading",
        ]
    )
    sec = d.sections[0]
    if doc.header:
        sec.header.paragraphs[0].text = doc.header
    if doc.footer:
        sec.footer.paragraphs[0].text = doc.footer
    if doc.head_left or doc.head_right:
        t = d.add_table(rows=1, cols=2)
        t.cell(0, 0).text = "\n".join(doc.head_left)
        t.cell(0, 1).text = "\n".join(doc.head_right)
    if doc.title:
        if rng.random() < 0.5:
            d.add_heading(doc.title, level=0)
        else:
            p = d.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            r = p.add_run(doc.title)
            r.bold = True
            r.font.size = Pt(16)
    if doc.title_sub:
        d.add_paragraph(doc.title_sub).alignment = WD_ALIGN_PARAGRAPH.CENTER
    for blk in doc.blocks:
        if isinstance(blk, H):
            d.add_heading(blk.text, level=min(blk.level, 3))
        elif isinstance(blk, P):
            p = d.add_paragraph()
            r = p.add_run(blk.text)
            r.bold = blk.style in ("bold", "big")
            r.italic = blk.style == "italic"
            if blk.align in ("center", "right"):
                p.alignment = (
                    WD_ALIGN_PARAGRAPH.CENTER if blk.align == "center" else WD_ALIGN_PARAGRAPH.RIGHT
                )
            elif blk.align == "justify":
                p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        elif isinstance(blk, KV):
            t = d.add_table(rows=0, cols=2)
            t.style = "Table Grid" if blk.boxed else None
            for k, v in blk.pairs:
                cells = t.add_row().cells
                cells[0].text, cells[1].text = k, v
        elif isinstance(blk, Table):
            if blk.title:
                d.add_paragraph().add_run(blk.title).bold = True
            ncol = max(len(blk.header), max((len(r) for r in blk.rows), default=1))
            fmt = blk.fmt.ljust(ncol, "t")
            t = d.add_table(rows=0, cols=ncol)
            try:
                t.style = table_style
            except (KeyError, ValueError):
                t.style = "Table Grid"
            if blk.header:
                for c, h in zip(t.add_row().cells, blk.header, strict=False):
                    c.text = h
            for row in blk.rows:
                for i, c in enumerate(t.add_row().cells):
                    c.text = fmt_cell(row[i], fmt[i], doc.lang) if i < len(row) else ""
        elif isinstance(blk, Bullets):
            for item in blk.items:
                d.add_paragraph(item, style="List Number" if blk.ordered else "List Bullet")
        elif isinstance(blk, Sign):
            t = d.add_table(rows=1, cols=max(1, len(blk.parties)))
            for c, lines in zip(t.rows[0].cells, blk.parties, strict=False):
                c.text = "\n".join(lines) + "\n\n\n"
        elif isinstance(blk, Box):
            t = d.add_table(rows=1, cols=1)
            t.style = "Table Grid"
            t.cell(0, 0).text = "\n".join(([blk.title] if blk.title else []) + blk.lines)
        elif isinstance(blk, Space):
            d.add_paragraph("")
        elif isinstance(blk, Break):
            d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    cp = d.core_properties
    cp.author = rng.choice(["", "Utilisateur", doc.head_left[0] if doc.head_left else ""])
    cp.title = doc.title[:80]
    buf = io.BytesIO()
    d.save(buf)
    return _freeze_zip(buf.getvalue())


_MONEY_FMT = {"fr": '#,##0.00 "€"', "en": '"€"#,##0.00'}
_FMTS = {"n": "#,##0", "d": "#,##0.00", "p": "0.0%"}


def _sheet_block(
    ws: Worksheet, row: int, blk: object, lang: str, bold: Font, fill: PatternFill
) -> int:
    if isinstance(blk, H):
        ws.cell(row, 1, blk.text).font = bold
        return row + 1
    if isinstance(blk, P):
        ws.cell(row, 1, blk.text[:400])
        return row + 1
    if isinstance(blk, KV):
        for k, v in blk.pairs:
            ws.cell(row, 1, k).font = bold
            ws.cell(row, 2, v)
            row += 1
        return row + 1
    if isinstance(blk, Table):
        if blk.title:
            ws.cell(row, 1, blk.title).font = bold
            row += 1
        if blk.header:
            for c, h in enumerate(blk.header, 1):
                cell = ws.cell(row, c, h)
                cell.font, cell.fill = bold, fill
                cell.alignment = Alignment(wrap_text=True)
            row += 1
        fmt = blk.fmt
        for i, r in enumerate(blk.rows):
            for c, value in enumerate(r, 1):
                f = fmt[c - 1] if c - 1 < len(fmt) else "t"
                is_num = isinstance(value, (int, float))
                val: object = value / 100 if f == "p" and not isinstance(value, str) else value
                cell = ws.cell(row, c, val)
                if is_num:
                    cell.number_format = (
                        _MONEY_FMT.get(lang, _MONEY_FMT["fr"])
                        if f == "m"
                        else _FMTS.get(f, "General")
                    )
                if i >= len(blk.rows) - blk.total:
                    cell.font = bold
            row += 1
        return row + 1
    if isinstance(blk, (Bullets, Box)):
        items = blk.items if isinstance(blk, Bullets) else blk.lines
        for it in items:
            ws.cell(row, 1, f"- {it}")
            row += 1
        return row + 1
    if isinstance(blk, Sign):
        for c, lines in enumerate(blk.parties, 1):
            ws.cell(row, c, " / ".join(lines))
        return row + 2
    return row


def render_xlsx(doc: Doc, rng: random.Random) -> bytes:
    """Tables go on one sheet, or one sheet per table when the rng says so (as analysts do)."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    bold = Font(bold=True, name=rng.choice(["Calibri", "Arial", "Aptos"]))
    fill = PatternFill(
        "solid", fgColor=rng.choice(["DDEBF7", "E2EFDA", "FCE4D6", "D9D9D9", "FFF2CC"])
    )
    split = rng.random() < 0.4 and sum(isinstance(b, Table) for b in doc.blocks) > 1
    ws.title = (doc.title[:28] or "Feuil1").replace("/", "-").replace(":", "")
    row = 1
    for line in doc.head_left[:3]:
        ws.cell(row, 1, line)
        row += 1
    ws.cell(row, 1, doc.title).font = Font(bold=True, size=14)
    row += 1
    if doc.title_sub:
        ws.cell(row, 1, doc.title_sub)
        row += 1
    row += 1
    n_tables = 0
    for blk in doc.blocks:
        if split and isinstance(blk, Table):
            n_tables += 1
            if n_tables > 1:
                ws = wb.create_sheet((blk.title or f"Tableau {n_tables}")[:28].replace("/", "-"))
                row = 1
        row = _sheet_block(ws, row, blk, doc.lang, bold, fill)
    for sheet in wb.worksheets:
        sheet.column_dimensions["A"].width = rng.choice([28, 34, 40])
        for c in range(2, 16):
            sheet.column_dimensions[get_column_letter(c)].width = rng.choice([12, 14, 16])
    wb.properties.creator = rng.choice(["", "openpyxl", "Microsoft Excel"])
    buf = io.BytesIO()
    wb.save(buf)
    return _freeze_zip(buf.getvalue())
