"""The data room's folders: seeded from the taxonomy, then managed by the bank."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ilot.audit.services import audit_record
from ilot.core.exceptions import NotFound, ValidationFailed
from ilot.documents.access import (
    audience_for,
    require_bank,
)
from ilot.documents.models import (
    Folder,
)
from ilot.dossiers.access import dossier_for_actor
from ilot.dossiers.models import Dossier
from ilot.tenancy.models import User
from ilot.workflows.taxonomy import load_taxonomy

DEFAULT_FOLDER_CODE = "99_DIVERS"


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
