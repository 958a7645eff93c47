from django.urls import path

from ilot.dossiers import views as dossier_views
from ilot.tenancy import password_views
from ilot.tenancy import views as auth_views
from ilot.web import views

app_name = "web"

urlpatterns = [
    path("", views.home_view, name="home"),
    path("healthz", views.healthz_view, name="healthz"),
    path("accounts/login/", auth_views.login_view, name="login"),
    path("accounts/login/otp/", auth_views.login_otp_view, name="login_otp"),
    path("accounts/logout/", auth_views.logout_view, name="logout"),
    path(
        "accounts/password-reset/",
        password_views.PasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "accounts/password-reset/sent/",
        password_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "accounts/reset/<uidb64>/<token>/",
        password_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("accounts/two-factor/", auth_views.two_factor_view, name="two_factor"),
    path("invitations/<str:token>/", dossier_views.invitation_accept_view, name="invitation"),
    path("dossiers/", dossier_views.dossier_list_view, name="dossiers"),
    path("dossiers/new/", dossier_views.dossier_create_view, name="dossier_create"),
    path("dossiers/<int:dossier_id>/", dossier_views.dossier_view, name="dossier"),
    path(
        "dossiers/<int:dossier_id>/participants/invite/",
        dossier_views.participant_invite_view,
        name="participant_invite",
    ),
    path(
        "dossiers/<int:dossier_id>/participants/<int:user_id>/remove/",
        dossier_views.participant_remove_view,
        name="participant_remove",
    ),
    path(
        "dossiers/<int:dossier_id>/participants/<int:user_id>/role/",
        dossier_views.participant_role_view,
        name="participant_role",
    ),
    path("dossiers/<int:dossier_id>/<slug:tab>/", dossier_views.dossier_view, name="dossier_tab"),
    path("admin/accounts/", views.admin_accounts_view, name="admin_accounts"),
    path("compliance/", views.compliance_view, name="compliance"),
    path("compliance/audit.csv", views.compliance_export_view, name="compliance_export"),
    path(
        "compliance/wall-crossings/<int:crossing_id>/",
        views.wall_crossing_decide_view,
        name="wall_crossing_decide",
    ),
    path("wall-crossings/request/", views.wall_crossing_request_view, name="wall_crossing_request"),
]
