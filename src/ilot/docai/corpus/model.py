"""Format-neutral document model: templates build a `Doc`, renderers turn it into files.

Keeping content and layout apart is what gives variety cheaply: every template's content can
come out as a born-digital PDF in one of many visual styles, a Word file, a spreadsheet or a
degraded scan.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Cell = str | int | float


@dataclass
class H:
    """A heading; level 1 is a section, level 2 a sub-section."""

    text: str
    level: int = 1


@dataclass
class P:
    """A paragraph. style: normal, small, bold, italic, big, mono."""

    text: str
    align: str = "justify"
    style: str = "normal"


@dataclass
class KV:
    """Label / value rows (identity blocks, summaries)."""

    pairs: list[tuple[str, str]]
    boxed: bool = False


@dataclass
class Table:
    """A table. fmt per column: t text, m money, n integer, d decimal, p percent."""

    header: list[str]
    rows: list[list[Cell]]
    fmt: str = ""
    total: int = 0
    widths: list[float] | None = None
    title: str = ""


@dataclass
class Bullets:
    items: list[str]
    ordered: bool = False


@dataclass
class Sign:
    """Signature blocks side by side, each a list of lines."""

    parties: list[list[str]]


@dataclass
class Box:
    """Framed text: stamps, CERFA headers, legal notices."""

    lines: list[str]
    title: str = ""


@dataclass
class Space:
    h: float = 8.0


@dataclass
class Break:
    pass


Block = H | P | KV | Table | Bullets | Sign | Box | Space | Break


@dataclass
class Doc:
    """One generated document.

    `head_left` / `head_right` are the letterhead and the recipient or reference block of the
    first page; `header` / `footer` repeat on every page.
    """

    title: str
    blocks: list[Block]
    lang: str = "fr"
    head_left: list[str] = field(default_factory=list)
    head_right: list[str] = field(default_factory=list)
    header: str = ""
    footer: str = ""
    landscape: bool = False
    title_sub: str = ""


# (thousands, decimal) separators by language
_SEPARATORS = {"fr": (" ", ","), "de": (".", ","), "nl": (".", ","), "en": (",", ".")}


def fmt_cell(value: Cell, f: str, lang: str, currency: bool = True) -> str:
    """Text of a cell as printed: numbers use the document's language conventions."""
    if isinstance(value, str):
        return value
    if value == 0:
        value = 0  # never print "-0"
    sep, dec = _SEPARATORS.get(lang, (",", "."))
    if f == "m":
        s = f"{value:,.2f}".replace(",", "\x00").replace(".", dec).replace("\x00", sep)
        if not currency:
            return s
        return f"€{s}" if lang == "en" else f"{s} €"
    if f == "p":
        return f"{value:.1f}".replace(".", dec) + " %"
    if f == "d":
        return f"{value:,.2f}".replace(",", "\x00").replace(".", dec).replace("\x00", sep)
    return f"{value:,.0f}".replace(",", sep)
