"""The document-AI pipeline: ordered steps with a written contract, each timed.

Contract (each step reads what the previous ones wrote in the ``Context``):

1. ``ExtractStep``  path -> ``ctx.extracted`` (kind, pages with their own text layer). Raises
   ``ExtractionError`` for unreadable input; the pipeline then stops with ``error`` set.
2. ``OcrStep``      OCRs exactly the PDF pages / image frames whose text is not usable and
   replaces them in place; pages with usable text are never touched.
3. ``ClassifyStep`` ``ctx.extracted`` -> ``ctx.prediction`` (category, calibrated confidence,
   top-k, evidence, needs_review). Skipped when no model is loaded.
4. ``FieldsStep``   ``ctx.extracted`` (+ the file for Factur-X XML) -> ``ctx.fields``.

A step failure other than bad input is recorded as the result's ``error`` and later steps are
skipped; the pipeline never raises for one document, so a batch goes on.
"""

from __future__ import annotations

import logging
import resource
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from .classifier import DocClassifier, Prediction
from .extraction import IMAGE, PDF, Extracted, ExtractionError, extract
from .features import DocInput
from .ocr import OcrEngine, TesseractEngine, ocr_pages

logger = logging.getLogger(__name__)

# Keys of ``ilot classify --json``: a stable contract used by acceptance checks.
JSON_KEYS = (
    "path",
    "category",
    "confidence",
    "needs_review",
    "top",
    "fields",
    "pages",
    "ocr_pages",
    "seconds",
    "model_version",
)


@dataclass
class DocumentResult:
    path: str
    category: str | None = None
    confidence: float = 0.0
    needs_review: bool = True
    top: list[tuple[str, float]] = field(default_factory=list)
    fields: dict[str, Any] = field(default_factory=dict)
    pages: int = 0
    ocr_pages: int = 0
    seconds: float = 0.0
    model_version: str | None = None
    evidence: list[dict[str, Any]] = field(default_factory=list)
    error: str | None = None
    error_code: str | None = None
    timings: dict[str, float] = field(default_factory=dict)
    cpu_seconds: float = 0.0
    text: str = ""
    kind: str = ""

    def to_json(self, *, explain: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "path": self.path,
            "category": self.category,
            "confidence": round(self.confidence, 4),
            "needs_review": self.needs_review,
            "top": [[c, round(p, 4)] for c, p in self.top],
            "fields": self.fields,
            "pages": self.pages,
            "ocr_pages": self.ocr_pages,
            "seconds": round(self.seconds, 4),
            "model_version": self.model_version,
        }
        if self.error is not None:
            out["error"] = self.error
        if explain:
            out["evidence"] = self.evidence
            out["timings"] = {k: round(v, 4) for k, v in self.timings.items()}
        return out


@dataclass
class Context:
    path: Path
    extracted: Extracted | None = None
    prediction: Prediction | None = None
    fields: dict[str, Any] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)


class Step(Protocol):
    name: str

    def run(self, ctx: Context) -> None: ...


class ExtractStep:
    name = "extract"

    def run(self, ctx: Context) -> None:
        ctx.extracted = extract(ctx.path)


class OcrStep:
    name = "ocr"

    def __init__(self, engine: OcrEngine | None = None, workers: int | None = None) -> None:
        self.engine: OcrEngine = engine or TesseractEngine()
        self.workers = workers

    def run(self, ctx: Context) -> None:
        doc = ctx.extracted
        assert doc is not None
        if doc.kind not in {PDF, IMAGE}:
            return  # office and text files carry their own text; there is no image to read
        todo = [p.index for p in doc.pages if not p.usable]
        if not todo:
            return
        for page in ocr_pages(
            doc.path, todo, kind=doc.kind, engine=self.engine, workers=self.workers
        ):
            layer = doc.pages[page.index]
            if layer.text.strip() and not page.text.strip():
                # OCR found nothing (blank scan with a stamp): keep what the layer had.
                layer.error = page.error
                continue
            page.reason = layer.reason or page.reason
            doc.pages[page.index] = page


class ClassifyStep:
    name = "classify"

    def __init__(self, classifier: DocClassifier, threshold: float | None = None) -> None:
        self.classifier = classifier
        self.threshold = threshold

    def run(self, ctx: Context) -> None:
        assert ctx.extracted is not None
        ctx.prediction = self.classifier.predict(doc_input(ctx.extracted), threshold=self.threshold)


class FieldsStep:
    name = "fields"

    def run(self, ctx: Context) -> None:
        from .fields import extract_fields

        assert ctx.extracted is not None
        ctx.fields = extract_fields(ctx.extracted)


def doc_input(doc: Extracted) -> DocInput:
    return DocInput(
        text=doc.text,
        pages=doc.page_count,
        ocr_pages=sum(1 for p in doc.pages if p.source == "ocr"),
        kind=doc.kind,
    )


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


class Pipeline:
    def __init__(self, steps: list[Step], *, model_version: str | None = None) -> None:
        self.steps = steps
        self.model_version = model_version

    @classmethod
    def default(
        cls,
        *,
        classifier: DocClassifier | None = None,
        model_version: str | None = None,
        engine: OcrEngine | None = None,
        workers: int | None = None,
        threshold: float | None = None,
        fields: bool = True,
    ) -> Pipeline:
        steps: list[Step] = [ExtractStep(), OcrStep(engine, workers)]
        if classifier is not None:
            steps.append(ClassifyStep(classifier, threshold))
        if fields:
            steps.append(FieldsStep())
        return cls(steps, model_version=model_version)

    def run(self, path: Path | str) -> DocumentResult:
        path = Path(path)
        ctx = Context(path=path)
        result = DocumentResult(path=str(path), model_version=self.model_version)
        started, cpu_start = time.perf_counter(), _cpu()
        for step in self.steps:
            t0 = time.perf_counter()
            try:
                step.run(ctx)
            except ExtractionError as exc:
                result.error, result.error_code = str(exc), exc.code
            except Exception as exc:  # one bad document must not stop a batch
                logger.exception("docai step %s failed on %s", step.name, path)
                result.error = f"{step.name} failed: {type(exc).__name__}: {exc}"
                result.error_code = f"{step.name}_failed"
            ctx.timings[step.name] = time.perf_counter() - t0
            if result.error:
                break
        doc = ctx.extracted
        if doc is not None:
            result.pages = doc.page_count
            result.ocr_pages = sum(1 for p in doc.pages if p.source == "ocr")
            result.text = doc.text
            result.kind = doc.kind
            if not result.error and not doc.text.strip():
                # Not an error: blank or image-less documents still get a (low) prediction.
                result.fields.setdefault("warnings", []).append("no text found")
            page_errors = [p.error for p in doc.pages if p.error]
            if page_errors and not result.error:
                result.fields.setdefault("warnings", []).extend(page_errors[:5])
        if ctx.prediction is not None:
            pred = ctx.prediction
            result.category, result.confidence = pred.category, pred.confidence
            result.needs_review, result.top, result.evidence = (
                pred.needs_review,
                pred.top,
                pred.evidence,
            )
        if ctx.fields:
            result.fields = {**ctx.fields, **result.fields}
        result.timings = ctx.timings
        result.seconds = time.perf_counter() - started
        result.cpu_seconds = _cpu() - cpu_start
        return result
