"""The review queue of a dossier: confirm or correct, one click or one key per document."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ilot.core.exceptions import IlotError, NotFound
from ilot.docai.selectors import review_queue
from ilot.docai.services import analysis_review
from ilot.dossiers.access import actor_participation, dossier_for_actor
from ilot.tenancy.access import request_actor


def _labels() -> list[tuple[str, str]]:
    from django.utils.translation import get_language

    from ilot.workflows.taxonomy import load_taxonomy

    english = (get_language() or "fr").startswith("en")
    return [(c.code, c.en if english else c.fr) for c in load_taxonomy().categories.values()]


@login_required
def review_view(request: HttpRequest, dossier_id: int) -> HttpResponse:
    actor = request_actor(request)
    try:
        dossier = dossier_for_actor(actor, dossier_id)
        queue = list(review_queue(actor=actor, dossier_id=dossier.pk)[:200])
    except NotFound as exc:
        raise Http404 from exc
    participation = actor_participation(actor, dossier)
    labels = dict(_labels())
    items: list[dict[str, Any]] = [
        {
            "analysis": a,
            "top": [(code, labels.get(code, code), round(p * 100)) for code, p in a.top[:3]],
        }
        for a in queue
    ]
    return render(
        request,
        "docai/review.html",
        {
            "dossier": dossier,
            "items": items,
            "categories": sorted(labels.items(), key=lambda kv: kv[1]),
            "can_review": participation is not None and participation.is_bank,
        },
    )


@login_required
@require_POST
def review_decide_view(request: HttpRequest, dossier_id: int, analysis_id: int) -> HttpResponse:
    actor = request_actor(request)
    try:
        analysis_review(
            actor=actor,
            dossier_id=dossier_id,
            analysis_id=analysis_id,
            category=request.POST.get("category", ""),
        )
        messages.success(request, _("Classement enregistré."))
    except NotFound as exc:
        raise Http404 from exc
    except IlotError as exc:
        messages.error(request, exc.message)
    return redirect("docai_review", dossier_id=dossier_id)
