"""The review queue of a dossier: confirm or correct, one click or one key per document."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ilot.core.exceptions import IlotError, NotFound
from ilot.docai.models import AnalysisStatus
from ilot.docai.selectors import analyses_of_documents, review_queue
from ilot.docai.services import analysis_rerun, analysis_review
from ilot.dossiers.access import actor_participation, dossier_for_actor
from ilot.tenancy.access import request_actor


def category_labels() -> list[tuple[str, str]]:
    from django.utils.translation import get_language

    from ilot.workflows.taxonomy import load_taxonomy

    english = (get_language() or "fr").startswith("en")
    return [(c.code, c.en if english else c.fr) for c in load_taxonomy().categories.values()]


def _evidence(evidence: list[Any], labels: dict[str, str]) -> list[str]:
    """The features that weighed most, in words a reviewer reads (engine names otherwise)."""
    out: list[str] = []
    for item in evidence:
        name = str(item.get("feature", "")) if isinstance(item, dict) else str(item)
        kind, _sep, rest = name.partition(":")
        if kind == "word":
            out.append(f"« {rest} »")
        elif kind == "head":
            out.append(_("« %(t)s » en titre") % {"t": rest})
        elif kind == "lex":
            code = rest.split(":", 1)[0]
            out.append(_("vocabulaire « %(c)s »") % {"c": labels.get(code, code)})
        elif kind in ("char", "meta"):
            continue  # sub-word fragments and layout statistics say little to a human
        else:
            out.append(name)
    return list(dict.fromkeys(out))[:6]


@login_required
def review_view(request: HttpRequest, dossier_id: int) -> HttpResponse:
    actor = request_actor(request)
    try:
        dossier = dossier_for_actor(actor, dossier_id)
        queue = list(review_queue(actor=actor, dossier_id=dossier.pk)[:200])
    except NotFound as exc:
        raise Http404 from exc
    participation = actor_participation(actor, dossier)
    labels = dict(category_labels())
    items: list[dict[str, Any]] = [
        {
            "analysis": a,
            "top": [(code, labels.get(code, code), round(p * 100)) for code, p in a.top[:3]],
            "evidence": _evidence(a.evidence or [], labels),
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
            # A suggestion button sends `category`; the "other category" list its own field
            # (one name for both would let the empty list override the button pressed).
            category=request.POST.get("category") or request.POST.get("other_category", ""),
        )
        messages.success(request, _("Classement enregistré."))
    except NotFound as exc:
        raise Http404 from exc
    except IlotError as exc:
        messages.error(request, exc.message)
    return redirect("docai_review", dossier_id=dossier_id)


@login_required
@require_POST
def analysis_rerun_view(request: HttpRequest, dossier_id: int, document_id: int) -> HttpResponse:
    actor = request_actor(request)
    try:
        analysis_rerun(actor=actor, dossier_id=dossier_id, document_id=document_id)
        messages.success(request, _("Analyse relancée : le résultat s'affichera dans un instant."))
    except NotFound as exc:
        raise Http404 from exc
    except IlotError as exc:
        messages.error(request, exc.message)
    return redirect("web:dossier_tab", dossier_id=dossier_id, tab="documents")


MAX_STATUS_IDS = 500


@login_required
@require_GET
def analysis_status_view(request: HttpRequest, dossier_id: int) -> JsonResponse:
    """Live status of the listed documents' analyses, polled by the data room while any is
    pending or running (one query per poll whatever the number of rows)."""
    actor = request_actor(request)
    raw = request.GET.get("ids", "").split(",")
    ids = [int(i) for i in raw if i.strip().isdigit()][:MAX_STATUS_IDS]  # junk ids are ignored
    try:
        analyses = analyses_of_documents(actor=actor, dossier_id=dossier_id, document_ids=ids)
        dossier = dossier_for_actor(actor, dossier_id)
    except NotFound as exc:
        raise Http404 from exc
    participation = actor_participation(actor, dossier)
    labels = dict(category_labels())
    documents = {
        str(doc_id): {
            "status": a.status,
            "status_label": str(AnalysisStatus(a.status).label),
            "category": a.final_category or None,
            "category_label": labels.get(a.final_category, a.final_category) or None,
            "confidence": a.confidence,
            "needs_review": a.needs_review,
            "error": a.error[:300] or None,
        }
        for doc_id, a in analyses.items()
    }
    summary = {s: 0 for s in AnalysisStatus.values}
    for entry in documents.values():
        summary[str(entry["status"])] += 1
    return JsonResponse(
        {
            "documents": documents,
            "summary": summary,
            "can_rerun": participation is not None and participation.is_bank,
            "review_url": f"/dossiers/{dossier.pk}/review/",
        }
    )
