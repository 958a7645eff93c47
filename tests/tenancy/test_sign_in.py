"""Sign-in with lockout, TOTP two-factor authentication, sessions, API tokens."""

from __future__ import annotations

from typing import Any

import pyotp
import pytest
from django.test import Client
from django.utils import timezone

from ilot.audit.models import Event
from ilot.core import rls
from ilot.tenancy.models import TotpDevice, User
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def _events(action: str) -> list[Event]:
    with rls.as_system():
        return list(Event.objects.filter(action=action))


def test_sign_in_and_sign_out_are_audited(world: dict[str, Any]) -> None:
    web = Client()
    response = web.post("/accounts/login/", {"email": "RM@banque.example", "password": PASSWORD})
    assert response.status_code == 302
    assert web.get("/dossiers/").status_code == 200
    assert [e.actor_id for e in _events("auth.sign_in")] == [world["rm"].pk]
    web.post("/accounts/logout/")
    assert web.get("/dossiers/").status_code == 302
    assert len(_events("auth.sign_out")) == 1


def test_wrong_password_same_message_as_unknown_user(world: dict[str, Any]) -> None:
    web = Client()
    wrong = web.post(
        "/accounts/login/", {"email": "rm@banque.example", "password": "nope-nope-nope"}
    )
    unknown = web.post(
        "/accounts/login/", {"email": "ghost@banque.example", "password": "nope-nope-nope"}
    )
    assert wrong.status_code == unknown.status_code == 400
    assert "incorrect" in wrong.content.decode() and "incorrect" in unknown.content.decode()
    assert {e.data["email"] for e in _events("auth.sign_in_failed")} == {
        "rm@banque.example",
        "ghost@banque.example",
    }


def test_brute_force_locks_the_account(world: dict[str, Any], settings: Any) -> None:
    settings.ILOT_LOCKOUT_THRESHOLD = 3
    web = Client()
    for _attempt in range(3):
        web.post("/accounts/login/", {"email": "rm@banque.example", "password": "bad-password-1"})
    user = User.objects.get(email="rm@banque.example")
    assert user.locked_until is not None and user.locked_until > timezone.now()
    # Even the right password is refused while locked.
    response = web.post("/accounts/login/", {"email": "rm@banque.example", "password": PASSWORD})
    assert response.status_code == 400
    assert "verrouillé" in response.content.decode()
    assert len(_events("auth.locked")) == 1


def _enrol(user: User) -> pyotp.TOTP:
    web = Client()
    web.force_login(user, backend="ilot.tenancy.auth.EmailBackend")
    page = web.get("/accounts/two-factor/")
    assert page.status_code == 200
    device = TotpDevice.objects.get(user=user)
    assert device.secret in page.content.decode()
    totp = pyotp.TOTP(device.secret)
    bad = web.post("/accounts/two-factor/", {"action": "confirm", "code": "000000"}, follow=True)
    assert "incorrect" in bad.content.decode()
    ok = web.post("/accounts/two-factor/", {"action": "confirm", "code": totp.now()})
    assert ok.status_code == 302
    assert TotpDevice.objects.get(user=user).is_confirmed
    return totp


def test_totp_enrolment_then_two_step_sign_in(world: dict[str, Any]) -> None:
    user = world["alpha"]
    totp = _enrol(user)
    TotpDevice.objects.filter(user=user).update(last_used_step=0)
    web = Client()
    step1 = web.post("/accounts/login/", {"email": user.email, "password": PASSWORD})
    assert step1.status_code == 302 and step1["Location"].startswith("/accounts/login/otp/")
    # Not signed in yet: the password alone opens nothing.
    assert web.get("/dossiers/").status_code == 302
    assert web.post("/accounts/login/otp/", {"code": "123456"}).status_code == 400
    code = totp.now()
    assert web.post("/accounts/login/otp/", {"code": code}).status_code == 302
    assert web.get("/dossiers/").status_code == 200
    # The same code cannot be replayed.
    other = Client()
    other.post("/accounts/login/", {"email": user.email, "password": PASSWORD})
    assert other.post("/accounts/login/otp/", {"code": code}).status_code == 400
    assert len(_events("auth.two_factor_enrolled")) == 1


def test_organisation_can_require_two_factor(world: dict[str, Any]) -> None:
    user = world["beta"]
    organisation = user.memberships.get().organisation
    organisation.require_two_factor = True
    organisation.save()
    web = Client()
    web.force_login(user, backend="ilot.tenancy.auth.EmailBackend")
    response = web.get("/dossiers/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/two-factor/")
    api = Client().post(
        "/api/v1/auth/token",
        {"email": user.email, "password": PASSWORD},
        content_type="application/json",
    )
    assert api.status_code == 401


def test_api_token_needs_otp_for_enrolled_users(world: dict[str, Any]) -> None:
    user = world["rm"]
    totp = _enrol(user)
    TotpDevice.objects.filter(user=user).update(last_used_step=0)
    api = Client()
    missing = api.post(
        "/api/v1/auth/token",
        {"email": user.email, "password": PASSWORD},
        content_type="application/json",
    )
    assert missing.status_code == 401
    assert missing.json()["error"]["code"] == "authentication_failed"
    good = api.post(
        "/api/v1/auth/token",
        {"email": user.email, "password": PASSWORD, "otp": totp.now()},
        content_type="application/json",
    )
    assert good.status_code == 200
    token = good.json()["token"]
    listed = api.get("/api/v1/dossiers", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert listed.status_code == 200 and len(listed.json()) == 2
    assert api.get("/api/v1/dossiers", HTTP_AUTHORIZATION="Bearer ilot_forged").status_code == 401


def test_idle_session_expires(world: dict[str, Any], settings: Any) -> None:
    web = Client()
    web.force_login(world["rm"], backend="ilot.tenancy.auth.EmailBackend")
    session = web.session
    session["ilot_last_seen"] = 0
    session.save()
    response = web.get("/dossiers/")
    assert response.status_code == 302 and "expired=1" in response["Location"]


def test_open_redirect_is_refused(world: dict[str, Any]) -> None:
    response = Client().post(
        "/accounts/login/?next=https://evil.example/",
        {"email": "rm@banque.example", "password": PASSWORD},
    )
    assert response.status_code == 302 and response["Location"] == "/"


def test_security_headers(world: dict[str, Any]) -> None:
    response = Client().get("/accounts/login/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
