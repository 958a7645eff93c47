"""Small display helpers for workflow pages: due-date notes, labels of parties and statuses."""

from __future__ import annotations

from datetime import date

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ilot.workflows import calendar_fr
from ilot.workflows.lifecycle import STATE_LABELS, State

register = template.Library()

PARTY_LABELS = {
    "bank": gettext_lazy("Banque"),
    "developer": gettext_lazy("Promoteur"),
    "notary": gettext_lazy("Notaire"),
    "lawyer": gettext_lazy("Avocat"),
    "architect": gettext_lazy("Architecte"),
    "insurer": gettext_lazy("Assureur"),
    "": gettext_lazy("—"),
}
KIND_LABELS = {
    "document": gettext_lazy("Pièce à fournir"),
    "condition": gettext_lazy("Condition suspensive"),
    "validation": gettext_lazy("À valider"),
    "task": gettext_lazy("Tâche"),
    "deadline": gettext_lazy("Échéance légale"),
}
STATUS_CLASSES = {
    "expected": "text-bg-light border",
    "received_to_validate": "text-bg-info",
    "validated": "text-bg-success",
    "rejected": "text-bg-danger",
    "waived": "text-bg-secondary",
    "open": "text-bg-light border",
    "in_progress": "text-bg-info",
    "done": "text-bg-success",
    "cancelled": "text-bg-secondary",
}


@register.filter
def day_note(value: date | None) -> str:
    """ "Week-end" or "Férié : Ascension" when a due date is not a business day."""
    if not value:
        return ""
    holiday = calendar_fr.holiday_on(value)
    if holiday is not None:
        return _("Férié : %(name)s") % {"name": holiday.name("fr")}
    if calendar_fr.is_weekend(value):
        return _("Week-end")
    return ""


@register.filter
def party_label(value: str) -> str:
    return str(PARTY_LABELS.get(value or "", value))


@register.filter
def kind_label(value: str) -> str:
    return str(KIND_LABELS.get(value, value))


@register.filter
def status_class(value: str) -> str:
    return STATUS_CLASSES.get(value, "text-bg-light border")


@register.filter
def state_label(value: str) -> str:
    try:
        return STATE_LABELS[State(value)][0]
    except ValueError:
        return value


@register.filter
def days_from(value: date | None, today: date) -> int | None:
    return None if value is None else (value - today).days


@register.filter
def neg(value: int) -> int:
    return -value


@register.filter
def bar_height(value: int, maximum: int) -> float:
    """Height (0-100) of a bar in the portfolio's weekly chart."""
    return round(100 * value / maximum, 1) if maximum else 0.0


@register.filter
def fact_label(value: str) -> str:
    """A fact or computed deadline code in words (``offer_date`` → "Date d'émission ...")."""
    from ilot.workflows.deadlines import default_rules
    from ilot.workflows.services import KNOWN_FACTS

    if value in KNOWN_FACTS:
        return KNOWN_FACTS[value]
    for rule in default_rules():
        if rule.code == value:
            return rule.label_fr
    if value == "dossier_created":
        return _("Ouverture du dossier")
    return value
