"""Evaluation: classification metrics, calibration, abstention, the paperless-ngx baseline, and
the invoice-field scorer against real-dev ground truth (invoice2data/Mindee JSON, Factur-X XML).
"""

from __future__ import annotations

import itertools
import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.metrics import f1_score, precision_recall_fscore_support

# --------------------------------------------------------------------------- classification


def expected_calibration_error(
    confidence: np.ndarray, correct: np.ndarray, bins: int = 10
) -> tuple[float, list[dict[str, Any]]]:
    """ECE with equal-width bins (Naeini et al. 2015; Guo et al. 2017) and the bins themselves."""
    edges = np.linspace(0.0, 1.0, bins + 1)
    table: list[dict[str, Any]] = []
    ece = 0.0
    n = max(len(confidence), 1)
    for lo, hi in itertools.pairwise(edges):
        mask = (confidence > lo) & (confidence <= hi) if lo > 0 else (confidence <= hi)
        count = int(mask.sum())
        if count:
            conf, acc = float(confidence[mask].mean()), float(correct[mask].mean())
            ece += count / n * abs(conf - acc)
        else:
            conf = acc = 0.0
        table.append(
            {"lo": float(lo), "hi": float(hi), "n": count, "confidence": conf, "accuracy": acc}
        )
    return float(ece), table


Vector = Sequence[Any] | np.ndarray


def classification_report(
    y_true: Vector,
    y_pred: Vector,
    confidence: Vector,
    threshold: float,
) -> dict[str, Any]:
    """Accuracy, macro-F1, per-class P/R/F1, coverage and precision above threshold, ECE."""
    yt, yp = np.asarray(y_true), np.asarray(y_pred)
    conf = np.asarray(confidence, dtype=float)
    correct = yt == yp
    labels = sorted(set(yt.tolist()) | set(yp.tolist()))
    present = sorted(set(yt.tolist()))
    p, r, f, s = precision_recall_fscore_support(yt, yp, labels=labels, zero_division=0)
    per_class = {
        lab: {
            "precision": float(p[i]),
            "recall": float(r[i]),
            "f1": float(f[i]),
            "support": int(s[i]),
        }
        for i, lab in enumerate(labels)
    }
    accepted = conf >= threshold
    ece, bins = expected_calibration_error(conf, correct)
    pairs = Counter((t, q) for t, q in zip(yt.tolist(), yp.tolist(), strict=True) if t != q)
    return {
        "n": len(yt),
        "accuracy": float(correct.mean()) if len(yt) else 0.0,
        # Macro over the classes present in the ground truth: a class the set does not contain
        # has no defined recall and would drag the mean towards zero.
        "macro_f1": float(f1_score(yt, yp, labels=present, average="macro", zero_division=0))
        if len(yt)
        else 0.0,
        "threshold": float(threshold),
        "coverage": float(accepted.mean()) if len(yt) else 0.0,
        "auto_precision": float(correct[accepted].mean()) if accepted.any() else 1.0,
        "auto_accepted": int(accepted.sum()),
        "ece": ece,
        "reliability": bins,
        "per_class": per_class,
        "confused": [
            {"true": t, "predicted": q, "count": c} for (t, q), c in pairs.most_common(15)
        ],
    }


def format_report(name: str, rep: dict[str, Any], *, per_class: bool = True) -> str:
    lines = [
        f"== {name}: {rep['n']} documents",
        f"accuracy {rep['accuracy']:.4f}   macro-F1 {rep['macro_f1']:.4f}   ECE {rep['ece']:.4f}",
        f"threshold {rep['threshold']:.3f}: coverage {rep['coverage']:.4f} "
        f"({rep['auto_accepted']} auto-accepted), precision of auto-accepted "
        f"{rep['auto_precision']:.4f}",
    ]
    if per_class:
        lines.append(f"{'category':<28} {'P':>6} {'R':>6} {'F1':>6} {'n':>5}")
        for lab, m in sorted(rep["per_class"].items()):
            lines.append(
                f"{lab:<28} {m['precision']:6.3f} {m['recall']:6.3f} {m['f1']:6.3f} "
                f"{m['support']:5d}"
            )
    if rep["confused"]:
        lines.append("most confused (true -> predicted: count):")
        lines += [f"  {c['true']} -> {c['predicted']}: {c['count']}" for c in rep["confused"][:10]]
    return "\n".join(lines)


# --------------------------------------------------------------------------- paperless baseline

_PAPERLESS_CLEAN = re.compile(r"[^\w\s]")
_PAPERLESS_SPACES = re.compile(r"\s+")


def paperless_preprocess(text: str) -> str:
    """paperless-ngx ``DocumentClassifier.preprocess_content`` without the optional NLTK stemming:
    lowercase, punctuation removed, whitespace folded (src/documents/classifier.py)."""
    text = text.lower()
    text = _PAPERLESS_CLEAN.sub(" ", text)
    return _PAPERLESS_SPACES.sub(" ", text).strip()


