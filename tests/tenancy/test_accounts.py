"""Platform administration of accounts, and choosing a password from a one-time link."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from ilot.audit.models import Event
from ilot.core import rls
from ilot.tenancy.models import ApiToken, Organisation, User

pytestmark = pytest.mark.django_db


def _actions() -> set[str]:
    with rls.as_system():
        return set(Event.objects.values_list("action", flat=True))


def test_admin_creates_account_which_sets_its_password(
    world: dict[str, Any], client_for: Any, django_capture_on_commit_callbacks: Any
) -> None:
    admin = client_for(world["admin"])
    org = Organisation.objects.get(name="Étude Exemple")
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(
            "/admin/accounts/",
            {
                "action": "create_user",
                "email": "clerc@etude.example",
                "full_name": "Jean Clerc",
                "organisation_id": org.pk,
                "title": "Clerc",
            },
        )
    assert response.status_code == 302
    user = User.objects.get(email="clerc@etude.example")
    assert not user.has_usable_password()
    [message] = mail.outbox
    link = re.search(r"https?://[^/]+(/accounts/reset/\S+)", message.body)
    assert link is not None
    web = Client()
    form = web.get(link.group(1), follow=True)
    assert form.status_code == 200
    set_url = form.redirect_chain[-1][0] if form.redirect_chain else link.group(1)
    weak = web.post(set_url, {"new_password1": "123", "new_password2": "123"})
    assert weak.status_code == 200
    done = web.post(
        set_url,
        {"new_password1": "a-strong-passphrase-26", "new_password2": "a-strong-passphrase-26"},
    )
    assert done.status_code == 302
    assert (
        Client()
        .post("/accounts/login/", {"email": user.email, "password": "a-strong-passphrase-26"})
        .status_code
        == 302
    )
    assert {"account.user_created", "auth.password_set"} <= _actions()


def test_deactivation_cuts_sessions_and_tokens(world: dict[str, Any], client_for: Any) -> None:
    target = world["alpha"]
    session = client_for(target)
    token = (
        Client()
        .post(
            "/api/v1/auth/token",
            {"email": target.email, "password": "ilot-demo-2026"},
            content_type="application/json",
        )
        .json()["token"]
    )
    admin = client_for(world["admin"])
    assert (
        admin.post("/admin/accounts/", {"action": "deactivate", "user_id": target.pk}).status_code
        == 302
    )
    assert session.get("/dossiers/").status_code == 302
    assert Client().get("/api/v1/dossiers", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 401
    assert ApiToken.objects.filter(user=target, revoked_at__isnull=True).count() == 0
    # Self-deactivation is refused; non-admins get 404.
    admin.post("/admin/accounts/", {"action": "deactivate", "user_id": world["admin"].pk})
    assert User.objects.get(pk=world["admin"].pk).is_active
    assert (
        client_for(world["rm"])
        .post("/admin/accounts/", {"action": "activate", "user_id": target.pk})
        .status_code
        == 404
    )
    assert not User.objects.get(pk=target.pk).is_active
    assert "account.deactivated" in _actions()


def test_organisation_and_two_factor_policy(world: dict[str, Any], client_for: Any) -> None:
    admin = client_for(world["admin"])
    admin.post(
        "/admin/accounts/",
        {
            "action": "create_organisation",
            "name": "Cabinet Archi",
            "kind": "other",
            "siren": "812345677",
        },
    )
    assert not Organisation.objects.filter(name="Cabinet Archi").exists()  # invalid SIREN
    admin.post(
        "/admin/accounts/",
        {"action": "create_organisation", "name": "Cabinet Archi", "kind": "other"},
    )
    org = Organisation.objects.get(name="Cabinet Archi")
    admin.post(
        "/admin/accounts/",
        {"action": "two_factor_policy", "organisation_id": org.pk, "required": "1"},
    )
    assert Organisation.objects.get(pk=org.pk).require_two_factor
    assert "account.two_factor_policy" in _actions()


def test_password_reset_answers_the_same_for_unknown_addresses(world: dict[str, Any]) -> None:
    known = Client().post("/accounts/password-reset/", {"email": "rm@banque.example"})
    unknown = Client().post("/accounts/password-reset/", {"email": "nobody@banque.example"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert len(mail.outbox) == 1
