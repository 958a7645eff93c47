"""Dossier pages: list, creation, the dossier with its tabs, participants. Thin: services do it."""

from __future__ import annotations

from importlib import import_module
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from ilot.audit.selectors import dossier_activity
from ilot.core.exceptions import IlotError, NotFound
from ilot.core.middleware import client_ip
from ilot.dossiers import access, services
from ilot.dossiers.models import MAIN_PATH
from ilot.dossiers.selectors import dossier_list, dossier_participants, dossier_pending_invitations
from ilot.tenancy.access import request_actor
from ilot.tenancy.models import Membership
from ilot.tenancy.selectors import developer_clients, user_primary_organisation
from ilot.web.forms import DossierForm, InviteForm, RoleForm

TABS: list[tuple[str, Any]] = [
    ("overview", gettext_lazy("Synthèse")),
    ("documents", gettext_lazy("Documents")),
    ("checklist", gettext_lazy("Checklist")),
    ("tasks", gettext_lazy("Tâches")),
    ("drafting", gettext_lazy("Rédaction")),
    ("signatures", gettext_lazy("Signatures")),
    ("participants", gettext_lazy("Participants")),
    ("activity", gettext_lazy("Activité")),
]
TAB_CODES = {code for code, _label in TABS}
# Apps that own a tab provide `<tab>_tab_context(request, dossier) -> dict` in their tabs.py
# and a template `<app>/tabs/<tab>.html`; the dossier page stays ignorant of their models.
TAB_PROVIDERS: dict[str, str] = {
    "documents": "ilot.documents.tabs",
    "checklist": "ilot.workflows.tabs",
    "tasks": "ilot.workflows.tabs",
}


def _provided_tab(
    tab: str, request: HttpRequest, dossier: Any
) -> tuple[str, dict[str, Any]] | None:
    module_path = TAB_PROVIDERS.get(tab)
    if module_path is None:
        return None
    module = import_module(module_path)
    provider = getattr(module, f"{tab}_tab_context", None)
    if provider is None:
        return None
    app = module_path.split(".")[1]
    return f"{app}/tabs/{tab}.html", provider(request, dossier)


def _dossier_or_404(request: HttpRequest, dossier_id: int) -> Any:
    try:
        return access.dossier_for_actor(request_actor(request), dossier_id)
    except NotFound as exc:
        raise Http404 from exc


def _review_count(user: Any, dossier: Any) -> int | None:
    """Documents waiting for the deal team's review (None for those who do not review)."""
    participation = access.actor_participation(user, dossier)
    if participation is None or not participation.is_bank:
        return None
    from ilot.docai.selectors import review_queue

    return review_queue(actor=user, dossier_id=dossier.pk).count()


@login_required
def dossier_list_view(request: HttpRequest) -> HttpResponse:
    search = request.GET.get("q", "").strip()[:100]
    dossiers = list(dossier_list(actor=request_actor(request), search=search)[:500])
    return render(
        request,
        "dossiers/list.html",
        {
            "dossiers": dossiers,
            "q": search,
            "can_create": access.can_create_dossier(request_actor(request)),
        },
    )


def _dossier_form(request: HttpRequest) -> DossierForm:
    form = DossierForm(request.POST or None)
    form.fields["client_id"].choices = [(c.pk, c.name) for c in developer_clients()]  # type: ignore[attr-defined]
    bank = user_primary_organisation(request_actor(request))
    staff = Membership.objects.filter(organisation=bank, is_active=True).select_related("user")
    form.fields["relationship_manager_id"].choices = [  # type: ignore[attr-defined]
        (m.user.pk, m.user.display_name)
        for m in staff
        if not m.user.is_platform_admin and not m.user.is_compliance_officer
    ]
    if request.method == "GET":
        form.initial["relationship_manager_id"] = request_actor(request).pk
    return form


@login_required
@require_http_methods(["GET", "POST"])
def dossier_create_view(request: HttpRequest) -> HttpResponse:
    if not access.can_create_dossier(request_actor(request)):
        raise Http404
    form = _dossier_form(request)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if v is not None}
        try:
            dossier = services.dossier_create(
                actor=request_actor(request),
                data=services.DossierInput(**data),
                ip_address=client_ip(request),
            )
        except IlotError as exc:
            for field, errors in exc.fields.items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
            if not exc.fields:
                form.add_error(None, exc.message)
        else:
            messages.success(request, _("Dossier %(ref)s créé.") % {"ref": dossier.reference})
            return redirect("web:dossier", dossier_id=dossier.pk)
    return render(
        request, "dossiers/create.html", {"form": form}, status=400 if form.errors else 200
    )


