"""`ilot demo` is idempotent and gives every account what the README promises."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from ilot.core import rls
from ilot.dossiers.access import visible_dossiers
from ilot.dossiers.models import Dossier, Participant
from ilot.tenancy.models import User

pytestmark = pytest.mark.django_db

EXPECTED_VISIBLE = {
    "rm@banque.example": 2,
    "analyste@banque.example": 2,
    "conformite@banque.example": 0,
    "admin@banque.example": 0,
    "promoteur@alpha.example": 2,
    "promoteur@beta.example": 2,
    "notaire@etude.example": 1,
}


def test_demo_twice_creates_nothing_new(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("demo")
    with rls.as_system():
        counts = (User.objects.count(), Dossier.objects.count(), Participant.objects.count())
    call_command("demo")
    with rls.as_system():
        assert (
            User.objects.count(),
            Dossier.objects.count(),
            Participant.objects.count(),
        ) == counts
    assert counts[1] == 4
    assert "ilot-demo-2026" in capsys.readouterr().out
    for email, expected in EXPECTED_VISIBLE.items():
        user = User.objects.get(email=email)
        with rls.acting_as(user.pk):
            assert visible_dossiers(user).count() == expected, email
            assert user.check_password("ilot-demo-2026")
