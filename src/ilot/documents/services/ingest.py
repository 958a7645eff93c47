"""Judging, storing and recording files: the core of every upload (see the package docstring)."""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import IO, Any

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ilot.audit.services import audit_record
from ilot.core import rls
from ilot.core.exceptions import ValidationFailed
from ilot.documents import conf
from ilot.documents.access import (
    Audience,
    audience_for,
    visible_filter,
)
from ilot.documents.archives import expand_zip
from ilot.documents.blobs import BlobInfo
from ilot.documents.exceptions import (
    ArchiveError,
    BlobTooLarge,
    DocumentError,
)
from ilot.documents.filetypes import FileKind, require_accepted
from ilot.documents.inspection import inspect_image, inspect_pdf
from ilot.documents.models import (
    Document,
    DocumentShare,
    DocumentVersion,
    Folder,
    Visibility,
)
from ilot.documents.services.folders import _base_folder, _subfolder, folders_ensure  # noqa: F401
from ilot.dossiers.access import dossier_for_actor
from ilot.dossiers.models import Dossier
from ilot.tenancy.models import User

_SPOOL_MEMORY = 8 * 1024 * 1024
_IMAGE_KINDS = frozenset({FileKind.PNG, FileKind.JPEG, FileKind.TIFF})


class DossierQuotaExceeded(DocumentError):
    status = 413
    code = "dossier_quota_exceeded"
    message_en = "The dossier's storage limit ({limit} bytes) would be exceeded."
    message_fr = "La limite de stockage du dossier ({limit} octets) serait dépassée."


class ZipNotAllowedHere(DocumentError):
    status = 422
    code = "archive_not_allowed"
    message_en = "An archive cannot be a version of a document; upload it to a folder."
    message_fr = (
        "Une archive ne peut pas être une version d'un document ; déposez-la dans un dossier."
    )


# --- results -----------------------------------------------------------------------------


@dataclass
class FileResult:
    """What became of one file."""

    name: str
    status: str  # stored | duplicate | rejected | skipped
    path: str = ""
    code: str = ""
    message: str = ""
    message_fr: str = ""
    document_id: int | None = None
    version: int | None = None
    duplicate_of: int | None = None
    size: int | None = None
    sha256: str = ""
    flags: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "path": self.path or self.name,
            "status": self.status,
            "code": self.code,
            "message": self.message,
            "message_fr": self.message_fr,
            "document_id": self.document_id,
            "version": self.version,
            "duplicate_of": self.duplicate_of,
            "size": self.size,
            "sha256": self.sha256,
            "flags": self.flags,
        }


def _rejected(name: str, exc: DocumentError, path: str = "") -> FileResult:
    lang = get_language() or "fr"
    return FileResult(
        name=name,
        path=path,
        status="rejected",
        code=exc.code,
        message=exc.message_in(lang),
        message_fr=exc.message_in("fr"),
    )


@dataclass(frozen=True)
class Verdict:
    """What the content is, decided from the bytes."""

    kind: FileKind
    mime: str
    size: int
    pages: int | None
    encrypted: bool = False
    javascript: bool = False
    flags: tuple[str, ...] = ()


def judge(fh: IO[bytes], filename: str, *, pdf_tokens: Mapping[str, bool] | None = None) -> Verdict:
    """Type and inspection of a seekable file; raises the engine's `DocumentError`.

    `pdf_tokens`: the raw PDF token scan of exactly this file, made while it was written
    (tus staging); None to scan it here.
    """
    detection = require_accepted(fh, filename)
    assert detection.kind is not None
    kind = detection.kind
    flags: list[str] = []
    if detection.extension_mismatch:
        flags.append("extension_mismatch")
    pages: int | None = None
    encrypted = javascript = False
    if kind is FileKind.PDF:
        report = inspect_pdf(fh, tokens=pdf_tokens)
        pages, encrypted, javascript = report.page_count, report.encrypted, report.javascript
        flags += list(report.flags)
    elif kind in _IMAGE_KINDS:
        pages = inspect_image(fh).frames
    return Verdict(
        kind=kind,
        mime=detection.mime,
        size=detection.size,
        pages=pages,
        encrypted=encrypted,
        javascript=javascript,
        flags=tuple(flags),
    )


# --- limits ------------------------------------------------------------------------------


def dossier_usage(dossier: Dossier) -> int:
    with rls.as_system():
        total = DocumentVersion.objects.filter(dossier=dossier).aggregate(s=Sum("size"))["s"]
    return int(total or 0)


def _check_quota(dossier: Dossier, incoming: int, *, already_counted: int = 0) -> None:
    limit = conf.max_dossier_bytes()
    if dossier_usage(dossier) - already_counted + incoming > limit:
        raise DossierQuotaExceeded(params={"limit": limit})


# --- ingestion ---------------------------------------------------------------------------


@dataclass
class _Target:
    audience: Audience
    folder: Folder
    visibility: str
    share_with: Sequence[int] = ()
    via: str = "web"

    @property
    def dossier(self) -> Dossier:
        return self.audience.dossier

    @property
    def actor(self) -> User:
        return self.audience.user


