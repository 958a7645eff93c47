"""The synthetic training corpus: every category, files that open, valid identifiers,
determinism, scans without a text layer, and the `corpus generate` command's errors."""

from __future__ import annotations

import csv
import io
import random
import re
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from docx import Document
from openpyxl import load_workbook
from PIL import Image

from ilot.docai.corpus import COLUMNS, categories, generate_corpus
from ilot.docai.corpus import identifiers as ids
from ilot.docai.corpus.fakes import words_fr, world
from ilot.docai.corpus.generate import make_one
from ilot.docai.corpus.registry import REGISTRY
from ilot.docai.corpus.render_pdf import render_pdf
from ilot.docai.corpus.templates.kyc import mrz_check
from ilot.workflows.taxonomy import category_codes

SEED = 11
# templates that are blank or nearly so on purpose (AUTRE)
LOW_TEXT = {"page_blanche", "photo_objet"}


def _rows(labels: Path) -> list[dict[str, str]]:
    with labels.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def text_of(path: Path) -> str:
    """Text layer as the pipeline would see it (empty for images)."""
    ext = path.suffix
    if ext == ".pdf":
        pdf = pdfium.PdfDocument(str(path))
        try:
            return "\n".join(page.get_textpage().get_text_range() for page in pdf)
        finally:
            pdf.close()
    if ext == ".docx":
        d = Document(str(path))
        cells = [c.text for t in d.tables for r in t.rows for c in r.cells]
        return "\n".join([p.text for p in d.paragraphs] + cells)
    if ext == ".xlsx":
        wb = load_workbook(str(path), read_only=True)
        return "\n".join(
            str(v)
            for ws in wb.worksheets
            for row in ws.iter_rows(values_only=True)
            for v in row
            if v is not None
        )
    return ""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    generate_corpus(out, per_class=2, seed=SEED, workers=2)
    return out


