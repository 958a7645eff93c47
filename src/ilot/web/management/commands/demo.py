from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from ilot.web.demo import ACCOUNTS, demo_password, load_demo


class Command(BaseCommand):
    help = "Load the fixed demo data set (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--no-documents", action="store_true", help="skip the demo data-room documents"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        dossiers = load_demo(documents=not options["no_documents"])
        self.stdout.write(self.style.SUCCESS(f"Demo data ready: {len(dossiers)} dossiers."))
        self.stdout.write(f"Accounts (password: {demo_password()}):")
        for account in ACCOUNTS:
            self.stdout.write(f"  {account.email:<28} {account.title} — {account.organisation}")
