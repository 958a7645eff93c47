"""The application half of the data room's walls: who may see and change which document.

Two layers, both here: the dossier wall (`dossier_for_actor`) and the per-document visibility:

- bank staff of the dossier (deal team with a bank role, or an approved wall crossing) see
  every document, trashed ones included, and alone may restore, purge or change visibility;
- everyone else sees `all` documents, the ones they uploaded, and `parties` documents shared
  with one of their organisations (their membership or the organisation they sit for);
- `bank` documents are hidden from the developer and third parties.

A document outside either layer raises `NotFound`, exactly like a missing one. The same rule
is enforced by a restrictive row-level security policy on PostgreSQL (migration 0002).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from ilot.core.exceptions import NotFound, PermissionDenied
from ilot.documents.models import Document, DocumentShare, Upload, Visibility
from ilot.dossiers.access import active_wall_crossing, dossier_for_actor, visible_dossiers
from ilot.dossiers.models import BANK_ROLES, Dossier, Participant
from ilot.tenancy.models import Membership, User


@dataclass(frozen=True)
class Audience:
    """The actor as the data room sees them in one dossier."""

    user: User
    dossier: Dossier
    is_bank: bool
    organisation_ids: frozenset[int]

    @property
    def may_get_originals(self) -> bool:
        return self.is_bank


def audience_for(user: User, dossier: Dossier) -> Audience:
    """Who the actor is in `dossier` (which the caller already reached through the wall)."""
    participation = Participant.objects.filter(dossier=dossier, user=user, is_active=True).first()
    is_bank = bool(participation and participation.role in BANK_ROLES) or (
        active_wall_crossing(user, dossier) is not None
    )
    orgs = set(
        Membership.objects.filter(user=user, is_active=True).values_list(
            "organisation_id", flat=True
        )
    )
    if participation is not None:
        orgs.add(participation.organisation_id)
    return Audience(user=user, dossier=dossier, is_bank=is_bank, organisation_ids=frozenset(orgs))


def visible_filter(audience: Audience) -> Q:
    """The visibility rule as a filter on `Document` (within one dossier)."""
    if audience.is_bank:
        return Q()
    shared = DocumentShare.objects.filter(
        document=OuterRef("pk"), organisation_id__in=audience.organisation_ids
    )
    return (
        Q(visibility=Visibility.ALL)
        | Q(created_by=audience.user)
        | (Q(visibility=Visibility.PARTIES) & Q(Exists(shared)))
    )


def visible_documents(audience: Audience, *, trash: bool = False) -> QuerySet[Document]:
    """Documents of the audience's dossier it may see; the trash only for bank staff."""
    qs = Document.objects.filter(dossier=audience.dossier).filter(visible_filter(audience))
    if trash:
        return qs.filter(deleted_at__isnull=False) if audience.is_bank else qs.none()
    return qs.filter(deleted_at__isnull=True)


def _pk(value: int | str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError) as exc:
        raise NotFound() from exc


def document_for_actor(
    user: User, document_id: int | str, *, include_deleted: bool = False
) -> tuple[Document, Audience]:
    """The document and the actor's audience; NotFound outside the wall or its visibility.

    Trashed documents exist only for bank staff (and only with `include_deleted`).
    """
    pk = _pk(document_id)
    dossier_id = Document.objects.filter(pk=pk).values_list("dossier_id", flat=True).first()
    if dossier_id is None:
        raise NotFound()
    dossier = dossier_for_actor(user, dossier_id)
    audience = audience_for(user, dossier)
    qs = Document.objects.filter(pk=pk, dossier=dossier).filter(visible_filter(audience))
    document = qs.select_related("folder", "current_version", "created_by").first()
    if document is None:
        raise NotFound()
    if document.deleted_at is not None and not (include_deleted and audience.is_bank):
        raise NotFound()
    return document, audience


def document_in_dossier(
    user: User, dossier_id: int | str, document_id: int | str, **kwargs: bool
) -> tuple[Document, Audience]:
    """`document_for_actor`, also requiring the document to belong to `dossier_id` (web URLs)."""
    document, audience = document_for_actor(user, document_id, **kwargs)
    if document.dossier_id != _pk(dossier_id):
        raise NotFound()
    return document, audience


def require_bank(audience: Audience) -> None:
    if not audience.is_bank:
        raise PermissionDenied(_("Seule l'équipe bancaire du dossier peut faire cela."))


def upload_for_actor(user: User, upload_id: str) -> Upload:
    """A tus upload of the actor, in a dossier they still see; NotFound otherwise.

    One query (every tus PATCH of a multi-gigabyte upload pays it): the dossier wall is the
    same filter as `dossier_for_actor`'s, as a subquery.
    """
    upload = (
        Upload.objects.filter(pk=str(upload_id)[:32], owner=user)
        .filter(dossier__in=visible_dossiers(user).values("id"))
        .first()
    )
    if upload is None:
        raise NotFound()
    return upload
