"""Writes on the data room. Each one atomic and audited, bytes always streamed.

Uploads end in `FileResult`s, one per file (a zip gives one per entry): `stored`, `duplicate`
(the same SHA-256 already in the dossier; nothing is stored twice) or `rejected` with the
engine error's code and bilingual message. A refused file never stops its siblings.

Order of work for a file: judge the content (type by libmagic, PDF/image inspection), check
the limits, stream it into the content-addressed blob store, then record the document and
its first version with its audit event in one savepoint. A tus upload is already in the blob
store when it is judged (finalisation hashes it on the way), so a refusal removes the blob
again when nothing else references it.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import IO, Any

from django.db import IntegrityError, transaction
from django.db.models import Max, Sum
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ilot.audit.services import audit_record
from ilot.core import rls
from ilot.core.exceptions import NotFound, PermissionDenied, ValidationFailed
from ilot.documents import conf
from ilot.documents.access import (
    Audience,
    audience_for,
    document_for_actor,
    require_bank,
    upload_for_actor,
    visible_filter,
)
from ilot.documents.archives import expand_zip
from ilot.documents.blobs import BlobInfo
from ilot.documents.chunks import UploadState
from ilot.documents.exceptions import (
    ArchiveError,
    BlobTooLarge,
    DocumentError,
    OffsetMismatch,
    UploadGone,
    UploadNotFound,
)
from ilot.documents.filetypes import FileKind, require_accepted
from ilot.documents.inspection import inspect_image, inspect_pdf
from ilot.documents.models import (
    Document,
    DocumentShare,
    DocumentVersion,
    Folder,
    Upload,
    UploadStatus,
    Visibility,
)
from ilot.documents.tus import Checksum, data_room_metadata
from ilot.dossiers.access import dossier_for_actor
from ilot.dossiers.models import Dossier
from ilot.tenancy.models import User
from ilot.workflows.taxonomy import load_taxonomy

DEFAULT_FOLDER_CODE = "99_DIVERS"
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


def judge(fh: IO[bytes], filename: str) -> Verdict:
    """Type and inspection of a seekable file; raises the engine's `DocumentError`."""
    detection = require_accepted(fh, filename)
    assert detection.kind is not None
    kind = detection.kind
    flags: list[str] = []
    if detection.extension_mismatch:
        flags.append("extension_mismatch")
    pages: int | None = None
    encrypted = javascript = False
    if kind is FileKind.PDF:
        report = inspect_pdf(fh)
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


# --- folders -----------------------------------------------------------------------------


def folders_ensure(*, dossier: Dossier) -> None:
    """Seed the taxonomy's folders into a dossier that has none yet (idempotent)."""
    if Folder.objects.filter(dossier=dossier).exists():
        return
    lang = "en" if (get_language() or "fr").startswith("en") else "fr"
    with transaction.atomic():
        for position, folder in enumerate(load_taxonomy().folders.values()):
            Folder.objects.get_or_create(
                dossier=dossier,
                parent=None,
                code=folder.code,
                defaults={
                    "name": folder.fr if lang == "fr" else folder.en,
                    "position": (position + 1) * 10,
                },
            )


def _base_folder(dossier: Dossier, ref: str | int | None) -> Folder:
    """A folder of the dossier by id, code or name; the default folder when empty."""
    folders_ensure(dossier=dossier)
    qs = Folder.objects.filter(dossier=dossier)
    if ref in (None, ""):
        found = qs.filter(parent=None, code=DEFAULT_FOLDER_CODE).first()
        return found or qs.filter(parent=None).order_by("position").first()  # type: ignore[return-value]
    text = str(ref).strip()
    found = None
    if text.isdigit():
        found = qs.filter(pk=int(text)).first()
    found = found or qs.filter(code=text).first() or qs.filter(parent=None, name=text).first()
    if found is None:
        raise ValidationFailed(_("Dossier de classement inconnu."), fields={"folder": [text]})
    return found


