from django.urls import URLPattern, path

from ilot.documents import tus_views, views

# Web and raw-HTTP routes of this app (declared in routes.py for the wall sweep).
urlpatterns: list[URLPattern] = [
    path("api/v1/uploads/", tus_views.uploads_view, name="tus_uploads"),
    path("api/v1/uploads/<str:upload_id>", tus_views.upload_view, name="tus_upload"),
    path(
        "dossiers/<int:dossier_id>/documents/upload/",
        views.upload_view,
        name="documents_upload",
    ),
    path("dossiers/<int:dossier_id>/documents/bulk/", views.bulk_view, name="documents_bulk"),
    path(
        "dossiers/<int:dossier_id>/documents/folders/",
        views.folders_view,
        name="documents_folders",
    ),
    path(
        "dossiers/<int:dossier_id>/documents/<int:document_id>/",
        views.document_panel_view,
        name="document_panel",
    ),
    path(
        "dossiers/<int:dossier_id>/documents/<int:document_id>/versions/",
        views.version_upload_view,
        name="document_version_upload",
    ),
    path("dossiers/<int:dossier_id>/activity.csv", views.activity_csv_view, name="activity_csv"),
]
