"""Figures for model governance: what the models do in production, in aggregate only.

Administrators and compliance officers see no dossier content, so everything here is a count,
a rate or a distribution over all dossiers (read as the system actor), never a document, a name
or a dossier. Drift compares recent predictions with what the model was validated on:

- confidence drift: population stability index (PSI) between the out-of-fold confidence
  histogram of the model's validation and the confidences of recent predictions. Rule of thumb
  from credit-scoring practice (Siddiqi, *Credit Risk Scorecards*, 2006): < 0.10 stable,
  0.10-0.25 watch, > 0.25 shifted. A shift to low confidences means documents unlike the
  training data are arriving;
- category mix: Jensen-Shannon divergence (base 2, 0 = same mix, 1 = disjoint) between the
  training label distribution and recent predicted categories. Real dossiers are not balanced
  like a training set, so this is watched for change over time rather than for its level.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from ilot.core import rls
from ilot.docai.models import AnalysisStatus, DocumentAnalysis, ModelVersion

WINDOW_DAYS = 30
BINS = 10
PSI_WATCH, PSI_SHIFT = 0.10, 0.25
# Below this many recent predictions a ten-bin PSI is mostly sampling noise: shown, not judged.
DRIFT_MIN_SAMPLE = 50
_EPS = 1e-4  # smoothing of empty bins, so that PSI stays finite


@dataclass
class ModelRow:
    model: ModelVersion
    predictions: int
    subsets: dict[str, dict[str, Any]]
    threshold: float | None


@dataclass
class Governance:
    models: list[ModelRow]
    active: ModelVersion | None
    window_days: int
    predictions: int = 0
    failed: int = 0
    needs_review: int = 0
    reviewed: int = 0
    corrected: int = 0
    pages: int = 0
    ocr_pages: int = 0
    cpu_seconds: float = 0.0
    recent_hist: list[float] = field(default_factory=list)
    validation_hist: list[float] = field(default_factory=list)
    psi: float | None = None
    category_js: float | None = None
    daily: list[tuple[str, int]] = field(default_factory=list)
    top_categories: list[tuple[str, int]] = field(default_factory=list)
    # Human labels waiting to train the next model, per client (all time, not the window).
    corrections: list[dict[str, Any]] = field(default_factory=list)

    @property
    def review_rate(self) -> float | None:
        return self.needs_review / self.predictions if self.predictions else None

    @property
    def correction_rate(self) -> float | None:
        return self.corrected / self.reviewed if self.reviewed else None

    @property
    def cpu_per_document(self) -> float | None:
        return self.cpu_seconds / self.predictions if self.predictions else None

    @property
    def cpu_per_page(self) -> float | None:
        return self.cpu_seconds / self.pages if self.pages else None

    @property
    def drift_level(self) -> str:
        if self.psi is None:
            return "unknown"
        if self.predictions < DRIFT_MIN_SAMPLE:
            return "too_few"
        if self.psi > PSI_SHIFT:
            return "shifted"
        return "watch" if self.psi > PSI_WATCH else "stable"


def _normalise(counts: list[float]) -> list[float]:
    total = sum(counts)
    return [c / total for c in counts] if total else [0.0] * len(counts)


def population_stability(expected: list[float], actual: list[float]) -> float:
    """PSI = Σ (a - e) · ln(a / e) over bins of two distributions (each summing to 1)."""
    score = 0.0
    for e, a in zip(expected, actual, strict=True):
        e, a = max(e, _EPS), max(a, _EPS)
        score += (a - e) * math.log(a / e)
    return score


def jensen_shannon(p: dict[str, float], q: dict[str, float]) -> float:
    """Jensen-Shannon divergence in bits between two category distributions."""
    keys = set(p) | set(q)
    m = {k: (p.get(k, 0.0) + q.get(k, 0.0)) / 2 for k in keys}

    def kl(a: dict[str, float]) -> float:
        return sum(a[k] * math.log2(a[k] / m[k]) for k in keys if a.get(k, 0.0) > 0)

    return (kl(p) + kl(q)) / 2


def _validation_hist(model: ModelVersion) -> list[float]:
    bins = model.validation.get("reliability", [])
    counts = [0.0] * BINS
    for b in bins if isinstance(bins, list) else []:
        index = min(BINS - 1, max(0, round(float(b.get("lo", 0)) * BINS)))
        counts[index] += float(b.get("n", 0))
    return _normalise(counts)


def _training_mix(model: ModelVersion) -> dict[str, float]:
    per_class = model.validation.get("per_class", {})
    counts = {k: float(v.get("support", 0)) for k, v in per_class.items() if isinstance(v, dict)}
    total = sum(counts.values())
    return {k: v / total for k, v in counts.items()} if total else {}


def governance_report(*, window_days: int = WINDOW_DAYS) -> Governance:
    since = timezone.now() - timedelta(days=window_days)
    with rls.as_system():
        models = list(ModelVersion.objects.select_related("client", "activated_by"))
        volumes = dict(
            DocumentAnalysis.objects.filter(status=AnalysisStatus.DONE)
            .values_list("model_version")
            .annotate(n=Count("id"))
            .values_list("model_version", "n")
        )
        recent = DocumentAnalysis.objects.filter(created_at__gte=since)
        done = recent.filter(status=AnalysisStatus.DONE)
        bin_counts = {
            f"b{i}": Count(
                "id",
                filter=Q(confidence__gte=i / BINS)
                & (Q(confidence__lt=(i + 1) / BINS) if i < BINS - 1 else Q()),
            )
            for i in range(BINS)
        }
        totals = done.aggregate(
            n=Count("id"),
            review=Count("id", filter=Q(needs_review=True) | Q(reviewed_at__isnull=False)),
            reviewed=Count("id", filter=Q(reviewed_at__isnull=False)),
            corrected=Count(
                "id",
                filter=Q(reviewed_at__isnull=False)
                & ~Q(reviewed_category="")
                & ~Q(reviewed_category=F("category")),
            ),
            pages=Sum("pages"),
            ocr_pages=Sum("ocr_pages"),
            cpu=Sum("cpu_seconds"),
            **bin_counts,
        )
        failed = recent.filter(status=AnalysisStatus.FAILED).count()
        daily = list(
            done.annotate(day=TruncDate("created_at"))
            .values("day")
            .annotate(n=Count("id"))
            .order_by("day")
            .values_list("day", "n")
        )
        categories = list(
            done.values("category")
            .annotate(n=Count("id"))
            .order_by("-n")
            .values_list("category", "n")
        )
        corrections = list(
            DocumentAnalysis.objects.filter(reviewed_at__isnull=False)
            .values("dossier__client_id", "dossier__client__name")
            .annotate(
                reviewed=Count("id"),
                corrected=Count("id", filter=~Q(reviewed_category=F("category"))),
            )
            .order_by("dossier__client__name")
        )
    active = next((m for m in models if m.is_active and m.client_id is None), None)
    report = Governance(
        models=[
            ModelRow(
                model=m,
                predictions=volumes.get(m.version, 0),
                subsets=m.validation.get("subsets", {}),
                threshold=m.metadata.get("threshold"),
            )
            for m in models
        ],
        active=active,
        window_days=window_days,
        predictions=totals["n"] or 0,
        failed=failed,
        needs_review=totals["review"] or 0,
        reviewed=totals["reviewed"] or 0,
        corrected=totals["corrected"] or 0,
        pages=totals["pages"] or 0,
        ocr_pages=totals["ocr_pages"] or 0,
        cpu_seconds=float(totals["cpu"] or 0.0),
        daily=[(d.isoformat(), n) for d, n in daily],
        top_categories=[(c or "-", n) for c, n in categories[:8]],
        corrections=[
            {
                "client_id": row["dossier__client_id"],
                "client": row["dossier__client__name"],
                "reviewed": row["reviewed"],
                "corrected": row["corrected"],
            }
            for row in corrections
        ],
    )
    report.recent_hist = _normalise([float(totals[f"b{i}"] or 0) for i in range(BINS)])
    if active is not None:
        report.validation_hist = _validation_hist(active)
        if report.predictions > 0 and sum(report.validation_hist) > 0:
            report.psi = population_stability(report.validation_hist, report.recent_hist)
        mix = _training_mix(active)
        if report.predictions and mix:
            recent_mix = {c: n / report.predictions for c, n in categories if c}
            report.category_js = jensen_shannon(mix, recent_mix)
    return report