def _subfolder(base: Folder, relative: str) -> Folder:
    """The folder `relative` (a/b/c) below `base`, created on the way (folder uploads, zips)."""
    folder = base
    for part in [p for p in relative.replace("\\", "/").split("/") if p and p not in (".", "..")]:
        name = part.strip()[:200] or "_"
        child = Folder.objects.filter(dossier_id=base.dossier_id, parent=folder, name=name).first()
        if child is None:
            child = Folder.objects.create(
                dossier_id=base.dossier_id, parent=folder, name=name, position=0
            )
        folder = child
    return folder


def folder_create(
    *, actor: User, dossier_id: int, name: str, parent_id: int | None = None
) -> Folder:
    dossier = dossier_for_actor(actor, dossier_id)
    require_bank(audience_for(actor, dossier))
    name = (name or "").strip()[:200]
    if not name:
        raise ValidationFailed(_("Le nom est obligatoire."), fields={"name": [_("Obligatoire.")]})
    folders_ensure(dossier=dossier)
    parent = None
    if parent_id:
        parent = Folder.objects.filter(dossier=dossier, pk=parent_id).first()
        if parent is None:
            raise NotFound()
    position = (
        Folder.objects.filter(dossier=dossier, parent=parent).aggregate(m=Max("position"))["m"] or 0
    ) + 10
    folder = Folder.objects.create(dossier=dossier, parent=parent, name=name, position=position)
    audit_record(
        action="folder.created", actor=actor, dossier_id=dossier.pk, obj=folder, data={"name": name}
    )
    return folder


def folder_rename(*, actor: User, dossier_id: int, folder_id: int, name: str) -> Folder:
    dossier = dossier_for_actor(actor, dossier_id)
    require_bank(audience_for(actor, dossier))
    folder = Folder.objects.filter(dossier=dossier, pk=folder_id).first()
    if folder is None:
        raise NotFound()
    name = (name or "").strip()[:200]
    if not name:
        raise ValidationFailed(_("Le nom est obligatoire."), fields={"name": [_("Obligatoire.")]})
    old, folder.name = folder.name, name
    folder.save(update_fields=["name", "updated_at"])
    audit_record(
        action="folder.renamed",
        actor=actor,
        dossier_id=dossier.pk,
        obj=folder,
        data={"from": old, "to": name},
    )
    return folder


def folder_move(*, actor: User, dossier_id: int, folder_id: int, direction: int) -> Folder:
    """Reorder: swap a folder with its previous (-1) or next (+1) sibling."""
    dossier = dossier_for_actor(actor, dossier_id)
    require_bank(audience_for(actor, dossier))
    folder = Folder.objects.filter(dossier=dossier, pk=folder_id).first()
    if folder is None:
        raise NotFound()
    siblings = list(Folder.objects.filter(dossier=dossier, parent_id=folder.parent_id))
    siblings.sort(key=lambda f: (f.position, f.name))
    index = siblings.index(folder)
    other_index = index + (1 if direction > 0 else -1)
    if 0 <= other_index < len(siblings):
        siblings[index], siblings[other_index] = siblings[other_index], siblings[index]
        for position, item in enumerate(siblings):
            if item.position != (position + 1) * 10:
                item.position = (position + 1) * 10
                item.save(update_fields=["position", "updated_at"])
        audit_record(
            action="folder.reordered",
            actor=actor,
            dossier_id=dossier.pk,
            obj=folder,
            data={"direction": direction},
        )
    return folder


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
) -> list[FileResult]:
    """Judge, store and record one seekable file (a zip: each of its entries)."""
    try:
        fh.seek(0, 2)
        size = fh.tell()
        fh.seek(0)
        if size > conf.max_upload_bytes():
            raise BlobTooLarge(params={"max_size": conf.max_upload_bytes()})
        verdict = judge(fh, name)
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


# --- tus ---------------------------------------------------------------------------------


