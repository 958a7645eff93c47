from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ilot.audit.services import audit_verify


class Command(BaseCommand):
    help = "Audit trail tools: `ilot audit verify` checks the whole hash chain."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("verify", help="Verify every event's hash and link; exit 1 if broken.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "verify":
            result = audit_verify()
            if not result.ok:
                raise CommandError(
                    f"Audit chain BROKEN at event #{result.first_broken_seq}: {result.reason} "
                    f"({result.checked} events verified before it)."
                )
            self.stdout.write(
                self.style.SUCCESS(f"Audit chain OK: {result.checked} events verified.")
            )
