"""``ilot train`` and ``ilot eval`` logic, independent of Django.

Training is deterministic for a given seed and corpus: out-of-fold logits (grouped by template
for generated documents and by source repository for real ones, so that validation always
sees unseen templates and unseen sources) give the temperature, the threshold and the
validation metrics; then one model is fitted on everything.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from .classifier import (
    TARGET_PRECISION,
    DocClassifier,
    choose_threshold,
    fit_temperature,
    out_of_fold,
    softmax,
)
from .dataset import Sample, load_corpus
from .evaluation import (
    PaperlessBaseline,
    classification_report,
    expected_calibration_error,
    field_values,
    ground_truth,
    score_fields,
)
from .models_registry import code_version, save_model, training_data_hash

DEFAULT_C = 10.0
REAL_WEIGHT = 3.0  # real documents are rare and closest to production: count each one thrice
ALGORITHM = (
    "TF-IDF word 1-2 grams + char_wb 3-5 grams + title-zone word 1-3 grams + 13 layout/meta "
    "features + 98 category-lexicon features (phrase share, title hit; lexicon frozen in the "
    "model) -> multinomial LogisticRegression (class_weight=balanced) -> temperature scaling"
)


def load_samples(corpora: Sequence[Path], log: Callable[[str], None] = print) -> list[Sample]:
    samples: list[Sample] = []
    for corpus in corpora:
        loaded = load_corpus(Path(corpus))
        bad = [s for s in loaded if s.error]
        log(f"{corpus}: {len(loaded)} documents ({len(bad)} unreadable, kept out)")
        samples += [s for s in loaded if not s.error]
    return samples


def _subset_reports(
    y: np.ndarray, pred: np.ndarray, conf: np.ndarray, real: np.ndarray, threshold: float
) -> dict[str, Any]:
    out = {"all": classification_report(y, pred, conf, threshold)}
    for name, mask in (("generated", ~real), ("real", real)):
        if mask.any():
            out[name] = classification_report(y[mask], pred[mask], conf[mask], threshold)
    return out


def _slim(rep: dict[str, Any]) -> dict[str, Any]:
    keys = ("n", "accuracy", "macro_f1", "coverage", "auto_precision", "auto_accepted", "ece")
    return {k: rep[k] for k in keys}


def paperless_oof(texts: list[str], y: np.ndarray, folds: np.ndarray, seed: int) -> np.ndarray:
    pred = np.empty(len(y), dtype=object)
    for fold in np.unique(folds):
        test = folds == fold
        base = PaperlessBaseline(seed=seed).fit(
            [t for t, m in zip(texts, ~test, strict=True) if m], y[~test].tolist()
        )
        pred[test] = base.predict([t for t, m in zip(texts, test, strict=True) if m])
    return pred.astype(str)


def train(
    corpora: Sequence[Path],
    *,
    seed: int = 0,
    out: Path | None = None,
    c: float = DEFAULT_C,
    folds: int = 5,
    baseline: bool = True,
    overwrite: bool = False,
    protected: Path | None = None,
    log: Callable[[str], None] = print,
) -> tuple[Path, dict[str, Any]]:
    """Train on ``corpora`` and write the artefact to ``out`` (default var/models/<version>).

    An existing artefact is never replaced silently: retraining the same data with the same
    seed on the same day gives the same version, and its directory may hold a registered model
    that predictions refer to. ``overwrite`` allows replacing one (the committed default model
    is reproduced that way), except under ``protected`` (the registered models' root).
    """
    samples = load_samples(corpora, log)
    if len({s.category for s in samples}) < 2:
        raise ValueError("training needs documents of at least two categories")
    data_hash = training_data_hash((s.sha256, s.category) for s in samples)
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    version = f"docai-{now:%Y%m%d}-{data_hash[:8]}-s{seed}"
    target = Path(out) if out is not None else Path("var/models") / version
    _check_target(target, overwrite=overwrite, protected=protected)
    docs = [s.doc for s in samples]
    y = np.asarray([s.category for s in samples])
    real = np.asarray([s.real for s in samples])
    groups = [s.group for s in samples]
    weights = np.where(real, REAL_WEIGHT, 1.0)
    log(f"cross-validating on {len(samples)} documents ({int(real.sum())} real), {folds} folds")
    oof = out_of_fold(
        docs, y.tolist(), groups=groups, folds=folds, seed=seed, c=c, sample_weight=weights
    )
    index = {label: i for i, label in enumerate(oof.labels)}
    y_idx = np.asarray([index[v] for v in y])
    temperature = fit_temperature(oof.logits, y_idx, weights)
    proba = softmax(oof.logits, temperature)
    conf, pred = proba.max(axis=1), np.asarray(oof.labels)[proba.argmax(axis=1)]
    raw_conf = softmax(oof.logits, 1.0).max(axis=1)
    correct = pred == y
    # The lowest threshold whose out-of-fold auto-accepted documents are TARGET_PRECISION
    # precise (98 % required, the margin absorbs the validation -> production gap), real
    # documents counting as much as in training. ILOT_DOCAI_THRESHOLD still overrides it.
    threshold = choose_threshold(conf, correct, TARGET_PRECISION, weights)
    reports = _subset_reports(y, pred, conf, real, threshold)
    ece_raw, _ = expected_calibration_error(raw_conf, correct)
    validation: dict[str, Any] = {
        "protocol": (
            f"{len(np.unique(oof.folds))}-fold StratifiedGroupKFold (seed {seed}); groups: the "
            "generator template for generated documents, the source repository for real ones, so "
            "every validation document comes from a template or source unseen in its fold's "
            "training. Real documents are in training (weight "
            f"{REAL_WEIGHT:g}) and evaluated only out of fold."
        ),
        "subsets": {k: _slim(v) for k, v in reports.items()},
        "per_class": reports["all"]["per_class"],
        "confused": reports["all"]["confused"],
        "reliability": reports["all"]["reliability"],
        "ece_before_temperature": ece_raw,
        "threshold_selection": {
            "method": "lowest confidence threshold whose out-of-fold auto-accepted documents "
            f"reach {TARGET_PRECISION:g} precision (real documents weighted {REAL_WEIGHT:g})",
            "target_precision": TARGET_PRECISION,
            "threshold": threshold,
            "coverage": reports["all"]["coverage"],
            "auto_precision": reports["all"]["auto_precision"],
        },
        # The out-of-fold mistakes, most confident first: what a reviewer should look at.
        "errors": [
            {
                "file": samples[i].path.name,
                "true": str(y[i]),
                "predicted": str(pred[i]),
                "confidence": round(float(conf[i]), 4),
                "real": bool(real[i]),
            }
            for i in sorted(np.nonzero(~correct)[0], key=lambda i: -conf[i])[:80]
        ],
    }
    if baseline:
        log("paperless-ngx baseline on the same folds")
        base_pred = paperless_oof([d.text for d in docs], y, oof.folds, seed)
        validation["paperless_baseline"] = {
            name: {
                "accuracy": float((base_pred[m] == y[m]).mean()),
                "macro_f1": classification_report(y[m], base_pred[m], np.ones(m.sum()), 0.5)[
                    "macro_f1"
                ],
            }
            for name, m in (("all", np.ones(len(y), bool)), ("generated", ~real), ("real", real))
            if m.any()
        }
    log("fitting the final model on all documents")
    model = DocClassifier.fit(docs, y.tolist(), seed=seed, c=c, sample_weight=weights)
    model.temperature, model.threshold = temperature, threshold
    metadata: dict[str, Any] = {
        "version": version,
        "algorithm": ALGORITHM,
        "parameters": {"C": c, "folds": folds, "real_weight": REAL_WEIGHT, **model.features.params},
        "seed": seed,
        "code_version": code_version(),
        "trained_at": now.isoformat(),
        "training_data_sha256": data_hash,
        "training_documents": len(samples),
        "real_documents": int(real.sum()),
        "generated_documents": int((~real).sum()),
        "corpora": [
            {"path": str(p), "documents": sum(1 for s in samples if _under(s.path, p))}
            for p in corpora
        ],
        "labels": model.labels,
        "temperature": temperature,
        "threshold": threshold,
        "validation": validation,
        "reproduce": "ilot corpus generate --out var/corpus --per-class 50 --seed 1 && "
        "ilot train --corpus var/corpus --corpus ../shared/corpus/real-dev --seed 1 "
        "--out src/ilot/docai/default_model --overwrite",
    }
    save_model(model, target, metadata)
    return target, metadata


def _check_target(target: Path, *, overwrite: bool, protected: Path | None) -> None:
    if not (target / "model.joblib").exists():
        return
    if protected is not None and _under(target, protected):
        raise FileExistsError(
            f"{target} holds a registered model (under {protected}); registered artefacts are "
            "immutable: choose another --out"
        )
    if not overwrite:
        raise FileExistsError(
            f"{target} already holds a model: choose another --out or --overwrite"
        )


def _under(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(Path(root).resolve())
        return True
    except ValueError:
        return False


def evaluate(
    model: DocClassifier,
    corpus: Path,
    *,
    threshold: float | None = None,
    baseline_corpora: Sequence[Path] = (),
    seed: int = 0,
    log: Callable[[str], None] = print,
) -> dict[str, Any]:
    """Metrics of ``model`` on a labelled corpus (not used in its training, unless said)."""
    from .classifier import env_threshold

    samples = load_corpus(Path(corpus))
    errors = [s for s in samples if s.error]
    ok = [s for s in samples if not s.error]
    limit = env_threshold(model.threshold) if threshold is None else threshold
    y = np.asarray([s.category for s in ok])
    proba = model.predict_proba([s.doc for s in ok]) if ok else np.zeros((0, len(model.labels)))
    pred = np.asarray(model.labels)[proba.argmax(axis=1)] if ok else np.asarray([])
    conf = proba.max(axis=1) if ok else np.asarray([])
    report = classification_report(y, pred, conf, limit)
    report["unreadable"] = [{"file": str(s.path), "error": s.error} for s in errors]
    report["fields"] = _score_fields(ok)
    if baseline_corpora:
        train_samples = [s for p in baseline_corpora for s in load_corpus(Path(p)) if not s.error]
        test_hashes = {s.sha256 for s in ok}
        train_samples = [s for s in train_samples if s.sha256 not in test_hashes]
        if len({s.category for s in train_samples}) >= 2:
            base = PaperlessBaseline(seed=seed).fit(
                [s.doc.text for s in train_samples], [s.category for s in train_samples]
            )
            base_pred = np.asarray(base.predict([s.doc.text for s in ok]))
            rep = classification_report(y, base_pred, np.ones(len(ok)), 0.5)
            report["paperless_baseline"] = {
                "accuracy": rep["accuracy"],
                "macro_f1": rep["macro_f1"],
                "trained_on": [str(p) for p in baseline_corpora],
                "documents": len(train_samples),
            }
    return report


def _score_fields(samples: Sequence[Sample]) -> dict[str, Any] | None:
    from .extraction import Extracted as Doc
    from .extraction import PageText, detect_kind, pdf_info
    from .fields import extract_fields

    cases = []
    for s in samples:
        truth = ground_truth(s.path)
        if not truth:
            continue
        kind = detect_kind(s.path)[0]
        doc = Doc(path=s.path, kind=kind, mime="")
        doc.pages = [PageText(i, t) for i, t in enumerate(s.doc.text.split("\n\f"))]
        if kind == "pdf":
            doc.attachments = pdf_info(s.path)[1]
        cases.append((s.path.name, truth, field_values(extract_fields(doc))))
    return score_fields(cases) if cases else None
