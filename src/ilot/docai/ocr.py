"""OCR behind a small protocol: Tesseract 5 for real, a fake for tests.

Pages are rendered by pypdfium2 at 300 dpi (Tesseract's documented sweet spot, "Improving the
quality of the output", tesseract-ocr.github.io/tessdoc/ImproveQuality) in grayscale, capped in
pixels for huge pages, and fed to the ``tesseract`` CLI on stdin as PGM: no compression cost, no
temporary files. Each tesseract process runs with OMP_THREAD_LIMIT=1 because its OpenMP
threads fight each other when several pages run in parallel (tesseract FAQ, "Can I increase
speed of OCR?"); parallelism comes from a process pool across pages instead.
"""

from __future__ import annotations

import atexit
import io
import multiprocessing
import os
import re
import subprocess
import time
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from .extraction import PageText

if TYPE_CHECKING:
    from PIL import Image

DEFAULT_DPI = 300
# 300 dpi A3 is ~17 Mpx; above ~25 Mpx Tesseract gains nothing and memory explodes (posters,
# plans). Pages larger than this are rendered at a lower resolution.
MAX_PIXELS = 25_000_000
DEFAULT_LANG = "fra+eng"
DEFAULT_PAGE_TIMEOUT = 120.0
# Below this mean word confidence the upright reading is suspect and orientation is checked.
ROTATION_CHECK_CONFIDENCE = 0.55
TESSERACT = os.environ.get("ILOT_TESSERACT", "tesseract")


@dataclass
class OcrResult:
    text: str
    confidence: float  # mean word confidence, 0-1
    rotation: int = 0  # degrees (clockwise) applied to the image before recognition
    seconds: float = 0.0
    error: str | None = None


class OcrEngine(Protocol):
    """Recognise the text of one page image."""

    name: str

    def recognize(self, image: Image.Image) -> OcrResult: ...


def ocr_workers() -> int:
    value = os.environ.get("ILOT_OCR_WORKERS", "")
    if value.strip().isdigit() and int(value) > 0:
        return int(value)
    return os.cpu_count() or 1


# --------------------------------------------------------------------------- engines


@dataclass
class TesseractEngine:
    """The ``tesseract`` CLI, one process per page, pinned to one thread."""

    lang: str = DEFAULT_LANG
    psm: int = 3  # fully automatic page segmentation, no OSD (tesseract --help-psm)
    dpi: int = DEFAULT_DPI
    timeout: float = DEFAULT_PAGE_TIMEOUT
    auto_rotate: bool = True
    name: str = "tesseract"

    def _run(self, args: list[str], data: bytes) -> str:
        env = dict(os.environ, OMP_THREAD_LIMIT="1")
        proc = subprocess.run(
            [TESSERACT, "stdin", "stdout", *args],
            input=data,
            capture_output=True,
            timeout=self.timeout,
            env=env,
            check=False,
        )
        if proc.returncode != 0:
            raise RuntimeError(proc.stderr.decode("utf-8", "replace").strip()[:300])
        return proc.stdout.decode("utf-8", "replace")

    def _recognize_upright(self, image: Image.Image, psm: int | None = None) -> OcrResult:
        tsv = self._run(
            ["-l", self.lang, "--psm", str(psm or self.psm), "--dpi", str(self.dpi), "tsv"],
            to_pgm(image),
        )
        text, confidence = parse_tsv(tsv)
        return OcrResult(text=text, confidence=confidence)

    def orientation(self, image: Image.Image) -> tuple[int, float]:
        """Tesseract OSD (--psm 0): (clockwise rotation to apply, confidence)."""
        out = self._run(["--psm", "0", "--dpi", str(self.dpi)], to_pgm(image))
        rotate = re.search(r"Rotate:\s*(\d+)", out)
        conf = re.search(r"Orientation confidence:\s*([\d.]+)", out)
        return (int(rotate.group(1)) if rotate else 0, float(conf.group(1)) if conf else 0.0)

    def recognize(self, image: Image.Image) -> OcrResult:
        started = time.perf_counter()
        try:
            result = self._recognize_upright(image)
            if result.confidence < ROTATION_CHECK_CONFIDENCE or len(result.text) < 40:
                # Layout analysis (psm 3) gives up on cards and photos; one uniform block of
                # text (psm 6) often reads them.
                block = self._recognize_upright(image, psm=6)
                if _score(block) > _score(result):
                    result = block
            if self.auto_rotate and result.confidence < ROTATION_CHECK_CONFIDENCE:
                result = self._maybe_rotate(image, result)
        except subprocess.TimeoutExpired:
            result = OcrResult("", 0.0, error=f"OCR timed out after {self.timeout:.0f}s")
        except (RuntimeError, OSError) as exc:
            result = OcrResult("", 0.0, error=f"tesseract failed: {exc}")
        result.seconds = time.perf_counter() - started
        return result

    def _maybe_rotate(self, image: Image.Image, upright: OcrResult) -> OcrResult:
        # Only pages that read badly pay for orientation detection, so straight pages cost one
        # tesseract run, which keeps the OCR path close to tesseract alone.
        try:
            rotate, conf = self.orientation(image)
        except RuntimeError:
            # OSD fails on pages with too few characters; nothing to gain there.
            return upright
        if rotate == 0 or conf < 0.5:
            return upright
        # PIL rotates counter-clockwise; OSD's "Rotate" is clockwise.
        turned = self._recognize_upright(image.rotate(-rotate, expand=True))
        if turned.confidence > upright.confidence:
            turned.rotation = rotate
            return turned
        return upright


