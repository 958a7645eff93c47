"""Web and raw-HTTP routes of this app (declared in routes.py for the wall sweep)."""

from django.urls import path

from ilot.workflows import views

app_name = "workflows"

urlpatterns = [
    path("my-actions/", views.my_actions_view, name="my_actions"),
    path("portfolio/", views.portfolio_view, name="portfolio"),
    path("notifications/", views.notifications_view, name="notifications"),
    path("notifications/read/", views.notifications_read_view, name="notifications_read"),
    path("notifications/preferences/", views.preferences_view, name="preferences"),
    path("calendar/", views.calendar_view, name="calendar"),
    path("calendar/new/", views.calendar_new_view, name="calendar_new"),
    path("calendar/<int:token_id>/revoke/", views.calendar_revoke_view, name="calendar_revoke"),
    path("calendar/feed/<str:token>.ics", views.calendar_feed_view, name="calendar_feed"),
    path("checklist-templates/", views.template_list_view, name="templates"),
    path(
        "checklist-templates/<int:template_id>/",
        views.template_edit_view,
        name="template_edit",
    ),
    path("dossiers/<int:dossier_id>/transition/", views.transition_view, name="transition"),
    path("dossiers/<int:dossier_id>/facts/", views.fact_view, name="fact"),
    path("dossiers/<int:dossier_id>/tasks/new/", views.task_new_view, name="task_new"),
    path(
        "dossiers/<int:dossier_id>/tasks/status/",
        views.task_status_view,
        name="task_status",
    ),
    path(
        "dossiers/<int:dossier_id>/tasks/comments/",
        views.task_comment_view,
        name="task_comment",
    ),
    path(
        "dossiers/<int:dossier_id>/checklist/validate/",
        views.item_validate_view,
        name="item_validate",
    ),
    path(
        "dossiers/<int:dossier_id>/checklist/reject/",
        views.item_reject_view,
        name="item_reject",
    ),
    path(
        "dossiers/<int:dossier_id>/checklist/link/",
        views.item_link_view,
        name="item_link",
    ),
]
