"""`weerbaar privacy export|erase|withdraw …`: requests of a data subject (AVG art. 15, 17, 7).

  weerbaar privacy export --person "Naam" --reason "verzoek 2026-12" [--output FILE]
  weerbaar privacy export --key-figure 12 --reason "…"
  weerbaar privacy erase --key-figure 12 --reason "verzoek 2026-13" --confirm
  weerbaar privacy withdraw --key-figure 12 [--on 2026-11-30]

Without --confirm, erase only lists what it would erase. Every action is audited; the
audit event names the record by type and id, never by the person's values.
"""

import json
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from weerbaar.audit.models import Action
from weerbaar.audit.services import record
from weerbaar.privacy.models import ConsentWithdrawal
from weerbaar.privacy.registry import safe_repr
from weerbaar.privacy.subjects import ERASABLE, erase_subject, export_people, find_subjects


def _who(parser):
    parser.add_argument("--person", help="Volledige naam (hoofdletters maken niet uit).")
    parser.add_argument("--key-figure", type=int, help="Id van de sleutelfiguur.")
    parser.add_argument("--key-holder", type=int, help="Id van de sleutelhouder.")


class Command(BaseCommand):
    help = "Inzage-, verwijder- en intrekkingsverzoeken (AVG). Subject access and erasure."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        export = sub.add_parser("export", help="Alle gegevens over één persoon als JSON.")
        _who(export)
        export.add_argument("--reason", required=True, help="Waarom (bijv. nummer van het verzoek).")
        export.add_argument("--output", help="JSON-bestand (standaard: scherm).")
        erase = sub.add_parser("erase", help="Wis een persoon overal, ook in de geschiedenis.")
        _who(erase)
        erase.add_argument("--reason", required=True, help="Waarom (bijv. nummer van het verzoek).")
        erase.add_argument("--confirm", action="store_true", help="Echt wissen.")
        withdraw = sub.add_parser("withdraw", help="Leg vast dat de toestemming is ingetrokken.")
        withdraw.add_argument("--key-figure", type=int)
        withdraw.add_argument("--key-holder", type=int)
        withdraw.add_argument("--on", help="Datum, JJJJ-MM-DD (standaard vandaag).")

    def handle(self, *args, subcommand: str, **options):
        if subcommand == "withdraw":
            return self._withdraw(options)
        if not (options.get("person") or options.get("key_figure") or options.get("key_holder")):
            raise CommandError("Geef --person, --key-figure of --key-holder.")
        subjects = find_subjects(options.get("person"), options.get("key_figure"),
                                 options.get("key_holder"))
        if not subjects:
            raise CommandError("Niemand gevonden met deze gegevens.")
        if subcommand == "export":
            return self._export(subjects, options)
        return self._erase(subjects, options)

    def _export(self, subjects, options):
        query = {k: options.get(k) for k in ("person", "key_figure", "key_holder") if options.get(k)}
        data = export_people(subjects, options["reason"], json.dumps(query, ensure_ascii=False))
        text = json.dumps(data, ensure_ascii=False, indent=1, default=str)
        if options.get("output"):
            with open(options["output"], "w", encoding="utf-8") as out:
                out.write(text + "\n")
            self.stdout.write(f"{len(subjects)} record(s) geschreven naar {options['output']}")
        else:
            self.stdout.write(text)

    def _erase(self, subjects, options):
        refused = [s for s in subjects if s.label not in ERASABLE]
        for subject in refused:
            self.stderr.write(f"overgeslagen: {subject.label} #{subject.obj.pk} "
                              f"(wissen via de beheerder)")
        todo = [s for s in subjects if s.label in ERASABLE]
        if not options["confirm"]:
            for subject in todo:
                self.stdout.write(f"zou wissen: {subject.label} #{subject.obj.pk}")
            self.stdout.write("Niets gewist: voeg --confirm toe om echt te wissen.")
            return
        for subject in todo:
            erase_subject(subject, Action.ERASURE, reason=options["reason"],
                          path="weerbaar privacy erase")
            self.stdout.write(f"gewist: {subject.label} #{subject.obj.pk}")

    def _withdraw(self, options):
        on = timezone.localdate()
        if options.get("on"):
            try:
                on = date.fromisoformat(options["on"])
            except ValueError:
                raise CommandError(f"--on: geen datum '{options['on']}'; schrijf JJJJ-MM-DD.") from None
        found = find_subjects(key_figure=options.get("key_figure"), key_holder=options.get("key_holder"))
        if len(found) != 1:
            raise CommandError("Geef precies één bestaande --key-figure of --key-holder.")
        obj, label = found[0].obj, found[0].label
        field = "key_figure" if label == "network.keyfigure" else "key_holder"
        ConsentWithdrawal.objects.update_or_create(**{field: obj}, defaults={"withdrawn_on": on})
        record(Action.CONSENT, obj, object_repr=safe_repr(obj), reason=f"ingetrokken op {on}",
               path="weerbaar privacy withdraw")
        self.stdout.write(f"toestemming ingetrokken: {label} #{obj.pk} op {on}")
