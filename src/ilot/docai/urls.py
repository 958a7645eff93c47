from django.urls import path

from ilot.docai import views

urlpatterns = [
    path("dossiers/<int:dossier_id>/review/", views.review_view, name="docai_review"),
    path(
        "dossiers/<int:dossier_id>/review/<int:analysis_id>/",
        views.review_decide_view,
        name="docai_review_decide",
    ),
]
