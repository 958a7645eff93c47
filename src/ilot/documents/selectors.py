"""Reads on the data room, inside the walls: every function takes the actor."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet

from ilot.documents.access import Audience, audience_for, document_for_actor, visible_documents
from ilot.documents.models import Document, DocumentVersion, Folder, Upload
from ilot.documents.services import dossier_party_organisations, folders_ensure
from ilot.dossiers.access import dossier_for_actor
from ilot.tenancy.models import Organisation, User

SORTS: dict[str, str] = {
    "name": "name",
    "folder": "folder__position",
    "size": "current_version__size",
    "pages": "current_version__pages",
    "date": "created_at",
    "version": "current_version__number",
    "status": "status",
    "category": "category",
    "uploader": "created_by__email",
}


@dataclass
class FolderNode:
    folder: Folder
    children: list[FolderNode] = field(default_factory=list)
    count: int = 0
    depth: int = 0

    @property
    def total(self) -> int:
        return self.count + sum(child.total for child in self.children)


def dossier_documents(
    *,
    actor: User,
    dossier_id: int | str,
    folder_id: int | None = None,
    search: str = "",
    sort: str = "name",
    trash: bool = False,
    status: str = "",
) -> tuple[QuerySet[Document], Audience]:
    """The documents the actor may see in a dossier, filtered and sorted."""
    dossier = dossier_for_actor(actor, dossier_id)
    audience = audience_for(actor, dossier)
    qs = visible_documents(audience, trash=trash).select_related(
        "folder", "current_version", "created_by"
    )
    if folder_id:
        qs = qs.filter(folder_id__in=_descendants(dossier.pk, folder_id))
    if search:
        qs = qs.filter(Q(name__icontains=search) | Q(category__icontains=search))
    if status:
        qs = qs.filter(status=status)
    key = sort.lstrip("-")
    order = SORTS.get(key, "name")
    descending = sort.startswith("-")
    qs = qs.order_by(("-" if descending else "") + order, "name", "pk")
    return qs, audience


def _descendants(dossier_id: int, folder_id: int) -> set[int]:
    parents: dict[int | None, list[int]] = {}
    for pk, parent in Folder.objects.filter(dossier_id=dossier_id).values_list("pk", "parent_id"):
        parents.setdefault(parent, []).append(pk)
    found, todo = set(), [folder_id]
    while todo:
        current = todo.pop()
        if current in found:
            continue
        found.add(current)
        todo.extend(parents.get(current, []))
    return found


def folder_tree(*, actor: User, dossier_id: int | str) -> list[FolderNode]:
    """The dossier's folders as a tree, with the number of visible documents in each."""
    dossier = dossier_for_actor(actor, dossier_id)
    folders_ensure(dossier=dossier)
    audience = audience_for(actor, dossier)
    counts: dict[int, int] = {}
    for folder_id in visible_documents(audience).values_list("folder_id", flat=True):
        counts[folder_id] = counts.get(folder_id, 0) + 1
    nodes = {
        f.pk: FolderNode(folder=f, count=counts.get(f.pk, 0))
        for f in Folder.objects.filter(dossier=dossier).order_by("position", "name")
    }
    roots: list[FolderNode] = []
    for node in nodes.values():
        parent = nodes.get(node.folder.parent_id) if node.folder.parent_id else None
        (parent.children if parent else roots).append(node)

    def set_depth(items: list[FolderNode], depth: int) -> None:
        for item in items:
            item.depth = depth
            set_depth(item.children, depth + 1)

    set_depth(roots, 0)
    return roots


def flatten(nodes: list[FolderNode]) -> list[FolderNode]:
    out: list[FolderNode] = []
    for node in nodes:
        out.append(node)
        out.extend(flatten(node.children))
    return out


def document_versions(*, actor: User, document_id: int | str) -> list[DocumentVersion]:
    document, _audience = document_for_actor(actor, document_id)
    return list(document.versions.select_related("uploaded_by").order_by("-number"))


def share_choices(*, actor: User, dossier_id: int | str) -> list[Organisation]:
    dossier = dossier_for_actor(actor, dossier_id)
    ids = dossier_party_organisations(dossier)
    return list(Organisation.objects.filter(pk__in=ids).order_by("name"))


def document_as_dict(document: Document) -> dict[str, Any]:
    """The API shape of a document (list and detail)."""
    version = document.current_version
    return {
        "id": document.pk,
        "dossier_id": document.dossier_id,
        "name": document.name,
        "folder": {"id": document.folder_id, "name": document.folder.name},
        "size": version.size if version else None,
        "sha256": version.sha256 if version else None,
        "mime": version.mime if version else None,
        "pages": version.pages if version else None,
        "version": version.number if version else None,
        "status": document.status,
        "visibility": document.visibility,
        "flags": list(document.flags or []),
        "encrypted": document.is_encrypted,
        "javascript": document.has_javascript,
        "created_at": document.created_at.isoformat(),
        "uploaded_by": document.created_by.email,
        "category": document.category,
        "category_confidence": document.category_confidence,
        "deleted_at": document.deleted_at.isoformat() if document.deleted_at else None,
    }


def version_as_dict(version: DocumentVersion) -> dict[str, Any]:
    return {
        "number": version.number,
        "sha256": version.sha256,
        "size": version.size,
        "mime": version.mime,
        "pages": version.pages,
        "name": version.original_name,
        "uploaded_by": version.uploaded_by.email,
        "created_at": version.created_at.isoformat(),
    }


def upload_result(upload: Upload) -> dict[str, Any]:
    return {
        "id": upload.pk,
        "dossier_id": upload.dossier_id,
        "filename": upload.filename,
        "length": upload.length,
        "offset": upload.offset,
        "status": upload.status,
        "results": (upload.result or {}).get("results", []),
    }
