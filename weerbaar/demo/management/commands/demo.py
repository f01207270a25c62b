"""`weerbaar demo [--port 8000] [--host 127.0.0.1] [--no-server]`.

Prepares the embedded demo (database under settings.VAR_DIR, migrations, demo data and
accounts) and serves it with Django's development server.
"""

from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from weerbaar.demo.management.commands.load_demo import describe_accounts


class Command(BaseCommand):
    help = "Start de demo: database bijwerken, demodata Bernheze laden en de server starten."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000, help="Poort (standaard 8000).")
        parser.add_argument("--host", default="127.0.0.1", help="Adres (standaard 127.0.0.1).")
        parser.add_argument("--no-server", action="store_true",
                            help="Alles voorbereiden maar de server niet starten (voor tests).")

    def handle(self, *args, port: int, host: str, no_server: bool, **options):
        verbosity = options.get("verbosity", 1)
        Path(settings.VAR_DIR).mkdir(parents=True, exist_ok=True)
        self.stdout.write("Database bijwerken (migrate)…")
        call_command("migrate", interactive=False, verbosity=max(verbosity - 1, 0),
                     stdout=self.stdout, stderr=self.stderr)
        call_command("load_demo", "--no-account-list", stdout=self.stdout, stderr=self.stderr)

        base = f"http://{host}:{port}"
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS("De demo staat klaar:"))
        self.stdout.write(f"  Portal:     {base}/bernheze/  (English: {base}/en/bernheze/)")
        self.stdout.write(f"  Werkruimte: {base}/werkruimte/")
        self.stdout.write(f"  Beheer:     {base}/beheer/")
        self.stdout.write("Inloggen met:")
        for line in describe_accounts():
            self.stdout.write(line)
        if no_server:
            return
        self.stdout.write("")
        self.stdout.write("Stoppen met Ctrl+C.")
        call_command("runserver", f"{host}:{port}", use_reloader=False)
