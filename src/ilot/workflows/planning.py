"""Planning a dossier's checklist from a template, and evaluating items against documents.

Pure functions the service layer calls when a dossier is created (:func:`plan_items`), when a
document arrives (:func:`validity_problem`), and before a lifecycle transition
(:func:`blocking_items`, whose result feeds :func:`ilot.workflows.lifecycle.check_transition`).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from ilot.workflows import calendar_fr
from ilot.workflows.deadlines import DeadlineRule, compute_deadlines
from ilot.workflows.lifecycle import MAIN_PATH, State
from ilot.workflows.templates import DOSSIER_CREATED, Template, TemplateItem


@dataclass(frozen=True)
class PlannedItem:
    """An item as planned for one dossier: its due date, or what that date waits for."""

    item: TemplateItem
    due_date: date | None
    waiting_for: str | None  # the fact whose date is still unknown
    due_note: str | None  # e.g. "2026-05-16 is a weekend: moved to 2026-05-18"


def plan_items(
    template: Template,
    *,
    created_on: date,
    facts: Mapping[str, date] | None = None,
    deadline_rules: Sequence[DeadlineRule] | None = None,
    alsace_moselle: bool = False,
) -> list[PlannedItem]:
    """Due dates of every item of ``template`` for a dossier created on ``created_on``.

    A due rule may be relative to dossier creation, to a dated fact, or to a deadline computed
    from the facts by :func:`ilot.workflows.deadlines.compute_deadlines` (e.g. ``permit_purged``).
    """
    known: dict[str, date] = dict(facts or {})
    for deadline in compute_deadlines(known, deadline_rules, alsace_moselle=alsace_moselle):
        known.setdefault(deadline.code, deadline.due_date)
    known[DOSSIER_CREATED] = created_on
    planned: list[PlannedItem] = []
    for it in template.items:
        if it.due is None:
            planned.append(PlannedItem(it, None, None, None))
            continue
        base = known.get(it.due.after)
        if base is None:
            planned.append(PlannedItem(it, None, it.due.after, None))
            continue
        due = it.due.offset.apply(base, alsace_moselle=alsace_moselle)
        note = None
        why = calendar_fr.describe_day(due, lang="en", alsace_moselle=alsace_moselle)
        if it.due.business_day and why is not None:
            moved = calendar_fr.next_business_day(due, alsace_moselle=alsace_moselle)
            note = f"{due.isoformat()} is a {why}: moved to {moved.isoformat()}"
            due = moved
        planned.append(PlannedItem(it, due, None, note))
    return planned


def validity_problem(
    item: TemplateItem,
    *,
    issued_on: date | None,
    today: date,
    document_siren: str | None = None,
    expected_siren: str | None = None,
) -> str | None:
    """Why a document does not satisfy ``item``'s validity rule, or None if it does.

    An unknown issue date fails a max-age rule (a human must read it); an unknown SIREN does not
    fail a SIREN rule (the issue says "where known").
    """
    rule = item.validity
    if rule is None:
        return None
    if rule.max_age_days is not None:
        if issued_on is None:
            return "issue date unknown: the document's age cannot be checked"
        if issued_on > today:
            return f"issue date {issued_on.isoformat()} is in the future"
        if today - issued_on > timedelta(days=rule.max_age_days):
            age = (today - issued_on).days
            return f"issued {age} days ago, more than the {rule.max_age_days} days accepted"
    if rule.match_siren and document_siren and expected_siren and document_siren != expected_siren:
        return f"SIREN {document_siren} is not the project company's ({expected_siren})"
    return None


def blocking_items(
    items: Iterable[TemplateItem], target: State | str, satisfied: Collection[str]
) -> list[str]:
    """Codes of the items not yet satisfied that block entering ``target`` (an item blocks its
    stage and every later one). Exits (declined, abandoned) are blocked by nothing."""
    target = State(target)
    if target not in MAIN_PATH:
        return []
    position = MAIN_PATH.index(target)
    return [
        it.code
        for it in items
        if it.code not in satisfied and MAIN_PATH.index(it.blocks) <= position
    ]


def unmet_dependencies(item: TemplateItem, satisfied: Collection[str]) -> list[str]:
    """The items ``item`` waits for that are not satisfied yet."""
    return [d for d in item.depends_on if d not in satisfied]
