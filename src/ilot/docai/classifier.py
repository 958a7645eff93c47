"""Document classifier: TF-IDF + meta features, multinomial logistic regression, temperature
scaling fitted on out-of-fold predictions, abstention below a threshold.

Why this design: a linear model on word and character n-grams is the strongest cheap baseline
for document-type classification and predicts in about a millisecond; its logits are calibrated
with one temperature (Guo et al. 2017, "On Calibration of Modern Neural Networks"), fitted on
out-of-fold logits so that the calibration set was never seen by the model that produced it.
The same out-of-fold predictions give honest validation metrics and the abstention threshold.
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy import sparse
from scipy.optimize import minimize_scalar
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold

from .features import DocInput, FeatureBuilder

DEFAULT_THRESHOLD = 0.6
TARGET_PRECISION = 0.985  # 98 % required; the margin absorbs the validation -> production gap


@dataclass
class Prediction:
    category: str
    confidence: float
    needs_review: bool
    top: list[tuple[str, float]]
    evidence: list[dict[str, Any]] = field(default_factory=list)
    seconds: float = 0.0


def softmax(logits: np.ndarray, temperature: float = 1.0) -> np.ndarray:
    z = logits / temperature
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def fit_temperature(logits: np.ndarray, y: np.ndarray, weights: np.ndarray | None = None) -> float:
    """Temperature minimising the (weighted) negative log-likelihood of out-of-fold logits."""
    w = np.ones(len(y)) if weights is None else weights

    def nll(log_t: float) -> float:
        p = softmax(logits, float(np.exp(log_t)))
        return float(-(w * np.log(np.clip(p[np.arange(len(y)), y], 1e-12, None))).sum() / w.sum())

    res = minimize_scalar(nll, bounds=(np.log(0.05), np.log(20.0)), method="bounded")
    return float(np.exp(res.x))


def env_threshold(default: float) -> float:
    value = os.environ.get("ILOT_DOCAI_THRESHOLD", "").strip()
    if value:
        try:
            return min(max(float(value), 0.0), 1.0)
        except ValueError:
            pass
    return default


def choose_threshold(
    confidence: np.ndarray,
    correct: np.ndarray,
    target: float = TARGET_PRECISION,
    weights: np.ndarray | None = None,
) -> float:
    """Lowest threshold whose auto-accepted set (confidence >= t) is ``target`` precise.

    Lowest, so that coverage is as high as the precision target allows. ``weights`` count
    some documents more (real ones) in the precision.
    """
    order = np.argsort(-confidence, kind="stable")
    conf, ok = confidence[order], correct[order].astype(float)
    w = np.ones(len(ok)) if weights is None else np.asarray(weights, dtype=float)[order]
    precision = np.cumsum(ok * w) / np.cumsum(w)
    # Ties: the set accepted at threshold conf[k] holds every document of that confidence.
    last_of_tie = np.r_[conf[1:] != conf[:-1], True]
    good = np.nonzero((precision >= target) & last_of_tie)[0]
    if len(good) == 0:
        return 0.99
    # Precision at the k most confident documents; take the largest k still on target.
    k = int(good.max())
    return float(np.clip(conf[k], 0.2, 0.99))


class DocClassifier:
    """A fitted model: features, linear model, temperature, threshold, label set."""

    def __init__(
        self,
        features: FeatureBuilder,
        model: LogisticRegression,
        *,
        temperature: float = 1.0,
        threshold: float = DEFAULT_THRESHOLD,
    ) -> None:
        self.features = features
        self.model = model
        self.temperature = temperature
        self.threshold = threshold
        self.labels: list[str] = [str(c) for c in model.classes_]

    # ---- training

    @staticmethod
    def make_model(seed: int, c: float) -> LogisticRegression:
        return LogisticRegression(
            C=c, max_iter=2000, class_weight="balanced", random_state=seed, tol=1e-4
        )

    @classmethod
    def fit(
        cls,
        docs: Sequence[DocInput],
        labels: Sequence[str],
        *,
        seed: int = 0,
        c: float = 10.0,
        sample_weight: np.ndarray | None = None,
        feature_params: dict[str, Any] | None = None,
    ) -> DocClassifier:
        features = FeatureBuilder(**(feature_params or {}))
        x = features.fit_transform(list(docs))
        model = cls.make_model(seed, c)
        model.fit(x, np.asarray(labels), sample_weight=sample_weight)
        # float32 halves the artefact; logits move by ~1e-7, far below any threshold.
        model.coef_ = model.coef_.astype(np.float32)
        model.intercept_ = model.intercept_.astype(np.float32)
        features.compact()
        return cls(features, model)

    # ---- prediction

    def logits(self, docs: Sequence[DocInput]) -> np.ndarray:
        x = self.features.transform(list(docs))
        return np.asarray(self.model.decision_function(x), dtype=np.float64)

    def predict_proba(self, docs: Sequence[DocInput]) -> np.ndarray:
        return softmax(self.logits(docs), self.temperature)

    def predict(
        self, doc: DocInput, *, threshold: float | None = None, top_k: int = 3, evidence: int = 8
    ) -> Prediction:
        started = time.perf_counter()
        x = self.features.transform([doc])
        logits = np.asarray(self.model.decision_function(x), dtype=np.float64)
        proba = softmax(logits, self.temperature)[0]
        order = np.argsort(-proba)
        best = int(order[0])
        limit = env_threshold(self.threshold) if threshold is None else threshold
        confidence = float(proba[best])
        return Prediction(
            category=self.labels[best],
            confidence=round(confidence, 6),
            needs_review=confidence < limit,
            top=[(self.labels[int(i)], round(float(proba[int(i)]), 6)) for i in order[:top_k]],
            evidence=self.explain(x, best, evidence) if evidence else [],
            seconds=time.perf_counter() - started,
        )

    def explain(self, x: sparse.csr_matrix, cls_index: int, k: int = 8) -> list[dict[str, Any]]:
        """Features that pushed this class up most, relative to the average class."""
        row = x.getrow(0)
        coef = self.model.coef_
        weights = coef[cls_index, row.indices] - coef[:, row.indices].mean(axis=0)
        contrib = row.data * weights
        names = self.features.names
        top = np.argsort(-contrib)[:k]
        return [
            {"feature": names[int(row.indices[i])], "weight": round(float(contrib[i]), 4)}
            for i in top
            if contrib[i] > 0
        ]


# --------------------------------------------------------------------------- cross-validation


@dataclass
class OutOfFold:
    logits: np.ndarray  # (n, classes) out-of-fold logits, columns in ``labels`` order
    labels: list[str]
    folds: np.ndarray  # fold index of each document


def out_of_fold(
    docs: Sequence[DocInput],
    y: Sequence[str],
    *,
    groups: Sequence[str] | None = None,
    folds: int = 5,
    seed: int = 0,
    c: float = 10.0,
    sample_weight: np.ndarray | None = None,
    feature_params: dict[str, Any] | None = None,
) -> OutOfFold:
    """Logits of each document from a model trained without its fold (grouped when asked)."""
    y_arr = np.asarray(y)
    labels = sorted(set(y_arr.tolist()))
    index = {label: i for i, label in enumerate(labels)}
    n = len(y_arr)
    logits = np.full((n, len(labels)), -1e3)
    fold_of = np.zeros(n, dtype=int)
    _counts = np.bincount([index[v] for v in y_arr])
    n_splits = max(2, min(folds, int(_counts.max())))
    splitter: Any
    if groups is not None:
        splitter = StratifiedGroupKFold(n_splits=n_splits, shuffle=True, random_state=seed)
        splits = splitter.split(np.zeros(n), y_arr, np.asarray(groups))
    else:
        splitter = StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=seed)
        splits = splitter.split(np.zeros(n), y_arr)
    for fold, (train, test) in enumerate(splits):
        sw = None if sample_weight is None else sample_weight[train]
        fitted = DocClassifier.fit(
            [docs[i] for i in train],
            y_arr[train].tolist(),
            seed=seed,
            c=c,
            sample_weight=sw,
            feature_params=feature_params,
        )
        part = fitted.logits([docs[i] for i in test])
        for j, label in enumerate(fitted.labels):
            logits[test, index[label]] = part[:, j]
        fold_of[test] = fold
    return OutOfFold(logits=logits, labels=labels, folds=fold_of)
