from typing import Any

from django.core.management.base import BaseCommand

from ilot.web.demo import ACCOUNTS, demo_password, load_demo


class Command(BaseCommand):
    help = "Load the fixed demo data set (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        dossiers = load_demo()
        self.stdout.write(self.style.SUCCESS(f"Demo data ready: {len(dossiers)} dossiers."))
        self.stdout.write(f"Accounts (password: {demo_password()}):")
        for account in ACCOUNTS:
            self.stdout.write(f"  {account.email:<28} {account.title} — {account.organisation}")
