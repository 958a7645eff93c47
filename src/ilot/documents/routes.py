"""Access scope of each route of this app, merged into ilot.config.route_scopes."""

AUTHENTICATED = "authenticated"
DOSSIER = "dossier"

ROUTE_SCOPES: dict[str, str] = {
    # tus: creation names the dossier in its metadata; an upload belongs to one dossier.
    "api/v1/uploads/": AUTHENTICATED,
    "api/v1/uploads/<str:upload_id>": DOSSIER,
    # web
    "dossiers/<int:dossier_id>/documents/upload/": DOSSIER,
    "dossiers/<int:dossier_id>/documents/bulk/": DOSSIER,
    "dossiers/<int:dossier_id>/documents/folders/": DOSSIER,
    "dossiers/<int:dossier_id>/documents/<int:document_id>/": DOSSIER,
    "dossiers/<int:dossier_id>/documents/<int:document_id>/versions/": DOSSIER,
    "dossiers/<int:dossier_id>/activity.csv": DOSSIER,
    # api
    "api/v1/dossiers/<dossier_id>/documents": DOSSIER,
    "api/v1/documents/<document_id>": DOSSIER,
    "api/v1/documents/<document_id>/restore": DOSSIER,
    "api/v1/documents/<document_id>/versions": DOSSIER,
    "api/v1/documents/<document_id>/download": DOSSIER,
    "api/v1/documents/<document_id>/preview/<page>": DOSSIER,
    "api/v1/documents/<document_id>/thumbnail": DOSSIER,
}
