"""Context for this app's tabs on the dossier page (see ilot.dossiers.views.TAB_PROVIDERS)."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.utils.translation import gettext_lazy as _

from ilot.documents import conf, selectors
from ilot.documents.models import DocumentStatus, Visibility
from ilot.dossiers.models import Dossier
from ilot.tenancy.access import request_actor

COLUMNS = [
    ("name", _("Nom")),
    ("folder", _("Classement")),
    ("size", _("Taille")),
    ("pages", _("Pages")),
    ("uploader", _("Déposé par")),
    ("date", _("Date")),
    ("version", _("Version")),
    ("status", _("Statut")),
    ("category", _("Catégorie")),
]


def documents_tab_context(request: HttpRequest, dossier: Dossier) -> dict[str, Any]:
    actor = request_actor(request)
    params = request.GET
    folder_id = int(params["folder"]) if params.get("folder", "").isdigit() else None
    trash = params.get("trash") == "1"
    sort = params.get("sort", "name")
    if sort.lstrip("-") not in selectors.SORTS:
        sort = "name"
    search = params.get("q", "").strip()[:100]
    status = params.get("status", "")
    if status not in DocumentStatus.values:
        status = ""
    tree = selectors.folder_tree(actor=actor, dossier_id=dossier.pk)
    documents, audience = selectors.dossier_documents(
        actor=actor,
        dossier_id=dossier.pk,
        folder_id=folder_id,
        search=search,
        sort=sort,
        trash=trash,
        status=status,
    )
    page = Paginator(documents, 100).get_page(params.get("page"))
    flat = selectors.flatten(tree)
    current_folder = next((n.folder for n in flat if n.folder.pk == folder_id), None)
    get_token(request)  # the upload script reads the CSRF cookie
    keep = params.copy()
    keep.pop("page", None)
    return {
        "dr_tree": tree,
        "dr_folders": flat,
        "dr_page": page,
        "dr_documents": list(page.object_list),
        "dr_audience": audience,
        "dr_folder": current_folder,
        "dr_trash": trash,
        "dr_sort": sort,
        "dr_search": search,
        "dr_status": status,
        "dr_statuses": DocumentStatus.choices,
        "dr_columns": COLUMNS,
        "dr_visibilities": Visibility.choices,
        "dr_parties": selectors.share_choices(actor=actor, dossier_id=dossier.pk),
        "dr_query": "?" + keep.urlencode() if keep else "",
        "dr_max_upload": conf.max_upload_bytes(),
        "dr_total": sum(node.total for node in tree),
    }