def upload_create(*, actor: User, length: int, metadata: dict[str, str | None]) -> Upload:
    """tus creation: validate the metadata and the wall, then stage an empty upload."""
    md = data_room_metadata(metadata)
    dossier = dossier_for_actor(actor, md.dossier)
    relative = (metadata.get("relativePath") or metadata.get("relative_path") or "").strip()
    target = _target(
        actor,
        dossier,
        folder=md.folder,
        visibility=md.visibility,
        share_with=_ints(metadata.get("share_with")),
        via="tus",
    )
    if length > conf.max_upload_bytes():
        raise BlobTooLarge(params={"max_size": conf.max_upload_bytes()})
    _check_quota(dossier, length)
    state = conf.staging().create(length=length, metadata=metadata, owner=str(actor.pk))
    upload = Upload.objects.create(
        id=state.upload_id,
        dossier=dossier,
        owner=actor,
        filename=md.filename[:255],
        folder=target.folder,
        visibility=target.visibility,
        length=length,
        metadata={**metadata, "relativePath": relative},
        expires_at=state.expires_at,
    )
    audit_record(
        action="upload.created",
        actor=actor,
        dossier_id=dossier.pk,
        obj=upload,
        data={"filename": md.filename, "length": length},
    )
    return upload


def _ints(raw: str | None) -> list[int]:
    return [int(p) for p in (raw or "").split(",") if p.strip().isdigit()]


def upload_state(*, actor: User, upload_id: str) -> tuple[Upload, UploadState | None]:
    """The upload row and, while it is active, its staged state (offset)."""
    upload = upload_for_actor(actor, upload_id)
    if upload.status == UploadStatus.TERMINATED:
        raise UploadNotFound()
    if upload.status == UploadStatus.EXPIRED:
        raise UploadGone()
    if upload.status != UploadStatus.ACTIVE:
        return upload, None
    return upload, conf.staging().get(upload.pk)


def upload_append(
    *,
    actor: User,
    upload_id: str,
    offset: int,
    body: Any,
    checksum: Checksum | None,
    content_length: int | None,
) -> tuple[Upload, int]:
    """tus PATCH: append a chunk; the last one turns the upload into document(s)."""
    upload = upload_for_actor(actor, upload_id)
    if upload.status == UploadStatus.COMPLETED:
        if offset != upload.length:
            raise OffsetMismatch(params={"given": offset, "expected": upload.length})
        return upload, upload.length
    if upload.status != UploadStatus.ACTIVE:
        raise UploadGone()
    staging = conf.staging()
    state = staging.append(
        upload.pk, offset=offset, body=body, checksum=checksum, content_length=content_length
    )
    upload.offset = state.offset
    upload.expires_at = state.expires_at
    if state.complete:
        _upload_finish(upload, actor)
    upload.save()
    return upload, state.offset


def _upload_finish(upload: Upload, actor: User) -> None:
    store = conf.blob_store()
    finished = conf.staging().finalise(upload.pk, store, max_size=conf.max_upload_bytes())
    blob = finished.blob
    dossier = dossier_for_actor(actor, upload.dossier_id)
    audience = audience_for(actor, dossier)
    folder = upload.folder or _base_folder(dossier, None)
    target = _Target(
        audience=audience,
        folder=folder,
        visibility=upload.visibility or Visibility.ALL,
        share_with=_ints(upload.metadata.get("share_with")),
        via="tus",
    )
    name, sub = _split_relative(upload.filename, upload.metadata.get("relativePath") or "")
    base = _subfolder(folder, sub) if sub else folder
    with store.open(blob.sha256) as fh:
        results = _ingest(
            target,
            fh,
            name,
            base,
            path=upload.metadata.get("relativePath") or name,
            blob=blob,
        )
    upload.status = UploadStatus.COMPLETED
    upload.offset = upload.length
    upload.result = {"results": [r.as_dict() for r in results]}


def upload_terminate(*, actor: User, upload_id: str) -> None:
    """tus DELETE: drop the staged bytes."""
    upload = upload_for_actor(actor, upload_id)
    if upload.status == UploadStatus.ACTIVE:
        conf.staging().delete(upload.pk)
    upload.status = UploadStatus.TERMINATED
    upload.save(update_fields=["status"])
    audit_record(action="upload.terminated", actor=actor, dossier_id=upload.dossier_id, obj=upload)


def uploads_cleanup_expired(*, now: datetime | None = None) -> int:
    """Periodic: remove the staged bytes of abandoned uploads, mark their rows. Idempotent."""
    now = now or timezone.now()
    removed = conf.staging().cleanup_expired(now=now)
    with rls.as_system():
        stale = Upload.objects.filter(status=UploadStatus.ACTIVE).filter(
            expires_at__lte=now
        ) | Upload.objects.filter(status=UploadStatus.ACTIVE, pk__in=removed)
        count = stale.update(status=UploadStatus.EXPIRED)
    return count


