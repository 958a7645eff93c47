from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _grant_app_role(sender: AppConfig, using: str = "default", **kwargs: Any) -> None:
    from ilot.core.rls import grant_app_role

    grant_app_role(using)


class CoreConfig(AppConfig):
    name = "ilot.core"
    label = "core"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Tables created by migrations belong to the owner role; the app role gets its
        # privileges after every migrate, so no new table is ever left unreachable.
        post_migrate.connect(_grant_app_role, sender=self, dispatch_uid="ilot-grant-app-role")
