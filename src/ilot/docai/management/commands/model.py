"""``ilot model list|register|activate|export-corrections``: the lifecycle of model versions.

Retraining from human reviews, for one client (see docs/docai.md):

    ilot model export-corrections --client 12 --out var/corrections-12
    ilot train --corpus var/corpus --corpus ../shared/corpus/real-dev \
        --corpus var/corrections-12 --seed 1 --out var/models/client-12-v2
    ilot model register var/models/client-12-v2 --client 12
    # then an administrator activates it on /governance/models/ (or `ilot model activate`)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ilot.core.exceptions import IlotError


class Command(BaseCommand):
    help = "Model versions: list, register an artefact, activate (administrator), export reviews."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("list", help="Registered versions, their scope and whether active.")
        register = sub.add_parser("register", help="Register an artefact written by ilot train.")
        register.add_argument("directory", type=Path)
        register.add_argument("--client", type=int, help="organisation id of a per-client model")
        activate = sub.add_parser("activate", help="Activate a version (platform administrator).")
        activate.add_argument("version")
        activate.add_argument("--by", required=True, help="e-mail of the administrator")
        export = sub.add_parser("export-corrections", help="Reviewed documents as a corpus.")
        export.add_argument("--out", type=Path, required=True)
        group = export.add_mutually_exclusive_group(required=True)
        group.add_argument("--client", type=int, help="organisation id of the client")
        group.add_argument(
            "--pooled", action="store_true", help="all clients (needs ILOT_DOCAI_POOL_CORRECTIONS)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from ilot.core import rls

        try:
            with rls.as_system():
                getattr(self, "_" + options["action"].replace("-", "_"))(options)
        except IlotError as exc:
            raise CommandError(exc.message) from exc

    def _list(self, options: dict[str, Any]) -> None:
        from ilot.docai.lifecycle import model_registry_sync
        from ilot.docai.models import ModelVersion

        model_registry_sync()
        for m in ModelVersion.objects.select_related("client").order_by("created_at"):
            scope = m.client.name if m.client else "shared"
            subsets = m.validation.get("subsets", {}).get("all", {})
            self.stdout.write(
                f"{'*' if m.is_active else ' '} {m.version:<40} {scope:<24} "
                f"macro-F1 {subsets.get('macro_f1', 0):.3f}  {m.directory}"
            )

    def _register(self, options: dict[str, Any]) -> None:
        from ilot.docai.lifecycle import model_register

        model = model_register(options["directory"], client_id=options.get("client"))
        self.stdout.write(f"registered {model.version} (not active) from {model.directory}")

    def _activate(self, options: dict[str, Any]) -> None:
        from ilot.docai.lifecycle import model_activate
        from ilot.docai.models import ModelVersion
        from ilot.tenancy.models import User

        actor = User.objects.filter(email__iexact=options["by"], is_active=True).first()
        if actor is None:
            raise CommandError(f"no active account {options['by']}")
        model = ModelVersion.objects.filter(version=options["version"]).first()
        if model is None:
            raise CommandError(f"no registered version {options['version']}")
        model_activate(actor=actor, model_id=model.pk)
        self.stdout.write(self.style.SUCCESS(f"{model.version} is now active"))

    def _export_corrections(self, options: dict[str, Any]) -> None:
        from ilot.docai.lifecycle import corrections_export

        written = corrections_export(
            out=options["out"], client_id=options.get("client"), pooled=options["pooled"]
        )
        self.stdout.write(f"{written} reviewed documents written to {options['out']}/labels.tsv")