@dataclass
class PaperlessBaseline:
    """paperless-ngx's document-type classifier: CountVectorizer(word, (1, 2), min_df=0.01) and
    MLPClassifier(tol=0.01), as in src/documents/classifier.py (paperless-ngx 2.x)."""

    seed: int = 0

    def fit(self, texts: Sequence[str], labels: Sequence[str]) -> PaperlessBaseline:
        from sklearn.feature_extraction.text import CountVectorizer
        from sklearn.neural_network import MLPClassifier

        self.vectorizer = CountVectorizer(analyzer="word", ngram_range=(1, 2), min_df=0.01)
        x = self.vectorizer.fit_transform([paperless_preprocess(t) for t in texts])
        self.model = MLPClassifier(tol=0.01, random_state=self.seed)
        self.model.fit(x, list(labels))
        return self

    def predict(self, texts: Sequence[str]) -> list[str]:
        x = self.vectorizer.transform([paperless_preprocess(t) for t in texts])
        return [str(v) for v in self.model.predict(x)]


# --------------------------------------------------------------------------- invoice fields

INVOICE_FIELDS = (
    "invoice_number",
    "date",
    "total_ttc",
    "total_ht",
    "supplier_vat",
    "supplier_siren",
)


def _dec(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value).replace(" ", "").replace(",", ".")).quantize(Decimal("0.01"))
    except InvalidOperation:
        return None


def _norm_id(value: Any) -> str:
    return re.sub(r"[\s.\-]", "", str(value)).upper().lstrip("#")


def _norm_date(value: Any) -> str:
    return str(value)[:10]


def _xml_truth(xml: bytes) -> dict[str, Any]:
    from .facturx import parse_cii_xml

    return parse_cii_xml(xml)


def ground_truth(path: Path) -> dict[str, Any]:
    """Invoice fields stated by the ground-truth file(s) beside ``path`` (empty when none)."""
    truth: dict[str, Any] = {}
    xml_file = path.with_name(path.name + ".expected.xml")
    json_file = path.with_name(path.name + ".expected.json")
    if xml_file.is_file():
        xml = _xml_truth(xml_file.read_bytes())
        for key in INVOICE_FIELDS:
            if xml.get(key) not in (None, ""):
                truth[key] = xml[key]
    elif json_file.is_file():
        data = json.loads(json_file.read_text(encoding="utf-8"))
        if isinstance(data, list) and data:  # invoice2data
            d = data[0]
            mapping = {
                "invoice_number": "invoice_number",
                "date": "date",
                "amount": "total_ttc",
                "amount_untaxed": "total_ht",
            }
            for src, dst in mapping.items():
                if d.get(src) not in (None, ""):
                    truth[dst] = d[src]
            vat = d.get("vat") or d.get("static_vat")
            if vat:
                truth["supplier_vat"] = vat
            if d.get("siren"):
                truth["supplier_siren"] = d["siren"]
        elif isinstance(data, dict) and "document" in data:  # Mindee invoice API response
            pred = data["document"].get("inference", {}).get("prediction", {})
            if pred.get("document_type", {}).get("value") == "INVOICE" or "total_amount" in pred:
                for src, dst in (
                    ("invoice_number", "invoice_number"),
                    ("date", "date"),
                    ("total_amount", "total_ttc"),
                    ("total_net", "total_ht"),
                ):
                    value = (pred.get(src) or {}).get("value")
                    if value not in (None, ""):
                        truth[dst] = value
    return truth


def field_matches(key: str, expected: Any, got: Any) -> bool:
    if got in (None, ""):
        return False
    if key in {"total_ttc", "total_ht"}:
        return _dec(expected) is not None and _dec(expected) == _dec(got)
    if key == "date":
        return _norm_date(expected) == _norm_date(got)
    return _norm_id(expected) == _norm_id(got)


def score_fields(
    cases: Sequence[tuple[str, dict[str, Any], dict[str, Any]]],
) -> dict[str, Any]:
    """``cases``: (name, truth, extracted values). Exact match per value given by the truth."""
    per_field: dict[str, list[int]] = {k: [0, 0] for k in INVOICE_FIELDS}
    misses: list[dict[str, Any]] = []
    for name, truth, got in cases:
        for key, expected in truth.items():
            ok = field_matches(key, expected, got.get(key))
            per_field[key][1] += 1
            per_field[key][0] += int(ok)
            if not ok:
                misses.append(
                    {
                        "file": name,
                        "field": key,
                        "expected": str(expected),
                        "got": None if got.get(key) is None else str(got.get(key)),
                    }
                )
    hit = sum(v[0] for v in per_field.values())
    total = sum(v[1] for v in per_field.values())
    return {
        "exact": hit / total if total else 0.0,
        "values": total,
        "per_field": {k: {"exact": v[0], "total": v[1]} for k, v in per_field.items() if v[1]},
        "misses": misses,
    }


def field_values(fields: dict[str, Any]) -> dict[str, Any]:
    """Flatten a pipeline ``fields`` object ({name: {value, page, confidence}}) to values."""
    out: dict[str, Any] = {}
    for key, item in fields.items():
        if isinstance(item, dict) and "value" in item:
            out[key] = item["value"]
    return out