@pytest.fixture(scope="module")
def corpus_small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same seed through the command line, one document per class, one process."""
    out = tmp_path_factory.mktemp("corpus1") / "cli"
    stdout = io.StringIO()
    call_command(
        "corpus",
        "generate",
        "--out",
        str(out),
        "--per-class",
        "1",
        "--seed",
        str(SEED),
        "--workers",
        "1",
        stdout=stdout,
    )
    assert "49 documents" in stdout.getvalue()
    return out


def test_registry_covers_the_taxonomy_with_several_templates_each() -> None:
    assert set(categories()) == set(category_codes())
    assert len(categories()) == 49
    names = [t.name for ts in REGISTRY.values() for t in ts]
    assert len(names) == len(set(names)), "template names are used as CV groups: keep them unique"
    for cat, tpls in REGISTRY.items():
        assert len(tpls) >= 3, cat
    assert len(REGISTRY["AUTRE"]) >= 7


def test_labels_list_every_category_and_existing_files(corpus: Path) -> None:
    rows = _rows(corpus / "labels.tsv")
    header = (corpus / "labels.tsv").read_text(encoding="utf-8").splitlines()[0].split("\t")
    assert tuple(header) == COLUMNS
    assert len(rows) == 49 * 2
    assert {r["category"] for r in rows} == set(category_codes())
    for r in rows:
        assert r["file"].startswith(f"files/{r['category']}/")
        assert (corpus / r["file"]).is_file()
        assert r["scanned"] in ("yes", "no")
    listed = {r["file"] for r in rows}
    on_disk = {str(p.relative_to(corpus)) for p in (corpus / "files").rglob("*") if p.is_file()}
    assert listed == on_disk


def test_every_file_opens_in_its_format(corpus: Path) -> None:
    formats = set()
    for r in _rows(corpus / "labels.tsv"):
        path = corpus / r["file"]
        formats.add(r["format"])
        if r["format"] == "pdf":
            pdf = pdfium.PdfDocument(str(path))
            assert len(pdf) >= 1
            text = text_of(path)
            if r["scanned"] == "yes":
                assert text.strip() == "", f"{path}: a scan must have no text layer"
            elif r["template"] not in LOW_TEXT:
                assert len(text.strip()) > 30, path
            pdf.close()
        elif r["format"] == "docx":
            assert r["template"] in LOW_TEXT or text_of(path).strip()
        elif r["format"] == "xlsx":
            assert text_of(path).strip()
        else:
            assert r["scanned"] == "yes"
            with Image.open(path) as img:
                assert img.mode == "L"
                assert max(img.size) <= 1700
    assert {"pdf", "docx"} <= formats


_FR_IBAN = re.compile(r"\bFR\d{2}(?: ?[0-9]{4}){5} ?[0-9]{3}\b")


def _pdf_text(data: bytes) -> str:
    pdf = pdfium.PdfDocument(data)
    text = "".join(p.get_textpage().get_text_range() for p in pdf)
    pdf.close()
    return text


def test_every_rib_template_prints_a_valid_iban() -> None:
    # Born-digital, so the check does not depend on which documents a seed renders as scans.
    for t in REGISTRY["RIB"]:
        for i in range(3):
            rng = random.Random(f"{t.name}:{i}")
            text = _pdf_text(render_pdf(t.fn(world(rng), rng), rng, "iban"))
            found = _FR_IBAN.findall(text) or re.findall(r"\bFR\d{2}[0-9 ]{23,29}\b", text)
            assert found, (t.name, text[:300])
            assert all(ids.iban_ok(m) for m in _FR_IBAN.findall(text)), t.name


def test_identifiers_in_documents_are_valid(corpus: Path) -> None:
    ibans = sirets = vats = 0
    for r in _rows(corpus / "labels.tsv"):
        text = text_of(corpus / r["file"])
        for m in _FR_IBAN.finditer(text):
            assert ids.iban_ok(m.group(0)), m.group(0)
            ibans += 1
        for m in re.finditer(r"SIRET:? (\d{14})\b", text):
            assert ids.luhn_ok(m.group(1)), m.group(1)
            sirets += 1
        for m in re.finditer(r"\bFR\d{11}\b", text):
            assert ids.vat_ok(m.group(0)), m.group(0)
            vats += 1
    # How many IBANs a 98-document corpus prints depends on which templates and scans the seed
    # draws; every RIB template is checked on its own above.
    assert ibans >= 1 and sirets >= 3 and vats >= 3, (ibans, sirets, vats)


def test_identifier_generators_and_known_values() -> None:
    assert ids.luhn_ok("732829320")
    assert ids.iban_ok("FR7630006000011234567890189")
    assert ids.vat_fr("404833048") == "FR83404833048"
    assert mrz_check("L898902C3") == "6" and mrz_check("740812") == "2"
    rng = random.Random(3)
    for _ in range(200):
        s = ids.siren(rng)
        assert len(s) == 9 and ids.luhn_ok(s)
        siret = ids.siret(rng, s)
        assert len(siret) == 14 and ids.luhn_ok(siret) and siret.startswith(s)
        assert ids.vat_ok(ids.vat_fr(s))
        iban, bank, branch, account, key = ids.iban_fr(rng, "30004")
        assert len(iban) == 27 and ids.iban_ok(iban)
        assert (89 * int(bank) + 15 * int(branch) + 3 * int(account) + int(key)) % 97 == 0
    assert words_fr(1_234_567) == "un-million-deux-cent-trente-quatre-mille-cinq-cent-soixante-sept"
    assert words_fr(80) == "quatre-vingts" and words_fr(71) == "soixante-et-onze"


def test_same_seed_same_documents(corpus: Path, corpus_small: Path) -> None:
    # Each document is seeded by (seed, category, index): the first document of each category
    # must not depend on per_class nor on the number of worker processes.
    small = _rows(corpus_small / "labels.tsv")
    big = {r["file"]: r for r in _rows(corpus / "labels.tsv")}
    for r in small:
        assert big[r["file"]] == r
        a, b = corpus_small / r["file"], corpus / r["file"]
        assert text_of(a) == text_of(b)
        assert a.read_bytes() == b.read_bytes(), r["file"]


def test_other_seed_other_documents(tmp_path: Path) -> None:
    cats = categories()[:12]
    a = [make_one(c, 0, SEED, str(tmp_path / "a")) for c in cats]
    b = [make_one(c, 0, SEED + 1, str(tmp_path / "b")) for c in cats]
    differ = sum(
        text_of(tmp_path / "a" / x[0]) != text_of(tmp_path / "b" / y[0])
        for x, y in zip(a, b, strict=True)
    )
    assert differ >= 10


def test_every_template_renders_to_pdf_with_text() -> None:
    for cat, tpls in REGISTRY.items():
        for t in tpls:
            rng = random.Random(t.name)
            doc = t.fn(world(rng), rng)
            data = render_pdf(doc, rng, "test")
            pdf = pdfium.PdfDocument(data)
            text = "".join(p.get_textpage().get_text_range() for p in pdf)
            pdf.close()
            assert t.name in LOW_TEXT or len(text) > 50, (cat, t.name)


def test_command_writes_the_same_labels_as_the_api(corpus: Path, corpus_small: Path) -> None:
    # Same seed, same labels: the command's labels.tsv is, byte for byte, the API's rows of
    # the first document of each category.
    lines = (corpus / "labels.tsv").read_text(encoding="utf-8").splitlines()
    expected = [lines[0]] + [line for line in lines[1:] if "/0000." in line.split("\t")[0]]
    assert (corpus_small / "labels.tsv").read_bytes() == ("\n".join(expected) + "\n").encode()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--per-class", "0"], "at least 1"),
        (["--per-class", "-3"], "at least 1"),
    ],
)
def test_command_rejects_bad_counts(tmp_path: Path, args: list[str], message: str) -> None:
    with pytest.raises(CommandError, match=message):
        call_command("corpus", "generate", "--out", str(tmp_path / "x"), *args)


def test_command_refuses_non_empty_dir_without_force(tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("x")
    with pytest.raises(CommandError, match="not empty"):
        call_command("corpus", "generate", "--out", str(tmp_path), "--per-class", "1")
    afile = tmp_path / "afile"
    afile.write_text("x")
    with pytest.raises(CommandError, match="not a directory"):
        call_command("corpus", "generate", "--out", str(afile), "--per-class", "1")


def test_command_reports_unwritable_dir(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(CommandError, match="cannot write"):
        call_command("corpus", "generate", "--out", str(blocker / "sub"), "--per-class", "1")


def test_api_rejects_zero_per_class(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        generate_corpus(tmp_path, per_class=0, seed=1)
