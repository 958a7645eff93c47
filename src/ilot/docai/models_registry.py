"""Versioned model artefacts on disk (no database): one directory per model version.

    <dir>/model.joblib    the fitted ``DocClassifier`` (features, linear model, temperature)
    <dir>/metadata.json   version, training-data SHA-256, parameters, code version, date,
                          validation metrics, calibration (ECE, reliability bins), threshold,
                          label set
    <dir>/card.md         the model card, rendered from the metadata (HTML via ``card_html``)

The active model is ``$ILOT_DOCAI_MODEL_DIR`` when set, else the committed default model.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import joblib

from .classifier import DocClassifier

DEFAULT_MODEL_DIR = Path(__file__).resolve().parent / "default_model"
MODEL_FILE, METADATA_FILE, CARD_FILE = "model.joblib", "metadata.json", "card.md"


@dataclass
class LoadedModel:
    classifier: DocClassifier
    metadata: dict[str, Any]
    directory: Path

    @property
    def version(self) -> str:
        return str(self.metadata.get("version", "unknown"))


def active_model_dir() -> Path:
    configured = os.environ.get("ILOT_DOCAI_MODEL_DIR", "").strip()
    return Path(configured) if configured else DEFAULT_MODEL_DIR


def training_data_hash(pairs: Iterable[tuple[str, str]]) -> str:
    """SHA-256 over the sorted (file SHA-256, label) pairs: same data, same hash, any order."""
    digest = hashlib.sha256()
    for file_hash, label in sorted(pairs):
        digest.update(f"{file_hash}\t{label}\n".encode())
    return digest.hexdigest()


def code_version() -> str:
    root = Path(__file__).resolve().parents[3]
    try:
        out = subprocess.run(
            ["git", "describe", "--always", "--dirty", "--tags"],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        )
        if out.returncode == 0 and out.stdout.strip():
            return out.stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        pass
    from importlib.metadata import PackageNotFoundError, version

    try:
        return "ilot-" + version("ilot")
    except PackageNotFoundError:
        return "unknown"


def save_model(classifier: DocClassifier, directory: Path, metadata: dict[str, Any]) -> Path:
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    # compress=3: zlib level 3 halves the dense float32 coefficients at ~no load-time cost.
    joblib.dump(classifier, directory / MODEL_FILE, compress=3)
    (directory / METADATA_FILE).write_text(
        json.dumps(metadata, indent=2, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8"
    )
    (directory / CARD_FILE).write_text(render_card(metadata), encoding="utf-8")
    load_model.cache_clear()
    return directory


@lru_cache(maxsize=4)
def load_model(directory: Path | None = None) -> LoadedModel:
    directory = Path(directory) if directory is not None else active_model_dir()
    model_path = directory / MODEL_FILE
    if not model_path.is_file():
        raise FileNotFoundError(f"no docai model in {directory} (run `ilot train`)")
    classifier = joblib.load(model_path)  # artefacts are produced by `ilot train`, never uploaded
    metadata = json.loads((directory / METADATA_FILE).read_text(encoding="utf-8"))
    classifier.threshold = float(metadata.get("threshold", classifier.threshold))
    return LoadedModel(classifier=classifier, metadata=metadata, directory=directory)


# --------------------------------------------------------------------------- model card


def _table(rows: list[list[str]], header: list[str]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def _fmt(value: Any) -> str:
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def render_card(meta: dict[str, Any]) -> str:
    val = meta.get("validation", {})
    out = [
        f"# Model card — Ilot document classifier `{meta.get('version')}`",
        "",
        "## What it does",
        "Assigns each document to one of the categories of `taxonomy.yaml` with a calibrated",
        "confidence, top-3 alternatives and the features that weighed most. Below the threshold",
        f"(**{_fmt(meta.get('threshold'))}**, env `ILOT_DOCAI_THRESHOLD`) it marks the document",
        "*needs review* for a human instead of filing it.",
        "",
        "## Model",
        f"- Algorithm: {meta.get('algorithm')}",
        f"- Parameters: `{json.dumps(meta.get('parameters', {}), sort_keys=True)}`",
        f"- Temperature (calibration): {_fmt(meta.get('temperature'))}",
        f"- Labels ({len(meta.get('labels', []))}): {', '.join(meta.get('labels', []))}",
        f"- Code version: `{meta.get('code_version')}`; trained {meta.get('trained_at')}",
        f"- Seed: {meta.get('seed')}; reproduce with: `{meta.get('reproduce', '')}`",
        "",
        "## Training data",
        "- Training-data SHA-256 (sorted file hash, label pairs): "
        f"`{meta.get('training_data_sha256')}`",
        f"- Documents: {meta.get('training_documents')} "
        f"({meta.get('real_documents', 0)} real, {meta.get('generated_documents', 0)} generated)",
    ]
    for corpus in meta.get("corpora", []):
        out.append(f"- Corpus `{corpus.get('path')}`: {corpus.get('documents')} documents")
    out += [
        "",
        "## Validation (out-of-fold, never training accuracy)",
        str(val.get("protocol", "")),
        "",
    ]
    rows = []
    for name, block in val.get("subsets", {}).items():
        rows.append(
            [
                name,
                str(block.get("n")),
                _fmt(block.get("accuracy")),
                _fmt(block.get("macro_f1")),
                _fmt(block.get("coverage")),
                _fmt(block.get("auto_precision")),
                _fmt(block.get("ece")),
            ]
        )
    if rows:
        out.append(
            _table(
                rows,
                [
                    "subset",
                    "n",
                    "accuracy",
                    "macro-F1",
                    "coverage",
                    "auto-accepted precision",
                    "ECE",
                ],
            )
        )
    base = val.get("paperless_baseline")
    if base:
        out += [
            "",
            "Baseline, paperless-ngx's algorithm (CountVectorizer word 1-2 grams, "
            "min_df=0.01, MLPClassifier) on the same folds:",
            "",
        ]
        out.append(
            _table(
                [[k, _fmt(v.get("accuracy")), _fmt(v.get("macro_f1"))] for k, v in base.items()],
                ["subset", "accuracy", "macro-F1"],
            )
        )
    bins = val.get("reliability", [])
    if bins:
        out += ["", "Reliability (all out-of-fold predictions, after temperature scaling):", ""]
        out.append(
            _table(
                [
                    [
                        f"{b['lo']:.1f}-{b['hi']:.1f}",
                        str(b["n"]),
                        _fmt(b["confidence"]),
                        _fmt(b["accuracy"]),
                    ]
                    for b in bins
                    if b["n"]
                ],
                ["confidence bin", "n", "mean confidence", "accuracy"],
            )
        )
    confused = val.get("confused", [])
    if confused:
        out += [
            "",
            "Most confused pairs (true → predicted, count): "
            + ", ".join(f"{c['true']}→{c['predicted']} ({c['count']})" for c in confused[:10]),
        ]
    out += [
        "",
        "## Limits",
        "- Trained mostly on generated documents: wording outside the templates and unusual",
        "  layouts are the main risk; the real documents available are mostly invoices and RIBs.",
        "- OCR quality bounds accuracy on photos and poor scans; such documents tend to fall",
        "  below the threshold and go to human review, which is the intended behaviour.",
        "- Not for automated decisions without review of what falls below the threshold.",
        "",
    ]
    return "\n".join(out)


def card_html(markdown: str) -> str:
    """Minimal Markdown → HTML for the governance page (headings, lists, tables, code)."""
    out: list[str] = []
    in_list = in_table = False
    for raw in markdown.splitlines():
        line = html.escape(raw)
        if in_list and not raw.startswith("- ") and not raw.startswith("  "):
            out.append("</ul>")
            in_list = False
        if in_table and not raw.startswith("|"):
            out.append("</table>")
            in_table = False
        if raw.startswith("#"):
            level = len(raw) - len(raw.lstrip("#"))
            out.append(f"<h{level}>{line[level:].strip()}</h{level}>")
        elif raw.startswith("- "):
            if not in_list:
                out.append("<ul>")
                in_list = True
            out.append(f"<li>{line[2:]}</li>")
        elif raw.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if all(set(c) <= {"-", ":"} for c in cells):
                continue
            if not in_table:
                out.append("<table>")
                in_table = True
            out.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
        elif raw.strip():
            out.append(f"<p>{line}</p>")
    if in_list:
        out.append("</ul>")
    if in_table:
        out.append("</table>")
    import re

    return re.sub(r"`([^`]+)`", r"<code>\1</code>", "\n".join(out))
