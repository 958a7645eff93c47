"""Reads about organisations and users."""

from __future__ import annotations

from django.db.models import QuerySet

from ilot.tenancy.models import Membership, Organisation, OrganisationKind, User


def user_organisations(user: User) -> QuerySet[Organisation]:
    return Organisation.objects.filter(memberships__user=user, memberships__is_active=True)


def user_primary_organisation(user: User) -> Organisation | None:
    membership = (
        Membership.objects.filter(user=user, is_active=True)
        .select_related("organisation")
        .order_by("created_at")
        .first()
    )
    return membership.organisation if membership else None


def user_is_bank_staff(user: User) -> bool:
    return Membership.objects.filter(
        user=user, is_active=True, organisation__kind=OrganisationKind.BANK
    ).exists()


def user_client_ids(user: User) -> list[int]:
    return list(
        Membership.objects.filter(
            user=user, is_active=True, organisation__kind=OrganisationKind.DEVELOPER
        ).values_list("organisation_id", flat=True)
    )


def developer_clients() -> QuerySet[Organisation]:
    return Organisation.objects.filter(kind=OrganisationKind.DEVELOPER)


def user_by_email(email: str) -> User | None:
    return User.objects.filter(email=email.strip().lower()).first()
