"""Web pages of the workflows app. Thin: parse the request, call a service or a selector, render.

Dossier-scoped routes look the dossier up first, so that outside the wall they answer 404
exactly like a missing dossier, whatever the method or the body.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ilot.core import rls
from ilot.core.exceptions import IlotError, NotFound
from ilot.dossiers.access import dossier_for_actor
from ilot.workflows import access, ical, selectors, services
from ilot.workflows.exceptions import TemplateInvalid
from ilot.workflows.models import ChecklistTemplate
from ilot.workflows.templates import Party

PARTY_VALUES = frozenset(p.value for p in Party)
MAX_SHOWN = 300


def _dossier(request: HttpRequest, dossier_id: int) -> Any:
    try:
        return dossier_for_actor(request.user, dossier_id)  # type: ignore[arg-type]
    except NotFound as exc:
        raise Http404 from exc


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _run(request: HttpRequest, call: Any, success: str) -> bool:
    """Call a service; NotFound becomes a 404, other expected errors a message."""
    try:
        call()
    except NotFound as exc:
        raise Http404 from exc
    except IlotError as exc:
        details = [str(m) for errors in exc.fields.values() for m in errors]
        messages.error(request, " ".join([exc.message, *details]))
        return False
    messages.success(request, success)
    return True


def _back(dossier_id: int, tab: str) -> HttpResponse:
    return redirect("web:dossier_tab", dossier_id=dossier_id, tab=tab)


# --- my actions, portfolio ------------------------------------------------------------------------


@login_required
@require_GET
def my_actions_view(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    filters = selectors.ActionFilters(
        dossier_id=_int(request.GET.get("dossier")),
        client_id=_int(request.GET.get("client")),
        kind=request.GET.get("kind", "")
        if request.GET.get("kind") in selectors.ACTION_KINDS
        else "",
        party=request.GET.get("party", "") if request.GET.get("party") in PARTY_VALUES else "",
    )
    everything = selectors.my_actions(actor=user)
    actions = (
        everything
        if filters == selectors.ActionFilters()
        else selectors.my_actions(actor=user, filters=filters)
    )
    context = {
        # The most urgent first; beyond a page, filters narrow the list (the API returns all).
        "actions": actions[:MAX_SHOWN],
        "hidden": max(len(actions) - MAX_SHOWN, 0),
        "facets": selectors.my_action_facets(everything),
        "filters": filters,
        "kinds": selectors.ACTION_KINDS,
        "parties": [p.value for p in Party],
        "today": selectors.today(),
        "unread": selectors.unread_count(actor=user),
        "is_bank": access.is_bank_staff(user),
    }
    return render(request, "workflows/my_actions.html", context)


@login_required
@require_GET
def portfolio_view(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if not access.can_view_portfolio(user):
        raise Http404
    data = selectors.portfolio(actor=user)
    return render(
        request,
        "workflows/portfolio.html",
        {"portfolio": data, "today": selectors.today()},
    )


# --- notifications, preferences -------------------------------------------------------------------


@login_required
@require_GET
def notifications_view(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    return render(
        request,
        "workflows/notifications.html",
        {
            "notifications": selectors.my_notifications(actor=user),
            "prefs": selectors.my_preferences(actor=user),
        },
    )


@login_required
@require_POST
def notifications_read_view(request: HttpRequest) -> HttpResponse:
    services.notifications_mark_read(actor=request.user)  # type: ignore[arg-type]
    return redirect("workflows:notifications")


@login_required
@require_POST
def preferences_view(request: HttpRequest) -> HttpResponse:
    flags = {
        k: request.POST.get(k) == "on" for k in ("digest", "upcoming", "overdue", "escalation")
    }
    services.preferences_update(actor=request.user, **flags)  # type: ignore[arg-type]
    messages.success(request, _("Préférences enregistrées."))
    return redirect("workflows:notifications")


# --- calendar feed --------------------------------------------------------------------------------


@login_required
@require_GET
def calendar_view(request: HttpRequest) -> HttpResponse:
    from ilot.workflows.models import CalendarToken

    tokens = CalendarToken.objects.filter(user=request.user).order_by("-created_at")  # type: ignore[misc]
    return render(request, "workflows/calendar.html", {"tokens": tokens, "new_url": None})


@login_required
@require_POST
def calendar_new_view(request: HttpRequest) -> HttpResponse:
    from ilot.workflows.models import CalendarToken

    try:
        _token, raw = services.calendar_token_create(
            actor=request.user,  # type: ignore[arg-type]
            label=request.POST.get("label", ""),
        )
    except IlotError as exc:
        messages.error(request, exc.message)
        return redirect("workflows:calendar")
    url = f"{settings.ILOT_BASE_URL}/calendar/feed/{raw}.ics"
    tokens = CalendarToken.objects.filter(user=request.user).order_by("-created_at")  # type: ignore[misc]
    return render(request, "workflows/calendar.html", {"tokens": tokens, "new_url": url})


@login_required
@require_POST
def calendar_revoke_view(request: HttpRequest, token_id: int) -> HttpResponse:
    _run(
        request,
        lambda: services.calendar_token_revoke(actor=request.user, token_id=token_id),  # type: ignore[arg-type]
        _("Flux révoqué : l'adresse ne fonctionne plus."),
    )
    return redirect("workflows:calendar")


@never_cache
@require_GET
def calendar_feed_view(request: HttpRequest, token: str) -> HttpResponse:
    """Public by design: the secret token is the capability. The feed is computed under the
    token owner's own RLS actor, so it shows exactly what that user may see."""
    user = services.calendar_token_user(token)
    if user is None:
        raise Http404
    with rls.acting_as(user.pk):
        events = selectors.calendar_events(actor=user, base_url=settings.ILOT_BASE_URL)
    body = ical.render_calendar(events, stamp=timezone.now(), name="Ilot — mes échéances")
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="ilot.ics"'
    return response


