"""TOTP secrets move from clear text to encryption at rest (ilot.core.crypto)."""

from typing import Any

from django.db import migrations

import ilot.core.crypto


def encrypt_existing(apps: Any, schema_editor: Any) -> None:
    # Reading goes through from_db_value (a clear legacy value comes back as is), saving
    # through get_prep_value, which encrypts it.
    device_model = apps.get_model("tenancy", "TotpDevice")
    for device in device_model.objects.all():
        device.save(update_fields=["secret"])


def decrypt_existing(apps: Any, schema_editor: Any) -> None:
    device_model = apps.get_model("tenancy", "TotpDevice")
    table = schema_editor.quote_name(device_model._meta.db_table)
    with schema_editor.connection.cursor() as cursor:
        for device in device_model.objects.all():
            cursor.execute(
                f"UPDATE {table} SET secret = %s WHERE id = %s",  # noqa: S608 - quoted name
                [device.secret, device.pk],
            )


class Migration(migrations.Migration):
    dependencies = [
        ("tenancy", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="totpdevice",
            name="secret",
            field=ilot.core.crypto.EncryptedTextField(),
        ),
        migrations.RunPython(encrypt_existing, decrypt_existing),
    ]
