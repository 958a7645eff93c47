"""tus uploads: creation, chunks, finalisation into documents, termination, expiry."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from ilot.audit.services import audit_record
from ilot.core import rls
from ilot.documents import conf
from ilot.documents.access import (
    audience_for,
    upload_for_actor,
)
from ilot.documents.chunks import UploadState
from ilot.documents.exceptions import (
    BlobTooLarge,
    OffsetMismatch,
    UploadGone,
    UploadNotFound,
)
from ilot.documents.models import (
    Upload,
    UploadStatus,
    Visibility,
)
from ilot.documents.services.folders import _base_folder, _subfolder
from ilot.documents.services.ingest import (
    _check_quota,
    _ingest,
    _split_relative,
    _Target,
    _target,
)
from ilot.documents.tus import Checksum, data_room_metadata
from ilot.dossiers.access import dossier_for_actor
from ilot.tenancy.models import User

# --- tus ---------------------------------------------------------------------------------

_ROW_SLACK = timedelta(minutes=10)


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
    if state.complete:
        upload.offset = state.offset
        upload.expires_at = state.expires_at
        _upload_finish(upload, actor)
        upload.save()
    elif state.expires_at > upload.expires_at:
        # The staged file is the truth of the offset and the expiry (its size and date);
        # the row only serves listings and the expiry sweep. Rewriting it on every chunk
        # would be a commit per 8 MB: it is refreshed once its expiry falls behind the
        # staged file's, and then set ahead by `_ROW_SLACK`, so the sweep never expires an
        # upload early (it also marks every upload whose staged bytes it removed).
        Upload.objects.filter(pk=upload.pk).update(
            offset=state.offset, expires_at=state.expires_at + _ROW_SLACK
        )
    # What this answer reports (Upload-Expires) is the staged file's.
    upload.offset = state.offset
    upload.expires_at = state.expires_at
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
            pdf_tokens=finished.pdf_tokens,
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