# --- template editor ------------------------------------------------------------------------------


@login_required
@require_GET
def template_list_view(request: HttpRequest) -> HttpResponse:
    if not access.can_edit_templates(request.user):  # type: ignore[arg-type]
        raise Http404
    services.template_default_version()
    templates = ChecklistTemplate.objects.prefetch_related("versions").order_by("code")
    return render(request, "workflows/template_list.html", {"templates": templates})


@login_required
@require_http_methods(["GET", "POST"])
def template_edit_view(request: HttpRequest, template_id: int) -> HttpResponse:
    user: Any = request.user
    if not access.can_edit_templates(user):
        raise Http404
    template = ChecklistTemplate.objects.filter(pk=template_id).first()
    if template is None:
        raise Http404
    version = template.latest_version()
    if version is None:
        raise Http404
    text = version.source_text
    problems: list[Any] = []
    status = 200
    if request.method == "POST":
        text = request.POST.get("content", "")
        try:
            saved, created = services.checklist_template_revise(
                actor=user, template_id=template.pk, text=text
            )
        except TemplateInvalid as exc:
            problems = list(exc.problems)
            status = 400
        else:
            if created:
                messages.success(
                    request,
                    _("Version %(v)s enregistrée ; les dossiers en cours gardent la leur.")
                    % {"v": saved.version},
                )
            else:
                messages.info(request, _("Aucune modification : pas de nouvelle version."))
            return redirect("workflows:template_edit", template_id=template.pk)
    return render(
        request,
        "workflows/template_edit.html",
        {
            "template": template,
            "version": version,
            "versions": template.versions.order_by("-version"),
            "content": text,
            "problems": problems,
        },
        status=status,
    )


# --- dossier actions ------------------------------------------------------------------------------


