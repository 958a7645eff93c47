"""Responses that carry document bytes: downloads (original or watermarked), previews, zips.

Shared by the API and the web views. The access check and the audit event happen in the
request (inside the middleware's transaction); the body then streams from the blob store
only, never touching a protected table (the transaction is over by then).
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import IO, cast

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ilot.core.exceptions import NotFound, PermissionDenied
from ilot.documents import conf
from ilot.documents.access import Audience, document_for_actor
from ilot.documents.exceptions import PreviewUnavailable
from ilot.documents.filetypes import FileKind
from ilot.documents.models import Document, DocumentVersion
from ilot.documents.previews import PREVIEWABLE_KINDS, PreviewFormat, render_preview
from ilot.documents.services import document_record_access
from ilot.documents.watermark import Watermark, watermark_pdf
from ilot.tenancy.models import User
from ilot.tenancy.selectors import user_primary_organisation


def _version(document: Document, number: int | None) -> DocumentVersion:
    if number is None:
        version = document.current_version
    else:
        version = document.versions.filter(number=number).first()
    if version is None:
        raise NotFound()
    return version


def may_get_original(audience: Audience, document: Document) -> bool:
    """Bank staff, and the uploader for their own file, may download the original bytes."""
    return audience.is_bank or document.created_by_id == audience.user.pk


def _watermark(actor: User, document: Document) -> Watermark:
    organisation = user_primary_organisation(actor)
    lang = "en" if (get_language() or "fr").startswith("en") else "fr"
    return Watermark(
        name=actor.display_name,
        organisation=organisation.name if organisation else "",
        dossier=document.dossier.reference,
        when=timezone.localtime(),
        lang=lang,
    )


def _closing(chunks: Iterable[bytes], fh: IO[bytes]) -> Iterator[bytes]:
    try:
        yield from chunks
    finally:
        fh.close()


def download_name(document: Document, version: DocumentVersion) -> str:
    return version.original_name or document.name


def download_response(
    *, actor: User, document_id: int | str, version: int | None = None, original: bool = False
) -> StreamingHttpResponse:
    """Stream a document: PDFs watermarked for the downloader unless `original` is allowed."""
    document, audience = document_for_actor(actor, document_id)
    chosen = _version(document, version)
    if original and not may_get_original(audience, document):
        raise PermissionDenied(_("Votre rôle ne permet pas de télécharger l'original."))
    store = conf.blob_store()
    watermarked = chosen.kind == FileKind.PDF and not original
    if watermarked:
        fh = store.open(chosen.sha256)
        try:
            chunks = watermark_pdf(fh, _watermark(actor, document))
            # The plan (and any WatermarkError) comes with the first chunk: get it now,
            # while an error can still be a proper JSON answer.
            first = next(chunks)
        except BaseException:
            fh.close()
            raise
        body: Iterable[bytes] = _closing(_prepend(first, chunks), fh)
    else:
        body = store.iter_range(chosen.sha256)
    document_record_access(
        actor=actor,
        document=document,
        action="document.downloaded",
        data={"version": chosen.number, "watermarked": watermarked, "sha256": chosen.sha256},
    )
    response = StreamingHttpResponse(body, content_type=chosen.mime)
    if not watermarked:
        response["Content-Length"] = str(chosen.size)
    response["Content-Disposition"] = content_disposition_header(
        True, download_name(document, chosen)
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _prepend(first: bytes, rest: Iterator[bytes]) -> Iterator[bytes]:
    yield first
    yield from rest


def preview_response(
    *,
    actor: User,
    document_id: int | str,
    page: int = 1,
    width: int = 1024,
    thumbnail: bool = False,
) -> HttpResponse:
    """A page image (PNG, or a WebP thumbnail), rendered on demand and cached by content."""
    document, _audience = document_for_actor(actor, document_id)
    version = _version(document, None)
    kind = FileKind(version.kind)
    if kind not in PREVIEWABLE_KINDS:
        raise PreviewUnavailable(params={"reason": f"no preview for {kind.value.upper()} files"})
    if document.is_encrypted:
        raise PreviewUnavailable(params={"reason": "the PDF is encrypted"})
    store, cache = conf.blob_store(), conf.preview_cache()
    if thumbnail:
        preview = cache.thumbnail(version.sha256, kind, lambda: store.open(version.sha256))
    else:

        def render(snapped: int) -> object:
            with store.open(version.sha256) as fh:
                return render_preview(fh, kind, page=page, width=snapped, fmt=PreviewFormat.PNG)

        preview = cache.get_or_render(
            version.sha256,
            page=page,
            width=width,
            fmt=PreviewFormat.PNG,
            render=render,  # type: ignore[arg-type]
        )
    document_record_access(
        actor=actor,
        document=document,
        action="document.previewed",
        data={"page": page, "thumbnail": thumbnail, "version": version.number},
    )
    response = HttpResponse(preview.data, content_type=preview.content_type)
    response["Cache-Control"] = "private, max-age=600"
    return response


class _Sink:
    """A write-only, non-seekable file for zipfile: bytes are drained as they come."""

    def __init__(self) -> None:
        self._buffer = bytearray()
        self._position = 0

    def write(self, data: bytes) -> int:
        self._buffer += data
        self._position += len(data)
        return len(data)

    def tell(self) -> int:
        return self._position

    def flush(self) -> None:
        return None

    def drain(self) -> bytes:
        data = bytes(self._buffer)
        self._buffer.clear()
        return data


def zip_response(
    *, actor: User, documents: list[tuple[Document, Audience]], name: str
) -> StreamingHttpResponse:
    """A zip of several documents, streamed (watermarked PDFs for who may not get originals)."""
    plan: list[tuple[str, DocumentVersion, Watermark | None]] = []
    used: set[str] = set()
    for document, audience in documents:
        version = _version(document, None)
        watermark = None
        if version.kind == FileKind.PDF and not audience.is_bank and not document.is_encrypted:
            watermark = _watermark(actor, document)
        path = f"{document.folder.name}/{download_name(document, version)}".replace("\\", "_")
        base, counter = path, 1
        while path.casefold() in used:
            counter += 1
            stem, dot, ext = base.rpartition(".")
            path = f"{stem} ({counter}).{ext}" if dot else f"{base} ({counter})"
        used.add(path.casefold())
        plan.append((path, version, watermark))
        document_record_access(
            actor=actor,
            document=document,
            action="document.downloaded",
            data={"version": version.number, "watermarked": watermark is not None, "zip": True},
        )
    response = StreamingHttpResponse(_zip_stream(plan), content_type="application/zip")
    response["Content-Disposition"] = content_disposition_header(True, name)
    response["Cache-Control"] = "private, no-store"
    return response


def _zip_stream(plan: list[tuple[str, DocumentVersion, Watermark | None]]) -> Iterator[bytes]:
    store = conf.blob_store()
    sink = _Sink()
    with zipfile.ZipFile(cast(IO[bytes], sink), "w", compression=zipfile.ZIP_STORED) as zf:
        for path, version, watermark in plan:
            info = zipfile.ZipInfo(path, date_time=_zip_time(version.created_at))
            with store.open(version.sha256) as fh:
                chunks = watermark_pdf(fh, watermark) if watermark else _read(fh)
                with zf.open(info, "w", force_zip64=True) as dest:
                    for chunk in chunks:
                        dest.write(chunk)
                        yield sink.drain()
            yield sink.drain()
    yield sink.drain()


def _read(fh: IO[bytes]) -> Iterator[bytes]:
    while chunk := fh.read(1024 * 1024):
        yield chunk


def _zip_time(moment: datetime) -> tuple[int, int, int, int, int, int]:
    local = timezone.localtime(moment)
    return (max(local.year, 1980), local.month, local.day, local.hour, local.minute, local.second)
