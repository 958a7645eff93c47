from django.urls import path

from ilot.docai import governance_views, views

urlpatterns = [
    path("dossiers/<int:dossier_id>/review/", views.review_view, name="docai_review"),
    path(
        "dossiers/<int:dossier_id>/review/<int:analysis_id>/",
        views.review_decide_view,
        name="docai_review_decide",
    ),
    path(
        "dossiers/<int:dossier_id>/documents/<int:document_id>/analyse/",
        views.analysis_rerun_view,
        name="docai_rerun",
    ),
    path(
        "dossiers/<int:dossier_id>/documents/analyses.json",
        views.analysis_status_view,
        name="docai_analysis_status",
    ),
    path("governance/models/", governance_views.governance_view, name="docai_governance"),
    path(
        "governance/models/<int:model_id>/card/",
        governance_views.model_card_view,
        name="docai_model_card",
    ),
    path(
        "governance/models/<int:model_id>/activate/",
        governance_views.model_activate_view,
        name="docai_model_activate",
    ),
]