# --- versions, moves, visibility, trash --------------------------------------------------


def _may_edit(audience: Audience, document: Document) -> None:
    if not (audience.is_bank or document.created_by_id == audience.user.pk):
        raise PermissionDenied(_("Seuls la banque et l'auteur du dépôt peuvent faire cela."))


def document_add_version(
    *, actor: User, document_id: int | str, fileobj: IO[bytes], filename: str, via: str = "web"
) -> FileResult:
    """A new immutable version of a document (same rules as an upload; no archives)."""
    document, audience = document_for_actor(actor, document_id)
    name = filename.replace("\\", "/").rsplit("/", 1)[-1] or document.name
    target = _Target(
        audience=audience, folder=document.folder, visibility=document.visibility, via=via
    )
    try:
        verdict = judge(fileobj, name)
        if verdict.kind is FileKind.ZIP:
            raise ZipNotAllowedHere()
        _check_quota(document.dossier, verdict.size)
        fileobj.seek(0)
        blob = conf.blob_store().put(fileobj, max_size=conf.max_upload_bytes())
    except DocumentError as exc:
        result = _rejected(name, exc)
        _audit_refusal(target, result)
        return result
    existing = (
        DocumentVersion.objects.filter(dossier_id=document.dossier_id, sha256=blob.sha256)
        .select_related("document")
        .first()
    )
    if existing is not None:
        return _duplicate(target, blob, name, name, existing.document)
    try:
        with transaction.atomic():
            locked = Document.objects.select_for_update().get(pk=document.pk)
            number = (locked.versions.aggregate(m=Max("number"))["m"] or 0) + 1
            version = DocumentVersion.objects.create(
                dossier_id=document.dossier_id,
                document=locked,
                number=number,
                sha256=blob.sha256,
                size=blob.size,
                mime=verdict.mime,
                kind=verdict.kind.value,
                pages=verdict.pages,
                original_name=name[:255],
                uploaded_by=actor,
            )
            locked.current_version = version
            locked.is_encrypted = verdict.encrypted
            locked.has_javascript = verdict.javascript
            locked.flags = list(verdict.flags)
            locked.category = None
            locked.category_confidence = None
            locked.save()
            audit_record(
                action="document.version_added",
                actor=actor,
                dossier_id=document.dossier_id,
                obj=locked,
                data={"version": number, "sha256": blob.sha256, "size": blob.size, "via": via},
            )
    except IntegrityError:
        return _duplicate(target, blob, name, name, None)
    return FileResult(
        name=name,
        path=name,
        status="stored",
        document_id=document.pk,
        version=number,
        size=blob.size,
        sha256=blob.sha256,
        flags=list(verdict.flags),
    )


def _documents(actor: User, dossier_id: int | str, document_ids: Iterable[int | str], **kw: bool):  # type: ignore[no-untyped-def]
    found = []
    for document_id in document_ids:
        document, audience = document_for_actor(actor, document_id, **kw)
        if document.dossier_id != int(dossier_id):
            raise NotFound()
        found.append((document, audience))
    if not found:
        raise ValidationFailed(_("Sélectionnez au moins un document."))
    return found


def documents_move(
    *, actor: User, dossier_id: int, document_ids: Iterable[int | str], folder_id: int | str
) -> int:
    dossier = dossier_for_actor(actor, dossier_id)
    folder = Folder.objects.filter(dossier=dossier, pk=_int(folder_id)).first()
    if folder is None:
        raise ValidationFailed(
            _("Dossier de classement inconnu."), fields={"folder": [str(folder_id)]}
        )
    moved = 0
    for document, audience in _documents(actor, dossier.pk, document_ids):
        _may_edit(audience, document)
        if document.folder_id == folder.pk:
            continue
        previous = document.folder_id
        document.folder = folder
        document.save(update_fields=["folder", "updated_at"])
        audit_record(
            action="document.moved",
            actor=actor,
            dossier_id=dossier.pk,
            obj=document,
            data={"from": previous, "to": folder.pk},
        )
        moved += 1
    return moved


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError) as exc:
        raise NotFound() from exc


