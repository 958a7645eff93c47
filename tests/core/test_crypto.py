"""Encryption at rest of TOTP secrets: never clear in the database, keys can rotate."""

from __future__ import annotations

import io
from typing import Any

import pyotp
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection

from ilot.core import crypto
from ilot.tenancy.models import TotpDevice
from ilot.tenancy.services import totp_enrolment_start

pytestmark = pytest.mark.django_db


def _stored(device: TotpDevice) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT secret FROM tenancy_totpdevice WHERE id = %s", [device.pk])
        return str(cursor.fetchone()[0])


def test_totp_secret_is_encrypted_at_rest(world: dict[str, Any]) -> None:
    device = totp_enrolment_start(user=world["rm"])
    raw = _stored(device)
    assert raw.startswith("fernet:") and device.secret not in raw
    reloaded = TotpDevice.objects.get(pk=device.pk)
    assert reloaded.secret == device.secret and len(reloaded.secret) == 32
    assert pyotp.TOTP(reloaded.secret).verify(pyotp.TOTP(device.secret).now())
    # Tampering is detected instead of decrypting to garbage.
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE tenancy_totpdevice SET secret = %s WHERE id = %s",
            [raw[:-4] + "AAAA", device.pk],
        )
    with pytest.raises(ImproperlyConfigured, match="cannot be decrypted"):
        TotpDevice.objects.get(pk=device.pk)


def test_keys_rotate(world: dict[str, Any], settings: Any) -> None:
    old, new = crypto.generate_key(), crypto.generate_key()
    settings.ILOT_FIELD_KEYS = [old]
    device = totp_enrolment_start(user=world["rm"])
    secret = device.secret
    settings.ILOT_FIELD_KEYS = [new, old]  # new key first, old one kept to read
    assert TotpDevice.objects.get(pk=device.pk).secret == secret
    out = io.StringIO()
    call_command("field_keys", "rotate", stdout=out)
    assert "1 secrets re-encrypted" in out.getvalue()
    settings.ILOT_FIELD_KEYS = [new]  # old key dropped: still readable
    assert TotpDevice.objects.get(pk=device.pk).secret == secret
    settings.ILOT_FIELD_KEYS = [old]
    with pytest.raises(ImproperlyConfigured):
        TotpDevice.objects.get(pk=device.pk)
    settings.ILOT_FIELD_KEYS = ["not-a-key"]
    with pytest.raises(ImproperlyConfigured, match="invalid key"):
        crypto.encrypt("x")


def test_migration_encrypts_legacy_clear_secrets(world: dict[str, Any]) -> None:
    from importlib import import_module

    from django.apps import apps

    device = totp_enrolment_start(user=world["rm"])
    clear = pyotp.random_base32()
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE tenancy_totpdevice SET secret = %s WHERE id = %s", [clear, device.pk]
        )
    assert TotpDevice.objects.get(pk=device.pk).secret == clear  # legacy value still readable
    migration = import_module("ilot.tenancy.migrations.0002_totp_secret_encrypted")
    migration.encrypt_existing(apps, connection.schema_editor())
    assert _stored(device).startswith("fernet:")
    assert TotpDevice.objects.get(pk=device.pk).secret == clear
    migration.decrypt_existing(apps, connection.schema_editor())
    assert _stored(device) == clear


def test_generate_prints_a_usable_key() -> None:
    out = io.StringIO()
    call_command("field_keys", "generate", stdout=out)
    key = out.getvalue().strip()
    assert crypto._fernet((key,), "unused").decrypt(crypto._fernet((key,), "x").encrypt(b"ok"))
