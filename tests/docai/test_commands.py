"""The command-line contract: ``ilot train``, ``ilot eval``, ``ilot classify --json``."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ilot.docai import samples
from ilot.docai.pipeline import JSON_KEYS


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("docai")
    corpus = samples.tiny_corpus(root / "corpus", per_class=6)
    out = io.StringIO()
    call_command(
        "train",
        corpus=[corpus],
        seed=1,
        out=root / "model",
        folds=3,
        no_baseline=False,
        stdout=out,
        stderr=io.StringIO(),
    )
    assert "out-of-fold all" in out.getvalue()
    assert "paperless-ngx baseline" in out.getvalue()
    return root / "model"


def test_train_writes_a_versioned_artefact(model_dir: Path) -> None:
    meta = json.loads((model_dir / "metadata.json").read_text())
    for key in (
        "version",
        "training_data_sha256",
        "parameters",
        "code_version",
        "trained_at",
        "validation",
        "temperature",
        "threshold",
        "labels",
    ):
        assert key in meta
    assert meta["labels"] == sorted(samples.TINY_CLASSES)
    assert len(meta["training_data_sha256"]) == 64
    assert meta["validation"]["subsets"]["all"]["n"] == 24
    assert "ECE" in (model_dir / "card.md").read_text()


def test_train_never_replaces_a_model_silently(model_dir: Path, settings: Any) -> None:
    corpus = model_dir.parent / "corpus"
    before = (model_dir / "model.joblib").read_bytes()
    with pytest.raises(CommandError, match="already holds a model"):
        call_command("train", corpus=[corpus], seed=1, out=model_dir, folds=3, no_baseline=True)
    assert (model_dir / "model.joblib").read_bytes() == before
    # Under the registered models' root even --overwrite is refused: artefacts are immutable.
    settings.ILOT_DOCAI_MODELS_DIR = model_dir.parent
    with pytest.raises(CommandError, match="registered"):
        call_command(
            "train",
            corpus=[corpus],
            seed=1,
            out=model_dir,
            folds=3,
            no_baseline=True,
            overwrite=True,
        )
    assert (model_dir / "model.joblib").read_bytes() == before


def test_eval_prints_metrics_and_writes_json(model_dir: Path, tmp_path: Path) -> None:
    corpus = model_dir.parent / "corpus"
    out = io.StringIO()
    call_command(
        "eval",
        corpus=corpus,
        model=model_dir,
        json_out=tmp_path / "r.json",
        stdout=out,
        stderr=io.StringIO(),
    )
    text = out.getvalue()
    for word in ("accuracy", "macro-F1", "coverage", "precision of auto-accepted", "FACTURE"):
        assert word in text
    report = json.loads((tmp_path / "r.json").read_text())
    assert set(report["per_class"]) >= set(samples.TINY_CLASSES)
    assert 0 <= report["coverage"] <= 1 and "confused" in report


def test_classify_json_lines_contract(model_dir: Path, tmp_path: Path) -> None:
    good = samples.write(
        tmp_path / "facture.pdf", samples.text_pdf([samples.tiny_texts("FACTURE", 99)])
    )
    empty = samples.write(tmp_path / "empty.pdf", b"")
    rib = samples.write(tmp_path / "rib.pdf", samples.text_pdf([samples.tiny_texts("RIB", 98)]))
    env = dict(os.environ, ILOT_DOCAI_MODEL_DIR=str(model_dir), ILOT_TESTING="1")
    proc = subprocess.run(
        [sys.executable, "-m", "ilot", "classify", "--json", str(good), str(empty), str(rib)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    lines = [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
    assert len(lines) == 3
    ok, bad, rib_line = lines
    assert tuple(ok) == JSON_KEYS and tuple(rib_line) == JSON_KEYS
    assert ok["category"] == "FACTURE" and rib_line["category"] == "RIB"
    assert len(ok["top"]) >= 3 and all(len(pair) == 2 for pair in ok["top"])
    assert 0 <= ok["confidence"] <= 1 and isinstance(ok["needs_review"], bool)
    assert ok["model_version"] == json.loads((model_dir / "metadata.json").read_text())["version"]
    assert ok["pages"] == 1 and ok["ocr_pages"] == 0 and isinstance(ok["fields"], dict)
    assert bad["path"] == str(empty) and "empty" in bad["error"]