def _blob_unreferenced(sha256: str) -> bool:
    with rls.as_system():
        return not DocumentVersion.objects.filter(sha256=sha256).exists()


def _discard_blob(blob: BlobInfo | None) -> None:
    if blob is not None and blob.created and _blob_unreferenced(blob.sha256):
        conf.blob_store().delete(blob.sha256)


def _audit_refusal(target: _Target, result: FileResult) -> None:
    audit_record(
        action="document.upload_refused",
        actor=target.actor,
        dossier_id=target.dossier.pk,
        object_type="documents.document",
        object_id=result.duplicate_of or "",
        data={
            "name": result.path or result.name,
            "status": result.status,
            "code": result.code,
            "via": target.via,
        },
    )


def _record(
    target: _Target, verdict: Verdict, blob: BlobInfo, name: str, folder: Folder, path: str
) -> FileResult:
    """Create the document and its first version, or report the duplicate."""
    existing = (
        DocumentVersion.objects.filter(dossier=target.dossier, sha256=blob.sha256)
        .select_related("document")
        .first()
    )
    if existing is not None:
        return _duplicate(target, blob, name, path, existing.document)
    try:
        with transaction.atomic():
            document = Document.objects.create(
                dossier=target.dossier,
                folder=folder,
                name=name[:255],
                visibility=target.visibility,
                created_by=target.actor,
                is_encrypted=verdict.encrypted,
                has_javascript=verdict.javascript,
                flags=list(verdict.flags),
            )
            version = DocumentVersion.objects.create(
                dossier=target.dossier,
                document=document,
                number=1,
                sha256=blob.sha256,
                size=blob.size,
                mime=verdict.mime,
                kind=verdict.kind.value,
                pages=verdict.pages,
                original_name=name[:255],
                uploaded_by=target.actor,
            )
            document.current_version = version
            document.save(update_fields=["current_version", "updated_at"])
            if target.visibility == Visibility.PARTIES:
                for org_id in target.share_with:
                    DocumentShare.objects.create(
                        dossier=target.dossier, document=document, organisation_id=org_id
                    )
            audit_record(
                action="document.uploaded",
                actor=target.actor,
                dossier_id=target.dossier.pk,
                obj=document,
                data={
                    "name": name,
                    "path": path,
                    "folder": folder.pk,
                    "sha256": blob.sha256,
                    "size": blob.size,
                    "version": 1,
                    "visibility": target.visibility,
                    "flags": list(verdict.flags),
                    "via": target.via,
                },
            )
            version_analyse(version)
    except IntegrityError:
        # A concurrent identical upload won, or the same bytes sit in a document this actor
        # may not see (so it is not named).
        return _duplicate(target, blob, name, path, None)
    return FileResult(
        name=name,
        path=path,
        status="stored",
        document_id=document.pk,
        version=1,
        size=blob.size,
        sha256=blob.sha256,
        flags=list(verdict.flags),
    )


def version_analyse(version: DocumentVersion) -> None:
    """Hand a new version to the document AI (queued once the upload commits)."""
    from ilot.docai.services import analysis_enqueue

    analysis_enqueue(version=version)


def _duplicate(
    target: _Target, blob: BlobInfo, name: str, path: str, document: Document | None
) -> FileResult:
    visible = (
        document is not None
        and Document.objects.filter(pk=document.pk).filter(visible_filter(target.audience)).exists()
    )
    shown = document if visible else None
    if shown is not None:
        message = _("Doublon de « %(name)s » déjà présent dans le dossier.") % {"name": shown.name}
    else:
        message = _("Ce contenu est déjà présent dans le dossier.")
    result = FileResult(
        name=name,
        path=path,
        status="duplicate",
        code="duplicate",
        message=message,
        message_fr=message,
        duplicate_of=shown.pk if shown is not None else None,
        size=blob.size,
        sha256=blob.sha256,
    )
    _audit_refusal(target, result)
    return result


def _ingest(
    target: _Target,
    fh: IO[bytes],
    name: str,
    folder: Folder,
    *,
    path: str = "",
    blob: BlobInfo | None = None,
    allow_zip: bool = True,
    pdf_tokens: Mapping[str, bool] | None = None,
) -> list[FileResult]:
    """Judge, store and record one seekable file (a zip: each of its entries)."""
    try:
        fh.seek(0, 2)
        size = fh.tell()
        fh.seek(0)
        if size > conf.max_upload_bytes():
            raise BlobTooLarge(params={"max_size": conf.max_upload_bytes()})
        verdict = judge(fh, name, pdf_tokens=pdf_tokens)
        if verdict.kind is FileKind.ZIP:
            if not allow_zip:
                raise ArchiveError(params={"reason": "nested archive"})
            results = _ingest_zip(target, fh, folder, prefix=path)
            _discard_blob(blob)
            return results
        _check_quota(target.dossier, verdict.size, already_counted=0)
        if blob is None:
            fh.seek(0)
            blob = conf.blob_store().put(fh, max_size=conf.max_upload_bytes())
    except DocumentError as exc:
        _discard_blob(blob)
        result = _rejected(name, exc, path)
        _audit_refusal(target, result)
        return [result]
    return [_record(target, verdict, blob, name, folder, path)]


