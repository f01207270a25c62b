"""`weerbaar apply-retention [--dry-run]`: erase personal data whose retention has passed.

Run daily (cron, see docs/operations.md). Each erasure is audited; a second run finds
nothing to do.
"""

from django.core.management.base import BaseCommand

from weerbaar.privacy import retention


class Command(BaseCommand):
    help = ("Wis persoonsgegevens waarvan de bewaartermijn voorbij is. "
            "Erase personal data past its retention period.")

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true",
                            help="Toon alleen wat gewist zou worden / only show what would be erased.")

    def handle(self, *args, dry_run: bool = False, **options):
        items = retention.apply(dry_run=dry_run)
        verb = "zou wissen" if dry_run else "gewist"
        for item in items:
            obj = item.subject.obj
            self.stdout.write(f"{verb}: {item.subject.label} #{obj.pk} ({item.why})")
        self.stdout.write(f"{len(items)} {'te wissen' if dry_run else 'gewist'}.")
