"""Labelled corpora (``labels.tsv`` + files) turned into classifier inputs, with a text cache.

A corpus directory holds ``labels.tsv`` with at least ``file`` (relative to the directory) and
``category``. Real-document corpora also have ``source_repo``: documents of one source are one
group for cross-validation, so that a source is never both in training and validation.
Extraction (and OCR) results are cached by file SHA-256, since OCR dominates the cost of
training and evaluation runs.
"""

from __future__ import annotations

import csv
import hashlib
import json
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .features import DocInput
from .ocr import ocr_workers

CACHE_VERSION = "1"


@dataclass
class Sample:
    path: Path
    category: str
    group: str
    real: bool
    sha256: str
    doc: DocInput
    error: str | None = None


def read_labels(corpus: Path) -> list[dict[str, str]]:
    with (corpus / "labels.tsv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    for row in rows:
        if "file" not in row or "category" not in row:
            raise ValueError(f"{corpus}/labels.tsv needs the columns file and category")
    return rows


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def cache_dir() -> Path:
    return Path(os.environ.get("ILOT_DOCAI_CACHE", "var/cache/docai"))


def _extract_one(path_str: str, sha: str, use_cache: bool) -> tuple[DocInput, str | None]:
    from .pipeline import Pipeline

    cache = cache_dir() / "extract" / f"{sha}-v{CACHE_VERSION}.json"
    if use_cache and cache.is_file():
        data = json.loads(cache.read_text(encoding="utf-8"))
        return DocInput(**data["doc"]), data.get("error")
    result = Pipeline.default(workers=1, fields=False).run(Path(path_str))
    doc = DocInput(
        text=result.text,
        pages=result.pages,
        ocr_pages=result.ocr_pages,
        kind=result.kind or "unknown",
    )
    if use_cache:
        cache.parent.mkdir(parents=True, exist_ok=True)
        payload = {"doc": doc.__dict__, "error": result.error}
        cache.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    return doc, result.error


def load_corpus(
    corpus: Path, *, use_cache: bool = True, workers: int | None = None
) -> list[Sample]:
    """Extract (and OCR) every listed file; documents in parallel, one process each."""
    corpus = Path(corpus)
    rows = read_labels(corpus)
    real = bool(rows) and "source_repo" in rows[0]
    items: list[tuple[Path, dict[str, str], str]] = []
    for row in rows:
        path = corpus / row["file"]
        if not path.is_file():
            continue
        items.append((path, row, sha256_file(path)))
    workers = workers or ocr_workers()
    if workers > 1 and len(items) > 1:
        ctx = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
        with ProcessPoolExecutor(workers, mp_context=ctx) as pool:
            outs = list(
                pool.map(
                    _extract_one,
                    [str(p) for p, _, _ in items],
                    [s for _, _, s in items],
                    [use_cache] * len(items),
                    chunksize=4,
                )
            )
    else:
        outs = [_extract_one(str(p), s, use_cache) for p, _, s in items]
    samples: list[Sample] = []
    for (path, row, sha), (doc, error) in zip(items, outs, strict=True):
        if real:
            group = "repo:" + row.get("source_repo", "")
        else:
            group = row.get("template") or row.get("group") or f"file:{row['file']}"
        samples.append(
            Sample(
                path=path,
                category=row["category"].strip(),
                group=group,
                real=real,
                sha256=sha,
                doc=doc,
                error=error,
            )
        )
    return samples