def _score(result: OcrResult) -> float:
    words = [w for w in result.text.split() if sum(c.isalpha() for c in w) >= 3]
    return result.confidence * min(len(words), 300)


@dataclass
class FakeOcrEngine:
    """Test double: returns a fixed text (``{n}`` is replaced by a call counter)."""

    text: str = "Texte reconnu par OCR page {n}"
    confidence: float = 0.9
    name: str = "fake"
    calls: int = 0

    def recognize(self, image: Image.Image) -> OcrResult:
        self.calls += 1
        return OcrResult(text=self.text.format(n=self.calls), confidence=self.confidence)


# --------------------------------------------------------------------------- image helpers


def to_pgm(image: Image.Image) -> bytes:
    if image.mode not in {"L", "1"}:
        image = image.convert("L")
    buf = io.BytesIO()
    image.save(buf, format="PPM")
    return buf.getvalue()


def parse_tsv(tsv: str) -> tuple[str, float]:
    """Rebuild lines from Tesseract's TSV output and average the word confidences."""
    lines: dict[tuple[str, str, str], list[str]] = {}
    order: list[tuple[str, str, str]] = []
    confs: list[float] = []
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5":
            continue
        word = cols[11].strip()
        if not word:
            continue
        key = (cols[2], cols[3], cols[4])
        if key not in lines:
            lines[key] = []
            order.append(key)
        lines[key].append(word)
        try:
            conf = float(cols[10])
        except ValueError:
            continue
        if conf >= 0:
            confs.append(conf)
    text_lines: list[str] = []
    previous_block: tuple[str, str] | None = None
    for key in order:
        if previous_block is not None and previous_block != key[:2]:
            text_lines.append("")
        text_lines.append(" ".join(lines[key]))
        previous_block = key[:2]
    mean = sum(confs) / len(confs) / 100.0 if confs else 0.0
    return "\n".join(text_lines), mean


def is_blank(image: Image.Image, ink_threshold: float = 0.0002) -> bool:
    """True when almost no pixel is dark: a blank page needs no OCR.

    Measured on a 1000 px thumbnail: one short line ("Page 3") on an A4 page is ~6e-4 dark,
    scanner specks on a blank sheet average out to ~0.
    """
    small = image.convert("L")
    small.thumbnail((1000, 1000))
    histogram = small.histogram()
    dark = sum(histogram[:160])
    return dark / max(sum(histogram), 1) < ink_threshold


