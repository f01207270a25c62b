"""`weerbaar print-editions OUTDIR [--municipality SLUG] [--generated-by NAME]`.

Regenerates every printed edition, for a nightly schedule (see docs/operations.md):
* OUTDIR/boekje-<gemeente>-<kern>.pdf: the public community booklets;
* OUTDIR/vertrouwelijk/crisiseditie-<gemeente>.pdf and crisiseditie-<gemeente>-<kern>.pdf:
  the restricted crisis editions, with a README saying who may see them. That folder and its
  files are readable by the owner only. Every crisis edition is logged (weerbaar.privacy).
"""

import getpass
import logging
import os
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.template.loader import render_to_string
from django.utils import timezone

from weerbaar.places.models import Municipality
from weerbaar.reports import pdf

log = logging.getLogger("weerbaar.reports")
CONFIDENTIAL_DIR = "vertrouwelijk"


def _system_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # pragma: no cover - no user name in the environment
        return str(os.getuid())


class Command(BaseCommand):
    help = ("Maak alle boekjes en crisisedities opnieuw (PDF), voor een nachtelijke taak. "
            "Regenerate all printed editions.")

    def add_arguments(self, parser):
        parser.add_argument("outdir", help="Map voor de edities (wordt gemaakt als ze ontbreekt).")
        parser.add_argument("--municipality", metavar="SLUG", help="Alleen deze gemeente.")
        parser.add_argument("--generated-by", metavar="NAME",
                            help="Naam die op elke crisiseditie staat en in het logboek komt "
                                 "(standaard: de systeemgebruiker).")

    def handle(self, *args, outdir: str, municipality: str | None, generated_by: str | None,
               **options):
        started = time.perf_counter()
        target = Path(outdir)
        confidential = target / CONFIDENTIAL_DIR
        try:
            target.mkdir(parents=True, exist_ok=True)
            confidential.mkdir(exist_ok=True)
            confidential.chmod(0o700)
        except OSError as error:
            raise CommandError(f"Kan {target} niet maken (cannot create): {error.strerror}") from None
        municipalities = Municipality.objects.order_by("name")
        if municipality:
            municipalities = municipalities.filter(slug=municipality)
            if not municipalities.exists():
                raise CommandError(f"Onbekende gemeente: {municipality!r} (unknown municipality).")
        who = generated_by or f"weerbaar print-editions ({_system_user()})"

        booklets, crisis = [], []
        for place in municipalities:
            communities = list(place.communities.order_by("name"))
            for community in communities:
                printed = pdf.booklet_pdf(community)
                (target / printed.filename).write_bytes(printed.pdf)
                log.info("public booklet generated: what=%s version=%s seconds=%.2f",
                         printed.filename, printed.edition.stamp.version, printed.seconds)
                booklets.append(printed)
                self.stdout.write(f"  {printed.filename:<48} {printed.seconds:5.2f} s")
            for community in [None, *communities]:
                printed = pdf.crisis_pdf(place, community, who, via="command print-editions")
                path = confidential / printed.filename
                path.write_bytes(printed.pdf)
                path.chmod(0o600)
                crisis.append(printed)
                self.stdout.write(f"  {CONFIDENTIAL_DIR}/{printed.filename:<35} "
                                  f"{printed.seconds:5.2f} s")

        readme = confidential / "README.txt"
        readme.write_text(render_to_string("reports/vertrouwelijk_README.txt", {
            "generated_by": who, "generated_at": timezone.localtime(),
            "files": [p.filename for p in crisis]}), encoding="utf-8")
        readme.chmod(0o600)

        def mean(items):
            return sum(p.seconds for p in items) / len(items) if items else 0.0

        self.stdout.write(self.style.SUCCESS(
            f"{len(booklets)} boekjes (gemiddeld {mean(booklets):.2f} s) en "
            f"{len(crisis)} crisisedities (gemiddeld {mean(crisis):.2f} s) in "
            f"{time.perf_counter() - started:.1f} s naar {target}."))
