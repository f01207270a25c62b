"""What an import reports: every problem with its file line, column and reason."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an import: where (file line, column) and why (Dutch)."""

    line: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = []
        if self.line is not None:
            where.append(_("regel %(line)s") % {"line": self.line})
        if self.column:
            where.append(_("kolom %(column)s") % {"column": self.column})
        return f"{', '.join(where) or _('bestand')}: {self.message}"


@dataclass
class ImportReport:
    """What an import did, or would do (dry run), and everything that stopped it."""

    model: str
    format: str | None = None
    dry_run: bool = False
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)
    #: the django-import-export Result of the last run (for the admin preview and log)
    result: object | None = field(default=None, repr=False, compare=False)

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        if not self.ok:
            count = len(self.problems)
            return ngettext("%(count)s probleem gevonden; er is niets opgeslagen.",
                            "%(count)s problemen gevonden; er is niets opgeslagen.",
                            count) % {"count": count}
        text = _("%(created)s nieuw, %(updated)s bijgewerkt, %(unchanged)s ongewijzigd") % {
            "created": self.created, "updated": self.updated, "unchanged": self.unchanged}
        if self.dry_run:
            return _("Proefimport zonder fouten: %(text)s; er is niets opgeslagen.") % {"text": text}
        return _("Geïmporteerd: %(text)s.") % {"text": text}