@login_required
@require_POST
def transition_view(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = _dossier(request, dossier_id)
    _run(
        request,
        lambda: services.dossier_transition(
            actor=request.user,  # type: ignore[arg-type]
            dossier_id=dossier.pk,
            target=request.POST.get("target", ""),
            reason=request.POST.get("reason", ""),
        ),
        _("Étape du dossier mise à jour."),
    )
    return _back(dossier.pk, "checklist")


@login_required
@require_POST
def fact_view(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = _dossier(request, dossier_id)
    value = _date(request.POST.get("value"))
    if value is None:
        messages.error(request, _("Date invalide (AAAA-MM-JJ)."))
        return _back(dossier.pk, "checklist")
    _run(
        request,
        lambda: services.dossier_fact_set(
            actor=request.user,  # type: ignore[arg-type]
            dossier_id=dossier.pk,
            code=request.POST.get("code", ""),
            value=value,
        ),
        _("Date enregistrée ; échéances recalculées."),
    )
    return _back(dossier.pk, "checklist")


@login_required
@require_POST
def task_new_view(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = _dossier(request, dossier_id)
    owner = request.POST.get("owner", "")
    owner_user_id = _int(owner[5:]) if owner.startswith("user:") else None
    owner_party = owner[6:] if owner.startswith("party:") else ""
    _run(
        request,
        lambda: services.task_create(
            actor=request.user,  # type: ignore[arg-type]
            dossier_id=dossier.pk,
            title=request.POST.get("title", ""),
            due_date=_date(request.POST.get("due_date")),
            owner_user_id=owner_user_id,
            owner_party=owner_party,
            description=request.POST.get("description", ""),
        ),
        _("Tâche créée."),
    )
    return _back(dossier.pk, "tasks")


@login_required
@require_POST
def task_status_view(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = _dossier(request, dossier_id)
    task_id = _int(request.POST.get("task_id")) or 0
    try:
        access.task_in_dossier(request.user, dossier.pk, task_id)  # type: ignore[arg-type]
    except NotFound as exc:
        raise Http404 from exc
    _run(
        request,
        lambda: services.task_set_status(
            actor=request.user,  # type: ignore[arg-type]
            task_id=task_id,
            status=request.POST.get("status", ""),
        ),
        _("Tâche mise à jour."),
    )
    return _back(dossier.pk, "tasks")


@login_required
@require_POST
def task_comment_view(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = _dossier(request, dossier_id)
    task_id = _int(request.POST.get("task_id")) or 0
    try:
        access.task_in_dossier(request.user, dossier.pk, task_id)  # type: ignore[arg-type]
    except NotFound as exc:
        raise Http404 from exc
    _run(
        request,
        lambda: services.task_comment_add(
            actor=request.user,  # type: ignore[arg-type]
            task_id=task_id,
            body=request.POST.get("body", ""),
        ),
        _("Commentaire ajouté."),
    )
    return _back(dossier.pk, "tasks")


def _item_or_404(request: HttpRequest, dossier_id: int) -> Any:
    dossier = _dossier(request, dossier_id)
    item_id = _int(request.POST.get("item_id")) or 0
    try:
        return access.item_in_dossier(request.user, dossier.pk, item_id)  # type: ignore[arg-type]
    except NotFound as exc:
        raise Http404 from exc


@login_required
@require_POST
def item_validate_view(request: HttpRequest, dossier_id: int) -> HttpResponse:
    item = _item_or_404(request, dossier_id)
    _run(
        request,
        lambda: services.checklist_item_validate(
            actor=request.user,  # type: ignore[arg-type]
            item_id=item.pk,
            note=request.POST.get("note", ""),
        ),
        _("Pièce validée (ou levée demandée, si elle est critique)."),
    )
    return _back(item.dossier_id, "checklist")


@login_required
@require_POST
def item_reject_view(request: HttpRequest, dossier_id: int) -> HttpResponse:
    item = _item_or_404(request, dossier_id)
    _run(
        request,
        lambda: services.checklist_item_reject(
            actor=request.user,  # type: ignore[arg-type]
            item_id=item.pk,
            reason=request.POST.get("reason", ""),
        ),
        _("Pièce refusée ; le déposant est prévenu."),
    )
    return _back(item.dossier_id, "checklist")


@login_required
@require_POST
def item_link_view(request: HttpRequest, dossier_id: int) -> HttpResponse:
    item = _item_or_404(request, dossier_id)
    document_id = _int(request.POST.get("document_id"))
    if document_id is None:
        messages.error(request, _("Numéro de document invalide."))
        return _back(item.dossier_id, "checklist")
    _run(
        request,
        lambda: services.checklist_item_link_document(
            actor=request.user,  # type: ignore[arg-type]
            item_id=item.pk,
            document_id=document_id,
            category=request.POST.get("category", ""),
            siren=request.POST.get("siren", "").replace(" ", ""),
            issued_on=_date(request.POST.get("issued_on")),
        ),
        _("Document rattaché à la pièce."),
    )
    return _back(item.dossier_id, "checklist")