def documents_set_visibility(
    *,
    actor: User,
    dossier_id: int,
    document_ids: Iterable[int | str],
    visibility: str,
    share_with: Iterable[int] = (),
) -> int:
    dossier = dossier_for_actor(actor, dossier_id)
    target = _target(
        actor, dossier, folder=None, visibility=visibility, share_with=share_with, via="web"
    )
    changed = 0
    for document, audience in _documents(actor, dossier.pk, document_ids):
        _may_edit(audience, document)
        previous = document.visibility
        document.visibility = target.visibility
        document.save(update_fields=["visibility", "updated_at"])
        DocumentShare.objects.filter(document=document).delete()
        if target.visibility == Visibility.PARTIES:
            for org_id in target.share_with:
                DocumentShare.objects.create(
                    dossier=dossier, document=document, organisation_id=org_id
                )
        audit_record(
            action="document.visibility_changed",
            actor=actor,
            dossier_id=dossier.pk,
            obj=document,
            data={
                "from": previous,
                "to": target.visibility,
                "shared_with": list(target.share_with),
            },
        )
        changed += 1
    return changed


def documents_delete(*, actor: User, dossier_id: int, document_ids: Iterable[int | str]) -> int:
    """To the trash: hidden from everyone, restorable by the bank until the retention ends."""
    dossier = dossier_for_actor(actor, dossier_id)
    now = timezone.now()
    count = 0
    for document, audience in _documents(actor, dossier.pk, document_ids):
        _may_edit(audience, document)
        document.deleted_at, document.deleted_by = now, actor
        document.save(update_fields=["deleted_at", "deleted_by", "updated_at"])
        audit_record(action="document.deleted", actor=actor, dossier_id=dossier.pk, obj=document)
        count += 1
    return count


def documents_restore(*, actor: User, dossier_id: int, document_ids: Iterable[int | str]) -> int:
    dossier = dossier_for_actor(actor, dossier_id)
    require_bank(audience_for(actor, dossier))
    count = 0
    for document, _audience in _documents(actor, dossier.pk, document_ids, include_deleted=True):
        if document.deleted_at is None:
            continue
        document.deleted_at, document.deleted_by = None, None
        document.save(update_fields=["deleted_at", "deleted_by", "updated_at"])
        audit_record(action="document.restored", actor=actor, dossier_id=dossier.pk, obj=document)
        count += 1
    return count


def documents_purge_expired(
    *, now: datetime | None = None, retention: timedelta | None = None
) -> int:
    """Periodic: purge documents trashed longer than the retention, and their unshared blobs.

    Runs as the system actor (across dossiers); idempotent: what is gone is not seen again,
    and a blob is deleted only once no version anywhere references it.
    """
    now = now or timezone.now()
    limit = now - (retention if retention is not None else conf.trash_retention())
    purged = 0
    store, previews = conf.blob_store(), conf.preview_cache()
    with rls.as_system():
        for document in Document.objects.filter(deleted_at__lt=limit).order_by("pk"):
            with transaction.atomic():
                hashes = list(document.versions.values_list("sha256", flat=True))
                Document.objects.filter(pk=document.pk).update(current_version=None)
                DocumentShare.objects.filter(document=document).delete()
                DocumentVersion.objects.filter(document=document).delete()
                audit_record(
                    action="document.purged",
                    actor_label="system",
                    dossier_id=document.dossier_id,
                    obj=document,
                    data={"name": document.name, "versions": len(hashes)},
                )
                document.delete()
            for sha in hashes:
                if not DocumentVersion.objects.filter(sha256=sha).exists():
                    store.delete(sha)
                    previews.purge(sha)
            purged += 1
    return purged


def document_record_access(
    *, actor: User, document: Document, action: str, data: dict[str, Any] | None = None
) -> None:
    """Audit a view, preview or download (in the request's transaction)."""
    audit_record(
        action=action, actor=actor, dossier_id=document.dossier_id, obj=document, data=data
    )