def prepare_photo(image: Image.Image, target: int = 2600) -> Image.Image:
    """Crop an image file to its content and bring small text to a size Tesseract reads.

    Photos and web screenshots of documents are often a small card on a white sheet at 72-150
    dpi; Tesseract's page layout analysis finds nothing there, while the cropped card upscaled
    to ~300 dpi-equivalent reads well (measured on real-dev ID cards).
    """
    from PIL import Image as PILImage
    from PIL import ImageFilter

    mask = image.point(lambda v: 255 if v < 200 else 0).filter(ImageFilter.MaxFilter(5))
    box = mask.getbbox()
    if box is not None:
        margin = 12
        w, h = image.size
        box = (
            max(box[0] - margin, 0),
            max(box[1] - margin, 0),
            min(box[2] + margin, w),
            min(box[3] + margin, h),
        )
        if (box[2] - box[0]) * (box[3] - box[1]) < 0.9 * w * h:
            image = image.crop(box)
    w, h = image.size
    longest = max(w, h)
    if w * h > MAX_PIXELS:
        ratio = (MAX_PIXELS / (w * h)) ** 0.5
        image = image.resize((int(w * ratio), int(h * ratio)), PILImage.Resampling.LANCZOS)
    elif longest < target * 0.7:
        ratio = min(target / longest, 4.0)
        image = image.resize((int(w * ratio), int(h * ratio)), PILImage.Resampling.LANCZOS)
    return image


def render_scale(width_pt: float, height_pt: float, dpi: int = DEFAULT_DPI) -> float:
    """pdfium scale for ``dpi`` (1 pt = 1/72 in), reduced so the bitmap stays under MAX_PIXELS."""
    scale = dpi / 72.0
    pixels = width_pt * scale * height_pt * scale
    if pixels > MAX_PIXELS:
        scale *= (MAX_PIXELS / pixels) ** 0.5
    return scale


def render_pdf_page(pdf: Any, index: int, dpi: int = DEFAULT_DPI) -> Image.Image:
    page = pdf.get_page(index)
    try:
        width, height = page.get_size()
        scale = render_scale(width, height, dpi)
        bitmap = page.render(scale=scale, grayscale=True, may_draw_forms=True)
        try:
            return bitmap.to_pil().convert("L")
        finally:
            bitmap.close()
    finally:
        page.close()


# --------------------------------------------------------------------------- page jobs

_WORKER_PDF: tuple[str, Any] | None = None


def _open_cached(path: str) -> Any:
    """Each worker keeps its last PDF open: pages of one document arrive together.

    Keyed on size and mtime too, so a file rewritten under the same name is reopened.
    """
    global _WORKER_PDF
    import pypdfium2 as pdfium

    stat = os.stat(path)
    key = f"{path}:{stat.st_size}:{stat.st_mtime_ns}"
    if _WORKER_PDF is not None and _WORKER_PDF[0] == key:
        return _WORKER_PDF[1]
    if _WORKER_PDF is not None:
        _WORKER_PDF[1].close()
    _WORKER_PDF = (key, pdfium.PdfDocument(path))
    return _WORKER_PDF[1]


def _finish(index: int, image: Image.Image, engine: OcrEngine, started: float) -> PageText:
    if is_blank(image):
        return PageText(
            index,
            "",
            source="ocr",
            usable=False,
            reason="blank",
            ocr_confidence=0.0,
            seconds=time.perf_counter() - started,
        )
    result = engine.recognize(image)
    return PageText(
        index=index,
        text=result.text,
        source="ocr",
        usable=bool(result.text.strip()),
        reason="" if result.text.strip() else "no_text_found",
        ocr_confidence=round(result.confidence, 4),
        rotation=result.rotation,
        seconds=time.perf_counter() - started,
        error=result.error,
    )


