"""Base model and the marker that puts a table behind the Chinese wall."""

from __future__ import annotations

from typing import ClassVar

from django.db import models


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class DossierScoped(models.Model):
    """A row that belongs to one dossier and is protected by row-level security.

    `rls_dossier_column` names the column holding the dossier id (the dossier table itself uses
    `id`). Every concrete subclass must get a migration calling `ilot.core.rls.ProtectTable`; the
    catalogue test checks that RLS and FORCE are on for each of them.
    """

    rls_dossier_column: ClassVar[str] = "dossier_id"

    class Meta:
        abstract = True
