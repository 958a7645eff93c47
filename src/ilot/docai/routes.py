"""Access scope of each route of this app, merged into ilot.config.route_scopes."""

ROUTE_SCOPES: dict[str, str] = {
    "dossiers/<int:dossier_id>/review/": "dossier",
    "dossiers/<int:dossier_id>/review/<int:analysis_id>/": "dossier",
    "dossiers/<int:dossier_id>/documents/<int:document_id>/analyse/": "dossier",
    "api/v1/documents/<document_id>/analysis": "dossier",
    "dossiers/<int:dossier_id>/documents/analyses.json": "dossier",
    # platform administrators and compliance only (404 for anyone else); aggregates, no content
    "governance/models/": "authenticated",
    "governance/models/<int:model_id>/card/": "authenticated",
    "governance/models/<int:model_id>/activate/": "authenticated",
}
