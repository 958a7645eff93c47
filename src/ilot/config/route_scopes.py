"""Every URL pattern's access scope. The route sweep test fails on any route missing here.

- public: anyone (sign-in, health check, static catalogue, invitations by secret token);
- authenticated: any signed-in user, with no dossier in the URL (its view checks roles);
- dossier: a dossier id is in the URL; outside the wall the answer is 404.
"""

from __future__ import annotations

PUBLIC = "public"
AUTHENTICATED = "authenticated"
DOSSIER = "dossier"

ROUTE_SCOPES: dict[str, str] = {
    # web
    "": AUTHENTICATED,
    "healthz": PUBLIC,
    "accounts/login/": PUBLIC,
    "accounts/login/otp/": PUBLIC,
    "accounts/logout/": PUBLIC,
    "accounts/two-factor/": AUTHENTICATED,
    "accounts/password-reset/": PUBLIC,
    "accounts/password-reset/sent/": PUBLIC,
    "accounts/reset/<uidb64>/<token>/": PUBLIC,
    "invitations/<str:token>/": PUBLIC,
    "dossiers/": AUTHENTICATED,
    "dossiers/new/": AUTHENTICATED,
    "dossiers/<int:dossier_id>/": DOSSIER,
    "dossiers/<int:dossier_id>/participants/invite/": DOSSIER,
    "dossiers/<int:dossier_id>/participants/<int:user_id>/remove/": DOSSIER,
    "dossiers/<int:dossier_id>/participants/<int:user_id>/role/": DOSSIER,
    "dossiers/<int:dossier_id>/<slug:tab>/": DOSSIER,
    "admin/accounts/": AUTHENTICATED,
    "compliance/": AUTHENTICATED,
    "compliance/audit.csv": AUTHENTICATED,
    # compliance only (404 for anyone else); the id is a request, not a dossier
    "compliance/wall-crossings/<int:crossing_id>/": AUTHENTICATED,
    "wall-crossings/request/": AUTHENTICATED,
    "i18n/setlang/": PUBLIC,
    "i18n/catalog.js": PUBLIC,
    # api
    "api/": PUBLIC,
    "api/openapi.json": PUBLIC,
    "api/docs": PUBLIC,
    "api/v1/auth/token": PUBLIC,
    "api/v1/dossiers": AUTHENTICATED,
    "api/v1/dossiers/<dossier_id>": DOSSIER,
    "api/v1/dossiers/<dossier_id>/participants": DOSSIER,
}


def _merge_app_scopes() -> None:
    # Each app declares its own routes next to its urls.py; duplicates would hide a mistake.
    from ilot.docai.routes import ROUTE_SCOPES as docai
    from ilot.documents.routes import ROUTE_SCOPES as documents
    from ilot.workflows.routes import ROUTE_SCOPES as workflows

    for scopes in (documents, workflows, docai):
        clash = set(scopes) & set(ROUTE_SCOPES)
        if clash:
            raise ValueError(f"Routes declared twice: {sorted(clash)}")
        ROUTE_SCOPES.update(scopes)


_merge_app_scopes()
