"""`ilot migrate` runs as the owner role when one is configured (ILOT_DATABASE_OWNER_URL).

The application's own connection (ILOT_DATABASE_URL) is a role that may neither create tables
nor bypass row-level security, so schema changes must go through the owner. Some third-party
data migrations query through the `default` alias whatever `--database` says, so rather than
migrating another alias, the `default` connection itself is switched to the owner's credentials
for the duration of the command (otherwise the two connections would wait on each other).
"""

from typing import Any

from django.conf import settings
from django.core.management.commands.migrate import Command as MigrateCommand
from django.db import connections

CREDENTIAL_KEYS = ("NAME", "USER", "PASSWORD", "HOST", "PORT", "OPTIONS")


class Command(MigrateCommand):
    def handle(self, *args: Any, **options: Any) -> None:
        if options.get("database") not in (None, "default") or "owner" not in settings.DATABASES:
            super().handle(*args, **options)
            return
        default = connections["default"]
        saved = {key: default.settings_dict.get(key) for key in CREDENTIAL_KEYS}
        owner = connections["owner"].settings_dict
        default.close()
        default.settings_dict.update({key: owner.get(key) for key in CREDENTIAL_KEYS})
        try:
            super().handle(*args, **options)
        finally:
            default.close()
            default.settings_dict.update(saved)
