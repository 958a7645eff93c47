"""Versions, moves, visibility, trash, purge and access records of documents."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import IO, Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
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
)
from ilot.documents.exceptions import (
    DocumentError,
)
from ilot.documents.filetypes import FileKind
from ilot.documents.models import (
    Document,
    DocumentShare,
    DocumentVersion,
    Folder,
    Visibility,
)
from ilot.documents.services.ingest import (
    FileResult,
    ZipNotAllowedHere,
    _audit_refusal,
    _check_quota,
    _duplicate,
    _rejected,
    _Target,
    _target,
    judge,
    version_analyse,
)
from ilot.dossiers.access import dossier_for_actor
from ilot.tenancy.models import User

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
            version_analyse(version)
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