def _ingest_zip(target: _Target, fh: IO[bytes], folder: Folder, *, prefix: str) -> list[FileResult]:
    """Expand an archive: every entry judged and stored, then all recorded (or none: bomb)."""
    fh.seek(0)
    staged: list[tuple[str, str, Verdict | None, BlobInfo | None, DocumentError | None]] = []
    created: list[BlobInfo] = []
    store = conf.blob_store()
    try:
        for entry in expand_zip(fh, limits=conf.zip_limits()):
            if not entry.accepted:
                if entry.status == "skipped":
                    continue
                staged.append((entry.filename, entry.path, None, None, entry.error))
                continue
            with tempfile.SpooledTemporaryFile(max_size=_SPOOL_MEMORY) as spool:
                with entry.open() as src:
                    while chunk := src.read(1024 * 1024):
                        spool.write(chunk)
                spool.seek(0)
                try:
                    verdict = judge(spool, entry.filename)
                    if verdict.kind is FileKind.ZIP:
                        raise ArchiveError(params={"reason": "archives nested too deeply"})
                    spool.seek(0)
                    blob = store.put(spool, max_size=conf.max_upload_bytes())
                except DocumentError as exc:
                    staged.append((entry.filename, entry.path, None, None, exc))
                    continue
                if blob.created:
                    created.append(blob)
                staged.append((entry.filename, entry.path, verdict, blob, None))
        incoming = sum(b.size for b in created)
        _check_quota(target.dossier, incoming)
    except DocumentError as exc:
        for blob in created:
            _discard_blob(blob)
        result = _rejected(prefix or "archive", exc, prefix)
        _audit_refusal(target, result)
        return [result]
    results: list[FileResult] = []
    for name, entry_path, judged, stored, error in staged:
        path = entry_path
        if error is not None or judged is None or stored is None:
            assert error is not None
            result = _rejected(name, error, path)
            _audit_refusal(target, result)
            results.append(result)
            continue
        sub = entry_path.rsplit("/", 1)[0] if "/" in entry_path else ""
        results.append(_record(target, judged, stored, name, _subfolder(folder, sub), path))
    return results


def _target(
    actor: User,
    dossier: Dossier,
    *,
    folder: str | int | None,
    visibility: str | None,
    share_with: Iterable[int] = (),
    via: str,
) -> _Target:
    audience = audience_for(actor, dossier)
    visibility = visibility or Visibility.ALL
    if visibility not in Visibility.values:
        raise ValidationFailed(_("Visibilité inconnue."), fields={"visibility": [visibility]})
    shares = sorted({int(s) for s in share_with})
    if visibility == Visibility.PARTIES:
        allowed = set(dossier_party_organisations(dossier))
        if not shares or not set(shares) <= allowed:
            raise ValidationFailed(
                _("Choisissez les parties du dossier avec qui partager."),
                fields={"share_with": [str(s) for s in shares]},
            )
    return _Target(
        audience=audience,
        folder=_base_folder(dossier, folder),
        visibility=visibility,
        share_with=shares,
        via=via,
    )


def dossier_party_organisations(dossier: Dossier) -> list[int]:
    """Organisations a document can be shared with: the client and the invited parties."""
    from ilot.dossiers.models import BANK_ROLES, Participant

    orgs = {dossier.client_id}
    for role, org_id in Participant.objects.filter(dossier=dossier, is_active=True).values_list(
        "role", "organisation_id"
    ):
        if role not in BANK_ROLES:
            orgs.add(org_id)
    return sorted(orgs)


def document_upload(
    *,
    actor: User,
    dossier_id: int | str,
    fileobj: IO[bytes],
    filename: str,
    folder: str | int | None = None,
    visibility: str | None = None,
    share_with: Iterable[int] = (),
    relative_path: str = "",
    via: str = "web",
) -> list[FileResult]:
    """Upload one small file (multipart) into a dossier; a zip is expanded."""
    dossier = dossier_for_actor(actor, dossier_id)
    target = _target(
        actor, dossier, folder=folder, visibility=visibility, share_with=share_with, via=via
    )
    name, sub = _split_relative(filename, relative_path)
    base = _subfolder(target.folder, sub) if sub else target.folder
    return _ingest(target, fileobj, name, base, path=relative_path or name)


def _split_relative(filename: str, relative_path: str) -> tuple[str, str]:
    """(file name, sub-folder) from a browser's relative path (folder drops)."""
    name = filename.replace("\\", "/").rsplit("/", 1)[-1].strip() or "document"
    rel = (relative_path or "").replace("\\", "/").strip("/")
    sub = rel.rsplit("/", 1)[0] if "/" in rel else ""
    return name, sub
