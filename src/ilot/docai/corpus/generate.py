"""Corpus generation: pick a template and an output format per document, render, label.

Every document gets its own random generator seeded from (seed, category, index), so the
result does not depend on process scheduling: the same seed gives the same files and a
byte-identical `labels.tsv`, with one or many worker processes.
"""

from __future__ import annotations

import os
import random
import shutil
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from . import fakes
from .registry import REGISTRY, Template
from .render_office import render_docx, render_xlsx
from .render_pdf import families, render_pdf
from .render_scan import render_scan
from .templates import annexes

# Relative weights of output formats among those a template allows; scans are drawn first
# with the template's own probability.
_WEIGHTS = {"pdf": 0.72, "docx": 0.18, "xlsx": 0.45}
COLUMNS = ("file", "category", "template", "format", "scanned", "lang")


def categories() -> list[str]:
    from . import templates  # noqa: F401  (registers every template)

    return sorted(REGISTRY)


def _choose_format(t: Template, rng: random.Random) -> tuple[str, bool]:
    if rng.random() < t.scan:
        return rng.choice(["jpg", "png", "pdf", "pdf", "pdf"]), True
    fmts = [f for f in t.formats if f in _WEIGHTS]
    return rng.choices(fmts, weights=[_WEIGHTS[f] for f in fmts])[0], False


def make_one(category: str, index: int, seed: int, out_dir: str) -> tuple[str, ...]:
    """Generate document number `index` of `category`; return its labels row."""
    tpls = REGISTRY[category]
    base = random.Random(f"ilot-corpus:{seed}:{category}")
    offset = base.randrange(len(tpls))
    # Round-robin over templates so that even a small corpus covers all of them.
    t = tpls[(index + offset) % len(tpls)]
    rng = random.Random(f"ilot-corpus:{seed}:{category}:{index}")
    w = fakes.world(rng)
    doc = annexes.extend(category, t.fn(w, rng), w, rng)
    fmt, scanned = _choose_format(t, rng)
    if scanned:
        data = render_scan(doc, rng, fmt)
    elif fmt == "docx":
        data = render_docx(doc, rng)
    elif fmt == "xlsx":
        data = render_xlsx(doc, rng)
    else:
        data = render_pdf(doc, rng, f"{seed}:{category}:{index}")
    rel = f"files/{category}/{index:04d}.{fmt}"
    path = Path(out_dir) / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return rel, category, t.name, fmt, "yes" if scanned else "no", doc.lang


def _star(args: tuple[str, int, int, str]) -> tuple[str, ...]:
    return make_one(*args)


def generate_corpus(
    out_dir: Path, *, per_class: int, seed: int, workers: int | None = None
) -> Path:
    """Write `per_class` documents of every category under `out_dir/files/` and return the
    path of `out_dir/labels.tsv`. A previous `files/` folder and `labels.tsv` are replaced.
    """
    if per_class < 1:
        raise ValueError("per_class must be at least 1")
    out_dir = Path(out_dir)
    cats = categories()
    out_dir.mkdir(parents=True, exist_ok=True)
    if (out_dir / "files").exists():
        shutil.rmtree(out_dir / "files")
    jobs = [(c, i, seed, str(out_dir)) for c in cats for i in range(per_class)]
    n = workers if workers is not None else min(os.cpu_count() or 1, 8)
    if n <= 1 or len(jobs) < 60:
        rows = [_star(j) for j in jobs]
    else:
        families()  # register fonts before forking, once
        with ProcessPoolExecutor(max_workers=n) as pool:
            rows = list(pool.map(_star, jobs, chunksize=8))
    labels = out_dir / "labels.tsv"
    lines = ["\t".join(COLUMNS)] + ["\t".join(r) for r in sorted(rows)]
    labels.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return labels
