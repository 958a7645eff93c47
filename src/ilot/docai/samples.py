"""Small document makers for tests and benchmarks: born-digital PDFs, scans, bad files.

Kept dependency-free on purpose (a hand-written PDF with the standard Helvetica font, PIL for
scans, pypdfium2 to merge) so that tests and ``bench/docai.py`` build their own fixtures.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT_PATH = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"  # Debian fonts-dejavu-core


def _pdf_escape(line: str) -> bytes:
    raw = line.encode("cp1252", errors="replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def text_pdf(
    pages: Sequence[Sequence[str]], *, font_size: int = 11, reversed_text: bool = False
) -> bytes:
    """A born-digital PDF: one list of lines per A4 page, Helvetica, WinAnsi encoding.

    ``reversed_text`` writes every line backwards, like producers that emit right-to-left
    glyph runs: the text layer then exists but is unusable.
    """
    objects: list[bytes] = []
    kids: list[int] = []
    font_id = 3
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(b"")  # pages tree, filled in below
    objects.append(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    )
    for lines in pages:
        stream = io.BytesIO()
        stream.write(b"BT /F1 %d Tf %d TL 56 790 Td\n" % (font_size, int(font_size * 1.35)))
        for line in lines:
            text = line[::-1] if reversed_text else line
            stream.write(b"(" + _pdf_escape(text) + b") Tj T*\n")
        stream.write(b"ET\n")
        content = stream.getvalue()
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"endstream")
        content_id = len(objects)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
            b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (content_id, font_id)
        )
        kids.append(len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(kids),
    )
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets: list[int] = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def page_image(
    lines: Sequence[str],
    *,
    dpi: int = 200,
    rotate: int = 0,
    noise: bool = True,
    font_size_pt: float = 12,
) -> Image.Image:
    """Render lines as a scanned A4 page (grayscale, slight blur), optionally rotated 90/180/270."""
    width, height = int(8.27 * dpi), int(11.69 * dpi)
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT_PATH, int(font_size_pt * dpi / 72))
    y = int(0.8 * dpi)
    step = int(font_size_pt * 1.6 * dpi / 72)
    for line in lines:
        draw.text((int(0.8 * dpi), y), line, fill=20, font=font)
        y += step
        if y > height - dpi:
            break
    if noise:
        image = image.filter(ImageFilter.GaussianBlur(0.6))
    if rotate:
        image = image.rotate(rotate, expand=True, fillcolor=255)
    return image


def scan_pdf(pages: Sequence[Image.Image], dpi: int = 200) -> bytes:
    """An image-only PDF, like a scanner's output."""
    out = io.BytesIO()
    first, *rest = [p.convert("L") for p in pages]
    first.save(out, format="PDF", save_all=True, append_images=rest, resolution=float(dpi))
    return out.getvalue()


def merge_pdfs(parts: Sequence[bytes]) -> bytes:
    import pypdfium2 as pdfium

    merged = pdfium.PdfDocument.new()
    for part in parts:
        merged.import_pages(pdfium.PdfDocument(part))
    out = io.BytesIO()
    merged.save(out)
    return out.getvalue()


def blank_pdf(pages: int = 1) -> bytes:
    return text_pdf([[] for _ in range(pages)])


def encrypted_pdf(data: bytes, password: str = "secret") -> bytes:  # noqa: S107 (test fixture)
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=password, owner_password=password + "-owner")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


# Minimal vocabularies of four categories, enough for a classifier that tests can train in
# seconds; the real training corpus comes from ``ilot corpus generate``.
TINY_CLASSES: dict[str, list[str]] = {
    "FACTURE": [
        "FACTURE N° {n}",
        "Date de facture : 12/03/2024",
        "Total HT : {a},00 €",
        "TVA 20 % : {b},00 €",
        "Total TTC : {c},00 €",
        "Conditions de paiement : 30 jours",
        "Désignation Quantité Prix unitaire Montant HT",
    ],
    "RIB": [
        "RELEVÉ D'IDENTITÉ BANCAIRE",
        "Titulaire du compte : SCCV LES TILLEULS",
        "IBAN : FR76 3000 6000 0112 3456 7890 189",
        "BIC : AGRIFRPP",
        "Code banque Code guichet",
        "Numéro de compte Clé RIB",
        "Domiciliation : Agence de Lyon",
    ],
    "KBIS": [
        "Extrait Kbis",
        "Greffe du tribunal de commerce de Lyon",
        "Immatriculation au RCS",
        "Numéro d'identification : 421 938 861 R.C.S. Lyon",
        "Forme juridique : société civile",
        "Date d'immatriculation : 04/05/2019",
        "Gérant : Mme Dupont",
    ],
    "AUTRE": [
        "Lettre d'information",
        "Madame, Monsieur,",
        "Nous vous prions de trouver ci-joint",
        "notre brochure commerciale et nos actualités",
        "Veuillez agréer nos salutations",
        "Invitation à la réunion annuelle",
        "Programme de la journée portes ouvertes",
    ],
}


def tiny_texts(category: str, index: int) -> list[str]:
    import random

    rng = random.Random(f"{category}-{index}")
    lines = list(TINY_CLASSES[category])
    rng.shuffle(lines)
    keep = lines[: rng.randint(4, len(lines))]
    a = rng.randint(100, 9000)
    return [line.format(n=f"F{2024}-{index:04d}", a=a, b=a // 5, c=a + a // 5) for line in keep]


def tiny_corpus(out: Path, per_class: int = 8) -> Path:
    """A labelled corpus (labels.tsv + born-digital PDFs) of the four ``TINY_CLASSES``."""
    rows = ["file\tcategory\ttemplate"]
    for category in TINY_CLASSES:
        for i in range(per_class):
            rel = f"files/{category}/{i:03d}.pdf"
            write(out / rel, text_pdf([tiny_texts(category, i)]))
            rows.append(f"{rel}\t{category}\t{category}-{i % 3}")
    (out / "labels.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return out
