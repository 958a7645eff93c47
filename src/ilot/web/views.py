"""Shell pages: home, health check, platform administration and compliance consoles."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import connection, transaction
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from ilot.audit.models import Event
from ilot.audit.services import audit_record, audit_verify
from ilot.core import rls
from ilot.core.exceptions import IlotError, NotFound
from ilot.core.middleware import client_ip
from ilot.dossiers.wall_crossing import (
    wall_crossing_decide,
    wall_crossing_request,
    wall_crossing_revoke,
    wall_crossings_open,
)
from ilot.tenancy import services as tenancy_services
from ilot.tenancy.access import request_actor
from ilot.tenancy.models import Organisation, OrganisationKind, User


@login_required
def home_view(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    if user.is_platform_admin:
        return redirect("web:admin_accounts")
    if user.is_compliance_officer:
        return redirect("web:compliance")
    return redirect("web:dossiers")


@never_cache
def healthz_view(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@login_required
@require_http_methods(["GET", "POST"])
def admin_accounts_view(request: HttpRequest) -> HttpResponse:
    """Platform administrators manage accounts; nothing here reads dossier content."""
    actor = request_actor(request)
    if not actor.is_platform_admin:
        raise Http404
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            _admin_action(actor, action, request.POST)
            messages.success(request, _("Modification enregistrée."))
        except IlotError as exc:
            details = " ".join(e for errors in exc.fields.values() for e in errors)
            messages.error(request, f"{exc.message} {details}".strip())
        except ValueError:
            messages.error(request, _("Requête invalide."))
        return redirect("web:admin_accounts")
    organisations = Organisation.objects.prefetch_related(
        "memberships__user__totp_device"
    ).order_by("kind", "name")
    return render(
        request,
        "web/admin_accounts.html",
        {"organisations": organisations, "kinds": OrganisationKind.choices},
    )


def _admin_action(actor: User, action: str, data: Any) -> None:
    if action == "create_organisation":
        tenancy_services.organisation_create(
            actor=actor,
            name=data.get("name", ""),
            kind=data.get("kind", ""),
            siren=data.get("siren", ""),
        )
    elif action == "create_user":
        organisation = Organisation.objects.filter(pk=int(data.get("organisation_id", 0))).first()
        if organisation is None:
            raise ValueError
        user = tenancy_services.user_create(
            actor=actor,
            email=data.get("email", ""),
            password=None,
            full_name=data.get("full_name", ""),
            organisation=organisation,
            title=data.get("title", ""),
        )
        transaction.on_commit(lambda: tenancy_services.password_link_send(user=user))
    elif action in ("deactivate", "activate"):
        tenancy_services.user_set_active(
            actor=actor, user_id=int(data.get("user_id", 0)), active=action == "activate"
        )
    elif action == "reset_two_factor":
        tenancy_services.user_reset_two_factor(actor=actor, user_id=int(data.get("user_id", 0)))
    elif action == "two_factor_policy":
        tenancy_services.organisation_set_two_factor(
            actor=actor,
            organisation_id=int(data.get("organisation_id", 0)),
            required=data.get("required") == "1",
        )
    else:
        raise ValueError


@login_required
def compliance_view(request: HttpRequest) -> HttpResponse:
    if not request.user.is_compliance_officer:  # type: ignore[union-attr]
        raise Http404
    result = audit_verify()
    with rls.as_system():
        recent = list(Event.objects.order_by("-seq")[:50])
        total = Event.objects.count()
    audit_record(
        action="compliance.audit_viewed", actor=request.user, ip_address=client_ip(request)
    )
    crossings = wall_crossings_open(actor=request_actor(request))
    return render(
        request,
        "web/compliance.html",
        {"result": result, "events": recent, "total": total, "crossings": crossings},
    )


@login_required
@require_POST
def wall_crossing_decide_view(request: HttpRequest, crossing_id: int) -> HttpResponse:
    actor = request_actor(request)
    if not actor.is_compliance_officer:
        raise Http404
    action = request.POST.get("action", "")
    try:
        if action == "revoke":
            wall_crossing_revoke(actor=actor, crossing_id=crossing_id)
            messages.success(request, _("Accès révoqué."))
        else:
            days = int(request.POST.get("days") or 7)
            wall_crossing_decide(
                actor=actor, crossing_id=crossing_id, approve=action == "approve", days=days
            )
            messages.success(request, _("Décision enregistrée."))
    except NotFound as exc:
        raise Http404 from exc
    except IlotError as exc:
        messages.error(request, exc.message)
    except ValueError:
        messages.error(request, _("Durée invalide."))
    return redirect("web:compliance")


@login_required
@require_http_methods(["GET", "POST"])
def wall_crossing_request_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    if request.method == "POST":
        try:
            wall_crossing_request(
                actor=actor,
                reference=request.POST.get("reference", ""),
                reason=request.POST.get("reason", ""),
            )
        except IlotError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request, _("Demande transmise à la conformité, qui vous répondra par e-mail.")
            )
            return redirect("web:dossiers")
    return render(request, "web/wall_crossing_request.html", {})


def _cell(value: object) -> object:
    return value.isoformat() if isinstance(value, datetime) else value


class _Echo:
    def write(self, value: str) -> str:
        return value


@login_required
def compliance_export_view(request: HttpRequest) -> StreamingHttpResponse:
    """The whole trail as CSV, for audits. Rows are read before streaming starts, in batches."""
    if not request.user.is_compliance_officer:  # type: ignore[union-attr]
        raise Http404
    audit_record(
        action="compliance.audit_exported", actor=request.user, ip_address=client_ip(request)
    )
    with rls.as_system():
        rows = list(
            Event.objects.order_by("seq").values_list(
                "seq",
                "occurred_at",
                "actor_label",
                "action",
                "dossier_id",
                "object_type",
                "object_id",
                "data",
                "ip_address",
                "prev_hash",
                "hash",
            )
        )
    writer = csv.writer(_Echo())
    header = [
        "seq",
        "occurred_at",
        "actor",
        "action",
        "dossier_id",
        "object_type",
        "object_id",
        "data",
        "ip_address",
        "prev_hash",
        "hash",
    ]

    def stream() -> Iterator[str]:
        yield writer.writerow(header)
        for row in rows:
            yield writer.writerow([_cell(value) for value in row])

    response = StreamingHttpResponse(stream(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="ilot-audit.csv"'
    return response
