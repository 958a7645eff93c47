"""Context for this app's tabs on the dossier page (see ilot.dossiers.views.TAB_PROVIDERS).

The dossier has already been checked against the actor's wall by the dossier page; these
functions only gather what the templates show, with a fixed number of queries.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import get_language

from ilot.dossiers.models import Participant
from ilot.workflows import access, lifecycle, selectors, services
from ilot.workflows.models import ItemStatus, TaskStatus
from ilot.workflows.templates import Party


def _lang() -> str:
    return "en" if (get_language() or "fr").startswith("en") else "fr"


def checklist_tab_context(request: HttpRequest, dossier: Any) -> dict[str, Any]:
    user: Any = request.user
    services.checklist_ensure(actor=user, dossier=dossier)
    items = list(selectors.dossier_checklist(actor=user, dossier_id=dossier.pk))
    deadlines = list(selectors.dossier_deadlines(actor=user, dossier_id=dossier.pk))
    seat = access.seat_on(user, dossier)
    transitions = []
    if seat.lifecycle_actor is not None and dossier.state not in {
        s.value for s in lifecycle.TERMINAL
    }:
        satisfied = {i.code for i in items if i.is_satisfied}
        for t in lifecycle.allowed_transitions(dossier.state, seat.lifecycle_actor):
            blocking = []
            if t.checks_blocking_items and t.target in lifecycle.MAIN_PATH:
                rank = lifecycle.MAIN_PATH.index(t.target)
                blocking = [
                    i
                    for i in items
                    if i.code not in satisfied
                    and lifecycle.MAIN_PATH.index(lifecycle.State(i.blocks)) <= rank
                ]
            fr, en = lifecycle.STATE_LABELS[t.target]
            transitions.append(
                {
                    "target": t.target.value,
                    "label": en if _lang() == "en" else fr,
                    "guard": t.guard_en if _lang() == "en" else t.guard_fr,
                    "blocking": blocking,
                    "needs_reason": not t.checks_blocking_items,
                }
            )
    total = len(items)
    done = sum(1 for i in items if i.is_satisfied)
    return {
        "groups": selectors.checklist_by_stage(items, _lang()),
        "deadlines": deadlines,
        "facts": list(selectors.dossier_facts(actor=user, dossier_id=dossier.pk)),
        "known_facts": services.KNOWN_FACTS,
        "timeline": selectors.dossier_timeline(
            dossier=dossier, items=items, deadline_rows=deadlines
        ),
        "seat": seat,
        "transitions": transitions,
        "progress": {
            "done": done,
            "total": total,
            "percent": round(100 * done / total) if total else 0,
            "to_validate": sum(1 for i in items if i.status == ItemStatus.RECEIVED),
            "rejected": sum(1 for i in items if i.status == ItemStatus.REJECTED),
        },
        "today": selectors.today(),
        "lang": _lang(),
    }


def tasks_tab_context(request: HttpRequest, dossier: Any) -> dict[str, Any]:
    user: Any = request.user
    tasks = list(selectors.dossier_tasks(actor=user, dossier_id=dossier.pk))
    people = (
        Participant.objects.filter(dossier=dossier, is_active=True)
        .select_related("user")
        .order_by("user__full_name", "user__email")
    )
    return {
        "tasks_open": [t for t in tasks if t.is_open],
        "tasks_closed": [t for t in tasks if not t.is_open],
        "people": list(people),
        "parties": [p.value for p in Party],
        "task_statuses": TaskStatus.choices,
        "seat": access.seat_on(user, dossier),
        "today": selectors.today(),
    }