def ocr_pdf_page(
    path: str, index: int, engine: OcrEngine, dpi: int = DEFAULT_DPI, pdf: Any = None
) -> PageText:
    started = time.perf_counter()
    try:
        image = render_pdf_page(pdf if pdf is not None else _open_cached(path), index, dpi)
    except Exception as exc:  # a broken page must not stop the others
        return PageText(
            index,
            "",
            source="ocr",
            usable=False,
            reason="render_failed",
            error=f"page {index + 1} cannot be rendered: {exc}",
        )
    return _finish(index, image, engine, started)


def ocr_image_frame(path: str, index: int, engine: OcrEngine) -> PageText:
    from PIL import Image, ImageOps

    started = time.perf_counter()
    try:
        with Image.open(path) as img:
            img.seek(index)
            # Phone photos carry their orientation in EXIF rather than in the pixels.
            frame = ImageOps.exif_transpose(img).convert("L")
    except Exception as exc:
        return PageText(
            index,
            "",
            source="ocr",
            usable=False,
            reason="render_failed",
            error=f"image cannot be decoded: {exc}",
        )
    frame = prepare_photo(frame)
    return _finish(index, frame, engine, started)


# --------------------------------------------------------------------------- pool

_POOL: tuple[int, ProcessPoolExecutor] | None = None


def _pool(workers: int) -> ProcessPoolExecutor:
    global _POOL
    if _POOL is not None and _POOL[0] == workers:
        return _POOL[1]
    if _POOL is not None:
        _POOL[1].shutdown(cancel_futures=True)
    # forkserver, not fork: the web server, the worker and the test runner have threads (and
    # Playwright an event loop); forking them can deadlock a child on a lock held at fork time.
    methods = multiprocessing.get_all_start_methods()
    method = "forkserver" if "forkserver" in methods else "spawn"
    _POOL = (workers, ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method)))
    return _POOL[1]


@atexit.register
def shutdown_pool() -> None:
    global _POOL
    if _POOL is not None:
        _POOL[1].shutdown(cancel_futures=True)
        _POOL = None


def ocr_pages(
    path: Path,
    indices: Sequence[int],
    *,
    kind: str,
    engine: OcrEngine,
    workers: int | None = None,
    dpi: int = DEFAULT_DPI,
) -> list[PageText]:
    """OCR the given pages of a PDF (``kind="pdf"``) or image file, in parallel across pages."""
    if not indices:
        return []
    workers = min(workers or ocr_workers(), len(indices))
    target = str(path)
    if workers <= 1:
        # One page or one worker: the tesseract subprocess is already a separate process.
        if kind == "pdf":
            import pypdfium2 as pdfium

            pdf = pdfium.PdfDocument(target)
            try:
                return [ocr_pdf_page(target, i, engine, dpi, pdf) for i in indices]
            finally:
                pdf.close()
        return [ocr_image_frame(target, i, engine) for i in indices]
    pool = _pool(workers)
    futures: list[Future[PageText]] = []
    for i in indices:
        if kind == "pdf":
            futures.append(pool.submit(ocr_pdf_page, target, i, engine, dpi))
        else:
            futures.append(pool.submit(ocr_image_frame, target, i, engine))
    timeout = getattr(engine, "timeout", DEFAULT_PAGE_TIMEOUT) * 2 + 30
    results: list[PageText] = []
    for i, future in zip(indices, futures, strict=True):
        try:
            results.append(future.result(timeout=timeout * len(indices) / workers))
        except Exception as exc:
            results.append(
                PageText(
                    i,
                    "",
                    source="ocr",
                    usable=False,
                    reason="ocr_failed",
                    error=f"OCR of page {i + 1} failed: {exc}",
                )
            )
    return results
