"""``ilot field_keys generate|rotate``: keys of the encryption at rest (ilot.core.crypto).

Rotation: put a new key first in ``ILOT_FIELD_KEYS`` (keep the old ones after it), run
``ilot field_keys rotate`` to re-encrypt every stored secret under the new key, then drop the
old keys.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction


class Command(BaseCommand):
    help = "Generate a field-encryption key, or re-encrypt stored secrets under the first key."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("generate", help="Print a new key for ILOT_FIELD_KEYS.")
        sub.add_parser("rotate", help="Re-encrypt every stored secret under the first key.")

    def handle(self, *args: Any, **options: Any) -> None:
        from ilot.core.crypto import generate_key

        if options["action"] == "generate":
            self.stdout.write(generate_key())
            return
        from ilot.audit.services import audit_record
        from ilot.tenancy.models import TotpDevice

        with transaction.atomic():
            devices = list(TotpDevice.objects.select_for_update())
            for device in devices:
                # The field decrypts with any configured key and encrypts with the first one.
                TotpDevice.objects.filter(pk=device.pk).update(secret=device.secret)
            audit_record(
                action="security.field_keys_rotated",
                actor_label="cli",
                object_type="tenancy.totpdevice",
                data={"rows": len(devices)},
            )
        self.stdout.write(self.style.SUCCESS(f"{len(devices)} secrets re-encrypted"))
