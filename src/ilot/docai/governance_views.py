"""Model governance pages: for platform administrators (who activate) and compliance (who read).

Anyone else gets a 404, like every page they have no business knowing about.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ilot.core.exceptions import IlotError, NotFound
from ilot.docai.governance import BINS, DRIFT_MIN_SAMPLE, governance_report
from ilot.docai.lifecycle import model_activate, model_registry_sync
from ilot.docai.models import ModelVersion
from ilot.docai.models_registry import card_html
from ilot.docai.views import category_labels
from ilot.tenancy.access import request_actor
from ilot.tenancy.models import User

CHART_W, CHART_H, CHART_TOP, CHART_BOTTOM = 640, 200, 16, 170


def _governor(request: HttpRequest) -> User:
    actor = request_actor(request)
    if not (actor.is_platform_admin or actor.is_compliance_officer):
        raise Http404
    return actor


def _confidence_chart(validation: list[float], recent: list[float]) -> list[dict[str, Any]]:
    """Paired bars per confidence decile: validation (what the model was checked on) and the
    recent predictions, as shares, so that a drift to low confidence is seen at a glance."""
    peak = max([*validation, *recent, 0.01])
    slot = (CHART_W - 20) / BINS
    bars = []
    for i in range(BINS):
        v = validation[i] if i < len(validation) else 0.0
        r = recent[i] if i < len(recent) else 0.0
        x = 10 + i * slot
        vh = (CHART_BOTTOM - CHART_TOP) * v / peak
        rh = (CHART_BOTTOM - CHART_TOP) * r / peak
        bars.append(
            {
                "label": f"{i / BINS:.1f}",
                "x_val": round(x + slot * 0.12, 1),
                "x_rec": round(x + slot * 0.5, 1),
                "width": round(slot * 0.36, 1),
                "y_val": round(CHART_BOTTOM - vh, 1),
                "h_val": round(vh, 1),
                "y_rec": round(CHART_BOTTOM - rh, 1),
                "h_rec": round(rh, 1),
                "val_pct": round(v * 100, 1),
                "rec_pct": round(r * 100, 1),
                "mid": round(x + slot / 2, 1),
            }
        )
    return bars


def _daily_chart(daily: list[tuple[str, int]]) -> list[dict[str, Any]]:
    if not daily:
        return []
    peak = max(n for _day, n in daily) or 1
    slot = (CHART_W - 20) / max(len(daily), 1)
    out = []
    for i, (day, n) in enumerate(daily):
        h = (CHART_BOTTOM - CHART_TOP) * n / peak
        out.append(
            {
                "day": day,
                "n": n,
                "x": round(10 + i * slot + slot * 0.15, 1),
                "width": round(max(slot * 0.7, 2), 1),
                "y": round(CHART_BOTTOM - h, 1),
                "height": round(h, 1),
                "mid": round(10 + i * slot + slot / 2, 1),
                "show_label": len(daily) <= 12 or i % max(len(daily) // 8, 1) == 0,
            }
        )
    return out


@login_required
def governance_view(request: HttpRequest) -> HttpResponse:
    actor = _governor(request)
    model_registry_sync()  # a fresh installation shows (and uses) its committed model
    report = governance_report()
    labels = dict(category_labels())
    return render(
        request,
        "docai/governance.html",
        {
            "report": report,
            "confidence_chart": _confidence_chart(report.validation_hist, report.recent_hist),
            "daily_chart": _daily_chart(report.daily),
            "can_activate": actor.is_platform_admin,
            "top_categories": [(c, labels.get(c, c), n) for c, n in report.top_categories],
            "drift_min": DRIFT_MIN_SAMPLE,
            "chart_w": CHART_W,
            "chart_h": CHART_H,
            "chart_bottom": CHART_BOTTOM,
        },
    )


@login_required
def model_card_view(request: HttpRequest, model_id: int) -> HttpResponse:
    _governor(request)
    model = ModelVersion.objects.select_related("client").filter(pk=model_id).first()
    if model is None:
        raise Http404
    # card_html escapes every line of the Markdown before adding its own tags.
    body = mark_safe(card_html(model.card_markdown))  # noqa: S308
    return render(request, "docai/model_card.html", {"model": model, "card": body})


@login_required
@require_POST
def model_activate_view(request: HttpRequest, model_id: int) -> HttpResponse:
    actor = _governor(request)
    try:
        model = model_activate(actor=actor, model_id=model_id)
        messages.success(request, _("Modèle %(v)s activé.") % {"v": model.version})
    except NotFound as exc:
        raise Http404 from exc
    except IlotError as exc:
        messages.error(request, exc.message)
    return redirect("docai_governance")
