"""`weerbaar audit verify` and `weerbaar audit export --format csv|json [--since DATE]`.

verify recomputes the whole hash chain: "OK, N events" (exit 0) or the first broken
sequence number (exit 1). export writes the trail to stdout or --output, and is audited.
"""

import csv
import json
import sys
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from weerbaar.audit.chain import verify
from weerbaar.audit.models import Action, AuditEvent, ChainHead
from weerbaar.audit.search import Filters, filtered
from weerbaar.audit.services import record
from weerbaar.audit.views import CSV_COLUMNS, _cell


def _plain(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def verify_chain():
    head = ChainHead.objects.filter(pk=1).values_list("sequence", "hash").first()
    events = AuditEvent.objects.order_by("sequence").iterator(chunk_size=2000)
    return verify(events, head)


class Command(BaseCommand):
    help = "Controleer of exporteer de audittrail. Verify or export the audit trail."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        sub.add_parser("verify", help="Herbereken de hashketen / recompute the hash chain.")
        export = sub.add_parser("export", help="Exporteer als CSV of JSON.")
        export.add_argument("--format", choices=("csv", "json"), default="csv")
        export.add_argument("--since", help="Alleen vanaf deze datum, JJJJ-MM-DD.")
        export.add_argument("--output", help="Bestand (standaard: scherm).")
        export.add_argument("--reason", default="", help="Waarom deze export (komt in de audittrail).")

    def handle(self, *args, subcommand: str, **options):
        if subcommand == "verify":
            return self._verify()
        return self._export(options)

    def _verify(self):
        verdict = verify_chain()
        if verdict.ok:
            self.stdout.write(f"OK, {verdict.count} events (laatste hash {verdict.head_hash})")
            return
        self.stderr.write(f"GEBROKEN bij volgnummer {verdict.first_broken}: {verdict.problem} "
                          f"({verdict.count} gebeurtenissen in orde daarvoor)")
        sys.exit(1)

    def _export(self, options):
        since = None
        if options.get("since"):
            try:
                since = date.fromisoformat(options["since"])
            except ValueError:
                raise CommandError(f"--since: geen datum '{options['since']}'; schrijf JJJJ-MM-DD.") from None
        events = filtered(Filters(since=since)).order_by("sequence")
        plain = options["format"] == "json"
        rows = [{name: _plain(getattr(e, name)) if plain else _cell(getattr(e, name))
                 for name in CSV_COLUMNS} for e in events.iterator()]
        target = options.get("output")
        out = open(target, "w", encoding="utf-8", newline="") if target else self.stdout  # noqa: SIM115
        try:
            if options["format"] == "json":
                out.write(json.dumps(rows, ensure_ascii=False, indent=1) + "\n")
            else:
                writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
                writer.writeheader()
                writer.writerows(rows)
        finally:
            if out is not self.stdout:
                out.close()
        record(Action.EXPORT, reason=options.get("reason", ""), object_type="audit.auditevent",
               object_repr=f"audittrail als {options['format']} ({len(rows)} gebeurtenissen)",
               path="weerbaar audit export")
