"""Amounts shown the French way (1 234 567 €), whatever the UI language, as bankers read them."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import template

register = template.Library()


@register.filter
def eur(value: object) -> str:
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return ""
    whole = f"{amount:,.0f}".replace(",", "\u202f")
    return f"{whole}\u00a0€"
