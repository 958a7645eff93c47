"""Access scope of each route of this app, merged into ilot.config.route_scopes.

The calendar feed is public on purpose: its secret token is the capability (revocable), and it
answers 404 for an unknown or revoked token exactly as for a malformed one. Web routes acting on
an item or a task carry its id in the POST body, after the dossier id of the URL: the dossier
is checked first (404 outside the wall), then the item must belong to it.
"""

PUBLIC, AUTHENTICATED, DOSSIER = "public", "authenticated", "dossier"

ROUTE_SCOPES: dict[str, str] = {
    # web
    "my-actions/": AUTHENTICATED,
    "portfolio/": AUTHENTICATED,
    "notifications/": AUTHENTICATED,
    "notifications/read/": AUTHENTICATED,
    "notifications/preferences/": AUTHENTICATED,
    "calendar/": AUTHENTICATED,
    "calendar/new/": AUTHENTICATED,
    "calendar/<int:token_id>/revoke/": AUTHENTICATED,
    "calendar/feed/<str:token>.ics": PUBLIC,
    "checklist-templates/": AUTHENTICATED,
    "checklist-templates/<int:template_id>/": AUTHENTICATED,
    "dossiers/<int:dossier_id>/transition/": DOSSIER,
    "dossiers/<int:dossier_id>/facts/": DOSSIER,
    "dossiers/<int:dossier_id>/tasks/new/": DOSSIER,
    "dossiers/<int:dossier_id>/tasks/status/": DOSSIER,
    "dossiers/<int:dossier_id>/tasks/comments/": DOSSIER,
    "dossiers/<int:dossier_id>/checklist/validate/": DOSSIER,
    "dossiers/<int:dossier_id>/checklist/reject/": DOSSIER,
    "dossiers/<int:dossier_id>/checklist/link/": DOSSIER,
    # api
    "api/v1/dossiers/<dossier_id>/checklist": DOSSIER,
    "api/v1/dossiers/<dossier_id>/tasks": DOSSIER,
    "api/v1/dossiers/<dossier_id>/transition": DOSSIER,
    # No dossier in these URLs: the item id is looked up inside the actor's wall, and a
    # foreign item answers 404 like a missing one (tests/workflows/test_api_workflows.py).
    "api/v1/checklist-items/<item_id>/validate": AUTHENTICATED,
    "api/v1/checklist-items/<item_id>/reject": AUTHENTICATED,
    "api/v1/me/actions": AUTHENTICATED,
}