@login_required
def dossier_view(request: HttpRequest, dossier_id: int, tab: str = "overview") -> HttpResponse:
    if tab not in TAB_CODES:
        raise Http404
    dossier = _dossier_or_404(request, dossier_id)
    user = request_actor(request)
    context: dict[str, Any] = {
        "dossier": dossier,
        "tabs": TABS,
        "tab": tab,
        "can_manage": access.can_manage_dossier(user, dossier),
        "lifecycle": [(state.value, state.label) for state in MAIN_PATH],
        "review_count": _review_count(user, dossier),
    }
    if tab in ("overview", "participants"):
        context["participants"] = list(dossier_participants(actor=user, dossier_id=dossier.pk))
    if tab == "participants":
        context["invitations"] = list(
            dossier_pending_invitations(actor=user, dossier_id=dossier.pk)
        )
        context["invite_form"] = InviteForm()
        context["role_form"] = RoleForm()
    provided = _provided_tab(tab, request, dossier)
    if provided is not None:
        context["tab_template"], extra = provided
        context.update(extra)
    if tab == "activity":
        context["events"] = list(dossier_activity(actor=user, dossier_id=dossier.pk))
    return render(request, "dossiers/detail.html", context)


@login_required
@require_POST
def participant_invite_view(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = _dossier_or_404(request, dossier_id)
    form = InviteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Invitation non envoyée : adresse ou rôle invalide."))
    else:
        try:
            services.participant_invite(
                actor=request_actor(request),
                dossier_id=dossier.pk,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                ip_address=client_ip(request),
            )
            messages.success(
                request,
                _("Invitation envoyée à %(email)s.") % {"email": form.cleaned_data["email"]},
            )
        except IlotError as exc:
            messages.error(request, exc.message)
    return redirect("web:dossier_tab", dossier_id=dossier.pk, tab="participants")


@login_required
@require_POST
def participant_remove_view(request: HttpRequest, dossier_id: int, user_id: int) -> HttpResponse:
    dossier = _dossier_or_404(request, dossier_id)
    try:
        services.participant_remove(
            actor=request_actor(request),
            dossier_id=dossier.pk,
            user_id=user_id,
            ip_address=client_ip(request),
        )
        messages.success(request, _("Participant retiré."))
    except NotFound as exc:
        raise Http404 from exc
    except IlotError as exc:
        messages.error(request, exc.message)
    return redirect("web:dossier_tab", dossier_id=dossier.pk, tab="participants")


@login_required
@require_POST
def participant_role_view(request: HttpRequest, dossier_id: int, user_id: int) -> HttpResponse:
    dossier = _dossier_or_404(request, dossier_id)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Rôle inconnu."))
    else:
        try:
            services.participant_change_role(
                actor=request_actor(request),
                dossier_id=dossier.pk,
                user_id=user_id,
                role=form.cleaned_data["role"],
                ip_address=client_ip(request),
            )
            messages.success(request, _("Rôle modifié."))
        except NotFound as exc:
            raise Http404 from exc
        except IlotError as exc:
            messages.error(request, exc.message)
    return redirect("web:dossier_tab", dossier_id=dossier.pk, tab="participants")


@require_http_methods(["GET", "POST"])
def invitation_accept_view(request: HttpRequest, token: str) -> HttpResponse:
    from ilot.web.forms import AcceptInvitationForm

    try:
        invitation = services.invitation_for_token(token)
    except NotFound as exc:
        raise Http404 from exc
    form = AcceptInvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_accept(
                token=token,
                password=form.cleaned_data["password"],
                full_name=form.cleaned_data["full_name"],
            )
        except IlotError as exc:
            form.add_error("password" if "password" in exc.fields else None, exc.message)
        else:
            messages.success(request, _("Compte créé : connectez-vous."))
            return redirect("web:login")
    return render(request, "dossiers/invitation.html", {"invitation": invitation, "form": form})
