"""`weerbaar load-demo`: load or refresh the Bernheze demo dataset (idempotent)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from weerbaar.accounts.roles import Role
from weerbaar.demo.loader import (
    DATA_DIR,
    DEMO_ACCOUNTS,
    DEMO_PASSWORD,
    DemoDataError,
    format_summary,
    group_counts,
    load_demo,
    summary,
)


def describe_accounts() -> list[str]:
    lines = []
    for account in DEMO_ACCOUNTS:
        if account.role is None:
            what = "beheerder (superuser, alle rechten)"
        else:
            what = f"rol {Role(account.role).label}"
            if account.organisation:
                what += f", organisatie {account.organisation}"
            if account.community:
                what += f", kern {account.community.replace('-', ' ').title()}"
        lines.append(f"  {account.username:<14} {what}")
    lines.append(f"  wachtwoord voor alle accounts: {DEMO_PASSWORD}")
    lines.append("  Alleen voor de demo: gebruik deze accounts en dit wachtwoord nooit in productie.")
    return lines


class Command(BaseCommand):
    help = ("Laadt de demodataset Bernheze (weerbaar/demo/data/*.yaml) en de demo-accounts. "
            "Twee keer draaien verandert niets.")

    def add_arguments(self, parser):
        parser.add_argument("--data-dir", type=Path, default=DATA_DIR,
                            help="Map met de YAML-bestanden (standaard de meegeleverde demodata).")
        parser.add_argument("--no-accounts", action="store_true",
                            help="Maak of wijzig geen demo-accounts.")
        parser.add_argument("--no-account-list", action="store_true",
                            help="Toon de demo-accounts niet (`weerbaar demo` toont ze zelf).")

    def handle(self, *args, data_dir: Path, no_accounts: bool, no_account_list: bool, **options):
        try:
            report = load_demo(data_dir, accounts=not no_accounts)
        except DemoDataError as exc:
            raise CommandError(
                "De demodata is niet geladen (er is niets gewijzigd):\n"
                + "\n".join(f"  - {message}" for message in exc.errors)) from None
        created, updated = sum(report.created.values()), sum(report.updated.values())
        self.stdout.write(self.style.SUCCESS(
            f"Demodata Bernheze geladen: {created} nieuw, {updated} gewijzigd, "
            f"{sum(report.unchanged.values())} ongewijzigd."))
        self.stdout.write("")
        self.stdout.write(format_summary(summary()))
        self.stdout.write("")
        for label, count in group_counts().items():
            self.stdout.write(f"  {label}: {count}")
        if report.accounts and not no_account_list:
            self.stdout.write("")
            self.stdout.write("Demo-accounts:")
            for line in describe_accounts():
                self.stdout.write(line)
